/* lda-window-actions.c — the window's actions, file choosers, drag and
 * drop and recent folders
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "lda-confirm.h"
#include "lda-control-guard.h"
#include "lda-export-dialog.h"
#include "lda-file-chooser.h"
#include "lda-window-private.h"

/* Opening */

static void
open_files_from_list (LdaWindow  *self,
                      GListModel *files)
{
  guint n = g_list_model_get_n_items (files);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  if (n > 0)
    lda_window_open (self, (GFile **) array->pdata, array->len, FALSE);
}

static GFile *
last_folder (LdaWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "last-folder");

  if (path[0] == '\0' || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return NULL;

  return g_file_new_for_path (path);
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

static void
files_chosen (GtkWindow  *parent,
              GListModel *files,
              gpointer    user_data)
{
  open_files_from_list (LDA_WINDOW (parent), files);
}

static void
folder_chosen (GtkWindow  *parent,
               GListModel *files,
               gpointer    user_data)
{
  g_autoptr(GFile) folder = g_list_model_get_item (files, 0);

  lda_window_open (LDA_WINDOW (parent), &folder, 1, FALSE);
}

static void
run_chooser (LdaWindow *self,
             gboolean   folder)
{
  g_autoptr(GFile) initial = last_folder (self);
  g_autoptr(GtkFileFilter) filter = folder ? NULL : tiff_filter ();
  LdaChooser chooser = {
    folder ? LDA_CHOOSE_FOLDER : LDA_CHOOSE_OPEN_MULTIPLE,
    folder ? _("Open a Folder of Triples") : _("Open Brightfield, Hoechst and Draq7 Images"),
    _("_Open"), filter, initial, NULL,
  };

  lda_file_chooser_run (GTK_WINDOW (self), &chooser, folder ? folder_chosen : files_chosen, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (LDA_WINDOW (widget), FALSE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_chooser (LDA_WINDOW (widget), TRUE);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  lda_window_open (LDA_WINDOW (widget), &folder, 1, FALSE);
}

/* Recent folders, kept by GtkRecentManager */

/* Drag and drop */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LdaWindow     *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);

  if (files->len == 0)
    return FALSE;

  return lda_window_open (self, (GFile **) files->pdata, files->len, FALSE);
}

void
lda_window_setup_drop (LdaWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/* The side bar and the panes */

/* The pane the person works in: the one shown alone, else the one the
 * pointer was last over, else the one a tool paints in. */
static GtkWidget *
pane_in_use (LdaWindow *self)
{
  GtkWidget *last = g_object_get_data (G_OBJECT (self), "lda-last-pane");

  if (self->solo != LDA_PANE_ALL)
    return GTK_WIDGET (self->views[self->solo]);
  if (last != NULL)
    return last;

  return GTK_WIDGET (self->views[g_strcmp0 (self->tool, "view") == 0 ? LDA_PANE_COMPOSITE
                                                                       : LDA_PANE_SEGMENTED]);
}

static void
on_pane_entered (GtkEventControllerMotion *motion,
                 double                    x,
                 double                    y,
                 LdaWindow                *self)
{
  g_object_set_data (G_OBJECT (self), "lda-last-pane",
                     gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)));
}

/* Escape in the side bar gives the keyboard back to the panes, where the
 * tools' keys work; the tool in hand stays (Escape there drops it). */
static gboolean
on_side_bar_key (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 LdaWindow             *self)
{
  if (keyval != GDK_KEY_Escape || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  gtk_widget_grab_focus (pane_in_use (self));
  return TRUE;
}

/* The side bar's width, when the window has room for it.  GtkPaned
 * would give it only its minimum. */
#define SIDE_BAR_WIDTH 360

static void
on_paned_allocated (GtkPaned   *paned,
                    GParamSpec *pspec,
                    LdaWindow  *self)
{
  gboolean position_set;
  int max_position;

  g_object_get (paned, "position-set", &position_set, "max-position", &max_position, NULL);
  if (position_set || max_position <= 0)
    return;

  /* Once: from then on the side bar keeps its width, or the one the
   * person drags it to.  GtkPaned keeps the panes' minimum. */
  gtk_paned_set_position (paned, gtk_widget_get_width (GTK_WIDGET (paned)) - SIDE_BAR_WIDTH);
}

/* + and − zoom wherever the keyboard is, as Ctrl with them does: a pane
 * with the keyboard zooms about the pointer itself (lda-image-view-input.c),
 * and a number field or slider takes them first; any other control
 * (the View menu's button after a choice in it) left them unused. */
static gboolean
on_window_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               LdaWindow             *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  /* Shift makes the + on many keyboards: it does not count. */
  if (event != NULL)
    state &= ~gdk_key_event_get_consumed_modifiers (event);
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-in", NULL);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-out", NULL);
      return TRUE;
    default:
      return FALSE;
    }
}

