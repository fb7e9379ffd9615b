/* test-threshold-methods.c — the automatic thresholds of a histogram
 * (Otsu, Otsu of the tile maxima, triangle), the dark level, the offset as
 * a factor, saturation by bit depth and the check that a threshold finds
 * blobs, on histograms and images whose answer is known by hand.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-threshold.h"
#include "lda-threshold-methods.h"

/* Worked out with the formula of lda_threshold_otsu() (see below). */
#define OTSU_BY_HAND_FILLED 23

static guint32 *
histogram_new (void)
{
  return g_new0 (guint32, LDA_HISTOGRAM_BINS);
}

static LdaImage *
image_new (guint width,
           guint height,
           guint value)
{
  LdaImage *image = lda_image_new (LDA_PIXEL_U16, width, height, NULL);

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u16 (image)[i] = (guint16) value;

  return image;
}

/* Two classes of equal size, 10 and 50: every level from 10 to 49 splits
 * them alike; Otsu's threshold is the middle of that gap. */
static void
test_otsu_two_values (void)
{
  g_autofree guint32 *h = histogram_new ();

  h[10] = 100;
  h[50] = 100;
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 29);

  /* Unequal sizes move nothing: the split is still between the two. */
  h[50] = 3;
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 29);
}

/* Three values 10, 11 and 40 (4, 4, 2 pixels): splitting after 11 gives
 * w₀ w₁ (μ₀ − μ₁)² = 8 · 2 · 29.5² = 13 924, after 10 only
 * 4 · 6 · (10 − 20.67)² ≈ 2 731: T is 11, and with nothing between 11
 * and 40, the middle of 11 … 39, 25. */
static void
test_otsu_by_hand (void)
{
  g_autofree guint32 *h = histogram_new ();

  h[10] = 4;
  h[11] = 4;
  h[40] = 2;
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 25);

  /* With no gap, no middle: T is a value with a count.  Values 10 and 11
   * (4 each), 12 … 39 (1 each), 40 (2): 23 by the same sums. */
  for (guint v = 12; v < 40; v++)
    h[v] = 1;
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, OTSU_BY_HAND_FILLED);
}

/* 0 never counts (registration borders), nor do values past @last. */
static void
test_otsu_ignores_zero_and_saturated (void)
{
  g_autofree guint32 *h = histogram_new ();

  h[0] = 100000;
  h[20] = 50;
  h[30] = 50;
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 24);

  h[4095] = 1000;
  /* With the saturated pixels, they are the foreground. */
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), >=, 30);
  g_assert_cmpuint (lda_threshold_otsu (h, 4094), ==, 24);
}

static void
test_otsu_degenerate (void)
{
  g_autofree guint32 *h = histogram_new ();

  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 0);
  h[0] = 7;
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 0);
  h[300] = 9;
  /* One value: it is the threshold, and nothing is above it. */
  g_assert_cmpuint (lda_threshold_otsu (h, 65535), ==, 300);
}

/* A background peak at 10 falling to nothing at 20, and a long flat tail
 * of foreground to 100: the line from (10, 100) to (101, 0) lies farthest
 * above the histogram where the peak's flank meets the tail. */
static void
test_triangle_by_hand (void)
{
  g_autofree guint32 *h = histogram_new ();
  guint t;

  for (guint v = 10; v <= 20; v++)
    h[v] = 100 - (v - 10) * 10;        /* 100, 90, …, 0 at 20 */
  for (guint v = 21; v <= 100; v++)
    h[v] = 2;
  t = lda_threshold_triangle (h, 65535);
  /* Below the line by line(v) − h(v) = 100 (101 − v) / 91 − h(v): at 20
   * that is 89.0 − 0; at 19, 90.1 − 10; at 21, 87.9 − 2. */
  g_assert_cmpuint (t, ==, 20);

  /* A bright background with a dark tail: mirrored. */
  memset (h, 0, LDA_HISTOGRAM_BINS * sizeof *h);
  for (guint v = 200; v >= 190; v--)
    h[v] = 100 - (200 - v) * 10;
  for (guint v = 110; v < 190; v++)
    h[v] = 2;
  t = lda_threshold_triangle (h, 65535);
  g_assert_cmpuint (t, ==, 190);
}

