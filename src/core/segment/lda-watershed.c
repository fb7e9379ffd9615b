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
 * so the queue is 256 FIFOs (lda-watershed-queue.h).  The pipeline
 * floods piece by piece on two threads (lda-watershed-parts.c), byte for
 * byte as lda_watershed() floods the whole image.  A second thread starts
 * on the relief while the markers and their pieces are made, and the first
 * joins it on what is left of the relief once they are.
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

#include "lda-distance.h"
#include "lda-buffer.h"
#include "lda-error.h"
#include "lda-flood-reuse.h"
#include "lda-helper.h"
#include "lda-regions-coarse.h"
#include "lda-watershed.h"
#include "lda-watershed-parts.h"
#include "lda-watershed-queue.h"

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
  LdaBucketQueue q = { 0, };
  gboolean ok = TRUE;
  guint polls = 0;
  int done;

  g_return_val_if_fail (n < G_MAXINT32, FALSE);

  lda_watershed_wall (markers, width, height);
  if (width < 3 || height < 3)
    return TRUE;

  q.current = LDA_WATERSHED_LEVELS;

  /* Seed the queue with the unknown pixels next to a labelled one, at the
   * smallest relief step to such a neighbour. */
  for (gsize y = 1; y + 1 < height && ok; y++)
    for (gsize x = 1; x + 1 < w && ok; x++)
      if (markers[y * w + x] == 0)
        ok = lda_watershed_seed (&q, markers, relief, w, y * w + x);

  done = ok ? lda_watershed_drain (&q, markers, relief, w, LDA_REGION_OUTLINE, &polls,
                                   cancellable)
            : 0;
  lda_bucket_queue_clear (&q);
  if (done < 0)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }
  if (done == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   width, height);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_watershed_wall:
 * @markers: (inout): width × height labels
 * @width: columns
 * @height: rows
 *
 * Makes the outermost ring of @markers %LDA_REGION_OUTLINE: the frame is a
 * wall, as in OpenCV.
 */
void
lda_watershed_wall (gint32 *markers,
                    guint   width,
                    guint   height)
{
  const gsize w = width;
  const gsize n = (gsize) width * height;

  if (n == 0)
    return;
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
}

/* Nucleus runs from @r on that lie in row @y, painted; returns the first
 * run not painted. */
static gsize
paint_row_runs (gint32        *m,
                const LdaRuns *nuclei,
                gsize          r,
                guint          y)
{
  for (; r < nuclei->n_runs && nuclei->runs[r].y == y; r++)
    {
      const guint x0 = nuclei->runs[r].x0, x1 = nuclei->runs[r].x1;
      const gint32 label = (gint32) nuclei->labels[r] + LDA_REGION_FIRST_CELL;

      for (guint x = x0; x < x1; x++)
        m[x] = label;
    }

  return r;
}

/* Markers: 1 outside @area, i + 2 on nucleus i, 0 elsewhere: the unknown
 * pixels (split lines between nuclei included: the flood decides them).
 * Row by row: a row is made in @row, which stays in the cache, four
 * pixels an instruction from a table of the sixteen ways four bits can
 * fall, with its nuclei painted in; then written out past the cache
 * (the flood reads it a piece at a time, much later), so that the
 * markers' 4 bytes a pixel are written without being read first.  Runs
 * out of raster order, if any, are painted at the end. */
static void
fill_markers (gint32            *markers,
              const LdaBitplane *area,
              const LdaRuns     *nuclei,
              gint32            *row)
{
  const guint w = area->width;
  gsize r = 0;
#ifdef __SSE2__
  __m128i nibbles[16];

  for (guint b = 0; b < 16; b++)
    nibbles[b] = _mm_setr_epi32 (b & 1, (b >> 1) & 1, (b >> 2) & 1, (b >> 3) & 1);
#endif

  for (guint y = 0; y < area->height; y++)
    {
      const guint64 *bits = lda_bitplane_row (area, y);
      gint32 *m = markers + (gsize) y * w;
      guint x = 0;

#ifdef __SSE2__
      for (; x + 64 <= w; x += 64)
        {
          guint64 outside = ~bits[x >> 6];

          for (guint i = 0; i < 16; i++, outside >>= 4)
            _mm_storeu_si128 ((__m128i *) (row + x + 4 * i), nibbles[outside & 15]);
        }
#endif
      for (; x < w; x++)
        row[x] = (gint32) (~(bits[x >> 6] >> (x & 63)) & 1);
      r = paint_row_runs (row, nuclei, r, y);

#ifdef __SSE2__
      if (((guintptr) m & 15) == 0)
        {
          guint i = 0;

          for (; i + 4 <= w; i += 4)
            _mm_stream_si128 ((__m128i *) (m + i), _mm_loadu_si128 ((const __m128i *) (row + i)));
          memcpy (m + i, row + i, (w - i) * sizeof *m);
          continue;
        }
#endif
      memcpy (m, row, w * sizeof *m);
    }
#ifdef __SSE2__
  /* The streamed rows seen by the flood's threads. */
  _mm_sfence ();
#endif
  while (r < nuclei->n_runs)
    r = paint_row_runs (markers + (gsize) nuclei->runs[r].y * w, nuclei, r,
                        nuclei->runs[r].y);
}

