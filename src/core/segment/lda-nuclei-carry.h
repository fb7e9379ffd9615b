/* lda-nuclei-carry.h — the last split of the nuclei carried onto moved
 * masks while a slider is dragged (lda-nuclei-carry.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-split.h"

G_BEGIN_DECLS

LdaNuclei *lda_nuclei_carry (const LdaNuclei        *base,
                             const LdaBitplane      *hoechst,
                             const LdaBitplane      *draq7,
                             const LdaNucleusParams *params,
                             GCancellable           *cancellable,
                             GError                **error);

G_END_DECLS
