/* test-controls.c — the side bar and the panes under a real mouse and
 * keyboard: the wheel, the tools' keys, what the controls start from and
 * what the window reads out
 *
 * Runs under Xvfb (tests/app/meson.build).  Wheel turns and key presses
 * are real X events sent with xdotool; the tests that need them skip when
 * it is missing.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-channel-panel.h"
#include "lda-edits.h"
#include "lda-fraction-plot.h"
#include "lda-histogram-plot.h"
#include "lda-image-view.h"
#include "lda-histogram-marks.h"
#include "lda-window.h"
#include "ui-test-util.h"

static gboolean have_display;

typedef LdaTestSampleWindow Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  lda_test_sample_window_open (fixture, "lda-controls", 1280, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lda_test_sample_window_close (fixture);
}

static gboolean
skip_without_input (Fixture *fixture)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return TRUE;
    }
  if (!lda_test_can_send_input (fixture->window))
    {
      g_test_skip ("real input needs an X display and xdotool");
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
panel_of (LdaWindow  *window,
          LdaChannel  channel)
{
  return lda_window_get_channel_panel (window, channel);
}

/* The @n-th spin button of a panel: offset, coarseness, kernel, manual. */
static GtkSpinButton *
panel_spin (LdaWindow  *window,
            LdaChannel  channel,
            guint       n)
{
  g_autoptr(GPtrArray) spins = lda_test_find_all (panel_of (window, channel), lda_test_is_type,
                                                  GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));

  g_assert_cmpuint (spins->len, >, n);
  return g_ptr_array_index (spins, n);
}

/* Scrolls the side bar so that @widget is near its top. */
static void
scroll_into_view (LdaWindow *window,
                  GtkWidget *widget)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (lda_test_side_bar_scroller (window));
  GtkAdjustment *side = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0), point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (scroller), &top, &point));
  gtk_adjustment_set_value (side, gtk_adjustment_get_value (side) + point.y - 60);
  lda_test_settle (window);
}

static double
side_bar_position (LdaWindow *window)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (lda_test_side_bar_scroller (window));

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller));
}

/* The wheel turned over a slider or a spin button of the side bar
 * scrolls the side bar and leaves the value alone, over a slider just
 * dragged too (the pointer gave it the focus); only a control that the
 * keyboard gave the focus takes the wheel, a slider one step a click. */
static void
test_wheel_scrolls_side_bar (Fixture       *fixture,
                             gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *panel;
  GtkWidget *scale;
  GtkAdjustment *offset;
  GtkSpinButton *coarseness;
  double before, start;

  if (skip_without_input (fixture))
    return;

  panel = panel_of (window, LDA_CHANNEL_HOECHST);
  offset = lda_channel_panel_get_offset_adjustment (LDA_CHANNEL_PANEL (panel));
  scale = lda_test_find (panel, lda_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_SCALE));
  coarseness = panel_spin (window, LDA_CHANNEL_HOECHST, 1);
  start = gtk_adjustment_get_value (offset);

  scroll_into_view (window, scale);
  before = side_bar_position (window);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("click", "--repeat", "3", "5", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);
  g_assert_cmpfloat (side_bar_position (window), >, before);

  scroll_into_view (window, GTK_WIDGET (coarseness));
  before = side_bar_position (window);
  lda_test_pointer_to (GTK_WIDGET (coarseness));
  lda_test_xdotool ("click", "--repeat", "2", "4", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_spin_button_get_value (coarseness), ==, 16);
  g_assert_cmpfloat (side_bar_position (window), <, before);

  /* Dragged, the slider has the focus; the wheel turned on to scroll
   * still scrolls. */
  scroll_into_view (window, scale);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("mousedown", "1", NULL);
  lda_test_xdotool ("mousemove_relative", "--", "-30", "0", NULL);
  lda_test_xdotool ("mouseup", "1", NULL);
  lda_test_sync_input (window);
  g_assert_true (gtk_widget_has_focus (scale));
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), !=, start);
  start = gtk_adjustment_get_value (offset);
  before = side_bar_position (window);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("click", "--repeat", "2", "4", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);
  g_assert_cmpfloat (side_bar_position (window), <, before);

  /* With the focus from the keyboard, the slider takes the wheel, a step
   * a click, and the side bar stays. */
  scroll_into_view (window, scale);
  gtk_widget_grab_focus (scale);
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  before = side_bar_position (window);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("click", "4", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (offset),
                                  start + gtk_adjustment_get_step_increment (offset), 1e-9);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("click", "--repeat", "3", "5", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (offset) -
                           (start - 2 * gtk_adjustment_get_step_increment (offset))), <, 1e-9);
  g_assert_cmpfloat (side_bar_position (window), ==, before);
}

/* Held and dragged, a slider shows no tooltip over the controls below
 * it, nor does any control of the side bar; let go, they have their
 * tooltips back, texts and all. */
