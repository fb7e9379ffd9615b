/* test-edits-erase.c — an eraser across part of a nucleus whose class
 * was corrected takes the correction of its class with it
 * (lda-edits-erase.c): the nucleus is one class again.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "edits-test-util.h"
#include "lda-edits.h"

static guint
n_dead (const LdaImage *mask)
{
  g_autoptr(LdaCounts) counts = lda_counts_new_from_labels_full (mask, 4);

  return counts->dead;
}

/* A live nucleus of 3 × 3 in its cell, made dead by hand in @edits
 * (7 × 5), then its middle row erased, the stroke's rectangle in
 * @stroke.  Returns: the automatic mask */
static LdaImage *
erased_band (LdaEdits *edits,
             LdaRect  *stroke)
{
  static const char * const rows[] = {
    "0000000",
    "0133310",
    "0133310",
    "0133310",
    "0111110",
    NULL,
  };

  for (guint y = 1; y <= 3; y++)
    for (guint x = 2; x <= 4; x++)
      edits->pixels[y * 7 + x] = LDA_CLASS_DRAQ7;
  lda_edits_line (edits, 1.5, 2.5, 5.5, 2.5, 0.5, LDA_NO_EDIT, stroke);

  return mask_from_rows (rows);
}

/* A live nucleus made dead by hand, then a band of it erased: it showed
 * the Hoechst it was found with in the band and Draq7 beside; now it is
 * live again, as found, with no correction left on it. */
static void
test_erase_class (void)
{
  g_autoptr(LdaEdits) edits = edits_new (7, 5);
  LdaRect stroke = { 0, };
  g_autoptr(LdaImage) automatic = erased_band (edits, &stroke);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  g_autoptr(LdaImage) after = NULL;
  LdaRect dirty = { 0, };

  g_assert_cmpuint (n_dead (merged), ==, 1);
  g_assert_cmpuint (lda_image_get (merged, 3, 2), ==, LDA_CLASS_HOECHST);

  g_assert_cmpuint (lda_edits_erase_classes (edits, automatic, merged, &stroke, NULL, 4, &dirty),
                    ==, 6);
  {
    static const char * const want[] = {
      ".......", ".......", ".......", ".......", ".......", NULL,
    };

    assert_pixels (edits->pixels, 7, 5, want);
    assert_rect (&dirty, 2, 1, 3, 3);
  }
  after = merge (edits, automatic);
  g_assert_cmpuint (n_dead (after), ==, 0);

  /* Nothing left to mend: nothing more. */
  g_assert_cmpuint (lda_edits_erase_classes (edits, automatic, after, &stroke, NULL, 4, NULL), ==, 0);
}

/* A nucleus grown by hand and made dead, a corner of it erased: the
 * pixels found as Hoechst lose their correction, the grown ones keep
 * theirs with the class found, so the nucleus keeps its shape. */
