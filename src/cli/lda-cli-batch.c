/* lda-cli-batch.c — livedead batch INDIR -o OUTDIR [--jobs N] [--shard I/N]
 *
 * Every triple of a folder (found by the channel tags of lda-triples.c) is
 * segmented; a multi-page triple is a time series, one label mask per
 * page.  Triples are independent, so they are spread over --jobs worker
 * threads, and --shard I/N keeps every N-th triple of the sorted list,
 * starting with the I-th, so that the N parts of a cluster job cover the
 * folder exactly once.  A bad triple is reported and skipped; the exit
 * status says whether any failed.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lda-cli.h"
#include "lda-cli-batch-private.h"
#include "lda-cli-jobs.h"
#include "lda-cli-output.h"
#include "lda-counts-table.h"
#include "lda-error.h"
#include "lda-file-set.h"
#include "lda-layouts.h"
#include "lda-series.h"
#include "lda-time-store.h"
#include "lda-triples.h"

static void
job_free (Job *job)
{
  g_ptr_array_unref (job->rows);
  g_ptr_array_unref (job->messages);
  g_free (job->output_dir);
  g_free (job);
}

/* Every file of every triple of the folder, %NULL-terminated: no output
 * of any triple may replace one of them. */
static GPtrArray *
all_inputs (GPtrArray *triples)
{
  GPtrArray *inputs = g_ptr_array_new ();

  for (guint i = 0; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      for (guint c = 0; c < LDA_N_INPUTS; c++)
        if (triple->paths[c] != NULL)
          g_ptr_array_add (inputs, triple->paths[c]);
    }
  g_ptr_array_add (inputs, NULL);

  return inputs;
}

gboolean
lda_batch_write_counts (const char         *folder,
                        const char * const *inputs,
                        const char         *name,
                        const char         *csv,
                        gboolean            overwrite,
                        GError            **error)
{
  g_autoptr(LdaOutput) output = lda_output_begin (folder, inputs, overwrite, error);

  return output != NULL &&
         lda_output_add_text (output, name, csv, LDA_COUNTS_TABLE_SIGNATURE, error) &&
         lda_output_commit (output, error);
}

/* One line at the end, on a terminal or not (a cluster job's log): the
 * numbers are written the same way in every locale. */
void
lda_batch_print_summary (FILE       *out,
                         GPtrArray  *rows,
                         guint       done,
                         const char *output_dir,
                         const char *csv_name)
{
  g_autofree char *path = g_build_filename (output_dir, csv_name, NULL);
  g_autofree char *triples = NULL;
  g_autofree char *frames = NULL;
  char fraction[G_ASCII_DTOSTR_BUF_SIZE];
  guint64 live = 0, dead = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const LdaCountsRow *row = g_ptr_array_index (rows, i);

      live += row->live;
      dead += row->dead;
    }
  g_ascii_formatd (fraction, sizeof fraction, "%.3f",
                   live + dead > 0 ? (double) dead / (double) (live + dead) : 0.0);

  triples = g_strdup_printf (ngettext ("%u triple done", "%u triples done", done), done);
  frames = g_strdup_printf (ngettext ("%u frame", "%u frames", rows->len), rows->len);
  if (live + dead == 0)
    /* Translators: "3 triples done", "(5 frames)", the counts file */
    fprintf (out, _("%s (%s): no cells in any frame; counts in %s"), triples, frames, path);
  else
    /* Translators: "3 triples done", "(5 frames)", live and dead cells,
     * the dead fraction (written as 0.123 in every language), the counts
     * file */
    fprintf (out, _("%s (%s): %llu live, %llu dead, dead fraction %s; counts in %s"),
             triples, frames, (unsigned long long) live, (unsigned long long) dead, fraction,
             path);
  fputc ('\n', out);
  fflush (out);
}

/* The summary for programs: data/livedead-summary.schema.json; counts
 * null when no counts.csv was written (@csv_name %NULL). */
