/* app-test-util.c — folders for the application tests
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "app-test-util.h"

/**
 * lda_test_copy_sample:
 * @prefix: start of the temporary folder's name
 *
 * A fresh folder holding a copy of the bundled sample triple, so that what
 * the application saves beside the images stays out of the source tree.
 *
 * Returns: (transfer full): the folder
 */
char *
lda_test_copy_sample (const char *prefix)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    {
      g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channels[c]);
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);

      g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return dir;
}

/* Removes a file, or a folder with everything in it. */
void
lda_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      lda_test_remove_tree (child);
    }
  g_rmdir (path);
}