static void
test_erase_class_grown (void)
{
  static const char * const rows[] = {
    "000000",
    "013310",
    "013310",
    "011110",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (6, 4);
  g_autoptr(LdaImage) merged = NULL;
  g_autoptr(LdaImage) after = NULL;
  LdaRect stroke = { 0, };

  for (guint y = 1; y <= 2; y++)
    for (guint x = 2; x <= 4; x++)
      edits->pixels[y * 6 + x] = LDA_CLASS_DRAQ7;
  lda_edits_dab (edits, 2.5, 1.5, 0.5, LDA_NO_EDIT, &stroke);
  merged = merge (edits, automatic);

  g_assert_cmpuint (lda_edits_erase_classes (edits, automatic, merged, &stroke, NULL, 4, NULL), ==, 5);
  {
    static const char * const want[] = { "......", "....3.", "....3.", "......", NULL };

    assert_pixels (edits->pixels, 6, 4, want);
  }
  after = merge (edits, automatic);
  g_assert_cmpuint (n_dead (after), ==, 0);
  g_assert_cmpuint (lda_image_get (after, 4, 1), ==, LDA_CLASS_HOECHST);
}

/* Two nuclei that show both classes: the one with a pixel in the
 * stroke's rectangle is made one class, the class most of it was found
 * with; the other is left as it is. */
static void
test_erase_class_reach (void)
{
  static const char * const rows[] = {
    "00000000000",
    "03340003340",
    "03340003340",
    "00000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (11, 4);
  g_autoptr(LdaImage) merged = NULL;
  const LdaRect stroke = { 1, 1, 1, 1 };

  merged = merge (edits, automatic);
  g_assert_cmpuint (lda_edits_erase_classes (edits, automatic, merged, &stroke, NULL, 4, NULL), ==, 2);
  {
    static const char * const want[] = { "...........", "...3.......", "...3.......", "...........",
                                         NULL };

    assert_pixels (edits->pixels, 11, 4, want);
  }
}

/* With the layer before the stroke, only the nuclei the eraser reached:
 * a nucleus that shows both classes, within the stroke's rectangle but
 * not touched by it, is left as it is. */
static void
test_erase_class_touched (void)
{
  static const char * const rows[] = {
    "00000000000",
    "03330003340",
    "03330003340",
    "00000000000",
    NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  g_autoptr(LdaEdits) edits = edits_new (11, 4);
  g_autoptr(LdaImage) merged = NULL;
  g_autofree guint8 *before = NULL;
  const LdaRect stroke = { 0, 0, 11, 4 };

  /* The left nucleus made dead, then its first column erased. */
  for (guint y = 1; y <= 2; y++)
    for (guint x = 1; x <= 3; x++)
      edits->pixels[y * 11 + x] = LDA_CLASS_DRAQ7;
  before = g_memdup2 (edits->pixels, 11 * 4);
  edits->pixels[1 * 11 + 1] = edits->pixels[2 * 11 + 1] = LDA_NO_EDIT;
  merged = merge (edits, automatic);

  g_assert_cmpuint (lda_edits_erase_classes (edits, automatic, merged, &stroke, before, 4, NULL),
                    ==, 4);
  {
    static const char * const want[] = { "...........", "...........", "...........",
                                         "...........", NULL };

    assert_pixels (edits->pixels, 11, 4, want);
  }
}

/* The end of a stroke mends what its kind calls for: an eraser's only
 * with nucleus objects (the article's nuclei may show both classes as
 * found); a brush's crumbs only with them, its joined lines when it
 * painted every pixel. */
static void
test_end_stroke (void)
{
  g_autoptr(LdaEdits) edits = edits_new (7, 5);
  LdaRect stroke = { 0, };
  g_autoptr(LdaImage) automatic = erased_band (edits, &stroke);
  g_autoptr(LdaImage) merged = merge (edits, automatic);
  LdaStrokeEnd how = { LDA_NO_EDIT, FALSE, FALSE, 20, 4 };
  LdaRect dirty = { 0, };

  g_assert_cmpuint (lda_edits_end_stroke (edits, automatic, merged, &stroke, &how, &dirty), ==, 0);
  how.objects = TRUE;
  g_assert_cmpuint (lda_edits_end_stroke (edits, automatic, merged, &stroke, &how, &dirty), ==, 6);
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);

  /* A brush of cell area that cut a corner of three pixels off: a crumb
   * with objects, painted with the stroke's class. */
  g_clear_pointer (&merged, lda_image_unref);
  stroke = (LdaRect) { 0, };
  lda_edits_line (edits, 2.5, 0.5, 2.5, 4.5, 0.5, LDA_CLASS_CELL, &stroke);
  merged = merge (edits, automatic);
  how = (LdaStrokeEnd) { LDA_CLASS_CELL, FALSE, FALSE, 20, 4 };
  g_assert_cmpuint (lda_edits_end_stroke (edits, automatic, merged, &stroke, &how, &dirty), ==, 0);
  how.objects = TRUE;
  g_assert_cmpuint (lda_edits_end_stroke (edits, automatic, merged, &stroke, &how, &dirty), >, 0);

  /* A brush of Hoechst that painted every pixel (Shift held) across the
   * line between two nuclei: the rest of the line is theirs. */
  {
    static const char * const two[] = {
      "0000000", "0332330", "0332330", "0332330", "0000000", NULL,
    };
    /* The stroke's row, and the line's two pixels above and below it. */
    static const char * const want[] = {
      ".......", "...3...", ".33333.", "...3...", ".......", NULL,
    };
    g_autoptr(LdaImage) split = mask_from_rows (two);
    g_autoptr(LdaEdits) joined = edits_new (7, 5);
    g_autoptr(LdaImage) shown = NULL;
    g_autofree guint8 *before = g_memdup2 (joined->pixels, 7 * 5);

    stroke = (LdaRect) { 0, };
    lda_edits_line (joined, 1.5, 2.5, 5.5, 2.5, 0.5, LDA_CLASS_HOECHST, &stroke);
    shown = merge (joined, split);
    how = (LdaStrokeEnd) { LDA_CLASS_HOECHST, TRUE, FALSE, 20, 4, before };
    g_assert_cmpuint (lda_edits_end_stroke (joined, split, shown, &stroke, &how, &dirty), ==, 2);
    assert_pixels (joined->pixels, 7, 5, want);
  }
}

/* Two nuclei joined with Shift held (their line made nucleus by hand),
 * then an eraser across the middle of the nucleus they are: the line's
 * pixel it brought back split nothing and stayed inside as a loose
 * piece of outline; it is nucleus again.  Erased whole, or to the
 * nucleus's edge, the line is the automatic mask's again. */
static void
test_erase_joined_line (void)
{
  static const char * const rows[] = {
    "000000000",
    "011111110",
    "013323310",
    "013323310",
    "013323310",
    "013323310",
    "013323310",
    "011111110",
    "000000000",
    NULL,
  };
  static const char * const joined[] = {
    ".........", ".........", "....3....", "....3....", "....3....",
    "....3....", "....3....", ".........", ".........", NULL,
  };
  static const char * const notch[] = {
    ".........", ".........", ".........", ".........", ".........",
    "....3....", "....3....", ".........", ".........", NULL,
  };
  g_autoptr(LdaImage) automatic = mask_from_rows (rows);
  LdaStrokeEnd how = { LDA_NO_EDIT, FALSE, TRUE, 20, 4 };

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(LdaEdits) edits = edits_new (9, 9);
      g_autoptr(LdaImage) merged = NULL;
      g_autofree guint8 *before = NULL;
      LdaRect stroke = { 0, }, dirty = { 0, };
      gsize n;

      for (guint y = 2; y <= 6; y++)
        edits->pixels[y * 9 + 4] = LDA_CLASS_HOECHST;
      before = g_memdup2 (edits->pixels, 9 * 9);
      if (run == 0)
        lda_edits_line (edits, 1.5, 4.5, 7.5, 4.5, 0.5, LDA_NO_EDIT, &stroke);
      else if (run == 1)
        lda_edits_line (edits, 4.5, 1.5, 4.5, 7.5, 0.5, LDA_NO_EDIT, &stroke);
      else
        lda_edits_line (edits, 4.5, 1.5, 4.5, 4.5, 0.5, LDA_NO_EDIT, &stroke);
      merged = merge (edits, automatic);
      g_assert_cmpuint (lda_image_get (merged, 4, 4), ==, LDA_CLASS_OUTLINE);
      how.before = before;
      n = lda_edits_end_stroke (edits, automatic, merged, &stroke, &how, &dirty);

      if (run == 0)
        {
          g_assert_cmpuint (n, ==, 1);
          assert_pixels (edits->pixels, 9, 9, joined);
          assert_rect (&dirty, 4, 4, 1, 1);
        }
      else
        {
          g_assert_cmpuint (n, ==, 0);
          g_assert_cmpuint (lda_edits_count (edits), ==, run == 1 ? 0 : 2);
          if (run == 2)
            assert_pixels (edits->pixels, 9, 9, notch);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edits/erase/class", test_erase_class);
  g_test_add_func ("/edits/erase/class-grown", test_erase_class_grown);
  g_test_add_func ("/edits/erase/class-reach", test_erase_class_reach);
  g_test_add_func ("/edits/erase/class-touched", test_erase_class_touched);
  g_test_add_func ("/edits/erase/end-stroke", test_end_stroke);
  g_test_add_func ("/edits/erase/joined-line", test_erase_joined_line);

  return g_test_run ();
}
