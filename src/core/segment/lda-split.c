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
 * pixel is handled a fixed number of times.  Blobs do not touch, so each
 * is split on its own: its pixels, a few thousand, stay in the cache while
 * it is worked on (taken in depth order across the whole image they did
 * not, and that was most of the time), and the blobs are shared between
 * two threads.
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

/* How many blobs a thread takes at a time. */
#define BLOB_CHUNK 16

/* Internal value of the working labels, besides the seeds (≥ 1). */
#define QUEUED   (-3)
#define NONE     G_MAXUINT32

/* What one thread needs to split one blob after another; grown as
 * bigger blobs come. */
typedef struct
{
  guint32 *pixels;     /* the blob's pixels */
  guint32 *order;      /* the same, deepest first */
  gsize    n_alloc;
  guint32 *count;      /* per level, then where each level starts */
  gint32  *head;       /* the flood's queue, one FIFO per level */
  gint32  *tail;
  guint    n_levels;
  GArray  *seeds;
} Workspace;

static void
workspace_clear (Workspace *ws)
{
  g_free (ws->pixels);
  g_free (ws->order);
  g_free (ws->count);
  g_free (ws->head);
  g_free (ws->tail);
  if (ws->seeds != NULL)
    g_array_unref (ws->seeds);
}

static gboolean
workspace_reserve (Workspace *ws,
                   gsize      n_pixels,
                   guint      n_levels)
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
      ws->tail = g_try_malloc_n (n_levels, sizeof (gint32));
      ws->n_levels = ws->count != NULL && ws->head != NULL && ws->tail != NULL ? n_levels : 0;
      if (ws->n_levels == 0)
        return FALSE;
    }
  if (ws->seeds == NULL)
    ws->seeds = g_array_new (FALSE, FALSE, sizeof (guint32));

  return TRUE;
}

static void
set_oom (GError **error,
         guint    width,
         guint    height)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("not enough memory to split the nuclei of a %u × %u image"), width, height);
}

/* Square roots of the squared depths a nucleus has, looked up: the same
 * doubles sqrt() gives, without its latency on every pixel. */
#define ROOTS 1024

static const double *
root_table (void)
{
  static double table[ROOTS];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint n = 0; n < ROOTS; n++)
        table[n] = sqrt ((double) n);
      g_once_init_leave (&done, 1);
    }

  return table;
}

static inline double
root (const double *table,
      guint16       n)
{
  return G_LIKELY (n < ROOTS) ? table[n] : sqrt ((double) n);
}

static inline guint32
find_root (guint32 *parent,
           guint32  p)
{
  while (parent[p] != p)
    {
      parent[p] = parent[parent[p]];
      p = parent[p];
    }

  return p;
}

/* Sorts ws->pixels[0 … m) into ws->order by @values, highest first, raster
 * order within a value (the pixels come in raster order).  Returns the
 * highest value. */
static guint
sort_descending (Workspace     *ws,
                 gsize          m,
                 const guint16 *values)
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
 * ws->pixels[0 … m) are its pixels with a depth, in raster order.  Writes
 * the seeds' numbers, 1, 2, … in raster order, into @labels and returns
 * how many. */
