/* lda-pipeline.c — the whole segmentation of one triple, stage by stage
 *
 * The pipeline keeps every stage's result and recomputes only what a
 * parameter change makes stale: a Hoechst slider re-thresholds and re-closes
 * the Hoechst mask and re-runs the watershed, never the Sobel.  The cell
 * area chain and the two nucleus chains are independent, so a run does
 * them on two threads.  A run can be cancelled between stages (and within
 * the long ones); stages finished before the cancel stay valid.
 *
 * Results are reference-counted images that are never written once made,
 * so a caller may keep a reference across later runs.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-error.h"
#include "lda-morph.h"
#include "lda-pipeline.h"
#include "lda-sobel.h"
#include "lda-threshold.h"

typedef struct
{
  /* Threshold stage: the votes are kept, so that an offset change only
   * recomputes one multiplication. */
  guint32     *votes;
  gboolean     votes_valid;
  guint        votes_coarseness;
  gboolean     votes_ignore_saturated;
  guint        peak;
  gint64       threshold;
  gboolean     threshold_valid;

  /* Mask stage, valid while it was made with this threshold and kernel. */
  LdaBitplane *bits;
  LdaImage    *image;
  gint64       mask_threshold;
  guint        mask_kernel;
  gsize        mask_count;
} Channel;

struct _LdaPipeline
{
  LdaImage   *inputs[LDA_N_INPUTS];
  guint       width;
  guint       height;
  LdaParams   params;
  gboolean    threaded;

  LdaImage   *sobel;
  Channel     channels[LDA_N_CHANNELS];
  LdaRegions *regions;
  LdaImage   *labels;
  LdaCounts  *counts;

  guint       runs[LDA_N_STAGES];
  gint64      times[LDA_N_STAGES];
};

static const char * const stage_names[LDA_N_STAGES] = {
  "sobel",
  "threshold cell area", "threshold hoechst", "threshold draq7",
  "mask cell area", "mask hoechst", "mask draq7",
  "watershed",
  "labels and counts",
};

/**
 * lda_stage_name:
 * @stage: a stage
 *
 * Returns: a short name for reports and benchmarks
 */
const char *
lda_stage_name (LdaStage stage)
{
  g_return_val_if_fail (stage < LDA_N_STAGES, NULL);

  return stage_names[stage];
}

static const char * const input_names[LDA_N_INPUTS] = {
  N_("brightfield"), N_("Hoechst"), N_("Draq7"),
};

/**
 * lda_pipeline_new:
 * @brightfield: the brightfield image, #LDA_PIXEL_U16
 * @hoechst: the Hoechst image, #LDA_PIXEL_U16
 * @draq7: the Draq7 image, #LDA_PIXEL_U16
 * @error: return location for an error
 *
 * Takes a reference on each input.  Fails with %LDA_ERROR_SIZE_MISMATCH
 * when the three differ in size.  Parameters start at the defaults.
 *
 * Returns: (transfer full) (nullable): a pipeline with nothing computed
 */
LdaPipeline *
lda_pipeline_new (LdaImage  *brightfield,
                  LdaImage  *hoechst,
                  LdaImage  *draq7,
                  GError   **error)
{
  LdaImage *inputs[LDA_N_INPUTS] = { brightfield, hoechst, draq7 };
  LdaPipeline *self;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_return_val_if_fail (inputs[i] != NULL && inputs[i]->type == LDA_PIXEL_U16, NULL);

  for (guint i = 1; i < LDA_N_INPUTS; i++)
    if (!lda_image_same_size (inputs[0], inputs[i]))
      {
        g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
                     _("the %s image is %u × %u but the %s image is %u × %u"),
                     _(input_names[i]), inputs[i]->width, inputs[i]->height,
                     _(input_names[0]), inputs[0]->width, inputs[0]->height);
        return NULL;
      }

  self = g_new0 (LdaPipeline, 1);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    self->inputs[i] = lda_image_ref (inputs[i]);
  self->width = brightfield->width;
  self->height = brightfield->height;
  self->threaded = TRUE;
  lda_params_init (&self->params);

  return self;
}

static void
channel_clear (Channel *chan)
{
  g_clear_pointer (&chan->votes, g_free);
  g_clear_pointer (&chan->bits, lda_bitplane_free);
  g_clear_pointer (&chan->image, lda_image_unref);
}

