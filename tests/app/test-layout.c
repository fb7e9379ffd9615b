/* test-layout.c — the window read in English and in German: words and
 * counts as a person reads them
 *
 * Runs under Xvfb (tests/app/meson.build).  The translations are the
 * build's (LDA_LOCALEDIR); each test sets the language it reads.  The
 * window is laid out with the application's style sheet and icons.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-application.h"
#include "lda-channel-panel.h"
#include "lda-export-dialog.h"
#include "lda-histogram-plot.h"
#include "lda-window-private.h"
#include "ui-test-util.h"

static gboolean have_display;

/* gettext keeps translations it has looked up for the locale; setting
 * the locale again makes it look them up anew in the new language. */
static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

/* A window of @width × @height on a copy of the sample, in *@dir. */
static LdaWindow *
sample_window (int    width,
               int    height,
               char **dir)
{
  LdaWindow *window;

  *dir = lda_test_copy_sample ("lda-layout");
  window = lda_test_window_new_sized (width, height);
  lda_test_open_folder (window, *dir);

  return window;
}

static GtkWidget *
counts_label (LdaWindow *window)
{
  return lda_test_find (GTK_WIDGET (window), lda_test_has_css_class, (gpointer) "lda-counts");
}

static void
assert_counts_read (LdaWindow  *window,
                    guint       n_cells,
                    const char *expected)
{
  LdaCounts counts = { .n_objects = n_cells, .live = n_cells, .dead = 0 };
  const char *text;

  lda_window_show_counts (window, &counts);
  text = gtk_label_get_text (GTK_LABEL (counts_label (window)));
  g_test_message ("%u: %s", n_cells, text);
  g_assert_nonnull (strstr (text, expected));
}

/* "1 cell", not "1 cells", in both languages; no fraction without cells. */
static void
test_counts_plural (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = sample_window (1280, 800, &dir);

  set_language ("en");
  assert_counts_read (window, 1, "1 cell,");
  assert_counts_read (window, 2, "2 cells,");
  /* No cells: no fraction and no mean, rather than 0. */
  assert_counts_read (window, 0, "no cells, no dead fraction");
  assert_counts_read (window, 0, "no mean cell area");
  set_language ("de");
  assert_counts_read (window, 1, "1 Zelle,");
  assert_counts_read (window, 2, "2 Zellen,");

  set_language ("en");
  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* The counts' height at the width the side bar gives them. */
static int
counts_height (LdaWindow       *window,
               const LdaCounts *counts)
{
  GtkWidget *label = counts_label (window);
  int height;

  lda_window_show_counts (window, counts);
  lda_test_settle (window);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label),
                      NULL, &height, NULL, NULL);
  g_test_message ("%s: %d px", gtk_label_get_text (GTK_LABEL (label)), height);

  return height;
}

/* Counts that grow by digits in a drag never push the side bar's
 * controls down under the pointer: the counts keep their height, in
 * both languages, in the smallest window and a large one. */
static void
test_counts_height (void)
{
  static const int sizes[][2] = { { 1024, 700 }, { 1600, 1000 } };
  const LdaCounts few = { .n_objects = 12, .live = 9, .dead = 3, .dead_fraction = 0.25 };
  const LdaCounts many = { .n_objects = 99999, .live = 88888, .dead = 11111,
                           .dead_fraction = 0.111, .mean_cell_area = 123456 };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *dir = NULL;
      LdaWindow *window = sample_window (sizes[i][0], sizes[i][1], &dir);

      lda_test_wait_for_result (window);
      for (guint l = 0; l < 2; l++)
        {
          set_language (l == 0 ? "en" : "de");
          g_assert_cmpint (counts_height (window, &few), ==, counts_height (window, &many));
        }

      set_language ("en");
      gtk_window_destroy (GTK_WINDOW (window));
      lda_test_remove_tree (dir);
    }
}

