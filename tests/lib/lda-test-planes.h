/* lda-test-planes.h — bit planes drawn as pictures, and the direct
 * pixel-by-pixel definitions the fast code is checked against
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-bitplane.h"

G_BEGIN_DECLS

/* A NULL-terminated list of rows, '#' set and '.' clear; side-by-side
 * pictures of one row each are separated by spaces. */
#define PICTURE(...) ((const char * const []) { __VA_ARGS__, NULL })

LdaBitplane *lda_test_plane_new        (guint               width,
                                        guint               height);
LdaBitplane *lda_test_plane_from_rows  (const char * const *rows,
                                        guint               column);
void         lda_test_plane_fill       (LdaBitplane        *plane,
                                        guint               x0,
                                        guint               y0,
                                        guint               width,
                                        guint               height);
void         lda_test_plane_disc       (LdaBitplane        *plane,
                                        int                 cx,
                                        int                 cy,
                                        int                 r);
char        *lda_test_plane_to_picture (const LdaBitplane  *plane);
gboolean     lda_test_planes_match     (const char         *what,
                                        const LdaBitplane  *got,
                                        const LdaBitplane  *want);
LdaBitplane *lda_test_plane_random     (GRand              *rand,
                                        guint               width,
                                        guint               height,
                                        double              density);
void         lda_test_flood            (const LdaBitplane  *plane,
                                        gboolean            value,
                                        guint               connectivity,
                                        guint               x0,
                                        guint               y0,
                                        guint              *marks,
                                        guint               mark,
                                        guint              *stack);
guint       *lda_test_naive_label      (const LdaBitplane  *plane,
                                        guint               connectivity,
                                        guint              *n_components);

G_END_DECLS
