/* test-tiff.c — tests for lda-tiff: every accepted kind of TIFF reads back
 * exactly and every refused kind fails with the right code (writing:
 * test-tiff-write.c).  Fixtures are made with libtiff in a temporary
 * folder.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-image.h"
#include "lda-tiff.h"
#include "lda-test-lib.h"
#include "tiff-test-util.h"

/* Not a multiple of the 16-pixel tiles nor of the 5-row strips, so the
 * last strip and the edge tiles are partial. */
#define WIDTH  37
#define HEIGHT 23
#define ROWS_PER_STRIP 5
#define TILE_SIZE 16

/* How to make one page of a fixture. */
typedef struct
{
  guint   width;
  guint   height;
  guint16 bits;
  guint16 samples;
  guint16 format;         /* SAMPLEFORMAT_* */
  gint    photometric;    /* PHOTOMETRIC_*, or -1 to leave the tag out */
  guint16 compression;
  guint32 rows_per_strip; /* for stripped pages */
  guint32 tile_size;      /* 0 for stripped pages */
} PageSpec;

typedef struct
{
  guint16     bits;
  guint16     compression;
  gboolean    tiled;
  const char *mode;       /* "wb" big-endian, "wl" little-endian */
  gboolean    photometric;
} ReadCase;

/* --- helpers ----------------------------------------------------------- */

static gsize
row_bytes (const PageSpec *spec)
{
  return ((gsize) spec->width * spec->bits * spec->samples + 7) / 8;
}

/* Writes one directory.  libtiff byte-swaps the buffers it is given in
 * place, so it always gets copies of @raw. */
static void
write_page (TIFF           *tif,
            const PageSpec *spec,
            const guint8   *raw)
{
  gsize stride = row_bytes (spec);
  gsize pixel_bits = (gsize) spec->bits * spec->samples;

  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) spec->width));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) spec->height));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, spec->bits));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, spec->samples));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLEFORMAT, spec->format));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PLANARCONFIG, (guint16) PLANARCONFIG_CONTIG));
  g_assert_true (TIFFSetField (tif, TIFFTAG_COMPRESSION, spec->compression));
  if (spec->photometric >= 0)
    g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) spec->photometric));

  if (spec->photometric == PHOTOMETRIC_PALETTE)
    {
      gsize n = (gsize) 1 << spec->bits;
      g_autofree guint16 *red = g_new0 (guint16, n);
      g_autofree guint16 *green = g_new0 (guint16, n);
      g_autofree guint16 *blue = g_new0 (guint16, n);

      for (gsize i = 0; i < n; i++)
        red[i] = (guint16) (i * 257);
      g_assert_true (TIFFSetField (tif, TIFFTAG_COLORMAP, red, green, blue));
    }

  if (spec->tile_size > 0)
    {
      gsize tile_stride = (spec->tile_size * pixel_bits + 7) / 8;
      g_autofree guint8 *tile = g_malloc (tile_stride * spec->tile_size);

      g_assert_true (TIFFSetField (tif, TIFFTAG_TILEWIDTH, spec->tile_size));
      g_assert_true (TIFFSetField (tif, TIFFTAG_TILELENGTH, spec->tile_size));
      g_assert_cmpuint (TIFFTileSize (tif), ==, tile_stride * spec->tile_size);

      for (guint y = 0; y < spec->height; y += spec->tile_size)
        for (guint x = 0; x < spec->width; x += spec->tile_size)
          {
            /* Fill the padding with junk: the reader must not copy it. */
            memset (tile, 0xa5, tile_stride * spec->tile_size);
            for (guint r = 0; r < spec->tile_size && y + r < spec->height; r++)
              {
                gsize n_cols = MIN (spec->tile_size, spec->width - x);

                g_assert_cmpuint (pixel_bits % 8, ==, 0);
                memcpy (tile + r * tile_stride,
                        raw + (y + r) * stride + x * pixel_bits / 8,
                        n_cols * pixel_bits / 8);
              }
            g_assert_cmpint (TIFFWriteTile (tif, tile, x, y, 0, 0), >, 0);
          }
    }
  else
    {
      g_autofree guint8 *row = g_malloc (stride);

      g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, spec->rows_per_strip));
      for (guint y = 0; y < spec->height; y++)
        {
          memcpy (row, raw + y * stride, stride);
          g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
        }
    }

  g_assert_true (TIFFWriteDirectory (tif));
}

