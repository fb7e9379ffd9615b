/* bench-paint.c — painting a long stroke on a large frame
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-paint [DABS [tiles]]
 *
 * Opens the bundled sample tiled 4 × 4 (2048 × 2048; tiles × tiles with
 * the second argument) in the real window, takes the brush and replays a
 * recorded stroke of DABS (default 1000) pointer positions, one per frame,
 * as a mouse drag delivers them, Shift held: a Draq7 stroke that paints
 * every pixel, across the nuclei (BENCH_APART=1 leaves Shift up, and the
 * stroke keeps to one nucleus).  For each it measures (a) this program's
 * own time — the brush event (edit, merge, label rendering of the touched
 * rectangle) and the label tiles rendered for the frame — and (b) GTK's
 * paint of the frame (snapshot and renderer, less those tiles), and the
 * time from the pointer event to the frame on screen.  Prints the median
 * and the 95th percentile of each, the slowest frame and the share of
 * frames under 16 ms.  A benchmark, not a test.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lda-memory.h"
#include "lda-tiled-layer.h"
#include "bench-util.h"
#include "lda-window.h"

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree gint64 *frames = NULL;
  g_autofree gint64 *event = NULL;
  g_autofree gint64 *own = NULL;
  g_autofree gint64 *gtk = NULL;
  char *paths[3] = { NULL, };
  GFile *files[3];
  LdaWindow *window;
  LdaPipelineRunner *runner;
  GdkFrameClock *clock;
  BenchFrameTimer timer = { 0, };
  guint n = argc > 1 ? (guint) MAX (atoi (argv[1]), 1) : 1000;
  guint n_tiles = argc > 2 ? (guint) CLAMP (atoi (argv[2]), 1, 16) : 4;
  double side = 512.0 * n_tiles;
  guint fast = 0;

  /* As main.c of the application does. */
  lda_memory_tune_allocator ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-paint: no display; run it under xvfb-run\n");
      return 1;
    }
  bench_choose_renderer ();

  dir = bench_make_tiled_sample (SOURCE_DIR "/data/sample", "lda-paint", n_tiles, paths);
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
  bench_frame_timer_attach (&timer, GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  frames = g_new (gint64, n);
  event = g_new (gint64, n);
  own = g_new (gint64, n);
  gtk = g_new (gint64, n);

  /* A recorded-looking stroke: a slow spiral across the middle of the
   * frame, a few pixels between pointer events.  Shift held, so that it
   * paints all the way; BENCH_APART=1 presses without it, and the stroke
   * keeps to the nucleus it begins in (it paints much less). */
  if (g_getenv ("BENCH_APART") != NULL)
    lda_window_stroke_begin (window, side / 2, side / 2);
  else
    lda_window_stroke_begin_joining (window, side / 2, side / 2);
  for (guint i = 0; i < n; i++)
    {
      double t = i / 40.0;
      double r = 40 + 2.5 * i * 0.4;
      gint64 t0, t1, tiles;

      painted = FALSE;
      t0 = g_get_monotonic_time ();
      lda_window_stroke_move (window, side / 2 + r * cos (t), side / 2 + r * sin (t));
      t1 = g_get_monotonic_time ();
      tiles = lda_tiled_layer_get_render_us ();
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      frames[i] = g_get_monotonic_time () - t0;
      tiles = lda_tiled_layer_get_render_us () - tiles;
      event[i] = t1 - t0;
      own[i] = event[i] + tiles;
      gtk[i] = MAX (0, timer.last_paint_us - tiles);
      if (frames[i] < 16000)
        fast++;
    }
  lda_window_stroke_end (window);

  printf ("painting on %.0f × %.0f, %u pointer events of one stroke, one frame each\n",
          side, side, n);
  bench_print_renderer (GTK_WIDGET (window));
  printf ("  %-46s %9s %9s\n", "", "median ms", "p95 ms");
  bench_print_row ("brush event (edit, merge, labels)", event, n);
  bench_print_row ("(a) own CPU time per brush event", own, n);
  bench_print_row ("(b) GTK snapshot and renderer per frame", gtk, n);
  bench_print_row ("pointer event to frame on screen", frames, n);
  printf ("slowest frame %.1f ms; %u of %u frames under 16 ms\n", frames[n - 1] / 1000.0, fast, n);

  gtk_window_destroy (GTK_WINDOW (window));
  for (guint c = 0; c < 3; c++)
    {
      g_free (paths[c]);
      g_object_unref (files[c]);
    }
  bench_remove_tree (dir);

  return 0;
}
