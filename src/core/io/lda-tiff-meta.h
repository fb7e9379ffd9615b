/* lda-tiff-meta.h — what a TIFF file says about itself besides pixels
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaTiffMeta:
 * @n_pages: its pages
 * @description: (nullable): the first page's ImageDescription
 * @description_len: its length in bytes
 * @x_resolution: pixels per resolution unit, 0 when not given
 * @resolution_unit_um: micrometres per resolution unit (centimetre, inch),
 *   0 when the unit is none
 * @ij_data: (nullable): the first page's IJMetadata tag (ImageJ's slice
 *   labels and more)
 * @ij_data_len: its length in bytes
 * @ij_counts: (nullable): the IJMetadataByteCounts tag
 * @n_ij_counts: its number of values
 * @big_endian: the file is big-endian ("MM")
 * @automatic: the first page's Software tag says this program wrote the
 *   file as an automatic result (LDA_TIFF_SOFTWARE, LDA_TIFF_AUTOMATIC)
 */
typedef struct
{
  guint    n_pages;
  char    *description;
  gsize    description_len;
  double   x_resolution;
  double   resolution_unit_um;
  guint8  *ij_data;
  gsize    ij_data_len;
  guint32 *ij_counts;
  guint    n_ij_counts;
  gboolean big_endian;
  gboolean automatic;
} LdaTiffMeta;

gboolean lda_tiff_read_meta  (const char  *path,
                              LdaTiffMeta *meta,
                              GError     **error);
void     lda_tiff_meta_clear (LdaTiffMeta *meta);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdaTiffMeta, lda_tiff_meta_clear)

G_END_DECLS
