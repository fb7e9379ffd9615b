/* lda-split.c — the seeded watershed that splits touching nuclei
 *
 * A threshold cannot separate nuclei that touch: their union is one blob.
 * Its distance map (how deep each pixel lies inside the blob) has one
 * summit per round nucleus, with a saddle at the neck between two.  A
 * summit at least `depth` pixels above the saddle that joins it to a
 * higher one (an h-maximum, h = depth) seeds a watershed flooded from the
 * summits down; where two floods meet is a split line.  Shallower summits
 * are bumps of one nucleus's outline, not nuclei of their own.  A nucleus
 * touched by nothing keeps its one seed.  lda-nuclei.c says which depths
 * the seeds and the flood use.
 *
 * The seeds work on squared distances, which are whole numbers, and the
 * flood on levels that are whole numbers too: pixels are sorted into
 * buckets, and the flood's priority queue is buckets as well, so each
 * pixel is handled a fixed number of times.  Here the whole image is one
 * piece of work; the pipeline splits one blob at a time
 * (lda-split-blobs.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-compare.h"
#include "lda-distance.h"
#include "lda-error.h"
#include "lda-split.h"
#include "lda-union-find.h"
#include "lda-split-private.h"

/* Internal value of the working labels, besides the seeds (≥ 1). */
#define QUEUED   (-3)

void
lda_split_workspace_clear (LdaSplitWorkspace *ws)
{
  g_free (ws->pixels);
  g_free (ws->order);
  g_free (ws->count);
  g_free (ws->head);
  g_free (ws->tail);
  if (ws->seeds != NULL)
    g_array_unref (ws->seeds);
}

gboolean
lda_split_workspace_reserve (LdaSplitWorkspace *ws,
                             gsize              n_pixels,
                             guint              n_levels)
{
  if (n_pixels > ws->n_alloc)
    {
      g_free (ws->pixels);
      g_free (ws->order);
      ws->pixels = g_try_malloc_n (n_pixels, sizeof (guint32));
      ws->order = g_try_malloc_n (n_pixels, sizeof (guint32));
      ws->n_alloc = ws->pixels != NULL && ws->order != NULL ? n_pixels : 0;
      if (ws->n_alloc == 0)
        return FALSE;
    }
  if (n_levels > ws->n_levels)
    {
      g_free (ws->count);
      g_free (ws->head);
      g_free (ws->tail);
      ws->count = g_try_malloc_n (n_levels + 1, sizeof (guint32));
      ws->head = g_try_malloc_n (n_levels, sizeof (gint32));
      ws->tail = g_try_malloc_n (n_levels, sizeof (gint32 *));
      ws->n_levels = ws->count != NULL && ws->head != NULL && ws->tail != NULL ? n_levels : 0;
      if (ws->n_levels == 0)
        return FALSE;
    }
  if (ws->seeds == NULL)
    ws->seeds = g_array_new (FALSE, FALSE, sizeof (guint32));

  return TRUE;
}

void
lda_split_set_oom (GError **error,
                   guint    width,
                   guint    height)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("not enough memory to split the nuclei of a %u × %u image"), width, height);
}

const double *
lda_split_root_table (void)
{
  static double table[LDA_SPLIT_ROOTS];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint n = 0; n < LDA_SPLIT_ROOTS; n++)
        table[n] = sqrt ((double) n);
      g_once_init_leave (&done, 1);
    }

  return table;
}

/* Sorts ws->pixels[0 … m) into ws->order by @values, highest first, raster
 * order within a value (the pixels come in raster order).  Returns the
 * highest value. */
static guint
sort_descending (LdaSplitWorkspace *ws,
                 gsize              m,
                 const guint16     *values)
{
  guint top = 0;

  for (gsize k = 0; k < m; k++)
    top = MAX (top, values[ws->pixels[k]]);

  memset (ws->count, 0, ((gsize) top + 2) * sizeof (guint32));
  for (gsize k = 0; k < m; k++)
    ws->count[top - values[ws->pixels[k]] + 1]++;
  for (guint l = 1; l <= top + 1; l++)
    ws->count[l] += ws->count[l - 1];
  for (gsize k = 0; k < m; k++)
    {
      guint32 p = ws->pixels[k];

      ws->order[ws->count[top - values[p]]++] = p;
    }

  return top;
}

