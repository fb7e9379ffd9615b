/* lda-histogram-marks.c — where each threshold method puts the threshold,
 * as small labelled marks under a histogram
 *
 * One tick per method at the bottom of the plot, on the boundary above
 * its threshold as the threshold line is drawn, with a short name above
 * it; the method in use is drawn bold in the threshold's colour.  Names
 * that would overlap go one row higher, up to two rows.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "lda-histogram-marks.h"
#include "lda-plot-utils.h"

#define TICK_HEIGHT 6.0
#define LABEL_GAP   3.0
#define MAX_ROWS    2

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

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *ma = a, *mb = b;

  return (ma->x > mb->x) - (ma->x < mb->x);
}

/**
 * lda_histogram_draw_marks:
 * @widget: the plot, for its font and colour
 * @cr: where to draw
 * @area: the plot area
 * @range_max: the value at the right edge of @area
 * @thresholds: (array fixed-size=LDA_N_METHODS): per method its
 *   threshold, or -1 when it was not computed
 * @in_use: the method in use, or -1 under a manual threshold
 * @in_use_color: the colour of the method in use
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
                          const GdkRGBA         *in_use_color)
{
  double bottom = area->origin.y + area->size.height;
  double right = area->origin.x + area->size.width;
  double row_end[LDA_N_METHODS];
  Mark marks[LDA_N_METHODS];
  guint n = 0;
  GdkRGBA fg;

  lda_widget_get_foreground (widget, &fg);

  for (guint m = 0; m < LDA_N_METHODS; m++)
    {
      double x;

      if (thresholds[m] < 0)
        continue;
      x = area->origin.x + area->size.width * ((double) MIN (thresholds[m], (gint64) range_max) + 1.0)
          / ((double) range_max + 1.0);
      marks[n].method = m;
      marks[n].x = CLAMP (round (x) + 0.5, area->origin.x + 1, right - 1);
      n++;
    }
  qsort (marks, n, sizeof (Mark), compare_marks);

  for (guint r = 0; r < LDA_N_METHODS; r++)
    row_end[r] = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      gboolean used = (int) marks[i].method == in_use;
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (widget, lda_histogram_mark_label (marks[i].method));
      const GdkRGBA *color = used ? in_use_color : &fg;
      double alpha = used ? 1.0 : 0.7;
      double lx;
      guint row = 0;
      int w, h;

      if (used)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
        }
      pango_layout_get_pixel_size (layout, &w, &h);
      lx = CLAMP (marks[i].x - w / 2.0, area->origin.x, MAX (right - w, area->origin.x));
      /* The first row free at the label's place, else the least full:
       * above MAX_ROWS the names would run into the threshold's. */
      while (row + 1 < MAX_ROWS && lx < row_end[row] + LABEL_GAP)
        row++;
      if (lx < row_end[row] + LABEL_GAP)
        for (guint r = 0; r < MAX_ROWS; r++)
          if (row_end[r] < row_end[row])
            row = r;
      row_end[row] = lx + w;

      lda_cairo_set_color (cr, color, alpha);
      cairo_set_line_width (cr, used ? 2.0 : 1.0);
      cairo_move_to (cr, marks[i].x, bottom - TICK_HEIGHT - row * h);
      cairo_line_to (cr, marks[i].x, bottom);
      cairo_stroke (cr);

      cairo_move_to (cr, lx, bottom - TICK_HEIGHT - (row + 1) * h);
      pango_cairo_show_layout (cr, layout);
    }
}
