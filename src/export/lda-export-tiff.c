/* lda-export-tiff.c — TIFF files of an export that every reader takes
 *
 * What an export writes must open the same in tifffile, OpenCV, PIL and
 * every ImageJ since 1.52: no horizontal predictor (ImageJ before 1.53v
 * decodes 16-bit Deflate with it as noise), little-endian whatever the
 * machine (the same bytes from every computer), and the resolution tags
 * of the input the file was made from, so that the calibration travels
 * with the pixels.
 *
 * - Images (lda_export_tiff_write_pages()): uncompressed, one page per
 *   channel, 8 or 16 bits as the inputs.
 * - Label masks (lda_export_tiff_write_mask()): 8 bits, Deflate, grey
 *   (so tifffile, OpenCV and PIL read the class values, not colours) with
 *   a ColorMap of the class colours, which ImageJ and Fiji take as the
 *   image's LUT, so the mask opens coloured; and an ImageJ description
 *   with min=0 max=4.
 * - Instance labels (lda_export_tiff_write_instances()): 16 bits,
 *   Deflate, an ImageJ description with min=0 and max the last label.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <tiffio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-export-tiff.h"
#include "lda-tiff-io.h"

/* The colours of the window's classes (lda-render.c); background black. */
const guint8 lda_export_class_rgb[5][3] = {
  {   0,   0,   0 },  /* background */
  {  51, 204,  77 },  /* cell area: green */
  { 255, 221,  26 },  /* outline: yellow */
  {  51, 115, 255 },  /* Hoechst nucleus: blue */
  { 242,  38,  38 },  /* Draq7 nucleus: red */
};

typedef enum
{
  KIND_IMAGE,
  KIND_MASK,
  KIND_INSTANCES,
} Kind;

typedef struct
{
  Kind                     kind;
  LdaImage * const        *pages;
  guint                    n_pages;
  const LdaTiffResolution *resolution;
  const char              *description;
  gboolean                 automatic;  /* signed as an automatic result */
} Encoding;

/* Opens @path for reading with libtiff, quietly. */
static TIFF *
open_quietly (LdaTiffIo *io)
{
  io->fd = g_open (io->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (io->fd < 0)
    return NULL;
  return lda_tiff_io_open (io, "rm");
}

/**
 * lda_export_tiff_read_resolution:
 * @path: a TIFF file
 * @page: its page
 * @resolution: (out): the resolution tags of that page, @set %FALSE when
 *   it has none or cannot be read
 */
void
lda_export_tiff_read_resolution (const char        *path,
                                 guint              page,
                                 LdaTiffResolution *resolution)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;
  float x = 0, y = 0;
  guint16 unit = RESUNIT_INCH;

  memset (resolution, 0, sizeof *resolution);
  tif = open_quietly (&io);
  if (tif == NULL || !TIFFSetDirectory (tif, (tdir_t) page))
    return;
  if (!TIFFGetField (tif, TIFFTAG_XRESOLUTION, &x) ||
      !TIFFGetField (tif, TIFFTAG_YRESOLUTION, &y) ||
      !(x > 0) || !(y > 0))
    return;
  TIFFGetFieldDefaulted (tif, TIFFTAG_RESOLUTIONUNIT, &unit);

  resolution->set = TRUE;
  resolution->x = x;
  resolution->y = y;
  resolution->unit = unit;
}

/**
 * lda_export_tiff_can_copy:
 * @path: an input TIFF file
 * @page: the page the frame uses
 *
 * Whether @path may go into an export byte for byte: a single page of one
 * unsigned 8- or 16-bit sample, uncompressed or compressed with LZW,
 * Deflate or PackBits without a predictor — what every reader decodes.
 *
 * Returns: %TRUE when the file can be copied as it is
 */
gboolean
lda_export_tiff_can_copy (const char *path,
                          guint       page)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;
  guint16 samples = 1, bits = 1, format = SAMPLEFORMAT_UINT, compression = 1;
  guint16 predictor = PREDICTOR_NONE, photometric = PHOTOMETRIC_MINISBLACK;

  if (page != 0)
    return FALSE;
  tif = open_quietly (&io);
  if (tif == NULL || TIFFNumberOfDirectories (tif) != 1)
    return FALSE;

  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted (tif, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted (tif, TIFFTAG_COMPRESSION, &compression);
  /* Only the codecs with a predictor know the tag (and libtiff's default
   * for the others is not PREDICTOR_NONE). */
  if (compression == COMPRESSION_LZW || compression == COMPRESSION_ADOBE_DEFLATE ||
      compression == COMPRESSION_DEFLATE)
    TIFFGetField (tif, TIFFTAG_PREDICTOR, &predictor);
  TIFFGetField (tif, TIFFTAG_PHOTOMETRIC, &photometric);

  return samples == 1 && (bits == 8 || bits == 16) && format == SAMPLEFORMAT_UINT &&
         photometric == PHOTOMETRIC_MINISBLACK && predictor == PREDICTOR_NONE &&
         (compression == COMPRESSION_NONE || compression == COMPRESSION_LZW ||
          compression == COMPRESSION_ADOBE_DEFLATE || compression == COMPRESSION_DEFLATE ||
          compression == COMPRESSION_PACKBITS);
}

