/* lda-window-import.c — Import Mask…: a label image made elsewhere as the
 * current frame's corrections
 *
 * The document does the work (lda_document_import_mask()): a 5-class mask
 * or an instance image of nuclei becomes the frame's corrections, as one
 * step that Undo takes back, saved like strokes.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-file-chooser.h"
#include "lda-window-private.h"

#define TOPIC_IMPORT "import"

/**
 * lda_window_import_mask_from:
 * @self: a window with a document
 * @path: a label image
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lda_window_import_mask_from (LdaWindow   *self,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *message = NULL;
  LdaMaskImportInfo info;
  const char *title;

  if (!lda_document_import_mask (self->document, self->frame, path, LDA_MASK_AUTO, &info, error))
    return FALSE;

  title = lda_series_get_frame (self->series, self->frame)->title;
  if (info.kind == LDA_MASK_CLASSES && info.parted > 0)
    message = g_strdup_printf (_("%s imported as the 5-class mask of %s; where live and dead "
                                 "nuclei touched, %u pixels of the live ones became the line "
                                 "between them"), path, title, info.parted);
  else if (info.kind == LDA_MASK_CLASSES)
    message = g_strdup_printf (_("%s imported as the 5-class mask of %s"), path, title);
  else
    message = g_strdup_printf (_("%s imported as the nuclei of %s: %u live, %u dead"),
                               path, title, info.live, info.dead);
  lda_window_post_message (self, TOPIC_IMPORT, LDA_MESSAGE_INFO, message);
  return TRUE;
}

static void
chosen (LdaWindow *self,
        GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (self->document == NULL)
    return;
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("%s: only local files can be used"), uri);

      lda_window_post_message (self, TOPIC_IMPORT, LDA_MESSAGE_ERROR, message);
      return;
    }

  if (!lda_window_import_mask_from (self, path, &error))
    lda_window_post_message (self, TOPIC_IMPORT, LDA_MESSAGE_ERROR, error->message);
}

static GtkFileFilter *
tiff_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("TIFF images"));
  gtk_file_filter_add_mime_type (filter, "image/tiff");
  gtk_file_filter_add_suffix (filter, "tif");
  gtk_file_filter_add_suffix (filter, "tiff");

  return filter;
}

static GFile *
images_folder (LdaWindow *self)
{
  const char *folder = self->series != NULL ? lda_series_get_folder (self->series) : NULL;

  return folder != NULL ? g_file_new_for_path (folder) : NULL;
}

static void
mask_chosen (GtkWindow  *parent,
             GListModel *files,
             gpointer    user_data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  chosen (LDA_WINDOW (parent), file);
}

static void
run_chooser (LdaWindow *self)
{
  g_autoptr(GtkFileFilter) filter = tiff_filter ();
  g_autoptr(GFile) initial = images_folder (self);
  LdaChooser chooser = {
    LDA_CHOOSE_OPEN, _("Import a Mask"), _("_Import"), filter, initial, NULL,
  };

  lda_file_chooser_run (GTK_WINDOW (self), &chooser, mask_chosen, NULL);
}

static void
import_mask_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  if (LDA_WINDOW (widget)->document != NULL)
    run_chooser (LDA_WINDOW (widget));
}

/**
 * lda_window_import_update_actions:
 * @self: a window
 *
 * Importing needs a document that can be changed.
 */
void
lda_window_import_update_actions (LdaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-mask",
                                 self->document != NULL &&
                                 !lda_document_is_read_only (self->document));
}

void
lda_window_import_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import-mask", NULL, import_mask_action);
}
