/* test-project-siblings.c — a triple's parameters follow it between the
 * series it is opened in
 *
 * A triple opened alone saves "<triple>.ini", its folder's series
 * "<folder>.ini", in the same project folder; the edits are shared.  Of
 * the two, the ini saved last gives the triple's frames their parameters
 * (lda-project-siblings.c), so corrections never come back over a
 * segmentation made with other parameters than the ones they were made
 * on.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-project-common.h"

/* The triple @name of @dir opened alone, as from the window's Open. */
static LdaSeries *
open_alone (const char *dir,
            const char *name)
{
  const char *channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GError) error = NULL;
  char *paths[3];
  LdaSeries *series;

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, channels[c]);

      paths[c] = g_build_filename (dir, file, NULL);
    }
  series = lda_series_new_from_files ((const char * const *) paths, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 1);
  g_assert_cmpstr (lda_series_get_name (series), ==, name);
  for (guint c = 0; c < 3; c++)
    g_free (paths[c]);

  return series;
}

/* The frame of triple @name in @series. */
static guint
frame_of (LdaSeries  *series,
          const char *name)
{
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    if (g_str_equal (lda_series_get_frame (series, i)->triple->name, name))
      return i;

  g_error ("no triple %s", name);
  return 0;
}

/* Sets @path's time an hour back: saved before whatever is saved now. */
static void
backdate (const char *path)
{
  struct utimbuf long_ago = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  g_assert_cmpint (g_utime (path, &long_ago), ==, 0);
}

typedef struct
{
  char      *dir;
  char      *folder;   /* the project folder */
  LdaParams  defaults;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const names[] = { "a", "b", NULL };

  f->dir = lda_test_tmp_dir ("lda-siblings");
  f->folder = g_build_filename (f->dir, "project", NULL);
  write_triples (f->dir, names);
  lda_params_init (&f->defaults);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lda_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->folder);
}

/* Tuned alone, the triple keeps its parameters in its folder's series
 * (as its own), and its edits with them; the other triple keeps the
 * series'. */
static void
test_alone_into_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LdaSeries) alone = open_alone (f->dir, "a");
  g_autoptr(LdaSeries) series = open_series (f->dir);
  g_autoptr(LdaSeries) again = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) reloaded = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  LdaParams tuned;
  guint a, b;

  odd_params (&tuned, 1);
  lda_series_set_params (alone, &tuned);
  edits->pixels[3] = 2;
  save_edits (alone, f->folder, 0, edits);
  save_params (alone, f->folder);

  loaded = load (series, f->folder);
  a = frame_of (series, "a");
  b = frame_of (series, "b");
  g_assert_true (params_equal (lda_series_get_params (series), &f->defaults));
  g_assert_true (lda_series_get_frame (series, a)->has_override);
  g_assert_true (params_equal (lda_series_get_frame_params (series, a), &tuned));
  g_assert_false (lda_series_get_frame (series, b)->has_override);
  assert_edits_equal (g_ptr_array_index (loaded, a), edits);

  /* Saved by the folder's series, the parameters are its own from then
   * on: the same after the triple's ini is gone. */
  save_params (series, f->folder);
  {
    g_autofree char *path = g_build_filename (f->folder, "a.ini", NULL);

    g_assert_cmpint (g_remove (path), ==, 0);
  }
  again = open_series (f->dir);
  reloaded = load (again, f->folder);
  g_assert_true (lda_series_get_frame (again, a)->has_override);
  g_assert_true (params_equal (lda_series_get_frame_params (again, a), &tuned));
}

/* Tuned in the folder's series, the triple opened alone has the series'
 * parameters, or its own there. */
static void
test_folder_into_alone (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LdaSeries) series = open_series (f->dir);
  g_autoptr(LdaSeries) alone_a = open_alone (f->dir, "a");
  g_autoptr(LdaSeries) alone_b = open_alone (f->dir, "b");
  g_autoptr(GPtrArray) loaded_a = NULL;
  g_autoptr(GPtrArray) loaded_b = NULL;
  LdaParams everywhere, own;

  odd_params (&everywhere, 2);
  odd_params (&own, 3);
  lda_series_set_params (series, &everywhere);
  lda_series_set_frame_override (series, frame_of (series, "b"), &own);
  save_params (series, f->folder);

  loaded_a = load (alone_a, f->folder);
  loaded_b = load (alone_b, f->folder);
  g_assert_true (params_equal (lda_series_get_frame_params (alone_a, 0), &everywhere));
  g_assert_true (params_equal (lda_series_get_frame_params (alone_b, 0), &own));
  /* Alone, a triple's parameters are its series': it has no others to be
   * set apart from (and the window no switch for them). */
  g_assert_false (lda_series_get_frame (alone_a, 0)->has_override);
  g_assert_false (lda_series_get_frame (alone_b, 0)->has_override);
  g_assert_true (params_equal (lda_series_get_params (alone_b), &own));
}

