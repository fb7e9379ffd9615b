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
  gsize   head;       /* where the next pixel is taken */
  gsize   tail;       /* where the next pixel goes */
  gsize   count;
  gsize   capacity;   /* a power of two, or 0 before the first pixel */
  gsize   mask;       /* capacity − 1 */
} LdaFifo;

typedef struct
{
  LdaFifo levels[LDA_WATERSHED_LEVELS];
  int     current;
  gsize   count;      /* pixels waiting, in all levels */
} LdaBucketQueue;

/* Room for one more pixel in a full @f.  Returns %FALSE if out of memory. */
static inline gboolean
lda_fifo_grow (LdaFifo *f)
{
  gsize capacity = MAX (f->capacity * 2, 1024);
  gint32 *items = g_try_malloc_n (capacity, sizeof (gint32));

  if (items == NULL)
    return FALSE;

  /* Unwrap the ring into the new buffer. */
  for (gsize i = 0; i < f->count; i++)
    items[i] = f->items[(f->head + i) & f->mask];

  g_free (f->items);
  f->items = items;
  f->head = 0;
  f->tail = f->count;
  f->capacity = capacity;
  f->mask = capacity - 1;

  return TRUE;
}

/* Puts @p at the end of @f.  Returns %FALSE if out of memory. */
static inline gboolean
lda_fifo_push (LdaFifo *f,
               gint32   p)
{
  if (G_UNLIKELY (f->count == f->capacity) && !lda_fifo_grow (f))
    return FALSE;
  f->items[f->tail] = p;
  f->tail = (f->tail + 1) & f->mask;
  f->count++;

  return TRUE;
}

static inline gboolean
lda_bucket_queue_push (LdaBucketQueue *q,
                       int             level,
                       gint32          p)
{
  if (!lda_fifo_push (&q->levels[level], p))
    return FALSE;
  q->count++;
  if (level < q->current)
    q->current = level;

  return TRUE;
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

/* Empties @q: each pixel popped takes the label of its labelled
 * 4-neighbours, or @outline if they disagree, and queues its unknown
 * neighbours at their relief step.  *@polls counts the pixels, and
 * @cancellable is polled every 64 K.  Returns 1 when done, 0 if out of
 * memory, -1 if cancelled.
 *
 * The queue's lowest level and its count live in locals here, and the
 * pushes are written out in the loop, so that they stay in registers:
 * through the queue's functions they went to memory and back at every
 * pixel.  @markers and @relief never overlap (restrict): a store to the
 * markers no longer makes the relief be read again. */
static inline int
lda_watershed_drain (LdaBucketQueue *q,
                     gint32         *restrict markers,
                     const guint8   *restrict relief,
                     gsize           width,
                     gint32          outline,
                     guint          *polls,
                     GCancellable   *cancellable)
{
  const gssize w = (gssize) width;
  LdaFifo *const levels = q->levels;
  int current = q->current;
  gsize count = q->count;
  guint n_polls = *polls;
  int done = 1;

  while (count > 0)
    {
      LdaFifo *f;
      gint32 p, *m;
      gint32 t0, t1, t2, t3, hi, label;
      guint32 lo;
      int rp;

      while (levels[current].count == 0)
        current++;
      f = &levels[current];
      p = f->items[f->head];
      f->head = (f->head + 1) & f->mask;
      f->count--;
      count--;

      m = markers + p;
      /* The four neighbours, read once for the label and the queue. */
      t0 = m[-1];
      t1 = m[1];
      t2 = m[-w];
      t3 = m[w];

      /* The pixel a few places further on in this level, into the cache. */
      if (f->count > LDA_WATERSHED_AHEAD)
        {
          gint32 ahead = f->items[(f->head + LDA_WATERSHED_AHEAD) & f->mask];

          __builtin_prefetch (markers + ahead - w, 1);
          __builtin_prefetch (markers + ahead, 1);
          __builtin_prefetch (markers + ahead + w, 1);
          __builtin_prefetch (relief + ahead, 0);
        }

      if (G_UNLIKELY ((++n_polls & 0xffff) == 0) && g_cancellable_is_cancelled (cancellable))
        {
          done = -1;
          break;
        }

      /* The label all the labelled neighbours share, or @outline if they
       * do not: the largest of them against the smallest.  Labels are
       * positive, the rest (unknown 0, outline, queued) are not: less
       * one and unsigned, the rest are larger than any label.  A pixel
       * is queued only from a labelled neighbour: @hi is a label. */
      hi = MAX (MAX (t0, t1), MAX (t2, t3));
      lo = MIN (MIN ((guint32) t0 - 1, (guint32) t1 - 1), MIN ((guint32) t2 - 1, (guint32) t3 - 1));
      label = lo + 1 == (guint32) hi ? hi : outline;

      m[0] = label;
      if (label == outline)
        continue;

      /* The unknown neighbours, in the order left, right, up, down, each
       * at its relief step. */
      rp = relief[p];
#define LDA_WATERSHED_PUSH(t, o)                                          \
      if ((t) == 0)                                                       \
        {                                                                 \
          const int level = ABS ((int) relief[p + (o)] - rp);             \
          LdaFifo *g = &levels[level];                                    \
                                                                          \
          /* Popped, the pixel reads its neighbours: the one beyond it,   \
           * in a row not touched yet when @o is a row's step, into the   \
           * cache now. */                                                \
          __builtin_prefetch (m + 2 * (o), 0);                            \
          __builtin_prefetch (relief + p + 2 * (o), 0);                   \
          if (!lda_fifo_push (g, p + (o)))                                \
            {                                                             \
              done = 0;                                                   \
              break;                                                      \
            }                                                             \
          m[o] = LDA_WATERSHED_IN_QUEUE;                                  \
          count++;                                                        \
          current = MIN (current, level);                                 \
        }
      LDA_WATERSHED_PUSH (t0, -1)
      LDA_WATERSHED_PUSH (t1, 1)
      LDA_WATERSHED_PUSH (t2, -w)
      LDA_WATERSHED_PUSH (t3, w)
#undef LDA_WATERSHED_PUSH
    }

  *polls = n_polls;
  /* Ready for another flood, or left to be cleared. */
  q->count = count;
  q->current = count == 0 ? LDA_WATERSHED_LEVELS : current;

  return done;
}

G_END_DECLS
