/* lda-pipeline-runner-preview.c — a moved threshold drawn while the
 * slow stages run
 *
 * While a slider is dragged, the runner's worker makes the channels'
 * masks first; a second thread draws them into the last label mask and
 * posts the preview (LdaPipelineRunner::preview) while the worker goes
 * on with the nuclei and the cells, which do not need it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-helper.h"
#include "lda-pipeline-runner-private.h"
#include "lda-preview.h"

typedef struct
{
  LdaPipelineRunner *runner;
  LdaRunPreview     *preview;
} PreviewPost;

static gboolean
emit_preview (gpointer data)
{
  PreviewPost *post = data;

  lda_pipeline_runner_emit_preview (post->runner, post->preview);
  g_object_unref (post->runner);
  g_free (post);

  return G_SOURCE_REMOVE;
}

/* Posts @preview, labels made, to the thread that made the request of
 * @task.  Always through a source of that thread's context: from a
 * thread that has no context of its own, g_main_context_invoke() runs
 * the function right there whenever it can take the main context (the
 * main thread between two iterations of its loop), and the window's
 * handler would run in this thread. */
static void
post_preview (GTask         *task,
              LdaRunPreview *preview)
{
  PreviewPost *post = g_new0 (PreviewPost, 1);
  GSource *source;

  post->runner = g_object_ref (g_task_get_source_object (task));
  post->preview = preview;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_preview, post, NULL);
  g_source_set_static_name (source, "[lda-preview]");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

/* A preview being drawn on a second thread while the worker goes on with
 * the nuclei, which do not need it. */
struct _LdaPreviewWork
{
  GTask             *task;
  LdaRunPreview     *preview;
  LdaImage          *old;
  const LdaBitplane *masks[LDA_N_CHANNELS];
  LdaHelper         *helper;
};

/* Draws the moved masks into the last label mask and posts it.  A
 * failure here is not one: the full run that follows reports it. */
static gpointer
draw_preview (gpointer data)
{
  LdaPreviewWork *work = data;

  work->preview->labels = lda_preview_labels (work->old, work->masks, NULL);
  if (work->preview->labels != NULL)
    post_preview (work->task, g_steal_pointer (&work->preview));

  return NULL;
}

/**
 * lda_preview_work_finish:
 * @work: (nullable) (transfer full): from lda_preview_work_start()
 *
 * Once the pipeline has run: the drawing is done, or, if its thread had
 * not begun by then, not worth doing any more (the whole result comes
 * next).
 */
void
lda_preview_work_finish (LdaPreviewWork *work)
{
  if (work == NULL)
    return;

  lda_helper_finish (work->helper);
  g_clear_pointer (&work->preview, lda_run_preview_free);
  g_clear_pointer (&work->old, lda_image_unref);
  g_free (work);
}

/**
 * lda_preview_work_start:
 * @task: the worker's task, whose source object is the runner
 * @pipeline: the job's pipeline, its parameters set
 * @frame: the job's frame
 * @generation: the job's request
 * @cancellable: (nullable): the job's
 *
 * In the worker: brings the masks up to date and, when one moved, draws
 * the preview on a second thread (or here, without one) and posts it to
 * the thread that made the request.  The masks drawn are the pipeline's:
 * lda_pipeline_run() keeps masks that are up to date, and
 * lda_preview_work_finish() must be called before anything else touches
 * them.
 *
 * Returns: (transfer full) (nullable): the drawing under way, if any
 */
LdaPreviewWork *
lda_preview_work_start (GTask        *task,
                        LdaPipeline  *pipeline,
                        guint         frame,
                        guint         generation,
                        GCancellable *cancellable)
{
  g_autoptr(LdaImage) old = NULL;
  guint runs[LDA_N_CHANNELS];
  gboolean any = FALSE;
  LdaPreviewWork *work;

  if (lda_pipeline_get_labels (pipeline) == NULL || lda_pipeline_is_done (pipeline))
    return NULL;

  old = lda_image_ref (lda_pipeline_get_labels (pipeline));
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    runs[c] = lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK (c));
  if (!lda_pipeline_run_masks (pipeline, cancellable, NULL))
    return NULL;

  work = g_new0 (LdaPreviewWork, 1);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      gboolean changed = lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK (c)) != runs[c];

      work->masks[c] = changed ? lda_pipeline_get_mask_plane (pipeline, c) : NULL;
      any = any || work->masks[c] != NULL;
    }
  if (!any)
    {
      g_free (work);
      return NULL;
    }

  work->task = task;
  work->old = g_steal_pointer (&old);
  work->preview = g_new0 (LdaRunPreview, 1);
  work->preview->frame = frame;
  work->preview->generation = generation;
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      work->preview->threshold[c] = lda_pipeline_get_threshold (pipeline, c);
      work->preview->coverage[c] = lda_pipeline_get_mask_coverage (pipeline, c);
    }

  /* No second thread to be had: drawn here. */
  work->helper = lda_helper_start ("lda-preview", draw_preview, work);
  if (work->helper == NULL)
    draw_preview (work);

  return work;
}
