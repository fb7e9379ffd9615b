/* test-params.c — tests for lda-params: defaults, ranges, and parameter
 * files written, read back, refused and replaced atomically.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-key-file.h"
#include "lda-params.h"

/* --- helpers ----------------------------------------------------------- */

static char *
tmp_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lda-params-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

/* Removes @dir and the files in it (the tests make no subfolders). */
static void
tmp_dir_remove (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_dir_close (d);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static guint
count_entries (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);

  return n;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  return path;
}

static void
assert_params_equal (const LdaParams *a,
                     const LdaParams *b)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      g_test_message ("channel %s", lda_channel_name (c));
      g_assert_cmpfloat (a->channel[c].offset, ==, b->channel[c].offset);
      g_assert_cmpuint (a->channel[c].coarseness, ==, b->channel[c].coarseness);
      g_assert_cmpuint (a->channel[c].kernel, ==, b->channel[c].kernel);
      g_assert_cmpuint (a->channel[c].manual_threshold, ==, b->channel[c].manual_threshold);
      g_assert_true (lda_channel_params_equal (&a->channel[c], &b->channel[c]));
    }
  g_assert_true (lda_nucleus_params_equal (&a->nuclei, &b->nuclei));
}

/* Values off the defaults, different in each channel. */
static void
params_init_unusual (LdaParams *params)
{
  LdaChannelParams *cell = &params->channel[LDA_CHANNEL_CELL_AREA];
  LdaChannelParams *hoechst = &params->channel[LDA_CHANNEL_HOECHST];
  LdaChannelParams *draq7 = &params->channel[LDA_CHANNEL_DRAQ7];

  lda_params_init (params);

  cell->offset = 0.1;          /* not exact in binary: must still round-trip */
  cell->coarseness = 7;
  cell->kernel = 31;
  cell->ignore_saturated = TRUE;

  hoechst->offset = 2.75;
  hoechst->use_offset = FALSE;
  hoechst->coarseness = 1;
  hoechst->kernel = 1;
  hoechst->manual = TRUE;
  hoechst->manual_threshold = 1234;

  draq7->offset = 10.0;
  draq7->coarseness = 65535;
  draq7->kernel = 12;
  draq7->manual_threshold = 65535;
  draq7->method = LDA_METHOD_TRIANGLE;
  draq7->saturation = 4095;
  cell->method = LDA_METHOD_OTSU_TILES;

  params->nuclei.objects = TRUE;
  params->nuclei.split = FALSE;
  params->nuclei.split_depth = 3.25;
  params->nuclei.min_area = 77;
}

