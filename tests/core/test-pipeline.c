/* test-pipeline.c — incremental recomputation, cancellation, sharing
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-error.h"
#include "lda-components.h"
#include "lda-pipeline.h"
#include "lda-watershed.h"
#include "lda-triples.h"
#include "lda-test-lib.h"


static LdaImage *sample[LDA_N_INPUTS];

static LdaPipeline *
new_pipeline (void)
{
  g_autoptr(GError) error = NULL;
  LdaPipeline *pipeline = lda_pipeline_new (sample[0], sample[1], sample[2], &error);

  g_assert_no_error (error);
  return pipeline;
}

/* A pipeline with the article's parameters, for what is particular to
 * the max-tile method. */
static LdaPipeline *
new_article_pipeline (void)
{
  LdaPipeline *pipeline = new_pipeline ();
  LdaParams params;

  lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));

  return pipeline;
}

static void
run_ok (LdaPipeline *pipeline)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lda_pipeline_is_done (pipeline));
}

static void
assert_same_labels (LdaImage *a,
                    LdaImage *b)
{
  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  g_assert_cmpmem (a->data, lda_image_n_bytes (a), b->data, lda_image_n_bytes (b));
}

/* A Hoechst change re-runs the Hoechst chain and what follows it, never
 * the Sobel or another channel. */
static void
test_hoechst_change_keeps_sobel (void)
{
  g_autoptr(LdaPipeline) pipeline = new_article_pipeline ();
  g_autoptr(GError) error = NULL;
  LdaChannelParams p;
  LdaImage *sobel;

  run_ok (pipeline);
  sobel = lda_pipeline_get_sobel (pipeline);
  /* The article makes no nucleus objects. */
  for (guint s = 0; s < LDA_N_STAGES; s++)
    g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, s), ==, s == LDA_STAGE_NUCLEI ? 0 : 1);
  g_assert_null (lda_pipeline_get_nuclei (pipeline));

  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST];
  p.offset = 2.0;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_HOECHST, &p, &error));
  g_assert_false (lda_pipeline_is_done (pipeline));
  g_assert_true (lda_pipeline_stage_is_valid (pipeline, LDA_STAGE_SOBEL));
  g_assert_false (lda_pipeline_stage_is_valid (pipeline, LDA_STAGE_THRESHOLD_HOECHST));
  run_ok (pipeline);

  g_assert_true (lda_pipeline_get_sobel (pipeline) == sobel);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_SOBEL), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_THRESHOLD_CELL_AREA), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_CELL_AREA), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_THRESHOLD_DRAQ7), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_DRAQ7), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_THRESHOLD_HOECHST), ==, 2);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_HOECHST), ==, 2);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_REGIONS), ==, 2);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_LABELS), ==, 2);

  /* The peak is kept: the threshold follows the offset alone. */
  g_assert_cmpint (lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST), ==,
                   (gint64) (2.0 * lda_pipeline_get_peak (pipeline, LDA_CHANNEL_HOECHST) + 1));
}

/* An offset change that leaves the threshold where it was does not remake
 * the mask or anything after it. */
static void
test_same_threshold_keeps_mask (void)
{
  g_autoptr(LdaPipeline) pipeline = new_article_pipeline ();
  guint peak;
  LdaChannelParams p;

  run_ok (pipeline);
  peak = lda_pipeline_get_peak (pipeline, LDA_CHANNEL_DRAQ7);
  g_assert_cmpuint (peak, >, 1);

  /* floor(1.2 k + 1) == floor((1.2 + 0.1 / k) k + 1) for the peak k */
  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_DRAQ7];
  p.offset = 1.2 + 0.01 / peak;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_DRAQ7, &p, NULL));
  run_ok (pipeline);

  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_THRESHOLD_DRAQ7), ==, 2);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_DRAQ7), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_REGIONS), ==, 1);
}

/* A kernel change keeps the threshold and remakes the mask. */
static void
test_kernel_change (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  g_autoptr(LdaPipeline) fresh = new_pipeline ();
  LdaChannelParams p;

  run_ok (pipeline);
  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_CELL_AREA];
  p.kernel = 9;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_CELL_AREA, &p, NULL));
  run_ok (pipeline);

  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_THRESHOLD_CELL_AREA), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_CELL_AREA), ==, 2);

  /* Same answer as a pipeline that computed everything with kernel 9. */
  g_assert_true (lda_pipeline_set_channel_params (fresh, LDA_CHANNEL_CELL_AREA, &p, NULL));
  run_ok (fresh);
  assert_same_labels (lda_pipeline_get_labels (pipeline), lda_pipeline_get_labels (fresh));
}

