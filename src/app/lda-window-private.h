/* lda-window-private.h — the window's state, shared by its files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-channel-panel.h"
#include "lda-edits.h"
#include "lda-history.h"
#include "lda-fraction-plot.h"
#include "lda-image-view.h"
#include "lda-window.h"

G_BEGIN_DECLS

struct _LdaWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children */
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  LdaMessageBar     *message_bar;
  GtkPaned          *paned;
  GtkGrid           *pane_grid;
  GtkWidget         *panes[LDA_N_PANES];
  LdaImageView      *views[LDA_N_PANES];
  GtkBox            *legend_box;
  GtkScrolledWindow *frame_scroller;
  GtkBox            *frame_box;
  GtkLabel          *status_label;
  GtkLabel          *counts_label;
  LdaFractionPlot   *fraction_plot;
  GtkWidget         *scope_box;
  GtkSpinButton     *contrast_low[LDA_N_INPUTS + 1];
  GtkSpinButton     *contrast_high[LDA_N_INPUTS + 1];
  gboolean           updating_contrast;
  GtkToggleButton   *series_toggle;
  GtkToggleButton   *frame_toggle;
  GtkBox            *panels_box;
  GtkAdjustment     *opacity_adjustment;
  GMenu             *recent_menu;

  LdaChannelPanel   *channel_panels[LDA_N_CHANNELS];
  GPtrArray         *frame_buttons;

  GSettings         *settings;
  LdaPipelineRunner *runner;
  LdaSeries         *series;
  guint              frame;
  LdaPane            solo;
  gboolean           is_sample;
  gboolean           updating_panels;
  double             pointer_x;
  double             pointer_y;

  /* Correcting the mask (lda-window-edit.c) */
  GtkWidget         *tool_box;
  GtkLabel          *class_label;
  GPtrArray         *edits;
  GPtrArray         *histories;
  LdaImage          *automatic;
  LdaImage          *merged;
  LdaCounts         *merged_counts;
  char              *tool;
  int                paint_class;
  double             brush_size;
  gboolean           stroking;
  double             last_x;
  double             last_y;
  LdaRect            stroke_dirty;

  /* Saving (lda-window-save.c) */
  char              *project_folder;
  guint              autosave_id;
  guint              saves_in_flight;
  GByteArray        *unsaved_edits;
  gboolean           unsaved_params;

  /* Background counting of the other frames (lda-window-counts.c) */
  GCancellable      *count_cancellable;
  GByteArray        *count_failed;
};

/* lda-window-actions.c */
void lda_window_install_actions (GtkWidgetClass *widget_class);
void lda_window_setup_drop      (LdaWindow      *self);
void lda_window_setup_side_bar  (LdaWindow      *self);
void lda_window_update_recent   (LdaWindow      *self);
void lda_window_add_recent      (LdaWindow      *self,
                                 GFile          *folder);
void lda_window_update_actions  (LdaWindow      *self);
void lda_window_set_frame_state (LdaWindow      *self,
                                 guint           frame,
                                 LdaFrameState   state);
void lda_window_show_counts     (LdaWindow      *self,
                                 const LdaCounts *counts);
void lda_window_set_frame_counts (LdaWindow     *self,
                                  guint          frame,
                                  const LdaCounts *counts);

/* lda-window-edit.c */
void lda_window_edit_class_init (GtkWidgetClass *widget_class);
void lda_window_edit_init      (LdaWindow      *self);
void lda_window_edit_finalize  (LdaWindow      *self);
void lda_window_edit_reset     (LdaWindow      *self,
                                guint           n_frames);
void lda_window_edit_show      (LdaWindow      *self,
                                LdaRunResult   *result);
const LdaCounts *lda_window_edit_counts (LdaWindow *self,
                                         LdaRunResult *result);

/* lda-window-save.c */
void lda_window_save_load      (LdaWindow      *self);
void lda_window_save_schedule  (LdaWindow      *self,
                                gint            frame);
void lda_window_save_finalize  (LdaWindow      *self);

/* lda-window-counts.c */
void lda_window_schedule_counts (LdaWindow      *self);
void lda_window_cancel_counts   (LdaWindow      *self);
void lda_window_forget_counts   (LdaWindow      *self);

G_END_DECLS
