/* lda-tiff-write.c — writing TIFF images with libtiff, atomically
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include <tiffio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-tiff.h"
#include "lda-tiff-io.h"

/* Encodes @image as a complete TIFF into io->fd, leaving the descriptor
 * open.  On failure, sets @reason. */
static gboolean
encode_image (LdaTiffIo       *io,
              const LdaImage  *image,
              char           **reason)
{
  g_autoptr(TIFF) tif = NULL;
  g_autofree guint8 *strip = NULL;
  guint16 bits = image->type == LDA_PIXEL_U16 ? 16 : 8;
  gsize bytes = bits / 8;
  gsize row_bytes = (gsize) image->width * bytes;
  const guint8 *pixels = image->data;
  guint32 rows_per_strip;
  gsize strip_bytes;

  tif = lda_tiff_io_open (io, "w");
  if (tif == NULL)
    {
      *reason = lda_tiff_io_reason (io);
      return FALSE;
    }

  if (!lda_tiff_set_gray_fields (tif, image->width, image->height, bits,
                                 COMPRESSION_ADOBE_DEFLATE) ||
      !TIFFSetField (tif, TIFFTAG_SOFTWARE, LDA_TIFF_SOFTWARE " " PACKAGE_VERSION LDA_TIFF_AUTOMATIC))
    {
      *reason = lda_tiff_io_reason (io);
      return FALSE;
    }

  rows_per_strip = TIFFDefaultStripSize (tif, 0);
  rows_per_strip = CLAMP (rows_per_strip, 1, image->height);
  if (!TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip))
    {
      *reason = lda_tiff_io_reason (io);
      return FALSE;
    }

  /* At most 2^30 pixels of 2 bytes: no overflow in gsize. */
  strip_bytes = rows_per_strip * row_bytes;
  if (strip_bytes > (gsize) TIFF_TMSIZE_T_MAX ||
      (strip = g_try_malloc (strip_bytes)) == NULL)
    {
      *reason = g_strdup (g_strerror (ENOMEM));
      return FALSE;
    }

  for (guint32 row = 0; row < image->height; row += rows_per_strip)
    {
      guint32 n_rows = MIN (rows_per_strip, image->height - row);
      gsize n_bytes = n_rows * row_bytes;

      /* libtiff may alter the buffer it is given (byte swapping, the
       * predictor), and the image is shared and read-only: hand it a copy. */
      memcpy (strip, pixels + (gsize) row * row_bytes, n_bytes);
      if (TIFFWriteEncodedStrip (tif, row / rows_per_strip, strip, (tmsize_t) n_bytes) < 0)
        {
          *reason = lda_tiff_io_reason (io);
          return FALSE;
        }
    }

  /* Write the directory now, where a failure can still be seen; TIFFClose
   * reports nothing and then finds nothing left to write. */
  if (!TIFFWriteDirectory (tif))
    {
      *reason = lda_tiff_io_reason (io);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_tiff_write_with:
 * @path: the file to create or replace
 * @encode: writes the TIFF into the LdaTiffIo it is given, or sets its
 *   reason and returns %FALSE
 * @data: what @encode writes
 * @error: return location for an error
 *
 * The one way this program writes a TIFF file: @encode writes it to a
 * temporary file of ours in the same folder (lda-atomic-file.c), which is
 * synced to disk, then renamed over @path.  On failure the temporary file
 * is removed, an existing file at @path is left as it was, and @error is
 * set to %LDA_ERROR_WRITE with a message naming @path and the reason.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_tiff_write_with (const char         *path,
                     LdaTiffEncodeFunc   encode,
                     gconstpointer       data,
                     GError            **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *reason = NULL;
  g_auto(LdaTiffIo) io = { .path = path, .fd = -1 };
  int fd;

  io.fd = lda_atomic_file_open_temp (path, &tmp_path, error);
  if (io.fd < 0)
    return FALSE;
  io.tiff_name = tmp_path;

  if (!encode (&io, data, &reason))
    {
      lda_atomic_file_abandon (io.fd, tmp_path);
      io.fd = -1;
      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE,
                   _("%s: cannot write: %s"), path, reason);
      return FALSE;
    }

  /* Whatever happens next, the descriptor is gone. */
  fd = io.fd;
  io.fd = -1;
  return lda_atomic_file_commit (fd, tmp_path, path, error);
}

static gboolean
encode_image_data (LdaTiffIo      *io,
                   gconstpointer   data,
                   char          **reason)
{
  return encode_image (io, data, reason);
}

/**
 * lda_tiff_write:
 * @path: the file to create or replace
 * @image: the image to save
 * @error: return location for an error
 *
 * Saves @image as a single-page grayscale TIFF of 8 bits (for
 * #LDA_PIXEL_U8) or 16 bits (for #LDA_PIXEL_U16), Deflate-compressed
 * without a predictor, so that every reader decodes it, replacing @path
 * atomically (lda_tiff_write_with()).
 *
 * Returns: %TRUE on success
 */
gboolean
lda_tiff_write (const char      *path,
                const LdaImage  *image,
                GError         **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (image->type == LDA_PIXEL_U8 || image->type == LDA_PIXEL_U16, FALSE);
  g_return_val_if_fail (image->width > 0 && image->height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return lda_tiff_write_with (path, encode_image_data, image, error);
}
