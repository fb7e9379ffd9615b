/* test-export-dialog.c — a folder of several positions: moving between
 * them, and the export dialog's choice of this one or all of them in one
 * dataset
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "app-test-util.h"
#include "lda-edits.h"
#include "lda-export-dialog.h"
#include "lda-message-bar.h"
#include "lda-project.h"
#include "lda-project-wells.h"
#include "lda-test-lib.h"
#include "lda-tiff.h"
#include "lda-window-private.h"
#include "ui-test-util.h"

static gboolean have_display;

/* A Micro-Manager 1.4 acquisition of the sample: Pos0/ and Pos1/, two
 * time points each, with their metadata.txt. */
static char *
make_positions (void)
{
  char *dir = lda_test_tmp_dir ("lda-export");
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  static const char * const mm_names[] = { "BF", "DAPI", "Cy5" };

  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *pos = g_strdup_printf ("%s/Pos%u", dir, p);
      g_autofree char *metadata = g_build_filename (pos, "metadata.txt", NULL);
      g_autoptr(GString) json = g_string_new ("{\"Summary\": {\"Frames\": 2}");

      g_assert_cmpint (g_mkdir_with_parents (pos, 0755), ==, 0);
      for (guint t = 0; t < 2; t++)
        for (guint c = 0; c < 3; c++)
          {
            g_autofree char *from = lda_test_sample_file (channels[c]);
            g_autofree char *name = g_strdup_printf ("img_%09u_%s_000.tif", t, mm_names[c]);
            g_autofree char *to = g_build_filename (pos, name, NULL);
            g_autofree char *contents = NULL;
            gsize len;

            g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
            g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
            g_string_append_printf (json, ",\n\"FrameKey-%u-%u-0\": {\"FileName\": \"%s\", "
                                    "\"ElapsedTime-ms\": %.1f}", t, c, name,
                                    t * 2.0 * 3600000.0 + 250.0 * c);
          }
      g_string_append (json, "}\n");
      g_assert_true (g_file_set_contents (metadata, json->str, (gssize) json->len, NULL));
    }

  return dir;
}

/* Edits of a frame of @width × @height: a dead nucleus painted at
 * (@x, @y). */
static LdaEdits *
dab_at (guint width,
        guint height,
        guint x,
        guint y)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_edits_new (width, height, &error);
  LdaRect dirty = { 0, };

  g_assert_no_error (error);
  lda_edits_dab (edits, x, y, 3, LDA_CLASS_DRAQ7, &dirty);
  return edits;
}

/* Saves Pos1's corrections as the window would: a dead nucleus painted
 * at (40, 40) of its second frame. */
static void
save_pos1_edits (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder_full (dir, "Pos1", NULL, &error);
  g_autoptr(LdaEdits) edits = NULL;
  g_autofree char *project = NULL;
  LdaImage *image = NULL;

  g_assert_no_error (error);
  image = lda_tiff_read (lda_series_get_frame (series, 1)->triple->paths[0], 0, &error);
  g_assert_no_error (error);
  edits = dab_at (image->width, image->height, 40, 40);
  project = lda_project_default_folder (series);
  lda_project_save_edits (project, series, 1, edits, &error);
  g_assert_no_error (error);
  lda_image_unref (image);
}

static guint
label_at (const char *folder,
          const char *name,
          guint       x,
          guint       y)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = lda_tiff_read (path, 0, &error);

  g_assert_no_error (error);
  return lda_image_get (labels, x, y);
}

static void
on_exported (LdaExportDialog *dialog,
             const char      *folder,
             int              frame,
             gboolean        *done)
{
  *done = TRUE;
}

static GtkWidget *
child (LdaExportDialog *dialog,
       const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), LDA_TYPE_EXPORT_DIALOG,
                                                    name));
}

/* The export dialog the window shows for win.export. */
static LdaExportDialog *
present_dialog (LdaWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (LDA_IS_EXPORT_DIALOG (toplevel))
        return LDA_EXPORT_DIALOG (toplevel);
    }
  g_assert_not_reached ();
}

