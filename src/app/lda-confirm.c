/* lda-confirm.c — asking before something cannot simply go on
 *
 * A question with Cancel (the default) and one action; GtkAlertDialog
 * from GTK 4.10, a GtkMessageDialog on 4.8.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-confirm.h"

typedef struct
{
  LdaConfirmed  confirmed;
  GObject      *user_data;
} Question;

static void
question_free (Question *q)
{
  g_object_unref (q->user_data);
  g_free (q);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
chosen (GObject      *source,
        GAsyncResult *result,
        gpointer      data)
{
  Question *q = data;

  if (gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (source), result, NULL) == 1)
    q->confirmed (q->user_data);
  question_free (q);
}
#else
static void
response (GtkDialog *dialog,
          int        response_id,
          Question  *q)
{
  /* Gone before the answer is acted on, and let go of its parent while
   * that is alive: the answer may close the parent ("Close Without
   * Saving"), and the dialog outlives this signal. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response_id == GTK_RESPONSE_ACCEPT)
    q->confirmed (q->user_data);
  question_free (q);
}
#endif

/**
 * lda_confirm:
 * @parent: the window asking
 * @message: the question
 * @detail: what follows from the answer
 * @accept_label: the action's button, with a mnemonic
 * @confirmed: called with @user_data if the person accepts
 * @user_data: kept alive until the answer
 */
void
lda_confirm (GtkWindow    *parent,
             const char   *message,
             const char   *detail,
             const char   *accept_label,
             LdaConfirmed  confirmed,
             GObject      *user_data)
{
  Question *q = g_new0 (Question, 1);

  q->confirmed = confirmed;
  q->user_data = g_object_ref (user_data);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", message);
    const char *buttons[] = { _("_Cancel"), accept_label, NULL };

    gtk_alert_dialog_set_detail (dialog, detail);
    gtk_alert_dialog_set_buttons (dialog, buttons);
    gtk_alert_dialog_set_cancel_button (dialog, 0);
    gtk_alert_dialog_set_default_button (dialog, 0);
    gtk_alert_dialog_choose (dialog, parent, NULL, chosen, q);
  }
#else
  {
    GtkWidget *dialog;

    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", message);
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
    gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                            accept_label, GTK_RESPONSE_ACCEPT, NULL);
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
    /* Every question asked here is about losing or replacing something. */
    gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                  GTK_RESPONSE_ACCEPT),
                              "destructive-action");
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_signal_connect (dialog, "response", G_CALLBACK (response), q);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}
