/* lda-pipeline-drag.c — the cells carried while a slider is dragged
 *
 * While a slider is dragged (lda_pipeline_set_dragging()) the cells of
 * the last change are kept as the base of the next one's, which carries
 * their outlines onto the new nuclei or the new cell area
 * (lda-regions-carry.c).  The base is a copy of exact cells, which go on
 * into the stage cache, or carried cells themselves.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-distance.h"
#include "lda-error.h"
#include "lda-pipeline-private.h"
#include "lda-regions-area.h"
#include "lda-regions-carry.h"
#include "lda-regions-coarse.h"

/* Past this share of the frame to flood again, the whole frame is
 * flooded: the carry would save little. */
#define MAX_FLOODED_AGAIN 0.25
/* Cells are carried only where one piece of the flood held this share
 * of the frame or more: a piece is flooded on one thread, and where
 * cells cover the frame it is most of a change's time, while many
 * smaller pieces share two threads and give the exact cells in time. */
#define LARGE_PIECE_SHARE 0.25
/* Above this many pixels no last flood is kept to copy from: it and its
 * relief are 5 bytes a pixel more while a slider is dragged, 320 MiB at
 * 8192 × 8192, where the window keeps under 40 bytes a pixel. */
#define FLOOD_BASE_MAX_PIXELS (4096 * 4096)
/* Below this many pixels the cells of a drag are flooded at full size
 * whatever the zoom: a 1024 × 1024 frame floods in a few milliseconds. */
#define COARSE_MIN_PIXELS (1536 * 1536)
/* The coarsest a preview's flood gets where it is on screen: 8 × 8
 * pixels a pixel (a frame of 8192 × 8192 shown whole). */
#define COARSE_MAX_SHIFT 3
/* Zoomed out, a preview's flood has no more pixels than this, however
 * little: a 2048 × 2048 frame shown whole in one pane (a screen pixel
 * for 2 × 2 of the frame's) floods at 4 × 4, as in four panes.  Its
 * cells follow the slider as fast at either, their outlines within two
 * pixels of the frame's, a pixel and a half of the screen's. */
#define PREVIEW_MAX_COARSE_PIXELS (512 * 512)
/* At 1:1, what the panes show and its margin are flooded at 2 × 2 where
 * that has more than this many pixels (one pane, or four on a large
 * screen), the outlines within a pixel of the frame's, and at 4 × 4
 * where it has more than four times as many (one pane at 80 %): a
 * full-size flood of 1.4 million pixels took 32 ms of the 50 of a
 * change, one at 2 × 2 takes 10. */
#define FINE_MAX_PIXELS (640 * 640)
#define FINE_MAX_SHIFT 2
/* Zoomed in, the pixels round what the panes show that are flooded with
 * it, so that its cells are the exact ones but where a cell reaches out
 * of the margin; the rest, off screen, at 8 × 8.  The margin is half as
 * much again as the last such flood's cells reached from their nuclei
 * (lda_regions_flood_rect()), within these bounds: a frame of small
 * cells floods little more than the panes show.  Past FINE_MAX_SHARE
 * of the frame, the whole frame is flooded exactly, its cells carried
 * or the last flood's pieces copied (lda_pipeline_flood()): on the
 * dense frame as fast as a flood at 4 × 4 of three quarters of it. */
#define FINE_MARGIN_MIN 32
#define FINE_MARGIN_MAX 96
#define FINE_MAX_SHARE 0.5
#define OFF_SCREEN_SHIFT 3

static gboolean
worth_carrying (const LdaRegions *regions)
{
  return regions->largest_piece >= LARGE_PIECE_SHARE * regions->width * regions->height;
}

/**
 * lda_pipeline_keep_regions_base:
 * @self: a pipeline whose slider is being dragged, about to drop its
 *   cells
 *
 * Keeps the cells held now, if any, as the base of the next carry, if
 * they are worth carrying.  Without memory for a copy the next change
 * floods the whole frame.  Cells not worth carrying, flooded from
 * carried nuclei, are kept as the last flood, for the next one to copy
 * from.
 */
