/* lda-frame-run.h — one frame segmented, its corrections on top, counted
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-edits.h"
#include "lda-pipeline.h"
#include "lda-triples.h"

G_BEGIN_DECLS

/**
 * LdaFrameRunFlags:
 * @LDA_FRAME_RUN_DEFAULT: the pipeline may use both cores
 * @LDA_FRAME_RUN_ONE_THREAD: one thread only (background work beside the
 *   person's own runs)
 */
typedef enum
{
  LDA_FRAME_RUN_DEFAULT    = 0,
  LDA_FRAME_RUN_ONE_THREAD = 1 << 0,
} LdaFrameRunFlags;

/**
 * LdaFrameRun:
 * @pipeline: the run, with every stage's result
 * @labels: the label mask the person sees: the automatic one with the
 *   corrections on top
 * @counts: what @labels shows (lda_frame_counts())
 */
typedef struct
{
  LdaPipeline *pipeline;
  LdaImage    *labels;
  LdaCounts   *counts;
} LdaFrameRun;

LdaFrameRun *lda_frame_run      (const LdaTriple  *triple,
                                 guint             page,
                                 const char       *title,
                                 const LdaParams  *params,
                                 const LdaEdits   *edits,
                                 LdaFrameRunFlags  flags,
                                 GCancellable     *cancellable,
                                 GError          **error);
void         lda_frame_run_free (LdaFrameRun      *self);

LdaCounts   *lda_frame_counts   (const LdaCounts  *automatic,
                                 const LdaImage   *labels,
                                 const LdaEdits   *edits,
                                 const LdaParams  *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaFrameRun, lda_frame_run_free)

G_END_DECLS
