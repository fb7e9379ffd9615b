/* test-threshold.c — tests for lda-threshold: the max-tile threshold of
 * pipeline.md §1 on small images whose votes, peak and threshold are known by
 * hand, plus a brute-force cross-check of the votes on random images.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "lda-image.h"
#include "lda-params.h"
#include "lda-threshold.h"
#include "lda-test-lib.h"

/* --- helpers ----------------------------------------------------------- */

static LdaImage *
image_filled (guint   width,
              guint   height,
              guint16 value)
{
  g_autoptr(GError) error = NULL;
  LdaImage *image = lda_image_new (LDA_PIXEL_U16, width, height, &error);
  gsize n;

  g_assert_no_error (error);
  n = lda_image_n_pixels (image);
  for (gsize i = 0; i < n; i++)
    lda_image_u16 (image)[i] = value;

  return image;
}

static void
set_pixel (LdaImage *image,
           guint     x,
           guint     y,
           guint16   value)
{
  lda_image_u16 (image)[(gsize) y * image->width + x] = value;
}

static guint32 *
new_votes (void)
{
  guint32 *votes = g_new (guint32, LDA_HISTOGRAM_BINS);

  /* Garbage, so that a function that forgets to clear shows it. */
  memset (votes, 0xa5, LDA_HISTOGRAM_BINS * sizeof *votes);
  return votes;
}

static guint64
votes_total (const guint32 *votes)
{
  guint64 total = 0;

  for (guint v = 0; v < LDA_HISTOGRAM_BINS; v++)
    total += votes[v];

  return total;
}

/* Every bin is zero except the (value, count) pairs given, ended by -1. */
static void
assert_votes (const guint32 *votes,
              ...)
{
  g_autofree guint32 *expected = g_new0 (guint32, LDA_HISTOGRAM_BINS);
  va_list args;
  int value;

  va_start (args, votes);
  while ((value = va_arg (args, int)) >= 0)
    expected[value] = va_arg (args, guint32);
  va_end (args);

  for (guint v = 0; v < LDA_HISTOGRAM_BINS; v++)
    {
      if (votes[v] != expected[v])
        g_test_message ("bin %u: expected %u votes, got %u", v, expected[v], votes[v]);
      g_assert_cmpuint (votes[v], ==, expected[v]);
    }
}

static void
params_auto (LdaChannelParams *params,
             guint             coarseness)
{
  lda_channel_params_init (params);
  params->coarseness = coarseness;
}

/* 5 × 5 with coarseness 2: 3 × 3 tiles, the right column and bottom row of
 * tiles partial (2 × 1, 1 × 2 and the 1 × 1 corner).  Tile maxima:
 *   7 9 6
 *   8 4 5
 *   9 4 7
 * so 4, 7 and 9 have two votes each, 5, 6 and 8 one. */
static const guint16 five_by_five[25] = {
  1, 2,   3, 9,   4,
  7, 0,   2, 1,   6,
  3, 3,   0, 0,   5,
  2, 8,   0, 4,   1,
  9, 1,   4, 2,   7,
};

/* --- votes ------------------------------------------------------------- */

static void
test_votes_partial_tiles (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  g_autofree guint32 *votes = new_votes ();

  g_assert_true (lda_threshold_votes (image, 2, FALSE, votes, NULL));
  assert_votes (votes, 4, 2, 5, 1, 6, 1, 7, 2, 8, 1, 9, 2, -1);
  g_assert_cmpuint (votes_total (votes), ==, 9);
}

static void
test_votes_tile_rows_and_columns (void)
{
  /* 7 × 3 with coarseness 3: tiles of columns 0–2, 3–5 and 6, one row of
   * tiles.  A maximum in the last row and last column of a tile must
   * count for that tile and not leak into the next one. */
  static const guint16 data[21] = {
    1, 1, 1,   1, 1, 1,   1,
    1, 1, 1,   1, 1, 1,   2,
    1, 1, 30,  40, 1, 1,  1,
  };
  g_autoptr(LdaImage) image = lda_test_image_u16 (7, 3, data);
  g_autofree guint32 *votes = new_votes ();

  g_assert_true (lda_threshold_votes (image, 3, FALSE, votes, NULL));
  assert_votes (votes, 2, 1, 30, 1, 40, 1, -1);
}

