/* lda-offsets.c — the nearest of the columns around each pixel of a line,
 * by trying every offset
 *
 * The distance maps' row passes find, for each pixel of a line, the
 * smallest k² + g²(x + k) over the columns within reach, where g is a
 * column's distance to the nearest pixel it measures to.  Where the reach
 * is short this beats building the lower envelope of the parabolas: each
 * offset is tried for the whole line at once, eight pixels an instruction
 * and no branch.  The lines are short (a span between two nuclei, a few
 * dozen pixels), so the last, partial group of eight is done as a whole
 * one, its extra lanes left out of the test that stops the offsets, rather
 * than pixel by pixel.  On processors with AVX2, sixteen pixels an
 * instruction (chosen when called: the build asks for no more than the
 * x86-64 baseline, SSE2, so that it runs everywhere).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_AVX2 1
#endif

#include "lda-offsets.h"

#ifdef __SSE2__
static void
offsets_min_sse2 (const gint16 *g2,
                  guint         n,
                  guint         reach,
                  gint16       *best)
{
  static const gint16 lanes[16] = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0 };
  const guint groups = (n + 7) / 8;
  /* The last group's lanes that are pixels of the line. */
  const __m128i last = _mm_loadu_si128 ((const __m128i *) (lanes + 8 * groups - n));

  if (reach == 0)
    memcpy (best, g2, n * sizeof *best);
  for (guint k = 1; k <= reach; k++)
    {
      const __m128i kk = _mm_set1_epi16 ((gint16) (k * k));
      /* The first offset starts from the line itself. */
      const gint16 *before = k == 1 ? g2 : best;
      __m128i top = _mm_setzero_si128 ();

      for (guint i = 0; i < 8 * groups; i += 8)
        {
          const __m128i left = _mm_loadu_si128 ((const __m128i *) (g2 + i - k));
          const __m128i right = _mm_loadu_si128 ((const __m128i *) (g2 + i + k));
          const __m128i was = _mm_loadu_si128 ((const __m128i *) (before + i));
          __m128i b = _mm_min_epi16 (was, _mm_add_epi16 (_mm_min_epi16 (left, right), kk));

          _mm_storeu_si128 ((__m128i *) (best + i), b);
          if (i + 8 == 8 * groups)
            b = _mm_and_si128 (b, last);
          top = _mm_max_epi16 (top, b);
        }
      top = _mm_max_epi16 (top, _mm_srli_si128 (top, 8));
      top = _mm_max_epi16 (top, _mm_srli_si128 (top, 4));
      top = _mm_max_epi16 (top, _mm_srli_si128 (top, 2));
      if ((guint) (gint16) _mm_cvtsi128_si32 (top) <= (k + 1) * (k + 1))
        break;
    }
}
#endif

static void
offsets_min_plain (const gint16 *g2,
                   guint         n,
                   guint         reach,
                   gint16       *best)
{
  if (reach == 0)
    memcpy (best, g2, n * sizeof *best);
  for (guint k = 1; k <= reach; k++)
    {
      const gint16 kk = (gint16) (k * k);
      const gint16 *left = g2 - k, *right = g2 + k;
      const gint16 *before = k == 1 ? g2 : best;
      gint16 top = 0;

      for (guint i = 0; i < n; i++)
        {
          gint16 d = (gint16) (MIN (left[i], right[i]) + kk);
          gint16 b = MIN (before[i], d);

          best[i] = b;
          top = MAX (top, b);
        }
      if ((guint) top <= (k + 1) * (k + 1))
        break;
    }
}

