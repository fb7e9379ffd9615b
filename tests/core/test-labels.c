/* test-labels.c — the label mask and counts of one fused pass equal those
 * of lda_compose(), lda_compose_objects() and lda_counts_new_full()
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-compose.h"
#include "lda-edits.h"
#include "lda-pipeline.h"
#include "lda-split.h"
#include "lda-watershed.h"
#include "lda-triples.h"
#include "lda-test-lib.h"

static LdaImage *sample[LDA_N_INPUTS];

static LdaBitplane *
mask_bits (LdaPipeline *pipeline,
           LdaChannel   channel)
{
  g_autoptr(GError) error = NULL;
  LdaBitplane *bits = lda_bitplane_new_from_image (lda_pipeline_get_mask (pipeline, channel),
                                                   &error);

  g_assert_no_error (error);
  return bits;
}

/* Runs @preset on the sample and compares the pipeline's labels and
 * counts with those of the separate functions. */
static void
check_preset (LdaPreset preset,
              gboolean  threaded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (sample[0], sample[1], sample[2], &error);
  g_autoptr(LdaBitplane) ho = NULL;
  g_autoptr(LdaBitplane) dr = NULL;
  g_autoptr(LdaCounts) counts = NULL;
  g_autoptr(LdaImage) labels = NULL;
  const LdaCounts *fused;
  LdaImage *fused_labels;
  LdaParams params;
  LdaEvidence evidence;

  lda_params_init_preset (&params, preset);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  lda_pipeline_set_threaded (pipeline, threaded);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  ho = mask_bits (pipeline, LDA_CHANNEL_HOECHST);
  dr = mask_bits (pipeline, LDA_CHANNEL_DRAQ7);
  evidence = (LdaEvidence) {
    sample[LDA_INPUT_DRAQ7],
    lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_DRAQ7),
    params.nuclei.objects, lda_pipeline_get_dead_level (pipeline),
  };
  counts = lda_counts_new_full (lda_pipeline_get_regions (pipeline), ho, dr, &evidence);
  if (params.nuclei.objects)
    labels = lda_compose_objects (lda_pipeline_get_regions (pipeline),
                                  lda_pipeline_get_nuclei (pipeline), counts, &error);
  else
    labels = lda_compose (lda_pipeline_get_regions (pipeline), ho, dr, &error);
  g_assert_no_error (error);

  fused = lda_pipeline_get_counts (pipeline);
  fused_labels = lda_pipeline_get_labels (pipeline);
  g_assert_cmpuint (fused->n_objects, ==, counts->n_objects);
  g_assert_cmpuint (fused->n_objects, >, 10);
  g_assert_cmpuint (fused->live, ==, counts->live);
  g_assert_cmpuint (fused->dead, ==, counts->dead);
  g_assert_cmpfloat (fused->mean_cell_area, ==, counts->mean_cell_area);
  for (guint i = 0; i < counts->n_objects; i++)
    {
      g_assert_cmpuint (fused->objects[i].cell_area, ==, counts->objects[i].cell_area);
      g_assert_cmpuint (fused->objects[i].nucleus_pixels, ==, counts->objects[i].nucleus_pixels);
      g_assert_cmpint (fused->objects[i].dead, ==, counts->objects[i].dead);
      g_assert_cmpfloat (fused->objects[i].draq7_share, ==, counts->objects[i].draq7_share);
    }
  g_assert_cmpmem (lda_image_u8 (fused_labels), (gsize) fused_labels->width * fused_labels->height,
                   lda_image_u8 (labels), (gsize) labels->width * labels->height);
}

static void
test_article (void)
{
  check_preset (LDA_PRESET_ARTICLE, TRUE);
  check_preset (LDA_PRESET_ARTICLE, FALSE);
}

static void
test_robust (void)
{
  check_preset (LDA_PRESET_ROBUST, TRUE);
  check_preset (LDA_PRESET_ROBUST, FALSE);
}

/* Random blobs: a pixel set where a few random discs cover it. */
static LdaBitplane *
random_blobs (GRand *rand,
              guint  width,
              guint  height,
              guint  n_discs,
              int    radius)
{
  LdaBitplane *plane = lda_bitplane_new (width, height, NULL);

  for (guint d = 0; d < n_discs; d++)
    {
      int cx = g_rand_int_range (rand, 0, (gint32) width);
      int cy = g_rand_int_range (rand, 0, (gint32) height);
      int r = g_rand_int_range (rand, 1, radius + 1);

      for (int y = MAX (cy - r, 0); y <= MIN (cy + r, (int) height - 1); y++)
        for (int x = MAX (cx - r, 0); x <= MIN (cx + r, (int) width - 1); x++)
          if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
            lda_bitplane_set (plane, (guint) x, (guint) y, TRUE);
    }

  return plane;
}

/* Frames of every width from 1 to 70 columns, so that rows end at every
 * place within the sixteen pixels the classes are made at a time and the
 * four a cell's run is followed at: the fused pass gives the mask and the
 * cells' areas of lda_compose() and lda_counts_new_full(). */
