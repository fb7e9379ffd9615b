/* lda-document.h — a series being corrected: its parameters, every
 * frame's corrections and undo history, and where and when they are saved
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-edits.h"
#include "lda-history.h"
#include "lda-mask-import.h"
#include "lda-project-damage.h"
#include "lda-project-location.h"
#include "lda-series.h"

G_BEGIN_DECLS

/**
 * LdaSaveState:
 * @LDA_SAVE_STATE_SAVED: everything is on disk
 * @LDA_SAVE_STATE_PENDING: changes wait for the next save, within a second
 * @LDA_SAVE_STATE_SAVING: a save is being written
 * @LDA_SAVE_STATE_FAILED: the last save failed; it is tried again by
 *   itself (lda_document_get_retry_seconds()), and nothing is dropped
 * @LDA_SAVE_STATE_READ_ONLY: nothing can be changed or saved
 *   (lda_document_get_read_only_reason())
 */
typedef enum
{
  LDA_SAVE_STATE_SAVED,
  LDA_SAVE_STATE_PENDING,
  LDA_SAVE_STATE_SAVING,
  LDA_SAVE_STATE_FAILED,
  LDA_SAVE_STATE_READ_ONLY,
} LdaSaveState;

/**
 * LdaDocumentFlags:
 * @LDA_DOCUMENT_NONE: nothing special
 * @LDA_DOCUMENT_SAMPLE: the bundled sample, whose project always goes to
 *   the user data folder
 */
typedef enum
{
  LDA_DOCUMENT_NONE   = 0,
  LDA_DOCUMENT_SAMPLE = 1 << 0,
} LdaDocumentFlags;

#define LDA_TYPE_DOCUMENT (lda_document_get_type ())

G_DECLARE_FINAL_TYPE (LdaDocument, lda_document, LDA, DOCUMENT, GObject)

LdaDocument        *lda_document_open              (LdaSeries        *series,
                                                    LdaDocumentFlags  flags);
LdaSeries          *lda_document_get_series        (LdaDocument      *self);
guint               lda_document_get_n_frames      (LdaDocument      *self);
gboolean            lda_document_is_sample         (LdaDocument      *self);
const LdaProjectLocation *lda_document_get_location (LdaDocument     *self);
GPtrArray          *lda_document_get_notices       (LdaDocument      *self);

/* Parameters */
const LdaParams    *lda_document_get_params        (LdaDocument      *self,
                                                    guint             frame);
gboolean            lda_document_has_own_params    (LdaDocument      *self,
                                                    guint             frame);
gboolean            lda_document_set_params        (LdaDocument      *self,
                                                    guint             frame,
                                                    const LdaParams  *params);
gboolean            lda_document_load_params       (LdaDocument      *self,
                                                    guint             frame,
                                                    const LdaParams  *params);
void                lda_document_set_merge_window  (LdaDocument      *self,
                                                    guint             milliseconds);
gboolean            lda_document_set_own_params    (LdaDocument      *self,
                                                    guint             frame,
                                                    gboolean          own);

/* Corrections */
LdaEdits           *lda_document_get_edits         (LdaDocument      *self,
                                                    guint             frame);
LdaEdits           *lda_document_begin_edit        (LdaDocument      *self,
                                                    guint             frame,
                                                    guint             width,
                                                    guint             height,
                                                    GError          **error);
const guint8       *lda_document_get_edit_before   (LdaDocument      *self,
                                                    guint             frame);
void                lda_document_end_edit          (LdaDocument      *self,
                                                    guint             frame,
                                                    const LdaRect    *dirty,
                                                    const char       *label);
gboolean            lda_document_import_mask       (LdaDocument      *self,
                                                    guint             frame,
                                                    const char       *path,
                                                    LdaMaskKind       kind,
                                                    LdaMaskImportInfo *info,
                                                    GError          **error);
gboolean            lda_document_reset_frame       (LdaDocument      *self,
                                                    guint             frame);
gboolean            lda_document_undo              (LdaDocument      *self,
                                                    guint             frame);
gboolean            lda_document_redo              (LdaDocument      *self,
                                                    guint             frame);
gboolean            lda_document_can_undo          (LdaDocument      *self,
                                                    guint             frame);
gboolean            lda_document_can_redo          (LdaDocument      *self,
                                                    guint             frame);
const char         *lda_document_get_undo_label    (LdaDocument      *self,
                                                    guint             frame);
const char         *lda_document_get_redo_label    (LdaDocument      *self,
                                                    guint             frame);

/* Frame states */
void                lda_document_set_exported      (LdaDocument      *self,
                                                    guint             frame);
GPtrArray          *lda_document_get_damage        (LdaDocument      *self);
gboolean            lda_document_frame_is_damaged  (LdaDocument      *self,
                                                    guint             frame);
void                lda_document_acknowledge_damage (LdaDocument     *self);

/* Where the person left off */
gboolean            lda_document_get_view          (LdaDocument      *self,
                                                    guint            *frame,
                                                    double           *zoom,
                                                    double           *center_x,
                                                    double           *center_y,
                                                    char            **pane);
void                lda_document_set_view          (LdaDocument      *self,
                                                    guint             frame,
                                                    double            zoom,
                                                    double            center_x,
                                                    double            center_y,
                                                    const char       *pane);

/* Undo carried to the next document of the series (lda-document-memo.c) */
typedef struct _LdaDocumentMemo LdaDocumentMemo;

LdaDocumentMemo    *lda_document_take_memo         (LdaDocument      *self);
gboolean            lda_document_is_for            (LdaDocument      *self,
                                                    LdaSeries        *series,
                                                    gboolean          is_sample);
gboolean            lda_document_memo_is_for       (const LdaDocumentMemo *memo,
                                                    LdaSeries        *series,
                                                    gboolean          is_sample);
guint               lda_document_restore_memo      (LdaDocument      *self,
                                                    LdaDocumentMemo  *memo);
void                lda_document_memo_free         (LdaDocumentMemo  *memo);

/* Saving */
LdaSaveState        lda_document_get_save_state    (LdaDocument      *self);
const GError       *lda_document_get_save_error    (LdaDocument      *self);
guint               lda_document_get_retry_seconds (LdaDocument      *self);
const char         *lda_document_get_read_only_reason (LdaDocument   *self);
gboolean            lda_document_is_read_only      (LdaDocument      *self);
void                lda_document_save_soon         (LdaDocument      *self);
gboolean            lda_document_save_now          (LdaDocument      *self,
                                                    GError          **error);
gboolean            lda_document_is_saving         (LdaDocument      *self);
void                lda_document_close             (LdaDocument      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaDocumentMemo, lda_document_memo_free)

G_END_DECLS
