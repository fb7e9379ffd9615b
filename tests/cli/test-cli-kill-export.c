/* test-cli-kill-export.c — kill -9 during livedead export leaves every
 * file old or new, never torn
 *
 * lda_export_run() (lda-export.c, lda-export-stage.c) writes every file of
 * an export into a hidden staging folder inside the export folder,
 * `.livedead-stage-<pid>-XXXXXX`, and renames them over their targets
 * only when all are written; each rename replaces a whole file.  So a
 * killed export leaves every target as it was or complete, and at most
 * its staging folder, which the next export into the folder removes.
 * (lda-cli-output.c, the staging of segment and batch, is not used by
 * export.)
 *
 * The test makes a folder of five triples with a project (edits in two
 * frames), exports it with --training-layout into OUT (the "old" export),
 * then paints a dead nucleus into every frame and exports again into
 * another folder (the "new" export, in which every label mask, mask,
 * counts.csv and both plots differ).  Then, 30 times: OUT is put back to
 * the old export, `livedead export --overwrite --training-layout -o OUT`
 * runs with the new edits and is killed with SIGKILL after a random delay
 * between 0 and the length of a whole run.  Such kills mostly land
 * before the files are put in place, a window of a millisecond or so, so
 * 10 more rounds watch OUT with inotify and kill the command after a
 * random number of its renames (1 to the number of files).  After each
 * kill, every target in OUT must be absent, byte for byte old or byte for
 * byte new; anything
 * else must be a hidden staging folder, and at most one (a run that got
 * as far as making its own removed those of the killed runs before it).
 * A last run, not killed, must leave OUT holding exactly the new export,
 * with no staging folder left, neither its own nor a killed run's.
 *
 * The delays and counts come from g_test_rand_int(): --seed R02S…
 * (printed at the start of the log) replays a run.  It takes about 5 s in
 * a plain build and 15–40 s in an AddressSanitizer one.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#ifdef __linux__
#include <poll.h>
#include <sys/inotify.h>
#endif

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lda-edits.h"
#include "lda-error.h"
#include "lda-project.h"
#include "test-cli-util.h"

#define N_TIMES 5
#define WIDTH   256
#define HEIGHT  192
#define ROUNDS  30
/* More rounds, each killed while the files are put in place. */
#define COMMIT_ROUNDS 10

/* -------------------------------------------------------------- fixtures */

static void
write_series (const char *folder)
{
  g_assert_cmpint (g_mkdir_with_parents (folder, 0777), ==, 0);

  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autofree char *name = g_strdup_printf ("w_t%02u", t);
      CliScene scene = { WIDTH, HEIGHT, 5 - t, t, 70 + t };

      cli_write_triple (folder, name, &scene, NULL);
    }
}

/* Saves the edits of the old export (a dead nucleus in frame 0, a live
 * one in frame 2, in the top left corner) or of the new one (those, and a
 * dead nucleus in the bottom right corner of every frame, away from the
 * cells: every frame's mask and dead count change). */
static void
save_edits (const char *folder,
            gboolean    new_edits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (folder, &error);
  g_autofree char *project = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (series);
  if (series == NULL)
    return;
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, N_TIMES);

  project = lda_project_default_folder (series);
  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autoptr(LdaEdits) edits = lda_edits_new (WIDTH, HEIGHT, &error);
      LdaRect dirty = { 0, };

      g_assert_no_error (error);
      if (t == 0)
        lda_edits_dab (edits, 8, 8, 4, LDA_CLASS_DRAQ7, &dirty);
      else if (t == 2)
        lda_edits_dab (edits, 8, 8, 4, LDA_CLASS_HOECHST, &dirty);
      if (new_edits)
        lda_edits_dab (edits, WIDTH - 10, HEIGHT - 10, 5, LDA_CLASS_DRAQ7, &dirty);

      lda_project_save_edits (project, series, t, edits, &error);
      g_assert_no_error (error);
    }
}

/* ------------------------------------------------------------ the trees */

/* The files below @folder, relative to it, hidden ones included. */
static void
list_files_into (const char *root,
                 const char *folder,
                 GPtrArray  *names)
{
  g_auto(GStrv) entries = cli_list_dir (folder);

  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folder, entries[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files_into (root, path, names);
      else
        g_ptr_array_add (names, g_strdup (path + strlen (root) + 1));
    }
}

static GPtrArray *
list_files (const char *folder)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  list_files_into (folder, folder, names);
  return names;
}

/* Every file of an export, by its path relative to the export folder. */
static GHashTable *
read_export (const char *folder)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) names = list_files (folder);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GBytes *bytes = cli_read_bytes (path);

      g_assert_nonnull (bytes);
      if (bytes != NULL)
        g_hash_table_insert (files, g_strdup (name), bytes);
    }

  return files;
}