/* A cell area change floods the cells again from the nuclei as they
 * were: the nuclei are not split again, and the result is the one a
 * pipeline that computed everything with the new value gives.  Threaded
 * (the cell area on a second thread) and not. */
static void
test_cell_area_change_keeps_nuclei (void)
{
  for (guint threaded = 0; threaded < 2; threaded++)
    {
      g_autoptr(LdaPipeline) pipeline = new_pipeline ();
      g_autoptr(LdaPipeline) fresh = new_pipeline ();
      LdaChannelParams p;
      guint n_objects;

      lda_pipeline_set_threaded (pipeline, threaded);
      run_ok (pipeline);
      g_assert_nonnull (lda_pipeline_get_nuclei (pipeline));
      n_objects = lda_pipeline_get_nuclei (pipeline)->objects->n_components;

      p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_CELL_AREA];
      p.kernel = 9;
      g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_CELL_AREA, &p, NULL));
      run_ok (pipeline);

      g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_CELL_AREA), ==, 2);
      g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_HOECHST), ==, 1);
      g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI), ==, 1);
      g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_REGIONS), ==, 2);
      g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_LABELS), ==, 2);
      g_assert_cmpuint (lda_pipeline_get_nuclei (pipeline)->objects->n_components, ==, n_objects);

      g_assert_true (lda_pipeline_set_channel_params (fresh, LDA_CHANNEL_CELL_AREA, &p, NULL));
      run_ok (fresh);
      assert_same_labels (lda_pipeline_get_labels (pipeline), lda_pipeline_get_labels (fresh));
      g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->live, ==,
                        lda_pipeline_get_counts (fresh)->live);
      g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->dead, ==,
                        lda_pipeline_get_counts (fresh)->dead);
    }
}

/* Setting the same parameters again invalidates nothing. */
static void
test_same_params_no_work (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  LdaParams params;

  run_ok (pipeline);
  params = *lda_pipeline_get_params (pipeline);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
  g_assert_true (lda_pipeline_is_done (pipeline));
  run_ok (pipeline);
  for (guint s = 0; s < LDA_N_STAGES; s++)
    g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, s), ==, 1);
}

static void
test_invalid_params_refused (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  g_autoptr(GError) error = NULL;
  LdaParams params, before;

  lda_params_init (&params);
  before = params;
  params.channel[LDA_CHANNEL_DRAQ7].kernel = 40;
  g_assert_false (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "draq7"));
  g_assert_true (lda_params_equal (lda_pipeline_get_params (pipeline), &before));

  /* Nor is a nucleus parameter out of range taken, or anything with it. */
  g_clear_error (&error);
  params = before;
  params.channel[LDA_CHANNEL_HOECHST].kernel = 7;
  params.nuclei.split_depth = 0.1;
  g_assert_false (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_nonnull (strstr (error->message, "split depth"));
  g_assert_true (lda_params_equal (lda_pipeline_get_params (pipeline), &before));
}

static void
test_size_mismatch (void)
{
  g_autoptr(LdaImage) small = lda_image_new (LDA_PIXEL_U16, 10, 10, NULL);
  g_autoptr(GError) error = NULL;
  LdaPipeline *pipeline = lda_pipeline_new (sample[0], small, sample[2], &error);

  g_assert_null (pipeline);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "10 × 10"));
}

/* A cancelled run stops with G_IO_ERROR_CANCELLED; the next run finishes
 * the job and gives what an uninterrupted run gives. */
