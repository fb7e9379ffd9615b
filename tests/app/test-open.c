/* test-open.c — opening, reopening and sharing a project, through the
 * window
 *
 * A failed open changes nothing; a second window on the same images is
 * read-only; opening again restores where the person left off; damaged
 * corrections are flagged and block exports until the person goes on
 * without them; parameter changes are undone as strokes are.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-channel-panel.h"
#include "lda-image-view.h"
#include "lda-message-bar.h"
#include "lda-project.h"
#include "lda-tiff.h"
#include "ui-test-util.h"

static gboolean have_display;

static const char *
title_of (LdaWindow *window)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (window), LDA_TYPE_WINDOW,
                                                  "title_label");

  return gtk_label_get_text (GTK_LABEL (label));
}

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

static guint
label_at (LdaWindow *window,
          guint      x,
          guint      y)
{
  return lda_image_get (lda_window_get_merged (window), x, y);
}

static GtkAdjustment *
hoechst_offset (LdaWindow *window)
{
  return lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, LDA_CHANNEL_HOECHST)));
}

/* Writes the first half of @from's bytes to @to: a TIFF whose header
 * reads well and whose pixels stop half-way. */
static void
write_truncated (const char *from,
                 const char *to)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (to, data, (gssize) (length / 2), NULL));
}

/* A 256 × 256 image, to go with the sample's 512 × 512 ones. */
static void
write_small (const char *path)
{
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 256, 256, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_tiff_write (path, image, &error));
  g_assert_no_error (error);
}

/* A folder whose triple cannot be used: the window stays exactly on what
 * it showed — title, series, project, images — corrections still go to
 * the project shown, and the bad folder gets no project and no place in
 * Recent. */
static void
check_failed_open (gboolean truncated)
{
  g_autofree char *good = lda_test_copy_sample ("lda-open-good");
  g_autofree char *bad = lda_test_copy_sample ("lda-open-bad");
  g_autofree char *bad_dr = lda_test_sample_path (bad, "draq7");
  g_autofree char *bad_project = g_build_filename (bad, LDA_PROJECT_FOLDER_NAME, NULL);
  g_autofree char *bad_uri = NULL;
  g_autofree char *title = NULL;
  g_autofree char *project = NULL;
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  const char *paths[] = { bad };
  LdaDocument *document;
  LdaRunResult *shown;
  LdaWindow *window;
  const char *message;

  window = open_sample_copy (good);
  document = lda_window_get_document (window);
  title = g_strdup (title_of (window));
  project = g_strdup (lda_window_get_project_folder (window));
  shown = lda_pipeline_runner_get_result (lda_window_get_runner (window));

  if (truncated)
    {
      g_autofree char *copy = g_strconcat (bad_dr, ".orig", NULL);

      g_assert_cmpint (g_rename (bad_dr, copy), ==, 0);
      write_truncated (copy, bad_dr);
      g_assert_cmpint (g_unlink (copy), ==, 0);
    }
  else
    write_small (bad_dr);

  g_assert_true (lda_test_open (window, paths, 1));

  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "draq7"));
  g_assert_true (lda_window_get_document (window) == document);
  g_assert_cmpstr (title_of (window), ==, title);
  g_assert_cmpstr (lda_window_get_project_folder (window), ==, project);
  g_assert_true (lda_pipeline_runner_get_result (lda_window_get_runner (window)) == shown);
  g_assert_false (g_file_test (bad_project, G_FILE_TEST_EXISTS));
  bad_uri = g_file_get_uri (bad_file);
  g_assert_false (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), bad_uri));

  /* Still editable, and saved where it belongs. */
  lda_test_use_tool (window, "brush", 4);
  lda_test_stroke_joining (window, 40, 40, 90, 40);
  g_assert_cmpuint (label_at (window, 60, 40), ==, 4);
  gtk_adjustment_set_value (hoechst_offset (window), 1.7);
  lda_test_wait (window);
  g_assert_true (lda_window_save_now (window, NULL));
  g_assert_false (g_file_test (bad_project, G_FILE_TEST_EXISTS));
  lda_test_window_close (window);

  window = open_sample_copy (good);
  g_assert_cmpuint (label_at (window, 60, 40), ==, 4);
  g_assert_cmpfloat (gtk_adjustment_get_value (hoechst_offset (window)), ==, 1.7);
  lda_test_window_close (window);

  lda_test_remove_tree (good);
  lda_test_remove_tree (bad);
}

