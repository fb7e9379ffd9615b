/* lda-atomic-file.c — replacing a file whole, through a temporary file of
 * our own
 *
 * A file is never written in place: the new contents go into a temporary
 * file beside the target, ".livedead-tmp-<target>-XXXXXX", which is synced
 * to disk and renamed over the target; then the folder is synced, so that
 * the rename itself survives a power cut.  A crash leaves the old file or
 * the new one, never a mix, and at worst a temporary file.
 *
 * The prefix is ours alone.  Clean-up removes only names of that form,
 * only regular files this user owns, and only once they are old enough
 * that no save can still be writing them: a person's own "x.ini.backup"
 * or "x.edits.orig01" beside our files is never touched.
 *
 * Every file of the project, the exports and the command's outputs is
 * written through here (TIFF images through lda_atomic_file_open_temp(),
 * since libtiff writes them on a descriptor of ours).
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

#include "lda-atomic-file.h"
#include "lda-error.h"

/* The part of the target's name that goes into a temporary name, so that
 * prefix, name and random part stay under the usual 255-byte limit. */
#define TEMP_BASE_MAX 180

/* "<prefix><first bytes of the target's name>-" */
static char *
temp_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strlen (base) > TEMP_BASE_MAX)
    base[TEMP_BASE_MAX] = '\0';

  return g_strconcat (LDA_ATOMIC_TEMP_PREFIX, base, "-", NULL);
}

static void
set_write_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
               path, g_strerror (saved_errno));
}

/**
 * lda_atomic_file_sync_folder:
 * @folder: a folder in which a file was just renamed
 *
 * Makes the rename durable.  Failure is not worth reporting: the file is
 * complete either way, and some file systems refuse to sync folders.
 */
void
lda_atomic_file_sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * lda_atomic_file_open_temp:
 * @path: the file to replace
 * @temp_path: (out) (transfer full): the temporary file made
 * @error: return location for an error
 *
 * Creates an empty temporary file of ours beside @path, with the
 * permissions of any new file (0666 through the umask).  Write it, then
 * call lda_atomic_file_commit() or lda_atomic_file_abandon().
 *
 * Returns: its descriptor, or -1 with %LDA_ERROR_WRITE naming @path
 */
int
lda_atomic_file_open_temp (const char  *path,
                           char       **temp_path,
                           GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *stem = temp_stem (path);
  g_autofree char *name = g_strconcat (stem, "XXXXXX", NULL);
  g_autofree char *temp = g_build_filename (folder, name, NULL);
  int fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (temp_path != NULL, -1);

  /* g_mkstemp would make the file private (0600). */
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return -1;
    }

  *temp_path = g_steal_pointer (&temp);
  return fd;
}

/**
 * lda_atomic_file_abandon:
 * @fd: the descriptor from lda_atomic_file_open_temp(), or -1
 * @temp_path: (nullable): the temporary file
 *
 * Closes and removes the temporary file; the target is left as it was.
 */
void
lda_atomic_file_abandon (int         fd,
                         const char *temp_path)
{
  if (fd >= 0)
    close (fd);
  if (temp_path != NULL)
    g_unlink (temp_path);
}

/**
 * lda_atomic_file_commit:
 * @fd: the descriptor from lda_atomic_file_open_temp(), written in full;
 *   closed in every case
 * @temp_path: the temporary file
 * @path: the file to replace
 * @error: return location for an error
 *
 * Syncs the temporary file, renames it over @path and syncs the folder.
 * On failure the temporary file is removed and @path is left as it was.
 *
 * Returns: %TRUE on success; otherwise %LDA_ERROR_WRITE naming @path
 */
