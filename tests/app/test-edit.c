/* test-edit.c — correcting masks in the window: tools, undo, re-runs,
 * saving and finding the corrections again
 *
 * Runs under Xvfb (tests/app/meson.build).  Strokes go through the same
 * calls the mouse gesture makes (lda_window_stroke_begin/move/end), with
 * the tool chosen through its action, as a key press would.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "ui-test-util.h"
#include "lda-channel-panel.h"
#include "lda-edits.h"
#include "lda-export-dialog.h"
#include "lda-project.h"
#include "lda-tiff.h"
#include "lda-window.h"
#include "lda-window-private.h"


static gboolean have_display;

static void
wait_for_result (LdaWindow *window)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);
  gint64 deadline = lda_test_deadline (60);

  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL ||
         lda_pipeline_runner_get_result (runner)->generation != lda_pipeline_runner_get_generation (runner))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static LdaWindow *
open_window (const char *dir)
{
  LdaWindow *window = lda_window_new (NULL);
  g_autofree char *bf = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_bf.tif", dir);
  g_autofree char *ho = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_hoechst.tif", dir);
  g_autofree char *dr = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_draq7.tif", dir);
  GFile *files[3] = { g_file_new_for_path (bf), g_file_new_for_path (ho), g_file_new_for_path (dr) };

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lda_window_open (window, files, 3, FALSE));
  for (guint i = 0; i < 3; i++)
    g_object_unref (files[i]);
  wait_for_result (window);

  return window;
}

/* Where an object was finalized. */
static void
on_finalized (gpointer  data,
              GObject  *where)
{
  g_atomic_pointer_set ((GThread **) data, g_thread_self ());
}

/* Closes @window and waits until it is finalized: on this thread, never
 * in the background work it started (the other frames' counts). */
static void
close_window (LdaWindow *window)
{
  GThread *finalized_in = NULL;
  gint64 deadline = lda_test_deadline (30);

  g_object_weak_ref (G_OBJECT (window), on_finalized, &finalized_in);
  gtk_window_close (GTK_WINDOW (window));
  while (g_atomic_pointer_get (&finalized_in) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_true (finalized_in == g_thread_self ());
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
use_tool (LdaWindow  *window,
          const char *tool,
          int         klass)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", tool);
  if (klass >= 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", klass);
}

static guint
label_at (LdaWindow *window,
          guint      x,
          guint      y)
{
  return lda_image_get (lda_window_get_merged (window), x, y);
}

static void
stroke (LdaWindow *window,
        double     x0,
        double     y0,
        double     x1,
        double     y1)
{
  lda_window_stroke_begin (window, x0, y0);
  for (int i = 1; i <= 10; i++)
    lda_window_stroke_move (window, x0 + (x1 - x0) * i / 10.0, y0 + (y1 - y0) * i / 10.0);
  lda_window_stroke_end (window);
}

/* A brush stroke sets its pixels; the eraser shows the automatic mask
 * again; undo and redo step through it. */
static void
test_brush_erase_undo (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  LdaImage *automatic;
  guint before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  automatic = lda_pipeline_runner_get_result (lda_window_get_runner (window))->labels;
  before = lda_image_get (automatic, 200, 100);

  use_tool (window, "brush", before == 4 ? 3 : 4);
  stroke (window, 150, 100, 250, 100);
  g_assert_cmpuint (label_at (window, 200, 100), ==, before == 4 ? 3 : 4);
  g_assert_cmpuint (label_at (window, 200, 140), ==, lda_image_get (automatic, 200, 140));

  use_tool (window, "eraser", -1);
  stroke (window, 190, 100, 210, 100);
  g_assert_cmpuint (label_at (window, 200, 100), ==, before);
  g_assert_cmpuint (label_at (window, 160, 100), ==, before == 4 ? 3 : 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (label_at (window, 200, 100), ==, before == 4 ? 3 : 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (label_at (window, 200, 100), ==, before);
  g_assert_cmpuint (label_at (window, 160, 100), ==, lda_image_get (automatic, 160, 100));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (label_at (window, 160, 100), ==, before == 4 ? 3 : 4);

  close_window (window);
  lda_test_remove_tree (dir);
}

/* Re-running the segmentation never moves or drops an edit. */
static void
test_rerun_keeps_edits (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkAdjustment *offset;
  LdaRunResult *result;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);

  use_tool (window, "brush", 2);
  stroke (window, 20, 300, 300, 300);
  g_assert_cmpuint (label_at (window, 100, 300), ==, 2);

  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_CELL_AREA)));
  gtk_adjustment_set_value (offset, 3.0);
  wait_for_result (window);
  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));
  g_assert_cmpfloat (result->params.channel[LDA_CHANNEL_CELL_AREA].offset, ==, 3.0);

  for (guint x = 25; x < 295; x += 10)
    g_assert_cmpuint (label_at (window, x, 300), ==, 2);
  /* Away from the stroke the mask is the new automatic one. */
  g_assert_cmpuint (label_at (window, 100, 20), ==, lda_image_get (result->labels, 100, 20));

  close_window (window);
  lda_test_remove_tree (dir);
}

