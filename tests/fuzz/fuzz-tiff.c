/* fuzz-tiff.c — the TIFF loader on any bytes
 *
 * The input is written to a file in memory and read the way the
 * application and the command read images: count the pages, read each
 * (at most four), and, as a triple needs, check the result.  Anything
 * but an image or a GError with a message is a finding.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <stdlib.h>

#include "lda-tiff.h"

static char *dir;
static char *path;

static void
clean_up (void)
{
  fuzz_remove_tree (dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  if (dir == NULL)
    {
      dir = fuzz_make_dir ("lda-fuzz-tiff");
      path = g_build_filename (dir, "input.tif", NULL);
      atexit (clean_up);
    }

  fuzz_write_file (path, data, size);

  if (!lda_tiff_count_pages (path, &n_pages, &error))
    {
      g_assert_nonnull (error);
      fuzz_check_error (error);
      return 0;
    }

  for (guint page = 0; page < MIN (n_pages, 4u) + 1; page++)
    {
      g_autoptr(GError) page_error = NULL;
      g_autoptr(LdaImage) image = lda_tiff_read (path, page, &page_error);

      if (image == NULL)
        {
          g_assert_nonnull (page_error);
          fuzz_check_error (page_error);
          continue;
        }
      /* A page past the end is never an image. */
      g_assert_cmpuint (page, <, n_pages);
      g_assert_true (lda_check_size (image->width, image->height, NULL));
      /* Every pixel is within the depth the file declared. */
      for (gsize i = 0; i < lda_image_n_pixels (image); i++)
        g_assert_cmpuint (lda_image_get (image, i % image->width, i / image->width),
                          <=, lda_image_saturation (image));
    }

  return 0;
}
