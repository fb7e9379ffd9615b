/* edits-test-util.c — masks written as rows of digits, and checks of
 * pixels and rectangles, for the tests of the edit layer
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "edits-test-util.h"

/* A label mask from rows of digits, all the same length. */
LdaImage *
mask_from_rows (const char * const *rows)
{
  guint w = (guint) strlen (rows[0]);
  guint h = g_strv_length ((char **) rows);
  LdaImage *image = lda_image_new (LDA_PIXEL_U8, w, h, NULL);

  for (guint y = 0; y < h; y++)
    {
      g_assert_cmpuint (strlen (rows[y]), ==, w);
      for (guint x = 0; x < w; x++)
        lda_image_u8 (image)[y * w + x] = (guint8) (rows[y][x] - '0');
    }

  return image;
}

/* Compares a buffer with rows of digits, '.' standing for LDA_NO_EDIT. */
void
assert_pixels (const guint8       *pixels,
               guint               width,
               guint               height,
               const char * const *rows)
{
  g_assert_cmpuint (g_strv_length ((char **) rows), ==, height);
  for (guint y = 0; y < height; y++)
    {
      g_autoptr(GString) got = g_string_new (NULL);

      for (guint x = 0; x < width; x++)
        {
          guint8 v = pixels[y * width + x];

          g_string_append_c (got, v == LDA_NO_EDIT ? '.' : (char) ('0' + v));
        }
      g_assert_cmpstr (got->str, ==, rows[y]);
    }
}

void
assert_rect (const LdaRect *rect,
             int            x,
             int            y,
             int            width,
             int            height)
{
  g_assert_cmpint (rect->x, ==, x);
  g_assert_cmpint (rect->y, ==, y);
  g_assert_cmpint (rect->width, ==, width);
  g_assert_cmpint (rect->height, ==, height);
}

LdaEdits *
edits_new (guint width,
           guint height)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_edits_new (width, height, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edits);
  return edits;
}

LdaImage *
merge (const LdaEdits *edits,
       const LdaImage *automatic)
{
  g_autoptr(GError) error = NULL;
  LdaImage *merged = lda_edits_merge (edits, automatic, &error);

  g_assert_no_error (error);
  return merged;
}
