/* app-test-util.c — folders and windows for the application tests
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "app-test-util.h"

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

static void
stroke (LdaWindow *window,
        double     x0,
        double     y0,
        double     x1,
        double     y1,
        gboolean   join)
{
  if (join)
    lda_window_stroke_begin_joining (window, x0, y0);
  else
    lda_window_stroke_begin (window, x0, y0);
  for (int i = 1; i <= 10; i++)
    lda_window_stroke_move (window, x0 + (x1 - x0) * i / 10.0, y0 + (y1 - y0) * i / 10.0);
  lda_window_stroke_end (window);
}

/* A stroke in ten moves, through the calls the mouse gesture makes. */
void
lda_test_stroke (LdaWindow *window,
                 double     x0,
                 double     y0,
                 double     x1,
                 double     y1)
{
  stroke (window, x0, y0, x1, y1, FALSE);
}

/* lda_test_stroke() with Shift held: a nucleus class paints every pixel
 * of the stroke, joining the nuclei it reaches. */
void
lda_test_stroke_joining (LdaWindow *window,
                         double     x0,
                         double     y0,
                         double     x1,
                         double     y1)
{
  stroke (window, x0, y0, x1, y1, TRUE);
}

/* Whether @klass is a nucleus's: Hoechst or Draq7. */
gboolean
lda_test_is_nucleus_class (guint klass)
{
  return klass == LDA_CLASS_HOECHST || klass == LDA_CLASS_DRAQ7;
}

/* Whether (@x, @y) of an image @width wide is one of @pixels, the
 * indices y × width + x that lda_labels_nucleus_find() gives. */
gboolean
lda_test_pixel_in (const GArray *pixels,
                   int           x,
                   int           y,
                   guint         width)
{
  if (pixels == NULL || x < 0 || y < 0 || (guint) x >= width)
    return FALSE;
  for (guint i = 0; i < pixels->len; i++)
    if (g_array_index (pixels, guint32, i) == (guint32) y * width + (guint32) x)
      return TRUE;

  return FALSE;
}
