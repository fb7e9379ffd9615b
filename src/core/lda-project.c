/* lda-project.c — what a person did to a series, saved beside the images
 *
 * A project folder (by default <image folder>/livedead-project) holds, for
 * each series opened from that image folder:
 *
 *   <series>.ini                 [project] format=1 series=<name>
 *                                [series/<channel>] the series' parameters
 *                                [frame/<title>] state=… override=…
 *                                [frame/<title>/<channel>] its own parameters
 *   edits/<title>.edits          one file per frame that has edits, shared
 *                                by every series that holds the frame
 *
 * <series> and <title> are escaped (see escape_name()), so any title makes
 * a safe, unique file and group name.  Frame groups are
 * written only for frames with an override or a state other than
 * automatic; groups of titles the series does not have (a triple moved
 * away for a while) are carried over from the previous file, not dropped.
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
 * Edits files are encoded by lda-project-edits.c.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-project.h"
#include "lda-project-private.h"
#include "lda-tiff.h"

#define PROJECT_GROUP       "project"
#define PROJECT_FORMAT      1
#define SERIES_PREFIX       "series/"
#define FRAME_PREFIX        "frame/"
#define EDITS_FOLDER        "edits"
#define EDITS_SUFFIX        ".edits"
#define FALLBACK_FOLDER     "livedead-annotator"

/* An escaped name longer than this is cut and given a hash, so that file
 * names stay under the usual 255-byte limit. */
#define NAME_MAX_ESCAPED    160

/* ---------------------------------------------------------------- names */

/*
 * Keeps ASCII letters, digits and "-_+,=" (and "." except in front, so no
 * name is hidden, "." or ".."); every other byte becomes %XX.  Distinct
 * names give distinct results because "%" itself is escaped.  A long
 * result is cut and ends in "%~" and a hash of the whole name ("~" is
 * never kept, so cut names never meet uncut ones).
 */
static char *
escape_name (const char *name)
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

static char *
ini_path (const char *folder,
          LdaSeries  *series)
{
  g_autofree char *name = escape_name (lda_series_get_name (series));
  g_autofree char *file = g_strconcat (name, ".ini", NULL);

  return g_build_filename (folder, file, NULL);
}

/* Edits belong to a frame's images, not to the series it was opened in:
 * a triple corrected when opened alone keeps its corrections when its
 * folder is opened as a series, and `livedead export FOLDER` finds them. */
static char *
edits_folder (const char *folder,
              LdaSeries  *series)
{
  return g_build_filename (folder, EDITS_FOLDER, NULL);
}

static char *
edits_path (const char *folder,
            LdaSeries  *series,
            guint       frame)
{
  g_autofree char *dir = edits_folder (folder, series);
  g_autofree char *title = escape_name (lda_series_get_frame (series, frame)->title);
  g_autofree char *file = g_strconcat (title, EDITS_SUFFIX, NULL);

  return g_build_filename (dir, file, NULL);
}

static char *
frame_group (const char *title)
{
  g_autofree char *escaped = escape_name (title);

  return g_strconcat (FRAME_PREFIX, escaped, NULL);
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
  name = escape_name (base);
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

static gboolean
write_atomically (const char     *path,
                  gconstpointer   data,
                  gsize           length,
                  GError        **error)
{
  if (!lda_atomic_file_write (path, data, length, error))
    return FALSE;

  lda_atomic_file_remove_stale (path);
  return TRUE;
}

/* Copies every key of @from_group into @to_group. */
static void
copy_group (GKeyFile   *from,
            const char *from_group,
            GKeyFile   *to,
            const char *to_group)
{
  g_auto(GStrv) keys = g_key_file_get_keys (from, from_group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (from, from_group, keys[i], NULL);

      if (value != NULL)
        g_key_file_set_value (to, to_group, keys[i], value);
    }
}

/* Writes @params as [<prefix><channel>] groups. */
static void
save_params (GKeyFile        *key_file,
             const char      *prefix,
             const LdaParams *params)
{
  g_autoptr(GKeyFile) plain = g_key_file_new ();

  lda_params_save_to_key_file (params, plain);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const char *name = lda_channel_name (c);
      g_autofree char *group = g_strconcat (prefix, name, NULL);

      copy_group (plain, name, key_file, group);
    }
}

/* ------------------------------------------------------ reading the ini */

/* Reads [<prefix><channel>] groups over @params (keys absent keep their
 * value). */
