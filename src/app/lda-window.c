/* lda-window.c — the main window: four panes, the parameters, the frames
 *
 * The window shows what the runner computes and sends it what the person
 * changes; it knows nothing of how segmentation works beyond the core's
 * API.  Actions, opening and drag and drop are in lda-window-actions.c.
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

static const char * const pane_names[LDA_N_PANES] = {
  "grid", "composite", "fluorescence", "sobel", "segmented",
};

LdaWindow *
lda_window_new (LdaApplication *app)
{
  return g_object_new (LDA_TYPE_WINDOW, "application", app, NULL);
}

/* Messages */

/**
 * lda_window_show_message:
 * @self: a window
 * @message: (nullable): a warning, or %NULL to remove every message
 *
 * Shows a warning above the panes; what was open stays open.
 */
void
lda_window_show_message (LdaWindow  *self,
                         const char *message)
{
  if (message != NULL)
    lda_message_bar_post (self->message_bar, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_WARNING,
                          message);
  else
    lda_message_bar_clear (self->message_bar);
}

const char *
lda_window_get_message (LdaWindow *self)
{
  return lda_message_bar_get_text (self->message_bar);
}

/**
 * lda_window_get_project_message:
 * @self: a window
 *
 * Returns: (nullable): what the bar about the project's state says (a
 *   save that failed, a read-only project, damaged corrections), if shown
 */
const char *
lda_window_get_project_message (LdaWindow *self)
{
  if (!gtk_widget_get_visible (self->project_bar))
    return NULL;

  return gtk_label_get_text (self->project_label);
}

/* Frames */

void
lda_window_update_frame_button (LdaWindow *self,
                                guint      index)
{
  LdaFrame *frame = lda_series_get_frame (self->series, index);
  GtkWidget *button = g_ptr_array_index (self->frame_buttons, index);
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (isfinite (frame->time_hours))
    /* Translators: a frame's time in hours, on its button */
    label = g_strdup_printf (_("%s h%s"), lda_window_format_hours (frame->time_hours),
                             frame->has_override ? " *" : "");
  else
    label = g_strdup_printf ("t%u%s", frame->time_index, frame->has_override ? " *" : "");
  gtk_button_set_label (GTK_BUTTON (button), label);

  tooltip = g_strdup_printf (_("%s — time %u, %s%s%s"), frame->title, frame->time_index,
                             lda_frame_state_label (frame->state),
                             frame->has_override ? _(", own parameters") : "",
                             frame->has_counts ? "" : _(", not segmented yet"));
  gtk_widget_set_tooltip_text (button, tooltip);

  gtk_widget_remove_css_class (button, "edited");
  gtk_widget_remove_css_class (button, "exported");
  gtk_widget_remove_css_class (button, "damaged");
  if (frame->state != LDA_FRAME_AUTOMATIC)
    gtk_widget_add_css_class (button, lda_frame_state_name (frame->state));
  if (lda_document_frame_is_damaged (self->document, index))
    gtk_widget_add_css_class (button, "damaged");
}

static void
on_frame_button_toggled (GtkToggleButton *button,
                         LdaWindow       *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "frame"));

  if (gtk_toggle_button_get_active (button) && index != self->frame)
    lda_window_set_frame (self, index);
}

static void
rebuild_frame_strip (LdaWindow *self)
{
  GtkWidget *child;
  GtkToggleButton *group = NULL;
  guint n = lda_series_get_n_frames (self->series);
  gboolean has_chooser;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->frame_box))) != NULL)
    gtk_box_remove (self->frame_box, child);
  g_ptr_array_set_size (self->frame_buttons, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      gtk_widget_add_css_class (button, "lda-frame-button");
      g_object_set_data (G_OBJECT (button), "frame", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == self->frame);
      g_signal_connect (button, "toggled", G_CALLBACK (on_frame_button_toggled), self);
      gtk_box_append (self->frame_box, button);
      g_ptr_array_add (self->frame_buttons, button);
      lda_window_update_frame_button (self, i);
    }
  has_chooser = lda_window_add_series_chooser (self);

  gtk_widget_set_visible (GTK_WIDGET (self->frame_scroller), n > 1 || has_chooser);
  gtk_widget_set_visible (self->scope_box, n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->fraction_plot), n > 1);
  lda_fraction_plot_set_n_points (self->fraction_plot, n);
  lda_fraction_plot_set_time_title (self->fraction_plot,
                                    lda_window_series_has_hours (self) ? _("time (h)") : NULL);
  for (guint i = 0; i < n; i++)
    {
      LdaFrame *frame = lda_series_get_frame (self->series, i);

      lda_fraction_plot_set_time (self->fraction_plot, i, lda_window_frame_time (self, i));
      if (frame->has_counts)
        lda_fraction_plot_set_point (self->fraction_plot, i, lda_window_frame_time (self, i),
                                     frame->dead_fraction);
    }
}

