/* lda-window-leave.c — the documents the window leaves: their undo
 * kept for the next visit, their unsaved corrections never dropped
 *
 * A document the window leaves (another well, folder or triple opened)
 * is saved and closed, its undo histories kept in a memo
 * (lda-document-memo.c) that the next document of the same series takes
 * back, for the last MAX_MEMOS series left.  If the save fails — a full
 * disk, a folder gone read-only — it is kept instead, its lock held and
 * its saving tried again by itself (lda-document-save.c), and closed,
 * its undo kept as above, once a try succeeds.
 * A bar says so while any is kept.  Opening its series again takes the
 * kept document back, corrections, undo and all (a second document of
 * the same series would be refused as a second writer).  Closing the
 * window asks first while the shown document or a kept one cannot be
 * saved; only the end of the session (lda_window_close_now()) closes
 * without asking.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-confirm.h"
#include "lda-project.h"
#include "lda-window-private.h"

#define LDA_MESSAGE_TOPIC_KEPT "kept-unsaved"
/* The undo of this many series left is kept, the latest left. */
#define MAX_MEMOS 8

/* Keeps @memo as the newest, forgetting the oldest past MAX_MEMOS. */
static void
remember_undo (LdaWindow       *self,
               LdaDocumentMemo *memo)
{
  if (self->memos == NULL)
    self->memos = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_document_memo_free);
  g_ptr_array_add (self->memos, memo);
  if (self->memos->len > MAX_MEMOS)
    g_ptr_array_remove_index (self->memos, 0);
}

/**
 * lda_window_restore_undo:
 * @self: a window
 * @document: a document just opened
 *
 * Gives @document back the undo of its series when the window left it
 * earlier, as far as its frames are as they were left.
 */
void
lda_window_restore_undo (LdaWindow   *self,
                         LdaDocument *document)
{
  LdaSeries *series = lda_document_get_series (document);

  for (guint i = 0; self->memos != NULL && i < self->memos->len; i++)
    if (lda_document_memo_is_for (g_ptr_array_index (self->memos, i), series,
                                  lda_document_is_sample (document)))
      {
        lda_document_restore_memo (document, g_ptr_array_steal_index (self->memos, i));
        return;
      }
}

/* Closes @document, saved, its undo kept for the next visit. */
static void
close_keeping_undo (LdaWindow   *self,
                    LdaDocument *document)
{
  LdaDocumentMemo *memo = lda_document_take_memo (document);

  if (memo != NULL)
    remember_undo (self, memo);
  lda_document_close (document);
}

/* Tells what is kept, or withdraws the message once nothing is. */
static void
show_kept (LdaWindow *self)
{
  g_autofree char *message = NULL;
  LdaDocument *first;
  const GError *error;

  if (self->kept == NULL || self->kept->len == 0)
    {
      lda_window_withdraw_message (self, LDA_MESSAGE_TOPIC_KEPT);
      return;
    }

  first = g_ptr_array_index (self->kept, 0);
  error = lda_document_get_save_error (first);
  if (self->kept->len == 1)
    message = g_strdup_printf (_("The corrections of %s are not saved yet: %s. They are kept "
                                 "while the window is open, and saving is tried again."),
                               lda_series_get_name (lda_document_get_series (first)),
                               error != NULL ? error->message : "");
  else
    message = g_strdup_printf (ngettext ("The corrections of %s and %u other series are not "
                                         "saved yet: %s. They are kept while the window is "
                                         "open, and saving is tried again.",
                                         "The corrections of %s and %u other series are not "
                                         "saved yet: %s. They are kept while the window is "
                                         "open, and saving is tried again.",
                                         self->kept->len - 1),
                               lda_series_get_name (lda_document_get_series (first)),
                               self->kept->len - 1, error != NULL ? error->message : "");
  lda_window_post_message (self, LDA_MESSAGE_TOPIC_KEPT, LDA_MESSAGE_WARNING, message);
}

static void
forget (LdaWindow   *self,
        LdaDocument *document)
{
  g_signal_handlers_disconnect_by_data (document, self);
  g_ptr_array_remove (self->kept, document);
}

/* A kept document's try succeeded: it is closed now. */
static void
on_kept_save_state (LdaDocument *document,
                    GParamSpec  *pspec,
                    LdaWindow   *self)
{
  g_autoptr(LdaDocument) saved = NULL;

  (void) pspec;
  if (lda_document_get_save_state (document) != LDA_SAVE_STATE_SAVED)
    {
      show_kept (self);
      return;
    }

  saved = g_object_ref (document);
  forget (self, document);
  close_keeping_undo (self, saved);
  show_kept (self);
}

