/* lda-project-names.c — the names of a project's files and groups
 *
 * A series' ini is "<series>.ini"; each frame's edits file is
 * "edits/<key>.edits" and its group in the ini "[frame/<key>]", where
 * <key> says which images the frame is (lda_project_frame_key()).  Every
 * name is escaped (lda_project_escape_name()), so any series or triple
 * name makes a safe, unique file and group name.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lda-project.h"
#include "lda-project-private.h"

#define EDITS_FOLDER        "edits"
#define EDITS_SUFFIX        ".edits"

/* An escaped name longer than this is cut and given a hash, so that file
 * names stay under the usual 255-byte limit. */
#define NAME_MAX_ESCAPED    160

/**
 * lda_project_escape_name:
 * @name: any name
 *
 * Keeps ASCII letters, digits and "-_+,=" (and "." except in front, so no
 * name is hidden, "." or ".."); every other byte, "/" among them, becomes
 * %XX.  Distinct names give distinct results because "%" itself is
 * escaped.  A long result is cut and ends in "%~" and a hash of the whole
 * name ("~" is never kept, so cut names never meet uncut ones).
 *
 * Returns: (transfer full): the name as a file or group name
 */
char *
lda_project_escape_name (const char *name)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (g_ascii_isalnum (c) || strchr ("-_+,=", c) != NULL ||
          (c == '.' && p != name))
        g_string_append_c (escaped, (char) c);
      else
        g_string_append_printf (escaped, "%%%02X", c);
    }

  if (escaped->len == 0)
    g_string_append_c (escaped, '%');

  if (escaped->len > NAME_MAX_ESCAPED)
    {
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

      g_string_truncate (escaped, NAME_MAX_ESCAPED - 40);
      g_string_append (escaped, "%~");
      g_string_append_len (escaped, hash, 32);
    }

  return g_string_free (escaped, FALSE);
}

/**
 * lda_project_ini_path:
 * @folder: a project folder
 * @series: a series
 *
 * Returns: (transfer full): <folder>/<series>.ini
 */
char *
lda_project_ini_path (const char *folder,
                      LdaSeries  *series)
{
  return lda_project_ini_path_for_name (folder, lda_series_get_name (series));
}

/* <folder>/<name>.ini, the ini of the series called @name. */
char *
lda_project_ini_path_for_name (const char *folder,
                               const char *name)
{
  g_autofree char *escaped = lda_project_escape_name (name);
  g_autofree char *file = g_strconcat (escaped, ".ini", NULL);

  return g_build_filename (folder, file, NULL);
}

/**
 * lda_project_edits_folder:
 * @folder: a project folder
 *
 * Edits belong to a frame's images, not to the series it was opened in:
 * a triple corrected when opened alone keeps its corrections when its
 * folder is opened as a series, and `livedead export FOLDER` finds them.
 *
 * Returns: (transfer full): the folder of every series' edits files
 */
char *
lda_project_edits_folder (const char *folder)
{
  return g_build_filename (folder, EDITS_FOLDER, NULL);
}

/**
 * lda_project_frame_key:
 * @series: a series
 * @frame: the index of one of its frames
 *
 * What a frame's edits file and ini group are named by.  Titles collide:
 * page 0 of the series "A" and the single triple "A_t000" are both titled
 * "A_t000" (and were both "A p0" before pages were titled so).  Keys do not: a single triple's key is its name, a page's is
 * "<name>/<page>", and a triple's name comes from a file name, which
 * never holds "/".  lda_project_escape_name() always escapes "/", so
 * distinct keys make distinct file and group names.  A single triple's
 * key is its title too, so most projects saved under titles keep their
 * names.
 *
 * Returns: (transfer full): the key
 */
char *
lda_project_frame_key (LdaSeries *series,
                       guint      frame)
{
  LdaFrame *f = lda_series_get_frame (series, frame);

  if (lda_series_frame_is_page (series, frame))
    return g_strdup_printf ("%s/%u", f->triple->name, f->page);
  return g_strdup (f->triple->name);
}

