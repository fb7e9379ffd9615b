/* lda-document-save.c — the document saves itself, and keeps trying
 *
 * Every change marks what it touched unsaved — a frame's corrections, or
 * the project file with the parameters and frame states — and a save
 * follows within a second.  A save takes copies of what is unsaved and
 * writes them in a worker thread, one save at a time (two in flight could
 * finish in the wrong order and leave older corrections on disk).
 *
 * Nothing is ever dropped: what a save could not write — a full disk, a
 * folder gone read-only, a copy that found no memory — stays marked
 * unsaved, the state says so, and the save is tried again by itself after
 * 1, 2, 4 … up to 60 seconds, as well as after the next change and when
 * the document is closed.  A copy that cannot be made never turns into
 * "no corrections": the frame's file is left as it is.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-document-private.h"
#include "lda-error.h"
#include "lda-project.h"
#include "lda-task.h"

#define SAVE_DELAY_MS      1000
#define SAVE_AGAIN_MS      50
#define RETRY_FIRST_SECONDS 1
#define RETRY_MAX_SECONDS  60

struct _LdaSaveJob
{
  LdaProjectLocation *location;
  LdaSeries          *series;     /* a copy: the person goes on meanwhile */
  gboolean            params;     /* write the project file */
  char               *extra;      /* its [view] and [damage] groups */
  GArray             *frames;     /* guint: frames whose edits to write */
  GPtrArray          *edits;      /* a copy of each, or NULL: no edits */
  GError             *copy_error; /* a frame left out: no memory for its copy */
  GError             *error;      /* what the writing met */
  gboolean            done;       /* under the document's mutex */
  gboolean            handled;    /* the main thread has taken the result */
};

static void
save_job_free (LdaSaveJob *job)
{
  lda_project_location_free (job->location);
  g_clear_pointer (&job->series, lda_series_free);
  g_free (job->extra);
  g_array_unref (job->frames);
  g_ptr_array_unref (job->edits);
  g_clear_error (&job->copy_error);
  g_clear_error (&job->error);
  g_free (job);
}

static gboolean
has_unsaved (LdaDocument *self)
{
  if (self->unsaved_params)
    return TRUE;

  return memchr (self->unsaved_edits->data, TRUE, self->unsaved_edits->len) != NULL;
}

/* Takes copies of what is unsaved and marks it saved; a frame whose copy
 * cannot be made stays unsaved.  %NULL when nothing is unsaved. */
static LdaSaveJob *
take_unsaved (LdaDocument *self)
{
  LdaSaveJob *job;

  if (!has_unsaved (self))
    return NULL;

  job = g_new0 (LdaSaveJob, 1);
  job->location = lda_project_location_copy (self->location);
  job->series = lda_series_copy (self->series);
  job->frames = g_array_new (FALSE, FALSE, sizeof (guint));
  job->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);

  for (guint i = 0; i < self->unsaved_edits->len; i++)
    {
      LdaEdits *edits;
      LdaEdits *copy = NULL;

      if (!self->unsaved_edits->data[i])
        continue;

      edits = g_ptr_array_index (self->edits, i);
      if (edits != NULL)
        {
          g_autoptr(GError) error = NULL;

          copy = lda_edits_copy (edits, &error);
          if (copy == NULL)
            {
              if (job->copy_error == NULL)
                job->copy_error = g_error_new (LDA_ERROR, LDA_ERROR_TOO_LARGE,
                                               _("the corrections of %s could not be copied "
                                                 "for saving (%s); they are kept, and the "
                                                 "saved file is left as it was"),
                                               lda_series_get_frame (self->series, i)->title,
                                               error->message);
              continue;
            }
        }

      g_array_append_val (job->frames, i);
      g_ptr_array_add (job->edits, copy);
      self->unsaved_edits->data[i] = FALSE;
    }

  if (self->unsaved_params)
    {
      job->params = TRUE;
      job->extra = g_key_file_to_data (self->extra, NULL, NULL);
      self->unsaved_params = FALSE;
    }

  return job;
}

/* Writes @job; runs in the worker, or on the main thread when saving now. */
static void
write_job (LdaSaveJob *job)
{
  if (job->params)
    {
      g_autoptr(GKeyFile) extra = g_key_file_new ();

      g_key_file_load_from_data (extra, job->extra, (gsize) -1, G_KEY_FILE_NONE, NULL);
      if (!lda_project_save_params_full (job->series, job->location->folder, extra,
                                         &job->error))
        return;
    }

  for (guint i = 0; i < job->frames->len; i++)
    if (!lda_project_save_frame_edits (job->location, job->series,
                                       g_array_index (job->frames, guint, i),
                                       g_ptr_array_index (job->edits, i), &job->error))
      return;
}

