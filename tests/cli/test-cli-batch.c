/* test-cli-batch.c — livedead batch (shards, jobs, time series) and bench
 *
 * Runs the real command ($LIVEDEAD) on folders of synthetic triples written
 * into a temporary folder.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-tiff.h"
#include "lda-test-lib.h"
#include "test-cli-util.h"

#define CSV_HEADER "frame,time_index,time_h,cells,live,dead,dead_fraction," \
                   "mean_cell_area_px,mean_cell_area_um2,labels,params,field"
#define CSV_FIELDS 12

/* The field of time point @t: the numbers of live and dead cells vary, so
 * that a row of counts.csv shows which triple it came from. */
static CliScene
scene_at (guint t)
{
  CliScene scene = { 128, 128, 1 + t % 3, 1 + t % 2, 100 + t };

  return scene;
}

static void
write_exp_triple (const char *folder,
                  guint       t)
{
  g_autofree char *name = g_strdup_printf ("exp_t%u", t);
  CliScene scene = scene_at (t);

  cli_write_triple (folder, name, &scene, NULL);
}

static char *
exp_path (const char *folder,
          guint       t,
          const char *tag)
{
  g_autofree char *file = g_strdup_printf ("exp_t%u_%s.tif", t, tag);

  return g_build_filename (folder, file, NULL);
}

/* Reads a counts CSV with an RFC 4180 reader, checks its header and
 * returns the rows, each of CSV_FIELDS fields. */
static GPtrArray *
read_csv (const char *path)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  if (text == NULL)
    return g_steal_pointer (&rows);

  g_assert_true (g_str_has_suffix (text, "\n"));
  records = cli_parse_csv (text);
  g_assert_cmpuint (records->len, >, 0);
  header = g_strjoinv (",", g_ptr_array_index (records, 0));
  g_assert_cmpstr (header, ==, CSV_HEADER);

  for (guint i = 1; i < records->len; i++)
    {
      char **fields = g_ptr_array_index (records, i);

      g_assert_cmpuint (g_strv_length (fields), ==, CSV_FIELDS);
      if (g_strv_length (fields) == CSV_FIELDS)
        g_ptr_array_add (rows, g_strdupv (fields));
    }

  return g_steal_pointer (&rows);
}

/* Checks a row against the scene it was made from. */
static void
check_row (char      **row,
           const char *name,
           const char *field,
           guint       time_index,
           CliScene    scene,
           const char *labels)
{
  guint live = (guint) g_ascii_strtoull (row[4], NULL, 10);
  guint dead = (guint) g_ascii_strtoull (row[5], NULL, 10);
  double fraction = g_ascii_strtod (row[6], NULL);

  g_assert_cmpstr (row[0], ==, name);
  g_assert_cmpuint (g_ascii_strtoull (row[1], NULL, 10), ==, time_index);
  g_assert_cmpuint (live, ==, scene.n_live);
  g_assert_cmpuint (dead, ==, scene.n_dead);
  if (live + dead > 0)
    g_assert_cmpfloat_with_epsilon (fraction, (double) dead / (live + dead), 1e-5);
  /* Time and pixel size are not known: empty. */
  g_assert_cmpstr (row[2], ==, "");
  g_assert_cmpuint (g_ascii_strtoull (row[3], NULL, 10), ==, live + dead);
  g_assert_cmpfloat (g_ascii_strtod (row[7], NULL), >, 0.0);
  g_assert_cmpstr (row[8], ==, "");
  g_assert_cmpstr (row[9], ==, labels);
  g_assert_cmpstr (row[10], ==, "robust");
  g_assert_cmpstr (row[11], ==, field);
}

