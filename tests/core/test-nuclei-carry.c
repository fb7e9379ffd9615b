/* test-nuclei-carry.c — the last split carried onto moved masks while a
 * slider is dragged, and the exact split once it rests
 *
 * On small drawn masks whose answer is known by hand: the lines between
 * touching nuclei stay, the pixels a lower threshold adds go to the
 * nucleus they touch, a new blob stays whole, and no two objects ever
 * touch.  On the bundled sample, through the pipeline: a drag's results
 * are marked as carried and never come back from the stage cache, and
 * the run after the drag gives byte for byte what a fresh pipeline gives.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-nuclei-carry.h"
#include "lda-pipeline.h"
#include "lda-test-planes.h"
#include "lda-test-lib.h"

#define W 96
#define H 48

static LdaImage *sample[LDA_N_INPUTS];

static const LdaNucleusParams split_params = { TRUE, TRUE, 2.0, 20 };

/* The exact split of @mask (all Hoechst), its cores the mask itself. */
static LdaNuclei *
split_exactly (const LdaBitplane *mask)
{
  g_autoptr(LdaBitplane) none = lda_test_plane_new (W, H);
  g_autoptr(GError) error = NULL;
  LdaNuclei *nuclei = lda_nuclei_new (mask, none, NULL, NULL, &split_params, NULL, &error);

  g_assert_no_error (error);
  return nuclei;
}

static LdaNuclei *
carry (const LdaNuclei   *base,
       const LdaBitplane *mask)
{
  g_autoptr(LdaBitplane) none = lda_test_plane_new (W, H);
  g_autoptr(GError) error = NULL;
  LdaNuclei *nuclei = lda_nuclei_carry (base, mask, none, &split_params, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (nuclei);
  return nuclei;
}

/* What every result must be: the mask is the new one; each of its pixels
 * is a line or in exactly one object; no two objects are 4-neighbours. */
static void
assert_well_formed (const LdaNuclei   *nuclei,
                    const LdaBitplane *mask)
{
  g_autofree gint *object = g_new (gint, W * H);

  g_assert_true (lda_test_planes_match ("mask", nuclei->mask, mask));
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        gboolean line = lda_bitplane_get (nuclei->lines, x, y);

        object[y * W + x] = lda_runs_label_at (nuclei->objects, x, y);
        if (line)
          g_assert_true (lda_bitplane_get (mask, x, y));
        if (line || !lda_bitplane_get (mask, x, y))
          g_assert_cmpint (object[y * W + x], ==, -1);
        else
          g_assert_cmpint (object[y * W + x], >=, 0);
      }
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        gint o = object[y * W + x];

        if (o < 0)
          continue;
        if (x + 1 < W && object[y * W + x + 1] >= 0)
          g_assert_cmpint (object[y * W + x + 1], ==, o);
        if (y + 1 < H && object[(y + 1) * W + x] >= 0)
          g_assert_cmpint (object[(y + 1) * W + x], ==, o);
      }
}

/* No carried object takes in pixels of two of @base's objects: the
 * nuclei the last split separated stay separate. */
static void
assert_kept_apart (const LdaNuclei *carried,
                   const LdaNuclei *base)
{
  g_autofree gint *owner = g_new (gint, MAX (carried->objects->n_components, 1));

  for (guint i = 0; i < carried->objects->n_components; i++)
    owner[i] = -1;
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        gint o = lda_runs_label_at (carried->objects, x, y);
        gint b = lda_runs_label_at (base->objects, x, y);

        if (o < 0 || b < 0)
          continue;
        if (owner[o] < 0)
          owner[o] = b;
        g_assert_cmpint (owner[o], ==, b);
      }
}

/* Two round nuclei side by side, overlapping at a neck. */
static LdaBitplane *
pair (int r)
{
  LdaBitplane *mask = lda_test_plane_new (W, H);

  lda_test_plane_disc (mask, 30, 24, r);
  lda_test_plane_disc (mask, 30 + 22, 24, r);

  return mask;
}

