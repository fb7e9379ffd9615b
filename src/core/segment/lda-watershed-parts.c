/* lda-watershed-parts.c — the watershed flood piece by piece, on two
 * threads (pipeline.md §5)
 *
 * The flood of lda_watershed() only ever moves from a pixel to an unknown
 * 4-neighbour, and a pixel's label is decided by its 4-neighbours alone.
 * So the unknown pixels (0 in the markers) fall into pieces, their
 * 4-connected components, bounded by seeds, background and the frame's
 * wall, which the flood never changes: what a piece becomes depends only
 * on its own pixels and the labels around it, never on another piece.
 * Within a piece the order of the flood is that of the whole image too: the
 * whole flood's queue, looked at for one piece's pixels only, is a queue
 * of that piece's pixels, lowest step first, first-in first-out within a
 * step, seeded in raster order.  Each piece is therefore flooded on its
 * own, byte for byte as the whole image, and the pieces are shared between
 * two threads, each with a queue of its own.  Two threads never touch the
 * same pixel: a piece writes only its own pixels, and reads only those
 * and the labels around it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-error.h"
#include "lda-flood-reuse.h"
#include "lda-helper.h"
#include "lda-watershed.h"
#include "lda-watershed-parts.h"
#include "lda-watershed-queue.h"

/* Fewer unknown pixels than this are flooded on one thread. */
#define MIN_PIXELS_FOR_TWO 65536
/* Pieces of this many pixels or more are taken one at a time, the
 * largest first; smaller ones PIECE_CHUNK at a time. */
#define LARGE_PIECE 4096
#define PIECE_CHUNK 64
/* Rows of the copy from the last flood a thread takes at a time. */
#define COPY_ROWS 32
/* How many runs ahead the seeding fetches the markers below a run. */
#define SEED_AHEAD 4

struct _LdaWatershedParts
{
  guint    width;
  guint    height;
  guint    n_pieces;
  LdaBitplane *seeds;   /* the unknown pixels with a known 4-neighbour */
  gsize   *first_run;   /* per piece, where its runs start in piece_runs */
  LdaRun  *piece_runs;  /* the runs, piece by piece, raster order within */
  guint   *order;       /* pieces: the large ones, largest first, then the others */
  guint    n_large;
  gsize    n_pixels;
};

typedef struct
{
  const LdaWatershedParts *parts;
  gint32                  *markers;
  const guint8            *relief;
  gint                    *next_large;  /* the next large piece not taken */
  gint                    *next;        /* the next small one not taken */
  GCancellable            *cancellable;
  LdaFloodReuse           *reuse;  /* nullable */
  const guint8            *copied; /* nullable: per piece, whether copied from the last flood */
  gint                    *next_row; /* the next row of the copy not taken */
  gboolean                 mapped; /* every copied pixel had its label now */
  int                      done;   /* 1 done, 0 out of memory, -1 cancelled */
} FloodJob;

/* The unknown pixels as a bit plane. */
static LdaBitplane *
unknown_plane (const gint32  *markers,
               guint          width,
               guint          height,
               GError       **error)
{
  LdaBitplane *plane = lda_bitplane_new (width, height, error);

  if (plane == NULL)
    return NULL;

  for (guint y = 0; y < height; y++)
    {
      const gint32 *m = markers + (gsize) y * width;
      guint64 *row = (guint64 *) lda_bitplane_row (plane, y);

      for (gsize k = 0; k < plane->stride; k++)
        {
          guint x0 = (guint) (k * 64);
          guint n = MIN (64u, width - x0);
          guint64 bits = 0;

          for (guint i = 0; i < n; i++)
            bits |= (guint64) (m[x0 + i] == 0) << i;
          row[k] = bits;
        }
    }

  return plane;
}

/* The pixels of row @y, word @k, that the markers label (> 0): neither
 * unknown nor on the outermost ring, nor past the width. */
static inline guint64
known_word (const LdaBitplane *unknown,
            guint              y,
            gssize             k)
{
  const guint w = unknown->width;
  guint64 bits;

  if (y == 0 || y + 1 >= unknown->height || k < 0 || (gsize) k >= unknown->stride)
    return 0;
  bits = ~lda_bitplane_row (unknown, y)[k];
  /* The ring's first and last columns, and the padding. */
  if (k == 0)
    bits &= ~G_GUINT64_CONSTANT (1);
  if ((gsize) k + 1 == unknown->stride)
    bits &= lda_bitplane_last_mask (unknown) & ~(G_GUINT64_CONSTANT (1) << ((w - 1) & 63));

  return bits;
}

/* Where a flood may start: the unknown pixels with a 4-neighbour that
 * the markers label.  Found 64 pixels at a time, this spares the seeding
 * a read of the markers above and below every pixel of every piece. */
