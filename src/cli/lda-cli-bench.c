/* lda-cli-bench.c — livedead bench BF HO DR [--repeat N] [--slider CHANNEL [--step S] [--drag]]
 *
 * Runs the whole pipeline N times in one process on a fresh pipeline each
 * time, after one untimed run, and prints the median time of each stage
 * and of the whole.  With --slider, one pipeline instead, whose channel's
 * offset moves N times as a dragged slider moves it: what a slider change
 * costs the pipeline alone, median and 95th percentile, stages not re-run
 * counting nothing.  With --drag as well, the changes are those of a
 * slider being dragged in the window (lda_pipeline_set_dragging()), and
 * the exact run when the slider rests, every ten changes, is timed apart;
 * the drag's last labels, carried, are compared with that run's: the
 * pixels that differ, and the outline pixels with none of the other's
 * within a pixel, in the whole frame and, with --shown, in what the
 * panes show.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lda-compare.h"
#include "lda-cli.h"
#include "lda-triples.h"

static double
median_ms (gint64 *values,
           guint   n)
{
  qsort (values, n, sizeof *values, (int (*) (const void *, const void *)) lda_compare_gint64);

  if (n % 2 == 1)
    return values[n / 2] / 1000.0;
  return (values[n / 2 - 1] + values[n / 2]) / 2000.0;
}

/* The nearest-rank 95th percentile of @values, sorted already. */
static double
p95_ms (const gint64 *values,
        guint         n)
{
  guint rank = (guint) ((95 * (guint64) n + 99) / 100);

  return values[MAX (rank, 1) - 1] / 1000.0;
}

/* The stage names are the core's identifiers and stay English. */
static void
print_medians (gint64 *times,
               gint64 *totals,
               guint   repeat)
{
  printf ("%-22s %10s\n", _("stage"), _("median ms"));
  for (guint s = 0; s < LDA_N_STAGES; s++)
    printf ("%-22s %10.2f\n", lda_stage_name (s), median_ms (times + s * repeat, repeat));
  printf ("%-22s %10.2f\n", _("whole pipeline"), median_ms (totals, repeat));
}

/* With, per stage, how many of the changes ran it again: a stage re-run
 * in a few microseconds shows 0.00 ms, and is still told from one left
 * as it was. */
static void
print_medians_p95 (gint64      *times,
                   gint64      *totals,
                   const guint *reruns,
                   guint        repeat)
{
  double median;

  printf ("%-22s %10s %10s %8s\n", _("stage"), _("median ms"), _("p95 ms"), _("re-runs"));
  for (guint s = 0; s < LDA_N_STAGES; s++)
    {
      median = median_ms (times + s * repeat, repeat);
      printf ("%-22s %10.2f %10.2f %8u\n", lda_stage_name (s), median,
              p95_ms (times + s * repeat, repeat), reruns[s]);
    }
  median = median_ms (totals, repeat);
  printf ("%-22s %10.2f %10.2f\n", _("whole change"), median, p95_ms (totals, repeat));
}

static gboolean
parse_channel (const char  *text,
               LdaChannel  *channel,
               GError     **error)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (g_strcmp0 (text, lda_channel_name (c)) == 0)
      {
        *channel = c;
        return TRUE;
      }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--slider: “%s” is not a channel (cell-area, hoechst or draq7)"), text);
  return FALSE;
}

/* VmHWM of this process image.  Unlike getrusage(), it does not count the
 * pages of the parent this process was forked from before exec. */
static double
peak_resident_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0.0;

  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Run 0 is not timed: it maps the large buffers that the next runs find
 * kept (lda-buffer.c), as every frame after the first of a batch or a
 * window does; the reference's first run is left out too. */
