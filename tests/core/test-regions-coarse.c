/* test-regions-coarse.c — the cells flooded at a coarser resolution, the
 * preview of a Hoechst drag with the panes zoomed out
 *
 * A bit plane halved is the OR of each 2 × 2, at every width around a
 * word's.  The coarse cells are exact where they must be (background
 * outside the area, each nucleus its own cell's, the frame's ring), their
 * outlines one pixel wide, and most cell pixels in the cell the exact
 * flood puts them in.  Zoomed in, the cells of what the panes show are
 * the exact ones.  Through a pipeline: a drag of the Hoechst slider
 * zoomed out gives coarse cells, not exact, one at 1:1 exact cells where
 * the panes look and coarse ones elsewhere, or the exact flood where they
 * show most of the frame, with a margin round them as wide as the cells
 * reach, a drag of the Draq7 slider the same, or the
 * exact cells copied from the last flood where the view is not known,
 * and the slider at rest the labels of a pipeline that never dragged.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-compose.h"
#include "lda-pipeline.h"
#include "lda-regions-coarse.h"
#include "lda-regions-coarse-private.h"
#include "lda-regions-rect.h"
#include "lda-test-lib.h"

static void
test_halved (void)
{
  const guint sizes[][2] = { { 1, 1 }, { 2, 2 }, { 63, 5 }, { 64, 3 }, { 65, 7 },
                             { 127, 4 }, { 128, 9 }, { 130, 9 }, { 257, 33 } };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const guint w = sizes[s][0], h = sizes[s][1];
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaBitplane) plane = lda_bitplane_new (w, h, &error);
      g_autoptr(LdaBitplane) half = NULL;

      g_assert_no_error (error);
      /* Sparse, so that most 2 × 2 are empty and an OR that reads the
       * wrong pixel shows. */
      for (guint y = 0; y < h; y++)
        for (guint x = 0; x < w; x++)
          lda_bitplane_set (plane, x, y, g_rand_int_range (rand, 0, 7) == 0);
      half = lda_bitplane_new_halved (plane, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (half->width, ==, (w + 1) / 2);
      g_assert_cmpuint (half->height, ==, (h + 1) / 2);
      for (guint y = 0; y < half->height; y++)
        {
          for (guint x = 0; x < half->width; x++)
            {
              gboolean any = FALSE;

              for (guint j = 2 * y; j < MIN (2 * y + 2, h); j++)
                for (guint i = 2 * x; i < MIN (2 * x + 2, w); i++)
                  any |= lda_bitplane_get (plane, i, j);
              g_assert_cmpint (lda_bitplane_get (half, x, y), ==, any);
            }
          /* The padding stays clear. */
          if (half->width % 64 != 0)
            g_assert_cmpuint (lda_bitplane_row (half, y)[half->stride - 1] &
                              ~lda_bitplane_last_mask (half), ==, 0);
        }
    }
}

/* The 2 × 2 squares of outline pixels at least 2^@shift pixels from the
 * frame's edge. */
static gsize
outline_squares (const gint32 *c,
                 guint         w,
                 guint         h,
                 guint         shift)
{
  gsize n = 0;

  for (guint y = 1u << shift; y + 1 + (1u << shift) < h; y++)
    for (guint x = 1u << shift; x + 1 + (1u << shift) < w; x++)
      {
        gsize i = (gsize) y * w + x;

        n += c[i] == LDA_REGION_OUTLINE && c[i + 1] == LDA_REGION_OUTLINE &&
             c[i + w] == LDA_REGION_OUTLINE && c[i + w + 1] == LDA_REGION_OUTLINE;
      }

  return n;
}

/* How many pixels of a cell in @exact are in the same cell in @coarse,
 * as a share; with the checks of what must be exact. */
static double
check_coarse (const LdaRegions *coarse,
              const LdaRegions *exact,
              const LdaBitplane *cell_area,
              const LdaBitplane *mask,
              guint              shift)
{
  const guint w = exact->width, h = exact->height;
  const gint32 *c = coarse->regions;
  gsize cells = 0, same = 0, outlines = 0, exact_outlines = 0, in_a_cell = 0;

  g_assert_cmpuint (coarse->width, ==, w);
  g_assert_cmpuint (coarse->height, ==, h);
  g_assert_cmpuint (coarse->nuclei->n_components, ==, exact->nuclei->n_components);
  g_assert_cmpuint (coarse->nuclei->n_runs, ==, exact->nuclei->n_runs);
  g_assert_cmpuint (coarse->largest_piece, ==, 0);
  g_assert_null (coarse->relief);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gsize i = (gsize) y * w + x;
        gboolean ring = x == 0 || y == 0 || x + 1 == w || y + 1 == h;

        outlines += c[i] == LDA_REGION_OUTLINE;
        exact_outlines += exact->regions[i] == LDA_REGION_OUTLINE;
        if (ring)
          g_assert_cmpint (c[i], ==, LDA_REGION_OUTLINE);
        else if (!lda_bitplane_get (cell_area, x, y) && !lda_bitplane_get (mask, x, y))
          g_assert_cmpint (c[i], ==, LDA_REGION_BACKGROUND);
        else if (exact->regions[i] >= LDA_REGION_FIRST_CELL)
          {
            cells++;
            same += c[i] == exact->regions[i];
            in_a_cell += c[i] >= LDA_REGION_FIRST_CELL || c[i] == LDA_REGION_OUTLINE;
          }
      }

  /* Every nucleus pixel is its own cell's. */
  for (gsize r = 0; r < coarse->nuclei->n_runs; r++)
    {
      const LdaRun *run = &coarse->nuclei->runs[r];

      if (run->y == 0 || run->y + 1 == h)
        continue;
      for (guint x = MAX (run->x0, 1); x < MIN (run->x1, w - 1); x++)
        g_assert_cmpint (c[(gsize) run->y * w + x], ==,
                         LDA_REGION_FIRST_CELL + (gint32) coarse->nuclei->labels[r]);
    }

  /* Outlines one pixel wide: no 2 × 2 of them away from the ring, even
   * where coarse outlines are thick; and within a factor of three as
   * many as the exact (fewer: a coarse flood misses the smallest cells'
   * lines). */
  g_assert_cmpuint (outline_squares (c, w, h, shift), ==, 0);
  g_assert_cmpuint (outlines, >, exact_outlines / 3);
  g_assert_cmpuint (outlines, <, exact_outlines * 3);

  g_assert_cmpuint (cells, >, 0);
  /* The background never races the cells for the area: a pixel of a
   * cell is a cell's (or an outline's) in the coarse flood too. */
  g_assert_cmpfloat ((double) in_a_cell / cells, >=, 0.98);

  return (double) same / (double) cells;
}

