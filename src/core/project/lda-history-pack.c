/* lda-history-pack.c — packing the pixels of an undo step
 *
 * A step keeps the edit pixels of the rectangle it changed, before and
 * after.  Edit layers are mostly "no edit" with a few painted blobs, so a
 * rectangle is stored as runs of equal pixels when that is smaller than
 * the raw pixels: a brush stroke packs into a few bytes per row.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-history-private.h"

static gsize
varint_size (gsize n)
{
  gsize size = 1;

  while (n >= 0x80)
    {
      n >>= 7;
      size++;
    }

  return size;
}

static guint8 *
varint_put (guint8 *out,
            gsize   n)
{
  while (n >= 0x80)
    {
      *out++ = (guint8) (n | 0x80);
      n >>= 7;
    }
  *out++ = (guint8) n;

  return out;
}

static const guint8 *
varint_get (const guint8 *in,
            gsize        *n)
{
  gsize value = 0;
  guint shift = 0;

  do
    {
      value |= (gsize) (*in & 0x7f) << shift;
      shift += 7;
    }
  while (*in++ & 0x80);

  *n = value;
  return in;
}

/* Walks the runs of rectangle @rect of the @stride-wide @pixels in raster
 * order; with @out NULL only measures the encoding. */
static gsize
encode_runs (const guint8  *pixels,
             gsize          stride,
             const LdaRect *rect,
             guint8        *out)
{
  gsize size = 0;
  gsize run = 0;
  guint8 value = 0;
  guint8 *at = out;

  for (int y = rect->y; y < rect->y + rect->height; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;

      for (int x = rect->x; x < rect->x + rect->width; x++)
        {
          if (run > 0 && row[x] == value)
            {
              run++;
              continue;
            }
          if (run > 0)
            {
              size += varint_size (run) + 1;
              if (at != NULL)
                {
                  at = varint_put (at, run);
                  *at++ = value;
                }
            }
          value = row[x];
          run = 1;
        }
    }

  if (run > 0)
    {
      size += varint_size (run) + 1;
      if (at != NULL)
        {
          at = varint_put (at, run);
          *at++ = value;
        }
    }

  return size;
}

void
lda_history_pack (Packed        *packed,
      const guint8  *pixels,
      gsize          stride,
      const LdaRect *rect)
{
  gsize raw_size = (gsize) rect->width * rect->height;
  gsize rle_size = encode_runs (pixels, stride, rect, NULL);

  if (rle_size < raw_size)
    {
      packed->raw = FALSE;
      packed->size = rle_size;
      packed->data = g_malloc (rle_size);
      encode_runs (pixels, stride, rect, packed->data);
    }
  else
    {
      packed->raw = TRUE;
      packed->size = raw_size;
      packed->data = g_malloc (raw_size);
      for (int y = 0; y < rect->height; y++)
        memcpy (packed->data + (gsize) y * rect->width,
                pixels + (gsize) (rect->y + y) * stride + rect->x, rect->width);
    }
}

/* Writes the packed rectangle back into @pixels. */
void
lda_history_unpack (const Packed  *packed,
        guint8        *pixels,
        gsize          stride,
        const LdaRect *rect)
{
  const guint8 *in = packed->data;
  gsize run = 0;
  guint8 value = 0;

  if (packed->raw)
    {
      for (int y = 0; y < rect->height; y++)
        memcpy (pixels + (gsize) (rect->y + y) * stride + rect->x,
                packed->data + (gsize) y * rect->width, rect->width);
      return;
    }

  for (int y = rect->y; y < rect->y + rect->height; y++)
    {
      guint8 *row = pixels + (gsize) y * stride;
      int x = rect->x;
      const int end = rect->x + rect->width;

      while (x < end)
        {
          gsize n;

          if (run == 0)
            {
              g_assert (in < packed->data + packed->size);
              in = varint_get (in, &run);
              value = *in++;
            }
          n = MIN (run, (gsize) (end - x));
          memset (row + x, value, n);
          x += (int) n;
          run -= n;
        }
    }
}
