/* lda-edits.c — the person's corrections over the automatic mask
 *
 * The edit layer is one byte per pixel: a class the person set, or
 * LDA_NO_EDIT where the automatic mask shows through.  The tools change
 * only the edit layer; those that need to know what is shown (fill, toggle,
 * delete) read the merged mask the caller keeps up to date.
 *
 * Regions are found with a scanline flood over an explicit stack, never by
 * recursion: a fill of a uniform 2048 × 2048 frame is one region of four
 * million pixels.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-components.h"
#include "lda-edits.h"
#include "lda-error.h"

/* ---- Rectangles ---- */

/**
 * lda_rect_is_empty:
 * @rect: a rectangle
 *
 * Returns: %TRUE when @rect covers no pixel (a width or height of 0)
 */
gboolean
lda_rect_is_empty (const LdaRect *rect)
{
  g_return_val_if_fail (rect != NULL, TRUE);

  return rect->width <= 0 || rect->height <= 0;
}

/**
 * lda_rect_union:
 * @rect: a rectangle, grown in place
 * @other: another rectangle
 *
 * Grows @rect to the bounding box of both.  An empty rectangle is the
 * identity: the union with it changes nothing, and the union of an empty
 * @rect with @other is @other.
 */
void
lda_rect_union (LdaRect       *rect,
                const LdaRect *other)
{
  int x1, y1;

  g_return_if_fail (rect != NULL);
  g_return_if_fail (other != NULL);

  if (lda_rect_is_empty (other))
    return;
  if (lda_rect_is_empty (rect))
    {
      *rect = *other;
      return;
    }

  x1 = MAX (rect->x + rect->width, other->x + other->width);
  y1 = MAX (rect->y + rect->height, other->y + other->height);
  rect->x = MIN (rect->x, other->x);
  rect->y = MIN (rect->y, other->y);
  rect->width = x1 - rect->x;
  rect->height = y1 - rect->y;
}

/**
 * lda_rect_clip:
 * @rect: a rectangle, clipped in place
 * @width: the image's columns
 * @height: the image's rows
 *
 * Clips @rect to the image 0 … @width − 1 × 0 … @height − 1.  A rectangle
 * that ends up covering nothing becomes { 0, 0, 0, 0 }.
 *
 * Returns: %TRUE when something of @rect is left
 */
gboolean
lda_rect_clip (LdaRect *rect,
               guint    width,
               guint    height)
{
  gint64 x0, y0, x1, y1;

  g_return_val_if_fail (rect != NULL, FALSE);

  if (!lda_rect_is_empty (rect))
    {
      /* 64-bit so that x + width cannot overflow. */
      x0 = MAX ((gint64) rect->x, 0);
      y0 = MAX ((gint64) rect->y, 0);
      x1 = MIN ((gint64) rect->x + rect->width, (gint64) width);
      y1 = MIN ((gint64) rect->y + rect->height, (gint64) height);

      if (x1 > x0 && y1 > y0)
        {
          *rect = (LdaRect) { (int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0) };
          return TRUE;
        }
    }

  *rect = (LdaRect) { 0, 0, 0, 0 };
  return FALSE;
}

/* Grows @changed, a tool's own dirty box, by columns x0 … x1 of row y. */
static inline void
changed_add (LdaRect *changed,
             guint    x0,
             guint    x1,
             guint    y)
{
  const LdaRect r = { (int) x0, (int) y, (int) (x1 - x0 + 1), 1 };

  lda_rect_union (changed, &r);
}

