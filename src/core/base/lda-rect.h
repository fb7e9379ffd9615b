/* lda-rect.h — rectangles of pixels: the part of a frame that changed
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaRect:
 * @x: first column
 * @y: first row
 * @width: columns (0 for an empty rectangle)
 * @height: rows
 */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} LdaRect;

void     lda_rect_union      (LdaRect       *rect,
                              const LdaRect *other);
gboolean lda_rect_is_empty   (const LdaRect *rect);
gboolean lda_rect_clip       (LdaRect       *rect,
                              guint          width,
                              guint          height);

G_END_DECLS
