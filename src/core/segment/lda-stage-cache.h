/* lda-stage-cache.h — the slow stages' results kept by parameters
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-compose.h"
#include "lda-params.h"
#include "lda-split.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

/**
 * LdaStageResults:
 * @nuclei: (nullable): the nucleus objects, when the parameters ask for them
 * @regions: the watershed's cells
 * @labels: the label mask
 * @counts: live and dead cells
 * @dead_level: the Draq7 level of the live/dead calls
 *
 * What a pipeline computes after the masks, for one set of parameters.
 */
typedef struct
{
  LdaNuclei  *nuclei;
  LdaRegions *regions;
  LdaImage   *labels;
  LdaCounts  *counts;
  gint64      dead_level;
} LdaStageResults;

void lda_stage_results_clear (LdaStageResults *results);

typedef struct _LdaStageCache LdaStageCache;

LdaStageCache *lda_stage_cache_new      (guint                  capacity);
void           lda_stage_cache_free     (LdaStageCache         *self);
guint          lda_stage_cache_get_size (LdaStageCache         *self);
void           lda_stage_cache_put      (LdaStageCache         *self,
                                         const LdaParams       *params,
                                         LdaStageResults       *results);
gboolean       lda_stage_cache_take     (LdaStageCache         *self,
                                         const LdaParams       *params,
                                         LdaStageResults       *results);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaStageCache, lda_stage_cache_free)

G_END_DECLS
