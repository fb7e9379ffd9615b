/* lda-fraction-plot.h — the dead fraction over the time points of a series
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LDA_TYPE_FRACTION_PLOT (lda_fraction_plot_get_type ())

G_DECLARE_FINAL_TYPE (LdaFractionPlot, lda_fraction_plot, LDA, FRACTION_PLOT, GtkWidget)

GtkWidget *lda_fraction_plot_new         (void);
void       lda_fraction_plot_set_n_points (LdaFractionPlot *self,
                                          guint            n_points);
void       lda_fraction_plot_set_point   (LdaFractionPlot *self,
                                          guint            index,
                                          double           time,
                                          double           dead_fraction);
void       lda_fraction_plot_set_label   (LdaFractionPlot *self,
                                          guint            index,
                                          const char      *label);
gboolean   lda_fraction_plot_activate_at (LdaFractionPlot *self,
                                          double           x,
                                          double           y);
char      *lda_fraction_plot_describe_at (LdaFractionPlot *self,
                                          double           x,
                                          double           y);
void       lda_fraction_plot_set_curve   (LdaFractionPlot *self,
                                          guint            index,
                                          guint            curve);
void       lda_fraction_plot_set_time    (LdaFractionPlot *self,
                                          guint            index,
                                          double           time);
void       lda_fraction_plot_set_time_title (LdaFractionPlot *self,
                                          const char      *title);
void       lda_fraction_plot_clear_point (LdaFractionPlot *self,
                                          guint            index);
void       lda_fraction_plot_set_current (LdaFractionPlot *self,
                                          guint            index);

G_END_DECLS
