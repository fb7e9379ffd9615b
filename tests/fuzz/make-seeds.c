/* make-seeds.c — writes the fuzz targets' seed inputs
 *
 *   make-seeds SAMPLE-HOECHST.tif OUTPUT-FOLDER
 *
 * The seeds are what the test suite writes and reads: TIFFs of every
 * layout the loader accepts and of several it refuses, a crop of the
 * bundled sample, a project file with a frame override and frame states,
 * a parameter file, and edits files.  They are committed under
 * tests/fuzz/seeds/; this program shows how they were made.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <tiffio.h>

#include "fuzz-common.h"
#include "lda-edits.h"
#include "lda-params.h"
#include "lda-project.h"
#include "lda-series.h"
#include "lda-tiff.h"

typedef struct
{
  const char *name;
  const char *mode;        /* TIFFOpen mode: "w", "wb" big-endian, "w8" BigTIFF */
  guint       bits;
  guint       samples;
  guint       format;      /* SAMPLEFORMAT_* */
  guint       compression;
  guint       predictor;
  guint       tile;        /* 0: strips */
  guint       planar;
  guint       pages;
} Layout;

static const Layout layouts[] = {
  { "u16-strips",        "w",  16, 1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "u16-big-endian",    "wb", 16, 1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "u16-bigtiff",       "w8", 16, 1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "u8-strips",         "w",  8,  1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "u16-deflate-pred",  "w",  16, 1, SAMPLEFORMAT_UINT, COMPRESSION_ADOBE_DEFLATE, 2, 0, PLANARCONFIG_CONTIG, 1 },
  { "u16-lzw",           "w",  16, 1, SAMPLEFORMAT_UINT, COMPRESSION_LZW,      1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "u8-packbits",       "w",  8,  1, SAMPLEFORMAT_UINT, COMPRESSION_PACKBITS, 1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "u16-tiled",         "w",  16, 1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 16, PLANARCONFIG_CONTIG, 1 },
  { "u16-tiled-deflate", "w",  16, 1, SAMPLEFORMAT_UINT, COMPRESSION_ADOBE_DEFLATE, 1, 16, PLANARCONFIG_CONTIG, 1 },
  { "u16-three-pages",   "w",  16, 1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 3 },
  { "refused-float",     "w",  32, 1, SAMPLEFORMAT_IEEEFP, COMPRESSION_NONE,   1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "refused-rgb",       "w",  8,  3, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "refused-planar",    "w",  16, 2, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_SEPARATE, 1 },
  { "refused-1-bit",     "w",  1,  1, SAMPLEFORMAT_UINT, COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
  { "refused-signed",    "w",  16, 1, SAMPLEFORMAT_INT,  COMPRESSION_NONE,     1, 0,  PLANARCONFIG_CONTIG, 1 },
};

#define SEED_W 20
#define SEED_H 13

static void
write_layout (const char   *folder,
              const Layout *layout)
{
  g_autofree char *file = g_strconcat (layout->name, ".tif", NULL);
  g_autofree char *path = g_build_filename (folder, file, NULL);
  guint bytes_per_sample = MAX (layout->bits / 8, 1u);
  guint row_samples = SEED_W * (layout->planar == PLANARCONFIG_CONTIG ? layout->samples : 1);
  g_autofree guint8 *buffer = g_malloc0 ((gsize) MAX (row_samples, 16u * 16u * layout->samples) * bytes_per_sample * 16);
  TIFF *tif = TIFFOpen (path, layout->mode);

  if (tif == NULL)
    g_error ("%s: cannot be created", path);

  for (guint page = 0; page < layout->pages; page++)
    {
      TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, SEED_W);
      TIFFSetField (tif, TIFFTAG_IMAGELENGTH, SEED_H);
      TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, layout->bits);
      TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, layout->samples);
      TIFFSetField (tif, TIFFTAG_SAMPLEFORMAT, layout->format);
      TIFFSetField (tif, TIFFTAG_PLANARCONFIG, layout->planar);
      TIFFSetField (tif, TIFFTAG_PHOTOMETRIC,
                    layout->samples == 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
      TIFFSetField (tif, TIFFTAG_COMPRESSION, layout->compression);
      if (layout->predictor != 1)
        TIFFSetField (tif, TIFFTAG_PREDICTOR, layout->predictor);
      if (layout->pages > 1)
        {
          TIFFSetField (tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
          TIFFSetField (tif, TIFFTAG_PAGENUMBER, page, layout->pages);
        }

      if (layout->tile > 0)
        {
          tmsize_t tile_size;

          TIFFSetField (tif, TIFFTAG_TILEWIDTH, layout->tile);
          TIFFSetField (tif, TIFFTAG_TILELENGTH, layout->tile);
          tile_size = TIFFTileSize (tif);
          for (guint ty = 0; ty < SEED_H; ty += layout->tile)
            for (guint tx = 0; tx < SEED_W; tx += layout->tile)
              {
                for (tmsize_t i = 0; i < tile_size; i++)
                  buffer[i] = (guint8) (i * 7 + tx + ty + page);
                if (TIFFWriteTile (tif, buffer, tx, ty, 0, 0) < 0)
                  g_error ("%s: a tile cannot be written", path);
              }
        }
      else
        {
          guint n_planes = layout->planar == PLANARCONFIG_SEPARATE ? layout->samples : 1;

          TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 4);
          for (guint plane = 0; plane < n_planes; plane++)
            for (guint y = 0; y < SEED_H; y++)
              {
                tmsize_t row_size = TIFFScanlineSize (tif);

                for (tmsize_t i = 0; i < row_size; i++)
                  buffer[i] = (guint8) (i * 13 + y * 3 + page + plane);
                if (TIFFWriteScanline (tif, buffer, y, plane) < 0)
                  g_error ("%s: a row cannot be written", path);
              }
        }
      if (!TIFFWriteDirectory (tif))
        g_error ("%s: a page cannot be written", path);
    }
  TIFFClose (tif);
}