/* The 1st percentile of the values that count. */
static void
test_dark_level (void)
{
  g_autofree guint32 *h = histogram_new ();

  g_assert_cmpuint (lda_histogram_dark_level (h, 65535), ==, 0);
  h[0] = 1000;              /* does not count */
  h[100] = 1;
  h[101] = 98;
  h[5000] = 1;
  g_assert_cmpuint (lda_histogram_dark_level (h, 65535), ==, 100);
  h[100] = 0;
  h[99] = 2;                /* 2 of 101: above 1 % already */
  g_assert_cmpuint (lda_histogram_dark_level (h, 65535), ==, 99);
  g_assert_cmpuint (lda_histogram_max (h), ==, 5000);
}

/* The offset of the histogram methods: a factor on T measured from the
 * dark level; without offset, T itself. */
static void
test_scale (void)
{
  LdaChannelParams p;

  lda_channel_params_init (&p);
  p.method = LDA_METHOD_OTSU;
  p.offset = 0.5;
  g_assert_cmpint (lda_threshold_scale (300, 100, &p), ==, 200);
  p.offset = 1.0;
  g_assert_cmpint (lda_threshold_scale (300, 100, &p), ==, 300);
  p.offset = 0.65;
  g_assert_cmpint (lda_threshold_scale (173, 99, &p), ==, 147);   /* 99 + 48.1 */
  p.offset = 0.0;
  g_assert_cmpint (lda_threshold_scale (300, 100, &p), ==, 100);
  p.offset = 10.0;
  g_assert_cmpint (lda_threshold_scale (65535, 0, &p), ==, 655350);
  p.use_offset = FALSE;
  g_assert_cmpint (lda_threshold_scale (300, 100, &p), ==, 300);
}

/* Every method from the same histogram and votes; the article's own
 * threshold is its formula, untouched. */
static void
test_levels (void)
{
  g_autofree guint32 *h = histogram_new ();
  g_autofree guint32 *votes = histogram_new ();
  LdaThresholdLevels levels;
  LdaChannelParams p;

  for (guint v = 100; v < 110; v++)
    h[v] = 1000;
  for (guint v = 1000; v < 1010; v++)
    h[v] = 300;
  votes[109] = 40;
  votes[1009] = 10;

  lda_channel_params_init (&p);
  lda_threshold_levels (h, votes, 65535, &p, &levels);
  g_assert_cmpuint (levels.level[LDA_METHOD_MAX_TILE], ==, 109);
  g_assert_cmpint (levels.threshold[LDA_METHOD_MAX_TILE], ==, 131);   /* 1.2 · 109 + 1 */
  g_assert_cmpuint (levels.dark, ==, 100);
  g_assert_cmpuint (levels.max_value, ==, 1009);
  g_assert_cmpuint (levels.level[LDA_METHOD_OTSU], ==, 554);          /* middle of 109 … 999 */
  g_assert_cmpuint (levels.level[LDA_METHOD_OTSU_TILES], ==, 558);    /* middle of 109 … 1008 */
  /* floor(100 + 1.2 · (554 − 100)) */
  g_assert_cmpint (levels.threshold[LDA_METHOD_OTSU], ==, 644);

  /* Without the pixel histogram, only the article's method. */
  lda_threshold_levels (NULL, votes, 65535, &p, &levels);
  g_assert_cmpint (levels.threshold[LDA_METHOD_MAX_TILE], ==, 131);
  g_assert_cmpint (levels.threshold[LDA_METHOD_OTSU], ==, -1);
  g_assert_cmpint (levels.threshold[LDA_METHOD_TRIANGLE], ==, -1);
}

/* 12- and 14-bit data in 16-bit files, and 8-bit files. */
static void
test_saturation_detect (void)
{
  g_assert_cmpuint (lda_saturation_detect (16, 0), ==, 4095);
  g_assert_cmpuint (lda_saturation_detect (16, 4095), ==, 4095);
  g_assert_cmpuint (lda_saturation_detect (16, 4096), ==, 16383);
  g_assert_cmpuint (lda_saturation_detect (16, 16383), ==, 16383);
  g_assert_cmpuint (lda_saturation_detect (16, 16384), ==, 65535);
  g_assert_cmpuint (lda_saturation_detect (16, 65535), ==, 65535);
  g_assert_cmpuint (lda_saturation_detect (8, 17), ==, 255);
}

