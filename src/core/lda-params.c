/* lda-params.c — defaults, validation and key-file storage of parameters
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-params.h"

#define FORMAT_GROUP   "livedead"
#define FORMAT_VERSION 1

static const char * const channel_names[LDA_N_CHANNELS] = {
  "cell-area", "hoechst", "draq7",
};

static const char * const channel_titles[LDA_N_CHANNELS] = {
  N_("cell area"), N_("Hoechst"), N_("Draq7"),
};

/**
 * lda_channel_name:
 * @channel: a channel
 *
 * Returns: the channel's stable name, as used in parameter files and on
 *   the command line ("cell-area", "hoechst", "draq7")
 */
const char *
lda_channel_name (LdaChannel channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return channel_names[channel];
}

/**
 * lda_channel_title:
 * @channel: a channel
 *
 * Returns: the channel's name for people ("cell area", "Hoechst", "Draq7")
 */
const char *
lda_channel_title (LdaChannel channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return _(channel_titles[channel]);
}

/**
 * lda_channel_params_init:
 * @params: (out caller-allocates): parameters to fill
 *
 * The article's defaults: offset 1.2, coarseness 16, kernel 5, automatic
 * threshold, every tile votes.
 */
void
lda_channel_params_init (LdaChannelParams *params)
{
  params->offset = 1.2;
  params->use_offset = TRUE;
  params->coarseness = 16;
  params->kernel = 5;
  params->manual = FALSE;
  params->manual_threshold = 0;
  params->ignore_saturated = FALSE;
}

void
lda_params_init (LdaParams *params)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_params_init (&params->channel[c]);
}

gboolean
lda_channel_params_equal (const LdaChannelParams *a,
                          const LdaChannelParams *b)
{
  return a->offset == b->offset &&
         !a->use_offset == !b->use_offset &&
         a->coarseness == b->coarseness &&
         a->kernel == b->kernel &&
         !a->manual == !b->manual &&
         a->manual_threshold == b->manual_threshold &&
         !a->ignore_saturated == !b->ignore_saturated;
}

/**
 * lda_channel_params_validate:
 * @params: parameters of one channel
 * @channel: which channel they are for (named in the message)
 * @error: return location for an error
 *
 * Returns: %TRUE if every value lies in its range; otherwise sets
 *   %LDA_ERROR_INVALID_PARAMS naming the channel, the value and the range
 */
gboolean
lda_channel_params_validate (const LdaChannelParams *params,
                             LdaChannel              channel,
                             GError                **error)
{
  const char *name = lda_channel_name (channel);

  if (!isfinite (params->offset) ||
      params->offset < LDA_OFFSET_MIN || params->offset > LDA_OFFSET_MAX)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s offset %g is out of range (%g to %g)"),
                   name, params->offset, LDA_OFFSET_MIN, LDA_OFFSET_MAX);
      return FALSE;
    }

  if (params->coarseness < LDA_COARSENESS_MIN || params->coarseness > LDA_COARSENESS_MAX)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s coarseness %u is out of range (%u to %u)"),
                   name, params->coarseness, LDA_COARSENESS_MIN, LDA_COARSENESS_MAX);
      return FALSE;
    }

  if (params->kernel < LDA_KERNEL_MIN || params->kernel > LDA_KERNEL_MAX)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s kernel size %u is out of range (%u to %u)"),
                   name, params->kernel, LDA_KERNEL_MIN, LDA_KERNEL_MAX);
      return FALSE;
    }

  if (params->manual_threshold > LDA_MANUAL_MAX)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s threshold %u is out of range (0 to %u)"),
                   name, params->manual_threshold, LDA_MANUAL_MAX);
      return FALSE;
    }

  return TRUE;
}

gboolean
lda_params_validate (const LdaParams  *params,
                     GError          **error)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!lda_channel_params_validate (&params->channel[c], c, error))
      return FALSE;

  return TRUE;
}

/* Reads an optional key; a missing key or group leaves *value alone. */
/* A value as it can be quoted in a message: valid UTF-8 whatever the file
 * holds, and short. */
static char *
shown_value (GKeyFile   *key_file,
             const char *group,
             const char *key)
{
  g_autofree char *raw = g_key_file_get_value (key_file, group, key, NULL);
  g_autofree char *valid = g_utf8_make_valid (raw != NULL ? g_strstrip (raw) : "", -1);

  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (valid, 0, 40);

      return g_strconcat (start, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

static gboolean
read_uint (GKeyFile   *key_file,
           const char *group,
           const char *key,
           guint      *value,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  char *end = NULL;
  guint64 v;

  if (!g_key_file_has_key (key_file, group, key, NULL))
    return TRUE;

  text = g_key_file_get_value (key_file, group, key, &local_error);
  g_strstrip (text);
  errno = 0;
  v = g_ascii_strtoull (text, &end, 10);
  if (!g_ascii_isdigit (text[0]) || *end != '\0' || errno != 0 || v > G_MAXUINT)
    {
      g_autofree char *shown = shown_value (key_file, group, key);

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("[%s] %s = “%s” is not a whole number"), group, key, shown);
      return FALSE;
    }

  *value = (guint) v;
  return TRUE;
}

static gboolean
read_double (GKeyFile   *key_file,
             const char *group,
             const char *key,
             double     *value,
             GError    **error)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double v;

  if (!g_key_file_has_key (key_file, group, key, NULL))
    return TRUE;

  text = g_key_file_get_value (key_file, group, key, NULL);
  g_strstrip (text);
  v = g_ascii_strtod (text, &end);
  /* Plain decimal only: no hexadecimal, no "inf" or "nan". */
  if (text[0] == '\0' || *end != '\0' || !isfinite (v) ||
      strspn (text, "0123456789.eE+-") != strlen (text))
    {
      g_autofree char *shown = shown_value (key_file, group, key);

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("[%s] %s = “%s” is not a number"), group, key, shown);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static gboolean
read_bool (GKeyFile   *key_file,
           const char *group,
           const char *key,
           gboolean   *value,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean v;

  if (!g_key_file_has_key (key_file, group, key, NULL))
    return TRUE;

  v = g_key_file_get_boolean (key_file, group, key, &local_error);
  if (local_error != NULL)
    {
      g_autofree char *shown = shown_value (key_file, group, key);

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("[%s] %s = “%s” is not true or false"), group, key, shown);
      return FALSE;
    }

  *value = v;
  return TRUE;
}

