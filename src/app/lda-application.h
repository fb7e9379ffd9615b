/* lda-application.h
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LDA_TYPE_APPLICATION (lda_application_get_type ())

G_DECLARE_FINAL_TYPE (LdaApplication, lda_application, LDA, APPLICATION, GtkApplication)

LdaApplication *lda_application_new        (void);
char           *lda_application_sample_dir (void);
GSettings      *lda_application_new_settings (void);
void            lda_application_load_style (GdkDisplay *display);

G_END_DECLS
