/* test-regions-area.c — the last cells carried onto a moved cell area
 * while its slider is dragged
 *
 * Islands of cell area, one nucleus each, some grown, some shrunk, some
 * as they were: the cells carried are the exact watershed's of the new
 * area, byte for byte (one nucleus an island leaves the flood no race to
 * run); nothing moved gives the cells back; a move over too much of the
 * frame is declined.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-distance.h"
#include "lda-regions-area.h"
#include "lda-test-planes.h"
#include "lda-test-lib.h"

#define W 600
#define H 400
#define SPACING 60

typedef struct
{
  LdaBitplane *nuclei;
  LdaBitplane *before;  /* the cell area before */
  LdaBitplane *after;   /* and after the move */
  guint8      *relief;  /* of the nuclei, everywhere */
} Frame;

static void
frame_clear (Frame *f)
{
  lda_bitplane_free (f->nuclei);
  lda_bitplane_free (f->before);
  lda_bitplane_free (f->after);
  g_free (f->relief);
}

/* Discs of cell area on a grid, a nucleus in each, their radii moved by
 * -3 … 3 (0 for a third of them): the rim stays three pixels or more
 * from the nuclei. */
static void
islands (Frame *f,
         guint  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(LdaBitplane) everywhere = lda_test_plane_new (W, H);
  g_autoptr(GError) error = NULL;

  f->nuclei = lda_test_plane_new (W, H);
  f->before = lda_test_plane_new (W, H);
  f->after = lda_test_plane_new (W, H);
  for (int y = SPACING / 2; y < H; y += SPACING)
    for (int x = SPACING / 2; x < W; x += SPACING)
      {
        const int r = g_rand_int_range (rand, 12, 22);
        const int moved = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, -3, 4);

        lda_test_plane_disc (f->before, x, y, r);
        lda_test_plane_disc (f->after, x, y, r + moved);
        lda_test_plane_disc (f->nuclei, x + g_rand_int_range (rand, -2, 3),
                             y + g_rand_int_range (rand, -2, 3), 4);
      }
  lda_test_plane_fill (everywhere, 0, 0, W, H);
  f->relief = g_new (guint8, W * H);
  g_assert_true (lda_relief (f->nuclei, everywhere, f->relief, NULL, &error));
  g_assert_no_error (error);
}

static LdaRegions *
exact (const LdaBitplane *cell_area,
       const LdaBitplane *nuclei)
{
  g_autoptr(LdaBitplane) none = lda_test_plane_new (W, H);
  g_autoptr(GError) error = NULL;
  LdaRegions *regions = lda_regions_new (cell_area, nuclei, none, NULL, &error);

  g_assert_no_error (error);
  return regions;
}

/* The cells of @f->before carried onto @f->after; %NULL when declined. */
static LdaRegions *
move (const Frame *f,
      double       max_fraction)
{
  g_autoptr(LdaBitplane) area = lda_bitplane_copy (f->after, NULL);
  g_autoptr(LdaBitplane) moved = lda_bitplane_copy (f->before, NULL);
  g_autoptr(GError) error = NULL;
  LdaRegions *base = exact (f->before, f->nuclei);
  g_autofree guint8 *relief = g_memdup2 (f->relief, W * H);
  LdaRegions *out = NULL;

  lda_bitplane_xor (moved, f->after);
  lda_bitplane_or (area, f->nuclei);
  g_assert_true (lda_regions_move_area (base, area, moved, f->nuclei, f->relief, max_fraction,
                                        &out, NULL, &error));
  g_assert_no_error (error);
  /* The relief is the drag's, for its next steps: as it was. */
  g_assert_true (memcmp (relief, f->relief, W * H) == 0);
  return out;
}

/* Grown, shrunk and kept islands: the exact cells of the new area. */
static void
test_islands (void)
{
  for (guint seed = 1; seed <= 5; seed++)
    {
      Frame f = { 0, };
      g_autoptr(LdaRegions) want = NULL;
      g_autoptr(LdaRegions) got = NULL;
      gsize differ = 0;

      islands (&f, seed);
      want = exact (f.after, f.nuclei);
      got = move (&f, 0.25);
      g_assert_nonnull (got);
      for (gsize i = 0; i < (gsize) W * H; i++)
        differ += got->regions[i] != want->regions[i];
      g_assert_cmpuint (differ, ==, 0);
      frame_clear (&f);
    }
}

/* Nothing moved: the cells as they were. */
static void
test_unmoved (void)
{
  Frame f = { 0, };
  g_autoptr(LdaRegions) want = NULL;
  g_autoptr(LdaRegions) got = NULL;

  islands (&f, 3);
  lda_bitplane_free (f.after);
  f.after = lda_bitplane_copy (f.before, NULL);
  want = exact (f.before, f.nuclei);
  got = move (&f, 0.25);
  g_assert_nonnull (got);
  g_assert_true (memcmp (got->regions, want->regions, sizeof (gint32) * W * H) == 0);
  frame_clear (&f);
}

/* More of the frame to flood again than allowed: declined, no cells. */
static void
test_declined (void)
{
  Frame f = { 0, };
  g_autoptr(LdaRegions) got = NULL;

  islands (&f, 4);
  lda_test_plane_fill (f.after, 0, 0, W, H);
  got = move (&f, 0.25);
  g_assert_null (got);
  frame_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/regions-area/islands", test_islands);
  g_test_add_func ("/regions-area/unmoved", test_unmoved);
  g_test_add_func ("/regions-area/declined", test_declined);

  return g_test_run ();
}
