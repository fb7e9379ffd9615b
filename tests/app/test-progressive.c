/* test-progressive.c — a moved threshold shows before the watershed result
 *
 * While a slider moves, the runner posts the new masks (::preview) before
 * it splits the nuclei and floods the cells; the mask pane shows them at
 * once, and then the whole result.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "ui-test-util.h"
#include "lda-channel-panel.h"
#include "lda-image-view.h"
#include "lda-pipeline.h"
#include "lda-triples.h"
#include "lda-window.h"

static gboolean have_display;

typedef struct
{
  LdaWindow *window;
  guint      target;
  guint      previews;
  gboolean   updated;
  gboolean   preview_first;
  gboolean   preview_shown;
  gboolean   result_shown;
  GThread   *main_thread;
  gboolean   preview_on_main;
  LdaImage  *preview;
} Watch;

static gboolean
same_pixels (const LdaImage *a,
             const LdaImage *b)
{
  return a != NULL && b != NULL && a->width == b->width && a->height == b->height &&
         memcmp (a->data, b->data, lda_image_n_bytes (a)) == 0;
}

static LdaImageView *
segmented (LdaWindow *window)
{
  return LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_SEGMENTED));
}

static void
on_preview (LdaPipelineRunner *runner,
            LdaRunPreview     *preview,
            Watch             *watch)
{
  /* Connected after the window's handler: the pane has it already. */
  if (preview->generation != watch->target)
    return;
  watch->previews++;
  watch->preview_on_main = g_thread_self () == watch->main_thread;
  watch->preview_first = !watch->updated;
  watch->preview_shown = same_pixels (lda_image_view_get_labels (segmented (watch->window)),
                                      preview->labels);
  g_clear_pointer (&watch->preview, lda_image_unref);
  watch->preview = lda_image_ref (preview->labels);
}

static void
on_updated (LdaPipelineRunner *runner,
            LdaRunResult      *result,
            Watch             *watch)
{
  if (result->generation != watch->target)
    return;
  watch->updated = TRUE;
  watch->result_shown = same_pixels (lda_image_view_get_labels (segmented (watch->window)),
                                     result->labels);
}

/* The Hoechst mask the core makes with @params. */
static LdaImage *
core_mask (const char * const *paths,
           const LdaParams    *params,
           LdaChannel          channel)
{
  g_autoptr(LdaTriple) triple = lda_triple_new (paths[0], paths[1], paths[2]);
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;

  pipeline = lda_triple_open_pipeline (triple, 0, &error);
  g_assert_no_error (error);
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run_masks (pipeline, NULL, &error));
  g_assert_no_error (error);

  return lda_image_ref (lda_pipeline_get_mask (pipeline, channel));
}

/* A new window on a copy of the sample, made in *@dir, whose files are
 * *@bf, *@ho and *@dr. */
static LdaWindow *
open_sample (char **dir,
             char **bf,
             char **ho,
             char **dr)
{
  LdaWindow *window = lda_test_window_new ();

  *dir = lda_test_copy_sample ("lda-progressive");
  *bf = g_build_filename (*dir, LDA_TEST_SAMPLE "_bf.tif", NULL);
  *ho = g_build_filename (*dir, LDA_TEST_SAMPLE "_hoechst.tif", NULL);
  *dr = g_build_filename (*dir, LDA_TEST_SAMPLE "_draq7.tif", NULL);
  g_assert_true (lda_test_open (window, (const char * const []) { *bf, *ho, *dr }, 3));

  return window;
}

