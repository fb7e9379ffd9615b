/* test-sobel.c — tests for lda-sobel: the Sobel gradient magnitude of
 * pipeline.md §2 on small images worked out by hand (reflect-101 borders, steps,
 * truncation, saturation, degenerate sizes), and a brute-force 3 × 3
 * convolution on random images.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "lda-image.h"
#include "lda-sobel.h"
#include "lda-test-lib.h"

/* --- helpers ----------------------------------------------------------- */

static LdaImage *
sobel_ok (const LdaImage *image)
{
  g_autoptr(GError) error = NULL;
  LdaImage *out = lda_sobel (image, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_true (out != image);
  g_assert_cmpint (out->type, ==, LDA_PIXEL_U16);
  g_assert_cmpuint (out->source_bits, ==, 16);
  g_assert_cmpuint (out->width, ==, image->width);
  g_assert_cmpuint (out->height, ==, image->height);

  return out;
}

static void
print_image (const char     *title,
             const LdaImage *image)
{
  g_autoptr(GString) text = g_string_new (title);

  for (guint y = 0; y < image->height; y++)
    {
      g_string_append (text, "\n ");
      for (guint x = 0; x < image->width; x++)
        g_string_append_printf (text, " %5u", lda_image_get (image, x, y));
    }
  g_test_message ("%s", text->str);
}

/* Runs lda_sobel() on @data and checks every output pixel. */
static void
check_sobel (guint          width,
             guint          height,
             const guint16 *data,
             const guint16 *expected)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (width, height, data);
  g_autoptr(LdaImage) want = lda_test_image_u16 (width, height, expected);
  g_autoptr(LdaImage) out = sobel_ok (image);

  if (memcmp (out->data, want->data, lda_image_n_bytes (want)) != 0)
    {
      print_image ("input:", image);
      print_image ("expected:", want);
      print_image ("got:", out);
    }
  g_assert_cmpmem (out->data, lda_image_n_bytes (out), want->data, lda_image_n_bytes (want));

  /* The input is read only. */
  g_assert_cmpmem (image->data, lda_image_n_bytes (image), data, lda_image_n_bytes (image));
}

/* --- hand-made cases --------------------------------------------------- */

static void
test_reflect101_small (void)
{
  /* 4 × 3.  With reflect-101, column −1 is column 1 and column 4 is
   * column 2, so gx is 0 in the first and last column whatever the data;
   * likewise gy in the first and last row.  The corners are therefore 0.
   *
   * (1, 0): rows −1, 0, 1 are rows 1, 0, 1, so
   *   gx = (11 − 5) + 2 (3 − 1) + (11 − 5) = 16, gy = 0 → 16.
   * (0, 1): columns −1, 0, 1 are columns 1, 0, 1, so
   *   gy = (19 − 2) + 2 (17 − 1) + (19 − 2) = 66, gx = 0 → 66.
   * (1, 1): interior,
   *   gx = (3 − 1) + 2 (11 − 5) + (23 − 17) = 20,
   *   gy = (17 − 1) + 2 (19 − 2) + (23 − 3) = 70, √5300 = 72.80 → 72.
   * (2, 2): rows 1, 2, 1,
   *   gx = 2 (13 − 7) + 2 (29 − 19) = 32, gy = 0 → 32. */
  static const guint16 data[12] = {
     1,  2,  3,  4,
     5,  7, 11, 13,
    17, 19, 23, 29,
  };
  static const guint16 expected[12] = {
     0, 16, 16,  0,
    66, 72, 85, 90,
     0, 24, 32,  0,
  };

  check_sobel (4, 3, data, expected);
}

static void
test_reflect101_corner_impulse (void)
{
  /* 100 at (0, 0).  Under reflect-101 the corner itself sees the impulse
   * on both sides and gets 0 (a replicating border would give 300);
   * (1, 0) gets gx = −2 · 100, (0, 1) gy = −2 · 100, and (1, 1) gets
   * gx = gy = −100, √20000 = 141.42 → 141. */
  static const guint16 data[12] = {
    100, 0, 0, 0,
      0, 0, 0, 0,
      0, 0, 0, 0,
  };
  static const guint16 expected[12] = {
      0, 200, 0, 0,
    200, 141, 0, 0,
      0,   0, 0, 0,
  };

  check_sobel (4, 3, data, expected);
}

