/* test-cli-batch-series.c — livedead batch on a folder of several
 * positions, and the time it gives frames: from Micro-Manager's metadata
 * or --interval, the same as export's
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lda-edits.h"
#include "lda-project.h"
#include "lda-series.h"
#include "lda-tiff.h"
#include "lda-time-store.h"
#include "test-cli-util.h"

static const char * const mm_channels[] = { "BF", "DAPI", "Cy5" };

/* Position p, time t: 1 + p live cells and t dead ones. */
static CliScene
mm_scene (guint p,
          guint t)
{
  CliScene scene = { 128, 96, 1 + p, t, 70 + 3 * p + t };

  return scene;
}

/* A Micro-Manager 1.4 acquisition: Pos0/ and Pos1/, two time points
 * taken 0 h and 3 h after the start, each position's metadata.txt. */
static void
write_mm14 (const char *root)
{
  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *pos = g_strdup_printf ("Pos%u", p);
      g_autofree char *folder = g_build_filename (root, pos, NULL);
      g_autofree char *metadata = g_build_filename (folder, "metadata.txt", NULL);
      g_autoptr(GString) json = g_string_new ("{\"Summary\": {\"Frames\": 2}");

      g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
      for (guint t = 0; t < 2; t++)
        for (guint c = 0; c < 3; c++)
          {
            CliScene scene = mm_scene (p, t);
            g_autofree char *name = g_strdup_printf ("img_%09u_%s_000.tif", t, mm_channels[c]);
            g_autofree char *path = g_build_filename (folder, name, NULL);
            g_autoptr(LdaImage) image = cli_scene_render (&scene, c);

            cli_write_image (path, image);
            g_string_append_printf (json, ",\n\"FrameKey-%u-%u-0\": {\"FileName\": \"%s\", "
                                    "\"ElapsedTime-ms\": %.1f}", t, c, name,
                                    t * 3.0 * 3600000.0 + 250.0 * c);
          }
      g_string_append (json, "}\n");
      cli_write_bytes (metadata, json->str, json->len);
    }
}

static GPtrArray *
read_csv (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return cli_parse_csv (text);
}

