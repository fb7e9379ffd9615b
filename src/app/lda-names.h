/* lda-names.h — the core's English names, translated for display
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-compose.h"
#include "lda-params.h"
#include "lda-series.h"

G_BEGIN_DECLS

const char *lda_class_label       (LdaClass      klass);
const char *lda_class_short_label (LdaClass      klass);
const char *lda_frame_state_label (LdaFrameState state);

G_END_DECLS
