/* test-crash.c — kill -9 right after a stroke loses at most 2 s of work
 *
 * The test runs itself again as a child process (with --child FOLDER)
 * that opens a copy of the sample, paints a stroke and says so; the
 * parent kills it with SIGKILL 2 s after the stroke, without letting it
 * close, and then reads the project beside the images: the stroke must be
 * there.  A second stroke painted just before the kill may be lost, but
 * the files must never be damaged.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-edits.h"
#include "lda-project.h"
#include "lda-window.h"


static const char *self_path;

static void
wait_for_result (LdaWindow *window)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);

  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
stroke (LdaWindow *window,
        double     y)
{
  /* Shift held: a line of class 4 across whatever nuclei it meets. */
  lda_window_stroke_begin_joining (window, 20, y);
  for (int x = 30; x <= 200; x += 10)
    lda_window_stroke_move (window, x, y);
  lda_window_stroke_end (window);
}

/* The child: paint, report, paint again, report, then keep running. */
static int
run_child (const char *dir)
{
  LdaWindow *window;
  GFile *files[3];
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", dir, channels[c]);

      files[c] = g_file_new_for_path (path);
    }

  window = lda_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  lda_window_open (window, files, 3, FALSE);
  wait_for_result (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "brush");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", 4);
  stroke (window, 100);
  printf ("first stroke\n");
  fflush (stdout);

  /* Keep working until killed: a second stroke a little later. */
  for (int i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (18000);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", 2);
  stroke (window, 300);
  printf ("second stroke\n");
  fflush (stdout);

  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line (stream, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

static void
test_kill_after_stroke (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autofree char *project = NULL;
  LdaEdits *frame_edits;
  gint64 painted;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-crash");
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--child", dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  line = read_line (out);
  g_assert_cmpstr (line, ==, "first stroke");
  painted = g_get_monotonic_time ();

  /* Two seconds after the stroke (longer where the tests run slower),
   * without warning. */
  g_usleep ((gint64) (2 * G_USEC_PER_SEC * lda_test_time_factor ()) - (g_get_monotonic_time () - painted));
  kill (atoi (g_subprocess_get_identifier (child)), SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (child));

  {
    const char *paths[3];
    g_autofree char *bf = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_bf.tif", dir);
    g_autofree char *ho = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_hoechst.tif", dir);
    g_autofree char *dr = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_draq7.tif", dir);

    paths[0] = bf;
    paths[1] = ho;
    paths[2] = dr;
    series = lda_series_new_from_files (paths, 3, &error);
    g_assert_no_error (error);
  }

  project = lda_project_default_folder (series);
  g_assert_true (lda_project_load (series, project, &edits, &error));
  g_assert_no_error (error);
  g_assert_nonnull (edits);
  frame_edits = g_ptr_array_index (edits, 0);
  g_assert_nonnull (frame_edits);

  /* The first stroke, painted 2 s before the kill, is there. */
  for (guint x = 30; x <= 190; x += 10)
    g_assert_cmpuint (frame_edits->pixels[100 * frame_edits->width + x], ==, 4);

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  self_path = argv[0];

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    {
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      if (!gtk_init_check ())
        return 1;
      return run_child (argv[2]);
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-after-stroke", test_kill_after_stroke);

  return g_test_run ();
}
