/* lda-params-file.c — parameters in key files: the --params file in its
 * plain and project forms, and the groups the project file holds
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
#include "lda-key-file.h"
#include "lda-file-read.h"
#include "lda-params.h"
#include "lda-params-file.h"
#include "lda-params-text.h"
#include "lda-project-private.h"

#define FORMAT_GROUP   "livedead"
/* 2 added the methods, the saturation and the [nuclei] group. */
#define FORMAT_VERSION 2

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

/* Adds the line @key was on to @error's message, where it is known: a
 * value wrong in a file of many lines. */
static void
at_line (GError     **error,
         GKeyFile    *key_file,
         const char  *group,
         const char  *key)
{
  guint line = lda_params_key_line (key_file, group, key);

  if (line > 0)
    g_prefix_error (error, _("line %u: "), line);
}

/* A value was out of range: names the line of @key, the key holding it,
 * if this group of the file holds it (the value may have come from
 * elsewhere: the preset a legacy file is read over).  Returns %FALSE. */
static gboolean
range_at_line (const char  *key,
               GKeyFile    *key_file,
               const char  *group,
               GError     **error)
{
  if (key != NULL && g_key_file_has_key (key_file, group, key, NULL))
    at_line (error, key_file, group, key);

  return FALSE;
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
      at_line (error, key_file, group, key);
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
      at_line (error, key_file, group, key);
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
      at_line (error, key_file, group, key);
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
  g_autofree char *method = NULL;
  g_autofree char *saturation = NULL;
  const char *bad = NULL;

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
          g_autofree char *shown = shown_value (key_file, group, "threshold");

          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("[%s] threshold = “%s” must be auto or manual"), group, shown);
          at_line (error, key_file, group, "threshold");
          return FALSE;
        }
    }

  method = g_key_file_get_string (key_file, group, "method", NULL);
  if (method != NULL && !lda_method_from_name (g_strstrip (method), &params->method))
    {
      g_autofree char *shown = shown_value (key_file, group, "method");

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("[%s] method = “%s” must be max-tile, otsu, otsu-tiles or triangle"),
                   group, shown);
      at_line (error, key_file, group, "method");
      return FALSE;
    }

  saturation = g_key_file_get_string (key_file, group, "saturation", NULL);
  if (saturation != NULL && g_str_equal (g_strstrip (saturation), "auto"))
    params->saturation = LDA_SATURATION_AUTO;
  else if (!read_uint (key_file, group, "saturation", &params->saturation, error))
    return FALSE;

  if (!lda_channel_params_check (params, channel, &bad, error))
    return range_at_line (bad, key_file, group, error);
  return TRUE;
}

static gboolean
read_nuclei (GKeyFile         *key_file,
             LdaNucleusParams *params,
             GError          **error)
{
  const char *bad = NULL;

  if (!g_key_file_has_group (key_file, LDA_PARAMS_NUCLEI_GROUP))
    return TRUE;

  if (!read_bool (key_file, LDA_PARAMS_NUCLEI_GROUP, "objects", &params->objects, error) ||
      !read_bool (key_file, LDA_PARAMS_NUCLEI_GROUP, "split", &params->split, error) ||
      !read_double (key_file, LDA_PARAMS_NUCLEI_GROUP, "split-depth", &params->split_depth, error) ||
      !read_uint (key_file, LDA_PARAMS_NUCLEI_GROUP, "min-area", &params->min_area, error))
    return FALSE;

  if (!lda_nucleus_params_check (params, &bad, error))
    return range_at_line (bad, key_file, LDA_PARAMS_NUCLEI_GROUP, error);
  return TRUE;
}

/* Whether @key_file was written before the threshold methods existed: it
 * has channel groups and none of the keys added since.  Such a file means
 * the article's method, whatever today's defaults are. */