static void
test_cancel_then_resume (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  g_autoptr(LdaPipeline) reference = new_pipeline ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (lda_pipeline_run (pipeline, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lda_pipeline_is_done (pipeline));
  g_assert_null (lda_pipeline_get_labels (pipeline));

  run_ok (pipeline);
  run_ok (reference);
  assert_same_labels (lda_pipeline_get_labels (pipeline), lda_pipeline_get_labels (reference));
}

typedef struct
{
  GCancellable *cancellable;
  guint         delay_us;
} CancelLater;

static gpointer
cancel_later (gpointer data)
{
  CancelLater *job = data;

  g_usleep (job->delay_us);
  g_cancellable_cancel (job->cancellable);

  return NULL;
}

/* Cancelling from another thread at many moments of a run never leaves
 * the pipeline in a state from which it computes something different. */
static void
test_cancel_at_random_moments (void)
{
  g_autoptr(LdaPipeline) reference = new_pipeline ();
  guint cancelled = 0;

  run_ok (reference);

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(LdaPipeline) pipeline = new_pipeline ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      CancelLater job = { cancellable, 200 * i };
      GThread *thread = g_thread_new ("cancel", cancel_later, &job);

      if (!lda_pipeline_run (pipeline, cancellable, &error))
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          cancelled++;
        }
      g_thread_join (thread);

      run_ok (pipeline);
      assert_same_labels (lda_pipeline_get_labels (pipeline), lda_pipeline_get_labels (reference));
    }

  g_test_message ("%u of 20 runs were cancelled part-way", cancelled);
  g_assert_cmpuint (cancelled, >, 0);
}

/* Results are shared, never rewritten: a reference taken before a re-run
 * still holds the old labels. */
static void
test_results_outlive_rerun (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  g_autoptr(LdaImage) old_labels = NULL;
  g_autofree guint8 *copy = NULL;
  LdaChannelParams p;

  run_ok (pipeline);
  old_labels = lda_image_ref (lda_pipeline_get_labels (pipeline));
  copy = g_memdup2 (old_labels->data, lda_image_n_bytes (old_labels));

  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST];
  p.offset = 3.0;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_HOECHST, &p, NULL));
  run_ok (pipeline);

  g_assert_true (lda_pipeline_get_labels (pipeline) != old_labels);
  g_assert_cmpmem (old_labels->data, lda_image_n_bytes (old_labels),
                   copy, lda_image_n_bytes (old_labels));
  g_assert_false (memcmp (lda_image_u8 (lda_pipeline_get_labels (pipeline)), copy,
                          lda_image_n_bytes (old_labels)) == 0);
}

static void
test_threaded_equals_single (void)
{
  g_autoptr(LdaPipeline) threaded = new_pipeline ();
  g_autoptr(LdaPipeline) single = new_pipeline ();

  lda_pipeline_set_threaded (single, FALSE);
  run_ok (threaded);
  run_ok (single);
  assert_same_labels (lda_pipeline_get_labels (threaded), lda_pipeline_get_labels (single));
  g_assert_cmpuint (lda_pipeline_get_counts (threaded)->dead, ==,
                    lda_pipeline_get_counts (single)->dead);

  /* The cell area and the nuclei moved at once, with either preset: with
   * the article's, the threaded run drops the nuclei's results, and
   * begins the watershed while the cell area is made when it is not made
   * first (nuclei_ahead()). */
  for (guint i = 0; i < 6; i++)
    {
      LdaParams params;
      guint splits;

      lda_params_init_preset (&params, i < 3 ? LDA_PRESET_DEFAULT : LDA_PRESET_ARTICLE);
      params.channel[LDA_CHANNEL_CELL_AREA].offset += 0.1 * (i + 1);
      params.channel[LDA_CHANNEL_HOECHST].offset += 0.05 * (i + 1);
      splits = lda_pipeline_get_stage_runs (threaded, LDA_STAGE_NUCLEI);
      g_assert_true (lda_pipeline_set_params (threaded, &params, NULL));
      g_assert_true (lda_pipeline_set_params (single, &params, NULL));
      run_ok (threaded);
      run_ok (single);
      /* Split once, ahead or not. */
      g_assert_cmpuint (lda_pipeline_get_stage_runs (threaded, LDA_STAGE_NUCLEI), ==,
                        splits + (i < 3 ? 1 : 0));
      assert_same_labels (lda_pipeline_get_labels (threaded), lda_pipeline_get_labels (single));
      g_assert_cmpuint (lda_pipeline_get_counts (threaded)->live, ==,
                        lda_pipeline_get_counts (single)->live);
      g_assert_cmpuint (lda_pipeline_get_counts (threaded)->dead, ==,
                        lda_pipeline_get_counts (single)->dead);
    }
}

