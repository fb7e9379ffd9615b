/* lda-cli-batch-targets.c — the masks a batch would replace, checked
 * before any work, and those of a triple that failed, removed after
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <unistd.h>

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lda-cli-batch-private.h"
#include "lda-cli-output.h"
#include "lda-error.h"
#include "lda-file-set.h"
#include "lda-tiff-meta.h"

/* Whether @stem is @name's mask stem: NAME, or NAME_tPPP for a page of a
 * multi-page series. */
static gboolean
is_mask_stem (const char *stem,
              const char *name)
{
  const gsize n = strlen (name);
  const char *page = stem + n;

  if (strncmp (stem, name, n) != 0)
    return FALSE;
  if (*page == '\0')
    return TRUE;
  if (!g_str_has_prefix (page, "_t") || page[2] == '\0')
    return FALSE;
  for (page += 2; *page != '\0'; page++)
    if (!g_ascii_isdigit (*page))
      return FALSE;
  return TRUE;
}

#define NAMED_AT_MOST 3

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The masks of @folder in @refused, sorted, the first few by name. */
static void
refused_error (const char  *folder,
               GPtrArray   *refused,
               GError     **error)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_ptr_array_sort (refused, compare_names);
  for (guint i = 0; i < MIN (refused->len, NAMED_AT_MOST); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (refused, i));
  if (refused->len > NAMED_AT_MOST)
    /* Translators: a list of file names goes before, a number in it */
    g_string_append_printf (names, ngettext (" and %u more", " and %u more",
                                             refused->len - NAMED_AT_MOST),
                            refused->len - NAMED_AT_MOST);
  g_set_error (error, LDA_ERROR, LDA_ERROR_EXISTS,
               _("%s: %u files already there were not written by livedead segment or batch "
                 "(%s); write into another folder, or add --overwrite to replace them"),
               folder, refused->len, names->str);
}

/* %TRUE if nothing is in @refused; else %FALSE with *@first for one,
 * refused_error() for more. */
static gboolean
refused_or_not (const char  *folder,
                GPtrArray   *refused,
                GError     **first,
                GError     **error)
{
  if (refused->len == 0)
    return TRUE;
  if (refused->len == 1)
    g_propagate_error (error, g_steal_pointer (first));
  else
    refused_error (folder, refused, error);
  return FALSE;
}

/**
 * lda_batch_check_masks:
 * @folder: an output folder
 * @set: a file set of @folder and the batch's inputs
 * @jobs: (element-type Job): the batch's jobs
 * @overwrite: whether any file may be replaced
 * @also: (nullable): another file of @folder already refused, with
 *   @also_error, named with the masks
 * @also_error: (nullable) (transfer full): why @also was refused
 * @error: return location for an error
 *
 * The masks already in @folder that the jobs writing there would
 * replace: each must be an automatic result (lda_output_check()).  One
 * that is an input is left to its triple, which is refused as such
 * (@set) while the others are done.  All that may not be replaced are
 * named at once (the first few, and how many), not one a run.
 *
 * Returns: %FALSE with the files that may not be replaced
 */
gboolean
lda_batch_check_masks (const char  *folder,
                       LdaFileSet  *set,
                       GPtrArray   *jobs,
                       gboolean     overwrite,
                       const char  *also,
                       GError      *also_error,
                       GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) first = also_error;
  const char *entry;

  if (also != NULL)
    g_ptr_array_add (refused, g_strdup (also));
  if (overwrite || !(dir = g_dir_open (folder, 0, NULL)))
    return refused_or_not (folder, refused, &first, error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stem = NULL;

      if (!g_str_has_suffix (entry, "_labels.tif"))
        continue;
      stem = g_strndup (entry, strlen (entry) - strlen ("_labels.tif"));
      for (guint i = 0; i < jobs->len; i++)
        {
          const Job *job = g_ptr_array_index (jobs, i);

          if (g_str_equal (job->output_dir, folder) && is_mask_stem (stem, job->triple->name))
            {
              g_autofree char *target = g_build_filename (folder, entry, NULL);

              g_autoptr(GError) local = NULL;

              if (lda_file_set_check_target (set, target, NULL) &&
                  !lda_output_check (folder, entry, NULL, FALSE, &local))
                {
                  /* Another failure than a file there that is not ours
                   * stops the check at once. */
                  if (!g_error_matches (local, LDA_ERROR, LDA_ERROR_EXISTS))
                    {
                      g_propagate_error (error, g_steal_pointer (&local));
                      return FALSE;
                    }
                  if (first == NULL)
                    first = g_steal_pointer (&local);
                  g_ptr_array_add (refused, g_strdup (entry));
                }
              break;
            }
        }
    }

  return refused_or_not (folder, refused, &first, error);
}

/**
 * lda_batch_remove_stale:
 * @job: a job that failed
 * @inputs: (array zero-terminated=1): every file of the batch; none is
 *   removed
 *
 * Removes the masks of @job's triple that an earlier run left in its
 * folder, automatic results of livedead segment or batch only (signed so
 * in their Software tag): the folder would hold a result of other
 * parameters that counts.csv no longer lists.  Says so, a line each.
 */
void
lda_batch_remove_stale (Job                *job,
                        const char * const *inputs)
{
  g_autoptr(GDir) dir = g_dir_open (job->output_dir, 0, NULL);
  g_autoptr(LdaFileSet) set = NULL;
  const char *entry;

  if (dir == NULL)
    return;
  set = lda_file_set_new (job->output_dir, inputs);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stem = NULL;
      g_autofree char *target = NULL;
      g_auto(LdaTiffMeta) meta = { 0, };

      if (!g_str_has_suffix (entry, "_labels.tif"))
        continue;
      stem = g_strndup (entry, strlen (entry) - strlen ("_labels.tif"));
      if (!is_mask_stem (stem, job->triple->name))
        continue;
      target = g_build_filename (job->output_dir, entry, NULL);
      /* Ours, no input, and not made read-only: only then. */
      if (!lda_file_set_check_target (set, target, NULL) ||
          !lda_tiff_read_meta (target, &meta, NULL) || !meta.automatic ||
          access (target, W_OK) != 0)
        continue;
      if (g_remove (target) == 0)
        lda_cli_error (_("%s: removed, the result of an earlier run: the folder holds no "
                         "result that counts.csv does not list"), target);
    }
}