static void
test_batch_mixed (void)
{
  static const guint good[] = { 1, 2, 3, 10 };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *corrupt = NULL;
  g_autofree char *input_before = NULL;
  g_autofree char *input_after = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(CliRun) run = { 0, };

  g_mkdir (in, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    write_exp_triple (in, good[i]);

  /* exp_t4 has no Draq7 image; exp_t5's Draq7 image is cut in half. */
  write_exp_triple (in, 4);
  {
    g_autofree char *draq7 = exp_path (in, 4, "draq7");

    g_unlink (draq7);
  }
  write_exp_triple (in, 5);
  corrupt = exp_path (in, 5, "draq7");
  cli_truncate_copy (corrupt, corrupt);

  /* exp_t6's Hoechst image is of another size, exp_t7's Draq7 image is
   * floating-point, exp_t8's brightfield is RGB, exp_t9's Hoechst image is
   * empty and exp_t11's brightfield is text. */
  for (guint t = 6; t <= 11; t++)
    if (t != 10)
      write_exp_triple (in, t);
  {
    g_autofree char *ho6 = exp_path (in, 6, "hoechst");
    g_autofree char *dr7 = exp_path (in, 7, "draq7");
    g_autofree char *bf8 = exp_path (in, 8, "bf");
    g_autofree char *ho9 = exp_path (in, 9, "hoechst");
    g_autofree char *bf11 = exp_path (in, 11, "bf");
    CliScene small = scene_at (6);
    g_autoptr(LdaImage) image = NULL;

    small.width /= 2;
    image = cli_scene_render (&small, 1);
    cli_write_image (ho6, image);
    cli_write_float_tiff (dr7);
    cli_write_rgb_tiff (bf8);
    cli_write_bytes (ho9, "", 0);
    cli_write_bytes (bf11, "not an image\n", 13);
  }

  input_before = cli_list_dir_text (in);

  cli_run (&run, "batch", in, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* Each bad triple is named, on lines of their own. */
  lines = g_strsplit (run.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_assert_true (g_str_has_prefix (lines[i], "livedead: "));
  g_assert_nonnull (strstr (run.err, "exp_t4"));
  g_assert_nonnull (strstr (run.err, corrupt));
  for (guint t = 6; t <= 11; t++)
    {
      static const char *const bad[] = { "hoechst", "draq7", "bf", "hoechst", NULL, "bf" };
      g_autofree char *path = NULL;

      if (t == 10)
        continue;
      path = exp_path (in, t, bad[t - 6]);
      if (strstr (run.err, path) == NULL)
        g_error ("%s is not named in:\n%s", path, run.err);
    }

  /* The good triples are done all the same, and nothing else is left. */
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv counts.csv exp_t10_labels.tif "
                                "exp_t1_labels.tif "
                                "exp_t2_labels.tif exp_t3_labels.tif");
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *file = g_strdup_printf ("exp_t%u_labels.tif", good[i]);
      g_autofree char *path = g_build_filename (out, file, NULL);

      cli_assert_labels (path, 128, 128);
    }

  /* One row per good triple, in natural order. */
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (good));
  for (guint i = 0; i < MIN (rows->len, G_N_ELEMENTS (good)); i++)
    {
      g_autofree char *name = g_strdup_printf ("exp_t%u", good[i]);
      g_autofree char *file = g_strdup_printf ("exp_t%u_labels.tif", good[i]);

      check_row (g_ptr_array_index (rows, i), name, "exp", good[i], scene_at (good[i]), file);
    }

  input_after = cli_list_dir_text (in);
  g_assert_cmpstr (input_after, ==, input_before);

  cli_rm_rf (tmp);
}

static void
test_batch_all_good (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "deep", "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };

  g_mkdir (in, 0755);
  for (guint t = 1; t <= 3; t++)
    write_exp_triple (in, t);

  cli_run (&run, "batch", in, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < MIN (rows->len, 3); i++)
    {
      g_autofree char *name = g_strdup_printf ("exp_t%u", i + 1);
      g_autofree char *file = g_strdup_printf ("exp_t%u_labels.tif", i + 1);

      check_row (g_ptr_array_index (rows, i), name, "exp", i + 1, scene_at (i + 1), file);
    }

  cli_rm_rf (tmp);
}

/* -q, as segment and export take it: nothing printed when every triple
 * is done; a failure still says so, and what was done. */
static void
test_batch_quiet (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *broken = g_build_filename (in, "exp_t3_hoechst.tif", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };

  g_mkdir (in, 0755);
  for (guint t = 1; t <= 2; t++)
    write_exp_triple (in, t);
  cli_run (&run, "batch", in, "-o", out, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 2);

  write_exp_triple (in, 3);
  cli_write_bytes (broken, "not a tiff", 10);
  cli_run_clear (&run);
  cli_run (&run, "batch", in, "-o", out, "--quiet", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "1 of 3 triples failed"));
  g_assert_nonnull (strstr (run.out, "2 triples done"));

  cli_rm_rf (tmp);
}

/* A folder without a TIFF says so; one whose TIFFs lack the channel tags
 * says what the names need.  Both said the latter. */
