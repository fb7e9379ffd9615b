/* test-cli-segment.c — livedead --help/--version, usage errors and segment
 *
 * Runs the real command ($LIVEDEAD) on synthetic triples written into a
 * temporary folder.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-tiff.h"
#include "test-cli-util.h"

/* The default field: three live cells and one dead one. */
static const CliScene default_scene = { 128, 128, 3, 1, 7 };

/* With the record that thresholds.json is as segment wrote it. */
static const char * const stage_files =
  ".livedead-result-thresholds.json "
  "cell_area.tif draq7.tif hoechst.tif labels.tif sobel.tif thresholds.json";

/* Runs segment on @paths into @outdir with --stages and @extra options, and
 * reads back the thresholds, checking that thresholds.json and stdout
 * agree. */
static gboolean
run_stages (char * const *paths,
            const char   *outdir,
            const char   *extra[],
            gint64       *thresholds)
{
  g_auto(CliRun) run = { 0, };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *json = g_build_filename (outdir, "thresholds.json", NULL);
  gint64 printed[3] = { -1, -1, -1 };

  g_ptr_array_add (args, (gpointer) "segment");
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (args, paths[i]);
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) outdir);
  g_ptr_array_add (args, (gpointer) "--stages");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  cli_runv (&run, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  if (run.status != 0)
    return FALSE;

  g_assert_true (cli_parse_stdout_thresholds (run.out, printed));
  g_assert_true (cli_parse_json_thresholds (json, thresholds));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (thresholds[i], ==, printed[i]);

  return TRUE;
}

