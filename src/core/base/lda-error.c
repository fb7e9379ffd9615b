/* lda-error.c — error domain of the segmentation core
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-error.h"

G_DEFINE_QUARK (lda-error-quark, lda_error)
