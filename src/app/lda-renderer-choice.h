/* lda-renderer-choice.h — cairo rather than a software OpenGL rasteriser
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean lda_gl_renderer_is_software (const char *gl_renderer);
char    *lda_renderer_gl_name        (GdkDisplay *display);
gboolean lda_renderer_choose         (GdkDisplay *display,
                                      char      **gl_renderer);

G_END_DECLS