/* The pieces of the unknown pixels: @area less the nuclei and the
 * outermost ring, 0 in the markers fill_markers() makes. */
static LdaWatershedParts *
unknown_parts (const LdaBitplane  *area,
               const LdaRuns      *nuclei,
               GError            **error)
{
  const guint w = area->width, h = area->height;
  g_autoptr(LdaBitplane) unknown = lda_bitplane_copy (area, error);

  if (unknown == NULL)
    return NULL;

  for (gsize i = 0; i < nuclei->n_runs; i++)
    lda_runs_paint (&nuclei->runs[i], unknown, FALSE);
  memset ((guint64 *) lda_bitplane_row (unknown, 0), 0, unknown->stride * sizeof (guint64));
  memset ((guint64 *) lda_bitplane_row (unknown, h - 1), 0, unknown->stride * sizeof (guint64));
  for (guint y = 0; y < h; y++)
    {
      lda_bitplane_set (unknown, 0, y, FALSE);
      lda_bitplane_set (unknown, w - 1, y, FALSE);
    }

  return lda_watershed_parts_new_from_plane (unknown, error);
}

struct _LdaRegionsPrep
{
  const LdaBitplane *mask;   /* the nucleus pixels, split lines included */
  LdaBitplane *owned_mask;   /* the same when made here, else %NULL */
  LdaRuns     *nuclei;    /* labelled, or %NULL until made */
  guint8      *relief;    /* lda-buffer.c */
  LdaRelief   *steps;     /* its area given by lda_regions_new_prepared() */
  gboolean     keep_relief;        /* for the regions, for a next flood */
  const LdaRegions *base;          /* nullable: the last flood, to copy from */
  guint        lift;               /* added to the relief inside the area */
};

void
lda_regions_prep_free (LdaRegionsPrep *self)
{
  if (self == NULL)
    return;

  lda_relief_free (self->steps);
  lda_buffer_free (self->relief);
  lda_runs_free (self->nuclei);
  lda_bitplane_free (self->owned_mask);
  g_free (self);
}

/* Takes @owned_mask and @nuclei (both nullable) over, even on failure;
 * @mask is @owned_mask, or borrowed for the work's lifetime. */
static LdaRegionsPrep *
prep_new (const LdaBitplane  *mask,
          LdaBitplane        *owned_mask,
          LdaRuns            *nuclei,
          GError            **error)
{
  g_autoptr(LdaRegionsPrep) self = g_new0 (LdaRegionsPrep, 1);

  self->mask = mask;
  self->owned_mask = owned_mask;
  self->nuclei = nuclei;
  /* Large: mapped and kept for the next run (lda-buffer.c). */
  self->relief = lda_buffer_alloc ((gsize) mask->width * mask->height, FALSE);
  if (self->relief == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   mask->width, mask->height);
      return NULL;
    }
  if (!(self->steps = lda_relief_new (mask, NULL, self->relief, NULL, error)))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lda_regions_prep_new:
 * @hoechst: the Hoechst nucleus mask
 * @draq7: the Draq7 nucleus mask
 * @error: return location for an error
 *
 * The work of lda_regions_new() that needs only the nuclei, for a caller
 * that has time before the cell area is made: lda_regions_prep_run() does
 * it, lda_regions_new_prepared() the rest.
 *
 * Returns: (transfer full) (nullable): the work, or %NULL if out of memory
 */
LdaRegionsPrep *
lda_regions_prep_new (const LdaBitplane  *hoechst,
                      const LdaBitplane  *draq7,
                      GError            **error)
{
  LdaBitplane *mask = lda_bitplane_copy (hoechst, error);

  if (mask == NULL)
    return NULL;
  lda_bitplane_or (mask, draq7);

  return prep_new (mask, mask, NULL, error);
}

/**
 * lda_regions_prep_new_from_nuclei:
 * @nuclei: the nucleus objects
 * @error: return location for an error
 *
 * As lda_regions_prep_new(), for lda_regions_new_from_nuclei().  The
 * work reads @nuclei's mask: @nuclei must outlive it.
 *
 * Returns: (transfer full) (nullable): the work, or %NULL if out of memory
 */
