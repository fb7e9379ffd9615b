/* test-triples.c — tests for lda-triples: channel tags in file names,
 * natural order, finding the triples of a folder, and loading them.
 *
 * lda_triples_find only looks at names, so most folders here hold empty
 * files; the loading tests write small real TIFFs.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-image.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "lda-test-lib.h"

/* --- helpers ----------------------------------------------------------- */

/* Empty files, NULL-terminated list of names. */
static void
touch_files (const char         *dir,
             const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, "", 0, &error));
      g_assert_no_error (error);
    }
}

static void
make_subfolder (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
}

static GPtrArray *
find_triples (const char *dir)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *triples = lda_triples_find (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (triples);

  return triples;
}

static const LdaTriple *
triple_at (GPtrArray *triples,
           guint      i)
{
  g_assert_cmpuint (i, <, triples->len);

  return g_ptr_array_index (triples, i);
}

static void
assert_path (const LdaTriple *triple,
             LdaInput         input,
             const char      *dir,
             const char      *name)
{
  g_autofree char *expected = g_build_filename (dir, name, NULL);

  g_assert_cmpstr (triple->paths[input], ==, expected);
}

/* A small 16-bit image whose pixels depend on @seed. */
static char *
write_tiff (const char *dir,
            const char *name,
            guint       width,
            guint       height,
            guint16     seed)
{
  g_autofree guint16 *data = g_new (guint16, width * height);
  g_autoptr(LdaImage) image = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < width * height; i++)
    data[i] = (guint16) (seed + 1000 * i);
  image = lda_image_new_from_data (LDA_PIXEL_U16, width, height, data);
  g_assert_true (lda_tiff_write (path, image, &error));
  g_assert_no_error (error);

  return path;
}

/* lda_tiff_write makes single pages, so a time series is written here. */
static char *
write_two_page_tiff (const char *dir,
                     const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  TIFF *tif = TIFFOpen (path, "w");

  g_assert_nonnull (tif);
  for (guint page = 0; page < 2; page++)
    {
      guint8 row[5] = { 1, 2, 3, 4, (guint8) page };

      TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, 5);
      TIFFSetField (tif, TIFFTAG_IMAGELENGTH, 4);
      TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 8);
      TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 1);
      TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
      TIFFSetField (tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
      TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 4);
      for (guint y = 0; y < 4; y++)
        g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
      g_assert_cmpint (TIFFWriteDirectory (tif), ==, 1);
    }
  TIFFClose (tif);

  return path;
}

/* --- channel tags ------------------------------------------------------ */

typedef struct
{
  const char *basename;
  LdaInput    input;
  const char *name;
} TagCase;

