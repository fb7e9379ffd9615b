/* lda-channel-store.c — the channel maps a person gave, kept with the
 * project
 *
 * When the channels of a multi-channel file cannot be told by their names,
 * the person says which is which once; the answer is kept in the project
 * folder beside the images, <folder>/livedead-project/channels.ini:
 *
 *   [A1.tif]
 *   map=bf=2,hoechst=1,draq7=3
 *
 * so that opening the file again (in the window or with the command's
 * --channels left out) needs no second answer.  The file is replaced
 * atomically; other files' groups are kept.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-atomic-file.h"
#include "lda-channel-store.h"
#include "lda-error.h"
#include "lda-key-file.h"
#include "lda-project.h"

#define STORE_NAME "channels.ini"

static char *
store_path (const char *image)
{
  g_autofree char *dir = g_path_get_dirname (image);

  return g_build_filename (dir, LDA_PROJECT_FOLDER_NAME, STORE_NAME, NULL);
}

/**
 * lda_channel_store_load:
 * @image: a multi-channel file
 * @map: (out caller-allocates): the map kept for it
 * @error: return location for an error
 *
 * Returns: %TRUE if a map is kept for @image; %FALSE without an error
 *   when none is, with one when the store is damaged
 */
gboolean
lda_channel_store_load (const char     *image,
                        LdaChannelMap  *map,
                        GError        **error)
{
  g_autofree char *path = store_path (image);
  g_autofree char *base = g_path_get_basename (image);
  g_autofree char *text = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  if (!lda_key_file_load (keys, path, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, error))
    return FALSE;

  text = g_key_file_get_string (keys, base, "map", NULL);
  if (text == NULL)
    return FALSE;
  if (!lda_channel_map_parse (text, map, &local_error))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT, "%s: [%s]: %s", path, base,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_channel_store_save:
 * @image: a multi-channel file
 * @map: which of its channels is which
 * @error: return location for an error
 *
 * Returns: %TRUE if the map is kept
 */
gboolean
lda_channel_store_save (const char           *image,
                        const LdaChannelMap  *map,
                        GError              **error)
{
  g_autofree char *path = store_path (image);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (image);
  g_autofree char *text = lda_channel_map_to_string (map);
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  gsize length = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS) &&
      !lda_key_file_load (keys, path, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, error))
    return FALSE;
  if (!lda_atomic_file_make_folder (folder, error))
    return FALSE;

  g_key_file_set_string (keys, base, "map", text);
  data = g_key_file_to_data (keys, &length, NULL);

  return lda_atomic_file_write (path, data, length, error);
}
