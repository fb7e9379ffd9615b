/* lda-tiff.c — reading TIFF images with libtiff
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-tiff.h"
#include "lda-tiff-io.h"

/* Real files use tiles of a few hundred pixels a side.  A forged tile size
 * must not make us allocate gigabytes before libtiff notices that the data
 * is missing, so larger tiles are refused up front. */
#define MAX_TILE_BYTES (G_GUINT64_CONSTANT (256) << 20)


/* Reports a failed libtiff call while reading: an I/O error if the system
 * said so, otherwise damage, with libtiff's own explanation appended. */
static void
set_read_error (GError         **error,
                const LdaTiffIo *io,
                LdaError         code,
                const char      *problem)
{
  if (io->io_errno != 0)
    g_set_error (error, LDA_ERROR, LDA_ERROR_READ, "%s: %s: %s",
                 io->path, problem, g_strerror (io->io_errno));
  else if (io->tiff_error != NULL)
    g_set_error (error, LDA_ERROR, code, "%s: %s (libtiff: %s)",
                 io->path, problem, io->tiff_error);
  else
    g_set_error (error, LDA_ERROR, code, "%s: %s", io->path, problem);
}

/* When strip or tile @strile of @tif lies (partly) past the end of the
 * file, says so in @error, in bytes: a file cut short in copying, not a
 * puzzle in libtiff's words.  @what names the strip or tile. */
static gboolean
report_cut_short (TIFF            *tif,
                  const LdaTiffIo *io,
                  guint32          strile,
                  const char      *what,
                  GError         **error)
{
  struct stat st;
  guint64 offset = TIFFGetStrileOffset (tif, strile);
  guint64 count = TIFFGetStrileByteCount (tif, strile);

  if (io->fd < 0 || fstat (io->fd, &st) != 0 || offset == 0 || count == 0 ||
      offset > G_MAXUINT64 - count || offset + count <= (guint64) st.st_size)
    return FALSE;

  /* Translators: the file, the strip or tile, its first and last byte,
   * the file's size in bytes */
  g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
               _("%s: the file is cut short: %s lies at bytes %llu to %llu, but the file "
                 "has %llu bytes; copy it again from where it came from"),
               io->path, what, (unsigned long long) offset,
               (unsigned long long) (offset + count - 1), (unsigned long long) st.st_size);
  return TRUE;
}

/* Opens @io->path for reading; also used by lda-tiff-meta.c. */
TIFF *
lda_tiff_io_open_for_reading (LdaTiffIo  *io,
                              GError    **error)
{
  struct stat st;

  /* O_NONBLOCK so that a FIFO given by mistake cannot hang us; it does
   * nothing for the regular files we go on to accept. */
  io->fd = g_open (io->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (io->fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND,
                     _("%s: the file does not exist"), io->path);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                     _("%s: cannot open the file: %s"), io->path, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (io->fd, &st) != 0)
    g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                 _("%s: cannot read the file: %s"), io->path, g_strerror (errno));
  else if (S_ISDIR (st.st_mode))
    g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                 _("%s: this is a folder, not a TIFF file"), io->path);
  else if (!S_ISREG (st.st_mode))
    g_set_error (error, LDA_ERROR, LDA_ERROR_READ,
                 _("%s: this is not a regular file"), io->path);
  else if (st.st_size == 0)
    g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                 _("%s: the file is empty"), io->path);
  else
    {
      /* "c": no strip chopping, so that the strips libtiff counts are the
       * file's own (check_striles()); a single large strip is read into
       * the image directly anyway. */
      TIFF *tif = lda_tiff_io_open (io, "rmc");

      /* A CZI, ND2 or LIF file gets a message that says what it is. */
      if (tif == NULL && !lda_file_check_foreign (io->path, io->fd, error))
        return NULL;
      if (tif == NULL)
        set_read_error (error, io, LDA_ERROR_CORRUPT,
                        _("not a TIFF file, or the file is damaged or truncated"));
      return tif;
    }

  return NULL;
}

