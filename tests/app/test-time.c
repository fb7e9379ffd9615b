/* test-time.c — Time Between Frames… for files that do not say when their
 * frames were taken
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-interval-dialog.h"
#include "lda-test-lib.h"
#include "lda-time-store.h"
#include "lda-window-private.h"
#include "ui-test-util.h"

static gboolean have_display;

/* Whether @widget has the shortcut Escape → window.close. */
static gboolean
closes_on_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_strcmp0 (trigger, "Escape") == 0 && strstr (action, "window.close") != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_interval (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) reopened = NULL;
  LdaIntervalDialog *dialog;
  LdaWindow *window;
  LdaSeries *series;
  double kept = 0.0;
  int width = 0, wider = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_two_time_points ("lda-time");
  base = g_path_get_basename (dir);
  window = lda_test_window_new ();
  lda_test_open_folder (window, dir);
  series = lda_window_get_series (window);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  g_assert_false (lda_window_series_has_hours (window));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-interval", NULL));

  /* Not a time: Set does nothing, and the reason shown wraps rather
   * than widening the dialog as it is typed. */
  dialog = lda_window_ask_interval (window);
  g_assert_true (closes_on_escape (GTK_WIDGET (dialog)));
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  lda_interval_dialog_set_text (dialog, "soon");
  g_assert_false (lda_interval_dialog_set (dialog));
  g_assert_false (lda_window_series_has_hours (window));
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &wider, NULL, NULL);
  g_assert_cmpint (wider, ==, width);

  /* A decimal comma, as German writes it. */
  lda_interval_dialog_set_text (dialog, "1,5 h");
  g_assert_true (lda_interval_dialog_set (dialog));
  g_assert_true (lda_window_series_has_hours (window));
  g_assert_cmpfloat_with_epsilon (lda_window_frame_time (window, 1), 1.5, 1e-9);

  /* Kept with the project, where the series and the command find it. */
  g_assert_true (lda_time_store_load (dir, lda_series_get_name (series), &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (kept, 1.5, 1e-9);
  g_assert_cmpstr (lda_series_get_name (series), ==, base);
  reopened = lda_series_new_from_folder (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (reopened, 1)->time_hours, 1.5, 1e-9);
  g_assert_false (lda_series_get_frame (reopened, 1)->has_file_time);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Micro-Manager metadata too damaged to give the times: the frames by
 * their index, and a warning that names the file. */
static void
test_damaged_metadata (void)
{
  static const char * const channels[] = { "BF", "DAPI", "Cy5" };
  static const char * const tags[] = { "bf", "hoechst", "draq7" };
  g_autofree char *dir = NULL;
  g_autofree char *pos = NULL;
  g_autofree char *metadata = NULL;
  LdaWindow *window;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_tmp_dir ("lda-time-mm");
  pos = g_build_filename (dir, "Pos0", NULL);
  g_assert_cmpint (g_mkdir (pos, 0755), ==, 0);
  for (guint t = 0; t < 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *from = lda_test_sample_file (tags[c]);
        g_autofree char *name = g_strdup_printf ("img_%09u_%s_000.tif", t, channels[c]);
        g_autofree char *to = g_build_filename (pos, name, NULL);
        g_autofree char *contents = NULL;
        gsize len;

        g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
        g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
      }
  metadata = g_build_filename (pos, "metadata.txt", NULL);
  g_assert_true (g_file_set_contents (metadata, "{\"Summary\": {\"Frames\": ", -1, NULL));

  window = lda_test_window_new ();
  lda_test_open_folder (window, dir);
  g_assert_cmpuint (lda_series_get_n_frames (lda_window_get_series (window)), ==, 2);
  g_assert_false (lda_window_series_has_hours (window));
  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, metadata));

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  have_display = gtk_init_check ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/interval", test_interval);
  g_test_add_func ("/time/damaged-metadata", test_damaged_metadata);

  return g_test_run ();
}