static void start_save (LdaDocument *self);

static gboolean
retry_now (gpointer user_data)
{
  LdaDocument *self = user_data;

  self->retry_id = 0;
  start_save (self);
  return G_SOURCE_REMOVE;
}

/* Takes a finished job's result on the main thread. */
static void
finish_job (LdaDocument *self,
            LdaSaveJob  *job)
{
  const GError *error = job->error != NULL ? job->error : job->copy_error;

  job->handled = TRUE;

  if (job->error != NULL)
    {
      /* Still unsaved, every part of it: the next try writes it all. */
      for (guint i = 0; i < job->frames->len; i++)
        lda_document_mark_unsaved (self, (int) g_array_index (job->frames, guint, i));
      if (job->params)
        self->unsaved_params = TRUE;
    }

  if (error != NULL)
    {
      g_clear_error (&self->save_error);
      self->save_error = g_error_copy (error);
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      if (self->retry_id == 0)
        self->retry_id = g_timeout_add_seconds (self->retry_seconds, retry_now, self);
      self->retry_seconds = MIN (self->retry_seconds * 2, RETRY_MAX_SECONDS);
      lda_document_set_save_state (self, LDA_SAVE_STATE_FAILED);
      g_debug ("save failed, trying again: %s", error->message);
      return;
    }

  g_clear_error (&self->save_error);
  self->retry_seconds = RETRY_FIRST_SECONDS;
  lda_document_set_save_state (self, has_unsaved (self) ? LDA_SAVE_STATE_PENDING
                                                        : LDA_SAVE_STATE_SAVED);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LdaDocument *self = lda_task_get_owner (task);
  LdaSaveJob *job = task_data;

  write_job (job);

  /* lda_document_save_now() may be waiting for this job. */
  g_mutex_lock (&self->mutex);
  job->done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LdaDocument *self = LDA_DOCUMENT (object);
  LdaSaveJob *job = g_task_get_task_data (G_TASK (result));

  if (self->in_flight == job)
    self->in_flight = NULL;
  if (!job->handled)
    finish_job (self, job);
}

static gboolean
autosave (gpointer user_data)
{
  LdaDocument *self = user_data;

  self->autosave_id = 0;
  start_save (self);
  return G_SOURCE_REMOVE;
}

