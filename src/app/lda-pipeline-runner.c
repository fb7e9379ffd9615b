/* lda-pipeline-runner.c — runs the core off the main thread, newest wins
 *
 * One runner per window.  It owns the frame's LdaPipeline and hands it to
 * one worker thread at a time.  Requests made while a job runs are merged
 * into one pending job: parameter changes supersede each other (the newest
 * wins, and the job in flight is left to finish, so that a slider being
 * dragged keeps producing results), while loading another frame cancels
 * the job in flight.  Requests that follow each other or the last result
 * closely, or come while a job runs or a slider is held, are a slider
 * being dragged: their nuclei are the last split carried onto the moved
 * masks (lda_pipeline_set_dragging()), and once no request has come for a
 * moment, or at once when the slider is let go, the runner splits exactly
 * again, a run that the next request cancels.  The worker also renders
 * the display pixels, so the main thread only wraps them in textures.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-pipeline-runner.h"
#include "lda-runner-preview.h"
#include "lda-task.h"
#include "lda-threshold.h"

/* What the window holds per pixel of the frame it shows: the pipeline
 * (%LDA_PIPELINE_BYTES_PER_PIXEL), the panes' display pixels and their
 * mipmap levels, the label tiles on screen, the edits and the stage
 * cache.  Measured: with an 8192 × 8192 triple open, tuned and painted
 * zoomed out and zoomed in, the whole application peaked at 39.4 bytes a
 * pixel of the frame while the gray panes kept four bytes a pixel, and
 * at 32.9–34.2 since they keep one; the rest is margin. */
#define WINDOW_BYTES_PER_PIXEL 44

#define CONTRAST_SOBEL LDA_N_INPUTS

/* The slow stages' results kept for slider values left behind: a frame's
 * worth of them is about 6 bytes a pixel, so up to four sets for frames
 * of up to a megapixel, two at 2048 × 2048, none from 4096 × 4096. */
#define CACHE_PIXELS (G_GUINT64_CONSTANT (8) << 20)
#define CACHE_MAX    4

/* A request this soon after the one before is part of a drag; the exact
 * run follows this long after the last request of a drag.  A slider
 * dragged by hand moves every 10–50 ms; a click or a key press on it
 * alone runs exactly at once. */
#define DRAG_GAP_US (250 * G_TIME_SPAN_MILLISECOND)
#define SETTLE_MS   150

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
  gboolean     dragging;
  guint        preview_shift;
  LdaRect      preview_visible;
  gboolean     settle;
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
  gboolean      settling;     /* the job in flight is the exact run after a drag */

  /* A drag: when the last parameters were asked for, and the exact run
   * waiting for the slider to rest. */
  gint64        last_request;
  gint64        last_result;
  GSource      *settle_source;
  gboolean      held;         /* a slider held by the pointer: a drag */
  /* What the panes show (lda_pipeline_set_preview()). */
  guint         preview_shift;
  LdaRect       preview_visible;
  gboolean      let_go;       /* and let go since the last request */

  /* The next job, merged from every request since the last start. */
  gboolean      pending;
  gboolean      pending_load;
  LdaTriple    *pending_triple;
  guint         pending_page;
  guint         pending_frame;
  gboolean      pending_render;
  gboolean      pending_auto_contrast;
  gboolean      pending_dragging;
  gboolean      pending_settle;
  gboolean      manual_contrast;
  LdaParams     params;
  LdaContrast   contrasts[LDA_N_INPUTS + 1];
};

G_DEFINE_FINAL_TYPE (LdaPipelineRunner, lda_pipeline_runner, G_TYPE_OBJECT)

