/* test-split.c — nucleus objects: touching nuclei split by a line the
 * 4-connectivity respects, one live/dead call per nucleus painted whole,
 * and counts that equal what the mask shows; on small images whose
 * answer is known by hand.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-compose.h"
#include "lda-distance.h"
#include "lda-edits.h"
#include "lda-pipeline.h"
#include "lda-split.h"
#include "lda-split-private.h"
#include "lda-test-planes.h"

#define W 64
#define H 48

static LdaBitplane *
plane_new (void)
{
  return lda_bitplane_new (W, H, NULL);
}

static LdaNucleusParams
nucleus_params (gboolean split)
{
  LdaNucleusParams p;

  lda_nucleus_params_init_preset (&p, LDA_PRESET_ROBUST);
  p.split = split;
  return p;
}

/* The object of each pixel, -1 where there is none. */
static gint *
object_map (const LdaRuns *objects)
{
  gint *map = g_new (gint, W * H);

  for (guint i = 0; i < W * H; i++)
    map[i] = -1;
  for (gsize i = 0; i < objects->n_runs; i++)
    for (guint x = objects->runs[i].x0; x < objects->runs[i].x1; x++)
      map[objects->runs[i].y * W + x] = (gint) objects->labels[i];

  return map;
}

/* No two objects are 4-neighbours. */
static void
assert_apart (const gint *map)
{
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      {
        gint a = map[y * W + x];

        if (a < 0)
          continue;
        if (x + 1 < W && map[y * W + x + 1] >= 0)
          g_assert_cmpint (map[y * W + x + 1], ==, a);
        if (y + 1 < H && map[(y + 1) * W + x] >= 0)
          g_assert_cmpint (map[(y + 1) * W + x], ==, a);
      }
}

/* Two discs of radius 10 whose centres are 16 apart overlap in a neck 12
 * pixels high: the distance map has two summits 10 deep and a saddle 6
 * deep, 4 below them.  Split at depth 2, they are two objects with a line
 * between them, one pixel wide: every line pixel touches both. */
static void
test_two_touching_discs (void)
{
  g_autoptr(LdaBitplane) hoechst = plane_new ();
  g_autoptr(LdaBitplane) draq7 = plane_new ();
  g_autoptr(LdaNuclei) split = NULL;
  g_autoptr(LdaNuclei) whole = NULL;
  g_autofree gint *map = NULL;
  LdaNucleusParams p = nucleus_params (TRUE);
  gsize n_lines = 0;

  lda_test_plane_disc (hoechst, 24, 24, 10);
  lda_test_plane_disc (hoechst, 40, 24, 10);

  split = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_nonnull (split);
  g_assert_cmpuint (split->n_seeds, ==, 2);
  g_assert_cmpuint (split->objects->n_components, ==, 2);
  map = object_map (split->objects);
  assert_apart (map);

  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      if (lda_bitplane_get (split->lines, x, y))
        {
          gboolean left = FALSE, right = FALSE;

          n_lines++;
          /* The line runs down the middle, x = 32, where the neck is. */
          g_assert_cmpuint (x, >=, 31);
          g_assert_cmpuint (x, <=, 33);
          for (int d = -1; d <= 1; d += 2)
            {
              gint o = x + d < W ? map[y * W + x + d] : -1;

              left = left || o == map[24 * W + 24];
              right = right || o == map[24 * W + 40];
            }
          g_assert_true (left && right);
          g_assert_true (lda_bitplane_get (split->mask, x, y));
        }
  /* Thin: about the neck's height, not a band. */
  g_assert_cmpuint (n_lines, >=, 11);
  g_assert_cmpuint (n_lines, <=, 16);

  /* Not split, they are one. */
  p.split = FALSE;
  whole = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (whole->objects->n_components, ==, 1);
  g_assert_cmpuint (lda_bitplane_count (whole->lines), ==, 0);
}

/* A shallower neck is a bump, not two nuclei: with centres 8 apart the
 * saddle is only 0.8 below the summits. */
static void
test_bump_not_split (void)
{
  g_autoptr(LdaBitplane) hoechst = plane_new ();
  g_autoptr(LdaBitplane) draq7 = plane_new ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  LdaNucleusParams p = nucleus_params (TRUE);

  lda_test_plane_disc (hoechst, 28, 24, 10);
  lda_test_plane_disc (hoechst, 36, 24, 10);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), ==, 0);

  /* The discs 16 apart of test_two_touching_discs() are 4 deeper than
   * their neck: a depth of 5 keeps them whole too. */
  lda_bitplane_free (hoechst);
  hoechst = plane_new ();
  lda_test_plane_disc (hoechst, 24, 24, 10);
  lda_test_plane_disc (hoechst, 40, 24, 10);
  p.split_depth = 5.0;
  g_clear_pointer (&nuclei, lda_nuclei_free);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
  p.split_depth = 3.0;
  g_clear_pointer (&nuclei, lda_nuclei_free);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 2);
}

