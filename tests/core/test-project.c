/* test-project.c — tests for lda-project: saving a series' parameters,
 * states and edits, loading them back, where the files go and failing
 * cleanly on a folder that cannot be written.  test-project-crash.c kills
 * the writer.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-test-lib.h"
#include "test-project-common.h"

/* --- round trip -------------------------------------------------------- */

static void
test_round_trip (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaSeries) again = NULL;
  g_autoptr(LdaEdits) e0 = edits_new (16, 8);
  g_autoptr(LdaEdits) e2 = edits_new (16, 8);
  g_autoptr(GPtrArray) loaded = NULL;
  LdaParams params, override, defaults;

  write_triples (dir, three);
  series = open_series (dir);
  folder = lda_project_default_folder (series);
  g_assert_true (g_str_has_suffix (folder, "/" LDA_PROJECT_FOLDER_NAME));

  odd_params (&params, 1);
  odd_params (&override, 2);
  lda_series_set_params (series, &params);
  lda_series_set_frame_override (series, 0, &override);
  lda_series_get_frame (series, 0)->state = LDA_FRAME_EDITED;
  lda_series_get_frame (series, 1)->state = LDA_FRAME_EXPORTED;
  strokes (e0, 1, 3, 3);
  strokes (e2, 2, 3, 3);
  e2->pixels[0] = 4;
  e2->pixels[16 * 8 - 1] = 0;

  save_params (series, folder);
  save_edits (series, folder, 0, e0);
  save_edits (series, folder, 1, NULL);
  save_edits (series, folder, 2, e2);

  again = open_series (dir);
  loaded = load (again, folder);

  g_assert_true (params_equal (lda_series_get_params (again), &params));
  g_assert_true (lda_series_get_frame (again, 0)->has_override);
  g_assert_true (params_equal (&lda_series_get_frame (again, 0)->override, &override));
  g_assert_false (lda_series_get_frame (again, 1)->has_override);
  g_assert_false (lda_series_get_frame (again, 2)->has_override);
  g_assert_cmpint (lda_series_get_frame (again, 0)->state, ==, LDA_FRAME_EDITED);
  g_assert_cmpint (lda_series_get_frame (again, 1)->state, ==, LDA_FRAME_EXPORTED);
  g_assert_cmpint (lda_series_get_frame (again, 2)->state, ==, LDA_FRAME_AUTOMATIC);
  assert_edits_equal (g_ptr_array_index (loaded, 0), e0);
  g_assert_null (g_ptr_array_index (loaded, 1));
  assert_edits_equal (g_ptr_array_index (loaded, 2), e2);

  /* Taking the override away and going back to automatic is saved too. */
  lda_series_set_frame_override (again, 0, NULL);
  lda_series_get_frame (again, 1)->state = LDA_FRAME_AUTOMATIC;
  save_params (again, folder);
  g_clear_pointer (&series, lda_series_free);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  series = open_series (dir);
  loaded = load (series, folder);
  g_assert_false (lda_series_get_frame (series, 0)->has_override);
  g_assert_cmpint (lda_series_get_frame (series, 0)->state, ==, LDA_FRAME_EDITED);
  g_assert_cmpint (lda_series_get_frame (series, 1)->state, ==, LDA_FRAME_AUTOMATIC);

  /* Parameters out of range are refused, not saved where loading would
   * refuse them. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *ini = g_strdup_printf ("%s/%s.ini", folder, lda_series_get_name (series));
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize before_length, after_length;
    LdaParams bad = params;

    before = read_file (ini, &before_length);
    bad.channel[LDA_CHANNEL_DRAQ7].kernel = 99;
    lda_series_set_frame_override (series, 2, &bad);
    g_assert_false (lda_project_save_params (series, folder, &error));
    g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
    g_assert_nonnull (strstr (error->message, ini));
    after = read_file (ini, &after_length);
    g_assert_cmpmem (after, after_length, before, before_length);
  }

  /* A missing project applies nothing and is no error. */
  g_clear_pointer (&series, lda_series_free);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  series = open_series (dir);
  {
    g_autofree char *nowhere = g_build_filename (dir, "no-such-project", NULL);

    loaded = load (series, nowhere);
  }
  lda_params_init (&defaults);
  g_assert_true (params_equal (lda_series_get_params (series), &defaults));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_null (g_ptr_array_index (loaded, i));
      g_assert_cmpint (lda_series_get_frame (series, i)->state, ==, LDA_FRAME_AUTOMATIC);
    }

  lda_test_remove_tree (dir);
}

