/* lda-channel-warning.h — what is wrong with a channel's mask, and what to
 * change (lda-channel-warning.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-channel-panel.h"

G_BEGIN_DECLS

/**
 * LdaChannelState:
 * @channel: the channel
 * @manual: a manual threshold is in use
 * @use_offset: the offset is in use
 * @ignore_saturated: saturated tiles do not vote
 * @method: the threshold method chosen
 * @offset: the offset
 * @flat: every pixel of the channel's image has one value
 * @flat_value: that value
 *
 * The controls of a channel's panel, as lda_channel_warning() reads them.
 */
typedef struct
{
  LdaChannel channel;
  gboolean   manual;
  gboolean   use_offset;
  gboolean   ignore_saturated;
  LdaMethod  method;
  double     offset;
  gboolean   flat;
  guint      flat_value;
} LdaChannelState;

char     *lda_channel_warning           (const LdaChannelState  *state,
                                         const LdaChannelResult *result,
                                         gboolean               *offer_ignore);
gboolean  lda_channel_histogram_is_flat (const guint32          *histogram,
                                         guint                   max_value,
                                         guint                  *value);

G_END_DECLS
