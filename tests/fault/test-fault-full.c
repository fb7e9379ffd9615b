/* test-fault-full.c — a disk that fills up in the middle of a write
 *
 * RLIMIT_FSIZE makes every write past a given size fail with EFBIG, as a
 * full disk fails with ENOSPC, wherever the write is: in the middle of a
 * TIFF, of an edits file, of an export.  Each test writes something
 * once, then again with the limit set, and checks what a person relies
 * on: the error names the file and the problem, the files written before
 * are byte for byte as they were, and no temporary file is left.  The
 * command runs as a shell's `ulimit -f` would leave it, with SIGXFSZ at
 * its default disposition.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "lda-compose.h"
#include "lda-error.h"
#include "lda-export.h"
#include "lda-project.h"
#include "lda-series.h"
#include "lda-tiff.h"
#include "lda-test-lib.h"
#include "test-cli-util.h"

static const CliScene scene = { 256, 192, 3, 3, 11 };

/* Sets the largest file this process (and what it starts) may write;
 * G_MAXUINT64 lifts the limit. */
static void
limit_file_size (guint64 bytes)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = bytes == G_MAXUINT64 ? limit.rlim_max : bytes;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
assert_names_file_and_problem (const char *message,
                               const char *file)
{
  g_test_message ("message: %s", message);
  if (strstr (message, file) == NULL)
    g_error ("the message does not name %s: %s", file, message);
  if (strstr (message, g_strerror (EFBIG)) == NULL)
    g_error ("the message does not say what went wrong: %s", message);
}

static LdaImage *
noise_image (guint width,
             guint height)
{
  LdaImage *image = lda_image_new (LDA_PIXEL_U16, width, height, NULL);

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u16 (image)[i] = (guint16) g_test_rand_int ();
  return image;
}

static void
test_tiff (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "labels.tif", NULL);
  g_autoptr(LdaImage) old = noise_image (40, 30);
  g_autoptr(LdaImage) new = noise_image (512, 512);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_tiff_write (path, old, &error));
  before = lda_test_snapshot (dir);

  /* 16 KiB: the new image stops a few strips in. */
  limit_file_size (16 * 1024);
  g_assert_false (lda_tiff_write (path, new, &error));
  limit_file_size (G_MAXUINT64);

  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  assert_names_file_and_problem (error->message, path);
  lda_test_assert_unchanged (before, dir);
  cli_rm_rf (dir);
}

/* A series of one 256 × 192 triple, with a project saved beside it. */
static LdaSeries *
make_series (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LdaSeries *series;

  cli_write_triple (dir, "well", &scene, NULL);
  series = lda_series_new_from_folder (dir, &error);
  g_assert_no_error (error);
  return series;
}

