/* test-render.c — tests for lda-render: exact display pixels for known
 * inputs (window ends and midpoint, additive composite with clipping, the
 * fluorescence-only view, label colours) and auto contrast percentiles.
 * Needs no display.
 *
 * Built by meson with the app sources; by hand:
 *   gcc -std=c11 -D_GNU_SOURCE -Isrc/core/base -Isrc/core/segment -Isrc/app $(pkg-config --cflags glib-2.0) \
 *     src/app/lda-render.c src/core/base/lda-image.c src/core/base/lda-error.c \
 *     tests/app/test-render.c $(pkg-config --libs glib-2.0) -lm -o /tmp/test-render
 *   /tmp/test-render --tap
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <glib.h>

#include "lda-histogram-marks.h"
#include "lda-plot-utils.h"
#include "lda-image.h"
#include "lda-image-view.h"
#include "lda-render.h"
#include "lda-test-lib.h"
#include "lda-tiled-layer.h"

/* --- helpers ----------------------------------------------------------- */

/* The pixels of @bytes, checking there are exactly @n of them. */
static const guint32 *
pixels (GBytes *bytes,
        gsize   n)
{
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, n * 4);
  return g_bytes_get_data (bytes, NULL);
}

static guint32
rgb (guint r,
     guint g,
     guint b)
{
  return 0xff000000u | (r << 16) | (g << 8) | b;
}

/* --- gray -------------------------------------------------------------- */

