/* test-leave.c — leaving a series: its undo is there on coming back, and
 * corrections that cannot be saved are never dropped, not by closing the
 * window, not by opening another series
 *
 * The disk is "full" through RLIMIT_FSIZE: every write past 16 bytes
 * fails with EFBIG, as on a full disk.  Runs under Xvfb
 * (tests/app/meson.build).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-edits.h"
#include "lda-project.h"
#include "lda-window.h"

static gboolean have_display;
static struct rlimit room;

/* Warnings a test expects, and how many came. */
static const char *expected_warning;
static guint n_expected;

static void
expect_warning (const char *pattern)
{
  expected_warning = pattern;
  n_expected = 0;
}

/* The expected warnings counted, not fatal; GTK's list of recent files,
 * which cannot be written on the full disk either, is GTK's to report
 * and not what is tested here. */
static GLogWriterOutput
writer (GLogLevelFlags   level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *message = fields[i].value;

      if (g_strcmp0 (fields[i].key, "MESSAGE") != 0 || fields[i].length >= 0)
        continue;
      if (strstr (message, "recently-used.xbel") != NULL)
        return G_LOG_WRITER_HANDLED;
      if ((level & G_LOG_LEVEL_WARNING) && expected_warning != NULL &&
          g_pattern_match_simple (expected_warning, message))
        {
          n_expected++;
          return G_LOG_WRITER_HANDLED;
        }
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
disk_full (void)
{
  struct rlimit full = room;

  full.rlim_cur = 16;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &full), ==, 0);
}

static void
disk_has_room (void)
{
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &room), ==, 0);
}

static void
wait_for_state (LdaDocument  *document,
                LdaSaveState  state)
{
  gint64 deadline = lda_test_deadline (30);

  while (lda_document_get_save_state (document) != state)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static LdaWindow *
open_path (LdaWindow  *window,
           const char *path)
{
  const char *paths[] = { path };

  if (window == NULL)
    window = lda_test_window_new ();
  g_assert_true (lda_test_open (window, paths, 1));
  settle ();

  return window;
}

/* The sample copied into a folder of its own, as the time point t1 of a
 * well. */
static char *
make_folder (void)
{
  char *dir = lda_test_copy_sample ("lda-leave");
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *from = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", dir, channels[c]);
      g_autofree char *to = g_strdup_printf ("%s/well_t1_%s.tif", dir, channels[c]);

      g_assert_cmpint (g_rename (from, to), ==, 0);
    }

  return dir;
}

/* The class of pixel (@x, @y) in the corrections saved for the folder. */
static int
saved_class (const char *dir,
             guint       x,
             guint       y)
{
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (dir, NULL);
  g_autoptr(LdaProjectLocation) location = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  LdaEdits *e;

  g_assert_nonnull (series);
  location = lda_project_location_new (series, FALSE);
  g_assert_true (lda_project_load_location (series, location, &edits, NULL, &error));
  g_assert_no_error (error);
  e = g_ptr_array_index (edits, 0);

  return e != NULL ? e->pixels[y * e->width + x] : -1;
}

/* The question the window asks, answered; %FALSE if there is none. */
static gboolean
answer (LdaWindow *window,
        gboolean   accept)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  (void) window;
  (void) accept;
  g_test_skip ("the question is a GtkAlertDialog, which a test cannot answer");
  return FALSE;
#else
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GtkWindow *top = g_list_model_get_item (toplevels, i);

      /* GTK's list keeps it; a reference here would outlive its parent. */
      g_object_unref (top);
      if (GTK_IS_DIALOG (top) && gtk_window_get_transient_for (top) == GTK_WINDOW (window))
        {
          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          /* Closing without the corrections loses them: its button says
           * so by its colour. */
          g_assert_true (gtk_widget_has_css_class (
            gtk_dialog_get_widget_for_response (GTK_DIALOG (top), GTK_RESPONSE_ACCEPT),
            "destructive-action"));
          gtk_dialog_response (GTK_DIALOG (top), accept ? GTK_RESPONSE_ACCEPT
                                                        : GTK_RESPONSE_CANCEL);
          G_GNUC_END_IGNORE_DEPRECATIONS
          settle ();
          return TRUE;
        }
    }

  return FALSE;
