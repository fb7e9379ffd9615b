/* lda-history.h — undo and redo of one frame's edits
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"

G_BEGIN_DECLS

#define LDA_HISTORY_DEFAULT_STEPS 200

typedef struct _LdaHistory LdaHistory;

LdaHistory *lda_history_new       (guint        max_steps);
void        lda_history_free      (LdaHistory  *self);
void        lda_history_begin     (LdaHistory  *self,
                                   LdaEdits    *edits);
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
gboolean    lda_history_can_undo  (LdaHistory  *self);
gboolean    lda_history_can_redo  (LdaHistory  *self);
const char *lda_history_undo_label (LdaHistory *self);
const char *lda_history_redo_label (LdaHistory *self);
guint       lda_history_n_undo    (LdaHistory  *self);
gsize       lda_history_memory    (LdaHistory  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaHistory, lda_history_free)

G_END_DECLS
