/* test-plot.c — what the exported dead-fraction plot draws: each point
 * where its time and dead fraction put it on the axes, in hours when the
 * files say when every frame was taken, else by time index
 *
 * The PNG is read back with cairo and the colour of the pixels at the
 * expected centres of the points is checked.  The plot area runs from
 * x = 84 to 772 and from y = 336 (fraction 0) up to 24 (fraction 1) of
 * the 800 × 400 image; the time axis is widened to whole ticks.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <cairo.h>
#include <gio/gio.h>

#include "lda-export.h"
#include "lda-plot.h"
#include "lda-series.h"
#include "lda-test-lib.h"

#define X0 84.0
#define X1 772.0
#define Y0 336.0
#define Y1 24.0

/* A folder of three copies of the sample triple, named @names. */
static char *
frames_named_n (const char * const *names,
                guint               n)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  char *dir = lda_test_tmp_dir ("lda-plot");

  for (guint t = 0; t < n; t++)
    for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
      {
        g_autofree char *from = lda_test_sample_file (channels[c]);
        g_autofree char *name = g_strdup_printf ("%s_%s.tif", names[t], channels[c]);
        g_autofree char *to = g_build_filename (dir, name, NULL);
        g_autoptr(GFile) source = g_file_new_for_path (from);
        g_autoptr(GFile) target = g_file_new_for_path (to);
        g_autoptr(GError) error = NULL;

        g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
      }

  return dir;
}

static char *
frames_named (const char * const names[3])
{
  return frames_named_n (names, 3);
}

/* A1_t00 … A1_t02. */
static char *
three_frames (void)
{
  static const char * const names[3] = { "A1_t00", "A1_t01", "A1_t02" };

  return frames_named (names);
}

/* Whether the pixel at (x, y) is the curve's red (204, 41, 41). */
/* The pixel at (@x, @y) is near the colour given. */
static gboolean
is_colour (cairo_surface_t *png,
           double           x,
           double           y,
           guint            r,
           guint            g,
           guint            b)
{
  const guint8 *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  guint32 pixel = *(const guint32 *) (gconstpointer) (data + (int) y * stride + (int) x * 4);

  return ABS ((int) ((pixel >> 16) & 0xff) - (int) r) < 40 &&
         ABS ((int) ((pixel >> 8) & 0xff) - (int) g) < 40 &&
         ABS ((int) (pixel & 0xff) - (int) b) < 40;
}

static gboolean
is_red (cairo_surface_t *png,
        double           x,
        double           y)
{
  const guint8 *data = cairo_image_surface_get_data (png);
  int stride = cairo_image_surface_get_stride (png);
  guint32 pixel = *(const guint32 *) (gconstpointer) (data + (int) y * stride + (int) x * 4);
  guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return r > 180 && g < 80 && b < 80;
}

/* Plots frames with dead fractions 0, 0.5 and 1 at @hours (NAN: not
 * known) and checks the points at the x of each frame's expected time. */
