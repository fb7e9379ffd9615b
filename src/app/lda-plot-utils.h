/* lda-plot-utils.h — small helpers shared by the cairo plots
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lda_widget_get_foreground (GtkWidget     *widget,
                                GdkRGBA       *color);
void lda_cairo_set_color       (cairo_t       *cr,
                                const GdkRGBA *color,
                                double         alpha);
GdkRGBA lda_halo_for           (const GdkRGBA *fg);
void lda_cairo_show_layout_halo (cairo_t      *cr,
                                 PangoLayout  *layout,
                                 double        x,
                                 double        y,
                                 const GdkRGBA *color,
                                 double        alpha,
                                 const GdkRGBA *halo);

G_END_DECLS