static LdaBitplane *
seed_plane (const LdaBitplane  *unknown,
            GError            **error)
{
  LdaBitplane *seeds = lda_bitplane_new (unknown->width, unknown->height, error);

  if (seeds == NULL)
    return NULL;

  for (guint y = 1; y + 1 < unknown->height; y++)
    {
      const guint64 *u = lda_bitplane_row (unknown, y);
      guint64 *out = (guint64 *) lda_bitplane_row (seeds, y);

      for (gssize k = 0; k < (gssize) unknown->stride; k++)
        {
          guint64 known, around;

          if (u[k] == 0)
            continue;
          known = known_word (unknown, y, k);
          around = known_word (unknown, y - 1, k) | known_word (unknown, y + 1, k) |
                   (known << 1) | (known_word (unknown, y, k - 1) >> 63) |
                   (known >> 1) | (known_word (unknown, y, k + 1) << 63);
          out[k] = u[k] & around;
        }
    }

  return seeds;
}

/**
 * lda_watershed_parts_new_from_plane:
 * @unknown: the unknown pixels of the markers (0 in them), none on the
 *   outermost ring
 * @error: return location for an error
 *
 * Finds the pieces of @unknown, 4-connected, largest first.  The relief is not needed yet: the pieces can be found while it
 * is computed.
 *
 * Returns: (transfer full) (nullable): the pieces, for
 *   lda_watershed_parts_flood(); %NULL if out of memory
 */
LdaWatershedParts *
lda_watershed_parts_new_from_plane (const LdaBitplane  *unknown,
                                    GError            **error)
{
  g_autoptr(LdaWatershedParts) self = g_new0 (LdaWatershedParts, 1);
  g_autoptr(LdaRuns) runs = NULL;
  guint n;

  g_return_val_if_fail ((gsize) unknown->width * unknown->height < G_MAXINT32, NULL);

  self->width = unknown->width;
  self->height = unknown->height;
  if (!(runs = lda_runs_new_from_bitplane (unknown, TRUE, error)) ||
      !(self->seeds = seed_plane (unknown, error)))
    return NULL;
  lda_runs_label (runs, 4);

  n = self->n_pieces = runs->n_components;
  self->first_run = g_try_new (gsize, (gsize) n + 1);
  self->piece_runs = g_try_new (LdaRun, MAX (runs->n_runs, 1));
  self->order = g_try_new (guint, MAX (n, 1));
  if (self->first_run == NULL || self->piece_runs == NULL || self->order == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   self->width, self->height);
      return NULL;
    }
  self->n_large = lda_runs_group (runs, LARGE_PIECE, self->first_run, self->piece_runs,
                                  self->order, &self->n_pixels);

  return g_steal_pointer (&self);
}

/**
 * lda_watershed_parts_new:
 * @markers: (inout): width × height labels as lda_watershed() takes them;
 *   their outermost ring is made %LDA_REGION_OUTLINE here
 * @width: columns
 * @height: rows
 * @error: return location for an error
 *
 * As lda_watershed_parts_new_from_plane(), with the unknown pixels those
 * of @markers (0).
 *
 * Returns: (transfer full) (nullable): the pieces, for
 *   lda_watershed_parts_flood(); %NULL if out of memory
 */
LdaWatershedParts *
lda_watershed_parts_new (gint32  *markers,
                         guint    width,
                         guint    height,
                         GError **error)
{
  g_autoptr(LdaBitplane) plane = NULL;

  /* Below 3 × 3 the wall is the whole image: no piece. */
  lda_watershed_wall (markers, width, height);
  if (!(plane = unknown_plane (markers, width, height, error)))
    return NULL;

  return lda_watershed_parts_new_from_plane (plane, error);
}

/* A piece's flood once it is seeded, in a function of its own: inlined
 * into flood_pieces(), its loop shared the registers with the seeding's
 * and kept more of its values on the stack. */
static G_GNUC_NO_INLINE int
drain_piece (LdaBucketQueue *q,
             gint32         *markers,
             const guint8   *relief,
             gsize           width,
             guint          *polls,
             GCancellable   *cancellable)
{
  return lda_watershed_drain (q, markers, relief, width, LDA_REGION_OUTLINE, polls, cancellable);
}

/* Floods pieces one after another from the shared order, the large ones
 * one at a time and then the others PIECE_CHUNK at a time, until none is
 * left. */
