/* lda-window-channels.c — asking which channel is which when a file's or
 * a folder's names do not say, and opening it with the answer
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-channel-dialog.h"
#include "lda-channel-store.h"
#include "lda-layouts.h"
#include "lda-window-private.h"

/* The person said which channel of @path is which: keep it with the
 * project and open the file. */
static void
channels_chosen (const char          *path,
                 const LdaChannelMap *map,
                 gpointer             user_data)
{
  LdaWindow *self = LDA_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) keep_error = NULL;
  g_autofree char *kept_for = NULL;
  g_auto(LdaChannelMap) by_name = { { 0, }, { NULL, } };
  const char *paths[1] = { path };
  LdaSeries *series;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_auto(GStrv) names = lda_layouts_channel_names (path);

      /* A folder's channels are named by folder or channel name, or
       * numbered (Micro-Manager 2.0). */
      for (guint i = 0; names != NULL && i < LDA_N_INPUTS; i++)
        {
          const char *name = names[map->index[i] - 1];

          if (g_ascii_isdigit (name[0]))
            by_name.index[i] = (guint) g_ascii_strtoull (name, NULL, 10);
          else
            by_name.name[i] = g_strdup (name);
        }
      map = &by_name;
      kept_for = g_build_filename (path, ".", NULL);
      series = lda_series_new_from_folder_full (path, NULL, map, &error);
    }
  else
    {
      kept_for = g_strdup (path);
      series = lda_series_new_from_files_mapped (paths, 1, map, &error);
    }
  if (series == NULL)
    {
      lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_ERROR, error->message);
      return;
    }
  if (!lda_channel_store_save (kept_for, map, &keep_error))
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_GENERAL, LDA_MESSAGE_WARNING,
                             keep_error->message);

  lda_window_begin_open (self, series, FALSE, NULL);
}

typedef struct
{
  LdaWindow *window;
  LdaStack  *stack;
} ChannelQuestion;

/* Asks once the window is shown, so that the dialog is above it. */
static gboolean
ask_channels (gpointer data)
{
  ChannelQuestion *q = data;

  lda_channel_dialog_ask (GTK_WINDOW (q->window), q->stack, channels_chosen,
                          G_OBJECT (q->window));
  g_object_unref (q->window);
  lda_stack_free (q->stack);
  g_free (q);
  return G_SOURCE_REMOVE;
}

/**
 * lda_window_ask_channels:
 * @self: a window
 * @path: a multi-channel file, or an Incucyte or Micro-Manager folder,
 *   whose channels cannot be assigned by name
 *
 * Shows the channel dialog once the window is shown; the answer is kept
 * with the project and the file or folder opened.
 *
 * Returns: %TRUE if the dialog will be shown
 */
gboolean
lda_window_ask_channels (LdaWindow  *self,
                         const char *path)
{
  g_auto(GStrv) names = g_file_test (path, G_FILE_TEST_IS_DIR)
                        ? lda_layouts_channel_names (path) : NULL;
  g_autoptr(LdaStack) stack = names != NULL
                              ? lda_stack_new_for_folder (path, (const char * const *) names)
                              : lda_stack_open (path, NULL);
  ChannelQuestion *q;

  if (stack == NULL || stack->n_channels < LDA_N_INPUTS)
    return FALSE;

  q = g_new0 (ChannelQuestion, 1);
  q->window = g_object_ref (self);
  q->stack = g_steal_pointer (&stack);
  g_idle_add (ask_channels, q);
  return TRUE;
}
