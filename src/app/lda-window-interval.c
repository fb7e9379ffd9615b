/* lda-window-interval.c — Time Between Frames…: hours for the frames of a
 * series whose files do not say when they were taken, kept with the
 * project
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-interval-dialog.h"
#include "lda-time-store.h"
#include "lda-window-private.h"

static void
interval_chosen (double   hours,
                 gpointer user_data)
{
  LdaWindow *self = LDA_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->series == NULL)
    return;

  lda_series_set_interval (self->series, hours);
  lda_window_rebuild_frame_strip (self);
  lda_window_update_titles (self);

  if (!lda_time_store_save (lda_series_get_folder (self->series),
                            lda_series_get_name (self->series), hours, &error))
    {
      /* Translators: %s is why, e.g. "permission denied" */
      message = g_strdup_printf (_("The time between frames is used, but could not be kept "
                                   "with the project: %s"), error->message);
      lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_ERROR, message);
      return;
    }

  message = g_strdup_printf (_("Frames are %s h apart; kept with the project"),
                             lda_window_format_hours (hours));
  lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_INFO, message);
}


/**
 * lda_window_ask_interval:
 * @self: a window with a series
 *
 * Shows the dialog that asks the time between frames.
 *
 * Returns: (transfer none): the dialog
 */
LdaIntervalDialog *
lda_window_ask_interval (LdaWindow *self)
{
  LdaIntervalDialog *dialog = lda_interval_dialog_new (GTK_WINDOW (self),
                                                       lda_series_get_interval (self->series),
                                                       interval_chosen, G_OBJECT (self));

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}


static void
interval_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  (void) action_name;
  (void) parameter;
  if (self->series != NULL && lda_series_has_untimed_frames (self->series))
    lda_window_ask_interval (self);
}


/**
 * lda_window_time_update_actions:
 * @self: a window
 *
 * Time Between Frames… is for a series of several frames whose files do
 * not say when they were taken.
 */
void
lda_window_time_update_actions (LdaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.frame-interval",
                                 self->series != NULL &&
                                 lda_series_get_n_frames (self->series) > 1 &&
                                 lda_series_has_untimed_frames (self->series));
}


void
lda_window_time_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.frame-interval", NULL, interval_action);
}
