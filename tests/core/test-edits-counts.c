/* test-edits-counts.c — counting the cells of a corrected mask
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "edits-test-util.h"
#include "lda-edits.h"
#include "lda-error.h"
#include "lda-pipeline.h"
#include "lda-triples.h"
#include "lda-test-lib.h"

static void
test_counts_hand_made (void)
{
  /* A: live (all 3); B: dead (3 × 4, 1 × 3); C: tie → live, and shares
   * its region of 25 pixels with B; D: a lone 4 with no cell area around
   * it; E: a nucleus whose parts touch diagonally, in two regions. */
  static const char * const rows[] = {
    "1111200000000",
    "1331211144100",
    "1131211134100",
    "1111211111000",
    "2222211334000",
    "0000000114000",
    "4000000000000",
    "0030000000000",
    "0003331000000",
    NULL,
  };
  g_autoptr(LdaImage) labels = mask_from_rows (rows);
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (labels);
  const LdaObject *o;

  g_assert_cmpuint (counts->n_objects, ==, 5);
  g_assert_cmpuint (counts->live, ==, 3);
  g_assert_cmpuint (counts->dead, ==, 2);
  g_assert_cmpfloat_with_epsilon (counts->dead_fraction, 0.4, 1e-12);

  /* Raster order of first pixels: A (1,1), B (8,1), C (7,4), D, E. */
  o = &counts->objects[0];
  g_assert_cmpuint (o->nucleus_pixels, ==, 3);
  g_assert_cmpuint (o->hoechst_only, ==, 3);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 16);

  o = &counts->objects[1];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_cmpuint (o->draq7, ==, 3);
  g_assert_cmpuint (o->hoechst_only, ==, 1);
  g_assert_true (o->dead);
  /* B and C share their region, flooded from both nuclei at once: B
   * gets rows 1 and 2 right of the outline and (8, 3), (9, 3), 14 pixels;
   * C the rest, 11, so that the two add up to the region's 25. */
  g_assert_cmpuint (o->cell_area, ==, 14);

  o = &counts->objects[2];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_cmpuint (o->draq7, ==, 2);
  g_assert_cmpuint (o->hoechst_only, ==, 2);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 11);

  o = &counts->objects[3];
  g_assert_true (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 1);

  o = &counts->objects[4];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 1 + 4);

  g_assert_cmpfloat_with_epsilon (counts->mean_cell_area,
                                  (16.0 + 14 + 11 + 1 + 5) / 5, 1e-12);
}

static void
test_counts_empty (void)
{
  static const char * const rows[] = { "0120", "2110", NULL };
  g_autoptr(LdaImage) labels = mask_from_rows (rows);
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (labels);

  g_assert_cmpuint (counts->n_objects, ==, 0);
  g_assert_cmpuint (counts->live + counts->dead, ==, 0);
  g_assert_cmpfloat (counts->dead_fraction, ==, 0.0);
  g_assert_cmpfloat (counts->mean_cell_area, ==, 0.0);
}

/* On an automatic mask, the counts read off the classes are the
 * pipeline's, nucleus by nucleus, with either preset's connectivity. */
static void
test_counts_match_pipeline (gconstpointer data)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaCounts) ours = NULL;
  const LdaCounts *theirs;
  LdaParams params;

  lda_params_init_preset (&params, GPOINTER_TO_UINT (data));
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  theirs = lda_pipeline_get_counts (pipeline);
  ours = lda_counts_new_from_labels_full (lda_pipeline_get_labels (pipeline),
                                          lda_params_nucleus_connectivity (&params));

  g_test_message ("sample: pipeline %u live / %u dead, from labels %u / %u",
                  theirs->live, theirs->dead, ours->live, ours->dead);
  g_assert_cmpuint (theirs->n_objects, >, 0);
  g_assert_cmpuint (ours->n_objects, ==, theirs->n_objects);
  g_assert_cmpuint (ours->live, ==, theirs->live);
  g_assert_cmpuint (ours->dead, ==, theirs->dead);
  g_assert_cmpfloat (ours->dead_fraction, ==, theirs->dead_fraction);
  /* The mean cell area too, nuclei on the image's edge included: the
   * window's counts go from the pipeline's to these at the first
   * correction, and a correction that changes no cell's pixels (a
   * nucleus's class) must not move it. */
  g_test_message ("mean cell area: pipeline %.3f, from labels %.3f",
                  theirs->mean_cell_area, ours->mean_cell_area);
  g_assert_cmpfloat (ours->mean_cell_area, ==, theirs->mean_cell_area);

  /* Both number nuclei in raster order, so the objects line up. */
  for (guint i = 0; i < ours->n_objects; i++)
    {
      g_assert_cmpuint (ours->objects[i].nucleus_pixels, ==, theirs->objects[i].nucleus_pixels);
      g_assert_cmpint (ours->objects[i].dead, ==, theirs->objects[i].dead);
      g_assert_cmpuint (ours->objects[i].x0, ==, theirs->objects[i].x0);
      g_assert_cmpuint (ours->objects[i].y1, ==, theirs->objects[i].y1);
      g_assert_cmpuint (ours->objects[i].cell_area, >=, ours->objects[i].nucleus_pixels);
      g_assert_cmpuint (ours->objects[i].cell_area, ==, theirs->objects[i].cell_area);
      if (!params.nuclei.objects)
        {
          g_assert_cmpuint (ours->objects[i].draq7, ==, theirs->objects[i].draq7);
          g_assert_cmpuint (ours->objects[i].hoechst_only, ==, theirs->objects[i].hoechst_only);
        }
      else
        /* Painted whole: all Draq7 or none. */
        g_assert_cmpuint (ours->objects[i].draq7, ==,
                          ours->objects[i].dead ? ours->objects[i].nucleus_pixels : 0);
    }
}

