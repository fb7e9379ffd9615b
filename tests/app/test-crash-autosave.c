/* test-crash-autosave.c — kill -9 while autosave writes leaves an old or
 * a new state, never a mix
 *
 * The test runs itself again as a child process (--child FOLDER SEED N)
 * that opens a copy of the sample and works on it without a pause: a
 * stroke every 20–80 ms, with the brush or the eraser, in every class, at
 * random places and sizes, and now and then another Hoechst offset, so
 * that autosave (at most a second after a change) keeps rewriting both
 * the edits file and the series' .ini.  After each change the child prints
 * the SHA-1 of its whole edit layer, or the offset it now has.
 *
 * The parent kills the child with SIGKILL at a random moment, 0.3–2.5 s
 * after it started painting (2–2.5 s in every fourth round, so that
 * autosave has had the time to write), then loads the project beside the
 * images with the core API, as the next start of the application would,
 * and checks that:
 *
 *  - loading succeeds: no file is damaged, nothing is set aside;
 *  - the project folder holds only the project's own files and, beside
 *    them, temporary files named .livedead-tmp-<target>-XXXXXX, never read
 *    and never look like a project file;
 *  - the edit layer loaded is one the child reported holding, and the
 *    Hoechst offset one it reported having: an old or a new state.
 *
 * Each round goes on from the project the previous one left, and the
 * child reports what it loaded, which must be what the parent loaded: so
 * "old" really is an earlier saved state, and what a kill leaves is what
 * the application then finds.  A last child (N = 12) closes the window
 * normally after 12 changes: every reported change is saved then, and the
 * temporary files of the killed rounds, once a minute old, are gone.
 *
 * The delays and the children's seeds come from g_test_rand_int(): run
 * with --seed R02S… (printed at the start of the log) to replay a failing
 * run.  The 20 rounds of a plain build take about 45 s on a busy two-core
 * machine (75 s while it also compiles); a sanitizer build runs 8 rounds,
 * about 30 s.  LDA_CRASH_ROUNDS=n runs n rounds instead, with the same
 * checks.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utime.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-atomic-file.h"
#include "lda-channel-panel.h"
#include "lda-edits.h"
#include "lda-project.h"
#include "lda-project-lock.h"
#include "lda-window.h"

/* The bundled sample is 512 × 512. */
#define SAMPLE_SIZE 512

#if defined(__SANITIZE_ADDRESS__)
#define DEFAULT_ROUNDS 8
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DEFAULT_ROUNDS 8
#endif
#endif
#ifndef DEFAULT_ROUNDS
#define DEFAULT_ROUNDS 20
#endif

/* A child whose parent is gone stops by itself after this long. */
#define CHILD_LIFETIME_S 120

static const char *self_path;

/* ------------------------------------------------------------ checksums */

/* The SHA-1 of a frame's whole edit layer; %NULL stands for a layer with
 * no edit, which is what the project holds when no edits file is there. */
static char *
layer_checksum (const LdaEdits *edits)
{
  g_autofree guint8 *empty = NULL;

  if (edits != NULL)
    {
      g_assert_cmpuint (edits->width, ==, SAMPLE_SIZE);
      g_assert_cmpuint (edits->height, ==, SAMPLE_SIZE);
      return g_compute_checksum_for_data (G_CHECKSUM_SHA1, edits->pixels,
                                          (gsize) SAMPLE_SIZE * SAMPLE_SIZE);
    }

  empty = g_malloc ((gsize) SAMPLE_SIZE * SAMPLE_SIZE);
  memset (empty, LDA_NO_EDIT, (gsize) SAMPLE_SIZE * SAMPLE_SIZE);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA1, empty, (gsize) SAMPLE_SIZE * SAMPLE_SIZE);
}

static char *
offset_text (double offset)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, offset));
}

/* ---------------------------------------------------------------- child */

typedef struct
{
  LdaWindow *window;
  GRand     *rand;
  guint      n_strokes;   /* 0: until killed */
  guint      done;
  GMainLoop *loop;
} Child;

