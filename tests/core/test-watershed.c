/* test-watershed.c — tests for the priority flood (lda-watershed), the
 * label mask and the live/dead counts (lda-compose): pipeline.md §5 to §7 on
 * small hand-made masks.  The relief is tested in test-distance.c.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-compose.h"
#include "lda-distance.h"
#include "lda-error.h"
#include "lda-watershed.h"
#include "lda-test-planes.h"

/* --- helpers ----------------------------------------------------------- */

static void
run_watershed (gint32       *markers,
               const guint8 *relief,
               guint         width,
               guint         height)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_watershed (markers, relief, width, height, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
on_ring (guint x,
         guint y,
         guint width,
         guint height)
{
  return x == 0 || y == 0 || x == width - 1 || y == height - 1;
}

static LdaRegions *
regions_new (const LdaBitplane *cell_area,
             const LdaBitplane *hoechst,
             const LdaBitplane *draq7)
{
  g_autoptr(GError) error = NULL;
  LdaRegions *regions = lda_regions_new (cell_area, hoechst, draq7, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (regions);

  return regions;
}

static gint32
region_at (const LdaRegions *regions,
           guint             x,
           guint             y)
{
  return regions->regions[(gsize) y * regions->width + x];
}

/* One cell-area blob (columns 5–34, rows 5–14) holding two 3 × 3 nuclei,
 * at columns 10–12 and 26–28; the right one is Draq7 if @right_dead. */
static LdaRegions *
two_nuclei_new (LdaBitplane **cells,
                LdaBitplane **hoechst,
                LdaBitplane **draq7,
                gboolean      right_dead)
{
  *cells = lda_test_plane_new (40, 20);
  *hoechst = lda_test_plane_new (40, 20);
  *draq7 = lda_test_plane_new (40, 20);
  lda_test_plane_fill (*cells, 5, 5, 30, 10);
  lda_test_plane_fill (*hoechst, 10, 9, 3, 3);
  lda_test_plane_fill (right_dead ? *draq7 : *hoechst, 26, 9, 3, 3);

  return regions_new (*cells, *hoechst, *draq7);
}

/* --- the flood itself -------------------------------------------------- */

static void
test_watershed_ring_is_wall (void)
{
  enum { W = 6, H = 5 };
  gint32 markers[W * H] = { 0, };
  guint8 relief[W * H] = { 0, };

  markers[2 * W + 2] = 2;
  /* A seed on the ring is overwritten and floods nothing. */
  markers[3 * W + 0] = 3;
  run_watershed (markers, relief, W, H);

  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      g_assert_cmpint (markers[y * W + x], ==, on_ring (x, y, W, H) ? LDA_REGION_OUTLINE : 2);
}

/* Two seed columns in a flat relief meet half way, with an outline
 * column between them. */
static void
test_watershed_flat_meets_in_middle (void)
{
  enum { W = 11, H = 7 };
  gint32 markers[W * H] = { 0, };
  guint8 relief[W * H];

  memset (relief, 7, sizeof relief);
  for (guint y = 1; y < H - 1; y++)
    {
      markers[y * W + 1] = 2;
      markers[y * W + 9] = 3;
    }
  run_watershed (markers, relief, W, H);

  for (guint y = 1; y < H - 1; y++)
    for (guint x = 1; x < W - 1; x++)
      {
        gint32 expected = x < 5 ? 2 : x > 5 ? 3 : LDA_REGION_OUTLINE;

        g_assert_cmpint (markers[y * W + x], ==, expected);
      }
}

/* Floods a single inner row of @n pixels (the image is (n + 2) × 3) from
 * @seeds over @relief_row and checks the row against @expected. */
static void
assert_flood_row (const gint32 *seeds,
                  const guint8 *relief_row,
                  const gint32 *expected,
                  guint         n)
{
  const guint w = n + 2;
  g_autofree gint32 *markers = g_new0 (gint32, w * 3);
  g_autofree guint8 *relief = g_new0 (guint8, w * 3);

  memcpy (markers + w + 1, seeds, n * sizeof (gint32));
  memcpy (relief + w + 1, relief_row, n);
  run_watershed (markers, relief, w, 3);

  for (guint i = 0; i < n; i++)
    g_assert_cmpint (markers[w + 1 + i], ==, expected[i]);
}

/* The queue is ordered by the step between neighbours, not by the relief:
 * on an even ramp both seeds advance at the same step and meet in the
 * middle (ordered by relief, the low seed would take nearly everything). */
static void
test_watershed_orders_by_step (void)
{
  const gint32 seeds[7] = { 2, 0, 0, 0, 0, 0, 3 };
  const guint8 relief[7] = { 0, 10, 20, 30, 40, 50, 60 };
  const gint32 expected[7] = { 2, 2, 2, LDA_REGION_OUTLINE, 3, 3, 3 };

  assert_flood_row (seeds, relief, expected, 7);
}

/* A steep step holds a seed back, so the other one floods further. */
static void
test_watershed_steep_step_holds_back (void)
{
  const gint32 seeds[7] = { 2, 0, 0, 0, 0, 0, 3 };
  const guint8 relief[7] = { 0, 0, 0, 0, 0, 0, 9 };
  const gint32 expected[7] = { 2, 2, 2, 2, 2, LDA_REGION_OUTLINE, 3 };

  assert_flood_row (seeds, relief, expected, 7);
}

/* A pixel between two labels becomes an outline; the outline does not
 * turn its unknown neighbour into an outline, which takes the label that
 * reaches it. */
static void
test_watershed_two_labels_make_outline (void)
{
  const gint32 seeds[5] = { 2, 0, 3, 0, 0 };
  const guint8 relief[5] = { 0, };
  const gint32 expected[5] = { 2, LDA_REGION_OUTLINE, 3, 3, 3 };

  assert_flood_row (seeds, relief, expected, 5);
}

/* The background floods too, and meets a cell at an outline. */
static void
test_watershed_background_meets_cell (void)
{
  const gint32 seeds[5] = { LDA_REGION_BACKGROUND, 0, 0, 0, 4 };
  const guint8 relief[5] = { 0, };
  const gint32 expected[5] = { 1, 1, LDA_REGION_OUTLINE, 4, 4 };

  assert_flood_row (seeds, relief, expected, 5);
}

/* Outlines do not spread: pixels only reachable through outlines never
 * take a region's label.
 *
 *   ring   ring   ring   ring
 *   ring   Q      P      2
 *   ring   P'     3      .
 *   ring   2      .      .
 */
static void
test_watershed_outline_does_not_spread (void)
{
  enum { W = 5, H = 5 };
  gint32 markers[W * H] = { 0, };
  guint8 relief[W * H] = { 0, };

  markers[1 * W + 3] = 2;
  markers[2 * W + 2] = 3;
  markers[3 * W + 1] = 2;
  run_watershed (markers, relief, W, H);

  g_assert_cmpint (markers[1 * W + 2], ==, LDA_REGION_OUTLINE);  /* P */
  g_assert_cmpint (markers[2 * W + 1], ==, LDA_REGION_OUTLINE);  /* P' */
  g_assert_cmpint (markers[2 * W + 3], ==, LDA_REGION_OUTLINE);
  g_assert_cmpint (markers[3 * W + 2], ==, LDA_REGION_OUTLINE);
  /* Q and the far corner are cut off by outlines: no label leaks in. */
  g_assert_cmpint (markers[1 * W + 1], <=, 0);
  g_assert_cmpint (markers[1 * W + 1], !=, -2);
  g_assert_cmpint (markers[3 * W + 3], <=, 0);
  g_assert_cmpint (markers[3 * W + 3], !=, -2);
}

static void
test_watershed_small_images (void)
{
  const guint sizes[][2] = { { 1, 1 }, { 2, 2 }, { 1, 7 }, { 7, 1 }, { 2, 6 }, { 6, 2 }, { 2, 1 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint w = sizes[s][0], h = sizes[s][1];
      g_autofree gint32 *markers = g_new (gint32, w * h);
      g_autofree guint8 *relief = g_new0 (guint8, w * h);

      for (guint i = 0; i < w * h; i++)
        markers[i] = i % 3;
      run_watershed (markers, relief, w, h);

      for (guint i = 0; i < w * h; i++)
        g_assert_cmpint (markers[i], ==, LDA_REGION_OUTLINE);
    }

  {
    gint32 markers[9] = { 0, 0, 0, 0, 2, 0, 0, 0, 0 };
    guint8 relief[9] = { 0, };

    run_watershed (markers, relief, 3, 3);
    for (guint i = 0; i < 9; i++)
      g_assert_cmpint (markers[i], ==, i == 4 ? 2 : LDA_REGION_OUTLINE);
  }
}

static void
test_watershed_cancelled (void)
{
  const guint w = 300, h = 300;
  g_autofree gint32 *markers = g_new0 (gint32, w * h);
  g_autofree guint8 *relief = g_new0 (guint8, w * h);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  markers[150 * w + 150] = 2;
  g_cancellable_cancel (cancellable);

  g_assert_false (lda_watershed (markers, relief, w, h, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- regions from masks ------------------------------------------------ */

/* One cell-area blob holding two nuclei: the flood splits it with an
 * outline between the nuclei. */
static void
test_regions_split_touching_cells (void)
{
  const guint w = 40, h = 20;
  g_autoptr(LdaBitplane) cells = NULL;
  g_autoptr(LdaBitplane) hoechst = NULL;
  g_autoptr(LdaBitplane) draq7 = NULL;
  g_autoptr(LdaRegions) regions = two_nuclei_new (&cells, &hoechst, &draq7, FALSE);
  guint left_max = 0, right_min = G_MAXUINT;

  g_assert_cmpuint (regions->width, ==, w);
  g_assert_cmpuint (regions->height, ==, h);
  g_assert_cmpuint (regions->nuclei->n_components, ==, 2);

  /* Each region holds its own nucleus (components in raster order). */
  for (guint y = 9; y < 12; y++)
    for (guint i = 0; i < 3; i++)
      {
        g_assert_cmpint (region_at (regions, 10 + i, y), ==, LDA_REGION_FIRST_CELL);
        g_assert_cmpint (region_at (regions, 26 + i, y), ==, LDA_REGION_FIRST_CELL + 1);
      }

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gint32 r = region_at (regions, x, y);

        if (on_ring (x, y, w, h))
          g_assert_cmpint (r, ==, LDA_REGION_OUTLINE);
        else if (!lda_bitplane_get (cells, x, y))
          g_assert_cmpint (r, ==, LDA_REGION_BACKGROUND);
        else if (x == 5 || x == 34 || y == 5 || y == 14)
          /* The blob's edge meets the background: outline, or background
           * at corners where two outline pixels close it off first. */
          g_assert_true (r == LDA_REGION_OUTLINE || r == LDA_REGION_BACKGROUND);
        else
          g_assert_true (r == LDA_REGION_OUTLINE || r >= LDA_REGION_FIRST_CELL);

        if (r == LDA_REGION_FIRST_CELL)
          left_max = MAX (left_max, x);
        if (r == LDA_REGION_FIRST_CELL + 1)
          right_min = MIN (right_min, x);
      }

  /* The left cell lies left of the right one, so they never touch, and
   * the split lies between the nuclei. */
  g_assert_cmpuint (left_max, <, right_min);
  g_assert_cmpuint (left_max, >, 12);
  g_assert_cmpuint (right_min, <, 26);

  /* On every inner row of the blob the split is an outline pixel half
   * way between the nuclei (columns 12 and 26). */
  for (guint y = 6; y < 14; y++)
    {
      guint n_outline = 0;

      for (guint x = 13; x < 26; x++)
        if (region_at (regions, x, y) == LDA_REGION_OUTLINE)
          {
            n_outline++;
            g_assert_cmpuint (x, >=, 18);
            g_assert_cmpuint (x, <=, 20);
          }
      g_assert_cmpuint (n_outline, >=, 1);
    }
}

/* A nucleus outside the cell area is a cell of its own: the area is the
 * cell area together with the nuclei. */
static void
test_regions_nucleus_outside_area (void)
{
  const guint w = 30, h = 12;
  g_autoptr(LdaBitplane) cells = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaRegions) regions = NULL;

  lda_test_plane_fill (cells, 2, 2, 8, 8);
  lda_test_plane_fill (hoechst, 5, 5, 2, 2);
  lda_test_plane_fill (draq7, 20, 6, 3, 3);     /* no cell area around it */
  regions = regions_new (cells, hoechst, draq7);

  g_assert_cmpuint (regions->nuclei->n_components, ==, 2);
  for (guint y = 6; y < 9; y++)
    for (guint x = 20; x < 23; x++)
      g_assert_cmpint (region_at (regions, x, y), ==, LDA_REGION_FIRST_CELL + 1);
  /* Around it lies background. */
  g_assert_cmpint (region_at (regions, 19, 7), ==, LDA_REGION_BACKGROUND);
  g_assert_cmpint (region_at (regions, 23, 7), ==, LDA_REGION_BACKGROUND);
  g_assert_cmpint (region_at (regions, 21, 5), ==, LDA_REGION_BACKGROUND);
  g_assert_cmpint (region_at (regions, 21, 9), ==, LDA_REGION_BACKGROUND);
  /* The first nucleus is a cell, not background (pipeline.md §5, step 3). */
  g_assert_cmpint (region_at (regions, 5, 5), ==, LDA_REGION_FIRST_CELL);
  g_assert_cmpint (region_at (regions, 4, 4), ==, LDA_REGION_FIRST_CELL);
}

static void
test_regions_nuclei_8_connected (void)
{
  const guint w = 12, h = 10;
  g_autoptr(LdaBitplane) cells = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaRegions) regions = NULL;

  lda_bitplane_set (hoechst, 3, 3, TRUE);
  lda_bitplane_set (draq7, 4, 4, TRUE);   /* diagonal, other channel */
  lda_bitplane_set (hoechst, 8, 3, TRUE);
  lda_bitplane_set (hoechst, 8, 5, TRUE); /* one row apart: separate */
  lda_bitplane_set (hoechst, 3, 7, TRUE);
  lda_bitplane_set (hoechst, 2, 8, TRUE); /* diagonal, same channel */
  regions = regions_new (cells, hoechst, draq7);

  g_assert_cmpuint (regions->nuclei->n_components, ==, 4);
  g_assert_cmpint (region_at (regions, 3, 3), ==, LDA_REGION_FIRST_CELL);
  g_assert_cmpint (region_at (regions, 4, 4), ==, LDA_REGION_FIRST_CELL);
  g_assert_cmpint (region_at (regions, 8, 3), ==, LDA_REGION_FIRST_CELL + 1);
  g_assert_cmpint (region_at (regions, 8, 5), ==, LDA_REGION_FIRST_CELL + 2);
  g_assert_cmpint (region_at (regions, 3, 7), ==, LDA_REGION_FIRST_CELL + 3);
  g_assert_cmpint (region_at (regions, 2, 8), ==, LDA_REGION_FIRST_CELL + 3);
}

static void
test_regions_no_nucleus (void)
{
  const guint w = 16, h = 10;
  g_autoptr(LdaBitplane) cells = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaRegions) regions = NULL;

  lda_test_plane_fill (cells, 2, 2, 10, 5);
  regions = regions_new (cells, hoechst, draq7);

  g_assert_cmpuint (regions->nuclei->n_components, ==, 0);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      g_assert_cmpint (region_at (regions, x, y), ==,
                       on_ring (x, y, w, h) ? LDA_REGION_OUTLINE : LDA_REGION_BACKGROUND);
}

/* --- the label mask ---------------------------------------------------- */

/* Every combination of region, Hoechst and Draq7, across a word border:
 * later wins, cells 1 < outline 2 < Hoechst 3 < Draq7 4. */
static void
test_compose_order (void)
{
  const guint w = 70, h = 5;
  const gint32 kinds[] = { 0, LDA_REGION_BACKGROUND, LDA_REGION_OUTLINE, LDA_REGION_FIRST_CELL };
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *cells = g_new (gint32, w * h);
  LdaRegions regions = { w, h, cells, NULL };

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        cells[y * w + x] = kinds[(x + y) % 4];
        lda_bitplane_set (hoechst, x, y, (x / 4) % 2);
        lda_bitplane_set (draq7, x, y, (x / 8) % 2);
      }

  labels = lda_compose (&regions, hoechst, draq7, &error);
  g_assert_no_error (error);
  g_assert_nonnull (labels);
  g_assert_cmpint (labels->type, ==, LDA_PIXEL_U8);
  g_assert_cmpuint (labels->width, ==, w);
  g_assert_cmpuint (labels->height, ==, h);

  /* (x + y) % 4 picks unlabelled, background, outline or cell; Hoechst
   * where x / 4 is odd, Draq7 where x / 8 is odd. */
  g_assert_cmpuint (lda_image_get (labels, 2, 1), ==, LDA_CLASS_CELL);
  g_assert_cmpuint (lda_image_get (labels, 1, 1), ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (lda_image_get (labels, 2, 0), ==, LDA_CLASS_BACKGROUND);   /* outline, ring */
  g_assert_cmpuint (lda_image_get (labels, 3, 1), ==, LDA_CLASS_BACKGROUND);   /* unlabelled */
  g_assert_cmpuint (lda_image_get (labels, 4, 1), ==, LDA_CLASS_HOECHST);      /* background + Ho */
  g_assert_cmpuint (lda_image_get (labels, 5, 2), ==, LDA_CLASS_HOECHST);      /* cell + Ho */
  g_assert_cmpuint (lda_image_get (labels, 5, 1), ==, LDA_CLASS_HOECHST);      /* outline + Ho */
  g_assert_cmpuint (lda_image_get (labels, 8, 3), ==, LDA_CLASS_DRAQ7);        /* cell + Dr */
  g_assert_cmpuint (lda_image_get (labels, 12, 3), ==, LDA_CLASS_DRAQ7);       /* cell + Ho + Dr */
  g_assert_cmpuint (lda_image_get (labels, 66, 1), ==, LDA_CLASS_CELL);        /* second word */
  g_assert_cmpuint (lda_image_get (labels, 68, 3), ==, LDA_CLASS_HOECHST);
  g_assert_cmpuint (lda_image_get (labels, 65, 1), ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (lda_image_get (labels, 69, 1), ==, LDA_CLASS_HOECHST);     /* ring outline + Ho */
}

/* All outline: the ring is dropped, the inside drawn; nuclei on the ring
 * are still painted. */
static void
test_compose_ring_outline_dropped (void)
{
  const guint w = 6, h = 4;
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaImage) labels = NULL;
  gint32 cells[6 * 4];
  LdaRegions regions = { w, h, cells, NULL };

  for (guint i = 0; i < w * h; i++)
    cells[i] = LDA_REGION_OUTLINE;
  lda_bitplane_set (hoechst, 0, 2, TRUE);
  lda_bitplane_set (draq7, 5, 0, TRUE);
  labels = lda_compose (&regions, hoechst, draq7, NULL);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if ((x != 0 || y != 2) && (x != 5 || y != 0))
        g_assert_cmpuint (lda_image_get (labels, x, y), ==,
                          on_ring (x, y, w, h) ? LDA_CLASS_BACKGROUND : LDA_CLASS_OUTLINE);
  g_assert_cmpuint (lda_image_get (labels, 0, 2), ==, LDA_CLASS_HOECHST);
  g_assert_cmpuint (lda_image_get (labels, 5, 0), ==, LDA_CLASS_DRAQ7);
}

/* --- counts ------------------------------------------------------------ */

/* Regions by hand: each nucleus's own pixels, plus @extra[i] pixels of
 * cell on row @extra_row. */
static LdaRegions *
regions_by_hand (const LdaBitplane *hoechst,
                 const LdaBitplane *draq7,
                 const guint       *extra,
                 guint              extra_row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) nuclei = lda_bitplane_copy (hoechst, &error);
  LdaRegions *regions = g_new0 (LdaRegions, 1);
  gint32 *row = NULL;
  guint x = 1;

  lda_bitplane_or (nuclei, draq7);
  regions->width = hoechst->width;
  regions->height = hoechst->height;
  regions->nuclei = lda_runs_new_from_bitplane (nuclei, TRUE, &error);
  g_assert_no_error (error);
  lda_runs_label (regions->nuclei, 8);
  regions->regions = g_new (gint32, (gsize) regions->width * regions->height);
  for (gsize i = 0; i < (gsize) regions->width * regions->height; i++)
    regions->regions[i] = LDA_REGION_BACKGROUND;
  row = regions->regions + (gsize) extra_row * regions->width;
  for (gsize i = 0; i < regions->nuclei->n_runs; i++)
    {
      const LdaRun *run = &regions->nuclei->runs[i];

      for (guint rx = run->x0; rx < run->x1; rx++)
        regions->regions[(gsize) run->y * regions->width + rx] =
          (gint32) regions->nuclei->labels[i] + LDA_REGION_FIRST_CELL;
    }
  for (guint c = 0; c < regions->nuclei->n_components; c++)
    {
      for (guint k = 0; k < extra[c]; k++, x++)
        row[x] = (gint32) c + LDA_REGION_FIRST_CELL;
      row[x++] = LDA_REGION_OUTLINE;   /* belongs to no cell */
    }

  return regions;
}

/* 'h' Hoechst only, 'd' Draq7 only, 'b' both. */
static void
paint_nuclei (LdaBitplane        *hoechst,
              LdaBitplane        *draq7,
              const char * const *rows,
              guint               n_rows,
              guint               x0,
              guint               y0)
{
  for (guint y = 0; y < n_rows; y++)
    for (guint x = 0; rows[y][x] != '\0'; x++)
      {
        char c = rows[y][x];

        if (c == 'h' || c == 'b')
          lda_bitplane_set (hoechst, x0 + x, y0 + y, TRUE);
        if (c == 'd' || c == 'b')
          lda_bitplane_set (draq7, x0 + x, y0 + y, TRUE);
      }
}

static void
test_counts_live_dead (void)
{
  const guint w = 80, h = 8;
  const char * const a[] = { "hh", "hh" };  /* live: 4 Hoechst only */
  const char * const b[] = { "hh", "dd" };  /* live: 2 against 2 */
  const char * const c[] = { "hd", "dd" };  /* dead: 3 against 1 */
  /* Overlap pixels count as Draq7, not as Hoechst-only: E is dead with 3
   * against 2, but counting its overlap as Hoechst too would make it live
   * (5 against 3). */
  const char * const d[] = { "bb", "bb" };  /* dead: 4 against 0 */
  const char * const e[] = { "bbb", "hh" }; /* dead, across a word border */
  const guint extra[] = { 6, 0, 2, 4, 7 };
  const guint nucleus_pixels[] = { 4, 4, 4, 4, 5 };
  const guint hoechst_only[] = { 4, 2, 1, 0, 2 };
  const guint draq7_pixels[] = { 0, 2, 3, 4, 3 };
  const gboolean dead[] = { FALSE, FALSE, TRUE, TRUE, TRUE };
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaRegions) regions = NULL;
  g_autoptr(LdaCounts) counts = NULL;
  g_autoptr(LdaCounts) copy = NULL;

  paint_nuclei (hoechst, draq7, a, 2, 2, 1);
  paint_nuclei (hoechst, draq7, b, 2, 8, 1);
  paint_nuclei (hoechst, draq7, c, 2, 14, 1);
  paint_nuclei (hoechst, draq7, d, 2, 20, 1);
  paint_nuclei (hoechst, draq7, e, 2, 62, 1);
  regions = regions_by_hand (hoechst, draq7, extra, 5);
  g_assert_cmpuint (regions->nuclei->n_components, ==, 5);

  counts = lda_counts_new (regions, hoechst, draq7);
  g_assert_cmpuint (counts->n_objects, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const LdaObject *o = &counts->objects[i];

      g_test_message ("object %u", i);
      g_assert_cmpuint (o->nucleus_pixels, ==, nucleus_pixels[i]);
      g_assert_cmpuint (o->hoechst_only, ==, hoechst_only[i]);
      g_assert_cmpuint (o->draq7, ==, draq7_pixels[i]);
      g_assert_cmpuint (o->cell_area, ==, nucleus_pixels[i] + extra[i]);
      g_assert_cmpint (!o->dead, ==, !dead[i]);
    }
  g_assert_cmpuint (counts->live, ==, 2);
  g_assert_cmpuint (counts->dead, ==, 3);
  g_assert_cmpfloat_with_epsilon (counts->dead_fraction, 0.6, 1e-12);
  /* (10 + 4 + 6 + 8 + 12) / 5 */
  g_assert_cmpfloat_with_epsilon (counts->mean_cell_area, 8.0, 1e-12);

  copy = lda_counts_copy (counts);
  g_assert_true (copy->objects != counts->objects);
  g_assert_cmpuint (copy->n_objects, ==, 5);
  g_assert_cmpmem (copy->objects, 5 * sizeof (LdaObject), counts->objects, 5 * sizeof (LdaObject));
  g_assert_cmpfloat (copy->dead_fraction, ==, counts->dead_fraction);
}

