/* test-stacks.c — ImageJ hyperstacks, OME-TIFF and files that are neither
 *
 * Each layout is made from the bundled sample and must give the counts of
 * the sample's three-file triple; malformed metadata must give an error
 * that names the file.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-imagej.h"
#include "lda-inputs.h"
#include "lda-ome.h"
#include "lda-series.h"
#include "lda-stack.h"
#include "lda-tiff.h"
#include "stack-fixtures.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

/* Runs every frame of @series and checks each gives the sample's counts. */
static void
assert_sample_counts (LdaSeries *series)
{
  guint live, dead;

  fx_sample_counts (&live, &dead);
  for (guint f = 0; f < lda_series_get_n_frames (series); f++)
    {
      LdaFrame *frame = lda_series_get_frame (series, f);
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaPipeline) pipeline = lda_triple_open_pipeline (frame->triple, frame->page,
                                                                  &error);

      g_assert_no_error (error);
      g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
      g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->live, ==, live);
      g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->dead, ==, dead);
    }
}

static void
test_imagej_hyperstack (void)
{
  static const LdaInput order[] = { LDA_INPUT_HOECHST, LDA_INPUT_BRIGHTFIELD, LDA_INPUT_DRAQ7 };
  g_autofree char *path = tmp_path ("A1_hyperstack.tif");
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  const char *paths[1];

  fx_write_imagej (path, order, 2, "finterval=7200\n");
  paths[0] = path;

  /* ImageJ does not name its channels: without a map they are not guessed. */
  series = lda_series_new_from_files (paths, 1, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CHANNELS);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "--channels"));
  g_assert_null (series);
  g_clear_error (&error);

  g_assert_true (lda_channel_map_parse ("bf=2,hoechst=1,draq7=3", &map, &error));
  series = lda_series_new_from_files_mapped (paths, 1, &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  for (guint f = 0; f < 2; f++)
    {
      LdaFrame *frame = lda_series_get_frame (series, f);

      g_assert_cmpfloat_with_epsilon (frame->time_hours, 2.0 * f, 1e-9);
      g_assert_cmpfloat_with_epsilon (frame->pixel_size_um, 0.65, 1e-6);
    }
  assert_sample_counts (series);
}

static void
test_ome_single_file (void)
{
  /* Channel slowest: the pages are DAPI t0, t1, Cy5 t0, t1, BF t0, t1. */
  static const char * const names[] = { "DAPI", "Cy5", "Brightfield" };
  static const LdaInput inputs[] = { LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7, LDA_INPUT_BRIGHTFIELD };
  g_autofree char *path = tmp_path ("B2.ome.tif");
  g_autofree char *xml = fx_ome_xml ("XYZTC", names, 2,
                                     "PhysicalSizeX=\"650\" PhysicalSizeXUnit=\"nm\" "
                                     "TimeIncrement=\"30\" TimeIncrementUnit=\"min\"", NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_image_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  const char *paths[1] = { path };

  for (guint c = 0; c < 3; c++)
    for (guint t = 0; t < 2; t++)
      g_ptr_array_add (pages, fx_sample_image (inputs[c]));
  fx_write_pages (path, (LdaImage * const *) pages->pdata, pages->len, xml, 0, RESUNIT_NONE);

  series = lda_series_new_from_files (paths, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lda_series_get_name (series), ==, "B2");
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (series, 1)->time_hours, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (series, 0)->pixel_size_um, 0.65, 1e-9);
  assert_sample_counts (series);
}

static void
test_ome_file_per_channel (void)
{
  static const char * const names[] = { "Brightfield", "Hoechst", "DRAQ7" };
  static const char * const files[] = { "C1_w1.ome.tif", "C1_w2.ome.tif", "C1_w3.ome.tif" };
  g_autofree char *xml = fx_ome_xml ("XYCZT", names, 1, NULL, files);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autofree char *second = tmp_path (files[1]);
  const char *paths[1] = { second };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = tmp_path (files[c]);
      g_autoptr(LdaImage) image = fx_sample_image ((LdaInput) c);

      fx_write_pages (path, &image, 1, xml, 0, RESUNIT_NONE);
    }

  /* Any file of the set opens the three channels. */
  series = lda_series_new_from_files (paths, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 1);
  g_assert_true (g_str_has_suffix (lda_series_get_frame (series, 0)->triple->paths[0],
                                   files[0]));
  g_assert_true (isnan (lda_series_get_frame (series, 0)->time_hours));
  assert_sample_counts (series);
}