static void
assert_validate (const LdaChannelParams *params,
                 gboolean                valid)
{
  g_autoptr(GError) error = NULL;

  if (valid)
    {
      g_assert_true (lda_channel_params_validate (params, LDA_CHANNEL_HOECHST, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (lda_channel_params_validate (params, LDA_CHANNEL_HOECHST, &error));
      g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
      g_assert_nonnull (strstr (error->message, "hoechst"));
    }
}

/* --- defaults and ranges ----------------------------------------------- */

/* The default is the robust preset; the article preset keeps the
 * article's values. */
static void
test_defaults (void)
{
  LdaParams params, article;
  g_autoptr(GError) error = NULL;
  LdaPreset preset = LDA_N_PRESETS;

  memset (&params, 0xff, sizeof params);
  lda_params_init (&params);
  g_assert_true (lda_params_get_preset (&params, &preset));
  g_assert_cmpint (preset, ==, LDA_PRESET_ROBUST);
  g_assert_cmpint (LDA_PRESET_DEFAULT, ==, LDA_PRESET_ROBUST);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const LdaChannelParams *p = &params.channel[c];

      g_assert_cmpint (p->method, ==, LDA_METHOD_OTSU);
      g_assert_true (p->use_offset);
      g_assert_cmpuint (p->coarseness, ==, 16);
      g_assert_false (p->manual);
      g_assert_false (p->ignore_saturated);
      g_assert_cmpuint (p->saturation, ==, LDA_SATURATION_AUTO);
    }
  g_assert_cmpfloat (params.channel[LDA_CHANNEL_CELL_AREA].offset, ==, 1.0);
  g_assert_cmpfloat (params.channel[LDA_CHANNEL_HOECHST].offset, ==, 0.65);
  g_assert_cmpfloat (params.channel[LDA_CHANNEL_DRAQ7].offset, ==, 1.0);
  g_assert_cmpuint (params.channel[LDA_CHANNEL_CELL_AREA].kernel, ==, 5);
  g_assert_cmpuint (params.channel[LDA_CHANNEL_HOECHST].kernel, ==, 3);
  g_assert_cmpuint (params.channel[LDA_CHANNEL_DRAQ7].kernel, ==, 3);
  g_assert_true (params.nuclei.objects);
  g_assert_true (params.nuclei.split);
  g_assert_cmpfloat (params.nuclei.split_depth, ==, 2.0);
  g_assert_cmpuint (params.nuclei.min_area, ==, 20);
  g_assert_cmpuint (lda_params_nucleus_connectivity (&params), ==, 4);
  g_assert_true (lda_params_validate (&params, &error));
  g_assert_no_error (error);

  memset (&article, 0xff, sizeof article);
  lda_params_init_preset (&article, LDA_PRESET_ARTICLE);
  g_assert_true (lda_params_get_preset (&article, &preset));
  g_assert_cmpint (preset, ==, LDA_PRESET_ARTICLE);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const LdaChannelParams *p = &article.channel[c];
      LdaChannelParams plain;

      lda_channel_params_init (&plain);
      g_assert_true (lda_channel_params_equal (p, &plain));
      g_assert_cmpint (p->method, ==, LDA_METHOD_MAX_TILE);
      g_assert_cmpfloat (p->offset, ==, 1.2);
      g_assert_true (p->use_offset);
      g_assert_cmpuint (p->coarseness, ==, 16);
      g_assert_cmpuint (p->kernel, ==, 5);
      g_assert_false (p->manual);
      g_assert_cmpuint (p->manual_threshold, ==, 0);
      g_assert_false (p->ignore_saturated);
    }
  g_assert_false (article.nuclei.objects);
  g_assert_false (article.nuclei.split);
  g_assert_cmpuint (article.nuclei.min_area, ==, 0);
  g_assert_cmpuint (lda_params_nucleus_connectivity (&article), ==, 8);
  g_assert_true (lda_params_validate (&article, &error));

  /* A change makes them no preset. */
  article.channel[LDA_CHANNEL_HOECHST].kernel = 7;
  g_assert_false (lda_params_get_preset (&article, NULL));
  g_assert_false (lda_params_equal (&article, &params));
}

static void
test_names (void)
{
  LdaMethod method = LDA_N_METHODS;
  LdaPreset preset = LDA_N_PRESETS;
  const char *methods[] = { "max-tile", "otsu", "otsu-tiles", "triangle" };

  for (guint m = 0; m < LDA_N_METHODS; m++)
    {
      g_assert_cmpstr (lda_method_name (m), ==, methods[m]);
      g_assert_true (lda_method_from_name (methods[m], &method));
      g_assert_cmpint (method, ==, m);
      g_assert_nonnull (lda_method_title (m));
    }
  g_assert_false (lda_method_from_name ("otsu ", &method));
  g_assert_false (lda_method_from_name ("", &method));

  g_assert_cmpstr (lda_preset_name (LDA_PRESET_ARTICLE), ==, "article");
  g_assert_cmpstr (lda_preset_name (LDA_PRESET_ROBUST), ==, "robust");
  g_assert_true (lda_preset_from_name ("article", &preset));
  g_assert_cmpint (preset, ==, LDA_PRESET_ARTICLE);
  g_assert_false (lda_preset_from_name ("Article", &preset));
  g_assert_nonnull (lda_preset_title (LDA_PRESET_ROBUST));
}

