/* lda-export-stage.h — an export's files, put in place all at once
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdaExportStage LdaExportStage;

LdaExportStage *lda_export_stage_new    (const char      *folder,
                                         GError         **error);
const char     *lda_export_stage_add    (LdaExportStage  *self,
                                         const char      *target);
void            lda_export_stage_name_target (LdaExportStage *self,
                                         GError          *error);
gboolean        lda_export_stage_commit (LdaExportStage  *self,
                                         GError         **error);
void            lda_export_stage_free   (LdaExportStage  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaExportStage, lda_export_stage_free)

G_END_DECLS
