/* test-edits-regions.c — the tools that work on regions of the shown mask:
 * fill, toggle a nucleus, delete a cell
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "edits-test-util.h"
#include "lda-edits.h"
#include "lda-error.h"
#include "lda-pipeline.h"
#include "lda-triples.h"
#include "lda-test-lib.h"

static void
test_fill_bounded (void)
{
  static const char * const rows[] = {
    "0000000",
    "0222220",
    "0200020",
    "0200220",
    "0222000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (7, 5);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) after = NULL;
  LdaRect dirty = { 0, };

  g_assert_true (lda_edits_fill (edits, merged, 2, 2, LDA_CLASS_CELL, &dirty));
  {
    static const char * const want[] = {
      ".......", ".......", "..111..", "..11...", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 5, want);
    assert_rect (&dirty, 2, 2, 3, 2);
  }

  /* Filling with the class already shown is a no-op. */
  after = merge (edits, automatic);
  dirty = (LdaRect) { 0, };
  g_assert_false (lda_edits_fill (edits, after, 3, 2, LDA_CLASS_CELL, &dirty));
  g_assert_false (lda_edits_fill (edits, after, 0, 0, LDA_CLASS_BACKGROUND, &dirty));
  g_assert_true (lda_rect_is_empty (&dirty));

  /* The outside, clicked at the far corner, reaches round the ring. */
  g_assert_true (lda_edits_fill (edits, after, 6, 4, LDA_CLASS_DRAQ7, &dirty));
  {
    static const char * const want[] = {
      "4444444", "4.....4", "4.111.4", "4.11..4", "4...444", NULL,
    };

    assert_pixels (edits->pixels, 7, 5, want);
    assert_rect (&dirty, 0, 0, 7, 5);
  }
}

static void
test_fill_diagonal_gap (void)
{
  static const char * const rows[] = {
    "00111",
    "00111",
    "11000",
    "11000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (5, 4);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  LdaRect dirty = { 0, };

  g_assert_true (lda_edits_fill (edits, merged, 0, 0, LDA_CLASS_HOECHST, &dirty));
  {
    static const char * const want[] = { "33...", "33...", ".....", ".....", NULL };

    assert_pixels (edits->pixels, 5, 4, want);
    assert_rect (&dirty, 0, 0, 2, 2);
  }
}

/* A fill of @klass at (@x, @y) on the frame @rows, its nuclei joined
 * @connectivity-connected: the edits after it, what the fill returned in
 * *@changed and the corrected frame's counts in *@counts. */
static LdaEdits *
fill_rows (const char * const *rows,
           guint               x,
           guint               y,
           LdaClass            klass,
           guint               connectivity,
           LdaRect            *dirty,
           gboolean           *changed,
           LdaCounts         **counts)
{
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  LdaEdits *edits = edits_new ((guint) strlen (rows[0]), g_strv_length ((char **) rows));
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) after = NULL;

  *changed = lda_edits_fill_full (edits, merged, x, y, klass, connectivity, dirty, NULL);
  after = merge (edits, automatic);
  *counts = lda_counts_new_from_labels_full (after, connectivity);

  return edits;
}

/* A fill of a nucleus class adds one nucleus at most and keeps it apart
 * from the others (before, it joined every nucleus beside it into one).
 * Cell area three pixels wide between two nuclei: a nucleus of its own in
 * the middle, a line against each.  Two pixels wide: no room, nothing
 * changes.  Beside one nucleus it does not enclose: a nucleus of its own.
 * A region whose narrow part runs beside a nucleus: its far side is left
 * as it was, not a second new nucleus. */
