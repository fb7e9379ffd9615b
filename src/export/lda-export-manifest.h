/* lda-export-manifest.h — which files an export wrote
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *lda_export_manifest_path   (const char *folder);
char      *lda_export_manifest_text   (const char *folder,
                                       GPtrArray  *targets);
GPtrArray *lda_export_manifest_stale  (const char *folder,
                                       GPtrArray  *targets);
void       lda_export_manifest_remove (const char *folder,
                                       GPtrArray  *stale);

G_END_DECLS