static void
clear_regions (LdaPipeline *self)
{
  g_clear_pointer (&self->regions, lda_regions_free);
  g_clear_pointer (&self->labels, lda_image_unref);
  g_clear_pointer (&self->counts, lda_counts_free);
}

void
lda_pipeline_free (LdaPipeline *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_image_unref (self->inputs[i]);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    channel_clear (&self->channels[c]);
  g_clear_pointer (&self->sobel, lda_image_unref);
  clear_regions (self);
  g_free (self);
}

/**
 * lda_pipeline_set_channel_params:
 * @self: a pipeline
 * @channel: which channel
 * @params: its new parameters
 * @error: return location for an error
 *
 * Marks stale exactly the stages that depend on what changed.  Nothing is
 * computed until lda_pipeline_run().
 *
 * Returns: %FALSE, changing nothing, if a value is out of range
 */
gboolean
lda_pipeline_set_channel_params (LdaPipeline            *self,
                                 LdaChannel              channel,
                                 const LdaChannelParams *params,
                                 GError                **error)
{
  LdaChannelParams *old;
  Channel *chan;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (channel < LDA_N_CHANNELS, FALSE);

  if (!lda_channel_params_validate (params, channel, error))
    return FALSE;

  old = &self->params.channel[channel];
  chan = &self->channels[channel];

  if (old->coarseness != params->coarseness ||
      !old->ignore_saturated != !params->ignore_saturated)
    chan->votes_valid = FALSE;

  if (!chan->votes_valid ||
      old->offset != params->offset ||
      !old->use_offset != !params->use_offset ||
      !old->manual != !params->manual ||
      old->manual_threshold != params->manual_threshold)
    chan->threshold_valid = FALSE;

  /* A kernel change is caught by the mask's own check in run_channel(). */
  *old = *params;

  return TRUE;
}

/**
 * lda_pipeline_set_params:
 * @self: a pipeline
 * @params: parameters of all three channels
 * @error: return location for an error
 *
 * Returns: %FALSE, changing nothing, if a value is out of range
 */
gboolean
lda_pipeline_set_params (LdaPipeline     *self,
                         const LdaParams *params,
                         GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!lda_params_validate (params, error))
    return FALSE;

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_pipeline_set_channel_params (self, c, &params->channel[c], NULL);

  return TRUE;
}

const LdaParams *
lda_pipeline_get_params (LdaPipeline *self)
{
  return &self->params;
}

/**
 * lda_pipeline_set_threaded:
 * @self: a pipeline
 * @threaded: whether a run may use a second thread (the default)
 *
 * A caller that already runs several pipelines at once turns this off.
 */
void
lda_pipeline_set_threaded (LdaPipeline *self,
                           gboolean     threaded)
{
  self->threaded = !!threaded;
}

static gboolean
mask_is_valid (LdaPipeline *self,
               LdaChannel   channel)
{
  const Channel *chan = &self->channels[channel];

  return chan->bits != NULL &&
         chan->threshold_valid &&
         chan->mask_threshold == chan->threshold &&
         chan->mask_kernel == self->params.channel[channel].kernel;
}

static gboolean
channel_is_done (LdaPipeline *self,
                 LdaChannel   channel)
{
  return (channel != LDA_CHANNEL_CELL_AREA || self->sobel != NULL) &&
         self->channels[channel].threshold_valid &&
         mask_is_valid (self, channel);
}

/* Brings one channel's threshold and mask up to date.  Sets *changed when
 * the mask was remade.  Touches only this channel's state (and the Sobel
 * for the cell area), so the three chains may run on different threads. */
