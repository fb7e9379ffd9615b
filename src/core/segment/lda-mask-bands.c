/* lda-mask-bands.c — a channel's mask in bands of rows, on two threads
 * (pipeline.md §3)
 *
 * The mask — the channel above its threshold, closed, its holes filled —
 * is the one stage of a slider's change that ran on one processor while
 * the other waited.  Its rows are cut into bands, four on a large frame,
 * which the caller and a second thread take one at a time until none is
 * left (lda-helper.c): the second thread starts a little later, and the
 * caller takes the more bands.
 *
 * - A band is thresholded and closed with a margin of rows beyond its
 *   edge: each of the closing's four passes reaches r = kernel / 2 rows
 *   further, so with 4r rows of margin a band's own rows are those of
 *   the whole image's closing, byte for byte; only the image's own edges
 *   are edges to the passes, as pipeline.md §3 asks.
 * - A band's background runs are labelled 4-connected on their own.  A
 *   component that reaches the image's edge is outside; one that reaches
 *   a cut may be either, until the bands are joined there: the
 *   components of a band's last row and the next band's first that
 *   touch are one, outside if either is.  The rest are holes, and are
 *   painted in.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-components.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-mask-bands.h"
#include "lda-morph.h"
#include "lda-union-find.h"

/* Below this many pixels one thread makes the whole mask; else bands
 * of this many rows at least, up to MAX_BANDS. */
#define MIN_PIXELS_FOR_TWO (512 * 512)
#define MIN_BAND_ROWS      64
#define MAX_BANDS          4

typedef struct
{
  const LdaImage *source;
  gint64          threshold;
  guint           kernel;
  guint           y0;        /* the band's rows: y0 … y1 − 1 */
  guint           y1;
  LdaBitplane    *mask;      /* the whole mask; the band writes its rows */
  LdaRuns        *runs;      /* the band's background runs, labelled */
  GCancellable   *cancellable;
  GError         *error;
} Band;

typedef struct
{
  Band  bands[MAX_BANDS];
  guint n_bands;
  gint  next;                /* the next band not taken */
} Bands;

/* Thresholds and closes @band's rows with their margin, copies its own
 * rows into the mask and labels its background.  Returns %FALSE if
 * cancelled or out of memory. */
static gboolean
make_band (Band *band)
{
  const LdaBitplane *mask = band->mask;
  const guint margin = 4 * (band->kernel / 2);
  const guint h0 = band->y0 > margin ? band->y0 - margin : 0;
  const guint h1 = MIN (band->y1 + margin, mask->height);
  g_autoptr(LdaBitplane) band_rows = NULL;
  g_autoptr(LdaBitplane) scratch = NULL;
  LdaBitplane rows;

  if (!(band_rows = lda_bitplane_new (mask->width, h1 - h0, &band->error)) ||
      !(scratch = lda_bitplane_new (mask->width, h1 - h0, &band->error)))
    return FALSE;
  /* Thresholded, then closed where it is. */
  lda_bitplane_threshold_rows (band_rows, band->source, band->threshold, h0);
  if (!lda_morph_close_into (band_rows, band->kernel, scratch, band_rows, band->cancellable,
                             &band->error))
    return FALSE;
  memcpy (lda_bitplane_row (mask, band->y0), lda_bitplane_row (band_rows, band->y0 - h0),
          (gsize) (band->y1 - band->y0) * mask->stride * sizeof (guint64));

  /* The band's own rows of the mask, as a plane of their own. */
  rows = (LdaBitplane) { mask->width, band->y1 - band->y0, mask->stride,
                         (guint64 *) lda_bitplane_row (mask, band->y0) };
  if (!(band->runs = lda_runs_new_from_bitplane (&rows, FALSE, &band->error)))
    return FALSE;
  lda_runs_label (band->runs, 4);

  return TRUE;
}

/* Makes bands until none is left, on the caller's thread and the
 * helper's. */
static void
make_bands (Bands *self)
{
  for (;;)
    {
      guint b = (guint) g_atomic_int_add (&self->next, 1);

      if (b >= self->n_bands)
        break;
      make_band (&self->bands[b]);
    }
}

static gpointer
make_bands_thread (gpointer data)
{
  make_bands (data);
  return NULL;
}

/* Joins the components of the runs of the last row of @above and the
 * first of @below that overlap (4-connected), their first indices in
 * @parent @first_above and @first_below. */
static void
join_at_cut (const LdaRuns *above,
             guint          first_above,
             const LdaRuns *below,
             guint          first_below,
             guint32       *parent,
             gboolean      *outside)
{
  const guint last = above->height - 1;
  gsize i = above->row_start[last], j = below->row_start[0];

  while (i < above->row_start[last + 1] && j < below->row_start[1])
    {
      const LdaRun *a = &above->runs[i], *c = &below->runs[j];

      if (a->x0 < c->x1 && c->x0 < a->x1)
        {
          guint ra = lda_union_find_root (parent, first_above + above->labels[i]);
          guint rc = lda_union_find_root (parent, first_below + below->labels[j]);

          if (ra != rc)
            {
              parent[rc] = ra;
              outside[ra] = outside[ra] || outside[rc];
            }
        }
      if (a->x1 <= c->x1)
        i++;
      else
        j++;
    }
}