static void
test_batch_no_triples (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *notes = g_build_filename (in, "notes.txt", NULL);
  g_autofree char *plain = g_build_filename (in, "plain.tif", NULL);
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 32, 32, NULL);
  g_auto(CliRun) run = { 0, };

  g_mkdir (in, 0755);
  cli_write_bytes (notes, "plate 1\n", 8);
  cli_run (&run, "batch", in, "-o", out, NULL);
  cli_assert_one_line_error (&run, in, "no TIFF images in this folder");

  cli_write_image (plain, image);
  cli_run_clear (&run);
  cli_run (&run, "batch", in, "-o", out, NULL);
  cli_assert_one_line_error (&run, in, "file names need a channel tag");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  cli_rm_rf (tmp);
}

/* Names with commas, quotes, a line break and non-ASCII letters come back
 * whole through an RFC 4180 reader; the summary line is printed although
 * stdout is a pipe. */
static void
test_batch_odd_names (void)
{
  static const char * const names[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "Zellkern-Übersicht" };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };

  g_mkdir (in, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CliScene scene = scene_at (i);

      cli_write_triple (in, names[i], &scene, NULL);
    }

  cli_run (&run, "batch", in, "-o", out, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* One line. */
  g_assert_true (g_str_has_suffix (run.out, "\n"));
  g_assert_true (strchr (run.out, '\n') == run.out + strlen (run.out) - 1);
  g_assert_nonnull (strstr (run.out, "5 triples done (5 frames)"));
  g_assert_nonnull (strstr (run.out, csv));

  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *labels = g_strconcat (row[0], "_labels.tif", NULL);
      gboolean known = FALSE;

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        known |= g_str_equal (row[0], names[n]);
      g_assert_true (known);
      g_assert_cmpstr (row[9], ==, labels);
    }

  cli_rm_rf (tmp);
}

