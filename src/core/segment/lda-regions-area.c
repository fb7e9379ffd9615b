/* lda-regions-area.c — the last cells carried onto a moved cell area
 * while its slider is dragged
 *
 * A step of the cell area's slider moves a rim of the area (0.3–0.4 % of
 * the frame on the sample at 2048 × 2048) and no nucleus.  So while it
 * is dragged the last cells are kept, in place, but where the rim runs:
 * the pixels whose cell area changed, and their 4-neighbours (an edge of
 * the area that is inside now, or the other way round, is an outline no
 * longer, or is one now), are flooded again from the cells and the
 * background kept round them; so are the parts of the area that the
 * background had flooded and that they touch, which kept would flood
 * them from within, at the gentle steps of the cells.  The relief
 * depends on the area only where it is 0: the relief of the nuclei
 * everywhere, made once for the drag, is the exact relief once the
 * pixels outside the area next to those flooded read 0.  The exact cells follow when the slider rests
 * (lda_pipeline_set_dragging()).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-error.h"
#include "lda-regions-area.h"
#include "lda-watershed-parts.h"

typedef struct
{
  gint32            *regions;
  guint              width;
  guint              height;
  const LdaBitplane *area;     /* the new cell area ∪ nuclei */
  LdaBitplane       *unknown;  /* the pixels to flood again */
  GArray            *queue;    /* the same, to spread from */
} Move;

/* Word @k of row @y of @moved, and the pixels next to one set in it,
 * 4-connected. */
static guint64
near_moved (const LdaBitplane *moved,
            guint              y,
            gsize              k)
{
  const guint64 *row = lda_bitplane_row (moved, y);
  guint64 near = row[k] | (row[k] << 1) | (row[k] >> 1);

  if (k > 0)
    near |= row[k - 1] >> 63;
  if (k + 1 < moved->stride)
    near |= row[k + 1] << 63;
  if (y > 0)
    near |= lda_bitplane_row (moved, y - 1)[k];
  if (y + 1 < moved->height)
    near |= lda_bitplane_row (moved, y + 1)[k];

  return near;
}

/* Pixel @i to flood again: unknown, and queued to spread from. */
static void
flood_again (Move  *m,
             gsize  i)
{
  const guint x = (guint) (i % m->width), y = (guint) (i / m->width);
  const guint32 at = (guint32) i;

  m->regions[i] = 0;
  ((guint64 *) lda_bitplane_row (m->unknown, y))[x >> 6] |= G_GUINT64_CONSTANT (1) << (x & 63);
  g_array_append_val (m->queue, at);
}

/* The rim: background outside the new area, flooded again inside it.
 * The nuclei, and the frame's outermost ring, stay as they are. */
static void
open_rim (Move              *m,
          const LdaBitplane *moved,
          const LdaBitplane *mask)
{
  const guint w = m->width;

  for (guint y = 1; y + 1 < m->height; y++)
    {
      const guint64 *area = lda_bitplane_row (m->area, y);
      const guint64 *nuclei = lda_bitplane_row (mask, y);

      for (gsize k = 0; k < moved->stride; k++)
        for (guint64 bits = near_moved (moved, y, k) & ~nuclei[k]; bits != 0; bits &= bits - 1)
          {
            const guint x = (guint) (k * 64) + (guint) __builtin_ctzll (bits);

            if (x == 0 || x + 1 >= w)
              continue;
            if ((area[k] >> (x & 63)) & 1)
              flood_again (m, (gsize) y * w + x);
            else
              m->regions[(gsize) y * w + x] = LDA_REGION_BACKGROUND;
          }
    }
}

/* The parts of the area the background had flooded, where they touch a
 * pixel flooded again: flooded again too. */
static void
spread_into_background (Move *m)
{
  const guint w = m->width, h = m->height;

  for (guint k = 0; k < m->queue->len; k++)
    {
      const gsize i = g_array_index (m->queue, guint32, k);
      const guint x = (guint) (i % w), y = (guint) (i / w);
      const gsize next[4] = { i - 1, i + 1, i - w, i + w };
      const gboolean inside[4] = { x > 1, x + 2 < w, y > 1, y + 2 < h };

      for (guint o = 0; o < 4; o++)
        if (inside[o] && m->regions[next[o]] == LDA_REGION_BACKGROUND &&
            lda_bitplane_get (m->area, (guint) (next[o] % w), (guint) (next[o] / w)))
          flood_again (m, next[o]);
    }
}

