/* lda-split-caps.c — the seeds of a blob, from its summits down
 *
 * lda_split_seeds_in() finds the h-maxima of a blob's depths by merging
 * all its pixels from the deepest down (a sort and a union-find); most of
 * that work is far below any summit.  What it decides can be decided
 * near each summit instead.  Take the pixels in its order (deepest first,
 * raster order among equals).  A pixel none of its earlier neighbours
 * reaches begins a part of its own: a candidate s, of squared depth v.
 * When the last pixel of squared depth x has been merged, the parts are
 * the 8-connected components of the pixels at least x deep; s is still
 * the summit of its part then exactly when its component holds no pixel
 * before s in the order.  The union-find makes s a seed when the pixel
 * that first joins its part to one with an earlier summit lies at least
 * h below it (or never comes, and s is at least h deep).  So with m the
 * smallest squared depth less than h below s (root(v) − root(m) < h, the
 * union-find's own comparison), s is a seed if and only if it is at least
 * h deep and its cap, the 8-connected pixels at least m deep around it,
 * holds no pixel before it in the order.  A breadth-first walk of the cap
 * answers that; caps are small (a disc of radius h around a round
 * nucleus's summit), and a bump's walk stops at the first deeper pixel.
 * The seeds are the same, and in the same raster order: the tests compare
 * the two on random depths.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-split-private.h"

/* The smallest squared depth x >= 1 at which a summit of squared depth
 * @v stands less than @depth above: root(v) - root(x) < depth, compared
 * as the union-find compares them. */
static guint
cap_floor (const double *roots,
           guint16       v,
           double        depth)
{
  const double top = lda_split_root (roots, v);
  guint lo = 1, hi = v;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (top - lda_split_root (roots, (guint16) mid) < depth)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/**
 * lda_split_seeds_caps:
 * @ws: the thread's workspace; ws->pixels[0 … m) are the blob's pixels
 *   with a depth, in raster order
 * @m: how many
 * @distance2: the box's squared depths, 0 outside the blob and in the
 *   margin of one pixel all around
 * @stride: the box's width
 * @depth: h
 * @visited: the box's size; only the blob's pixels are used, set before
 *   they are read
 * @labels: where the seeds' numbers go
 *
 * The seeds lda_split_seeds_in() finds, found from the summits down
 * instead of from the whole blob up (see above).
 *
 * Returns: how many seeds, numbered 1, 2, … in raster order
 */
guint
lda_split_seeds_caps (LdaSplitWorkspace *ws,
                      gsize              m,
                      const guint16     *distance2,
                      guint              stride,
                      double             depth,
                      guint32           *visited,
                      gint32            *labels)
{
  const double *roots = lda_split_root_table ();
  guint32 *queue = ws->order;
  gssize around[8];

  lda_split_neighbours (around, stride);

  g_array_set_size (ws->seeds, 0);
  for (gsize k = 0; k < m; k++)
    visited[ws->pixels[k]] = 0;

  /* The candidates, in raster order: the pixels no earlier one reaches
   * (none deeper around them, none as deep before them in raster
   * order), which begin a part of their own in the union-find. */
  for (gsize k = 0; k < m; k++)
    {
      const guint32 p = ws->pixels[k];
      const guint16 dp = distance2[p];
      guint floor_level;
      gsize head = 0, tail = 0;
      gboolean higher = FALSE;

      /* The same test as the union-find's: reached by none. */
      if (lda_split_reached (distance2, p, around) != 0 || lda_split_root (roots, dp) < depth)
        continue;

      /* Its cap, breadth first, until a pixel before it in the order. */
      floor_level = cap_floor (roots, dp, depth);
      queue[tail++] = p;
      visited[p] = 1;
      while (head < tail && !higher)
        {
          const guint32 q = queue[head++];

          for (guint n = 0; n < 8; n++)
            {
              const guint32 r = (guint32) ((gssize) q + around[n]);
              const guint16 dr = distance2[r];

              if (dr < floor_level || visited[r])
                continue;
              if (dr > dp || (dr == dp && r < p))
                {
                  higher = TRUE;
                  break;
                }
              visited[r] = 1;
              queue[tail++] = r;
            }
        }
      for (gsize i = 0; i < tail; i++)
        visited[queue[i]] = 0;
      if (!higher)
        g_array_append_val (ws->seeds, p);
    }

  for (guint i = 0; i < ws->seeds->len; i++)
    labels[g_array_index (ws->seeds, guint32, i)] = (gint32) i + 1;

  return ws->seeds->len;
}