enum {
  UPDATED,
  PREVIEW,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
      lda_pipeline_set_cache_size (job->pipeline,
                                   (guint) MIN (CACHE_MAX, CACHE_PIXELS /
                                                ((guint64) lda_pipeline_get_width (job->pipeline) *
                                                 lda_pipeline_get_height (job->pipeline))));
    }

  pipeline = job->pipeline;
  lda_pipeline_set_dragging (pipeline, job->dragging);
  lda_pipeline_set_preview (pipeline, job->preview_shift, &job->preview_visible);
  if (!lda_pipeline_set_params (pipeline, &job->params, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The moved threshold first, the slow stages after. */
  if (!job->load && !job->settle)
    lda_runner_post_preview (task, pipeline, job->frame, job->generation, cancellable);
  if (!lda_pipeline_run (pipeline, cancellable, &error))
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
  for (guint st = 0; st < LDA_N_STAGES; st++)
    result->stage_us[st] = lda_pipeline_get_stage_time (pipeline, st);
  result->params = job->params;
  result->exact = lda_pipeline_is_exact (pipeline);
  result->settled = job->settle;
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
      result->brightfield_pixels = lda_render_gray8 (result->inputs[LDA_INPUT_BRIGHTFIELD],
                                                     &job->contrasts[LDA_INPUT_BRIGHTFIELD]);
      result->composite_pixels = lda_render_composite (result->inputs[0], result->inputs[1],
                                                       result->inputs[2], job->contrasts);
      result->fluorescence_pixels = lda_render_composite (NULL, result->inputs[1],
                                                          result->inputs[2], job->contrasts);
      result->sobel_pixels = lda_render_gray8 (result->sobel, &job->contrasts[CONTRAST_SOBEL]);
    }
  result->render_us = g_get_monotonic_time () - t0;

  g_task_return_boolean (task, TRUE);
}

static void start_pending (LdaPipelineRunner *self);

static void
cancel_settle (LdaPipelineRunner *self)
{
  if (self->settle_source == NULL)
    return;

  g_source_destroy (self->settle_source);
  g_clear_pointer (&self->settle_source, g_source_unref);
}

/* The exact run of the result shown, next: its parameters, not those of
 * a load that failed since (which took the runner's). */
static void
queue_settle (LdaPipelineRunner *self)
{
  if (self->result != NULL)
    self->params = self->result->params;
  self->pending = TRUE;
  self->pending_dragging = FALSE;
  self->pending_settle = TRUE;
  self->generation++;
}

static gboolean
settle (gpointer data)
{
  LdaPipelineRunner *self = data;

  g_clear_pointer (&self->settle_source, g_source_unref);
  queue_settle (self);
  start_pending (self);

  return G_SOURCE_REMOVE;
}

/* The drag's last result is shown: the exact one once the slider has
 * rested a moment, or next if it has been let go (no need to wait and
 * see then). */
static void
schedule_settle (LdaPipelineRunner *self)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  cancel_settle (self);
  if (self->let_go)
    {
      queue_settle (self);
      return;
    }
  self->settle_source = g_timeout_source_new (SETTLE_MS);
  g_source_set_callback (self->settle_source, settle, self, NULL);
  g_source_set_static_name (self->settle_source, "[lda-settle]");
  g_source_attach (self->settle_source, context);
}

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
  self->settling = FALSE;
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
      self->last_result = g_get_monotonic_time ();
      /* Before ::updated: its handlers find the runner busy while the
       * exact run waits (no counting of other frames meanwhile). */
      if (!result->exact && !self->pending)
        schedule_settle (self);
      g_signal_emit (self, signals[UPDATED], 0, result);
      lda_run_result_free (previous);
    }

  /* A drag's result still shown after a failed load: it gets its exact
   * run all the same. */
  if (self->result != NULL && !self->result->exact && !self->pending &&
      self->settle_source == NULL && self->pipeline != NULL && self->result->frame == self->frame)
    schedule_settle (self);

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
  job->dragging = self->pending_dragging && !self->pending_load;
  job->preview_shift = self->preview_shift;
  job->preview_visible = self->preview_visible;
  job->settle = self->pending_settle;
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
  self->pending_settle = FALSE;
  self->busy = TRUE;
  self->settling = job->settle;
  self->cancellable = g_cancellable_new ();

  task = lda_task_new (self, self->cancellable, job_done);
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
  self->pending_dragging = FALSE;
  self->pending_settle = FALSE;
  self->params = *params;
  self->generation++;
  cancel_settle (self);

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
 * parameters wait and run next.  A request close on the last one is part
 * of a drag (see above).
 */
