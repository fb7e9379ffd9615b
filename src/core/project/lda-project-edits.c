/* lda-project-edits.c — a frame's edits as a compact, checked byte string
 *
 * An edits file is a 32-byte header followed by run-length encoded pixels
 * compressed with zlib:
 *
 *   0  "LDAE"               16 length of the RLE data (uncompressed)
 *   4  version 1            20 CRC-32 of the RLE data
 *   8  width                24 CRC-32 of the compressed data
 *   12 height               28 CRC-32 of bytes 0–27
 *
 * all little-endian 32-bit.  The RLE data is a list of runs, each a value
 * byte (a class 0–4 or LDA_NO_EDIT) and its length as an unsigned LEB128
 * number of at most 5 bytes; the runs cover width × height exactly.  Runs
 * cross row ends, so an empty frame is one run.
 *
 * Two checksums over the payload: the one of the compressed data catches
 * any changed byte, even in the bits zlib ignores; the one of the RLE data
 * vouches for what is decoded.  Reading trusts nothing before it is
 * checked and allocates the frame only once the runs are known to fit.
 * Reading a file compares the size it declares with the frame's images
 * first (lda_project_read_edits()).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-file-read.h"
#include "lda-project.h"
#include "lda-project-private.h"
#include "lda-tiff.h"

#define EDITS_MAGIC         "LDAE"
#define EDITS_VERSION       1
#define EDITS_HEADER_SIZE   32

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         length)
{
  /* CRC-32 (IEEE 802.3, reflected 0xEDB88320), four bits at a time. */
  static const guint32 table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
    0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
  };

  crc = ~crc;
  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      crc = (crc >> 4) ^ table[crc & 15];
      crc = (crc >> 4) ^ table[crc & 15];
    }

  return ~crc;
}

static void
put_u32 (guint8  *p,
         guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = (value >> 24) & 0xff;
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static void
append_run (GByteArray *rle,
            guint8      value,
            guint32     length)
{
  guint8 buffer[6];
  guint n = 0;

  buffer[n++] = value;
  do
    {
      buffer[n++] = (length & 0x7f) | (length > 0x7f ? 0x80 : 0);
      length >>= 7;
    }
  while (length > 0);

  g_byte_array_append (rle, buffer, n);
}

/* Runs @converter over all of @input.  Output beyond @max_output is an
 * error, so a small damaged input cannot make a huge allocation. */
static GByteArray *
convert_all (GConverter    *converter,
             const guint8  *input,
             gsize          length,
             gsize          max_output,
             GError       **error)
{
  g_autoptr(GByteArray) output = g_byte_array_new ();
  gsize done = 0;

  for (;;)
    {
      guint8 chunk[16384];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, input + done, length - done,
                                    chunk, sizeof chunk, G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, error);
      if (result == G_CONVERTER_ERROR)
        return NULL;

      done += bytes_read;
      if (bytes_written > max_output - output->len)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("more data than the header says"));
          return NULL;
        }
      g_byte_array_append (output, chunk, bytes_written);

      if (result == G_CONVERTER_FINISHED)
        break;
      if (bytes_read == 0 && bytes_written == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                               _("the compressed data ends early"));
          return NULL;
        }
    }

  if (done != length)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("data after the end of the compressed data"));
      return NULL;
    }

  return g_steal_pointer (&output);
}

/**
 * lda_edits_serialize:
 * @edits: a frame's edits; each pixel %LDA_NO_EDIT or a class
 *
 * Encodes @edits compactly: a 32-byte header with the size and CRC-32
 * checksums, then zlib-compressed runs.  A few strokes on a 2048 × 2048
 * frame take a few kilobytes.
 *
 * Returns: (transfer full): the encoded edits
 */
