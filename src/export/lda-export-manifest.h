/* lda-export-manifest.h — which files an export wrote
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-file-set.h"

G_BEGIN_DECLS

char      *lda_export_manifest_path   (const char *folder);
char      *lda_export_manifest_text   (const char *folder,
                                       GPtrArray  *targets,
                                       GPtrArray  *left,
                                       LdaFileSet *stage);
GPtrArray *lda_export_manifest_stale  (const char *folder,
                                       GPtrArray  *targets);
gboolean   lda_export_manifest_holds  (const char *folder,
                                       const char *name);
typedef gboolean (*LdaExportManifestKeep) (const char *path,
                                           gpointer    user_data);

GPtrArray *lda_export_manifest_remove (const char            *folder,
                                       GPtrArray             *stale,
                                       LdaExportManifestKeep  keep,
                                       gpointer               user_data);

G_END_DECLS
