/* lda-fraction-plot-private.h — what the plot's drawing
 * (lda-fraction-plot.c) and its pointer (lda-fraction-plot-pointer.c)
 * share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-fraction-plot.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean computed;
  gboolean no_cells;   /* computed, but without cells: no fraction */
  guint    curve;
  double   time;
  double   dead_fraction;
  char    *label;      /* the frame's title, or NULL */
} LdaPlotPoint;

struct _LdaFractionPlot
{
  GtkWidget  parent_instance;

  GArray    *points;   /* of LdaPlotPoint */
  guint      current;
  char      *time_title; /* NULL: "time" (frame indices) */
};

/* The time axis, as the exported plot has it (src/export/lda-plot.c):
 * from the earliest to the latest time index of the series, widened out
 * to whole ticks so that it starts and ends on a labelled value. */
typedef struct
{
  gint64 lo;
  gint64 hi;
  gint64 step;
} LdaTimeAxis;

double lda_fraction_plot_time_to_x     (const graphene_rect_t *area,
                                        const LdaTimeAxis     *axis,
                                        double                 time);
double lda_fraction_plot_fraction_to_y (const graphene_rect_t *area,
                                        double                 f);
void   lda_fraction_plot_get_area      (LdaFractionPlot       *self,
                                        int                    width,
                                        int                    height,
                                        graphene_rect_t       *area,
                                        LdaTimeAxis           *axis);

/* lda-fraction-plot-pointer.c */
void     lda_fraction_plot_pointer_init  (LdaFractionPlot *self);
gboolean lda_fraction_plot_query_tooltip (GtkWidget       *widget,
                                          int              x,
                                          int              y,
                                          gboolean         keyboard_mode,
                                          GtkTooltip      *tooltip);

G_END_DECLS