GBytes *
lda_edits_serialize (const LdaEdits *edits)
{
  g_autoptr(GByteArray) rle = g_byte_array_new ();
  g_autoptr(GByteArray) compressed = NULL;
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GError) error = NULL;
  gsize n;
  guint8 header[EDITS_HEADER_SIZE];
  GByteArray *result;

  g_return_val_if_fail (edits != NULL, NULL);
  g_return_val_if_fail (edits->width > 0 && edits->height > 0, NULL);

  n = (gsize) edits->width * edits->height;
  for (gsize i = 0; i < n;)
    {
      guint8 value = edits->pixels[i];
      gsize end = i + 1;

      /* Only what reading takes back. */
      g_return_val_if_fail (value < LDA_N_CLASSES || value == LDA_NO_EDIT, NULL);

      while (end < n && edits->pixels[end] == value && end - i < G_MAXUINT32)
        end++;
      append_run (rle, value, (guint32) (end - i));
      i = end;
    }

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  compressed = convert_all (G_CONVERTER (compressor), rle->data, rle->len, G_MAXSIZE, &error);
  if (compressed == NULL)
    {
      /* Compressing memory into memory does not fail. */
      g_critical ("cannot compress edits: %s", error->message);
      return NULL;
    }

  memcpy (header, EDITS_MAGIC, 4);
  put_u32 (header + 4, EDITS_VERSION);
  put_u32 (header + 8, edits->width);
  put_u32 (header + 12, edits->height);
  put_u32 (header + 16, rle->len);
  put_u32 (header + 20, crc32_update (0, rle->data, rle->len));
  put_u32 (header + 24, crc32_update (0, compressed->data, compressed->len));
  put_u32 (header + 28, crc32_update (0, header, 28));

  result = g_byte_array_sized_new (EDITS_HEADER_SIZE + compressed->len);
  g_byte_array_append (result, header, EDITS_HEADER_SIZE);
  g_byte_array_append (result, compressed->data, compressed->len);

  return g_byte_array_free_to_bytes (result);
}

/* Reads and checks the header of @data: its magic, version, checksum and
 * a size the core accepts.  Does not compare the size with any frame. */
static gboolean
read_header (const guint8  *data,
             gsize          length,
             guint         *width,
             guint         *height,
             guint32       *rle_length,
             guint32       *rle_crc,
             GError       **error)
{
  guint32 version;
  guint64 n_pixels;

  if (length < EDITS_HEADER_SIZE)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("edits data too short (%lu bytes)"), (gulong) length);
      return FALSE;
    }
  if (memcmp (data, EDITS_MAGIC, 4) != 0)
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT, _("not an edits file"));
      return FALSE;
    }
  version = get_u32 (data + 4);
  if (version != EDITS_VERSION)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("edits format version %u (this version reads %u)"), version, EDITS_VERSION);
      return FALSE;
    }
  if (get_u32 (data + 28) != crc32_update (0, data, 28))
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT, _("damaged edits header"));
      return FALSE;
    }
  if (get_u32 (data + 24) != crc32_update (0, data + EDITS_HEADER_SIZE,
                                           length - EDITS_HEADER_SIZE))
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                           _("compressed edits data fails its checksum"));
      return FALSE;
    }

  *width = get_u32 (data + 8);
  *height = get_u32 (data + 12);
  *rle_length = get_u32 (data + 16);
  *rle_crc = get_u32 (data + 20);
  n_pixels = (guint64) *width * *height;
  /* Each run covers at least one pixel in at most two bytes. */
  if (n_pixels == 0 || n_pixels > LDA_IMAGE_MAX_PIXELS ||
      *rle_length < 2 || *rle_length > 2 * n_pixels)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("impossible edits size %u × %u"), *width, *height);
      return FALSE;
    }

  return TRUE;
}

/* Walks the runs of @rle; fills @pixels when it is not %NULL.  Fails on a
 * bad value, a bad length or runs that do not cover exactly @n_pixels. */
static gboolean
decode_runs (const guint8  *rle,
             gsize          length,
             guint64        n_pixels,
             guint8        *pixels,
             GError       **error)
{
  guint64 covered = 0;
  gsize i = 0;

  while (i < length)
    {
      guint8 value = rle[i++];
      guint64 run = 0;
      guint shift = 0;
      gboolean more = TRUE;

      if (value >= LDA_N_CLASSES && value != LDA_NO_EDIT)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT, _("edits hold a bad value %u"), value);
          return FALSE;
        }

      while (more)
        {
          if (i >= length || shift > 28)
            {
              g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                                   _("edits hold a bad run length"));
              return FALSE;
            }
          run |= (guint64) (rle[i] & 0x7f) << shift;
          more = (rle[i] & 0x80) != 0;
          shift += 7;
          i++;
        }

      if (run == 0 || run > n_pixels - covered)
        {
          g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                               _("edits runs do not fit the frame"));
          return FALSE;
        }
      if (pixels != NULL)
        memset (pixels + covered, value, run);
      covered += run;
    }

  if (covered != n_pixels)
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                           _("edits runs end before the frame does"));
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_edits_deserialize:
 * @bytes: data from lda_edits_serialize()
 * @width: the frame's width
 * @height: the frame's height
 * @error: return location for an error
 *
 * Checks everything before trusting it: the magic, the version, the
 * header's checksum, the size, the compressed data, the length and
 * checksum of the runs and that the runs cover the frame exactly.  Any
 * byte string is safe to pass.
 *
 * Returns: (transfer full) (nullable): the edits; %NULL with
 *   %LDA_ERROR_CORRUPT when @bytes are damaged, or
 *   %LDA_ERROR_SIZE_MISMATCH when they are intact but for a frame of
 *   another size (or %LDA_ERROR_TOO_LARGE when memory runs out)
 */
