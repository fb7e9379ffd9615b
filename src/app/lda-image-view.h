/* lda-image-view.h — one zoomable, pannable image pane
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-edits.h"
#include "lda-image.h"

G_BEGIN_DECLS

#define LDA_TYPE_IMAGE_VIEW (lda_image_view_get_type ())

G_DECLARE_FINAL_TYPE (LdaImageView, lda_image_view, LDA, IMAGE_VIEW, GtkWidget)

GtkWidget *lda_image_view_new                 (void);
void       lda_image_view_set_image           (LdaImageView *self,
                                               GBytes       *pixels,
                                               guint         width,
                                               guint         height);
void       lda_image_view_set_gray            (LdaImageView *self,
                                               GBytes       *gray,
                                               guint         width,
                                               guint         height);
void       lda_image_view_set_labels          (LdaImageView   *self,
                                               const LdaImage *labels);
const LdaImage *lda_image_view_get_labels     (LdaImageView   *self);
void       lda_image_view_labels_changed      (LdaImageView   *self,
                                               const LdaRect  *rect);
void       lda_image_view_set_overlay_opacity (LdaImageView *self,
                                               double        opacity);
void       lda_image_view_set_outline         (LdaImageView *self,
                                               GArray       *segments);
GArray    *lda_image_view_get_outline         (LdaImageView *self);
void       lda_image_view_set_brush_radius    (LdaImageView *self,
                                               double        radius);
double     lda_image_view_get_zoom            (LdaImageView *self);
void       lda_image_view_set_zoom            (LdaImageView *self,
                                               double        zoom);
void       lda_image_view_zoom_to_fit         (LdaImageView *self);
double     lda_image_view_zoom_step           (double        zoom,
                                               int           direction);
gboolean   lda_image_view_get_fit             (LdaImageView *self);
void       lda_image_view_get_center          (LdaImageView *self,
                                               double       *x,
                                               double       *y);
void       lda_image_view_set_center          (LdaImageView *self,
                                               double        x,
                                               double        y);
void       lda_image_view_bind                (LdaImageView *self,
                                               LdaImageView *other);
void       lda_image_view_widget_to_image     (LdaImageView *self,
                                               double        wx,
                                               double        wy,
                                               double       *ix,
                                               double       *iy);

G_END_DECLS