static void
test_gray_window (void)
{
  /* Window 100..200: ends, midpoint (127.5 rounds up), a quarter, outside. */
  const guint16 data[] = { 0, 100, 150, 200, 65535, 125, 99, 201 };
  const LdaContrast contrast = { 100, 200 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (4, 2, data);
  g_autoptr(GBytes) bytes = lda_render_gray (image, &contrast);
  const guint32 *p = pixels (bytes, 8);

  g_assert_cmphex (p[0], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[1], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[2], ==, rgb (128, 128, 128));
  g_assert_cmphex (p[3], ==, rgb (255, 255, 255));
  g_assert_cmphex (p[4], ==, rgb (255, 255, 255));
  g_assert_cmphex (p[5], ==, rgb (64, 64, 64));     /* 63.75 */
  g_assert_cmphex (p[6], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[7], ==, rgb (255, 255, 255));
}

static void
test_gray_full_range (void)
{
  const guint16 data[] = { 0, 32768, 65535 };
  const LdaContrast contrast = { 0, 65535 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (3, 1, data);
  g_autoptr(GBytes) bytes = lda_render_gray (image, &contrast);
  const guint32 *p = pixels (bytes, 3);

  g_assert_cmphex (p[0], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[1], ==, rgb (128, 128, 128));  /* 127.50195 */
  g_assert_cmphex (p[2], ==, rgb (255, 255, 255));
}

static void
test_gray_u8 (void)
{
  const guint8 data[] = { 0, 64, 128, 255 };
  const LdaContrast contrast = { 0, 255 };
  g_autoptr(LdaImage) image = lda_test_image_u8 (2, 2, data);
  g_autoptr(GBytes) bytes = lda_render_gray (image, &contrast);
  const guint32 *p = pixels (bytes, 4);

  /* An identity window leaves 8-bit values as they are. */
  g_assert_cmphex (p[0], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[1], ==, rgb (64, 64, 64));
  g_assert_cmphex (p[2], ==, rgb (128, 128, 128));
  g_assert_cmphex (p[3], ==, rgb (255, 255, 255));
}

static void
test_gray_flat_window (void)
{
  /* high == low must not divide by zero: it behaves as low..low + 1. */
  const guint16 data[] = { 9, 10, 11, 12 };
  const LdaContrast contrast = { 10, 10 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (4, 1, data);
  g_autoptr(GBytes) bytes = lda_render_gray (image, &contrast);
  const guint32 *p = pixels (bytes, 4);

  g_assert_cmphex (p[0], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[1], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[2], ==, rgb (255, 255, 255));
  g_assert_cmphex (p[3], ==, rgb (255, 255, 255));
}

static void
test_pixel_layout (void)
{
  /* cairo's ARGB32: one native-endian word, so the bytes in memory are
   * B G R A on little-endian machines and A R G B on big-endian ones. */
  const guint8 labels[] = { 4 };
  g_autoptr(LdaImage) image = lda_test_image_u8 (1, 1, labels);
  g_autoptr(GBytes) bytes = lda_render_labels (image);
  const guint8 *b = g_bytes_get_data (bytes, NULL);
  double red, green, blue;

  lda_class_color (4, &red, &green, &blue);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  g_assert_cmpuint (b[0], ==, (guint) (blue * 255 + 0.5));
  g_assert_cmpuint (b[1], ==, (guint) (green * 255 + 0.5));
  g_assert_cmpuint (b[2], ==, (guint) (red * 255 + 0.5));
  g_assert_cmpuint (b[3], ==, 255);
#else
  g_assert_cmpuint (b[0], ==, 255);
  g_assert_cmpuint (b[1], ==, (guint) (red * 255 + 0.5));
  g_assert_cmpuint (b[2], ==, (guint) (green * 255 + 0.5));
  g_assert_cmpuint (b[3], ==, (guint) (blue * 255 + 0.5));
#endif
}

/* --- composite --------------------------------------------------------- */

/* Identity windows on 16-bit data, so levels equal values. */
static const LdaContrast identity[3] = { { 0, 255 }, { 0, 255 }, { 0, 255 } };

static void
test_composite_additive (void)
{
  const guint16 bf[] = { 100, 200, 0, 255 };
  const guint16 ho[] = { 100, 0, 0, 255 };
  const guint16 dq[] = { 50, 100, 0, 255 };
  g_autoptr(LdaImage) b = lda_test_image_u16 (2, 2, bf);
  g_autoptr(LdaImage) h = lda_test_image_u16 (2, 2, ho);
  g_autoptr(LdaImage) d = lda_test_image_u16 (2, 2, dq);
  g_autoptr(GBytes) bytes = lda_render_composite (b, h, d, identity);
  const guint32 *p = pixels (bytes, 4);

  /* Hoechst 100 adds (25, 45, 100), Draq7 50 adds (50, 10, 10). */
  g_assert_cmphex (p[0], ==, rgb (175, 155, 210));
  /* Draq7 100 adds (100, 20, 20): red clips at 255. */
  g_assert_cmphex (p[1], ==, rgb (255, 220, 220));
  g_assert_cmphex (p[2], ==, rgb (0, 0, 0));
  g_assert_cmphex (p[3], ==, rgb (255, 255, 255));
}

static void
test_composite_windows (void)
{
  /* Each channel uses its own window. */
  const guint16 bf[] = { 1000 };
  const guint16 ho[] = { 3000 };
  const guint16 dq[] = { 7 };
  const LdaContrast contrasts[3] = { { 0, 2000 }, { 2000, 4000 }, { 0, 10 } };
  g_autoptr(LdaImage) b = lda_test_image_u16 (1, 1, bf);
  g_autoptr(LdaImage) h = lda_test_image_u16 (1, 1, ho);
  g_autoptr(LdaImage) d = lda_test_image_u16 (1, 1, dq);
  g_autoptr(GBytes) bytes = lda_render_composite (b, h, d, contrasts);
  const guint32 *p = pixels (bytes, 1);

  /* Levels: brightfield 128, Hoechst 128 → (32, 58, 128),
   * Draq7 178.5 → 179 → (179, 36, 36). */
  g_assert_cmphex (p[0], ==, rgb (255, 128 + 58 + 36, 255));
}

static void
test_composite_fluorescence (void)
{
  const guint16 ho[] = { 200, 0, 255, 0 };
  const guint16 dq[] = { 0, 255, 255, 0 };
  /* The brightfield window is ignored without a brightfield. */
  const LdaContrast contrasts[3] = { { 7, 7 }, { 0, 255 }, { 0, 255 } };
  g_autoptr(LdaImage) h = lda_test_image_u16 (2, 2, ho);
  g_autoptr(LdaImage) d = lda_test_image_u16 (2, 2, dq);
  g_autoptr(GBytes) bytes = lda_render_composite (NULL, h, d, contrasts);
  const guint32 *p = pixels (bytes, 4);

  g_assert_cmphex (p[0], ==, rgb (50, 90, 200));
  g_assert_cmphex (p[1], ==, rgb (255, 51, 51));
  g_assert_cmphex (p[2], ==, rgb (255, 115 + 51, 255));
  g_assert_cmphex (p[3], ==, rgb (0, 0, 0));
}

static void
test_composite_mixed_depths (void)
{
  /* An 8-bit brightfield with 16-bit fluorescence. */
  const guint8 bf[] = { 10, 20 };
  const guint16 ho[] = { 0, 0 };
  const guint16 dq[] = { 0, 10 };
  g_autoptr(LdaImage) b = lda_test_image_u8 (2, 1, bf);
  g_autoptr(LdaImage) h = lda_test_image_u16 (2, 1, ho);
  g_autoptr(LdaImage) d = lda_test_image_u16 (2, 1, dq);
  g_autoptr(GBytes) bytes = lda_render_composite (b, h, d, identity);
  const guint32 *p = pixels (bytes, 2);

  g_assert_cmphex (p[0], ==, rgb (10, 10, 10));
  g_assert_cmphex (p[1], ==, rgb (30, 22, 22));
}

/* The composite of one pixel from levels 0..255, written out longhand. */
static guint32
reference_composite (int bf,
                     int ho,
                     int dq)
{
  int r = (bf < 0 ? 0 : bf) + (int) lround (ho * 0.25) + dq;
  int g = (bf < 0 ? 0 : bf) + (int) lround (ho * 0.45) + (int) lround (dq * 0.2);
  int b = (bf < 0 ? 0 : bf) + ho + (int) lround (dq * 0.2);

  return rgb (MIN (r, 255), MIN (g, 255), MIN (b, 255));
}

static void
test_composite_wide (void)
{
  /* Rows longer than the renderer's internal blocks, with a ragged end, on
   * both the all-16-bit path and the mixed-depth one. */
  const guint width = 131, height = 3;
  gsize n = (gsize) width * height;
  g_autofree guint16 *bf16 = g_new (guint16, n);
  g_autofree guint8 *bf8 = g_new (guint8, n);
  g_autofree guint16 *ho = g_new (guint16, n);
  g_autofree guint16 *dq = g_new (guint16, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(LdaImage) b16 = NULL;
  g_autoptr(LdaImage) b8 = NULL;
  g_autoptr(LdaImage) h = NULL;
  g_autoptr(LdaImage) d = NULL;
  g_autoptr(GBytes) with16 = NULL;
  g_autoptr(GBytes) with8 = NULL;
  g_autoptr(GBytes) fluo = NULL;
  const guint32 *p16, *p8, *pf;

  for (gsize i = 0; i < n; i++)
    {
      bf8[i] = (guint8) g_rand_int_range (rand, 0, 256);
      bf16[i] = bf8[i];
      ho[i] = (guint16) g_rand_int_range (rand, 0, 300);  /* some above the window */
      dq[i] = (guint16) g_rand_int_range (rand, 0, 300);
    }
  b16 = lda_test_image_u16 (width, height, bf16);
  b8 = lda_test_image_u8 (width, height, bf8);
  h = lda_test_image_u16 (width, height, ho);
  d = lda_test_image_u16 (width, height, dq);

  with16 = lda_render_composite (b16, h, d, identity);
  with8 = lda_render_composite (b8, h, d, identity);
  fluo = lda_render_composite (NULL, h, d, identity);
  p16 = pixels (with16, n);
  p8 = pixels (with8, n);
  pf = pixels (fluo, n);

  for (gsize i = 0; i < n; i++)
    {
      int hl = MIN (ho[i], 255);
      int dl = MIN (dq[i], 255);

      g_assert_cmphex (p16[i], ==, reference_composite (bf8[i], hl, dl));
      g_assert_cmphex (p8[i], ==, p16[i]);
      g_assert_cmphex (pf[i], ==, reference_composite (-1, hl, dl));
    }
}

/* --- labels ------------------------------------------------------------ */

static void
test_labels (void)
{
  const guint8 data[] = { 0, 1, 2, 3, 4, 5, 200, 255 };
  g_autoptr(LdaImage) image = lda_test_image_u8 (8, 1, data);
  g_autoptr(GBytes) bytes = lda_render_labels (image);
  const guint32 *p = pixels (bytes, 8);

  /* Background and unknown values: fully transparent (premultiplied 0). */
  g_assert_cmphex (p[0], ==, 0);
  g_assert_cmphex (p[5], ==, 0);
  g_assert_cmphex (p[6], ==, 0);
  g_assert_cmphex (p[7], ==, 0);

  /* Classes: opaque, and the colour lda_class_color() reports. */
  for (guint k = 1; k <= 4; k++)
    {
      double r, g, b;

      lda_class_color (k, &r, &g, &b);
      g_assert_cmphex (p[k], ==, rgb ((guint) (r * 255 + 0.5),
                                      (guint) (g * 255 + 0.5),
                                      (guint) (b * 255 + 0.5)));
    }
}

/* --- tiles and mipmap levels ------------------------------------------- */

/* One channel (0 blue … 3 alpha) of a pixel. */
static guint
channel (guint32 pixel,
         guint   c)
{
  return (pixel >> (8 * c)) & 0xff;
}

/* A label tile at level 0 is lda_render_labels() of the same rectangle. */
static void
test_labels_area (void)
{
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U8, 37, 23, NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint32 tile[10 * 7];
  const guint32 *whole;

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u8 (image)[i] = (guint8) ((i * 7 + i / 37) % 5);
  bytes = lda_render_labels (image);
  whole = pixels (bytes, 37 * 23);

  lda_render_labels_area (image, 0, 20, 11, 10, 7, tile, 10);
  for (guint y = 0; y < 7; y++)
    for (guint x = 0; x < 10; x++)
      g_assert_cmphex (tile[y * 10 + x], ==, whole[(y + 11) * 37 + x + 20]);
}

/* Level 1 is the exact mean of each 2 × 2 block, channel by channel and
 * rounded; deeper levels the mean of the 2 × 2 pixels in the middle of
 * the block, the last block clipped to the image. */
static void
test_downsample (void)
{
  const guint w = 13, h = 9;
  g_autofree guint32 *source = g_new (guint32, w * h);
  guint32 level1[7 * 5];
  guint32 level2[4 * 3];

  for (guint i = 0; i < w * h; i++)
    source[i] = ((guint32) (i * 37 % 256) << 24) | ((guint32) (i * 11 % 256) << 16) |
                ((guint32) (i * 101 % 256) << 8) | (guint32) (i * 3 % 256);

  lda_render_downsample (source, w, w, h, 1, 0, 0, 7, 5, level1, 7);
  for (guint y = 0; y < 5; y++)
    for (guint x = 0; x < 7; x++)
      for (guint c = 0; c < 4; c++)
        {
          guint x0 = 2 * x, y0 = 2 * y;
          guint x1 = MIN (x0 + 1, w - 1), y1 = MIN (y0 + 1, h - 1);
          guint sum = channel (source[y0 * w + x0], c) + channel (source[y0 * w + x1], c) +
                      channel (source[y1 * w + x0], c) + channel (source[y1 * w + x1], c);

          g_assert_cmpuint (channel (level1[y * 7 + x], c), ==, (sum + 2) / 4);
        }

  /* Level 2: samples at 1 and 2 within each block of 4. */
  lda_render_downsample (source, w, w, h, 2, 0, 0, 4, 3, level2, 4);
  for (guint y = 0; y < 3; y++)
    for (guint x = 0; x < 4; x++)
      for (guint c = 0; c < 4; c++)
        {
          guint x0 = MIN (4 * x + 1, w - 1), x1 = MIN (4 * x + 2, w - 1);
          guint y0 = MIN (4 * y + 1, h - 1), y1 = MIN (4 * y + 2, h - 1);
          guint sum = channel (source[y0 * w + x0], c) + channel (source[y0 * w + x1], c) +
                      channel (source[y1 * w + x0], c) + channel (source[y1 * w + x1], c);

          g_assert_cmpuint (channel (level2[y * 4 + x], c), ==, (sum + 2) / 4);
        }
}

/* The gray panes keep a byte a pixel and make their tiles from it: every
 * level, any rectangle, byte for byte the ARGB32 rendering's own tiles
 * (lda_render_gray() downsampled). */
static void
test_gray_area (void)
{
  const guint w = 301, h = 173;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, w, h, NULL);
  const LdaContrast contrast = { 1000, 40000 };
  g_autoptr(GBytes) gray = NULL;
  g_autoptr(GBytes) argb = NULL;
  const guint8 *levels;
  const guint32 *full;
  guint16 *data = lda_image_u16 (image);

  for (guint i = 0; i < w * h; i++)
    data[i] = (guint16) ((i * 2654435761u) >> 16);
  gray = lda_render_gray8 (image, &contrast);
  argb = lda_render_gray (image, &contrast);
  g_assert_cmpuint (g_bytes_get_size (gray), ==, (gsize) w * h);
  levels = g_bytes_get_data (gray, NULL);
  full = pixels (argb, (gsize) w * h);
  for (guint i = 0; i < w * h; i++)
    g_assert_cmphex (full[i], ==, rgb (levels[i], levels[i], levels[i]));

  for (guint level = 0; level < LDA_TILED_LAYER_N_LEVELS; level++)
    {
      const guint lw = (w + (1u << level) - 1) >> level;
      const guint lh = (h + (1u << level) - 1) >> level;
      /* A rectangle off the origin that reaches the level's far edges. */
      const guint x = lw / 3, y = lh / 4;
      const guint aw = lw - x, ah = lh - y;
      g_autofree guint32 *made = g_new (guint32, (gsize) aw * ah);
      g_autofree guint32 *expected = g_new (guint32, (gsize) aw * ah);

      lda_render_gray_area (levels, w, w, h, level, x, y, aw, ah, made, aw);
      if (level == 0)
        for (guint j = 0; j < ah; j++)
          for (guint i = 0; i < aw; i++)
            {
              guint g = levels[(gsize) (y + j) * w + x + i];

              expected[(gsize) j * aw + i] = rgb (g, g, g);
            }
      else
        lda_render_downsample (full, w, w, h, level, x, y, aw, ah, expected, aw);
      for (gsize i = 0; i < (gsize) aw * ah; i++)
        if (made[i] != expected[i])
          g_error ("level %u, pixel %" G_GSIZE_FORMAT ": %08x, not %08x", level, i,
                   made[i], expected[i]);
    }
}

/* A label mask's mipmap level is the level of its rendering: the same
 * mean of the class colours, values past the last class (no colour)
 * included. */
static void
test_labels_mipmap (void)
{
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U8, 64, 40, NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint32 from_labels[32 * 20];
  guint32 from_pixels[32 * 20];

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u8 (image)[i] = (guint8) ((i / 3 + i / 64) % 7);
  /* Every four classes, and values far past them, in the first rows. */
  for (guint i = 0; i < 64 * 4; i++)
    lda_image_u8 (image)[i] = (guint8) ((i * 37 / 11) % 5);
  lda_image_u8 (image)[70] = 200;
  lda_image_u8 (image)[133] = 255;
  bytes = lda_render_labels (image);

  for (guint level = 1; level <= 2; level++)
    {
      guint lw = 64 >> level, lh = 40 >> level;

      lda_render_labels_area (image, level, 0, 0, lw, lh, from_labels, lw);
      lda_render_downsample (pixels (bytes, 64 * 40), 64, 64, 40, level, 0, 0, lw, lh,
                             from_pixels, lw);
      for (guint i = 0; i < lw * lh; i++)
        g_assert_cmphex (from_labels[i], ==, from_pixels[i]);
    }
}

/* The same on a mask whose width no level divides, rendered in parts
 * from a column and a row inside: the right edge's samples clipped as
 * lda_render_downsample() clips them, every level and part alike. */
static void
test_labels_mipmap_parts (void)
{
  const guint w = 67, h = 41;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U8, w, h, NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint32 from_labels[34 * 21];
  guint32 from_pixels[34 * 21];

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u8 (image)[i] = (guint8) ((i * 7 + i / w * 3) % 6 == 5 ? 200 : (i * 7 + i / w * 3) % 6);
  bytes = lda_render_labels (image);

  for (guint level = 1; level <= 3; level++)
    for (guint x = 0; x <= 3; x += 3)
      {
        guint lw = ((w + (1u << level) - 1) >> level) - x;
        guint lh = ((h + (1u << level) - 1) >> level) - 1;

        lda_render_labels_area (image, level, x, 1, lw, lh, from_labels, lw);
        lda_render_downsample (pixels (bytes, (gsize) w * h), w, w, h, level, x, 1, lw, lh,
                               from_pixels, lw);
        for (guint i = 0; i < lw * lh; i++)
          if (from_labels[i] != from_pixels[i])
            g_error ("level %u from column %u, pixel %u: %08x, not %08x", level, x, i,
                     from_labels[i], from_pixels[i]);
      }
}

/* Each mipmap level's pixels are no smaller than the screen's. */
static void
test_level_for_zoom (void)
{
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (8.0), ==, 0);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (1.0), ==, 0);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (0.6), ==, 0);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (0.5), ==, 1);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (0.3), ==, 1);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (0.25), ==, 2);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (0.1), ==, 3);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (1.0 / 64), ==, LDA_TILED_LAYER_N_LEVELS - 1);
  g_assert_cmpuint (lda_tiled_layer_level_for_zoom (1.0 / 1000), ==, LDA_TILED_LAYER_N_LEVELS - 1);
}


