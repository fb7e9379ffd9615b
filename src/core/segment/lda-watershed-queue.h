/* lda-watershed-queue.h — the flood's priority queue, shared by the whole
 * flood (lda-watershed.c) and the flood piece by piece
 * (lda-watershed-parts.c)
 *
 * Steps are 0–255, so the queue is 256 FIFOs, lowest step first and
 * first-in first-out within a step.  One FIFO per level is a ring buffer
 * of pixel indices, so that popping reads memory in order (a linked list
 * through a per-pixel array jumped across the image at every step) and a
 * level's buffer only ever holds what waits in it at once.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LDA_WATERSHED_IN_QUEUE (-2)
#define LDA_WATERSHED_LEVELS   256
#define LDA_WATERSHED_AHEAD    32

typedef struct
{
  gint32 *items;
  gsize   head;
  gsize   count;
  gsize   capacity;   /* a power of two */
} LdaFifo;

typedef struct
{
  LdaFifo levels[LDA_WATERSHED_LEVELS];
  int     current;
  gsize   count;      /* pixels waiting, in all levels */
} LdaBucketQueue;

static inline gboolean
lda_fifo_grow (LdaFifo *f)
{
  gsize capacity = MAX (f->capacity * 2, 1024);
  gint32 *items = g_try_malloc_n (capacity, sizeof (gint32));

  if (items == NULL)
    return FALSE;

  /* Unwrap the ring into the new buffer. */
  for (gsize i = 0; i < f->count; i++)
    items[i] = f->items[(f->head + i) & (f->capacity - 1)];

  g_free (f->items);
  f->items = items;
  f->head = 0;
  f->capacity = capacity;

  return TRUE;
}

static inline gboolean
lda_bucket_queue_push (LdaBucketQueue *q,
                       int             level,
                       gint32          p)
{
  LdaFifo *f = &q->levels[level];

  if (f->count == f->capacity && !lda_fifo_grow (f))
    return FALSE;

  f->items[(f->head + f->count++) & (f->capacity - 1)] = p;
  q->count++;
  if (level < q->current)
    q->current = level;

  return TRUE;
}

/* The next pixel, or -1 when the queue is empty (and then ready for
 * another flood). */
static inline gint32
lda_bucket_queue_pop (LdaBucketQueue *q)
{
  LdaFifo *f;
  gint32 p;

  /* Empty: no need to look through the levels above for one. */
  if (q->count == 0)
    {
      q->current = LDA_WATERSHED_LEVELS;
      return -1;
    }
  while (q->levels[q->current].count == 0)
    q->current++;
  q->count--;

  f = &q->levels[q->current];
  p = f->items[f->head];
  f->head = (f->head + 1) & (f->capacity - 1);
  f->count--;

  return p;
}

static inline void
lda_bucket_queue_clear (LdaBucketQueue *q)
{
  for (int i = 0; i < LDA_WATERSHED_LEVELS; i++)
    g_clear_pointer (&q->levels[i].items, g_free);
}

/* Queues unknown pixel @i at the smallest relief step to a labelled
 * 4-neighbour, if it has one.  Returns %FALSE if out of memory. */
static inline gboolean
lda_watershed_seed (LdaBucketQueue *q,
                    gint32         *markers,
                    const guint8   *relief,
                    gsize           width,
                    gsize           i)
{
  gint32 *m = markers + i;
  const gssize offsets[4] = { -1, 1, -(gssize) width, (gssize) width };
  int level = LDA_WATERSHED_LEVELS;

  for (int k = 0; k < 4; k++)
    if (m[offsets[k]] > 0)
      level = MIN (level, ABS ((int) relief[i] - (int) relief[i + offsets[k]]));

  if (level == LDA_WATERSHED_LEVELS)
    return TRUE;
  m[0] = LDA_WATERSHED_IN_QUEUE;

  return lda_bucket_queue_push (q, level, (gint32) i);
}

/* Queues the unknown neighbour @o places from pixel @p at their relief
 * step.  Returns %FALSE if out of memory. */
static inline gboolean
lda_watershed_queue_neighbour (LdaBucketQueue *q,
                               gint32         *markers,
                               const guint8   *relief,
                               gint32          p,
                               gssize          o)
{
  markers[p + o] = LDA_WATERSHED_IN_QUEUE;
  /* Popped, the pixel reads its neighbours: the one beyond it, in a row
   * not touched yet when @o is a row's step, into the cache now.  Where
   * one piece spans the frame the flood's front runs across all of it,
   * and these reads missed the cache. */
  __builtin_prefetch (markers + p + 2 * o, 0);
  __builtin_prefetch (relief + p + 2 * o, 0);

  return lda_bucket_queue_push (q, ABS ((int) relief[p + o] - (int) relief[p]), (gint32) (p + o));
}

/* Empties @q: each pixel popped takes the label of its labelled
 * 4-neighbours, or @outline if they disagree, and queues its unknown
 * neighbours at their relief step.  *@polls counts the pixels, and
 * @cancellable is polled every 64 K.  Returns 1 when done, 0 if out of
 * memory, -1 if cancelled. */
static inline int
lda_watershed_drain (LdaBucketQueue *q,
                     gint32         *markers,
                     const guint8   *relief,
                     gsize           width,
                     gint32          outline,
                     guint          *polls,
                     GCancellable   *cancellable)
{
  const gssize offsets[4] = { -1, 1, -(gssize) width, (gssize) width };
  gint32 p;

  while ((p = lda_bucket_queue_pop (q)) >= 0)
    {
      gint32 *m = markers + p;
      /* The four neighbours, read once for the label and the queue. */
      const gint32 t0 = m[offsets[0]], t1 = m[offsets[1]], t2 = m[offsets[2]], t3 = m[offsets[3]];
      gint32 label;
      const LdaFifo *f = &q->levels[q->current];

      /* The pixel a few places further on in this level, into the cache. */
      if (f->count > LDA_WATERSHED_AHEAD)
        {
          gint32 ahead = f->items[(f->head + LDA_WATERSHED_AHEAD) & (f->capacity - 1)];

          __builtin_prefetch (markers + ahead - width, 1);
          __builtin_prefetch (markers + ahead, 1);
          __builtin_prefetch (markers + ahead + width, 1);
          __builtin_prefetch (relief + ahead, 0);
        }

      if ((++*polls & 0xffff) == 0 && g_cancellable_is_cancelled (cancellable))
        return -1;

      /* The label all the labelled neighbours share, or @outline if they
       * do not: the largest of them against the smallest, without a
       * branch. */
      {
        const gint32 hi = MAX (MAX (t0, t1), MAX (t2, t3));
        const gint32 lo = MIN (MIN (t0 > 0 ? t0 : G_MAXINT32, t1 > 0 ? t1 : G_MAXINT32),
                               MIN (t2 > 0 ? t2 : G_MAXINT32, t3 > 0 ? t3 : G_MAXINT32));

        g_assert (hi > 0);
        label = lo == hi ? hi : outline;
      }

      m[0] = label;
      if (label == outline)
        continue;

      /* The unknown neighbours, in the order left, right, up, down. */
      if ((t0 == 0 && !lda_watershed_queue_neighbour (q, markers, relief, p, offsets[0])) ||
          (t1 == 0 && !lda_watershed_queue_neighbour (q, markers, relief, p, offsets[1])) ||
          (t2 == 0 && !lda_watershed_queue_neighbour (q, markers, relief, p, offsets[2])) ||
          (t3 == 0 && !lda_watershed_queue_neighbour (q, markers, relief, p, offsets[3])))
        return 0;
    }

  return 1;
}

G_END_DECLS