/* The counts follow the corrected mask: turning a live nucleus dead
 * moves one cell from live to dead. */
static void
test_counts_follow_corrections (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  LdaImage *labels;
  guint live, dead, nx = 0, ny = 0;
  gboolean found = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  live = lda_window_get_counts (window)->live;
  dead = lda_window_get_counts (window)->dead;
  labels = lda_window_get_merged (window);

  for (guint y = 10; y < labels->height - 10 && !found; y++)
    for (guint x = 10; x < labels->width - 10 && !found; x++)
      if (lda_image_get (labels, x, y) == 3)
        {
          nx = x;
          ny = y;
          found = TRUE;
        }
  g_assert_true (found);

  use_tool (window, "toggle", -1);
  lda_window_stroke_begin (window, nx + 0.5, ny + 0.5);
  lda_window_stroke_end (window);

  g_assert_cmpuint (label_at (window, nx, ny), ==, 4);
  g_assert_cmpuint (lda_window_get_counts (window)->live, ==, live - 1);
  g_assert_cmpuint (lda_window_get_counts (window)->dead, ==, dead + 1);

  close_window (window);
  lda_test_remove_tree (dir);
}

/* A brush of cell area across the corners of nuclei cuts off crumbs of a
 * few pixels where its disc meets their staircase outlines: they take the
 * brush's class, so that no nucleus on the corrected mask — and no cell
 * counted — is smaller than the smallest nucleus area. */