static void
test_votes_coarseness_one (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  g_autofree guint32 *votes = new_votes ();

  /* Every pixel is a tile: the votes are the histogram. */
  g_assert_true (lda_threshold_votes (image, 1, FALSE, votes, NULL));
  assert_votes (votes, 0, 4, 1, 4, 2, 4, 3, 3, 4, 3, 5, 1, 6, 1, 7, 2, 8, 1, 9, 2, -1);
  g_assert_cmpuint (votes_total (votes), ==, 25);
}

static void
test_votes_coarseness_larger_than_image (void)
{
  static const guint16 data[6] = { 5, 17, 3, 2, 16, 0 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (3, 2, data);
  g_autofree guint32 *votes = new_votes ();
  LdaChannelParams params;

  g_assert_true (lda_threshold_votes (image, 16, FALSE, votes, NULL));
  assert_votes (votes, 17, 1, -1);

  /* A tile exactly the image's size is the same single tile. */
  g_assert_true (lda_threshold_votes (image, 3, FALSE, votes, NULL));
  assert_votes (votes, 17, 1, -1);

  /* One vote, so that is the peak: floor (1.2 · 17 + 1) = 21. */
  params_auto (&params, 16);
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 21);
}

static void
test_votes_large_counts (void)
{
  /* 400 × 400 = 160 000 one-pixel tiles: far more than 65 535 votes for
   * one value, which a 16-bit counter would wrap. */
  g_autoptr(LdaImage) image = image_filled (400, 400, 7);
  g_autofree guint32 *votes = new_votes ();
  g_autofree guint32 *histogram = new_votes ();
  LdaChannelParams params;

  set_pixel (image, 0, 0, 9);
  set_pixel (image, 399, 0, 9);
  set_pixel (image, 200, 200, 9);
  set_pixel (image, 0, 399, 65535);
  set_pixel (image, 399, 399, 0);

  g_assert_true (lda_threshold_votes (image, 1, FALSE, votes, NULL));
  assert_votes (votes, 0, 1, 7, 159995, 9, 3, 65535, 1, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 7);

  lda_image_histogram (image, histogram);
  assert_votes (histogram, 0, 1, 7, 159995, 9, 3, 65535, 1, -1);

  /* floor (1.2 · 7 + 1) = floor (9.4) = 9. */
  params_auto (&params, 1);
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 9);
}

static void
test_votes_brute_force (void)
{
  /* Random images and tile sizes against a direct per-tile maximum. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autofree guint32 *votes = new_votes ();
  g_autofree guint32 *expected = g_new (guint32, LDA_HISTOGRAM_BINS);

  for (guint round = 0; round < 60; round++)
    {
      guint w = (guint) g_rand_int_range (rand, 1, 90);
      guint h = (guint) g_rand_int_range (rand, 1, 40);
      guint coarseness = (guint) g_rand_int_range (rand, 1, 20);
      gboolean ignore = g_rand_boolean (rand);
      g_autoptr(LdaImage) image = image_filled (w, h, 0);

      /* Few distinct values, so that bins collect several votes; some
       * saturated pixels. */
      for (gsize i = 0; i < lda_image_n_pixels (image); i++)
        {
          guint r = (guint) g_rand_int_range (rand, 0, 100);

          lda_image_u16 (image)[i] = r < 3 ? 65535 : (guint16) (r % 13);
        }

      memset (expected, 0, LDA_HISTOGRAM_BINS * sizeof *expected);
      for (guint ty = 0; ty < h; ty += coarseness)
        for (guint tx = 0; tx < w; tx += coarseness)
          {
            guint m = 0;

            for (guint y = ty; y < MIN (h, ty + coarseness); y++)
              for (guint x = tx; x < MIN (w, tx + coarseness); x++)
                m = MAX (m, lda_image_get (image, x, y));
            if (!(ignore && m == 65535))
              expected[m]++;
          }

      g_assert_true (lda_threshold_votes (image, coarseness, ignore, votes, NULL));
      if (memcmp (votes, expected, LDA_HISTOGRAM_BINS * sizeof *votes) != 0)
        g_test_message ("votes differ for %u x %u, coarseness %u, ignore-saturated %d",
                        w, h, coarseness, ignore);
      g_assert_cmpmem (votes, LDA_HISTOGRAM_BINS * sizeof *votes,
                       expected, LDA_HISTOGRAM_BINS * sizeof *expected);
    }
}