/* Frames the series no longer has (a triple moved away) are not dropped
 * from the file, and come back when the triple does. */
static void
test_other_frames_kept (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autofree char *moved = g_build_filename (dir, "w_t3_bf.tif", NULL);
  g_autofree char *aside = g_build_filename (dir, "aside.tif.off", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) loaded = NULL;

  write_triples (dir, three);
  series = open_series (dir);
  lda_series_get_frame (series, 2)->state = LDA_FRAME_EXPORTED;
  save_params (series, folder);
  g_clear_pointer (&series, lda_series_free);

  g_assert_cmpint (g_rename (moved, aside), ==, 0);
  series = open_series (dir);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 2);
  loaded = load (series, folder);
  lda_series_get_frame (series, 0)->state = LDA_FRAME_EDITED;
  save_params (series, folder);
  g_clear_pointer (&series, lda_series_free);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  g_assert_cmpint (g_rename (aside, moved), ==, 0);
  series = open_series (dir);
  loaded = load (series, folder);
  g_assert_cmpint (lda_series_get_frame (series, 0)->state, ==, LDA_FRAME_EDITED);
  g_assert_cmpint (lda_series_get_frame (series, 2)->state, ==, LDA_FRAME_EXPORTED);

  lda_test_remove_tree (dir);
}

/* --- files ------------------------------------------------------------- */

static void
test_empty_edits_no_file (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autofree char *edits_dir = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *file = NULL;

  write_triples (dir, three);
  series = open_series (dir);
  edits_dir = g_build_filename (folder, "edits", NULL);
  file = g_build_filename (edits_dir, "w_t2.edits", NULL);

  /* Nothing to save: no file, not even the folder. */
  save_edits (series, folder, 1, edits);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  save_edits (series, folder, 1, NULL);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  edits->pixels[5] = 2;
  save_edits (series, folder, 1, edits);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  /* A value reading would refuse is not saved. */
  {
    g_autoptr(GError) error = NULL;

    edits->pixels[6] = LDA_N_CLASSES;
    g_assert_false (lda_project_save_edits (folder, series, 1, edits, &error));
    g_assert_error (error, LDA_ERROR, LDA_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, file));
    edits->pixels[6] = LDA_NO_EDIT;
  }

  /* Undoing the last edit removes the file. */
  edits->pixels[5] = LDA_NO_EDIT;
  save_edits (series, folder, 1, edits);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  loaded = load (series, folder);
  g_assert_null (g_ptr_array_index (loaded, 1));

  lda_test_remove_tree (dir);
}

static void
set_title (LdaSeries  *series,
           guint       index,
           const char *title)
{
  LdaFrame *frame = lda_series_get_frame (series, index);

  g_free (frame->title);
  frame->title = g_strdup (title);
}

static void
test_unsafe_titles (void)
{
  const char * const names[] = { "w_t1", "w_t2", "w_t3", "w_t4", "w_t5", "w_t6", NULL };
  g_autofree char *long_title = g_strnfill (300, 'x');
  g_autofree char *long_title2 = g_strnfill (300, 'x');
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaSeries) again = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);
  const char *titles[6];

  /* Two long titles that differ only past where names are cut. */
  long_title[299] = 'y';
  long_title2[299] = 'z';
  titles[0] = "a/b c";
  titles[1] = "a%2Fb%20c";
  titles[2] = "..";
  titles[3] = "[grün] t=1;#";
  titles[4] = long_title;
  titles[5] = long_title2;

  write_triples (dir, names);
  series = open_series (dir);
  again = open_series (dir);
  for (guint i = 0; i < 6; i++)
    {
      LdaEdits *edits = edits_new (16, 8);

      set_title (series, i, titles[i]);
      set_title (again, i, titles[i]);
      edits->pixels[i] = (guint8) (i % LDA_N_CLASSES);
      g_ptr_array_add (all, edits);
      lda_series_get_frame (series, i)->state = i % 2 == 0 ? LDA_FRAME_EDITED : LDA_FRAME_EXPORTED;
      save_edits (series, folder, i, edits);
    }
  save_params (series, folder);

  loaded = load (again, folder);
  for (guint i = 0; i < 6; i++)
    {
      assert_edits_equal (g_ptr_array_index (loaded, i), g_ptr_array_index (all, i));
      g_assert_cmpint (lda_series_get_frame (again, i)->state, ==,
                       i % 2 == 0 ? LDA_FRAME_EDITED : LDA_FRAME_EXPORTED);
    }

  /* Nothing was written outside the project folder, nothing hidden. */
  {
    g_autofree char *edits_dir = g_build_filename (folder, "edits", NULL);
    g_autoptr(GDir) d = g_dir_open (edits_dir, 0, NULL);
    const char *name;
    guint n = 0;

    g_assert_nonnull (d);
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_assert_cmpint (name[0], !=, '.');
        g_assert_cmpuint (strlen (name), <, 200);
        n++;
      }
    g_assert_cmpuint (n, ==, 6);
  }

  lda_test_remove_tree (dir);
}

