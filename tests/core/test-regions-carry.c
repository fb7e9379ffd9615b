/* test-regions-carry.c — the last cells carried onto moved nuclei while a
 * slider is dragged
 *
 * On a frame covered by cells, nuclei on a jittered grid: moved nuclei
 * keep their cells and the outlines between them; a nucleus gone leaves
 * its cell to its neighbours; a nucleus in a part of the area that had
 * none floods that part as the exact watershed does; too many changes
 * are declined.  Through the pipeline, on a drawn confluent culture: a
 * drag of a nucleus slider or of the cell area's carries the cells, and
 * the run after it gives what a fresh pipeline gives.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-distance.h"
#include "lda-pipeline.h"
#include "lda-regions-carry.h"
#include "lda-test-planes.h"
#include "lda-test-lib.h"

/* Eight tiles of the carry's relief (128) a side: what it floods again
 * crosses tiles, and needs few enough of them that it makes their relief
 * alone. */
#define W 1024
#define H 1024
#define SPACING 30
#define RADIUS 6

typedef struct
{
  int x[2048];
  int y[2048];
  guint n;
} Centres;

static void
grid_centres (Centres *c)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  c->n = 0;
  for (int y = SPACING / 2; y < H - SPACING / 2; y += SPACING)
    for (int x = SPACING / 2; x < W - SPACING / 2; x += SPACING)
      {
        g_assert_cmpuint (c->n, <, G_N_ELEMENTS (c->x));
        c->x[c->n] = x + g_rand_int_range (rand, -5, 6);
        c->y[c->n] = y + g_rand_int_range (rand, -5, 6);
        c->n++;
      }
}

/* Discs of @radius round the centres, but centre @skip (or none). */
static LdaBitplane *
discs (const Centres *c,
       int            radius,
       guint          skip)
{
  LdaBitplane *plane = lda_test_plane_new (W, H);

  for (guint i = 0; i < c->n; i++)
    if (i != skip)
      lda_test_plane_disc (plane, c->x[i], c->y[i], radius);
  return plane;
}

static LdaBitplane *
full_area (void)
{
  LdaBitplane *area = lda_test_plane_new (W, H);

  lda_test_plane_fill (area, 0, 0, W, H);
  return area;
}

/* The exact cells of @nuclei in @area. */
static LdaRegions *
exact (const LdaBitplane *area,
       const LdaBitplane *nuclei)
{
  g_autoptr(LdaBitplane) none = lda_test_plane_new (W, H);
  g_autoptr(GError) error = NULL;
  LdaRegions *regions = lda_regions_new (area, nuclei, none, NULL, &error);

  g_assert_no_error (error);
  return regions;
}

