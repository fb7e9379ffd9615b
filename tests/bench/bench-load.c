/* bench-load.c — the window's memory over a long session
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/bench-load [SLIDER_CHANGES [STROKES]]
 *
 * Opens the bundled sample tiled 4 × 4 (2048 × 2048) in the real window,
 * makes SLIDER_CHANGES (default 500) changes to the offset, coarseness and
 * kernel of the three channels, each time waiting for the new result to be
 * painted, then paints STROKES (default 2000) brush strokes of every class
 * over the whole frame, letting the main loop redraw and autosave as it
 * goes.  Prints the resident memory at the start, after the sliders, every
 * eighth of the strokes and at the end.  The undo history keeps
 * LDA_HISTORY_DEFAULT_STEPS (200) steps, so once the strokes are well past
 * that the memory must level off: the program fails (exit status 1) when
 * the second half of the strokes grows it by more than MAX_GROWTH_MIB.
 * A benchmark, not a test: it takes minutes and the figures depend on the
 * machine and the renderer.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lda-channel-panel.h"
#include "lda-history.h"
#include "lda-tiff.h"
#include "bench-util.h"
#include "lda-window.h"

#define SAMPLE "nov22-402-tile2-0_t41"
#define TILES  4

/* The second half of the strokes starts with the undo history long full
 * (200 steps out of 1000 strokes), so whatever it still adds is not
 * history.  What may legitimately differ between two readings is
 * allocator slack and what the renderer holds at that moment: one
 * 2048 × 2048 RGBA texture more or less is 16 MiB, and such a jump was
 * seen once in a run that otherwise stayed within 1 MiB.  64 MiB, four
 * such textures, is generous; yet a leak of 64 KiB per stroke (a
 * 128 × 128 tile of RGBA overlay) over 1000 strokes, or of one 4 MiB copy
 * of the edit layer at each autosave (about one a second), crosses it. */
#define MAX_GROWTH_MIB 64.0

/* No single wait should take this long, even on a busy machine. */
#define WAIT_LIMIT_S   300

#define N_STROKE_READINGS 8

typedef struct
{
  LdaWindow *window;
  guint      target;
  gboolean   updated;
  gboolean   painted;
} Probe;

typedef struct
{
  char   *label;
  guint   strokes;
  double  rss_mib;
  double  hwm_mib;
  double  untrimmed_mib;
} Reading;

/* The temporary folder of the images, removed on the way out. */
static char *tmp_dir;


static void G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN
bail (const char *format,
      ...)
{
  va_list args;

  fprintf (stderr, "bench-load: ");
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fprintf (stderr, "\n");
  if (tmp_dir != NULL)
    bench_remove_tree (tmp_dir);
  exit (2);
}

