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
 * than pixel by pixel.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lda-offsets.h"

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
#ifdef __SSE2__
void
lda_offsets_min (const gint16 *g2,
                 guint         n,
                 guint         reach,
                 gint16       *best)
{
  static const gint16 lanes[16] = { -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0 };
  const guint groups = (n + 7) / 8;
  /* The last group's lanes that are pixels of the line. */
  const __m128i last = _mm_loadu_si128 ((const __m128i *) (lanes + 8 * groups - n));

  if (n == 0)
    return;
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
#else
void
lda_offsets_min (const gint16 *g2,
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
#endif