/* The export's progress of a single time point says "time point". */
static void
test_export_progress_plural (void)
{
  static const struct {
    const char *language;
    const char *expected;
  } cases[] = {
    { "en", "0 of 1 time point" },
    { "de", "0 von 1 Zeitpunkt" },
  };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = lda_test_copy_sample ("lda-layout");
      g_autofree char *out = g_build_filename (dir, "export", NULL);
      LdaWindow *window;
      LdaExportDialog *dialog;
      GtkWidget *progress;
      g_autoptr(GPtrArray) edits = g_ptr_array_new ();
      const char *text;

      set_language (cases[i].language);
      window = lda_test_window_new_sized (1280, 800);
      lda_test_open_folder (window, dir);
      g_ptr_array_add (edits, NULL);
      dialog = lda_export_dialog_new (GTK_WINDOW (window),
                                      lda_series_copy (lda_window_get_series (window)),
                                      g_steal_pointer (&edits), 0, out);
      progress = lda_test_find (GTK_WIDGET (dialog), lda_test_is_type,
                                GSIZE_TO_POINTER (GTK_TYPE_PROGRESS_BAR));
      gtk_window_present (GTK_WINDOW (dialog));
      lda_export_dialog_start (dialog, FALSE);

      text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress));
      g_test_message ("%s: %s", cases[i].language, text);
      g_assert_cmpstr (text, ==, cases[i].expected);

      while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 1)
        g_main_context_iteration (NULL, TRUE);
      gtk_window_destroy (GTK_WINDOW (window));
      lda_test_remove_tree (dir);
    }

  set_language ("en");
}

/* The export dialog says what the layout chosen writes, in English and
 * German: not the plain layout's files whatever the choice. */
static void
test_export_describes_layout (void)
{
  static const char * const folders[LDA_N_EXPORT_LAYOUTS] = {
    "counts.csv", "masks/", "labelsTr/", "instances/",
  };
  const char * const languages[] = { "en", "de" };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *out = NULL;
      g_autoptr(GPtrArray) edits = g_ptr_array_new ();
      g_autofree char *plain = NULL;
      LdaWindow *window;
      LdaExportDialog *dialog;
      GtkLabel *description;

      set_language (languages[l]);
      window = sample_window (1280, 800, &dir);
      out = g_build_filename (dir, "export", NULL);
      g_ptr_array_add (edits, NULL);
      dialog = lda_export_dialog_new (GTK_WINDOW (window),
                                      lda_series_copy (lda_window_get_series (window)),
                                      g_steal_pointer (&edits), 0, out);
      description = GTK_LABEL (lda_test_find (GTK_WIDGET (dialog), lda_test_has_css_class,
                                              (gpointer) "lda-layout-description"));
      g_assert_nonnull (description);

      for (guint k = 0; k < LDA_N_EXPORT_LAYOUTS; k++)
        {
          const char *text;

          lda_export_dialog_set_layout (dialog, k, 0.0, 1);
          text = gtk_label_get_text (description);
          g_test_message ("%s %u: %s", languages[l], k, text);
          g_assert_nonnull (strstr (text, folders[k]));
          if (k == 0)
            plain = g_strdup (text);
          else
            g_assert_cmpstr (text, !=, plain);
        }

      gtk_window_destroy (GTK_WINDOW (dialog));
      gtk_window_destroy (GTK_WINDOW (window));
      lda_test_remove_tree (dir);
    }

  set_language ("en");
}

/* The export dialog opens with the layout, validation fraction and seed
 * of the last export, not Plain and 0 every time. */
static void
test_export_remembers (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  LdaWindow *window;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  settings = lda_application_new_settings ();
  window = sample_window (1280, 800, &dir);
  out = g_build_filename (dir, "export", NULL);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) edits = g_ptr_array_new ();
      g_autoptr(GPtrArray) spins = NULL;
      LdaExportDialog *dialog;
      GtkLabel *description;

      g_ptr_array_add (edits, NULL);
      dialog = lda_export_dialog_new (GTK_WINDOW (window),
                                      lda_series_copy (lda_window_get_series (window)),
                                      g_steal_pointer (&edits), 0, out);
      lda_export_dialog_bind_settings (dialog, settings);
      description = GTK_LABEL (lda_test_find (GTK_WIDGET (dialog), lda_test_has_css_class,
                                              (gpointer) "lda-layout-description"));
      spins = lda_test_find_all (GTK_WIDGET (dialog), lda_test_is_type,
                                 GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
      g_assert_cmpuint (spins->len, ==, 2);
      if (round == 0)
        lda_export_dialog_set_layout (dialog, LDA_EXPORT_LAYOUT_NNUNET, 0.25, 7);
      else
        {
          g_assert_nonnull (strstr (gtk_label_get_text (description), "labelsTr/"));
          g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), ==, 0.25);
          g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 1)), ==, 7);
        }
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  g_settings_reset (settings, "export-layout");
  g_settings_reset (settings, "export-val-fraction");
  g_settings_reset (settings, "export-seed");
  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

