/* lda-render.h — 16-bit images to display pixels
 *
 * Pure functions (GLib only, no GTK) that turn the pipeline's images into
 * 32-bit premultiplied pixels in cairo's native layout (CAIRO_FORMAT_ARGB32,
 * which is GDK_MEMORY_DEFAULT): the same bytes back a GdkTexture and a cairo
 * image surface.  Rows are packed: stride = width · 4.  The gray panes
 * keep a byte a pixel instead (lda_render_gray8()), made into such pixels
 * a tile at a time (lda_render_gray_area()).  Display settings never
 * change the data the core sees.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

/**
 * LdaContrast:
 * @low: values at or below are black
 * @high: values at or above are full intensity
 */
typedef struct
{
  guint low;
  guint high;
} LdaContrast;

void    lda_contrast_auto        (const LdaImage    *image,
                                  double             low_percentile,
                                  double             high_percentile,
                                  LdaContrast       *contrast);
GBytes *lda_render_gray          (const LdaImage    *image,
                                  const LdaContrast *contrast);
GBytes *lda_render_gray8         (const LdaImage    *image,
                                  const LdaContrast *contrast);
GBytes *lda_render_composite     (const LdaImage    *brightfield,
                                  const LdaImage    *hoechst,
                                  const LdaImage    *draq7,
                                  const LdaContrast *contrasts);
GBytes *lda_render_labels        (const LdaImage    *labels);
void    lda_render_labels_area   (const LdaImage    *labels,
                                  guint              level,
                                  guint              x,
                                  guint              y,
                                  guint              area_width,
                                  guint              area_height,
                                  guint32           *dest,
                                  gsize              dest_stride);
void    lda_render_gray_area     (const guint8      *gray,
                                  gsize              stride,
                                  guint              width,
                                  guint              height,
                                  guint              level,
                                  guint              x,
                                  guint              y,
                                  guint              area_width,
                                  guint              area_height,
                                  guint32           *dest,
                                  gsize              dest_stride);
void    lda_render_downsample    (const guint32     *pixels,
                                  gsize              stride,
                                  guint              width,
                                  guint              height,
                                  guint              level,
                                  guint              x,
                                  guint              y,
                                  guint              area_width,
                                  guint              area_height,
                                  guint32           *dest,
                                  gsize              dest_stride);
void    lda_class_color          (guint              klass,
                                  double            *red,
                                  double            *green,
                                  double            *blue);

G_END_DECLS
