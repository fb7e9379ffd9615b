/* lda-split-private.h — what the split of the whole image (lda-split.c)
 * and the split blob by blob (lda-split-blobs.c) share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include <glib.h>

G_BEGIN_DECLS

/* What one thread needs to split one blob after another; grown as
 * bigger blobs come. */
typedef struct
{
  guint32 *pixels;     /* the blob's pixels */
  guint32 *order;      /* the same, deepest first */
  gsize    n_alloc;
  guint32 *count;      /* per level, then where each level starts */
  gint32  *head;       /* the flood's queue, one FIFO per level */
  gint32 **tail;      /* where the next pixel of each FIFO goes */
  guint    n_levels;
  GArray  *seeds;      /* the last seeds found, in raster order */
} LdaSplitWorkspace;

/* Square roots of the squared depths a nucleus has, looked up: the same
 * doubles sqrt() gives, without its latency on every pixel. */
#define LDA_SPLIT_ROOTS 1024

static inline double
lda_split_root (const double *table,
                guint16       n)
{
  return G_LIKELY (n < LDA_SPLIT_ROOTS) ? table[n] : sqrt ((double) n);
}

/* The eight neighbours of a pixel in a box @stride wide, the four before
 * it in raster order first. */
static inline void
lda_split_neighbours (gssize around[8],
                      guint  stride)
{
  const gssize w = (gssize) stride;

  around[0] = -w - 1, around[1] = -w, around[2] = -w + 1, around[3] = -1;
  around[4] = 1, around[5] = w - 1, around[6] = w, around[7] = w + 1;
}

/* The neighbours of @p that come before it in the seeds' order: deeper,
 * or as deep and before it in raster order (the first four); a bit each,
 * found without a branch.  Pixels of no depth never do. */
static inline guint
lda_split_reached (const guint16 *distance2,
                   guint32        p,
                   const gssize   around[8])
{
  const guint16 dp = distance2[p];
  guint reached = 0;

  for (guint n = 0; n < 8; n++)
    {
      guint16 dq = distance2[(gssize) p + around[n]];

      reached |= (guint) (n < 4 ? dq >= dp : dq > dp) << n;
    }

  return reached;
}

/* lda-split.c */
void          lda_split_set_oom           (GError            **error,
                                           guint               width,
                                           guint               height);
gboolean      lda_split_workspace_reserve (LdaSplitWorkspace  *ws,
                                           gsize               n_pixels,
                                           guint               n_levels);
void          lda_split_workspace_clear   (LdaSplitWorkspace  *ws);
const double *lda_split_root_table        (void);
guint         lda_split_seeds_in          (LdaSplitWorkspace  *ws,
                                           gsize               m,
                                           const guint16      *distance2,
                                           guint               stride,
                                           double              depth,
                                           guint32            *parent,
                                           gint32             *labels);
void          lda_split_flood_in          (LdaSplitWorkspace  *ws,
                                           gsize               m,
                                           const guint16      *levels,
                                           guint               stride,
                                           gint32             *labels,
                                           gint32             *next);

/* lda-split-caps.c */
guint         lda_split_seeds_caps        (LdaSplitWorkspace  *ws,
                                           gsize               m,
                                           const guint16      *distance2,
                                           guint               stride,
                                           double              depth,
                                           guint32            *visited,
                                           gint32             *labels);

G_END_DECLS
