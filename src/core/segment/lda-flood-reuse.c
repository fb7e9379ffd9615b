/* lda-flood-reuse.c — the pieces of the last flood that nothing changed,
 * copied, not flooded again (pipeline.md §5)
 *
 * What a piece of the flood becomes depends only on its own pixels, their
 * relief and the labels around it (lda-watershed-parts.c), and the labels
 * only by which of them are the same.  So while a nucleus slider is
 * dragged, a piece that neither holds nor borders a pixel whose relief
 * changed, or a pixel of a nucleus that changed, is a piece of the last
 * flood too, with the same relief and the same nuclei around it: its
 * pixels are the last flood's, each nucleus's label given its number now.
 * A step of the Draq7 offset changes a few percent of the nuclei, so most
 * pieces are copied rather than flooded; a step of the Hoechst offset
 * moves the edge of nearly every nucleus, and nearly every piece is
 * flooded again.  Either way the cells are byte for byte those of a
 * flood of the whole frame (tests/core/test-flood-reuse.c).
 *
 * A nucleus is the same when its pixels are: when it has the runs of a
 * nucleus of the last flood, all of them.
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

#include "lda-error.h"
#include "lda-flood-reuse.h"
#include "lda-morph.h"

struct _LdaFloodReuse
{
  guint         width;
  const gint32 *old;     /* the last flood's regions */
  gint32       *map;     /* per nucleus of the last flood: its label now, 0 if it changed */
  guint         n_old;
  LdaBitplane  *dirty;   /* the pixels a copied piece must not hold */
  LdaBitplane  *claimed; /* the pixels of the pieces to copy */
};

void
lda_flood_reuse_free (LdaFloodReuse *self)
{
  if (self == NULL)
    return;

  g_free (self->map);
  lda_bitplane_free (self->dirty);
  lda_bitplane_free (self->claimed);
  g_free (self);
}

/* Sets the bits of @dirty where @now and @before differ. */
static void
mark_relief (LdaBitplane  *dirty,
             const guint8 *now,
             const guint8 *before)
{
  const gsize w = dirty->width;

  for (guint y = 0; y < dirty->height; y++)
    {
      const guint8 *a = now + y * w, *b = before + y * w;
      guint64 *row = lda_bitplane_row (dirty, y);
      gsize x = 0;

#ifdef __SSE2__
      for (; x + 64 <= w; x += 64)
        {
          guint64 same = 0;

          for (guint k = 0; k < 4; k++)
            {
              __m128i va = _mm_loadu_si128 ((const __m128i *) (a + x + 16 * k));
              __m128i vb = _mm_loadu_si128 ((const __m128i *) (b + x + 16 * k));

              same |= (guint64) (guint16) _mm_movemask_epi8 (_mm_cmpeq_epi8 (va, vb)) << (16 * k);
            }
          row[x >> 6] |= ~same;
        }
#endif
      for (; x < w; x++)
        if (a[x] != b[x])
          row[x >> 6] |= G_GUINT64_CONSTANT (1) << (x & 63);
    }
}

/* Whether a bit of x0 … x1 − 1 is set in @row. */
static gboolean
any_set (const guint64 *row,
         guint          x0,
         guint          x1)
{
  for (guint x = x0; x < x1; x = (x | 63) + 1)
    {
      guint n = MIN (64 - (x & 63), x1 - x);
      guint64 mask = (n == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1) << (x & 63);

      if (row[x >> 6] & mask)
        return TRUE;
    }

  return FALSE;
}

/* Whether run @a comes before run @b in raster order. */
static inline gboolean
run_before (const LdaRun *a,
            const LdaRun *b)
{
  return a->y < b->y || (a->y == b->y && a->x0 < b->x0);
}

/* Fills self->map: per nucleus of the last flood, the label of the
 * nucleus now with the same pixels, or 0.  Returns in @same, per nucleus
 * now, 0 where it has no such one; and how many nuclei now have.  The runs of a nucleus are whole
 * runs of the nucleus mask, in raster order: two nuclei have the same
 * pixels when they have the same runs. */
static guint
match_nuclei (LdaFloodReuse    *self,
              const LdaRuns    *before,
              const LdaRuns    *now,
              gint64           *same,
              gsize            *runs_now,
              gsize            *runs_before)
{
  gsize j = 0;
  guint n_same = 0;

  for (gsize i = 0; i < before->n_runs; i++)
    runs_before[before->labels[i]]++;

  for (gsize i = 0; i < now->n_runs; i++)
    {
      const LdaRun *run = &now->runs[i];
      const guint k = now->labels[i];

      runs_now[k]++;
      while (j < before->n_runs && run_before (&before->runs[j], run))
        j++;
      if (same[k] < 0)
        continue;
      if (j < before->n_runs && before->runs[j].y == run->y &&
          before->runs[j].x0 == run->x0 && before->runs[j].x1 == run->x1 &&
          (same[k] == 0 || same[k] == (gint64) before->labels[j] + 1))
        same[k] = (gint64) before->labels[j] + 1;
      else
        same[k] = -1;
    }

  for (guint k = 0; k < now->n_components; k++)
    {
      const gint64 o = same[k] - 1;

      if (o >= 0 && runs_now[k] == runs_before[o])
        {
          self->map[o] = (gint32) k + LDA_REGION_FIRST_CELL;
          n_same++;
        }
      else
        same[k] = 0;
    }

  return n_same;
}