static guint64
sum_of_cell_areas (const LdaCounts *counts)
{
  guint64 sum = 0;

  for (guint i = 0; i < counts->n_objects; i++)
    sum += counts->objects[i].cell_area;

  return sum;
}

/* A stroke of cell area painted across the sample's outlines joins many
 * cells into one region: their nuclei share it, so the cell areas grow by
 * no more than the stroke and never add up to more than the mask's cell
 * pixels.  (Each nucleus of a joined region was given the whole region,
 * and a short stroke raised the mean cell area by a third.) */
static void
test_counts_joined_cells (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaCounts) before = NULL;
  g_autoptr(LdaCounts) after = NULL;
  g_autoptr(LdaImage) painted = NULL;
  const LdaImage *labels;
  LdaParams params;
  guint64 cell_pixels = 0, painted_pixels = 0;
  guint8 *pixels;
  guint connectivity;

  lda_params_init (&params);
  connectivity = lda_params_nucleus_connectivity (&params);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  labels = lda_pipeline_get_labels (pipeline);
  before = lda_counts_new_from_labels_full (labels, connectivity);

  /* A band 9 pixels high across the middle: outlines and background
   * become cell area, nuclei stay. */
  painted = lda_image_new_from_data (LDA_PIXEL_U8, labels->width, labels->height,
                                     lda_image_u8 (labels));
  pixels = lda_image_u8 (painted);
  for (guint y = labels->height / 2 - 4; y <= labels->height / 2 + 4; y++)
    for (guint x = 0; x < labels->width; x++)
      {
        guint8 *v = &pixels[(gsize) y * labels->width + x];

        if (*v == LDA_CLASS_BACKGROUND || *v == LDA_CLASS_OUTLINE)
          {
            *v = LDA_CLASS_CELL;
            painted_pixels++;
          }
      }
  for (gsize i = 0; i < lda_image_n_pixels (painted); i++)
    cell_pixels += pixels[i] == LDA_CLASS_CELL || pixels[i] == LDA_CLASS_HOECHST ||
                   pixels[i] == LDA_CLASS_DRAQ7;
  after = lda_counts_new_from_labels_full (painted, connectivity);

  g_test_message ("mean cell area %.1f → %.1f px, %" G_GUINT64_FORMAT " pixels painted",
                  before->mean_cell_area, after->mean_cell_area, painted_pixels);
  g_assert_cmpuint (painted_pixels, >, 1000);
  g_assert_cmpuint (after->n_objects, ==, before->n_objects);
  g_assert_cmpuint (sum_of_cell_areas (after), <=, cell_pixels);
  g_assert_cmpuint (sum_of_cell_areas (after), <=, sum_of_cell_areas (before) + painted_pixels);
  g_assert_cmpuint (sum_of_cell_areas (after), >=, sum_of_cell_areas (before));
  for (guint i = 0; i < after->n_objects; i++)
    g_assert_cmpuint (after->objects[i].cell_area, >=, after->objects[i].nucleus_pixels);
}

/* The call of the nucleus under a pixel is the counts' call of its
 * object: a stroke over part of a live nucleus leaves it live until the
 * Draq7 pixels are the more; a tie is live; the nucleus is told apart
 * with the connectivity asked for; a pixel of no nucleus is none. */
