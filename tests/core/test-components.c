/* test-components.c — tests for lda-components and the threshold of
 * lda-bitplane: runs, their connected components and the strict
 * threshold of a row of pixels.
 *
 * Small cases are pictures, '#' set and '.' clear (tests/lib/lda-test-planes.h);
 * larger random planes are checked against a flood fill pixel by pixel.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-image.h"
#include "lda-test-planes.h"

/* --- runs and components ----------------------------------------------- */

static LdaRuns *
runs_of (const LdaBitplane *plane,
         gboolean           value)
{
  g_autoptr(GError) error = NULL;
  LdaRuns *runs = lda_runs_new_from_bitplane (plane, value, &error);

  g_assert_no_error (error);
  g_assert_nonnull (runs);
  g_assert_cmpuint (runs->width, ==, plane->width);
  g_assert_cmpuint (runs->height, ==, plane->height);
  return runs;
}

/* @expected: (y, x0, x1) triples in raster order. */
static void
check_runs (const LdaRuns *runs,
            const guint   *expected,
            gsize          n_expected)
{
  gboolean same = runs->n_runs == n_expected;
  gsize n = 0;

  for (gsize i = 0; same && i < n_expected; i++)
    same = runs->runs[i].y == expected[3 * i] &&
           runs->runs[i].x0 == expected[3 * i + 1] &&
           runs->runs[i].x1 == expected[3 * i + 2];
  if (!same)
    for (gsize i = 0; i < runs->n_runs; i++)
      g_test_message ("run %" G_GSIZE_FORMAT ": row %u, [%u, %u)",
                      i, runs->runs[i].y, runs->runs[i].x0, runs->runs[i].x1);
  g_assert_true (same);

  /* row_start indexes each row's first run. */
  for (guint y = 0; y <= runs->height; y++)
    {
      while (n < runs->n_runs && runs->runs[n].y < y)
        n++;
      g_assert_cmpuint (runs->row_start[y], ==, n);
    }
}

static void
check_labels (LdaRuns     *runs,
              guint        connectivity,
              guint        n_components,
              const guint *labels)
{
  lda_runs_label (runs, connectivity);
  g_assert_cmpuint (runs->n_components, ==, n_components);
  for (gsize i = 0; i < runs->n_runs; i++)
    g_assert_cmpuint (runs->labels[i], ==, labels[i]);
}

static void
test_runs_word_boundaries (void)
{
  static const guint set[] = {
    0, 60, 70,
    1, 64, 128,
    2, 0, 1,   2, 127, 129,   2, 190, 200,
    3, 0, 200,
    5, 63, 64,   5, 191, 192,
    6, 64, 65,   6, 192, 193,
  };
  static const guint clear[] = {
    0, 0, 60,   0, 70, 200,
    1, 0, 64,   1, 128, 200,
    2, 1, 127,   2, 129, 190,
    4, 0, 200,
    5, 0, 63,   5, 64, 191,   5, 192, 200,
    6, 0, 64,   6, 65, 192,   6, 193, 200,
  };
  static const guint labels4[] = { 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 };
  static const guint labels8[] = { 0, 0, 0, 0, 0, 0, 1, 2, 1, 2 };
  g_autoptr(LdaBitplane) plane = lda_test_plane_new (200, 7);
  g_autoptr(LdaRuns) runs = NULL;
  g_autoptr(LdaRuns) gaps = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (set); i += 3)
    for (guint x = set[i + 1]; x < set[i + 2]; x++)
      lda_bitplane_set (plane, x, set[i], TRUE);

  runs = runs_of (plane, TRUE);
  check_runs (runs, set, G_N_ELEMENTS (set) / 3);
  gaps = runs_of (plane, FALSE);
  check_runs (gaps, clear, G_N_ELEMENTS (clear) / 3);

  /* Rows 0–3 are one component; (63, 5)–(64, 6) and (191, 5)–(192, 6)
   * touch only diagonally, the first across a word boundary. */
  check_labels (runs, 4, 5, labels4);
  check_labels (runs, 8, 3, labels8);
}