static void
test_batch_bad_folders (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *missing = g_build_filename (tmp, "missing", NULL);
  g_autofree char *empty = g_build_filename (tmp, "empty", NULL);
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *file = g_build_filename (tmp, "plain.txt", NULL);
  g_autofree char *dangling = g_build_filename (tmp, "dangling", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "batch", missing, "-o", out, NULL);
  cli_assert_one_line_error (&run, missing, NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_mkdir (empty, 0755);
  cli_run (&run, "batch", empty, "-o", out, NULL);
  cli_assert_one_line_error (&run, empty, NULL);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* An output "folder" that is a regular file. */
  g_mkdir (in, 0755);
  write_exp_triple (in, 1);
  cli_write_bytes (file, "x\n", 2);
  cli_run (&run, "batch", in, "-o", file, NULL);
  cli_assert_one_line_error (&run, file, "a file is there, not a folder");
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  /* A link to nothing. */
  g_assert_cmpint (symlink ("nowhere", dangling), ==, 0);
  cli_run (&run, "batch", in, "-o", dangling, NULL);
  cli_assert_one_line_error (&run, dangling, "a link to no folder");

  /* A folder where counts.csv goes: refused before any mask is written
   * (it used to write them all, then fail). */
  {
    g_autofree char *blocked = g_build_filename (out, "counts.csv", NULL);
    g_autofree char *listing = NULL;

    g_assert_cmpint (g_mkdir_with_parents (blocked, 0755), ==, 0);
    cli_run (&run, "batch", in, "-o", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    cli_assert_one_line_error (&run, blocked, "a folder is in the way");
    listing = lda_test_list_files (out);
    g_assert_cmpstr (listing, ==, "");
  }

  cli_rm_rf (tmp);
}

/* Runs one shard and returns the names in its CSV. */
static GPtrArray *
run_shard (const char *in,
           const char *out,
           guint       index,
           guint       count)
{
  g_autofree char *shard = g_strdup_printf ("%u/%u", index, count);
  g_autofree char *csv_name = g_strdup_printf ("counts-%u-of-%u.csv", index, count);
  g_autofree char *csv = g_build_filename (out, csv_name, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_auto(CliRun) run = { 0, };

  cli_run (&run, "batch", in, "-o", out, "--shard", shard, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));

  rows = read_csv (csv);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *labels = g_build_filename (out, row[9], NULL);

      g_ptr_array_add (names, g_strdup (row[0]));
      g_assert_true (g_file_test (labels, G_FILE_TEST_IS_REGULAR));
    }

  return names;
}

static void
test_batch_shard (void)
{
  static const char * const bad[] = { "0/3", "4/3", "x", "1/0", "3", "1/3/3", "-1/3", "/3", "" };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *again = g_build_filename (tmp, "again", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *shards[3];

  g_mkdir (in, 0755);
  for (guint t = 1; t <= 7; t++)
    write_exp_triple (in, t);

  for (guint s = 0; s < 3; s++)
    {
      shards[s] = run_shard (in, out, s + 1, 3);
      g_assert_cmpuint (shards[s]->len, >, 0);
      for (guint i = 0; i < shards[s]->len; i++)
        {
          const char *name = g_ptr_array_index (shards[s], i);

          /* Disjoint: no triple is in two shards (or twice in one). */
          g_assert_false (g_hash_table_contains (seen, name));
          g_hash_table_add (seen, g_strdup (name));
        }
    }

  /* Together they cover the folder. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);
  for (guint t = 1; t <= 7; t++)
    {
      g_autofree char *name = g_strdup_printf ("exp_t%u", t);

      g_assert_true (g_hash_table_contains (seen, name));
    }

  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts-1-of-3.csv .livedead-result-counts-2-of-3.csv "
                                ".livedead-result-counts-3-of-3.csv "
                                "counts-1-of-3.csv counts-2-of-3.csv counts-3-of-3.csv "
                                "exp_t1_labels.tif exp_t2_labels.tif exp_t3_labels.tif "
                                "exp_t4_labels.tif exp_t5_labels.tif exp_t6_labels.tif "
                                "exp_t7_labels.tif");

  /* The same shard again picks the same triples. */
  for (guint s = 0; s < 3; s++)
    {
      g_autoptr(GPtrArray) repeat = run_shard (in, again, s + 1, 3);
      g_autofree char *csv_name = g_strdup_printf ("counts-%u-of-3.csv", s + 1);
      g_autofree char *first = g_build_filename (out, csv_name, NULL);
      g_autofree char *second = g_build_filename (again, csv_name, NULL);

      g_assert_cmpuint (repeat->len, ==, shards[s]->len);
      for (guint i = 0; i < MIN (repeat->len, shards[s]->len); i++)
        g_assert_cmpstr (g_ptr_array_index (repeat, i), ==, g_ptr_array_index (shards[s], i));
      g_assert_true (cli_files_equal (first, second));
    }

  for (guint s = 0; s < 3; s++)
    g_ptr_array_unref (shards[s]);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(CliRun) run = { 0, };
      g_autofree char *never = g_build_filename (tmp, "never", NULL);

      cli_run (&run, "batch", in, "-o", never, "--shard", bad[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      cli_assert_one_line_error (&run, "--shard", NULL);
      g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));
    }

  cli_rm_rf (tmp);
}

static void
test_batch_jobs (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *one = g_build_filename (tmp, "one", NULL);
  g_autofree char *two = g_build_filename (tmp, "two", NULL);
  g_autofree char *never = g_build_filename (tmp, "never", NULL);
  g_auto(GStrv) names_one = NULL;
  g_auto(GStrv) names_two = NULL;
  g_auto(CliRun) run = { 0, };

  g_mkdir (in, 0755);
  for (guint t = 1; t <= 5; t++)
    write_exp_triple (in, t);

  cli_run (&run, "batch", in, "-o", one, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, "batch", in, "-o", two, "-j", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);

  names_one = cli_list_dir (one);
  names_two = cli_list_dir (two);
  g_assert_nonnull (names_one);
  g_assert_nonnull (names_two);
  if (names_one != NULL && names_two != NULL)
    {
      g_assert_cmpstrv (names_one, names_two);
      g_assert_cmpuint (g_strv_length (names_one), ==, 7);
      for (guint i = 0; names_one[i] != NULL; i++)
        {
          g_autofree char *a = g_build_filename (one, names_one[i], NULL);
          g_autofree char *b = g_build_filename (two, names_one[i], NULL);

          g_test_message ("comparing %s", names_one[i]);
          g_assert_true (cli_files_equal (a, b));
        }
    }

  cli_run (&run, "batch", in, "-o", never, "--jobs", "0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--jobs", NULL);
  g_assert_false (g_file_test (never, G_FILE_TEST_EXISTS));

  cli_rm_rf (tmp);
}

/* Three time points of one field: cells die as time goes on. */
static void
series_scenes (CliScene *scenes)
{
  for (guint p = 0; p < 3; p++)
    {
      CliScene scene = { 128, 128, 3 - p, 1 + p, 200 + p };

      scenes[p] = scene;
    }
}

static void
write_series (const char *folder,
              const char *name,
              guint       hoechst_pages)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };
  CliScene scenes[3];

  series_scenes (scenes);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, tags[i]);
      g_autofree char *path = g_build_filename (folder, file, NULL);

      cli_write_multipage (path, scenes, i == 1 ? hoechst_pages : 3, i);
    }
}