/* @sample/@sub, a folder of copies of the sample triple, one per name of
 * @names (NULL-terminated). */
static char *
sample_folder (const char         *sample,
               const char         *sub,
               const char * const *names)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  char *dir = g_build_filename (sample, sub, NULL);

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint t = 0; names[t] != NULL; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *from = lda_test_sample_path (sample, channels[c]);
        g_autofree char *name = g_strdup_printf ("%s_%s.tif", names[t], channels[c]);
        g_autofree char *to = g_build_filename (dir, name, NULL);

        lda_test_copy_file (from, to);
      }

  return dir;
}

/* A first open that fails leaves nothing open: the panels show the
 * default preset, as its drop-down says (they showed the article's
 * values), and Export, with nothing to export, cannot be chosen. */
static void
test_failed_first_open (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *bad = NULL;
  const char *paths[1];
  LdaChannelParams robust;
  LdaWindow *window;
  GtkWidget *export, *panel, *bar;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-open");
  bad = g_build_filename (dir, "broken_hoechst.tif", NULL);
  g_assert_true (g_file_set_contents (bad, "not a TIFF", -1, NULL));
  paths[0] = bad;

  window = lda_test_window_new ();
  export = lda_test_find (GTK_WIDGET (window), lda_test_has_action, (gpointer) "win.export");
  g_assert_nonnull (export);
  /* Refused as soon as it is read, or once the runner tries: either way
   * nothing is open and the window says why. */
  lda_test_open (window, paths, 1);
  g_assert_nonnull (lda_window_get_message (window));
  g_assert_null (lda_window_get_document (window));
  g_assert_false (gtk_widget_is_sensitive (export));
  lda_channel_params_init_preset (&robust, LDA_PRESET_DEFAULT, LDA_CHANNEL_HOECHST);
  g_assert_cmpfloat (gtk_adjustment_get_value (hoechst_offset (window)), ==, robust.offset);
  /* Nothing to tune or paint (the side bar took changes for no image),
   * and the message offers to open other images. */
  panel = lda_test_find (GTK_WIDGET (window), lda_test_is_type,
                         GSIZE_TO_POINTER (LDA_TYPE_CHANNEL_PANEL));
  g_assert_nonnull (panel);
  g_assert_false (gtk_widget_is_sensitive (panel));
  bar = lda_test_find (GTK_WIDGET (window), lda_test_is_type,
                       GSIZE_TO_POINTER (LDA_TYPE_MESSAGE_BAR));
  g_assert_nonnull (bar);
  g_assert_nonnull (lda_test_find (bar, lda_test_has_action, (gpointer) "win.open"));

  lda_test_window_close (window);
  window = open_sample_copy (dir);
  export = lda_test_find (GTK_WIDGET (window), lda_test_has_action, (gpointer) "win.export");
  g_assert_true (gtk_widget_is_sensitive (export));
  panel = lda_test_find (GTK_WIDGET (window), lda_test_is_type,
                         GSIZE_TO_POINTER (LDA_TYPE_CHANNEL_PANEL));
  g_assert_true (gtk_widget_is_sensitive (panel));
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

static void
test_failed_open_truncated (void)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  check_failed_open (TRUE);
}

static void
test_failed_open_sizes_differ (void)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  check_failed_open (FALSE);
}

/* Two windows on the same images: the second shows them read-only, says
 * why, and neither paints nor saves over the first one's work. */
