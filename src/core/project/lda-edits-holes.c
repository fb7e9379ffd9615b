/* lda-edits-holes.c — the hole of a nucleus that a pixel lies in
 *
 * A nucleus drawn as a ring (a bright rim round a paler middle) leaves
 * pixels of other classes inside it: its hole.  A brush stroke or a fill
 * of a nucleus class begun there is meant to fill it (lda-edits-apart.c,
 * lda-edits-regions.c), not to make a nucleus inside the other.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-bitplane.h"
#include "lda-edits-private.h"

/* The largest hole looked for. */
#define MAX_HOLE 16384

static const int dx[8] = { -1, 1, 0, 0, -1, 1, -1, 1 };
static const int dy[8] = { 0, 0, -1, 1, -1, -1, 1, 1 };

/**
 * lda_edits_nucleus_hole:
 * @merged: the merged mask
 * @x: a column
 * @y: a row
 * @connectivity: how nucleus pixels join, 4 or 8
 * @hole: (out) (transfer full) (element-type guint32): the hole's pixels
 *
 * Whether (@x, @y) lies in a hole of a nucleus: pixels of other classes
 * that one nucleus encloses, away from the frame's edge, fewer than the
 * nucleus's own (a ring round more than itself is no hole), at most
 * 16 384.  The hole is connected the other way than the nuclei are (a ring
 * of 8-connected pixels encloses a 4-connected hole).
 *
 * Returns: (transfer full) (nullable) (element-type guint32): the nucleus,
 *   as lda_labels_nucleus_find() gives it, or %NULL (then *@hole is %NULL)
 */
GArray *
lda_edits_nucleus_hole (const LdaImage  *merged,
                        guint            x,
                        guint            y,
                        guint            connectivity,
                        GArray         **hole)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *shown = lda_image_u8 (merged);
  const guint around = connectivity == 8 ? 4 : 8;
  g_autoptr(LdaBitplane) seen = NULL;
  g_autoptr(GArray) inside = NULL;
  g_autoptr(GArray) rim = NULL;
  g_autoptr(GArray) nucleus = NULL;
  g_autoptr(LdaBitplane) mine = NULL;
  guint32 start = (guint32) ((gsize) y * w + x);

  *hole = NULL;
  if (x >= w || y >= h || lda_is_nucleus_class (shown[start]) ||
      !(seen = lda_bitplane_new (w, h, NULL)))
    return NULL;
  inside = g_array_new (FALSE, FALSE, sizeof (guint32));
  rim = g_array_new (FALSE, FALSE, sizeof (guint32));
  lda_bitplane_set (seen, x, y, TRUE);
  g_array_append_val (inside, start);
  for (guint next = 0; next < inside->len; next++)
    {
      const guint32 p = g_array_index (inside, guint32, next);
      const guint px = p % w, py = p / w;

      if (px == 0 || py == 0 || px + 1 == w || py + 1 == h || inside->len > MAX_HOLE)
        return NULL;
      for (guint n = 0; n < around; n++)
        {
          const guint qx = px + dx[n], qy = py + dy[n];
          const guint32 q = (guint32) ((gsize) qy * w + qx);

          if (lda_bitplane_get (seen, qx, qy))
            continue;
          lda_bitplane_set (seen, qx, qy, TRUE);
          g_array_append_val (lda_is_nucleus_class (shown[q]) ? rim : inside, q);
        }
    }

  /* Enclosed by one nucleus only, larger than the hole. */
  if (rim->len == 0)
    return NULL;
  nucleus = lda_labels_nucleus_find (merged, g_array_index (rim, guint32, 0) % w,
                                     g_array_index (rim, guint32, 0) / w, connectivity);
  if (nucleus == NULL || nucleus->len <= inside->len ||
      !(mine = lda_edits_plane_of (nucleus, w, h)))
    return NULL;
  for (guint i = 0; i < rim->len; i++)
    if (!lda_bitplane_get (mine, g_array_index (rim, guint32, i) % w,
                           g_array_index (rim, guint32, i) / w))
      return NULL;

  *hole = g_steal_pointer (&inside);
  return g_steal_pointer (&nucleus);
}

/**
 * lda_edits_plane_of:
 * @pixels: (element-type guint32): pixel indices y × @width + x
 * @width: the plane's width
 * @height: its height
 *
 * Returns: (transfer full) (nullable): a plane with @pixels set, or %NULL
 *   if out of memory
 */
LdaBitplane *
lda_edits_plane_of (const GArray *pixels,
                    guint         width,
                    guint         height)
{
  LdaBitplane *plane = lda_bitplane_new (width, height, NULL);

  for (guint i = 0; plane != NULL && i < pixels->len; i++)
    lda_bitplane_set (plane, g_array_index (pixels, guint32, i) % width,
                      g_array_index (pixels, guint32, i) / width, TRUE);

  return plane;
}