static void
test_label_hues (void)
{
  double r, g, b;

  /* 1 green, 2 yellow, 3 blue, 4 red: the dominant components say so. */
  lda_class_color (1, &r, &g, &b);
  g_assert_cmpfloat (g, >, 2 * r);
  g_assert_cmpfloat (g, >, 2 * b);

  lda_class_color (2, &r, &g, &b);
  g_assert_cmpfloat (r, >, 0.8);
  g_assert_cmpfloat (g, >, 0.8);
  g_assert_cmpfloat (b, <, 0.3);

  lda_class_color (3, &r, &g, &b);
  g_assert_cmpfloat (b, >, 2 * r);
  g_assert_cmpfloat (b, >, g);

  lda_class_color (4, &r, &g, &b);
  g_assert_cmpfloat (r, >, 4 * g);
  g_assert_cmpfloat (r, >, 4 * b);

  /* Background and unknown classes are black; NULL outputs are allowed. */
  lda_class_color (0, &r, &g, &b);
  g_assert_cmpfloat (r + g + b, ==, 0.0);
  lda_class_color (9, &r, NULL, NULL);
  g_assert_cmpfloat (r, ==, 0.0);
}

/* --- auto contrast ----------------------------------------------------- */

static void
test_auto_ramp (void)
{
  g_autofree guint16 *data = g_new (guint16, 1000);
  g_autoptr(LdaImage) image = NULL;
  LdaContrast c;

  /* 0..999 in reverse, so that order does not matter. */
  for (guint i = 0; i < 1000; i++)
    data[i] = 999 - i;
  image = lda_test_image_u16 (40, 25, data);

  /* Rank round (p / 100 · 999): 4.995 → 5 and 994.005 → 994. */
  lda_contrast_auto (image, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 5);
  g_assert_cmpuint (c.high, ==, 994);

  lda_contrast_auto (image, 0.0, 100.0, &c);
  g_assert_cmpuint (c.low, ==, 0);
  g_assert_cmpuint (c.high, ==, 999);

  lda_contrast_auto (image, 50.0, 50.0, &c);
  g_assert_cmpuint (c.low, ==, 500);       /* 499.5 → 500 */
  g_assert_cmpuint (c.high, ==, 501);
}

