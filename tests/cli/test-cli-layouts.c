/* test-cli-layouts.c — livedead segment on the files people have
 *
 * The bundled sample in a glob's order, as explicit roles, as an ImageJ
 * hyperstack and as an OME-TIFF must all give the counts of the sample's
 * triple; a multi-channel file given as three is refused.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "stack-fixtures.h"
#include "test-cli-util.h"

static void
assert_counts (const CliRun *run)
{
  guint live, dead, want_live, want_dead;

  fx_sample_counts (&want_live, &want_dead);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (cli_parse_counts (run->out, &live, &dead));
  g_assert_cmpuint (live, ==, want_live);
  g_assert_cmpuint (dead, ==, want_dead);
}

/* "livedead segment A1_t04_*.tif" passes bf, draq7, hoechst: the tags
 * decide, not the order. */
static void
test_glob_order (void)
{
  g_autofree char *out = cli_tmpdir ();
  g_autofree char *bf = fx_sample_path (LDA_INPUT_BRIGHTFIELD);
  g_autofree char *ho = fx_sample_path (LDA_INPUT_HOECHST);
  g_autofree char *dr = fx_sample_path (LDA_INPUT_DRAQ7);
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "segment", bf, dr, ho, "-o", out, NULL);
  assert_counts (&run);
  cli_rm_rf (out);
}

static void
test_explicit_roles (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *a = g_build_filename (dir, "one.tif", NULL);
  g_autofree char *b = g_build_filename (dir, "two.tif", NULL);
  g_autofree char *c = g_build_filename (dir, "three.tif", NULL);
  g_autoptr(LdaImage) bf = fx_sample_image (LDA_INPUT_BRIGHTFIELD);
  g_autoptr(LdaImage) ho = fx_sample_image (LDA_INPUT_HOECHST);
  g_autoptr(LdaImage) dr = fx_sample_image (LDA_INPUT_DRAQ7);
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) half = { 0, };

  fx_write_pages (a, &dr, 1, NULL, 0, RESUNIT_NONE);
  fx_write_pages (b, &bf, 1, NULL, 0, RESUNIT_NONE);
  fx_write_pages (c, &ho, 1, NULL, 0, RESUNIT_NONE);

  cli_run (&run, "segment", "--draq7", a, "--bf", b, "--hoechst", c, "-o", out, NULL);
  assert_counts (&run);

  cli_run (&half, "segment", "--draq7", a, b, c, "-o", out, NULL);
  cli_assert_one_line_error (&half, "--bf", NULL);
  cli_rm_rf (dir);
}

/* A tag that contradicts the position is an error, not a silent swap. */
static void
test_contradiction (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *a = g_build_filename (dir, "A1_draq7.tif", NULL);
  g_autofree char *b = g_build_filename (dir, "plain.tif", NULL);
  g_autoptr(LdaImage) image = fx_sample_image (LDA_INPUT_BRIGHTFIELD);
  g_auto(CliRun) run = { 0, };

  fx_write_pages (a, &image, 1, NULL, 0, RESUNIT_NONE);
  fx_write_pages (b, &image, 1, NULL, 0, RESUNIT_NONE);
  cli_run (&run, "segment", a, b, b, "-o", out, NULL);
  cli_assert_one_line_error (&run, a, "position 1");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  cli_rm_rf (dir);
}

static void
test_hyperstack (void)
{
  static const LdaInput order[] = { LDA_INPUT_DRAQ7, LDA_INPUT_HOECHST, LDA_INPUT_BRIGHTFIELD };
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "A1.tif", NULL);
  g_auto(CliRun) unnamed = { 0, };
  g_auto(CliRun) mapped = { 0, };
  g_auto(CliRun) thrice = { 0, };

  fx_write_imagej (path, order, 1, NULL);

  cli_run (&unnamed, "segment", path, "-o", out, NULL);
  cli_assert_one_line_error (&unnamed, path, "--channels");

  cli_run (&mapped, "segment", path, "--channels", "bf=3,hoechst=2,draq7=1", "-o", out, NULL);
  assert_counts (&mapped);

  /* Never page 0 for all three channels. */
  cli_run (&thrice, "segment", path, path, path, "-o", out, NULL);
  cli_assert_one_line_error (&thrice, path, "3 channels");
  cli_rm_rf (dir);
}

static void
test_ome_named_channels (void)
{
  static const char * const names[] = { "Brightfield", "DAPI", "Cy5" };
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "A1.ome.tif", NULL);
  g_autofree char *xml = fx_ome_xml ("XYCZT", names, 1, NULL, NULL);
  LdaImage *pages[3];
  g_auto(CliRun) run = { 0, };

  for (guint c = 0; c < 3; c++)
    pages[c] = fx_sample_image ((LdaInput) c);
  fx_write_pages (path, pages, 3, xml, 0, RESUNIT_NONE);
  for (guint c = 0; c < 3; c++)
    lda_image_unref (pages[c]);

  cli_run (&run, "segment", path, "-o", out, NULL);
  assert_counts (&run);
  cli_rm_rf (dir);
}