/* The seeds of one blob in a padded box (a margin of one pixel of depth 0
 * all around, so that no neighbour falls outside the arrays):
 * ws->pixels[0 … m) are its pixels with a depth, in raster order; only
 * theirs of @parent are used, each written before it is read.  Writes the
 * seeds' numbers, 1, 2, … in raster order, into @labels and returns how
 * many. */
guint
lda_split_seeds_in (LdaSplitWorkspace *ws,
                    gsize              m,
                    const guint16     *distance2,
                    guint              stride,
                    double             depth,
                    guint32           *parent,
                    gint32            *labels)
{
  const double *roots = lda_split_root_table ();
  gssize around[8];

  lda_split_neighbours (around, stride);
  g_array_set_size (ws->seeds, 0);
  sort_descending (ws, m, distance2);

  for (gsize k = 0; k < m; k++)
    {
      guint32 p = ws->order[k];
      double level = -1.0;   /* p's depth, taken when a merge needs it */
      guint32 rp = p;        /* p's root, kept up to date through the merges */
      /* The neighbours reached already (merged before p). */
      guint reached = lda_split_reached (distance2, p, around);

      parent[p] = p;
      for (; reached != 0; reached &= reached - 1)
        {
          guint32 q = (guint32) ((gssize) p + around[__builtin_ctz (reached)]);
          guint32 rq, high, low;

          /* In p's part already. */
          if (parent[q] == rp)
            continue;

          rq = lda_union_find_root (parent, q);
          if (rp == rq)
            continue;

          /* The higher summit goes on; ties go to the earlier pixel, so
           * that the result does not depend on the visiting order. */
          if (distance2[rp] > distance2[rq] || (distance2[rp] == distance2[rq] && rp < rq))
            high = rp, low = rq;
          else
            high = rq, low = rp;

          /* p alone is as deep as the summit it joins first, or less:
           * a summit of no height above p, not a seed.  Past that, the
           * lower summit is a seed if it stands @depth above p. */
          if (low != p && high != p)
            {
              if (level < 0.0)
                level = lda_split_root (roots, distance2[p]);
              if (lda_split_root (roots, distance2[low]) - level >= depth)
                g_array_append_val (ws->seeds, low);
            }
          parent[low] = high;
          rp = high;
        }
    }

  /* What is still a root is the deepest summit of its part: its dynamic
   * is its depth above the outside, 0. */
  for (gsize k = 0; k < m; k++)
    {
      guint32 p = ws->order[k];

      if (parent[p] == p && lda_split_root (roots, distance2[p]) >= depth)
        g_array_append_val (ws->seeds, p);
    }

  g_array_sort (ws->seeds, lda_compare_guint32);
  for (guint i = 0; i < ws->seeds->len; i++)
    labels[g_array_index (ws->seeds, guint32, i)] = (gint32) i + 1;

  return ws->seeds->len;
}

/* Each level's FIFO is a list through @next; its tail is where the next
 * pixel's index goes (the head, or the last pixel's next), so a push
 * takes no branch. */
static inline void
level_push (LdaSplitWorkspace *ws,
            gint32            *next,
            int               *current,
            int                level,
            gint32             p)
{
  next[p] = -1;
  *ws->tail[level] = p;
  ws->tail[level] = &next[p];
  if (level > *current)
    *current = level;
}

static inline gint32
level_pop (LdaSplitWorkspace *ws,
           gint32            *next,
           int               *current)
{
  gint32 p;

  while (*current >= 0 && ws->head[*current] < 0)
    (*current)--;
  if (*current < 0)
    return -1;

  p = ws->head[*current];
  ws->head[*current] = next[p];
  if (ws->head[*current] < 0)
    ws->tail[*current] = &ws->head[*current];

  return p;
}

/* Floods one blob in a padded box (a margin of %LDA_SPLIT_OUTSIDE all
 * around): ws->pixels[0 … m) are its pixels that are seeds or to be
 * flooded. */
