/* lda-key-file.c — reading parameter and project key files safely
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lda-error.h"
#include "lda-key-file.h"

/* Most of a message: a bad line of a key file is quoted whole by GLib. */
#define MESSAGE_HEAD_CHARS 100
#define MESSAGE_TAIL_CHARS 80

/* @message (valid UTF-8), with its middle cut out when it is long: the
 * start names the problem and the end explains it, the line quoted in
 * between is shown in part. */
static char *
shorten (const char *message)
{
  glong n = g_utf8_strlen (message, -1);
  const char *head_end, *tail;

  if (n <= MESSAGE_HEAD_CHARS + MESSAGE_TAIL_CHARS + 20)
    return g_strdup (message);

  head_end = g_utf8_offset_to_pointer (message, MESSAGE_HEAD_CHARS);
  tail = g_utf8_offset_to_pointer (message, n - MESSAGE_TAIL_CHARS);
  return g_strdup_printf ("%.*s…%s", (int) (head_end - message), message, tail);
}

/**
 * lda_key_file_load:
 * @key_file: where to load
 * @path: a key file
 * @flags: %LDA_READ_NO_FOLLOW for a file of ours, so that a symbolic link
 *   in its place is refused
 * @damaged_code: the #LdaError code for a file that is not a key file
 * @error: return location for an error
 *
 * The one place key files are read.  Loads @path with the error a person
 * can act on: %LDA_ERROR_NOT_FOUND, %LDA_ERROR_READ or @damaged_code, the
 * message naming @path.  Only a regular file of at most
 * %LDA_KEY_FILE_MAX_BYTES is read (lda_file_read()): a FIFO, a device or
 * a huge file is refused with @damaged_code.  GLib quotes the offending
 * line of a damaged file as it is, in whatever encoding and at whatever
 * length: the message is made valid UTF-8, so that it can be shown and
 * logged, and a long one is cut in the middle.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_key_file_load (GKeyFile     *key_file,
                   const char   *path,
                   LdaReadFlags  flags,
                   int           damaged_code,
                   GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;
  const char *data;

  bytes = lda_file_read (path, LDA_KEY_FILE_MAX_BYTES, flags, damaged_code, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  if (g_key_file_load_from_data (key_file, data != NULL ? data : "", length, G_KEY_FILE_NONE,
                                 &local_error))
    return TRUE;

  valid = g_utf8_make_valid (local_error->message, -1);
  message = shorten (valid);
  g_set_error (error, LDA_ERROR, damaged_code, "%s: %s", path, message);
  return FALSE;
}

/**
 * lda_key_file_copy_group:
 * @from: a key file
 * @from_group: a group of @from
 * @to: another key file, or @from
 * @to_group: the group of @to that gets the keys
 *
 * Copies every key of @from_group into @to_group, as it is written, with
 * its comment.
 */
void
lda_key_file_copy_group (GKeyFile   *from,
                         const char *from_group,
                         GKeyFile   *to,
                         const char *to_group)
{
  g_auto(GStrv) keys = g_key_file_get_keys (from, from_group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (from, from_group, keys[i], NULL);
      g_autofree char *comment = g_key_file_get_comment (from, from_group, keys[i], NULL);

      if (value != NULL)
        g_key_file_set_value (to, to_group, keys[i], value);
      /* Where the key was written (lda_params_key_line()), if it is known. */
      if (value != NULL && comment != NULL && comment[0] != '\0')
        g_key_file_set_comment (to, to_group, keys[i], comment, NULL);
    }
}

/**
 * lda_ascii_dtostr_short:
 * @buffer: at least %G_ASCII_DTOSTR_BUF_SIZE bytes
 * @value: a finite number
 *
 * @value in the C locale with the fewest significant digits, 15 to 17,
 * that read back as the same double: 0.65, not 0.65000000000000002 as
 * g_ascii_dtostr() writes it.
 *
 * Returns: @buffer
 */
char *
lda_ascii_dtostr_short (char   *buffer,
                        double  value)
{
  static const char * const formats[] = { "%.15g", "%.16g" };

  g_return_val_if_fail (buffer != NULL, NULL);

  if (isfinite (value))
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
        if (g_ascii_strtod (buffer, NULL) == value)
          return buffer;
      }

  return g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, value);
}

/**
 * lda_key_file_set_double:
 * @key_file: a key file
 * @group: its group
 * @key: the key
 * @value: a finite number
 *
 * g_key_file_set_double() with lda_ascii_dtostr_short()'s digits: a
 * parameter a person typed as 0.65 reads 0.65 in the file.
 */
void
lda_key_file_set_double (GKeyFile   *key_file,
                         const char *group,
                         const char *key,
                         double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_key_file_set_value (key_file, group, key, lda_ascii_dtostr_short (buffer, value));
}
