/* lda-cli-batch-targets.c — the masks a batch would replace, checked
 * before any work
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-cli-batch-private.h"
#include "lda-cli-output.h"

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

/**
 * lda_batch_check_masks:
 * @folder: an output folder
 * @set: a file set of @folder and the batch's inputs
 * @jobs: (element-type Job): the batch's jobs
 * @overwrite: whether any file may be replaced
 * @error: return location for an error
 *
 * The masks already in @folder that the jobs writing there would
 * replace: each must be an automatic result (lda_output_check()).  One
 * that is an input is left to its triple, which is refused as such
 * (@set) while the others are done.
 *
 * Returns: %FALSE with the first file that may not be replaced
 */
gboolean
lda_batch_check_masks (const char  *folder,
                       LdaFileSet  *set,
                       GPtrArray   *jobs,
                       gboolean     overwrite,
                       GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  if (overwrite || !(dir = g_dir_open (folder, 0, NULL)))
    return TRUE;
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

              if (lda_file_set_check_target (set, target, NULL) &&
                  !lda_output_check (folder, entry, NULL, FALSE, error))
                return FALSE;
              break;
            }
        }
    }

  return TRUE;
}
