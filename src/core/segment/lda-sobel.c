/* lda-sobel.c — Sobel gradient magnitude (pipeline.md §2)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* Wider vectors are chosen at run time where the processor has them. */
#if defined(__x86_64__) && defined(__GNUC__)
#define LDA_SOBEL_WIDE 1
#include <immintrin.h>
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

/* The scalar tail of a row, from column @x on. */
static void
magnitude_tail (const gint32 *smooth,
                const gint32 *diff,
                guint16      *dst,
                guint         x,
                guint         w)
{
  for (; x < w; x++)
    {
      gint32 gx = smooth[x + 2] - smooth[x];
      gint32 gy = diff[x] + 2 * diff[x + 1] + diff[x + 2];

      dst[x] = magnitude (gx, gy);
    }
}

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
  magnitude_tail (smooth, diff, dst, x, w);
}

#ifdef LDA_SOBEL_WIDE
/* gx and gy of eight pixels from column @x on, as 32-bit lanes. */
__attribute__ ((target ("avx2")))
static inline void
gradients8 (const gint32 *smooth,
            const gint32 *diff,
            guint         x,
            __m256i      *gx,
            __m256i      *gy)
{
  __m256i d1 = _mm256_loadu_si256 ((const __m256i *) (diff + x + 1));

  *gx = _mm256_sub_epi32 (_mm256_loadu_si256 ((const __m256i *) (smooth + x + 2)),
                          _mm256_loadu_si256 ((const __m256i *) (smooth + x)));
  *gy = _mm256_add_epi32 (_mm256_add_epi32 (_mm256_loadu_si256 ((const __m256i *) (diff + x)),
                                            _mm256_add_epi32 (d1, d1)),
                          _mm256_loadu_si256 ((const __m256i *) (diff + x + 2)));
}

/* Four magnitudes from four gx and gy, in doubles as magnitude(). */
__attribute__ ((target ("avx2")))
static inline __m128i
magnitudes4_avx2 (__m128i gx,
                  __m128i gy)
{
  __m256d x = _mm256_cvtepi32_pd (gx), y = _mm256_cvtepi32_pd (gy);
  __m256d n = _mm256_add_pd (_mm256_mul_pd (x, x), _mm256_mul_pd (y, y));

  return _mm256_cvttpd_epi32 (_mm256_min_pd (_mm256_sqrt_pd (n), _mm256_set1_pd (65535.0)));
}

/* As magnitude_row(), four square roots an instruction. */
__attribute__ ((target ("avx2")))
static void
magnitude_row_avx2 (const gint32 *smooth,
                    const gint32 *diff,
                    guint16      *dst,
                    guint         w)
{
  guint x = 0;

  for (; x + 8 <= w; x += 8)
    {
      __m256i gx, gy;
      __m128i lo, hi;

      gradients8 (smooth, diff, x, &gx, &gy);
      lo = magnitudes4_avx2 (_mm256_castsi256_si128 (gx), _mm256_castsi256_si128 (gy));
      hi = magnitudes4_avx2 (_mm256_extracti128_si256 (gx, 1), _mm256_extracti128_si256 (gy, 1));
      _mm_storeu_si128 ((__m128i *) (dst + x), _mm_packus_epi32 (lo, hi));
    }
  magnitude_tail (smooth, diff, dst, x, w);
}

/* As magnitude_row(), eight square roots an instruction. */
__attribute__ ((target ("avx2,avx512f")))
static void
magnitude_row_avx512 (const gint32 *smooth,
                      const gint32 *diff,
                      guint16      *dst,
                      guint         w)
{
  guint x = 0;

  for (; x + 8 <= w; x += 8)
    {
      __m256i gx, gy;
      __m512d fx, fy, n;
      __m256i m;

      gradients8 (smooth, diff, x, &gx, &gy);
      fx = _mm512_cvtepi32_pd (gx);
      fy = _mm512_cvtepi32_pd (gy);
      n = _mm512_add_pd (_mm512_mul_pd (fx, fx), _mm512_mul_pd (fy, fy));
      m = _mm512_cvttpd_epi32 (_mm512_min_pd (_mm512_sqrt_pd (n), _mm512_set1_pd (65535.0)));
      _mm_storeu_si128 ((__m128i *) (dst + x),
                        _mm_packus_epi32 (_mm256_castsi256_si128 (m),
                                          _mm256_extracti128_si256 (m, 1)));
    }
  magnitude_tail (smooth, diff, dst, x, w);
}
#endif

typedef void (*MagnitudeRow) (const gint32 *, const gint32 *, guint16 *, guint);

static LdaSobelVectors vectors_limit = LDA_SOBEL_VECTORS_WIDEST;

static LdaSobelVectors
vectors_for (LdaSobelVectors limit)
{
#ifdef LDA_SOBEL_WIDE
  if (limit >= LDA_SOBEL_VECTORS_AVX512 && __builtin_cpu_supports ("avx512f") &&
      __builtin_cpu_supports ("avx2"))
    return LDA_SOBEL_VECTORS_AVX512;
  if (limit >= LDA_SOBEL_VECTORS_AVX2 && __builtin_cpu_supports ("avx2"))
    return LDA_SOBEL_VECTORS_AVX2;
#endif
  return LDA_SOBEL_VECTORS_SSE2;
}

/**
 * lda_sobel_set_vectors:
 * @limit: the widest vectors lda_sobel() may use
 *
 * For the tests, which check every path the processor has: the results
 * are the same on all of them.
 *
 * Returns: the vectors lda_sobel() will now use
 */
LdaSobelVectors
lda_sobel_set_vectors (LdaSobelVectors limit)
{
  vectors_limit = limit;
  return vectors_for (limit);
}

static MagnitudeRow
magnitude_row_for_cpu (void)
{
  switch (vectors_for (vectors_limit))
    {
#ifdef LDA_SOBEL_WIDE
    case LDA_SOBEL_VECTORS_AVX512:
      return magnitude_row_avx512;
    case LDA_SOBEL_VECTORS_AVX2:
      return magnitude_row_avx2;
#endif
    default:
      return magnitude_row;
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
  const MagnitudeRow row = magnitude_row_for_cpu ();

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

      row (smooth, diff, dst, w);
    }

  return g_steal_pointer (&out);
}
