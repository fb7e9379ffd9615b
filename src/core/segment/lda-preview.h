/* lda-preview.h — the last label mask with moved masks drawn in
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-bitplane.h"
#include "lda-image.h"
#include "lda-params.h"

G_BEGIN_DECLS

LdaImage *lda_preview_labels (const LdaImage    *old,
                              const LdaBitplane *masks[LDA_N_CHANNELS],
                              GError           **error);

G_END_DECLS
