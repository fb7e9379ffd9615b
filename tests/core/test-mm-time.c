/* test-mm-time.c — hours from Micro-Manager's metadata, not from the time
 * index of the file names
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-mm-metadata.h"
#include "lda-series.h"
#include "lda-test-lib.h"
#include "stack-fixtures.h"

static const char * const mm14_channels[] = { "BF", "DAPI", "Cy5" };

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
write_text (const char *folder,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  fx_write_bytes (path, text, strlen (text));
}

/* A Micro-Manager 1.4 position, three time points taken 0 h, 2 h and 5 h
 * after the start (the channels a few seconds apart); @metadata_time
 * FALSE leaves the last image's time out. */
static char *
mm14_metadata (gboolean all)
{
  static const double hours[] = { 0.0, 2.0, 5.0 };
  GString *text = g_string_new ("{\n \"Summary\": {\"Prefix\": \"run\", \"Frames\": 3,"
                                " \"ChNames\": [\"BF\", \"DAPI\", \"Cy5\"]},\n");

  for (guint t = 0; t < 3; t++)
    for (guint c = 0; c < 3; c++)
      {
        gboolean last = t == 2 && c == 2;

        g_string_append_printf (text, " \"FrameKey-%u-%u-0\": {\"Frame\": %u, \"Channel\": \"%s\","
                                " \"FileName\": \"img_%09u_%s_000.tif\"", t, c, t,
                                mm14_channels[c], t, mm14_channels[c]);
        if (all || !last)
          g_string_append_printf (text, ", \"ElapsedTime-ms\": %.1f",
                                  hours[t] * 3600000.0 + 1500.0 * c);
        g_string_append_printf (text, ", \"Tags\": {\"a\": [1, 2.5e3, true, null, \"\\u00b5\"]}}%s\n",
                                last ? "" : ",");
      }
  g_string_append (text, "}\n");

  return g_string_free (text, FALSE);
}

static char *
make_mm14 (const char *metadata)
{
  g_autofree char *root = g_dir_make_tmp ("lda-test-mmtime-XXXXXX", NULL);
  g_autofree char *pos = g_build_filename (root, "Pos0", NULL);

  for (guint t = 0; t < 3; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *name = g_strdup_printf ("img_%09u_%s_000.tif", t, mm14_channels[c]);

        write_sample (pos, name, (LdaInput) c);
      }
  if (metadata != NULL)
    write_text (pos, "metadata.txt", metadata);

  return g_steal_pointer (&root);
}

static void
test_mm14_hours (void)
{
  g_autofree char *metadata = mm14_metadata (TRUE);
  g_autofree char *root = make_mm14 (metadata);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (root, &error);
  g_auto(GStrv) notes = NULL;
  static const double hours[] = { 0.0, 2.0, 5.0 };

  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  for (guint f = 0; f < 3; f++)
    {
      LdaFrame *frame = lda_series_get_frame (series, f);

      g_assert_cmpuint (frame->time_index, ==, f);
      /* The earliest channel's time, not the index. */
      g_assert_cmpfloat_with_epsilon (frame->time_hours, hours[f], 1e-9);
    }
  notes = lda_series_get_notes (series);
  g_assert_cmpuint (g_strv_length (notes), ==, 0);
  lda_test_remove_tree (root);
}

/* The position's folder opened itself: its images also carry channel
 * tags (img_…_BF_000.tif), but each time point is one frame, with its
 * time, not two. */