/* The frames of @well are recorded exported in its project, its
 * corrections kept (Pos1's second frame has one). */
static void
assert_exported_in_project (const char *dir,
                            const char *well)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder_full (dir, well, NULL, &error);
  g_autoptr(GPtrArray) saved = NULL;
  g_autofree char *damaged = NULL;

  g_assert_no_error (error);
  g_assert_true (lda_project_load_saved (series, FALSE, &saved, &damaged, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    g_assert_cmpint (lda_series_get_frame (series, i)->state, ==, LDA_FRAME_EXPORTED);
  g_assert_nonnull (saved);
  g_assert_nonnull (g_ptr_array_index (saved, 1));
}

/* Split by position: one position's time points are all in val/, the
 * other's all in train/. */
static void
assert_positions_apart (const char *out)
{
  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *t0 = g_strdup_printf ("%s/val/masks/Pos%u_t0.tif", out, p);
      g_autofree char *t1 = g_strdup_printf ("%s/val/masks/Pos%u_t1.tif", out, p);
      g_autofree char *other = g_strdup_printf ("%s/train/masks/Pos%u_t0.tif", out, 1 - p);
      gboolean in_val = g_file_test (t0, G_FILE_TEST_EXISTS);

      g_assert_cmpint (in_val, ==, g_file_test (t1, G_FILE_TEST_EXISTS));
      g_assert_cmpint (in_val, ==, g_file_test (other, G_FILE_TEST_EXISTS));
    }
}

/* The dialog offers this position or all; all exports every position's
 * time points into one folder, with this one's corrections as the
 * window holds them and the other's as saved, and the window marks its
 * own frames exported. */
static void
test_all_wells (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GDir) listing = NULL;
  LdaExportDialog *dialog;
  LdaWindow *window;
  GtkWidget *all_wells, *this_well, *current;
  gboolean done = FALSE;
  guint n_labels = 0;
  const char *name;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_positions ();
  out = g_build_filename (dir, "export", NULL);
  save_pos1_edits (dir);
  window = lda_test_window_new_sized (1024, 700);
  lda_test_open_folder (window, dir);
  g_assert_cmpuint (lda_series_get_n_frames (lda_window_get_series (window)), ==, 2);

  /* The window's own correction of Pos0's first frame. */
  lda_test_use_tool (window, "brush", LDA_CLASS_DRAQ7);
  lda_test_stroke (window, 10, 20, 60, 20);

  dialog = present_dialog (window);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &done);
  this_well = child (dialog, "this_well_check");
  all_wells = child (dialog, "all_wells_check");
  current = child (dialog, "current_check");
  g_assert_true (gtk_widget_get_visible (all_wells));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (this_well)), ==,
                   "_This one, Pos0");
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (all_wells)), ==,
                   "_All 2, one dataset");

  /* All positions export all their time points. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (current), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (all_wells), TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (current)));
  g_assert_false (gtk_widget_get_sensitive (current));

  /* Split by position: the two go to different sides, each whole. */
  lda_export_dialog_set_layout (dialog, LDA_EXPORT_LAYOUT_PAIRS, 0.5, 1);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "field_check")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "field_check")), TRUE);

  lda_export_dialog_start (dialog, FALSE);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  listing = g_dir_open (out, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    n_labels += g_str_has_suffix (name, "_labels.tif");
  g_assert_cmpuint (n_labels, ==, 4);
  g_assert_cmpuint (label_at (out, "Pos0_t0_labels.tif", 30, 20), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (label_at (out, "Pos1_t1_labels.tif", 40, 40), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (label_at (out, "Pos1_t0_labels.tif", 30, 20), !=, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (label_at (out, "Pos0_t1_labels.tif", 40, 40), !=, LDA_CLASS_DRAQ7);
  assert_positions_apart (out);

  /* The message says where, with a button that opens the folder. */
  {
    GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window->message_bar),
                                                                   LDA_TYPE_MESSAGE_BAR,
                                                                   "action_button"));
    GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

    g_assert_nonnull (strstr (lda_window_get_message (window), out));
    g_assert_true (gtk_widget_get_visible (button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                     "win.open-folder-of");
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, out);
  }

  assert_exported_in_project (dir, "Pos1");

  /* This position's frames are marked exported in the window. */
  g_assert_cmpint (lda_series_get_frame (lda_window_get_series (window), 1)->state, ==,
                   LDA_FRAME_EXPORTED);
  g_assert_true (lda_series_get_frame (lda_window_get_series (window), 1)->has_counts);

  /* Where it went is kept for these images; the next export starts
   * there, all wells again. */
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 1)
    g_main_context_iteration (NULL, TRUE);
  {
    /* Kept for the image folder's well. */
    g_autofree char *images = g_build_filename (lda_series_get_folder (lda_window_get_series (window)),
                                                "Pos0", NULL);
    g_autoptr(GVariant) kept = g_settings_get_value (window->settings, "export-folders");
    g_autofree char *elsewhere = g_build_filename (dir, "elsewhere", NULL);
    const char *from, *to;

    g_assert_cmpuint (g_variant_n_children (kept), ==, 1);
    g_variant_get_child (kept, 0, "(&s&s)", &from, &to);
    g_assert_cmpstr (from, ==, images);
    g_assert_cmpstr (to, ==, out);

    g_settings_set_value (window->settings, "export-folders",
                          g_variant_new_parsed ("[(%s, %s), ('/other/images', '/other/export')]",
                                                images, elsewhere));
    dialog = present_dialog (window);
    g_assert_cmpstr (lda_export_dialog_get_folder (dialog), ==, elsewhere);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (dialog,
                                                                         "all_wells_check"))));
    g_assert_false (gtk_widget_get_sensitive (child (dialog, "current_check")));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Another well's damaged corrections stop an export of all wells, with a
 * message that names the well and says how to go on; nothing written. */
