/* lda-bitplane.h — binary images packed 64 pixels to a word
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

/**
 * LdaBitplane:
 * @width: columns
 * @height: rows
 * @stride: 64-bit words per row
 * @bits: pixel x of row y is bit (x % 64) of word y · stride + x / 64
 *
 * The bits past @width in the last word of each row (the padding) are
 * always zero between operations.
 */
typedef struct
{
  guint    width;
  guint    height;
  gsize    stride;
  guint64 *bits;
} LdaBitplane;

LdaBitplane *lda_bitplane_new        (guint               width,
                                      guint               height,
                                      GError            **error);
LdaBitplane *lda_bitplane_copy       (const LdaBitplane  *self,
                                      GError            **error);
void         lda_bitplane_free       (LdaBitplane        *self);
LdaBitplane *lda_bitplane_new_crop   (const LdaBitplane  *src,
                                      guint               x0,
                                      guint               y0,
                                      guint               width,
                                      guint               height,
                                      GError            **error);
LdaBitplane *lda_bitplane_new_halved (const LdaBitplane  *plane,
                                      GError            **error);
guint64      lda_bitplane_last_mask  (const LdaBitplane  *self);
const guint64 *lda_bitplane_byte_masks (void);
void         lda_bitplane_clear_padding (LdaBitplane     *self);
void         lda_bitplane_invert     (LdaBitplane        *self);
void         lda_bitplane_or         (LdaBitplane        *self,
                                      const LdaBitplane  *other);
void         lda_bitplane_xor        (LdaBitplane        *self,
                                      const LdaBitplane  *other);
gsize        lda_bitplane_count      (const LdaBitplane  *self);
void         lda_bitplane_threshold  (LdaBitplane        *self,
                                      const LdaImage     *image,
                                      gint64              threshold);
void         lda_bitplane_threshold_rows (LdaBitplane    *self,
                                          const LdaImage *image,
                                          gint64          threshold,
                                          guint           y0);
LdaBitplane *lda_bitplane_new_from_image (const LdaImage *image,
                                      GError            **error);
LdaBitplane *lda_bitplane_new_from_values (const guint8  *pixels,
                                      guint               width,
                                      guint               height,
                                      guint32             values,
                                      GError            **error);
void         lda_bitplane_to_image   (const LdaBitplane  *self,
                                      LdaImage           *image,
                                      guint8              value);

/* The set bits of @word.  On the x86-64 baseline __builtin_popcountll()
 * is a call into libgcc that counts by table; processors since 2008 have
 * an instruction for it, used where there is one. */
static inline guint
lda_popcount (guint64 word)
{
#if defined(__x86_64__) && !defined(__POPCNT__) && (defined(__GNUC__) || defined(__clang__))
  if (G_LIKELY (__builtin_cpu_supports ("popcnt")))
    {
      guint64 n;

      __asm__ ("popcnt %1, %0" : "=r" (n) : "rm" (word));
      return (guint) n;
    }
#endif
  return (guint) __builtin_popcountll (word);
}

static inline guint64 *
lda_bitplane_row (const LdaBitplane *self,
                  guint              y)
{
  return self->bits + (gsize) y * self->stride;
}

static inline gboolean
lda_bitplane_get (const LdaBitplane *self,
                  guint              x,
                  guint              y)
{
  return (lda_bitplane_row (self, y)[x >> 6] >> (x & 63)) & 1;
}

static inline void
lda_bitplane_set (LdaBitplane *self,
                  guint        x,
                  guint        y,
                  gboolean     value)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (x & 63);

  if (value)
    lda_bitplane_row (self, y)[x >> 6] |= bit;
  else
    lda_bitplane_row (self, y)[x >> 6] &= ~bit;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaBitplane, lda_bitplane_free)

G_END_DECLS
