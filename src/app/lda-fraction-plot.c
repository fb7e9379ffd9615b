/* lda-fraction-plot.c — the dead fraction over the time points of a series
 *
 * x is the time index, as in the exported plot, y the dead fraction from
 * 0 to 1.  Computed points are dots joined by lines in time order (dashed
 * across points not computed yet), a line per curve (each field of a
 * folder of several, lda_series_curves()); the points still to compute
 * are hollow marks on the x axis; a vertical line marks the current
 * frame.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lda-fraction-plot.h"
#include "lda-fraction-plot-private.h"
#include "lda-plot-utils.h"

#define PLOT_HEIGHT  120
#define PAD          6.0
#define TICK         3.0
#define DOT_RADIUS   2.5
#define NO_CURRENT   G_MAXUINT

static void
point_clear (gpointer data)
{
  g_clear_pointer (&((LdaPlotPoint *) data)->label, g_free);
}

G_DEFINE_FINAL_TYPE (LdaFractionPlot, lda_fraction_plot, GTK_TYPE_WIDGET)

static const GdkRGBA line_color = { 0.753f, 0.110f, 0.157f, 1.0f };     /* dead: red */
static const GdkRGBA current_color = { 0.208f, 0.518f, 0.894f, 1.0f };  /* accent blue */

static guint
count_computed (LdaFractionPlot *self)
{
  guint n = 0;

  for (guint i = 0; i < self->points->len; i++)
    if (g_array_index (self->points, LdaPlotPoint, i).computed)
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

/* The tick step for @span: 1, 2 or 5 × 10^k, at most @max_ticks ticks. */
static gint64
tick_step (gint64 span,
           guint  max_ticks)
{
  static const gint64 factors[] = { 1, 2, 5 };
  gint64 magnitude = 1;

  max_ticks = MAX (max_ticks, 1);
  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        if (factors[i] * magnitude * max_ticks >= span)
          return factors[i] * magnitude;
      magnitude *= 10;
    }
}

static void
get_time_axis (LdaFractionPlot *self,
               guint            max_ticks,
               LdaTimeAxis     *axis)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64;

  for (guint i = 0; i < self->points->len; i++)
    {
      double t = g_array_index (self->points, LdaPlotPoint, i).time;

      /* Times in hours need not be whole. */
      lo = MIN (lo, (gint64) floor (t));
      hi = MAX (hi, (gint64) ceil (t));
    }
  if (self->points->len == 0)
    lo = hi = 0;
  if (hi == lo)
    {
      lo = lo > 0 ? lo - 1 : 0;
      hi = lo + 2;
    }

  axis->step = tick_step (hi - lo, max_ticks);
  axis->lo = lo / axis->step * axis->step;
  axis->hi = (hi + axis->step - 1) / axis->step * axis->step;
}

double
lda_fraction_plot_time_to_x (const graphene_rect_t *area,
                             const LdaTimeAxis     *axis,
                             double                 time)
{
  return area->origin.x + area->size.width * (time - axis->lo) / (double) (axis->hi - axis->lo);
}

double
lda_fraction_plot_fraction_to_y (const graphene_rect_t *area,
                                 double                 f)
{
  return area->origin.y + area->size.height * (1.0 - CLAMP (f, 0.0, 1.0));
}

/* The plot area and its time axis: room on the left for the rotated axis
 * title and the fraction labels, below for the time labels, on the right
 * for the axis title after the last label. */
void
lda_fraction_plot_get_area (LdaFractionPlot *self,
                            int              width,
                            int              height,
                            graphene_rect_t *area,
                            LdaTimeAxis     *axis)
{
  g_autoptr(PangoLayout) y_title = NULL;
  g_autoptr(PangoLayout) x_title = NULL;
  g_autoptr(PangoLayout) tick = NULL;
  g_autoptr(PangoLayout) widest = NULL;
  g_autofree char *widest_text = NULL;
  int y_title_h, x_title_w, tick_w, text_h, widest_w;
  double left, right, bottom, room;

  y_title = create_layout (self, _("dead fraction"), NULL, &y_title_h);
  x_title = create_layout (self, self->time_title != NULL ? self->time_title : _("time"), &x_title_w, NULL);
  tick = create_layout (self, "0.5", &tick_w, &text_h);

  /* Labels are at most as wide as the largest time, one digit longer
   * once widened to a tick. */
  get_time_axis (self, 1, axis);
  widest_text = g_strdup_printf ("%" G_GINT64_FORMAT "0", axis->hi);
  widest = create_layout (self, widest_text, &widest_w, NULL);

  left = PAD + y_title_h + 4 + tick_w + 4;
  right = PAD + x_title_w + 6 + widest_w / 2.0;
  bottom = PAD + text_h + 2;
  graphene_rect_init (area, left, PAD + text_h / 2.0,
                      MAX (width - left - right, 1),
                      MAX (height - PAD - text_h / 2.0 - bottom - TICK, 1));

  room = area->size.width + widest_w;
  get_time_axis (self, (guint) CLAMP (room / (widest_w + 10.0), 1, 8), axis);
}

