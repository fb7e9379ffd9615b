/* lda-histogram-marks.c — where each threshold method puts the threshold,
 * as small labelled marks under a histogram
 *
 * One tick per method under the plot, on the boundary above its
 * threshold as the threshold line is drawn, with a short name below it,
 * in a strip of its own under the plot (drawn over the bars, the names
 * were hard to read there and hid them); the method in use is drawn bold
 * in the threshold's colour.  Methods whose ticks fall on the same pixel
 * (thresholds beyond the range are drawn at its edge) share one name,
 * "tri · max".  Names that would overlap go one row lower, up to two
 * rows; a name with no room left in either row is not drawn, its tick
 * is.  The strip's first row has the axis's end values at its ends.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lda-histogram-marks.h"
#include "lda-plot-utils.h"

#define TICK_HEIGHT 4.0
#define LABEL_GAP   3.0
/* Between the axis's end values and the methods' names. */
#define AXIS_GAP    6.0

static const char * const mark_labels[LDA_N_METHODS] = {
  /* Translators: short names of the threshold methods under the histogram:
   * Max-tile (article), Otsu, Otsu of tile maxima, Triangle */
  N_("max"), N_("otsu"), N_("tiles"), N_("tri"),
};

/**
 * lda_histogram_mark_label:
 * @method: a method
 *
 * Returns: the short name of @method's mark
 */
const char *
lda_histogram_mark_label (LdaMethod method)
{
  g_return_val_if_fail (method < LDA_N_METHODS, "");

  return _(mark_labels[method]);
}

typedef struct
{
  LdaMethod method;
  double    x;
} Mark;

/**
 * lda_histogram_place_labels:
 * @x: (array length=n): where each label's tick is, left to right
 * @width: (array length=n): each label's width
 * @n: how many labels
 * @left: the left edge of the room
 * @right: the right edge of the room
 * @gap: the least space between two labels of a row
 * @avoid: a line no label may cross (the threshold's), or NAN
 * @lx: (out) (array length=n): each label's left edge, over its tick
 *   where the room allows
 * @row: (out) (array length=n): each label's row, 0 the lowest, up to
 *   %LDA_HISTOGRAM_LABEL_ROWS − 1; −1 for a label with no room left
 *
 * Puts labels in the lowest row where they do not overlap the one
 * before them.  A label centred over its tick that would cross @avoid
 * moves to the tick's side of it, @gap away (to the other side where the
 * room ends).
 */
void
lda_histogram_place_labels (const double *x,
                            const double *width,
                            guint         n,
                            double        left,
                            double        right,
                            double        gap,
                            double        avoid,
                            double       *lx,
                            int          *row)
{
  double row_end[LDA_HISTOGRAM_LABEL_ROWS];

  for (guint r = 0; r < LDA_HISTOGRAM_LABEL_ROWS; r++)
    row_end[r] = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      double want = x[i] - width[i] / 2.0;

      /* Off the line, on its tick's side, or the other where that side
       * has no room. */
      if (!isnan (avoid) && want < avoid + gap && want + width[i] > avoid - gap)
        {
          const double after = avoid + gap, before = avoid - gap - width[i];
          const gboolean after_fits = after + width[i] <= right, before_fits = before >= left;

          if (x[i] >= avoid ? after_fits || !before_fits : !before_fits && after_fits)
            want = after;
          else
            want = before;
        }
      lx[i] = CLAMP (want, left, MAX (right - width[i], left));
      row[i] = -1;
      for (guint r = 0; r < LDA_HISTOGRAM_LABEL_ROWS && row[i] < 0; r++)
        if (lx[i] >= row_end[r] + gap)
          row[i] = (int) r;
      if (row[i] >= 0)
        row_end[row[i]] = lx[i] + width[i];
    }
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *ma = a, *mb = b;

  return (ma->x > mb->x) - (ma->x < mb->x);
}

/**
 * lda_histogram_marks_height:
 * @widget: the plot, for its font
 *
 * Returns: the height of the strip under the plot that
 *   lda_histogram_draw_marks() draws into
 */
int
lda_histogram_marks_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return (int) TICK_HEIGHT + LDA_HISTOGRAM_LABEL_ROWS * height;
}

/**
 * lda_histogram_draw_axis:
 * @widget: the plot, for its font
 * @cr: where to draw
 * @area: the plot area; the strip is below it
 * @range_max: the value at the right edge of @area
 * @fg: the colour of the text
 * @left: (out): where the methods' names' room begins
 * @right: (out): where it ends
 *
 * Draws the axis's end values, 0 and @range_max, at the ends of the first
 * row of the strip under the plot, whose room between them is the names'
 * of lda_histogram_draw_marks().
 */
void
lda_histogram_draw_axis (GtkWidget             *widget,
                         cairo_t               *cr,
                         const graphene_rect_t *area,
                         guint                  range_max,
                         const GdkRGBA         *fg,
                         double                *left,
                         double                *right)
{
  g_autofree char *max_text = g_strdup_printf ("%u", range_max);
  g_autoptr(PangoLayout) zero = gtk_widget_create_pango_layout (widget, "0");
  g_autoptr(PangoLayout) top = gtk_widget_create_pango_layout (widget, max_text);
  const double y = area->origin.y + area->size.height + TICK_HEIGHT;
  int w0, w;

  lda_cairo_set_color (cr, fg, 0.6);
  cairo_move_to (cr, area->origin.x, y);
  pango_cairo_show_layout (cr, zero);
  pango_layout_get_pixel_size (zero, &w0, NULL);

  pango_layout_get_pixel_size (top, &w, NULL);
  cairo_move_to (cr, area->origin.x + area->size.width - w, y);
  pango_cairo_show_layout (cr, top);

  *left = area->origin.x + w0 + AXIS_GAP;
  *right = area->origin.x + area->size.width - w - AXIS_GAP;
}

