/* test-distance.c — tests for the watershed's relief (lda-relief.c): the
 * exact Euclidean distance to the nearest nucleus inside the area,
 * clipped to 255, against a brute-force search on small masks; and for
 * the offsets the distance maps try (lda-offsets.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-distance.h"
#include "lda-offsets.h"
#include "lda-test-planes.h"
#include "lda-watershed.h"

/* --- helpers ----------------------------------------------------------- */

static guint8 *
relief_new (const LdaBitplane *nuclei,
            const LdaBitplane *area)
{
  g_autoptr(GError) error = NULL;
  guint8 *relief = g_malloc ((gsize) nuclei->width * nuclei->height);

  /* Poison, so that a pixel the function forgets shows up. */
  memset (relief, 0xa5, (gsize) nuclei->width * nuclei->height);
  g_assert_true (lda_relief (nuclei, area, relief, NULL, &error));
  g_assert_no_error (error);

  return relief;
}

/* The nucleus pixels of a plane, as (x, y) pairs. */
static GArray *
nucleus_pixels (const LdaBitplane *nuclei)
{
  GArray *pixels = g_array_new (FALSE, FALSE, 2 * sizeof (guint));

  for (guint ny = 0; ny < nuclei->height; ny++)
    for (guint nx = 0; nx < nuclei->width; nx++)
      if (lda_bitplane_get (nuclei, nx, ny))
        {
          guint xy[2] = { nx, ny };

          g_array_append_vals (pixels, xy, 1);
        }

  return pixels;
}

/* The relief by brute force: floor of the exact distance, from integers. */
static guint
relief_expected (GArray            *nucleus,
                 const LdaBitplane *area,
                 guint              x,
                 guint              y)
{
  guint64 best = G_MAXUINT64;
  guint64 r;

  if (!lda_bitplane_get (area, x, y))
    return 0;

  for (guint i = 0; i < nucleus->len; i++)
    {
      const guint *xy = &g_array_index (nucleus, guint, 2 * i);
      gint64 dx = (gint64) xy[0] - x, dy = (gint64) xy[1] - y;

      best = MIN (best, (guint64) (dx * dx + dy * dy));
    }

  if (best == G_MAXUINT64)
    return LDA_RELIEF_MAX;

  /* sqrt is correctly rounded, so its floor is exact for these sizes. */
  r = (guint64) floor (sqrt ((double) best));

  return (guint) MIN (r, LDA_RELIEF_MAX);
}

static void
assert_relief_exact (const LdaBitplane *nuclei,
                     const LdaBitplane *area)
{
  g_autofree guint8 *relief = relief_new (nuclei, area);
  g_autoptr(GArray) nucleus = nucleus_pixels (nuclei);

  for (guint y = 0; y < nuclei->height; y++)
    for (guint x = 0; x < nuclei->width; x++)
      {
        guint expected = relief_expected (nucleus, area, x, y);

        if (relief[(gsize) y * nuclei->width + x] != expected)
          g_error ("relief at (%u, %u) is %u, expected %u", x, y,
                   relief[(gsize) y * nuclei->width + x], expected);
      }
}

/* Sets @n pixels of @plane chosen at random. */
static void
set_random_pixels (LdaBitplane *plane,
                   guint        n,
                   GRand       *rand)
{
  for (guint i = 0; i < n; i++)
    lda_bitplane_set (plane, g_rand_int_range (rand, 0, plane->width),
                      g_rand_int_range (rand, 0, plane->height), TRUE);
}

/* --- relief ------------------------------------------------------------ */