/* Indices of the points in time order (then in series order). */
static int
compare_by_time (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GArray *points = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;
  double ti = g_array_index (points, LdaPlotPoint, i).time;
  double tj = g_array_index (points, LdaPlotPoint, j).time;

  if (ti != tj)
    return ti < tj ? -1 : 1;
  return i < j ? -1 : i > j;
}

static guint *
time_order (LdaFractionPlot *self)
{
  guint *order = g_new (guint, MAX (self->points->len, 1));

  for (guint i = 0; i < self->points->len; i++)
    order[i] = i;
  g_qsort_with_data (order, (int) self->points->len, sizeof (guint), compare_by_time, self->points);

  return order;
}

/* The y axis: its title, rotated and centred, ticks and grid at 0, 0.5
 * and 1, and the axis line. */
static void
draw_y_axis (LdaFractionPlot       *self,
             cairo_t               *cr,
             const graphene_rect_t *area,
             const GdkRGBA         *fg)
{
  g_autoptr(PangoLayout) y_title = NULL;
  int y_title_w;

  y_title = create_layout (self, _("dead fraction"), &y_title_w, NULL);
  cairo_save (cr);
  lda_cairo_set_color (cr, fg, 0.7);
  cairo_move_to (cr, PAD, area->origin.y + (area->size.height + y_title_w) / 2);
  cairo_rotate (cr, -G_PI / 2);
  pango_cairo_show_layout (cr, y_title);
  cairo_restore (cr);

  cairo_set_line_width (cr, 1.0);
  for (guint t = 0; t <= 2; t++)
    {
      double f = t / 2.0;
      double y = round (lda_fraction_plot_fraction_to_y (area, f)) + 0.5;
      g_autofree char *label = g_strdup_printf ("%g", f);
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = create_layout (self, label, &w, &h);
      lda_cairo_set_color (cr, fg, 0.7);
      show_text (cr, layout, area->origin.x - 4 - w, y - h / 2.0);

      lda_cairo_set_color (cr, fg, t == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, area->origin.x - (t == 0 ? 0 : TICK), y);
      cairo_line_to (cr, area->origin.x + area->size.width, y);
      cairo_stroke (cr);
    }

  lda_cairo_set_color (cr, fg, 0.5);
  cairo_move_to (cr, area->origin.x - 0.5, area->origin.y);
  cairo_line_to (cr, area->origin.x - 0.5, area->origin.y + area->size.height);
  cairo_stroke (cr);
}

/* Time ticks and labels, and the axis title after the last one. */
static void
draw_time_axis (LdaFractionPlot       *self,
                cairo_t               *cr,
                const graphene_rect_t *area,
                const LdaTimeAxis     *axis,
                const GdkRGBA         *fg)
{
  g_autoptr(PangoLayout) x_title = NULL;
  double label_y = area->origin.y + area->size.height + TICK + 1;
  double end = area->origin.x + area->size.width;

  x_title = create_layout (self, self->time_title != NULL ? self->time_title : _("time"), NULL, NULL);
  for (gint64 t = axis->lo; t <= axis->hi; t += axis->step)
    {
      double x = round (lda_fraction_plot_time_to_x (area, axis, t)) + 0.5;
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT, t);
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      layout = create_layout (self, label, &w, NULL);

      lda_cairo_set_color (cr, fg, 0.5);
      cairo_move_to (cr, x, area->origin.y + area->size.height);
      cairo_line_to (cr, x, area->origin.y + area->size.height + TICK);
      cairo_stroke (cr);

      lda_cairo_set_color (cr, fg, 0.7);
      show_text (cr, layout, x - w / 2.0, label_y);
      end = MAX (end, x + w / 2.0);
    }

  lda_cairo_set_color (cr, fg, 0.7);
  show_text (cr, x_title, end + 6, label_y);
}

