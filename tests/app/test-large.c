/* test-large.c — a frame too large for memory is refused, not a crash
 *
 * The window holds about forty bytes a pixel (the pipeline, the panes'
 * pixels and mipmaps, the label tiles on screen): a 16 000 × 16 000
 * triple needs some 11 GB.  Opening one must give a message that says
 * so, before a pixel is read, and leave the window as it was — never an
 * abort that takes the person's other work with it.  A data limit of
 * 8 GiB (enough for the segmentation alone, 5 GB) makes the outcome the
 * same on every machine.  And a frame that fits must open: a 4096 × 4096
 * triple under a limit of 64 bytes a pixel above what the window already
 * uses (the old estimate of 120 bytes a pixel refused it).
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
/* A side² 16-bit image of zeros, deflate-compressed: at SIDE, 512 MB of
 * pixels in half a megabyte. */
static void
write_zeros (const char *path,
             guint       side)
{
  TIFF *tif = TIFFOpen (path, "w");
  g_autofree guint16 *row = g_new0 (guint16, side);

  g_assert_nonnull (tif);
  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, side);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, side);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 16);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField (tif, TIFFTAG_ZIPQUALITY, 1);
  TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 256);
  for (guint y = 0; y < side; y++)
    g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
  TIFFClose (tif);
}

/* This process's data segment now, in bytes, from /proc/self/status. */
static guint64
data_in_use (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmData:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmData:"), NULL, 10) * 1024;
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

      write_zeros (path, SIDE);
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

static void
test_fitting_frame_opens (void)
{
#ifdef LDA_TEST_SANITIZED
  g_test_skip ("a sanitizer reserves more memory than the data limit allows");
#else
  static const char *const channels[] = { "bf", "hoechst", "draq7" };
  const guint side = 4096;
  struct rlimit limit;
  g_autofree char *dir = g_dir_make_tmp ("lda-fits-XXXXXX", NULL);
  GFile *files[3];
  LdaWindow *window;
  LdaPipelineRunner *runner;
  LdaRunResult *result;
  gint64 deadline;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/fits_%s.tif", dir, channels[c]);

      write_zeros (path, side);
      files[c] = g_file_new_for_path (path);
    }

  window = lda_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* Room for 64 bytes a pixel more than the window uses now. */
  g_assert_cmpint (getrlimit (RLIMIT_DATA, &limit), ==, 0);
  limit.rlim_cur = data_in_use () + (guint64) side * side * 64;
  g_assert_cmpint (setrlimit (RLIMIT_DATA, &limit), ==, 0);

  g_assert_true (lda_window_open (window, files, 3, FALSE));
  runner = lda_window_get_runner (window);
  deadline = lda_test_deadline (120);
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    {
      g_assert_null (lda_window_get_message (window));
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  result = lda_pipeline_runner_get_result (runner);
  g_assert_cmpuint (result->width, ==, side);
  g_assert_cmpuint (result->height, ==, side);
  g_assert_null (lda_window_get_message (window));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_DATA, &limit), ==, 0);
  for (guint c = 0; c < 3; c++)
    g_object_unref (files[c]);
  lda_test_remove_tree (dir);
#endif
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/large/huge-frame-refused", test_huge_frame_refused);
  g_test_add_func ("/large/fitting-frame-opens", test_fitting_frame_opens);
  return g_test_run ();
}
