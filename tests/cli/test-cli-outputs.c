/* test-cli-outputs.c — segment and batch replace their own results only
 *
 * Run again into the same folder, segment and batch replace what they
 * wrote there before.  A file of the same name that they did not write —
 * a person's labels.tif or counts.csv, the corrected masks of an export —
 * is refused with one line that names it and says how to replace it
 * (--overwrite), and stays as it was.  Their masks open as the export's
 * do: the class colours as palette, ImageJ's display range 0–4, signed as
 * an automatic result.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <tiffio.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lda-export-tiff.h"
#include "test-cli-util.h"

static const CliScene scene = { 96, 64, 2, 1, 5 };

/* A one-page 8-bit TIFF of @width × @height, written with libtiff directly,
 * as another program writes it: no Software tag of ours. */
static void
write_foreign_tiff (const char *path,
                    guint       width,
                    guint       height)
{
  g_autofree guint8 *row = g_malloc0 (width);
  TIFF *tif = TIFFOpen (path, "w");

  g_assert_nonnull (tif);
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) width));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) height));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 8));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SOFTWARE, "ImageJ"));
  for (guint y = 0; y < height; y++)
    {
      memset (row, (int) (y % 5), width);
      g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);
}

static gboolean
is_foreign (const char *path)
{
  TIFF *tif = TIFFOpen (path, "r");
  const char *software = NULL;
  gboolean foreign;

  g_assert_nonnull (tif);
  foreign = TIFFGetField (tif, TIFFTAG_SOFTWARE, &software) && g_strcmp0 (software, "ImageJ") == 0;
  TIFFClose (tif);

  return foreign;
}

/* segment: a person's labels.tif in the output folder is refused, and
 * left; with --overwrite it is replaced; segment's own labels.tif and
 * thresholds.json are replaced without it. */
