/* bench-slider.c — from a slider change to the updated pane on screen
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-slider [N [tiles]]
 *
 * Builds a 2048 × 2048 triple by tiling the bundled sample 4 × 4 (tiles × tiles
 * with the second argument; 1 is the 512 × 512 sample itself), opens it
 * in the real window, then N times (default 100) moves the Hoechst offset
 * slider and measures the time until a frame showing the new result has
 * been painted.  Prints the median and the 95th percentile, with the
 * pipeline and rendering parts.  A benchmark, not a test: the figures
 * depend on the machine.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lda-channel-panel.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "bench-util.h"
#include "lda-window.h"

#define SAMPLE "nov22-402-tile2-0_t41"

typedef struct
{
  LdaWindow *window;
  guint      target;
  gboolean   updated;
  gboolean   painted;
  gint64     run_us;
  gint64     render_us;
} Probe;

static void
on_updated (LdaPipelineRunner *runner,
            LdaRunResult      *result,
            Probe             *probe)
{
  if (result->generation == probe->target)
    {
      probe->updated = TRUE;
      probe->run_us = result->run_us;
      probe->render_us = result->render_us;
      gtk_widget_queue_draw (GTK_WIDGET (probe->window));
    }
}

static void
on_after_paint (GdkFrameClock *clock,
                Probe         *probe)
{
  if (probe->updated)
    probe->painted = TRUE;
}

static guint tiles = 4;

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile_ms (gint64 *values,
               guint   n,
               double  p)
{
  guint index = (guint) (p / 100.0 * (n - 1) + 0.5);

  return values[MIN (index, n - 1)] / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample_dir = NULL;
  g_autofree char *dir = NULL;
  char *paths[3] = { NULL, };
  g_autofree gint64 *total = NULL;
  g_autofree gint64 *run = NULL;
  g_autofree gint64 *render = NULL;
  GFile *files[3];
  LdaPipelineRunner *runner;
  GtkAdjustment *offset;
  GdkFrameClock *clock;
  Probe probe = { 0, };
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100;

  if (argc > 2)
    tiles = (guint) CLAMP (atoi (argv[2]), 1, 16);

  /* As main.c of the application does. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-slider: no display; run it under xvfb-run\n");
      return 1;
    }

  sample_dir = g_build_filename (SOURCE_DIR, "data", "sample", NULL);
  dir = bench_make_tiled_sample (sample_dir, "lda-bench", tiles, paths);
  for (guint c = 0; c < 3; c++)
    files[c] = g_file_new_for_path (paths[c]);

  probe.window = lda_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (probe.window), 1500, 950);
  gtk_window_present (GTK_WINDOW (probe.window));
  runner = lda_window_get_runner (probe.window);
  g_signal_connect (runner, "updated", G_CALLBACK (on_updated), &probe);

  lda_window_open (probe.window, files, 3, FALSE);
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &probe);
  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (probe.window, LDA_CHANNEL_HOECHST)));

  total = g_new (gint64, n);
  run = g_new (gint64, n);
  render = g_new (gint64, n);

  for (guint i = 0; i < n; i++)
    {
      gint64 t0;

      /* Let the previous frame settle, then move the slider. */
      for (int k = 0; k < 3; k++)
        g_main_context_iteration (NULL, FALSE);

      probe.updated = probe.painted = FALSE;
      t0 = g_get_monotonic_time ();
      gtk_adjustment_set_value (offset, 1.2 + 0.01 * ((i % 50) + 1) * (i % 2 ? 1 : -1) * 0.5 + 0.3);
      probe.target = lda_pipeline_runner_get_generation (runner);
      while (!probe.painted)
        g_main_context_iteration (NULL, TRUE);

      total[i] = g_get_monotonic_time () - t0;
      run[i] = probe.run_us;
      render[i] = probe.render_us;
    }

  qsort (total, n, sizeof *total, compare_int64);
  qsort (run, n, sizeof *run, compare_int64);
  qsort (render, n, sizeof *render, compare_int64);

  printf ("slider change to updated pane on screen, %u × %u, %u changes of the Hoechst offset\n",
          512 * tiles, 512 * tiles, n);
  printf ("%-28s %10s %10s\n", "", "median ms", "p95 ms");
  printf ("%-28s %10.1f %10.1f\n", "pipeline (stale stages)", percentile_ms (run, n, 50),
          percentile_ms (run, n, 95));
  printf ("%-28s %10.1f %10.1f\n", "rendering the label pixels", percentile_ms (render, n, 50),
          percentile_ms (render, n, 95));
  printf ("%-28s %10.1f %10.1f\n", "change to frame on screen", percentile_ms (total, n, 50),
          percentile_ms (total, n, 95));
  printf ("renderer: %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  gtk_window_destroy (GTK_WINDOW (probe.window));
  for (guint c = 0; c < 3; c++)
    {
      g_free (paths[c]);
      g_object_unref (files[c]);
    }
  bench_remove_tree (dir);

  return 0;
}
