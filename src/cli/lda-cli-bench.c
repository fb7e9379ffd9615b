/* lda-cli-bench.c — livedead bench BF HO DR [--repeat N]
 *
 * Runs the whole pipeline N times in one process on a fresh pipeline each
 * time, after one untimed run, and prints the median time of each stage
 * and of the whole.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
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

int
lda_cli_bench (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LdaParamOptions) param_options = lda_param_options_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaTriple) triple = NULL;
  g_autofree char *repeat_text = NULL;
  g_autofree gint64 *times = NULL;
  g_autofree gint64 *totals = NULL;
  gboolean single_thread = FALSE;
  LdaImage *images[LDA_N_INPUTS] = { NULL, };
  LdaParams params;
  guint repeat = 10;
  int status = LDA_EXIT_OK;
  GOptionEntry entries[] = {
    { "repeat", 'n', 0, G_OPTION_ARG_STRING, &repeat_text, N_("Runs to time, after one untimed run (default 10)"), "N" },
    { "single-thread", 0, 0, G_OPTION_ARG_NONE, &single_thread,
      N_("Run the channels one after the other on one thread"), NULL },
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

  lda_params_init (&params);
  if (!lda_param_options_apply (param_options, &params, &error) ||
      (repeat_text != NULL &&
       !lda_cli_parse_uint ("--repeat", repeat_text, 1, 100000, &repeat, &error)))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_USAGE;
    }

  triple = lda_triple_new (argv[1], argv[2], argv[3]);
  if (!lda_triple_load (triple, 0, images, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }

  times = g_new0 (gint64, (gsize) repeat * LDA_N_STAGES);
  totals = g_new0 (gint64, repeat);

  /* Run 0 is not timed: it maps the large buffers that the next runs
   * find kept (lda-buffer.c), as every frame after the first of a batch
   * or a window does; the reference's first run is left out too. */
  for (guint r = 0; r <= repeat; r++)
    {
      g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (images[0], images[1], images[2], &error);
      gint64 t0;

      if (pipeline == NULL || !lda_pipeline_set_params (pipeline, &params, &error))
        break;
      lda_pipeline_set_threaded (pipeline, !single_thread);

      t0 = g_get_monotonic_time ();
      if (!lda_pipeline_run (pipeline, NULL, &error))
        break;
      if (r == 0)
        continue;
      totals[r - 1] = g_get_monotonic_time () - t0;

      for (guint s = 0; s < LDA_N_STAGES; s++)
        times[s * repeat + r - 1] = lda_pipeline_get_stage_time (pipeline, s);
    }

  if (error != NULL)
    {
      lda_cli_error ("%s", error->message);
      status = LDA_EXIT_FAILED;
    }
  else
    {
      /* Translators: width × height, the runs, then "one thread" or "two threads" */
      printf (_("image: %u × %u, %u runs, %s"), images[0]->width, images[0]->height, repeat,
              single_thread ? _("one thread") : _("two threads"));
      putchar ('\n');
      printf ("%-22s %10s\n", _("stage"), _("median ms"));
      /* The stage names are the core's identifiers and stay English. */
      for (guint s = 0; s < LDA_N_STAGES; s++)
        printf ("%-22s %10.2f\n", lda_stage_name (s), median_ms (times + s * repeat, repeat));
      printf ("%-22s %10.2f\n", _("whole pipeline"), median_ms (totals, repeat));

      printf (_("peak resident memory: %.1f MiB"), peak_resident_mib ());
      putchar ('\n');
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&images[i], lda_image_unref);

  return status;
}
