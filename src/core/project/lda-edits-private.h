/* lda-edits-private.h — helpers shared by the edit layer's files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-edits.h"

G_BEGIN_DECLS

gboolean lda_edits_fits             (const LdaEdits *self,
                                     const LdaImage *image);
void     lda_edits_changed_add      (LdaRect        *changed,
                                     guint           x0,
                                     guint           x1,
                                     guint           y);
void     lda_edits_changed_to_dirty (const LdaRect  *changed,
                                     LdaRect        *dirty);

G_END_DECLS
