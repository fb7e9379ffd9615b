/* test-tiff-striles.c — a TIFF whose strip or tile lists are too short
 * for its size is refused
 *
 * The places (offsets) and sizes (byte counts) of the strips or tiles are
 * arrays in the file; libtiff pads an array that is too short with zeros,
 * and a strip "at offset 0" is the file's own header.  Such a file must
 * be refused as damaged, naming it, not segmented.  The fixtures are
 * written by libtiff, then one array's count is cut in the directory.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-image.h"
#include "lda-tiff.h"
#include "lda-test-lib.h"

#define WIDTH  37
#define HEIGHT 23

/* An 8-bit image of 37 × 23: 5 strips of 5 rows, or 6 tiles of 16 × 16;
 * @mode as for TIFFOpen. */
static char *
write_image (const char *dir,
             const char *name,
             const char *mode,
             gboolean    tiled,
             guint16     compression)
{
  char *path = g_build_filename (dir, name, NULL);
  TIFF *tif = TIFFOpen (path, mode);
  g_autofree guint8 *tile = g_malloc0 (16 * 16);
  guint8 row[WIDTH];

  g_assert_nonnull (tif);
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) WIDTH));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) HEIGHT));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 8));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PLANARCONFIG, (guint16) PLANARCONFIG_CONTIG));
  g_assert_true (TIFFSetField (tif, TIFFTAG_COMPRESSION, compression));
  if (tiled)
    {
      g_assert_true (TIFFSetField (tif, TIFFTAG_TILEWIDTH, (guint32) 16));
      g_assert_true (TIFFSetField (tif, TIFFTAG_TILELENGTH, (guint32) 16));
      memset (tile, 200, 16 * 16);
      for (guint t = 0; t < TIFFNumberOfTiles (tif); t++)
        g_assert_cmpint (TIFFWriteEncodedTile (tif, t, tile, 16 * 16), ==, 16 * 16);
    }
  else
    {
      g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 5));
      memset (row, 200, sizeof row);
      for (guint y = 0; y < HEIGHT; y++)
        g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);

  return path;
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
get_u16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v & 0xff;
  p[1] = (v >> 8) & 0xff;
  p[2] = (v >> 16) & 0xff;
  p[3] = (v >> 24) & 0xff;
}

/* Cuts the array of @tag in the first directory of the little-endian file
 * @path to @keep values, moving them into the entry when they fit. */
static void
cut_array (const char *path,
           guint16     tag,
           guint32     keep)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint8 *d;
  guint32 ifd;
  guint16 n;
  gboolean found = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  d = (guint8 *) contents;
  ifd = get_u32 (d + 4);
  n = get_u16 (d + ifd);
  for (guint i = 0; i < n; i++)
    {
      guint8 *entry = d + ifd + 2 + 12 * i;
      guint16 type = get_u16 (entry + 2);
      guint32 size = type == TIFF_SHORT ? 2 : 4;
      guint32 count = get_u32 (entry + 4);
      guint32 where = get_u32 (entry + 8);

      if (get_u16 (entry) != tag)
        continue;
      g_assert_cmpuint (keep, <, count);
      g_assert_cmpuint (count * size, >, 4);
      put_u32 (entry + 4, keep);
      if (keep * size <= 4)
        {
          memset (entry + 8, 0, 4);
          memcpy (entry + 8, d + where, keep * size);
        }
      found = TRUE;
    }
  g_assert_true (found);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
}

typedef struct
{
  const char *name;
  gboolean    tiled;
  guint16     compression;
  guint16     tag;
  guint32     keep;
  const char *words;
} Case;

static const Case cases[] = {
  { "strip-offsets-1", FALSE, COMPRESSION_NONE, TIFFTAG_STRIPOFFSETS, 1, "strips" },
  { "strip-offsets-4", FALSE, COMPRESSION_NONE, TIFFTAG_STRIPOFFSETS, 4, "strips" },
  { "strip-byte-counts-1", FALSE, COMPRESSION_NONE, TIFFTAG_STRIPBYTECOUNTS, 1, "strips" },
  { "strip-offsets-deflate", FALSE, COMPRESSION_ADOBE_DEFLATE, TIFFTAG_STRIPOFFSETS, 2, "strips" },
  { "strip-byte-counts-deflate", FALSE, COMPRESSION_ADOBE_DEFLATE, TIFFTAG_STRIPBYTECOUNTS, 2,
    "strips" },
  { "tile-offsets", TRUE, COMPRESSION_NONE, TIFFTAG_TILEOFFSETS, 3, "tiles" },
  { "tile-byte-counts", TRUE, COMPRESSION_NONE, TIFFTAG_TILEBYTECOUNTS, 1, "tiles" },
};

static void
test_refused (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = lda_test_tmp_dir ("lda-striles");
  g_autofree char *file = g_strconcat (c->name, ".tif", NULL);
  g_autofree char *path = write_image (dir, file, "wl", c->tiled, c->compression);
  g_autoptr(LdaImage) intact = NULL;
  g_autoptr(LdaImage) image = NULL;
  g_autoptr(GError) error = NULL;
  guint width, height;

  intact = lda_tiff_read (path, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (intact);

  cut_array (path, c->tag, c->keep);
  image = lda_tiff_read (path, 0, &error);
  g_assert_null (image);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  if (error != NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, c->words));
      g_clear_error (&error);
    }

  /* The header alone tells: refused before a frame is allocated. */
  g_assert_false (lda_tiff_read_size (path, 0, &width, &height, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  lda_test_remove_tree (dir);
}

/* Complete files in either byte order, classic and BigTIFF: the lists
 * are read from the file as libtiff reads them. */
static void
test_complete (void)
{
  const char * const modes[] = { "wl", "wb", "w8l", "w8b" };
  g_autofree char *dir = lda_test_tmp_dir ("lda-striles");

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint tiled = 0; tiled < 2; tiled++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%u.tif", modes[m], tiled);
        g_autofree char *path = write_image (dir, name, modes[m], tiled,
                                             COMPRESSION_ADOBE_DEFLATE);
        g_autoptr(LdaImage) image = NULL;
        g_autoptr(GError) error = NULL;

        image = lda_tiff_read (path, 0, &error);
        g_assert_no_error (error);
        g_assert_nonnull (image);
        if (image != NULL)
          g_assert_cmpuint (lda_image_u16 (image)[WIDTH * HEIGHT - 1], ==, 200);
      }
  lda_test_remove_tree (dir);
}

/* One strip of many rows, uncompressed: libtiff reads it in pieces of
 * its own (strip chopping), which is not a short list. */
static void
test_single_strip (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-striles");
  g_autofree char *path = g_build_filename (dir, "one-strip.tif", NULL);
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 512, 400, NULL);
  g_autoptr(LdaImage) back = NULL;
  g_autoptr(GError) error = NULL;
  TIFF *tif = TIFFOpen (path, "w");

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u16 (image)[i] = (guint16) (i * 7);
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) 512));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) 400));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 16));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK));
  g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 400));
  g_assert_cmpint (TIFFWriteEncodedStrip (tif, 0, lda_image_u16 (image), 512 * 400 * 2), ==,
                   512 * 400 * 2);
  TIFFClose (tif);

  back = lda_tiff_read (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (lda_image_u16 (back), 512 * 400 * 2, lda_image_u16 (image), 512 * 400 * 2);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/tiff/striles/%s", cases[i].name);

      g_test_add_data_func (name, &cases[i], test_refused);
    }
  g_test_add_func ("/tiff/striles/complete", test_complete);
  g_test_add_func ("/tiff/striles/single-strip", test_single_strip);

  return g_test_run ();
}
