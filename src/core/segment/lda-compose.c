/* lda-compose.c — the label mask and its objects (pipeline.md §6, §7)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lda-compose.h"
#include "lda-compose-private.h"
#include "lda-helper.h"

static const char * const class_names[LDA_N_CLASSES] = {
  N_("background"), N_("cell area"), N_("cell outline"), N_("Hoechst nucleus"), N_("Draq7 nucleus"),
};

/**
 * lda_class_name:
 * @klass: a class value
 *
 * Returns: its name ("background", "cell area", "cell outline",
 *   "Hoechst nucleus", "Draq7 nucleus")
 */
const char *
lda_class_name (LdaClass klass)
{
  g_return_val_if_fail (klass < LDA_N_CLASSES, NULL);

  return _(class_names[klass]);
}

/**
 * lda_compose:
 * @regions: the flooded regions
 * @hoechst: the Hoechst mask
 * @draq7: the Draq7 mask
 * @error: return location for an error
 *
 * Starts at background and paints, later winning: cells → 1, outlines → 2
 * (not on the image's outermost ring), Hoechst → 3, Draq7 → 4.
 *
 * Returns: (transfer full) (nullable): a #LDA_PIXEL_U8 label mask
 */
LdaImage *
lda_compose (const LdaRegions  *regions,
             const LdaBitplane *hoechst,
             const LdaBitplane *draq7,
             GError           **error)
{
  const guint w = regions->width;
  const guint h = regions->height;
  LdaImage *labels = lda_image_new_uninitialized (LDA_PIXEL_U8, w, h, error);

  if (labels == NULL)
    return NULL;

  for (guint y = 0; y < h; y++)
    {
      const gint32 *r = regions->regions + (gsize) y * w;
      const guint64 *ho = lda_bitplane_row (hoechst, y);
      const guint64 *dr = lda_bitplane_row (draq7, y);
      guint8 *out = lda_image_u8 (labels) + (gsize) y * w;
      gboolean ring_row = y == 0 || y == h - 1;

      for (guint x = 0; x < w; x++)
        {
          guint8 v = LDA_CLASS_BACKGROUND;
          guint64 bit = G_GUINT64_CONSTANT (1) << (x & 63);

          if (r[x] >= LDA_REGION_FIRST_CELL)
            v = LDA_CLASS_CELL;
          else if (r[x] == LDA_REGION_OUTLINE && !ring_row && x != 0 && x != w - 1)
            v = LDA_CLASS_OUTLINE;
          if (ho[x >> 6] & bit)
            v = LDA_CLASS_HOECHST;
          if (dr[x >> 6] & bit)
            v = LDA_CLASS_DRAQ7;
          out[x] = v;
        }
    }

  return labels;
}

/**
 * lda_compose_objects:
 * @regions: the flooded regions, seeded by @nuclei's objects
 * @nuclei: the nucleus objects
 * @counts: their calls (lda_counts_new_full() with per-object evidence)
 * @error: return location for an error
 *
 * The label mask of nucleus objects: cells → 1, outlines → 2 (not on the
 * image's outermost ring), then each object whole → 3 if live or 4 if
 * dead, then the split lines → 2.  No two objects are 4-neighbours, so
 * the 4-connected components of classes 3 and 4 are the objects, and
 * counting them gives the live and dead counts.
 *
 * Returns: (transfer full) (nullable): a #LDA_PIXEL_U8 label mask
 */
LdaImage *
lda_compose_objects (const LdaRegions  *regions,
                     const LdaNuclei   *nuclei,
                     const LdaCounts   *counts,
                     GError           **error)
{
  const guint w = regions->width;
  const guint h = regions->height;
  const LdaRuns *objects = regions->nuclei;
  LdaImage *labels;

  g_return_val_if_fail (counts->n_objects == objects->n_components, NULL);

  labels = lda_image_new_uninitialized (LDA_PIXEL_U8, w, h, error);
  if (labels == NULL)
    return NULL;

  for (guint y = 0; y < h; y++)
    {
      const gint32 *r = regions->regions + (gsize) y * w;
      const guint64 *lines = lda_bitplane_row (nuclei->lines, y);
      guint8 *out = lda_image_u8 (labels) + (gsize) y * w;
      gboolean ring_row = y == 0 || y == h - 1;

      for (guint x = 0; x < w; x++)
        {
          guint8 v = LDA_CLASS_BACKGROUND;

          if (r[x] >= LDA_REGION_FIRST_CELL)
            v = LDA_CLASS_CELL;
          else if (r[x] == LDA_REGION_OUTLINE && !ring_row && x != 0 && x != w - 1)
            v = LDA_CLASS_OUTLINE;
          if ((lines[x >> 6] >> (x & 63)) & 1)
            v = LDA_CLASS_OUTLINE;
          out[x] = v;
        }
    }

  for (gsize i = 0; i < objects->n_runs; i++)
    {
      const LdaRun *run = &objects->runs[i];
      guint8 v = counts->objects[objects->labels[i]].dead ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST;

      memset (lda_image_u8 (labels) + (gsize) run->y * w + run->x0, v, run->x1 - run->x0);
    }

  return labels;
}


