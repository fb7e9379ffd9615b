/* test-messages.c — the message bar above the panes: what kind of
 * message it shows, and for how long
 *
 * Runs under Xvfb (tests/app/meson.build).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-window.h"
#include "ui-test-util.h"

static gboolean have_display;

static void
copy_file (const char *channel,
           const char *dir,
           const char *name,
           gboolean    truncate)
{
  g_autofree char *sample = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channel);
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", sample, NULL);
  g_autofree char *to = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (to, data, truncate ? (gssize) (length / 2) : (gssize) length,
                                      NULL));
}

/* well_t1 and well_t3 are good, well_t2's Draq7 image is cut short, and
 * well_t4 has no Draq7 image at all. */
static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lda-messages-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint t = 1; t <= 3; t++)
    {
      g_autofree char *bf = g_strdup_printf ("well_t%u_bf.tif", t);
      g_autofree char *ho = g_strdup_printf ("well_t%u_hoechst.tif", t);
      g_autofree char *dr = g_strdup_printf ("well_t%u_draq7.tif", t);

      copy_file ("bf", dir, bf, FALSE);
      copy_file ("hoechst", dir, ho, FALSE);
      copy_file ("draq7", dir, dr, t == 2);
    }
  copy_file ("bf", dir, "well_t4_bf.tif", FALSE);
  copy_file ("hoechst", dir, "well_t4_hoechst.tif", FALSE);

  return dir;
}

static gboolean
in_message_bar (GtkWidget *widget,
                gpointer   type)
{
  for (GtkWidget *bar = widget; bar != NULL; bar = gtk_widget_get_parent (bar))
    if (gtk_widget_has_css_class (bar, "lda-message"))
      return lda_test_is_type (widget, type);

  return FALSE;
}

/* The icon the message bar shows. */
static const char *
message_icon (LdaWindow *window)
{
  GtkWidget *image = lda_test_find (GTK_WIDGET (window), in_message_bar,
                                    GSIZE_TO_POINTER (GTK_TYPE_IMAGE));

  g_assert_nonnull (image);
  g_assert_true (gtk_widget_is_drawable (image));
  return gtk_image_get_icon_name (GTK_IMAGE (image));
}

static gboolean
is_button_labelled (GtkWidget *widget,
                           gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_sensitive (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* A finished export is news, not a warning: the message says so with
 * the information icon. */
static void
test_export_success_is_information (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWidget *dialog = NULL;
  GtkWidget *button;
  GListModel *toplevels = gtk_window_get_toplevels ();
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-messages");
  window = lda_test_window_new_sized (1280, 800);
  lda_test_open_folder (window, dir);
  g_assert_null (lda_window_get_message (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != GTK_WIDGET (window))
        dialog = toplevel;
    }
  g_assert_nonnull (dialog);
  button = lda_test_find (dialog, is_button_labelled, (gpointer) "_Export");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  while (g_list_model_get_n_items (toplevels) > 1)
    g_main_context_iteration (NULL, TRUE);
  lda_test_settle (window);

  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Exported to "));
  g_assert_cmpstr (message_icon (window), ==, "dialog-information-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* "Cannot open this time point" is about the time point that could not
 * be opened: it goes once a good one is shown, and what is still true
 * (a triple of the folder was skipped) is shown again. */
static void
test_frame_error_goes_with_good_frame (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *skipped = NULL;
  LdaWindow *window;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_folder ();
  window = lda_test_window_new_sized (1280, 800);
  lda_test_open_folder (window, dir);
  g_assert_cmpuint (lda_series_get_n_frames (lda_window_get_series (window)), ==, 3);
  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "skipped"));
  skipped = g_strdup (message);
  g_assert_cmpstr (message_icon (window), ==, "dialog-warning-symbolic");

  lda_window_set_frame (window, 1);
  lda_test_wait_for_result (window);
  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Cannot open this time point"));
  g_assert_cmpstr (message_icon (window), ==, "dialog-error-symbolic");
  g_assert_cmpuint (lda_window_get_frame (window), ==, 0);

  lda_window_set_frame (window, 2);
  lda_test_wait_for_result (window);
  g_assert_cmpuint (lda_window_get_frame (window), ==, 2);
  g_assert_cmpstr (lda_window_get_message (window), ==, skipped);
  g_assert_cmpstr (message_icon (window), ==, "dialog-warning-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* What could not be opened is an error, whether the folder is found
 * wanting at once or a frame of it only once it is read; what was open
 * stays, and so does its message's place. */
static void
test_failed_open_is_error (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *missing = NULL;
  LdaWindow *window;
  g_autoptr(GFile) nowhere = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-messages");
  window = lda_test_window_new_sized (1280, 800);
  lda_test_open_folder (window, dir);
  g_assert_null (lda_window_get_message (window));

  /* A folder that is not there. */
  missing = g_build_filename (dir, "no such folder", NULL);
  nowhere = g_file_new_for_path (missing);
  g_assert_false (lda_window_open (window, &nowhere, 1, FALSE));
  lda_test_settle (window);
  g_assert_nonnull (lda_window_get_message (window));
  g_assert_cmpstr (message_icon (window), ==, "dialog-error-symbolic");

  /* A triple whose Hoechst image is not a TIFF at all. */
  bad = g_build_filename (dir, "broken_hoechst.tif", NULL);
  g_assert_true (g_file_set_contents (bad, "II*\0garbage, not a TIFF at all", 30, NULL));
  {
    g_autofree char *bf = g_build_filename (dir, LDA_TEST_SAMPLE "_bf.tif", NULL);
    g_autofree char *dr = g_build_filename (dir, LDA_TEST_SAMPLE "_draq7.tif", NULL);
    GFile *files[3] = { g_file_new_for_path (bf), g_file_new_for_path (bad), g_file_new_for_path (dr) };

    lda_window_open (window, files, 3, FALSE);
    for (guint i = 0; i < 3; i++)
      g_object_unref (files[i]);
  }
  lda_test_wait_for_result (window);
  g_assert_nonnull (strstr (lda_window_get_message (window), "broken_hoechst.tif"));
  g_assert_cmpstr (message_icon (window), ==, "dialog-error-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/messages/export-success-is-information", test_export_success_is_information);
  g_test_add_func ("/messages/frame-error-goes-with-good-frame",
                   test_frame_error_goes_with_good_frame);

  g_test_add_func ("/messages/failed-open-is-error", test_failed_open_is_error);

  return g_test_run ();
}
