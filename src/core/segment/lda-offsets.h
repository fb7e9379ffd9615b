/* lda-offsets.h — the row passes shared by the relief and the depths
 * inside a mask: the nearest of the columns around each pixel of a line,
 * by trying every offset (lda-offsets.c), and a step of the lower
 * envelope of parabolas
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many values past the last one lda_offsets_min() may read beyond
 * @reach, and write into @best: it works up to sixteen pixels at a time. */
#define LDA_OFFSETS_SPILL 16

void lda_offsets_min (const gint16 *g2,
                      guint         n,
                      guint         reach,
                      gint16       *best);

/* The instructions lda_offsets_min_with() is asked to use. */
typedef enum
{
  LDA_OFFSETS_PLAIN,
  LDA_OFFSETS_SSE2,
  LDA_OFFSETS_AVX2,
} LdaOffsetsKind;

gboolean lda_offsets_min_with (LdaOffsetsKind  kind,
                               const gint16   *g2,
                               guint           n,
                               guint           reach,
                               gint16         *best);

/* Adds the parabola of column @q, f(q) = q² + g(q)² = @fq, to the lower
 * envelope v[0 … k], f[0 … k] (@k −1 when empty), and returns the new k.
 * The last parabola goes while q's crossing with it comes no later than
 * its own crossing with the one before: parabolas p and q > p cross at
 * (f(q) − f(p)) / 2(q − p), compared by cross-multiplying, exactly and
 * without a division. */
static inline int
lda_envelope_add (guint  *v,
                  gint64 *f,
                  int     k,
                  guint   q,
                  gint64  fq)
{
  while (k >= 1 &&
         (fq - f[k]) * (gint64) (v[k] - v[k - 1]) <=
         (f[k] - f[k - 1]) * (gint64) (q - v[k]))
    k--;
  k++;
  v[k] = q;
  f[k] = fq;

  return k;
}

G_END_DECLS
