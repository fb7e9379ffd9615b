/* lda-nucleus-slivers.c — pieces that a split line cuts off a nucleus
 *
 * The split (lda-split.c) draws its lines where two floods meet.  Where
 * three floods meet, or a line bends back along another, a line can cut
 * off a piece that is no nucleus: smaller than the smallest nucleus, or
 * a strip one or two pixels wide running along the line.  On the
 * labelled real frames such strips of 20 to 49 pixels were counted as
 * nuclei of their own (7 of 1 081 objects), a dead strip standing beside
 * the dead nucleus it was cut from and the live one it lay against.
 *
 * A sliver is an object smaller than the smallest nucleus, or one that
 * holds no 3 × 3 square of its own pixels, the frame's outside counting
 * as its own: a nucleus only partly in view may show as a strip along
 * the edge, but a strip running into the edge is no nucleus.
 * Each sliver goes back to the nucleus it shares the most line pixels
 * with, the line between them cleared; a line pixel between two nuclei
 * stays, so a sliver never joins two nuclei together.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-compare.h"
#include "lda-nucleus-slivers.h"

#define UNSET (-2)

/* Which objects hold a 3 × 3 square of pixels of @objects, the frame's
 * outside counting as theirs (a nucleus only partly in view may go on
 * beyond it): a pixel whose eight neighbours are all set is in the same
 * object as they are, all of them 4-connected through it. */
static gboolean *
solid_objects (const LdaRuns     *runs,
               const LdaBitplane *objects)
{
  const guint w = objects->width, h = objects->height;
  const gsize stride = objects->stride;
  const guint64 last = (guint64) 1 << ((w - 1) & 63);
  gboolean *solid = g_new0 (gboolean, MAX (runs->n_components, 1));
  g_autofree guint64 *outside = g_new (guint64, stride);
  g_autofree guint64 *across = g_new (guint64, 3 * stride);
  g_autofree guint64 *full = g_new (guint64, stride);
  gsize r = 0;

  memset (outside, 0xff, stride * sizeof *outside);
  for (guint y = 0; y < h && r < runs->n_runs; y++)
    {
      /* A pixel with both its left and right neighbours set, in each of
       * the three rows around @y. */
      for (guint k = 0; k < 3; k++)
        {
          const gboolean beyond = (y == 0 && k == 0) || y + k - 1 >= h;
          const guint64 *row = beyond ? outside : lda_bitplane_row (objects, y + k - 1);
          guint64 *out = across + k * stride;

          for (gsize i = 0; i < stride; i++)
            {
              guint64 left = (row[i] << 1) | (i > 0 ? row[i - 1] >> 63 : 1);
              guint64 right = (row[i] >> 1) | (i + 1 < stride ? row[i + 1] << 63 : 0);

              if (i + 1 == stride)
                right |= last;
              out[i] = row[i] & left & right;
            }
        }
      for (gsize i = 0; i < stride; i++)
        full[i] = across[i] & across[stride + i] & across[2 * stride + i];

      for (; r < runs->n_runs && runs->runs[r].y < y; r++)
        ;
      for (; r < runs->n_runs && runs->runs[r].y == y; r++)
        {
          const LdaRun *run = &runs->runs[r];

          if (solid[runs->labels[r]])
            continue;
          for (guint x = run->x0; x < run->x1; x++)
            if ((full[x >> 6] >> (x & 63)) & 1)
              {
                solid[runs->labels[r]] = TRUE;
                break;
              }
        }
    }

  return solid;
}

/**
 * lda_nucleus_slivers_find:
 * @runs: the objects, labelled
 * @objects: their pixels
 * @area: each object's pixels
 * @min_area: the smallest nucleus
 *
 * Returns: (transfer full): per object, whether it is a sliver: smaller
 *   than @min_area, or thin: no 3 × 3 square of its pixels, the frame's
 *   outside counting as its pixels
 */
gboolean *
lda_nucleus_slivers_find (const LdaRuns     *runs,
                          const LdaBitplane *objects,
                          const guint64     *area,
                          guint              min_area)
{
  const guint n = runs->n_components;
  g_autofree gboolean *solid = solid_objects (runs, objects);
  gboolean *sliver = g_new (gboolean, MAX (n, 1));

  for (guint c = 0; c < n; c++)
    sliver[c] = area[c] < min_area || !solid[c];

  return sliver;
}

static inline void
add_if_line (const LdaBitplane *lines,
             GArray            *found,
             guint              x,
             guint              y)
{
  if (lda_bitplane_get (lines, x, y))
    {
      guint32 p = y * lines->width + x;

      g_array_append_val (found, p);
    }
}

/* The line pixels with a sliver among their 4-neighbours, in raster
 * order, each once: the only ones that merging can act on.  Slivers are
 * few and small, so looking around them spares a look around every line
 * pixel of the frame. */
static GArray *
lines_by_slivers (const LdaNuclei *self,
                  const gboolean  *sliver)
{
  const LdaRuns *runs = self->objects;
  const guint w = self->width, h = self->height;
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = 0;

  for (gsize r = 0; r < runs->n_runs; r++)
    {
      const LdaRun *run = &runs->runs[r];

      if (!sliver[runs->labels[r]])
        continue;
      if (run->x0 > 0)
        add_if_line (self->lines, found, run->x0 - 1, run->y);
      if (run->x1 < w)
        add_if_line (self->lines, found, run->x1, run->y);
      for (guint x = run->x0; x < run->x1; x++)
        {
          if (run->y > 0)
            add_if_line (self->lines, found, x, run->y - 1);
          if (run->y + 1 < h)
            add_if_line (self->lines, found, x, run->y + 1);
        }
    }

  g_array_sort (found, lda_compare_guint32);
  for (guint i = 0; i < found->len; i++)
    if (i == 0 || g_array_index (found, guint32, i) != g_array_index (found, guint32, i - 1))
      g_array_index (found, guint32, n++) = g_array_index (found, guint32, i);
  g_array_set_size (found, n);

  return found;
}