/**
 * lda_flood_reuse_new:
 * @base: the last flood's regions, with the relief they were flooded on
 * @nuclei: the nuclei to flood from now, labelled as the markers number them
 * @relief: the relief to flood now
 * @error: return location for an error
 *
 * Finds what changed since @base: the pixels whose relief moved and
 * those of nuclei that are not the same, and the map from @base's
 * nuclei to the same ones now.  @base must outlive the result.
 *
 * Returns: (transfer full) (nullable): the reuse, for
 *   lda_flood_reuse_claim(); %NULL, with @error unset, when more than a
 *   quarter of the nuclei changed, or if out of memory
 */
LdaFloodReuse *
lda_flood_reuse_new (const LdaRegions *base,
                     const LdaRuns    *nuclei,
                     const guint8     *relief,
                     GError          **error)
{
  g_autoptr(LdaFloodReuse) self = g_new0 (LdaFloodReuse, 1);
  g_autoptr(LdaBitplane) dirty = NULL;
  g_autofree gint64 *same = NULL;
  g_autofree gsize *runs_now = NULL;
  g_autofree gsize *runs_before = NULL;

  g_return_val_if_fail (base != NULL && base->relief != NULL, NULL);
  g_return_val_if_fail (base->width == nuclei->width && base->height == nuclei->height, NULL);

  self->width = base->width;
  self->old = base->regions;
  self->n_old = base->nuclei->n_components;
  self->map = g_try_new0 (gint32, MAX (self->n_old, 1));
  same = g_try_new0 (gint64, MAX (nuclei->n_components, 1));
  runs_now = g_try_new0 (gsize, MAX (nuclei->n_components, 1));
  runs_before = g_try_new0 (gsize, MAX (self->n_old, 1));
  if (self->map == NULL || same == NULL || runs_now == NULL || runs_before == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   base->width, base->height);
      return NULL;
    }
  /* Where more than a quarter of the nuclei changed, the pieces they
   * border are most of the frame: not worth looking further. */
  if (4 * match_nuclei (self, base->nuclei, nuclei, same, runs_now, runs_before) <
      3 * nuclei->n_components)
    return NULL;
  if (!(dirty = lda_bitplane_new (base->width, base->height, error)))
    return NULL;
  mark_relief (dirty, relief, base->relief);
  lda_bitplane_clear_padding (dirty);
  /* The pixels of every nucleus that changed, as it is now and as it
   * was. */
  for (gsize i = 0; i < nuclei->n_runs; i++)
    if (same[nuclei->labels[i]] == 0)
      lda_runs_paint (&nuclei->runs[i], dirty, TRUE);
  for (gsize i = 0; i < base->nuclei->n_runs; i++)
    if (self->map[base->nuclei->labels[i]] == 0)
      lda_runs_paint (&base->nuclei->runs[i], dirty, TRUE);

  /* A piece beside a change is flooded too: the element of 3 × 3 is the
   * cross, the 4-neighbours the flood looks at. */
  if (!(self->dirty = lda_morph_dilate (dirty, 3, error)) ||
      !(self->claimed = lda_bitplane_new (base->width, base->height, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lda_flood_reuse_claim:
 * @self: the reuse
 * @runs: a piece of the unknown pixels now, its runs
 * @n_runs: how many
 * @pixels: (inout): the pixels claimed, added to when the piece is
 *
 * Claims the piece for lda_flood_reuse_copy_rows() when nothing in it or
 * beside it changed since the last flood.  Not from two threads at once.
 *
 * Returns: %TRUE if the piece is to be copied; %FALSE if it is to be
 *   flooded
 */
gboolean
lda_flood_reuse_claim (LdaFloodReuse *self,
                       const LdaRun  *runs,
                       gsize          n_runs,
                       gsize         *pixels)
{
  gsize n = 0;

  for (gsize r = 0; r < n_runs; r++)
    if (any_set (lda_bitplane_row (self->dirty, runs[r].y), runs[r].x0, runs[r].x1))
      return FALSE;

  for (gsize r = 0; r < n_runs; r++)
    {
      lda_runs_paint (&runs[r], self->claimed, TRUE);
      n += runs[r].x1 - runs[r].x0;
    }
  *pixels += n;

  return TRUE;
}

/**
 * lda_flood_reuse_copy_rows:
 * @self: the reuse
 * @y0: the first row
 * @y1: one past the last
 * @markers: (inout): the markers being flooded
 *
 * Writes the last flood's labels into the pixels of the claimed pieces
 * in rows @y0 … @y1 − 1, each nucleus's label given its number now.
 * Safe from two threads on rows apart, and beside the flood of the
 * pieces not claimed, whose pixels are others.
 *
 * Returns: %FALSE if a pixel held the label of a nucleus that changed,
 *   which lda_flood_reuse_claim() never lets be: the pieces are to be
 *   flooded then
 */
gboolean
lda_flood_reuse_copy_rows (LdaFloodReuse *self,
                           guint          y0,
                           guint          y1,
                           gint32        *markers)
{
  const gsize w = self->width;
  gboolean mapped = TRUE;

  for (guint y = y0; y < y1; y++)
    {
      const guint64 *row = lda_bitplane_row (self->claimed, y);
      const gint32 *old = self->old + y * w;
      gint32 *out = markers + y * w;

      for (gsize word = 0; word < self->claimed->stride; word++)
        for (guint64 bits = row[word]; bits != 0; bits &= bits - 1)
          {
            const gsize x = word * 64 + (guint) __builtin_ctzll (bits);
            const gint32 v = old[x];
            const guint o = (guint) (v - LDA_REGION_FIRST_CELL);

            if (v < LDA_REGION_FIRST_CELL)
              out[x] = v;
            else if (o < self->n_old && self->map[o] != 0)
              out[x] = self->map[o];
            else
              mapped = FALSE;
          }
    }

  return mapped;
}