static void
changed_to_dirty (const LdaRect *changed,
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

static gboolean
fits (const LdaEdits *self,
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
  g_return_if_fail (fits (self, automatic));
  g_return_if_fail (fits (self, merged));
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
  g_return_val_if_fail (fits (self, automatic), NULL);

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
  const double r2 = radius * radius;
  double fx, fy;
  guint x0, x1, y0, y1;
  gboolean has_x, has_y;
  LdaRect changed = { 0, };

  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (cx) && isfinite (cy));
  g_return_if_fail (isfinite (radius) && radius >= 0);
  g_return_if_fail (valid_value (value));

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

          if (dx * dx + dy * dy > r2 && !(under_row && (double) x == fx))
            continue;
          if (row[x] != value)
            {
              row[x] = value;
              changed_add (&changed, x, x, y);
            }
        }
    }

  changed_to_dirty (&changed, dirty);
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
  const double step = MAX (0.5, radius * 0.5);
  double dx = x1 - x0, dy = y1 - y0;
  double margin = radius + 2;
  double t0 = 0, t1 = 1;
  double length;
  guint64 n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (x0) && isfinite (y0) && isfinite (x1) && isfinite (y1));
  g_return_if_fail (isfinite (radius) && radius >= 0);
  g_return_if_fail (valid_value (value));

  /* Only the part of the segment near the image can paint anything; a
   * pointer far outside must not cost millions of empty dabs. */
  if (!clip_axis (x0, dx, -margin, self->width + margin, &t0, &t1)
      || !clip_axis (y0, dy, -margin, self->height + margin, &t0, &t1))
    return;

  length = hypot (dx, dy) * (t1 - t0);
  n = (guint64) ceil (length / step);

  /* n + 1 dabs, ends included; one when the segment is a point. */
  for (guint64 i = 0; i <= n; i++)
    {
      double t = n == 0 ? t0 : t0 + (t1 - t0) * ((double) i / (double) n);

      lda_edits_dab (self, x0 + t * dx, y0 + t * dy, radius, value, dirty);
    }
}

/* ---- Regions of the merged mask ---- */

typedef struct { guint x, y; } Seed;

static inline gboolean
visited_get (const guint64 *visited,
             gsize          p)
{
  return (visited[p >> 6] >> (p & 63)) & 1;
}

static inline void
visited_set (guint64 *visited,
             gsize    p)
{
  visited[p >> 6] |= G_GUINT64_CONSTANT (1) << (p & 63);
}

/* Pushes one seed per run of unvisited accepted pixels in columns
 * x0 … x1 of row y. */
static void
push_row (GArray        *stack,
          const guint8  *labels,
          const guint64 *visited,
          const gboolean accept[256],
          guint          width,
          guint          y,
          guint          x0,
          guint          x1)
{
  gsize base = (gsize) y * width;
  gboolean in_run = FALSE;

  for (guint x = x0; x <= x1; x++)
    {
      gboolean take = accept[labels[base + x]] && !visited_get (visited, base + x);

      if (take && !in_run)
        {
          Seed seed = { x, y };

          g_array_append_val (stack, seed);
        }
      in_run = take;
    }
}

/* The connected region of pixels whose class @accept takes, containing
 * (x, y), as runs (maximal in each row).  A scanline flood: each popped
 * seed grows to its whole run, which seeds the runs it touches in the rows
 * above and below — an explicit stack, no recursion.  Returns NULL when
 * memory runs out or (x, y) is not accepted. */
static GArray *
flood (const LdaImage *merged,
       guint           x,
       guint           y,
       const gboolean  accept[256],
       gboolean        eight)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *labels = lda_image_u8 (merged);
  gsize n = (gsize) w * h;
  g_autofree guint64 *visited = g_try_malloc0_n ((n + 63) / 64, sizeof (guint64));
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GArray) runs = NULL;
  Seed seed = { x, y };

  if (visited == NULL || !accept[labels[(gsize) y * w + x]])
    return NULL;

  stack = g_array_sized_new (FALSE, FALSE, sizeof (Seed), 256);
  runs = g_array_sized_new (FALSE, FALSE, sizeof (LdaRun), 256);
  g_array_append_val (stack, seed);

  while (stack->len > 0)
    {
      Seed s = g_array_index (stack, Seed, stack->len - 1);
      gsize base = (gsize) s.y * w;
      guint l = s.x, r = s.x;
      LdaRun run;

      g_array_set_size (stack, stack->len - 1);
      if (visited_get (visited, base + s.x))
        continue;

      /* Runs are maximal, so a neighbour in the row is never visited
       * while this pixel is not. */
      while (l > 0 && accept[labels[base + l - 1]])
        l--;
      while (r + 1 < w && accept[labels[base + r + 1]])
        r++;
      for (guint i = l; i <= r; i++)
        visited_set (visited, base + i);

      run = (LdaRun) { s.y, l, r + 1 };
      g_array_append_val (runs, run);

      if (eight)
        {
          l = l > 0 ? l - 1 : 0;
          r = r + 1 < w ? r + 1 : r;
        }
      if (s.y > 0)
        push_row (stack, labels, visited, accept, w, s.y - 1, l, r);
      if (s.y + 1 < h)
        push_row (stack, labels, visited, accept, w, s.y + 1, l, r);
    }

  return g_steal_pointer (&runs);
}