static void
test_tag_parse_accepts (void)
{
  const TagCase cases[] = {
    { "well3_t04_bf.tif", LDA_INPUT_BRIGHTFIELD, "well3_t04" },
    { "well3_t04_hoechst.tif", LDA_INPUT_HOECHST, "well3_t04" },
    { "well3_t04_draq7.tif", LDA_INPUT_DRAQ7, "well3_t04" },
    { "BF_t04.TIFF", LDA_INPUT_BRIGHTFIELD, "t04" },
    { "t04-DAPI.tif", LDA_INPUT_HOECHST, "t04" },
    { "x_cy5.tif", LDA_INPUT_DRAQ7, "x" },
    { "a_bf_t1.tif", LDA_INPUT_BRIGHTFIELD, "a_t1" },
    { "Well3_T04_BF.TIF", LDA_INPUT_BRIGHTFIELD, "Well3_T04" },
    { "s1 phase.tif", LDA_INPUT_BRIGHTFIELD, "s1" },
    { "s1.brightfield.tiff", LDA_INPUT_BRIGHTFIELD, "s1" },
    { "trans_s2.tif", LDA_INPUT_BRIGHTFIELD, "s2" },
    { "s3_transmitted.tif", LDA_INPUT_BRIGHTFIELD, "s3" },
    { "s4_bright.tif", LDA_INPUT_BRIGHTFIELD, "s4" },
    { "bf_dapi.tif", LDA_INPUT_HOECHST, "bf" },   /* the last tag counts */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = NULL;
      LdaInput input = LDA_N_INPUTS;

      g_test_message ("%s", cases[i].basename);
      g_assert_true (lda_channel_tag_parse (cases[i].basename, &input, &name));
      g_assert_cmpint (input, ==, cases[i].input);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_tag_parse_refuses (void)
{
  const char * const refused[] = {
    "well3_t04.tif",      /* no tag */
    "well3_bf.png",       /* not a TIFF */
    "well3_bf.jpg",
    "well3_bf",           /* no extension */
    "well3_bf.tif.bak",
    "bfx_1.tif",          /* the tag must be a whole part */
    "abf.tif",
    "x_hoechst33342.tif",
    "x_dapi2.tif",
    "x_bf2.tif",
    ".tif",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *name = NULL;
      LdaInput input = LDA_N_INPUTS;

      g_test_message ("%s", refused[i]);
      g_assert_false (lda_channel_tag_parse (refused[i], &input, &name));
    }
}

/* --- natural order ----------------------------------------------------- */

static int
sign (int v)
{
  return (v > 0) - (v < 0);
}

static void
test_natural_compare (void)
{
  g_assert_cmpint (lda_natural_compare ("t2", "t10"), <, 0);
  g_assert_cmpint (lda_natural_compare ("t10", "t2"), >, 0);
  g_assert_cmpint (lda_natural_compare ("t9", "t10"), <, 0);
  g_assert_cmpint (lda_natural_compare ("well2_t10", "well10_t2"), <, 0);
  g_assert_cmpint (lda_natural_compare ("t2", "t2"), ==, 0);
  g_assert_cmpint (lda_natural_compare ("", ""), ==, 0);
  g_assert_cmpint (lda_natural_compare ("", "a"), <, 0);
  g_assert_cmpint (lda_natural_compare ("t", "t1"), <, 0);

  /* Equal numbers written differently: ordered, and the same way round. */
  g_assert_cmpint (lda_natural_compare ("t02", "t2"), !=, 0);
  g_assert_cmpint (sign (lda_natural_compare ("t02", "t2")), ==,
                   -sign (lda_natural_compare ("t2", "t02")));
  g_assert_cmpint (lda_natural_compare ("t02", "t3"), <, 0);
  g_assert_cmpint (lda_natural_compare ("t002", "t10"), <, 0);

  /* Case is ignored first, and only breaks ties. */
  g_assert_cmpint (lda_natural_compare ("a", "B"), <, 0);
  g_assert_cmpint (lda_natural_compare ("B", "a"), >, 0);
  g_assert_cmpint (lda_natural_compare ("A2", "a10"), <, 0);
  g_assert_cmpint (lda_natural_compare ("A", "a"), !=, 0);
  g_assert_cmpint (sign (lda_natural_compare ("A", "a")), ==,
                   -sign (lda_natural_compare ("a", "A")));
}

/* Bytes compare as unsigned, so the order of UTF-8 names is the order of
 * their code points and the same on every machine, whether char is signed
 * (x86-64) or not (aarch64). */
static void
test_natural_compare_utf8 (void)
{
  const char *a_umlaut = "\xc3\xa4";   /* ä, U+00E4 */
  const char *e_acute = "\xc3\xa9";    /* é, U+00E9 */

  g_assert_cmpint (lda_natural_compare ("z", a_umlaut), <, 0);
  g_assert_cmpint (lda_natural_compare (a_umlaut, "z"), >, 0);
  g_assert_cmpint (lda_natural_compare (a_umlaut, e_acute), <, 0);
  g_assert_cmpint (lda_natural_compare ("Z", e_acute), <, 0);
  g_assert_cmpint (lda_natural_compare ("well_z_t1", "well_\xc3\xa4_t1"), <, 0);
  g_assert_cmpint (lda_natural_compare ("t2\xc3\xa4", "t10z"), <, 0);
  g_assert_cmpint (lda_natural_compare ("\xc3\xa4", "\xc3\xa4z"), <, 0);
}

/* g_ptr_array_sort_values is GLib 2.76. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return lda_natural_compare (*(const char * const *) a, *(const char * const *) b);
}

/* The order is total: 0 only for equal strings, antisymmetric and
 * transitive, so sorting gives one order whatever the input order. */
static void
test_natural_compare_total (void)
{
  const char * const names[] = {
    "", "t", "T", "t0", "t00", "t1", "t01", "t001", "T1", "t1a", "t01a", "t1A",
    "t2", "t02", "t10", "t010", "t9", "a", "A", "a1", "a01", "B", "b2",
    "x_1", "x-1", "x 1", "x.1", "x1", "x01_", "x1_", "x9", "x09a", "x9A", "x10",
    "99", "100", "0099", "well3_t04", "well3_t4", "Well3_T04",
    "z", "Z", "\xc3\xa4", "\xc3\x84", "\xc3\xa9", "t\xc3\xa4" "1", "t\xc3\xa4" "10",
  };
  const guint n = G_N_ELEMENTS (names);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) reversed = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        int ij = sign (lda_natural_compare (names[i], names[j]));

        g_assert_cmpint (ij, ==, -sign (lda_natural_compare (names[j], names[i])));
        g_assert_cmpint (ij == 0, ==, strcmp (names[i], names[j]) == 0);

        for (guint k = 0; k < n; k++)
          if (ij < 0 && lda_natural_compare (names[j], names[k]) < 0)
            {
              if (lda_natural_compare (names[i], names[k]) >= 0)
                g_error ("not transitive: %s < %s < %s", names[i], names[j], names[k]);
            }
      }

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (sorted, (gpointer) names[i]);
      g_ptr_array_add (reversed, (gpointer) names[n - 1 - i]);
    }
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_sort (reversed, compare_names);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (sorted, i), ==, g_ptr_array_index (reversed, i));
}

