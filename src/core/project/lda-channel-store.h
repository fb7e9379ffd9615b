/* lda-channel-store.h — the channel maps a person gave, kept with the
 * project
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-channels.h"

G_BEGIN_DECLS

gboolean lda_channel_store_load (const char          *image,
                                 LdaChannelMap       *map,
                                 GError             **error);
gboolean lda_channel_store_save (const char          *image,
                                 const LdaChannelMap *map,
                                 GError             **error);

G_END_DECLS