static gboolean
is_legacy (GKeyFile *key_file)
{
  gboolean has_channel = FALSE;

  if (g_key_file_has_group (key_file, LDA_PARAMS_NUCLEI_GROUP))
    return FALSE;

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const char *group = lda_channel_name (c);

      if (!g_key_file_has_group (key_file, group))
        continue;
      has_channel = TRUE;
      if (g_key_file_has_key (key_file, group, "method", NULL) ||
          g_key_file_has_key (key_file, group, "saturation", NULL))
        return FALSE;
    }

  return has_channel;
}

/**
 * lda_params_load_from_key_file:
 * @params: (inout): parameters; keys absent from @key_file keep their value
 * @key_file: a key file with a group per channel
 * @error: return location for an error
 *
 * Reads the groups [cell-area], [hoechst], [draq7] and [nuclei].  A file
 * from before the threshold methods (channel groups without a method or
 * saturation key, no [nuclei] group) keeps its old meaning: it is read
 * over the article preset, not over @params.  On failure @params is left
 * exactly as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_params_load_from_key_file (LdaParams *params,
                               GKeyFile  *key_file,
                               GError   **error)
{
  LdaParams copy = *params;
  guint version = 0;

  if (g_key_file_has_key (key_file, FORMAT_GROUP, "format", NULL))
    {
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

  if (version < 2 && is_legacy (key_file))
    lda_params_init_preset (&copy, LDA_PRESET_ARTICLE);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!read_channel (key_file, c, &copy.channel[c], error))
      return FALSE;
  if (!read_nuclei (key_file, &copy.nuclei, error))
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

      g_key_file_set_string (key_file, group, "method", lda_method_name (p->method));
      lda_key_file_set_double (key_file, group, "offset", p->offset);
      g_key_file_set_boolean (key_file, group, "use-offset", p->use_offset);
      g_key_file_set_uint64 (key_file, group, "coarseness", p->coarseness);
      g_key_file_set_uint64 (key_file, group, "kernel", p->kernel);
      g_key_file_set_string (key_file, group, "threshold", p->manual ? "manual" : "auto");
      g_key_file_set_uint64 (key_file, group, "manual-threshold", p->manual_threshold);
      g_key_file_set_boolean (key_file, group, "ignore-saturated", p->ignore_saturated);
      if (p->saturation == LDA_SATURATION_AUTO)
        g_key_file_set_string (key_file, group, "saturation", "auto");
      else
        g_key_file_set_uint64 (key_file, group, "saturation", p->saturation);
    }

  g_key_file_set_boolean (key_file, LDA_PARAMS_NUCLEI_GROUP, "objects", params->nuclei.objects);
  g_key_file_set_boolean (key_file, LDA_PARAMS_NUCLEI_GROUP, "split", params->nuclei.split);
  lda_key_file_set_double (key_file, LDA_PARAMS_NUCLEI_GROUP, "split-depth",
                           params->nuclei.split_depth);
  g_key_file_set_uint64 (key_file, LDA_PARAMS_NUCLEI_GROUP, "min-area", params->nuclei.min_area);
}

/* ------------------------------------------------- one file, two forms */

struct _LdaParamsFile
{
  LdaParams   params;
  GHashTable *frames;   /* escaped key → LdaParams */
};

/* The groups of one set of parameters: the channels and the nuclei. */
static const char *
params_group (guint i)
{
  return i < LDA_N_CHANNELS ? lda_channel_name (i) : LDA_PARAMS_NUCLEI_GROUP;
}

#define N_PARAMS_GROUPS (LDA_N_CHANNELS + 1)

/**
 * lda_params_load_prefixed:
 * @key_file: a parameter or project file
 * @prefix: what the groups' names start with: "", "series/", "frame/<key>/"
 * @params: read over: keys absent keep their value
 * @error: return location for an error
 *
 * Reads the groups [<prefix><channel>] and [<prefix>nuclei] over @params.
 * Groups without the keys added in format 2 mean the article's method
 * (lda_params_load_from_key_file()).
 *
 * Returns: %TRUE on success
 */