static gboolean
run_channel (LdaPipeline  *self,
             LdaChannel    channel,
             gboolean     *changed,
             GCancellable *cancellable,
             GError      **error)
{
  const LdaChannelParams *p = &self->params.channel[channel];
  Channel *chan = &self->channels[channel];
  LdaImage *source;
  gint64 t0;

  if (channel == LDA_CHANNEL_CELL_AREA)
    {
      if (self->sobel == NULL)
        {
          t0 = g_get_monotonic_time ();
          self->sobel = lda_sobel (self->inputs[LDA_INPUT_BRIGHTFIELD], cancellable, error);
          if (self->sobel == NULL)
            return FALSE;
          self->times[LDA_STAGE_SOBEL] = g_get_monotonic_time () - t0;
          self->runs[LDA_STAGE_SOBEL]++;
        }
      source = self->sobel;
    }
  else
    source = self->inputs[channel];

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!chan->threshold_valid)
    {
      t0 = g_get_monotonic_time ();

      /* The votes are kept even for a manual threshold: the application
       * plots them beside the threshold in use. */
      if (!chan->votes_valid)
        {
          if (chan->votes == NULL)
            chan->votes = g_new (guint32, LDA_HISTOGRAM_BINS);
          if (!lda_threshold_votes (source, p->coarseness, p->ignore_saturated,
                                    chan->votes, cancellable))
            return !g_cancellable_set_error_if_cancelled (cancellable, error);
          chan->votes_coarseness = p->coarseness;
          chan->votes_ignore_saturated = p->ignore_saturated;
          chan->peak = lda_threshold_peak (chan->votes);
          chan->votes_valid = TRUE;
        }

      chan->threshold = p->manual ? (gint64) p->manual_threshold
                                  : lda_threshold_apply_offset (chan->peak, p);
      chan->threshold_valid = TRUE;
      self->times[LDA_STAGE_THRESHOLD (channel)] = g_get_monotonic_time () - t0;
      self->runs[LDA_STAGE_THRESHOLD (channel)]++;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!mask_is_valid (self, channel))
    {
      g_autoptr(LdaBitplane) binary = NULL;
      LdaBitplane *mask;

      t0 = g_get_monotonic_time ();
      binary = lda_bitplane_new (self->width, self->height, error);
      if (binary == NULL)
        return FALSE;
      lda_bitplane_threshold (binary, source, chan->threshold);
      mask = lda_morph_close_fill (binary, p->kernel, cancellable, error);
      if (mask == NULL)
        return FALSE;

      g_clear_pointer (&chan->bits, lda_bitplane_free);
      g_clear_pointer (&chan->image, lda_image_unref);
      chan->bits = mask;
      chan->mask_threshold = chan->threshold;
      chan->mask_kernel = p->kernel;
      chan->mask_count = lda_bitplane_count (mask);
      *changed = TRUE;
      self->times[LDA_STAGE_MASK (channel)] = g_get_monotonic_time () - t0;
      self->runs[LDA_STAGE_MASK (channel)]++;
    }

  return TRUE;
}

typedef struct
{
  LdaPipeline  *self;
  GCancellable *cancellable;
  GError       *error;
  gboolean      changed;
  gboolean      ok;
} ChainJob;

static gpointer
cell_area_chain (gpointer data)
{
  ChainJob *job = data;

  job->ok = run_channel (job->self, LDA_CHANNEL_CELL_AREA, &job->changed,
                         job->cancellable, &job->error);

  return NULL;
}

/**
 * lda_pipeline_run:
 * @self: a pipeline
 * @cancellable: (nullable): cancels the run between stages and within the
 *   long ones
 * @error: return location for an error
 *
 * Computes every stale stage.  On cancellation returns %FALSE with
 * %G_IO_ERROR_CANCELLED; what was finished stays valid, and the next run
 * goes on from there.  The pipeline must not be used from another thread
 * while it runs; images taken from it earlier may be.
 *
 * Returns: %TRUE when every stage is up to date
 */
