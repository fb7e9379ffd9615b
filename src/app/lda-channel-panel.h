/* lda-channel-panel.h — the parameters of one channel and what they give
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-params.h"
#include "lda-threshold-methods.h"

G_BEGIN_DECLS

#define LDA_TYPE_CHANNEL_PANEL (lda_channel_panel_get_type ())

G_DECLARE_FINAL_TYPE (LdaChannelPanel, lda_channel_panel, LDA, CHANNEL_PANEL, GtkWidget)

/**
 * LdaChannelResult:
 * @intensities: (array fixed-size=65536) (nullable): histogram of the
 *   channel's pixel values
 * @votes: (array fixed-size=65536) (nullable): histogram of tile maxima
 * @peak: the most voted value
 * @threshold: the threshold in use
 * @coverage: fraction of the image the mask covers, 0 to 1
 * @max_value: the largest pixel value of the channel
 * @saturation: the channel's saturation value (255 or 65 535)
 * @levels: (nullable): where each method puts the threshold
 * @params: (nullable): the parameters @threshold was computed with,
 *   which a slider dragged ahead of the runs has left already
 *
 * What a run computed for one channel; the panel copies what it keeps.
 */
typedef struct
{
  const guint32 *intensities;
  const guint32 *votes;
  guint          peak;
  gint64         threshold;
  double         coverage;
  guint          max_value;
  guint          saturation;
  const LdaThresholdLevels *levels;
  const LdaChannelParams   *params;
} LdaChannelResult;

GtkWidget *lda_channel_panel_new        (LdaChannel              channel);
LdaChannel lda_channel_panel_get_channel (LdaChannelPanel       *self);
void       lda_channel_panel_set_params (LdaChannelPanel        *self,
                                         const LdaChannelParams *params);
void       lda_channel_panel_get_params (LdaChannelPanel        *self,
                                         LdaChannelParams       *params);
void       lda_channel_panel_set_result (LdaChannelPanel        *self,
                                         const LdaChannelResult *result);
void       lda_channel_panel_set_overridden (LdaChannelPanel    *self,
                                         gboolean                overridden);
GtkAdjustment *lda_channel_panel_get_offset_adjustment (LdaChannelPanel *self);
const char    *lda_channel_panel_get_warning (LdaChannelPanel   *self);
void           lda_channel_panel_get_auto_params (LdaChannelPanel  *self,
                                         LdaChannelParams       *params);

G_END_DECLS