void
lda_pipeline_keep_regions_base (LdaPipeline *self)
{
  /* Cells kept for a moved cell area are carried onto those nuclei
   * only, not onto moved ones. */
  if (self->regions_base_area != NULL)
    lda_pipeline_drop_regions_base (self);
  if (self->regions == NULL)
    return;

  lda_pipeline_drop_regions_base (self);
  if (self->regions_carried)
    {
      /* Carried cells never go into the stage cache: the base takes
       * them, or nothing does. */
      LdaRegions *carried = g_steal_pointer (&self->regions);

      if (worth_carrying (carried))
        self->regions_base = carried;
      else
        lda_regions_free (carried);
    }
  else if (worth_carrying (self->regions))
    self->regions_base = lda_regions_copy (self->regions, NULL);
  else if (self->nuclei_carried && self->regions->relief != NULL)
    {
      /* Flooded from carried nuclei: never cached, kept as they are. */
      g_clear_pointer (&self->flood_base, lda_regions_free);
      self->flood_base = g_steal_pointer (&self->regions);
    }
  self->regions_carried = FALSE;
}

/**
 * lda_pipeline_keep_regions_for_area:
 * @self: a pipeline whose cell area slider is being dragged, the cell
 *   area just replaced (replaced_cell_area) and the nuclei not
 *
 * Keeps the cells held now as the base of the next carry, with the cell
 * area they were made with.  Whatever the size of their pieces: a step
 * of the cell area's slider moves a rim of the area's pixels only (0.3 %
 * of the frame on the sample at 2048 × 2048), and every cell is kept but
 * where the rim runs.
 */
void
lda_pipeline_keep_regions_for_area (LdaPipeline *self)
{
  g_autoptr(LdaBitplane) made_with = g_steal_pointer (&self->replaced_cell_area);
  guint8 *relief = g_steal_pointer (&self->drag_relief);
  LdaBitplane *relief_nuclei = g_steal_pointer (&self->drag_relief_nuclei);

  /* The relief stays for the drag's next steps. */
  lda_pipeline_drop_regions_base (self);
  self->drag_relief = relief;
  self->drag_relief_nuclei = relief_nuclei;
  if (self->regions == NULL || made_with == NULL)
    return;
  /* A preview's cells kept coarse are made full size to be carried;
   * without the memory, the next step floods. */
  if (!lda_regions_expand (self->regions, NULL))
    {
      g_clear_pointer (&self->regions, lda_regions_free);
      self->regions_carried = FALSE;
      return;
    }

  /* Taken, not copied, even when exact: at 8192 × 8192 a copy is 256
   * MiB more at the drag's first step (their stage cache entry is lost:
   * the run when the slider rests makes its own). */
  self->regions_base = g_steal_pointer (&self->regions);
  self->regions_carried = FALSE;
  self->regions_base_area = g_steal_pointer (&made_with);
}

/**
 * lda_pipeline_drop_regions_base:
 * @self: a pipeline
 *
 * Drops the cells kept to carry, the cell area they were made with, the
 * relief of a drag of the cell area's slider and the last flood of a
 * nucleus slider's.
 */
void
lda_pipeline_drop_regions_base (LdaPipeline *self)
{
  g_clear_pointer (&self->regions_base, lda_regions_free);
  g_clear_pointer (&self->regions_base_area, lda_bitplane_free);
  g_clear_pointer (&self->drag_relief, lda_buffer_free);
  g_clear_pointer (&self->drag_relief_nuclei, lda_bitplane_free);
  g_clear_pointer (&self->flood_base, lda_regions_free);
}

/* The relief of @mask everywhere, made once for a drag of the cell
 * area's slider: its nuclei do not move, and a relief depends on the
 * area only where it is 0.  Made again should they have moved all the
 * same. */
