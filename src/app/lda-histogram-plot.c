/* lda-histogram-plot.c — a channel's intensities, its tile votes, the
 * peak and the threshold
 *
 * Two histograms share one logarithmic count axis: the pixel intensities
 * (a light filled area) and the tile maxima that voted for the peak
 * (accent-coloured bars).  A dashed line marks the peak k, a solid one the
 * threshold; the person can drag the threshold line, which the channel
 * panel turns into a manual threshold.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lda-histogram-marks.h"
#include "lda-histogram-plot.h"
#include "lda-plot-utils.h"

#define N_VALUES        65536
#define MAX_VALUE       65535
#define PIXELS_PER_BIN  2
#define GRAB_DISTANCE   6.0
#define MIN_RANGE       16
/* Room for two rows of labels at the top and two of method marks. */
#define PLOT_HEIGHT     124
#define PAD             4.0

struct _LdaHistogramPlot
{
  GtkWidget  parent_instance;

  /* Copies of the caller's histograms, or NULL when cleared. */
  guint32   *intensities;
  guint32   *votes;
  guint      peak;
  gint64     threshold;
  /* Where each method puts the threshold, -1 where unknown. */
  gint64     marks[LDA_N_METHODS];
  int        mark_in_use;

  /* The value shown at the right edge; frozen while dragging so that the
   * scale does not move under the pointer when new results arrive. */
  guint      range_max;
  guint      percentile_999;

  /* Per-bin sums for the current width and range, rebuilt lazily. */
  guint64   *bin_intensities;
  guint64   *bin_votes;
  guint      n_bins;
  guint      bins_range_max;
  gboolean   bins_valid;

  gboolean   dragging;
  double     drag_start_x;
  guint      drag_value;
};

enum {
  THRESHOLD_DRAGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LdaHistogramPlot, lda_histogram_plot, GTK_TYPE_WIDGET)

/* Fixed hues that read on light and dark themes; neutral parts of the plot
 * use the widget's foreground colour. */
static const GdkRGBA vote_color = { 0.208f, 0.518f, 0.894f, 0.85f };      /* blue */
static const GdkRGBA threshold_color = { 0.878f, 0.106f, 0.141f, 1.0f };  /* red */

/* The smallest value at or below which 99.9 % of the pixels lie.  Pixels
 * at 65 535 are left out: on bright 16-bit data they are clipped, and
 * counting them would stretch the axis to its end and squeeze the peak
 * and threshold into a few pixels. */
static guint
compute_percentile_999 (const guint32 *histogram)
{
  guint64 total = 0;
  guint64 sum = 0;
  guint64 target;

  for (guint v = 0; v < MAX_VALUE; v++)
    total += histogram[v];

  if (total == 0)
    return 0;

  target = (guint64) ceil (0.999 * (double) total);
  for (guint v = 0; v < MAX_VALUE; v++)
    {
      sum += histogram[v];
      if (sum >= target)
        return v;
    }

  return MAX_VALUE;
}

static void
update_range (LdaHistogramPlot *self)
{
  double top = MIN_RANGE;

  if (self->intensities != NULL)
    {
      top = MAX (top, self->percentile_999);
      top = MAX (top, 1.1 * self->peak);
      /* A threshold above every value is drawn at the edge instead. */
      if (self->threshold <= MAX_VALUE)
        top = MAX (top, 1.25 * (double) self->threshold);
    }

  self->range_max = (guint) MIN (ceil (top), MAX_VALUE);
  self->bins_valid = FALSE;
}