/* A folder series and one of its triples opened alone share the folder
 * and give that triple's frame the same title: each keeps its own
 * parameters and states, and the frame's corrections are one set, the
 * latest saved, whichever way the images are opened. */
static void
test_shared_folder (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *bf = g_build_filename (dir, "w_t1_bf.tif", NULL);
  g_autofree char *hoechst = g_build_filename (dir, "w_t1_hoechst.tif", NULL);
  g_autofree char *draq7 = g_build_filename (dir, "w_t1_draq7.tif", NULL);
  const char *paths[] = { bf, hoechst, draq7 };
  g_autoptr(LdaSeries) whole = NULL;
  g_autoptr(LdaSeries) single = NULL;
  g_autoptr(LdaEdits) e_whole = edits_new (16, 8);
  g_autoptr(LdaEdits) e_single = edits_new (16, 8);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder2 = NULL;
  LdaParams p_whole, p_single;

  write_triples (dir, three);
  whole = open_series (dir);
  single = lda_series_new_from_files (paths, 3, &error);
  g_assert_no_error (error);
  folder = lda_project_default_folder (whole);
  folder2 = lda_project_default_folder (single);
  g_assert_cmpstr (folder, ==, folder2);
  g_assert_cmpstr (lda_series_get_frame (whole, 0)->title, ==,
                   lda_series_get_frame (single, 0)->title);

  odd_params (&p_whole, 3);
  odd_params (&p_single, 4);
  lda_series_set_params (whole, &p_whole);
  lda_series_set_params (single, &p_single);
  lda_series_get_frame (whole, 0)->state = LDA_FRAME_EDITED;
  lda_series_get_frame (single, 0)->state = LDA_FRAME_EXPORTED;
  e_whole->pixels[1] = 1;
  e_single->pixels[2] = 2;
  save_params (whole, folder);
  save_edits (whole, folder, 0, e_whole);
  save_params (single, folder);
  save_edits (single, folder, 0, e_single);

  g_clear_pointer (&whole, lda_series_free);
  g_clear_pointer (&single, lda_series_free);
  whole = open_series (dir);
  single = lda_series_new_from_files (paths, 3, &error);
  g_assert_no_error (error);

  loaded = load (whole, folder);
  g_assert_true (params_equal (lda_series_get_params (whole), &p_whole));
  g_assert_cmpint (lda_series_get_frame (whole, 0)->state, ==, LDA_FRAME_EDITED);
  assert_edits_equal (g_ptr_array_index (loaded, 0), e_single);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  loaded = load (single, folder);
  g_assert_true (params_equal (lda_series_get_params (single), &p_single));
  g_assert_cmpint (lda_series_get_frame (single, 0)->state, ==, LDA_FRAME_EXPORTED);
  assert_edits_equal (g_ptr_array_index (loaded, 0), e_single);

  lda_test_remove_tree (dir);
}

static void
test_fallback_folder (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *other = lda_test_tmp_dir ("lda-project");
  g_autofree char *bf = g_build_filename (dir, "w_t2_bf.tif", NULL);
  g_autofree char *hoechst = g_build_filename (dir, "w_t2_hoechst.tif", NULL);
  g_autofree char *draq7 = g_build_filename (dir, "w_t2_draq7.tif", NULL);
  const char *paths[] = { bf, hoechst, draq7 };
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "livedead-annotator",
                                            "projects", NULL);
  g_autofree char *base = g_path_get_basename (dir);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaSeries) single = NULL;
  g_autoptr(LdaSeries) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *blocked = NULL;

  write_triples (dir, three);
  write_triples (other, three);
  series = open_series (dir);
  single = lda_series_new_from_files (paths, 3, &error);
  g_assert_no_error (error);
  elsewhere = open_series (other);

  /* Never the person's own data folder. */
  g_assert_cmpstr (g_get_user_data_dir (), ==, g_getenv ("XDG_DATA_HOME"));
  a = lda_project_fallback_folder (series);
  b = lda_project_fallback_folder (single);
  c = lda_project_fallback_folder (elsewhere);
  g_test_message ("fallback: %s", a);
  g_assert_true (g_str_has_prefix (a, root));
  g_assert_cmpint (a[strlen (root)], ==, G_DIR_SEPARATOR);
  leaf = g_path_get_basename (a);
  g_assert_true (g_str_has_prefix (leaf, base));
  g_assert_cmpuint (strlen (leaf), ==, strlen (base) + 13);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);

  /* Stable: asked again, or for the same folder reopened. */
  {
    g_autoptr(LdaSeries) reopened = open_series (dir);
    g_autofree char *again = lda_project_fallback_folder (reopened);

    g_assert_cmpstr (again, ==, a);
  }

  g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
  g_assert_true (lda_project_folder_writable (a));
  g_assert_true (g_file_test (a, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_temps (a), ==, 0);

  /* A folder below a file can never be made. */
  blocked = g_build_filename (bf, "project", NULL);
  g_assert_false (lda_project_folder_writable (blocked));

  lda_test_remove_tree (dir);
  lda_test_remove_tree (other);
}

