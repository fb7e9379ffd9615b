/* lda-cli-common.c — parameter options and helpers shared by the commands
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lda-atomic-file.h"
#include "lda-channels.h"
#include "lda-cli.h"
#include "lda-error.h"
#include "lda-params-file.h"
#include "lda-project.h"

/* The command-line prefixes of the channels: --cell-offset, --hoechst-…, */
static const char * const option_prefix[LDA_N_CHANNELS] = {
  "cell", "hoechst", "draq7",
};

static const char * const option_subject[LDA_N_CHANNELS] = {
  /* Translators: these complete "Threshold offset for %s" and the like */
  N_("the cell area (on the Sobel gradient)"), N_("Hoechst nuclei"), N_("Draq7 nuclei"),
};

typedef struct
{
  char     *offset;
  char     *coarseness;
  char     *kernel;
  char     *threshold;
  char     *method;
  char     *saturation;
  gboolean  ignore_saturated;
  gboolean  no_offset;
} ChannelOptions;

struct _LdaParamOptions
{
  ChannelOptions  all;
  ChannelOptions  channel[LDA_N_CHANNELS];
  char           *params_file;
  LdaParamsFile  *file;      /* params_file, once applied */
  char           *preset;
  char           *split_depth;
  char           *min_area;
  gboolean        split;
  gboolean        no_split;
  gboolean        objects;
  gboolean        no_objects;
  GPtrArray      *names;   /* owned option names and descriptions */
  GArray         *entries;
};

LdaParamOptions *
lda_param_options_new (void)
{
  LdaParamOptions *self = g_new0 (LdaParamOptions, 1);

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  return self;
}

static void
channel_options_clear (ChannelOptions *o)
{
  g_clear_pointer (&o->offset, g_free);
  g_clear_pointer (&o->coarseness, g_free);
  g_clear_pointer (&o->kernel, g_free);
  g_clear_pointer (&o->threshold, g_free);
  g_clear_pointer (&o->method, g_free);
  g_clear_pointer (&o->saturation, g_free);
}

void
lda_param_options_free (LdaParamOptions *self)
{
  if (self == NULL)
    return;

  channel_options_clear (&self->all);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    channel_options_clear (&self->channel[c]);
  g_free (self->params_file);
  g_clear_pointer (&self->file, lda_params_file_free);
  g_free (self->preset);
  g_free (self->split_depth);
  g_free (self->min_area);
  g_ptr_array_unref (self->names);
  g_array_unref (self->entries);
  g_free (self);
}

static const char *
keep (LdaParamOptions *self,
      char            *text)
{
  g_ptr_array_add (self->names, text);
  return text;
}

static void
add_entry (LdaParamOptions *self,
           char            *name,
           GOptionArg       arg,
           gpointer         data,
           char            *description,
           const char      *arg_description)
{
  GOptionEntry entry = {
    keep (self, name), 0, 0, arg, data, keep (self, description), arg_description,
  };

  g_array_append_val (self->entries, entry);
}

/**
 * lda_param_options_add:
 * @self: the options
 * @context: the command's option context
 *
 * Adds the preset (--preset), the parameters shared by all channels
 * (--method, --offset, --coarseness, --kernel, --ignore-saturated,
 * --saturation, --no-offset, --params), each channel's own
 * (--hoechst-offset, --draq7-threshold, …) and the nucleus options
 * (--split, --split-depth, --objects, …) to the command's options.
 */