/* Puts the files of @files into @folder as they were (other files stay). */
static void
restore_export (const char *folder,
                GHashTable *files)
{
  GHashTableIter iter;
  gpointer name, bytes;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0777), ==, 0);
      cli_write_bytes (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
}

#define STAGE_PREFIX ".livedead-stage-"

/* Whether @name is a staging folder's:
 * ".livedead-stage-<pid>-<PID namespace>-<host>-XXXXXX". */
static gboolean
is_staging_name (const char *name)
{
  const char *rest;
  char *end = NULL;

  if (!g_str_has_prefix (name, STAGE_PREFIX))
    return FALSE;

  /* <pid>-<PID namespace>-<host>-XXXXXX */
  rest = name + strlen (STAGE_PREFIX);
  if (g_ascii_strtoull (rest, &end, 10) == 0 || end == rest || *end != '-')
    return FALSE;
  rest = end + 1;
  g_ascii_strtoull (rest, &end, 10);
  return end != rest && *end == '-' && strlen (end) > 8 && end[strlen (end) - 7] == '-';
}

/* What a check found: targets the same in both exports (the inputs,
 * one image a frame), old, new, absent. */
typedef struct
{
  guint same;
  guint old;
  guint new;
  guint absent;
} Tally;

/* Checks @folder after a kill: each target old, new or absent, and
 * nothing else but images/, masks/ and staging folders, whose names go
 * into @staging.  Counts the targets' states into @tally. */
static void
check_out (const char *folder,
           GHashTable *old_files,
           GHashTable *new_files,
           GHashTable *staging,
           Tally      *tally)
{
  g_auto(GStrv) entries = cli_list_dir (folder);
  GHashTableIter iter;
  gpointer name, new_bytes;

  g_assert_nonnull (entries);
  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folder, entries[i], NULL);
      gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);

      if (!is_dir && g_hash_table_contains (new_files, entries[i]))
        continue;
      if (is_dir && (g_str_equal (entries[i], "images") || g_str_equal (entries[i], "masks")))
        {
          g_auto(GStrv) inner = cli_list_dir (path);

          for (guint j = 0; inner != NULL && inner[j] != NULL; j++)
            {
              g_autofree char *relative = g_build_filename (entries[i], inner[j], NULL);

              if (!g_hash_table_contains (new_files, relative))
                g_test_message ("%s/%s: not a file of the export", folder, relative);
              g_assert_true (g_hash_table_contains (new_files, relative));
            }
          continue;
        }
      if (is_dir && is_staging_name (entries[i]))
        {
          g_hash_table_add (staging, g_strdup (entries[i]));
          continue;
        }

      g_test_message ("%s: neither a file of the export nor a staging folder", path);
      g_assert_not_reached ();
    }

  g_hash_table_iter_init (&iter, new_files);
  while (g_hash_table_iter_next (&iter, &name, &new_bytes))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GBytes) bytes = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          tally->absent++;
          continue;
        }
      bytes = cli_read_bytes (path);
      g_assert_nonnull (bytes);
      if (bytes == NULL)
        continue;
      if (g_bytes_equal (bytes, new_bytes))
        {
          if (g_bytes_equal (new_bytes, g_hash_table_lookup (old_files, name)))
            tally->same++;
          else
            tally->new++;
        }
      else if (g_bytes_equal (bytes, g_hash_table_lookup (old_files, name)))
        tally->old++;
      else
        {
          g_test_message ("%s: %" G_GSIZE_FORMAT " bytes, neither the old export (%"
                          G_GSIZE_FORMAT ") nor the new one (%" G_GSIZE_FORMAT ")",
                          path, g_bytes_get_size (bytes),
                          g_bytes_get_size (g_hash_table_lookup (old_files, name)),
                          g_bytes_get_size (new_bytes));
          g_assert_not_reached ();
        }
    }
}

/* ------------------------------------------------------------- the test */

/* A watch for files renamed into @folder, images/ and masks/, or -1
 * where there is none. */
static int
watch_renames (const char *folder)
{
#ifdef __linux__
  static const char * const subfolders[] = { "", "images", "masks" };
  int fd = inotify_init1 (IN_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (subfolders); i++)
    {
      g_autofree char *path = g_build_filename (folder, subfolders[i], NULL);

      g_assert_cmpint (inotify_add_watch (fd, path, IN_MOVED_TO), >=, 0);
    }
  return fd;
#else
  return -1;
#endif
}