static guint
seeds_in (Workspace     *ws,
          gsize          m,
          const guint16 *distance2,
          guint          stride,
          double         depth,
          guint32       *parent,
          gint32        *labels)
{
  const gssize around[8] = {
    -(gssize) stride - 1, -(gssize) stride, -(gssize) stride + 1, -1,
    1, (gssize) stride - 1, (gssize) stride, (gssize) stride + 1,
  };
  const double *roots = root_table ();

  g_array_set_size (ws->seeds, 0);
  sort_descending (ws, m, distance2);
  for (gsize k = 0; k < m; k++)
    parent[ws->pixels[k]] = NONE;

  for (gsize k = 0; k < m; k++)
    {
      guint32 p = ws->order[k];
      double level = -1.0;   /* p's depth, taken when a merge needs it */
      guint32 rp = p;        /* p's root, kept up to date through the merges */

      parent[p] = p;
      for (guint n = 0; n < 8; n++)
        {
          guint32 q = (guint32) ((gssize) p + around[n]);
          guint32 rq, high, low;

          /* Not deep, or not reached yet, or in p's part already. */
          if (distance2[q] == 0 || parent[q] == NONE || parent[q] == rp)
            continue;

          rq = find_root (parent, q);
          if (rp == rq)
            continue;

          /* The higher summit goes on; ties go to the earlier pixel, so
           * that the result does not depend on the visiting order. */
          if (distance2[rp] > distance2[rq] || (distance2[rp] == distance2[rq] && rp < rq))
            high = rp, low = rq;
          else
            high = rq, low = rp;

          if (level < 0.0)
            level = root (roots, distance2[p]);
          if (root (roots, distance2[low]) - level >= depth)
            g_array_append_val (ws->seeds, low);
          parent[low] = high;
          rp = high;
        }
    }

  /* What is still a root is the deepest summit of its part: its dynamic
   * is its depth above the outside, 0. */
  for (gsize k = 0; k < m; k++)
    {
      guint32 p = ws->order[k];

      if (parent[p] == p && root (roots, distance2[p]) >= depth)
        g_array_append_val (ws->seeds, p);
    }

  g_array_sort (ws->seeds, lda_compare_guint32);
  for (guint i = 0; i < ws->seeds->len; i++)
    labels[g_array_index (ws->seeds, guint32, i)] = (gint32) i + 1;

  return ws->seeds->len;
}

static inline void
level_push (Workspace *ws,
            gint32    *next,
            int       *current,
            int        level,
            gint32     p)
{
  next[p] = -1;
  if (ws->tail[level] >= 0)
    next[ws->tail[level]] = p;
  else
    ws->head[level] = p;
  ws->tail[level] = p;
  if (level > *current)
    *current = level;
}

static inline gint32
level_pop (Workspace *ws,
           gint32    *next,
           int       *current)
{
  gint32 p;

  while (*current >= 0 && ws->head[*current] < 0)
    (*current)--;
  if (*current < 0)
    return -1;

  p = ws->head[*current];
  ws->head[*current] = next[p];
  if (ws->head[*current] < 0)
    ws->tail[*current] = -1;

  return p;
}

/* Floods one blob in a padded box (a margin of %LDA_SPLIT_OUTSIDE all
 * around): ws->pixels[0 … m) are its pixels that are seeds or to be
 * flooded. */
