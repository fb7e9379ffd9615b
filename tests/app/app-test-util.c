/* app-test-util.c — folders and windows for the application tests
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "app-test-util.h"

/**
 * lda_test_copy_sample:
 * @prefix: start of the temporary folder's name
 *
 * A fresh folder holding a copy of the bundled sample triple, so that what
 * the application saves beside the images stays out of the source tree.
 *
 * Returns: (transfer full): the folder
 */
char *
lda_test_copy_sample (const char *prefix)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    {
      g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channels[c]);
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);

      g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return dir;
}

/* Removes a file, or a folder with everything in it. */
void
lda_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      lda_test_remove_tree (child);
    }
  g_rmdir (path);
}

/**
 * lda_test_sample_path:
 * @dir: a folder made by lda_test_copy_sample()
 * @channel: "bf", "hoechst" or "draq7"
 *
 * Returns: (transfer full): the sample's image of @channel in @dir
 */
char *
lda_test_sample_path (const char *dir,
                      const char *channel)
{
  g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channel);

  return g_build_filename (dir, name, NULL);
}

LdaWindow *
lda_test_window_new (void)
{
  LdaWindow *window = lda_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Closes @window as the person does, and lets it go. */
void
lda_test_window_close (LdaWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * lda_test_open:
 * @window: a window
 * @paths: (array length=n_paths): a folder or three images
 * @n_paths: how many
 *
 * Opens @paths as the file chooser does, and waits until the window has
 * either shown them or said why not (lda_test_wait()).
 *
 * Returns: what lda_window_open() returned
 */
gboolean
lda_test_open (LdaWindow          *window,
               const char * const *paths,
               guint               n_paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  for (guint i = 0; i < n_paths; i++)
    g_ptr_array_add (files, g_file_new_for_path (paths[i]));

  ok = lda_window_open (window, (GFile **) files->pdata, n_paths, FALSE);
  lda_test_wait (window);
  return ok;
}

/**
 * lda_test_wait:
 * @window: a window
 *
 * Iterates the main loop until the runner has answered its newest
 * request, then lets the window draw.
 *
 * Returns: (nullable): the runner's latest result
 */
LdaRunResult *
lda_test_wait (LdaWindow *window)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);

  while (lda_pipeline_runner_is_busy (runner))
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);

  return lda_pipeline_runner_get_result (runner);
}

/* Takes a tool, and a class to paint with unless @klass is negative. */
void
lda_test_use_tool (LdaWindow  *window,
                   const char *tool,
                   int         klass)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", tool);
  if (klass >= 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", klass);
}

/* A stroke in ten moves, through the calls the mouse gesture makes. */
void
lda_test_stroke (LdaWindow *window,
                 double     x0,
                 double     y0,
                 double     x1,
                 double     y1)
{
  lda_window_stroke_begin (window, x0, y0);
  for (int i = 1; i <= 10; i++)
    lda_window_stroke_move (window, x0 + (x1 - x0) * i / 10.0, y0 + (y1 - y0) * i / 10.0);
  lda_window_stroke_end (window);
}
