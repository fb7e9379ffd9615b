/* lda-imagej-labels.c — the slice labels ImageJ keeps in its own TIFF tags
 *
 * Besides its ImageDescription, ImageJ writes two tags of its own:
 * IJMetadataByteCounts (50838), a list of byte counts, and IJMetadata
 * (50839), the bytes they count.  The first block is a header: the magic
 * "IJIJ", then per kind of metadata its four-letter type and how many
 * blocks of that kind follow, as 32-bit integers in the file's byte order
 * (a little-endian file has "JIJI" and the types reversed).  The blocks
 * follow in the header's order.  Slice labels ("labl") are one block per
 * page, each a UTF-16 string in the file's byte order, empty for a page
 * without a label.  Other kinds (info, display ranges, LUTs, ROIs) are
 * skipped.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-error.h"
#include "lda-imagej-labels.h"

/* A label longer than this is not a channel's name. */
#define MAX_LABEL_BYTES (64u << 10)

static guint32
read_u32 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
                    : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
}

static gboolean
damaged (GError    **error,
         const char *what)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
               /* Translators: %s says what is wrong, e.g. "a block is longer than the tag" */
               _("its ImageJ metadata (TIFF tag 50839) are damaged: %s"), what);
  return FALSE;
}

static char *
decode_label (const guint8 *p,
              guint32       n_bytes,
              gboolean      big_endian,
              GError      **error)
{
  g_autofree gunichar2 *units = NULL;
  g_autofree char *text = NULL;
  guint32 n = n_bytes / 2;
  char *newline;

  if (n_bytes % 2 != 0 || n_bytes > MAX_LABEL_BYTES)
    {
      damaged (error, _("a slice label is not UTF-16 text"));
      return NULL;
    }

  units = g_new (gunichar2, n + 1);
  for (guint32 i = 0; i < n; i++)
    units[i] = big_endian ? (gunichar2) (p[2 * i] << 8 | p[2 * i + 1])
                          : (gunichar2) (p[2 * i + 1] << 8 | p[2 * i]);
  units[n] = 0;

  text = g_utf16_to_utf8 (units, n, NULL, NULL, NULL);
  if (text == NULL)
    {
      damaged (error, _("a slice label is not UTF-16 text"));
      return NULL;
    }

  /* ImageJ keeps a page's name on the label's first line, more after it. */
  newline = strpbrk (text, "\r\n");
  if (newline != NULL)
    *newline = '\0';

  return g_strdup (g_strstrip (text));
}

/**
 * lda_imagej_labels:
 * @data: the IJMetadata tag's bytes
 * @len: their number
 * @counts: the IJMetadataByteCounts tag
 * @n_counts: its number of values
 * @big_endian: the TIFF file is big-endian ("MM")
 * @error: return location for an error
 *
 * Messages do not name the file; the caller adds it.
 *
 * Returns: (transfer full) (nullable): the slice labels, one per page in
 *   ImageJ's order ("" for a page without one); %NULL, without @error,
 *   when the tags hold none; %NULL with @error when they are damaged
 */
GStrv
lda_imagej_labels (const guint8  *data,
                   gsize          len,
                   const guint32 *counts,
                   guint          n_counts,
                   gboolean       big_endian,
                   GError       **error)
{
  g_autoptr(GPtrArray) labels = NULL;
  guint32 header, n_types;
  guint block = 1;
  gsize offset;

  if (n_counts == 0 || len < 4)
    return NULL;

  header = counts[0];
  if (header < 4 || header > len || (header - 4) % 8 != 0)
    {
      damaged (error, _("its header is not a whole number of entries"));
      return NULL;
    }
  if (memcmp (data, big_endian ? "IJIJ" : "JIJI", 4) != 0)
    {
      damaged (error, _("it does not start with “IJIJ”"));
      return NULL;
    }

  n_types = (header - 4) / 8;
  offset = header;
  for (guint32 t = 0; t < n_types; t++)
    {
      const guint8 *entry = data + 4 + 8 * t;
      guint32 type = read_u32 (entry, big_endian);
      guint32 n_blocks = read_u32 (entry + 4, big_endian);
      gboolean is_labels = type == ((guint32) 'l' << 24 | (guint32) 'a' << 16 |
                                    (guint32) 'b' << 8 | 'l');

      if (n_blocks > n_counts - block)
        {
          damaged (error, _("it announces more blocks than it counts"));
          return NULL;
        }
      if (is_labels && labels == NULL)
        labels = g_ptr_array_new_with_free_func (g_free);

      for (guint32 b = 0; b < n_blocks; b++, block++)
        {
          guint32 n_bytes = counts[block];

          if (n_bytes > len - offset)
            {
              damaged (error, _("a block is longer than the tag"));
              return NULL;
            }
          if (is_labels)
            {
              char *label = decode_label (data + offset, n_bytes, big_endian, error);

              if (label == NULL)
                return NULL;
              g_ptr_array_add (labels, label);
            }
          offset += n_bytes;
        }
    }

  if (labels == NULL)
    return NULL;
  g_ptr_array_add (labels, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
}