/* @base carried onto @nuclei; %NULL when declined. */
static LdaRegions *
carry (const LdaRegions  *base,
       const LdaBitplane *cell_area,
       const LdaBitplane *nuclei)
{
  g_autoptr(LdaBitplane) area = lda_bitplane_copy (cell_area, NULL);
  g_autoptr(LdaRuns) runs = lda_runs_new_from_bitplane (nuclei, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  LdaRegions *out = NULL;

  lda_bitplane_or (area, nuclei);
  lda_runs_label (runs, 8);
  g_assert_true (lda_regions_carry (base, area, nuclei, runs, 0.25, &out, NULL, &error));
  g_assert_no_error (error);
  return out;
}

static gint32
at (const LdaRegions *r,
    int               x,
    int               y)
{
  return r->regions[(gsize) y * W + x];
}

/* No two cells touch without an outline between them. */
static void
assert_outlined (const LdaRegions *r)
{
  for (int y = 0; y < H; y++)
    for (int x = 0; x + 1 < W; x++)
      {
        const gint32 v = at (r, x, y);

        if (v < LDA_REGION_FIRST_CELL)
          continue;
        if (at (r, x + 1, y) >= LDA_REGION_FIRST_CELL)
          g_assert_cmpint (at (r, x + 1, y), ==, v);
        if (y + 1 < H && at (r, x, y + 1) >= LDA_REGION_FIRST_CELL)
          g_assert_cmpint (at (r, x, y + 1), ==, v);
      }
}

/* Identical nuclei: the cells come back byte for byte. */
static void
test_same (void)
{
  Centres c;
  g_autoptr(LdaBitplane) area = full_area ();
  g_autoptr(LdaBitplane) nuclei = NULL;
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;

  grid_centres (&c);
  nuclei = discs (&c, RADIUS, G_MAXUINT);
  base = exact (area, nuclei);
  carried = carry (base, area, nuclei);
  g_assert_nonnull (carried);
  g_assert_true (memcmp (carried->regions, base->regions, sizeof (gint32) * W * H) == 0);
  g_assert_cmpuint (carried->nuclei->n_components, ==, c.n);
}

/* Each cell of @base, named by its nucleus's centre, is the cell of the
 * nucleus at the same centre in @carried, everywhere but on @except's
 * pixels; outlines stay outlines. */
static void
assert_cells_kept (const LdaRegions  *base,
                   const LdaRegions  *carried,
                   const Centres     *c,
                   const LdaBitplane *except,
                   guint              gone)
{
  g_autofree gint32 *map = g_new0 (gint32, c->n + LDA_REGION_FIRST_CELL + 1);

  for (guint i = 0; i < c->n; i++)
    if (i != gone)
      map[at (base, c->x[i], c->y[i])] = at (carried, c->x[i], c->y[i]);

  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      {
        const gint32 b = at (base, x, y);

        if (lda_bitplane_get (except, x, y))
          continue;
        if (b >= LDA_REGION_FIRST_CELL)
          g_assert_cmpint (at (carried, x, y), ==, map[b]);
        else
          g_assert_cmpint (at (carried, x, y), ==, b);
      }
}

/* Nuclei a pixel larger all round, as a lower threshold makes them:
 * each keeps its cell, whose outlines stay where they were; the outlines
 * of the exact cells are within a pixel of them nearly everywhere. */
static void
test_grown (void)
{
  Centres c;
  g_autoptr(LdaBitplane) area = full_area ();
  g_autoptr(LdaBitplane) small = NULL;
  g_autoptr(LdaBitplane) grown = NULL;
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;
  g_autoptr(LdaRegions) want = NULL;
  guint outlines = 0, near = 0;

  grid_centres (&c);
  small = discs (&c, RADIUS, G_MAXUINT);
  grown = discs (&c, RADIUS + 1, G_MAXUINT);
  base = exact (area, small);
  carried = carry (base, area, grown);
  g_assert_nonnull (carried);
  assert_cells_kept (base, carried, &c, grown, G_MAXUINT);
  assert_outlined (carried);

  /* The nuclei are their cells' seeds. */
  for (guint i = 0; i < c.n; i++)
    g_assert_cmpint (at (carried, c.x[i] + RADIUS, c.y[i]), ==, at (carried, c.x[i], c.y[i]));

  want = exact (area, grown);
  for (int y = 2; y < H - 2; y++)
    for (int x = 2; x < W - 2; x++)
      if (at (want, x, y) == LDA_REGION_OUTLINE)
        {
          gboolean found = FALSE;

          outlines++;
          for (int v = y - 1; v <= y + 1; v++)
            for (int u = x - 1; u <= x + 1; u++)
              found |= at (carried, u, v) == LDA_REGION_OUTLINE;
          near += found;
        }
  g_assert_cmpuint (outlines, >, 0);
  g_assert_cmpfloat ((double) near / outlines, >, 0.9);
}

/* A nucleus gone: its cell goes to the cells round it, flooded again;
 * every other cell stays as it was. */
static void
test_removed (void)
{
  Centres c;
  g_autoptr(LdaBitplane) area = full_area ();
  g_autoptr(LdaBitplane) all = NULL;
  g_autoptr(LdaBitplane) fewer = NULL;
  g_autoptr(LdaBitplane) old_cell = lda_test_plane_new (W, H);
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;
  /* One inside, away from the frame. */
  const guint gone = 3 * (W / SPACING) + 4;
  gint32 label;

  grid_centres (&c);
  all = discs (&c, RADIUS, G_MAXUINT);
  fewer = discs (&c, RADIUS, gone);
  base = exact (area, all);
  label = at (base, c.x[gone], c.y[gone]);
  g_assert_cmpint (label, >=, LDA_REGION_FIRST_CELL);
  /* The old cell and the outline round it, and the pixels that outline
   * cut off from every cell, which are flooded now. */
  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      if (at (base, x, y) == label ||
          (at (base, x, y) == LDA_REGION_OUTLINE &&
           (at (base, x - 1, y) == label || at (base, x + 1, y) == label ||
            at (base, x, y - 1) == label || at (base, x, y + 1) == label)))
        lda_bitplane_set (old_cell, x, y, TRUE);
  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      if (at (base, x, y) == 0 &&
          (lda_bitplane_get (old_cell, x - 1, y) || lda_bitplane_get (old_cell, x + 1, y) ||
           lda_bitplane_get (old_cell, x, y - 1) || lda_bitplane_get (old_cell, x, y + 1)))
        lda_bitplane_set (old_cell, x, y, TRUE);

  carried = carry (base, area, fewer);
  g_assert_nonnull (carried);
  g_assert_cmpuint (carried->nuclei->n_components, ==, c.n - 1);
  assert_cells_kept (base, carried, &c, old_cell, gone);

  /* The old cell is all the neighbours' now, or outline between them. */
  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      if (lda_bitplane_get (old_cell, x, y))
        {
          const gint32 v = at (carried, x, y);

          g_assert_true (v == LDA_REGION_OUTLINE || v >= LDA_REGION_FIRST_CELL);
        }
  g_assert_cmpint (at (carried, c.x[gone], c.y[gone]), >=, LDA_REGION_FIRST_CELL);
}

/* Three nuclei far apart in a band, the middle one gone: its cell, the
 * outlines round it and the background's pixels next to them are
 * flooded again from the two cells kept, pixel for pixel as the exact
 * watershed floods them on the whole frame's relief, though the kept
 * nuclei lie farther from them than the carry's tiles reach. */
static void
test_far_apart (void)
{
  g_autoptr(LdaBitplane) area = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) three = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) two = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) both = NULL;
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;
  g_autofree gint32 *want = g_new (gint32, W * H);
  g_autofree guint8 *relief = g_new (guint8, W * H);
  g_autoptr(GError) error = NULL;
  gint32 gone;

  /* A band, less than the quarter of the frame the carry floods again
   * at most. */
  lda_test_plane_fill (area, 0, 120, W, 40);
  lda_test_plane_disc (three, 40, 140, RADIUS);
  lda_test_plane_disc (three, 100, 140, RADIUS);
  lda_test_plane_disc (three, 260, 140, RADIUS);
  lda_test_plane_disc (two, 40, 140, RADIUS);
  lda_test_plane_disc (two, 260, 140, RADIUS);

  base = exact (area, three);
  gone = at (base, 100, 140);
  carried = carry (base, area, two);
  g_assert_nonnull (carried);

  /* What the carry should flood again, from the cells it keeps. */
  memcpy (want, carried->regions, sizeof (gint32) * W * H);
  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      if (at (base, x, y) == gone ||
          (at (base, x, y) == LDA_REGION_OUTLINE &&
           (at (base, x - 1, y) == gone || at (base, x + 1, y) == gone ||
            at (base, x, y - 1) == gone || at (base, x, y + 1) == gone)))
        want[y * W + x] = 0;
  for (int y = 1; y < H - 1; y++)
    for (int x = 1; x < W - 1; x++)
      if (at (base, x, y) == LDA_REGION_BACKGROUND && lda_bitplane_get (area, x, y) &&
          (want[y * W + x - 1] == 0 || want[y * W + x + 1] == 0 ||
           want[(y - 1) * W + x] == 0 || want[(y + 1) * W + x] == 0))
        want[y * W + x] = 0;
  both = lda_bitplane_copy (area, NULL);
  lda_bitplane_or (both, two);
  g_assert_true (lda_relief (two, both, relief, NULL, &error));
  g_assert_true (lda_watershed (want, relief, W, H, NULL, &error));
  g_assert_no_error (error);

  /* The old cell went to both neighbours. */
  g_assert_cmpint (at (carried, 80, 140), ==, at (carried, 40, 140));
  g_assert_cmpint (at (carried, 170, 140), ==, at (carried, 260, 140));
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      g_assert_cmpint (at (carried, x, y), ==, want[y * W + x]);
}

