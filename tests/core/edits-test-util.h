/* edits-test-util.h — what the tests of the edit layer share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"

G_BEGIN_DECLS

LdaImage *mask_from_rows (const char * const *rows);
void      assert_pixels  (const guint8       *pixels,
                          guint               width,
                          guint               height,
                          const char * const *rows);
void      assert_rect    (const LdaRect      *rect,
                          int                 x,
                          int                 y,
                          int                 width,
                          int                 height);
LdaEdits *edits_new      (guint               width,
                          guint               height);
LdaImage *merge          (const LdaEdits     *edits,
                          const LdaImage     *automatic);

G_END_DECLS