/* The share of the cell pixels of @exact in @r that @held puts in the
 * same cell; how many there are in @n_cells. */
static double
same_cells_in (const LdaRegions *held,
               const LdaRegions *exact,
               const LdaRect    *r,
               gsize            *n_cells)
{
  gsize cells = 0, same = 0;

  for (int y = r->y; y < r->y + r->height; y++)
    for (int x = r->x; x < r->x + r->width; x++)
      {
        gsize i = (gsize) y * exact->width + (gsize) x;

        if (exact->regions[i] >= LDA_REGION_FIRST_CELL)
          {
            cells++;
            same += held->regions[i] == exact->regions[i];
          }
      }
  g_assert_cmpuint (cells, >, 0);
  *n_cells = cells;

  return (double) same / (double) cells;
}

/* The sample run with @preset's parameters (in @params), and its
 * nucleus mask in @mask: the objects' with their split lines, or
 * Hoechst ∪ Draq7. */
static LdaPipeline *
preset_pipeline (LdaPreset     preset,
                 LdaParams    *params,
                 LdaBitplane **mask)
{
  LdaPipeline *pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;

  lda_params_init_preset (params, preset);
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  if (params->nuclei.objects)
    *mask = lda_bitplane_copy (lda_pipeline_get_nuclei (pipeline)->mask, &error);
  else if ((*mask = lda_bitplane_copy (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_HOECHST),
                                       &error)))
    lda_bitplane_or (*mask, lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_DRAQ7));
  g_assert_no_error (error);

  return pipeline;
}

static void
test_exact_where_it_must (void)
{
  for (LdaPreset preset = 0; preset < LDA_N_PRESETS; preset++)
    {
      g_autoptr(LdaBitplane) mask = NULL;
      LdaParams params;
      g_autoptr(LdaPipeline) pipeline = preset_pipeline (preset, &params, &mask);
      g_autoptr(GError) error = NULL;
      const LdaBitplane *cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
      const LdaNuclei *nuclei = params.nuclei.objects ? lda_pipeline_get_nuclei (pipeline) : NULL;

      for (guint shift = 1; shift <= 3; shift++)
        {
          g_autoptr(LdaRegions) exact = NULL;
          g_autoptr(LdaRegions) coarse = NULL;
          double share;

          exact = nuclei != NULL ? lda_regions_new_from_nuclei (cell_area, nuclei, NULL, &error) :
                  lda_regions_new (cell_area, lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_HOECHST),
                                   lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_DRAQ7), NULL, &error);
          g_assert_no_error (error);
          coarse = lda_regions_new_coarse (cell_area, mask, nuclei != NULL ? nuclei->objects : NULL,
                                           shift, NULL, 0, NULL, &error);
          g_assert_no_error (error);
          share = check_coarse (coarse, exact, cell_area, mask, shift);
          g_test_message ("preset %d, 2^%u: %.1f %% of cell pixels in their exact cell",
                          preset, shift, 100.0 * share);
          g_assert_cmpfloat (share, >=, shift == 1 ? 0.9 : shift == 2 ? 0.85 : 0.8);
        }
    }
}

/* @pipeline run with the default parameters, into @params. */
static void
run_default (LdaPipeline *pipeline,
             LdaParams   *params)
{
  g_autoptr(GError) error = NULL;

  lda_params_init (params);
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
}

/* Zoomed in: in what the panes show, the exact cells but where a cell
 * reaches out of the margin; round it, coarse. */
