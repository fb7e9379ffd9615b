/* test-edits.c — the edit layer, merging, and the brush (the region tools:
 * test-edits-regions.c; counts: test-edits-counts.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-edits.h"
#include "lda-error.h"
#include "lda-pipeline.h"
#include "lda-triples.h"
#include "edits-test-util.h"
#include "lda-test-lib.h"

static void
test_rect (void)
{
  LdaRect r = { 0, 0, 0, 0 };
  LdaRect a = { 2, 3, 4, 5 };
  LdaRect b = { 10, 1, 1, 1 };
  LdaRect empty = { 50, 50, 0, 7 };

  g_assert_true (lda_rect_is_empty (&r));
  lda_rect_union (&r, &a);
  assert_rect (&r, 2, 3, 4, 5);
  lda_rect_union (&r, &empty);
  assert_rect (&r, 2, 3, 4, 5);
  lda_rect_union (&r, &b);
  assert_rect (&r, 2, 1, 9, 7);
  g_assert_false (lda_rect_is_empty (&r));

  r = (LdaRect) { -3, -2, 10, 5 };
  g_assert_true (lda_rect_clip (&r, 6, 2));
  assert_rect (&r, 0, 0, 6, 2);
  r = (LdaRect) { 6, 0, 3, 3 };
  g_assert_false (lda_rect_clip (&r, 6, 2));
  g_assert_true (lda_rect_is_empty (&r));
  r = (LdaRect) { G_MAXINT - 1, 0, G_MAXINT, 1 };
  g_assert_false (lda_rect_clip (&r, 6, 2));
}

static void
test_new_and_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaEdits) edits = lda_edits_new (0, 4, &error);
  g_autoptr(LdaEdits) big = NULL;
  g_autoptr(LdaEdits) copy = NULL;

  g_assert_null (edits);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);

  big = lda_edits_new (65536, 65536, &error);
  g_assert_null (big);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
  g_clear_error (&error);

  edits = edits_new (3, 2);
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);
  edits->pixels[4] = LDA_CLASS_DRAQ7;
  g_assert_cmpuint (lda_edits_count (edits), ==, 1);
  copy = lda_edits_copy (edits, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (copy->pixels, 6, edits->pixels, 6);
  lda_edits_clear (edits);
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);
  g_assert_cmpuint (lda_edits_count (copy), ==, 1);
}

static LdaImage *
random_mask (guint   width,
             guint   height,
             GRand  *rand)
{
  LdaImage *image = lda_image_new (LDA_PIXEL_U8, width, height, NULL);

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u8 (image)[i] = (guint8) g_rand_int_range (rand, 0, LDA_N_CLASSES);

  return image;
}

static void
test_merge_no_edits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(LdaImage) automatic = random_mask (31, 17, rand);
  g_autoptr(LdaEdits) edits = edits_new (31, 17);
  g_autoptr(LdaImage) merged = merge (edits, automatic);

  g_assert_true (merged != automatic);
  g_assert_cmpint (merged->type, ==, LDA_PIXEL_U8);
  g_assert_cmpmem (lda_image_u8 (merged), 31 * 17, lda_image_u8 (automatic), 31 * 17);
}

static void
test_edits_win_and_erase (void)
{
  static const char * const auto_rows[] = { "0123", "4321", NULL };
  g_autoptr(LdaImage) automatic = mask_from_rows (auto_rows);
  g_autoptr(LdaEdits) edits = edits_new (4, 2);
  g_autoptr(LdaImage) merged = NULL;
  g_autoptr(LdaImage) erased = NULL;
  LdaRect dirty = { 0, };

  edits->pixels[0] = LDA_CLASS_DRAQ7;
  edits->pixels[5] = LDA_CLASS_BACKGROUND;   /* an edit to 0 is an edit too */
  edits->pixels[7] = LDA_CLASS_CELL;
  merged = merge (edits, automatic);
  {
    static const char * const want[] = { "4123", "4021", NULL };

    assert_pixels (lda_image_u8 (merged), 4, 2, want);
  }

  /* The eraser removes edits, so the automatic class shows again. */
  lda_edits_dab (edits, 0.5, 0.5, 0.5, LDA_NO_EDIT, &dirty);
  lda_edits_dab (edits, 1.5, 1.5, 0.5, LDA_NO_EDIT, &dirty);
  assert_rect (&dirty, 0, 0, 2, 2);
  erased = merge (edits, automatic);
  {
    static const char * const want[] = { "0123", "4321", NULL };
    static const char * const layer[] = { "....", "...1", NULL };

    assert_pixels (lda_image_u8 (erased), 4, 2, want);
    assert_pixels (edits->pixels, 4, 2, layer);
  }
  g_assert_cmpuint (lda_edits_count (edits), ==, 1);
}