static void
print_json (GPtrArray  *jobs,
            GPtrArray  *rows,
            const char *output_dir,
            const char *csv_name)
{
  g_autoptr(GString) failed = g_string_new ("[");
  g_autofree char *path = csv_name != NULL ? g_build_filename (output_dir, csv_name, NULL) : NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_autoptr(GString) message = g_string_new (NULL);

      if (!job->failed)
        continue;
      for (guint m = 0; m < job->messages->len; m++)
        g_string_append_printf (message, "%s%s", m > 0 ? "; " : "",
                                (const char *) g_ptr_array_index (job->messages, m));
      g_string_append (failed, first ? "\n    {\"triple\": " : ",\n    {\"triple\": ");
      lda_json_append_string (failed, job->triple->name);
      g_string_append (failed, ", \"message\": ");
      lda_json_append_string (failed, message->str);
      g_string_append_c (failed, '}');
      first = FALSE;
    }
  g_string_append (failed, first ? "]" : "\n  ]");

  lda_cli_print_summary_json ("batch", output_dir, path, rows, failed->str);
}

/* The core's message for a folder it cannot list is English; say the two
 * common cases in the user's language, with the same English text. */
static void
report_folder_error (const char   *folder,
                     const GError *error)
{
  const char *reason = NULL;

  if (g_error_matches (error, LDA_ERROR, LDA_ERROR_NOT_FOUND))
    reason = _("no such folder");
  else if (g_file_test (folder, G_FILE_TEST_EXISTS) && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    reason = _("not a folder");

  if (reason != NULL)
    lda_cli_error (_("%s: cannot open folder: %s"), folder, reason);
  else
    lda_cli_error ("%s", error->message);
}

static gboolean
parse_shard (const char *text,
             guint      *index,
             guint      *count,
             GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "/", -1);

  if (g_strv_length (parts) != 2 ||
      !lda_cli_parse_uint ("--shard", parts[1], 1, G_MAXINT, count, NULL) ||
      !lda_cli_parse_uint ("--shard", parts[0], 1, *count, index, NULL))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("--shard: “%s” is not I/N with 1 ≤ I ≤ N (e.g. 3/8)"), text);
      return FALSE;
    }

  return TRUE;
}

/* What the command line asks for. */
typedef struct
{
  LdaParamOptions *param_options;
  char            *output_dir;
  char            *jobs_text;
  char            *shard_text;
  char            *channels_text;
  char            *series_name;
  char            *interval_text;
  gboolean         json;
  gboolean         quiet;
  gboolean         stats;
  gboolean         overwrite;
  guint            n_jobs;
  guint            shard_index;
  guint            shard_count;
} BatchArgs;