static void
test_brush_leaves_no_crumbs (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  const LdaCounts *counts;
  guint n_strokes = 0, min_area;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  min_area = lda_document_get_params (lda_window_get_document (window),
                                     lda_window_get_frame (window))->nuclei.min_area;
  g_assert_cmpuint (min_area, >, 1);
  counts = lda_window_get_counts (window);
  for (guint i = 0; i < counts->n_objects; i++)
    g_assert_cmpuint (counts->objects[i].nucleus_pixels, >=, min_area);

  use_tool (window, "brush", LDA_CLASS_CELL);
  for (guint i = 0; i < counts->n_objects && n_strokes < 12; i += 3, n_strokes++)
    {
      /* Copied: the counts change with the stroke. */
      const LdaObject o = lda_window_get_counts (window)->objects[i];

      stroke (window, o.x0 - 4.0, o.y0 + 3.0, o.x0 + 3.0, o.y0 - 4.0);
      stroke (window, o.x1 + 3.0, o.y1 - 4.0, o.x1 - 4.0, o.y1 + 3.0);
      counts = lda_window_get_counts (window);
    }
  g_assert_cmpuint (n_strokes, ==, 12);

  counts = lda_window_get_counts (window);
  for (guint i = 0; i < counts->n_objects; i++)
    if (counts->objects[i].nucleus_pixels < min_area)
      g_error ("a nucleus of %u pixels at (%u, %u) after the strokes",
               counts->objects[i].nucleus_pixels, counts->objects[i].x0, counts->objects[i].y0);

  /* Each stroke is undone with its crumbs: the automatic mask again. */
  for (guint i = 0; i < 2 * n_strokes; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  {
    LdaImage *automatic = lda_pipeline_runner_get_result (lda_window_get_runner (window))->labels;
    LdaImage *merged = lda_window_get_merged (window);

    g_assert_cmpmem (lda_image_u8 (merged), lda_image_n_bytes (merged),
                     lda_image_u8 (automatic), lda_image_n_bytes (automatic));
  }

  close_window (window);
  lda_test_remove_tree (dir);
}

/* The class buttons show the class the tools paint from the start: the
 * window paints cell area (1) until told otherwise, and its button is the
 * one pressed.  Before, the buttons read the class before the window set
 * it, and background (0) looked chosen while the label said cell area. */
static void
test_class_buttons_show_class (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  LdaWindow *window;
  int klass = -1;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  buttons = lda_test_find_all (GTK_WIDGET (window), lda_test_has_css_class,
                               (gpointer) "lda-class-button");
  g_assert_cmpuint (buttons->len, ==, LDA_N_CLASSES);
  for (int step = 0; step < 2; step++)
    {
      g_object_get (window, "paint-class", &klass, NULL);
      g_assert_cmpint (klass, ==, step == 0 ? LDA_CLASS_CELL : LDA_CLASS_DRAQ7);
      for (guint i = 0; i < buttons->len; i++)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (buttons->pdata[i]));

          g_assert_cmpint (gtk_toggle_button_get_active (buttons->pdata[i]), ==,
                           g_variant_get_int32 (target) == klass);
        }
      use_tool (window, "brush", LDA_CLASS_DRAQ7);
    }

  close_window (window);
  lda_test_remove_tree (dir);
}

/* The hint shown over the pane of the last stroke leaves image row
 * @image_y in sight. */
static void
assert_hint_clear_of (LdaWindow *window,
                      double     image_y)
{
  LdaImageView *view = window->views[window->stroke_pane];
  graphene_rect_t bounds;
  double cx, cy, wy;

  lda_test_settle (window);
  g_assert_nonnull (window->hint);
  lda_image_view_get_center (view, &cx, &cy);
  wy = (image_y - cy) * lda_image_view_get_zoom (view) +
       gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  g_assert_true (gtk_widget_compute_bounds (window->hint, GTK_WIDGET (view), &bounds));
  g_test_message ("stroke row at %.1f, hint %.1f to %.1f", wy, bounds.origin.y,
                  bounds.origin.y + bounds.size.height);
  g_assert_true (wy < bounds.origin.y || wy > bounds.origin.y + bounds.size.height);
}

/* A brush of a nucleus class painted from one nucleus across the line
 * that splits it from its neighbour keeps the line, and the two nuclei
 * stay two; a hint over the pane says, once, that Shift joins them; with
 * Shift held the same stroke joins them, the rest of the line between
 * them too, and the counts have one cell fewer. */
