/* lda-cli-export.c — livedead export PROJECT -o DIR
 *
 * Exports a series the way the window's Export does, with the same
 * function, so the files are the same byte for byte: the corrected label
 * masks, counts.csv and the dead-fraction plot, and with --layout the
 * files of a training set (pairs, nnunet, instances), split into
 * training and validation with --val-fraction and --seed.  PROJECT is the image folder; the parameters and edits the person
 * saved come from its project folder (livedead-project), which may also
 * be given itself.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "lda-cli.h"
#include "lda-counts-table.h"
#include "lda-error.h"
#include "lda-export.h"
#include "lda-project.h"
#include "lda-project-wells.h"
#include "lda-series.h"

typedef struct
{
  LdaSeries              *series;
  GPtrArray              *edits;
  const char             *folder;
  const LdaExportOptions *options;
  gboolean                show_progress;
  GCancellable           *cancellable;
  GMainLoop              *loop;
  gboolean                ok;
  GError                 *error;
} Export;

/* Called from the export thread. */
static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  Export *export = user_data;

  if (!export->show_progress)
    return;

  fputs ("\r\033[K", stderr);
  fprintf (stderr, _("exporting: %u/%u frames"), done, total);
  if (done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

static gboolean
export_done (gpointer user_data)
{
  Export *export = user_data;

  g_main_loop_quit (export->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
export_thread (gpointer user_data)
{
  Export *export = user_data;

  export->ok = lda_export_run (export->series, export->edits, export->folder,
                               export->options, print_progress, export,
                               export->cancellable, &export->error);
  g_idle_add (export_done, export);

  return NULL;
}

/* Ctrl+C, a TERM signal or a hang-up stops the export between frames;
 * the export is all or nothing, so the folder is left as it was and no
 * temporary file is left behind. */
static gboolean
on_signal (gpointer user_data)
{
  Export *export = user_data;

  g_cancellable_cancel (export->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Runs the export on a thread while the main thread waits for it or for a
 * signal to cancel it. */
static gboolean
run_export (Export  *export,
            GError **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GThread *thread;
  guint sigint, sigterm, sighup;

  export->loop = loop;
  export->cancellable = cancellable;

  sigint = g_unix_signal_add (SIGINT, on_signal, export);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, export);
  sighup = g_unix_signal_add (SIGHUP, on_signal, export);
  thread = g_thread_new ("export", export_thread, export);
  g_main_loop_run (loop);
  g_thread_join (thread);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_source_remove (sighup);

  export->loop = NULL;
  export->cancellable = NULL;

  if (!export->ok)
    {
      g_propagate_error (error, export->error);
      export->error = NULL;
      return FALSE;
    }

  return TRUE;
}

static void
set_damaged_error (GError    **error,
                   const char *what)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_DAMAGED,
               _("%s; the export would lack them. Open the folder in "
                 "livedead-annotator and choose “Go On Without Them”, or add "
                 "--ignore-damaged"), what);
}

/* Loads the saved parameters and edits, if there are any
 * (lda_project_load_saved()); refused while corrections set aside as
 * damaged have not been acknowledged, unless @ignore_damaged. */
static gboolean
load_project (LdaSeries  *series,
              gboolean    ignore_damaged,
              GPtrArray **edits,
              GError    **error)
{
  g_autofree char *damaged = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!lda_project_load_saved (series, ignore_damaged, edits, &damaged, &local_error))
    {
      if (g_error_matches (local_error, LDA_ERROR, LDA_ERROR_DAMAGED))
        set_damaged_error (error, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (damaged != NULL)
    lda_cli_error (_("warning: %s; exported without them (--ignore-damaged)"), damaged);

  return TRUE;
}

/* What the command line asks for. */
typedef struct
{
  char     *output_dir;
  char     *frames_text;
  char     *series_name;
  char     *channels_text;
  char     *interval_text;
  char     *layout_text;
  char     *val_by_text;
  double    val_fraction;
  gint64    seed;
  gboolean  training_layout;
  gboolean  overwrite;
  gboolean  quiet;
  gboolean  json;
  gboolean  ignore_damaged;
  gboolean  all_series;
} ExportArgs;

static void
export_args_clear (ExportArgs *args)
{
  g_free (args->output_dir);
  g_free (args->frames_text);
  g_free (args->series_name);
  g_free (args->channels_text);
  g_free (args->interval_text);
  g_free (args->layout_text);
  g_free (args->val_by_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportArgs, export_args_clear)

/* Parses the options; on a usage error says so and returns FALSE. */
static gboolean
parse_args (ExportArgs  *args,
            int         *argc,
            char      ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output_dir,
      N_("Write the export into DIR (created if missing)"), "DIR" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &args->layout_text,
      N_("Also write the files of a training layout: plain (none), pairs, nnunet or instances"),
      N_("LAYOUT") },
    { "training-layout", 0, 0, G_OPTION_ARG_NONE, &args->training_layout,
      N_("The same as --layout pairs"), NULL },
    { "val-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &args->val_fraction,
      N_("Put about this fraction of the frames (0 to 1) into the validation set"),
      N_("FRACTION") },
    { "val-by", 0, 0, G_OPTION_ARG_STRING, &args->val_by_text,
      N_("Split by frame (the default) or by field: the frames of a field, well or position "
         "all go to the same side"), "frame|field" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args->seed,
      N_("Seed of the training/validation split (0 to 4294967295)"), N_("N") },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &args->overwrite,
      N_("Replace files of an earlier export"), NULL },
    { "frames", 0, 0, G_OPTION_ARG_STRING, &args->frames_text,
      N_("Export only these frames, numbered from 0 in the series' order, e.g. 0,2,5-7"),
      "LIST" },
    { "ignore-damaged", 0, 0, G_OPTION_ARG_NONE, &args->ignore_damaged,
      N_("Export even though corrections were set aside as damaged"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args->quiet, N_("Print nothing on success"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json,
      N_("Print a summary in JSON (data/livedead-summary.schema.json) instead of the line"),
      NULL },
    { "series", 0, 0, G_OPTION_ARG_STRING, &args->series_name,
      N_("The well or position to export, when the folder holds several"), "NAME" },
    { "all-series", 0, 0, G_OPTION_ARG_NONE, &args->all_series,
      N_("Export every well or position of the folder into one dataset"), NULL },
    { "channels", 0, 0, G_OPTION_ARG_STRING, &args->channels_text,
      N_("Which channel is which where names do not say: bf=N|NAME,hoechst=N|NAME,"
         "draq7=N|NAME"), "MAP" },
    { "interval", 0, 0, G_OPTION_ARG_STRING, &args->interval_text,
      N_("Time between frames whose files do not say it, e.g. 2h or 30min"), "TIME" },
    { NULL }
  };

  /* GOption translates the parameter string and the option descriptions
   * itself, with the domain of the main group; the summary is formatted
   * here, so it is translated here. */
  g_set_prgname ("livedead export");
  context = g_option_context_new (N_("PROJECT - export corrected label masks"));
  summary = g_strdup_printf (
    /* Translators: %s is the project folder's name, livedead-project */
    _("Exports the series of the image folder PROJECT as the application does: for\n"
      "each frame TITLE_labels.tif, the 5-class mask with the saved corrections (0\n"
      "background, 1 cell area, 2 cell outline, 3 Hoechst nucleus, 4 Draq7 nucleus),\n"
      "then counts.csv, dead_fraction.png and dead_fraction.svg.  The parameters and\n"
      "corrections come from PROJECT/%s, which may be given\n"
      "instead of PROJECT; without it the default parameters apply.  Nothing is\n"
      "replaced without --overwrite."),
    LDA_PROJECT_FOLDER_NAME);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      lda_cli_error ("export: %s", error->message);
      return FALSE;
    }
  if (*argc != 2)
    {
      lda_cli_error (_("export: expected one project or image folder, got %d; "
                       "try “livedead export --help”"), *argc - 1);
      return FALSE;
    }
  if (args->output_dir == NULL)
    {
      lda_cli_error ("%s", _("export: no output folder; add -o DIR"));
      return FALSE;
    }
  if (args->all_series && args->series_name != NULL)
    {
      lda_cli_error ("%s", _("export: --series and --all-series exclude each other"));
      return FALSE;
    }
  return TRUE;
}

/* The export's options from @args (the frames are parsed into @frames,
 * which they point into); on a usage error says so and returns FALSE. */
static gboolean
export_options (const ExportArgs *args,
                LdaSeries        *series,
                GArray          **frames,
                GPtrArray        *rows,
                LdaExportOptions *options)
{
  g_autoptr(GError) error = NULL;

  if (args->frames_text != NULL)
    {
      *frames = g_array_new (FALSE, FALSE, sizeof (guint));
      if (!lda_series_parse_frames (series, args->frames_text, 0, *frames, &error))
        {
          lda_cli_error ("--frames: %s", error->message);
          return FALSE;
        }
      options->frames = (const guint *) (gpointer) (*frames)->data;
      options->n_frames = (*frames)->len;
    }
  options->training_layout = args->training_layout;
  options->overwrite = args->overwrite;
  options->counts_rows = rows;
  if (args->layout_text != NULL && !lda_export_layout_parse (args->layout_text, &options->layout))
    {
      lda_cli_error (_("--layout: “%s” is not a layout; choose plain, pairs, nnunet or "
                       "instances"), args->layout_text);
      return FALSE;
    }
  if (!(args->val_fraction >= 0 && args->val_fraction <= 1))
    {
      lda_cli_error ("%s", _("--val-fraction: give a number from 0 to 1, such as 0.2"));
      return FALSE;
    }
  if (args->seed < 0 || args->seed > G_MAXUINT32)
    {
      lda_cli_error ("%s", _("--seed: give a whole number from 0 to 4294967295"));
      return FALSE;
    }
  if (args->val_by_text != NULL && g_strcmp0 (args->val_by_text, "frame") != 0 &&
      g_strcmp0 (args->val_by_text, "field") != 0)
    {
      lda_cli_error (_("--val-by: “%s” is not a way to split; choose frame or field"),
                     args->val_by_text);
      return FALSE;
    }
  options->val_fraction = args->val_fraction;
  options->val_by_field = g_strcmp0 (args->val_by_text, "field") == 0;
  options->seed = (guint32) args->seed;
  return TRUE;
}

/* The series of @folder as the options map and time it, or %NULL after
 * saying why; *@status is the exit status then. */
static gboolean
parse_map (const ExportArgs *args,
           LdaChannelMap    *map,
           double           *interval,
           GError          **error)
{
  *interval = 0.0;
  return (args->channels_text == NULL || lda_channel_map_parse (args->channels_text, map, error)) &&
         (args->interval_text == NULL || lda_interval_parse (args->interval_text, interval, error));
}

static LdaSeries *
open_series (const ExportArgs *args,
             const char       *folder,
             int              *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  LdaSeries *series;
  double interval = 0.0;

  if (!parse_map (args, &map, &interval, &error))
    {
      lda_cli_error ("export: %s", error->message);
      *status = LDA_EXIT_USAGE;
      return NULL;
    }

  series = lda_series_new_from_folder_full (folder, args->series_name, &map, &error);
  if (series == NULL)
    {
      lda_cli_error ("%s", error->message);
      *status = LDA_EXIT_FAILED;
      return NULL;
    }
  if (interval > 0.0)
    lda_series_set_interval (series, interval);
  return series;
}

/* Replaces *@series and *@edits, one well or position of a folder of
 * several, by all of them joined into one series (lda-project-wells.c). */
static gboolean
join_wells (const ExportArgs  *args,
            LdaSeries        **series,
            GPtrArray        **edits,
            GError           **error)
{
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GPtrArray) joined_edits = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) local_error = NULL;
  LdaSeries *joined;
  double interval;

  /* Parsed before, by open_series(). */
  if (!parse_map (args, &map, &interval, error))
    return FALSE;
  joined = lda_project_join_wells (*series, *edits, &map, interval, args->ignore_damaged,
                                   &joined_edits, NULL, &warnings, &local_error);
  if (joined == NULL)
    {
      if (g_error_matches (local_error, LDA_ERROR, LDA_ERROR_DAMAGED))
        set_damaged_error (error, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < warnings->len; i++)
    lda_cli_error (_("warning: %s; exported without them (--ignore-damaged)"),
                   (const char *) g_ptr_array_index (warnings, i));

  lda_series_free (*series);
  *series = joined;
  g_clear_pointer (edits, g_ptr_array_unref);
  *edits = g_steal_pointer (&joined_edits);
  return TRUE;
}

/* Says why the export failed, in one line. */
static void
report_failure (const Export *export,
                const GError *error)
{
  if (export->show_progress)
    fputs ("\r\033[K", stderr);
  if (g_error_matches (error, LDA_ERROR, LDA_ERROR_EXISTS))
    /* What is there may be anything (batch's masks, a person's counts.csv):
     * the message before says what, when it is an earlier export. */
    lda_cli_error (_("%s; add --overwrite to replace what is there"), error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    lda_cli_error (_("%s: export stopped; nothing was written, the folder is as it was"),
                   export->folder);
  else
    lda_cli_error ("%s", error->message);
}

/* Says what was exported, and which triples were left out. */
static void
report_success (const ExportArgs       *args,
                LdaSeries              *series,
                const char             *folder,
                const LdaExportOptions *options,
                GPtrArray              *rows)
{
  g_auto(GStrv) notes = lda_series_get_notes (series);
  GPtrArray *problems;
  guint n_exported;

  /* Triples that cannot be used were left out, as in the window; say so
   * (after the export, so that a failure stays one line), and what was
   * read all the same, as batch does. */
  for (guint i = 0; notes[i] != NULL; i++)
    lda_cli_error (_("warning: %s"), notes[i]);
  problems = lda_series_get_problems (series);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    lda_cli_error (_("warning: %s: skipped: %s"), folder,
                   (const char *) g_ptr_array_index (problems, i));
  /* The others are not forgotten silently. */
  if (args->series_name == NULL && !args->all_series && lda_series_get_all_series (series) != NULL)
    {
      const char * const *all = lda_series_get_all_series (series);
      g_autofree char *listed = g_strjoinv (", ", (char **) all);

      lda_cli_error (_("note: %s holds %u wells or positions (%s); the first, %s, was "
                       "exported; --series NAME exports another, --all-series all of them "
                       "into one dataset"),
                     folder, g_strv_length ((char **) all), listed, all[0]);
    }

  n_exported = options->frames != NULL ? options->n_frames : lda_series_get_n_frames (series);
  if (args->json)
    {
      g_autofree char *counts_path = g_build_filename (args->output_dir, "counts.csv", NULL);

      lda_cli_print_summary_json ("export", args->output_dir, counts_path, rows, NULL);
    }
  else if (!args->quiet)
    {
      /* Translators: the image folder, the number of frames, the output folder */
      printf (ngettext ("%s: %u frame exported into %s", "%s: %u frames exported into %s",
                        n_exported),
              folder, n_exported, args->output_dir);
      putchar ('\n');
    }
}

/* Says how many files of the earlier export were removed, and which one
 * could not be (it stays listed for the next export). */
static void
report_removed (const ExportArgs *args,
                GPtrArray        *stale)
{
  const char *left = NULL;
  guint removed = 0;

  for (guint i = 0; i < stale->len; i++)
    {
      const char *path = g_ptr_array_index (stale, i);

      if (!g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        removed++;
      else if (left == NULL)
        left = path;
    }
  if (left != NULL)
    lda_cli_error (_("warning: %s: a file of the earlier export was not removed; the next "
                     "export into %s tries again"), left, args->output_dir);
  if (removed > 0 && !args->quiet && !args->json)
    lda_cli_error (ngettext ("note: %u file of the earlier export in %s, which this one did "
                             "not write again, was removed",
                             "note: %u files of the earlier export in %s, which this one did "
                             "not write again, were removed", removed),
                   removed, args->output_dir);
}

int
lda_cli_export (int    argc,
                char **argv)
{
  g_auto(ExportArgs) args = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GArray) frames = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_counts_row_free);
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  LdaExportOptions options = { NULL, };
  Export export = { NULL, };
  int status = LDA_EXIT_FAILED;

  if (!parse_args (&args, &argc, &argv))
    return LDA_EXIT_USAGE;

  folder = lda_cli_image_folder (argv[1]);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      lda_cli_error ("%s: %s", argv[1], g_file_test (folder, G_FILE_TEST_EXISTS)
                     ? _("not a folder") : _("no such folder"));
      return LDA_EXIT_FAILED;
    }

  series = open_series (&args, folder, &status);
  if (series == NULL)
    return status;

  if (!load_project (series, args.ignore_damaged, &edits, &error) ||
      (args.all_series && !join_wells (&args, &series, &edits, &error)))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }
  if (!export_options (&args, series, &frames, rows, &options))
    return LDA_EXIT_USAGE;
  options.notices = notices;

  /* The earlier export's files this one replaces whole: said after. */
  if (options.overwrite)
    stale = lda_export_stale_files (series, args.output_dir, &options);

  export.series = series;
  export.edits = edits;
  export.folder = args.output_dir;
  export.options = &options;
  export.show_progress = isatty (STDERR_FILENO);
  if (!run_export (&export, &error))
    {
      report_failure (&export, error);
      return LDA_EXIT_FAILED;
    }

  report_success (&args, series, folder, &options, rows);
  for (guint i = 0; i < notices->len; i++)
    lda_cli_error (_("warning: %s"), (const char *) g_ptr_array_index (notices, i));
  if (stale != NULL)
    report_removed (&args, stale);
  return LDA_EXIT_OK;
}
