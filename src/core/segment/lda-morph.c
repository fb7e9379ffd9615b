/* lda-morph.c — closing and hole filling (pipeline.md §3)
 *
 * Binary morphology on bit planes.  A dilation by the elliptical element is
 * the union, over the element's rows, of a horizontal run dilation shifted
 * vertically; a run dilation of a row is a handful of word shifts, made
 * once a source row and kept in a ring of the rows an output row needs.  Erosion
 * is the complement of the dilation of the complement, which gives exactly
 * the border rule of pipeline.md §3: outside pixels are background to a dilation
 * and foreground to an erosion.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-components.h"
#include "lda-error.h"
#include "lda-morph.h"
#include "lda-params.h"

/**
 * lda_ellipse:
 * @kernel: side of the element, 1 to %LDA_KERNEL_MAX
 * @element: (out caller-allocates): kernel × kernel bytes, 1 where set
 *
 * The elliptical structuring element exactly as OpenCV's
 * getStructuringElement(MORPH_ELLIPSE) builds it: with r = c = kernel / 2,
 * row i spans columns max(c − dx, 0) to min(c + dx + 1, kernel), where
 * dx = round(c · sqrt((r² − dy²) / r²)) and dy = i − r.  Rounding is to
 * nearest even, as OpenCV's saturate_cast does.
 */
void
lda_ellipse (guint   kernel,
             guint8 *element)
{
  int k = (int) kernel;
  int r = k / 2;
  int c = k / 2;
  double inv_r2 = r ? 1.0 / ((double) r * r) : 0.0;

  memset (element, 0, (gsize) k * k);

  if (k == 1)
    {
      element[0] = 1;
      return;
    }

  for (int i = 0; i < k; i++)
    {
      int dy = i - r;

      if (ABS (dy) <= r)
        {
          int dx = (int) lrint (c * sqrt ((r * r - dy * dy) * inv_r2));
          int j1 = MAX (c - dx, 0);
          int j2 = MIN (c + dx + 1, k);

          for (int j = j1; j < j2; j++)
            element[i * k + j] = 1;
        }
    }
}

/* dst bit x = OR of src bits x + a … x + b (a ≤ b, both within 63 of 0:
 * kernels are at most LDA_KERNEL_MAX), outside = 0, in one pass: each
 * shifted copy of the row is made from a word and its neighbour. */
static void
row_window_or (guint64       *dst,
               const guint64 *src,
               gsize          n,
               int            a,
               int            b,
               guint64        last_mask)
{
  memset (dst, 0, n * sizeof *dst);
  /* One shift at a time over the whole row: loops without a branch,
   * which the compiler makes vector code of. */
  for (int s = a; s <= b; s++)
    if (s == 0)
      for (gsize i = 0; i < n; i++)
        dst[i] |= src[i];
    else if (s > 0)
      {
        for (gsize i = 0; i + 1 < n; i++)
          dst[i] |= (src[i] >> s) | (src[i + 1] << (64 - s));
        dst[n - 1] |= src[n - 1] >> s;
      }
    else
      {
        dst[0] |= src[0] << -s;
        for (gsize i = 1; i < n; i++)
          dst[i] |= (src[i] << -s) | (src[i - 1] >> (64 + s));
      }

  dst[n - 1] &= last_mask;
}

typedef struct
{
  int dy;      /* row offset of this element row */
  int window;  /* index of its horizontal window */
} ElementRow;

/* The elliptical element as rows of horizontal windows: each element
 * row is one run of columns, and equal runs share a window. */
typedef struct
{
  int        r;
  int        n_rows;
  int        n_windows;
  ElementRow rows[LDA_KERNEL_MAX];
  int        window_a[LDA_KERNEL_MAX];
  int        window_b[LDA_KERNEL_MAX];
} Element;