/* The value of @column in every data row, "frame=value" joined by spaces. */
static char *
column_text (const char *csv_path,
             const char *column)
{
  g_autoptr(GPtrArray) records = read_csv (csv_path);
  g_autoptr(GString) text = g_string_new (NULL);
  char **header = g_ptr_array_index (records, 0);
  guint k = 0;

  while (header[k] != NULL && !g_str_equal (header[k], column))
    k++;
  g_assert_nonnull (header[k]);
  for (guint r = 1; r < records->len; r++)
    {
      char **row = g_ptr_array_index (records, r);

      g_string_append_printf (text, "%s%s=%s", r > 1 ? " " : "", row[0], row[k]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_per_series (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *all_csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *pos1_csv = g_build_filename (out, "Pos1", "counts.csv", NULL);
  g_autofree char *times = NULL;
  g_autofree char *labels = NULL;
  g_auto(CliRun) run = { 0, };

  write_mm14 (in);
  cli_run (&run, "batch", in, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv Pos0 Pos1 counts.csv");
  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *pos = g_strdup_printf ("Pos%u", p);
      g_autofree char *dir = g_build_filename (out, pos, NULL);
      g_autofree char *csv = g_build_filename (dir, "counts.csv", NULL);
      g_autofree char *files = cli_list_dir_text (dir);
      g_autofree char *want = g_strdup_printf (".livedead-result-counts.csv Pos%u_t0_labels.tif Pos%u_t1_labels.tif "
                                               "counts.csv", p, p);
      g_autofree char *line = g_strdup_printf ("Pos%u: ", p);
      g_autoptr(GPtrArray) rows = read_csv (csv);

      g_assert_cmpstr (files, ==, want);
      g_assert_cmpuint (rows->len, ==, 3);
      for (guint t = 0; t < 2; t++)
        {
          char **row = g_ptr_array_index (rows, 1 + t);
          CliScene scene = mm_scene (p, t);

          g_assert_cmpuint (g_ascii_strtoull (row[4], NULL, 10), ==, scene.n_live);
          g_assert_cmpuint (g_ascii_strtoull (row[5], NULL, 10), ==, scene.n_dead);
        }
      /* A summary line per position. */
      g_assert_nonnull (strstr (run.out, line));
    }

  /* Hours from the metadata, not the index; all positions in counts.csv. */
  times = column_text (all_csv, "time_h");
  g_assert_cmpstr (times, ==, "Pos0_t0=0.0000 Pos0_t1=3.0000 Pos1_t0=0.0000 Pos1_t1=3.0000");
  /* Each table names the masks from where it lies. */
  labels = column_text (all_csv, "labels");
  g_assert_cmpstr (labels, ==, "Pos0_t0=Pos0/Pos0_t0_labels.tif Pos0_t1=Pos0/Pos0_t1_labels.tif "
                               "Pos1_t0=Pos1/Pos1_t0_labels.tif Pos1_t1=Pos1/Pos1_t1_labels.tif");
  g_clear_pointer (&labels, g_free);
  labels = column_text (pos1_csv, "labels");
  g_assert_cmpstr (labels, ==, "Pos1_t0=Pos1_t0_labels.tif Pos1_t1=Pos1_t1_labels.tif");

  /* One position only: the folder as before. */
  cli_rm_rf (out);
  cli_run (&run, "batch", in, "-o", out, "--series", "Pos1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&listing, g_free);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv Pos1_t0_labels.tif Pos1_t1_labels.tif "
                                "counts.csv");

  /* A position the folder does not hold: those it holds are named. */
  cli_run (&run, "batch", in, "-o", out, "--series", "Pos7", NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_assert_one_line_error (&run, "Pos7", "Pos0, Pos1");

  cli_rm_rf (tmp);
}

/* batch and export give a folder's frames the same time: from the
 * metadata, from --interval, or none. */
static void
check_same_time (const char *in,
                 const char *series,
                 const char *interval,
                 const char *expected)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *batch_out = g_build_filename (tmp, "batch", NULL);
  g_autofree char *export_out = g_build_filename (tmp, "export", NULL);
  g_autofree char *batch_csv = g_build_filename (batch_out, "counts.csv", NULL);
  g_autofree char *export_csv = g_build_filename (export_out, "counts.csv", NULL);
  g_autofree char *batch_times = NULL, *export_times = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) run = { 0, };

  for (guint command = 0; command < 2; command++)
    {
      g_ptr_array_set_size (args, 0);
      g_ptr_array_add (args, command == 0 ? "batch" : "export");
      g_ptr_array_add (args, (gpointer) in);
      g_ptr_array_add (args, "-o");
      g_ptr_array_add (args, command == 0 ? batch_out : export_out);
      if (series != NULL)
        {
          g_ptr_array_add (args, "--series");
          g_ptr_array_add (args, (gpointer) series);
        }
      if (interval != NULL)
        {
          g_ptr_array_add (args, "--interval");
          g_ptr_array_add (args, (gpointer) interval);
        }
      g_ptr_array_add (args, NULL);
      cli_runv (&run, (const char * const *) args->pdata);
      g_assert_cmpint (run.status, ==, 0);
    }

  batch_times = column_text (batch_csv, "time_h");
  export_times = column_text (export_csv, "time_h");
  g_assert_cmpstr (batch_times, ==, expected);
  g_assert_cmpstr (export_times, ==, expected);
  cli_rm_rf (tmp);
}

static void
test_same_time (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *mm = g_build_filename (tmp, "mm", NULL);
  g_autofree char *tagged = g_build_filename (tmp, "tagged", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };

  write_mm14 (mm);
  check_same_time (mm, "Pos1", NULL, "Pos1_t0=0.0000 Pos1_t1=3.0000");
  /* The files' time wins over --interval. */
  check_same_time (mm, "Pos1", "30min", "Pos1_t0=0.0000 Pos1_t1=3.0000");

  g_assert_cmpint (g_mkdir (tagged, 0755), ==, 0);
  for (guint t = 0; t < 3; t++)
    {
      g_autofree char *name = g_strdup_printf ("w_t%02u", t);
      CliScene scene = { 128, 96, 2, t, 90 + t };

      cli_write_triple (tagged, name, &scene, NULL);
    }
  check_same_time (tagged, NULL, NULL, "w_t00= w_t01= w_t02=");
  check_same_time (tagged, NULL, "2h", "w_t00=0.0000 w_t01=2.0000 w_t02=4.0000");
  check_same_time (tagged, NULL, "30min", "w_t00=0.0000 w_t01=0.5000 w_t02=1.0000");

  /* The interval the window keeps with the project, for both; --interval
   * wins over it. */
  g_assert_true (lda_time_store_save (tagged, "tagged", 1.5, &error));
  g_assert_no_error (error);
  check_same_time (tagged, NULL, NULL, "w_t00=0.0000 w_t01=1.5000 w_t02=3.0000");
  check_same_time (tagged, NULL, "2h", "w_t00=0.0000 w_t01=2.0000 w_t02=4.0000");

  cli_run (&run, "batch", tagged, "-o", tmp, "--interval", "soon", NULL);
  cli_assert_one_line_error (&run, "soon", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_rm_rf (tmp);
}

/* export of a folder of several positions without --series: the first,
 * and a note naming the others and how to choose one; with it, no note. */
static void
test_export_says_which (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *files = NULL;
  g_auto(CliRun) run = { 0, };

  write_mm14 (in);
  cli_run (&run, "export", in, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "holds 2 wells or positions (Pos0, Pos1)"));
  g_assert_nonnull (strstr (run.err, "Pos0, was exported; --series NAME"));
  g_assert_nonnull (strstr (run.err, "--all-series"));
  files = cli_list_dir_text (out);
  g_assert_nonnull (strstr (files, "Pos0_t0_labels.tif"));
  g_assert_null (strstr (files, "Pos1"));

  cli_rm_rf (out);
  cli_run (&run, "export", in, "-o", out, "--series", "Pos1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  cli_rm_rf (tmp);
}

/* Saves a project for Pos1 as the window does: a Hoechst kernel of its
 * own, and a dead nucleus painted in the corner of its second frame. */
static void
save_pos1_project (const char *in)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder_full (in, "Pos1", NULL, &error);
  g_autoptr(LdaEdits) edits = NULL;
  g_autofree char *project = NULL;
  LdaParams params;
  LdaRect dirty = { 0, };

  g_assert_no_error (error);
  params = *lda_series_get_params (series);
  params.channel[LDA_CHANNEL_HOECHST].kernel = 5;
  lda_series_set_params (series, &params);
  project = lda_project_default_folder (series);
  lda_project_save_params (series, project, &error);
  g_assert_no_error (error);
  edits = lda_edits_new (128, 96, &error);
  g_assert_no_error (error);
  lda_edits_dab (edits, 4, 4, 3, LDA_CLASS_DRAQ7, &dirty);
  lda_project_save_edits (project, series, 1, edits, &error);
  g_assert_no_error (error);
}

static guint
label_at (const char *path,
          guint       x,
          guint       y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = lda_tiff_read (path, 0, &error);

  g_assert_no_error (error);
  return lda_image_get (labels, x, y);
}

/* export --all-series: every position in one dataset, each with its own
 * saved parameters and corrections, its files those of an export of
 * that position alone. */
static void
test_export_all_series (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *alone = g_build_filename (tmp, "alone", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *labels_tr = g_build_filename (out, "labelsTr", NULL);
  g_autofree char *pos1_t1 = g_build_filename (out, "Pos1_t1_labels.tif", NULL);
  g_autofree char *pos0_t1 = g_build_filename (out, "Pos0_t1_labels.tif", NULL);
  g_autofree char *alone_t1 = g_build_filename (alone, "Pos1_t1_labels.tif", NULL);
  g_autofree char *times = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *params = NULL;
  g_autofree char *files = NULL;
  g_autoptr(GBytes) joined_bytes = NULL;
  g_autoptr(GBytes) alone_bytes = NULL;
  g_auto(CliRun) run = { 0, };

  write_mm14 (in);
  save_pos1_project (in);

  cli_run (&run, "export", in, "-o", out, "--all-series", "--layout", "nnunet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "4 frames exported"));
  times = column_text (csv, "time_h");
  g_assert_cmpstr (times, ==, "Pos0_t0=0.0000 Pos0_t1=3.0000 Pos1_t0=0.0000 Pos1_t1=3.0000");
  fields = column_text (csv, "field");
  g_assert_cmpstr (fields, ==, "Pos0_t0=Pos0 Pos0_t1=Pos0 Pos1_t0=Pos1 Pos1_t1=Pos1");
  params = column_text (csv, "params");
  g_test_message ("%s", params);
  g_assert_true (g_str_has_prefix (params, "Pos0_t0=robust Pos0_t1=robust Pos1_t0=sha256:"));
  files = cli_list_dir_text (labels_tr);
  g_assert_cmpstr (files, ==, "Pos0_t0.tif Pos0_t1.tif Pos1_t0.tif Pos1_t1.tif");

  /* Pos1's correction, not Pos0's frame. */
  g_assert_cmpuint (label_at (pos1_t1, 4, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpuint (label_at (pos0_t1, 4, 4), !=, LDA_CLASS_DRAQ7);

  /* The same bytes as an export of Pos1 alone. */
  cli_run (&run, "export", in, "-o", alone, "--series", "Pos1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  joined_bytes = cli_read_bytes (pos1_t1);
  alone_bytes = cli_read_bytes (alone_t1);
  g_assert_true (g_bytes_equal (joined_bytes, alone_bytes));

  /* --frames counts across the positions. */
  cli_rm_rf (out);
  cli_run (&run, "export", in, "-o", out, "--all-series", "--frames", "1,2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&times, g_free);
  times = column_text (csv, "time_h");
  g_assert_cmpstr (times, ==, "Pos0_t1=3.0000 Pos1_t0=0.0000");

  /* Replacing it with Pos1 alone removes the frame of Pos0 it held,
   * and says so. */
  cli_run (&run, "export", in, "-o", out, "--series", "Pos1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_assert_one_line_error (&run, "earlier export", "--overwrite");
  cli_run (&run, "export", in, "-o", out, "--series", "Pos1", "--overwrite", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "note: 1 file of the earlier export"));
  g_clear_pointer (&files, g_free);
  files = cli_list_dir_text (out);
  g_assert_cmpstr (files, ==, ".livedead-export Pos1_t0_labels.tif Pos1_t1_labels.tif "
                              "counts.csv dead_fraction.png dead_fraction.svg");

  cli_run (&run, "export", in, "-o", out, "--all-series", "--series", "Pos0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--all-series", NULL);

  /* Pos1's corrections damaged: refused, naming the position, until
   * --ignore-damaged, which says what was left out. */
  {
    g_autoptr(LdaSeries) pos1 = lda_series_new_from_folder_full (in, "Pos1", NULL, NULL);
    g_autofree char *project = lda_project_default_folder (pos1);
    g_autofree char *edits = lda_project_frame_edits_path (project, pos1, 1);

    cli_write_bytes (edits, "LDAE, but damaged", 17);
    cli_rm_rf (out);
    cli_run (&run, "export", in, "-o", out, "--all-series", NULL);
    g_assert_cmpint (run.status, ==, 1);
    cli_assert_one_line_error (&run, "Pos1: ", "--ignore-damaged");
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    cli_run (&run, "export", in, "-o", out, "--all-series", "--ignore-damaged", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "warning: Pos1: "));
    g_assert_cmpuint (label_at (pos1_t1, 4, 4), !=, LDA_CLASS_DRAQ7);
  }

  cli_rm_rf (tmp);
}

/* --val-by field keeps each position's time points on one side; a
 * position alone cannot be split so, and a way to split that is not one
 * is a usage error. */
static void
test_export_val_by_field (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "plate", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *val = g_build_filename (out, "val", "masks", NULL);
  g_autofree char *train = g_build_filename (out, "train", "masks", NULL);
  g_autofree char *in_val = NULL;
  g_autofree char *in_train = NULL;
  g_auto(CliRun) run = { 0, };

  write_mm14 (in);

  cli_run (&run, "export", in, "-o", out, "--all-series", "--layout", "pairs",
           "--val-fraction", "0.5", "--val-by", "field", "--seed", "3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  in_val = cli_list_dir_text (val);
  in_train = cli_list_dir_text (train);
  g_assert_true ((g_strcmp0 (in_val, "Pos0_t0.tif Pos0_t1.tif") == 0 &&
                  g_strcmp0 (in_train, "Pos1_t0.tif Pos1_t1.tif") == 0) ||
                 (g_strcmp0 (in_val, "Pos1_t0.tif Pos1_t1.tif") == 0 &&
                  g_strcmp0 (in_train, "Pos0_t0.tif Pos0_t1.tif") == 0));

  cli_rm_rf (out);
  cli_run (&run, "export", in, "-o", out, "--series", "Pos1", "--layout", "pairs",
           "--val-fraction", "0.5", "--val-by", "field", NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_assert_one_line_error (&run, "Pos1", "split by field");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  cli_run (&run, "export", in, "-o", out, "--val-fraction", "0.5", "--val-by", "well", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--val-by", "field");

  cli_rm_rf (tmp);
}

/* Damaged metadata: hours by index, a warning naming the file. */
static void
test_damaged_metadata (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *metadata = g_build_filename (in, "Pos0", "metadata.txt", NULL);
  g_autofree char *csv = g_build_filename (out, "Pos0", "counts.csv", NULL);
  g_autofree char *pos1_csv = g_build_filename (out, "Pos1", "counts.csv", NULL);
  g_autofree char *times = NULL;
  g_autofree char *labels = NULL;
  g_auto(CliRun) run = { 0, };

  write_mm14 (in);
  cli_write_bytes (metadata, "{\"Summary\": {", 13);
  cli_run (&run, "batch", in, "-o", out, "--interval", "1h", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "livedead: warning: "));
  g_assert_nonnull (strstr (run.err, metadata));
  g_assert_null (strchr (run.err, '\n') == NULL ? NULL : strchr (strchr (run.err, '\n') + 1,
                                                                  '\n'));
  times = column_text (csv, "time_h");
  g_assert_cmpstr (times, ==, "Pos0_t0=0.0000 Pos0_t1=1.0000");

  /* export says it too. */
  {
    g_autofree char *exported = g_build_filename (tmp, "export", NULL);
    g_auto(CliRun) export_run = { 0, };

    cli_run (&export_run, "export", in, "-o", exported, "--series", "Pos0", "--interval", "1h",
             NULL);
    g_assert_cmpint (export_run.status, ==, 0);
    g_assert_nonnull (strstr (export_run.err, "livedead: warning: "));
    g_assert_nonnull (strstr (export_run.err, metadata));
  }
  cli_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/batch-series/per-series", test_per_series);
  g_test_add_func ("/cli/batch-series/same-time", test_same_time);
  g_test_add_func ("/cli/batch-series/export-says-which", test_export_says_which);
  g_test_add_func ("/cli/batch-series/export-all-series", test_export_all_series);
  g_test_add_func ("/cli/batch-series/export-val-by-field", test_export_val_by_field);
  g_test_add_func ("/cli/batch-series/damaged-metadata", test_damaged_metadata);

  return g_test_run ();
}
