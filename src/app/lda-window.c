/* lda-window.c — the main window: four panes, the parameters, the frames
 *
 * The window shows what the runner computes and sends it what the person
 * changes; it knows nothing of how segmentation works beyond the core's
 * API.  This file is the class: its template, properties and the runner's
 * results; the rest is in lda-window-*.c, which call one another from the
 * top down only (docs/architecture.md, "The window's files").
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lda-compose.h"
#include "lda-error.h"
#include "lda-names.h"
#include "lda-render.h"
#include "lda-scale-bar.h"
#include "lda-window-private.h"

G_DEFINE_FINAL_TYPE (LdaWindow, lda_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TOOL,
  PROP_PAINT_CLASS,
  PROP_SIDE_BAR_VISIBLE,
  PROP_SCALE_BAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

LdaWindow *
lda_window_new (LdaApplication *app)
{
  return g_object_new (LDA_TYPE_WINDOW, "application", app, NULL);
}

/* Messages */

static void
on_runner_updated (LdaPipelineRunner *runner,
                   LdaRunResult      *result,
                   LdaWindow         *self)
{
  lda_window_open_loaded (self, result);
  if (self->opening != NULL || self->series == NULL ||
      result->frame >= lda_series_get_n_frames (self->series))
    return;

  /* A good frame is shown: an earlier frame's failure is no longer news
   * (unless this is only the exact run after a drag, which a failed open
   * of another frame may have followed). */
  if (!result->settled)
    lda_window_withdraw_message (self, LDA_MESSAGE_TOPIC_FRAME);
  lda_image_view_set_image (self->views[LDA_PANE_COMPOSITE], result->composite_pixels,
                            result->width, result->height);
  lda_image_view_set_image (self->views[LDA_PANE_FLUORESCENCE], result->fluorescence_pixels,
                            result->width, result->height);
  lda_image_view_set_gray (self->views[LDA_PANE_SOBEL], result->sobel_pixels,
                           result->width, result->height);
  lda_image_view_set_gray (self->views[LDA_PANE_SEGMENTED], result->brightfield_pixels,
                           result->width, result->height);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      LdaChannelResult channel = {
        g_bytes_get_data (result->intensities[c], NULL),
        result->votes[c],
        result->peak[c],
        result->threshold[c],
        result->coverage[c],
        result->max_value[c],
        result->saturation[c],
        &result->levels[c],
        &result->params.channel[c],
      };

      lda_channel_panel_set_result (self->channel_panels[c], &channel);
    }

  lda_window_restore_view (self);
  lda_window_edit_show (self, result);
  lda_window_show_counts (self, lda_window_edit_counts (self, result));
  /* A drag's counts come from the split carried along: dimmed until the
   * exact result follows, once the slider rests. */
  if (result->exact)
    gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "dim-label");
  lda_window_show_contrasts (self, result->contrasts);

  g_debug ("frame %u shown: thresholds %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
           ", %u live, %u dead; pipeline %.1f ms%s, rendering %.1f ms",
           result->frame, result->threshold[0], result->threshold[1], result->threshold[2],
           result->counts->live, result->counts->dead,
           result->run_us / 1000.0, result->exact ? "" : " (split carried)",
           result->render_us / 1000.0);

  lda_window_set_frame_counts (self, result->frame, lda_window_edit_counts (self, result));
  lda_window_schedule_counts (self);
  /* The values and the nucleus under a still pointer are the new ones. */
  lda_window_update_status (self);
}