/* Two parts of the area, the right one without a nucleus: the
 * background floods it.  A nucleus appears in it: it becomes that
 * nucleus's cell, as in the exact watershed, pixel for pixel. */
static void
test_new_in_empty_part (void)
{
  g_autoptr(LdaBitplane) area = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) before = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) after = NULL;
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;
  g_autoptr(LdaRegions) want = NULL;

  /* The right part less than the quarter of the frame the carry floods
   * again at most. */
  lda_test_plane_fill (area, 10, 10, 150, 250);
  lda_test_plane_fill (area, 180, 10, 100, 150);
  lda_test_plane_disc (before, 60, 60, RADIUS);
  lda_test_plane_disc (before, 70, 160, RADIUS);
  after = lda_bitplane_copy (before, NULL);
  lda_test_plane_disc (after, 220, 120, RADIUS);

  base = exact (area, before);
  g_assert_cmpint (at (base, 200, 40), ==, LDA_REGION_BACKGROUND);
  carried = carry (base, area, after);
  g_assert_nonnull (carried);
  want = exact (area, after);
  g_assert_cmpint (at (want, 200, 40), >=, LDA_REGION_FIRST_CELL);
  for (int y = 0; y < H; y++)
    for (int x = 170; x < W; x++)
      g_assert_cmpint (at (carried, x, y), ==, at (want, x, y));
}

