/* lda-window-save.c — the project is saved by itself, and found again
 *
 * Every change (a stroke, an undo, a parameter) schedules a save at most
 * a second later; saves never wait for the person.  The parameters go into
 * the series' key file, and each frame whose edits changed gets its own
 * edits file, written in a worker thread from a copy.  Both are written
 * atomically (lda-project.c).  Closing the window saves what is pending
 * before it goes.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-project.h"
#include "lda-window-private.h"

#define SAVE_DELAY_MS 1000
#define SAVE_RETRY_MS 50

typedef struct
{
  char      *folder;
  LdaSeries *series;     /* borrowed, read only for frame titles */
  GPtrArray *frames;     /* guint indices, as pointers */
  GPtrArray *edits;      /* copies, LdaEdits or NULL */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->folder);
  g_ptr_array_unref (job->frames);
  g_ptr_array_unref (job->edits);
  g_free (job);
}

static gboolean
write_edits (SaveJob  *job,
             GError  **error)
{
  for (guint i = 0; i < job->frames->len; i++)
    {
      guint frame = GPOINTER_TO_UINT (g_ptr_array_index (job->frames, i));
      LdaEdits *edits = g_ptr_array_index (job->edits, i);

      if (!lda_project_save_edits (job->folder, job->series, frame, edits, error))
        return FALSE;
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!write_edits (task_data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Marks the frames of @job unsaved again after it failed. */
static void
mark_unsaved (LdaWindow *self,
              SaveJob   *job)
{
  for (guint i = 0; i < job->frames->len; i++)
    {
      guint frame = GPOINTER_TO_UINT (g_ptr_array_index (job->frames, i));

      if (frame < self->unsaved_edits->len)
        self->unsaved_edits->data[frame] = TRUE;
    }
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LdaWindow *self = LDA_WINDOW (object);
  g_autoptr(GError) error = NULL;

  self->saves_in_flight--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("Your corrections could not be saved: %s"),
                                                  error->message);

      /* Still unsaved: the next save, or closing the window, tries again. */
      mark_unsaved (self, g_task_get_task_data (G_TASK (result)));
      lda_window_show_message (self, message);
    }
}

/* Takes what is unsaved: copies of the edits of the frames marked. */
static SaveJob *
take_unsaved (LdaWindow *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->folder = g_strdup (self->project_folder);
  job->series = self->series;
  job->frames = g_ptr_array_new ();
  job->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);

  for (guint i = 0; i < self->unsaved_edits->len; i++)
    if (self->unsaved_edits->data[i])
      {
        LdaEdits *edits = i < self->edits->len ? g_ptr_array_index (self->edits, i) : NULL;

        g_ptr_array_add (job->frames, GUINT_TO_POINTER (i));
        g_ptr_array_add (job->edits, edits != NULL ? lda_edits_copy (edits, NULL) : NULL);
        self->unsaved_edits->data[i] = FALSE;
      }

  return job;
}

static gboolean
save_params (LdaWindow  *self,
             GError    **error)
{
  if (!self->unsaved_params)
    return TRUE;

  self->unsaved_params = FALSE;
  if (lda_project_save_params (self->series, self->project_folder, error))
    return TRUE;
  self->unsaved_params = TRUE;
  return FALSE;
}