static void
test_fine_where_shown (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRegions) exact = NULL;
  g_autoptr(LdaRegions) coarse = NULL;
  g_autoptr(LdaRegions) fine = NULL;
  const LdaBitplane *cell_area;
  const LdaNuclei *nuclei;
  /* What the panes show, and the margin round it flooded with it. */
  const LdaRect shown = { 150, 120, 200, 160 };
  const LdaRect flooded = { 150 - 64, 120 - 64, 200 + 128, 160 + 128 };
  gsize cells;
  double same_fine, same_coarse;
  LdaParams params;

  run_default (pipeline, &params);
  cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
  nuclei = lda_pipeline_get_nuclei (pipeline);
  exact = lda_regions_new_from_nuclei (cell_area, nuclei, NULL, &error);
  coarse = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, 3, NULL, 0, NULL, &error);
  fine = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, 3, &flooded, 0, NULL, &error);
  g_assert_no_error (error);

  /* Off screen, the coarse cells; the frame's ring, the background and
   * the nuclei as ever (check_coarse()). */
  check_coarse (fine, exact, cell_area, nuclei->mask, 3);
  for (guint y = 0; y < exact->height; y++)
    for (guint x = 0; x < exact->width; x++)
      {
        gboolean in_flooded = (int) x >= flooded.x && (int) x < flooded.x + flooded.width &&
                              (int) y >= flooded.y && (int) y < flooded.y + flooded.height;

        if (!in_flooded)
          g_assert_cmpint (fine->regions[(gsize) y * exact->width + x], ==,
                           coarse->regions[(gsize) y * exact->width + x]);
      }
  same_fine = same_cells_in (fine, exact, &shown, &cells);
  same_coarse = same_cells_in (coarse, exact, &shown, &cells);
  g_test_message ("in what is shown: %.2f %% of cell pixels in their exact cell, %.2f %% coarse",
                  100.0 * same_fine, 100.0 * same_coarse);
  g_assert_cmpuint (cells, >, 1000);
  g_assert_cmpfloat (same_fine, >=, 0.99);
  g_assert_cmpfloat (same_fine, >, same_coarse);
}

/* The share of @a's outline pixels in @r that have one of @b's within a
 * pixel (of the eight round them, or their own). */
static double
outlines_near (const LdaRegions *a,
               const LdaRegions *b,
               const LdaRect    *r)
{
  const guint w = a->width;
  gsize n = 0, near = 0;

  for (int y = r->y; y < r->y + r->height; y++)
    for (int x = r->x; x < r->x + r->width; x++)
      {
        gboolean found = FALSE;

        if (a->regions[(gsize) y * w + (guint) x] != LDA_REGION_OUTLINE)
          continue;
        n++;
        for (int dy = -1; dy <= 1 && !found; dy++)
          for (int dx = -1; dx <= 1 && !found; dx++)
            found = b->regions[(gsize) (y + dy) * w + (guint) (x + dx)] == LDA_REGION_OUTLINE;
        near += found;
      }
  g_assert_cmpuint (n, >, 0);

  return (double) near / (double) n;
}

/* What the panes show flooded at 2 × 2 or 4 × 4 (a large view at 1:1
 * or a little zoomed out, @fine_shift), on a rectangle at odd columns
 * and rows: off screen the coarse cells, the background and the nuclei
 * as ever, what is shown within a coarse pixel of the exact cells, and
 * no outline along the rectangle's ring, only the ring itself is the
 * wall of its flood. */
