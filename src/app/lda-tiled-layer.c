/* lda-tiled-layer.c — an image layer drawn from tiles at the zoom shown
 *
 * Textures are immutable, so a layer is cut into 256 × 256 tiles, each
 * its own texture, made when first drawn: a brush dab remakes the one to
 * four tiles it touched, not the whole frame, and a large frame zoomed in
 * makes only the tiles on screen.  Zoomed out, the tiles come from a
 * mipmap level (each pixel standing for 2^level × 2^level of the image)
 * whose pixels are about the size of the screen's, so that the renderer
 * never scales a whole large frame down in every frame.
 *
 * A layer over pixels already rendered (lda_tiled_layer_new_for_bytes())
 * makes its level-0 tiles without copying: each texture is a window onto
 * the caller's immutable bytes.  A layer over gray levels
 * (lda_tiled_layer_new_for_gray()) keeps a byte a pixel, a quarter of
 * that, and makes each tile's pixels from them when it is drawn, the
 * same pixels as a layer over the gray's ARGB32 would show.  Any other
 * layer renders its tiles with the caller's function, into tiles of its
 * own.  Nothing a render node
 * refers to is ever written again: a renderer may keep the last frame's
 * nodes to find what changed.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-render.h"
#include "lda-tiled-layer.h"

#define TILE     LDA_TILED_LAYER_TILE
#define N_LEVELS LDA_TILED_LAYER_N_LEVELS

/* Level-0 tiles of a rendered layer kept beyond those on screen; the
 * others are dropped, so panning over a large frame zoomed in holds
 * memory for about two screens, not the frame. */
#define SPARE_TILES 64

typedef struct
{
  GdkTexture      *texture;
#if !GTK_CHECK_VERSION (4, 10, 0)
  /* GTK 4.8 can only filter textures linearly, and its cairo renderer
   * copies a texture into a new surface in every frame: zoomed in, and
   * at every zoom under that renderer, tiles are drawn with cairo, from
   * a surface over the texture's own pixels. */
  cairo_surface_t *surface;
#endif
} Tile;

typedef struct
{
  guint  width;
  guint  height;
  guint  n_tx;
  guint  n_ty;
  guint  n_built;
  Tile  *tiles;
} Level;

struct _LdaTiledLayer
{
  guint              width;
  guint              height;
  GBytes            *source;
  gboolean           gray;      /* @source holds a byte a pixel */
  LdaTileRenderFunc  render;
  gpointer           user_data;
  Level              levels[N_LEVELS];
  guint              n_rendered;
};

/* Main thread only: the time spent making tiles, for the benchmarks. */
static gint64 render_us;

#if !GTK_CHECK_VERSION (4, 10, 0)
static const cairo_user_data_key_t pixels_key;

/* A cairo surface over @bytes, which it keeps alive for as long as
 * anything holds the surface: a recorded drawing may outlive the tile. */
static cairo_surface_t *
surface_new_for_bytes (GBytes *bytes,
                       guint   width,
                       guint   height,
                       gsize   stride)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  surface = cairo_image_surface_create_for_data ((unsigned char *) g_bytes_get_data (bytes, NULL),
                                                 CAIRO_FORMAT_ARGB32, (int) width, (int) height,
                                                 (int) stride);
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

static gboolean
tile_is_built (const Tile *tile)
{
  return tile->texture != NULL;
}

/* A bytes layer's mipmap levels, from its own pixels. */
static void
render_from_source (LdaTiledLayer *self,
                    guint          level,
                    guint          x,
                    guint          y,
                    guint          width,
                    guint          height,
                    guint32       *dest,
                    gsize          dest_stride)
{
  lda_render_downsample (g_bytes_get_data (self->source, NULL), self->width,
                         self->width, self->height, level, x, y, width, height,
                         dest, dest_stride);
}