static gboolean
relief_everywhere (LdaPipeline        *self,
                   const LdaBitplane  *mask,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(LdaBitplane) everywhere = NULL;

  if (self->drag_relief != NULL &&
      memcmp (self->drag_relief_nuclei->bits, mask->bits,
              mask->stride * mask->height * sizeof (guint64)) == 0)
    return TRUE;

  g_clear_pointer (&self->drag_relief, lda_buffer_free);
  g_clear_pointer (&self->drag_relief_nuclei, lda_bitplane_free);
  if (!(everywhere = lda_bitplane_new (mask->width, mask->height, error)))
    return FALSE;
  lda_bitplane_invert (everywhere);
  /* Large: mapped and kept for the next run (lda-buffer.c). */
  self->drag_relief = lda_buffer_alloc ((gsize) mask->width * mask->height, FALSE);
  if (self->drag_relief == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   mask->width, mask->height);
      return FALSE;
    }
  if (!lda_relief (mask, everywhere, self->drag_relief, cancellable, error) ||
      !(self->drag_relief_nuclei = lda_bitplane_copy (mask, error)))
    {
      g_clear_pointer (&self->drag_relief, lda_buffer_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
same_nuclei (const LdaRuns *a,
             const LdaRuns *b)
{
  return a->n_runs == b->n_runs && a->n_components == b->n_components &&
         memcmp (a->runs, b->runs, a->n_runs * sizeof *a->runs) == 0 &&
         memcmp (a->labels, b->labels, a->n_runs * sizeof *a->labels) == 0;
}

/**
 * lda_pipeline_carry_regions:
 * @self: a pipeline whose slider is being dragged, with a base, new
 *   nuclei and no cells
 * @cancellable: (nullable): polled while flooding
 * @error: return location for an error
 *
 * The base's cells carried onto the nuclei held now, when little enough
 * of the frame is to be flooded again; else no cells yet.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_pipeline_carry_regions (LdaPipeline   *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  const LdaBitplane *hoechst = self->channels[LDA_CHANNEL_HOECHST].bits;
  g_autoptr(LdaBitplane) own_mask = NULL;
  g_autoptr(LdaRuns) own_nuclei = NULL;
  g_autoptr(LdaBitplane) area = NULL;
  g_autoptr(LdaBitplane) moved = NULL;
  const LdaBitplane *mask;
  const LdaRuns *nuclei;

  g_return_val_if_fail (self->regions == NULL, FALSE);

  if (self->params.nuclei.objects)
    {
      mask = self->nuclei->mask;
      nuclei = self->nuclei->objects;
    }
  else
    {
      /* The watershed's own nuclei: Hoechst ∪ Draq7, 8-connected. */
      if (!(own_mask = lda_bitplane_copy (hoechst, error)))
        return FALSE;
      lda_bitplane_or (own_mask, self->channels[LDA_CHANNEL_DRAQ7].bits);
      if (!(own_nuclei = lda_runs_new_from_bitplane (own_mask, TRUE, error)))
        return FALSE;
      lda_runs_label (own_nuclei, 8);
      mask = own_mask;
      nuclei = own_nuclei;
    }
  if (!(area = lda_bitplane_copy (self->channels[LDA_CHANNEL_CELL_AREA].bits, error)))
    return FALSE;
  /* The cell area moved since the base was made, and no nucleus: should
   * one have moved all the same, the frame is flooded whole. */
  if (self->regions_base_area != NULL && !same_nuclei (self->regions_base->nuclei, nuclei))
    {
      lda_pipeline_drop_regions_base (self);
      return TRUE;
    }
  if (self->regions_base_area != NULL)
    {
      if (!(moved = lda_bitplane_copy (self->regions_base_area, error)) ||
          !relief_everywhere (self, mask, cancellable, error))
        return FALSE;
      lda_bitplane_xor (moved, area);
      lda_bitplane_or (area, mask);
      if (!lda_regions_move_area (g_steal_pointer (&self->regions_base), area, moved, mask,
                                  self->drag_relief, MAX_FLOODED_AGAIN, &self->regions,
                                  cancellable, error))
        return FALSE;
      self->regions_carried = self->regions != NULL;
      return TRUE;
    }
  lda_bitplane_or (area, mask);

  if (!lda_regions_carry (self->regions_base, area, mask, nuclei, MAX_FLOODED_AGAIN,
                          &self->regions, cancellable, error))
    return FALSE;
  self->regions_carried = self->regions != NULL;

  return TRUE;
}

