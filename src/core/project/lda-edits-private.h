/* lda-edits-private.h — helpers shared by the edit layer's files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-bitplane.h"
#include "lda-edits.h"

G_BEGIN_DECLS

static inline gboolean
lda_is_nucleus_class (guint8 v)
{
  return v == LDA_CLASS_HOECHST || v == LDA_CLASS_DRAQ7;
}

/* The value a tool gives pixel (@x, @y), or −1 to leave it. */
typedef int (*LdaEditsPaintFunc) (guint    x,
                                  guint    y,
                                  gpointer data);

gboolean lda_edits_fits             (const LdaEdits *self,
                                     const LdaImage *image);
void     lda_edits_changed_add      (LdaRect        *changed,
                                     guint           x0,
                                     guint           x1,
                                     guint           y);
void     lda_edits_changed_to_dirty (const LdaRect  *changed,
                                     LdaRect        *dirty);
GArray  *lda_edits_nucleus_hole     (const LdaImage *merged,
                                     guint           x,
                                     guint           y,
                                     guint           connectivity,
                                     GArray        **hole);
LdaBitplane *lda_edits_plane_of     (const GArray   *pixels,
                                     guint           width,
                                     guint           height);
gboolean lda_edits_beside_another   (const guint8      *shown,
                                     const LdaBitplane *mine,
                                     gint               x,
                                     gint               y,
                                     guint              connectivity);
gsize    lda_edits_give_nucleus     (LdaEdits       *self,
                                     const LdaImage *merged,
                                     const GArray   *nucleus,
                                     guint8          klass,
                                     LdaRect        *changed);
void     lda_edits_disc             (LdaEdits          *self,
                                     double             cx,
                                     double             cy,
                                     double             radius,
                                     guint8             value,
                                     LdaEditsPaintFunc  paint,
                                     gpointer           data,
                                     LdaRect           *dirty);

/* The dabs of a brush's segment (lda_edits_line()), one at a time. */
typedef struct
{
  double  x, y;          /* the dab's centre, once lda_dabs_next() gave one */
  double  x0, y0;
  double  dx, dy;
  double  t0, t1;
  guint64 n;             /* n + 1 dabs along t0 … t1 */
  guint64 left;
} LdaDabs;

LdaDabs  lda_dabs_init              (const LdaEdits    *self,
                                     double             x0,
                                     double             y0,
                                     double             x1,
                                     double             y1,
                                     double             radius);
gboolean lda_dabs_next              (LdaDabs           *d);

G_END_DECLS