LdaEdits *
lda_edits_deserialize (GBytes   *bytes,
                       guint     width,
                       guint     height,
                       GError  **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) rle = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LdaEdits) edits = NULL;
  const guint8 *data;
  gsize length;
  guint file_width, file_height;
  guint32 rle_length, rle_crc;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (!read_header (data, length, &file_width, &file_height, &rle_length, &rle_crc, error))
    return NULL;

  if (file_width != width || file_height != height)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
                   _("edits made for a %u × %u frame, not %u × %u"),
                   file_width, file_height, width, height);
      return NULL;
    }

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  rle = convert_all (G_CONVERTER (decompressor), data + EDITS_HEADER_SIZE,
                     length - EDITS_HEADER_SIZE, rle_length, &local_error);
  if (rle == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT, _("damaged edits data: %s"),
                   local_error->message);
      return NULL;
    }
  if (rle->len != rle_length)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("edits data is %u bytes, the header says %u"), rle->len, rle_length);
      return NULL;
    }
  if (crc32_update (0, rle->data, rle->len) != rle_crc)
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                           _("edits data fails its checksum"));
      return NULL;
    }

  /* Check the runs before allocating the frame. */
  if (!decode_runs (rle->data, rle->len, (guint64) width * height, NULL, error))
    return NULL;

  edits = lda_edits_new (width, height, error);
  if (edits == NULL)
    return NULL;
  decode_runs (rle->data, rle->len, (guint64) width * height, edits->pixels, NULL);

  return g_steal_pointer (&edits);
}

/**
 * lda_project_scan_edits:
 * @edits: a frame's edits
 * @path: the file they are to be saved to, for the message
 * @empty: (out): whether they hold no edit
 * @error: return location for an error
 *
 * Checks edits before they are saved: a pixel that is neither a class nor
 * %LDA_NO_EDIT, which reading would refuse, fails.
 *
 * Returns: %TRUE if every pixel is one reading takes
 */
gboolean
lda_project_scan_edits (const LdaEdits  *edits,
                        const char      *path,
                        gboolean        *empty,
                        GError         **error)
{
  gsize n = (gsize) edits->width * edits->height;

  *empty = TRUE;
  for (gsize i = 0; i < n; i++)
    {
      guint8 value = edits->pixels[i];

      if (value == LDA_NO_EDIT)
        continue;
      if (value >= LDA_N_CLASSES)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED,
                       _("%s: not saved: pixel %lu holds %u, not a class"),
                       path, (gulong) i, value);
          return FALSE;
        }
      *empty = FALSE;
    }

  return TRUE;
}

/* The largest edits file for frames of up to @max_pixels: 2 bytes of runs
 * a pixel at worst, and what zlib adds to data it cannot compress. */
static gsize
max_file_size (guint64 max_pixels)
{
  guint64 rle = 2 * max_pixels;
  guint64 size = EDITS_HEADER_SIZE + rle + rle / 1024 + 128;

  return (gsize) MIN (size, (guint64) G_MAXSIZE - 1);
}

/**
 * lda_project_read_edits:
 * @path: an edits file
 * @width: the width of the frame's images
 * @height: their height
 * @edits: (out) (transfer full) (nullable): the edits; %NULL if there is
 *   no file
 * @error: return location for an error
 *
 * Reads a frame's edits file, comparing the size it declares with the
 * frame's before allocating anything of that size.  Only a regular file
 * (not a link) no larger than edits for such a frame can be is read.
 * Edits of the frame's size are decoded; edits of another size are
 * decoded with their own size (so that they are kept, and the person is
 * told), unless they declare more than %LDA_EDITS_MAX_SIZE_FACTOR times
 * the frame's pixels, which is taken for damage.
 *
 * Returns: %TRUE if the file was read or is not there; otherwise
 *   %LDA_ERROR_CORRUPT (damaged, not a regular file, too large) or
 *   %LDA_ERROR_READ, the message naming @path
 */