/* Tags added by the parameter file's [channels] group name channels. */
static void
test_extra_tags (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *params = g_build_filename (dir, "params.ini", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.ini", NULL);
  g_autofree char *a = g_build_filename (dir, "A1_nuc.tif", NULL);
  g_autofree char *b = g_build_filename (dir, "A1_ph2.tif", NULL);
  g_autofree char *c = g_build_filename (dir, "A1_dead.tif", NULL);
  g_autoptr(LdaImage) bf = fx_sample_image (LDA_INPUT_BRIGHTFIELD);
  g_autoptr(LdaImage) ho = fx_sample_image (LDA_INPUT_HOECHST);
  g_autoptr(LdaImage) dr = fx_sample_image (LDA_INPUT_DRAQ7);
  static const char text[] = "[channels]\nbf=ph2;\nhoechst=NUC;\ndraq7=dead;\n";
  static const char wrong[] = "[channels]\nlive=nuc;\n";
  g_auto(CliRun) run = { 0, };
  g_auto(CliRun) refused = { 0, };

  fx_write_pages (a, &ho, 1, NULL, 0, RESUNIT_NONE);
  fx_write_pages (b, &bf, 1, NULL, 0, RESUNIT_NONE);
  fx_write_pages (c, &dr, 1, NULL, 0, RESUNIT_NONE);
  cli_write_bytes (params, text, sizeof text - 1);
  cli_write_bytes (bad, wrong, sizeof wrong - 1);

  /* In glob order: dead, nuc, ph2. */
  cli_run (&run, "segment", c, a, b, "--params", params, "-o", out, NULL);
  assert_counts (&run);

  cli_run (&refused, "segment", c, a, b, "--params", bad, "-o", out, NULL);
  cli_assert_one_line_error (&refused, bad, "live");
  cli_rm_rf (dir);
}

static void
test_czi (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "plate.czi", NULL);
  g_auto(CliRun) run = { 0, };

  cli_write_bytes (path, "ZISRAWFILE\0\0\0\0\0\0", 16);
  cli_run (&run, "segment", path, "-o", out, NULL);
  cli_assert_one_line_error (&run, "CZI", "bfconvert");
  cli_rm_rf (dir);
}

/* A time-lapse hyperstack says when its frames were taken and how large
 * a pixel is: batch's counts.csv carries both, as the window shows them. */
static void
test_batch_time_and_area (void)
{
  static const LdaInput order[] = { LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7 };
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *path = g_build_filename (in, "A1.tif", NULL);
  g_autofree char *csv_path = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_auto(CliRun) run = { 0, };
  char **header;
  guint time_h = G_MAXUINT, px = G_MAXUINT, um2 = G_MAXUINT;

  g_assert_cmpint (g_mkdir (in, 0700), ==, 0);
  /* Two time points two hours apart (finterval is in seconds), 0.65 µm a
   * pixel (the fixture's resolution). */
  fx_write_imagej (path, order, 2, "finterval=7200\n");

  cli_run (&run, "batch", in, "--channels", "bf=1,hoechst=2,draq7=3", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  records = cli_parse_csv (csv);
  g_assert_cmpuint (records->len, ==, 3);
  header = g_ptr_array_index (records, 0);
  for (guint i = 0; header[i] != NULL; i++)
    {
      if (g_str_equal (header[i], "time_h"))
        time_h = i;
      else if (g_str_equal (header[i], "mean_cell_area_px"))
        px = i;
      else if (g_str_equal (header[i], "mean_cell_area_um2"))
        um2 = i;
    }
  g_assert_cmpuint (time_h, !=, G_MAXUINT);
  g_assert_cmpuint (um2, !=, G_MAXUINT);

  for (guint r = 1; r < records->len; r++)
    {
      char **row = g_ptr_array_index (records, r);
      double area_px = g_ascii_strtod (row[px], NULL);

      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[time_h], NULL), 2.0 * (r - 1), 1e-6);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[um2], NULL), area_px * 0.65 * 0.65,
                                      0.01 * area_px);
    }
  cli_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/layouts/glob-order", test_glob_order);
  g_test_add_func ("/cli/layouts/explicit-roles", test_explicit_roles);
  g_test_add_func ("/cli/layouts/contradiction", test_contradiction);
  g_test_add_func ("/cli/layouts/hyperstack", test_hyperstack);
  g_test_add_func ("/cli/layouts/ome-named-channels", test_ome_named_channels);
  g_test_add_func ("/cli/layouts/extra-tags", test_extra_tags);
  g_test_add_func ("/cli/layouts/czi", test_czi);
  g_test_add_func ("/cli/layouts/batch-time-and-area", test_batch_time_and_area);

  return g_test_run ();
}