/* A nucleus at the area's edge shrinks while a speck of nucleus appears
 * just outside the area, next to where it was: the speck's cell and the
 * nucleus's are kept apart by an outline, as in the exact flood. */
static void
test_speck_outside (void)
{
  g_autoptr(LdaBitplane) area = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) before = lda_test_plane_new (W, H);
  g_autoptr(LdaBitplane) after = lda_test_plane_new (W, H);
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;

  lda_test_plane_fill (area, 10, 10, 30, 30);
  lda_test_plane_fill (before, 10, 20, 3, 3);
  lda_test_plane_fill (before, 30, 30, 3, 3);
  lda_test_plane_fill (after, 11, 20, 2, 3);
  lda_test_plane_fill (after, 30, 30, 3, 3);
  lda_bitplane_set (after, 9, 21, TRUE);

  base = exact (area, before);
  carried = carry (base, area, after);
  g_assert_nonnull (carried);
  g_assert_cmpint (at (carried, 9, 21), !=, at (carried, 11, 21));
  assert_outlined (carried);
}

/* Every nucleus moved half a cell away: too much to carry. */
static void
test_declined (void)
{
  Centres c, moved;
  g_autoptr(LdaBitplane) area = full_area ();
  g_autoptr(LdaBitplane) before = NULL;
  g_autoptr(LdaBitplane) after = NULL;
  g_autoptr(LdaRegions) base = NULL;
  g_autoptr(LdaRegions) carried = NULL;

  grid_centres (&c);
  moved = c;
  for (guint i = 0; i < c.n; i++)
    {
      moved.x[i] += SPACING / 2;
      moved.y[i] += SPACING / 2;
    }
  before = discs (&c, RADIUS, G_MAXUINT);
  after = discs (&moved, RADIUS, G_MAXUINT);
  base = exact (area, before);
  carried = carry (base, area, after);
  g_assert_null (carried);
}

/* A confluent culture, as the dense benchmark draws it: touching cells
 * with a nucleus each on a jittered grid, a third of them dead. */
#define FRAME 384

static void
paint_disc (guint16 *data,
            int      cx,
            int      cy,
            int      r,
            guint16  value,
            int      ring)
{
  for (int y = MAX (cy - r, 0); y <= MIN (cy + r, FRAME - 1); y++)
    for (int x = MAX (cx - r, 0); x <= MIN (cx + r, FRAME - 1); x++)
      {
        const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);

        if (d2 <= r * r && (ring == 0 || d2 >= (r - ring) * (r - ring)))
          data[y * FRAME + x] = value;
      }
}