static void
on_runner_failed (LdaPipelineRunner *runner,
                  gboolean           loading,
                  GError            *error,
                  LdaWindow         *self)
{
  g_autofree char *message = NULL;

  if (loading && lda_window_open_failed (self, error))
    return;

  if (loading)
    {
      LdaRunResult *current = lda_pipeline_runner_get_result (runner);

      message = g_strdup_printf (_("Cannot open this time point: %s"), error->message);

      /* Stay on the frame that is shown. */
      if (current != NULL && self->series != NULL &&
          current->frame < lda_series_get_n_frames (self->series))
        {
          self->frame = current->frame;
          if (self->frame < self->frame_buttons->len)
            gtk_toggle_button_set_active (g_ptr_array_index (self->frame_buttons, self->frame),
                                          TRUE);
          lda_window_reveal_frame (self);
          lda_fraction_plot_set_current (self->fraction_plot, self->frame);
          lda_window_set_panels_params (self, &current->params);
          lda_window_update_override_display (self);
          lda_window_update_titles (self);
          lda_window_update_actions (self);
        }
    }
  else
    message = g_strdup_printf (_("Segmentation failed: %s"), error->message);

  lda_window_post_message (self, LDA_MESSAGE_TOPIC_FRAME, LDA_MESSAGE_ERROR, message);
}

/* The person moved a control: the document records the change (one undo
 * step per control moved) and tells the window, which segments again
 * (lda-window-document.c, on_params_changed). */
static void
on_panel_changed (LdaChannelPanel *panel,
                  LdaWindow       *self)
{
  LdaParams params;

  if (self->updating_panels || self->document == NULL)
    return;

  /* The person goes on with what is shown, not with what is opening. */
  lda_window_drop_opening (self);

  /* The panels set the fields they have controls for; the method, the
   * saturation and the nucleus parameters stay as the document has them. */
  params = *lda_document_get_params (self->document, self->frame);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_panel_get_params (self->channel_panels[c], &params.channel[c]);

  /* A read-only project keeps its parameters: put the controls back. */
  if (!lda_document_set_params (self->document, self->frame, &params))
    lda_window_set_panels_params (self, lda_document_get_params (self->document, self->frame));
}

/* Status line */

/* Panes */

/* Window state */

static gboolean
lda_window_close_request (GtkWindow *window)
{
  LdaWindow *self = LDA_WINDOW (window);
  int width, height;

  /* Nothing the person did is lost by closing, and the next opening
   * starts where the person left off.  What cannot be saved keeps the
   * window open, unless the person says to close it anyway. */
  lda_window_remember_view (self);
  if (!lda_window_may_close (self))
    return TRUE;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (lda_window_parent_class)->close_request (window);
}

/* Accessors for the tests and the benchmark */

LdaSeries *
lda_window_get_series (LdaWindow *self)
{
  return self->series;
}

guint
lda_window_get_frame (LdaWindow *self)
{
  return self->frame;
}

LdaPipelineRunner *
lda_window_get_runner (LdaWindow *self)
{
  return self->runner;
}

GtkWidget *
lda_window_get_channel_panel (LdaWindow  *self,
                              LdaChannel  channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return GTK_WIDGET (self->channel_panels[channel]);
}

/**
 * lda_window_get_document:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the document shown
 */
LdaDocument *
lda_window_get_document (LdaWindow *self)
{
  return self->document;
}

/**
 * lda_window_save_now:
 * @self: a window
 * @error: return location for an error
 *
 * Writes whatever is unsaved, now.
 *
 * Returns: %TRUE if everything was written
 */
gboolean
lda_window_save_now (LdaWindow  *self,
                     GError    **error)
{
  return self->document == NULL || lda_document_save_now (self->document, error);
}

gboolean
lda_window_save_pending (LdaWindow *self)
{
  return self->document != NULL && lda_document_is_saving (self->document);
}

/**
 * lda_window_get_project_folder:
 * @self: a window
 *
 * Returns: (nullable): where the document shown is saved
 */
const char *
lda_window_get_project_folder (LdaWindow *self)
{
  if (self->document == NULL || lda_document_is_read_only (self->document))
    return NULL;

  return lda_document_get_location (self->document)->folder;
}

LdaImage *
lda_window_get_merged (LdaWindow *self)
{
  return self->merged;
}

const LdaCounts *
lda_window_get_counts (LdaWindow *self)
{
  LdaRunResult *result = lda_pipeline_runner_get_result (self->runner);

  return result != NULL ? lda_window_edit_counts (self, result) : NULL;
}