static char *make_series (void);

/* "All Time Points" on a frame with parameters of its own drops them in one
 * click: the window says so, and how to get them back. */
static void
test_all_frames_says_undo (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  const char *message;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_series ();
  window = lda_test_window_new_sized (1280, 800);
  lda_test_open_folder (window, dir);
  lda_test_settle (window);

  gtk_toggle_button_set_active (window->frame_toggle, TRUE);
  lda_test_settle (window);
  g_assert_true (lda_document_has_own_params (window->document, window->frame));
  message = lda_window_get_message (window);
  g_assert_true (message == NULL || strstr (message, "Ctrl+Z") == NULL);

  gtk_toggle_button_set_active (window->series_toggle, TRUE);
  lda_test_settle (window);
  g_assert_false (lda_document_has_own_params (window->document, window->frame));
  message = lda_window_get_message (window);
  g_test_message ("%s", message);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Ctrl+Z"));
  g_assert_nonnull (strstr (message, lda_series_get_frame (window->series, window->frame)->title));

  /* Undone: its own parameters are back, and the message goes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  lda_test_settle (window);
  g_assert_true (lda_document_has_own_params (window->document, window->frame));
  message = lda_window_get_message (window);
  g_assert_true (message == NULL || strstr (message, "Ctrl+Z") == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* The folder shown, opened again (from the recent folders): it stays as
 * it is, editable, its project still locked by this window.  Opened a
 * second time, it showed read-only ("open in another window"), and the
 * lock was gone. */
static void
test_reopen_same_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *lock = NULL;
  g_autofree char *again = NULL;
  LdaWindow *window;
  LdaDocument *document;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_series ();
  lock = g_build_filename (dir, "livedead-project", ".livedead-lock", NULL);
  window = lda_test_window_new_sized (1280, 800);
  lda_test_open_folder (window, dir);
  lda_test_settle (window);
  document = window->document;
  g_assert_false (lda_document_is_read_only (document));
  g_assert_true (g_file_test (lock, G_FILE_TEST_IS_REGULAR));

  again = g_strconcat (dir, "/", NULL);
  lda_test_open_folder (window, again);
  lda_test_settle (window);
  g_assert_true (window->document == document);
  g_assert_false (lda_document_is_read_only (window->document));
  g_assert_true (g_file_test (lock, G_FILE_TEST_IS_REGULAR));
  g_assert_true (window->message_bar == NULL || lda_window_get_message (window) == NULL ||
                 strstr (lda_window_get_message (window), "another window") == NULL);

  /* Shown read-only in a second window while the first holds it: opened
   * again there once the first is closed, it is editable. */
  {
    LdaWindow *second = lda_test_window_new_sized (1280, 800);

    lda_test_open_folder (second, dir);
    lda_test_settle (second);
    g_assert_true (lda_document_is_read_only (second->document));
    gtk_window_destroy (GTK_WINDOW (window));
    lda_test_settle (second);
    lda_test_open_folder (second, dir);
    lda_test_settle (second);
    g_assert_false (lda_document_is_read_only (second->document));
    g_assert_true (g_file_test (lock, G_FILE_TEST_IS_REGULAR));
    window = second;
  }

  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* The recent folders name where each is, so that two of the same name
 * are told apart. */
static void
test_recent_says_where (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *parent = NULL;
  LdaWindow *window;
  gboolean found = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  /* An underscore in the name: shown, not taken for a mnemonic's mark. */
  {
    g_autofree char *made = make_series ();

    dir = g_strconcat (made, "_plate", NULL);
    g_assert_cmpint (g_rename (made, dir), ==, 0);
  }
  name = g_path_get_basename (dir);
  parent = g_path_get_dirname (dir);
  window = lda_test_window_new_sized (1280, 800);
  lda_test_open_folder (window, dir);
  lda_test_settle (window);

  {
    g_auto(GStrv) parts = g_strsplit (name, "_", -1);

    escaped = g_strjoinv ("__", parts);
  }
  for (gint i = 0; i < g_menu_model_get_n_items (G_MENU_MODEL (window->recent_menu)); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *base = g_path_get_basename (parent);

      g_assert_true (g_menu_model_get_item_attribute (G_MENU_MODEL (window->recent_menu), i,
                                                      G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_test_message ("recent: %s", label);
      if (g_str_has_prefix (label, escaped) && strstr (label, " — ") != NULL &&
          strstr (label, base) != NULL)
        found = TRUE;
    }
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* Emits @signal of @pane's motion controller, as the pointer would. */
static void
pane_motion (GtkWidget  *pane,
             const char *signal,
             double      x,
             double      y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (pane);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        continue;
      if (g_str_equal (signal, "motion"))
        g_signal_emit_by_name (controller, "motion", x, y);
      else
        g_signal_emit_by_name (controller, "leave");
    }
}

/* The class legend over the Segmented pane fades while the pointer is
 * over it or near, so the mask under it can be seen and corrected. */
static void
test_legend_fades (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWidget *pane, *legend;
  graphene_rect_t bounds;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = sample_window (1024, 700, &dir);
  lda_test_settle (window);
  pane = window->panes[LDA_PANE_SEGMENTED];
  legend = lda_window_get_legend (window);
  g_assert_true (gtk_widget_compute_bounds (legend, pane, &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);

  g_assert_cmpfloat (gtk_widget_get_opacity (legend), ==, 1.0);
  pane_motion (pane, "motion", bounds.origin.x + bounds.size.width / 2,
               bounds.origin.y + bounds.size.height / 2);
  g_assert_cmpfloat (gtk_widget_get_opacity (legend), <, 0.5);
  pane_motion (pane, "motion", 2, 2);
  g_assert_cmpfloat (gtk_widget_get_opacity (legend), ==, 1.0);
  pane_motion (pane, "motion", bounds.origin.x - 10, bounds.origin.y + 2);
  g_assert_cmpfloat (gtk_widget_get_opacity (legend), <, 0.5);
  pane_motion (pane, "leave", 0, 0);
  g_assert_cmpfloat (gtk_widget_get_opacity (legend), ==, 1.0);

  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
}

/* The share of @pane that @legend takes, its margins included. */
static double
legend_share (GtkWidget *legend,
              GtkWidget *pane)
{
  int width, height;

  gtk_widget_measure (legend, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (legend, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  return (double) width * height / (gtk_widget_get_width (pane) * gtk_widget_get_height (pane));
}

/* Four panes in a small window: the legend with the classes' names would
 * take a tenth of the Segmented pane; a row of swatches and keys takes
 * its place, and the names come back in one pane, or a larger window,
 * in English and German.  Before, the names covered the mask's corner. */
static void
test_legend_compact (void)
{
  static const struct { int width, height; const char *language; gboolean full; } cases[] = {
    { 1024, 700, "en", FALSE },
    { 1024, 700, "de", FALSE },
    { 1600, 1000, "en", TRUE },
    { 1600, 1000, "de", TRUE },
  };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = NULL;
      LdaWindow *window;
      GtkWidget *pane, *full, *compact, *shown;

      set_language (cases[i].language);
      window = sample_window (cases[i].width, cases[i].height, &dir);
      lda_test_settle (window);
      pane = window->panes[LDA_PANE_SEGMENTED];
      full = GTK_WIDGET (window->legend_box);
      compact = window->legend_compact;
      shown = lda_window_get_legend (window);
      g_test_message ("%d × %d %s: the names would take %.3f of the pane (%d × %d)",
                      cases[i].width, cases[i].height, cases[i].language,
                      legend_share (full, pane), gtk_widget_get_width (pane),
                      gtk_widget_get_height (pane));

      g_assert_true (shown == (cases[i].full ? full : compact));
      g_assert_cmpfloat (gtk_widget_get_opacity (shown), ==, 1.0);
      g_assert_cmpfloat (gtk_widget_get_opacity (shown == full ? compact : full), ==, 0.0);
      g_assert_cmpfloat (legend_share (shown, pane), <=, 0.07);
      if (!cases[i].full)
        g_assert_cmpfloat (legend_share (full, pane), >, 0.07);

      /* One pane: room for the names. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "i", 4));
      lda_test_settle (window);
      g_assert_true (lda_window_get_legend (window) == full);
      g_assert_cmpfloat (gtk_widget_get_opacity (full), ==, 1.0);
      g_assert_cmpfloat (gtk_widget_get_opacity (compact), ==, 0.0);
      /* Four panes again, for the next window, which opens as this left. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-pane", "i", 4));
      lda_test_settle (window);

      gtk_window_destroy (GTK_WINDOW (window));
      lda_test_remove_tree (dir);
    }
  set_language ("en");
}

/* A folder of two time points, so that everything a series shows is
 * there: the frame strip, the plot, "All Time Points" and "This Time Point". */
static char *
make_series (void)
{
  g_autofree char *one = lda_test_copy_sample ("lda-layout");
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    for (guint t = 1; t <= 2; t++)
      {
        g_autofree char *from_name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channels[c]);
        g_autofree char *to_name = g_strdup_printf ("well_t%u_%s.tif", t, channels[c]);
        g_autofree char *from = g_build_filename (one, from_name, NULL);
        g_autofree char *to = g_build_filename (one, to_name, NULL);
        g_autofree char *data = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (from, &data, &length, NULL));
        g_assert_true (g_file_set_contents (to, data, (gssize) length, NULL));
        if (t == 2)
          g_assert_cmpint (g_unlink (from), ==, 0);
      }

  return g_steal_pointer (&one);
}

/* The controls every person needs: the tools, the classes, the history
 * of the corrections, the export, the side bar. */
static gboolean
is_essential_control (GtkWidget *widget,
                      gpointer   data)
{
  static const char * const actions[] = {
    "win.tool", "win.paint-class", "win.undo", "win.redo", "win.reset-frame", "win.export",
    "win.show-side-bar",
  };
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* Menus are shown when opened; the controls must be there without. */
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) != NULL)
    return FALSE;

  /* The label of the class and brush in the tool bar. */
  if (GTK_IS_LABEL (widget) && parent != NULL && gtk_widget_has_css_class (parent, "toolbar"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (lda_test_has_action (widget, (gpointer) actions[i]))
      return TRUE;

  return FALSE;
}

static void
assert_label_whole (GtkWidget  *label,
                    const char *what)
{
  int natural;

  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  if (gtk_widget_get_width (label) < natural ||
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    g_error ("%s: “%s” is %d px wide of the %d px it needs", what,
             gtk_label_get_text (GTK_LABEL (label)), gtk_widget_get_width (label), natural);
}

/* @widget is shown whole: mapped, and inside each of its ancestors, up
 * to the window, so that no scrolled window or pane cuts it. */
static void
assert_whole (GtkWidget *widget)
{
  g_autofree char *what = NULL;
  const char *action = GTK_IS_ACTIONABLE (widget)
                       ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;
  GVariant *target = GTK_IS_ACTIONABLE (widget)
                     ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget)) : NULL;
  g_autofree char *target_text = target != NULL ? g_variant_print (target, FALSE) : NULL;

  what = g_strdup_printf ("%s %s%s%s", G_OBJECT_TYPE_NAME (widget),
                          action != NULL ? action : "", target_text != NULL ? " " : "",
                          target_text != NULL ? target_text : "");
  if (!gtk_widget_get_mapped (widget))
    g_error ("%s is not shown", what);

  for (GtkWidget *ancestor = gtk_widget_get_parent (widget);
       ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.y < -0.5 ||
          bounds.origin.x + bounds.size.width > gtk_widget_get_width (ancestor) + 0.5 ||
          bounds.origin.y + bounds.size.height > gtk_widget_get_height (ancestor) + 0.5)
        g_error ("%s (%g, %g, %g × %g) is cut by its %s of %d × %d", what,
                 bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                 G_OBJECT_TYPE_NAME (ancestor), gtk_widget_get_width (ancestor),
                 gtk_widget_get_height (ancestor));
    }

  if (GTK_IS_LABEL (widget))
    assert_label_whole (widget, what);
  else
    {
      g_autoptr(GPtrArray) labels = lda_test_find_all (widget, lda_test_is_type,
                                                       GSIZE_TO_POINTER (GTK_TYPE_LABEL));

      for (guint i = 0; i < labels->len; i++)
        assert_label_whole (g_ptr_array_index (labels, i), what);
    }
}

/* Each channel's histogram right under its offset slider, with only the
 * threshold's line between: at 1024 × 700 it was a screen further down,
 * and a person dragging the slider never saw them both. */
static void
assert_histograms_under_sliders (LdaWindow *window)
{
  g_autoptr(GPtrArray) panels = lda_test_find_all (GTK_WIDGET (window), lda_test_is_type,
                                                   (gpointer) LDA_TYPE_CHANNEL_PANEL);

  g_assert_cmpuint (panels->len, ==, LDA_N_CHANNELS);
  for (guint i = 0; i < panels->len; i++)
    {
      GtkWidget *panel = g_ptr_array_index (panels, i);
      GtkWidget *scale = lda_test_find (panel, lda_test_is_type, (gpointer) GTK_TYPE_SCALE);
      GtkWidget *plot = lda_test_find (panel, lda_test_is_type, (gpointer) LDA_TYPE_HISTOGRAM_PLOT);
      graphene_rect_t s, p;

      g_assert_true (gtk_widget_compute_bounds (scale, panel, &s));
      g_assert_true (gtk_widget_compute_bounds (plot, panel, &p));
      g_assert_cmpfloat (p.origin.y, >, s.origin.y + s.size.height);
      g_assert_cmpfloat (p.origin.y - (s.origin.y + s.size.height), <, 80);
    }
}

static void
assert_layout (int         width,
               int         height,
               const char *language)
{
  g_autofree char *dir = make_series ();
  g_autoptr(GPtrArray) controls = NULL;
  LdaWindow *window;
  guint n_tools = 0, n_classes = 0;
  gboolean seen[5] = { FALSE, };
  static const char * const once[] = {
    "win.undo", "win.redo", "win.reset-frame", "win.export", "win.show-side-bar",
  };

  g_test_message ("%d × %d, %s", width, height, language);
  set_language (language);
  window = lda_test_window_new_sized (width, height);
  lda_test_open_folder (window, dir);

  /* The window fits the screen it was made for. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, height);

  controls = lda_test_find_all (GTK_WIDGET (window), is_essential_control, NULL);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);

      assert_whole (control);
      if (lda_test_has_action (control, (gpointer) "win.tool"))
        n_tools++;
      if (lda_test_has_action (control, (gpointer) "win.paint-class"))
        n_classes++;
      for (guint k = 0; k < G_N_ELEMENTS (once); k++)
        if (lda_test_has_action (control, (gpointer) once[k]))
          seen[k] = TRUE;
    }
  g_assert_cmpuint (n_tools, ==, 7);
  g_assert_cmpuint (n_classes, ==, 5);
  for (guint k = 0; k < G_N_ELEMENTS (once); k++)
    if (!seen[k])
      g_error ("no control for %s", once[k]);

  /* The class the tools paint is named beside the classes: the longest
   * name ("Hoechst-Zellkern (lebend)") neither widens the window nor
   * pushes a control out. */
  for (int k = 0; k < 5; k++)
    {
      g_object_set (window, "paint-class", k, NULL);
      lda_test_settle (window);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);
      for (guint i = 0; i < controls->len; i++)
        assert_whole (g_ptr_array_index (controls, i));
    }
  /* The legend of the classes lies inside its pane. */
  assert_whole (GTK_WIDGET (window->legend_box));
  assert_histograms_under_sliders (window);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

/* From 1024 × 700 up, in English and in German, every tool, every class
 * and the history and export controls are shown whole, their labels
 * neither cut nor ellipsized. */
static void
test_controls_fit (gconstpointer data)
{
  const int *size = data;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  assert_layout (size[0], size[1], "en");
  assert_layout (size[0], size[1], "de");
  set_language ("en");
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_action (linked, action))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_primary_menu_button (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

static gboolean
opens_folder (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && !gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)) &&
         gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL &&
         menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)),
                          "win.open-folder");
}

