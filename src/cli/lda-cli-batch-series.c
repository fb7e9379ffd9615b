/* lda-cli-batch-series.c — livedead batch over a folder of several wells
 * or positions: choosing one, a folder and counts of each, their time
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lda-cli.h"
#include "lda-cli-batch-private.h"
#include "lda-cli-output.h"
#include "lda-counts-table.h"
#include "lda-error.h"
#include "lda-series.h"
#include "lda-time-store.h"
#include "lda-triples.h"

/* Keeps the triples of one well or position. */
gboolean
lda_batch_keep_series (GPtrArray   *triples,
                       const char  *series,
                       GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) all = g_string_new (NULL);
  guint kept = 0;

  /* The folder's wells, in its order, for the message. */
  for (guint i = 0; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      if (triple->series != NULL && g_hash_table_add (seen, triple->series))
        g_string_append_printf (all, "%s%s", all->len > 0 ? ", " : "", triple->series);
    }

  for (guint i = triples->len; i > 0; i--)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i - 1);

      if (g_strcmp0 (triple->series, series) != 0)
        g_ptr_array_remove_index (triples, i - 1);
      else
        kept++;
    }

  if (kept == 0 && all->len > 0)
    g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
                 _("no series “%s”; the folder holds %s"), series, all->str);
  else if (kept == 0)
    g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
                 _("no series “%s” (wells such as A1_1, positions such as Pos0)"), series);
  return kept > 0;
}

/* Warnings about triples that are read all the same (Micro-Manager
 * metadata that do not give the time), each once. */
void
lda_batch_print_notes (GPtrArray *triples)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      if (triple->note != NULL && g_hash_table_add (seen, triple->note))
        lda_cli_error (_("warning: %s"), triple->note);
    }
}

/* The wells or positions of @triples, in their order, when there are
 * several; %NULL for one or none. */
GPtrArray *
lda_batch_list_series (GPtrArray *triples)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      if (triple->series != NULL &&
          !g_ptr_array_find_with_equal_func (names, triple->series, g_str_equal, NULL))
        g_ptr_array_add (names, triple->series);
    }

  return names->len > 1 ? g_steal_pointer (&names) : NULL;
}

/* The time between frames: --interval, else the one the window keeps for
 * the series (named as lda_series_new_from_folder_full() names it). */
double
lda_batch_job_interval (const Batch     *batch,
                        const char      *folder,
                        const LdaTriple *triple,
                        gboolean         several)
{
  g_autofree char *base = g_path_get_basename (folder);
  g_autofree char *name = NULL;
  double hours = 0.0;

  if (batch->interval_hours > 0.0)
    return batch->interval_hours;

  name = several && triple->series != NULL ? g_strdup_printf ("%s %s", base, triple->series)
                                           : g_strdup (base);
  if (!lda_time_store_load (folder, name, &hours, NULL))
    return 0.0;
  return hours;
}

/* OUTDIR/SERIES for a folder of several wells or positions: each gets a
 * folder of its own, with its masks and its counts. */
char *
lda_batch_series_output_dir (const char      *output_dir,
                             const LdaTriple *triple,
                             gboolean         per_series)
{
  g_autofree char *safe = NULL;

  if (!per_series || triple->series == NULL)
    return g_strdup (output_dir);

  safe = g_strdelimit (g_strdup (triple->series), "/\\", '_');
  if (safe[0] == '.')
    safe[0] = '_';
  return g_build_filename (output_dir, safe, NULL);
}

/* Each series' own counts file, beside its masks, and a line for it.
 * Then the rows name their masks from @output_dir, where the table of
 * every series goes next: "A1_1/A1_1_t0_labels.tif". */
gboolean
lda_batch_write_series_counts (GPtrArray          *jobs,
                               const char         *output_dir,
                               GPtrArray          *series,
                               const char * const *inputs,
                               const char         *csv_name,
                               gboolean            json,
                               gboolean            overwrite,
                               GError            **error)
{
  for (guint s = 0; s < series->len; s++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autofree char *csv = NULL;
      const char *dir = NULL;
      guint done = 0;

      for (guint i = 0; i < jobs->len; i++)
        {
          Job *job = g_ptr_array_index (jobs, i);

          if (g_strcmp0 (job->triple->series, g_ptr_array_index (series, s)) != 0)
            continue;
          dir = job->output_dir;
          done += job->failed ? 0 : 1;
          for (guint r = 0; r < job->rows->len; r++)
            g_ptr_array_add (rows, g_ptr_array_index (job->rows, r));
        }
      if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
        continue;

      csv = lda_counts_table_csv (rows);
      if (!lda_batch_write_counts (dir, inputs, csv_name, csv, overwrite, error))
        return FALSE;
      if (!json)
        {
          fprintf (stdout, "%s: ", (const char *) g_ptr_array_index (series, s));
          lda_batch_print_summary (stdout, rows, done, dir, csv_name);
        }
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_autofree char *sub = NULL;

      if (g_strcmp0 (job->output_dir, output_dir) == 0)
        continue;
      sub = g_path_get_basename (job->output_dir);
      for (guint r = 0; r < job->rows->len; r++)
        {
          LdaCountsRow *row = g_ptr_array_index (job->rows, r);
          char *labels;

          if (row->labels == NULL)
            continue;
          labels = g_strconcat (sub, "/", row->labels, NULL);
          g_free (row->labels);
          row->labels = labels;
        }
    }

  return TRUE;
}