static void
test_relief_single_nucleus (void)
{
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (20, 20);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (20, 20);
  g_autofree guint8 *relief = NULL;

  lda_bitplane_set (nuclei, 5, 5, TRUE);
  lda_test_plane_fill (area, 0, 0, 20, 20);
  relief = relief_new (nuclei, area);

  g_assert_cmpuint (relief[5 * 20 + 5], ==, 0);
  g_assert_cmpuint (relief[9 * 20 + 8], ==, 5);     /* (3, 4) away */
  g_assert_cmpuint (relief[6 * 20 + 6], ==, 1);     /* √2 */
  g_assert_cmpuint (relief[5 * 20 + 7], ==, 2);
  g_assert_cmpuint (relief[7 * 20 + 6], ==, 2);     /* √5 */
  g_assert_cmpuint (relief[8 * 20 + 8], ==, 4);     /* √18 = 4.24 */
  g_assert_cmpuint (relief[0 * 20 + 0], ==, 7);     /* √50 = 7.07 */
  g_assert_cmpuint (relief[19 * 20 + 19], ==, 19);  /* √392 = 19.8 */
}

/* Every pixel against brute force, with several words per row. */
static void
test_relief_matches_brute_force (void)
{
  const guint w = 150, h = 70;
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);
  GRand *rand = g_rand_new_with_seed (20260101);

  set_random_pixels (nuclei, 40, rand);
  lda_test_plane_fill (nuclei, 60, 30, 7, 4);
  lda_test_plane_fill (area, 0, 0, w, h);
  /* Holes in the area, some with nuclei inside the area around them. */
  for (guint y = 10; y < 20; y++)
    for (guint x = 62; x < 130; x++)
      lda_bitplane_set (area, x, y, FALSE);
  lda_bitplane_or (area, nuclei);
  g_rand_free (rand);

  assert_relief_exact (nuclei, area);
}

/* Thin and word-sized images, sparse random masks; the nuclei need not lie
 * inside the area here. */
static void
test_relief_odd_sizes (void)
{
  const guint sizes[][2] = { { 1, 1 }, { 1, 40 }, { 40, 1 }, { 64, 3 }, { 65, 2 }, { 128, 5 }, { 3, 129 } };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint round = 0; round < 4; round++)
      {
        guint w = sizes[s][0], h = sizes[s][1];
        g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
        g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);

        for (guint y = 0; y < h; y++)
          for (guint x = 0; x < w; x++)
            {
              lda_bitplane_set (nuclei, x, y, g_rand_int_range (rand, 0, 50) < (gint) round);
              lda_bitplane_set (area, x, y, g_rand_int_range (rand, 0, 4) != 0);
            }
        g_test_message ("%ux%u, round %u", w, h, round);
        assert_relief_exact (nuclei, area);
      }

  g_rand_free (rand);
}

/* Far away in a row (320 wide) and in a column (300 tall): clipped. */
static void
test_relief_clipped_far_away (void)
{
  const guint w = 320;
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, 300);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, 300);
  g_autofree guint8 *relief = NULL;

  lda_bitplane_set (nuclei, 0, 1, TRUE);
  lda_bitplane_set (nuclei, 319, 299, TRUE);
  lda_test_plane_fill (area, 0, 0, w, 300);
  relief = relief_new (nuclei, area);

  g_assert_cmpuint (relief[w + 254], ==, 254);
  g_assert_cmpuint (relief[w + 255], ==, 255);
  g_assert_cmpuint (relief[w + 300], ==, 255);
  g_assert_cmpuint (relief[2 * w + 254], ==, 254);  /* √(254² + 1) */
  g_assert_cmpuint (relief[255 * w], ==, 254);
  g_assert_cmpuint (relief[257 * w], ==, 255);
  assert_relief_exact (nuclei, area);
}

/* Runs between nuclei whose farthest area pixel lies from 90 to 160
 * pixels from one: on either side of the reach up to which a run is done
 * by trying every offset rather than by the envelope, against brute
 * force.  The nuclei, a few pixels wide, lie in two rows only, so that
 * the pixels between them are that far from any; a few area pixels are
 * left out. */
static void
test_relief_reach_either_side (void)
{
  const guint w = 900, h = 16;
  const guint rows[] = { 3, 12 };
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);
  GRand *rand = g_rand_new_with_seed (20261205);

  lda_test_plane_fill (area, 0, 0, w, h);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint x = g_rand_int_range (rand, 0, 20); x < w; x += g_rand_int_range (rand, 180, 321))
      lda_test_plane_fill (nuclei, x, rows[r], MIN (3u, w - x), 1);
  for (guint i = 0; i < 40; i++)
    lda_bitplane_set (area, g_rand_int_range (rand, 0, w), g_rand_int_range (rand, 0, h), FALSE);
  g_rand_free (rand);

  assert_relief_exact (nuclei, area);
}

