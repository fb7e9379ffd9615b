/* app-test-util.h — folders and windows for the application tests
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-test-lib.h"
#include "lda-window.h"

G_BEGIN_DECLS

LdaWindow    *lda_test_window_new   (void);
void          lda_test_window_close (LdaWindow          *window);
gboolean      lda_test_open         (LdaWindow          *window,
                                     const char * const *paths,
                                     guint               n_paths);
LdaRunResult *lda_test_wait         (LdaWindow          *window);
void          lda_test_use_tool     (LdaWindow          *window,
                                     const char         *tool,
                                     int                 klass);
void          lda_test_stroke       (LdaWindow          *window,
                                     double              x0,
                                     double              y0,
                                     double              x1,
                                     double              y1);
void          lda_test_stroke_joining (LdaWindow        *window,
                                     double              x0,
                                     double              y0,
                                     double              x1,
                                     double              y1);
gboolean      lda_test_is_nucleus_class (guint           klass);
gboolean      lda_test_pixel_in     (const GArray       *pixels,
                                     int                 x,
                                     int                 y,
                                     guint               width);

G_END_DECLS