static void
on_updated (LdaPipelineRunner *runner,
            LdaRunResult      *result,
            Probe             *probe)
{
  if (result->generation == probe->target)
    {
      probe->updated = TRUE;
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

static void
wait_for (gboolean   *flag,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        bail ("gave up waiting for %s after %d s", what, WAIT_LIMIT_S);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Until the next frame has been painted: with nothing to wait for
 * first, the very next frame counts. */
static void
wait_for_frame (Probe *probe)
{
  probe->updated = TRUE;
  probe->painted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (probe->window));
  wait_for (&probe->painted, "a frame");
}

/* Lets the window finish what it has started — a pipeline run, an
 * autosave, a redraw — so that every reading sees the same quiet state
 * and not a copy of the edits that happens to be in flight. */
static void
settle (Probe *probe)
{
  LdaPipelineRunner *runner = lda_window_get_runner (probe->window);
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_S * G_USEC_PER_SEC;

  while (lda_pipeline_runner_is_busy (runner) || lda_window_save_pending (probe->window))
    {
      if (g_get_monotonic_time () > deadline)
        bail ("the window did not settle within %d s", WAIT_LIMIT_S);
      g_main_context_iteration (NULL, TRUE);
    }
  wait_for_frame (probe);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
read_status (double *rss_mib,
             double *hwm_mib)
{
  g_autofree char *status = NULL;
  const char *rss, *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (rss = strstr (status, "VmRSS:")) == NULL ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    return FALSE;

  *rss_mib = g_ascii_strtod (rss + strlen ("VmRSS:"), NULL) / 1024.0;
  *hwm_mib = g_ascii_strtod (hwm + strlen ("VmHWM:"), NULL) / 1024.0;

  return TRUE;
}

static void
take_reading (GArray     *readings,
              Probe      *probe,
              const char *label,
              guint       strokes)
{
  Reading r = { g_strdup (label), strokes, 0, 0, 0 };
  double ignored;

  settle (probe);
  if (!read_status (&r.untrimmed_mib, &ignored))
    bail ("cannot read /proc/self/status");

  /* With the thresholds of main.c, freed blocks of up to 256 MiB stay in
   * the heap and the heap is only given back once 512 MiB are free at its
   * top, so the resident size follows the largest heap ever used, not
   * what is still allocated.  malloc_trim() gives every free page of every
   * arena (the workers' too) back, so what remains is what is in use plus
   * fragmentation: the figure that would reveal a leak. */
  malloc_trim (0);
  if (!read_status (&r.rss_mib, &r.hwm_mib))
    bail ("cannot read /proc/self/status");

  g_array_append_val (readings, r);
}

static void
clear_reading (Reading *r)
{
  g_free (r->label);
}

/* The panel's template names them; only the offset has a getter. */
static const char * const controls[] = {
  "offset_adjustment",
  "coarseness_adjustment",
  "kernel_adjustment",
};

#define N_CONTROLS G_N_ELEMENTS (controls)

static GtkAdjustment *
get_control (LdaWindow  *window,
             LdaChannel  channel,
             guint       control)
{
  GtkWidget *panel = lda_window_get_channel_panel (window, channel);
  GObject *adjustment = gtk_widget_get_template_child (panel, LDA_TYPE_CHANNEL_PANEL, controls[control]);

  g_assert (GTK_IS_ADJUSTMENT (adjustment));
  return GTK_ADJUSTMENT (adjustment);
}

/* The slider changes go round the channels and, for each, round offset,
 * coarseness and kernel, so the same control comes back every ninth
 * change.  Its value swings either side of where it started, by a step
 * that grows and shrinks, and never stays where it was: an unchanged
 * value would start no run. */
static void
change_slider (LdaWindow    *window,
               guint         i,
               const double  base[LDA_N_CHANNELS][N_CONTROLS])
{
  static const double steps[N_CONTROLS] = { 0.05, 2.0, 1.0 };
  LdaChannel channel = i % LDA_N_CHANNELS;
  guint control = (i / LDA_N_CHANNELS) % N_CONTROLS;
  guint turn = i / (LDA_N_CHANNELS * N_CONTROLS);
  GtkAdjustment *adjustment = get_control (window, channel, control);
  double delta = steps[control] * (1 + turn % 3) * (turn % 2 ? 1 : -1);
  double value;

  value = CLAMP (base[channel][control] + delta, gtk_adjustment_get_lower (adjustment),
                 gtk_adjustment_get_upper (adjustment));
  if (G_APPROX_VALUE (value, gtk_adjustment_get_value (adjustment), 1e-6))
    value = CLAMP (base[channel][control] - delta, gtk_adjustment_get_lower (adjustment),
                   gtk_adjustment_get_upper (adjustment));
  gtk_adjustment_set_value (adjustment, value);
}

/* The stroke after which the k-th reading of the strokes is taken; the
 * last one is after the last stroke, the fourth after half of them. */
static guint
stroke_checkpoint (guint k,
                   guint n_strokes)
{
  return (guint) ((guint64) k * n_strokes / N_STROKE_READINGS);
}

static void
paint_stroke (LdaWindow *window,
              GRand     *rand)
{
  double x = g_rand_double_range (rand, 0, 2048);
  double y = g_rand_double_range (rand, 0, 2048);
  double angle = g_rand_double_range (rand, 0, 2 * G_PI);
  guint moves = (guint) g_rand_int_range (rand, 6, 15);

  lda_window_stroke_begin (window, x, y);
  for (guint m = 0; m < moves; m++)
    {
      double length = g_rand_double_range (rand, 5, 30);

      /* A hand's wobbly line, kept on the frame. */
      angle += g_rand_double_range (rand, -0.6, 0.6);
      x = CLAMP (x + length * cos (angle), 0, 2047);
      y = CLAMP (y + length * sin (angle), 0, 2047);
      lda_window_stroke_move (window, x, y);
    }
  lda_window_stroke_end (window);
}

/* The sliders: one change at a time, each until its result is on screen.
 * Returns how long they took, in µs. */
static gint64
run_sliders (Probe             *probe,
             LdaPipelineRunner *runner,
             GArray            *readings,
             guint              n_changes,
             const double     (*base)[N_CONTROLS])
{
  gint64 t0 = g_get_monotonic_time ();
  gint64 us;

  for (guint i = 0; i < n_changes; i++)
    {
      probe->updated = probe->painted = FALSE;
      change_slider (probe->window, i, base);
      probe->target = lda_pipeline_runner_get_generation (runner);
      wait_for (&probe->painted, "a slider's result on screen");
    }
  us = g_get_monotonic_time () - t0;
  take_reading (readings, probe, "after the sliders", 0);
  return us;
}

/* The strokes: a frame painted after each, autosave on its own timer.
 * Returns how long they took, in µs. */
static gint64
run_strokes (Probe   *probe,
             GRand   *rand,
             GArray  *readings,
             guint    n_strokes)
{
  gint64 t0;

  gtk_widget_activate_action (GTK_WIDGET (probe->window), "win.tool", "s", "brush");
  t0 = g_get_monotonic_time ();
  for (guint i = 1, k = 1; i <= n_strokes; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (probe->window), "win.paint-class", "i",
                                  1 + (int) (i % 4));
      paint_stroke (probe->window, rand);
      wait_for_frame (probe);

      if (k <= N_STROKE_READINGS && i >= stroke_checkpoint (k, n_strokes))
        {
          g_autofree char *label = g_strdup_printf ("stroke %u", i);

          take_reading (readings, probe, label, i);
          while (k <= N_STROKE_READINGS && stroke_checkpoint (k, n_strokes) <= i)
            k++;
        }
    }
  return g_get_monotonic_time () - t0;
}

/* Prints the readings and the figures; returns whether the memory's
 * growth over the second half of the strokes stayed within its bound
 * (*@growth). */
static gboolean
print_report (GArray  *readings,
              guint    n_changes,
              guint    n_strokes,
              gint64   slider_us,
              gint64   stroke_us,
              double  *growth)
{
  const Reading *first, *half, *last;
  gboolean ok;

  printf ("memory of the window, %u × %u, %u slider changes then %u brush strokes\n",
          512 * TILES, 512 * TILES, n_changes, n_strokes);
  printf ("(resident after malloc_trim; \"untrimmed\" is the same moment before it)\n");
  printf ("%-18s %8s %10s %10s %10s %14s\n",
          "point", "strokes", "VmRSS MiB", "growth", "VmHWM MiB", "untrimmed MiB");
  first = &g_array_index (readings, Reading, 0);
  for (guint i = 0; i < readings->len; i++)
    {
      const Reading *r = &g_array_index (readings, Reading, i);

      printf ("%-18s %8u %10.1f %+10.1f %10.1f %14.1f\n", r->label, r->strokes,
              r->rss_mib, r->rss_mib - first->rss_mib, r->hwm_mib, r->untrimmed_mib);
    }

  last = &g_array_index (readings, Reading, readings->len - 1);
  half = NULL;
  for (guint i = 0; i < readings->len; i++)
    {
      const Reading *r = &g_array_index (readings, Reading, i);

      if (r->strokes > 0 && r->strokes == n_strokes / 2)
        half = r;
    }

  printf ("sliders: %.1f s (%.0f ms a change); strokes: %.1f s (%.0f ms a stroke)\n",
          slider_us / 1e6, n_changes > 0 ? slider_us / 1e3 / n_changes : 0.0,
          stroke_us / 1e6, n_strokes > 0 ? stroke_us / 1e3 / n_strokes : 0.0);
  printf ("growth from start to end: %+.1f MiB; sliders %+.1f MiB, strokes %+.1f MiB\n",
          last->rss_mib - first->rss_mib,
          g_array_index (readings, Reading, 1).rss_mib - first->rss_mib,
          last->rss_mib - g_array_index (readings, Reading, 1).rss_mib);
  printf ("undo history capped at %u steps\n", LDA_HISTORY_DEFAULT_STEPS);

  if (half != NULL)
    {
      *growth = last->rss_mib - half->rss_mib;
      ok = *growth <= MAX_GROWTH_MIB;
      printf ("growth over the second half of the strokes (%u to %u): %+.1f MiB (%+.1f KiB a stroke), bound %.0f MiB: %s\n",
              half->strokes, last->strokes, *growth, *growth * 1024.0 / (last->strokes - half->strokes),
              MAX_GROWTH_MIB, ok ? "ok" : "EXCEEDED");
      if (n_strokes / 2 < LDA_HISTORY_DEFAULT_STEPS)
        printf ("note: the undo history is not full yet at stroke %u; the check means little\n",
                n_strokes / 2);
    }
  else
    {
      printf ("too few strokes for a second half; no check\n");
      ok = TRUE;
    }

  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) readings = NULL;
  g_autoptr(GRand) rand = NULL;
  char *paths[3] = { NULL, };
  GFile *files[3];
  LdaPipelineRunner *runner;
  GdkFrameClock *clock;
  Probe probe = { 0, };
  double base[LDA_N_CHANNELS][N_CONTROLS];
  const char *project;
  guint n_changes = argc > 1 ? (guint) atoi (argv[1]) : 500;
  guint n_strokes = argc > 2 ? (guint) atoi (argv[2]) : 2000;
  gint64 slider_us, stroke_us;
  double growth = 0.0;
  gboolean ok;

  /* As main.c of the application does, before anything is allocated, so
   * that the heap behaves as in the real application. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-load: no display; run it under xvfb-run\n");
      return 1;
    }
  bench_choose_renderer ();

  readings = g_array_new (FALSE, TRUE, sizeof (Reading));
  g_array_set_clear_func (readings, (GDestroyNotify) clear_reading);
  rand = g_rand_new_with_seed (20260101);

  probe.window = lda_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (probe.window), 1500, 950);
  gtk_window_present (GTK_WINDOW (probe.window));
  runner = lda_window_get_runner (probe.window);
  g_signal_connect (runner, "updated", G_CALLBACK (on_updated), &probe);

  /* Only once the window stands, so that a missing schema leaves no
   * folder behind. */
  tmp_dir = bench_make_tiled_sample (SOURCE_DIR "/data/sample", "lda-load", TILES, paths);
  for (guint c = 0; c < 3; c++)
    files[c] = g_file_new_for_path (paths[c]);

  if (!lda_window_open (probe.window, files, 3, FALSE))
    bail ("the window could not open the images");
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Everything the window saves must go to the temporary folder. */
  project = lda_window_get_project_folder (probe.window);
  if (project == NULL || !g_str_has_prefix (project, tmp_dir))
    bail ("the project is not beside the images but in %s", project != NULL ? project : "(none)");

  bench_print_renderer (GTK_WIDGET (probe.window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &probe);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      for (guint k = 0; k < N_CONTROLS; k++)
        base[c][k] = gtk_adjustment_get_value (get_control (probe.window, c, k));
    }

  take_reading (readings, &probe, "start", 0);

  slider_us = run_sliders (&probe, runner, readings, n_changes,
                           (const double (*)[N_CONTROLS]) base);
  stroke_us = run_strokes (&probe, rand, readings, n_strokes);
  ok = print_report (readings, n_changes, n_strokes, slider_us, stroke_us, &growth);

  gtk_window_destroy (GTK_WINDOW (probe.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint c = 0; c < 3; c++)
    {
      g_free (paths[c]);
      g_object_unref (files[c]);
    }
  bench_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);

  if (!ok)
    {
      fprintf (stderr, "bench-load: memory grew by %.1f MiB over the second half of the strokes, more than %.0f MiB: a leak?\n",
               growth, MAX_GROWTH_MIB);
      return 1;
    }

  return 0;
}
