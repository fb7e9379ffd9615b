/* lda-distance.h — the watershed relief: distance to the nearest nucleus
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"

G_BEGIN_DECLS

#define LDA_RELIEF_MAX 255

gboolean lda_relief (const LdaBitplane *nuclei,
                     const LdaBitplane *area,
                     guint8            *relief,
                     GCancellable      *cancellable,
                     GError           **error);

G_END_DECLS