static void
flood_in (Workspace     *ws,
          gsize          m,
          const guint16 *levels,
          guint          stride,
          gint32        *labels,
          gint32        *next)
{
  const gssize around[4] = { -1, 1, -(gssize) stride, (gssize) stride };
  int current = -1;
  guint top = 0;
  gint32 p;

  for (gsize k = 0; k < m; k++)
    top = MAX (top, levels[ws->pixels[k]]);
  memset (ws->head, 0xff, ((gsize) top + 1) * sizeof (gint32));
  memset (ws->tail, 0xff, ((gsize) top + 1) * sizeof (gint32));

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
      gint32 label = 0;

      for (guint n = 0; n < 4; n++)
        {
          gint32 t = labels[(gssize) p + around[n]];

          if (t > 0)
            {
              if (label == 0)
                label = t;
              else if (t != label)
                label = LDA_NUCLEUS_LINE;
            }
        }

      g_assert (label != 0);
      labels[p] = label;
      if (label == LDA_NUCLEUS_LINE)
        continue;

      for (guint n = 0; n < 4; n++)
        {
          gint32 q = (gint32) ((gssize) p + around[n]);

          if (labels[q] == 0)
            {
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
  Workspace ws = { NULL, };
  gsize m = 0;

  g_return_val_if_fail (n < G_MAXUINT32, FALSE);

  if (padded == NULL || padded_labels == NULL || parent == NULL ||
      !workspace_reserve (&ws, n, LDA_DISTANCE2_MAX + 1))
    {
      workspace_clear (&ws);
      set_oom (error, width, height);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    if (padded[i] > 0)
      ws.pixels[m++] = (guint32) i;
  *n_seeds = seeds_in (&ws, m, padded, stride, depth, parent, padded_labels);
  unpad_labels (padded_labels, labels, width, height);
  workspace_clear (&ws);

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
  Workspace ws = { NULL, };
  gsize m = 0;

  g_return_val_if_fail (n < G_MAXINT32, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  padded = pad_u16 (levels, width, height);
  padded_labels = pad_labels (labels, width, height);
  next = g_try_malloc_n (n, sizeof (gint32));
  if (padded == NULL || padded_labels == NULL || next == NULL ||
      !workspace_reserve (&ws, n, 65536))
    {
      workspace_clear (&ws);
      set_oom (error, width, height);
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    if (padded_labels[i] >= 0)
      ws.pixels[m++] = (guint32) i;
  flood_in (&ws, m, padded, stride, padded_labels, next);
  unpad_labels (padded_labels, labels, width, height);
  workspace_clear (&ws);

  return TRUE;
}

/* A blob's box: its pixels copied into arrays of the box's size, where
 * the work happens. */
typedef struct
{
  guint    x0;
  guint    y0;
  guint    width;      /* with the margin */
  guint    height;
  guint8  *inside;     /* BLOB on the blob's pixels, CORE on its cores' */
  guint16 *scratch;
  guint16 *distance2;
  guint16 *core2;
  guint16 *levels;
  gint32  *labels;
  guint32 *parent;
  gint32  *next;
  gsize    n_alloc;
  guint   *v;          /* the distance maps' envelope, a row long */
  gint64  *f;
  gint16  *row;
  gsize    n_columns;
} Box;

#define BLOB 1
#define CORE 2

static void
box_clear (Box *box)
{
  g_free (box->inside);
  g_free (box->scratch);
  g_free (box->distance2);
  g_free (box->core2);
  g_free (box->levels);
  g_free (box->labels);
  g_free (box->parent);
  g_free (box->next);
  g_free (box->v);
  g_free (box->f);
  g_free (box->row);
}

static gboolean
box_reserve (Box   *box,
             gsize  n,
             gsize  n_columns)
{
  if (n_columns > box->n_columns)
    {
      g_free (box->v);
      g_free (box->f);
      g_free (box->row);
      box->v = g_try_malloc_n (n_columns + 2, sizeof (guint));
      box->f = g_try_malloc_n (n_columns + 2, sizeof (gint64));
      box->row = g_try_malloc_n (n_columns, 4 * sizeof (gint16));
      box->n_columns = box->v != NULL && box->f != NULL && box->row != NULL ? n_columns : 0;
      if (box->n_columns == 0)
        return FALSE;
    }
  if (n <= box->n_alloc)
    return TRUE;

  g_clear_pointer (&box->inside, g_free);
  g_clear_pointer (&box->scratch, g_free);
  g_clear_pointer (&box->distance2, g_free);
  g_clear_pointer (&box->core2, g_free);
  g_clear_pointer (&box->levels, g_free);
  g_clear_pointer (&box->labels, g_free);
  g_clear_pointer (&box->parent, g_free);
  g_clear_pointer (&box->next, g_free);
  box->inside = g_try_malloc (n);
  box->scratch = g_try_malloc_n (n, sizeof (guint16));
  box->distance2 = g_try_malloc_n (n, sizeof (guint16));
  box->core2 = g_try_malloc_n (n, sizeof (guint16));
  box->levels = g_try_malloc_n (n, sizeof (guint16));
  box->labels = g_try_malloc_n (n, sizeof (gint32));
  box->parent = g_try_malloc_n (n, sizeof (guint32));
  box->next = g_try_malloc_n (n, sizeof (gint32));
  box->n_alloc = box->inside != NULL && box->scratch != NULL && box->distance2 != NULL &&
                 box->core2 != NULL && box->levels != NULL && box->labels != NULL &&
                 box->parent != NULL && box->next != NULL ? n : 0;

  return box->n_alloc > 0;
}

typedef struct
{
  const LdaRuns *blobs;
  const gsize   *first_run;   /* per blob, where its runs start in run_order */
  const gsize   *run_order;   /* run indices, blob by blob */
  guint          n_blobs;
  gint          *next;        /* the next blob not taken, shared */
  const LdaBitplane *cores;
  double         depth;
  GArray        *lines;       /* image indices of the line pixels found */
  guint          n_seeds;
  gboolean       ok;
  GCancellable  *cancellable;
} BlobJob;

static void
split_blob (BlobJob   *job,
            guint      b,
            Workspace *ws,
            Box       *box)
{
  const LdaRuns *blobs = job->blobs;
  const guint width = blobs->width;
  const double *roots = root_table ();
  gsize first = job->first_run[b], last = job->first_run[b + 1];
  guint x0 = G_MAXUINT, x1 = 0, y0 = G_MAXUINT, y1 = 0;
  gsize n_pixels = 0, n_deep = 0, m = 0, area;
  guint stride;

  for (gsize r = first; r < last; r++)
    {
      const LdaRun *run = &blobs->runs[job->run_order[r]];

      x0 = MIN (x0, run->x0);
      x1 = MAX (x1, run->x1);
      y0 = MIN (y0, run->y);
      y1 = MAX (y1, run->y + 1);
      n_pixels += run->x1 - run->x0;
    }
  /* A margin of one pixel all around: no neighbour falls outside. */
  box->x0 = x0;
  box->y0 = y0;
  box->width = x1 - x0 + 2;
  box->height = y1 - y0 + 2;
  stride = box->width;
  area = (gsize) box->width * box->height;

  if (!box_reserve (box, area, box->width) || !workspace_reserve (ws, n_pixels, 65536))
    {
      job->ok = FALSE;
      return;
    }

  /* The blob's pixels and its cores into the box, and those to flood. */
  memset (box->inside, 0, area);
  for (gsize i = 0; i < area; i++)
    box->labels[i] = LDA_SPLIT_OUTSIDE;
  for (gsize r = first; r < last; r++)
    {
      const LdaRun *run = &blobs->runs[job->run_order[r]];
      const guint64 *cores = lda_bitplane_row (job->cores, run->y);
      gsize to = (gsize) (run->y - y0 + 1) * stride + 1 - x0;

      for (guint x = run->x0; x < run->x1; x++)
        {
          box->inside[to + x] = BLOB | (((cores[x >> 6] >> (x & 63)) & 1) ? CORE : 0);
          box->labels[to + x] = 0;
        }
    }

  /* Depths in the blob and in its cores; the flooding levels are the sum
   * of both, in eighths of a pixel. */
  lda_distance_squared_box (box->inside, BLOB, box->width, box->height, box->scratch,
                            box->distance2, box->v, box->f, box->row);
  lda_distance_squared_box (box->inside, CORE, box->width, box->height, box->scratch,
                            box->core2, box->v, box->f, box->row);
  for (gsize i = 0; i < area; i++)
    if (box->inside[i] != 0)
      {
        guint16 c = box->core2[i];
        double depth = root (roots, box->distance2[i]) + (c > 0 ? root (roots, c) : 0.0);

        box->levels[i] = (guint16) MIN (8.0 * depth + 0.5, (double) LDA_DISTANCE2_MAX);
      }

  /* Seeds among the deep pixels, in the box's raster order; then the
   * flood of all the blob's pixels. */
  for (guint32 i = 0; i < area; i++)
    if (box->core2[i] > 0)
      ws->pixels[n_deep++] = i;
  job->n_seeds += seeds_in (ws, n_deep, box->core2, stride, job->depth, box->parent,
                            box->labels);

  for (guint32 i = 0; i < area; i++)
    if (box->labels[i] >= 0)
      ws->pixels[m++] = i;
  flood_in (ws, m, box->levels, stride, box->labels, box->next);

  for (guint y = 1; y + 1 < box->height; y++)
    for (guint x = 1; x + 1 < box->width; x++)
      if (box->labels[y * stride + x] == LDA_NUCLEUS_LINE)
        {
          guint32 i = (guint32) ((y - 1 + y0) * width + x - 1 + x0);

          g_array_append_val (job->lines, i);
        }
}

static void
split_blobs (BlobJob *job)
{
  Workspace ws = { NULL, };
  Box box = { 0, };

  /* Blobs are taken BLOB_CHUNK at a time, whichever thread is free: their
   * cost goes by their boxes, not by their pixels, and the threads finish
   * together. */
  job->ok = TRUE;
  while (job->ok && !g_cancellable_is_cancelled (job->cancellable))
    {
      guint b0 = (guint) g_atomic_int_add (job->next, BLOB_CHUNK);

      if (b0 >= job->n_blobs)
        break;
      for (guint b = b0; b < MIN (b0 + BLOB_CHUNK, job->n_blobs) && job->ok; b++)
        split_blob (job, b, &ws, &box);
    }

  workspace_clear (&ws);
  box_clear (&box);
}

static gpointer
split_blobs_thread (gpointer data)
{
  split_blobs (data);
  return NULL;
}

/**
 * lda_split_blobs:
 * @blobs: the runs of the mask, labelled 8-connected
 * @cores: the cores of the nuclei, inside the mask, where the seeds are
 *   sought (lda_split_seeds())
 * @depth: h, in pixels of distance
 * @lines: (inout): a bit plane of the image's size; the split lines are
 *   set in it
 * @n_seeds: (out): how many seeds in all
 * @cancellable: (nullable): polled between blobs
 * @error: return location for an error
 *
 * Seeds each blob from the depths of its cores and floods it
 * (lda_split_flood()) by the sum of the two depths, the blob's and its
 * cores' (lda_distance_squared_box()), in eighths of a pixel: through the
 * cores first.  Each blob is worked on in a box of its own, the blobs
 * shared between two threads.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_split_blobs (const LdaRuns     *blobs,
                 const LdaBitplane *cores,
                 double             depth,
                 LdaBitplane       *lines,
                 guint             *n_seeds,
                 GCancellable      *cancellable,
                 GError           **error)
{
  const guint w = blobs->width, h = blobs->height;
  const guint n_blobs = blobs->n_components;
  g_autofree gsize *first_run = NULL;
  g_autofree gsize *run_order = NULL;
  g_autofree gsize *fill = NULL;
  BlobJob jobs[2];
  GThread *thread = NULL;
  gint next = 0;

  g_return_val_if_fail ((gsize) w * h < G_MAXINT32, FALSE);

  first_run = g_try_new0 (gsize, (gsize) n_blobs + 1);
  run_order = g_try_malloc_n (MAX (blobs->n_runs, 1), sizeof (gsize));
  fill = g_try_new0 (gsize, (gsize) n_blobs + 1);
  if (first_run == NULL || run_order == NULL || fill == NULL)
    {
      set_oom (error, w, h);
      return FALSE;
    }

  /* The runs, blob by blob, each blob's in raster order. */
  for (gsize r = 0; r < blobs->n_runs; r++)
    first_run[blobs->labels[r] + 1]++;
  for (guint b = 0; b < n_blobs; b++)
    first_run[b + 1] += first_run[b];
  for (gsize r = 0; r < blobs->n_runs; r++)
    {
      guint b = blobs->labels[r];

      run_order[first_run[b] + fill[b]++] = r;
    }

  for (guint t = 0; t < 2; t++)
    jobs[t] = (BlobJob) {
      blobs, first_run, run_order, n_blobs, &next, cores, depth,
      g_array_new (FALSE, FALSE, sizeof (guint32)), 0, TRUE, cancellable,
    };

  if (n_blobs > BLOB_CHUNK)
    thread = g_thread_try_new ("lda-split", split_blobs_thread, &jobs[1], NULL);
  split_blobs (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);

  /* The lines go into the plane here: two threads' blobs may share a
   * word of it. */
  *n_seeds = 0;
  for (guint t = 0; t < (thread != NULL ? 2u : 1u); t++)
    {
      for (guint k = 0; k < jobs[t].lines->len; k++)
        {
          guint32 i = g_array_index (jobs[t].lines, guint32, k);

          lda_bitplane_set (lines, i % w, i / w, TRUE);
        }
      *n_seeds += jobs[t].n_seeds;
    }
  for (guint t = 0; t < 2; t++)
    g_array_unref (jobs[t].lines);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!jobs[0].ok || (thread != NULL && !jobs[1].ok))
    {
      set_oom (error, w, h);
      return FALSE;
    }

  return TRUE;
}
