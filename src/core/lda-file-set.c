/* lda-file-set.c — a set of files, put in place all at once
 *
 * A result is often many files: an export's label masks, training images,
 * counts.csv and plot; `livedead segment`'s labels, stages and thresholds.
 * Each is first written into a hidden staging folder inside the output
 * folder, `.livedead-stage-<pid>-XXXXXX`, and only when every one of them
 * has been written are they renamed over their targets.  A disk that
 * fills up, an input that cannot be read or a cancel leaves the output
 * folder exactly as it was; a kill -9 leaves every target either as it
 * was or complete, since each rename replaces a whole file.  The staging
 * folder of a process that died is removed by the next set made in the
 * same folder.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-file-set.h"

#define STAGE_PREFIX ".livedead-stage-"

struct _LdaFileSet
{
  char      *folder;
  GPtrArray *staged;    /* paths inside the staging folder */
  GPtrArray *targets;   /* where each goes */
};

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Removes the staging folders in @folder whose process is gone. */
static void
remove_stale (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      char *end = NULL;
      guint64 pid;

      if (!g_str_has_prefix (name, STAGE_PREFIX))
        continue;
      pid = g_ascii_strtoull (name + strlen (STAGE_PREFIX), &end, 10);
      if (end == NULL || *end != '-' || pid == 0 || pid > G_MAXINT)
        continue;
      if ((pid_t) pid == getpid () || kill ((pid_t) pid, 0) == 0 || errno != ESRCH)
        continue;

      path = g_build_filename (folder, name, NULL);
      remove_tree (path);
    }
}

/**
 * lda_file_set_new:
 * @folder: the output folder, which exists
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an empty set, its staging folder made
 */
LdaFileSet *
lda_file_set_new (const char  *folder,
                      GError     **error)
{
  g_autoptr(LdaFileSet) self = g_new0 (LdaFileSet, 1);
  g_autofree char *name = g_strdup_printf (STAGE_PREFIX "%d-XXXXXX", (int) getpid ());

  remove_stale (folder);

  self->folder = g_build_filename (folder, name, NULL);
  self->staged = g_ptr_array_new_with_free_func (g_free);
  self->targets = g_ptr_array_new_with_free_func (g_free);
  if (g_mkdtemp_full (self->folder, 0700) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                   folder, g_strerror (saved_errno));
      g_clear_pointer (&self->folder, g_free);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * lda_file_set_add:
 * @self: a file set
 * @target: a file of the result
 *
 * Returns: (transfer none): where to write it instead; valid as long as
 *   @self
 */
const char *
lda_file_set_add (LdaFileSet *self,
                      const char     *target)
{
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = g_strdup_printf ("%u-%s", self->staged->len, base);

  g_ptr_array_add (self->staged, g_build_filename (self->folder, name, NULL));
  g_ptr_array_add (self->targets, g_strdup (target));
  return g_ptr_array_index (self->staged, self->staged->len - 1);
}

/**
 * lda_file_set_name_target:
 * @self: a file set
 * @error: (nullable): where an error of writing a staged file was set
 *
 * The person knows the files by their targets' names: replaces the staged
 * paths in the message of *@error, if any, by their targets.
 */
void
lda_file_set_name_target (LdaFileSet  *self,
                          GError     **error)
{
  g_autoptr(GString) message = NULL;

  if (error == NULL || *error == NULL)
    return;
  message = g_string_new ((*error)->message);
  for (guint i = self->staged->len; i > 0; i--)
    g_string_replace (message, g_ptr_array_index (self->staged, i - 1),
                      g_ptr_array_index (self->targets, i - 1), 0);
  g_free ((*error)->message);
  (*error)->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/**
 * lda_file_set_commit:
 * @self: a set whose every file has been written
 * @error: return location for an error
 *
 * Renames every staged file over its target, in the order they were
 * added, and removes the staging folder.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_file_set_commit (LdaFileSet  *self,
                         GError         **error)
{
  for (guint i = 0; i < self->staged->len; i++)
    {
      const char *target = g_ptr_array_index (self->targets, i);

      if (g_rename (g_ptr_array_index (self->staged, i), target) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                       target, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * lda_file_set_free:
 * @self: a file set
 *
 * Removes what is left of the staging folder: everything, unless
 * committed.
 */
void
lda_file_set_free (LdaFileSet *self)
{
  if (self == NULL)
    return;
  if (self->folder != NULL)
    remove_tree (self->folder);
  g_free (self->folder);
  g_clear_pointer (&self->staged, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_free (self);
}