static void
test_auto_full_ramp (void)
{
  g_autofree guint16 *data = g_new (guint16, 65536);
  g_autoptr(LdaImage) image = NULL;
  LdaContrast c;

  for (guint i = 0; i < 65536; i++)
    data[i] = (guint16) i;
  image = lda_test_image_u16 (256, 256, data);

  /* 327.675 → 328 and 65207.325 → 65207. */
  lda_contrast_auto (image, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 328);
  g_assert_cmpuint (c.high, ==, 65207);
}

static void
test_auto_u8 (void)
{
  guint8 data[256];
  g_autoptr(LdaImage) image = NULL;
  LdaContrast c;

  for (guint i = 0; i < 256; i++)
    data[i] = (guint8) i;
  image = lda_test_image_u8 (16, 16, data);

  /* 1.275 → 1 and 253.725 → 254. */
  lda_contrast_auto (image, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 1);
  g_assert_cmpuint (c.high, ==, 254);
}

static void
test_auto_outliers (void)
{
  /* 1000 pixels at 100, 2 hot pixels at 60000: 99.5 % ignores them. */
  g_autofree guint16 *data = g_new (guint16, 1002);
  g_autoptr(LdaImage) image = NULL;
  LdaContrast c;

  for (guint i = 0; i < 1002; i++)
    data[i] = i < 500 ? 100 : 200;
  data[0] = 60000;
  data[1001] = 60000;
  image = lda_test_image_u16 (1002, 1, data);

  lda_contrast_auto (image, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 100);
  g_assert_cmpuint (c.high, ==, 200);
}