static void
build_tile (LdaTiledLayer *self,
            guint          level,
            guint          tx,
            guint          ty)
{
  Level *l = &self->levels[level];
  Tile *tile = &l->tiles[ty * l->n_tx + tx];
  guint x0 = tx * TILE, y0 = ty * TILE;
  guint w = MIN (TILE, l->width - x0);
  guint h = MIN (TILE, l->height - y0);
  g_autoptr(GBytes) bytes = NULL;
  gsize stride;
  gint64 t0 = g_get_monotonic_time ();

  if (level == 0 && self->source != NULL && !self->gray)
    {
      /* A window onto the caller's pixels, rows @stride apart. */
      stride = (gsize) self->width * 4;
      bytes = g_bytes_new_from_bytes (self->source, (gsize) y0 * stride + (gsize) x0 * 4,
                                      (gsize) (h - 1) * stride + (gsize) w * 4);
    }
  else
    {
      guint32 *pixels = g_new (guint32, (gsize) w * h);

      if (self->gray)
        lda_render_gray_area (g_bytes_get_data (self->source, NULL), self->width,
                              self->width, self->height, level, x0, y0, w, h, pixels, w);
      else if (self->source != NULL)
        render_from_source (self, level, x0, y0, w, h, pixels, w);
      else
        self->render (self->user_data, level, x0, y0, w, h, pixels, w);
      stride = (gsize) w * 4;
      bytes = g_bytes_new_take (pixels, (gsize) w * h * 4);
    }

  tile_clear (tile);
  tile->texture = gdk_memory_texture_new ((int) w, (int) h, GDK_MEMORY_DEFAULT, bytes, stride);
#if !GTK_CHECK_VERSION (4, 10, 0)
  tile->surface = surface_new_for_bytes (bytes, w, h, stride);
#endif
  l->n_built++;
  self->n_rendered++;
  render_us += g_get_monotonic_time () - t0;
}

static LdaTiledLayer *
layer_new (guint width,
           guint height)
{
  LdaTiledLayer *self = g_new0 (LdaTiledLayer, 1);

  self->width = width;
  self->height = height;
  for (guint level = 0; level < N_LEVELS; level++)
    {
      Level *l = &self->levels[level];

      l->width = (width + (1u << level) - 1) >> level;
      l->height = (height + (1u << level) - 1) >> level;
      l->n_tx = (l->width + TILE - 1) / TILE;
      l->n_ty = (l->height + TILE - 1) / TILE;
      l->tiles = g_new0 (Tile, (gsize) l->n_tx * l->n_ty);
    }

  return self;
}

/**
 * lda_tiled_layer_new:
 * @width: columns
 * @height: rows
 * @render: renders a tile of any level
 * @user_data: for @render, which must stay valid as long as the layer
 *
 * Returns: (transfer full): a layer that renders its tiles when they are
 *   first drawn, and again after lda_tiled_layer_update()
 */
LdaTiledLayer *
lda_tiled_layer_new (guint             width,
                     guint             height,
                     LdaTileRenderFunc render,
                     gpointer          user_data)
{
  LdaTiledLayer *self;

  g_return_val_if_fail (width > 0 && height > 0 && render != NULL, NULL);

  self = layer_new (width, height);
  self->render = render;
  self->user_data = user_data;

  return self;
}

/**
 * lda_tiled_layer_new_for_bytes:
 * @pixels: premultiplied ARGB32 pixels, rows packed, never written again
 * @width: columns
 * @height: rows
 *
 * Returns: (transfer full): a layer showing @pixels, of which it keeps a
 *   reference, not a copy
 */
LdaTiledLayer *
lda_tiled_layer_new_for_bytes (GBytes *pixels,
                               guint   width,
                               guint   height)
{
  LdaTiledLayer *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (g_bytes_get_size (pixels) >= (gsize) width * height * 4, NULL);

  self = layer_new (width, height);
  self->source = g_bytes_ref (pixels);

  return self;
}

/**
 * lda_tiled_layer_new_for_gray:
 * @gray: gray levels, a byte a pixel, rows packed, never written again
 *   (lda_render_gray8())
 * @width: columns
 * @height: rows
 *
 * Returns: (transfer full): a layer showing @gray as opaque gray, of
 *   which it keeps a reference, not a copy
 */
LdaTiledLayer *
lda_tiled_layer_new_for_gray (GBytes *gray,
                              guint   width,
                              guint   height)
{
  LdaTiledLayer *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (g_bytes_get_size (gray) >= (gsize) width * height, NULL);

  self = layer_new (width, height);
  self->source = g_bytes_ref (gray);
  self->gray = TRUE;

  return self;
}

