/* lda-nuclei-carry.c — the last split of the nuclei carried onto moved
 * masks while a slider is dragged
 *
 * Splitting touching nuclei again (lda-split-blobs.c) is most of what a
 * change of a nucleus threshold costs at 2048 × 2048, and a step of the
 * slider moves the edge of nearly every blob, so there is no blob whose
 * split could be kept as it was.  What a step changes is a rim of pixels
 * at the blobs' edges, while the lines between touching nuclei stay
 * where they were.  So while the slider is dragged the lines of the last
 * exact split are kept where the new mask still has them, and the pixels
 * the new mask adds go to the object they are reached from first,
 * breadth first from the objects of the last split (4-connected, as the
 * split's flood); a pixel reached from two objects becomes a line, so
 * that no two objects touch.  A blob that is new altogether stays whole.
 * The objects are then made as after an exact split (lda_nuclei_finish()).
 * When the slider rests, the pipeline splits exactly again
 * (lda_pipeline_set_dragging()).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-nuclei-carry.h"
#include "lda-split-private.h"

/* A new pixel's number while the rim is flooded, besides the objects'
 * (≥ 1) and %LDA_NUCLEUS_LINE. */
#define UNKNOWN 0
#define QUEUED  (-3)

typedef struct
{
  const LdaNuclei   *base;
  const LdaBitplane *mask;   /* the new mask */
  const LdaBitplane *rim;    /* its pixels that the base's mask lacks */
  guint32           *rank;   /* per word of @rim, its pixels before it */
  gint32            *number; /* per pixel of @rim, in raster order */
} Carry;

static inline gsize
rim_index (const Carry *c,
           guint        x,
           guint        y)
{
  gsize word = (gsize) y * c->rim->stride + (x >> 6);
  guint64 before = (G_GUINT64_CONSTANT (1) << (x & 63)) - 1;

  return c->rank[word] + lda_popcount (c->rim->bits[word] & before);
}

/* The object (x, y) belongs to now, or 0: outside the new mask, on a
 * line, or a rim pixel not numbered yet. */
static gint32
number_at (const Carry *c,
           guint        x,
           guint        y)
{
  if (!lda_bitplane_get (c->mask, x, y))
    return 0;
  if (lda_bitplane_get (c->rim, x, y))
    return MAX (c->number[rim_index (c, x, y)], 0);
  if (lda_bitplane_get (c->base->lines, x, y))
    return 0;

  /* -1 (no object) when a speck was dropped there. */
  return lda_runs_label_at (c->base->objects, x, y) + 1;
}

/* The four neighbours of (x, y) inside the image; returns how many. */
static guint
neighbours (guint  x,
            guint  y,
            guint  w,
            guint  h,
            guint  nx[4],
            guint  ny[4])
{
  guint n = 0;

  if (x > 0)
    nx[n] = x - 1, ny[n++] = y;
  if (x + 1 < w)
    nx[n] = x + 1, ny[n++] = y;
  if (y > 0)
    nx[n] = x, ny[n++] = y - 1;
  if (y + 1 < h)
    nx[n] = x, ny[n++] = y + 1;

  return n;
}

/* Numbers the rim breadth first from the objects around it; its pixels
 * that two objects reach are set in @lines. */
