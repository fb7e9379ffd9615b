/* lda-window-counts.c — segmenting the other frames of a series in the
 * background, for the dead-fraction plot
 *
 * While the person works on one frame, the others are segmented one at a
 * time with their own parameters, on one thread, only when the runner is
 * idle; any request of the person's cancels this background work, which
 * starts again afterwards.  Only the counts are kept.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-frame-run.h"
#include "lda-task.h"
#include "lda-window-private.h"

typedef struct
{
  LdaTriple *triple;
  guint      page;
  guint      frame;
  char      *title;
  LdaParams  params;
  LdaEdits  *edits;    /* a copy, or NULL */
  LdaCounts *counts;
} CountJob;

static void
count_job_free (CountJob *job)
{
  lda_triple_free (job->triple);
  g_free (job->title);
  lda_edits_free (job->edits);
  lda_counts_free (job->counts);
  g_free (job);
}

static void
count_frame (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr(LdaFrameRun) run = NULL;
  g_autoptr(GError) error = NULL;

  /* One thread: the person's own runs have the other core.  The plot
   * follows the corrected masks, counted as the export counts them. */
  run = lda_frame_run (job->triple, job->page, job->title, &job->params, job->edits,
                       LDA_FRAME_RUN_ONE_THREAD, cancellable, &error);
  if (run == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->counts = g_steal_pointer (&run->counts);
  g_task_return_boolean (task, TRUE);
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LdaWindow *self = LDA_WINDOW (object);
  GTask *task = G_TASK (result);
  CountJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (task, &error);

  /* A cancelled job belongs to a series or parameters that are gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (task) != self->count_cancellable)
    return;

  g_clear_object (&self->count_cancellable);

  if (ok)
    lda_window_set_frame_counts (self, job->frame, job->counts);
  else if (self->count_failed != NULL && job->frame < self->count_failed->len)
    self->count_failed->data[job->frame] = TRUE;

  lda_window_schedule_counts (self);
}

/**
 * lda_window_schedule_counts:
 * @self: a window
 *
 * Starts segmenting the next frame that has no counts, if the runner is
 * idle and nothing else is being counted.
 */
void
lda_window_schedule_counts (LdaWindow *self)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job;
  guint n;

  if (self->series == NULL || self->count_cancellable != NULL ||
      lda_pipeline_runner_is_busy (self->runner))
    return;

  n = lda_series_get_n_frames (self->series);
  for (guint i = 0; i < n; i++)
    {
      LdaFrame *frame = lda_series_get_frame (self->series, i);

      if (i == self->frame || frame->has_counts ||
          (self->count_failed != NULL && i < self->count_failed->len &&
           self->count_failed->data[i]))
        continue;

      job = g_new0 (CountJob, 1);
      job->triple = lda_triple_copy (frame->triple);
      job->page = frame->page;
      job->title = g_strdup (frame->title);
      job->frame = i;
      job->params = *lda_document_get_params (self->document, i);
      if (lda_document_get_edits (self->document, i) != NULL)
        {
          /* Without a copy the counts would leave the corrections out:
           * try again later rather than count wrong. */
          job->edits = lda_edits_copy (lda_document_get_edits (self->document, i), NULL);
          if (job->edits == NULL)
            {
              count_job_free (job);
              return;
            }
        }

      self->count_cancellable = g_cancellable_new ();
      task = lda_task_new (self, self->count_cancellable, count_done);
      g_task_set_source_tag (task, lda_window_schedule_counts);
      g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);
      g_task_run_in_thread (task, count_frame);
      return;
    }
}

/**
 * lda_window_cancel_counts:
 * @self: a window
 *
 * Stops the background work, so that the person's request has both cores.
 */
void
lda_window_cancel_counts (LdaWindow *self)
{
  if (self->count_cancellable != NULL)
    {
      g_cancellable_cancel (self->count_cancellable);
      g_clear_object (&self->count_cancellable);
    }
}

/**
 * lda_window_forget_counts:
 * @self: a window
 *
 * The series' parameters changed: every frame that follows them needs
 * segmenting again.
 */
void
lda_window_forget_counts (LdaWindow *self)
{
  guint n;

  lda_window_cancel_counts (self);
  if (self->series == NULL)
    return;

  n = lda_series_get_n_frames (self->series);
  for (guint i = 0; i < n; i++)
    {
      LdaFrame *frame = lda_series_get_frame (self->series, i);

      if (i != self->frame && !frame->has_override && frame->has_counts)
        lda_window_set_frame_counts (self, i, NULL);
    }
}
