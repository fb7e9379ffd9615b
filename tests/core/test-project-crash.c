/* test-project-crash.c — lda-project never leaves a half-written file:
 * a child saves two states in turn as fast as it can and is killed at
 * random moments; every file is then whole, either state, never a mix.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <unistd.h>

#include "lda-test-lib.h"
#include "test-project-common.h"

/* Set in the environment of the child that saves in a loop until killed. */
#define WRITER_ENV     "LDA_TEST_PROJECT_WRITER"
#define CRASH_SIZE     1024
#define CRASH_KILLS    30

/* State A (which = 0) or B (which = 1) of the project's parameters. */
static void
crash_state (LdaSeries *series,
             guint      which)
{
  LdaParams params, override;

  odd_params (&params, 10 + which);
  odd_params (&override, 20 + which);
  lda_series_set_params (series, &params);
  lda_series_set_frame_override (series, which, &override);
  lda_series_set_frame_override (series, 1 - which, NULL);
  lda_series_get_frame (series, 0)->state = which == 0 ? LDA_FRAME_EDITED : LDA_FRAME_EXPORTED;
  lda_series_get_frame (series, 1)->state = which == 0 ? LDA_FRAME_AUTOMATIC : LDA_FRAME_EDITED;
}

static LdaEdits *
crash_edits (guint which,
             guint frame)
{
  LdaEdits *edits = edits_new (CRASH_SIZE, CRASH_SIZE);

  strokes (edits, 100 + 10 * which + frame, 2000, 10);
  return edits;
}

/* The child: saves B, A, B, … as fast as it can until it is killed (or
 * for a minute at most, should the parent be gone). */
static int
run_writer (const char *images,
            const char *folder)
{
  g_autoptr(LdaSeries) series = open_series (images);
  LdaEdits *edits[2][2];
  gint64 deadline = lda_test_deadline (60);

  for (guint w = 0; w < 2; w++)
    for (guint f = 0; f < 2; f++)
      edits[w][f] = crash_edits (w, f);

  g_print ("ready\n");
  fflush (stdout);

  for (guint i = 0; g_get_monotonic_time () < deadline; i++)
    {
      guint which = (i + 1) % 2;
      g_autoptr(GError) error = NULL;

      crash_state (series, which);
      if (!lda_project_save_params (series, folder, &error) ||
          !lda_project_save_edits (folder, series, 0, edits[which][0], &error) ||
          !lda_project_save_edits (folder, series, 1, edits[which][1], &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }
    }

  for (guint w = 0; w < 2; w++)
    for (guint f = 0; f < 2; f++)
      lda_edits_free (edits[w][f]);
  return 0;
}

/* Which of @expected (two byte strings) @path holds, entirely; fails if
 * neither. */
static guint
which_bytes (const char  *path,
             GBytes     **expected)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  char *contents = read_file (path, &length);

  bytes = g_bytes_new_take (contents, length);
  for (guint w = 0; w < 2; w++)
    if (g_bytes_equal (bytes, expected[w]))
      return w;

  g_error ("%s is neither state A nor state B (%" G_GSIZE_FORMAT " bytes)", path, length);
  return 0;
}

static GBytes *
file_bytes (const char *path)
{
  gsize length;
  char *contents = read_file (path, &length);

  return g_bytes_new_take (contents, length);
}

/* The two states A and B of a series' files, as saved. */
typedef struct
{
  char      *images;
  char      *folder;
  char      *ini;
  char      *edits_files[2];
  GBytes    *ini_bytes[2];
  GBytes    *edits_bytes[2][2];
  LdaEdits  *edits[2][2];
  LdaParams  params[2];
} CrashStates;

/* What the kills left, added up. */
typedef struct
{
  guint ini_seen[2];
  guint edits_seen[2];
  guint mixed;
  guint with_temps;
  guint temps;
} CrashTally;

/* Saves A and B once each, to know what the files hold in each. */
static void
save_states (CrashStates *states,
             LdaSeries   *series)
{
  states->ini = g_strdup_printf ("%s/%s.ini", states->folder, lda_series_get_name (series));
  for (guint f = 0; f < 2; f++)
    states->edits_files[f] = g_strdup_printf ("%s/edits/%s.edits", states->folder,
                                              lda_series_get_frame (series, f)->title);

  for (guint w = 0; w < 2; w++)
    {
      crash_state (series, w);
      states->params[w] = *lda_series_get_params (series);
      save_params (series, states->folder);
      states->ini_bytes[w] = file_bytes (states->ini);
      for (guint f = 0; f < 2; f++)
        {
          states->edits[w][f] = crash_edits (w, f);
          save_edits (series, states->folder, f, states->edits[w][f]);
          states->edits_bytes[w][f] = file_bytes (states->edits_files[f]);
        }
    }
  g_test_message ("state sizes: ini %" G_GSIZE_FORMAT " B, edits %" G_GSIZE_FORMAT
                  " and %" G_GSIZE_FORMAT " B for %u x %u",
                  g_bytes_get_size (states->ini_bytes[0]),
                  g_bytes_get_size (states->edits_bytes[0][0]),
                  g_bytes_get_size (states->edits_bytes[0][1]), CRASH_SIZE, CRASH_SIZE);
}

