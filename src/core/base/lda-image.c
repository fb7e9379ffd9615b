/* lda-image.c
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-error.h"
#include "lda-image.h"

/**
 * lda_check_size:
 * @width: columns
 * @height: rows
 * @error: return location for an error
 *
 * Checks that an image of this size can be handled: neither side is zero
 * and the pixel count stays under %LDA_IMAGE_MAX_PIXELS.
 *
 * Returns: %TRUE if the size is acceptable
 */
gboolean
lda_check_size (guint    width,
                guint    height,
                GError **error)
{
  guint64 n = (guint64) width * height;

  if (width == 0 || height == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("image has no pixels (%u × %u)"), width, height);
      return FALSE;
    }

  if (n > LDA_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("image of %u × %u pixels is too large (at most %u million pixels are supported)"),
                   width, height, (guint) (LDA_IMAGE_MAX_PIXELS / 1000000));
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_image_new:
 * @type: pixel type
 * @width: columns, at least 1
 * @height: rows, at least 1
 * @error: return location for an error
 *
 * Allocates a zero-filled image.  Fails with %LDA_ERROR_TOO_LARGE rather
 * than aborting when the memory cannot be had.
 *
 * Returns: (transfer full) (nullable): the image
 */
static LdaImage *
image_new (LdaPixelType   type,
           guint          width,
           guint          height,
           gboolean       zero,
           GError       **error)
{
  LdaImage *self;
  gsize bpp = type == LDA_PIXEL_U16 ? 2 : 1;
  gpointer data;

  g_return_val_if_fail (type == LDA_PIXEL_U8 || type == LDA_PIXEL_U16, NULL);

  if (!lda_check_size (width, height, error))
    return NULL;

  /* Large images come from lda-buffer.c: mapped once, reused. */
  data = lda_buffer_alloc ((gsize) width * height * bpp, zero);
  if (data == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for a %u × %u image (%.0f MiB)"),
                   width, height, (double) width * height * bpp / (1024.0 * 1024.0));
      return NULL;
    }

  self = g_new0 (LdaImage, 1);
  self->width = width;
  self->height = height;
  self->type = type;
  self->source_bits = type;
  self->data = data;
  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

LdaImage *
lda_image_new (LdaPixelType   type,
               guint          width,
               guint          height,
               GError       **error)
{
  return image_new (type, width, height, TRUE, error);
}

/**
 * lda_image_new_uninitialized:
 * @type: pixel type
 * @width: columns, at least 1
 * @height: rows, at least 1
 * @error: return location for an error
 *
 * Like lda_image_new() but the pixels are left as they come, for a caller
 * that writes every one of them.
 *
 * Returns: (transfer full) (nullable): the image
 */
LdaImage *
lda_image_new_uninitialized (LdaPixelType   type,
                             guint          width,
                             guint          height,
                             GError       **error)
{
  return image_new (type, width, height, FALSE, error);
}

/**
 * lda_image_new_from_data:
 * @type: pixel type
 * @width: columns
 * @height: rows
 * @data: width × height pixels of @type, copied
 *
 * Convenience for tests and small images; aborts only on programmer error.
 *
 * Returns: (transfer full): a new image holding a copy of @data
 */
LdaImage *
lda_image_new_from_data (LdaPixelType  type,
                         guint         width,
                         guint         height,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LdaImage *self = lda_image_new (type, width, height, &error);

  g_return_val_if_fail (self != NULL, NULL);
  memcpy (self->data, data, lda_image_n_bytes (self));

  return self;
}

/**
 * lda_image_copy:
 * @self: an image
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new image with @self's pixels,
 *   or %NULL if out of memory
 */
LdaImage *
lda_image_copy (const LdaImage  *self,
                GError         **error)
{
  LdaImage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  /* Every pixel written: not zeroed first. */
  copy = image_new (self->type, self->width, self->height, FALSE, error);
  if (copy == NULL)
    return NULL;
  copy->source_bits = self->source_bits;
  memcpy (copy->data, self->data, lda_image_n_bytes (self));

  return copy;
}

LdaImage *
lda_image_ref (LdaImage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
lda_image_unref (LdaImage *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      lda_buffer_free (self->data);
      g_free (self);
    }
}

gsize
lda_image_n_pixels (const LdaImage *self)
{
  return (gsize) self->width * self->height;
}

gsize
lda_image_n_bytes (const LdaImage *self)
{
  return lda_image_n_pixels (self) * (self->type == LDA_PIXEL_U16 ? 2 : 1);
}

/**
 * lda_image_saturation:
 * @self: an image
 *
 * Returns: the largest value the image's source could hold: 255 for
 * 8-bit sources, 65 535 for 16-bit ones (pipeline.md §1, ignore-saturated)
 */
guint
lda_image_saturation (const LdaImage *self)
{
  return self->source_bits == 8 ? 255 : 65535;
}

guint
lda_image_get (const LdaImage *self,
               guint           x,
               guint           y)
{
  gsize i;

  g_return_val_if_fail (x < self->width && y < self->height, 0);

  i = (gsize) y * self->width + x;
  return self->type == LDA_PIXEL_U16 ? lda_image_u16 (self)[i] : lda_image_u8 (self)[i];
}

/**
 * lda_image_is_flat:
 * @image: (nullable): an image
 * @value: (out): its one value, if it has one
 *
 * Returns: whether every pixel of @image has the same value: an image
 *   with no contrast, which no threshold splits (a failed acquisition)
 */
gboolean
lda_image_is_flat (const LdaImage *image,
                   guint          *value)
{
  gsize n;

  if (image == NULL || (n = lda_image_n_pixels (image)) == 0)
    return FALSE;
  if (image->type == LDA_PIXEL_U16)
    {
      const guint16 *p = lda_image_u16 (image);

      for (gsize i = 1; i < n; i++)
        if (p[i] != p[0])
          return FALSE;
      *value = p[0];
    }
  else
    {
      const guint8 *p = lda_image_u8 (image);

      for (gsize i = 1; i < n; i++)
        if (p[i] != p[0])
          return FALSE;
      *value = p[0];
    }
  return TRUE;
}

gboolean
lda_image_same_size (const LdaImage *a,
                     const LdaImage *b)
{
  return a->width == b->width && a->height == b->height;
}
