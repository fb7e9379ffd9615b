/* lda-project.c — what a person did to a series, saved beside the images
 *
 * A project folder (by default <image folder>/livedead-project) holds, for
 * each series opened from that image folder:
 *
 *   <series>.ini                 [project] format=1 series=<name>
 *                                [series/<channel>] the series' parameters
 *                                [frame/<key>] state=… override=…
 *                                [frame/<key>/<channel>] its own parameters
 *   edits/<key>.edits            one file per frame that has edits, shared
 *                                by every series that holds the frame
 *
 * A frame's <key> is its triple's name, or "<name>/<page>" for a page of
 * a multi-page triple.  <series> and <key> are escaped, so any name makes
 * a safe, unique file and group name (lda-project-names.c).  Projects
 * saved before keys were used named frames by their title; such files
 * and groups are read when a frame has none of its own, and the next save
 * of the frame replaces them.  Frame groups are written only for frames
 * with an override or a state other than automatic; groups of frames the
 * series does not have (a triple moved away for a while) are carried over
 * from the previous file, not dropped.
 *
 * Every file is replaced through lda-atomic-file.c: a temporary file of
 * ours beside the target, fsync, rename.  A crash leaves either the old or
 * the new file, never a mix, and possibly a stale temporary
 * ".livedead-tmp-<target>-XXXXXX", which loading never reads and the next
 * save of that target removes once it is a minute old (younger ones may
 * belong to a save still under way in another process).  No other file is
 * ever removed as a temporary file.
 *
 * Nothing is ever saved over a damaged file: loading (or saving the ini)
 * renames it to "<file>.damaged-<time>" and says so.  Saving refuses to
 * replace an ini from a newer version.
 *
 * Edits files are encoded, and read, by lda-project-edits.c, and saved by
 * lda-project-save-edits.c; a project is loaded by lda-project-load.c.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-key-file.h"
#include "lda-project.h"
#include "lda-project-private.h"

/* 2: parameters gained the threshold methods and the [*nuclei] groups;
 * version 1 would read them with the wrong meaning, so it must refuse. */
#define PROJECT_FORMAT      2
#define FALLBACK_FOLDER     "livedead-annotator"

/**
 * lda_project_frame_edits_path:
 * @folder: a project folder
 * @series: a series
 * @frame: a frame of @series
 *
 * Returns: (transfer full): the file the frame's corrections are saved
 *   to in @folder
 */
char *
lda_project_frame_edits_path (const char *folder,
                              LdaSeries  *series,
                              guint       frame)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (folder != NULL && series != NULL, NULL);
  g_return_val_if_fail (frame < lda_series_get_n_frames (series), NULL);

  key = lda_project_frame_key (series, frame);
  return lda_project_edits_path (folder, key);
}

/**
 * lda_project_default_folder:
 * @series: a series
 *
 * Returns: (transfer full): the project folder inside the series' image
 *   folder, <folder>/livedead-project
 */
char *
lda_project_default_folder (LdaSeries *series)
{
  g_return_val_if_fail (series != NULL, NULL);

  return g_build_filename (lda_series_get_folder (series), LDA_PROJECT_FOLDER_NAME, NULL);
}

/**
 * lda_project_fallback_folder:
 * @series: a series
 *
 * The place for the project when the image folder cannot be written:
 * <user data dir>/livedead-annotator/projects/<folder name>-<hash>, the
 * hash taken from the image folder's absolute path with symbolic links
 * resolved, so the same folder always gets the same project and every
 * series of one image folder shares it, as in the default place.
 *
 * Returns: (transfer full): the folder; it is not created
 */
