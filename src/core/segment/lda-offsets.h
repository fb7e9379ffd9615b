/* lda-offsets.h — the nearest of the columns around each pixel of a line,
 * by trying every offset (lda-offsets.c); shared by the relief and the
 * depths inside a mask
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many values past the last one lda_offsets_min() may read beyond
 * @reach, and write into @best: it works eight pixels at a time. */
#define LDA_OFFSETS_SPILL 8

void lda_offsets_min (const gint16 *g2,
                      guint         n,
                      guint         reach,
                      gint16       *best);

G_END_DECLS