void
lda_tiled_layer_free (LdaTiledLayer *self)
{
  if (self == NULL)
    return;

  for (guint level = 0; level < N_LEVELS; level++)
    {
      Level *l = &self->levels[level];

      for (gsize i = 0; i < (gsize) l->n_tx * l->n_ty; i++)
        tile_clear (&l->tiles[i]);
      g_free (l->tiles);
    }
  g_clear_pointer (&self->source, g_bytes_unref);
  g_free (self);
}

/**
 * lda_tiled_layer_get_source:
 * @self: a layer
 *
 * Returns: (transfer none) (nullable): the bytes the layer shows, if it
 *   was made for bytes: ARGB32, or a byte a pixel for a gray layer
 */
GBytes *
lda_tiled_layer_get_source (LdaTiledLayer *self)
{
  return self->source;
}

/**
 * lda_tiled_layer_update:
 * @self: a layer made with a render function
 * @x: first changed column
 * @y: first changed row
 * @width: changed columns
 * @height: changed rows
 *
 * Drops the tiles of every level that show the changed rectangle: they
 * are rendered again when next drawn.
 */
void
lda_tiled_layer_update (LdaTiledLayer *self,
                        int            x,
                        int            y,
                        int            width,
                        int            height)
{
  int x1 = (int) MIN ((gint64) self->width, (gint64) x + width);
  int y1 = (int) MIN ((gint64) self->height, (gint64) y + height);

  x = MAX (x, 0);
  y = MAX (y, 0);
  if (x >= x1 || y >= y1)
    return;

  for (guint level = 0; level < N_LEVELS; level++)
    {
      Level *l = &self->levels[level];
      guint tx0 = ((guint) x >> level) / TILE, tx1 = ((guint) (x1 - 1) >> level) / TILE;
      guint ty0 = ((guint) y >> level) / TILE, ty1 = ((guint) (y1 - 1) >> level) / TILE;

      for (guint ty = ty0; ty <= ty1; ty++)
        for (guint tx = tx0; tx <= tx1; tx++)
          {
            Tile *tile = &l->tiles[ty * l->n_tx + tx];

            if (tile_is_built (tile))
              {
                tile_clear (tile);
                l->n_built--;
              }
          }
    }
}

/**
 * lda_tiled_layer_level_for_zoom:
 * @zoom: screen pixels per image pixel
 *
 * Returns: the mipmap level a layer is drawn from at @zoom: the coarsest
 *   whose pixels are still no smaller than the screen's
 */
guint
lda_tiled_layer_level_for_zoom (double zoom)
{
  guint level = 0;

  while (level + 1 < N_LEVELS && zoom * (double) (1u << (level + 1)) <= 1.0 + 1e-9)
    level++;

  return level;
}

/* Where tile (tx, ty) of @level goes, in widget coordinates.  Its edges
 * are put on whole pixels: renderers that antialias the edges of textures
 * (cairo) would otherwise let what lies behind show through the pixels two
 * tiles share at fractional zooms.  Neighbours compute their shared edge
 * alike, so they still meet. */
static void
tile_rect (LdaTiledLayer         *self,
           guint                  level,
           guint                  tx,
           guint                  ty,
           const graphene_rect_t *image,
           double                 zoom,
           graphene_rect_t       *rect)
{
  guint span = TILE << level;
  double x0 = round (image->origin.x + (double) tx * span * zoom);
  double y0 = round (image->origin.y + (double) ty * span * zoom);
  double x1 = round (image->origin.x + MIN ((guint64) (tx + 1) * span, self->width) * zoom);
  double y1 = round (image->origin.y + MIN ((guint64) (ty + 1) * span, self->height) * zoom);

  graphene_rect_init (rect, x0, y0, x1 - x0, y1 - y0);
}

/* The tiles of @level that @visible shows, as [*tx0, *tx1) × [*ty0, *ty1). */
static void
visible_tiles (LdaTiledLayer         *self,
               guint                  level,
               const graphene_rect_t *image,
               const graphene_rect_t *visible,
               double                 zoom,
               guint                 *tx0,
               guint                 *tx1,
               guint                 *ty0,
               guint                 *ty1)
{
  const Level *l = &self->levels[level];
  double span = (double) (TILE << level) * zoom;
  double left = (visible->origin.x - image->origin.x) / span;
  double top = (visible->origin.y - image->origin.y) / span;
  double right = (visible->origin.x + visible->size.width - image->origin.x) / span;
  double bottom = (visible->origin.y + visible->size.height - image->origin.y) / span;

  /* A pixel of slack each side: tile edges are rounded (tile_rect()). */
  *tx0 = (guint) CLAMP (floor (left - 1.0 / span), 0, l->n_tx);
  *ty0 = (guint) CLAMP (floor (top - 1.0 / span), 0, l->n_ty);
  *tx1 = (guint) CLAMP (ceil (right + 1.0 / span), 0, l->n_tx);
  *ty1 = (guint) CLAMP (ceil (bottom + 1.0 / span), 0, l->n_ty);
}

