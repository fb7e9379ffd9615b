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
 * LdaExportOptions:
 * @frames: (array length=n_frames) (nullable): the frames to export, or
 *   %NULL for all
 * @n_frames: how many
 * @training_layout: also write images/ (the input channels), masks/ (the
 *   labels) and classes.txt (value → class name)
 * @overwrite: replace files that exist; without it, an export that would
 *   replace any file fails with %LDA_ERROR_EXISTS before writing anything
 * @counts_rows: (nullable) (element-type LdaCountsRow): where to append
 *   the rows of counts.csv (lda-counts-table.h), for a summary
 */
typedef struct
{
  const guint *frames;
  guint        n_frames;
  gboolean     training_layout;
  gboolean     overwrite;
  GPtrArray   *counts_rows;
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

GPtrArray *lda_export_targets (LdaSeries              *series,
                               const char             *folder,
                               const LdaExportOptions *options);
gboolean   lda_export_run     (LdaSeries              *series,
                               GPtrArray              *edits,
                               const char             *folder,
                               const LdaExportOptions *options,
                               LdaExportProgress       progress,
                               gpointer                user_data,
                               GCancellable           *cancellable,
                               GError                **error);
gboolean   lda_plot_write     (LdaSeries              *series,
                               const guint            *frames,
                               guint                   n_frames,
                               const char             *png_path,
                               const char             *svg_path,
                               GError                **error);

G_END_DECLS