static void
test_no_tooltip_while_held (Fixture       *fixture,
                            gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *panel;
  GtkWidget *scale;
  GtkWidget *coarseness;
  g_autofree char *text = NULL;

  if (skip_without_input (fixture))
    return;

  panel = panel_of (window, LDA_CHANNEL_HOECHST);
  scale = lda_test_find (panel, lda_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_SCALE));
  coarseness = GTK_WIDGET (panel_spin (window, LDA_CHANNEL_HOECHST, 1));
  text = g_strdup (gtk_widget_get_tooltip_text (scale));
  g_assert_nonnull (text);
  g_assert_true (gtk_widget_get_has_tooltip (scale));
  g_assert_true (gtk_widget_get_has_tooltip (coarseness));

  scroll_into_view (window, scale);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("mousedown", "1", NULL);
  lda_test_xdotool ("mousemove_relative", "--", "20", "0", NULL);
  lda_test_sync_input (window);
  g_assert_false (gtk_widget_get_has_tooltip (scale));
  g_assert_false (gtk_widget_get_has_tooltip (coarseness));

  lda_test_xdotool ("mouseup", "1", NULL);
  lda_test_sync_input (window);
  g_assert_true (gtk_widget_get_has_tooltip (scale));
  g_assert_true (gtk_widget_get_has_tooltip (coarseness));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (scale), ==, text);
}

static char *
tool_in_hand (LdaWindow *window)
{
  char *tool = NULL;

  g_object_get (window, "tool", &tool, NULL);
  return tool;
}

/* A tool's key typed in a number field neither takes the tool nor gets
 * into the number; Escape brings the keyboard back to the panes, and
 * there the keys take the tools again. */
static void
test_tool_keys_in_number_field (Fixture       *fixture,
                                gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkSpinButton *spin;
  GtkAdjustment *offset;
  GtkWidget *focus;
  g_autofree char *tool = NULL;
  g_autofree char *start_text = NULL;
  double start;

  if (skip_without_input (fixture))
    return;

  spin = panel_spin (window, LDA_CHANNEL_HOECHST, 0);
  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (panel_of (window, LDA_CHANNEL_HOECHST)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "fill");

  lda_test_sync_input (window);
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  gtk_editable_set_position (GTK_EDITABLE (spin), 0);
  lda_test_settle (window);
  start_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  start = gtk_adjustment_get_value (offset);

  lda_test_xdotool ("key", "b", "e", "i", "l", "d", "v", "bracketleft", "bracketright", NULL);
  lda_test_sync_input (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, start_text);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);
  tool = tool_in_hand (window);
  g_assert_cmpstr (tool, ==, "fill");
  g_clear_pointer (&tool, g_free);

  /* Escape leaves the field for the panes, keeping the tool... */
  lda_test_xdotool ("key", "Escape", NULL);
  lda_test_sync_input (window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (LDA_IS_IMAGE_VIEW (focus));
  tool = tool_in_hand (window);
  g_assert_cmpstr (tool, ==, "fill");
  g_clear_pointer (&tool, g_free);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);

  /* ...where the keys are the tools' again. */
  lda_test_xdotool ("key", "b", NULL);
  lda_test_sync_input (window);
  tool = tool_in_hand (window);
  g_assert_cmpstr (tool, ==, "brush");
  g_clear_pointer (&tool, g_free);

  lda_test_xdotool ("key", "Escape", NULL);
  lda_test_sync_input (window);
  tool = tool_in_hand (window);
  g_assert_cmpstr (tool, ==, "view");
}

/* The digits choose the class to paint while a tool is in hand, 0 too,
 * when the keyboard is on a pane: the pane's own 0 (fit) took it and
 * the next stroke painted the class before.  With no tool in hand, 0
 * still fits the pane. */
static void
test_digit_zero_over_pane (Fixture       *fixture,
                           gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaImageView *view;
  int klass = -1;
  double zoom;

  if (skip_without_input (fixture))
    return;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", 3);
  lda_test_sync_input (window);
  /* Escape puts the keyboard on a pane, and the tool down. */
  lda_test_xdotool ("key", "Escape", NULL);
  lda_test_sync_input (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  lda_test_sync_input (window);
  view = LDA_IMAGE_VIEW (gtk_root_get_focus (GTK_ROOT (window)));
  g_assert_true (LDA_IS_IMAGE_VIEW (view));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-one", NULL);
  lda_test_settle (window);
  zoom = lda_image_view_get_zoom (view);
  g_assert_false (lda_image_view_get_fit (view));

  lda_test_xdotool ("key", "0", NULL);
  lda_test_sync_input (window);
  g_object_get (window, "paint-class", &klass, NULL);
  g_assert_cmpint (klass, ==, 0);
  g_assert_cmpfloat (lda_image_view_get_zoom (view), ==, zoom);
  g_assert_false (lda_image_view_get_fit (view));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "view");
  lda_test_sync_input (window);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  lda_test_xdotool ("key", "0", NULL);
  lda_test_sync_input (window);
  g_assert_true (lda_image_view_get_fit (view));
}

/* Ctrl+Z in a number field after the last undo empties nothing, and a
 * field left empty or without a number keeps its value: Escape once set
 * an emptied Draq7 offset to 0 for every frame, every nucleus dead. */