/* The summits are found on the squared distances by hand: a row of
 * depths 1 4 9 4 1 | 1 4 16 4 1 has two summits 3 and 4 deep with a
 * saddle 1 deep between them. */
static void
test_seeds_by_hand (void)
{
  static const guint16 row[] = { 1, 4, 9, 4, 1, 1, 4, 16, 4, 1 };
  gint32 labels[10] = { 0, };
  guint n_seeds = 0;

  g_assert_true (lda_split_seeds (row, 10, 1, 2.0, labels, &n_seeds, NULL));
  g_assert_cmpuint (n_seeds, ==, 2);
  g_assert_cmpint (labels[2], ==, 1);
  g_assert_cmpint (labels[7], ==, 2);

  /* The shallower summit is 3 − 1 = 2 above the saddle: a depth of 2.5
   * keeps only the deeper one. */
  memset (labels, 0, sizeof labels);
  g_assert_true (lda_split_seeds (row, 10, 1, 2.5, labels, &n_seeds, NULL));
  g_assert_cmpuint (n_seeds, ==, 1);
  g_assert_cmpint (labels[7], ==, 1);
  g_assert_cmpint (labels[2], ==, 0);

  /* A blob shallower than the depth seeds nothing. */
  memset (labels, 0, sizeof labels);
  g_assert_true (lda_split_seeds (row, 10, 1, 4.5, labels, &n_seeds, NULL));
  g_assert_cmpuint (n_seeds, ==, 0);
}

/* Two seeds flooding a 5 × 3 strip meet in its middle column, which
 * becomes the line; the outside is never flooded. */
static void
test_flood_by_hand (void)
{
  static const guint16 levels[15] = {
    1, 2, 1, 2, 1,
    2, 3, 2, 3, 2,
    1, 2, 1, 2, 1,
  };
  gint32 labels[15] = {
    0, 0, 0, 0, LDA_SPLIT_OUTSIDE,
    0, 1, 0, 2, 0,
    0, 0, 0, 0, 0,
  };

  g_assert_true (lda_split_flood (levels, 5, 3, labels, NULL, NULL));
  for (guint y = 0; y < 3; y++)
    {
      g_assert_cmpint (labels[y * 5 + 0], ==, 1);
      g_assert_cmpint (labels[y * 5 + 1], ==, 1);
      g_assert_cmpint (labels[y * 5 + 2], ==, LDA_NUCLEUS_LINE);
      g_assert_cmpint (labels[y * 5 + 3], ==, 2);
    }
  g_assert_cmpint (labels[4], ==, LDA_SPLIT_OUTSIDE);
  g_assert_cmpint (labels[9], ==, 2);
}

/* Specks smaller than the smallest nucleus are dropped, from the mask
 * too; a pixel hanging on a nucleus by a corner is a speck. */
static void
test_specks_dropped (void)
{
  g_autoptr(LdaBitplane) hoechst = plane_new ();
  g_autoptr(LdaBitplane) draq7 = plane_new ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  LdaNucleusParams p = nucleus_params (FALSE);

  lda_test_plane_disc (hoechst, 20, 20, 6);
  lda_test_plane_disc (draq7, 50, 10, 1);                /* 5 pixels */
  lda_bitplane_set (hoechst, 27, 21, TRUE);     /* only diagonal to the disc */
  g_assert_true (lda_bitplane_get (hoechst, 26, 20));
  g_assert_false (lda_bitplane_get (hoechst, 26, 21));
  g_assert_false (lda_bitplane_get (hoechst, 27, 20));

  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
  g_assert_false (lda_bitplane_get (nuclei->mask, 50, 10));
  g_assert_false (lda_bitplane_get (nuclei->mask, 27, 21));

  p.min_area = 0;
  g_clear_pointer (&nuclei, lda_nuclei_free);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 3);
}

/* A piece smaller than the smallest nucleus cut off by a split line goes
 * back to the nucleus it was cut from, line and all; larger, it stays a
 * nucleus of its own. */
