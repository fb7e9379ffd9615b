/* lda-window-private.h — the window's state, shared by its files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-channel-panel.h"
#include "lda-document.h"
#include "lda-edits.h"
#include "lda-fraction-plot.h"
#include "lda-image-view.h"
#include "lda-nucleus-panel.h"
#include "lda-window.h"

G_BEGIN_DECLS

struct _LdaWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children */
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  LdaMessageBar     *message_bar;
  GtkWidget         *project_bar;
  GtkLabel          *project_label;
  GtkButton         *damage_button;
  GtkPaned          *paned;
  GtkGrid           *pane_grid;
  GtkWidget         *panes[LDA_N_PANES];
  LdaImageView      *views[LDA_N_PANES];
  GtkBox            *legend_box;       /* the classes' names */
  GtkWidget         *legend_compact;   /* their swatches and keys */
  gboolean           legend_full_fits;
  gboolean           legend_near;      /* the pointer is near it */
  GtkWidget         *strip_box;
  GtkBox            *series_slot;
  GtkScrolledWindow *frame_scroller;
  GtkBox            *frame_box;
  guint              reveal_tick;   /* brings the current frame's button into view */
  GtkLabel          *status_label;
  GtkLabel          *zoom_label;
  int                status_one_line_width;  /* the read-out's widest line, 0 until measured */
  GtkLabel          *counts_label;
  LdaFractionPlot   *fraction_plot;
  GtkWidget         *scope_box;
  GtkSpinButton     *contrast_low[LDA_N_INPUTS + 1];
  GtkSpinButton     *contrast_high[LDA_N_INPUTS + 1];
  gboolean           updating_contrast;
  GtkToggleButton   *series_toggle;
  GtkToggleButton   *frame_toggle;
  GtkBox            *panels_box;
  GPtrArray         *quiet_tooltips;   /* the side bar's, while a control is held */
  GtkAdjustment     *opacity_adjustment;
  GMenu             *recent_menu;

  LdaChannelPanel   *channel_panels[LDA_N_CHANNELS];
  LdaNucleusPanel   *nucleus_panel;
  GPtrArray         *frame_buttons;

  gboolean           side_bar_visible;
  gboolean           scale_bar_visible;
  GtkWidget         *scale_bars[LDA_N_PANES];
  GSettings         *settings;
  LdaPipelineRunner *runner;
  LdaDocument       *document;   /* what is shown */
  LdaSeries         *series;     /* the document's, borrowed */
  guint              frame;
  LdaPane            solo;
  gboolean           is_sample;

  /* Opening (lda-window-document.c): a document waits here until its
   * first frame has loaded; a failed open leaves the shown one as it is. */
  LdaDocument       *opening;
  guint              opening_generation;
  GFile             *opening_recent;
  double             opening_zoom;
  double             opening_center[2];
  gboolean           opening_same_folder;  /* another series of the folder shown */
  guint              scope_frame;  /* the frame the scope message is about */
  char              *restore_pane;  /* once its first frame is shown */
  /* Documents left (lda-window-leave.c): the undo of those saved, and
   * those that could not be saved */
  GPtrArray         *memos;
  GPtrArray         *kept;
  gboolean           close_unsaved;
  double             restore_zoom;
  double             restore_center[2];  /* image column and row, −1 for the middle */
  gboolean           updating_panels;
  double             pointer_x;
  double             pointer_y;
  /* The nucleus outlined under the pointer (lda-window-hover.c), -1 for
   * none, and the result it belongs to. */
  gint               hover_object;
  guint              hover_generation;
  guint64            hover_key;        /* the corrected nucleus outlined */

  /* Correcting the mask (lda-window-edit.c) */
  GtkWidget         *tool_box;
  GtkLabel          *class_label;
  LdaImage          *automatic;
  LdaImage          *merged;
  LdaCounts         *merged_counts;
  char              *tool;
  int                paint_class;
  double             brush_size;
  gboolean           stroking;
  guint              stroke_frame;
  LdaEdits          *stroke_edits;   /* the document's, between begin and end */
  LdaNucleusStroke  *nucleus_stroke; /* a nucleus class's, kept apart from the others */
  LdaPane            stroke_pane;    /* where the mouse's last stroke began */
  gboolean           apart_told;     /* a hint has said how to join nuclei */
  GtkWidget         *hint;           /* over a pane (lda-window-hint.c), or NULL */
  guint              hint_timeout;
  guint              zoom_idle;
  double             last_x;
  double             last_y;
  LdaRect            stroke_dirty;


  /* Background counting of the other frames (lda-window-counts.c) */
  GCancellable      *count_cancellable;
  GByteArray        *count_failed;
};

