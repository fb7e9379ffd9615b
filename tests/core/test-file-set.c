/* test-file-set.c — tests for lda-file-set: the staging folders of sets
 * that died are removed, and nothing else ever is: no link is followed,
 * no folder of another user, of another machine or of a live process is
 * touched.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-file-set.h"
#include "lda-test-lib.h"

#define STAGE_PREFIX ".livedead-stage-"
#define STAGE_MARK   ".livedead-stage"

/* A folder elsewhere with a file in it: what a planted link points to. */
static char *
make_victim (char **file)
{
  char *dir = lda_test_tmp_dir ("lda-file-set");

  *file = g_build_filename (dir, "precious.tif", NULL);
  g_assert_true (g_file_set_contents (*file, "one of a kind", -1, NULL));
  return dir;
}

static void
assert_victim_intact (const char *file)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    g_error ("%s was removed through a link", file);
  g_assert_cmpstr (contents, ==, "one of a kind");
}

/* The name of the only staging folder in @folder, or NULL. */
static char *
find_stage (const char *folder)
{
  g_autoptr(GDir) d = g_dir_open (folder, 0, NULL);
  const char *name;
  char *found = NULL;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, STAGE_PREFIX))
      {
        g_assert_null (found);
        found = g_strdup (name);
      }
  return found;
}

/* What the child that dies leaves: still reachable, for valgrind. */
static LdaFileSet *volatile abandoned;

/* A staging folder with one staged file, left by a process that died
 * (a child that exits without cleaning up).  Returns its name. */
static char *
make_dead_stage (const char *folder)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      LdaFileSet *set = abandoned = lda_file_set_new (folder, NULL);
      const char *path = lda_file_set_add (set, "/x/labels.tif", NULL);

      _exit (path != NULL && g_file_set_contents (path, "staged", -1, NULL) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  return find_stage (folder);
}

static void
backdate (const char *path,
          gint64      seconds)
{
  struct utimbuf then = { .actime = time (NULL) - seconds, .modtime = time (NULL) - seconds };

  g_assert_cmpint (g_utime (path, &then), ==, 0);
}

/* A set that stages one file, which makes its staging folder, and is
 * then dropped. */
static void
new_set_and_free (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaFileSet) set = lda_file_set_new (folder, NULL);
  g_autofree char *target = g_build_filename (folder, "labels.tif", NULL);

  g_assert_nonnull (lda_file_set_add (set, target, &error));
  g_assert_no_error (error);
}

