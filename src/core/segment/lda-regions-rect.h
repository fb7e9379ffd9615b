/* lda-regions-rect.h — the cells of a rectangle flooded on its own pixels
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-rect.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

/* Work done beside a flood's halves, as one more part of it
 * (lda_regions_flood_rect()).  Returns %FALSE with @error set if
 * it failed. */
typedef gboolean (*LdaRegionsSideFunc) (gpointer   data,
                                        GError   **error);

gboolean lda_regions_flood_rect (const LdaBitplane  *cell_area,
                                 const LdaBitplane  *mask,
                                 const LdaRuns      *nuclei,
                                 const LdaRect      *r,
                                 guint               shift,
                                 guint               lift,
                                 gint32             *out,
                                 gsize               stride,
                                 gsize              *unknown,
                                 guint              *reach,
                                 LdaRegionsSideFunc  side,
                                 gpointer            side_data,
                                 GCancellable       *cancellable,
                                 GError            **error);

G_END_DECLS
