/* lda-image-view-private.h — what the files of the image view share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-image-view.h"
#include "lda-tiled-layer.h"

G_BEGIN_DECLS

/* The view maps image to widget coordinates with a zoom (screen pixels per
 * image pixel) and the image point shown at the widget centre:
 *
 *   widget = (image − center) · zoom + size / 2
 */

struct _LdaImageView
{
  GtkWidget        parent_instance;

  LdaTiledLayer   *image;
  /* The label mask drawn over the image, and its tiles
   * (lda-image-view-labels.c). */
  LdaImage        *labels;
  LdaTiledLayer   *label_layer;
  double           brush_radius;
  /* The hovered nucleus's outline: four floats per segment, in image
   * pixel corners (lda-nucleus-hover.c). */
  GArray          *outline;
  guint            image_width;
  guint            image_height;
  double           overlay_opacity;

  double           zoom;
  double           center_x;
  double           center_y;
  gboolean         fit;
  gboolean         pan_with_primary;

  /* The pointer in widget coordinates, and the image point last reported,
   * so that leaving twice does not report twice. */
  gboolean         pointer_inside;
  double           pointer_x;
  double           pointer_y;
  double           reported_x;
  double           reported_y;

  /* A pan in progress. */
  double           drag_center_x;
  double           drag_center_y;
  gboolean         drag_moved;
  GdkCursor       *saved_cursor;
};

/* lda-image-view.c */
gboolean lda_image_view_has_image          (LdaImageView    *self);
void     lda_image_view_image_rect         (LdaImageView    *self,
                                            graphene_rect_t *rect);
void     lda_image_view_set_center_clamped (LdaImageView    *self,
                                            double           x,
                                            double           y);
void     lda_image_view_set_fit_internal   (LdaImageView    *self,
                                            gboolean         fit);
void     lda_image_view_update_pointer     (LdaImageView    *self);
void     lda_image_view_zoom_about         (LdaImageView    *self,
                                            double           wx,
                                            double           wy,
                                            double           factor);
void     lda_image_view_pan_by             (LdaImageView    *self,
                                            double           dx,
                                            double           dy);
void     lda_image_view_toggle_solo        (LdaImageView    *self);

/* lda-image-view-input.c */
void     lda_image_view_init_input         (LdaImageView    *self);
void     lda_image_view_class_init_input   (GtkWidgetClass  *widget_class);

/* lda-image-view-draw.c */
void     lda_image_view_snapshot           (GtkWidget       *widget,
                                            GtkSnapshot     *snapshot);

/* lda-image-view-labels.c */
void     lda_image_view_clear_labels       (LdaImageView    *self);

G_END_DECLS
