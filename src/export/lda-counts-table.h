/* lda-counts-table.h — counts.csv and the JSON summaries: one schema for
 * the window's export and every command
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-compose.h"
#include "lda-params.h"
#include "lda-triples.h"

G_BEGIN_DECLS

/* What every counts table this program writes begins with. */
#define LDA_COUNTS_TABLE_SIGNATURE "frame,time_index,"

/**
 * LdaCountsRow:
 * @frame: the frame's name (a triple's name, or an exported file stem)
 * @time_index: its time index
 * @time_hours: when it was taken, in hours, or NAN when unknown
 * @pixel_size_um: the side of a pixel in µm, or 0 when unknown
 * @cells: cells (nuclei)
 * @live: live cells
 * @dead: dead cells
 * @dead_fraction: dead / cells
 * @mean_cell_area: mean cell area in pixels
 * @labels: the label mask's file, relative to the table
 * @params: the parameters' preset name, or "sha256:" and 16 hex digits
 *   of the parameter file they make (lda_params_tag())
 * @thresholds: the cell-area, Hoechst and Draq7 thresholds, or -1 each
 *   when not known
 */
typedef struct
{
  char   *frame;
  guint   time_index;
  double  time_hours;
  double  pixel_size_um;
  guint   cells;
  guint   live;
  guint   dead;
  double  dead_fraction;
  double  mean_cell_area;
  char   *labels;
  char   *params;
  char   *field;
  gint64  thresholds[3];
} LdaCountsRow;

LdaCountsRow *lda_counts_row_new     (const char         *frame,
                                      guint               time_index,
                                      double              time_hours,
                                      double              pixel_size_um,
                                      const LdaCounts    *counts,
                                      const char         *labels,
                                      const LdaParams    *params);
void          lda_counts_row_set_field (LdaCountsRow     *row,
                                      const LdaTriple    *triple,
                                      gboolean            paged);
void          lda_counts_row_free    (LdaCountsRow       *row);
char         *lda_params_tag         (const LdaParams    *params);
void          lda_csv_append_field   (GString            *csv,
                                      const char         *text);
char         *lda_counts_table_csv   (GPtrArray          *rows);
void          lda_json_append_string (GString            *json,
                                      const char         *text);
void          lda_json_append_number (GString            *json,
                                      double              value);
void          lda_counts_table_json  (GString            *json,
                                      GPtrArray          *rows);
void          lda_counts_totals_json (GString            *json,
                                      GPtrArray          *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaCountsRow, lda_counts_row_free)

G_END_DECLS