/**
 * lda_histogram_draw_marks:
 * @widget: the plot, for its font and colour
 * @cr: where to draw
 * @area: the plot area; the strip of the names is below it
 * @range_max: the value at the right edge of @area
 * @thresholds: (array fixed-size=LDA_N_METHODS): per method its
 *   threshold, or -1 when it was not computed
 * @in_use: the method in use, or -1 under a manual threshold
 * @in_use_color: the colour of the method in use
 * @left: where the names' room begins (after the axis's first value)
 * @right: where it ends (before the axis's last value)
 *
 * Thresholds beyond the right edge are drawn at the edge.
 */
void
lda_histogram_draw_marks (GtkWidget             *widget,
                          cairo_t               *cr,
                          const graphene_rect_t *area,
                          guint                  range_max,
                          const gint64          *thresholds,
                          int                    in_use,
                          const GdkRGBA         *in_use_color,
                          double                 left,
                          double                 right)
{
  const double bottom = area->origin.y + area->size.height;
  const double edge = area->origin.x + area->size.width;
  Mark marks[LDA_N_METHODS];
  PangoLayout *layouts[LDA_N_METHODS];
  double x[LDA_N_METHODS], width[LDA_N_METHODS], lx[LDA_N_METHODS];
  int row[LDA_N_METHODS];
  guint first[LDA_N_METHODS + 1];
  guint n = 0, n_groups = 0;
  int height = 0;
  GdkRGBA fg, halo;

  lda_widget_get_foreground (widget, &fg);
  halo = lda_halo_for (&fg);

  for (guint m = 0; m < LDA_N_METHODS; m++)
    {
      double mx;

      if (thresholds[m] < 0)
        continue;
      mx = area->origin.x + area->size.width * ((double) MIN (thresholds[m], (gint64) range_max) + 1.0)
           / ((double) range_max + 1.0);
      marks[n].method = m;
      marks[n].x = CLAMP (round (mx) + 0.5, area->origin.x + 1, edge - 1);
      n++;
    }
  qsort (marks, n, sizeof (Mark), compare_marks);

  /* The marks on one pixel share a name: "tri · max", the method in use
   * bold in its colour. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) text = NULL;
      PangoAttrList *attrs;
      guint j;
      int w;

      if (i > 0 && marks[i].x == marks[i - 1].x)
        continue;
      text = g_string_new (NULL);
      attrs = pango_attr_list_new ();
      for (j = i; j < n && marks[j].x == marks[i].x; j++)
        {
          const char *name = lda_histogram_mark_label (marks[j].method);

          if (j > i)
            g_string_append (text, " · ");
          if ((int) marks[j].method == in_use)
            {
              PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
              PangoAttribute *colour = pango_attr_foreground_new (
                (guint16) (in_use_color->red * 65535), (guint16) (in_use_color->green * 65535),
                (guint16) (in_use_color->blue * 65535));

              bold->start_index = colour->start_index = (guint) text->len;
              bold->end_index = colour->end_index = (guint) (text->len + strlen (name));
              pango_attr_list_insert (attrs, bold);
              pango_attr_list_insert (attrs, colour);
            }
          g_string_append (text, name);
        }
      first[n_groups] = i;
      layouts[n_groups] = gtk_widget_create_pango_layout (widget, text->str);
      pango_layout_set_attributes (layouts[n_groups], attrs);
      pango_attr_list_unref (attrs);
      pango_layout_get_pixel_size (layouts[n_groups], &w, &height);
      x[n_groups] = marks[i].x;
      width[n_groups] = w;
      n_groups++;
    }
  first[n_groups] = n;

  lda_histogram_place_labels (x, width, n_groups, left, right, LABEL_GAP, NAN, lx, row);

  for (guint g = 0; g < n_groups; g++)
    {
      const int tick_row = MAX (row[g], 0);

      /* The ticks, the one in use last, over the others. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = first[g]; i < first[g + 1]; i++)
          {
            const gboolean used = (int) marks[i].method == in_use;

            if (used != (pass == 1))
              continue;
            lda_cairo_set_color (cr, used ? in_use_color : &fg, used ? 1.0 : 0.7);
            cairo_set_line_width (cr, used ? 2.0 : 1.0);
            cairo_move_to (cr, marks[i].x, bottom);
            cairo_line_to (cr, marks[i].x, bottom + TICK_HEIGHT + tick_row * height);
            cairo_stroke (cr);
          }

      if (row[g] >= 0)
        {
          /* Over a halo of the background's shade, where a tick of the
           * row above passes. */
          lda_cairo_show_layout_halo (cr, layouts[g], lx[g],
                                      bottom + TICK_HEIGHT + row[g] * height, &fg, 0.7, &halo);
        }
      g_object_unref (layouts[g]);
    }
}