/**
 * lda_window_let_go:
 * @self: a window
 * @document: (transfer full): a document the window no longer shows
 *
 * Saves and closes @document, keeping its undo for the next visit, or
 * keeps it, trying again, when it cannot be saved.
 */
void
lda_window_let_go (LdaWindow   *self,
                   LdaDocument *document)
{
  g_autoptr(LdaDocument) owned = document;
  g_autoptr(GError) error = NULL;

  if (lda_document_save_now (owned, &error))
    {
      close_keeping_undo (self, owned);
      return;
    }

  g_message ("Kept unsaved: %s", error->message);
  if (self->kept == NULL)
    self->kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (owned, "notify::save-state", G_CALLBACK (on_kept_save_state), self);
  g_ptr_array_add (self->kept, g_steal_pointer (&owned));
  show_kept (self);
}

/**
 * lda_window_take_kept:
 * @self: a window
 * @series: a series about to be opened
 * @is_sample: whether it is the bundled sample
 *
 * Returns: (transfer full) (nullable): the document of @series kept
 *   unsaved, which the window shows again instead of opening a second
 */
LdaDocument *
lda_window_take_kept (LdaWindow *self,
                      LdaSeries *series,
                      gboolean   is_sample)
{
  for (guint i = 0; self->kept != NULL && i < self->kept->len; i++)
    {
      LdaDocument *document = g_ptr_array_index (self->kept, i);

      if (lda_document_is_for (document, series, is_sample))
        {
          g_object_ref (document);
          forget (self, document);
          show_kept (self);
          return document;
        }
    }

  return NULL;
}

/**
 * lda_window_show_kept:
 * @self: a window
 *
 * Shows again what is kept unsaved, after the messages were cleared.
 */
void
lda_window_show_kept (LdaWindow *self)
{
  show_kept (self);
}

/**
 * lda_window_get_n_kept:
 * @self: a window
 *
 * Returns: how many documents the window keeps because they could not be
 *   saved
 */
guint
lda_window_get_n_kept (LdaWindow *self)
{
  g_return_val_if_fail (LDA_IS_WINDOW (self), 0);

  return self->kept != NULL ? self->kept->len : 0;
}

/* Saves the shown document, the one being opened (a kept one taken
 * back) and the kept ones; the first failure's error, and %FALSE, if any
 * cannot be saved. */
static gboolean
save_all (LdaWindow  *self,
          GError    **error)
{
  gboolean ok = self->document == NULL || lda_document_save_now (self->document, error);

  if (self->opening != NULL && !lda_document_save_now (self->opening, ok ? error : NULL))
    ok = FALSE;

  for (guint i = 0; self->kept != NULL && i < self->kept->len; i++)
    if (!lda_document_save_now (g_ptr_array_index (self->kept, i), ok ? error : NULL))
      ok = FALSE;

  return ok;
}

static void
close_confirmed (gpointer user_data)
{
  LdaWindow *self = LDA_WINDOW (user_data);

  self->close_unsaved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * lda_window_may_close:
 * @self: a window asked to close
 *
 * Saves everything; when something cannot be saved, asks whether to close
 * anyway (unless the person said so already, or the session ends).
 *
 * Returns: %TRUE if the window may close now
 */
gboolean
lda_window_may_close (LdaWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  /* Closing anyway: the documents, closed, say what they could not save. */
  if (save_all (self, &error) || self->close_unsaved)
    return TRUE;

  detail = g_strdup_printf (_("Your corrections could not be saved: %s. If the window stays "
                              "open they are kept, and saving is tried again by itself; if it "
                              "closes, what was not saved is lost."),
                            error->message);
  lda_confirm (GTK_WINDOW (self), _("Close without saving the corrections?"), detail,
               _("Close _Without Saving"), close_confirmed, G_OBJECT (self));

  return FALSE;
}

/**
 * lda_window_close_now:
 * @self: a window
 *
 * Closes the window as the session ends: everything is saved that can
 * be, without asking.
 */
void
lda_window_close_now (LdaWindow *self)
{
  g_return_if_fail (LDA_IS_WINDOW (self));

  self->close_unsaved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * lda_window_leave_finalize:
 * @self: a window being disposed
 *
 * Closes the kept documents, saving what can be.
 */
void
lda_window_leave_finalize (LdaWindow *self)
{
  g_autoptr(GPtrArray) kept = g_steal_pointer (&self->kept);

  g_clear_pointer (&self->memos, g_ptr_array_unref);

  for (guint i = 0; kept != NULL && i < kept->len; i++)
    {
      LdaDocument *document = g_ptr_array_index (kept, i);

      g_signal_handlers_disconnect_by_data (document, self);
      lda_document_close (document);
    }
}