static gboolean
load_params (GKeyFile    *key_file,
             const char  *prefix,
             LdaParams   *params,
             GError     **error)
{
  g_autoptr(GKeyFile) plain = g_key_file_new ();

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const char *name = lda_channel_name (c);
      g_autofree char *group = g_strconcat (prefix, name, NULL);

      if (g_key_file_has_group (key_file, group))
        copy_group (key_file, group, plain, name);
    }

  return lda_params_load_from_key_file (params, plain, error);
}

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

typedef struct
{
  LdaFrameState state;
  gboolean      has_override;
  LdaParams     override;
} SavedFrame;

/* Loads the key file at @path; a missing file sets *found = FALSE. */
static gboolean
read_ini (const char  *path,
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
static gboolean
parse_ini (LdaSeries   *series,
           GKeyFile    *key_file,
           const char  *path,
           LdaParams   *params,
           SavedFrame  *frames,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  char *end = NULL;
  guint64 version;

  format = g_key_file_get_value (key_file, PROJECT_GROUP, "format", NULL);
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
  if (!load_params (key_file, SERIES_PREFIX, params, &local_error))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT, _("%s: series parameters: %s"),
                   path, local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaFrame *frame = lda_series_get_frame (series, i);
      g_autofree char *group = frame_group (frame->title);
      g_autofree char *state = NULL;
      SavedFrame *saved = &frames[i];

      saved->state = LDA_FRAME_AUTOMATIC;
      saved->has_override = FALSE;
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
          if (!load_params (key_file, prefix, &saved->override, &local_error))
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
static gboolean
set_aside (const char  *path,
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
  g_autofree SavedFrame *frames = g_new0 (SavedFrame, lda_series_get_n_frames (series));
  g_auto(GStrv) groups = NULL;
  gboolean found = FALSE;
  LdaParams params;

  if (!read_ini (path, old, &found, &local_error) ||
      (found && !parse_ini (series, old, path, &params, frames, &local_error)))
    {
      if (g_error_matches (local_error, LDA_ERROR, LDA_ERROR_CORRUPT))
        return set_aside (path, NULL, error);

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

      if (!g_str_has_prefix (groups[i], FRAME_PREFIX))
        continue;
      slash = strchr (groups[i] + strlen (FRAME_PREFIX), '/');
      frame = slash != NULL ? g_strndup (groups[i], slash - groups[i]) : g_strdup (groups[i]);
      if (!g_hash_table_contains (own_groups, frame))
        copy_group (old, groups[i], key_file, groups[i]);
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
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GHashTable) own_groups = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = ini_path (folder, series);

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

  g_key_file_set_integer (key_file, PROJECT_GROUP, "format", PROJECT_FORMAT);
  g_key_file_set_string (key_file, PROJECT_GROUP, "series", lda_series_get_name (series));
  save_params (key_file, SERIES_PREFIX, lda_series_get_params (series));

  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaFrame *frame = lda_series_get_frame (series, i);
      char *group = frame_group (frame->title);

      g_hash_table_add (own_groups, group);
      if (frame->state == LDA_FRAME_AUTOMATIC && !frame->has_override)
        continue;

      g_key_file_set_string (key_file, group, "state", lda_frame_state_name (frame->state));
      g_key_file_set_boolean (key_file, group, "override", frame->has_override);
      if (frame->has_override)
        {
          g_autofree char *prefix = g_strconcat (group, "/", NULL);

          save_params (key_file, prefix, &frame->override);
        }
    }

  if (!lda_atomic_file_make_folder (folder, error))
    return FALSE;

  if (!check_old_ini (series, path, key_file, own_groups, error))
    return FALSE;
  data = g_key_file_to_data (key_file, &length, NULL);

  return write_atomically (path, data, length, error);
}

/* Whether @edits hold any edit; fails on a pixel that is not a class or
 * LDA_NO_EDIT, which reading would refuse. */
static gboolean
scan_edits (const LdaEdits  *edits,
            const char      *path,
            gboolean        *empty,
            GError         **error)
{
  gsize n = (gsize) edits->width * edits->height;

  *empty = TRUE;
  for (gsize i = 0; i < n; i++)
    {
      guint8 value = edits->pixels[i];

      if (value == LDA_NO_EDIT)
        continue;
      if (value >= LDA_N_CLASSES)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED,
                       _("%s: not saved: pixel %lu holds %u, not a class"),
                       path, (gulong) i, value);
          return FALSE;
        }
      *empty = FALSE;
    }

  return TRUE;
}