/* Rows are taken ROW_CHUNK at a time by whichever thread is free. */
#define ROW_CHUNK 32

/* Paints @klass on the pixels of @out whose bit is set in @row, eight
 * pixels at a time. */
static void
paint_bits (guint8        *out,
            const guint64 *row,
            guint          w,
            guint8         klass,
            const guint64 *masks)
{
  const guint64 fill = G_GUINT64_CONSTANT (0x0101010101010101) * klass;

  for (guint x0 = 0; x0 < w; x0 += 64)
    {
      guint64 bits = row[x0 >> 6];
      guint n = MIN (64u, w - x0);

      if (bits == 0)
        continue;
      if (n < 64)
        {
          for (; bits != 0; bits &= bits - 1)
            out[x0 + (guint) __builtin_ctzll (bits)] = klass;
          continue;
        }
      if (bits == G_MAXUINT64)
        {
          memset (out + x0, klass, 64);
          continue;
        }
      for (guint i = 0; i < 8; i++, bits >>= 8)
        {
          guint64 m = masks[bits & 0xff], eight;

          if (m == 0)
            continue;
          memcpy (&eight, out + x0 + 8 * i, 8);
          eight = (eight & ~m) | (fill & m);
          memcpy (out + x0 + 8 * i, &eight, 8);
        }
    }
}

/* The classes of a row of regions: cell area, outline or background.
 * Sixteen pixels an iteration: compared four at a time, and the four
 * results narrowed to bytes (the compiler made it a pixel at a time). */
static void
classes_row (const gint32 *r,
             guint8       *out,
             guint         w)
{
  guint x = 0;

  G_STATIC_ASSERT (LDA_CLASS_CELL == 1 && LDA_CLASS_BACKGROUND == 0 &&
                   LDA_CLASS_OUTLINE == 2);
#ifdef __SSE2__
  {
    const __m128i below_cells = _mm_set1_epi32 (LDA_REGION_FIRST_CELL - 1);
    const __m128i outline = _mm_set1_epi32 (LDA_REGION_OUTLINE);
    const __m128i cell_class = _mm_set1_epi32 (LDA_CLASS_CELL);
    const __m128i outline_class = _mm_set1_epi32 (LDA_CLASS_OUTLINE);

    for (; x + 16 <= w; x += 16)
      {
        __m128i c[4];

        for (guint k = 0; k < 4; k++)
          {
            const __m128i v = _mm_loadu_si128 ((const __m128i *) (r + x + 4 * k));

            c[k] = _mm_or_si128 (_mm_and_si128 (_mm_cmpgt_epi32 (v, below_cells), cell_class),
                                 _mm_and_si128 (_mm_cmpeq_epi32 (v, outline), outline_class));
          }
        _mm_storeu_si128 ((__m128i *) (out + x),
                          _mm_packus_epi16 (_mm_packs_epi32 (c[0], c[1]),
                                            _mm_packs_epi32 (c[2], c[3])));
      }
  }
#endif
  for (; x < w; x++)
    out[x] = r[x] >= LDA_REGION_FIRST_CELL ? LDA_CLASS_CELL :
             r[x] == LDA_REGION_OUTLINE ? LDA_CLASS_OUTLINE : LDA_CLASS_BACKGROUND;
}

/* The end of the run of @v from @x on in a row of @w regions: the first
 * column from @x on that holds another value, or @w.  Four at a time. */
static guint
region_run_end (const gint32 *r,
                guint         x,
                guint         w,
                gint32        v)
{
#ifdef __SSE2__
  const __m128i vv = _mm_set1_epi32 (v);

  for (; x + 4 <= w; x += 4)
    {
      const __m128i same = _mm_cmpeq_epi32 (_mm_loadu_si128 ((const __m128i *) (r + x)), vv);
      const int bits = _mm_movemask_ps (_mm_castsi128_ps (same));

      if (bits != 15)
        return x + (guint) __builtin_ctz ((guint) ~bits);
    }
#endif
  while (x < w && r[x] == v)
    x++;

  return x;
}