static void
test_number_field_never_empty (Fixture       *fixture,
                               gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkSpinButton *spin;
  GtkAdjustment *offset;
  double start;

  if (skip_without_input (fixture))
    return;

  spin = panel_spin (window, LDA_CHANNEL_DRAQ7, 0);
  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (panel_of (window, LDA_CHANNEL_DRAQ7)));
  start = gtk_adjustment_get_value (offset);

  /* Typed, then Ctrl+Z more often than there are steps to undo. */
  lda_test_sync_input (window);
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  lda_test_settle (window);
  lda_test_xdotool ("key", "ctrl+a", "2", "period", "5", "Return", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, 2.5);
  lda_test_xdotool ("key", "ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), !=, "");
  lda_test_xdotool ("key", "Escape", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);

  /* Emptied by hand: the value stays, and the field shows it again. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, start);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), !=, "");

  /* A number is taken, and one past the range clamped. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "1.5");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, 1.5);
  gtk_editable_set_text (GTK_EDITABLE (spin), "99999");
  gtk_spin_button_update (spin);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, gtk_adjustment_get_upper (offset));
}

/* Ticking "Manual threshold" starts from the threshold in use: the mask
 * does not change until the person moves it. */
static void
test_manual_starts_at_threshold (Fixture       *fixture,
                                 gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaRunResult *result;
  GtkWidget *check;
  gint64 automatic;
  g_autofree guint8 *labels = NULL;

  if (skip_without_input (fixture))
    return;

  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));
  automatic = result->threshold[LDA_CHANNEL_HOECHST];
  g_assert_cmpint (automatic, >, 0);
  labels = g_memdup2 (result->labels->data, lda_image_n_bytes (result->labels));

  check = lda_test_find (panel_of (window, LDA_CHANNEL_HOECHST), lda_test_is_type,
                         GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), ==, "_Manual threshold");
  scroll_into_view (window, check);
  lda_test_pointer_to (check);
  lda_test_xdotool ("click", "1", NULL);
  lda_test_sync_input (window);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  lda_test_wait_for_result (window);

  result = lda_pipeline_runner_get_result (lda_window_get_runner (window));
  g_assert_true (result->params.channel[LDA_CHANNEL_HOECHST].manual);
  g_assert_cmpint (result->params.channel[LDA_CHANNEL_HOECHST].manual_threshold, ==, automatic);
  g_assert_cmpint (result->threshold[LDA_CHANNEL_HOECHST], ==, automatic);
  g_assert_cmpmem (result->labels->data, lda_image_n_bytes (result->labels),
                   labels, lda_image_n_bytes (result->labels));
  g_assert_cmpfloat (gtk_spin_button_get_value (panel_spin (window, LDA_CHANNEL_HOECHST, 3)),
                     ==, automatic);
}

/* The line under the panes reads the class as corrected, not the
 * automatic one beneath; over a nucleus a dab only partly covers, it
 * calls the nucleus as the counts do (more Draq7 pixels than Hoechst for
 * dead), not by the pixel under the pointer: the counts must not
 * contradict it. */
/* The segmented pane, and the image point at its centre. */
static GtkWidget *
segmented_centre (LdaWindow *window,
                  double    *ix,
                  double    *iy)
{
  GtkWidget *view = lda_window_get_view (window, LDA_PANE_SEGMENTED);

  lda_image_view_widget_to_image (LDA_IMAGE_VIEW (view), gtk_widget_get_width (view) / 2.0,
                                  gtk_widget_get_height (view) / 2.0, ix, iy);
  return view;
}

/* The class of the automatic mask at an image point. */
static guint
automatic_class (LdaWindow *window,
                 double     ix,
                 double     iy)
{
  const LdaImage *automatic = lda_pipeline_runner_get_result (lda_window_get_runner (window))->labels;

  return lda_image_get (automatic, (guint) ix, (guint) iy);
}

static void
test_status_reads_corrected_class (Fixture       *fixture,
                                   gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *view;
  GtkWidget *status;
  double ix, iy;
  guint painted, was;
  g_autofree char *expected = NULL;

  if (skip_without_input (fixture))
    return;

  view = segmented_centre (window, &ix, &iy);
  was = automatic_class (window, ix, iy);
  painted = was == 4 ? 3 : 4;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", (int) painted);
  lda_window_stroke_begin (window, ix, iy);
  lda_window_stroke_end (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "view");
  g_assert_cmpuint (lda_image_get (lda_window_get_merged (window), (guint) ix, (guint) iy), ==, painted);
  /* Into the mask shown, never into the pipeline's result, which the
   * panes show as it is while the frame has no edits. */
  g_assert_cmpuint (automatic_class (window, ix, iy), ==, was);

  status = lda_test_find (GTK_WIDGET (window), lda_test_has_css_class, (gpointer) "lda-status");
  lda_test_pointer_to (view);
  /* Over a nucleus, the read-out starts with its evidence, or its call by hand. */
  while (!g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "x ") &&
         !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "Nucleus ") &&
         !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "By hand: "))
    g_main_context_iteration (NULL, TRUE);
  expected = g_strdup_printf ("class %u ", painted);
  g_test_message ("status: %s", gtk_label_get_text (GTK_LABEL (status)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), expected));
  /* A nucleus corrected by hand says so first, then the automatic evidence,
   * with its call as corrected: a dab of the other class on a nucleus of
   * the sample gives all of it that class, and the counts follow. */
  g_assert_true (was == 3 || was == 4);
  if (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "By hand: "))
    {
      const LdaCounts *counts = lda_window_get_counts (window);
      const LdaCounts *before = lda_pipeline_runner_get_result (lda_window_get_runner (window))->counts;
      gsize hoechst, draq7;
      gboolean dead = lda_labels_nucleus_call (lda_window_get_merged (window), (guint) ix,
                                               (guint) iy, 4, &hoechst, &draq7);

      /* Painted Draq7 on a live nucleus, it is dead, all of it; painted
       * Hoechst on a dead one, live. */
      g_assert_cmpuint (painted == 4 ? hoechst : draq7, ==, 0);
      g_assert_cmpuint (painted == 4 ? draq7 : hoechst, >, 0);
      g_assert_cmpint (dead, ==, painted == 4);
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)),
                                painted == 4 ? "By hand: dead, Draq7 on " : "By hand: live, "));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), " · as found: Nucleus "));
      g_assert_cmpuint (counts->live, ==, before->live + (painted == 3) - (painted == 4));
      g_assert_cmpuint (counts->dead, ==, before->dead + (painted == 4) - (painted == 3));
    }
}