static void
test_sliver_joins (void)
{
  g_autoptr(LdaBitplane) hoechst = plane_new ();
  g_autoptr(LdaBitplane) draq7 = plane_new ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  LdaNucleusParams p = nucleus_params (TRUE);
  guint small = 0;

  lda_test_plane_disc (hoechst, 24, 24, 10);
  lda_test_plane_disc (hoechst, 37, 24, 4);
  for (guint y = 0; y < H; y++)
    for (guint x = 35; x < W; x++)
      small += (x - 37) * (x - 37) + (y - 24) * (y - 24) <= 16;

  p.split_depth = 1.0;
  p.min_area = 10;
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 2);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), >, 0);

  p.min_area = 2 * small;
  g_clear_pointer (&nuclei, lda_nuclei_free);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), ==, 0);
  g_assert_true (lda_bitplane_get (nuclei->mask, 37, 24));
}

/* Nuclei made by hand: @mask, with @lines split in it, finished as the
 * pipeline finishes them (min_area 10, no dead part cut). */
static LdaNuclei *
nuclei_by_hand (LdaBitplane *mask,
                LdaBitplane *lines)
{
  g_autoptr(LdaBitplane) draq7 = plane_new ();
  LdaNucleusParams p = nucleus_params (TRUE);
  LdaNuclei *nuclei = g_new0 (LdaNuclei, 1);

  nuclei->width = W;
  nuclei->height = H;
  nuclei->mask = mask;
  nuclei->lines = lines;
  p.min_area = 10;
  g_assert_true (lda_nuclei_finish (nuclei, draq7, &p, FALSE, NULL, NULL));

  return nuclei;
}

static void
plane_box (LdaBitplane *plane,
           guint        x0,
           guint        y0,
           guint        x1,
           guint        y1)
{
  for (guint y = y0; y < y1; y++)
    for (guint x = x0; x < x1; x++)
      lda_bitplane_set (plane, x, y, TRUE);
}

/* A strip two pixels wide that split lines cut off, larger than the
 * smallest nucleus, is no nucleus: it goes back to the nucleus it shares
 * the longest line with (on the real frames such strips were counted as
 * nuclei of their own).  Here the line above it, the first met, is 2
 * pixels long, those on its right 12 and 14, the one on its left 27. */
static void
test_strip_joins (void)
{
  LdaBitplane *mask = plane_new ();
  LdaBitplane *lines = plane_new ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  g_autofree gint *map = NULL;

  plane_box (mask, 10, 5, 40, 40);
  plane_box (lines, 10, 12, 40, 13);
  plane_box (lines, 20, 13, 21, 40);
  plane_box (lines, 23, 13, 24, 40);
  plane_box (lines, 24, 25, 40, 26);
  nuclei = nuclei_by_hand (mask, lines);
  map = object_map (nuclei->objects);

  /* Above, left with the strip, right above, right below. */
  g_assert_cmpuint (nuclei->objects->n_components, ==, 4);
  g_assert_cmpint (map[20 * W + 21], ==, map[20 * W + 15]);
  g_assert_cmpint (map[20 * W + 22], ==, map[20 * W + 15]);
  g_assert_cmpint (map[20 * W + 21], !=, map[8 * W + 15]);
  g_assert_false (lda_bitplane_get (nuclei->lines, 20, 20));
  g_assert_true (lda_bitplane_get (nuclei->lines, 21, 12));
  g_assert_true (lda_bitplane_get (nuclei->lines, 23, 20));
  g_assert_true (lda_bitplane_get (nuclei->mask, 21, 20));
  assert_apart (map);
}

/* A strip along the frame's edge may be a nucleus only partly in view,
 * and stays one; a strip running into the edge between two lines is
 * none. */
static void
test_strip_at_edge (void)
{
  LdaBitplane *mask = plane_new ();
  LdaBitplane *lines = plane_new ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  g_autofree gint *map = NULL;

  plane_box (mask, 0, 5, 20, 30);
  plane_box (lines, 2, 5, 3, 30);
  plane_box (mask, 20, 40, 45, H);
  plane_box (lines, 29, 40, 30, H);
  plane_box (lines, 32, 40, 33, H);
  nuclei = nuclei_by_hand (mask, lines);
  map = object_map (nuclei->objects);

  g_assert_cmpuint (nuclei->objects->n_components, ==, 4);
  g_assert_cmpint (map[10 * W + 0], !=, map[10 * W + 5]);
  g_assert_cmpint (map[44 * W + 30], >=, 0);
  g_assert_true (map[44 * W + 30] == map[44 * W + 25] || map[44 * W + 30] == map[44 * W + 35]);
  g_assert_cmpint (map[44 * W + 25], !=, map[44 * W + 35]);
  assert_apart (map);
}

