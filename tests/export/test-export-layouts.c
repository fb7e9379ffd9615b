/* test-export-layouts.c — the files of the pairs, nnunet and instances
 * layouts, the split and classes.json, read back with libtiff
 *
 * The inputs are written here: time points of a 64 × 48 field with two
 * cells, one live and one dead, brightfield with resolution tags.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-export.h"
#include "lda-export-instances.h"
#include "lda-pipeline.h"
#include "lda-series.h"
#include "lda-test-lib.h"
#include "lda-tiff.h"
#include "test-json.h"

#define WIDTH  64
#define HEIGHT 48

static const char * const tags[LDA_N_INPUTS] = { "bf", "hoechst", "draq7" };

/* Writes channel @input of a frame with libtiff: uncompressed, with
 * resolution tags (3.2 pixels per centimetre… as a microscope would). */
static void
write_input (const char *path,
             LdaInput    input,
             guint       seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed * 3 + input);
  TIFF *tif = TIFFOpen (path, "w");
  guint16 row[WIDTH];

  g_assert_nonnull (tif);
  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, WIDTH);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, HEIGHT);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 16);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, HEIGHT);
  TIFFSetField (tif, TIFFTAG_XRESOLUTION, 32133.0f);
  TIFFSetField (tif, TIFFTAG_YRESOLUTION, 32133.0f);
  TIFFSetField (tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
  /* The Draq7 channel with a predictor: not copied as it is. */
  if (input == LDA_INPUT_DRAQ7)
    {
      TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
      TIFFSetField (tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
    }

  for (guint y = 0; y < HEIGHT; y++)
    {
      for (guint x = 0; x < WIDTH; x++)
        {
          guint value = input == LDA_INPUT_BRIGHTFIELD ? 2000 + g_rand_int_range (rand, 0, 8)
                                                       : 100 + g_rand_int_range (rand, 0, 40);

          for (guint i = 0; i < 2; i++)
            {
              int dx = (int) x - (16 + 32 * (int) i), dy = (int) y - 24;
              int d2 = dx * dx + dy * dy;

              if (input == LDA_INPUT_BRIGHTFIELD && d2 <= 12 * 12)
                value = 2000 + g_rand_int_range (rand, 0, 1500);
              else if (d2 <= 5 * 5 && ((input == LDA_INPUT_HOECHST && i == 0) ||
                                       (input == LDA_INPUT_DRAQ7 && i == 1)))
                value = 3000 + g_rand_int_range (rand, 0, 500);
            }
          row[x] = (guint16) value;
        }
      g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);
}

static void
write_frames (const char *folder,
              guint       first,
              guint       n)
{
  for (guint t = first; t < first + n; t++)
    for (guint i = 0; i < LDA_N_INPUTS; i++)
      {
        g_autofree char *name = g_strdup_printf ("w_t%02u_%s.tif", t, tags[i]);
        g_autofree char *path = g_build_filename (folder, name, NULL);

        write_input (path, i, t);
      }
}

static char *
export_layout (const char      *input,
               const char      *name,
               LdaExportLayout  layout,
               double           val_fraction,
               guint32          seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, &error);
  g_autofree char *parent = g_path_get_dirname (input);
  char *out = g_build_filename (parent, name, NULL);
  LdaExportOptions options = { .layout = layout, .val_fraction = val_fraction, .seed = seed };

  g_assert_no_error (error);
  g_assert_true (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return out;
}

/* Reads the tags every export TIFF must carry. */
static void
assert_tiff (const char *path,
             guint       n_pages,
             guint16     bits,
             gboolean    colour_map,
             const char *description)
{
  TIFF *tif = TIFFOpen (path, "r");
  float xres = 0;
  guint16 unit = 0, predictor = 1, value16 = 0;
  guint16 *r, *g, *b;
  char *text = NULL;

  g_assert_nonnull (tif);
  g_assert_cmpuint (TIFFNumberOfDirectories (tif), ==, n_pages);
  g_assert_false (TIFFIsBigEndian (tif));
  TIFFGetField (tif, TIFFTAG_BITSPERSAMPLE, &value16);
  g_assert_cmpuint (value16, ==, bits);
  TIFFGetField (tif, TIFFTAG_PHOTOMETRIC, &value16);
  g_assert_cmpuint (value16, ==, PHOTOMETRIC_MINISBLACK);
  TIFFGetField (tif, TIFFTAG_COMPRESSION, &value16);
  if (value16 != COMPRESSION_NONE)
    TIFFGetField (tif, TIFFTAG_PREDICTOR, &predictor);
  g_assert_cmpuint (predictor, ==, PREDICTOR_NONE);

  /* The calibration of the input. */
  g_assert_true (TIFFGetField (tif, TIFFTAG_XRESOLUTION, &xres));
  g_assert_cmpfloat_with_epsilon (xres, 32133.0, 0.5);
  TIFFGetField (tif, TIFFTAG_RESOLUTIONUNIT, &unit);
  g_assert_cmpuint (unit, ==, RESUNIT_CENTIMETER);

  g_assert_cmpint (TIFFGetField (tif, TIFFTAG_COLORMAP, &r, &g, &b), ==, colour_map);
  if (colour_map)
    {
      /* Red Draq7 nuclei, blue Hoechst ones, as values and as ImageJ
       * shows them through the display range 0–4 (entries 192 and 255). */
      g_assert_cmpuint (r[4] >> 8, ==, 242);
      g_assert_cmpuint (g[4] >> 8, ==, 38);
      g_assert_cmpuint (b[3] >> 8, ==, 255);
      g_assert_cmpuint (r[255] >> 8, ==, 242);
      g_assert_cmpuint (b[192] >> 8, ==, 255);
      g_assert_cmpuint (g[64] >> 8, ==, 204);
      g_assert_cmpuint (r[0] | g[0] | b[0] | r[30] | g[30] | b[30], ==, 0);
    }
  if (description != NULL)
    {
      g_assert_true (TIFFGetField (tif, TIFFTAG_IMAGEDESCRIPTION, &text));
      g_assert_cmpstr (text, ==, description);
    }
  TIFFClose (tif);
}

static LdaImage *
read_page (const char *folder,
           const char *file,
           guint       page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, file, NULL);
  LdaImage *image = lda_tiff_read (path, page, &error);

  g_assert_no_error (error);
  return image;
}