/* Drops the level-0 tiles of a layer that made them (any but a layer
 * over ARGB32 bytes) that are off screen, once there are more of them
 * than a screenful and SPARE_TILES. */
static void
drop_hidden_tiles (LdaTiledLayer *self,
                   guint          tx0,
                   guint          tx1,
                   guint          ty0,
                   guint          ty1)
{
  Level *l = &self->levels[0];

  if ((self->source != NULL && !self->gray)
      || l->n_built <= (tx1 - tx0) * (ty1 - ty0) + SPARE_TILES)
    return;

  for (guint ty = 0; ty < l->n_ty; ty++)
    for (guint tx = 0; tx < l->n_tx; tx++)
      {
        Tile *tile = &l->tiles[ty * l->n_tx + tx];

        if ((tx < tx0 || tx >= tx1 || ty < ty0 || ty >= ty1) && tile_is_built (tile))
          {
            tile_clear (tile);
            l->n_built--;
          }
      }
}

#if !GTK_CHECK_VERSION (4, 10, 0)
/* The cairo surface of tile (tx, ty) of @level, made if not yet. */
static cairo_surface_t *
tile_surface (LdaTiledLayer *self,
              guint          level,
              guint          tx,
              guint          ty)
{
  Level *l = &self->levels[level];
  Tile *tile = &l->tiles[ty * l->n_tx + tx];

  if (!tile_is_built (tile))
    build_tile (self, level, tx, ty);

  return tile->surface;
}

/* Square pixels on GTK 4.8: the visible tiles' surfaces with a nearest
 * filter.  Each tile fills its own rectangle, without antialiasing and
 * padded at its edges, so that at fractional zooms every screen pixel
 * along a tile edge is drawn once, by one tile: no seams. */
static void
snapshot_nearest (LdaTiledLayer         *self,
                  GtkSnapshot           *snapshot,
                  const graphene_rect_t *image,
                  const graphene_rect_t *visible,
                  double                 zoom,
                  guint                  tx0,
                  guint                  tx1,
                  guint                  ty0,
                  guint                  ty1)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, visible);

  cairo_translate (cr, image->origin.x, image->origin.y);
  cairo_scale (cr, zoom, zoom);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  for (guint ty = ty0; ty < ty1; ty++)
    for (guint tx = tx0; tx < tx1; tx++)
      {
        cairo_surface_t *surface = tile_surface (self, 0, tx, ty);
        cairo_pattern_t *pattern;

        if (surface == NULL)
          continue;

        cairo_set_source_surface (cr, surface, tx * TILE, ty * TILE);
        pattern = cairo_get_source (cr);
        cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
        cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
        cairo_rectangle (cr, tx * TILE, ty * TILE,
                         cairo_image_surface_get_width (surface),
                         cairo_image_surface_get_height (surface));
        cairo_fill (cr);
      }

  cairo_destroy (cr);
}

/* Zoomed out under GTK 4.8's cairo renderer: the visible tiles of @level
 * drawn from their surfaces as that renderer draws a texture — each
 * stretched onto its rectangle (tile_rect()), padded at its edges, with
 * cairo's own filter — but without copying it into a new surface first. */
