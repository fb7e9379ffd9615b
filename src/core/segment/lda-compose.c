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

static guint
count_run (const guint64 *row,
           const guint64 *minus,
           guint          x0,
           guint          x1)
{
  guint count = 0;
  guint x = x0;

  while (x < x1)
    {
      guint bit = x & 63;
      guint n = MIN (64 - bit, x1 - x);
      guint64 mask = (n == 64 ? G_MAXUINT64 : ((G_GUINT64_CONSTANT (1) << n) - 1)) << bit;
      guint64 word = row[x >> 6];

      if (minus != NULL)
        word &= ~minus[x >> 6];
      count += (guint) lda_popcount (word & mask);
      x += n;
    }

  return count;
}

/**
 * lda_counts_new:
 * @regions: the flooded regions
 * @hoechst: the Hoechst mask
 * @draq7: the Draq7 mask
 *
 * pipeline.md §7: each nucleus component is one cell, dead when more of its
 * pixels are Draq7 than Hoechst-only.
 *
 * Returns: (transfer full): the counts
 */
LdaCounts *
lda_counts_new (const LdaRegions  *regions,
                const LdaBitplane *hoechst,
                const LdaBitplane *draq7)
{
  return lda_counts_new_full (regions, hoechst, draq7, NULL);
}

static LdaCounts *counts_new (const LdaRegions  *regions,
                              const LdaBitplane *hoechst,
                              const LdaBitplane *draq7,
                              const LdaEvidence *evidence,
                              gboolean           cell_areas);

/* How many runs ahead counts_new() fetches the Draq7 image under a run. */
#define INTENSITY_AHEAD 8

/* The sum of @draq7 under @run, and how many of its values are above
 * @threshold, added to *@sum and *@above. */
static void
add_intensities (const LdaRun   *run,
                 const LdaImage *draq7,
                 gint64          threshold,
                 guint64        *sum,
                 guint          *above)
{
  const guint16 *dr = lda_image_u16 (draq7) + (gsize) run->y * draq7->width;
  /* A 16-bit value is above @threshold when it is above this one, which
   * fits 32 bits; a threshold below 0 has every value above it. */
  const gint32 level = (gint32) CLAMP (threshold, -1, G_MAXUINT16);
  guint64 dr_sum = 0;
  guint n_above = 0;

  /* In 32 bits, which the compiler does many pixels an instruction:
   * 32768 values of 16 bits add up to less than 2^31. */
  for (guint x0 = run->x0; x0 < run->x1; x0 += 32768)
    {
      const guint x1 = MIN (run->x1, x0 + 32768);
      gint32 dr_part = 0, above_part = 0;

      for (guint x = x0; x < x1; x++)
        {
          const gint32 d = dr[x];

          dr_part += d;
          above_part += d > level;
        }
      dr_sum += (guint32) dr_part;
      n_above += (guint) above_part;
    }
  *sum += dr_sum;
  *above += n_above;
}

/**
 * lda_counts_new_full:
 * @regions: the flooded regions
 * @hoechst: the Hoechst mask
 * @draq7: the Draq7 mask
 * @evidence: (nullable): the images and the Draq7 threshold; without
 *   them the means and shares are 0 and the article's rule calls
 *
 * One object per nucleus of @regions, with its area, cell area, bounding
 * box and evidence.  With @evidence's per_object, a nucleus is dead when
 * more than half of its pixels have a Draq7 value above the dead level —
 * its median Draq7 is above it.  The median, not the mean: the halo of a
 * bright dead neighbour spills into one side of a live nucleus and lifts
 * its mean, not its median.  The pixels, not the Draq7 mask, so that the
 * Draq7 kernel does not move the call.  And half-way to the Draq7
 * threshold, not the threshold itself: the threshold separates the
 * background from the brightest dead nuclei, and dead nuclei that keep
 * some Hoechst are dimmer.  On the labelled real frames the target nuclei
 * have a median Draq7 either below a fifth of the way from the dark
 * level to the threshold or above half of it; the cut lies in that gap
 * (tests/quality/measure-quality.py and the README give the figures).
 * Otherwise pipeline.md §7's rule calls.
 *
 * Returns: (transfer full): the counts
 */
