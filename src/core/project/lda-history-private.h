/* lda-history-private.h — the run-length packing of undo steps
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"

G_BEGIN_DECLS

/* An encoded rectangle of pixels, row after row.  Either raw, or a list of
 * (run length as an LEB128 varint, value) pairs, whichever is smaller; runs
 * go on from one row into the next. */
typedef struct
{
  guint8  *data;
  gsize    size;
  gboolean raw;
} Packed;

void lda_history_pack   (Packed        *packed,
                         const guint8  *pixels,
                         gsize          stride,
                         const LdaRect *rect);
void lda_history_unpack (const Packed  *packed,
                         guint8        *pixels,
                         gsize          stride,
                         const LdaRect *rect);

G_END_DECLS
