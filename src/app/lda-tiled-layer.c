/* lda-tiled-layer.c — an image layer that can be changed a piece at a time
 *
 * Textures are immutable, so a layer that the person paints on is cut into
 * 256 × 256 tiles, each its own texture: a brush dab rebuilds the one to
 * four tiles it touched, not the whole 2048 × 2048 layer.  The pixels live
 * in one buffer the caller may write into (then call
 * lda_tiled_layer_update()); on GTK 4.8, zoomed-in drawing goes through a
 * cairo surface over that same buffer.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-tiled-layer.h"

#define TILE 256

struct _LdaTiledLayer
{
  GBytes          *source;
  guint            width;
  guint            height;
  guint32         *pixels;
  cairo_surface_t *surface;
  guint            n_tx;
  guint            n_ty;
  GdkTexture     **tiles;
};

static void
build_tile (LdaTiledLayer *self,
            guint          tx,
            guint          ty)
{
  guint x0 = tx * TILE, y0 = ty * TILE;
  guint w = MIN (TILE, self->width - x0);
  guint h = MIN (TILE, self->height - y0);
  guint32 *copy = g_new (guint32, (gsize) w * h);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture **slot = &self->tiles[ty * self->n_tx + tx];

  for (guint y = 0; y < h; y++)
    memcpy (copy + (gsize) y * w, self->pixels + (gsize) (y0 + y) * self->width + x0,
            w * sizeof (guint32));

  bytes = g_bytes_new_take (copy, (gsize) w * h * sizeof (guint32));
  g_clear_object (slot);
  *slot = gdk_memory_texture_new ((int) w, (int) h, GDK_MEMORY_DEFAULT, bytes,
                                  (gsize) w * sizeof (guint32));
}

/**
 * lda_tiled_layer_new:
 * @pixels: premultiplied ARGB32 pixels, rows packed
 * @width: columns
 * @height: rows
 *
 * Returns: (transfer full): a layer holding a copy of @pixels
 */
LdaTiledLayer *
lda_tiled_layer_new (GBytes *pixels,
                     guint   width,
                     guint   height)
{
  LdaTiledLayer *self = g_new0 (LdaTiledLayer, 1);

  self->source = g_bytes_ref (pixels);
  self->width = width;
  self->height = height;
  self->pixels = g_memdup2 (g_bytes_get_data (pixels, NULL), (gsize) width * height * 4);
  self->surface = cairo_image_surface_create_for_data ((unsigned char *) self->pixels,
                                                       CAIRO_FORMAT_ARGB32, (int) width,
                                                       (int) height, (int) width * 4);
  self->n_tx = (width + TILE - 1) / TILE;
  self->n_ty = (height + TILE - 1) / TILE;
  self->tiles = g_new0 (GdkTexture *, (gsize) self->n_tx * self->n_ty);

  for (guint ty = 0; ty < self->n_ty; ty++)
    for (guint tx = 0; tx < self->n_tx; tx++)
      build_tile (self, tx, ty);

  return self;
}

void
lda_tiled_layer_free (LdaTiledLayer *self)
{
  if (self == NULL)
    return;

  for (gsize i = 0; i < (gsize) self->n_tx * self->n_ty; i++)
    g_clear_object (&self->tiles[i]);
  g_free (self->tiles);
  cairo_surface_destroy (self->surface);
  g_free (self->pixels);
  g_bytes_unref (self->source);
  g_free (self);
}

/**
 * lda_tiled_layer_get_source:
 * @self: a layer
 *
 * Returns: (transfer none): the bytes the layer was made from
 */
GBytes *
lda_tiled_layer_get_source (LdaTiledLayer *self)
{
  return self->source;
}

/**
 * lda_tiled_layer_get_pixels:
 * @self: a layer
 *
 * Returns: the layer's pixels, width per row, to change in place
 */
guint32 *
lda_tiled_layer_get_pixels (LdaTiledLayer *self)
{
  return self->pixels;
}

/**
 * lda_tiled_layer_update:
 * @self: a layer
 * @x: first changed column
 * @y: first changed row
 * @width: changed columns
 * @height: changed rows
 *
 * Rebuilds the tiles that hold the changed rectangle.
 */
void
lda_tiled_layer_update (LdaTiledLayer *self,
                        int            x,
                        int            y,
                        int            width,
                        int            height)
{
  int x1 = MIN ((int) self->width, x + width);
  int y1 = MIN ((int) self->height, y + height);

  x = MAX (x, 0);
  y = MAX (y, 0);
  if (x >= x1 || y >= y1)
    return;

  cairo_surface_mark_dirty_rectangle (self->surface, x, y, x1 - x, y1 - y);
  for (guint ty = (guint) y / TILE; ty <= (guint) (y1 - 1) / TILE; ty++)
    for (guint tx = (guint) x / TILE; tx <= (guint) (x1 - 1) / TILE; tx++)
      build_tile (self, tx, ty);
}

/**
 * lda_tiled_layer_snapshot:
 * @self: a layer
 * @snapshot: where to draw
 * @image: where the whole image goes, in widget coordinates
 * @visible: the part of @image inside the widget
 * @zoom: screen pixels per image pixel
 *
 * Draws the visible tiles: sharp when zoomed in, smooth when zoomed out.
 */
void
lda_tiled_layer_snapshot (LdaTiledLayer         *self,
                          GtkSnapshot           *snapshot,
                          const graphene_rect_t *image,
                          const graphene_rect_t *visible,
                          double                 zoom)
{
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (zoom >= 1.0)
    {
      /* GTK 4.8 filters textures linearly: square pixels need cairo. */
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, visible);

      cairo_translate (cr, image->origin.x, image->origin.y);
      cairo_scale (cr, zoom, zoom);
      cairo_set_source_surface (cr, self->surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_destroy (cr);
      return;
    }
#endif

  gtk_snapshot_push_clip (snapshot, visible);
  for (guint ty = 0; ty < self->n_ty; ty++)
    for (guint tx = 0; tx < self->n_tx; tx++)
      {
        GdkTexture *tile = self->tiles[ty * self->n_tx + tx];
        graphene_rect_t rect;

        graphene_rect_init (&rect,
                            image->origin.x + tx * TILE * zoom,
                            image->origin.y + ty * TILE * zoom,
                            gdk_texture_get_width (tile) * zoom,
                            gdk_texture_get_height (tile) * zoom);
        if (!graphene_rect_intersection (&rect, visible, NULL))
          continue;
#if GTK_CHECK_VERSION (4, 10, 0)
        gtk_snapshot_append_scaled_texture (snapshot, tile,
                                            zoom >= 1.0 ? GSK_SCALING_FILTER_NEAREST
                                                        : GSK_SCALING_FILTER_LINEAR,
                                            &rect);
#else
        gtk_snapshot_append_texture (snapshot, tile, &rect);
#endif
      }
  gtk_snapshot_pop (snapshot);
}
