/* lda-pipeline.c — the whole segmentation of one triple, stage by stage
 *
 * The pipeline keeps every stage's result and recomputes only what a
 * parameter change makes stale: a Hoechst slider re-thresholds and re-closes
 * the Hoechst mask, re-splits the nuclei (while it is dragged, carries the
 * last split onto the new mask instead: lda_pipeline_set_dragging()) and
 * re-runs the watershed, never the Sobel; a cell area slider re-runs the
 * cell area's mask and the watershed (while dragged, carries the last
 * cells onto the moved area), the nuclei kept; a split slider re-splits and re-runs the
 * watershed only.  The cell area chain and the two nucleus chains are
 * independent, so a run does them on two threads.  A run can be cancelled
 * between stages (and within the long ones); stages finished before the
 * cancel stay valid.
 *
 * Results are reference-counted images that are never written once made,
 * so a caller may keep a reference across later runs.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-error.h"
#include "lda-buffer.h"
#include "lda-helper.h"
#include "lda-nuclei-carry.h"
#include "lda-pipeline-private.h"

static const char * const stage_names[LDA_N_STAGES] = {
  "sobel",
  "threshold cell area", "threshold hoechst", "threshold draq7",
  "mask cell area", "mask hoechst", "mask draq7",
  "split nuclei",
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
channel_clear (LdaPipelineChannel *chan)
{
  g_clear_pointer (&chan->votes, g_free);
  g_clear_pointer (&chan->histogram, g_free);
  g_clear_pointer (&chan->coherence, lda_coherence_free);
  g_clear_pointer (&chan->bits, lda_bitplane_free);
  g_clear_pointer (&chan->image, lda_image_unref);
}

static void
clear_regions (LdaPipeline *self)
{
  g_clear_pointer (&self->regions_prep, lda_regions_prep_free);
  g_clear_pointer (&self->regions, lda_regions_free);
  self->regions_carried = FALSE;
  g_clear_pointer (&self->labels, lda_image_unref);
  g_clear_pointer (&self->counts, lda_counts_free);
}

/* Drops the nuclei and all that follows them; into the cache, when there
 * is one and they are complete and split exactly.  While a slider is
 * dragged, the nuclei are kept to carry onto the next masks, so that each
 * change carries the last one's. */
static void
clear_nuclei (LdaPipeline *self)
{
  if (self->dragging && self->nuclei != NULL &&
      self->params.nuclei.objects && self->params.nuclei.split)
    {
      lda_nuclei_free (self->carry_base);
      /* Without memory for a copy the next change splits exactly. */
      self->carry_base = self->nuclei_carried ? g_steal_pointer (&self->nuclei) :
                                                lda_nuclei_copy (self->nuclei, NULL);
    }
  if (self->dragging)
    lda_pipeline_keep_regions_base (self);

  /* The relief kept for a drag's next flood is not cached. */
  if (self->regions != NULL)
    g_clear_pointer (&self->regions->relief, lda_buffer_free);
  if (self->cache != NULL && self->labels != NULL && self->regions != NULL &&
      self->counts != NULL && !self->nuclei_carried && !self->regions_carried)
    {
      LdaStageResults results = {
        g_steal_pointer (&self->nuclei),
        g_steal_pointer (&self->regions),
        g_steal_pointer (&self->labels),
        g_steal_pointer (&self->counts),
        self->dead_level,
      };

      lda_stage_cache_put (self->cache, &self->results_params, &results);
    }

  g_clear_pointer (&self->nuclei, lda_nuclei_free);
  self->nuclei_carried = FALSE;
  clear_regions (self);
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
  g_clear_pointer (&self->cache, lda_stage_cache_free);
  self->dragging = FALSE;
  clear_nuclei (self);
  g_clear_pointer (&self->carry_base, lda_nuclei_free);
  lda_pipeline_drop_regions_base (self);
  g_clear_pointer (&self->replaced_cell_area, lda_bitplane_free);
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

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (channel < LDA_N_CHANNELS, FALSE);

  if (!lda_channel_params_validate (params, channel, error))
    return FALSE;

  old = &self->params.channel[channel];
  lda_pipeline_channel_invalidate (self, channel, old, params);
  *old = *params;

  return TRUE;
}

/**
 * lda_pipeline_set_nucleus_params:
 * @self: a pipeline
 * @params: how nuclei become objects
 * @error: return location for an error
 *
 * Drops the nucleus objects, the watershed and the labels when the change
 * affects them: the thresholds and masks stay.
 *
 * Returns: %FALSE, changing nothing, if a value is out of range
 */
