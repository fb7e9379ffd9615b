/* lda-file-chooser.c — asking for files and folders, on GTK 4.8 and newer
 *
 * GTK 4.10 replaced GtkFileChooserNative by GtkFileDialog.  Every file
 * chooser of the application goes through lda_file_chooser_run(), which
 * uses the one GTK has, so that the two code paths exist once.  The
 * parent window is kept alive until the answer comes.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-file-chooser.h"

typedef struct
{
  GtkWindow     *parent;
  LdaChooseMode  mode;
  LdaChosenFunc  chosen;
  gpointer       user_data;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->parent);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
deliver (Pending    *pending,
         GListModel *files)
{
  if (files != NULL && g_list_model_get_n_items (files) > 0)
    pending->chosen (pending->parent, files, pending->user_data);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
dialog_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GFile) file = NULL;

  /* A cancelled dialog ends in an error; there is nothing to say. */
  switch (pending->mode)
    {
    case LDA_CHOOSE_OPEN_MULTIPLE:
      files = gtk_file_dialog_open_multiple_finish (dialog, result, NULL);
      break;
    case LDA_CHOOSE_OPEN:
      file = gtk_file_dialog_open_finish (dialog, result, NULL);
      break;
    case LDA_CHOOSE_FOLDER:
      file = gtk_file_dialog_select_folder_finish (dialog, result, NULL);
      break;
    case LDA_CHOOSE_SAVE:
      file = gtk_file_dialog_save_finish (dialog, result, NULL);
      break;
    default:
      g_assert_not_reached ();
    }

  if (file != NULL)
    {
      GListStore *store = g_list_store_new (G_TYPE_FILE);

      g_list_store_append (store, file);
      files = G_LIST_MODEL (store);
    }
  deliver (pending, files);
}

static void
run (Pending          *pending,
     const LdaChooser *chooser)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, chooser->title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (chooser->filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, chooser->filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    }
  if (chooser->initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, chooser->initial_folder);
  if (chooser->initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, chooser->initial_name);

  switch (chooser->mode)
    {
    case LDA_CHOOSE_OPEN_MULTIPLE:
      gtk_file_dialog_open_multiple (dialog, pending->parent, NULL, dialog_done, pending);
      break;
    case LDA_CHOOSE_OPEN:
      gtk_file_dialog_open (dialog, pending->parent, NULL, dialog_done, pending);
      break;
    case LDA_CHOOSE_FOLDER:
      gtk_file_dialog_select_folder (dialog, pending->parent, NULL, dialog_done, pending);
      break;
    case LDA_CHOOSE_SAVE:
      gtk_file_dialog_save (dialog, pending->parent, NULL, dialog_done, pending);
      break;
    default:
      g_assert_not_reached ();
    }
}

#else /* GTK 4.8 */

static void
native_response (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  g_autoptr(Pending) pending = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      deliver (pending, files);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
run (Pending          *pending,
     const LdaChooser *chooser)
{
  static const GtkFileChooserAction actions[] = {
    [LDA_CHOOSE_OPEN] = GTK_FILE_CHOOSER_ACTION_OPEN,
    [LDA_CHOOSE_OPEN_MULTIPLE] = GTK_FILE_CHOOSER_ACTION_OPEN,
    [LDA_CHOOSE_FOLDER] = GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
    [LDA_CHOOSE_SAVE] = GTK_FILE_CHOOSER_ACTION_SAVE,
  };
  GtkFileChooserNative *native;
  GtkFileChooser *files;

  native = gtk_file_chooser_native_new (chooser->title, pending->parent, actions[chooser->mode],
                                        chooser->accept_label, _("_Cancel"));
  files = GTK_FILE_CHOOSER (native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (files, chooser->mode == LDA_CHOOSE_OPEN_MULTIPLE);
  if (chooser->filter != NULL)
    gtk_file_chooser_add_filter (files, chooser->filter);
  if (chooser->initial_folder != NULL)
    gtk_file_chooser_set_current_folder (files, chooser->initial_folder, NULL);
  if (chooser->initial_name != NULL)
    gtk_file_chooser_set_current_name (files, chooser->initial_name);

  g_signal_connect (native, "response", G_CALLBACK (native_response), pending);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/**
 * lda_file_chooser_run:
 * @parent: the window the dialog belongs to
 * @chooser: what to ask for
 * @chosen: called with the answer, unless the person cancels
 * @user_data: for @chosen
 *
 * Shows a modal file dialog.  @chooser is read at once; its strings and
 * objects need not outlive the call.
 */
void
lda_file_chooser_run (GtkWindow        *parent,
                      const LdaChooser *chooser,
                      LdaChosenFunc     chosen,
                      gpointer          user_data)
{
  Pending *pending;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (chooser != NULL && chooser->title != NULL);
  g_return_if_fail (chooser->mode <= LDA_CHOOSE_SAVE);
  g_return_if_fail (chosen != NULL);

  pending = g_new0 (Pending, 1);
  pending->parent = g_object_ref (parent);
  pending->mode = chooser->mode;
  pending->chosen = chosen;
  pending->user_data = user_data;
  run (pending, chooser);
}
