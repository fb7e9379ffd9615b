/* lda-interval-dialog.h — asking the time between frames
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LDA_TYPE_INTERVAL_DIALOG (lda_interval_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdaIntervalDialog, lda_interval_dialog, LDA, INTERVAL_DIALOG, GtkWindow)

typedef void (*LdaIntervalChosen) (double   hours,
                                   gpointer user_data);

LdaIntervalDialog *lda_interval_dialog_new      (GtkWindow         *parent,
                                                 double             hours,
                                                 LdaIntervalChosen  chosen,
                                                 GObject           *user_data);
void               lda_interval_dialog_set_text (LdaIntervalDialog *self,
                                                 const char        *text);
gboolean           lda_interval_dialog_set      (LdaIntervalDialog *self);

G_END_DECLS