LdaRegionsPrep *
lda_regions_prep_new_from_nuclei (const LdaNuclei  *nuclei,
                                  GError          **error)
{
  LdaRuns *runs = lda_runs_copy (nuclei->objects, error);

  return runs != NULL ? prep_new (nuclei->mask, NULL, runs, error) : NULL;
}

/**
 * lda_regions_prep_new_for_runs:
 * @mask: (transfer full): the nucleus mask
 * @nuclei: (transfer full): its objects, labelled
 * @error: return location for an error
 *
 * As lda_regions_prep_new_from_nuclei(), from a mask and labelled runs of
 * its own, both taken over even on failure.
 *
 * Returns: (transfer full) (nullable): the work, or %NULL if out of memory
 */
LdaRegionsPrep *
lda_regions_prep_new_for_runs (LdaBitplane  *mask,
                               LdaRuns      *nuclei,
                               GError      **error)
{
  return prep_new (mask, mask, nuclei, error);
}

/* The nuclei's components, unless given: the relief needs only their
 * pixels. */
static gboolean
label_nuclei (LdaRegionsPrep  *self,
              GError         **error)
{
  if (self->nuclei == NULL &&
      (self->nuclei = lda_runs_new_from_bitplane (self->mask, TRUE, error)) != NULL)
    lda_runs_label (self->nuclei, 8);
  if (self->nuclei != NULL && self->nuclei->n_components > G_MAXINT32 - LDA_REGION_FIRST_CELL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE, _("too many nuclei"));
      return FALSE;
    }

  return self->nuclei != NULL;
}

/**
 * lda_regions_prep_set_base:
 * @self: the work
 * @base: (nullable): the last flood of a slider being dragged, with its
 *   relief (made by work given this too), or %NULL for the first
 *
 * Makes the regions keep their relief, so that the next flood can copy
 * from them, and copies from @base the pieces that nothing changed since
 * (lda-flood-reuse.c): the same regions, in less time when few nuclei
 * moved.  @base must outlive lda_regions_new_prepared().
 */
void
lda_regions_prep_set_base (LdaRegionsPrep   *self,
                           const LdaRegions *base)
{
  self->keep_relief = TRUE;
  self->base = base != NULL && base->relief != NULL ? base : NULL;
}

/**
 * lda_regions_prep_keep_relief:
 * @self: the work
 *
 * Makes the regions keep their relief (as their @relief), to be read
 * once flooded.
 */
void
lda_regions_prep_keep_relief (LdaRegionsPrep *self)
{
  self->keep_relief = TRUE;
}

/**
 * lda_regions_prep_run:
 * @self: the work
 * @error: return location for an error
 *
 * Labels the nuclei, unless they came labelled, and makes the relief's
 * column pass, on this thread.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_regions_prep_run (LdaRegionsPrep  *self,
                      GError         **error)
{
  if (!label_nuclei (self, error))
    return FALSE;
  lda_relief_columns (self->steps);

  return TRUE;
}

/* @lift added to the relief inside @area, up to 255: the steps within
 * the area stay, the background's into it are @lift steeper. */
static void
lift_relief (guint8            *relief,
             const LdaBitplane *area,
             guint              lift)
{
  for (guint y = 0; y < area->height; y++)
    {
      guint8 *r = relief + (gsize) y * area->width;
      const guint64 *bits = lda_bitplane_row (area, y);

      for (guint x = 0; x < area->width; x++)
        if ((bits[x >> 6] >> (x & 63)) & 1)
          r[x] = (guint8) MIN (255u, r[x] + lift);
    }
}

/**
 * lda_regions_prep_set_lift:
 * @self: the work
 * @lift: how much to raise the relief inside the area
 *
 * For a flood at a coarser resolution (lda-regions-coarse.c): the
 * relief of a coarse pixel near the area's edge is a fraction of its
 * pixels', and the background's step into the area as small as the
 * cells' within it; raised inside the area, the steps within it stay and
 * the background's into it are as steep as at full size.
 */
void
lda_regions_prep_set_lift (LdaRegionsPrep *self,
                           guint           lift)
{
  self->lift = lift;
}

