/* lda-params.h — per-channel segmentation parameters
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaChannel:
 * @LDA_CHANNEL_CELL_AREA: the cell area, thresholded on the Sobel gradient
 *   of brightfield
 * @LDA_CHANNEL_HOECHST: Hoechst (live) nuclei
 * @LDA_CHANNEL_DRAQ7: Draq7 (dead) nuclei
 *
 * The three masks of SPEC 2.4, each with its own parameters.
 */
typedef enum
{
  LDA_CHANNEL_CELL_AREA,
  LDA_CHANNEL_HOECHST,
  LDA_CHANNEL_DRAQ7,
  LDA_N_CHANNELS
} LdaChannel;

#define LDA_OFFSET_MIN       0.0
#define LDA_OFFSET_MAX       10.0
#define LDA_COARSENESS_MIN   1
#define LDA_COARSENESS_MAX   65535
#define LDA_KERNEL_MIN       1
#define LDA_KERNEL_MAX       31
#define LDA_MANUAL_MAX       65535

/**
 * LdaChannelParams:
 * @offset: the multiplier f of SPEC 2.1 step 4
 * @use_offset: when %FALSE the threshold is the peak itself
 * @coarseness: tile side in pixels
 * @kernel: side of the elliptical structuring element
 * @manual: use @manual_threshold instead of the max-tile threshold
 * @manual_threshold: a pixel is foreground when its value is greater
 * @ignore_saturated: saturated tiles do not vote (SPEC 2.1)
 */
typedef struct
{
  double   offset;
  gboolean use_offset;
  guint    coarseness;
  guint    kernel;
  gboolean manual;
  guint    manual_threshold;
  gboolean ignore_saturated;
} LdaChannelParams;

typedef struct
{
  LdaChannelParams channel[LDA_N_CHANNELS];
} LdaParams;

const char *lda_channel_name             (LdaChannel              channel);
const char *lda_channel_title            (LdaChannel              channel);
void        lda_channel_params_init      (LdaChannelParams       *params);
gboolean    lda_channel_params_validate  (const LdaChannelParams *params,
                                          LdaChannel              channel,
                                          GError                **error);
gboolean    lda_channel_params_equal     (const LdaChannelParams *a,
                                          const LdaChannelParams *b);
void        lda_params_init              (LdaParams              *params);
gboolean    lda_params_validate          (const LdaParams        *params,
                                          GError                **error);
gboolean    lda_params_load_from_key_file (LdaParams             *params,
                                          GKeyFile               *key_file,
                                          GError                **error);
void        lda_params_save_to_key_file  (const LdaParams        *params,
                                          GKeyFile               *key_file);
gboolean    lda_params_load              (LdaParams              *params,
                                          const char             *path,
                                          GError                **error);
gboolean    lda_params_save              (const LdaParams        *params,
                                          const char             *path,
                                          GError                **error);

G_END_DECLS
