/* lda-window.h
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-application.h"
#include "lda-document.h"
#include "lda-message-bar.h"
#include "lda-pipeline-runner.h"
#include "lda-series.h"

G_BEGIN_DECLS

#define LDA_TYPE_WINDOW (lda_window_get_type ())

G_DECLARE_FINAL_TYPE (LdaWindow, lda_window, LDA, WINDOW, GtkApplicationWindow)

/**
 * LdaPane:
 *
 * The four panes, numbered as their keys 1–4.
 */
typedef enum
{
  LDA_PANE_ALL,
  LDA_PANE_COMPOSITE,
  LDA_PANE_FLUORESCENCE,
  LDA_PANE_SOBEL,
  LDA_PANE_SEGMENTED,
  LDA_N_PANES
} LdaPane;

/* Topics of the window's messages: a message replaces the one of its
 * topic, and goes when its topic's is withdrawn. */
#define LDA_MESSAGE_TOPIC_GENERAL "general"
#define LDA_MESSAGE_TOPIC_FRAME   "frame"    /* the frame asked for, shown or not */
#define LDA_MESSAGE_TOPIC_EXPORT  "export"
#define LDA_MESSAGE_TOPIC_LOCATION "location" /* where the project is saved */
#define LDA_MESSAGE_TOPIC_SKIPPED "skipped"  /* triples of the folder left out */
#define LDA_MESSAGE_TOPIC_SCOPE   "scope"    /* a frame's own parameters dropped */

LdaWindow         *lda_window_new            (LdaApplication *app);
gboolean           lda_window_open           (LdaWindow      *self,
                                              GFile         **files,
                                              guint           n_files,
                                              gboolean        is_sample);
void               lda_window_show_message   (LdaWindow      *self,
                                              const char     *message);
void               lda_window_post_message   (LdaWindow      *self,
                                              const char     *topic,
                                              LdaMessageKind  kind,
                                              const char     *message);
void               lda_window_withdraw_message (LdaWindow    *self,
                                              const char     *topic);
const char        *lda_window_get_message    (LdaWindow      *self);
const char        *lda_window_get_hint       (LdaWindow      *self);
const char        *lda_window_get_project_message (LdaWindow *self);
LdaSeries         *lda_window_get_series     (LdaWindow      *self);
guint              lda_window_get_frame      (LdaWindow      *self);
void               lda_window_set_frame      (LdaWindow      *self,
                                              guint           frame);
LdaPipelineRunner *lda_window_get_runner     (LdaWindow      *self);
GtkWidget         *lda_window_get_channel_panel (LdaWindow   *self,
                                              LdaChannel      channel);
GtkWidget         *lda_window_get_view       (LdaWindow      *self,
                                              LdaPane         pane);
void               lda_window_show_pane      (LdaWindow      *self,
                                              LdaPane         pane);
LdaPane            lda_window_get_solo_pane  (LdaWindow      *self);

void               lda_window_stroke_begin   (LdaWindow      *self,
                                              double          x,
                                              double          y);
void               lda_window_stroke_begin_joining (LdaWindow *self,
                                              double          x,
                                              double          y);
void               lda_window_stroke_move    (LdaWindow      *self,
                                              double          x,
                                              double          y);
void               lda_window_stroke_end     (LdaWindow      *self);
void               lda_window_reset_frame_edits (LdaWindow   *self);
LdaImage          *lda_window_get_merged     (LdaWindow      *self);
LdaDocument       *lda_window_get_document   (LdaWindow      *self);
guint              lda_window_get_n_kept     (LdaWindow      *self);
GtkWidget         *lda_window_get_legend     (LdaWindow      *self);
void               lda_window_close_now      (LdaWindow      *self);
gboolean           lda_window_save_now       (LdaWindow      *self,
                                              GError        **error);
const LdaCounts   *lda_window_get_counts     (LdaWindow      *self);
const char        *lda_window_get_project_folder (LdaWindow  *self);
gboolean           lda_window_save_pending   (LdaWindow      *self);

G_END_DECLS
