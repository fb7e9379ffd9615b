/* bench-paint.c — painting a long stroke on a 2048 × 2048 frame
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-paint [DABS]
 *
 * Opens the bundled sample tiled 4 × 4 in the real window, takes the brush
 * and replays a recorded stroke of DABS (default 1000) pointer positions,
 * one per frame, as a mouse drag delivers them: for each, the time from the
 * pointer event to the frame showing it painted.  Prints the median, the
 * 95th percentile and the slowest frame, and the share of frames under
 * 16 ms.  A benchmark, not a test.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lda-tiff.h"
#include "bench-util.h"
#include "lda-window.h"

#define SAMPLE "nov22-402-tile2-0_t41"
#define TILES  4

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree gint64 *frames = NULL;
  char *paths[3] = { NULL, };
  GFile *files[3];
  LdaWindow *window;
  LdaPipelineRunner *runner;
  GdkFrameClock *clock;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  guint fast = 0;

  mallopt (M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-paint: no display; run it under xvfb-run\n");
      return 1;
    }

  dir = bench_make_tiled_sample (SOURCE_DIR "/data/sample", "lda-paint", TILES, paths);
  for (guint c = 0; c < 3; c++)
    files[c] = g_file_new_for_path (paths[c]);

  window = lda_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 950);
  gtk_window_present (GTK_WINDOW (window));
  lda_window_open (window, files, 3, FALSE);
  runner = lda_window_get_runner (window);
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);
  for (int k = 0; k < 20; k++)
    g_main_context_iteration (NULL, FALSE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", 4);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  frames = g_new (gint64, n);

  /* A recorded-looking stroke: a slow spiral across the frame, a few
   * pixels between pointer events. */
  lda_window_stroke_begin (window, 1024, 1024);
  for (guint i = 0; i < n; i++)
    {
      double t = i / 40.0;
      double r = 40 + 2.5 * i * 0.4;
      gint64 t0;

      painted = FALSE;
      t0 = g_get_monotonic_time ();
      lda_window_stroke_move (window, 1024 + r * cos (t), 1024 + r * sin (t));
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      frames[i] = g_get_monotonic_time () - t0;
    }
  lda_window_stroke_end (window);

  for (guint i = 0; i < n; i++)
    if (frames[i] < 16000)
      fast++;
  qsort (frames, n, sizeof *frames, compare_int64);

  printf ("painting on 2048 × 2048, %u pointer events of one stroke, one frame each\n", n);
  printf ("frame time: median %.1f ms, p95 %.1f ms, slowest %.1f ms; %u of %u frames under 16 ms\n",
          frames[n / 2] / 1000.0, frames[(guint) (0.95 * (n - 1))] / 1000.0,
          frames[n - 1] / 1000.0, fast, n);
  printf ("renderer: %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint c = 0; c < 3; c++)
    {
      g_free (paths[c]);
      g_object_unref (files[c]);
    }
  bench_remove_tree (dir);

  return 0;
}