static void
test_votes_cancelled (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree guint32 *votes = new_votes ();

  g_cancellable_cancel (cancellable);
  g_assert_false (lda_threshold_votes (image, 2, FALSE, votes, cancellable));
  g_assert_false (lda_threshold_votes (image, 1, FALSE, votes, cancellable));
}

/* --- peak -------------------------------------------------------------- */

static void
test_peak_ties_lowest (void)
{
  g_autofree guint32 *votes = g_new0 (guint32, LDA_HISTOGRAM_BINS);

  votes[10] = 5;
  votes[3] = 5;
  votes[7] = 4;
  votes[65535] = 5;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 3);

  votes[10] = 6;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 10);

  votes[65535] = 7;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 65535);
}

static void
test_peak_partial_tiles (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  g_autofree guint32 *votes = new_votes ();

  /* 4, 7 and 9 tie with two votes: the lowest wins. */
  g_assert_true (lda_threshold_votes (image, 2, FALSE, votes, NULL));
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 4);
}

static void
test_peak_never_zero (void)
{
  g_autofree guint32 *votes = g_new0 (guint32, LDA_HISTOGRAM_BINS);

  votes[0] = 1000;
  votes[5] = 1;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 5);

  /* With only zeros voting the peak is 1, even though bin 1 is empty. */
  votes[5] = 0;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 1);

  votes[0] = 0;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 1);

  votes[1] = 1;
  votes[2] = 1;
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 1);
}

static void
test_peak_all_zero_image (void)
{
  g_autoptr(LdaImage) image = image_filled (9, 7, 0);
  g_autofree guint32 *votes = new_votes ();
  LdaChannelParams params;

  g_assert_true (lda_threshold_votes (image, 4, FALSE, votes, NULL));
  assert_votes (votes, 0, 3 * 2, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 1);

  /* floor (1.2 · 1 + 1) = 2. */
  params_auto (&params, 4);
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 2);

  params.use_offset = FALSE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 1);
}

/* --- saturation -------------------------------------------------------- */

/* 8 × 8, coarseness 2: 16 tiles; 10 hold a pixel at @saturated, the other
 * 6 have the maximum 100, 2 of them 50. */
static LdaImage *
mostly_saturated (guint16 saturated)
{
  LdaImage *image = image_filled (8, 8, 3);
  guint n = 0;

  for (guint ty = 0; ty < 4; ty++)
    for (guint tx = 0; tx < 4; tx++, n++)
      {
        guint16 v = n < 10 ? saturated : n < 14 ? 100 : 50;

        /* A different corner of the tile each time. */
        set_pixel (image, 2 * tx + (n & 1), 2 * ty + ((n >> 1) & 1), v);
      }

  return image;
}

static void
test_saturated_tiles_win (void)
{
  g_autoptr(LdaImage) image = mostly_saturated (65535);
  g_autofree guint32 *votes = new_votes ();
  LdaChannelParams params;
  gint64 threshold;

  g_assert_true (lda_threshold_votes (image, 2, FALSE, votes, NULL));
  assert_votes (votes, 50, 2, 100, 4, 65535, 10, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 65535);

  /* floor (1.2 · 65535 + 1) = 78643: above every 16-bit value, kept. */
  params_auto (&params, 2);
  threshold = lda_threshold_compute (image, &params);
  g_assert_cmpint (threshold, ==, 78643);
  g_assert_cmpint (lda_threshold_apply_offset (65535, &params), ==, 78643);

  params.use_offset = FALSE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 65535);
}

static void
test_saturated_tiles_ignored (void)
{
  g_autoptr(LdaImage) image = mostly_saturated (65535);
  g_autofree guint32 *votes = new_votes ();
  LdaChannelParams params;

  g_assert_true (lda_threshold_votes (image, 2, TRUE, votes, NULL));
  assert_votes (votes, 50, 2, 100, 4, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 100);

  /* floor (1.2 · 100 + 1) = 121. */
  params_auto (&params, 2);
  params.ignore_saturated = TRUE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 121);

  /* Also with one-pixel tiles: 48 pixels of 3, 10 saturated, 6 others. */
  g_assert_true (lda_threshold_votes (image, 1, TRUE, votes, NULL));
  assert_votes (votes, 3, 48, 50, 2, 100, 4, -1);
}

