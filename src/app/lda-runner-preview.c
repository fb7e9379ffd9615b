/* lda-runner-preview.c — a moved threshold posted before the slow stages
 *
 * While a slider moves, the runner's worker brings the channels' masks up
 * to date first and, when one moved, posts copies of them to the thread
 * that made the request, the window's.  That thread draws them into the
 * last label mask (lda_preview_labels()) and the window shows it: it has
 * time, waiting for its next frame, while the worker goes on at once
 * with the split and the watershed on both processors.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-preview.h"
#include "lda-runner-preview.h"
#include "lda-task.h"

/* A preview on its way: the last label mask and the masks that moved. */
typedef struct
{
  LdaPipelineRunner *runner;
  LdaRunPreview     *preview;
  LdaImage          *old;
  LdaBitplane       *masks[LDA_N_CHANNELS];
} PreviewPost;

static void
preview_post_free (PreviewPost *post)
{
  lda_run_preview_free (post->preview);
  g_clear_pointer (&post->old, lda_image_unref);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    g_clear_pointer (&post->masks[c], lda_bitplane_free);
  g_clear_object (&post->runner);
  g_free (post);
}

/* In the requesting thread: the preview drawn and shown, only while
 * nothing newer was asked for. */
static gboolean
emit_preview (gpointer data)
{
  PreviewPost *post = data;
  const LdaBitplane *masks[LDA_N_CHANNELS];

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    masks[c] = post->masks[c];
  if (post->preview->generation == lda_pipeline_runner_get_generation (post->runner) &&
      (post->preview->labels = lda_preview_labels (post->old, masks, NULL)) != NULL)
    lda_pipeline_runner_emit_preview (post->runner, post->preview);

  preview_post_free (post);

  return G_SOURCE_REMOVE;
}

/**
 * lda_runner_post_preview:
 * @task: the worker's task, whose source object is the runner
 * @pipeline: the frame's pipeline, its parameters set
 * @frame: the frame it segments
 * @generation: the request the run answers
 * @cancellable: (nullable): the run's
 *
 * In the worker: brings the masks up to date and, when one moved, posts
 * them as a preview to the thread that made the request.  A failure here
 * is not one: the full run that follows reports it.
 */
void
lda_runner_post_preview (GTask        *task,
                         LdaPipeline  *pipeline,
                         guint         frame,
                         guint         generation,
                         GCancellable *cancellable)
{
  g_autoptr(LdaImage) old = NULL;
  guint runs[LDA_N_CHANNELS];
  gboolean any = FALSE;
  LdaRunPreview *preview;
  PreviewPost *post;
  GSource *source;

  if (lda_pipeline_get_labels (pipeline) == NULL || lda_pipeline_is_done (pipeline))
    return;

  old = lda_image_ref (lda_pipeline_get_labels (pipeline));
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    runs[c] = lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK (c));
  if (!lda_pipeline_run_masks (pipeline, cancellable, NULL))
    return;

  post = g_new0 (PreviewPost, 1);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK (c)) != runs[c])
      {
        /* A copy: the pipeline drops its masks when they move again. */
        post->masks[c] = lda_bitplane_copy (lda_pipeline_get_mask_plane (pipeline, c), NULL);
        if (post->masks[c] == NULL)
          {
            preview_post_free (post);
            return;
          }
        any = TRUE;
      }
  if (!any)
    {
      preview_post_free (post);
      return;
    }

  preview = g_new0 (LdaRunPreview, 1);
  preview->frame = frame;
  preview->generation = generation;
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      preview->threshold[c] = lda_pipeline_get_threshold (pipeline, c);
      preview->coverage[c] = lda_pipeline_get_mask_coverage (pipeline, c);
    }
  post->runner = g_object_ref (lda_task_get_owner (task));
  post->preview = preview;
  post->old = g_steal_pointer (&old);

  /* Always through a source of the requesting thread's context: from a
   * thread that has no context of its own, g_main_context_invoke() runs
   * the function right there whenever it can take the main context (the
   * main thread between two iterations of its loop), and the window's
   * handler would run in this worker. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_preview, post, NULL);
  g_source_set_static_name (source, "[lda-preview]");
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}
