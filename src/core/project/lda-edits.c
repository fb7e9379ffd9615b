/* lda-edits.c — the person's corrections over the automatic mask
 *
 * The edit layer is one byte per pixel: a class the person set, or
 * LDA_NO_EDIT where the automatic mask shows through.  The tools change
 * only the edit layer; those that need to know what is shown (fill, toggle,
 * delete) read the merged mask the caller keeps up to date.
 *
 * The tools that work on regions of the merged mask are in
 * lda-edits-regions.c.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-components.h"
#include "lda-edits-private.h"
#include "lda-error.h"

/* Grows @changed, a tool's own dirty box, by columns x0 … x1 of row y. */
void
lda_edits_changed_add (LdaRect *changed,
                       guint    x0,
                       guint    x1,
                       guint    y)
{
  const LdaRect r = { (int) x0, (int) y, (int) (x1 - x0 + 1), 1 };

  lda_rect_union (changed, &r);
}

void
lda_edits_changed_to_dirty (const LdaRect *changed,
                            LdaRect       *dirty)
{
  if (dirty != NULL)
    lda_rect_union (dirty, changed);
}

/* ---- The edit layer ---- */

static gboolean
valid_value (guint8 value)
{
  return value < LDA_N_CLASSES || value == LDA_NO_EDIT;
}

/**
 * lda_edits_new:
 * @width: columns, at least 1
 * @height: rows, at least 1
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an edit layer with no edit
 */
LdaEdits *
lda_edits_new (guint    width,
               guint    height,
               GError **error)
{
  LdaEdits *self;
  guint8 *pixels;

  if (!lda_check_size (width, height, error))
    return NULL;

  pixels = g_try_malloc_n (width, height);
  if (pixels == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the edits of a %u × %u frame"), width, height);
      return NULL;
    }
  memset (pixels, LDA_NO_EDIT, (gsize) width * height);

  self = g_new0 (LdaEdits, 1);
  self->width = width;
  self->height = height;
  self->pixels = pixels;

  return self;
}

/**
 * lda_edits_copy:
 * @self: an edit layer
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an independent copy
 */
LdaEdits *
lda_edits_copy (const LdaEdits *self,
                GError        **error)
{
  LdaEdits *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lda_edits_new (self->width, self->height, error);
  if (copy != NULL)
    memcpy (copy->pixels, self->pixels, (gsize) self->width * self->height);

  return copy;
}

/**
 * lda_edits_free:
 * @self: (nullable): an edit layer
 */
void
lda_edits_free (LdaEdits *self)
{
  if (self == NULL)
    return;

  g_free (self->pixels);
  g_free (self);
}

/**
 * lda_edits_count:
 * @self: an edit layer
 *
 * Returns: how many pixels carry an edit
 */
gsize
lda_edits_count (const LdaEdits *self)
{
  gsize n, count = 0;

  g_return_val_if_fail (self != NULL, 0);

  n = (gsize) self->width * self->height;
  for (gsize i = 0; i < n; i++)
    count += self->pixels[i] != LDA_NO_EDIT;

  return count;
}

/**
 * lda_edits_clear:
 * @self: an edit layer
 *
 * Removes every edit, so the automatic mask shows everywhere ("Reset
 * frame").  Record it in the history with the whole frame as dirty.
 */
void
lda_edits_clear (LdaEdits *self)
{
  g_return_if_fail (self != NULL);

  memset (self->pixels, LDA_NO_EDIT, (gsize) self->width * self->height);
}

gboolean
lda_edits_fits (const LdaEdits *self,
                const LdaImage *image)
{
  return image != NULL && image->type == LDA_PIXEL_U8
         && image->width == self->width && image->height == self->height;
}

/**
 * lda_edits_merge_rect:
 * @self: an edit layer
 * @automatic: the automatic #LDA_PIXEL_U8 mask, of the same size
 * @merged: the merged mask to update, of the same size
 * @rect: the part to update; clipped to the image
 *
 * Recomputes @merged inside @rect only — the edit where there is one, else
 * the automatic class — so that painting repaints a small box rather than
 * the frame.  Pixels outside @rect are not touched.  @merged is written, so
 * it must not be an image a pipeline shares.
 */