static gboolean
set_fields (TIFF           *tif,
            const Encoding *encoding,
            const LdaImage *page)
{
  guint16 bits = page->type == LDA_PIXEL_U16 ? 16 : 8;
  gboolean ok = TRUE;

  ok = ok && lda_tiff_set_gray_fields (tif, page->width, page->height, bits,
                                       encoding->kind == KIND_IMAGE ? COMPRESSION_NONE
                                                                    : COMPRESSION_ADOBE_DEFLATE);
  if (encoding->kind == KIND_MASK)
    {
      guint16 map[3][256];

      /* Entries 0–4 are the classes.  ImageJ's window shows the mask
       * through the description's display range 0–4 too, which stretches
       * value v to entry 64 v (255 for 4): the entries around those carry
       * the class colours as well, so the mask opens coloured either way. */
      for (guint v = 0; v < 256; v++)
        {
          guint k = v < G_N_ELEMENTS (lda_export_class_rgb) ? v : (v * 4 + 127) / 255;

          for (guint c = 0; c < 3; c++)
            map[c][v] = (guint16) (lda_export_class_rgb[k][c] * 257u);
        }
      ok = ok && TIFFSetField (tif, TIFFTAG_COLORMAP, map[0], map[1], map[2]);
    }

  if (encoding->description != NULL)
    ok = ok && TIFFSetField (tif, TIFFTAG_IMAGEDESCRIPTION, encoding->description);
  if (encoding->automatic)
    ok = ok && TIFFSetField (tif, TIFFTAG_SOFTWARE,
                             LDA_TIFF_SOFTWARE " " PACKAGE_VERSION LDA_TIFF_AUTOMATIC);
  if (encoding->resolution != NULL && encoding->resolution->set)
    {
      ok = ok && TIFFSetField (tif, TIFFTAG_XRESOLUTION, encoding->resolution->x);
      ok = ok && TIFFSetField (tif, TIFFTAG_YRESOLUTION, encoding->resolution->y);
      ok = ok && TIFFSetField (tif, TIFFTAG_RESOLUTIONUNIT, encoding->resolution->unit);
    }
  return ok;
}

static gboolean
encode_page (TIFF           *tif,
             const Encoding *encoding,
             const LdaImage *page,
             guint8         *strip,
             guint32         rows_per_strip)
{
  gsize row_bytes = (gsize) page->width * (page->type == LDA_PIXEL_U16 ? 2 : 1);
  const guint8 *pixels = page->data;

  if (!set_fields (tif, encoding, page) ||
      !TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip))
    return FALSE;

  for (guint32 row = 0; row < page->height; row += rows_per_strip)
    {
      guint32 n_rows = MIN (rows_per_strip, page->height - row);
      gsize n_bytes = n_rows * row_bytes;

      /* libtiff may swap bytes in the buffer it is given: a copy. */
      memcpy (strip, pixels + (gsize) row * row_bytes, n_bytes);
      if (TIFFWriteEncodedStrip (tif, row / rows_per_strip, strip, (tmsize_t) n_bytes) < 0)
        return FALSE;
    }

  return TIFFWriteDirectory (tif);
}

static gboolean
encode (LdaTiffIo       *io,
        const Encoding  *encoding,
        char           **reason)
{
  g_autoptr(TIFF) tif = NULL;
  g_autofree guint8 *strip = NULL;
  const LdaImage *first = encoding->pages[0];
  gsize row_bytes = (gsize) first->width * (first->type == LDA_PIXEL_U16 ? 2 : 1);
  guint32 rows_per_strip;

  /* "l": little-endian on every machine, so the bytes do not depend on it. */
  tif = lda_tiff_io_open (io, "wl");
  if (tif == NULL)
    {
      *reason = lda_tiff_io_reason (io);
      return FALSE;
    }

  /* Strips of about 64 KiB, as most writers make. */
  rows_per_strip = (guint32) CLAMP (65536 / MAX (row_bytes, 1), 1, first->height);
  strip = g_try_malloc ((gsize) rows_per_strip * row_bytes);
  if (strip == NULL)
    {
      *reason = g_strdup (g_strerror (ENOMEM));
      return FALSE;
    }

  for (guint i = 0; i < encoding->n_pages; i++)
    if (!encode_page (tif, encoding, encoding->pages[i], strip, rows_per_strip))
      {
        *reason = lda_tiff_io_reason (io);
        return FALSE;
      }

  return TRUE;
}

