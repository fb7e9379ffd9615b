/* lda-render.c — 16-bit images to display pixels
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-render.h"
#include "lda-render-private.h"

/* Every mapping here is a lookup table indexed by the raw pixel value, so
 * the per-pixel work is a table load per channel and one store: a 2048 ×
 * 2048 field renders in a few milliseconds on the worker thread after each
 * slider change.  Tables live on the heap of the calling thread; nothing is
 * shared. */

#define LUT_SIZE 65536

/* How much of each fluorescence channel goes to red, green and blue.  The
 * Hoechst blue carries some green and red so that it stays readable on a
 * gray brightfield; Draq7 is a slightly warm red. */
static const double hoechst_tint[3] = { 0.25, 0.45, 1.0 };
static const double draq7_tint[3]   = { 1.0,  0.2,  0.2 };

/* Composite pixels are summed in one word with 10 bits per colour: each
 * channel adds at most 255 to a field and three channels at most 765 < 1024,
 * so the fields never carry into each other. */
#define PACK(r, g, b) (((guint32) (r) << 20) | ((guint32) (g) << 10) | (guint32) (b))

/* A packed sum to an opaque ARGB32 pixel, each field clipped at 255.  Done
 * on the whole word at once (no per-field compare) since it runs once per
 * composite pixel: a field is ≥ 256 iff its bit 8 or 9 is set, and then its
 * low 8 bits are all set before they are moved into place. */
static inline guint32
unpack_saturated (guint32 v)
{
  guint32 over = (v >> 8) & 0x00300c03u;

  over = (over | (over >> 1)) & 0x00100401u;
  v |= over * 0xffu;

  return OPAQUE | ((v >> 4) & 0x00ff0000u) | ((v >> 2) & 0x0000ff00u) | (v & 0xffu);
}

static gsize
lut_size (const LdaImage *image)
{
  return image->type == LDA_PIXEL_U8 ? 256 : LUT_SIZE;
}

/* The display level 0..255 of @value for the window low..high, rounded to
 * the nearest level (halves up).  high > low is assumed. */
static inline guint
window_level (guint              value,
              const LdaContrast *contrast)
{
  guint64 span = contrast->high - contrast->low;
  guint64 offset;

  if (value <= contrast->low)
    return 0;
  if (value >= contrast->high)
    return 255;

  offset = value - contrast->low;
  return (guint) ((offset * 255 * 2 + span) / (2 * span));
}

/* A window with high ≤ low would divide by zero: widen it by one, as
 * lda_contrast_auto() does. */
static LdaContrast
sane_contrast (const LdaContrast *contrast)
{
  LdaContrast c = *contrast;

  if (c.high <= c.low)
    c.high = c.low + 1;

  return c;
}

static guint8 *
window_lut (const LdaContrast *contrast,
            gsize              size)
{
  LdaContrast c = sane_contrast (contrast);
  guint8 *lut = g_malloc_n (size, sizeof *lut);
  gsize first = MIN (c.low, size);
  gsize last = MIN (c.high, size);

  /* Only the inside of the window needs a division. */
  memset (lut, 0, first);
  for (gsize v = first; v < last; v++)
    lut[v] = (guint8) window_level ((guint) v, &c);
  memset (lut + last, 255, size - last);

  return lut;
}

/* A table from raw value to the packed colour the channel adds. */
static guint32 *
tint_lut (const LdaContrast *contrast,
          const double       tint[3],
          gsize              size)
{
  g_autofree guint8 *levels = window_lut (contrast, size);
  guint32 by_level[256];
  guint32 *lut = g_malloc_n (size, sizeof *lut);

  for (guint l = 0; l < 256; l++)
    by_level[l] = PACK (lround (l * tint[0]),
                        lround (l * tint[1]),
                        lround (l * tint[2]));

  for (gsize v = 0; v < size; v++)
    lut[v] = by_level[levels[v]];

  return lut;
}