/* The squared depth inside a box, exactly: a 5 × 5 square in a larger
 * box is 3 deep in its centre (the outside is 3 pixels away), and the
 * margin counts as outside, as the image's surroundings do for a blob on
 * its edge. */
static void
test_depth (void)
{
  const guint bw = 20, bh = 18;
  g_autofree guint8 *inside = g_new0 (guint8, bw * bh);
  g_autofree guint16 *g = g_new (guint16, bw * bh);
  g_autofree guint16 *d2 = g_new (guint16, bw * bh);
  g_autofree guint *v = g_new (guint, bw + 2);
  g_autofree gint64 *f = g_new (gint64, bw + 2);
  g_autofree gint16 *row = g_new (gint16, LDA_DISTANCE_ROW_SCRATCH (bw));

  for (guint y = 10; y < 15; y++)
    for (guint x = 10; x < 15; x++)
      inside[y * bw + x] = 1;
  for (guint y = 1; y < 4; y++)
    for (guint x = 1; x < 4; x++)
      inside[y * bw + x] = 1 | 2;

  lda_distance_squared_box (inside, 1, bw, bh, g, d2, v, f, row);
  g_assert_cmpuint (d2[12 * bw + 12], ==, 9);
  g_assert_cmpuint (d2[10 * bw + 10], ==, 1);
  g_assert_cmpuint (d2[11 * bw + 12], ==, 4);
  g_assert_cmpuint (d2[1 * bw + 1], ==, 1);
  g_assert_cmpuint (d2[2 * bw + 2], ==, 4);
  g_assert_cmpuint (d2[6 * bw + 6], ==, 0);

  /* Another bit, another mask: only the corner square has it. */
  lda_distance_squared_box (inside, 2, bw, bh, g, d2, v, f, row);
  g_assert_cmpuint (d2[2 * bw + 2], ==, 4);
  g_assert_cmpuint (d2[12 * bw + 12], ==, 0);
}

/* The smallest squared distance from (x, y) to a pixel of @inside
 * without @bit, by looking at them all. */
static gint64
depth_by_definition (const guint8 *inside,
                     guint8        bit,
                     guint         w,
                     guint         h,
                     guint         x,
                     guint         y)
{
  gint64 best = G_MAXINT64;

  for (gint64 qy = 0; qy < h; qy++)
    for (gint64 qx = 0; qx < w; qx++)
      if (!(inside[qy * w + qx] & bit))
        best = MIN (best, (qx - x) * (qx - x) + (qy - y) * (qy - y));

  return MIN (best, LDA_DISTANCE2_MAX);
}

/* Random boxes, against the definition, for both bits of the same box:
 * shallow rows, done by offsets, and deep ones, done by the envelope. */
static void
test_depth_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);

  for (guint round = 0; round < 41; round++)
    {
      /* Last, a tall box nearly full: columns deeper than the rows done
       * by offsets take. */
      const gboolean tall = round == 40;
      guint w = tall ? 30 : (guint) g_rand_int_range (rand, 2, 150);
      guint h = tall ? 240 : (guint) g_rand_int_range (rand, 2, 90);
      gint density = tall ? 99 : g_rand_int_range (rand, 50, 100);
      g_autofree guint8 *inside = g_new0 (guint8, (gsize) w * h);
      g_autofree guint16 *g = g_new (guint16, (gsize) w * h);
      g_autofree guint16 *d2 = g_new (guint16, (gsize) w * h);
      g_autofree guint *v = g_new (guint, w + 2);
      g_autofree gint64 *f = g_new (gint64, w + 2);
      g_autofree gint16 *row = g_new (gint16, LDA_DISTANCE_ROW_SCRATCH (w));

      /* The margin stays outside. */
      for (guint y = 1; y + 1 < h; y++)
        for (guint x = 1; x + 1 < w; x++)
          if (g_rand_int_range (rand, 0, 100) < density)
            inside[y * w + x] = 1 | (g_rand_boolean (rand) ? 2 : 0);

      for (guint8 bit = 1; bit <= 2; bit++)
        {
          lda_distance_squared_box (inside, bit, w, h, g, d2, v, f, row);
          for (guint y = 0; y < h; y++)
            for (guint x = 0; x < w; x++)
              g_assert_cmpint (d2[y * w + x], ==,
                               (inside[y * w + x] & bit) ?
                               depth_by_definition (inside, bit, w, h, x, y) : 0);
        }
    }
}

/* The depths of a whole plane by the definition, the image's
 * surroundings outside: the plane copied into a box with a margin. */