static void
test_fill_nucleus_apart (void)
{
  static const char * const narrow[] = {
    "00000000",
    "03311330",
    "03311330",
    "03311330",
    "00000000",
    NULL,
  };
  static const char * const wide[] = {
    "000000000",
    "033111330",
    "033111330",
    "033111330",
    "000000000",
    NULL,
  };
  static const char * const wide_want[] = {
    ".........", "...232...", "...232...", "...232...", ".........", NULL,
  };
  static const char * const beside[] = {
    "00000000",
    "01111330",
    "01111330",
    "01111330",
    "00000000",
    NULL,
  };
  static const char * const beside_want[] = {
    "........", ".3332...", ".3332...", ".3332...", "........", NULL,
  };
  static const char * const dumbbell[] = {
    "00000000000",
    "01110001110",
    "01111111110",
    "01110331110",
    "00000000000",
    NULL,
  };
  g_autoptr(LdaEdits) edits = NULL;
  g_autoptr(LdaCounts) counts = NULL;
  gboolean changed;

  edits = fill_rows (narrow, 3, 2, LDA_CLASS_HOECHST, 8, NULL, &changed, &counts);
  g_assert_false (changed);
  for (guint p = 0; p < 8 * 5; p++)
    g_assert_cmpuint (edits->pixels[p], ==, LDA_NO_EDIT);

  g_clear_pointer (&edits, lda_edits_free);
  g_clear_pointer (&counts, lda_counts_free);
  edits = fill_rows (wide, 4, 2, LDA_CLASS_HOECHST, 4, NULL, &changed, &counts);
  g_assert_true (changed);
  assert_pixels (edits->pixels, 9, 5, wide_want);
  g_assert_cmpuint (counts->n_objects, ==, 3);

  g_clear_pointer (&edits, lda_edits_free);
  g_clear_pointer (&counts, lda_counts_free);
  edits = fill_rows (beside, 1, 2, LDA_CLASS_HOECHST, 8, NULL, &changed, &counts);
  g_assert_true (changed);
  assert_pixels (edits->pixels, 8, 5, beside_want);
  g_assert_cmpuint (counts->n_objects, ==, 2);

  g_clear_pointer (&edits, lda_edits_free);
  g_clear_pointer (&counts, lda_counts_free);
  edits = fill_rows (dumbbell, 1, 1, LDA_CLASS_HOECHST, 8, NULL, &changed, &counts);
  g_assert_true (changed);
  g_assert_cmpuint (counts->n_objects, ==, 2);
  for (guint y = 1; y <= 3; y++)
    for (guint x = 8; x <= 9; x++)
      g_assert_cmpuint (edits->pixels[y * 11 + x], ==, LDA_NO_EDIT);
}

/* A fill of a nucleus class on the background between the cells would
 * make a nucleus of tens of thousands of pixels: nothing changes, and
 * the error says why.  On a frame of such size, a region the size of its
 * nuclei is filled; without any nucleus to compare, so is the large one. */