static void
test_damaged_well (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *project = NULL;
  g_autofree char *edits_path = NULL;
  g_autoptr(LdaSeries) pos1 = NULL;
  LdaExportDialog *dialog;
  LdaWindow *window;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_positions ();
  out = g_build_filename (dir, "export", NULL);
  save_pos1_edits (dir);
  pos1 = lda_series_new_from_folder_full (dir, "Pos1", NULL, NULL);
  project = lda_project_default_folder (pos1);
  edits_path = lda_project_frame_edits_path (project, pos1, 1);
  g_assert_true (g_file_set_contents (edits_path, "LDAE, but damaged", 17, NULL));

  window = lda_test_window_new_sized (1024, 700);
  lda_test_open_folder (window, dir);
  dialog = present_dialog (window);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "all_wells_check")), TRUE);
  lda_export_dialog_start (dialog, FALSE);
  while (gtk_widget_get_visible (child (dialog, "error_label")) == FALSE)
    g_main_context_iteration (NULL, TRUE);

  message = gtk_label_get_text (GTK_LABEL (child (dialog, "error_label")));
  g_test_message ("%s", message);
  g_assert_true (g_str_has_prefix (message, "Pos1: "));
  g_assert_nonnull (strstr (message, "export it alone"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Ctrl+Page Down and Ctrl+Page Up open the next and the previous
 * position, and go no further than the last and the first. */
static void
test_next_and_previous (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_positions ();
  window = lda_test_window_new_sized (1024, 700);
  lda_test_open_folder (window, dir);
  g_assert_true (g_str_has_suffix (lda_series_get_name (lda_window_get_series (window)), "Pos0"));

  /* The chooser stands before the strip, not in it: a long strip
   * scrolled to its end leaves it in view. */
  {
    GtkWidget *chooser = gtk_widget_get_first_child (GTK_WIDGET (window->series_slot));

    g_assert_true (GTK_IS_DROP_DOWN (chooser));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->series_slot)));
    g_assert_false (gtk_widget_is_ancestor (chooser, GTK_WIDGET (window->frame_scroller)));
  }

  /* The first: no previous. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-series", NULL);
  lda_test_wait_for_result (window);
  g_assert_true (g_str_has_suffix (lda_series_get_name (lda_window_get_series (window)), "Pos0"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-series", NULL));
  lda_test_wait_for_result (window);
  g_assert_true (g_str_has_suffix (lda_series_get_name (lda_window_get_series (window)), "Pos1"));
  /* The last: no next. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-series", NULL);
  lda_test_wait_for_result (window);
  g_assert_true (g_str_has_suffix (lda_series_get_name (lda_window_get_series (window)), "Pos1"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-series", NULL));
  lda_test_wait_for_result (window);
  g_assert_true (g_str_has_suffix (lda_series_get_name (lda_window_get_series (window)), "Pos0"));

  /* Another position of the plate, seen for the first time: at the zoom
   * the last one was seen at, to compare them, not fitted. */
  {
    LdaImageView *view = LDA_IMAGE_VIEW (lda_window_get_view (window, LDA_PANE_SEGMENTED));
    g_autofree char *project = g_build_filename (dir, "livedead-project", NULL);

    lda_window_show_pane (window, LDA_PANE_SEGMENTED);
    lda_image_view_set_zoom (view, 3.0);
    lda_test_settle (window);
    /* Pos1 never seen: its view not kept yet. */
    lda_test_remove_tree (project);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-series", NULL));
    lda_test_wait_for_result (window);
    lda_test_settle (window);
    g_assert_true (g_str_has_suffix (lda_series_get_name (lda_window_get_series (window)), "Pos1"));
    g_assert_false (lda_image_view_get_fit (view));
    g_assert_cmpfloat (lda_image_view_get_zoom (view), ==, 3.0);
  }

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Exported again, one time point of two: the question counts the files
 * replaced (not the hidden list of the earlier export's files) and, apart,
 * the earlier export's file that goes. */
static void
test_replace_counts (void)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_test_skip ("the question is a GtkAlertDialog, which a test cannot read");
#else
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  LdaExportDialog *dialog;
  LdaWindow *window;
  GtkWidget *question = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  gboolean done = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_positions ();
  out = g_build_filename (dir, "export", NULL);
  window = lda_test_window_new_sized (1024, 700);
  lda_test_open_folder (window, dir);

  /* This position only (an earlier test may have left "all" chosen). */
  dialog = present_dialog (window);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &done);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "this_well_check")), TRUE);
  lda_export_dialog_set_layout (dialog, LDA_EXPORT_LAYOUT_PLAIN, 0, 0);
  g_assert_cmpstr (lda_export_dialog_get_folder (dialog), ==, out);
  lda_export_dialog_start (dialog, FALSE);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_list_model_get_n_items (toplevels) > 1)
    g_main_context_iteration (NULL, TRUE);

  dialog = present_dialog (window);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "this_well_check")), TRUE);
  lda_export_dialog_set_layout (dialog, LDA_EXPORT_LAYOUT_PLAIN, 0, 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (dialog, "current_check")), TRUE);
  lda_export_dialog_start (dialog, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (GTK_IS_MESSAGE_DIALOG (toplevel))
        question = GTK_WIDGET (toplevel);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  g_assert_nonnull (question);
  g_object_get (question, "text", &text, "secondary-text", &detail, NULL);
  /* Pos0_t0_labels.tif, counts.csv and the two plots; Pos0_t1's mask goes. */
  g_assert_cmpstr (text, ==, "Replace 4 existing files?");
  g_assert_nonnull (strstr (detail, "1 more of its files"));
  /* Answered, as a person would: Cancel. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_window_destroy (GTK_WINDOW (dialog));

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
#endif
}

/* The sample opened in @window from @dir, and an export dialog of it
 * into @dir/export, not shown. */
static LdaExportDialog *
sample_dialog (LdaWindow  *window,
               const char *dir)
{
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(GPtrArray) edits = g_ptr_array_new ();

  lda_test_open_folder (window, dir);
  g_ptr_array_add (edits, NULL);
  return lda_export_dialog_new (GTK_WINDOW (window),
                                lda_series_copy (lda_window_get_series (window)),
                                g_steal_pointer (&edits), 0, out);
}

/* A folder of one series has no choice of wells. */
static void
test_one_series (void)
{
  g_autofree char *dir = NULL;
  LdaExportDialog *dialog;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-export");
  window = lda_test_window_new_sized (1024, 700);
  dialog = sample_dialog (window, dir);
  g_assert_false (gtk_widget_get_visible (child (dialog, "wells_box")));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (dialog,
                                                                        "all_wells_check"))));
  /* One field: no split by field. */
  lda_export_dialog_set_layout (dialog, LDA_EXPORT_LAYOUT_PAIRS, 0.5, 1);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "val_spin")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "field_check")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* A settings backend like dconf without a session bus: a write is taken,
 * then fails to be committed, and the key reads its default again. */