static void
assert_same_pixels (const LdaImage *a,
                    const LdaImage *b)
{
  g_assert_true (lda_image_same_size (a, b));
  g_assert_cmpmem (a->data, lda_image_n_bytes (a), b->data, lda_image_n_bytes (b));
}

static GBytes *
read_bytes (const char *folder,
            const char *file)
{
  g_autofree char *path = g_build_filename (folder, file, NULL);

  return lda_test_read_bytes (path);
}

static char *
make_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("lda-layouts-XXXXXX", &error);
  char *input = g_build_filename (root, "in", NULL);

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (input, 0755), ==, 0);
  write_frames (input, 0, 2);
  return input;
}

static void
remove_input (char *input)
{
  g_autofree char *root = g_path_get_dirname (input);

  g_free (input);
  lda_test_remove_tree (root);
}

static void
test_pairs (void)
{
  char *input = make_input ();
  g_autofree char *out = export_layout (input, "pairs", LDA_EXPORT_LAYOUT_PAIRS, 0, 0);
  g_autofree char *files = lda_test_list_files (out);

  g_assert_cmpstr (files, ==,
                   ".livedead-export classes.json counts.csv dead_fraction.png dead_fraction.svg "
                   "images/w_t00.tif images/w_t01.tif masks/w_t00.tif masks/w_t01.tif "
                   "w_t00_labels.tif w_t01_labels.tif");

  for (guint t = 0; t < 2; t++)
    {
      g_autofree char *image = g_strdup_printf ("images/w_t%02u.tif", t);
      g_autofree char *mask = g_strdup_printf ("masks/w_t%02u.tif", t);
      g_autofree char *labels = g_strdup_printf ("w_t%02u_labels.tif", t);
      g_autofree char *image_path = g_build_filename (out, image, NULL);
      g_autofree char *mask_path = g_build_filename (out, mask, NULL);
      g_autoptr(GBytes) mask_bytes = read_bytes (out, mask);
      g_autoptr(GBytes) labels_bytes = read_bytes (out, labels);
      g_autoptr(LdaImage) mask_image = read_page (out, mask, 0);

      /* Three uncompressed 16-bit pages, the inputs' pixels. */
      assert_tiff (image_path, 3, 16, FALSE, NULL);
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        {
          g_autofree char *source = g_strdup_printf ("w_t%02u_%s.tif", t, tags[i]);
          g_autoptr(LdaImage) a = read_page (out, image, i);
          g_autoptr(LdaImage) b = read_page (input, source, 0);

          assert_same_pixels (a, b);
        }

      /* The mask: grey values 0–4 with the class colours as ColorMap. */
      assert_tiff (mask_path, 1, 8, TRUE, "ImageJ=1.11a\nunit=cm\nmin=0.0\nmax=4.0\n");
      g_assert_true (g_bytes_equal (mask_bytes, labels_bytes));
      g_assert_cmpuint (lda_image_get (mask_image, 16, 24), ==, 3);
      g_assert_cmpuint (lda_image_get (mask_image, 48, 24), ==, 4);
      g_assert_cmpuint (lda_image_get (mask_image, 2, 2), ==, 0);
    }

  remove_input (input);
}