/* Temporary files of a crashed save are never read, and the next save of
 * the same file removes the ones old enough to be surely abandoned: ours
 * only, known by their prefix, and only regular files. */
static void
test_stale_temps (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *edits_file = NULL;
  g_autofree char *old_ini_temp = NULL;
  g_autofree char *new_ini_temp = NULL;
  g_autofree char *old_edits_temp = NULL;
  g_autofree char *linked_temp = NULL;
  g_autofree char *elsewhere = NULL;
  struct utimbuf long_ago = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  write_triples (dir, three);
  series = open_series (dir);
  edits->pixels[0] = 1;
  save_params (series, folder);
  save_edits (series, folder, 0, edits);

  ini = g_strdup_printf ("%s/%s.ini", folder, lda_series_get_name (series));
  edits_file = g_strdup_printf ("%s/edits/w_t1.edits", folder);
  old_ini_temp = g_strdup_printf ("%s/.livedead-tmp-%s.ini-Ab3dE9", folder,
                                  lda_series_get_name (series));
  new_ini_temp = g_strdup_printf ("%s/.livedead-tmp-%s.ini-Zz9yX1", folder,
                                  lda_series_get_name (series));
  old_edits_temp = g_strdup_printf ("%s/edits/.livedead-tmp-w_t1.edits-QQ12ab", folder);
  linked_temp = g_strdup_printf ("%s/.livedead-tmp-%s.ini-LLnk01", folder,
                                 lda_series_get_name (series));
  elsewhere = g_build_filename (dir, "elsewhere.txt", NULL);
  g_assert_true (g_file_set_contents (old_ini_temp, "[project]\nformat=1\n[frame/w", -1, NULL));
  g_assert_true (g_file_set_contents (new_ini_temp, "", 0, NULL));
  g_assert_true (g_file_set_contents (old_edits_temp, "LDAE\1", 5, NULL));
  g_assert_true (g_file_set_contents (elsewhere, "keep", -1, NULL));
  g_assert_cmpint (symlink (elsewhere, linked_temp), ==, 0);
  g_assert_cmpint (g_utime (old_ini_temp, &long_ago), ==, 0);
  g_assert_cmpint (g_utime (old_edits_temp, &long_ago), ==, 0);

  loaded = load (series, folder);
  g_assert_nonnull (g_ptr_array_index (loaded, 0));

  save_params (series, folder);
  g_assert_false (g_file_test (old_ini_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_ini_temp, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (old_edits_temp, G_FILE_TEST_EXISTS));
  save_edits (series, folder, 0, edits);
  g_assert_false (g_file_test (old_edits_temp, G_FILE_TEST_EXISTS));

  /* Not a regular file: not one of ours, whatever its name. */
  g_assert_true (g_file_test (linked_temp, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (elsewhere, G_FILE_TEST_EXISTS));

  lda_test_remove_tree (dir);
}

/* A person's own copies beside the project's files, an hour old, some
 * ending in a dot and six letters or digits as GLib's temporary files do:
 * saving never removes them. */
static void
test_own_files_kept (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ini = NULL;
  g_autofree char *edits_file = NULL;
  struct utimbuf long_ago = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };
  const char * const suffixes[] = { ".backup", ".orig01", ".Ab3dE9", ".bak", "~", NULL };

  write_triples (dir, three);
  series = open_series (dir);
  edits->pixels[0] = 1;
  save_params (series, folder);
  save_edits (series, folder, 0, edits);
  ini = g_strdup_printf ("%s/%s.ini", folder, lda_series_get_name (series));
  edits_file = g_strdup_printf ("%s/edits/w_t1.edits", folder);

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      char *copy = g_strconcat (ini, suffixes[i], NULL);
      char *edits_copy = g_strconcat (edits_file, suffixes[i], NULL);

      g_assert_true (g_file_set_contents (copy, "mine", -1, NULL));
      g_assert_true (g_file_set_contents (edits_copy, "mine", -1, NULL));
      g_assert_cmpint (g_utime (copy, &long_ago), ==, 0);
      g_assert_cmpint (g_utime (edits_copy, &long_ago), ==, 0);
      g_ptr_array_add (own, copy);
      g_ptr_array_add (own, edits_copy);
    }

  edits->pixels[1] = 2;
  save_params (series, folder);
  save_edits (series, folder, 0, edits);
  save_edits (series, folder, 0, NULL);

  for (guint i = 0; i < own->len; i++)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (g_ptr_array_index (own, i), &contents, NULL, NULL))
        g_error ("%s was removed", (char *) g_ptr_array_index (own, i));
      g_assert_cmpstr (contents, ==, "mine");
    }

  lda_test_remove_tree (dir);
}