/* --- finding triples --------------------------------------------------- */

static void
test_find_complete_in_order (void)
{
  const char * const files[] = {
    "w_t10_bf.tif", "w_t10_hoechst.tif", "w_t10_draq7.tif",
    "w_t2_bf.tif", "w_t2_dapi.tif", "w_t2_cy5.tif",
    "w_t1_phase.tiff", "w_t1_Hoechst.tiff", "w_t1_DRAQ7.tiff",
    NULL,
  };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autoptr(GPtrArray) triples = NULL;
  const LdaTriple *t;

  touch_files (dir, files);
  triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, 3);
  t = triple_at (triples, 0);
  g_assert_cmpstr (t->name, ==, "w_t1");
  g_assert_cmpuint (t->time_index, ==, 1);
  g_assert_null (t->problem);
  assert_path (t, LDA_INPUT_BRIGHTFIELD, dir, "w_t1_phase.tiff");
  assert_path (t, LDA_INPUT_HOECHST, dir, "w_t1_Hoechst.tiff");
  assert_path (t, LDA_INPUT_DRAQ7, dir, "w_t1_DRAQ7.tiff");

  t = triple_at (triples, 1);
  g_assert_cmpstr (t->name, ==, "w_t2");
  g_assert_cmpuint (t->time_index, ==, 2);
  g_assert_null (t->problem);
  assert_path (t, LDA_INPUT_BRIGHTFIELD, dir, "w_t2_bf.tif");
  assert_path (t, LDA_INPUT_HOECHST, dir, "w_t2_dapi.tif");
  assert_path (t, LDA_INPUT_DRAQ7, dir, "w_t2_cy5.tif");

  t = triple_at (triples, 2);
  g_assert_cmpstr (t->name, ==, "w_t10");
  g_assert_cmpuint (t->time_index, ==, 10);
  g_assert_null (t->problem);
  assert_path (t, LDA_INPUT_BRIGHTFIELD, dir, "w_t10_bf.tif");

  lda_test_remove_tree (dir);
}

