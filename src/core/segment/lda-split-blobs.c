/* lda-split-blobs.c — the split of touching nuclei, one blob at a time
 *
 * Blobs do not touch, so each is split on its own (lda-split.c says how):
 * its pixels, a few thousand, stay in the cache while it is worked on
 * (taken in depth order across the whole image they did not, and that was
 * most of the time), its depths are found in its own box, and the blobs
 * are shared between two threads.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-distance.h"
#include "lda-helper.h"
#include "lda-split.h"
#include "lda-split-private.h"

/* How many small blobs a thread takes at a time; blobs of LARGE_BLOB
 * pixels or more are taken one at a time, the largest first. */
#define BLOB_CHUNK 16
#define LARGE_BLOB 4096

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
      box->row = g_try_malloc_n (LDA_DISTANCE_ROW_SCRATCH (n_columns), sizeof (gint16));
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
  const gsize   *first_run;   /* per blob, where its runs start in blob_runs */
  const LdaRun  *blob_runs;   /* the runs, blob by blob */
  const guint   *order;       /* blobs: the large ones, largest first, then the others */
  guint          n_large;
  guint          n_blobs;
  gint          *next_large;  /* the next large blob not taken, shared */
  gint          *next;        /* the next small one not taken, shared */
  const LdaBitplane *cores;
  double         depth;
  GArray        *lines;       /* image indices of the line pixels found */
  guint          n_seeds;
  gboolean       ok;
  GCancellable  *cancellable;
} BlobJob;