void
lda_param_options_add (LdaParamOptions *self,
                       GOptionContext  *context)
{

  add_entry (self, g_strdup ("preset"), G_OPTION_ARG_STRING, &self->preset,
             g_strdup (_("Start from a preset: robust (the default) or article (the source "
                         "article's method, exactly)")), "NAME");
  add_entry (self, g_strdup ("params"), G_OPTION_ARG_FILENAME, &self->params_file,
             g_strdup (_("Read parameters from a key file (the application's parameter file)")),
             "FILE");
  add_entry (self, g_strdup ("method"), G_OPTION_ARG_STRING, &self->all.method,
             g_strdup (_("Threshold method of every channel: otsu, otsu-tiles, triangle or "
                         "max-tile (the article's)")), "M");
  add_entry (self, g_strdup ("offset"), G_OPTION_ARG_STRING, &self->all.offset,
             g_strdup (_("Threshold offset of every channel: the multiplier of the max-tile "
                         "peak, or the factor on the other methods' threshold above the dark "
                         "level")), "F");
  add_entry (self, g_strdup ("coarseness"), G_OPTION_ARG_STRING, &self->all.coarseness,
             g_strdup (_("Tile side in pixels of every channel (default 16)")), "N");
  add_entry (self, g_strdup ("kernel"), G_OPTION_ARG_STRING, &self->all.kernel,
             g_strdup (_("Structuring element size of every channel, 1 to 31")), "K");
  add_entry (self, g_strdup ("ignore-saturated"), G_OPTION_ARG_NONE, &self->all.ignore_saturated,
             g_strdup (_("Saturated tiles do not vote, in every channel")), NULL);
  add_entry (self, g_strdup ("saturation"), G_OPTION_ARG_STRING, &self->all.saturation,
             g_strdup (_("Saturation value of every channel, or auto to detect 8-, 12-, 14- "
                         "or 16-bit data (default auto)")), "V");
  add_entry (self, g_strdup ("no-offset"), G_OPTION_ARG_NONE, &self->all.no_offset,
             g_strdup (_("The threshold is the method's own, in every channel")), NULL);
  add_entry (self, g_strdup ("objects"), G_OPTION_ARG_NONE, &self->objects,
             g_strdup (_("Make each nucleus one object, called live or dead as a whole")), NULL);
  add_entry (self, g_strdup ("no-objects"), G_OPTION_ARG_NONE, &self->no_objects,
             g_strdup (_("Paint nuclei pixel by pixel, as the article does")), NULL);
  add_entry (self, g_strdup ("split"), G_OPTION_ARG_NONE, &self->split,
             g_strdup (_("Split touching nuclei (each becomes an object)")), NULL);
  add_entry (self, g_strdup ("no-split"), G_OPTION_ARG_NONE, &self->no_split,
             g_strdup (_("Do not split touching nuclei")), NULL);
  add_entry (self, g_strdup ("split-depth"), G_OPTION_ARG_STRING, &self->split_depth,
             g_strdup (_("How much deeper than the neck between them two nuclei must be to "
                         "be split, in pixels, 0.5 to 20 (default 2)")), "H");
  add_entry (self, g_strdup ("min-area"), G_OPTION_ARG_STRING, &self->min_area,
             g_strdup (_("Smallest nucleus in pixels: smaller specks are dropped "
                         "(with --objects; default 20)")), "A");

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const char *p = option_prefix[c];
      const char *title = _(option_subject[c]);
      ChannelOptions *o = &self->channel[c];

      add_entry (self, g_strdup_printf ("%s-method", p), G_OPTION_ARG_STRING, &o->method,
                 g_strdup_printf (_("Threshold method for %s"), title), "M");
      add_entry (self, g_strdup_printf ("%s-offset", p), G_OPTION_ARG_STRING, &o->offset,
                 g_strdup_printf (_("Threshold offset for %s"), title), "F");
      add_entry (self, g_strdup_printf ("%s-coarseness", p), G_OPTION_ARG_STRING, &o->coarseness,
                 g_strdup_printf (_("Tile side for %s"), title), "N");
      add_entry (self, g_strdup_printf ("%s-kernel", p), G_OPTION_ARG_STRING, &o->kernel,
                 g_strdup_printf (_("Structuring element size for %s"), title), "K");
      add_entry (self, g_strdup_printf ("%s-threshold", p), G_OPTION_ARG_STRING, &o->threshold,
                 g_strdup_printf (_("Manual threshold for %s: pixels above V are foreground"), title),
                 "V");
      add_entry (self, g_strdup_printf ("%s-ignore-saturated", p), G_OPTION_ARG_NONE,
                 &o->ignore_saturated,
                 g_strdup_printf (_("Saturated tiles do not vote for %s"), title), NULL);
      add_entry (self, g_strdup_printf ("%s-saturation", p), G_OPTION_ARG_STRING,
                 &o->saturation,
                 g_strdup_printf (_("Saturation value for %s, or auto"), title), "V");
    }

  /* The descriptions are translated already; the domain only keeps the
   * main group's translation, which a NULL domain would switch off. */
  g_option_context_add_main_entries (context, (const GOptionEntry *) self->entries->data,
                                     GETTEXT_PACKAGE);
}

/**
 * lda_cli_parse_uint:
 * @option: the option's name, for the message
 * @text: what was given
 * @min: smallest allowed
 * @max: largest allowed
 * @value: (out): the number
 * @error: return location for an error
 *
 * Returns: %TRUE if @text is a whole number in range
 */
