/* lda-pipeline.h — the whole segmentation of one triple, stage by stage
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-compose.h"
#include "lda-image.h"
#include "lda-params.h"
#include "lda-rect.h"
#include "lda-split.h"
#include "lda-threshold-methods.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

typedef enum
{
  LDA_INPUT_BRIGHTFIELD,
  LDA_INPUT_HOECHST,
  LDA_INPUT_DRAQ7,
  LDA_N_INPUTS
} LdaInput;

/**
 * LdaStage:
 * @LDA_STAGE_SOBEL: Sobel magnitude of brightfield (pipeline.md §2)
 * @LDA_STAGE_THRESHOLD_CELL_AREA: the max-tile threshold of the Sobel image
 * @LDA_STAGE_THRESHOLD_HOECHST: … of Hoechst
 * @LDA_STAGE_THRESHOLD_DRAQ7: … of Draq7
 * @LDA_STAGE_MASK_CELL_AREA: closing and hole filling of the cell area
 * @LDA_STAGE_MASK_HOECHST: … of the Hoechst nuclei
 * @LDA_STAGE_MASK_DRAQ7: … of the Draq7 nuclei
 * @LDA_STAGE_NUCLEI: nucleus objects, touching ones split (only with
 *   LdaNucleusParams.objects)
 * @LDA_STAGE_REGIONS: nucleus labelling, relief and watershed (pipeline.md §5)
 * @LDA_STAGE_LABELS: live/dead calls, label mask and counts (pipeline.md §6, §7)
 */
typedef enum
{
  LDA_STAGE_SOBEL,
  LDA_STAGE_THRESHOLD_CELL_AREA,
  LDA_STAGE_THRESHOLD_HOECHST,
  LDA_STAGE_THRESHOLD_DRAQ7,
  LDA_STAGE_MASK_CELL_AREA,
  LDA_STAGE_MASK_HOECHST,
  LDA_STAGE_MASK_DRAQ7,
  LDA_STAGE_NUCLEI,
  LDA_STAGE_REGIONS,
  LDA_STAGE_LABELS,
  LDA_N_STAGES
} LdaStage;

#define LDA_STAGE_THRESHOLD(channel) ((LdaStage) (LDA_STAGE_THRESHOLD_CELL_AREA + (channel)))
#define LDA_STAGE_MASK(channel)      ((LdaStage) (LDA_STAGE_MASK_CELL_AREA + (channel)))

typedef struct _LdaPipeline LdaPipeline;

LdaPipeline      *lda_pipeline_new                (LdaImage         *brightfield,
                                                   LdaImage         *hoechst,
                                                   LdaImage         *draq7,
                                                   GError          **error);
void              lda_pipeline_free               (LdaPipeline      *self);
gboolean          lda_pipeline_set_params         (LdaPipeline      *self,
                                                   const LdaParams  *params,
                                                   GError          **error);
gboolean          lda_pipeline_set_channel_params (LdaPipeline      *self,
                                                   LdaChannel        channel,
                                                   const LdaChannelParams *params,
                                                   GError          **error);
gboolean          lda_pipeline_set_nucleus_params (LdaPipeline      *self,
                                                   const LdaNucleusParams *params,
                                                   GError          **error);
const LdaParams  *lda_pipeline_get_params         (LdaPipeline      *self);
void              lda_pipeline_set_threaded       (LdaPipeline      *self,
                                                   gboolean          threaded);
void              lda_pipeline_set_all_methods    (LdaPipeline      *self,
                                                   gboolean          all_methods);
void              lda_pipeline_set_cache_size     (LdaPipeline      *self,
                                                   guint             size);
gboolean          lda_pipeline_run                (LdaPipeline      *self,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
gboolean          lda_pipeline_run_masks          (LdaPipeline      *self,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
gboolean          lda_pipeline_is_done            (LdaPipeline      *self);
void              lda_pipeline_set_dragging       (LdaPipeline      *self,
                                                   gboolean          dragging);
void              lda_pipeline_set_preview        (LdaPipeline      *self,
                                                   guint             shift,
                                                   const LdaRect    *visible);
gboolean          lda_pipeline_is_exact           (LdaPipeline      *self);
gboolean          lda_pipeline_stage_is_valid     (LdaPipeline      *self,
                                                   LdaStage          stage);
const char       *lda_stage_name                  (LdaStage          stage);

guint             lda_pipeline_get_width          (LdaPipeline      *self);
guint             lda_pipeline_get_height         (LdaPipeline      *self);
LdaImage         *lda_pipeline_get_input          (LdaPipeline      *self,
                                                   LdaInput          input);
LdaImage         *lda_pipeline_get_sobel          (LdaPipeline      *self);
LdaImage         *lda_pipeline_get_channel_image  (LdaPipeline      *self,
                                                   LdaChannel        channel);
const guint32    *lda_pipeline_get_votes          (LdaPipeline      *self,
                                                   LdaChannel        channel);
guint             lda_pipeline_get_peak           (LdaPipeline      *self,
                                                   LdaChannel        channel);
const guint32    *lda_pipeline_get_histogram      (LdaPipeline      *self,
                                                   LdaChannel        channel);
const LdaThresholdLevels *lda_pipeline_get_levels (LdaPipeline      *self,
                                                   LdaChannel        channel);
guint             lda_pipeline_get_saturation     (LdaPipeline      *self,
                                                   LdaChannel        channel);
gint64            lda_pipeline_get_threshold      (LdaPipeline      *self,
                                                   LdaChannel        channel);
LdaImage         *lda_pipeline_get_mask           (LdaPipeline      *self,
                                                   LdaChannel        channel);
const LdaBitplane *lda_pipeline_get_mask_plane   (LdaPipeline      *self,
                                                   LdaChannel        channel);
double            lda_pipeline_get_mask_coverage  (LdaPipeline      *self,
                                                   LdaChannel        channel);
const LdaRegions *lda_pipeline_get_regions        (LdaPipeline      *self);
const LdaNuclei  *lda_pipeline_get_nuclei         (LdaPipeline      *self);
gint              lda_pipeline_get_object_at      (LdaPipeline      *self,
                                                   guint             x,
                                                   guint             y);
LdaImage         *lda_pipeline_get_labels         (LdaPipeline      *self);
gint64            lda_pipeline_get_dead_level     (LdaPipeline      *self);
const LdaCounts  *lda_pipeline_get_counts         (LdaPipeline      *self);
guint             lda_pipeline_get_stage_runs     (LdaPipeline      *self,
                                                   LdaStage          stage);
gint64            lda_pipeline_get_stage_time     (LdaPipeline      *self,
                                                   LdaStage          stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaPipeline, lda_pipeline_free)

G_END_DECLS
