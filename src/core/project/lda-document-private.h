/* lda-document-private.h — the document's state, shared by its files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-document.h"
#include "lda-project-lock.h"
#include "lda-series-lock.h"

G_BEGIN_DECLS

typedef struct _LdaSaveJob LdaSaveJob;

/* What a frame's export was made of: a change undone back to it makes
 * the frame exported again. */
typedef struct
{
  gboolean  set;
  LdaParams params;
  guint64   edits;     /* lda_document_edits_key() */
} LdaExportedAs;

struct _LdaDocument
{
  GObject             parent_instance;

  LdaSeries          *series;
  gboolean            is_sample;
  LdaProjectLocation *location;
  LdaSeriesLock      *lock;
  char               *read_only_reason;
  GPtrArray          *notices;          /* what the person should know, one line each */
  GKeyFile           *extra;            /* the project's [view] and [damage] groups */
  GPtrArray          *damage;           /* LdaDamage, not acknowledged */

  GPtrArray          *edits;            /* per frame: LdaEdits, or NULL */
  GPtrArray          *histories;        /* per frame: LdaHistory, or NULL */
  LdaHistory         *series_history;   /* changes of the series' parameters */
  guint64             clock;            /* the last history stamp given */
  int                 editing;          /* the frame between begin and end, or -1 */
  GArray             *exported_as;      /* per frame: LdaExportedAs */

  /* Folding a slider's drag into one undo step */
  int                 merge_frame;      /* -1 for the series */
  guint               merge_key;
  gint64              merge_time;
  gint64              merge_window_us;

  /* Saving (lda-document-save.c) */
  GByteArray         *unsaved_edits;    /* per frame */
  gboolean            unsaved_params;
  guint               autosave_id;
  guint               retry_id;
  guint               retry_seconds;
  guint               lock_refresh_id;
  LdaSaveJob         *in_flight;
  GMutex              mutex;
  GCond               cond;
  LdaSaveState        save_state;
  GError             *save_error;
};

/* lda-document.c */
void        lda_document_emit_params_changed (LdaDocument          *self,
                                              int                   frame);
void        lda_document_emit_edits_changed  (LdaDocument          *self,
                                              guint                 frame,
                                              const LdaRect        *dirty);
void        lda_document_emit_frame_changed  (LdaDocument          *self,
                                              guint                 frame);
void        lda_document_emit_damage_changed (LdaDocument          *self);

/* lda-document-edits.c */
void        lda_document_drop_redo_beside    (LdaDocument          *self,
                                              int                   owner);

/* lda-document-state.c */
LdaFrameState lda_document_state_after_change (LdaDocument        *self,
                                              guint                 frame);
void        lda_document_outdate_exports     (LdaDocument          *self,
                                              int                   owner);
void        lda_document_remember_exports    (LdaDocument          *self);

/* lda-document-params.c */
LdaHistory *lda_document_frame_history       (LdaDocument          *self,
                                              guint                 frame);
void        lda_document_apply_params_state  (LdaDocument          *self,
                                              int                   owner,
                                              const LdaParamsState *state);

/* lda-document-save.c */
void lda_document_save_init     (LdaDocument *self);
void lda_document_save_finalize (LdaDocument *self);
void lda_document_mark_unsaved  (LdaDocument *self,
                                 int          frame);
void lda_document_set_save_state (LdaDocument *self,
                                  LdaSaveState state);

G_END_DECLS