static void
test_validate_nuclei (void)
{
  LdaNucleusParams p;
  g_autoptr(GError) error = NULL;

  lda_nucleus_params_init_preset (&p, LDA_PRESET_ROBUST);
  g_assert_true (lda_nucleus_params_validate (&p, NULL));
  p.split_depth = LDA_SPLIT_DEPTH_MIN;
  g_assert_true (lda_nucleus_params_validate (&p, NULL));
  p.split_depth = LDA_SPLIT_DEPTH_MAX;
  g_assert_true (lda_nucleus_params_validate (&p, NULL));
  p.split_depth = 0.0;
  g_assert_false (lda_nucleus_params_validate (&p, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  p.split_depth = NAN;
  g_assert_false (lda_nucleus_params_validate (&p, NULL));
  p.split_depth = 2.0;
  p.min_area = LDA_MIN_AREA_MAX + 1;
  g_assert_false (lda_nucleus_params_validate (&p, &error));
  g_assert_nonnull (strstr (error->message, "10001"));
}

static void
test_channel_names (void)
{
  g_assert_cmpstr (lda_channel_name (LDA_CHANNEL_CELL_AREA), ==, "cell-area");
  g_assert_cmpstr (lda_channel_name (LDA_CHANNEL_HOECHST), ==, "hoechst");
  g_assert_cmpstr (lda_channel_name (LDA_CHANNEL_DRAQ7), ==, "draq7");
  g_assert_cmpstr (lda_channel_title (LDA_CHANNEL_CELL_AREA), ==, "cell area");
  g_assert_cmpstr (lda_channel_title (LDA_CHANNEL_HOECHST), ==, "Hoechst");
  g_assert_cmpstr (lda_channel_title (LDA_CHANNEL_DRAQ7), ==, "Draq7");
}

static void
test_equal (void)
{
  LdaChannelParams a, b;

  lda_channel_params_init (&a);
  lda_channel_params_init (&b);
  g_assert_true (lda_channel_params_equal (&a, &b));

  b.kernel = 7;
  g_assert_false (lda_channel_params_equal (&a, &b));
  b = a;
  b.manual = TRUE;
  g_assert_false (lda_channel_params_equal (&a, &b));
  b = a;
  b.offset = 1.25;
  g_assert_false (lda_channel_params_equal (&a, &b));
  b = a;
  b.ignore_saturated = TRUE;
  g_assert_false (lda_channel_params_equal (&a, &b));
  b = a;
  b.method = LDA_METHOD_OTSU;
  g_assert_false (lda_channel_params_equal (&a, &b));
  b = a;
  b.saturation = 4095;
  g_assert_false (lda_channel_params_equal (&a, &b));
  /* Booleans compare by truth, not by value. */
  b = a;
  b.use_offset = 2;
  g_assert_true (lda_channel_params_equal (&a, &b));
}

static void
test_validate_offset (void)
{
  LdaChannelParams p;

  lda_channel_params_init (&p);
  p.offset = 0.0;
  assert_validate (&p, TRUE);
  p.offset = 10.0;
  assert_validate (&p, TRUE);
  p.offset = 10.5;
  assert_validate (&p, FALSE);
  p.offset = -0.1;
  assert_validate (&p, FALSE);
  p.offset = NAN;
  assert_validate (&p, FALSE);
  p.offset = INFINITY;
  assert_validate (&p, FALSE);
}

static void
test_validate_kernel (void)
{
  LdaChannelParams p;

  lda_channel_params_init (&p);
  p.kernel = 1;
  assert_validate (&p, TRUE);
  p.kernel = 31;
  assert_validate (&p, TRUE);
  p.kernel = 0;
  assert_validate (&p, FALSE);
  p.kernel = 32;
  assert_validate (&p, FALSE);
}

static void
test_validate_coarseness (void)
{
  LdaChannelParams p;

  lda_channel_params_init (&p);
  p.coarseness = 1;
  assert_validate (&p, TRUE);
  p.coarseness = 65535;
  assert_validate (&p, TRUE);
  p.coarseness = 0;
  assert_validate (&p, FALSE);
  p.coarseness = 65536;
  assert_validate (&p, FALSE);
}

static void
test_validate_manual_threshold (void)
{
  LdaChannelParams p;

  lda_channel_params_init (&p);
  p.manual = TRUE;
  p.manual_threshold = 0;
  assert_validate (&p, TRUE);
  p.manual_threshold = 65535;
  assert_validate (&p, TRUE);
  p.manual_threshold = 65536;
  assert_validate (&p, FALSE);
}

/* The message names the channel whose value is wrong. */
static void
test_validate_names_channel (void)
{
  LdaParams params;
  g_autoptr(GError) error = NULL;

  lda_params_init (&params);
  params.channel[LDA_CHANNEL_DRAQ7].kernel = 40;

  g_assert_false (lda_params_validate (&params, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "draq7"));
  g_assert_nonnull (strstr (error->message, "40"));
}

/* --- files ------------------------------------------------------------- */

static void
test_save_load_roundtrip (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = g_build_filename (dir, "params.ini", NULL);
  g_autoptr(GError) error = NULL;
  LdaParams saved, loaded;

  params_init_unusual (&saved);
  g_assert_true (lda_params_save (&saved, path, &error));
  g_assert_no_error (error);

  lda_params_init (&loaded);
  g_assert_true (lda_params_load (&loaded, path, &error));
  g_assert_no_error (error);
  assert_params_equal (&saved, &loaded);

  tmp_dir_remove (dir);
}

static void
test_key_file_roundtrip (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  LdaParams saved, loaded;

  params_init_unusual (&saved);
  lda_params_save_to_key_file (&saved, key_file);
  g_assert_true (g_key_file_has_group (key_file, "cell-area"));
  g_assert_true (g_key_file_has_group (key_file, "hoechst"));
  g_assert_true (g_key_file_has_group (key_file, "draq7"));

  lda_params_init (&loaded);
  g_assert_true (lda_params_load_from_key_file (&loaded, key_file, &error));
  g_assert_no_error (error);
  assert_params_equal (&saved, &loaded);
}

/* Offsets as a person types them read the same in the file, and every
 * double still reads back exactly. */
static void
test_short_numbers (void)
{
  const double values[] = { 0.65, 1.2, 0.1 + 0.2, 2.0 / 3.0, 1e-300, 123456.789, -0.0, 5e-324 };
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *depth = NULL;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  LdaParams saved, loaded;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (g_ascii_strtod (lda_ascii_dtostr_short (buffer, values[i]), NULL), ==,
                       values[i]);
  g_assert_cmpstr (lda_ascii_dtostr_short (buffer, 0.65), ==, "0.65");
  g_assert_cmpstr (lda_ascii_dtostr_short (buffer, 0.1 + 0.2), ==, "0.30000000000000004");

  lda_params_init (&saved);
  saved.channel[LDA_CHANNEL_HOECHST].offset = 0.65;
  saved.nuclei.split_depth = 2.3;
  lda_params_save_to_key_file (&saved, key_file);
  offset = g_key_file_get_value (key_file, "hoechst", "offset", NULL);
  depth = g_key_file_get_value (key_file, LDA_PARAMS_NUCLEI_GROUP, "split-depth", NULL);
  g_assert_cmpstr (offset, ==, "0.65");
  g_assert_cmpstr (depth, ==, "2.3");

  lda_params_init (&loaded);
  g_assert_true (lda_params_load_from_key_file (&loaded, key_file, &error));
  g_assert_no_error (error);
  assert_params_equal (&saved, &loaded);
}

/* Keys and groups absent from a file of this version keep the values
 * given. */
static void
test_absent_keys_keep_values (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = write_file (dir, "partial.ini",
                                      "[livedead]\nformat=2\n\n"
                                      "[hoechst]\nkernel=7\nthreshold=manual\n");
  g_autoptr(GError) error = NULL;
  LdaParams before, params;

  params_init_unusual (&before);
  params = before;
  g_assert_true (lda_params_load (&params, path, &error));
  g_assert_no_error (error);

  g_assert_true (lda_channel_params_equal (&params.channel[LDA_CHANNEL_CELL_AREA],
                                           &before.channel[LDA_CHANNEL_CELL_AREA]));
  g_assert_true (lda_channel_params_equal (&params.channel[LDA_CHANNEL_DRAQ7],
                                           &before.channel[LDA_CHANNEL_DRAQ7]));
  g_assert_cmpuint (params.channel[LDA_CHANNEL_HOECHST].kernel, ==, 7);
  g_assert_true (params.channel[LDA_CHANNEL_HOECHST].manual);
  before.channel[LDA_CHANNEL_HOECHST].kernel = 7;
  g_assert_true (lda_channel_params_equal (&params.channel[LDA_CHANNEL_HOECHST],
                                           &before.channel[LDA_CHANNEL_HOECHST]));

  tmp_dir_remove (dir);
}

/* A file from before the threshold methods (no method, no saturation, no
 * [nuclei]) means the article's method, whatever the defaults now are:
 * it is read over the article preset. */
static void
test_legacy_file_means_article (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *old = write_file (dir, "old.ini",
                                     "[livedead]\nformat=1\n\n"
                                     "[hoechst]\noffset=1.5\nkernel=7\n");
  g_autofree char *bare = write_file (dir, "bare.ini", "[draq7]\ncoarseness=32\n");
  g_autofree char *new = write_file (dir, "new.ini",
                                     "[hoechst]\nmethod=otsu\noffset=0.7\n");
  g_autoptr(GError) error = NULL;
  LdaParams params, expected;

  lda_params_init (&params);
  g_assert_true (lda_params_load (&params, old, &error));
  g_assert_no_error (error);
  lda_params_init_preset (&expected, LDA_PRESET_ARTICLE);
  expected.channel[LDA_CHANNEL_HOECHST].offset = 1.5;
  expected.channel[LDA_CHANNEL_HOECHST].kernel = 7;
  assert_params_equal (&expected, &params);

  /* Without a format line too. */
  lda_params_init (&params);
  g_assert_true (lda_params_load (&params, bare, &error));
  lda_params_init_preset (&expected, LDA_PRESET_ARTICLE);
  expected.channel[LDA_CHANNEL_DRAQ7].coarseness = 32;
  assert_params_equal (&expected, &params);

  /* One new key is enough to read the file over the values given. */
  lda_params_init (&params);
  g_assert_true (lda_params_load (&params, new, &error));
  lda_params_init (&expected);
  expected.channel[LDA_CHANNEL_HOECHST].offset = 0.7;
  assert_params_equal (&expected, &params);

  tmp_dir_remove (dir);
}

/* What is saved reads back whole, the new keys in the file. */
static void
test_new_keys_written (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *method = NULL;
  g_autofree char *saturation = NULL;
  LdaParams params;

  params_init_unusual (&params);
  params.channel[LDA_CHANNEL_HOECHST].saturation = LDA_SATURATION_AUTO;
  lda_params_save_to_key_file (&params, key_file);
  g_assert_cmpint (g_key_file_get_integer (key_file, "livedead", "format", NULL), ==, 2);
  method = g_key_file_get_string (key_file, "draq7", "method", NULL);
  g_assert_cmpstr (method, ==, "triangle");
  saturation = g_key_file_get_string (key_file, "hoechst", "saturation", NULL);
  g_assert_cmpstr (saturation, ==, "auto");
  g_assert_cmpint (g_key_file_get_integer (key_file, "draq7", "saturation", NULL), ==, 4095);
  g_assert_true (g_key_file_get_boolean (key_file, "nuclei", "objects", NULL));
  g_assert_false (g_key_file_get_boolean (key_file, "nuclei", "split", NULL));
  g_assert_cmpfloat (g_key_file_get_double (key_file, "nuclei", "split-depth", NULL), ==, 3.25);
  g_assert_cmpint (g_key_file_get_integer (key_file, "nuclei", "min-area", NULL), ==, 77);
}

typedef struct
{
  const char *name;
  const char *contents;
  const char *key;     /* must appear in the message */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "kernel", "[hoechst]\nkernel = 40\n", "kernel" },
  { "coarseness", "[cell-area]\ncoarseness = 0\n", "coarseness" },
  { "offset", "[draq7]\noffset = abc\n", "offset" },
  { "offset-range", "[draq7]\noffset = 10.5\n", "offset" },
  { "threshold", "[hoechst]\nthreshold = sideways\n", "threshold" },
  { "ignore-saturated", "[draq7]\nignore-saturated = maybe\n", "ignore-saturated" },
  { "use-offset", "[cell-area]\nuse-offset = 2\n", "use-offset" },
  { "negative", "[hoechst]\ncoarseness = -3\n", "coarseness" },
  { "manual-threshold", "[hoechst]\nmanual-threshold = 70000\n", "threshold" },
  { "empty-kernel", "[hoechst]\nkernel =\n", "kernel" },
  /* A valid group before the bad one must not be applied either. */
  { "after-valid", "[cell-area]\nkernel = 9\noffset = 3\n\n[draq7]\nkernel = 0\n", "kernel" },
  { "method", "[hoechst]\nmethod = kittler\n", "method" },
  { "saturation", "[draq7]\nsaturation = full\n", "saturation" },
  { "saturation-range", "[draq7]\nsaturation = 70000\n", "saturation" },
  { "split-depth", "[nuclei]\nsplit-depth = 0\n", "split depth" },
  { "split", "[nuclei]\nsplit = often\n", "split" },
  { "min-area", "[nuclei]\nmin-area = -1\n", "min-area" },
};

static void
test_invalid_file (gconstpointer data)
{
  const InvalidCase *ic = data;
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = write_file (dir, "bad.ini", ic->contents);
  g_autoptr(GError) error = NULL;
  LdaParams before, params;

  params_init_unusual (&before);
  params = before;

  g_assert_false (lda_params_load (&params, path, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_test_message ("message: %s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, ic->key));
  assert_params_equal (&before, &params);

  tmp_dir_remove (dir);
}

static void
test_not_a_key_file (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = write_file (dir, "junk.ini", "this is not a key file\n");
  g_autoptr(GError) error = NULL;
  LdaParams before, params;

  params_init_unusual (&before);
  params = before;

  g_assert_false (lda_params_load (&params, path, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, path));
  assert_params_equal (&before, &params);

  tmp_dir_remove (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = g_build_filename (dir, "nothing-here.ini", NULL);
  g_autoptr(GError) error = NULL;
  LdaParams before, params;

  params_init_unusual (&before);
  params = before;

  g_assert_false (lda_params_load (&params, path, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  assert_params_equal (&before, &params);

  tmp_dir_remove (dir);
}

static void
test_newer_format_refused (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = write_file (dir, "future.ini",
                                      "[livedead]\nformat=99\n\n[hoechst]\nkernel=7\n");
  g_autoptr(GError) error = NULL;
  LdaParams params, defaults;

  lda_params_init (&params);
  lda_params_init (&defaults);

  g_assert_false (lda_params_load (&params, path, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "99"));
  assert_params_equal (&defaults, &params);

  tmp_dir_remove (dir);
}

static void
test_current_format_accepted (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = write_file (dir, "now.ini",
                                      "[livedead]\nformat=1\n\n[draq7]\ncoarseness=32\n");
  g_autoptr(GError) error = NULL;
  LdaParams params;

  lda_params_init (&params);
  g_assert_true (lda_params_load (&params, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (params.channel[LDA_CHANNEL_DRAQ7].coarseness, ==, 32);

  tmp_dir_remove (dir);
}

/* The file appears whole, with no temporary file left beside it, and
 * saving again replaces it atomically. */
static void
test_save_atomic (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = g_build_filename (dir, "params.ini", NULL);
  g_autoptr(GError) error = NULL;
  LdaParams params, loaded;
  GStatBuf before, after;

  lda_params_init (&params);
  g_assert_true (lda_params_save (&params, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (g_stat (path, &before), ==, 0);

  /* Replaced by a rename, not rewritten in place: a new inode. */
  params.channel[LDA_CHANNEL_HOECHST].kernel = 9;
  g_assert_true (lda_params_save (&params, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, !=, after.st_ino);

  lda_params_init (&loaded);
  g_assert_true (lda_params_load (&loaded, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loaded.channel[LDA_CHANNEL_HOECHST].kernel, ==, 9);

  tmp_dir_remove (dir);
}

static void
test_save_missing_folder (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "params.ini", NULL);
  g_autoptr(GError) error = NULL;
  LdaParams params;

  lda_params_init (&params);
  g_assert_false (lda_params_save (&params, path, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  tmp_dir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/params/defaults", test_defaults);
  g_test_add_func ("/params/channel-names", test_channel_names);
  g_test_add_func ("/params/names", test_names);
  g_test_add_func ("/params/validate/nuclei", test_validate_nuclei);
  g_test_add_func ("/params/equal", test_equal);
  g_test_add_func ("/params/validate/offset", test_validate_offset);
  g_test_add_func ("/params/validate/kernel", test_validate_kernel);
  g_test_add_func ("/params/validate/coarseness", test_validate_coarseness);
  g_test_add_func ("/params/validate/manual-threshold", test_validate_manual_threshold);
  g_test_add_func ("/params/validate/names-channel", test_validate_names_channel);

  g_test_add_func ("/params/file/roundtrip", test_save_load_roundtrip);
  g_test_add_func ("/params/file/key-file-roundtrip", test_key_file_roundtrip);
  g_test_add_func ("/params/file/short-numbers", test_short_numbers);
  g_test_add_func ("/params/file/absent-keys", test_absent_keys_keep_values);
  g_test_add_func ("/params/file/legacy-means-article", test_legacy_file_means_article);
  g_test_add_func ("/params/file/new-keys-written", test_new_keys_written);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *name = g_strconcat ("/params/file/invalid/", invalid_cases[i].name, NULL);

      g_test_add_data_func (name, &invalid_cases[i], test_invalid_file);
    }
  g_test_add_func ("/params/file/not-a-key-file", test_not_a_key_file);
  g_test_add_func ("/params/file/missing", test_missing_file);
  g_test_add_func ("/params/file/newer-format", test_newer_format_refused);
  g_test_add_func ("/params/file/current-format", test_current_format_accepted);
  g_test_add_func ("/params/file/save-atomic", test_save_atomic);
  g_test_add_func ("/params/file/save-missing-folder", test_save_missing_folder);

  return g_test_run ();
}