/* The read-out under a pointer that stays still follows what a stroke,
 * and its undo, changed beneath it: a stroke is painted after the pointer
 * moved, so the read-out of the move showed the class before it. */
static void
test_status_follows_stroke (Fixture       *fixture,
                            gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *view;
  GtkWidget *status;
  double ix, iy;
  guint before, painted;
  g_autofree char *was = NULL;
  g_autofree char *now = NULL;

  if (skip_without_input (fixture))
    return;

  view = segmented_centre (window, &ix, &iy);
  before = automatic_class (window, ix, iy);
  painted = before == 2 ? 1 : 2;
  was = g_strdup_printf ("class %u ", before);
  now = g_strdup_printf ("class %u ", painted);

  status = lda_test_find (GTK_WIDGET (window), lda_test_has_css_class, (gpointer) "lda-status");
  lda_test_pointer_to (view);
  while (strstr (gtk_label_get_text (GTK_LABEL (status)), "class ") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), was));

  /* The stroke where the pointer is, with no motion after it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", (int) painted);
  lda_window_stroke_begin (window, ix, iy);
  lda_window_stroke_end (window);
  g_test_message ("after the stroke: %s", gtk_label_get_text (GTK_LABEL (status)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), now));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_test_message ("after undo: %s", gtk_label_get_text (GTK_LABEL (status)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), was));
}

static gboolean
is_plot_red (const guint8 *pixel)
{
  /* Cairo's ARGB32, premultiplied, in memory order B G R A. */
  return pixel[3] > 200 && pixel[2] > 140 && pixel[1] < 90 && pixel[0] < 90;
}

/* A window of a 400 × 140 plot of the points (@times, @fractions),
 * shown; its plot in @plot. */
static GtkWidget *
plot_window_new (const double *times,
                 const double *fractions,
                 guint         n_points,
                 GtkWidget   **plot)
{
  GtkWidget *window = gtk_window_new ();

  *plot = lda_fraction_plot_new ();
  gtk_widget_set_size_request (*plot, 400, 140);
  gtk_window_set_child (GTK_WINDOW (window), *plot);
  gtk_window_present (GTK_WINDOW (window));
  lda_fraction_plot_set_n_points (LDA_FRACTION_PLOT (*plot), n_points);
  for (guint i = 0; i < n_points; i++)
    lda_fraction_plot_set_point (LDA_FRACTION_PLOT (*plot), i, times[i], fractions[i]);
  while (gtk_widget_get_width (*plot) < 400)
    g_main_context_iteration (NULL, TRUE);

  return window;
}

static void
record_index (guint *where,
              guint  index)
{
  *where = index;
}

/* The plot @plot in @window drawn, its pixels in cairo's ARGB32. */
static guint8 *
render_plot (GtkWidget *window,
             GtkWidget *plot,
             int       *width,
             int       *height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint8 *pixels;

  GTK_WIDGET_GET_CLASS (plot)->snapshot (plot, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) *width * *height * 4);
  gdk_texture_download (texture, pixels, (gsize) *width * 4);

  return pixels;
}

/* A channel's plot gets the frame's histograms and levels with every
 * result of a dragged slider, mostly the same: then it is not drawn
 * again, while a moved threshold or new levels are. */