static gboolean
time_fresh_runs (LdaImage       **images,
                 const LdaParams *params,
                 gboolean         threaded,
                 guint            repeat,
                 gint64          *times,
                 gint64          *totals,
                 GError         **error)
{
  for (guint r = 0; r <= repeat; r++)
    {
      g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (images[0], images[1], images[2], error);
      gint64 t0;

      if (pipeline == NULL || !lda_pipeline_set_params (pipeline, params, error))
        return FALSE;
      lda_pipeline_set_threaded (pipeline, threaded);

      t0 = g_get_monotonic_time ();
      if (!lda_pipeline_run (pipeline, NULL, error))
        return FALSE;
      if (r == 0)
        continue;
      totals[r - 1] = g_get_monotonic_time () - t0;

      for (guint s = 0; s < LDA_N_STAGES; s++)
        times[s * repeat + r - 1] = lda_pipeline_get_stage_time (pipeline, s);
    }

  return TRUE;
}

/* How many changes of a drag before the slider rests. */
#define DRAG_CHANGES 10

/* Whether @labels has a cell outline at (@x, @y) or next to it. */
static gboolean
outline_near (const LdaImage *labels,
              guint           x,
              guint           y)
{
  const guint8 *p = labels->data;

  for (guint v = y > 0 ? y - 1 : 0; v <= MIN (y + 1, labels->height - 1); v++)
    for (guint u = x > 0 ? x - 1 : 0; u <= MIN (x + 1, labels->width - 1); u++)
      if (p[(gsize) v * labels->width + u] == LDA_CLASS_OUTLINE)
        return TRUE;

  return FALSE;
}

/* The share of the pixels of @r, in %, whose class @a and @b give
 * differently; and of the pixels that either makes a cell outline, the
 * share with no outline of the other within a pixel: a line moved by one
 * pixel is the same line. */
static void
labels_differ (const LdaImage *a,
               const LdaImage *b,
               const LdaRect  *r,
               double         *pixels,
               double         *outlines)
{
  const guint8 *pa = a->data, *pb = b->data;
  const guint w = a->width;
  gsize differ = 0, outline = 0, outline_far = 0;

  for (guint y = (guint) r->y; y < (guint) (r->y + r->height); y++)
    for (guint x = (guint) r->x; x < (guint) (r->x + r->width); x++)
      {
        const gsize i = (gsize) y * w + x;
        const gboolean oa = pa[i] == LDA_CLASS_OUTLINE, ob = pb[i] == LDA_CLASS_OUTLINE;

        differ += pa[i] != pb[i];
        outline += oa || ob;
        if (oa != ob)
          outline_far += !outline_near (oa ? b : a, x, y);
      }
  *pixels = 100.0 * differ / MAX ((gsize) r->width * r->height, 1);
  *outlines = 100.0 * outline_far / MAX (outline, 1);
}

/* With --drag: the mipmap level the window's panes show the frame at
 * (--zoomed-out), which the pipeline floods a drag's cells at, or the
 * columns and rows they show of the frame's middle at 1:1 (--shown). */
static guint drag_level;
static guint drag_shown[2];

/* The part of a @w × @h frame --shown shows: its middle. */
static LdaRect
shown_rect (guint w,
            guint h)
{
  return (LdaRect) { (int) (w / 2) - (int) drag_shown[0] / 2, (int) (h / 2) - (int) drag_shown[1] / 2,
                     (int) drag_shown[0], (int) drag_shown[1] };
}

/* One pipeline, whose @channel's offset moves @repeat times across the
 * value @params give it, @step a change (0.01, the slider's step, as
 * bench-slider drags the window's slider; a fast drag by the pointer
 * moves it 0.03–0.1 an event): every value is new.  A stage
 * counts its time in a change only if the change re-ran it, and the
 * changes that did in @reruns.  With
 * @rests, the changes are a drag's, and the slider rests after every
 * DRAG_CHANGES of them: the exact run that follows goes into @rests,
 * @n_rests of them, and how the last change's labels differ from its
 * exact ones into @differ (labels_differ(), four a rest: in the whole
 * frame and in what --shown shows). */
