/* lda-export-manifest.c — which files an export wrote, so that the next
 * export into the same folder replaces it whole
 *
 * An export into a folder that holds an earlier one replaces the files
 * both write; the earlier export's other files (frames not exported
 * again, a layout not chosen again) would stay, and a training tool
 * would read masks that counts.csv and dataset.json no longer list.  So
 * every export leaves a list of the files it wrote, relative to its
 * folder, in the folder's hidden ".livedead-export"; the next export
 * removes, once its own files are in place, those of the list that it
 * does not write again — files this program made, and nothing else: a
 * line that is not a plain relative path inside the folder, or a path
 * that is no longer a regular file, is left alone.  The earlier export's
 * files are only ever removed when the export was told to replace files
 * (the window asks first).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "lda-export-manifest.h"
#include "lda-project.h"

#define MANIFEST_FILE ".livedead-export"

char *
lda_export_manifest_path (const char *folder)
{
  return g_build_filename (folder, MANIFEST_FILE, NULL);
}

/* @path relative to @folder, or %NULL if it is not inside it.  The
 * paths are built from @folder as given: "out/", "out" and "./out" each
 * begin their own paths, a separator at @folder's end left out. */
static const char *
relative_to (const char *folder,
             const char *path)
{
  gsize n = strlen (folder);

  while (n > 1 && folder[n - 1] == G_DIR_SEPARATOR)
    n--;
  if (strncmp (path, folder, n) != 0 || path[n] != G_DIR_SEPARATOR || path[n + 1] == '\0')
    return NULL;
  return path + n + 1;
}

/**
 * lda_export_manifest_text:
 * @folder: the export folder
 * @targets: (element-type filename): the files the export writes
 * @left: (element-type filename) (nullable): files of an earlier export
 *   still to be removed, listed too until they are
 *
 * Returns: (transfer full): the list to write, one path relative to
 *   @folder a line
 */
char *
lda_export_manifest_text (const char *folder,
                          GPtrArray  *targets,
                          GPtrArray  *left)
{
  GString *text = g_string_new (NULL);
  GPtrArray *lists[2] = { targets, left };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const char *relative = relative_to (folder, g_ptr_array_index (lists[l], i));

        /* Not itself. */
        if (relative != NULL && strcmp (relative, MANIFEST_FILE) != 0)
          g_string_append_printf (text, "%s\n", relative);
      }

  return g_string_free (text, FALSE);
}

/* A line of the list that names a file an export writes inside the
 * folder: relative, no empty, "." or ".." part, nothing hidden (the
 * staging folders, the list) and nothing of the project the window
 * keeps beside the images. */
static gboolean
is_inside (const char *line)
{
  g_auto(GStrv) parts = NULL;

  if (line[0] == '\0' || g_path_is_absolute (line) || strchr (line, '\\') != NULL)
    return FALSE;
  parts = g_strsplit (line, "/", -1);
  if (strcmp (parts[0], LDA_PROJECT_FOLDER_NAME) == 0)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || parts[i][0] == '.')
      return FALSE;

  return TRUE;
}

/* A name as a case-insensitive file system sees it: the export gives no
 * two files names that differ only in case. */
static char *
folded (const char *name)
{
  return g_ascii_strdown (name, -1);
}

/**
 * lda_export_manifest_stale:
 * @folder: the export folder
 * @targets: (element-type filename): the files the coming export writes
 *
 * The files an earlier export into @folder wrote (its list) that the
 * coming one does not write again, and that are still regular files.
 *
 * Returns: (transfer full) (element-type filename): their paths, maybe
 *   none
 */
GPtrArray *
lda_export_manifest_stale (const char *folder,
                           GPtrArray  *targets)
{
  GPtrArray *stale = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *manifest = lda_export_manifest_path (folder);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (manifest, &text, NULL, NULL))
    return stale;

  for (guint i = 0; i < targets->len; i++)
    {
      const char *relative = relative_to (folder, g_ptr_array_index (targets, i));

      if (relative != NULL)
        g_hash_table_add (written, folded (relative));
    }

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      GStatBuf st;

      if (!is_inside (lines[i]))
        continue;
      key = folded (lines[i]);
      if (g_hash_table_contains (written, key))
        continue;
      path = g_build_filename (folder, lines[i], NULL);
      /* lstat: a link put in its place is not what the export wrote. */
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
        g_ptr_array_add (stale, g_steal_pointer (&path));
    }

  return stale;
}

static gint
longer_first (gconstpointer a,
              gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/* Whether @path's folder is @folder or inside it, links resolved: a
 * link put in place of a subfolder leads elsewhere. */
static gboolean
parent_inside (const char *folder,
               const char *path)
{
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *real_folder = realpath (folder, NULL);
  g_autofree char *real_parent = realpath (parent, NULL);
  gsize n;

  if (real_folder == NULL || real_parent == NULL)
    return FALSE;
  n = strlen (real_folder);
  return strncmp (real_parent, real_folder, n) == 0 &&
         (real_parent[n] == '\0' || real_parent[n] == G_DIR_SEPARATOR || n == 1);
}

/**
 * lda_export_manifest_remove:
 * @folder: the export folder
 * @stale: (element-type filename): lda_export_manifest_stale()'s files
 * @keep: (scope call): says whether a file must stay all the same (an
 *   input, lda_file_set_check_target())
 * @user_data: for @keep
 *
 * Removes those of @stale that are still regular files in a folder
 * inside @folder (links resolved) and that @keep lets go, then the
 * folders inside @folder they leave empty.
 *
 * Returns: (transfer full) (element-type filename): the files left
 */
GPtrArray *
lda_export_manifest_remove (const char          *folder,
                            GPtrArray           *stale,
                            LdaExportManifestKeep keep,
                            gpointer             user_data)
{
  g_autoptr(GPtrArray) parents = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *left = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < stale->len; i++)
    {
      const char *path = g_ptr_array_index (stale, i);
      g_autofree char *parent = NULL;
      GStatBuf st;

      /* Checked again now: the export took a while. */
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (!parent_inside (folder, path) || keep (path, user_data) || g_unlink (path) != 0)
        {
          g_ptr_array_add (left, g_strdup (path));
          continue;
        }
      /* Every folder between the file and the export folder, deepest
       * first; removed only when empty. */
      parent = g_path_get_dirname (path);
      while (relative_to (folder, parent) != NULL)
        {
          char *up = g_path_get_dirname (parent);

          g_ptr_array_add (parents, g_steal_pointer (&parent));
          parent = up;
        }
    }

  /* A folder after those inside it: longer paths first. */
  g_ptr_array_sort (parents, longer_first);
  for (guint i = 0; i < parents->len; i++)
    g_rmdir (g_ptr_array_index (parents, i));

  return left;
}
