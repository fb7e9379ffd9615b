/* test-cli-params.c — one parameter file for the window and the command
 *
 * Parameters set as in the window (series parameters and a frame's own),
 * saved as the window saves them — the project file, and the file of Save
 * Parameters… — and given to `livedead batch --params` give the masks the
 * window computes.  Misspelt groups and keys are refused, naming the file
 * and the line.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-params-file.h"
#include "lda-pipeline.h"
#include "lda-project.h"
#include "lda-project-private.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "test-cli-util.h"

#define N_TIMES 3

static void
write_series (const char *folder)
{
  g_assert_cmpint (g_mkdir_with_parents (folder, 0777), ==, 0);

  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autofree char *name = g_strdup_printf ("w_t%02u", t);
      CliScene scene = { 128, 96, 3 - t, t, 40 + t };

      cli_write_triple (folder, name, &scene, NULL);
    }
}

/* The series as a person left it in the window: other cell-area offset
 * and Hoechst kernel for the series, a manual Draq7 threshold for frame 1. */
static LdaSeries *
tuned_series (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (folder, &error);
  LdaParams params, override;

  g_assert_no_error (error);
  params = *lda_series_get_params (series);
  params.channel[LDA_CHANNEL_CELL_AREA].offset = 1.4;
  params.channel[LDA_CHANNEL_HOECHST].kernel = 5;
  lda_series_set_params (series, &params);
  override = params;
  override.channel[LDA_CHANNEL_DRAQ7].manual = TRUE;
  override.channel[LDA_CHANNEL_DRAQ7].manual_threshold = 60000;
  lda_series_set_frame_override (series, 1, &override);

  return g_steal_pointer (&series);
}

/* Frame @i's labels as the window computes them. */
static LdaImage *
window_labels (LdaSeries *series,
               guint      i)
{
  g_autoptr(GError) error = NULL;
  LdaFrame *frame = lda_series_get_frame (series, i);
  g_autoptr(LdaPipeline) pipeline = lda_triple_open_pipeline (frame->triple, frame->page,
                                                              &error);

  g_assert_no_error (error);
  lda_pipeline_set_params (pipeline, lda_series_get_frame_params (series, i), &error);
  g_assert_no_error (error);
  lda_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);

  return lda_image_ref ((LdaImage *) lda_pipeline_get_labels (pipeline));
}

static gboolean
images_equal (const LdaImage *a,
              const LdaImage *b)
{
  if (!lda_image_same_size (a, b))
    return FALSE;
  for (guint y = 0; y < a->height; y++)
    for (guint x = 0; x < a->width; x++)
      if (lda_image_get (a, x, y) != lda_image_get (b, x, y))
        return FALSE;
  return TRUE;
}

/* Runs batch on @folder with @params_path and checks every mask against
 * the window's. */
static void
assert_batch_matches (const char *folder,
                      LdaSeries  *series,
                      const char *params_path,
                      const char *out)
{
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "batch", folder, "-o", out, "--jobs", "1", "--params", params_path, NULL);
  g_assert_cmpint (run.status, ==, 0);

  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaImage) expected = window_labels (series, i);
      g_autofree char *name = g_strdup_printf ("w_t%02u_labels.tif", i);
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_autoptr(LdaImage) got = lda_tiff_read (path, 0, &error);

      g_assert_no_error (error);
      g_assert_true (images_equal (expected, got));
    }
}

static void
test_round_trip (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "images", NULL);
  g_autofree char *saved = g_build_filename (tmp, "saved.ini", NULL);
  g_autofree char *out_project = g_build_filename (tmp, "out-project", NULL);
  g_autofree char *out_saved = g_build_filename (tmp, "out-saved", NULL);
  g_autofree char *out_default = g_build_filename (tmp, "out-default", NULL);
  g_autofree char *project = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *key = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };
  const char *keys[2] = { NULL, NULL };
  guint differ = 0;

  write_series (folder);
  series = tuned_series (folder);

  /* The window's project file, as is. */
  project = lda_project_default_folder (series);
  g_assert_true (lda_project_save_params (series, project, &error));
  g_assert_no_error (error);
  ini = lda_project_ini_path (project, series);
  assert_batch_matches (folder, series, ini, out_project);

  /* segment finds frame 1's own parameters by its triple's name too. */
  {
    g_autofree char *bf = g_build_filename (folder, "w_t01_bf.tif", NULL);
    g_autofree char *ho = g_build_filename (folder, "w_t01_hoechst.tif", NULL);
    g_autofree char *dr = g_build_filename (folder, "w_t01_draq7.tif", NULL);
    g_autofree char *seg = g_build_filename (tmp, "segment", NULL);
    g_autofree char *seg_labels = g_build_filename (seg, "labels.tif", NULL);
    g_autoptr(LdaImage) expected = window_labels (series, 1);
    g_autoptr(LdaImage) got = NULL;

    cli_run (&run, "segment", bf, ho, dr, "-o", seg, "-q", "--params", ini, NULL);
    g_assert_cmpint (run.status, ==, 0);
    got = lda_tiff_read (seg_labels, 0, &error);
    g_assert_no_error (error);
    g_assert_true (images_equal (expected, got));
  }

  /* What Save Parameters… writes. */
  key = lda_project_frame_key (series, 1);
  keys[0] = key;
  g_assert_true (lda_params_file_save (saved, lda_series_get_params (series), keys,
                                       lda_series_get_frame_params (series, 1), &error));
  g_assert_no_error (error);
  assert_batch_matches (folder, series, saved, out_saved);

  /* The parameters matter: the defaults give other masks. */
  cli_run (&run, "batch", folder, "-o", out_default, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < N_TIMES; i++)
    {
      g_autofree char *name = g_strdup_printf ("w_t%02u_labels.tif", i);
      g_autofree char *a = g_build_filename (out_default, name, NULL);
      g_autofree char *b = g_build_filename (out_saved, name, NULL);

      differ += !cli_files_equal (a, b);
    }
  g_assert_cmpuint (differ, ==, N_TIMES);

  cli_rm_rf (tmp);
}

static void
test_misspelt (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "images", NULL);
  g_autofree char *path = g_build_filename (tmp, "params.ini", NULL);
  g_autofree char *never = g_build_filename (tmp, "never", NULL);
  const char *group = "[livedead]\nformat=2\n\n[Hoechst]\nkernel=3\n";
  const char *key = "# shared settings\n[hoechst]\nkernel=3\noffest=0.5\n";
  const char *project = "[project]\nformat=2\n[series/draq7]\nofset=2\n";

  write_series (folder);

  cli_write_bytes (path, group, strlen (group));
  {
    g_auto(CliRun) run = { 0, };

    cli_run (&run, "batch", folder, "-o", never, "--params", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    cli_assert_one_line_error (&run, path, "line 4");
    g_assert_nonnull (strstr (run.err, "[Hoechst]"));
  }

  cli_write_bytes (path, key, strlen (key));
  {
    g_auto(CliRun) run = { 0, };

    cli_run (&run, "batch", folder, "-o", never, "--params", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    cli_assert_one_line_error (&run, path, "line 4");
    g_assert_nonnull (strstr (run.err, "offest"));
  }

  cli_write_bytes (path, project, strlen (project));
  {
    g_auto(CliRun) run = { 0, };

    cli_run (&run, "batch", folder, "-o", never, "--params", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    cli_assert_one_line_error (&run, path, "line 4");
    g_assert_nonnull (strstr (run.err, "ofset"));
  }

  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  cli_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/params/round-trip", test_round_trip);
  g_test_add_func ("/cli/params/misspelt", test_misspelt);

  return g_test_run ();
}
