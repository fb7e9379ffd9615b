/* lda-params-text.c — the text of a parameter file, checked line by line
 *
 * A parameter file is a key file, in one of two forms: the plain one
 * ([livedead], [cell-area], [hoechst], [draq7], [nuclei]) or the project
 * file the window saves ([project], [series/<group>], [frame/<key>] and
 * [frame/<key>/<group>]).  Before GKeyFile reads it, every line is
 * checked here, so that a misspelt group or key is an error naming the
 * file and the line instead of being silently ignored, and comments are
 * taken out: a line whose first non-blank character is "#", and the rest
 * of a line from a "#" that follows a space or a tab.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-error.h"
#include "lda-params.h"
#include "lda-params-text.h"

static const char * const channel_keys[] = {
  "method", "offset", "use-offset", "coarseness", "kernel", "threshold",
  "manual-threshold", "ignore-saturated", "saturation", NULL,
};

static const char * const nuclei_keys[] = {
  "objects", "split", "split-depth", "min-area", NULL,
};

static const char * const format_keys[] = { "format", NULL };
static const char * const project_keys[] = { "format", "series", NULL };
static const char * const frame_keys[] = { "state", "override", NULL };
/* More channel tags for finding files (lda-channels.c). */
static const char * const channels_keys[] = { "bf", "hoechst", "draq7", NULL };

/* Groups known by their whole name.  A part of the program that keeps
 * its own group in these files adds it here, with its keys; keys = NULL
 * accepts any key (the window's own state in a project file, which a
 * parameter file does not use). */
static const struct
{
  const char         *group;
  const char * const *keys;
} known_groups[] = {
  { "livedead", format_keys },
  { "project", project_keys },
  { LDA_PARAMS_NUCLEI_GROUP, nuclei_keys },
  { "channels", channels_keys },
  { "view", NULL },
  { "damage", NULL },
};

/* The keys of a group of parameters (a channel or the nuclei), or NULL. */
static const char * const *
params_group_keys (const char *name)
{
  if (g_str_equal (name, LDA_PARAMS_NUCLEI_GROUP))
    return nuclei_keys;
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (g_str_equal (name, lda_channel_name (c)))
      return channel_keys;
  return NULL;
}

/**
 * lda_params_text_group_kind:
 * @group: a group name
 *
 * Returns: what the group is in a parameter file
 */
LdaParamsGroupKind
lda_params_text_group_kind (const char *group)
{
  const char *rest;
  const char *slash;

  for (guint i = 0; i < G_N_ELEMENTS (known_groups); i++)
    if (g_str_equal (group, known_groups[i].group))
      return LDA_PARAMS_GROUP_OTHER;

  if (params_group_keys (group) != NULL)
    return LDA_PARAMS_GROUP_PLAIN;

  if (g_str_has_prefix (group, LDA_PARAMS_SERIES_PREFIX))
    return params_group_keys (group + strlen (LDA_PARAMS_SERIES_PREFIX)) != NULL
           ? LDA_PARAMS_GROUP_SERIES : LDA_PARAMS_GROUP_UNKNOWN;

  if (!g_str_has_prefix (group, LDA_PARAMS_FRAME_PREFIX))
    return LDA_PARAMS_GROUP_UNKNOWN;

  /* [frame/<key>] or [frame/<key>/<group>]: an escaped key has no "/". */
  rest = group + strlen (LDA_PARAMS_FRAME_PREFIX);
  slash = strchr (rest, '/');
  if (rest[0] == '\0' || slash == rest)
    return LDA_PARAMS_GROUP_UNKNOWN;
  if (slash == NULL)
    return LDA_PARAMS_GROUP_FRAME;
  return params_group_keys (slash + 1) != NULL ? LDA_PARAMS_GROUP_FRAME_PARAMS
                                               : LDA_PARAMS_GROUP_UNKNOWN;
}

/* The keys @group may hold; NULL with *any = TRUE when it may hold any. */
static const char * const *
group_keys (const char *group,
            gboolean   *any)
{
  *any = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known_groups); i++)
    if (g_str_equal (group, known_groups[i].group))
      {
        *any = known_groups[i].keys == NULL;
        return known_groups[i].keys;
      }

  switch (lda_params_text_group_kind (group))
    {
    case LDA_PARAMS_GROUP_PLAIN:
      return params_group_keys (group);
    case LDA_PARAMS_GROUP_SERIES:
    case LDA_PARAMS_GROUP_FRAME_PARAMS:
      return params_group_keys (strrchr (group, '/') + 1);
    case LDA_PARAMS_GROUP_FRAME:
      return frame_keys;
    case LDA_PARAMS_GROUP_OTHER:
    case LDA_PARAMS_GROUP_UNKNOWN:
    default:
      return NULL;
    }
}