void
lda_pipeline_runner_set_params (LdaPipelineRunner *self,
                                const LdaParams   *params)
{
  gint64 now;

  g_return_if_fail (LDA_IS_PIPELINE_RUNNER (self));

  now = g_get_monotonic_time ();
  self->params = *params;
  self->pending = TRUE;
  /* Close on the last request or on the last result, or while a job
   * runs (a frame slow to segment): a drag.  An exact run waiting for it
   * to rest waits on, and one in flight gives way. */
  self->pending_dragging = self->held || (self->busy && !self->settling) ||
                           (self->last_request != 0 && now - self->last_request < DRAG_GAP_US) ||
                           (self->last_result != 0 && now - self->last_result < DRAG_GAP_US);
  self->pending_settle = FALSE;
  self->last_request = now;
  self->let_go = FALSE;
  self->generation++;
  cancel_settle (self);
  if (self->busy && self->settling)
    g_cancellable_cancel (self->cancellable);
  start_pending (self);
}

/**
 * lda_pipeline_runner_set_held:
 * @self: a runner
 * @held: whether the pointer holds a slider
 *
 * A slider pressed is about to be dragged: every request until it is let
 * go is part of the drag, the first one too.  Let go, the drag has ended:
 * the exact run follows at once rather than after the pause that ends a
 * drag by keys or wheel.
 */
void
lda_pipeline_runner_set_held (LdaPipelineRunner *self,
                              gboolean           held)
{
  g_return_if_fail (LDA_IS_PIPELINE_RUNNER (self));

  held = !!held;
  if (held == self->held)
    return;
  self->held = held;
  self->let_go = !held;
  /* The change waiting for the job in flight is the drag's last: it
   * runs exactly, not carried and then again. */
  if (!held && self->pending && !self->pending_load && !self->pending_settle)
    self->pending_dragging = FALSE;
  /* A drag's result waiting for its exact run gets it now; one still
   * being made gets it when it is done (job_done()). */
  if (!held && self->settle_source != NULL)
    {
      schedule_settle (self);
      start_pending (self);
    }
}

/**
 * lda_pipeline_runner_set_preview:
 * @self: a runner
 * @shift: the mipmap level the panes show the frame at: 0 at 1:1 or
 *   closer, 1 where a screen pixel shows 2 × 2 of the frame's, and so on
 * @visible: (nullable): the part of the frame they show, if known
 *
 * While a slider is dragged, the cells are flooded no finer than that
 * (lda_pipeline_set_preview()), from the next job on.
 */
void
lda_pipeline_runner_set_preview (LdaPipelineRunner *self,
                                 guint              shift,
                                 const LdaRect     *visible)
{
  g_return_if_fail (LDA_IS_PIPELINE_RUNNER (self));

  self->preview_shift = shift;
  self->preview_visible = visible != NULL ? *visible : (LdaRect) { 0, 0, 0, 0 };
}

/**
 * lda_pipeline_runner_get_preview_shift:
 * @self: a runner
 *
 * Returns: the level set by lda_pipeline_runner_set_preview()
 */
guint
lda_pipeline_runner_get_preview_shift (LdaPipelineRunner *self)
{
  g_return_val_if_fail (LDA_IS_PIPELINE_RUNNER (self), 0);

  return self->preview_shift;
}

/**
 * lda_pipeline_runner_get_preview_visible:
 * @self: a runner
 * @visible: (out): the part of the frame set by
 *   lda_pipeline_runner_set_preview(), empty if not known
 */
void
lda_pipeline_runner_get_preview_visible (LdaPipelineRunner *self,
                                         LdaRect           *visible)
{
  g_return_if_fail (LDA_IS_PIPELINE_RUNNER (self));

  *visible = self->preview_visible;
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
  return self->busy || self->pending || self->settle_source != NULL;
}

guint
lda_pipeline_runner_get_generation (LdaPipelineRunner *self)
{
  return self->generation;
}

/**
 * lda_pipeline_runner_emit_preview:
 * @self: a runner
 * @preview: a preview made for the request it answers
 *
 * Emits LdaPipelineRunner::preview, in the thread that made the requests
 * (lda-runner-preview.c).
 */
void
lda_pipeline_runner_emit_preview (LdaPipelineRunner *self,
                                  LdaRunPreview     *preview)
{
  g_signal_emit (self, signals[PREVIEW], 0, preview);
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
  cancel_settle (self);

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
   * LdaPipelineRunner::preview:
   * @preview: (type gpointer): an #LdaRunPreview, owned by the runner
   *
   * Parameters moved a channel's mask: emitted as soon as the masks are
   * made, before ::updated brings the whole result of the same
   * generation.  Not emitted when a newer request was made meanwhile.
   */
  signals[PREVIEW] = g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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