static void
test_help (void)
{
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage:"));
  g_assert_nonnull (strstr (run.out, "livedead segment BF HO DR -o OUTDIR"));
  g_assert_nonnull (strstr (run.out, "livedead batch INDIR -o OUTDIR"));
  g_assert_nonnull (strstr (run.out, "livedead bench BF HO DR"));
  g_assert_cmpstr (run.err, ==, "");

  cli_run (&run, "segment", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--output"));
  g_assert_nonnull (strstr (run.out, "--stages"));

  cli_run (&run, "batch", "--help-all", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--jobs"));
  g_assert_nonnull (strstr (run.out, "--shard"));
  g_assert_nonnull (strstr (run.out, "--hoechst-threshold"));
  g_assert_nonnull (strstr (run.out, "--params"));
}

static void
test_version (void)
{
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_regex_match_simple ("\\Alivedead \\d+\\.\\d+(\\.\\d+)?\\n\\z", run.out, 0, 0));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_usage_errors (void)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);

  /* No command: the usage, on stderr, and the usage status. */
  cli_runv (&run, (const char * const[]) { NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Usage:"));
  g_assert_cmpstr (run.out, ==, "");

  cli_run (&run, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "frobnicate", NULL);

  cli_run (&run, "segment", "a_bf.tif", "a_hoechst.tif", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, NULL, NULL);

  cli_run (&run, "segment", "a_bf.tif", "a_hoechst.tif", "a_draq7.tif", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "-o", NULL);

  cli_run (&run, "segment", "--no-such-option", "a_bf.tif", "a_hoechst.tif", "a_draq7.tif",
           "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--no-such-option", NULL);

  cli_run (&run, "batch", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, NULL, NULL);

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cli_rm_rf (tmp);
}

static void
test_segment_labels (void)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "not", "yet", "there", NULL);
  g_autofree char *labels_path = g_build_filename (out, "labels.tif", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(GError) error = NULL;
  char *paths[3] = { NULL, };
  guint live = 0, dead = 0;
  guint seen[5] = { 0, };

  cli_write_triple (tmp, "field", &default_scene, paths);

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "field: "));

  /* The folder was created with its parents, and holds the mask only. */
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, "labels.tif");
  cli_assert_labels (labels_path, default_scene.width, default_scene.height);

  /* Three live cells and one dead, as drawn. */
  g_assert_true (cli_parse_counts (run.out, &live, &dead));
  g_assert_cmpuint (live, ==, default_scene.n_live);
  g_assert_cmpuint (dead, ==, default_scene.n_dead);

  /* Every class appears: cells, outlines, live and dead nuclei. */
  labels = lda_tiff_read (labels_path, 0, &error);
  g_assert_no_error (error);
  if (labels != NULL)
    for (gsize i = 0; i < lda_image_n_pixels (labels); i++)
      seen[MIN (lda_image_u16 (labels)[i], 4)]++;
  for (guint v = 0; v <= 4; v++)
    g_assert_cmpuint (seen[v], >, 0);

  /* --quiet: same result, nothing printed. */
  cli_run (&run, "segment", "-q", paths[0], paths[1], paths[2], "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* Reads an 8-bit stage image and checks it against the label mask. */
static LdaImage *
read_u8 (const char *folder,
         const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  LdaImage *image = lda_tiff_read (path, 0, &error);

  g_assert_no_error (error);
  if (image != NULL)
    {
      g_assert_cmpuint (image->source_bits, ==, 8);
      g_assert_cmpuint (image->width, ==, default_scene.width);
      g_assert_cmpuint (image->height, ==, default_scene.height);
    }

  return image;
}

static void
test_segment_stages (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "stages", NULL);
  g_autofree char *plain = g_build_filename (tmp, "plain", NULL);
  g_autofree char *plain_labels = g_build_filename (plain, "labels.tif", NULL);
  g_autofree char *stage_labels = g_build_filename (out, "labels.tif", NULL);
  g_autofree char *sobel_path = g_build_filename (out, "sobel.tif", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(LdaImage) sobel = NULL;
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(LdaImage) cells = NULL;
  g_autoptr(LdaImage) hoechst = NULL;
  g_autoptr(LdaImage) draq7 = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };
  char *paths[3] = { NULL, };
  gint64 thresholds[3] = { 0, };
  gint64 again[3] = { 0, };

  cli_write_triple (tmp, "field", &default_scene, paths);

  g_assert_true (run_stages (paths, out, NULL, thresholds));
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, stage_files);

  /* Sane thresholds for the fixture: the background noise of Hoechst and
   * Draq7 is 100 to 139, the nuclei 3000 and more. */
  g_assert_cmpint (thresholds[0], >, 1);
  g_assert_cmpint (thresholds[1], >, 139);
  g_assert_cmpint (thresholds[1], <, 3000);
  g_assert_cmpint (thresholds[2], >, 139);
  g_assert_cmpint (thresholds[2], <, 3000);

  sobel = lda_tiff_read (sobel_path, 0, &error);
  g_assert_no_error (error);
  if (sobel != NULL)
    {
      g_assert_cmpuint (sobel->source_bits, ==, 16);
      g_assert_cmpuint (sobel->width, ==, default_scene.width);
      g_assert_cmpuint (sobel->height, ==, default_scene.height);
    }

  /* The masks are 0/1 and paint the label mask: Draq7 last, Hoechst
   * below it, cells and outlines elsewhere. */
  labels = read_u8 (out, "labels.tif");
  cells = read_u8 (out, "cell_area.tif");
  hoechst = read_u8 (out, "hoechst.tif");
  draq7 = read_u8 (out, "draq7.tif");
  if (labels != NULL && cells != NULL && hoechst != NULL && draq7 != NULL)
    {
      guint bad = 0;

      for (gsize i = 0; i < lda_image_n_pixels (labels); i++)
        {
          guint l = lda_image_u16 (labels)[i];
          guint c = lda_image_u16 (cells)[i];
          guint h = lda_image_u16 (hoechst)[i];
          guint d = lda_image_u16 (draq7)[i];
          guint expected_nucleus = d ? 4 : h ? 3 : 0;

          if (c > 1 || h > 1 || d > 1 ||
              (expected_nucleus != 0 && l != expected_nucleus) ||
              (expected_nucleus == 0 && l > 2))
            bad++;
        }
      g_assert_cmpuint (bad, ==, 0);
    }

  /* --stages does not change the label mask. */
  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", plain, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (cli_files_equal (plain_labels, stage_labels));

  /* Running again into the same folder replaces the files and leaves
   * nothing else. */
  g_assert_true (run_stages (paths, out, NULL, again));
  g_clear_pointer (&listing, g_free);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, stage_files);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (again[i], ==, thresholds[i]);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

