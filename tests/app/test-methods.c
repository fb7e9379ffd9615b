/* test-methods.c — the threshold method, Auto and the nucleus under the
 * pointer, in the window
 *
 * Runs under Xvfb (tests/app/meson.build), on a copy of the bundled
 * sample opened with the defaults of a new project.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-channel-panel.h"
#include "lda-histogram-plot.h"
#include "lda-image-view.h"
#include "lda-nucleus-panel.h"
#include "lda-nucleus-hover.h"
#include "lda-window.h"
#include "ui-test-util.h"

static gboolean have_display;

typedef LdaTestSampleWindow Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  lda_test_sample_window_open (fixture, "lda-methods", 1280, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lda_test_sample_window_close (fixture);
}

static gboolean
skip_without_display (void)
{
  if (!have_display)
    {
      g_test_skip ("no display");
      return TRUE;
    }
  return FALSE;
}

static LdaRunResult *
result_of (LdaWindow *window)
{
  return lda_pipeline_runner_get_result (lda_window_get_runner (window));
}

static LdaChannelPanel *
panel_of (LdaWindow  *window,
          LdaChannel  channel)
{
  return LDA_CHANNEL_PANEL (lda_window_get_channel_panel (window, channel));
}

static GtkDropDown *
method_dropdown (LdaWindow  *window,
                 LdaChannel  channel)
{
  return GTK_DROP_DOWN (lda_test_find (GTK_WIDGET (panel_of (window, channel)), lda_test_is_type,
                                       GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
}

static gsize
differing_pixels (const LdaImage *a,
                  const guint8   *b)
{
  gsize n = 0;

  for (gsize i = 0; i < lda_image_n_bytes (a); i++)
    n += ((const guint8 *) a->data)[i] != b[i];

  return n;
}

/* Choosing another method re-runs the segmentation with it: the threshold
 * in use is where the histogram marks that method, and the mask changes. */
static void
test_method_switch_reruns (Fixture       *fixture,
                           gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaRunResult *result;
  LdaChannelPanel *panel;
  LdaHistogramPlot *plot;
  g_autofree guint8 *before = NULL;
  LdaMethod start, other;

  if (skip_without_display ())
    return;

  result = result_of (window);
  start = result->params.channel[LDA_CHANNEL_HOECHST].method;
  g_assert_cmpuint (gtk_drop_down_get_selected (method_dropdown (window, LDA_CHANNEL_HOECHST)),
                    ==, start);
  /* The method whose threshold is furthest from the one in use. */
  other = start;
  for (guint m = 0; m < LDA_N_METHODS; m++)
    {
      const LdaThresholdLevels *l = &result->levels[LDA_CHANNEL_HOECHST];

      g_assert_cmpint (l->threshold[m], >=, 0);
      if (ABS (l->threshold[m] - result->threshold[LDA_CHANNEL_HOECHST]) >
          ABS (l->threshold[other] - result->threshold[LDA_CHANNEL_HOECHST]))
        other = m;
    }
  g_assert_cmpuint (other, !=, start);
  before = g_memdup2 (result->labels->data, lda_image_n_bytes (result->labels));

  gtk_drop_down_set_selected (method_dropdown (window, LDA_CHANNEL_HOECHST), other);
  lda_test_wait_for_result (window);

  result = result_of (window);
  g_assert_cmpuint (result->params.channel[LDA_CHANNEL_HOECHST].method, ==, other);
  g_assert_cmpuint (lda_document_get_params (lda_window_get_document (window), 0)
                    ->channel[LDA_CHANNEL_HOECHST].method, ==, other);
  g_assert_cmpint (result->threshold[LDA_CHANNEL_HOECHST], ==,
                   result->levels[LDA_CHANNEL_HOECHST].threshold[other]);
  g_assert_cmpuint (differing_pixels (result->labels, before), >, 0);

  panel = panel_of (window, LDA_CHANNEL_HOECHST);
  plot = LDA_HISTOGRAM_PLOT (lda_test_find (GTK_WIDGET (panel), lda_test_is_type,
                                            GSIZE_TO_POINTER (LDA_TYPE_HISTOGRAM_PLOT)));
  for (guint m = 0; m < LDA_N_METHODS; m++)
    g_assert_cmpint (lda_histogram_plot_get_mark (plot, m), ==,
                     result->levels[LDA_CHANNEL_HOECHST].threshold[m]);
}

