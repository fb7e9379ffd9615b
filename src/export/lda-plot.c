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

/* A stroke font of the characters the plot writes.  A glyph sits on a
 * grid 4 units wide: digits and ascenders from y = 0 to the baseline at
 * y = 6, the body of lower-case letters from y = 2.  Its strokes are
 * separated by spaces, each a polyline of points written as two digits
 * "xy"; a stroke of one point is a dot. */
typedef struct
{
  char        c;
  guint8      advance;
  const char *strokes;
} Glyph;

static const Glyph glyphs[] = {
  { '0', 5, "103041453616050110" },
  { '1', 5, "112026 1636" },
  { '2', 5, "01103041420646" },
  { '3', 5, "004022324345361605" },
  { '4', 5, "3036 300444" },
  { '5', 5, "4000033344453606" },
  { '6', 5, "30100105163645443303" },
  { '7', 5, "004016" },
  { '8', 5, "103041423313020110 1304051636454433" },
  { '9', 5, "43130201103041453616" },
  { '.', 3, "16" },
  { '-', 5, "0343" },
  { ' ', 3, "" },
  { '(', 3, "20111526" },
  { ')', 3, "00111506" },
  { 'a', 5, "12324346 441405163645" },
  { 'c', 5, "421203051646" },
  { 'd', 5, "4046 4332120305163645" },
  { 'e', 5, "044443321203051646" },
  { 'f', 4, "30202126 1232" },
  { 'h', 5, "0006 0312324346" },
  { 'i', 3, "1216 10" },
  { 'm', 5, "0602 03122326 23324346" },
  { 'n', 5, "0602 0312324346" },
  { 'o', 5, "123243453616050312" },
  { 'r', 5, "0206 042242" },
  { 't', 4, "10152636 0232" },
};

static const Glyph *
find_glyph (char c)
{
  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (glyphs[i].c == c)
      return &glyphs[i];

  return NULL;
}

/* The width of @text in grid units, without the gap after the last glyph. */
static double
text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      const Glyph *glyph = find_glyph (*p);

      width += glyph != NULL ? glyph->advance : 5;
    }

  return width > 0 ? width - 1 : 0;
}

/* Draws @text with its cap height @size pixels, anchored at (@x, @y):
 * @halign 0 puts its left edge there, 0.5 its centre, 1 its right edge;
 * @y is the middle of the digits' height. */
static void
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           double      halign)
{
  double scale = size / 6.0;
  double pen = 0;

  cairo_save (cr);
  cairo_translate (cr, x - halign * text_width (text) * scale, y - 3.0 * scale);
  cairo_scale (cr, scale, scale);

  for (const char *p = text; *p != '\0'; p++)
    {
      const Glyph *glyph = find_glyph (*p);
      const char *s;

      if (glyph == NULL)
        {
          pen += 5;
          continue;
        }

      for (s = glyph->strokes; *s != '\0'; )
        {
          guint n_points = 0;

          for (; g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]); s += 2, n_points++)
            {
              double px = pen + (s[0] - '0');
              double py = s[1] - '0';

              if (n_points == 0)
                cairo_move_to (cr, px, py);
              else
                cairo_line_to (cr, px, py);
            }
          /* One point: a dot, drawn by the round cap of an empty segment. */
          if (n_points == 1)
            cairo_rel_line_to (cr, 0, 0);
          while (*s == ' ')
            s++;
        }

      pen += glyph->advance;
    }

  /* The path is kept across the restore; stroke it in device units so the
   * pen is as thick whatever the size. */
  cairo_restore (cr);
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.0, size / 7.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

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

static void
draw_plot (cairo_t         *cr,
           const PlotPoint *points,
           guint            n_points,
           gboolean         hours)
{
  const double x0 = PLOT_LEFT, x1 = PLOT_WIDTH - PLOT_RIGHT;
  const double y0 = PLOT_HEIGHT - PLOT_BOTTOM, y1 = PLOT_TOP;
  gint64 lo = 0, hi = 1;
  guint64 step;

#define X_OF(t) (x0 + ((double) (t) - (double) lo) / (double) (hi - lo) * (x1 - x0))
#define Y_OF(f) (y0 + CLAMP ((f), 0.0, 1.0) * (y1 - y0))

  if (n_points > 0)
    {
      double first = points[0].time, last = points[0].time;

      for (guint i = 1; i < n_points; i++)
        {
          first = MIN (first, points[i].time);
          last = MAX (last, points[i].time);
        }
      /* Times in hours need not be whole: the axis spans whole ticks. */
      lo = (gint64) floor (first);
      hi = (gint64) ceil (last);
      if (hi == lo)
        {
          lo = lo > 0 ? lo - 1 : 0;
          hi = lo + 2;
        }
    }
  /* Widen the range out to whole ticks, so that the axis starts and ends
   * on a labelled value. */
  step = tick_step ((guint64) (hi - lo));
  lo = lo / (gint64) step * (gint64) step;
  hi = (hi + (gint64) step - 1) / (gint64) step * (gint64) step;

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
      draw_text (cr, labels[i], x0 - 12, y, 10, 1.0);
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
      draw_text (cr, label, x, y0 + 18, 10, 0.5);
    }

  /* Axes. */
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, crisp (x0), y1);
  cairo_line_to (cr, crisp (x0), crisp (y0));
  cairo_line_to (cr, x1, crisp (y0));
  cairo_stroke (cr);

  draw_text (cr, hours ? "time (h)" : "time", (x0 + x1) / 2, PLOT_HEIGHT - 18, 12, 0.5);
  cairo_save (cr);
  cairo_translate (cr, 24, (y0 + y1) / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (cr, "dead fraction", 0, 0, 12, 0.5);
  cairo_restore (cr);

  /* The curves: each field's points joined in time order. */
  cairo_set_source_rgb (cr, 0.80, 0.16, 0.16);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n_points; i++)
    {
      if (i == 0 || points[i].curve != points[i - 1].curve)
        cairo_move_to (cr, X_OF (points[i].time), Y_OF (points[i].fraction));
      else
        cairo_line_to (cr, X_OF (points[i].time), Y_OF (points[i].fraction));
    }
  cairo_stroke (cr);

  for (guint i = 0; i < n_points; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, X_OF (points[i].time), Y_OF (points[i].fraction), 3.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);

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
write_png (const PlotPoint *points,
           guint            n_points,
           gboolean         hours,
           const char      *path,
           GError         **error)
{
#ifdef CAIRO_HAS_PNG_FUNCTIONS
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PLOT_WIDTH, PLOT_HEIGHT);
  cr = cairo_create (surface);
  draw_plot (cr, points, n_points, hours);
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
write_svg (const PlotPoint *points,
           guint            n_points,
           gboolean         hours,
           const char      *path,
           GError         **error)
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
  draw_plot (cr, points, n_points, hours);
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
      if (!frame->has_counts)
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

  return write_png ((const PlotPoint *) (gpointer) points->data, points->len, hours, png_path,
                    error) &&
         write_svg ((const PlotPoint *) (gpointer) points->data, points->len, hours, svg_path,
                    error);
}