static void
test_counts_no_nuclei (void)
{
  const guint w = 20, h = 10;
  g_autoptr(LdaBitplane) cells = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) hoechst = lda_test_plane_new (w, h);
  g_autoptr(LdaBitplane) draq7 = lda_test_plane_new (w, h);
  g_autoptr(LdaRegions) regions = NULL;
  g_autoptr(LdaCounts) counts = NULL;

  lda_test_plane_fill (cells, 3, 3, 10, 4);
  regions = regions_new (cells, hoechst, draq7);
  counts = lda_counts_new (regions, hoechst, draq7);

  g_assert_cmpuint (counts->n_objects, ==, 0);
  g_assert_cmpuint (counts->live, ==, 0);
  g_assert_cmpuint (counts->dead, ==, 0);
  g_assert_cmpfloat (counts->dead_fraction, ==, 0.0);
  g_assert_cmpfloat (counts->mean_cell_area, ==, 0.0);
}

/* From masks: a live and a dead cell split one blob; their areas add up
 * to the cell pixels of the regions. */
static void
test_counts_from_regions (void)
{
  const guint w = 40, h = 20;
  g_autoptr(LdaBitplane) cells = NULL;
  g_autoptr(LdaBitplane) hoechst = NULL;
  g_autoptr(LdaBitplane) draq7 = NULL;
  g_autoptr(LdaRegions) regions = two_nuclei_new (&cells, &hoechst, &draq7, TRUE);
  g_autoptr(LdaCounts) counts = NULL;
  guint area[2] = { 0, 0 };

  counts = lda_counts_new (regions, hoechst, draq7);

  for (guint i = 0; i < w * h; i++)
    if (regions->regions[i] >= LDA_REGION_FIRST_CELL)
      area[regions->regions[i] - LDA_REGION_FIRST_CELL]++;

  g_assert_cmpuint (counts->n_objects, ==, 2);
  g_assert_false (counts->objects[0].dead);
  g_assert_true (counts->objects[1].dead);
  g_assert_cmpuint (counts->live, ==, 1);
  g_assert_cmpuint (counts->dead, ==, 1);
  g_assert_cmpfloat_with_epsilon (counts->dead_fraction, 0.5, 1e-12);
  g_assert_cmpuint (counts->objects[0].cell_area, ==, area[0]);
  g_assert_cmpuint (counts->objects[1].cell_area, ==, area[1]);
  g_assert_cmpuint (area[0], >, 9);
  g_assert_cmpuint (area[1], >, 9);
  g_assert_cmpfloat_with_epsilon (counts->mean_cell_area, (area[0] + area[1]) / 2.0, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/watershed/flood/ring", test_watershed_ring_is_wall);
  g_test_add_func ("/watershed/flood/flat-meets-in-middle", test_watershed_flat_meets_in_middle);
  g_test_add_func ("/watershed/flood/orders-by-step", test_watershed_orders_by_step);
  g_test_add_func ("/watershed/flood/steep-step", test_watershed_steep_step_holds_back);
  g_test_add_func ("/watershed/flood/two-labels-outline", test_watershed_two_labels_make_outline);
  g_test_add_func ("/watershed/flood/background-meets-cell", test_watershed_background_meets_cell);
  g_test_add_func ("/watershed/flood/outline-does-not-spread", test_watershed_outline_does_not_spread);
  g_test_add_func ("/watershed/flood/small-images", test_watershed_small_images);
  g_test_add_func ("/watershed/flood/cancelled", test_watershed_cancelled);

  g_test_add_func ("/watershed/regions/split-touching", test_regions_split_touching_cells);
  g_test_add_func ("/watershed/regions/nucleus-outside-area", test_regions_nucleus_outside_area);
  g_test_add_func ("/watershed/regions/nuclei-8-connected", test_regions_nuclei_8_connected);
  g_test_add_func ("/watershed/regions/no-nucleus", test_regions_no_nucleus);

  g_test_add_func ("/watershed/compose/order", test_compose_order);
  g_test_add_func ("/watershed/compose/ring-outline-dropped", test_compose_ring_outline_dropped);

  g_test_add_func ("/watershed/counts/live-dead", test_counts_live_dead);
  g_test_add_func ("/watershed/counts/no-nuclei", test_counts_no_nuclei);
  g_test_add_func ("/watershed/counts/from-regions", test_counts_from_regions);

  return g_test_run ();
}