/* The distinct objects around line pixel (x, y), -1 for none. */
static void
objects_around (const LdaNuclei *self,
                guint            x,
                guint            y,
                gint             around[4])
{
  const guint w = self->width, h = self->height;

  around[0] = x > 0 ? lda_runs_label_at (self->objects, x - 1, y) : -1;
  around[1] = x + 1 < w ? lda_runs_label_at (self->objects, x + 1, y) : -1;
  around[2] = y > 0 ? lda_runs_label_at (self->objects, x, y - 1) : -1;
  around[3] = y + 1 < h ? lda_runs_label_at (self->objects, x, y + 1) : -1;
}

/* The one nucleus (not a sliver) around a line pixel, -1 for none, or
 * UNSET for two or more. */
static gint
nucleus_around (const gint      around[4],
                const gboolean *sliver)
{
  gint big = -1;

  for (guint k = 0; k < 4; k++)
    if (around[k] >= 0 && !sliver[around[k]])
      {
        if (big >= 0 && around[k] != big)
          return UNSET;
        big = around[k];
      }

  return big;
}

/* Whether around[@k] is one of the objects before it. */
static gboolean
seen_before (const gint around[4],
             guint      k)
{
  for (guint j = 0; j < k; j++)
    if (around[j] == around[k])
      return TRUE;

  return FALSE;
}

/**
 * lda_nucleus_slivers_merge:
 * @self: nuclei whose objects are labelled
 * @objects: (inout): their pixels; the line pixels cleared are set
 * @min_area: the smallest nucleus
 *
 * Merges each sliver (lda_nucleus_slivers_find()) into the nucleus it
 * shares the most line pixels with (the first met in raster order of
 * those that share as many), clearing those line pixels and those
 * between it and other slivers going there (slivers by no nucleus join
 * each other).  The caller labels the
 * objects again if any was merged.
 *
 * Returns: how many line pixels were cleared
 */
guint
lda_nucleus_slivers_merge (LdaNuclei   *self,
                           LdaBitplane *objects,
                           guint        min_area)
{
  const guint w = self->width;
  const guint n_objects = self->objects->n_components;
  g_autofree guint64 *area = g_new0 (guint64, MAX (n_objects, 1));
  g_autofree gboolean *sliver = NULL;
  g_autofree gint *target = g_new (gint, MAX (n_objects, 1));
  g_autofree guint *best = g_new0 (guint, MAX (n_objects, 1));
  g_autoptr(GHashTable) shared = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) cleared = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) candidates = NULL;

  for (gsize i = 0; i < self->objects->n_runs; i++)
    area[self->objects->labels[i]] += self->objects->runs[i].x1 - self->objects->runs[i].x0;
  sliver = lda_nucleus_slivers_find (self->objects, objects, area, min_area);
  candidates = lines_by_slivers (self, sliver);

  for (guint i = 0; i < n_objects; i++)
    target[i] = UNSET;

  /* First: the line pixels each sliver shares with each nucleus, and the
   * nucleus it shares the most with. */
  for (guint c = 0; c < candidates->len; c++)
    {
      guint32 at = g_array_index (candidates, guint32, c);
      gint around[4], big;

      objects_around (self, at % w, at / w, around);
      if ((big = nucleus_around (around, sliver)) < 0)
        continue;
      for (guint k = 0; k < 4; k++)
        {
          gint o = around[k];
          gint64 key;
          guint now;

          if (o < 0 || !sliver[o] || seen_before (around, k))
            continue;
          key = (gint64) o * n_objects + big;
          now = GPOINTER_TO_UINT (g_hash_table_lookup (shared, &key)) + 1;
          g_hash_table_replace (shared, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (now));
          if (now > best[o])
            {
              best[o] = now;
              target[o] = big;
            }
        }
    }

  /* Then: the line pixels between slivers and their nucleus, and between
   * slivers going to the same one, by no other nucleus. */
  for (guint c = 0; c < candidates->len; c++)
    {
      guint32 at = g_array_index (candidates, guint32, c);
      gint around[4], big, to = UNSET;
      gboolean agree = TRUE;

      objects_around (self, at % w, at / w, around);
      if ((big = nucleus_around (around, sliver)) == UNSET)
        continue;
      for (guint k = 0; k < 4; k++)
        {
          gint o = around[k];
          gint t;

          if (o < 0 || !sliver[o])
            continue;
          t = target[o] == UNSET ? -1 : target[o];
          agree = agree && (to == UNSET || to == t);
          to = t;
        }
      /* Slivers that go to no nucleus join each other: a blob cut into
       * pieces each smaller than a nucleus is one. */
      if (to != UNSET && agree && (big < 0 || big == to))
        g_array_append_val (cleared, at);
    }

  for (guint k = 0; k < cleared->len; k++)
    {
      guint32 p = g_array_index (cleared, guint32, k);

      lda_bitplane_set (self->lines, p % w, p / w, FALSE);
      lda_bitplane_set (objects, p % w, p / w, TRUE);
    }

  return cleared->len;
}