/* Brightfield gray goes to all three fields. */
static guint32 *
gray_lut (const LdaContrast *contrast,
          gsize              size)
{
  g_autofree guint8 *levels = window_lut (contrast, size);
  guint32 *lut = g_malloc_n (size, sizeof *lut);

  for (gsize v = 0; v < size; v++)
    lut[v] = PACK (levels[v], levels[v], levels[v]);

  return lut;
}

/* Unpacks @n ≤ BLOCK sums.  A full block has a constant trip count, which
 * lets the compiler vectorize the loop even at -O2. */
#define BLOCK 64

static inline void
unpack_block (const guint32 *restrict acc,
              guint32       *restrict dest,
              guint                   n)
{
  if (n == BLOCK)
    for (guint i = 0; i < BLOCK; i++)
      dest[i] = unpack_saturated (acc[i]);
  else
    for (guint i = 0; i < n; i++)
      dest[i] = unpack_saturated (acc[i]);
}

/* One composite row of 16-bit inputs (the usual case) in a single pass,
 * through a small block that stays in L1. */
static void
composite_row_u16 (const guint16 *brightfield,
                   const guint16 *hoechst,
                   const guint16 *draq7,
                   const guint32 *bf_lut,
                   const guint32 *hoechst_lut,
                   const guint32 *draq7_lut,
                   guint          width,
                   guint32       *dest)
{
  guint32 block[BLOCK];

  for (guint x = 0; x < width; x += BLOCK)
    {
      guint n = MIN (BLOCK, width - x);
      const guint16 *h = hoechst + x;
      const guint16 *d = draq7 + x;

      if (brightfield != NULL)
        {
          const guint16 *b = brightfield + x;

          for (guint i = 0; i < n; i++)
            block[i] = bf_lut[b[i]] + hoechst_lut[h[i]] + draq7_lut[d[i]];
        }
      else
        {
          for (guint i = 0; i < n; i++)
            block[i] = hoechst_lut[h[i]] + draq7_lut[d[i]];
        }

      unpack_block (block, dest + x, n);
    }
}

/* acc[x] (=|+=) lut[row[x]] for one row of @image. */
static void
accumulate_row (const LdaImage *image,
                guint           y,
                const guint32  *lut,
                gboolean        first,
                guint32        *acc)
{
  gsize start = (gsize) y * image->width;
  guint width = image->width;

  if (image->type == LDA_PIXEL_U8)
    {
      const guint8 *row = lda_image_u8 (image) + start;

      if (first)
        for (guint x = 0; x < width; x++)
          acc[x] = lut[row[x]];
      else
        for (guint x = 0; x < width; x++)
          acc[x] += lut[row[x]];
    }
  else
    {
      const guint16 *row = lda_image_u16 (image) + start;

      if (first)
        for (guint x = 0; x < width; x++)
          acc[x] = lut[row[x]];
      else
        for (guint x = 0; x < width; x++)
          acc[x] += lut[row[x]];
    }
}

/* How far above 0 the darkest pixel but zeros must be for the zeros to
 * be taken for padding (lda_contrast_auto()). */
#define PADDING_GAP 8

/**
 * lda_contrast_auto:
 * @image: an 8- or 16-bit image
 * @low_percentile: percentage of pixels at or below the black point, 0–100
 * @high_percentile: percentage of pixels at or below the white point, 0–100
 * @contrast: (out): the window
 *
 * Picks a display window from the pixel distribution, ignoring the darkest
 * and brightest outliers (0.5 and 99.5 suit microscopy).  A percentile p
 * selects the value of rank round (p / 100 · (n − 1)) among the n sorted
 * pixels (the "nearest" rank), found with a histogram rather than a sort.
 * Pixels of exactly 0 are left out when the darkest of the others is
 * PADDING_GAP or more: a strip of zeros that a registration or a
 * stitching left is not signal, and when it is a percent of the frame it
 * drew the black point down to 0 and washed the image out (a camera's
 * dark pixels sit at its offset, and real zeros come with ones and twos
 * beside them).
 * The window always has @high > @low, even on a flat image.
 */