static void
set_panels_params (LdaWindow       *self,
                   const LdaParams *params)
{
  self->updating_panels = TRUE;
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_panel_set_params (self->channel_panels[c], &params->channel[c]);
  lda_nucleus_panel_set_params (self->nucleus_panel, params);
  self->updating_panels = FALSE;
}

static void
update_override_display (LdaWindow *self)
{
  LdaFrame *frame = lda_series_get_frame (self->series, self->frame);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_panel_set_overridden (self->channel_panels[c], frame->has_override);

  self->updating_panels = TRUE;
  gtk_toggle_button_set_active (frame->has_override ? self->frame_toggle : self->series_toggle,
                                TRUE);
  self->updating_panels = FALSE;
}

/* "All frames" / "This frame": give the current frame parameters of its
 * own (starting from the series'), or drop them; one undoable step. */
static void
on_scope_toggled (GtkToggleButton *button,
                  LdaWindow       *self)
{
  gboolean own = gtk_toggle_button_get_active (self->frame_toggle);

  if (self->updating_panels || self->document == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (!lda_document_set_own_params (self->document, self->frame, own))
    update_override_display (self);
}

/**
 * lda_window_show_params:
 * @self: a window
 *
 * The parameters of the frame shown changed (the person, an undo):
 * shows them and segments the frame with them.
 */
void
lda_window_show_params (LdaWindow *self)
{
  const LdaParams *params = lda_document_get_params (self->document, self->frame);

  set_panels_params (self, params);
  update_override_display (self);
  lda_pipeline_runner_set_params (self->runner, params);
}

static void
update_titles (LdaWindow *self)
{
  LdaFrame *frame = lda_series_get_frame (self->series, self->frame);
  guint n = lda_series_get_n_frames (self->series);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->title_label, frame->title);
  if (n > 1 && isfinite (frame->time_hours))
    subtitle = g_strdup_printf (_("%s — time point %u of %u (%s h)"),
                                lda_series_get_name (self->series), self->frame + 1, n,
                                lda_window_format_hours (frame->time_hours));
  else if (n > 1)
    subtitle = g_strdup_printf (_("%s — time point %u of %u (t = %u)"),
                                lda_series_get_name (self->series), self->frame + 1, n,
                                frame->time_index);
  else
    subtitle = g_strdup (self->is_sample ? _("Bundled sample") : lda_series_get_folder (self->series));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

/**
 * lda_window_set_frame:
 * @self: a window
 * @frame: a frame of the open series
 *
 * Loads and segments a time point; the current one stays shown until the
 * new one is ready, and stays if it cannot be loaded.
 */
void
lda_window_set_frame (LdaWindow *self,
                      guint      frame)
{
  LdaFrame *f;

  g_return_if_fail (self->series != NULL);
  g_return_if_fail (frame < lda_series_get_n_frames (self->series));

  /* A stroke belongs to the frame it started on. */
  lda_window_stroke_end (self);
  lda_window_cancel_counts (self);
  lda_window_drop_opening (self);
  self->frame = frame;
  f = lda_series_get_frame (self->series, frame);

  if (frame < self->frame_buttons->len)
    gtk_toggle_button_set_active (g_ptr_array_index (self->frame_buttons, frame), TRUE);
  lda_fraction_plot_set_current (self->fraction_plot, frame);

  set_panels_params (self, lda_document_get_params (self->document, frame));
  update_override_display (self);
  update_titles (self);
  lda_window_update_actions (self);
  lda_window_edit_update_undo (self);

  lda_pipeline_runner_load (self->runner, frame, f->triple, f->page,
                            lda_document_get_params (self->document, frame));
}

/**
 * lda_window_set_document:
 * @self: a window
 * @document: what to show, its frame @frame already loaded by the runner
 * @frame: that frame
 *
 * Switches the window to @document: the previous one is saved and closed.
 */
void
lda_window_set_document (LdaWindow   *self,
                         LdaDocument *document,
                         guint        frame)
{
  LdaSeries *series = lda_document_get_series (document);
  GPtrArray *problems = lda_series_get_problems (series);
  GPtrArray *notices = lda_document_get_notices (document);

  lda_window_stroke_end (self);
  lda_window_cancel_counts (self);
  if (self->document != NULL)
    {
      lda_window_remember_view (self);
      lda_window_document_disconnect (self);
      lda_document_close (self->document);
    }
  g_set_object (&self->document, document);
  self->series = series;
  self->frame = frame;
  self->is_sample = lda_document_is_sample (document);
  lda_window_document_connect (self);
  lda_window_edit_reset (self);
  g_byte_array_set_size (self->count_failed, 0);
  g_byte_array_set_size (self->count_failed, lda_series_get_n_frames (series));
  memset (self->count_failed->data, 0, self->count_failed->len);

  lda_window_show_message (self, NULL);
  rebuild_frame_strip (self);
  lda_fraction_plot_set_current (self->fraction_plot, frame);
  set_panels_params (self, lda_document_get_params (document, frame));
  update_override_display (self);
  update_titles (self);
  lda_window_update_actions (self);
  lda_window_edit_update_undo (self);
  lda_window_show_save_state (self);

  for (guint i = 0; i < notices->len; i++)
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_LOCATION, LDA_MESSAGE_INFO,
                             g_ptr_array_index (notices, i));
  if (problems->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("%u triple of this folder was skipped: %s",
                                   "%u triples of this folder were skipped; the first: %s",
                                   problems->len),
                         problems->len, (const char *) g_ptr_array_index (problems, 0));

      lda_window_post_message (self, LDA_MESSAGE_TOPIC_SKIPPED, LDA_MESSAGE_WARNING, message);
    }
}