/* The same masks again: the same nuclei. */
static void
test_same_masks (void)
{
  g_autoptr(LdaBitplane) mask = pair (13);
  g_autoptr(LdaNuclei) base = split_exactly (mask);
  g_autoptr(LdaNuclei) carried = NULL;

  g_assert_cmpuint (base->objects->n_components, ==, 2);
  carried = carry (base, mask);
  assert_well_formed (carried, mask);
  g_assert_true (lda_test_planes_match ("lines", carried->lines, base->lines));
  g_assert_cmpuint (carried->objects->n_components, ==, 2);
}

/* A lower threshold grows both nuclei: still two, the grown rim shared
 * out between them, the old line kept and carried across the new neck. */
static void
test_grown (void)
{
  g_autoptr(LdaBitplane) mask = pair (13);
  g_autoptr(LdaBitplane) grown = pair (15);
  g_autoptr(LdaNuclei) base = split_exactly (mask);
  g_autoptr(LdaNuclei) carried = carry (base, grown);
  g_autoptr(LdaNuclei) unsplit = NULL;
  g_autoptr(LdaBitplane) none = lda_test_plane_new (W, H);
  const LdaNucleusParams whole = { TRUE, FALSE, 2.0, 20 };

  assert_well_formed (carried, grown);
  assert_kept_apart (carried, base);
  g_assert_cmpuint (carried->objects->n_components, ==, 2);
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      if (lda_bitplane_get (base->lines, x, y))
        g_assert_true (lda_bitplane_get (carried->lines, x, y));
  /* Each nucleus keeps the pixels it had. */
  g_assert_cmpint (lda_runs_label_at (carried->objects, 30, 24), !=,
                   lda_runs_label_at (carried->objects, 52, 24));
  g_assert_cmpint (lda_runs_label_at (carried->objects, 30 - 14, 24), ==,
                   lda_runs_label_at (carried->objects, 30, 24));
  g_assert_cmpint (lda_runs_label_at (carried->objects, 52 + 14, 24), ==,
                   lda_runs_label_at (carried->objects, 52, 24));

  /* Without the carried line, the grown pair is one blob. */
  unsplit = lda_nuclei_new (grown, none, NULL, NULL, &whole, NULL, NULL);
  g_assert_cmpuint (unsplit->objects->n_components, ==, 1);
}

/* A higher threshold shrinks them: the line is kept where the mask is. */
static void
test_shrunk (void)
{
  g_autoptr(LdaBitplane) mask = pair (13);
  g_autoptr(LdaBitplane) shrunk = pair (12);
  g_autoptr(LdaNuclei) base = split_exactly (mask);
  g_autoptr(LdaNuclei) carried = carry (base, shrunk);

  assert_well_formed (carried, shrunk);
  assert_kept_apart (carried, base);
  g_assert_cmpuint (carried->objects->n_components, ==, 2);
  /* Each keeps the pixels of its own that the new mask still has. */
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      if (lda_bitplane_get (shrunk, x, y) && lda_runs_label_at (base->objects, x, y) >= 0)
        g_assert_cmpint (lda_runs_label_at (carried->objects, x, y), >=, 0);
}

/* Two nuclei apart, and a lower threshold that fills the gap between
 * them: the gap's pixels are reached from both and become a line. */
static void
test_gap_filled (void)
{
  g_autoptr(LdaBitplane) apart = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) joined = NULL;
  g_autoptr(LdaNuclei) base = NULL;
  g_autoptr(LdaNuclei) carried = NULL;

  lda_test_plane_fill (apart, 10, 14, 20, 20);
  lda_test_plane_fill (apart, 33, 14, 20, 20);
  joined = lda_bitplane_copy (apart, NULL);
  lda_test_plane_fill (joined, 30, 14, 3, 20);

  base = split_exactly (apart);
  g_assert_cmpuint (base->objects->n_components, ==, 2);
  carried = carry (base, joined);
  assert_well_formed (carried, joined);
  assert_kept_apart (carried, base);
  g_assert_cmpuint (carried->objects->n_components, ==, 2);
  /* Three columns reached from both sides at once: the middle one is
   * the line. */
  for (guint y = 14; y < 34; y++)
    g_assert_true (lda_bitplane_get (carried->lines, 31, y));
}