static void
test_batch_time_series (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *page_out = g_build_filename (tmp, "page1", NULL);
  g_autofree char *page_labels = g_build_filename (page_out, "labels.tif", NULL);
  g_autofree char *batch_labels = g_build_filename (out, "series_t001_labels.tif", NULL);
  g_autofree char *bf = g_build_filename (in, "series_bf.tif", NULL);
  g_autofree char *ho = g_build_filename (in, "series_hoechst.tif", NULL);
  g_autofree char *dr = g_build_filename (in, "series_draq7.tif", NULL);
  g_autofree char *mixed_ho = g_build_filename (in, "mixed_hoechst.tif", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };
  CliScene scenes[3];
  guint n_pages = 0;

  series_scenes (scenes);
  g_mkdir (in, 0755);
  write_series (in, "series", 3);
  g_assert_true (lda_tiff_count_pages (bf, &n_pages, NULL));
  g_assert_cmpuint (n_pages, ==, 3);

  cli_run (&run, "batch", in, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* One triple is one, not "1 triples". */
  g_assert_nonnull (strstr (run.out, "1 triple done (3 frames)"));

  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv counts.csv series_t000_labels.tif "
                                "series_t001_labels.tif "
                                "series_t002_labels.tif");
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint p = 0; p < MIN (rows->len, 3); p++)
    {
      g_autofree char *file = g_strdup_printf ("series_t%03u_labels.tif", p);
      g_autofree char *path = g_build_filename (out, file, NULL);

      g_autofree char *frame = g_strdup_printf ("series_t%03u", p);

      /* The pages of one file are its time points: their field is the
       * file's name, and each is a frame of its own, named as its mask
       * (all three were "series"). */
      check_row (g_ptr_array_index (rows, p), frame, "series", p, scenes[p], file);
      cli_assert_labels (path, 128, 128);
    }

  /* export names the pages' masks and rows as batch does (it named them
   * by the window's titles, series_p0 …). */
  {
    g_autofree char *exported = g_build_filename (tmp, "exported", NULL);
    g_autofree char *exported_csv = g_build_filename (exported, "counts.csv", NULL);
    g_autoptr(GPtrArray) exported_rows = NULL;

    cli_run (&run, "export", in, "-o", exported, "-q", NULL);
    g_assert_cmpint (run.status, ==, 0);
    exported_rows = read_csv (exported_csv);
    g_assert_cmpuint (exported_rows->len, ==, 3);
    for (guint p = 0; p < MIN (exported_rows->len, 3); p++)
      {
        g_autofree char *file = g_strdup_printf ("series_t%03u_labels.tif", p);
        g_autofree char *path = g_build_filename (exported, file, NULL);

        g_assert_cmpstr (((char **) g_ptr_array_index (exported_rows, p))[0], ==,
                         ((char **) g_ptr_array_index (rows, p))[0]);
        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      }
  }

  /* segment --page picks the same time point. */
  cli_run (&run, "segment", bf, ho, dr, "-o", page_out, "--page", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (cli_files_equal (page_labels, batch_labels));

  cli_run (&run, "segment", bf, ho, dr, "-o", page_out, "--page", "3", NULL);
  cli_assert_one_line_error (&run, bf, NULL);

  /* A triple whose files disagree on the number of pages fails, the other
   * one is done. */
  cli_rm_rf (out);
  write_series (in, "mixed", 2);
  cli_run (&run, "batch", in, "-o", out, NULL);
  g_assert_cmpint (run.status, >, 0);
  g_assert_true (g_str_has_prefix (run.err, "livedead: "));
  g_assert_nonnull (strstr (run.err, mixed_ho));
  g_assert_nonnull (strstr (run.err, "page"));

  g_clear_pointer (&listing, g_free);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv counts.csv series_t000_labels.tif "
                                "series_t001_labels.tif "
                                "series_t002_labels.tif");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 3);

  cli_rm_rf (tmp);
}

/* Column @column (1 the median, 2 the 95th percentile) of @stage's line
 * in the output of livedead bench --slider; -1 if not there. */
