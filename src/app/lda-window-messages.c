/* lda-window-messages.c — the window's messages, each of its kind and
 * topic (lda-message-bar.c shows them)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-window-private.h"

/**
 * lda_window_post_message:
 * @self: a window
 * @topic: what it is about, an `LDA_MESSAGE_TOPIC_…`; it replaces the
 *   message of that topic
 * @kind: information, warning or error
 * @message: what to tell the person
 */
void
lda_window_post_message (LdaWindow      *self,
                         const char     *topic,
                         LdaMessageKind  kind,
                         const char     *message)
{
  lda_message_bar_post (self->message_bar, topic, kind, message);
}

/* Removes @topic's message once it is no longer true; the others stay. */
void
lda_window_withdraw_message (LdaWindow  *self,
                             const char *topic)
{
  lda_message_bar_withdraw (self->message_bar, topic);
}
