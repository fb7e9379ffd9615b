/* lda-channel-dialog.h — asking which channel of a file is which
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-channels.h"
#include "lda-stack.h"

G_BEGIN_DECLS

typedef void (*LdaChannelsChosen) (const char          *path,
                                   const LdaChannelMap *map,
                                   gpointer             user_data);

void lda_channel_dialog_ask (GtkWindow         *parent,
                             const LdaStack    *stack,
                             LdaChannelsChosen  chosen,
                             GObject           *user_data);

G_END_DECLS
