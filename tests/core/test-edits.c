/* test-edits.c — the edit layer, its tools and counts on corrected masks
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
#include "lda-test-lib.h"


/* A label mask from rows of digits, all the same length. */
static LdaImage *
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
static void
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

static void
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

static LdaEdits *
edits_new (guint width,
           guint height)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_edits_new (width, height, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edits);
  return edits;
}

static LdaImage *
merge (const LdaEdits *edits,
       const LdaImage *automatic)
{
  g_autoptr(GError) error = NULL;
  LdaImage *merged = lda_edits_merge (edits, automatic, &error);

  g_assert_no_error (error);
  return merged;
}

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

static void
test_fill_bounded (void)
{
  static const char * const rows[] = {
    "0000000",
    "0222220",
    "0200020",
    "0200220",
    "0222000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (7, 5);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) after = NULL;
  LdaRect dirty = { 0, };

  g_assert_true (lda_edits_fill (edits, merged, 2, 2, LDA_CLASS_CELL, &dirty));
  {
    static const char * const want[] = {
      ".......", ".......", "..111..", "..11...", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 5, want);
    assert_rect (&dirty, 2, 2, 3, 2);
  }

  /* Filling with the class already shown is a no-op. */
  after = merge (edits, automatic);
  dirty = (LdaRect) { 0, };
  g_assert_false (lda_edits_fill (edits, after, 3, 2, LDA_CLASS_CELL, &dirty));
  g_assert_false (lda_edits_fill (edits, after, 0, 0, LDA_CLASS_BACKGROUND, &dirty));
  g_assert_true (lda_rect_is_empty (&dirty));

  /* The outside, clicked at the far corner, reaches round the ring. */
  g_assert_true (lda_edits_fill (edits, after, 6, 4, LDA_CLASS_DRAQ7, &dirty));
  {
    static const char * const want[] = {
      "4444444", "4.....4", "4.111.4", "4.11..4", "4...444", NULL,
    };

    assert_pixels (edits->pixels, 7, 5, want);
    assert_rect (&dirty, 0, 0, 7, 5);
  }
}

static void
test_fill_diagonal_gap (void)
{
  static const char * const rows[] = {
    "00111",
    "00111",
    "11000",
    "11000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (5, 4);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  LdaRect dirty = { 0, };

  g_assert_true (lda_edits_fill (edits, merged, 0, 0, LDA_CLASS_HOECHST, &dirty));
  {
    static const char * const want[] = { "33...", "33...", ".....", ".....", NULL };

    assert_pixels (edits->pixels, 5, 4, want);
    assert_rect (&dirty, 0, 0, 2, 2);
  }
}

/* The fill reads the merged mask: a painted wall splits an automatic region. */
static void
test_fill_respects_edits (void)
{
  g_autoptr(LdaImage) automatic = lda_image_new (LDA_PIXEL_U8, 9, 6, NULL);
  g_autoptr(LdaEdits) edits = edits_new (9, 6);
  g_autoptr(LdaImage) merged = NULL;

  memset (lda_image_u8 (automatic), LDA_CLASS_CELL, 9 * 6);
  lda_edits_line (edits, 4.5, -3.0, 4.5, 10.0, 0.5, LDA_CLASS_OUTLINE, NULL);
  merged = merge (edits, automatic);

  g_assert_true (lda_edits_fill (edits, merged, 8, 5, LDA_CLASS_BACKGROUND, NULL));
  for (guint y = 0; y < 6; y++)
    {
      static const char want[] = "....20000";

      for (guint x = 0; x < 9; x++)
        g_assert_cmpint (edits->pixels[y * 9 + x], ==,
                         want[x] == '.' ? LDA_NO_EDIT : want[x] - '0');
    }
}

static void
test_fill_huge (void)
{
  const guint n = 2048;
  g_autoptr(LdaImage) automatic = lda_image_new (LDA_PIXEL_U8, n, n, NULL);
  g_autoptr(LdaEdits) edits = edits_new (n, n);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) all_cell = NULL;
  LdaRect dirty = { 0, };
  gint64 start;
  double ms;

  start = g_get_monotonic_time ();
  g_assert_true (lda_edits_fill (edits, merged, n / 2, n / 3, LDA_CLASS_CELL, &dirty));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("fill of a uniform %u × %u frame: %.1f ms", n, n, ms);
  assert_rect (&dirty, 0, 0, (int) n, (int) n);
  g_assert_cmpuint (lda_edits_count (edits), ==, (gsize) n * n);

  /* A striped frame: one region winding through every row. */
  lda_edits_clear (edits);
  for (guint y = 1; y < n; y += 2)
    {
      guint gap = (y / 2) % 2 == 0 ? n - 1 : 0;

      for (guint x = 0; x < n; x++)
        lda_image_u8 (merged)[(gsize) y * n + x] = x == gap ? 0 : LDA_CLASS_OUTLINE;
    }
  start = g_get_monotonic_time ();
  g_assert_true (lda_edits_fill (edits, merged, 0, 0, LDA_CLASS_CELL, NULL));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("fill of a %u × %u serpentine: %.1f ms", n, n, ms);
  g_assert_cmpuint (lda_edits_count (edits), ==, (gsize) n * n / 2 + n / 2);

  /* Toggling and deleting a frame-sized object do not recurse either. */
  lda_edits_clear (edits);
  all_cell = lda_image_new (LDA_PIXEL_U8, n, n, NULL);
  memset (lda_image_u8 (all_cell), LDA_CLASS_HOECHST, (gsize) n * n);
  g_assert_true (lda_edits_toggle_nucleus (edits, all_cell, n - 1, n - 1, NULL));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_DRAQ7);
  g_assert_true (lda_edits_delete_cell (edits, all_cell, 0, n - 1, NULL));
  g_assert_cmpuint (edits->pixels[(gsize) n * n - 1], ==, LDA_CLASS_BACKGROUND);
}