gboolean
lda_cli_parse_uint (const char *option,
                    const char *text,
                    guint       min,
                    guint       max,
                    guint      *value,
                    GError    **error)
{
  guint64 v;
  char *end = NULL;

  errno = 0;
  v = g_ascii_strtoull (text, &end, 10);
  if (!g_ascii_isdigit (text[0]) || *end != '\0' || errno != 0 || v < min || v > max)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s: “%s” is not a whole number from %u to %u"), option, text, min, max);
      return FALSE;
    }

  *value = (guint) v;
  return TRUE;
}

static gboolean
parse_double (const char *option,
              const char *text,
              double      min,
              double      max,
              double     *value,
              GError    **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (text[0] == '\0' || *end != '\0' || !isfinite (v) || v < min || v > max)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s: “%s” is not a number from %g to %g"), option, text, min, max);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static gboolean
apply_channel (const ChannelOptions *o,
               const char           *prefix,
               LdaChannelParams     *p,
               GError              **error)
{
  g_autofree char *offset_name = g_strdup_printf ("--%s%soffset", prefix, *prefix ? "-" : "");
  g_autofree char *coarseness_name = g_strdup_printf ("--%s%scoarseness", prefix, *prefix ? "-" : "");
  g_autofree char *kernel_name = g_strdup_printf ("--%s%skernel", prefix, *prefix ? "-" : "");
  g_autofree char *threshold_name = g_strdup_printf ("--%s%sthreshold", prefix, *prefix ? "-" : "");
  g_autofree char *method_name = g_strdup_printf ("--%s%smethod", prefix, *prefix ? "-" : "");
  g_autofree char *saturation_name = g_strdup_printf ("--%s%ssaturation", prefix, *prefix ? "-" : "");

  if (o->method != NULL && !lda_method_from_name (o->method, &p->method))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s: “%s” is not otsu, otsu-tiles, triangle or max-tile"),
                   method_name, o->method);
      return FALSE;
    }
  if (o->saturation != NULL)
    {
      if (g_str_equal (o->saturation, "auto"))
        p->saturation = LDA_SATURATION_AUTO;
      else if (!lda_cli_parse_uint (saturation_name, o->saturation, 1, LDA_MANUAL_MAX,
                                    &p->saturation, error))
        return FALSE;
    }

  if (o->offset != NULL &&
      !parse_double (offset_name, o->offset, LDA_OFFSET_MIN, LDA_OFFSET_MAX, &p->offset, error))
    return FALSE;
  if (o->coarseness != NULL &&
      !lda_cli_parse_uint (coarseness_name, o->coarseness, LDA_COARSENESS_MIN,
                           LDA_COARSENESS_MAX, &p->coarseness, error))
    return FALSE;
  if (o->kernel != NULL &&
      !lda_cli_parse_uint (kernel_name, o->kernel, LDA_KERNEL_MIN, LDA_KERNEL_MAX,
                           &p->kernel, error))
    return FALSE;
  if (o->threshold != NULL)
    {
      if (!lda_cli_parse_uint (threshold_name, o->threshold, 0, LDA_MANUAL_MAX,
                               &p->manual_threshold, error))
        return FALSE;
      p->manual = TRUE;
    }
  if (o->ignore_saturated)
    p->ignore_saturated = TRUE;
  if (o->no_offset)
    p->use_offset = FALSE;

  return TRUE;
}

static gboolean apply_options (LdaParamOptions *self,
                               LdaParams       *params,
                               GError         **error);

/**
 * lda_param_options_apply:
 * @self: parsed options
 * @params: (inout): parameters to update
 * @error: return location for an error
 *
 * Later wins: the preset, the parameter file, then the options for every
 * channel, then each channel's own, then the nucleus options.
 *
 * Returns: %TRUE if every option was valid
 */
gboolean
lda_param_options_apply (LdaParamOptions *self,
                         LdaParams       *params,
                         GError         **error)
{
  if (self->preset != NULL)
    {
      LdaPreset preset;

      if (!lda_preset_from_name (self->preset, &preset))
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("--preset: “%s” is not robust or article"), self->preset);
          return FALSE;
        }
      lda_params_init_preset (params, preset);
    }

  if (self->params_file != NULL)
    {
      g_clear_pointer (&self->file, lda_params_file_free);
      self->file = lda_params_file_load (self->params_file, params, error);
      if (self->file == NULL)
        return FALSE;
      *params = *lda_params_file_get_params (self->file);
    }
  /* Its [channels] group: more channel tags. */
  if (self->params_file != NULL && !lda_channel_tags_load (self->params_file, error))
    return FALSE;

  return apply_options (self, params, error);
}