gboolean
lda_params_load_prefixed (GKeyFile    *key_file,
                          const char  *prefix,
                          LdaParams   *params,
                          GError     **error)
{
  g_autoptr(GKeyFile) plain = g_key_file_new ();

  if (g_key_file_has_key (key_file, FORMAT_GROUP, "format", NULL))
    lda_key_file_copy_group (key_file, FORMAT_GROUP, plain, FORMAT_GROUP);
  for (guint i = 0; i < N_PARAMS_GROUPS; i++)
    {
      g_autofree char *group = g_strconcat (prefix, params_group (i), NULL);

      if (g_key_file_has_group (key_file, group))
        lda_key_file_copy_group (key_file, group, plain, params_group (i));
    }

  return lda_params_load_from_key_file (params, plain, error);
}

/**
 * lda_params_save_prefixed:
 * @key_file: a parameter or project file
 * @prefix: what the groups' names start with
 * @params: valid parameters
 *
 * Writes @params as the groups [<prefix><channel>] and [<prefix>nuclei].
 */
void
lda_params_save_prefixed (GKeyFile        *key_file,
                          const char      *prefix,
                          const LdaParams *params)
{
  g_autoptr(GKeyFile) plain = g_key_file_new ();

  lda_params_save_to_key_file (params, plain);
  for (guint i = 0; i < N_PARAMS_GROUPS; i++)
    {
      g_autofree char *group = g_strconcat (prefix, params_group (i), NULL);

      lda_key_file_copy_group (plain, params_group (i), key_file, group);
    }
}

static gboolean
check_project_format (GKeyFile    *key_file,
                      GError     **error)
{
  guint version = 0;

  if (!g_key_file_has_key (key_file, "project", "format", NULL))
    return TRUE;
  if (!read_uint (key_file, "project", "format", &version, error))
    return FALSE;
  if (version > FORMAT_VERSION)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("written by a newer version (format %u; this version reads up to %u)"),
                   version, FORMAT_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Reads [frame/<key>] and its parameter groups into self->frames. */
static gboolean
load_frame (LdaParamsFile  *self,
            GKeyFile       *key_file,
            const char     *group,
            GError        **error)
{
  g_autofree char *prefix = g_strconcat (group, "/", NULL);
  gboolean override = FALSE;
  LdaParams *params;

  if (!read_bool (key_file, group, "override", &override, error))
    return FALSE;
  if (!override)
    return TRUE;

  params = g_new (LdaParams, 1);
  *params = self->params;
  g_hash_table_insert (self->frames, g_strdup (group + strlen (LDA_PARAMS_FRAME_PREFIX)),
                       params);
  if (!lda_params_load_prefixed (key_file, prefix, params, error))
    {
      g_prefix_error (error, "[%s] ", group);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_forms (LdaParamsFile  *self,
            GKeyFile       *key_file,
            GError        **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);
  gboolean plain = FALSE, series = FALSE;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      LdaParamsGroupKind kind = lda_params_text_group_kind (groups[i]);

      plain |= kind == LDA_PARAMS_GROUP_PLAIN;
      series |= kind == LDA_PARAMS_GROUP_SERIES;
    }
  if (plain && series)
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                           _("holds both plain groups such as [hoechst] and a project’s "
                             "[series/…] groups; keep one of them"));
      return FALSE;
    }

  if (!check_project_format (key_file, error) ||
      !lda_params_load_prefixed (key_file, series ? LDA_PARAMS_SERIES_PREFIX : "", &self->params, error))
    return FALSE;

  for (guint i = 0; groups[i] != NULL; i++)
    if (lda_params_text_group_kind (groups[i]) == LDA_PARAMS_GROUP_FRAME &&
        !load_frame (self, key_file, groups[i], error))
      return FALSE;

  return TRUE;
}

/**
 * lda_params_file_load:
 * @path: a parameter file, or a project's <series>.ini
 * @base: the parameters that keys absent from the file keep
 * @error: return location for an error
 *
 * Reads a parameter file in either form: the plain groups [cell-area],
 * [hoechst], [draq7], [nuclei] (and [livedead] format=…), or the groups
 * of a project file, [series/<group>] for the series and
 * [frame/<key>/<group>] for a frame whose override is true.  Frame groups
 * may follow plain groups too (lda_params_file_save() writes them so).
 * An unknown group or key is an error naming the line.
 *
 * Returns: (transfer full): the file's parameters, or %NULL with @error
 *   set; the message names @path
 */