gboolean
lda_pipeline_set_nucleus_params (LdaPipeline            *self,
                                 const LdaNucleusParams *params,
                                 GError                **error)
{
  LdaNucleusParams *old;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!lda_nucleus_params_validate (params, error))
    return FALSE;

  old = &self->params.nuclei;
  /* Splitting only acts on objects. */
  if (!old->objects != !params->objects ||
      (params->objects && (!old->split != !params->split ||
                           old->min_area != params->min_area ||
                           (params->split && old->split_depth != params->split_depth))))
    {
      clear_nuclei (self);
      /* A split of other parameters is not carried: split afresh. */
      g_clear_pointer (&self->carry_base, lda_nuclei_free);
      lda_pipeline_drop_regions_base (self);
    }
  *old = *params;

  return TRUE;
}

/**
 * lda_pipeline_set_params:
 * @self: a pipeline
 * @params: parameters of all three channels and of the nuclei
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
  lda_pipeline_set_nucleus_params (self, &params->nuclei, NULL);

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

/**
 * lda_pipeline_set_all_methods:
 * @self: a pipeline
 * @all_methods: compute where every threshold method would put each
 *   channel's threshold, not only the method in use
 *
 * For a window that plots them (lda_pipeline_get_levels()); it costs one
 * histogram of each image, once.  Off by default, so that the article's
 * method runs at the article's cost.
 */
void
lda_pipeline_set_all_methods (LdaPipeline *self,
                              gboolean     all_methods)
{
  g_return_if_fail (self != NULL);

  if (all_methods && !self->all_methods)
    for (guint c = 0; c < LDA_N_CHANNELS; c++)
      self->channels[c].threshold_valid = FALSE;
  self->all_methods = !!all_methods;
}

/**
 * lda_pipeline_set_cache_size:
 * @self: a pipeline
 * @size: how many sets of parameters to keep the slow stages' results
 *   for once the parameters move on; 0 (the default) keeps none
 *
 * For a window whose sliders come back to values they have been at: the
 * nucleus split, the watershed and the labels are then taken back from
 * the cache instead of computed again, giving what a run would give.
 */
void
lda_pipeline_set_cache_size (LdaPipeline *self,
                             guint        size)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->cache, lda_stage_cache_free);
  if (size > 0)
    self->cache = lda_stage_cache_new (size);
}

static gint64 core_threshold (LdaPipeline *self,
                              LdaChannel   channel);

/* Takes the slow stages' results for the parameters now from the cache,
 * once the masks are up to date. */
static void
restore_from_cache (LdaPipeline *self)
{
  LdaStageResults results;

  if (self->cache == NULL || self->regions != NULL ||
      !lda_stage_cache_take (self->cache, &self->params, &results))
    return;

  /* Nuclei kept through a change of the cell area alone are the same as
   * those of any result for these parameters. */
  lda_nuclei_free (self->nuclei);
  self->nuclei = results.nuclei;
  self->nuclei_carried = FALSE;
  self->regions = results.regions;
  self->labels = results.labels;
  self->counts = results.counts;
  self->dead_level = results.dead_level;
  self->results_params = self->params;
  for (guint c = LDA_CHANNEL_HOECHST; c < LDA_N_CHANNELS; c++)
    self->nuclei_core[c] = core_threshold (self, c);
}

typedef struct
{
  LdaPipeline  *self;
  GCancellable *cancellable;
  GError       *error;
  gboolean      changed;
  gboolean      ok;
  gint          done;
} ChainJob;

static gpointer
cell_area_chain (gpointer data)
{
  ChainJob *job = data;

  job->ok = lda_pipeline_run_channel (job->self, LDA_CHANNEL_CELL_AREA, &job->changed,
                                      job->cancellable, &job->error);
  g_atomic_int_set (&job->done, TRUE);

  return NULL;
}

/* Where a nucleus channel's cores begin: its method's own level when the
 * offset puts the threshold below it, else the threshold itself. */
static gint64
core_threshold (LdaPipeline *self,
                LdaChannel   channel)
{
  const LdaPipelineChannel *chan = &self->channels[channel];
  const LdaChannelParams *p = &self->params.channel[channel];

  /* The same under a manual threshold: ticking "manual" at the threshold
   * in use must not move a split. */
  return MAX (chan->threshold, (gint64) chan->levels.level[p->method]);
}