/* An ImageJ description: the display range 0 … @max and, where the
 * resolution tags have one, the unit (ImageJ takes the description's unit
 * over the tags', "pixel" when it names none). */
static char *
imagej_description (guint                    max,
                    const LdaTiffResolution *resolution)
{
  const char *unit = NULL;

  if (resolution != NULL && resolution->set)
    unit = resolution->unit == RESUNIT_INCH ? "inch"
         : resolution->unit == RESUNIT_CENTIMETER ? "cm" : NULL;

  return g_strdup_printf ("ImageJ=1.11a\n%s%s%smin=0.0\nmax=%u.0\n",
                          unit != NULL ? "unit=" : "", unit != NULL ? unit : "",
                          unit != NULL ? "\n" : "", max);
}

static gboolean
encode_data (LdaTiffIo      *io,
             gconstpointer   data,
             char          **reason)
{
  return encode (io, data, reason);
}

static gboolean
write_file (const char      *path,
            const Encoding  *encoding,
            GError         **error)
{
  return lda_tiff_write_with (path, encode_data, encoding, error);
}

/**
 * lda_export_tiff_write_pages:
 * @path: the file to create or replace (atomically)
 * @pages: (array length=n_pages): images of one size and pixel type
 * @n_pages: how many; one page each, in this order
 * @resolution: (nullable): the calibration to carry over
 * @error: return location for an error
 *
 * Writes the images uncompressed, one grayscale page each.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_export_tiff_write_pages (const char              *path,
                             LdaImage * const        *pages,
                             guint                    n_pages,
                             const LdaTiffResolution *resolution,
                             GError                 **error)
{
  Encoding encoding = { KIND_IMAGE, pages, n_pages, resolution, NULL };

  g_return_val_if_fail (n_pages > 0, FALSE);
  for (guint i = 1; i < n_pages; i++)
    g_return_val_if_fail (lda_image_same_size (pages[0], pages[i]) &&
                          pages[0]->type == pages[i]->type, FALSE);

  return write_file (path, &encoding, error);
}

/**
 * lda_export_tiff_write_mask:
 * @path: the file to create or replace (atomically)
 * @labels: a #LDA_PIXEL_U8 mask of values 0–4
 * @resolution: (nullable): the calibration to carry over
 * @automatic: signed as an automatic result (livedead segment and batch),
 *   which those replace when run again; an export's masks, which carry
 *   corrections, are not
 * @error: return location for an error
 *
 * Writes the mask as a grey image of the class values with the class
 * colours as its ColorMap (ImageJ's LUT) and an ImageJ description
 * (min=0 max=4).
 *
 * Returns: %TRUE on success
 */
gboolean
lda_export_tiff_write_mask (const char              *path,
                            const LdaImage          *labels,
                            const LdaTiffResolution *resolution,
                            gboolean                 automatic,
                            GError                 **error)
{
  LdaImage *pages[] = { (LdaImage *) labels };
  g_autofree char *description = imagej_description (4, resolution);
  Encoding encoding = { KIND_MASK, pages, 1, resolution, description, automatic };

  g_return_val_if_fail (labels->type == LDA_PIXEL_U8, FALSE);

  return write_file (path, &encoding, error);
}

/**
 * lda_export_tiff_write_instances:
 * @path: the file to create or replace (atomically)
 * @instances: a #LDA_PIXEL_U16 image: 0 background, 1 … @n_instances one
 *   object each
 * @n_instances: the last label
 * @resolution: (nullable): the calibration to carry over
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lda_export_tiff_write_instances (const char              *path,
                                 const LdaImage          *instances,
                                 guint                    n_instances,
                                 const LdaTiffResolution *resolution,
                                 GError                 **error)
{
  LdaImage *pages[] = { (LdaImage *) instances };
  g_autofree char *description = imagej_description (MAX (n_instances, 1), resolution);
  Encoding encoding = { KIND_INSTANCES, pages, 1, resolution, description };

  g_return_val_if_fail (instances->type == LDA_PIXEL_U16, FALSE);

  return write_file (path, &encoding, error);
}
