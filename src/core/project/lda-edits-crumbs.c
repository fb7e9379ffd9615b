/* lda-edits-crumbs.c — the crumbs of nuclei a stroke leaves behind
 *
 * A brush stroke of cell area, outline or background along the edge of a
 * nucleus cuts it where the brush's disc meets the nucleus's staircase
 * outline, and leaves pieces of a few pixels cut off from the rest.  Each
 * such piece is a nucleus of its own on the corrected mask, so it would
 * be counted as a cell, and taught to a network as one.  The pipeline
 * drops nuclei smaller than the smallest nucleus area (lda-nuclei.c); the
 * pieces a stroke leaves are given the stroke's class the same way.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-edits-private.h"

/* The nucleus piece of @merged that holds pixel @start, gathered into
 * @piece until it has @limit pixels or reaches one of @big, the pixels of
 * pieces found that large already.  Returns whether the piece is smaller
 * (all of it gathered); if not, what was gathered joins @big. */
static gboolean
gather_piece (const LdaImage *merged,
              guint32         start,
              guint           limit,
              guint           connectivity,
              GHashTable     *big,
              GArray         *piece)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *pixels = lda_image_u8 (merged);
  g_autoptr(GHashTable) gathered = g_hash_table_new (NULL, NULL);
  gboolean small = TRUE;

  g_array_set_size (piece, 0);
  g_array_append_val (piece, start);
  g_hash_table_add (gathered, GUINT_TO_POINTER (start + 1));

  for (guint k = 0; k < piece->len && small; k++)
    {
      const guint32 p = g_array_index (piece, guint32, k);
      const guint x = p % w, y = p / w;

      for (int dy = -1; dy <= 1 && small; dy++)
        for (int dx = -1; dx <= 1 && small; dx++)
          {
            const gint64 qx = (gint64) x + dx, qy = (gint64) y + dy;
            guint32 q;

            if ((dx == 0 && dy == 0) || (connectivity == 4 && dx != 0 && dy != 0) ||
                qx < 0 || qy < 0 || qx >= w || qy >= h)
              continue;
            q = (guint32) (qy * w + qx);
            if (!lda_is_nucleus_class (pixels[q]) ||
                g_hash_table_contains (gathered, GUINT_TO_POINTER (q + 1)))
              continue;
            if (piece->len >= limit || g_hash_table_contains (big, GUINT_TO_POINTER (q + 1)))
              small = FALSE;
            else
              {
                g_hash_table_add (gathered, GUINT_TO_POINTER (q + 1));
                g_array_append_val (piece, q);
              }
          }
    }

  small = small && piece->len < limit;
  if (!small)
    for (guint k = 0; k < piece->len; k++)
      g_hash_table_add (big, GUINT_TO_POINTER (g_array_index (piece, guint32, k) + 1));

  return small;
}

/**
 * lda_edits_clear_crumbs:
 * @self: the edits a stroke of class @klass has just been painted into
 * @merged: the corrected mask, the stroke included
 * @stroke: the rectangle the stroke changed
 * @klass: the class the stroke painted: background, cell area or outline
 * @min_area: the smallest nucleus, in pixels; 0 or 1 keeps every piece
 * @connectivity: how nucleus pixels join, 4 or 8
 *   (lda_params_nucleus_connectivity())
 * @dirty: (inout): grown by what was changed
 *
 * Gives @klass to every piece of nucleus the stroke touches (a nucleus
 * pixel next to one the stroke painted) that is smaller than @min_area,
 * in @self, so that it is undone with the stroke.  @merged is not
 * changed: merge @dirty again.
 *
 * Returns: how many pixels were given @klass
 */
gsize
lda_edits_clear_crumbs (LdaEdits       *self,
                        const LdaImage *merged,
                        const LdaRect  *stroke,
                        guint8          klass,
                        guint           min_area,
                        guint           connectivity,
                        LdaRect        *dirty)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *pixels = lda_image_u8 (merged);
  g_autoptr(GHashTable) big = NULL;
  g_autoptr(GArray) piece = NULL;
  guint x0, y0, x1, y1;
  gsize n_cleared = 0;

  g_return_val_if_fail (self->width == w && self->height == h, 0);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, 0);

  if (min_area <= 1 || lda_is_nucleus_class (klass) || klass == LDA_NO_EDIT ||
      lda_rect_is_empty (stroke))
    return 0;

  big = g_hash_table_new (NULL, NULL);
  piece = g_array_new (FALSE, FALSE, sizeof (guint32));
  x0 = (guint) MAX (stroke->x, 1) - 1;
  y0 = (guint) MAX (stroke->y, 1) - 1;
  x1 = MIN ((guint) (stroke->x + stroke->width) + 1, w);
  y1 = MIN ((guint) (stroke->y + stroke->height) + 1, h);

  for (guint y = y0; y < y1; y++)
    for (guint x = x0; x < x1; x++)
      {
        const guint32 p = y * w + x;
        gboolean beside = FALSE;

        /* A nucleus pixel not known to be of a large piece, and not
         * given the stroke's class already. */
        if (!lda_is_nucleus_class (pixels[p]) || self->pixels[p] == klass ||
            g_hash_table_contains (big, GUINT_TO_POINTER (p + 1)))
          continue;
        /* Beside a pixel of the stroke's class that the person painted. */
        beside = (x > 0 && self->pixels[p - 1] == klass && pixels[p - 1] == klass) ||
                 (x + 1 < w && self->pixels[p + 1] == klass && pixels[p + 1] == klass) ||
                 (y > 0 && self->pixels[p - w] == klass && pixels[p - w] == klass) ||
                 (y + 1 < h && self->pixels[p + w] == klass && pixels[p + w] == klass);
        if (!beside || !gather_piece (merged, p, min_area, connectivity, big, piece))
          continue;

        for (guint k = 0; k < piece->len; k++)
          {
            const guint32 q = g_array_index (piece, guint32, k);

            self->pixels[q] = klass;
            lda_rect_union (dirty, &(LdaRect) { (int) (q % w), (int) (q / w), 1, 1 });
          }
        n_cleared += piece->len;
      }

  return n_cleared;
}