static void
test_fill_nucleus_too_large (void)
{
  const guint w = 200, h = 100;
  g_autoptr(LdaImage) automatic = lda_image_new (LDA_PIXEL_U8, w, h, NULL);
  g_autoptr(LdaEdits) edits = edits_new (w, h);
  g_autoptr(LdaImage) merged = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *px = lda_image_u8 (automatic);
  LdaRect dirty = { 0, };

  /* A nucleus of 20 × 20 in its cell, and a hole of cell area of 12 × 12
   * inside a ring of outline, on 20 000 pixels of background. */
  for (guint y = 10; y < 50; y++)
    for (guint x = 10; x < 50; x++)
      px[y * w + x] = (x >= 20 && x < 40 && y >= 20 && y < 40) ? LDA_CLASS_HOECHST : LDA_CLASS_CELL;
  for (guint y = 60; y < 74; y++)
    for (guint x = 60; x < 74; x++)
      px[y * w + x] = (x == 60 || x == 73 || y == 60 || y == 73) ? LDA_CLASS_OUTLINE : LDA_CLASS_CELL;
  merged = merge (edits, automatic);
  g_assert_cmpuint (lda_labels_largest_nucleus (merged, 4), ==, 400);

  g_assert_false (lda_edits_fill_full (edits, merged, 150, 50, LDA_CLASS_DRAQ7, 4, &dirty, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "more than 4096 pixels"));
  g_assert_nonnull (strstr (error->message, "(400)"));
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);
  g_assert_true (lda_rect_is_empty (&dirty));
  g_clear_error (&error);

  g_assert_true (lda_edits_fill_full (edits, merged, 66, 66, LDA_CLASS_DRAQ7, 4, &dirty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lda_edits_count (edits), ==, 12 * 12);

  /* No nucleus on the frame: nothing to compare with. */
  lda_edits_clear (edits);
  memset (px, LDA_CLASS_BACKGROUND, (gsize) w * h);
  g_clear_pointer (&merged, lda_image_unref);
  merged = merge (edits, automatic);
  g_assert_true (lda_edits_fill_full (edits, merged, 150, 50, LDA_CLASS_DRAQ7, 4, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lda_edits_count (edits), ==, (gsize) w * h);
}

/* Filled with the other class, a nucleus takes it whole, the parts its
 * corners join too (the fill's own region is 4-connected). */
static void
test_fill_nucleus_class (void)
{
  static const char * const rows[] = {
    "000000",
    "044000",
    "044000",
    "000440",
    "000440",
    "000000",
    NULL,
  };
  static const char * const want[] = {
    "......", ".33...", ".33...", "...33.", "...33.", "......", NULL,
  };
  g_autoptr(LdaCounts) counts = NULL;
  gboolean changed;
  g_autoptr(LdaEdits) edits = fill_rows (rows, 1, 1, LDA_CLASS_HOECHST, 8, NULL, &changed,
                                         &counts);

  g_assert_true (changed);
  assert_pixels (edits->pixels, 6, 6, want);
  g_assert_cmpuint (counts->n_objects, ==, 1);
  g_assert_cmpuint (counts->dead, ==, 0);
}

/* A region beside one nucleus only (its hole) grows it, and the fill's
 * class is the whole nucleus's: a live nucleus's hole filled with Draq7
 * makes one dead nucleus. */
static void
test_fill_nucleus_hole (void)
{
  static const char * const rows[] = {
    "0000000",
    "0333330",
    "0311130",
    "0333330",
    "0000000",
    NULL,
  };
  static const char * const want[] = {
    ".......", ".44444.", ".44444.", ".44444.", ".......", NULL,
  };
  g_autoptr(LdaCounts) counts = NULL;
  LdaRect dirty = { 0, };
  gboolean changed;
  g_autoptr(LdaEdits) edits = fill_rows (rows, 3, 2, LDA_CLASS_DRAQ7, 8, &dirty, &changed,
                                         &counts);

  g_assert_true (changed);
  assert_pixels (edits->pixels, 7, 5, want);
  assert_rect (&dirty, 1, 1, 5, 3);
  g_assert_cmpuint (counts->n_objects, ==, 1);
  g_assert_cmpuint (counts->dead, ==, 1);
}

/* The fill reads the merged mask: a painted wall splits an automatic region. */
static void
test_fill_respects_edits (void)
{
  g_autoptr(LdaImage) automatic = lda_image_new (LDA_PIXEL_U8, 9, 6, NULL);
  g_autoptr(LdaEdits) edits = edits_new (9, 6);
  g_autoptr(LdaImage) merged = NULL;

  memset (lda_image_u8 (automatic), LDA_CLASS_CELL, 9 * 6);
  lda_edits_line (edits, 4.5, -3.0, 4.5, 10.0, 0.5, LDA_CLASS_OUTLINE, NULL);
  merged = merge (edits, automatic);

  g_assert_true (lda_edits_fill (edits, merged, 8, 5, LDA_CLASS_BACKGROUND, NULL));
  for (guint y = 0; y < 6; y++)
    {
      static const char want[] = "....20000";

      for (guint x = 0; x < 9; x++)
        g_assert_cmpint (edits->pixels[y * 9 + x], ==,
                         want[x] == '.' ? LDA_NO_EDIT : want[x] - '0');
    }
}

static void
test_fill_huge (void)
{
  const guint n = 2048;
  g_autoptr(LdaImage) automatic = lda_image_new (LDA_PIXEL_U8, n, n, NULL);
  g_autoptr(LdaEdits) edits = edits_new (n, n);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) all_cell = NULL;
  LdaRect dirty = { 0, };
  gint64 start;
  double ms;

  start = g_get_monotonic_time ();
  g_assert_true (lda_edits_fill (edits, merged, n / 2, n / 3, LDA_CLASS_CELL, &dirty));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("fill of a uniform %u × %u frame: %.1f ms", n, n, ms);
  assert_rect (&dirty, 0, 0, (int) n, (int) n);
  g_assert_cmpuint (lda_edits_count (edits), ==, (gsize) n * n);

  /* A striped frame: one region winding through every row. */
  lda_edits_clear (edits);
  for (guint y = 1; y < n; y += 2)
    {
      guint gap = (y / 2) % 2 == 0 ? n - 1 : 0;

      for (guint x = 0; x < n; x++)
        lda_image_u8 (merged)[(gsize) y * n + x] = x == gap ? 0 : LDA_CLASS_OUTLINE;
    }
  start = g_get_monotonic_time ();
  g_assert_true (lda_edits_fill (edits, merged, 0, 0, LDA_CLASS_CELL, NULL));
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("fill of a %u × %u serpentine: %.1f ms", n, n, ms);
  g_assert_cmpuint (lda_edits_count (edits), ==, (gsize) n * n / 2 + n / 2);

  /* Toggling and deleting a frame-sized object do not recurse either. */
  lda_edits_clear (edits);
  all_cell = lda_image_new (LDA_PIXEL_U8, n, n, NULL);
  memset (lda_image_u8 (all_cell), LDA_CLASS_HOECHST, (gsize) n * n);
  g_assert_true (lda_edits_toggle_nucleus (edits, all_cell, n - 1, n - 1, NULL));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_DRAQ7);
  g_assert_true (lda_edits_delete_cell (edits, all_cell, 0, n - 1, NULL));
  g_assert_cmpuint (edits->pixels[(gsize) n * n - 1], ==, LDA_CLASS_BACKGROUND);
}