gboolean
lda_pipeline_run (LdaPipeline  *self,
                  GCancellable *cancellable,
                  GError      **error)
{
  gboolean changed = FALSE;
  gint64 t0;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint s = 0; s < LDA_N_STAGES; s++)
    self->times[s] = 0;

  /* The cell area chain on a second thread when both sides have work. */
  if (self->threaded &&
      !channel_is_done (self, LDA_CHANNEL_CELL_AREA) &&
      (!channel_is_done (self, LDA_CHANNEL_HOECHST) || !channel_is_done (self, LDA_CHANNEL_DRAQ7)))
    {
      ChainJob job = { self, cancellable, NULL, FALSE, FALSE };
      g_autoptr(GError) local_error = NULL;
      GThread *thread = g_thread_new ("lda-cell-area", cell_area_chain, &job);
      gboolean ok;

      ok = run_channel (self, LDA_CHANNEL_HOECHST, &changed, cancellable, &local_error) &&
           run_channel (self, LDA_CHANNEL_DRAQ7, &changed, cancellable, &local_error);
      g_thread_join (thread);

      if (job.changed)
        changed = TRUE;
      if (changed)
        clear_regions (self);
      if (!job.ok)
        {
          g_propagate_error (error, job.error);
          return FALSE;
        }
      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  else
    {
      for (guint c = 0; c < LDA_N_CHANNELS; c++)
        {
          gboolean ok = run_channel (self, c, &changed, cancellable, error);

          if (changed)
            clear_regions (self);
          if (!ok)
            return FALSE;
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->regions == NULL)
    {
      t0 = g_get_monotonic_time ();
      self->regions = lda_regions_new (self->channels[LDA_CHANNEL_CELL_AREA].bits,
                                       self->channels[LDA_CHANNEL_HOECHST].bits,
                                       self->channels[LDA_CHANNEL_DRAQ7].bits,
                                       cancellable, error);
      if (self->regions == NULL)
        return FALSE;
      self->times[LDA_STAGE_REGIONS] = g_get_monotonic_time () - t0;
      self->runs[LDA_STAGE_REGIONS]++;
      g_clear_pointer (&self->labels, lda_image_unref);
      g_clear_pointer (&self->counts, lda_counts_free);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (self->labels == NULL)
    {
      const LdaBitplane *ho = self->channels[LDA_CHANNEL_HOECHST].bits;
      const LdaBitplane *dr = self->channels[LDA_CHANNEL_DRAQ7].bits;

      t0 = g_get_monotonic_time ();
      self->labels = lda_compose (self->regions, ho, dr, error);
      if (self->labels == NULL)
        return FALSE;
      self->counts = lda_counts_new (self->regions, ho, dr);
      self->times[LDA_STAGE_LABELS] = g_get_monotonic_time () - t0;
      self->runs[LDA_STAGE_LABELS]++;
    }

  return TRUE;
}

/**
 * lda_pipeline_stage_is_valid:
 * @self: a pipeline
 * @stage: a stage
 *
 * Returns: whether @stage's result is up to date with the parameters
 */
gboolean
lda_pipeline_stage_is_valid (LdaPipeline *self,
                             LdaStage     stage)
{
  g_return_val_if_fail (stage < LDA_N_STAGES, FALSE);

  switch (stage)
    {
    case LDA_STAGE_SOBEL:
      return self->sobel != NULL;
    case LDA_STAGE_THRESHOLD_CELL_AREA:
    case LDA_STAGE_THRESHOLD_HOECHST:
    case LDA_STAGE_THRESHOLD_DRAQ7:
      return self->channels[stage - LDA_STAGE_THRESHOLD_CELL_AREA].threshold_valid;
    case LDA_STAGE_MASK_CELL_AREA:
    case LDA_STAGE_MASK_HOECHST:
    case LDA_STAGE_MASK_DRAQ7:
      return mask_is_valid (self, stage - LDA_STAGE_MASK_CELL_AREA);
    case LDA_STAGE_REGIONS:
      return self->regions != NULL && lda_pipeline_stage_is_valid (self, LDA_STAGE_MASK_CELL_AREA) &&
             lda_pipeline_stage_is_valid (self, LDA_STAGE_MASK_HOECHST) &&
             lda_pipeline_stage_is_valid (self, LDA_STAGE_MASK_DRAQ7);
    case LDA_STAGE_LABELS:
      return self->labels != NULL && lda_pipeline_stage_is_valid (self, LDA_STAGE_REGIONS);
    case LDA_N_STAGES:
    default:
      return FALSE;
    }
}

/**
 * lda_pipeline_is_done:
 * @self: a pipeline
 *
 * Returns: whether every stage is up to date with the parameters
 */
gboolean
lda_pipeline_is_done (LdaPipeline *self)
{
  return lda_pipeline_stage_is_valid (self, LDA_STAGE_LABELS);
}

guint
lda_pipeline_get_width (LdaPipeline *self)
{
  return self->width;
}

guint
lda_pipeline_get_height (LdaPipeline *self)
{
  return self->height;
}

/**
 * lda_pipeline_get_input:
 * @self: a pipeline
 * @input: which input
 *
 * Returns: (transfer none): the input image
 */
LdaImage *
lda_pipeline_get_input (LdaPipeline *self,
                        LdaInput     input)
{
  g_return_val_if_fail (input < LDA_N_INPUTS, NULL);

  return self->inputs[input];
}

/**
 * lda_pipeline_get_sobel:
 * @self: a pipeline
 *
 * Returns: (transfer none) (nullable): the Sobel magnitude, once computed
 */
LdaImage *
lda_pipeline_get_sobel (LdaPipeline *self)
{
  return self->sobel;
}

/**
 * lda_pipeline_get_channel_image:
 * @self: a pipeline
 * @channel: a channel
 *
 * Returns: (transfer none) (nullable): the image @channel is thresholded
 *   on: the Sobel magnitude for the cell area, else the input
 */
LdaImage *
lda_pipeline_get_channel_image (LdaPipeline *self,
                                LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return channel == LDA_CHANNEL_CELL_AREA ? self->sobel : self->inputs[channel];
}

/**
 * lda_pipeline_get_votes:
 * @self: a pipeline
 * @channel: a channel
 *
 * Returns: (nullable) (array fixed-size=65536): the histogram of tile
 *   maxima, valid until the next run
 */
const guint32 *
lda_pipeline_get_votes (LdaPipeline *self,
                        LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return self->channels[channel].votes_valid ? self->channels[channel].votes : NULL;
}

guint
lda_pipeline_get_peak (LdaPipeline *self,
                       LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, 0);

  return self->channels[channel].peak;
}

/**
 * lda_pipeline_get_threshold:
 * @self: a pipeline
 * @channel: a channel
 *
 * Returns: the threshold in use (manual or computed); it may exceed 65 535
 */
gint64
lda_pipeline_get_threshold (LdaPipeline *self,
                            LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, 0);

  return self->channels[channel].threshold;
}