static void
assert_corrupt (const char *name,
                const char *description,
                guint       n_pages,
                const char *words)
{
  g_autofree char *path = tmp_path (name);
  g_autoptr(LdaImage) image = fx_sample_image (LDA_INPUT_BRIGHTFIELD);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaStack) stack = NULL;

  for (guint p = 0; p < n_pages; p++)
    g_ptr_array_add (pages, image);
  fx_write_pages (path, (LdaImage * const *) pages->pdata, n_pages, description, 0,
                  RESUNIT_NONE);

  stack = lda_stack_open (path, &error);
  g_assert_null (stack);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_malformed (void)
{
  static const char * const two[] = { "DAPI", "Cy5", "BF" };
  g_autofree char *lying = fx_ome_xml ("XYCZT", two, 1, NULL, NULL);
  char *p;

  /* Lying SizeC: three channels listed, four announced. */
  p = strstr (lying, "SizeC=\"3\"");
  p[7] = '4';

  assert_corrupt ("bad.ome.tif", "<?xml version=\"1.0\"?><OME><Image><Pixels", 1, "malformed");
  assert_corrupt ("lying.ome.tif", lying, 4, "SizeC=4");
  assert_corrupt ("short.tif", "ImageJ=1.54f\nimages=6\nchannels=3\nframes=2\nhyperstack=true\n",
                  3, "only 3");
  assert_corrupt ("sum.tif", "ImageJ=1.54f\nimages=5\nchannels=3\nframes=2\n", 6, "images=5");
  assert_corrupt ("count.tif", "ImageJ=1.54f\nchannels=three\n", 1, "channels=three");
}

/* "segment H H H": a file of three channels is not read as a time series
 * of one. */
static void
test_multichannel_as_one_channel (void)
{
  static const LdaInput order[] = { LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7 };
  g_autofree char *path = tmp_path ("H.tif");
  const char *paths[3] = { path, path, path };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaTriple) triple = NULL;
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(LdaSeries) series = NULL;

  fx_write_imagej (path, order, 1, NULL);
  triple = lda_triple_from_paths (paths, 3, NULL, &error);
  g_assert_no_error (error);
  pipeline = lda_triple_open_pipeline (triple, 0, &error);
  g_assert_null (pipeline);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  series = lda_series_new_from_files (paths, 3, &error);
  g_assert_null (series);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED);
}

static void
test_tags_decide (void)
{
  g_autofree char *bf = g_build_filename ("x", "A1_t04_bf.tif", NULL);
  g_autofree char *ho = g_build_filename ("x", "A1_t04_hoechst.tif", NULL);
  g_autofree char *dr = g_build_filename ("x", "A1_t04_draq7.tif", NULL);
  const char *glob[3] = { bf, dr, ho };
  const char *wrong[3] = { dr, "x/other.tif", "x/third.tif" };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaTriple) triple = lda_triple_from_paths (glob, 3, NULL, &error);
  g_autoptr(LdaTriple) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (triple->paths[LDA_INPUT_BRIGHTFIELD], ==, bf);
  g_assert_cmpstr (triple->paths[LDA_INPUT_HOECHST], ==, ho);
  g_assert_cmpstr (triple->paths[LDA_INPUT_DRAQ7], ==, dr);

  none = lda_triple_from_paths (wrong, 3, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CHANNELS);
  g_assert_true (g_str_has_prefix (error->message, dr));
}

/* A microscope format says how to convert it; a picture renamed .tif
 * says what it is, not what libtiff found. */
static void
test_foreign_formats (void)
{
  static const struct { const char *name; const char *bytes; gsize len; const char *format;
                        const char *hint; } cases[] = {
    { "a.czi", "ZISRAWFILE\0\0\0\0\0\0\0\0", 18, "CZI", "bfconvert" },
    { "b.nd2", "\xda\xce\xbe\x0a\0\0\0\0\0\0\0\0\0\0\0\0", 16, "ND2", "bfconvert" },
    { "c.lif", "\x70\0\0\0\x10\0\0\0\x2a\0\0\0\0\0\0\0", 16, "LIF", "bfconvert" },
    { "d_bf.tif", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "PNG", "grayscale" },
    { "e_bf.tif", "\xff\xd8\xff\xe0\0\x10JFIF\0", 11, "JPEG", "grayscale" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = tmp_path (cases[i].name);
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaImage) image = NULL;

      fx_write_bytes (path, cases[i].bytes, cases[i].len);
      image = lda_tiff_read (path, 0, &error);
      g_assert_null (image);
      g_assert_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].format));
      g_assert_nonnull (strstr (error->message, cases[i].hint));
      g_assert_null (strstr (error->message, "libtiff"));
    }
}