/* A method switch is one step of the parameters' undo history: undo
 * brings back the method, the controls and the mask. */
static void
test_method_switch_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaRunResult *result;
  g_autofree guint8 *before = NULL;
  LdaMethod start, other;

  if (skip_without_display ())
    return;

  result = result_of (window);
  start = result->params.channel[LDA_CHANNEL_DRAQ7].method;
  other = start == LDA_METHOD_TRIANGLE ? LDA_METHOD_OTSU : LDA_METHOD_TRIANGLE;
  before = g_memdup2 (result->labels->data, lda_image_n_bytes (result->labels));

  gtk_drop_down_set_selected (method_dropdown (window, LDA_CHANNEL_DRAQ7), other);
  lda_test_wait_for_result (window);
  g_assert_cmpuint (result_of (window)->params.channel[LDA_CHANNEL_DRAQ7].method, ==, other);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  lda_test_wait_for_result (window);
  result = result_of (window);
  g_assert_cmpuint (result->params.channel[LDA_CHANNEL_DRAQ7].method, ==, start);
  g_assert_cmpuint (gtk_drop_down_get_selected (method_dropdown (window, LDA_CHANNEL_DRAQ7)),
                    ==, start);
  g_assert_cmpuint (differing_pixels (result->labels, before), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  lda_test_wait_for_result (window);
  g_assert_cmpuint (result_of (window)->params.channel[LDA_CHANNEL_DRAQ7].method, ==, other);
}

static gboolean
is_use_auto_button (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Use Auto") == 0;
}

/* Sets a manual Hoechst threshold through the panel's controls. */
static void
set_manual (LdaWindow *window,
            guint      value)
{
  LdaChannelPanel *panel = panel_of (window, LDA_CHANNEL_HOECHST);
  LdaChannelParams params;

  lda_channel_panel_get_params (panel, &params);
  params.manual = TRUE;
  params.manual_threshold = value;
  lda_channel_panel_set_params (panel, &params);
  /* set_params is quiet: tell the window as a control would. */
  g_signal_emit_by_name (panel, "changed");
  lda_test_wait_for_result (window);
}

/* An empty and a flooded nucleus mask each offer Auto in the panel, and
 * one click on it gives a mask that is neither. */
static void
test_auto_fixes_empty_and_flooded (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const guint thresholds[] = { 65535, 0 };
  LdaWindow *window = fixture->window;
  LdaChannelPanel *panel;

  if (skip_without_display ())
    return;

  panel = panel_of (window, LDA_CHANNEL_HOECHST);
  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      LdaChannelParams automatic;
      GtkWidget *button;
      LdaRunResult *result;

      set_manual (window, thresholds[i]);
      result = result_of (window);
      g_test_message ("manual %u: coverage %.3f", thresholds[i],
                      result->coverage[LDA_CHANNEL_HOECHST]);
      if (thresholds[i] == 0)
        g_assert_cmpfloat (result->coverage[LDA_CHANNEL_HOECHST], >, 0.9);
      else
        g_assert_cmpfloat (result->coverage[LDA_CHANNEL_HOECHST], ==, 0.0);
      g_assert_nonnull (lda_channel_panel_get_warning (panel));

      button = lda_test_find (GTK_WIDGET (panel), is_use_auto_button, NULL);
      g_assert_nonnull (button);
      g_signal_emit_by_name (button, "clicked");
      lda_test_wait_for_result (window);

      result = result_of (window);
      lda_channel_panel_get_auto_params (panel, &automatic);
      g_assert_true (lda_channel_params_equal (&result->params.channel[LDA_CHANNEL_HOECHST],
                                               &automatic));
      g_assert_false (automatic.manual);
      g_assert_cmpfloat (result->coverage[LDA_CHANNEL_HOECHST], >, 0.0);
      g_assert_cmpfloat (result->coverage[LDA_CHANNEL_HOECHST], <, 0.9);
      g_assert_null (lda_channel_panel_get_warning (panel));
      g_assert_null (lda_test_find (GTK_WIDGET (panel), is_use_auto_button, NULL));
    }

  /* Auto for the whole frame puts back a channel set apart. */
  set_manual (window, 65535);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.auto-frame", NULL);
  lda_test_wait_for_result (window);
  g_assert_false (result_of (window)->params.channel[LDA_CHANNEL_HOECHST].manual);
  g_assert_cmpfloat (result_of (window)->coverage[LDA_CHANNEL_HOECHST], >, 0.0);
}

