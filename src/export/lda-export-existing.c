/* lda-export-existing.c — what an export would replace, for the
 * question asked before it does
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-export.h"
#include "lda-export-manifest.h"

/**
 * lda_export_count_existing:
 * @series: what would be exported
 * @folder: where to
 * @options: how
 * @n_stale: (out): how many files of an earlier export the export would
 *   remove (lda_export_stale_files())
 *
 * For the question before an export replaces files.
 *
 * Returns: how many of the files the export would write exist already,
 *   not counting the hidden list of an earlier export's files, which the
 *   person never saw
 */
guint
lda_export_count_existing (LdaSeries              *series,
                           const char             *folder,
                           const LdaExportOptions *options,
                           guint                  *n_stale)
{
  g_autoptr(GPtrArray) targets = lda_export_targets (series, folder, options);
  g_autoptr(GPtrArray) stale = lda_export_stale_files (series, folder, options);
  g_autofree char *manifest = lda_export_manifest_path (folder);
  guint existing = 0;

  for (guint i = 0; i < targets->len; i++)
    if (g_file_test (g_ptr_array_index (targets, i), G_FILE_TEST_EXISTS) &&
        !g_str_equal (g_ptr_array_index (targets, i), manifest))
      existing++;
  *n_stale = stale->len;

  return existing;
}
