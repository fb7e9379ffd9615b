/* lda-render.c — 16-bit images to display pixels
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-render.h"

/* Every mapping here is a lookup table indexed by the raw pixel value, so
 * the per-pixel work is a table load per channel and one store: a 2048 ×
 * 2048 field renders in a few milliseconds on the worker thread after each
 * slider change.  Tables live on the heap of the calling thread; nothing is
 * shared. */

#define LUT_SIZE 65536

#define OPAQUE 0xff000000u

/* How much of each fluorescence channel goes to red, green and blue.  The
 * Hoechst blue carries some green and red so that it stays readable on a
 * gray brightfield; Draq7 is a slightly warm red. */
static const double hoechst_tint[3] = { 0.25, 0.45, 1.0 };
static const double draq7_tint[3]   = { 1.0,  0.2,  0.2 };

/* The five mask classes; 0 (background) is never drawn. */
static const guint8 class_rgb[5][3] = {
  {   0,   0,   0 },  /* background, transparent */
  {  51, 204,  77 },  /* cell area: green */
  { 255, 221,  26 },  /* outline: yellow */
  {  51, 115, 255 },  /* Hoechst nucleus: blue */
  { 242,  38,  38 },  /* Draq7 nucleus: red */
};

/* Composite pixels are summed in one word with 10 bits per colour: each
 * channel adds at most 255 to a field and three channels at most 765 < 1024,
 * so the fields never carry into each other. */
#define PACK(r, g, b) (((guint32) (r) << 20) | ((guint32) (g) << 10) | (guint32) (b))

static inline guint32
argb (guint r,
      guint g,
      guint b)
{
  return OPAQUE | (r << 16) | (g << 8) | b;
}

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

