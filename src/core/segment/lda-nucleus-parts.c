/* lda-nucleus-parts.c — a dead nucleus pressed against a live one
 *
 * The split (lda-nuclei.c) cuts the mask where its shape narrows between
 * two cores.  A dead nucleus lying against a live one is often not
 * narrow enough for that, yet the two differ in a way the shape does
 * not show: one is in the Draq7 mask, the other only in the Hoechst
 * mask.  Such an object would be called all dead or all live, and one of
 * the two nuclei would be counted wrong.
 *
 * An object is cut between its Draq7 part and its Hoechst-only part when
 * both are as large as a nucleus and they touch along a neck narrower
 * than the smaller part is wide.  A dead nucleus whose Draq7 does not yet
 * fill it is not cut: its Hoechst-only part is a rim or a crescent
 * around the Draq7 part and touches it along more than its own width.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "lda-compare.h"
#include "lda-nucleus-parts.h"

/* The bits of @row in [x0, x1). */
static guint64
count_range (const guint64 *row,
             guint          x0,
             guint          x1)
{
  guint64 n = 0;

  while (x0 < x1)
    {
      guint word = x0 / 64, bit = x0 % 64;
      guint len = MIN (64 - bit, x1 - x0);
      guint64 mask = len == 64 ? G_MAXUINT64 : (((guint64) 1 << len) - 1) << bit;

      n += (guint64) lda_popcount (row[word] & mask);
      x0 += len;
    }

  return n;
}

/* @contact: the pixels of the objects outside @draq7 that have a
 * 4-neighbour inside it.  No two objects are 4-neighbours, so each such
 * pixel touches the Draq7 part of its own object. */
static void
contact_pixels (const LdaBitplane *objects,
                const LdaBitplane *draq7,
                LdaBitplane       *contact)
{
  const gsize stride = objects->stride;

  for (guint y = 0; y < objects->height; y++)
    {
      const guint64 *obj = lda_bitplane_row (objects, y);
      const guint64 *dr = lda_bitplane_row (draq7, y);
      const guint64 *up = y > 0 ? lda_bitplane_row (draq7, y - 1) : NULL;
      const guint64 *down = y + 1 < objects->height ? lda_bitplane_row (draq7, y + 1) : NULL;
      guint64 *out = lda_bitplane_row (contact, y);

      for (gsize i = 0; i < stride; i++)
        {
          guint64 d = dr[i] & obj[i];
          guint64 left = d << 1 | (i > 0 ? (dr[i - 1] & obj[i - 1]) >> 63 : 0);
          guint64 right = d >> 1 | (i + 1 < stride ? (dr[i + 1] & obj[i + 1]) << 63 : 0);
          guint64 near = left | right;

          if (up != NULL)
            near |= up[i] & lda_bitplane_row (objects, y - 1)[i];
          if (down != NULL)
            near |= down[i] & lda_bitplane_row (objects, y + 1)[i];
          out[i] = obj[i] & ~dr[i] & near;
        }
    }
}

/* The median area of the objects: the size of a nucleus in this frame. */
static guint64
median_area (const guint64 *dead,
             const guint64 *live,
             guint          n_objects)
{
  g_autofree guint64 *area = g_new (guint64, n_objects);

  for (guint o = 0; o < n_objects; o++)
    area[o] = dead[o] + live[o];
  qsort (area, n_objects, sizeof (guint64), lda_compare_guint64);

  return area[n_objects / 2];
}

/* Whether an object with Draq7 part @dead, Hoechst-only part @live and
 * @neck pixels between them is two nuclei: both parts are at least a
 * quarter of a nucleus (@smallest) and a third of each other, and the
 * neck between them is narrower than the smaller part is wide. */
static gboolean
is_two_nuclei (guint64 dead,
               guint64 live,
               guint64 neck,
               guint64 smallest)
{
  guint64 smaller = MIN (dead, live);
  double width;

  if (neck == 0 || smaller < smallest || 3 * smaller < MAX (dead, live))
    return FALSE;
  /* The width of a disc of the smaller part's area. */
  width = 2.0 * sqrt ((double) smaller / G_PI);

  return (double) neck <= LDA_NUCLEUS_PARTS_NECK * width;
}

/**
 * lda_nucleus_parts_cut:
 * @self: nucleus objects, labelled
 * @objects: the pixels of @self's objects (its mask without its lines);
 *   the cuts are taken out of it
 * @draq7: the Draq7 mask
 * @min_area: the smallest nucleus, in pixels
 * @error: return location for an error
 *
 * Cuts each object made of a Draq7 part and a Hoechst-only part that
 * touch along a narrow neck (see above): the Hoechst-only pixels along
 * the neck become split lines of @self.  @self's objects are not
 * relabelled: the caller does that when the result is above 0.
 *
 * Returns: the number of objects cut, or -1 on error (out of memory)
 */
gint
lda_nucleus_parts_cut (LdaNuclei         *self,
                       LdaBitplane       *objects,
                       const LdaBitplane *draq7,
                       guint              min_area,
                       GError           **error)
{
  const LdaRuns *runs = self->objects;
  const guint n_objects = runs->n_components;
  g_autoptr(LdaBitplane) contact = NULL;
  g_autofree guint64 *dead = NULL, *live = NULL, *neck = NULL;
  g_autofree gboolean *cut = NULL;
  guint64 smallest;
  gint n_cut = 0;

  if (n_objects == 0)
    return 0;
  if (!(contact = lda_bitplane_new (self->width, self->height, error)))
    return -1;
  contact_pixels (objects, draq7, contact);

  dead = g_new0 (guint64, n_objects);
  live = g_new0 (guint64, n_objects);
  neck = g_new0 (guint64, n_objects);
  cut = g_new0 (gboolean, n_objects);
  for (gsize i = 0; i < runs->n_runs; i++)
    {
      const LdaRun *run = &runs->runs[i];
      guint64 d = count_range (lda_bitplane_row (draq7, run->y), run->x0, run->x1);

      dead[runs->labels[i]] += d;
      live[runs->labels[i]] += run->x1 - run->x0 - d;
      neck[runs->labels[i]] += count_range (lda_bitplane_row (contact, run->y),
                                            run->x0, run->x1);
    }

  smallest = MAX (MAX (min_area, 1), median_area (dead, live, n_objects) / 4);
  for (guint o = 0; o < n_objects; o++)
    if ((cut[o] = is_two_nuclei (dead[o], live[o], neck[o], smallest)))
      n_cut++;
  if (n_cut == 0)
    return 0;

  for (gsize i = 0; i < runs->n_runs; i++)
    {
      const LdaRun *run = &runs->runs[i];
      const guint64 *c = lda_bitplane_row (contact, run->y);

      if (!cut[runs->labels[i]])
        continue;
      for (guint x = run->x0; x < run->x1; x++)
        if (c[x / 64] >> (x % 64) & 1)
          {
            lda_bitplane_set (self->lines, x, run->y, TRUE);
            lda_bitplane_set (objects, x, run->y, FALSE);
          }
    }

  return n_cut;
}