/* Whether an export puts frame @stem of @series into val/, as
 * lda_export_targets() says. */
static gboolean
goes_to_val (LdaSeries  *series,
             guint32     seed,
             double      fraction,
             const char *stem)
{
  LdaExportOptions options = { .layout = LDA_EXPORT_LAYOUT_PAIRS, .val_fraction = fraction,
                               .seed = seed };
  g_autoptr(GPtrArray) targets = lda_export_targets (series, "/x", &options);
  g_autofree char *val = g_strdup_printf ("/x/val/images/%s.tif", stem);

  for (guint i = 0; i < targets->len; i++)
    if (g_str_equal (g_ptr_array_index (targets, i), val))
      return TRUE;
  return FALSE;
}

static void
test_nnunet (void)
{
  char *input = make_input ();
  g_autofree char *out = export_layout (input, "Dataset501_livedead", LDA_EXPORT_LAYOUT_NNUNET,
                                        0.5, 5);
  g_autofree char *files = lda_test_list_files (out);
  g_autofree char *dataset = NULL;
  g_autofree char *splits = NULL;
  g_autofree char *dataset_path = g_build_filename (out, "dataset.json", NULL);
  g_autofree char *splits_path = g_build_filename (out, "splits_final.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, NULL);
  gboolean val0 = goes_to_val (series, 5, 0.5, "w_t00");
  gboolean val1 = goes_to_val (series, 5, 0.5, "w_t01");

  g_assert_cmpstr (files, ==,
                   ".livedead-export classes.json counts.csv dataset.json dead_fraction.png dead_fraction.svg "
                   "imagesTr/w_t00_0000.tif imagesTr/w_t00_0001.tif imagesTr/w_t00_0002.tif "
                   "imagesTr/w_t01_0000.tif imagesTr/w_t01_0001.tif imagesTr/w_t01_0002.tif "
                   "labelsTr/w_t00.tif labelsTr/w_t01.tif splits_final.json "
                   "w_t00_labels.tif w_t01_labels.tif");

  for (guint t = 0; t < 2; t++)
    for (guint i = 0; i < LDA_N_INPUTS; i++)
      {
        g_autofree char *copy = g_strdup_printf ("imagesTr/w_t%02u_%04u.tif", t, i);
        g_autofree char *source = g_strdup_printf ("w_t%02u_%s.tif", t, tags[i]);
        g_autofree char *copy_path = g_build_filename (out, copy, NULL);
        g_autoptr(GBytes) a = read_bytes (out, copy);
        g_autoptr(GBytes) b = read_bytes (input, source);
        g_autoptr(LdaImage) pa = read_page (out, copy, 0);
        g_autoptr(LdaImage) pb = read_page (input, source, 0);

        /* Uncompressed inputs byte for byte; the one with a predictor
         * rewritten without, the same pixels and calibration. */
        g_assert_cmpint (g_bytes_equal (a, b), ==, i != LDA_INPUT_DRAQ7);
        if (i == LDA_INPUT_DRAQ7)
          assert_tiff (copy_path, 1, 16, FALSE, NULL);
        assert_same_pixels (pa, pb);
      }

  /* dataset.json as nnU-Net v2 reads it. */
  g_file_get_contents (dataset_path, &dataset, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TestJson) root = test_json_parse (dataset);
    TestJson *channels, *labels;
    static const char * const classes[] = {
      "background", "cell_area", "cell_outline", "hoechst_nucleus_live", "draq7_nucleus_dead",
    };

    g_assert_nonnull (root);
    channels = test_json_get (root, "channel_names");
    g_assert_nonnull (channels);
    g_assert_cmpuint (channels->keys->len, ==, LDA_N_INPUTS);
    for (guint i = 0; i < LDA_N_INPUTS; i++)
      {
        g_autofree char *key = g_strdup_printf ("%u", i);

        g_assert_cmpstr (test_json_get (channels, key)->string, ==, tags[i]);
      }
    labels = test_json_get (root, "labels");
    g_assert_nonnull (labels);
    g_assert_cmpuint (labels->keys->len, ==, G_N_ELEMENTS (classes));
    for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
      {
        g_assert_cmpstr (g_ptr_array_index (labels->keys, c), ==, classes[c]);
        g_assert_cmpfloat (test_json_get (labels, classes[c])->number, ==, c);
      }
    g_assert_cmpfloat (test_json_get (root, "numTraining")->number, ==, 2);
    g_assert_cmpstr (test_json_get (root, "file_ending")->string, ==, ".tif");
    g_assert_cmpstr (test_json_get (root, "overwrite_image_reader_writer")->string, ==,
                     "NaturalImage2DIO");
  }

  /* splits_final.json: one fold, each case on its side. */
  g_file_get_contents (splits_path, &splits, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TestJson) root = test_json_parse (splits);
    TestJson *fold, *train, *val;
    guint n = 0;

    g_assert_nonnull (root);
    g_assert_cmpint (root->type, ==, TEST_JSON_ARRAY);
    g_assert_cmpuint (root->items->len, ==, 1);
    fold = g_ptr_array_index (root->items, 0);
    train = test_json_get (fold, "train");
    val = test_json_get (fold, "val");
    g_assert_nonnull (train);
    g_assert_nonnull (val);
    for (guint side = 0; side < 2; side++)
      {
        TestJson *list = side == 0 ? train : val;

        for (guint i = 0; i < list->items->len; i++)
          {
            TestJson *name = g_ptr_array_index (list->items, i);

            g_assert_cmpint (name->type, ==, TEST_JSON_STRING);
            g_assert_true (g_str_equal (name->string, "w_t00") || g_str_equal (name->string, "w_t01"));
            g_assert_cmpint (side == 1, ==, g_str_equal (name->string, "w_t00") ? val0 : val1);
            n++;
          }
      }
    g_assert_cmpuint (n, ==, 2);
    /* Two frames never go to one side. */
    g_assert_cmpuint (train->items->len, ==, 1);
    g_assert_cmpuint (val->items->len, ==, 1);
  }

  remove_input (input);
}