typedef struct
{
  GSettingsBackend parent_instance;
} LdaFailingBackend;

typedef struct
{
  GSettingsBackendClass parent_class;
} LdaFailingBackendClass;

static GType lda_failing_backend_get_type (void);
G_DEFINE_TYPE (LdaFailingBackend, lda_failing_backend, G_TYPE_SETTINGS_BACKEND)

typedef struct
{
  GSettingsBackend *backend;
  char             *key;
} Revert;

static gboolean
revert_key (gpointer data)
{
  Revert *revert = data;

  g_settings_backend_changed (revert->backend, revert->key, NULL);
  g_object_unref (revert->backend);
  g_free (revert->key);
  g_free (revert);
  return G_SOURCE_REMOVE;
}

static GVariant *
failing_read (GSettingsBackend   *backend,
              const char         *key,
              const GVariantType *expected_type,
              gboolean            default_value)
{
  return NULL;
}

static gboolean
failing_write (GSettingsBackend *backend,
               const char       *key,
               GVariant         *value,
               gpointer          origin_tag)
{
  Revert *revert = g_new (Revert, 1);

  g_variant_unref (g_variant_ref_sink (value));
  revert->backend = g_object_ref (backend);
  revert->key = g_strdup (key);
  g_idle_add (revert_key, revert);
  return TRUE;
}

