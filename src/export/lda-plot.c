/* lda-plot.c — the dead-fraction curve of an export as PNG and SVG
 *
 * The plot is drawn with cairo into an 800 × 400 image and an SVG of the
 * same size.  Its bytes must depend on the points only, whichever process
 * draws it and on whatever machine, so that the window and `livedead
 * export` write the same files:
 *
 * - the few words and numbers are drawn with a small stroke font of our
 *   own, not cairo's text API, whose glyphs come from the fonts installed;
 * - tick positions are computed in integers;
 * - the ids cairo numbers from process-wide counters are renumbered in
 *   the SVG (renumber_svg_ids());
 * - cairo's PNG writer adds no time or software chunk.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include <cairo.h>
#ifdef CAIRO_HAS_SVG_SURFACE
#include <cairo-svg.h>
#endif

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-plot.h"
#include "lda-plot-font.h"
#include "lda-series-curves.h"

/**
 * lda_plot_check_support:
 * @error: return location for an error
 *
 * Returns: %TRUE if this build of cairo can write the plot as PNG and
 *   SVG; otherwise %LDA_ERROR_UNSUPPORTED saying what is missing
 */
gboolean
lda_plot_check_support (GError **error)
{
#if !defined(CAIRO_HAS_PNG_FUNCTIONS)
  g_set_error_literal (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                       _("dead_fraction.png: cannot write: cairo was built without PNG support"));
  return FALSE;
#elif !defined(CAIRO_HAS_SVG_SURFACE)
  g_set_error_literal (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                       _("dead_fraction.svg: cannot write: cairo was built without SVG support"));
  return FALSE;
#else
  return TRUE;
#endif
}

#define PLOT_WIDTH   800
#define PLOT_HEIGHT  400
#define PLOT_LEFT    84.0
#define PLOT_RIGHT   28.0
#define PLOT_TOP     24.0
#define PLOT_BOTTOM  64.0

/* @time: hours when every plotted frame's files say when it was taken,
 * else the time index; @curve: the field it belongs to
 * (lda_series_curves()) */
typedef struct
{
  guint  curve;
  double time;
  guint  order;
  double fraction;
} PlotPoint;

/* Curve by curve, each in time order. */
static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const PlotPoint *p = a;
  const PlotPoint *q = b;

  if (p->curve != q->curve)
    return p->curve < q->curve ? -1 : 1;
  if (p->time != q->time)
    return p->time < q->time ? -1 : 1;
  return p->order < q->order ? -1 : p->order > q->order;
}

/* The tick step for @span: 1, 2 or 5 × 10^k, at most about eight ticks.
 * Integers only, so that no libm rounding can move a tick. */
static guint64
tick_step (guint64 span)
{
  static const guint64 factors[] = { 1, 2, 5 };
  guint64 magnitude = 1;

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        if (factors[i] * magnitude * 8 >= span)
          return factors[i] * magnitude;
      magnitude *= 10;
    }
}

/* Device-pixel centre of the pixel column or row containing @v, so that
 * one-pixel lines are crisp in the PNG. */
static double
crisp (double v)
{
  return floor (v) + 0.5;
}

/* A colour each for the curves of several fields or wells, the first
 * the single curve's red. */
static const double palette[][3] = {
  { 0.80, 0.16, 0.16 }, { 0.12, 0.47, 0.71 }, { 0.17, 0.60, 0.17 }, { 0.93, 0.47, 0.05 },
  { 0.55, 0.36, 0.74 }, { 0.55, 0.34, 0.29 }, { 0.85, 0.40, 0.70 }, { 0.45, 0.45, 0.45 },
};

#define LEGEND_MAX 8
/* Longer names are cut, "..." after them, to stay within the plot. */
#define LEGEND_CHARS 40

/* @title as the legend writes it, in @buffer when cut. */
static const char *
legend_name (const char *title,
             char       *buffer)
{
  if (title == NULL)
    return "other";
  if (strlen (title) <= LEGEND_CHARS)
    return title;
  memcpy (buffer, title, LEGEND_CHARS - 3);
  strcpy (buffer + LEGEND_CHARS - 3, "...");
  return buffer;
}