/* An empty mask blames the saturated tiles only when they set the
 * threshold; with Otsu's and an offset of 6.93, the offset is the cause
 * (a threshold of three times the channel's range). */
static void
test_empty_mask_cause (void)
{
  LdaChannelPanel *panel;
  LdaChannelParams params;
  LdaChannelResult result = {
    .peak = 65535, .threshold = 198236, .coverage = 0.0, .max_value = 65535,
    .saturation = 65535,
  };

  if (skip_without_display ())
    return;

  panel = g_object_ref_sink (LDA_CHANNEL_PANEL (lda_channel_panel_new (LDA_CHANNEL_CELL_AREA)));
  lda_channel_panel_get_params (panel, &params);
  params.manual = FALSE;
  params.method = LDA_METHOD_MAX_TILE;
  lda_channel_panel_set_params (panel, &params);
  lda_channel_panel_set_result (panel, &result);
  g_assert_nonnull (strstr (lda_channel_panel_get_warning (panel), "saturated tiles"));

  params.method = LDA_METHOD_OTSU;
  params.use_offset = TRUE;
  params.offset = 6.93;
  lda_channel_panel_set_params (panel, &params);
  lda_channel_panel_set_result (panel, &result);
  g_assert_null (strstr (lda_channel_panel_get_warning (panel), "saturated tiles"));
  g_assert_nonnull (strstr (lda_channel_panel_get_warning (panel), "offset"));
  g_object_unref (panel);
}

/* A blank image (every pixel 100, a failed acquisition) has an empty
 * mask that no offset can fill: the panel says the image has no
 * contrast and gives the value, not "lower the offset", and offers no
 * automatic method either. */
static void
test_empty_mask_flat_image (void)
{
  static guint32 intensities[65536], votes[65536];
  LdaChannelPanel *panel;
  LdaChannelParams params;
  LdaChannelResult result = {
    .intensities = intensities, .votes = votes, .peak = 100, .threshold = 101,
    .coverage = 0.0, .max_value = 100, .saturation = 65535,
  };
  const char *warning;

  if (skip_without_display ())
    return;

  intensities[100] = 16 * 8;
  votes[100] = 2;
  panel = g_object_ref_sink (LDA_CHANNEL_PANEL (lda_channel_panel_new (LDA_CHANNEL_HOECHST)));
  lda_channel_panel_get_params (panel, &params);
  params.manual = FALSE;
  params.method = LDA_METHOD_MAX_TILE;
  lda_channel_panel_set_params (panel, &params);
  lda_channel_panel_set_result (panel, &result);
  warning = lda_channel_panel_get_warning (panel);
  g_assert_nonnull (strstr (warning, "no contrast"));
  g_assert_nonnull (strstr (warning, "every pixel is 100"));
  g_assert_null (strstr (warning, "offset"));

  /* One value more and the image has contrast: the advice is back. */
  intensities[7] = 1;
  lda_channel_panel_set_result (panel, &result);
  warning = lda_channel_panel_get_warning (panel);
  g_assert_null (strstr (warning, "no contrast"));
  g_assert_nonnull (strstr (warning, "offset"));
  intensities[7] = 0;
  g_object_unref (panel);
}

static gboolean
is_threshold_label (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), "Threshold ");
}

/* "Threshold in use" pairs the threshold with the factor that made it: a
 * slider held and dragged is ahead of the runs, whose results arrive
 * for the values it has left (the label paired the new factor with the
 * old threshold).  Within the brackets a value is kept on the line of
 * its name by a no-break space: the side bar wrapped "factor" / "1)". */
