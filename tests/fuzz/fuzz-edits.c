/* fuzz-edits.c — the edit-layer loader on any bytes
 *
 * Edits files carry three CRC-32s, so random bytes almost never get past
 * the header.  The first input byte chooses how the rest is used:
 *
 *  - even: the rest is the file, as found on disk;
 *  - odd:  the next two bytes are a frame's width and height (1–64) and
 *    the rest is the run-length data.  The target compresses it and
 *    writes a header with correct checksums, so that the decoder of the
 *    runs, which only sees checked data, is fuzzed too.
 *
 * Whatever decodes is serialised again and must decode to the same
 * layer.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <string.h>

#include <zlib.h>

#include "lda-edits.h"
#include "lda-project.h"

static void
put_u32 (guint8  *at,
         guint32  value)
{
  at[0] = value & 0xff;
  at[1] = (value >> 8) & 0xff;
  at[2] = (value >> 16) & 0xff;
  at[3] = (value >> 24) & 0xff;
}

/* Builds a well-formed file around @rle. */
static GBytes *
wrap_runs (guint          width,
           guint          height,
           const uint8_t *rle,
           size_t         rle_length)
{
  uLongf packed_length = compressBound (rle_length);
  g_autofree guint8 *file = g_malloc (32 + packed_length);

  if (compress2 (file + 32, &packed_length, rle, rle_length, 1) != Z_OK)
    g_error ("zlib could not compress %zu bytes", rle_length);

  memcpy (file, "LDAE", 4);
  put_u32 (file + 4, 1);
  put_u32 (file + 8, width);
  put_u32 (file + 12, height);
  put_u32 (file + 16, rle_length);
  put_u32 (file + 20, crc32 (0, rle, rle_length));
  put_u32 (file + 24, crc32 (0, file + 32, packed_length));
  put_u32 (file + 28, crc32 (0, file, 28));

  return g_bytes_new (file, 32 + packed_length);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaEdits) edits = NULL;
  g_autoptr(LdaEdits) reread = NULL;
  guint width = 40;
  guint height = 30;

  if (size < 1)
    return 0;

  if ((data[0] & 1) == 0)
    bytes = g_bytes_new (data + 1, size - 1);
  else
    {
      if (size < 3)
        return 0;
      width = 1 + data[1] % 64;
      height = 1 + data[2] % 64;
      bytes = wrap_runs (width, height, data + 3, size - 3);
    }

  edits = lda_edits_deserialize (bytes, width, height, &error);
  if (edits == NULL)
    {
      g_assert_nonnull (error);
      fuzz_check_error (error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (edits->width, ==, width);
  g_assert_cmpuint (edits->height, ==, height);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_assert_true (edits->pixels[i] <= 4 || edits->pixels[i] == LDA_NO_EDIT);

  again = lda_edits_serialize (edits);
  reread = lda_edits_deserialize (again, width, height, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reread);
  g_assert_cmpmem (reread->pixels, (gsize) width * height, edits->pixels, (gsize) width * height);

  return 0;
}
