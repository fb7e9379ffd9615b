/* lda-compose-private.h — a label mask composed row by row, shared by
 * the full-size regions (lda-compose.c) and the coarse ones of a preview
 * (lda-regions-coarse.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-compose.h"

G_BEGIN_DECLS

typedef struct
{
  const LdaRegions  *regions;
  const LdaBitplane *over[2];       /* painted over the cells, in order */
  guint8             over_class[2];
  const LdaBitplane *not_cell;      /* pixels of a cell painted over, not counted */
  guint8            *labels;
  guint             *cell_area;     /* one per object */
  gint              *next_row;      /* the next row not taken, shared */
} LdaComposeJob;

LdaCounts *lda_counts_new_areas (const LdaRegions  *regions,
                                 const LdaBitplane *hoechst,
                                 const LdaBitplane *draq7,
                                 const LdaEvidence *evidence,
                                 gboolean           cell_areas);

/* lda_compose_count_run:
 * @row: a bit plane's row
 * @minus: (nullable): another's, whose bits are not counted
 * @x0: first column
 * @x1: one past the last
 *
 * Returns: the bits of @row set and of @minus not from @x0 to @x1
 */
static inline guint
lda_compose_count_run (const guint64 *row,
                       const guint64 *minus,
                       guint          x0,
                       guint          x1)
{
  guint count = 0;
  guint x = x0;

  while (x < x1)
    {
      guint bit = x & 63;
      guint n = MIN (64 - bit, x1 - x);
      guint64 mask = (n == 64 ? G_MAXUINT64 : ((G_GUINT64_CONSTANT (1) << n) - 1)) << bit;
      guint64 word = row[x >> 6];

      if (minus != NULL)
        word &= ~minus[x >> 6];
      count += (guint) lda_popcount (word & mask);
      x += n;
    }

  return count;
}

void lda_compose_span       (const LdaComposeJob *job,
                             const gint32        *r,
                             guint8              *out,
                             guint                y,
                             guint                x0,
                             guint                n);
void lda_compose_finish_row (const LdaComposeJob *job,
                             guint                y,
                             const guint64       *masks);

/* lda-labels-coarse.c: the rows of @job from cells kept coarse
 * (LdaRegions' @coarse), taken a coarse row at a time from
 * *@job->next_row until none is left. */
void lda_regions_coarse_compose (LdaComposeJob *job);

G_END_DECLS
