/* test-window.c — the window with a display: loading, live tuning, errors
 *
 * Runs under Xvfb (tests/app/meson.build wraps it in xvfb-run); skips when
 * there is no display.  What the window shows is checked against what the
 * core computes for the same images and parameters.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-channel-panel.h"
#include "lda-pipeline.h"
#include "lda-project.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "lda-window.h"


static gboolean have_display;
static GPtrArray *sample_copies;  /* folders to remove at the end */

static char *
sample_path (const char *channel)
{
  g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channel);

  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
}

static LdaWindow *
new_window (void)
{
  LdaWindow *window = lda_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (LdaWindow *window)
{
  gpointer alive = window;
  gint64 deadline = lda_test_deadline (30);

  /* Until the window is gone: a background task that still held it let
   * it go, and close its project (saving), only after the test had
   * removed the folder, which then warned that it could not save. */
  g_object_add_weak_pointer (G_OBJECT (window), &alive);
  gtk_window_destroy (GTK_WINDOW (window));
  while (alive != NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_null (alive);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Iterates the main loop until the runner has answered its newest request. */
static LdaRunResult *
wait_for_result (LdaWindow *window)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);
  gint64 deadline = lda_test_deadline (60);
  LdaRunResult *result;

  for (;;)
    {
      result = lda_pipeline_runner_get_result (runner);
      if (!lda_pipeline_runner_is_busy (runner) && result != NULL &&
          result->generation == lda_pipeline_runner_get_generation (runner))
        break;
      if (!lda_pipeline_runner_is_busy (runner) && lda_window_get_message (window) != NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  /* Let the window draw what it got. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);

  return result;
}

static void
open_files (LdaWindow   *window,
            const char **paths,
            guint        n,
            gboolean     expect_ok)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));

  g_assert_cmpint (lda_window_open (window, (GFile **) files->pdata, n, FALSE), ==, expect_ok);
}

/* Opens a copy of the sample in a fresh folder, so that what the window
 * saves beside the images stays out of the source tree. */
static void
open_sample (LdaWindow *window)
{
  g_autofree char *dir = lda_test_copy_sample ("lda-sample");
  g_autofree char *bf = g_build_filename (dir, LDA_TEST_SAMPLE "_bf.tif", NULL);
  g_autofree char *ho = g_build_filename (dir, LDA_TEST_SAMPLE "_hoechst.tif", NULL);
  g_autofree char *dr = g_build_filename (dir, LDA_TEST_SAMPLE "_draq7.tif", NULL);
  const char *paths[] = { bf, ho, dr };

  open_files (window, paths, 3, TRUE);
  wait_for_result (window);
  g_ptr_array_add (sample_copies, g_steal_pointer (&dir));
}

/* What the core computes for the sample with @params. */
static LdaPipeline *
core_pipeline (const LdaParams *params)
{
  g_autofree char *bf = sample_path ("bf");
  g_autofree char *ho = sample_path ("hoechst");
  g_autofree char *dr = sample_path ("draq7");
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  LdaImage *images[LDA_N_INPUTS];
  LdaPipeline *pipeline;

  g_assert_true (lda_triple_load (triple, 0, images, &error));
  pipeline = lda_pipeline_new (images[0], images[1], images[2], &error);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_image_unref (images[i]);
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  return pipeline;
}

static void
assert_result_matches_core (LdaRunResult *result)
{
  g_autoptr(LdaPipeline) core = core_pipeline (&result->params);
  LdaImage *labels = lda_pipeline_get_labels (core);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    g_assert_cmpint (result->threshold[c], ==, lda_pipeline_get_threshold (core, c));
  g_assert_cmpmem (result->labels->data, lda_image_n_bytes (result->labels),
                   labels->data, lda_image_n_bytes (labels));
  g_assert_cmpuint (result->counts->live, ==, lda_pipeline_get_counts (core)->live);
  g_assert_cmpuint (result->counts->dead, ==, lda_pipeline_get_counts (core)->dead);
}

static void
test_open_sample (void)
{
  LdaWindow *window;
  LdaRunResult *result;
  LdaParams defaults;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = new_window ();
  open_sample (window);
  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));

  g_assert_nonnull (result);
  g_assert_null (lda_window_get_message (window));
  g_assert_cmpuint (result->width, ==, 512);
  lda_params_init (&defaults);
  g_assert_true (lda_channel_params_equal (&result->params.channel[LDA_CHANNEL_HOECHST],
                                           &defaults.channel[LDA_CHANNEL_HOECHST]));
  assert_result_matches_core (result);
  g_assert_nonnull (result->composite_pixels);

  destroy_window (window);
}

/* Moving the Hoechst offset slider re-runs the Hoechst stages and what
 * follows, not the Sobel, and the window then shows what the core says. */
static void
test_slider_reruns (void)
{
  LdaWindow *window;
  LdaRunResult *result;
  LdaImage *sobel_before;
  gint64 threshold_before;
  g_autofree guint8 *labels_before = NULL;
  GtkAdjustment *offset;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = new_window ();
  open_sample (window);
  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));
  sobel_before = lda_image_ref (result->sobel);
  threshold_before = result->threshold[LDA_CHANNEL_HOECHST];
  labels_before = g_memdup2 (result->labels->data, lda_image_n_bytes (result->labels));

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
  gtk_adjustment_set_value (offset, 2.0);
  result = wait_for_result (window);

  g_assert_cmpfloat (result->params.channel[LDA_CHANNEL_HOECHST].offset, ==, 2.0);
  /* The method and the nuclei stay as they were: only the offset moved
   * (assert_result_matches_core() checks the threshold it gives). */
  g_assert_cmpint (result->params.channel[LDA_CHANNEL_HOECHST].method, ==, LDA_METHOD_OTSU);
  g_assert_true (result->params.nuclei.split);
  g_assert_cmpint (result->threshold[LDA_CHANNEL_HOECHST], >, threshold_before);
  g_assert_false (memcmp (result->labels->data, labels_before, lda_image_n_bytes (result->labels)) == 0);
  g_assert_true (result->sobel == sobel_before);
  assert_result_matches_core (result);

  lda_image_unref (sobel_before);
  destroy_window (window);
}

