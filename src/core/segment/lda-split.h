/* lda-split.h — nucleus objects (lda-nuclei.c) and the seeded watershed
 * that splits touching nuclei (lda-split.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-params.h"
#include "lda-cores.h"

G_BEGIN_DECLS

/* The value lda_split_flood() gives a split line, and the one it does
 * not flood. */
#define LDA_NUCLEUS_LINE  (-1)
#define LDA_SPLIT_OUTSIDE (-2)

/**
 * LdaNuclei:
 * @width: columns
 * @height: rows
 * @mask: Hoechst ∪ Draq7, split lines included
 * @lines: the pixels of @mask that split touching nuclei; no two objects
 *   are 4-neighbours, so a line is one pixel wide where it can be
 * @objects: the runs of @mask without @lines, labelled 4-connected:
 *   component i is object i, numbered in the raster order of its first
 *   pixel
 * @n_seeds: the maxima of the distance map that seeded the split (one per
 *   nucleus found; 0 when splitting was off)
 *
 * The nuclei as objects, one per nucleus: what the cell watershed seeds
 * from, what is painted whole as live or dead, and what is counted.
 */
typedef struct
{
  guint        width;
  guint        height;
  LdaBitplane *mask;
  LdaBitplane *lines;
  LdaRuns     *objects;
  guint        n_seeds;
} LdaNuclei;

LdaNuclei *lda_nuclei_new           (const LdaBitplane      *hoechst,
                                     const LdaBitplane      *draq7,
                                     const LdaBitplane      *hoechst_core,
                                     const LdaBitplane      *draq7_core,
                                     const LdaNucleusParams *params,
                                     GCancellable           *cancellable,
                                     GError                **error);
LdaNuclei *lda_nuclei_new_bright    (const LdaBitplane      *hoechst,
                                     const LdaBitplane      *draq7,
                                     const LdaNucleusSignal *signal,
                                     const LdaNucleusParams *params,
                                     GCancellable           *cancellable,
                                     GError                **error);
LdaNuclei *lda_nuclei_copy          (const LdaNuclei        *self,
                                     GError                **error);
gboolean   lda_nuclei_finish        (LdaNuclei              *self,
                                     const LdaBitplane      *draq7,
                                     const LdaNucleusParams *params,
                                     gboolean                cut_parts,
                                     GCancellable           *cancellable,
                                     GError                **error);
void       lda_nuclei_free          (LdaNuclei              *self);

gboolean   lda_split_seeds          (const guint16          *distance2,
                                     guint                   width,
                                     guint                   height,
                                     double                  depth,
                                     gint32                 *labels,
                                     guint                  *n_seeds,
                                     GError                **error);
gboolean   lda_split_blobs          (const LdaRuns          *blobs,
                                     const LdaBitplane      *cores,
                                     double                  depth,
                                     LdaBitplane            *lines,
                                     guint                  *n_seeds,
                                     GCancellable           *cancellable,
                                     GError                **error);
gboolean   lda_split_flood          (const guint16          *levels,
                                     guint                   width,
                                     guint                   height,
                                     gint32                 *labels,
                                     GCancellable           *cancellable,
                                     GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaNuclei, lda_nuclei_free)

G_END_DECLS
