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
   * its region with B; D: a lone 4 with no cell area around it; E: a
   * nucleus whose parts touch diagonally, in two regions. */
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
  g_assert_cmpuint (o->cell_area, ==, 25);

  o = &counts->objects[2];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_cmpuint (o->draq7, ==, 2);
  g_assert_cmpuint (o->hoechst_only, ==, 2);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 25);

  o = &counts->objects[3];
  g_assert_true (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 1);

  o = &counts->objects[4];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 1 + 4);

  g_assert_cmpfloat_with_epsilon (counts->mean_cell_area,
                                  (16.0 + 25 + 25 + 1 + 5) / 5, 1e-12);
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

  /* Both number nuclei in raster order, so the objects line up. */
  for (guint i = 0; i < ours->n_objects; i++)
    {
      g_assert_cmpuint (ours->objects[i].nucleus_pixels, ==, theirs->objects[i].nucleus_pixels);
      g_assert_cmpint (ours->objects[i].dead, ==, theirs->objects[i].dead);
      g_assert_cmpuint (ours->objects[i].x0, ==, theirs->objects[i].x0);
      g_assert_cmpuint (ours->objects[i].y1, ==, theirs->objects[i].y1);
      g_assert_cmpuint (ours->objects[i].cell_area, >=, ours->objects[i].nucleus_pixels);
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/counts/hand-made", test_counts_hand_made);
  g_test_add_func ("/edits/counts/empty", test_counts_empty);
  g_test_add_data_func ("/edits/counts/match-pipeline/robust",
                        GUINT_TO_POINTER (LDA_PRESET_ROBUST), test_counts_match_pipeline);
  g_test_add_data_func ("/edits/counts/match-pipeline/article",
                        GUINT_TO_POINTER (LDA_PRESET_ARTICLE), test_counts_match_pipeline);

  return g_test_run ();
}