static void
count_updates (LdaPipelineRunner *runner,
               LdaRunResult      *result,
               guint             *count)
{
  (*count)++;
}

/* A burst of slider values, as a drag makes: results keep coming while it
 * moves, and the last value wins. */
static void
test_newest_value_wins (void)
{
  LdaWindow *window;
  LdaRunResult *result;
  GtkAdjustment *offset;
  guint updates = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = new_window ();
  open_sample (window);
  g_signal_connect (lda_window_get_runner (window), "updated", G_CALLBACK (count_updates), &updates);

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_DRAQ7)));
  for (guint i = 1; i <= 20; i++)
    {
      gtk_adjustment_set_value (offset, 1.2 + 0.05 * i);
      g_main_context_iteration (NULL, FALSE);
    }
  result = wait_for_result (window);

  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_DRAQ7].offset, 2.2, 1e-9);
  g_assert_cmpuint (updates, >=, 1);
  g_assert_cmpuint (updates, <=, 20);
  assert_result_matches_core (result);

  g_signal_handlers_disconnect_by_func (lda_window_get_runner (window), count_updates, &updates);
  destroy_window (window);
}

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lda-window-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
copy_file (const char *from,
           const char *dir,
           const char *name)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Writes a copy of the sample cut to half its length. */
static void
write_truncated (const char *from,
                 const char *dir,
                 const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (path, data, (gssize) (length / 2), NULL));
}

/* Three files of which one is damaged: a message names it, and the frame
 * that was open stays. */