#define NBSP "\xc2\xa0"
static void
test_threshold_label_of_result (void)
{
  LdaChannelPanel *panel;
  LdaChannelParams params, computed;
  LdaThresholdLevels levels = { 0, };
  LdaChannelResult result = {
    .peak = 180, .threshold = 147, .coverage = 0.2, .max_value = 4095,
    .saturation = 4095, .levels = &levels, .params = &computed,
  };
  GtkWidget *label;

  if (skip_without_display ())
    return;

  panel = g_object_ref_sink (LDA_CHANNEL_PANEL (lda_channel_panel_new (LDA_CHANNEL_HOECHST)));
  label = lda_test_find (GTK_WIDGET (panel), is_threshold_label, NULL);
  g_assert_nonnull (label);
  levels.level[LDA_METHOD_OTSU] = 173;
  levels.dark = 99;
  lda_channel_panel_get_params (panel, &params);
  params.manual = FALSE;
  params.method = LDA_METHOD_OTSU;
  params.use_offset = TRUE;
  params.offset = 0.65;
  lda_channel_panel_set_params (panel, &params);
  computed = params;
  lda_channel_panel_set_result (panel, &result);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Threshold in use: 147 (Otsu" NBSP "173, dark" NBSP "99, offset" NBSP "0.65)");

  /* The slider moved on; the result of 0.65 arrives after it. */
  gtk_adjustment_set_value (lda_channel_panel_get_offset_adjustment (panel), 0.8);
  lda_channel_panel_set_result (panel, &result);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Threshold in use: 147 (Otsu" NBSP "173, dark" NBSP "99, offset" NBSP "0.65)");

  /* Its own result says 0.8 with its threshold. */
  computed.offset = 0.8;
  result.threshold = 158;
  lda_channel_panel_set_result (panel, &result);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Threshold in use: 158 (Otsu" NBSP "173, dark" NBSP "99, offset" NBSP "0.8)");
  g_object_unref (panel);
}

static gboolean
is_nucleus_panel (GtkWidget *widget,
                  gpointer   data)
{
  return LDA_IS_NUCLEUS_PANEL (widget);
}

/* Choosing the Article preset sets every parameter to the article's and
 * greys out the splitting, which the article has not; a split-depth
 * change re-runs the split; undo goes back step by step. */
static void
test_preset_and_split (Fixture       *fixture,
                       gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  GtkWidget *panel;
  GtkDropDown *preset;
  GtkAdjustment *depth;
  LdaParams article;
  LdaPreset shown;
  guint robust_objects;

  if (skip_without_display ())
    return;

  panel = lda_test_find (GTK_WIDGET (window), is_nucleus_panel, NULL);
  g_assert_nonnull (panel);
  preset = GTK_DROP_DOWN (lda_test_find (panel, lda_test_is_type,
                                         GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
  depth = gtk_spin_button_get_adjustment (
    GTK_SPIN_BUTTON (lda_test_find (panel, lda_test_is_type,
                                    GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON))));
  g_assert_true (lda_params_get_preset (&result_of (window)->params, &shown));
  g_assert_cmpuint (shown, ==, LDA_PRESET_DEFAULT);
  g_assert_cmpuint (gtk_drop_down_get_selected (preset), ==, LDA_PRESET_DEFAULT);
  robust_objects = result_of (window)->counts->n_objects;

  /* A shallower split makes more nuclei. */
  gtk_adjustment_set_value (depth, LDA_SPLIT_DEPTH_MIN);
  lda_test_wait_for_result (window);
  g_assert_cmpfloat (result_of (window)->params.nuclei.split_depth, ==, LDA_SPLIT_DEPTH_MIN);
  g_assert_cmpuint (result_of (window)->counts->n_objects, >, robust_objects);
  g_assert_cmpuint (gtk_drop_down_get_selected (preset), ==, LDA_N_PRESETS);  /* Custom */

  gtk_drop_down_set_selected (preset, LDA_PRESET_ARTICLE);
  lda_test_wait_for_result (window);
  lda_params_init_preset (&article, LDA_PRESET_ARTICLE);
  g_assert_true (lda_params_equal (&result_of (window)->params, &article));
  g_assert_false (gtk_widget_get_sensitive (
    lda_test_find (panel, lda_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON))));
  g_assert_false (gtk_widget_get_sensitive (
    lda_test_find (panel, lda_test_is_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON))));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  lda_test_wait_for_result (window);
  g_assert_cmpfloat (result_of (window)->params.nuclei.split_depth, ==, LDA_SPLIT_DEPTH_MIN);
  g_assert_true (result_of (window)->params.nuclei.objects);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  lda_test_wait_for_result (window);
  g_assert_cmpuint (result_of (window)->counts->n_objects, ==, robust_objects);
  g_assert_cmpuint (gtk_drop_down_get_selected (preset), ==, LDA_PRESET_DEFAULT);
}