/* lda-window-actions.c */
void lda_window_install_actions (GtkWidgetClass *widget_class);

/* lda-window-import.c */
void     lda_window_import_class_init     (GtkWidgetClass *widget_class);
void     lda_window_import_update_actions (LdaWindow      *self);
gboolean lda_window_import_mask_from      (LdaWindow      *self,
                                           const char     *path,
                                           GError        **error);

/* lda-window-params.c */
void     lda_window_params_class_init     (GtkWidgetClass *widget_class);
void     lda_window_time_class_init       (GtkWidgetClass *widget_class);
void     lda_window_time_update_actions   (LdaWindow      *self);
void     lda_window_rebuild_frame_strip   (LdaWindow      *self);
struct _LdaIntervalDialog *lda_window_ask_interval (LdaWindow *self);
void     lda_window_params_update_actions (LdaWindow      *self);
gboolean lda_window_save_params_to        (LdaWindow      *self,
                                           const char     *path,
                                           GError        **error);
gboolean lda_window_load_params_from      (LdaWindow      *self,
                                           const char     *path,
                                           GError        **error);
void lda_window_setup_drop      (LdaWindow      *self);
void lda_window_setup_side_bar  (LdaWindow      *self);
void lda_window_post_open_error (LdaWindow     *self,
                                 const char    *message);
void lda_window_update_editable (LdaWindow     *self);

/* lda-window-open.c */
gboolean lda_window_open_series (LdaWindow      *self,
                                 const char     *name);

/* lda-window-recent.c */
void lda_window_update_recent   (LdaWindow      *self);
void lda_window_add_recent      (LdaWindow      *self,
                                 GFile          *folder);

/* lda-window-enabled.c */
void lda_window_update_actions  (LdaWindow      *self);

/* lda-window-strip.c */
void lda_window_strip_init      (LdaWindow      *self);
void lda_window_reveal_frame    (LdaWindow      *self);
void lda_window_rebuild_frame_strip (LdaWindow  *self);
void lda_window_update_titles   (LdaWindow      *self);
void lda_window_update_frame_button (LdaWindow  *self,
                                     guint       index);
void lda_window_set_frame_state (LdaWindow      *self,
                                 guint           frame,
                                 LdaFrameState   state);
void lda_window_show_counts     (LdaWindow      *self,
                                 const LdaCounts *counts);
void lda_window_set_frame_counts (LdaWindow     *self,
                                  guint          frame,
                                  const LdaCounts *counts);

/* lda-window-panels.c */
void lda_window_set_panels_params (LdaWindow       *self,
                                   const LdaParams *params);
void lda_window_update_override_display (LdaWindow *self);
void lda_window_on_scope_toggled  (GtkToggleButton *button,
                                   LdaWindow       *self);
void lda_window_show_params       (LdaWindow       *self);

/* lda-window-panes.c */
void lda_window_panes_init        (LdaWindow          *self);
void lda_window_panels_init       (LdaWindow          *self);
void lda_window_show_contrasts    (LdaWindow          *self,
                                   const LdaContrast  *contrasts);
void lda_window_on_contrast_changed (GtkSpinButton    *spin,
                                     LdaWindow        *self);
void lda_window_update_status     (LdaWindow          *self);
const char *lda_window_get_pane_layout (LdaWindow    *self);
void lda_window_restore_pane      (LdaWindow          *self,
                                   const char         *layout,
                                   double              zoom,
                                   const double        center[2]);

/* lda-window-mouse.c */
void lda_window_mouse_init      (LdaWindow      *self);

/* lda-window-edit.c */
void lda_window_edit_class_init (GtkWidgetClass *widget_class);
void lda_window_edit_init      (LdaWindow      *self);
void lda_window_edit_finalize  (LdaWindow      *self);
void lda_window_edit_reset     (LdaWindow      *self);
void lda_window_edit_show      (LdaWindow      *self,
                                LdaRunResult   *result);
