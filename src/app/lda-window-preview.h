/* lda-window-preview.h — a moved threshold shown before the whole result
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-window.h"

G_BEGIN_DECLS

void lda_window_preview_init (LdaWindow *self);

G_END_DECLS