static char *
write_fixture (Fixture        *f,
               const char     *name,
               const char     *mode,
               const PageSpec *spec,
               const guint8   *raw)
{
  char *path = g_build_filename (f->dir, name, NULL);
  TIFF *tif = TIFFOpen (path, mode);

  g_assert_nonnull (tif);
  write_page (tif, spec, raw);
  TIFFClose (tif);

  return path;
}

static void
assert_image_equals_raw (const LdaImage *image,
                         guint           width,
                         guint           height,
                         guint           bits,
                         const guint8   *raw)
{
  g_assert_nonnull (image);
  g_assert_cmpuint (image->width, ==, width);
  g_assert_cmpuint (image->height, ==, height);
  g_assert_cmpint (image->type, ==, LDA_PIXEL_U16);
  g_assert_cmpuint (image->source_bits, ==, bits);
  g_assert_cmpuint (lda_image_saturation (image), ==, bits == 8 ? 255 : 65535);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;
        guint expected = bits == 16 ? ((const guint16 *) raw)[i] : raw[i];

        if (lda_image_get (image, x, y) != expected)
          g_error ("pixel (%u, %u) is %u, expected %u",
                   x, y, lda_image_get (image, x, y), expected);
      }
}

static void
assert_read_fails (const char *path,
                   gint        code,
                   const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) image = lda_tiff_read (path, 0, &error);

  g_assert_null (image);
  g_assert_error (error, LDA_ERROR, code);
  assert_message_names (error, path);
  if (words != NULL && !problem_mentions (error, path, words))
    g_error ("message \"%s\" does not mention \"%s\"", error->message, words);
  g_test_message ("%s", error->message);
}

/* --- reading accepted kinds -------------------------------------------- */

