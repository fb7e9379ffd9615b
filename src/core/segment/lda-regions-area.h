/* lda-regions-area.h — the last cells carried onto a moved cell area
 * while its slider is dragged (lda-regions-area.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

gboolean lda_regions_move_area (LdaRegions         *base,
                                const LdaBitplane  *area,
                                const LdaBitplane  *moved,
                                const LdaBitplane  *mask,
                                guint8             *relief_everywhere,
                                double              max_fraction,
                                LdaRegions        **out,
                                GCancellable       *cancellable,
                                GError            **error);

G_END_DECLS
