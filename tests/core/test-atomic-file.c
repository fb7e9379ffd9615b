/* test-atomic-file.c — tests for lda-atomic-file: a file is replaced
 * whole, temporary files carry our prefix, and clean-up removes our own
 * stale temporary files and nothing else.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-test-lib.h"

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
backdate (const char *path)
{
  struct utimbuf long_ago = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  g_assert_cmpint (g_utime (path, &long_ago), ==, 0);
}

/* Writing creates and replaces the whole file, with the permissions of a
 * new file, and leaves nothing else behind. */
static void
test_write (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-atomic");
  g_autofree char *path = g_build_filename (dir, "counts.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t mask = umask (022);

  g_assert_true (lda_atomic_file_write (path, "first\n", 6, &error));
  g_assert_no_error (error);
  g_assert_true (lda_atomic_file_write (path, "second\n", 7, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Empty contents are a file too. */
  g_assert_true (lda_atomic_file_write (path, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  umask (mask);
  lda_test_remove_tree (dir);
}

/* A write that cannot happen names the file and leaves nothing. */
static void
test_write_fails (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-atomic");
  g_autofree char *path = g_build_filename (dir, "missing", "labels.tif", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (lda_atomic_file_write (path, "x", 1, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  lda_test_remove_tree (dir);
}

/* Temporary files are ours by name, even for the longest names a folder
 * can hold. */
static void
test_temp_names (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-atomic");
  g_autofree char *long_name = g_strnfill (250, 'n');
  const char *names[] = { "w_t1.edits", long_name };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *temp = NULL;
      g_autofree char *base = NULL;
      g_autoptr(GError) error = NULL;
      int fd = lda_atomic_file_open_temp (path, &temp, &error);

      g_assert_no_error (error);
      g_assert_cmpint (fd, >=, 0);
      base = g_path_get_basename (temp);
      g_test_message ("%s", base);
      g_assert_true (g_str_has_prefix (base, LDA_ATOMIC_TEMP_PREFIX));
      g_assert_cmpuint (strlen (base), <=, 255);
      g_assert_true (lda_atomic_file_is_temp_of (base, path));
      g_assert_true (lda_atomic_file_commit (fd, temp, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
    }

  g_assert_false (lda_atomic_file_is_temp_of ("w_t1.edits.Ab3dE9", "/x/w_t1.edits"));
  g_assert_false (lda_atomic_file_is_temp_of (".livedead-tmp-w_t1.edits-Ab3dE", "/x/w_t1.edits"));
  g_assert_false (lda_atomic_file_is_temp_of (".livedead-tmp-w_t2.edits-Ab3dE9", "/x/w_t1.edits"));
  g_assert_false (lda_atomic_file_is_temp_of (".livedead-tmp-w_t1.edits-Ab/dE9", "/x/w_t1.edits"));
  lda_test_remove_tree (dir);
}

/* Clean-up removes our own old temporary files of the target, and leaves
 * everything else: young ones, other targets', the person's files, links
 * and folders with our names, and files of another user. */
static void
test_remove_stale (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-atomic");
  g_autofree char *target = g_build_filename (dir, "s.ini", NULL);
  g_autofree char *outside = lda_test_tmp_dir ("lda-atomic");
  g_autofree char *precious = g_build_filename (outside, "precious.tif", NULL);
  const char * const removed[] = { ".livedead-tmp-s.ini-Ab3dE9", NULL };
  const char * const kept[] = {
    ".livedead-tmp-s.ini-Zz9yX1",    /* young */
    ".livedead-tmp-t.ini-Ab3dE9",    /* another target's */
    "s.ini.Ab3dE9", "s.ini.backup",  /* GLib's form, the person's */
    ".livedead-tmp-s.ini-LLnk01",    /* a link */
    ".livedead-tmp-s.ini-Dir001",    /* a folder */
    ".livedead-tmp-s.ini-Other1",    /* another user's, when we can tell */
    NULL
  };

  g_assert_true (g_file_set_contents (precious, "data", -1, NULL));
  for (guint i = 0; removed[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, removed[i], NULL);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
      backdate (path);
    }
  for (guint i = 0; kept[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, kept[i], NULL);

      if (strstr (kept[i], "LLnk") != NULL)
        g_assert_cmpint (symlink (precious, path), ==, 0);
      else if (strstr (kept[i], "Dir") != NULL)
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else
        g_assert_true (g_file_set_contents (path, "", 0, NULL));
      if (strstr (kept[i], "Other") != NULL && geteuid () == 0)
        g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
      if (strstr (kept[i], "Zz9") == NULL && strstr (kept[i], "LLnk") == NULL)
        backdate (path);
    }

  lda_atomic_file_remove_stale (target);

  for (guint i = 0; removed[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, removed[i], NULL);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; kept[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, kept[i], NULL);
      GStatBuf st;

      if (strstr (kept[i], "Other") != NULL && geteuid () != 0)
        continue;
      if (g_lstat (path, &st) != 0)
        g_error ("%s was removed", kept[i]);
    }
  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));

  lda_test_remove_tree (dir);
  lda_test_remove_tree (outside);
}

static void
test_make_folder (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-atomic");
  g_autofree char *deep = g_build_filename (dir, "a", "b", "c", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *below = g_build_filename (file, "x", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_atomic_file_make_folder (deep, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (deep, G_FILE_TEST_IS_DIR));
  g_assert_true (lda_atomic_file_make_folder (deep, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  g_assert_false (lda_atomic_file_make_folder (file, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, file));
  g_clear_error (&error);
  g_assert_false (lda_atomic_file_make_folder (below, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atomic-file/write", test_write);
  g_test_add_func ("/atomic-file/write-fails", test_write_fails);
  g_test_add_func ("/atomic-file/temp-names", test_temp_names);
  g_test_add_func ("/atomic-file/remove-stale", test_remove_stale);
  g_test_add_func ("/atomic-file/make-folder", test_make_folder);

  return g_test_run ();
}