static void
test_label_diagonal (void)
{
  static const guint expected[] = { 0, 0, 1,   1, 1, 2,   2, 2, 3,   3, 0, 1,   3, 3, 4 };
  static const guint labels4[] = { 0, 1, 2, 3, 4 };
  static const guint labels8[] = { 0, 0, 0, 1, 0 };
  g_autoptr(LdaBitplane) plane = lda_test_plane_from_rows (PICTURE ("#...",
                                                           ".#..",
                                                           "..#.",
                                                           "#..#"), 0);
  g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);

  check_runs (runs, expected, G_N_ELEMENTS (expected) / 3);
  check_labels (runs, 4, 5, labels4);
  /* 8-connected the diagonal is one component, numbered first; (0, 3)
   * is alone. */
  check_labels (runs, 8, 2, labels8);

  /* No pixel, no run, no component. */
  memset (plane->bits, 0, plane->stride * plane->height * sizeof (guint64));
  g_clear_pointer (&runs, lda_runs_free);
  runs = runs_of (plane, TRUE);
  g_assert_cmpuint (runs->n_runs, ==, 0);
  check_labels (runs, 8, 0, NULL);
}

static void
test_label_raster_order (void)
{
  /* Left: the U's first pixel (2, 0) comes before the bar's (0, 1), so
   * the U is component 0 although its arms join only in row 2.  Right: a
   * U and a bar; the bar's first run comes after the U's second arm and is
   * still component 1.  The same with either connectivity. */
  g_autoptr(LdaBitplane) u_first = lda_test_plane_from_rows (PICTURE ("..#.#  #.#.#",
                                                             "#.#.#  #.#.#",
                                                             "#.###  ###.#",
                                                             "#....  ....."), 0);
  g_autoptr(LdaBitplane) bar_last = lda_test_plane_from_rows (PICTURE ("..#.#  #.#.#",
                                                              "#.#.#  #.#.#",
                                                              "#.###  ###.#",
                                                              "#....  ....."), 1);
  static const guint labels[] = { 0, 0, 1, 0, 0, 1, 0, 1 };
  g_autoptr(LdaRuns) a = runs_of (u_first, TRUE);
  g_autoptr(LdaRuns) b = runs_of (bar_last, TRUE);

  g_assert_cmpuint (a->n_runs, ==, G_N_ELEMENTS (labels));
  g_assert_cmpuint (b->n_runs, ==, G_N_ELEMENTS (labels));
  for (guint connectivity = 4; connectivity <= 8; connectivity += 4)
    {
      check_labels (a, connectivity, 2, labels);
      check_labels (b, connectivity, 2, labels);
    }
}

static void
test_label_brute_force (void)
{
  static const guint widths[] = { 1, 2, 9, 63, 64, 65, 129, 200 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (guint round = 0; round < 6; round++)
      for (guint connectivity = 4; connectivity <= 8; connectivity += 4)
        {
          const guint w = widths[wi];
          const guint h = (guint) g_rand_int_range (rand, 1, 16);
          g_autoptr(LdaBitplane) plane = lda_test_plane_random (rand, w, h, 0.2 + 0.1 * round);
          g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);
          g_autofree guint *want = NULL;
          gsize covered = 0;
          guint n_want;

          want = lda_test_naive_label (plane, connectivity, &n_want);
          lda_runs_label (runs, connectivity);
          if (runs->n_components != n_want)
            g_test_message ("%u x %u, %u-connected", w, h, connectivity);
          g_assert_cmpuint (runs->n_components, ==, n_want);

          /* The runs cover exactly the set pixels, with their labels. */
          for (gsize i = 0; i < runs->n_runs; i++)
            {
              const LdaRun *run = &runs->runs[i];

              g_assert_cmpuint (run->x0, <, run->x1);
              g_assert_cmpuint (run->x1, <=, w);
              for (guint x = run->x0; x < run->x1; x++)
                g_assert_cmpuint (runs->labels[i], ==, want[run->y * w + x]);
              covered += run->x1 - run->x0;
            }
          g_assert_cmpuint (covered, ==, lda_bitplane_count (plane));
        }
}