/**
 * lda_param_options_apply_frame:
 * @self: options, already applied with lda_param_options_apply()
 * @key: a frame's key: its triple's name, or "<name>/<page>"
 * @params: (inout): the frame's parameters, those of
 *   lda_param_options_apply() on entry
 * @error: return location for an error
 *
 * A frame that the --params file gives parameters of its own (a project
 * file's [frame/<key>] with override=true) gets them, with the options of
 * the command line on top, as every frame gets them on the file's series
 * parameters.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_param_options_apply_frame (LdaParamOptions *self,
                               const char      *key,
                               LdaParams       *params,
                               GError         **error)
{
  const LdaParams *own;

  if (self->file == NULL)
    return TRUE;
  own = lda_params_file_get_frame (self->file, key);
  if (own == NULL)
    return TRUE;

  *params = *own;
  return apply_options (self, params, error);
}

/* The options for every channel, then each channel's, then the nuclei's. */
static gboolean
apply_options (LdaParamOptions *self,
               LdaParams       *params,
               GError         **error)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!apply_channel (&self->all, "", &params->channel[c], error))
      return FALSE;

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!apply_channel (&self->channel[c], option_prefix[c], &params->channel[c], error))
      return FALSE;

  if (self->objects && self->no_objects)
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                           _("--objects and --no-objects contradict each other"));
      return FALSE;
    }
  if (self->split && self->no_split)
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                           _("--split and --no-split contradict each other"));
      return FALSE;
    }
  if (self->objects)
    params->nuclei.objects = TRUE;
  if (self->no_objects)
    params->nuclei.objects = FALSE;
  if (self->split_depth != NULL)
    {
      if (!parse_double ("--split-depth", self->split_depth, LDA_SPLIT_DEPTH_MIN,
                         LDA_SPLIT_DEPTH_MAX, &params->nuclei.split_depth, error))
        return FALSE;
      params->nuclei.split = TRUE;
    }
  if (self->min_area != NULL &&
      !lda_cli_parse_uint ("--min-area", self->min_area, 0, LDA_MIN_AREA_MAX,
                           &params->nuclei.min_area, error))
    return FALSE;
  if (self->split)
    params->nuclei.split = TRUE;
  if (self->no_split)
    params->nuclei.split = FALSE;
  /* Splitting makes objects: a split line between pixel-painted nuclei
   * would count for nothing. */
  if ((self->split || self->split_depth != NULL) && !self->no_objects)
    params->nuclei.objects = TRUE;

  return lda_params_validate (params, error);
}

/**
 * lda_cli_error:
 * @format: printf-style message
 *
 * Prints one line "livedead: MESSAGE" on stderr.
 */