static void
dense_triple (LdaImage **images)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const guint16 fill[3] = { 9000, 300, 250 };
  const int noise[3] = { 500, 80, 60 };
  guint16 *data[3];

  for (guint i = 0; i < 3; i++)
    {
      images[i] = lda_image_new (LDA_PIXEL_U16, FRAME, FRAME, NULL);
      data[i] = images[i]->data;
      for (guint p = 0; p < FRAME * FRAME; p++)
        data[i][p] = fill[i];
    }
  for (int j = 0, y = 0; y < FRAME + 36; j++, y += 36)
    for (int x = -36; x < FRAME + 36; x += 36)
      {
        const int cx = x + (j % 2 ? 18 : 0) + g_rand_int_range (rand, -6, 7);
        const int cy = y + g_rand_int_range (rand, -6, 7);
        const int r = g_rand_int_range (rand, 14, 23);
        const int nx = cx + g_rand_int_range (rand, -4, 5), ny = cy + g_rand_int_range (rand, -4, 5);
        const int nr = g_rand_int_range (rand, 5, 10);

        paint_disc (data[0], cx, cy, r, 14000 + g_rand_int_range (rand, 0, 4000), 0);
        paint_disc (data[0], cx, cy, r, 4000, 2);
        if (g_rand_double (rand) < 1.0 / 3)
          {
            paint_disc (data[2], nx, ny, nr, 6000 + g_rand_int_range (rand, 0, 6000), 0);
            paint_disc (data[1], nx, ny, nr, 1200, 0);
          }
        else
          paint_disc (data[1], nx, ny, nr, 5000 + g_rand_int_range (rand, 0, 8000), 0);
      }
  for (guint i = 0; i < 3; i++)
    for (guint p = 0; p < FRAME * FRAME; p++)
      data[i][p] = CLAMP (data[i][p] + g_rand_int_range (rand, -noise[i], noise[i] + 1), 0, 65535);
}

static LdaImage *
fresh_labels (LdaImage       **images,
              const LdaParams *params)
{
  g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (images[0], images[1], images[2], NULL);

  g_assert_true (lda_pipeline_set_params (pipeline, params, NULL));
  g_assert_true (lda_pipeline_run (pipeline, NULL, NULL));
  return lda_image_ref (lda_pipeline_get_labels (pipeline));
}

/* The slider let go: the next run is exact, byte for byte what a fresh
 * pipeline gives. */
static void
assert_exact_at_rest (LdaPipeline     *pipeline,
                      LdaImage       **images,
                      const LdaParams *params)
{
  g_autoptr(LdaImage) want = NULL;
  g_autoptr(GError) error = NULL;

  lda_pipeline_set_dragging (pipeline, FALSE);
  g_assert_false (lda_pipeline_is_done (pipeline));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lda_pipeline_is_exact (pipeline));
  want = fresh_labels (images, params);
  g_assert_true (memcmp (lda_pipeline_get_labels (pipeline)->data, want->data,
                         lda_image_n_bytes (want)) == 0);
}

/* Through the pipeline, on a frame that cells cover, with the nuclei
 * split (carried too) and unsplit (split exactly at every change): a
 * drag's cells are carried, not exact, and the run once it rests gives
 * what a fresh pipeline gives, byte for byte. */
static void
test_pipeline_drag (void)
{
  LdaImage *images[3];

  dense_triple (images);
  for (guint split = 0; split < 2; split++)
    {
      g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (images[0], images[1], images[2], NULL);
      g_autoptr(GError) error = NULL;
      LdaParams params = *lda_pipeline_get_params (pipeline);
      const double base = params.channel[LDA_CHANNEL_HOECHST].offset;
      const LdaRegions *regions;

      params.nuclei.split = split;
      g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
      g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
      regions = lda_pipeline_get_regions (pipeline);
      /* One piece of the flood covers most of the frame. */
      g_assert_cmpuint (regions->largest_piece, >, FRAME * FRAME / 2);

      lda_pipeline_set_dragging (pipeline, TRUE);
      for (guint step = 1; step <= 4; step++)
        {
          params.channel[LDA_CHANNEL_HOECHST].offset = base - 0.05 * step;
          params.channel[LDA_CHANNEL_HOECHST].use_offset = TRUE;
          g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
          g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
          g_assert_no_error (error);
          /* Not exact, though the nuclei are when not split. */
          g_assert_false (lda_pipeline_is_exact (pipeline));
        }

      assert_exact_at_rest (pipeline, images, &params);
    }
  for (guint i = 0; i < 3; i++)
    lda_image_unref (images[i]);
}

/* The cell area's slider dragged on the same frame: its cells are
 * carried onto the moved area (lda-regions-area.c), never outside it,
 * and the run once it rests gives what a fresh pipeline gives. */
