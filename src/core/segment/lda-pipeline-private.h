/* lda-pipeline-private.h — the pipeline's state, shared by its files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-pipeline.h"
#include "lda-split.h"
#include "lda-stage-cache.h"
#include "lda-threshold-methods.h"

G_BEGIN_DECLS

typedef struct
{
  /* Threshold stage: the votes are kept, so that an offset change only
   * recomputes one multiplication; the pixel histogram depends on the
   * image alone and is kept for good once made. */
  guint32           *votes;
  gboolean           votes_valid;
  guint              max_value;
  guint32           *histogram;
  /* Made when every method's level is asked for (the window) a second
   * time, and kept for good: the blob check of any threshold in two
   * look-ups. */
  LdaCoherence      *coherence;
  guint              threshold_runs;
  /* Its levels are measured on the votes and the histogram, and kept
   * while those stand (levels_measured): only the offset is applied to
   * them at each change of it. */
  LdaThresholdLevels levels;
  gboolean           levels_measured;
  gboolean           levels_ignore_saturated;
  gint64             threshold;
  gboolean           threshold_valid;

  /* Mask stage, valid while it was made with this threshold and kernel. */
  LdaBitplane       *bits;
  LdaImage          *image;
  gint64             mask_threshold;
  guint              mask_kernel;
  gsize              mask_count;
} LdaPipelineChannel;

struct _LdaPipeline
{
  LdaImage           *inputs[LDA_N_INPUTS];
  guint               width;
  guint               height;
  LdaParams           params;
  gboolean            threaded;
  gboolean            all_methods;

  LdaImage           *sobel;
  LdaPipelineChannel  channels[LDA_N_CHANNELS];
  LdaNuclei          *nuclei;
  gint64              nuclei_core[LDA_N_CHANNELS];
  /* While a slider is dragged (lda_pipeline_set_dragging()): the last
   * exact split, carried onto new masks, and whether the nuclei held now
   * are carried rather than split. */
  gboolean            dragging;
  LdaNuclei          *carry_base;
  gboolean            nuclei_carried;
  LdaRegions         *regions;
  /* While a slider is dragged: the last cells, carried onto new nuclei
   * or a new cell area (lda-pipeline-drag.c), and whether the cells held
   * now are carried.  Made with the cell area in use, or with
   * regions_base_area when that is not %NULL; replaced_cell_area is the
   * cell area the cells held were made with, once a dragged cell area
   * slider has replaced it. */
  LdaRegions         *regions_base;
  LdaBitplane        *regions_base_area;
  LdaBitplane        *replaced_cell_area;
  /* While the cell area's slider is dragged: the relief of the nuclei
   * everywhere, and the nucleus pixels it was made from. */
  guint8             *drag_relief;
  LdaBitplane        *drag_relief_nuclei;
  /* While a nucleus slider is dragged: the last flood, with its relief,
   * whose pieces that nothing changed the next flood takes
   * (lda-flood-reuse.c). */
  LdaRegions         *flood_base;
  gboolean            flood_reuse_declined;
  gboolean            regions_carried;
  /* While a nucleus slider is dragged: how much coarser than the frame
   * the panes show it, as a power of two, and what of it they show
   * (lda_pipeline_set_preview()). */
  guint               preview_shift;
  LdaRect             preview_visible;
  /* How far the cells reach from their nuclei in the last preview
   * flooded round what the panes show at 1:1; 0 before one. */
  guint               preview_reach;
  /* Whether a new nucleus mask came since the cells were last flooded. */
  gboolean            nuclei_moved;
  /* The watershed's work done ahead within a run, while the cell area
   * was being made (lda_pipeline_run()). */
  LdaRegionsPrep     *regions_prep;
  LdaImage           *labels;
  LdaCounts          *counts;
  /* The Draq7 level of the per-object live/dead calls (LdaEvidence). */
  gint64              dead_level;

  /* The split, watershed and labels of parameters left behind, and the
   * parameters the ones held now were made with (lda-stage-cache.c). */
  LdaStageCache      *cache;
  LdaParams           results_params;

  guint               runs[LDA_N_STAGES];
  gint64              times[LDA_N_STAGES];
};

gboolean lda_pipeline_channel_mask_is_valid (LdaPipeline  *self,
                                             LdaChannel    channel);
gboolean lda_pipeline_channel_is_done       (LdaPipeline  *self,
                                             LdaChannel    channel);
void     lda_pipeline_channel_invalidate    (LdaPipeline            *self,
                                             LdaChannel              channel,
                                             const LdaChannelParams *old,
                                             const LdaChannelParams *params);
guint    lda_pipeline_channel_dark_level    (LdaPipeline  *self,
                                             LdaChannel    channel);
gboolean lda_pipeline_run_channel           (LdaPipeline  *self,
                                             LdaChannel    channel,
                                             gboolean     *changed,
                                             GCancellable *cancellable,
                                             GError      **error);

gint64   lda_pipeline_compute_dead_level    (LdaPipeline  *self);

void     lda_pipeline_keep_regions_base     (LdaPipeline  *self);
void     lda_pipeline_keep_regions_for_area (LdaPipeline  *self);
void     lda_pipeline_drop_regions_base     (LdaPipeline  *self);
gboolean    lda_pipeline_previews_cells (LdaPipeline *self);
LdaRegions *lda_pipeline_flood              (LdaPipeline  *self,
                                             GCancellable *cancellable,
                                             GError      **error);
gboolean lda_pipeline_carry_regions         (LdaPipeline  *self,
                                             GCancellable *cancellable,
                                             GError      **error);

G_END_DECLS