/**
 * lda_window_open:
 * @self: a window
 * @files: (array length=n_files): a folder, the three images of a triple,
 *   or one image: a multi-channel file, or a file whose siblings hold the
 *   other channels
 * @n_files: how many
 * @is_sample: whether this is the bundled sample
 *
 * Opens what the person chose.  If it cannot be used, a message names the
 * file and the problem and what was open stays open.
 *
 * Returns: %TRUE if it was opened
 */
gboolean
lda_window_open (LdaWindow *self,
                 GFile    **files,
                 guint      n_files,
                 gboolean   is_sample)
{
  g_autoptr(GError) error = NULL;
  LdaSeries *series = NULL;
  GFile *recent = NULL;

  if (n_files == 1 && g_file_query_file_type (files[0], G_FILE_QUERY_INFO_NONE, NULL)
                      == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *path = g_file_get_path (files[0]);

      series = lda_series_new_from_folder (path, &error);
      if (!is_sample)
        recent = files[0];
    }
  else
    {
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (paths, g_file_get_path (files[i]));
      series = lda_series_new_from_files ((const char * const *) paths->pdata, paths->len,
                                          &error);
    }

  /* Channels that cannot be told by name: ask, then open. */
  if (series == NULL && n_files == 1 && g_error_matches (error, LDA_ERROR, LDA_ERROR_CHANNELS))
    {
      g_autofree char *path = g_file_get_path (files[0]);

      if (lda_window_ask_channels (self, path))
        return FALSE;
    }

  if (series == NULL)
    {
      lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_ERROR, error->message);
      return FALSE;
    }

  return lda_window_begin_open (self, series, is_sample, recent);
}

/* Results */

void
lda_window_show_counts (LdaWindow       *self,
                        const LdaCounts *counts)
{
  g_autofree char *markup = NULL;
  g_autofree char *cells = g_strdup_printf (ngettext ("%u cell, mean area %.0f px",
                                                      "%u cells, mean area %.0f px",
                                                      counts->n_objects),
                                            counts->n_objects, counts->mean_cell_area);
  double pixel_um = self->series != NULL && self->frame < lda_series_get_n_frames (self->series)
                    ? lda_series_get_frame (self->series, self->frame)->pixel_size_um : 0.0;

  for (guint p = 0; p < LDA_N_PANES; p++)
    if (self->scale_bars[p] != NULL)
      lda_scale_bar_set_pixel_size (LDA_SCALE_BAR (self->scale_bars[p]), pixel_um);

  /* Calibrated data: the area in µm² too; uncalibrated data say px only. */
  if (pixel_um > 0.0)
    {
      char *with_um = g_strdup_printf (_("%s (%.0f µm²)"), cells,
                                       counts->mean_cell_area * pixel_um * pixel_um);

      g_free (cells);
      cells = with_um;
    }

  markup = g_markup_printf_escaped (_("<b>%u</b> live · <b>%u</b> dead · dead fraction <b>%.3f</b>\n"
                                      "<small>%s</small>"),
                                    counts->live, counts->dead, counts->dead_fraction, cells);
  gtk_label_set_markup (self->counts_label, markup);
}

