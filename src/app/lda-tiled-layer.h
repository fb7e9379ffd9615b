/* lda-tiled-layer.h — an image layer drawn from tiles at the zoom shown
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Levels 0 (the image's own pixels) to 6 (one pixel for 64 × 64). */
#define LDA_TILED_LAYER_N_LEVELS 7
#define LDA_TILED_LAYER_TILE     256

/**
 * LdaTileRenderFunc:
 * @user_data: what the layer was made with
 * @level: the mipmap level: each pixel stands for 2^level × 2^level
 *   pixels of the image
 * @x: first column, in pixels of the level
 * @y: first row
 * @width: columns
 * @height: rows
 * @dest: where the premultiplied ARGB32 pixels go
 * @dest_stride: pixels per row of @dest
 *
 * Renders one tile of a layer, on the main thread.
 */
typedef void (*LdaTileRenderFunc) (gpointer  user_data,
                                   guint     level,
                                   guint     x,
                                   guint     y,
                                   guint     width,
                                   guint     height,
                                   guint32  *dest,
                                   gsize     dest_stride);

typedef struct _LdaTiledLayer LdaTiledLayer;

LdaTiledLayer *lda_tiled_layer_new           (guint                  width,
                                              guint                  height,
                                              LdaTileRenderFunc      render,
                                              gpointer               user_data);
LdaTiledLayer *lda_tiled_layer_new_for_bytes (GBytes                *pixels,
                                              guint                  width,
                                              guint                  height);
LdaTiledLayer *lda_tiled_layer_new_for_gray  (GBytes                *gray,
                                              guint                  width,
                                              guint                  height);
void           lda_tiled_layer_free          (LdaTiledLayer         *self);
GBytes        *lda_tiled_layer_get_source    (LdaTiledLayer         *self);
void           lda_tiled_layer_update        (LdaTiledLayer         *self,
                                              int                    x,
                                              int                    y,
                                              int                    width,
                                              int                    height);
void           lda_tiled_layer_snapshot      (LdaTiledLayer         *self,
                                              GtkSnapshot           *snapshot,
                                              const graphene_rect_t *image,
                                              const graphene_rect_t *visible,
                                              double                 zoom,
                                              gboolean               software);
guint          lda_tiled_layer_level_for_zoom (double                zoom);
guint          lda_tiled_layer_get_n_rendered (LdaTiledLayer        *self);
gint64         lda_tiled_layer_get_render_us  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaTiledLayer, lda_tiled_layer_free)

G_END_DECLS