static void
test_corrupt_file_keeps_frame (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bf = sample_path ("bf");
  g_autofree char *ho = sample_path ("hoechst");
  g_autofree char *dr = sample_path ("draq7");
  g_autofree char *bad = NULL;
  LdaWindow *window;
  LdaSeries *series_before;
  LdaRunResult *result;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = new_window ();
  open_sample (window);
  series_before = lda_window_get_series (window);

  dir = make_folder ();
  bad = g_build_filename (dir, "broken_hoechst.tif", NULL);
  g_assert_true (g_file_set_contents (bad, "II*\0garbage, not a TIFF at all", 30, NULL));
  {
    const char *paths[] = { bf, bad, dr };

    open_files (window, paths, 3, FALSE);
  }

  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, bad));
  g_assert_true (lda_window_get_series (window) == series_before);
  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));
  g_assert_nonnull (result);
  assert_result_matches_core (result);

  lda_test_remove_tree (dir);
  destroy_window (window);
  (void) ho;
}

static char *
make_series_folder (gboolean damage_second)
{
  char *dir = make_folder ();
  g_autofree char *bf = sample_path ("bf");
  g_autofree char *ho = sample_path ("hoechst");
  g_autofree char *dr = sample_path ("draq7");

  for (guint t = 1; t <= 2; t++)
    {
      g_autofree char *name_bf = g_strdup_printf ("well_t%u_bf.tif", t);
      g_autofree char *name_ho = g_strdup_printf ("well_t%u_hoechst.tif", t);
      g_autofree char *name_dr = g_strdup_printf ("well_t%u_draq7.tif", t);

      copy_file (bf, dir, name_bf);
      copy_file (ho, dir, name_ho);
      if (damage_second && t == 2)
        write_truncated (dr, dir, name_dr);
      else
        copy_file (dr, dir, name_dr);
    }

  return dir;
}

static void
open_folder (LdaWindow  *window,
             const char *dir)
{
  const char *paths[] = { dir };

  open_files (window, paths, 1, TRUE);
  wait_for_result (window);
}

/* A folder is a series: the next and previous actions step through it and
 * each frame's result is for that frame. */
static void
test_series_navigation (void)
{
  g_autofree char *dir = make_series_folder (FALSE);
  LdaWindow *window;
  LdaRunResult *result;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  g_assert_cmpuint (lda_series_get_n_frames (lda_window_get_series (window)), ==, 2);
  g_assert_cmpuint (lda_window_get_frame (window), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-frame", NULL));
  result = wait_for_result (window);
  g_assert_cmpuint (lda_window_get_frame (window), ==, 1);
  g_assert_cmpuint (result->frame, ==, 1);
  g_assert_true (lda_series_get_frame (lda_window_get_series (window), 1)->has_counts);
  assert_result_matches_core (result);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-frame", NULL));
  result = wait_for_result (window);
  g_assert_cmpuint (result->frame, ==, 0);

  destroy_window (window);
  lda_test_remove_tree (dir);
}

/* A damaged frame in a series: a message names the file; the window stays
 * on the frame it showed. */
static void
test_damaged_frame_keeps_previous (void)
{
  g_autofree char *dir = make_series_folder (TRUE);
  LdaWindow *window;
  LdaRunResult *result;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  g_assert_null (lda_window_get_message (window));

  lda_window_set_frame (window, 1);
  result = wait_for_result (window);

  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "well_t2_draq7.tif"));
  g_assert_cmpuint (lda_window_get_frame (window), ==, 0);
  g_assert_cmpuint (result->frame, ==, 0);
  assert_result_matches_core (result);

  destroy_window (window);
  lda_test_remove_tree (dir);
}

/* Parameters apply to the whole series unless a frame has its own. */
static void
test_frame_override (void)
{
  g_autofree char *dir = make_series_folder (FALSE);
  LdaWindow *window;
  LdaSeries *series;
  GtkAdjustment *offset;
  LdaRunResult *result;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  series = lda_window_get_series (window);
  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));

  /* A series change reaches every frame. */
  gtk_adjustment_set_value (offset, 1.5);
  wait_for_result (window);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 1)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 1.5);

  /* Frame 2 gets its own parameters: its change stays with it. */
  lda_window_set_frame (window, 1);
  wait_for_result (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.frame-parameters", NULL));
  g_assert_true (lda_series_get_frame (series, 1)->has_override);
  gtk_adjustment_set_value (offset, 2.5);
  result = wait_for_result (window);

  g_assert_cmpfloat (result->params.channel[LDA_CHANNEL_HOECHST].offset, ==, 2.5);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 1)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 2.5);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 0)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 1.5);

  /* Back on frame 1 the panel shows the series' value again. */
  lda_window_set_frame (window, 0);
  wait_for_result (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, 1.5);

  destroy_window (window);
  lda_test_remove_tree (dir);
}