static const char *
photometric_name (guint16 photometric)
{
  switch (photometric)
    {
    case PHOTOMETRIC_RGB:
      return _("RGB colour");
    case PHOTOMETRIC_PALETTE:
      return _("palette (indexed colour)");
    case PHOTOMETRIC_MASK:
      return _("transparency mask");
    case PHOTOMETRIC_SEPARATED:
      return _("CMYK colour");
    case PHOTOMETRIC_YCBCR:
      return _("YCbCr colour");
    case PHOTOMETRIC_CIELAB:
    case PHOTOMETRIC_ICCLAB:
    case PHOTOMETRIC_ITULAB:
      return _("L*a*b* colour");
    case PHOTOMETRIC_LOGL:
    case PHOTOMETRIC_LOGLUV:
      return _("LogLuv high dynamic range");
    default:
      return NULL;
    }
}

/* Accepts exactly unsigned 8- and 16-bit single-sample grayscale with black
 * at zero, in a compression this libtiff can decode, and sets @bits.
 * Otherwise returns why not, in words for the user. */
static char *
unsupported_reason (TIFF  *tif,
                    guint *bits)
{
  guint16 samples = 1;
  guint16 sample_bits = 1;
  guint16 format = SAMPLEFORMAT_UINT;
  guint16 compression = COMPRESSION_NONE;
  guint16 photometric = PHOTOMETRIC_MINISBLACK;
  const char *kind = NULL;

  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted (tif, TIFFTAG_BITSPERSAMPLE, &sample_bits);
  TIFFGetFieldDefaulted (tif, TIFFTAG_SAMPLEFORMAT, &format);
  TIFFGetFieldDefaulted (tif, TIFFTAG_COMPRESSION, &compression);

  /* A missing photometric tag is common in files written by acquisition
   * software; such data is plain grayscale. */
  if (TIFFGetField (tif, TIFFTAG_PHOTOMETRIC, &photometric))
    kind = photometric_name (photometric);

  if (format == SAMPLEFORMAT_IEEEFP)
    return g_strdup_printf (_("%u-bit floating-point samples are not supported; use unsigned 8- or 16-bit grayscale"), sample_bits);
  if (format == SAMPLEFORMAT_INT)
    return g_strdup_printf (_("signed %u-bit integer samples are not supported; use unsigned 8- or 16-bit grayscale"), sample_bits);
  if (format == SAMPLEFORMAT_COMPLEXINT || format == SAMPLEFORMAT_COMPLEXIEEEFP)
    return g_strdup (_("complex-valued samples are not supported; use unsigned 8- or 16-bit grayscale"));
  if (format != SAMPLEFORMAT_UINT && format != SAMPLEFORMAT_VOID)
    return g_strdup_printf (_("sample format %u is not supported; use unsigned 8- or 16-bit grayscale"), format);

  if (samples != 1)
    return g_strdup_printf (_("%s images (%u samples per pixel) are not supported; "
                            "use a single-channel grayscale image"),
                            kind != NULL ? kind : _("multi-channel"), samples);

  if (sample_bits == 1)
    return g_strdup (_("1-bit (black and white) images are not supported; use unsigned 8- or 16-bit grayscale"));
  if (sample_bits != 8 && sample_bits != 16)
    return g_strdup_printf (_("%u-bit samples are not supported; use unsigned 8- or 16-bit grayscale"), sample_bits);

  if (photometric == PHOTOMETRIC_MINISWHITE)
    return g_strdup (_("inverted grayscale (zero is white) is not supported; "
                     "use grayscale with zero as black"));
  if (kind != NULL)
    return g_strdup_printf (_("%s images are not supported; use unsigned 8- or 16-bit grayscale"), kind);
  if (photometric != PHOTOMETRIC_MINISBLACK)
    return g_strdup_printf (_("photometric interpretation %u is not supported; use unsigned 8- or 16-bit grayscale"), photometric);

  if (!TIFFIsCODECConfigured (compression))
    return g_strdup_printf (_("compression scheme %u cannot be decoded; save the image "
                            "uncompressed or with LZW or Deflate compression"),
                            compression);

  *bits = sample_bits;

  return NULL;
}

/* Turns @n bytes at the start of @buffer into @n 16-bit values filling it.
 * Going backwards, value i (bytes 2i and 2i + 1) never overwrites a byte j < i
 * that is still to be read, so no second buffer is needed. */