/* The watershed's work that needs only the nuclei, done ahead on this
 * thread or left to lda_regions_new_prepared(), gives the cells
 * lda_regions_new() and lda_regions_new_from_nuclei() give. */
static void
test_regions_prepared (void)
{
  for (guint objects = 0; objects < 2; objects++)
    {
      g_autoptr(LdaPipeline) pipeline = objects ? new_pipeline () : new_article_pipeline ();
      g_autoptr(LdaRegions) reference = NULL;
      const LdaBitplane *cells, *ho, *dr;
      const LdaNuclei *nuclei;

      run_ok (pipeline);
      cells = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
      ho = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_HOECHST);
      dr = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_DRAQ7);
      nuclei = lda_pipeline_get_nuclei (pipeline);
      g_assert_true (objects ? nuclei != NULL : nuclei == NULL);
      reference = objects ? lda_regions_new_from_nuclei (cells, nuclei, NULL, NULL)
                          : lda_regions_new (cells, ho, dr, NULL, NULL);
      g_assert_nonnull (reference);

      for (guint ahead = 0; ahead < 2; ahead++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LdaRegions) regions = NULL;
          LdaRegionsPrep *prep = objects ? lda_regions_prep_new_from_nuclei (nuclei, &error)
                                         : lda_regions_prep_new (ho, dr, &error);

          g_assert_no_error (error);
          if (ahead)
            g_assert_true (lda_regions_prep_run (prep, &error));
          regions = lda_regions_new_prepared (prep, cells, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpmem (regions->regions, (gsize) cells->width * cells->height * sizeof (gint32),
                           reference->regions,
                           (gsize) cells->width * cells->height * sizeof (gint32));
          g_assert_cmpuint (regions->nuclei->n_components, ==, reference->nuclei->n_components);
          g_assert_cmpuint (regions->nuclei->n_runs, ==, reference->nuclei->n_runs);
        }
    }
}

/* A manual threshold replaces the automatic one; the votes stay
 * available for the plot. */
static void
test_manual_threshold (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  LdaChannelParams p;
  double coverage_auto, coverage_manual;

  run_ok (pipeline);
  coverage_auto = lda_pipeline_get_mask_coverage (pipeline, LDA_CHANNEL_HOECHST);

  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST];
  p.manual = TRUE;
  p.manual_threshold = 1000;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_HOECHST, &p, NULL));
  run_ok (pipeline);

  g_assert_cmpint (lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST), ==, 1000);
  g_assert_nonnull (lda_pipeline_get_votes (pipeline, LDA_CHANNEL_HOECHST));
  coverage_manual = lda_pipeline_get_mask_coverage (pipeline, LDA_CHANNEL_HOECHST);
  g_assert_cmpfloat (coverage_manual, <, coverage_auto);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_SOBEL), ==, 1);
}

/* Saturated data: the automatic threshold lies above every pixel and the
 * mask is empty; ignore-saturated brings it back. */
static void
test_saturated_channel (void)
{
  const guint w = 64, h = 64;
  g_autoptr(LdaImage) bright = lda_image_new (LDA_PIXEL_U16, w, h, NULL);
  g_autoptr(LdaPipeline) pipeline = NULL;
  guint16 *px = lda_image_u16 (bright);
  LdaChannelParams p;

  /* Background 100 with a bright square; most tiles hold a saturated
   * speck, so 65 535 wins the vote. */
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      px[y * w + x] = 100 + ((x * 7 + y * 3) % 5);
  for (guint y = 0; y < h; y += 16)
    for (guint x = 0; x < 48; x += 16)
      px[(y + 3) * w + x + 3] = 65535;
  for (guint y = 20; y < 30; y++)
    for (guint x = 50; x < 60; x++)
      px[y * w + x] = 5000;

  pipeline = lda_pipeline_new (bright, bright, bright, NULL);
  {
    LdaParams article;

    lda_params_init_preset (&article, LDA_PRESET_ARTICLE);
    g_assert_true (lda_pipeline_set_params (pipeline, &article, NULL));
  }
  run_ok (pipeline);
  g_assert_cmpint (lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST), ==, 78643);
  g_assert_cmpfloat (lda_pipeline_get_mask_coverage (pipeline, LDA_CHANNEL_HOECHST), ==, 0.0);

  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST];
  p.ignore_saturated = TRUE;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_HOECHST, &p, NULL));
  run_ok (pipeline);
  g_assert_cmpint (lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST), <, 200);
  g_assert_cmpfloat (lda_pipeline_get_mask_coverage (pipeline, LDA_CHANNEL_HOECHST), >, 0.0);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->n_objects, >=, 1);
}