/* A folder opens from beside the header's Open, whose chooser takes
 * images only (it was in the main menu alone), at 1024 × 700 too. */
static void
test_open_folder_in_header (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWidget *header, *open, *more;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = sample_window (1024, 700, &dir);
  header = gtk_window_get_titlebar (GTK_WINDOW (window));
  open = lda_test_find (header, lda_test_has_action, (gpointer) "win.open");
  more = lda_test_find (header, opens_folder, NULL);
  g_assert_nonnull (open);
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_mapped (more));
  /* Beside it, in one linked group. */
  g_assert_true (gtk_widget_get_parent (open) == gtk_widget_get_parent (more));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

/* Export is a button of the header bar and an item of the main menu,
 * not only Ctrl+E; the button opens the export dialog. */
static void
test_export_reachable (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWidget *header;
  GtkWidget *button;
  GtkWidget *menu_button;
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = sample_window (1024, 700, &dir);

  header = gtk_window_get_titlebar (GTK_WINDOW (window));
  button = lda_test_find (header, lda_test_has_action, (gpointer) "win.export");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  menu_button = lda_test_find (header, is_primary_menu_button, NULL);
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                                  "win.export"));

  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, 1);
  g_signal_emit_by_name (button, "clicked");
  lda_test_settle (window);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel != GTK_WIDGET (window))
        {
          g_assert_true (LDA_IS_EXPORT_DIALOG (toplevel));
          gtk_window_destroy (GTK_WINDOW (toplevel));
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

static gboolean
is_view_menu_button (GtkWidget *widget,
                     gpointer   data)
{
  GMenuModel *model = GTK_IS_MENU_BUTTON (widget)
                      ? gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) : NULL;

  return model != NULL && menu_has_action (model, "win.show-pane");
}

