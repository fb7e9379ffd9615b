/* lda-regions-coarse.h — the cells flooded at a coarser resolution
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-rect.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

LdaRegions  *lda_regions_new_coarse  (const LdaBitplane  *cell_area,
                                      const LdaBitplane  *mask,
                                      const LdaRuns      *nuclei,
                                      guint               shift,
                                      const LdaRect      *fine,
                                      guint               fine_shift,
                                      GCancellable       *cancellable,
                                      GError            **error);

LdaRegions  *lda_regions_new_coarse_compact (const LdaBitplane *cell_area,
                                             const LdaBitplane *mask,
                                             const LdaRuns     *nuclei,
                                             guint              shift,
                                             const LdaRect     *fine,
                                             guint              fine_shift,
                                             GCancellable      *cancellable,
                                             GError           **error);
gboolean     lda_regions_expand      (LdaRegions         *self,
                                      GError            **error);
LdaRegions  *lda_regions_copy_full   (const LdaRegions   *self,
                                      GError            **error);
void         lda_regions_coarse_free (LdaRegionsCoarse   *self);
guint        lda_regions_get_fine_reach (const LdaRegions *self);

G_END_DECLS