static void
test_vertical_step (void)
{
  /* 0 → 100 between columns 2 and 3: the two columns beside the edge get
   * gx = (1 + 2 + 1) · 100 = 400 in every row, gy = 0. */
  static const guint16 data[24] = {
    0, 0, 0, 100, 100, 100,
    0, 0, 0, 100, 100, 100,
    0, 0, 0, 100, 100, 100,
    0, 0, 0, 100, 100, 100,
  };
  static const guint16 expected[24] = {
    0, 0, 400, 400, 0, 0,
    0, 0, 400, 400, 0, 0,
    0, 0, 400, 400, 0, 0,
    0, 0, 400, 400, 0, 0,
  };

  check_sobel (6, 4, data, expected);
}

static void
test_horizontal_step (void)
{
  /* The same edge between rows 1 and 2, falling 100 → 0: gy = −400. */
  static const guint16 data[20] = {
    100, 100, 100, 100, 100,
    100, 100, 100, 100, 100,
      0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,
  };
  static const guint16 expected[20] = {
      0,   0,   0,   0,   0,
    400, 400, 400, 400, 400,
    400, 400, 400, 400, 400,
      0,   0,   0,   0,   0,
  };

  check_sobel (5, 4, data, expected);
}

static void
test_diagonal_truncation (void)
{
  /* An impulse v at the centre: its diagonal neighbours get |gx| = |gy| =
   * v, its 4-neighbours 2v on one axis.  With v = 100, √20000 = 141.42;
   * with v = 7, √98 = 9.899 must truncate to 9, not round to 10. */
  static const guint16 data100[25] = {
    0, 0,   0, 0, 0,
    0, 0,   0, 0, 0,
    0, 0, 100, 0, 0,
    0, 0,   0, 0, 0,
    0, 0,   0, 0, 0,
  };
  static const guint16 expected100[25] = {
    0,   0,   0,   0, 0,
    0, 141, 200, 141, 0,
    0, 200,   0, 200, 0,
    0, 141, 200, 141, 0,
    0,   0,   0,   0, 0,
  };
  static const guint16 data7[25] = {
    0, 0, 0, 0, 0,
    0, 0, 0, 0, 0,
    0, 0, 7, 0, 0,
    0, 0, 0, 0, 0,
    0, 0, 0, 0, 0,
  };
  static const guint16 expected7[25] = {
    0,  0,  0,  0, 0,
    0,  9, 14,  9, 0,
    0, 14,  0, 14, 0,
    0,  9, 14,  9, 0,
    0,  0,  0,  0, 0,
  };

  check_sobel (5, 5, data100, expected100);
  check_sobel (5, 5, data7, expected7);
}

static void
test_mixed_gradient (void)
{
  /* A ramp in both directions, v = 3x + 4y over 3 × 3.  At the centre
   * gx = 4 · 2 · 3 = 24 and gy = 4 · 2 · 4 = 32: √(576 + 1024) = 40
   * exactly.  Elsewhere one derivative is zeroed by reflection: the
   * middle of the top and bottom rows keep gx = 24, the middle of the
   * left and right columns gy = 32. */
  static const guint16 data[9] = {
    0,  3,  6,
    4,  7, 10,
    8, 11, 14,
  };
  static const guint16 expected[9] = {
     0, 24,  0,
    32, 40, 32,
     0, 24,  0,
  };

  check_sobel (3, 3, data, expected);
}

static void
test_saturation (void)
{
  /* A step of 16 383 gives gx = 65 532, kept; 16 384 gives 65 536 and one
   * of 65 535 gives 262 140, both saturated to 65 535. */
  static const guint16 below[18] = {
    0, 0, 0, 16383, 16383, 16383,
    0, 0, 0, 16383, 16383, 16383,
    0, 0, 0, 16383, 16383, 16383,
  };
  static const guint16 below_expected[18] = {
    0, 0, 65532, 65532, 0, 0,
    0, 0, 65532, 65532, 0, 0,
    0, 0, 65532, 65532, 0, 0,
  };
  static const guint16 above[18] = {
    0, 0, 0, 16384, 16384, 16384,
    0, 0, 0, 16384, 16384, 16384,
    0, 0, 0, 16384, 16384, 16384,
  };
  static const guint16 full[18] = {
    0, 0, 0, 65535, 65535, 65535,
    0, 0, 0, 65535, 65535, 65535,
    0, 0, 0, 65535, 65535, 65535,
  };
  static const guint16 saturated[18] = {
    0, 0, 65535, 65535, 0, 0,
    0, 0, 65535, 65535, 0, 0,
    0, 0, 65535, 65535, 0, 0,
  };

  check_sobel (6, 3, below, below_expected);
  check_sobel (6, 3, above, saturated);
  check_sobel (6, 3, full, saturated);
}