static void
test_segment_channel_threshold (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *base = g_build_filename (tmp, "base", NULL);
  g_autofree char *manual = g_build_filename (tmp, "manual", NULL);
  g_autofree char *manual_mask = g_build_filename (manual, "hoechst.tif", NULL);
  g_autofree char *base_mask = g_build_filename (base, "hoechst.tif", NULL);
  const char *extra[] = { "--hoechst-threshold", "2500", NULL };
  char *paths[3] = { NULL, };
  gint64 t0[3] = { 0, }, t1[3] = { 0, };

  cli_write_triple (tmp, "field", &default_scene, paths);

  g_assert_true (run_stages (paths, base, NULL, t0));
  g_assert_true (run_stages (paths, manual, extra, t1));

  g_assert_cmpint (t1[1], ==, 2500);
  g_assert_cmpint (t1[0], ==, t0[0]);
  g_assert_cmpint (t1[2], ==, t0[2]);
  /* The nuclei are 3000 to 3499: they pass 2500 too, the noise does not. */
  g_assert_true (cli_files_equal (manual_mask, base_mask));

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

static void
test_segment_params_file (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *key_path = g_build_filename (tmp, "params.ini", NULL);
  g_autofree char *base = g_build_filename (tmp, "base", NULL);
  g_autofree char *from_file = g_build_filename (tmp, "file", NULL);
  g_autofree char *from_option = g_build_filename (tmp, "option", NULL);
  g_autofree char *override = g_build_filename (tmp, "override", NULL);
  /* The file has none of the keys added with the threshold methods: it
   * means what it meant then, the article's method with its changes. */
  const char *base_extra[] = { "--preset", "article", NULL };
  const char *file_extra[] = { "--params", key_path, NULL };
  const char *option_extra[] = { "--preset", "article", "--hoechst-kernel", "3",
                                 "--draq7-threshold", "900", NULL };
  const char *override_extra[] = { "--params", key_path, "--draq7-threshold", "1000",
                                   "--hoechst-kernel", "5", NULL };
  const char *masks[] = { "cell_area.tif", "hoechst.tif", "draq7.tif" };
  const char *key_file =
    "[hoechst]\n"
    "kernel=3\n"
    "\n"
    "[draq7]\n"
    "threshold=manual\n"
    "manual-threshold=900\n";
  char *paths[3] = { NULL, };
  gint64 t_base[3] = { 0, }, t_file[3] = { 0, }, t_option[3] = { 0, }, t_over[3] = { 0, };

  cli_write_triple (tmp, "field", &default_scene, paths);
  cli_write_bytes (key_path, key_file, strlen (key_file));

  g_assert_true (run_stages (paths, base, base_extra, t_base));
  g_assert_true (run_stages (paths, from_file, file_extra, t_file));
  g_assert_true (run_stages (paths, from_option, option_extra, t_option));
  g_assert_true (run_stages (paths, override, override_extra, t_over));

  /* The file sets the Draq7 threshold and the Hoechst kernel only. */
  g_assert_cmpint (t_file[0], ==, t_base[0]);
  g_assert_cmpint (t_file[1], ==, t_base[1]);
  g_assert_cmpint (t_file[2], ==, 900);

  for (guint m = 0; m < G_N_ELEMENTS (masks); m++)
    {
      g_autofree char *a = g_build_filename (base, masks[m], NULL);
      g_autofree char *b = g_build_filename (from_file, masks[m], NULL);
      g_autofree char *c = g_build_filename (from_option, masks[m], NULL);
      g_autofree char *d = g_build_filename (override, masks[m], NULL);

      /* The file and the matching options give the same masks. */
      g_assert_true (cli_files_equal (b, c));
      /* The notch of the Hoechst nuclei stays open with kernel 3. */
      if (m == 1)
        g_assert_false (cli_files_equal (a, b));
      else
        g_assert_true (cli_files_equal (a, b));
      /* Options beat the file: kernel 5 again gives the default mask. */
      if (m == 1)
        g_assert_true (cli_files_equal (a, d));
    }
  g_assert_cmpint (t_over[2], ==, 1000);

  /* A file with a value out of range is refused, naming the file. */
  cli_write_bytes (key_path, "[hoechst]\nkernel=40\n", strlen ("[hoechst]\nkernel=40\n"));
  {
    g_auto(CliRun) run = { 0, };
    g_autofree char *never = g_build_filename (tmp, "never", NULL);

    cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", never,
             "--params", key_path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    cli_assert_one_line_error (&run, key_path, "kernel");
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));

    g_unlink (key_path);
    cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", never,
             "--params", key_path, NULL);
    cli_assert_one_line_error (&run, key_path, NULL);
    g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
  }

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

