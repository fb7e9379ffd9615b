/* lda-tiled-layer.h — an image layer that can be changed a piece at a time
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _LdaTiledLayer LdaTiledLayer;

LdaTiledLayer *lda_tiled_layer_new        (GBytes                *pixels,
                                           guint                  width,
                                           guint                  height);
void           lda_tiled_layer_free       (LdaTiledLayer         *self);
GBytes        *lda_tiled_layer_get_source (LdaTiledLayer         *self);
guint32       *lda_tiled_layer_get_pixels (LdaTiledLayer         *self);
void           lda_tiled_layer_update     (LdaTiledLayer         *self,
                                           int                    x,
                                           int                    y,
                                           int                    width,
                                           int                    height);
void           lda_tiled_layer_snapshot   (LdaTiledLayer         *self,
                                           GtkSnapshot           *snapshot,
                                           const graphene_rect_t *image,
                                           const graphene_rect_t *visible,
                                           double                 zoom);

gint64         lda_tiled_layer_get_render_us (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaTiledLayer, lda_tiled_layer_free)

G_END_DECLS