static void
flood_pieces (FloodJob *job)
{
  const LdaWatershedParts *parts = job->parts;
  const gsize w = parts->width;
  LdaBucketQueue q = { 0, };
  guint polls = 0;

  /* The pieces copied from the last flood, a few rows at a time, in
   * raster order: the last flood's labels are read and the markers
   * written as they lie in memory, not piece by piece, which missed the
   * cache at every run. */
  while (job->reuse != NULL)
    {
      const guint y0 = (guint) g_atomic_int_add (job->next_row, COPY_ROWS);

      if (y0 >= parts->height)
        break;
      if (!lda_flood_reuse_copy_rows (job->reuse, y0, MIN (y0 + COPY_ROWS, parts->height),
                                      job->markers))
        job->mapped = FALSE;
    }

  q.current = LDA_WATERSHED_LEVELS;
  job->done = 1;
  for (guint k = 0, end = 0; job->done == 1; k++)
    {
      guint b;

      if (k == end)
        {
          k = (guint) g_atomic_int_add (job->next_large, 1);
          if (k < parts->n_large)
            end = k + 1;
          else
            {
              k = parts->n_large + (guint) g_atomic_int_add (job->next, PIECE_CHUNK);
              if (k >= parts->n_pieces)
                break;
              end = MIN (k + PIECE_CHUNK, parts->n_pieces);
            }
        }
      b = parts->order[k];

      /* Copied from the last flood (lda_watershed_parts_flood_reusing()). */
      if (job->copied != NULL && job->copied[b])
        continue;

      /* The piece's pixels are unknown: 0, written here (again, for the
       * pipeline's markers, which are written past the cache) so that
       * the flood finds them in the cache, and whatever the caller left
       * in them. */
      for (gsize r = parts->first_run[b]; r < parts->first_run[b + 1]; r++)
        {
          const LdaRun *run = &parts->piece_runs[r];

          memset (job->markers + (gsize) run->y * w + run->x0, 0,
                  (run->x1 - run->x0) * sizeof *job->markers);
        }

      /* Seeds in raster order, as the whole flood's: only a pixel with
       * a labelled 4-neighbour can be one (parts->seeds). */
      for (gsize r = parts->first_run[b]; r < parts->first_run[b + 1] && job->done; r++)
        {
          const LdaRun *run = &parts->piece_runs[r];
          const guint64 *row = lda_bitplane_row (parts->seeds, run->y);
          const gsize line = (gsize) run->y * w;

          /* The row below a run a few runs on is read for the first time
           * since the markers were made, and its seeds' word since they
           * were found: into the cache now. */
          if (r + SEED_AHEAD < parts->first_run[b + 1])
            {
              const LdaRun *next = &parts->piece_runs[r + SEED_AHEAD];
              const gsize below = (gsize) (next->y + 1) * w;

              for (guint x = next->x0; x < next->x1 + 15; x += 16)
                __builtin_prefetch (job->markers + below + MIN (x, next->x1 - 1), 0);
              __builtin_prefetch (job->relief + below + next->x0, 0);
              __builtin_prefetch (lda_bitplane_row (parts->seeds, next->y) + (next->x0 >> 6), 0);
            }

          for (guint word = run->x0 >> 6; word <= (run->x1 - 1) >> 6 && job->done; word++)
            {
              guint64 bits = row[word];

              /* The run's part of the word only. */
              if (word == run->x0 >> 6)
                bits &= G_MAXUINT64 << (run->x0 & 63);
              if (word == (run->x1 - 1) >> 6 && (run->x1 & 63) != 0)
                bits &= (G_GUINT64_CONSTANT (1) << (run->x1 & 63)) - 1;
              for (; bits != 0 && job->done; bits &= bits - 1)
                if (!lda_watershed_seed (&q, job->markers, job->relief, w,
                                         line + word * 64 + (guint) __builtin_ctzll (bits)))
                  job->done = 0;
            }
        }
      if (job->done == 1)
        job->done = drain_piece (&q, job->markers, job->relief, w, &polls, job->cancellable);
    }

  lda_bucket_queue_clear (&q);
}

static gpointer
flood_pieces_thread (gpointer data)
{
  flood_pieces (data);
  return NULL;
}

