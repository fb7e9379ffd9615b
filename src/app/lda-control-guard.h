/* lda-control-guard.h — keeps the wheel and stray keys off the side
 * bar's numbers
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lda_control_guard_attach (GtkWidget *root);

G_END_DECLS
