/* test-tiff-write.c — tests for lda_tiff_write(): what is written reads
 * back exactly, replacing is atomic, and every failure names the file
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
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

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

/* --- writing ----------------------------------------------------------- */

static void
check_written (const char   *path,
               LdaPixelType  type)
{
  guint16 compression = 0;
  guint16 bits = 0;
  guint16 samples = 0;
  guint16 photometric = 0;
  guint16 predictor = 0;
  TIFF *tif = TIFFOpen (path, "r");

  g_assert_nonnull (tif);
  g_assert_true (TIFFGetField (tif, TIFFTAG_COMPRESSION, &compression));
  g_assert_cmpuint (compression, ==, COMPRESSION_ADOBE_DEFLATE);
  g_assert_true (TIFFGetField (tif, TIFFTAG_BITSPERSAMPLE, &bits));
  g_assert_cmpuint (bits, ==, type);
  g_assert_true (TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLESPERPIXEL, &samples));
  g_assert_cmpuint (samples, ==, 1);
  g_assert_true (TIFFGetField (tif, TIFFTAG_PHOTOMETRIC, &photometric));
  g_assert_cmpuint (photometric, ==, PHOTOMETRIC_MINISBLACK);
  /* No predictor, which ImageJ 1.53t reads as noise in 16 bits. */
  predictor = PREDICTOR_NONE;
  TIFFGetField (tif, TIFFTAG_PREDICTOR, &predictor);
  g_assert_cmpuint (predictor, ==, PREDICTOR_NONE);
  g_assert_false (TIFFIsTiled (tif));
  g_assert_cmpuint (TIFFNumberOfStrips (tif), >, 1);
  g_assert_cmpuint (TIFFNumberOfDirectories (tif), ==, 1);
  TIFFClose (tif);
}

static void
write_and_read_back (Fixture      *f,
                     LdaPixelType  type)
{
  g_autoptr(LdaImage) image = make_image (type, 301, 203);
  g_autoptr(LdaImage) back = NULL;
  g_autofree char *path = g_build_filename (f->dir, "labels.tif", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t mask;

  g_assert_true (lda_tiff_write (path, image, &error));
  g_assert_no_error (error);
  check_written (path, type);
  assert_no_hidden_files (f->dir);

  /* A new file gets the usual permissions, not mkstemp's 0600. */
  mask = umask (0);
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0666 & ~mask);

  back = lda_tiff_read (path, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->source_bits, ==, type);
  g_assert_true (images_equal (image, back));
}

static void
test_write_roundtrip (Fixture       *f,
                      gconstpointer  data)
{
  write_and_read_back (f, GPOINTER_TO_INT (data));
}

static void
test_write_replaces (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LdaImage) first = make_image (LDA_PIXEL_U16, 40, 30);
  g_autoptr(LdaImage) second = make_image (LDA_PIXEL_U8, 17, 9);
  g_autoptr(LdaImage) back = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.tif", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_tiff_write (path, first, &error));
  g_assert_no_error (error);
  g_assert_true (lda_tiff_write (path, second, &error));
  g_assert_no_error (error);
  assert_no_hidden_files (f->dir);

  back = lda_tiff_read (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->source_bits, ==, 8);
  g_assert_true (images_equal (second, back));
}

static void
assert_write_fails (const char     *path,
                    const LdaImage *image,
                    const char     *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lda_tiff_write (path, image, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  assert_message_names (error, path);
  if (reason != NULL && !problem_mentions (error, path, reason))
    g_error ("message \"%s\" does not give the reason \"%s\"", error->message, reason);
  g_test_message ("%s", error->message);
}

/* A folder that does not exist, and a "folder" that is a file. */
static void
test_write_bad_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LdaImage) image = make_image (LDA_PIXEL_U8, 10, 10);
  g_autofree char *folder = g_build_filename (f->dir, "not-there", NULL);
  g_autofree char *missing = g_build_filename (folder, "out.tif", NULL);
  g_autofree char *file = write_bytes (f, "plain", (const guint8 *) "x", 1);
  g_autofree char *under_file = g_build_filename (file, "out.tif", NULL);

  assert_write_fails (missing, image, g_strerror (ENOENT));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  assert_write_fails (under_file, image, g_strerror (ENOTDIR));
  assert_no_hidden_files (f->dir);
}

/* The rename is the last step: its failure must still clean up. */
static void
test_write_target_is_folder (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LdaImage) image = make_image (LDA_PIXEL_U16, 64, 64);
  g_autofree char *path = g_build_filename (f->dir, "taken.tif", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_write_fails (path, image, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  assert_no_hidden_files (f->dir);
}

static void
test_write_unwritable_folder (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LdaImage) old = make_image (LDA_PIXEL_U8, 12, 12);
  g_autoptr(LdaImage) image = make_image (LDA_PIXEL_U16, 30, 30);
  g_autofree char *folder = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (folder, "labels.tif", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0;
  gsize after_len = 0;
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write into read-only folders");
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (lda_tiff_write (path, old, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &before, &before_len, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);
  assert_write_fails (path, image, g_strerror (EACCES));
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);

  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);
  assert_no_hidden_files (folder);
}

/* A name as long as a folder takes (250 bytes) is written and replaced:
 * the temporary file's name is cut to fit.  (A failure part-way leaves the
 * target as it was: tests/fault/test-fault-full.c.) */
static void
test_write_long_name (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LdaImage) image = make_image (LDA_PIXEL_U16, 30, 30);
  g_autoptr(LdaImage) back = NULL;
  g_autofree char *name = g_strnfill (246, 'k');
  g_autofree char *base = g_strconcat (name, ".tif", NULL);
  g_autofree char *path = g_build_filename (f->dir, base, NULL);
  g_autoptr(GError) error = NULL;
  FILE *file;

  file = fopen (path, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (fputs ("replace me", file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);

  g_assert_true (lda_tiff_write (path, image, &error));
  g_assert_no_error (error);
  back = lda_tiff_read (path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (images_equal (image, back));
  assert_no_hidden_files (f->dir);
}

/* ----------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tiff/write/u8", Fixture, GINT_TO_POINTER (LDA_PIXEL_U8),
              fixture_setup, test_write_roundtrip, fixture_teardown);
  g_test_add ("/tiff/write/u16", Fixture, GINT_TO_POINTER (LDA_PIXEL_U16),
              fixture_setup, test_write_roundtrip, fixture_teardown);
  ADD ("/tiff/write/replaces-existing", test_write_replaces);
  ADD ("/tiff/write/bad-folder", test_write_bad_folder);
  ADD ("/tiff/write/target-is-folder", test_write_target_is_folder);
  ADD ("/tiff/write/unwritable-folder", test_write_unwritable_folder);
  ADD ("/tiff/write/long-name", test_write_long_name);

  return g_test_run ();
}
