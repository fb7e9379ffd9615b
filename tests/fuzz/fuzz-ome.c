/* fuzz-ome.c — the OME-XML parser on any bytes
 *
 * The input is the XML of an OME-TIFF.  Each image it yields must have
 * sane sizes, a name for each channel, and say for every channel and
 * time point where the plane is, or fail with a message.  Anything else
 * is a finding.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <math.h>

#include "lda-ome.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = lda_ome_parse ((const char *) data, size, &error);

  if (images == NULL)
    {
      g_assert_nonnull (error);
      fuzz_check_error (error);
      return 0;
    }

  g_assert_cmpuint (images->len, >, 0);
  for (guint i = 0; i < images->len; i++)
    {
      const LdaOmeImage *image = g_ptr_array_index (images, i);

      g_assert_cmpuint (image->size_c, >=, 1);
      g_assert_cmpuint (image->size_z, >=, 1);
      g_assert_cmpuint (image->size_t, >=, 1);
      g_assert_cmpuint (g_strv_length (image->channel_names), ==, image->size_c);
      g_assert_true (isfinite (image->pixel_size_um) && image->pixel_size_um >= 0.0);
      g_assert_true (isfinite (image->time_increment_hours) &&
                     image->time_increment_hours >= 0.0);

      for (guint c = 0; c < image->size_c; c++)
        for (guint t = 0; t < MIN (image->size_t, 3u); t++)
          {
            g_autoptr(GError) locate_error = NULL;
            const char *file = NULL;
            guint ifd = 0;

            if (!lda_ome_image_locate (image, c, t, &file, &ifd, &locate_error))
              {
                g_assert_nonnull (locate_error);
                fuzz_check_error (locate_error);
              }
            else
              g_assert_cmpuint (ifd, <=, G_MAXINT);
          }
    }

  return 0;
}