/* Dropping components from labelled runs gives what finding and labelling
 * the runs of the plane without them gives: the same runs, rows and
 * numbers. */
static void
test_label_keep (void)
{
  static const guint widths[] = { 1, 9, 64, 65, 200 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (guint round = 0; round < 8; round++)
      {
        const guint w = widths[wi];
        const guint h = (guint) g_rand_int_range (rand, 1, 30);
        const guint connectivity = round % 2 ? 8 : 4;
        g_autoptr(LdaBitplane) plane = lda_test_plane_random (rand, w, h, 0.2 + 0.05 * round);
        g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);
        g_autoptr(LdaRuns) fresh = NULL;
        g_autofree gboolean *keep = NULL;

        lda_runs_label (runs, connectivity);
        keep = g_new (gboolean, MAX (runs->n_components, 1));
        for (guint c = 0; c < runs->n_components; c++)
          keep[c] = g_rand_int_range (rand, 0, 3) > 0;
        for (gsize i = 0; i < runs->n_runs; i++)
          if (!keep[runs->labels[i]])
            lda_runs_paint (&runs->runs[i], plane, FALSE);

        lda_runs_keep (runs, keep);
        fresh = runs_of (plane, TRUE);
        lda_runs_label (fresh, connectivity);

        g_assert_cmpuint (runs->n_components, ==, fresh->n_components);
        g_assert_cmpuint (runs->n_runs, ==, fresh->n_runs);
        g_assert_cmpmem (runs->runs, runs->n_runs * sizeof (LdaRun),
                         fresh->runs, fresh->n_runs * sizeof (LdaRun));
        g_assert_cmpmem (runs->labels, runs->n_runs * sizeof (guint),
                         fresh->labels, fresh->n_runs * sizeof (guint));
        g_assert_cmpmem (runs->row_start, (h + 1) * sizeof (gsize),
                         fresh->row_start, (h + 1) * sizeof (gsize));
      }
}

/* Grouped by component, each component's runs in raster order; the large
 * components first, largest first and as large by number, then the
 * others by number. */
static void
test_label_group (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);

  for (guint round = 0; round < 20; round++)
    {
      const guint w = (guint) g_rand_int_range (rand, 1, 150);
      const guint h = (guint) g_rand_int_range (rand, 1, 40);
      const gsize large = (gsize) g_rand_int_range (rand, 1, 40);
      g_autoptr(LdaBitplane) plane = lda_test_plane_random (rand, w, h, 0.3 + 0.02 * round);
      g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);
      g_autofree gsize *first_run = NULL, *size = NULL;
      g_autofree LdaRun *grouped = NULL;
      g_autofree guint *order = NULL;
      gsize n_pixels = 0, total = 0;
      guint n_large, n;

      lda_runs_label (runs, 4);
      n = runs->n_components;
      first_run = g_new (gsize, n + 1);
      grouped = g_new (LdaRun, MAX (runs->n_runs, 1));
      order = g_new (guint, MAX (n, 1));
      size = g_new0 (gsize, MAX (n, 1));
      n_large = lda_runs_group (runs, large, first_run, grouped, order, &n_pixels);

      g_assert_cmpuint (first_run[0], ==, 0);
      g_assert_cmpuint (first_run[n], ==, runs->n_runs);
      for (guint c = 0; c < n; c++)
        for (gsize k = first_run[c]; k < first_run[c + 1]; k++)
          {
            const LdaRun *run = &grouped[k];
            gsize r = runs->row_start[run->y];

            /* The same run as in raster order, of this component, and
             * after the one before it. */
            while (r < runs->row_start[run->y + 1] && runs->runs[r].x0 != run->x0)
              r++;
            g_assert_cmpuint (r, <, runs->row_start[run->y + 1]);
            g_assert_cmpuint (runs->runs[r].x1, ==, run->x1);
            g_assert_cmpuint (runs->labels[r], ==, c);
            if (k > first_run[c])
              g_assert_true (run->y > grouped[k - 1].y ||
                             (run->y == grouped[k - 1].y && run->x0 > grouped[k - 1].x0));
            size[c] += run->x1 - run->x0;
          }
      for (guint c = 0; c < n; c++)
        total += size[c];
      g_assert_cmpuint (n_pixels, ==, total);
      g_assert_cmpuint (total, ==, lda_bitplane_count (plane));

      for (guint k = 0; k < n; k++)
        {
          g_assert_cmpint (size[order[k]] >= large, ==, k < n_large);
          if (k > 0 && k < n_large)
            g_assert_true (size[order[k]] < size[order[k - 1]] ||
                           (size[order[k]] == size[order[k - 1]] && order[k] > order[k - 1]));
          if (k > n_large)
            g_assert_cmpuint (order[k], >, order[k - 1]);
        }
    }
}