static gboolean
is_menu_item (GtkWidget *widget,
              gpointer   data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton");
}

/* The View menu names the keys of the panes as the main row's Alt+1–4
 * (the keypad's work too), not Alt+KP 1–4. */
static void
test_pane_keys_shown (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) items = NULL;
  LdaWindow *window;
  GtkWidget *menu_button;
  guint n_alone = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  set_language ("en");
  window = sample_window (1024, 700, &dir);
  menu_button = lda_test_find (gtk_window_get_titlebar (GTK_WINDOW (window)),
                               is_view_menu_button, NULL);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  lda_test_settle (window);

  items = lda_test_find_all (menu_button, is_menu_item, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      static const char * const panes[] = {
        "Composite Alone", "Fluorescence Alone", "Sobel Gradient Alone", "Segmented Alone",
      };
      g_autofree char *text = NULL;
      g_autofree char *accel = NULL;

      g_object_get (g_ptr_array_index (items, i), "text", &text, "accel", &accel, NULL);
      for (guint p = 0; p < G_N_ELEMENTS (panes); p++)
        if (g_strcmp0 (text, panes[p]) == 0)
          {
            g_autofree char *want = g_strdup_printf ("<Alt>%u", p + 1);

            g_assert_cmpstr (accel, ==, want);
            n_alone++;
          }
    }
  g_assert_cmpuint (n_alone, ==, 4);

  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