static void
element_init (Element *e,
              guint    kernel)
{
  const int k = (int) kernel;
  const int c = k / 2;
  guint8 element[LDA_KERNEL_MAX * LDA_KERNEL_MAX];

  lda_ellipse (kernel, element);
  e->r = k / 2;
  e->n_rows = e->n_windows = 0;
  for (int i = 0; i < k; i++)
    {
      int j0 = -1, j1 = -1, w;

      for (int j = 0; j < k; j++)
        if (element[i * k + j])
          {
            if (j0 < 0)
              j0 = j;
            j1 = j;
          }
      if (j0 < 0)
        continue;

      for (w = 0; w < e->n_windows; w++)
        if (e->window_a[w] == j0 - c && e->window_b[w] == j1 - c)
          break;
      if (w == e->n_windows)
        {
          e->window_a[w] = j0 - c;
          e->window_b[w] = j1 - c;
          e->n_windows++;
        }
      e->rows[e->n_rows].dy = i - e->r;
      e->rows[e->n_rows].window = w;
      e->n_rows++;
    }
}

/* @dst = OR over the element of src(x + dx, y + dy), outside = 0; with
 * @complement, of the complement of @src, and @dst complemented: an
 * erosion, with outside = foreground.  Row by row: each source row's
 * windows are made once, into a ring of the 2r + 1 rows an output row
 * needs, which stays in the cache, and each output row is the OR of its
 * element rows' windows. */
static gboolean
morph_into (const LdaBitplane *src,
            guint              kernel,
            gboolean           complement,
            LdaBitplane       *dst,
            GError           **error)
{
  const gsize n = src->stride;
  const guint h = src->height;
  const guint64 last_mask = lda_bitplane_last_mask (src);
  Element e;
  guint span;
  g_autofree guint64 *ring = NULL;
  g_autofree guint64 *flipped = NULL;
  guint next_source = 0;

  g_return_val_if_fail (kernel >= 1 && kernel <= LDA_KERNEL_MAX, FALSE);

  element_init (&e, kernel);
  span = 2 * (guint) e.r + 1;
  ring = g_try_malloc_n ((gsize) span * e.n_windows * n, sizeof (guint64));
  flipped = g_try_malloc_n (n, sizeof (guint64));
  if (ring == NULL || flipped == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for a %u × %u mask"), src->width, h);
      return FALSE;
    }

  for (guint y = 0; y < h; y++)
    {
      guint64 *out = lda_bitplane_row (dst, y);

      /* The windows of the source rows up to y + r. */
      for (; next_source < h && next_source <= y + (guint) e.r; next_source++)
        {
          const guint64 *in = lda_bitplane_row (src, next_source);
          guint64 *slot = ring + (gsize) (next_source % span) * e.n_windows * n;

          if (complement)
            {
              for (gsize j = 0; j < n; j++)
                flipped[j] = ~in[j];
              flipped[n - 1] &= last_mask;
              in = flipped;
            }
          for (int w = 0; w < e.n_windows; w++)
            row_window_or (slot + (gsize) w * n, in, n, e.window_a[w], e.window_b[w], last_mask);
        }

      memset (out, 0, n * sizeof *out);
      for (int i = 0; i < e.n_rows; i++)
        {
          gint64 sy = (gint64) y + e.rows[i].dy;
          const guint64 *win;

          if (sy < 0 || sy >= h)
            continue;
          win = ring + ((gsize) (sy % span) * e.n_windows + e.rows[i].window) * n;
          for (gsize j = 0; j < n; j++)
            out[j] |= win[j];
        }
      if (complement)
        {
          for (gsize j = 0; j < n; j++)
            out[j] = ~out[j];
          out[n - 1] &= last_mask;
        }
    }

  return TRUE;
}

static LdaBitplane *
morph_new (const LdaBitplane *src,
           guint              kernel,
           gboolean           complement,
           GError           **error)
{
  g_autoptr(LdaBitplane) dst = lda_bitplane_new (src->width, src->height, error);

  if (dst == NULL || !morph_into (src, kernel, complement, dst, error))
    return NULL;

  return g_steal_pointer (&dst);
}

/**
 * lda_morph_dilate:
 * @src: a binary image
 * @kernel: side of the elliptical element
 * @error: return location for an error
 *
 * One dilation: a pixel is set when any pixel under the element placed at
 * its anchor (c, r) is set; pixels outside the image count as background.
 *
 * Returns: (transfer full) (nullable): the dilated plane
 */