static void
test_mm14_position_itself (void)
{
  g_autofree char *metadata = mm14_metadata (TRUE);
  g_autofree char *root = make_mm14 (metadata);
  g_autofree char *pos = g_build_filename (root, "Pos0", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (pos, &error);
  static const double hours[] = { 0.0, 2.0, 5.0 };

  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  for (guint f = 0; f < 3; f++)
    g_assert_cmpfloat_with_epsilon (lda_series_get_frame (series, f)->time_hours, hours[f], 1e-9);
  lda_test_remove_tree (root);
}

/* Damaged metadata, or an image without its time: the index, and a
 * warning that names the file. */
static void
check_fallback (const char *metadata,
                const char *expected)
{
  g_autofree char *root = make_mm14 (metadata);
  g_autofree char *file = g_build_filename (root, "Pos0", "metadata.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = lda_series_new_from_folder (root, &error);
  g_auto(GStrv) notes = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  for (guint f = 0; f < 3; f++)
    {
      g_assert_cmpuint (lda_series_get_frame (series, f)->time_index, ==, f);
      g_assert_false (isfinite (lda_series_get_frame (series, f)->time_hours));
    }
  notes = lda_series_get_notes (series);
  g_assert_cmpuint (g_strv_length (notes), ==, 1);
  g_assert_nonnull (strstr (notes[0], file));
  g_assert_nonnull (strstr (notes[0], expected));
  lda_test_remove_tree (root);
}

static void
test_mm14_damaged (void)
{
  g_autofree char *metadata = mm14_metadata (TRUE);

  /* Cut in the middle of an image's object. */
  metadata[strlen (metadata) / 2] = '\0';
  check_fallback (metadata, "damaged");
}

static void
test_mm14_missing_time (void)
{
  g_autofree char *metadata = mm14_metadata (FALSE);

  check_fallback (metadata, "img_000000002_Cy5_000.tif");
}

/* Micro-Manager 2.0: images named by their coordinates, metadata under
 * "Metadata-<file>", values typed. */
static void
test_mm20_hours (void)
{
  static const LdaInput inputs[] = { LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7, LDA_INPUT_BRIGHTFIELD };
  g_autofree char *root = g_dir_make_tmp ("lda-test-mm20time-XXXXXX", NULL);
  g_autoptr(GString) text = g_string_new ("{\"Summary\": {\"Prefix\": {\"type\": \"STRING\","
                                          " \"scalar\": \"run\"}}");
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;

  for (guint t = 0; t < 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *name =
          g_strdup_printf ("img_channel%03u_position000_time%09u_z000.tif", c, t);

        write_sample (root, name, inputs[c]);
        g_string_append_printf (text, ",\n \"Coords-Pos0/%s\": {\"time_point\": %u},"
                                "\n \"Metadata-Pos0/%s\": {\"ElapsedTime-ms\": {\"type\": "
                                "\"DOUBLE\", \"scalar\": \"%.1f\"}, \"PixelSizeUm\": "
                                "{\"type\": \"DOUBLE\", \"scalar\": 0.65}}",
                                name, t, name, t * 1800000.0 + 10.0 * c);
      }
  g_string_append (text, "}\n");
  write_text (root, "metadata.txt", text->str);

  g_assert_true (lda_channel_map_parse ("bf=3,hoechst=1,draq7=2", &map, &error));
  series = lda_series_new_from_folder_full (root, NULL, &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (series, 0)->time_hours, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (series, 1)->time_hours, 0.5, 1e-9);
  lda_test_remove_tree (root);
}

static void
test_parse_errors (void)
{
  static const char * const bad[] = {
    "", "[1, 2]", "{\"a\": }", "{\"a\": 1,}", "{\"a\": \"open}", "{\"a\": 1} x",
    "{\"FrameKey-0-0-0\": {\"FileName\": \"a.tif\", \"ElapsedTime-ms\": \"soon\"}}",
    "{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]"
    "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) times = lda_mm_metadata_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (times);
      g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mm-time/parse-errors", test_parse_errors);
  g_test_add_func ("/mm-time/1.4-hours", test_mm14_hours);
  g_test_add_func ("/mm-time/1.4-position-itself", test_mm14_position_itself);
  g_test_add_func ("/mm-time/1.4-damaged", test_mm14_damaged);
  g_test_add_func ("/mm-time/1.4-missing-time", test_mm14_missing_time);
  g_test_add_func ("/mm-time/2.0-hours", test_mm20_hours);

  return g_test_run ();
}