static void
test_saturation_value (void)
{
  g_autoptr(LdaImage) image = image_filled (2, 2, 0);

  g_assert_cmpuint (image->source_bits, ==, 16);
  g_assert_cmpuint (lda_image_saturation (image), ==, 65535);

  image->source_bits = 8;
  g_assert_cmpuint (lda_image_saturation (image), ==, 255);
}

static void
test_saturated_8bit_source (void)
{
  g_autoptr(LdaImage) image = mostly_saturated (255);
  g_autofree guint32 *votes = new_votes ();
  LdaChannelParams params;

  /* Widened 8-bit data: 255 is its saturation, not 65 535. */
  image->source_bits = 8;
  set_pixel (image, 7, 7, 65535);   /* tile 15, was 50: not 8-bit data,
                                     * but it shows which bins are dropped:
                                     * all at or above the saturation */

  g_assert_true (lda_threshold_votes (image, 2, FALSE, votes, NULL));
  assert_votes (votes, 50, 1, 100, 4, 255, 10, 65535, 1, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 255);

  g_assert_true (lda_threshold_votes (image, 2, TRUE, votes, NULL));
  assert_votes (votes, 50, 1, 100, 4, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 100);

  params_auto (&params, 2);
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 307);  /* 1.2 · 255 + 1 */
  params.ignore_saturated = TRUE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 121);
}

static void
test_saturated_255_in_16bit (void)
{
  g_autoptr(LdaImage) image = mostly_saturated (255);
  g_autofree guint32 *votes = new_votes ();

  /* In 16-bit data 255 is an ordinary value and keeps its votes. */
  g_assert_true (lda_threshold_votes (image, 2, TRUE, votes, NULL));
  assert_votes (votes, 50, 2, 100, 4, 255, 10, -1);
  g_assert_cmpuint (lda_threshold_peak (votes), ==, 255);
}

/* --- offset ------------------------------------------------------------ */

static gint64
offset_threshold (guint    peak,
                  double   offset,
                  gboolean use_offset)
{
  LdaChannelParams params;

  lda_channel_params_init (&params);
  params.offset = offset;
  params.use_offset = use_offset;

  return lda_threshold_apply_offset (peak, &params);
}

static void
test_offset_formula (void)
{
  g_assert_cmpint (offset_threshold (10, 1.1, TRUE), ==, 12);
  g_assert_cmpint (offset_threshold (3, 0.5, TRUE), ==, 2);      /* 2.5: floor, not round */
  g_assert_cmpint (offset_threshold (5, 0.5, TRUE), ==, 3);      /* 3.5: not 4 */
  g_assert_cmpint (offset_threshold (1, 1.2, TRUE), ==, 2);
  g_assert_cmpint (offset_threshold (100, 1.2, TRUE), ==, 121);
  g_assert_cmpint (offset_threshold (1000, 1.0, TRUE), ==, 1001);
  g_assert_cmpint (offset_threshold (1000, 0.0, TRUE), ==, 1);
  g_assert_cmpint (offset_threshold (65535, 10.0, TRUE), ==, 655351);
}

static void
test_offset_double_rounding (void)
{
  /* In doubles 0.29 · 100 = 28.999999999999996 and 0.7 · 90 =
   * 62.99999999999999 (and 2.3 · 50 = 114.99999999999999), so
   * floor (f · k + 1) is one less than in exact arithmetic; the reference computes in doubles too, and the
   * thresholds must be identical (pipeline.md §8). */
  g_assert_cmpint (offset_threshold (100, 0.29, TRUE), ==, 29);
  g_assert_cmpint (offset_threshold (90, 0.7, TRUE), ==, 63);
  g_assert_cmpint (offset_threshold (50, 2.3, TRUE), ==, 115);
  /* 1.2 · 65535 is exactly 78642 in doubles. */
  g_assert_cmpint (offset_threshold (65535, 1.2, TRUE), ==, 78643);
}