static void
test_brush_keeps_nuclei_apart (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  LdaImage *merged;
  guint connectivity, n_before, ax = 0, y = 0;
  gboolean found = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  connectivity = lda_params_nucleus_connectivity (
    lda_document_get_params (lda_window_get_document (window), lda_window_get_frame (window)));
  merged = lda_window_get_merged (window);
  n_before = lda_window_get_counts (window)->n_objects;

  /* Nucleus A, a line one pixel wide, nucleus B, in a row. */
  for (guint yy = 10; yy + 10 < merged->height && !found; yy++)
    for (guint x = 10; x + 10 < merged->width && !found; x++)
      if (lda_test_is_nucleus_class (lda_image_get (merged, x, yy)) &&
          lda_image_get (merged, x + 1, yy) == LDA_CLASS_OUTLINE &&
          lda_test_is_nucleus_class (lda_image_get (merged, x + 2, yy)))
        {
          g_autoptr(GArray) a = lda_labels_nucleus_find (merged, x, yy, connectivity);

          if (!lda_test_pixel_in (a, (int) x + 2, (int) yy, merged->width))
            {
              ax = x;
              y = yy;
              found = TRUE;
            }
        }
  g_assert_true (found);

  use_tool (window, "brush", LDA_CLASS_HOECHST);
  g_assert_null (lda_window_get_message (window));
  /* The stroke's row just below the panes' captions, where the hint was
   * shown over it. */
  {
    LdaImageView *view = window->views[window->stroke_pane];
    double cx, cy;

    lda_image_view_set_zoom (view, 4.0);
    lda_image_view_get_center (view, &cx, &cy);
    lda_image_view_set_center (view, ax, y + 0.5 + (gtk_widget_get_height (GTK_WIDGET (view)) / 2.0
                                                   - 40.0) / lda_image_view_get_zoom (view));
  }
  stroke (window, ax - 1.5, y + 0.5, ax + 3.5, y + 0.5);
  assert_hint_clear_of (window, y + 0.5);
  {
    g_autoptr(GArray) a = lda_labels_nucleus_find (lda_window_get_merged (window), ax, y,
                                                   connectivity);

    g_assert_cmpuint (label_at (window, ax + 1, y), ==, LDA_CLASS_OUTLINE);
    g_assert_false (lda_test_pixel_in (a, (int) ax + 2, (int) y, merged->width));
  }
  g_assert_cmpuint (lda_window_get_counts (window)->n_objects, >=, n_before);
  /* Said over the pane, not in a bar that would push the panes down. */
  g_assert_null (lda_window_get_message (window));
  g_assert_nonnull (lda_window_get_hint (window));
  g_assert_nonnull (strstr (lda_window_get_hint (window), "Shift"));

  /* Said once: gone at the next stroke, and not said again. */
  stroke (window, ax - 1.5, y + 0.5, ax + 3.5, y + 0.5);
  g_assert_null (lda_window_get_hint (window));

  /* Joined, Shift held. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_cmpuint (lda_window_get_counts (window)->n_objects, ==, n_before);
  lda_window_stroke_begin_joining (window, ax - 1.5, y + 0.5);
  lda_window_stroke_move (window, ax + 3.5, y + 0.5);
  lda_window_stroke_end (window);
  {
    LdaImage *now = lda_window_get_merged (window);
    const LdaImage *before = lda_pipeline_runner_get_result (lda_window_get_runner (window))->labels;
    const guint w = now->width;
    g_autoptr(GArray) a = lda_labels_nucleus_find (now, ax, y, connectivity);
    g_autoptr(LdaBitplane) in_a = lda_bitplane_new (w, now->height, NULL);
    guint n_line = 0;

    g_assert_true (lda_test_pixel_in (a, (int) ax + 2, (int) y, w));
    /* The line that split them is gone within the nucleus, past the
     * brush's path too: each of its pixels between two of the joined
     * nucleus's is the nucleus's now. */
    for (guint i = 0; i < a->len; i++)
      lda_bitplane_set (in_a, g_array_index (a, guint32, i) % w, g_array_index (a, guint32, i) / w,
                        TRUE);
    for (guint py = 1; py + 1 < now->height; py++)
      for (guint px = 1; px + 1 < w; px++)
        if (lda_image_get (before, px, py) == LDA_CLASS_OUTLINE &&
            ((lda_bitplane_get (in_a, px - 1, py) && lda_bitplane_get (in_a, px + 1, py)) ||
             (lda_bitplane_get (in_a, px, py - 1) && lda_bitplane_get (in_a, px, py + 1))))
          {
            g_assert_true (lda_test_is_nucleus_class (lda_image_get (now, px, py)));
            n_line++;
          }
    g_test_message ("%u pixels of the line within the joined nucleus", n_line);
    g_assert_cmpuint (n_line, >, 0);
  }
  g_assert_cmpuint (lda_window_get_counts (window)->n_objects, <, n_before);
  g_assert_null (lda_window_get_hint (window));

  close_window (window);
  lda_test_remove_tree (dir);
}

/* Edits are saved by themselves within two seconds, and found again when
 * the same images are opened. */
