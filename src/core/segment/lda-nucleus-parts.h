/* lda-nucleus-parts.h — cutting a dead nucleus from a live one it touches
 * (lda-nucleus-parts.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-bitplane.h"
#include "lda-split.h"

G_BEGIN_DECLS

/* An object's Draq7 and Hoechst-only parts may be two nuclei when the
 * neck between them is at most this share of the smaller part's width
 * (the width of a disc of its area).  Two discs pressed together meet
 * along less than that; a dead nucleus whose Draq7 fills half of it has
 * a neck √2 times its Draq7 half's width.  On the labelled real frames
 * 0.75 and 1.0 cut nothing; 1.25 cuts the dead nuclei merged with a live
 * one in oct26 t39 and apr303 t73 (object F1 0.587 → 0.590); 1.5 also
 * cuts an object of nkratio t38 that is one nucleus (0.589). */
#define LDA_NUCLEUS_PARTS_NECK 1.25

gint lda_nucleus_parts_cut (LdaNuclei         *self,
                            LdaBitplane       *objects,
                            const LdaBitplane *draq7,
                            guint              min_area,
                            GError           **error);

G_END_DECLS