LdaParamsFile *
lda_params_file_load (const char       *path,
                      const LdaParams  *base,
                      GError          **error)
{
  g_autoptr(LdaParamsFile) self = g_new0 (LdaParamsFile, 1);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  self->params = *base;
  self->frames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  bytes = lda_file_read (path, LDA_KEY_FILE_MAX_BYTES, LDA_READ_FOLLOW_LINKS,
                         LDA_ERROR_INVALID_PARAMS, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  if (!lda_params_text_load (key_file, path, data != NULL ? data : "", length, error))
    return NULL;

  if (!load_forms (self, key_file, &local_error))
    {
      g_set_error (error, LDA_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
lda_params_file_free (LdaParamsFile *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->frames, g_hash_table_unref);
  g_free (self);
}

/**
 * lda_params_file_get_params:
 * @self: a parameter file
 *
 * Returns: the parameters of the series (the plain groups or
 *   [series/…])
 */
const LdaParams *
lda_params_file_get_params (const LdaParamsFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->params;
}

/**
 * lda_params_file_get_frame:
 * @self: a parameter file
 * @key: a frame's key: its triple's name, or "<name>/<page>" for a page of
 *   a multi-page triple
 *
 * Returns: (nullable): the frame's own parameters, or %NULL when it has
 *   none (it uses lda_params_file_get_params())
 */
const LdaParams *
lda_params_file_get_frame (const LdaParamsFile *self,
                           const char          *key)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  escaped = lda_project_escape_name (key);
  return g_hash_table_lookup (self->frames, escaped);
}

/**
 * lda_params_file_get_n_frames:
 * @self: a parameter file
 *
 * Returns: how many frames have parameters of their own
 */
guint
lda_params_file_get_n_frames (const LdaParamsFile *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->frames);
}

/**
 * lda_params_file_save:
 * @path: where to write; replaced atomically
 * @params: the series' parameters, written as plain groups
 * @frame_keys: (nullable): %NULL-terminated keys of frames with their own
 *   parameters
 * @frame_params: (nullable): their parameters, one per key
 * @error: return location for an error
 *
 * Writes a parameter file that lda_params_file_load() reads back, and
 * that the plain form's readers understand.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_params_file_save (const char          *path,
                      const LdaParams     *params,
                      const char * const  *frame_keys,
                      const LdaParams     *frame_params,
                      GError             **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (!lda_params_validate (params, error))
    return FALSE;
  lda_params_save_to_key_file (params, key_file);

  for (guint f = 0; frame_keys != NULL && frame_keys[f] != NULL; f++)
    {
      g_autofree char *escaped = lda_project_escape_name (frame_keys[f]);
      g_autofree char *group = g_strconcat (LDA_PARAMS_FRAME_PREFIX, escaped, NULL);
      g_autofree char *prefix = g_strconcat (group, "/", NULL);

      if (!lda_params_validate (&frame_params[f], error))
        return FALSE;
      g_key_file_set_boolean (key_file, group, "override", TRUE);
      lda_params_save_prefixed (key_file, prefix, &frame_params[f]);
    }

  data = g_key_file_to_data (key_file, &length, NULL);
  return lda_atomic_file_write (path, data, length, error);
}

/**
 * lda_params_load:
 * @params: (inout): parameters to update
 * @path: a parameter file in either form (see lda_params_file_load())
 * @error: return location for an error
 *
 * Reads the series' parameters of @path over @params.
 *
 * Returns: %TRUE on success; on failure the message names @path
 */
gboolean
lda_params_load (LdaParams  *params,
                 const char *path,
                 GError    **error)
{
  g_autoptr(LdaParamsFile) file = lda_params_file_load (path, params, error);

  if (file == NULL)
    return FALSE;

  *params = file->params;
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
  return lda_params_file_save (path, params, NULL, NULL, error);
}