/* Contrast: the spin buttons show the windows in use; changing one
 * re-renders the panes, never the data the core sees. */
static void
show_contrasts (LdaWindow          *self,
                const LdaContrast  *contrasts)
{
  self->updating_contrast = TRUE;
  for (guint i = 0; i <= LDA_N_INPUTS; i++)
    {
      gtk_spin_button_set_value (self->contrast_low[i], contrasts[i].low);
      gtk_spin_button_set_value (self->contrast_high[i], contrasts[i].high);
    }
  self->updating_contrast = FALSE;
}

static void
on_contrast_changed (GtkSpinButton *spin,
                     LdaWindow     *self)
{
  if (self->updating_contrast)
    return;

  for (guint i = 0; i <= LDA_N_INPUTS; i++)
    if (spin == self->contrast_low[i] || spin == self->contrast_high[i])
      {
        LdaContrast contrast = {
          (guint) gtk_spin_button_get_value (self->contrast_low[i]),
          (guint) gtk_spin_button_get_value (self->contrast_high[i]),
        };

        if (contrast.high <= contrast.low)
          contrast.high = contrast.low + 1;
        lda_pipeline_runner_set_contrast (self->runner, i, &contrast);
      }
}

/**
 * lda_window_set_frame_counts:
 * @self: a window
 * @frame: a frame index
 * @counts: (nullable): its counts, or %NULL when they are out of date
 *
 * Records a frame's counts in the series, the plot and the frame strip.
 */
void
lda_window_set_frame_counts (LdaWindow       *self,
                             guint            frame,
                             const LdaCounts *counts)
{
  LdaFrame *f = lda_series_get_frame (self->series, frame);

  lda_series_set_frame_counts (self->series, frame, counts);
  if (counts != NULL)
    lda_fraction_plot_set_point (self->fraction_plot, frame, lda_window_frame_time (self, frame),
                                 f->dead_fraction);
  else
    lda_fraction_plot_clear_point (self->fraction_plot, frame);
  if (frame < self->frame_buttons->len)
    lda_window_update_frame_button (self, frame);
}

/**
 * lda_window_set_frame_state:
 * @self: a window
 * @frame: a frame index
 * @state: what has been done to its mask
 */
void
lda_window_set_frame_state (LdaWindow     *self,
                            guint          frame,
                            LdaFrameState  state)
{
  lda_series_get_frame (self->series, frame)->state = state;
  if (frame < self->frame_buttons->len)
    lda_window_update_frame_button (self, frame);
}

static void update_status (LdaWindow *self);

static void
on_runner_updated (LdaPipelineRunner *runner,
                   LdaRunResult      *result,
                   LdaWindow         *self)
{
  lda_window_open_loaded (self, result);
  if (self->opening != NULL || self->series == NULL ||
      result->frame >= lda_series_get_n_frames (self->series))
    return;

  /* A good frame is shown: an earlier frame's failure is no longer news. */
  lda_window_withdraw_message (self, LDA_MESSAGE_TOPIC_FRAME);
  lda_image_view_set_image (self->views[LDA_PANE_COMPOSITE], result->composite_pixels,
                            result->width, result->height);
  lda_image_view_set_image (self->views[LDA_PANE_FLUORESCENCE], result->fluorescence_pixels,
                            result->width, result->height);
  lda_image_view_set_image (self->views[LDA_PANE_SOBEL], result->sobel_pixels,
                            result->width, result->height);
  lda_image_view_set_image (self->views[LDA_PANE_SEGMENTED], result->brightfield_pixels,
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
      };

      lda_channel_panel_set_result (self->channel_panels[c], &channel);
    }

  lda_window_restore_view (self);
  lda_window_edit_show (self, result);
  lda_window_show_counts (self, lda_window_edit_counts (self, result));
  show_contrasts (self, result->contrasts);

  g_debug ("frame %u shown: thresholds %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
           ", %u live, %u dead; pipeline %.1f ms, rendering %.1f ms",
           result->frame, result->threshold[0], result->threshold[1], result->threshold[2],
           result->counts->live, result->counts->dead,
           result->run_us / 1000.0, result->render_us / 1000.0);

  lda_window_set_frame_counts (self, result->frame, lda_window_edit_counts (self, result));
  lda_window_schedule_counts (self);
  /* The values and the nucleus under a still pointer are the new ones. */
  update_status (self);
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
          set_panels_params (self, &current->params);
          update_override_display (self);
          update_titles (self);
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
    set_panels_params (self, lda_document_get_params (self->document, self->frame));
}