static void
wait_for_all_counts (LdaWindow *window)
{
  LdaSeries *series = lda_window_get_series (window);
  gint64 deadline = lda_test_deadline (60);

  for (;;)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < lda_series_get_n_frames (series); i++)
        all = all && lda_series_get_frame (series, i)->has_counts;
      if (all)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The other frames of a series are segmented in the background for the
 * dead-fraction plot, with the series' parameters, and again when those
 * change. */
static void
test_background_counts (void)
{
  g_autofree char *dir = make_series_folder (FALSE);
  LdaWindow *window;
  LdaSeries *series;
  LdaFrame *other;
  LdaParams params;
  GtkAdjustment *offset;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  series = lda_window_get_series (window);
  wait_for_all_counts (window);

  lda_params_init (&params);
  other = lda_series_get_frame (series, 1);
  {
    g_autoptr(LdaPipeline) core = core_pipeline (&params);

    g_assert_cmpuint (other->live, ==, lda_pipeline_get_counts (core)->live);
    g_assert_cmpuint (other->dead, ==, lda_pipeline_get_counts (core)->dead);
  }

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_DRAQ7)));
  gtk_adjustment_set_value (offset, 2.0);
  g_assert_false (other->has_counts);
  wait_for_result (window);
  wait_for_all_counts (window);

  params.channel[LDA_CHANNEL_DRAQ7].offset = 2.0;
  {
    g_autoptr(LdaPipeline) core = core_pipeline (&params);

    g_assert_cmpuint (other->live, ==, lda_pipeline_get_counts (core)->live);
    g_assert_cmpuint (other->dead, ==, lda_pipeline_get_counts (core)->dead);
  }

  destroy_window (window);
  lda_test_remove_tree (dir);
}

/* On a frame with parameters of its own, a change of the series'
 * parameters (an undo of one made elsewhere, say) re-runs nothing on
 * screen: the other frames are still counted again, and the plot fills. */
static void
test_background_counts_own_params (void)
{
  g_autofree char *dir = make_series_folder (FALSE);
  LdaWindow *window;
  LdaDocument *document;
  LdaParams params;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  document = lda_window_get_document (window);
  wait_for_all_counts (window);
  g_assert_true (lda_document_set_own_params (document, 0, TRUE));
  wait_for_result (window);
  wait_for_all_counts (window);

  params = *lda_document_get_params (document, 1);
  params.channel[LDA_CHANNEL_DRAQ7].offset = 2.0;
  g_assert_true (lda_document_set_params (document, 1, &params));
  g_assert_false (lda_series_get_frame (lda_window_get_series (window), 1)->has_counts);
  wait_for_all_counts (window);

  g_assert_true (lda_document_undo (document, 0));
  g_assert_false (lda_series_get_frame (lda_window_get_series (window), 1)->has_counts);
  wait_for_all_counts (window);

  destroy_window (window);
  lda_test_remove_tree (dir);
}

/* Changing the contrast re-renders the panes; the segmentation is not
 * touched. */
static void
test_contrast_is_display_only (void)
{
  LdaWindow *window;
  LdaRunResult *result;
  LdaImage *labels_before;
  GBytes *composite_before;
  LdaContrast contrast = { 0, 1000 };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = new_window ();
  open_sample (window);
  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));
  labels_before = lda_image_ref (result->labels);
  composite_before = g_bytes_ref (result->composite_pixels);

  lda_pipeline_runner_set_contrast (lda_window_get_runner (window), LDA_INPUT_BRIGHTFIELD, &contrast);
  result = wait_for_result (window);

  g_assert_cmpuint (result->contrasts[LDA_INPUT_BRIGHTFIELD].high, ==, 1000);
  g_assert_true (result->labels == labels_before);
  g_assert_false (g_bytes_equal (result->composite_pixels, composite_before));

  lda_image_unref (labels_before);
  g_bytes_unref (composite_before);
  destroy_window (window);
}