static void
check_fine_shrunk (guint fine_shift)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRegions) exact = NULL;
  g_autoptr(LdaRegions) coarse = NULL;
  g_autoptr(LdaRegions) fine = NULL;
  g_autoptr(LdaRegions) whole = NULL;
  g_autoptr(LdaRegions) compact = NULL;
  const LdaBitplane *cell_area;
  const LdaNuclei *nuclei;
  const LdaRect shown = { 151, 121, 201, 161 };
  const LdaRect flooded = { 151 - 63, 121 - 63, 201 + 127, 161 + 127 };
  gsize cells, ring_outlines = 0, ring_cells = 0;
  double same_fine, same_whole, same_coarse, near_fine, near_whole;
  LdaParams params;

  run_default (pipeline, &params);
  cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
  nuclei = lda_pipeline_get_nuclei (pipeline);
  exact = lda_regions_new_from_nuclei (cell_area, nuclei, NULL, &error);
  coarse = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, 3, NULL, 0, NULL, &error);
  fine = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, 3, &flooded, fine_shift,
                                 NULL, &error);
  whole = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, fine_shift, NULL, 0,
                                  NULL, &error);
  g_assert_no_error (error);

  check_coarse (fine, exact, cell_area, nuclei->mask, 3);
  for (guint y = 0; y < exact->height; y++)
    for (guint x = 0; x < exact->width; x++)
      {
        const gsize i = (gsize) y * exact->width + x;
        const int dx = (int) x - flooded.x, dy = (int) y - flooded.y;

        if (dx < 0 || dy < 0 || dx >= flooded.width || dy >= flooded.height)
          g_assert_cmpint (fine->regions[i], ==, coarse->regions[i]);
        /* The background and the nuclei inside, exactly. */
        else if (!lda_bitplane_get (cell_area, x, y) && !lda_bitplane_get (nuclei->mask, x, y))
          g_assert_cmpint (fine->regions[i], ==, LDA_REGION_BACKGROUND);
        else if (lda_bitplane_get (nuclei->mask, x, y) &&
                 exact->regions[i] >= LDA_REGION_FIRST_CELL)
          g_assert_cmpint (fine->regions[i], ==, exact->regions[i]);
        /* A pixel in from the ring, where a cell is, no line along it. */
        if ((dx == 1 || dy == 1 || dx == flooded.width - 2 || dy == flooded.height - 2) &&
            dx >= 1 && dy >= 1 && dx <= flooded.width - 2 && dy <= flooded.height - 2 &&
            exact->regions[i] >= LDA_REGION_FIRST_CELL)
          {
            ring_cells++;
            ring_outlines += fine->regions[i] == LDA_REGION_OUTLINE;
          }
      }
  g_test_message ("2^%u, a pixel in from the ring: %" G_GSIZE_FORMAT " outline of %"
                  G_GSIZE_FORMAT " cell pixels", fine_shift, ring_outlines, ring_cells);
  g_assert_cmpuint (ring_cells, >, 100);
  g_assert_cmpuint (ring_outlines, <, ring_cells / 10);

  /* In what is shown, most cell pixels in their exact cell, more than
   * at 8 × 8; and the outlines drawn where the cells meet, as the exact
   * ones are: nearly every exact outline pixel has one of the preview's
   * within a pixel, where the whole frame flooded as coarse, its lines
   * through the middle of its blocks (for the mipmap's samples), leaves
   * gaps along diagonals. */
  same_fine = same_cells_in (fine, exact, &shown, &cells);
  same_whole = same_cells_in (whole, exact, &shown, &cells);
  same_coarse = same_cells_in (coarse, exact, &shown, &cells);
  near_fine = outlines_near (exact, fine, &shown);
  near_whole = outlines_near (exact, whole, &shown);
  g_test_message ("in what is shown at 2^%u: %.2f %% of cell pixels in their exact cell "
                  "(the whole frame so %.2f %%, at 8 × 8 %.2f %%); %.1f %% of exact outline "
                  "pixels with one within a pixel (the whole frame so %.1f %%), %.1f %% "
                  "the other way", fine_shift, 100.0 * same_fine, 100.0 * same_whole,
                  100.0 * same_coarse, 100.0 * near_fine, 100.0 * near_whole,
                  100.0 * outlines_near (fine, exact, &shown));
  g_assert_cmpfloat (same_fine, >=, 0.9);
  g_assert_cmpfloat (same_fine, >, same_coarse);
  g_assert_cmpfloat (near_fine, >=, fine_shift == 1 ? 0.85 : 0.7);
  g_assert_cmpfloat (near_fine, >, near_whole);

  /* How far its cells reach, in the frame's pixels: its own times
   * 2^fine_shift. */
  compact = lda_regions_new_coarse_compact (cell_area, nuclei->mask, nuclei->objects, 3, &flooded,
                                            fine_shift, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_regions_get_fine_reach (compact), >, 0);
  g_assert_cmpuint (lda_regions_get_fine_reach (compact) % (1u << fine_shift), ==, 0);
}

static void
test_fine_shrunk (void)
{
  for (guint fine_shift = 1; fine_shift <= 2; fine_shift++)
    check_fine_shrunk (fine_shift);
}

/* The bundled sample tiled @n × @n times, each of its pixels @scale ×
 * @scale: cells @scale times the size. */
static LdaPipeline *
grown_pipeline (guint n,
                guint scale)
{
  LdaImage *sample[LDA_N_INPUTS];
  LdaImage *tiled[LDA_N_INPUTS];
  g_autoptr(GError) error = NULL;
  LdaPipeline *pipeline;

  lda_test_load_sample (sample);
  for (guint k = 0; k < LDA_N_INPUTS; k++)
    {
      const guint w = sample[k]->width, h = sample[k]->height;
      const guint tw = n * scale * w, th = n * scale * h;
      const guint16 *from = lda_image_u16 (sample[k]);
      guint16 *to;

      tiled[k] = lda_image_new (LDA_PIXEL_U16, tw, th, &error);
      g_assert_no_error (error);
      to = (guint16 *) lda_image_u16 (tiled[k]);
      for (guint y = 0; y < th; y++)
        for (guint x = 0; x < tw; x++)
          to[(gsize) y * tw + x] = from[(gsize) (y / scale % h) * w + x / scale % w];
    }
  pipeline = lda_pipeline_new (tiled[0], tiled[1], tiled[2], &error);
  g_assert_no_error (error);
  for (guint k = 0; k < LDA_N_INPUTS; k++)
    {
      lda_image_unref (sample[k]);
      lda_image_unref (tiled[k]);
    }

  return pipeline;
}

static LdaPipeline *
tiled_pipeline (guint n)
{
  return grown_pipeline (n, 1);
}

/* A tall flood is cut in two halves flooded apart on two threads, each
 * with SEAM_ROWS of the other: across the cut, coarse cells as good as
 * elsewhere, and what the panes show still the exact cells. */
static void
test_halves_across_the_cut (void)
{
  g_autoptr(LdaPipeline) pipeline = tiled_pipeline (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRegions) exact = NULL;
  g_autoptr(LdaRegions) coarse = NULL;
  g_autoptr(LdaRegions) fine = NULL;
  const LdaBitplane *cell_area;
  const LdaNuclei *nuclei;
  /* 600 rows: cut in two at row 500, inside what is shown. */
  const LdaRect shown = { 400, 296, 500, 408 };
  const LdaRect flooded = { 400 - 96, 296 - 96, 500 + 192, 408 + 192 };
  gsize cells;
  double same;
  LdaParams params;

  run_default (pipeline, &params);
  cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
  nuclei = lda_pipeline_get_nuclei (pipeline);
  exact = lda_regions_new_from_nuclei (cell_area, nuclei, NULL, &error);
  g_assert_no_error (error);

  /* 768 coarse rows, flooded in two halves. */
  coarse = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, 1, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (check_coarse (coarse, exact, cell_area, nuclei->mask, 1), >=, 0.9);

  fine = lda_regions_new_coarse (cell_area, nuclei->mask, nuclei->objects, 3, &flooded, 0, NULL, &error);
  g_assert_no_error (error);
  same = same_cells_in (fine, exact, &shown, &cells);
  g_test_message ("across the cut: %.2f %% of cell pixels in their exact cell", 100.0 * same);
  g_assert_cmpuint (cells, >, 10000);
  g_assert_cmpfloat (same, >=, 0.99);
}

