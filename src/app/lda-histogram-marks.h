/* lda-histogram-marks.h — where each threshold method puts the threshold,
 * as small labelled marks under a histogram
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-params.h"

G_BEGIN_DECLS

/* Rows of method names under a histogram. */
#define LDA_HISTOGRAM_LABEL_ROWS 2

const char *lda_histogram_mark_label (LdaMethod              method);
void        lda_histogram_place_labels (const double        *x,
                                        const double        *width,
                                        guint                n,
                                        double               left,
                                        double               right,
                                        double               gap,
                                        double               avoid,
                                        double              *lx,
                                        int                 *row);
void        lda_histogram_draw_marks (GtkWidget             *widget,
                                      cairo_t               *cr,
                                      const graphene_rect_t *area,
                                      guint                  range_max,
                                      const gint64          *thresholds,
                                      int                    in_use,
                                      const GdkRGBA         *in_use_color,
                                      double                 left,
                                      double                 right);
int         lda_histogram_marks_height (GtkWidget           *widget);
void        lda_histogram_draw_axis (GtkWidget              *widget,
                                     cairo_t                *cr,
                                     const graphene_rect_t  *area,
                                     guint                   range_max,
                                     const GdkRGBA          *fg,
                                     double                 *left,
                                     double                 *right);

G_END_DECLS