/**
 * lda_watershed_parts_flood:
 * @self: the pieces of @markers
 * @markers: (inout): the markers @self was made from, unchanged since,
 *   except that the unknown pixels (those of the pieces) may hold
 *   anything: each piece is set to 0 before it is flooded; on return as
 *   lda_watershed() leaves them
 * @relief: width × height levels
 * @cancellable: (nullable): polled every 64 K pixels
 * @error: return location for an error
 *
 * Floods each piece on its own, the pieces taken by this thread and a
 * second one as each is free (lda-helper.c); the result is byte for byte
 * that of lda_watershed().
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_watershed_parts_flood (LdaWatershedParts  *self,
                           gint32             *markers,
                           const guint8       *relief,
                           GCancellable       *cancellable,
                           GError            **error)
{
  return lda_watershed_parts_flood_reusing (self, markers, relief, NULL, NULL, cancellable, error);
}

/**
 * lda_watershed_parts_flood_reusing:
 * @self: the pieces of @markers
 * @markers: (inout): as lda_watershed_parts_flood() takes them
 * @relief: width × height levels
 * @reuse: (nullable): what changed since the last flood: the pieces it
 *   left as they were are copied from it, not flooded
 * @reused: (out) (optional): how many pixels were copied
 * @cancellable: (nullable): polled every 64 K pixels
 * @error: return location for an error
 *
 * lda_watershed_parts_flood(), taking what @reuse allows: the same
 * result.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_watershed_parts_flood_reusing (LdaWatershedParts  *self,
                                   gint32             *markers,
                                   const guint8       *relief,
                                   LdaFloodReuse      *reuse,
                                   gsize              *reused,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  const guint n = self->n_pieces;
  gint next_large = 0, next = 0, next_row = 0;
  g_autofree guint8 *copied = NULL;
  gsize n_copied = 0;
  FloodJob jobs[2];
  LdaHelper *helper = NULL;

  /* The pieces that nothing in or beside changed since the last flood
   * are copied from it. */
  if (reuse != NULL && (copied = g_try_new0 (guint8, MAX (n, 1))) == NULL)
    reuse = NULL;
  for (guint b = 0; reuse != NULL && b < n; b++)
    copied[b] = lda_flood_reuse_claim (reuse, self->piece_runs + self->first_run[b],
                                       self->first_run[b + 1] - self->first_run[b], &n_copied);

  jobs[0] = (FloodJob) { self, markers, relief, &next_large, &next, cancellable,
                         reuse, copied, &next_row, TRUE, 1 };
  jobs[1] = jobs[0];

  if (self->n_pixels >= MIN_PIXELS_FOR_TWO && n > 1)
    helper = lda_helper_start ("lda-watershed", flood_pieces_thread, &jobs[1]);
  flood_pieces (&jobs[0]);
  /* A helper that never began leaves its job as it found it: done. */
  lda_helper_finish (helper);

  if (jobs[0].done < 0 || jobs[1].done < 0)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }
  if (jobs[0].done == 0 || jobs[1].done == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   self->width, self->height);
      return FALSE;
    }
  /* Cannot be, should a copied piece hold the label of a nucleus that
   * changed: flooded whole then. */
  if (reuse != NULL && !(jobs[0].mapped && jobs[1].mapped))
    return lda_watershed_parts_flood_reusing (self, markers, relief, NULL, reused,
                                              cancellable, error);
  if (reused != NULL)
    *reused = n_copied;

  return TRUE;
}

/**
 * lda_watershed_parts_count:
 * @self: pieces
 *
 * Returns: how many pieces the unknown pixels make
 */
guint
lda_watershed_parts_count (LdaWatershedParts *self)
{
  return self->n_pieces;
}

void
lda_watershed_parts_free (LdaWatershedParts *self)
{
  if (self == NULL)
    return;

  lda_bitplane_free (self->seeds);
  g_free (self->first_run);
  g_free (self->piece_runs);
  g_free (self->order);
  g_free (self);
}

/**
 * lda_watershed_by_parts:
 * @markers: (inout): as lda_watershed() takes them
 * @relief: width × height levels
 * @width: columns
 * @height: rows
 * @cancellable: (nullable): polled every 64 K pixels
 * @error: return location for an error
 *
 * lda_watershed(), piece by piece on two threads: the same result.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_watershed_by_parts (gint32        *markers,
                        const guint8  *relief,
                        guint          width,
                        guint          height,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(LdaWatershedParts) parts = lda_watershed_parts_new (markers, width, height, error);

  return parts != NULL && lda_watershed_parts_flood (parts, markers, relief, cancellable, error);
}

/**
 * lda_watershed_parts_pixels:
 * @self: pieces
 *
 * Returns: how many pixels the pieces have
 */
gsize
lda_watershed_parts_pixels (LdaWatershedParts *self)
{
  return self->n_pixels;
}

/**
 * lda_watershed_parts_largest:
 * @self: pieces
 *
 * Returns: how many pixels the largest piece has, 0 if there is none
 */
gsize
lda_watershed_parts_largest (LdaWatershedParts *self)
{
  gsize largest = 0;

  /* The large pieces come first, the largest of them first; without
   * any, every piece is looked at. */
  for (guint k = 0; k < (self->n_large > 0 ? 1 : self->n_pieces); k++)
    {
      const guint b = self->order[k];
      gsize size = 0;

      for (gsize r = self->first_run[b]; r < self->first_run[b + 1]; r++)
        size += self->piece_runs[r].x1 - self->piece_runs[r].x0;
      largest = MAX (largest, size);
    }

  return largest;
}
