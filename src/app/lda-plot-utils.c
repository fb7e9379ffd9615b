/* lda-plot-utils.c — small helpers shared by the cairo plots
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-plot-utils.h"

/**
 * lda_widget_get_foreground:
 * @widget: a widget
 * @color: (out): its text colour from the theme
 */
void
lda_widget_get_foreground (GtkWidget *widget,
                           GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

/**
 * lda_cairo_set_color:
 * @cr: a cairo context
 * @color: a colour
 * @alpha: multiplies the colour's own alpha
 */
void
lda_cairo_set_color (cairo_t       *cr,
                     const GdkRGBA *color,
                     double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}