static void
test_auto_constant (void)
{
  const guint16 sevens[] = { 7, 7, 7, 7, 7, 7 };
  const guint16 tops[] = { 65535, 65535 };
  const guint8 zeros[] = { 0, 0, 0 };
  g_autoptr(LdaImage) a = lda_test_image_u16 (3, 2, sevens);
  g_autoptr(LdaImage) b = lda_test_image_u16 (2, 1, tops);
  g_autoptr(LdaImage) z = lda_test_image_u8 (3, 1, zeros);
  g_autoptr(LdaImage) one = lda_test_image_u16 (1, 1, sevens);
  LdaContrast c;

  lda_contrast_auto (a, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 7);
  g_assert_cmpuint (c.high, ==, 8);

  lda_contrast_auto (b, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 65535);
  g_assert_cmpuint (c.high, ==, 65536);

  lda_contrast_auto (z, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 0);
  g_assert_cmpuint (c.high, ==, 1);

  lda_contrast_auto (one, 0.0, 100.0, &c);
  g_assert_cmpuint (c.low, ==, 7);
  g_assert_cmpuint (c.high, ==, 8);
}

/* A strip of zeros (the padding a registration leaves, 1 % of the
 * frame) below pixels that start at 1000 does not pull the black point
 * down to 0; zeros among values that start at 1 are signal and do. */
