/* lda-window-open.c — opening what the person chose: a folder, a triple, one file
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-window-private.h"

/**
 * lda_window_open:
 * @self: a window
 * @files: (array length=n_files): a folder, the three images of a triple,
 *   or one image: a multi-channel file, or a file whose siblings hold the
 *   other channels
 * @n_files: how many
 * @is_sample: whether this is the bundled sample
 *
 * Opens what the person chose.  If it cannot be used, a message names the
 * file and the problem and what was open stays open.
 *
 * Returns: %TRUE if it was opened
 */
gboolean
lda_window_open (LdaWindow *self,
                 GFile    **files,
                 guint      n_files,
                 gboolean   is_sample)
{
  g_autoptr(GError) error = NULL;
  LdaSeries *series = NULL;
  GFile *recent = NULL;

  if (n_files == 1 && g_file_query_file_type (files[0], G_FILE_QUERY_INFO_NONE, NULL)
                      == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *path = g_file_get_path (files[0]);

      series = lda_series_new_from_folder (path, &error);
      if (!is_sample)
        recent = files[0];
    }
  else
    {
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < n_files; i++)
        g_ptr_array_add (paths, g_file_get_path (files[i]));
      series = lda_series_new_from_files ((const char * const *) paths->pdata, paths->len,
                                          &error);
    }

  /* Channels that cannot be told by name: ask, then open. */
  if (series == NULL && n_files == 1 && g_error_matches (error, LDA_ERROR, LDA_ERROR_CHANNELS))
    {
      g_autofree char *path = g_file_get_path (files[0]);

      if (lda_window_ask_channels (self, path))
        return FALSE;
    }

  if (series == NULL)
    {
      lda_window_post_open_error (self, error->message);
      return FALSE;
    }

  return lda_window_begin_open (self, series, is_sample, recent);
}

/**
 * lda_window_open_series:
 * @self: a window showing a series
 * @name: another well or position of its folder
 *
 * Opens that series in place of the one shown.
 *
 * Returns: %TRUE if it is being opened
 */
gboolean
lda_window_open_series (LdaWindow  *self,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  LdaSeries *series;

  g_return_val_if_fail (self->series != NULL, FALSE);

  series = lda_series_new_from_folder_full (lda_series_get_folder (self->series), name,
                                            NULL, &error);
  if (series == NULL)
    {
      lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_ERROR, error->message);
      return FALSE;
    }

  return lda_window_begin_open (self, series, FALSE, NULL);
}
