/* bench-slider.c — from a slider change to the updated pane on screen
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-slider [N [tiles [preset]]]
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-slider N BF HO DR [preset]
 *
 * Builds a 2048 × 2048 triple by tiling the bundled sample 4 × 4 (tiles × tiles
 * with the second argument: 1 is the 512 × 512 sample itself, 16 gives
 * 8192 × 8192), or takes the triple given, opens it in the real window,
 * then N times (default 100) moves the Hoechst offset slider across the
 * value the preset gives it, 0.01 a change, and measures the time until
 * a frame showing the new result has been painted.  The preset (robust,
 * the default, or article) is chosen in the window first.
 *
 * The time is split into (a) what this program's own code spends — the
 * pipeline's stale stages and the rendering on the worker, the window
 * taking the result on the main thread, and the label tiles rendered for
 * the frame — and (b) what GTK spends painting the frame (the snapshot of
 * the widgets and the renderer, less the label tiles rendered in it).
 * Prints the median and the 95th percentile of each, of the slow stages
 * within the pipeline's time, and of the time until the moved mask was
 * posted to the window (the progressive preview), and how many of the
 * nucleus objects each change left different (how much a re-flood of only
 * the changed ones could save), and the processor time each change took,
 * the main thread's and every thread's (where two processors are shared
 * by the pipeline's threads and GTK's painting).  The changes follow each other as a drag
 * by the pointer does: the slider is first set, untimed, one step below
 * the drag's first value, then held (as a press on it holds it) while it
 * moves, and let go after the last change; the window carries the last
 * split onto each change's masks.  How many changes were carried, and
 * the time until the exact result is on screen once the slider is let
 * go, are printed too.  Before the timed drag, three short drags,
 * untimed but for their slowest change (printed apart): a person's
 * first drags on a frame, which grow the window's memory to what it
 * stays at (the stage cache filled); BENCH_COLD=1 leaves them out.
 * BENCH_KEYS=1 moves it without holding it, as the
 * arrow keys do: then the first change is exact, and the exact result
 * waits for the slider to rest.  Run it under
 * GSK_RENDERER=cairo and without it (the renderer GTK chose is printed).
 * BENCH_CHANNEL=cell-area (or draq7) in the environment moves that
 * channel's offset instead.
 * BENCH_PANE=segmented (composite, fluorescence, sobel) shows that pane
 * alone, as Alt+1 to Alt+4 do.
 * With BENCH_EACH set in the environment, each change is printed too,
 * with the time of each stage of the pipeline in lda_pipeline_run()'s
 * order.
 * A benchmark, not a test: the figures depend on the machine.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lda-channel-panel.h"
#include "lda-image-view.h"
#include "lda-memory.h"
#include "lda-nucleus-panel.h"
#include "lda-tiled-layer.h"
#include "bench-util.h"
#include "lda-window.h"

typedef struct
{
  LdaWindow       *window;
  BenchFrameTimer  timer;
  guint            target;
  gboolean         updated;
  gboolean         painted;
  gboolean         previewed;
  gint64           start;
  gint64           hook_at;
  gint64           main_us;
  gint64           tiles_at_update;
  gint64           tiles_in_paint;
  gint64           paint_us;
  gint64           run_us;
  gint64           render_us;
  gint64           split_us;
  gint64           watershed_us;
  gint64           stage_us[LDA_N_STAGES];
  LdaChannel       channel;        /* whose offset is moved */
  gint64           preview_at;
  GHashTable      *objects;        /* the last result's nucleus objects */
  guint            n_objects;
  guint            n_changed;
  guint            n_carried;
  gboolean         last_exact;
  gboolean         want_exact;
} Probe;

/* One key per nucleus object: a hash of its runs.  Two objects with the
 * same key are the same pixels (a collision only understates the
 * change). */
