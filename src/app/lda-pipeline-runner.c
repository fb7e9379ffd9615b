/* lda-pipeline-runner.c — runs the core off the main thread, newest wins
 *
 * One runner per window.  It owns the frame's LdaPipeline and hands it to
 * one worker thread at a time.  Requests made while a job runs are merged
 * into one pending job: parameter changes supersede each other (the newest
 * wins, and the job in flight is left to finish, so that a slider being
 * dragged keeps producing results), while loading another frame cancels
 * the job in flight.  The worker also renders the display pixels, so the
 * main thread only wraps them in textures.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-pipeline-runner.h"
#include "lda-threshold.h"

/* What the window holds per pixel of the frame it shows: the pipeline
 * (%LDA_PIPELINE_BYTES_PER_PIXEL), the four panes' RGBA images, the
 * overlay tiles, the edits and the textures the renderer keeps.
 * Measured: a 4096 × 4096 frame adds 102 bytes a pixel to the window's
 * resident size; the rest is margin. */
#define WINDOW_BYTES_PER_PIXEL 120

#define CONTRAST_SOBEL LDA_N_INPUTS

typedef struct
{
  guint        generation;
  guint        frame;
  gboolean     load;
  LdaTriple   *triple;
  guint        page;
  LdaPipeline *pipeline;
  LdaParams    params;
  gboolean     render_base;
  gboolean     auto_contrast;
  LdaContrast  contrasts[LDA_N_INPUTS + 1];
  GBytes      *intensities[LDA_N_CHANNELS];
  LdaRunResult *result;
} Job;

struct _LdaPipelineRunner
{
  GObject       parent_instance;

  LdaPipeline  *pipeline;
  guint         frame;
  LdaRunResult *result;
  guint         generation;

  GCancellable *cancellable;
  gboolean      busy;

  /* The next job, merged from every request since the last start. */
  gboolean      pending;
  gboolean      pending_load;
  LdaTriple    *pending_triple;
  guint         pending_page;
  guint         pending_frame;
  gboolean      pending_render;
  gboolean      pending_auto_contrast;
  gboolean      manual_contrast;
  LdaParams     params;
  LdaContrast   contrasts[LDA_N_INPUTS + 1];
};

G_DEFINE_FINAL_TYPE (LdaPipelineRunner, lda_pipeline_runner, G_TYPE_OBJECT)

enum {
  UPDATED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
lda_run_result_free (LdaRunResult *result)
{
  if (result == NULL)
    return;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&result->inputs[i], lda_image_unref);
  g_clear_pointer (&result->sobel, lda_image_unref);
  g_clear_pointer (&result->labels, lda_image_unref);
  g_clear_pointer (&result->brightfield_pixels, g_bytes_unref);
  g_clear_pointer (&result->composite_pixels, g_bytes_unref);
  g_clear_pointer (&result->fluorescence_pixels, g_bytes_unref);
  g_clear_pointer (&result->sobel_pixels, g_bytes_unref);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      g_clear_pointer (&result->intensities[c], g_bytes_unref);
      g_clear_pointer (&result->votes[c], g_free);
    }
  g_clear_pointer (&result->counts, lda_counts_free);
  g_clear_pointer (&result->nuclei, lda_runs_free);
  g_free (result);
}

static LdaTriple *
triple_copy (const LdaTriple *triple)
{
  /* The whole triple: the pages of a multi-channel file's channels too. */
  return lda_triple_copy (triple);
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->triple, lda_triple_free);
  g_clear_pointer (&job->pipeline, lda_pipeline_free);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    g_clear_pointer (&job->intensities[c], g_bytes_unref);
  g_clear_pointer (&job->result, lda_run_result_free);
  g_free (job);
}

static GBytes *
histogram_bytes (const LdaImage *image)
{
  guint32 *histogram = g_new (guint32, LDA_HISTOGRAM_BINS);

  lda_image_histogram (image, histogram);

  return g_bytes_new_take (histogram, LDA_HISTOGRAM_BINS * sizeof (guint32));
}

