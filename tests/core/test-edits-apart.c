/* test-edits-apart.c — a brush stroke of a nucleus class keeps nuclei
 * apart (lda-edits-apart.c): it grows the nucleus it starts on, giving
 * it the stroke's class, or a new one, leaves the others as they are and
 * keeps a line between them; a plain line (the join, Shift held in the
 * window) joins them.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "edits-test-util.h"
#include "lda-edits.h"
#include "lda-edits-private.h"
#include "lda-pipeline.h"
#include "lda-test-lib.h"

static guint
n_nuclei (const LdaEdits *edits,
          const LdaImage *automatic,
          guint           connectivity)
{
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels_full (merged, connectivity);

  return counts->n_objects;
}

/* One stroke of @klass on the frame @rows, from (@x0, @y0) to (@x1, @y1)
 * with dabs of @radius, its nuclei joined @connectivity-connected: the
 * edits are @want after it, and the frame has @nuclei nuclei. */
static void
assert_stroke (const char * const *rows,
               guint               connectivity,
               double              x0,
               double              y0,
               double              x1,
               double              y1,
               double              radius,
               LdaClass            klass,
               const char * const *want,
               guint               nuclei)
{
  const guint w = (guint) strlen (rows[0]), h = g_strv_length ((char **) rows);
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (w, h);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaNucleusStroke) stroke = NULL;
  g_autoptr(GError) error = NULL;

  stroke = lda_nucleus_stroke_new (merged, x0, y0, connectivity, &error);
  g_assert_no_error (error);
  lda_nucleus_stroke_line (stroke, edits, merged, x0, y0, x1, y1, radius, klass, NULL);
  assert_pixels (edits->pixels, w, h, want);
  g_assert_cmpuint (n_nuclei (edits, automatic, connectivity), ==, nuclei);
}

/* Two nuclei split by a line, as the pipeline splits touching ones.  A
 * stroke from the left one across the line into the right one grows the
 * left one up to the line, keeps the line, leaves the right one; a plain
 * line joins them. */
static void
test_apart_across_a_line (void)
{
  static const char * const rows[] = {
    "000000000",
    "033323330",
    "033323330",
    "033323330",
    "000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (9, 5);
  g_autoptr(LdaEdits) joined = edits_new (9, 5);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaNucleusStroke) stroke = NULL;
  g_autoptr(GError) error = NULL;
  LdaRect dirty = { 0, };

  g_assert_cmpuint (n_nuclei (edits, automatic, 8), ==, 2);

  stroke = lda_nucleus_stroke_new (merged, 2.5, 2.5, 8, &error);
  g_assert_no_error (error);
  lda_nucleus_stroke_line (stroke, edits, merged, 2.5, 2.5, 2.5, 2.5, 0.5, LDA_CLASS_HOECHST,
                           &dirty);
  g_assert_false (lda_nucleus_stroke_kept_apart (stroke));
  lda_nucleus_stroke_line (stroke, edits, merged, 2.5, 2.5, 6.5, 2.5, 0.5, LDA_CLASS_HOECHST,
                           &dirty);
  {
    static const char * const want[] = {
      ".........", ".........", "..332....", ".........", ".........", NULL,
    };

    assert_pixels (edits->pixels, 9, 5, want);
    assert_rect (&dirty, 2, 2, 3, 1);
  }
  g_assert_true (lda_nucleus_stroke_kept_apart (stroke));
  g_assert_cmpuint (n_nuclei (edits, automatic, 8), ==, 2);

  /* Joined on purpose. */
  lda_edits_line (joined, 2.5, 2.5, 6.5, 2.5, 0.5, LDA_CLASS_DRAQ7, NULL);
  g_assert_cmpuint (n_nuclei (joined, automatic, 8), ==, 1);
}

/* A stroke that crosses another nucleus from its own stops there: the
 * pixels beyond, which would reach its nucleus only across the other,
 * are left (before, they became a nucleus of their own). */
static void
test_apart_beyond_another (void)
{
  static const char * const rows[] = {
    "000000300000",
    "033300300000",
    "033300300000",
    "033300300000",
    "000000300000",
    NULL,
  };
  static const char * const want[] = {
    "............", "............", "..3332......", "............", "............", NULL,
  };

  assert_stroke (rows, 4, 2.5, 2.5, 10.5, 2.5, 0.5, LDA_CLASS_HOECHST, want, 2);
}

