/* lda-distance.c — the depth of a pixel inside a mask: the distance to
 * the nearest pixel outside it
 *
 * An exact Euclidean distance transform (Felzenszwalb and Huttenlocher's
 * lower envelope of parabolas, after a column pass), found one blob at a
 * time, in the blob's box; a row of the box whose columns all lie near
 * the outside tries every column near enough instead of building the
 * envelope (lda-offsets.c).  The watershed's relief is in lda-relief.c.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-distance.h"
#include "lda-offsets.h"

/* Column distances are clipped here: from 256 rows away a pixel is
 * deeper than the clipped squared distance anyway. */
#define FAR_INSIDE 256

/* The squared distances of the pixels of one run x0 … x1 − 1 of a row,
 * from the column distances g (each column q a parabola
 * (x − q)² + g(q)²).  Only the run's columns and the two around it need
 * looking at: those are outside the mask (g = 0) or beyond the image's
 * edge, and no column farther away can be nearer than they are. */
static void
inside_run (const guint16 *g,
            guint          x0,
            guint          x1,
            guint          w,
            guint16       *out,
            guint         *v,
            gint64        *f)
{
  guint q0 = x0 > 0 ? x0 - 1 : 0;
  guint q1 = x1 < w ? x1 : w - 1;
  int k = 0;
  int j = 0;

  /* Lower envelope of the parabolas, in whole numbers as the relief's. */
  v[0] = q0;
  f[0] = (gint64) q0 * q0 + (gint64) g[q0] * g[q0];
  for (guint q = q0 + 1; q <= q1; q++)
    k = lda_envelope_add (v, f, k, q, (gint64) q * q + (gint64) g[q] * g[q]);

  for (guint x = x0; x < x1; x++)
    {
      gint64 dx, d2, edge;

      while (j < k && f[j + 1] - f[j] <= 2 * (gint64) x * (v[j + 1] - v[j]))
        j++;

      dx = (gint64) x - v[j];
      d2 = dx * dx + (f[j] - (gint64) v[j] * v[j]);
      /* The background beyond the left and right edges. */
      edge = MIN ((gint64) x + 1, (gint64) w - x);
      d2 = MIN (d2, edge * edge);
      out[x] = (guint16) MIN (d2, (gint64) LDA_DISTANCE2_MAX);
    }
}

/* Rows whose column distances are all this or less are done by offsets:
 * their sums k² + g² stay below this side of gint16. */
#define OFFSETS_MAX 90
#define OFFSETS_FAR 16383

/* The row pass of one row of a box by trying every offset k up to
 * @k_max, left and right: a pixel whose own column is g from the outside
 * is at most g² deep, so a column farther away than the row's largest g
 * cannot be nearer.  Branchless, and the compiler does many pixels an
 * instruction.  @row holds LDA_DISTANCE_ROW_SCRATCH (@w) values. */
static void
offsets_row (const guint16 *g,
             const guint8  *in,
             guint8         bit,
             guint          w,
             guint          k_max,
             gint16        *row,
             guint16       *out)
{
  /* From −k_max to w + k_max + LDA_OFFSETS_SPILL, then the result. */
  gint16 *g2 = row + k_max;
  gint16 *best = g2 + w + k_max + LDA_OFFSETS_SPILL;

  for (guint k = 0; k < k_max; k++)
    g2[-1 - (gint) k] = OFFSETS_FAR;
  for (guint k = 0; k < k_max + LDA_OFFSETS_SPILL; k++)
    g2[w + k] = OFFSETS_FAR;
  for (guint x = 0; x < w; x++)
    g2[x] = (gint16) (g[x] * g[x]);
  lda_offsets_min (g2, w, k_max, best);
  for (guint x = 0; x < w; x++)
    out[x] = (in[x] & bit) ? (guint16) best[x] : 0;
}

/**
 * lda_distance_squared_box:
 * @inside: @width × @height bytes; a pixel is inside where it has @bit
 *   set.  The first and last row and column must be outside: a margin
 *   that stands for everything around the box.
 * @bit: the bit of @inside that marks a pixel inside
 * @width: columns, the margin included
 * @height: rows, the margin included
 * @g: (out caller-allocates): @width × @height values of scratch
 * @distance2: (out caller-allocates): @width × @height values
 * @v: (out caller-allocates): @width + 2 values of scratch
 * @f: (out caller-allocates): @width + 2 values of scratch
 * @row: (out caller-allocates): LDA_DISTANCE_ROW_SCRATCH (@width) values
 *   of scratch
 *
 * For each pixel inside, the squared Euclidean distance to the nearest
 * pixel outside, exactly, clipped to %LDA_DISTANCE2_MAX; 0 outside.
 * Squared distances are whole numbers, which the splitting stage sorts
 * into buckets.
 *
 * The box is one blob of a mask with the pixels around it: the nearest
 * pixel outside a blob always touches it (a pixel nearer to it on the
 * way would be in the blob), so it lies in the blob's bounding box grown
 * by one, and this is the blob's depth in the whole image, with the
 * image's surroundings outside.  A blob's few hundred pixels stay in the
 * cache, where a pass over the whole image did not.
 */
void
lda_distance_squared_box (const guint8 *inside,
                          guint8        bit,
                          guint         width,
                          guint         height,
                          guint16      *g,
                          guint16      *distance2,
                          guint        *v,
                          gint64       *f,
                          gint16       *row)
{
  const gsize w = width;

  g_return_if_fail (width >= 2 && height >= 2);

  /* Column pass: the vertical distance to the nearest pixel outside,
   * down and then up, a row at a time. */
  memset (g, 0, w * sizeof *g);
  for (guint y = 1; y < height; y++)
    {
      const guint8 *in = inside + y * w;
      const guint16 *above = g + (y - 1) * w;
      guint16 *gy = g + y * w;

      for (gsize x = 0; x < w; x++)
        gy[x] = (in[x] & bit) ? MIN (above[x] + 1, FAR_INSIDE) : 0;
    }
  for (guint y = height - 1; y-- > 0;)
    {
      guint16 *gy = g + y * w;
      const guint16 *below = gy + w;

      for (gsize x = 0; x < w; x++)
        gy[x] = MIN (gy[x], below[x] + 1);
    }

  /* Row pass, by offsets where the row is shallow; else over each run of
   * pixels inside, whose parabolas' envelope the margin closes. */
  for (guint y = 0; y < height; y++)
    {
      const guint8 *in = inside + y * w;
      const guint16 *gy = g + y * w;
      guint16 *out = distance2 + y * w;
      guint k_max = 0, x = 0;

      for (gsize i = 0; i < w; i++)
        k_max = MAX (k_max, gy[i]);
      if (k_max <= OFFSETS_MAX)
        {
          offsets_row (gy, in, bit, width, MIN (k_max, width - 1), row, out);
          continue;
        }

      memset (out, 0, w * sizeof *out);
      while (x < width)
        {
          guint x1;

          if (!(in[x] & bit))
            {
              x++;
              continue;
            }
          for (x1 = x + 1; in[x1] & bit; x1++)
            ;
          inside_run (gy, x, x1, width, out, v, f);
          x = x1;
        }
    }
}
