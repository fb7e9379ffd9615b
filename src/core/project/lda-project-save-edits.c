/* lda-project-save-edits.c — saving a frame's corrections to its edits
 * file, and removing the file once they are all undone
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
#include "lda-project.h"
#include "lda-project-private.h"

static gboolean
remove_edits_file (const char  *path,
                   GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT && errno != ENOTDIR)
    {
      int saved_errno = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot remove: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
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
 * Saves one frame's edits to <folder>/edits/<key>.edits (the triple's
 * name, and the page for a page of a multi-page triple), replacing it
 * atomically; the file of the frame under its title, from before keys,
 * is removed, and no other frame's file is touched.  When @edits is %NULL
 * or holds no edit the file is removed instead.  Of @series only the
 * names, the frames' titles, triples and pages are read, which do not
 * change, so a worker thread may save a copy of the edits while the
 * person goes on.
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
  g_autoptr(GHashTable) keys = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *key = NULL;
  g_autofree char *legacy = NULL;
  g_autofree char *path = NULL;
  g_autofree char *legacy_path = NULL;
  gboolean empty = TRUE;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (frame < lda_series_get_n_frames (series), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  keys = lda_project_all_keys (series);
  key = lda_project_frame_key (series, frame);
  legacy = lda_project_legacy_key (series, frame, keys);
  path = lda_project_edits_path (folder, key);
  legacy_path = legacy != NULL ? lda_project_edits_path (folder, legacy) : NULL;
  if (edits != NULL && !lda_project_scan_edits (edits, path, &empty, error))
    return FALSE;

  if (edits == NULL || empty)
    {
      /* Under the old name too, or they would come back at the next load. */
      if (!remove_edits_file (path, error) ||
          (legacy_path != NULL && !remove_edits_file (legacy_path, error)))
        return FALSE;
      lda_atomic_file_remove_stale (path);
      return TRUE;
    }

  dir = lda_project_edits_folder (folder);
  if (!lda_atomic_file_make_folder (dir, error))
    return FALSE;

  bytes = lda_edits_serialize (edits);
  if (bytes == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED, _("%s: cannot encode the edits"), path);
      return FALSE;
    }

  if (!lda_project_write_atomically (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  /* The file under the frame's title, from before keys, is replaced by
   * this one; that file, and no other, goes. */
  return legacy_path == NULL || remove_edits_file (legacy_path, error);
}

/* The frame size the edits file at @path states, from its header alone. */
static gboolean
peek_file_size (const char *path,
                guint      *width,
                guint      *height)
{
  guint8 header[16];
  FILE *file = g_fopen (path, "rbe");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fread (header, 1, sizeof header, file) == sizeof header;
  fclose (file);
  if (!ok)
    return FALSE;

  *width = (guint) header[8] | (guint) header[9] << 8 | (guint) header[10] << 16 |
           (guint) header[11] << 24;
  *height = (guint) header[12] | (guint) header[13] << 8 | (guint) header[14] << 16 |
            (guint) header[15] << 24;
  return *width > 0 && *height > 0;
}

/**
 * lda_project_save_frame_edits:
 * @location: where the project is
 * @series: a series
 * @frame: the index of a frame of @series
 * @edits: (nullable): the frame's edits
 * @error: return location for an error
 *
 * As lda_project_save_edits() into @location's folder, with one
 * difference: when the frame has no edits and @location's other place
 * still holds a file of the frame's edits, an empty edits file is written
 * instead of removing ours, so that the older file over there never comes
 * back as the newest (lda_project_load_location()).
 *
 * Returns: %TRUE on success
 */
gboolean
lda_project_save_frame_edits (const LdaProjectLocation  *location,
                              LdaSeries                 *series,
                              guint                      frame,
                              const LdaEdits            *edits,
                              GError                   **error)
{
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(LdaEdits) empty = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *elsewhere = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  guint width = 0, height = 0;

  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (frame < lda_series_get_n_frames (series), FALSE);

  if ((edits != NULL && lda_edits_count (edits) > 0) || location->other == NULL)
    return lda_project_save_edits (location->folder, series, frame, edits, error);

  keys = lda_project_all_keys (series);
  elsewhere = lda_project_frame_edits_file (location->other, series, frame, keys);
  if (!g_file_test (elsewhere, G_FILE_TEST_EXISTS))
    return lda_project_save_edits (location->folder, series, frame, NULL, error);

  /* An empty layer of the frame's size, as the file over there states it
   * when this session never had one. */
  if (edits != NULL)
    {
      width = edits->width;
      height = edits->height;
    }
  else if (!peek_file_size (elsewhere, &width, &height) ||
           (guint64) width * height > (G_GUINT64_CONSTANT (1) << 28))
    width = height = 1;
  empty = lda_edits_new (width, height, error);
  if (empty == NULL)
    return FALSE;

  path = lda_project_frame_edits_path (location->folder, series, frame);
  dir = lda_project_edits_folder (location->folder);
  if (!lda_atomic_file_make_folder (dir, error))
    return FALSE;
  bytes = lda_edits_serialize (empty);
  if (bytes == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED, _("%s: cannot encode the edits"), path);
      return FALSE;
    }

  return lda_project_write_atomically (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           error);
}