static GHashTable *
object_keys (const LdaRuns *runs)
{
  g_autofree guint64 *hash = g_new (guint64, MAX (runs->n_components, 1));
  GHashTable *keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < runs->n_components; i++)
    hash[i] = G_GUINT64_CONSTANT (14695981039346656037);
  for (gsize r = 0; r < runs->n_runs; r++)
    {
      const guint v[3] = { runs->runs[r].y, runs->runs[r].x0, runs->runs[r].x1 };
      guint64 *h = &hash[runs->labels[r]];

      for (guint k = 0; k < 3; k++)
        *h = (*h ^ v[k]) * G_GUINT64_CONSTANT (1099511628211);
    }
  for (guint i = 0; i < runs->n_components; i++)
    g_hash_table_add (keys, g_memdup2 (&hash[i], sizeof (guint64)));

  return keys;
}

/* How many of this result's nucleus objects the previous one did not
 * have: whether re-flooding only the changed ones could pay. */
static void
count_changed_objects (Probe         *probe,
                       const LdaRuns *runs)
{
  GHashTable *keys;
  GHashTableIter iter;
  gpointer key;

  if (runs == NULL)
    return;
  keys = object_keys (runs);
  if (probe->objects != NULL)
    {
      g_hash_table_iter_init (&iter, keys);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        probe->n_changed += !g_hash_table_contains (probe->objects, key);
      probe->n_objects += g_hash_table_size (keys);
      g_hash_table_unref (probe->objects);
    }
  probe->objects = keys;
}

static gboolean
on_updated_hook (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               data)
{
  Probe *probe = data;

  probe->hook_at = g_get_monotonic_time ();
  return TRUE;
}

/* Connected after the window's own handler: the hook ran before it. */
static void
on_updated (LdaPipelineRunner *runner,
            LdaRunResult      *result,
            Probe             *probe)
{
  if (result->generation == probe->target || (probe->want_exact && result->exact))
    {
      probe->updated = TRUE;
      probe->main_us = g_get_monotonic_time () - probe->hook_at;
      probe->run_us = result->run_us;
      probe->split_us = result->stage_us[LDA_STAGE_NUCLEI];
      probe->watershed_us = result->stage_us[LDA_STAGE_REGIONS];
      memcpy (probe->stage_us, result->stage_us, sizeof probe->stage_us);
      probe->render_us = result->render_us;
      probe->n_carried += !result->exact;
      probe->last_exact = result->exact;
      count_changed_objects (probe, result->nuclei);
      probe->tiles_at_update = lda_tiled_layer_get_render_us ();
      gtk_widget_queue_draw (GTK_WIDGET (probe->window));
    }
}

static void
on_preview (LdaPipelineRunner *runner,
            LdaRunPreview     *preview,
            Probe             *probe)
{
  if (preview->generation == probe->target && probe->preview_at == 0)
    probe->preview_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Probe         *probe)
{
  if (probe->updated && !probe->painted)
    {
      probe->painted = TRUE;
      probe->paint_us = probe->timer.last_paint_us;
      probe->tiles_in_paint = lda_tiled_layer_get_render_us () - probe->tiles_at_update;
    }
}

/* Per slider change, in µs. */
typedef struct
{
  guint   n;
  guint   n_previews;
  gint64 *total;
  gint64 *own;
  gint64 *gtk;
  gint64 *run;
  gint64 *render;
  gint64 *main_thread;
  gint64 *tiles;
  gint64 *split;
  gint64 *watershed;
  gint64 *preview;
  gint64 *faults;     /* pages of fresh memory touched, the whole process */
  gint64 *main_cpu;   /* the main thread's processor time, all of it */
  gint64 *process_cpu; /* every thread's */
  gint64  rest;       /* the exact result after the drag, once */
  gint64  rest_run;
  gint64  cold;       /* the slowest change of the first drags (warm_up()) */
  gint64  cold_faults;
} Timings;

static void
timings_init (Timings *t,
              guint    n)
{
  t->n = n;
  t->n_previews = 0;
  t->cold = t->cold_faults = 0;
  t->total = g_new (gint64, n);
  t->own = g_new (gint64, n);
  t->gtk = g_new (gint64, n);
  t->run = g_new (gint64, n);
  t->render = g_new (gint64, n);
  t->main_thread = g_new (gint64, n);
  t->tiles = g_new (gint64, n);
  t->split = g_new (gint64, n);
  t->watershed = g_new (gint64, n);
  t->preview = g_new (gint64, n);
  t->faults = g_new (gint64, n);
  t->main_cpu = g_new (gint64, n);
  t->process_cpu = g_new (gint64, n);
}