static void
update_description (LdaHistogramPlot *self)
{
  g_autofree char *text = NULL;

  if (self->intensities == NULL)
    text = g_strdup (_("No histogram yet"));
  else
    text = g_strdup_printf (_("Peak %u, threshold %lld"),
                            self->peak, (long long) lda_histogram_plot_get_threshold (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static int
get_text_height (LdaHistogramPlot *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* The plot area inside the widget: room for the labels above and the
 * value axis below. */
static void
get_plot_area (LdaHistogramPlot *self,
               graphene_rect_t  *area)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  graphene_rect_init (area, PAD, PAD, MAX (width - 2 * PAD, 1),
                      MAX (height - 2 * PAD - lda_histogram_marks_height (GTK_WIDGET (self)), 1));
}

static double
value_to_x (LdaHistogramPlot      *self,
            const graphene_rect_t *area,
            double                 value)
{
  /* Value v covers [v, v + 1) on the axis, so that the last value is
   * visible and the threshold line sits on the boundary "above v". */
  return area->origin.x + area->size.width * value / ((double) self->range_max + 1.0);
}

static double
x_to_value (LdaHistogramPlot      *self,
            const graphene_rect_t *area,
            double                 x)
{
  return (x - area->origin.x) * ((double) self->range_max + 1.0) / area->size.width;
}

/* Where the threshold line is drawn: foreground is strictly above T, so
 * the line sits at the right end of value T's slot. */
static double
threshold_x (LdaHistogramPlot      *self,
             const graphene_rect_t *area)
{
  gint64 t = lda_histogram_plot_get_threshold (self);

  if (t >= (gint64) self->range_max)
    return area->origin.x + area->size.width;

  return value_to_x (self, area, (double) t + 1.0);
}

static void
rebuild_bins (LdaHistogramPlot *self,
              guint             n_bins)
{
  double per_bin;

  if (self->bins_valid && self->n_bins == n_bins && self->bins_range_max == self->range_max)
    return;

  g_clear_pointer (&self->bin_intensities, g_free);
  g_clear_pointer (&self->bin_votes, g_free);
  self->bin_intensities = g_new0 (guint64, n_bins);
  self->bin_votes = g_new0 (guint64, n_bins);
  self->n_bins = n_bins;
  self->bins_range_max = self->range_max;

  per_bin = ((double) self->range_max + 1.0) / n_bins;
  for (guint v = 0; v <= self->range_max; v++)
    {
      guint b = MIN ((guint) (v / per_bin), n_bins - 1);

      self->bin_intensities[b] += self->intensities[v];
      self->bin_votes[b] += self->votes != NULL ? self->votes[v] : 0;
    }

  self->bins_valid = TRUE;
}

static double
count_to_y (const graphene_rect_t *area,
            double                 log_max,
            guint64                count)
{
  double f;

  if (count == 0)
    return area->origin.y + area->size.height;

  /* log(1 + n) keeps a single count visible above the axis. */
  f = log1p ((double) count) / log_max;
  return area->origin.y + area->size.height * (1.0 - MIN (f, 1.0));
}

/* A label beside its line, on the side away from the other line; when it
 * does not fit there, on the other side of its line. */
static void
draw_label (LdaHistogramPlot      *self,
            cairo_t               *cr,
            const graphene_rect_t *area,
            const char            *text,
            double                 line_x,
            double                 other_x,
            double                 y,
            const GdkRGBA         *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  double left = area->origin.x;
  double right = area->origin.x + area->size.width;
  GdkRGBA fg, halo;
  double x;
  int w;

  pango_layout_get_pixel_size (layout, &w, NULL);

  /* On the side of its own line away from the other line; where there
   * is no room, on the other side of its own line, over the other line if
   * need be (the halo keeps it legible): never beside the other line
   * alone, where it would name the wrong one. */
  if (line_x <= other_x)
    {
      x = line_x - 3 - w;
      if (x < left)
        x = line_x + 3;
    }
  else
    {
      x = line_x + 3;
      if (x + w > right)
        x = line_x - 3 - w;
    }
  x = CLAMP (x, left, MAX (right - w, left));

  lda_widget_get_foreground (GTK_WIDGET (self), &fg);
  halo = lda_halo_for (&fg);
  lda_cairo_show_layout_halo (cr, layout, x, y, color, 1.0, &halo);
}

static void
draw_plot (LdaHistogramPlot      *self,
           cairo_t               *cr,
           const graphene_rect_t *area)
{
  GdkRGBA fg;
  guint n_bins;
  guint64 max_count = 1;
  double log_max;
  double bottom = area->origin.y + area->size.height;
  double bin_w;
  double peak_x, thr_x;
  double names_left, names_right;
  gint64 threshold = lda_histogram_plot_get_threshold (self);
  g_autofree char *peak_text = NULL;
  g_autofree char *thr_text = NULL;

  lda_widget_get_foreground (GTK_WIDGET (self), &fg);

  /* Frame of the plot area. */
  lda_cairo_set_color (cr, &fg, 0.25);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, area->origin.x - 0.5, area->origin.y - 0.5,
                   area->size.width + 1, area->size.height + 1);
  cairo_stroke (cr);

  if (self->intensities == NULL)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self), _("No histogram yet"));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      lda_cairo_set_color (cr, &fg, 0.55);
      cairo_move_to (cr, area->origin.x + (area->size.width - w) / 2,
                     area->origin.y + (area->size.height - h) / 2);
      pango_cairo_show_layout (cr, layout);
      return;
    }

  n_bins = MAX ((guint) (area->size.width / PIXELS_PER_BIN), 1);
  n_bins = MIN (n_bins, self->range_max + 1);
  rebuild_bins (self, n_bins);
  bin_w = area->size.width / n_bins;

  for (guint b = 0; b < n_bins; b++)
    max_count = MAX (max_count, MAX (self->bin_intensities[b], self->bin_votes[b]));
  log_max = log1p ((double) max_count);

  cairo_save (cr);
  cairo_rectangle (cr, area->origin.x, area->origin.y, area->size.width, area->size.height);
  cairo_clip (cr);

  /* Intensities: a filled step outline. */
  cairo_move_to (cr, area->origin.x, bottom);
  for (guint b = 0; b < n_bins; b++)
    {
      double y = count_to_y (area, log_max, self->bin_intensities[b]);

      cairo_line_to (cr, area->origin.x + b * bin_w, y);
      cairo_line_to (cr, area->origin.x + (b + 1) * bin_w, y);
    }
  cairo_line_to (cr, area->origin.x + area->size.width, bottom);
  cairo_close_path (cr);
  lda_cairo_set_color (cr, &fg, 0.18);
  cairo_fill_preserve (cr);
  lda_cairo_set_color (cr, &fg, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  /* Votes: bars, at least 1 px wide so single values stay visible. */
  lda_cairo_set_color (cr, &vote_color, 1.0);
  for (guint b = 0; b < n_bins; b++)
    {
      double y;

      if (self->bin_votes[b] == 0)
        continue;
      y = count_to_y (area, log_max, self->bin_votes[b]);
      cairo_rectangle (cr, area->origin.x + b * bin_w, y,
                       MAX (bin_w - (bin_w >= 3 ? 1 : 0), 1.0), bottom - y);
    }
  cairo_fill (cr);

  /* Peak: dashed, in the vote colour. */
  peak_x = round (value_to_x (self, area, self->peak + 0.5)) + 0.5;
  lda_cairo_set_color (cr, &vote_color, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, (const double[]) { 3.0, 2.0 }, 2, 0);
  cairo_move_to (cr, peak_x, area->origin.y);
  cairo_line_to (cr, peak_x, bottom);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* Threshold: solid and thicker, it is the handle. */
  thr_x = threshold_x (self, area);
  thr_x = CLAMP (thr_x, area->origin.x + 1, area->origin.x + area->size.width - 1);
  lda_cairo_set_color (cr, &threshold_color, 1.0);
  cairo_set_line_width (cr, self->dragging ? 3.0 : 2.0);
  cairo_move_to (cr, thr_x, area->origin.y);
  cairo_line_to (cr, thr_x, bottom);
  cairo_stroke (cr);

  cairo_restore (cr);

  /* Under the plot, outside its clip. */
  lda_histogram_draw_axis (GTK_WIDGET (self), cr, area, self->range_max, &fg, &names_left,
                           &names_right);
  lda_histogram_draw_marks (GTK_WIDGET (self), cr, area, self->range_max, self->marks,
                            self->mark_in_use, &threshold_color, names_left, names_right);

  /* Labels: the threshold on the first row, the peak on the second, each
   * on the side of its line away from the other line. */
  if (threshold > MAX_VALUE)
    thr_text = g_strdup_printf (_("threshold %lld (above every pixel)"), (long long) threshold);
  else
    thr_text = g_strdup_printf (_("threshold %lld"), (long long) threshold);
  peak_text = g_strdup_printf (_("peak %u"), self->peak);

  /* Equal lines: the threshold label goes right, the peak's left. */
  draw_label (self, cr, area, thr_text, thr_x, peak_x - 0.5, area->origin.y + 1, &fg);
  draw_label (self, cr, area, peak_text, peak_x, thr_x,
              area->origin.y + 1 + get_text_height (self), &vote_color);
}