/* Drops what new masks make stale: the nuclei and all that follows them
 * when a nucleus mask changed; when only the cell area did, the cells and
 * the labels, the nuclei kept (into the cache all the same, with a copy
 * of them). */
static gboolean
masks_changed (LdaPipeline *self,
               gboolean     nuclei_changed,
               gboolean     cell_area_changed,
               GError     **error)
{
  LdaNuclei *nuclei = NULL;

  if (!nuclei_changed && !cell_area_changed)
    return TRUE;
  if (!nuclei_changed && self->nuclei != NULL &&
      !(nuclei = lda_nuclei_copy (self->nuclei, error)))
    return FALSE;

  {
    gboolean carried = self->nuclei_carried, dragging = self->dragging;

    /* A dragged cell area slider: the cells are carried onto the new
     * cell area. */
    if (dragging && cell_area_changed && !nuclei_changed)
      lda_pipeline_keep_regions_for_area (self);
    /* The nuclei kept are the base of the next carry already. */
    self->dragging = dragging && nuclei_changed;
    clear_nuclei (self);
    self->dragging = dragging;
    self->nuclei = nuclei;
    self->nuclei_carried = nuclei != NULL && carried;
  }
  /* The last cells were made with another cell area, unless kept for
   * it just now. */
  if (cell_area_changed && (nuclei_changed || !self->dragging))
    lda_pipeline_drop_regions_base (self);
  g_clear_pointer (&self->replaced_cell_area, lda_bitplane_free);

  return TRUE;
}

/* New nucleus masks, and no nucleus objects to make: the nuclei and what
 * follows them are dropped now and taken back from the cache if it has
 * them; with @prepare (the cell area still being made on the other
 * thread), the watershed's work that needs only the nuclei is done
 * meanwhile: their labelling and the relief's column pass
 * (lda_regions_prep_run()).  Touches nothing of the cell area's. */
static gboolean
nuclei_ahead (LdaPipeline  *self,
              gboolean      prepare,
              GError      **error)
{
  clear_nuclei (self);
  restore_from_cache (self);
  if (self->regions != NULL || !prepare)
    return TRUE;

  self->regions_prep = lda_regions_prep_new (self->channels[LDA_CHANNEL_HOECHST].bits,
                                             self->channels[LDA_CHANNEL_DRAQ7].bits, error);

  return self->regions_prep != NULL && lda_regions_prep_run (self->regions_prep, error);
}

/* The three channels' thresholds and masks: the cell area's chain on a
 * second thread (lda-helper.c) when the nuclei have work too, and with
 * @ahead the nuclei's own work while it is not done (nuclei_ahead()). */