/* Tiny and degenerate images run to the end without tripping anything. */
static void
test_tiny_images (void)
{
  static const guint sizes[][2] = { { 1, 1 }, { 1, 7 }, { 7, 1 }, { 2, 2 }, { 3, 3 }, { 65, 2 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(LdaImage) img = lda_image_new (LDA_PIXEL_U16, sizes[i][0], sizes[i][1], NULL);
      g_autoptr(LdaPipeline) pipeline = NULL;
      LdaImage *labels;

      for (gsize p = 0; p < lda_image_n_pixels (img); p++)
        lda_image_u16 (img)[p] = (guint16) (p * 997 % 300);

      pipeline = lda_pipeline_new (img, img, img, NULL);
      run_ok (pipeline);
      labels = lda_pipeline_get_labels (pipeline);
      g_assert_cmpuint (labels->width, ==, sizes[i][0]);
      for (gsize p = 0; p < lda_image_n_pixels (labels); p++)
        g_assert_cmpuint (lda_image_u8 (labels)[p], <, LDA_N_CLASSES);
    }
}

/* A split change re-runs the splitting and what follows, not a threshold
 * or a mask; turning objects off goes back to the article's painting. */
static void
test_split_change_keeps_masks (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  g_autoptr(LdaPipeline) article = new_article_pipeline ();
  LdaNucleusParams n;
  guint split_objects, unsplit_objects;

  run_ok (pipeline);
  g_assert_nonnull (lda_pipeline_get_nuclei (pipeline));
  split_objects = lda_pipeline_get_counts (pipeline)->n_objects;

  n = lda_pipeline_get_params (pipeline)->nuclei;
  n.split = FALSE;
  g_assert_true (lda_pipeline_set_nucleus_params (pipeline, &n, NULL));
  g_assert_true (lda_pipeline_stage_is_valid (pipeline, LDA_STAGE_MASK_HOECHST));
  g_assert_false (lda_pipeline_stage_is_valid (pipeline, LDA_STAGE_NUCLEI));
  run_ok (pipeline);
  unsplit_objects = lda_pipeline_get_counts (pipeline)->n_objects;
  g_assert_cmpuint (unsplit_objects, <, split_objects);
  g_assert_cmpuint (lda_pipeline_get_nuclei (pipeline)->n_seeds, ==, 0);

  for (guint s = LDA_STAGE_SOBEL; s <= LDA_STAGE_MASK_DRAQ7; s++)
    g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, s), ==, 1);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI), ==, 2);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_REGIONS), ==, 2);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_LABELS), ==, 2);

  /* The depth means nothing without splitting: no work. */
  n.split_depth = 5.0;
  g_assert_true (lda_pipeline_set_nucleus_params (pipeline, &n, NULL));
  g_assert_true (lda_pipeline_is_done (pipeline));

  /* Objects off, with the article's thresholds: the article's mask. */
  {
    LdaParams params;

    lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
    g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
    run_ok (pipeline);
    run_ok (article);
    assert_same_labels (lda_pipeline_get_labels (pipeline), lda_pipeline_get_labels (article));
    g_assert_null (lda_pipeline_get_nuclei (pipeline));
  }
}

/* The methods' levels are measured once and kept while only offsets
 * move: after every kind of change, the levels and thresholds are those
 * a new pipeline finds for the same parameters. */