/* Status line */

static void
update_status (LdaWindow *self)
{
  LdaRunResult *result = lda_pipeline_runner_get_result (self->runner);
  g_autofree char *text = NULL;
  g_autofree char *nucleus = NULL;
  guint x, y, klass;

  if (result == NULL || self->pointer_x < 0 || self->pointer_y < 0 ||
      self->pointer_x >= result->width || self->pointer_y >= result->height)
    {
      gtk_label_set_text (self->status_label, _("Point at the image to read its values"));
      lda_window_hover_clear (self);
      return;
    }

  x = (guint) self->pointer_x;
  y = (guint) self->pointer_y;
  /* The class as corrected: the automatic one only where nothing was painted. */
  klass = lda_image_get (self->merged != NULL ? self->merged : result->labels, x, y);
  text = g_strdup_printf (_("x %u  y %u   brightfield %u   Hoechst %u   Draq7 %u   Sobel %u   "
                            "class %u %s"),
                          x, y,
                          lda_image_get (result->inputs[LDA_INPUT_BRIGHTFIELD], x, y),
                          lda_image_get (result->inputs[LDA_INPUT_HOECHST], x, y),
                          lda_image_get (result->inputs[LDA_INPUT_DRAQ7], x, y),
                          lda_image_get (result->sobel, x, y),
                          klass, lda_class_label (klass));
  /* Where the pointer is in µm, for calibrated data only. */
  if (self->series != NULL && self->frame < lda_series_get_n_frames (self->series) &&
      lda_series_get_frame (self->series, self->frame)->pixel_size_um > 0.0)
    {
      double um = lda_series_get_frame (self->series, self->frame)->pixel_size_um;
      char *with_um = g_strdup_printf (_("%s   (%.1f µm, %.1f µm)"), text, x * um, y * um);

      g_free (text);
      text = with_um;
    }
  nucleus = lda_window_hover (self, result, x, y);
  /* Narrow, the pixel values give way: before the class, or after the
   * nucleus's evidence. */
  gtk_label_set_ellipsize (self->status_label,
                           nucleus != NULL ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_MIDDLE);
  if (nucleus != NULL)
    {
      /* First: a narrow window ellipsizes the pixel values between. */
      char *both = g_strconcat (nucleus, "   ", text, NULL);

      g_free (text);
      text = both;
    }
  gtk_label_set_text (self->status_label, text);
}

static void
on_pointer_moved (LdaImageView *view,
                  double        x,
                  double        y,
                  LdaWindow    *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  update_status (self);
}

/* Panes */

/**
 * lda_window_show_pane:
 * @self: a window
 * @pane: a pane to show alone, or %LDA_PANE_ALL
 */
void
lda_window_show_pane (LdaWindow *self,
                      LdaPane    pane)
{
  g_return_if_fail (pane < LDA_N_PANES);

  self->solo = pane;
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    gtk_widget_set_visible (self->panes[p], pane == LDA_PANE_ALL || pane == p);

  if (pane != LDA_PANE_ALL)
    gtk_widget_grab_focus (GTK_WIDGET (self->views[pane]));

  g_settings_set_string (self->settings, "pane-layout", pane_names[pane]);
  lda_window_update_actions (self);
}

LdaPane
lda_window_get_solo_pane (LdaWindow *self)
{
  return self->solo;
}

static LdaPane pane_from_name (const char *name);

/**
 * lda_window_get_pane_layout:
 * @self: a window
 *
 * Returns: the pane layout's name, as lda_window_restore_pane() takes it
 */
const char *
lda_window_get_pane_layout (LdaWindow *self)
{
  return pane_names[self->solo];
}

