/* test-flood-reuse.c — the pieces of the last flood that nothing changed,
 * copied by the next one
 *
 * Whatever is copied, the cells are those of a flood of the whole frame,
 * label for label: after steps of the Draq7 and Hoechst offsets on the
 * bundled sample, both presets, from nucleus objects and from the masks; after a nucleus added before all others,
 * which gives every nucleus another number; and through a pipeline
 * whose Draq7 slider is dragged, on one thread and on two.  A drag of the
 * Hoechst slider, whose steps move most nuclei, stops trying.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-pipeline.h"
#include "lda-test-lib.h"
#include "lda-watershed.h"

static void
assert_same_regions (const LdaRegions *a,
                     const LdaRegions *b)
{
  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  for (gsize i = 0; i < (gsize) a->width * a->height; i++)
    if (a->regions[i] != b->regions[i])
      g_error ("pixel (%zu, %zu): %d flooded whole, %d taking from the last flood",
               i % a->width, i / a->width, a->regions[i], b->regions[i]);
}

/* The regions of @nuclei flooded, with @base to copy from (and their
 * relief kept for a next one). */
static LdaRegions *
flood_from (const LdaBitplane *cell_area,
            const LdaNuclei   *nuclei,
            const LdaRegions  *base)
{
  g_autoptr(GError) error = NULL;
  LdaRegionsPrep *prep = lda_regions_prep_new_from_nuclei (nuclei, &error);
  LdaRegions *regions;

  g_assert_no_error (error);
  lda_regions_prep_set_base (prep, base);
  regions = lda_regions_new_prepared (prep, cell_area, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (regions->relief);

  return regions;
}

/* As flood_from(), from the masks, as the article floods: each
 * 8-connected component of Hoechst ∪ Draq7 one nucleus. */
static LdaRegions *
flood_from_masks (LdaPipeline      *pipeline,
                  const LdaRegions *base)
{
  g_autoptr(GError) error = NULL;
  LdaRegionsPrep *prep = lda_regions_prep_new (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_HOECHST),
                                               lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_DRAQ7),
                                               &error);
  LdaRegions *regions;

  g_assert_no_error (error);
  lda_regions_prep_set_base (prep, base);
  regions = lda_regions_new_prepared (prep, lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA),
                                      NULL, &error);
  g_assert_no_error (error);

  return regions;
}

/* The article's own flood, from the masks: the same as the whole
 * flood's at each step of either nucleus offset. */
static void
test_same_from_masks (void)
{
  for (LdaChannel channel = LDA_CHANNEL_HOECHST; channel <= LDA_CHANNEL_DRAQ7; channel++)
    {
      g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
      g_autoptr(LdaRegions) base = NULL;
      g_autoptr(GError) error = NULL;
      LdaParams params;
      double offset;
      gsize reused = 0;

      lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
      offset = params.channel[channel].offset;
      for (guint step = 0; step < 5; step++)
        {
          g_autoptr(LdaRegions) whole = NULL;
          LdaRegions *copied;

          params.channel[channel].offset = offset + 0.01 * step;
          params.channel[channel].use_offset = TRUE;
          g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
          g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
          g_assert_no_error (error);
          copied = flood_from_masks (pipeline, base);
          whole = lda_regions_new (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA),
                                   lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_HOECHST),
                                   lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_DRAQ7),
                                   NULL, &error);
          g_assert_no_error (error);
          assert_same_regions (whole, copied);
          reused += copied->reused;
          g_clear_pointer (&base, lda_regions_free);
          base = copied;
        }
      if (channel == LDA_CHANNEL_DRAQ7)
        g_assert_cmpuint (reused, >, 0);
    }
}

static LdaNuclei *
nuclei_at (LdaPipeline *pipeline,
           LdaParams   *params,
           LdaChannel   channel,
           double       offset)
{
  g_autoptr(GError) error = NULL;

  params->channel[channel].offset = offset;
  params->channel[channel].use_offset = TRUE;
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  return lda_nuclei_copy (lda_pipeline_get_nuclei (pipeline), NULL);
}

/* Steps of an offset on the sample: each flood taking from the last is
 * the whole flood, and a Draq7 step copies most of the frame. */