/* Text from the file, quoted in a message: valid UTF-8 and short. */
static char *
shown (const char *text,
       gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  if (g_utf8_strlen (valid, -1) > 40)
    {
      g_autofree char *start = g_utf8_substring (valid, 0, 40);

      return g_strconcat (start, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* Cuts a comment off @line: from a "#" at its start or after a blank. */
static void
cut_comment (char *line)
{
  for (char *p = line; *p != '\0'; p++)
    if (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t'))
      {
        *p = '\0';
        break;
      }
}

static gboolean
check_line (const char  *path,
            guint        number,
            char        *line,
            char       **group,
            GString     *out,
            GError     **error)
{
  const char * const *keys;
  gboolean any;
  char *equals;

  cut_comment (line);
  g_strstrip (line);
  if (line[0] == '\0')
    return TRUE;

  if (line[0] == '[')
    {
      gsize length = strlen (line);
      g_autofree char *name = NULL;

      if (line[length - 1] != ']' || length < 3)
        {
          g_autofree char *text = shown (line, -1);

          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("%s, line %u: “%s” is not a group name in brackets"),
                       path, number, text);
          return FALSE;
        }
      name = g_strndup (line + 1, length - 2);
      if (lda_params_text_group_kind (name) == LDA_PARAMS_GROUP_UNKNOWN)
        {
          g_autofree char *text = shown (name, -1);

          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("%s, line %u: unknown group [%s] (known: [cell-area], [hoechst], "
                         "[draq7], [nuclei], [channels], [livedead]; in a project file [project], "
                         "[series/…], [frame/…])"),
                       path, number, text);
          return FALSE;
        }
      g_free (*group);
      *group = g_steal_pointer (&name);
      g_string_append_printf (out, "[%s]\n", *group);
      return TRUE;
    }

  equals = strchr (line, '=');
  if (equals == NULL || equals == line)
    {
      g_autofree char *text = shown (line, -1);

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s, line %u: “%s” is not key=value"), path, number, text);
      return FALSE;
    }
  if (*group == NULL)
    {
      g_autofree char *text = shown (line, -1);

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s, line %u: “%s” comes before any [group]"), path, number, text);
      return FALSE;
    }

  *equals = '\0';
  g_strstrip (line);
  keys = group_keys (*group, &any);
  if (!any && (keys == NULL || !g_strv_contains (keys, line)))
    {
      g_autofree char *text = shown (line, -1);
      g_autofree char *where = shown (*group, -1);
      g_autofree char *known = keys != NULL ? g_strjoinv (", ", (char **) keys) : g_strdup ("");

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s, line %u: [%s] has no key “%s” (known: %s)"),
                   path, number, where, text, known);
      return FALSE;
    }

  /* Each key with its line, for the messages about its value
   * (lda_params_key_line()). */
  g_string_append_printf (out, "#@%u\n%s=%s\n", number, line, g_strstrip (equals + 1));
  return TRUE;
}

/**
 * lda_params_text_load:
 * @key_file: the key file to load into
 * @path: the file the text comes from, for messages
 * @data: the text
 * @length: its length in bytes
 * @error: return location for an error
 *
 * Checks every group and key name of @data against the groups a
 * parameter file may hold (either form), takes comments out and loads
 * what is left into @key_file.
 *
 * Returns: %TRUE on success; on failure the message names @path and the
 *   line
 */
gboolean
lda_params_text_load (GKeyFile    *key_file,
                      const char  *path,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *text = g_strndup (data, length);
  guint number = 0;
  char *line = text;

  /* Editors on some systems start a UTF-8 file with a byte order mark. */
  if (g_str_has_prefix (line, "\xef\xbb\xbf"))
    line += 3;

  if (strlen (text) != length)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s: not a text file (it holds a zero byte)"), path);
      return FALSE;
    }

  while (line != NULL)
    {
      char *next = strchr (line, '\n');

      if (next != NULL)
        *next++ = '\0';
      number++;
      if (!check_line (path, number, line, &group, out, error))
        return FALSE;
      line = next;
    }

  if (!g_key_file_load_from_data (key_file, out->str, out->len, G_KEY_FILE_KEEP_COMMENTS,
                                  &local_error))
    {
      g_autofree char *message = shown (local_error->message, -1);

      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS, "%s: %s", path, message);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_params_key_line:
 * @key_file: a key file loaded by lda_params_text_load()
 * @group: a group
 * @key: a key of it
 *
 * Returns: the line of the text @key was on, counted from 1; 0 when
 *   the key file did not come from lda_params_text_load()
 */
guint
lda_params_key_line (GKeyFile   *key_file,
                     const char *group,
                     const char *key)
{
  g_autofree char *comment = g_key_file_get_comment (key_file, group, key, NULL);
  guint64 line = 0;

  if (comment != NULL && comment[0] == '@')
    line = g_ascii_strtoull (comment + 1, NULL, 10);
  return line <= G_MAXUINT ? (guint) line : 0;
}