static gboolean
run_channels (LdaPipeline  *self,
              gboolean      ahead,
              GCancellable *cancellable,
              GError      **error)
{
  gboolean changed = FALSE;

  if (self->threaded &&
      !lda_pipeline_channel_is_done (self, LDA_CHANNEL_CELL_AREA) &&
      (!lda_pipeline_channel_is_done (self, LDA_CHANNEL_HOECHST) ||
       !lda_pipeline_channel_is_done (self, LDA_CHANNEL_DRAQ7)))
    {
      ChainJob job = { self, cancellable, NULL, FALSE, FALSE, FALSE };
      g_autoptr(GError) local_error = NULL;
      LdaHelper *helper = lda_helper_start ("lda-cell-area", cell_area_chain, &job);
      gboolean ok, early = FALSE;

      ok = lda_pipeline_run_channel (self, LDA_CHANNEL_HOECHST, &changed, cancellable,
                                     &local_error) &&
           lda_pipeline_run_channel (self, LDA_CHANNEL_DRAQ7, &changed, cancellable,
                                     &local_error);
      /* Not with nucleus objects: splitting them ahead, on both
       * processors (lda-split-blobs.c), took them from the cell area's
       * thread (the default preset 1.5 % slower on the tiled sample). */
      if (ok && ahead && changed && !self->params.nuclei.objects)
        {
          early = TRUE;
          ok = nuclei_ahead (self, !g_atomic_int_get (&job.done), &local_error);
        }
      /* Not begun by now (or no thread to be had): the cell area is
       * made here after all. */
      if (!lda_helper_finish (helper))
        cell_area_chain (&job);

      /* Ahead, the nuclei were dropped and made again already, and no
       * cells made: a new cell area has nothing more to drop but the
       * cells to carry. */
      if (early && job.changed)
        lda_pipeline_drop_regions_base (self);
      if (early)
        g_clear_pointer (&self->replaced_cell_area, lda_bitplane_free);
      if (!early && !masks_changed (self, changed, job.changed, ok && job.ok ? &local_error : NULL))
        ok = FALSE;
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
      return TRUE;
    }

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      gboolean cell_area_changed = FALSE;
      gboolean ok = lda_pipeline_run_channel (self, c, c == LDA_CHANNEL_CELL_AREA ?
                                              &cell_area_changed : &changed,
                                              cancellable, error);

      if (!masks_changed (self, changed, cell_area_changed, ok ? error : NULL))
        ok = FALSE;
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* The nucleus objects, split, when the parameters ask for objects. */
static gboolean
run_nuclei (LdaPipeline  *self,
            GCancellable *cancellable,
            GError      **error)
{
  LdaNucleusSignal signal;
  gint64 t0;

  if (self->params.nuclei.objects && self->nuclei != NULL &&
      (self->nuclei_core[LDA_CHANNEL_HOECHST] != core_threshold (self, LDA_CHANNEL_HOECHST) ||
       self->nuclei_core[LDA_CHANNEL_DRAQ7] != core_threshold (self, LDA_CHANNEL_DRAQ7)))
    clear_nuclei (self);

  if (!self->params.nuclei.objects || self->nuclei != NULL)
    return TRUE;

  t0 = g_get_monotonic_time ();
  /* A slider being dragged: the last exact split carried onto the new
   * masks (lda-nuclei-carry.c). */
  if (self->dragging && self->carry_base != NULL && self->params.nuclei.split)
    {
      self->nuclei = lda_nuclei_carry (self->carry_base, self->channels[LDA_CHANNEL_HOECHST].bits,
                                       self->channels[LDA_CHANNEL_DRAQ7].bits,
                                       &self->params.nuclei, cancellable, error);
      self->nuclei_carried = TRUE;
    }
  else
    {
      /* Split by brightness (lda-cores.c). */
      for (guint c = 0; c < 2; c++)
        {
          signal.image[c] = self->inputs[LDA_CHANNEL_HOECHST + c];
          signal.dark[c] = self->channels[LDA_CHANNEL_HOECHST + c].levels.dark;
          signal.threshold[c] = self->channels[LDA_CHANNEL_HOECHST + c].threshold;
        }
      self->nuclei = lda_nuclei_new_bright (self->channels[LDA_CHANNEL_HOECHST].bits,
                                            self->channels[LDA_CHANNEL_DRAQ7].bits,
                                            &signal, &self->params.nuclei, cancellable, error);
      self->nuclei_carried = FALSE;
      /* Split exactly after a drag: its base is no longer needed. */
      if (self->nuclei != NULL && !self->dragging)
        g_clear_pointer (&self->carry_base, lda_nuclei_free);
    }
  if (self->nuclei == NULL)
    return FALSE;
  for (guint c = LDA_CHANNEL_HOECHST; c < LDA_N_CHANNELS; c++)
    self->nuclei_core[c] = core_threshold (self, c);
  self->times[LDA_STAGE_NUCLEI] = g_get_monotonic_time () - t0;
  self->runs[LDA_STAGE_NUCLEI]++;
  clear_regions (self);

  return TRUE;
}

/* The cells: the watershed from the nuclei. */
static gboolean
run_regions (LdaPipeline  *self,
             GCancellable *cancellable,
             GError      **error)
{
  gint64 t0;

  if (self->regions != NULL)
    return TRUE;

  t0 = g_get_monotonic_time ();
  /* A slider being dragged: the last cells carried onto the new nuclei
   * or cell area (lda-pipeline-drag.c), unless too many of them moved,
   * or the cells are previewed at the panes' view. */
  if (self->dragging && self->regions_base != NULL &&
      (self->regions_base_area != NULL || !lda_pipeline_previews_cells (self)) &&
      !lda_pipeline_carry_regions (self, cancellable, error))
    return FALSE;
  if (self->regions_carried)
    g_clear_pointer (&self->regions_prep, lda_regions_prep_free);
  else
    self->regions = lda_pipeline_flood (self, cancellable, error);
  if (self->regions == NULL)
    return FALSE;
  self->nuclei_moved = FALSE;
  /* Flooded exactly at rest: the base of a drag is no longer needed. */
  if (!self->dragging && !self->regions_carried)
    lda_pipeline_drop_regions_base (self);
  self->times[LDA_STAGE_REGIONS] = g_get_monotonic_time () - t0;
  self->runs[LDA_STAGE_REGIONS]++;
  g_clear_pointer (&self->labels, lda_image_unref);
  g_clear_pointer (&self->counts, lda_counts_free);

  return TRUE;
}

/* The live/dead calls, the counts and the label mask. */
static gboolean
run_labels (LdaPipeline *self,
            GError     **error)
{
  const LdaBitplane *ho = self->channels[LDA_CHANNEL_HOECHST].bits;
  const LdaBitplane *dr = self->channels[LDA_CHANNEL_DRAQ7].bits;
  gint64 threshold = self->channels[LDA_CHANNEL_DRAQ7].threshold;
  LdaEvidence evidence = {
    self->inputs[LDA_INPUT_DRAQ7],
    threshold,
    self->params.nuclei.objects,
  };
  gint64 t0;

  if (self->labels != NULL)
    return TRUE;

  t0 = g_get_monotonic_time ();
  /* A dead nucleus is one whose Draq7 is above the dead level
   * (lda_pipeline_compute_dead_level()). */
  if (self->params.nuclei.objects)
    evidence.dead_level = lda_pipeline_compute_dead_level (self);
  self->dead_level = self->params.nuclei.objects ? evidence.dead_level : threshold;
  /* The counts and the mask in one pass over the regions. */
  self->labels = lda_labels_new (self->regions, ho, dr,
                                 self->params.nuclei.objects ? self->nuclei : NULL,
                                 &evidence, &self->counts, error);
  if (self->labels == NULL)
    return FALSE;
  self->times[LDA_STAGE_LABELS] = g_get_monotonic_time () - t0;
  self->runs[LDA_STAGE_LABELS]++;
  self->results_params = self->params;

  return TRUE;
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
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint s = 0; s < LDA_N_STAGES; s++)
    self->times[s] = 0;

  if (run_channels (self, TRUE, cancellable, error))
    {
      restore_from_cache (self);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           run_nuclei (self, cancellable, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           run_regions (self, cancellable, error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           run_labels (self, error);
    }
  /* Work done ahead is for this run only. */
  g_clear_pointer (&self->regions_prep, lda_regions_prep_free);

  return ok;
}

/**
 * lda_pipeline_run_masks:
 * @self: a pipeline
 * @cancellable: (nullable): cancels the run
 * @error: return location for an error
 *
 * Computes the stale thresholds and masks of the three channels only,
 * the fast stages, so that a window can show a moved threshold before
 * lda_pipeline_run() computes the rest.
 *
 * Returns: %TRUE when the three masks are up to date
 */
gboolean
lda_pipeline_run_masks (LdaPipeline  *self,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_channels (self, FALSE, cancellable, error);
}

/**
 * lda_pipeline_set_dragging:
 * @self: a pipeline
 * @dragging: whether a slider is being dragged
 *
 * While a slider is dragged, new nucleus masks are not split again: the
 * lines of the last exact split are carried onto them
 * (lda_nuclei_carry()), a few milliseconds where a split at 2048 × 2048
 * takes tens; and the outlines of the last cells are kept where their
 * nuclei only moved (lda_regions_carry()), or, when the cell area moved,
 * all but along the rim that moved (lda_regions_move_area()).  Such
 * results are a preview: lda_pipeline_is_exact() is %FALSE, and they are
 * never kept in the stage cache.  Once dragging stops the next run splits exactly,
 * and gives what it would have given without the drag.  A drag's first
 * change splits exactly when there is nothing to carry yet.
 */
void
lda_pipeline_set_dragging (LdaPipeline *self,
                           gboolean     dragging)
{
  g_return_if_fail (self != NULL);

  self->dragging = !!dragging;
  /* The base stays for the next drag, should this run be cancelled
   * before it splits. */
  if (!self->dragging && self->nuclei_carried)
    clear_nuclei (self);
  else if (!self->dragging && self->regions_carried)
    clear_regions (self);
  /* The exact run needs the memory more than a next drag of the cell
   * area needs its base. */
  if (!self->dragging && self->regions_base_area != NULL)
    lda_pipeline_drop_regions_base (self);
}

/**
 * lda_pipeline_is_exact:
 * @self: a pipeline
 *
 * Returns: %FALSE when the nuclei held, and what follows them, were
 *   carried from an earlier split while a slider was dragged
 *   (lda_pipeline_set_dragging())
 */
gboolean
lda_pipeline_is_exact (LdaPipeline *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return !self->nuclei_carried && !self->regions_carried;
}
