/* lda-layouts.h — the folder layouts of acquisition software
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-channels.h"

G_BEGIN_DECLS

void lda_layouts_drop_tagged (GPtrArray *triples,
                              guint      n_tagged);
void lda_layouts_find (const char          *folder,
                       const LdaChannelMap *map,
                       GPtrArray           *triples);

GStrv lda_layouts_channel_names (const char *folder);
gboolean lda_layouts_has_tiffs (const char *folder);

G_END_DECLS