GtkWidget *
lda_window_get_view (LdaWindow *self,
                     LdaPane    pane)
{
  g_return_val_if_fail (pane > LDA_PANE_ALL && pane < LDA_N_PANES, NULL);

  return GTK_WIDGET (self->views[pane]);
}

static void
lda_window_dispose (GObject *object)
{
  LdaWindow *self = LDA_WINDOW (object);

  lda_window_cancel_counts (self);
  lda_window_stroke_end (self);
  lda_window_hide_hint (self);
  lda_window_panes_dispose (self);
  if (self->document != NULL)
    {
      lda_window_document_disconnect (self);
      lda_document_close (self->document);
      g_clear_object (&self->document);
      self->series = NULL;
    }
  lda_window_document_finalize (self);
  lda_window_leave_finalize (self);
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  g_clear_object (&self->runner);

  gtk_widget_dispose_template (GTK_WIDGET (self), LDA_TYPE_WINDOW);

  G_OBJECT_CLASS (lda_window_parent_class)->dispose (object);
}

static void
lda_window_finalize (GObject *object)
{
  LdaWindow *self = LDA_WINDOW (object);

  g_clear_pointer (&self->frame_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->count_failed, g_byte_array_unref);
  g_clear_pointer (&self->quiet_tooltips, g_ptr_array_unref);
  lda_window_edit_finalize (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lda_window_parent_class)->finalize (object);
}

static void
lda_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LdaWindow *self = LDA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      g_value_set_string (value, lda_window_edit_get_tool (self));
      break;
    case PROP_PAINT_CLASS:
      g_value_set_int (value, self->paint_class);
      break;
    case PROP_SIDE_BAR_VISIBLE:
      g_value_set_boolean (value, self->side_bar_visible);
      break;
    case PROP_SCALE_BAR_VISIBLE:
      g_value_set_boolean (value, self->scale_bar_visible);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LdaWindow *self = LDA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TOOL:
      lda_window_edit_set_tool (self, g_value_get_string (value));
      break;
    case PROP_PAINT_CLASS:
      lda_window_edit_set_paint_class (self, g_value_get_int (value));
      break;
    case PROP_SIDE_BAR_VISIBLE:
      if (self->side_bar_visible != g_value_get_boolean (value))
        {
          self->side_bar_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SCALE_BAR_VISIBLE:
      if (self->scale_bar_visible != g_value_get_boolean (value))
        {
          self->scale_bar_visible = g_value_get_boolean (value);
          for (guint p = 0; p < LDA_N_PANES; p++)
            if (self->scale_bars[p] != NULL)
              gtk_widget_set_visible (self->scale_bars[p], self->scale_bar_visible);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_window_class_init (LdaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lda_window_dispose;
  object_class->finalize = lda_window_finalize;
  object_class->get_property = lda_window_get_property;
  object_class->set_property = lda_window_set_property;

  /**
   * LdaWindow:tool:
   *
   * The correction tool in hand: "view" (none), "brush", "eraser", "fill",
   * "picker", "toggle" or "delete".
   */
  properties[PROP_TOOL] =
    g_param_spec_string ("tool", NULL, NULL, "view",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LdaWindow:paint-class:
   *
   * The class the tools paint, 0–4.
   */
  properties[PROP_PAINT_CLASS] =
    g_param_spec_int ("paint-class", NULL, NULL, 0, 4, 1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LdaWindow:side-bar-visible:
   *
   * Whether the parameters' side bar is shown (F9).
   */
  properties[PROP_SIDE_BAR_VISIBLE] =
    g_param_spec_boolean ("side-bar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LdaWindow:scale-bar-visible:
   *
   * Whether the panes show a scale bar (for calibrated data; Ctrl+Shift+B).
   */
  properties[PROP_SCALE_BAR_VISIBLE] =
    g_param_spec_boolean ("scale-bar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "win.scale-bar", "scale-bar-visible");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_B,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.scale-bar", NULL);
  window_class->close_request = lda_window_close_request;

  g_type_ensure (LDA_TYPE_IMAGE_VIEW);
  g_type_ensure (LDA_TYPE_FRACTION_PLOT);
  g_type_ensure (LDA_TYPE_MESSAGE_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, message_bar);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, project_bar);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, project_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, damage_button);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, pane_grid);
  gtk_widget_class_bind_template_child_full (widget_class, "composite_pane", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, panes[LDA_PANE_COMPOSITE]));
  gtk_widget_class_bind_template_child_full (widget_class, "fluorescence_pane", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, panes[LDA_PANE_FLUORESCENCE]));
  gtk_widget_class_bind_template_child_full (widget_class, "sobel_pane", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, panes[LDA_PANE_SOBEL]));
  gtk_widget_class_bind_template_child_full (widget_class, "segmented_pane", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, panes[LDA_PANE_SEGMENTED]));
  gtk_widget_class_bind_template_child_full (widget_class, "composite_view", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, views[LDA_PANE_COMPOSITE]));
  gtk_widget_class_bind_template_child_full (widget_class, "fluorescence_view", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, views[LDA_PANE_FLUORESCENCE]));
  gtk_widget_class_bind_template_child_full (widget_class, "sobel_view", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, views[LDA_PANE_SOBEL]));
  gtk_widget_class_bind_template_child_full (widget_class, "segmented_view", FALSE,
                                             G_STRUCT_OFFSET (LdaWindow, views[LDA_PANE_SEGMENTED]));
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, strip_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, series_slot);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, frame_scroller);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, frame_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, fraction_plot);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, scope_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, tool_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, class_label);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, series_toggle);
  for (guint i = 0; i <= LDA_N_INPUTS; i++)
    {
      g_autofree char *low = g_strdup_printf ("contrast_low_%u", i);
      g_autofree char *high = g_strdup_printf ("contrast_high_%u", i);

      gtk_widget_class_bind_template_child_full (widget_class, low, FALSE,
                                                 G_STRUCT_OFFSET (LdaWindow, contrast_low) +
                                                 i * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, high, FALSE,
                                                 G_STRUCT_OFFSET (LdaWindow, contrast_high) +
                                                 i * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, frame_toggle);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, panels_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, opacity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, recent_menu);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_scope_toggled",
                                                G_CALLBACK (lda_window_on_scope_toggled));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_contrast_changed",
                                                G_CALLBACK (lda_window_on_contrast_changed));

  lda_window_install_actions (widget_class);
  lda_window_auto_install (widget_class);
  lda_window_params_class_init (widget_class);
  lda_window_time_class_init (widget_class);
  lda_window_import_class_init (widget_class);
  lda_window_edit_class_init (widget_class);
}