/* Where nuclei join by their sides only, a pixel of a dab that meets the
 * stroke's nucleus by a corner alone is left: painted, it would be a
 * nucleus of one pixel. */
static void
test_apart_no_corner_specks (void)
{
  static const char * const rows[] = {
    "0030000",
    "0000000",
    "0000300",
    "0000000",
    "0000000",
    NULL,
  };
  /* A dab of 3 × 3 pixels from (1, 1): (2, 1) and (3, 2) touch the two
   * nuclei, so they are the line, and cut (3, 1) off but for a corner. */
  static const char * const want[] = {
    ".......", ".32....", ".332...", ".333...", ".......", NULL,
  };

  assert_stroke (rows, 4, 2.5, 2.5, 2.5, 2.5, 1.5, LDA_CLASS_HOECHST, want, 3);
}

/* Started off the nuclei, a stroke is a nucleus of its own: painted up to
 * its neighbour, it keeps a line from it. */
static void
test_apart_new_nucleus (void)
{
  static const char * const rows[] = {
    "000000000",
    "033300000",
    "033300000",
    "033300000",
    "000000000",
    NULL,
  };
  static const char * const want[] = {
    ".........", ".........", "....2333.", ".........", ".........", NULL,
  };

  assert_stroke (rows, 8, 7.5, 2.5, 4.5, 2.5, 0.5, LDA_CLASS_HOECHST, want, 2);
}

/* Where nuclei join only through their sides (connectivity 4), a corner
 * next to another nucleus is no join: painted.  Where corners join
 * (connectivity 8), it is kept as the line. */
static void
test_apart_connectivity (void)
{
  static const char * const rows[] = {
    "0000000",
    "0330000",
    "0330000",
    "0000330",
    "0000330",
    "0000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);

  for (guint connectivity = 4; connectivity <= 8; connectivity += 4)
    {
      g_autoptr(LdaEdits) edits = edits_new (7, 6);
      g_autoptr(LdaImage) merged = merge (edits, automatic);
      g_autoptr(LdaNucleusStroke) stroke = lda_nucleus_stroke_new (merged, 2.5, 2.5,
                                                                   connectivity, NULL);

      lda_nucleus_stroke_line (stroke, edits, merged, 2.5, 2.5, 3.5, 2.5, 0.5, LDA_CLASS_HOECHST,
                               NULL);
      g_assert_cmpuint (edits->pixels[2 * 7 + 3], ==,
                        connectivity == 4 ? LDA_CLASS_HOECHST : LDA_CLASS_OUTLINE);
      g_assert_cmpuint (n_nuclei (edits, automatic, connectivity), ==, 2);
    }
}

/* A stroke of the other class gives the nucleus it begins on its class,
 * all of it, as one step: a Draq7 dab at the edge of a live nucleus makes
 * it dead, a Hoechst one on a dead nucleus live; the nucleus beside it,
 * and the outline between, are left.  Before, the nucleus was left half
 * one class and half the other. */
static void
test_apart_gives_class (void)
{
  static const char * const rows[] = {
    "00000000000",
    "03332044400",
    "03332044400",
    "03332044400",
    "00000000000",
    NULL,
  };
  static const char * const dead[] = {
    "...........", ".444.......", ".444.......", ".444.......", "...........", NULL,
  };
  static const char * const live[] = {
    "...........", "......333..", "......333..", "......333..", "...........", NULL,
  };
  const guint w = 11, h = 5;
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);

  for (guint k = 0; k < 2; k++)
    {
      const LdaClass klass = k == 0 ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST;
      const double x = k == 0 ? 1.5 : 8.5;
      g_autoptr(LdaEdits) edits = edits_new (w, h);
      g_autoptr(LdaImage) merged = merge (edits, automatic);
      g_autoptr(LdaImage) after = NULL;
      g_autoptr(LdaCounts) counts = NULL;
      g_autoptr(LdaNucleusStroke) stroke = lda_nucleus_stroke_new (merged, x, 1.5, 8, NULL);
      LdaRect dirty = { 0, };

      lda_nucleus_stroke_line (stroke, edits, merged, x, 1.5, x, 1.5, 0.5, klass, &dirty);
      assert_pixels (edits->pixels, w, h, k == 0 ? dead : live);
      assert_rect (&dirty, k == 0 ? 1 : 6, 1, 3, 3);
      after = merge (edits, automatic);
      counts = lda_counts_new_from_labels_full (after, 8);
      g_assert_cmpuint (counts->n_objects, ==, 2);
      g_assert_cmpuint (counts->dead, ==, k == 0 ? 2 : 0);
    }
}