static void
test_instances (void)
{
  char *input = make_input ();
  g_autofree char *out = export_layout (input, "inst", LDA_EXPORT_LAYOUT_INSTANCES, 0, 0);
  g_autofree char *files = lda_test_list_files (out);
  g_autofree char *nuclei_path = g_build_filename (out, "instances/w_t00_nuclei.tif", NULL);
  g_autoptr(LdaImage) nuclei = read_page (out, "instances/w_t00_nuclei.tif", 0);
  g_autoptr(LdaImage) cells = read_page (out, "instances/w_t00_cells.tif", 0);
  g_autoptr(GBytes) masks = read_bytes (out, "cellpose/w_t00_masks.tif");
  g_autoptr(GBytes) cells_bytes = read_bytes (out, "instances/w_t00_cells.tif");
  g_autoptr(LdaImage) labels = read_page (out, "w_t00_labels.tif", 0);
  g_autoptr(LdaImage) image = read_page (out, "cellpose/w_t00.tif", 1);
  g_autoptr(LdaImage) hoechst = read_page (input, "w_t00_hoechst.tif", 0);

  g_assert_cmpstr (files, ==,
                   ".livedead-export cellpose/w_t00.tif cellpose/w_t00_masks.tif cellpose/w_t01.tif "
                   "cellpose/w_t01_masks.tif classes.json counts.csv dead_fraction.png "
                   "dead_fraction.svg instances/w_t00_cells.tif instances/w_t00_nuclei.tif "
                   "instances/w_t01_cells.tif instances/w_t01_nuclei.tif "
                   "w_t00_labels.tif w_t01_labels.tif");

  /* 16 bits, two objects, numbered in raster order; each cell holds its
   * nucleus under the same label, and only cell-area pixels. */
  assert_tiff (nuclei_path, 1, 16, FALSE, "ImageJ=1.11a\nunit=cm\nmin=0.0\nmax=2.0\n");
  g_assert_cmpuint (nuclei->source_bits, ==, 16);
  g_assert_cmpuint (lda_image_get (nuclei, 16, 24), ==, 1);
  g_assert_cmpuint (lda_image_get (nuclei, 48, 24), ==, 2);
  g_assert_cmpuint (lda_image_get (nuclei, 30, 10), ==, 0);
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        guint n = lda_image_get (nuclei, x, y), c = lda_image_get (cells, x, y);
        guint v = lda_image_get (labels, x, y);

        g_assert_cmpuint (n, <=, 2);
        g_assert_cmpuint (c, <=, 2);
        g_assert_cmpuint (n > 0, ==, v == 3 || v == 4);
        if (c > 0)
          g_assert_true (v == 1 || v == 3 || v == 4);
        if (n > 0 && c > 0)
          g_assert_cmpuint (n, ==, c);
      }
  g_assert_cmpuint (lda_image_get (cells, 16 + 9, 24), ==, 1);
  g_assert_cmpuint (lda_image_get (cells, 48 - 9, 24), ==, 2);

  /* Cellpose: the image and <frame>_masks.tif, the cells. */
  g_assert_true (g_bytes_equal (masks, cells_bytes));
  assert_same_pixels (image, hoechst);

  remove_input (input);
}