/**
 * lda_compose_span:
 * @job: the composition
 * @r: the regions of @n pixels of row @y from column @x0 on
 * @out: their classes, set here
 * @y: the row
 * @x0: the span's first column
 * @n: its pixels
 *
 * The classes of a span of a row from its regions, and the cells' areas
 * there: a cell's pixels come in runs, counted in a register and added
 * at the run's end.
 */
void
lda_compose_span (const LdaComposeJob *job,
                  const gint32        *r,
                  guint8              *out,
                  guint                y,
                  guint                x0,
                  guint                n)
{
  /* The classes; then the cells' areas, a run of one cell at a time. */
  classes_row (r, out, n);
  for (guint x = 0; x < n;)
    {
      gint32 v;
      guint x1;

      /* To the next cell pixel, eight classes at a time: only a cell's
       * class (1) has the lowest bit set. */
      while (x + 8 <= n)
        {
          guint64 eight;

          memcpy (&eight, out + x, 8);
          eight &= G_GUINT64_CONSTANT (0x0101010101010101);
          if (eight != 0)
            {
              x += (guint) __builtin_ctzll (eight) / 8;
              break;
            }
          x += 8;
        }
      while (x < n && out[x] != LDA_CLASS_CELL)
        x++;
      if (x == n)
        break;

      v = r[x];
      x1 = region_run_end (r, x + 1, n, v);
      job->cell_area[v - LDA_REGION_FIRST_CELL] += x1 - x;
      /* A split line the flood gave to one cell is painted outline over
       * it: not the cell's, as the label mask has it. */
      if (job->not_cell != NULL)
        job->cell_area[v - LDA_REGION_FIRST_CELL] -=
          lda_compose_count_run (lda_bitplane_row (job->not_cell, y), NULL, x0 + x, x0 + x1);
      x = x1;
    }
}

/**
 * lda_compose_finish_row:
 * @job: the composition
 * @y: the row
 * @masks: lda_bitplane_byte_masks()
 *
 * Row @y of the label mask, its classes set from the regions: the
 * image's outermost ring made background, and the nuclei and split
 * lines painted over.
 */
void
lda_compose_finish_row (const LdaComposeJob *job,
                        guint                y,
                        const guint64       *masks)
{
  const guint w = job->regions->width;
  const guint h = job->regions->height;
  guint8 *out = job->labels + (gsize) y * w;

  /* The image's outermost ring is a wall of the flood, not an outline. */
  if (y == 0 || y == h - 1)
    {
      for (guint x = 0; x < w; x++)
        if (out[x] == LDA_CLASS_OUTLINE)
          out[x] = LDA_CLASS_BACKGROUND;
    }
  else
    {
      if (out[0] == LDA_CLASS_OUTLINE)
        out[0] = LDA_CLASS_BACKGROUND;
      if (out[w - 1] == LDA_CLASS_OUTLINE)
        out[w - 1] = LDA_CLASS_BACKGROUND;
    }

  for (guint k = 0; k < G_N_ELEMENTS (job->over); k++)
    if (job->over[k] != NULL)
      paint_bits (out, lda_bitplane_row (job->over[k], y), w, job->over_class[k], masks);
}

/* One row of a label mask, and the cells' areas there. */
static void
compose_row (const LdaComposeJob *job,
             guint                y,
             const guint64       *masks)
{
  const guint w = job->regions->width;

  lda_compose_span (job, job->regions->regions + (gsize) y * w,
                    job->labels + (gsize) y * w, y, 0, w);
  lda_compose_finish_row (job, y, masks);
}

/* Rows of a label mask, ROW_CHUNK at a time, until none is left. */
static void
compose_rows (LdaComposeJob *job)
{
  const guint h = job->regions->height;
  const guint64 *masks = lda_bitplane_byte_masks ();

  /* Cells kept coarse (lda_regions_new_coarse_compact()) compose their
   * own rows. */
  if (job->regions->regions == NULL)
    {
      g_return_if_fail (job->regions->coarse != NULL);
      lda_regions_coarse_compose (job);
      return;
    }
  for (;;)
    {
      guint y0 = (guint) g_atomic_int_add (job->next_row, ROW_CHUNK);

      if (y0 >= h)
        break;
      for (guint y = y0; y < MIN (y0 + ROW_CHUNK, h); y++)
        compose_row (job, y, masks);
    }
}

