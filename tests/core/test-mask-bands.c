/* test-mask-bands.c — tests for lda-mask-bands: the mask made in two
 * bands of rows on two threads is bit for bit the mask made whole
 * (lda_bitplane_threshold() and lda_morph_close_fill()), on random
 * frames of blobs of many sizes and kernels, and where a hole or the
 * outside crosses the cut between the bands.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-image.h"
#include "lda-mask-bands.h"
#include "lda-morph.h"

/* The mask made whole, on one thread. */
static LdaBitplane *
whole_mask (const LdaImage *image,
            gint64          threshold,
            guint           kernel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) binary = lda_bitplane_new (image->width, image->height, &error);
  LdaBitplane *mask;

  g_assert_no_error (error);
  lda_bitplane_threshold (binary, image, threshold);
  mask = lda_morph_close_fill (binary, kernel, NULL, &error);
  g_assert_no_error (error);

  return mask;
}

static void
assert_same (const LdaBitplane *a,
             const LdaBitplane *b,
             const char        *what)
{
  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  for (guint y = 0; y < a->height; y++)
    for (guint x = 0; x < a->width; x++)
      if (lda_bitplane_get (a, x, y) != lda_bitplane_get (b, x, y))
        g_error ("%s: the banded mask differs at (%u, %u): %d, whole %d", what, x, y,
                 lda_bitplane_get (a, x, y), lda_bitplane_get (b, x, y));
}

/* Random discs and rings over noise: blobs that touch, holes, and
 * background reaching in from the edges. */
static LdaImage *
random_frame (GRand        *rand,
              LdaPixelType  type,
              guint         w,
              guint         h)
{
  LdaImage *image = lda_image_new (type, w, h, NULL);
  const guint max = type == LDA_PIXEL_U16 ? 60000 : 250;
  const guint n_blobs = 10 + (guint) ((gsize) w * h / 2500);

  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      guint v = (guint) g_rand_int_range (rand, 0, (gint32) max / 4);

      if (type == LDA_PIXEL_U16)
        lda_image_u16 (image)[i] = (guint16) v;
      else
        lda_image_u8 (image)[i] = (guint8) v;
    }

  for (guint k = 0; k < n_blobs; k++)
    {
      const int cx = g_rand_int_range (rand, 0, (gint32) w);
      const int cy = g_rand_int_range (rand, 0, (gint32) h);
      const int r = g_rand_int_range (rand, 2, 14);
      /* A ring now and then: its inside is a hole. */
      const int inner = g_rand_int_range (rand, 0, 4) == 0 ? r / 2 : -1;
      const guint v = (guint) g_rand_int_range (rand, (gint32) max / 2, (gint32) max);

      for (int y = MAX (cy - r, 0); y <= MIN (cy + r, (int) h - 1); y++)
        for (int x = MAX (cx - r, 0); x <= MIN (cx + r, (int) w - 1); x++)
          {
            const int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);

            if (d2 > r * r || d2 <= inner * inner)
              continue;
            if (type == LDA_PIXEL_U16)
              lda_image_u16 (image)[(gsize) y * w + x] = (guint16) v;
            else
              lda_image_u8 (image)[(gsize) y * w + x] = (guint8) v;
          }
    }

  return image;
}

static void
test_same_as_whole (void)
{
  static const struct
  {
    guint w, h;
  } sizes[] = {
    { 600, 600 }, { 513, 1000 }, { 1000, 520 }, { 2100, 130 }, { 700, 700 },
    { 64, 200 },    /* small: one band */
    { 1030, 257 },
  };
  static const guint kernels[] = { 1, 3, 5, 9, 15 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint k = 0; k < G_N_ELEMENTS (kernels); k++)
      {
        const LdaPixelType type = (s + k) % 3 == 0 ? LDA_PIXEL_U8 : LDA_PIXEL_U16;
        g_autoptr(LdaImage) image = random_frame (rand, type, sizes[s].w, sizes[s].h);
        const gint64 threshold = type == LDA_PIXEL_U16 ? 20000 : 80;
        g_autoptr(LdaBitplane) whole = whole_mask (image, threshold, kernels[k]);
        g_autoptr(GError) error = NULL;
        g_autoptr(LdaBitplane) banded = lda_mask_bands_new (image, threshold, kernels[k],
                                                             NULL, &error);
        g_autofree char *what = g_strdup_printf ("%u × %u, kernel %u", sizes[s].w,
                                                 sizes[s].h, kernels[k]);

        g_assert_no_error (error);
        assert_same (banded, whole, what);
      }
}

/* Draws a filled rectangle of @v. */
static void
fill_rect (LdaImage *image,
           guint     x0,
           guint     y0,
           guint     x1,
           guint     y1,
           guint16   v)
{
  for (guint y = y0; y < y1; y++)
    for (guint x = x0; x < x1; x++)
      lda_image_u16 (image)[(gsize) y * image->width + x] = v;
}

/* A frame whose ring straddles the cut between the bands (its inside, a
 * hole, lies in both), and whose background reaches the lower edge from
 * a pocket of the upper band only through a channel across the cut. */
static void
test_across_the_cut (void)
{
  const guint w = 600, h = 600, cut = h / 2;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, w, h, NULL);
  g_autoptr(LdaBitplane) whole = NULL;
  g_autoptr(LdaBitplane) banded = NULL;
  g_autoptr(GError) error = NULL;

  /* The ring: a square of foreground 10 wide round a hole from row
   * cut − 40 to cut + 40. */
  fill_rect (image, 100, cut - 50, 200, cut + 50, 50000);
  fill_rect (image, 110, cut - 40, 190, cut + 40, 0);
  /* The pocket: walled on three sides in the upper band, open below
   * through a channel 6 wide that crosses the cut down to the edge. */
  fill_rect (image, 300, cut - 100, 500, cut - 90, 50000);
  fill_rect (image, 300, cut - 100, 310, h, 50000);
  fill_rect (image, 490, cut - 100, 500, h, 50000);
  fill_rect (image, 310, cut - 60, 397, h, 50000);
  fill_rect (image, 403, cut - 60, 490, h, 50000);

  banded = lda_mask_bands_new (image, 1000, 1, NULL, &error);
  g_assert_no_error (error);
  whole = whole_mask (image, 1000, 1);
  assert_same (banded, whole, "across the cut");

  /* What the whole mask says, checked too: the hole is filled on both
   * sides of the cut, the pocket and its channel stay background. */
  g_assert_true (lda_bitplane_get (banded, 150, cut - 20));
  g_assert_true (lda_bitplane_get (banded, 150, cut + 20));
  g_assert_false (lda_bitplane_get (banded, 400, cut - 80));
  g_assert_false (lda_bitplane_get (banded, 400, cut + 100));
}

static void
test_cancelled (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(LdaImage) image = random_frame (rand, LDA_PIXEL_U16, 800, 800);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) mask = NULL;

  g_cancellable_cancel (cancellable);
  mask = lda_mask_bands_new (image, 20000, 5, cancellable, &error);
  g_assert_null (mask);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mask-bands/same-as-whole", test_same_as_whole);
  g_test_add_func ("/mask-bands/across-the-cut", test_across_the_cut);
  g_test_add_func ("/mask-bands/cancelled", test_cancelled);

  return g_test_run ();
}
