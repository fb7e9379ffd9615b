/* lda-counts.c — the nucleus objects, their cells' areas and their
 * live/dead calls (pipeline.md §7)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-compose.h"
#include "lda-compose-private.h"

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
  return lda_counts_new_areas (regions, hoechst, draq7, evidence, TRUE);
}

/**
 * lda_counts_new_areas:
 * @regions: the flooded regions
 * @hoechst: the Hoechst mask
 * @draq7: the Draq7 mask
 * @evidence: (nullable): as lda_counts_new_full() takes it
 * @cell_areas: whether to count the cells' areas from @regions; if not,
 *   only their nuclei's pixels on the image's outermost ring are, and
 *   the caller adds the rest (lda_labels_new())
 *
 * Returns: (transfer full): the counts of lda_counts_new_full()
 */
LdaCounts *
lda_counts_new_areas (const LdaRegions  *regions,
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
      o->draq7 += lda_compose_count_run (lda_bitplane_row (draq7, run->y), NULL, run->x0, run->x1);
      o->hoechst_only += lda_compose_count_run (lda_bitplane_row (hoechst, run->y),
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
