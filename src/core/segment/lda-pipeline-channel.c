/* lda-pipeline-channel.c — one channel's chain: threshold, then mask
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-mask-bands.h"
#include "lda-pipeline-private.h"
#include "lda-sobel.h"
#include "lda-threshold.h"

/* Marks stale what a change from @old to @params makes stale. */
void
lda_pipeline_channel_invalidate (LdaPipeline            *self,
                                 LdaChannel              channel,
                                 const LdaChannelParams *old,
                                 const LdaChannelParams *params)
{
  LdaPipelineChannel *chan = &self->channels[channel];

  if (old->coarseness != params->coarseness ||
      !old->ignore_saturated != !params->ignore_saturated ||
      old->saturation != params->saturation)
    chan->votes_valid = FALSE;

  if (!chan->votes_valid ||
      old->offset != params->offset ||
      !old->use_offset != !params->use_offset ||
      !old->manual != !params->manual ||
      old->manual_threshold != params->manual_threshold ||
      old->method != params->method)
    chan->threshold_valid = FALSE;

  /* A kernel change is caught by the mask's own check. */
}

gboolean
lda_pipeline_channel_mask_is_valid (LdaPipeline *self,
                                    LdaChannel   channel)
{
  const LdaPipelineChannel *chan = &self->channels[channel];

  return chan->bits != NULL &&
         chan->threshold_valid &&
         chan->mask_threshold == chan->threshold &&
         chan->mask_kernel == self->params.channel[channel].kernel;
}

gboolean
lda_pipeline_channel_is_done (LdaPipeline *self,
                              LdaChannel   channel)
{
  return (channel != LDA_CHANNEL_CELL_AREA || self->sobel != NULL) &&
         self->channels[channel].threshold_valid &&
         lda_pipeline_channel_mask_is_valid (self, channel);
}

/* The saturation value of a channel: the parameter, else detected from
 * the data.  The Sobel magnitude has its own scale, saturating at
 * 65 535 whatever the brightfield's depth (pipeline.md §2). */
static guint
channel_saturation (LdaPipeline            *self,
                    LdaChannel              channel,
                    const LdaChannelParams *p)
{
  if (p->saturation != LDA_SATURATION_AUTO)
    return p->saturation;
  if (channel == LDA_CHANNEL_CELL_AREA)
    return 65535;

  return lda_saturation_detect (self->inputs[channel]->source_bits,
                                self->channels[channel].max_value);
}

static gboolean
run_threshold (LdaPipeline  *self,
               LdaChannel    channel,
               LdaImage     *source,
               GCancellable *cancellable,
               GError      **error)
{
  const LdaChannelParams *p = &self->params.channel[channel];
  LdaPipelineChannel *chan = &self->channels[channel];
  gboolean need_histogram;
  gboolean measure = !chan->levels_measured;
  guint saturation;

  /* The votes are kept even for a manual threshold or another method:
   * the application plots them beside the threshold in use. */
  if (!chan->votes_valid)
    {
      if (chan->votes == NULL)
        chan->votes = g_new (guint32, LDA_HISTOGRAM_BINS);
      if (!lda_threshold_votes_full (source, p->coarseness, 0, chan->votes,
                                     &chan->max_value, cancellable))
        return !g_cancellable_set_error_if_cancelled (cancellable, error);
      if (p->ignore_saturated)
        for (guint v = channel_saturation (self, channel, p); v < LDA_HISTOGRAM_BINS; v++)
          chan->votes[v] = 0;
      chan->votes_valid = TRUE;
      measure = TRUE;
    }

  /* The article's method needs no pixel histogram: made only when a
   * method or the caller (to plot every method) needs it. */
  /* Under a manual threshold the method's levels still decide where the
   * nuclei's cores begin and whether the Draq7 threshold stands out of
   * noise, so that ticking "manual" at the threshold in use changes
   * nothing. */
  need_histogram = p->method != LDA_METHOD_MAX_TILE || self->all_methods;
  if (need_histogram && chan->histogram == NULL)
    {
      chan->histogram = g_new (guint32, LDA_HISTOGRAM_BINS);
      lda_image_histogram (source, chan->histogram);
      measure = TRUE;
    }

  /* The methods' levels read the histograms, which an offset does not
   * change: measured again only when the votes, the histogram or what
   * counts in them changed, and the offset applied to them. */
  saturation = channel_saturation (self, channel, p);
  if (measure || chan->levels.saturation != saturation ||
      !chan->levels_ignore_saturated != !p->ignore_saturated)
    {
      lda_threshold_levels_measure (chan->histogram, chan->votes, saturation,
                                    p->ignore_saturated, &chan->levels);
      chan->levels_ignore_saturated = p->ignore_saturated;
      chan->levels_measured = TRUE;
    }
  lda_threshold_levels_place (&chan->levels, p);

  /* The window's counts for the blob check below, made at the channel's
   * second threshold: a frame only looked at is not slowed down. */
  if (channel != LDA_CHANNEL_CELL_AREA && self->all_methods && chan->coherence == NULL &&
      chan->threshold_runs > 0)
    chan->coherence = lda_coherence_new (source, chan->histogram);
  chan->threshold_runs++;

  /* Nuclei are blobs: a histogram method's threshold on a nuclear stain
   * must find blobs, not noise (the Sobel gradient's edges are lines, and
   * the article's method stays as it is). */
  if (channel != LDA_CHANNEL_CELL_AREA)
    for (guint m = LDA_METHOD_MAX_TILE + 1; m < LDA_N_METHODS; m++)
      if (chan->levels.threshold[m] >= 0 &&
          (m == p->method || self->all_methods))
        {
          gint64 t = chan->coherence != NULL
                     ? lda_coherence_find_objects (chan->coherence, chan->levels.threshold[m],
                                                   chan->levels.max_value)
                     : lda_threshold_find_objects (source, chan->levels.threshold[m],
                                                   chan->levels.max_value, cancellable);

          chan->levels.raised[m] = t != chan->levels.threshold[m];
          chan->levels.threshold[m] = t;
        }

  chan->threshold = p->manual ? (gint64) p->manual_threshold : chan->levels.threshold[p->method];
  chan->threshold_valid = TRUE;

  return TRUE;
}

