/* lda-export.h — label masks, training layout, counts and plot for
 * training a network; the same files from the window and from
 * `livedead export`
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-edits.h"
#include "lda-series.h"

G_BEGIN_DECLS

/**
 * LdaExportLayout:
 * @LDA_EXPORT_LAYOUT_PLAIN: the label masks, counts.csv and the plot
 * @LDA_EXPORT_LAYOUT_PAIRS: also images/<frame>.tif (bf, hoechst, draq7 as
 *   pages) and masks/<frame>.tif
 * @LDA_EXPORT_LAYOUT_NNUNET: also nnU-Net v2's imagesTr/, labelsTr/ and
 *   dataset.json
 * @LDA_EXPORT_LAYOUT_INSTANCES: also 16-bit instance labels of nuclei and
 *   cells, and image + mask pairs the Cellpose way
 *
 * Every layout but plain also writes classes.json.
 */
typedef enum
{
  LDA_EXPORT_LAYOUT_PLAIN,
  LDA_EXPORT_LAYOUT_PAIRS,
  LDA_EXPORT_LAYOUT_NNUNET,
  LDA_EXPORT_LAYOUT_INSTANCES,
  LDA_N_EXPORT_LAYOUTS
} LdaExportLayout;

/**
 * LdaExportOptions:
 * @frames: (array length=n_frames) (nullable): the frames to export, or
 *   %NULL for all
 * @n_frames: how many
 * @training_layout: the same as @layout %LDA_EXPORT_LAYOUT_PAIRS (when
 *   @layout is plain)
 * @overwrite: replace files that exist; without it, an export that would
 *   replace any file fails with %LDA_ERROR_EXISTS before writing anything
 * @layout: the files to write besides the plain ones
 * @val_fraction: 0 for no split; otherwise about this fraction of the
 *   frames goes to validation (see lda_export_is_validation())
 * @val_by_field: split by field, well or position rather than by frame:
 *   the frames of a field all go to the same side (lda-export-split.c)
 * @seed: the seed of the split
 * @counts_rows: (nullable) (element-type LdaCountsRow): where to append
 *   the rows of counts.csv (lda-counts-table.h), for a summary
 * @notices: (nullable) (element-type utf8): where to append a line for
 *   each image with no contrast (every pixel one value: a failed
 *   acquisition), whose frame's mask says nothing of it, for the person
 *   to look at before training on it
 * @validation: (skip): the exporter's own (the frames a split by field
 *   sends to validation); leave it %NULL
 */
typedef struct
{
  const guint     *frames;
  guint            n_frames;
  gboolean         training_layout;
  gboolean         overwrite;
  LdaExportLayout  layout;
  double           val_fraction;
  gboolean         val_by_field;
  guint32          seed;
  GPtrArray       *counts_rows;
  GPtrArray       *notices;
  GHashTable      *validation;
} LdaExportOptions;

/**
 * LdaExportProgress:
 * @done: frames finished
 * @total: frames to export
 * @user_data: closure
 *
 * Called from the exporting thread after each frame.
 */
typedef void (*LdaExportProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

const char *lda_export_layout_name  (LdaExportLayout  layout);
gboolean    lda_export_layout_parse (const char      *name,
                                     LdaExportLayout *layout);
gboolean    lda_export_is_validation (const char     *stem,
                                      guint32         seed,
                                      double          val_fraction);

GPtrArray *lda_export_targets (LdaSeries              *series,
                               const char             *folder,
                               const LdaExportOptions *options);
GPtrArray *lda_export_stale_files (LdaSeries            *series,
                                   const char           *folder,
                                   const LdaExportOptions *options);
guint      lda_export_count_existing (LdaSeries              *series,
                                      const char             *folder,
                                      const LdaExportOptions *options,
                                      guint                  *n_stale);
gboolean   lda_export_run     (LdaSeries              *series,
                               GPtrArray              *edits,
                               const char             *folder,
                               const LdaExportOptions *options,
                               LdaExportProgress       progress,
                               gpointer                user_data,
                               GCancellable           *cancellable,
                               GError                **error);

G_END_DECLS