static void
child_say (const char *what,
           const char *value)
{
  /* One write per line, so a kill never cuts one. */
  if (value != NULL)
    printf ("%s %s\n", what, value);
  else
    printf ("%s\n", what);
  fflush (stdout);
}

static void
report_edits (Child *child)
{
  LdaDocument *document = lda_window_get_document (child->window);
  g_autofree char *sum = layer_checksum (document != NULL ? lda_document_get_edits (document, 0)
                                                          : NULL);

  child_say ("edits", sum);
}

static void
report_offset (Child *child)
{
  LdaSeries *series = lda_window_get_series (child->window);
  const LdaParams *params = lda_series_get_params (series);
  g_autofree char *text = offset_text (params->channel[LDA_CHANNEL_HOECHST].offset);

  child_say ("offset", text);
}

/* Another Hoechst offset, 1.0–3.0 by tenths, through the panel's slider as
 * the person would: the series' parameters change at once and the .ini is
 * saved with the next autosave. */
static void
change_offset (Child *child)
{
  GtkWidget *panel = lda_window_get_channel_panel (child->window, LDA_CHANNEL_HOECHST);
  GtkAdjustment *offset = lda_channel_panel_get_offset_adjustment (LDA_CHANNEL_PANEL (panel));
  double value;

  do
    value = g_rand_int_range (child->rand, 10, 31) / 10.0;
  while (value == gtk_adjustment_get_value (offset));
  gtk_adjustment_set_value (offset, value);
  report_offset (child);
}

/* A stroke of a few segments, with the brush in any class or the eraser. */
static void
paint_stroke (Child *child)
{
  GtkWidget *window = GTK_WIDGET (child->window);
  int klass = g_rand_int_range (child->rand, -1, LDA_N_CLASSES);
  double x = g_rand_int_range (child->rand, 0, SAMPLE_SIZE);
  double y = g_rand_int_range (child->rand, 0, SAMPLE_SIZE);
  guint moves = g_rand_int_range (child->rand, 1, 8);

  if (klass < 0)
    gtk_widget_activate_action (window, "win.tool", "s", "eraser");
  else
    {
      gtk_widget_activate_action (window, "win.tool", "s", "brush");
      gtk_widget_activate_action (window, "win.paint-class", "i", klass);
    }
  if (g_rand_int_range (child->rand, 0, 4) == 0)
    gtk_widget_activate_action (window, g_rand_boolean (child->rand) ? "win.brush-bigger"
                                                                     : "win.brush-smaller",
                                NULL);

  lda_window_stroke_begin (child->window, x, y);
  for (guint m = 0; m < moves; m++)
    {
      x = CLAMP (x + g_rand_int_range (child->rand, -40, 41), 0, SAMPLE_SIZE - 1);
      y = CLAMP (y + g_rand_int_range (child->rand, -40, 41), 0, SAMPLE_SIZE - 1);
      lda_window_stroke_move (child->window, x, y);
    }
  lda_window_stroke_end (child->window);
  report_edits (child);
}

static gboolean
child_step (gpointer user_data)
{
  Child *child = user_data;

  /* About one change in eight is the offset. */
  if (g_rand_int_range (child->rand, 0, 8) == 0)
    change_offset (child);
  else
    paint_stroke (child);

  child->done++;
  if (child->n_strokes > 0 && child->done >= child->n_strokes)
    {
      g_main_loop_quit (child->loop);
      return G_SOURCE_REMOVE;
    }

  /* The main loop runs between the changes: autosave writes meanwhile. */
  g_timeout_add (g_rand_int_range (child->rand, 20, 81), child_step, child);
  return G_SOURCE_REMOVE;
}

static gboolean
child_give_up (gpointer user_data)
{
  g_printerr ("child: not killed after %d s, stopping\n", CHILD_LIFETIME_S);
  exit (2);
  return G_SOURCE_REMOVE;
}

/* The child: opens the copy of the sample, says what it loaded, then
 * changes something every 20–80 ms until killed.  With @n_strokes > 0 it
 * stops after that many changes and closes the window, which saves. */
