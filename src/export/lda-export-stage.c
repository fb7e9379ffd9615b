/* lda-export-stage.c — an export's files, put in place all at once
 *
 * An export writes many files: a label mask per frame, the inputs and
 * masks of the training layout, counts.csv and the plot.  Each is first
 * written into a hidden staging folder inside the export folder,
 * `.livedead-export-<pid>-XXXXXX`, and only when every one of them has
 * been written are they renamed over their targets.  A disk that fills
 * up, a frame that cannot be read or a cancel leaves the export folder
 * exactly as it was; a kill -9 leaves every target either as it was or
 * complete, since each rename replaces a whole file.  The staging folder
 * of a process that died is removed by the next export into the folder.
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
#include "lda-export-stage.h"

#define STAGE_PREFIX ".livedead-export-"

struct _LdaExportStage
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
 * lda_export_stage_new:
 * @folder: the export folder, which exists
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a stage with its folder made
 */
LdaExportStage *
lda_export_stage_new (const char  *folder,
                      GError     **error)
{
  g_autoptr(LdaExportStage) self = g_new0 (LdaExportStage, 1);
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
 * lda_export_stage_add:
 * @self: a stage
 * @target: a file the export makes
 *
 * Returns: (transfer none): where to write it instead; valid as long as
 *   @self
 */
const char *
lda_export_stage_add (LdaExportStage *self,
                      const char     *target)
{
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = g_strdup_printf ("%u-%s", self->staged->len, base);

  g_ptr_array_add (self->staged, g_build_filename (self->folder, name, NULL));
  g_ptr_array_add (self->targets, g_strdup (target));
  return g_ptr_array_index (self->staged, self->staged->len - 1);
}

/**
 * lda_export_stage_name_target:
 * @self: a stage
 * @error: an error of writing a staged file
 *
 * The person knows the files by their targets' names: replaces the staged
 * paths in @error's message by their targets.
 */
void
lda_export_stage_name_target (LdaExportStage *self,
                              GError         *error)
{
  g_autoptr(GString) message = NULL;

  if (error == NULL)
    return;
  message = g_string_new (error->message);
  for (guint i = self->staged->len; i > 0; i--)
    g_string_replace (message, g_ptr_array_index (self->staged, i - 1),
                      g_ptr_array_index (self->targets, i - 1), 0);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/**
 * lda_export_stage_commit:
 * @self: a stage whose every file has been written
 * @error: return location for an error
 *
 * Renames every staged file over its target, in the order they were
 * added, and removes the staging folder.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_export_stage_commit (LdaExportStage  *self,
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
 * lda_export_stage_free:
 * @self: a stage
 *
 * Removes what is left of the staging folder: everything, unless
 * committed.
 */
void
lda_export_stage_free (LdaExportStage *self)
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
