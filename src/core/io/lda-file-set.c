/* lda-file-set.c — a set of files, put in place all at once
 *
 * A result is often many files: an export's label masks, training images,
 * counts.csv and plot; `livedead segment`'s labels, stages and thresholds.
 * Each is first written into a hidden staging folder inside the output
 * folder (lda-stage-folder.c), and only when every one of them
 * has been written are they renamed over their targets.  A disk that
 * fills up, an input that cannot be read or a cancel leaves the output
 * folder exactly as it was; a kill -9 leaves every target either as it
 * was or complete, since each rename replaces a whole file.  The staging
 * folder of a process that died is removed by the next set made in the
 * same folder, without ever following a link.
 *
 * A set is told which files the result is made from, and never replaces
 * one of them: `segment -o` the images' own folder with --stages would
 * otherwise rename hoechst.tif over the input hoechst.tif.  Every command
 * and the window write through a set, so this is the one place that
 * check is made.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-file-set.h"
#include "lda-stage-folder.h"

struct _LdaFileSet
{
  char      *output;    /* the output folder */
  char      *folder;    /* the staging folder, once made */
  GPtrArray *staged;    /* paths inside the staging folder */
  GPtrArray *targets;   /* where each goes */
  GArray    *inputs;    /* Input */
};

/* A file the set must never replace, known by what it is, not by its
 * name: another name for it (a hard link, a symbolic link, the folder
 * reached another way) is the same file. */
typedef struct
{
  dev_t  dev;
  ino_t  ino;
  char  *path;
} Input;

static void
input_clear (gpointer data)
{
  Input *input = data;

  g_free (input->path);
}

/**
 * lda_file_set_new:
 * @folder: the output folder; it must exist when the first file is added
 * @inputs: (nullable) (array zero-terminated=1): the files the result is
 *   made from, which the set will never replace
 *
 * Makes no file yet: the staging folder is made when the first file is
 * added.
 *
 * Returns: (transfer full): an empty set
 */
LdaFileSet *
lda_file_set_new (const char         *folder,
                  const char * const *inputs)
{
  LdaFileSet *self = g_new0 (LdaFileSet, 1);

  g_return_val_if_fail (folder != NULL, NULL);

  self->output = g_strdup (folder);
  self->staged = g_ptr_array_new_with_free_func (g_free);
  self->targets = g_ptr_array_new_with_free_func (g_free);
  self->inputs = g_array_new (FALSE, FALSE, sizeof (Input));
  g_array_set_clear_func (self->inputs, input_clear);

  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    {
      GStatBuf st;
      Input input;

      /* An input that is not there cannot be replaced. */
      if (g_stat (inputs[i], &st) != 0)
        continue;
      input.dev = st.st_dev;
      input.ino = st.st_ino;
      input.path = g_strdup (inputs[i]);
      g_array_append_val (self->inputs, input);
    }

  return self;
}

/**
 * lda_file_set_check_target:
 * @self: a file set
 * @target: a file the result would create or replace
 * @error: return location for an error
 *
 * Refuses a target that is one of the inputs: the same file by device and
 * inode, whatever its name, so that a hard link or a symbolic link to an
 * input, or the input folder reached by another path, is refused too.
 * Refuses a target where a folder is, too.  lda_file_set_add() and
 * lda_file_set_commit() check every target; call this to refuse before
 * any work is done.
 *
 * Returns: %TRUE if @target may be written; otherwise
 *   %LDA_ERROR_IS_INPUT naming @target and the input, or %LDA_ERROR_WRITE
 *   naming @target
 */