static int
run_child (const char *dir,
           guint32     seed,
           guint       n_strokes)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  LdaPipelineRunner *runner;
  LdaWindow *window;
  GFile *files[3];
  Child child = { NULL, };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", dir, channels[c]);

      files[c] = g_file_new_for_path (path);
    }

  window = lda_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  if (!lda_window_open (window, files, 3, FALSE))
    return 1;
  for (guint c = 0; c < 3; c++)
    g_object_unref (files[c]);

  /* Painting needs the automatic mask. */
  runner = lda_window_get_runner (window);
  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Anything but an empty message (a damaged file set aside, a folder
   * that cannot be written) means the project did not load as saved. */
  if (lda_window_get_message (window) != NULL && *lda_window_get_message (window) != '\0')
    child_say ("message", lda_window_get_message (window));

  child.window = window;
  child.rand = rand;
  child.n_strokes = n_strokes;
  child.loop = loop;

  /* What was loaded, then the signal to start the clock. */
  report_offset (&child);
  report_edits (&child);
  child_say ("painting", NULL);

  g_timeout_add_seconds (CHILD_LIFETIME_S, child_give_up, NULL);
  g_timeout_add (g_rand_int_range (rand, 20, 81), child_step, &child);
  g_main_loop_run (loop);

  /* Closing saves everything. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  while (window != NULL)
    g_main_context_iteration (NULL, TRUE);
  child_say ("closed", NULL);

  return 0;
}

/* --------------------------------------------------------------- parent */

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line (stream, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

/* What the child said: every edit layer and offset it held, in order. */
typedef struct
{
  GPtrArray *edits;     /* checksums */
  GPtrArray *offsets;   /* texts */
  gboolean   closed;
} Reports;

static void
reports_clear (Reports *reports)
{
  g_clear_pointer (&reports->edits, g_ptr_array_unref);
  g_clear_pointer (&reports->offsets, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reports, reports_clear)

static void
reports_init (Reports *reports)
{
  reports->edits = g_ptr_array_new_with_free_func (g_free);
  reports->offsets = g_ptr_array_new_with_free_func (g_free);
  reports->closed = FALSE;
}

/* Reads report lines up to "painting" (@until_painting) or to the end. */
static void
read_reports (GDataInputStream *out,
              Reports          *reports,
              gboolean          until_painting)
{
  for (;;)
    {
      g_autofree char *line = read_line (out);

      if (line == NULL)
        {
          /* The child died before it started: nothing to test. */
          g_assert_false (until_painting);
          return;
        }
      if (g_str_has_prefix (line, "edits "))
        g_ptr_array_add (reports->edits, g_strdup (line + 6));
      else if (g_str_has_prefix (line, "offset "))
        g_ptr_array_add (reports->offsets, g_strdup (line + 7));
      else if (g_str_equal (line, "painting"))
        {
          if (until_painting)
            return;
        }
      else if (g_str_equal (line, "closed"))
        reports->closed = TRUE;
      else
        g_error ("the child said “%s”", line);
    }
}

static gboolean
reported (GPtrArray  *values,
          const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;

  return FALSE;
}

static const char *
last_reported (GPtrArray *values)
{
  g_assert_cmpuint (values->len, >, 0);
  return g_ptr_array_index (values, values->len - 1);
}

/* Checks that @folder holds @target and temporaries of it, nothing else
 * (@target may be missing too).  Returns how many temporary files there
 * are; with @backdate, sets their time an hour back. */
static guint
check_folder (const char *folder,
              const char *target,
              const char *subfolder,
              gboolean    backdate)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint temps = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_str_equal (name, target))
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      else if (g_str_equal (name, LDA_PROJECT_LOCK_NAME) ||
               g_str_has_prefix (name, ".livedead-tmp-lock-"))
        /* The killed window's lock, which the next opener takes over. */
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      else if (subfolder != NULL && g_str_equal (name, subfolder))
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
      else if (lda_atomic_file_is_temp_of (name, target))
        {
          /* Never read, and never taken for a project file. */
          g_assert_false (g_str_has_suffix (name, ".ini"));
          g_assert_false (g_str_has_suffix (name, ".edits"));
          temps++;
          if (backdate)
            {
              struct utimbuf long_ago = { time (NULL) - 3600, time (NULL) - 3600 };

              g_assert_cmpint (g_utime (path, &long_ago), ==, 0);
            }
        }
      else
        g_error ("%s: not a project file nor a temporary one (damaged and set aside?)", path);
    }

  return temps;
}

