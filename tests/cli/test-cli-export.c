/* test-cli-export.c — livedead export PROJECT -o DIR
 *
 * Runs the real command ($LIVEDEAD) on a folder of synthetic triples with
 * a saved project (parameters, a frame's own parameters, edits), and
 * checks that it writes the same bytes as lda_export_run() called here
 * with that project loaded — what the window's Export does.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lda-edits.h"
#include "lda-error.h"
#include "lda-export.h"
#include "lda-project.h"
#include "lda-project-damage.h"
#include "lda-tiff.h"
#include "test-cli-util.h"

#define N_TIMES 3

/* A folder of three time points, w_t00 … w_t02, with more dead cells at
 * each step. */
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

/* Saves a project beside the images, as the window does: other Hoechst
 * kernel for the series, a Draq7 offset of its own for frame 1, and a
 * dead nucleus painted in the corner of frame 0. */
static void
save_project (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (folder, &error);
  g_autoptr(LdaEdits) edits = NULL;
  g_autofree char *project = NULL;
  LdaParams params, override;
  LdaRect dirty = { 0, };

  g_assert_no_error (error);
  if (series == NULL)
    return;

  params = *lda_series_get_params (series);
  params.channel[LDA_CHANNEL_HOECHST].kernel = 3;
  lda_series_set_params (series, &params);
  override = params;
  override.channel[LDA_CHANNEL_DRAQ7].offset = 1.5;
  lda_series_set_frame_override (series, 1, &override);

  project = lda_project_default_folder (series);
  lda_project_save_params (series, project, &error);
  g_assert_no_error (error);

  edits = lda_edits_new (128, 96, &error);
  g_assert_no_error (error);
  lda_edits_dab (edits, 4, 4, 3, LDA_CLASS_DRAQ7, &dirty);
  lda_project_save_edits (project, series, 0, edits, &error);
  g_assert_no_error (error);
}

/* What the window exports: the series with its project loaded. */
static void
export_here (const char             *folder,
             gboolean                with_project,
             const char             *out,
             const LdaExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (folder, &error);
  g_autoptr(GPtrArray) edits = NULL;

  g_assert_no_error (error);
  if (series == NULL)
    return;

  if (with_project)
    {
      g_autofree char *project = lda_project_default_folder (series);

      lda_project_load (series, project, &edits, &error);
      g_assert_no_error (error);
    }

  lda_export_run (series, edits, out, options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The files below @folder, relative to it, sorted, hidden ones included. */
static void
list_tree_into (const char *root,
                const char *folder,
                GPtrArray  *names)
{
  g_auto(GStrv) entries = cli_list_dir (folder);

  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folder, entries[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_tree_into (root, path, names);
      else
        g_ptr_array_add (names, g_strdup (path + strlen (root) + 1));
    }
}

static char *
list_tree (const char *folder)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  list_tree_into (folder, folder, names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

/* Same files, same bytes. */
static void
assert_same_tree (const char *a,
                  const char *b)
{
  g_autofree char *list_a = list_tree (a);
  g_autofree char *list_b = list_tree (b);
  g_auto(GStrv) names = NULL;

  g_assert_cmpstr (list_a, ==, list_b);
  g_assert_cmpstr (list_a, !=, "");
  names = g_strsplit (list_a, " ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path_a = g_build_filename (a, names[i], NULL);
      g_autofree char *path_b = g_build_filename (b, names[i], NULL);
      gboolean same = cli_files_equal (path_a, path_b);

      if (!same)
        g_test_message ("%s differs between %s and %s", names[i], a, b);
      g_assert_true (same);
    }
}

typedef struct
{
  char *root;
  char *input;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->root = cli_tmpdir ();
  fixture->input = g_build_filename (fixture->root, "in", NULL);
  write_series (fixture->input);
  if (data != NULL)
    save_project (fixture->input);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cli_rm_rf (fixture->root);
  g_free (fixture->root);
  g_free (fixture->input);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->root, name, NULL);
}

static void
test_same_as_window (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *cli_out = path_in (fixture, "cli");
  g_autofree char *here_out = path_in (fixture, "here");
  g_autofree char *plain_out = path_in (fixture, "plain");
  g_autofree char *labels = g_build_filename (cli_out, "w_t00_labels.tif", NULL);
  g_autofree char *plain_labels = g_build_filename (plain_out, "w_t00_labels.tif", NULL);
  g_autofree char *files = NULL;
  g_autoptr(LdaImage) image = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { NULL, };

  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", cli_out, NULL), ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  files = cli_list_dir_text (cli_out);
  g_assert_cmpstr (files, ==,
                   ".livedead-export counts.csv dead_fraction.png dead_fraction.svg w_t00_labels.tif "
                   "w_t01_labels.tif w_t02_labels.tif");
  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autofree char *file = g_strdup_printf ("w_t%02u_labels.tif", t);
      g_autofree char *path = g_build_filename (cli_out, file, NULL);

      cli_assert_labels (path, 128, 96);
    }

  /* The same bytes as the export of the window. */
  export_here (fixture->input, TRUE, here_out, &options);
  assert_same_tree (cli_out, here_out);

  /* The project was used: the painted dead nucleus is there, and the
   * masks differ from an export with the default parameters. */
  image = lda_tiff_read (labels, 0, &error);
  g_assert_no_error (error);
  if (image != NULL)
    g_assert_cmpuint (lda_image_get (image, 4, 4), ==, LDA_CLASS_DRAQ7);
  export_here (fixture->input, FALSE, plain_out, &options);
  g_assert_false (cli_files_equal (labels, plain_labels));
}

static void
test_project_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *project = g_build_filename (fixture->input, LDA_PROJECT_FOLDER_NAME, NULL);
  g_autofree char *project_slash = g_strconcat (project, "/", NULL);
  g_autofree char *from_images = path_in (fixture, "images");
  g_autofree char *from_project = path_in (fixture, "project");
  g_autofree char *from_slash = path_in (fixture, "slash");

  g_assert_true (g_file_test (project, G_FILE_TEST_IS_DIR));
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", from_images, NULL), ==, 0);
  g_assert_cmpint (cli_run (&run, "export", project, "-o", from_project, NULL), ==, 0);
  g_assert_cmpint (cli_run (&run, "export", project_slash, "-o", from_slash, NULL), ==, 0);
  assert_same_tree (from_images, from_project);
  assert_same_tree (from_images, from_slash);
}