static void
test_toggle_nucleus (void)
{
  /* Left nucleus: 3s with one 4, joined diagonally; right: a tie. */
  static const char * const rows[] = {
    "1111111111",
    "1331111431",
    "1343111341",
    "1111311111",
    "1111131111",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (10, 5);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) dead = NULL;
  g_autoptr(LdaImage) back = NULL;
  LdaRect dirty = { 0, };

  /* Live (6 Hoechst vs 1 Draq7) → dead, the whole 8-connected nucleus;
   * its Draq7 pixel gets an edit too. */
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 5, 4, &dirty));
  {
    static const char * const want[] = {
      "..........", ".44.......", ".444......", "....4.....", ".....4....", NULL,
    };

    assert_pixels (edits->pixels, 10, 5, want);
    assert_rect (&dirty, 1, 1, 5, 4);
  }

  /* Dead → live again. */
  dead = merge (edits, automatic);
  dirty = (LdaRect) { 0, };
  g_assert_true (lda_edits_toggle_nucleus (edits, dead, 1, 1, &dirty));
  back = merge (edits, automatic);
  for (guint y = 0; y < 5; y++)
    for (guint x = 0; x < 6; x++)
      {
        guint8 a = lda_image_u8 (automatic)[y * 10 + x];

        g_assert_cmpuint (lda_image_u8 (back)[y * 10 + x], ==,
                          a == LDA_CLASS_DRAQ7 ? LDA_CLASS_HOECHST : a);
      }
  assert_rect (&dirty, 1, 1, 5, 4);

  /* A tie is live, so it turns dead. */
  g_assert_true (lda_edits_toggle_nucleus (edits, back, 8, 2, NULL));
  g_assert_cmpuint (edits->pixels[1 * 10 + 7], ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (edits->pixels[2 * 10 + 7], ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (edits->pixels[2 * 10 + 8], ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (edits->pixels[1 * 10 + 5], ==, LDA_NO_EDIT);
}

static void
test_toggle_off_nucleus (void)
{
  static const char * const rows[] = { "0123", NULL };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (4, 1);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  LdaRect dirty = { 0, };

  for (guint x = 0; x < 3; x++)
    g_assert_false (lda_edits_toggle_nucleus (edits, merged, x, 0, &dirty));
  g_assert_true (lda_rect_is_empty (&dirty));
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 3, 0, &dirty));
  assert_rect (&dirty, 3, 0, 1, 1);
}