/* The whole project folder: the series' .ini, edits/<frame>.edits and
 * their temporary files.  Returns the number of temporary files. */
static guint
check_project_folder (LdaSeries  *series,
                      const char *project,
                      gboolean    backdate)
{
  g_autofree char *ini = g_strconcat (lda_series_get_name (series), ".ini", NULL);
  g_autofree char *edits_dir = g_build_filename (project, "edits", NULL);
  g_autofree char *edits = g_strconcat (lda_series_get_frame (series, 0)->title, ".edits",
                                        NULL);
  guint temps;

  /* The names need no escaping (see lda-project.c). */
  g_assert_cmpstr (lda_series_get_name (series), ==, LDA_TEST_SAMPLE);
  g_assert_cmpstr (lda_series_get_frame (series, 0)->title, ==, LDA_TEST_SAMPLE);

  temps = check_folder (project, ini, "edits", backdate);
  if (g_file_test (edits_dir, G_FILE_TEST_IS_DIR))
    temps += check_folder (edits_dir, edits, NULL, backdate);

  return temps;
}

typedef struct
{
  char *edits;    /* checksum of frame 0's layer */
  char *offset;   /* the Hoechst offset */
} Saved;

static void
saved_clear (Saved *saved)
{
  g_clear_pointer (&saved->edits, g_free);
  g_clear_pointer (&saved->offset, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Saved, saved_clear)

/* Loads the project as the application does when it opens the sample's
 * copy in @dir; counts its temporary files into *@temps. */
static void
load_saved (const char *dir,
            gboolean    backdate,
            Saved      *saved,
            guint      *temps)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  char *paths[4] = { NULL, };
  const LdaParams *params;
  gboolean ok;

  for (guint c = 0; c < 3; c++)
    paths[c] = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", dir, channels[c]);
  series = lda_series_new_from_files ((const char * const *) paths, 3, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < 3; c++)
    g_free (paths[c]);

  project = lda_project_default_folder (series);
  *temps = g_file_test (project, G_FILE_TEST_IS_DIR)
           ? check_project_folder (series, project, backdate) : 0;

  /* Nothing damaged: no LDA_ERROR_CORRUPT, nothing set aside. */
  ok = lda_project_load (series, project, &edits, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (edits->len, ==, 1);
  if (g_file_test (project, G_FILE_TEST_IS_DIR))
    check_project_folder (series, project, FALSE);

  saved_clear (saved);
  saved->edits = layer_checksum (g_ptr_array_index (edits, 0));
  params = lda_series_get_params (series);
  saved->offset = offset_text (params->channel[LDA_CHANNEL_HOECHST].offset);
}

static GSubprocess *
spawn_child (const char         *dir,
             guint32             seed,
             guint               n_strokes,
             GDataInputStream  **out)
{
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT32_FORMAT, seed);
  g_autofree char *strokes_text = g_strdup_printf ("%u", n_strokes);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--child", dir, seed_text, strokes_text, NULL);
  g_assert_no_error (error);
  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  return child;
}

/* The child starts from what the parent found on disk. */
static void
assert_starts_from (Reports     *reports,
                    const Saved *saved)
{
  g_assert_cmpuint (reports->edits->len, ==, 1);
  g_assert_cmpuint (reports->offsets->len, ==, 1);
  g_assert_cmpstr (last_reported (reports->edits), ==, saved->edits);
  g_assert_cmpstr (last_reported (reports->offsets), ==, saved->offset);
}