static void
test_nucleus_call_at_pixel (void)
{
  static const char * const rows[] = {
    "1111111111",
    "1333441111",
    "1334441111",
    "1111111331",
    "1111144111",
    "1111111111",
    NULL,
  };
  g_autoptr(LdaImage) labels = mask_from_rows (rows);
  gsize ho = 9, dr = 9;

  /* The first nucleus: 5 of class 3, 5 of class 4, a tie, from either
   * of its pixels. */
  g_assert_false (lda_labels_nucleus_call (labels, 1, 1, 4, &ho, &dr));
  g_assert_cmpuint (ho, ==, 5);
  g_assert_cmpuint (dr, ==, 5);
  g_assert_false (lda_labels_nucleus_call (labels, 5, 2, 4, NULL, NULL));
  /* One more Draq7 pixel: dead. */
  lda_image_u8 (labels)[1 * 10 + 3] = 4;
  g_assert_true (lda_labels_nucleus_call (labels, 1, 1, 4, &ho, &dr));
  g_assert_cmpuint (ho, ==, 4);
  g_assert_cmpuint (dr, ==, 6);

  /* The second: two Draq7 pixels touching two Hoechst ones only
   * diagonally.  4-connected, the Draq7 pair is a nucleus of its own,
   * dead; 8-connected, one nucleus of two of each, a tie, live. */
  g_assert_true (lda_labels_nucleus_call (labels, 6, 4, 4, &ho, &dr));
  g_assert_cmpuint (ho, ==, 0);
  g_assert_cmpuint (dr, ==, 2);
  g_assert_false (lda_labels_nucleus_call (labels, 7, 3, 4, &ho, &dr));
  g_assert_cmpuint (ho, ==, 2);
  g_assert_cmpuint (dr, ==, 0);
  g_assert_false (lda_labels_nucleus_call (labels, 6, 4, 8, &ho, &dr));
  g_assert_cmpuint (ho, ==, 2);
  g_assert_cmpuint (dr, ==, 2);

  /* No nucleus there, or out of the image. */
  g_assert_false (lda_labels_nucleus_call (labels, 0, 0, 8, &ho, &dr));
  g_assert_cmpuint (ho + dr, ==, 0);
  g_assert_false (lda_labels_nucleus_call (labels, 10, 0, 8, &ho, &dr));
  g_assert_cmpuint (ho + dr, ==, 0);
}

static gboolean
holds (const GArray *found,
       guint         x,
       guint         y,
       guint         width)
{
  for (guint i = 0; i < found->len; i++)
    if (g_array_index (found, guint32, i) == y * width + x)
      return TRUE;

  return FALSE;
}

/* The pixels of the nucleus under a pixel, each once: the component of
 * classes 3 and 4, with the connectivity asked for. */
static void
test_nucleus_find_pixels (void)
{
  static const char * const rows[] = {
    "1111111111",
    "1333441111",
    "1334441111",
    "1111111331",
    "1111144111",
    "1111111111",
    NULL,
  };
  g_autoptr(LdaImage) labels = mask_from_rows (rows);
  g_autoptr(GArray) first = lda_labels_nucleus_find (labels, 5, 2, 4);
  g_autoptr(GArray) four = lda_labels_nucleus_find (labels, 6, 4, 4);
  g_autoptr(GArray) eight = lda_labels_nucleus_find (labels, 6, 4, 8);
  gsize ho = 9, dr = 9;

  g_assert_nonnull (first);
  g_assert_cmpuint (first->len, ==, 10);
  g_assert_true (holds (first, 1, 1, 10));
  g_assert_true (holds (first, 5, 2, 10));
  g_assert_false (holds (first, 7, 3, 10));
  for (guint i = 0; i < first->len; i++)
    for (guint j = i + 1; j < first->len; j++)
      g_assert_cmpuint (g_array_index (first, guint32, i), !=, g_array_index (first, guint32, j));

  g_assert_nonnull (four);
  g_assert_cmpuint (four->len, ==, 2);
  g_assert_true (holds (four, 5, 4, 10));
  g_assert_nonnull (eight);
  g_assert_cmpuint (eight->len, ==, 4);
  g_assert_true (holds (eight, 8, 3, 10));

  g_assert_null (lda_labels_nucleus_find (labels, 0, 0, 8));
  g_assert_null (lda_labels_nucleus_find (labels, 10, 0, 8));

  /* Their call, as the counts make it: the first a tie, live; the
   * 8-connected second two of each, live; the 4-connected Draq7 pair
   * dead; no pixels, no nucleus. */
  g_assert_false (lda_labels_nucleus_call_pixels (labels, first, &ho, &dr));
  g_assert_cmpuint (ho, ==, 5);
  g_assert_cmpuint (dr, ==, 5);
  g_assert_false (lda_labels_nucleus_call_pixels (labels, eight, &ho, &dr));
  g_assert_cmpuint (ho + dr, ==, 4);
  g_assert_true (lda_labels_nucleus_call_pixels (labels, four, NULL, NULL));
  g_assert_false (lda_labels_nucleus_call_pixels (labels, NULL, &ho, &dr));
  g_assert_cmpuint (ho + dr, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/counts/hand-made", test_counts_hand_made);
  g_test_add_func ("/edits/counts/empty", test_counts_empty);
  g_test_add_func ("/edits/counts/joined-cells", test_counts_joined_cells);
  g_test_add_func ("/edits/counts/nucleus-call", test_nucleus_call_at_pixel);
  g_test_add_func ("/edits/counts/nucleus-find", test_nucleus_find_pixels);
  g_test_add_data_func ("/edits/counts/match-pipeline/robust",
                        GUINT_TO_POINTER (LDA_PRESET_ROBUST), test_counts_match_pipeline);
  g_test_add_data_func ("/edits/counts/match-pipeline/article",
                        GUINT_TO_POINTER (LDA_PRESET_ARTICLE), test_counts_match_pipeline);

  return g_test_run ();
}