static gboolean
image_is_valid (const LdaImage *image)
{
  return image != NULL
         && image->data != NULL
         && (image->type == LDA_PIXEL_U8 || image->type == LDA_PIXEL_U16);
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

/**
 * lda_render_labels:
 * @labels: an 8-bit class mask, values 0 to 4
 *
 * Colours the class mask with lda_class_color(): background (0) and any
 * value above 4 are fully transparent, the four classes opaque.  The view
 * applies the overlay opacity.
 *
 * Returns: (transfer full): premultiplied ARGB32 pixels as for
 *   lda_render_gray()
 */
GBytes *
lda_render_labels (const LdaImage *labels)
{
  guint32 lut[256] = { 0 };
  const guint8 *p;
  guint32 *out;
  gsize n;

  g_return_val_if_fail (image_is_valid (labels), NULL);
  g_return_val_if_fail (labels->type == LDA_PIXEL_U8, NULL);

  for (guint k = 1; k < G_N_ELEMENTS (class_rgb); k++)
    lut[k] = argb (class_rgb[k][0], class_rgb[k][1], class_rgb[k][2]);

  n = lda_image_n_pixels (labels);
  p = lda_image_u8 (labels);
  out = g_malloc_n (n, sizeof *out);

  for (gsize i = 0; i < n; i++)
    out[i] = lut[p[i]];

  return g_bytes_new_take (out, n * sizeof *out);
}

/* The mean of four premultiplied ARGB32 pixels, channel by channel: two
 * channels at a time in 16-bit fields, which four bytes never overflow. */
static inline guint32
mean4 (guint32 a,
       guint32 b,
       guint32 c,
       guint32 d)
{
  guint32 even = (a & 0x00ff00ffu) + (b & 0x00ff00ffu) + (c & 0x00ff00ffu) + (d & 0x00ff00ffu);
  guint32 odd = ((a >> 8) & 0x00ff00ffu) + ((b >> 8) & 0x00ff00ffu) +
                ((c >> 8) & 0x00ff00ffu) + ((d >> 8) & 0x00ff00ffu);

  even = ((even + 0x00020002u) >> 2) & 0x00ff00ffu;
  odd = ((odd + 0x00020002u) >> 2) & 0x00ff00ffu;

  return even | (odd << 8);
}

/* Where the two samples of a level-@level pixel lie along one axis, for
 * the pixel that starts at image coordinate @start: the two image pixels
 * either side of its middle (at level 1, its two pixels), clipped to the
 * image.  Two neighbours, so that the finest pattern, a checkerboard,
 * comes out as its mean at every level rather than as one of its
 * colours. */
static inline void
sample_points (guint  start,
               guint  level,
               guint  size,
               guint *first,
               guint *second)
{
  guint step = 1u << level;

  *first = MIN (start + step / 2 - 1, size - 1);
  *second = MIN (start + step / 2, size - 1);
}

/* The two samples of each of @n level-@level pixels along one axis from
 * pixel @first on (sample_points()), in pairs: a new array of 2 × @n. */
static guint *
sample_columns (guint first,
                guint n,
                guint level,
                guint size)
{
  guint *columns = g_new (guint, 2 * (gsize) n);

  for (guint i = 0; i < n; i++)
    sample_points ((first + i) << level, level, size, &columns[2 * i], &columns[2 * i + 1]);

  return columns;
}

/**
 * lda_render_downsample:
 * @pixels: premultiplied ARGB32 pixels, @stride pixels per row
 * @stride: pixels per row of @pixels
 * @width: columns of @pixels
 * @height: rows of @pixels
 * @level: 1 or more: each pixel made stands for 2^level × 2^level
 * @x: first column to make, in pixels of the level
 * @y: first row to make
 * @area_width: columns to make
 * @area_height: rows to make
 * @dest: where they go, @dest_stride pixels per row
 * @dest_stride: pixels per row of @dest
 *
 * A mipmap level of @pixels, or a part of it: each pixel the mean of the
 * 2 × 2 pixels in the middle of those it stands for (at level 1, all of
 * them).  Reads four pixels
 * per pixel made, whatever the level, so a zoomed-out view of a large
 * frame costs what its size on screen costs.
 */
void
lda_render_downsample (const guint32 *pixels,
                       gsize          stride,
                       guint          width,
                       guint          height,
                       guint          level,
                       guint          x,
                       guint          y,
                       guint          area_width,
                       guint          area_height,
                       guint32       *dest,
                       gsize          dest_stride)
{
  g_autofree guint *columns = NULL;

  g_return_if_fail (level >= 1 && level < 16);

  columns = sample_columns (x, area_width, level, width);

  for (guint j = 0; j < area_height; j++)
    {
      guint r0, r1;
      const guint32 *row0, *row1;
      guint32 *out = dest + (gsize) j * dest_stride;

      sample_points ((y + j) << level, level, height, &r0, &r1);
      row0 = pixels + (gsize) r0 * stride;
      row1 = pixels + (gsize) r1 * stride;
      for (guint i = 0; i < area_width; i++)
        out[i] = mean4 (row0[columns[2 * i]], row0[columns[2 * i + 1]],
                        row1[columns[2 * i]], row1[columns[2 * i + 1]]);
    }
}

/**
 * lda_render_gray_area:
 * @gray: gray levels (lda_render_gray8()), @stride bytes per row
 * @stride: bytes per row of @gray
 * @width: columns of @gray
 * @height: rows of @gray
 * @level: 0 for @gray's own pixels, else a mipmap level as in
 *   lda_render_downsample()
 * @x: first column to make, in pixels of the level
 * @y: first row to make
 * @area_width: columns to make
 * @area_height: rows to make
 * @dest: where they go, @dest_stride pixels per row
 * @dest_stride: pixels per row of @dest
 *
 * Makes a rectangle of @gray, or of one of its mipmap levels, into opaque
 * ARGB32 pixels: byte for byte what lda_render_downsample() makes of
 * lda_render_gray()'s pixels (the mean of the same four samples, rounded
 * the same way, in each of three equal channels).
 */
void
lda_render_gray_area (const guint8 *gray,
                      gsize         stride,
                      guint         width,
                      guint         height,
                      guint         level,
                      guint         x,
                      guint         y,
                      guint         area_width,
                      guint         area_height,
                      guint32      *dest,
                      gsize         dest_stride)
{
  g_autofree guint *columns = NULL;

  g_return_if_fail (level < 16);

  if (level == 0)
    {
      for (guint j = 0; j < area_height; j++)
        {
          const guint8 *in = gray + (gsize) (y + j) * stride + x;
          guint32 *out = dest + (gsize) j * dest_stride;

          for (guint i = 0; i < area_width; i++)
            out[i] = argb (in[i], in[i], in[i]);
        }
      return;
    }

  columns = sample_columns (x, area_width, level, width);

  for (guint j = 0; j < area_height; j++)
    {
      guint r0, r1;
      const guint8 *row0, *row1;
      guint32 *out = dest + (gsize) j * dest_stride;

      sample_points ((y + j) << level, level, height, &r0, &r1);
      row0 = gray + (gsize) r0 * stride;
      row1 = gray + (gsize) r1 * stride;
      for (guint i = 0; i < area_width; i++)
        {
          guint v = (row0[columns[2 * i]] + row0[columns[2 * i + 1]] +
                     row1[columns[2 * i]] + row1[columns[2 * i + 1]] + 2) >> 2;

          out[i] = argb (v, v, v);
        }
    }
}

/* Classes 0 to 4 and the rest (no colour) in three bits: a pixel's
 * class, or 7 for any value past the last class. */
#define QUAD_CLASSES 8

/* The mean colour of every four classes a mipmap pixel is made from,
 * indexed by their three bits each, a, b, c, d from the high bits down:
 * one look-up a pixel instead of four and the mean of four colours.  Made
 * once; 16 KiB. */
static const guint32 *
quad_means (void)
{
  static guint32 *table;

  if (g_once_init_enter (&table))
    {
      guint32 lut[QUAD_CLASSES] = { 0 };
      guint32 *made = g_new (guint32, QUAD_CLASSES * QUAD_CLASSES * QUAD_CLASSES * QUAD_CLASSES);

      for (guint k = 1; k < G_N_ELEMENTS (class_rgb); k++)
        lut[k] = argb (class_rgb[k][0], class_rgb[k][1], class_rgb[k][2]);
      for (guint i = 0; i < QUAD_CLASSES * QUAD_CLASSES * QUAD_CLASSES * QUAD_CLASSES; i++)
        made[i] = mean4 (lut[(i >> 9) & 7], lut[(i >> 6) & 7], lut[(i >> 3) & 7], lut[i & 7]);
      g_once_init_leave (&table, made);
    }

  return table;
}

/**
 * lda_render_labels_area:
 * @labels: a #LDA_PIXEL_U8 label mask
 * @level: 0 for the mask's own pixels, else a mipmap level as in
 *   lda_render_downsample()
 * @x: first column to render, in pixels of the level
 * @y: first row
 * @area_width: columns
 * @area_height: rows
 * @dest: where they go, @dest_stride pixels per row
 * @dest_stride: pixels per row of @dest
 *
 * Renders a rectangle of @labels, or of one of its mipmap levels, in the
 * class colours: what one tile of a label layer shows.
 */
void
lda_render_labels_area (const LdaImage *labels,
                        guint           level,
                        guint           x,
                        guint           y,
                        guint           area_width,
                        guint           area_height,
                        guint32        *dest,
                        gsize           dest_stride)
{
  guint32 lut[256] = { 0 };
  const guint8 *data;

  g_return_if_fail (labels->type == LDA_PIXEL_U8);
  g_return_if_fail (level < 16);

  for (guint k = 1; k < G_N_ELEMENTS (class_rgb); k++)
    lut[k] = argb (class_rgb[k][0], class_rgb[k][1], class_rgb[k][2]);
  data = lda_image_u8 (labels);

  if (level == 0)
    {
      for (guint j = 0; j < area_height; j++)
        {
          const guint8 *p = data + (gsize) (y + j) * labels->width + x;
          guint32 *out = dest + (gsize) j * dest_stride;

          for (guint i = 0; i < area_width; i++)
            out[i] = lut[p[i]];
        }
      return;
    }

  {
    g_autofree guint *columns = sample_columns (x, area_width, level, labels->width);
    const guint32 *quad = quad_means ();
    guint8 code[256];

    /* A class's three bits: its value, or 7 for none. */
    for (guint v = 0; v < 256; v++)
      code[v] = (guint8) (v < G_N_ELEMENTS (class_rgb) ? v : QUAD_CLASSES - 1);

    for (guint j = 0; j < area_height; j++)
      {
        guint r0, r1;
        const guint8 *row0, *row1;
        guint32 *out = dest + (gsize) j * dest_stride;

        sample_points ((y + j) << level, level, labels->height, &r0, &r1);
        row0 = data + (gsize) r0 * labels->width;
        row1 = data + (gsize) r1 * labels->width;
        for (guint i = 0; i < area_width; i++)
          {
            const guint c0 = columns[2 * i], c1 = columns[2 * i + 1];

            out[i] = quad[((guint) code[row0[c0]] << 9) | ((guint) code[row0[c1]] << 6) |
                          ((guint) code[row1[c0]] << 3) | code[row1[c1]]];
          }
      }
  }
}

/**
 * lda_class_color:
 * @klass: a mask class, 1 to 4
 * @red: (out) (optional): red, 0 to 1
 * @green: (out) (optional): green, 0 to 1
 * @blue: (out) (optional): blue, 0 to 1
 *
 * The colour lda_render_labels() paints class @klass with, for legends.
 * Background and unknown classes give black.
 */
void
lda_class_color (guint   klass,
                 double *red,
                 double *green,
                 double *blue)
{
  const guint8 *rgb = class_rgb[klass < G_N_ELEMENTS (class_rgb) ? klass : 0];

  if (red != NULL)
    *red = rgb[0] / 255.0;
  if (green != NULL)
    *green = rgb[1] / 255.0;
  if (blue != NULL)
    *blue = rgb[2] / 255.0;
}