static void
test_toggle_nucleus (void)
{
  /* Left nucleus: 3s with one 4, joined diagonally; right: a tie. */
  static const char * const rows[] = {
    "1111111111",
    "1331111431",
    "1343111341",
    "1111311111",
    "1111131111",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (10, 5);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) dead = NULL;
  g_autoptr(LdaImage) back = NULL;
  LdaRect dirty = { 0, };

  /* Live (6 Hoechst vs 1 Draq7) → dead, the whole 8-connected nucleus;
   * its Draq7 pixel gets an edit too. */
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 5, 4, &dirty));
  {
    static const char * const want[] = {
      "..........", ".44.......", ".444......", "....4.....", ".....4....", NULL,
    };

    assert_pixels (edits->pixels, 10, 5, want);
    assert_rect (&dirty, 1, 1, 5, 4);
  }

  /* Dead → live again. */
  dead = merge (edits, automatic);
  dirty = (LdaRect) { 0, };
  g_assert_true (lda_edits_toggle_nucleus (edits, dead, 1, 1, &dirty));
  back = merge (edits, automatic);
  for (guint y = 0; y < 5; y++)
    for (guint x = 0; x < 6; x++)
      {
        guint8 a = lda_image_u8 (automatic)[y * 10 + x];

        g_assert_cmpuint (lda_image_u8 (back)[y * 10 + x], ==,
                          a == LDA_CLASS_DRAQ7 ? LDA_CLASS_HOECHST : a);
      }
  assert_rect (&dirty, 1, 1, 5, 4);

  /* A tie is live, so it turns dead. */
  g_assert_true (lda_edits_toggle_nucleus (edits, back, 8, 2, NULL));
  g_assert_cmpuint (edits->pixels[1 * 10 + 7], ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (edits->pixels[2 * 10 + 7], ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (edits->pixels[2 * 10 + 8], ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (edits->pixels[1 * 10 + 5], ==, LDA_NO_EDIT);
}

static void
test_toggle_off_nucleus (void)
{
  static const char * const rows[] = { "0123", NULL };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (4, 1);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  LdaRect dirty = { 0, };

  for (guint x = 0; x < 3; x++)
    g_assert_false (lda_edits_toggle_nucleus (edits, merged, x, 0, &dirty));
  g_assert_true (lda_rect_is_empty (&dirty));
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 3, 0, &dirty));
  assert_rect (&dirty, 3, 0, 1, 1);
}

