/* test-watershed-parts.c — the flood piece by piece on two threads
 * (lda-watershed-parts) against the whole flood (lda_watershed()), byte
 * for byte, on random reliefs and markers: flat and steep reliefs (ties
 * decided by the queue's order), markers with many small pieces and with
 * one that fills the image, sizes from a single pixel to ones that take
 * both threads, widths across several words of a bit plane.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "lda-watershed.h"
#include "lda-watershed-parts.h"

typedef enum
{
  RELIEF_NOISE,    /* any level anywhere: steep steps */
  RELIEF_SMOOTH,   /* steps of 0 or 1: many ties */
  RELIEF_FLAT,     /* two levels only */
} ReliefKind;

static void
random_relief (guint8     *relief,
               guint       width,
               guint       height,
               ReliefKind  kind,
               GRand      *rand)
{
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;
        int v;

        switch (kind)
          {
          case RELIEF_NOISE:
            relief[i] = (guint8) g_rand_int_range (rand, 0, 256);
            break;
          case RELIEF_SMOOTH:
            v = x > 0 ? relief[i - 1] : y > 0 ? relief[i - width] : 100;
            v += g_rand_int_range (rand, -1, 2);
            relief[i] = (guint8) CLAMP (v, 0, 255);
            break;
          case RELIEF_FLAT:
          default:
            relief[i] = (guint8) (g_rand_int_range (rand, 0, 8) == 0 ? 9 : 3);
            break;
          }
      }
}

/* Seeds (labels 2 …) with probability 1 / @seed_odds, background with
 * 1 / @wall_odds, walls of background along some rows and columns so that
 * the unknown pixels fall into many pieces, unknown elsewhere. */
static void
random_markers (gint32 *markers,
                guint   width,
                guint   height,
                guint   seed_odds,
                guint   wall_odds,
                guint   n_labels,
                GRand  *rand)
{
  guint wall_every = g_rand_int_range (rand, 0, 2) ? g_rand_int_range (rand, 3, 40) : 0;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;

        if (wall_every > 0 && (x % wall_every == 0 || y % (wall_every + 1) == 0) &&
            g_rand_int_range (rand, 0, 10) > 0)
          markers[i] = LDA_REGION_BACKGROUND;
        else if (g_rand_int_range (rand, 0, seed_odds) == 0)
          markers[i] = LDA_REGION_FIRST_CELL + g_rand_int_range (rand, 0, n_labels);
        else if (g_rand_int_range (rand, 0, wall_odds) == 0)
          markers[i] = LDA_REGION_BACKGROUND;
        else
          markers[i] = 0;
      }
}

static void
assert_same_flood (const gint32 *markers,
                   const guint8 *relief,
                   guint         width,
                   guint         height)
{
  const gsize n = (gsize) width * height;
  g_autofree gint32 *whole = g_memdup2 (markers, n * sizeof (gint32));
  g_autofree gint32 *parts = g_memdup2 (markers, n * sizeof (gint32));
  g_autofree gint32 *unset = g_memdup2 (markers, n * sizeof (gint32));
  g_autoptr(LdaWatershedParts) pieces = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_watershed (whole, relief, width, height, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lda_watershed_by_parts (parts, relief, width, height, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (parts, n * sizeof (gint32), whole, n * sizeof (gint32));

  /* The unknown pixels need not be 0 when the flood starts: it sets each
   * piece before it floods it. */
  pieces = lda_watershed_parts_new (unset, width, height, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < n; i++)
    if (unset[i] == 0)
      unset[i] = (gint32) (i % 7) - 3 + (i % 5 == 0 ? 1000 : 0);
  g_assert_true (lda_watershed_parts_flood (pieces, unset, relief, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (unset, n * sizeof (gint32), whole, n * sizeof (gint32));
}

static void
test_parts_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint round = 0; round < 300; round++)
    {
      /* One round in four wider than a word of a bit plane (64), so that
       * pieces and their seeds cross from one word to the next. */
      guint width = round % 4 == 0 ? g_rand_int_range (rand, 60, 200) : g_rand_int_range (rand, 1, 60);
      guint height = g_rand_int_range (rand, 1, 60);
      g_autofree gint32 *markers = g_new (gint32, (gsize) width * height);
      g_autofree guint8 *relief = g_new (guint8, (gsize) width * height);

      random_relief (relief, width, height, round % 3, rand);
      random_markers (markers, width, height, g_rand_int_range (rand, 2, 200),
                      g_rand_int_range (rand, 2, 50), g_rand_int_range (rand, 1, 6), rand);
      assert_same_flood (markers, relief, width, height);
    }
}

/* Large enough for two threads: many pieces, or one that fills nearly the
 * whole image. */
static void
test_parts_two_threads (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const guint width = 521, height = 389;
  g_autofree gint32 *markers = g_new (gint32, (gsize) width * height);
  g_autofree guint8 *relief = g_new (guint8, (gsize) width * height);

  for (guint round = 0; round < 12; round++)
    {
      random_relief (relief, width, height, round % 3, rand);
      random_markers (markers, width, height, round < 6 ? 500 : 20000, round < 6 ? 30 : 100000,
                      round < 6 ? 40 : 3, rand);
      assert_same_flood (markers, relief, width, height);
    }
}

/* Pieces are 4-connected: a diagonal step joins none. */
static void
test_parts_count (void)
{
  enum { W = 8, H = 6 };
  g_autofree gint32 *markers = g_new (gint32, W * H);
  g_autoptr(LdaWatershedParts) parts = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < W * H; i++)
    markers[i] = LDA_REGION_BACKGROUND;
  /* Inside the wall: a 2 × 2 square, a pixel touching it only by a
   * corner, and a column of three. */
  markers[1 * W + 1] = markers[1 * W + 2] = markers[2 * W + 1] = markers[2 * W + 2] = 0;
  markers[3 * W + 3] = 0;
  markers[1 * W + 5] = markers[2 * W + 5] = markers[3 * W + 5] = 0;

  parts = lda_watershed_parts_new (markers, W, H, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_watershed_parts_count (parts), ==, 3);
}

static void
test_parts_cancelled (void)
{
  const guint width = 700, height = 500;
  g_autofree gint32 *markers = g_new0 (gint32, (gsize) width * height);
  g_autofree guint8 *relief = g_new0 (guint8, (gsize) width * height);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  markers[(gsize) 10 * width + 10] = LDA_REGION_FIRST_CELL;
  g_cancellable_cancel (cancellable);
  g_assert_false (lda_watershed_by_parts (markers, relief, width, height, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/watershed-parts/random", test_parts_random);
  g_test_add_func ("/watershed-parts/two-threads", test_parts_two_threads);
  g_test_add_func ("/watershed-parts/count", test_parts_count);
  g_test_add_func ("/watershed-parts/cancelled", test_parts_cancelled);

  return g_test_run ();
}