static void
test_widths (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint width = 1; width <= 70; width++)
    {
      const guint height = 3 + width % 11;
      g_autoptr(LdaBitplane) area = random_blobs (rand, width, height, 6, 6);
      g_autoptr(LdaBitplane) ho = random_blobs (rand, width, height, 5, 2);
      g_autoptr(LdaBitplane) dr = random_blobs (rand, width, height, 2, 2);
      g_autoptr(LdaRegions) regions = NULL;
      g_autoptr(LdaCounts) counts = NULL;
      g_autoptr(LdaCounts) fused = NULL;
      g_autoptr(LdaImage) labels = NULL;
      g_autoptr(LdaImage) fused_labels = NULL;
      g_autoptr(GError) error = NULL;

      regions = lda_regions_new (area, ho, dr, NULL, &error);
      g_assert_no_error (error);
      counts = lda_counts_new_full (regions, ho, dr, NULL);
      labels = lda_compose (regions, ho, dr, &error);
      g_assert_no_error (error);
      fused_labels = lda_labels_new (regions, ho, dr, NULL, NULL, &fused, &error);
      g_assert_no_error (error);

      g_assert_cmpmem (lda_image_u8 (fused_labels), (gsize) width * height,
                       lda_image_u8 (labels), (gsize) width * height);
      g_assert_cmpuint (fused->n_objects, ==, counts->n_objects);
      for (guint i = 0; i < counts->n_objects; i++)
        g_assert_cmpuint (fused->objects[i].cell_area, ==, counts->objects[i].cell_area);

      /* The cells' areas are those the label mask shows, from a width of
       * one on (a nucleus's pixel on both edges of one column was counted
       * twice). */
      {
        g_autoptr(LdaCounts) read = lda_counts_new_from_labels_full (labels, 8);
        guint64 shown = 0, counted = 0;

        g_assert_cmpuint (read->n_objects, ==, counts->n_objects);
        for (guint i = 0; i < counts->n_objects; i++)
          {
            shown += read->objects[i].cell_area;
            counted += counts->objects[i].cell_area;
          }
        g_assert_cmpuint (counted, ==, shown);
      }
    }
}

/* A split line the flood gives to one cell (a stub of line that only one
 * nucleus touches) is painted outline over that cell: the cell's area
 * leaves it out, as the counts of the label mask do (classes 1, 3 and 4).
 * On a real frame (oct26 t39) the mean cell area was 13 pixels more than
 * the mask's. */
static void
test_line_in_cell (void)
{
  const guint w = 40, h = 24;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) area = lda_bitplane_new (w, h, NULL);
  g_autoptr(LdaBitplane) empty = lda_bitplane_new (w, h, NULL);
  g_autoptr(LdaNuclei) nuclei = g_new0 (LdaNuclei, 1);
  g_autoptr(LdaRegions) regions = NULL;
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(LdaCounts) counts = NULL;
  g_autoptr(LdaCounts) from_labels = NULL;
  LdaNucleusParams params;

  lda_nucleus_params_init_preset (&params, LDA_PRESET_ROBUST);
  params.min_area = 10;
  nuclei->width = w;
  nuclei->height = h;
  nuclei->mask = lda_bitplane_new (w, h, NULL);
  nuclei->lines = lda_bitplane_new (w, h, NULL);
  for (guint y = 2; y < h - 2; y++)
    for (guint x = 2; x < w - 2; x++)
      {
        lda_bitplane_set (area, x, y, TRUE);
        if (y >= 6 && y < 16 && x >= 8 && x < 31)
          lda_bitplane_set (nuclei->mask, x, y, TRUE);
      }
  /* The line between two nuclei, and a stub of it into the left one. */
  for (guint y = 6; y < 16; y++)
    lda_bitplane_set (nuclei->lines, 19, y, TRUE);
  lda_bitplane_set (nuclei->lines, 18, 10, TRUE);
  lda_bitplane_set (nuclei->lines, 17, 10, TRUE);
  g_assert_true (lda_nuclei_finish (nuclei, empty, &params, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 2);

  regions = lda_regions_new_from_nuclei (area, nuclei, NULL, &error);
  g_assert_no_error (error);
  labels = lda_labels_new (regions, nuclei->mask, empty, nuclei, NULL, &counts, &error);
  g_assert_no_error (error);
  /* The stub is outline in the mask, in the left cell's region. */
  g_assert_cmpuint (lda_image_get (labels, 17, 10), ==, LDA_CLASS_OUTLINE);
  g_assert_cmpint (regions->regions[10 * w + 17], >=, LDA_REGION_FIRST_CELL);

  from_labels = lda_counts_new_from_labels_full (labels, 4);
  g_assert_cmpuint (from_labels->n_objects, ==, counts->n_objects);
  for (guint i = 0; i < counts->n_objects; i++)
    g_assert_cmpuint (counts->objects[i].cell_area, ==, from_labels->objects[i].cell_area);
  g_assert_cmpfloat (counts->mean_cell_area, ==, from_labels->mean_cell_area);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  lda_test_load_sample (sample);

  g_test_add_func ("/labels/fused/article", test_article);
  g_test_add_func ("/labels/fused/robust", test_robust);
  g_test_add_func ("/labels/fused/widths", test_widths);
  g_test_add_func ("/labels/line-in-cell", test_line_in_cell);

  status = g_test_run ();
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_image_unref (sample[i]);

  return status;
}