static void
test_levels_kept (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  LdaParams params;

  lda_params_init (&params);
  lda_pipeline_set_all_methods (pipeline, TRUE);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
  run_ok (pipeline);

  for (guint step = 0; step < 9; step++)
    {
      LdaChannelParams *h = &params.channel[LDA_CHANNEL_HOECHST];
      LdaChannelParams *d = &params.channel[LDA_CHANNEL_DRAQ7];
      g_autoptr(LdaPipeline) fresh = new_pipeline ();

      switch (step)
        {
        case 0: case 1: case 4: case 7:
          h->offset += 0.07;
          d->offset -= 0.05;
          break;
        case 2:
          h->ignore_saturated = !h->ignore_saturated;
          break;
        case 3:
          h->coarseness = h->coarseness == 16 ? 8 : 16;
          break;
        case 5:
          h->saturation = 3000;
          h->ignore_saturated = TRUE;
          break;
        case 6:
          h->method = LDA_METHOD_TRIANGLE;
          h->use_offset = FALSE;
          break;
        default:
          h->use_offset = TRUE;
          h->saturation = LDA_SATURATION_AUTO;
          break;
        }
      g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
      run_ok (pipeline);
      lda_pipeline_set_all_methods (fresh, TRUE);
      g_assert_true (lda_pipeline_set_params (fresh, &params, NULL));
      run_ok (fresh);

      for (LdaChannel c = LDA_CHANNEL_HOECHST; c <= LDA_CHANNEL_DRAQ7; c++)
        {
          const LdaThresholdLevels *kept = lda_pipeline_get_levels (pipeline, c);
          const LdaThresholdLevels *made = lda_pipeline_get_levels (fresh, c);

          g_test_message ("step %u, channel %u: threshold %" G_GINT64_FORMAT, step, c,
                          lda_pipeline_get_threshold (pipeline, c));
          g_assert_cmpmem (kept->level, sizeof kept->level, made->level, sizeof made->level);
          g_assert_cmpmem (kept->threshold, sizeof kept->threshold, made->threshold,
                           sizeof made->threshold);
          g_assert_cmpmem (kept->raised, sizeof kept->raised, made->raised, sizeof made->raised);
          g_assert_cmpuint (kept->dark, ==, made->dark);
          g_assert_cmpuint (kept->saturation, ==, made->saturation);
          g_assert_cmpuint (kept->max_value, ==, made->max_value);
          g_assert_cmpint (lda_pipeline_get_threshold (pipeline, c), ==,
                           lda_pipeline_get_threshold (fresh, c));
        }
      assert_same_labels (lda_pipeline_get_labels (pipeline), lda_pipeline_get_labels (fresh));
    }
}

/* With every method asked for, each has its threshold, in a sensible
 * order for a nucleus image, and switching method needs no new votes. */
static void
test_every_method (void)
{
  g_autoptr(LdaPipeline) pipeline = new_article_pipeline ();
  const LdaThresholdLevels *levels;
  LdaChannelParams p;
  gint64 otsu;

  run_ok (pipeline);
  levels = lda_pipeline_get_levels (pipeline, LDA_CHANNEL_HOECHST);
  g_assert_cmpint (levels->threshold[LDA_METHOD_OTSU], ==, -1);
  g_assert_null (lda_pipeline_get_histogram (pipeline, LDA_CHANNEL_HOECHST));

  lda_pipeline_set_all_methods (pipeline, TRUE);
  run_ok (pipeline);
  /* Nothing after the thresholds was remade: they did not move. */
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_MASK_HOECHST), ==, 1);
  g_assert_nonnull (lda_pipeline_get_histogram (pipeline, LDA_CHANNEL_HOECHST));
  levels = lda_pipeline_get_levels (pipeline, LDA_CHANNEL_HOECHST);
  for (guint m = 0; m < LDA_N_METHODS; m++)
    {
      g_test_message ("%s: level %u, threshold %" G_GINT64_FORMAT, lda_method_name (m),
                      levels->level[m], levels->threshold[m]);
      g_assert_cmpint (levels->threshold[m], >, (gint64) levels->dark);
    }
  g_assert_cmpint (levels->threshold[LDA_METHOD_MAX_TILE], ==,
                   lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST));
  g_assert_cmpuint (levels->max_value, >, levels->level[LDA_METHOD_OTSU]);
  g_assert_cmpuint (levels->saturation, ==, 4095);   /* the sample never passes 4095 */
  otsu = levels->threshold[LDA_METHOD_OTSU];

  p = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST];
  p.method = LDA_METHOD_OTSU;
  g_assert_true (lda_pipeline_set_channel_params (pipeline, LDA_CHANNEL_HOECHST, &p, NULL));
  run_ok (pipeline);
  g_assert_cmpint (lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_HOECHST), ==, otsu);
}

/* 12-bit data in 16-bit files saturate at 4095: detected, and used by
 * ignore-saturated; a parameter overrides it. */
