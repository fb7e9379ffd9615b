/* lda-error.c
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-error.h"

G_DEFINE_QUARK (lda-error-quark, lda_error)

/**
 * lda_key_file_load:
 * @key_file: where to load
 * @path: a key file
 * @damaged_code: the #LdaError code for a file that is not a key file
 * @error: return location for an error
 *
 * Loads @path with the error a person can act on: %LDA_ERROR_NOT_FOUND,
 * %LDA_ERROR_READ or @damaged_code, the message naming @path.  GLib quotes
 * the offending line of a damaged file as it is, in whatever encoding;
 * the message is made valid UTF-8 so that it can be shown and logged.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_key_file_load (GKeyFile   *key_file,
                   const char *path,
                   int         damaged_code,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  int code = damaged_code;

  if (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    code = LDA_ERROR_NOT_FOUND;
  else if (local_error->domain == G_FILE_ERROR)
    code = LDA_ERROR_READ;

  message = g_utf8_make_valid (local_error->message, -1);
  g_set_error (error, LDA_ERROR, code, "%s: %s", path, message);
  return FALSE;
}
