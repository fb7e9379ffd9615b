/* lda-regions-carry.h — the last cells carried onto moved nuclei while a
 * slider is dragged (lda-regions-carry.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-components.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

gboolean lda_regions_carry (const LdaRegions   *base,
                            const LdaBitplane  *area,
                            const LdaBitplane  *mask,
                            const LdaRuns      *nuclei,
                            double              max_fraction,
                            LdaRegions        **out,
                            GCancellable       *cancellable,
                            GError            **error);

G_END_DECLS