static double
bench_stage (const char *out,
             const char *stage,
             guint       column)
{
  g_autofree char *pattern = g_strdup_printf ("^%s\\s+(\\d+\\.\\d+)\\s+(\\d+\\.\\d+)(?:\\s+(\\d+))?$",
                                              stage);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *value = NULL;

  if (!g_regex_match (regex, out, 0, &match))
    return -1.0;
  value = g_match_info_fetch (match, column);

  return g_ascii_strtod (value, NULL);
}

static void
test_bench (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *missing = g_build_filename (tmp, "missing_draq7.tif", NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) whole = g_regex_new ("^whole pipeline\\s+(\\d+(\\.\\d+)?)\\s*$",
                                         G_REGEX_MULTILINE, 0, NULL);
  g_auto(CliRun) run = { 0, };
  CliScene scene = scene_at (1);
  char *paths[3] = { NULL, };

  cli_write_triple (tmp, "bench", &scene, paths);

  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_regex_match (whole, run.out, 0, &match));
  if (g_match_info_matches (match))
    {
      g_autofree char *ms = g_match_info_fetch (match, 1);

      g_assert_cmpfloat (g_ascii_strtod (ms, NULL), >=, 0.0);
    }
  g_assert_true (g_regex_match_simple ("^peak resident memory: \\d+(\\.\\d+)? MiB$", run.out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (run.out, "3 runs"));

  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--repeat", NULL);

  cli_run (&run, "bench", paths[0], paths[1], missing, NULL);
  cli_assert_one_line_error (&run, missing, NULL);

  /* A slider: what its changes re-run is timed and counted, the rest
   * counts 0.  (The threshold is re-run in microseconds: its levels are
   * kept, the offset only applied to them.) */
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "4", "--slider", "hoechst",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "4 changes of the hoechst offset"));
  g_assert_cmpfloat (bench_stage (run.out, "sobel", 1), ==, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "sobel", 3), ==, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "threshold cell area", 2), ==, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "threshold cell area", 3), ==, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "threshold hoechst", 3), ==, 4.0);
  g_assert_cmpfloat (bench_stage (run.out, "split nuclei", 1), >, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "split nuclei", 3), >, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "whole change", 2), >=,
                     bench_stage (run.out, "whole change", 1));

  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "4", "--slider", "cell-area",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpfloat (bench_stage (run.out, "threshold cell area", 3), ==, 4.0);
  g_assert_cmpfloat (bench_stage (run.out, "split nuclei", 2), ==, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "split nuclei", 3), ==, 0.0);
  g_assert_cmpfloat (bench_stage (run.out, "watershed", 1), >, 0.0);

  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--slider", "nuclei", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--slider", "nuclei");

  /* A drag: its changes carry the split, the slider rests once here. */
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "4", "--slider", "hoechst",
           "--drag", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_regex_match_simple ("^the slider rests \\(1 times\\), the exact split and what "
                                       "follows: \\d+\\.\\d+ ms median, \\d+\\.\\d+ ms p95$",
                                       run.out, G_REGEX_MULTILINE, 0));
  /* How far the carried labels were from the exact ones, in %. */
  g_assert_true (g_regex_match_simple ("^the drag's last labels against the exact ones: "
                                       "\\d+\\.\\d+ % of pixels differ",
                                       run.out, G_REGEX_MULTILINE, 0));
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--drag", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--drag", "--slider");
  /* Zoomed out: a drag's cells flooded at the panes' level. */
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "2", "--slider", "hoechst",
           "--drag", "--zoomed-out", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--slider", "hoechst",
           "--zoomed-out", "2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--zoomed-out", "--drag");
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--slider", "hoechst", "--drag",
           "--zoomed-out", "9", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--zoomed-out", NULL);
  /* Zoomed in: what the panes show of the frame's middle. */
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "2", "--slider", "hoechst",
           "--drag", "--shown", "200x150", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* How far they were in what is shown, apart. */
  g_assert_true (g_regex_match_simple ("^in what the panes show: \\d+\\.\\d+ % of pixels differ",
                                       run.out, G_REGEX_MULTILINE, 0));
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--slider", "hoechst", "--drag",
           "--shown", "200", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--shown", NULL);
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--slider", "hoechst",
           "--shown", "200x150", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--shown", "--drag");

  /* A faster drag, larger steps; none of no size. */
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--repeat", "4", "--slider", "hoechst",
           "--step", "0.05", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpfloat (bench_stage (run.out, "threshold hoechst", 3), ==, 4.0);
  cli_run (&run, "bench", paths[0], paths[1], paths[2], "--slider", "hoechst", "--step", "0",
           NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_assert_one_line_error (&run, "--step", NULL);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (tmp);
}

