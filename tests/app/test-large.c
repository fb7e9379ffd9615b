/* test-large.c — a frame too large for memory is refused, not a crash
 *
 * The window holds about a hundred bytes a pixel (the pipeline, four
 * panes, the overlay, the textures): a 16 000 × 16 000 triple needs some
 * 30 GB.  Opening one must give a message that says so, before a pixel
 * is read, and leave the window as it was — never an abort that takes
 * the person's other work with it.  A data limit of 8 GiB (enough for
 * the segmentation alone, 5 GB) makes the outcome the same on every
 * machine.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <tiffio.h>

#include "app-test-util.h"
#include "lda-window.h"

#define SIDE 16000

#ifndef LDA_TEST_SANITIZED
/* A SIDE² 16-bit image of zeros, deflate-compressed: 512 MB of pixels in
 * half a megabyte. */
static void
write_huge (const char *path)
{
  TIFF *tif = TIFFOpen (path, "w");
  g_autofree guint16 *row = g_new0 (guint16, SIDE);

  g_assert_nonnull (tif);
  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, SIDE);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, SIDE);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 16);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField (tif, TIFFTAG_ZIPQUALITY, 1);
  TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 256);
  for (guint y = 0; y < SIDE; y++)
    g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
  TIFFClose (tif);
}

#endif

static void
test_huge_frame_refused (void)
{
#ifdef LDA_TEST_SANITIZED
  g_test_skip ("a sanitizer reserves more memory than the data limit allows");
#else
  static const char *const channels[] = { "bf", "hoechst", "draq7" };
  struct rlimit limit;
  g_autofree char *dir = g_dir_make_tmp ("lda-large-XXXXXX", NULL);
  g_autofree char *sample = lda_test_copy_sample ("lda-large-sample");
  GFile *files[3];
  LdaWindow *window;
  LdaPipelineRunner *runner;
  LdaRunResult *before;
  const char *message;
  gint64 deadline;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_cmpint (getrlimit (RLIMIT_DATA, &limit), ==, 0);
  limit.rlim_cur = G_GUINT64_CONSTANT (8) << 30;
  g_assert_cmpint (setrlimit (RLIMIT_DATA, &limit), ==, 0);

  /* First the sample, which fits: what is open must stay open. */
  window = lda_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", sample, channels[c]);

      files[c] = g_file_new_for_path (path);
    }
  g_assert_true (lda_window_open (window, files, 3, FALSE));
  runner = lda_window_get_runner (window);
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);
  before = lda_pipeline_runner_get_result (runner);
  for (guint c = 0; c < 3; c++)
    g_object_unref (files[c]);

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/huge_%s.tif", dir, channels[c]);

      write_huge (path);
      files[c] = g_file_new_for_path (path);
    }
  lda_window_open (window, files, 3, FALSE);
  deadline = lda_test_deadline (60);
  while (lda_pipeline_runner_is_busy (runner) || lda_window_get_message (window) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }

  message = lda_window_get_message (window);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "huge_bf.tif"));
  g_assert_nonnull (strstr (message, "16000 × 16000"));
  g_assert_nonnull (strstr (message, "memory"));
  /* Nothing of the huge frame was shown. */
  g_assert_true (lda_pipeline_runner_get_result (runner) == before);
  g_assert_cmpuint (before->width, ==, 512);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_file_get_path (files[c]);

      g_unlink (path);
      g_object_unref (files[c]);
    }
  g_rmdir (dir);
  lda_test_remove_tree (sample);
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/large/huge-frame-refused", test_huge_frame_refused);
  return g_test_run ();
}
