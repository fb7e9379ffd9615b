/* lda-nucleus-panel.h — the preset and the nucleus objects of a series
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-params.h"

G_BEGIN_DECLS

#define LDA_TYPE_NUCLEUS_PANEL (lda_nucleus_panel_get_type ())

G_DECLARE_FINAL_TYPE (LdaNucleusPanel, lda_nucleus_panel, LDA, NUCLEUS_PANEL, GtkWidget)

GtkWidget *lda_nucleus_panel_new        (void);
void       lda_nucleus_panel_set_params (LdaNucleusPanel        *self,
                                         const LdaParams        *params);
void       lda_nucleus_panel_get_params (LdaNucleusPanel        *self,
                                         LdaNucleusParams       *params);

G_END_DECLS