static void
timings_clear (Timings *t)
{
  g_free (t->total);
  g_free (t->faults);
  g_free (t->own);
  g_free (t->gtk);
  g_free (t->run);
  g_free (t->render);
  g_free (t->main_thread);
  g_free (t->tiles);
  g_free (t->split);
  g_free (t->watershed);
  g_free (t->preview);
  g_free (t->main_cpu);
  g_free (t->process_cpu);
}

/* The process's minor page faults so far: fresh memory touched. */
static long
minor_faults (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

/* Processor time so far, in µs: the calling thread's, or with @process
 * every thread's of the process. */
static gint64
cpu_us (gboolean process)
{
  struct timespec ts;

  clock_gettime (process ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The first value of a drag of @n changes, 0.01 apart, across the
 * value @offset holds: centred on it where the slider's range allows,
 * else as near as it does, so that every change moves the slider (a
 * value past its end would be clamped to the last one, no change at
 * all).  One step below it is left free for the untimed start. */
static double
drag_first (GtkAdjustment *offset,
            guint          n)
{
  const double lower = gtk_adjustment_get_lower (offset) + 0.01;
  const double upper = gtk_adjustment_get_upper (offset) - 0.01 * n;
  const double first = gtk_adjustment_get_value (offset) - 0.01 * (n / 2);

  return CLAMP (first, lower, MAX (lower, upper));
}

/* BENCH_PANE=composite, fluorescence, sobel or segmented shows that pane
 * alone, as Alt+1 to Alt+4 do; the four panes otherwise. */
static void
show_one_pane (LdaWindow *window)
{
  static const char *const names[] = { "composite", "fluorescence", "sobel", "segmented" };
  const char *pane = g_getenv ("BENCH_PANE");

  if (pane == NULL)
    return;
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    if (g_strcmp0 (pane, names[p]) == 0)
      {
        lda_window_show_pane (window, LDA_PANE_COMPOSITE + p);
        printf ("pane: %s alone\n", pane);
        return;
      }
  printf ("pane: no pane named %s; the four panes\n", pane);
}

/* BENCH_ZOOM=Z shows the panes at zoom Z (1 for 1:1); fitted otherwise. */
static void
set_zoom (LdaWindow *window)
{
  const char *text = g_getenv ("BENCH_ZOOM");
  double zoom = text != NULL ? g_ascii_strtod (text, NULL) : 0.0;

  if (text == NULL)
    return;
  if (!(zoom > 0.0))
    {
      printf ("zoom: %s is not a zoom; fitted\n", text);
      return;
    }
  lda_image_view_set_zoom (LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_COMPOSITE)), zoom);
  printf ("zoom: %.0f %%\n", 100.0 * zoom);
}

/* Moves the channel's offset @t->n times, each time until the result is on
 * screen, and notes where the time went. */
static void
measure (Probe             *probe,
         LdaPipelineRunner *runner,
         GtkAdjustment     *offset,
         Timings           *t)
{
  const double first = drag_first (offset, t->n);
  const gboolean held = g_getenv ("BENCH_KEYS") == NULL;

  /* Where the drag starts from, untimed: the knob at rest, exactly. */
  gtk_adjustment_set_value (offset, first - 0.01);
  while (lda_pipeline_runner_is_busy (runner))
    g_main_context_iteration (NULL, TRUE);
  if (held)
    lda_pipeline_runner_set_held (runner, TRUE);

  for (guint i = 0; i < t->n; i++)
    {
      gint64 t0, main_cpu, process_cpu;
      long faults;

      /* Let the previous frame settle, then move the slider. */
      for (int k = 0; k < 3; k++)
        g_main_context_iteration (NULL, FALSE);

      probe->updated = probe->painted = FALSE;
      probe->preview_at = 0;
      faults = minor_faults ();
      main_cpu = cpu_us (FALSE);
      process_cpu = cpu_us (TRUE);
      t0 = g_get_monotonic_time ();
      /* A drag across the preset's value, 0.01 (the offset's
       * resolution) a change: no value comes twice, so the stage cache
       * never has the result (drag_first()). */
      gtk_adjustment_set_value (offset, first + 0.01 * i);
      probe->target = lda_pipeline_runner_get_generation (runner);
      while (!probe->painted)
        g_main_context_iteration (NULL, TRUE);

      t->total[i] = g_get_monotonic_time () - t0;
      t->faults[i] = minor_faults () - faults;
      t->main_cpu[i] = cpu_us (FALSE) - main_cpu;
      t->process_cpu[i] = cpu_us (TRUE) - process_cpu;
      t->run[i] = probe->run_us;
      t->render[i] = probe->render_us;
      t->main_thread[i] = probe->main_us;
      t->tiles[i] = probe->tiles_in_paint;
      t->split[i] = probe->split_us;
      t->watershed[i] = probe->watershed_us;
      if (probe->preview_at != 0)
        t->preview[t->n_previews++] = probe->preview_at - t0;
      t->own[i] = probe->run_us + probe->render_us + probe->main_us + probe->tiles_in_paint;
      t->gtk[i] = MAX (0, probe->paint_us - probe->tiles_in_paint);
      if (g_getenv ("BENCH_EACH") != NULL)
        {
          printf ("change %3u: offset %.2f, own %.1f, split %.1f, watershed %.1f ms, "
                  "%" G_GINT64_FORMAT " page faults; stages",
                  i, gtk_adjustment_get_value (offset), t->own[i] / 1000.0,
                  t->split[i] / 1000.0, t->watershed[i] / 1000.0, t->faults[i]);
          for (guint st = 0; st < LDA_N_STAGES; st++)
            printf (" %.1f", probe->stage_us[st] / 1000.0);
          printf ("; run %.1f; paint %.1f\n", t->run[i] / 1000.0, t->gtk[i] / 1000.0);
        }
    }
}

/* Sets @offset to @value and waits until its result is on screen;
 * returns the time that took. */
static gint64
change_and_wait (Probe             *probe,
                 LdaPipelineRunner *runner,
                 GtkAdjustment     *offset,
                 double             value)
{
  const gint64 t0 = g_get_monotonic_time ();

  probe->updated = probe->painted = FALSE;
  gtk_adjustment_set_value (offset, value);
  probe->target = lda_pipeline_runner_get_generation (runner);
  while (!probe->painted)
    g_main_context_iteration (NULL, TRUE);

  return g_get_monotonic_time () - t0;
}

/* WARM_DRAGS drags of a few changes, untimed but for the slowest change
 * (into @t->cold, with its page faults): a person's first drags on a
 * frame, after which the window's memory is what it will be (the stage
 * cache full, its buffers reused).  Below the values the timed drag
 * takes, or above them where the slider ends below, so that none of
 * them is in the stage cache. */
#define WARM_DRAGS 3

static void
warm_up (Probe             *probe,
         LdaPipelineRunner *runner,
         GtkAdjustment     *offset,
         Timings           *t)
{
  const double base = gtk_adjustment_get_value (offset);
  const double first = drag_first (offset, t->n);

  for (guint d = 0; d < WARM_DRAGS; d++)
    {
      double start = first - 0.01 * (8 + 6 * d);

      /* No room below the timed drag: above it. */
      if (start < gtk_adjustment_get_lower (offset))
        start = first + 0.01 * (t->n + 4 + 6 * d);

      gtk_adjustment_set_value (offset, start);
      while (lda_pipeline_runner_is_busy (runner))
        g_main_context_iteration (NULL, TRUE);
      lda_pipeline_runner_set_held (runner, TRUE);
      for (guint i = 1; i <= 4; i++)
        {
          long faults = minor_faults ();
          gint64 took = change_and_wait (probe, runner, offset, start + 0.01 * i);

          if (took > t->cold)
            {
              t->cold = took;
              t->cold_faults = minor_faults () - faults;
            }
        }
      lda_pipeline_runner_set_held (runner, FALSE);
      while (lda_pipeline_runner_is_busy (runner))
        g_main_context_iteration (NULL, TRUE);
    }
  gtk_adjustment_set_value (offset, base);
  while (lda_pipeline_runner_is_busy (runner))
    g_main_context_iteration (NULL, TRUE);
}

/* Once the slider is let go (or, moved by keys, rests) after a drag, the
 * exact result follows by itself:
 * the time from the last change's frame until it is on screen, and its
 * pipeline's.  0 when the last change was exact already. */
static gint64
measure_rest (Probe             *probe,
              LdaPipelineRunner *runner,
              gint64            *run_us)
{
  gint64 t0 = g_get_monotonic_time ();

  *run_us = 0;
  lda_pipeline_runner_set_held (runner, FALSE);
  if (probe->last_exact)
    return 0;
  probe->updated = probe->painted = FALSE;
  /* The exact run's result, whatever its generation (it may have begun
   * while the last change's frame was painted). */
  probe->want_exact = TRUE;
  while (!probe->painted)
    g_main_context_iteration (NULL, TRUE);
  probe->want_exact = FALSE;
  *run_us = probe->run_us;

  return g_get_monotonic_time () - t0;
}

static void
print_timings (const Timings *t,
               const Probe   *probe,
               GtkWidget     *window,
               guint          width,
               guint          height,
               gint64         t_open)
{
  printf ("slider change to updated pane on screen, %u × %u, %u changes of the %s offset\n",
          width, height, t->n, lda_channel_title (probe->channel));
  bench_print_renderer (window);
  printf ("  %-46s %9s %9s\n", "", "median ms", "p95 ms");
  bench_print_row ("pipeline, stale stages (worker)", t->run, t->n);
  bench_print_row ("  of which the nucleus split", t->split, t->n);
  bench_print_row ("  of which the watershed", t->watershed, t->n);
  bench_print_row ("display pixels (worker)", t->render, t->n);
  bench_print_row ("window taking the result (main thread)", t->main_thread, t->n);
  bench_print_row ("label tiles rendered for the frame", t->tiles, t->n);
  bench_print_row ("(a) own CPU time per change", t->own, t->n);
  bench_print_row ("(b) GTK snapshot and renderer per frame", t->gtk, t->n);
  bench_print_row ("change to frame on screen", t->total, t->n);
  bench_print_row ("change to moved mask posted (preview)", t->preview, t->n_previews);
  bench_print_row ("processor time, main thread (all of it)", t->main_cpu, t->n);
  bench_print_row ("processor time, every thread", t->process_cpu, t->n);
  printf ("previews: %u of %u changes moved a mask\n", t->n_previews, t->n);
  printf ("nucleus objects changed by a change: %u of %u (%.1f %%)\n", probe->n_changed,
          probe->n_objects, 100.0 * probe->n_changed / MAX (probe->n_objects, 1));
  printf ("changes shown carried from the last (a drag: its split or its cells): %u of %u\n", probe->n_carried, t->n);
  {
    guint most = 0;

    for (guint i = 1; i < t->n; i++)
      if (t->faults[i] > t->faults[most])
        most = i;
    printf ("fresh memory touched (minor page faults): %" G_GINT64_FORMAT " in change %u, "
            "the most; %" G_GINT64_FORMAT " in the last\n",
            t->faults[most], most, t->faults[t->n - 1]);
  }
  if (t->cold > 0)
    printf ("the slowest change of %d untimed drags before: %.1f ms to the screen, "
            "%" G_GINT64_FORMAT " page faults (the window's memory growing)\n",
            WARM_DRAGS, t->cold / 1000.0, t->cold_faults);
  if (t->rest > 0)
    printf ("the slider %s: the exact result on screen %.1f ms after the last change's, "
            "its pipeline %.1f ms\n",
            g_getenv ("BENCH_KEYS") == NULL ? "let go" : "at rest (the runner waits for it to rest)",
            t->rest / 1000.0, t->rest_run / 1000.0);
  printf ("opening: %.0f ms; peak resident %.0f MiB (%.1f bytes a pixel of the frame)\n",
          t_open / 1000.0, bench_peak_rss_mib (),
          bench_peak_rss_mib () * 1048576.0 / ((double) width * height));
}

/* The first widget of @type under @widget, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample_dir = NULL;
  g_autofree char *dir = NULL;
  char *paths[3] = { NULL, };
  GFile *files[3];
  LdaPipelineRunner *runner;
  GtkAdjustment *offset;
  GdkFrameClock *clock;
  Probe probe = { 0, };
  Timings timings;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100;
  /* A triple given (N BF HO DR [preset]), or the sample tiled (at most
   * N tiles preset). */
  gboolean given = argc > 4;
  guint n_tiles = argc > 2 && !given ? (guint) CLAMP (atoi (argv[2]), 1, 16) : 4;
  const char *preset_name = given ? (argc > 5 ? argv[5] : NULL) : (argc > 3 ? argv[3] : NULL);
  LdaPreset preset = LDA_PRESET_DEFAULT;
  const LdaRunResult *opened;
  gint64 t_open;

  /* As main.c of the application does. */
  lda_memory_tune_allocator ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-slider: no display; run it under xvfb-run\n");
      return 1;
    }
  bench_choose_renderer ();
  n = MAX (n, 1);
  probe.channel = LDA_CHANNEL_HOECHST;
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (g_strcmp0 (g_getenv ("BENCH_CHANNEL"), lda_channel_name (c)) == 0)
      probe.channel = c;
  if (preset_name != NULL && !lda_preset_from_name (preset_name, &preset))
    {
      fprintf (stderr, "bench-slider: no preset named %s\n", preset_name);
      return 1;
    }

  if (given)
    for (guint c = 0; c < 3; c++)
      paths[c] = g_strdup (argv[2 + c]);
  else
    {
      sample_dir = g_build_filename (SOURCE_DIR, "data", "sample", NULL);
      dir = bench_make_tiled_sample (sample_dir, "lda-bench", n_tiles, paths);
    }
  for (guint c = 0; c < 3; c++)
    files[c] = g_file_new_for_path (paths[c]);

  probe.window = lda_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (probe.window), 1500, 950);
  gtk_window_present (GTK_WINDOW (probe.window));
  runner = lda_window_get_runner (probe.window);
  g_signal_add_emission_hook (g_signal_lookup ("updated", LDA_TYPE_PIPELINE_RUNNER), 0,
                              on_updated_hook, &probe, NULL);
  g_signal_connect (runner, "updated", G_CALLBACK (on_updated), &probe);
  g_signal_connect (runner, "preview", G_CALLBACK (on_preview), &probe);

  t_open = g_get_monotonic_time ();
  lda_window_open (probe.window, files, 3, FALSE);
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);
  t_open = g_get_monotonic_time () - t_open;
  /* A triple given may have a project beside it, with parameters of its
   * own: the preset is chosen whichever it is. */
  if (given || preset != LDA_PRESET_DEFAULT)
    {
      g_signal_emit_by_name (find_widget (GTK_WIDGET (probe.window), LDA_TYPE_NUCLEUS_PANEL),
                             "preset-chosen", (guint) preset);
      while (lda_pipeline_runner_is_busy (runner))
        g_main_context_iteration (NULL, TRUE);
    }
  printf ("preset: %s\n", lda_preset_name (preset));
  show_one_pane (probe.window);
  set_zoom (probe.window);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe.window));
  bench_frame_timer_attach (&probe.timer, GTK_WIDGET (probe.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &probe);
  offset = lda_channel_panel_get_offset_adjustment (
    LDA_CHANNEL_PANEL (lda_window_get_channel_panel (probe.window, probe.channel)));

  timings_init (&timings, n);
  if (g_getenv ("BENCH_COLD") == NULL && g_getenv ("BENCH_KEYS") == NULL)
    warm_up (&probe, runner, offset, &timings);
  probe.n_carried = 0;
  measure (&probe, runner, offset, &timings);
  timings.rest = measure_rest (&probe, runner, &timings.rest_run);
  opened = lda_pipeline_runner_get_result (runner);
  print_timings (&timings, &probe, GTK_WIDGET (probe.window), opened->width, opened->height,
                 t_open);
  g_clear_pointer (&probe.objects, g_hash_table_unref);
  timings_clear (&timings);

  gtk_window_destroy (GTK_WINDOW (probe.window));
  for (guint c = 0; c < 3; c++)
    {
      g_free (paths[c]);
      g_object_unref (files[c]);
    }
  if (dir != NULL)
    bench_remove_tree (dir);

  return 0;
}