static void
test_second_window_read_only (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *first, *second;
  GtkWidget *panel;
  const char *reason;
  guint before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-open-twice");
  first = open_sample_copy (dir);
  lda_test_use_tool (first, "brush", 1);
  lda_test_stroke (first, 20, 20, 60, 20);

  second = open_sample_copy (dir);
  reason = lda_window_get_project_message (second);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "another window"));
  g_assert_nonnull (strstr (reason, "read-only"));

  before = label_at (second, 300, 300);
  lda_test_use_tool (second, "brush", before == 4 ? 3 : 4);
  lda_test_stroke (second, 280, 300, 320, 300);
  g_assert_cmpuint (label_at (second, 300, 300), ==, before);
  /* Said once, in the bar under the header, not again over the panes. */
  g_assert_true (lda_window_get_message (second) == NULL ||
                 strstr (lda_window_get_message (second), "read-only") == NULL);
  gtk_adjustment_set_value (hoechst_offset (second), 3.3);
  lda_test_wait (second);
  g_assert_cmpfloat (gtk_adjustment_get_value (hoechst_offset (second)), !=, 3.3);
  /* Greyed, and still so once the window's actions are looked at again
   * (a pane shown alone, a frame change): that made them sensitive. */
  panel = lda_test_find (GTK_WIDGET (second), lda_test_is_type,
                         GSIZE_TO_POINTER (LDA_TYPE_CHANNEL_PANEL));
  g_assert_false (gtk_widget_is_sensitive (panel));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.show-pane", "i", 4));
  g_assert_false (gtk_widget_is_sensitive (panel));
  lda_test_window_close (second);

  /* The first one's stroke is saved, the second's nowhere. */
  lda_test_window_close (first);
  first = open_sample_copy (dir);
  g_assert_null (lda_window_get_project_message (first));
  g_assert_cmpuint (label_at (first, 40, 20), ==, 1);
  g_assert_cmpuint (label_at (first, 300, 300), ==, before);
  lda_test_window_close (first);

  lda_test_remove_tree (dir);
}

/* Opening a folder again lands where the person left it: the frame, the
 * pane shown alone, its zoom and the place it was centred on (before,
 * the middle of the image, wherever the person had been working). */
static void
test_reopen_restores_view (void)
{
  g_autofree char *sample = NULL;
  g_autofree char *dir = NULL;
  const char *paths[1];
  LdaImageView *view;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  sample = lda_test_copy_sample ("lda-open-view");
  dir = sample_folder (sample, "series", (const char * const[]) { "well_t1", "well_t2", "well_t3",
                                                                  NULL });
  paths[0] = dir;

  window = lda_test_window_new ();
  g_assert_true (lda_test_open (window, paths, 1));
  lda_window_set_frame (window, 2);
  lda_test_wait (window);
  lda_window_show_pane (window, LDA_PANE_SEGMENTED);
  lda_image_view_set_zoom (LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_SEGMENTED)), 4.0);
  lda_image_view_set_center (LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_SEGMENTED)),
                             100.0, 150.0);
  lda_test_window_close (window);

  /* As the application starts: the first frame may come before the
   * window has its size. */
  window = lda_window_new (NULL);
  lda_window_show_pane (window, LDA_PANE_ALL);
  g_assert_true (lda_test_open (window, paths, 1));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (lda_window_get_frame (window), ==, 2);
  g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_SEGMENTED);
  view = LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_SEGMENTED));
  g_assert_cmpfloat (lda_image_view_get_zoom (view), ==, 4.0);
  g_assert_false (lda_image_view_get_fit (view));
  {
    double ix, iy;

    /* Looking at the place left, not at the image's corner or middle. */
    lda_test_wait (window);
    lda_image_view_widget_to_image (view, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0,
                                    gtk_widget_get_height (GTK_WIDGET (view)) / 2.0, &ix, &iy);
    g_assert_cmpfloat_with_epsilon (ix, 100.0, 1.0);
    g_assert_cmpfloat_with_epsilon (iy, 150.0, 1.0);
  }

  /* A folder never opened before: the layout shown, fitted, not the last
   * folder's zoom and place. */
  {
    g_autofree char *other = sample_folder (sample, "other",
                                            (const char * const[]) { "plate_t1", NULL });
    const char *other_paths[1] = { other };

    g_assert_true (lda_test_open (window, other_paths, 1));
    lda_test_wait (window);
    g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_SEGMENTED);
    g_assert_true (lda_image_view_get_fit (view));
  }
  lda_test_window_close (window);

  lda_test_remove_tree (sample);
}

