/* lda-cli-segment.c — livedead segment BF HO DR -o OUTDIR
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "lda-cli.h"
#include "lda-cli-output.h"
#include "lda-counts-table.h"
#include "lda-inputs.h"
#include "lda-triples.h"

static const char * const stage_files[LDA_N_CHANNELS] = {
  "cell_area.tif", "hoechst.tif", "draq7.tif",
};

static gboolean
write_result (LdaPipeline     *pipeline,
              const LdaTriple *triple,
              guint            page,
              const char      *folder,
              gboolean         stages,
              gboolean         overwrite,
              GError         **error)
{
  g_autoptr(LdaOutput) output = NULL;
  const char *inputs[LDA_N_INPUTS + 1] = { NULL, };

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    inputs[i] = triple->paths[i];
  output = lda_output_begin (folder, inputs, overwrite, error);

  if (output == NULL)
    return FALSE;

  if (!lda_output_add_mask (output, "labels.tif", lda_pipeline_get_labels (pipeline),
                            triple->paths[LDA_INPUT_BRIGHTFIELD], page, error))
    return FALSE;

  if (stages)
    {
      g_autofree char *json = lda_cli_thresholds_json (pipeline);

      if (!lda_output_add_tiff (output, "sobel.tif", lda_pipeline_get_sobel (pipeline), error))
        return FALSE;
      for (guint c = 0; c < LDA_N_CHANNELS; c++)
        if (!lda_output_add_tiff (output, stage_files[c], lda_pipeline_get_mask (pipeline, c), error))
          return FALSE;
      if (!lda_output_add_text (output, "thresholds.json", json, LDA_CLI_THRESHOLDS_SIGNATURE,
                                error))
        return FALSE;
    }

  return lda_output_commit (output, error);
}

/* The summary for programs: data/livedead-summary.schema.json. */
static void
print_json (LdaPipeline     *pipeline,
            const LdaTriple *triple,
            guint            page,
            const LdaParams *params,
            const char      *output_dir)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_counts_row_free);
  LdaCountsRow *row;
  guint n_pages = 1;

  /* A page of a multi-page file is its time index, as in batch. */
  row = lda_counts_row_new (triple->name,
                            page > 0 || triple->time_index == LDA_NO_TIME_INDEX
                            ? page : triple->time_index,
                            NAN, 0.0, lda_pipeline_get_counts (pipeline), "labels.tif", params);
  lda_triple_count_pages (triple, &n_pages, NULL);
  lda_counts_row_set_field (row, triple, n_pages > 1);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    row->thresholds[c] = lda_pipeline_get_threshold (pipeline, c);
  g_ptr_array_add (rows, row);

  lda_cli_print_summary_json ("segment", output_dir, NULL, rows, NULL);
}

/* What the command line asks for. */
typedef struct
{
  LdaParamOptions *param_options;
  char            *output_dir;
  char            *page_text;
  char            *paths[LDA_N_INPUTS];   /* --bf, --hoechst, --draq7 */
  char            *channels_text;
  gboolean         stages;
  gboolean         overwrite;
  gboolean         quiet;
  gboolean         json;
} SegmentArgs;

