/* test-project-common.h — helpers shared by the lda-project tests: tiny
 * image folders, a brush of the tests' own, and asserting wrappers.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <time.h>
#include <utime.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-project.h"
#include "lda-test-lib.h"
#include "lda-tiff.h"

/* Each test file uses some of these. */

/* Writes the three @width × @height 16-bit images of each triple named
 * in @names. */
G_GNUC_UNUSED static void
write_triples_sized (const char         *dir,
                     const char * const *names,
                     guint               width,
                     guint               height)
{
  const char *channels[] = { "bf", "hoechst", "draq7" };

  for (guint t = 0; names[t] != NULL; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *file = g_strdup_printf ("%s_%s.tif", names[t], channels[c]);
        g_autofree char *path = g_build_filename (dir, file, NULL);
        g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, width, height, NULL);
        g_autoptr(GError) error = NULL;

        for (gsize i = 0; i < lda_image_n_pixels (image); i++)
          lda_image_u16 (image)[i] = (guint16) (100 + 10 * c + i % 7);
        g_assert_true (lda_tiff_write (path, image, &error));
        g_assert_no_error (error);
      }
}

/* Writes the three 16 × 8 16-bit images of each triple named in @names. */
G_GNUC_UNUSED static void
write_triples (const char         *dir,
               const char * const *names)
{
  write_triples_sized (dir, names, 16, 8);
}

G_GNUC_UNUSED static LdaSeries *
open_series (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LdaSeries *series = lda_series_new_from_folder (dir, &error);

  g_assert_no_error (error);
  return series;
}

G_GNUC_UNUSED static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* Names in @dir that are neither a .ini, a .edits nor a folder: temporary
 * files left behind. */
G_GNUC_UNUSED static guint
count_temps (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        n += count_temps (path);
      else if (!g_str_has_suffix (name, ".ini") && !g_str_has_suffix (name, ".edits"))
        n++;
    }
  g_dir_close (d);
  return n;
}

/* Sets the time of every file below @dir an hour back. */
G_GNUC_UNUSED static void
backdate_tree (const char *dir)
{
  struct utimbuf long_ago = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        backdate_tree (path);
      else
        g_assert_cmpint (g_utime (path, &long_ago), ==, 0);
    }
}

G_GNUC_UNUSED static LdaEdits *
edits_new (guint width,
           guint height)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_edits_new (width, height, &error);

  g_assert_no_error (error);
  return edits;
}

/* The test's own brush, so that it does not depend on lda-edits' tools. */
G_GNUC_UNUSED static void
disc (LdaEdits *edits,
      int       cx,
      int       cy,
      int       r,
      guint8    value)
{
  for (int y = MAX (cy - r, 0); y <= MIN (cy + r, (int) edits->height - 1); y++)
    for (int x = MAX (cx - r, 0); x <= MIN (cx + r, (int) edits->width - 1); x++)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
        edits->pixels[(gsize) y * edits->width + x] = value;
}

/* @n strokes of 12 overlapping discs each, from a seeded generator. */
G_GNUC_UNUSED static void
strokes (LdaEdits *edits,
         guint32   seed,
         guint     n,
         int       max_r)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint s = 0; s < n; s++)
    {
      int x = g_rand_int_range (rand, 0, edits->width);
      int y = g_rand_int_range (rand, 0, edits->height);
      int r = g_rand_int_range (rand, 1, max_r + 1);
      guint8 value = g_rand_int_range (rand, 0, 6);

      if (value == 5)
        value = LDA_NO_EDIT;
      for (guint d = 0; d < 12; d++)
        {
          disc (edits, x, y, r, value);
          x += g_rand_int_range (rand, -r, r + 1);
          y += g_rand_int_range (rand, -r, r + 1);
        }
    }
}

G_GNUC_UNUSED static void
assert_edits_equal (const LdaEdits *a,
                    const LdaEdits *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->width, ==, b->width);
  g_assert_cmpuint (a->height, ==, b->height);
  g_assert_cmpmem (a->pixels, (gsize) a->width * a->height,
                   b->pixels, (gsize) b->width * b->height);
}

G_GNUC_UNUSED static gboolean
params_equal (const LdaParams *a,
              const LdaParams *b)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!lda_channel_params_equal (&a->channel[c], &b->channel[c]))
      return FALSE;

  return TRUE;
}

/* Parameters that differ from the defaults in every field; @k varies them. */
G_GNUC_UNUSED static void
odd_params (LdaParams *params,
            guint      k)
{
  lda_params_init (params);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      LdaChannelParams *p = &params->channel[c];

      p->offset = 1.0 / 3.0 + k % 8 + c * 0.1;
      p->use_offset = (k + c) % 2 == 0;
      p->coarseness = 20 + k + c;
      p->kernel = 1 + 2 * ((k + c) % 10);
      p->manual = TRUE;
      p->manual_threshold = 1000 + 100 * k + c;
      p->ignore_saturated = TRUE;
    }
}

G_GNUC_UNUSED static void
save_params (LdaSeries  *series,
             const char *folder)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_project_save_params (series, folder, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
save_edits (LdaSeries      *series,
            const char     *folder,
            guint           frame,
            const LdaEdits *edits)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_project_save_edits (folder, series, frame, edits, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static GPtrArray *
load (LdaSeries  *series,
      const char *folder)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *edits = NULL;
  gboolean ok = lda_project_load (series, folder, &edits, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (edits->len, ==, lda_series_get_n_frames (series));
  return edits;
}

/* An independent CRC-32, to check the header's and build crafted data. */
G_GNUC_UNUSED static guint32
crc32_bitwise (const guint8 *data,
               gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint b = 0; b < 8; b++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

G_GNUC_UNUSED static void
put_u32 (guint8  *p,
         guint32  v)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

/* Edits data with a correct header and checksums around @rle, which may
 * be wrong in any way; @claimed is the RLE length the header states. */
G_GNUC_UNUSED static GBytes *
craft (guint         width,
       guint         height,
       const guint8 *rle,
       gsize         rle_length,
       gsize         claimed,
       gboolean      trailing)
{
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 header[32] = "LDAE";
  guint8 buffer[4096];
  gsize read = 0, written = 0;
  GConverterResult result;

  result = g_converter_convert (G_CONVERTER (zlib), rle, rle_length, buffer, sizeof buffer,
                                G_CONVERTER_INPUT_AT_END, &read, &written, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, G_CONVERTER_FINISHED);
  if (trailing)
    memcpy (buffer + written, "junk", 4);

  put_u32 (header + 4, 1);
  put_u32 (header + 8, width);
  put_u32 (header + 12, height);
  put_u32 (header + 16, claimed);
  put_u32 (header + 20, crc32_bitwise (rle, rle_length));
  put_u32 (header + 24, crc32_bitwise (buffer, written + (trailing ? 4 : 0)));
  put_u32 (header + 28, crc32_bitwise (header, 28));
  g_byte_array_append (out, header, 32);
  g_byte_array_append (out, buffer, written);
  if (trailing)
    g_byte_array_append (out, buffer + written, 4);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

G_GNUC_UNUSED static const char * const three[] = { "w_t1", "w_t2", "w_t3", NULL };
