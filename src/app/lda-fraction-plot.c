/* lda-fraction-plot.c — the dead fraction over the time points of a series
 *
 * x is the time index, y the dead fraction from 0 to 1.  Computed points
 * are dots joined by lines (dashed across points not computed yet); the
 * points still to compute are hollow marks on the x axis; a vertical line
 * marks the current frame.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lda-fraction-plot.h"
#include "lda-plot-utils.h"

#define PLOT_HEIGHT  120
#define PAD          6.0
#define TICK         3.0
#define DOT_RADIUS   2.5
#define NO_CURRENT   G_MAXUINT

typedef struct
{
  gboolean computed;
  double   time;
  double   dead_fraction;
} Point;

struct _LdaFractionPlot
{
  GtkWidget  parent_instance;

  GArray    *points;   /* of Point */
  guint      current;
};

G_DEFINE_FINAL_TYPE (LdaFractionPlot, lda_fraction_plot, GTK_TYPE_WIDGET)

static const GdkRGBA line_color = { 0.753f, 0.110f, 0.157f, 1.0f };     /* dead: red */
static const GdkRGBA current_color = { 0.208f, 0.518f, 0.894f, 1.0f };  /* accent blue */

static guint
count_computed (LdaFractionPlot *self)
{
  guint n = 0;

  for (guint i = 0; i < self->points->len; i++)
    if (g_array_index (self->points, Point, i).computed)
      n++;

  return n;
}