static void
test_project (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *project = g_build_filename (dir, LDA_PROJECT_FOLDER_NAME, NULL);
  LdaSeries *series = make_series (dir);
  g_autoptr(LdaEdits) edits = lda_edits_new (scene.width, scene.height, NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;

  lda_edits_dab (edits, 50, 50, 10, 1, NULL);
  g_assert_true (lda_project_save_edits (project, series, 0, edits, &error));
  g_assert_true (lda_project_save_params (series, project, &error));
  g_assert_no_error (error);
  before = lda_test_snapshot (project);

  /* Edits that compress badly: random classes everywhere. */
  for (gsize i = 0; i < (gsize) scene.width * scene.height; i++)
    edits->pixels[i] = g_test_rand_int_range (0, 5);
  limit_file_size (8 * 1024);
  g_assert_false (lda_project_save_edits (project, series, 0, edits, &error));
  limit_file_size (G_MAXUINT64);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  assert_names_file_and_problem (error->message, ".edits");
  lda_test_assert_unchanged (before, project);
  g_clear_error (&error);

  /* The parameters: a project file of a few hundred bytes stops at 64. */
  params = *lda_series_get_params (series);
  params.channel[0].offset = 3.5;
  lda_series_set_params (series, &params);
  limit_file_size (64);
  g_assert_false (lda_project_save_params (series, project, &error));
  limit_file_size (G_MAXUINT64);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  assert_names_file_and_problem (error->message, ".ini");
  lda_test_assert_unchanged (before, project);

  lda_series_free (series);
  cli_rm_rf (dir);
}

static void
test_export (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  LdaSeries *series = make_series (dir);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);
  LdaExportOptions options = { .training_layout = TRUE, .overwrite = TRUE };
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GError) error = NULL;
  LdaEdits *frame_edits = lda_edits_new (scene.width, scene.height, NULL);

  g_ptr_array_add (edits, frame_edits);
  g_assert_true (lda_export_run (series, edits, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = lda_test_snapshot (out);
  g_assert_cmpuint (g_hash_table_size (before), >=, 6);

  /* Every limit from a few bytes up to past the largest file: the export
   * fails in a different file, or in a different part of one, each time. */
  lda_edits_dab (frame_edits, 100, 100, 30, 4, NULL);
  for (guint64 limit = 16; limit < 256 * 1024; limit *= 2)
    {
      limit_file_size (limit);
      if (lda_export_run (series, edits, out, &options, NULL, NULL, NULL, &error))
        {
          limit_file_size (G_MAXUINT64);
          g_test_message ("%" G_GUINT64_FORMAT " bytes are enough", limit);
          break;
        }
      limit_file_size (G_MAXUINT64);
      g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
      assert_names_file_and_problem (error->message, out);
      lda_test_assert_unchanged (before, out);
      g_clear_error (&error);
    }

  lda_series_free (series);
  cli_rm_rf (dir);
}

/* The command: segment into a folder with an earlier result. */
static void
test_cli_segment (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_auto(GStrv) paths = g_new0 (char *, 4);
  g_autoptr(GHashTable) before = NULL;
  g_auto(CliRun) run = { 0, };

  cli_write_triple (dir, "well", &scene, paths);
  g_assert_cmpint (cli_run (&run, "segment", "-q", "--stages", "-o", out,
                            paths[0], paths[1], paths[2], NULL), ==, 0);
  before = lda_test_snapshot (out);

  limit_file_size (20 * 1024);
  cli_run (&run, "segment", "--stages", "--offset", "1.5", "-o", out,
           paths[0], paths[1], paths[2], NULL);
  limit_file_size (G_MAXUINT64);
  g_assert_cmpint (run.status, ==, 1);
  assert_names_file_and_problem (run.err, out);
  lda_test_assert_unchanged (before, out);
  cli_rm_rf (dir);
}

/* The command: batch into a folder with an earlier result. */
static void
test_cli_batch (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(GHashTable) before = NULL;
  g_auto(CliRun) run = { 0, };

  cli_write_triple (dir, "well_t1", &scene, NULL);
  cli_write_triple (dir, "well_t2", &scene, NULL);
  g_assert_cmpint (cli_run (&run, "batch", "-o", out, dir, NULL), ==, 0);
  before = lda_test_snapshot (out);

  /* Too little for a label mask and for counts.csv: nothing changes. */
  limit_file_size (32);
  cli_run (&run, "batch", "--offset", "1.5", "--jobs", "2", "-o", out, dir, NULL);
  limit_file_size (G_MAXUINT64);
  g_assert_cmpint (run.status, ==, 1);
  assert_names_file_and_problem (run.err, out);
  lda_test_assert_unchanged (before, out);
  cli_rm_rf (dir);
}

/* The command: export a project into a folder with an earlier export. */
static void
test_cli_export (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(GHashTable) before = NULL;
  g_auto(CliRun) run = { 0, };

  cli_write_triple (dir, "well", &scene, NULL);
  g_assert_cmpint (cli_run (&run, "export", "-q", "-o", out, dir, NULL), ==, 0);
  before = lda_test_snapshot (out);

  for (guint64 limit = 64; limit < 64 * 1024; limit *= 4)
    {
      limit_file_size (limit);
      cli_run (&run, "export", "--overwrite", "--training-layout", "-o", out, dir, NULL);
      limit_file_size (G_MAXUINT64);
      g_assert_cmpint (run.status, ==, 1);
      assert_names_file_and_problem (run.err, out);
      lda_test_assert_unchanged (before, out);
    }
  cli_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  /* A write past the limit fails with EFBIG instead of killing us.  The
   * command is started with SIGXFSZ at its default disposition, as a
   * shell's `ulimit -f` leaves it (test-cli-util.c): it must ignore the
   * signal itself. */
  signal (SIGXFSZ, SIG_IGN);

  g_test_add_func ("/fault/full/tiff", test_tiff);
  g_test_add_func ("/fault/full/project", test_project);
  g_test_add_func ("/fault/full/export", test_export);
  g_test_add_func ("/fault/full/cli-segment", test_cli_segment);
  g_test_add_func ("/fault/full/cli-batch", test_cli_batch);
  g_test_add_func ("/fault/full/cli-export", test_cli_export);

  return g_test_run ();
}