/* How a drag's cells are previewed, if they are: zoomed out (a screen
 * pixel for 2 × 2 of the frame's or more), flooded at the panes' level
 * (@shift) all over, or coarser, to at most PREVIEW_MAX_COARSE_PIXELS,
 * the outlines through the middle of their coarse pixels for the
 * mipmap's samples; closer, flooded on their own pixels in what the
 * panes show and a margin round it (@fine: as far as the last such
 * flood's cells reached, FINE_MARGIN_MIN to FINE_MARGIN_MAX), at full
 * size up to FINE_MAX_PIXELS, at 2 × 2 or 4 × 4 past them (@fine_shift,
 * the outlines where the cells meet), and at 8 × 8 elsewhere, off
 * screen, for the counts; not where the panes show more than
 * FINE_MAX_SHARE of the frame.  Only for new nuclei on a frame of
 * COARSE_MIN_PIXELS or more. */
static gboolean
preview_plan (LdaPipeline *self,
              guint       *shift,
              LdaRect     *fine,
              guint       *fine_shift)
{
  const LdaBitplane *cell_area = self->channels[LDA_CHANNEL_CELL_AREA].bits;
  const guint w = cell_area->width, h = cell_area->height;
  int margin;

  *fine = (LdaRect) { 0, 0, 0, 0 };
  *fine_shift = 0;
  if (!self->dragging || !self->nuclei_moved || (guint64) w * h < COARSE_MIN_PIXELS)
    return FALSE;
  if (self->preview_shift > 0)
    {
      *shift = MIN (self->preview_shift, COARSE_MAX_SHIFT);
      while (*shift < COARSE_MAX_SHIFT &&
             (guint64) (w >> *shift) * (h >> *shift) > PREVIEW_MAX_COARSE_PIXELS)
        (*shift)++;
      return TRUE;
    }
  if (lda_rect_is_empty (&self->preview_visible))
    return FALSE;
  margin = self->preview_reach == 0 ? FINE_MARGIN_MAX :
           CLAMP ((int) self->preview_reach * 3 / 2, FINE_MARGIN_MIN, FINE_MARGIN_MAX);
  *fine = self->preview_visible;
  fine->x -= margin;
  fine->y -= margin;
  fine->width += 2 * margin;
  fine->height += 2 * margin;
  if (!lda_rect_clip (fine, w, h) || fine->width < 3 || fine->height < 3 ||
      (guint64) fine->width * fine->height > FINE_MAX_SHARE * w * h)
    return FALSE;
  while (*fine_shift < FINE_MAX_SHIFT &&
         ((guint64) fine->width * fine->height >> (2 * *fine_shift)) > FINE_MAX_PIXELS)
    (*fine_shift)++;
  *shift = OFF_SCREEN_SHIFT;

  return TRUE;
}

/**
 * lda_pipeline_previews_cells:
 * @self: a pipeline with new nuclei and no cells
 *
 * Returns: whether its cells will be a preview at the panes' view
 *   (lda_pipeline_set_preview()), rather than carried or flooded whole
 */
gboolean
lda_pipeline_previews_cells (LdaPipeline *self)
{
  guint shift, fine_shift;
  LdaRect fine;

  return preview_plan (self, &shift, &fine, &fine_shift);
}

/**
 * lda_pipeline_flood:
 * @self: a pipeline with nuclei and no cells
 * @cancellable: (nullable): polled while flooding
 * @error: return location for an error
 *
 * The watershed of the nuclei held now (the work done ahead, if any,
 * finished).  While a nucleus slider is dragged with the panes' view
 * known, a preview at that view (preview_plan(), lda-regions-coarse.c).
 * Without it, the pieces of the last flood that nothing changed are
 * copied (lda-flood-reuse.c), until a
 * flood copies less than half of its pixels: a step of the Hoechst
 * offset moves nearly every nucleus, and the copy would cost more than
 * it saves for the rest of the drag (until a flood at rest).  Not on
 * frames larger than
 * FLOOD_BASE_MAX_PIXELS.
 *
 * Returns: (transfer full) (nullable): the cells
 */
