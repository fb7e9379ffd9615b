/* test-cli-methods.c — livedead's presets, threshold methods, saturation
 * and nucleus options: what each changes, what they refuse, and counts
 * that equal what the mask shows.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-tiff.h"
#include "test-cli-util.h"

static const CliScene scene = { 128, 128, 3, 1, 7 };

/* Runs livedead segment on @paths into @out with the options @extra;
 * the thresholds it printed go to @thresholds, the counts to @live and
 * @dead. */
static void
segment (char * const *paths,
         const char    *out,
         const char    *extra[],
         gint64        *thresholds,
         guint         *live,
         guint         *dead)
{
  g_auto(CliRun) run = { 0, };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "segment");
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (args, paths[i]);
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) out);
  g_ptr_array_add (args, (gpointer) "--stages");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  cli_runv (&run, (const char * const *) args->pdata);
  g_test_message ("%s%s", run.out, run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (cli_parse_stdout_thresholds (run.out, thresholds));
  g_assert_true (cli_parse_counts (run.out, live, dead));
}

/* The 4-connected components of one class in a label mask. */
static guint
components (const char *labels_path,
            guint       klass)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = lda_tiff_read (labels_path, 0, &error);
  g_autoptr(LdaBitplane) plane = NULL;
  g_autoptr(LdaRuns) runs = NULL;

  g_assert_no_error (error);
  plane = lda_bitplane_new (labels->width, labels->height, NULL);
  for (guint y = 0; y < labels->height; y++)
    for (guint x = 0; x < labels->width; x++)
      if (lda_image_get (labels, x, y) == klass)
        lda_bitplane_set (plane, x, y, TRUE);
  runs = lda_runs_new_from_bitplane (plane, TRUE, NULL);
  lda_runs_label (runs, 4);

  return runs->n_components;
}

/* --preset article is the article's method, every parameter of it. */
static void
test_preset_article (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *preset = g_build_filename (tmp, "preset", NULL);
  g_autofree char *spelled = g_build_filename (tmp, "spelled", NULL);
  g_autofree char *robust = g_build_filename (tmp, "robust", NULL);
  g_autofree char *preset_labels = g_build_filename (preset, "labels.tif", NULL);
  g_autofree char *spelled_labels = g_build_filename (spelled, "labels.tif", NULL);
  const char *preset_extra[] = { "--preset", "article", NULL };
  const char *spelled_extra[] = { "--method", "max-tile", "--offset", "1.2", "--coarseness", "16",
                                  "--kernel", "5", "--no-objects", "--no-split",
                                  "--min-area", "0", NULL };
  const char *robust_extra[] = { "--preset", "robust", NULL };
  char *paths[3] = { NULL, };
  gint64 t_preset[3], t_spelled[3], t_robust[3], t_default[3];
  guint live, dead;

  cli_write_triple (tmp, "field", &scene, paths);
  segment (paths, preset, preset_extra, t_preset, &live, &dead);
  segment (paths, spelled, spelled_extra, t_spelled, &live, &dead);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (t_preset[c], ==, t_spelled[c]);
  g_assert_true (cli_files_equal (preset_labels, spelled_labels));

  /* The default is the robust preset. */
  segment (paths, robust, robust_extra, t_robust, &live, &dead);
  segment (paths, robust, NULL, t_default, &live, &dead);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (t_robust[c], ==, t_default[c]);
  g_assert_cmpuint (live, ==, scene.n_live);
  g_assert_cmpuint (dead, ==, scene.n_dead);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* A method for one channel changes that channel's threshold only. */
static void
test_channel_method (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  const char *extra[] = { "--draq7-method", "triangle", NULL };
  const char *all[] = { "--method", "otsu-tiles", "--hoechst-method", "otsu", NULL };
  char *paths[3] = { NULL, };
  gint64 t_base[3], t_one[3], t_all[3];
  guint live, dead;

  cli_write_triple (tmp, "field", &scene, paths);
  segment (paths, out, NULL, t_base, &live, &dead);
  segment (paths, out, extra, t_one, &live, &dead);
  g_assert_cmpint (t_one[0], ==, t_base[0]);
  g_assert_cmpint (t_one[1], ==, t_base[1]);
  g_assert_cmpint (t_one[2], !=, t_base[2]);

  /* The channel's own option beats the one for every channel. */
  segment (paths, out, all, t_all, &live, &dead);
  g_assert_cmpint (t_all[1], ==, t_base[1]);
  g_assert_cmpint (t_all[0], !=, t_base[0]);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* Writes a triple of two touching live nuclei and one dead nucleus that
 * keeps its Hoechst. */
static void
write_touching (const char  *folder,
                char       **paths)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strdup_printf ("t_%s.tif", tags[i]);
      g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 96, 64, NULL);
      guint16 *px = lda_image_u16 (image);

      for (int y = 0; y < 64; y++)
        for (int x = 0; x < 96; x++)
          {
            int a = (x - 24) * (x - 24) + (y - 32) * (y - 32);
            int b = (x - 40) * (x - 40) + (y - 32) * (y - 32);
            int c = (x - 72) * (x - 72) + (y - 32) * (y - 32);
            guint v = i == 0 ? 2000 + g_rand_int_range (rand, 0, 8)
                             : 100 + g_rand_int_range (rand, 0, 8);

            if (i == 0 && (a <= 225 || b <= 225 || c <= 225))
              v = 2000 + g_rand_int_range (rand, 0, 1500);
            if (i == 1 && (a <= 100 || b <= 100 || c <= 81))
              v = 3000;
            if (i == 2 && c <= 81)
              v = 2500;
            px[y * 96 + x] = (guint16) v;
          }
      paths[i] = g_build_filename (folder, file, NULL);
      cli_write_image (paths[i], image);
    }
}