static void
widen_in_place (guint8 *buffer,
                gsize   n)
{
  guint16 *out = (guint16 *) buffer;

  for (gsize i = n; i-- > 0;)
    out[i] = buffer[i];
}

static gboolean
read_strips (TIFF      *tif,
             LdaTiffIo *io,
             LdaImage  *image,
             guint      bits,
             GError   **error)
{
  gsize bytes = bits / 8;
  gsize row_bytes = (gsize) image->width * bytes;
  guint32 rows_per_strip = 0;
  guint32 n_strips = TIFFNumberOfStrips (tif);
  guint8 *pixels = image->data;

  if (TIFFScanlineSize64 (tif) != row_bytes)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: rows have an unexpected size; the file is damaged"), io->path);
      return FALSE;
    }

  TIFFGetFieldDefaulted (tif, TIFFTAG_ROWSPERSTRIP, &rows_per_strip);
  if (rows_per_strip == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: strips of zero rows; the file is damaged"), io->path);
      return FALSE;
    }
  rows_per_strip = MIN (rows_per_strip, image->height);

  /* image->height ≤ 2^30 and rows_per_strip ≤ image->height, so neither
   * row + rows_per_strip nor the byte counts below can overflow. */
  for (guint32 row = 0; row < image->height; row += rows_per_strip)
    {
      guint32 strip = row / rows_per_strip;
      guint32 n_rows = MIN (rows_per_strip, image->height - row);
      gsize n_bytes = n_rows * row_bytes;
      guint8 *dest = pixels + (gsize) row * image->width * sizeof (guint16);
      tmsize_t got;

      if (strip >= n_strips)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("%s: the file lists %u strips, too few for %u rows; "
                       "the file is damaged"),
                       io->path, n_strips, image->height);
          return FALSE;
        }

      if (n_bytes > (gsize) TIFF_TMSIZE_T_MAX)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                       _("%s: strip %u is too large to read"), io->path, strip);
          return FALSE;
        }

      /* 16-bit strips are decoded (and byte-swapped by libtiff) straight
       * into the image; 8-bit ones into the first half of their rows. */
      g_clear_pointer (&io->tiff_error, g_free);
      got = TIFFReadEncodedStrip (tif, strip, dest, (tmsize_t) n_bytes);
      if (got != (tmsize_t) n_bytes)
        {
          g_autofree char *where = g_strdup_printf (_("strip %u (rows %u to %u)"),
                                                    strip, row, row + n_rows - 1);
          g_autofree char *problem =
            /* Translators: the strip, as above */
            g_strdup_printf (_("%s cannot be decoded; the file is damaged or truncated"), where);

          if (io->io_errno == 0 && report_cut_short (tif, io, strip, where, error))
            return FALSE;
          set_read_error (error, io, LDA_ERROR_CORRUPT, problem);
          return FALSE;
        }

      if (bytes == 1)
        widen_in_place (dest, (gsize) n_rows * image->width);
    }

  return TRUE;
}