static guint
n_rounds (void)
{
  const char *text = g_getenv ("LDA_CRASH_ROUNDS");

  if (text != NULL && *text != '\0')
    return (guint) g_ascii_strtoull (text, NULL, 10);

  return DEFAULT_ROUNDS;
}

static void
test_kill_during_autosave (void)
{
  g_autofree char *dir = NULL;
  g_auto(Saved) saved = { NULL, };
  guint rounds = n_rounds ();
  guint changed = 0, latest = 0, mid_write = 0, temps = 0, temps_before = 0;

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-crash-autosave");

  /* Before anything: no project, the empty layer, default parameters. */
  load_saved (dir, FALSE, &saved, &temps);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(Reports) reports = { NULL, };
      g_autofree char *before = g_strdup (saved.edits);
      /* Every fourth round lasts long enough for autosave to have
       * written (it starts a second after the first change). */
      guint delay_ms = g_test_rand_int_range (round % 4 == 0 ? 2000 : 300, 2501);
      guint32 seed = g_test_rand_int ();
      gint64 painting;

      reports_init (&reports);
      child = spawn_child (dir, seed, 0, &out);
      read_reports (out, &reports, TRUE);
      painting = g_get_monotonic_time ();
      assert_starts_from (&reports, &saved);

      /* Without warning, at any moment of the work. */
      g_usleep (MAX (0, (gint64) delay_ms * 1000 - (g_get_monotonic_time () - painting)));
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
      read_reports (out, &reports, FALSE);

      /* An old state or a new one, never a mix. */
      load_saved (dir, FALSE, &saved, &temps);
      g_test_message ("round %u: killed after %u ms and %u changes; saved edits: %s%s",
                      round, delay_ms, reports.edits->len + reports.offsets->len - 2,
                      g_str_equal (saved.edits, last_reported (reports.edits))
                      ? "the newest" : "an earlier state",
                      g_str_equal (saved.edits, before) ? " (the round's start)" : "");
      g_assert_true (reported (reports.edits, saved.edits));
      g_assert_true (reported (reports.offsets, saved.offset));

      changed += !g_str_equal (saved.edits, before);
      latest += g_str_equal (saved.edits, last_reported (reports.edits));
      /* New temporary files: killed while writing (older ones go once
       * they are a minute old, so this may miss a few). */
      mid_write += temps > temps_before;
      temps_before = temps;
    }

  g_test_message ("%u rounds: %u saved new edits, %u the newest; %u were killed "
                  "while writing a file", rounds, changed, latest, mid_write);
  /* Autosave wrote between the kills, so the rounds did test replacing a
   * saved state (the long rounds alone leave it a second or more). */
  if (rounds >= 4)
    g_assert_cmpuint (changed, >=, 1);

  /* Closing normally saves every change; the next saves remove the
   * temporary files of the killed rounds once they are a minute old. */
  load_saved (dir, TRUE, &saved, &temps);
  {
    g_autoptr(GSubprocess) child = NULL;
    g_autoptr(GDataInputStream) out = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(Reports) reports = { NULL, };

    reports_init (&reports);
    child = spawn_child (dir, g_test_rand_int (), 12, &out);
    read_reports (out, &reports, TRUE);
    assert_starts_from (&reports, &saved);
    read_reports (out, &reports, FALSE);
    g_subprocess_wait_check (child, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (reports.closed);

    load_saved (dir, FALSE, &saved, &temps);
    g_assert_cmpstr (saved.edits, ==, last_reported (reports.edits));
    g_assert_cmpstr (saved.offset, ==, last_reported (reports.offsets));
    g_assert_cmpuint (temps, ==, 0);
  }

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  self_path = argv[0];

  if (argc == 5 && g_str_equal (argv[1], "--child"))
    {
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      if (!gtk_init_check ())
        return 1;
      return run_child (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10),
                        (guint) g_ascii_strtoull (argv[4], NULL, 10));
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-during-autosave", test_kill_during_autosave);

  return g_test_run ();
}
