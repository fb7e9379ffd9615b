/* lda-counts-table.c — counts.csv and the JSON summaries
 *
 * counts.csv has one row per frame and the same columns whoever writes it
 * (the window's export, `livedead export`, `livedead batch`):
 *
 *   frame,time_index,time_h,cells,live,dead,dead_fraction,
 *   mean_cell_area_px,mean_cell_area_um2,labels,params,field
 *
 * Fields are quoted as RFC 4180 says (a field holding a comma, a quote, a
 * CR or LF is put in quotes, quotes doubled); lines end in LF.  time_h is
 * empty when the frame's time is not known, mean_cell_area_um2 when its
 * pixel size is not, dead_fraction and the mean cell areas when the frame
 * has no cells (null in JSON); field (last, so that the columns before keep their
 * places) is the well, position or field the frame shows, as the
 * dead-fraction plot's curves have it (lda_triple_field()), the folder's
 * name when the frame's name is its time alone, empty when the name says
 * no time.  Numbers never depend on the locale: they are
 * written with g_ascii_formatd().  The JSON summaries of the commands
 * hold the same rows, under the same names (data/livedead-summary.schema.json).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lda-counts-table.h"
#include "lda-key-file.h"
#include "lda-triple-fields.h"

static const char header[] =
  LDA_COUNTS_TABLE_SIGNATURE "time_h,cells,live,dead,dead_fraction,"
  "mean_cell_area_px,mean_cell_area_um2,labels,params,field\n";

/**
 * lda_params_tag:
 * @params: parameters
 *
 * Returns: (transfer full): the name of the preset @params equal, or
 *   "sha256:" and the first 16 hex digits of the SHA-256 of the
 *   parameter file they make (lda_params_save_to_key_file()): the same
 *   parameters give the same tag on every machine and in every locale
 */
char *
lda_params_tag (const LdaParams *params)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  g_autofree char *sum = NULL;
  LdaPreset preset;
  gsize length = 0;

  if (lda_params_get_preset (params, &preset))
    return g_strdup (lda_preset_name (preset));

  lda_params_save_to_key_file (params, key_file);
  data = g_key_file_to_data (key_file, &length, NULL);
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return g_strdup_printf ("sha256:%.16s", sum);
}

/**
 * lda_counts_row_new:
 * @frame: the frame's name
 * @time_index: its time index
 * @time_hours: its time in hours, or NAN
 * @pixel_size_um: its pixel size in µm, or 0
 * @counts: its counts
 * @labels: its label mask's file, relative to the table
 * @params: (nullable): the parameters it was segmented with
 *
 * Returns: (transfer full): a row of counts.csv
 */
LdaCountsRow *
lda_counts_row_new (const char      *frame,
                    guint            time_index,
                    double           time_hours,
                    double           pixel_size_um,
                    const LdaCounts *counts,
                    const char      *labels,
                    const LdaParams *params)
{
  LdaCountsRow *row = g_new0 (LdaCountsRow, 1);

  row->frame = g_strdup (frame);
  row->time_index = time_index;
  row->time_hours = time_hours;
  row->pixel_size_um = pixel_size_um;
  row->cells = counts->n_objects;
  row->live = counts->live;
  row->dead = counts->dead;
  row->dead_fraction = counts->dead_fraction;
  row->mean_cell_area = counts->mean_cell_area;
  row->labels = g_strdup (labels);
  row->params = params != NULL ? lda_params_tag (params) : g_strdup ("");
  row->field = g_strdup ("");
  for (guint c = 0; c < G_N_ELEMENTS (row->thresholds); c++)
    row->thresholds[c] = -1;

  return row;
}

/**
 * lda_counts_row_set_field:
 * @row: a row
 * @triple: the frame's triple
 * @paged: whether the frame is a page of a triple of several
 *
 * Sets the row's field to the title lda_triple_field() gives.  Where the
 * name is its time alone (t04, t10, …: the folder holds one field), the
 * field is the folder's name: an empty one is a missing value to pandas,
 * whose groupby("field") would leave those rows out.  Empty where the
 * name says no time.
 */
void
lda_counts_row_set_field (LdaCountsRow    *row,
                          const LdaTriple *triple,
                          gboolean         paged)
{
  g_autofree char *key = NULL;
  char *title = NULL;

  key = lda_triple_field (triple, paged, &title);
  if (key != NULL && title == NULL && triple->paths[LDA_INPUT_BRIGHTFIELD] != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (triple->paths[LDA_INPUT_BRIGHTFIELD]);
      g_autofree char *absolute = g_canonicalize_filename (folder, NULL);

      title = g_path_get_basename (absolute);
    }
  g_free (row->field);
  row->field = title != NULL ? title : g_strdup ("");
}

void
lda_counts_row_free (LdaCountsRow *row)
{
  if (row == NULL)
    return;

  g_free (row->field);
  g_free (row->frame);
  g_free (row->labels);
  g_free (row->params);
  g_free (row);
}

/**
 * lda_csv_append_field:
 * @csv: a table being written
 * @text: a field
 *
 * Appends @text, in quotes with its quotes doubled when it holds a comma,
 * a quote, a CR or an LF (RFC 4180).
 */
