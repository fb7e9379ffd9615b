/* lda-threshold-methods.h — automatic thresholds of a histogram
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-image.h"
#include "lda-params.h"

G_BEGIN_DECLS

/**
 * LdaThresholdLevels:
 * @level: per method its level before the offset: the most voted tile
 *   maximum k for %LDA_METHOD_MAX_TILE, else the method's threshold T
 * @threshold: per method the threshold the channel's parameters make of
 *   it (offset applied); it may exceed 65 535
 * @dark: the dark level d of the pixels, their 1st percentile
 * @saturation: the saturation value in use
 * @max_value: the brightest pixel
 * @raised: per method, whether its threshold found noise rather than blobs
 *   and was raised until it found blobs, or above every pixel
 *   (lda_threshold_find_objects(); nuclear stains only)
 * @measured_all: whether the histogram methods' levels were measured (with
 *   a pixel histogram), or the max-tile level only
 *
 * Where each method puts a channel's threshold: what the histogram plot
 * marks, and what switching method would give.
 */
typedef struct
{
  guint    level[LDA_N_METHODS];
  gint64   threshold[LDA_N_METHODS];
  guint    dark;
  guint    saturation;
  guint    max_value;
  gboolean raised[LDA_N_METHODS];
  gboolean measured_all;
} LdaThresholdLevels;

guint  lda_histogram_max        (const guint32          *histogram);
guint  lda_saturation_detect    (guint                   source_bits,
                                 guint                   max_value);
guint  lda_histogram_dark_level (const guint32          *histogram,
                                 guint                   last);
guint  lda_threshold_otsu       (const guint32          *histogram,
                                 guint                   last);
guint  lda_threshold_triangle   (const guint32          *histogram,
                                 guint                   last);
gint64 lda_threshold_scale      (guint                   level,
                                 guint                   dark,
                                 const LdaChannelParams *params);
double lda_threshold_coherence  (const LdaImage         *image,
                                 gint64                  threshold,
                                 LdaBitplane            *scratch);
gint64 lda_threshold_find_objects (const LdaImage       *image,
                                 gint64                  threshold,
                                 guint                   max_value,
                                 GCancellable           *cancellable);

typedef struct _LdaCoherence LdaCoherence;

LdaCoherence *lda_coherence_new          (const LdaImage     *image,
                                          const guint32      *histogram);
double        lda_coherence_at           (const LdaCoherence *self,
                                          gint64              threshold);
gint64        lda_coherence_find_objects (const LdaCoherence *self,
                                          gint64              threshold,
                                          guint               max_value);
void          lda_coherence_free         (LdaCoherence       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaCoherence, lda_coherence_free)
void   lda_threshold_levels_measure (const guint32      *histogram,
                                     const guint32      *votes,
                                     guint               saturation,
                                     gboolean            ignore_saturated,
                                     LdaThresholdLevels *levels);
void   lda_threshold_levels_place   (LdaThresholdLevels     *levels,
                                     const LdaChannelParams *params);
void   lda_threshold_levels     (const guint32          *histogram,
                                 const guint32          *votes,
                                 guint                   saturation,
                                 const LdaChannelParams *params,
                                 LdaThresholdLevels     *levels);

G_END_DECLS
