/* test-project-keys.c — each frame's edits and ini group are its own
 *
 * A page's title is "<name>_t<NNN>", so the single triple "A_t000" and
 * page 0 of the time series "A" have the same title (and before, when a
 * page was titled "<name> p<N>", the single triple "A p0" had page 0's).
 * Their edits and their groups in the ini must not be shared; and
 * projects saved when frames were named by the title must still load,
 * and move to the new names as they are saved.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <tiffio.h>

#include "lda-document.h"
#include "lda-project-private.h"
#include "test-project-common.h"

/* A 16 × 8 time series of @n_pages pages, NAME_bf.tif and the rest. */
static void
write_series (const char *dir,
              const char *name,
              guint       n_pages)
{
  const char *channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, channels[c]);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      TIFF *tif = TIFFOpen (path, "w");
      guint16 row[16];

      g_assert_nonnull (tif);
      for (guint p = 0; p < n_pages; p++)
        {
          g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) 16));
          g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) 8));
          g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 16));
          g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK));
          g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 8));
          for (guint x = 0; x < 16; x++)
            row[x] = (guint16) (100 + 10 * c + x + p);
          for (guint y = 0; y < 8; y++)
            g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
          g_assert_true (TIFFWriteDirectory (tif));
        }
      TIFFClose (tif);
    }
}

/* The folder of the collision: the single triple @single ("A p0" of
 * the titles before, "A_t000" of today's) and the two-page series "A". */
static LdaSeries *
collision_folder (const char *dir,
                  const char *name)
{
  const char * const single[] = { name, NULL };

  write_triples (dir, single);
  write_series (dir, "A", 2);
  return open_series (dir);
}

/* The index of the frame of triple @name at @page. */
static guint
find_frame (LdaSeries  *series,
            const char *name,
            guint       page)
{
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaFrame *frame = lda_series_get_frame (series, i);

      if (g_str_equal (frame->triple->name, name) && frame->page == page)
        return i;
    }

  g_error ("no frame %s page %u", name, page);
  return 0;
}

static LdaEdits *
marked (guint8 value,
        guint  where)
{
  LdaEdits *edits = edits_new (16, 8);

  edits->pixels[where] = value;
  return edits;
}

/* The single triple "A_t000" and page 0 of "A": each keeps its own
 * edits, state and parameters. */
static void
test_collision (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autoptr(LdaSeries) series = collision_folder (dir, "A_t000");
  g_autoptr(LdaSeries) again = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(LdaEdits) e_single = marked (1, 3);
  g_autoptr(LdaEdits) e_page0 = marked (2, 5);
  g_autoptr(LdaEdits) e_page1 = marked (3, 7);
  guint single = find_frame (series, "A_t000", 0);
  guint page0 = find_frame (series, "A", 0);
  guint page1 = find_frame (series, "A", 1);
  LdaParams override;

  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);
  g_assert_cmpstr (lda_series_get_frame (series, single)->title, ==,
                   lda_series_get_frame (series, page0)->title);

  odd_params (&override, 4);
  lda_series_set_frame_override (series, single, &override);
  lda_series_get_frame (series, single)->state = LDA_FRAME_EXPORTED;
  lda_series_get_frame (series, page0)->state = LDA_FRAME_EDITED;
  save_edits (series, folder, single, e_single);
  save_edits (series, folder, page0, e_page0);
  save_edits (series, folder, page1, e_page1);
  save_params (series, folder);

  again = open_series (dir);
  loaded = load (again, folder);
  assert_edits_equal (g_ptr_array_index (loaded, single), e_single);
  assert_edits_equal (g_ptr_array_index (loaded, page0), e_page0);
  assert_edits_equal (g_ptr_array_index (loaded, page1), e_page1);
  g_assert_cmpint (lda_series_get_frame (again, single)->state, ==, LDA_FRAME_EXPORTED);
  g_assert_cmpint (lda_series_get_frame (again, page0)->state, ==, LDA_FRAME_EDITED);
  g_assert_true (lda_series_get_frame (again, single)->has_override);
  g_assert_true (params_equal (&lda_series_get_frame (again, single)->override, &override));
  g_assert_false (lda_series_get_frame (again, page0)->has_override);

  /* Removing one frame's edits leaves the other's. */
  save_edits (series, folder, page0, NULL);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load (again, folder);
  assert_edits_equal (g_ptr_array_index (loaded, single), e_single);
  g_assert_null (g_ptr_array_index (loaded, page0));

  lda_test_remove_tree (dir);
}

static void
write_legacy_edits (const char     *folder,
                    const char     *file,
                    const LdaEdits *edits)
{
  g_autofree char *dir = g_build_filename (folder, "edits", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GBytes) bytes = lda_edits_serialize (edits);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));
}