static void
test_saturation_12_bit (void)
{
  const guint w = 64, h = 64;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, w, h, NULL);
  g_autoptr(LdaPipeline) pipeline = NULL;
  guint16 *px = lda_image_u16 (image);
  LdaParams params;

  /* Background 100; a saturated speck in most tiles of 16. */
  for (guint i = 0; i < w * h; i++)
    px[i] = 100 + (i % 3);
  for (guint y = 0; y < h; y += 16)
    for (guint x = 0; x < 48; x += 16)
      px[(y + 5) * w + x + 5] = 4095;

  pipeline = lda_pipeline_new (image, image, image, NULL);
  lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
  run_ok (pipeline);
  g_assert_cmpuint (lda_pipeline_get_saturation (pipeline, LDA_CHANNEL_HOECHST), ==, 4095);
  /* The Sobel gradient has its own scale. */
  g_assert_cmpuint (lda_pipeline_get_saturation (pipeline, LDA_CHANNEL_CELL_AREA), ==, 65535);
  g_assert_cmpint (lda_pipeline_get_peak (pipeline, LDA_CHANNEL_HOECHST), ==, 4095);

  params.channel[LDA_CHANNEL_HOECHST].ignore_saturated = TRUE;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
  run_ok (pipeline);
  g_assert_cmpint (lda_pipeline_get_peak (pipeline, LDA_CHANNEL_HOECHST), <, 200);

  /* Told that the camera saturates higher, the specks vote again. */
  params.channel[LDA_CHANNEL_HOECHST].saturation = 65535;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, NULL));
  run_ok (pipeline);
  g_assert_cmpuint (lda_pipeline_get_saturation (pipeline, LDA_CHANNEL_HOECHST), ==, 65535);
  g_assert_cmpint (lda_pipeline_get_peak (pipeline, LDA_CHANNEL_HOECHST), ==, 4095);

  /* A 16-bit image that passes 16 383 saturates at 65 535. */
  px[0] = 20000;
  {
    g_autoptr(LdaPipeline) wide = lda_pipeline_new (image, image, image, NULL);

    run_ok (wide);
    g_assert_cmpuint (lda_pipeline_get_saturation (wide, LDA_CHANNEL_DRAQ7), ==, 65535);
  }
}

/* The counts are what the mask shows: its 4-connected components of
 * class 3 and of class 4, one per nucleus object. */
static void
test_counts_are_visible (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  LdaImage *labels;
  const LdaCounts *counts;

  run_ok (pipeline);
  labels = lda_pipeline_get_labels (pipeline);
  counts = lda_pipeline_get_counts (pipeline);
  for (guint klass = LDA_CLASS_HOECHST; klass <= LDA_CLASS_DRAQ7; klass++)
    {
      g_autoptr(LdaBitplane) plane = lda_bitplane_new (labels->width, labels->height, NULL);
      g_autoptr(LdaRuns) runs = NULL;

      for (guint y = 0; y < labels->height; y++)
        for (guint x = 0; x < labels->width; x++)
          if (lda_image_get (labels, x, y) == klass)
            lda_bitplane_set (plane, x, y, TRUE);
      runs = lda_runs_new_from_bitplane (plane, TRUE, NULL);
      lda_runs_label (runs, 4);
      g_test_message ("class %u: %u components", klass, runs->n_components);
      g_assert_cmpuint (runs->n_components, ==,
                        klass == LDA_CLASS_HOECHST ? counts->live : counts->dead);
    }
  g_assert_cmpuint (counts->live, >, 0);
  g_assert_cmpuint (counts->dead, >, 0);
}

