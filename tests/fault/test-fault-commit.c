/* test-fault-commit.c — an export whose files cannot all be put in place
 *
 * Every file of an export is staged, then renamed over its target.  Here
 * one of the renames cannot happen: a folder stands where a file goes,
 * a subfolder is read-only, images/ is on another file system, or a
 * rename is refused after every check passed (a file of another user in
 * a sticky folder).  The export must fail naming the file, and every
 * target must be as it was, byte for byte, with no file left behind.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-export.h"
#include "lda-series.h"
#include "lda-test-lib.h"
#include "test-cli-util.h"

#define NOBODY 65534

static const CliScene scenes[] = {
  { 96, 64, 3, 0, 21 },
  { 96, 64, 2, 1, 22 },
};

/* An image folder of two triples, readable by everyone, and an export of
 * it into out/; the series comes back with other parameters, so that
 * every label mask of a second export differs from the first's. */
typedef struct
{
  char      *dir;
  char      *out;
  LdaSeries *series;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in = NULL;
  LdaExportOptions options = { .training_layout = TRUE, .overwrite = TRUE };
  LdaParams params;

  f->dir = cli_tmpdir ();
  in = g_build_filename (f->dir, "in", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (in, 0755), ==, 0);
  cli_write_triple (in, "w_t1", &scenes[0], NULL);
  cli_write_triple (in, "w_t2", &scenes[1], NULL);

  f->series = lda_series_new_from_folder (in, &error);
  g_assert_no_error (error);
  g_assert_true (lda_export_run (f->series, NULL, f->out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  params = *lda_series_get_params (f->series);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    params.channel[c].offset = 0.9;
  lda_series_set_params (f->series, &params);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->series, lda_series_free);
  cli_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->out);
}

/* The second export, which must fail naming @file. */
static void
export_fails (Fixture    *f,
              const char *file)
{
  LdaExportOptions options = { .training_layout = TRUE, .overwrite = TRUE };
  g_autoptr(GError) error = NULL;

  g_assert_false (lda_export_run (f->series, NULL, f->out, &options, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  if (error == NULL)
    return;
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == LDA_ERROR);
  if (strstr (error->message, file) == NULL)
    g_error ("the message does not name %s: %s", file, error->message);
}

/* Acts as "nobody" when running as root, whom permissions do not stop. */
static gboolean
become_nobody (void)
{
  if (geteuid () != 0)
    return TRUE;
  if (seteuid (NOBODY) == 0)
    return TRUE;
  g_test_skip ("running as root and cannot act as nobody");
  return FALSE;
}

static void
become_root_again (void)
{
  if (getuid () == 0)
    g_assert_cmpint (seteuid (0), ==, 0);
}

/* Gives the export's files and folders to nobody, as if nobody had
 * written them. */
static void
give_to_nobody (const char *path)
{
  GStatBuf st;

  if (geteuid () != 0 || g_lstat (path, &st) != 0)
    return;
  g_assert_cmpint (lchown (path, NOBODY, NOBODY), ==, 0);
  if (S_ISDIR (st.st_mode))
    {
      g_auto(GStrv) names = cli_list_dir (path);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *child = g_build_filename (path, names[i], NULL);

          give_to_nobody (child);
        }
    }
}

/* A folder where counts.csv goes: checked before the first rename. */
static void
test_folder_in_the_way (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *counts = g_build_filename (f->out, "counts.csv", NULL);
  g_autoptr(GHashTable) before = NULL;

  g_assert_cmpint (g_unlink (counts), ==, 0);
  g_assert_cmpint (g_mkdir (counts, 0755), ==, 0);
  before = lda_test_snapshot (f->out);

  export_fails (f, counts);
  lda_test_assert_unchanged (before, f->out);
  g_assert_true (g_file_test (counts, G_FILE_TEST_IS_DIR));
}

/* masks/ is read-only: checked before the first rename. */
static void
test_read_only_subfolder (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *masks = g_build_filename (f->out, "masks", NULL);
  g_autofree char *target = g_build_filename (masks, "w_t1.tif", NULL);
  g_autoptr(GHashTable) before = lda_test_snapshot (f->out);

  g_assert_cmpint (g_chmod (f->out, 0777), ==, 0);
  give_to_nobody (f->out);
  g_assert_cmpint (g_chmod (masks, 0555), ==, 0);
  if (!become_nobody ())
    return;
  export_fails (f, target);
  become_root_again ();

  g_assert_cmpint (g_chmod (masks, 0755), ==, 0);
  lda_test_assert_unchanged (before, f->out);
}

/* images/ on another file system (a link to a folder there): a rename
 * cannot cross it, so this is checked before the first rename. */
static void
test_other_file_system (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *images = g_build_filename (f->out, "images", NULL);
  g_autofree char *elsewhere = NULL;
  g_autofree char *moved = NULL;
  g_autoptr(GHashTable) before = NULL;
  GStatBuf here, there;

  if (g_stat ("/dev/shm", &there) != 0 || g_stat (f->dir, &here) != 0 ||
      here.st_dev == there.st_dev)
    {
      g_test_skip ("no second file system at /dev/shm");
      return;
    }

  elsewhere = g_build_filename ("/dev/shm", "livedead-test-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (elsewhere));
  moved = g_build_filename (elsewhere, "images", NULL);
  g_assert_true (g_file_test (images, G_FILE_TEST_IS_DIR));

  /* The same files, over there. */
  {
    g_auto(GStrv) names = cli_list_dir (images);

    g_assert_cmpint (g_mkdir (moved, 0755), ==, 0);
    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *from = g_build_filename (images, names[i], NULL);
        g_autofree char *to = g_build_filename (moved, names[i], NULL);
        g_autoptr(GBytes) bytes = cli_read_bytes (from);

        cli_write_bytes (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      }
    cli_rm_rf (images);
    g_assert_cmpint (symlink (moved, images), ==, 0);
  }

  before = lda_test_snapshot (f->out);
  export_fails (f, images);
  lda_test_assert_unchanged (before, f->out);
  cli_rm_rf (elsewhere);
}

/* counts.csv belongs to another user in a sticky folder: every check
 * passes, but the rename is refused.  What was already put in place is
 * put back. */
static void
test_rename_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *counts = g_build_filename (f->out, "counts.csv", NULL);
  g_autoptr(GHashTable) before = NULL;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to give a file to another user");
      return;
    }

  /* The earlier export is nobody's, in a sticky folder; counts.csv root's. */
  give_to_nobody (f->out);
  g_assert_cmpint (lchown (f->out, 0, 0), ==, 0);
  g_assert_cmpint (g_chmod (f->out, 01777), ==, 0);
  g_assert_cmpint (lchown (counts, 0, 0), ==, 0);
  before = lda_test_snapshot (f->out);

  if (!become_nobody ())
    return;
  export_fails (f, counts);
  become_root_again ();

  lda_test_assert_unchanged (before, f->out);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add ("/fault/commit/folder-in-the-way", Fixture, NULL,
              fixture_setup, test_folder_in_the_way, fixture_teardown);
  g_test_add ("/fault/commit/read-only-subfolder", Fixture, NULL,
              fixture_setup, test_read_only_subfolder, fixture_teardown);
  g_test_add ("/fault/commit/other-file-system", Fixture, NULL,
              fixture_setup, test_other_file_system, fixture_teardown);
  g_test_add ("/fault/commit/rename-refused", Fixture, NULL,
              fixture_setup, test_rename_refused, fixture_teardown);

  return g_test_run ();
}