/* The flood reads the relief of the pixels it floods, and of their
 * neighbours; outside the area that is 0, not the relief everywhere.
 * Those neighbours' are made 0 in @relief, and listed in @kept with the
 * values they had, two by two. */
static void
zero_outside (const Move *m,
              guint8     *relief,
              GArray     *kept)
{
  const gsize w = m->width;

  for (guint k = 0; k < m->queue->len; k++)
    {
      const gsize i = g_array_index (m->queue, guint32, k);
      const gsize next[4] = { i - 1, i + 1, i - w, i + w };

      for (guint o = 0; o < 4; o++)
        if (relief[next[o]] != 0 &&
            !lda_bitplane_get (m->area, (guint) (next[o] % w), (guint) (next[o] / w)))
          {
            const guint32 pair[2] = { (guint32) next[o], relief[next[o]] };

            g_array_append_vals (kept, pair, 2);
            relief[next[o]] = 0;
          }
    }
}

static void
restore (guint8       *relief,
         const GArray *kept)
{
  for (guint k = 0; k < kept->len; k += 2)
    relief[g_array_index (kept, guint32, k)] = (guint8) g_array_index (kept, guint32, k + 1);
}

/**
 * lda_regions_move_area:
 * @base: (transfer full): the last cells, made with the cell area before
 *   it moved and the nuclei of now; changed in place
 * @area: the new cell area ∪ the nucleus pixels
 * @moved: the pixels whose cell area changed since @base was made
 * @mask: the nucleus pixels, split lines included
 * @relief_everywhere: (inout): the relief of @mask with an area of every
 *   pixel (lda_relief()); as it was on return
 * @max_fraction: the most of the frame, from 0 to 1, to flood again
 * @out: (out) (transfer full) (nullable): the cells, or %NULL when more
 *   than @max_fraction of the frame would have to be flooded again
 * @cancellable: (nullable): polled while flooding
 * @error: return location for an error
 *
 * @base carried onto the moved cell area, for a slider being dragged:
 * see the top of this file.  @base is taken, whatever the outcome.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_regions_move_area (LdaRegions         *base,
                       const LdaBitplane  *area,
                       const LdaBitplane  *moved,
                       const LdaBitplane  *mask,
                       guint8             *relief_everywhere,
                       double              max_fraction,
                       LdaRegions        **out,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(LdaRegions) self = base;
  const guint w = base->width, h = base->height;
  Move m = { base->regions, w, h, area, NULL, NULL };
  g_autoptr(LdaBitplane) unknown = NULL;
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(LdaWatershedParts) parts = NULL;
  gboolean ok;

  g_return_val_if_fail ((gsize) w * h < G_MAXINT32, FALSE);
  g_return_val_if_fail (area->width == w && area->height == h, FALSE);
  g_return_val_if_fail (moved->width == w && moved->height == h, FALSE);
  g_return_val_if_fail (mask->width == w && mask->height == h, FALSE);

  *out = NULL;
  if (!(unknown = lda_bitplane_new (w, h, error)))
    return FALSE;
  m.unknown = unknown;
  m.queue = queue;
  open_rim (&m, moved, mask);
  spread_into_background (&m);
  if (queue->len > max_fraction * w * h)
    return TRUE;

  if (queue->len > 0)
    {
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (guint32));

      zero_outside (&m, relief_everywhere, kept);
      ok = (parts = lda_watershed_parts_new_from_plane (unknown, error)) != NULL &&
           lda_watershed_parts_flood (parts, self->regions, relief_everywhere, cancellable,
                                      error);
      restore (relief_everywhere, kept);
      if (!ok)
        return FALSE;
    }

  *out = g_steal_pointer (&self);

  return TRUE;
}