static void
lda_histogram_plot_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  LdaHistogramPlot *self = LDA_HISTOGRAM_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds, area;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  graphene_rect_init (&bounds, 0, 0, width, height);
  get_plot_area (self, &area);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  draw_plot (self, cr, &area);
  cairo_destroy (cr);
}

static void
lda_histogram_plot_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 300;
    }
  else
    {
      *minimum = PLOT_HEIGHT;
      *natural = PLOT_HEIGHT;
    }
}

static void
lda_histogram_plot_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  LDA_HISTOGRAM_PLOT (widget)->bins_valid = FALSE;
}

static gboolean
near_threshold (LdaHistogramPlot *self,
                double            x)
{
  graphene_rect_t area;

  if (self->intensities == NULL)
    return FALSE;

  get_plot_area (self, &area);
  return fabs (x - threshold_x (self, &area)) <= GRAB_DISTANCE;
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LdaHistogramPlot         *self)
{
  if (self->dragging)
    return;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   near_threshold (self, x) ? "col-resize" : NULL);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          LdaHistogramPlot         *self)
{
  if (!self->dragging)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
drag_begin_cb (GtkGestureDrag   *gesture,
               double            x,
               double            y,
               LdaHistogramPlot *self)
{
  if (!near_threshold (self, x))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragging = TRUE;
  self->drag_start_x = x;
  self->drag_value = (guint) CLAMP (lda_histogram_plot_get_threshold (self), 0, self->range_max);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "col-resize");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag   *gesture,
                double            offset_x,
                double            offset_y,
                LdaHistogramPlot *self)
{
  graphene_rect_t area;
  double v;
  guint value;

  if (!self->dragging)
    return;

  get_plot_area (self, &area);
  /* The line sits at T + 1, so the value under the pointer minus one. */
  v = floor (x_to_value (self, &area, self->drag_start_x + offset_x) + 0.5) - 1.0;
  value = (guint) CLAMP (v, 0.0, (double) self->range_max);

  if (value == self->drag_value)
    return;

  self->drag_value = value;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[THRESHOLD_DRAGGED], 0, value);
}

