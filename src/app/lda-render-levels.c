/* lda-render-levels.c — the label mask's colours, and the mipmap levels
 * a zoomed-out pane is drawn from
 *
 * A level-n pixel stands for 2^n × 2^n pixels of the frame and is the mean
 * of four of them, two columns of two rows (sample_points()), whatever
 * the layer: the composite's and fluorescence's ARGB32 pixels, the gray
 * panes' bytes and the label mask's classes.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-render.h"
#include "lda-render-private.h"

/* The five mask classes; 0 (background) is never drawn. */
static const guint8 class_rgb[5][3] = {
  {   0,   0,   0 },  /* background, transparent */
  {  51, 204,  77 },  /* cell area: green */
  { 255, 221,  26 },  /* outline: yellow */
  {  51, 115, 255 },  /* Hoechst nucleus: blue */
  { 242,  38,  38 },  /* Draq7 nucleus: red */
};

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

/* A class's three bits: its value, or 7 for none. */
static inline guint
class_code (guint value)
{
  return value < G_N_ELEMENTS (class_rgb) ? value : QUAD_CLASSES - 1;
}

/* The three bits of two neighbouring classes, the first one's high,
 * indexed by the two bytes, the first low: a mipmap pixel's two samples
 * in a row with one look-up.  Made once; 64 KiB. */
static const guint8 *
pair_codes (void)
{
  static guint8 *table;

  if (g_once_init_enter (&table))
    {
      guint8 *made = g_new (guint8, 65536);

      for (guint i = 0; i < 65536; i++)
        made[i] = (guint8) (class_code (i & 0xff) << 3 | class_code (i >> 8));
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
    const guint8 *pairs = pair_codes ();
    const guint step = 1u << level;
    guint8 code[256];
    guint n_pairs = 0;

    for (guint v = 0; v < 256; v++)
      code[v] = (guint8) class_code (v);
    /* The columns whose two samples are neighbours in the mask, all but
     * those the right edge clips: two bytes a row at once. */
    while (n_pairs < area_width && columns[2 * n_pairs] + 1 == columns[2 * n_pairs + 1])
      n_pairs++;

    for (guint j = 0; j < area_height; j++)
      {
        guint r0, r1;
        const guint8 *row0, *row1, *p0, *p1;
        guint32 *out = dest + (gsize) j * dest_stride;

        sample_points ((y + j) << level, level, labels->height, &r0, &r1);
        row0 = data + (gsize) r0 * labels->width;
        row1 = data + (gsize) r1 * labels->width;
        p0 = row0 + (n_pairs > 0 ? columns[0] : 0);
        p1 = row1 + (n_pairs > 0 ? columns[0] : 0);
        for (guint i = 0; i < n_pairs; i++, p0 += step, p1 += step)
          out[i] = quad[(guint) pairs[p0[0] | (guint) p0[1] << 8] << 6 |
                        pairs[p1[0] | (guint) p1[1] << 8]];
        for (guint i = n_pairs; i < area_width; i++)
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