static void
test_pipeline_drag_cell_area (void)
{
  LdaImage *images[3];
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;
  double base;

  dense_triple (images);
  pipeline = lda_pipeline_new (images[0], images[1], images[2], NULL);
  params = *lda_pipeline_get_params (pipeline);
  base = params.channel[LDA_CHANNEL_CELL_AREA].offset;
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));

  lda_pipeline_set_dragging (pipeline, TRUE);
  for (guint step = 1; step <= 4; step++)
    {
      const LdaBitplane *cell_area, *nuclei;
      const guint8 *labels;
      gsize outside = 0;

      params.channel[LDA_CHANNEL_CELL_AREA].offset = base + 0.03 * step;
      params.channel[LDA_CHANNEL_CELL_AREA].use_offset = TRUE;
      g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
      g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (lda_pipeline_is_exact (pipeline));

      cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
      nuclei = lda_pipeline_get_nuclei (pipeline)->mask;
      labels = lda_image_u8 (lda_pipeline_get_labels (pipeline));
      for (guint y = 0; y < FRAME; y++)
        for (guint x = 0; x < FRAME; x++)
          if (!lda_bitplane_get (cell_area, x, y) && !lda_bitplane_get (nuclei, x, y))
            outside += labels[y * FRAME + x] != 0;
      g_assert_cmpuint (outside, ==, 0);
    }

  assert_exact_at_rest (pipeline, images, &params);
  for (guint i = 0; i < 3; i++)
    lda_image_unref (images[i]);
}

/* The cell area's drag, its masks made (as the window's preview makes
 * them) and its cells not yet, then a nucleus slider moved within the
 * same drag: the cells kept for the cell area were made from other
 * nuclei and must not be carried onto these.  The labels stay those of
 * the new nuclei, and the run at rest is exact. */
static void
test_pipeline_drag_area_then_nuclei (void)
{
  LdaImage *images[3];
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRuns) before = NULL;
  LdaParams params;

  dense_triple (images);
  pipeline = lda_pipeline_new (images[0], images[1], images[2], NULL);
  params = *lda_pipeline_get_params (pipeline);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));

  lda_pipeline_set_dragging (pipeline, TRUE);
  params.channel[LDA_CHANNEL_CELL_AREA].offset += 0.03;
  params.channel[LDA_CHANNEL_CELL_AREA].use_offset = TRUE;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run_masks (pipeline, NULL, &error));

  before = lda_runs_copy (lda_pipeline_get_nuclei (pipeline)->objects, NULL);
  params.channel[LDA_CHANNEL_HOECHST].offset *= 4;
  params.channel[LDA_CHANNEL_HOECHST].use_offset = TRUE;
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  /* The nuclei moved. */
  g_assert_true (before->n_runs != lda_pipeline_get_nuclei (pipeline)->objects->n_runs ||
                 memcmp (before->runs, lda_pipeline_get_nuclei (pipeline)->objects->runs,
                         before->n_runs * sizeof (LdaRun)) != 0);
  /* Every cell is one of these nuclei's. */
  {
    const LdaRegions *regions = lda_pipeline_get_regions (pipeline);
    const LdaNuclei *nuclei = lda_pipeline_get_nuclei (pipeline);
    gint32 most = 0;

    g_assert_cmpuint (regions->nuclei->n_components, ==, nuclei->objects->n_components);
    g_assert_cmpuint (regions->nuclei->n_runs, ==, nuclei->objects->n_runs);
    g_assert_true (memcmp (regions->nuclei->runs, nuclei->objects->runs,
                           nuclei->objects->n_runs * sizeof (LdaRun)) == 0);
    for (gsize i = 0; i < (gsize) FRAME * FRAME; i++)
      most = MAX (most, regions->regions[i]);
    g_assert_cmpint (most, <, (gint32) nuclei->objects->n_components + LDA_REGION_FIRST_CELL);
  }
  assert_exact_at_rest (pipeline, images, &params);
  for (guint i = 0; i < 3; i++)
    lda_image_unref (images[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regions-carry/same", test_same);
  g_test_add_func ("/regions-carry/grown", test_grown);
  g_test_add_func ("/regions-carry/removed", test_removed);
  g_test_add_func ("/regions-carry/far-apart", test_far_apart);
  g_test_add_func ("/regions-carry/new-in-empty-part", test_new_in_empty_part);
  g_test_add_func ("/regions-carry/speck-outside", test_speck_outside);
  g_test_add_func ("/regions-carry/declined", test_declined);
  g_test_add_func ("/regions-carry/pipeline-drag", test_pipeline_drag);
  g_test_add_func ("/regions-carry/pipeline-drag-cell-area", test_pipeline_drag_cell_area);
  g_test_add_func ("/regions-carry/pipeline-drag-area-then-nuclei",
                   test_pipeline_drag_area_then_nuclei);

  return g_test_run ();
}