static void
test_find_time_index (void)
{
  const char * const files[] = {
    "plate_bf.tif", "plate_hoechst.tif", "plate_draq7.tif",
    "s1_t04_bf.tif", "s1_t04_hoechst.tif", "s1_t04_draq7.tif",
    "T7-x-bf.tif", "T7-x-hoechst.tif", "T7-x-draq7.tif",
    "s2_t1a_bf.tif", "s2_t1a_hoechst.tif", "s2_t1a_draq7.tif",
    NULL,
  };
  /* A name without a time index gets its place in the folder, so that
   * batch, export and the window number it alike. */
  const struct { const char *name; guint index; } expected[] = {
    { "plate", 0 },
    { "s1_t04", 4 },
    { "s2_t1a", 2 },
    { "T7-x", 7 },
  };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autoptr(GPtrArray) triples = NULL;

  touch_files (dir, files);
  triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const LdaTriple *t = triple_at (triples, i);

      g_assert_cmpstr (t->name, ==, expected[i].name);
      g_assert_cmpuint (t->time_index, ==, expected[i].index);
      g_assert_null (t->problem);
    }

  lda_test_remove_tree (dir);
}

static void
test_find_incomplete (void)
{
  const char * const files[] = { "a_bf.tif", "a_hoechst.tif", NULL };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autoptr(GPtrArray) triples = NULL;
  const LdaTriple *t;

  touch_files (dir, files);
  triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, 1);
  t = triple_at (triples, 0);
  g_assert_cmpstr (t->name, ==, "a");
  g_assert_nonnull (t->problem);
  g_assert_nonnull (strstr (t->problem, "Draq7"));
  g_assert_null (strstr (t->problem, "Hoechst"));
  assert_path (t, LDA_INPUT_BRIGHTFIELD, dir, "a_bf.tif");
  assert_path (t, LDA_INPUT_HOECHST, dir, "a_hoechst.tif");
  g_assert_null (t->paths[LDA_INPUT_DRAQ7]);

  lda_test_remove_tree (dir);
}

static void
test_find_two_files_one_channel (void)
{
  const char * const files[] = {
    "b_bf.tif", "b_phase.tif", "b_hoechst.tif", "b_draq7.tif",
    "c_bf.tif", "c_dapi.tif", "c_hoechst.tif", "c_draq7.tif",
    NULL,
  };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autoptr(GPtrArray) triples = NULL;
  const LdaTriple *t;

  touch_files (dir, files);
  triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, 2);
  t = triple_at (triples, 0);
  g_assert_cmpstr (t->name, ==, "b");
  g_assert_nonnull (t->problem);
  g_assert_nonnull (strstr (t->problem, "b_bf.tif"));
  g_assert_nonnull (strstr (t->problem, "b_phase.tif"));

  t = triple_at (triples, 1);
  g_assert_cmpstr (t->name, ==, "c");
  g_assert_nonnull (t->problem);
  g_assert_nonnull (strstr (t->problem, "c_dapi.tif"));
  g_assert_nonnull (strstr (t->problem, "c_hoechst.tif"));

  lda_test_remove_tree (dir);
}

/* Names that differ only in case are one triple. */
static void
test_find_case_insensitive_names (void)
{
  const char * const files[] = { "W_t1_BF.tif", "w_t1_hoechst.tif", "w_T1_draq7.tif", NULL };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autoptr(GPtrArray) triples = NULL;

  touch_files (dir, files);
  triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, 1);
  g_assert_null (triple_at (triples, 0)->problem);
  g_assert_cmpuint (triple_at (triples, 0)->time_index, ==, 1);

  lda_test_remove_tree (dir);
}

static void
test_find_ignores_folders_and_others (void)
{
  const char * const files[] = {
    "c_hoechst.tif", "c_draq7.tif",          /* c_bf.tif is a folder */
    "c_bf.png", "notes.txt", "d_bf.jpg", "d_hoechst.jpeg", "d_draq7.png",
    NULL,
  };
  const char * const nested[] = { "e_bf.tif", "e_hoechst.tif", "e_draq7.tif", NULL };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autoptr(GPtrArray) triples = NULL;
  const LdaTriple *t;

  touch_files (dir, files);
  make_subfolder (dir, "c_bf.tif");
  make_subfolder (dir, "sub");
  touch_files (sub, nested);
  triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, 1);
  t = triple_at (triples, 0);
  g_assert_cmpstr (t->name, ==, "c");
  g_assert_null (t->paths[LDA_INPUT_BRIGHTFIELD]);
  g_assert_nonnull (t->problem);
  g_assert_nonnull (strstr (t->problem, "brightfield"));

  lda_test_remove_tree (dir);
}

