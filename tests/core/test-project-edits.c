/* test-project-edits.c — tests for the edits encoding of lda-project
 * (compact, exact, refusing every kind of damaged data without reading
 * past it) and for loading damaged project files.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-project-common.h"

/* --- the edits encoding ------------------------------------------------ */

static void
test_serialize_compact (void)
{
  g_autoptr(LdaEdits) edits = edits_new (2048, 2048);
  g_autoptr(LdaEdits) empty = edits_new (2048, 2048);
  g_autoptr(LdaEdits) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty_bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize raw = 2048 * 2048;

  strokes (edits, 7, 8, 25);
  bytes = lda_edits_serialize (edits);
  g_test_message ("2048 x 2048 with 8 strokes: %" G_GSIZE_FORMAT " bytes (raw %" G_GSIZE_FORMAT ")",
                  g_bytes_get_size (bytes), raw);
  g_assert_cmpuint (g_bytes_get_size (bytes), <, raw / 100);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "LDAE", 4);

  back = lda_edits_deserialize (bytes, 2048, 2048, &error);
  g_assert_no_error (error);
  assert_edits_equal (back, edits);

  empty_bytes = lda_edits_serialize (empty);
  g_assert_cmpuint (g_bytes_get_size (empty_bytes), <, 100);
}

static void
assert_refused (GBytes *bytes,
                guint   width,
                guint   height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaEdits) edits = lda_edits_deserialize (bytes, width, height, &error);

  g_assert_null (edits);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
}

static void
assert_refused_data (const guint8 *data,
                     gsize         length,
                     guint         width,
                     guint         height)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);

  assert_refused (bytes, width, height);
}

static void
test_deserialize_checks (void)
{
  g_autoptr(LdaEdits) edits = edits_new (64, 32);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaEdits) none = NULL;
  g_autofree guint8 *copy = NULL;
  const guint8 *data;
  gsize length;

  g_assert_cmphex (crc32_bitwise ((const guint8 *) "123456789", 9), ==, 0xcbf43926);

  strokes (edits, 3, 6, 6);
  bytes = lda_edits_serialize (edits);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmphex (data[28] | data[29] << 8 | data[30] << 16 | (guint32) data[31] << 24,
                   ==, crc32_bitwise (data, 28));
  copy = g_memdup2 (data, length);

  /* Every truncation. */
  for (gsize n = 0; n < length; n++)
    assert_refused_data (data, n, 64, 32);

  /* Every byte changed, three ways. */
  for (gsize i = 0; i < length; i++)
    for (guint k = 0; k < 3; k++)
      {
        const guint8 masks[] = { 0x01, 0x80, 0xff };

        copy[i] ^= masks[k];
        assert_refused_data (copy, length, 64, 32);
        copy[i] ^= masks[k];
      }
  g_assert_cmpmem (copy, length, data, length);

  /* Wrong magic, wrong version. */
  copy[0] = 'X';
  assert_refused_data (copy, length, 64, 32);
  copy[0] = 'L';
  put_u32 (copy + 4, 2);
  put_u32 (copy + 28, crc32_bitwise (copy, 28));
  assert_refused_data (copy, length, 64, 32);
  memcpy (copy, data, length);

  /* Intact, but for another frame size. */
  none = lda_edits_deserialize (bytes, 64, 31, &error);
  g_assert_null (none);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
  g_clear_error (&error);
  none = lda_edits_deserialize (bytes, 32, 64, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
}