static void
drag_end_cb (GtkGestureDrag   *gesture,
             double            offset_x,
             double            offset_y,
             LdaHistogramPlot *self)
{
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  /* Until the new result arrives, keep showing the dragged value. */
  self->threshold = self->drag_value;
  update_range (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lda_histogram_plot_finalize (GObject *object)
{
  LdaHistogramPlot *self = LDA_HISTOGRAM_PLOT (object);

  g_clear_pointer (&self->intensities, g_free);
  g_clear_pointer (&self->votes, g_free);
  g_clear_pointer (&self->bin_intensities, g_free);
  g_clear_pointer (&self->bin_votes, g_free);

  G_OBJECT_CLASS (lda_histogram_plot_parent_class)->finalize (object);
}

static void
lda_histogram_plot_class_init (LdaHistogramPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lda_histogram_plot_finalize;

  widget_class->snapshot = lda_histogram_plot_snapshot;
  widget_class->measure = lda_histogram_plot_measure;
  widget_class->size_allocate = lda_histogram_plot_size_allocate;

  /**
   * LdaHistogramPlot::threshold-dragged:
   * @self: the plot
   * @value: the threshold under the pointer
   *
   * Emitted while the person drags the threshold line, each time the
   * value changes.
   */
  signals[THRESHOLD_DRAGGED] =
    g_signal_new ("threshold-dragged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "histogramplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lda_histogram_plot_init (LdaHistogramPlot *self)
{
  GtkEventController *motion;
  GtkGesture *drag;

  self->peak = 1;
  self->threshold = 1;
  for (guint m = 0; m < LDA_N_METHODS; m++)
    self->marks[m] = -1;
  self->mark_in_use = -1;
  update_range (self);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  update_description (self);
}

GtkWidget *
lda_histogram_plot_new (void)
{
  return g_object_new (LDA_TYPE_HISTOGRAM_PLOT, NULL);
}

/**
 * lda_histogram_plot_set_data:
 * @self: a plot
 * @intensities: (array fixed-size=65536): histogram of pixel values
 * @votes: (array fixed-size=65536) (nullable): histogram of tile maxima
 * @peak: the most voted value
 * @threshold: the threshold in use, possibly above 65 535
 *
 * Copies the histograms, when they changed, and redraws when anything
 * did.
 */
void
lda_histogram_plot_set_data (LdaHistogramPlot *self,
                             const guint32    *intensities,
                             const guint32    *votes,
                             guint             peak,
                             gint64            threshold)
{
  gboolean changed;

  g_return_if_fail (LDA_IS_HISTOGRAM_PLOT (self));
  g_return_if_fail (intensities != NULL);

  changed = self->peak != peak || self->threshold != threshold;

  /* A slider's every result brings the frame's histograms again, most
   * often the same: compared, they are copied and scanned only when new,
   * and the plot drawn again only when something changed. */
  if (self->intensities == NULL ||
      memcmp (self->intensities, intensities, N_VALUES * sizeof (guint32)) != 0)
    {
      if (self->intensities == NULL)
        self->intensities = g_new (guint32, N_VALUES);
      memcpy (self->intensities, intensities, N_VALUES * sizeof (guint32));
      self->percentile_999 = compute_percentile_999 (self->intensities);
      changed = TRUE;
    }

  if (votes != NULL)
    {
      if (self->votes == NULL)
        {
          self->votes = g_new0 (guint32, N_VALUES);
          changed = TRUE;
        }
      if (memcmp (self->votes, votes, N_VALUES * sizeof (guint32)) != 0)
        {
          memcpy (self->votes, votes, N_VALUES * sizeof (guint32));
          changed = TRUE;
        }
    }
  else if (self->votes != NULL)
    {
      g_clear_pointer (&self->votes, g_free);
      changed = TRUE;
    }

  if (!changed)
    return;
  self->peak = peak;
  self->threshold = threshold;

  /* Mid-drag results keep the scale: the line must stay under the pointer. */
  if (self->dragging)
    self->bins_valid = FALSE;
  else
    update_range (self);

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lda_histogram_plot_clear (LdaHistogramPlot *self)
{
  g_return_if_fail (LDA_IS_HISTOGRAM_PLOT (self));

  g_clear_pointer (&self->intensities, g_free);
  g_clear_pointer (&self->votes, g_free);
  self->peak = 1;
  self->threshold = 1;
  lda_histogram_plot_set_levels (self, NULL, -1);
  self->dragging = FALSE;
  update_range (self);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_histogram_plot_get_threshold:
 * @self: a plot
 *
 * Returns: the threshold the plot shows: the value being dragged during a
 *   drag, else the last one set
 */
gint64
lda_histogram_plot_get_threshold (LdaHistogramPlot *self)
{
  g_return_val_if_fail (LDA_IS_HISTOGRAM_PLOT (self), 0);

  return self->dragging ? (gint64) self->drag_value : self->threshold;
}

/**
 * lda_histogram_plot_set_levels:
 * @self: a plot
 * @levels: (nullable): where each method puts the threshold, or %NULL for
 *   no marks
 * @in_use: the method in use, emphasised, or -1 under a manual threshold
 */
void
lda_histogram_plot_set_levels (LdaHistogramPlot         *self,
                               const LdaThresholdLevels *levels,
                               int                       in_use)
{
  gboolean changed;

  g_return_if_fail (LDA_IS_HISTOGRAM_PLOT (self));

  changed = self->mark_in_use != in_use;
  for (guint m = 0; m < LDA_N_METHODS; m++)
    {
      const gint64 mark = levels != NULL ? levels->threshold[m] : -1;

      changed = changed || self->marks[m] != mark;
      self->marks[m] = mark;
    }
  self->mark_in_use = in_use;
  if (changed)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_histogram_plot_get_mark:
 * @self: a plot
 * @method: a method
 *
 * Returns: where the plot marks @method's threshold, or -1 for no mark
 */
gint64
lda_histogram_plot_get_mark (LdaHistogramPlot *self,
                             LdaMethod         method)
{
  g_return_val_if_fail (LDA_IS_HISTOGRAM_PLOT (self), -1);
  g_return_val_if_fail (method < LDA_N_METHODS, -1);

  return self->marks[method];
}
