/* lda-regions-coarse-private.h — cells kept coarse, shared by their
 * flood (lda-regions-coarse.c) and the label mask made from them
 * (lda-labels-coarse.c)
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
};

/* A coarse outline pixel's block as one-pixel outlines
 * (lda_coarse_thin_block()): a line a coarse pixel wide would show two
 * to four times as strong as the exact cells' lines at the zoom shown. */
typedef struct
{
  guint    cx;
  gboolean row_line;     /* its middle row is outline */
  gboolean column_line;  /* its middle column is */
  gboolean alone;        /* its middle pixel is */
  gint32   quarter[2][2]; /* the rest, [lower half][right half] */
} LdaCoarseThin;

void lda_coarse_thin_block (const LdaRegions *cells,
                            guint             cx,
                            guint             cy,
                            LdaCoarseThin    *t);

/* Whether row @ry of a thinned block has outline at its middle column. */
static inline gboolean
lda_coarse_thin_column (const LdaCoarseThin *t,
                        guint                ry,
                        guint                half)
{
  return t->column_line || (t->alone && ry == half);
}

G_END_DECLS