/* Waits until @n files have been renamed into the watched folders: the
 * export is putting its files in place.  Returns how many were seen.
 * After @timeout_us without one the caller kills anyway (a guard, not a
 * check). */
static guint
wait_for_renames (int    fd,
                  guint  n,
                  gint64 timeout_us)
{
  guint seen = 0;

#ifdef __linux__
  while (seen < n)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
      ssize_t len;

      if (poll (&pfd, 1, (int) (timeout_us / 1000)) != 1)
        break;
      len = read (fd, buffer, sizeof buffer);
      if (len <= 0)
        break;
      for (char *p = buffer; p < buffer + len;
           p += sizeof (struct inotify_event) + ((struct inotify_event *) p)->len)
        seen++;
    }
#else
  g_usleep (timeout_us);
#endif

  return seen;
}

static GSubprocess *
spawn_export (const char *input,
              const char *out)
{
  const char *argv[] = {
    g_getenv ("LIVEDEAD"), "export", input, "-o", out, "--overwrite", "--training-layout",
    "--quiet", NULL
  };
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* stderr goes to the test's log. */
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  return process;
}

/* What the test works on: the input series and the two exports. */
typedef struct
{
  char       *root;
  char       *input;
  char       *out;
  char       *new_out;
  GHashTable *old_files;
  GHashTable *new_files;
} KillFixture;

/* What the rounds of killing left, added up. */
typedef struct
{
  guint killed;
  guint some_new;
  guint all_new;
  guint all_old;
  guint csv_new;
  guint left_staging;
} KillTally;

/* The old export in OUT, then the new one (with other edits) in a folder
 * of its own: the same files, and every one that carries the edits
 * differs. */
static void
make_exports (KillFixture *f)
{
  g_autoptr(GSubprocess) timed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };
  GHashTableIter iter;
  gpointer name, bytes;

  write_series (f->input);

  save_edits (f->input, FALSE);
  g_assert_cmpint (cli_run (&run, "export", f->input, "-o", f->out, "--overwrite",
                            "--training-layout", NULL), ==, 0);
  f->old_files = read_export (f->out);
  /* 3 files a frame, classes.json, counts.csv, two plots, the list of
   * them all. */
  g_assert_cmpuint (g_hash_table_size (f->old_files), ==, 3 * N_TIMES + 5);

  save_edits (f->input, TRUE);
  timed = spawn_export (f->input, f->new_out);
  g_subprocess_wait_check (timed, NULL, &error);
  g_assert_no_error (error);
  f->new_files = read_export (f->new_out);

  g_assert_cmpuint (g_hash_table_size (f->new_files), ==, g_hash_table_size (f->old_files));
  g_hash_table_iter_init (&iter, f->new_files);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *old_bytes = g_hash_table_lookup (f->old_files, name);
      /* The list of the files differs too: it holds a hash of each. */
      gboolean input_or_classes = g_str_has_prefix (name, "images/") ||
                                  g_str_equal (name, "classes.txt");

      g_assert_nonnull (old_bytes);
      if (old_bytes == NULL)
        continue;
      if (input_or_classes)
        g_assert_true (g_bytes_equal (bytes, old_bytes));
      else
        {
          if (g_bytes_equal (bytes, old_bytes))
            g_test_message ("%s is the same in the old and the new export", (const char *) name);
          g_assert_false (g_bytes_equal (bytes, old_bytes));
        }
    }
}

/* How long a whole run takes where the killed ones will run: over the old
 * export in OUT.  The shortest of three, so that the delays fall within
 * the runs that follow. */
static gint64
time_whole_run (KillFixture *f)
{
  gint64 run_us = G_MAXINT64;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GHashTable) staging = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GError) error = NULL;
      Tally tally = { 0, };
      gint64 start;

      restore_export (f->out, f->old_files);
      start = g_get_monotonic_time ();
      process = spawn_export (f->input, f->out);
      g_subprocess_wait_check (process, NULL, &error);
      g_assert_no_error (error);
      run_us = MIN (run_us, g_get_monotonic_time () - start);
      check_out (f->out, f->old_files, f->new_files, staging, &tally);
      g_assert_cmpuint (tally.new, ==, 2 * N_TIMES + 5);
      g_assert_cmpuint (g_hash_table_size (staging), ==, 0);
    }
  g_test_message ("a whole export takes %" G_GINT64_FORMAT " ms; killing after 0 to that",
                  run_us / 1000);
  return run_us;
}

/* One round: the export over the old one, killed after a random delay
 * within @run_us or, @at_commit, while its files are renamed into place.
 * Each target is then old or new; beside them at most one staging folder:
 * a run that got as far as making its own removed those of the killed
 * runs before it. */