static void
test_threshold_first (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bf = NULL, *ho = NULL, *dr = NULL;
  g_autoptr(LdaImage) mask = NULL;
  LdaPipelineRunner *runner;
  GtkAdjustment *offset;
  LdaRunResult *result;
  LdaParams params;
  Watch watch = { 0, };
  gsize inside = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  watch.window = open_sample (&dir, &bf, &ho, &dr);
  lda_test_wait (watch.window);
  runner = lda_window_get_runner (watch.window);
  g_signal_connect (runner, "preview", G_CALLBACK (on_preview), &watch);
  g_signal_connect (runner, "updated", G_CALLBACK (on_updated), &watch);

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (watch.window, LDA_CHANNEL_HOECHST)));
  watch.main_thread = g_thread_self ();
  gtk_adjustment_set_value (offset, gtk_adjustment_get_value (offset) + 0.6);
  watch.target = lda_pipeline_runner_get_generation (runner);
  /* Away from the main loop while the worker posts the preview: it must
   * still come in this thread, from the loop, not run in the worker. */
  g_usleep (G_USEC_PER_SEC / 4);
  result = lda_test_wait (watch.window);

  /* The mask came first and was shown, then the whole result. */
  g_assert_cmpuint (watch.previews, ==, 1);
  g_assert_true (watch.preview_on_main);
  g_assert_true (watch.preview_first);
  g_assert_true (watch.preview_shown);
  g_assert_true (watch.updated);
  g_assert_true (watch.result_shown);

  /* The preview is the core's new Hoechst mask: every pixel of it shows
   * a nucleus, and no pixel outside it shows a live one. */
  params = result->params;
  mask = core_mask ((const char * const []) { bf, ho, dr }, &params, LDA_CHANNEL_HOECHST);
  for (gsize i = 0; i < lda_image_n_pixels (mask); i++)
    {
      guint8 shown = lda_image_u8 (watch.preview)[i];

      if (lda_image_u8 (mask)[i])
        {
          g_assert_true (shown == LDA_CLASS_HOECHST || shown == LDA_CLASS_DRAQ7);
          inside++;
        }
      else
        g_assert_cmpuint (shown, !=, LDA_CLASS_HOECHST);
    }
  g_assert_cmpuint (inside, >, 0);

  /* A change that moves no mask brings no preview. */
  watch.previews = 0;
  watch.updated = FALSE;
  lda_window_show_pane (watch.window, LDA_PANE_SEGMENTED);
  {
    LdaParams same = result->params;

    same.nuclei.min_area += 1;
    lda_pipeline_runner_set_params (runner, &same);
  }
  watch.target = lda_pipeline_runner_get_generation (runner);
  lda_test_wait (watch.window);
  g_assert_cmpuint (watch.previews, ==, 0);

  g_clear_pointer (&watch.preview, lda_image_unref);
  lda_test_window_close (watch.window);
  lda_test_remove_tree (dir);
}

typedef struct
{
  guint    carried;
  guint    exact;
  gboolean last_exact;
  gboolean counting_while_carried;
} Drag;

static void
on_drag_updated (LdaPipelineRunner *runner,
                 LdaRunResult      *result,
                 Drag              *drag)
{
  /* The window's handler ran first: had it thought the runner idle, it
   * would have started counting another time point. */
  if (!result->exact && !lda_pipeline_runner_is_busy (runner))
    drag->counting_while_carried = TRUE;
  if (result->exact)
    drag->exact++;
  else
    drag->carried++;
  drag->last_exact = result->exact;
}

/* Drags the Hoechst offset down six steps, each as soon as the last
 * one's result is shown; returns the value it started from.  While a
 * carried result is shown and its exact one still to come, nothing else
 * may run. */
static double
drag_hoechst (LdaWindow *window,
              Drag      *drag)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);
  GtkAdjustment *offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
  double value = gtk_adjustment_get_value (offset);

  for (guint step = 1; step <= 6; step++)
    {
      guint seen = drag->carried + drag->exact;

      gtk_adjustment_set_value (offset, value - 0.03 * step);
      while (drag->carried + drag->exact == seen)
        g_main_context_iteration (NULL, TRUE);
      if (!drag->last_exact)
        g_assert_true (lda_pipeline_runner_is_busy (runner));
    }

  return value;
}

/* The labels the core makes with @params. */
static LdaImage *
core_labels (const char * const *paths,
             const LdaParams    *params)
{
  g_autoptr(LdaTriple) triple = lda_triple_new (paths[0], paths[1], paths[2]);
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;

  pipeline = lda_triple_open_pipeline (triple, 0, &error);
  g_assert_no_error (error);
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  return lda_image_ref (lda_pipeline_get_labels (pipeline));
}

/* Moves in quick succession are a drag: the nuclei of its results are
 * the last split carried onto the moved masks, and once the slider rests
 * the exact result follows by itself, the core's own for those values. */