static void
test_auto_zero_padding (void)
{
  g_autofree guint16 *data = g_new (guint16, 10000);
  g_autoptr(LdaImage) image = NULL;
  g_autoptr(LdaImage) signal = NULL;
  LdaContrast c;

  for (guint i = 0; i < 10000; i++)
    data[i] = i < 100 ? 0 : (guint16) (1000 + i % 500);
  image = lda_test_image_u16 (100, 100, data);
  lda_contrast_auto (image, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, >=, 1000);
  g_assert_cmpuint (c.high, <=, 1499);

  for (guint i = 100; i < 10000; i++)
    data[i] = (guint16) (1 + i % 500);
  signal = lda_test_image_u16 (100, 100, data);
  lda_contrast_auto (signal, 0.5, 99.5, &c);
  g_assert_cmpuint (c.low, ==, 0);
}

static void
test_auto_then_render (void)
{
  /* A flat image with its automatic window renders black, not garbage. */
  const guint16 data[] = { 500, 500, 500, 500 };
  g_autoptr(LdaImage) image = lda_test_image_u16 (2, 2, data);
  g_autoptr(GBytes) bytes = NULL;
  const guint32 *p;
  LdaContrast c;

  lda_contrast_auto (image, 0.5, 99.5, &c);
  bytes = lda_render_gray (image, &c);
  p = pixels (bytes, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmphex (p[i], ==, rgb (0, 0, 0));
}

/* Ctrl+plus from 1:1 reaches 2:1 and 4:1 exactly; from a fit it goes to
 * the next level; the ends hold. */
static void
test_zoom_steps (void)
{
  double zoom = 1.0;
  const double in[] = { 1.5, 2, 3, 4, 6, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (in); i++)
    {
      zoom = lda_image_view_zoom_step (zoom, 1);
      g_assert_cmpfloat (zoom, ==, in[i]);
    }
  g_assert_cmpfloat (lda_image_view_zoom_step (4.0, -1), ==, 3.0);
  g_assert_cmpfloat (lda_image_view_zoom_step (1.65, 1), ==, 2.0);
  g_assert_cmpfloat (lda_image_view_zoom_step (1.65, -1), ==, 1.5);
  g_assert_cmpfloat (lda_image_view_zoom_step (0.7, -1), ==, 2.0 / 3.0);
  g_assert_cmpfloat (lda_image_view_zoom_step (64.0, 1), ==, 64.0);
  g_assert_cmpfloat (lda_image_view_zoom_step (1.0 / 64, -1), ==, 1.0 / 64);
}

/* The names of the threshold methods under the histogram: in the lowest
 * row where they do not overlap, never across the plot's edges, and not
 * at all where both rows are taken (three names crowded at the right
 * edge, as thresholds beyond the range are). */
static void
test_histogram_labels (void)
{
  const double crowded_x[] = { 100, 390, 395, 398 }, crowded_w[] = { 30, 30, 30, 30 };
  double lx[16], x[16], w[16];
  int row[16];

  lda_histogram_place_labels (crowded_x, crowded_w, 4, 0, 400, 3, NAN, lx, row);
  g_assert_cmpint (row[0], ==, 0);
  g_assert_cmpfloat (lx[0], ==, 85);
  g_assert_cmpint (row[1], ==, 0);
  g_assert_cmpfloat (lx[1], ==, 370);
  g_assert_cmpint (row[2], ==, 1);
  g_assert_cmpint (row[3], ==, -1);

  /* Random ones, left to right: none overlaps another of its row. */
  for (guint round = 0; round < 200; round++)
    {
      guint n = (guint) g_test_rand_int_range (1, 16);
      double end[LDA_HISTOGRAM_LABEL_ROWS];

      for (guint i = 0; i < n; i++)
        {
          x[i] = (i > 0 ? x[i - 1] : 0) + g_test_rand_double_range (0, 60);
          w[i] = g_test_rand_double_range (10, 50);
        }
      lda_histogram_place_labels (x, w, n, 0, 400, 3, NAN, lx, row);
      for (guint r = 0; r < LDA_HISTOGRAM_LABEL_ROWS; r++)
        end[r] = -G_MAXDOUBLE;
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (row[i], >=, -1);
          g_assert_cmpint (row[i], <, LDA_HISTOGRAM_LABEL_ROWS);
          g_assert_cmpfloat (lx[i], >=, 0);
          g_assert_cmpfloat (lx[i] + w[i], <=, 400 + 1e-9);
          if (row[i] < 0)
            continue;
          g_assert_cmpfloat (lx[i], >=, end[row[i]] + 3);
          /* The lowest row with room. */
          for (int r = 0; r < row[i]; r++)
            g_assert_cmpfloat (lx[i], <, end[r] + 3);
          end[row[i]] = lx[i] + w[i];
        }
    }
}