static void
test_histogram_same_not_drawn_again (void)
{
  g_autofree guint32 *intensities = g_new0 (guint32, 65536);
  g_autofree guint32 *votes = g_new0 (guint32, 65536);
  LdaThresholdLevels levels = { 0, };
  GtkWidget *window, *plot;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint v = 0; v < 4000; v++)
    intensities[v] = 4000 - v;
  votes[900] = 12;
  for (guint m = 0; m < LDA_N_METHODS; m++)
    levels.threshold[m] = 500 + 100 * m;

  window = gtk_window_new ();
  plot = lda_histogram_plot_new ();
  gtk_widget_set_size_request (plot, 300, 120);
  gtk_window_set_child (GTK_WINDOW (window), plot);
  gtk_window_present (GTK_WINDOW (window));
  lda_histogram_plot_set_data (LDA_HISTOGRAM_PLOT (plot), intensities, votes, 900, 1200);
  lda_histogram_plot_set_levels (LDA_HISTOGRAM_PLOT (plot), &levels, 0);
  while (gtk_widget_get_width (plot) < 300)
    g_main_context_iteration (NULL, TRUE);
  lda_test_count_paints (window, 300);
  g_assert_cmpuint (lda_test_count_paints (window, 200), ==, 0);

  /* The same again: nothing to draw. */
  lda_histogram_plot_set_data (LDA_HISTOGRAM_PLOT (plot), intensities, votes, 900, 1200);
  lda_histogram_plot_set_levels (LDA_HISTOGRAM_PLOT (plot), &levels, 0);
  g_assert_cmpuint (lda_test_count_paints (window, 300), ==, 0);

  /* The threshold moved: drawn, and shown. */
  lda_histogram_plot_set_data (LDA_HISTOGRAM_PLOT (plot), intensities, votes, 900, 1300);
  g_assert_cmpint (lda_histogram_plot_get_threshold (LDA_HISTOGRAM_PLOT (plot)), ==, 1300);
  g_assert_cmpuint (lda_test_count_paints (window, 1000), >=, 1);

  /* New levels: drawn. */
  levels.threshold[1] += 7;
  lda_histogram_plot_set_levels (LDA_HISTOGRAM_PLOT (plot), &levels, 0);
  g_assert_cmpint (lda_histogram_plot_get_mark (LDA_HISTOGRAM_PLOT (plot), 1), ==, 607);
  g_assert_cmpuint (lda_test_count_paints (window, 1000), >=, 1);

  /* New votes: drawn. */
  votes[901] = 3;
  lda_histogram_plot_set_data (LDA_HISTOGRAM_PLOT (plot), intensities, votes, 900, 1300);
  g_assert_cmpuint (lda_test_count_paints (window, 1000), >=, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The in-window dead-fraction plot puts its points at their time index,
 * as the exported plot does, not at their place in the series: points at
 * times 0, 10 and 100 stand at 0, 10 % and 100 % of the time axis. */
static void
test_fraction_plot_uses_time (void)
{
  static const double times[] = { 0, 10, 100 };
  static const double fractions[] = { 0.0, 1.0, 0.0 };
  GtkWidget *window;
  GtkWidget *plot;
  g_autofree guint8 *pixels = NULL;
  int width, height, left = G_MAXINT, right = -1, top_x = -1, top_y = G_MAXINT;
  double centre_left, centre_right, place;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = plot_window_new (times, fractions, G_N_ELEMENTS (times), &plot);

  pixels = render_plot (window, plot, &width, &height);

  /* The outermost red pixels are the first and last dots; the topmost is
   * the middle point's, at a dead fraction of 1. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (is_plot_red (pixels + ((gsize) y * width + x) * 4))
        {
          left = MIN (left, x);
          right = MAX (right, x);
          if (y < top_y)
            {
              top_y = y;
              top_x = x;
            }
        }
  g_assert_cmpint (right, >, left + 100);

  centre_left = left + 2.5;
  centre_right = right - 2.5;
  place = (top_x - centre_left) / (centre_right - centre_left);
  g_test_message ("middle point at %.3f of the axis", place);
  g_assert_cmpfloat_with_epsilon (place, (times[1] - times[0]) / (times[2] - times[0]), 0.04);

  /* Its tooltip counts from 1, as the window's title does, and names the
   * frame when the plot knows it. */
  {
    g_autofree char *text = lda_fraction_plot_describe_at (LDA_FRACTION_PLOT (plot), top_x, top_y);
    g_autofree char *first = NULL;

    g_assert_cmpstr (text, ==, "Time point 2 (time 10): dead fraction 1.00");
    lda_fraction_plot_set_label (LDA_FRACTION_PLOT (plot), 0, "A1_t00");
    first = lda_fraction_plot_describe_at (LDA_FRACTION_PLOT (plot), centre_left, height - 1);
    g_assert_cmpstr (first, ==, "A1_t00\nTime point 1 (time 0): dead fraction 0.00");
  }

  /* A click on a point activates it; between points, nothing. */
  {
    guint activated = G_MAXUINT;

    g_signal_connect_swapped (plot, "point-activated", G_CALLBACK (record_index), &activated);
    g_assert_true (lda_fraction_plot_activate_at (LDA_FRACTION_PLOT (plot), top_x, top_y));
    g_assert_cmpuint (activated, ==, 1);
    activated = G_MAXUINT;
    g_assert_false (lda_fraction_plot_activate_at (LDA_FRACTION_PLOT (plot),
                                                   (top_x + centre_right) / 2, top_y));
    g_assert_cmpuint (activated, ==, G_MAXUINT);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Points of two curves (two fields of one folder): A at times 0 and 2,
 * none dead, B at 1, all dead.  A's line runs along the bottom; nothing
 * joins B's lone dot to A's, so a quarter of the way along the axis
 * there is red at the bottom only.  Drawn as one curve, the line from
 * A's first point up to B's crosses that column half-way up. */
static void
test_fraction_plot_curves (void)
{
  static const double times[] = { 0, 1, 2 };
  static const double fractions[] = { 0.0, 1.0, 0.0 };
  static const guint curves[] = { 0, 1, 0 };
  GtkWidget *window;
  GtkWidget *plot;
  int left[2], right[2], high[2], low[2];

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = plot_window_new (times, fractions, G_N_ELEMENTS (times), &plot);

  /* Drawn as one curve, then as two. */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree guint8 *pixels = NULL;
      int width, height, x;

      for (guint i = 0; pass == 1 && i < G_N_ELEMENTS (curves); i++)
        lda_fraction_plot_set_curve (LDA_FRACTION_PLOT (plot), i, curves[i]);
      pixels = render_plot (window, plot, &width, &height);
      left[pass] = G_MAXINT, right[pass] = -1, high[pass] = G_MAXINT, low[pass] = -1;
      for (int y = 0; y < height; y++)
        for (x = 0; x < width; x++)
          if (is_plot_red (pixels + ((gsize) y * width + x) * 4))
            {
              left[pass] = MIN (left[pass], x);
              right[pass] = MAX (right[pass], x);
              low[pass] = MAX (low[pass], y);
            }
      x = left[pass] + (right[pass] - left[pass]) / 4;
      for (int y = 0; y < height; y++)
        if (is_plot_red (pixels + ((gsize) y * width + x) * 4))
          high[pass] = MIN (high[pass], y);
      g_test_message ("pass %u: red from x %d to %d; at x %d from y %d, lowest %d", pass,
                      left[pass], right[pass], x, high[pass], low[pass]);
    }
  g_assert_cmpint (high[0], <, low[0] - 20);
  g_assert_cmpint (high[1], >=, low[1] - 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  guint    carried;
  guint    exact;
  gboolean first_exact;
} Results;

static void
on_result (LdaPipelineRunner *runner,
           LdaRunResult      *result,
           Results           *results)
{
  if (results->carried + results->exact == 0)
    results->first_exact = result->exact;
  if (result->exact)
    results->exact++;
  else
    results->carried++;
}

/* The pointer pressed on the Hoechst slider holds it: what it moves is
 * a drag from the first change on, however long after the last result,
 * and the exact result follows once the button is released. */
static void
test_slider_held_by_pointer (Fixture       *fixture,
                             gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaPipelineRunner *runner = lda_window_get_runner (window);
  GtkWidget *panel, *scale;
  GtkAdjustment *offset;
  Results results = { 0, };
  LdaRunResult *result;
  gulong handler;
  double start;

  if (skip_without_input (fixture))
    return;

  panel = panel_of (window, LDA_CHANNEL_HOECHST);
  offset = lda_channel_panel_get_offset_adjustment (LDA_CHANNEL_PANEL (panel));
  scale = lda_test_find (panel, lda_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_SCALE));
  scroll_into_view (window, scale);
  lda_test_wait (window);
  start = gtk_adjustment_get_value (offset);
  handler = g_signal_connect_after (runner, "updated", G_CALLBACK (on_result), &results);

  g_usleep (G_USEC_PER_SEC / 2);
  lda_test_pointer_to (scale);
  lda_test_xdotool ("mousedown", "1", NULL);
  lda_test_xdotool ("mousemove_relative", "--", "-40", "0", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), !=, start);
  while (results.carried + results.exact == 0)
    g_main_context_iteration (NULL, TRUE);
  /* (Held still long enough, the exact result would follow; not the
   * first.) */
  g_assert_false (results.first_exact);

  lda_test_xdotool ("mouseup", "1", NULL);
  lda_test_sync_input (window);
  result = lda_test_wait (window);
  g_assert_true (result->exact);
  g_assert_cmpfloat (result->params.channel[LDA_CHANNEL_HOECHST].offset, ==,
                     gtk_adjustment_get_value (offset));

  g_signal_handler_disconnect (runner, handler);
}

/* Double-clicks @view with the primary button, apart from any click
 * before. */
static void
double_click (LdaWindow *window,
              GtkWidget *view)
{
  g_usleep (G_USEC_PER_SEC);
  lda_test_pointer_to (view);
  lda_test_xdotool ("click", "--repeat", "2", "--delay", "60", "1", NULL);
  lda_test_sync_input (window);
}

/* A double-click with the view tool shows the pane alone, and again all
 * four; with the brush it is two dabs, as in any paint program, and the
 * layout stays. */
static void
test_double_click_with_brush (Fixture       *fixture,
                              gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *view = lda_window_get_view (window, LDA_PANE_SEGMENTED);

  if (skip_without_input (fixture))
    return;

  lda_window_show_pane (window, LDA_PANE_ALL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "view");
  lda_test_settle (window);
  double_click (window, view);
  g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_SEGMENTED);
  double_click (window, view);
  g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_ALL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  lda_test_settle (window);
  double_click (window, view);
  lda_test_wait (window);
  g_assert_cmpint (lda_window_get_solo_pane (window), ==, LDA_PANE_ALL);
}

