/* test-preview.c — the label mask shown while a slider moves: the last
 * labels with the moved masks drawn in, the same as the rule applied
 * pixel by pixel
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-compose.h"
#include "lda-preview.h"

/* The rule, one pixel at a time, in the channels' order. */
static guint8
expected (guint8         label,
          const gboolean on[LDA_N_CHANNELS],
          const gboolean moved[LDA_N_CHANNELS])
{
  static const guint8 klass[LDA_N_CHANNELS] = {
    LDA_CLASS_CELL, LDA_CLASS_HOECHST, LDA_CLASS_DRAQ7,
  };

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      if (!moved[c])
        continue;
      if (c == LDA_CHANNEL_CELL_AREA)
        label = !on[c] ? LDA_CLASS_BACKGROUND
                : label == LDA_CLASS_BACKGROUND ? LDA_CLASS_CELL : label;
      else if (on[c])
        label = label == LDA_CLASS_DRAQ7 ? LDA_CLASS_DRAQ7 : klass[c];
      else if (label == klass[c])
        label = LDA_CLASS_CELL;
    }

  return label;
}

/* A mask with whole words on and off as well as mixed ones. */
static LdaBitplane *
random_mask (GRand *rand,
             guint  width,
             guint  height)
{
  LdaBitplane *mask = lda_bitplane_new (width, height, NULL);

  for (guint y = 0; y < height; y++)
    for (guint x0 = 0; x0 < width; x0 += 64)
      {
        guint kind = g_rand_int_range (rand, 0, 3);

        for (guint x = x0; x < MIN (x0 + 64, width); x++)
          lda_bitplane_set (mask, x, y, kind == 0 ? FALSE : kind == 1 ? TRUE
                                        : g_rand_boolean (rand));
      }

  return mask;
}

static void
check_size (GRand *rand,
            guint  width,
            guint  height)
{
  g_autoptr(LdaImage) old = lda_image_new (LDA_PIXEL_U8, width, height, NULL);
  LdaBitplane *planes[LDA_N_CHANNELS];

  for (gsize i = 0; i < (gsize) width * height; i++)
    lda_image_u8 (old)[i] = (guint8) g_rand_int_range (rand, 0, LDA_N_CLASSES);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    planes[c] = random_mask (rand, width, height);

  /* Every choice of moved channels. */
  for (guint set = 0; set < 1u << LDA_N_CHANNELS; set++)
    {
      const LdaBitplane *masks[LDA_N_CHANNELS];
      gboolean moved[LDA_N_CHANNELS];
      g_autoptr(LdaImage) labels = NULL;
      g_autoptr(GError) error = NULL;

      for (guint c = 0; c < LDA_N_CHANNELS; c++)
        {
          moved[c] = (set >> c) & 1;
          masks[c] = moved[c] ? planes[c] : NULL;
        }
      labels = lda_preview_labels (old, masks, &error);
      g_assert_no_error (error);
      g_assert_nonnull (labels);
      g_assert_cmpuint (labels->width, ==, width);
      g_assert_cmpuint (labels->height, ==, height);

      for (guint y = 0; y < height; y++)
        for (guint x = 0; x < width; x++)
          {
            gboolean on[LDA_N_CHANNELS];

            for (guint c = 0; c < LDA_N_CHANNELS; c++)
              on[c] = lda_bitplane_get (planes[c], x, y);
            g_assert_cmpuint (lda_image_u8 (labels)[(gsize) y * width + x], ==,
                              expected (lda_image_u8 (old)[(gsize) y * width + x], on, moved));
          }
    }

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_bitplane_free (planes[c]);
}

/* Widths below, at and above a word, and not multiples of one. */
static void
test_preview_rule (void)
{
  static const guint widths[] = { 1, 7, 63, 64, 65, 128, 200 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    check_size (rand, widths[i], 9);
}

/* Nothing moved: the old labels, in a new image. */
static void
test_preview_nothing_moved (void)
{
  g_autoptr(LdaImage) old = lda_image_new (LDA_PIXEL_U8, 70, 3, NULL);
  const LdaBitplane *masks[LDA_N_CHANNELS] = { NULL, };
  g_autoptr(LdaImage) labels = NULL;

  for (gsize i = 0; i < 70 * 3; i++)
    lda_image_u8 (old)[i] = (guint8) (i % LDA_N_CLASSES);
  labels = lda_preview_labels (old, masks, NULL);
  g_assert_true (labels != old);
  g_assert_cmpmem (labels->data, 70 * 3, old->data, 70 * 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preview/rule", test_preview_rule);
  g_test_add_func ("/preview/nothing-moved", test_preview_nothing_moved);

  return g_test_run ();
}
