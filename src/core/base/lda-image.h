/* lda-image.h — a reference-counted 2-D single-channel image
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaPixelType:
 * @LDA_PIXEL_U8: one unsigned byte per pixel (masks, labels)
 * @LDA_PIXEL_U16: one unsigned 16-bit word per pixel (inputs, Sobel)
 */
typedef enum
{
  LDA_PIXEL_U8 = 8,
  LDA_PIXEL_U16 = 16,
} LdaPixelType;

/**
 * LdaImage:
 * @width: columns
 * @height: rows
 * @type: how pixels are stored; rows are packed, row-major
 * @source_bits: the bit depth of the data the image came from (8-bit
 *   input is widened to #LDA_PIXEL_U16 without scaling but keeps
 *   @source_bits = 8, so its saturation value stays 255)
 * @data: the pixels
 *
 * Images are shared by reference between the pipeline and its readers; once
 * a stage has produced one it is never written again, so a reference may be
 * read from any thread.  The fields are read-only.
 */
typedef struct
{
  guint        width;
  guint        height;
  LdaPixelType type;
  guint        source_bits;
  gpointer     data;
  /*< private >*/
  gatomicrefcount ref_count;
} LdaImage;

/* The largest image the core accepts: 2^30 pixels (a 32 768 × 32 768 field).
 * Larger ones are refused up front with LDA_ERROR_TOO_LARGE. */
#define LDA_IMAGE_MAX_PIXELS (G_GUINT64_CONSTANT (1) << 30)

LdaImage *lda_image_new           (LdaPixelType    type,
                                   guint           width,
                                   guint           height,
                                   GError        **error);
LdaImage *lda_image_new_uninitialized (LdaPixelType type,
                                   guint           width,
                                   guint           height,
                                   GError        **error);
LdaImage *lda_image_new_from_data (LdaPixelType    type,
                                   guint           width,
                                   guint           height,
                                   gconstpointer   data);
LdaImage *lda_image_copy          (const LdaImage *self,
                                   GError        **error);
LdaImage *lda_image_ref           (LdaImage       *self);
void      lda_image_unref         (LdaImage       *self);
gsize     lda_image_n_pixels      (const LdaImage *self);
gsize     lda_image_n_bytes       (const LdaImage *self);
guint     lda_image_saturation    (const LdaImage *self);
guint     lda_image_get           (const LdaImage *self,
                                   guint           x,
                                   guint           y);
gboolean  lda_image_is_flat       (const LdaImage *image,
                                   guint          *value);
gboolean  lda_image_same_size     (const LdaImage *a,
                                   const LdaImage *b);
gboolean  lda_check_size          (guint           width,
                                   guint           height,
                                   GError        **error);

static inline guint16 *
lda_image_u16 (const LdaImage *self)
{
  return (guint16 *) self->data;
}

static inline guint8 *
lda_image_u8 (const LdaImage *self)
{
  return (guint8 *) self->data;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaImage, lda_image_unref)

G_END_DECLS