/**
 * lda_project_save_edits:
 * @folder: the project folder; created if needed
 * @series: a series
 * @frame: the index of a frame of @series
 * @edits: (nullable): the frame's edits
 * @error: return location for an error
 *
 * Saves one frame's edits to <folder>/edits/<series>/<title>.edits,
 * replacing it atomically; other frames' files are not touched.  When
 * @edits is %NULL or holds no edit the file is removed instead.  Of
 * @series only the name and the frame's title are read, so a worker
 * thread may save a copy of the edits while the person goes on.
 *
 * Returns: %TRUE on success; otherwise %LDA_ERROR_WRITE naming the file
 *   (or %LDA_ERROR_FAILED if a pixel holds neither a class nor
 *   %LDA_NO_EDIT), and the previous file is left as it was
 */
gboolean
lda_project_save_edits (const char      *folder,
                        LdaSeries       *series,
                        guint            frame,
                        const LdaEdits  *edits,
                        GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean empty = TRUE;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (frame < lda_series_get_n_frames (series), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = edits_path (folder, series, frame);
  if (edits != NULL && !scan_edits (edits, path, &empty, error))
    return FALSE;

  if (edits == NULL || empty)
    {
      if (g_unlink (path) != 0 && errno != ENOENT && errno != ENOTDIR)
        {
          int saved_errno = errno;

          g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot remove: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
      lda_atomic_file_remove_stale (path);
      return TRUE;
    }

  dir = edits_folder (folder, series);
  if (!lda_atomic_file_make_folder (dir, error))
    return FALSE;

  bytes = lda_edits_serialize (edits);
  if (bytes == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED, _("%s: cannot encode the edits"), path);
      return FALSE;
    }

  return write_atomically (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           error);
}

/* The size of a frame's images, read from the headers only for frames
 * that have an edits file, the pages of a triple in one pass. */
typedef struct
{
  gboolean looked;
  gboolean known;
  guint    width;
  guint    height;
} FrameSize;

static const FrameSize *
frame_size (LdaSeries *series,
            guint      frame,
            FrameSize *sizes)
{
  LdaTriple *triple = lda_series_get_frame (series, frame)->triple;
  guint n = lda_series_get_n_frames (series);
  guint first = frame, last = frame, n_pages = 0;
  g_autofree guint *widths = NULL;
  g_autofree guint *heights = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (sizes[frame].looked)
    return &sizes[frame];

  /* The pages of a triple are frames one after another. */
  while (first > 0 && lda_series_get_frame (series, first - 1)->triple == triple)
    first--;
  while (last + 1 < n && lda_series_get_frame (series, last + 1)->triple == triple)
    last++;
  for (guint i = first; i <= last; i++)
    n_pages = MAX (n_pages, lda_series_get_frame (series, i)->page + 1);

  widths = g_new0 (guint, n_pages);
  heights = g_new0 (guint, n_pages);
  ok = lda_tiff_read_page_sizes (triple->paths[LDA_INPUT_BRIGHTFIELD], n_pages,
                                 widths, heights, &error);
  if (!ok)
    g_debug ("%s", error->message);

  for (guint i = first; i <= last; i++)
    {
      guint page = lda_series_get_frame (series, i)->page;

      sizes[i].looked = TRUE;
      sizes[i].known = ok && widths[page] > 0 && heights[page] > 0;
      sizes[i].width = widths[page];
      sizes[i].height = heights[page];
    }

  return &sizes[frame];
}

/* Reads one frame's edits file; a missing file gives %NULL and no error.
 * The file's size is compared with the frame's images before anything of
 * that size is allocated.  When the images cannot be read, the frame
 * cannot be shown, painted or exported: its edits are not read, and the
 * file stays as it is. */
static gboolean
load_edits_file (LdaSeries   *series,
                 guint        frame,
                 FrameSize   *sizes,
                 const char  *path,
                 LdaEdits   **edits,
                 GError     **error)
{
  const FrameSize *size;
  GStatBuf st;

  *edits = NULL;

  /* No header is read for the many frames that have no edits. */
  if (g_lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        return TRUE;
      g_set_error (error, LDA_ERROR, LDA_ERROR_READ, _("%s: cannot read the file: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  size = frame_size (series, frame, sizes);
  if (!size->known)
    {
      g_debug ("%s: not read: the size of its frame's images is not known", path);
      return TRUE;
    }

  return lda_project_read_edits (path, size->width, size->height, edits, error);
}

/* Damaged files found while loading: each is set aside at once, and the
 * first is reported. */
typedef struct
{
  char  *message;
  guint  count;
} Damage;

static void
note_damage (Damage     *damage,
             const char *path,
             GError     *problem)
{
  g_autoptr(GError) aside_error = NULL;
  g_autofree char *aside = NULL;

  if (!set_aside (path, &aside, &aside_error))
    g_debug ("%s", aside_error->message);

  if (damage->count++ == 0)
    damage->message = aside != NULL
                      ? g_strdup_printf (_("%s; kept as %s"), problem->message, aside)
                      : g_strdup (problem->message);
}

/**
 * lda_project_load:
 * @series: a series; receives what was saved
 * @folder: the project folder
 * @edits: (out) (transfer full) (element-type LdaEdits): one entry per
 *   frame of @series, its edits or %NULL
 * @error: return location for an error
 *
 * Applies the saved series parameters, and each saved frame's override
 * and state, matching frames by title: frames the file does not name are
 * automatic with no override, and saved frames the series lacks are
 * ignored (and kept in the file by the next save).  Each frame's edits
 * come with the size they were saved with; compare it with the images.
 * That size is compared with the frame's images (read from the TIFF
 * headers, the pages of a triple in one pass, only for frames that have
 * edits) before anything of that size is allocated: edits far larger
 * than their frame (lda-project-private.h) are taken for damaged, and
 * edits of a frame whose images cannot be read are not read (and stay as
 * they are).  Only regular files are read, of bounded size: a link, a
 * FIFO or a device where a file of the project belongs is damaged.
 * Temporary files left by a crash are never read.
 *
 * A missing project folder or file is not an error: nothing is applied
 * and every entry of @edits is %NULL.
 *
 * A damaged file (the ini or any edits file) fails the load with
 * %LDA_ERROR_CORRUPT, its message naming the file and where it was set
 * aside (<file>.damaged-<time>), and nothing is applied.  Every damaged
 * file is set aside at once, so that no save replaces it and so that
 * loading again gives everything that is intact: tell the person, then
 * load again.  A project from a newer version fails with
 * %LDA_ERROR_UNSUPPORTED and a file that cannot be read with
 * %LDA_ERROR_READ; neither is moved.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_project_load (LdaSeries   *series,
                  const char  *folder,
                  GPtrArray  **edits,
                  GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree SavedFrame *frames = NULL;
  g_autofree FrameSize *sizes = NULL;
  g_autofree char *path = NULL;
  Damage damage = { NULL, 0 };
  LdaParams params;
  guint n_frames;
  gboolean found = FALSE;

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_frames = lda_series_get_n_frames (series);
  frames = g_new0 (SavedFrame, n_frames);
  path = ini_path (folder, series);
  if (!read_ini (path, key_file, &found, &local_error) ||
      (found && !parse_ini (series, key_file, path, &params, frames, &local_error)))
    {
      if (!g_error_matches (local_error, LDA_ERROR, LDA_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      note_damage (&damage, path, local_error);
      g_clear_error (&local_error);
    }

  loaded = g_ptr_array_new_full (n_frames, (GDestroyNotify) lda_edits_free);
  sizes = g_new0 (FrameSize, n_frames);
  for (guint i = 0; i < n_frames; i++)
    {
      g_autofree char *file = edits_path (folder, series, i);
      LdaEdits *frame_edits = NULL;

      if (!load_edits_file (series, i, sizes, file, &frame_edits, &local_error))
        {
          if (!g_error_matches (local_error, LDA_ERROR, LDA_ERROR_CORRUPT))
            {
              g_free (damage.message);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          note_damage (&damage, file, local_error);
          g_clear_error (&local_error);
        }
      g_ptr_array_add (loaded, frame_edits);
    }

  if (damage.count > 0)
    {
      if (damage.count == 1)
        g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT, damage.message);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s (and %u more damaged file, also set aside)",
                                  "%s (and %u more damaged files, also set aside)",
                                  damage.count - 1),
                     damage.message, damage.count - 1);
      g_free (damage.message);
      return FALSE;
    }

  if (found)
    {
      lda_series_set_params (series, &params);
      for (guint i = 0; i < n_frames; i++)
        {
          lda_series_get_frame (series, i)->state = frames[i].state;
          lda_series_set_frame_override (series, i,
                                         frames[i].has_override ? &frames[i].override : NULL);
        }
    }

  *edits = g_steal_pointer (&loaded);
  return TRUE;
}