/* How far a flood's cells reach from their nuclei: on an area all cell,
 * nuclei a column (or two) at its edge, the relief of a pixel its
 * distance to the column, and the reach the distance that 99 % of the
 * area's pixels lie within, counted in both halves of a tall flood. */
static void
test_reach (void)
{
  const guint w = 200, h = 420;

  for (guint columns = 1; columns <= 2; columns++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaBitplane) area = lda_bitplane_new (w, h, &error);
      g_autoptr(LdaBitplane) mask = lda_bitplane_new (w, h, &error);
      g_autoptr(LdaRuns) nuclei = NULL;
      g_autofree gint32 *out = g_new0 (gint32, (gsize) w * h);
      gsize unknown = 0;
      guint reach = 0;

      g_assert_no_error (error);
      for (guint y = 0; y < h; y++)
        {
          for (guint x = 0; x < w; x++)
            lda_bitplane_set (area, x, y, TRUE);
          lda_bitplane_set (mask, 0, y, TRUE);
          if (columns == 2)
            lda_bitplane_set (mask, w - 1, y, TRUE);
        }
      nuclei = lda_runs_new_from_bitplane (mask, TRUE, &error);
      g_assert_no_error (error);
      lda_runs_label (nuclei, 8);
      lda_watershed_wall (out, w, h);
      g_assert_true (lda_regions_flood_rect (area, mask, nuclei, &(LdaRect) { 0, 0, (int) w, (int) h },
                                             0, 0, out, w, &unknown, &reach, NULL, NULL, NULL,
                                             &error));
      g_assert_no_error (error);
      g_assert_cmpuint (unknown, >, 0);
      /* Columns 0 to 197 of 200 hold 99 %; of two columns' distances,
       * 0 to 98 twice. */
      g_assert_cmpuint (reach, ==, columns == 1 ? 197 : 98);
    }
}

/* Work beside a flood: done once, on either thread; the flood's cells
 * the same as without it; a failure of it the flood's, with its error. */
static gboolean
side_counts (gpointer   data,
             GError   **error)
{
  gint *runs = data;

  g_atomic_int_inc (runs);
  return TRUE;
}

static gboolean
side_fails (gpointer   data,
            GError   **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "the side failed");
  return FALSE;
}

static void
test_flood_beside (void)
{
  /* Tall enough to be cut in two halves. */
  const guint w = 300, h = 500;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) area = lda_bitplane_new (w, h, &error);
  g_autoptr(LdaBitplane) mask = lda_bitplane_new (w, h, &error);
  g_autoptr(LdaRuns) nuclei = NULL;
  g_autofree gint32 *alone = g_new0 (gint32, (gsize) w * h);
  g_autofree gint32 *beside = g_new0 (gint32, (gsize) w * h);
  const LdaRect all = { 0, 0, (int) w, (int) h };
  gint runs = 0;

  g_assert_no_error (error);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        lda_bitplane_set (area, x, y, (x * 7 + y * 3) % 11 != 0);
        lda_bitplane_set (mask, x, y, (x / 9 + y / 13) % 5 == 0 && x % 9 < 5 && y % 13 < 6);
      }
  nuclei = lda_runs_new_from_bitplane (mask, TRUE, &error);
  g_assert_no_error (error);
  lda_runs_label (nuclei, 8);
  lda_watershed_wall (alone, w, h);
  lda_watershed_wall (beside, w, h);

  g_assert_true (lda_regions_flood_rect (area, mask, nuclei, &all, 0, 0, alone, w, NULL, NULL,
                                         NULL, NULL, NULL, &error));
  g_assert_true (lda_regions_flood_rect (area, mask, nuclei, &all, 0, 0, beside, w, NULL, NULL,
                                         side_counts, &runs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (runs, ==, 1);
  g_assert_cmpmem (alone, (gsize) w * h * sizeof *alone, beside, (gsize) w * h * sizeof *beside);

  g_assert_false (lda_regions_flood_rect (area, mask, nuclei, &all, 0, 0, beside, w, NULL, NULL,
                                          side_fails, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* Whether the pipeline's cells are those of a flood of its nuclei. */
static gboolean
cells_exact (LdaPipeline *pipeline)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRegions) held = lda_regions_copy_full (lda_pipeline_get_regions (pipeline), &error);
  g_autoptr(LdaRegions) exact =
    lda_regions_new_from_nuclei (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA),
                                 lda_pipeline_get_nuclei (pipeline), NULL, &error);

  g_assert_no_error (error);
  return memcmp (held->regions, exact->regions,
                 (gsize) held->width * held->height * sizeof (gint32)) == 0;
}

/* The share of the cell pixels in @r that the pipeline's cells put in
 * the cell a flood of its nuclei does. */
static double
cells_exact_in (LdaPipeline   *pipeline,
                const LdaRect *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRegions) held = lda_regions_copy_full (lda_pipeline_get_regions (pipeline), &error);
  g_autoptr(LdaRegions) exact =
    lda_regions_new_from_nuclei (lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA),
                                 lda_pipeline_get_nuclei (pipeline), NULL, &error);
  gsize cells;

  g_assert_no_error (error);
  return same_cells_in (held, exact, r, &cells);
}