static void
test_autosave_and_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *project = NULL;
  LdaWindow *window;
  gint64 start;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  use_tool (window, "brush", 1);
  stroke (window, 30, 30, 120, 60);
  g_assert_true (lda_window_save_pending (window));

  start = g_get_monotonic_time ();
  while (lda_window_save_pending (window))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, TRUE);
    }
  project = g_build_filename (dir, LDA_PROJECT_FOLDER_NAME, NULL);
  g_assert_true (g_file_test (project, G_FILE_TEST_IS_DIR));
  g_assert_cmpstr (lda_window_get_project_folder (window), ==, project);

  /* Gone without closing: only what was saved counts. */
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  window = open_window (dir);
  g_assert_cmpuint (label_at (window, 75, 45), ==, 1);
  g_assert_true (lda_series_get_frame (lda_window_get_series (window), 0)->state == LDA_FRAME_EDITED);

  close_window (window);
  lda_test_remove_tree (dir);
}

/* The frame's edits as saved on disk, read as `livedead export` reads them. */
static LdaEdits *
saved_edits (const char *dir)
{
  g_autofree char *bf = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_bf.tif", dir);
  g_autofree char *ho = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_hoechst.tif", dir);
  g_autofree char *dr = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_draq7.tif", dir);
  const char *paths[] = { bf, ho, dr };
  g_autoptr(LdaSeries) series = lda_series_new_from_files (paths, 3, NULL);
  g_autoptr(LdaProjectLocation) location = lda_project_location_new (series, FALSE);
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_project_load_location (series, location, &edits, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&g_ptr_array_index (edits, 0));
}

/* A save that fails (here: the disk is full) says so for as long as it
 * fails, keeps the corrections, and is tried again by itself: once the
 * disk has room, the stroke reaches the disk with no other edit and
 * without closing the window (a crash then loses nothing). */
static void
test_failed_save_is_retried (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LdaEdits) on_disk = NULL;
  struct rlimit limit, full;
  LdaDocument *document;
  LdaWindow *window;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  document = lda_window_get_document (window);
  use_tool (window, "brush", 1);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  full = limit;
  full.rlim_cur = 16;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &full), ==, 0);

  stroke (window, 30, 30, 120, 60);
  while (lda_document_get_save_state (document) != LDA_SAVE_STATE_FAILED)
    g_main_context_iteration (NULL, TRUE);

  message = lda_window_get_project_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "not saved yet"));
  g_assert_nonnull (strstr (message, g_strerror (EFBIG)));
  g_assert_nonnull (strstr (message, "Trying again"));

  /* Still failing: the next tries fail too, and the state stays shown. */
  while (lda_document_get_retry_seconds (document) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lda_document_get_save_state (document), ==, LDA_SAVE_STATE_FAILED);
  g_assert_nonnull (lda_window_get_project_message (window));

  /* Room again: the retry saves by itself. */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  while (lda_document_get_save_state (document) != LDA_SAVE_STATE_SAVED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (lda_window_get_project_message (window));

  on_disk = saved_edits (dir);
  g_assert_nonnull (on_disk);
  g_assert_cmpuint (on_disk->pixels[45 * on_disk->width + 75], ==, 1);

  close_window (window);
  window = open_window (dir);
  g_assert_cmpuint (label_at (window, 75, 45), ==, 1);

  close_window (window);
  lda_test_remove_tree (dir);
}

/* Resetting a frame drops its edits in one step, which undo brings back. */
static void
test_reset_is_undoable (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  guint automatic;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  automatic = label_at (window, 50, 200);

  use_tool (window, "brush", automatic == 0 ? 4 : 0);
  stroke (window, 40, 200, 60, 200);
  g_assert_cmpuint (label_at (window, 50, 200), !=, automatic);

  lda_window_reset_frame_edits (window);
  g_assert_cmpuint (label_at (window, 50, 200), ==, automatic);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (label_at (window, 50, 200), !=, automatic);

  close_window (window);
  lda_test_remove_tree (dir);
}