/**
 * lda_pipeline_run_channel:
 * @self: a pipeline
 * @channel: which channel
 * @changed: (inout): set when the mask was remade
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Brings one channel's threshold and mask up to date.  Touches only this
 * channel's state (and the Sobel for the cell area), so the three chains
 * may run on different threads.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_pipeline_run_channel (LdaPipeline  *self,
                          LdaChannel    channel,
                          gboolean     *changed,
                          GCancellable *cancellable,
                          GError      **error)
{
  const LdaChannelParams *p = &self->params.channel[channel];
  LdaPipelineChannel *chan = &self->channels[channel];
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
      if (!run_threshold (self, channel, source, cancellable, error))
        return FALSE;
      self->times[LDA_STAGE_THRESHOLD (channel)] = g_get_monotonic_time () - t0;
      self->runs[LDA_STAGE_THRESHOLD (channel)]++;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (!lda_pipeline_channel_mask_is_valid (self, channel))
    {
      LdaBitplane *mask;

      t0 = g_get_monotonic_time ();
      mask = lda_mask_bands_new (source, chan->threshold, p->kernel, cancellable, error);
      if (mask == NULL)
        return FALSE;

      /* While a slider is dragged, the cells made with the cell area
       * replaced may be carried onto the new one (lda-pipeline-drag.c). */
      if (channel == LDA_CHANNEL_CELL_AREA && self->dragging)
        {
          g_clear_pointer (&self->replaced_cell_area, lda_bitplane_free);
          self->replaced_cell_area = g_steal_pointer (&chan->bits);
        }
      /* Nuclei moved: a drag previews its cells (lda-pipeline-drag.c). */
      if (channel != LDA_CHANNEL_CELL_AREA)
        self->nuclei_moved = TRUE;
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

/**
 * lda_pipeline_channel_dark_level:
 * @self: a pipeline whose channel @channel is done
 * @channel: a channel
 *
 * The dark level of the channel's pixels, making the pixel histogram if
 * the method did not.  Runs after the channel chains, on the thread that
 * runs the pipeline.
 *
 * Returns: the dark level
 */
guint
lda_pipeline_channel_dark_level (LdaPipeline *self,
                                 LdaChannel   channel)
{
  const LdaChannelParams *p = &self->params.channel[channel];
  LdaPipelineChannel *chan = &self->channels[channel];
  guint saturation = chan->levels.saturation;

  if (chan->histogram == NULL)
    {
      chan->histogram = g_new (guint32, LDA_HISTOGRAM_BINS);
      lda_image_histogram (lda_pipeline_get_channel_image (self, channel), chan->histogram);
    }

  return lda_histogram_dark_level (chan->histogram,
                                   p->ignore_saturated && saturation > 0
                                   ? saturation - 1 : LDA_HISTOGRAM_BINS - 1);
}
