/* lda-window-messages.c — the window's messages, each of its kind and
 * topic (lda-message-bar.c shows them)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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

/**
 * lda_window_post_open_error:
 * @self: a window
 * @message: why images could not be opened
 *
 * As lda_window_post_message() for an error of opening; when nothing is
 * open (the files named on the command line failed), with a button that
 * opens others, the way on.
 */
void
lda_window_post_open_error (LdaWindow  *self,
                            const char *message)
{
  if (self->document == NULL)
    lda_message_bar_post_with_button (self->message_bar, LDA_MESSAGE_TOPIC_GENERAL,
                                      LDA_MESSAGE_ERROR, message, _("_Open Images…"),
                                      "win.open", NULL);
  else
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_ERROR, message);
}

/* Removes @topic's message once it is no longer true; the others stay. */
void
lda_window_withdraw_message (LdaWindow  *self,
                             const char *topic)
{
  lda_message_bar_withdraw (self->message_bar, topic);
}

/**
 * lda_window_show_message:
 * @self: a window
 * @message: (nullable): a warning, or %NULL to remove every message
 *
 * Shows a warning above the panes; what was open stays open.
 */
void
lda_window_show_message (LdaWindow  *self,
                         const char *message)
{
  if (message != NULL)
    lda_message_bar_post (self->message_bar, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_WARNING,
                          message);
  else
    lda_message_bar_clear (self->message_bar);
}

const char *
lda_window_get_message (LdaWindow *self)
{
  return lda_message_bar_get_text (self->message_bar);
}

/**
 * lda_window_get_project_message:
 * @self: a window
 *
 * Returns: (nullable): what the bar about the project's state says (a
 *   save that failed, a read-only project, damaged corrections), if shown
 */
const char *
lda_window_get_project_message (LdaWindow *self)
{
  if (!gtk_widget_get_visible (self->project_bar))
    return NULL;

  return gtk_label_get_text (self->project_label);
}
