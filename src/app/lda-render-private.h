/* lda-render-private.h — what lda-render.c and lda-render-levels.c share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

#define OPAQUE 0xff000000u

/* An opaque ARGB32 pixel. */
static inline guint32
argb (guint r,
      guint g,
      guint b)
{
  return OPAQUE | (r << 16) | (g << 8) | b;
}

static inline gboolean
image_is_valid (const LdaImage *image)
{
  return image != NULL
         && image->data != NULL
         && (image->type == LDA_PIXEL_U8 || image->type == LDA_PIXEL_U16);
}
