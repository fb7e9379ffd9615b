/* lda-preview.c — the last label mask with moved masks drawn in
 *
 * While a slider is dragged, the window shows the moved threshold before
 * the nuclei are split and the cells flooded: the last label mask with the
 * new masks drawn over it.  Made from the masks' bit planes a word (64
 * pixels) at a time, a row at a time, so that a 2048 × 2048 frame costs
 * little more than a copy: most words are all mask or none, and take a
 * loop the compiler makes into vector instructions.
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

/* The cell area's mask over @n pixels of a row: background where the mask
 * is not, cell area where it is and there was background. */
static void
cell_area_word (guint8  *out,
                guint    n,
                guint64  bits,
                guint64  full)
{
  if (bits == 0)
    memset (out, LDA_CLASS_BACKGROUND, n);
  else if (bits == full)
    for (guint i = 0; i < n; i++)
      out[i] = out[i] == LDA_CLASS_BACKGROUND ? LDA_CLASS_CELL : out[i];
  else
    for (guint i = 0; i < n; i++)
      if (!((bits >> i) & 1))
        out[i] = LDA_CLASS_BACKGROUND;
      else if (out[i] == LDA_CLASS_BACKGROUND)
        out[i] = LDA_CLASS_CELL;
}

/* A nucleus channel's mask over @n pixels of a row: its class where the
 * mask is (a dead nucleus stays dead), cell area where its class was and
 * the mask no longer is. */
static void
nucleus_word (guint8  *out,
              guint    n,
              guint64  bits,
              guint64  full,
              guint8   klass)
{
  if (bits == 0)
    for (guint i = 0; i < n; i++)
      out[i] = out[i] == klass ? LDA_CLASS_CELL : out[i];
  else if (bits == full)
    for (guint i = 0; i < n; i++)
      out[i] = out[i] == LDA_CLASS_DRAQ7 ? LDA_CLASS_DRAQ7 : klass;
  else
    for (guint i = 0; i < n; i++)
      if ((bits >> i) & 1)
        out[i] = out[i] == LDA_CLASS_DRAQ7 ? LDA_CLASS_DRAQ7 : klass;
      else if (out[i] == klass)
        out[i] = LDA_CLASS_CELL;
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
              const guint64 full = n == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1;
              const guint64 bits = row[x0 >> 6];

              if (c == LDA_CHANNEL_CELL_AREA)
                cell_area_word (out + x0, n, bits, full);
              else
                nucleus_word (out + x0, n, bits, full, mask_class[c]);
            }
        }
    }

  return labels;
}