/* Files named by their channel only take the folder's name: no
 * "_labels.tif", no empty frame in counts.csv. */
static void
test_batch_channel_names_only (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "well7", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };
  CliScene scene = scene_at (1);
  char *paths[3] = { NULL, };

  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  cli_write_triple (in, "x", &scene, paths);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const bare[] = { "bf.tif", "hoechst.tif", "draq7.tif" };
      g_autofree char *to = g_build_filename (in, bare[i], NULL);

      g_assert_cmpint (g_rename (paths[i], to), ==, 0);
      g_free (paths[i]);
    }

  g_assert_cmpint (cli_run (&run, "batch", in, "-o", out, NULL), ==, 0);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, ".livedead-result-counts.csv counts.csv well7_labels.tif");
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "well7");

  cli_rm_rf (tmp);
}

/* Names that are their time alone (t01, t02): the folder is the field,
 * not an empty one, which pandas reads as missing and groupby("field")
 * leaves out. */
static void
test_batch_time_names_field (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "plate B2", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };

  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  for (guint t = 1; t <= 2; t++)
    {
      g_autofree char *name = g_strdup_printf ("t%02u", t);
      CliScene scene = scene_at (t);

      cli_write_triple (in, name, &scene, NULL);
    }

  g_assert_cmpint (cli_run (&run, "batch", in, "-o", out, "--jobs", "1", NULL), ==, 0);
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint t = 1; t <= 2; t++)
    {
      g_autofree char *name = g_strdup_printf ("t%02u", t);
      g_autofree char *file = g_strdup_printf ("t%02u_labels.tif", t);

      check_row (g_ptr_array_index (rows, t - 1), name, "plate B2", t, scene_at (t), file);
    }

  cli_rm_rf (tmp);
}

/* A frame without cells has no dead fraction and no mean cell area:
 * empty in counts.csv (missing to a spreadsheet and to pandas), null in
 * the summary, rather than 0, which drew the dead-fraction curve down to
 * 0 at every empty frame. */
static void
test_batch_no_cells (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };
  const CliScene empty = { 96, 64, 0, 0, 3 };
  char **row;

  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  cli_write_triple (in, "empty", &empty, NULL);
  g_assert_cmpint (cli_run (&run, "batch", in, "-o", out, "--jobs", "1", "--json", NULL), ==, 0);
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row[3], ==, "0");
  g_assert_cmpstr (row[6], ==, "");
  g_assert_cmpstr (row[7], ==, "");
  g_assert_cmpstr (row[8], ==, "");
  g_assert_nonnull (strstr (run.out, "\"dead_fraction\": null, \"mean_cell_area_px\": null"));
  g_assert_null (strstr (run.out, "\"dead_fraction\": 0"));

  cli_rm_rf (tmp);
}

/* A shard past the folder's triples (5/8 of two) says so and writes its
 * counts file with the header alone, so that a join of every shard's
 * file finds them all; before, it wrote nothing and said nothing. */