static void
flood_rim (Carry       *c,
           guint32     *queue,
           LdaBitplane *lines)
{
  const guint w = c->mask->width, h = c->mask->height;
  gsize head = 0, tail = 0;

  /* The rim's pixels next to an object, in raster order. */
  for (guint y = 0; y < h; y++)
    {
      const guint64 *row = lda_bitplane_row (c->rim, y);

      for (gsize i = 0; i < c->rim->stride; i++)
        for (guint64 bits = row[i]; bits != 0; bits &= bits - 1)
          {
            guint x = (guint) (i * 64) + (guint) __builtin_ctzll (bits);
            guint nx[4], ny[4], n = neighbours (x, y, w, h, nx, ny);

            for (guint k = 0; k < n; k++)
              if (number_at (c, nx[k], ny[k]) > 0)
                {
                  c->number[rim_index (c, x, y)] = QUEUED;
                  queue[tail++] = y * w + x;
                  break;
                }
          }
    }

  while (head < tail)
    {
      guint x = queue[head] % w, y = queue[head] / w;
      guint nx[4], ny[4], n = neighbours (x, y, w, h, nx, ny);
      gint32 lo = G_MAXINT32, hi = 0, number;

      head++;
      for (guint k = 0; k < n; k++)
        {
          gint32 t = number_at (c, nx[k], ny[k]);

          if (t > 0)
            lo = MIN (lo, t), hi = MAX (hi, t);
        }
      number = lo == hi ? hi : LDA_NUCLEUS_LINE;
      c->number[rim_index (c, x, y)] = number;
      if (number == LDA_NUCLEUS_LINE)
        {
          lda_bitplane_set (lines, x, y, TRUE);
          continue;
        }

      for (guint k = 0; k < n; k++)
        if (lda_bitplane_get (c->rim, nx[k], ny[k]))
          {
            gint32 *t = &c->number[rim_index (c, nx[k], ny[k])];

            if (*t == UNKNOWN)
              {
                *t = QUEUED;
                queue[tail++] = ny[k] * w + nx[k];
              }
          }
    }
}

/**
 * lda_nuclei_carry:
 * @base: the nuclei before the masks moved: of an exact split
 *   (lda_nuclei_new_bright()) or carried themselves, as each change of a
 *   drag carries the last one's
 * @hoechst: the new Hoechst mask
 * @draq7: the new Draq7 mask
 * @params: how nuclei become objects, as for @base
 * @cancellable: (nullable): checked at the end
 * @error: return location for an error
 *
 * The nuclei of the new masks with the split lines of @base carried onto
 * them (see above): a preview of the split for a slider being dragged,
 * in a few milliseconds where splitting again takes tens.
 *
 * Returns: (transfer full) (nullable): the nuclei, or %NULL if cancelled
 *   or out of memory
 */
LdaNuclei *
lda_nuclei_carry (const LdaNuclei        *base,
                  const LdaBitplane      *hoechst,
                  const LdaBitplane      *draq7,
                  const LdaNucleusParams *params,
                  GCancellable           *cancellable,
                  GError                **error)
{
  const guint w = hoechst->width, h = hoechst->height;
  g_autoptr(LdaNuclei) self = g_new0 (LdaNuclei, 1);
  g_autoptr(LdaBitplane) rim = NULL;
  g_autofree guint32 *rank = NULL;
  g_autofree gint32 *number = NULL;
  g_autofree guint32 *queue = NULL;
  gsize n_words, n_rim = 0;
  Carry c;

  g_return_val_if_fail (base != NULL && base->objects != NULL, NULL);
  g_return_val_if_fail (base->width == w && base->height == h, NULL);
  g_return_val_if_fail ((gsize) w * h < G_MAXUINT32, NULL);

  self->width = w;
  self->height = h;
  self->n_seeds = base->n_seeds;
  if (!(self->mask = lda_bitplane_copy (hoechst, error)))
    return NULL;
  lda_bitplane_or (self->mask, draq7);
  if (!(self->lines = lda_bitplane_copy (base->lines, error)) ||
      !(rim = lda_bitplane_copy (self->mask, error)))
    return NULL;

  /* The lines the new mask keeps, and its pixels the old one lacks,
   * counted word by word. */
  n_words = (gsize) h * rim->stride;
  rank = g_try_new (guint32, MAX (n_words, 1));
  if (rank == NULL)
    {
      lda_split_set_oom (error, w, h);
      return NULL;
    }
  for (gsize i = 0; i < n_words; i++)
    {
      self->lines->bits[i] &= self->mask->bits[i];
      rim->bits[i] &= ~base->mask->bits[i];
      rank[i] = (guint32) n_rim;
      n_rim += lda_popcount (rim->bits[i]);
    }

  number = g_try_new0 (gint32, MAX (n_rim, 1));
  queue = g_try_new (guint32, MAX (n_rim, 1));
  if (number == NULL || queue == NULL)
    {
      lda_split_set_oom (error, w, h);
      return NULL;
    }

  c = (Carry) { base, self->mask, rim, rank, number };
  flood_rim (&c, queue, self->lines);

  if (!lda_nuclei_finish (self, draq7, params, FALSE, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}
