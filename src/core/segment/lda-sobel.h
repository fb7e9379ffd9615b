/* lda-sobel.h — Sobel gradient magnitude (pipeline.md §2)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-image.h"

G_BEGIN_DECLS

/* The vectors the magnitudes are computed with, narrowest first. */
typedef enum
{
  LDA_SOBEL_VECTORS_SSE2,     /* or one at a time where there is no SSE2 */
  LDA_SOBEL_VECTORS_AVX2,
  LDA_SOBEL_VECTORS_AVX512,
  LDA_SOBEL_VECTORS_WIDEST = LDA_SOBEL_VECTORS_AVX512,
} LdaSobelVectors;

LdaSobelVectors lda_sobel_set_vectors (LdaSobelVectors limit);

LdaImage *lda_sobel (const LdaImage *image,
                     GCancellable   *cancellable,
                     GError        **error);

G_END_DECLS