/* Keys 1–4 show one pane alone and bring the four back. */
static void
test_pane_solo (void)
{
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = new_window ();
  open_sample (window);
  lda_window_show_pane (window, LDA_PANE_ALL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "i", 2));
  g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_FLUORESCENCE);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (lda_window_get_view (window, LDA_PANE_FLUORESCENCE))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (lda_window_get_view (window, LDA_PANE_COMPOSITE))));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "i", 2));
  g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_ALL);
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (lda_window_get_view (window, p))));

  destroy_window (window);
}

/* Saturated data: the Hoechst panel says the mask is empty and why. */
static void
test_saturated_warning (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *bf = sample_path ("bf");
  g_autofree char *dr = sample_path ("draq7");
  g_autofree char *ho = g_build_filename (dir, "sat_hoechst.tif", NULL);
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 512, 512, NULL);
  g_autoptr(GError) error = NULL;
  LdaWindow *window;
  const char *warning;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  /* Dim background with a saturated speck in every tile. */
  for (guint y = 0; y < 512; y++)
    for (guint x = 0; x < 512; x++)
      lda_image_u16 (image)[y * 512 + x] = (x % 16 == 3 && y % 16 == 5) ? 65535 : 200 + (x + y) % 9;
  g_assert_true (lda_tiff_write (ho, image, &error));

  window = new_window ();
  {
    const char *paths[] = { bf, ho, dr };

    open_files (window, paths, 3, TRUE);
  }
  wait_for_result (window);

  warning = lda_channel_panel_get_warning (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "saturated"));
  g_assert_null (lda_channel_panel_get_warning (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_DRAQ7))));

  destroy_window (window);
  lda_test_remove_tree (dir);
}

/* Input files deleted or replaced while the window has them open */

static void
paint_stroke (LdaWindow *window,
              double     y)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", 4);
  /* Shift held: a line of class 4 across whatever nuclei it meets. */
  lda_window_stroke_begin_joining (window, 20, y);
  for (int x = 30; x <= 200; x += 10)
    lda_window_stroke_move (window, x, y);
  lda_window_stroke_end (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "view");
}

static gsize
frame_edit_count (LdaWindow *window,
                  guint      frame)
{
  LdaEdits *edits = lda_document_get_edits (lda_window_get_document (window), frame);

  return edits != NULL ? lda_edits_count (edits) : 0;
}

static void
remove_triple (const char *dir,
               const char *name)
{
  static const char *const channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, channels[c]);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

static char *
read_frame_edits_file (LdaWindow  *window,
                       const char *title,
                       gsize      *length)
{
  g_autofree char *file = g_strconcat (title, ".edits", NULL);
  g_autofree char *path = g_build_filename (lda_window_get_project_folder (window),
                                            "edits", file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* The files of the frame on screen are deleted: the window keeps working
 * from what it read; the next frame's are deleted: a message names the
 * file and the window stays where it is.  The corrections are kept and
 * saved all along. */
static void
test_input_deleted (void)
{
  g_autofree char *dir = make_series_folder (FALSE);
  g_autofree char *missing = g_build_filename (dir, "well_t2_hoechst.tif", NULL);
  g_autoptr(GError) error = NULL;
  LdaWindow *window;
  LdaRunResult *result;
  const char *message;
  gsize painted;

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  paint_stroke (window, 100);
  painted = frame_edit_count (window, 0);
  g_assert_cmpuint (painted, >, 0);

  remove_triple (dir, "well_t1");
  gtk_adjustment_set_value (lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST))), 2.0);
  result = wait_for_result (window);
  g_assert_null (lda_window_get_message (window));
  g_assert_cmpuint (result->frame, ==, 0);
  g_assert_cmpfloat (result->params.channel[LDA_CHANNEL_HOECHST].offset, ==, 2.0);
  paint_stroke (window, 300);
  g_assert_cmpuint (frame_edit_count (window, 0), >, painted);
  painted = frame_edit_count (window, 0);

  g_assert_cmpint (g_unlink (missing), ==, 0);
  lda_window_set_frame (window, 1);
  wait_for_result (window);
  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, missing));
  g_assert_nonnull (strstr (message, "does not exist"));
  g_assert_cmpuint (lda_window_get_frame (window), ==, 0);
  g_assert_cmpuint (frame_edit_count (window, 0), ==, painted);

  g_assert_true (lda_window_save_now (window, &error));
  g_assert_no_error (error);
  {
    gsize length;
    g_autofree char *saved = read_frame_edits_file (window, "well_t1", &length);
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&saved), length);
    g_autoptr(LdaEdits) edits = lda_edits_deserialize (bytes, 512, 512, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (lda_edits_count (edits), ==, painted);
  }

  destroy_window (window);
  lda_test_remove_tree (dir);
}