static void
test_delete_cell (void)
{
  /* Two cells sharing an outline; the left one has two nuclei. */
  static const char * const rows[] = {
    "000000000000",
    "022222222220",
    "021131211120",
    "021431213420",
    "021111211120",
    "022222222220",
    "000000000200",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (12, 7);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) after = NULL;
  LdaRect dirty = { 0, };

  g_assert_false (lda_edits_delete_cell (edits, merged, 0, 0, &dirty));
  g_assert_false (lda_edits_delete_cell (edits, merged, 6, 2, &dirty));
  g_assert_true (lda_rect_is_empty (&dirty));

  g_assert_true (lda_edits_delete_cell (edits, merged, 3, 3, &dirty));
  assert_rect (&dirty, 1, 1, 6, 5);
  after = merge (edits, automatic);
  {
    static const char * const want[] = {
      "000000000000",
      "020000222220",      /* corners touch the cell only diagonally */
      "000000011120",
      "000000013420",
      "000000011120",
      "020000222220",
      "000000000200",
      NULL,
    };

    assert_pixels (lda_image_u8 (after), 12, 7, want);
  }

  /* Clicked on its nucleus's corner, the right cell goes too; the stray
   * outline below, which does not touch it, stays. */
  g_assert_true (lda_edits_delete_cell (edits, after, 9, 4, NULL));
  {
    g_autoptr(LdaImage) empty = merge (edits, automatic);
    static const char * const want[] = {
      "000000000000",
      "020000200020",
      "000000000000",
      "000000000000",
      "000000000000",
      "020000200020",
      "000000000200",
      NULL,
    };

    assert_pixels (lda_image_u8 (empty), 12, 7, want);
  }
}

static void
test_one_pixel (void)
{
  static const char * const nucleus[] = { "4", NULL };
  g_autoptr(LdaImage) automatic = mask_from_rows (nucleus);
  g_autoptr(LdaEdits) edits = edits_new (1, 1);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) toggled = NULL;
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (automatic);
  LdaRect dirty = { 0, };

  g_assert_cmpuint (counts->dead, ==, 1);
  g_assert_cmpuint (counts->objects[0].cell_area, ==, 1);
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 0, 0, &dirty));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_HOECHST);
  toggled = merge (edits, automatic);
  g_assert_true (lda_edits_fill (edits, toggled, 0, 0, LDA_CLASS_CELL, &dirty));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_CELL);
  lda_edits_merge_rect (edits, automatic, toggled, &dirty);
  g_assert_true (lda_edits_delete_cell (edits, toggled, 0, 0, &dirty));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_BACKGROUND);
  lda_edits_line (edits, -5, -5, 5, 5, 0.5, LDA_NO_EDIT, &dirty);
  g_assert_cmpuint (edits->pixels[0], ==, LDA_NO_EDIT);
  assert_rect (&dirty, 0, 0, 1, 1);
}