const LdaCounts *lda_window_edit_counts (LdaWindow *self,
                                         LdaRunResult *result);

void lda_window_edit_refresh   (LdaWindow      *self,
                                const LdaRect  *dirty);
void lda_window_edit_update_undo (LdaWindow    *self);
void lda_window_edit_set_tool    (LdaWindow    *self,
                                  const char   *name);
const char *lda_window_edit_get_tool (LdaWindow *self);
void lda_window_edit_set_paint_class (LdaWindow *self,
                                      int        klass);

/* lda-window-document.c */
void lda_window_set_document   (LdaWindow      *self,
                                LdaDocument    *document,
                                guint           frame);
void lda_window_document_connect    (LdaWindow   *self);
void lda_window_document_disconnect (LdaWindow   *self);
gboolean lda_window_begin_open      (LdaWindow   *self,
                                     LdaSeries   *series,
                                     gboolean     is_sample,
                                     GFile       *recent);
gboolean lda_window_open_loaded     (LdaWindow   *self,
                                     LdaRunResult *result);
gboolean lda_window_open_failed     (LdaWindow   *self,
                                     const GError *error);
void lda_window_drop_opening        (LdaWindow   *self);

/* lda-window-leave.c */
void         lda_window_let_go           (LdaWindow   *self,
                                          LdaDocument *document);
LdaDocument *lda_window_take_kept        (LdaWindow   *self,
                                          LdaSeries   *series,
                                          gboolean     is_sample);
void         lda_window_show_kept        (LdaWindow   *self);
void         lda_window_restore_undo     (LdaWindow   *self,
                                          LdaDocument *document);
gboolean     lda_window_may_close        (LdaWindow   *self);
void         lda_window_leave_finalize   (LdaWindow   *self);

/* lda-window-hint.c */
void         lda_window_show_hint        (LdaWindow   *self,
                                          LdaPane      pane,
                                          const char  *text);
void         lda_window_hide_hint        (LdaWindow   *self);
void         lda_window_panes_tell_view  (LdaWindow   *self);
void         lda_window_panes_dispose    (LdaWindow   *self);
void         lda_window_hint_kept_apart  (LdaWindow   *self,
                                          LdaPane      pane,
                                          double       image_y);
void         lda_window_hint_cut         (LdaWindow   *self,
                                          LdaPane      pane,
                                          double       image_y,
                                          guint        n_more);

/* lda-window-hover.c */
void  lda_window_hover_clear        (LdaWindow      *self);
char *lda_window_hover              (LdaWindow      *self,
                                     LdaRunResult   *result,
                                     guint           x,
                                     guint           y,
                                     gint           *index);
void  lda_window_hover_object       (LdaWindow      *self,
                                     LdaRunResult   *result,
                                     gint            index);
void  lda_window_hover_corrected    (LdaWindow      *self,
                                     const GArray   *pixels,
                                     guint           width);

/* lda-window-auto.c */
void lda_window_auto_init           (LdaWindow      *self);
void lda_window_auto_install        (GtkWidgetClass *widget_class);
void lda_window_auto_frame          (LdaWindow      *self);
void lda_window_remember_view       (LdaWindow   *self);
void lda_window_restore_view        (LdaWindow   *self);
void lda_window_show_save_state     (LdaWindow   *self);
void lda_window_document_finalize   (LdaWindow   *self);

/* lda-window-counts.c */
void lda_window_schedule_counts (LdaWindow      *self);
void lda_window_cancel_counts   (LdaWindow      *self);
void lda_window_forget_counts   (LdaWindow      *self);

/* lda-window-channels.c */
gboolean    lda_window_ask_channels     (LdaWindow  *self,
                                         const char *path);

/* lda-window-series.c */
gboolean    lda_window_add_series_chooser (LdaWindow *self);
void        lda_window_series_update_actions (LdaWindow *self);
void        lda_window_previous_series_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void        lda_window_next_series_action     (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);

/* lda-window-time.c */
gboolean    lda_window_series_has_hours (LdaWindow *self);
double      lda_window_frame_time       (LdaWindow *self,
                                         guint      index);
const char *lda_window_format_hours     (double     hours);

G_END_DECLS
