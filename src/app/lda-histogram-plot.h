/* lda-histogram-plot.h — a channel's intensities, its tile votes, the
 * peak and the threshold
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-threshold-methods.h"

G_BEGIN_DECLS

#define LDA_TYPE_HISTOGRAM_PLOT (lda_histogram_plot_get_type ())

G_DECLARE_FINAL_TYPE (LdaHistogramPlot, lda_histogram_plot, LDA, HISTOGRAM_PLOT, GtkWidget)

GtkWidget *lda_histogram_plot_new      (void);
void       lda_histogram_plot_set_data (LdaHistogramPlot *self,
                                        const guint32    *intensities,
                                        const guint32    *votes,
                                        guint             peak,
                                        gint64            threshold);
void       lda_histogram_plot_clear    (LdaHistogramPlot *self);
gint64     lda_histogram_plot_get_threshold (LdaHistogramPlot *self);
void       lda_histogram_plot_set_levels (LdaHistogramPlot       *self,
                                          const LdaThresholdLevels *levels,
                                          int                     in_use);
gint64     lda_histogram_plot_get_mark (LdaHistogramPlot         *self,
                                        LdaMethod                 method);

G_END_DECLS