void
lda_window_setup_side_bar (LdaWindow *self)
{
  GtkWidget *side_bar = gtk_paned_get_end_child (self->paned);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *window_key = gtk_event_controller_key_new ();

  /* The panes get the room of a side bar put away (F9, win.show-side-bar
   * on the window's "side-bar-visible"), and keep it. */
  g_object_bind_property (self, "side-bar-visible", side_bar, "visible",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Never set back by the settings: where dconf cannot commit (no session
   * bus) they read the old value again (lda-export-dialog.c). */
  g_settings_bind (self->settings, "side-bar-visible", side_bar, "visible",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES |
                   G_SETTINGS_BIND_NO_SENSITIVITY);

  lda_control_guard_attach (side_bar);

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_side_bar_key), self);
  gtk_widget_add_controller (side_bar, key);

  /* Last: only what no control on the way took. */
  gtk_event_controller_set_propagation_phase (window_key, GTK_PHASE_BUBBLE);
  g_signal_connect (window_key, "key-pressed", G_CALLBACK (on_window_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), window_key);

  g_signal_connect (self->paned, "notify::max-position", G_CALLBACK (on_paned_allocated), self);

  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      GtkEventController *motion = gtk_event_controller_motion_new ();

      g_signal_connect (motion, "enter", G_CALLBACK (on_pane_entered), self);
      gtk_widget_add_controller (GTK_WIDGET (self->views[p]), motion);
    }

  /* The keyboard starts on the panes, where the tools' keys work, rather
   * than on the first widget that takes it, a message's text maybe. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->views[LDA_PANE_COMPOSITE]));
}

/* Frames */

static void
previous_frame_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  if (self->series != NULL && self->frame > 0)
    lda_window_set_frame (self, self->frame - 1);
}

/* The series chooser in the strip (lda-window-series.c). */
static void
open_series_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  if (self->series != NULL)
    lda_window_open_series (self, g_variant_get_string (parameter, NULL));
}

/* A frame's button in the strip (lda-window-strip.c). */
static void
go_to_frame_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);
  guint frame = g_variant_get_uint32 (parameter);

  if (self->series != NULL && frame < lda_series_get_n_frames (self->series) &&
      frame != self->frame)
    lda_window_set_frame (self, frame);
}

static void
next_frame_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  if (self->series != NULL && self->frame + 1 < lda_series_get_n_frames (self->series))
    lda_window_set_frame (self, self->frame + 1);
}

static void
frame_parameters_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);
  LdaFrame *frame;

  if (self->series == NULL)
    return;

  /* The toggle buttons do the work (lda-window.c, on_scope_toggled). */
  frame = lda_series_get_frame (self->series, self->frame);
  gtk_toggle_button_set_active (frame->has_override ? self->series_toggle : self->frame_toggle,
                                TRUE);
}

/* Panes and zoom */

static void
show_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);
  int pane = g_variant_get_int32 (parameter);

  if (pane < 0 || pane >= LDA_N_PANES)
    return;

  /* The key of the pane shown alone brings all four back. */
  if (pane != LDA_PANE_ALL && (LdaPane) pane == self->solo)
    pane = LDA_PANE_ALL;

  lda_window_show_pane (self, pane);
}

static LdaImageView *
zoom_view (LdaWindow *self)
{
  return self->views[self->solo == LDA_PANE_ALL ? LDA_PANE_COMPOSITE : self->solo];
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lda_image_view_zoom_to_fit (zoom_view (LDA_WINDOW (widget)));
}

static void
zoom_one_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lda_image_view_set_zoom (zoom_view (LDA_WINDOW (widget)), 1.0);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LdaImageView *view = zoom_view (LDA_WINDOW (widget));

  lda_image_view_set_zoom (view, lda_image_view_zoom_step (lda_image_view_get_zoom (view), 1));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LdaImageView *view = zoom_view (LDA_WINDOW (widget));

  lda_image_view_set_zoom (view, lda_image_view_zoom_step (lda_image_view_get_zoom (view), -1));
}

static void
auto_contrast_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lda_pipeline_runner_auto_contrast (LDA_WINDOW (widget)->runner);
}

/* Export */

typedef struct
{
  LdaWindow *window;
  char      *path;
} FolderOpening;

