/* lda-mask-import.h — a mask made elsewhere as a frame's corrections
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"
#include "lda-pipeline.h"

G_BEGIN_DECLS

typedef enum
{
  LDA_MASK_AUTO,
  LDA_MASK_CLASSES,
  LDA_MASK_INSTANCES,
} LdaMaskKind;

/**
 * LdaMaskImportInfo:
 * @kind: what the image was taken for
 * @nuclei: nuclei of an instance image
 * @live: those called live
 * @dead: those called dead
 * @parted: pixels of a 5-class mask's live nuclei that became the line
 *   between them and a dead nucleus they touched
 */
typedef struct
{
  LdaMaskKind kind;
  guint       nuclei;
  guint       live;
  guint       dead;
  guint       parted;
} LdaMaskImportInfo;

gboolean lda_mask_kind_from_name (const char         *name,
                                  LdaMaskKind        *kind);
gboolean lda_mask_import         (const char         *path,
                                  LdaMaskKind         kind,
                                  LdaPipeline        *pipeline,
                                  LdaEdits           *edits,
                                  LdaMaskImportInfo  *info,
                                  GError            **error);

G_END_DECLS