static void
update_description (LdaFractionPlot *self)
{
  g_autofree char *text = NULL;
  guint n = self->points->len;

  if (n == 0)
    text = g_strdup (_("Dead fraction over time: no time points"));
  else
    text = g_strdup_printf (ngettext ("Dead fraction over time: %u of %u time point computed",
                                      "Dead fraction over time: %u of %u time points computed",
                                      n),
                            count_computed (self), n);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static PangoLayout *
create_layout (LdaFractionPlot *self,
               const char      *text,
               int             *width,
               int             *height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_get_pixel_size (layout, width, height);
  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Where index i lies: n points spread over the width, one alone in the
 * middle. */
static double
index_to_x (const graphene_rect_t *area,
            guint                  i,
            guint                  n)
{
  if (n <= 1)
    return area->origin.x + area->size.width / 2;

  return area->origin.x + area->size.width * i / (double) (n - 1);
}

static double
fraction_to_y (const graphene_rect_t *area,
               double                 f)
{
  return area->origin.y + area->size.height * (1.0 - CLAMP (f, 0.0, 1.0));
}

/* A few index ticks: every k-th index, k chosen so labels do not touch. */
static guint
tick_step (guint  n,
           double width,
           int    label_width)
{
  static const guint steps[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000 };

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint n_ticks = (n - 1) / steps[s] + 1;

      if (n_ticks * (label_width + 8.0) <= width)
        return steps[s];
    }

  return MAX (n, 1);
}

/* The plot area: room on the left for the rotated axis title and the
 * tick labels, below for the index labels. */
static void
get_plot_area (LdaFractionPlot *self,
               int              width,
               int              height,
               graphene_rect_t *area)
{
  g_autoptr(PangoLayout) y_title = NULL;
  g_autoptr(PangoLayout) tick = NULL;
  int y_title_h, tick_w, text_h;
  double left, bottom;

  y_title = create_layout (self, _("dead fraction"), NULL, &y_title_h);
  tick = create_layout (self, "0.5", &tick_w, &text_h);

  left = PAD + y_title_h + 4 + tick_w + 4;
  bottom = PAD + text_h + 2;
  graphene_rect_init (area, left, PAD + text_h / 2.0,
                      MAX (width - left - PAD - 8, 1),
                      MAX (height - PAD - text_h / 2.0 - bottom - TICK, 1));
}

static void
draw (LdaFractionPlot *self,
      cairo_t         *cr,
      int              width,
      int              height)
{
  g_autoptr(PangoLayout) y_title = NULL;
  g_autoptr(PangoLayout) x_title = NULL;
  graphene_rect_t area;
  GdkRGBA fg;
  guint n = self->points->len;
  int y_title_w, x_title_w;
  double left;
  gboolean have_previous = FALSE;
  gboolean gap = FALSE;
  double prev_x = 0, prev_y = 0;

  lda_widget_get_foreground (GTK_WIDGET (self), &fg);

  y_title = create_layout (self, _("dead fraction"), &y_title_w, NULL);
  x_title = create_layout (self, _("time"), &x_title_w, NULL);
  get_plot_area (self, width, height, &area);
  left = area.origin.x;

  /* Y axis title, rotated, centred on the plot. */
  cairo_save (cr);
  lda_cairo_set_color (cr, &fg, 0.7);
  cairo_move_to (cr, PAD, area.origin.y + (area.size.height + y_title_w) / 2);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_show_layout (cr, y_title);
  cairo_restore (cr);

  /* Y ticks and grid at 0, 0.5, 1. */
  cairo_set_line_width (cr, 1.0);
  for (guint t = 0; t <= 2; t++)
    {
      double f = t / 2.0;
      double y = round (fraction_to_y (&area, f)) + 0.5;
      g_autofree char *label = g_strdup_printf ("%g", f);
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = create_layout (self, label, &w, &h);
      lda_cairo_set_color (cr, &fg, 0.7);
      show_text (cr, layout, left - 4 - w, y - h / 2.0);

      lda_cairo_set_color (cr, &fg, t == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, area.origin.x - (t == 0 ? 0 : TICK), y);
      cairo_line_to (cr, area.origin.x + area.size.width, y);
      cairo_stroke (cr);
    }

  /* Y axis line. */
  lda_cairo_set_color (cr, &fg, 0.5);
  cairo_move_to (cr, area.origin.x - 0.5, area.origin.y);
  cairo_line_to (cr, area.origin.x - 0.5, area.origin.y + area.size.height);
  cairo_stroke (cr);

  if (n == 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = create_layout (self, _("No time series"), &w, &h);
      lda_cairo_set_color (cr, &fg, 0.55);
      show_text (cr, layout, area.origin.x + (area.size.width - w) / 2,
                 area.origin.y + (area.size.height - h) / 2);
      return;
    }

  /* X index labels and the axis title at the right end. */
  {
    g_autofree char *widest = g_strdup_printf ("%u", n - 1);
    g_autoptr(PangoLayout) probe = NULL;
    double label_y = area.origin.y + area.size.height + TICK + 1;
    double room = area.size.width - x_title_w - 12;
    int widest_w;
    guint step;

    probe = create_layout (self, widest, &widest_w, NULL);
    step = tick_step (n, MAX (room, 1), widest_w);

    for (guint i = 0; i < n; i += step)
      {
        double x = round (index_to_x (&area, i, n)) + 0.5;
        g_autofree char *label = g_strdup_printf ("%u", i);
        g_autoptr(PangoLayout) layout = NULL;
        int w;

        layout = create_layout (self, label, &w, NULL);
        if (x + w / 2.0 > area.origin.x + area.size.width - x_title_w - 8 && i != 0)
          break;

        lda_cairo_set_color (cr, &fg, 0.5);
        cairo_move_to (cr, x, area.origin.y + area.size.height);
        cairo_line_to (cr, x, area.origin.y + area.size.height + TICK);
        cairo_stroke (cr);

        lda_cairo_set_color (cr, &fg, 0.7);
        show_text (cr, layout, x - w / 2.0, label_y);
      }

    lda_cairo_set_color (cr, &fg, 0.7);
    show_text (cr, x_title, area.origin.x + area.size.width - x_title_w + 8, label_y);
  }

  /* The current frame. */
  if (self->current < n)
    {
      double x = round (index_to_x (&area, self->current, n)) + 0.5;

      lda_cairo_set_color (cr, &current_color, 0.9);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, x, area.origin.y);
      cairo_line_to (cr, x, area.origin.y + area.size.height);
      cairo_stroke (cr);
    }

  /* Lines between computed points: solid between neighbours, dashed
   * across points not computed yet. */
  cairo_set_line_width (cr, 1.5);
  lda_cairo_set_color (cr, &line_color, 1.0);
  for (guint i = 0; i < n; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      double x, y;

      if (!p->computed)
        {
          gap = have_previous;
          continue;
        }

      x = index_to_x (&area, i, n);
      y = fraction_to_y (&area, p->dead_fraction);
      if (have_previous)
        {
          if (gap)
            cairo_set_dash (cr, (const double[]) { 3.0, 3.0 }, 2, 0);
          cairo_move_to (cr, prev_x, prev_y);
          cairo_line_to (cr, x, y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      have_previous = TRUE;
      gap = FALSE;
      prev_x = x;
      prev_y = y;
    }

  /* Markers last, on top of the lines. */
  for (guint i = 0; i < n; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      double x = index_to_x (&area, i, n);
      gboolean is_current = i == self->current;

      if (p->computed)
        {
          double y = fraction_to_y (&area, p->dead_fraction);

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, is_current ? DOT_RADIUS + 1.5 : DOT_RADIUS, 0, 2 * G_PI);
          lda_cairo_set_color (cr, is_current ? &current_color : &line_color, 1.0);
          cairo_fill (cr);
        }
      else
        {
          double y = area.origin.y + area.size.height;

          /* A hollow tick standing on the axis, thinner when the points
           * are close together. */
          double w = n > 1 ? CLAMP (floor (area.size.width / (n - 1)) - 2, 1, 3) : 3;

          cairo_rectangle (cr, round (x) - 0.5 - floor (w / 2), y - 6.5, w, 6);
          lda_cairo_set_color (cr, &fg, is_current ? 0.9 : 0.45);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
    }
}

static void
lda_fraction_plot_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LdaFractionPlot *self = LDA_FRACTION_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static gboolean
lda_fraction_plot_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  LdaFractionPlot *self = LDA_FRACTION_PLOT (widget);
  g_autofree char *text = NULL;
  graphene_rect_t area;
  const Point *p;
  guint n = self->points->len;
  double i;

  if (n == 0 || keyboard_mode)
    return FALSE;

  get_plot_area (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &area);
  i = n > 1 ? round ((x - area.origin.x) * (n - 1) / area.size.width) : 0;
  if (i < 0 || i >= n)
    return FALSE;

  p = &g_array_index (self->points, Point, (guint) i);
  if (p->computed)
    text = g_strdup_printf (_("Time point %u (time %g): dead fraction %.2f"),
                            (guint) i, p->time, p->dead_fraction);
  else
    text = g_strdup_printf (_("Time point %u: not computed yet"), (guint) i);

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
lda_fraction_plot_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else
    {
      *minimum = PLOT_HEIGHT;
      *natural = PLOT_HEIGHT;
    }
}

static void
lda_fraction_plot_finalize (GObject *object)
{
  LdaFractionPlot *self = LDA_FRACTION_PLOT (object);

  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (lda_fraction_plot_parent_class)->finalize (object);
}

static void
lda_fraction_plot_class_init (LdaFractionPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lda_fraction_plot_finalize;

  widget_class->snapshot = lda_fraction_plot_snapshot;
  widget_class->measure = lda_fraction_plot_measure;
  widget_class->query_tooltip = lda_fraction_plot_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "fractionplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lda_fraction_plot_init (LdaFractionPlot *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (Point));
  self->current = NO_CURRENT;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dead fraction over time"),
                                  -1);
  update_description (self);
}