/* Of the two inis, the one saved last says. */
static void
test_newest_says (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LdaSeries) alone = open_alone (f->dir, "a");
  g_autoptr(LdaSeries) series = open_series (f->dir);
  g_autofree char *alone_ini = g_build_filename (f->folder, "a.ini", NULL);
  g_autofree char *series_ini = lda_project_ini_path (f->folder, series);
  LdaParams first, everywhere, later;

  odd_params (&first, 4);
  odd_params (&everywhere, 5);
  odd_params (&later, 6);

  /* Tuned alone an hour ago; the folder's series tuned since. */
  lda_series_set_params (alone, &first);
  save_params (alone, f->folder);
  backdate (alone_ini);
  lda_series_set_params (series, &everywhere);
  save_params (series, f->folder);
  {
    g_autoptr(LdaSeries) s = open_series (f->dir);
    g_autoptr(LdaSeries) t = open_alone (f->dir, "a");
    g_autoptr(GPtrArray) es = load (s, f->folder);
    g_autoptr(GPtrArray) et = load (t, f->folder);

    g_assert_false (lda_series_get_frame (s, frame_of (s, "a"))->has_override);
    g_assert_true (params_equal (lda_series_get_frame_params (s, frame_of (s, "a")), &everywhere));
    g_assert_true (params_equal (lda_series_get_frame_params (t, 0), &everywhere));
  }

  /* Tuned alone again, after the series. */
  backdate (series_ini);
  lda_series_set_params (alone, &later);
  save_params (alone, f->folder);
  {
    g_autoptr(LdaSeries) s = open_series (f->dir);
    g_autoptr(LdaSeries) t = open_alone (f->dir, "a");
    g_autoptr(GPtrArray) es = load (s, f->folder);
    g_autoptr(GPtrArray) et = load (t, f->folder);

    g_assert_true (params_equal (lda_series_get_params (s), &everywhere));
    g_assert_true (params_equal (lda_series_get_frame_params (s, frame_of (s, "a")), &later));
    g_assert_true (params_equal (lda_series_get_frame_params (s, frame_of (s, "b")), &everywhere));
    g_assert_true (params_equal (lda_series_get_frame_params (t, 0), &later));
  }
}

/* A triple saved alone with the parameters its series gives it anyway
 * gets no parameters of its own there; a damaged sibling is left alone
 * (its own series reports it) and the load goes on. */
static void
test_same_or_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LdaSeries) alone = open_alone (f->dir, "a");
  g_autofree char *alone_ini = g_build_filename (f->folder, "a.ini", NULL);

  save_params (alone, f->folder);
  {
    g_autoptr(LdaSeries) s = open_series (f->dir);
    g_autoptr(GPtrArray) es = load (s, f->folder);

    g_assert_false (lda_series_get_frame (s, frame_of (s, "a"))->has_override);
  }

  g_assert_true (g_file_set_contents (alone_ini, "[project]\nformat=x\n", -1, NULL));
  {
    g_autoptr(LdaSeries) s = open_series (f->dir);
    g_autoptr(GPtrArray) es = load (s, f->folder);

    g_assert_false (lda_series_get_frame (s, frame_of (s, "a"))->has_override);
    g_assert_true (g_file_test (alone_ini, G_FILE_TEST_EXISTS));
  }
}

/* A series of one frame saved with parameters of its own (as that frame's
 * folder gave them) loads them as the series'. */
static void
test_one_frame_own_is_series (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LdaSeries) alone = open_alone (f->dir, "a");
  g_autoptr(LdaSeries) again = open_alone (f->dir, "a");
  g_autoptr(GPtrArray) loaded = NULL;
  LdaParams own;

  odd_params (&own, 7);
  lda_series_set_frame_override (alone, 0, &own);
  save_params (alone, f->folder);

  loaded = load (again, f->folder);
  g_assert_false (lda_series_get_frame (again, 0)->has_override);
  g_assert_true (params_equal (lda_series_get_params (again), &own));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/project-siblings/alone-into-folder", Fixture, NULL,
              fixture_set_up, test_alone_into_folder, fixture_tear_down);
  g_test_add ("/project-siblings/folder-into-alone", Fixture, NULL,
              fixture_set_up, test_folder_into_alone, fixture_tear_down);
  g_test_add ("/project-siblings/newest-says", Fixture, NULL,
              fixture_set_up, test_newest_says, fixture_tear_down);
  g_test_add ("/project-siblings/same-or-damaged", Fixture, NULL,
              fixture_set_up, test_same_or_damaged, fixture_tear_down);
  g_test_add ("/project-siblings/one-frame-own-is-series", Fixture, NULL,
              fixture_set_up, test_one_frame_own_is_series, fixture_tear_down);

  return g_test_run ();
}