static void
test_relief_zero_outside_area (void)
{
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (70, 9);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (70, 9);
  g_autofree guint8 *relief = NULL;

  lda_bitplane_set (nuclei, 40, 4, TRUE);
  lda_test_plane_fill (area, 30, 2, 35, 5);
  relief = relief_new (nuclei, area);

  for (guint y = 0; y < 9; y++)
    for (guint x = 0; x < 70; x++)
      if (!lda_bitplane_get (area, x, y))
        g_assert_cmpuint (relief[y * 70 + x], ==, 0);
  /* Next to the nucleus but outside the area, the distance is not used. */
  g_assert_cmpuint (relief[4 * 70 + 29], ==, 0);
  g_assert_cmpuint (relief[1 * 70 + 40], ==, 0);
  /* Inside, the distance does not go around the area. */
  g_assert_cmpuint (relief[4 * 70 + 64], ==, 24);
  g_assert_cmpuint (relief[2 * 70 + 40], ==, 2);
}

/* Nuclei cover most of the frame, as a loose threshold makes them: the
 * gaps between them, at the rows' ends, across word boundaries and a
 * whole row wide, against brute force. */
static void
test_relief_mostly_nuclei (void)
{
  const guint w = 200, h = 60;
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);
  GRand *rand = g_rand_new_with_seed (20261203);

  lda_test_plane_fill (nuclei, 0, 0, w, h);
  lda_test_plane_fill (area, 0, 0, w, h);
  for (guint i = 0; i < 60; i++)
    {
      guint x0 = g_rand_int_range (rand, 0, w), y0 = g_rand_int_range (rand, 0, h);
      guint gw = g_rand_int_range (rand, 1, 40), gh = g_rand_int_range (rand, 1, 8);

      for (guint y = y0; y < MIN (h, y0 + gh); y++)
        for (guint x = x0; x < MIN (w, x0 + gw); x++)
          lda_bitplane_set (nuclei, x, y, FALSE);
    }
  for (guint x = 0; x < w; x++)
    {
      lda_bitplane_set (nuclei, x, 20, FALSE);           /* a row with no nucleus */
      lda_bitplane_set (nuclei, x, 21, x >= 150);
    }
  for (guint y = 30; y < 40; y++)
    for (guint x = 0; x < 7; x++)
      lda_bitplane_set (nuclei, x, y, FALSE);            /* at the left end */
  for (guint y = 30; y < 40; y++)
    for (guint x = 60; x < 131; x++)
      lda_bitplane_set (nuclei, x, y, FALSE);            /* across two word boundaries */
  for (guint y = 45; y < 50; y++)
    for (guint x = 185; x < w; x++)
      lda_bitplane_set (nuclei, x, y, FALSE);            /* at the right end */
  g_rand_free (rand);

  assert_relief_exact (nuclei, area);
}

/* Islands of area inside long runs between nuclei, some at a run's
 * ends, some near, some far from any nucleus, across word boundaries:
 * only the area's pixels of a run are worked out, and they must still
 * see every nucleus near them. */
static void
test_relief_area_islands (void)
{
  const guint w = 300, h = 50;
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);
  GRand *rand = g_rand_new_with_seed (20261204);

  set_random_pixels (nuclei, 25, rand);
  lda_test_plane_fill (nuclei, 100, 20, 3, 3);
  for (guint i = 0; i < 30; i++)
    {
      guint x0 = g_rand_int_range (rand, 0, w), y0 = g_rand_int_range (rand, 0, h);
      guint iw = g_rand_int_range (rand, 1, 70), ih = g_rand_int_range (rand, 1, 12);

      lda_test_plane_fill (area, x0, y0, MIN (w - x0, iw), MIN (h - y0, ih));
    }
  /* Single pixels of area, and one at each end of a row. */
  set_random_pixels (area, 40, rand);
  lda_bitplane_set (area, 0, 7, TRUE);
  lda_bitplane_set (area, w - 1, 7, TRUE);
  g_rand_free (rand);

  assert_relief_exact (nuclei, area);
}