/* Sets the run's edit pixels to @value, noting those that change. */
static void
set_run (LdaEdits     *self,
         const LdaRun *run,
         guint8        value,
         LdaRect      *changed)
{
  guint8 *row = self->pixels + (gsize) run->y * self->width;
  guint first = G_MAXUINT, last = 0;

  for (guint x = run->x0; x < run->x1; x++)
    if (row[x] != value)
      {
        row[x] = value;
        first = MIN (first, x);
        last = x;
      }

  if (first != G_MAXUINT)
    changed_add (changed, first, last, run->y);
}

/* The outline pixels in row y, columns x0 … x1 − 1, become background;
 * the range may reach past the image. */
static void
clear_outline (LdaEdits     *self,
               const guint8 *labels,
               gint64        y,
               gint64        x0,
               gint64        x1,
               LdaRect      *changed)
{
  if (y < 0 || y >= self->height)
    return;

  for (gint64 x = MAX (x0, 0); x < MIN (x1, (gint64) self->width); x++)
    if (labels[y * self->width + x] == LDA_CLASS_OUTLINE)
      {
        const LdaRun one = { (guint) y, (guint) x, (guint) x + 1 };

        set_run (self, &one, LDA_CLASS_BACKGROUND, changed);
      }
}

/**
 * lda_edits_fill:
 * @self: an edit layer
 * @merged: the merged mask (the automatic mask with @self on top)
 * @x: column of the clicked pixel
 * @y: row
 * @klass: the class to fill with
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * The 4-connected region of pixels that show the same class as (@x, @y) in
 * @merged gets @klass in the edits.  Diagonal contact does not join
 * regions, so a fill cannot leak through a diagonal gap.
 *
 * Returns: %TRUE if anything changed; %FALSE when (@x, @y) already shows
 *   @klass
 */
gboolean
lda_edits_fill (LdaEdits       *self,
                const LdaImage *merged,
                guint           x,
                guint           y,
                guint8          klass,
                LdaRect        *dirty)
{
  g_autoptr(GArray) runs = NULL;
  gboolean accept[256] = { FALSE, };
  guint8 shown;
  LdaRect changed = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fits (self, merged), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);
  g_return_val_if_fail (klass < LDA_N_CLASSES, FALSE);

  shown = lda_image_u8 (merged)[(gsize) y * self->width + x];
  if (shown == klass)
    return FALSE;

  accept[shown] = TRUE;
  runs = flood (merged, x, y, accept, FALSE);
  if (runs == NULL)
    return FALSE;

  for (guint i = 0; i < runs->len; i++)
    set_run (self, &g_array_index (runs, LdaRun, i), klass, &changed);

  changed_to_dirty (&changed, dirty);
  return !lda_rect_is_empty (&changed);
}

/**
 * lda_edits_toggle_nucleus:
 * @self: an edit layer
 * @merged: the merged mask
 * @x: column of the clicked pixel
 * @y: row
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * The nucleus under (@x, @y) is the 8-connected component of pixels
 * showing class 3 or 4 that contains it, as SPEC 2.7 defines a nucleus.
 * If it is dead by SPEC 2.7's rule (more Draq7 pixels than Hoechst ones)
 * all its pixels become Hoechst (3), else all become Draq7 (4).
 *
 * Returns: %TRUE if (@x, @y) is on a nucleus (which then changed)
 */
