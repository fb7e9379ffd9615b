/* lda-fraction-plot-pointer.c — the dead-fraction plot under the pointer:
 * a point's tooltip, and a click that activates it
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lda-fraction-plot-private.h"

/* The point nearest (@x, @y) on the screen: points of several fields
 * share a time. */
static guint
nearest_point (LdaFractionPlot       *self,
               const graphene_rect_t *area,
               const LdaTimeAxis     *axis,
               double                 x,
               double                 y)
{
  guint nearest = 0;
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < self->points->len; i++)
    {
      const LdaPlotPoint *q = &g_array_index (self->points, LdaPlotPoint, i);
      double dx = x - lda_fraction_plot_time_to_x (area, axis, q->time);
      double dy = y - (q->computed ? lda_fraction_plot_fraction_to_y (area, q->dead_fraction)
                                   : area->origin.y + area->size.height);
      double d = dx * dx + dy * dy;

      if (d < best)
        {
          best = d;
          nearest = i;
        }
    }

  return nearest;
}

/**
 * lda_fraction_plot_activate_at:
 * @self: a plot
 * @x: where it was clicked
 * @y: the other coordinate
 *
 * Emits #LdaFractionPlot::point-activated for the point nearest (@x, @y),
 * when it is within a few pixels of it across the time axis.
 *
 * Returns: %TRUE if a point was activated
 */
gboolean
lda_fraction_plot_activate_at (LdaFractionPlot *self,
                               double           x,
                               double           y)
{
  GtkWidget *widget = GTK_WIDGET (self);
  graphene_rect_t area;
  LdaTimeAxis axis;
  guint nearest;

  g_return_val_if_fail (LDA_IS_FRACTION_PLOT (self), FALSE);

  if (self->points->len == 0)
    return FALSE;
  lda_fraction_plot_get_area (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &area, &axis);
  nearest = nearest_point (self, &area, &axis, x, y);
  if (fabs (x - lda_fraction_plot_time_to_x (&area, &axis, g_array_index (self->points, LdaPlotPoint, nearest).time)) > 8)
    return FALSE;
  g_signal_emit_by_name (self, "point-activated", nearest);
  return TRUE;
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             LdaFractionPlot *self)
{
  lda_fraction_plot_activate_at (self, x, y);
}

/**
 * lda_fraction_plot_describe_at:
 * @self: a plot
 * @x: a point of the widget
 * @y: its other coordinate
 *
 * The point nearest (@x, @y), as its tooltip says it: the frame's label
 * on a line of its own, its number counted from 1 as the window's title counts, its time and
 * its dead fraction.
 *
 * Returns: (transfer full) (nullable): the text, %NULL away from the plot
 */
char *
lda_fraction_plot_describe_at (LdaFractionPlot *self,
                               double           x,
                               double           y)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *text = NULL;
  graphene_rect_t area;
  LdaTimeAxis axis;
  const LdaPlotPoint *p;
  guint n = self->points->len;
  guint nearest;

  g_return_val_if_fail (LDA_IS_FRACTION_PLOT (self), NULL);

  if (n == 0)
    return NULL;
  lda_fraction_plot_get_area (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &area, &axis);
  if (x < area.origin.x - 8 || x > area.origin.x + area.size.width + 8)
    return NULL;

  nearest = nearest_point (self, &area, &axis, x, y);
  p = &g_array_index (self->points, LdaPlotPoint, nearest);
  if (p->computed && p->no_cells)
    text = g_strdup_printf (_("Time point %u (time %g): no cells, so no dead fraction"),
                            nearest + 1, p->time);
  else if (p->computed)
    text = g_strdup_printf (_("Time point %u (time %g): dead fraction %.2f"),
                            nearest + 1, p->time, p->dead_fraction);
  else
    text = g_strdup_printf (_("Time point %u: not computed yet"), nearest + 1);
  /* The frame's name on a line of its own: a tooltip wraps long lines
   * wherever they reach its width. */
  if (p->label != NULL)
    return g_strdup_printf ("%s\n%s", p->label, text);
  return g_steal_pointer (&text);
}

gboolean
lda_fraction_plot_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;
  text = lda_fraction_plot_describe_at (LDA_FRACTION_PLOT (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * lda_fraction_plot_pointer_init:
 * @self: a plot being made
 *
 * A click activates the point under it.
 */
void
lda_fraction_plot_pointer_init (LdaFractionPlot *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}