/* A 12-bit image whose saturated specks win the vote: the threshold lies
 * above every pixel, until saturated tiles at 4095 are left out. */
static void
test_compute_12_bit (void)
{
  g_autoptr(LdaImage) image = image_new (32, 32, 100);
  LdaChannelParams p;

  for (guint y = 0; y < 32; y += 8)
    for (guint x = 0; x < 24; x += 8)
      lda_image_u16 (image)[(y + 1) * 32 + x + 1] = 4095;
  for (guint y = 0; y < 32; y++)
    lda_image_u16 (image)[y * 32 + 30] = 101;

  lda_channel_params_init (&p);
  p.coarseness = 8;
  g_assert_cmpint (lda_threshold_compute (image, &p), ==, 4915);      /* 1.2 · 4095 + 1 */
  p.ignore_saturated = TRUE;
  g_assert_cmpint (lda_threshold_compute (image, &p), ==, 122);       /* 1.2 · 101 + 1 */
  /* Told that 4095 is not saturation, the specks vote again. */
  p.saturation = 65535;
  g_assert_cmpint (lda_threshold_compute (image, &p), ==, 4915);
}

/* A filled square is a blob; a checkerboard is noise. */
static void
test_coherence (void)
{
  g_autoptr(LdaImage) image = image_new (20, 20, 10);
  g_autoptr(LdaBitplane) scratch = lda_bitplane_new (20, 20, NULL);

  g_assert_cmpfloat (lda_threshold_coherence (image, 10, scratch), ==, 1.0);  /* nothing */
  for (guint y = 5; y < 15; y++)
    for (guint x = 5; x < 15; x++)
      lda_image_u16 (image)[y * 20 + x] = 500;
  /* 100 pixels, 64 of them inside. */
  g_assert_cmpfloat (lda_threshold_coherence (image, 10, scratch), ==, 0.64);
  /* Pixels on the edge of the image have a neighbour outside it. */
  g_assert_cmpfloat (lda_threshold_coherence (image, 0, scratch), ==, 324.0 / 400.0);

  for (guint y = 0; y < 20; y++)
    for (guint x = 0; x < 20; x++)
      lda_image_u16 (image)[y * 20 + x] = (x + y) % 2 ? 200 : 10;
  g_assert_cmpfloat (lda_threshold_coherence (image, 10, scratch), ==, 0.0);
}

/* A threshold that finds noise is raised until it finds blobs, or above
 * everything when there is only noise; one that finds blobs is kept. */
static void
test_find_objects (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(LdaImage) noise = image_new (64, 64, 0);
  g_autofree guint32 *h = histogram_new ();
  guint16 *px = lda_image_u16 (noise);
  guint t, max_value;

  for (guint i = 0; i < 64 * 64; i++)
    px[i] = (guint16) g_rand_int_range (rand, 100, 140);
  lda_image_histogram (noise, h);
  t = lda_threshold_otsu (h, 65535);
  max_value = lda_histogram_max (h);
  g_assert_cmpuint (t, >, 100);
  g_assert_cmpuint (t, <, 140);
  g_assert_cmpint (lda_threshold_find_objects (noise, t, max_value, NULL), ==, max_value);

  /* A bright disc on the noise: Otsu finds it and is kept. */
  for (guint y = 0; y < 64; y++)
    for (guint x = 0; x < 64; x++)
      if ((x - 32) * (x - 32) + (y - 30) * (y - 30) <= 100)
        px[y * 64 + x] = 3000;
  lda_image_histogram (noise, h);
  t = lda_threshold_otsu (h, 65535);
  g_assert_cmpuint (t, >=, 140);
  g_assert_cmpint (lda_threshold_find_objects (noise, t, 3000, NULL), ==, t);

  /* Otsu's split of the noise alone, with the disc there: raised to the
   * top of the noise, where the disc's pixels are the most, never above
   * the disc. */
  g_assert_cmpint (lda_threshold_find_objects (noise, 120, 3000, NULL), >, 130);
  g_assert_cmpint (lda_threshold_find_objects (noise, 120, 3000, NULL), <, 3000);
}