static void
on_exported (LdaExportDialog *dialog,
             const char      *folder,
             int              frame,
             gboolean        *done)
{
  *done = TRUE;
}

/* Compares the files under @a with those of @b; returns how many. */
static guint
compare_files (const char *a,
               const char *b)
{
  g_autoptr(GDir) dir = g_dir_open (a, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *pa = g_build_filename (a, name, NULL);
      g_autofree char *pb = g_build_filename (b, name, NULL);
      g_autofree char *da = NULL, *db = NULL;
      gsize la, lb;

      if (g_file_test (pa, G_FILE_TEST_IS_DIR))
        {
          n += compare_files (pa, pb);
          continue;
        }
      g_assert_true (g_file_get_contents (pa, &da, &la, NULL));
      g_assert_true (g_file_get_contents (pb, &db, &lb, NULL));
      if (la != lb || memcmp (da, db, la) != 0)
        g_test_message ("%s differs", pa);
      g_assert_cmpmem (da, la, db, lb);
      n++;
    }
  return n;
}

static void
assert_same_files (const char *a,
                   const char *b)
{
  g_assert_cmpuint (compare_files (a, b), >, 0);
  g_assert_cmpuint (compare_files (b, a), >, 0);
}

/* The window's export and `livedead export` of the saved project write
 * the same files, byte for byte, with the corrections in them. */
static void
test_export_matches_command (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out_window = NULL;
  g_autofree char *out_command = NULL;
  g_autofree char *labels_path = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = NULL;
  const char *livedead = g_getenv ("LIVEDEAD");
  static const struct { const char *name; double val_fraction; const char *val_text; } layouts[] = {
    { "pairs", 0, "0" },
    { "nnunet", 0.5, "0.5" },
    { "instances", 0.5, "0.5" },
  };
  LdaExportDialog *dialog;
  LdaWindow *window;
  gboolean done = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_nonnull (livedead);

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  use_tool (window, "brush", 4);
  stroke (window, 300, 400, 420, 420);
  g_assert_true (lda_window_save_now (window, NULL));

  /* Every layout, the split ones with a validation fraction: the
   * dialog's controls as a person sets them, the command's options. */
  for (guint k = 0; k < G_N_ELEMENTS (layouts); k++)
    {
      g_autofree char *window_name = g_strdup_printf ("export-window-%s", layouts[k].name);
      g_autofree char *command_name = g_strdup_printf ("export-command-%s", layouts[k].name);
      g_autoptr(GSubprocess) command = NULL;
      GThread *finalized_in = NULL;
      gint64 deadline;
      LdaExportLayout layout;

      g_assert_true (lda_export_layout_parse (layouts[k].name, &layout));
      g_clear_pointer (&out_window, g_free);
      g_clear_pointer (&out_command, g_free);
      out_window = g_build_filename (dir, window_name, NULL);
      out_command = g_build_filename (dir, command_name, NULL);

      copies = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);
      g_ptr_array_add (copies, lda_edits_copy (lda_document_get_edits (lda_window_get_document (window), 0), NULL));
      dialog = lda_export_dialog_new (GTK_WINDOW (window), lda_series_copy (lda_window_get_series (window)),
                                      g_steal_pointer (&copies), 0, out_window);
      lda_export_dialog_set_layout (dialog, layout, layouts[k].val_fraction, 11);
      done = FALSE;
      g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &done);
      g_object_weak_ref (G_OBJECT (dialog), on_finalized, &finalized_in);
      gtk_window_present (GTK_WINDOW (dialog));
      lda_export_dialog_start (dialog, FALSE);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      /* Done, the dialog closes itself, and is let go on this thread, never
       * in the export's: GTK's objects are finalized on the main thread. */
      deadline = lda_test_deadline (10);
      while (g_atomic_pointer_get (&finalized_in) == NULL)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
        }
      g_assert_true (finalized_in == g_thread_self ());

      command = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, livedead, "export",
                                  dir, "-o", out_command, "--layout", layouts[k].name,
                                  "--val-fraction", layouts[k].val_text, "--seed", "11",
                                  "--quiet", NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (command, NULL, &error));
      g_assert_no_error (error);

      assert_same_files (out_window, out_command);
    }

  labels_path = g_build_filename (out_window, LDA_TEST_SAMPLE "_labels.tif", NULL);
  labels = lda_tiff_read (labels_path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_image_get (labels, 360, 410), ==, 4);

  close_window (window);
  lda_test_remove_tree (dir);
}

