/* lda-export-split.h — which frames of an export go to validation
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-export.h"

G_BEGIN_DECLS

guint       lda_export_split_n_fields      (LdaSeries              *series);
GHashTable *lda_export_split_sides         (LdaSeries              *series,
                                            GPtrArray              *stems,
                                            const LdaExportOptions *options);
gboolean    lda_export_check_split         (LdaSeries              *series,
                                            const LdaExportOptions *options,
                                            GError                **error);
gboolean    lda_export_frame_is_validation (const LdaExportOptions *options,
                                            const char             *stem);

G_END_DECLS