static void
split_blob (BlobJob           *job,
            guint              b,
            LdaSplitWorkspace *ws,
            Box               *box)
{
  const LdaRuns *blobs = job->blobs;
  const guint width = blobs->width;
  const double *roots = lda_split_root_table ();
  gsize first = job->first_run[b], last = job->first_run[b + 1];
  guint x0 = G_MAXUINT, x1 = 0, y0 = G_MAXUINT, y1 = 0;
  gsize n_pixels = 0, n_deep = 0, n_core = 0, m = 0, area;
  guint n_blob_seeds;
  guint stride;

  for (gsize r = first; r < last; r++)
    {
      const LdaRun *run = &job->blob_runs[r];

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

  /* One pixel more than the blob's: the gathering below writes one
   * past what it keeps. */
  if (!box_reserve (box, area, box->width) ||
      !lda_split_workspace_reserve (ws, n_pixels + 1, 65536))
    {
      job->ok = FALSE;
      return;
    }

  /* The blob's pixels and its cores into the box. */
  memset (box->inside, 0, area);
  for (gsize r = first; r < last; r++)
    {
      const LdaRun *run = &job->blob_runs[r];
      const guint64 *cores = lda_bitplane_row (job->cores, run->y);
      gsize to = (gsize) (run->y - y0 + 1) * stride + 1 - x0;

      for (guint x = run->x0; x < run->x1; x++)
        {
          guint core = (guint) ((cores[x >> 6] >> (x & 63)) & 1);

          box->inside[to + x] = BLOB | (core ? CORE : 0);
          n_core += core;
        }
    }

  /* A blob without a core has no seed. */
  if (n_core == 0)
    return;

  /* Seeds among the deep pixels of the cores, in the box's raster order. */
  lda_distance_squared_box (box->inside, CORE, box->width, box->height, box->scratch,
                            box->core2, box->v, box->f, box->row);
  /* Gathered without a branch: a blob's edges would mislead one. */
  for (guint32 i = 0; i < area; i++)
    {
      ws->pixels[n_deep] = i;
      n_deep += box->core2[i] > 0;
    }
  n_blob_seeds = lda_split_seeds_caps (ws, n_deep, box->core2, stride, job->depth,
                                       box->parent, box->labels);
  job->n_seeds += n_blob_seeds;

  /* One seed, or none, draws no line: only two floods that meet do. */
  if (n_blob_seeds < 2)
    return;

  /* The flooding levels are the sum of the depths in the blob and in its
   * cores, in eighths of a pixel. */
  lda_distance_squared_box (box->inside, BLOB, box->width, box->height, box->scratch,
                            box->distance2, box->v, box->f, box->row);
  for (gsize i = 0; i < area; i++)
    {
      box->labels[i] = box->inside[i] != 0 ? 0 : LDA_SPLIT_OUTSIDE;
      if (box->inside[i] != 0)
        {
          guint16 c = box->core2[i];
          double depth = lda_split_root (roots, box->distance2[i]) +
                         (c > 0 ? lda_split_root (roots, c) : 0.0);

          box->levels[i] = (guint16) MIN (8.0 * depth + 0.5, (double) LDA_DISTANCE2_MAX);
        }
    }
  for (guint k = 0; k < ws->seeds->len; k++)
    box->labels[g_array_index (ws->seeds, guint32, k)] = (gint32) k + 1;

  /* The flood of all the blob's pixels. */
  for (guint32 i = 0; i < area; i++)
    {
      ws->pixels[m] = i;
      m += box->labels[i] >= 0;
    }
  lda_split_flood_in (ws, m, box->levels, stride, box->labels, box->next);

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
  LdaSplitWorkspace ws = { NULL, };
  Box box = { 0, };

  /* The large blobs one at a time, largest first, then the others
   * BLOB_CHUNK at a time, whichever thread is free: the two threads begin
   * on the two largest, and the rest fill the time they take. */
  job->ok = TRUE;
  while (job->ok && !g_cancellable_is_cancelled (job->cancellable))
    {
      guint k0 = (guint) g_atomic_int_add (job->next_large, 1), k1;

      if (k0 < job->n_large)
        k1 = k0 + 1;
      else
        {
          k0 = job->n_large + (guint) g_atomic_int_add (job->next, BLOB_CHUNK);
          if (k0 >= job->n_blobs)
            break;
          k1 = MIN (k0 + BLOB_CHUNK, job->n_blobs);
        }
      for (guint k = k0; k < k1 && job->ok; k++)
        split_blob (job, job->order[k], &ws, &box);
    }

  lda_split_workspace_clear (&ws);
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
  g_autofree LdaRun *blob_runs = NULL;
  g_autofree guint *order = NULL;
  guint n_large;
  BlobJob jobs[2];
  LdaHelper *helper = NULL;
  gint next_large = 0, next = 0;

  g_return_val_if_fail ((gsize) w * h < G_MAXINT32, FALSE);

  first_run = g_try_new (gsize, (gsize) n_blobs + 1);
  blob_runs = g_try_new (LdaRun, MAX (blobs->n_runs, 1));
  order = g_try_new (guint, MAX (n_blobs, 1));
  if (first_run == NULL || blob_runs == NULL || order == NULL)
    {
      lda_split_set_oom (error, w, h);
      return FALSE;
    }

  /* The runs blob by blob, and the blobs in the order of the work (only
   * that: each blob's lines are its own). */
  n_large = lda_runs_group (blobs, LARGE_BLOB, first_run, blob_runs, order, NULL);

  for (guint t = 0; t < 2; t++)
    jobs[t] = (BlobJob) {
      blobs, first_run, blob_runs, order, n_large, n_blobs, &next_large, &next,
      cores, depth,
      g_array_new (FALSE, FALSE, sizeof (guint32)), 0, TRUE, cancellable,
    };

  if (n_large > 1 || n_blobs > BLOB_CHUNK)
    helper = lda_helper_start ("lda-split", split_blobs_thread, &jobs[1]);
  split_blobs (&jobs[0]);
  /* A helper that never began found no line and no seed. */
  lda_helper_finish (helper);

  /* The lines go into the plane here: two threads' blobs may share a
   * word of it. */
  *n_seeds = 0;
  for (guint t = 0; t < 2; t++)
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
  if (!jobs[0].ok || !jobs[1].ok)
    {
      lda_split_set_oom (error, w, h);
      return FALSE;
    }

  return TRUE;
}
