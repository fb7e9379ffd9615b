/* lda-message-bar.h — messages above the panes, each of its kind
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * LdaMessageKind:
 * @LDA_MESSAGE_INFO: news: something went as asked
 * @LDA_MESSAGE_WARNING: something the person should know or change
 * @LDA_MESSAGE_ERROR: something asked for could not be done
 */
typedef enum
{
  LDA_MESSAGE_INFO,
  LDA_MESSAGE_WARNING,
  LDA_MESSAGE_ERROR,
} LdaMessageKind;

#define LDA_TYPE_MESSAGE_BAR (lda_message_bar_get_type ())

G_DECLARE_FINAL_TYPE (LdaMessageBar, lda_message_bar, LDA, MESSAGE_BAR, GtkWidget)

GtkWidget      *lda_message_bar_new      (void);
void            lda_message_bar_post     (LdaMessageBar  *self,
                                          const char     *topic,
                                          LdaMessageKind  kind,
                                          const char     *text);
void            lda_message_bar_post_with_button (LdaMessageBar  *self,
                                                  const char     *topic,
                                                  LdaMessageKind  kind,
                                                  const char     *text,
                                                  const char     *button,
                                                  const char     *action,
                                                  GVariant       *target);
void            lda_message_bar_withdraw (LdaMessageBar  *self,
                                          const char     *topic);
void            lda_message_bar_clear    (LdaMessageBar  *self);
const char     *lda_message_bar_get_text (LdaMessageBar  *self);
LdaMessageKind  lda_message_bar_get_kind (LdaMessageBar  *self);

G_END_DECLS
