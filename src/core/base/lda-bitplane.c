/* lda-bitplane.c — binary images packed 64 pixels to a word
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lda-bitplane.h"
#include "lda-buffer.h"
#include "lda-error.h"

static LdaBitplane *
bitplane_new (guint     width,
              guint     height,
              gboolean  zero,
              GError  **error)
{
  LdaBitplane *self;
  gsize stride = ((gsize) width + 63) / 64;
  guint64 *bits;

  if (!lda_check_size (width, height, error))
    return NULL;

  /* Planes of large frames come from lda-buffer.c: mapped once, reused. */
  bits = lda_buffer_alloc (stride * height * sizeof (guint64), zero);
  if (bits == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for a %u × %u mask"), width, height);
      return NULL;
    }

  self = g_new0 (LdaBitplane, 1);
  self->width = width;
  self->height = height;
  self->stride = stride;
  self->bits = bits;

  return self;
}

/**
 * lda_bitplane_new:
 * @width: columns
 * @height: rows
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an all-zero plane
 */
LdaBitplane *
lda_bitplane_new (guint    width,
                  guint    height,
                  GError **error)
{
  return bitplane_new (width, height, TRUE, error);
}

LdaBitplane *
lda_bitplane_copy (const LdaBitplane *self,
                   GError           **error)
{
  LdaBitplane *copy = bitplane_new (self->width, self->height, FALSE, error);

  if (copy != NULL)
    memcpy (copy->bits, self->bits, self->stride * self->height * sizeof (guint64));

  return copy;
}

void
lda_bitplane_free (LdaBitplane *self)
{
  if (self == NULL)
    return;

  lda_buffer_free (self->bits);
  g_free (self);
}

/**
 * lda_bitplane_last_mask:
 * @self: a plane
 *
 * Returns: the bits of a row's last word that lie inside the image
 */
guint64
lda_bitplane_last_mask (const LdaBitplane *self)
{
  guint used = self->width & 63;

  return used == 0 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << used) - 1;
}

void
lda_bitplane_clear_padding (LdaBitplane *self)
{
  guint64 mask = lda_bitplane_last_mask (self);

  if (mask == G_MAXUINT64)
    return;

  for (guint y = 0; y < self->height; y++)
    lda_bitplane_row (self, y)[self->stride - 1] &= mask;
}

void
lda_bitplane_invert (LdaBitplane *self)
{
  gsize n = self->stride * self->height;

  for (gsize i = 0; i < n; i++)
    self->bits[i] = ~self->bits[i];
  lda_bitplane_clear_padding (self);
}

void
lda_bitplane_or (LdaBitplane       *self,
                 const LdaBitplane *other)
{
  gsize n = self->stride * self->height;

  g_return_if_fail (self->width == other->width && self->height == other->height);

  for (gsize i = 0; i < n; i++)
    self->bits[i] |= other->bits[i];
}

/* @self becomes the pixels set in one of @self and @other, not both. */
void
lda_bitplane_xor (LdaBitplane       *self,
                  const LdaBitplane *other)
{
  gsize n = self->stride * self->height;

  g_return_if_fail (self->width == other->width && self->height == other->height);

  for (gsize i = 0; i < n; i++)
    self->bits[i] ^= other->bits[i];
}

gsize
lda_bitplane_count (const LdaBitplane *self)
{
  gsize n = self->stride * self->height;
  gsize count = 0;

  for (gsize i = 0; i < n; i++)
    count += (gsize) lda_popcount (self->bits[i]);

  return count;
}

/* The 64 pixels of @src above @t as the bits of a word.  With SSE2 (every
 * x86-64 processor) eight pixels a comparison: unsigned as signed with
 * the top bit flipped, two comparisons' lanes packed into 16 bytes and
 * their top bits gathered (16 pixels an instruction).  Elsewhere the
 * comparisons go to bytes (a loop the compiler makes vector code of),
 * and each 8 bytes of 0 or 1 are gathered into 8 bits by one
 * multiplication, which moves byte i's bit to bit 56 + i. */
static inline guint64
pack_above_u16 (const guint16 *src,
                guint16        t)
{
#ifdef __SSE2__
  const __m128i flip = _mm_set1_epi16 ((short) 0x8000);
  const __m128i limit = _mm_xor_si128 (_mm_set1_epi16 ((short) t), flip);
  guint64 bits = 0;

  for (guint i = 0; i < 64; i += 16)
    {
      const __m128i a = _mm_xor_si128 (_mm_loadu_si128 ((const __m128i *) (src + i)), flip);
      const __m128i b = _mm_xor_si128 (_mm_loadu_si128 ((const __m128i *) (src + i + 8)), flip);
      const __m128i above = _mm_packs_epi16 (_mm_cmpgt_epi16 (a, limit), _mm_cmpgt_epi16 (b, limit));

      bits |= (guint64) (guint16) _mm_movemask_epi8 (above) << i;
    }

  return bits;
#else
  guint8 above[64];
  guint64 bits = 0;

  for (guint i = 0; i < 64; i++)
    above[i] = src[i] > t;

  for (guint b = 0; b < 8; b++)
    {
      guint64 bytes = 0;

      /* Byte i of the word is pixel 8b + i whatever the byte order. */
      for (guint i = 0; i < 8; i++)
        bytes |= (guint64) above[8 * b + i] << (8 * i);
      bits |= ((bytes * G_GUINT64_CONSTANT (0x0102040810204080)) >> 56) << (8 * b);
    }

  return bits;
#endif
}