/* 48 × 32 pixels of the sample's Hoechst image, written by the core. */
static void
write_sample_crop (const char *sample,
                   const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) image = lda_tiff_read (sample, 0, &error);
  g_autoptr(LdaImage) crop = NULL;
  g_autofree char *path = g_build_filename (folder, "sample-crop.tif", NULL);

  if (image == NULL)
    g_error ("%s", error->message);
  crop = lda_image_new (LDA_PIXEL_U16, 48, 32, &error);
  for (guint y = 0; y < 32; y++)
    for (guint x = 0; x < 48; x++)
      lda_image_u16 (crop)[y * 48 + x] = (guint16) lda_image_get (image, 240 + x, 240 + y);
  if (!lda_tiff_write (path, crop, &error))
    g_error ("%s", error->message);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (from, &contents, &length, &error) ||
      !g_file_set_contents (to, contents, length, &error))
    g_error ("%s", error->message);
}

static void
write_project_seeds (const char *folder)
{
  static const char *const channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GError) error = NULL;
  g_autofree char *images = fuzz_make_dir ("lda-seeds");
  g_autofree char *project = g_build_filename (images, LDA_PROJECT_FOLDER_NAME, NULL);
  g_autofree char *params_path = g_build_filename (folder, "params.ini", NULL);
  g_autoptr(GDir) listing = NULL;
  LdaSeries *series;
  LdaParams params;
  const char *name;

  for (guint t = 0; t < 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *file = g_strdup_printf ("well_t%u_%s.tif", t + 1, channels[c]);
        g_autofree char *path = g_build_filename (images, file, NULL);
        g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 8, 6, &error);

        if (!lda_tiff_write (path, image, &error))
          g_error ("%s", error->message);
      }

  series = lda_series_new_from_folder (images, &error);
  if (series == NULL)
    g_error ("%s", error->message);

  lda_params_init (&params);
  params.channel[LDA_CHANNEL_HOECHST].manual = TRUE;
  params.channel[LDA_CHANNEL_HOECHST].manual_threshold = 900;
  params.channel[LDA_CHANNEL_DRAQ7].coarseness = 7;
  lda_series_set_params (series, &params);
  params.channel[LDA_CHANNEL_CELL_AREA].kernel = 9;
  params.channel[LDA_CHANNEL_CELL_AREA].offset = 2.5;
  lda_series_set_frame_override (series, 1, &params);
  lda_series_get_frame (series, 0)->state = LDA_FRAME_EDITED;
  lda_series_get_frame (series, 1)->state = LDA_FRAME_EXPORTED;
  if (!lda_project_save_params (series, project, &error) ||
      !lda_params_save (&params, params_path, &error))
    g_error ("%s", error->message);

  listing = g_dir_open (project, 0, &error);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".ini"))
      {
        g_autofree char *from = g_build_filename (project, name, NULL);
        g_autofree char *to = g_build_filename (folder, "project.ini", NULL);

        copy_file (from, to);
      }

  lda_series_free (series);
  fuzz_remove_tree (images);
}

static void
write_bytes (const char   *folder,
             const char   *name,
             guint8        mode,
             const guint8 *data,
             gsize         length)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree guint8 *seed = g_malloc (length + 1);

  seed[0] = mode;
  memcpy (seed + 1, data, length);
  fuzz_write_file (path, seed, length + 1);
}

static void
write_edits_seeds (const char *folder)
{
  /* Mode 1 runs: width 40 (39 + 1), height 30; five runs that cover it. */
  static const guint8 runs[] = {
    39, 29,
    0xff, 0x90, 0x03,   /* 400 pixels unedited */
    1, 0x28,            /* 40 cell area */
    2, 0x0a,            /* 10 outline */
    3, 0x05,            /* 5 Hoechst */
    0xff, 0xe9, 0x05,   /* 745 unedited: 1200 in all */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaEdits) edits = lda_edits_new (40, 30, &error);
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GBytes) painted = NULL;
  gsize length;
  const guint8 *data;

  empty = lda_edits_serialize (edits);
  data = g_bytes_get_data (empty, &length);
  write_bytes (folder, "empty.edits", 0, data, length);

  lda_edits_dab (edits, 10, 10, 4, 1, NULL);
  lda_edits_dab (edits, 30, 20, 3, 4, NULL);
  lda_edits_line (edits, 0, 29, 39, 0, 1, 2, NULL);
  painted = lda_edits_serialize (edits);
  data = g_bytes_get_data (painted, &length);
  write_bytes (folder, "painted.edits", 0, data, length);

  write_bytes (folder, "runs", 1, runs, sizeof runs);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tiff = NULL;
  g_autofree char *project = NULL;
  g_autofree char *edits = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s SAMPLE-HOECHST.tif OUTPUT-FOLDER\n", argv[0]);
      return 2;
    }
  tiff = g_build_filename (argv[2], "tiff", NULL);
  project = g_build_filename (argv[2], "project", NULL);
  edits = g_build_filename (argv[2], "edits", NULL);
  g_mkdir_with_parents (tiff, 0755);
  g_mkdir_with_parents (project, 0755);
  g_mkdir_with_parents (edits, 0755);

  for (gsize i = 0; i < G_N_ELEMENTS (layouts); i++)
    write_layout (tiff, &layouts[i]);
  write_sample_crop (argv[1], tiff);
  write_project_seeds (project);
  write_edits_seeds (edits);
  return 0;
}
