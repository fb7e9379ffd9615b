/* test-ome-images.c — an OME-TIFF that describes several images
 * (positions): each is a series
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-document.h"
#include "lda-error.h"
#include "lda-series.h"
#include "lda-stack.h"
#include "lda-test-lib.h"
#include "stack-fixtures.h"

/* Image "A1": BF, DAPI, Cy5 on pages 0-2, 0.65 µm a pixel; image "B2":
 * Cy5, BF, DAPI on pages 3-5, 1.3 µm a pixel. */
static const LdaInput page_inputs[] = {
  LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST, LDA_INPUT_DRAQ7,
  LDA_INPUT_DRAQ7, LDA_INPUT_BRIGHTFIELD, LDA_INPUT_HOECHST,
};

static char *
two_images_xml (const char *second_name)
{
  static const char * const names[2][3] = { { "BF", "DAPI", "Cy5" }, { "Cy5", "BF", "DAPI" } };
  static const char * const sizes[2] = { "0.65", "1.3" };
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OME xmlns="
                               "\"http://www.openmicroscopy.org/Schemas/OME/2016-06\">");

  for (guint i = 0; i < 2; i++)
    {
      g_string_append_printf (xml, "<Image ID=\"Image:%u\" Name=\"%s\"><Pixels ID=\"Pixels:%u\" "
                              "DimensionOrder=\"XYCZT\" Type=\"uint16\" SizeX=\"512\" "
                              "SizeY=\"512\" SizeC=\"3\" SizeZ=\"1\" SizeT=\"1\" "
                              "PhysicalSizeX=\"%s\">", i, i == 0 ? "A1" : second_name, i,
                              sizes[i]);
      for (guint c = 0; c < 3; c++)
        g_string_append_printf (xml, "<Channel ID=\"Channel:%u:%u\" Name=\"%s\"/>", i, c,
                                names[i][c]);
      g_string_append_printf (xml, "<TiffData IFD=\"%u\" PlaneCount=\"3\"/></Pixels></Image>",
                              3 * i);
    }
  g_string_append (xml, "</OME>");

  return g_string_free (xml, FALSE);
}

static void
write_two_images (const char *path,
                  const char *second_name)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_image_unref);
  g_autofree char *xml = two_images_xml (second_name);

  for (guint p = 0; p < G_N_ELEMENTS (page_inputs); p++)
    g_ptr_array_add (pages, fx_sample_image (page_inputs[p]));
  fx_write_pages (path, (LdaImage * const *) pages->pdata, pages->len, xml, 0, RESUNIT_NONE);
}

static void
test_series_per_image (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-ome-images");
  g_autofree char *path = g_build_filename (dir, "plate.ome.tif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) first = NULL;
  g_autoptr(LdaSeries) second = NULL;
  g_autoptr(LdaStack) stack = NULL;
  g_autoptr(GPtrArray) triples = NULL;
  const char *paths[1] = { path };
  const char * const *all;

  write_two_images (path, "B2");

  stack = lda_stack_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stack->n_images, ==, 2);
  g_assert_cmpstr (stack->image_name, ==, "A1");

  /* The file opened by itself: its first image, and the others to choose. */
  first = lda_series_new_from_files (paths, 1, &error);
  g_assert_no_error (error);
  all = lda_series_get_all_series (first);
  g_assert_nonnull (all);
  g_assert_cmpuint (g_strv_length ((char **) all), ==, 2);
  g_assert_cmpstr (all[0], ==, "A1");
  g_assert_cmpstr (all[1], ==, "B2");
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (first, 0)->pixel_size_um, 0.65, 1e-9);
  fx_assert_sample_counts (first);

  /* The chooser opens the other from the folder. */
  second = lda_series_new_from_folder_full (dir, "B2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (second), ==, 1);
  g_assert_cmpfloat_with_epsilon (lda_series_get_frame (second, 0)->pixel_size_um, 1.3, 1e-9);
  g_assert_cmpstr (lda_series_get_frame (second, 0)->triple->name, ==, "plate_B2");
  fx_assert_sample_counts (second);

  /* batch sees both, once each. */
  triples = lda_triples_find (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (triples->len, ==, 2);
  g_assert_cmpstr (((LdaTriple *) g_ptr_array_index (triples, 0))->series, ==, "A1");
  g_assert_cmpstr (((LdaTriple *) g_ptr_array_index (triples, 1))->series, ==, "B2");

  lda_test_remove_tree (dir);
}

/* Images without names of their own are numbered. */
static void
test_unnamed_images (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-ome-images");
  g_autofree char *path = g_build_filename (dir, "plate.ome.tif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaStack) stack = NULL;

  write_two_images (path, "A1");
  stack = lda_stack_open_image (path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stack->image_name, ==, "Image1");
  g_clear_pointer (&stack, lda_stack_free);

  stack = lda_stack_open_image (path, 2, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (stack);
  lda_test_remove_tree (dir);
}

/* Two wells of one folder share its project: switching from one to the
 * other, or showing both in two windows, keeps both writable; the same
 * well twice is one writer, as across processes. */
static void
test_two_wells_writable (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-ome-images");
  g_autofree char *path = g_build_filename (dir, "plate.ome.tif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaDocument) a1 = NULL;
  g_autoptr(LdaDocument) b2 = NULL;
  g_autoptr(LdaDocument) again = NULL;
  LdaSeries *series;

  write_two_images (path, "B2");

  series = lda_series_new_from_folder_full (dir, "A1", NULL, &error);
  g_assert_no_error (error);
  a1 = lda_document_open (series, LDA_DOCUMENT_NONE);
  series = lda_series_new_from_folder_full (dir, "B2", NULL, &error);
  g_assert_no_error (error);
  b2 = lda_document_open (series, LDA_DOCUMENT_NONE);
  g_assert_cmpstr (lda_document_get_location (a1)->folder, ==,
                   lda_document_get_location (b2)->folder);
  g_assert_false (lda_document_is_read_only (a1));
  g_assert_false (lda_document_is_read_only (b2));

  series = lda_series_new_from_folder_full (dir, "B2", NULL, &error);
  g_assert_no_error (error);
  again = lda_document_open (series, LDA_DOCUMENT_NONE);
  g_assert_true (lda_document_is_read_only (again));
  g_assert_nonnull (strstr (lda_document_get_read_only_reason (again), "another window"));
  lda_document_close (again);
  g_clear_object (&again);

  /* The lock file goes with the last of them, not before. */
  lda_document_close (a1);
  g_clear_object (&a1);
  series = lda_series_new_from_folder_full (dir, "A1", NULL, &error);
  g_assert_no_error (error);
  again = lda_document_open (series, LDA_DOCUMENT_NONE);
  g_assert_false (lda_document_is_read_only (again));
  lda_document_close (again);
  g_clear_object (&again);
  lda_document_close (b2);
  g_clear_object (&b2);
  {
    g_autofree char *project = g_build_filename (dir, "livedead-project", ".livedead-lock", NULL);

    g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  }

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ome-images/series-per-image", test_series_per_image);
  g_test_add_func ("/ome-images/unnamed", test_unnamed_images);

  g_test_add_func ("/ome-images/two-wells-writable", test_two_wells_writable);

  return g_test_run ();
}