/* --- thresholding ------------------------------------------------------ */

static void
test_threshold_strict (void)
{
  static const guint16 data[6] = { 0, 1, 2, 3, 65534, 65535 };
  static const guint8 data8[4] = { 0, 1, 254, 255 };
  static const struct
  {
    gint64      threshold;
    const char *row;
    const char *row8;
  } cases[] = {
    { -1, "######", "####" },
    { 0, ".#####", ".###" },
    { 2, "...###", "..##" },
    { 254, "....##", "...#" },
    { 255, "....##", "...." },
    { 65533, "....##", "...." },
    { 65534, ".....#", "...." },
    { 65535, "......", "...." },
    { 78643, "......", "...." },
  };
  g_autoptr(LdaImage) image = lda_image_new_from_data (LDA_PIXEL_U16, 6, 1, data);
  g_autoptr(LdaImage) image8 = lda_image_new_from_data (LDA_PIXEL_U8, 4, 1, data8);
  g_autoptr(LdaBitplane) plane = lda_test_plane_new (6, 1);
  g_autoptr(LdaBitplane) plane8 = lda_test_plane_new (4, 1);
  g_autoptr(LdaImage) wide = NULL;
  g_autoptr(LdaBitplane) wide_plane = NULL;
  g_autoptr(LdaBitplane) wide_want = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LdaBitplane) want = lda_test_plane_from_rows (PICTURE (cases[i].row), 0);
      g_autoptr(LdaBitplane) want8 = lda_test_plane_from_rows (PICTURE (cases[i].row8), 0);
      gboolean ok;

      /* Start from full planes so that stale bits would show. */
      memset (plane->bits, 0xff, plane->stride * sizeof (guint64));
      memset (plane8->bits, 0xff, plane8->stride * sizeof (guint64));
      lda_bitplane_threshold (plane, image, cases[i].threshold);
      lda_bitplane_threshold (plane8, image8, cases[i].threshold);
      ok = lda_test_planes_match ("16-bit", plane, want);
      ok = lda_test_planes_match ("8-bit", plane8, want8) && ok;
      if (!ok)
        g_test_message ("threshold %" G_GINT64_FORMAT, cases[i].threshold);
      g_assert_true (ok);
    }

  /* 130 wide, row 0 holding 0 … 129 and row 1 65 400 … 65 529: above 63
   * is exactly words 1 and 2 of row 0, and all of row 1. */
  wide = lda_image_new (LDA_PIXEL_U16, 130, 2, NULL);
  g_assert_nonnull (wide);
  wide_plane = lda_test_plane_new (130, 2);
  wide_want = lda_test_plane_new (130, 2);
  for (guint x = 0; x < 2 * 130; x++)
    {
      lda_image_u16 (wide)[x] = (guint16) (x < 130 ? x : x - 130 + 65400);
      lda_bitplane_set (wide_want, x % 130, x / 130, x > 63);
    }
  lda_bitplane_threshold (wide_plane, wide, 63);
  g_assert_true (lda_test_planes_match ("threshold 63", wide_plane, wide_want));

  /* Random values over whole and partial words, every bit position. */
  {
    static const gint64 thresholds[] = { 0, 1, 255, 32767, 40000, 65534 };
    g_autoptr(GRand) rand = g_rand_new_with_seed (15);
    g_autoptr(LdaImage) noisy = lda_image_new (LDA_PIXEL_U16, 200, 3, NULL);
    g_autoptr(LdaBitplane) got = lda_test_plane_new (200, 3);

    for (guint i = 0; i < 200 * 3; i++)
      lda_image_u16 (noisy)[i] = (guint16) (i % 7 == 0 ? g_rand_int_range (rand, 0, 2) * 65535
                                                       : g_rand_int_range (rand, 0, 65536));
    for (guint k = 0; k < G_N_ELEMENTS (thresholds); k++)
      {
        g_autoptr(LdaBitplane) want = lda_test_plane_new (200, 3);

        for (guint i = 0; i < 200 * 3; i++)
          lda_bitplane_set (want, i % 200, i / 200, lda_image_u16 (noisy)[i] > thresholds[k]);
        lda_bitplane_threshold (got, noisy, thresholds[k]);
        g_assert_true (lda_test_planes_match ("random", got, want));
      }
  }
}