static void
test_drag_then_rest (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bf = NULL, *ho = NULL, *dr = NULL;
  g_autoptr(LdaImage) want = NULL;
  LdaPipelineRunner *runner;
  GtkAdjustment *offset;
  LdaRunResult *result;
  LdaWindow *window;
  Drag drag = { 0, };
  double value;
  gulong handler;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_sample (&dir, &bf, &ho, &dr);
  lda_test_wait (window);
  runner = lda_window_get_runner (window);
  handler = g_signal_connect (runner, "updated", G_CALLBACK (on_drag_updated), &drag);

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
  value = drag_hoechst (window, &drag);
  g_assert_cmpuint (drag.carried, >=, 4);
  g_assert_false (drag.last_exact);

  /* At rest: the exact result, by itself. */
  result = lda_test_wait (window);
  g_assert_true (drag.last_exact);
  g_assert_true (result->exact);
  want = core_labels ((const char * const []) { bf, ho, dr }, &result->params);
  g_assert_true (same_pixels (result->labels, want));
  g_assert_true (same_pixels (lda_image_view_get_labels (segmented (window)), want));

  /* One move alone, a while after: exact at once, nothing to settle. */
  g_usleep (G_USEC_PER_SEC / 2);
  drag = (Drag) { 0, };
  gtk_adjustment_set_value (offset, value);
  result = lda_test_wait (window);
  g_assert_cmpuint (drag.carried, ==, 0);
  g_assert_cmpuint (drag.exact, ==, 1);

  g_signal_handler_disconnect (runner, handler);
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

typedef struct
{
  guint    carried;
  guint    exact;
  gboolean exact_queued;   /* when the carried result came */
} Held;

static void
on_held_updated (LdaPipelineRunner *runner,
                 LdaRunResult      *result,
                 Held              *held)
{
  if (result->exact)
    {
      held->exact++;
      return;
    }
  held->carried++;
  /* Let go before the result came: its exact run is next, without the
   * pause that ends a drag by keys. */
  held->exact_queued = lda_pipeline_runner_get_generation (runner) != result->generation;
}

/* A slider held by the pointer is a drag from its first change on, and
 * let go, its exact result follows at once. */
static void
test_held_slider (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bf = NULL, *ho = NULL, *dr = NULL;
  g_autoptr(LdaImage) want = NULL;
  LdaPipelineRunner *runner;
  GtkAdjustment *offset;
  LdaRunResult *result;
  LdaWindow *window;
  Held held = { 0, };
  double value;
  gulong handler;
  guint generation;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_sample (&dir, &bf, &ho, &dr);
  lda_test_wait (window);
  runner = lda_window_get_runner (window);
  handler = g_signal_connect (runner, "updated", G_CALLBACK (on_held_updated), &held);
  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
  value = gtk_adjustment_get_value (offset);

  /* Long after the last result, a change alone would be exact
   * (/progressive/drag-then-rest); held, it is carried. */
  g_usleep (G_USEC_PER_SEC / 2);
  lda_pipeline_runner_set_held (runner, TRUE);
  gtk_adjustment_set_value (offset, value - 0.1);
  while (held.carried + held.exact == 0)
    g_main_context_iteration (NULL, TRUE);
  result = lda_pipeline_runner_get_result (runner);
  g_assert_false (result->exact);
  g_assert_true (lda_pipeline_runner_is_busy (runner));

  /* Let go with the carried result shown: the exact run starts now. */
  generation = lda_pipeline_runner_get_generation (runner);
  lda_pipeline_runner_set_held (runner, FALSE);
  g_assert_cmpuint (lda_pipeline_runner_get_generation (runner), ==, generation + 1);
  result = lda_test_wait (window);
  g_assert_true (result->exact);
  want = core_labels ((const char * const []) { bf, ho, dr }, &result->params);
  g_assert_true (same_pixels (result->labels, want));
  g_assert_true (same_pixels (lda_image_view_get_labels (segmented (window)), want));

  /* Let go while the carried result is still being made: its exact run
   * is queued before it is shown. */
  g_usleep (G_USEC_PER_SEC / 2);
  held = (Held) { 0, };
  lda_pipeline_runner_set_held (runner, TRUE);
  gtk_adjustment_set_value (offset, value - 0.2);
  lda_pipeline_runner_set_held (runner, FALSE);
  result = lda_test_wait (window);
  g_assert_cmpuint (held.carried, ==, 1);
  g_assert_true (held.exact_queued);
  g_assert_true (result->exact);
  g_clear_pointer (&want, lda_image_unref);
  want = core_labels ((const char * const []) { bf, ho, dr }, &result->params);
  g_assert_true (same_pixels (result->labels, want));

  /* Let go with a change waiting behind the carried one in flight: that
   * change, the drag's last, runs exactly, once. */
  g_usleep (G_USEC_PER_SEC / 2);
  held = (Held) { 0, };
  lda_pipeline_runner_set_held (runner, TRUE);
  gtk_adjustment_set_value (offset, value - 0.25);
  gtk_adjustment_set_value (offset, value - 0.3);
  lda_pipeline_runner_set_held (runner, FALSE);
  result = lda_test_wait (window);
  g_assert_cmpuint (held.carried, ==, 1);
  g_assert_cmpuint (held.exact, ==, 1);
  g_assert_true (result->exact);
  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_HOECHST].offset,
                                  value - 0.3, 1e-9);

  g_signal_handler_disconnect (runner, handler);
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* A new window on a folder of two time points, made in *@dir, with the
 * first one shown. */
