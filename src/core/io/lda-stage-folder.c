/* lda-stage-folder.c — the hidden folders file sets stage their files in
 *
 * A staging folder is named ".livedead-stage-<pid>-<namespace>-<host>-XXXXXX":
 * the process that made it, the inode of its PID namespace and the
 * machine's name.  Output folders are often on file systems shared by
 * several machines (a cluster's batch jobs) or containers, where a PID
 * means nothing: only a folder made on this machine, in this PID
 * namespace, by a process that is gone is known to be abandoned, and is
 * removed when the next set is made in the same folder.  Any other
 * (another machine's, one of the older name form) is left alone until it
 * has not changed for a day.
 *
 * Removing never follows a symbolic link, and removes only what this
 * program makes: a folder of this user holding nothing but regular files
 * of this user, one of them the mark each staging folder is made with
 * (LDA_STAGE_MARK).  A link planted under a staging folder's name, or
 * inside one, would otherwise make the clean-up delete whatever it points
 * to, and a person's own folder that happens to bear such a name would be
 * deleted with what is in it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-stage-folder.h"

#define HOST_MAX 64
#define MARK_TEXT "livedead writes files here, and removes this folder when done\n"

/* "<namespace>-<host>": where the process that makes a staging folder
 * runs.  The host name is reduced to characters safe in a file name. */
static char *
this_place (void)
{
  GStatBuf st;
  guint64 ns = g_stat ("/proc/self/ns/pid", &st) == 0 ? (guint64) st.st_ino : 0;
  GString *place = g_string_new (NULL);
  const char *host = g_get_host_name ();

  g_string_printf (place, "%" G_GUINT64_FORMAT "-", ns);
  for (guint i = 0; host[i] != '\0' && i < HOST_MAX; i++)
    {
      char c = host[i];

      g_string_append_c (place, g_ascii_isalnum (c) || c == '.' || c == '-' ? c : '_');
    }

  return g_string_free (place, FALSE);
}

/* Whether the staging folder @name (@st, not followed) was abandoned. */
static gboolean
is_abandoned (const char      *name,
              const char      *place,
              const GStatBuf  *st)
{
  const char *rest = name + strlen (LDA_STAGE_PREFIX);
  gsize place_len = strlen (place);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char *end = NULL;
  guint64 pid;

  pid = g_ascii_strtoull (rest, &end, 10);
  if (end != rest && *end == '-' && pid > 0 && pid <= G_MAXINT &&
      strncmp (end + 1, place, place_len) == 0 && end[1 + place_len] == '-' &&
      strlen (end + 2 + place_len) == 6)
    {
      /* Ours, on this machine: abandoned if its process is gone.  Another
       * thread of this process may be staging in it right now. */
      if ((pid_t) pid == getpid ())
        return FALSE;
      return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
    }

  return (gint64) st->st_mtime + LDA_STAGE_MAX_AGE_SECONDS < now;
}

/* Removes the staging folder @name in the folder open as @parent_fd,
 * never following a link.  For @own, the caller's own folder, every entry
 * but a folder is removed (a link is removed, not followed); otherwise
 * only a folder of this user that holds nothing but regular files of
 * this user, the mark among them, is removed, and anything else is left
 * as it is. */
static void
remove_at (int         parent_fd,
           const char *name,
           gboolean    own)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  gboolean removable = TRUE, marked = FALSE;
  struct stat st;
  struct dirent *entry;
  DIR *dir;
  int fd;

  fd = openat (parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return;
  if (fstat (fd, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != geteuid ())
    {
      close (fd);
      return;
    }
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      if (g_str_equal (entry->d_name, ".") || g_str_equal (entry->d_name, ".."))
        continue;
      if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        removable = FALSE;
      else if (!own && (!S_ISREG (st.st_mode) || st.st_uid != geteuid ()))
        removable = FALSE;
      else
        {
          marked = marked || g_str_equal (entry->d_name, LDA_STAGE_MARK);
          g_ptr_array_add (entries, g_strdup (entry->d_name));
        }
    }
  /* Not made by this program: not ours to remove, unless it is empty
   * (as when a process died between making it and marking it). */
  if (!own && !marked && entries->len > 0)
    removable = FALSE;

  /* The mark last: a process killed meanwhile leaves a folder that is
   * still marked, or empty. */
  if (removable || own)
    {
      for (guint i = 0; i < entries->len; i++)
        if (!g_str_equal (g_ptr_array_index (entries, i), LDA_STAGE_MARK))
          unlinkat (dirfd (dir), g_ptr_array_index (entries, i), 0);
      unlinkat (dirfd (dir), LDA_STAGE_MARK, 0);
    }
  closedir (dir);

  if (removable)
    unlinkat (parent_fd, name, AT_REMOVEDIR);
}

/* Removes the abandoned staging folders in @folder. */
static void
remove_abandoned (const char *folder)
{
  g_autofree char *place = this_place ();
  struct dirent *entry;
  DIR *dir;
  int fd;

  fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    return;
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      close (fd);
      return;
    }

  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st;

      if (!g_str_has_prefix (entry->d_name, LDA_STAGE_PREFIX))
        continue;
      /* A link, or anything not a folder of ours, is not a staging folder. */
      if (fstatat (dirfd (dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
          !S_ISDIR (st.st_mode) || st.st_uid != geteuid ())
        continue;
      if (is_abandoned (entry->d_name, place, &st))
        remove_at (dirfd (dir), entry->d_name, FALSE);
    }

  closedir (dir);
}

/* Writes @text to @fd whole; on failure errno says why (a write that
 * stops short is asked again, to learn why). */
static gboolean
write_all (int         fd,
           const char *text)
{
  gsize left = strlen (text);

  while (left > 0)
    {
      gssize n = write (fd, text, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      text += n;
      left -= (gsize) n;
    }

  return TRUE;
}

/**
 * lda_stage_folder_make:
 * @folder: an output folder, which exists
 * @error: return location for an error
 *
 * Removes the abandoned staging folders in @folder, then makes a new one,
 * private to this user, with its mark in it.
 *
 * Returns: (transfer full) (nullable): its path; %NULL with
 *   %LDA_ERROR_WRITE naming @folder when it cannot be made
 */
char *
lda_stage_folder_make (const char  *folder,
                       GError     **error)
{
  g_autofree char *place = this_place ();
  g_autofree char *name = g_strdup_printf (LDA_STAGE_PREFIX "%d-%s-XXXXXX",
                                           (int) getpid (), place);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *mark = NULL;
  int fd;

  remove_abandoned (folder);

  if (g_mkdtemp_full (path, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }

  /* The mark under its own name from the start (not written elsewhere
   * and renamed): a process that dies here leaves it, or an empty
   * folder. */
  mark = g_build_filename (path, LDA_STAGE_MARK, NULL);
  fd = g_open (mark, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 || !write_all (fd, MARK_TEXT))
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      lda_stage_folder_remove (path);
      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  return g_steal_pointer (&path);
}

/**
 * lda_stage_folder_remove:
 * @stage: a staging folder made by lda_stage_folder_make()
 *
 * Removes it and what is in it, never following a link; a folder found
 * in it (which this program never makes) is left, and so is @stage then.
 */
void
lda_stage_folder_remove (const char *stage)
{
  g_autofree char *parent = g_path_get_dirname (stage);
  g_autofree char *name = g_path_get_basename (stage);
  int fd = g_open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  remove_at (fd, name, TRUE);
  close (fd);
}
