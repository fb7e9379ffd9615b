/* lda-pipeline-runner-private.h — what the runner's files share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-pipeline-runner.h"

G_BEGIN_DECLS

void lda_pipeline_runner_emit_preview (LdaPipelineRunner *self,
                                       LdaRunPreview     *preview);

/* lda-pipeline-runner-preview.c */
typedef struct _LdaPreviewWork LdaPreviewWork;

LdaPreviewWork *lda_preview_work_start  (GTask          *task,
                                         LdaPipeline    *pipeline,
                                         guint           frame,
                                         guint           generation,
                                         GCancellable   *cancellable);
void            lda_preview_work_finish (LdaPreviewWork *work);

G_END_DECLS