static gboolean
time_slider (LdaImage       **images,
             const LdaParams *params,
             LdaChannel       channel,
             double           step,
             gboolean         threaded,
             guint            repeat,
             gint64          *times,
             guint           *reruns,
             gint64          *totals,
             gint64          *rests,
             guint           *n_rests,
             double          *differ,
             GError         **error)
{
  g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (images[0], images[1], images[2], error);
  LdaParams moved = *params;
  const double base = params->channel[channel].offset;

  if (pipeline == NULL || !lda_pipeline_set_params (pipeline, params, error))
    return FALSE;
  lda_pipeline_set_threaded (pipeline, threaded);
  if (drag_shown[0] > 0)
    {
      const LdaRect shown = shown_rect (lda_pipeline_get_width (pipeline),
                                        lda_pipeline_get_height (pipeline));

      lda_pipeline_set_preview (pipeline, 0, &shown);
    }
  else
    lda_pipeline_set_preview (pipeline, drag_level, NULL);
  /* As the window's pipeline does. */
  lda_pipeline_set_all_methods (pipeline, TRUE);
  if (!lda_pipeline_run (pipeline, NULL, error))
    return FALSE;

  for (guint r = 0; r < repeat; r++)
    {
      guint runs[LDA_N_STAGES];
      gint64 t0;

      for (guint s = 0; s < LDA_N_STAGES; s++)
        runs[s] = lda_pipeline_get_stage_runs (pipeline, s);
      moved.channel[channel].offset = MAX (base + step * ((double) r - repeat / 2 + (r >= repeat / 2)),
                                           0.0);
      moved.channel[channel].use_offset = TRUE;

      t0 = g_get_monotonic_time ();
      if (rests != NULL)
        lda_pipeline_set_dragging (pipeline, TRUE);
      if (!lda_pipeline_set_params (pipeline, &moved, error) ||
          !lda_pipeline_run (pipeline, NULL, error))
        return FALSE;
      totals[r] = g_get_monotonic_time () - t0;

      for (guint s = 0; s < LDA_N_STAGES; s++)
        if (lda_pipeline_get_stage_runs (pipeline, s) != runs[s])
          {
            times[s * repeat + r] = lda_pipeline_get_stage_time (pipeline, s);
            reruns[s]++;
          }

      /* The slider rests: the exact split, and what follows it. */
      if (rests != NULL && (r % DRAG_CHANGES == DRAG_CHANGES - 1 || r + 1 == repeat))
        {
          g_autoptr(LdaImage) carried = lda_image_ref (lda_pipeline_get_labels (pipeline));
          const LdaRect all = { 0, 0, (int) carried->width, (int) carried->height };
          const LdaRect shown = drag_shown[0] > 0 ? shown_rect (carried->width, carried->height) : all;
          const LdaImage *exact;
          double *d = &differ[4 * *n_rests];

          t0 = g_get_monotonic_time ();
          lda_pipeline_set_dragging (pipeline, FALSE);
          if (!lda_pipeline_run (pipeline, NULL, error))
            return FALSE;
          rests[*n_rests] = g_get_monotonic_time () - t0;
          exact = lda_pipeline_get_labels (pipeline);
          labels_differ (carried, exact, &all, &d[0], &d[1]);
          labels_differ (carried, exact, &shown, &d[2], &d[3]);
          (*n_rests)++;
        }
    }

  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  const double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The exact runs when the slider rested, and how far the drag's last
 * labels were from theirs (time_slider()). */
static void
print_rests (gint64       *rests,
             const double *differ,
             guint         n_rests)
{
  g_autofree double *pixels = g_new (double, n_rests);
  g_autofree double *outlines = g_new (double, n_rests);
  const double median = median_ms (rests, n_rests);

  /* Translators: how many times the slider rested, then the median and the 95th percentile */
  printf (_("the slider rests (%u times), the exact split and what follows: %.2f ms median, %.2f ms p95"),
          n_rests, median, p95_ms (rests, n_rests));
  putchar ('\n');

  for (guint part = 0; part < (drag_shown[0] > 0 ? 2u : 1u); part++)
    {
      for (guint i = 0; i < n_rests; i++)
        {
          pixels[i] = differ[4 * i + 2 * part];
          outlines[i] = differ[4 * i + 2 * part + 1];
        }
      qsort (pixels, n_rests, sizeof (double), compare_doubles);
      qsort (outlines, n_rests, sizeof (double), compare_doubles);
      if (part == 0)
        /* Translators: medians and largest, in % */
        printf (_("the drag's last labels against the exact ones: %.2f %% of pixels differ (largest %.2f %%); %.1f %% of outline pixels have none of the other within a pixel (largest %.1f %%)"),
                pixels[n_rests / 2], pixels[n_rests - 1], outlines[n_rests / 2], outlines[n_rests - 1]);
      else
        /* Translators: medians and largest, in %, of the part of the frame --shown shows */
        printf (_("in what the panes show: %.2f %% of pixels differ (largest %.2f %%); %.1f %% of outline pixels have none of the other within a pixel (largest %.1f %%)"),
                pixels[n_rests / 2], pixels[n_rests - 1], outlines[n_rests / 2], outlines[n_rests - 1]);
      putchar ('\n');
    }
}

/* The options' values, checked; prints what is wrong and returns
 * %FALSE if one is. */
/* --zoomed-out and --shown: what the window's panes show of a drag. */
static gboolean
parse_drag_view (gint        level,
                 const char *shown_text,
                 gboolean    drag)
{
  if (level < 0 || level > 8)
    {
      lda_cli_error (_("bench: --zoomed-out must be 0 to 8"));
      return FALSE;
    }
  drag_level = (guint) level;
  if (shown_text != NULL &&
      (sscanf (shown_text, "%ux%u", &drag_shown[0], &drag_shown[1]) != 2 ||
       drag_shown[0] == 0 || drag_shown[1] == 0 || !drag || level > 0))
    {
      lda_cli_error (_("bench: --shown takes columns and rows, as 800x600, with --drag and without --zoomed-out"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_options (LdaParamOptions *param_options,
               LdaParams       *params,
               const char      *repeat_text,
               guint           *repeat,
               const char      *slider_text,
               LdaChannel      *slider,
               double           step,
               gboolean         drag)
{
  g_autoptr(GError) error = NULL;

  if (!lda_param_options_apply (param_options, params, &error) ||
      (repeat_text != NULL &&
       !lda_cli_parse_uint ("--repeat", repeat_text, 1, 100000, repeat, &error)) ||
      (slider_text != NULL && !parse_channel (slider_text, slider, &error)))
    {
      lda_cli_error ("%s", error->message);
      return FALSE;
    }
  if (!(step > 0 && step <= 1))
    {
      lda_cli_error (_("bench: --step must be above 0 and at most 1"));
      return FALSE;
    }
  if (drag && slider_text == NULL)
    {
      lda_cli_error (_("bench: --drag needs --slider"));
      return FALSE;
    }
  if (drag_level > 0 && !drag)
    {
      lda_cli_error (_("bench: --zoomed-out needs --drag"));
      return FALSE;
    }

  return TRUE;
}

int
lda_cli_bench (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LdaParamOptions) param_options = lda_param_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaTriple) triple = NULL;
  g_autofree char *repeat_text = NULL;
  g_autofree char *slider_text = NULL;
  g_autofree gint64 *times = NULL;
  guint reruns[LDA_N_STAGES] = { 0, };
  g_autofree gint64 *totals = NULL;
  g_autofree gint64 *rests = NULL;
  g_autofree double *differ = NULL;
  guint n_rests = 0;
  gboolean single_thread = FALSE;
  gboolean drag = FALSE;
  gint level = 0;
  g_autofree char *shown_text = NULL;
  double step = 0.01;
  LdaImage *images[LDA_N_INPUTS] = { NULL, };
  LdaParams params;
  guint repeat = 10;
  LdaChannel slider = LDA_CHANNEL_HOECHST;
  int status = LDA_EXIT_OK;
  GOptionEntry entries[] = {
    { "repeat", 'n', 0, G_OPTION_ARG_STRING, &repeat_text, N_("Runs to time, after one untimed run (default 10)"), "N" },
    { "single-thread", 0, 0, G_OPTION_ARG_NONE, &single_thread,
      N_("Run the channels one after the other on one thread"), NULL },
    { "slider", 0, 0, G_OPTION_ARG_STRING, &slider_text,
      N_("Time N changes of this channel's offset on one pipeline, as a slider makes them: cell-area, hoechst or draq7"), "CHANNEL" },
    { "step", 0, 0, G_OPTION_ARG_DOUBLE, &step,
      N_("With --slider, how far the offset moves a change (default 0.01, the slider's resolution; a fast drag moves it 0.03 to 0.1 a pointer event)"), "STEP" },
    { "drag", 0, 0, G_OPTION_ARG_NONE, &drag,
      N_("With --slider, the changes of a slider being dragged in the window: the last split and cells carried onto the moved masks, and the exact run when the slider rests (every ten changes) timed apart, with how far the carried labels were from it"), NULL },
    { "zoomed-out", 0, 0, G_OPTION_ARG_INT, &level,
      N_("With --drag, the panes zoomed out to this mipmap level: 1 where a screen pixel shows 2 × 2 of the frame's, 2 for 4 × 4 (default 0, 1:1); the cells of a drag are flooded at that resolution, or coarser where that would be more than 512 × 512 pixels"), "LEVEL" },
    { "shown", 0, 0, G_OPTION_ARG_STRING, &shown_text,
      N_("With --drag, the panes at 1:1 showing this many columns and rows of the frame's middle; the cells of a drag are flooded on their own pixels only there, and coarser (2 × 2, 4 × 4) where that and its margin are more than 640 × 640 pixels"), "WxH" },
    { NULL }
  };

  g_set_prgname ("livedead bench");
  context = g_option_context_new (N_("BF HO DR - time the pipeline"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  lda_param_options_add (param_options, context);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lda_cli_error ("bench: %s", error->message);
      return LDA_EXIT_USAGE;
    }
  if (argc != 4)
    {
      lda_cli_error (_("bench: expected three images (BF HO DR), got %d"), argc - 1);
      return LDA_EXIT_USAGE;
    }

  if (!parse_drag_view (level, shown_text, drag))
    return LDA_EXIT_USAGE;
  lda_params_init (&params);
  if (!check_options (param_options, &params, repeat_text, &repeat, slider_text, &slider, step,
                      drag))
    return LDA_EXIT_USAGE;

  triple = lda_triple_new (argv[1], argv[2], argv[3]);
  if (!lda_triple_load (triple, 0, images, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }

  times = g_new0 (gint64, (gsize) repeat * LDA_N_STAGES);
  totals = g_new0 (gint64, repeat);
  if (drag)
    {
      rests = g_new0 (gint64, repeat / DRAG_CHANGES + 1);
      differ = g_new0 (double, 4 * (repeat / DRAG_CHANGES + 1));
    }

  if (slider_text == NULL)
    time_fresh_runs (images, &params, !single_thread, repeat, times, totals, &error);
  else
    time_slider (images, &params, slider, step, !single_thread, repeat, times, reruns, totals, rests,
                 &n_rests, differ, &error);

  if (error != NULL)
    {
      lda_cli_error ("%s", error->message);
      status = LDA_EXIT_FAILED;
    }
  else
    {
      if (slider_text == NULL)
        /* Translators: width × height, the runs, then "one thread" or "two threads" */
        printf (_("image: %u × %u, %u runs, %s"), images[0]->width, images[0]->height, repeat,
                single_thread ? _("one thread") : _("two threads"));
      else
        /* Translators: width × height, the changes, the channel, then "one thread" or "two threads" */
        printf (_("image: %u × %u, %u changes of the %s offset, %s"), images[0]->width,
                images[0]->height, repeat, slider_text,
                single_thread ? _("one thread") : _("two threads"));
      putchar ('\n');
      if (slider_text == NULL)
        print_medians (times, totals, repeat);
      else
        print_medians_p95 (times, totals, reruns, repeat);
      if (n_rests > 0)
        print_rests (rests, differ, n_rests);

      printf (_("peak resident memory: %.1f MiB"), peak_resident_mib ());
      putchar ('\n');
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&images[i], lda_image_unref);

  return status;
}