/* A corrected frame's images are replaced by others of another size: the
 * corrections are neither shown on the new images nor lost, and the
 * person is told why. */
static void
test_input_replaced (void)
{
  g_autofree char *dir = make_series_folder (FALSE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize before_length, after_length;
  LdaWindow *window;
  LdaRunResult *result;
  const char *message;
  static const char *const channels[] = { "bf", "hoechst", "draq7" };

  if (!have_display)
    {
      g_test_skip ("no display");
      lda_test_remove_tree (dir);
      return;
    }

  window = new_window ();
  open_folder (window, dir);
  lda_window_set_frame (window, 1);
  wait_for_result (window);
  paint_stroke (window, 100);
  g_assert_true (lda_window_save_now (window, &error));
  before = read_frame_edits_file (window, "well_t2", &before_length);
  lda_window_set_frame (window, 0);
  wait_for_result (window);

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *file = g_strdup_printf ("well_t2_%s.tif", channels[c]);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(LdaImage) small = lda_image_new (LDA_PIXEL_U16, 256, 200, NULL);

      for (gsize i = 0; i < lda_image_n_pixels (small); i++)
        lda_image_u16 (small)[i] = (guint16) (100 + i % 37);
      g_assert_true (lda_tiff_write (path, small, &error));
      g_assert_no_error (error);
    }

  lda_window_set_frame (window, 1);
  result = wait_for_result (window);
  g_assert_cmpuint (result->frame, ==, 1);
  g_assert_cmpuint (result->width, ==, 256);
  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "256 × 200"));
  g_assert_nonnull (strstr (message, "512 × 512"));
  g_assert_nonnull (strstr (message, "kept"));

  /* The brush does nothing to them, and saving writes them unchanged. */
  paint_stroke (window, 50);
  g_assert_true (lda_window_save_now (window, &error));
  g_assert_no_error (error);
  after = read_frame_edits_file (window, "well_t2", &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);

  destroy_window (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/window/open-sample", test_open_sample);
  g_test_add_func ("/window/slider-reruns", test_slider_reruns);
  g_test_add_func ("/window/newest-value-wins", test_newest_value_wins);
  g_test_add_func ("/window/corrupt-file-keeps-frame", test_corrupt_file_keeps_frame);
  g_test_add_func ("/window/series-navigation", test_series_navigation);
  g_test_add_func ("/window/damaged-frame-keeps-previous", test_damaged_frame_keeps_previous);
  g_test_add_func ("/window/frame-override", test_frame_override);
  g_test_add_func ("/window/pane-solo", test_pane_solo);
  g_test_add_func ("/window/background-counts", test_background_counts);
  g_test_add_func ("/window/background-counts-own-params", test_background_counts_own_params);
  g_test_add_func ("/window/contrast-is-display-only", test_contrast_is_display_only);
  g_test_add_func ("/window/input-deleted", test_input_deleted);
  g_test_add_func ("/window/input-replaced", test_input_replaced);
  g_test_add_func ("/window/saturated-warning", test_saturated_warning);

  sample_copies = g_ptr_array_new_with_free_func (g_free);
  status = g_test_run ();
  for (guint i = 0; i < sample_copies->len; i++)
    lda_test_remove_tree (g_ptr_array_index (sample_copies, i));
  g_ptr_array_unref (sample_copies);

  return status;
}
