/* test-channel-dialog.c — the dialog that asks which channel is which
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gtk/gtk.h>

#include "lda-channel-dialog.h"

static gboolean have_display;

typedef struct
{
  guint         calls;
  LdaChannelMap map;
} Answer;

static void
chosen (const char          *path,
        const LdaChannelMap *map,
        gpointer             user_data)
{
  Answer *answer = g_object_get_data (user_data, "answer");

  g_assert_cmpstr (path, ==, "/data/run");
  answer->calls++;
  answer->map = *map;
}

static void
test_roles (void)
{
  static const char * const names[] = { "phase", "DAPI", "red", "far red", NULL };
  g_autoptr(LdaStack) stack = lda_stack_new_for_folder ("/data/run", names);
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  Answer answer = { 0, };
  LdaChannelDialog *dialog;
  GtkWidget *open;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  g_object_set_data (owner, "answer", &answer);
  dialog = lda_channel_dialog_new (NULL, stack, chosen, owner);
  g_object_ref_sink (dialog);
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Built from its template, with the guesses the names give. */
  g_assert_true (gtk_widget_get_template_child (GTK_WIDGET (dialog), LDA_TYPE_CHANNEL_DIALOG,
                                                "open_button") != NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Which Channel Is Which?");
  g_assert_cmpuint (lda_channel_dialog_get_role (dialog, LDA_INPUT_BRIGHTFIELD), ==, 0);
  g_assert_cmpuint (lda_channel_dialog_get_role (dialog, LDA_INPUT_HOECHST), ==, 1);
  g_assert_cmpuint (lda_channel_dialog_get_role (dialog, LDA_INPUT_DRAQ7), ==, 2);
  open = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_nonnull (open);
  g_assert_true (gtk_widget_get_sensitive (open));

  /* Two roles with one channel: Open is refused. */
  lda_channel_dialog_set_role (dialog, LDA_INPUT_DRAQ7, 1);
  g_assert_false (gtk_widget_get_sensitive (open));
  g_signal_emit_by_name (open, "clicked");
  g_assert_cmpuint (answer.calls, ==, 0);

  lda_channel_dialog_set_role (dialog, LDA_INPUT_DRAQ7, 3);
  g_assert_true (gtk_widget_get_sensitive (open));
  g_signal_emit_by_name (open, "clicked");
  g_assert_cmpuint (answer.calls, ==, 1);
  g_assert_cmpuint (answer.map.index[LDA_INPUT_BRIGHTFIELD], ==, 1);
  g_assert_cmpuint (answer.map.index[LDA_INPUT_HOECHST], ==, 2);
  g_assert_cmpuint (answer.map.index[LDA_INPUT_DRAQ7], ==, 4);

  /* Answered, it is gone. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
  g_object_unref (dialog);
}

int
main (int    argc,
      char **argv)
{
  have_display = gtk_init_check ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/channel-dialog/roles", test_roles);

  return g_test_run ();
}