static void
set_curve_colour (cairo_t *cr,
                  guint    curve)
{
  const double *rgb = palette[curve % G_N_ELEMENTS (palette)];

  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

/* Which colour is which curve, at the top left of the plot: the curves'
 * names, as many as fit, then how many more. */
static void
draw_legend (cairo_t            *cr,
             const char * const *titles,
             guint               n_curves,
             double              left,
             double              top)
{
  const guint shown = n_curves <= LEGEND_MAX ? n_curves : LEGEND_MAX - 1;
  const double size = 10, row = 16, swatch = 18;
  char name[LEGEND_MAX][LEGEND_CHARS + 4];
  g_autofree char *more = NULL;
  double width = 0;
  guint n_rows = shown;

  if (shown < n_curves)
    {
      more = g_strdup_printf ("and %u more", n_curves - shown);
      width = lda_plot_text_width (more);
      n_rows++;
    }
  for (guint c = 0; c < shown; c++)
    width = MAX (width, lda_plot_text_width (legend_name (titles[c], name[c])));
  width = swatch + 8 + width * size / 6.0 + 16;

  cairo_save (cr);
  cairo_rectangle (cr, left, top, width, n_rows * row + 8);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.80, 0.80, 0.80);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  for (guint c = 0; c < n_rows; c++)
    {
      double y = top + 4 + row * (c + 0.5);

      if (c < shown)
        {
          set_curve_colour (cr, c);
          cairo_set_line_width (cr, 2);
          cairo_move_to (cr, left + 8, y);
          cairo_line_to (cr, left + 8 + swatch, y);
          cairo_stroke (cr);
        }
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      lda_plot_draw_text (cr, c < shown ? legend_name (titles[c], name[c]) : more,
                          left + 8 + swatch + 8, y, size, 0.0);
    }
  cairo_restore (cr);
}

/* The time axis: from @lo to @hi, whole ticks of the step returned. */
static guint64
time_axis (const PlotPoint *points,
           guint            n_points,
           gint64          *lo,
           gint64          *hi)
{
  guint64 step;

  *lo = 0;
  *hi = 1;
  if (n_points > 0)
    {
      double first = points[0].time, last = points[0].time;

      for (guint i = 1; i < n_points; i++)
        {
          first = MIN (first, points[i].time);
          last = MAX (last, points[i].time);
        }
      /* Times in hours need not be whole: the axis spans whole ticks. */
      *lo = (gint64) floor (first);
      *hi = (gint64) ceil (last);
      if (*hi == *lo)
        {
          *lo = *lo > 0 ? *lo - 1 : 0;
          *hi = *lo + 2;
        }
    }
  /* Widen the range out to whole ticks, so that the axis starts and ends
   * on a labelled value. */
  step = tick_step ((guint64) (*hi - *lo));
  *lo = *lo / (gint64) step * (gint64) step;
  *hi = (*hi + (gint64) step - 1) / (gint64) step * (gint64) step;

  return step;
}

static void
draw_plot (cairo_t            *cr,
           const PlotPoint    *points,
           guint               n_points,
           gboolean            hours,
           const char * const *titles,
           guint               n_curves)
{
  const double x0 = PLOT_LEFT, x1 = PLOT_WIDTH - PLOT_RIGHT;
  const double y0 = PLOT_HEIGHT - PLOT_BOTTOM, y1 = PLOT_TOP;
  gint64 lo, hi;
  guint64 step = time_axis (points, n_points, &lo, &hi);

#define X_OF(t) (x0 + ((double) (t) - (double) lo) / (double) (hi - lo) * (x1 - x0))
#define Y_OF(f) (y0 + CLAMP ((f), 0.0, 1.0) * (y1 - y0))

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Grid lines and labels of the dead fraction, every 0.2. */
  for (guint i = 0; i <= 5; i++)
    {
      static const char * const labels[] = { "0", "0.2", "0.4", "0.6", "0.8", "1" };
      double y = crisp (Y_OF (i / 5.0));

      cairo_set_source_rgb (cr, 0.88, 0.88, 0.88);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, x0 - 6, y);
      cairo_line_to (cr, x0, y);
      cairo_stroke (cr);
      lda_plot_draw_text (cr, labels[i], x0 - 12, y, 10, 1.0);
    }

  /* Ticks and labels of the time. */
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  for (gint64 t = (lo + (gint64) step - 1) / (gint64) step * (gint64) step; t <= hi;
       t += (gint64) step)
    {
      char label[32];
      double x = crisp (X_OF (t));

      g_snprintf (label, sizeof label, "%" G_GINT64_FORMAT, t);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y0 + 6);
      cairo_stroke (cr);
      lda_plot_draw_text (cr, label, x, y0 + 18, 10, 0.5);
    }

  /* Axes. */
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, crisp (x0), y1);
  cairo_line_to (cr, crisp (x0), crisp (y0));
  cairo_line_to (cr, x1, crisp (y0));
  cairo_stroke (cr);

  lda_plot_draw_text (cr, hours ? "time (h)" : "time", (x0 + x1) / 2, PLOT_HEIGHT - 18, 12, 0.5);
  cairo_save (cr);
  cairo_translate (cr, 24, (y0 + y1) / 2);
  cairo_rotate (cr, -G_PI / 2);
  lda_plot_draw_text (cr, "dead fraction", 0, 0, 12, 0.5);
  cairo_restore (cr);

  /* The curves: each field's points joined in time order, in a colour of
   * its own when there are several (one curve is drawn as it always was). */
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint first = 0, end; first < n_points; first = end)
    {
      end = first;
      if (n_curves > 1)
        while (end < n_points && points[end].curve == points[first].curve)
          end++;
      else
        end = n_points;

      set_curve_colour (cr, n_curves > 1 ? points[first].curve : 0);
      for (guint i = first; i < end; i++)
        {
          if (i == first || points[i].curve != points[i - 1].curve)
            cairo_move_to (cr, X_OF (points[i].time), Y_OF (points[i].fraction));
          else
            cairo_line_to (cr, X_OF (points[i].time), Y_OF (points[i].fraction));
        }
      cairo_stroke (cr);

      for (guint i = first; i < end; i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, X_OF (points[i].time), Y_OF (points[i].fraction), 3.5, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }

  if (n_curves > 1)
    draw_legend (cr, titles, n_curves, x0 + 8, y1 + 4);

#undef X_OF
#undef Y_OF
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
cairo_failed (cairo_status_t  status,
              const char     *path,
              GError        **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return FALSE;

  g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot draw the plot: %s"),
               path, cairo_status_to_string (status));
  return TRUE;
}