void
lda_csv_append_field (GString    *csv,
                      const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_formatted (GString    *out,
                  const char *format,
                  double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* The mean cell area in µm², or NAN when the pixel size is unknown or
 * there are no cells. */
static double
area_um2 (const LdaCountsRow *row)
{
  if (row->cells == 0 || !(row->pixel_size_um > 0) || !isfinite (row->pixel_size_um))
    return NAN;
  return row->mean_cell_area * row->pixel_size_um * row->pixel_size_um;
}

/**
 * lda_counts_table_csv:
 * @rows: (element-type LdaCountsRow): the rows
 *
 * Returns: (transfer full): counts.csv
 */
char *
lda_counts_table_csv (GPtrArray *rows)
{
  GString *csv = g_string_new (header);

  for (guint i = 0; i < rows->len; i++)
    {
      const LdaCountsRow *row = g_ptr_array_index (rows, i);
      double um2 = area_um2 (row);

      lda_csv_append_field (csv, row->frame);
      g_string_append_printf (csv, ",%u,", row->time_index);
      if (isfinite (row->time_hours))
        append_formatted (csv, "%.4f", row->time_hours);
      g_string_append_printf (csv, ",%u,%u,%u,", row->cells, row->live, row->dead);
      /* Without cells there is no fraction and no mean: empty, as a
       * spreadsheet or pandas reads a missing value, not 0. */
      if (row->cells > 0)
        append_formatted (csv, "%.6f", row->dead_fraction);
      g_string_append_c (csv, ',');
      if (row->cells > 0)
        append_formatted (csv, "%.2f", row->mean_cell_area);
      g_string_append_c (csv, ',');
      if (isfinite (um2))
        append_formatted (csv, "%.3f", um2);
      g_string_append_c (csv, ',');
      lda_csv_append_field (csv, row->labels);
      g_string_append_c (csv, ',');
      lda_csv_append_field (csv, row->params);
      g_string_append_c (csv, ',');
      lda_csv_append_field (csv, row->field);
      g_string_append_c (csv, '\n');
    }

  return g_string_free (csv, FALSE);
}

/**
 * lda_json_append_string:
 * @json: JSON being written
 * @text: UTF-8 text (bytes that are not are replaced)
 *
 * Appends @text as a JSON string.
 */
void
lda_json_append_string (GString    *json,
                        const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (json, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (json, "\\%c", c);
      else if (c == '\n')
        g_string_append (json, "\\n");
      else if (c == '\r')
        g_string_append (json, "\\r");
      else if (c == '\t')
        g_string_append (json, "\\t");
      else if (c < 0x20)
        g_string_append_printf (json, "\\u%04x", c);
      else
        g_string_append_c (json, (char) c);
    }
  g_string_append_c (json, '"');
}

/**
 * lda_json_append_number:
 * @json: JSON being written
 * @value: a number
 *
 * Appends @value in the shortest form that reads back exactly, whatever
 * the locale, or null when it is not finite.
 */
void
lda_json_append_number (GString *json,
                        double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (json, "null");
  else
    g_string_append (json, lda_ascii_dtostr_short (buffer, value));
}

/**
 * lda_counts_table_json:
 * @json: JSON being written
 * @rows: (element-type LdaCountsRow): the rows
 *
 * Appends the rows as a JSON array of objects with the names of the
 * columns of counts.csv (and "thresholds" where they are known).
 */
void
lda_counts_table_json (GString   *json,
                       GPtrArray *rows)
{
  static const char * const channels[] = { "cell_area", "hoechst", "draq7" };

  g_string_append_c (json, '[');
  for (guint i = 0; i < rows->len; i++)
    {
      const LdaCountsRow *row = g_ptr_array_index (rows, i);

      g_string_append (json, i > 0 ? ",\n    {" : "\n    {");
      g_string_append (json, "\"frame\": ");
      lda_json_append_string (json, row->frame);
      g_string_append_printf (json, ", \"time_index\": %u, \"time_h\": ", row->time_index);
      lda_json_append_number (json, row->time_hours);
      g_string_append_printf (json, ", \"cells\": %u, \"live\": %u, \"dead\": %u, "
                              "\"dead_fraction\": ", row->cells, row->live, row->dead);
      lda_json_append_number (json, row->cells > 0 ? row->dead_fraction : NAN);
      g_string_append (json, ", \"mean_cell_area_px\": ");
      lda_json_append_number (json, row->cells > 0 ? row->mean_cell_area : NAN);
      g_string_append (json, ", \"mean_cell_area_um2\": ");
      lda_json_append_number (json, area_um2 (row));
      g_string_append (json, ", \"labels\": ");
      lda_json_append_string (json, row->labels);
      g_string_append (json, ", \"params\": ");
      lda_json_append_string (json, row->params);
      g_string_append (json, ", \"field\": ");
      lda_json_append_string (json, row->field);
      if (row->thresholds[0] >= 0)
        {
          g_string_append (json, ", \"thresholds\": {");
          for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
            g_string_append_printf (json, "%s\"%s\": %" G_GINT64_FORMAT, c > 0 ? ", " : "",
                                    channels[c], row->thresholds[c]);
          g_string_append_c (json, '}');
        }
      g_string_append_c (json, '}');
    }
  g_string_append (json, rows->len > 0 ? "\n  ]" : "]");
}

/**
 * lda_counts_totals_json:
 * @json: JSON being written
 * @rows: (element-type LdaCountsRow): the rows
 *
 * Appends {"frames": …, "cells": …, "live": …, "dead": …,
 * "dead_fraction": …} over all rows.
 */
void
lda_counts_totals_json (GString   *json,
                        GPtrArray *rows)
{
  guint64 live = 0, dead = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const LdaCountsRow *row = g_ptr_array_index (rows, i);

      live += row->live;
      dead += row->dead;
    }

  g_string_append_printf (json, "{\"frames\": %u, \"cells\": %" G_GUINT64_FORMAT
                          ", \"live\": %" G_GUINT64_FORMAT ", \"dead\": %" G_GUINT64_FORMAT
                          ", \"dead_fraction\": ", rows->len, live + dead, live, dead);
  lda_json_append_number (json, live + dead > 0 ? (double) dead / (double) (live + dead) : NAN);
  g_string_append_c (json, '}');
}