static void
test_merge_rect (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(LdaImage) automatic = random_mask (37, 23, rand);
  g_autoptr(LdaEdits) edits = edits_new (37, 23);
  g_autoptr(LdaImage) full = NULL;
  g_autoptr(LdaImage) partial = lda_image_new (LDA_PIXEL_U8, 37, 23, NULL);
  const LdaRect rect = { 5, 3, 10, 7 };
  const LdaRect outside = { 30, 20, 50, 50 };

  for (gsize i = 0; i < 37 * 23; i++)
    if (g_rand_boolean (rand))
      edits->pixels[i] = (guint8) g_rand_int_range (rand, 0, LDA_N_CLASSES);
  full = merge (edits, automatic);

  memset (lda_image_u8 (partial), 0xaa, 37 * 23);
  lda_edits_merge_rect (edits, automatic, partial, &rect);
  for (guint y = 0; y < 23; y++)
    for (guint x = 0; x < 37; x++)
      {
        gboolean inside = x >= 5 && x < 15 && y >= 3 && y < 10;
        guint8 got = lda_image_u8 (partial)[y * 37 + x];

        if (inside)
          g_assert_cmpuint (got, ==, lda_image_u8 (full)[y * 37 + x]);
        else
          g_assert_cmpuint (got, ==, 0xaa);
      }

  /* A rectangle reaching past the border is clipped. */
  lda_edits_merge_rect (edits, automatic, partial, &outside);
  g_assert_cmpuint (lda_image_u8 (partial)[22 * 37 + 36], ==,
                    lda_image_u8 (full)[22 * 37 + 36]);
  g_assert_cmpuint (lda_image_u8 (partial)[19 * 37 + 36], ==, 0xaa);
}

static void
test_dab_shapes (void)
{
  g_autoptr(LdaEdits) edits = edits_new (7, 7);
  LdaRect dirty = { 0, };

  lda_edits_dab (edits, 3.5, 3.5, 0.5, LDA_CLASS_CELL, &dirty);
  {
    static const char * const want[] = {
      ".......", ".......", ".......", "...1...", ".......", ".......", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 7, want);
    assert_rect (&dirty, 3, 3, 1, 1);
  }

  lda_edits_clear (edits);
  dirty = (LdaRect) { 0, };
  lda_edits_dab (edits, 3.5, 3.5, 1.0, LDA_CLASS_OUTLINE, &dirty);
  {
    static const char * const want[] = {
      ".......", ".......", "...2...", "..222..", "...2...", ".......", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 7, want);
    assert_rect (&dirty, 2, 2, 3, 3);
  }

  lda_edits_clear (edits);
  dirty = (LdaRect) { 0, };
  lda_edits_dab (edits, 3.5, 3.5, 2.5, LDA_CLASS_DRAQ7, &dirty);
  {
    static const char * const want[] = {
      ".......", "..444..", ".44444.", ".44444.", ".44444.", "..444..", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 7, want);
    assert_rect (&dirty, 1, 1, 5, 5);
  }

  /* Painting what is already there changes nothing and dirties nothing. */
  dirty = (LdaRect) { 0, };
  lda_edits_dab (edits, 3.5, 3.5, 2.5, LDA_CLASS_DRAQ7, &dirty);
  g_assert_true (lda_rect_is_empty (&dirty));

  /* Only the changed pixels grow dirty. */
  lda_edits_dab (edits, 3.5, 1.5, 1.0, LDA_CLASS_DRAQ7, &dirty);
  assert_rect (&dirty, 3, 0, 1, 1);

  /* A tiny brush anywhere in a pixel, even on its corner, paints it. */
  lda_edits_clear (edits);
  dirty = (LdaRect) { 0, };
  lda_edits_dab (edits, 5.0, 1.0, 0.5, LDA_CLASS_CELL, &dirty);
  lda_edits_dab (edits, 1.93, 5.05, 0.5, LDA_CLASS_CELL, &dirty);
  lda_edits_dab (edits, 0.2, 0.2, 0.0, LDA_CLASS_HOECHST, &dirty);
  {
    static const char * const want[] = {
      "3......", ".....1.", ".......", ".......", ".......", ".1.....", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 7, want);
    assert_rect (&dirty, 0, 0, 6, 6);
  }
}

static void
test_dab_clipped (void)
{
  g_autoptr(LdaEdits) edits = edits_new (5, 5);
  g_autoptr(LdaEdits) one = edits_new (1, 1);
  LdaRect dirty = { 0, };

  lda_edits_dab (edits, 0.5, 0.5, 2.5, LDA_CLASS_CELL, &dirty);
  lda_edits_dab (edits, 5.0, 5.0, 1.6, LDA_CLASS_DRAQ7, &dirty);
  {
    static const char * const want[] = {
      "111..", "111..", "11...", "....4", "...44", NULL,
    };

    assert_pixels (edits->pixels, 5, 5, want);
    assert_rect (&dirty, 0, 0, 5, 5);
  }

  /* Entirely outside: nothing, whatever the distance. */
  dirty = (LdaRect) { 0, };
  lda_edits_dab (edits, -3.0, 2.0, 2.0, LDA_CLASS_OUTLINE, &dirty);
  lda_edits_dab (edits, 1e300, -1e300, 5.0, LDA_CLASS_OUTLINE, &dirty);
  g_assert_true (lda_rect_is_empty (&dirty));

  lda_edits_dab (one, 0.5, 0.5, 10.0, LDA_CLASS_OUTLINE, &dirty);
  g_assert_cmpuint (one->pixels[0], ==, LDA_CLASS_OUTLINE);
  assert_rect (&dirty, 0, 0, 1, 1);
}