/* A folder of two time points of the sample, the second with its Hoechst
 * and Draq7 images swapped, so that the two frames' masks differ. */
static char *
make_two_frames (const char *sample)
{
  char *dir = g_build_filename (sample, "two", NULL);
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  static const char * const swapped[] = { "bf", "draq7", "hoechst" };

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  for (guint t = 1; t <= 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *from = lda_test_sample_path (sample, t == 1 ? channels[c] : swapped[c]);
        g_autofree char *name = g_strdup_printf ("well_t%u_%s.tif", t, channels[c]);
        g_autofree char *to = g_build_filename (dir, name, NULL);

        lda_test_copy_file (from, to);
      }

  return dir;
}

/* The texts of the field titles in the frame strip, with spaces between. */
static char *
field_titles (LdaWindow *window)
{
  g_autoptr(GPtrArray) labels = lda_test_find_all (GTK_WIDGET (window), lda_test_has_css_class,
                                                   (gpointer) "lda-curve-title");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            gtk_label_get_text (g_ptr_array_index (labels, i)));
  return g_string_free (text, FALSE);
}

/* A folder of two fields' time points: the strip names each field before
 * its frames (whose buttons say only the time); a folder of one field
 * names none. */
static void
test_field_titles (void)
{
  g_autofree char *sample = NULL;
  g_autofree char *one = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *two = NULL;
  LdaWindow *window;
  const char *paths[1];

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  sample = lda_test_copy_sample ("lda-open-fields");
  one = make_two_frames (sample);
  two = sample_folder (sample, "fields",
                       (const char * const[]) { "A1_t1", "A1_t2", "B2_t1", NULL });

  window = lda_test_window_new ();
  paths[0] = two;
  g_assert_true (lda_test_open (window, paths, 1));
  titles = field_titles (window);
  g_assert_cmpstr (titles, ==, "A1 B2");
  g_clear_pointer (&titles, g_free);

  paths[0] = one;
  g_assert_true (lda_test_open (window, paths, 1));
  titles = field_titles (window);
  g_assert_cmpstr (titles, ==, "");

  lda_test_window_close (window);
  lda_test_remove_tree (sample);
}

