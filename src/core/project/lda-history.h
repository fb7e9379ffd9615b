/* lda-history.h — undo and redo of one frame's edits and parameters
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"
#include "lda-params.h"

G_BEGIN_DECLS

#define LDA_HISTORY_DEFAULT_STEPS 200

typedef struct _LdaHistory LdaHistory;

/**
 * LdaHistoryKind:
 * @LDA_HISTORY_NONE: no step
 * @LDA_HISTORY_EDITS: a step of the edit layer (a stroke, a fill, a reset)
 * @LDA_HISTORY_PARAMS: a change of parameters
 */
typedef enum
{
  LDA_HISTORY_NONE,
  LDA_HISTORY_EDITS,
  LDA_HISTORY_PARAMS,
} LdaHistoryKind;

/**
 * LdaParamsState:
 * @own: in a frame's history, whether the frame has parameters of its
 *   own; unused in the series' history
 * @params: the parameters
 *
 * What a parameter step restores.
 */
typedef struct
{
  gboolean  own;
  LdaParams params;
} LdaParamsState;

LdaHistory *lda_history_new       (guint        max_steps);
void        lda_history_free      (LdaHistory  *self);
void        lda_history_begin     (LdaHistory  *self,
                                   LdaEdits    *edits);
const guint8 *lda_history_get_before (LdaHistory *self);
void        lda_history_end       (LdaHistory  *self,
                                   LdaEdits    *edits,
                                   const LdaRect *dirty,
                                   const char  *label);
gboolean    lda_history_undo      (LdaHistory  *self,
                                   LdaEdits    *edits,
                                   LdaRect     *dirty);
gboolean    lda_history_redo      (LdaHistory  *self,
                                   LdaEdits    *edits,
                                   LdaRect     *dirty);
void        lda_history_record_params (LdaHistory         *self,
                                       const LdaParamsState *before,
                                       const LdaParamsState *after,
                                       const char         *label,
                                       gboolean            merge);
gboolean    lda_history_undo_params (LdaHistory     *self,
                                     LdaParamsState *state);
gboolean    lda_history_redo_params (LdaHistory     *self,
                                     LdaParamsState *state);
LdaHistoryKind lda_history_undo_kind (LdaHistory *self);
LdaHistoryKind lda_history_redo_kind (LdaHistory *self);
void        lda_history_drop_redo (LdaHistory  *self);
void        lda_history_stamp     (LdaHistory  *self,
                                   guint64      stamp);
guint64     lda_history_undo_stamp (LdaHistory *self);
guint64     lda_history_redo_stamp (LdaHistory *self);
gboolean    lda_history_can_undo  (LdaHistory  *self);
gboolean    lda_history_can_redo  (LdaHistory  *self);
const char *lda_history_undo_label (LdaHistory *self);
const char *lda_history_redo_label (LdaHistory *self);
guint       lda_history_n_undo    (LdaHistory  *self);
gsize       lda_history_memory    (LdaHistory  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaHistory, lda_history_free)

G_END_DECLS