void
lda_edits_merge_rect (const LdaEdits *self,
                      const LdaImage *automatic,
                      LdaImage       *merged,
                      const LdaRect  *rect)
{
  LdaRect r;

  g_return_if_fail (self != NULL);
  g_return_if_fail (lda_edits_fits (self, automatic));
  g_return_if_fail (lda_edits_fits (self, merged));
  g_return_if_fail (rect != NULL);

  r = *rect;
  if (!lda_rect_clip (&r, self->width, self->height))
    return;

  for (int y = r.y; y < r.y + r.height; y++)
    {
      gsize row = (gsize) y * self->width;
      const guint8 *e = self->pixels + row;
      const guint8 *a = lda_image_u8 (automatic) + row;
      guint8 *m = lda_image_u8 (merged) + row;

      for (int x = r.x; x < r.x + r.width; x++)
        m[x] = e[x] != LDA_NO_EDIT ? e[x] : a[x];
    }
}

/**
 * lda_edits_merge:
 * @self: an edit layer
 * @automatic: the automatic #LDA_PIXEL_U8 mask, of the same size
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new #LDA_PIXEL_U8 mask, the edit
 *   where there is one, else the automatic class
 */
LdaImage *
lda_edits_merge (const LdaEdits *self,
                 const LdaImage *automatic,
                 GError        **error)
{
  LdaImage *merged;
  LdaRect all;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lda_edits_fits (self, automatic), NULL);

  merged = lda_image_new_uninitialized (LDA_PIXEL_U8, self->width, self->height, error);
  if (merged == NULL)
    return NULL;

  all = (LdaRect) { 0, 0, (int) self->width, (int) self->height };
  lda_edits_merge_rect (self, automatic, merged, &all);

  return merged;
}

/* ---- Brush ---- */

/* The first and last pixel index whose centre (i + 0.5) lies in
 * [lo, hi], clamped to 0 … n − 1; FALSE when none does.  Works in double
 * throughout so that far-away coordinates cannot overflow an int. */
static gboolean
centre_range (double lo,
              double hi,
              guint  n,
              guint *first,
              guint *last)
{
  double a = MAX (ceil (lo - 0.5), 0.0);
  double b = MIN (floor (hi - 0.5), (double) n - 1.0);

  if (!(a <= b))
    return FALSE;

  *first = (guint) a;
  *last = (guint) b;
  return TRUE;
}

/**
 * lda_edits_dab:
 * @self: an edit layer
 * @cx: centre column, in image coordinates (pixel x covers [x, x + 1),
 *   so its centre is x + 0.5 — the image view's convention)
 * @cy: centre row, likewise
 * @radius: the brush radius in pixels, ≥ 0
 * @value: a class, or %LDA_NO_EDIT to erase (reveal the automatic mask)
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * Sets every pixel whose centre lies within @radius of (@cx, @cy)
 * (distance ≤ @radius), and always the pixel containing (@cx, @cy), so a
 * brush never paints nothing.  Radius 0.5 paints exactly the pixel under
 * the point (two if the point lies exactly on the middle of a pixel edge);
 * radius 1 at a pixel centre paints a plus of 5 pixels; radius 2.5 a 5 × 5
 * square without its corners.  The disc is clipped at the image borders.
 */
void
lda_edits_dab (LdaEdits *self,
               double    cx,
               double    cy,
               double    radius,
               guint8    value,
               LdaRect  *dirty)
{
  g_return_if_fail (valid_value (value));

  lda_edits_disc (self, cx, cy, radius, value, NULL, NULL, dirty);
}

/**
 * lda_edits_disc:
 * @self: an edit layer
 * @cx: centre column, as lda_edits_dab() takes it
 * @cy: centre row
 * @radius: the brush radius in pixels, ≥ 0
 * @value: what @paint is %NULL: the value every pixel is given
 * @paint: (nullable): the value of each pixel of the disc, or −1 to leave
 *   it, asked in raster order
 * @data: for @paint
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * lda_edits_dab(), each pixel's value given by @paint.
 */
void
lda_edits_disc (LdaEdits          *self,
                double             cx,
                double             cy,
                double             radius,
                guint8             value,
                LdaEditsPaintFunc  paint,
                gpointer           data,
                LdaRect           *dirty)
{
  const double r2 = radius * radius;
  double fx, fy;
  guint x0, x1, y0, y1;
  gboolean has_x, has_y;
  LdaRect changed = { 0, };

  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (cx) && isfinite (cy));
  g_return_if_fail (isfinite (radius) && radius >= 0);

  fx = floor (cx);
  fy = floor (cy);

  has_x = centre_range (MIN (cx - radius, fx + 0.5), MAX (cx + radius, fx + 0.5),
                        self->width, &x0, &x1);
  has_y = centre_range (MIN (cy - radius, fy + 0.5), MAX (cy + radius, fy + 0.5),
                        self->height, &y0, &y1);
  if (!has_x || !has_y)
    return;

  for (guint y = y0; y <= y1; y++)
    {
      guint8 *row = self->pixels + (gsize) y * self->width;
      double dy = y + 0.5 - cy;
      gboolean under_row = (double) y == fy;

      for (guint x = x0; x <= x1; x++)
        {
          double dx = x + 0.5 - cx;
          int v = value;

          if (dx * dx + dy * dy > r2 && !(under_row && (double) x == fx))
            continue;
          if (paint != NULL && (v = paint (x, y, data)) < 0)
            continue;
          if (row[x] != v)
            {
              row[x] = (guint8) v;
              lda_edits_changed_add (&changed, x, x, y);
            }
        }
    }

  lda_edits_changed_to_dirty (&changed, dirty);
}