static gboolean
autosave (gpointer user_data)
{
  LdaWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  self->autosave_id = 0;
  if (self->series == NULL || self->project_folder == NULL)
    return G_SOURCE_REMOVE;

  /* One save at a time: two in flight could finish in the wrong order
   * and leave the older edits on disk.  Come back when this one is done. */
  if (self->saves_in_flight > 0)
    {
      self->autosave_id = g_timeout_add (SAVE_RETRY_MS, autosave, self);
      return G_SOURCE_REMOVE;
    }

  if (!save_params (self, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Your parameters could not be saved: %s"),
                                                  error->message);

      lda_window_show_message (self, message);
    }

  /* The series outlives the task: a new series is only set after
   * lda_window_save_now() has written everything. */
  self->saves_in_flight++;
  task = g_task_new (self, NULL, save_done, NULL);
  g_task_set_source_tag (task, autosave);
  g_task_set_task_data (task, take_unsaved (self), (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);

  return G_SOURCE_REMOVE;
}

/**
 * lda_window_save_schedule:
 * @self: a window
 * @frame: the frame whose edits changed, or -1 for the parameters
 *
 * Saves within a second.  A burst of changes is saved together; the first
 * change of a burst is never more than a second old when it is saved.
 */
void
lda_window_save_schedule (LdaWindow *self,
                          gint       frame)
{
  if (self->series == NULL)
    return;

  if (frame < 0)
    self->unsaved_params = TRUE;
  else
    {
      if ((guint) frame >= self->unsaved_edits->len)
        g_byte_array_set_size (self->unsaved_edits, (guint) frame + 1);
      self->unsaved_edits->data[frame] = TRUE;
      /* A frame's state is kept with the parameters. */
      self->unsaved_params = TRUE;
    }

  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add (SAVE_DELAY_MS, autosave, self);
}

/**
 * lda_window_save_now:
 * @self: a window
 * @error: return location for an error
 *
 * Writes whatever is unsaved, now, on this thread: before the window
 * closes or another series replaces this one.
 *
 * Returns: %TRUE if everything was written
 */
gboolean
lda_window_save_now (LdaWindow  *self,
                     GError    **error)
{
  SaveJob *job;
  gboolean ok;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  /* A save in flight reads the series: let it finish first. */
  while (self->saves_in_flight > 0)
    g_main_context_iteration (NULL, TRUE);

  if (self->series == NULL || self->project_folder == NULL)
    return TRUE;

  if (!save_params (self, error))
    return FALSE;

  job = take_unsaved (self);
  ok = write_edits (job, error);
  save_job_free (job);

  return ok;
}

gboolean
lda_window_save_pending (LdaWindow *self)
{
  return self->autosave_id != 0 || self->saves_in_flight > 0;
}

const char *
lda_window_get_project_folder (LdaWindow *self)
{
  return self->project_folder;
}

/* Whether the project could be written there, without creating anything:
 * opening images leaves no trace until there is something to save. */
static gboolean
folder_writable (const char *folder)
{
  GStatBuf st;

  /* A folder nobody may write to is read-only, even for root, who
   * access() would let through. */
  return g_stat (folder, &st) == 0 && S_ISDIR (st.st_mode) &&
         (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0 &&
         access (folder, W_OK | X_OK) == 0;
}

static gboolean
can_write_project (const char *folder)
{
  g_autofree char *parent = NULL;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return folder_writable (folder);
  if (g_file_test (folder, G_FILE_TEST_EXISTS))
    return FALSE;

  parent = g_path_get_dirname (folder);
  return folder_writable (parent);
}

/**
 * lda_window_save_load:
 * @self: a window whose series was just set
 *
 * Finds the project beside the images (or, for a folder that cannot be
 * written, in the person's data folder, and says so; the bundled sample
 * always keeps its project there) and restores its parameters, frame
 * states and edits.
 */
void
lda_window_save_load (LdaWindow *self)
{
  g_autofree char *folder = lda_project_default_folder (self->series);
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->project_folder, g_free);
  g_byte_array_set_size (self->unsaved_edits, 0);
  self->unsaved_params = FALSE;

  if (self->is_sample || !can_write_project (folder))
    {
      g_autofree char *fallback = lda_project_fallback_folder (self->series);

      if (!self->is_sample)
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("The image folder cannot be written to; your corrections "
                                       "are saved in %s"), fallback);
          lda_window_show_message (self, message);
        }
      g_free (folder);
      folder = g_steal_pointer (&fallback);
    }

  self->project_folder = g_steal_pointer (&folder);

  if (!lda_project_load (self->series, self->project_folder, &edits, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, LDA_ERROR, LDA_ERROR_CORRUPT))
        {
          g_autoptr(GError) again = NULL;

          /* The damaged files were set aside: what is intact loads now. */
          message = g_strdup_printf (_("Part of the saved corrections was damaged and has been "
                                       "set aside: %s"), error->message);
          g_clear_pointer (&edits, g_ptr_array_unref);
          if (!lda_project_load (self->series, self->project_folder, &edits, &again))
            {
              g_free (message);
              message = g_strdup_printf (_("The saved corrections could not be read (%s); "
                                           "new corrections will not be saved"), again->message);
              g_clear_pointer (&self->project_folder, g_free);
            }
        }
      else
        {
          /* Never write over a project this version cannot read. */
          message = g_strdup_printf (_("The saved corrections could not be read (%s); "
                                       "new corrections will not be saved"), error->message);
          g_clear_pointer (&self->project_folder, g_free);
        }

      lda_window_show_message (self, message);
      if (self->project_folder == NULL)
        return;
    }

  for (guint i = 0; edits != NULL && i < edits->len && i < self->edits->len; i++)
    {
      LdaEdits *e = g_ptr_array_index (edits, i);

      if (e != NULL)
        {
          g_ptr_array_index (edits, i) = NULL;
          lda_edits_free (g_ptr_array_index (self->edits, i));
          g_ptr_array_index (self->edits, i) = e;
        }
    }
}

void
lda_window_save_finalize (LdaWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_pointer (&self->project_folder, g_free);
  g_clear_pointer (&self->unsaved_edits, g_byte_array_unref);
}
