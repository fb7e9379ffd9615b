/* lda-flood-reuse.h — the pieces of the last flood that nothing changed,
 * copied, not flooded again (lda-flood-reuse.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-components.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

typedef struct _LdaFloodReuse LdaFloodReuse;

LdaFloodReuse *lda_flood_reuse_new   (const LdaRegions *base,
                                      const LdaRuns    *nuclei,
                                      const guint8     *relief,
                                      GError          **error);
gboolean       lda_flood_reuse_claim (LdaFloodReuse    *self,
                                      const LdaRun     *runs,
                                      gsize             n_runs,
                                      gsize            *pixels);
gboolean       lda_flood_reuse_copy_rows (LdaFloodReuse *self,
                                      guint             y0,
                                      guint             y1,
                                      gint32           *markers);
void           lda_flood_reuse_free  (LdaFloodReuse    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaFloodReuse, lda_flood_reuse_free)

G_END_DECLS
