/* test-cores.c — the cores brighter than their neighbourhood
 * (lda-cores.c) and the split of dense fields that seeds from them, on
 * small images whose answer is known by hand.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-split.h"

#define W 160
#define H 128

#define DARK      100
#define HO_THRESH 500
#define DR_THRESH 1000

typedef struct
{
  LdaImage    *image[2];   /* Hoechst, Draq7 */
  LdaBitplane *mask[2];
} Field;

static void
field_init (Field *f)
{
  for (guint c = 0; c < 2; c++)
    {
      f->image[c] = lda_image_new (LDA_PIXEL_U16, W, H, NULL);
      for (guint i = 0; i < W * H; i++)
        lda_image_u16 (f->image[c])[i] = DARK + (i * 7919) % 5;   /* a little grain */
      f->mask[c] = NULL;
    }
}

static void
field_clear (Field *f)
{
  for (guint c = 0; c < 2; c++)
    {
      lda_image_unref (f->image[c]);
      lda_bitplane_free (f->mask[c]);
    }
}

static void
field_fill (Field *f,
            guint  c,
            int    x0,
            int    y0,
            int    x1,
            int    y1,
            int    cx,
            int    cy,
            int    r,
            guint  value)
{
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        gboolean in = r > 0 ? (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r
                            : x >= x0 && x < x1 && y >= y0 && y < y1;

        if (in)
          lda_image_u16 (f->image[c])[y * W + x] = (guint16) value;
      }
}

static void
field_disc (Field *f, guint c, int cx, int cy, int r, guint value)
{
  field_fill (f, c, 0, 0, 0, 0, cx, cy, r, value);
}

static void
field_rect (Field *f, guint c, int x0, int y0, int x1, int y1, guint value)
{
  field_fill (f, c, x0, y0, x1, y1, 0, 0, 0, value);
}

/* The masks at the thresholds, and the signal the split reads. */
static LdaNucleusSignal
field_signal (Field *f)
{
  LdaNucleusSignal signal = { { f->image[0], f->image[1] }, { DARK, DARK },
                              { HO_THRESH, DR_THRESH } };

  for (guint c = 0; c < 2; c++)
    {
      f->mask[c] = lda_bitplane_new (W, H, NULL);
      lda_bitplane_threshold (f->mask[c], f->image[c], signal.threshold[c]);
    }

  return signal;
}

static LdaNucleusParams
split_params (void)
{
  LdaNucleusParams p;

  lda_nucleus_params_init_preset (&p, LDA_PRESET_ROBUST);
  g_assert_true (p.objects && p.split);
  return p;
}

/* Two nuclei of 3000, radius 10, 6 pixels apart, in a dense field whose
 * gaps (1000) are above the threshold (500) and wider than the
 * neighbourhood: the mask is one rectangle,
 * whose distance map has one long ridge and no saddle, so the shape
 * alone keeps one object.  The cores are the two discs (above the
 * neighbourhood's mean, which lies between 1000 and 3000), and the split
 * gives one object each, with a line between them in the gap. */
