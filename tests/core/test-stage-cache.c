/* test-stage-cache.c — results taken back from the cache are a run's
 *
 * For every slider: a pipeline with a cache moves a parameter away and
 * back, and what it shows on the way back — taken from the cache, no
 * stage run again — is what a pipeline without a cache computes for the
 * same parameters, byte for byte.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-pipeline.h"
#include "lda-stage-cache.h"
#include "lda-test-lib.h"

typedef void (*Move) (LdaParams *params);

static void move_cell_offset (LdaParams *p)    { p->channel[LDA_CHANNEL_CELL_AREA].offset += 0.4; }
static void move_cell_kernel (LdaParams *p)    { p->channel[LDA_CHANNEL_CELL_AREA].kernel += 2; }
static void move_cell_coarse (LdaParams *p)    { p->channel[LDA_CHANNEL_CELL_AREA].coarseness += 8; }
static void move_hoechst_offset (LdaParams *p) { p->channel[LDA_CHANNEL_HOECHST].offset += 0.6; }
static void move_hoechst_kernel (LdaParams *p) { p->channel[LDA_CHANNEL_HOECHST].kernel += 2; }
static void move_hoechst_coarse (LdaParams *p) { p->channel[LDA_CHANNEL_HOECHST].coarseness += 8; }
static void move_draq7_offset (LdaParams *p)   { p->channel[LDA_CHANNEL_DRAQ7].offset += 0.6; }
static void move_draq7_kernel (LdaParams *p)   { p->channel[LDA_CHANNEL_DRAQ7].kernel += 2; }
static void move_draq7_coarse (LdaParams *p)   { p->channel[LDA_CHANNEL_DRAQ7].coarseness += 8; }
static void move_cell_and_hoechst (LdaParams *p)
{
  p->channel[LDA_CHANNEL_CELL_AREA].offset += 0.4;
  p->channel[LDA_CHANNEL_HOECHST].offset += 0.6;
}
static void move_split_depth (LdaParams *p)    { p->nuclei.split_depth += 1.0; }
static void move_min_area (LdaParams *p)       { p->nuclei.min_area += 10; }

static const struct
{
  const char *name;
  Move        move;
} moves[] = {
  { "cell-area/offset", move_cell_offset },
  { "cell-area/kernel", move_cell_kernel },
  { "cell-area/coarseness", move_cell_coarse },
  { "hoechst/offset", move_hoechst_offset },
  { "hoechst/kernel", move_hoechst_kernel },
  { "hoechst/coarseness", move_hoechst_coarse },
  { "draq7/offset", move_draq7_offset },
  { "draq7/kernel", move_draq7_kernel },
  { "draq7/coarseness", move_draq7_coarse },
  { "cell-area+hoechst/offset", move_cell_and_hoechst },
  { "nuclei/split-depth", move_split_depth },
  { "nuclei/min-area", move_min_area },
};

static guint
slow_runs (LdaPipeline *pipeline)
{
  return lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI) +
         lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_REGIONS) +
         lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_LABELS);
}

static void
run (LdaPipeline     *pipeline,
     const LdaParams *params)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_same (LdaPipeline *a,
             LdaPipeline *b)
{
  LdaImage *la = lda_pipeline_get_labels (a), *lb = lda_pipeline_get_labels (b);
  const LdaCounts *ca = lda_pipeline_get_counts (a), *cb = lda_pipeline_get_counts (b);

  g_assert_cmpint (memcmp (la->data, lb->data, lda_image_n_bytes (la)), ==, 0);
  g_assert_cmpuint (ca->live, ==, cb->live);
  g_assert_cmpuint (ca->dead, ==, cb->dead);
  g_assert_cmpint (lda_pipeline_get_dead_level (a), ==, lda_pipeline_get_dead_level (b));
  g_assert_cmpint (memcmp (lda_pipeline_get_regions (a)->regions, lda_pipeline_get_regions (b)->regions,
                           (gsize) la->width * la->height * sizeof (gint32)), ==, 0);
}

/* Away and back for every slider; the reference is the defaults, computed
 * once without a cache. */
static void
test_every_slider (void)
{
  g_autoptr(LdaPipeline) reference = lda_test_sample_pipeline ();
  g_autoptr(LdaPipeline) cached = lda_test_sample_pipeline ();
  LdaParams defaults;
  guint recomputed = 0;

  lda_params_init (&defaults);
  run (reference, &defaults);
  lda_pipeline_set_cache_size (cached, 2);
  run (cached, &defaults);
  assert_same (cached, reference);

  for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
    {
      LdaParams away = defaults;
      guint before;

      g_test_message ("%s", moves[m].name);
      moves[m].move (&away);
      before = slow_runs (cached);
      run (cached, &away);
      recomputed += slow_runs (cached) != before;
      g_assert_false (lda_params_equal (lda_pipeline_get_params (cached), &defaults));

      /* Back: nothing slow runs again, and all is as computed afresh. */
      before = slow_runs (cached);
      run (cached, &defaults);
      if (slow_runs (cached) != before)
        g_error ("%s: the way back ran a slow stage again", moves[m].name);
      assert_same (cached, reference);
    }

  /* Most moves change the nuclei or the cells, so most ways back were
   * taken from the cache rather than left as they were. */
  g_assert_cmpuint (recomputed, >=, G_N_ELEMENTS (moves) / 2);
}

/* The cache keeps its capacity, newest first, and replaces what it holds
 * for the same parameters. */
static void
test_capacity (void)
{
  g_autoptr(LdaStageCache) cache = lda_stage_cache_new (2);
  LdaParams params[3];
  LdaStageResults results = { 0, };

  for (guint i = 0; i < 3; i++)
    {
      LdaStageResults r = { 0, };

      lda_params_init (&params[i]);
      params[i].nuclei.min_area = 10 + i;
      r.labels = lda_image_new (LDA_PIXEL_U8, 4, 4, NULL);
      r.regions = g_new0 (LdaRegions, 1);
      r.dead_level = i;
      lda_stage_cache_put (cache, &params[i], &r);
      g_assert_null (r.labels);
    }
  g_assert_cmpuint (lda_stage_cache_get_size (cache), ==, 2);

  /* The oldest went. */
  g_assert_false (lda_stage_cache_take (cache, &params[0], &results));
  g_assert_true (lda_stage_cache_take (cache, &params[1], &results));
  g_assert_cmpint (results.dead_level, ==, 1);
  lda_stage_results_clear (&results);
  g_assert_cmpuint (lda_stage_cache_get_size (cache), ==, 1);

  /* Taking again finds nothing: the results left the cache. */
  g_assert_false (lda_stage_cache_take (cache, &params[1], &results));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stage-cache/every-slider", test_every_slider);
  g_test_add_func ("/stage-cache/capacity", test_capacity);

  return g_test_run ();
}