/* Whether the current frame's button lies whole within the strip's view. */
static gboolean
current_button_shown (LdaWindow *window,
                      GtkWidget *button)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (
    gtk_widget_get_template_child (GTK_WIDGET (window), LDA_TYPE_WINDOW, "frame_scroller"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (scroller);
  GtkWidget *box = gtk_scrolled_window_get_child (scroller);
  graphene_rect_t bounds;
  double value = gtk_adjustment_get_value (adjustment);

  if (GTK_IS_VIEWPORT (box))
    box = gtk_viewport_get_child (GTK_VIEWPORT (box));
  return gtk_widget_compute_bounds (button, box, &bounds) && bounds.size.width > 0 &&
         bounds.origin.x >= value &&
         bounds.origin.x + bounds.size.width <= value + gtk_adjustment_get_page_size (adjustment);
}

/* A strip longer than the window: the current frame's button is brought
 * into view when the frame changes (not left out of sight at the far
 * end), and the wheel scrolls the strip sideways.  A point of the plot
 * clicked goes to its frame. */
static void
test_strip_follows_frame (void)
{
  g_autofree char *sample = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_auto(GStrv) names = g_new0 (char *, 25);
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  GtkWidget *last;
  LdaWindow *window;
  const char *paths[1];
  gint64 deadline;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  sample = lda_test_copy_sample ("lda-open-strip");
  for (guint t = 1; t <= 24; t++)
    names[t - 1] = g_strdup_printf ("w_t%02u", t);
  dir = sample_folder (sample, "long", (const char * const *) names);

  window = lda_test_window_new_sized (900, 600);
  paths[0] = dir;
  g_assert_true (lda_test_open (window, paths, 1));
  buttons = lda_test_find_all (GTK_WIDGET (window), lda_test_has_css_class,
                               (gpointer) "lda-frame-button");
  g_assert_cmpuint (buttons->len, ==, 24);
  last = g_ptr_array_index (buttons, 23);
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                 LDA_TYPE_WINDOW,
                                                                 "frame_scroller"));
  adjustment = gtk_scrolled_window_get_hadjustment (scroller);
  g_assert_false (current_button_shown (window, last));

  lda_window_set_frame (window, 23);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!current_button_shown (window, last) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (current_button_shown (window, last));

  /* The wheel, down then up: sideways by a step. */
  {
    GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                LDA_TYPE_WINDOW, "frame_box"));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (box);
    double before = gtk_adjustment_get_value (adjustment);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
          g_signal_emit_by_name (controller, "scroll", 0.0, -1.0, &handled);
      }
    g_assert_true (handled);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, before);
  }

  /* A point of the plot clicked goes to its frame. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (window), LDA_TYPE_WINDOW,
                                                        "fraction_plot"),
                         "point-activated", 2);
  g_assert_cmpuint (lda_window_get_frame (window), ==, 2);

  lda_test_window_close (window);
  lda_test_remove_tree (sample);
}

/* The person goes to another frame while another folder is still opening:
 * the open is dropped and the frame asked for is shown. */
static void
test_frame_change_during_open (void)
{
  g_autofree char *sample = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GFile) other_file = NULL;
  LdaDocument *document;
  LdaRunResult *result;
  LdaWindow *window;
  LdaImage *merged;
  const char *paths[1];

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  sample = lda_test_copy_sample ("lda-open-during");
  dir = make_two_frames (sample);
  other = lda_test_copy_sample ("lda-open-other");
  other_file = g_file_new_for_path (other);
  paths[0] = dir;

  window = lda_test_window_new ();
  g_assert_true (lda_test_open (window, paths, 1));
  document = lda_window_get_document (window);

  g_assert_true (lda_window_open (window, &other_file, 1, FALSE));
  lda_window_set_frame (window, 1);
  result = lda_test_wait (window);

  g_assert_true (lda_window_get_document (window) == document);
  g_assert_cmpuint (lda_window_get_frame (window), ==, 1);
  g_assert_cmpuint (result->frame, ==, 1);
  merged = lda_window_get_merged (window);
  g_assert_cmpmem (merged->data, lda_image_n_bytes (merged),
                   result->labels->data, lda_image_n_bytes (result->labels));

  lda_test_window_close (window);
  lda_test_remove_tree (sample);
  lda_test_remove_tree (other);
}

/* Damaged corrections: the frame is flagged and the bar says so until
 * the person goes on without them; exports are refused meanwhile. */