static void
lda_window_init (LdaWindow *self)
{
  self->side_bar_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->frame_buttons = g_ptr_array_new ();
  self->count_failed = g_byte_array_new ();
  self->pointer_x = self->pointer_y = -1;
  self->hover_object = -1;
  self->settings = lda_application_new_settings ();
  self->runner = lda_pipeline_runner_new ();
  g_signal_connect (self->runner, "updated", G_CALLBACK (on_runner_updated), self);
  g_signal_connect (self->runner, "failed", G_CALLBACK (on_runner_failed), self);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      GtkWidget *panel = lda_channel_panel_new (c);

      self->channel_panels[c] = LDA_CHANNEL_PANEL (panel);
      g_signal_connect (panel, "changed", G_CALLBACK (on_panel_changed), self);
      gtk_box_append (self->panels_box, panel);
    }
  lda_window_auto_init (self);
  lda_window_panels_init (self);
  /* Nothing open yet (or an open that fails): the panels show what a new
   * project starts from, as the preset drop-down says. */
  {
    LdaParams defaults;

    lda_params_init (&defaults);
    lda_window_set_panels_params (self, &defaults);
  }

  lda_window_panes_init (self);
  lda_window_edit_init (self);
  lda_window_mouse_init (self);
  lda_window_strip_init (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  lda_window_setup_drop (self);
  lda_window_setup_side_bar (self);
  lda_window_update_recent (self);
  lda_window_update_actions (self);
}
