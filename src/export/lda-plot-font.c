/* lda-plot-font.c — a small stroke font of our own for the plot
 *
 * The exported plot must be the same bytes on every machine, so its
 * words and numbers are not drawn with cairo's text API, whose glyphs
 * come from the fonts installed, but as strokes of a few points each.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-plot-font.h"

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
  /* The rest of the letters, for the curves' names in the legend;
   * descenders reach y = 8. */
  { 'b', 5, "0006 0312324345361605" },
  { 'g', 5, "4247381807 4332120304153544" },
  { 'j', 4, "22271807 20" },
  { 'k', 5, "0006 4204 1446" },
  { 'l', 3, "101526" },
  { 'p', 5, "0208 0312324345361605" },
  { 'q', 5, "4248 4332120305163645" },
  { 's', 5, "4212031434453606" },
  { 'u', 5, "0205163645 4246" },
  { 'v', 5, "022642" },
  { 'w', 5, "0216243642" },
  { 'x', 5, "0246 4206" },
  { 'y', 5, "0204153544 4247381807" },
  { 'z', 5, "02420646" },
  { 'A', 5, "062046 1333" },
  { 'B', 5, "06003041423303 3344453606" },
  { 'C', 5, "4130100105163645" },
  { 'D', 5, "0006 003041453606" },
  { 'E', 5, "40000646 0333" },
  { 'F', 5, "400006 0333" },
  { 'G', 5, "41301001051636454323" },
  { 'H', 5, "0006 4046 0343" },
  { 'I', 4, "1030 2026 1636" },
  { 'J', 5, "204045361605" },
  { 'K', 5, "0006 4003 1346" },
  { 'L', 5, "000646" },
  { 'M', 5, "0600234046" },
  { 'N', 5, "06004640" },
  { 'O', 5, "103041453616050110" },
  { 'P', 5, "06003041423303" },
  { 'Q', 5, "103041453616050110 2446" },
  { 'R', 5, "06003041423303 2346" },
  { 'S', 5, "413010010213334445361605" },
  { 'T', 5, "0040 2026" },
  { 'U', 5, "000516364540" },
  { 'V', 5, "002640" },
  { 'W', 5, "0016233640" },
  { 'X', 5, "0046 4006" },
  { 'Y', 5, "002340 2326" },
  { 'Z', 5, "00400646" },
  { '_', 5, "0747" },
  { '+', 5, "0343 2145" },
};

static const Glyph *
find_glyph (char c)
{
  for (guint i = 0; i < G_N_ELEMENTS (glyphs); i++)
    if (glyphs[i].c == c)
      return &glyphs[i];

  return NULL;
}

/**
 * lda_plot_text_width:
 * @text: ASCII text
 *
 * Returns: the width of @text in grid units (6 to the cap height),
 *   without the gap after the last glyph
 */
double
lda_plot_text_width (const char *text)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      const Glyph *glyph = find_glyph (*p);

      width += glyph != NULL ? glyph->advance : 5;
    }

  return width > 0 ? width - 1 : 0;
}

/**
 * lda_plot_draw_text:
 * @cr: where to draw, in its current colour
 * @text: ASCII text; a character without a glyph is a gap
 * @x: where to anchor it
 * @y: the middle of the digits' height
 * @size: the cap height in pixels
 * @halign: 0 puts its left edge at @x, 0.5 its centre, 1 its right edge
 */
void
lda_plot_draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           double      halign)
{
  double scale = size / 6.0;
  double pen = 0;

  cairo_save (cr);
  cairo_translate (cr, x - halign * lda_plot_text_width (text) * scale, y - 3.0 * scale);
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
