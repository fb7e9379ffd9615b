/* lda-time-store.c — the time between frames a person gave, kept with the
 * project
 *
 * Files that do not say when their frames were taken are placed at their
 * time index times an interval the person gives (the window's Time
 * Between Frames…, the command's --interval).  The window's answer is kept
 * beside the images, in <folder>/livedead-project/time.ini, a group per
 * series:
 *
 *   [run Pos0]
 *   interval_hours=2
 *
 * so that the window, `livedead export` and `livedead batch` place the
 * series' frames alike.  The file is replaced atomically; other series'
 * groups are kept.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-file-read.h"
#include "lda-key-file.h"
#include "lda-project.h"
#include "lda-time-store.h"

#define STORE_NAME "time.ini"
#define KEY "interval_hours"

static char *
store_path (const char *folder)
{
  return g_build_filename (folder, LDA_PROJECT_FOLDER_NAME, STORE_NAME, NULL);
}

/**
 * lda_time_store_load:
 * @folder: the images' folder
 * @series: the series' name (lda_series_get_name())
 * @hours: (out): the time between its frames
 * @error: return location for an error
 *
 * Returns: %TRUE if an interval is kept for @series; %FALSE without an
 *   error when none is, with one (naming the file) when the store is
 *   damaged
 */
gboolean
lda_time_store_load (const char  *folder,
                     const char  *series,
                     double      *hours,
                     GError     **error)
{
  g_autofree char *path = store_path (folder);
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  char *end = NULL;
  double value;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  if (!lda_key_file_load (keys, path, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, error))
    return FALSE;

  text = g_key_file_get_value (keys, series, KEY, NULL);
  if (text == NULL)
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value <= 0.0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: [%s] %s=%s is not a time between frames in hours"),
                   path, series, KEY, text);
      return FALSE;
    }

  *hours = value;
  return TRUE;
}

/**
 * lda_time_store_save:
 * @folder: the images' folder
 * @series: the series' name
 * @hours: the time between its frames, in hours
 * @error: return location for an error
 *
 * Returns: %TRUE if the interval is kept
 */
gboolean
lda_time_store_save (const char  *folder,
                     const char  *series,
                     double       hours,
                     GError     **error)
{
  g_autofree char *path = store_path (folder);
  g_autofree char *project = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  char value[G_ASCII_DTOSTR_BUF_SIZE];
  gsize length = 0;

  g_return_val_if_fail (isfinite (hours) && hours > 0.0, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS) &&
      !lda_key_file_load (keys, path, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, error))
    return FALSE;
  if (!lda_atomic_file_make_folder (project, error))
    return FALSE;

  g_key_file_set_value (keys, series, KEY, lda_ascii_dtostr_short (value, hours));
  data = g_key_file_to_data (keys, &length, NULL);

  return lda_atomic_file_write (path, data, length, error);
}