gboolean
lda_file_set_check_target (LdaFileSet  *self,
                           const char  *target,
                           GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  /* lstat: a link to a folder is replaced by the rename, a folder is not. */
  if (g_lstat (target, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE,
                   _("%s: a folder is in the way; it cannot be replaced by a file"), target);
      return FALSE;
    }

  if (self->inputs->len == 0 || g_stat (target, &st) != 0)
    return TRUE;

  for (guint i = 0; i < self->inputs->len; i++)
    {
      const Input *input = &g_array_index (self->inputs, Input, i);

      g_autofree char *canonical_input = NULL;
      g_autofree char *canonical_target = NULL;

      if (input->dev != st.st_dev || input->ino != st.st_ino)
        continue;

      /* "./hoechst.tif" and "hoechst.tif" are one name, not two. */
      canonical_input = g_canonicalize_filename (input->path, NULL);
      canonical_target = g_canonicalize_filename (target, NULL);
      if (g_str_equal (canonical_input, canonical_target))
        g_set_error (error, LDA_ERROR, LDA_ERROR_IS_INPUT,
                     _("%s: this is one of the inputs; an output never replaces an input, "
                       "so write into another folder"),
                     target);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_IS_INPUT,
                     _("%s: this is the input %s by another name; an output never replaces "
                       "an input, so write into another folder"),
                     target, input->path);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_file_set_add:
 * @self: a file set
 * @target: a file of the result
 * @error: return location for an error
 *
 * Checks @target (lda_file_set_check_target()) and makes the staging
 * folder if this is the first file.
 *
 * Returns: (transfer none) (nullable): where to write it instead, valid
 *   as long as @self; %NULL if @target is an input or the staging folder
 *   cannot be made
 */
const char *
lda_file_set_add (LdaFileSet  *self,
                  const char  *target,
                  GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (!lda_file_set_check_target (self, target, error))
    return NULL;
  if (self->folder == NULL)
    {
      /* The staging folder, after those of sets that died are removed. */
      self->folder = lda_stage_folder_make (self->output, error);
      if (self->folder == NULL)
        return NULL;
    }

  base = g_path_get_basename (target);
  name = g_strdup_printf ("%u-%s", self->staged->len, base);
  g_ptr_array_add (self->staged, g_build_filename (self->folder, name, NULL));
  g_ptr_array_add (self->targets, g_strdup (target));
  return g_ptr_array_index (self->staged, self->staged->len - 1);
}

/**
 * lda_file_set_staged_path:
 * @self: a file set
 * @target: a target added to it
 *
 * Returns: (nullable): where @target is written until the set is
 *   committed, or %NULL when it is not one of the set's
 */
const char *
lda_file_set_staged_path (LdaFileSet *self,
                          const char *target)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  for (guint i = 0; i < self->targets->len; i++)
    if (strcmp (g_ptr_array_index (self->targets, i), target) == 0)
      return g_ptr_array_index (self->staged, i);
  return NULL;
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

static void
set_write_error (GError    **error,
                 const char *target,
                 int         saved_errno)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
               target, g_strerror (saved_errno));
}

/* What must hold for the rename of a staged file over @target to work:
 * not an input, no folder in the way, a folder that can be written, on
 * the file system of the staging folder (@stage_dev). */
static gboolean
check_in_place (LdaFileSet  *self,
                const char  *target,
                dev_t        stage_dev,
                GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (target);
  GStatBuf st;

  if (!lda_file_set_check_target (self, target, error))
    return FALSE;

  if (g_stat (parent, &st) != 0)
    {
      set_write_error (error, target, errno);
      return FALSE;
    }
  if (st.st_dev != stage_dev)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE,
                   _("%s: on another file system than %s; the files of one result must be "
                     "on one file system to be put in place together"),
                   target, self->output);
      return FALSE;
    }
  /* The effective user's permissions, as the rename will see them. */
  if (faccessat (AT_FDCWD, parent, W_OK | X_OK, AT_EACCESS) != 0)
    {
      set_write_error (error, target, errno);
      return FALSE;
    }

  return TRUE;
}

/* Where the file that target @i replaces is kept meanwhile.  Staged files
 * are named "<i>-<name>", so this never meets one. */
static char *
aside_path (LdaFileSet *self,
            guint       i)
{
  g_autofree char *name = g_strdup_printf ("old-%u", i);

  return g_build_filename (self->folder, name, NULL);
}

/* Renames staged file @i over its target, keeping the file it replaces
 * in the staging folder: as a second name (a hard link), so that the
 * target is never missing, or, where that cannot be made, moved there.
 * Sets *@had_old when there was one.  Returns 0 or the errno. */
