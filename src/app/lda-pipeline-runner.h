/* lda-pipeline-runner.h — runs the core off the main thread, newest wins
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-pipeline.h"
#include "lda-render.h"
#include "lda-triples.h"

G_BEGIN_DECLS

/**
 * LdaRunResult:
 * @frame: the frame index the result is for
 * @generation: increases with every request; a result always answers the
 *   newest request made before it started
 * @width: image columns
 * @height: image rows
 * @inputs: the frame's three images
 * @sobel: the Sobel magnitude
 * @labels: the label mask
 * @brightfield_pixels: (nullable): brightfield in grey, when (re)rendered,
 *   a byte a pixel (lda_render_gray8())
 * @composite_pixels: (nullable): brightfield + Hoechst + Draq7
 * @fluorescence_pixels: (nullable): Hoechst + Draq7
 * @sobel_pixels: (nullable): the Sobel magnitude in grey, a byte a pixel
 * @contrasts: the display windows used (brightfield, Hoechst, Draq7, Sobel)
 * @intensities: per channel the histogram of pixel values (65 536 guint32)
 * @votes: per channel the histogram of tile maxima
 * @peak: per channel the most voted value
 * @threshold: per channel the threshold in use
 * @coverage: per channel the fraction of the image its mask covers
 * @max_value: per channel the largest pixel value
 * @saturation: per channel the saturation value
 * @levels: per channel where each threshold method puts the threshold
 * @nuclei: (nullable): the nucleus objects as runs labelled with their
 *   index in @counts, for the read-out and the outline under the pointer
 * @dead_level: the Draq7 level of the live/dead calls
 *   (lda_pipeline_get_dead_level())
 * @counts: live and dead cells
 * @params: the parameters the result was computed with
 * @exact: %FALSE while a slider is dragged and the nuclei are the last
 *   split carried onto the moved masks (lda_pipeline_set_dragging()); the
 *   exact result follows once the slider rests
 * @settled: the exact run that follows a drag by itself: the same frame
 *   and parameters as the drag's last result, nothing new asked for
 * @run_us: microseconds the pipeline took
 * @stage_us: of which, per stage, microseconds of this run (0 for the
 *   stages it did not run; stages of different channels overlap)
 * @render_us: microseconds the rendering took
 */
typedef struct
{
  guint         frame;
  guint         generation;
  guint         width;
  guint         height;
  LdaImage     *inputs[LDA_N_INPUTS];
  LdaImage     *sobel;
  LdaImage     *labels;
  GBytes       *brightfield_pixels;
  GBytes       *composite_pixels;
  GBytes       *fluorescence_pixels;
  GBytes       *sobel_pixels;
  LdaContrast   contrasts[LDA_N_INPUTS + 1];
  GBytes       *intensities[LDA_N_CHANNELS];
  guint32      *votes[LDA_N_CHANNELS];
  guint         peak[LDA_N_CHANNELS];
  gint64        threshold[LDA_N_CHANNELS];
  double        coverage[LDA_N_CHANNELS];
  guint         max_value[LDA_N_CHANNELS];
  guint         saturation[LDA_N_CHANNELS];
  LdaThresholdLevels levels[LDA_N_CHANNELS];
  LdaRuns      *nuclei;
  gint64        dead_level;
  LdaCounts    *counts;
  LdaParams     params;
  gboolean      exact;
  gboolean      settled;
  gint64        run_us;
  gint64        stage_us[LDA_N_STAGES];
  gint64        render_us;
} LdaRunResult;

void lda_run_result_free (LdaRunResult *result);

/**
 * LdaRunPreview:
 * @frame: the frame index
 * @generation: the request it answers, as in #LdaRunResult
 * @labels: the last label mask with the moved masks drawn in: what the
 *   new thresholds cover, before the nuclei and cells are found again
 * @threshold: per channel the threshold now in use
 * @coverage: per channel the fraction of the image its mask covers
 *
 * What a slider's move shows at once, while the slow stages run.
 */
typedef struct
{
  guint     frame;
  guint     generation;
  LdaImage *labels;
  gint64    threshold[LDA_N_CHANNELS];
  double    coverage[LDA_N_CHANNELS];
} LdaRunPreview;

void lda_run_preview_free (LdaRunPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaRunPreview, lda_run_preview_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaRunResult, lda_run_result_free)

#define LDA_TYPE_PIPELINE_RUNNER (lda_pipeline_runner_get_type ())

G_DECLARE_FINAL_TYPE (LdaPipelineRunner, lda_pipeline_runner, LDA, PIPELINE_RUNNER, GObject)

LdaPipelineRunner *lda_pipeline_runner_new        (void);
void               lda_pipeline_runner_load       (LdaPipelineRunner *self,
                                                   guint              frame,
                                                   const LdaTriple   *triple,
                                                   guint              page,
                                                   const LdaParams   *params);
void               lda_pipeline_runner_set_params (LdaPipelineRunner *self,
                                                   const LdaParams   *params);
void               lda_pipeline_runner_set_held   (LdaPipelineRunner *self,
                                                   gboolean           held);
void               lda_pipeline_runner_set_preview (LdaPipelineRunner *self,
                                                   guint              shift,
                                                   const LdaRect     *visible);
guint              lda_pipeline_runner_get_preview_shift (LdaPipelineRunner *self);
void               lda_pipeline_runner_get_preview_visible (LdaPipelineRunner *self,
                                                   LdaRect           *visible);
void               lda_pipeline_runner_set_contrast (LdaPipelineRunner *self,
                                                   guint              index,
                                                   const LdaContrast *contrast);
void               lda_pipeline_runner_auto_contrast (LdaPipelineRunner *self);
gboolean           lda_pipeline_runner_is_busy    (LdaPipelineRunner *self);
guint              lda_pipeline_runner_get_generation (LdaPipelineRunner *self);
LdaRunResult      *lda_pipeline_runner_get_result (LdaPipelineRunner *self);

G_END_DECLS