static void
test_counts_hand_made (void)
{
  /* A: live (all 3); B: dead (3 × 4, 1 × 3); C: tie → live, and shares
   * its region with B; D: a lone 4 with no cell area around it; E: a
   * nucleus whose parts touch diagonally, in two regions. */
  static const char * const rows[] = {
    "1111200000000",
    "1331211144100",
    "1131211134100",
    "1111211111000",
    "2222211334000",
    "0000000114000",
    "4000000000000",
    "0030000000000",
    "0003331000000",
    NULL,
  };
  g_autoptr(LdaImage) labels = mask_from_rows (rows);
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (labels);
  const LdaObject *o;

  g_assert_cmpuint (counts->n_objects, ==, 5);
  g_assert_cmpuint (counts->live, ==, 3);
  g_assert_cmpuint (counts->dead, ==, 2);
  g_assert_cmpfloat_with_epsilon (counts->dead_fraction, 0.4, 1e-12);

  /* Raster order of first pixels: A (1,1), B (8,1), C (7,4), D, E. */
  o = &counts->objects[0];
  g_assert_cmpuint (o->nucleus_pixels, ==, 3);
  g_assert_cmpuint (o->hoechst_only, ==, 3);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 16);

  o = &counts->objects[1];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_cmpuint (o->draq7, ==, 3);
  g_assert_cmpuint (o->hoechst_only, ==, 1);
  g_assert_true (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 25);

  o = &counts->objects[2];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_cmpuint (o->draq7, ==, 2);
  g_assert_cmpuint (o->hoechst_only, ==, 2);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 25);

  o = &counts->objects[3];
  g_assert_true (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 1);

  o = &counts->objects[4];
  g_assert_cmpuint (o->nucleus_pixels, ==, 4);
  g_assert_false (o->dead);
  g_assert_cmpuint (o->cell_area, ==, 1 + 4);

  g_assert_cmpfloat_with_epsilon (counts->mean_cell_area,
                                  (16.0 + 25 + 25 + 1 + 5) / 5, 1e-12);
}

static void
test_counts_empty (void)
{
  static const char * const rows[] = { "0120", "2110", NULL };
  g_autoptr(LdaImage) labels = mask_from_rows (rows);
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (labels);

  g_assert_cmpuint (counts->n_objects, ==, 0);
  g_assert_cmpuint (counts->live + counts->dead, ==, 0);
  g_assert_cmpfloat (counts->dead_fraction, ==, 0.0);
  g_assert_cmpfloat (counts->mean_cell_area, ==, 0.0);
}

/* On an automatic mask, the counts read off the classes are the
 * pipeline's, nucleus by nucleus, with either preset's connectivity. */
static void
test_counts_match_pipeline (gconstpointer data)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaCounts) ours = NULL;
  const LdaCounts *theirs;
  LdaParams params;

  lda_params_init_preset (&params, GPOINTER_TO_UINT (data));
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  theirs = lda_pipeline_get_counts (pipeline);
  ours = lda_counts_new_from_labels_full (lda_pipeline_get_labels (pipeline),
                                          lda_params_nucleus_connectivity (&params));

  g_test_message ("sample: pipeline %u live / %u dead, from labels %u / %u",
                  theirs->live, theirs->dead, ours->live, ours->dead);
  g_assert_cmpuint (theirs->n_objects, >, 0);
  g_assert_cmpuint (ours->n_objects, ==, theirs->n_objects);
  g_assert_cmpuint (ours->live, ==, theirs->live);
  g_assert_cmpuint (ours->dead, ==, theirs->dead);
  g_assert_cmpfloat (ours->dead_fraction, ==, theirs->dead_fraction);

  /* Both number nuclei in raster order, so the objects line up. */
  for (guint i = 0; i < ours->n_objects; i++)
    {
      g_assert_cmpuint (ours->objects[i].nucleus_pixels, ==, theirs->objects[i].nucleus_pixels);
      g_assert_cmpint (ours->objects[i].dead, ==, theirs->objects[i].dead);
      g_assert_cmpuint (ours->objects[i].x0, ==, theirs->objects[i].x0);
      g_assert_cmpuint (ours->objects[i].y1, ==, theirs->objects[i].y1);
      g_assert_cmpuint (ours->objects[i].cell_area, >=, ours->objects[i].nucleus_pixels);
      if (!params.nuclei.objects)
        {
          g_assert_cmpuint (ours->objects[i].draq7, ==, theirs->objects[i].draq7);
          g_assert_cmpuint (ours->objects[i].hoechst_only, ==, theirs->objects[i].hoechst_only);
        }
      else
        /* Painted whole: all Draq7 or none. */
        g_assert_cmpuint (ours->objects[i].draq7, ==,
                          ours->objects[i].dead ? ours->objects[i].nucleus_pixels : 0);
    }
}