void
lda_contrast_auto (const LdaImage *image,
                   double          low_percentile,
                   double          high_percentile,
                   LdaContrast    *contrast)
{
  g_autofree guint32 *histogram = NULL;
  gsize size;
  gsize n;
  guint64 rank_low;
  guint64 rank_high;
  guint64 seen = 0;
  gboolean have_low = FALSE;

  g_return_if_fail (image_is_valid (image));
  g_return_if_fail (contrast != NULL);
  g_return_if_fail (low_percentile >= 0.0 && low_percentile <= 100.0);
  g_return_if_fail (high_percentile >= 0.0 && high_percentile <= 100.0);

  size = lut_size (image);
  n = lda_image_n_pixels (image);
  histogram = g_new0 (guint32, size);

  /* LDA_IMAGE_MAX_PIXELS is 2^30, so a guint32 count never overflows. */
  if (image->type == LDA_PIXEL_U8)
    {
      const guint8 *p = lda_image_u8 (image);

      for (gsize i = 0; i < n; i++)
        histogram[p[i]]++;
    }
  else
    {
      const guint16 *p = lda_image_u16 (image);

      for (gsize i = 0; i < n; i++)
        histogram[p[i]]++;
    }

  if (histogram[0] > 0 && histogram[0] < n)
    {
      gsize darkest = 1;

      while (histogram[darkest] == 0)
        darkest++;
      if (darkest >= PADDING_GAP)
        {
          n -= histogram[0];
          histogram[0] = 0;
        }
    }

  rank_low = (guint64) llround (low_percentile / 100.0 * (double) (n - 1));
  rank_high = (guint64) llround (high_percentile / 100.0 * (double) (n - 1));
  if (rank_high < rank_low)
    rank_high = rank_low;

  contrast->low = 0;
  contrast->high = (guint) size - 1;

  /* The value of rank r is the first v whose cumulative count exceeds r. */
  for (gsize v = 0; v < size; v++)
    {
      seen += histogram[v];

      if (!have_low && seen > rank_low)
        {
          contrast->low = (guint) v;
          have_low = TRUE;
        }

      if (seen > rank_high)
        {
          contrast->high = (guint) v;
          break;
        }
    }

  if (contrast->high <= contrast->low)
    contrast->high = contrast->low + 1;
}

/**
 * lda_render_gray8:
 * @image: an 8- or 16-bit image
 * @contrast: the window; @low maps to black, @high to white
 *
 * Renders @image as gray levels, linear between the window ends: one
 * byte a pixel, a quarter of lda_render_gray()'s, for a pane that makes
 * its ARGB32 tiles from them (lda_render_gray_area()).
 *
 * Returns: (transfer full): width × height levels, rows packed
 */
GBytes *
lda_render_gray8 (const LdaImage    *image,
                  const LdaContrast *contrast)
{
  g_autofree guint8 *lut = NULL;
  guint8 *out;
  gsize n;

  g_return_val_if_fail (image_is_valid (image), NULL);
  g_return_val_if_fail (contrast != NULL, NULL);

  n = lda_image_n_pixels (image);
  lut = window_lut (contrast, lut_size (image));
  out = g_malloc (n);

  if (image->type == LDA_PIXEL_U8)
    {
      const guint8 *p = lda_image_u8 (image);

      for (gsize i = 0; i < n; i++)
        out[i] = lut[p[i]];
    }
  else
    {
      const guint16 *p = lda_image_u16 (image);

      for (gsize i = 0; i < n; i++)
        out[i] = lut[p[i]];
    }

  return g_bytes_new_take (out, n);
}

/**
 * lda_render_gray:
 * @image: an 8- or 16-bit image
 * @contrast: the window; @low maps to black, @high to white
 *
 * Renders @image as opaque gray, linear between the window ends: the
 * pixels a gray pane's tiles show, made whole (for the tests and demos;
 * the panes make them a tile at a time).
 *
 * Returns: (transfer full): width × height premultiplied ARGB32 pixels in
 *   native byte order, rows packed
 */