static void
test_offset_disabled (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  LdaChannelParams params;

  g_assert_cmpint (offset_threshold (10, 1.1, FALSE), ==, 10);
  g_assert_cmpint (offset_threshold (65535, 1.2, FALSE), ==, 65535);
  g_assert_cmpint (offset_threshold (1, 5.0, FALSE), ==, 1);

  params_auto (&params, 2);
  params.use_offset = FALSE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 4);

  /* floor (1.2 · 4 + 1) = 5. */
  params.use_offset = TRUE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 5);
}

/* --- compute ----------------------------------------------------------- */

static void
test_compute_manual (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  LdaChannelParams params;

  params_auto (&params, 2);
  params.manual = TRUE;
  params.manual_threshold = 1234;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 1234);

  /* The offset does not apply to a manual threshold. */
  params.use_offset = FALSE;
  params.manual_threshold = 0;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 0);

  params.use_offset = TRUE;
  params.manual_threshold = 65535;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 65535);

  params.manual = FALSE;
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 5);
}

static void
test_compute_defaults (void)
{
  /* 32 × 32, default coarseness 16: four tiles with maxima 200, 200, 900
   * and 3000; peak 200, threshold floor (1.2 · 200 + 1) = 241. */
  g_autoptr(LdaImage) image = image_filled (32, 32, 150);
  LdaChannelParams params;

  set_pixel (image, 3, 4, 200);
  set_pixel (image, 31, 15, 200);
  set_pixel (image, 0, 16, 900);
  set_pixel (image, 16, 16, 3000);

  lda_channel_params_init (&params);
  g_assert_cmpuint (params.coarseness, ==, 16);
  g_assert_cmpint (lda_threshold_compute (image, &params), ==, 241);
}

/* --- histogram --------------------------------------------------------- */

static void
test_histogram (void)
{
  g_autoptr(LdaImage) image = lda_test_image_u16 (5, 5, five_by_five);
  g_autoptr(LdaImage) extremes = image_filled (3, 1, 0);
  g_autofree guint32 *histogram = new_votes ();

  lda_image_histogram (image, histogram);
  assert_votes (histogram, 0, 4, 1, 4, 2, 4, 3, 3, 4, 3, 5, 1, 6, 1, 7, 2, 8, 1, 9, 2, -1);

  set_pixel (extremes, 1, 0, 65535);
  lda_image_histogram (extremes, histogram);
  assert_votes (histogram, 0, 2, 65535, 1, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threshold/votes/partial-tiles", test_votes_partial_tiles);
  g_test_add_func ("/threshold/votes/tile-rows-and-columns", test_votes_tile_rows_and_columns);
  g_test_add_func ("/threshold/votes/coarseness-one", test_votes_coarseness_one);
  g_test_add_func ("/threshold/votes/coarseness-larger-than-image",
                   test_votes_coarseness_larger_than_image);
  g_test_add_func ("/threshold/votes/large-counts", test_votes_large_counts);
  g_test_add_func ("/threshold/votes/brute-force", test_votes_brute_force);
  g_test_add_func ("/threshold/votes/cancelled", test_votes_cancelled);
  g_test_add_func ("/threshold/peak/ties-lowest", test_peak_ties_lowest);
  g_test_add_func ("/threshold/peak/partial-tiles", test_peak_partial_tiles);
  g_test_add_func ("/threshold/peak/never-zero", test_peak_never_zero);
  g_test_add_func ("/threshold/peak/all-zero-image", test_peak_all_zero_image);
  g_test_add_func ("/threshold/saturated/tiles-win", test_saturated_tiles_win);
  g_test_add_func ("/threshold/saturated/tiles-ignored", test_saturated_tiles_ignored);
  g_test_add_func ("/threshold/saturated/saturation-value", test_saturation_value);
  g_test_add_func ("/threshold/saturated/8bit-source", test_saturated_8bit_source);
  g_test_add_func ("/threshold/saturated/255-in-16bit", test_saturated_255_in_16bit);
  g_test_add_func ("/threshold/offset/formula", test_offset_formula);
  g_test_add_func ("/threshold/offset/double-rounding", test_offset_double_rounding);
  g_test_add_func ("/threshold/offset/disabled", test_offset_disabled);
  g_test_add_func ("/threshold/compute/manual", test_compute_manual);
  g_test_add_func ("/threshold/compute/defaults", test_compute_defaults);
  g_test_add_func ("/threshold/histogram", test_histogram);

  return g_test_run ();
}