static gboolean
is_tool_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.tool") == 0;
}

/* Every tool's icon is one the icon theme has (the application's own are
 * in its resources), and the tools that remove something say which: the
 * theme's edit-delete-symbolic drew a circled cross, which read as
 * "cancel", for the tool that deletes a whole cell. */
static void
test_tool_icons (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  GtkIconTheme *theme;
  LdaWindow *window;
  gboolean delete_seen = FALSE;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  set_language ("en");
  window = sample_window (1024, 700, &dir);
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));
  tools = lda_test_find_all (GTK_WIDGET (window), is_tool_button, NULL);
  g_assert_cmpuint (tools->len, >=, 7);
  for (guint i = 0; i < tools->len; i++)
    {
      GtkWidget *tool = g_ptr_array_index (tools, i);
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (tool));
      g_autoptr(GVariant) target = NULL;

      g_object_get (tool, "action-target", &target, NULL);
      g_assert_nonnull (icon);
      g_assert_true (gtk_icon_theme_has_icon (theme, icon));
      if (g_strcmp0 (g_variant_get_string (target, NULL), "delete") == 0)
        {
          g_assert_true (g_str_has_prefix (icon, "lda-tool-"));
          delete_seen = TRUE;
        }
    }
  g_assert_true (delete_seen);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