static void
test_read_roundtrip (Fixture       *f,
                     gconstpointer  data)
{
  const ReadCase *rc = data;
  PageSpec spec = {
    .width = WIDTH,
    .height = HEIGHT,
    .bits = rc->bits,
    .samples = 1,
    .format = SAMPLEFORMAT_UINT,
    .photometric = rc->photometric ? PHOTOMETRIC_MINISBLACK : -1,
    .compression = rc->compression,
    .rows_per_strip = ROWS_PER_STRIP,
    .tile_size = rc->tiled ? TILE_SIZE : 0,
  };
  g_autofree guint8 *raw = make_gray (WIDTH, HEIGHT, rc->bits, 0);
  g_autofree char *path = write_fixture (f, "in.tif", rc->mode, &spec, raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) image = NULL;
  guint n_pages = 0;
  guint16 compression = 0;
  guint16 photometric = 0;
  TIFF *tif;

  /* Check that the fixture is what this case claims to test. */
  tif = TIFFOpen (path, "r");
  g_assert_nonnull (tif);
  g_assert_cmpint (!!TIFFIsBigEndian (tif), ==, rc->mode[1] == 'b');
  g_assert_cmpint (!!TIFFIsTiled (tif), ==, rc->tiled);
  if (rc->tiled)
    g_assert_cmpuint (TIFFNumberOfTiles (tif), ==, 3 * 2);
  else
    g_assert_cmpuint (TIFFNumberOfStrips (tif), ==, (HEIGHT + ROWS_PER_STRIP - 1) / ROWS_PER_STRIP);
  g_assert_true (TIFFGetField (tif, TIFFTAG_COMPRESSION, &compression));
  g_assert_cmpuint (compression, ==, rc->compression);
  g_assert_cmpint (!!TIFFGetField (tif, TIFFTAG_PHOTOMETRIC, &photometric), ==, rc->photometric);
  TIFFClose (tif);

  image = lda_tiff_read (path, 0, &error);
  g_assert_no_error (error);
  assert_image_equals_raw (image, WIDTH, HEIGHT, rc->bits, raw);

  g_assert_true (lda_tiff_count_pages (path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
}

static void
test_read_multipage (Fixture       *f,
                     gconstpointer  data)
{
  const PageSpec specs[3] = {
    { 20, 10, 8, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK, COMPRESSION_NONE, 3, 0 },
    { WIDTH, HEIGHT, 16, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK, COMPRESSION_LZW, 0, TILE_SIZE },
    { WIDTH, HEIGHT, 16, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK, COMPRESSION_ADOBE_DEFLATE, 4, 0 },
  };
  guint8 *raw[3];
  g_autofree char *path = g_build_filename (f->dir, "stack.tif", NULL);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;
  TIFF *tif;

  tif = TIFFOpen (path, "w");
  g_assert_nonnull (tif);
  for (guint p = 0; p < 3; p++)
    {
      raw[p] = make_gray (specs[p].width, specs[p].height, specs[p].bits, p);
      write_page (tif, &specs[p], raw[p]);
    }
  TIFFClose (tif);

  g_assert_true (lda_tiff_count_pages (path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 3);

  /* Out of order, to make the reader seek back. */
  for (guint k = 0; k < 3; k++)
    {
      guint p = (k + 2) % 3;
      g_autoptr(LdaImage) image = lda_tiff_read (path, p, &error);

      g_assert_no_error (error);
      assert_image_equals_raw (image, specs[p].width, specs[p].height, specs[p].bits, raw[p]);
    }

  for (guint k = 0; k < 2; k++)
    {
      guint page = k == 0 ? 3 : G_MAXUINT;
      g_autofree char *words = g_strdup_printf ("page %u", page);
      g_autoptr(LdaImage) none = lda_tiff_read (path, page, &error);

      g_assert_null (none);
      g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
      assert_message_names (error, path);
      g_assert_true (problem_mentions (error, path, words));
      g_clear_error (&error);
    }

  for (guint p = 0; p < 3; p++)
    g_free (raw[p]);
}

/* --- reading refused kinds --------------------------------------------- */

/* A well-formed TIFF of a kind the core does not take. */
typedef struct
{
  const char *name;
  guint16     bits;
  guint16     samples;
  guint16     format;
  gint        photometric;
  const char *words;      /* the message must say this */
} RefuseCase;

static const RefuseCase refuse_cases[] = {
  { "float32", 32, 1, SAMPLEFORMAT_IEEEFP, PHOTOMETRIC_MINISBLACK, "32-bit floating-point" },
  { "signed16", 16, 1, SAMPLEFORMAT_INT, PHOTOMETRIC_MINISBLACK, "signed 16-bit" },
  { "rgb8", 8, 3, SAMPLEFORMAT_UINT, PHOTOMETRIC_RGB, "3 samples per pixel" },
  { "palette", 8, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_PALETTE, "palette" },
  { "bilevel", 1, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK, "1-bit" },
  { "miniswhite", 8, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISWHITE, "inverted" },
  { "12bit", 12, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK, "12-bit" },
};

static void
test_refuse_kind (Fixture       *f,
                  gconstpointer  data)
{
  const RefuseCase *rc = data;
  PageSpec spec = { WIDTH, HEIGHT, rc->bits, rc->samples, rc->format, rc->photometric,
                    COMPRESSION_NONE, ROWS_PER_STRIP, 0 };
  g_autofree guint8 *raw = g_malloc0 (row_bytes (&spec) * HEIGHT);
  g_autofree char *name = g_strconcat (rc->name, ".tif", NULL);
  g_autofree char *path = write_fixture (f, name, "w", &spec, raw);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  assert_read_fails (path, LDA_ERROR_UNSUPPORTED, rc->words);

  /* It is still a well-formed TIFF. */
  g_assert_true (lda_tiff_count_pages (path, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
}

static void
test_refuse_truncated (Fixture       *f,
                       gconstpointer  data)
{
  const PageSpec spec = { WIDTH, HEIGHT, 16, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK,
                          COMPRESSION_ADOBE_DEFLATE, ROWS_PER_STRIP, 0 };
  g_autofree guint8 *raw = make_gray (WIDTH, HEIGHT, 16, 0);
  g_autofree char *path = write_fixture (f, "truncated.tif", "w", &spec, raw);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint n_pages = 7;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);

  assert_read_fails (path, LDA_ERROR_CORRUPT, NULL);

  g_assert_false (lda_tiff_count_pages (path, &n_pages, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  assert_message_names (error, path);
  g_assert_cmpuint (n_pages, ==, 0);
}

/* A strip that libtiff cannot decode must fail and be named. */
static void
test_refuse_bad_strip (Fixture       *f,
                       gconstpointer  data)
{
  const PageSpec spec = { WIDTH, HEIGHT, 8, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK,
                          COMPRESSION_ADOBE_DEFLATE, ROWS_PER_STRIP, 0 };
  g_autofree guint8 *raw = make_gray (WIDTH, HEIGHT, 8, 0);
  g_autofree char *path = write_fixture (f, "badstrip.tif", "w", &spec, raw);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint64 *offsets = NULL;
  guint64 offset;
  TIFF *tif;

  tif = TIFFOpen (path, "r");
  g_assert_nonnull (tif);
  g_assert_true (TIFFGetField (tif, TIFFTAG_STRIPOFFSETS, &offsets));
  offset = offsets[2];
  TIFFClose (tif);

  /* Spoil the zlib header of strip 2. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset + 2, <=, length);
  contents[offset] = (char) 0xff;
  contents[offset + 1] = (char) 0xff;
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  assert_read_fails (path, LDA_ERROR_CORRUPT, "strip 2");
}

/* Files that are not TIFFs at all: just the 8-byte header, random bytes
 * named .tif, nothing. */
static void
test_refuse_not_tiff (Fixture       *f,
                      gconstpointer  data)
{
  static const guint8 header[8] = { 'I', 'I', 42, 0, 8, 0, 0, 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  guint8 bytes[4096];
  g_autofree char *header_only = write_bytes (f, "header.tif", header, sizeof header);
  g_autofree char *random = NULL;
  g_autofree char *empty = write_bytes (f, "empty.tif", (const guint8 *) "", 0);

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int (rand);
  g_assert_false (bytes[0] == bytes[1] && (bytes[0] == 'I' || bytes[0] == 'M'));
  random = write_bytes (f, "random.tif", bytes, sizeof bytes);

  assert_read_fails (header_only, LDA_ERROR_CORRUPT, NULL);
  assert_read_fails (random, LDA_ERROR_CORRUPT, NULL);
  assert_read_fails (empty, LDA_ERROR_CORRUPT, "empty");
}

static void
test_refuse_missing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nothing-here.tif", NULL);
  g_autofree char *deeper = g_build_filename (f->dir, "no-folder", "x.tif", NULL);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  assert_read_fails (path, LDA_ERROR_NOT_FOUND, NULL);
  assert_read_fails (deeper, LDA_ERROR_NOT_FOUND, NULL);

  g_assert_false (lda_tiff_count_pages (path, &n_pages, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  assert_message_names (error, path);
}

static void
test_refuse_directory (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "folder.tif", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_read_fails (path, LDA_ERROR_READ, "folder");
}

static void
test_refuse_unreadable (Fixture       *f,
                        gconstpointer  data)
{
  const PageSpec spec = { WIDTH, HEIGHT, 8, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK,
                          COMPRESSION_NONE, ROWS_PER_STRIP, 0 };
  g_autofree guint8 *raw = make_gray (WIDTH, HEIGHT, 8, 0);
  g_autofree char *path = write_fixture (f, "secret.tif", "w", &spec, raw);

  if (geteuid () == 0)
    {
      g_test_skip ("root can read files without read permission");
      return;
    }

  g_assert_cmpint (g_chmod (path, 0000), ==, 0);
  assert_read_fails (path, LDA_ERROR_READ, g_strerror (EACCES));
}

/* Error text is captured per call, so threads reading good and damaged
 * files at once each get their own file's result. */
typedef struct
{
  const char   *good;
  const char   *bad;
  const guint8 *raw;
} ThreadData;

static gpointer
read_in_thread (gpointer user_data)
{
  const ThreadData *td = user_data;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaImage) good = lda_tiff_read (td->good, 0, &error);
      g_autoptr(LdaImage) bad = NULL;

      g_assert_no_error (error);
      assert_image_equals_raw (good, WIDTH, HEIGHT, 16, td->raw);

      bad = lda_tiff_read (td->bad, 0, &error);
      g_assert_null (bad);
      g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
      assert_message_names (error, td->bad);
    }

  return NULL;
}

static void
test_read_threads (Fixture       *f,
                   gconstpointer  data)
{
  const PageSpec spec = { WIDTH, HEIGHT, 16, 1, SAMPLEFORMAT_UINT, PHOTOMETRIC_MINISBLACK,
                          COMPRESSION_LZW, ROWS_PER_STRIP, 0 };
  static const guint8 header[8] = { 'M', 'M', 0, 42, 0, 0, 0, 8 };
  g_autofree guint8 *raw = make_gray (WIDTH, HEIGHT, 16, 0);
  g_autofree char *good = write_fixture (f, "good.tif", "wb", &spec, raw);
  char *bad[4];
  ThreadData td[4];
  GThread *threads[4];

  for (guint t = 0; t < 4; t++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.tif", t);

      bad[t] = write_bytes (f, name, header, sizeof header);
      td[t] = (ThreadData) { good, bad[t], raw };
      threads[t] = g_thread_new ("reader", read_in_thread, &td[t]);
    }

  for (guint t = 0; t < 4; t++)
    {
      g_thread_join (threads[t]);
      g_free (bad[t]);
    }
}

static const struct
{
  guint16     id;
  const char *name;
} compressions[] = {
  { COMPRESSION_NONE, "none" },
  { COMPRESSION_LZW, "lzw" },
  { COMPRESSION_ADOBE_DEFLATE, "deflate" },
  { COMPRESSION_PACKBITS, "packbits" },
};

#define N_READ_CASES (2 * G_N_ELEMENTS (compressions) * 2 * 2 + 2)

static ReadCase read_cases[N_READ_CASES];

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  static const guint16 depths[] = { 8, 16 };
  guint n = 0;

  g_test_init (&argc, &argv, NULL);

  for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
    for (guint c = 0; c < G_N_ELEMENTS (compressions); c++)
      for (guint tiled = 0; tiled < 2; tiled++)
        for (guint big = 0; big < 2; big++)
          {
            g_autofree char *name = NULL;
            ReadCase *rc = &read_cases[n++];

            rc->bits = depths[d];
            rc->compression = compressions[c].id;
            rc->tiled = tiled;
            rc->mode = big ? "wb" : "wl";
            rc->photometric = TRUE;
            name = g_strdup_printf ("/tiff/read/u%u/%s/%s/%s", rc->bits,
                                    compressions[c].name,
                                    tiled ? "tiled" : "strips",
                                    big ? "big-endian" : "little-endian");
            g_test_add (name, Fixture, rc, fixture_setup, test_read_roundtrip, fixture_teardown);
          }

  for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
    {
      g_autofree char *name = NULL;
      ReadCase *rc = &read_cases[n++];

      rc->bits = depths[d];
      rc->compression = COMPRESSION_LZW;
      rc->tiled = FALSE;
      rc->mode = "w";
      rc->photometric = FALSE;
      name = g_strdup_printf ("/tiff/read/u%u/no-photometric-tag", rc->bits);
      g_test_add (name, Fixture, rc, fixture_setup, test_read_roundtrip, fixture_teardown);
    }
  g_assert_cmpuint (n, ==, N_READ_CASES);

  ADD ("/tiff/read/multipage", test_read_multipage);
  ADD ("/tiff/read/threads", test_read_threads);

  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    {
      g_autofree char *name = g_strconcat ("/tiff/refuse/", refuse_cases[i].name, NULL);

      g_test_add (name, Fixture, &refuse_cases[i], fixture_setup, test_refuse_kind,
                  fixture_teardown);
    }
  ADD ("/tiff/refuse/truncated", test_refuse_truncated);
  ADD ("/tiff/refuse/bad-strip", test_refuse_bad_strip);
  ADD ("/tiff/refuse/not-tiff", test_refuse_not_tiff);
  ADD ("/tiff/refuse/missing", test_refuse_missing);
  ADD ("/tiff/refuse/directory", test_refuse_directory);
  ADD ("/tiff/refuse/unreadable", test_refuse_unreadable);

  return g_test_run ();
}