/**
 * lda_window_restore_pane:
 * @self: a window
 * @layout: a pane layout's name ("grid", "segmented", …)
 * @zoom: the zoom, or 0 to fit
 *
 * Brings back the panes as the person left them.
 */
void
lda_window_restore_pane (LdaWindow  *self,
                         const char *layout,
                         double      zoom)
{
  LdaImageView *view;

  lda_window_show_pane (self, pane_from_name (layout));
  view = self->views[self->solo == LDA_PANE_ALL ? LDA_PANE_COMPOSITE : self->solo];
  if (zoom > 0.0)
    lda_image_view_set_zoom (view, zoom);
  else
    lda_image_view_zoom_to_fit (view);
}

static void
on_toggle_solo (LdaImageView *view,
                LdaWindow    *self)
{
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    if (self->views[p] == view)
      lda_window_show_pane (self, self->solo == p ? LDA_PANE_ALL : (LdaPane) p);
}

static void
on_opacity_changed (GtkAdjustment *adjustment,
                    LdaWindow     *self)
{
  lda_image_view_set_overlay_opacity (self->views[LDA_PANE_SEGMENTED],
                                      gtk_adjustment_get_value (adjustment));
}

static void
build_legend (LdaWindow *self)
{
  for (guint k = LDA_CLASS_CELL; k < LDA_N_CLASSES; k++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (lda_class_label (k));
      g_autofree char *css_class = g_strdup_printf ("lda-class-%u", k);

      gtk_widget_add_css_class (swatch, "lda-swatch");
      gtk_widget_add_css_class (swatch, css_class);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (self->legend_box, box);
    }
}

/* Window state */

static gboolean
lda_window_close_request (GtkWindow *window)
{
  LdaWindow *self = LDA_WINDOW (window);
  g_autoptr(GError) error = NULL;
  int width, height;

  /* Nothing the person did is lost by closing, and the next opening
   * starts where the person left off. */
  lda_window_remember_view (self);
  if (!lda_window_save_now (self, &error))
    g_warning ("Could not save before closing: %s", error->message);

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
  if (self->document != NULL)
    {
      lda_window_document_disconnect (self);
      lda_document_close (self->document);
      g_clear_object (&self->document);
      self->series = NULL;
    }
  lda_window_document_finalize (self);
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
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, frame_scroller);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, frame_box);
  gtk_widget_class_bind_template_child (widget_class, LdaWindow, status_label);
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
  gtk_widget_class_bind_template_callback (widget_class, on_scope_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_contrast_changed);

  lda_window_install_actions (widget_class);
  lda_window_auto_install (widget_class);
  lda_window_params_class_init (widget_class);
  lda_window_import_class_init (widget_class);
  lda_window_edit_class_init (widget_class);
}

static LdaPane
pane_from_name (const char *name)
{
  for (guint p = 0; p < LDA_N_PANES; p++)
    if (g_str_equal (name, pane_names[p]))
      return p;

  return LDA_PANE_ALL;
}

static void
lda_window_init (LdaWindow *self)
{
  g_autofree char *layout = NULL;

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

  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      if (p != LDA_PANE_COMPOSITE)
        lda_image_view_bind (self->views[LDA_PANE_COMPOSITE], self->views[p]);
      g_signal_connect (self->views[p], "pointer-moved", G_CALLBACK (on_pointer_moved), self);
      g_signal_connect (self->views[p], "toggle-solo", G_CALLBACK (on_toggle_solo), self);
      self->scale_bars[p] = lda_scale_bar_new (self->views[p]);
      gtk_overlay_add_overlay (GTK_OVERLAY (self->panes[p]), self->scale_bars[p]);
    }
  self->scale_bar_visible = TRUE;

  build_legend (self);
  lda_window_edit_init (self);

  g_settings_bind (self->settings, "overlay-opacity", self->opacity_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect (self->opacity_adjustment, "value-changed", G_CALLBACK (on_opacity_changed), self);
  on_opacity_changed (self->opacity_adjustment, self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  layout = g_settings_get_string (self->settings, "pane-layout");
  self->solo = LDA_PANE_ALL;
  lda_window_show_pane (self, pane_from_name (layout));

  lda_window_setup_drop (self);
  lda_window_setup_side_bar (self);
  lda_window_update_recent (self);
  lda_window_update_actions (self);
}