#endif
}

/* A window on @dir with a stroke that the full disk keeps from being
 * saved; *@alive is %NULL once the window is gone. */
static LdaWindow *
stroke_unsaved (const char  *dir,
                GtkWindow  **alive)
{
  LdaWindow *window = open_path (NULL, dir);

  *alive = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) alive);
  lda_test_use_tool (window, "brush", 3);
  disk_full ();
  /* Shift held: a line of class 3 across whatever nuclei it meets. */
  lda_test_stroke_joining (window, 20, 60, 200, 60);
  wait_for_state (lda_window_get_document (window), LDA_SAVE_STATE_FAILED);

  return window;
}

/* Closing while the corrections cannot be saved asks, and Cancel keeps
 * the window and the stroke; with room again it closes and the stroke is
 * on disk.  Before, the window closed and the stroke was lost. */
static void
test_close_asks (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWindow *alive;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_folder ();
  window = stroke_unsaved (dir, &alive);

  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_nonnull (alive);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  if (!answer (window, FALSE))
    {
      disk_has_room ();
      lda_test_window_close (window);
      lda_test_remove_tree (dir);
      return;
    }
  g_assert_nonnull (alive);
  g_assert_cmpint (saved_class (dir, 100, 60), !=, 3);

  disk_has_room ();
  lda_test_window_close (window);
  g_assert_null (alive);
  g_assert_cmpint (saved_class (dir, 100, 60), ==, 3);

  lda_test_remove_tree (dir);
}

/* Close Without Saving closes, as the person said. */
static void
test_close_without_saving (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWindow *alive;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_folder ();
  window = stroke_unsaved (dir, &alive);

  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_nonnull (alive);
  expect_warning ("Could not save the corrections*");
  if (answer (window, TRUE))
    {
      g_assert_cmpuint (n_expected, >=, 1);
      g_assert_null (alive);
      g_assert_cmpint (saved_class (dir, 100, 60), !=, 3);
    }
  disk_has_room ();
  expect_warning (NULL);
  if (alive != NULL)
    lda_test_window_close (window);

  lda_test_remove_tree (dir);
}

/* The end of the session closes without asking. */
static void
test_close_now (void)
{
  g_autofree char *dir = NULL;
  LdaWindow *window;
  GtkWindow *alive;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_folder ();
  window = stroke_unsaved (dir, &alive);

  expect_warning ("Could not save the corrections*");
  lda_window_close_now (window);
  settle ();
  g_assert_cmpuint (n_expected, >=, 1);
  g_assert_null (alive);
  disk_has_room ();
  expect_warning (NULL);

  lda_test_remove_tree (dir);
}

/* Opening another folder while the corrections cannot be saved keeps
 * them: the bar says so, opening the folder again shows the same
 * document with the stroke and its undo, and once there is room the
 * kept document saves by itself.  Before, it was closed and the stroke
 * lost. */
static void
test_switch_keeps (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other = NULL;
  LdaWindow *window;
  LdaDocument *first;
  const char *message;
  gint64 deadline;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_folder ();
  other = make_folder ();
  window = open_path (NULL, dir);
  first = lda_window_get_document (window);

  lda_test_use_tool (window, "brush", 3);
  disk_full ();
  lda_test_stroke_joining (window, 20, 60, 200, 60);
  wait_for_state (first, LDA_SAVE_STATE_FAILED);

  open_path (window, other);
  g_assert_true (lda_window_get_document (window) != first);
  g_assert_cmpuint (lda_window_get_n_kept (window), ==, 1);
  message = lda_window_get_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "not saved yet"));
  g_assert_nonnull (strstr (message, g_strerror (EFBIG)));

  /* Back to the first folder: the kept document itself, writable, with
   * the stroke, which undo takes back and redo brings again. */
  open_path (window, dir);
  g_assert_true (lda_window_get_document (window) == first);
  g_assert_false (lda_document_is_read_only (first));
  g_assert_cmpuint (lda_window_get_n_kept (window), ==, 0);
  g_assert_cmpuint (lda_image_get (lda_window_get_merged (window), 100, 60), ==, 3);
  g_assert_true (lda_document_can_undo (first, 0));

  /* Away again, and room on the disk: the kept one saves and is closed. */
  open_path (window, other);
  g_assert_cmpuint (lda_window_get_n_kept (window), ==, 1);
  disk_has_room ();
  deadline = lda_test_deadline (30);
  while (lda_window_get_n_kept (window) > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  message = lda_window_get_message (window);
  g_assert_true (message == NULL || strstr (message, "not saved yet") == NULL);
  g_assert_cmpint (saved_class (dir, 100, 60), ==, 3);

  /* Closed once saved, its undo kept as for any series left. */
  open_path (window, dir);
  g_assert_true (lda_document_can_undo (lda_window_get_document (window), 0));

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
  lda_test_remove_tree (other);
}

