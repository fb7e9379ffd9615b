/* lda-compose.h — the label mask (SPEC 2.6) and its objects (SPEC 2.7)
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
 * @nucleus_pixels: pixels of the nucleus component
 * @hoechst_only: its pixels that are Hoechst and not Draq7
 * @draq7: its Draq7 pixels
 * @cell_area: pixels of its cell region (nucleus included)
 * @dead: more Draq7 than Hoechst-only pixels
 */
typedef struct
{
  guint    nucleus_pixels;
  guint    hoechst_only;
  guint    draq7;
  guint    cell_area;
  gboolean dead;
} LdaObject;

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
LdaCounts  *lda_counts_new    (const LdaRegions  *regions,
                               const LdaBitplane *hoechst,
                               const LdaBitplane *draq7);
LdaCounts  *lda_counts_copy   (const LdaCounts   *self);
void        lda_counts_finish (LdaCounts         *self);
void        lda_counts_free   (LdaCounts         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaCounts, lda_counts_free)

G_END_DECLS