static gboolean
exists (const char *folder,
        const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

/* A staging folder of a process that died, on this machine: removed. */
static void
test_dead_removed (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *stage = make_dead_stage (dir);

  g_assert_nonnull (stage);
  g_test_message ("%s", stage);
  new_set_and_free (dir);
  g_assert_false (exists (dir, stage));
  g_assert_null (find_stage (dir));
  lda_test_remove_tree (dir);
}

/* A link named like a dead process's staging folder, pointing at a folder
 * of the person's: not followed, nothing removed through it. */
static void
test_planted_link (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *file = NULL;
  g_autofree char *victim = make_victim (&file);
  g_autofree char *stage = make_dead_stage (dir);
  g_autofree char *stage_path = g_build_filename (dir, stage, NULL);
  g_autofree char *old_form = g_strdup_printf ("%s/" STAGE_PREFIX "%d-Ab3dE9", dir,
                                               G_MAXINT - 1);

  /* The name of a real dead stage, and the older name form. */
  lda_test_remove_tree (stage_path);
  g_assert_cmpint (symlink (victim, stage_path), ==, 0);
  g_assert_cmpint (symlink (victim, old_form), ==, 0);

  new_set_and_free (dir);
  assert_victim_intact (file);
  lda_test_remove_tree (dir);
  lda_test_remove_tree (victim);
}

/* A link inside a real stale staging folder: the folder holds something
 * this program never writes, so it is left alone, and the link is not
 * followed. */
static void
test_link_inside (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *file = NULL;
  g_autofree char *victim = make_victim (&file);
  g_autofree char *stage = make_dead_stage (dir);
  g_autofree char *link = g_build_filename (dir, stage, "9-images", NULL);
  g_autofree char *file_link = g_build_filename (dir, stage, "10-precious.tif", NULL);

  g_assert_cmpint (symlink (victim, link), ==, 0);
  g_assert_cmpint (symlink (file, file_link), ==, 0);

  new_set_and_free (dir);
  assert_victim_intact (file);
  g_assert_true (exists (dir, stage));
  lda_test_remove_tree (dir);
  lda_test_remove_tree (victim);
}

/* A subfolder, or a file of another user, in a stale staging folder: not
 * something this program wrote, so the folder is left alone. */
static void
test_foreign_content (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *stage = make_dead_stage (dir);
  g_autofree char *sub = g_build_filename (dir, stage, "sub", NULL);

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  new_set_and_free (dir);
  g_assert_true (exists (dir, stage));

  if (geteuid () == 0)
    {
      g_autofree char *dir2 = lda_test_tmp_dir ("lda-file-set");
      g_autofree char *stage2 = make_dead_stage (dir2);
      g_autofree char *stage2_path = g_build_filename (dir2, stage2, NULL);
      g_autofree char *staged = g_build_filename (stage2_path, "0-labels.tif", NULL);

      /* Another user's folder, and another user's file in ours. */
      g_assert_cmpint (chown (staged, 65534, 65534), ==, 0);
      new_set_and_free (dir2);
      g_assert_true (exists (dir2, stage2));
      g_assert_cmpint (chown (staged, 0, 0), ==, 0);
      g_assert_cmpint (chown (stage2_path, 65534, 65534), ==, 0);
      new_set_and_free (dir2);
      g_assert_true (exists (dir2, stage2));
      lda_test_remove_tree (dir2);
    }

  lda_test_remove_tree (dir);
}

/* The staging folder of a process on another machine (a shared file
 * system) or in another PID namespace cannot be known dead: it is left
 * alone for a day.  Nor is a live process's touched. */
static void
test_other_machine (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *stage = make_dead_stage (dir);
  g_autofree char *stage_path = g_build_filename (dir, stage, NULL);
  g_auto(GStrv) parts = g_strsplit (stage + strlen (STAGE_PREFIX), "-", 3);
  g_autofree char *elsewhere = NULL;
  g_autofree char *elsewhere_path = NULL;
  g_autofree char *other_ns = NULL;
  g_autofree char *alive = NULL;
  g_autofree char *alive_path = NULL;
  g_autofree char *other_ns_path = NULL;
  g_autofree char *copy = NULL;

  /* <pid>-<namespace>-<host and random part> */
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  elsewhere = g_strdup_printf (STAGE_PREFIX "%s-%s-otherhost-Ab3dE9", parts[0], parts[1]);
  other_ns = g_strdup_printf (STAGE_PREFIX "%s-1%s-%s", parts[0], parts[1], parts[2]);
  alive = g_strdup_printf (STAGE_PREFIX "%d-%s-%s", (int) getppid (), parts[1], parts[2]);
  elsewhere_path = g_build_filename (dir, elsewhere, NULL);
  other_ns_path = g_build_filename (dir, other_ns, NULL);
  alive_path = g_build_filename (dir, alive, NULL);
  g_assert_cmpint (g_rename (stage_path, elsewhere_path), ==, 0);
  g_assert_cmpint (g_mkdir (other_ns_path, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (alive_path, 0700), ==, 0);
  copy = g_build_filename (other_ns_path, "0-labels.tif", NULL);
  g_assert_true (g_file_set_contents (copy, "staged", -1, NULL));
  /* Made as this program makes one: with its mark. */
  g_free (copy);
  copy = g_build_filename (other_ns_path, STAGE_MARK, NULL);
  g_assert_true (g_file_set_contents (copy, "", -1, NULL));

  new_set_and_free (dir);
  g_assert_true (exists (dir, elsewhere));
  g_assert_true (exists (dir, other_ns));
  g_assert_true (exists (dir, alive));

  /* A day later they are surely abandoned; a live process's never is. */
  backdate (elsewhere_path, 25 * 3600);
  backdate (other_ns_path, 25 * 3600);
  new_set_and_free (dir);
  g_assert_false (exists (dir, elsewhere));
  g_assert_false (exists (dir, other_ns));
  g_assert_true (exists (dir, alive));
  lda_test_remove_tree (dir);
}

/* A person's own folder that bears a staging folder's name, as of a
 * process of this machine that is gone or of a day ago, holds no mark:
 * it is never removed, nor what is in it. */
static void
test_unmarked_kept (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *stage = make_dead_stage (dir);
  g_autofree char *stage_path = g_build_filename (dir, stage, NULL);
  g_autofree char *mark = g_build_filename (stage_path, STAGE_MARK, NULL);
  g_autofree char *mine = g_build_filename (stage_path, "notes.txt", NULL);

  /* The same name as a dead process's staging folder, but the person's:
   * no mark in it. */
  g_assert_true (g_file_test (mark, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_unlink (mark), ==, 0);
  g_assert_true (g_file_set_contents (mine, "mine", -1, NULL));
  new_set_and_free (dir);
  g_assert_true (exists (dir, stage));
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));

  backdate (stage_path, 25 * 3600);
  new_set_and_free (dir);
  g_assert_true (exists (dir, stage));
  g_assert_true (g_file_test (mine, G_FILE_TEST_IS_REGULAR));
  lda_test_remove_tree (dir);
}

/* A set's own staging folder: removed when the set is freed, and a link
 * planted in it meanwhile is removed, not followed. */
static void
test_own_stage (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *file = NULL;
  g_autofree char *victim = make_victim (&file);
  g_autoptr(GError) error = NULL;
  LdaFileSet *set = lda_file_set_new (dir, NULL);
  g_autofree char *stage = NULL;
  g_autofree char *link = NULL;
  const char *path;

  g_assert_no_error (error);
  path = lda_file_set_add (set, "/x/labels.tif", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "staged", -1, NULL));
  stage = find_stage (dir);
  link = g_build_filename (dir, stage, "planted", NULL);
  g_assert_cmpint (symlink (victim, link), ==, 0);

  lda_file_set_free (set);
  assert_victim_intact (file);
  g_assert_null (find_stage (dir));
  lda_test_remove_tree (dir);
  lda_test_remove_tree (victim);
}