static void
move (LdaPipeline *pipeline,
      LdaParams   *params,
      LdaChannel   channel,
      double       by,
      gboolean     dragging)
{
  g_autoptr(GError) error = NULL;

  params->channel[channel].offset += by;
  params->channel[channel].use_offset = TRUE;
  lda_pipeline_set_dragging (pipeline, dragging);
  g_assert_true (lda_pipeline_set_params (pipeline, params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
}

static void
test_pipeline_drag (void)
{
  /* 1536 × 1536: the smallest frame whose drags flood coarse. */
  g_autoptr(LdaPipeline) pipeline = tiled_pipeline (3);
  g_autoptr(LdaPipeline) fresh = tiled_pipeline (3);
  g_autoptr(GError) error = NULL;
  LdaImage *labels, *fresh_labels;
  LdaParams params;

  run_default (pipeline, &params);

  /* At 1:1, never coarse (coarse cells have no largest piece). */
  lda_pipeline_set_preview (pipeline, 0, NULL);
  for (guint i = 0; i < 3; i++)
    {
      move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
      g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->largest_piece, >, 0);
    }

  /* Zoomed out: coarse, a preview. */
  lda_pipeline_set_preview (pipeline, 2, NULL);
  for (guint i = 0; i < 3; i++)
    {
      move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
      g_assert_false (lda_pipeline_is_exact (pipeline));
      g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->largest_piece, ==, 0);
      g_assert_false (cells_exact (pipeline));
    }

  /* At 1:1, showing a part of the frame: exact there, coarse elsewhere
   * (with its margin, no more than 640 × 640 pixels). */
  {
    const LdaRect shown = { 500, 600, 400, 300 };

    lda_pipeline_set_preview (pipeline, 0, &shown);
    move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
    g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->largest_piece, ==, 0);
    g_assert_false (cells_exact (pipeline));
    g_assert_cmpfloat (cells_exact_in (pipeline, &shown), >=, 0.99);
    g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->coarse->fine_shift, ==, 0);
  }
  /* A larger part (one pane on a large screen): more than 640 × 640
   * pixels with its margin, flooded at 2 × 2 there. */
  {
    const LdaRect shown = { 250, 300, 800, 600 };
    const LdaRegionsCoarse *coarse;
    double exact_in;

    lda_pipeline_set_preview (pipeline, 0, &shown);
    move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
    coarse = lda_pipeline_get_regions (pipeline)->coarse;
    g_assert_nonnull (coarse);
    g_assert_cmpuint (coarse->shift, ==, 3);
    g_assert_cmpuint (coarse->fine_shift, ==, 1);
    g_assert_true (coarse->fine.x <= shown.x && coarse->fine.y <= shown.y);
    g_assert_cmpint (coarse->fine.x + coarse->fine.width, >=, shown.x + shown.width);
    g_assert_cmpint (coarse->fine.y + coarse->fine.height, >=, shown.y + shown.height);
    exact_in = cells_exact_in (pipeline, &shown);
    g_test_message ("a large part shown, at 2 × 2: %.2f %% of its cell pixels exact",
                    100.0 * exact_in);
    g_assert_cmpfloat (exact_in, >=, 0.9);
    g_assert_cmpfloat (exact_in, <, 1.0);
  }
  /* Most of the frame shown: the exact flood. */
  lda_pipeline_set_preview (pipeline, 0, &(LdaRect) { 0, 0, 1400, 1400 });
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.02, TRUE);
  g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->largest_piece, >, 0);
  lda_pipeline_set_preview (pipeline, 2, NULL);

  /* The Draq7 slider: zoomed out, coarse too; at 1:1 with no view
   * known, the exact cells, copied from the last flood (each from a rest,
   * should a step move no nucleus at all). */
  for (guint shift = 2; shift <= 2; shift--)
    {
      lda_pipeline_set_dragging (pipeline, FALSE);
      g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
      g_assert_no_error (error);
      lda_pipeline_set_preview (pipeline, shift, NULL);
      for (guint i = 0; i < 3; i++)
        {
          move (pipeline, &params, LDA_CHANNEL_DRAQ7, 0.05, TRUE);
          if (shift > 0)
            g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->largest_piece, ==, 0);
          else
            g_assert_true (cells_exact (pipeline));
        }
    }
  lda_pipeline_set_preview (pipeline, 2, NULL);

  /* Zoomed out a little (one pane, the frame shown whole): no finer
   * than 512 × 512 pixels all the same, 4 × 4 on this frame. */
  lda_pipeline_set_preview (pipeline, 1, NULL);
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.05, TRUE);
  g_assert_false (lda_pipeline_is_exact (pipeline));
  g_assert_nonnull (lda_pipeline_get_regions (pipeline)->coarse);
  g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->coarse->shift, ==, 2);
  lda_pipeline_set_preview (pipeline, 3, NULL);
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.05, TRUE);
  g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->coarse->shift, ==, 3);

  /* At rest: what a pipeline that never dragged gives. */
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
  g_assert_false (lda_pipeline_is_exact (pipeline));
  lda_pipeline_set_dragging (pipeline, FALSE);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_true (lda_pipeline_is_exact (pipeline));
  g_assert_true (lda_pipeline_set_params (fresh, &params, &error));
  g_assert_true (lda_pipeline_run (fresh, NULL, &error));
  g_assert_no_error (error);
  labels = lda_pipeline_get_labels (pipeline);
  fresh_labels = lda_pipeline_get_labels (fresh);
  g_assert_cmpmem (lda_image_u8 (labels), (gsize) labels->width * labels->height,
                   lda_image_u8 (fresh_labels), (gsize) fresh_labels->width * fresh_labels->height);
}

