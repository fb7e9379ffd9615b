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
 * The three masks of pipeline.md §3, each with its own parameters.
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
#define LDA_SATURATION_AUTO  0
#define LDA_SPLIT_DEPTH_MIN  0.5
#define LDA_SPLIT_DEPTH_MAX  20.0
#define LDA_MIN_AREA_MAX     10000

/* The key-file group of the nucleus parameters, beside one per channel. */
#define LDA_PARAMS_NUCLEI_GROUP "nuclei"

/**
 * LdaMethod:
 * @LDA_METHOD_MAX_TILE: the article's max-tile threshold (pipeline.md §1): the
 *   most voted tile maximum k, threshold floor(offset · k + 1)
 * @LDA_METHOD_OTSU: Otsu's threshold of the pixel histogram
 * @LDA_METHOD_OTSU_TILES: Otsu's threshold of the tile maxima (the
 *   article's votes, split by Otsu instead of taking the most voted)
 * @LDA_METHOD_TRIANGLE: Zack's triangle threshold of the pixel histogram
 *
 * How a channel's automatic threshold is found.  For the three methods
 * after the article's, the offset is a factor on the method's level T
 * measured from the image's dark level d: threshold = floor(d + f · (T − d)).
 */
typedef enum
{
  LDA_METHOD_MAX_TILE,
  LDA_METHOD_OTSU,
  LDA_METHOD_OTSU_TILES,
  LDA_METHOD_TRIANGLE,
  LDA_N_METHODS
} LdaMethod;

/**
 * LdaPreset:
 * @LDA_PRESET_ARTICLE: the source article's method, exactly as the
 *   reference implementation computes it
 * @LDA_PRESET_ROBUST: per-frame Otsu thresholds, touching nuclei split,
 *   one live/dead call per nucleus; the default
 *
 * A complete set of parameters with a name.
 */
typedef enum
{
  LDA_PRESET_ARTICLE,
  LDA_PRESET_ROBUST,
  LDA_N_PRESETS
} LdaPreset;

#define LDA_PRESET_DEFAULT LDA_PRESET_ROBUST

/**
 * LdaChannelParams:
 * @offset: the multiplier f of pipeline.md §1
 * @use_offset: when %FALSE the threshold is the peak itself
 * @coarseness: tile side in pixels
 * @kernel: side of the elliptical structuring element
 * @manual: use @manual_threshold instead of the max-tile threshold
 * @manual_threshold: a pixel is foreground when its value is greater
 * @ignore_saturated: saturated tiles do not vote (pipeline.md §1), and the
 *   histogram methods leave saturated pixels out
 * @method: how the automatic threshold is found
 * @saturation: the value at and above which a pixel is saturated, or
 *   %LDA_SATURATION_AUTO to detect it from the data (255 for 8-bit input,
 *   4095 or 16 383 for 12- and 14-bit data stored in 16 bits, else 65 535)
 */
typedef struct
{
  double    offset;
  gboolean  use_offset;
  guint     coarseness;
  guint     kernel;
  gboolean  manual;
  guint     manual_threshold;
  gboolean  ignore_saturated;
  LdaMethod method;
  guint     saturation;
} LdaChannelParams;

/**
 * LdaNucleusParams:
 * @objects: each nucleus is one object with one live/dead call, painted
 *   whole as class 3 or 4; when %FALSE nuclei are painted pixel by pixel
 *   and called by the article's rule (pipeline.md §6, §7)
 * @split: with @objects, touching nuclei are split by a seeded watershed
 *   of their distance map
 * @split_depth: how much deeper than the neck between them (in pixels of
 *   the distance map) two nuclei must be to be split: the h of the
 *   h-maxima that seed the watershed
 * @min_area: with @objects, objects smaller than this many pixels are
 *   noise, not nuclei, and are dropped
 */
typedef struct
{
  gboolean objects;
  gboolean split;
  double   split_depth;
  guint    min_area;
} LdaNucleusParams;

typedef struct
{
  LdaChannelParams channel[LDA_N_CHANNELS];
  LdaNucleusParams nuclei;
} LdaParams;

const char *lda_channel_name             (LdaChannel              channel);
const char *lda_channel_title            (LdaChannel              channel);
const char *lda_method_name              (LdaMethod               method);
const char *lda_method_title             (LdaMethod               method);
gboolean    lda_method_from_name         (const char             *name,
                                          LdaMethod              *method);
const char *lda_preset_name              (LdaPreset               preset);
const char *lda_preset_title             (LdaPreset               preset);
gboolean    lda_preset_from_name         (const char             *name,
                                          LdaPreset              *preset);
void        lda_channel_params_init      (LdaChannelParams       *params);
void        lda_channel_params_init_preset (LdaChannelParams     *params,
                                          LdaPreset               preset,
                                          LdaChannel              channel);
void        lda_nucleus_params_init_preset (LdaNucleusParams     *params,
                                          LdaPreset               preset);
gboolean    lda_nucleus_params_validate  (const LdaNucleusParams *params,
                                          GError                **error);
gboolean    lda_nucleus_params_equal     (const LdaNucleusParams *a,
                                          const LdaNucleusParams *b);
gboolean    lda_channel_params_validate  (const LdaChannelParams *params,
                                          LdaChannel              channel,
                                          GError                **error);
gboolean    lda_channel_params_equal     (const LdaChannelParams *a,
                                          const LdaChannelParams *b);
void        lda_params_init              (LdaParams              *params);
void        lda_params_init_preset       (LdaParams              *params,
                                          LdaPreset               preset);
gboolean    lda_params_equal             (const LdaParams        *a,
                                          const LdaParams        *b);
gboolean    lda_params_get_preset        (const LdaParams        *params,
                                          LdaPreset              *preset);
guint       lda_params_nucleus_connectivity (const LdaParams     *params);
gboolean    lda_nucleus_params_check     (const LdaNucleusParams *params,
                                          const char            **key,
                                          GError                **error);
gboolean    lda_channel_params_check     (const LdaChannelParams *params,
                                          LdaChannel              channel,
                                          const char            **key,
                                          GError                **error);
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