/**
 * lda_regions_new_prepared:
 * @prep: (transfer full): the work that needs only the nuclei, done or not
 * @cell_area: the cell area mask
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * Seeds a marker image from the nuclei, computes the relief to the
 * nucleus pixels inside cell area ∪ nuclei and floods it, doing what
 * lda_regions_prep_run() has not.  A second thread starts on the relief
 * while this one makes the markers and their pieces
 * (lda-watershed-parts.c), then joins it on the relief's columns and rows
 * left.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new_prepared (LdaRegionsPrep     *prep,
                          const LdaBitplane  *cell_area,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(LdaRegionsPrep) work = prep;
  const guint w = cell_area->width;
  const guint h = cell_area->height;
  g_autoptr(LdaRegions) self = g_new0 (LdaRegions, 1);
  g_autoptr(LdaBitplane) area = NULL;
  g_autoptr(LdaWatershedParts) parts = NULL;
  g_autoptr(LdaFloodReuse) reuse = NULL;
  g_autoptr(GError) reuse_error = NULL;
  g_autoptr(GError) parts_error = NULL;
  g_autofree gint32 *row = NULL;
  LdaHelper *helper;

  self->width = w;
  self->height = h;

  if (!(area = lda_bitplane_copy (cell_area, error)))
    return NULL;
  lda_bitplane_or (area, work->mask);

  /* Large: mapped and kept for the next run (lda-buffer.c). */
  self->regions = lda_buffer_alloc ((gsize) w * h * sizeof (gint32), FALSE);
  row = g_try_new (gint32, w);
  if (self->regions == NULL || row == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"), w, h);
      return NULL;
    }
  lda_relief_set_area (work->steps, area, cancellable);

  /* A second thread starts on the relief while this one makes the
   * markers and their pieces, then joins it on what is left of the
   * relief (lda-helper.c). */
  helper = lda_helper_start ("lda-relief-cells", lda_relief_second_worker, work->steps);
  if (label_nuclei (work, &parts_error))
    {
      fill_markers (self->regions, area, work->nuclei, row);
      lda_watershed_wall (self->regions, w, h);
      parts = unknown_parts (area, work->nuclei, &parts_error);
    }
  lda_relief_columns (work->steps);
  lda_relief_rows (work->steps, 0);
  lda_helper_finish (helper);

  if (!lda_relief_finish (work->steps, error))
    return NULL;
  if (work->lift > 0)
    lift_relief (work->relief, area, work->lift);
  if (parts == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&parts_error));
      return NULL;
    }

  if (work->base != NULL && work->base->width == w && work->base->height == h &&
      !(reuse = lda_flood_reuse_new (work->base, work->nuclei, work->relief, &reuse_error)) &&
      reuse_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&reuse_error));
      return NULL;
    }
  if (!lda_watershed_parts_flood_reusing (parts, self->regions, work->relief, reuse,
                                          &self->reused, cancellable, error))
    return NULL;
  self->largest_piece = lda_watershed_parts_largest (parts);
  self->unknown = lda_watershed_parts_pixels (parts);
  self->nuclei = g_steal_pointer (&work->nuclei);
  if (work->keep_relief)
    self->relief = g_steal_pointer (&work->relief);

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
  LdaRegionsPrep *prep = lda_regions_prep_new (hoechst, draq7, error);

  return prep != NULL ? lda_regions_new_prepared (prep, cell_area, cancellable, error) : NULL;
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
  LdaRegionsPrep *prep = lda_regions_prep_new_from_nuclei (nuclei, error);

  return prep != NULL ? lda_regions_new_prepared (prep, cell_area, cancellable, error) : NULL;
}

/**
 * lda_regions_copy:
 * @self: regions
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a copy, or %NULL if out of memory
 */
LdaRegions *
lda_regions_copy (const LdaRegions  *self,
                  GError           **error)
{
  const gsize size = (gsize) self->width * self->height * sizeof (gint32);
  g_autoptr(LdaRegions) copy = NULL;

  /* Coarse cells are made full size first (lda_regions_expand()). */
  g_return_val_if_fail (self->regions != NULL, NULL);

  copy = g_new0 (LdaRegions, 1);

  copy->width = self->width;
  copy->height = self->height;
  copy->largest_piece = self->largest_piece;
  copy->reused = self->reused;
  copy->unknown = self->unknown;
  if (!(copy->nuclei = lda_runs_copy (self->nuclei, error)))
    return NULL;
  /* Large: mapped and kept for the next run (lda-buffer.c). */
  if (!(copy->regions = lda_buffer_alloc (size, FALSE)))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   self->width, self->height);
      return NULL;
    }
  memcpy (copy->regions, self->regions, size);

  return g_steal_pointer (&copy);
}

void
lda_regions_free (LdaRegions *self)
{
  if (self == NULL)
    return;

  lda_buffer_free (self->regions);
  lda_buffer_free (self->relief);
  lda_runs_free (self->nuclei);
  lda_regions_coarse_free (self->coarse);
  g_free (self);
}