gboolean
lda_atomic_file_commit (int          fd,
                        const char  *temp_path,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *folder = NULL;
  int saved_errno = 0;

  if (fsync (fd) != 0)
    saved_errno = errno;

  /* On Linux the descriptor is released even when close() fails with
   * EINTR, and nothing more is buffered after the fsync; only a real
   * error counts. */
  if (close (fd) != 0 && errno != EINTR && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno == 0 && g_rename (temp_path, path) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (temp_path);
      set_write_error (error, path, saved_errno);
      return FALSE;
    }

  folder = g_path_get_dirname (path);
  lda_atomic_file_sync_folder (folder);
  return TRUE;
}

/**
 * lda_atomic_file_write:
 * @path: the file to create or replace
 * @data: (array length=length): the contents
 * @length: their length in bytes
 * @error: return location for an error
 *
 * Replaces @path by @data atomically: a temporary file of ours beside it,
 * written, synced and renamed over it.
 *
 * Returns: %TRUE on success; otherwise %LDA_ERROR_WRITE naming @path and
 *   the reason ("File too large" for a full quota or a file size limit),
 *   no temporary file is left and @path is as it was
 */
gboolean
lda_atomic_file_write (const char     *path,
                       gconstpointer   data,
                       gsize           length,
                       GError        **error)
{
  g_autofree char *temp_path = NULL;
  const guint8 *bytes = data;
  gsize done = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = lda_atomic_file_open_temp (path, &temp_path, error);
  if (fd < 0)
    return FALSE;

  while (done < length)
    {
      ssize_t n = write (fd, bytes + done, MIN (length - done, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved_errno = n < 0 ? errno : EIO;

          lda_atomic_file_abandon (fd, temp_path);
          set_write_error (error, path, saved_errno);
          return FALSE;
        }
      done += (gsize) n;
    }

  return lda_atomic_file_commit (fd, temp_path, path, error);
}

/**
 * lda_atomic_file_is_temp_of:
 * @name: a file name, without folder
 * @path: a target
 *
 * Returns: %TRUE if @name has the form of a temporary file of @path made
 *   by lda_atomic_file_open_temp()
 */
gboolean
lda_atomic_file_is_temp_of (const char *name,
                            const char *path)
{
  g_autofree char *stem = temp_stem (path);
  gsize stem_len = strlen (stem);

  if (strncmp (name, stem, stem_len) != 0 || strlen (name) != stem_len + 6)
    return FALSE;

  for (gsize i = stem_len; i < stem_len + 6; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;

  return TRUE;
}

/**
 * lda_atomic_file_remove_stale:
 * @path: a target
 *
 * Removes the temporary files of @path that a process left when it died
 * while writing: names of our form only, regular files only (a link is
 * never followed), owned by this user, and older than
 * %LDA_ATOMIC_STALE_SECONDS.
 */
void
lda_atomic_file_remove_stale (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *temp = NULL;
      GStatBuf st;

      if (!lda_atomic_file_is_temp_of (name, path))
        continue;

      temp = g_build_filename (folder, name, NULL);
      if (g_lstat (temp, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid () &&
          (gint64) st.st_mtime + LDA_ATOMIC_STALE_SECONDS < now)
        g_unlink (temp);
    }
}

/**
 * lda_atomic_file_make_folder:
 * @path: a folder
 * @error: return location for an error
 *
 * Creates @path and its parents where missing.
 *
 * Returns: %TRUE if @path is a folder now; otherwise %LDA_ERROR_WRITE
 *   naming it
 */
gboolean
lda_atomic_file_make_folder (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  /* g_mkdir_with_parents() fails with ENOTDIR where a file is in the way. */
  if (g_mkdir_with_parents (path, 0777) != 0)
    {
      int saved_errno = errno;
      GStatBuf st;

      /* Say what is in the way, where it is the folder itself. */
      if (saved_errno == ENOTDIR && g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
        g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE,
                     _("%s: a file is there, not a folder; choose another folder"), path);
      else if (saved_errno == ENOTDIR && g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
        g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE,
                     _("%s: a link to no folder is there; choose another folder"), path);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot create the folder: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