static void
test_segment_channel_beats_global (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *base = g_build_filename (tmp, "base", NULL);
  g_autofree char *mixed1 = g_build_filename (tmp, "mixed1", NULL);
  g_autofree char *mixed2 = g_build_filename (tmp, "mixed2", NULL);
  const char *global_first[] = { "--offset", "2", "--hoechst-offset", "0.65", NULL };
  const char *channel_first[] = { "--hoechst-offset", "0.65", "--offset", "2", NULL };
  char *paths[3] = { NULL, };
  gint64 t_base[3] = { 0, }, t1[3] = { 0, }, t2[3] = { 0, };

  cli_write_triple (tmp, "field", &default_scene, paths);

  g_assert_true (run_stages (paths, base, NULL, t_base));
  g_assert_true (run_stages (paths, mixed1, global_first, t1));
  g_assert_true (run_stages (paths, mixed2, channel_first, t2));

  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (t1[i], ==, t2[i]);
  /* Hoechst keeps the default offset 0.65; the others use 2. */
  g_assert_cmpint (t1[1], ==, t_base[1]);
  g_assert_cmpint (t1[0], >, t_base[0]);
  g_assert_cmpint (t1[2], >, t_base[2]);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

static void
test_segment_bad_values (void)
{
  static const char * const cases[][3] = {
    { "--kernel", "40", "--kernel" },
    { "--kernel", "0", "--kernel" },
    { "--offset", "abc", "--offset" },
    { "--offset", "11", "--offset" },
    { "--coarseness", "0", "--coarseness" },
    { "--coarseness", "-3", "--coarseness" },
    { "--hoechst-kernel", "0", "--hoechst-kernel" },
    { "--draq7-offset", "nan", "--draq7-offset" },
    { "--cell-threshold", "70000", "--cell-threshold" },
    { "--page", "x", "--page" },
  };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  char *paths[3] = { NULL, };

  cli_write_triple (tmp, "field", &default_scene, paths);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0, };
      g_autofree char *option = g_strdup_printf ("%s=%s", cases[i][0], cases[i][1]);

      cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, option, NULL);
      g_assert_cmpint (run.status, ==, 2);
      cli_assert_one_line_error (&run, cases[i][2], NULL);

      /* Also with the value as a separate argument. */
      cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out,
               cases[i][0], cases[i][1], NULL);
      g_assert_cmpint (run.status, ==, 2);
      cli_assert_one_line_error (&run, cases[i][2], NULL);

      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

typedef enum
{
  BAD_TRUNCATED,
  BAD_HEADER_ONLY,
  BAD_RANDOM,
  BAD_EMPTY,
  BAD_SIZE_MISMATCH,
  BAD_FLOAT,
  BAD_RGB,
  BAD_MISSING,
  BAD_FOLDER,
} BadInput;

/* Runs segment on @paths expecting a failure that names @needle1 (and
 * @needle2): a fresh output folder must not appear, an existing one must be
 * left as it was, and the inputs must not change. */
static void
check_bad_triple (const char   *tmp,
                  char * const *paths,
                  const char   *needle1,
                  const char   *needle2)
{
  g_autofree char *fresh_parent = g_build_filename (tmp, "fresh", NULL);
  g_autofree char *fresh = g_build_filename (fresh_parent, "out", NULL);
  g_autofree char *existing = g_build_filename (tmp, "existing", NULL);
  g_autofree char *old_labels = g_build_filename (existing, "labels.tif", NULL);
  g_autofree char *keep = g_build_filename (existing, "keep.txt", NULL);
  g_autofree char *listing = NULL;
  GBytes *before[3] = { NULL, };
  g_auto(CliRun) run = { 0, };

  g_mkdir (existing, 0755);
  cli_write_bytes (keep, "keep me\n", 8);
  cli_write_bytes (old_labels, "an older result\n", 16);

  for (guint i = 0; i < 3; i++)
    before[i] = g_file_test (paths[i], G_FILE_TEST_IS_REGULAR) ? cli_read_bytes (paths[i]) : NULL;

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", fresh, "--stages", NULL);
  cli_assert_one_line_error (&run, needle1, needle2);
  g_assert_false (g_file_test (fresh_parent, G_FILE_TEST_EXISTS));

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", existing, "--stages", NULL);
  cli_assert_one_line_error (&run, needle1, needle2);
  listing = cli_list_dir_text (existing);
  g_assert_cmpstr (listing, ==, "keep.txt labels.tif");
  g_assert_true (g_file_test (keep, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(GBytes) now = cli_read_bytes (old_labels);
    g_autoptr(GBytes) old = g_bytes_new_static ("an older result\n", 16);

    g_assert_true (now != NULL && g_bytes_equal (now, old));
  }

  /* The inputs are read, never written. */
  for (guint i = 0; i < 3; i++)
    {
      if (before[i] != NULL)
        {
          g_autoptr(GBytes) after = cli_read_bytes (paths[i]);

          g_assert_true (after != NULL && g_bytes_equal (before[i], after));
          g_bytes_unref (before[i]);
        }
      else
        g_assert_false (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR));
    }

  /* Nothing was left beside the inputs either. */
  g_clear_pointer (&listing, g_free);
  listing = cli_list_dir_text (tmp);
  g_test_message ("test folder after the runs: %s", listing);
  g_assert_null (strstr (listing, ".livedead"));
  g_assert_null (strstr (listing, "labels"));
}