static char *
make_series_folder (void)
{
  char *dir = lda_test_copy_sample ("lda-edit");
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  /* The sample is frame t1; a copy of it is frame t2. */
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *from = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", dir, channels[c]);
      g_autofree char *to1 = g_strdup_printf ("%s/well_t1_%s.tif", dir, channels[c]);
      g_autofree char *to2 = g_strdup_printf ("%s/well_t2_%s.tif", dir, channels[c]);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to2);

      g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
      g_assert_cmpint (g_rename (from, to1), ==, 0);
    }

  return dir;
}

static LdaWindow *
open_folder_window (const char *dir)
{
  LdaWindow *window = lda_window_new (NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lda_window_open (window, &folder, 1, FALSE));
  wait_for_result (window);

  return window;
}

/* Each frame keeps its own undo history when the person moves between
 * frames. */
static void
test_history_per_frame (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_series_folder ();
  window = open_folder_window (dir);
  g_assert_cmpuint (lda_series_get_n_frames (lda_window_get_series (window)), ==, 2);

  use_tool (window, "brush", 2);
  stroke (window, 20, 50, 200, 50);
  g_assert_cmpuint (label_at (window, 100, 50), ==, 2);

  lda_window_set_frame (window, 1);
  wait_for_result (window);
  g_assert_cmpuint (label_at (window, 100, 50), !=, 2);
  use_tool (window, "brush", 4);
  stroke (window, 20, 80, 200, 80);

  lda_window_set_frame (window, 0);
  wait_for_result (window);
  g_assert_cmpuint (label_at (window, 100, 50), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (label_at (window, 100, 50), !=, 2);

  /* Frame 2's stroke is still there, with its own history. */
  lda_window_set_frame (window, 1);
  wait_for_result (window);
  g_assert_cmpuint (label_at (window, 100, 80), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (label_at (window, 100, 80), !=, 4);

  close_window (window);
  lda_test_remove_tree (dir);
}

/* The export dialog's list of time points counts from 1, as the strip
 * and the window's title do: "2" is the second. */
static void
test_export_list_counts_from_one (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) edits = g_ptr_array_new ();
  LdaExportDialog *dialog;
  LdaWindow *window;
  GtkWidget *list_check, *list_entry, *error_label;
  gboolean done = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_series_folder ();
  out = g_build_filename (dir, "export", NULL);
  first = g_build_filename (out, "well_t1_labels.tif", NULL);
  second = g_build_filename (out, "well_t2_labels.tif", NULL);
  window = open_folder_window (dir);
  g_ptr_array_add (edits, NULL);
  g_ptr_array_add (edits, NULL);
  dialog = lda_export_dialog_new (GTK_WINDOW (window), lda_series_copy (lda_window_get_series (window)),
                                  g_steal_pointer (&edits), 0, out);
  list_check = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), LDA_TYPE_EXPORT_DIALOG,
                                              "list_check");
  list_entry = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), LDA_TYPE_EXPORT_DIALOG,
                                              "list_entry");
  error_label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), LDA_TYPE_EXPORT_DIALOG,
                                               "error_label");
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &done);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (list_check), TRUE);

  /* There is no time point 0, nor a third. */
  gtk_editable_set_text (GTK_EDITABLE (list_entry), "0");
  lda_export_dialog_start (dialog, FALSE);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (error_label)));
  gtk_editable_set_text (GTK_EDITABLE (list_entry), "3");
  lda_export_dialog_start (dialog, FALSE);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "2 time points"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  gtk_editable_set_text (GTK_EDITABLE (list_entry), "2");
  lda_export_dialog_start (dialog, FALSE);
  g_assert_false (gtk_widget_get_visible (error_label));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));

  close_window (window);
  lda_test_remove_tree (dir);
}

