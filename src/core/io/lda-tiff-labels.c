/* lda-tiff-labels.c — label images of 32-bit integers
 *
 * Instance masks come from Python as often as not: StarDist's labels are
 * 32-bit signed integers, and tifffile writes them as they are.  An
 * image to import as a mask may be 8-, 16- or 32-bit, signed or not;
 * 32-bit labels are narrowed to 16 bits, numbered again 1, 2, 3, … in
 * the order they are met when one is above 65 535.  Negative values are
 * no labels.  The images the pipeline reads stay 8- or 16-bit
 * (lda-tiff.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-error.h"
#include "lda-tiff.h"
#include "lda-tiff-io.h"

/* Reads the 32-bit rows of @tif into @values. */
static gboolean
read_rows (TIFF            *tif,
           const LdaTiffIo *io,
           guint32          width,
           guint32          height,
           guint32         *values,
           GError         **error)
{
  g_autofree guint8 *row = NULL;
  tmsize_t row_size = TIFFScanlineSize (tif);

  if (row_size < (tmsize_t) width * 4)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: its rows are shorter than its width; the file is damaged"), io->path);
      return FALSE;
    }
  row = g_try_malloc ((gsize) row_size);
  if (row == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("%s: not enough memory for a row of %u pixels"), io->path, width);
      return FALSE;
    }
  for (guint32 y = 0; y < height; y++)
    {
      if (TIFFReadScanline (tif, row, y, 0) < 0)
        {
          g_set_error (error, LDA_ERROR, io->io_errno != 0 ? LDA_ERROR_READ : LDA_ERROR_CORRUPT,
                       _("%s: row %u cannot be read; the file is damaged or truncated"),
                       io->path, y);
          return FALSE;
        }
      memcpy (values + (gsize) y * width, row, (gsize) width * 4);
    }
  return TRUE;
}

/* Narrows @values to @image: as they are when all fit, else numbered
 * again in the order met. */
static gboolean
narrow (const char    *path,
        const guint32 *values,
        gboolean       is_signed,
        LdaImage      *image,
        guint32       *largest,
        GError       **error)
{
  guint16 *out = lda_image_u16 (image);
  gsize n = (gsize) image->width * image->height;
  guint32 max = 0;
  g_autoptr(GHashTable) numbers = NULL;

  for (gsize i = 0; i < n; i++)
    {
      if (is_signed && (gint32) values[i] < 0)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("%s: value %d at column %u, row %u; labels are 0 (background) or "
                         "more"),
                       path, (gint32) values[i], (guint) (i % image->width),
                       (guint) (i / image->width));
          return FALSE;
        }
      max = MAX (max, values[i]);
    }
  *largest = max;

  if (max <= G_MAXUINT16)
    {
      for (gsize i = 0; i < n; i++)
        out[i] = (guint16) values[i];
      return TRUE;
    }

  numbers = g_hash_table_new (NULL, NULL);
  for (gsize i = 0; i < n; i++)
    {
      gpointer number;

      if (values[i] == 0)
        {
          out[i] = 0;
          continue;
        }
      number = g_hash_table_lookup (numbers, GUINT_TO_POINTER (values[i]));
      if (number == NULL)
        {
          guint next = g_hash_table_size (numbers) + 1;

          if (next > G_MAXUINT16)
            {
              g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                           _("%s: more than 65 535 labels; a frame holds fewer nuclei"), path);
              return FALSE;
            }
          number = GUINT_TO_POINTER (next);
          g_hash_table_insert (numbers, GUINT_TO_POINTER (values[i]), number);
        }
      out[i] = (guint16) GPOINTER_TO_UINT (number);
    }
  return TRUE;
}

/**
 * lda_tiff_read_labels:
 * @path: a label image: one page, grayscale, integers of 8, 16 or 32 bits
 * @largest: (out) (optional): the largest label in the file, before any
 *   numbering again
 * @error: return location for an error
 *
 * Reads a label image, as lda_tiff_read() reads page 0, and 32-bit ones
 * too (stripped), signed or not: narrowed to 16 bits, numbered again
 * when a label is above 65 535.  Negative values are refused.
 *
 * Returns: (transfer full) (nullable): the labels, #LDA_PIXEL_U16
 */
LdaImage *
lda_tiff_read_labels (const char  *path,
                      guint32     *largest,
                      GError     **error)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;
  g_autoptr(LdaImage) image = NULL;
  g_autofree guint32 *values = NULL;
  guint16 samples = 1, bits = 1, format = SAMPLEFORMAT_UINT, planar = PLANARCONFIG_CONTIG;
  guint32 width = 0, height = 0, max = 0;

  g_return_val_if_fail (path != NULL, NULL);

  tif = lda_tiff_io_open_for_reading (&io, error);
  if (tif == NULL)
    return NULL;
  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted (tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted (tif, TIFFTAG_PLANARCONFIG, &planar);

  /* Not 32-bit integers: what the image reader takes, or its reason. */
  if (bits != 32 || samples != 1 ||
      (format != SAMPLEFORMAT_UINT && format != SAMPLEFORMAT_INT && format != SAMPLEFORMAT_VOID))
    {
      g_clear_pointer (&tif, TIFFClose);
      lda_tiff_io_clear (&io);
      image = lda_tiff_read (path, 0, error);
      if (image != NULL && largest != NULL)
        {
          const guint16 *p = lda_image_u16 (image);

          for (gsize i = 0; i < lda_image_n_pixels (image); i++)
            max = MAX (max, p[i]);
          *largest = max;
        }
      return g_steal_pointer (&image);
    }
  if (TIFFIsTiled (tif))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                   _("%s: tiled 32-bit label images are not supported; save the labels "
                     "in strips, or as 16-bit"), path);
      return NULL;
    }
  if (!TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &width) ||
      !TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &height))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: the image size is missing; the file is damaged"), path);
      return NULL;
    }
  image = lda_image_new (LDA_PIXEL_U16, width, height, error);
  values = image != NULL ? g_try_new (guint32, (gsize) width * height) : NULL;
  if (image == NULL || values == NULL)
    {
      if (image != NULL)
        g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                     _("not enough memory for %u × %u labels"), width, height);
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  image->source_bits = 16;

  if (!read_rows (tif, &io, width, height, values, error) ||
      !narrow (path, values, format == SAMPLEFORMAT_INT, image, &max, error))
    return NULL;
  if (largest != NULL)
    *largest = max;

  return g_steal_pointer (&image);
}