void
lda_split_flood_in (LdaSplitWorkspace *ws,
                    gsize              m,
                    const guint16     *levels,
                    guint              stride,
                    gint32            *labels,
                    gint32            *next)
{
  const gssize around[4] = { -1, 1, -(gssize) stride, (gssize) stride };
  int current = -1;
  guint top = 0;
  gint32 p;

  for (gsize k = 0; k < m; k++)
    top = MAX (top, levels[ws->pixels[k]]);
  memset (ws->head, 0xff, ((gsize) top + 1) * sizeof (gint32));
  for (guint l = 0; l <= top; l++)
    ws->tail[l] = &ws->head[l];

  for (gsize k = 0; k < m; k++)
    {
      guint32 i = ws->pixels[k];

      if (labels[i] <= 0)
        continue;
      for (guint n = 0; n < 4; n++)
        {
          gint32 q = (gint32) ((gssize) i + around[n]);

          if (labels[q] == 0)
            {
              level_push (ws, next, &current, levels[q], q);
              labels[q] = QUEUED;
            }
        }
    }

  while ((p = level_pop (ws, next, &current)) >= 0)
    {
      const gint32 t0 = labels[(gssize) p + around[0]], t1 = labels[(gssize) p + around[1]];
      const gint32 t2 = labels[(gssize) p + around[2]], t3 = labels[(gssize) p + around[3]];
      /* The number all the numbered neighbours share, or a line if they
       * do not: the largest of them against the smallest, without a
       * branch. */
      const gint32 hi = MAX (MAX (t0, t1), MAX (t2, t3));
      const gint32 lo = MIN (MIN (t0 > 0 ? t0 : G_MAXINT32, t1 > 0 ? t1 : G_MAXINT32),
                             MIN (t2 > 0 ? t2 : G_MAXINT32, t3 > 0 ? t3 : G_MAXINT32));
      const gint32 label = lo == hi ? hi : LDA_NUCLEUS_LINE;

      g_assert (hi > 0);
      labels[p] = label;
      if (label == LDA_NUCLEUS_LINE)
        continue;

      /* The unknown neighbours, at their level or the flood's if that is
       * lower. */
      {
        const gint32 tn[4] = { t0, t1, t2, t3 };

        for (guint n = 0; n < 4; n++)
          if (tn[n] == 0)
            {
              gint32 q = (gint32) ((gssize) p + around[n]);

              level_push (ws, next, &current, MIN ((int) levels[q], current), q);
              labels[q] = QUEUED;
            }
      }
    }
}

/* The whole image in a padded box: @values (or @labels) copied one pixel
 * in from each edge, the margin set to @margin. */
static guint16 *
pad_u16 (const guint16 *values,
         guint          width,
         guint          height)
{
  guint stride = width + 2;
  guint16 *padded = g_try_new0 (guint16, (gsize) stride * (height + 2));

  if (padded != NULL)
    for (guint y = 0; y < height; y++)
      memcpy (padded + (gsize) (y + 1) * stride + 1, values + (gsize) y * width,
              width * sizeof (guint16));

  return padded;
}

static gint32 *
pad_labels (const gint32 *labels,
            guint         width,
            guint         height)
{
  guint stride = width + 2;
  gsize n = (gsize) stride * (height + 2);
  gint32 *padded = g_try_new (gint32, n);

  if (padded != NULL)
    {
      for (gsize i = 0; i < n; i++)
        padded[i] = LDA_SPLIT_OUTSIDE;
      for (guint y = 0; y < height; y++)
        memcpy (padded + (gsize) (y + 1) * stride + 1, labels + (gsize) y * width,
                width * sizeof (gint32));
    }

  return padded;
}

static void
unpad_labels (const gint32 *padded,
              gint32       *labels,
              guint         width,
              guint         height)
{
  for (guint y = 0; y < height; y++)
    memcpy (labels + (gsize) y * width, padded + (gsize) (y + 1) * (width + 2) + 1,
            width * sizeof (gint32));
}

