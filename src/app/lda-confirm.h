/* lda-confirm.h — asking before something cannot simply go on
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*LdaConfirmed) (gpointer user_data);

void lda_confirm (GtkWindow    *parent,
                  const char   *message,
                  const char   *detail,
                  const char   *accept_label,
                  LdaConfirmed  confirmed,
                  GObject      *user_data);

G_END_DECLS