static void
test_delete_cell (void)
{
  /* Two cells sharing an outline; the left one has two nuclei. */
  static const char * const rows[] = {
    "000000000000",
    "022222222220",
    "021131211120",
    "021431213420",
    "021111211120",
    "022222222220",
    "000000000200",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (12, 7);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) after = NULL;
  LdaRect dirty = { 0, };

  g_assert_false (lda_edits_delete_cell (edits, merged, 0, 0, &dirty));
  g_assert_false (lda_edits_delete_cell (edits, merged, 6, 2, &dirty));
  g_assert_true (lda_rect_is_empty (&dirty));

  g_assert_true (lda_edits_delete_cell (edits, merged, 3, 3, &dirty));
  assert_rect (&dirty, 1, 1, 6, 5);
  after = merge (edits, automatic);
  {
    static const char * const want[] = {
      "000000000000",
      "020000222220",      /* corners touch the cell only diagonally */
      "000000011120",
      "000000013420",
      "000000011120",
      "020000222220",
      "000000000200",
      NULL,
    };

    assert_pixels (lda_image_u8 (after), 12, 7, want);
  }

  /* Clicked on its nucleus's corner, the right cell goes too; the stray
   * outline below, which does not touch it, stays. */
  g_assert_true (lda_edits_delete_cell (edits, after, 9, 4, NULL));
  {
    g_autoptr(LdaImage) empty = merge (edits, automatic);
    static const char * const want[] = {
      "000000000000",
      "020000200020",
      "000000000000",
      "000000000000",
      "000000000000",
      "020000200020",
      "000000000200",
      NULL,
    };

    assert_pixels (lda_image_u8 (empty), 12, 7, want);
  }
}

static void
test_one_pixel (void)
{
  static const char * const nucleus[] = { "4", NULL };
  g_autoptr(LdaImage) automatic = mask_from_rows (nucleus);
  g_autoptr(LdaEdits) edits = edits_new (1, 1);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) toggled = NULL;
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (automatic);
  LdaRect dirty = { 0, };

  g_assert_cmpuint (counts->dead, ==, 1);
  g_assert_cmpuint (counts->objects[0].cell_area, ==, 1);
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 0, 0, &dirty));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_HOECHST);
  toggled = merge (edits, automatic);
  g_assert_true (lda_edits_fill (edits, toggled, 0, 0, LDA_CLASS_CELL, &dirty));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_CELL);
  lda_edits_merge_rect (edits, automatic, toggled, &dirty);
  g_assert_true (lda_edits_delete_cell (edits, toggled, 0, 0, &dirty));
  g_assert_cmpuint (edits->pixels[0], ==, LDA_CLASS_BACKGROUND);
  lda_edits_line (edits, -5, -5, 5, 5, 0.5, LDA_NO_EDIT, &dirty);
  g_assert_cmpuint (edits->pixels[0], ==, LDA_NO_EDIT);
  assert_rect (&dirty, 0, 0, 1, 1);
}

/* Two nuclei separated by a split line one pixel wide, touching across it
 * diagonally: with 4-connectivity the Live/Dead tool switches one, with
 * the article's 8-connectivity both. */