static void
test_segment_bad_input (gconstpointer data)
{
  BadInput kind = GPOINTER_TO_INT (data);
  g_autofree char *tmp = cli_tmpdir ();
  char *paths[3] = { NULL, };
  const char *needle2 = NULL;
  guint victim = 0;

  cli_write_triple (tmp, "field", &default_scene, paths);

  switch (kind)
    {
    case BAD_TRUNCATED:
      victim = 1;
      cli_truncate_copy (paths[victim], paths[victim]);
      break;

    case BAD_HEADER_ONLY:
      victim = 2;
      cli_write_bytes (paths[victim], "II*\0\x08\0\0\0", 8);
      break;

    case BAD_RANDOM:
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (42);
        guint8 noise[4096];

        for (guint i = 0; i < sizeof noise; i++)
          noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
        noise[0] = 'x';  /* certainly not a TIFF byte-order mark */
        victim = 0;
        cli_write_bytes (paths[victim], noise, sizeof noise);
      }
      break;

    case BAD_EMPTY:
      victim = 1;
      cli_write_bytes (paths[victim], "", 0);
      break;

    case BAD_SIZE_MISMATCH:
      {
        CliScene small = default_scene;
        g_autoptr(LdaImage) image = NULL;

        small.width = 96;
        small.height = 64;
        image = cli_scene_render (&small, 1);
        victim = 1;
        cli_write_image (paths[victim], image);
        needle2 = paths[0];
      }
      break;

    case BAD_FLOAT:
      victim = 2;
      cli_write_float_tiff (paths[victim]);
      break;

    case BAD_RGB:
      victim = 1;
      cli_write_rgb_tiff (paths[victim]);
      break;

    case BAD_MISSING:
      victim = 2;
      g_unlink (paths[victim]);
      break;

    case BAD_FOLDER:
      victim = 0;
      g_unlink (paths[victim]);
      g_mkdir (paths[victim], 0755);
      break;

    default:
      g_assert_not_reached ();
    }

  check_bad_triple (tmp, paths, paths[victim], needle2);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* Runs segment into @out, which cannot be written, expecting a one-line
 * message naming @out, nothing written and the inputs untouched. */
static void
check_unwritable (const char   *tmp,
                  char * const *paths,
                  const char   *out)
{
  g_auto(CliRun) run = { 0, };
  g_autofree char *before = cli_list_dir_text (tmp);
  g_autofree char *after = NULL;
  GBytes *inputs[3];

  for (guint i = 0; i < 3; i++)
    inputs[i] = cli_read_bytes (paths[i]);

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, "--stages", NULL);
  cli_assert_one_line_error (&run, out, NULL);

  after = cli_list_dir_text (tmp);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) now = cli_read_bytes (paths[i]);

      g_assert_true (inputs[i] != NULL && now != NULL && g_bytes_equal (inputs[i], now));
      g_clear_pointer (&inputs[i], g_bytes_unref);
    }
}

