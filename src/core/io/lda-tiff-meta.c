/* lda-tiff-meta.c — what a TIFF file says about itself besides pixels,
 * and what a file that is no TIFF is instead
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "lda-error.h"
#include "lda-imagej-labels.h"
#include "lda-tiff-io.h"
#include "lda-tiff-meta.h"

/* An ImageDescription longer than this is not read (OME-XML of a large
 * plate is a few megabytes). */
#define MAX_DESCRIPTION_BYTES (16u << 20)

typedef struct
{
  const char *format;
  gsize       offset;
  const char *magic;
  gsize       len;
} ForeignMagic;

/* The first bytes of the microscope formats people try to open. */
static const ForeignMagic foreign[] = {
  { "Zeiss CZI", 0, "ZISRAWFILE", 10 },
  { "Nikon ND2", 0, "\xda\xce\xbe\x0a", 4 },
  { "Nikon ND2 (JPEG 2000)", 0, "\x00\x00\x00\x0cjP  \r\n\x87\n", 12 },
  { "Leica LIF", 0, "\x70\x00\x00\x00", 4 },
};

/* Pictures that are not microscope data at all, often only renamed. */
static const ForeignMagic pictures[] = {
  { "PNG", 0, "\x89PNG\r\n\x1a\n", 8 },
  { "JPEG", 0, "\xff\xd8\xff", 3 },
  { "GIF", 0, "GIF8", 4 },
  { "BMP", 0, "BM", 2 },
};

/**
 * lda_file_check_foreign:
 * @path: the file, for the message
 * @fd: the file, open for reading
 * @error: return location for an error
 *
 * Recognises CZI, ND2 and LIF files, and PNG, JPEG, GIF and BMP
 * pictures, by their first bytes.  Reads with
 * pread(), so the file offset does not move.
 *
 * Returns: %FALSE, with @error saying which format it is and how to
 *   convert it, if the file is one of those
 */
gboolean
lda_file_check_foreign (const char  *path,
                        int          fd,
                        GError     **error)
{
  guint8 head[16] = { 0, };
  ssize_t n = pread (fd, head, sizeof head, 0);

  for (guint i = 0; n > 0 && i < G_N_ELEMENTS (foreign); i++)
    {
      const ForeignMagic *m = &foreign[i];

      if ((gsize) n < m->offset + m->len ||
          memcmp (head + m->offset, m->magic, m->len) != 0)
        continue;
      /* A LIF file's first word is 0x70, then its length, then 0x2a. */
      if (m->magic[0] == '\x70' && ((gsize) n < 9 || head[8] != 0x2a))
        continue;

      g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                   /* Translators: %s after the file name is a format, e.g. "Zeiss CZI" */
                   _("%s: this is a %s file, not a TIFF; convert it to TIFF first: in Fiji, "
                   "open it with Bio-Formats and save it as (OME-)TIFF, or run "
                   "“bfconvert %s out_t%%t_%%w.tif” (Bio-Formats tools), which writes "
                   "one file per channel and time point, named by channel"),
                   path, m->format, path);
      return FALSE;
    }

  for (guint i = 0; n > 0 && i < G_N_ELEMENTS (pictures); i++)
    {
      const ForeignMagic *m = &pictures[i];

      if ((gsize) n < m->offset + m->len ||
          memcmp (head + m->offset, m->magic, m->len) != 0)
        continue;
      g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                   /* Translators: %s after the file name is a format, e.g. "PNG" */
                   _("%s: this is a %s picture named as a TIFF; the images of a triple must be "
                     "TIFF files as the microscope wrote them, one grayscale channel each"),
                   path, m->format);
      return FALSE;
    }

  return TRUE;
}

void
lda_tiff_meta_clear (LdaTiffMeta *meta)
{
  g_clear_pointer (&meta->description, g_free);
  g_clear_pointer (&meta->ij_data, g_free);
  g_clear_pointer (&meta->ij_counts, g_free);
}

/* ImageJ's own tags, which libtiff reads as tags it does not know: a
 * count, then the values. */
static void
read_imagej_tags (TIFF        *tif,
                  LdaTiffMeta *meta)
{
  guint32 n_data = 0, n_counts = 0;
  const guint8 *data = NULL;
  const guint32 *counts = NULL;
  const TIFFField *data_field = TIFFFieldWithTag (tif, LDA_TIFFTAG_IJ_METADATA);
  const TIFFField *counts_field = TIFFFieldWithTag (tif, LDA_TIFFTAG_IJ_BYTE_COUNTS);

  if (data_field == NULL || counts_field == NULL ||
      TIFFFieldDataType (counts_field) != TIFF_LONG ||
      (TIFFFieldDataType (data_field) != TIFF_BYTE &&
       TIFFFieldDataType (data_field) != TIFF_UNDEFINED) ||
      !TIFFFieldPassCount (data_field) || !TIFFFieldPassCount (counts_field) ||
      TIFFFieldReadCount (data_field) != TIFF_VARIABLE2 ||
      TIFFFieldReadCount (counts_field) != TIFF_VARIABLE2)
    return;

  if (!TIFFGetField (tif, LDA_TIFFTAG_IJ_METADATA, &n_data, &data) || data == NULL ||
      !TIFFGetField (tif, LDA_TIFFTAG_IJ_BYTE_COUNTS, &n_counts, &counts) || counts == NULL ||
      n_data > MAX_DESCRIPTION_BYTES)
    return;

  meta->ij_data = g_memdup2 (data, n_data);
  meta->ij_data_len = n_data;
  meta->ij_counts = g_memdup2 (counts, (gsize) n_counts * sizeof *counts);
  meta->n_ij_counts = n_counts;
}

/**
 * lda_tiff_read_meta:
 * @path: a TIFF file
 * @meta: (out caller-allocates): what it says
 * @error: return location for an error
 *
 * Reads the page count, the first page's ImageDescription, its
 * resolution and whether this program wrote it as an automatic result
 * (its Software tag), decoding no pixels.  Fails as
 * lda_tiff_count_pages() does.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_tiff_read_meta (const char   *path,
                    LdaTiffMeta  *meta,
                    GError      **error)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;
  const char *description = NULL;
  const char *software = NULL;
  float xres = 0.0f;
  guint16 unit = RESUNIT_INCH;

  memset (meta, 0, sizeof *meta);

  tif = lda_tiff_io_open_for_reading (&io, error);
  if (tif == NULL)
    return FALSE;

  meta->n_pages = TIFFNumberOfDirectories (tif);
  meta->big_endian = TIFFIsBigEndian (tif);
  read_imagej_tags (tif, meta);

  if (TIFFGetField (tif, TIFFTAG_IMAGEDESCRIPTION, &description) && description != NULL)
    {
      gsize len = strnlen (description, MAX_DESCRIPTION_BYTES);

      meta->description = g_strndup (description, len);
      meta->description_len = len;
    }

  meta->automatic = TIFFGetField (tif, TIFFTAG_SOFTWARE, &software) && software != NULL &&
                    g_str_has_prefix (software, LDA_TIFF_SOFTWARE " ") &&
                    g_str_has_suffix (software, LDA_TIFF_AUTOMATIC);

  if (TIFFGetField (tif, TIFFTAG_XRESOLUTION, &xres) && xres > 0.0f && xres < 1e12f)
    meta->x_resolution = xres;
  TIFFGetFieldDefaulted (tif, TIFFTAG_RESOLUTIONUNIT, &unit);
  meta->resolution_unit_um = unit == RESUNIT_CENTIMETER ? 1e4 : unit == RESUNIT_INCH ? 25400.0
                             : 0.0;

  return TRUE;
}
