/* lda-sobel.c — Sobel gradient magnitude (pipeline.md §2)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Four of gx (from @smooth) or gy (from @diff) as doubles, two and two. */
#ifdef __SSE2__
static inline __m128d
squares (__m128i v,
         __m128d *high)
{
  __m128d lo = _mm_cvtepi32_pd (v);
  __m128d hi = _mm_cvtepi32_pd (_mm_shuffle_epi32 (v, 0xee));

  *high = _mm_mul_pd (hi, hi);
  return _mm_mul_pd (lo, lo);
}

/* Four magnitudes, the same as magnitude()'s: the sums of squares are
 * exact in doubles, and so is the truncated square root. */
static inline __m128i
magnitudes4 (const gint32 *smooth,
             const gint32 *diff,
             guint         x)
{
  __m128i gx = _mm_sub_epi32 (_mm_loadu_si128 ((const __m128i *) (smooth + x + 2)),
                              _mm_loadu_si128 ((const __m128i *) (smooth + x)));
  __m128i d1 = _mm_loadu_si128 ((const __m128i *) (diff + x + 1));
  __m128i gy = _mm_add_epi32 (_mm_add_epi32 (_mm_loadu_si128 ((const __m128i *) (diff + x)),
                                             _mm_add_epi32 (d1, d1)),
                              _mm_loadu_si128 ((const __m128i *) (diff + x + 2)));
  const __m128d top = _mm_set1_pd (65535.0);
  __m128d x_hi, y_hi;
  __m128d x_lo = squares (gx, &x_hi);
  __m128d y_lo = squares (gy, &y_hi);
  __m128i lo = _mm_cvttpd_epi32 (_mm_min_pd (_mm_sqrt_pd (_mm_add_pd (x_lo, y_lo)), top));
  __m128i hi = _mm_cvttpd_epi32 (_mm_min_pd (_mm_sqrt_pd (_mm_add_pd (x_hi, y_hi)), top));

  return _mm_unpacklo_epi64 (lo, hi);
}
#endif

/* One row of magnitudes from its smoothed columns and vertical
 * differences, each with a guard cell on either side; eight pixels at a
 * time where the processor has SSE2. */
static void
magnitude_row (const gint32 *smooth,
               const gint32 *diff,
               guint16      *dst,
               guint         w)
{
  guint x = 0;

#ifdef __SSE2__
  /* 0 … 65535 shifted by 32768 packs into signed 16 bits exactly. */
  const __m128i half = _mm_set1_epi32 (32768);
  const __m128i back = _mm_set1_epi16 ((short) 0x8000);

  for (; x + 8 <= w; x += 8)
    {
      __m128i a = _mm_sub_epi32 (magnitudes4 (smooth, diff, x), half);
      __m128i b = _mm_sub_epi32 (magnitudes4 (smooth, diff, x + 4), half);

      _mm_storeu_si128 ((__m128i *) (dst + x), _mm_xor_si128 (_mm_packs_epi32 (a, b), back));
    }
#endif
  for (; x < w; x++)
    {
      gint32 gx = smooth[x + 2] - smooth[x];
      gint32 gy = diff[x] + 2 * diff[x + 1] + diff[x + 2];

      dst[x] = magnitude (gx, gy);
    }
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

      magnitude_row (smooth, diff, dst, w);
    }

  return g_steal_pointer (&out);
}