/* Started in a hole of a nucleus, a stroke fills it, all of it, at its
 * first dab: the nucleus round it stays one (before, the stroke was a
 * nucleus of its own inside the other, kept apart by a line).
 * Started in a bay open to the frame's edge, it is a new nucleus as
 * before. */
static void
test_apart_fills_a_hole (void)
{
  static const char * const ring[] = {
    "0000000",
    "0333330",
    "0311130",
    "0311130",
    "0311130",
    "0333330",
    "0000000",
    NULL,
  };
  static const char * const filled[] = {
    ".......", ".......", "..333..", "..333..", "..333..", ".......", ".......", NULL,
  };
  static const char * const ring_dead[] = {
    ".......", ".44444.", ".44444.", ".44444.", ".44444.", ".44444.", ".......", NULL,
  };

  static const char * const bay[] = {
    "0311130",
    "0311130",
    "0311130",
    "0333330",
    "0000000",
    NULL,
  };

  /* A dab over the hole, or one pixel in its middle, fills all of it. */
  assert_stroke (ring, 8, 3.5, 3.5, 3.5, 3.5, 1.5, LDA_CLASS_HOECHST, filled, 1);
  assert_stroke (ring, 8, 3.5, 3.5, 3.5, 3.5, 0.5, LDA_CLASS_HOECHST, filled, 1);
  /* Of the other class, the nucleus takes it too, hole and all. */
  assert_stroke (ring, 8, 3.5, 3.5, 3.5, 3.5, 0.5, LDA_CLASS_DRAQ7, ring_dead, 1);

  /* A bay of the nucleus open to the frame's edge: no hole, a new
   * nucleus, kept apart from the other. */
  {
    g_autoptr(LdaImage) automatic = mask_from_rows (bay);
    g_autoptr(LdaEdits) edits = edits_new (7, 5);
    g_autoptr(LdaImage) merged = merge (edits, automatic);
    g_autoptr(LdaNucleusStroke) stroke = lda_nucleus_stroke_new (merged, 3.5, 1.5, 8, NULL);

    lda_nucleus_stroke_line (stroke, edits, merged, 3.5, 1.5, 3.5, 1.5, 0.5, LDA_CLASS_HOECHST,
                             NULL);
    g_assert_cmpuint (edits->pixels[1 * 7 + 3], ==, LDA_CLASS_HOECHST);
    g_assert_cmpuint (n_nuclei (edits, automatic, 8), ==, 2);
  }
}

/* Far from any other nucleus, the stroke paints as a plain line does. */
static void
test_apart_alone (void)
{
  static const char * const rows[] = {
    "0000000000000000",
    "0000000000000000",
    "0001111111000000",
    "0001133311000000",
    "0001133311000000",
    "0001111111000000",
    "0000000000000000",
    "0000000000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autoptr(LdaEdits) plain = edits_new (16, 8);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaNucleusStroke) stroke = lda_nucleus_stroke_new (merged, 6.2, 3.7, 8, NULL);

  lda_nucleus_stroke_line (stroke, edits, merged, 6.2, 3.7, 12.4, 4.1, 1.6, LDA_CLASS_HOECHST,
                           NULL);
  lda_edits_line (plain, 6.2, 3.7, 12.4, 4.1, 1.6, LDA_CLASS_HOECHST, NULL);
  g_assert_cmpmem (edits->pixels, 16 * 8, plain->pixels, 16 * 8);
  g_assert_false (lda_nucleus_stroke_kept_apart (stroke));
}

/* Whether pixel (@x, @y) has a neighbour that was a nucleus's in
 * @before, and not the stroke's (@mine). */
static gboolean
touches_another (const guint8      *before,
                 const LdaBitplane *mine,
                 guint              w,
                 guint              h,
                 guint              x,
                 guint              y,
                 guint              connectivity)
{
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        const gint qx = (gint) x + dx, qy = (gint) y + dy;
        gsize q;

        if ((connectivity == 4 && dx != 0 && dy != 0) || qx < 0 || qy < 0 ||
            (guint) qx >= w || (guint) qy >= h)
          continue;
        q = (gsize) qy * w + (guint) qx;
        if ((before[q] == LDA_CLASS_HOECHST || before[q] == LDA_CLASS_DRAQ7) &&
            !lda_bitplane_get (mine, (guint) qx, (guint) qy))
          return TRUE;
      }

  return FALSE;
}