gboolean
lda_edits_toggle_nucleus (LdaEdits       *self,
                          const LdaImage *merged,
                          guint           x,
                          guint           y,
                          LdaRect        *dirty)
{
  g_autoptr(GArray) runs = NULL;
  gboolean accept[256] = { FALSE, };
  const guint8 *labels;
  guint64 hoechst = 0, draq7 = 0;
  guint8 target;
  LdaRect changed = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fits (self, merged), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);

  accept[LDA_CLASS_HOECHST] = accept[LDA_CLASS_DRAQ7] = TRUE;
  runs = flood (merged, x, y, accept, TRUE);
  if (runs == NULL)
    return FALSE;

  labels = lda_image_u8 (merged);
  for (guint i = 0; i < runs->len; i++)
    {
      const LdaRun *run = &g_array_index (runs, LdaRun, i);
      const guint8 *row = labels + (gsize) run->y * self->width;

      for (guint px = run->x0; px < run->x1; px++)
        draq7 += row[px] == LDA_CLASS_DRAQ7;
      hoechst += run->x1 - run->x0;
    }

  hoechst -= draq7;
  target = draq7 > hoechst ? LDA_CLASS_HOECHST : LDA_CLASS_DRAQ7;
  for (guint i = 0; i < runs->len; i++)
    set_run (self, &g_array_index (runs, LdaRun, i), target, &changed);

  changed_to_dirty (&changed, dirty);
  return TRUE;
}

/**
 * lda_edits_delete_cell:
 * @self: an edit layer
 * @merged: the merged mask
 * @x: column of the clicked pixel
 * @y: row
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * The cell under (@x, @y) is the 4-connected region of pixels showing cell
 * area, Hoechst or Draq7 (classes 1, 3, 4) that contains it.  It becomes
 * background, and so do the outline pixels (class 2) that are 4-neighbours
 * of it — including an outline it shares with a neighbouring cell, whose
 * own area and nuclei stay as they are.
 *
 * Returns: %TRUE if (@x, @y) is on a cell; %FALSE on background or outline
 */
gboolean
lda_edits_delete_cell (LdaEdits       *self,
                       const LdaImage *merged,
                       guint           x,
                       guint           y,
                       LdaRect        *dirty)
{
  g_autoptr(GArray) runs = NULL;
  gboolean accept[256] = { FALSE, };
  const guint8 *labels;
  LdaRect changed = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fits (self, merged), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);

  accept[LDA_CLASS_CELL] = accept[LDA_CLASS_HOECHST] = accept[LDA_CLASS_DRAQ7] = TRUE;
  runs = flood (merged, x, y, accept, FALSE);
  if (runs == NULL)
    return FALSE;

  labels = lda_image_u8 (merged);
  for (guint i = 0; i < runs->len; i++)
    {
      const LdaRun *run = &g_array_index (runs, LdaRun, i);
      gint64 ry = run->y, rx0 = run->x0, rx1 = run->x1;

      set_run (self, run, LDA_CLASS_BACKGROUND, &changed);

      /* The outline touching the run: left, right, above and below. */
      clear_outline (self, labels, ry, rx0 - 1, rx0, &changed);
      clear_outline (self, labels, ry, rx1, rx1 + 1, &changed);
      clear_outline (self, labels, ry - 1, rx0, rx1, &changed);
      clear_outline (self, labels, ry + 1, rx0, rx1, &changed);
    }

  changed_to_dirty (&changed, dirty);
  return TRUE;
}

/* ---- Counts of a corrected mask ---- */

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The run of @runs in row @y that contains column @x (it must exist). */
static gsize
find_run (const LdaRuns *runs,
          guint          y,
          guint          x)
{
  gsize lo = runs->row_start[y], hi = runs->row_start[y + 1];

  /* Runs of a row are sorted and disjoint: the last one starting at or
   * before x. */
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (runs->runs[mid].x0 <= x)
        lo = mid;
      else
        hi = mid;
    }

  g_assert (runs->runs[lo].x0 <= x && x < runs->runs[lo].x1);
  return lo;
}

/**
 * lda_counts_new_from_labels:
 * @labels: a #LDA_PIXEL_U8 label mask, usually the merged one
 *
 * Counts cells on a corrected mask, with the rule of SPEC 2.7 read off the
 * classes:
 *
 * - a nucleus is an 8-connected component of pixels of class 3 or 4
 *   (objects are numbered in the raster order of their first pixel, as
 *   lda_counts_new() numbers them);
 * - its Draq7 pixels are those of class 4, its Hoechst-only pixels those of
 *   class 3; it is dead when it has more of the former, so a tie is live;
 * - its cell area is the pixel count of the 4-connected region of classes
 *   {1, 3, 4} that contains it.  If two nuclei lie in one region, each of
 *   them gets the whole region's area.  A nucleus whose parts touch only
 *   diagonally may lie in several regions: it gets the sum of their areas.
 *
 * On an automatic mask the nuclei and their live/dead state are the
 * pipeline's, because composition paints nuclei last; only the cell areas
 * differ, since the pipeline's come from the watershed regions.
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL if memory for
 *   the labelling cannot be had
 */