/* The current frame's curve stands out; the other fields' fade. */
static double
curve_alpha (LdaFractionPlot *self,
             guint            curve)
{
  if (self->current >= self->points->len ||
      g_array_index (self->points, LdaPlotPoint, self->current).curve == curve)
    return 1.0;
  return 0.35;
}

/* Where a curve's line has got to. */
typedef struct
{
  gboolean have_previous;
  gboolean gap;
  double   x;
  double   y;
} CurveEnd;

/* Lines between each curve's computed points in time order: solid
 * between neighbours, dashed across points not computed yet. */
static void
draw_lines (LdaFractionPlot       *self,
            cairo_t               *cr,
            const graphene_rect_t *area,
            const LdaTimeAxis     *axis)
{
  g_autofree guint *order = time_order (self);
  g_autofree CurveEnd *ends = NULL;
  guint n_curves = 1;

  for (guint i = 0; i < self->points->len; i++)
    n_curves = MAX (n_curves, g_array_index (self->points, LdaPlotPoint, i).curve + 1);
  ends = g_new0 (CurveEnd, n_curves);

  cairo_set_line_width (cr, 1.5);
  for (guint k = 0; k < self->points->len; k++)
    {
      const LdaPlotPoint *p = &g_array_index (self->points, LdaPlotPoint, order[k]);
      CurveEnd *end = &ends[p->curve];
      double x, y;

      if (!p->computed || p->no_cells)
        {
          end->gap = end->have_previous;
          continue;
        }

      x = lda_fraction_plot_time_to_x (area, axis, p->time);
      y = lda_fraction_plot_fraction_to_y (area, p->dead_fraction);
      if (end->have_previous)
        {
          lda_cairo_set_color (cr, &line_color, curve_alpha (self, p->curve));
          if (end->gap)
            cairo_set_dash (cr, (const double[]) { 3.0, 3.0 }, 2, 0);
          cairo_move_to (cr, end->x, end->y);
          cairo_line_to (cr, x, y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      *end = (CurveEnd) { TRUE, FALSE, x, y };
    }
}

/* Markers, on top of the lines: a dot per computed point, a hollow tick
 * on the axis for the others. */
static void
draw_markers (LdaFractionPlot       *self,
              cairo_t               *cr,
              const graphene_rect_t *area,
              const LdaTimeAxis     *axis,
              const GdkRGBA         *fg)
{
  for (guint i = 0; i < self->points->len; i++)
    {
      const LdaPlotPoint *p = &g_array_index (self->points, LdaPlotPoint, i);
      double x = lda_fraction_plot_time_to_x (area, axis, p->time);
      gboolean is_current = i == self->current;

      if (p->computed && p->no_cells)
        {
          /* No cells, no fraction: a ring on the time axis. */
          double y = area->origin.y + area->size.height - DOT_RADIUS - 1.5;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, is_current ? DOT_RADIUS + 1.0 : DOT_RADIUS, 0, 2 * G_PI);
          lda_cairo_set_color (cr, is_current ? &current_color : &line_color, 1.0);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else if (p->computed)
        {
          double y = lda_fraction_plot_fraction_to_y (area, p->dead_fraction);

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, is_current ? DOT_RADIUS + 1.5 : DOT_RADIUS, 0, 2 * G_PI);
          lda_cairo_set_color (cr, is_current ? &current_color : &line_color,
                               is_current ? 1.0 : MAX (curve_alpha (self, p->curve), 0.5));
          cairo_fill (cr);
        }
      else
        {
          double y = area->origin.y + area->size.height;

          /* Thinner when the time axis is crowded. */
          double w = CLAMP (floor (area->size.width / (axis->hi - axis->lo)) - 2, 1, 3);

          cairo_rectangle (cr, round (x) - 0.5 - floor (w / 2), y - 6.5, w, 6);
          lda_cairo_set_color (cr, fg, is_current ? 0.9 : 0.45);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
    }
}

static void
draw (LdaFractionPlot *self,
      cairo_t         *cr,
      int              width,
      int              height)
{
  graphene_rect_t area;
  LdaTimeAxis axis;
  GdkRGBA fg;

  lda_widget_get_foreground (GTK_WIDGET (self), &fg);
  lda_fraction_plot_get_area (self, width, height, &area, &axis);
  draw_y_axis (self, cr, &area, &fg);

  if (self->points->len == 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      layout = create_layout (self, _("No time series"), &w, &h);
      lda_cairo_set_color (cr, &fg, 0.55);
      show_text (cr, layout, area.origin.x + (area.size.width - w) / 2,
                 area.origin.y + (area.size.height - h) / 2);
      return;
    }

  draw_time_axis (self, cr, &area, &axis, &fg);

  /* The current frame. */
  if (self->current < self->points->len)
    {
      double time = g_array_index (self->points, LdaPlotPoint, self->current).time;
      double x = round (lda_fraction_plot_time_to_x (&area, &axis, time)) + 0.5;

      lda_cairo_set_color (cr, &current_color, 0.9);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, x, area.origin.y);
      cairo_line_to (cr, x, area.origin.y + area.size.height);
      cairo_stroke (cr);
    }

  draw_lines (self, cr, &area, &axis);
  draw_markers (self, cr, &area, &axis, &fg);
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

  g_free (LDA_FRACTION_PLOT (object)->time_title);
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

  /**
   * LdaFractionPlot::point-activated:
   * @self: the plot
   * @index: the point clicked, in the series' order
   */
  g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "fractionplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lda_fraction_plot_init (LdaFractionPlot *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (LdaPlotPoint));
  g_array_set_clear_func (self->points, point_clear);
  lda_fraction_plot_pointer_init (self);
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
 * @index: a point, in the series' order
 * @time: its time index, where it stands on the time axis
 * @dead_fraction: dead cells over all cells, 0 to 1; NAN for a frame
 *   without cells, which has none (drawn as a ring on the time axis, and
 *   the curve passes it as it passes points not computed)
 */
void
lda_fraction_plot_set_point (LdaFractionPlot *self,
                             guint            index,
                             double           time,
                             double           dead_fraction)
{
  LdaPlotPoint *p;

  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  p = &g_array_index (self->points, LdaPlotPoint, index);
  p->computed = TRUE;
  p->no_cells = !isfinite (dead_fraction);
  p->time = time;
  p->dead_fraction = isfinite (dead_fraction) ? CLAMP (dead_fraction, 0.0, 1.0) : 0.0;

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_fraction_plot_set_label:
 * @self: a plot
 * @index: a point
 * @label: (nullable): what its tooltip calls it, such as its frame's title
 */
void
lda_fraction_plot_set_label (LdaFractionPlot *self,
                             guint            index,
                             const char      *label)
{
  LdaPlotPoint *p;

  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  p = &g_array_index (self->points, LdaPlotPoint, index);
  g_free (p->label);
  p->label = g_strdup (label);
}

/**
 * lda_fraction_plot_set_curve:
 * @self: a plot
 * @index: a point
 * @curve: the curve it belongs to (lda_series_curves()); 0 for all when
 *   the series is one curve
 *
 * Lines join only the points of one curve.
 */
void
lda_fraction_plot_set_curve (LdaFractionPlot *self,
                             guint            index,
                             guint            curve)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  g_array_index (self->points, LdaPlotPoint, index).curve = curve;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_fraction_plot_set_time:
 * @self: a plot
 * @index: a point
 * @time: its time index, where it stands on the time axis
 *
 * Places a point, computed or not, on the time axis.
 */
void
lda_fraction_plot_set_time (LdaFractionPlot *self,
                            guint            index,
                            double           time)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  g_array_index (self->points, LdaPlotPoint, index).time = time;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lda_fraction_plot_clear_point (LdaFractionPlot *self,
                               guint            index)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));
  g_return_if_fail (index < self->points->len);

  g_array_index (self->points, LdaPlotPoint, index).computed = FALSE;

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_fraction_plot_set_current:
 * @self: a plot
 * @index: the point shown in the window, or %G_MAXUINT for none
 */
void
lda_fraction_plot_set_current (LdaFractionPlot *self,
                               guint            index)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));

  self->current = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_fraction_plot_set_time_title:
 * @self: a plot
 * @title: (nullable): the time axis' title with its unit, e.g. "time (h)";
 *   %NULL for frame indices
 */
void
lda_fraction_plot_set_time_title (LdaFractionPlot *self,
                                  const char      *title)
{
  g_return_if_fail (LDA_IS_FRACTION_PLOT (self));

  g_free (self->time_title);
  self->time_title = g_strdup (title);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
