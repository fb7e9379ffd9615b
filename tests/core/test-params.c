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

static void
test_defaults (void)
{
  LdaParams params;
  g_autoptr(GError) error = NULL;

  memset (&params, 0xff, sizeof params);
  lda_params_init (&params);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const LdaChannelParams *p = &params.channel[c];

      g_assert_cmpfloat (p->offset, ==, 1.2);
      g_assert_true (p->use_offset);
      g_assert_cmpuint (p->coarseness, ==, 16);
      g_assert_cmpuint (p->kernel, ==, 5);
      g_assert_false (p->manual);
      g_assert_cmpuint (p->manual_threshold, ==, 0);
      g_assert_false (p->ignore_saturated);
    }
  g_assert_true (lda_params_validate (&params, &error));
  g_assert_no_error (error);
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

/* Keys and groups absent from the file keep the values given. */
static void
test_absent_keys_keep_values (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *path = write_file (dir, "partial.ini",
                                      "[livedead]\nformat=1\n\n"
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
  g_test_add_func ("/params/equal", test_equal);
  g_test_add_func ("/params/validate/offset", test_validate_offset);
  g_test_add_func ("/params/validate/kernel", test_validate_kernel);
  g_test_add_func ("/params/validate/coarseness", test_validate_coarseness);
  g_test_add_func ("/params/validate/manual-threshold", test_validate_manual_threshold);
  g_test_add_func ("/params/validate/names-channel", test_validate_names_channel);

  g_test_add_func ("/params/file/roundtrip", test_save_load_roundtrip);
  g_test_add_func ("/params/file/key-file-roundtrip", test_key_file_roundtrip);
  g_test_add_func ("/params/file/absent-keys", test_absent_keys_keep_values);
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