LdaCounts *
lda_counts_new_from_labels (const LdaImage *labels)
{
  g_autoptr(LdaBitplane) nucleus_plane = NULL;
  g_autoptr(LdaBitplane) cell_plane = NULL;
  g_autoptr(LdaRuns) nuclei = NULL;
  g_autoptr(LdaRuns) cells = NULL;
  g_autofree guint64 *region_area = NULL;
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(LdaCounts) self = NULL;
  const guint8 *pixels;
  guint w, h;

  g_return_val_if_fail (labels != NULL && labels->type == LDA_PIXEL_U8, NULL);

  w = labels->width;
  h = labels->height;
  pixels = lda_image_u8 (labels);
  nucleus_plane = lda_bitplane_new (w, h, NULL);
  cell_plane = lda_bitplane_new (w, h, NULL);
  if (nucleus_plane == NULL || cell_plane == NULL)
    return NULL;

  for (guint y = 0; y < h; y++)
    {
      const guint8 *row = pixels + (gsize) y * w;
      guint64 *nrow = lda_bitplane_row (nucleus_plane, y);
      guint64 *crow = lda_bitplane_row (cell_plane, y);

      for (guint x = 0; x < w; x++)
        {
          guint64 bit = G_GUINT64_CONSTANT (1) << (x & 63);
          guint8 v = row[x];

          if (v == LDA_CLASS_HOECHST || v == LDA_CLASS_DRAQ7)
            {
              nrow[x >> 6] |= bit;
              crow[x >> 6] |= bit;
            }
          else if (v == LDA_CLASS_CELL)
            crow[x >> 6] |= bit;
        }
    }

  nuclei = lda_runs_new_from_bitplane (nucleus_plane, TRUE, NULL);
  cells = lda_runs_new_from_bitplane (cell_plane, TRUE, NULL);
  if (nuclei == NULL || cells == NULL)
    return NULL;
  lda_runs_label (nuclei, 8);
  lda_runs_label (cells, 4);

  region_area = g_new0 (guint64, MAX (cells->n_components, 1));
  for (gsize i = 0; i < cells->n_runs; i++)
    region_area[cells->labels[i]] += cells->runs[i].x1 - cells->runs[i].x0;

  self = g_new0 (LdaCounts, 1);
  self->n_objects = nuclei->n_components;
  self->objects = g_new0 (LdaObject, MAX (self->n_objects, 1));

  /* Each nucleus run lies inside one cell run (nucleus pixels are cell
   * pixels too); collect the distinct (nucleus, region) pairs. */
  pairs = g_array_sized_new (FALSE, FALSE, sizeof (guint64), MAX (nuclei->n_runs, 1));
  for (gsize i = 0; i < nuclei->n_runs; i++)
    {
      const LdaRun *run = &nuclei->runs[i];
      const guint8 *row = pixels + (gsize) run->y * w;
      LdaObject *o = &self->objects[nuclei->labels[i]];
      guint64 pair;

      o->nucleus_pixels += run->x1 - run->x0;
      for (guint x = run->x0; x < run->x1; x++)
        o->draq7 += row[x] == LDA_CLASS_DRAQ7;
      o->hoechst_only = o->nucleus_pixels - o->draq7;

      pair = ((guint64) nuclei->labels[i] << 32)
             | cells->labels[find_run (cells, run->y, run->x0)];
      if (pairs->len == 0 || g_array_index (pairs, guint64, pairs->len - 1) != pair)
        g_array_append_val (pairs, pair);
    }

  g_array_sort (pairs, compare_u64);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);

      if (i > 0 && g_array_index (pairs, guint64, i - 1) == pair)
        continue;
      self->objects[pair >> 32].cell_area += (guint) region_area[pair & G_MAXUINT32];
    }

  lda_counts_finish (self);

  return g_steal_pointer (&self);
}
