/* lda-plot-font.h — the plot's own stroke font
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

double lda_plot_text_width (const char *text);
void   lda_plot_draw_text  (cairo_t    *cr,
                            const char *text,
                            double      x,
                            double      y,
                            double      size,
                            double      halign);

G_END_DECLS