typedef struct
{
  double x;
  double y;
} Point;

static void
on_pointer_moved (LdaImageView *view,
                  double        x,
                  double        y,
                  Point        *pointed)
{
  pointed->x = x;
  pointed->y = y;
}

/* The + key zooms about the pointer over a pane, as Ctrl and the wheel
 * do (and ImageJ's keys): the image point under it stays under it.
 * Before, it zoomed about the pane's centre, and what one pointed at
 * drifted away. */
static void
test_zoom_key_about_pointer (Fixture       *fixture,
                             gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *view;
  Point pointed = { -1.0, -1.0 };
  double wx, wy, ix0, iy0, ix1, iy1, zoom;
  gint64 deadline;

  if (skip_without_input (fixture))
    return;

  view = lda_window_get_view (window, LDA_PANE_SEGMENTED);
  wx = gtk_widget_get_width (view) / 4.0;
  wy = gtk_widget_get_height (view) / 4.0;
  gtk_widget_grab_focus (view);
  lda_image_view_widget_to_image (LDA_IMAGE_VIEW (view), wx, wy, &ix0, &iy0);
  zoom = lda_image_view_get_zoom (LDA_IMAGE_VIEW (view));
  /* The pointer over the view, and the view told so. */
  g_signal_connect (view, "pointer-moved", G_CALLBACK (on_pointer_moved), &pointed);
  lda_test_pointer_to_point (view, wx, wy);
  deadline = lda_test_deadline (10);
  while (!(ABS (pointed.x - ix0) < 1.0 && ABS (pointed.y - iy0) < 1.0))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  lda_test_xdotool ("key", "plus", NULL);
  while (lda_image_view_get_zoom (LDA_IMAGE_VIEW (view)) == zoom)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handlers_disconnect_by_data (view, &pointed);
  lda_image_view_widget_to_image (LDA_IMAGE_VIEW (view), wx, wy, &ix1, &iy1);
  g_test_message ("zoom %.3f -> %.3f; (%.1f, %.1f) -> (%.1f, %.1f)", zoom,
                  lda_image_view_get_zoom (LDA_IMAGE_VIEW (view)), ix0, iy0, ix1, iy1);
  g_assert_cmpfloat (lda_image_view_get_zoom (LDA_IMAGE_VIEW (view)), >, zoom);
  g_assert_cmpfloat_with_epsilon (ix1, ix0, 1.0);
  g_assert_cmpfloat_with_epsilon (iy1, iy0, 1.0);
}