/* A name centred over its tick that would cross the threshold line moves
 * to the tick's side of the line; one clear of it stays centred; at the
 * plot's edge it stays in the room.  Before, the name of the method in use
 * sat on the line, which runs a few pixels from its tick under an offset. */
static void
test_histogram_labels_avoid_line (void)
{
  const double x[] = { 40, 90, 200 }, w[] = { 30, 30, 30 };
  double lx[3];
  int row[3];

  /* The line at 33: "otsu" at 40 goes right of it, the others stay. */
  lda_histogram_place_labels (x, w, 3, 0, 400, 3, 33, lx, row);
  g_assert_cmpfloat (lx[0], ==, 36);
  g_assert_cmpfloat (lx[1], ==, 75);
  g_assert_cmpfloat (lx[2], ==, 185);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (row[i], ==, 0);
      g_assert_true (lx[i] >= 33 + 3 || lx[i] + w[i] <= 33 - 3);
    }

  /* The line right of a tick: the name ends left of it. */
  lda_histogram_place_labels (x, w, 3, 0, 400, 3, 95, lx, row);
  g_assert_cmpfloat (lx[0], ==, 25);
  g_assert_cmpfloat (lx[1], ==, 95 - 3 - 30);
  g_assert_cmpint (row[1], ==, 0);

  /* No room left of a line near the left edge: right of it. */
  lda_histogram_place_labels ((const double[]) { 5 }, w, 1, 0, 400, 3, 10, lx, row);
  g_assert_cmpfloat (lx[0], ==, 13);
  /* Nor right of one near the right edge: left of it. */
  lda_histogram_place_labels ((const double[]) { 398 }, w, 1, 0, 400, 3, 390, lx, row);
  g_assert_cmpfloat (lx[0], ==, 390 - 3 - 30);
}

