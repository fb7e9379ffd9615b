/* lda-image-view-draw.c — what an image pane draws
 *
 * The image and the label mask from their tiles at the zoom shown, the
 * outline of the nucleus under the pointer, the brush and the focus.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-image-view-private.h"

void
lda_image_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LdaImageView *self = LDA_IMAGE_VIEW (widget);
  static const GdkRGBA background = { 0.14f, 0.14f, 0.14f, 1.0f };
  static const GdkRGBA focus = { 0.21f, 0.52f, 0.89f, 0.7f };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t area;
  graphene_rect_t image;
  graphene_rect_t visible;

  graphene_rect_init (&area, 0, 0, width, height);
  gtk_snapshot_append_color (snapshot, &background, &area);

  if (lda_image_view_has_image (self))
    {
      lda_image_view_image_rect (self, &image);

      /* The part inside the widget (empty if none), on whole pixels so
       * that a cairo node is not resampled when placed. */
      graphene_rect_intersection (&area, &image, &visible);
      graphene_rect_round_extents (&visible, &visible);
      graphene_rect_intersection (&area, &visible, &visible);

      if (visible.size.width > 0 && visible.size.height > 0)
        {
          GtkNative *native = gtk_widget_get_native (widget);
          gboolean software = native != NULL &&
                              GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));

          lda_tiled_layer_snapshot (self->image, snapshot, &image, &visible, self->zoom, software);

          if (self->label_layer != NULL && self->overlay_opacity > 0.0)
            {
              gtk_snapshot_push_opacity (snapshot, self->overlay_opacity);
              lda_tiled_layer_snapshot (self->label_layer, snapshot, &image, &visible, self->zoom,
                                        software);
              gtk_snapshot_pop (snapshot);
            }
        }

      if (self->outline != NULL && self->outline->len > 0 &&
          visible.size.width > 0 && visible.size.height > 0)
        {
          const float *s = (const float *) self->outline->data;
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &visible);

          for (guint i = 0; i + 3 < self->outline->len; i += 4)
            {
              cairo_move_to (cr, image.origin.x + s[i] * self->zoom,
                             image.origin.y + s[i + 1] * self->zoom);
              cairo_line_to (cr, image.origin.x + s[i + 2] * self->zoom,
                             image.origin.y + s[i + 3] * self->zoom);
            }
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
          cairo_set_line_width (cr, 3.0);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          cairo_set_source_rgba (cr, 1, 0.92, 0.23, 1);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }

      /* The brush outline under the pointer, in image pixels. */
      if (self->brush_radius > 0.0 && self->pointer_inside)
        {
          graphene_rect_t bounds;
          cairo_t *cr;
          double r = MAX (self->brush_radius * self->zoom, 1.5);

          graphene_rect_init (&bounds, self->pointer_x - r - 2, self->pointer_y - r - 2,
                              2 * r + 4, 2 * r + 4);
          cr = gtk_snapshot_append_cairo (snapshot, &bounds);
          cairo_arc (cr, self->pointer_x, self->pointer_y, r, 0, 2 * G_PI);
          cairo_set_line_width (cr, 1.5);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, 0.75);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }
    }

  /* Four identical panes: show which one the keys act on. */
  if (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_VISIBLE)
    {
      GskRoundedRect outline;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { focus, focus, focus, focus };

      gsk_rounded_rect_init_from_rect (&outline, &area, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}