/* The largest nucleus of the frame, and one of its pixels. */
static gint
largest_nucleus (LdaRunResult *result,
                 guint        *x,
                 guint        *y)
{
  const LdaRuns *runs = result->nuclei;
  gint best = -1;

  for (guint i = 0; i < result->counts->n_objects; i++)
    if (best < 0 || result->counts->objects[i].nucleus_pixels >
                    result->counts->objects[best].nucleus_pixels)
      best = (gint) i;
  g_assert_cmpint (best, >=, 0);

  for (gsize i = 0; i < runs->n_runs; i++)
    if ((gint) runs->labels[i] == best)
      {
        *x = runs->runs[i].x0;
        *y = runs->runs[i].y;
        return best;
      }
  g_assert_not_reached ();
}

/* Pointing at a nucleus reads out its number, its call and its area, and
 * outlines it: every segment of the outline separates one of its pixels
 * from a pixel of something else. */
static void
test_hover_names_nucleus (Fixture       *fixture,
                          gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaRunResult *result;
  GtkWidget *status;
  g_autofree char *expected = NULL;
  g_autoptr(GArray) outline = NULL;
  const LdaObject *o;
  guint x = 0, y = 0, area = 0;
  gint index;

  if (skip_without_display ())
    return;

  result = result_of (window);
  g_assert_nonnull (result->nuclei);
  index = largest_nucleus (result, &x, &y);
  o = &result->counts->objects[index];
  g_assert_cmpint (lda_runs_label_at (result->nuclei, x, y), ==, index);

  /* The area read out is the object's pixels, counted here by search. */
  for (guint yy = o->y0; yy < o->y1; yy++)
    for (guint xx = o->x0; xx < o->x1; xx++)
      area += lda_runs_label_at (result->nuclei, xx, yy) == index;
  g_assert_cmpuint (area, ==, o->nucleus_pixels);

  g_signal_emit_by_name (lda_window_get_view (window, LDA_PANE_SEGMENTED), "pointer-moved",
                         x + 0.5, y + 0.5);
  status = lda_test_find (GTK_WIDGET (window), lda_test_has_css_class, (gpointer) "lda-status");
  g_test_message ("status: %s", gtk_label_get_text (GTK_LABEL (status)));
  expected = g_strdup_printf ("Nucleus %d · %s · ", index + 1, o->dead ? "dead" : "live");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), expected));
  g_free (expected);
  /* The values beside the evidence, or below it in a narrow window. */
  expected = g_strdup_printf (" · %u px   x %u  y %u ", area, x, y);
  if (strstr (gtk_label_get_text (GTK_LABEL (status)), expected) == NULL)
    {
      g_free (expected);
      expected = g_strdup_printf (" · %u px\nx %u  y %u ", area, x, y);
    }
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), expected));

  /* Neither the evidence nor the values are cut short (at 1280 × 800,
   * beside each other, the values were cut after the class). */
  for (int k = 0; k < 20; k++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (status))));

  /* Off the nucleus, and off the image, the read-out has as many lines
   * (the panes above do not move as the pointer does). */
  {
    g_autofree char *over = g_strdup (gtk_label_get_text (GTK_LABEL (status)));
    const gboolean two = strchr (over, '\n') != NULL;

    g_signal_emit_by_name (lda_window_get_view (window, LDA_PANE_SEGMENTED), "pointer-moved",
                           0.5, 0.5);
    g_assert_true ((strchr (gtk_label_get_text (GTK_LABEL (status)), '\n') != NULL) == two);
    g_signal_emit_by_name (lda_window_get_view (window, LDA_PANE_SEGMENTED), "pointer-moved",
                           -5.0, -5.0);
    g_assert_true ((strchr (gtk_label_get_text (GTK_LABEL (status)), '\n') != NULL) == two);
  }

  outline = lda_nucleus_outline (result->nuclei, o, index);
  g_assert_cmpuint (outline->len, >, 0);
  for (guint i = 0; i < outline->len; i += 4)
    {
      const float *s = &g_array_index (outline, float, i);
      /* The two pixels either side of the segment's middle. */
      gboolean vertical = s[0] == s[2];
      int ax = vertical ? (int) s[0] - 1 : (int) MIN (s[0], s[2]);
      int ay = vertical ? (int) MIN (s[1], s[3]) : (int) s[1] - 1;
      int bx = vertical ? (int) s[0] : ax;
      int by = vertical ? ay : (int) s[1];
      gboolean a_in = ax >= 0 && ay >= 0 && lda_runs_label_at (result->nuclei, ax, ay) == index;
      gboolean b_in = lda_runs_label_at (result->nuclei, bx, by) == index;

      g_assert_true (a_in != b_in);
    }

  /* Off the nuclei, no nucleus is read out. */
  g_signal_emit_by_name (lda_window_get_view (window, LDA_PANE_SEGMENTED), "pointer-moved",
                         -1.0, -1.0);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (status)), "Nucleus"));
}

