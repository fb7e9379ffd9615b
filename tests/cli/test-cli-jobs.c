/* test-cli-jobs.c — livedead batch --jobs N writes what --jobs 1 writes,
 * and --stats says how fast it went
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "test-cli-util.h"

/* Six single triples, a three-page time series and a triple without its
 * Draq7 image, in a new folder under @tmp. */
static char *
write_folder (const char *tmp)
{
  char *in = g_build_filename (tmp, "in", NULL);
  CliScene pages[3];

  g_mkdir (in, 0755);
  for (guint t = 0; t < 6; t++)
    {
      g_autofree char *name = g_strdup_printf ("well_t%u", t);
      CliScene scene = { 96 + 16 * (t % 2), 112, 1 + t % 3, t % 2, 300 + t };

      cli_write_triple (in, name, &scene, NULL);
    }
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    pages[p] = (CliScene) { 120, 100, 2, 1 + p % 2, 400 + p };
  for (guint c = 0; c < 3; c++)
    {
      static const char * const tags[] = { "bf", "hoechst", "draq7" };
      g_autofree char *file = g_strdup_printf ("series_%s.tif", tags[c]);
      g_autofree char *path = g_build_filename (in, file, NULL);

      cli_write_multipage (path, pages, G_N_ELEMENTS (pages), c);
    }
  {
    CliScene scene = { 64, 64, 1, 1, 500 };
    g_autofree char *draq7 = g_build_filename (in, "broken_draq7.tif", NULL);

    cli_write_triple (in, "broken", &scene, NULL);
    g_unlink (draq7);
  }

  return in;
}

static void
assert_same_folders (const char *a,
                     const char *b)
{
  g_auto(GStrv) names_a = cli_list_dir (a);
  g_auto(GStrv) names_b = cli_list_dir (b);

  g_assert_nonnull (names_a);
  g_assert_nonnull (names_b);
  g_assert_cmpstrv (names_a, names_b);
  /* 6 + 3 masks, counts.csv and its record */
  g_assert_cmpuint (g_strv_length (names_a), ==, 11);
  for (guint i = 0; names_a[i] != NULL; i++)
    {
      g_autofree char *path_a = g_build_filename (a, names_a[i], NULL);
      g_autofree char *path_b = g_build_filename (b, names_a[i], NULL);

      g_test_message ("comparing %s", names_a[i]);
      g_assert_true (cli_files_equal (path_a, path_b));
    }
}

/* The masks and counts.csv (its rows in the folder's order) are the same
 * byte for byte whatever the number of jobs, more or fewer than the
 * triples; the broken triple fails alike. */
static void
test_jobs_same_outputs (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = write_folder (tmp);
  static const char * const jobs[] = { "1", "2", "3", "16" };
  g_autofree char *first = NULL;
  g_auto(CliRun) run = { 0, };

  for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
    {
      g_autofree char *name = g_strdup_printf ("out%s", jobs[j]);
      g_autofree char *out = g_build_filename (tmp, name, NULL);

      cli_run_clear (&run);
      cli_run (&run, "batch", in, "-o", out, "--jobs", jobs[j], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "broken"));
      g_assert_nonnull (strstr (run.out, "7 triples done (9 frames)"));

      if (first == NULL)
        first = g_steal_pointer (&out);
      else
        assert_same_folders (first, out);
    }

  cli_rm_rf (tmp);
}

/* --stats prints one line with the frames, the rate, the jobs and the
 * memory; without it (and not on a terminal) nothing more is printed. */
static void
test_jobs_stats (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = write_folder (tmp);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *quiet = g_build_filename (tmp, "quiet", NULL);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *frames = NULL;
  g_autofree char *jobs = NULL;
  g_autofree char *peak = NULL;
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "batch", in, "-o", out, "--jobs", "2", "--stats", NULL);
  g_assert_cmpint (run.status, ==, 1);
  regex = g_regex_new ("^([0-9]+) frames in [0-9.]+ s: [0-9.]+ frames/s with ([0-9]+) jobs, "
                       "[0-9.]+ processors busy; peak memory ([0-9]+) MiB, [0-9]+ MiB a job$",
                       G_REGEX_MULTILINE, 0, NULL);
  g_assert_nonnull (regex);
  if (!g_regex_match (regex, run.err, 0, &match))
    g_error ("no statistics line in:\n%s", run.err);
  frames = g_match_info_fetch (match, 1);
  jobs = g_match_info_fetch (match, 2);
  peak = g_match_info_fetch (match, 3);
  g_assert_cmpstr (frames, ==, "9");
  g_assert_cmpstr (jobs, ==, "2");
  g_assert_cmpint (atoi (peak), >, 0);

  cli_run_clear (&run);
  cli_run (&run, "batch", in, "-o", quiet, "--jobs", "2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.err, "frames/s"));

  cli_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/jobs/same-outputs", test_jobs_same_outputs);
  g_test_add_func ("/cli/jobs/stats", test_jobs_stats);

  return g_test_run ();
}