static void
test_segment_unwritable_folder (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *listing = NULL;
  char *paths[3] = { NULL, };

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into any folder");
      return;
    }

  tmp = cli_tmpdir ();
  out = g_build_filename (tmp, "read-only", NULL);
  cli_write_triple (tmp, "field", &default_scene, paths);
  g_mkdir (out, 0755);
  g_chmod (out, 0500);

  check_unwritable (tmp, paths, out);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, "");

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

static void
test_segment_output_under_file (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *file = g_build_filename (tmp, "plain.txt", NULL);
  g_autofree char *under = g_build_filename (file, "out", NULL);
  g_autoptr(GBytes) content = NULL;
  char *paths[3] = { NULL, };

  cli_write_triple (tmp, "field", &default_scene, paths);
  cli_write_bytes (file, "a regular file\n", 15);

  /* A folder inside a regular file cannot be made, even by root. */
  check_unwritable (tmp, paths, under);

  /* Nor can a regular file be used as the folder. */
  check_unwritable (tmp, paths, file);

  content = cli_read_bytes (file);
  g_assert_nonnull (content);
  if (content != NULL)
    g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                     "a regular file\n", 15);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* A file cut short (a copy that stopped) is named as such, with where
 * its data should be and how long it is; libtiff's own words said "read
 * error at scanline 4294967295". */
static void
test_segment_cut_short (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  char *paths[3] = { NULL, };
  g_auto(CliRun) run = { 0, };

  /* 128 × 128, 16-bit, one strip, its directory first (as ImageJ and
   * many microscopes write them), cut off in the middle of its pixels. */
  static const guint16 entries[][2] = {
    { 256, 128 }, { 257, 128 }, { 258, 16 }, { 259, 1 }, { 262, 1 },
    { 273, 112 }, { 278, 128 }, { 279, 0 },
  };
  guint8 file[112 + 4000] = { 'I', 'I', 42, 0, 8, 0, 0, 0, G_N_ELEMENTS (entries), 0 };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      guint8 *e = file + 10 + 12 * i;
      guint32 value = entries[i][0] == 279 ? 128 * 128 * 2 : entries[i][1];
      gboolean is_long = entries[i][0] == 273 || entries[i][0] == 279;

      e[0] = entries[i][0] & 0xff;
      e[1] = entries[i][0] >> 8;
      e[2] = is_long ? 4 : 3;
      e[4] = 1;
      e[8] = value & 0xff;
      e[9] = (value >> 8) & 0xff;
      e[10] = (value >> 16) & 0xff;
    }

  cli_write_triple (tmp, "field", &default_scene, paths);
  cli_write_bytes (paths[1], file, sizeof file);
  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, NULL);
  cli_assert_one_line_error (&run, paths[1],
                             "the file is cut short: strip 0 (rows 0 to 127) lies at bytes 112 to "
                             "32879, but the file has 4112 bytes");
  g_assert_nonnull (strstr (run.err, "copy it again"));
  g_assert_null (strstr (run.err, "scanline"));

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  static const struct
  {
    const char *name;
    BadInput    kind;
  } bad_inputs[] = {
    { "truncated", BAD_TRUNCATED },
    { "header-only", BAD_HEADER_ONLY },
    { "random-bytes", BAD_RANDOM },
    { "empty", BAD_EMPTY },
    { "size-mismatch", BAD_SIZE_MISMATCH },
    { "float32", BAD_FLOAT },
    { "rgb", BAD_RGB },
    { "missing", BAD_MISSING },
    { "folder", BAD_FOLDER },
  };

  cli_init (&argc, &argv);

  g_test_add_func ("/cli/segment/cut-short", test_segment_cut_short);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/segment/labels", test_segment_labels);
  g_test_add_func ("/cli/segment/stages", test_segment_stages);
  g_test_add_func ("/cli/segment/channel-threshold", test_segment_channel_threshold);
  g_test_add_func ("/cli/segment/params-file", test_segment_params_file);
  g_test_add_func ("/cli/segment/channel-beats-global", test_segment_channel_beats_global);
  g_test_add_func ("/cli/segment/bad-values", test_segment_bad_values);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/segment/bad-input/%s", bad_inputs[i].name);

      g_test_add_data_func (path, GINT_TO_POINTER (bad_inputs[i].kind), test_segment_bad_input);
    }
  g_test_add_func ("/cli/segment/unwritable-folder", test_segment_unwritable_folder);
  g_test_add_func ("/cli/segment/output-under-file", test_segment_output_under_file);

  return g_test_run ();
}