/* Touching nuclei are split by default, and the counts are the
 * components the mask shows; without splitting they are one; the
 * article paints the dead nucleus by its pixels. */
static void
test_split_and_counts (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *labels = g_build_filename (out, "labels.tif", NULL);
  const char *no_split[] = { "--no-split", NULL };
  const char *deep[] = { "--split-depth", "8", NULL };
  char *paths[3] = { NULL, };
  gint64 t[3];
  guint live, dead;

  write_touching (tmp, paths);

  segment (paths, out, NULL, t, &live, &dead);
  g_assert_cmpuint (live, ==, 2);
  g_assert_cmpuint (dead, ==, 1);
  g_assert_cmpuint (components (labels, 3), ==, live);
  g_assert_cmpuint (components (labels, 4), ==, dead);

  segment (paths, out, no_split, t, &live, &dead);
  g_assert_cmpuint (live, ==, 1);
  g_assert_cmpuint (components (labels, 3), ==, 1);

  /* The discs are 4 pixels deeper than their neck: a depth of 8 does not
   * split them either. */
  segment (paths, out, deep, t, &live, &dead);
  g_assert_cmpuint (live, ==, 1);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* 12-bit data: saturated specks at 4095 win the article's vote and empty
 * the mask; the warning says so and names the remedy, which works. */
static void
test_twelve_bit_saturation (void)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  char *paths[3] = { NULL, };
  g_auto(CliRun) run = { 0, };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strdup_printf ("s_%s.tif", tags[i]);
      g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 64, 64, NULL);
      guint16 *px = lda_image_u16 (image);

      for (guint p = 0; p < 64 * 64; p++)
        px[p] = (guint16) (100 + p % 7);
      for (guint y = 0; y < 64; y += 16)
        for (guint x = 0; x < 48; x += 16)
          px[(y + 3) * 64 + x + 3] = 4095;
      for (guint y = 20; y < 30; y++)
        for (guint x = 50; x < 60; x++)
          px[y * 64 + x] = 2000;
      paths[i] = g_build_filename (tmp, file, NULL);
      cli_write_image (paths[i], image);
    }

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, "--preset", "article", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "the Hoechst mask is empty: saturated tiles (4095)"));
  g_assert_nonnull (strstr (run.err, "--hoechst-ignore-saturated"));
  /* Named by the image the mask is made from, in batch too (which named
   * the mask it was writing). */
  {
    g_autofree char *named = g_strdup_printf ("warning: %s: the Hoechst mask is empty", paths[1]);
    g_autofree char *batch_out = g_build_filename (tmp, "batch-out", NULL);

    g_assert_nonnull (strstr (run.err, named));
    cli_run (&run, "batch", tmp, "-o", batch_out, "--preset", "article", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, named));
  }

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, "--preset", "article",
           "--hoechst-ignore-saturated", "--draq7-ignore-saturated", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "Hoechst mask is empty"));

  /* Told the data are 16-bit, 4095 is no longer saturation. */
  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, "--preset", "article",
           "--ignore-saturated", "--saturation", "65535", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "the Hoechst mask is empty (threshold 4915)"));

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* A new parameter file says its method; an old one means the article. */
static void
test_params_file_method (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *key_path = g_build_filename (tmp, "params.ini", NULL);
  const char *file_extra[] = { "--params", key_path, NULL };
  const char *option_extra[] = { "--hoechst-method", "triangle", NULL };
  const char *key_file = "[livedead]\nformat=2\n\n[hoechst]\nmethod=triangle\n";
  char *paths[3] = { NULL, };
  gint64 t_file[3], t_option[3];
  guint live, dead;

  cli_write_triple (tmp, "field", &scene, paths);
  cli_write_bytes (key_path, key_file, strlen (key_file));
  segment (paths, out, file_extra, t_file, &live, &dead);
  segment (paths, out, option_extra, t_option, &live, &dead);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (t_file[c], ==, t_option[c]);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

static void
test_bad_values (void)
{
  static const char * const cases[][3] = {
    { "--preset", "fast", "--preset" },
    { "--method", "kittler", "--method" },
    { "--hoechst-method", "Otsu", "--hoechst-method" },
    { "--saturation", "0", "--saturation" },
    { "--draq7-saturation", "70000", "--draq7-saturation" },
    { "--split-depth", "0.1", "--split-depth" },
    { "--split-depth", "21", "--split-depth" },
    { "--min-area", "-1", "--min-area" },
    { "--min-area", "20000", "--min-area" },
  };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  char *paths[3] = { NULL, };

  cli_write_triple (tmp, "field", &scene, paths);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) run = { 0, };

      cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out,
               cases[i][0], cases[i][1], NULL);
      g_assert_cmpint (run.status, ==, 2);
      cli_assert_one_line_error (&run, cases[i][2], NULL);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(CliRun) run = { 0, };

    cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out,
             "--split", "--no-split", NULL);
    g_assert_cmpint (run.status, ==, 2);
    cli_assert_one_line_error (&run, "--no-split", NULL);
  }

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* Images of zeros: each mask empty at threshold 0, which no lower offset
 * can help; the warning says the image has no contrast, not "try a lower
 * offset". */
