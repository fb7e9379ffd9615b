/* lda-compose.h — the label mask and its objects (pipeline.md §6, §7)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-bitplane.h"
#include "lda-image.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

/**
 * LdaClass:
 *
 * The values of a label mask.
 */
typedef enum
{
  LDA_CLASS_BACKGROUND = 0,
  LDA_CLASS_CELL       = 1,
  LDA_CLASS_OUTLINE    = 2,
  LDA_CLASS_HOECHST    = 3,
  LDA_CLASS_DRAQ7      = 4,
  LDA_N_CLASSES
} LdaClass;

/**
 * LdaObject:
 * @nucleus_pixels: pixels of the nucleus (its area)
 * @hoechst_only: its pixels that are Hoechst and not Draq7 in the masks
 * @draq7: its pixels in the Draq7 mask
 * @cell_area: pixels of its cell region (nucleus included)
 * @dead: the call: by the article's rule (more Draq7 than Hoechst-only
 *   pixels) or, for nucleus objects, by @draq7_share
 * @mean_draq7: mean Draq7 value of its pixels (0 when the counts were
 *   made without the image, as from a corrected mask)
 * @draq7_share: the share of its pixels whose Draq7 value is above the
 *   dead level (LdaEvidence); a nucleus object is dead when it is above ½
 * @x0: first column of its bounding box
 * @y0: first row
 * @x1: one past its last column
 * @y1: one past its last row
 *
 * One nucleus with its cell, and the evidence of its live/dead call.
 */
typedef struct
{
  guint    nucleus_pixels;
  guint    hoechst_only;
  guint    draq7;
  guint    cell_area;
  gboolean dead;
  double   mean_draq7;
  double   draq7_share;
  guint    x0;
  guint    y0;
  guint    x1;
  guint    y1;
} LdaObject;

/**
 * LdaEvidence:
 * @draq7: the Draq7 image
 * @draq7_threshold: the Draq7 channel's threshold in use
 * @per_object: call each nucleus by its Draq7 share (nucleus objects)
 *   rather than by the article's rule
 * @dead_level: a Draq7 value above which a pixel counts as dead-stained
 *   for the call; the pipeline puts it half-way from the Draq7 dark level
 *   to the Draq7 threshold
 *
 * What the live/dead calls are made from, beside the masks.
 */
typedef struct
{
  const LdaImage *draq7;
  gint64          draq7_threshold;
  gboolean        per_object;
  gint64          dead_level;
} LdaEvidence;

/**
 * LdaCounts:
 * @n_objects: cells (nucleus components)
 * @objects: one per cell
 * @live: cells that are not dead
 * @dead: dead cells
 * @dead_fraction: dead / cells, 0 when there is none
 * @mean_cell_area: mean of the cells' areas in pixels, 0 when none
 */
typedef struct
{
  guint      n_objects;
  LdaObject *objects;
  guint      live;
  guint      dead;
  double     dead_fraction;
  double     mean_cell_area;
} LdaCounts;

const char *lda_class_name    (LdaClass           klass);
LdaImage   *lda_compose       (const LdaRegions  *regions,
                               const LdaBitplane *hoechst,
                               const LdaBitplane *draq7,
                               GError           **error);
LdaImage   *lda_compose_objects (const LdaRegions  *regions,
                               const LdaNuclei   *nuclei,
                               const LdaCounts   *counts,
                               GError           **error);
LdaCounts  *lda_counts_new    (const LdaRegions  *regions,
                               const LdaBitplane *hoechst,
                               const LdaBitplane *draq7);
LdaCounts  *lda_counts_new_full (const LdaRegions  *regions,
                               const LdaBitplane *hoechst,
                               const LdaBitplane *draq7,
                               const LdaEvidence *evidence);
LdaImage   *lda_labels_new    (const LdaRegions  *regions,
                               const LdaBitplane *hoechst,
                               const LdaBitplane *draq7,
                               const LdaNuclei   *nuclei,
                               const LdaEvidence *evidence,
                               LdaCounts        **counts,
                               GError           **error);
gint        lda_regions_object_at (const LdaRegions *regions,
                               guint              x,
                               guint              y);
LdaCounts  *lda_counts_copy   (const LdaCounts   *self);
void        lda_counts_finish (LdaCounts         *self);
void        lda_counts_total  (LdaCounts         *self);
void        lda_counts_free   (LdaCounts         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaCounts, lda_counts_free)

G_END_DECLS
