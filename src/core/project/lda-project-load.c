/* lda-project-load.c — loading what a person did to a series: the ini
 * and every frame's edits, damaged files set aside
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-key-file.h"
#include "lda-project.h"
#include "lda-project-damage.h"
#include "lda-project-private.h"

/* Damaged files found while loading: each is set aside at once, and the
 * first is reported; or, reading only, each is left as it is, listed in
 * @kept and read as if it were not there. */
typedef struct
{
  char      *message;
  guint      count;
  GPtrArray *kept;
} Damage;

static void
note_damage (Damage     *damage,
             const char *path,
             int         frame,
             GError     *problem)
{
  g_autoptr(GError) aside_error = NULL;
  g_autofree char *aside = NULL;

  if (damage->kept != NULL)
    {
      LdaDamage *d = g_new0 (LdaDamage, 1);

      d->path = g_strdup (path);
      d->frame = frame;
      d->in_place = TRUE;
      g_ptr_array_add (damage->kept, d);
      g_debug ("%s", problem->message);
      return;
    }
  if (!lda_project_set_aside (path, &aside, &aside_error))
    g_debug ("%s", aside_error->message);

  if (damage->count++ == 0)
    damage->message = aside != NULL
                      ? g_strdup_printf (_("%s; kept as %s"), problem->message, aside)
                      : g_strdup (problem->message);
}

/* When the file at @path was last written, in ns; −1 when there is none. */
gint64
lda_project_modified_at (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_stat (path, &st) != 0)
    return -1;
  return (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

/* Of two paths (the second may be %NULL), the one of the newer file; the
 * first when neither exists or both are as old.  Takes both. */
char *
lda_project_newest_of (char *path,
                       char *other)
{
  if (other == NULL)
    return path;

  if (lda_project_modified_at (other) > lda_project_modified_at (path))
    {
      g_free (path);
      return other;
    }

  g_free (other);
  return path;
}

static gboolean
load_from (LdaSeries   *series,
           const char  *folder,
           const char  *other,
           GPtrArray  **edits,
           GKeyFile   **extra,
           GPtrArray   *kept,
           GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree LdaSavedFrame *frames = NULL;
  g_autofree LdaFrameSize *sizes = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *path = NULL;
  Damage damage = { NULL, 0, kept };
  LdaParams params;
  guint n_frames;
  gboolean found = FALSE;

  n_frames = lda_series_get_n_frames (series);
  frames = g_new0 (LdaSavedFrame, n_frames);
  path = lda_project_newest_of (lda_project_ini_path (folder, series),
                    other != NULL ? lda_project_ini_path (other, series) : NULL);
  if (!lda_project_read_ini (path, key_file, &found, &local_error) ||
      (found && !lda_project_parse_ini (series, key_file, path, &params, frames, &local_error)))
    {
      if (!g_error_matches (local_error, LDA_ERROR, LDA_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      note_damage (&damage, path, -1, local_error);
      g_clear_error (&local_error);
      /* Read as if there were none: the defaults. */
      found = FALSE;
      g_clear_pointer (&key_file, g_key_file_unref);
      key_file = g_key_file_new ();
    }

  loaded = g_ptr_array_new_full (n_frames, (GDestroyNotify) lda_edits_free);
  sizes = g_new0 (LdaFrameSize, n_frames);
  keys = lda_project_all_keys (series);
  for (guint i = 0; i < n_frames; i++)
    {
      g_autofree char *file = NULL;
      LdaEdits *frame_edits = NULL;

      file = lda_project_newest_of (lda_project_frame_edits_file (folder, series, i, keys),
                        other != NULL ? lda_project_frame_edits_file (other, series, i, keys)
                                      : NULL);

      if (!lda_project_load_frame_edits (series, i, sizes, file, &frame_edits, &local_error))
        {
          if (!g_error_matches (local_error, LDA_ERROR, LDA_ERROR_CORRUPT))
            {
              g_free (damage.message);
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          note_damage (&damage, file, (int) i, local_error);
          g_clear_error (&local_error);
          g_clear_pointer (&frame_edits, lda_edits_free);
        }
      g_ptr_array_add (loaded, frame_edits);
    }

  if (damage.count > 0 && kept == NULL)
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
  /* The triple's parameters where it was opened another way, if saved
   * since. */
  lda_project_adopt_siblings (series, folder, other, path);

  if (extra != NULL)
    {
      g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);

      *extra = g_key_file_new ();
      for (guint i = 0; found && groups[i] != NULL; i++)
        if (!g_str_equal (groups[i], LDA_PROJECT_GROUP) &&
            !g_str_has_prefix (groups[i], LDA_PROJECT_SERIES_PREFIX) &&
            !g_str_has_prefix (groups[i], LDA_PROJECT_FRAME_PREFIX))
          lda_key_file_copy_group (key_file, groups[i], *extra, groups[i]);
    }

  *edits = g_steal_pointer (&loaded);
  return TRUE;
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
 * and state, matching frames by key (the triple's name, and the page for
 * a page of a multi-page triple; by title for a project saved before
 * keys, when the frame has nothing under its key): frames the file does
 * not name are
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
  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_from (series, folder, NULL, edits, NULL, NULL, error);
}

/**
 * lda_project_load_location:
 * @series: a series; receives what was saved
 * @location: where the project is
 * @edits: (out) (transfer full) (element-type LdaEdits): one entry per
 *   frame of @series, its edits or %NULL
 * @extra: (out) (transfer full) (optional): the file's other groups, as
 *   given to lda_project_save_params_full()
 * @error: return location for an error
 *
 * As lda_project_load(), reading each file — the series' parameters and
 * each frame's edits — from whichever of @location's two places holds it
 * newest.  A project saved in the user data folder while the image folder
 * was read-only is found when the image folder is writable again, and the
 * other way round, so that no correction is ever left behind.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_project_load_location (LdaSeries                 *series,
                           const LdaProjectLocation  *location,
                           GPtrArray                **edits,
                           GKeyFile                 **extra,
                           GError                   **error)
{
  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (extra != NULL)
    *extra = NULL;

  return load_from (series, location->folder, location->other, edits, extra, NULL, error);
}

/**
 * lda_project_read_location:
 * @series: a series; receives what was saved
 * @location: where the project is
 * @edits: (out) (transfer full) (element-type LdaEdits): one entry per
 *   frame of @series, its edits or %NULL
 * @extra: (out) (transfer full) (optional): the file's other groups
 * @damaged: (out) (transfer full) (element-type LdaDamage): the damaged
 *   files, left where they are
 * @error: return location for an error
 *
 * As lda_project_load_location(), but reading only, for a program that
 * does not own the project (an export from the command line, which may
 * run while the window has it open): a damaged file is not set aside
 * but read as if it were not there — the default parameters, or no
 * edits for its frame — and listed in @damaged.
 *
 * Returns: %TRUE on success (damaged files or not)
 */
gboolean
lda_project_read_location (LdaSeries                 *series,
                           const LdaProjectLocation  *location,
                           GPtrArray                **edits,
                           GKeyFile                 **extra,
                           GPtrArray                **damaged,
                           GError                   **error)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_damage_free);

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);
  g_return_val_if_fail (damaged != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (extra != NULL)
    *extra = NULL;
  if (!load_from (series, location->folder, location->other, edits, extra, kept, error))
    return FALSE;
  *damaged = g_steal_pointer (&kept);
  return TRUE;
}
