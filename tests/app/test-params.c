/* test-params.c — Save Parameters… and Load Parameters… in the window
 *
 * Parameters set with the window's sliders, saved as Save Parameters…
 * saves them, and given to `livedead batch --params` give the mask the
 * window shows.  Loading them back is one undoable step.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-channel-panel.h"
#include "lda-channels.h"
#include "lda-error.h"
#include "lda-tiff.h"
#include "lda-window-private.h"

static gboolean have_display;

static LdaWindow *
open_sample_copy (const char *dir)
{
  LdaWindow *window = lda_test_window_new ();
  g_autofree char *bf = lda_test_sample_path (dir, "bf");
  g_autofree char *ho = lda_test_sample_path (dir, "hoechst");
  g_autofree char *dr = lda_test_sample_path (dir, "draq7");
  const char *paths[] = { bf, ho, dr };

  g_assert_true (lda_test_open (window, paths, 3));
  g_assert_nonnull (lda_window_get_document (window));
  return window;
}

static GtkAdjustment *
offset_of (LdaWindow  *window,
           LdaChannel  channel)
{
  return lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, channel)));
}

static void
test_save_then_batch (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *params = NULL;
  g_autofree char *out = NULL;
  g_autofree char *labels_path = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = NULL;
  LdaRunResult *result;
  LdaWindow *window;
  const char *argv[10];
  int status = -1;
  guint differ = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-params-batch");
  params = g_build_filename (dir, "parameters.ini", NULL);
  out = g_build_filename (dir, "out", NULL);
  window = open_sample_copy (dir);

  lda_document_set_merge_window (lda_window_get_document (window), 0);
  gtk_adjustment_set_value (offset_of (window, LDA_CHANNEL_HOECHST),
                            gtk_adjustment_get_value (offset_of (window, LDA_CHANNEL_HOECHST)) + 0.4);
  lda_test_wait (window);
  gtk_adjustment_set_value (offset_of (window, LDA_CHANNEL_CELL_AREA),
                            gtk_adjustment_get_value (offset_of (window, LDA_CHANNEL_CELL_AREA)) + 0.5);
  result = lda_test_wait (window);

  g_assert_true (lda_window_save_params_to (window, params, &error));
  g_assert_no_error (error);

  argv[0] = g_getenv ("LIVEDEAD");
  argv[1] = "batch";
  argv[2] = dir;
  argv[3] = "-o";
  argv[4] = out;
  argv[5] = "--params";
  argv[6] = params;
  argv[7] = NULL;
  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("batch failed: %s", err);

  labels_path = g_build_filename (out, LDA_TEST_SAMPLE "_labels.tif", NULL);
  labels = lda_tiff_read (labels_path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->width, ==, result->labels->width);
  g_assert_cmpuint (labels->height, ==, result->labels->height);
  for (guint y = 0; y < labels->height; y++)
    for (guint x = 0; x < labels->width; x++)
      differ += lda_image_get (labels, x, y) != lda_image_get (result->labels, x, y);
  g_assert_cmpuint (differ, ==, 0);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

static void
test_load_undo (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *params = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *offset;
  LdaRunResult *result;
  LdaWindow *window;
  double start;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-params-load");
  params = g_build_filename (dir, "parameters.ini", NULL);
  bad = g_build_filename (dir, "bad.ini", NULL);
  window = open_sample_copy (dir);
  offset = offset_of (window, LDA_CHANNEL_DRAQ7);
  start = gtk_adjustment_get_value (offset);

  g_assert_true (g_file_set_contents (params, "[draq7]\nmethod=max-tile  # as the article\n"
                                      "offset=1.75\n", -1, NULL));
  g_assert_true (lda_window_load_params_from (window, params, &error));
  g_assert_no_error (error);
  result = lda_test_wait (window);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset), 1.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_DRAQ7].offset, 1.75, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  result = lda_test_wait (window);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset), start, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_DRAQ7].offset, start, 1e-9);

  /* A misspelt file changes nothing and says where it is wrong. */
  g_assert_true (g_file_set_contents (bad, "[draq7]\noffset=1.5\n[Draq7]\n", -1, NULL));
  g_assert_false (lda_window_load_params_from (window, bad, &error));
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset), start, 1e-9);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Load Parameters reads the file's [channels] group as the command does:
 * its tags name the channels of the files opened from then on. */
static void
test_load_channel_tags (void)
{
  static const char * const tags[] = { "ph2", "nuc", "dead" };
  g_autofree char *dir = NULL;
  g_autofree char *params = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  LdaRunResult *result;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-params-tags");
  params = g_build_filename (dir, "parameters.ini", NULL);
  bad = g_build_filename (dir, "bad.ini", NULL);
  other = g_build_filename (dir, "other", NULL);
  g_assert_cmpint (g_mkdir (other, 0755), ==, 0);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_autofree char *from = lda_test_sample_file (i == 0 ? "bf" : i == 1 ? "hoechst" : "draq7");
      g_autofree char *name = g_strdup_printf ("field_%s.tif", tags[i]);
      g_autofree char *to = g_build_filename (other, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
      g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
    }

  /* Names the built-in tags do not know. */
  series = lda_series_new_from_folder (other, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES);
  g_clear_error (&error);

  window = open_sample_copy (dir);

  /* A key other than bf, hoechst and draq7 is refused; nothing changes. */
  g_assert_true (g_file_set_contents (bad, "[draq7]\noffset=1.5\n[channels]\nphase=ph2\n",
                                      -1, NULL));
  g_assert_false (lda_window_load_params_from (window, bad, &error));
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);
  series = lda_series_new_from_folder (other, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (params, "[draq7]\noffset=1.75\n[channels]\nbf=ph2;\n"
                                      "hoechst=nuc;h33342\ndraq7=dead;\n", -1, NULL));
  g_assert_true (lda_window_load_params_from (window, params, &error));
  g_assert_no_error (error);
  result = lda_test_wait (window);
  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_DRAQ7].offset, 1.75, 1e-9);

  series = lda_series_new_from_folder (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 1);
  g_assert_nonnull (strstr (lda_series_get_frame (series, 0)->triple->paths[LDA_INPUT_HOECHST],
                            "field_nuc.tif"));

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_channel_tags_set_extra ((LdaInput) i, NULL);
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  have_display = gtk_init_check ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/params/save-then-batch", test_save_then_batch);
  g_test_add_func ("/params/load-undo", test_load_undo);
  g_test_add_func ("/params/load-channel-tags", test_load_channel_tags);

  return g_test_run ();
}
