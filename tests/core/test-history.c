/* test-history.c — undo and redo of a frame's edits
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-edits.h"
#include "lda-history.h"

static LdaEdits *
edits_new (guint width,
           guint height)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_edits_new (width, height, &error);

  g_assert_no_error (error);
  return edits;
}

static guint8 *
copy_pixels (const LdaEdits *edits)
{
  return g_memdup2 (edits->pixels, (gsize) edits->width * edits->height);
}

static void
assert_same (const LdaEdits *edits,
             const guint8   *pixels)
{
  gsize n = (gsize) edits->width * edits->height;

  g_assert_true (memcmp (edits->pixels, pixels, n) == 0);
}

/* One brush stroke of a few segments, recorded as one step. */
static void
stroke (LdaHistory *history,
        LdaEdits   *edits,
        GRand      *rand,
        double      radius,
        guint8      value,
        const char *label)
{
  LdaRect dirty = { 0, };
  double x = g_rand_double_range (rand, 0, edits->width);
  double y = g_rand_double_range (rand, 0, edits->height);
  guint segments = (guint) g_rand_int_range (rand, 1, 12);

  lda_history_begin (history, edits);
  for (guint i = 0; i < segments; i++)
    {
      double nx = CLAMP (x + g_rand_double_range (rand, -30, 30), 0, edits->width);
      double ny = CLAMP (y + g_rand_double_range (rand, -30, 30), 0, edits->height);

      lda_edits_line (edits, x, y, nx, ny, radius, value, &dirty);
      x = nx;
      y = ny;
    }
  lda_history_end (history, edits, &dirty, label);
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(LdaEdits) edits = edits_new (97, 61);
  g_autoptr(LdaHistory) history = lda_history_new (LDA_HISTORY_DEFAULT_STEPS);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  const guint n_ops = 40;

  g_ptr_array_add (states, copy_pixels (edits));
  for (guint i = 0; i < n_ops; i++)
    {
      guint8 value = i % 5 == 4 ? LDA_NO_EDIT : (guint8) g_rand_int_range (rand, 0, 5);

      stroke (history, edits, rand, g_rand_double_range (rand, 0.5, 9), value, "Paint");
      g_ptr_array_add (states, copy_pixels (edits));
    }
  g_assert_cmpuint (lda_history_n_undo (history), ==, n_ops);
  g_assert_false (lda_history_can_redo (history));

  for (guint i = n_ops; i > 0; i--)
    {
      LdaRect dirty = { 0, };

      g_assert_true (lda_history_undo (history, edits, &dirty));
      g_assert_false (lda_rect_is_empty (&dirty));
      assert_same (edits, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (lda_history_can_undo (history));
  g_assert_false (lda_history_undo (history, edits, NULL));

  for (guint i = 1; i <= n_ops; i++)
    {
      g_assert_true (lda_history_redo (history, edits, NULL));
      assert_same (edits, g_ptr_array_index (states, i));
    }
  g_assert_false (lda_history_redo (history, edits, NULL));
}

/* Undo reports exactly the rectangle of the step as dirty, and only the
 * pixels in it change. */
static void
test_undo_dirty (void)
{
  g_autoptr(LdaEdits) edits = edits_new (20, 10);
  g_autoptr(LdaHistory) history = lda_history_new (10);
  LdaRect dirty = { 0, };
  LdaRect undone = { 0, };

  lda_history_begin (history, edits);
  lda_edits_dab (edits, 5.5, 4.5, 1.0, LDA_CLASS_CELL, &dirty);
  lda_history_end (history, edits, &dirty, "Paint");

  g_assert_true (lda_history_undo (history, edits, &undone));
  g_assert_cmpint (undone.x, ==, 4);
  g_assert_cmpint (undone.y, ==, 3);
  g_assert_cmpint (undone.width, ==, 3);
  g_assert_cmpint (undone.height, ==, 3);
  g_assert_cmpuint (lda_edits_count (edits), ==, 0);

  undone = (LdaRect) { 0, };
  g_assert_true (lda_history_redo (history, edits, &undone));
  g_assert_cmpint (undone.width, ==, 3);
  g_assert_cmpuint (lda_edits_count (edits), ==, 5);
}

static void
test_redo_dropped (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(LdaEdits) edits = edits_new (50, 50);
  g_autoptr(LdaHistory) history = lda_history_new (10);
  g_autofree guint8 *after_new = NULL;

  stroke (history, edits, rand, 3, LDA_CLASS_CELL, "Paint");
  stroke (history, edits, rand, 3, LDA_CLASS_OUTLINE, "Paint");
  stroke (history, edits, rand, 3, LDA_CLASS_DRAQ7, "Paint");
  g_assert_true (lda_history_undo (history, edits, NULL));
  g_assert_true (lda_history_undo (history, edits, NULL));
  g_assert_true (lda_history_can_redo (history));

  stroke (history, edits, rand, 3, LDA_CLASS_HOECHST, "Erase");
  after_new = copy_pixels (edits);
  g_assert_false (lda_history_can_redo (history));
  g_assert_null (lda_history_redo_label (history));
  g_assert_false (lda_history_redo (history, edits, NULL));
  assert_same (edits, after_new);
  g_assert_cmpuint (lda_history_n_undo (history), ==, 2);
}

static void
test_max_steps (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(LdaEdits) edits = edits_new (80, 80);
  g_autoptr(LdaHistory) history = lda_history_new (100);
  g_autofree guint8 *at_50 = NULL;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *label = g_strdup_printf ("Paint %u", i);

      stroke (history, edits, rand, 2.5, (guint8) (i % 5), label);
      if (i == 49)
        at_50 = copy_pixels (edits);
    }
  g_assert_cmpuint (lda_history_n_undo (history), ==, 100);
  g_assert_cmpstr (lda_history_undo_label (history), ==, "Paint 149");

  for (guint i = 0; i < 100; i++)
    g_assert_true (lda_history_undo (history, edits, NULL));
  g_assert_false (lda_history_can_undo (history));
  g_assert_false (lda_history_undo (history, edits, NULL));
  g_assert_cmpstr (lda_history_redo_label (history), ==, "Paint 50");
  assert_same (edits, at_50);
}

static void
test_memory (void)
{
  const guint n = 2048;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(LdaEdits) edits = edits_new (n, n);
  g_autoptr(LdaHistory) history = lda_history_new (LDA_HISTORY_DEFAULT_STEPS);
  g_autofree guint8 *before = NULL;
  gsize memory, raw = 0;
  guint recorded = 0;

  /* Something to paint over: a blob of edits in every step's way. */
  for (guint i = 0; i < 300; i++)
    lda_edits_dab (edits, g_rand_double_range (rand, 0, n), g_rand_double_range (rand, 0, n),
                   g_rand_double_range (rand, 3, 25), (guint8) g_rand_int_range (rand, 0, 5),
                   NULL);
  before = copy_pixels (edits);

  for (guint i = 0; i < 100; i++)
    {
      LdaRect dirty = { 0, };
      double x = g_rand_double_range (rand, 0, n), y = g_rand_double_range (rand, 0, n);
      double radius = g_rand_double_range (rand, 2, 20);
      guint8 value = i % 4 == 3 ? LDA_NO_EDIT : (guint8) g_rand_int_range (rand, 0, 5);

      /* A drag: 40 motion events a few pixels apart. */
      lda_history_begin (history, edits);
      for (guint e = 0; e < 40; e++)
        {
          double nx = x + g_rand_double_range (rand, -12, 12);
          double ny = y + g_rand_double_range (rand, -12, 12);

          lda_edits_line (edits, x, y, nx, ny, radius, value, &dirty);
          x = nx;
          y = ny;
        }
      lda_history_end (history, edits, &dirty, value == LDA_NO_EDIT ? "Erase" : "Paint");
      raw += 2 * (gsize) dirty.width * dirty.height;
      /* An eraser stroke over no edit changes nothing and is no step. */
      recorded += !lda_rect_is_empty (&dirty);
    }
  g_assert_cmpuint (recorded, >, 70);
  /* And one reset of the whole frame. */
  {
    LdaRect all = { 0, 0, (int) n, (int) n };

    lda_history_begin (history, edits);
    lda_edits_clear (edits);
    lda_history_end (history, edits, &all, "Reset frame");
    raw += 2 * (gsize) n * n;
  }

  memory = lda_history_memory (history);
  g_test_message ("history of 100 strokes + a reset on %u × %u: %" G_GSIZE_FORMAT
                  " bytes (raw rectangles would be %" G_GSIZE_FORMAT ")", n, n, memory, raw);
  g_assert_cmpuint (lda_history_n_undo (history), ==, recorded + 1);
  g_assert_cmpuint (memory, <, 20 * 1024 * 1024);
  g_assert_cmpuint (memory, <, raw / 4);

  /* Compact, and still exact. */
  while (lda_history_undo (history, edits, NULL))
    ;
  assert_same (edits, before);
}

/* Pixels that do not compress (noise) still round-trip. */
static void
test_noise (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  g_autoptr(LdaEdits) edits = edits_new (64, 64);
  g_autoptr(LdaHistory) history = lda_history_new (5);
  g_autofree guint8 *before = NULL;
  g_autofree guint8 *after = NULL;
  LdaRect dirty = { 3, 5, 50, 40 };

  for (gsize i = 0; i < 64 * 64; i++)
    edits->pixels[i] = (guint8) g_rand_int_range (rand, 0, 6);
  before = copy_pixels (edits);

  lda_history_begin (history, edits);
  for (int y = dirty.y; y < dirty.y + dirty.height; y++)
    for (int x = dirty.x; x < dirty.x + dirty.width; x++)
      edits->pixels[y * 64 + x] = (guint8) g_rand_int_range (rand, 0, 5);
  lda_history_end (history, edits, &dirty, "Paint");
  after = copy_pixels (edits);

  /* Raw storage at worst: the two rectangles and a little more. */
  g_assert_cmpuint (lda_history_memory (history), <=, 2 * 50 * 40 + 1024);
  g_assert_true (lda_history_undo (history, edits, NULL));
  assert_same (edits, before);
  g_assert_true (lda_history_redo (history, edits, NULL));
  assert_same (edits, after);
}

static void
test_fill_and_delete (void)
{
  const guint w = 300, h = 200;
  g_autoptr(LdaImage) automatic = lda_image_new (LDA_PIXEL_U8, w, h, NULL);
  g_autoptr(LdaEdits) edits = edits_new (w, h);
  g_autoptr(LdaHistory) history = lda_history_new (0);
  g_autoptr(LdaImage) merged = NULL;
  g_autofree guint8 *start = NULL;
  g_autofree guint8 *filled = NULL;
  g_autofree guint8 *deleted = NULL;
  LdaRect dirty = { 0, };
  LdaRect undone = { 0, };

  /* Two cells, one with a nucleus, outlined, on background. */
  for (guint y = 20; y < 120; y++)
    for (guint x = 20; x < 250; x++)
      {
        guint8 v = LDA_CLASS_CELL;

        if (y == 20 || y == 119 || x == 20 || x == 249 || x == 130)
          v = LDA_CLASS_OUTLINE;
        else if (x > 60 && x < 70 && y > 60 && y < 70)
          v = LDA_CLASS_HOECHST;
        lda_image_u8 (automatic)[y * w + x] = v;
      }
  lda_edits_line (edits, 5, 150, 290, 190, 4, LDA_CLASS_DRAQ7, NULL);
  start = copy_pixels (edits);
  merged = lda_edits_merge (edits, automatic, NULL);

  lda_history_begin (history, edits);
  g_assert_true (lda_edits_fill (edits, merged, 0, 0, LDA_CLASS_CELL, &dirty));
  lda_history_end (history, edits, &dirty, "Fill");
  filled = copy_pixels (edits);
  g_assert_cmpstr (lda_history_undo_label (history), ==, "Fill");
  lda_edits_merge_rect (edits, automatic, merged, &dirty);

  dirty = (LdaRect) { 0, };
  lda_history_begin (history, edits);
  g_assert_true (lda_edits_delete_cell (edits, merged, 65, 65, &dirty));
  lda_history_end (history, edits, &dirty, "Delete cell");
  deleted = copy_pixels (edits);
  g_assert_cmpuint (edits->pixels[65 * w + 65], ==, LDA_CLASS_BACKGROUND);
  g_assert_cmpuint (edits->pixels[65 * w + 130], ==, LDA_CLASS_BACKGROUND);
  g_assert_cmpuint (edits->pixels[65 * w + 131], ==, LDA_NO_EDIT);

  g_assert_cmpstr (lda_history_undo_label (history), ==, "Delete cell");
  g_assert_true (lda_history_undo (history, edits, &undone));
  assert_same (edits, filled);
  g_assert_cmpint (undone.x, ==, 20);
  g_assert_cmpint (undone.y, ==, 20);
  g_assert_cmpint (undone.width, ==, 111);
  g_assert_cmpint (undone.height, ==, 100);

  g_assert_cmpstr (lda_history_undo_label (history), ==, "Fill");
  g_assert_cmpstr (lda_history_redo_label (history), ==, "Delete cell");
  g_assert_true (lda_history_undo (history, edits, NULL));
  assert_same (edits, start);
  g_assert_null (lda_history_undo_label (history));
  g_assert_cmpstr (lda_history_redo_label (history), ==, "Fill");

  g_assert_true (lda_history_redo (history, edits, NULL));
  g_assert_true (lda_history_redo (history, edits, NULL));
  assert_same (edits, deleted);
}

static void
test_nothing_recorded (void)
{
  g_autoptr(LdaEdits) edits = edits_new (8, 8);
  g_autoptr(LdaHistory) history = lda_history_new (4);
  LdaRect empty = { 0, };
  LdaRect dirty = { 0, };
  LdaRect outside = { 20, 20, 5, 5 };

  g_assert_null (lda_history_undo_label (history));
  g_assert_null (lda_history_redo_label (history));
  g_assert_false (lda_history_can_undo (history));

  lda_history_begin (history, edits);
  lda_history_end (history, edits, &empty, "Paint");
  lda_history_begin (history, edits);
  lda_history_end (history, edits, &outside, "Paint");
  /* A dirty rectangle where nothing actually changed. */
  lda_history_begin (history, edits);
  dirty = (LdaRect) { 0, 0, 8, 8 };
  lda_history_end (history, edits, &dirty, "Fill");
  /* An end without a begin. */
  lda_edits_dab (edits, 1.5, 1.5, 0.5, LDA_CLASS_CELL, &dirty);
  lda_history_end (history, edits, &dirty, "Paint");
  g_assert_cmpuint (lda_history_n_undo (history), ==, 0);
  g_assert_false (lda_history_can_undo (history));

  /* An undo abandons an operation in progress: its end records nothing. */
  lda_history_begin (history, edits);
  dirty = (LdaRect) { 0, };
  lda_edits_dab (edits, 4.5, 4.5, 0.5, LDA_CLASS_CELL, &dirty);
  lda_history_end (history, edits, &dirty, "Paint");
  lda_history_begin (history, edits);
  g_assert_true (lda_history_undo (history, edits, NULL));
  lda_history_end (history, edits, &dirty, "Paint");
  g_assert_cmpuint (lda_history_n_undo (history), ==, 0);
  g_assert_cmpstr (lda_history_redo_label (history), ==, "Paint");
}

static void
test_reset_frame_and_one_pixel (void)
{
  g_autoptr(LdaEdits) one = edits_new (1, 1);
  g_autoptr(LdaHistory) history = lda_history_new (2);
  LdaRect all = { 0, 0, 1, 1 };
  LdaRect dirty = { 0, };

  lda_history_begin (history, one);
  lda_edits_dab (one, 0.5, 0.5, 3, LDA_CLASS_DRAQ7, &dirty);
  lda_history_end (history, one, &dirty, "Paint");
  lda_history_begin (history, one);
  lda_edits_clear (one);
  lda_history_end (history, one, &all, "Reset frame");

  g_assert_cmpstr (lda_history_undo_label (history), ==, "Reset frame");
  g_assert_cmpuint (one->pixels[0], ==, LDA_NO_EDIT);
  g_assert_true (lda_history_undo (history, one, NULL));
  g_assert_cmpuint (one->pixels[0], ==, LDA_CLASS_DRAQ7);
  g_assert_true (lda_history_undo (history, one, NULL));
  g_assert_cmpuint (one->pixels[0], ==, LDA_NO_EDIT);
  g_assert_true (lda_history_redo (history, one, NULL));
  g_assert_cmpuint (one->pixels[0], ==, LDA_CLASS_DRAQ7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/round-trip", test_round_trip);
  g_test_add_func ("/history/undo-dirty", test_undo_dirty);
  g_test_add_func ("/history/redo-dropped", test_redo_dropped);
  g_test_add_func ("/history/max-steps", test_max_steps);
  g_test_add_func ("/history/memory", test_memory);
  g_test_add_func ("/history/noise", test_noise);
  g_test_add_func ("/history/fill-and-delete", test_fill_and_delete);
  g_test_add_func ("/history/nothing-recorded", test_nothing_recorded);
  g_test_add_func ("/history/reset-frame-and-one-pixel", test_reset_frame_and_one_pixel);

  return g_test_run ();
}
