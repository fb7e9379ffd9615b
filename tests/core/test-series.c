/* test-series.c — frames of a folder, of three files, of a time series
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-series.h"
#include "lda-tiff.h"

static char *
make_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lda-series-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_image (const char *dir,
             const char *name,
             guint       width,
             guint16     value)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, width, 8, NULL);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    lda_image_u16 (image)[i] = value + (guint16) (i % 7);
  g_assert_true (lda_tiff_write (path, image, &error));
  g_assert_no_error (error);
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_folder (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  const char *channels[] = { "bf", "hoechst", "draq7" };
  const char *times[] = { "t10", "t2", "t1" };

  for (guint t = 0; t < G_N_ELEMENTS (times); t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *name = g_strdup_printf ("well_%s_%s.tif", times[t], channels[c]);

        write_image (dir, name, 16, 100);
      }
  /* An incomplete triple is reported, not opened. */
  write_image (dir, "well_t5_bf.tif", 16, 100);

  series = lda_series_new_from_folder (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  g_assert_cmpuint (lda_series_get_frame (series, 0)->time_index, ==, 1);
  g_assert_cmpuint (lda_series_get_frame (series, 1)->time_index, ==, 2);
  g_assert_cmpuint (lda_series_get_frame (series, 2)->time_index, ==, 10);
  g_assert_cmpstr (lda_series_get_frame (series, 2)->title, ==, "well_t10");
  g_assert_cmpuint (lda_series_get_problems (series)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (lda_series_get_problems (series), 0), "well_t5"));

  remove_folder (dir);
}

static void
test_empty_folder (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(GError) error = NULL;
  LdaSeries *series;

  series = lda_series_new_from_folder (dir, &error);
  g_assert_null (series);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES);
  g_assert_nonnull (strstr (error->message, dir));
  /* No image at all: not a matter of channel tags (it said so). */
  g_assert_nonnull (strstr (error->message, "no TIFF images in this folder"));
  g_clear_error (&error);

  /* Images without tags: the tags are what is missing. */
  write_image (dir, "plain.tif", 16, 100);
  series = lda_series_new_from_folder (dir, &error);
  g_assert_null (series);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES);
  g_assert_nonnull (strstr (error->message, "channel tag"));

  remove_folder (dir);
}

static void
test_files_by_tag_and_order (void)
{
  g_autofree char *dir = make_folder ();
  g_autofree char *bf = g_build_filename (dir, "x_bf.tif", NULL);
  g_autofree char *ho = g_build_filename (dir, "x_dapi.tif", NULL);
  g_autofree char *dr = g_build_filename (dir, "x_cy5.tif", NULL);
  g_autofree char *a = g_build_filename (dir, "a.tif", NULL);
  g_autofree char *b = g_build_filename (dir, "b.tif", NULL);
  g_autofree char *c = g_build_filename (dir, "c.tif", NULL);
  g_autoptr(GError) error = NULL;

  write_image (dir, "x_bf.tif", 16, 100);
  write_image (dir, "x_dapi.tif", 16, 100);
  write_image (dir, "x_cy5.tif", 16, 100);
  write_image (dir, "a.tif", 16, 100);
  write_image (dir, "b.tif", 16, 100);
  write_image (dir, "c.tif", 16, 100);

  {
    /* Tags win over the order given. */
    const char *paths[] = { dr, bf, ho };
    g_autoptr(LdaSeries) series = lda_series_new_from_files (paths, 3, &error);
    LdaFrame *frame;

    g_assert_no_error (error);
    frame = lda_series_get_frame (series, 0);
    g_assert_cmpstr (frame->triple->paths[LDA_INPUT_BRIGHTFIELD], ==, bf);
    g_assert_cmpstr (frame->triple->paths[LDA_INPUT_HOECHST], ==, ho);
    g_assert_cmpstr (frame->triple->paths[LDA_INPUT_DRAQ7], ==, dr);
  }
  {
    /* Untagged files go in the order brightfield, Hoechst, Draq7. */
    const char *paths[] = { c, a, b };
    g_autoptr(LdaSeries) series = lda_series_new_from_files (paths, 3, &error);
    LdaFrame *frame;

    g_assert_no_error (error);
    frame = lda_series_get_frame (series, 0);
    g_assert_cmpstr (frame->triple->paths[LDA_INPUT_BRIGHTFIELD], ==, c);
    g_assert_cmpstr (frame->triple->paths[LDA_INPUT_DRAQ7], ==, b);
  }
  {
    const char *paths[] = { a, b };
    LdaSeries *series = lda_series_new_from_files (paths, 2, &error);

    g_assert_null (series);
    g_assert_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES);
    g_clear_error (&error);
  }
  {
    /* A file that is not a TIFF fails with its name. */
    g_autofree char *bad = g_build_filename (dir, "bad.tif", NULL);
    const char *paths[] = { a, bad, b };
    LdaSeries *series;

    g_file_set_contents (bad, "not a tiff at all", -1, NULL);
    series = lda_series_new_from_files (paths, 3, &error);
    g_assert_null (series);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, bad));
  }

  remove_folder (dir);
}

