/* lda-distance.h — distance maps: the watershed relief (lda-relief.c),
 * and the depth of a pixel inside a mask (lda-distance.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-offsets.h"

G_BEGIN_DECLS

#define LDA_RELIEF_MAX 255

gboolean lda_relief (const LdaBitplane *nuclei,
                     const LdaBitplane *area,
                     guint8            *relief,
                     GCancellable      *cancellable,
                     GError           **error);

/* The relief in steps, for callers that share it out between threads. */
#define LDA_RELIEF_WORKERS 2

typedef struct _LdaRelief LdaRelief;

LdaRelief *lda_relief_new     (const LdaBitplane  *nuclei,
                               const LdaBitplane  *area,
                               guint8             *relief,
                               GCancellable       *cancellable,
                               GError            **error);
void       lda_relief_set_area (LdaRelief         *self,
                                const LdaBitplane *area,
                                GCancellable      *cancellable);
void       lda_relief_columns (LdaRelief          *self);
void       lda_relief_rows    (LdaRelief          *self,
                               guint               worker);
gpointer   lda_relief_second_worker (gpointer      relief);
gboolean   lda_relief_finish  (LdaRelief          *self,
                               GError            **error);
void       lda_relief_free    (LdaRelief          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaRelief, lda_relief_free)

/* Squared distances inside a mask are clipped here: radius 255. */
#define LDA_DISTANCE2_MAX 65535
/* The row scratch lda_distance_squared_box() needs for a box @w wide:
 * the reach either side (less than @w), the row, the result, and what
 * lda_offsets_min() spills past each. */
#define LDA_DISTANCE_ROW_SCRATCH(w) (4 * (gsize) (w) + 2 * LDA_OFFSETS_SPILL)

void     lda_distance_squared_box (const guint8 *inside,
                                   guint8        bit,
                                   guint         width,
                                   guint         height,
                                   guint16      *g,
                                   guint16      *distance2,
                                   guint        *v,
                                   gint64       *f,
                                   gint16       *row);

G_END_DECLS
