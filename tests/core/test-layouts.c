/* test-layouts.c — Incucyte and Micro-Manager folders, made from the
 * bundled sample
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-channel-store.h"
#include "lda-error.h"
#include "lda-layouts.h"
#include "lda-series.h"
#include "lda-test-lib.h"
#include "stack-fixtures.h"

static void
write_sample (const char *folder,
              const char *name,
              LdaInput    input)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(LdaImage) image = fx_sample_image (input);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  fx_write_pages (path, &image, 1, NULL, 0, RESUNIT_NONE);
}

static void
test_incucyte (void)
{
  static const char * const subs[] = { "phase", "green", "red" };
  /* Named so that file order is not time order. */
  static const char * const times[] = { "01d02h30m", "00d04h00m", "00d00h00m" };
  g_autofree char *root = g_dir_make_tmp ("lda-test-incucyte-XXXXXX", NULL);
  g_autofree char *kept_for = g_build_filename (root, ".", NULL);
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaSeries) b2 = NULL;
  g_auto(GStrv) names = NULL;

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *sub = g_build_filename (root, subs[c], NULL);

      for (guint t = 0; t < 3; t++)
        for (guint w = 0; w < 2; w++)
          {
            g_autofree char *name = g_strdup_printf ("VID193_%s_1_%s.tif", w ? "B2" : "A1",
                                                     times[t]);

            write_sample (sub, name, (LdaInput) c);
          }
    }

  /* green and red say nothing about Hoechst and Draq7. */
  series = lda_series_new_from_folder (root, &error);
  g_assert_null (series);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CHANNELS);
  g_assert_nonnull (strstr (error->message, "--channels"));
  g_clear_error (&error);
  names = lda_layouts_channel_names (root);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "green");

  g_assert_true (lda_channel_map_parse ("bf=phase,hoechst=green,draq7=red", &map, &error));
  series = lda_series_new_from_folder_full (root, NULL, &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  g_assert_cmpuint (g_strv_length ((char **) lda_series_get_all_series (series)), ==, 2);
  g_assert_true (g_str_has_suffix (lda_series_get_name (series), "A1_1"));
  /* In time order, with hours from the names. */
  g_assert_cmpfloat (lda_series_get_frame (series, 0)->time_hours, ==, 0.0);
  g_assert_cmpfloat (lda_series_get_frame (series, 1)->time_hours, ==, 4.0);
  g_assert_cmpfloat (lda_series_get_frame (series, 2)->time_hours, ==, 26.5);
  g_assert_cmpuint (lda_series_get_frame (series, 2)->time_index, ==, 2);
  fx_assert_sample_counts (series);

  /* The map kept with the project is used when none is given. */
  g_assert_true (lda_channel_store_save (kept_for, &map, &error));
  b2 = lda_series_new_from_folder_full (root, "B2_1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (b2), ==, 3);

  lda_test_remove_tree (root);
}

static void
test_micromanager_14 (void)
{
  static const char * const channels[] = { "BF", "DAPI", "Cy5" };
  g_autofree char *root = g_dir_make_tmp ("lda-test-mm14-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) triples = NULL;

  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *pos = g_strdup_printf ("Pos%u", p);
      g_autofree char *folder = g_build_filename (root, pos, NULL);

      for (guint t = 0; t < 2; t++)
        for (guint c = 0; c < 3; c++)
          {
            g_autofree char *name = g_strdup_printf ("img_%09u_%s_000.tif", t, channels[c]);

            write_sample (folder, name, (LdaInput) c);
          }
    }

  triples = lda_triples_find (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (triples->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      g_assert_null (triple->problem);
      /* The time index of the names, the same for every reader. */
      g_assert_cmpuint (triple->time_index, ==, i % 2);
      g_assert_cmpstr (triple->series, ==, i < 2 ? "Pos0" : "Pos1");
    }

  series = lda_series_new_from_folder_full (root, "Pos1", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  fx_assert_sample_counts (series);
  lda_test_remove_tree (root);
}

static void
test_micromanager_20 (void)
{
  /* Channel 0 Hoechst, 1 Draq7, 2 brightfield: numbers only. */
  static const LdaInput inputs[] = { LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7, LDA_INPUT_BRIGHTFIELD };
  g_autofree char *root = g_dir_make_tmp ("lda-test-mm20-XXXXXX", NULL);
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf ("img_channel%03u_position000_time000000000_z000.tif",
                                               c);

      write_sample (root, name, inputs[c]);
    }

  series = lda_series_new_from_folder (root, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CHANNELS);
  g_clear_error (&error);

  g_assert_true (lda_channel_map_parse ("bf=3,hoechst=1,draq7=2", &map, &error));
  series = lda_series_new_from_folder_full (root, NULL, &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 1);
  fx_assert_sample_counts (series);
  lda_test_remove_tree (root);
}

static void
test_foreign_in_folder (void)
{
  g_autofree char *root = g_dir_make_tmp ("lda-test-czi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (root, "plate.czi", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;

  fx_write_bytes (path, "ZISRAWFILE\0\0\0\0\0\0", 16);
  series = lda_series_new_from_folder (root, &error);
  g_assert_null (series);
  /* Not "file names need a channel tag": what the file is, and what to do. */
  g_assert_nonnull (strstr (error->message, "CZI"));
  g_assert_nonnull (strstr (error->message, "bfconvert"));
  lda_test_remove_tree (root);
}

/* A single-channel TIFF opened alone (a double-click in the file manager)
 * opens the series of its folder, from the files beside it. */
static void
test_single_file_opens_siblings (void)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };
  g_autofree char *root = g_dir_make_tmp ("lda-test-siblings-XXXXXX", NULL);
  g_autofree char *chosen = g_build_filename (root, "A1_t02_hoechst.tif", NULL);
  const char *paths[1] = { chosen };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;

  for (guint t = 1; t <= 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *name = g_strdup_printf ("A1_t%02u_%s.tif", t, tags[c]);

        write_sample (root, name, (LdaInput) c);
      }

  series = lda_series_new_from_files (paths, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  g_assert_cmpstr (lda_series_get_frame (series, 1)->triple->name, ==, "A1_t02");
  fx_assert_sample_counts (series);
  lda_test_remove_tree (root);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layouts/incucyte", test_incucyte);
  g_test_add_func ("/layouts/micromanager-1.4", test_micromanager_14);
  g_test_add_func ("/layouts/micromanager-2.0", test_micromanager_20);
  g_test_add_func ("/layouts/foreign-in-folder", test_foreign_in_folder);
  g_test_add_func ("/layouts/single-file-opens-siblings", test_single_file_opens_siblings);

  return g_test_run ();
}