/* The first slider under @widget whose tooltip says @word. */
static GtkRange *
find_slider (GtkWidget  *widget,
             const char *word)
{
  const char *tip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_SCALE (widget) && tip != NULL && strstr (tip, word) != NULL)
    return GTK_RANGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRange *found = find_slider (child, word);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The methods' names and ticks are drawn in a strip under the plot, not
 * over its bars, where they were hard to read and hid them: nothing of
 * them inside the plot area, something under it. */
static void
test_histogram_marks_under_plot (void)
{
  const gint64 thresholds[LDA_N_METHODS] = { 65535, 30000, 40000, 65535 };
  const GdkRGBA red = { 1, 0, 0, 1 };
  const graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, 300, 80);
  cairo_surface_t *surface;
  GtkWidget *widget;
  cairo_t *cr;
  const guint8 *data;
  int stride;
  gboolean inside = FALSE, under = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  widget = g_object_ref_sink (gtk_label_new (NULL));
  g_assert_cmpint (lda_histogram_marks_height (widget), >, 20);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300,
                                        80 + lda_histogram_marks_height (widget));
  cr = cairo_create (surface);
  lda_histogram_draw_marks (widget, cr, &area, 65535, thresholds, 1, &red, 20, 260);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < 300; x++)
      if (data[y * stride + 4 * x + 3] != 0)
        {
          if (y < 80)
            inside = TRUE;
          else
            under = TRUE;
        }
  g_assert_false (inside);
  g_assert_true (under);

  cairo_surface_destroy (surface);
  g_object_unref (widget);
}

/* + and − zoom with the keyboard on any control that does not take them
 * (after a choice in the View menu it is on the menu's button, where
 * they did nothing); a number field keeps them for its text. */
static void
test_zoom_keys_anywhere (Fixture       *fixture,
                         gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaImageView *view = LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_COMPOSITE));
  GtkWidget *button, *spin;

  if (skip_without_input (fixture))
    return;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-one", NULL);
  lda_test_settle (window);
  button = lda_test_find (GTK_WIDGET (window), lda_test_has_css_class, (gpointer) "lda-zoom");
  while (!GTK_IS_MENU_BUTTON (button))
    button = gtk_widget_get_parent (button);
  g_assert_true (gtk_widget_grab_focus (button));
  lda_test_sync_input (window);
  lda_test_xdotool ("key", "plus", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (lda_image_view_get_zoom (view), >, 1.0);
  lda_test_xdotool ("key", "minus", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (lda_image_view_get_zoom (view), ==, 1.0);

  spin = lda_test_find (GTK_WIDGET (window), lda_test_is_type, (gpointer) GTK_TYPE_SPIN_BUTTON);
  g_assert_true (gtk_widget_grab_focus (spin));
  lda_test_sync_input (window);
  lda_test_xdotool ("key", "minus", NULL);
  lda_test_sync_input (window);
  g_assert_cmpfloat (lda_image_view_get_zoom (view), ==, 1.0);
}

/* The View menu's button shows the zoom the panes share (it showed a
 * "+" that read as "Add", and no zoom was shown anywhere). */
static void
test_zoom_shown (Fixture       *fixture,
                 gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaImageView *view;
  GtkLabel *label;
  g_autofree char *expected = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  view = LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_COMPOSITE));
  label = GTK_LABEL (lda_test_find (GTK_WIDGET (window), lda_test_has_css_class,
                                    (gpointer) "lda-zoom"));
  g_assert_nonnull (label);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-one", NULL);
  lda_test_settle (window);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "100 %");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  lda_test_settle (window);
  g_assert_cmpfloat (lda_image_view_get_zoom (view), >, 1.0);
  expected = g_strdup_printf ("%.0f %%", 100.0 * lda_image_view_get_zoom (view));
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);

  lda_image_view_set_zoom (view, 0.05);
  lda_test_settle (window);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "5.0 %");
}

/* A drag's cells are flooded no finer than the panes show the frame
 * (lda_pipeline_set_preview()): the mipmap level of their zoom, and the
 * part of the frame they show, followed as they change. */
