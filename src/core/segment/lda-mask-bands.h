/* lda-mask-bands.h — a channel's mask in two bands of rows, on two
 * threads (pipeline.md §3)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-image.h"

G_BEGIN_DECLS

LdaBitplane *lda_mask_bands_new (const LdaImage  *source,
                                 gint64           threshold,
                                 guint            kernel,
                                 GCancellable    *cancellable,
                                 GError         **error);

G_END_DECLS
