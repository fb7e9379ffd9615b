/* test-cli-stop.c — livedead batch stopped by a signal, and a batch that
 * does nothing
 *
 * Ctrl+C, SIGTERM or a hang-up (a closed terminal, a cluster's time
 * limit) stop a batch between two steps: the triples done keep their
 * masks and a counts.csv that lists exactly them, the triple in progress
 * leaves nothing (no staging folder, no partial file), the others are not
 * begun; it says so and exits 1.  A batch in which no triple succeeds
 * leaves an earlier counts.csv as it was.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-stage-folder.h"
#include "test-cli-util.h"

#define N_TRIPLES 60

/* A folder of N_TRIPLES copies of one 1024 × 1024 triple. */
static void
write_folder (const char *folder)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };
  CliScene scene = { 1024, 1024, 4, 2, 7 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  cli_write_triple (folder, "w_t00", &scene, NULL);
  for (guint t = 1; t < N_TRIPLES; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *from = g_strdup_printf ("%s/w_t00_%s.tif", folder, tags[c]);
        g_autofree char *to = g_strdup_printf ("%s/w_t%02u_%s.tif", folder, t, tags[c]);
        g_autofree char *contents = NULL;
        gsize len;

        g_assert_true (g_file_get_contents (from, &contents, &len, NULL));
        g_assert_true (g_file_set_contents (to, contents, (gssize) len, NULL));
      }
}

static guint
count_labels (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, "_labels.tif");
  return n;
}

static void
test_stopped (gconstpointer data)
{
  int signal_number = GPOINTER_TO_INT (data);
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 deadline;
  guint n_labels;

  write_folder (in);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, g_getenv ("LIVEDEAD"), "batch", in, "-o", out, "--jobs", "1",
                              NULL);
  g_assert_no_error (error);

  /* Once the first triple is done, the signal. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (count_labels (out) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  g_subprocess_send_signal (process, signal_number);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);

  n_labels = count_labels (out);
  if (n_labels == N_TRIPLES)
    {
      g_test_skip ("the batch was done before the signal");
      cli_rm_rf (tmp);
      return;
    }
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (strstr (err, "batch stopped"));

  /* The masks done, their table and its record, nothing else: no
   * staging folder, no temporary file. */
  listing = cli_list_dir_text (out);
  g_assert_null (strstr (listing, LDA_STAGE_PREFIX));
  g_assert_null (strstr (listing, LDA_ATOMIC_TEMP_PREFIX));
  g_assert_true (g_str_has_prefix (listing, ".livedead-result-counts.csv counts.csv "));
  g_assert_cmpuint (n_labels, >=, 1);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  /* The header, a row per mask, and the empty string after the last LF. */
  g_assert_cmpuint (g_strv_length (lines), ==, n_labels + 2);
  for (guint i = 1; i <= n_labels; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      g_autofree char *path = g_build_filename (out, fields[9], NULL);

      cli_assert_labels (path, 1024, 1024);
    }

  cli_rm_rf (tmp);
}

/* No triple done: an earlier counts.csv stays, byte for byte. */
static void
test_nothing_done (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *good = g_build_filename (tmp, "good", NULL);
  g_autofree char *bad = g_build_filename (tmp, "bad", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *bad_bf = g_build_filename (bad, "w_t00_bf.tif", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(CliRun) run = { 0, };
  CliScene scene = { 128, 128, 2, 1, 3 };

  g_assert_cmpint (g_mkdir_with_parents (good, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (bad, 0755), ==, 0);
  cli_write_triple (good, "w_t00", &scene, NULL);
  cli_write_triple (bad, "w_t00", &scene, NULL);
  cli_write_float_tiff (bad_bf);

  g_assert_cmpint (cli_run (&run, "batch", good, "-o", out, NULL), ==, 0);
  g_assert_true (g_file_get_contents (csv, &before, NULL, NULL));

  g_assert_cmpint (cli_run (&run, "batch", bad, "-o", out, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "w_t00_bf.tif"));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (csv, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  cli_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_data_func ("/cli/stop/batch-sigint", GINT_TO_POINTER (SIGINT), test_stopped);
  g_test_add_data_func ("/cli/stop/batch-sigterm", GINT_TO_POINTER (SIGTERM), test_stopped);
  g_test_add_data_func ("/cli/stop/batch-sighup", GINT_TO_POINTER (SIGHUP), test_stopped);
  g_test_add_func ("/cli/stop/nothing-done", test_nothing_done);

  return g_test_run ();
}