/* Two nuclei separated by a split line one pixel wide, touching across it
 * diagonally: with 4-connectivity the Live/Dead tool switches one, with
 * the article's 8-connectivity both. */
static void
test_toggle_object (void)
{
  static const char rows[] =
    "3333200"
    "3333200"
    "3332333"
    "3323333"
    "0023333";
  g_autoptr(LdaImage) merged = lda_image_new (LDA_PIXEL_U8, 7, 5, NULL);
  g_autoptr(LdaEdits) edits = lda_edits_new (7, 5, NULL);
  g_autoptr(LdaImage) shown = NULL;
  g_autoptr(LdaCounts) four = NULL;
  g_autoptr(LdaCounts) eight = NULL;

  for (guint i = 0; i < 35; i++)
    lda_image_u8 (merged)[i] = (guint8) (rows[i] - '0');

  four = lda_counts_new_from_labels_full (merged, 4);
  eight = lda_counts_new_from_labels (merged);
  g_assert_cmpuint (four->n_objects, ==, 2);
  g_assert_cmpuint (eight->n_objects, ==, 1);

  g_assert_true (lda_edits_toggle_nucleus_full (edits, merged, 0, 0, 4, NULL));
  shown = lda_edits_merge (edits, merged, NULL);
  g_assert_cmpuint (lda_image_get (shown, 0, 0), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (lda_image_get (shown, 1, 3), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (lda_image_get (shown, 2, 3), ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (lda_image_get (shown, 6, 4), ==, LDA_CLASS_HOECHST);
  g_assert_cmpuint (lda_image_get (shown, 4, 0), ==, LDA_CLASS_OUTLINE);
  g_clear_pointer (&four, lda_counts_free);
  four = lda_counts_new_from_labels_full (shown, 4);
  g_assert_cmpuint (four->live, ==, 1);
  g_assert_cmpuint (four->dead, ==, 1);

  lda_edits_clear (edits);
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 0, 0, NULL));
  g_clear_pointer (&shown, lda_image_unref);
  shown = lda_edits_merge (edits, merged, NULL);
  g_assert_cmpuint (lda_image_get (shown, 6, 4), ==, LDA_CLASS_DRAQ7);
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
  g_test_add_func ("/edits/fill/bounded", test_fill_bounded);
  g_test_add_func ("/edits/fill/diagonal-gap", test_fill_diagonal_gap);
  g_test_add_func ("/edits/fill/respects-edits", test_fill_respects_edits);
  g_test_add_func ("/edits/fill/huge", test_fill_huge);
  g_test_add_func ("/edits/toggle/nucleus", test_toggle_nucleus);
  g_test_add_func ("/edits/toggle/off-nucleus", test_toggle_off_nucleus);
  g_test_add_func ("/edits/toggle/object", test_toggle_object);
  g_test_add_func ("/edits/delete-cell", test_delete_cell);
  g_test_add_func ("/edits/one-pixel", test_one_pixel);
  g_test_add_func ("/edits/counts/hand-made", test_counts_hand_made);
  g_test_add_func ("/edits/counts/empty", test_counts_empty);
  g_test_add_data_func ("/edits/counts/match-pipeline/robust",
                        GUINT_TO_POINTER (LDA_PRESET_ROBUST), test_counts_match_pipeline);
  g_test_add_data_func ("/edits/counts/match-pipeline/article",
                        GUINT_TO_POINTER (LDA_PRESET_ARTICLE), test_counts_match_pipeline);

  return g_test_run ();
}
