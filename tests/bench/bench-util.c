/* bench-util.c — what the window benchmarks share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lda-renderer-choice.h"
#include "lda-tiff.h"

#define SAMPLE "nov22-402-tile2-0_t41"

/**
 * bench_make_tiled_sample:
 * @sample_dir: the folder of the bundled sample
 * @prefix: start of the temporary folder's name
 * @tiles: how many copies of the sample across and down
 * @paths: (out) (array fixed-size=3): the three images written, to free
 *
 * Writes the sample tiled @tiles × @tiles (2048 × 2048 for 4) into a new
 * temporary folder: a dense field, the hardest case for the watershed.
 *
 * Returns: (transfer full): the folder
 */
char *
bench_make_tiled_sample (const char *sample_dir,
                         const char *prefix,
                         guint       tiles,
                         char      **paths)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf (SAMPLE "_%s.tif", channels[c]);
      g_autofree char *source = g_build_filename (sample_dir, name, NULL);
      g_autoptr(LdaImage) tile = lda_tiff_read (source, 0, &error);
      g_autoptr(LdaImage) big = NULL;
      guint w, h;

      g_assert_no_error (error);
      w = tile->width;
      h = tile->height;
      big = lda_image_new (LDA_PIXEL_U16, w * tiles, h * tiles, &error);
      g_assert_no_error (error);
      for (guint y = 0; y < h * tiles; y++)
        for (guint x = 0; x < w * tiles; x++)
          lda_image_u16 (big)[(gsize) y * w * tiles + x] = lda_image_u16 (tile)[(y % h) * w + x % w];

      paths[c] = g_strdup_printf ("%s/big_%s.tif", dir, channels[c]);
      g_assert_true (lda_tiff_write (paths[c], big, &error));
    }

  return dir;
}

/**
 * bench_remove_tree:
 * @path: a folder of bench_make_tiled_sample()
 *
 * Removes it: the images and the project the window saved beside them.
 */
void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (child);
      else if (g_unlink (child) != 0)
        fprintf (stderr, "could not remove %s\n", child);
    }
  if (g_rmdir (path) != 0)
    fprintf (stderr, "could not remove %s\n", path);
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

double
bench_percentile_ms (gint64 *values,
                     guint   n,
                     double  p)
{
  guint index;

  if (n == 0)
    return 0.0;
  qsort (values, n, sizeof *values, compare_int64);
  index = (guint) (p / 100.0 * (n - 1) + 0.5);

  return values[MIN (index, n - 1)] / 1000.0;
}

/* One line: label, median and 95th percentile in ms. */
void
bench_print_row (const char *label,
                 gint64     *values,
                 guint       n)
{
  double median = bench_percentile_ms (values, n, 50);
  double p95 = bench_percentile_ms (values, n, 95);

  printf ("  %-46s %9.2f %9.2f\n", label, median, p95);
}

/* The renderer GTK chose for @window, by its type. */
const char *
bench_renderer_name (GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  return renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "none";
}

/* Why the windows have the renderer they have (bench_choose_renderer()). */
static char *renderer_reason;

/* Chooses the renderer as the application's start-up does
 * (lda_renderer_choose()), before any window is realised. */
void
bench_choose_renderer (void)
{
  const char *env = g_getenv ("GSK_RENDERER");
  g_autofree char *gl = NULL;

  g_free (renderer_reason);
  if (env != NULL)
    renderer_reason = g_strdup_printf ("GSK_RENDERER=%s", env);
  else if (lda_renderer_choose (gdk_display_get_default (), &gl))
    renderer_reason = g_strdup_printf ("the application's choice: OpenGL here is %s", gl);
  else
    renderer_reason = g_strdup_printf ("GTK's choice; OpenGL here is %s",
                                       gl != NULL ? gl : "not looked at");
}

void
bench_print_renderer (GtkWidget *window)
{
  printf ("renderer: %s (%s)\n", bench_renderer_name (window),
          renderer_reason != NULL ? renderer_reason : "GTK's choice");
}

/* The process's peak resident size (VmHWM) so far. */
double
bench_peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    return 0.0;

  return g_ascii_strtod (hwm + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* The frame clock's "paint" signal starts the paint phase: its emission
 * hook runs before GTK's own handler, whenever that was connected. */
static BenchFrameTimer *paint_timer;

static gboolean
on_paint_hook (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  if (paint_timer != NULL)
    paint_timer->paint_start = g_get_monotonic_time ();
  return TRUE;
}

static void
on_after_paint (GdkFrameClock   *clock,
                BenchFrameTimer *timer)
{
  if (timer->paint_start > 0)
    timer->last_paint_us = g_get_monotonic_time () - timer->paint_start;
  timer->paint_start = 0;
  timer->frames++;
}

/* One timer at a time. */
void
bench_frame_timer_attach (BenchFrameTimer *timer,
                          GtkWidget       *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  paint_timer = timer;
  g_signal_add_emission_hook (g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK), 0,
                              on_paint_hook, NULL, NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), timer);
}
