/* lda-image-view-labels.c — the label mask a pane draws over its image
 *
 * The view owns the rendering of the mask: it keeps a reference to the
 * mask and renders tiles of it in the class colours when they are drawn
 * (lda-tiled-layer.c).  When the mask changes — a brush dab, a new run of
 * the pipeline — only the tiles that show a change are rendered again.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-image-view-private.h"
#include "lda-render.h"

#define TILE LDA_TILED_LAYER_TILE

static void
render_tile (gpointer  user_data,
             guint     level,
             guint     x,
             guint     y,
             guint     width,
             guint     height,
             guint32  *dest,
             gsize     dest_stride)
{
  LdaImageView *self = user_data;

  lda_render_labels_area (self->labels, level, x, y, width, height, dest, dest_stride);
}

void
lda_image_view_clear_labels (LdaImageView *self)
{
  g_clear_pointer (&self->label_layer, lda_tiled_layer_free);
  g_clear_pointer (&self->labels, lda_image_unref);
}

/* Whether a tile's rectangle differs between two masks of one size. */
static gboolean
tile_differs (const LdaImage *a,
              const LdaImage *b,
              guint           x0,
              guint           y0,
              guint           width,
              guint           height)
{
  for (guint y = y0; y < y0 + height; y++)
    {
      gsize offset = (gsize) y * a->width + x0;

      if (memcmp (lda_image_u8 (a) + offset, lda_image_u8 (b) + offset, width) != 0)
        return TRUE;
    }

  return FALSE;
}

/* Drops the tiles that show a difference between the mask drawn and
 * @labels, of the same size.  Returns whether there was any. */
static gboolean
update_changed_tiles (LdaImageView   *self,
                      const LdaImage *labels)
{
  gboolean any = FALSE;

  for (guint y0 = 0; y0 < labels->height; y0 += TILE)
    for (guint x0 = 0; x0 < labels->width; x0 += TILE)
      {
        guint w = MIN (TILE, labels->width - x0);
        guint h = MIN (TILE, labels->height - y0);

        if (tile_differs (self->labels, labels, x0, y0, w, h))
          {
            lda_tiled_layer_update (self->label_layer, (int) x0, (int) y0, (int) w, (int) h);
            any = TRUE;
          }
      }

  return any;
}

/**
 * lda_image_view_set_labels:
 * @self: a view showing an image
 * @labels: (nullable): a #LDA_PIXEL_U8 label mask of the image's size, or
 *   %NULL for none
 *
 * Draws @labels in the class colours over the image, at
 * #LdaImageView:overlay-opacity.  The view keeps a reference: whoever
 * changes the mask afterwards calls lda_image_view_labels_changed().  A
 * new mask of the same size renders again only the tiles that differ.
 */
void
lda_image_view_set_labels (LdaImageView   *self,
                           const LdaImage *labels)
{
  gboolean changed = TRUE;

  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (labels == NULL || labels->type == LDA_PIXEL_U8);
  g_return_if_fail (labels == NULL ||
                    (lda_image_view_has_image (self) &&
                     labels->width == self->image_width && labels->height == self->image_height));

  if (labels == NULL)
    {
      if (self->labels == NULL)
        return;
      lda_image_view_clear_labels (self);
    }
  else if (self->label_layer == NULL)
    self->label_layer = lda_tiled_layer_new (labels->width, labels->height, render_tile, self);
  else if (labels == self->labels)
    lda_tiled_layer_update (self->label_layer, 0, 0, (int) labels->width, (int) labels->height);
  else
    changed = update_changed_tiles (self, labels);

  if (labels != NULL && labels != self->labels)
    {
      g_clear_pointer (&self->labels, lda_image_unref);
      self->labels = lda_image_ref ((LdaImage *) labels);
    }

  /* A mask that shows the same as the last is not drawn again: a slider's
   * result often changes nothing on screen, and a pane drawn again costs
   * a whole frame's painting of it. */
  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_image_view_labels_changed:
 * @self: a view
 * @rect: what changed in the mask given to lda_image_view_set_labels()
 *
 * Renders again, when next drawn, only the tiles that show @rect.
 */
void
lda_image_view_labels_changed (LdaImageView  *self,
                               const LdaRect *rect)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (rect != NULL);

  if (self->label_layer == NULL || lda_rect_is_empty (rect))
    return;

  lda_tiled_layer_update (self->label_layer, rect->x, rect->y, rect->width, rect->height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_image_view_get_labels:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the label mask drawn
 */
const LdaImage *
lda_image_view_get_labels (LdaImageView *self)
{
  g_return_val_if_fail (LDA_IS_IMAGE_VIEW (self), NULL);

  return self->labels;
}