#ifdef HAVE_AVX2
/* As offsets_min_sse2(), sixteen pixels at a time. */
__attribute__ ((target ("avx2"))) static void
offsets_min_avx2 (const gint16 *g2,
                  guint         n,
                  guint         reach,
                  gint16       *best)
{
  static const gint16 lanes[32] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };
  const guint groups = (n + 15) / 16;
  /* The last group's lanes that are pixels of the line. */
  const __m256i last = _mm256_loadu_si256 ((const __m256i *) (lanes + 16 * groups - n));

  if (reach == 0)
    memcpy (best, g2, n * sizeof *best);
  for (guint k = 1; k <= reach; k++)
    {
      const __m256i kk = _mm256_set1_epi16 ((gint16) (k * k));
      const gint16 *before = k == 1 ? g2 : best;
      __m256i top = _mm256_setzero_si256 ();
      __m128i half;

      for (guint i = 0; i < 16 * groups; i += 16)
        {
          const __m256i left = _mm256_loadu_si256 ((const __m256i *) (g2 + i - k));
          const __m256i right = _mm256_loadu_si256 ((const __m256i *) (g2 + i + k));
          const __m256i was = _mm256_loadu_si256 ((const __m256i *) (before + i));
          __m256i b = _mm256_min_epi16 (was, _mm256_add_epi16 (_mm256_min_epi16 (left, right), kk));

          _mm256_storeu_si256 ((__m256i *) (best + i), b);
          if (i + 16 == 16 * groups)
            b = _mm256_and_si256 (b, last);
          top = _mm256_max_epi16 (top, b);
        }
      half = _mm_max_epi16 (_mm256_castsi256_si128 (top), _mm256_extracti128_si256 (top, 1));
      half = _mm_max_epi16 (half, _mm_srli_si128 (half, 8));
      half = _mm_max_epi16 (half, _mm_srli_si128 (half, 4));
      half = _mm_max_epi16 (half, _mm_srli_si128 (half, 2));
      if ((guint) (gint16) _mm_cvtsi128_si32 (half) <= (k + 1) * (k + 1))
        break;
    }
}
#endif

/**
 * lda_offsets_min_with:
 * @kind: which instructions
 * @g2: as lda_offsets_min() takes it
 * @n: pixels of the line
 * @reach: the largest offset to try
 * @best: (out caller-allocates): as lda_offsets_min() fills it
 *
 * lda_offsets_min() with the instructions asked for, so that each can be
 * tested on a processor that has them all.
 *
 * Returns: %FALSE, and nothing done, when this build or processor lacks
 *   them
 */
gboolean
lda_offsets_min_with (LdaOffsetsKind  kind,
                      const gint16   *g2,
                      guint           n,
                      guint           reach,
                      gint16         *best)
{
  switch (kind)
    {
    case LDA_OFFSETS_PLAIN:
      offsets_min_plain (g2, n, reach, best);
      return TRUE;
    case LDA_OFFSETS_SSE2:
#ifdef __SSE2__
      offsets_min_sse2 (g2, n, reach, best);
      return TRUE;
#else
      return FALSE;
#endif
    case LDA_OFFSETS_AVX2:
#ifdef HAVE_AVX2
      if (!__builtin_cpu_supports ("avx2"))
        return FALSE;
      offsets_min_avx2 (g2, n, reach, best);
      return TRUE;
#else
      return FALSE;
#endif
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * lda_offsets_min:
 * @g2: the line's squared column distances: readable from @reach values
 *   before the first to @reach + %LDA_OFFSETS_SPILL after the last
 * @n: pixels of the line
 * @reach: the largest offset to try
 * @best: (out caller-allocates): @n + %LDA_OFFSETS_SPILL values, of
 *   which the first @n are the result
 *
 * best[i] = min over |k| ≤ @reach of k² + g2[i + k], for i in 0 … @n − 1.
 * An offset k cannot bring a pixel below k², so the offsets stop once no
 * pixel is above the next one's square.  The sums must stay within
 * gint16.
 */
void
lda_offsets_min (const gint16 *g2,
                 guint         n,
                 guint         reach,
                 gint16       *best)
{
  if (n == 0)
    return;
#ifdef HAVE_AVX2
  if (__builtin_cpu_supports ("avx2"))
    {
      offsets_min_avx2 (g2, n, reach, best);
      return;
    }
#endif
#ifdef __SSE2__
  offsets_min_sse2 (g2, n, reach, best);
#else
  offsets_min_plain (g2, n, reach, best);
#endif
}