LdaCounts *
lda_counts_new_full (const LdaRegions  *regions,
                     const LdaBitplane *hoechst,
                     const LdaBitplane *draq7,
                     const LdaEvidence *evidence)
{
  return counts_new (regions, hoechst, draq7, evidence, TRUE);
}

/* lda_counts_new_full(), the cells' areas only their nuclei's pixels on
 * the image's outermost ring unless @cell_areas. */
static LdaCounts *
counts_new (const LdaRegions  *regions,
            const LdaBitplane *hoechst,
            const LdaBitplane *draq7,
            const LdaEvidence *evidence,
            gboolean           cell_areas)
{
  const LdaRuns *nuclei = regions->nuclei;
  LdaCounts *self = g_new0 (LdaCounts, 1);
  gsize n = (gsize) regions->width * regions->height;
  g_autofree guint64 *sums = NULL;
  g_autofree guint *above = NULL;

  self->n_objects = nuclei->n_components;
  self->objects = g_new0 (LdaObject, MAX (self->n_objects, 1));
  if (evidence != NULL)
    {
      sums = g_new0 (guint64, MAX (self->n_objects, 1));
      above = g_new0 (guint, MAX (self->n_objects, 1));
    }

  for (guint i = 0; i < self->n_objects; i++)
    self->objects[i].x0 = self->objects[i].y0 = G_MAXUINT;

  for (gsize i = 0; i < nuclei->n_runs; i++)
    {
      const LdaRun *run = &nuclei->runs[i];
      guint label = nuclei->labels[i];
      LdaObject *o = &self->objects[label];

      o->nucleus_pixels += run->x1 - run->x0;
      /* The image's outermost ring is the flood's wall, outline in
       * @regions; a nucleus shows on it all the same (lda_labels_new()),
       * and its pixels there are its cell's, as the label mask has them
       * (lda_counts_new_from_labels_full()). */
      if (run->y == 0 || run->y + 1 == regions->height)
        o->cell_area += run->x1 - run->x0;
      else
        o->cell_area += MIN (run->x1 - run->x0, (guint) ((run->x0 == 0) + (run->x1 == regions->width)));
      o->draq7 += count_run (lda_bitplane_row (draq7, run->y), NULL, run->x0, run->x1);
      o->hoechst_only += count_run (lda_bitplane_row (hoechst, run->y),
                                    lda_bitplane_row (draq7, run->y), run->x0, run->x1);
      o->x0 = MIN (o->x0, run->x0);
      o->x1 = MAX (o->x1, run->x1);
      o->y0 = MIN (o->y0, run->y);
      o->y1 = MAX (o->y1, run->y + 1);
      /* The image under a run a few runs on, into the cache: the runs
       * skip across it, which the processor does not foresee. */
      if (evidence != NULL && i + INTENSITY_AHEAD < nuclei->n_runs)
        {
          const LdaRun *next = &nuclei->runs[i + INTENSITY_AHEAD];

          __builtin_prefetch (lda_image_u16 (evidence->draq7) +
                              (gsize) next->y * evidence->draq7->width + next->x0, 0);
        }
      if (evidence != NULL)
        add_intensities (run, evidence->draq7,
                         evidence->per_object ? evidence->dead_level : evidence->draq7_threshold,
                         &sums[label], &above[label]);
    }

  for (gsize p = 0; cell_areas && p < n; p++)
    {
      gint32 r = regions->regions[p];

      if (r >= LDA_REGION_FIRST_CELL)
        self->objects[r - LDA_REGION_FIRST_CELL].cell_area++;
    }

  if (evidence != NULL)
    for (guint i = 0; i < self->n_objects; i++)
      {
        LdaObject *o = &self->objects[i];

        o->mean_draq7 = (double) sums[i] / o->nucleus_pixels;
        o->draq7_share = (double) above[i] / o->nucleus_pixels;
      }

  if (evidence != NULL && evidence->per_object)
    {
      for (guint i = 0; i < self->n_objects; i++)
        self->objects[i].dead = 2 * (guint64) above[i] > self->objects[i].nucleus_pixels;
      lda_counts_total (self);
    }
  else
    lda_counts_finish (self);

  return self;
}

/* Rows are taken ROW_CHUNK at a time by whichever thread is free. */
#define ROW_CHUNK 32

