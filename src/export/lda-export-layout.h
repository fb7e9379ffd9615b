/* lda-export-layout.h — the files of each export layout
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-export.h"
#include "lda-export-tiff.h"
#include "lda-file-set.h"
#include "lda-pipeline.h"
#include "lda-triples.h"

G_BEGIN_DECLS

#define LDA_N_CLASSES 5

/* Pixels of each class over the training frames, for classes.json. */
typedef struct
{
  guint64 pixels[LDA_N_CLASSES];
  guint64 present[LDA_N_CLASSES];  /* pixels of the frames that have the class */
  guint   n_frames;
} LdaClassStats;

/* One frame's share of a layout. */
typedef struct
{
  const LdaExportOptions  *options;
  const char              *folder;
  const char              *stem;
  LdaPipeline             *pipeline;
  const LdaTriple         *triple;
  guint                    page;
  const LdaImage          *labels;
  guint                    connectivity;
  const LdaTiffResolution *resolution;
  GCancellable            *cancellable;
} LdaExportFrame;

LdaExportLayout lda_export_options_layout       (const LdaExportOptions *options);
void            lda_export_layout_frame_targets (GPtrArray              *targets,
                                                 const char             *folder,
                                                 const LdaExportOptions *options,
                                                 const char             *stem);
gboolean        lda_export_layout_check_other_side (const char          *folder,
                                                 const LdaExportOptions *options,
                                                 const char             *stem,
                                                 GHashTable             *leaving,
                                                 GError                **error);
void            lda_export_layout_summary_targets (GPtrArray            *targets,
                                                 const char             *folder,
                                                 const LdaExportOptions *options);
gboolean        lda_export_layout_write_frame   (const LdaExportFrame   *frame,
                                                 LdaFileSet             *stage,
                                                 GError                **error);
void            lda_class_stats_add             (LdaClassStats          *stats,
                                                 const LdaImage         *labels);
char           *lda_export_classes_json         (const LdaClassStats    *stats);
char           *lda_export_dataset_json         (guint                   n_cases);
char           *lda_export_splits_json          (GPtrArray              *train,
                                                 GPtrArray              *val);
gboolean        lda_export_layout_write_summary (LdaFileSet             *stage,
                                                 const char             *folder,
                                                 const LdaExportOptions *options,
                                                 const LdaClassStats    *stats,
                                                 GPtrArray              *train,
                                                 GPtrArray              *val,
                                                 GError                **error);

G_END_DECLS
