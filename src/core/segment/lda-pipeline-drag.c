/* lda-pipeline-drag.c — the cells carried while a slider is dragged
 *
 * While a slider is dragged (lda_pipeline_set_dragging()) the cells of
 * the last change are kept as the base of the next one's, which carries
 * their outlines onto the new nuclei (lda-regions-carry.c).  The base is
 * a copy of exact cells, which go on into the stage cache, or carried
 * cells themselves.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-pipeline-private.h"
#include "lda-regions-carry.h"

/* Past this share of the frame to flood again, the whole frame is
 * flooded: the carry would save little. */
#define MAX_FLOODED_AGAIN 0.25
/* Cells are carried only where one piece of the flood held this share
 * of the frame or more: a piece is flooded on one thread, and where
 * cells cover the frame it is most of a change's time, while many
 * smaller pieces share two threads and give the exact cells in time. */
#define LARGE_PIECE_SHARE 0.25

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
 * floods the whole frame.
 */
void
lda_pipeline_keep_regions_base (LdaPipeline *self)
{
  if (self->regions == NULL)
    return;

  g_clear_pointer (&self->regions_base, lda_regions_free);
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
  self->regions_carried = FALSE;
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
  lda_bitplane_or (area, mask);

  if (!lda_regions_carry (self->regions_base, area, mask, nuclei, MAX_FLOODED_AGAIN,
                          &self->regions, cancellable, error))
    return FALSE;
  self->regions_carried = self->regions != NULL;

  return TRUE;
}