/* Liang–Barsky: clips the parameter range [*t0, *t1] of p + t·d to
 * lo ≤ p + t·d ≤ hi.  FALSE when nothing is left. */
static gboolean
clip_axis (double  p,
           double  d,
           double  lo,
           double  hi,
           double *t0,
           double *t1)
{
  double a, b;

  if (d == 0)
    return p >= lo && p <= hi;

  a = (lo - p) / d;
  b = (hi - p) / d;
  *t0 = MAX (*t0, MIN (a, b));
  *t1 = MIN (*t1, MAX (a, b));

  return *t0 <= *t1;
}

/**
 * lda_edits_line:
 * @self: an edit layer
 * @x0: start column (image coordinates, as for lda_edits_dab())
 * @y0: start row
 * @x1: end column
 * @y1: end row
 * @radius: the brush radius
 * @value: a class, or %LDA_NO_EDIT to erase
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * Dabs from (@x0, @y0) to (@x1, @y1), both ends included, at most
 * max (0.5, @radius / 2) apart, so the stroke between two pointer motion
 * events has no gap: with a small brush consecutive dabs paint pixels that
 * are 8-neighbours, with a larger one the discs overlap by most of their
 * width.  The part of the segment that cannot reach the image is skipped.
 */
void
lda_edits_line (LdaEdits *self,
                double    x0,
                double    y0,
                double    x1,
                double    y1,
                double    radius,
                guint8    value,
                LdaRect  *dirty)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (valid_value (value));

  for (LdaDabs d = lda_dabs_init (self, x0, y0, x1, y1, radius); lda_dabs_next (&d);)
    lda_edits_dab (self, d.x, d.y, radius, value, dirty);
}

/**
 * lda_dabs_init:
 * @self: the edit layer to paint
 * @x0: start column (image coordinates, as for lda_edits_dab())
 * @y0: start row
 * @x1: end column
 * @y1: end row
 * @radius: the brush radius
 *
 * The centres of the dabs of lda_edits_line(), one at a time from
 * lda_dabs_next(): at most max (0.5, @radius / 2) apart, both ends
 * included, none where the segment cannot reach the image.
 *
 * Returns: the walk, before its first dab
 */
LdaDabs
lda_dabs_init (const LdaEdits *self,
               double          x0,
               double          y0,
               double          x1,
               double          y1,
               double          radius)
{
  LdaDabs d = { x0, y0, x0, y0, x1 - x0, y1 - y0, 0, 1, 0, 0 };
  const double margin = radius + 2;

  g_return_val_if_fail (isfinite (x0) && isfinite (y0) && isfinite (x1) && isfinite (y1), d);
  g_return_val_if_fail (isfinite (radius) && radius >= 0, d);

  /* Only the part of the segment near the image can paint anything; a
   * pointer far outside must not cost millions of empty dabs. */
  if (!clip_axis (x0, d.dx, -margin, self->width + margin, &d.t0, &d.t1)
      || !clip_axis (y0, d.dy, -margin, self->height + margin, &d.t0, &d.t1))
    return d;

  /* n + 1 dabs, ends included; one when the segment is a point. */
  d.n = (guint64) ceil (hypot (d.dx, d.dy) * (d.t1 - d.t0) / MAX (0.5, radius * 0.5));
  d.left = d.n + 1;

  return d;
}

/* Moves @d to its next dab.  Returns %FALSE when there is none left. */
gboolean
lda_dabs_next (LdaDabs *d)
{
  double t;

  if (d->left == 0)
    return FALSE;

  t = d->n == 0 ? d->t0 : d->t0 + (d->t1 - d->t0) * ((double) (d->n + 1 - d->left) / (double) d->n);
  d->x = d->x0 + t * d->dx;
  d->y = d->y0 + t * d->dy;
  d->left--;

  return TRUE;
}