static void
test_find_empty_folder (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autoptr(GPtrArray) triples = find_triples (dir);

  g_assert_cmpuint (triples->len, ==, 0);

  lda_test_remove_tree (dir);
}

static void
test_find_missing_folder (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *missing = g_build_filename (dir, "gone", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) triples = lda_triples_find (missing, &error);

  g_assert_null (triples);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));

  lda_test_remove_tree (dir);
}

static void
test_find_not_a_folder (void)
{
  const char * const files[] = { "x_bf.tif", NULL };
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *file = g_build_filename (dir, "x_bf.tif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) triples = NULL;

  touch_files (dir, files);
  triples = lda_triples_find (file, &error);

  g_assert_null (triples);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_READ);
  g_assert_nonnull (strstr (error->message, file));

  lda_test_remove_tree (dir);
}

static void
test_triple_new (void)
{
  g_autoptr(LdaTriple) t = lda_triple_new ("/data/well_t05_bf.tif", "/data/well_t05_dapi.tif",
                                           "/other/dead.tif");
  g_autoptr(LdaTriple) untagged = lda_triple_new ("/data/plate.tiff", "/h.tif", "/d.tif");

  g_assert_cmpstr (t->name, ==, "well_t05");
  g_assert_cmpuint (t->time_index, ==, 5);
  g_assert_null (t->problem);
  g_assert_cmpstr (t->paths[LDA_INPUT_BRIGHTFIELD], ==, "/data/well_t05_bf.tif");
  g_assert_cmpstr (t->paths[LDA_INPUT_HOECHST], ==, "/data/well_t05_dapi.tif");
  g_assert_cmpstr (t->paths[LDA_INPUT_DRAQ7], ==, "/other/dead.tif");

  g_assert_cmpstr (untagged->name, ==, "plate");
  g_assert_cmpuint (untagged->time_index, ==, LDA_NO_TIME_INDEX);
}

/* --- loading ----------------------------------------------------------- */

