/* lda-series-lock.c — one writer per series, one process per project
 *
 * A project folder holds the files of every series of its image folder
 * (one ini each; the edits of a frame are named after its triple).  The
 * project's lock file (lda-project-lock.c) keeps other processes and
 * machines out of the whole folder.  Within this process, the lock file
 * is taken once and shared: any number of documents may hold it, each
 * for a series of its own, so that switching from one well to another of
 * the same folder, or showing two wells in two windows, keeps both
 * writable.  The same series twice stays one writer: the second is
 * refused, as another process would be.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-error.h"
#include "lda-project-lock.h"
#include "lda-series-lock.h"

/* The lock file of one project folder, shared by this process's holders. */
typedef struct
{
  char           *folder;
  LdaProjectLock *file;
  GHashTable     *series;   /* the series held, each once */
} Shared;

struct _LdaSeriesLock
{
  Shared *shared;
  char   *series;
};

static GMutex held_mutex;
static GHashTable *held;    /* folder → Shared */

static void
shared_free (Shared *shared)
{
  lda_project_lock_release (shared->file);
  g_hash_table_unref (shared->series);
  g_free (shared->folder);
  g_free (shared);
}

/**
 * lda_series_lock_acquire:
 * @folder: a project folder
 * @series: the name of the series to write there
 * @error: return location for an error
 *
 * Takes the project's lock for @series: the lock file when this process
 * does not hold it yet (lda_project_lock_acquire()), a share of it when
 * it does.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL with
 *   %LDA_ERROR_LOCKED when another process holds the project or this one
 *   the same series, or another error of lda_project_lock_acquire()
 */
LdaSeriesLock *
lda_series_lock_acquire (const char  *folder,
                         const char  *series,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_mutex);
  LdaSeriesLock *self;
  Shared *shared;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (series != NULL, NULL);

  if (held == NULL)
    held = g_hash_table_new (g_str_hash, g_str_equal);

  shared = g_hash_table_lookup (held, folder);
  if (shared != NULL && g_hash_table_contains (shared->series, series))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_LOCKED,
                   _("%s is open in another window"), folder);
      return NULL;
    }
  if (shared == NULL)
    {
      LdaProjectLock *file = lda_project_lock_acquire (folder, error);

      if (file == NULL)
        return NULL;
      shared = g_new0 (Shared, 1);
      shared->folder = g_strdup (folder);
      shared->file = file;
      shared->series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (held, shared->folder, shared);
    }

  g_hash_table_add (shared->series, g_strdup (series));
  self = g_new0 (LdaSeriesLock, 1);
  self->shared = shared;
  self->series = g_strdup (series);
  return self;
}

/**
 * lda_series_lock_refresh:
 * @self: a lock
 * @error: return location for an error
 *
 * Keeps the project's lock file fresh (lda_project_lock_refresh()).
 *
 * Returns: %FALSE with %LDA_ERROR_LOCKED if the lock file is no longer
 *   this process's
 */
gboolean
lda_series_lock_refresh (LdaSeriesLock  *self,
                         GError        **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&held_mutex);

  g_return_val_if_fail (self != NULL, FALSE);

  return lda_project_lock_refresh (self->shared->file, error);
}

/**
 * lda_series_lock_release:
 * @self: (nullable): a lock
 *
 * Lets go of the series; the last holder in this process lets go of the
 * project's lock file.
 */
void
lda_series_lock_release (LdaSeriesLock *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Shared *shared;

  if (self == NULL)
    return;

  locker = g_mutex_locker_new (&held_mutex);
  shared = self->shared;
  g_hash_table_remove (shared->series, self->series);
  if (g_hash_table_size (shared->series) == 0)
    {
      g_hash_table_remove (held, shared->folder);
      shared_free (shared);
    }
  g_free (self->series);
  g_free (self);
}