/**
 * lda_bitplane_threshold_rows:
 * @self: a plane as wide as @image, rows @y0 … @y0 + height − 1 of it
 * @image: a #LDA_PIXEL_U16 or #LDA_PIXEL_U8 image
 * @threshold: pixels strictly greater are set (pipeline.md §1)
 * @y0: the image row that the plane's first row is
 *
 * As lda_bitplane_threshold(), for a band of the image's rows.
 */
void
lda_bitplane_threshold_rows (LdaBitplane    *self,
                             const LdaImage *image,
                             gint64          threshold,
                             guint           y0)
{
  const guint w = image->width;

  g_return_if_fail (self->width == image->width && y0 <= image->height &&
                    self->height <= image->height - y0);

  if (threshold >= 65535)
    {
      memset (self->bits, 0, self->stride * self->height * sizeof (guint64));
      return;
    }

  for (guint y = 0; y < self->height; y++)
    {
      guint64 *row = lda_bitplane_row (self, y);

      if (image->type == LDA_PIXEL_U16)
        {
          const guint16 *src = lda_image_u16 (image) + (gsize) (y0 + y) * w;
          const gint32 t = (gint32) MAX (threshold, -1);

          for (gsize word = 0; word < self->stride; word++)
            {
              guint x0 = (guint) (word * 64);
              guint n = MIN (64u, w - x0);
              guint64 bits = 0;

              if (n == 64 && t >= 0)
                {
                  row[word] = pack_above_u16 (src + x0, (guint16) t);
                  continue;
                }
              for (guint i = 0; i < n; i++)
                bits |= (guint64) ((gint32) src[x0 + i] > t) << i;
              row[word] = bits;
            }
        }
      else
        {
          const guint8 *src = lda_image_u8 (image) + (gsize) (y0 + y) * w;
          const gint32 t = (gint32) MAX (threshold, -1);

          for (gsize word = 0; word < self->stride; word++)
            {
              guint x0 = (guint) (word * 64);
              guint n = MIN (64u, w - x0);
              guint64 bits = 0;

              for (guint i = 0; i < n; i++)
                bits |= (guint64) ((gint32) src[x0 + i] > t) << i;
              row[word] = bits;
            }
        }
    }
}

/**
 * lda_bitplane_threshold:
 * @self: a plane of the image's size
 * @image: a #LDA_PIXEL_U16 or #LDA_PIXEL_U8 image
 * @threshold: pixels strictly greater are set (pipeline.md §1)
 */
void
lda_bitplane_threshold (LdaBitplane    *self,
                        const LdaImage *image,
                        gint64          threshold)
{
  g_return_if_fail (self->width == image->width && self->height == image->height);

  lda_bitplane_threshold_rows (self, image, threshold, 0);
}

/**
 * lda_bitplane_new_from_image:
 * @image: a mask image; non-zero pixels are set
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the plane
 */
LdaBitplane *
lda_bitplane_new_from_image (const LdaImage *image,
                             GError        **error)
{
  LdaBitplane *self = lda_bitplane_new (image->width, image->height, error);

  if (self != NULL)
    lda_bitplane_threshold (self, image, 0);

  return self;
}

/**
 * lda_bitplane_new_from_values:
 * @pixels: @width × @height bytes, such as a label mask's classes
 * @width: columns
 * @height: rows
 * @values: the values that are set: bit v for value v (values of 32 and
 *   more are never set)
 * @error: return location for an error
 *
 * The pixels of @pixels whose value is one of @values: the nuclei of a
 * label mask are (1 << 3) | (1 << 4).
 *
 * Returns: (transfer full) (nullable): the plane
 */
LdaBitplane *
lda_bitplane_new_from_values (const guint8  *pixels,
                              guint          width,
                              guint          height,
                              guint32        values,
                              GError       **error)
{
  LdaBitplane *self = lda_bitplane_new (width, height, error);
  guint8 in[256] = { 0, };

  if (self == NULL)
    return NULL;

  for (guint v = 0; v < 32; v++)
    in[v] = (guint8) ((values >> v) & 1);
  for (guint y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (gsize) y * width;
      guint64 *bits = lda_bitplane_row (self, y);

      for (guint x0 = 0; x0 < width; x0 += 64)
        {
          const guint n = MIN (64u, width - x0);
          guint64 word = 0;

          for (guint i = 0; i < n; i++)
            word |= (guint64) in[row[x0 + i]] << i;
          bits[x0 >> 6] = word;
        }
    }

  return self;
}