static void
kill_round (KillFixture *f,
            guint        round,
            gint64       run_us,
            gboolean     at_commit,
            KillTally   *total)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GHashTable) staging = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *csv = g_build_filename (f->out, "counts.csv", NULL);
  g_autofree char *new_csv = g_build_filename (f->new_out, "counts.csv", NULL);
  gint64 delay_us = (gint64) ((double) g_test_rand_int_range (0, 1000000) / 1e6 * run_us);
  int watch = -1;
  guint renames = 0;
  Tally tally = { 0, };

  restore_export (f->out, f->old_files);
  if (at_commit)
    watch = watch_renames (f->out);
  process = spawn_export (f->input, f->out);
  if (at_commit)
    {
      /* After one of the renames, or more.  Every file of the export is
       * renamed into a watched folder, so the command never finishes
       * before that many renames; waiting for more would only wait out
       * the guard. */
      renames = g_test_rand_int_range (1, (gint32) g_hash_table_size (f->new_files) + 1);
      renames = wait_for_renames (watch, renames, 60 * G_USEC_PER_SEC);
      if (watch >= 0)
        close (watch);
    }
  else
    g_usleep (delay_us);
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      total->killed++;
    }
  else
    {
      /* Finished before the kill: it must have succeeded. */
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }

  check_out (f->out, f->old_files, f->new_files, staging, &tally);
  when = at_commit ? g_strdup_printf ("after %u renames were seen", renames)
                   : g_strdup_printf ("after %" G_GINT64_FORMAT " ms", delay_us / 1000);
  g_test_message ("round %u: %s %s: %u files new, %u old, "
                  "%u absent (%u the same in both); %u staging folders",
                  round, g_subprocess_get_if_signaled (process) ? "killed" : "finished",
                  when, tally.new, tally.old, tally.absent, tally.same,
                  g_hash_table_size (staging));
  g_assert_cmpuint (g_hash_table_size (staging), <=, 1);
  total->csv_new += cli_files_equal (csv, new_csv);
  total->some_new += tally.new > 0 && tally.old > 0;
  total->all_new += tally.old == 0 && tally.absent == 0;
  total->all_old += tally.new == 0 && tally.absent == 0;
  total->left_staging += g_hash_table_size (staging);
}

/* A whole run: exactly the new export, nothing else, no staging folder
 * left, neither its own nor a killed run's; and a run into a folder of its
 * own left only the export. */
static void
check_whole_run (KillFixture *f)
{
  g_autoptr(GHashTable) staging = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) new_names = NULL;
  g_auto(CliRun) run = { 0, };
  Tally tally = { 0, };

  g_assert_cmpint (cli_run (&run, "export", f->input, "-o", f->out, "--overwrite",
                            "--training-layout", NULL), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  check_out (f->out, f->old_files, f->new_files, staging, &tally);
  g_assert_cmpuint (tally.new, ==, 2 * N_TIMES + 5);
  /* The images are the same in both. */
  g_assert_cmpuint (tally.same, ==, N_TIMES);
  g_assert_cmpuint (g_hash_table_size (staging), ==, 0);
  names = list_files (f->out);
  g_assert_cmpuint (names->len, ==, g_hash_table_size (f->new_files));

  new_names = list_files (f->new_out);
  g_assert_cmpuint (new_names->len, ==, g_hash_table_size (f->new_files));
}

static void
test_kill_export (void)
{
  KillFixture f = { NULL, };
  KillTally total = { 0, };
  gint64 run_us;

  f.root = cli_tmpdir ();
  f.input = g_build_filename (f.root, "in", NULL);
  f.out = g_build_filename (f.root, "out", NULL);
  f.new_out = g_build_filename (f.root, "new", NULL);

  make_exports (&f);
  run_us = time_whole_run (&f);
  for (guint round = 0; round < ROUNDS + COMMIT_ROUNDS; round++)
    kill_round (&f, round, run_us, round >= ROUNDS, &total);

  g_test_message ("%u rounds, %u killed: %u left only old files, %u old and new ones, "
                  "%u only new ones (%u a new counts.csv); %u left a staging folder",
                  ROUNDS + COMMIT_ROUNDS, total.killed, total.all_old, total.some_new,
                  total.all_new, total.csv_new, total.left_staging);
  /* The kills landed while the command ran, not only after it was done. */
  g_assert_cmpuint (total.killed, >, 0);

  check_whole_run (&f);

  cli_rm_rf (f.root);
  g_free (f.root);
  g_free (f.input);
  g_free (f.out);
  g_free (f.new_out);
  g_hash_table_unref (f.old_files);
  g_hash_table_unref (f.new_files);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/export/kill", test_kill_export);

  return g_test_run ();
}