/* A nucleus that only the new threshold finds is one object, and a
 * speck that appears is dropped as specks are. */
static void
test_new_blob (void)
{
  g_autoptr(LdaBitplane) mask = pair (13);
  g_autoptr(LdaBitplane) more = pair (13);
  g_autoptr(LdaBitplane) want = NULL;
  g_autoptr(LdaNuclei) base = split_exactly (mask);
  g_autoptr(LdaNuclei) carried = NULL;

  lda_test_plane_disc (more, 84, 10, 6);
  want = lda_bitplane_copy (more, NULL);
  lda_test_plane_fill (more, 84, 40, 2, 2);
  carried = carry (base, more);
  assert_well_formed (carried, want);
  g_assert_cmpuint (carried->objects->n_components, ==, 3);
}

static LdaPipeline *
sample_pipeline (guint cache_size)
{
  g_autoptr(GError) error = NULL;
  LdaPipeline *pipeline = lda_pipeline_new (sample[0], sample[1], sample[2], &error);

  g_assert_no_error (error);
  lda_pipeline_set_cache_size (pipeline, cache_size);
  return pipeline;
}

static void
set_hoechst_offset (LdaPipeline *pipeline,
                    LdaParams   *params,
                    double       offset)
{
  g_autoptr(GError) error = NULL;

  params->channel[LDA_CHANNEL_HOECHST].offset = offset;
  params->channel[LDA_CHANNEL_HOECHST].use_offset = TRUE;
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
}

/* The labels a fresh pipeline gives for @params. */
static LdaImage *
fresh_labels (const LdaParams *params)
{
  g_autoptr(LdaPipeline) pipeline = sample_pipeline (0);
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  return lda_image_ref (lda_pipeline_get_labels (pipeline));
}

static void
assert_same_labels (const LdaImage *a,
                    const LdaImage *b)
{
  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  g_assert_true (memcmp (a->data, b->data, lda_image_n_bytes (a)) == 0);
}

/* A drag carries: the split stage runs, but its results are marked, and
 * the run after the drag is the exact one, byte for byte. */
static void
test_drag_then_rest (void)
{
  g_autoptr(LdaPipeline) pipeline = sample_pipeline (2);
  g_autoptr(LdaImage) want = NULL;
  g_autoptr(LdaImage) carried = NULL;
  LdaParams params;
  const double base = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST].offset;

  params = *lda_pipeline_get_params (pipeline);
  g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
  g_assert_true (lda_pipeline_is_exact (pipeline));

  lda_pipeline_set_dragging (pipeline, TRUE);
  for (guint step = 1; step <= 5; step++)
    {
      set_hoechst_offset (pipeline, &params, base - 0.02 * step);
      g_assert_false (lda_pipeline_is_exact (pipeline));
      g_assert_true (lda_pipeline_is_done (pipeline));
    }
  carried = lda_image_ref (lda_pipeline_get_labels (pipeline));
  want = fresh_labels (&params);
  /* The carried split is not the exact one here (else this test shows
   * nothing). */
  g_assert_false (memcmp (carried->data, want->data, lda_image_n_bytes (want)) == 0);

  lda_pipeline_set_dragging (pipeline, FALSE);
  g_assert_false (lda_pipeline_is_done (pipeline));
  g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
  g_assert_true (lda_pipeline_is_exact (pipeline));
  assert_same_labels (lda_pipeline_get_labels (pipeline), want);
}

/* Values a drag passed through are not taken back from the stage cache
 * once it rests: only exact results are kept there. */