/* The halo under a mark's name is the theme's background shade: light
 * under dark text, dark under light text. */
static void
test_halo (void)
{
  const GdkRGBA dark_text = { 0.18f, 0.20f, 0.21f, 1.0f };
  const GdkRGBA light_text = { 0.93f, 0.93f, 0.93f, 1.0f };
  const GdkRGBA green_text = { 0.1f, 0.9f, 0.1f, 0.6f };
  GdkRGBA halo;

  halo = lda_halo_for (&dark_text);
  g_assert_cmpfloat (halo.red, ==, 1.0f);
  g_assert_cmpfloat (halo.green, ==, 1.0f);
  g_assert_cmpfloat (halo.alpha, ==, 1.0f);
  halo = lda_halo_for (&light_text);
  g_assert_cmpfloat (halo.blue, ==, 0.0f);
  g_assert_cmpfloat (halo.alpha, ==, 1.0f);
  /* Green weighs most in how light a colour looks. */
  halo = lda_halo_for (&green_text);
  g_assert_cmpfloat (halo.red, ==, 0.0f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/gray/window", test_gray_window);
  g_test_add_func ("/render/gray/full-range", test_gray_full_range);
  g_test_add_func ("/render/gray/u8", test_gray_u8);
  g_test_add_func ("/render/gray/flat-window", test_gray_flat_window);
  g_test_add_func ("/render/pixel-layout", test_pixel_layout);
  g_test_add_func ("/render/composite/additive", test_composite_additive);
  g_test_add_func ("/render/composite/windows", test_composite_windows);
  g_test_add_func ("/render/composite/fluorescence", test_composite_fluorescence);
  g_test_add_func ("/render/composite/mixed-depths", test_composite_mixed_depths);
  g_test_add_func ("/render/composite/wide", test_composite_wide);
  g_test_add_func ("/render/labels/colours", test_labels);
  g_test_add_func ("/render/labels/hues", test_label_hues);
  g_test_add_func ("/render/labels/area", test_labels_area);
  g_test_add_func ("/render/labels/mipmap", test_labels_mipmap);
  g_test_add_func ("/render/labels/mipmap-parts", test_labels_mipmap_parts);
  g_test_add_func ("/render/downsample", test_downsample);
  g_test_add_func ("/render/gray/area", test_gray_area);
  g_test_add_func ("/render/level-for-zoom", test_level_for_zoom);
  g_test_add_func ("/render/auto/ramp", test_auto_ramp);
  g_test_add_func ("/render/auto/full-ramp", test_auto_full_ramp);
  g_test_add_func ("/render/auto/u8", test_auto_u8);
  g_test_add_func ("/render/auto/outliers", test_auto_outliers);
  g_test_add_func ("/render/auto/constant", test_auto_constant);
  g_test_add_func ("/render/auto/zero-padding", test_auto_zero_padding);
  g_test_add_func ("/render/auto/then-render", test_auto_then_render);
  g_test_add_func ("/render/zoom-steps", test_zoom_steps);
  g_test_add_func ("/render/histogram-labels", test_histogram_labels);
  g_test_add_func ("/render/histogram-labels-avoid-line", test_histogram_labels_avoid_line);
  g_test_add_func ("/render/histogram-halo", test_halo);

  return g_test_run ();
}