/* The object under a pixel, and its evidence. */
static void
test_object_at (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  const LdaCounts *counts;
  gboolean seen_dead = FALSE;

  g_assert_cmpint (lda_pipeline_get_object_at (pipeline, 0, 0), ==, -1);
  run_ok (pipeline);
  counts = lda_pipeline_get_counts (pipeline);
  for (guint i = 0; i < counts->n_objects; i++)
    {
      const LdaObject *o = &counts->objects[i];
      gboolean found = FALSE;

      g_assert_cmpuint (o->x0, <, o->x1);
      g_assert_cmpuint (o->y0, <, o->y1);
      g_assert_cmpfloat (o->mean_draq7, >, 0.0);
      g_assert_cmpfloat (o->draq7_share, >=, 0.0);
      g_assert_cmpfloat (o->draq7_share, <=, 1.0);
      g_assert_cmpint (o->dead, ==, o->draq7_share > 0.5);
      seen_dead = seen_dead || o->dead;
      for (guint x = o->x0; x < o->x1 && !found; x++)
        if (lda_pipeline_get_object_at (pipeline, x, o->y0) == (gint) i)
          {
            guint8 klass = lda_image_get (lda_pipeline_get_labels (pipeline), x, o->y0);

            g_assert_cmpuint (klass, ==, o->dead ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST);
            found = TRUE;
          }
      g_assert_true (found);
    }
  g_assert_true (seen_dead);
}

/* The dead level the pipeline reports is the one its calls were made
 * with: each object's share of Draq7 pixels above it is its draq7_share. */
static void
test_dead_level (void)
{
  g_autoptr(LdaPipeline) pipeline = new_pipeline ();
  const LdaCounts *counts;
  LdaImage *draq7;
  gint64 level;

  g_assert_cmpint (lda_pipeline_get_dead_level (pipeline), ==, -1);
  run_ok (pipeline);
  counts = lda_pipeline_get_counts (pipeline);
  draq7 = lda_pipeline_get_input (pipeline, LDA_INPUT_DRAQ7);
  level = lda_pipeline_get_dead_level (pipeline);
  g_assert_cmpint (level, >, 0);
  g_assert_cmpint (level, <=, lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_DRAQ7));
  for (guint i = 0; i < counts->n_objects; i++)
    {
      const LdaObject *o = &counts->objects[i];
      guint above = 0, area = 0;

      for (guint y = o->y0; y < o->y1; y++)
        for (guint x = o->x0; x < o->x1; x++)
          if (lda_pipeline_get_object_at (pipeline, x, y) == (gint) i)
            {
              area++;
              above += lda_image_get (draq7, x, y) > level;
            }
      g_assert_cmpuint (area, ==, o->nucleus_pixels);
      g_assert_cmpfloat_with_epsilon (o->draq7_share, (double) above / area, 1e-9);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  lda_test_load_sample (sample);

  g_test_add_func ("/pipeline/hoechst-change-keeps-sobel", test_hoechst_change_keeps_sobel);
  g_test_add_func ("/pipeline/same-threshold-keeps-mask", test_same_threshold_keeps_mask);
  g_test_add_func ("/pipeline/kernel-change", test_kernel_change);
  g_test_add_func ("/pipeline/cell-area-change-keeps-nuclei", test_cell_area_change_keeps_nuclei);
  g_test_add_func ("/pipeline/same-params-no-work", test_same_params_no_work);
  g_test_add_func ("/pipeline/invalid-params-refused", test_invalid_params_refused);
  g_test_add_func ("/pipeline/size-mismatch", test_size_mismatch);
  g_test_add_func ("/pipeline/cancel-then-resume", test_cancel_then_resume);
  g_test_add_func ("/pipeline/cancel-at-random-moments", test_cancel_at_random_moments);
  g_test_add_func ("/pipeline/results-outlive-rerun", test_results_outlive_rerun);
  g_test_add_func ("/pipeline/threaded-equals-single", test_threaded_equals_single);
  g_test_add_func ("/pipeline/regions-prepared", test_regions_prepared);
  g_test_add_func ("/pipeline/manual-threshold", test_manual_threshold);
  g_test_add_func ("/pipeline/saturated-channel", test_saturated_channel);
  g_test_add_func ("/pipeline/tiny-images", test_tiny_images);
  g_test_add_func ("/pipeline/split-change-keeps-masks", test_split_change_keeps_masks);
  g_test_add_func ("/pipeline/every-method", test_every_method);
  g_test_add_func ("/pipeline/levels-kept", test_levels_kept);
  g_test_add_func ("/pipeline/saturation-12-bit", test_saturation_12_bit);
  g_test_add_func ("/pipeline/counts-are-visible", test_counts_are_visible);
  g_test_add_func ("/pipeline/object-at", test_object_at);
  g_test_add_func ("/pipeline/dead-level", test_dead_level);

  status = g_test_run ();

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&sample[i], lda_image_unref);

  return status;
}
