/* test-frame-run.c — one frame segmented, corrected and counted, as the
 * window's background counts and the export both do it
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-error.h"
#include "lda-frame-run.h"
#include "lda-test-lib.h"

static LdaTriple *
sample_triple (void)
{
  g_autofree char *bf = lda_test_sample_file ("bf");
  g_autofree char *ho = lda_test_sample_file ("hoechst");
  g_autofree char *dr = lda_test_sample_file ("draq7");

  return lda_triple_new (bf, ho, dr);
}

/* The first pixel of class @klass, in raster order. */
static gboolean
find_class (const LdaImage *labels,
            guint8          klass,
            guint          *x,
            guint          *y)
{
  const guint8 *pixels = lda_image_u8 (labels);

  for (gsize i = 0; i < (gsize) labels->width * labels->height; i++)
    if (pixels[i] == klass)
      {
        *x = i % labels->width;
        *y = i / labels->width;
        return TRUE;
      }
  return FALSE;
}

/* Without corrections the frame shows the pipeline's own mask and counts,
 * evidence and all. */
static void
test_automatic (void)
{
  g_autoptr(LdaTriple) triple = sample_triple ();
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(LdaFrameRun) run = NULL;
  g_autoptr(GError) error = NULL;
  const LdaCounts *expected;
  LdaParams params;

  lda_params_init (&params);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  expected = lda_pipeline_get_counts (pipeline);

  run = lda_frame_run (triple, 0, "sample", &params, NULL, LDA_FRAME_RUN_ONE_THREAD,
                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (run->labels == lda_pipeline_get_labels (run->pipeline));
  g_assert_cmpuint (expected->n_objects, >, 0);
  g_assert_cmpuint (run->counts->live, ==, expected->live);
  g_assert_cmpuint (run->counts->dead, ==, expected->dead);
  g_assert_cmpuint (run->counts->n_objects, ==, expected->n_objects);
  g_assert_cmpmem (lda_image_u8 (run->labels), (gsize) run->labels->width * run->labels->height,
                   lda_image_u8 (lda_pipeline_get_labels (pipeline)),
                   (gsize) run->labels->width * run->labels->height);
}

/* A live nucleus the person calls dead is counted dead: the counts are
 * those of the corrected mask, as it is shown. */
static void
test_corrected (void)
{
  g_autoptr(LdaTriple) triple = sample_triple ();
  g_autoptr(LdaFrameRun) automatic = NULL;
  g_autoptr(LdaFrameRun) run = NULL;
  g_autoptr(LdaEdits) edits = NULL;
  g_autoptr(LdaCounts) seen = NULL;
  g_autoptr(GError) error = NULL;
  LdaRect dirty = { 0 };
  guint connectivity, x = 0, y = 0;
  LdaParams params;

  lda_params_init (&params);
  connectivity = lda_params_nucleus_connectivity (&params);
  automatic = lda_frame_run (triple, 0, "sample", &params, NULL, LDA_FRAME_RUN_DEFAULT,
                             NULL, &error);
  g_assert_no_error (error);
  g_assert_true (find_class (automatic->labels, 3, &x, &y));

  edits = lda_edits_new (automatic->labels->width, automatic->labels->height, &error);
  g_assert_no_error (error);
  g_assert_true (lda_edits_toggle_nucleus_full (edits, automatic->labels, x, y, connectivity,
                                                &dirty));

  run = lda_frame_run (triple, 0, "sample", &params, edits, LDA_FRAME_RUN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_image_u8 (run->labels)[(gsize) y * run->labels->width + x], ==, 4);
  g_assert_cmpuint (run->counts->live, ==, automatic->counts->live - 1);
  g_assert_cmpuint (run->counts->dead, ==, automatic->counts->dead + 1);

  /* The same rule, asked directly. */
  seen = lda_frame_counts (lda_pipeline_get_counts (run->pipeline), run->labels, edits, &params);
  g_assert_cmpuint (seen->live, ==, run->counts->live);
  g_assert_cmpuint (seen->dead, ==, run->counts->dead);

  /* An edit layer with nothing in it changes nothing. */
  lda_edits_clear (edits);
  g_clear_pointer (&run, lda_frame_run_free);
  run = lda_frame_run (triple, 0, "sample", &params, edits, LDA_FRAME_RUN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run->counts->live, ==, automatic->counts->live);
  g_assert_cmpuint (run->counts->dead, ==, automatic->counts->dead);
}

/* Corrections of images since replaced by others of another size are
 * refused, naming the file and the frame. */
static void
test_edits_of_another_size (void)
{
  g_autoptr(LdaTriple) triple = sample_triple ();
  g_autoptr(LdaFrameRun) run = NULL;
  g_autoptr(LdaEdits) edits = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;

  lda_params_init (&params);
  edits = lda_edits_new (17, 9, &error);
  g_assert_no_error (error);

  run = lda_frame_run (triple, 0, "A1 t04", &params, edits, LDA_FRAME_RUN_DEFAULT, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
  g_assert_nonnull (strstr (error->message, triple->paths[LDA_INPUT_BRIGHTFIELD]));
  g_assert_nonnull (strstr (error->message, "A1 t04"));
  g_assert_nonnull (strstr (error->message, "17 × 9"));
}

/* Parameters out of range are named with the frame they belong to. */
static void
test_bad_params (void)
{
  g_autoptr(LdaTriple) triple = sample_triple ();
  g_autoptr(LdaFrameRun) run = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;

  lda_params_init (&params);
  params.channel[0].kernel = 99;
  run = lda_frame_run (triple, 0, "A1 t04", &params, NULL, LDA_FRAME_RUN_DEFAULT, NULL, &error);
  g_assert_null (run);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "A1 t04"));
}

static void
test_cancelled (void)
{
  g_autoptr(LdaTriple) triple = sample_triple ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LdaFrameRun) run = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;

  lda_params_init (&params);
  g_cancellable_cancel (cancellable);
  run = lda_frame_run (triple, 0, "sample", &params, NULL, LDA_FRAME_RUN_DEFAULT, cancellable,
                       &error);
  g_assert_null (run);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/frame-run/automatic", test_automatic);
  g_test_add_func ("/frame-run/corrected", test_corrected);
  g_test_add_func ("/frame-run/edits-of-another-size", test_edits_of_another_size);
  g_test_add_func ("/frame-run/bad-params", test_bad_params);
  g_test_add_func ("/frame-run/cancelled", test_cancelled);

  return g_test_run ();
}
