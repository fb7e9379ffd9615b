/* lda-tiled-layer.c — an image layer that can be changed a piece at a time
 *
 * Textures are immutable, so a layer that the person paints on is cut into
 * 256 × 256 tiles, each its own texture: a brush dab rebuilds the one to
 * four tiles it touched, not the whole 2048 × 2048 layer.  The pixels live
 * in one buffer the caller may write into (then call
 * lda_tiled_layer_update()).  That buffer is never drawn from: a render
 * node may outlive the frame it was made for (renderers keep the last one
 * to find what changed), so everything a node refers to must stay as it
 * was.  Each tile is a copy of its part of the buffer, made anew when the
 * part changes, and all drawing goes through the copies.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-tiled-layer.h"

#define TILE 256

typedef struct
{
  GdkTexture      *texture;
#if !GTK_CHECK_VERSION (4, 10, 0)
  /* GTK 4.8 can only filter textures linearly: zoomed in, tiles are
   * drawn with cairo, from a surface over the texture's own pixels. */
  cairo_surface_t *surface;
#endif
} Tile;

struct _LdaTiledLayer
{
  GBytes          *source;
  guint            width;
  guint            height;
  guint32         *pixels;
  guint            n_tx;
  guint            n_ty;
  Tile            *tiles;
};

#if !GTK_CHECK_VERSION (4, 10, 0)
static const cairo_user_data_key_t pixels_key;

/* A cairo surface over @bytes, which it keeps alive for as long as
 * anything holds the surface: a recorded drawing may outlive the tile. */
static cairo_surface_t *
surface_new_for_bytes (GBytes *bytes,
                       guint   width,
                       guint   height)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = cairo_image_surface_create_for_data ((unsigned char *) g_bytes_get_data (bytes, NULL),
                                                 CAIRO_FORMAT_ARGB32, (int) width, (int) height,
                                                 (int) width * 4);
  status = cairo_surface_set_user_data (surface, &pixels_key, g_bytes_ref (bytes),
                                        (cairo_destroy_func_t) g_bytes_unref);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Out of memory: better a tile not drawn than one drawn from freed
       * pixels. */
      g_bytes_unref (bytes);
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}
#endif

static void
tile_clear (Tile *tile)
{
  g_clear_object (&tile->texture);
#if !GTK_CHECK_VERSION (4, 10, 0)
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
#endif
}

/* Main thread only: the time spent making tiles, for the benchmarks. */
static gint64 render_us;

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
  Tile *tile = &self->tiles[ty * self->n_tx + tx];
  gint64 t0 = g_get_monotonic_time ();

  for (guint y = 0; y < h; y++)
    memcpy (copy + (gsize) y * w, self->pixels + (gsize) (y0 + y) * self->width + x0,
            w * sizeof (guint32));

  /* Never written again: the texture and the surface share it. */
  bytes = g_bytes_new_take (copy, (gsize) w * h * sizeof (guint32));
  tile_clear (tile);
  tile->texture = gdk_memory_texture_new ((int) w, (int) h, GDK_MEMORY_DEFAULT, bytes,
                                          (gsize) w * sizeof (guint32));
#if !GTK_CHECK_VERSION (4, 10, 0)
  tile->surface = surface_new_for_bytes (bytes, w, h);
#endif
  render_us += g_get_monotonic_time () - t0;
}

/* Microseconds spent making tiles on the main thread since start. */
gint64
lda_tiled_layer_get_render_us (void)
{
  return render_us;
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
  self->n_tx = (width + TILE - 1) / TILE;
  self->n_ty = (height + TILE - 1) / TILE;
  self->tiles = g_new0 (Tile, (gsize) self->n_tx * self->n_ty);

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
    tile_clear (&self->tiles[i]);
  g_free (self->tiles);
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

  for (guint ty = (guint) y / TILE; ty <= (guint) (y1 - 1) / TILE; ty++)
    for (guint tx = (guint) x / TILE; tx <= (guint) (x1 - 1) / TILE; tx++)
      build_tile (self, tx, ty);
}

/* Where tile (tx, ty) goes, in widget coordinates; FALSE if it lies
 * outside @visible.  Its edges are put on whole pixels: renderers that
 * antialias the edges of textures (cairo) would otherwise let what lies
 * behind show through the pixels two tiles share at fractional zooms.
 * Neighbours compute their shared edge alike, so they still meet. */
static gboolean
tile_rect (LdaTiledLayer         *self,
           guint                  tx,
           guint                  ty,
           const graphene_rect_t *image,
           const graphene_rect_t *visible,
           double                 zoom,
           graphene_rect_t       *rect)
{
  double x0 = round (image->origin.x + tx * TILE * zoom);
  double y0 = round (image->origin.y + ty * TILE * zoom);
  double x1 = round (image->origin.x + MIN ((tx + 1) * TILE, self->width) * zoom);
  double y1 = round (image->origin.y + MIN ((ty + 1) * TILE, self->height) * zoom);

  graphene_rect_init (rect, x0, y0, x1 - x0, y1 - y0);

  return graphene_rect_intersection (rect, visible, NULL);
}

#if !GTK_CHECK_VERSION (4, 10, 0)
/* Square pixels on GTK 4.8: the visible tiles' surfaces with a nearest
 * filter.  Each tile fills its own rectangle, without antialiasing and
 * padded at its edges, so that at fractional zooms every screen pixel
 * along a tile edge is drawn once, by one tile: no seams. */
static void
snapshot_nearest (LdaTiledLayer         *self,
                  GtkSnapshot           *snapshot,
                  const graphene_rect_t *image,
                  const graphene_rect_t *visible,
                  double                 zoom)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, visible);

  cairo_translate (cr, image->origin.x, image->origin.y);
  cairo_scale (cr, zoom, zoom);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  for (guint ty = 0; ty < self->n_ty; ty++)
    for (guint tx = 0; tx < self->n_tx; tx++)
      {
        Tile *tile = &self->tiles[ty * self->n_tx + tx];
        graphene_rect_t rect;
        cairo_pattern_t *pattern;

        if (tile->surface == NULL || !tile_rect (self, tx, ty, image, visible, zoom, &rect))
          continue;

        cairo_set_source_surface (cr, tile->surface, tx * TILE, ty * TILE);
        pattern = cairo_get_source (cr);
        cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
        cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
        cairo_rectangle (cr, tx * TILE, ty * TILE,
                         cairo_image_surface_get_width (tile->surface),
                         cairo_image_surface_get_height (tile->surface));
        cairo_fill (cr);
      }

  cairo_destroy (cr);
}
#endif

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
      snapshot_nearest (self, snapshot, image, visible, zoom);
      return;
    }
#endif

  gtk_snapshot_push_clip (snapshot, visible);
  for (guint ty = 0; ty < self->n_ty; ty++)
    for (guint tx = 0; tx < self->n_tx; tx++)
      {
        GdkTexture *texture = self->tiles[ty * self->n_tx + tx].texture;
        graphene_rect_t rect;

        if (!tile_rect (self, tx, ty, image, visible, zoom, &rect))
          continue;
#if GTK_CHECK_VERSION (4, 10, 0)
        gtk_snapshot_append_scaled_texture (snapshot, texture,
                                            zoom >= 1.0 ? GSK_SCALING_FILTER_NEAREST
                                                        : GSK_SCALING_FILTER_LINEAR,
                                            &rect);
#else
        gtk_snapshot_append_texture (snapshot, texture, &rect);
#endif
      }
  gtk_snapshot_pop (snapshot);
}
