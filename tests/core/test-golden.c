/* test-golden.c — the core against the reference's outputs on the sample
 *
 * tests/data/golden holds what the OpenCV reference computes for the
 * bundled sample with three parameter sets.  The tolerances are those of
 * pipeline.md §8: thresholds identical, Sobel within ±1, the three masks
 * identical, labels at least 99 % equal.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "lda-pipeline.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "lda-test-lib.h"


typedef struct
{
  const char *folder;
  double      offset;
  guint       coarseness;
  guint       kernel;
} GoldenSet;

static const GoldenSet sets[] = {
  { "o1.2-c16-k5", 1.2, 16, 5 },
  { "o1.1-c8-k3", 1.1, 8, 3 },
  { "o1.5-c32-k7", 1.5, 32, 7 },
};

static LdaImage *
read_golden (const char *folder,
             const char *name)
{
  g_autofree char *path = folder != NULL
    ? g_test_build_filename (G_TEST_DIST, "data", "golden", folder, name, NULL)
    : g_test_build_filename (G_TEST_DIST, "data", "golden", name, NULL);
  g_autoptr(GError) error = NULL;
  LdaImage *image = lda_tiff_read (path, 0, &error);

  g_assert_no_error (error);
  return image;
}

static gint64
golden_threshold (const char *folder,
                  const char *key)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "golden", folder,
                                                 "thresholds.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pattern = g_strdup_printf ("\"%s\": ", key);
  g_autoptr(GError) error = NULL;
  const char *at;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  at = strstr (text, pattern);
  g_assert_nonnull (at);

  return g_ascii_strtoll (at + strlen (pattern), NULL, 10);
}

static void
test_sobel (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(LdaImage) golden = read_golden (NULL, "sobel.tif");
  g_autoptr(GError) error = NULL;
  const guint16 *ours, *ref;
  gsize n, off_by_more = 0;
  int max_diff = 0;

  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  ours = lda_image_u16 (lda_pipeline_get_sobel (pipeline));
  ref = lda_image_u16 (golden);
  n = lda_image_n_pixels (golden);

  for (gsize i = 0; i < n; i++)
    {
      int d = abs ((int) ours[i] - (int) ref[i]);

      max_diff = MAX (max_diff, d);
      if (d > 1)
        off_by_more++;
    }

  g_test_message ("sobel: max |diff| %d", max_diff);
  g_assert_cmpuint (off_by_more, ==, 0);
}

static void
test_set (gconstpointer data)
{
  const GoldenSet *set = data;
  static const char * const json_keys[LDA_N_CHANNELS] = { "sobel", "hoechst", "draq7" };
  static const char * const mask_files[LDA_N_CHANNELS] = {
    "cell_area.tif", "hoechst.tif", "draq7.tif",
  };
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(LdaImage) golden_labels = read_golden (set->folder, "labels.tif");
  g_autoptr(GError) error = NULL;
  LdaParams params;
  const guint8 *ours;
  gsize n, equal = 0;
  double agreement;

  /* The article preset reproduces the reference, stage by stage. */
  lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      params.channel[c].offset = set->offset;
      params.channel[c].coarseness = set->coarseness;
      params.channel[c].kernel = set->kernel;
    }
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      g_autoptr(LdaImage) golden = read_golden (set->folder, mask_files[c]);
      LdaImage *mask = lda_pipeline_get_mask (pipeline, c);
      gsize differ = 0;

      g_assert_cmpint (lda_pipeline_get_threshold (pipeline, c), ==,
                       golden_threshold (set->folder, json_keys[c]));

      /* The reference stores masks as 0/1 widened to 16 bits on reading. */
      for (gsize i = 0; i < lda_image_n_pixels (golden); i++)
        if ((lda_image_u8 (mask)[i] != 0) != (lda_image_u16 (golden)[i] != 0))
          differ++;
      g_assert_cmpuint (differ, ==, 0);
    }

  ours = lda_image_u8 (lda_pipeline_get_labels (pipeline));
  n = lda_image_n_pixels (golden_labels);
  for (gsize i = 0; i < n; i++)
    if (ours[i] == lda_image_u16 (golden_labels)[i])
      equal++;

  agreement = (double) equal / n;
  g_test_message ("%s: labels agreement %.5f", set->folder, agreement);
  g_assert_cmpfloat (agreement, >=, 0.99);
}

/* The sample is bundled because the defaults give a mask with every class;
 * so does the article's method. */
static void
test_sample_has_every_class (gconstpointer data)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  gsize counts[LDA_N_CLASSES] = { 0, };
  LdaImage *labels;
  const LdaCounts *cells;
  LdaParams params;

  lda_params_init_preset (&params, GPOINTER_TO_UINT (data));
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  labels = lda_pipeline_get_labels (pipeline);
  for (gsize i = 0; i < lda_image_n_pixels (labels); i++)
    {
      g_assert_cmpuint (lda_image_u8 (labels)[i], <, LDA_N_CLASSES);
      counts[lda_image_u8 (labels)[i]]++;
    }

  for (guint k = 0; k < LDA_N_CLASSES; k++)
    g_assert_cmpuint (counts[k], >, 100);

  cells = lda_pipeline_get_counts (pipeline);
  g_assert_cmpuint (cells->live, >, 0);
  g_assert_cmpuint (cells->dead, >, 0);
  g_assert_cmpuint (cells->live + cells->dead, ==, cells->n_objects);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/sobel", test_sobel);
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/golden/%s", sets[i].folder);

      g_test_add_data_func (path, &sets[i], test_set);
    }
  g_test_add_data_func ("/golden/sample-has-every-class/robust",
                        GUINT_TO_POINTER (LDA_PRESET_ROBUST), test_sample_has_every_class);
  g_test_add_data_func ("/golden/sample-has-every-class/article",
                        GUINT_TO_POINTER (LDA_PRESET_ARTICLE), test_sample_has_every_class);

  return g_test_run ();
}
