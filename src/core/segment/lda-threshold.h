/* lda-threshold.h — the max-tile threshold of pipeline.md §1 and the histograms
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-image.h"
#include "lda-params.h"

G_BEGIN_DECLS

#define LDA_HISTOGRAM_BINS 65536

gboolean lda_threshold_votes_full (const LdaImage       *image,
                                guint                   coarseness,
                                guint                   saturation,
                                guint32                *votes,
                                guint                  *max_value,
                                GCancellable           *cancellable);
gboolean lda_threshold_votes   (const LdaImage         *image,
                                guint                   coarseness,
                                gboolean                ignore_saturated,
                                guint32                *votes,
                                GCancellable           *cancellable);
guint    lda_threshold_peak    (const guint32          *votes);
gint64   lda_threshold_apply_offset (guint              peak,
                                const LdaChannelParams *params);
gint64   lda_threshold_compute (const LdaImage         *image,
                                const LdaChannelParams *params);
void     lda_image_histogram   (const LdaImage         *image,
                                guint32                *histogram);

G_END_DECLS