GBytes *
lda_render_gray (const LdaImage    *image,
                 const LdaContrast *contrast)
{
  g_autoptr(GBytes) gray = NULL;
  guint32 *out;

  g_return_val_if_fail (image_is_valid (image), NULL);
  g_return_val_if_fail (contrast != NULL, NULL);

  gray = lda_render_gray8 (image, contrast);
  out = g_malloc_n (lda_image_n_pixels (image), sizeof *out);
  lda_render_gray_area (g_bytes_get_data (gray, NULL), image->width, image->width,
                        image->height, 0, 0, 0, image->width, image->height, out,
                        image->width);

  return g_bytes_new_take (out, lda_image_n_pixels (image) * sizeof *out);
}

/**
 * lda_render_composite:
 * @brightfield: (nullable): the brightfield image, or %NULL for the
 *   fluorescence-only view on black
 * @hoechst: the Hoechst image
 * @draq7: the Draq7 image
 * @contrasts: (array fixed-size=3): windows for brightfield, Hoechst and
 *   Draq7, in that order; the first is ignored without @brightfield
 *
 * Overlays the two fluorescence channels additively on the brightfield
 * gray: Hoechst as blue, Draq7 as red, each colour clipped at full
 * intensity.  All images must have the same size.
 *
 * Returns: (transfer full): premultiplied ARGB32 pixels as for
 *   lda_render_gray()
 */
GBytes *
lda_render_composite (const LdaImage    *brightfield,
                      const LdaImage    *hoechst,
                      const LdaImage    *draq7,
                      const LdaContrast *contrasts)
{
  g_autofree guint32 *bf_lut = NULL;
  g_autofree guint32 *hoechst_lut = NULL;
  g_autofree guint32 *draq7_lut = NULL;
  g_autofree guint32 *acc = NULL;
  guint32 *out;
  gboolean all_u16;
  guint width;
  guint height;

  g_return_val_if_fail (image_is_valid (hoechst), NULL);
  g_return_val_if_fail (image_is_valid (draq7), NULL);
  g_return_val_if_fail (lda_image_same_size (hoechst, draq7), NULL);
  g_return_val_if_fail (brightfield == NULL || image_is_valid (brightfield), NULL);
  g_return_val_if_fail (brightfield == NULL || lda_image_same_size (brightfield, hoechst), NULL);
  g_return_val_if_fail (contrasts != NULL, NULL);

  width = hoechst->width;
  height = hoechst->height;

  if (brightfield != NULL)
    bf_lut = gray_lut (&contrasts[0], lut_size (brightfield));
  hoechst_lut = tint_lut (&contrasts[1], hoechst_tint, lut_size (hoechst));
  draq7_lut = tint_lut (&contrasts[2], draq7_tint, lut_size (draq7));

  all_u16 = hoechst->type == LDA_PIXEL_U16 && draq7->type == LDA_PIXEL_U16
            && (brightfield == NULL || brightfield->type == LDA_PIXEL_U16);
  if (!all_u16)
    acc = g_new (guint32, width);
  out = g_malloc_n ((gsize) width * height, sizeof *out);

  for (guint y = 0; y < height; y++)
    {
      guint32 *dest = out + (gsize) y * width;

      if (all_u16)
        {
          gsize start = (gsize) y * width;

          composite_row_u16 (brightfield != NULL ? lda_image_u16 (brightfield) + start : NULL,
                             lda_image_u16 (hoechst) + start,
                             lda_image_u16 (draq7) + start,
                             bf_lut, hoechst_lut, draq7_lut,
                             width, dest);
          continue;
        }

      /* Mixed 8- and 16-bit inputs: one channel at a time. */
      if (brightfield != NULL)
        accumulate_row (brightfield, y, bf_lut, TRUE, acc);
      accumulate_row (hoechst, y, hoechst_lut, brightfield == NULL, acc);
      accumulate_row (draq7, y, draq7_lut, FALSE, acc);

      for (guint x = 0; x < width; x += BLOCK)
        unpack_block (acc + x, dest + x, MIN (BLOCK, width - x));
    }

  return g_bytes_new_take (out, (gsize) width * height * sizeof *out);
}