static gboolean
read_tiles (TIFF      *tif,
            LdaTiffIo *io,
            LdaImage  *image,
            guint      bits,
            GError   **error)
{
  gsize bytes = bits / 8;
  guint32 tile_width = 0;
  guint32 tile_height = 0;
  guint32 n_tiles = TIFFNumberOfTiles (tif);
  guint16 *pixels = lda_image_u16 (image);
  g_autofree guint8 *tile = NULL;
  guint64 tile_bytes;

  TIFFGetField (tif, TIFFTAG_TILEWIDTH, &tile_width);
  TIFFGetField (tif, TIFFTAG_TILELENGTH, &tile_height);

  /* Both factors are below 2^32, so the product fits in 64 bits. */
  if ((guint64) tile_width * tile_height > MAX_TILE_BYTES / bytes)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("%s: tiles of %u × %u pixels are too large to read"),
                   io->path, tile_width, tile_height);
      return FALSE;
    }
  tile_bytes = (guint64) tile_width * tile_height * bytes;

  if (tile_bytes == 0 || TIFFTileSize64 (tif) != tile_bytes)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: tiles of %u × %u pixels have an invalid size; the file is damaged"),
                   io->path, tile_width, tile_height);
      return FALSE;
    }

  tile = g_try_malloc (tile_bytes);
  if (tile == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("%s: not enough memory for a tile of %u × %u pixels"),
                   io->path, tile_width, tile_height);
      return FALSE;
    }

  /* The tile sizes are below 2^28 (checked above) and the image sides at
   * most 2^30, so x + tile_width and y + tile_height stay below 2^32. */
  for (guint32 y = 0; y < image->height; y += tile_height)
    {
      guint32 n_rows = MIN (tile_height, image->height - y);

      for (guint32 x = 0; x < image->width; x += tile_width)
        {
          guint32 n_cols = MIN (tile_width, image->width - x);
          guint32 index = TIFFComputeTile (tif, x, y, 0, 0);
          tmsize_t got;

          if (index >= n_tiles)
            {
              g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                           _("%s: the file lists %u tiles, too few for the image; "
                           "the file is damaged"),
                           io->path, n_tiles);
              return FALSE;
            }

          g_clear_pointer (&io->tiff_error, g_free);
          got = TIFFReadEncodedTile (tif, index, tile, (tmsize_t) tile_bytes);
          if (got != (tmsize_t) tile_bytes)
            {
              g_autofree char *where = g_strdup_printf (_("tile %u (at column %u, row %u)"),
                                                        index, x, y);
              g_autofree char *problem =
                g_strdup_printf (_("%s cannot be decoded; the file is damaged or truncated"),
                                 where);

              if (io->io_errno == 0 && report_cut_short (tif, io, index, where, error))
                return FALSE;
              set_read_error (error, io, LDA_ERROR_CORRUPT, problem);
              return FALSE;
            }

          /* Tiles on the right and bottom edges are padded: copy only the
           * part that lies inside the image. */
          for (guint32 r = 0; r < n_rows; r++)
            {
              const guint8 *src = tile + (gsize) r * tile_width * bytes;
              guint16 *dest = pixels + (gsize) (y + r) * image->width + x;

              if (bytes == 2)
                memcpy (dest, src, (gsize) n_cols * sizeof (guint16));
              else
                for (guint32 c = 0; c < n_cols; c++)
                  dest[c] = src[c];
            }
        }
    }

  return TRUE;
}

/**
 * lda_tiff_count_pages:
 * @path: a TIFF file
 * @n_pages: (out): return location for the number of pages (directories)
 * @error: return location for an error
 *
 * Counts the pages of a TIFF file without decoding any pixels.  Failures to
 * open the file are reported as by lda_tiff_read().
 *
 * Returns: %TRUE on success
 */
gboolean
lda_tiff_count_pages (const char  *path,
                      guint       *n_pages,
                      GError     **error)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_pages != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *n_pages = 0;

  tif = lda_tiff_io_open_for_reading (&io, error);
  if (tif == NULL)
    return FALSE;

  *n_pages = TIFFNumberOfDirectories (tif);

  return TRUE;
}

static guint64
get_uint (const guint8 *p,
          guint         n,
          gboolean      big_endian)
{
  guint64 value = 0;

  for (guint i = 0; i < n; i++)
    value |= (guint64) p[big_endian ? i : n - 1 - i] << (8 * (n - 1 - i));

  return value;
}

/* The number of values of @tag (or of @alias) in the current directory,
 * as the file writes it, or -1 if the directory has no such entry.
 * libtiff pads a list that is too short with zeros, so only the file
 * itself tells how many it gives. */
