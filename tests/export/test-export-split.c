/* test-export-split.c — the training and validation split by field: the
 * time points of a field all on one side, the share of fields, the same
 * side whichever frames are exported, and a series of one field refused
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-export.h"
#include "lda-export-split.h"
#include "lda-series.h"
#include "lda-test-lib.h"

static const char * const tags[LDA_N_INPUTS] = { "bf", "hoechst", "draq7" };

/* A folder of the sample's triple under the names @names (triple names,
 * such as "a_t00"). */
static char *
make_folder (const char * const *names)
{
  char *dir = lda_test_tmp_dir ("lda-split");

  for (guint i = 0; names[i] != NULL; i++)
    for (guint c = 0; c < LDA_N_INPUTS; c++)
      {
        g_autofree char *from = lda_test_sample_file (tags[c]);
        g_autofree char *name = g_strdup_printf ("%s_%s.tif", names[i], tags[c]);
        g_autofree char *to = g_build_filename (dir, name, NULL);

        lda_test_copy_file (from, to);
      }
  return dir;
}

static LdaSeries *
open_folder (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LdaSeries *series = lda_series_new_from_folder (dir, &error);

  g_assert_no_error (error);
  return series;
}

/* Each frame's side as lda_export_targets() puts its image: 'v' for
 * val/, 't' for train/, by frame index, in a string. */
static char *
sides (LdaSeries              *series,
       const LdaExportOptions *options)
{
  g_autoptr(GPtrArray) targets = lda_export_targets (series, "/out", options);
  const guint n = lda_series_get_n_frames (series);
  char *side = g_malloc0 (n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *in_val = g_strdup_printf ("/out/val/images/%s.tif",
                                                 lda_series_get_frame (series, i)->title);
      g_autofree char *in_train = g_strdup_printf ("/out/train/images/%s.tif",
                                                   lda_series_get_frame (series, i)->title);

      side[i] = '?';
      for (guint k = 0; k < targets->len; k++)
        {
          if (strcmp (g_ptr_array_index (targets, k), in_val) == 0)
            side[i] = 'v';
          if (strcmp (g_ptr_array_index (targets, k), in_train) == 0)
            side[i] = 't';
        }
    }
  return side;
}

/* Three fields of two time points each, the frames in the order a, b, c:
 * a field's frames always share their side, and the fields going to
 * validation are round(fraction × 3), at least one and not all below a
 * fraction of 1; seeds choose different fields. */
static void
test_whole_fields (void)
{
  static const char * const names[] = { "a_t00", "a_t01", "b_t00", "b_t01", "c_t00", "c_t01", NULL };
  g_autofree char *dir = make_folder (names);
  g_autoptr(LdaSeries) series = open_folder (dir);
  static const struct { double fraction; guint fields; } shares[] = {
    { 0.1, 1 }, { 0.3, 1 }, { 0.5, 2 }, { 0.7, 2 }, { 0.9, 2 }, { 1.0, 3 },
  };
  gboolean chosen[3] = { FALSE, FALSE, FALSE };
  guint n_by_frame_split = 0;

  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 6);
  g_assert_cmpuint (lda_export_split_n_fields (series), ==, 3);

  for (guint s = 0; s < G_N_ELEMENTS (shares); s++)
    for (guint32 seed = 1; seed <= 12; seed++)
      {
        LdaExportOptions options = { .layout = LDA_EXPORT_LAYOUT_PAIRS,
                                     .val_fraction = shares[s].fraction, .seed = seed,
                                     .val_by_field = TRUE };
        LdaExportOptions by_frame = options;
        g_autofree char *side = sides (series, &options);
        g_autofree char *frame_side = NULL;
        guint n_val = 0;

        for (guint f = 0; f < 3; f++)
          {
            g_assert_cmpint (side[2 * f], ==, side[2 * f + 1]);
            g_assert_cmpint (side[2 * f], !=, '?');
            n_val += side[2 * f] == 'v';
            if (side[2 * f] == 'v' && shares[s].fields == 1)
              chosen[f] = TRUE;
          }
        g_assert_cmpuint (n_val, ==, shares[s].fields);

        /* By frame, fields are split between the sides for some seeds. */
        by_frame.val_by_field = FALSE;
        frame_side = sides (series, &by_frame);
        for (guint f = 0; f < 3; f++)
          n_by_frame_split += frame_side[2 * f] != frame_side[2 * f + 1];
      }
  g_assert_cmpuint (chosen[0] + chosen[1] + chosen[2], >=, 2);
  g_assert_cmpuint (n_by_frame_split, >, 0);

  lda_test_remove_tree (dir);
}

