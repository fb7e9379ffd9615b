/* lda-cli-json.c — the JSON summary that --json prints
 *
 * One object for segment, batch and export, described by
 * data/livedead-summary.schema.json: the command, the version, the output
 * folder, the counts file where one was written, one object per frame
 * with the columns of counts.csv (lda-counts-table.c), the triples that
 * failed and the totals.  Numbers are written the same in every locale.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "lda-cli.h"
#include "lda-counts-table.h"

/**
 * lda_cli_print_summary_json:
 * @command: "segment", "batch" or "export"
 * @output_dir: the output folder
 * @counts_path: (nullable): the counts.csv written
 * @rows: (element-type LdaCountsRow): a row per frame
 * @failed_json: (nullable): a JSON array of {"triple", "message"}
 *   objects, or %NULL for none
 *
 * Prints the summary on stdout.
 */
void
lda_cli_print_summary_json (const char *command,
                            const char *output_dir,
                            const char *counts_path,
                            GPtrArray  *rows,
                            const char *failed_json)
{
  g_autoptr(GString) json = g_string_new ("{\n  \"command\": ");

  lda_json_append_string (json, command);
  g_string_append (json, ",\n  \"version\": ");
  lda_json_append_string (json, PACKAGE_VERSION);
  g_string_append (json, ",\n  \"output\": ");
  lda_json_append_string (json, output_dir);
  g_string_append (json, ",\n  \"counts\": ");
  if (counts_path != NULL)
    lda_json_append_string (json, counts_path);
  else
    g_string_append (json, "null");
  g_string_append (json, ",\n  \"frames\": ");
  lda_counts_table_json (json, rows);
  g_string_append_printf (json, ",\n  \"failed\": %s,\n  \"totals\": ",
                          failed_json != NULL ? failed_json : "[]");
  lda_counts_totals_json (json, rows);
  g_string_append (json, "\n}\n");

  fputs (json->str, stdout);
  fflush (stdout);
}
