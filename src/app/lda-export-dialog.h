/* lda-export-dialog.h
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-export.h"
#include "lda-series.h"

G_BEGIN_DECLS

#define LDA_TYPE_EXPORT_DIALOG (lda_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LdaExportDialog, lda_export_dialog, LDA, EXPORT_DIALOG, GtkWindow)

LdaExportDialog *lda_export_dialog_new    (GtkWindow  *parent,
                                           LdaSeries  *series,
                                           GPtrArray  *edits,
                                           guint       current_frame,
                                           const char *folder);
void             lda_export_dialog_start  (LdaExportDialog *self,
                                           gboolean         overwrite);
LdaSeries       *lda_export_dialog_get_series (LdaExportDialog *self);
const char      *lda_export_dialog_get_folder (LdaExportDialog *self);
void             lda_export_dialog_set_training_layout (LdaExportDialog *self,
                                           gboolean         training_layout);
void             lda_export_dialog_bind_settings (LdaExportDialog *self,
                                              GSettings       *settings);
void             lda_export_dialog_set_layout (LdaExportDialog *self,
                                           LdaExportLayout  layout,
                                           double           val_fraction,
                                           guint32          seed);

G_END_DECLS