/* A frame's side does not depend on which frames are exported, and the
 * files on disk are where the targets said. */
static void
test_some_frames (void)
{
  static const char * const names[] = { "a_t00", "a_t01", "b_t00", "b_t01", "c_t00", "c_t01", NULL };
  g_autofree char *dir = make_folder (names);
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(LdaSeries) series = open_folder (dir);
  g_autoptr(GError) error = NULL;
  static const guint some[] = { 1, 4 };
  LdaExportOptions all = { .layout = LDA_EXPORT_LAYOUT_PAIRS, .val_fraction = 0.3, .seed = 7,
                           .val_by_field = TRUE };
  LdaExportOptions options = all;
  g_autofree char *side_all = sides (series, &all);
  g_autofree char *side_some = NULL;

  options.frames = some;
  options.n_frames = G_N_ELEMENTS (some);
  side_some = sides (series, &options);
  for (guint k = 0; k < G_N_ELEMENTS (some); k++)
    g_assert_cmpint (side_some[some[k]], ==, side_all[some[k]]);

  g_assert_true (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (some); k++)
    {
      const char *title = lda_series_get_frame (series, some[k])->title;
      g_autofree char *name = g_strdup_printf ("%s.tif", title);
      g_autofree char *path = g_build_filename (out, side_all[some[k]] == 'v' ? "val" : "train",
                                                "masks", name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  lda_test_remove_tree (dir);
}

/* A series of one field cannot be split by field: refused before
 * anything is written, naming the series.  Frames whose names say no time
 * are a field each. */
static void
test_one_field (void)
{
  static const char * const one[] = { "a_t00", "a_t01", "a_t02", NULL };
  static const char * const untimed[] = { "left", "right", NULL };
  g_autofree char *dir = make_folder (one);
  g_autofree char *other = make_folder (untimed);
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(LdaSeries) series = open_folder (dir);
  g_autoptr(LdaSeries) apart = open_folder (other);
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { .layout = LDA_EXPORT_LAYOUT_PAIRS, .val_fraction = 0.3, .seed = 1,
                               .val_by_field = TRUE };

  g_assert_cmpuint (lda_export_split_n_fields (series), ==, 1);
  g_assert_false (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, lda_series_get_name (series)));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* By frame, the same series splits. */
  g_clear_error (&error);
  options.val_by_field = FALSE;
  g_assert_true (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (lda_export_split_n_fields (apart), ==, 2);

  lda_test_remove_tree (dir);
  lda_test_remove_tree (other);
}

/* By frame, two frames or more never all go to one side: a training set
 * of none would train nothing, a validation set of none breaks nnU-Net.
 * Where the hash gives each side one, its sides stand. */
static void
test_never_one_side (void)
{
  static const char * const names[] = { "a_t00", "a_t01", "a_t02", NULL };
  g_autofree char *dir = make_folder (names);
  g_autoptr(LdaSeries) series = open_folder (dir);
  static const double fractions[] = { 0.05, 0.3, 0.5, 0.7, 0.95 };
  guint n_moved = 0;

  for (guint f = 0; f < G_N_ELEMENTS (fractions); f++)
    for (guint32 seed = 0; seed < 40; seed++)
      {
        LdaExportOptions options = { .layout = LDA_EXPORT_LAYOUT_PAIRS,
                                     .val_fraction = fractions[f], .seed = seed };
        g_autofree char *side = sides (series, &options);
        guint n_val = 0, n_hash = 0;

        for (guint i = 0; i < 3; i++)
          {
            gboolean hash = lda_export_is_validation (lda_series_get_frame (series, i)->title,
                                                      seed, fractions[f]);

            n_val += side[i] == 'v';
            n_hash += hash;
          }
        g_assert_cmpuint (n_val, >=, 1);
        g_assert_cmpuint (n_val, <=, 2);
        if (n_hash >= 1 && n_hash <= 2)
          for (guint i = 0; i < 3; i++)
            g_assert_cmpint (side[i] == 'v', ==,
                             lda_export_is_validation (lda_series_get_frame (series, i)->title,
                                                       seed, fractions[f]));
        else
          n_moved++;
      }
  /* The hash alone did put all three on one side, sometimes. */
  g_assert_cmpuint (n_moved, >, 0);

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export-split/whole-fields", test_whole_fields);
  g_test_add_func ("/export-split/some-frames", test_some_frames);
  g_test_add_func ("/export-split/one-field", test_one_field);
  g_test_add_func ("/export-split/never-one-side", test_never_one_side);

  return g_test_run ();
}
