/* lda-imagej-labels.h — the slice labels ImageJ keeps in its own TIFF tags
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ImageJ's private tags: the byte counts of its blocks, and the blocks. */
#define LDA_TIFFTAG_IJ_BYTE_COUNTS 50838
#define LDA_TIFFTAG_IJ_METADATA    50839

GStrv lda_imagej_labels (const guint8  *data,
                         gsize          len,
                         const guint32 *counts,
                         guint          n_counts,
                         gboolean       big_endian,
                         GError       **error);

G_END_DECLS