gboolean
lda_project_read_edits (const char  *path,
                        guint        width,
                        guint        height,
                        LdaEdits   **edits,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint64 max_pixels = (guint64) width * height * LDA_EDITS_MAX_SIZE_FACTOR;
  guint file_width, file_height;
  guint32 rle_length, rle_crc;
  const guint8 *data;
  gsize length;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);

  *edits = NULL;
  bytes = lda_file_read (path, max_file_size (max_pixels), LDA_READ_NO_FOLLOW,
                         LDA_ERROR_CORRUPT, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, LDA_ERROR, LDA_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!read_header (data, length, &file_width, &file_height, &rle_length, &rle_crc,
                    &local_error))
    {
      g_set_error (error, LDA_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }

  if ((guint64) file_width * file_height > max_pixels)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: edits for a %u × %u frame, far larger than its images (%u × %u); "
                     "the file is damaged"),
                   path, file_width, file_height, width, height);
      return FALSE;
    }

  *edits = lda_edits_deserialize (bytes, file_width, file_height, &local_error);
  if (*edits == NULL)
    {
      g_set_error (error, LDA_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* The size of a frame's images, read from the headers only for frames
 * that have an edits file, the pages of a triple in one pass. */
static const LdaFrameSize *
frame_size (LdaSeries    *series,
            guint         frame,
            LdaFrameSize *sizes)
{
  LdaTriple *triple = lda_series_get_frame (series, frame)->triple;
  guint n = lda_series_get_n_frames (series);
  guint first = frame, last = frame, n_pages = 0;
  g_autofree guint *widths = NULL;
  g_autofree guint *heights = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (sizes[frame].looked)
    return &sizes[frame];

  /* The pages of a triple are frames one after another. */
  while (first > 0 && lda_series_get_frame (series, first - 1)->triple == triple)
    first--;
  while (last + 1 < n && lda_series_get_frame (series, last + 1)->triple == triple)
    last++;
  for (guint i = first; i <= last; i++)
    n_pages = MAX (n_pages, lda_series_get_frame (series, i)->page + 1);

  widths = g_new0 (guint, n_pages);
  heights = g_new0 (guint, n_pages);
  ok = lda_tiff_read_page_sizes (triple->paths[LDA_INPUT_BRIGHTFIELD], n_pages,
                                 widths, heights, &error);
  if (!ok)
    g_debug ("%s", error->message);

  for (guint i = first; i <= last; i++)
    {
      guint page = lda_series_get_frame (series, i)->page;

      sizes[i].looked = TRUE;
      sizes[i].known = ok && widths[page] > 0 && heights[page] > 0;
      sizes[i].width = widths[page];
      sizes[i].height = heights[page];
    }

  return &sizes[frame];
}

/**
 * lda_project_load_frame_edits:
 * @series: a series
 * @frame: the index of one of its frames
 * @sizes: (array): one per frame of @series, zeroed at first, for the
 *   sizes learnt on the way
 * @path: the frame's edits file
 * @edits: (out) (transfer full) (nullable): its edits
 * @error: return location for an error
 *
 * Reads one frame's edits file; a missing file gives %NULL and no error.
 * The size the file declares is compared with the frame's images before
 * anything of that size is allocated (lda_project_read_edits()).  When
 * the images cannot be read, the frame cannot be shown, painted or
 * exported: its edits are not read, and the file stays as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_project_load_frame_edits (LdaSeries     *series,
                              guint          frame,
                              LdaFrameSize  *sizes,
                              const char    *path,
                              LdaEdits     **edits,
                              GError       **error)
{
  const LdaFrameSize *size;
  GStatBuf st;

  *edits = NULL;

  /* No header is read for the many frames that have no edits. */
  if (g_lstat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        return TRUE;
      g_set_error (error, LDA_ERROR, LDA_ERROR_READ, _("%s: cannot read the file: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  size = frame_size (series, frame, sizes);
  if (!size->known)
    {
      g_debug ("%s: not read: the size of its frame's images is not known", path);
      return TRUE;
    }

  return lda_project_read_edits (path, size->width, size->height, edits, error);
}