static void
test_damaged_flagged (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *edits = NULL;
  LdaWindow *window;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-open-damaged");
  window = open_sample_copy (dir);
  lda_test_use_tool (window, "brush", 2);
  lda_test_stroke (window, 20, 20, 60, 20);
  g_assert_true (lda_window_save_now (window, NULL));
  edits = lda_project_frame_edits_path (lda_window_get_project_folder (window),
                                  lda_window_get_series (window), 0);
  lda_test_window_close (window);
  g_assert_true (g_file_set_contents (edits, "LDAE, damaged", -1, NULL));

  for (int round = 0; round < 2; round++)
    {
      window = open_sample_copy (dir);
      message = lda_window_get_project_message (window);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "damaged"));
      g_assert_true (lda_document_frame_is_damaged (lda_window_get_document (window), 0));
      lda_test_window_close (window);
    }

  window = open_sample_copy (dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.acknowledge-damage",
                                             NULL));
  g_assert_null (lda_window_get_project_message (window));
  lda_test_window_close (window);

  window = open_sample_copy (dir);
  g_assert_null (lda_window_get_project_message (window));
  lda_test_window_close (window);

  lda_test_remove_tree (dir);
}

/* The first widget under @widget whose action is @action. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every win.* action is installed on the window's class, the one kind
 * that GTK 4.8 really disables: an action of the window's action map
 * stayed active when "disabled", so a greyed Undo still ran on Ctrl+Z.
 * The window's action map is left empty, and Undo follows the document. */
static void
test_actions_one_mechanism (void)
{
  g_autofree char *dir = NULL;
  g_auto(GStrv) mapped = NULL;
  GObject *undo_button;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-open-actions");
  window = open_sample_copy (dir);
  mapped = g_action_group_list_actions (G_ACTION_GROUP (window));
  g_assert_cmpuint (g_strv_length (mapped), ==, 0);

  undo_button = G_OBJECT (find_actionable (GTK_WIDGET (window), "win.undo"));
  g_assert_nonnull (undo_button);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (undo_button)));
  lda_test_use_tool (window, "brush", 4);
  lda_test_stroke (window, 40, 40, 90, 40);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (undo_button)));
  g_assert_cmpstr (lda_document_get_undo_label (lda_window_get_document (window), 0), ==,
                   "Paint");

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Ctrl+Z undoes a slider as it undoes a stroke, in the order they were
 * made, and the segmentation follows. */
static void
test_params_undo (void)
{
  g_autofree char *dir = NULL;
  GtkAdjustment *offset;
  LdaRunResult *result;
  LdaWindow *window;
  double start;
  guint automatic;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-open-undo");
  window = open_sample_copy (dir);
  offset = hoechst_offset (window);
  start = gtk_adjustment_get_value (offset);
  automatic = label_at (window, 100, 100);

  gtk_adjustment_set_value (offset, start + 0.6);
  lda_test_wait (window);
  lda_document_set_merge_window (lda_window_get_document (window), 0);
  lda_test_use_tool (window, "brush", automatic == 4 ? 3 : 4);
  lda_test_stroke (window, 90, 100, 110, 100);
  g_assert_cmpuint (label_at (window, 100, 100), !=, automatic);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (label_at (window, 100, 100), ==, automatic);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset), start + 0.6, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  result = lda_test_wait (window);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset), start, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_HOECHST].offset, start, 1e-9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  result = lda_test_wait (window);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset), start + 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->params.channel[LDA_CHANNEL_HOECHST].offset, start + 0.6, 1e-9);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  have_display = gtk_init_check ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/open/failed-first-open", test_failed_first_open);
  g_test_add_func ("/open/failed-open-truncated", test_failed_open_truncated);
  g_test_add_func ("/open/failed-open-sizes-differ", test_failed_open_sizes_differ);
  g_test_add_func ("/open/second-window-read-only", test_second_window_read_only);
  g_test_add_func ("/open/reopen-restores-view", test_reopen_restores_view);
  g_test_add_func ("/open/field-titles", test_field_titles);
  g_test_add_func ("/open/strip-follows-frame", test_strip_follows_frame);
  g_test_add_func ("/open/frame-change-during-open", test_frame_change_during_open);
  g_test_add_func ("/open/damaged-flagged", test_damaged_flagged);
  g_test_add_func ("/open/params-undo", test_params_undo);
  g_test_add_func ("/open/actions-one-mechanism", test_actions_one_mechanism);

  return g_test_run ();
}