static void
test_drag_not_cached (void)
{
  g_autoptr(LdaPipeline) pipeline = sample_pipeline (4);
  g_autoptr(LdaImage) want = NULL;
  LdaParams params;
  const double base = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST].offset;
  guint splits;

  params = *lda_pipeline_get_params (pipeline);
  g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
  lda_pipeline_set_dragging (pipeline, TRUE);
  set_hoechst_offset (pipeline, &params, base - 0.1);
  set_hoechst_offset (pipeline, &params, base - 0.2);
  lda_pipeline_set_dragging (pipeline, FALSE);
  splits = lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI);
  /* Back to a value the drag showed: split again, exactly. */
  set_hoechst_offset (pipeline, &params, base - 0.1);
  g_assert_true (lda_pipeline_is_exact (pipeline));
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI), ==, splits + 1);
  want = fresh_labels (&params);
  assert_same_labels (lda_pipeline_get_labels (pipeline), want);

  /* The value before the drag was exact: it comes back from the cache. */
  splits = lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI);
  set_hoechst_offset (pipeline, &params, base);
  g_assert_cmpuint (lda_pipeline_get_stage_runs (pipeline, LDA_STAGE_NUCLEI), ==, splits);
  g_assert_true (lda_pipeline_is_exact (pipeline));
}

/* A change of how nuclei are split, during a drag, splits afresh: the
 * last split is not carried onto other parameters. */
static void
test_drag_split_change (void)
{
  g_autoptr(LdaPipeline) pipeline = sample_pipeline (0);
  g_autoptr(LdaImage) want = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;
  const double base = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST].offset;

  params = *lda_pipeline_get_params (pipeline);
  g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
  lda_pipeline_set_dragging (pipeline, TRUE);
  set_hoechst_offset (pipeline, &params, base - 0.1);
  g_assert_false (lda_pipeline_is_exact (pipeline));

  params.nuclei.split_depth = 3.0;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_true (lda_pipeline_is_exact (pipeline));
  want = fresh_labels (&params);
  assert_same_labels (lda_pipeline_get_labels (pipeline), want);

  /* The drag goes on from that split. */
  set_hoechst_offset (pipeline, &params, base - 0.12);
  g_assert_false (lda_pipeline_is_exact (pipeline));
}

/* A moved cell area alone keeps the nuclei, carried or not, and does not
 * make carried ones exact. */
static void
test_drag_cell_area (void)
{
  g_autoptr(LdaPipeline) pipeline = sample_pipeline (0);
  LdaParams params;
  g_autoptr(GError) error = NULL;
  const double base = lda_pipeline_get_params (pipeline)->channel[LDA_CHANNEL_HOECHST].offset;

  params = *lda_pipeline_get_params (pipeline);
  g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
  lda_pipeline_set_dragging (pipeline, TRUE);
  set_hoechst_offset (pipeline, &params, base - 0.1);
  params.channel[LDA_CHANNEL_CELL_AREA].offset *= 1.1;
  params.channel[LDA_CHANNEL_CELL_AREA].use_offset = TRUE;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_false (lda_pipeline_is_exact (pipeline));

  lda_pipeline_set_dragging (pipeline, FALSE);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_true (lda_pipeline_is_exact (pipeline));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  lda_test_load_sample (sample);

  g_test_add_func ("/nuclei-carry/same-masks", test_same_masks);
  g_test_add_func ("/nuclei-carry/grown", test_grown);
  g_test_add_func ("/nuclei-carry/shrunk", test_shrunk);
  g_test_add_func ("/nuclei-carry/gap-filled", test_gap_filled);
  g_test_add_func ("/nuclei-carry/new-blob", test_new_blob);
  g_test_add_func ("/nuclei-carry/drag-then-rest", test_drag_then_rest);
  g_test_add_func ("/nuclei-carry/drag-not-cached", test_drag_not_cached);
  g_test_add_func ("/nuclei-carry/drag-split-change", test_drag_split_change);
  g_test_add_func ("/nuclei-carry/drag-cell-area", test_drag_cell_area);

  status = g_test_run ();

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&sample[i], lda_image_unref);

  return status;
}
