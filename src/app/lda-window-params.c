/* lda-window-params.c — Save Parameters… and Load Parameters…: the file
 * that `livedead --params` reads
 *
 * Save writes the series' parameters, and the parameters of every frame
 * that has its own, with lda_params_file_save().  Load reads a file in
 * either form (lda_params_file_load()) and sets its series' parameters
 * where the sliders act, as one undoable step; its [channels] group adds
 * channel tags, as `livedead --params` does, for the files opened from
 * then on.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-channels.h"
#include "lda-error.h"
#include "lda-file-read.h"
#include "lda-params-file.h"
#include "lda-project-private.h"
#include "lda-file-chooser.h"
#include "lda-key-file.h"
#include "lda-window-private.h"

#define TOPIC_PARAMS "params"

static GtkFileFilter *
ini_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Parameter files"));
  gtk_file_filter_add_suffix (filter, "ini");

  return filter;
}

static GFile *
images_folder (LdaWindow *self)
{
  const char *folder = self->series != NULL ? lda_series_get_folder (self->series) : NULL;

  return folder != NULL ? g_file_new_for_path (folder) : NULL;
}

/**
 * lda_window_save_params_to:
 * @self: a window with a document
 * @path: the file to write
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lda_window_save_params_to (LdaWindow   *self,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (LdaParams));
  guint n = lda_series_get_n_frames (self->series);

  for (guint i = 0; i < n; i++)
    if (lda_document_has_own_params (self->document, i))
      {
        g_ptr_array_add (keys, lda_project_frame_key (self->series, i));
        g_array_append_val (own, *lda_document_get_params (self->document, i));
      }
  g_ptr_array_add (keys, NULL);

  return lda_params_file_save (path, lda_series_get_params (self->series),
                               (const char * const *) keys->pdata,
                               (const LdaParams *) (gpointer) own->data, error);
}

/* The file's [channels] group, the channel tags it adds; the command reads
 * the same group (lda_channel_tags_load()). */
static gboolean
load_channel_tags (const char  *path,
                   gboolean    *has_tags,
                   GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();

  if (!lda_key_file_load (keys, path, LDA_READ_FOLLOW_LINKS, LDA_ERROR_INVALID_PARAMS, error))
    return FALSE;
  *has_tags = g_key_file_has_group (keys, LDA_CHANNELS_GROUP);

  return !*has_tags || lda_channel_tags_load (path, error);
}

/**
 * lda_window_load_params_from:
 * @self: a window with a document
 * @path: a parameter file
 * @error: return location for an error
 *
 * Sets the file's series parameters where the sliders act.  Its frame
 * groups are not applied here (livedead batch applies them); a message
 * says how many there were.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_window_load_params_from (LdaWindow   *self,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(LdaParamsFile) file = NULL;
  g_autofree char *message = NULL;
  gboolean has_tags = FALSE;
  guint n_frames;

  file = lda_params_file_load (path, lda_document_get_params (self->document, self->frame),
                               error);
  if (file == NULL || !load_channel_tags (path, &has_tags, error))
    return FALSE;

  if (!lda_document_load_params (self->document, self->frame,
                                 lda_params_file_get_params (file)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("%s: not loaded: the project is open read-only"), path);
      return FALSE;
    }

  n_frames = lda_params_file_get_n_frames (file);
  if (n_frames > 0)
    message = g_strdup_printf (ngettext ("Parameters loaded from %s; its parameters of %u "
                                         "frame of its own are for livedead batch",
                                         "Parameters loaded from %s; its parameters of %u "
                                         "frames of their own are for livedead batch",
                                         n_frames), path, n_frames);
  else
    message = g_strdup_printf (_("Parameters loaded from %s"), path);
  if (has_tags)
    {
      g_autofree char *first = g_steal_pointer (&message);

      /* Translators: the first %s is the message "Parameters loaded from …" */
      message = g_strdup_printf (_("%s; its channel tags are used for the files opened from "
                                   "now on"), first);
    }
  lda_window_post_message (self, TOPIC_PARAMS, LDA_MESSAGE_INFO, message);
  return TRUE;
}

static void
chosen (LdaWindow *self,
        GFile     *file,
        gboolean   save)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *message = NULL;

  if (self->document == NULL)
    return;
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      message = g_strdup_printf (_("%s: only local files can be used"), uri);
      lda_window_post_message (self, TOPIC_PARAMS, LDA_MESSAGE_ERROR, message);
      return;
    }

  if (!save)
    {
      if (!lda_window_load_params_from (self, path, &error))
        lda_window_post_message (self, TOPIC_PARAMS, LDA_MESSAGE_ERROR, error->message);
      return;
    }

  if (lda_window_save_params_to (self, path, &error))
    {
      message = g_strdup_printf (_("Parameters saved to %s"), path);
      lda_window_post_message (self, TOPIC_PARAMS, LDA_MESSAGE_INFO, message);
    }
  else
    lda_window_post_message (self, TOPIC_PARAMS, LDA_MESSAGE_ERROR, error->message);
}

static void
save_chosen (GtkWindow  *parent,
             GListModel *files,
             gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  chosen (LDA_WINDOW (parent), file, TRUE);
}

static void
load_chosen (GtkWindow  *parent,
             GListModel *files,
             gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  chosen (LDA_WINDOW (parent), file, FALSE);
}

static void
run_chooser (LdaWindow *self,
             gboolean   save)
{
  g_autoptr(GtkFileFilter) filter = ini_filter ();
  g_autoptr(GFile) initial = images_folder (self);
  LdaChooser chooser = {
    save ? LDA_CHOOSE_SAVE : LDA_CHOOSE_OPEN,
    save ? _("Save Parameters") : _("Load Parameters"),
    save ? _("_Save") : _("_Load"), filter, initial, save ? "parameters.ini" : NULL,
  };

  lda_file_chooser_run (GTK_WINDOW (self), &chooser, save ? save_chosen : load_chosen, NULL);
}

static void
save_params_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (LDA_WINDOW (widget)->document != NULL)
    run_chooser (LDA_WINDOW (widget), TRUE);
}

static void
load_params_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (LDA_WINDOW (widget)->document != NULL)
    run_chooser (LDA_WINDOW (widget), FALSE);
}

/**
 * lda_window_params_update_actions:
 * @self: a window
 *
 * The parameter file actions need a document; loading needs one that can
 * be changed.
 */
void
lda_window_params_update_actions (LdaWindow *self)
{
  gboolean open = self->document != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-params", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-params",
                                 open && !lda_document_is_read_only (self->document));
}

void
lda_window_params_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-params", NULL, save_params_action);
  gtk_widget_class_install_action (widget_class, "win.load-params", NULL, load_params_action);
}