/* The component of a pixel: each pixel of every run, gaps between runs
 * of a row, and outside the image. */
static void
test_label_at (void)
{
  g_autoptr(LdaBitplane) plane = lda_test_plane_from_rows (PICTURE ("##..#",
                                                           ".....",
                                                           "#.###",
                                                           "#...#"), 0);
  g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);
  static const int want[4][5] = {
    { 0, 0, -1, -1, 1 },
    { -1, -1, -1, -1, -1 },
    { 2, -1, 3, 3, 3 },
    { 2, -1, -1, -1, 3 },
  };

  lda_runs_label (runs, 4);
  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 5; x++)
      g_assert_cmpint (lda_runs_label_at (runs, x, y), ==, want[y][x]);
  g_assert_cmpint (lda_runs_label_at (runs, 5, 0), ==, -1);
  g_assert_cmpint (lda_runs_label_at (runs, 0, 4), ==, -1);
}

/* A plane of the pixels whose value is among the chosen ones, at every
 * column of rows that end inside a word, values of 32 and more never. */
static void
test_plane_from_values (void)
{
  const guint w = 130, h = 7;
  const guint32 values = (1u << 1) | (1u << 3) | (1u << 4) | (1u << 31);
  g_autofree guint8 *pixels = g_new (guint8, w * h);
  g_autoptr(LdaBitplane) plane = NULL;
  gsize expected = 0;

  for (guint i = 0; i < w * h; i++)
    {
      pixels[i] = (guint8) g_test_rand_int_range (0, 256);
      if (i % 7 == 0)
        pixels[i] = (guint8) (i % 5);
    }
  plane = lda_bitplane_new_from_values (pixels, w, h, values, NULL);
  g_assert_nonnull (plane);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        guint8 v = pixels[y * w + x];
        gboolean in = v < 32 && ((values >> v) & 1);

        g_assert_cmpint (lda_bitplane_get (plane, x, y), ==, in);
        expected += in;
      }
  /* Nothing set past the width. */
  g_assert_cmpuint (lda_bitplane_count (plane), ==, expected);
  g_assert_cmpuint (expected, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/components/runs/word-boundaries", test_runs_word_boundaries);
  g_test_add_func ("/components/label/diagonal", test_label_diagonal);
  g_test_add_func ("/components/label/at", test_label_at);
  g_test_add_func ("/components/label/raster-order", test_label_raster_order);
  g_test_add_func ("/components/label/brute-force", test_label_brute_force);
  g_test_add_func ("/components/plane-from-values", test_plane_from_values);
  g_test_add_func ("/components/label/keep", test_label_keep);
  g_test_add_func ("/components/label/group", test_label_group);
  g_test_add_func ("/bitplane/threshold/strict", test_threshold_strict);

  return g_test_run ();
}
