/* test-nucleus-parts.c — a dead nucleus pressed against a live one is cut
 * from it; a dead nucleus whose Draq7 does not fill it is not; on small
 * images whose answer is known by hand.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-compose.h"
#include "lda-nucleus-parts.h"
#include "lda-pipeline.h"
#include "lda-test-planes.h"
#include "lda-watershed.h"

#define W 80
#define H 48

/* Nucleus objects of Hoechst ∪ Draq7 as the split leaves them when it
 * finds no neck: each 4-connected piece one object, no lines. */
static LdaNuclei *
nuclei_unsplit (const LdaBitplane *hoechst,
                const LdaBitplane *draq7)
{
  LdaNuclei *self = g_new0 (LdaNuclei, 1);

  self->width = W;
  self->height = H;
  self->mask = lda_bitplane_copy (hoechst, NULL);
  lda_bitplane_or (self->mask, draq7);
  self->lines = lda_bitplane_new (W, H, NULL);
  self->objects = lda_runs_new_from_bitplane (self->mask, TRUE, NULL);
  lda_runs_label (self->objects, 4);

  return self;
}

/* Runs the cut; returns how many objects there are after it. */
static guint
cut_and_count (LdaNuclei         *nuclei,
               const LdaBitplane *draq7,
               gint               expect_cut)
{
  g_autoptr(LdaBitplane) objects = lda_bitplane_copy (nuclei->mask, NULL);
  g_autoptr(LdaRuns) after = NULL;

  g_assert_cmpint (lda_nucleus_parts_cut (nuclei, objects, draq7, 20, NULL), ==, expect_cut);
  /* The lines are taken out of the objects, and are part of the mask. */
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      if (lda_bitplane_get (nuclei->lines, x, y))
        {
          g_assert_false (lda_bitplane_get (objects, x, y));
          g_assert_true (lda_bitplane_get (nuclei->mask, x, y));
          g_assert_false (lda_bitplane_get (draq7, x, y));
        }
  after = lda_runs_new_from_bitplane (objects, TRUE, NULL);
  lda_runs_label (after, 4);

  return after->n_components;
}

/* A dead disc (radius 12, in the Draq7 mask) pressed against a live one
 * (only Hoechst), their centres 18 apart. */
static void
draw_dead_against_live (LdaBitplane *hoechst,
                        LdaBitplane *draq7)
{
  lda_test_plane_disc (hoechst, 40, 24, 12);
  lda_test_plane_disc (hoechst, 22, 24, 12);
  lda_test_plane_disc (draq7, 22, 24, 12);
}

/* A dead disc (radius 12, in the Draq7 mask) pressed against a live one
 * (only Hoechst) with centres 18 apart: they share a face about 16
 * pixels long, which the live part's width (22) is not much more than.
 * They are cut into two objects along the live side of that face, and no
 * Draq7 pixel is a 4-neighbour of the live object any more. */
static void
test_dead_against_live (void)
{
  g_autoptr(LdaBitplane) hoechst = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaBitplane) draq7 = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaNuclei) nuclei = NULL;

  draw_dead_against_live (hoechst, draq7);
  nuclei = nuclei_unsplit (hoechst, draq7);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);

  g_assert_cmpuint (cut_and_count (nuclei, draq7, 1), ==, 2);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), >=, 10);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), <=, 24);
  for (guint y = 0; y < H; y++)
    for (guint x = 1; x < W; x++)
      if (lda_bitplane_get (nuclei->lines, x, y))
        g_assert_true (lda_bitplane_get (draq7, x - 1, y) ||
                       lda_bitplane_get (draq7, x, y - 1) ||
                       lda_bitplane_get (draq7, x, y + 1));
}

/* One nucleus whose Draq7 fills its left half: the halves meet along its
 * whole diameter (31), more than 1.25 × the width of a half (21), so it
 * stays one.  The same with a Draq7 core and a Hoechst rim around it. */
static void
test_dead_nucleus_kept_whole (void)
{
  g_autoptr(LdaBitplane) hoechst = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaBitplane) draq7 = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaNuclei) nuclei = NULL;

  lda_test_plane_disc (hoechst, 40, 24, 15);
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < 40; x++)
      if (lda_bitplane_get (hoechst, x, y))
        lda_bitplane_set (draq7, x, y, TRUE);
  nuclei = nuclei_unsplit (hoechst, draq7);
  g_assert_cmpuint (cut_and_count (nuclei, draq7, 0), ==, 1);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), ==, 0);

  g_clear_pointer (&draq7, lda_bitplane_free);
  draq7 = lda_bitplane_new (W, H, NULL);
  lda_test_plane_disc (draq7, 40, 24, 9);
  g_clear_pointer (&nuclei, lda_nuclei_free);
  nuclei = nuclei_unsplit (hoechst, draq7);
  g_assert_cmpuint (cut_and_count (nuclei, draq7, 0), ==, 1);
}

/* A live part much smaller than the dead nucleus it hangs on (a third of
 * it or less) is not a nucleus of its own, however narrow the neck. */
static void
test_small_part_kept (void)
{
  g_autoptr(LdaBitplane) hoechst = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaBitplane) draq7 = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaNuclei) nuclei = NULL;

  lda_test_plane_disc (draq7, 30, 24, 14);
  lda_test_plane_disc (hoechst, 30, 24, 14);
  lda_test_plane_disc (hoechst, 48, 24, 6);
  nuclei = nuclei_unsplit (hoechst, draq7);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
  g_assert_cmpuint (cut_and_count (nuclei, draq7, 0), ==, 1);
}

/* Through lda_nuclei_new() and the counts: the dead and the live disc of
 * test_dead_against_live() are one dead and one live nucleus, and the
 * mask's 4-connected class-4 and class-3 components say the same. */
static void
test_counted_apart (void)
{
  g_autoptr(LdaBitplane) hoechst = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaBitplane) draq7 = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaBitplane) cells = lda_bitplane_new (W, H, NULL);
  g_autoptr(LdaNuclei) nuclei = NULL;
  g_autoptr(LdaRegions) regions = NULL;
  g_autoptr(LdaCounts) counts = NULL;
  LdaNucleusParams p;

  lda_nucleus_params_init_preset (&p, LDA_PRESET_ROBUST);
  /* Deep enough that the shape alone does not split them. */
  p.split_depth = 8.0;
  draw_dead_against_live (hoechst, draq7);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_nonnull (nuclei);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 2);

  regions = lda_regions_new_from_nuclei (cells, nuclei, NULL, NULL);
  g_assert_nonnull (regions);
  counts = lda_counts_new_full (regions, hoechst, draq7, NULL);
  g_assert_cmpuint (counts->n_objects, ==, 2);
  g_assert_cmpuint (counts->live, ==, 1);
  g_assert_cmpuint (counts->dead, ==, 1);

  /* Without the cut the shape keeps them one. */
  p.split = FALSE;
  g_clear_pointer (&nuclei, lda_nuclei_free);
  nuclei = lda_nuclei_new (hoechst, draq7, NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nucleus-parts/dead-against-live", test_dead_against_live);
  g_test_add_func ("/nucleus-parts/dead-nucleus-kept-whole", test_dead_nucleus_kept_whole);
  g_test_add_func ("/nucleus-parts/small-part-kept", test_small_part_kept);
  g_test_add_func ("/nucleus-parts/counted-apart", test_counted_apart);

  return g_test_run ();
}
