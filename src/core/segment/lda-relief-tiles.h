/* lda-relief-tiles.h — the relief of some tiles of a frame, exact
 * (lda-relief-tiles.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"

G_BEGIN_DECLS

/* The side of a tile, in pixels. */
#define LDA_RELIEF_TILE 128

gboolean lda_relief_tiles (const LdaBitplane  *nuclei,
                           const LdaBitplane  *area,
                           const guint        *tiles,
                           guint               n_tiles,
                           guint8             *relief,
                           GCancellable       *cancellable,
                           GError            **error);

G_END_DECLS