static void
snapshot_smooth (LdaTiledLayer         *self,
                 GtkSnapshot           *snapshot,
                 guint                  level,
                 const graphene_rect_t *image,
                 const graphene_rect_t *visible,
                 double                 zoom,
                 guint                  tx0,
                 guint                  tx1,
                 guint                  ty0,
                 guint                  ty1)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, visible);

  for (guint ty = ty0; ty < ty1; ty++)
    for (guint tx = tx0; tx < tx1; tx++)
      {
        cairo_surface_t *surface;
        cairo_pattern_t *pattern;
        cairo_matrix_t matrix;
        graphene_rect_t rect;

        tile_rect (self, level, tx, ty, image, zoom, &rect);
        if (!graphene_rect_intersection (&rect, visible, NULL) ||
            (surface = tile_surface (self, level, tx, ty)) == NULL)
          continue;

        pattern = cairo_pattern_create_for_surface (surface);
        cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
        /* Bilinear by name: cairo's default filter shrinks a surface to
         * less than three quarters of its size (a zoom of 50 to 75 %,
         * 25 to 37 %) with a convolution, 130 ms a frame for one pane
         * of a 2048 × 2048 frame at 60 %, against 15 ms bilinear. */
        cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
        cairo_matrix_init_scale (&matrix,
                                 cairo_image_surface_get_width (surface) / rect.size.width,
                                 cairo_image_surface_get_height (surface) / rect.size.height);
        cairo_matrix_translate (&matrix, -rect.origin.x, -rect.origin.y);
        cairo_pattern_set_matrix (pattern, &matrix);
        cairo_set_source (cr, pattern);
        cairo_pattern_destroy (pattern);
        cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
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
 * @software: whether GTK's cairo renderer draws the frame
 *
 * Draws the visible tiles of the level for @zoom, making those not made
 * yet: sharp when zoomed in, smooth when zoomed out.  On GTK 4.8 the
 * cairo renderer copies every texture it draws into a new surface, in
 * every frame (two thirds of a frame's time with four panes at 2048 ×
 * 2048): under it the tiles are drawn from surfaces over their own
 * pixels at every zoom.
 */
void
lda_tiled_layer_snapshot (LdaTiledLayer         *self,
                          GtkSnapshot           *snapshot,
                          const graphene_rect_t *image,
                          const graphene_rect_t *visible,
                          double                 zoom,
                          gboolean               software)
{
  guint level = lda_tiled_layer_level_for_zoom (zoom);
  Level *l = &self->levels[level];
  guint tx0, tx1, ty0, ty1;

  visible_tiles (self, level, image, visible, zoom, &tx0, &tx1, &ty0, &ty1);

#if !GTK_CHECK_VERSION (4, 10, 0)
  if (zoom >= 1.0)
    {
      snapshot_nearest (self, snapshot, image, visible, zoom, tx0, tx1, ty0, ty1);
      drop_hidden_tiles (self, tx0, tx1, ty0, ty1);
      return;
    }
  if (software)
    {
      snapshot_smooth (self, snapshot, level, image, visible, zoom, tx0, tx1, ty0, ty1);
      if (level == 0)
        drop_hidden_tiles (self, tx0, tx1, ty0, ty1);
      return;
    }
#else
  (void) software;
#endif

  gtk_snapshot_push_clip (snapshot, visible);
  for (guint ty = ty0; ty < ty1; ty++)
    for (guint tx = tx0; tx < tx1; tx++)
      {
        Tile *tile = &l->tiles[ty * l->n_tx + tx];
        graphene_rect_t rect;

        tile_rect (self, level, tx, ty, image, zoom, &rect);
        if (!graphene_rect_intersection (&rect, visible, NULL))
          continue;
        if (!tile_is_built (tile))
          build_tile (self, level, tx, ty);
#if GTK_CHECK_VERSION (4, 10, 0)
        gtk_snapshot_append_scaled_texture (snapshot, tile->texture,
                                            zoom >= 1.0 ? GSK_SCALING_FILTER_NEAREST
                                                        : GSK_SCALING_FILTER_LINEAR,
                                            &rect);
#else
        gtk_snapshot_append_texture (snapshot, tile->texture, &rect);
#endif
      }
  gtk_snapshot_pop (snapshot);

  if (level == 0)
    drop_hidden_tiles (self, tx0, tx1, ty0, ty1);
}

/**
 * lda_tiled_layer_get_n_rendered:
 * @self: a layer
 *
 * Returns: how many tiles the layer has made so far, of any level
 */
guint
lda_tiled_layer_get_n_rendered (LdaTiledLayer *self)
{
  return self->n_rendered;
}

/* Microseconds spent making tiles on the main thread since start, for
 * the benchmarks. */
gint64
lda_tiled_layer_get_render_us (void)
{
  return render_us;
}