static guint
histogram_max (GBytes *bytes)
{
  const guint32 *histogram = g_bytes_get_data (bytes, NULL);

  for (guint v = LDA_HISTOGRAM_BINS; v-- > 0;)
    if (histogram[v] != 0)
      return v;

  return 0;
}

/* Runs in the worker: load if asked, run the stale stages, render. */
static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRuns) nuclei = NULL;
  LdaRunResult *result;
  LdaPipeline *pipeline;
  gint64 t0 = g_get_monotonic_time ();

  if (job->load)
    {
      /* Refuse a frame the window cannot hold before reading it, rather
       * than run out of memory half-way and lose everything open. */
      job->pipeline = lda_triple_open_pipeline_full (job->triple, job->page,
                                                     WINDOW_BYTES_PER_PIXEL, &error);
      if (job->pipeline == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The histogram marks where every method would put the threshold. */
      lda_pipeline_set_all_methods (job->pipeline, TRUE);
    }

  pipeline = job->pipeline;
  if (!lda_pipeline_set_params (pipeline, &job->params, &error) ||
      !lda_pipeline_run (pipeline, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Copied once per run, so that the pointer finds its nucleus by a
   * search in a row's runs, whatever the image's size. */
  if (lda_pipeline_get_regions (pipeline) != NULL &&
      !(nuclei = lda_runs_copy (lda_pipeline_get_regions (pipeline)->nuclei, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (LdaRunResult, 1);
  job->result = result;
  result->frame = job->frame;
  result->generation = job->generation;
  result->width = lda_pipeline_get_width (pipeline);
  result->height = lda_pipeline_get_height (pipeline);
  result->run_us = g_get_monotonic_time () - t0;
  result->params = job->params;
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    result->inputs[i] = lda_image_ref (lda_pipeline_get_input (pipeline, i));
  result->sobel = lda_image_ref (lda_pipeline_get_sobel (pipeline));
  result->labels = lda_image_ref (lda_pipeline_get_labels (pipeline));
  result->counts = lda_counts_copy (lda_pipeline_get_counts (pipeline));
  result->dead_level = lda_pipeline_get_dead_level (pipeline);
  result->nuclei = g_steal_pointer (&nuclei);

  t0 = g_get_monotonic_time ();

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      LdaImage *image = lda_pipeline_get_channel_image (pipeline, c);

      if (job->intensities[c] == NULL)
        job->intensities[c] = histogram_bytes (image);
      result->intensities[c] = g_bytes_ref (job->intensities[c]);
      result->votes[c] = g_memdup2 (lda_pipeline_get_votes (pipeline, c),
                                    LDA_HISTOGRAM_BINS * sizeof (guint32));
      result->peak[c] = lda_pipeline_get_peak (pipeline, c);
      result->threshold[c] = lda_pipeline_get_threshold (pipeline, c);
      result->coverage[c] = lda_pipeline_get_mask_coverage (pipeline, c);
      result->max_value[c] = histogram_max (job->intensities[c]);
      result->saturation[c] = lda_image_saturation (image);
      result->levels[c] = *lda_pipeline_get_levels (pipeline, c);
    }

  if (job->auto_contrast)
    {
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        lda_contrast_auto (result->inputs[i], 0.5, 99.5, &job->contrasts[i]);
      lda_contrast_auto (result->sobel, 0.5, 99.5, &job->contrasts[CONTRAST_SOBEL]);
    }
  memcpy (result->contrasts, job->contrasts, sizeof job->contrasts);

  if (job->render_base)
    {
      result->brightfield_pixels = lda_render_gray (result->inputs[LDA_INPUT_BRIGHTFIELD],
                                                    &job->contrasts[LDA_INPUT_BRIGHTFIELD]);
      result->composite_pixels = lda_render_composite (result->inputs[0], result->inputs[1],
                                                       result->inputs[2], job->contrasts);
      result->fluorescence_pixels = lda_render_composite (NULL, result->inputs[1],
                                                          result->inputs[2], job->contrasts);
      result->sobel_pixels = lda_render_gray (result->sobel, &job->contrasts[CONTRAST_SOBEL]);
    }
  result->render_us = g_get_monotonic_time () - t0;

  g_task_return_boolean (task, TRUE);
}

static void start_pending (LdaPipelineRunner *self);

static void
job_done (GObject      *object,
          GAsyncResult *async_result,
          gpointer      user_data)
{
  LdaPipelineRunner *self = LDA_PIPELINE_RUNNER (object);
  GTask *task = G_TASK (async_result);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  g_clear_object (&self->cancellable);

  /* The pipeline comes back to the runner whatever happened, unless the
   * job was loading a frame that failed: then the old one stays. */
  if (job->pipeline != NULL && (job->load ? job->result != NULL : TRUE))
    {
      if (job->load)
        {
          g_clear_pointer (&self->pipeline, lda_pipeline_free);
          self->frame = job->frame;
        }
      self->pipeline = g_steal_pointer (&job->pipeline);
    }

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, job->load, error);
    }
  else
    {
      LdaRunResult *result = g_steal_pointer (&job->result);
      LdaRunResult *previous = self->result;

      /* Carry the base pixels over from the previous result of the same
       * frame when they were not rendered again. */
      if (!job->render_base && previous != NULL && previous->frame == result->frame)
        {
          result->brightfield_pixels = g_bytes_ref (previous->brightfield_pixels);
          result->composite_pixels = g_bytes_ref (previous->composite_pixels);
          result->fluorescence_pixels = g_bytes_ref (previous->fluorescence_pixels);
          result->sobel_pixels = g_bytes_ref (previous->sobel_pixels);
        }
      /* Keep automatic windows for later renders, unless the person has
       * set one since this job started. */
      if (job->auto_contrast && !self->manual_contrast)
        memcpy (self->contrasts, result->contrasts, sizeof self->contrasts);

      self->result = result;
      g_signal_emit (self, signals[UPDATED], 0, result);
      lda_run_result_free (previous);
    }

  start_pending (self);
}

static void
start_pending (LdaPipelineRunner *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->busy || !self->pending)
    return;

  /* Nothing to run on before a frame is loaded. */
  if (!self->pending_load && self->pipeline == NULL)
    return;

  job = g_new0 (Job, 1);
  job->generation = self->generation;
  job->params = self->params;
  job->load = self->pending_load;
  job->render_base = self->pending_render || self->pending_load;
  /* A contrast the person set holds across frames; otherwise each frame
   * gets its own automatic one. */
  job->auto_contrast = self->pending_auto_contrast ||
                       (self->pending_load && !self->manual_contrast);
  memcpy (job->contrasts, self->contrasts, sizeof job->contrasts);

  if (job->load)
    {
      job->triple = g_steal_pointer (&self->pending_triple);
      job->page = self->pending_page;
      job->frame = self->pending_frame;
    }
  else
    {
      job->pipeline = g_steal_pointer (&self->pipeline);
      job->frame = self->frame;
      if (self->result != NULL && self->result->frame == self->frame)
        for (guint c = 0; c < LDA_N_CHANNELS; c++)
          job->intensities[c] = g_bytes_ref (self->result->intensities[c]);
    }

  self->pending = FALSE;
  self->pending_load = FALSE;
  self->pending_render = FALSE;
  self->pending_auto_contrast = FALSE;
  self->busy = TRUE;
  self->cancellable = g_cancellable_new ();

  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_source_tag (task, start_pending);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
}

/**
 * lda_pipeline_runner_load:
 * @self: a runner
 * @frame: the frame's index, carried into its results
 * @triple: its files
 * @page: its page
 * @params: the parameters that apply to it
 *
 * Loads a frame and segments it.  A job in flight is cancelled.  If the
 * frame cannot be loaded, ::failed is emitted and the previous frame stays.
 */
void
lda_pipeline_runner_load (LdaPipelineRunner *self,
                          guint              frame,
                          const LdaTriple   *triple,
                          guint              page,
                          const LdaParams   *params)
{
  g_return_if_fail (LDA_IS_PIPELINE_RUNNER (self));

  g_clear_pointer (&self->pending_triple, lda_triple_free);
  self->pending_triple = triple_copy (triple);
  self->pending_page = page;
  self->pending_frame = frame;
  self->pending_load = TRUE;
  self->pending = TRUE;
  self->params = *params;
  self->generation++;

  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  start_pending (self);
}

/**
 * lda_pipeline_runner_set_params:
 * @self: a runner
 * @params: new parameters for the current frame
 *
 * Re-runs the stages the change makes stale.  While a job runs, the newest
 * parameters wait and run next.
 */
void
lda_pipeline_runner_set_params (LdaPipelineRunner *self,
                                const LdaParams   *params)
{
  g_return_if_fail (LDA_IS_PIPELINE_RUNNER (self));

  self->params = *params;
  self->pending = TRUE;
  self->generation++;
  start_pending (self);
}

/**
 * lda_pipeline_runner_set_contrast:
 * @self: a runner
 * @index: 0–2 for brightfield, Hoechst, Draq7; 3 for the Sobel pane
 * @contrast: the display window
 *
 * Changes only how the images look; the core's data is untouched.
 */
void
lda_pipeline_runner_set_contrast (LdaPipelineRunner *self,
                                  guint              index,
                                  const LdaContrast *contrast)
{
  g_return_if_fail (index <= CONTRAST_SOBEL);

  self->contrasts[index] = *contrast;
  self->manual_contrast = TRUE;
  self->pending_render = TRUE;
  self->pending = TRUE;
  self->generation++;
  start_pending (self);
}

void
lda_pipeline_runner_auto_contrast (LdaPipelineRunner *self)
{
  self->pending_auto_contrast = TRUE;
  self->manual_contrast = FALSE;
  self->pending_render = TRUE;
  self->pending = TRUE;
  self->generation++;
  start_pending (self);
}

gboolean
lda_pipeline_runner_is_busy (LdaPipelineRunner *self)
{
  return self->busy || self->pending;
}

guint
lda_pipeline_runner_get_generation (LdaPipelineRunner *self)
{
  return self->generation;
}

/**
 * lda_pipeline_runner_get_result:
 * @self: a runner
 *
 * Returns: (transfer none) (nullable): the latest result
 */
LdaRunResult *
lda_pipeline_runner_get_result (LdaPipelineRunner *self)
{
  return self->result;
}

static void
lda_pipeline_runner_dispose (GObject *object)
{
  LdaPipelineRunner *self = LDA_PIPELINE_RUNNER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (lda_pipeline_runner_parent_class)->dispose (object);
}

static void
lda_pipeline_runner_finalize (GObject *object)
{
  LdaPipelineRunner *self = LDA_PIPELINE_RUNNER (object);

  g_clear_pointer (&self->pipeline, lda_pipeline_free);
  g_clear_pointer (&self->result, lda_run_result_free);
  g_clear_pointer (&self->pending_triple, lda_triple_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lda_pipeline_runner_parent_class)->finalize (object);
}

static void
lda_pipeline_runner_class_init (LdaPipelineRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lda_pipeline_runner_dispose;
  object_class->finalize = lda_pipeline_runner_finalize;

  /**
   * LdaPipelineRunner::updated:
   * @result: (type gpointer): the new #LdaRunResult, owned by the runner
   *   until the next update
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  /**
   * LdaPipelineRunner::failed:
   * @loading: whether a frame was being loaded (the previous one stays)
   * @error: what went wrong
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                  G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
lda_pipeline_runner_init (LdaPipelineRunner *self)
{
  lda_params_init (&self->params);
}

LdaPipelineRunner *
lda_pipeline_runner_new (void)
{
  return g_object_new (LDA_TYPE_PIPELINE_RUNNER, NULL);
}