static void
crash_states_clear (CrashStates *states)
{
  for (guint w = 0; w < 2; w++)
    {
      g_bytes_unref (states->ini_bytes[w]);
      g_free (states->edits_files[w]);
      for (guint f = 0; f < 2; f++)
        {
          g_bytes_unref (states->edits_bytes[w][f]);
          lda_edits_free (states->edits[w][f]);
        }
    }
  g_free (states->ini);
  g_free (states->images);
  g_free (states->folder);
}

/* Starts the writer (this program, @self, saving A and B in turn), kills
 * it @delay ms later, and checks that it was killed while saving. */
static void
kill_writer (const char        *self,
             const CrashStates *states,
             guint              delay)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, WRITER_ENV, states->images, TRUE);
  g_subprocess_launcher_setenv (launcher, WRITER_ENV "_FOLDER", states->folder, TRUE);
  writer = g_subprocess_launcher_spawn (launcher, &error, self, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");

  g_usleep (delay * 1000);
  g_subprocess_send_signal (writer, SIGKILL);
  g_assert_true (g_subprocess_wait (writer, NULL, &error));
  g_assert_no_error (error);
  /* Killed while saving, not stopped by a failure. */
  g_assert_true (g_subprocess_get_if_signaled (writer));
  g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);
}

/* After a kill: each file is entirely A or entirely B, and the project
 * loads as it says, temporary files or not. */
static void
check_after_kill (const CrashStates *states,
                  CrashTally        *tally)
{
  g_autoptr(LdaSeries) fresh = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  guint ini_state, edits_state[2], n_temps;

  /* Temporary files pile up (all younger than a minute). */
  n_temps = count_temps (states->folder);
  tally->with_temps += n_temps > tally->temps;
  tally->temps = n_temps;

  ini_state = which_bytes (states->ini, (GBytes **) states->ini_bytes);
  tally->ini_seen[ini_state]++;
  for (guint f = 0; f < 2; f++)
    {
      GBytes *expected[2] = { states->edits_bytes[0][f], states->edits_bytes[1][f] };

      edits_state[f] = which_bytes (states->edits_files[f], expected);
      tally->edits_seen[edits_state[f]]++;
    }
  tally->mixed += edits_state[0] != ini_state || edits_state[1] != ini_state;

  fresh = open_series (states->images);
  loaded = load (fresh, states->folder);
  g_assert_true (params_equal (lda_series_get_params (fresh), &states->params[ini_state]));
  g_assert_true (lda_series_get_frame (fresh, ini_state)->has_override);
  g_assert_false (lda_series_get_frame (fresh, 1 - ini_state)->has_override);
  for (guint f = 0; f < 2; f++)
    assert_edits_equal (g_ptr_array_index (loaded, f), states->edits[edits_state[f]][f]);
  g_assert_null (g_ptr_array_index (loaded, 2));
}

/* Saves state A of the three files; returns how long it took, in ms. */
static gint64
save_state_a (LdaSeries         *series,
              const CrashStates *states)
{
  gint64 start = g_get_monotonic_time ();

  crash_state (series, 0);
  save_params (series, states->folder);
  save_edits (series, states->folder, 0, states->edits[0][0]);
  save_edits (series, states->folder, 1, states->edits[0][1]);
  return (g_get_monotonic_time () - start) / 1000;
}

static void
test_crash_safety (gconstpointer data)
{
  const char *self = data;
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaSeries) series = NULL;
  CrashStates states = { NULL, };
  CrashTally tally = { { 0, }, };
  gint64 save_ms, max_delay;

  states.images = g_build_filename (dir, "images", NULL);
  states.folder = g_build_filename (dir, "project", NULL);
  g_assert_cmpint (g_mkdir (states.images, 0755), ==, 0);
  write_triples_sized (states.images, three, CRASH_SIZE, CRASH_SIZE);
  series = open_series (states.images);
  save_states (&states, series);

  /* Start from A.  Kills 1–50 ms after the writer starts, or over a few
   * of its saves when they are slower (a sanitizer build, a slow disk). */
  save_ms = save_state_a (series, &states);
  max_delay = MAX (50, save_ms * 5 / 2);
  g_test_message ("one save of the three files: %" G_GINT64_FORMAT " ms; kills after 1 to %"
                  G_GINT64_FORMAT " ms", save_ms, max_delay);

  for (guint kill = 0; kill < CRASH_KILLS; kill++)
    {
      kill_writer (self, &states, g_test_rand_int_range (1, max_delay + 1));
      check_after_kill (&states, &tally);
    }

  g_test_message ("%u kills: ini A %u B %u; edits A %u B %u; %u between files; "
                  "%u left new temporary files (%u in all)",
                  CRASH_KILLS, tally.ini_seen[0], tally.ini_seen[1], tally.edits_seen[0],
                  tally.edits_seen[1], tally.mixed, tally.with_temps, tally.temps);
  /* Kills landed while B was being written, not only before the first
   * save, and saving went on between kills. */
  g_assert_cmpuint (tally.ini_seen[1] + tally.edits_seen[1], >, 0);

  /* Once old, the temporary files go with the next save. */
  backdate_tree (states.folder);
  save_state_a (series, &states);
  g_assert_cmpuint (count_temps (states.folder), ==, 0);

  crash_states_clear (&states);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *writer = g_getenv (WRITER_ENV);

  if (writer != NULL)
    return run_writer (writer, g_getenv (WRITER_ENV "_FOLDER"));

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/project/crash-safety", argv[0], test_crash_safety);

  return g_test_run ();
}