/* Opening other images right after a stroke saves the stroke first. */
static void
test_switching_series_saves (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other = NULL;
  LdaWindow *window;
  g_autoptr(GFile) folder = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_series_folder ();
  other = make_series_folder ();
  window = open_folder_window (dir);
  use_tool (window, "brush", 3);
  /* Shift held: a line of class 3 across whatever nuclei it meets. */
  lda_test_stroke_joining (window, 20, 60, 200, 60);

  /* No waiting for the autosave: open another folder at once. */
  folder = g_file_new_for_path (other);
  g_assert_true (lda_window_open (window, &folder, 1, FALSE));
  wait_for_result (window);
  g_assert_null (lda_document_get_edits (lda_window_get_document (window), 0));
  gtk_window_destroy (GTK_WINDOW (window));

  window = open_folder_window (dir);
  {
    LdaEdits *edits = lda_document_get_edits (lda_window_get_document (window), 0);

    g_assert_nonnull (edits);
    g_assert_cmpuint (edits->pixels[60 * edits->width + 100], ==, 3);
  }
  g_assert_cmpuint (label_at (window, 100, 60), ==, 3);

  close_window (window);
  lda_test_remove_tree (dir);
  lda_test_remove_tree (other);
}

/* A brush stroke of cell area across the largest nucleus cuts it in two,
 * and each part counts as a cell: the counts went up without a word.
 * Now a hint says so and how to take the stroke back. */
static void
test_cell_stroke_cuts_nucleus (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  const LdaCounts *counts;
  const LdaObject *big = NULL;
  guint n_before, y;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-edit");
  window = open_window (dir);
  counts = lda_window_get_counts (window);
  n_before = counts->n_objects;
  for (guint i = 0; i < counts->n_objects; i++)
    if (big == NULL || counts->objects[i].nucleus_pixels > big->nucleus_pixels)
      big = &counts->objects[i];
  g_assert_nonnull (big);
  g_assert_cmpuint (big->y1 - big->y0, >, 20);

  use_tool (window, "brush", LDA_CLASS_CELL);
  y = (big->y0 + big->y1) / 2;
  stroke (window, big->x0 - 3.5, y + 0.5, big->x1 + 3.5, y + 0.5);
  g_assert_cmpuint (lda_window_get_counts (window)->n_objects, >, n_before);
  g_assert_nonnull (lda_window_get_hint (window));
  g_assert_nonnull (strstr (lda_window_get_hint (window), "cut"));

  /* Undone, the hint has nothing to say. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  lda_test_settle (window);
  g_assert_cmpuint (lda_window_get_counts (window)->n_objects, ==, n_before);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/edit/brush-erase-undo", test_brush_erase_undo);
  g_test_add_func ("/edit/rerun-keeps-edits", test_rerun_keeps_edits);
  g_test_add_func ("/edit/counts-follow-corrections", test_counts_follow_corrections);
  g_test_add_func ("/edit/brush-leaves-no-crumbs", test_brush_leaves_no_crumbs);
  g_test_add_func ("/edit/brush-keeps-nuclei-apart", test_brush_keeps_nuclei_apart);
  g_test_add_func ("/edit/cell-stroke-cuts-nucleus", test_cell_stroke_cuts_nucleus);
  g_test_add_func ("/edit/class-buttons-show-class", test_class_buttons_show_class);
  g_test_add_func ("/edit/autosave-and-reopen", test_autosave_and_reopen);
  g_test_add_func ("/edit/failed-save-is-retried", test_failed_save_is_retried);
  g_test_add_func ("/edit/reset-is-undoable", test_reset_is_undoable);
  g_test_add_func ("/edit/export-matches-command", test_export_matches_command);
  g_test_add_func ("/edit/history-per-frame", test_history_per_frame);
  g_test_add_func ("/edit/export-list-counts-from-one", test_export_list_counts_from_one);
  g_test_add_func ("/edit/switching-series-saves", test_switching_series_saves);

  return g_test_run ();
}
