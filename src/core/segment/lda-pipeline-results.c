/* lda-pipeline-results.c — what a pipeline has computed, for its readers
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-pipeline-private.h"

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

/**
 * lda_pipeline_get_peak:
 * @self: a pipeline
 * @channel: a channel
 *
 * Returns: the most voted tile maximum k (pipeline.md §1), whatever the method
 */
guint
lda_pipeline_get_peak (LdaPipeline *self,
                       LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, 0);

  return self->channels[channel].levels.level[LDA_METHOD_MAX_TILE];
}

/**
 * lda_pipeline_get_histogram:
 * @self: a pipeline
 * @channel: a channel
 *
 * Returns: (nullable) (array fixed-size=65536): the histogram of the
 *   channel's pixels, once a method or lda_pipeline_set_all_methods()
 *   needed it; it never changes once made
 */
const guint32 *
lda_pipeline_get_histogram (LdaPipeline *self,
                            LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return self->channels[channel].histogram;
}

/**
 * lda_pipeline_get_levels:
 * @self: a pipeline
 * @channel: a channel
 *
 * Where each threshold method puts the channel's threshold with its
 * current parameters, the dark level, the saturation in use and the
 * brightest pixel: what the histogram plot marks.  Methods other than the
 * article's are there when the channel uses one or after
 * lda_pipeline_set_all_methods(); otherwise their threshold is -1.
 *
 * Returns: the levels, valid until the next run
 */
const LdaThresholdLevels *
lda_pipeline_get_levels (LdaPipeline *self,
                         LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return &self->channels[channel].levels;
}

/**
 * lda_pipeline_get_saturation:
 * @self: a pipeline that has run
 * @channel: a channel
 *
 * Returns: the saturation value in use for @channel: the parameter, or
 *   what the data show (255, 4095, 16 383 or 65 535; always 65 535 for the
 *   Sobel gradient of the cell area)
 */
guint
lda_pipeline_get_saturation (LdaPipeline *self,
                             LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, 0);

  return self->channels[channel].levels.saturation;
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
  LdaPipelineChannel *chan;

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
 * lda_pipeline_get_mask_plane:
 * @self: a pipeline
 * @channel: a channel
 *
 * The mask as the pipeline holds it, a bit a pixel.
 *
 * Returns: (transfer none) (nullable): the mask, or %NULL if not computed
 */
const LdaBitplane *
lda_pipeline_get_mask_plane (LdaPipeline *self,
                             LdaChannel   channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return self->channels[channel].bits;
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
 * lda_pipeline_get_nuclei:
 * @self: a pipeline
 *
 * Returns: (nullable): the nucleus objects and the split lines, when the
 *   parameters make objects (LdaNucleusParams.objects) and they are
 *   computed
 */
const LdaNuclei *
lda_pipeline_get_nuclei (LdaPipeline *self)
{
  return self->nuclei;
}

/**
 * lda_pipeline_get_object_at:
 * @self: a pipeline that has run
 * @x: column
 * @y: row
 *
 * The nucleus under the pointer: its index in lda_pipeline_get_counts()'s
 * objects, whose evidence (area, mean Hoechst, mean Draq7, Draq7 share,
 * call) the window reads out, and whose runs in
 * lda_pipeline_get_regions()'s nuclei (those labelled with the index,
 * within the object's bounding box) outline it.
 *
 * Returns: the object's index, or -1 where there is no nucleus
 */
gint
lda_pipeline_get_object_at (LdaPipeline *self,
                            guint        x,
                            guint        y)
{
  g_return_val_if_fail (x < self->width && y < self->height, -1);

  if (self->regions == NULL)
    return -1;

  return lda_regions_object_at (self->regions, x, y);
}

/**
 * lda_pipeline_compute_dead_level:
 * @self: a pipeline that has thresholded Draq7
 *
 * A dead nucleus is one whose Draq7 is above half-way from the dark
 * level to the Draq7 threshold (see lda_counts_new_full()) — unless that
 * threshold had to be raised out of the noise: half-way to it is noise,
 * and the threshold itself is the lowest level above it.  A nucleus
 * object is called dead when more than half of its pixels are above this
 * level; the same rule calls nuclei imported from elsewhere
 * (lda-mask-import.c).
 *
 * Returns: the Draq7 level above which a nucleus pixel counts as dead
 */
gint64
lda_pipeline_compute_dead_level (LdaPipeline *self)
{
  const LdaPipelineChannel *chan = &self->channels[LDA_CHANNEL_DRAQ7];
  const LdaChannelParams *p = &self->params.channel[LDA_CHANNEL_DRAQ7];
  gint64 threshold = chan->threshold;
  gint64 dark = lda_pipeline_channel_dark_level (self, LDA_CHANNEL_DRAQ7);

  if (chan->levels.raised[p->method] && threshold >= chan->levels.threshold[p->method])
    return threshold;
  return threshold > dark ? dark + (threshold - dark) / 2 : threshold;
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
 * lda_pipeline_get_dead_level:
 * @self: a pipeline that has run
 *
 * The Draq7 level of the live/dead calls: with nucleus objects, a nucleus
 * is dead when more than half of its pixels are above it (LdaEvidence);
 * with the article's rule, the Draq7 threshold itself.
 *
 * Returns: the level, or -1 before the labels are computed
 */
gint64
lda_pipeline_get_dead_level (LdaPipeline *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->counts != NULL ? self->dead_level : -1;
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
      return lda_pipeline_channel_mask_is_valid (self, stage - LDA_STAGE_MASK_CELL_AREA);
    case LDA_STAGE_NUCLEI:
      /* Without nucleus objects there is nothing to split. */
      return (!self->params.nuclei.objects || self->nuclei != NULL) &&
             lda_pipeline_stage_is_valid (self, LDA_STAGE_MASK_HOECHST) &&
             lda_pipeline_stage_is_valid (self, LDA_STAGE_MASK_DRAQ7);
    case LDA_STAGE_REGIONS:
      return self->regions != NULL && lda_pipeline_stage_is_valid (self, LDA_STAGE_MASK_CELL_AREA) &&
             lda_pipeline_stage_is_valid (self, LDA_STAGE_NUCLEI);
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