/**
 * lda_project_all_keys:
 * @series: a series
 *
 * Returns: (transfer full): the key of every frame of @series, a set
 */
GHashTable *
lda_project_all_keys (LdaSeries *series)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    g_hash_table_add (keys, lda_project_frame_key (series, i));

  return keys;
}

/**
 * lda_project_legacy_key:
 * @series: a series
 * @frame: the index of one of its frames
 * @keys: lda_project_all_keys() of @series
 *
 * The name a frame's files had before keys: its title then, which for a
 * page of a multi-page triple was "<name> p<page>"
 * (lda_project_frame_legacy_title()).
 *
 * Returns: (transfer full) (nullable): the title; %NULL when that is the
 *   frame's key anyway, or when it is the key of another frame of
 *   @series, whose files are then under it (the single triple "A p0" owns
 *   "A%20p0.edits", not page 0 of "A")
 */
char *
lda_project_legacy_key (LdaSeries  *series,
                        guint       frame,
                        GHashTable *keys)
{
  g_autofree char *title = lda_project_frame_legacy_title (series, frame);

  if (g_hash_table_contains (keys, title))
    return NULL;
  return g_steal_pointer (&title);
}

/**
 * lda_project_frame_legacy_title:
 * @series: a series
 * @frame: the index of one of its frames
 *
 * A frame's title in the projects of earlier versions, which name it by
 * that: a page of a multi-page triple was "<name> p<page>" (it is
 * "<name>_t<page>" now, as its exported files), a single triple its
 * name, as now.
 *
 * Returns: (transfer full): the title
 */
char *
lda_project_frame_legacy_title (LdaSeries *series,
                                guint      frame)
{
  LdaFrame *f = lda_series_get_frame (series, frame);

  if (lda_series_frame_is_page (series, frame))
    return g_strdup_printf ("%s p%u", f->triple->name, f->page);
  return g_strdup (f->title);
}

/**
 * lda_project_edits_path:
 * @folder: a project folder
 * @key: a frame's key (or legacy key)
 *
 * Returns: (transfer full): <folder>/edits/<key>.edits
 */
char *
lda_project_edits_path (const char *folder,
                        const char *key)
{
  g_autofree char *dir = lda_project_edits_folder (folder);
  g_autofree char *escaped = lda_project_escape_name (key);
  g_autofree char *file = g_strconcat (escaped, EDITS_SUFFIX, NULL);

  return g_build_filename (dir, file, NULL);
}

/**
 * lda_project_frame_group:
 * @key: a frame's key (or legacy key)
 *
 * Returns: (transfer full): the frame's group in the ini, "frame/<key>"
 */
char *
lda_project_frame_group (const char *key)
{
  g_autofree char *escaped = lda_project_escape_name (key);

  return g_strconcat (LDA_PROJECT_FRAME_PREFIX, escaped, NULL);
}

/**
 * lda_project_frame_edits_file:
 * @folder: a project folder
 * @series: a series
 * @frame: the index of one of its frames
 * @keys: lda_project_all_keys() of @series
 *
 * Returns: (transfer full): the edits file to read for @frame: the one
 *   under its key, or if there is none, the one under its title from
 *   before keys
 */
char *
lda_project_frame_edits_file (const char *folder,
                              LdaSeries  *series,
                              guint       frame,
                              GHashTable *keys)
{
  g_autofree char *key = lda_project_frame_key (series, frame);
  g_autofree char *legacy = lda_project_legacy_key (series, frame, keys);
  g_autofree char *path = lda_project_edits_path (folder, key);
  g_autofree char *legacy_path = NULL;
  GStatBuf st;

  if (legacy == NULL || g_lstat (path, &st) == 0)
    return g_steal_pointer (&path);

  legacy_path = lda_project_edits_path (folder, legacy);
  if (g_lstat (legacy_path, &st) == 0)
    return g_steal_pointer (&legacy_path);
  return g_steal_pointer (&path);
}