char *
lda_project_fallback_folder (LdaSeries *series)
{
  const char *folder;
  g_autofree char *absolute = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *leaf = NULL;
  char *resolved;

  g_return_val_if_fail (series != NULL, NULL);

  folder = lda_series_get_folder (series);
  resolved = realpath (folder, NULL);
  if (resolved != NULL)
    {
      absolute = g_strdup (resolved);
      free (resolved);
    }
  else
    absolute = g_canonicalize_filename (folder, NULL);

  base = g_path_get_basename (absolute);
  name = lda_project_escape_name (base);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  leaf = g_strdup_printf ("%s-%.12s", name, hash);

  return g_build_filename (g_get_user_data_dir (), FALLBACK_FOLDER, "projects", leaf, NULL);
}

/**
 * lda_project_folder_writable:
 * @folder: a project folder
 *
 * Creates @folder if needed, then creates, writes and removes a probe
 * file in it.
 *
 * Returns: %TRUE if files can be saved in @folder
 */
gboolean
lda_project_folder_writable (const char *folder)
{
  g_autofree char *target = NULL;
  g_autofree char *probe = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0777) != 0)
    return FALSE;

  /* A temporary file of ours, so that one a crash leaves is known as ours. */
  target = g_build_filename (folder, "probe", NULL);
  fd = lda_atomic_file_open_temp (target, &probe, NULL);
  if (fd < 0)
    return FALSE;

  ok = write (fd, "", 1) == 1;
  ok = g_close (fd, NULL) && ok;
  ok = g_unlink (probe) == 0 && ok;

  return ok;
}

/* -------------------------------------------------------------- writing */

gboolean
lda_project_write_atomically (const char     *path,
                              gconstpointer   data,
                              gsize           length,
                              GError        **error)
{
  if (!lda_atomic_file_write (path, data, length, error))
    return FALSE;

  lda_atomic_file_remove_stale (path);
  return TRUE;
}

/* ------------------------------------------------------ reading the ini */

static gboolean
parse_state (const char    *text,
             LdaFrameState *state)
{
  for (LdaFrameState s = LDA_FRAME_AUTOMATIC; s <= LDA_FRAME_EXPORTED; s++)
    if (g_str_equal (text, lda_frame_state_name (s)))
      {
        *state = s;
        return TRUE;
      }

  return FALSE;
}

