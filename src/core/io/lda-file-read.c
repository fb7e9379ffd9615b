/* lda-file-read.c — reading a whole file that may be anything: regular
 * files only, and only up to a size
 *
 * Parameter files, project files and edits files are read whole.  What
 * stands at their path is not always a file of a few kilobytes: a FIFO
 * would block the open for ever, a link to /dev/zero or a huge file would
 * be read until memory runs out.  So the file is opened without blocking,
 * refused unless it is a regular file (and, for files of ours, unless it
 * is one itself rather than a link to something), and refused when it is
 * larger than such a file can be, before it is read.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-file-read.h"

static void
set_too_large (GError    **error,
               int         code,
               const char *path,
               gsize       max_bytes)
{
  g_autofree char *limit = g_format_size (max_bytes);

  g_set_error (error, LDA_ERROR, code,
               _("%s: larger than a file of this kind can be (%s); it is not read"),
               path, limit);
}

/**
 * lda_file_read:
 * @path: a file
 * @max_bytes: the most it may hold
 * @flags: whether a symbolic link is followed
 * @damaged_code: the #LdaError code for something that is not a regular
 *   file, or too large
 * @error: return location for an error
 *
 * Reads @path whole, if it is a regular file of at most @max_bytes.
 * Never blocks on a FIFO or a device, and never reads more than
 * @max_bytes + 1 bytes, even from a file that grows meanwhile.
 *
 * Returns: (transfer full) (nullable): the contents; %NULL with
 *   %LDA_ERROR_NOT_FOUND, %LDA_ERROR_READ or @damaged_code, the message
 *   naming @path
 */
GBytes *
lda_file_read (const char    *path,
               gsize          max_bytes,
               LdaReadFlags   flags,
               int            damaged_code,
               GError       **error)
{
  int open_flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  g_autofree guint8 *data = NULL;
  struct stat st;
  gsize length = 0;
  gsize allocated;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_bytes < G_MAXSIZE, NULL);

  if (flags & LDA_READ_NO_FOLLOW)
    open_flags |= O_NOFOLLOW;

  fd = g_open (path, open_flags, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND,
                     _("%s: the file does not exist"), path);
      else if (saved_errno == ELOOP && (flags & LDA_READ_NO_FOLLOW))
        g_set_error (error, LDA_ERROR, damaged_code,
                     _("%s: a symbolic link, where a file of this program belongs; "
                       "it is not followed"), path);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                     _("%s: cannot open the file: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, LDA_ERROR, damaged_code,
                   _("%s: not a regular file; it is not read"), path);
      return NULL;
    }
  if ((guint64) st.st_size > max_bytes)
    {
      close (fd);
      set_too_large (error, damaged_code, path, max_bytes);
      return NULL;
    }

  /* One byte more than allowed, to see a file that grew past the limit. */
  allocated = (gsize) st.st_size + 1;
  data = g_malloc (allocated);
  for (;;)
    {
      ssize_t n;

      if (length == allocated)
        {
          if (allocated > max_bytes)
            {
              close (fd);
              set_too_large (error, damaged_code, path, max_bytes);
              return NULL;
            }
          allocated = MIN (MAX (allocated * 2, 4096), max_bytes + 1);
          data = g_realloc (data, allocated);
        }

      n = read (fd, data + length, allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                       _("%s: cannot read the file: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
    }

  close (fd);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/**
 * lda_file_fingerprint:
 * @path: a file
 *
 * What tells a file from one put in its place since: its size and a
 * 64-bit hash of its bytes, as text.  The same bytes give the same text,
 * wherever and whenever it is made.
 *
 * Returns: (transfer full) (nullable): the fingerprint, or %NULL if @path
 *   is not a regular file (a link is not followed) or cannot be read
 */
char *
lda_file_fingerprint (const char *path)
{
  g_autoptr(GMappedFile) mapped = NULL;
  const guint64 prime = G_GUINT64_CONSTANT (0x100000001b3);
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const guint8 *bytes;
  gsize n, i = 0;
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;
  if (st.st_size > 0 && (mapped = g_mapped_file_new (path, FALSE, NULL)) == NULL)
    return NULL;
  bytes = mapped != NULL ? (const guint8 *) g_mapped_file_get_contents (mapped) : NULL;
  n = mapped != NULL ? g_mapped_file_get_length (mapped) : 0;
  /* Eight bytes a step, then the rest one by one. */
  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, bytes + i, 8);
      h = (h ^ w) * prime;
      h ^= h >> 29;
    }
  for (; i < n; i++)
    h = (h ^ bytes[i]) * prime;

  return g_strdup_printf ("%" G_GSIZE_FORMAT " %016" G_GINT64_MODIFIER "x", n, h);
}
