/* lda-watershed.h — separating touching cells (pipeline.md §5)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-split.h"

G_BEGIN_DECLS

/* Region values of a flooded marker image. */
#define LDA_REGION_OUTLINE    (-1)
#define LDA_REGION_BACKGROUND 1
#define LDA_REGION_FIRST_CELL 2

gboolean lda_watershed (gint32        *markers,
                        const guint8  *relief,
                        guint          width,
                        guint          height,
                        GCancellable  *cancellable,
                        GError       **error);
void     lda_watershed_wall (gint32       *markers,
                             guint         width,
                             guint         height);

/**
 * LdaRegions:
 * @width: columns
 * @height: rows
 * @regions: per pixel: %LDA_REGION_OUTLINE for outlines and the image's
 *   outermost ring, %LDA_REGION_BACKGROUND, or %LDA_REGION_FIRST_CELL + i
 *   for the cell of nucleus component i
 * @nuclei: the runs of the nuclei, labelled: component i is the nucleus of
 *   cell i (8-connected components of Hoechst ∪ Draq7, or the nucleus
 *   objects)
 * @largest_piece: the pixels of the largest piece the flood filled
 *   (lda-watershed-parts.c): one thread's share of the flood at least
 * @relief: (nullable): the relief they were flooded on, kept for the next
 *   flood of a drag to copy what did not change from them
 *   (lda_regions_prep_set_base()); %NULL otherwise, and in copies
 * @reused: how many pixels were copied from the last flood rather than
 *   flooded (lda-flood-reuse.c)
 * @unknown: how many pixels the flood filled or copied: those of its
 *   pieces
 * @coarse: (nullable): cells kept at a coarser resolution
 *   (lda_regions_new_coarse_compact()), and then @regions is %NULL: a
 *   label mask can be made from them (lda_labels_new()), or the regions
 *   at full size (lda_regions_expand())
 */
typedef struct _LdaRegionsCoarse LdaRegionsCoarse;

typedef struct
{
  guint    width;
  guint    height;
  gint32  *regions;
  LdaRuns *nuclei;
  gsize    largest_piece;
  guint8  *relief;
  gsize    reused;
  gsize    unknown;
  LdaRegionsCoarse *coarse;
} LdaRegions;

LdaRegions *lda_regions_new  (const LdaBitplane *cell_area,
                              const LdaBitplane *hoechst,
                              const LdaBitplane *draq7,
                              GCancellable      *cancellable,
                              GError           **error);
LdaRegions *lda_regions_new_from_nuclei (const LdaBitplane *cell_area,
                              const LdaNuclei   *nuclei,
                              GCancellable      *cancellable,
                              GError           **error);
LdaRegions *lda_regions_copy (const LdaRegions  *self,
                              GError           **error);
void        lda_regions_free (LdaRegions        *self);

/* The watershed's work that needs only the nuclei, done ahead. */
typedef struct _LdaRegionsPrep LdaRegionsPrep;

LdaRegionsPrep *lda_regions_prep_new     (const LdaBitplane  *hoechst,
                                          const LdaBitplane  *draq7,
                                          GError            **error);
LdaRegionsPrep *lda_regions_prep_new_from_nuclei (const LdaNuclei *nuclei,
                                                  GError         **error);
LdaRegionsPrep *lda_regions_prep_new_for_runs (LdaBitplane *mask,
                                               LdaRuns     *nuclei,
                                               GError     **error);
gboolean        lda_regions_prep_run     (LdaRegionsPrep     *self,
                                          GError            **error);
void            lda_regions_prep_set_lift (LdaRegionsPrep    *self,
                                           guint              lift);
void            lda_regions_prep_set_base (LdaRegionsPrep    *self,
                                          const LdaRegions   *base);
void            lda_regions_prep_keep_relief (LdaRegionsPrep *self);
LdaRegions     *lda_regions_new_prepared (LdaRegionsPrep     *prep,
                                          const LdaBitplane  *cell_area,
                                          GCancellable       *cancellable,
                                          GError            **error);
void            lda_regions_prep_free    (LdaRegionsPrep     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaRegions, lda_regions_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaRegionsPrep, lda_regions_prep_free)

G_END_DECLS