/* A stroke made before going to another folder and back is undone by
 * Ctrl+Z, and redone; before, the history went with the document. */
static void
test_undo_after_switch (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *other = NULL;
  LdaWindow *window;
  guint before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = make_folder ();
  other = make_folder ();
  window = open_path (NULL, dir);
  before = lda_image_get (lda_window_get_merged (window), 100, 60);

  lda_test_use_tool (window, "brush", before == 3 ? 4 : 3);
  lda_test_stroke_joining (window, 20, 60, 200, 60);
  g_assert_cmpuint (lda_image_get (lda_window_get_merged (window), 100, 60), !=, before);

  open_path (window, other);
  g_assert_false (lda_document_can_undo (lda_window_get_document (window), 0));
  open_path (window, dir);
  g_assert_true (lda_document_can_undo (lda_window_get_document (window), 0));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle ();
  g_assert_cmpuint (lda_image_get (lda_window_get_merged (window), 100, 60), ==, before);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  settle ();
  g_assert_cmpuint (lda_image_get (lda_window_get_merged (window), 100, 60), !=, before);

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
  lda_test_remove_tree (other);
}

/* In the application's process, before it starts: the disk "full", and
 * SIGXFSZ as a shell leaves it (this test ignores it). */
static void
limit_child (gpointer user_data)
{
  struct rlimit full = room;

  (void) user_data;
  full.rlim_cur = 16;
  setrlimit (RLIMIT_FSIZE, &full);
  signal (SIGXFSZ, SIG_DFL);
}

/* The application started under `ulimit -f`: its first write past the
 * limit (the project's lock) fails and is said, instead of the signal
 * killing the application; the end of the session then closes it
 * cleanly.  Before, SIGXFSZ killed it while it opened the folder. */
static void
test_file_size_limit (void)
{
  const char *app = g_getenv ("LIVEDEAD_ANNOTATOR");
  g_autofree char *dir = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shown = FALSE;
  char *line;

  if (!have_display || app == NULL)
    {
      g_test_skip (app == NULL ? "LIVEDEAD_ANNOTATOR not set" : "no display");
      return;
    }

  dir = make_folder ();
  /* Its debug messages come on the standard output. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "livedead-annotator", TRUE);
  /* GTK and GLib say what they cannot write; that is not fatal here. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, limit_child, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, app, dir, NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (!shown && (line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      shown = strstr (line, "frame 0 shown") != NULL;
      g_free (line);
    }
  g_assert_true (shown);

  /* What it says until it ends is read, so that it never waits on a
   * full pipe. */
  g_subprocess_send_signal (process, SIGTERM);
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    g_free (line);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (writer, NULL, NULL);
  have_display = gtk_init_check ();
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &room), ==, 0);

  g_test_add_func ("/leave/close-asks", test_close_asks);
  g_test_add_func ("/leave/close-without-saving", test_close_without_saving);
  g_test_add_func ("/leave/close-now", test_close_now);
  g_test_add_func ("/leave/switch-keeps", test_switch_keeps);
  g_test_add_func ("/leave/undo-after-switch", test_undo_after_switch);
  g_test_add_func ("/leave/file-size-limit", test_file_size_limit);

  return g_test_run ();
}
