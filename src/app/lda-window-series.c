/* lda-window-series.c — choosing the well or position of a folder that
 * holds several (Incucyte wells, Micro-Manager positions)
 *
 * A drop-down before the frame strip (not scrolled with it) lists them; choosing one
 * opens it as the window opens any series, with the channel map kept for
 * the folder.  Ctrl+Page Up and Ctrl+Page Down step to the previous and
 * the next (win.previous-series, win.next-series).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-window-private.h"

#define LDA_MESSAGE_TOPIC_SERIES_NOTES "series-notes"

/* The person chose another well or position: open it
 * (win.open-series, lda-window-open.c). */
static void
on_series_selected (GtkDropDown *drop_down,
                    GParamSpec  *pspec,
                    LdaWindow   *self)
{
  const char * const *all = lda_series_get_all_series (self->series);
  guint chosen = gtk_drop_down_get_selected (drop_down);

  (void) pspec;
  if (all == NULL || chosen >= g_strv_length ((char **) all) ||
      g_str_has_suffix (lda_series_get_name (self->series), all[chosen]))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-series", "s", all[chosen]);
}

/* The open well's place among the folder's, or -1: by the well its
 * triples say, not by the end of the series' name ("A1" ends "AA1"). */
static int
series_index (LdaWindow *self)
{
  const char * const *all = self->series != NULL ? lda_series_get_all_series (self->series)
                                                 : NULL;
  const char *well;

  if (all == NULL || lda_series_get_n_frames (self->series) == 0)
    return -1;
  well = lda_series_get_frame (self->series, 0)->triple->series;
  for (guint i = 0; all[i] != NULL; i++)
    if (g_strcmp0 (all[i], well) == 0)
      return (int) i;

  return -1;
}

static void
step_series (LdaWindow *self,
             int        step)
{
  const char * const *all = self->series != NULL ? lda_series_get_all_series (self->series)
                                                 : NULL;
  int i = series_index (self);

  if (all == NULL || i < 0 || i + step < 0 || (guint) (i + step) >= g_strv_length ((char **) all))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-series", "s", all[i + step]);
}

void
lda_window_previous_series_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  step_series (LDA_WINDOW (widget), -1);
}

void
lda_window_next_series_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  step_series (LDA_WINDOW (widget), 1);
}

/**
 * lda_window_series_update_actions:
 * @self: a window
 *
 * The previous and the next well can be opened when there is one.
 */
void
lda_window_series_update_actions (LdaWindow *self)
{
  const char * const *all = self->series != NULL ? lda_series_get_all_series (self->series)
                                                 : NULL;
  int i = series_index (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-series", i > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-series",
                                 all != NULL && i >= 0 &&
                                 (guint) i + 1 < g_strv_length ((char **) all));
}

/**
 * lda_window_add_series_chooser:
 * @self: a window
 *
 * Puts the chooser before the frame strip when the open series'
 * folder holds several wells or positions, and shows the series' notes
 * (lda_series_get_notes()).
 *
 * Returns: %TRUE if it did
 */
gboolean
lda_window_add_series_chooser (LdaWindow *self)
{
  const char * const *all = lda_series_get_all_series (self->series);
  g_auto(GStrv) notes = lda_series_get_notes (self->series);
  GtkWidget *drop_down;

  /* What was read all the same, e.g. Micro-Manager metadata too damaged
   * to give the frames' times. */
  if (notes[0] != NULL)
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_SERIES_NOTES, LDA_MESSAGE_WARNING, notes[0]);

  if (all == NULL)
    return FALSE;

  drop_down = gtk_drop_down_new_from_strings (all);
  gtk_widget_set_tooltip_text (drop_down, _("Well or position (Ctrl+Page Up, Ctrl+Page Down)"));
  for (guint i = 0; all[i] != NULL; i++)
    if (g_str_has_suffix (lda_series_get_name (self->series), all[i]))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
  g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_series_selected), self);
  gtk_box_append (self->series_slot, drop_down);

  return TRUE;
}