LdaRegions *
lda_pipeline_flood (LdaPipeline   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const LdaBitplane *cell_area = self->channels[LDA_CHANNEL_CELL_AREA].bits;
  LdaRegionsPrep *prep = g_steal_pointer (&self->regions_prep);
  const gboolean keep = self->dragging && !self->flood_reuse_declined &&
                        (guint64) cell_area->width * cell_area->height <= FLOOD_BASE_MAX_PIXELS;
  LdaRegions *regions;
  LdaRect fine;
  guint shift, fine_shift, reach;

  /* Nuclei moved: the panes' view makes the preview (preview_plan()). */
  if (preview_plan (self, &shift, &fine, &fine_shift))
    {
      g_autoptr(LdaBitplane) mask = NULL;

      lda_regions_prep_free (prep);
      if (self->params.nuclei.objects)
        regions = lda_regions_new_coarse_compact (cell_area, self->nuclei->mask,
                                                  self->nuclei->objects, shift, &fine,
                                                  fine_shift, cancellable, error);
      else if ((mask = lda_bitplane_copy (self->channels[LDA_CHANNEL_HOECHST].bits, error)))
        {
          lda_bitplane_or (mask, self->channels[LDA_CHANNEL_DRAQ7].bits);
          regions = lda_regions_new_coarse_compact (cell_area, mask, NULL, shift, &fine,
                                                    fine_shift, cancellable, error);
        }
      else
        regions = NULL;
      /* A preview, as carried cells are: never cached, flooded again at
       * rest. */
      self->regions_carried = regions != NULL;
      /* The next change's margin (preview_plan()). */
      if (regions != NULL && (reach = lda_regions_get_fine_reach (regions)) > 0)
        self->preview_reach = reach;
      return regions;
    }
  if (prep == NULL)
    prep = self->params.nuclei.objects ?
           lda_regions_prep_new_from_nuclei (self->nuclei, error) :
           lda_regions_prep_new (self->channels[LDA_CHANNEL_HOECHST].bits,
                                 self->channels[LDA_CHANNEL_DRAQ7].bits, error);
  if (prep == NULL)
    return NULL;
  /* At rest: the next drag tries again. */
  if (!self->dragging)
    self->flood_reuse_declined = FALSE;
  if (keep)
    lda_regions_prep_set_base (prep, self->flood_base);
  regions = lda_regions_new_prepared (prep, cell_area, cancellable, error);
  if (regions != NULL && keep && self->flood_base != NULL &&
      2 * regions->reused < regions->unknown)
    {
      self->flood_reuse_declined = TRUE;
      g_clear_pointer (&self->flood_base, lda_regions_free);
      g_clear_pointer (&regions->relief, lda_buffer_free);
    }

  return regions;
}

/**
 * lda_pipeline_set_preview:
 * @self: a pipeline
 * @shift: how much coarser than the frame the panes show it, as a power
 *   of two: 0 at 1:1 or closer, 1 where a screen pixel stands for 2 × 2
 *   of the frame's, 2 for 4 × 4 or more
 * @visible: (nullable): the part of the frame the panes show, or %NULL
 *   if not known
 *
 * While a nucleus slider is dragged over a frame of 1536 × 1536 pixels
 * or more, the cells are flooded no finer than the panes show them
 * (lda_regions_new_coarse()): zoomed out at @shift, a quarter or a
 * sixteenth of the work, or coarser still where that would flood more
 * than 512 × 512 pixels; zoomed in, only in and round @visible on its
 * own pixels, in full up to 640 × 640 of them, at 2 × 2 or 4 × 4 past
 * that.
 * A preview, exact when the slider rests.
 */
void
lda_pipeline_set_preview (LdaPipeline   *self,
                          guint          shift,
                          const LdaRect *visible)
{
  g_return_if_fail (self != NULL);

  self->preview_shift = shift;
  self->preview_visible = visible != NULL ? *visible : (LdaRect) { 0, 0, 0, 0 };
}
