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

#define LDA_TYPE_CHANNEL_DIALOG (lda_channel_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LdaChannelDialog, lda_channel_dialog, LDA, CHANNEL_DIALOG, GtkWindow)

typedef void (*LdaChannelsChosen) (const char          *path,
                                   const LdaChannelMap *map,
                                   gpointer             user_data);

LdaChannelDialog *lda_channel_dialog_new (GtkWindow         *parent,
                                          const LdaStack    *stack,
                                          LdaChannelsChosen  chosen,
                                          GObject           *user_data);
void  lda_channel_dialog_ask      (GtkWindow         *parent,
                                   const LdaStack    *stack,
                                   LdaChannelsChosen  chosen,
                                   GObject           *user_data);
void  lda_channel_dialog_set_role (LdaChannelDialog  *self,
                                   LdaInput           input,
                                   guint              channel);
guint lda_channel_dialog_get_role (LdaChannelDialog  *self,
                                   LdaInput           input);

G_END_DECLS
