/* lda-morph.h — closing and hole filling (pipeline.md §3)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"

G_BEGIN_DECLS

void         lda_ellipse           (guint               kernel,
                                    guint8             *element);
LdaBitplane *lda_morph_dilate      (const LdaBitplane  *src,
                                    guint               kernel,
                                    GError            **error);
LdaBitplane *lda_morph_erode       (const LdaBitplane  *src,
                                    guint               kernel,
                                    GError            **error);
LdaBitplane *lda_fill_holes        (const LdaBitplane  *src,
                                    GError            **error);
gboolean     lda_morph_close_into  (const LdaBitplane  *src,
                                    guint               kernel,
                                    LdaBitplane        *scratch,
                                    LdaBitplane        *dst,
                                    GCancellable       *cancellable,
                                    GError            **error);
LdaBitplane *lda_morph_close_fill  (const LdaBitplane  *src,
                                    guint               kernel,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