static guint16 *
plane_depths (const LdaBitplane *plane)
{
  const guint w = plane->width, h = plane->height, bw = w + 2, bh = h + 2;
  g_autofree guint8 *inside = g_new0 (guint8, bw * bh);
  guint16 *d2 = g_new0 (guint16, w * h);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      inside[(y + 1) * bw + x + 1] = lda_bitplane_get (plane, x, y);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (inside[(y + 1) * bw + x + 1])
        d2[y * w + x] = (guint16) depth_by_definition (inside, 1, bw, bh, x + 1, y + 1);

  return d2;
}

/* Each blob is split in a box of its own, with the depths found in the
 * box: the lines are those of the whole image split at once from its
 * depths (lda_split_seeds() and lda_split_flood()), however close the
 * blobs lie, other blobs in a blob's box and blobs on the image's edge
 * included. */
static void
test_blobs_split_as_whole_image (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 12; round++)
    {
      const guint w = 96, h = 80;
      g_autoptr(LdaBitplane) mask = lda_bitplane_new (w, h, NULL);
      g_autoptr(LdaBitplane) cores = lda_bitplane_new (w, h, NULL);
      g_autoptr(LdaBitplane) none = lda_bitplane_new (w, h, NULL);
      g_autoptr(LdaNuclei) nuclei = NULL;
      g_autofree guint16 *d2 = NULL;
      g_autofree guint16 *c2 = NULL;
      g_autofree guint16 *levels = g_new (guint16, w * h);
      g_autofree gint32 *labels = g_new (gint32, w * h);
      LdaNucleusParams p = nucleus_params (TRUE);
      guint n_seeds = 0, n_lines = 0;

      for (guint k = 0; k < 40; k++)
        {
          guint x = (guint) g_rand_int_range (rand, 0, w);
          guint y = (guint) g_rand_int_range (rand, 0, h);
          guint r = (guint) g_rand_int_range (rand, 3, 10);

          lda_test_plane_disc (mask, x, y, r);
          lda_test_plane_disc (cores, x, y, r - 2);
        }

      /* The whole image at once. */
      d2 = plane_depths (mask);
      c2 = plane_depths (cores);
      for (guint i = 0; i < w * h; i++)
        {
          double depth = sqrt ((double) d2[i]) + (c2[i] > 0 ? sqrt ((double) c2[i]) : 0.0);

          levels[i] = (guint16) MIN (8.0 * depth + 0.5, (double) LDA_DISTANCE2_MAX);
          labels[i] = d2[i] > 0 ? 0 : LDA_SPLIT_OUTSIDE;
        }
      g_assert_true (lda_split_seeds (c2, w, h, p.split_depth, labels, &n_seeds, NULL));
      g_assert_true (lda_split_flood (levels, w, h, labels, NULL, NULL));

      /* Blob by blob; no sliver merged, so the lines are the flood's. */
      p.min_area = 1;
      nuclei = lda_nuclei_new (mask, none, cores, none, &p, NULL, NULL);
      g_assert_nonnull (nuclei);
      g_assert_cmpuint (nuclei->n_seeds, ==, n_seeds);
      for (guint y = 0; y < h; y++)
        for (guint x = 0; x < w; x++)
          {
            gboolean line = labels[y * w + x] == LDA_NUCLEUS_LINE;

            g_assert_cmpint (lda_bitplane_get (nuclei->lines, x, y), ==, line);
            n_lines += line;
          }
      /* Scenes that test something: discs that touch. */
      g_assert_cmpuint (n_lines, >, 0);
    }
}

/* Images of a field: a textured cell around each nucleus in brightfield,
 * nuclei of 3000 on a background of about 100. */
typedef struct
{
  LdaImage *inputs[LDA_N_INPUTS];
} Field;

static void
field_clear (Field *field)
{
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&field->inputs[i], lda_image_unref);
}

static void
field_init (Field *field)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      field->inputs[i] = lda_image_new (LDA_PIXEL_U16, W, H, NULL);
      for (guint p = 0; p < W * H; p++)
        lda_image_u16 (field->inputs[i])[p] = (guint16) (i == LDA_INPUT_BRIGHTFIELD ? 2000 : 100)
                                              + (guint16) g_rand_int_range (rand, 0, 8);
    }
}

static void
field_disc (Field *field,
            guint  input,
            int    cx,
            int    cy,
            int    r,
            int    x_end,
            guint  value)
{
  for (int y = 0; y < H; y++)
    for (int x = 0; x < MIN (W, x_end); x++)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
        lda_image_u16 (field->inputs[input])[y * W + x] = (guint16) value;
}