static gint64
raw_count (TIFF      *tif,
           LdaTiffIo *io,
           guint16    tag,
           guint16    alias)
{
  gboolean big = TIFFIsBigTIFF (tif);
  gboolean big_endian = TIFFIsBigEndian (tif);
  gsize entry_size = big ? 20 : 12;
  gsize count_size = big ? 8 : 2;
  guint64 offset = TIFFCurrentDirOffset (tif);
  g_autofree guint8 *entries = NULL;
  guint8 head[8];
  guint64 n;

  if (pread (io->fd, head, count_size, (off_t) offset) != (ssize_t) count_size)
    return -1;
  /* libtiff read this directory already, so its size is sane; still,
   * read no more than a classic directory can hold. */
  n = MIN (get_uint (head, count_size, big_endian), G_MAXUINT16);
  entries = g_malloc (n * entry_size);
  if (pread (io->fd, entries, n * entry_size, (off_t) (offset + count_size)) !=
      (ssize_t) (n * entry_size))
    return -1;

  for (guint64 i = 0; i < n; i++)
    {
      const guint8 *entry = entries + i * entry_size;
      guint16 id = (guint16) get_uint (entry, 2, big_endian);

      if (id == tag || id == alias)
        return (gint64) get_uint (entry + 4, big ? 8 : 4, big_endian);
    }

  return -1;
}

/* Refuses a page whose list of strip (or tile) places or sizes is shorter
 * than its strips: libtiff would read the missing ones at offset 0, the
 * file's header, as pixels. */
static gboolean
check_striles (TIFF       *tif,
               LdaTiffIo  *io,
               GError    **error)
{
  gboolean tiled = TIFFIsTiled (tif);
  guint32 needed = tiled ? TIFFNumberOfTiles (tif) : TIFFNumberOfStrips (tif);
  gint64 offsets = raw_count (tif, io, TIFFTAG_STRIPOFFSETS, TIFFTAG_TILEOFFSETS);
  gint64 sizes = raw_count (tif, io, TIFFTAG_STRIPBYTECOUNTS, TIFFTAG_TILEBYTECOUNTS);

  /* Byte counts may be missing altogether: libtiff works them out. */
  if (offsets >= 0 && offsets < needed)
    g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                 tiled ? _("%s: the file gives the place of %lu of its %u tiles; the file is damaged")
                       : _("%s: the file gives the place of %lu of its %u strips; the file is damaged"),
                 io->path, (gulong) offsets, needed);
  else if (sizes >= 0 && sizes < needed)
    g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                 tiled ? _("%s: the file gives the size of %lu of its %u tiles; the file is damaged")
                       : _("%s: the file gives the size of %lu of its %u strips; the file is damaged"),
                 io->path, (gulong) sizes, needed);
  else
    return TRUE;

  return FALSE;
}

/* Opens @path at @page and checks that it is an image the core takes;
 * sets its size and bit depth. */
