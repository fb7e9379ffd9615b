/* lda-runner-preview.h — a moved threshold posted before the slow stages
 * (lda-runner-preview.c); private to the runner
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-pipeline.h"
#include "lda-pipeline-runner.h"

G_BEGIN_DECLS

void lda_runner_post_preview          (GTask             *task,
                                       LdaPipeline       *pipeline,
                                       guint              frame,
                                       guint              generation,
                                       GCancellable      *cancellable);
void lda_pipeline_runner_emit_preview (LdaPipelineRunner *self,
                                       LdaRunPreview     *preview);

G_END_DECLS
