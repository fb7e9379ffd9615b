/* lda-preview.c — the last label mask with moved masks drawn in
 *
 * While a slider is dragged, the window shows the moved threshold before
 * the nuclei are split and the cells flooded: the last label mask with the
 * new masks drawn over it.  Made from the masks' bit planes a word (64
 * pixels) at a time, a row at a time, each word spread into a byte mask
 * and drawn in without a branch, so that a 2048 × 2048 frame costs little
 * more than a copy.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-compose.h"
#include "lda-preview.h"

/* The class a nucleus channel's mask paints. */
static const guint8 mask_class[LDA_N_CHANNELS] = {
  LDA_CLASS_CELL, LDA_CLASS_HOECHST, LDA_CLASS_DRAQ7,
};

/* The 64 pixels of @bits as bytes of 0xff or 0. */
static void
expand_word (guint8         mask[64],
             guint64        bits,
             const guint64 *byte_masks)
{
  for (guint k = 0; k < 8; k++)
    memcpy (mask + 8 * k, &byte_masks[(bits >> (8 * k)) & 0xff], 8);
}

/* The cell area's mask over @n pixels of a row: background where the mask
 * is not, cell area where it is and there was background.  Without a
 * branch, so that the compiler makes it vector instructions. */
static void
cell_area_word (guint8       *out,
                guint         n,
                const guint8  mask[64])
{
  for (guint i = 0; i < n; i++)
    {
      guint8 on = out[i] == LDA_CLASS_BACKGROUND ? LDA_CLASS_CELL : out[i];

      out[i] = on & mask[i];
    }
}

/* A nucleus channel's mask over @n pixels of a row: its class where the
 * mask is (a dead nucleus stays dead), cell area where its class was and
 * the mask no longer is. */
static void
nucleus_word (guint8       *out,
              guint         n,
              const guint8  mask[64],
              guint8        klass)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 on = out[i] == LDA_CLASS_DRAQ7 ? LDA_CLASS_DRAQ7 : klass;
      guint8 off = out[i] == klass ? LDA_CLASS_CELL : out[i];

      out[i] = (guint8) ((on & mask[i]) | (off & ~mask[i]));
    }
}

/**
 * lda_preview_labels:
 * @old: the last label mask
 * @masks: per channel, its new mask, or %NULL where it did not move
 * @error: return location for an error
 *
 * @old with the new masks drawn in, channel by channel in order: a nucleus
 * channel's mask in its class (a dead nucleus stays dead), and what it no
 * longer covers of its class back to cell area; the cell area's mask as
 * cell area where there was background, and background where it no
 * longer reaches.  The masks are @old's size.
 *
 * Returns: (transfer full) (nullable): a new label mask, or %NULL if out
 *   of memory
 */
LdaImage *
lda_preview_labels (const LdaImage    *old,
                    const LdaBitplane *masks[LDA_N_CHANNELS],
                    GError           **error)
{
  const guint w = old->width, h = old->height;
  const guint64 *byte_masks = lda_bitplane_byte_masks ();
  LdaImage *labels;

  g_return_val_if_fail (old->type == LDA_PIXEL_U8, NULL);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    g_return_val_if_fail (masks[c] == NULL ||
                          (masks[c]->width == w && masks[c]->height == h), NULL);

  labels = lda_image_new_uninitialized (LDA_PIXEL_U8, w, h, error);
  if (labels == NULL)
    return NULL;

  for (guint y = 0; y < h; y++)
    {
      guint8 *out = lda_image_u8 (labels) + (gsize) y * w;

      memcpy (out, lda_image_u8 (old) + (gsize) y * w, w);
      for (guint c = 0; c < LDA_N_CHANNELS; c++)
        {
          const guint64 *row;

          if (masks[c] == NULL)
            continue;
          row = lda_bitplane_row (masks[c], y);
          for (guint x0 = 0; x0 < w; x0 += 64)
            {
              const guint n = MIN (64u, w - x0);
              guint8 mask[64];

              expand_word (mask, row[x0 >> 6], byte_masks);
              if (c == LDA_CHANNEL_CELL_AREA)
                cell_area_word (out + x0, n, mask);
              else
                nucleus_word (out + x0, n, mask, mask_class[c]);
            }
        }
    }

  return labels;
}