static void
test_training_frames (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *cli_out = path_in (fixture, "cli");
  g_autofree char *here_out = path_in (fixture, "here");
  g_autofree char *files = NULL;
  static const guint frames[] = { 0, 2 };
  LdaExportOptions options = { frames, G_N_ELEMENTS (frames), TRUE, FALSE };

  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", cli_out,
                            "--training-layout", "--frames", "2,0", NULL), ==, 0);
  files = list_tree (cli_out);
  g_assert_cmpstr (files, ==,
                   ".livedead-export classes.json counts.csv dead_fraction.png dead_fraction.svg "
                   "images/w_t00.tif images/w_t02.tif "
                   "masks/w_t00.tif masks/w_t02.tif w_t00_labels.tif w_t02_labels.tif");

  export_here (fixture->input, TRUE, here_out, &options);
  assert_same_tree (cli_out, here_out);
}

static void
test_exists (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *out = path_in (fixture, "out");
  g_autofree char *copy = path_in (fixture, "copy");
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, NULL), ==, 0);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", copy, NULL), ==, 0);
  before = list_tree (out);

  /* Again into the same folder: refused, nothing touched. */
  cli_write_bytes (csv, "old\n", 4);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, NULL), ==, 1);
  cli_assert_one_line_error (&run, "already exists", "--overwrite");
  g_assert_nonnull (strstr (run.err, "w_t00_labels.tif"));
  /* Whatever is there: a counts.csv of its own is no earlier export. */
  g_assert_null (strstr (run.err, "earlier export"));
  after = list_tree (out);
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr(GBytes) bytes = cli_read_bytes (csv);

    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "old\n", 4);
  }

  /* With --overwrite: replaced, the same as a fresh export. */
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, "--overwrite", NULL),
                   ==, 0);
  assert_same_tree (out, copy);
}

static void
test_no_project (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *cli_out = path_in (fixture, "cli");
  g_autofree char *here_out = path_in (fixture, "here");
  g_autofree char *project = g_build_filename (fixture->input, LDA_PROJECT_FOLDER_NAME, NULL);
  LdaExportOptions options = { NULL, };

  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", cli_out, NULL), ==, 0);
  export_here (fixture->input, FALSE, here_out, &options);
  assert_same_tree (cli_out, here_out);

  /* Reading the images never makes a project folder. */
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *out = path_in (fixture, "out");
  g_autofree char *missing = path_in (fixture, "no-such-folder");
  g_autofree char *empty = path_in (fixture, "empty");
  g_autofree char *file = g_build_filename (fixture->input, "w_t00_bf.tif", NULL);

  /* A folder that is not there, one without triples, a file. */
  g_assert_cmpint (cli_run (&run, "export", missing, "-o", out, NULL), ==, 1);
  cli_assert_one_line_error (&run, missing, NULL);
  g_assert_cmpint (g_mkdir (empty, 0777), ==, 0);
  g_assert_cmpint (cli_run (&run, "export", empty, "-o", out, NULL), ==, 1);
  cli_assert_one_line_error (&run, empty, NULL);
  g_assert_cmpint (cli_run (&run, "export", file, "-o", out, NULL), ==, 1);
  cli_assert_one_line_error (&run, file, NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* A wrong command line. */
  g_assert_cmpint (cli_run (&run, "export", fixture->input, NULL), ==, 2);
  cli_assert_one_line_error (&run, "-o", NULL);
  g_assert_cmpint (cli_run (&run, "export", "-o", out, NULL), ==, 2);
  cli_assert_one_line_error (&run, NULL, NULL);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, fixture->input, "-o", out, NULL),
                   ==, 2);
  cli_assert_one_line_error (&run, NULL, NULL);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, "--frames", "3", NULL),
                   ==, 2);
  cli_assert_one_line_error (&run, "--frames", "3 frames");
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, "--frames", "x", NULL),
                   ==, 2);
  cli_assert_one_line_error (&run, "--frames", NULL);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, "--frames", "2-1", NULL),
                   ==, 2);
  cli_assert_one_line_error (&run, "--frames", NULL);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, "--bogus", NULL), ==, 2);
  cli_assert_one_line_error (&run, "bogus", NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (&run, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "livedead export PROJECT -o DIR"));
  g_assert_cmpint (cli_run (&run, "export", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "--training-layout"));
}

