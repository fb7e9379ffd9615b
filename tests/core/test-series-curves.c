/* test-series-curves.c — the time and the field in a triple's name, and
 * which frames of a series one dead-fraction curve joins
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "lda-series.h"
#include "lda-series-curves.h"
#include "lda-triple-fields.h"
#include "lda-triples.h"
#include "stack-fixtures.h"
#include "test-project-common.h"

static void
test_name (void)
{
  const struct { const char *name; guint time; const char *field; } cases[] = {
    { "apr303-tile0-3_t05", 5, "apr303-tile0-3" },
    { "A1_t01_f2", 1, "A1_f2" },
    { "x T7", 7, "x" },
    { "t04", 4, "" },
    { "tile0_t3", 3, "tile0" },
    { "s_t1_t2", 2, "s_t1" },     /* the last time part counts */
    { "plate", LDA_NO_TIME_INDEX, NULL },
    { "s2_t1a", LDA_NO_TIME_INDEX, NULL },
    { "tile0", LDA_NO_TIME_INDEX, NULL },
    { "w_t", LDA_NO_TIME_INDEX, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *field = lda_triple_name_field (cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpuint (lda_triple_name_time (cases[i].name, NULL, NULL), ==, cases[i].time);
      g_assert_cmpstr (field, ==, cases[i].field);
    }
}

/* The curves of the folder of triples @names, as "triple:curve …" in the
 * series' order. */
static char *
curves_of (const char * const *names,
           guint              *n_curves)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-curves");
  g_autoptr(LdaSeries) series = NULL;
  g_autofree guint *curves = NULL;
  GString *text = g_string_new (NULL);

  write_triples (dir, names);
  series = open_series (dir);
  curves = lda_series_curves (series, n_curves);
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    g_string_append_printf (text, "%s%s:%u", i > 0 ? " " : "",
                            lda_series_get_frame (series, i)->triple->name, curves[i]);
  lda_test_remove_tree (dir);

  return g_string_free (text, FALSE);
}

/* A curve per field; one for a folder of one field, or of frames whose
 * names say no time (joined at their places, as ever). */
static void
test_fields (void)
{
  const char * const fields[] = { "B2_t01", "a1_t02", "A1_t01", "apr303-tile0-3_t05", NULL };
  const char * const one[] = { "t04", "t10", "t07", NULL };
  const char * const stills[] = { "plate", "overview", NULL };
  g_autofree char *text = NULL;
  guint n;

  text = curves_of (fields, &n);
  g_assert_cmpstr (text, ==, "A1_t01:0 a1_t02:0 apr303-tile0-3_t05:1 B2_t01:2");
  g_assert_cmpuint (n, ==, 3);
  g_clear_pointer (&text, g_free);

  text = curves_of (one, &n);
  g_assert_cmpstr (text, ==, "t04:0 t07:0 t10:0");
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&text, g_free);

  text = curves_of (stills, &n);
  g_assert_cmpstr (text, ==, "overview:0 plate:0");
  g_assert_cmpuint (n, ==, 1);
}

/* Two multi-page triples, each a time series of its own: a curve each. */
static void
test_pages (void)
{
  const char *channels[] = { "bf", "hoechst", "draq7" };
  g_autofree char *dir = lda_test_tmp_dir ("lda-curves");
  g_autoptr(LdaSeries) series = NULL;
  g_autofree guint *curves = NULL;
  guint n = 0;

  for (guint t = 0; t < 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *file = g_strdup_printf ("%s_%s.tif", t == 0 ? "left" : "right",
                                                 channels[c]);
        g_autofree char *path = g_build_filename (dir, file, NULL);
        g_autoptr(LdaImage) a = lda_image_new (LDA_PIXEL_U16, 16, 8, NULL);
        g_autoptr(LdaImage) b = lda_image_new (LDA_PIXEL_U16, 16, 8, NULL);
        LdaImage *pages[] = { a, b };

        fx_write_pages (path, pages, 2, NULL, 0.0, 0);
      }
  series = open_series (dir);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 4);
  curves = lda_series_curves (series, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (curves[0], ==, curves[1]);
  g_assert_cmpuint (curves[2], ==, curves[3]);
  g_assert_cmpuint (curves[0], !=, curves[2]);

  lda_test_remove_tree (dir);
}

/* A well or position is one curve, whatever its file names say. */
static void
test_well (void)
{
  const char * const names[] = { "A1_t01", "B2_t02", NULL };
  g_autofree char *dir = lda_test_tmp_dir ("lda-curves");
  g_autoptr(LdaSeries) series = NULL;
  g_autofree guint *curves = NULL;
  guint n = 0;

  write_triples (dir, names);
  series = open_series (dir);
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaTriple *triple = lda_series_get_frame (series, i)->triple;

      g_free (triple->series);
      triple->series = g_strdup ("A1_1");
    }
  curves = lda_series_curves (series, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (curves[0], ==, curves[1]);

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/series-curves/name", test_name);
  g_test_add_func ("/series-curves/fields", test_fields);
  g_test_add_func ("/series-curves/pages", test_pages);
  g_test_add_func ("/series-curves/well", test_well);

  return g_test_run ();
}