/* Marks the components that reach the image's edge outside, joins those
 * of neighbouring bands that touch at their cut, and paints the rest in. */
static gboolean
fill_holes (Bands        *self,
            LdaBitplane  *mask,
            GError      **error)
{
  const guint w = mask->width;
  guint first[MAX_BANDS + 1] = { 0, };
  g_autofree guint32 *parent = NULL;
  g_autofree gboolean *outside = NULL;
  g_autofree gboolean *hole = NULL;
  guint n = 0;

  for (guint b = 0; b < self->n_bands; b++)
    {
      first[b] = n;
      n += self->bands[b].runs->n_components;
    }
  first[self->n_bands] = n;
  parent = g_try_new (guint32, MAX (n, 1));
  outside = g_try_new0 (gboolean, MAX (n, 1));
  hole = g_try_new (gboolean, MAX (n, 1));
  if (parent == NULL || outside == NULL || hole == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for a %u × %u mask"), w, mask->height);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    parent[i] = i;

  /* Outside: what reaches the image's first or last row, or a row's
   * first or last column (a row's first or last run, if any). */
  for (guint b = 0; b < self->n_bands; b++)
    {
      const Band *band = &self->bands[b];
      const LdaRuns *runs = band->runs;

      for (guint y = 0; y < runs->height; y++)
        {
          const gsize r0 = runs->row_start[y], r1 = runs->row_start[y + 1];
          const gboolean edge_row = band->y0 + y == 0 || band->y0 + y + 1 == mask->height;

          if (r0 == r1)
            continue;
          if (edge_row)
            for (gsize i = r0; i < r1; i++)
              outside[first[b] + runs->labels[i]] = TRUE;
          if (runs->runs[r0].x0 == 0)
            outside[first[b] + runs->labels[r0]] = TRUE;
          if (runs->runs[r1 - 1].x1 == w)
            outside[first[b] + runs->labels[r1 - 1]] = TRUE;
        }
    }

  for (guint b = 0; b + 1 < self->n_bands; b++)
    join_at_cut (self->bands[b].runs, first[b], self->bands[b + 1].runs, first[b + 1],
                 parent, outside);

  /* Each component's answer once, then its runs painted if a hole. */
  for (guint i = 0; i < n; i++)
    hole[i] = !outside[lda_union_find_root (parent, i)];
  for (guint b = 0; b < self->n_bands; b++)
    {
      const Band *band = &self->bands[b];
      const LdaRuns *runs = band->runs;

      for (gsize i = 0; i < runs->n_runs; i++)
        if (hole[first[b] + runs->labels[i]])
          {
            LdaRun run = runs->runs[i];

            run.y += band->y0;
            lda_runs_paint (&run, mask, TRUE);
          }
    }

  return TRUE;
}

/**
 * lda_mask_bands_new:
 * @source: the channel (or the Sobel of the brightfield)
 * @threshold: pixels strictly greater are set (pipeline.md §1)
 * @kernel: side of the closing's elliptical element
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * The mask of lda_bitplane_threshold() and lda_morph_close_fill(), the
 * same bits, made in bands of rows on two threads where the image is
 * large enough.
 *
 * Returns: (transfer full) (nullable): the mask, or %NULL if cancelled or
 *   out of memory
 */
LdaBitplane *
lda_mask_bands_new (const LdaImage  *source,
                    gint64           threshold,
                    guint            kernel,
                    GCancellable    *cancellable,
                    GError         **error)
{
  const guint h = source->height;
  g_autoptr(LdaBitplane) mask = lda_bitplane_new (source->width, h, error);
  Bands self = { 0, };
  LdaHelper *helper = NULL;
  gboolean ok = TRUE;

  if (mask == NULL)
    return NULL;

  self.n_bands = (gsize) source->width * h < MIN_PIXELS_FOR_TWO ? 1 :
                 CLAMP (h / MIN_BAND_ROWS, 1, MAX_BANDS);
  for (guint b = 0; b < self.n_bands; b++)
    self.bands[b] = (Band) { source, threshold, kernel, h * b / self.n_bands,
                             h * (b + 1) / self.n_bands, mask, NULL, cancellable, NULL };

  if (self.n_bands > 1)
    helper = lda_helper_start ("lda-mask", make_bands_thread, &self);
  make_bands (&self);
  lda_helper_finish (helper);

  for (guint b = 0; b < self.n_bands; b++)
    if (self.bands[b].error != NULL)
      {
        if (ok)
          g_propagate_error (error, g_steal_pointer (&self.bands[b].error));
        ok = FALSE;
      }
  if (ok && !fill_holes (&self, mask, error))
    ok = FALSE;

  for (guint b = 0; b < self.n_bands; b++)
    {
      g_clear_error (&self.bands[b].error);
      lda_runs_free (self.bands[b].runs);
    }

  return ok ? g_steal_pointer (&mask) : NULL;
}