static void
test_batch_empty_shard (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *in = g_build_filename (tmp, "in", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *csv = g_build_filename (out, "counts-5-of-8.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };

  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  for (guint t = 1; t <= 2; t++)
    write_exp_triple (in, t);
  g_assert_cmpint (cli_run (&run, "batch", in, "-o", out, "--shard", "5/8", NULL), ==, 0);
  g_assert_nonnull (strstr (run.err, "shard 5/8 holds none of the folder's 2 triples"));
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 0);

  cli_rm_rf (tmp);
}

#ifndef LDA_TEST_SANITIZED
/* Runs "batch IN -o OUT --jobs JOBS" with the process's data limited to
 * @mib MiB, as a cluster's scheduler limits a job's. */
static void
batch_with_data_limit (CliRun     *run,
                       const char *in,
                       const char *out,
                       const char *jobs,
                       guint       mib)
{
  const char *args[] = { "batch", in, "-o", out, "--jobs", jobs, NULL };
  struct rlimit saved, limit;

  g_assert_cmpint (getrlimit (RLIMIT_DATA, &saved), ==, 0);
  limit = saved;
  limit.rlim_cur = (rlim_t) mib << 20;
  g_assert_cmpint (setrlimit (RLIMIT_DATA, &limit), ==, 0);
  cli_runv (run, args);
  g_assert_cmpint (setrlimit (RLIMIT_DATA, &saved), ==, 0);
}
#endif

/* Four jobs that together need more memory than the process may have
 * (a data limit, as a cluster's scheduler sets one): those that run out
 * beside the others are run again one at a time, and every triple is
 * done.  Before, 4 of 4 failed at this limit, on lines that named no
 * file. */
static void
test_batch_memory_alone (void)
{
#ifdef LDA_TEST_SANITIZED
  g_test_skip ("a sanitizer reserves more memory than the data limit allows");
#else
  g_autofree char *tmp = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(CliRun) run = { 0, };

  if (g_getenv ("LDA_TEST_VALGRIND") != NULL)
    {
      g_test_skip ("valgrind needs more memory than the limit allows");
      return;
    }
  tmp = cli_tmpdir ();
  in = g_build_filename (tmp, "in", NULL);
  out = g_build_filename (tmp, "out", NULL);
  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("w%u", i);
      CliScene scene = { 2048, 2048, 4, 2, 40 + i };

      cli_write_triple (in, name, &scene, NULL);
    }

  /* 220 MiB: one 2048 × 2048 triple at a time fits, four do not. */
  batch_with_data_limit (&run, in, out, "4", 220);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "ran out of memory beside the others"));
  g_assert_nonnull (strstr (run.out, "4 triples done"));
  csv = g_build_filename (out, "counts.csv", NULL);
  rows = read_csv (csv);
  g_assert_cmpuint (rows->len, ==, 4);
  cli_rm_rf (tmp);
#endif
}

/* One triple is a job alone: out of memory is its failure at once (it
 * was run a second time, "beside the others"), on a line that names it
 * even when its name is a word of the message (it was left out when
 * found anywhere in it). */
static void
test_batch_memory_one_job (void)
{
#ifdef LDA_TEST_SANITIZED
  g_test_skip ("a sanitizer reserves more memory than the data limit allows");
#else
  g_autofree char *tmp = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_auto(CliRun) run = { 0, };
  CliScene scene = { 2048, 2048, 4, 2, 7 };

  if (g_getenv ("LDA_TEST_VALGRIND") != NULL)
    {
      g_test_skip ("valgrind needs more memory than the limit allows");
      return;
    }
  tmp = cli_tmpdir ();
  in = g_build_filename (tmp, "in", NULL);
  out = g_build_filename (tmp, "out", NULL);
  g_assert_cmpint (g_mkdir_with_parents (in, 0755), ==, 0);
  cli_write_triple (in, "m", &scene, NULL);

  /* 115 MiB: less than the triple's run needs; whether the check of
   * the memory free before it says so first depends on what the other
   * threads hold at that moment. */
  batch_with_data_limit (&run, in, out, "4", 115);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.err, "beside the others"));
  g_assert_true (strstr (run.err, "livedead: m: not enough memory") != NULL ||
                 strstr (run.err, "m_bf.tif: a frame of 2048 × 2048 pixels needs") != NULL);
  g_assert_nonnull (strstr (run.err, "1 of 1 triple failed"));
  cli_rm_rf (tmp);
#endif
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/batch/mixed", test_batch_mixed);
  g_test_add_func ("/cli/batch/all-good", test_batch_all_good);
  g_test_add_func ("/cli/batch/quiet", test_batch_quiet);
  g_test_add_func ("/cli/batch/no-triples", test_batch_no_triples);
  g_test_add_func ("/cli/batch/bad-folders", test_batch_bad_folders);
  g_test_add_func ("/cli/batch/odd-names", test_batch_odd_names);
  g_test_add_func ("/cli/batch/channel-names-only", test_batch_channel_names_only);
  g_test_add_func ("/cli/batch/shard", test_batch_shard);
  g_test_add_func ("/cli/batch/jobs", test_batch_jobs);
  g_test_add_func ("/cli/batch/time-series", test_batch_time_series);
  g_test_add_func ("/cli/batch/time-names-field", test_batch_time_names_field);
  g_test_add_func ("/cli/batch/no-cells", test_batch_no_cells);
  g_test_add_func ("/cli/batch/memory-alone", test_batch_memory_alone);
  g_test_add_func ("/cli/batch/memory-one-job", test_batch_memory_one_job);
  g_test_add_func ("/cli/batch/empty-shard", test_batch_empty_shard);
  g_test_add_func ("/cli/bench", test_bench);

  return g_test_run ();
}
