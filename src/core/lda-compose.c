/* lda-compose.c — the label mask (SPEC 2.6) and its objects (SPEC 2.7)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "lda-compose.h"

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
      count += (guint) __builtin_popcountll (word & mask);
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
 * SPEC 2.7: each nucleus component is one cell, dead when more of its
 * pixels are Draq7 than Hoechst-only.
 *
 * Returns: (transfer full): the counts
 */
LdaCounts *
lda_counts_new (const LdaRegions  *regions,
                const LdaBitplane *hoechst,
                const LdaBitplane *draq7)
{
  const LdaRuns *nuclei = regions->nuclei;
  LdaCounts *self = g_new0 (LdaCounts, 1);
  gsize n = (gsize) regions->width * regions->height;

  self->n_objects = nuclei->n_components;
  self->objects = g_new0 (LdaObject, MAX (self->n_objects, 1));

  for (gsize i = 0; i < nuclei->n_runs; i++)
    {
      const LdaRun *run = &nuclei->runs[i];
      LdaObject *o = &self->objects[nuclei->labels[i]];

      o->nucleus_pixels += run->x1 - run->x0;
      o->draq7 += count_run (lda_bitplane_row (draq7, run->y), NULL, run->x0, run->x1);
      o->hoechst_only += count_run (lda_bitplane_row (hoechst, run->y),
                                    lda_bitplane_row (draq7, run->y), run->x0, run->x1);
    }

  for (gsize p = 0; p < n; p++)
    {
      gint32 r = regions->regions[p];

      if (r >= LDA_REGION_FIRST_CELL)
        self->objects[r - LDA_REGION_FIRST_CELL].cell_area++;
    }

  lda_counts_finish (self);

  return self;
}

/**
 * lda_counts_finish:
 * @self: counts whose objects have their pixel counts and cell areas
 *
 * Decides each object live or dead (SPEC 2.7: dead when more of its
 * pixels are Draq7 than Hoechst-only) and fills in the totals.
 */
void
lda_counts_finish (LdaCounts *self)
{
  guint64 total_area = 0;

  self->live = self->dead = 0;
  for (guint i = 0; i < self->n_objects; i++)
    {
      LdaObject *o = &self->objects[i];

      o->dead = o->draq7 > o->hoechst_only;
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