static void
field_cell (Field *field,
            int    cx,
            int    cy)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (cx * 100 + cy));

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= 15 * 15)
        lda_image_u16 (field->inputs[LDA_INPUT_BRIGHTFIELD])[y * W + x] =
          (guint16) (2000 + g_rand_int_range (rand, 0, 1500));
}

static LdaPipeline *
field_pipeline (Field     *field,
                LdaPreset  preset)
{
  g_autoptr(GError) error = NULL;
  LdaPipeline *pipeline = lda_pipeline_new (field->inputs[0], field->inputs[1],
                                            field->inputs[2], &error);
  LdaParams params;

  g_assert_no_error (error);
  lda_params_init_preset (&params, preset);
  /* The article's tiles must be mostly background: small ones, in a
   * field this small. */
  if (preset == LDA_PRESET_ARTICLE)
    for (guint c = 0; c < LDA_N_CHANNELS; c++)
      params.channel[c].coarseness = 4;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);

  return pipeline;
}

static guint
class_components (LdaImage *labels,
                  guint8    klass,
                  guint     connectivity)
{
  g_autoptr(LdaBitplane) plane = lda_bitplane_new (labels->width, labels->height, NULL);
  g_autoptr(LdaRuns) runs = NULL;

  for (guint y = 0; y < labels->height; y++)
    for (guint x = 0; x < labels->width; x++)
      if (lda_image_get (labels, x, y) == klass)
        lda_bitplane_set (plane, x, y, TRUE);
  runs = lda_runs_new_from_bitplane (plane, TRUE, NULL);
  lda_runs_label (runs, connectivity);

  return runs->n_components;
}

/* In the label mask, two touching live nuclei are two class-3
 * components with a class-2 line between them; each seeds its own cell,
 * with an outline between the cells. */
static void
test_mask_of_touching_nuclei (void)
{
  Field field = { { NULL, } };
  g_autoptr(LdaPipeline) pipeline = NULL;
  LdaImage *labels;
  const LdaCounts *counts;

  field_init (&field);
  field_cell (&field, 24, 24);
  field_cell (&field, 40, 24);
  field_disc (&field, LDA_INPUT_HOECHST, 24, 24, 10, W, 3000);
  field_disc (&field, LDA_INPUT_HOECHST, 40, 24, 10, W, 3000);
  pipeline = field_pipeline (&field, LDA_PRESET_ROBUST);

  labels = lda_pipeline_get_labels (pipeline);
  counts = lda_pipeline_get_counts (pipeline);
  g_assert_cmpuint (counts->n_objects, ==, 2);
  g_assert_cmpuint (counts->live, ==, 2);
  g_assert_cmpuint (class_components (labels, LDA_CLASS_HOECHST, 4), ==, 2);
  g_assert_cmpuint (class_components (labels, LDA_CLASS_DRAQ7, 4), ==, 0);
  g_assert_cmpuint (lda_image_get (labels, 32, 24), ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (lda_image_get (labels, 24, 24), ==, LDA_CLASS_HOECHST);
  g_assert_cmpint (lda_pipeline_get_object_at (pipeline, 24, 24), !=,
                   lda_pipeline_get_object_at (pipeline, 40, 24));
  g_assert_cmpint (lda_pipeline_get_object_at (pipeline, 32, 24), ==, -1);
  /* Two cells, each with its nucleus. */
  g_assert_cmpuint (counts->objects[0].cell_area, >, counts->objects[0].nucleus_pixels);
  g_assert_cmpuint (counts->objects[1].cell_area, >, counts->objects[1].nucleus_pixels);

  /* Without splitting they are one nucleus, and one cell. */
  {
    LdaNucleusParams n = lda_pipeline_get_params (pipeline)->nuclei;

    n.split = FALSE;
    g_assert_true (lda_pipeline_set_nucleus_params (pipeline, &n, NULL));
    g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
    g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->n_objects, ==, 1);
    g_assert_cmpuint (class_components (lda_pipeline_get_labels (pipeline),
                                        LDA_CLASS_HOECHST, 4), ==, 1);
  }

  field_clear (&field);
}

/* A dead nucleus keeps its Hoechst: Hoechst fills it, Draq7 two thirds
 * of it.  As an object it is dead and painted 4 whole; the article paints
 * it pixel by pixel and calls it by its pixels. */