static void
test_segment (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *labels = g_build_filename (out, "labels.tif", NULL);
  g_autofree char *json = g_build_filename (out, "thresholds.json", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_auto(CliRun) run = { 0, };
  g_autoptr(CliKept) kept = NULL;
  char *paths[3];

  cli_write_triple (dir, "well", &scene, paths);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  write_foreign_tiff (labels, scene.width, scene.height);
  kept = cli_keep (labels);

  cli_run (&run, "segment", "-q", paths[0], paths[1], paths[2], "-o", out, NULL);
  cli_assert_one_line_error (&run, labels, "--overwrite");
  cli_assert_kept (kept);
  /* Nothing else was written either. */
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, "labels.tif");

  /* A person's thresholds.json too, with --stages. */
  g_assert_true (g_file_set_contents (json, "my thresholds\n", -1, NULL));
  cli_run (&run, "segment", "-q", "--stages", "--overwrite", paths[0], paths[1], paths[2],
           "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (is_foreign (labels));
  cli_assert_labels (labels, scene.width, scene.height);
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "{\"sobel\": "));

  /* Its own results, again and again. */
  for (guint i = 0; i < 2; i++)
    {
      cli_run (&run, "segment", "-q", "--stages", paths[0], paths[1], paths[2], "-o", out, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
    }

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

/* batch: a person's counts.csv, an export's corrected masks and an
 * export's counts.csv are each refused before any work, and left; with
 * --overwrite they are replaced; batch's own results are replaced
 * without it. */
static void
test_batch (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *counts = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *a_labels = g_build_filename (out, "a_labels.tif", NULL);
  g_autofree char *b_labels = g_build_filename (out, "b_labels.tif", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *exported = NULL;
  g_auto(CliRun) run = { 0, };
  g_autoptr(CliKept) kept = NULL;
  g_autoptr(CliKept) kept_counts = NULL;

  cli_write_triple (dir, "a", &scene, NULL);
  cli_write_triple (dir, "b", &scene, NULL);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);

  g_assert_true (g_file_set_contents (counts, "my own table\n", -1, NULL));
  kept = cli_keep (counts);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  cli_assert_one_line_error (&run, counts, "--overwrite");
  cli_assert_kept (kept);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, "counts.csv");
  cli_rm_rf (out);

  /* An export of the folder: its masks (which carry the corrections, if
   * any) and its counts are the export's, not batch's. */
  cli_run (&run, "export", dir, "-o", out, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  exported = cli_list_dir_text (out);
  g_clear_pointer (&kept, cli_kept_free);
  kept = cli_keep (a_labels);
  kept_counts = cli_keep (counts);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  /* Both masks and the counts named at once, not one a run. */
  cli_assert_one_line_error (&run, "3 files already there",
                             "(a_labels.tif, b_labels.tif, counts.csv)");
  g_assert_nonnull (strstr (run.err, "--overwrite"));
  g_clear_pointer (&listing, g_free);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, exported);
  cli_assert_kept (kept);
  /* Its counts.csv alone, as the export left it. */
  g_assert_cmpint (g_remove (a_labels), ==, 0);
  g_assert_cmpint (g_remove (b_labels), ==, 0);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  cli_assert_one_line_error (&run, counts, "--overwrite");
  cli_assert_kept (kept_counts);
  g_assert_false (g_file_test (a_labels, G_FILE_TEST_EXISTS));

  /* Told to: replaced. */
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", "--overwrite", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_assert_labels (a_labels, scene.width, scene.height);
  cli_assert_labels (b_labels, scene.width, scene.height);
  cli_rm_rf (out);

  /* Its own results, again and again. */
  for (guint i = 0; i < 3; i++)
    {
      cli_run (&run, "batch", dir, "-o", out, "--jobs", i == 2 ? "2" : "1", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
    }

  cli_rm_rf (dir);
}

/* A counts.csv that batch wrote and a person then changed, its header
 * kept (a spreadsheet's Save), is the person's: refused and left; a
 * thresholds.json of segment's changed likewise.  Unchanged, both are
 * replaced without a word. */
static void
test_edited_results (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *seg = g_build_filename (dir, "seg", NULL);
  g_autofree char *counts = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *json = g_build_filename (seg, "thresholds.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_auto(CliRun) run = { 0, };
  g_autoptr(CliKept) kept = NULL;
  char *paths[3];

  cli_write_triple (dir, "a", &scene, paths);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (counts, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "frame,time_index,"));

  /* A note added below the rows, the header as it was. */
  edited = g_strconcat (text, "note,checked by hand\n", NULL);
  g_assert_true (g_file_set_contents (counts, edited, -1, NULL));
  kept = cli_keep (counts);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  cli_assert_one_line_error (&run, counts, "--overwrite");
  cli_assert_kept (kept);

  /* Put back as batch wrote it: batch's again. */
  g_assert_true (g_file_set_contents (counts, text, -1, NULL));
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&edited, g_free);
  g_clear_pointer (&kept, cli_kept_free);
  cli_run (&run, "segment", "-q", "--stages", paths[0], paths[1], paths[2], "-o", seg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  edited = g_strconcat (text, " ", NULL);
  g_assert_true (g_file_set_contents (json, edited, -1, NULL));
  kept = cli_keep (json);
  cli_run (&run, "segment", "-q", "--stages", paths[0], paths[1], paths[2], "-o", seg, NULL);
  cli_assert_one_line_error (&run, json, "--overwrite");
  cli_assert_kept (kept);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

/* Run again, a triple that fails leaves no result of the earlier run:
 * its old mask, batch's own, is removed (and said so), so that the
 * folder holds only the masks counts.csv lists; the others are
 * replaced. */
static void
test_failed_leaves_none (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *a_labels = g_build_filename (out, "a_labels.tif", NULL);
  g_autofree char *b_labels = g_build_filename (out, "b_labels.tif", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *text = NULL;
  g_auto(CliRun) run = { 0, };
  char *paths[3];

  cli_write_triple (dir, "a", &scene, paths);
  cli_write_triple (dir, "b", &scene, NULL);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (a_labels, G_FILE_TEST_EXISTS));

  /* a's Hoechst image cut short. */
  g_assert_true (g_file_get_contents (paths[1], &text, NULL, NULL));
  g_assert_true (g_file_set_contents (paths[1], text, 600, NULL));
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", "--preset", "article", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, paths[1]));
  g_assert_nonnull (strstr (run.err, "a_labels.tif: removed, the result of an earlier run"));
  g_assert_nonnull (strstr (run.err, "1 of 2 triples failed; 1 done (1 frame)\n"));
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv b_labels.tif counts.csv");
  cli_assert_labels (b_labels, scene.width, scene.height);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

/* A result of batch that someone made read-only (chmod a-w, or another
 * user's) is kept as a person's file is: refused without --overwrite,
 * and never removed as stale.  It was replaced without a word. */
static void
test_read_only_results (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *a_labels = NULL;
  g_autofree char *text = NULL;
  g_auto(CliRun) run = { 0, };
  char *paths[3];
  GStatBuf before, after;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write any file");
      return;
    }
  dir = cli_tmpdir ();
  out = g_build_filename (dir, "out", NULL);
  a_labels = g_build_filename (out, "a_labels.tif", NULL);
  cli_write_triple (dir, "a", &scene, paths);
  cli_write_triple (dir, "b", &scene, NULL);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_chmod (a_labels, 0444), ==, 0);
  g_assert_cmpint (g_stat (a_labels, &before), ==, 0);

  cli_run_clear (&run);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", "--preset", "article", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "a_labels.tif: already there, a result of livedead but "
                                     "read-only"));
  g_assert_cmpint (g_stat (a_labels, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpint (after.st_mtime, ==, before.st_mtime);

  /* a's Hoechst image cut short: a fails, its read-only mask stays. */
  g_assert_true (g_file_get_contents (paths[1], &text, NULL, NULL));
  g_assert_true (g_file_set_contents (paths[1], text, 600, NULL));
  cli_run_clear (&run);
  cli_run (&run, "batch", dir, "-o", out, "--jobs", "1", "--overwrite", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.err, "removed"));
  g_assert_cmpint (g_stat (a_labels, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);

  g_chmod (a_labels, 0644);
  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

/* The masks of segment carry the export's palette and ImageJ's display
 * range, and are signed as automatic results. */
static void
test_mask_tags (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *labels = g_build_filename (out, "labels.tif", NULL);
  g_auto(CliRun) run = { 0, };
  const char *software = NULL, *description = NULL;
  guint16 *map[3] = { NULL, };
  char *paths[3];
  TIFF *tif;

  cli_write_triple (dir, "well", &scene, paths);
  cli_run (&run, "segment", "-q", paths[0], paths[1], paths[2], "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);

  tif = TIFFOpen (labels, "r");
  g_assert_nonnull (tif);
  g_assert_true (TIFFGetField (tif, TIFFTAG_SOFTWARE, &software));
  g_assert_true (g_str_has_prefix (software, "Live/Dead Annotator "));
  g_assert_true (g_str_has_suffix (software, " (automatic result)"));
  g_assert_true (TIFFGetField (tif, TIFFTAG_IMAGEDESCRIPTION, &description));
  g_assert_nonnull (strstr (description, "max=4"));
  g_assert_true (TIFFGetField (tif, TIFFTAG_COLORMAP, &map[0], &map[1], &map[2]));
  /* Class 4, Draq7, in the palette as the export has it. */
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (map[c][4], ==, lda_export_class_rgb[4][c] * 257u);
  TIFFClose (tif);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/outputs/segment", test_segment);
  g_test_add_func ("/cli/outputs/batch", test_batch);
  g_test_add_func ("/cli/outputs/edited-results", test_edited_results);
  g_test_add_func ("/cli/outputs/failed-leaves-none", test_failed_leaves_none);
  g_test_add_func ("/cli/outputs/read-only-results", test_read_only_results);
  g_test_add_func ("/cli/outputs/mask-tags", test_mask_tags);

  return g_test_run ();
}