static void
start_save (LdaDocument *self)
{
  g_autoptr(GTask) task = NULL;
  LdaSaveJob *job;

  if (self->read_only_reason != NULL)
    return;

  /* One save at a time: come back when this one is done. */
  if (self->in_flight != NULL)
    {
      if (self->autosave_id == 0)
        self->autosave_id = g_timeout_add (SAVE_AGAIN_MS, autosave, self);
      return;
    }

  job = take_unsaved (self);
  if (job == NULL)
    {
      lda_document_set_save_state (self, LDA_SAVE_STATE_SAVED);
      return;
    }

  self->in_flight = job;
  lda_document_set_save_state (self, LDA_SAVE_STATE_SAVING);
  task = lda_task_new (self, NULL, save_done);
  g_task_set_source_tag (task, start_save);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * lda_document_mark_unsaved:
 * @self: a document
 * @frame: a frame whose corrections changed, or -1 for the project file
 *   (parameters, frame states)
 *
 * Schedules a save within a second.
 */
void
lda_document_mark_unsaved (LdaDocument *self,
                           int          frame)
{
  if (self->read_only_reason != NULL)
    return;

  if (frame < 0)
    self->unsaved_params = TRUE;
  else
    {
      if ((guint) frame >= self->unsaved_edits->len)
        g_byte_array_set_size (self->unsaved_edits, (guint) frame + 1);
      self->unsaved_edits->data[frame] = TRUE;
      /* A frame's state is kept in the project file. */
      self->unsaved_params = TRUE;
    }

  if (self->save_state != LDA_SAVE_STATE_FAILED && self->save_state != LDA_SAVE_STATE_SAVING)
    lda_document_set_save_state (self, LDA_SAVE_STATE_PENDING);
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add (SAVE_DELAY_MS, autosave, self);
}

/**
 * lda_document_save_soon:
 * @self: a document
 *
 * Saves what is unsaved within a second, as after any change.
 */
void
lda_document_save_soon (LdaDocument *self)
{
  g_return_if_fail (LDA_IS_DOCUMENT (self));

  if (self->read_only_reason == NULL && has_unsaved (self) && self->autosave_id == 0)
    self->autosave_id = g_timeout_add (SAVE_DELAY_MS, autosave, self);
}

/**
 * lda_document_save_now:
 * @self: a document
 * @error: return location for an error
 *
 * Writes whatever is unsaved, now, on this thread, after the save in
 * flight (if any) has finished: before the window closes or another
 * series replaces this one.  What cannot be written stays unsaved and is
 * tried again later, as after a failed autosave.
 *
 * Returns: %TRUE if everything was written
 */
gboolean
lda_document_save_now (LdaDocument  *self,
                       GError      **error)
{
  LdaSaveJob *job;
  gboolean ok;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  if (self->in_flight != NULL)
    {
      job = self->in_flight;
      g_mutex_lock (&self->mutex);
      while (!job->done)
        g_cond_wait (&self->cond, &self->mutex);
      g_mutex_unlock (&self->mutex);
      self->in_flight = NULL;
      finish_job (self, job);
      g_clear_handle_id (&self->retry_id, g_source_remove);
    }

  if (self->read_only_reason != NULL)
    return TRUE;

  job = take_unsaved (self);
  if (job == NULL)
    {
      lda_document_set_save_state (self, LDA_SAVE_STATE_SAVED);
      return TRUE;
    }

  write_job (job);
  finish_job (self, job);
  ok = self->save_error == NULL;
  if (!ok)
    g_propagate_error (error, g_error_copy (self->save_error));
  save_job_free (job);

  return ok;
}

/**
 * lda_document_is_saving:
 * @self: a document
 *
 * Returns: %TRUE while a save is scheduled, in flight or to be tried again
 */
gboolean
lda_document_is_saving (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  return self->autosave_id != 0 || self->retry_id != 0 || self->in_flight != NULL;
}

LdaSaveState
lda_document_get_save_state (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), LDA_SAVE_STATE_SAVED);

  return self->save_state;
}

/**
 * lda_document_get_save_error:
 * @self: a document
 *
 * Returns: (nullable): why the last save failed, while it has not
 *   succeeded since
 */
const GError *
lda_document_get_save_error (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->save_error;
}

/**
 * lda_document_get_retry_seconds:
 * @self: a document
 *
 * Returns: after a failed save, how long the next try waits at most
 */
guint
lda_document_get_retry_seconds (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), 0);

  return self->save_error != NULL ? MAX (self->retry_seconds / 2, RETRY_FIRST_SECONDS) : 0;
}

/* Keeps the lock fresh for other machines; a lock lost makes the
 * document read-only rather than overwrite someone else's work. */
static gboolean
refresh_lock (gpointer user_data)
{
  LdaDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->lock == NULL || lda_series_lock_refresh (self->lock, &error))
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->lock, lda_series_lock_release);
  self->lock_refresh_id = 0;
  if (self->read_only_reason == NULL)
    self->read_only_reason = g_strdup_printf (_("%s: nothing more is saved here"),
                                              error->message);
  lda_document_set_save_state (self, LDA_SAVE_STATE_READ_ONLY);
  return G_SOURCE_REMOVE;
}

void
lda_document_save_init (LdaDocument *self)
{
  self->retry_seconds = RETRY_FIRST_SECONDS;
  if (self->lock != NULL)
    self->lock_refresh_id = g_timeout_add_seconds (LDA_PROJECT_LOCK_REFRESH_SECONDS,
                                                   refresh_lock, self);
}

/**
 * lda_document_close:
 * @self: a document
 *
 * Saves what is unsaved and lets go of the project: a window closing or
 * opening something else calls this.  A save that fails here is logged;
 * what it could not write stays in the files that were there.
 */
void
lda_document_close (LdaDocument *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LDA_IS_DOCUMENT (self));

  if (!lda_document_save_now (self, &error))
    g_warning ("Could not save the corrections: %s", error->message);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->lock_refresh_id, g_source_remove);
  g_clear_pointer (&self->lock, lda_series_lock_release);
  if (self->read_only_reason == NULL)
    self->read_only_reason = g_strdup (_("The project has been closed"));
}

void
lda_document_save_finalize (LdaDocument *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->lock_refresh_id, g_source_remove);
  g_clear_pointer (&self->lock, lda_series_lock_release);
  g_clear_pointer (&self->unsaved_edits, g_byte_array_unref);
  g_clear_error (&self->save_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
}