/* The corrected mask's objects: a nucleus painted by hand is an instance,
 * one erased is gone. */
static void
test_instances_of_corrections (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = lda_image_new (LDA_PIXEL_U8, 20, 10, &error);
  g_autoptr(LdaImage) nuclei = NULL;
  g_autoptr(LdaImage) cells = NULL;
  guint n = 0;
  guint8 *p = lda_image_u8 (labels);

  /* Two cells of area 1 side by side, split by an outline at x = 10,
   * with a nucleus each; a lone nucleus pixel of 3 touching only
   * diagonally. */
  for (guint y = 1; y < 9; y++)
    for (guint x = 0; x < 19; x++)
      p[y * 20 + x] = x == 10 ? 2 : 1;
  /* A nucleus on the left edge of the image, in the left cell. */
  p[6 * 20 + 0] = 3;
  p[4 * 20 + 4] = p[4 * 20 + 5] = 4;
  p[4 * 20 + 14] = 3;
  p[5 * 20 + 15] = 3;

  g_assert_true (lda_export_instances (labels, 4, NULL, &nuclei, &cells, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (lda_image_get (nuclei, 4, 4), ==, 1);
  g_assert_cmpuint (lda_image_get (nuclei, 5, 4), ==, 1);
  g_assert_cmpuint (lda_image_get (nuclei, 14, 4), ==, 2);
  g_assert_cmpuint (lda_image_get (nuclei, 15, 5), ==, 3);
  g_assert_cmpuint (lda_image_get (nuclei, 0, 6), ==, 4);
  g_assert_cmpuint (lda_image_get (cells, 5, 2), ==, 1);
  g_assert_cmpuint (lda_image_get (cells, 10, 5), ==, 0);
  /* On the image's edge: the cell's pixels its inner neighbour's, the
   * nucleus its own. */
  g_assert_cmpuint (lda_image_get (cells, 0, 2), ==, lda_image_get (cells, 1, 2));
  g_assert_cmpuint (lda_image_get (cells, 0, 2), >, 0);
  g_assert_cmpuint (lda_image_get (cells, 0, 6), ==, 4);
  g_clear_pointer (&nuclei, lda_image_unref);
  g_clear_pointer (&cells, lda_image_unref);

  /* 8-connected, the two diagonal pixels are one nucleus. */
  g_assert_true (lda_export_instances (labels, 8, NULL, &nuclei, &cells, &n, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (lda_image_get (nuclei, 15, 5), ==, 2);
  g_assert_cmpuint (lda_image_get (cells, 17, 7), ==, 2);
  g_assert_cmpuint (lda_image_get (nuclei, 0, 6), ==, 3);
}

/* On an automatic mask the instance cells are the pipeline's cells, as
 * large as counts.csv says, with either preset.  (The outlines were
 * taken as background, and the flood drew its own outline again on the
 * cell pixels beside them: 7 % of the cell area of a real frame was in
 * no instance.) */
static void
test_instances_of_pipeline (gconstpointer data)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) nuclei = NULL;
  g_autoptr(LdaImage) cells = NULL;
  g_autofree guint64 *area = NULL;
  const LdaCounts *counts;
  const LdaImage *labels;
  LdaParams params;
  guint n = 0;

  lda_params_init_preset (&params, GPOINTER_TO_UINT (data));
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  counts = lda_pipeline_get_counts (pipeline);
  labels = lda_pipeline_get_labels (pipeline);

  g_assert_true (lda_export_instances (labels, lda_params_nucleus_connectivity (&params), NULL,
                                       &nuclei, &cells, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, counts->n_objects);
  area = g_new0 (guint64, n + 1);
  for (gsize i = 0; i < lda_image_n_pixels (cells); i++)
    area[lda_image_u16 (cells)[i]]++;
  {
    guint64 total = 0, in_cells = 0, worst = 0, zero_cell = 0;

    for (guint k = 0; k < n; k++)
      {
        guint64 d = (guint64) ABS ((gint64) area[k + 1] - (gint64) counts->objects[k].cell_area);

        total += counts->objects[k].cell_area;
        in_cells += area[k + 1];
        worst = MAX (worst, d);
      }
    for (gsize i = 0; i < lda_image_n_pixels (cells); i++)
      zero_cell += lda_image_u16 (cells)[i] == 0 && lda_image_u8 (labels)[i] == LDA_CLASS_CELL;
    g_test_message ("instance cells %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                    " px, the worst cell %" G_GUINT64_FORMAT " px off, cell area in no cell %"
                    G_GUINT64_FORMAT " px", in_cells, total, worst, zero_cell);
    /* The flood runs on the mask, not on the pipeline's own area, and
     * may draw a line a pixel aside: a thousandth at most (before, 10 461
     * of the sample's 136 470 pixels were in no cell). */
    g_assert_cmpuint (zero_cell * 1000, <=, total);
    g_assert_cmpuint ((in_cells > total ? in_cells - total : total - in_cells) * 1000, <=, total);
  }
}

/* A frame's side depends on the seed and its name only: adding frames
 * moves none; the fraction is about right; another seed differs. */
static void
test_split_stable (void)
{
  char *input = make_input ();
  g_autofree char *before = export_layout (input, "before", LDA_EXPORT_LAYOUT_PAIRS, 0.5, 9);
  g_autofree char *after = NULL;
  g_autofree char *files_before = lda_test_list_files (before);
  g_autofree char *files_after = NULL;
  g_auto(GStrv) names = NULL;
  guint n_val = 0, n_differ = 0;

  write_frames (input, 2, 4);
  after = export_layout (input, "after", LDA_EXPORT_LAYOUT_PAIRS, 0.5, 9);
  files_after = lda_test_list_files (after);

  names = g_strsplit (files_before, " ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "train/") || g_str_has_prefix (names[i], "val/"))
        g_assert_nonnull (strstr (files_after, names[i]));
    }
  for (guint t = 0; t < 6; t++)
    {
      g_autofree char *stem = g_strdup_printf ("w_t%02u", t);
      gboolean val = lda_export_is_validation (stem, 9, 0.5);
      g_autofree char *where = g_strdup_printf ("%s/images/%s.tif", val ? "val" : "train", stem);

      g_assert_nonnull (strstr (files_after, where));
    }

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *stem = g_strdup_printf ("plate%u_t%02u", i / 48, i % 48);

      n_val += lda_export_is_validation (stem, 1, 0.2);
      n_differ += lda_export_is_validation (stem, 1, 0.2) != lda_export_is_validation (stem, 2, 0.2);
      g_assert_false (lda_export_is_validation (stem, 1, 0));
      g_assert_true (lda_export_is_validation (stem, 1, 1));
    }
  g_assert_cmpuint (n_val, >, 1800);
  g_assert_cmpuint (n_val, <, 2200);
  g_assert_cmpuint (n_differ, >, 2000);

  remove_input (input);
}

/* Exported again with another seed, over the first export: a frame that
 * changes sides is refused, naming its file on the old side, even with
 * overwrite, and nothing is written. */
static void
test_split_other_side (void)
{
  char *input = make_input ();
  g_autofree char *out = export_layout (input, "split", LDA_EXPORT_LAYOUT_INSTANCES, 0.5, 0);
  g_autofree char *before = lda_test_list_files (out);
  g_autofree char *after = NULL;
  g_autofree char *manifest = g_build_filename (out, ".livedead-export", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *old_side = NULL;
  g_autofree char *new_side = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, &error);
  LdaExportOptions options = { .layout = LDA_EXPORT_LAYOUT_INSTANCES, .val_fraction = 0.5,
                               .overwrite = TRUE };
  gboolean was_val;
  guint32 seed = 1;

  g_assert_no_error (error);
  was_val = goes_to_val (series, 0, 0.5, "w_t00");
  /* A seed that moves w_t00. */
  while (goes_to_val (series, seed, 0.5, "w_t00") == was_val)
    seed++;
  options.seed = seed;
  old_side = g_build_filename (out, was_val ? "val" : "train", "instances", "w_t00_nuclei.tif",
                               NULL);
  new_side = g_build_filename (out, was_val ? "train" : "val", "instances", "w_t00_nuclei.tif",
                               NULL);

  /* An earlier export that left no list of its files (made by an older
   * version) cannot be replaced whole: refused, nothing touched. */
  g_assert_true (g_file_get_contents (manifest, &kept, NULL, NULL));
  g_assert_cmpint (g_unlink (manifest), ==, 0);
  g_assert_false (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, was_val ? "/val/instances/w_t00_nuclei.tif"
                                                    : "/train/instances/w_t00_nuclei.tif"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (manifest, kept, -1, NULL));
  after = lda_test_list_files (out);
  g_assert_cmpstr (after, ==, before);

  /* With its list, the earlier export is replaced whole: the frame is on
   * its new side only. */
  g_assert_true (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (new_side, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (old_side, G_FILE_TEST_EXISTS));

  /* The same seed again replaces the files in place. */
  options.seed = 0;
  g_assert_true (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = lda_test_list_files (out);
  g_assert_cmpstr (after, ==, before);

  remove_input (input);
}

/* An export from before the list of files (w_t00's on one side), then
 * one of w_t01 alone that leaves a list, then all frames with a seed
 * that moves both: w_t01's listed files are replaced whole, but w_t00's
 * unlisted one on the other side still refuses the export, rather than
 * leave the frame on both sides. */
static void
test_split_other_side_unlisted (void)
{
  char *input = make_input ();
  g_autofree char *out = export_layout (input, "unlisted", LDA_EXPORT_LAYOUT_INSTANCES, 0.5, 0);
  g_autofree char *manifest = g_build_filename (out, ".livedead-export", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (input, &error);
  const guint second[] = { 1 };
  LdaExportOptions one = { .layout = LDA_EXPORT_LAYOUT_INSTANCES, .val_fraction = 0.5,
                           .overwrite = TRUE, .frames = second, .n_frames = 1 };
  LdaExportOptions all = { .layout = LDA_EXPORT_LAYOUT_INSTANCES, .val_fraction = 0.5,
                           .overwrite = TRUE };
  guint32 seed = 1;

  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (manifest), ==, 0);
  g_assert_true (lda_export_run (series, NULL, out, &one, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A seed that moves both frames. */
  while (goes_to_val (series, seed, 0.5, "w_t00") == goes_to_val (series, 0, 0.5, "w_t00") ||
         goes_to_val (series, seed, 0.5, "w_t01") == goes_to_val (series, 0, 0.5, "w_t01"))
    seed++;
  all.seed = seed;
  g_assert_false (lda_export_run (series, NULL, out, &all, NULL, NULL, NULL, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "w_t00"));

  remove_input (input);
}

/* classes.json: the pixel counts of the training masks, frequencies and
 * median-frequency weights. */
static void
test_classes_json (void)
{
  char *input = make_input ();
  g_autofree char *out = export_layout (input, "classes", LDA_EXPORT_LAYOUT_PAIRS, 0, 0);
  g_autofree char *path = g_build_filename (out, "classes.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  guint64 pixels[5] = { 0, };
  guint64 present[5] = { 0, };
  double frequency[5], sorted[5], median;
  guint n = 0;

  for (guint t = 0; t < 2; t++)
    {
      g_autofree char *file = g_strdup_printf ("w_t%02u_labels.tif", t);
      g_autoptr(LdaImage) labels = read_page (out, file, 0);
      guint64 here[5] = { 0, };

      for (guint y = 0; y < HEIGHT; y++)
        for (guint x = 0; x < WIDTH; x++)
          here[lda_image_get (labels, x, y)]++;
      for (guint c = 0; c < 5; c++)
        {
          pixels[c] += here[c];
          present[c] += here[c] > 0 ? WIDTH * HEIGHT : 0;
        }
    }
  for (guint c = 0; c < 5; c++)
    {
      g_assert_cmpuint (pixels[c], >, 0);
      frequency[c] = sorted[n++] = (double) pixels[c] / present[c];
    }
  for (guint i = 0; i < 5; i++)
    for (guint j = i + 1; j < 5; j++)
      if (sorted[j] < sorted[i])
        {
          double s = sorted[i];
          sorted[i] = sorted[j];
          sorted[j] = s;
        }
  median = sorted[2];

  g_file_get_contents (path, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (json, "{\n  \"frames\": 2,\n  \"pixels\": 6144,\n"));
  {
    g_autoptr(TestJson) root = test_json_parse (json);
    TestJson *list;

    g_assert_nonnull (root);
    g_assert_cmpfloat (test_json_get (root, "frames")->number, ==, 2);
    g_assert_cmpfloat (test_json_get (root, "pixels")->number, ==, WIDTH * HEIGHT * 2);
    list = test_json_get (root, "classes");
    g_assert_cmpuint (list->items->len, ==, 5);
    for (guint c = 0; c < 5; c++)
      {
        TestJson *entry = g_ptr_array_index (list->items, c);

        g_assert_cmpfloat (test_json_get (entry, "value")->number, ==, c);
        g_assert_cmpfloat (test_json_get (entry, "pixels")->number, ==, pixels[c]);
        g_assert_cmpfloat_with_epsilon (test_json_get (entry, "frequency")->number,
                                        frequency[c], 1e-6);
        g_assert_cmpfloat_with_epsilon (test_json_get (entry, "weight")->number,
                                        median / frequency[c], 1e-5);
      }
  }
  for (guint c = 0; c < 5; c++)
    {
      static const char * const names[5] = {
        "background", "cell_area", "cell_outline", "hoechst_nucleus_live", "draq7_nucleus_dead",
      };
      static const char * const colours[5] = {
        "#000000", "#33cc4d", "#ffdd1a", "#3373ff", "#f22626",
      };
      char f[G_ASCII_DTOSTR_BUF_SIZE], w[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *entry = NULL;

      g_ascii_formatd (f, sizeof f, "%.6f", frequency[c]);
      g_ascii_formatd (w, sizeof w, "%.6f", median / frequency[c]);
      entry = g_strdup_printf ("{\"value\": %u, \"name\": \"%s\", \"description\": ", c, names[c]);
      g_assert_nonnull (strstr (json, entry));
      g_clear_pointer (&entry, g_free);
      entry = g_strdup_printf ("\"colour\": \"%s\", \"pixels\": %" G_GUINT64_FORMAT
                               ", \"frequency\": %s, \"weight\": %s}", colours[c], pixels[c], f, w);
      if (strstr (json, entry) == NULL)
        g_test_message ("%s not in %s", entry, json);
      g_assert_nonnull (strstr (json, entry));
    }

  remove_input (input);
}

/* The test's JSON reader itself: what it must refuse. */
static void
test_json_reader (void)
{
  static const char * const bad[] = {
    "", "{", "{\"a\": 1,}", "[1 2]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "[1] x", "{a: 1}",
    "\"\x01\"", "tru",
  };
  g_autoptr(TestJson) good = test_json_parse (" {\"a\": [1, -2.5e3, true, null, \"\\u00e9\\n\"]} ");

  g_assert_nonnull (good);
  g_assert_cmpfloat (((TestJson *) g_ptr_array_index (test_json_get (good, "a")->items, 1))->number,
                     ==, -2500);
  g_assert_cmpstr (((TestJson *) g_ptr_array_index (test_json_get (good, "a")->items, 4))->string,
                   ==, "\u00e9\n");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TestJson) v = test_json_parse (bad[i]);

      if (v != NULL)
        g_test_message ("accepted: %s", bad[i]);
      g_assert_null (v);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-layouts/json-reader", test_json_reader);
  g_test_add_func ("/export-layouts/pairs", test_pairs);
  g_test_add_func ("/export-layouts/nnunet", test_nnunet);
  g_test_add_func ("/export-layouts/instances", test_instances);
  g_test_add_func ("/export-layouts/instances-of-corrections", test_instances_of_corrections);
  g_test_add_data_func ("/export-layouts/instances-of-pipeline/robust",
                        GUINT_TO_POINTER (LDA_PRESET_ROBUST), test_instances_of_pipeline);
  g_test_add_data_func ("/export-layouts/instances-of-pipeline/article",
                        GUINT_TO_POINTER (LDA_PRESET_ARTICLE), test_instances_of_pipeline);
  g_test_add_func ("/export-layouts/split-stable", test_split_stable);
  g_test_add_func ("/export-layouts/split-other-side", test_split_other_side);
  g_test_add_func ("/export-layouts/split-other-side-unlisted", test_split_other_side_unlisted);
  g_test_add_func ("/export-layouts/classes-json", test_classes_json);

  return g_test_run ();
}