static void
test_same_as_flood (void)
{
  for (guint preset = 0; preset < 2; preset++)
    for (LdaChannel channel = LDA_CHANNEL_HOECHST; channel <= LDA_CHANNEL_DRAQ7; channel++)
      {
        g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
        g_autoptr(LdaRegions) base = NULL;
        LdaParams params;
        double offset;

        if (preset == 1)
          {
            lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
            /* The article's pixels as nucleus objects: reuse needs the
             * objects the pipeline floods from. */
            params.nuclei.objects = TRUE;
          }
        else
          params = *lda_pipeline_get_params (pipeline);
        offset = params.channel[channel].offset;

        for (guint step = 0; step < 5; step++)
          {
            g_autoptr(LdaNuclei) nuclei = nuclei_at (pipeline, &params, channel,
                                                     offset + 0.01 * step);
            const LdaBitplane *cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
            g_autoptr(LdaRegions) whole = NULL;
            g_autoptr(GError) error = NULL;
            LdaRegions *copied = flood_from (cell_area, nuclei, base);

            whole = lda_regions_new_from_nuclei (cell_area, nuclei, NULL, &error);
            g_assert_no_error (error);
            assert_same_regions (whole, copied);
            g_assert_cmpuint (whole->reused, ==, 0);
            if (step == 0)
              g_assert_cmpuint (copied->reused, ==, 0);
            else if (channel == LDA_CHANNEL_DRAQ7)
              g_assert_cmpuint (copied->reused, >, 0);
            g_clear_pointer (&base, lda_regions_free);
            base = copied;
          }
      }
}

/* A nucleus added at the top left numbers every other one anew: the
 * pieces away from it are copied, each cell given its nucleus's number
 * now. */
static void
test_numbers_anew (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaNuclei) before = NULL;
  g_autoptr(LdaNuclei) after = NULL;
  g_autoptr(LdaBitplane) hoechst = NULL;
  g_autoptr(LdaBitplane) cell_area = NULL;
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) whole = NULL;
  g_autoptr(LdaRegions) copied = NULL;
  const LdaParams *params;

  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  params = lda_pipeline_get_params (pipeline);
  before = lda_nuclei_copy (lda_pipeline_get_nuclei (pipeline), NULL);
  cell_area = lda_bitplane_copy (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA), NULL);

  /* A square nucleus at (3, 3), before every other in raster order. */
  hoechst = lda_bitplane_copy (before->mask, NULL);
  for (guint y = 0; y < 3; y++)
    memset (lda_bitplane_row (hoechst, y), 0, hoechst->stride * sizeof (guint64));
  for (guint y = 3; y < 9; y++)
    for (guint x = 3; x < 9; x++)
      lda_bitplane_set (hoechst, x, y, TRUE);
  {
    g_autoptr(LdaBitplane) none = lda_bitplane_new (hoechst->width, hoechst->height, NULL);
    LdaNucleusParams nucleus_params = params->nuclei;

    nucleus_params.split = FALSE;
    after = lda_nuclei_new (hoechst, none, NULL, NULL, &nucleus_params, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&before, lda_nuclei_free);
    /* The same without the added one. */
    for (guint y = 3; y < 9; y++)
      for (guint x = 3; x < 9; x++)
        lda_bitplane_set (hoechst, x, y, FALSE);
    before = lda_nuclei_new (hoechst, none, NULL, NULL, &nucleus_params, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (after->objects->n_components, ==, before->objects->n_components + 1);

  base = flood_from (cell_area, before, NULL);
  copied = flood_from (cell_area, after, base);
  whole = lda_regions_new_from_nuclei (cell_area, after, NULL, &error);
  g_assert_no_error (error);
  assert_same_regions (whole, copied);
  /* Every nucleus has another number, and most cells were copied. */
  g_assert_cmpuint (copied->reused, >, 0);
}

/* Drags @channel's offset @steps steps of @step from where it is, and
 * checks each change's cells against the whole flood of its nuclei;
 * asserts @check on each change's regions.  Returns the pixels copied in
 * all.  The pipeline is left dragging. */
static gsize
drag_checked (LdaPipeline *pipeline,
              LdaChannel   channel,
              guint        steps,
              double       step_size,
              void       (*check) (const LdaRegions *regions, guint step))
{
  g_autoptr(GError) error = NULL;
  LdaParams params = *lda_pipeline_get_params (pipeline);
  const double offset = params.channel[channel].offset;
  gsize reused = 0;

  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  lda_pipeline_set_dragging (pipeline, TRUE);
  for (guint step = 1; step <= steps; step++)
    {
      g_autoptr(LdaRegions) whole = NULL;
      const LdaRegions *regions;

      params.channel[channel].offset = offset + step_size * step;
      params.channel[channel].use_offset = TRUE;
      g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
      g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
      g_assert_no_error (error);

      regions = lda_pipeline_get_regions (pipeline);
      whole = lda_regions_new_from_nuclei (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA),
                                           lda_pipeline_get_nuclei (pipeline), NULL, &error);
      g_assert_no_error (error);
      assert_same_regions (whole, regions);
      if (check != NULL)
        check (regions, step);
      reused += regions->reused;
    }

  return reused;
}