static void
test_load (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *bf = write_tiff (dir, "s_bf.tif", 5, 4, 1);
  g_autofree char *ho = write_tiff (dir, "s_hoechst.tif", 5, 4, 2);
  g_autofree char *dr = write_tiff (dir, "s_draq7.tif", 5, 4, 3);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  LdaImage *images[LDA_N_INPUTS] = { NULL, };
  guint n_pages = 0;

  g_assert_true (lda_triple_count_pages (triple, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);

  g_assert_true (lda_triple_load (triple, 0, images, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_assert_nonnull (images[i]);
      g_assert_cmpuint (images[i]->width, ==, 5);
      g_assert_cmpuint (images[i]->height, ==, 4);
      g_assert_cmpint (images[i]->type, ==, LDA_PIXEL_U16);
      /* Each image is its own file, in input order. */
      for (guint p = 0; p < 20; p++)
        g_assert_cmpuint (lda_image_u16 (images[i])[p], ==, (guint16) (i + 1 + 1000 * p));
      lda_image_unref (images[i]);
    }

  lda_test_remove_tree (dir);
}

static void
test_load_size_mismatch (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *bf = write_tiff (dir, "s_bf.tif", 5, 4, 1);
  g_autofree char *ho = write_tiff (dir, "s_hoechst.tif", 5, 4, 2);
  g_autofree char *dr = write_tiff (dir, "s_draq7.tif", 6, 4, 3);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  LdaImage *images[LDA_N_INPUTS] = { NULL, };

  g_assert_false (lda_triple_load (triple, 0, images, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
  g_assert_nonnull (strstr (error->message, dr));
  g_assert_nonnull (strstr (error->message, bf));
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_assert_null (images[i]);

  lda_test_remove_tree (dir);
}

static void
test_load_missing_file (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *bf = write_tiff (dir, "s_bf.tif", 5, 4, 1);
  g_autofree char *ho = g_build_filename (dir, "s_hoechst.tif", NULL);
  g_autofree char *dr = write_tiff (dir, "s_draq7.tif", 5, 4, 3);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  LdaImage *images[LDA_N_INPUTS] = { NULL, };

  g_assert_false (lda_triple_load (triple, 0, images, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, ho));
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_assert_null (images[i]);

  lda_test_remove_tree (dir);
}

static void
test_load_missing_page (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *bf = write_tiff (dir, "s_bf.tif", 5, 4, 1);
  g_autofree char *ho = write_tiff (dir, "s_hoechst.tif", 5, 4, 2);
  g_autofree char *dr = write_tiff (dir, "s_draq7.tif", 5, 4, 3);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  LdaImage *images[LDA_N_INPUTS] = { NULL, };

  g_assert_false (lda_triple_load (triple, 1, images, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == LDA_ERROR);
  g_assert_nonnull (strstr (error->message, bf));
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_assert_null (images[i]);

  lda_test_remove_tree (dir);
}

static void
test_count_pages_missing_file (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *bf = write_tiff (dir, "s_bf.tif", 5, 4, 1);
  g_autofree char *ho = write_tiff (dir, "s_hoechst.tif", 5, 4, 2);
  g_autofree char *dr = g_build_filename (dir, "s_draq7.tif", NULL);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  guint n_pages = 77;

  g_assert_false (lda_triple_count_pages (triple, &n_pages, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, dr));

  lda_test_remove_tree (dir);
}

static void
test_count_pages_mismatch (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-triples");
  g_autofree char *bf = write_two_page_tiff (dir, "s_bf.tif");
  g_autofree char *ho = write_two_page_tiff (dir, "s_hoechst.tif");
  g_autofree char *dr = write_tiff (dir, "s_draq7.tif", 5, 4, 3);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(LdaTriple) series = lda_triple_new (bf, ho, bf);
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  g_assert_true (lda_triple_count_pages (series, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 2);

  g_assert_false (lda_triple_count_pages (triple, &n_pages, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
  g_assert_nonnull (strstr (error->message, dr));
  g_assert_nonnull (strstr (error->message, bf));

  lda_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/triples/tag/accepts", test_tag_parse_accepts);
  g_test_add_func ("/triples/tag/refuses", test_tag_parse_refuses);
  g_test_add_func ("/triples/natural/compare", test_natural_compare);
  g_test_add_func ("/triples/natural/total", test_natural_compare_total);
  g_test_add_func ("/triples/natural/utf8", test_natural_compare_utf8);

  g_test_add_func ("/triples/find/complete-in-order", test_find_complete_in_order);
  g_test_add_func ("/triples/find/time-index", test_find_time_index);
  g_test_add_func ("/triples/find/incomplete", test_find_incomplete);
  g_test_add_func ("/triples/find/two-files-one-channel", test_find_two_files_one_channel);
  g_test_add_func ("/triples/find/case-insensitive", test_find_case_insensitive_names);
  g_test_add_func ("/triples/find/ignores-folders-and-others", test_find_ignores_folders_and_others);
  g_test_add_func ("/triples/find/empty-folder", test_find_empty_folder);
  g_test_add_func ("/triples/find/missing-folder", test_find_missing_folder);
  g_test_add_func ("/triples/find/not-a-folder", test_find_not_a_folder);
  g_test_add_func ("/triples/new", test_triple_new);

  g_test_add_func ("/triples/load/three-images", test_load);
  g_test_add_func ("/triples/load/size-mismatch", test_load_size_mismatch);
  g_test_add_func ("/triples/load/missing-file", test_load_missing_file);
  g_test_add_func ("/triples/load/missing-page", test_load_missing_page);
  g_test_add_func ("/triples/count-pages/missing-file", test_count_pages_missing_file);
  g_test_add_func ("/triples/count-pages/mismatch", test_count_pages_mismatch);

  return g_test_run ();
}