static void
folder_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FolderOpening *opening = user_data;
  g_autoptr(GError) error = NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
#else
  if (!g_app_info_launch_default_for_uri_finish (result, &error))
#endif
    {
      g_autofree char *message = g_strdup_printf (_("Cannot show %s: %s"), opening->path,
                                                  error->message);

      lda_window_post_message (opening->window, LDA_MESSAGE_TOPIC_EXPORT, LDA_MESSAGE_ERROR,
                               message);
    }
  g_object_unref (opening->window);
  g_free (opening->path);
  g_free (opening);
}

/* Shows a folder (an export's) in the file manager. */
static void
open_folder_of_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  FolderOpening *opening = g_new0 (FolderOpening, 1);
  g_autoptr(GFile) folder = NULL;

  opening->window = g_object_ref (LDA_WINDOW (widget));
  opening->path = g_variant_dup_string (parameter, NULL);
  folder = g_file_new_for_path (opening->path);
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (folder);

    gtk_file_launcher_launch (launcher, GTK_WINDOW (widget), NULL, folder_opened, opening);
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (folder);
    g_autoptr(GAppLaunchContext) context =
      G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));

    g_app_info_launch_default_for_uri_async (uri, context, NULL, folder_opened, opening);
  }
#endif
}

/* The image folders and where each was last exported to, most recent
 * first ("export-folders"). */
#define EXPORT_FOLDERS_KEPT 20

/* What an export folder is kept for: the image folder, and the well or
 * position when it holds several. */
static char *
export_source (LdaWindow *self)
{
  const char *folder = lda_series_get_folder (self->series);

  if (lda_series_get_all_series (self->series) != NULL && lda_series_get_n_frames (self->series) > 0)
    return g_strdup_printf ("%s%c%s", folder, G_DIR_SEPARATOR,
                            lda_series_get_frame (self->series, 0)->triple->series);
  return g_strdup (folder);
}

static void
remember_export_folder (LdaWindow  *self,
                        const char *folder)
{
  g_autofree char *images = export_source (self);
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "export-folders");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *from, *to;
  guint n = 1;

  /* The setting holds strings: a name that is not UTF-8 is not kept. */
  if (!g_utf8_validate (images, -1, NULL) || !g_utf8_validate (folder, -1, NULL))
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_builder_add (&builder, "(ss)", images, folder);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "(&s&s)", &from, &to))
    if (g_strcmp0 (from, images) != 0 && n++ < EXPORT_FOLDERS_KEPT)
      g_variant_builder_add (&builder, "(ss)", from, to);
  g_settings_set_value (self->settings, "export-folders", g_variant_builder_end (&builder));
}

/* Where the open images were last exported to, or %NULL. */
static char *
remembered_export_folder (LdaWindow *self)
{
  g_autofree char *images = export_source (self);
  g_autoptr(GVariant) kept = g_settings_get_value (self->settings, "export-folders");
  GVariantIter iter;
  const char *from, *to;

  g_variant_iter_init (&iter, kept);
  while (g_variant_iter_next (&iter, "(&s&s)", &from, &to))
    if (g_strcmp0 (from, images) == 0)
      return g_strdup (to);

  return NULL;
}

/* Where these images went last time; else beside the images, unless the
 * project cannot be saved there (or is the bundled sample): then in the
 * person's documents. */
static char *
default_export_folder (LdaWindow *self)
{
  char *folder = remembered_export_folder (self);
  const char *documents;
  g_autofree char *name = NULL;

  if (folder != NULL)
    return folder;
  if (!lda_document_get_location (self->document)->fallback)
    return g_build_filename (lda_series_get_folder (self->series), "export", NULL);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  name = g_strdup_printf ("%s export", lda_series_get_name (self->series));
  return g_build_filename (documents != NULL ? documents : g_get_home_dir (), name, NULL);
}

static void
on_exported (LdaExportDialog *dialog,
             const char      *folder,
             int              frame,
             LdaWindow       *self)
{
  g_autofree char *message = NULL;
  LdaSeries *exported = lda_export_dialog_get_series (dialog);
  guint n = lda_series_get_n_frames (self->series);

  /* The export thread counted its own copy of the series; the results
   * come to the window's here, on the main thread. */
  for (guint i = 0; i < n && i < lda_series_get_n_frames (exported); i++)
    if (frame < 0 || (guint) frame == i)
      {
        LdaFrame *f = lda_series_get_frame (exported, i);

        lda_document_set_exported (self->document, i);
        if (f->has_counts)
          {
            LdaCounts counts = { 0, };

            counts.live = f->live;
            counts.dead = f->dead;
            counts.dead_fraction = f->dead_fraction;
            lda_window_set_frame_counts (self, i, &counts);
          }
      }

  message = g_strdup_printf (_("Exported to %s"), folder);
  /* The action takes a string: a folder whose name is not UTF-8 gets no
   * button. */
  if (g_utf8_validate (folder, -1, NULL))
    lda_message_bar_post_with_button (self->message_bar, LDA_MESSAGE_TOPIC_EXPORT,
                                      LDA_MESSAGE_INFO, message, _("_Open Folder"),
                                      "win.open-folder-of", g_variant_new_string (folder));
  else
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_EXPORT, LDA_MESSAGE_INFO, message);
  remember_export_folder (self, folder);
}

