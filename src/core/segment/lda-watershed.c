/* lda-watershed.c — separating touching cells (pipeline.md §5)
 *
 * A priority flood of the relief from the markers, as the reference's
 * OpenCV watershed floods it: a pixel waits in the queue at the relief step
 * |relief(pixel) − relief(neighbour)| from the labelled neighbour that
 * queued it, lowest step first, first-in first-out within a step; it takes
 * its label when it leaves the queue, from its labelled 4-neighbours; two
 * different labels make it an outline, which does not spread; the
 * outermost ring of the image is a wall.  Ordering by the step rather than
 * by the relief itself is what keeps the background out of the cells: from
 * the background (relief 0) into a cell is a steep step, while inside a
 * cell the distance map rises by at most one a pixel.  Steps are 0–255,
 * so the queue is 256 FIFOs.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-distance.h"
#include "lda-error.h"
#include "lda-watershed.h"

#define IN_QUEUE (-2)
#define N_LEVELS 256

/* One FIFO per level: a ring buffer of pixel indices, so that popping
 * reads memory in order (a linked list through a per-pixel array jumped
 * across the image at every step) and a level's buffer only ever holds
 * what waits in it at once. */
typedef struct
{
  gint32 *items;
  gsize   head;
  gsize   count;
  gsize   capacity;   /* a power of two */
} Fifo;

typedef struct
{
  Fifo levels[N_LEVELS];
  int  current;
} BucketQueue;

static gboolean
fifo_grow (Fifo *f)
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
queue_push (BucketQueue *q,
            int          level,
            gint32       p)
{
  Fifo *f = &q->levels[level];

  if (f->count == f->capacity && !fifo_grow (f))
    return FALSE;

  f->items[(f->head + f->count++) & (f->capacity - 1)] = p;
  if (level < q->current)
    q->current = level;

  return TRUE;
}

static inline gint32
queue_pop (BucketQueue *q)
{
  Fifo *f;
  gint32 p;

  while (q->current < N_LEVELS && q->levels[q->current].count == 0)
    q->current++;
  if (q->current == N_LEVELS)
    return -1;

  f = &q->levels[q->current];
  p = f->items[f->head];
  f->head = (f->head + 1) & (f->capacity - 1);
  f->count--;

  return p;
}

static void
queue_clear (BucketQueue *q)
{
  for (int i = 0; i < N_LEVELS; i++)
    g_free (q->levels[i].items);
}

/**
 * lda_watershed:
 * @markers: (inout): width × height labels: 0 unknown, 1 background,
 *   ≥ 2 a region's seed; on return every pixel holds its region or
 *   %LDA_REGION_OUTLINE, except pixels that outlines cut off from every
 *   seed, which stay 0 (as in OpenCV)
 * @relief: width × height levels
 * @width: columns
 * @height: rows
 * @cancellable: (nullable): polled every 64 K pixels
 * @error: return location for an error
 *
 * Floods @relief from the seeds, lowest step first and first-in first-out
 * within a step.  The outermost ring of pixels becomes
 * %LDA_REGION_OUTLINE and takes no part, as in OpenCV.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_watershed (gint32        *markers,
               const guint8  *relief,
               guint          width,
               guint          height,
               GCancellable  *cancellable,
               GError       **error)
{
  const gsize w = width;
  const gsize n = (gsize) width * height;
  BucketQueue q = { 0, };
  gboolean ok = TRUE;
  gint32 p;
  guint polls = 0;

  g_return_val_if_fail (n < G_MAXINT32, FALSE);

  /* The frame is a wall. */
  for (gsize x = 0; x < w; x++)
    {
      markers[x] = LDA_REGION_OUTLINE;
      markers[n - w + x] = LDA_REGION_OUTLINE;
    }
  for (gsize y = 0; y < height; y++)
    {
      markers[y * w] = LDA_REGION_OUTLINE;
      markers[y * w + w - 1] = LDA_REGION_OUTLINE;
    }

  if (width < 3 || height < 3)
    return TRUE;

  q.current = N_LEVELS;

  /* Seed the queue with the unknown pixels next to a labelled one, at the
   * smallest relief step to such a neighbour. */
  for (gsize y = 1; y + 1 < height; y++)
    for (gsize x = 1; x + 1 < w; x++)
      {
        gsize i = y * w + x;
        gint32 *m = markers + i;
        const gssize offsets[4] = { -1, 1, -(gssize) w, (gssize) w };
        int level = N_LEVELS;

        if (m[0] != 0)
          continue;

        for (int k = 0; k < 4; k++)
          if (m[offsets[k]] > 0)
            level = MIN (level, ABS ((int) relief[i] - (int) relief[i + offsets[k]]));

        if (level < N_LEVELS)
          {
            ok = ok && queue_push (&q, level, (gint32) i);
            m[0] = IN_QUEUE;
          }
      }

  while (ok && (p = queue_pop (&q)) >= 0)
    {
      gint32 *m = markers + p;
      gint32 label = 0;
      const gint32 neighbours[4] = { m[-1], m[1], m[-(gssize) w], m[w] };
      const gssize offsets[4] = { -1, 1, -(gssize) w, (gssize) w };

      if ((++polls & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          queue_clear (&q);
          return FALSE;
        }

      for (int i = 0; i < 4; i++)
        {
          gint32 t = neighbours[i];

          if (t > 0)
            {
              if (label == 0)
                label = t;
              else if (t != label)
                label = LDA_REGION_OUTLINE;
            }
        }

      g_assert (label != 0);
      m[0] = label;
      if (label == LDA_REGION_OUTLINE)
        continue;

      for (int i = 0; i < 4; i++)
        if (m[offsets[i]] == 0)
          {
            int step = ABS ((int) relief[p + offsets[i]] - (int) relief[p]);

            ok = ok && queue_push (&q, step, (gint32) (p + offsets[i]));
            m[offsets[i]] = IN_QUEUE;
          }
    }

  queue_clear (&q);
  if (!ok)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   width, height);
      return FALSE;
    }

  return TRUE;
}

