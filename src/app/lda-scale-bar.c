/* lda-scale-bar.c — a scale bar over an image pane
 *
 * A bar of a round length (1, 2 or 5 × 10^k µm) between 40 and 150
 * screen pixels long at the pane's zoom, with its length written above
 * it, in the pane's lower left corner.  Without a pixel size (data that
 * carry no calibration) it shows nothing: never a wrong unit.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lda-scale-bar.h"

#define MIN_BAR_PX 40.0
#define BAR_HEIGHT 4.0
#define MARGIN     10

struct _LdaScaleBar
{
  GtkWidget     parent_instance;

  LdaImageView *view;       /* weak */
  double        pixel_um;
};

G_DEFINE_FINAL_TYPE (LdaScaleBar, lda_scale_bar, GTK_TYPE_WIDGET)

/* The bar's length in µm and in screen pixels at @zoom. */
static gboolean
choose_length (double  pixel_um,
               double  zoom,
               double *length_um,
               double *length_px)
{
  static const double steps[] = { 1.0, 2.0, 5.0 };

  if (pixel_um <= 0.0 || zoom <= 0.0)
    return FALSE;

  for (double magnitude = 1e-3; magnitude < 1e7; magnitude *= 10.0)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        double um = steps[i] * magnitude;
        double px = um / pixel_um * zoom;

        if (px >= MIN_BAR_PX)
          {
            *length_um = um;
            *length_px = px;
            return TRUE;
          }
      }

  return FALSE;
}

static char *
length_text (double um)
{
  if (um >= 1000.0)
    return g_strdup_printf (_("%g mm"), um / 1000.0);
  return g_strdup_printf (_("%g µm"), um);
}

static void
lda_scale_bar_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LdaScaleBar *self = LDA_SCALE_BAR (widget);
  double um, px;
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  int text_w, text_h;
  float height = (float) gtk_widget_get_height (widget);
  GdkRGBA white = { 1.0f, 1.0f, 1.0f, 0.95f };
  GdkRGBA shadow = { 0.0f, 0.0f, 0.0f, 0.6f };

  if (self->view == NULL ||
      !choose_length (self->pixel_um, lda_image_view_get_zoom (self->view), &um, &px))
    return;

  text = length_text (um);
  layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);

  gtk_snapshot_append_color (snapshot, &shadow,
                             &GRAPHENE_RECT_INIT (MARGIN - 1, height - MARGIN - BAR_HEIGHT - 1,
                                                  (float) px + 2, BAR_HEIGHT + 2));
  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (MARGIN, height - MARGIN - BAR_HEIGHT,
                                                  (float) px, BAR_HEIGHT));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (MARGIN + 1, height - MARGIN - BAR_HEIGHT - 2 -
                                                text_h + 1));
  gtk_snapshot_append_layout (snapshot, layout, &shadow);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-1, -1));
  gtk_snapshot_append_layout (snapshot, layout, &white);
  gtk_snapshot_restore (snapshot);
}

static void
lda_scale_bar_dispose (GObject *object)
{
  LdaScaleBar *self = LDA_SCALE_BAR (object);

  g_clear_weak_pointer (&self->view);
  G_OBJECT_CLASS (lda_scale_bar_parent_class)->dispose (object);
}

static void
lda_scale_bar_class_init (LdaScaleBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lda_scale_bar_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = lda_scale_bar_snapshot;
}

static void
lda_scale_bar_init (LdaScaleBar *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_FILL);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_FILL);
}

static void
on_zoom (LdaScaleBar *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_scale_bar_new:
 * @view: the pane's image view, whose zoom the bar follows
 *
 * Returns: (transfer floating): the bar, empty until a pixel size is set
 */
GtkWidget *
lda_scale_bar_new (LdaImageView *view)
{
  LdaScaleBar *self = g_object_new (LDA_TYPE_SCALE_BAR, NULL);

  g_set_weak_pointer (&self->view, view);
  g_signal_connect_object (view, "notify::zoom", G_CALLBACK (on_zoom), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * lda_scale_bar_set_pixel_size:
 * @self: a bar
 * @pixel_um: the side of an image pixel in µm, or 0 when unknown
 */
void
lda_scale_bar_set_pixel_size (LdaScaleBar *self,
                              double       pixel_um)
{
  g_return_if_fail (LDA_IS_SCALE_BAR (self));

  if (self->pixel_um != pixel_um)
    {
      self->pixel_um = pixel_um;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}