static void
test_dense_pair_split (void)
{
  Field f;
  LdaNucleusSignal signal;
  LdaNucleusParams p = split_params ();
  g_autoptr(LdaNuclei) shape = NULL;
  g_autoptr(LdaNuclei) bright = NULL;
  g_autoptr(LdaBitplane) cores = lda_bitplane_new (W, H, NULL);
  gint left, right;

  field_init (&f);
  field_rect (&f, 0, 8, 8, 152, 120, 1000);
  field_disc (&f, 0, 67, 64, 10, 3000);
  field_disc (&f, 0, 93, 64, 10, 3000);
  signal = field_signal (&f);
  g_assert_cmpuint (lda_bitplane_count (f.mask[0]), ==, 144 * 112);

  /* The cores: inside the discs, not in the gap between them. */
  g_assert_true (lda_cores_new (&signal, f.mask[0], cores, NULL));
  g_assert_true (lda_bitplane_get (cores, 67, 64));
  g_assert_true (lda_bitplane_get (cores, 93, 64));
  g_assert_true (lda_bitplane_get (cores, 76, 64));
  g_assert_false (lda_bitplane_get (cores, 80, 64));

  shape = lda_nuclei_new (f.mask[0], f.mask[1], NULL, NULL, &p, NULL, NULL);
  g_assert_cmpuint (shape->objects->n_components, ==, 1);

  bright = lda_nuclei_new_bright (f.mask[0], f.mask[1], &signal, &p, NULL, NULL);
  g_assert_nonnull (bright);
  /* The corners of the rectangle, next to the background, are brighter
   * than their neighbourhood too, and seed pieces of their own. */
  g_assert_cmpuint (bright->n_seeds, >=, 2);
  left = lda_runs_label_at (bright->objects, 67, 64);
  right = lda_runs_label_at (bright->objects, 93, 64);
  g_assert_cmpint (left, >=, 0);
  g_assert_cmpint (right, >=, 0);
  g_assert_cmpint (left, !=, right);
  /* The line crosses the gap, between the discs' edges (77 … 83). */
  for (guint x = 77; x <= 83; x++)
    if (lda_bitplane_get (bright->lines, x, 64))
      break;
    else
      g_assert_cmpuint (x, <, 83);
  /* The gap is shared between the objects, not dropped (at most a speck
   * smaller than the smallest nucleus, cut off by lines). */
  g_assert_cmpuint (lda_bitplane_count (bright->mask), >, 144 * 112 - p.min_area);

  field_clear (&f);
}

/* A dead nucleus (Draq7 2500, 2.5 thresholds) pressed against a live one
 * (Hoechst 1500, 3.5 thresholds) in a dense field: it is a core of its own,
 * and its own object, so it can be called dead by itself. */
static void
test_dead_beside_live (void)
{
  Field f;
  LdaNucleusSignal signal;
  LdaNucleusParams p = split_params ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  gint live, dead;

  field_init (&f);
  field_rect (&f, 0, 8, 8, 152, 120, 800);
  field_disc (&f, 0, 69, 64, 10, 1500);
  field_disc (&f, 1, 91, 64, 10, 2500);
  signal = field_signal (&f);

  nuclei = lda_nuclei_new_bright (f.mask[0], f.mask[1], &signal, &p, NULL, NULL);
  live = lda_runs_label_at (nuclei->objects, 69, 64);
  dead = lda_runs_label_at (nuclei->objects, 91, 64);
  g_assert_cmpint (live, >=, 0);
  g_assert_cmpint (dead, >=, 0);
  g_assert_cmpint (live, !=, dead);

  field_clear (&f);
}

/* A nucleus alone on the background is all core (the neighbourhood's mean
 * is near the background's), so it stays whole: one object, every pixel
 * of its mask. */
static void
test_alone_whole (void)
{
  Field f;
  LdaNucleusSignal signal;
  LdaNucleusParams p = split_params ();
  g_autoptr(LdaNuclei) nuclei = NULL;
  g_autoptr(LdaBitplane) cores = lda_bitplane_new (W, H, NULL);

  field_init (&f);
  field_disc (&f, 0, 80, 64, 12, 2000);
  signal = field_signal (&f);

  g_assert_true (lda_cores_new (&signal, f.mask[0], cores, NULL));
  g_assert_cmpuint (lda_bitplane_count (cores), ==, lda_bitplane_count (f.mask[0]));

  nuclei = lda_nuclei_new_bright (f.mask[0], f.mask[1], &signal, &p, NULL, NULL);
  g_assert_cmpuint (nuclei->objects->n_components, ==, 1);
  g_assert_cmpuint (lda_bitplane_count (nuclei->lines), ==, 0);
  g_assert_cmpuint (lda_bitplane_count (nuclei->mask), ==, lda_bitplane_count (f.mask[0]));

  field_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cores/dense-pair-split", test_dense_pair_split);
  g_test_add_func ("/cores/dead-beside-live", test_dead_beside_live);
  g_test_add_func ("/cores/alone-whole", test_alone_whole);

  return g_test_run ();
}