static void
batch_args_clear (BatchArgs *args)
{
  g_clear_pointer (&args->param_options, lda_param_options_free);
  g_free (args->output_dir);
  g_free (args->jobs_text);
  g_free (args->shard_text);
  g_free (args->channels_text);
  g_free (args->series_name);
  g_free (args->interval_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BatchArgs, batch_args_clear)

/* Parses the options into @args and the batch's parameters; on a usage
 * error says so and returns FALSE. */
static gboolean
parse_args (BatchArgs  *args,
            Batch      *batch,
            int        *argc,
            char     ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output_dir,
      N_("Write the label masks and counts.csv into OUTDIR (created if missing)"), "OUTDIR" },
    { "jobs", 'j', 0, G_OPTION_ARG_STRING, &args->jobs_text,
      N_("Triples segmented at once (default: the number of processors)"), "N" },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &args->shard_text,
      N_("Process only part I of N (1 ≤ I ≤ N) of the sorted triples"), "I/N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json,
      N_("Print a summary in JSON (data/livedead-summary.schema.json) instead of the line"),
      NULL },
    { "channels", 0, 0, G_OPTION_ARG_STRING, &args->channels_text,
      N_("Which channel is which where names do not say: bf=N|NAME,hoechst=N|NAME,"
         "draq7=N|NAME (channel numbers from 1, channel or folder names)"), "MAP" },
    { "series", 0, 0, G_OPTION_ARG_STRING, &args->series_name,
      N_("Only this well or position (Incucyte A1_1, Micro-Manager Pos0)"), "NAME" },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &args->interval_text,
      N_("Time between frames where the files do not say it (e.g. 2h, 30min)"), "TIME" },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &args->overwrite,
      N_("Replace files of the outputs' names in OUTDIR that are not results of livedead "
         "segment or batch (those are replaced without it)"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args->quiet,
      N_("Print nothing on success (warnings and failures still)"), NULL },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &args->stats,
      N_("Print frames per second, processors busy and peak memory on stderr at the end"),
      NULL },
    { NULL }
  };

  /* GOption translates the parameter string, the summary and the option
   * descriptions itself, with the domain of the main group. */
  g_set_prgname ("livedead batch");
  context = g_option_context_new (N_("INDIR - segment every triple of a folder"));
  g_option_context_set_summary (context,
    /* Translators: keep the channel tags and the file names as they are */
    N_("Finds the triples of INDIR by the channel tags in their file names\n"
       "(bf, brightfield, bright, phase, trans, transmitted, dic, tl; hoechst, dapi;\n"
       "draq7, cy5, pi, propidium, sytox, topro3; case does not matter), and those of\n"
       "ImageJ hyperstacks, OME-TIFF files, Incucyte and Micro-Manager folders; writes\n"
       "NAME_labels.tif for each (NAME_tPPP_labels.tif per page of a multi-page time\n"
       "series) and counts.csv (counts-I-of-N.csv with --shard). A folder of several\n"
       "wells or positions gets a folder per well or position in OUTDIR (OUTDIR/A1_1,\n"
       "OUTDIR/Pos0), each with its masks and counts, and counts.csv of all."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  lda_param_options_add (args->param_options, context);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      lda_cli_error ("batch: %s", error->message);
      return FALSE;
    }
  if (*argc != 2)
    {
      lda_cli_error (_("batch: expected one input folder, got %d; try “livedead batch --help”"),
                     *argc - 1);
      return FALSE;
    }
  if (args->output_dir == NULL)
    {
      lda_cli_error ("%s", _("batch: no output folder; add -o OUTDIR"));
      return FALSE;
    }

  lda_params_init (&batch->params);
  if (!lda_param_options_apply (args->param_options, &batch->params, &error) ||
      (args->jobs_text != NULL &&
       !lda_cli_parse_uint ("--jobs", args->jobs_text, 1, 256, &args->n_jobs, &error)) ||
      (args->shard_text != NULL &&
       !parse_shard (args->shard_text, &args->shard_index, &args->shard_count, &error)) ||
      (args->interval_text != NULL &&
       !lda_interval_parse (args->interval_text, &batch->interval_hours, &error)))
    {
      lda_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The triples of @folder the options ask for, or %NULL after saying why
 * (*@status is the exit status then).  *@several says whether the folder
 * holds several wells or positions, chosen from or not. */
static GPtrArray *
find_triples (const BatchArgs *args,
              const char      *folder,
              gboolean        *several,
              int             *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GPtrArray) triples = NULL;
  g_autoptr(GPtrArray) before = NULL;

  *status = LDA_EXIT_FAILED;
  if (args->channels_text != NULL && !lda_channel_map_parse (args->channels_text, &map, &error))
    {
      lda_cli_error ("batch: --channels: %s", error->message);
      *status = LDA_EXIT_USAGE;
      return NULL;
    }

  triples = lda_triples_find_mapped (folder, &map, &error);
  if (triples == NULL)
    {
      report_folder_error (folder, error);
      return NULL;
    }
  before = lda_batch_list_series (triples);
  *several = before != NULL;
  if (args->series_name != NULL && !lda_batch_keep_series (triples, args->series_name, &error))
    {
      lda_cli_error ("%s: %s", folder, error->message);
      return NULL;
    }
  if (triples->len == 0 && !lda_layouts_has_tiffs (folder))
    {
      lda_cli_error (_("%s: no TIFF images in this folder (.tif or .tiff files)"), folder);
      return NULL;
    }
  if (triples->len == 0)
    {
      lda_cli_error (_("%s: no triples found (file names need a channel tag such as "
                       "_bf, _hoechst, _draq7; see “livedead batch --help”)"), folder);
      return NULL;
    }
  return g_steal_pointer (&triples);
}

/* One job per triple of this shard, each with its output folder made. */
static GPtrArray *
make_jobs (const BatchArgs *args,
           Batch           *batch,
           const char      *folder,
           GPtrArray       *triples,
           gboolean         per_series,
           gboolean         several,
           GError         **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);

  for (guint i = args->shard_index - 1; i < triples->len; i += args->shard_count)
    {
      Job *job = g_new0 (Job, 1);

      job->triple = g_ptr_array_index (triples, i);
      job->output_dir = lda_batch_series_output_dir (args->output_dir, job->triple, per_series);
      job->interval_hours = lda_batch_job_interval (batch, folder, job->triple, several);
      job->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_counts_row_free);
      job->messages = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (jobs, job);
      if (!g_str_equal (job->output_dir, args->output_dir) &&
          !lda_cli_make_folder (job->output_dir, error))
        return NULL;
    }
  return g_steal_pointer (&jobs);
}