static gboolean
read_channel (GKeyFile         *key_file,
              LdaChannel        channel,
              LdaChannelParams *params,
              GError          **error)
{
  const char *group = lda_channel_name (channel);
  g_autofree char *mode = NULL;

  if (!g_key_file_has_group (key_file, group))
    return TRUE;

  if (!read_double (key_file, group, "offset", &params->offset, error) ||
      !read_bool (key_file, group, "use-offset", &params->use_offset, error) ||
      !read_uint (key_file, group, "coarseness", &params->coarseness, error) ||
      !read_uint (key_file, group, "kernel", &params->kernel, error) ||
      !read_uint (key_file, group, "manual-threshold", &params->manual_threshold, error) ||
      !read_bool (key_file, group, "ignore-saturated", &params->ignore_saturated, error))
    return FALSE;

  mode = g_key_file_get_string (key_file, group, "threshold", NULL);
  if (mode != NULL)
    {
      g_strstrip (mode);
      if (g_str_equal (mode, "auto"))
        params->manual = FALSE;
      else if (g_str_equal (mode, "manual"))
        params->manual = TRUE;
      else
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("[%s] threshold = “%s” must be auto or manual"), group, mode);
          return FALSE;
        }
    }

  return lda_channel_params_validate (params, channel, error);
}

/**
 * lda_params_load_from_key_file:
 * @params: (inout): parameters; keys absent from @key_file keep their value
 * @key_file: a key file with a group per channel
 * @error: return location for an error
 *
 * Reads the groups [cell-area], [hoechst] and [draq7].  On failure @params
 * is left exactly as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_params_load_from_key_file (LdaParams *params,
                               GKeyFile  *key_file,
                               GError   **error)
{
  LdaParams copy = *params;

  if (g_key_file_has_key (key_file, FORMAT_GROUP, "format", NULL))
    {
      guint version = 0;

      if (!read_uint (key_file, FORMAT_GROUP, "format", &version, error))
        return FALSE;
      if (version > FORMAT_VERSION)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("written by a newer version (format %u; this version reads up to %u)"),
                       version, FORMAT_VERSION);
          return FALSE;
        }
    }

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!read_channel (key_file, c, &copy.channel[c], error))
      return FALSE;

  *params = copy;
  return TRUE;
}

/**
 * lda_params_save_to_key_file:
 * @params: parameters
 * @key_file: the key file to write the groups into
 */
void
lda_params_save_to_key_file (const LdaParams *params,
                             GKeyFile        *key_file)
{
  g_key_file_set_integer (key_file, FORMAT_GROUP, "format", FORMAT_VERSION);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const LdaChannelParams *p = &params->channel[c];
      const char *group = lda_channel_name (c);

      g_key_file_set_double (key_file, group, "offset", p->offset);
      g_key_file_set_boolean (key_file, group, "use-offset", p->use_offset);
      g_key_file_set_uint64 (key_file, group, "coarseness", p->coarseness);
      g_key_file_set_uint64 (key_file, group, "kernel", p->kernel);
      g_key_file_set_string (key_file, group, "threshold", p->manual ? "manual" : "auto");
      g_key_file_set_uint64 (key_file, group, "manual-threshold", p->manual_threshold);
      g_key_file_set_boolean (key_file, group, "ignore-saturated", p->ignore_saturated);
    }
}

/**
 * lda_params_load:
 * @params: (inout): parameters to update
 * @path: a parameter file
 * @error: return location for an error
 *
 * Returns: %TRUE on success; on failure the message names @path
 */
gboolean
lda_params_load (LdaParams  *params,
                 const char *path,
                 GError    **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!lda_key_file_load (key_file, path, LDA_READ_FOLLOW_LINKS, LDA_ERROR_INVALID_PARAMS,
                          error))
    return FALSE;

  if (!lda_params_load_from_key_file (params, key_file, &local_error))
    {
      g_set_error (error, LDA_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_params_save:
 * @params: parameters
 * @path: where to write them; replaced atomically
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lda_params_save (const LdaParams *params,
                 const char      *path,
                 GError         **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  lda_params_save_to_key_file (params, key_file);
  data = g_key_file_to_data (key_file, &length, NULL);

  return lda_atomic_file_write (path, data, length, error);
}