void
lda_cli_error (const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever a library put into the message. */
  for (char *p = message; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';

  fprintf (stderr, "livedead: %s\n", message);
}

/* The image a channel's mask is made from, as the person knows it: its
 * file, and the time point of a file of several. */
static char *
channel_source (const LdaTriple *triple,
                LdaChannel       channel,
                guint            page)
{
  static const LdaInput inputs[LDA_N_CHANNELS] = {
    LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7,
  };
  const char *path = triple->paths[inputs[channel]];

  if (triple->n_frames > 1)
    /* Translators: a file, then the time point (from 0, as --page counts) */
    return g_strdup_printf (_("%s, time point %u"), path, page);
  return g_strdup (path);
}


/**
 * lda_cli_mask_warnings:
 * @pipeline: a pipeline that has run
 * @triple: the triple it ran on
 * @page: the time point, for files of several
 *
 * Warnings, with the remedy, about masks that are empty or cover almost
 * the whole image — most often an automatic threshold above the brightest
 * pixel on saturated data.  Each names the image the mask was made from.
 *
 * Returns: (transfer full): the warnings, one line each, possibly none
 */
GPtrArray *
lda_cli_mask_warnings (LdaPipeline     *pipeline,
                       const LdaTriple *triple,
                       guint            page)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  const LdaParams *params = lda_pipeline_get_params (pipeline);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      g_autofree char *name = channel_source (triple, c, page);
      double coverage = lda_pipeline_get_mask_coverage (pipeline, c);
      gint64 threshold = lda_pipeline_get_threshold (pipeline, c);
      const LdaChannelParams *p = &params->channel[c];
      const LdaThresholdLevels *levels = lda_pipeline_get_levels (pipeline, c);
      const char *title = lda_channel_title (c);
      const char *prefix = option_prefix[c];
      guint flat = 0;
      /* The article's method on saturated data: the saturation value (of
       * this bit depth) won the vote. */
      gboolean saturated_peak = !p->manual && !p->ignore_saturated &&
                                p->method == LDA_METHOD_MAX_TILE &&
                                levels->level[LDA_METHOD_MAX_TILE] >= levels->saturation;

      if (coverage == 0.0 && saturated_peak)
        g_ptr_array_add (warnings,
          /* Translators: the file, the channel, the threshold, the saturation, the option prefix */
          g_strdup_printf (_("warning: %s: the %s mask is empty: saturated tiles (%u) won the "
                             "vote and the threshold %lld is above every pixel; "
                             "try --%s-ignore-saturated"),
                           name, title, levels->saturation, (long long) threshold, prefix));
      else if (coverage == 0.0 && !p->manual && p->method != LDA_METHOD_MAX_TILE &&
               levels->raised[p->method] && c != LDA_CHANNEL_CELL_AREA)
        /* Nothing but noise: an empty mask is the answer, not a failure
         * (a Draq7 image before any cell has died). */
        continue;
      else if (coverage == 0.0 && threshold <= 0)
        /* No pixel above 0: no lower offset can help. */
        g_ptr_array_add (warnings,
          g_strdup_printf (_("warning: %s: the %s mask is empty: the image has no contrast "
                             "(no pixel above 0 where the threshold is taken); no threshold "
                             "finds anything in it"), name, title));
      else if (coverage == 0.0 && lda_image_is_flat (lda_pipeline_get_channel_image (pipeline, c), &flat))
        /* Every pixel the same: no threshold splits it either. */
        g_ptr_array_add (warnings,
          /* Translators: the file, the channel, the one value of its pixels */
          g_strdup_printf (_("warning: %s: the %s mask is empty: the image has no contrast "
                             "(every pixel is %u); no threshold finds anything in it"),
                           name, title, flat));
      else if (coverage == 0.0)
        g_ptr_array_add (warnings,
          g_strdup_printf (_("warning: %s: the %s mask is empty (threshold %lld); "
                             "try a lower --%s-offset or --%s-threshold"),
                           name, title, (long long) threshold, prefix, prefix));
      else if (coverage > 0.95)
        g_ptr_array_add (warnings,
          g_strdup_printf (_("warning: %s: the %s mask covers %.0f%% of the image "
                             "(threshold %lld); try a higher --%s-offset or --%s-threshold"),
                           name, title, coverage * 100.0, (long long) threshold, prefix, prefix));
    }

  return warnings;
}

/**
 * lda_cli_make_folder:
 * @path: an output folder
 * @error: return location for an error
 *
 * Creates @path and its parents if needed and checks it can be written.
 *
 * Returns: %TRUE if files can be created in @path
 */
gboolean
lda_cli_make_folder (const char *path,
                     GError    **error)
{
  if (!lda_atomic_file_make_folder (path, error))
    return FALSE;

  if (access (path, W_OK | X_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write into folder: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_cli_thresholds_json:
 * @pipeline: a pipeline that has run
 *
 * Returns: (transfer full): {"sobel": n, "hoechst": n, "draq7": n}, the
 *   layout of the reference implementation's thresholds.json
 */
char *
lda_cli_thresholds_json (LdaPipeline *pipeline)
{
  return g_strdup_printf (LDA_CLI_THRESHOLDS_SIGNATURE "%" G_GINT64_FORMAT ", \"hoechst\": %" G_GINT64_FORMAT
                          ", \"draq7\": %" G_GINT64_FORMAT "}\n",
                          lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_CELL_AREA),
                          lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST),
                          lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_DRAQ7));
}

/**
 * lda_cli_image_folder:
 * @folder: a folder of images, or its project folder
 *
 * Returns: (transfer full): the image folder: @folder without trailing
 *   separators, or its parent when it is the project folder
 */
char *
lda_cli_image_folder (const char *folder)
{
  g_autofree char *trimmed = g_strdup (folder);
  g_autofree char *base = NULL;
  gsize len = strlen (trimmed);

  while (len > 1 && trimmed[len - 1] == G_DIR_SEPARATOR)
    trimmed[--len] = '\0';

  base = g_path_get_basename (trimmed);
  if (g_str_equal (base, LDA_PROJECT_FOLDER_NAME) && g_file_test (trimmed, G_FILE_TEST_IS_DIR))
    return g_path_get_dirname (trimmed);

  return g_steal_pointer (&trimmed);
}