/* F9 puts the side bar away and the panes take its room; F9 brings it
 * back. */
static void
test_side_bar_collapses (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWidget *side_bar;
  GtkWidget *grid;
  int width;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  window = sample_window (1024, 700, &dir);
  if (!lda_test_can_send_input (window))
    {
      g_test_skip ("real input needs an X display and xdotool");
      gtk_window_destroy (GTK_WINDOW (window));
      lda_test_remove_tree (dir);
      return;
    }

  side_bar = gtk_widget_get_ancestor (lda_test_side_bar_scroller (window), GTK_TYPE_BOX);
  grid = gtk_widget_get_parent (gtk_widget_get_parent (lda_window_get_view (window, LDA_PANE_COMPOSITE)));
  g_assert_true (gtk_widget_get_mapped (side_bar));
  width = gtk_widget_get_width (grid);

  lda_test_sync_input (window);
  lda_test_xdotool ("key", "F9", NULL);
  lda_test_sync_input (window);
  g_assert_false (gtk_widget_get_mapped (side_bar));
  g_assert_cmpint (gtk_widget_get_width (grid), >, width + 250);

  lda_test_xdotool ("key", "F9", NULL);
  lda_test_sync_input (window);
  g_assert_true (gtk_widget_get_mapped (side_bar));
  g_assert_cmpint (gtk_widget_get_width (grid), ==, width);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

/* The keyboard shortcuts window fits a 1024 × 700 screen, with room for
 * the desktop's bar, in English and German: its sections are pages of
 * one or two short columns.  (In one section it was 1329 × 906 in
 * German.) */
static void
test_shortcuts_fit (void)
{
  const char * const languages[] = { "en", "de" };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GtkBuilder) builder = NULL;
      GtkWidget *window;
      int width, height;

      set_language (languages[l]);
      builder = gtk_builder_new_from_resource ("/io/github/livedead/Annotator/gtk/help-overlay.ui");
      window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
      g_assert_nonnull (window);
      gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      g_test_message ("%s: %d × %d", languages[l], width, height);
      g_assert_cmpint (width, <=, 1000);
      g_assert_cmpint (height, <=, 640);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  set_language ("en");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("LDA_LOCALEDIR");

  /* German first: GLib decides once, at the first translation, whether to
   * translate at all, and with no catalogue for the language in use it
   * decides not to. */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  set_language ("en");

  if (have_display)
    lda_application_load_style (gdk_display_get_default ());

  g_test_add_data_func ("/layout/controls-fit/1024x700", (int[]) { 1024, 700 }, test_controls_fit);
  g_test_add_data_func ("/layout/controls-fit/1280x800", (int[]) { 1280, 800 }, test_controls_fit);
  g_test_add_data_func ("/layout/controls-fit/1600x1000", (int[]) { 1600, 1000 }, test_controls_fit);
  g_test_add_func ("/layout/export-reachable", test_export_reachable);
  g_test_add_func ("/layout/open-folder-in-header", test_open_folder_in_header);
  g_test_add_func ("/layout/pane-keys-shown", test_pane_keys_shown);
  g_test_add_func ("/layout/tool-icons", test_tool_icons);
  g_test_add_func ("/layout/side-bar-collapses", test_side_bar_collapses);
  g_test_add_func ("/layout/shortcuts-fit", test_shortcuts_fit);
  g_test_add_func ("/layout/export-describes-layout", test_export_describes_layout);
  g_test_add_func ("/layout/legend-fades", test_legend_fades);
  g_test_add_func ("/layout/legend-compact", test_legend_compact);
  g_test_add_func ("/layout/export-remembers", test_export_remembers);
  g_test_add_func ("/layout/all-frames-says-undo", test_all_frames_says_undo);
  g_test_add_func ("/layout/reopen-same-folder", test_reopen_same_folder);
  g_test_add_func ("/layout/recent-says-where", test_recent_says_where);
  g_test_add_func ("/layout/counts-plural", test_counts_plural);
  g_test_add_func ("/layout/counts-height", test_counts_height);
  g_test_add_func ("/layout/export-progress-plural", test_export_progress_plural);

  return g_test_run ();
}
