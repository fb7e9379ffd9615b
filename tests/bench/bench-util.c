/* bench-util.c — what the window benchmarks share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bench-util.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "lda-tiff.h"

#define SAMPLE "nov22-402-tile2-0_t41"

/**
 * bench_make_tiled_sample:
 * @sample_dir: the folder of the bundled sample
 * @prefix: start of the temporary folder's name
 * @tiles: how many copies of the sample across and down
 * @paths: (out) (array fixed-size=3): the three images written, to free
 *
 * Writes the sample tiled @tiles × @tiles (2048 × 2048 for 4) into a new
 * temporary folder: a dense field, the hardest case for the watershed.
 *
 * Returns: (transfer full): the folder
 */
char *
bench_make_tiled_sample (const char *sample_dir,
                         const char *prefix,
                         guint       tiles,
                         char      **paths)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf (SAMPLE "_%s.tif", channels[c]);
      g_autofree char *source = g_build_filename (sample_dir, name, NULL);
      g_autoptr(LdaImage) tile = lda_tiff_read (source, 0, &error);
      g_autoptr(LdaImage) big = NULL;
      guint w, h;

      g_assert_no_error (error);
      w = tile->width;
      h = tile->height;
      big = lda_image_new (LDA_PIXEL_U16, w * tiles, h * tiles, &error);
      g_assert_no_error (error);
      for (guint y = 0; y < h * tiles; y++)
        for (guint x = 0; x < w * tiles; x++)
          lda_image_u16 (big)[(gsize) y * w * tiles + x] = lda_image_u16 (tile)[(y % h) * w + x % w];

      paths[c] = g_strdup_printf ("%s/big_%s.tif", dir, channels[c]);
      g_assert_true (lda_tiff_write (paths[c], big, &error));
    }

  return dir;
}

/**
 * bench_remove_tree:
 * @path: a folder of bench_make_tiled_sample()
 *
 * Removes it: the images and the project the window saved beside them.
 */
void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        bench_remove_tree (child);
      else if (g_unlink (child) != 0)
        fprintf (stderr, "could not remove %s\n", child);
    }
  if (g_rmdir (path) != 0)
    fprintf (stderr, "could not remove %s\n", path);
}
