/* lda-watershed-parts.h — the watershed flood piece by piece, on two
 * threads (lda-watershed-parts.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"

G_BEGIN_DECLS

typedef struct _LdaWatershedParts LdaWatershedParts;
typedef struct _LdaFloodReuse LdaFloodReuse;

LdaWatershedParts *lda_watershed_parts_new   (gint32             *markers,
                                              guint               width,
                                              guint               height,
                                              GError            **error);
LdaWatershedParts *lda_watershed_parts_new_from_plane (const LdaBitplane *unknown,
                                              GError            **error);
gboolean           lda_watershed_parts_flood (LdaWatershedParts  *self,
                                              gint32             *markers,
                                              const guint8       *relief,
                                              GCancellable       *cancellable,
                                              GError            **error);
gboolean           lda_watershed_parts_flood_reusing (LdaWatershedParts *self,
                                              gint32             *markers,
                                              const guint8       *relief,
                                              LdaFloodReuse      *reuse,
                                              gsize              *reused,
                                              GCancellable       *cancellable,
                                              GError            **error);
guint              lda_watershed_parts_count (LdaWatershedParts  *self);
gsize              lda_watershed_parts_largest (LdaWatershedParts *self);
gsize              lda_watershed_parts_pixels (LdaWatershedParts *self);
void               lda_watershed_parts_free  (LdaWatershedParts  *self);
gboolean           lda_watershed_by_parts    (gint32             *markers,
                                              const guint8       *relief,
                                              guint               width,
                                              guint               height,
                                              GCancellable       *cancellable,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaWatershedParts, lda_watershed_parts_free)

G_END_DECLS
