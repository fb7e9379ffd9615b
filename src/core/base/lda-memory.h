/* lda-memory.h — will a frame fit in memory?  The allocator set up for it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What segmenting a frame takes at its peak, per pixel: the three 16-bit
 * inputs, the Sobel gradient, the thresholded masks, the distance map,
 * the watershed's labels and queues and the label mask.  Measured: a
 * 16 000 × 16 000 triple peaks at 16 bytes per pixel in `livedead
 * segment`; the rest is margin. */
#define LDA_PIPELINE_BYTES_PER_PIXEL 20

guint64  lda_memory_available (void);
gboolean lda_memory_check     (const char *path,
                               guint       width,
                               guint       height,
                               guint64     bytes_per_pixel,
                               guint64     available,
                               GError    **error);
void     lda_memory_tune_allocator (void);

G_END_DECLS