/* Seeds a marker image from @nuclei (labelled runs, taken over), computes
 * the relief to @nucleus_mask inside cell area ∪ nuclei and floods it. */
static LdaRegions *
regions_new (const LdaBitplane *cell_area,
             const LdaBitplane *nucleus_mask,
             LdaRuns           *nuclei,
             GCancellable      *cancellable,
             GError           **error)
{
  const guint w = cell_area->width;
  const guint h = cell_area->height;
  g_autoptr(LdaRegions) self = g_new0 (LdaRegions, 1);
  g_autoptr(LdaBitplane) area = NULL;
  g_autofree guint8 *relief = NULL;

  self->width = w;
  self->height = h;
  self->nuclei = nuclei;

  if (self->nuclei->n_components > G_MAXINT32 - LDA_REGION_FIRST_CELL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE, _("too many nuclei"));
      return NULL;
    }

  if (!(area = lda_bitplane_copy (cell_area, error)))
    return NULL;
  lda_bitplane_or (area, nucleus_mask);

  relief = g_try_malloc ((gsize) w * h);
  self->regions = g_try_malloc_n ((gsize) w * h, sizeof (gint32));
  if (relief == NULL || self->regions == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"), w, h);
      return NULL;
    }

  /* Markers: 1 outside the area, i + 2 on nucleus i, 0 elsewhere (split
   * lines between nuclei included: the flood decides them). */
  for (guint y = 0; y < h; y++)
    {
      const guint64 *row = lda_bitplane_row (area, y);
      gint32 *m = self->regions + (gsize) y * w;

      for (gsize word = 0; word < area->stride; word++)
        {
          guint64 bits = ~row[word];
          guint x0 = (guint) (word * 64);
          guint n = MIN (64u, w - x0);

          /* Most words are all area: one memset. */
          if (bits == 0)
            memset (m + x0, 0, n * sizeof *m);
          else
            for (guint i = 0; i < n; i++)
              m[x0 + i] = (gint32) ((bits >> i) & 1);
        }
    }
  for (gsize i = 0; i < self->nuclei->n_runs; i++)
    {
      const LdaRun *run = &self->nuclei->runs[i];
      gint32 *m = self->regions + (gsize) run->y * w;
      gint32 label = (gint32) self->nuclei->labels[i] + LDA_REGION_FIRST_CELL;

      for (guint x = run->x0; x < run->x1; x++)
        m[x] = label;
    }

  if (!lda_relief (nucleus_mask, area, relief, cancellable, error))
    return NULL;

  if (!lda_watershed (self->regions, relief, w, h, cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lda_regions_new:
 * @cell_area: the cell area mask
 * @hoechst: the Hoechst nucleus mask
 * @draq7: the Draq7 nucleus mask
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * pipeline.md §5: label the nuclei (8-connected components of Hoechst ∪ Draq7),
 * seed a marker image, compute the relief and flood it.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new (const LdaBitplane *cell_area,
                 const LdaBitplane *hoechst,
                 const LdaBitplane *draq7,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(LdaBitplane) nuclei = NULL;
  g_autoptr(LdaRuns) runs = NULL;

  if (!(nuclei = lda_bitplane_copy (hoechst, error)))
    return NULL;
  lda_bitplane_or (nuclei, draq7);

  if (!(runs = lda_runs_new_from_bitplane (nuclei, TRUE, error)))
    return NULL;
  lda_runs_label (runs, 8);

  return regions_new (cell_area, nuclei, g_steal_pointer (&runs), cancellable, error);
}

/**
 * lda_regions_new_from_nuclei:
 * @cell_area: the cell area mask
 * @nuclei: the nucleus objects
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * As lda_regions_new(), with one cell per nucleus object: each split
 * nucleus seeds a cell of its own.  The relief is the distance to the
 * nucleus mask, split lines included; the lines themselves are left to the
 * flood, which makes them outlines where two cells meet.
 *
 * Returns: (transfer full) (nullable): the regions; their @nuclei are the
 *   objects
 */
LdaRegions *
lda_regions_new_from_nuclei (const LdaBitplane *cell_area,
                             const LdaNuclei   *nuclei,
                             GCancellable      *cancellable,
                             GError           **error)
{
  LdaRuns *runs = lda_runs_copy (nuclei->objects, error);

  if (runs == NULL)
    return NULL;

  return regions_new (cell_area, nuclei->mask, runs, cancellable, error);
}

void
lda_regions_free (LdaRegions *self)
{
  if (self == NULL)
    return;

  g_free (self->regions);
  lda_runs_free (self->nuclei);
  g_free (self);
}