static void
test_blank_images (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  static const char *const tags[] = { "bf", "hoechst", "draq7" };
  g_auto(CliRun) run = { 0, };
  char *paths[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strdup_printf ("z_%s.tif", tags[i]);
      g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 64, 64, NULL);

      paths[i] = g_build_filename (tmp, file, NULL);
      cli_write_image (paths[i], image);
    }
  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "the Hoechst mask is empty: the image has no contrast"));
  g_assert_nonnull (strstr (run.err, "the cell area mask is empty: the image has no contrast"));
  g_assert_null (strstr (run.err, "try a lower"));
  g_assert_nonnull (strstr (run.out, "0 cells, 0 live, 0 dead, so no dead fraction"));

  /* Every pixel 1000: the article's threshold (1.2 × 1000 + 1) is
   * above them all, and a lower offset would not help either. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 64, 64, NULL);
      guint16 *p = lda_image_u16 (image);

      for (guint k = 0; k < 64 * 64; k++)
        p[k] = 1000;
      cli_write_image (paths[i], image);
    }
  cli_run_clear (&run);
  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, "--overwrite",
           "--preset", "article", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "the Hoechst mask is empty: the image has no contrast "
                                     "(every pixel is 1000)"));
  g_assert_nonnull (strstr (run.err, "the Draq7 mask is empty: the image has no contrast "
                                     "(every pixel is 1000)"));
  g_assert_null (strstr (run.err, "try a lower"));

  /* Exported for training, such a frame is named, with each blank file:
   * its mask was written without a word. */
  {
    g_autofree char *exported = g_build_filename (tmp, "exported", NULL);

    cli_run_clear (&run);
    cli_run (&run, "export", tmp, "-o", exported, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "warning: z_bf.tif has no contrast (every pixel is 1000): "
                                       "the mask of z finds nothing in it"));
    g_assert_nonnull (strstr (run.err, "z_draq7.tif has no contrast"));
  }

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/methods/preset-article", test_preset_article);
  g_test_add_func ("/cli/methods/channel-method", test_channel_method);
  g_test_add_func ("/cli/methods/split-and-counts", test_split_and_counts);
  g_test_add_func ("/cli/methods/12-bit-saturation", test_twelve_bit_saturation);
  g_test_add_func ("/cli/methods/params-file-method", test_params_file_method);
  g_test_add_func ("/cli/methods/bad-values", test_bad_values);
  g_test_add_func ("/cli/methods/blank-images", test_blank_images);

  return g_test_run ();
}