static gboolean
failing_get_writable (GSettingsBackend *backend,
                      const char       *key)
{
  return TRUE;
}

static void
lda_failing_backend_class_init (LdaFailingBackendClass *klass)
{
  GSettingsBackendClass *backend_class = G_SETTINGS_BACKEND_CLASS (klass);

  backend_class->read = failing_read;
  backend_class->write = failing_write;
  backend_class->get_writable = failing_get_writable;
}

static void
lda_failing_backend_init (LdaFailingBackend *self)
{
}

/* Runs the main loop for @ms milliseconds. */
static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Where the settings cannot be written (no session bus for dconf, as
 * over ssh or in a container), a layout chosen stays chosen: it snapped
 * back to the plain one, and the export went out without the images. */
static void
test_settings_unwritable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) settings = NULL;
  LdaExportDialog *dialog;
  LdaWindow *window;
  GtkDropDown *layout;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-export");
  window = lda_test_window_new_sized (1024, 700);
  dialog = sample_dialog (window, dir);
  backend = g_object_new (lda_failing_backend_get_type (), NULL);
  settings = g_settings_new_with_backend ("io.github.livedead.Annotator", backend);
  lda_export_dialog_bind_settings (dialog, settings);
  layout = GTK_DROP_DOWN (child (dialog, "layout_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (layout), ==, LDA_EXPORT_LAYOUT_PLAIN);

  gtk_drop_down_set_selected (layout, LDA_EXPORT_LAYOUT_NNUNET);
  iterate_for (200);
  g_assert_cmpuint (gtk_drop_down_get_selected (layout), ==, LDA_EXPORT_LAYOUT_NNUNET);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "seed_spin")), 7);
  iterate_for (50);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (child (dialog, "seed_spin"))), ==, 7);

  gtk_window_destroy (GTK_WINDOW (dialog));
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* Opened from the window, with the plain layout remembered, the split's
 * controls are insensitive: the settings' binding made "Whole fields"
 * sensitive again, to be ticked where it means nothing.  The folder
 * button's tooltip holds the whole path, which the button shortens. */