/* A folder that cannot be written: the error names the file, the saved
 * files stay as they were and no temporary file is left.  As root,
 * permissions do not stop writes, so the saves run as "nobody". */
static void
test_unwritable (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autofree char *edits_dir = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *edits_file = NULL;
  g_autofree char *ini_before = NULL;
  g_autofree char *edits_before = NULL;
  g_autofree char *ini_after = NULL;
  g_autofree char *edits_after = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autoptr(GError) error = NULL;
  gsize ini_length, edits_length, length;
  gboolean as_root = geteuid () == 0;
  gboolean ok_params, ok_edits;
  LdaParams params;

  write_triples (dir, three);
  series = open_series (dir);
  edits->pixels[0] = 1;
  save_params (series, folder);
  save_edits (series, folder, 0, edits);
  ini = g_strdup_printf ("%s/%s.ini", folder, lda_series_get_name (series));
  edits_dir = g_build_filename (folder, "edits", NULL);
  edits_file = g_build_filename (edits_dir, "w_t1.edits", NULL);
  ini_before = read_file (ini, &ini_length);
  edits_before = read_file (edits_file, &edits_length);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  g_assert_cmpint (g_chmod (edits_dir, 0555), ==, 0);

  odd_params (&params, 6);
  lda_series_set_params (series, &params);
  lda_series_get_frame (series, 0)->state = LDA_FRAME_EDITED;
  edits->pixels[1] = 2;

  if (as_root && seteuid (65534) != 0)
    {
      g_test_skip ("running as root and cannot act as nobody");
      g_chmod (folder, 0755);
      g_chmod (edits_dir, 0755);
      lda_test_remove_tree (dir);
      return;
    }
  ok_params = lda_project_save_params (series, folder, &error);
  if (!ok_params)
    {
      g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, ini));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
  ok_edits = lda_project_save_edits (folder, series, 0, edits, &error);
  if (!ok_edits)
    {
      g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, edits_file));
      g_clear_error (&error);
    }
  g_assert_false (lda_project_folder_writable (folder));
  if (as_root)
    g_assert_cmpint (seteuid (0), ==, 0);

  g_assert_false (ok_params);
  g_assert_false (ok_edits);
  ini_after = read_file (ini, &length);
  g_assert_cmpmem (ini_after, length, ini_before, ini_length);
  edits_after = read_file (edits_file, &length);
  g_assert_cmpmem (edits_after, length, edits_before, edits_length);
  g_assert_cmpuint (count_temps (folder), ==, 0);

  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  g_assert_cmpint (g_chmod (edits_dir, 0755), ==, 0);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  /* The fallback folder goes below the user data folder: a temporary one,
   * set before GLib first reads it. */
  data_home = lda_test_tmp_dir ("lda-project");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/round-trip", test_round_trip);
  g_test_add_func ("/project/other-frames-kept", test_other_frames_kept);
  g_test_add_func ("/project/empty-edits-no-file", test_empty_edits_no_file);
  g_test_add_func ("/project/unsafe-titles", test_unsafe_titles);
  g_test_add_func ("/project/shared-folder", test_shared_folder);
  g_test_add_func ("/project/fallback-folder", test_fallback_folder);
  g_test_add_func ("/project/stale-temps", test_stale_temps);
  g_test_add_func ("/project/own-files-kept", test_own_files_kept);
  g_test_add_func ("/project/unwritable", test_unwritable);

  status = g_test_run ();
  lda_test_remove_tree (data_home);
  return status;
}