LdaBitplane *
lda_morph_dilate (const LdaBitplane *src,
                  guint              kernel,
                  GError           **error)
{
  return morph_new (src, kernel, FALSE, error);
}

/**
 * lda_morph_erode:
 * @src: a binary image
 * @kernel: side of the elliptical element
 * @error: return location for an error
 *
 * One erosion: a pixel stays set when every pixel under the element is
 * set; pixels outside the image count as foreground.
 *
 * Returns: (transfer full) (nullable): the eroded plane
 */
LdaBitplane *
lda_morph_erode (const LdaBitplane *src,
                 guint              kernel,
                 GError           **error)
{
  return morph_new (src, kernel, TRUE, error);
}

/**
 * lda_fill_holes:
 * @src: a binary image
 * @error: return location for an error
 *
 * A background pixel stays background only if a 4-connected path of
 * background pixels joins it to the outside of the image; every other
 * background pixel becomes foreground.  Works on runs: the background runs
 * are labelled 4-connected, and the components that touch the image's
 * edge are the outside.
 *
 * Returns: (transfer full) (nullable): the filled plane
 */
LdaBitplane *
lda_fill_holes (const LdaBitplane *src,
                GError           **error)
{
  g_autoptr(LdaRuns) runs = NULL;
  g_autoptr(LdaBitplane) out = NULL;
  g_autofree gboolean *outside = NULL;
  const guint w = src->width;
  const guint h = src->height;

  runs = lda_runs_new_from_bitplane (src, FALSE, error);
  if (runs == NULL)
    return NULL;
  lda_runs_label (runs, 4);

  outside = g_new0 (gboolean, runs->n_components);
  for (gsize i = 0; i < runs->n_runs; i++)
    {
      const LdaRun *run = &runs->runs[i];

      if (run->y == 0 || run->y == h - 1 || run->x0 == 0 || run->x1 == w)
        outside[runs->labels[i]] = TRUE;
    }

  /* The holes are painted in: there are far fewer of their runs than of
   * the outside's. */
  out = lda_bitplane_copy (src, error);
  if (out == NULL)
    return NULL;

  for (gsize i = 0; i < runs->n_runs; i++)
    if (!outside[runs->labels[i]])
      lda_runs_paint (&runs->runs[i], out, TRUE);

  return g_steal_pointer (&out);
}

/**
 * lda_morph_close_into:
 * @src: a binary image
 * @kernel: side of the elliptical element
 * @scratch: a plane of @src's size, overwritten
 * @dst: (out caller-allocates): a plane of @src's size: the closing; it
 *   may be @src itself, which the first pass alone reads
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * pipeline.md §3 without the holes: dilate twice, erode twice, into
 * planes the caller has.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_morph_close_into (const LdaBitplane  *src,
                      guint               kernel,
                      LdaBitplane        *scratch,
                      LdaBitplane        *dst,
                      GCancellable       *cancellable,
                      GError            **error)
{
  return morph_into (src, kernel, FALSE, scratch, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         morph_into (scratch, kernel, FALSE, dst, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         morph_into (dst, kernel, TRUE, scratch, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         morph_into (scratch, kernel, TRUE, dst, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * lda_morph_close_fill:
 * @src: the binarised channel
 * @kernel: side of the elliptical element
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * pipeline.md §3: dilate twice, erode twice, fill holes.
 *
 * Returns: (transfer full) (nullable): the mask, or %NULL if cancelled or
 *   out of memory
 */
LdaBitplane *
lda_morph_close_fill (const LdaBitplane *src,
                      guint              kernel,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(LdaBitplane) a = lda_bitplane_new (src->width, src->height, error);
  g_autoptr(LdaBitplane) b = a != NULL ? lda_bitplane_new (src->width, src->height, error) : NULL;

  if (b == NULL || !lda_morph_close_into (src, kernel, a, b, cancellable, error))
    return NULL;

  return lda_fill_holes (b, error);
}