/* The Draq7 slider dragged: every change's cells are the whole flood of
 * its nuclei, and from the third change on most are copied. */
static void
test_pipeline_drag (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();

  g_assert_cmpuint (drag_checked (pipeline, LDA_CHANNEL_DRAQ7, 6, 0.02, NULL), >, 0);
  /* Still copying: the relief is kept for the next step. */
  g_assert_nonnull (lda_pipeline_get_regions (pipeline)->relief);
  lda_pipeline_set_dragging (pipeline, FALSE);
}

/* The sample tiled 2 × 2: enough unknown pixels that the flood runs on
 * two threads, which copy rows while they flood pieces. */
static LdaPipeline *
tiled_pipeline (void)
{
  LdaImage *sample[LDA_N_INPUTS], *tiled[LDA_N_INPUTS];
  g_autoptr(GError) error = NULL;
  LdaPipeline *pipeline;

  lda_test_load_sample (sample);
  for (guint c = 0; c < LDA_N_INPUTS; c++)
    {
      const guint w = sample[c]->width, h = sample[c]->height;

      tiled[c] = lda_image_new (LDA_PIXEL_U16, 2 * w, 2 * h, &error);
      g_assert_no_error (error);
      for (guint y = 0; y < 2 * h; y++)
        for (guint k = 0; k < 2; k++)
          memcpy ((guint16 *) lda_image_u16 (tiled[c]) + (gsize) y * 2 * w + k * w,
                  lda_image_u16 (sample[c]) + (gsize) (y % h) * w, w * sizeof (guint16));
    }
  pipeline = lda_pipeline_new (tiled[0], tiled[1], tiled[2], &error);
  g_assert_no_error (error);
  for (guint c = 0; c < LDA_N_INPUTS; c++)
    {
      lda_image_unref (sample[c]);
      lda_image_unref (tiled[c]);
    }

  return pipeline;
}

/* lda-watershed-parts.c floods from 65 536 pixels on two threads. */
static void
assert_two_threads (const LdaRegions *regions,
                    guint             step)
{
  g_assert_cmpuint (regions->unknown, >=, 65536);
}

static void
test_two_threads (void)
{
  g_autoptr(LdaPipeline) pipeline = tiled_pipeline ();

  g_assert_cmpuint (drag_checked (pipeline, LDA_CHANNEL_DRAQ7, 4, 0.02, assert_two_threads), >, 0);
  lda_pipeline_set_dragging (pipeline, FALSE);
}

/* The Hoechst slider dragged: a step moves most nuclei, so the drag
 * stops copying (and keeping the relief to copy with) after its first
 * try, and the cells are still the whole flood's. */
/* The first steps keep their relief to copy with; from the one that
 * tried and copied nothing on, none does. */
static void
assert_declined (const LdaRegions *regions,
                 guint             step)
{
  g_assert_cmpuint (regions->reused, ==, 0);
  if (step >= 3)
    g_assert_null (regions->relief);
}

static void
test_pipeline_drag_declined (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  LdaParams params = *lda_pipeline_get_params (pipeline);

  drag_checked (pipeline, LDA_CHANNEL_HOECHST, 5, -0.03, assert_declined);

  /* At rest, and a next drag keeps it again. */
  lda_pipeline_set_dragging (pipeline, FALSE);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  lda_pipeline_set_dragging (pipeline, TRUE);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_nonnull (lda_pipeline_get_regions (pipeline)->relief);
  lda_pipeline_set_dragging (pipeline, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flood-reuse/same-as-flood", test_same_as_flood);
  g_test_add_func ("/flood-reuse/same-from-masks", test_same_from_masks);
  g_test_add_func ("/flood-reuse/numbers-anew", test_numbers_anew);
  g_test_add_func ("/flood-reuse/pipeline-drag", test_pipeline_drag);
  g_test_add_func ("/flood-reuse/pipeline-drag-declined", test_pipeline_drag_declined);
  g_test_add_func ("/flood-reuse/two-threads", test_two_threads);

  return g_test_run ();
}