static void
test_relief_no_nucleus (void)
{
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (80, 6);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (80, 6);
  g_autofree guint8 *relief = NULL;

  lda_test_plane_fill (area, 3, 1, 70, 4);
  relief = relief_new (nuclei, area);

  for (guint y = 0; y < 6; y++)
    for (guint x = 0; x < 80; x++)
      g_assert_cmpuint (relief[y * 80 + x], ==, lda_bitplane_get (area, x, y) ? 255 : 0);
}

/* Random nuclei and cell area (the nuclei inside it), and their relief
 * by lda_relief(). */
static guint8 *
random_scene (LdaBitplane *nuclei,
              LdaBitplane *area,
              guint32      seed,
              guint        n_nuclei,
              guint        n_area)
{
  GRand *rand = g_rand_new_with_seed (seed);

  set_random_pixels (nuclei, n_nuclei, rand);
  set_random_pixels (area, n_area, rand);
  lda_bitplane_or (area, nuclei);
  g_rand_free (rand);

  return relief_new (nuclei, area);
}

/* The relief in steps, as the watershed shares it out: the columns and
 * then the rows by the second worker, then by the first, which finds
 * none left, against lda_relief(). */
static void
test_relief_steps (void)
{
  const guint w = 200, h = 90;
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);
  g_autoptr(LdaRelief) steps = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *whole = random_scene (nuclei, area, 4, 60, 9000);
  g_autofree guint8 *relief = g_malloc ((gsize) w * h);

  memset (relief, 0xa5, (gsize) w * h);
  steps = lda_relief_new (nuclei, area, relief, NULL, &error);
  g_assert_no_error (error);
  lda_relief_columns (steps);
  lda_relief_rows (steps, 1);
  lda_relief_columns (steps);
  lda_relief_rows (steps, 0);
  g_assert_true (lda_relief_finish (steps, &error));
  g_assert_no_error (error);

  g_assert_cmpmem (relief, (gsize) w * h, whole, (gsize) w * h);
}

typedef struct
{
  LdaRelief *relief;
  gint       go;
} SecondWorker;

static gpointer
second_worker (gpointer data)
{
  SecondWorker *second = data;

  while (!g_atomic_int_get (&second->go))
    g_thread_yield ();
  lda_relief_columns (second->relief);
  lda_relief_rows (second->relief, 1);

  return NULL;
}

/* Two workers at once, as the watershed runs them: the rows wait for the
 * columns the other is still on, and the relief is lda_relief()'s every
 * time, whoever took which chunks. */
static void
test_relief_two_workers (void)
{
  const guint w = 700, h = 300;
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (w, h);
  g_autofree guint8 *whole = random_scene (nuclei, area, 11, 300, 150000);
  g_autofree guint8 *relief = g_malloc ((gsize) w * h);

  for (guint trial = 0; trial < 20; trial++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaRelief) steps = NULL;
      SecondWorker second = { NULL, 0 };
      GThread *thread;

      memset (relief, 0xa5, (gsize) w * h);
      steps = lda_relief_new (nuclei, area, relief, NULL, &error);
      g_assert_no_error (error);
      second.relief = steps;
      thread = g_thread_new ("test-relief", second_worker, &second);
      /* Now and then the second begins first. */
      g_atomic_int_set (&second.go, 1);
      if (trial % 2 == 0)
        g_usleep (200);
      lda_relief_columns (steps);
      lda_relief_rows (steps, 0);
      g_thread_join (thread);
      g_assert_true (lda_relief_finish (steps, &error));

      g_assert_cmpmem (relief, (gsize) w * h, whole, (gsize) w * h);
    }
}

