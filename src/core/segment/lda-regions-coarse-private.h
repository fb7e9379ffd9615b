/* lda-regions-coarse-private.h — cells kept coarse, shared by their
 * flood (lda-regions-coarse.c) and the label mask made from them
 * (lda-labels-coarse.c), and made full size (lda-regions-grow.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-rect.h"
#include "lda-watershed.h"

G_BEGIN_DECLS

struct _LdaRegionsCoarse
{
  LdaRegions  *cells;         /* the coarse cells, the frame shrunk by 2^shift */
  guint        shift;
  LdaBitplane *inside;        /* cell area ∪ nuclei, full size */
  LdaBitplane *mask;          /* the nucleus mask, split lines included */
  LdaRect      fine;          /* flooded at full size; empty if none */
  gint32      *fine_regions;  /* fine.width × fine.height, or NULL */
  guint        fine_shift;    /* how much coarser than the frame it was flooded */
  guint        fine_reach;    /* how far its cells reach from their nuclei */
};

/* A coarse outline pixel's block as one-pixel outlines
 * (lda_coarse_thin_block()): a line a coarse pixel wide would show two
 * to four times as strong as the exact cells' lines at the zoom shown.
 * Its rows are of three kinds (lda_coarse_thin_kind()): above its middle
 * row, the middle one, below; each is one region left of the middle
 * column and one from it on, the middle column an outline or not (a row
 * all outline has both regions outline). */
typedef struct
{
  gint32   left;
  gint32   right;
  gboolean mid;
} LdaCoarseThinRow;

typedef struct
{
  guint            x;        /* its first column */
  guint            span;     /* its columns: 2^shift, fewer at the frame's edge */
  guint            half;     /* its middle column and row */
  LdaCoarseThinRow rows[3];  /* each kind of row */
} LdaCoarseThin;

void lda_coarse_thin_block   (const LdaRegions    *cells,
                              guint                cx,
                              guint                cy,
                              guint                shift,
                              guint                width,
                              LdaCoarseThin       *t);
void lda_coarse_thin_regions (const LdaCoarseThin *t,
                              guint                kind,
                              gint32              *r);

/* The kind of row @ry of a thinned block 2^shift tall, whose middle row
 * is @half: 0 above it, 1 the middle, 2 below. */
static inline guint
lda_coarse_thin_kind (guint ry,
                      guint half)
{
  return ry < half ? 0 : ry == half ? 1 : 2;
}

gboolean lda_coarse_grow (const LdaRegions  *cells,
                          const LdaBitplane *inside,
                          const LdaRuns     *nuclei,
                          const LdaBitplane *mask,
                          guint              shift,
                          gint32            *out,
                          GError           **error);

G_END_DECLS
