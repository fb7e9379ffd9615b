/* test-layout.c — the window read in English and in German: words and
 * counts as a person reads them
 *
 * Runs under Xvfb (tests/app/meson.build).  The translations are the
 * build's (LDA_LOCALEDIR); each test sets the language it reads.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-export-dialog.h"
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

/* "1 cell", not "1 cells", in both languages. */
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

  dir = lda_test_copy_sample ("lda-layout");
  window = lda_test_window_new (1280, 800);
  lda_test_open (window, dir);

  set_language ("en");
  assert_counts_read (window, 1, "1 cell,");
  assert_counts_read (window, 2, "2 cells,");
  assert_counts_read (window, 0, "0 cells,");
  set_language ("de");
  assert_counts_read (window, 1, "1 Zelle,");
  assert_counts_read (window, 2, "2 Zellen,");

  set_language ("en");
  gtk_window_destroy (GTK_WINDOW (window));
  lda_test_remove_tree (dir);
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
      window = lda_test_window_new (1280, 800);
      lda_test_open (window, dir);
      g_ptr_array_add (edits, NULL);
      dialog = lda_export_dialog_new (GTK_WINDOW (window), lda_window_get_series (window),
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

  g_test_add_func ("/layout/counts-plural", test_counts_plural);
  g_test_add_func ("/layout/export-progress-plural", test_export_progress_plural);

  return g_test_run ();
}