/* Flood of painted pixels from one of them in a test-owned buffer, with an
 * explicit stack; returns how many it reached. */
static gsize
reach (const guint8 *pixels,
       guint         w,
       guint         h,
       gsize         start,
       gboolean      eight)
{
  g_autofree guint8 *seen = g_malloc0 ((gsize) w * h);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize count = 0;

  g_array_append_val (stack, start);
  seen[start] = 1;
  while (stack->len > 0)
    {
      gsize p = g_array_index (stack, gsize, stack->len - 1);
      int px = (int) (p % w), py = (int) (p / w);

      g_array_set_size (stack, stack->len - 1);
      count++;
      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            int nx = px + dx, ny = py + dy;
            gsize q;

            if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0))
              continue;
            if (nx < 0 || ny < 0 || nx >= (int) w || ny >= (int) h)
              continue;
            q = (gsize) ny * w + nx;
            if (pixels[q] != LDA_NO_EDIT && !seen[q])
              {
                seen[q] = 1;
                g_array_append_val (stack, q);
              }
          }
    }

  return count;
}

static double
distance_to_segment (double px,
                     double py,
                     double x0,
                     double y0,
                     double x1,
                     double y1)
{
  double dx = x1 - x0, dy = y1 - y0;
  double t = ((px - x0) * dx + (py - y0) * dy) / (dx * dx + dy * dy);

  t = CLAMP (t, 0.0, 1.0);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

static void
test_line_no_gaps (void)
{
  const guint w = 64, h = 64;
  g_autoptr(LdaEdits) thin = edits_new (w, h);
  g_autoptr(LdaEdits) wide = edits_new (w, h);
  g_autoptr(LdaEdits) far = edits_new (w, h);
  const double x0 = 2.3, y0 = 5.7, x1 = 60.1, y1 = 40.9;
  LdaRect dirty = { 0, };
  gsize painted = 0;

  /* A one-pixel brush makes an 8-connected stroke from end to end. */
  lda_edits_line (thin, x0, y0, x1, y1, 0.5, LDA_CLASS_OUTLINE, &dirty);
  g_assert_cmpuint (thin->pixels[5 * w + 2], ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (thin->pixels[40 * w + 60], ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (reach (thin->pixels, w, h, 5 * w + 2, TRUE), ==,
                    lda_edits_count (thin));
  for (guint x = 2; x <= 60; x++)
    {
      gboolean any = FALSE;

      for (guint y = 0; y < h; y++)
        any |= thin->pixels[y * w + x] != LDA_NO_EDIT;
      g_assert_true (any);
    }
  assert_rect (&dirty, 2, 5, 59, 36);

  /* A wider brush covers the whole band around the segment: every pixel
   * whose centre is well inside the radius, none beyond it. */
  lda_edits_line (wide, x0, y0, x1, y1, 3.0, LDA_CLASS_CELL, NULL);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        double d = distance_to_segment (x + 0.5, y + 0.5, x0, y0, x1, y1);
        gboolean set = wide->pixels[y * w + x] != LDA_NO_EDIT;

        if (d <= 2.85)
          g_assert_true (set);
        if (d > 3.0)
          g_assert_false (set);
        painted += set;
      }
  g_assert_cmpuint (reach (wide->pixels, w, h, 5 * w + 2, FALSE), ==, painted);

  /* A zero-length line is a dab. */
  lda_edits_clear (thin);
  lda_edits_line (thin, 10.5, 10.5, 10.5, 10.5, 1.0, LDA_CLASS_CELL, NULL);
  g_assert_cmpuint (lda_edits_count (thin), ==, 5);

  /* A line from far away across the image is clipped, not walked. */
  lda_edits_line (far, -1e12, 20.5, 1e12, 20.5, 0.5, LDA_CLASS_CELL, NULL);
  g_assert_cmpuint (lda_edits_count (far), ==, w);
  for (guint x = 0; x < w; x++)
    g_assert_cmpuint (far->pixels[20 * w + x], ==, LDA_CLASS_CELL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/rect", test_rect);
  g_test_add_func ("/edits/new-and-errors", test_new_and_errors);
  g_test_add_func ("/edits/merge/no-edits", test_merge_no_edits);
  g_test_add_func ("/edits/merge/edits-win-and-erase", test_edits_win_and_erase);
  g_test_add_func ("/edits/merge/rect", test_merge_rect);
  g_test_add_func ("/edits/dab/shapes", test_dab_shapes);
  g_test_add_func ("/edits/dab/clipped", test_dab_clipped);
  g_test_add_func ("/edits/line/no-gaps", test_line_no_gaps);
  return g_test_run ();
}