static TIFF *
open_page (LdaTiffIo  *io,
           guint       page,
           guint32    *width,
           guint32    *height,
           guint      *bits,
           GError    **error)
{
  const char *path = io->path;
  g_autoptr(TIFF) tif = NULL;
  g_autofree char *reason = NULL;
  tdir_t n_pages;

  tif = lda_tiff_io_open_for_reading (io, error);
  if (tif == NULL)
    return NULL;

  n_pages = TIFFNumberOfDirectories (tif);
  if (page >= n_pages)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: there is no page %u; the file has %u page, counted from 0",
                                "%s: there is no page %u; the file has %u pages, counted from 0",
                                n_pages),
                   path, page, n_pages);
      return NULL;
    }

  g_clear_pointer (&io->tiff_error, g_free);
  if (!TIFFSetDirectory (tif, page))
    {
      g_autofree char *problem =
        g_strdup_printf (_("page %u cannot be read; the file is damaged"), page);

      set_read_error (error, io, LDA_ERROR_CORRUPT, problem);
      return NULL;
    }

  reason = unsupported_reason (tif, bits);
  if (reason != NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED, "%s: %s", path, reason);
      return NULL;
    }

  *width = 0;
  *height = 0;
  if (!TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, width) ||
      !TIFFGetField (tif, TIFFTAG_IMAGELENGTH, height))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: the image size is missing; the file is damaged"), path);
      return NULL;
    }

  if (!lda_check_size (*width, *height, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (!check_striles (tif, io, error))
    return NULL;

  return g_steal_pointer (&tif);
}

/**
 * lda_tiff_read_size:
 * @path: a TIFF file
 * @page: the page, counted from 0
 * @width: (out): its columns
 * @height: (out): its rows
 * @error: return location for an error
 *
 * Reads only what lda_tiff_read() checks before it reads the pixels: that
 * the page exists and is an image the core takes, and its size.  Fails as
 * lda_tiff_read() would.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_tiff_read_size (const char  *path,
                    guint        page,
                    guint       *width,
                    guint       *height,
                    GError     **error)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;
  guint32 w, h;
  guint bits;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tif = open_page (&io, page, &w, &h, &bits, error);
  if (tif == NULL)
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

/**
 * lda_tiff_read_page_sizes:
 * @path: a TIFF file
 * @n_pages: how many pages to read, from the first
 * @widths: (out caller-allocates) (array length=n_pages): each page's
 *   columns
 * @heights: (out caller-allocates) (array length=n_pages): each page's
 *   rows
 * @error: return location for an error
 *
 * Reads the size of the first @n_pages pages in one pass over the file's
 * directories, decoding no pixels and checking nothing else: for a long
 * time series this costs what counting its pages does, where
 * lda_tiff_read_size() page by page would walk the directories once per
 * page.
 *
 * Returns: %TRUE on success; otherwise the file cannot be read as
 *   lda_tiff_count_pages() says, or has fewer pages (%LDA_ERROR_CORRUPT)
 */
gboolean
lda_tiff_read_page_sizes (const char  *path,
                          guint        n_pages,
                          guint       *widths,
                          guint       *heights,
                          GError     **error)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (n_pages == 0 || (widths != NULL && heights != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tif = lda_tiff_io_open_for_reading (&io, error);
  if (tif == NULL)
    return FALSE;

  for (guint page = 0; page < n_pages; page++)
    {
      guint32 width = 0, height = 0;

      if ((page > 0 && !TIFFReadDirectory (tif)) ||
          !TIFFGetField (tif, TIFFTAG_IMAGEWIDTH, &width) ||
          !TIFFGetField (tif, TIFFTAG_IMAGELENGTH, &height))
        {
          g_autofree char *problem =
            g_strdup_printf (_("page %u cannot be read; the file is damaged"), page);

          set_read_error (error, &io, LDA_ERROR_CORRUPT, problem);
          return FALSE;
        }
      widths[page] = width;
      heights[page] = height;
    }

  return TRUE;
}

/**
 * lda_tiff_read:
 * @path: a TIFF file
 * @page: the page (directory) to read, counted from 0
 * @error: return location for an error
 *
 * Reads one page of a grayscale TIFF.  Unsigned 8- and 16-bit single-sample
 * images are accepted, stripped or tiled, in either byte order and any
 * compression libtiff decodes.  The result is always #LDA_PIXEL_U16: 8-bit
 * data is widened without scaling and the image's @source_bits is set to 8,
 * so its saturation value stays 255.
 *
 * Other kinds of TIFF (floating-point, signed, colour, palette, 1-bit,
 * inverted grayscale, …) fail with %LDA_ERROR_UNSUPPORTED; damaged files
 * with %LDA_ERROR_CORRUPT; a missing file with %LDA_ERROR_NOT_FOUND; one
 * that cannot be read with %LDA_ERROR_READ; a page past the last with
 * %LDA_ERROR_INVALID_PARAMS.  Every message starts with @path.
 *
 * The file is only read, never memory-mapped, and no global libtiff state
 * is touched, so this may run in several threads at once.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL on error
 */
LdaImage *
lda_tiff_read (const char  *path,
               guint        page,
               GError     **error)
{
  g_auto(LdaTiffIo) io = { .path = path, .tiff_name = path, .fd = -1 };
  g_autoptr(TIFF) tif = NULL;
  g_autoptr(LdaImage) image = NULL;
  guint32 width = 0;
  guint32 height = 0;
  guint bits = 0;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tif = open_page (&io, page, &width, &height, &bits, error);
  if (tif == NULL)
    return NULL;

  image = lda_image_new (LDA_PIXEL_U16, width, height, error);
  if (image == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  image->source_bits = bits;

  if (TIFFIsTiled (tif))
    ok = read_tiles (tif, &io, image, bits, error);
  else
    ok = read_strips (tif, &io, image, bits, error);

  if (!ok)
    return NULL;

  return g_steal_pointer (&image);
}