static void
test_overrides_and_counts (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params, own;
  LdaCounts counts = { 0, };

  for (guint t = 1; t <= 2; t++)
    {
      g_autofree char *bf = g_strdup_printf ("p_t%u_bf.tif", t);
      g_autofree char *ho = g_strdup_printf ("p_t%u_hoechst.tif", t);
      g_autofree char *dr = g_strdup_printf ("p_t%u_draq7.tif", t);

      write_image (dir, bf, 16, 10);
      write_image (dir, ho, 16, 10);
      write_image (dir, dr, 16, 10);
    }

  series = lda_series_new_from_folder (dir, &error);
  g_assert_no_error (error);

  lda_params_init (&params);
  params.channel[LDA_CHANNEL_HOECHST].offset = 2.5;
  lda_series_set_params (series, &params);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 1)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 2.5);

  own = params;
  own.channel[LDA_CHANNEL_DRAQ7].kernel = 9;
  lda_series_set_frame_override (series, 1, &own);
  g_assert_true (lda_series_get_frame (series, 1)->has_override);
  g_assert_cmpuint (lda_series_get_frame_params (series, 1)->channel[LDA_CHANNEL_DRAQ7].kernel, ==, 9);
  g_assert_cmpuint (lda_series_get_frame_params (series, 0)->channel[LDA_CHANNEL_DRAQ7].kernel, ==,
                    params.channel[LDA_CHANNEL_DRAQ7].kernel);

  /* Series changes do not touch a frame with its own parameters. */
  params.channel[LDA_CHANNEL_HOECHST].offset = 3.0;
  lda_series_set_params (series, &params);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 1)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 2.5);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 0)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 3.0);

  lda_series_set_frame_override (series, 1, NULL);
  g_assert_false (lda_series_get_frame (series, 1)->has_override);
  g_assert_cmpfloat (lda_series_get_frame_params (series, 1)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, 3.0);

  counts.live = 3;
  counts.dead = 1;
  counts.dead_fraction = 0.25;
  g_assert_false (lda_series_get_frame (series, 0)->has_counts);
  lda_series_set_frame_counts (series, 0, &counts);
  g_assert_true (lda_series_get_frame (series, 0)->has_counts);
  g_assert_cmpfloat (lda_series_get_frame (series, 0)->dead_fraction, ==, 0.25);

  remove_folder (dir);
}

/* Frames typed as the command line numbers them (from 0) and as the
 * window does (from 1) give the same indices, and a number out of the
 * series, or below the first, is refused. */