/**
 * lda_pipeline_get_mask:
 * @self: a pipeline
 * @channel: a channel
 *
 * The mask as an image of 0 and 1, made on first request.
 *
 * Returns: (transfer none) (nullable): the mask, or %NULL if not computed
 */
LdaImage *
lda_pipeline_get_mask (LdaPipeline *self,
                       LdaChannel   channel)
{
  Channel *chan;

  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  chan = &self->channels[channel];
  if (chan->bits == NULL)
    return NULL;

  if (chan->image == NULL)
    {
      chan->image = lda_image_new (LDA_PIXEL_U8, self->width, self->height, NULL);
      if (chan->image != NULL)
        lda_bitplane_to_image (chan->bits, chan->image, 1);
    }

  return chan->image;
}

/**
 * lda_pipeline_get_mask_coverage:
 * @self: a pipeline
 * @channel: a channel
 *
 * Returns: the fraction of the image the channel's mask covers, 0 to 1;
 *   the application warns when it is 0 or nearly 1
 */
double
lda_pipeline_get_mask_coverage (LdaPipeline *self,
                                LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, 0.0);

  return (double) self->channels[channel].mask_count /
         ((double) self->width * self->height);
}

const LdaRegions *
lda_pipeline_get_regions (LdaPipeline *self)
{
  return self->regions;
}

/**
 * lda_pipeline_get_labels:
 * @self: a pipeline
 *
 * Returns: (transfer none) (nullable): the 5-class label mask
 */
LdaImage *
lda_pipeline_get_labels (LdaPipeline *self)
{
  return self->labels;
}

const LdaCounts *
lda_pipeline_get_counts (LdaPipeline *self)
{
  return self->counts;
}

/**
 * lda_pipeline_get_stage_runs:
 * @self: a pipeline
 * @stage: a stage
 *
 * Returns: how many times @stage has been computed
 */
guint
lda_pipeline_get_stage_runs (LdaPipeline *self,
                             LdaStage     stage)
{
  g_return_val_if_fail (stage < LDA_N_STAGES, 0);

  return self->runs[stage];
}

/**
 * lda_pipeline_get_stage_time:
 * @self: a pipeline
 * @stage: a stage
 *
 * Returns: microseconds @stage took in the last run, 0 if it did not run
 */
gint64
lda_pipeline_get_stage_time (LdaPipeline *self,
                             LdaStage     stage)
{
  g_return_val_if_fail (stage < LDA_N_STAGES, 0);

  return self->times[stage];
}
