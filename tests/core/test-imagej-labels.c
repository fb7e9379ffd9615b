/* test-imagej-labels.c — hyperstacks whose channels ImageJ's slice labels
 * name
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-channels.h"
#include "lda-error.h"
#include "lda-imagej-labels.h"
#include "lda-series.h"
#include "lda-stack.h"
#include "lda-test-lib.h"
#include "stack-fixtures.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* A labelled hyperstack, channels in an order that only the names tell,
 * opens without a map and gives the triple's counts. */
static void
check_labelled (gboolean big_endian)
{
  static const LdaInput order[] = { LDA_INPUT_DRAQ7, LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST };
  static const char * const names[] = { "Cy5", "c:2/3 - BF", "DAPI" };
  g_autofree char *path = tmp_path (big_endian ? "A1_mm.tif" : "A1_ii.tif");
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaStack) stack = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaPipeline) pipeline = NULL;
  const char *paths[1] = { path };
  guint channels[LDA_N_INPUTS];
  guint live, dead;

  fx_write_imagej_labelled (path, order, names, 2, big_endian);

  stack = lda_stack_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stack->n_channels, ==, 3);
  g_assert_cmpuint (stack->n_frames, ==, 2);
  g_assert_cmpstr (stack->channels[0].name, ==, "Cy5");
  g_assert_cmpstr (stack->channels[1].name, ==, "c:2/3 - BF");
  g_assert_cmpstr (stack->channels[2].name, ==, "DAPI");
  g_assert_true (lda_stack_assign (stack, NULL, channels, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (channels[LDA_INPUT_BRIGHTFIELD], ==, 1);
  g_assert_cmpuint (channels[LDA_INPUT_HOECHST], ==, 2);
  g_assert_cmpuint (channels[LDA_INPUT_DRAQ7], ==, 0);

  series = lda_series_new_from_files (paths, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  pipeline = lda_triple_open_pipeline (lda_series_get_frame (series, 1)->triple,
                                       lda_series_get_frame (series, 1)->page, &error);
  g_assert_no_error (error);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  fx_sample_counts (&live, &dead);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->live, ==, live);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->dead, ==, dead);
}

static void
test_labelled_big_endian (void)
{
  check_labelled (TRUE);
}

static void
test_labelled_little_endian (void)
{
  check_labelled (FALSE);
}

/* Pages without labels, or labels that name nothing, keep the channels
 * unassigned: the person is asked. */
static void
test_unnamed (void)
{
  static const LdaInput order[] = { LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7 };
  static const char * const names[] = { "", "", "" };
  g_autofree char *path = tmp_path ("A2_unnamed.tif");
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  const char *paths[1] = { path };

  fx_write_imagej_labelled (path, order, names, 1, TRUE);
  series = lda_series_new_from_files (paths, 1, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CHANNELS);
  g_assert_null (series);
}

static void
test_parse (void)
{
  /* Big-endian: header, one "info" block of 2 bytes, two labels. */
  static const guint8 data[] = {
    'I', 'J', 'I', 'J', 'i', 'n', 'f', 'o', 0, 0, 0, 1, 'l', 'a', 'b', 'l', 0, 0, 0, 2,
    0, 'x',
    0, 'B', 0, 'F', 0, '\n', 0, 'z',
    0, 0xb5, 0, 'm',
  };
  static const guint32 counts[] = { 20, 2, 8, 4 };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) labels = lda_imagej_labels (data, sizeof data, counts, 4, TRUE, &error);
  guint32 lying[] = { 20, 2, 8, 40 };
  guint8 bad_magic[sizeof data];

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  g_assert_cmpstr (labels[0], ==, "BF");
  g_assert_cmpstr (labels[1], ==, "µm");

  /* A block longer than the tag, a count list too short, a bad header. */
  g_assert_null (lda_imagej_labels (data, sizeof data, lying, 4, TRUE, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (lda_imagej_labels (data, sizeof data, counts, 3, TRUE, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);
  memcpy (bad_magic, data, sizeof data);
  bad_magic[0] = 'X';
  g_assert_null (lda_imagej_labels (bad_magic, sizeof data, counts, 4, TRUE, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);

  /* No labels at all is no error. */
  g_assert_null (lda_imagej_labels (data, 22, (const guint32[]) { 12, 2 }, 2, TRUE, &error));
  g_assert_no_error (error);
}

/* A file whose labels are damaged is refused with its name. */
static void
test_damaged_file (void)
{
  static const LdaInput order[] = { LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7 };
  static const char * const names[] = { "BF", "DAPI", "Cy5" };
  g_autofree char *path = tmp_path ("A3_damaged.tif");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaStack) stack = NULL;
  gsize len;
  char *magic;

  fx_write_imagej_labelled (path, order, names, 1, TRUE);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  magic = memmem (contents, len, "IJIJlabl", 8);
  g_assert_nonnull (magic);
  magic[0] = 'X';
  fx_write_bytes (path, contents, len);

  stack = lda_stack_open (path, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "50839"));
  g_assert_null (stack);
}

/* ImageJ saves files that were never calibrated with "unit=inch" and
 * their 72 dpi: no pixel size, rather than a pixel of 353 µm. */
static void
test_inch_is_uncalibrated (void)
{
  g_autofree char *path = tmp_path ("inch.tif");
  g_autofree char *fine = tmp_path ("fine.tif");
  LdaImage *pages[3] = { fx_sample_image (LDA_INPUT_BRIGHTFIELD),
                         fx_sample_image (LDA_INPUT_HOECHST),
                         fx_sample_image (LDA_INPUT_DRAQ7) };
  static const char description[] = "ImageJ=1.53t\nimages=3\nchannels=3\nhyperstack=true\n"
                                    "unit=inch\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaStack) stack = NULL;

  fx_write_pages (path, pages, 3, description, 72.0, RESUNIT_NONE);
  stack = lda_stack_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (stack->pixel_size_um, ==, 0.0);
  g_clear_pointer (&stack, lda_stack_free);

  /* 25400 pixels an inch is 1 µm: a real calibration. */
  fx_write_pages (fine, pages, 3, description, 25400.0, RESUNIT_NONE);
  stack = lda_stack_open (fine, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (stack->pixel_size_um, 1.0, 1e-6);
  for (guint i = 0; i < 3; i++)
    lda_image_unref (pages[i]);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("lda-test-ij-labels-XXXXXX", NULL);

  g_test_add_func ("/imagej-labels/parse", test_parse);
  g_test_add_func ("/imagej-labels/big-endian", test_labelled_big_endian);
  g_test_add_func ("/imagej-labels/little-endian", test_labelled_little_endian);
  g_test_add_func ("/imagej-labels/unnamed", test_unnamed);
  g_test_add_func ("/imagej-labels/damaged-file", test_damaged_file);
  g_test_add_func ("/imagej-labels/inch-is-uncalibrated", test_inch_is_uncalibrated);

  status = g_test_run ();
  lda_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