/* The counts give the coherence of a pass over the image at every
 * threshold, to the last bit, and the same threshold from the bisection:
 * on noise with few values (many ties), blobs on noise, and images too
 * small to have an inside. */
static void
test_coherence_counts (void)
{
  static const guint sizes[][2] = { { 1, 1 }, { 2, 5 }, { 3, 3 }, { 64, 3 }, { 70, 9 }, { 130, 17 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint round = 0; round < 3; round++)
      {
        const guint w = sizes[s][0], h = sizes[s][1];
        g_autoptr(LdaImage) image = image_new (w, h, 0);
        g_autoptr(LdaBitplane) scratch = lda_bitplane_new (w, h, NULL);
        g_autoptr(LdaCoherence) counts = NULL;
        g_autofree guint32 *histogram = histogram_new ();
        guint16 *px = lda_image_u16 (image);
        const gint64 thresholds[] = { -7, -1, 0, 65534, 65535, 70000 };

        for (guint i = 0; i < w * h; i++)
          px[i] = (guint16) (round == 0 ? g_rand_int_range (rand, 100, 106)
                             : round == 1 ? g_rand_int_range (rand, 0, 65536)
                             : 65535 - g_rand_int_range (rand, 0, 3));
        /* A bright square on the noise. */
        for (guint y = h / 4; y < h / 2; y++)
          for (guint x = w / 4; x < w / 2; x++)
            px[y * w + x] = 3000;
        lda_image_histogram (image, histogram);

        counts = lda_coherence_new (image, round == 2 ? NULL : histogram);
        g_assert_nonnull (counts);
        for (gint64 t = 95; t < 110; t++)
          g_assert_cmpfloat (lda_coherence_at (counts, t), ==,
                             lda_threshold_coherence (image, t, scratch));
        for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
          g_assert_cmpfloat (lda_coherence_at (counts, thresholds[i]), ==,
                             lda_threshold_coherence (image, thresholds[i], scratch));
        for (guint i = 0; i < 40; i++)
          {
            gint64 t = g_rand_int_range (rand, 0, 65536);

            g_assert_cmpfloat (lda_coherence_at (counts, t), ==,
                               lda_threshold_coherence (image, t, scratch));
          }
        for (gint64 t = 95; t < 110; t++)
          g_assert_cmpint (lda_coherence_find_objects (counts, t, 3000), ==,
                           lda_threshold_find_objects (image, t, 3000, NULL));
        g_assert_cmpint (lda_coherence_find_objects (counts, 2000, 65535), ==,
                         lda_threshold_find_objects (image, 2000, 65535, NULL));
      }
}

/* Only 16-bit images have counts; the window then checks by passes. */
static void
test_coherence_counts_16_bit_only (void)
{
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U8, 4, 4, NULL);

  g_assert_null (lda_coherence_new (image, NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/threshold-methods/otsu/two-values", test_otsu_two_values);
  g_test_add_func ("/threshold-methods/otsu/by-hand", test_otsu_by_hand);
  g_test_add_func ("/threshold-methods/otsu/zero-and-saturated", test_otsu_ignores_zero_and_saturated);
  g_test_add_func ("/threshold-methods/otsu/degenerate", test_otsu_degenerate);
  g_test_add_func ("/threshold-methods/triangle/by-hand", test_triangle_by_hand);
  g_test_add_func ("/threshold-methods/dark-level", test_dark_level);
  g_test_add_func ("/threshold-methods/scale", test_scale);
  g_test_add_func ("/threshold-methods/levels", test_levels);
  g_test_add_func ("/threshold-methods/saturation/detect", test_saturation_detect);
  g_test_add_func ("/threshold-methods/saturation/12-bit", test_compute_12_bit);
  g_test_add_func ("/threshold-methods/coherence", test_coherence);
  g_test_add_func ("/threshold-methods/find-objects", test_find_objects);
  g_test_add_func ("/threshold-methods/coherence-counts", test_coherence_counts);
  g_test_add_func ("/threshold-methods/coherence-counts/16-bit-only",
                   test_coherence_counts_16_bit_only);

  return g_test_run ();
}