/**
 * lda_split_seeds:
 * @distance2: width × height squared depths, 0 outside the mask
 * @width: columns
 * @height: rows
 * @depth: h, in pixels of distance
 * @labels: (inout): width × height; the seeds are numbered 1, 2, … in
 *   raster order, other pixels are left as they are
 * @n_seeds: (out): how many seeds
 * @error: return location for an error
 *
 * Finds the maxima of the distance map whose dynamic is at least @depth:
 * pixels are merged into components from the deepest down (8-connected,
 * in a union-find forest whose roots are the components' summits); when
 * a pixel at depth d joins two components, the one with the lower summit
 * s ends there, and seeds a nucleus if s − d ≥ @depth.  The deepest
 * summit of each blob seeds one if it is at least @depth deep: a blob
 * thinner than that is not split, and gets no seed.  The whole image is
 * one piece of work here; lda_split_blobs() takes a blob at a time.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_split_seeds (const guint16  *distance2,
                 guint           width,
                 guint           height,
                 double          depth,
                 gint32         *labels,
                 guint          *n_seeds,
                 GError        **error)
{
  const guint stride = width + 2;
  const gsize n = (gsize) stride * (height + 2);
  g_autofree guint16 *padded = pad_u16 (distance2, width, height);
  g_autofree gint32 *padded_labels = pad_labels (labels, width, height);
  g_autofree guint32 *parent = g_try_malloc_n (n, sizeof (guint32));
  LdaSplitWorkspace ws = { NULL, };
  gsize m = 0;

  g_return_val_if_fail (n < G_MAXUINT32, FALSE);

  if (padded == NULL || padded_labels == NULL || parent == NULL ||
      !lda_split_workspace_reserve (&ws, n, LDA_DISTANCE2_MAX + 1))
    {
      lda_split_workspace_clear (&ws);
      lda_split_set_oom (error, width, height);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    if (padded[i] > 0)
      ws.pixels[m++] = (guint32) i;
  *n_seeds = lda_split_seeds_in (&ws, m, padded, stride, depth, parent, padded_labels);
  unpad_labels (padded_labels, labels, width, height);
  lda_split_workspace_clear (&ws);

  return TRUE;
}

/**
 * lda_split_flood:
 * @levels: width × height flooding levels, highest first
 * @width: columns
 * @height: rows
 * @labels: (inout): %LDA_SPLIT_OUTSIDE where the flood must not go, 0
 *   where it goes, the seeds' numbers on the seeds; on return every pixel
 *   that was 0 holds a seed's number or %LDA_NUCLEUS_LINE, except pixels
 *   that lines or the outside cut off from every seed, which stay 0
 * @cancellable: (nullable): checked before the flood
 * @error: return location for an error
 *
 * Floods @levels from the seeds, highest first and first-in first-out
 * within a level (a pixel higher than the flood's level waits at that
 * level).  A pixel takes the number of its numbered 4-neighbours; one
 * that sees two numbers becomes a line and does not spread, so no two
 * numbers are ever 4-neighbours.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_split_flood (const guint16  *levels,
                 guint           width,
                 guint           height,
                 gint32         *labels,
                 GCancellable   *cancellable,
                 GError        **error)
{
  const guint stride = width + 2;
  const gsize n = (gsize) stride * (height + 2);
  g_autofree guint16 *padded = NULL;
  g_autofree gint32 *padded_labels = NULL;
  g_autofree gint32 *next = NULL;
  LdaSplitWorkspace ws = { NULL, };
  gsize m = 0;

  g_return_val_if_fail (n < G_MAXINT32, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  padded = pad_u16 (levels, width, height);
  padded_labels = pad_labels (labels, width, height);
  next = g_try_malloc_n (n, sizeof (gint32));
  if (padded == NULL || padded_labels == NULL || next == NULL ||
      !lda_split_workspace_reserve (&ws, n, 65536))
    {
      lda_split_workspace_clear (&ws);
      lda_split_set_oom (error, width, height);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    if (padded_labels[i] >= 0)
      ws.pixels[m++] = (guint32) i;
  lda_split_flood_in (&ws, m, padded, stride, padded_labels, next);
  unpad_labels (padded_labels, labels, width, height);
  lda_split_workspace_clear (&ws);

  return TRUE;
}

