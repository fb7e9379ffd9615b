/* lda-sobel.c — Sobel gradient magnitude (pipeline.md §2)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lda-error.h"
#include "lda-sobel.h"

/* OpenCV's BORDER_REFLECT_101: … c b | a b c … ; a single row or column
 * reflects onto itself. */
static inline guint
reflect101 (gint64 i,
            guint  n)
{
  if (n == 1)
    return 0;
  if (i < 0)
    return (guint) -i;
  if (i >= n)
    return (guint) (2 * (gint64) n - 2 - i);
  return (guint) i;
}

/* Magnitude of one pixel.  gx² + gy² < 2^38 is exact in a double, and so is
 * its correctly rounded square root's truncation. */
static inline guint16
magnitude (gint32 gx,
           gint32 gy)
{
  double m = sqrt ((double) gx * gx + (double) gy * gy);

  return m >= 65535.0 ? 65535 : (guint16) m;
}

/**
 * lda_sobel:
 * @image: a #LDA_PIXEL_U16 image
 * @cancellable: (nullable): polled every 64 rows
 * @error: return location for an error
 *
 * The 3×3 Sobel derivatives in x and y with reflect-101 borders, and the
 * magnitude sqrt(gx² + gy²) truncated and saturated at 65 535.
 *
 * The derivative is separable: a vertical [1 2 1] smoothing and a vertical
 * [−1 0 1] difference of the three rows are made once per row, then
 * combined horizontally.
 *
 * Returns: (transfer full) (nullable): a #LDA_PIXEL_U16 image, or %NULL
 *   when cancelled or out of memory
 */
LdaImage *
lda_sobel (const LdaImage *image,
           GCancellable   *cancellable,
           GError        **error)
{
  const guint w = image->width;
  const guint h = image->height;
  const guint16 *src = lda_image_u16 (image);
  g_autoptr(LdaImage) out = NULL;
  g_autofree gint32 *smooth = NULL;
  g_autofree gint32 *diff = NULL;

  g_return_val_if_fail (image->type == LDA_PIXEL_U16, NULL);

  out = lda_image_new_uninitialized (LDA_PIXEL_U16, w, h, error);
  if (out == NULL)
    return NULL;

  /* One guard cell on each side holds the reflected column. */
  smooth = g_new (gint32, w + 2);
  diff = g_new (gint32, w + 2);

  for (guint y = 0; y < h; y++)
    {
      const guint16 *up = src + (gsize) reflect101 ((gint64) y - 1, h) * w;
      const guint16 *mid = src + (gsize) y * w;
      const guint16 *down = src + (gsize) reflect101 ((gint64) y + 1, h) * w;
      guint16 *dst = lda_image_u16 (out) + (gsize) y * w;

      if ((y & 63) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* smooth[x + 1] and diff[x + 1] belong to column x. */
      for (guint x = 0; x < w; x++)
        {
          smooth[x + 1] = (gint32) up[x] + 2 * (gint32) mid[x] + (gint32) down[x];
          diff[x + 1] = (gint32) down[x] - (gint32) up[x];
        }
      smooth[0] = smooth[reflect101 (-1, w) + 1];
      diff[0] = diff[reflect101 (-1, w) + 1];
      smooth[w + 1] = smooth[reflect101 (w, w) + 1];
      diff[w + 1] = diff[reflect101 (w, w) + 1];

      for (guint x = 0; x < w; x++)
        {
          gint32 gx = smooth[x + 2] - smooth[x];
          gint32 gy = diff[x] + 2 * diff[x + 1] + diff[x + 2];

          dst[x] = magnitude (gx, gy);
        }
    }

  return g_steal_pointer (&out);
}