GtkWidget *
lda_fraction_plot_new (void)
{
  return g_object_new (LDA_TYPE_FRACTION_PLOT, NULL);
}

/**
 * lda_fraction_plot_set_n_points:
 * @self: a plot
 * @n_points: the number of time points of the series
 *
 * Resizes the series; points past the old end start not computed, points
 * past the new end are dropped.
 */
void
lda_fraction_plot_set_n_points (LdaFractionPlot *self,
                                guint            n_points)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));

  /* The array was created zero-filled, so new points are not computed. */
  g_array_set_size (self->points, n_points);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_fraction_plot_set_point:
 * @self: a plot
 * @index: the time index
 * @time: the time of the point, shown in the tooltip
 * @dead_fraction: dead cells over all cells, 0 to 1
 */
void
lda_fraction_plot_set_point (LdaFractionPlot *self,
                             guint            index,
                             double           time,
                             double           dead_fraction)
{
  Point *p;

  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  p = &g_array_index (self->points, Point, index);
  p->computed = TRUE;
  p->time = time;
  p->dead_fraction = isfinite (dead_fraction) ? CLAMP (dead_fraction, 0.0, 1.0) : 0.0;

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lda_fraction_plot_clear_point (LdaFractionPlot *self,
                               guint            index)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  g_array_index (self->points, Point, index).computed = FALSE;

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_fraction_plot_set_current:
 * @self: a plot
 * @index: the time index shown in the window, or %G_MAXUINT for none
 */
void
lda_fraction_plot_set_current (LdaFractionPlot *self,
                               guint            index)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));

  self->current = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