/* An export finds a damaged edits file and fails, every time, leaving the
 * file as it is (the project is the window's: the command only reads
 * it), until the corrections are set aside and acknowledged as lost in
 * the window or the export is told --ignore-damaged: an export never
 * silently lacks them. */
static void
test_damaged_stays_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *out = path_in (fixture, "out");
  g_autofree char *project = g_build_filename (fixture->input, LDA_PROJECT_FOLDER_NAME, NULL);
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (fixture->input, NULL);
  g_autofree char *edits = lda_project_frame_edits_path (project, series, 0);
  g_autofree char *edits_folder = g_path_get_dirname (edits);
  g_autofree char *listing = NULL;
  g_autoptr(LdaProjectLocation) location = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GKeyFile) extra = NULL;
  g_autoptr(GPtrArray) damage = NULL;
  g_autoptr(GError) error = NULL;

  cli_write_bytes (edits, "LDAE, but damaged", 17);
  listing = cli_list_dir_text (edits_folder);

  for (int round = 0; round < 2; round++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, NULL), ==, 1);
      cli_assert_one_line_error (&run, "damaged", "--ignore-damaged");
      g_assert_nonnull (strstr (run.err, "w_t00"));
      g_assert_nonnull (strstr (run.err, edits));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      /* Left as it was. */
      g_assert_true (g_file_get_contents (edits, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "LDAE, but damaged");
      after = cli_list_dir_text (edits_folder);
      g_assert_cmpstr (after, ==, listing);
    }

  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, "--ignore-damaged", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (run.err, "warning"));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (edits, G_FILE_TEST_IS_REGULAR));
  cli_rm_rf (out);

  /* The window sets it aside, and the person goes on without it
   * ("Go On Without Them"): exports run. */
  location = lda_project_location_new (series, FALSE);
  g_assert_false (lda_project_load_location (series, location, &loaded, &extra, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (g_file_test (edits, G_FILE_TEST_EXISTS));
  g_assert_true (lda_project_load_location (series, location, &loaded, &extra, &error));
  g_assert_no_error (error);
  damage = lda_project_find_damage (series, location, extra);
  g_assert_cmpuint (damage->len, ==, 1);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, NULL), ==, 1);
  cli_assert_one_line_error (&run, "set aside", "--ignore-damaged");
  lda_project_acknowledge_damage (extra, damage);
  g_assert_true (lda_project_save_params_full (series, location->folder, extra, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, NULL), ==, 0);
  g_assert_cmpstr (run.err, ==, "");
}

/* Corrections the window saved in the user data folder while the image
 * folder was read-only are exported once it is writable again (and the
 * other way round): the command looks where the window does. */
static void
test_both_locations (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *out = path_in (fixture, "out");
  g_autofree char *labels = g_build_filename (out, "w_t01_labels.tif", NULL);
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (fixture->input, NULL);
  g_autofree char *fallback = lda_project_fallback_folder (series);
  g_autoptr(LdaEdits) edits = lda_edits_new (128, 96, NULL);
  g_autoptr(LdaImage) image = NULL;
  g_autoptr(GError) error = NULL;
  LdaRect dirty = { 0, };

  lda_edits_dab (edits, 60, 40, 3, LDA_CLASS_HOECHST, &dirty);
  g_assert_true (lda_project_save_edits (fallback, series, 1, edits, &error));
  g_assert_no_error (error);

  g_assert_cmpint (cli_run (&run, "export", fixture->input, "-o", out, NULL), ==, 0);
  image = lda_tiff_read (labels, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_image_get (image, 60, 40), ==, LDA_CLASS_HOECHST);
  cli_rm_rf (fallback);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data = g_dir_make_tmp ("lda-cli-export-data-XXXXXX", NULL);
  int status;

  /* The user data folder, for the test and the command alike. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  cli_init (&argc, &argv);

#define ADD(path, project, func) \
  g_test_add (path, Fixture, project, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/export/same-as-window", "project", test_same_as_window);
  ADD ("/cli/export/project-folder", "project", test_project_folder);
  ADD ("/cli/export/training-frames", "project", test_training_frames);
  ADD ("/cli/export/exists", "project", test_exists);
  ADD ("/cli/export/no-project", NULL, test_no_project);
  ADD ("/cli/export/errors", NULL, test_errors);
  ADD ("/cli/export/damaged-stays-refused", "project", test_damaged_stays_refused);
  ADD ("/cli/export/both-locations", "project", test_both_locations);

#undef ADD

  status = g_test_run ();
  cli_rm_rf (data);
  return status;
}
