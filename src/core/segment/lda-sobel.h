/* lda-sobel.h — Sobel gradient magnitude (pipeline.md §2)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-image.h"

G_BEGIN_DECLS

LdaImage *lda_sobel (const LdaImage *image,
                     GCancellable   *cancellable,
                     GError        **error);

G_END_DECLS