static void
test_toggle_object (void)
{
  static const char rows[] =
    "3333200"
    "3333200"
    "3332333"
    "3323333"
    "0023333";
  g_autoptr(LdaImage) merged = lda_image_new (LDA_PIXEL_U8, 7, 5, NULL);
  g_autoptr(LdaEdits) edits = lda_edits_new (7, 5, NULL);
  g_autoptr(LdaImage) shown = NULL;
  g_autoptr(LdaCounts) four = NULL;
  g_autoptr(LdaCounts) eight = NULL;

  for (guint i = 0; i < 35; i++)
    lda_image_u8 (merged)[i] = (guint8) (rows[i] - '0');

  four = lda_counts_new_from_labels_full (merged, 4);
  eight = lda_counts_new_from_labels (merged);
  g_assert_cmpuint (four->n_objects, ==, 2);
  g_assert_cmpuint (eight->n_objects, ==, 1);

  g_assert_true (lda_edits_toggle_nucleus_full (edits, merged, 0, 0, 4, NULL));
  shown = lda_edits_merge (edits, merged, NULL);
  g_assert_cmpuint (lda_image_get (shown, 0, 0), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (lda_image_get (shown, 1, 3), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (lda_image_get (shown, 2, 3), ==, LDA_CLASS_OUTLINE);
  g_assert_cmpuint (lda_image_get (shown, 6, 4), ==, LDA_CLASS_HOECHST);
  g_assert_cmpuint (lda_image_get (shown, 4, 0), ==, LDA_CLASS_OUTLINE);
  g_clear_pointer (&four, lda_counts_free);
  four = lda_counts_new_from_labels_full (shown, 4);
  g_assert_cmpuint (four->live, ==, 1);
  g_assert_cmpuint (four->dead, ==, 1);

  lda_edits_clear (edits);
  g_assert_true (lda_edits_toggle_nucleus (edits, merged, 0, 0, NULL));
  g_clear_pointer (&shown, lda_image_unref);
  shown = lda_edits_merge (edits, merged, NULL);
  g_assert_cmpuint (lda_image_get (shown, 6, 4), ==, LDA_CLASS_DRAQ7);
}

/* A stroke of cell area along a nucleus's edge cuts off a crumb: the
 * crumb takes the stroke's class, in the edits; a piece as large as the
 * smallest nucleus, a nucleus the stroke does not touch, and a crumb of
 * a stroke of a nucleus class stay. */
static void
test_clear_crumbs (void)
{
  static const char * const rows[] = {
    "000000000000000",
    "033333000000000",
    "033333330000000",
    "033333330003000",
    "033333000000000",
    "000000000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (15, 6);
  g_autoptr(LdaImage) merged = NULL;
  g_autoptr(LdaCounts) before = NULL, after = NULL;
  LdaRect stroke = { 6, 0, 1, 6 }, dirty = { 0, };

  /* The stroke: column 6, cell area, which leaves column 7's two pixels
   * cut off from the nucleus. */
  for (guint y = 0; y < 6; y++)
    edits->pixels[y * 15 + 6] = LDA_CLASS_CELL;
  merged = merge (edits, automatic);
  before = lda_counts_new_from_labels_full (merged, 4);
  g_assert_cmpuint (before->n_objects, ==, 3);

  /* A nucleus class keeps every piece; so does a smallest area of 1, or
   * one the crumb reaches. */
  g_assert_cmpuint (lda_edits_clear_crumbs (edits, merged, &stroke, LDA_CLASS_HOECHST, 5, 4,
                                            &dirty), ==, 0);
  g_assert_cmpuint (lda_edits_clear_crumbs (edits, merged, &stroke, LDA_CLASS_CELL, 1, 4,
                                            &dirty), ==, 0);
  g_assert_cmpuint (lda_edits_clear_crumbs (edits, merged, &stroke, LDA_CLASS_CELL, 2, 4,
                                            &dirty), ==, 0);
  g_assert_true (lda_rect_is_empty (&dirty));

  /* A smallest nucleus of 5 pixels: the crumb goes, the 20-pixel nucleus
   * and the single pixel the stroke does not touch stay. */
  g_assert_cmpuint (lda_edits_clear_crumbs (edits, merged, &stroke, LDA_CLASS_CELL, 5, 4,
                                            &dirty), ==, 2);
  {
    static const char * const want[] = {
      "......1........",
      "......1........",
      "......11.......",
      "......11.......",
      "......1........",
      "......1........",
      NULL,
    };

    assert_pixels (edits->pixels, 15, 6, want);
  }
  assert_rect (&dirty, 7, 2, 1, 2);
  g_clear_pointer (&merged, lda_image_unref);
  merged = merge (edits, automatic);
  after = lda_counts_new_from_labels_full (merged, 4);
  g_assert_cmpuint (after->n_objects, ==, 2);

  /* Nothing left to clear. */
  dirty = (LdaRect) { 0, };
  g_assert_cmpuint (lda_edits_clear_crumbs (edits, merged, &stroke, LDA_CLASS_CELL, 5, 4,
                                            &dirty), ==, 0);
}

/* A piece joined to a nucleus by a corner only is a crumb where nuclei
 * are 4-connected (nucleus objects), part of the nucleus where they are
 * 8-connected. */
static void
test_clear_crumbs_connectivity (void)
{
  static const char * const rows[] = {
    "0000000",
    "0333300",
    "0333300",
    "0333300",
    "0000030",
    "0000000",
    NULL,
  };

  for (guint connectivity = 4; connectivity <= 8; connectivity += 4)
    {
      g_autoptr(LdaImage) automatic = mask_from_rows (rows);
      g_autoptr(LdaEdits) edits = edits_new (7, 6);
      g_autoptr(LdaImage) merged = NULL;
      LdaRect stroke = { 5, 5, 1, 1 }, dirty = { 0, };

      /* A stroke of outline just below (5, 4). */
      edits->pixels[5 * 7 + 5] = LDA_CLASS_OUTLINE;
      merged = merge (edits, automatic);
      g_assert_cmpuint (lda_edits_clear_crumbs (edits, merged, &stroke, LDA_CLASS_OUTLINE, 5,
                                                connectivity, &dirty),
                        ==, connectivity == 4 ? 1 : 0);
      g_assert_cmpuint (edits->pixels[4 * 7 + 5], ==,
                        connectivity == 4 ? LDA_CLASS_OUTLINE : LDA_NO_EDIT);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/clear-crumbs", test_clear_crumbs);
  g_test_add_func ("/edits/clear-crumbs/connectivity", test_clear_crumbs_connectivity);
  g_test_add_func ("/edits/fill/bounded", test_fill_bounded);
  g_test_add_func ("/edits/fill/nucleus-apart", test_fill_nucleus_apart);
  g_test_add_func ("/edits/fill/nucleus-hole", test_fill_nucleus_hole);
  g_test_add_func ("/edits/fill/nucleus-class", test_fill_nucleus_class);
  g_test_add_func ("/edits/fill/nucleus-too-large", test_fill_nucleus_too_large);
  g_test_add_func ("/edits/fill/diagonal-gap", test_fill_diagonal_gap);
  g_test_add_func ("/edits/fill/respects-edits", test_fill_respects_edits);
  g_test_add_func ("/edits/fill/huge", test_fill_huge);
  g_test_add_func ("/edits/toggle/nucleus", test_toggle_nucleus);
  g_test_add_func ("/edits/toggle/off-nucleus", test_toggle_off_nucleus);
  g_test_add_func ("/edits/toggle/object", test_toggle_object);
  g_test_add_func ("/edits/delete-cell", test_delete_cell);
  g_test_add_func ("/edits/one-pixel", test_one_pixel);

  return g_test_run ();
}