/* Every segment of @outline has a pixel of @pixels on one side and none
 * on the other, and there are as many segments as such edges. */
static void
assert_outline_of (const GArray *outline,
                   const GArray *pixels,
                   guint         width)
{
  guint edges = 0;

  g_assert_nonnull (outline);
  for (guint i = 0; i < outline->len; i += 4)
    {
      const float *s = &g_array_index (outline, float, i);
      gboolean vertical = s[0] == s[2];
      int ax = vertical ? (int) s[0] - 1 : (int) MIN (s[0], s[2]);
      int ay = vertical ? (int) MIN (s[1], s[3]) : (int) s[1] - 1;
      int bx = vertical ? (int) s[0] : ax;
      int by = vertical ? ay : (int) s[1];

      g_assert_true (lda_test_pixel_in (pixels, ax, ay, width) != lda_test_pixel_in (pixels, bx, by, width));
    }
  for (guint i = 0; i < pixels->len; i++)
    {
      guint32 p = g_array_index (pixels, guint32, i);
      int x = (int) (p % width), y = (int) (p / width);

      edges += !lda_test_pixel_in (pixels, x - 1, y, width) + !lda_test_pixel_in (pixels, x + 1, y, width) +
               !lda_test_pixel_in (pixels, x, y - 1, width) + !lda_test_pixel_in (pixels, x, y + 1, width);
    }
  g_assert_cmpuint (outline->len, ==, 4 * edges);
}

/* A pixel with no nucleus within @r of it, or FALSE. */
static gboolean
find_clear_spot (const LdaImage *labels,
                 guint           r,
                 guint          *x,
                 guint          *y)
{
  for (guint cy = r; cy + r < labels->height; cy += r)
    for (guint cx = r; cx + r < labels->width; cx += r)
      {
        gboolean clear = TRUE;

        for (guint yy = cy - r; yy <= cy + r && clear; yy++)
          for (guint xx = cx - r; xx <= cx + r && clear; xx++)
            clear = !lda_test_is_nucleus_class (lda_image_get (labels, xx, yy));
        if (clear)
          {
            *x = cx;
            *y = cy;
            return TRUE;
          }
      }

  return FALSE;
}

/* Two nuclei of the pipeline a few pixels apart in a row, nothing of a
 * nucleus between them: the last pixel of the first at (*@xa, *@y), the
 * first of the second at (*@xb, *@y). */
static gboolean
find_gap (const LdaRunResult *result,
          guint              *xa,
          guint              *xb,
          guint              *y)
{
  const LdaImage *labels = result->labels;

  for (guint yy = 8; yy + 8 < labels->height; yy++)
    for (guint x = 8; x + 8 < labels->width; x++)
      {
        gint a = lda_runs_label_at (result->nuclei, x, yy);
        guint end;

        if (a < 0 || !lda_test_is_nucleus_class (lda_image_get (labels, x, yy)) ||
            lda_test_is_nucleus_class (lda_image_get (labels, x + 1, yy)))
          continue;
        for (end = x + 2; end < x + 6 && !lda_test_is_nucleus_class (lda_image_get (labels, end, yy)); end++)
          ;
        if (end < x + 6 && lda_runs_label_at (result->nuclei, end, yy) >= 0 &&
            lda_runs_label_at (result->nuclei, end, yy) != a)
          {
            *xa = x;
            *xb = end;
            *y = yy;
            return TRUE;
          }
      }

  return FALSE;
}