static void
segment_args_clear (SegmentArgs *args)
{
  g_clear_pointer (&args->param_options, lda_param_options_free);
  g_free (args->output_dir);
  g_free (args->page_text);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_free (args->paths[i]);
  g_free (args->channels_text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SegmentArgs, segment_args_clear)

/* Parses the options and checks that the images are given one way or the
 * other; on a usage error says so and returns FALSE. */
static gboolean
parse_args (SegmentArgs  *args,
            int          *argc,
            char       ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  guint n_roles = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output_dir,
      N_("Write labels.tif into OUTDIR (created if missing)"), "OUTDIR" },
    { "stages", 0, 0, G_OPTION_ARG_NONE, &args->stages,
      N_("Also write sobel.tif, cell_area.tif, hoechst.tif, draq7.tif and thresholds.json"), NULL },
    { "overwrite", 0, 0, G_OPTION_ARG_NONE, &args->overwrite,
      N_("Replace files of the outputs' names in OUTDIR that are not results of livedead "
         "segment or batch (those are replaced without it)"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &args->page_text,
      N_("Time point of multi-page files, from 0 (default 0)"), "N" },
    { "bf", 0, 0, G_OPTION_ARG_FILENAME, &args->paths[LDA_INPUT_BRIGHTFIELD],
      N_("The brightfield image, whatever its name"), "FILE" },
    { "hoechst", 0, 0, G_OPTION_ARG_FILENAME, &args->paths[LDA_INPUT_HOECHST],
      N_("The Hoechst image, whatever its name"), "FILE" },
    { "draq7", 0, 0, G_OPTION_ARG_FILENAME, &args->paths[LDA_INPUT_DRAQ7],
      N_("The Draq7 image, whatever its name"), "FILE" },
    { "channels", 0, 0, G_OPTION_ARG_STRING, &args->channels_text,
      N_("Which channel of a multi-channel file is which: bf=N|NAME,hoechst=N|NAME,"
         "draq7=N|NAME (N from 1)"), "MAP" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args->quiet, N_("Print nothing on success"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json,
      N_("Print a summary in JSON (data/livedead-summary.schema.json) instead of the line"),
      NULL },
    { NULL }
  };

  /* GOption translates the parameter string, the summary and the option
   * descriptions itself, with the domain of the main group. */
  g_set_prgname ("livedead segment");
  context = g_option_context_new (N_("BF HO DR | FILE - segment one triple"));
  g_option_context_set_summary (context,
    N_("Segments one triple of brightfield, Hoechst and Draq7 images into a 5-class\n"
       "label mask: 0 background, 1 cell area, 2 cell outline, 3 Hoechst nucleus,\n"
       "4 Draq7 nucleus.\n"
       "\n"
       "When the three names carry different channel tags (_bf, _hoechst, _draq7, …),\n"
       "the tags say which is which, in any order; otherwise the order is BF HO DR.\n"
       "One FILE is an ImageJ hyperstack or OME-TIFF holding the three channels."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  lda_param_options_add (args->param_options, context);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      lda_cli_error ("segment: %s", error->message);
      return FALSE;
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    n_roles += args->paths[i] != NULL;
  if (n_roles > 0 && (n_roles != LDA_N_INPUTS || *argc != 1))
    {
      lda_cli_error ("%s", _("segment: give all three of --bf, --hoechst and --draq7, "
                             "and no other image"));
      return FALSE;
    }
  if (n_roles == 0 && *argc != 4 && *argc != 2)
    {
      lda_cli_error (_("segment: expected three images (BF HO DR) or one multi-channel "
                       "file, got %d; try “livedead segment --help”"), *argc - 1);
      return FALSE;
    }
  if (args->output_dir == NULL)
    {
      lda_cli_error ("%s", _("segment: no output folder; add -o OUTDIR"));
      return FALSE;
    }
  return TRUE;
}

/* Opens the triple and runs it with @params, over which a --params
 * project file lays the frame's own parameters, by the key the window
 * knows the frame by.  On failure says why, sets *@status and returns
 * %NULL. */
static LdaPipeline *
run_triple (const SegmentArgs *args,
            const LdaTriple   *triple,
            guint              page,
            LdaParams         *params,
            int               *status)
{
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint n_pages = 1;

  *status = LDA_EXIT_FAILED;
  pipeline = lda_triple_open_pipeline (triple, page, &error);
  if (pipeline == NULL || !lda_triple_count_pages (triple, &n_pages, &error))
    {
      lda_cli_error ("%s", error->message);
      return NULL;
    }

  key = n_pages > 1 ? g_strdup_printf ("%s/%u", triple->name, page) : g_strdup (triple->name);
  if (!lda_param_options_apply_frame (args->param_options, key, params, &error))
    {
      lda_cli_error ("%s", error->message);
      *status = LDA_EXIT_USAGE;
      return NULL;
    }
  if (!lda_pipeline_set_params (pipeline, params, &error) ||
      !lda_pipeline_run (pipeline, NULL, &error))
    {
      lda_cli_error ("%s", error->message);
      return NULL;
    }
  return g_steal_pointer (&pipeline);
}

/* The one line of a run: counts and thresholds. */
static void
print_line (LdaPipeline     *pipeline,
            const LdaTriple *triple)
{
  const LdaCounts *counts = lda_pipeline_get_counts (pipeline);
  char fraction[G_ASCII_DTOSTR_BUF_SIZE];
  char area[G_ASCII_DTOSTR_BUF_SIZE];

  const long long cell_area = lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_CELL_AREA);
  const long long hoechst = lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST);
  const long long draq7 = lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_DRAQ7);

  /* The same numbers in every locale. */
  g_ascii_formatd (fraction, sizeof fraction, "%.3f", counts->dead_fraction);
  g_ascii_formatd (area, sizeof area, "%.1f", counts->mean_cell_area);
  if (counts->n_objects == 0)
    /* Translators: the field's name, then its thresholds */
    printf (_("%s: 0 cells, 0 live, 0 dead, so no dead fraction and no mean cell area; "
              "thresholds: cell area %lld, Hoechst %lld, Draq7 %lld"),
            triple->name, cell_area, hoechst, draq7);
  else
    /* Translators: the field's name, then its counts (numbers written as
     * 0.123 in every language) and the thresholds */
    printf (_("%s: %u cells, %u live, %u dead, dead fraction %s, mean cell area %s px; "
              "thresholds: cell area %lld, Hoechst %lld, Draq7 %lld"),
            triple->name, counts->n_objects, counts->live, counts->dead, fraction, area,
            cell_area, hoechst, draq7);
  putchar ('\n');
}

int
lda_cli_segment (int    argc,
                 char **argv)
{
  g_auto(SegmentArgs) args = { lda_param_options_new (), };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaTriple) triple = NULL;
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GPtrArray) warnings = NULL;
  LdaParams params;
  guint page = 0;
  int status;

  if (!parse_args (&args, &argc, &argv))
    return LDA_EXIT_USAGE;
  if (args.channels_text != NULL && !lda_channel_map_parse (args.channels_text, &map, &error))
    {
      lda_cli_error ("segment: --channels: %s", error->message);
      return LDA_EXIT_USAGE;
    }

  lda_params_init (&params);
  if (!lda_param_options_apply (args.param_options, &params, &error) ||
      (args.page_text != NULL &&
       !lda_cli_parse_uint ("--page", args.page_text, 0, G_MAXUINT - 1, &page, &error)))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_USAGE;
    }

  if (args.paths[0] != NULL)
    triple = lda_triple_new (args.paths[0], args.paths[1], args.paths[2]);
  else
    triple = lda_triple_from_paths ((const char * const *) argv + 1, (guint) argc - 1, &map,
                                    &error);
  if (triple == NULL)
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }

  pipeline = run_triple (&args, triple, page, &params, &status);
  if (pipeline == NULL)
    return status;

  if (!write_result (pipeline, triple, page, args.output_dir, args.stages, args.overwrite,
                     &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }

  warnings = lda_cli_mask_warnings (pipeline, triple, page);
  for (guint i = 0; i < warnings->len; i++)
    lda_cli_error ("%s", (const char *) g_ptr_array_index (warnings, i));

  if (args.json)
    print_json (pipeline, triple, page, &params, args.output_dir);
  else if (!args.quiet)
    print_line (pipeline, triple);

  return LDA_EXIT_OK;
}