/* Joined with Shift across the middle of the line that split them, two
 * nuclei are one, and the rest of the line inside it takes the stroke's
 * class: no outline is left within the nucleus.  The outline round the
 * nucleus, and a band of it along its edge, stay. */
static void
test_join_lines (void)
{
  static const char * const rows[] = {
    "000000000",
    "033323330",
    "033323330",
    "033323330",
    "033323330",
    "022222220",
    "022222220",
    "000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (9, 8);
  g_autoptr(LdaImage) merged = NULL;
  LdaRect stroke = { 0, };
  LdaRect dirty = { 0, };

  lda_edits_line (edits, 2.5, 2.5, 6.5, 2.5, 0.5, LDA_CLASS_HOECHST, &stroke);
  g_assert_cmpuint (n_nuclei (edits, automatic, 4), ==, 1);
  merged = merge (edits, automatic);
  g_assert_cmpuint (lda_edits_join_lines (edits, merged, &stroke, NULL, LDA_CLASS_HOECHST, 4, &dirty),
                    ==, 3);
  {
    static const char * const want[] = {
      ".........", "....3....", "..33333..", "....3....", "....3....", ".........",
      ".........", ".........", NULL,
    };

    assert_pixels (edits->pixels, 9, 8, want);
    assert_rect (&dirty, 4, 1, 1, 4);
  }

  /* A stroke of another class, or none: nothing. */
  g_assert_cmpuint (lda_edits_join_lines (edits, merged, &stroke, NULL, LDA_CLASS_CELL, 4, NULL),
                    ==, 0);
}

/* A live nucleus joined to a dead one by a Draq7 stroke is one dead
 * nucleus: the live one's pixels take the stroke's class with the line,
 * and the counts see one dead nucleus, not a live and dead one. */
static void
test_join_lines_class (void)
{
  static const char * const rows[] = {
    "000000000",
    "033324440",
    "033324440",
    "033324440",
    "022222220",
    "000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (9, 6);
  g_autoptr(LdaImage) merged = NULL;
  g_autoptr(LdaImage) after = NULL;
  LdaRect stroke = { 0, };
  LdaRect dirty = { 0, };

  lda_edits_line (edits, 2.5, 2.5, 6.5, 2.5, 0.5, LDA_CLASS_DRAQ7, &stroke);
  merged = merge (edits, automatic);
  /* The line's two other pixels and the live nucleus's nine less the
   * two the stroke painted. */
  g_assert_cmpuint (lda_edits_join_lines (edits, merged, &stroke, NULL, LDA_CLASS_DRAQ7, 4, &dirty),
                    ==, 2 + 7);
  after = merge (edits, automatic);
  {
    static const char * const want[] = {
      "000000000", "044444440", "044444440", "044444440", "022222220", "000000000", NULL,
    };

    assert_pixels (lda_image_u8 (after), 9, 6, want);
    assert_rect (&dirty, 1, 1, 4, 3);
  }
  {
    g_autoptr(LdaCounts) counts = lda_counts_new_from_labels_full (after, 4);

    g_assert_cmpuint (counts->n_objects, ==, 1);
    g_assert_cmpuint (counts->dead, ==, 1);
    g_assert_cmpuint (counts->live, ==, 0);
  }
}

/* Only the nuclei the stroke painted take its class: a nucleus in the
 * stroke's rectangle with an earlier Draq7 correction of its own, which
 * the stroke did not reach, is left as it was (it was given the class
 * whole when the nuclei were told by the class in the rectangle). */
static void
test_join_lines_only_painted (void)
{
  static const char * const rows[] = {
    "000000000",
    "033323330",
    "033323330",
    "033323330",
    "000000000",
    "033300000",
    "033300000",
    "000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (9, 8);
  g_autoptr(LdaImage) merged = NULL;
  g_autofree guint8 *before = NULL;
  LdaRect stroke = { 0, };
  LdaRect dirty = { 0, };

  /* An earlier correction: one pixel of the lower nucleus made Draq7. */
  edits->pixels[5 * 9 + 3] = LDA_CLASS_DRAQ7;
  before = g_memdup2 (edits->pixels, 9 * 8);
  /* Across the line, then down the column right of the lower nucleus's
   * gap: its rectangle holds that pixel. */
  lda_edits_line (edits, 2.5, 2.5, 5.5, 2.5, 0.5, LDA_CLASS_DRAQ7, &stroke);
  lda_edits_line (edits, 5.5, 2.5, 5.5, 6.5, 0.5, LDA_CLASS_DRAQ7, &stroke);
  g_assert_cmpint (stroke.x, <=, 3);
  g_assert_cmpint (stroke.y + stroke.height, >=, 6);
  merged = merge (edits, automatic);

  lda_edits_join_lines (edits, merged, &stroke, before, LDA_CLASS_DRAQ7, 4, &dirty);
  for (guint y = 5; y <= 6; y++)
    for (guint x = 1; x <= 3; x++)
      g_assert_cmpuint (edits->pixels[y * 9 + x], ==, x == 3 && y == 5 ? LDA_CLASS_DRAQ7 : LDA_NO_EDIT);
  /* The two joined are one dead nucleus. */
  for (guint y = 1; y <= 3; y++)
    for (guint x = 1; x <= 7; x++)
      g_assert_cmpuint (edits->pixels[y * 9 + x], ==, LDA_CLASS_DRAQ7);
}

/* On the sample's mask, strokes that join (Shift held) from random
 * points: the lines given to the nuclei they joined never join one more
 * (they did where a third nucleus met the line, at a junction of lines),
 * and some are given. */
static void
test_join_lines_sample (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  g_autoptr(GError) error = NULL;
  const LdaImage *automatic;
  LdaParams params;
  guint connectivity, w, h;
  gsize n_given = 0;

  lda_params_init (&params);
  connectivity = lda_params_nucleus_connectivity (&params);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  automatic = lda_pipeline_get_labels (pipeline);
  w = automatic->width;
  h = automatic->height;

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(LdaEdits) edits = edits_new (w, h);
      g_autoptr(LdaImage) merged = NULL;
      double x = g_rand_double_range (rand, 10, w - 10), y = g_rand_double_range (rand, 10, h - 10);
      LdaRect stroke = { 0, };
      guint n_stroke;

      lda_edits_line (edits, x, y, CLAMP (x + g_rand_double_range (rand, -30, 30), 0, w - 1),
                      CLAMP (y + g_rand_double_range (rand, -30, 30), 0, h - 1),
                      g_rand_double_range (rand, 0.5, 5.0), LDA_CLASS_HOECHST, &stroke);
      n_stroke = n_nuclei (edits, automatic, connectivity);
      merged = merge (edits, automatic);
      n_given += lda_edits_join_lines (edits, merged, &stroke, NULL, LDA_CLASS_HOECHST, connectivity,
                                       NULL);
      g_assert_cmpuint (n_nuclei (edits, automatic, connectivity), ==, n_stroke);
    }
  g_test_message ("%" G_GSIZE_FORMAT " pixels of lines given", n_given);
  g_assert_cmpuint (n_given, >, 0);
}

/* On the sample's mask, strokes from random points in random directions,
 * merged after each motion as the window merges them: no nucleus other
 * than the stroke's loses or changes a pixel, and no pixel the stroke
 * made a nucleus's touches another nucleus, so none is joined: there are
 * never fewer nuclei than before, and one more at most (a stroke that
 * began off the nuclei), never specks beside it. */
static void
test_apart_sample (void)
{
  g_autoptr(LdaPipeline) pipeline = lda_test_sample_pipeline ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaCounts) counts = NULL;
  const LdaImage *automatic;
  LdaParams params;
  guint connectivity, w, h, n_apart = 0;

  lda_params_init (&params);
  connectivity = lda_params_nucleus_connectivity (&params);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  automatic = lda_pipeline_get_labels (pipeline);
  w = automatic->width;
  h = automatic->height;
  counts = lda_counts_new_from_labels_full (automatic, connectivity);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(LdaEdits) edits = edits_new (w, h);
      g_autoptr(LdaImage) merged = merge (edits, automatic);
      g_autoptr(LdaImage) after = NULL;
      g_autoptr(LdaCounts) counts_after = NULL;
      g_autoptr(LdaNucleusStroke) stroke = NULL;
      g_autoptr(GArray) own = NULL;
      g_autoptr(GArray) hole = NULL;
      g_autoptr(LdaBitplane) mine = lda_bitplane_new (w, h, NULL);
      const guint8 klass = g_rand_boolean (rand) ? LDA_CLASS_HOECHST : LDA_CLASS_DRAQ7;
      const double radius = g_rand_double_range (rand, 0.5, 6.0);
      double x = g_rand_double_range (rand, 10, w - 10), y = g_rand_double_range (rand, 10, h - 10);
      const guint8 *before = lda_image_u8 (automatic), *now;

      stroke = lda_nucleus_stroke_new (merged, x, y, connectivity, &error);
      g_assert_no_error (error);
      own = lda_labels_nucleus_find (merged, (guint) x, (guint) y, connectivity);
      /* Begun in a hole, the nucleus round it and the hole are its. */
      if (own == NULL)
        own = lda_edits_nucleus_hole (merged, (guint) x, (guint) y, connectivity, &hole);
      for (guint k = 0; own != NULL && k < own->len; k++)
        {
          guint32 p = g_array_index (own, guint32, k);

          lda_bitplane_set (mine, p % w, p / w, TRUE);
        }
      for (guint k = 0; hole != NULL && k < hole->len; k++)
        {
          guint32 p = g_array_index (hole, guint32, k);

          lda_bitplane_set (mine, p % w, p / w, TRUE);
        }
      lda_nucleus_stroke_line (stroke, edits, merged, x, y, x, y, radius, klass, NULL);
      for (guint m = 0; m < 6; m++)
        {
          double nx = CLAMP (x + g_rand_double_range (rand, -12, 12), 0, w - 1);
          double ny = CLAMP (y + g_rand_double_range (rand, -12, 12), 0, h - 1);

          g_clear_pointer (&merged, lda_image_unref);
          merged = merge (edits, automatic);
          lda_nucleus_stroke_line (stroke, edits, merged, x, y, nx, ny, radius, klass, NULL);
          x = nx;
          y = ny;
        }
      n_apart += lda_nucleus_stroke_kept_apart (stroke);

      after = merge (edits, automatic);
      now = lda_image_u8 (after);
      for (guint py = 0; py < h; py++)
        for (guint px = 0; px < w; px++)
          {
            const gsize p = (gsize) py * w + px;
            const gboolean was = before[p] == LDA_CLASS_HOECHST || before[p] == LDA_CLASS_DRAQ7;
            const gboolean is = now[p] == LDA_CLASS_HOECHST || now[p] == LDA_CLASS_DRAQ7;

            /* Another nucleus's pixel: as it was. */
            if (was && !lda_bitplane_get (mine, px, py))
              g_assert_cmpuint (now[p], ==, before[p]);
            /* The nucleus it began on: of its class, all of it. */
            if (lda_bitplane_get (mine, px, py))
              g_assert_cmpuint (now[p], ==, klass);
            /* A pixel the stroke made a nucleus's: no other nucleus's
             * pixel beside it. */
            if (is && !was)
              g_assert_false (touches_another (before, mine, w, h, px, py, connectivity));
          }
      /* One nucleus more at most, and none if it grew one. */
      counts_after = lda_counts_new_from_labels_full (after, connectivity);
      g_assert_cmpuint (counts_after->n_objects, >=, counts->n_objects);
      g_assert_cmpuint (counts_after->n_objects, <=, counts->n_objects + (own == NULL));
    }
  /* The sample is crowded enough that strokes met other nuclei. */
  g_test_message ("%u of 60 strokes kept apart from another nucleus", n_apart);
  g_assert_cmpuint (n_apart, >, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/apart/across-a-line", test_apart_across_a_line);
  g_test_add_func ("/edits/apart/beyond-another", test_apart_beyond_another);
  g_test_add_func ("/edits/apart/no-corner-specks", test_apart_no_corner_specks);
  g_test_add_func ("/edits/apart/new-nucleus", test_apart_new_nucleus);
  g_test_add_func ("/edits/apart/connectivity", test_apart_connectivity);
  g_test_add_func ("/edits/apart/gives-class", test_apart_gives_class);
  g_test_add_func ("/edits/apart/fills-a-hole", test_apart_fills_a_hole);
  g_test_add_func ("/edits/apart/alone", test_apart_alone);
  g_test_add_func ("/edits/apart/sample", test_apart_sample);
  g_test_add_func ("/edits/apart/join-lines", test_join_lines);
  g_test_add_func ("/edits/apart/join-lines-class", test_join_lines_class);
  g_test_add_func ("/edits/apart/join-lines-only-painted", test_join_lines_only_painted);
  g_test_add_func ("/edits/apart/join-lines-sample", test_join_lines_sample);

  return g_test_run ();
}