static gpointer
compose_rows_thread (gpointer data)
{
  compose_rows (data);
  return NULL;
}

/**
 * lda_labels_new:
 * @regions: the flooded regions
 * @hoechst: the Hoechst mask
 * @draq7: the Draq7 mask
 * @nuclei: (nullable): the nucleus objects that seeded @regions, or %NULL
 *   for the article's nucleus components
 * @evidence: the images and levels of the calls (lda_counts_new_full())
 * @counts: (out) (transfer full): the counts
 * @error: return location for an error
 *
 * The counts of lda_counts_new_full() and the label mask of
 * lda_compose_objects() (with @nuclei) or lda_compose() (without), equal
 * to theirs, from one pass over the regions instead of two.  A second
 * thread composes rows while this one counts the nuclei; then both take
 * the rows left.
 *
 * Returns: (transfer full) (nullable): a #LDA_PIXEL_U8 label mask
 */
LdaImage *
lda_labels_new (const LdaRegions  *regions,
                const LdaBitplane *hoechst,
                const LdaBitplane *draq7,
                const LdaNuclei   *nuclei,
                const LdaEvidence *evidence,
                LdaCounts        **counts,
                GError           **error)
{
  const guint w = regions->width;
  const guint h = regions->height;
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(LdaCounts) self = NULL;
  g_autofree guint *second_area = NULL;
  LdaComposeJob jobs[2];
  LdaHelper *helper = NULL;
  gint next_row = 0;
  guint n_objects;

  *counts = NULL;
  labels = lda_image_new_uninitialized (LDA_PIXEL_U8, w, h, error);
  if (labels == NULL)
    return NULL;

  n_objects = regions->nuclei->n_components;
  jobs[0] = (LdaComposeJob) {
    regions,
    { nuclei != NULL ? nuclei->lines : hoechst, nuclei != NULL ? NULL : draq7 },
    { nuclei != NULL ? LDA_CLASS_OUTLINE : LDA_CLASS_HOECHST, LDA_CLASS_DRAQ7 },
    nuclei != NULL ? nuclei->lines : NULL,
    lda_image_u8 (labels), NULL, &next_row,
  };
  jobs[1] = jobs[0];
  /* The objects array has room for at least one. */
  jobs[0].cell_area = g_new0 (guint, MAX (n_objects, 1));
  if (h >= 2 * ROW_CHUNK)
    second_area = g_try_new0 (guint, MAX (n_objects, 1));
  /* The second thread composes rows while this one counts the nuclei,
   * then both take what rows are left. */
  if (second_area != NULL)
    {
      jobs[1].cell_area = second_area;
      helper = lda_helper_start ("lda-labels", compose_rows_thread, &jobs[1]);
    }
  self = lda_counts_new_areas (regions, hoechst, draq7, evidence, FALSE);
  compose_rows (&jobs[0]);
  /* A helper that never began has counted nothing. */
  lda_helper_finish (helper);

  for (guint i = 0; i < self->n_objects; i++)
    self->objects[i].cell_area += jobs[0].cell_area[i] + (second_area != NULL ? second_area[i] : 0);
  g_free (jobs[0].cell_area);
  lda_counts_total (self);

  /* Each object whole, live or dead; the split lines were painted above
   * and no object covers one. */
  if (nuclei != NULL)
    {
      const LdaRuns *objects = regions->nuclei;

      for (gsize i = 0; i < objects->n_runs; i++)
        {
          const LdaRun *run = &objects->runs[i];
          guint8 v = self->objects[objects->labels[i]].dead ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST;

          memset (lda_image_u8 (labels) + (gsize) run->y * w + run->x0, v, run->x1 - run->x0);
        }
    }

  *counts = g_steal_pointer (&self);
  return g_steal_pointer (&labels);
}

/**
 * lda_regions_object_at:
 * @regions: the flooded regions
 * @x: column
 * @y: row
 *
 * Returns: the index of the nucleus (object) at (@x, @y) in the counts
 *   made from @regions, or -1 where there is none
 */
gint
lda_regions_object_at (const LdaRegions *regions,
                       guint             x,
                       guint             y)
{
  g_return_val_if_fail (regions != NULL, -1);
  g_return_val_if_fail (x < regions->width && y < regions->height, -1);

  return lda_runs_label_at (regions->nuclei, x, y);
}
