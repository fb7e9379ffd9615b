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

/**
 * lda_halo_for:
 * @fg: a text colour
 *
 * The shade a halo takes around text of @fg: white under dark text,
 * black under light text (the theme's background is the other way).
 *
 * Returns: the halo's colour, opaque
 */
GdkRGBA
lda_halo_for (const GdkRGBA *fg)
{
  const float luma = 0.2126f * fg->red + 0.7152f * fg->green + 0.0722f * fg->blue;
  const float shade = luma < 0.5f ? 1.0f : 0.0f;

  return (GdkRGBA) { shade, shade, shade, 1.0f };
}

/**
 * lda_cairo_show_layout_halo:
 * @cr: a cairo context
 * @layout: text
 * @x: its left edge
 * @y: its top
 * @color: the text's colour, unless its attributes say otherwise
 * @alpha: multiplies @color's alpha
 * @halo: the halo's colour (lda_halo_for())
 *
 * Shows @layout over a stroke of @halo around its glyphs: text that stays
 * legible over the bars and lines of a plot.
 */
void
lda_cairo_show_layout_halo (cairo_t       *cr,
                            PangoLayout   *layout,
                            double         x,
                            double         y,
                            const GdkRGBA *color,
                            double         alpha,
                            const GdkRGBA *halo)
{
  cairo_save (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  lda_cairo_set_color (cr, halo, 0.85);
  cairo_set_line_width (cr, 3.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);

  lda_cairo_set_color (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}