/* Loads the key file at @path; a missing file sets *found = FALSE. */
gboolean
lda_project_read_ini (const char  *path,
                      GKeyFile    *key_file,
                      gboolean    *found,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *found = FALSE;
  if (!lda_key_file_load (key_file, path, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, &local_error))
    {
      if (g_error_matches (local_error, LDA_ERROR, LDA_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *found = TRUE;
  return TRUE;
}

/* Reads @key_file into @params and @frames (one per frame of @series)
 * without touching the series. */
gboolean
lda_project_parse_ini (LdaSeries   *series,
                       GKeyFile    *key_file,
                       const char  *path,
                       LdaParams   *params,
                       LdaSavedFrame  *frames,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *format = NULL;
  char *end = NULL;
  guint64 version;

  format = g_key_file_get_value (key_file, LDA_PROJECT_GROUP, "format", NULL);
  version = format != NULL ? g_ascii_strtoull (format, &end, 10) : 0;
  if (format == NULL || !g_ascii_isdigit (format[0]) || *end != '\0' || version == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: not a project file ([project] format is missing)"), path);
      return FALSE;
    }
  if (version > PROJECT_FORMAT)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                   _("%s: written by a newer version (format %s; this version reads up to %d)"),
                   path, format, PROJECT_FORMAT);
      return FALSE;
    }

  *params = *lda_series_get_params (series);
  if (!lda_params_load_prefixed (key_file, LDA_PROJECT_SERIES_PREFIX, params, &local_error))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT, _("%s: series parameters: %s"),
                   path, local_error->message);
      return FALSE;
    }

  keys = lda_project_all_keys (series);
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      g_autofree char *key = lda_project_frame_key (series, i);
      g_autofree char *legacy = lda_project_legacy_key (series, i, keys);
      g_autofree char *group = lda_project_frame_group (key);
      g_autofree char *state = NULL;
      LdaSavedFrame *saved = &frames[i];

      saved->state = LDA_FRAME_AUTOMATIC;
      saved->has_override = FALSE;
      if (!g_key_file_has_group (key_file, group) && legacy != NULL)
        {
          /* Saved before keys: under the frame's title. */
          g_free (group);
          group = lda_project_frame_group (legacy);
        }
      if (!g_key_file_has_group (key_file, group))
        continue;

      state = g_key_file_get_string (key_file, group, "state", NULL);
      if (state != NULL && !parse_state (g_strstrip (state), &saved->state))
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("%s: [%s] state = “%s” is not automatic, edited or exported"),
                       path, group, state);
          return FALSE;
        }

      if (g_key_file_has_key (key_file, group, "override", NULL))
        {
          saved->has_override = g_key_file_get_boolean (key_file, group, "override",
                                                        &local_error);
          if (local_error != NULL)
            {
              g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                           _("%s: [%s] override is not true or false"), path, group);
              return FALSE;
            }
        }

      if (saved->has_override)
        {
          g_autofree char *prefix = g_strconcat (group, "/", NULL);

          saved->override = *params;
          if (!lda_params_load_prefixed (key_file, prefix, &saved->override, &local_error))
            {
              g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT, "%s: [%s] %s",
                           path, group, local_error->message);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Renames a damaged file to <path>.damaged-<time>, so that what may
 * still be recovered from it is never saved over. */
gboolean
lda_project_set_aside (const char  *path,
                       char       **aside,
                       GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s.damaged-%s", path, stamp);

  for (guint n = 2; g_file_test (name, G_FILE_TEST_EXISTS) && n < 1000; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_rename (path, name) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: damaged, and cannot be set aside: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  if (aside != NULL)
    *aside = g_steal_pointer (&name);
  return TRUE;
}

/* Looks at the file about to be replaced: one from a newer version is
 * not replaced, a damaged one is set aside, and the groups of a good one
 * for frames the series does not have are carried over. */
static gboolean
check_old_ini (LdaSeries   *series,
               const char  *path,
               GKeyFile    *key_file,
               GHashTable  *own_groups,
               GError     **error)
{
  g_autoptr(GKeyFile) old = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree LdaSavedFrame *frames = g_new0 (LdaSavedFrame, lda_series_get_n_frames (series));
  g_auto(GStrv) groups = NULL;
  gboolean found = FALSE;
  LdaParams params;

  if (!lda_project_read_ini (path, old, &found, &local_error) ||
      (found && !lda_project_parse_ini (series, old, path, &params, frames, &local_error)))
    {
      if (g_error_matches (local_error, LDA_ERROR, LDA_ERROR_CORRUPT))
        return lda_project_set_aside (path, NULL, error);

      g_set_error (error, LDA_ERROR, local_error->code, _("%s; not replaced"),
                   local_error->message);
      return FALSE;
    }
  if (!found)
    return TRUE;

  groups = g_key_file_get_groups (old, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *frame = NULL;
      const char *slash;

      if (!g_str_has_prefix (groups[i], LDA_PROJECT_FRAME_PREFIX))
        continue;
      slash = strchr (groups[i] + strlen (LDA_PROJECT_FRAME_PREFIX), '/');
      frame = slash != NULL ? g_strndup (groups[i], slash - groups[i]) : g_strdup (groups[i]);
      if (!g_hash_table_contains (own_groups, frame))
        lda_key_file_copy_group (old, groups[i], key_file, groups[i]);
    }

  return TRUE;
}

/**
 * lda_project_save_params:
 * @series: a series
 * @folder: the project folder; created if needed
 * @error: return location for an error
 *
 * Saves the series' parameters and each frame's override and state to
 * <folder>/<series name>.ini, replacing it atomically.  Frames of the
 * previous file that the series does not have are kept.  A damaged
 * previous file is set aside (<file>.damaged-<time>), not replaced.
 *
 * Returns: %TRUE on success; otherwise %LDA_ERROR_WRITE naming the file,
 *   %LDA_ERROR_INVALID_PARAMS when a parameter is out of range (nothing
 *   is written then, so a saved project always loads), or
 *   %LDA_ERROR_UNSUPPORTED / %LDA_ERROR_READ when the previous file is
 *   from a newer version or cannot be read; the previous file is left as
 *   it was
 */
gboolean
lda_project_save_params (LdaSeries   *series,
                         const char  *folder,
                         GError     **error)
{
  return lda_project_save_params_full (series, folder, NULL, error);
}

/**
 * lda_project_save_params_full:
 * @series: a series
 * @folder: the project folder; created if needed
 * @extra: (nullable): more groups to keep in the file, such as
 *   %LDA_PROJECT_VIEW_GROUP; names must not start with "project", "series/"
 *   or "frame/"
 * @error: return location for an error
 *
 * As lda_project_save_params(), with @extra's groups written too;
 * lda_project_load_location() gives them back.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_project_save_params_full (LdaSeries   *series,
                              const char  *folder,
                              GKeyFile    *extra,
                              GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GHashTable) own_groups = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = lda_project_ini_path (folder, series);

  /* Never write what loading would refuse. */
  if (!lda_params_validate (lda_series_get_params (series), error))
    {
      g_prefix_error (error, _("%s: not saved: "), path);
      return FALSE;
    }
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaFrame *frame = lda_series_get_frame (series, i);

      if (frame->has_override && !lda_params_validate (&frame->override, error))
        {
          g_prefix_error (error, _("%s: not saved: frame %s: "), path, frame->title);
          return FALSE;
        }
    }

  g_key_file_set_integer (key_file, LDA_PROJECT_GROUP, "format", PROJECT_FORMAT);
  g_key_file_set_string (key_file, LDA_PROJECT_GROUP, "series", lda_series_get_name (series));
  lda_params_save_prefixed (key_file, LDA_PROJECT_SERIES_PREFIX, lda_series_get_params (series));

  keys = lda_project_all_keys (series);
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaFrame *frame = lda_series_get_frame (series, i);
      g_autofree char *key = lda_project_frame_key (series, i);
      g_autofree char *legacy = lda_project_legacy_key (series, i, keys);
      char *group = lda_project_frame_group (key);

      /* A group under the frame's title, from before keys, is replaced
       * by this one: it is the frame's, not carried over. */
      g_hash_table_add (own_groups, group);
      if (legacy != NULL)
        g_hash_table_add (own_groups, lda_project_frame_group (legacy));
      if (frame->state == LDA_FRAME_AUTOMATIC && !frame->has_override)
        continue;

      g_key_file_set_string (key_file, group, "state", lda_frame_state_name (frame->state));
      g_key_file_set_boolean (key_file, group, "override", frame->has_override);
      if (frame->has_override)
        {
          g_autofree char *prefix = g_strconcat (group, "/", NULL);

          lda_params_save_prefixed (key_file, prefix, &frame->override);
        }
    }

  if (extra != NULL)
    {
      g_auto(GStrv) groups = g_key_file_get_groups (extra, NULL);

      for (guint i = 0; groups[i] != NULL; i++)
        if (!g_str_equal (groups[i], LDA_PROJECT_GROUP) &&
            !g_str_has_prefix (groups[i], LDA_PROJECT_SERIES_PREFIX) &&
            !g_str_has_prefix (groups[i], LDA_PROJECT_FRAME_PREFIX))
          lda_key_file_copy_group (extra, groups[i], key_file, groups[i]);
    }

  if (!lda_atomic_file_make_folder (folder, error))
    return FALSE;

  if (!check_old_ini (series, path, key_file, own_groups, error))
    return FALSE;
  data = g_key_file_to_data (key_file, &length, NULL);

  return lda_project_write_atomically (path, data, length, error);
}