static void
test_deserialize_crafted (void)
{
  /* A 4 × 2 frame: 3 pixels of class 1, then 5 without edits. */
  const guint8 good[] = { 1, 3, 0xff, 5 };
  const guint8 overrun[] = { 1, 3, 0xff, 6 };
  const guint8 overrun_big[] = { 2, 0xff, 0xff, 0xff, 0xff, 0x0f };
  const guint8 underrun[] = { 1, 3, 0xff, 4 };
  const guint8 zero_run[] = { 1, 0, 1, 3, 0xff, 5 };
  const guint8 bad_class[] = { 7, 3, 0xff, 5 };
  const guint8 long_varint[] = { 1, 0x83, 0x80, 0x80, 0x80, 0x80, 0x00, 0xff, 5 };
  const guint8 cut_varint[] = { 1, 3, 0xff, 0x85 };
  g_autoptr(GBytes) bytes = craft (4, 2, good, sizeof good, sizeof good, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaEdits) edits = lda_edits_deserialize (bytes, 4, 2, &error);
  const guint8 expected[] = { 1, 1, 1, 0xff, 0xff, 0xff, 0xff, 0xff };
  struct { const guint8 *rle; gsize length; } bad[] = {
    { overrun, sizeof overrun },
    { overrun_big, sizeof overrun_big },
    { underrun, sizeof underrun },
    { zero_run, sizeof zero_run },
    { bad_class, sizeof bad_class },
    { long_varint, sizeof long_varint },
    { cut_varint, sizeof cut_varint },
  };

  /* The crafting is right: the good data decodes. */
  g_assert_no_error (error);
  g_assert_nonnull (edits);
  g_assert_cmpmem (edits->pixels, 8, expected, 8);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) b = craft (4, 2, bad[i].rle, bad[i].length, bad[i].length, FALSE);

      assert_refused (b, 4, 2);
    }

  /* The header's RLE length must be the real one, both ways. */
  {
    g_autoptr(GBytes) longer = craft (4, 2, good, sizeof good, sizeof good + 1, FALSE);
    g_autoptr(GBytes) shorter = craft (4, 2, good, sizeof good, sizeof good - 1, FALSE);
    g_autoptr(GBytes) trailing = craft (4, 2, good, sizeof good, sizeof good, TRUE);
    g_autoptr(GBytes) huge = craft (32768, 32768, good, sizeof good, G_MAXUINT32, FALSE);

    assert_refused (longer, 4, 2);
    assert_refused (shorter, 4, 2);
    assert_refused (trailing, 4, 2);
    /* Claims a frame of 2^30 pixels: refused without allocating it. */
    assert_refused (huge, 32768, 32768);
  }
}

static void
test_deserialize_random (void)
{
  g_autoptr(LdaEdits) edits = edits_new (40, 30);
  g_autoptr(GBytes) valid = NULL;
  const guint8 *data;
  gsize length;

  strokes (edits, 11, 5, 5);
  valid = lda_edits_serialize (edits);
  data = g_bytes_get_data (valid, &length);

  for (guint round = 0; round < 1000; round++)
    {
      gsize n = g_test_rand_int_range (0, 400);
      g_autofree guint8 *buffer = g_malloc (MAX (n, 1));

      for (gsize i = 0; i < n; i++)
        buffer[i] = g_test_rand_int_range (0, 256);
      /* Half of them get past the magic and the version. */
      if (round % 2 == 1 && n >= 8)
        {
          memcpy (buffer, "LDAE", 4);
          put_u32 (buffer + 4, 1);
        }
      assert_refused_data (buffer, n, 40, 30);
    }

  for (guint round = 0; round < 1000; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, length);
      gsize cut = g_test_rand_int_range (1, length + 1);
      guint changes = g_test_rand_int_range (0, 4);

      for (guint c = 0; c < changes; c++)
        {
          gsize at = g_test_rand_int_range (0, cut);

          copy[at] ^= g_test_rand_int_range (1, 256);
        }
      if (cut == length && changes == 0)
        cut--;
      assert_refused_data (copy, cut, 40, 30);
    }
}

/* --- damaged project files -------------------------------------------- */

/* How many files beside @path are <name>.damaged-…; removes them. */
static guint
take_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_assert_cmpint (g_unlink (file), ==, 0);
        n++;
      }

  return n;
}

static void
assert_load_fails (const char  *dir,
                   const char  *folder,
                   int          code,
                   const char  *named)
{
  g_autoptr(LdaSeries) fresh = open_series (dir);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams defaults;

  lda_params_init (&defaults);
  g_assert_false (lda_project_load (fresh, folder, &loaded, &error));
  g_assert_error (error, LDA_ERROR, code);
  g_assert_nonnull (strstr (error->message, named));
  g_test_message ("%s", error->message);
  g_assert_null (loaded);
  /* Nothing was applied. */
  g_assert_true (params_equal (lda_series_get_params (fresh), &defaults));
}

/* A damaged ini or edits file fails the load, naming it, and is set
 * aside: loading again gives what is intact, and no save replaces it. */