static gboolean
edits_file_exists (const char *folder,
                   const char *file)
{
  g_autofree char *path = g_build_filename (folder, "edits", file, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A project saved when files and groups were named by the frame's title:
 * "A%20p1.edits" and [frame/A%20p1] for page 1 of "A".  It loads; the
 * next save of the frame writes the new names and removes the old file
 * it replaces, and only that one. */
static void
test_migration (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autofree char *ini = NULL;
  g_autofree char *ini_text = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *mine = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaSeries) again = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(LdaEdits) old_page1 = marked (3, 9);
  g_autoptr(LdaEdits) old_single = marked (1, 2);
  g_autoptr(LdaEdits) new_page1 = marked (4, 10);
  guint single, page0, page1;

  series = collision_folder (dir, "A p0");
  single = find_frame (series, "A p0", 0);
  page0 = find_frame (series, "A", 0);
  page1 = find_frame (series, "A", 1);

  /* The old layout.  "A%20p0.edits" was written for the single triple
   * "A p0", whose name it still is: page 0 of "A" must not take it. */
  write_legacy_edits (folder, "A%20p1.edits", old_page1);
  write_legacy_edits (folder, "A%20p0.edits", old_single);
  mine = g_build_filename (folder, "edits", "A%20p1.edits.mine", NULL);
  g_assert_true (g_file_set_contents (mine, "keep", -1, NULL));
  ini = g_strdup_printf ("%s/%s.ini", folder, lda_series_get_name (series));
  ini_text = g_strdup_printf ("[project]\nformat=1\nseries=%s\n\n"
                              "[frame/A%%20p1]\nstate=exported\noverride=false\n",
                              lda_series_get_name (series));
  g_assert_true (g_file_set_contents (ini, ini_text, -1, NULL));

  loaded = load (series, folder);
  assert_edits_equal (g_ptr_array_index (loaded, page1), old_page1);
  assert_edits_equal (g_ptr_array_index (loaded, single), old_single);
  g_assert_null (g_ptr_array_index (loaded, page0));
  g_assert_cmpint (lda_series_get_frame (series, page1)->state, ==, LDA_FRAME_EXPORTED);
  g_assert_cmpint (lda_series_get_frame (series, page0)->state, ==, LDA_FRAME_AUTOMATIC);

  /* Saving page 1 moves it to its own name. */
  save_edits (series, folder, page1, new_page1);
  save_params (series, folder);
  g_assert_false (edits_file_exists (folder, "A%20p1.edits"));
  g_assert_true (edits_file_exists (folder, "A%2F1.edits"));
  g_assert_true (edits_file_exists (folder, "A%20p0.edits"));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
  saved = read_file (ini, NULL);
  g_assert_null (strstr (saved, "[frame/A%20p1]"));
  g_assert_nonnull (strstr (saved, "[frame/A%2F1]"));

  again = open_series (dir);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load (again, folder);
  assert_edits_equal (g_ptr_array_index (loaded, page1), new_page1);
  assert_edits_equal (g_ptr_array_index (loaded, single), old_single);
  g_assert_null (g_ptr_array_index (loaded, page0));
  g_assert_cmpint (lda_series_get_frame (again, page1)->state, ==, LDA_FRAME_EXPORTED);

  lda_test_remove_tree (dir);
}

/* Clearing a frame whose edits are still under the old name removes them,
 * so that they do not come back at the next load. */
static void
test_migration_cleared (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(LdaEdits) old_page1 = marked (3, 9);
  guint page1;

  write_series (dir, "A", 2);
  series = open_series (dir);
  page1 = find_frame (series, "A", 1);
  write_legacy_edits (folder, "A%20p1.edits", old_page1);

  loaded = load (series, folder);
  assert_edits_equal (g_ptr_array_index (loaded, page1), old_page1);
  save_edits (series, folder, page1, NULL);
  g_assert_false (edits_file_exists (folder, "A%20p1.edits"));
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = load (series, folder);
  g_assert_null (g_ptr_array_index (loaded, page1));

  lda_test_remove_tree (dir);
}

/* A page is titled as livedead batch and export name its files,
 * "A_t001" (it was "A p1", while its exported files were A_t001_…); a
 * project that remembers the page it was left on by the old title
 * opens on that page still. */
static void
test_page_titles (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *text = NULL;
  g_autofree char *old = NULL;
  g_autofree char *pane = NULL;
  g_autoptr(LdaDocument) document = NULL;
  LdaSeries *series;
  guint frame;
  double zoom, center_x, center_y;
  char *at;

  write_series (dir, "A", 3);
  document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  series = lda_document_get_series (document);
  g_assert_cmpstr (lda_series_get_frame (series, find_frame (series, "A", 0))->title, ==,
                   "A_t000");
  g_assert_cmpstr (lda_series_get_frame (series, find_frame (series, "A", 2))->title, ==,
                   "A_t002");
  old = lda_project_frame_legacy_title (series, find_frame (series, "A", 1));
  g_assert_cmpstr (old, ==, "A p1");

  folder = lda_project_default_folder (series);
  ini = lda_project_ini_path (folder, series);
  lda_document_set_view (document, find_frame (series, "A", 2), 2.0, 4.0, 3.0, "segmented");
  lda_document_close (document);
  g_clear_object (&document);
  text = read_file (ini, NULL);
  g_assert_nonnull ((at = strstr (text, "frame=A_t002\n")));

  /* The same project as an earlier version wrote it. */
  *at = '\0';
  g_free (old);
  old = g_strconcat (text, "frame=A p1\n", at + strlen ("frame=A_t002\n"), NULL);
  g_assert_true (g_file_set_contents (ini, old, -1, NULL));
  document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  series = lda_document_get_series (document);
  g_assert_true (lda_document_get_view (document, &frame, &zoom, &center_x, &center_y, &pane));
  g_assert_cmpuint (frame, ==, find_frame (series, "A", 1));
  g_assert_cmpfloat (zoom, ==, 2.0);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-keys/collision", test_collision);
  g_test_add_func ("/project-keys/migration", test_migration);
  g_test_add_func ("/project-keys/migration-cleared", test_migration_cleared);
  g_test_add_func ("/project-keys/page-titles", test_page_titles);

  return g_test_run ();
}
