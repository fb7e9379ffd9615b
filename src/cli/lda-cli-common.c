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

#include "lda-atomic-file.h"
#include "lda-cli.h"
#include "lda-error.h"

/* The command-line prefixes of the channels: --cell-offset, --hoechst-…, */
static const char * const option_prefix[LDA_N_CHANNELS] = {
  "cell", "hoechst", "draq7",
};

static const char * const option_subject[LDA_N_CHANNELS] = {
  /* Translators: these complete "Threshold multiplier for %s" and the like */
  N_("the cell area (on the Sobel gradient)"), N_("Hoechst nuclei"), N_("Draq7 nuclei"),
};

typedef struct
{
  char     *offset;
  char     *coarseness;
  char     *kernel;
  char     *threshold;
  gboolean  ignore_saturated;
  gboolean  no_offset;
} ChannelOptions;

struct _LdaParamOptions
{
  ChannelOptions  all;
  ChannelOptions  channel[LDA_N_CHANNELS];
  char           *params_file;
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
 * Adds the parameters shared by all channels (--offset, --coarseness,
 * --kernel, --ignore-saturated, --no-offset, --params) and each channel's
 * own (--hoechst-offset, --draq7-threshold, …) to the command's options.
 */
void
lda_param_options_add (LdaParamOptions *self,
                       GOptionContext  *context)
{

  add_entry (self, g_strdup ("params"), G_OPTION_ARG_FILENAME, &self->params_file,
             g_strdup (_("Read parameters from a key file (the application's parameter file)")),
             "FILE");
  add_entry (self, g_strdup ("offset"), G_OPTION_ARG_STRING, &self->all.offset,
             g_strdup (_("Threshold multiplier of every channel (default 1.2)")), "F");
  add_entry (self, g_strdup ("coarseness"), G_OPTION_ARG_STRING, &self->all.coarseness,
             g_strdup (_("Tile side in pixels of every channel (default 16)")), "N");
  add_entry (self, g_strdup ("kernel"), G_OPTION_ARG_STRING, &self->all.kernel,
             g_strdup (_("Structuring element size of every channel, 1 to 31 (default 5)")), "K");
  add_entry (self, g_strdup ("ignore-saturated"), G_OPTION_ARG_NONE, &self->all.ignore_saturated,
             g_strdup (_("Saturated tiles do not vote, in every channel")), NULL);
  add_entry (self, g_strdup ("no-offset"), G_OPTION_ARG_NONE, &self->all.no_offset,
             g_strdup (_("The threshold is the peak itself, in every channel")), NULL);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const char *p = option_prefix[c];
      const char *title = _(option_subject[c]);
      ChannelOptions *o = &self->channel[c];

      add_entry (self, g_strdup_printf ("%s-offset", p), G_OPTION_ARG_STRING, &o->offset,
                 g_strdup_printf (_("Threshold multiplier for %s"), title), "F");
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

/**
 * lda_param_options_apply:
 * @self: parsed options
 * @params: (inout): parameters to update
 * @error: return location for an error
 *
 * Later wins: the parameter file, then the options for every channel, then
 * each channel's own.
 *
 * Returns: %TRUE if every option was valid
 */
gboolean
lda_param_options_apply (LdaParamOptions *self,
                         LdaParams       *params,
                         GError         **error)
{
  if (self->params_file != NULL && !lda_params_load (params, self->params_file, error))
    return FALSE;

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!apply_channel (&self->all, "", &params->channel[c], error))
      return FALSE;

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!apply_channel (&self->channel[c], option_prefix[c], &params->channel[c], error))
      return FALSE;

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

/**
 * lda_cli_mask_warnings:
 * @pipeline: a pipeline that has run
 * @name: what to call the triple in the messages
 *
 * Warnings, with the remedy, about masks that are empty or cover almost
 * the whole image — most often an automatic threshold above the brightest
 * pixel on saturated data.
 *
 * Returns: (transfer full): the warnings, one line each, possibly none
 */
GPtrArray *
lda_cli_mask_warnings (LdaPipeline *pipeline,
                       const char  *name)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);
  const LdaParams *params = lda_pipeline_get_params (pipeline);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      double coverage = lda_pipeline_get_mask_coverage (pipeline, c);
      gint64 threshold = lda_pipeline_get_threshold (pipeline, c);
      const LdaChannelParams *p = &params->channel[c];
      const char *title = lda_channel_title (c);
      const char *prefix = option_prefix[c];

      if (coverage == 0.0 && threshold >= 65535 && !p->ignore_saturated && !p->manual)
        g_ptr_array_add (warnings,
          /* Translators: the file, the channel, the threshold, the option prefix */
          g_strdup_printf (_("warning: %s: the %s mask is empty: saturated tiles won the vote "
                             "and the threshold %lld is above every pixel; "
                             "try --%s-ignore-saturated"),
                           name, title, (long long) threshold, prefix));
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
  return g_strdup_printf ("{\"sobel\": %" G_GINT64_FORMAT ", \"hoechst\": %" G_GINT64_FORMAT
                          ", \"draq7\": %" G_GINT64_FORMAT "}\n",
                          lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_CELL_AREA),
                          lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST),
                          lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_DRAQ7));
}