/* A nucleus corrected by hand is outlined and read out as the counts see
 * it: one painted where the pipeline found none ("Nucleus painted by
 * hand"), two joined by a stroke across the gap between them, Shift
 * held (the pipeline's outline showed one of them, the read-out both),
 * and one grown by hand, on the pixels painted too. */
static void
test_hover_corrected_nucleus (Fixture       *fixture,
                              gconstpointer  data)
{
  LdaWindow *window = fixture->window;
  LdaRunResult *result;
  GtkWidget *view;
  GtkWidget *status;
  g_autoptr(GArray) painted = NULL;
  g_autoptr(GArray) joined = NULL;
  g_autofree char *expected = NULL;
  GArray *shown;
  guint connectivity, x = 0, y = 0, xa = 0, xb = 0, gy = 0, w;

  if (skip_without_display ())
    return;

  result = result_of (window);
  w = result->width;
  connectivity = lda_params_nucleus_connectivity (&result->params);
  view = lda_window_get_view (window, LDA_PANE_SEGMENTED);
  status = lda_test_find (GTK_WIDGET (window), lda_test_has_css_class, (gpointer) "lda-status");
  g_assert_true (find_clear_spot (result->labels, 12, &x, &y));

  /* Painted from nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", LDA_CLASS_HOECHST);
  lda_window_stroke_begin (window, x + 0.5, y + 0.5);
  lda_window_stroke_end (window);
  g_signal_emit_by_name (view, "pointer-moved", x + 0.5, y + 0.5);
  painted = lda_labels_nucleus_find (lda_window_get_merged (window), x, y, connectivity);
  g_assert_nonnull (painted);
  expected = g_strdup_printf ("Nucleus painted by hand: live, Draq7 on 0 of %u pixels", painted->len);
  g_test_message ("status: %s", gtk_label_get_text (GTK_LABEL (status)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), expected));
  assert_outline_of (lda_image_view_get_outline (LDA_IMAGE_VIEW (view)), painted, w);

  /* Two nuclei joined across the gap between them. */
  g_assert_true (find_gap (result, &xa, &xb, &gy));
  lda_window_stroke_begin_joining (window, xa + 0.5, gy + 0.5);
  lda_window_stroke_move (window, xb + 0.5, gy + 0.5);
  lda_window_stroke_end (window);
  g_signal_emit_by_name (view, "pointer-moved", xa + 0.5, gy + 0.5);
  joined = lda_labels_nucleus_find (lda_window_get_merged (window), xa, gy, connectivity);
  g_assert_nonnull (joined);
  g_assert_true (lda_test_pixel_in (joined, (int) xb, (int) gy, w));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (" of %u pixels", joined->len);
  g_test_message ("status: %s", gtk_label_get_text (GTK_LABEL (status)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "By hand: "));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), expected));
  /* Of two nuclei the pipeline found: not read as one of them. */
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (status)), " · as found: Nucleus "));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)),
                            " · joined from 2 nuclei as found"));
  assert_outline_of (lda_image_view_get_outline (LDA_IMAGE_VIEW (view)), joined, w);
  /* Moved within it, the pointer leaves the outline as it is: the same
   * segments, not made again, and nothing redrawn for them. */
  shown = lda_image_view_get_outline (LDA_IMAGE_VIEW (view));
  g_signal_emit_by_name (view, "pointer-moved", xb + 0.5, gy + 0.5);
  g_assert_true (lda_image_view_get_outline (LDA_IMAGE_VIEW (view)) == shown);
  /* Back on the painted one, its own outline. */
  g_signal_emit_by_name (view, "pointer-moved", x + 0.5, y + 0.5);
  assert_outline_of (lda_image_view_get_outline (LDA_IMAGE_VIEW (view)), painted, w);

  /* Off the nuclei, nothing is outlined. */
  g_signal_emit_by_name (view, "pointer-moved", x + 12.5, y + 0.5);
  g_assert_null (lda_image_view_get_outline (LDA_IMAGE_VIEW (view)));

  /* A nucleus grown by hand reads as the one the pipeline found on the
   * pixels painted too, not as one painted from nothing. */
  {
    const LdaObject *o = &result->counts->objects[result->counts->n_objects / 2];
    const guint cx = (o->x0 + o->x1) / 2, cy = (o->y0 + o->y1) / 2;
    g_autoptr(GArray) grown = NULL;
    gint added = -1;

    g_assert_true (lda_test_is_nucleus_class (lda_image_get (result->labels, cx, cy)));
    lda_window_stroke_begin (window, cx + 0.5, cy + 0.5);
    lda_window_stroke_move (window, o->x1 + 4.5, cy + 0.5);
    lda_window_stroke_end (window);
    grown = lda_labels_nucleus_find (lda_window_get_merged (window), cx, cy, connectivity);
    g_assert_nonnull (grown);
    for (guint i = 0; i < grown->len && added < 0; i++)
      if (!lda_test_is_nucleus_class (lda_image_u8 (result->labels)[g_array_index (grown, guint32, i)]))
        added = (gint) g_array_index (grown, guint32, i);
    g_assert_cmpint (added, >=, 0);
    g_signal_emit_by_name (view, "pointer-moved", added % w + 0.5, added / w + 0.5);
    g_test_message ("status: %s", gtk_label_get_text (GTK_LABEL (status)));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (status)), "By hand: "));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (status)), " · as found: Nucleus "));
  }
}