static void
check_points (const double hours[3],
              const double expect_x[3])
{
  static const double fractions[3] = { 0.0, 0.5, 1.0 };
  g_autofree char *input = three_frames ();
  g_autofree char *out = lda_test_tmp_dir ("lda-plot-out");
  g_autofree char *png_path = g_build_filename (out, "plot.png", NULL);
  g_autofree char *svg_path = g_build_filename (out, "plot.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, &error);
  cairo_surface_t *png;

  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      LdaCounts counts = { .live = 4, .dead = 4, .dead_fraction = fractions[i] };

      lda_series_get_frame (series, i)->time_hours = hours[i];
      lda_series_set_frame_counts (series, i, &counts);
    }

  g_assert_true (lda_plot_write (series, NULL, 0, png_path, svg_path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 400);

  for (guint i = 0; i < 3; i++)
    {
      double y = Y0 + fractions[i] * (Y1 - Y0);

      g_test_message ("frame %u: expected at (%.1f, %.1f)", i, expect_x[i], y);
      g_assert_true (is_red (png, expect_x[i], y));
    }
  /* Below the middle point, between the curve's ends, nothing red. */
  g_assert_false (is_red (png, expect_x[1], Y0 - 20));

  cairo_surface_destroy (png);
  lda_test_remove_tree (input);
  lda_test_remove_tree (out);
}

/* 0, 2 and 10 hours: the axis runs from 0 to 10 h and the middle frame
 * sits a fifth of the way, not half-way as its index would put it. */
static void
test_hours (void)
{
  static const double hours[3] = { 0.0, 2.0, 10.0 };
  static const double x[3] = { X0, X0 + 0.2 * (X1 - X0), X1 };

  check_points (hours, x);
}

/* One frame without a time: every frame at its index, 0, 1 and 2. */
static void
test_index_when_a_time_is_missing (void)
{
  static const double hours[3] = { 0.0, NAN, 10.0 };
  static const double x[3] = { X0, X0 + 0.5 * (X1 - X0), X1 };

  check_points (hours, x);
}

/* Two fields in one folder: A1 at time points 0 and 2, none dead; B2 at
 * 1, all dead.  Each field is a curve of its own: A1's line runs along
 * the bottom, B2 is a lone dot at the top, and no line zigzags from one
 * field to the other through the middle of the plot. */
static void
test_a_curve_per_field (void)
{
  static const char * const names[3] = { "A1_t00", "A1_t02", "B2_t01" };
  static const double fractions[3] = { 0.0, 0.0, 1.0 };
  g_autofree char *input = frames_named (names);
  g_autofree char *out = lda_test_tmp_dir ("lda-plot-out");
  g_autofree char *png_path = g_build_filename (out, "plot.png", NULL);
  g_autofree char *svg_path = g_build_filename (out, "plot.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, &error);
  const double quarter = X0 + 0.25 * (X1 - X0);
  cairo_surface_t *png;

  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const LdaFrame *frame = lda_series_get_frame (series, i);
      guint k = g_str_equal (frame->triple->name, "A1_t00") ? 0
                : g_str_equal (frame->triple->name, "A1_t02") ? 1 : 2;
      LdaCounts counts = { .live = 4, .dead = 4, .dead_fraction = fractions[k] };

      lda_series_set_frame_counts (series, i, &counts);
    }

  g_assert_true (lda_plot_write (series, NULL, 0, png_path, svg_path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);

  /* A1 red, B2 (the second curve) blue; not joined across. */
  g_assert_true (is_colour (png, (X0 + X1) / 2, Y1, 31, 120, 181));
  g_assert_true (is_red (png, quarter, Y0));
  g_assert_false (is_red (png, quarter, (Y0 + Y1) / 2));
  g_assert_false (is_colour (png, quarter, (Y0 + Y1) / 2, 31, 120, 181));
  /* The legend says which is which: a red line, then a blue one, at the
   * top left. */
  g_assert_true (is_red (png, X0 + 8 + 9, Y1 + 4 + 4 + 8));
  g_assert_true (is_colour (png, X0 + 8 + 9, Y1 + 4 + 4 + 16 + 8, 31, 120, 181));

  cairo_surface_destroy (png);
  lda_test_remove_tree (input);
  lda_test_remove_tree (out);
}

/* Ten fields: the legend names seven, each in its colour, and says how
 * many more. */
static void
test_legend_of_many (void)
{
  static const char * const names[10] = {
    "F0_t01", "F1_t01", "F2_t01", "F3_t01", "F4_t01", "F5_t01", "F6_t01", "F7_t01", "F8_t01",
    "F9_t01",
  };
  g_autofree char *input = frames_named_n (names, 10);
  g_autofree char *out = lda_test_tmp_dir ("lda-plot-out");
  g_autofree char *png_path = g_build_filename (out, "plot.png", NULL);
  g_autofree char *svg_path = g_build_filename (out, "plot.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, &error);
  const double swatch_x = X0 + 8 + 9;
  cairo_surface_t *png;

  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      LdaCounts counts = { .live = 4, .dead = 0, .dead_fraction = 0.0 };

      lda_series_set_frame_counts (series, i, &counts);
    }
  g_assert_true (lda_plot_write (series, NULL, 0, png_path, svg_path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (png_path);

  /* Rows 1, 2 and 7 in the first, second and seventh colours; row 8
   * is the text "and 3 more", no line. */
  g_assert_true (is_red (png, swatch_x, Y1 + 8 + 8));
  g_assert_true (is_colour (png, swatch_x, Y1 + 8 + 16 + 8, 31, 120, 181));
  g_assert_true (is_colour (png, swatch_x, Y1 + 8 + 6 * 16 + 8, 217, 102, 179));
  g_assert_true (is_colour (png, swatch_x, Y1 + 8 + 7 * 16 + 8, 255, 255, 255));

  cairo_surface_destroy (png);
  lda_test_remove_tree (input);
  lda_test_remove_tree (out);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plot/hours", test_hours);
  g_test_add_func ("/plot/index-when-a-time-is-missing", test_index_when_a_time_is_missing);
  g_test_add_func ("/plot/a-curve-per-field", test_a_curve_per_field);
  g_test_add_func ("/plot/legend-of-many", test_legend_of_many);

  return g_test_run ();
}