/**
 * lda_bitplane_to_image:
 * @self: a plane
 * @image: a #LDA_PIXEL_U8 image of the same size
 * @value: what set pixels become; clear pixels become 0
 */
void
lda_bitplane_to_image (const LdaBitplane *self,
                       LdaImage          *image,
                       guint8             value)
{
  const guint w = self->width;

  g_return_if_fail (image->type == LDA_PIXEL_U8);
  g_return_if_fail (self->width == image->width && self->height == image->height);

  for (guint y = 0; y < self->height; y++)
    {
      const guint64 *row = lda_bitplane_row (self, y);
      guint8 *dst = lda_image_u8 (image) + (gsize) y * w;

      for (guint x = 0; x < w; x++)
        dst[x] = ((row[x >> 6] >> (x & 63)) & 1) ? value : 0;
    }
}

/**
 * lda_bitplane_byte_masks:
 *
 * For each byte of a row's word, the eight pixels it covers as bytes of
 * 0xff or 0, in memory order: pixel i is byte i whatever the byte order.
 * A row of 8-bit pixels is masked or painted eight pixels at a time with
 * them.
 *
 * Returns: (array fixed-size=256): the 256 masks
 */
const guint64 *
lda_bitplane_byte_masks (void)
{
  static guint64 table[256];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint b = 0; b < 256; b++)
        {
          guint8 bytes[8];

          for (guint i = 0; i < 8; i++)
            bytes[i] = (b >> i) & 1 ? 0xff : 0;
          memcpy (&table[b], bytes, sizeof bytes);
        }
      g_once_init_leave (&done, 1);
    }

  return table;
}

/**
 * lda_bitplane_new_crop:
 * @src: a bit plane
 * @x0: first column of the crop
 * @y0: first row
 * @width: columns, @x0 + @width at most @src's width
 * @height: rows, @y0 + @height at most @src's height
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): @src's pixels @x0 … @x0 + @width − 1
 *   of rows @y0 … @y0 + @height − 1, a plane of their own; %NULL if out of
 *   memory
 */
LdaBitplane *
lda_bitplane_new_crop (const LdaBitplane  *src,
                       guint               x0,
                       guint               y0,
                       guint               width,
                       guint               height,
                       GError            **error)
{
  LdaBitplane *dst = lda_bitplane_new (width, height, error);

  if (dst == NULL)
    return NULL;
  for (guint y = 0; y < height; y++)
    {
      const guint64 *s = lda_bitplane_row (src, y0 + y);
      guint64 *d = lda_bitplane_row (dst, y);

      for (gsize k = 0; k < dst->stride; k++)
        {
          const gsize x = x0 + 64 * k, word = x >> 6;
          const guint shift = x & 63;
          guint64 v = s[word] >> shift;

          if (shift != 0 && word + 1 < src->stride)
            v |= s[word + 1] << (64 - shift);
          d[k] = v;
        }
    }
  lda_bitplane_clear_padding (dst);

  return dst;
}

/* The 32 bits of @word's pairs of bits, each set if either of the pair is. */
static inline guint32
pairs_or (guint64 word)
{
  guint64 x = (word | (word >> 1)) & G_GUINT64_CONSTANT (0x5555555555555555);

  x = (x | (x >> 1)) & G_GUINT64_CONSTANT (0x3333333333333333);
  x = (x | (x >> 2)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  x = (x | (x >> 4)) & G_GUINT64_CONSTANT (0x00ff00ff00ff00ff);
  x = (x | (x >> 8)) & G_GUINT64_CONSTANT (0x0000ffff0000ffff);
  x = (x | (x >> 16)) & G_GUINT64_CONSTANT (0x00000000ffffffff);

  return (guint32) x;
}

/**
 * lda_bitplane_new_halved:
 * @plane: a bit plane
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): @plane at half its width and
 *   height (rounded up), a bit set where any of its 2 × 2 is; %NULL if
 *   out of memory
 */
LdaBitplane *
lda_bitplane_new_halved (const LdaBitplane  *plane,
                         GError            **error)
{
  const guint cw = (plane->width + 1) / 2, ch = (plane->height + 1) / 2;
  LdaBitplane *half = lda_bitplane_new (cw, ch, error);

  if (half == NULL)
    return NULL;

  for (guint cy = 0; cy < ch; cy++)
    {
      const guint64 *a = lda_bitplane_row (plane, 2 * cy);
      const guint64 *b = 2 * cy + 1 < plane->height ? lda_bitplane_row (plane, 2 * cy + 1) : a;
      guint64 *out = lda_bitplane_row (half, cy);

      for (gsize k = 0; k < half->stride; k++)
        {
          gsize lo = 2 * k, hi = 2 * k + 1;
          guint64 word = pairs_or (a[lo] | b[lo]);

          if (hi < plane->stride)
            word |= (guint64) pairs_or (a[hi] | b[hi]) << 32;
          out[k] = word;
        }
    }
  /* The source's padding is zero, and so is every pair past its width. */
  return half;
}