typedef struct
{
  const LdaRegions  *regions;
  const LdaBitplane *over[2];       /* painted over the cells, in order */
  guint8             over_class[2];
  const LdaBitplane *not_cell;      /* pixels of a cell painted over, not counted */
  guint8            *labels;
  guint             *cell_area;     /* one per object */
  gint              *next_row;      /* the next row not taken, shared */
} ComposeJob;

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

/* One row of a label mask, and the cells' areas there: a cell's pixels
 * come in runs, counted in a register and added at the run's end. */
static void
compose_row (const ComposeJob *job,
             guint             y,
             const guint64    *masks)
{
  const guint w = job->regions->width;
  const guint h = job->regions->height;
  const gint32 *r = job->regions->regions + (gsize) y * w;
  guint8 *out = job->labels + (gsize) y * w;

  /* The classes; then the cells' areas, a run of one cell at a time. */
  classes_row (r, out, w);
  for (guint x = 0; x < w;)
    {
      gint32 v;
      guint x1;

      /* To the next cell pixel, eight classes at a time: only a cell's
       * class (1) has the lowest bit set. */
      while (x + 8 <= w)
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
      while (x < w && out[x] != LDA_CLASS_CELL)
        x++;
      if (x == w)
        break;

      v = r[x];
      x1 = region_run_end (r, x + 1, w, v);
      job->cell_area[v - LDA_REGION_FIRST_CELL] += x1 - x;
      /* A split line the flood gave to one cell is painted outline over
       * it: not the cell's, as the label mask has it. */
      if (job->not_cell != NULL)
        job->cell_area[v - LDA_REGION_FIRST_CELL] -=
          count_run (lda_bitplane_row (job->not_cell, y), NULL, x, x1);
      x = x1;
    }

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

/* Rows of a label mask, ROW_CHUNK at a time, until none is left. */
static void
compose_rows (ComposeJob *job)
{
  const guint h = job->regions->height;
  const guint64 *masks = lda_bitplane_byte_masks ();

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
  ComposeJob jobs[2];
  LdaHelper *helper = NULL;
  gint next_row = 0;
  guint n_objects;

  *counts = NULL;
  labels = lda_image_new_uninitialized (LDA_PIXEL_U8, w, h, error);
  if (labels == NULL)
    return NULL;

  n_objects = regions->nuclei->n_components;
  jobs[0] = (ComposeJob) {
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
  self = counts_new (regions, hoechst, draq7, evidence, FALSE);
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

/**
 * lda_counts_finish:
 * @self: counts whose objects have their pixel counts and cell areas
 *
 * Decides each object live or dead (pipeline.md §7: dead when more of its
 * pixels are Draq7 than Hoechst-only) and fills in the totals.
 */
void
lda_counts_finish (LdaCounts *self)
{
  for (guint i = 0; i < self->n_objects; i++)
    self->objects[i].dead = self->objects[i].draq7 > self->objects[i].hoechst_only;

  lda_counts_total (self);
}

/**
 * lda_counts_total:
 * @self: counts whose objects are called and have their cell areas
 *
 * Fills in the live and dead counts, the dead fraction and the mean cell
 * area.
 */
void
lda_counts_total (LdaCounts *self)
{
  guint64 total_area = 0;

  self->live = self->dead = 0;
  for (guint i = 0; i < self->n_objects; i++)
    {
      LdaObject *o = &self->objects[i];

      if (o->dead)
        self->dead++;
      else
        self->live++;
      total_area += o->cell_area;
    }

  self->dead_fraction = 0.0;
  self->mean_cell_area = 0.0;
  if (self->n_objects > 0)
    {
      self->dead_fraction = (double) self->dead / self->n_objects;
      self->mean_cell_area = (double) total_area / self->n_objects;
    }
}

LdaCounts *
lda_counts_copy (const LdaCounts *self)
{
  LdaCounts *copy = g_memdup2 (self, sizeof *self);

  copy->objects = g_memdup2 (self->objects, sizeof (LdaObject) * MAX (self->n_objects, 1));

  return copy;
}

void
lda_counts_free (LdaCounts *self)
{
  if (self == NULL)
    return;

  g_free (self->objects);
  g_free (self);
}