/* One pane a little zoomed out on a 2048 × 2048 frame: what it shows
 * and its margin more than four times 640 × 640 pixels, less than half
 * the frame, flooded at 4 × 4; more than half, the exact flood. */
static void
test_large_view (void)
{
  g_autoptr(LdaPipeline) pipeline = tiled_pipeline (4);
  const LdaRect shown = { 300, 300, 1300, 1100 };
  const LdaRegionsCoarse *coarse;
  LdaParams params;

  run_default (pipeline, &params);
  lda_pipeline_set_preview (pipeline, 0, &shown);
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
  coarse = lda_pipeline_get_regions (pipeline)->coarse;
  g_assert_nonnull (coarse);
  g_assert_cmpuint (coarse->fine_shift, ==, 2);
  g_assert_true (coarse->fine.x <= shown.x && coarse->fine.y <= shown.y);
  g_assert_cmpint (coarse->fine.x + coarse->fine.width, >=, shown.x + shown.width);
  g_assert_cmpint (coarse->fine.y + coarse->fine.height, >=, shown.y + shown.height);
  g_assert_cmpfloat (cells_exact_in (pipeline, &shown), >=, 0.9);

  lda_pipeline_set_preview (pipeline, 0, &(LdaRect) { 0, 0, 1800, 1500 });
  move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
  g_assert_null (lda_pipeline_get_regions (pipeline)->coarse);
  g_assert_cmpuint (lda_pipeline_get_regions (pipeline)->largest_piece, >, 0);
}

/* At 1:1, the margin flooded round what the panes show is half as much
 * again as the last drag's cells reached: little on the sample's small
 * cells, all of FINE_MARGIN_MAX on cells three times the size, and what
 * is shown the exact cells in both. */
static void
test_margin_follows_reach (void)
{
  for (guint scale = 1; scale <= 3; scale += 2)
    {
      /* 2048 × 2048, or 1536 × 1536 of cells three times the size. */
      g_autoptr(LdaPipeline) pipeline = grown_pipeline (scale == 1 ? 4 : 1, scale);
      const LdaRect shown = { 600, 500, 400, 300 };
      const LdaRect *fine;
      LdaParams params;
      guint reach;
      int margin;

      run_default (pipeline, &params);
      lda_pipeline_set_preview (pipeline, 0, &shown);

      /* A drag's first change splits exactly, with nothing to carry yet;
       * the first preview's cells' reach is not known. */
      move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
      move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
      g_assert_nonnull (lda_pipeline_get_regions (pipeline)->coarse);
      fine = &lda_pipeline_get_regions (pipeline)->coarse->fine;
      g_assert_cmpint (fine->x, ==, shown.x - 96);
      g_assert_cmpint (fine->width, ==, shown.width + 192);
      reach = lda_regions_get_fine_reach (lda_pipeline_get_regions (pipeline));
      g_test_message ("cells %u times the sample's: reach %u", scale, reach);
      g_assert_cmpuint (reach, >, 0);

      move (pipeline, &params, LDA_CHANNEL_HOECHST, 0.01, TRUE);
      g_assert_nonnull (lda_pipeline_get_regions (pipeline)->coarse);
      fine = &lda_pipeline_get_regions (pipeline)->coarse->fine;
      margin = CLAMP ((int) reach * 3 / 2, 32, 96);
      g_assert_cmpint (fine->x, ==, shown.x - margin);
      g_assert_cmpint (fine->y, ==, shown.y - margin);
      g_assert_cmpint (fine->width, ==, shown.width + 2 * margin);
      g_assert_cmpint (fine->height, ==, shown.height + 2 * margin);
      if (scale == 1)
        g_assert_cmpint (margin, <, 96);
      else
        g_assert_cmpint (margin, ==, 96);
      g_assert_cmpfloat (cells_exact_in (pipeline, &shown), >=, 0.99);
    }
}

/* The labels and counts of @compact are those of the same cells made
 * full size. */