/* A target that is an input, by any name, is refused; others are not. */
static void
test_inputs (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-file-set");
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *input = g_build_filename (in, "hoechst.tif", NULL);
  g_autofree char *missing = g_build_filename (in, "missing.tif", NULL);
  g_autofree char *hard = g_build_filename (out, "hard.tif", NULL);
  g_autofree char *soft = g_build_filename (out, "soft.tif", NULL);
  g_autofree char *other = g_build_filename (out, "other.tif", NULL);
  g_autofree char *folder_link = g_build_filename (dir, "in-again", NULL);
  g_autofree char *via_link = g_build_filename (folder_link, "hoechst.tif", NULL);
  const char *inputs[] = { input, missing, NULL };
  const char *refused[] = { input, hard, soft, via_link };
  g_autoptr(LdaFileSet) set = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (in, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_true (g_file_set_contents (input, "pixels", -1, NULL));
  g_assert_true (g_file_set_contents (other, "pixels", -1, NULL));
  g_assert_cmpint (link (input, hard), ==, 0);
  g_assert_cmpint (symlink (input, soft), ==, 0);
  g_assert_cmpint (symlink (in, folder_link), ==, 0);

  set = lda_file_set_new (out, inputs);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (lda_file_set_check_target (set, refused[i], &error));
      g_assert_error (error, LDA_ERROR, LDA_ERROR_IS_INPUT);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_nonnull (strstr (error->message, input));
      g_clear_error (&error);
      g_assert_null (lda_file_set_add (set, refused[i], &error));
      g_assert_error (error, LDA_ERROR, LDA_ERROR_IS_INPUT);
      g_clear_error (&error);
    }

  /* A file with the same bytes is another file; a new name is free. */
  g_assert_true (lda_file_set_check_target (set, other, &error));
  g_assert_no_error (error);
  g_assert_true (lda_file_set_check_target (set, missing, &error));
  g_assert_no_error (error);

  /* Nothing was staged for the refused targets: no staging folder. */
  g_assert_null (find_stage (out));
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-set/stale/dead-removed", test_dead_removed);
  g_test_add_func ("/file-set/stale/planted-link", test_planted_link);
  g_test_add_func ("/file-set/stale/link-inside", test_link_inside);
  g_test_add_func ("/file-set/stale/foreign-content", test_foreign_content);
  g_test_add_func ("/file-set/stale/other-machine", test_other_machine);
  g_test_add_func ("/file-set/stale/unmarked-kept", test_unmarked_kept);
  g_test_add_func ("/file-set/own-stage", test_own_stage);
  g_test_add_func ("/file-set/inputs", test_inputs);

  return g_test_run ();
}