static void
test_calibration (void)
{
  g_autoptr(LdaImage) image = fx_sample_image (LDA_INPUT_BRIGHTFIELD);
  g_autofree char *cm = tmp_path ("cm.tif");
  g_autofree char *dpi = tmp_path ("dpi.tif");
  g_autofree char *none = tmp_path ("none.tif");
  g_autoptr(LdaStack) a = NULL, b = NULL, c = NULL;

  fx_write_pages (cm, &image, 1, NULL, 10000.0 / 0.5, RESUNIT_CENTIMETER);
  fx_write_pages (dpi, &image, 1, NULL, 72.0, RESUNIT_INCH);
  fx_write_pages (none, &image, 1, NULL, 0, RESUNIT_NONE);

  a = lda_stack_open (cm, NULL);
  b = lda_stack_open (dpi, NULL);
  c = lda_stack_open (none, NULL);
  g_assert_cmpfloat_with_epsilon (a->pixel_size_um, 0.5, 1e-6);
  /* 72 dpi is a screen's resolution, not the sample's. */
  g_assert_cmpfloat (b->pixel_size_um, ==, 0.0);
  g_assert_cmpfloat (c->pixel_size_um, ==, 0.0);
  g_assert_cmpuint (a->kind, ==, LDA_STACK_PLAIN);
}

/* 12- and 14-bit cameras store their data in 16-bit pages: read as they
 * are, not scaled, and 8-bit pages widened without scaling. */
static void
test_bit_depths (void)
{
  static const guint depths[] = { 12, 14, 16 };
  g_autoptr(LdaImage) sample = fx_sample_image (LDA_INPUT_HOECHST);

  for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
    {
      g_autofree char *name = g_strdup_printf ("depth%u.tif", depths[d]);
      g_autofree char *path = tmp_path (name);
      g_autoptr(LdaImage) scaled = lda_image_new (LDA_PIXEL_U16, sample->width, sample->height,
                                                  NULL);
      g_autoptr(LdaImage) read = NULL;
      g_autoptr(GError) error = NULL;
      guint16 top = (guint16) ((1u << depths[d]) - 1);

      for (gsize i = 0; i < lda_image_n_pixels (scaled); i++)
        lda_image_u16 (scaled)[i] = (guint16) MIN (lda_image_u16 (sample)[i], top);
      lda_image_u16 (scaled)[0] = top;
      fx_write_pages (path, &scaled, 1, NULL, 0, RESUNIT_NONE);

      read = lda_tiff_read (path, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (read->source_bits, ==, 16);
      g_assert_cmpmem (lda_image_u16 (read), lda_image_n_pixels (read) * 2,
                       lda_image_u16 (scaled), lda_image_n_pixels (scaled) * 2);
    }
}

static void
test_imagej_parse (void)
{
  static const char text[] = "ImageJ=1.53t\nimages=12\nchannels=3\nslices=1\nframes=4\n"
                             "hyperstack=true\nunit=\\u00B5m\nfinterval=30\ntunit=min\n";
  LdaImageJInfo info;
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_imagej_parse (text, strlen (text), &info, &error));
  g_assert_true (info.is_imagej);
  g_assert_cmpuint (info.channels, ==, 3);
  g_assert_cmpuint (info.frames, ==, 4);
  g_assert_cmpfloat_with_epsilon (info.finterval_hours, 0.5, 1e-9);
  g_assert_cmpfloat (info.unit_um, ==, 1.0);

  g_assert_true (lda_imagej_parse ("hello", 5, &info, &error));
  g_assert_false (info.is_imagej);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("lda-test-stacks-XXXXXX", NULL);

  g_test_add_func ("/stacks/imagej-parse", test_imagej_parse);
  g_test_add_func ("/stacks/imagej-hyperstack", test_imagej_hyperstack);
  g_test_add_func ("/stacks/ome-single-file", test_ome_single_file);
  g_test_add_func ("/stacks/ome-file-per-channel", test_ome_file_per_channel);
  g_test_add_func ("/stacks/malformed", test_malformed);
  g_test_add_func ("/stacks/multichannel-as-one-channel", test_multichannel_as_one_channel);
  g_test_add_func ("/stacks/tags-decide", test_tags_decide);
  g_test_add_func ("/stacks/foreign-formats", test_foreign_formats);
  g_test_add_func ("/stacks/calibration", test_calibration);
  g_test_add_func ("/stacks/bit-depths", test_bit_depths);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }

  return status;
}