static void
check_compact_labels (const LdaRegions  *compact,
                      const LdaBitplane *ho,
                      const LdaBitplane *dr,
                      const LdaNuclei   *nuclei,
                      const LdaEvidence *evidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaRegions) full = lda_regions_copy_full (compact, &error);
  g_autoptr(LdaCounts) compact_counts = NULL;
  g_autoptr(LdaCounts) full_counts = NULL;
  g_autoptr(LdaImage) compact_labels = NULL;
  g_autoptr(LdaImage) full_labels = NULL;
  guint64 cell_area = 0;

  g_assert_no_error (error);
  g_assert_null (compact->regions);
  g_assert_nonnull (full->regions);
  compact_labels = lda_labels_new (compact, ho, dr, nuclei, evidence, &compact_counts, &error);
  g_assert_no_error (error);
  full_labels = lda_labels_new (full, ho, dr, nuclei, evidence, &full_counts, &error);
  g_assert_no_error (error);

  /* The same mask, byte for byte. */
  g_assert_cmpmem (lda_image_u8 (compact_labels),
                   (gsize) compact_labels->width * compact_labels->height,
                   lda_image_u8 (full_labels), (gsize) full_labels->width * full_labels->height);
  /* The same objects, calls and cells' areas, though these were counted
   * by the coarse pixels. */
  g_assert_cmpuint (compact_counts->n_objects, ==, full_counts->n_objects);
  g_assert_cmpuint (compact_counts->live, ==, full_counts->live);
  g_assert_cmpuint (compact_counts->dead, ==, full_counts->dead);
  for (guint i = 0; i < full_counts->n_objects; i++)
    {
      const LdaObject *a = &compact_counts->objects[i], *b = &full_counts->objects[i];

      g_assert_cmpuint (a->nucleus_pixels, ==, b->nucleus_pixels);
      g_assert_cmpint (a->dead, ==, b->dead);
      g_assert_cmpuint (a->cell_area, ==, b->cell_area);
      cell_area += b->cell_area;
    }
  /* Cells, not only nuclei. */
  g_assert_cmpuint (cell_area, >, 2 * compact->nuclei->n_runs);
}

static void
test_labels_compact (void)
{
  for (LdaPreset preset = 0; preset < LDA_N_PRESETS; preset++)
    {
      g_autoptr(LdaBitplane) mask = NULL;
      LdaParams params;
      g_autoptr(LdaPipeline) pipeline = preset_pipeline (preset, &params, &mask);
      g_autoptr(GError) error = NULL;
      const LdaBitplane *cell_area = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_CELL_AREA);
      const LdaBitplane *ho = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_HOECHST);
      const LdaBitplane *dr = lda_pipeline_get_mask_plane (pipeline, LDA_CHANNEL_DRAQ7);
      const LdaNuclei *nuclei = params.nuclei.objects ? lda_pipeline_get_nuclei (pipeline) : NULL;
      LdaEvidence evidence;

      evidence = (LdaEvidence) {
        lda_pipeline_get_input (pipeline, LDA_INPUT_DRAQ7),
        lda_pipeline_get_threshold (pipeline, LDA_CHANNEL_DRAQ7),
        params.nuclei.objects, lda_pipeline_get_dead_level (pipeline),
      };

      for (guint shift = 1; shift <= 3; shift++)
        for (guint f = 0; f < 1 + shift; f++)
          {
            /* Zoomed out, and at 1:1 with a part of the frame shown,
             * flooded at full size or coarser than the frame but less
             * than the rest. */
            const LdaRect shown = { 97, 130, 211, 150 };
            g_autoptr(LdaRegions) compact =
              lda_regions_new_coarse_compact (cell_area, mask, nuclei != NULL ? nuclei->objects : NULL,
                                              shift, f == 0 ? NULL : &shown, f == 0 ? 0 : f - 1,
                                              NULL, &error);

            g_assert_no_error (error);
            check_compact_labels (compact, ho, dr, nuclei, &evidence);
          }

      /* A frame whose width is no multiple of the coarse pixel's: its
       * last coarse pixels stand for fewer, counted one by one. */
      {
        g_autoptr(LdaBitplane) area_cut = lda_bitplane_new_crop (cell_area, 0, 0, 509, 507, &error);
        g_autoptr(LdaBitplane) mask_cut = lda_bitplane_new_crop (mask, 0, 0, 509, 507, &error);
        g_autoptr(LdaBitplane) ho_cut = lda_bitplane_new_crop (ho, 0, 0, 509, 507, &error);
        g_autoptr(LdaBitplane) dr_cut = lda_bitplane_new_crop (dr, 0, 0, 509, 507, &error);
        g_autoptr(LdaRegions) compact = NULL;

        g_assert_no_error (error);
        compact = lda_regions_new_coarse_compact (area_cut, mask_cut, NULL, 2,
                                                  &(LdaRect) { 200, 40, 309, 120 }, 0, NULL, &error);
        g_assert_no_error (error);
        check_compact_labels (compact, ho_cut, dr_cut, NULL, NULL);
      }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regions-coarse/halved", test_halved);
  g_test_add_func ("/regions-coarse/exact-where-it-must", test_exact_where_it_must);
  g_test_add_func ("/regions-coarse/fine-where-shown", test_fine_where_shown);
  g_test_add_func ("/regions-coarse/fine-shrunk", test_fine_shrunk);
  g_test_add_func ("/regions-coarse/halves-across-the-cut", test_halves_across_the_cut);
  g_test_add_func ("/regions-coarse/reach", test_reach);
  g_test_add_func ("/regions-coarse/flood-beside", test_flood_beside);
  g_test_add_func ("/regions-coarse/pipeline-drag", test_pipeline_drag);
  g_test_add_func ("/regions-coarse/large-view", test_large_view);
  g_test_add_func ("/regions-coarse/margin-follows-reach", test_margin_follows_reach);
  g_test_add_func ("/regions-coarse/labels-compact", test_labels_compact);

  return g_test_run ();
}