static void
test_zoom_sets_preview_level (Fixture       *fixture,
                              gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaPipelineRunner *runner = lda_window_get_runner (window);
  LdaImageView *view;
  const LdaImage *labels;
  LdaRect visible;
  const struct { double zoom; guint level; } zooms[] = {
    { 1.0, 0 }, { 0.5, 1 }, { 0.3, 1 }, { 0.25, 2 }, { 0.05, 4 }, { 2.0, 0 },
  };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  view = LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_COMPOSITE));
  labels = lda_image_view_get_labels (LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_SEGMENTED)));
  g_assert_nonnull (labels);
  /* Levels of device pixels: on a screen of scale 2, one finer. */
  if (gtk_widget_get_scale_factor (GTK_WIDGET (view)) != 1)
    {
      g_test_skip ("a screen of scale other than 1");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      lda_image_view_set_zoom (view, zooms[i].zoom);
      lda_test_settle (window);
      g_assert_cmpuint (lda_pipeline_runner_get_preview_shift (runner), ==, zooms[i].level);
      /* And what of the frame they show: all of it zoomed out this far,
       * a part of it at 200 %. */
      lda_pipeline_runner_get_preview_visible (runner, &visible);
      g_assert_false (lda_rect_is_empty (&visible));
      if (zooms[i].zoom <= 0.05)
        {
          g_assert_cmpint (visible.x, <=, 0);
          g_assert_cmpint (visible.x + visible.width, >=, (int) labels->width);
        }
      if (zooms[i].zoom >= 2.0)
        g_assert_cmpint (visible.width, <, (int) labels->width);
    }
}

/* The offset's slider spans 0 to 4, where people tune it (over 0 to 10
 * it moved 0.04 a pixel); its spin button still takes up to 10, and a
 * value above 4 puts the slider at its end without being cut to 4.  In
 * the window, as a person meets it. */
static void
test_offset_slider_range (Fixture       *fixture,
                          gconstpointer  data)
{
  LdaChannelPanel *panel;
  GtkAdjustment *offset, *slider;
  GtkRange *range;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  panel = LDA_CHANNEL_PANEL (lda_test_find (GTK_WIDGET (fixture->window), lda_test_is_type,
                                            GSIZE_TO_POINTER (LDA_TYPE_CHANNEL_PANEL)));
  g_assert_nonnull (panel);
  offset = lda_channel_panel_get_offset_adjustment (panel);
  range = find_slider (GTK_WIDGET (panel), "offset");
  g_assert_nonnull (range);
  slider = gtk_range_get_adjustment (range);
  g_assert_true (slider != offset);
  g_assert_cmpfloat (gtk_adjustment_get_upper (slider), ==, 4.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (offset), ==, 10.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (slider), ==, gtk_adjustment_get_value (offset));

  gtk_adjustment_set_value (offset, 6.5);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, 6.5);
  g_assert_cmpfloat (gtk_adjustment_get_value (slider), ==, 4.0);

  gtk_adjustment_set_value (slider, 1.35);
  g_assert_cmpfloat (gtk_adjustment_get_value (offset), ==, 1.35);
  gtk_adjustment_set_value (offset, 0.8);
  g_assert_cmpfloat (gtk_adjustment_get_value (slider), ==, 0.8);
  lda_test_settle (fixture->window);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/controls/fraction-plot-curves", test_fraction_plot_curves);
  g_test_add_func ("/controls/histogram-marks-under-plot", test_histogram_marks_under_plot);
  g_test_add ("/controls/zoom-keys-anywhere", Fixture, NULL,
              fixture_set_up, test_zoom_keys_anywhere, fixture_tear_down);
  g_test_add ("/controls/zoom-shown", Fixture, NULL,
              fixture_set_up, test_zoom_shown, fixture_tear_down);
  g_test_add ("/controls/zoom-sets-preview-level", Fixture, NULL,
              fixture_set_up, test_zoom_sets_preview_level, fixture_tear_down);
  g_test_add ("/controls/offset-slider-range", Fixture, NULL,
              fixture_set_up, test_offset_slider_range, fixture_tear_down);
  g_test_add ("/controls/wheel-scrolls-side-bar", Fixture, NULL,
              fixture_set_up, test_wheel_scrolls_side_bar, fixture_tear_down);
  g_test_add ("/controls/tool-keys-in-number-field", Fixture, NULL,
              fixture_set_up, test_tool_keys_in_number_field, fixture_tear_down);

  g_test_add ("/controls/number-field-never-empty", Fixture, NULL,
              fixture_set_up, test_number_field_never_empty, fixture_tear_down);

  g_test_add ("/controls/manual-starts-at-threshold", Fixture, NULL,
              fixture_set_up, test_manual_starts_at_threshold, fixture_tear_down);

  g_test_add ("/controls/status-reads-corrected-class", Fixture, NULL,
              fixture_set_up, test_status_reads_corrected_class, fixture_tear_down);
  g_test_add ("/controls/status-follows-stroke", Fixture, NULL,
              fixture_set_up, test_status_follows_stroke, fixture_tear_down);
  g_test_add ("/controls/no-tooltip-while-held", Fixture, NULL,
              fixture_set_up, test_no_tooltip_while_held, fixture_tear_down);
  g_test_add ("/controls/zoom-key-about-pointer", Fixture, NULL,
              fixture_set_up, test_zoom_key_about_pointer, fixture_tear_down);

  g_test_add_func ("/controls/fraction-plot-uses-time", test_fraction_plot_uses_time);
  g_test_add_func ("/controls/histogram-same-not-drawn-again", test_histogram_same_not_drawn_again);

  g_test_add ("/controls/slider-held-by-pointer", Fixture, NULL,
              fixture_set_up, test_slider_held_by_pointer, fixture_tear_down);
  g_test_add ("/controls/digit-zero-over-pane", Fixture, NULL,
              fixture_set_up, test_digit_zero_over_pane, fixture_tear_down);
  g_test_add ("/controls/double-click-with-brush", Fixture, NULL,
              fixture_set_up, test_double_click_with_brush, fixture_tear_down);

  return g_test_run ();
}
