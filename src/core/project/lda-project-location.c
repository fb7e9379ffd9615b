/* lda-project-location.c — where a series' project is saved and found
 *
 * A project is saved beside the images, in <image folder>/livedead-project.
 * When the image folder cannot be written to (a read-only share, a DVD, the
 * bundled sample), it goes to the user data folder instead
 * (lda_project_fallback_folder()).  The same image folder can be read-only
 * one day and writable the next, so a project may have files in both
 * places; both are read, each file from the place where it is newest, and
 * saving writes to the place the rule picks today (lda-project.c).  No
 * correction is ever left behind in the other place: see
 * lda_project_load_location().
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-project.h"
#include "lda-project-location.h"

/* Whether files can be made in @folder, without making any. */
static gboolean
folder_writable (const char *folder)
{
  GStatBuf st;

  /* A folder nobody may write to is read-only, even for root, whom
   * access() would let through. */
  return g_stat (folder, &st) == 0 && S_ISDIR (st.st_mode) &&
         (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0 &&
         access (folder, W_OK | X_OK) == 0;
}

/**
 * lda_project_can_write:
 * @folder: a project folder, which may not exist yet
 *
 * Tells, without creating anything, whether a project could be saved in
 * @folder: it is a writable folder, or it does not exist and its parent
 * is a writable folder.
 *
 * Returns: %TRUE if it could
 */
gboolean
lda_project_can_write (const char *folder)
{
  g_autofree char *parent = NULL;

  g_return_val_if_fail (folder != NULL, FALSE);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return folder_writable (folder);
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    return FALSE;

  parent = g_path_get_dirname (folder);
  return folder_writable (parent);
}

/**
 * lda_project_location_new:
 * @series: a series
 * @is_sample: whether it is the bundled sample, whose project always goes
 *   to the user data folder
 *
 * Decides where the series' project is written and where else it is
 * looked for.
 *
 * Returns: (transfer full): the location
 */
LdaProjectLocation *
lda_project_location_new (LdaSeries *series,
                          gboolean   is_sample)
{
  LdaProjectLocation *self;
  g_autofree char *beside = NULL;
  g_autofree char *fallback = NULL;

  g_return_val_if_fail (series != NULL, NULL);

  self = g_new0 (LdaProjectLocation, 1);
  beside = lda_project_default_folder (series);
  fallback = lda_project_fallback_folder (series);

  if (!is_sample && lda_project_can_write (beside))
    {
      self->folder = g_steal_pointer (&beside);
      if (g_file_test (fallback, G_FILE_TEST_IS_DIR))
        self->other = g_steal_pointer (&fallback);
    }
  else
    {
      self->folder = g_steal_pointer (&fallback);
      self->fallback = TRUE;
      if (!is_sample && g_file_test (beside, G_FILE_TEST_IS_DIR))
        self->other = g_steal_pointer (&beside);
    }

  return self;
}

LdaProjectLocation *
lda_project_location_copy (const LdaProjectLocation *self)
{
  LdaProjectLocation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LdaProjectLocation, 1);
  copy->folder = g_strdup (self->folder);
  copy->other = g_strdup (self->other);
  copy->fallback = self->fallback;

  return copy;
}

void
lda_project_location_free (LdaProjectLocation *self)
{
  if (self == NULL)
    return;

  g_free (self->folder);
  g_free (self->other);
  g_free (self);
}
