/* lda-nucleus-slivers.h — pieces that a split line cuts off a nucleus
 * (lda-nucleus-slivers.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-bitplane.h"
#include "lda-split.h"

G_BEGIN_DECLS

gboolean *lda_nucleus_slivers_find  (const LdaRuns     *runs,
                                     const LdaBitplane *objects,
                                     const guint64     *area,
                                     guint              min_area);
guint     lda_nucleus_slivers_merge (LdaNuclei         *self,
                                     LdaBitplane       *objects,
                                     guint              min_area);

G_END_DECLS