static void
present_export_dialog (LdaWindow *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autofree char *folder = NULL;
  LdaExportDialog *dialog;
  guint n = lda_document_get_n_frames (self->document);

  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);
  for (guint i = 0; i < n; i++)
    {
      LdaEdits *edits = lda_document_get_edits (self->document, i);
      g_autoptr(GError) error = NULL;
      LdaEdits *copy = NULL;

      if (edits != NULL)
        {
          copy = lda_edits_copy (edits, &error);
          if (copy == NULL)
            {
              lda_window_post_message (self, LDA_MESSAGE_TOPIC_EXPORT, LDA_MESSAGE_ERROR,
                                       error->message);
              return;
            }
        }
      g_ptr_array_add (copies, copy);
    }

  folder = default_export_folder (self);
  dialog = lda_export_dialog_new (GTK_WINDOW (self), lda_series_copy (self->series),
                                  g_steal_pointer (&copies), self->frame, folder);
  lda_export_dialog_bind_settings (dialog, self->settings);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_without_damaged (gpointer user_data)
{
  LdaWindow *self = user_data;

  lda_document_acknowledge_damage (self->document);
  present_export_dialog (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);
  GPtrArray *damage;

  if (self->document == NULL)
    return;

  /* An export made now would silently lack what was set aside. */
  damage = lda_document_get_damage (self->document);
  if (damage->len > 0)
    {
      g_autofree char *detail = lda_project_describe_damage (self->series, damage);

      lda_confirm (GTK_WINDOW (self), _("Export without the damaged corrections?"), detail,
                   _("_Go On Without Them"), export_without_damaged, G_OBJECT (self));
      return;
    }

  present_export_dialog (self);
}

static void
acknowledge_damage_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  if (self->document != NULL)
    lda_document_acknowledge_damage (self->document);
}

void
lda_window_install_actions (GtkWidgetClass *widget_class)
{
  static const int digit_keys[] = { GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4 };
  static const int keypad_keys[] = { GDK_KEY_KP_1, GDK_KEY_KP_2, GDK_KEY_KP_3, GDK_KEY_KP_4 };

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-series", "s", open_series_action);
  gtk_widget_class_install_action (widget_class, "win.previous-frame", NULL, previous_frame_action);
  gtk_widget_class_install_action (widget_class, "win.next-frame", NULL, next_frame_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-frame", "u", go_to_frame_action);
  gtk_widget_class_install_action (widget_class, "win.previous-series", NULL,
                                   lda_window_previous_series_action);
  gtk_widget_class_install_action (widget_class, "win.next-series", NULL,
                                   lda_window_next_series_action);
  gtk_widget_class_install_action (widget_class, "win.frame-parameters", NULL,
                                   frame_parameters_action);
  gtk_widget_class_install_action (widget_class, "win.show-pane", "i", show_pane_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-one", NULL, zoom_one_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.auto-contrast", NULL, auto_contrast_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder-of", "s",
                                   open_folder_of_action);
  gtk_widget_class_install_action (widget_class, "win.acknowledge-damage", NULL,
                                   acknowledge_damage_action);

  gtk_widget_class_install_property_action (widget_class, "win.show-side-bar", "side-bar-visible");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-side-bar", NULL);

  /* Alt+1–4 show a pane alone and back, whatever tool is in hand; plain
   * 1–4 do the same while viewing (lda-window-edit.c, win.digit).  The
   * keypad's first: menus show the binding added last, which is the
   * main row's. */
  for (guint i = 0; i < G_N_ELEMENTS (digit_keys); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, keypad_keys[i], GDK_ALT_MASK,
                                           "win.show-pane", "i", (int) i + 1);
      gtk_widget_class_add_binding_action (widget_class, digit_keys[i], GDK_ALT_MASK,
                                           "win.show-pane", "i", (int) i + 1);
    }
}