static void
test_damaged_files (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autofree char *ini = NULL;
  g_autofree char *edits0 = NULL;
  g_autofree char *edits1 = NULL;
  g_autofree char *good_ini = NULL;
  g_autofree char *bad_edits = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autofree char *name = NULL;
  gsize ini_length, edits_length;
  LdaParams params;
  const char *bad_inis[] = {
    "this is [not a key file",
    "[series/hoechst]\noffset=2\n",
    "[project]\nformat=one\n",
    "[project]\nformat=1\n[series/hoechst]\noffset=lots\n",
    "[project]\nformat=1\n[series/draq7]\nkernel=99\n",
    "[project]\nformat=1\n[frame/w_t1]\nstate=finished\n",
    "[project]\nformat=1\n[frame/w_t1]\noverride=maybe\n",
  };

  write_triples (dir, three);
  series = open_series (dir);
  name = g_strconcat (lda_series_get_name (series), ".ini", NULL);
  ini = g_build_filename (folder, name, NULL);
  edits0 = g_build_filename (folder, "edits", "w_t1.edits", NULL);
  edits1 = g_build_filename (folder, "edits", "w_t2.edits", NULL);
  odd_params (&params, 5);
  lda_series_set_params (series, &params);
  edits->pixels[3] = 3;
  save_params (series, folder);
  save_edits (series, folder, 1, edits);
  good_ini = read_file (ini, &ini_length);
  bad_edits = read_file (edits1, &edits_length);
  bad_edits[edits_length - 3] ^= 0x10;

  for (guint i = 0; i < G_N_ELEMENTS (bad_inis); i++)
    {
      g_autoptr(LdaSeries) fresh = open_series (dir);
      g_autoptr(GPtrArray) loaded = NULL;

      g_assert_true (g_file_set_contents (ini, bad_inis[i], -1, NULL));
      assert_load_fails (dir, folder, LDA_ERROR_CORRUPT, ini);
      g_assert_false (g_file_test (ini, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (take_aside (ini), ==, 1);

      /* Loading again: the intact edits. */
      loaded = load (fresh, folder);
      assert_edits_equal (g_ptr_array_index (loaded, 1), edits);
    }

  /* From a newer version: refused, kept in place, not saved over. */
  {
    const char *newer = "[project]\nformat=3\n";
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;
    gsize length;

    g_assert_true (g_file_set_contents (ini, newer, -1, NULL));
    assert_load_fails (dir, folder, LDA_ERROR_UNSUPPORTED, ini);
    g_assert_false (lda_project_save_params (series, folder, &error));
    g_assert_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED);
    after = read_file (ini, &length);
    g_assert_cmpstr (after, ==, newer);
    g_assert_cmpuint (take_aside (ini), ==, 0);
  }

  /* A good ini and two damaged edits files: both set aside at once. */
  {
    g_autoptr(LdaSeries) fresh = open_series (dir);
    g_autoptr(GPtrArray) loaded = NULL;

    g_assert_true (g_file_set_contents (ini, good_ini, ini_length, NULL));
    g_assert_true (g_file_set_contents (edits1, bad_edits, edits_length, NULL));
    g_assert_true (g_file_set_contents (edits0, "LDAE", 4, NULL));
    assert_load_fails (dir, folder, LDA_ERROR_CORRUPT, edits0);
    g_assert_cmpuint (take_aside (edits0), ==, 1);
    g_assert_cmpuint (take_aside (edits1), ==, 1);
    loaded = load (fresh, folder);
    g_assert_true (params_equal (lda_series_get_params (fresh), &params));
    g_assert_null (g_ptr_array_index (loaded, 0));
    g_assert_null (g_ptr_array_index (loaded, 1));
  }

  /* Saving without loading first sets a damaged ini aside too. */
  {
    g_autoptr(LdaSeries) fresh = open_series (dir);
    g_autoptr(GPtrArray) loaded = NULL;

    g_assert_true (g_file_set_contents (ini, bad_inis[0], -1, NULL));
    save_params (series, folder);
    g_assert_cmpuint (take_aside (ini), ==, 1);
    loaded = load (fresh, folder);
    g_assert_true (params_equal (lda_series_get_params (fresh), &params));
  }

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project-edits/serialize-compact", test_serialize_compact);
  g_test_add_func ("/project-edits/deserialize-checks", test_deserialize_checks);
  g_test_add_func ("/project-edits/deserialize-crafted", test_deserialize_crafted);
  g_test_add_func ("/project-edits/deserialize-random", test_deserialize_random);
  g_test_add_func ("/project-edits/damaged-files", test_damaged_files);

  return g_test_run ();
}