static void
test_plain_split_insensitive (void)
{
  g_autofree char *dir = NULL;
  const char *tooltip;
  LdaExportDialog *dialog;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_positions ();
  window = lda_test_window_new_sized (1024, 700);
  lda_test_open_folder (window, dir);
  {
    /* The process's settings: the window's share their backend. */
    g_autoptr(GSettings) settings = g_settings_new ("io.github.livedead.Annotator");

    g_settings_set_uint (settings, "export-layout", LDA_EXPORT_LAYOUT_PLAIN);
  }
  dialog = present_dialog (window);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (dialog, "layout_dropdown"))),
                    ==, LDA_EXPORT_LAYOUT_PLAIN);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "val_spin")));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "field_check")));
  tooltip = gtk_widget_get_tooltip_text (child (dialog, "folder_button"));
  g_assert_true (g_str_has_prefix (tooltip, lda_export_dialog_get_folder (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

/* A blank frame (every pixel of its images one value, a failed
 * acquisition) beside the sample: the export writes it, and the dialog
 * stays open to name its files, which were exported without a word. */
static void
test_blank_frame_named (void)
{
  static const char *const tags[] = { "bf", "hoechst", "draq7" };
  g_autofree char *dir = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(LdaImage) like = NULL;
  LdaExportDialog *dialog;
  LdaWindow *window;
  gboolean done = FALSE;
  const char *said;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-export");
  sample = lda_test_sample_file ("bf");
  like = lda_tiff_read (sample, 0, NULL);
  g_assert_nonnull (like);
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf ("blank_%s.tif", tags[c]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(LdaImage) blank = lda_image_new (LDA_PIXEL_U16, like->width, like->height, NULL);
      guint16 *p = lda_image_u16 (blank);

      for (gsize i = 0; i < lda_image_n_pixels (blank); i++)
        p[i] = 100;
      g_assert_true (lda_tiff_write (path, blank, NULL));
    }

  window = lda_test_window_new_sized (1024, 700);
  lda_test_open_folder (window, dir);
  g_assert_cmpuint (lda_series_get_n_frames (lda_window_get_series (window)), ==, 2);
  dialog = present_dialog (window);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported), &done);
  lda_export_dialog_set_layout (dialog, LDA_EXPORT_LAYOUT_PLAIN, 0, 0);
  lda_export_dialog_start (dialog, TRUE);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  iterate_for (50);

  g_assert_true (gtk_widget_get_visible (child (dialog, "error_label")));
  said = gtk_label_get_text (GTK_LABEL (child (dialog, "error_label")));
  g_assert_nonnull (strstr (said, "blank_hoechst.tif has no contrast (every pixel is 100)"));
  g_assert_null (strstr (said, "nov22"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  have_display = gtk_init_check ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-dialog/all-wells", test_all_wells);
  g_test_add_func ("/export-dialog/damaged-well", test_damaged_well);
  g_test_add_func ("/export-dialog/one-series", test_one_series);
  g_test_add_func ("/export-dialog/replace-counts", test_replace_counts);
  g_test_add_func ("/export-dialog/settings-unwritable", test_settings_unwritable);
  g_test_add_func ("/export-dialog/plain-split-insensitive", test_plain_split_insensitive);
  g_test_add_func ("/export-dialog/blank-frame-named", test_blank_frame_named);
  g_test_add_func ("/wells/next-and-previous", test_next_and_previous);

  return g_test_run ();
}