/* A cancelled relief says so, and the watershed that waits on it too. */
static void
test_relief_cancelled (void)
{
  g_autoptr(LdaBitplane) nuclei = lda_test_plane_new (300, 200);
  g_autoptr(LdaBitplane) area = lda_test_plane_new (300, 200);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *relief = g_malloc (300 * 200);

  lda_test_plane_fill (nuclei, 40, 40, 10, 10);
  lda_test_plane_fill (area, 0, 0, 300, 200);
  g_cancellable_cancel (cancellable);

  g_assert_false (lda_relief (nuclei, area, relief, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_null (lda_regions_new (area, nuclei, nuclei, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* lda_offsets_min(), and each of its ways that this build and processor
 * have, against trying every offset by hand, for lines of every length up
 * to five groups of sixteen and every reach up to 12: the last, partial
 * group must not stop the offsets too early nor late, and must not spill
 * into the result. */
static void
test_offsets_min_brute_force (void)
{
  enum { REACH = 12, N = 80, N_KINDS = LDA_OFFSETS_AVX2 + 2 };
  GRand *rand = g_rand_new_with_seed (7);
  guint tried[N_KINDS] = { 0, };

  for (guint n = 1; n <= N; n++)
    for (guint reach = 0; reach <= REACH; reach++)
      for (guint trial = 0; trial < 8; trial++)
        {
          gint16 line[REACH + N + REACH + LDA_OFFSETS_SPILL];
          gint16 *g2 = line + REACH;

          /* Mostly far, a few near: the offsets stop at different k. */
          for (guint i = 0; i < G_N_ELEMENTS (line); i++)
            line[i] = (gint16) (g_rand_int_range (rand, 0, 4) == 0
                                ? g_rand_int_range (rand, 0, 10)
                                : g_rand_int_range (rand, 100, 16000));

          /* The last kind is lda_offsets_min() itself. */
          for (guint kind = 0; kind < N_KINDS; kind++)
            {
              gint16 best[N + LDA_OFFSETS_SPILL];

              if (kind + 1 == N_KINDS)
                lda_offsets_min (g2, n, reach, best);
              else if (!lda_offsets_min_with (kind, g2, n, reach, best))
                continue;
              tried[kind]++;

              for (guint i = 0; i < n; i++)
                {
                  gint want = g2[i];

                  for (gint k = 1; k <= (gint) reach; k++)
                    want = MIN (want, MIN (g2[(gint) i - k], g2[i + k]) + k * k);
                  g_assert_cmpint (best[i], ==, want);
                }
            }
        }

  /* The plain way is always there to be tried. */
  g_assert_cmpuint (tried[LDA_OFFSETS_PLAIN], ==, tried[N_KINDS - 1]);
  for (guint kind = 0; kind + 1 < N_KINDS; kind++)
    g_test_message ("offsets kind %u: %s", kind, tried[kind] > 0 ? "tried" : "not in this build or processor");

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/distance/relief/single-nucleus", test_relief_single_nucleus);
  g_test_add_func ("/distance/relief/brute-force", test_relief_matches_brute_force);
  g_test_add_func ("/distance/relief/odd-sizes", test_relief_odd_sizes);
  g_test_add_func ("/distance/relief/clipped", test_relief_clipped_far_away);
  g_test_add_func ("/distance/relief/reach-either-side", test_relief_reach_either_side);
  g_test_add_func ("/distance/relief/outside-area", test_relief_zero_outside_area);
  g_test_add_func ("/distance/relief/no-nucleus", test_relief_no_nucleus);
  g_test_add_func ("/distance/relief/mostly-nuclei", test_relief_mostly_nuclei);
  g_test_add_func ("/distance/relief/area-islands", test_relief_area_islands);
  g_test_add_func ("/distance/relief/steps", test_relief_steps);
  g_test_add_func ("/distance/relief/two-workers", test_relief_two_workers);
  g_test_add_func ("/distance/relief/cancelled", test_relief_cancelled);
  g_test_add_func ("/distance/offsets/brute-force", test_offsets_min_brute_force);

  return g_test_run ();
}