static void
test_parse_frames (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *text;
    guint       base;
    const char *indices;   /* NULL: refused */
  } cases[] = {
    { "0,2", 0, "0 2" }, { "1,3", 1, "0 2" },
    { "2-3, 0", 0, "2 3 0" }, { "3-4,1", 1, "2 3 0" },
    { "1,1,0-1", 0, "1 0" },
    { "3", 1, "2" }, { "4", 1, "3" }, { "5", 1, NULL }, { "4", 0, NULL }, { "3", 0, "3" },
    { "0", 1, NULL }, { "0-2", 1, NULL },
    { "", 1, NULL }, { "x", 0, NULL }, { "2-1", 0, NULL },
  };

  for (guint t = 1; t <= 4; t++)
    for (guint c = 0; c < 3; c++)
      {
        static const char *channels[] = { "bf", "hoechst", "draq7" };
        g_autofree char *name = g_strdup_printf ("well_t%u_%s.tif", t, channels[c]);

        write_image (dir, name, 16, 100);
      }
  series = lda_series_new_from_folder (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GString) got = g_string_new (NULL);
      gboolean ok = lda_series_parse_frames (series, cases[i].text, cases[i].base, frames,
                                             &error);

      for (guint k = 0; k < frames->len; k++)
        g_string_append_printf (got, "%s%u", k > 0 ? " " : "", g_array_index (frames, guint, k));
      g_test_message ("“%s” from %u: %s", cases[i].text, cases[i].base,
                      ok ? got->str : error->message);
      if (cases[i].indices == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
          /* The message counts as the person counts. */
          if (cases[i].base == 1 && strcmp (cases[i].text, "5") == 0)
            g_assert_nonnull (strstr (error->message, "time point 5 does not exist"));
          if (cases[i].base == 0 && strcmp (cases[i].text, "4") == 0)
            g_assert_nonnull (strstr (error->message, "numbered from 0"));
          g_clear_error (&error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (got->str, ==, cases[i].indices);
        }
    }

  remove_folder (dir);
}

/* The number a frame's name carries (t10), typed for its place in the
 * series (2): refused, and the message says where t10 is. */
static void
test_parse_frames_named (void)
{
  g_autofree char *dir = make_folder ();
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  static const guint times[] = { 4, 10 };

  for (guint t = 0; t < G_N_ELEMENTS (times); t++)
    for (guint c = 0; c < 3; c++)
      {
        static const char *channels[] = { "bf", "hoechst", "draq7" };
        g_autofree char *name = g_strdup_printf ("t%02u_%s.tif", times[t], channels[c]);

        write_image (dir, name, 16, 100);
      }
  series = lda_series_new_from_folder (dir, &error);
  g_assert_no_error (error);

  g_assert_false (lda_series_parse_frames (series, "10", 1, frames, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "time point 10 does not exist"));
  g_assert_true (g_str_has_suffix (error->message, "; t10 is number 2"));
  g_clear_error (&error);
  /* From 0, as the command line counts. */
  g_assert_false (lda_series_parse_frames (series, "4", 0, frames, &error));
  g_assert_true (g_str_has_suffix (error->message, "; t04 is number 0"));

  remove_folder (dir);
}

/* The time between frames as people write it: with a unit, a point or
 * a comma ("1,5 h" was refused), long or German unit names. */
static void
test_interval_parse (void)
{
  static const struct { const char *text; double hours; } cases[] = {
    { "2h", 2.0 }, { "1.5 h", 1.5 }, { "1,5 h", 1.5 }, { " 1,5h ", 1.5 }, { "90min", 1.5 },
    { "90 minutes", 1.5 }, { "2 Std", 2.0 }, { "1 hour", 1.0 }, { "5400s", 1.5 },
    { "0,25 d", 6.0 },
    /* Not times. */
    { "soon", 0.0 }, { "2", 0.0 }, { "0h", 0.0 }, { "-1h", 0.0 }, { "1,5,3 h", 0.0 },
    { "1.5,3 h", 0.0 }, { "", 0.0 }, { "h", 0.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double hours = 0.0;
      gboolean ok = lda_interval_parse (cases[i].text, &hours, &error);

      g_test_message ("“%s”", cases[i].text);
      if (cases[i].hours > 0.0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpfloat_with_epsilon (hours, cases[i].hours, 1e-9);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series/folder", test_folder);
  g_test_add_func ("/series/empty-folder", test_empty_folder);
  g_test_add_func ("/series/files-by-tag-and-order", test_files_by_tag_and_order);
  g_test_add_func ("/series/overrides-and-counts", test_overrides_and_counts);
  g_test_add_func ("/series/parse-frames", test_parse_frames);
  g_test_add_func ("/series/parse-frames-named", test_parse_frames_named);
  g_test_add_func ("/series/interval-parse", test_interval_parse);

  return g_test_run ();
}