/* counts.csv, or a shard's own. */
static char *
counts_name (const BatchArgs *args)
{
  return args->shard_count > 1
         ? g_strdup_printf ("counts-%u-of-%u.csv", args->shard_index, args->shard_count)
         : g_strdup ("counts.csv");
}

/* Before any work: the counts files the batch will write can be written
 * (no folder where one goes, not an input), and neither they nor the
 * masks replace a file that is not an automatic result, so that a batch
 * does not write its masks and then fail, nor work for nothing. */
static gboolean
check_targets (const BatchArgs *args,
               GPtrArray       *jobs,
               GPtrArray       *inputs,
               GError         **error)
{
  g_autofree char *name = counts_name (args);
  g_autoptr(GHashTable) folders = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer folder;

  g_hash_table_add (folders, (gpointer) args->output_dir);
  for (guint i = 0; i < jobs->len; i++)
    g_hash_table_add (folders, ((Job *) g_ptr_array_index (jobs, i))->output_dir);

  g_hash_table_iter_init (&iter, folders);
  while (g_hash_table_iter_next (&iter, &folder, NULL))
    {
      g_autoptr(LdaFileSet) set = lda_file_set_new (folder, (const char * const *) inputs->pdata);
      g_autofree char *target = g_build_filename (folder, name, NULL);
      GError *counts_error = NULL;

      if (!lda_file_set_check_target (set, target, error))
        return FALSE;
      /* A counts file there that is not batch's is named with the masks
       * that are not either. */
      if (!lda_output_check (folder, name, LDA_COUNTS_TABLE_SIGNATURE, args->overwrite,
                             &counts_error) &&
          !g_error_matches (counts_error, LDA_ERROR, LDA_ERROR_EXISTS))
        {
          g_propagate_error (error, counts_error);
          return FALSE;
        }
      if (!lda_batch_check_masks (folder, set, jobs, args->overwrite,
                                  counts_error != NULL ? name : NULL, counts_error, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes counts.csv (and each series' own) and says what was done. */
static int
finish (const BatchArgs *args,
        GPtrArray       *jobs,
        GPtrArray       *all_series,
        GPtrArray       *inputs,
        LdaJobsClock    *clock,
        gboolean         progress)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *csv = NULL;
  g_autofree char *csv_name = NULL;
  guint failed = 0, stopped = 0, frames;

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      failed += job->failed;
      stopped += job->stopped;
      for (guint r = 0; r < job->rows->len; r++)
        g_ptr_array_add (rows, g_ptr_array_index (job->rows, r));
    }
  frames = rows->len;
  if (args->stats || progress)
    lda_jobs_print_stats (clock, stderr, frames, MIN (args->n_jobs, MAX (jobs->len, 1)));
  if (stopped > 0 && progress)
    fputs ("\r\033[K", stderr);
  if (stopped > 0)
    lda_cli_error (_("batch stopped: %u of %u triples done (%u frames); the others were left "
                     "alone"), jobs->len - failed - stopped, jobs->len, frames);

  /* Nothing done: a counts.csv of an earlier run stays as it was.  A
   * shard with no triple writes its header alone, so that the join of
   * all shards finds every one. */
  if (frames > 0 || jobs->len == 0)
    csv_name = counts_name (args);
  /* Each series' table first: the rows then name their masks from the
   * top, for the table of them all. */
  if (csv_name != NULL && all_series != NULL &&
      !lda_batch_write_series_counts (jobs, args->output_dir, all_series,
                                      (const char * const *) inputs->pdata, csv_name,
                                      args->json, args->overwrite, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }
  csv = lda_counts_table_csv (rows);
  if (csv_name != NULL &&
      !lda_batch_write_counts (args->output_dir, (const char * const *) inputs->pdata, csv_name,
                               csv, args->overwrite, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }
  /* The counts written, which no longer list the triples that failed:
   * what an earlier run left of those goes too.  (Not before: with the
   * disk full, the earlier run's counts and masks stay as they were.) */
  for (guint i = 0; csv_name != NULL && i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (job->failed)
        lda_batch_remove_stale (job, (const char * const *) inputs->pdata);
    }

  if (failed > 0)
    {
      g_autofree char *in_frames = g_strdup_printf (ngettext ("%u frame", "%u frames", frames),
                                                    frames);

      /* Translators: failed, all, done, "(5 frames)" */
      lda_cli_error (ngettext ("%u of %u triple failed; %u done (%s)",
                               "%u of %u triples failed; %u done (%s)", jobs->len),
                     failed, jobs->len, jobs->len - failed - stopped, in_frames);
    }

  if (args->json)
    print_json (jobs, rows, args->output_dir, csv_name);
  else if (csv_name != NULL && !(args->quiet && failed == 0 && stopped == 0))
    lda_batch_print_summary (stdout, rows, jobs->len - failed - stopped, args->output_dir,
                             csv_name);

  return failed > 0 || stopped > 0 ? LDA_EXIT_FAILED : LDA_EXIT_OK;
}

int
lda_cli_batch (int    argc,
               char **argv)
{
  g_auto(BatchArgs) args = {
    lda_param_options_new (), .n_jobs = lda_jobs_processors (),
    .shard_index = 1, .shard_count = 1,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) triples = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) all_series = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LdaJobsClock clock;
  Batch batch = { 0, };
  gboolean several = FALSE;
  int status;

  if (!parse_args (&args, &batch, &argc, &argv))
    return LDA_EXIT_USAGE;

  triples = find_triples (&args, argv[1], &several, &status);
  if (triples == NULL)
    return status;

  if (!lda_cli_make_folder (args.output_dir, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }

  lda_batch_print_notes (triples);
  all_series = lda_batch_list_series (triples);
  inputs = all_inputs (triples);
  batch.inputs = (const char * const *) inputs->pdata;
  batch.output_dir = args.output_dir;
  batch.overwrite = args.overwrite;
  batch.quiet = args.quiet;
  batch.param_options = args.param_options;
  batch.cancellable = cancellable;

  jobs = make_jobs (&args, &batch, argv[1], triples, all_series != NULL, several, &error);
  if (jobs == NULL || !check_targets (&args, jobs, inputs, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }

  if (jobs->len == 0)
    {
      g_autofree char *name = counts_name (&args);

      /* Translators: the shard (3/8), the triples of the folder, the
       * counts file */
      lda_cli_error (ngettext ("shard %s holds none of the folder's %u triple; %s holds its "
                               "header only",
                               "shard %s holds none of the folder's %u triples; %s holds its "
                               "header only", triples->len),
                     args.shard_text, triples->len, name);
    }

  lda_jobs_clock_start (&clock);
  lda_batch_run_jobs (&batch, args.n_jobs, jobs);
  return finish (&args, jobs, all_series, inputs, &clock, batch.progress);
}