static gboolean
write_png (const PlotPoint    *points,
           guint               n_points,
           gboolean            hours,
           const char * const *titles,
           guint               n_curves,
           const char         *path,
           GError            **error)
{
#ifdef CAIRO_HAS_PNG_FUNCTIONS
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PLOT_WIDTH, PLOT_HEIGHT);
  cr = cairo_create (surface);
  draw_plot (cr, points, n_points, hours, titles, n_curves);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* cairo's PNG writer puts no time or software chunk in the file. */
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_to_array, png);
  cairo_surface_destroy (surface);

  if (cairo_failed (status, path, error))
    return FALSE;

  return lda_atomic_file_write (path, png->data, png->len, error);
#else
  return lda_plot_check_support (error);
#endif
}

static gboolean
is_id_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* The length of the id token at @p, 0 if there is none. */
static gsize
id_length (const char *p,
           const char *end)
{
  gsize n = 0;

  while (p + n < end && is_id_char (p[n]))
    n++;

  return n;
}

/* Whether @p, inside @data, starts an attribute ' id="'. */
static gboolean
is_id_attribute (const char *data,
                 const char *p,
                 const char *end)
{
  return p > data && g_ascii_isspace (p[-1]) && end - p >= 4 && memcmp (p, "id=\"", 4) == 0;
}

/* cairo numbers some SVG ids from counters shared by the whole process
 * (cairo 1.16 writes <g id="surfaceN">, N counting every surface made so
 * far), so the same plot drawn twice, or by the window and by the
 * command, would differ.  Renames every id declared, and every "#id"
 * reference to one, in order of first appearance: "surface2" and
 * "surface8" both become "surface1". */
static GString *
renumber_svg_ids (const char *data,
                  gsize       len)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *end = data + len;
  GString *out = g_string_sized_new (len);

  for (const char *p = data; p < end; p++)
    if (is_id_attribute (data, p, end))
      {
        gsize n = id_length (p + 4, end);
        g_autofree char *id = g_strndup (p + 4, n);
        gsize prefix = 0;

        if (n == 0 || g_hash_table_contains (names, id))
          continue;
        while (prefix < n && !g_ascii_isdigit (id[prefix]))
          prefix++;
        g_hash_table_insert (names, g_steal_pointer (&id),
                             g_strdup_printf ("%.*s%u", (int) prefix, p + 4,
                                              g_hash_table_size (names) + 1));
      }

  for (const char *p = data; p < end; )
    {
      gsize skip = 0;

      if (is_id_attribute (data, p, end))
        skip = 4;
      else if (*p == '#')
        skip = 1;

      if (skip > 0)
        {
          gsize n = id_length (p + skip, end);
          g_autofree char *id = g_strndup (p + skip, n);
          const char *name = g_hash_table_lookup (names, id);

          g_string_append_len (out, p, skip);
          g_string_append (out, name != NULL ? name : id);
          p += skip + n;
        }
      else
        g_string_append_c (out, *p++);
    }

  return out;
}