static void
test_saturation_impulse (void)
{
  /* A saturated impulse in a dark field: |gx| = |gy| = 65 535 on the
   * diagonal (92 680) and 131 070 beside it, all clipped. */
  static const guint16 data[25] = {
    0, 0,     0, 0, 0,
    0, 0,     0, 0, 0,
    0, 0, 65535, 0, 0,
    0, 0,     0, 0, 0,
    0, 0,     0, 0, 0,
  };
  static const guint16 expected[25] = {
    0,     0,     0,     0, 0,
    0, 65535, 65535, 65535, 0,
    0, 65535,     0, 65535, 0,
    0, 65535, 65535, 65535, 0,
    0,     0,     0,     0, 0,
  };

  check_sobel (5, 5, data, expected);
}

static void
test_single_row (void)
{
  /* Height 1: the rows above and below reflect onto the row itself, so
   * gx = 4 (v[x + 1] − v[x − 1]) and gy = 0. */
  static const guint16 data[5] = { 0, 10, 30, 60, 100 };
  static const guint16 expected[5] = { 0, 120, 200, 280, 0 };

  check_sobel (5, 1, data, expected);
}

static void
test_single_column (void)
{
  static const guint16 data[5] = { 0, 10, 30, 60, 100 };
  static const guint16 expected[5] = { 0, 120, 200, 280, 0 };

  check_sobel (1, 5, data, expected);
}

static void
test_single_pixel (void)
{
  static const guint16 data[1] = { 65535 };
  static const guint16 expected[1] = { 0 };

  check_sobel (1, 1, data, expected);
}

static void
test_two_by_two (void)
{
  /* With two columns both neighbours of a pixel are the other column, so
   * every derivative cancels. */
  static const guint16 data[4] = { 1, 60000, 300, 4 };
  static const guint16 expected[4] = { 0, 0, 0, 0 };

  check_sobel (2, 2, data, expected);
}

static void
test_constant (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 70, 9, &error);
  g_autoptr(LdaImage) out = NULL;

  g_assert_no_error (error);
  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u16 (image)[i] = 1234;

  out = sobel_ok (image);
  for (gsize i = 0; i < lda_image_n_pixels (out); i++)
    g_assert_cmpuint (lda_image_u16 (out)[i], ==, 0);
}

