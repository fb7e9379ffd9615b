/* lda-rect.c — rectangles of pixels: the part of a frame that changed
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-rect.h"

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