static gboolean
write_svg (const PlotPoint    *points,
           guint               n_points,
           gboolean            hours,
           const char * const *titles,
           guint               n_curves,
           const char         *path,
           GError            **error)
{
#ifdef CAIRO_HAS_SVG_SURFACE
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GString) renumbered = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_svg_surface_create_for_stream (append_to_array, svg, PLOT_WIDTH, PLOT_HEIGHT);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE (1, 16, 0)
  /* The default unit changed between cairo versions; name it. */
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
#endif
  cr = cairo_create (surface);
  draw_plot (cr, points, n_points, hours, titles, n_curves);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cairo_failed (status, path, error))
    return FALSE;

  renumbered = renumber_svg_ids ((const char *) svg->data, svg->len);
  return lda_atomic_file_write (path, renumbered->str, renumbered->len, error);
#else
  return lda_plot_check_support (error);
#endif
}

/**
 * lda_plot_write:
 * @series: a series
 * @frames: (array length=n_frames) (nullable): the frames to plot, or
 *   %NULL for all
 * @n_frames: how many
 * @png_path: the PNG file to create or replace
 * @svg_path: the SVG file to create or replace
 * @error: return location for an error
 *
 * Draws the dead fraction (0 to 1) of the frames against their time in
 * hours when the files of every plotted frame say it ("time (h)"), else
 * against their time index ("time"), points joined by lines in time
 * order, with axes, ticks and the label "dead fraction", as an 800 × 400
 * PNG and an SVG of the
 * same size.  Frames whose counts are not computed are left out; with
 * none left the axes are drawn alone.  Each file is replaced atomically,
 * and the same points give the same bytes.  Fails with
 * %LDA_ERROR_UNSUPPORTED when cairo was built without PNG or SVG support.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_plot_write (LdaSeries   *series,
                const guint *frames,
                guint        n_frames,
                const char  *png_path,
                const char  *svg_path,
                GError     **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PlotPoint));
  g_autofree guint *curves = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree guint *plotted = NULL;
  guint n_curves;
  gboolean hours = TRUE;
  guint n_series = 0;
  guint n;

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (png_path != NULL, FALSE);
  g_return_val_if_fail (svg_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lda_plot_check_support (error))
    return FALSE;

  n_series = lda_series_get_n_frames (series);
  n = frames != NULL ? n_frames : n_series;
  curves = lda_series_curves (series, &n_curves);
  for (guint k = 0; k < n; k++)
    {
      guint index = frames != NULL ? frames[k] : k;
      const LdaFrame *frame;
      PlotPoint point;

      g_return_val_if_fail (index < n_series, FALSE);
      frame = lda_series_get_frame (series, index);
      /* A frame without cells has no fraction: no point, not one at 0. */
      if (!frame->has_counts || frame->live + frame->dead == 0)
        continue;

      point.curve = curves[index];
      point.time = isfinite (frame->time_hours) ? frame->time_hours : frame->time_index;
      hours = hours && isfinite (frame->time_hours);
      point.order = index;
      point.fraction = isfinite (frame->dead_fraction) ? frame->dead_fraction : 0.0;
      g_array_append_val (points, point);
    }

  /* Mixed, the frames without a time would sit at their index among
   * hours: then every frame is plotted at its index. */
  hours = hours && points->len > 0;
  if (!hours)
    for (guint i = 0; i < points->len; i++)
      g_array_index (points, PlotPoint, i).time =
        lda_series_get_frame (series, g_array_index (points, PlotPoint, i).order)->time_index;
  g_array_sort (points, compare_points);

  /* The curves plotted, numbered again from 0 in the order of their
   * first frames, and their names for the legend. */
  plotted = g_new (guint, MAX (n_curves, 1));
  for (guint c = 0; c < n_curves; c++)
    plotted[c] = G_MAXUINT;
  titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < points->len; i++)
    {
      PlotPoint *point = &g_array_index (points, PlotPoint, i);

      if (plotted[point->curve] == G_MAXUINT)
        {
          plotted[point->curve] = titles->len;
          g_ptr_array_add (titles, lda_series_curve_title (series, point->order));
        }
      point->curve = plotted[point->curve];
    }
  n_curves = titles->len;

  return write_png ((const PlotPoint *) (gpointer) points->data, points->len, hours,
                    (const char * const *) titles->pdata, n_curves, png_path, error) &&
         write_svg ((const PlotPoint *) (gpointer) points->data, points->len, hours,
                    (const char * const *) titles->pdata, n_curves, svg_path, error);
}