static void
test_result_type (void)
{
  static const guint16 data[6] = { 0, 255, 0, 255, 0, 255 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (3, 2, data);
  g_autoptr(LdaImage) out = NULL;

  /* Widened 8-bit input: the magnitude is still 16-bit data, so that its
   * saturation value is 65 535 when it is thresholded. */
  image->source_bits = 8;
  out = sobel_ok (image);
  g_assert_cmpuint (lda_image_saturation (out), ==, 65535);
}

static void
test_cancelled (void)
{
  static const guint16 data[6] = { 0, 1, 2, 3, 4, 5 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (3, 2, data);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) out = NULL;

  g_cancellable_cancel (cancellable);
  out = lda_sobel (image, cancellable, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- brute force ------------------------------------------------------- */

static guint
reflect (gint64 i,
         guint  n)
{
  /* … c b | a b c … by walking back from the edge, independent of the
   * closed form used by the core. */
  if (n == 1)
    return 0;
  while (i < 0 || i >= n)
    i = i < 0 ? -i : 2 * ((gint64) n - 1) - i;
  return (guint) i;
}

static guint64
isqrt (guint64 n)
{
  guint64 s = (guint64) sqrt ((double) n);

  while (s * s > n)
    s--;
  while ((s + 1) * (s + 1) <= n)
    s++;
  return s;
}

static LdaImage *
sobel_naive (const LdaImage *image)
{
  static const int kx[3][3] = { { -1, 0, 1 }, { -2, 0, 2 }, { -1, 0, 1 } };
  static const int ky[3][3] = { { -1, -2, -1 }, { 0, 0, 0 }, { 1, 2, 1 } };
  g_autoptr(GError) error = NULL;
  LdaImage *out = lda_image_new (LDA_PIXEL_U16, image->width, image->height, &error);

  g_assert_no_error (error);
  for (guint y = 0; y < image->height; y++)
    for (guint x = 0; x < image->width; x++)
      {
        gint64 gx = 0, gy = 0;

        for (int dy = -1; dy <= 1; dy++)
          for (int dx = -1; dx <= 1; dx++)
            {
              guint v = lda_image_get (image, reflect ((gint64) x + dx, image->width),
                                       reflect ((gint64) y + dy, image->height));

              gx += kx[dy + 1][dx + 1] * (gint64) v;
              gy += ky[dy + 1][dx + 1] * (gint64) v;
            }

        lda_image_u16 (out)[(gsize) y * image->width + x] =
          (guint16) MIN (isqrt ((guint64) (gx * gx + gy * gy)), 65535);
      }

  return out;
}

/* Every size and range on one vector path. */
static void
brute_force_with (LdaSobelVectors vectors)
{
  static const guint sizes[][2] = {
    { 1, 1 }, { 1, 2 }, { 2, 1 }, { 1, 9 }, { 9, 1 }, { 2, 2 }, { 3, 2 },
    { 2, 3 }, { 3, 3 }, { 4, 5 }, { 17, 3 }, { 3, 17 }, { 64, 7 },
    { 65, 66 }, { 130, 4 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint range = 0; range < 3; range++)
      {
        const guint w = sizes[s][0], h = sizes[s][1];
        /* Small values (exact magnitudes near integers), medium ones, and
         * the full range (saturation). */
        const guint32 top = range == 0 ? 8 : range == 1 ? 4000 : 65536;
        g_autoptr(GError) error = NULL;
        g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, w, h, &error);
        g_autoptr(LdaImage) out = NULL;
        g_autoptr(LdaImage) want = NULL;

        g_assert_no_error (error);
        for (gsize i = 0; i < lda_image_n_pixels (image); i++)
          lda_image_u16 (image)[i] = (guint16) g_rand_int_range (rand, 0, (gint32) top);

        out = sobel_ok (image);
        want = sobel_naive (image);
        for (guint y = 0; y < h; y++)
          for (guint x = 0; x < w; x++)
            {
              guint got = lda_image_get (out, x, y);
              guint expected = lda_image_get (want, x, y);

              if (got != expected)
                {
                  g_test_message ("vectors %d, %u x %u image, values below %u: pixel (%u, %u) "
                                  "expected %u, got %u", vectors, w, h, top, x, y, expected, got);
                  g_assert_cmpuint (got, ==, expected);
                }
            }
      }
}

/* The same magnitudes from every vector path the processor has: the
 * scalar and SSE2 one, and AVX2 and AVX-512 where there are. */
static void
test_brute_force (void)
{
  for (int limit = LDA_SOBEL_VECTORS_SSE2; limit <= LDA_SOBEL_VECTORS_WIDEST; limit++)
    {
      LdaSobelVectors used = lda_sobel_set_vectors ((LdaSobelVectors) limit);

      g_test_message ("vectors up to %d: using %d", limit, used);
      if (used == (LdaSobelVectors) limit)
        brute_force_with (used);
    }
  lda_sobel_set_vectors (LDA_SOBEL_VECTORS_WIDEST);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sobel/reflect101/small", test_reflect101_small);
  g_test_add_func ("/sobel/reflect101/corner-impulse", test_reflect101_corner_impulse);
  g_test_add_func ("/sobel/step/vertical", test_vertical_step);
  g_test_add_func ("/sobel/step/horizontal", test_horizontal_step);
  g_test_add_func ("/sobel/diagonal-truncation", test_diagonal_truncation);
  g_test_add_func ("/sobel/mixed-gradient", test_mixed_gradient);
  g_test_add_func ("/sobel/saturation/step", test_saturation);
  g_test_add_func ("/sobel/saturation/impulse", test_saturation_impulse);
  g_test_add_func ("/sobel/size/single-row", test_single_row);
  g_test_add_func ("/sobel/size/single-column", test_single_column);
  g_test_add_func ("/sobel/size/single-pixel", test_single_pixel);
  g_test_add_func ("/sobel/size/two-by-two", test_two_by_two);
  g_test_add_func ("/sobel/constant", test_constant);
  g_test_add_func ("/sobel/result-type", test_result_type);
  g_test_add_func ("/sobel/cancelled", test_cancelled);
  g_test_add_func ("/sobel/brute-force", test_brute_force);

  return g_test_run ();
}
