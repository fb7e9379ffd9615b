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
 * that is no longer a regular file, is left alone.  Each line also holds
 * the file's size and a hash of its bytes as the export wrote it: a file
 * changed or replaced since (a person's own classes.json in its place) is
 * no longer the export's and stays.  The earlier export's
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
#include "lda-file-read.h"
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
 * @stage: (nullable): where @targets are written until they are put in
 *   place (lda_file_set_staged_path()); %NULL once they are
 *
 * Returns: (transfer full): the list to write, one path relative to
 *   @folder a line, a tab and the file's fingerprint after it
 */
char *
lda_export_manifest_text (const char *folder,
                          GPtrArray  *targets,
                          GPtrArray  *left,
                          LdaFileSet *stage)
{
  GString *text = g_string_new (NULL);
  GPtrArray *lists[2] = { targets, left };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      {
        const char *path = g_ptr_array_index (lists[l], i);
        const char *relative = relative_to (folder, path);
        const char *now = l == 0 && stage != NULL ? lda_file_set_staged_path (stage, path) : path;
        g_autofree char *print = NULL;

        /* Not itself. */
        if (relative == NULL || strcmp (relative, MANIFEST_FILE) == 0)
          continue;
        if (now != NULL)
          print = lda_file_fingerprint (now);
        if (print != NULL)
          g_string_append_printf (text, "%s\t%s\n", relative, print);
        else
          g_string_append_printf (text, "%s\n", relative);
      }

  return g_string_free (text, FALSE);
}

/* The list of @folder: each listed path, relative, to its fingerprint
 * ("" where the line has none: an export before fingerprints, or one
 * that did not finish); the paths in the list's order in @order. */
static GHashTable *
read_list (const char  *folder,
           GPtrArray  **order)
{
  g_autofree char *manifest = lda_export_manifest_path (folder);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (order != NULL)
    *order = g_ptr_array_new_with_free_func (g_free);
  if (!g_file_get_contents (manifest, &text, NULL, NULL))
    return listed;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab != NULL)
        *tab = '\0';
      if (order != NULL && !g_hash_table_contains (listed, lines[i]))
        g_ptr_array_add (*order, g_strdup (lines[i]));
      g_hash_table_replace (listed, g_strdup (lines[i]), g_strdup (tab != NULL ? tab + 1 : ""));
    }
  return listed;
}

/* Whether @path is still the file the list says, as far as it says. */
static gboolean
unchanged (const char *path,
           const char *print)
{
  g_autofree char *now = NULL;

  if (print[0] == '\0')
    return TRUE;
  now = lda_file_fingerprint (path);
  return now != NULL && strcmp (now, print) == 0;
}

/**
 * lda_export_manifest_holds:
 * @folder: a folder
 * @name: a file's path relative to @folder
 *
 * Whether @name is a file the last export into @folder wrote, as it wrote
 * it: its list names it, and the file is unchanged since, as far as the
 * list says.  Other commands leave such a file alone.
 *
 * Returns: %TRUE if the export's
 */
gboolean
lda_export_manifest_holds (const char *folder,
                           const char *name)
{
  g_autoptr(GHashTable) listed = read_list (folder, NULL);
  g_autofree char *path = NULL;
  const char *print = g_hash_table_lookup (listed, name);

  if (print == NULL)
    return FALSE;
  path = g_build_filename (folder, name, NULL);

  return unchanged (path, print);
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
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) listed = read_list (folder, &lines);
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < targets->len; i++)
    {
      const char *relative = relative_to (folder, g_ptr_array_index (targets, i));

      if (relative != NULL)
        g_hash_table_add (written, folded (relative));
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *print = g_hash_table_lookup (listed, line);
      g_autofree char *path = NULL;
      g_autofree char *key = NULL;
      GStatBuf st;

      if (!is_inside (line))
        continue;
      key = folded (line);
      if (g_hash_table_contains (written, key))
        continue;
      path = g_build_filename (folder, line, NULL);
      /* lstat: a link put in its place is not what the export wrote;
       * nor is a file changed since. */
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && unchanged (path, print))
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
  g_autoptr(GHashTable) listed = read_list (folder, NULL);
  GPtrArray *left = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < stale->len; i++)
    {
      const char *path = g_ptr_array_index (stale, i);
      const char *relative = relative_to (folder, path);
      const char *print = relative != NULL ? g_hash_table_lookup (listed, relative) : NULL;
      g_autofree char *parent = NULL;
      GStatBuf st;

      /* Checked again now: the export took a while.  The list in the
       * folder is the new export's, which holds these files with the
       * fingerprints they had when it began. */
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode) ||
          !unchanged (path, print != NULL ? print : ""))
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