static void
test_dead_nucleus_painted_whole (void)
{
  Field field = { { NULL, } };
  g_autoptr(LdaPipeline) robust = NULL;
  g_autoptr(LdaPipeline) article = NULL;
  LdaImage *labels;
  const LdaObject *o;
  guint n3 = 0, n4 = 0;

  field_init (&field);
  field_cell (&field, 24, 24);
  field_cell (&field, 46, 24);
  field_disc (&field, LDA_INPUT_HOECHST, 24, 24, 9, W, 3000);
  field_disc (&field, LDA_INPUT_DRAQ7, 24, 24, 9, 28, 3000);     /* x < 28 */
  field_disc (&field, LDA_INPUT_HOECHST, 46, 24, 9, W, 3000);    /* a live one */
  robust = field_pipeline (&field, LDA_PRESET_ROBUST);

  labels = lda_pipeline_get_labels (robust);
  for (int y = 15; y <= 33; y++)
    for (int x = 15; x <= 33; x++)
      if ((x - 24) * (x - 24) + (y - 24) * (y - 24) <= 81)
        {
          n3 += lda_image_get (labels, x, y) == LDA_CLASS_HOECHST;
          n4 += lda_image_get (labels, x, y) == LDA_CLASS_DRAQ7;
        }
  g_assert_cmpuint (n3, ==, 0);
  g_assert_cmpuint (n4, >, 200);
  g_assert_cmpuint (lda_image_get (labels, 46, 24), ==, LDA_CLASS_HOECHST);
  g_assert_cmpuint (lda_pipeline_get_counts (robust)->dead, ==, 1);
  g_assert_cmpuint (lda_pipeline_get_counts (robust)->live, ==, 1);
  o = &lda_pipeline_get_counts (robust)->objects[lda_pipeline_get_object_at (robust, 24, 24)];
  g_assert_true (o->dead);
  g_assert_cmpfloat (o->draq7_share, >, 0.5);
  g_assert_cmpfloat (o->draq7_share, <, 0.9);
  g_assert_cmpfloat (o->mean_draq7, >, 1000.0);

  article = field_pipeline (&field, LDA_PRESET_ARTICLE);
  labels = lda_pipeline_get_labels (article);
  g_assert_cmpuint (lda_image_get (labels, 20, 24), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (lda_image_get (labels, 31, 24), ==, LDA_CLASS_HOECHST);

  field_clear (&field);
}

/* Several nuclei, touching, live and dead, and a mark of noise: the live
 * and dead counts are the 4-connected components of class 3 and of class
 * 4, and counting the mask again gives the same. */
static void
test_counts_equal_components (void)
{
  Field field = { { NULL, } };
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(LdaCounts) again = NULL;
  const LdaCounts *counts;
  LdaImage *labels;

  field_init (&field);
  field_cell (&field, 12, 12);
  field_cell (&field, 26, 12);
  field_cell (&field, 50, 30);
  field_disc (&field, LDA_INPUT_HOECHST, 12, 12, 8, W, 3000);
  field_disc (&field, LDA_INPUT_DRAQ7, 26, 12, 8, W, 2500);      /* dead, touching */
  field_disc (&field, LDA_INPUT_HOECHST, 50, 30, 7, W, 2000);
  field_disc (&field, LDA_INPUT_HOECHST, 56, 40, 6, W, 2200);    /* touching the last */
  lda_image_u16 (field.inputs[LDA_INPUT_DRAQ7])[40 * W + 5] = 3000;  /* a speck */
  pipeline = field_pipeline (&field, LDA_PRESET_ROBUST);

  labels = lda_pipeline_get_labels (pipeline);
  counts = lda_pipeline_get_counts (pipeline);
  g_assert_cmpuint (counts->live, ==, class_components (labels, LDA_CLASS_HOECHST, 4));
  g_assert_cmpuint (counts->dead, ==, class_components (labels, LDA_CLASS_DRAQ7, 4));
  g_assert_cmpuint (counts->dead, ==, 1);
  g_assert_cmpuint (counts->live, ==, 3);

  again = lda_counts_new_from_labels_full (labels, 4);
  g_assert_cmpuint (again->live, ==, counts->live);
  g_assert_cmpuint (again->dead, ==, counts->dead);

  field_clear (&field);
}

/* The seeds found from the summits down (lda-split-caps.c) are those the
 * union-find finds, number for number, on random depths: plateaus and
 * many parts (few levels), distance maps of random discs, and noise on
 * them, at depths around and between their square roots. */
static void
test_seeds_from_caps (void)
{
  static const double depths[] = { 0.5, 1.0, 1.5, 2.0, 2.5, 3.3, 5.0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  guint n_seeds_seen = 0, n_ties = 0;

  for (guint round = 0; round < 600; round++)
    {
      const guint w = (guint) g_rand_int_range (rand, 3, 70);
      const guint h = (guint) g_rand_int_range (rand, 3, 70);
      const gsize area = (gsize) w * h;
      const guint kind = round % 3;
      const double depth = depths[g_rand_int_range (rand, 0, G_N_ELEMENTS (depths))];
      g_autofree guint16 *d2 = g_new0 (guint16, area);
      g_autofree guint32 *scratch = g_new (guint32, area);
      g_autofree gint32 *by_union = g_new0 (gint32, area);
      g_autofree gint32 *by_caps = g_new0 (gint32, area);
      LdaSplitWorkspace ws = { NULL, };
      guint n_union, n_caps;
      gsize m = 0;

      if (kind == 0)
        {
          /* Few levels: plateaus, ties in raster order, several parts. */
          for (guint y = 1; y + 1 < h; y++)
            for (guint x = 1; x + 1 < w; x++)
              d2[y * w + x] = (guint16) MAX (0, g_rand_int_range (rand, -2, 7));
        }
      else
        {
          g_autofree guint8 *inside = g_new0 (guint8, area);
          g_autofree guint16 *g = g_new (guint16, area);
          g_autofree guint *v = g_new (guint, w + 2);
          g_autofree gint64 *f = g_new (gint64, w + 2);
          g_autofree gint16 *row = g_new (gint16, LDA_DISTANCE_ROW_SCRATCH (w));

          for (guint k = 0; k < 6; k++)
            {
              int cx = g_rand_int_range (rand, 0, (int) w), cy = g_rand_int_range (rand, 0, (int) h);
              int r = g_rand_int_range (rand, 2, 14);

              for (guint y = 1; y + 1 < h; y++)
                for (guint x = 1; x + 1 < w; x++)
                  if (((int) x - cx) * ((int) x - cx) + ((int) y - cy) * ((int) y - cy) <= r * r)
                    inside[y * w + x] = 1;
            }
          lda_distance_squared_box (inside, 1, w, h, g, d2, v, f, row);
          /* Noise: bumps and dents that make summits of their own. */
          if (kind == 2)
            for (gsize i = 0; i < area; i++)
              if (d2[i] > 0)
                d2[i] = (guint16) MAX (1, (int) d2[i] + g_rand_int_range (rand, -3, 4));
        }

      for (gsize i = 0; i < area; i++)
        if (d2[i] > 0)
          m++;
      g_assert_true (lda_split_workspace_reserve (&ws, m + 1, 65536));
      m = 0;
      for (gsize i = 0; i < area; i++)
        if (d2[i] > 0)
          ws.pixels[m++] = (guint32) i;

      n_union = lda_split_seeds_in (&ws, m, d2, w, depth, scratch, by_union);
      /* The union-find sorted its own copy: the pixels again, in raster
       * order. */
      m = 0;
      for (gsize i = 0; i < area; i++)
        if (d2[i] > 0)
          ws.pixels[m++] = (guint32) i;
      n_caps = lda_split_seeds_caps (&ws, m, d2, w, depth, scratch, by_caps);

      g_assert_cmpuint (n_caps, ==, n_union);
      g_assert_cmpmem (by_caps, area * sizeof (gint32), by_union, area * sizeof (gint32));
      n_seeds_seen += n_caps;
      n_ties += kind == 0 && n_caps > 1;
      lda_split_workspace_clear (&ws);
    }

  /* Scenes that test something: seeds, and many at once among ties. */
  g_assert_cmpuint (n_seeds_seen, >, 600);
  g_assert_cmpuint (n_ties, >, 50);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/split/two-touching-discs", test_two_touching_discs);
  g_test_add_func ("/split/bump-not-split", test_bump_not_split);
  g_test_add_func ("/split/seeds-by-hand", test_seeds_by_hand);
  g_test_add_func ("/split/seeds-from-caps", test_seeds_from_caps);
  g_test_add_func ("/split/flood-by-hand", test_flood_by_hand);
  g_test_add_func ("/split/specks-dropped", test_specks_dropped);
  g_test_add_func ("/split/sliver-joins", test_sliver_joins);
  g_test_add_func ("/split/strip-joins", test_strip_joins);
  g_test_add_func ("/split/strip-at-edge", test_strip_at_edge);
  g_test_add_func ("/split/depth", test_depth);
  g_test_add_func ("/split/depth-brute-force", test_depth_brute_force);
  g_test_add_func ("/split/blobs-split-as-whole-image", test_blobs_split_as_whole_image);
  g_test_add_func ("/split/mask-of-touching-nuclei", test_mask_of_touching_nuclei);
  g_test_add_func ("/split/dead-nucleus-painted-whole", test_dead_nucleus_painted_whole);
  g_test_add_func ("/split/counts-equal-components", test_counts_equal_components);

  return g_test_run ();
}