/* The outline of a hand-made 3 × 2 block with a notch. */
static void
test_outline_by_hand (void)
{
  g_autoptr(LdaBitplane) plane = lda_bitplane_new (5, 4, NULL);
  g_autoptr(LdaRuns) runs = NULL;
  g_autoptr(GArray) outline = NULL;
  LdaObject o = { 0 };

  /* .....
   * .###.
   * .#...
   * ..... */
  lda_bitplane_set (plane, 1, 1, TRUE);
  lda_bitplane_set (plane, 2, 1, TRUE);
  lda_bitplane_set (plane, 3, 1, TRUE);
  lda_bitplane_set (plane, 1, 2, TRUE);
  runs = lda_runs_new_from_bitplane (plane, TRUE, NULL);
  lda_runs_label (runs, 4);
  o.x0 = 1, o.y0 = 1, o.x1 = 4, o.y1 = 3;

  g_assert_cmpint (lda_runs_label_at (runs, 2, 1), ==, 0);
  g_assert_cmpint (lda_runs_label_at (runs, 2, 2), ==, -1);
  outline = lda_nucleus_outline (runs, &o, 0);
  /* Perimeter of the four pixels: 10 unit edges. */
  g_assert_cmpuint (outline->len, ==, 4 * 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add ("/methods/switch-reruns", Fixture, NULL,
              fixture_set_up, test_method_switch_reruns, fixture_tear_down);
  g_test_add ("/methods/switch-undo", Fixture, NULL,
              fixture_set_up, test_method_switch_undo, fixture_tear_down);
  g_test_add ("/methods/auto-fixes-empty-and-flooded", Fixture, NULL,
              fixture_set_up, test_auto_fixes_empty_and_flooded, fixture_tear_down);
  g_test_add ("/methods/preset-and-split", Fixture, NULL,
              fixture_set_up, test_preset_and_split, fixture_tear_down);
  g_test_add ("/methods/hover-names-nucleus", Fixture, NULL,
              fixture_set_up, test_hover_names_nucleus, fixture_tear_down);
  g_test_add ("/methods/hover-corrected-nucleus", Fixture, NULL,
              fixture_set_up, test_hover_corrected_nucleus, fixture_tear_down);
  g_test_add_func ("/methods/outline-by-hand", test_outline_by_hand);
  g_test_add_func ("/methods/empty-mask-cause", test_empty_mask_cause);
  g_test_add_func ("/methods/empty-mask-flat-image", test_empty_mask_flat_image);
  g_test_add_func ("/methods/threshold-label-of-result", test_threshold_label_of_result);

  return g_test_run ();
}