static LdaWindow *
open_two_time_points (char **dir)
{
  LdaWindow *window = lda_test_window_new ();

  *dir = lda_test_two_time_points ("lda-progressive");
  lda_test_open_folder (window, *dir);
  lda_test_wait (window);
  return window;
}

/* Waits until the time point @index has counts again, and checks them
 * against the core's for its parameters in the document. */
static void
assert_recounted (LdaWindow  *window,
                  const char *dir,
                  guint       index)
{
  g_autofree char *name = g_strdup_printf ("w_t%02u", index);
  g_autofree char *bf = g_strdup_printf ("%s/%s_bf.tif", dir, name);
  g_autofree char *ho = g_strdup_printf ("%s/%s_hoechst.tif", dir, name);
  g_autofree char *dr = g_strdup_printf ("%s/%s_draq7.tif", dir, name);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  LdaFrame *frame = lda_series_get_frame (lda_window_get_series (window), index);
  gint64 deadline = lda_test_deadline (60);

  do
    {
      lda_test_wait (window);
      g_main_context_iteration (NULL, FALSE);
    }
  while (!frame->has_counts && g_get_monotonic_time () < deadline);
  g_assert_true (frame->has_counts);

  pipeline = lda_triple_open_pipeline (triple, 0, &error);
  g_assert_no_error (error);
  g_assert_true (lda_pipeline_set_params (pipeline,
                                          lda_document_get_params (lda_window_get_document (window),
                                                                   index),
                                          &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_cmpuint (frame->live, ==, lda_pipeline_get_counts (pipeline)->live);
  g_assert_cmpuint (frame->dead, ==, lda_pipeline_get_counts (pipeline)->dead);
}

/* Another time point chosen in the middle of a drag, before its exact
 * result: the time point left is counted again, exactly, not left with
 * the counts of the carried split; and background counting never runs
 * while the exact result is still to come. */
static void
test_drag_switch_frame (void)
{
  g_autofree char *dir = NULL;
  LdaPipelineRunner *runner;
  LdaWindow *window;
  Drag drag = { 0, };
  gulong handler;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_two_time_points (&dir);
  runner = lda_window_get_runner (window);
  handler = g_signal_connect (runner, "updated", G_CALLBACK (on_drag_updated), &drag);

  drag_hoechst (window, &drag);
  g_assert_false (drag.last_exact);
  g_assert_false (drag.counting_while_carried);

  lda_window_set_frame (window, 1);
  /* The time point left is counted in the background once the runner is
   * idle. */
  assert_recounted (window, dir, 0);

  g_signal_handler_disconnect (runner, handler);
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* A change still running when another time point is chosen is cancelled
 * by the load: the time point left is counted again for its new
 * parameters, not left with the counts of its old ones. */
static void
test_change_then_switch_frame (void)
{
  g_autofree char *dir = NULL;
  GtkAdjustment *offset;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_two_time_points (&dir);
  g_usleep (G_USEC_PER_SEC / 2);

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
  gtk_adjustment_set_value (offset, gtk_adjustment_get_value (offset) + 0.5);
  lda_window_set_frame (window, 1);
  assert_recounted (window, dir, 0);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* A drag, then a time point whose file is damaged: its open fails and
 * says so, and the drag's time point gets its exact result, with its own
 * parameters (not those of the time point that failed to open). */
static void
test_drag_then_failed_frame (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *data = NULL;
  LdaDocument *document;
  LdaRunResult *result;
  LdaWindow *window;
  LdaParams other;
  Drag drag = { 0, };
  gulong handler;
  gsize length;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = open_two_time_points (&dir);

  /* The second time point has parameters of its own, and a Hoechst file
   * cut short. */
  document = lda_window_get_document (window);
  other = *lda_document_get_params (document, 1);
  other.channel[LDA_CHANNEL_CELL_AREA].offset = 2.0;
  g_assert_true (lda_document_set_own_params (document, 1, TRUE));
  g_assert_true (lda_document_set_params (document, 1, &other));
  damaged = g_build_filename (dir, "w_t01_hoechst.tif", NULL);
  g_assert_true (g_file_get_contents (damaged, &data, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, data, (gssize) (length / 2), NULL));
  lda_test_wait (window);

  handler = g_signal_connect (lda_window_get_runner (window), "updated",
                              G_CALLBACK (on_drag_updated), &drag);
  drag_hoechst (window, &drag);
  g_assert_false (drag.last_exact);
  lda_window_set_frame (window, 1);
  result = lda_test_wait (window);

  g_assert_nonnull (lda_window_get_message (window));
  g_assert_true (result->exact);
  g_assert_cmpuint (result->frame, ==, 0);
  g_assert_true (lda_params_equal (&result->params, lda_document_get_params (document, 0)));

  g_signal_handler_disconnect (lda_window_get_runner (window), handler);
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* A stroke made while a preview is on the pane puts the mask being
 * corrected back on it, with the stroke, not the preview. */
static void
test_stroke_over_preview (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bf = NULL, *ho = NULL, *dr = NULL;
  g_autoptr(LdaImage) empty = NULL;
  LdaRunPreview preview = { 0, };
  LdaPipelineRunner *runner;
  LdaRunResult *result;
  const LdaImage *shown;
  gsize painted = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  {
    LdaWindow *window = open_sample (&dir, &bf, &ho, &dr);

    result = lda_test_wait (window);
    runner = lda_window_get_runner (window);

    /* The brush in hand, then a preview of nothing at all, as a runner
     * would post it. */
    lda_test_use_tool (window, "brush", LDA_CLASS_DRAQ7);
    empty = lda_image_new (LDA_PIXEL_U8, result->width, result->height, NULL);
    preview.frame = result->frame;
    preview.generation = result->generation;
    preview.labels = empty;
    g_signal_emit_by_name (runner, "preview", &preview);
    g_assert_true (same_pixels (lda_image_view_get_labels (segmented (window)), empty));

    lda_test_stroke_joining (window, 100, 100, 200, 120);
    shown = lda_image_view_get_labels (segmented (window));
    g_assert_nonnull (shown);
    for (gsize i = 0; i < lda_image_n_pixels (shown); i++)
      {
        guint8 v = lda_image_u8 (shown)[i];

        if (v != lda_image_u8 (result->labels)[i])
          {
            g_assert_cmpuint (v, ==, LDA_CLASS_DRAQ7);
            painted++;
          }
      }
    g_assert_cmpuint (painted, >, 0);

    lda_test_window_close (window);
  }
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/progressive/threshold-first", test_threshold_first);
  g_test_add_func ("/progressive/drag-then-rest", test_drag_then_rest);
  g_test_add_func ("/progressive/held-slider", test_held_slider);
  g_test_add_func ("/progressive/drag-switch-frame", test_drag_switch_frame);
  g_test_add_func ("/progressive/change-then-switch-frame", test_change_then_switch_frame);
  g_test_add_func ("/progressive/drag-then-failed-frame", test_drag_then_failed_frame);
  g_test_add_func ("/progressive/stroke-over-preview", test_stroke_over_preview);

  return g_test_run ();
}