static int
put_in_place (LdaFileSet *self,
              guint       i,
              gboolean   *had_old)
{
  const char *target = g_ptr_array_index (self->targets, i);
  g_autofree char *aside = aside_path (self, i);
  gboolean moved = FALSE;
  int saved_errno;

  *had_old = link (target, aside) == 0;
  if (!*had_old && errno != ENOENT)
    {
      if (g_rename (target, aside) != 0)
        return errno;
      *had_old = moved = TRUE;
    }

  if (g_rename (g_ptr_array_index (self->staged, i), target) == 0)
    return 0;

  saved_errno = errno;
  if (moved)
    g_rename (aside, target);
  return saved_errno;
}

/* Puts back what the first @n targets were, last first.  Returns FALSE,
 * with *@message saying which, if any could not be. */
static gboolean
roll_back (LdaFileSet      *self,
           guint            n,
           const gboolean  *had_old,
           char           **message)
{
  gboolean ok = TRUE;

  for (guint i = n; i-- > 0;)
    {
      const char *target = g_ptr_array_index (self->targets, i);
      g_autofree char *aside = aside_path (self, i);
      gboolean back = had_old[i] ? g_rename (aside, target) == 0 : g_unlink (target) == 0;

      if (!back && ok)
        {
          int saved_errno = errno;

          *message = had_old[i]
            ? g_strdup_printf (_("%s could not be put back (%s); the earlier file is kept as %s"),
                               target, g_strerror (saved_errno), aside)
            : g_strdup_printf (_("%s could not be removed again: %s"),
                               target, g_strerror (saved_errno));
          ok = FALSE;
        }
    }

  return ok;
}

/* Makes the renames into each target's folder durable. */
static void
sync_folders (LdaFileSet *self)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->targets->len; i++)
    {
      char *parent = g_path_get_dirname (g_ptr_array_index (self->targets, i));

      if (g_hash_table_add (done, parent))
        lda_atomic_file_sync_folder (parent);
    }
}

/**
 * lda_file_set_commit:
 * @self: a set whose every file has been written
 * @error: return location for an error
 *
 * Puts every staged file in place, all or nothing.  First every target is
 * checked: not an input, no folder in its place, its folder writable and
 * on the staging folder's file system, so that a rename that cannot work
 * fails before any is done.  Then each staged file is renamed over its
 * target, in the order they were added, the file it replaces kept in the
 * staging folder; if a rename still fails, every target already replaced
 * is put back as it was.  lda_file_set_free() removes the staging folder.
 *
 * Returns: %TRUE on success; otherwise %LDA_ERROR_WRITE (or
 *   %LDA_ERROR_IS_INPUT) naming the target, and every target is as it
 *   was
 */
gboolean
lda_file_set_commit (LdaFileSet  *self,
                     GError     **error)
{
  g_autofree gboolean *had_old = NULL;
  guint n;
  GStatBuf st;

  g_return_val_if_fail (self != NULL, FALSE);

  n = self->staged->len;
  if (n == 0)
    return TRUE;

  if (g_stat (self->folder, &st) != 0)
    {
      set_write_error (error, self->folder, errno);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!check_in_place (self, g_ptr_array_index (self->targets, i), st.st_dev, error))
      return FALSE;

  had_old = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *message = NULL;
      int saved_errno = put_in_place (self, i, &had_old[i]);

      if (saved_errno == 0)
        continue;

      if (roll_back (self, i, had_old, &message))
        set_write_error (error, g_ptr_array_index (self->targets, i), saved_errno);
      else
        {
          /* The earlier files are in the staging folder: keep it. */
          g_clear_pointer (&self->folder, g_free);
          g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s; %s"),
                       (const char *) g_ptr_array_index (self->targets, i),
                       g_strerror (saved_errno), message);
        }
      return FALSE;
    }

  sync_folders (self);
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
    lda_stage_folder_remove (self->folder);
  g_free (self->folder);
  g_free (self->output);
  g_clear_pointer (&self->staged, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->inputs, g_array_unref);
  g_free (self);
}
