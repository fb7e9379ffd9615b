/* lda-params.c — names, defaults, presets and validation of parameters
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lda-error.h"
#include "lda-params.h"

static const char * const channel_names[LDA_N_CHANNELS] = {
  "cell-area", "hoechst", "draq7",
};

static const char * const channel_titles[LDA_N_CHANNELS] = {
  N_("cell area"), N_("Hoechst"), N_("Draq7"),
};

/**
 * lda_channel_name:
 * @channel: a channel
 *
 * Returns: the channel's stable name, as used in parameter files and on
 *   the command line ("cell-area", "hoechst", "draq7")
 */
const char *
lda_channel_name (LdaChannel channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return channel_names[channel];
}

/**
 * lda_channel_title:
 * @channel: a channel
 *
 * Returns: the channel's name for people ("cell area", "Hoechst", "Draq7")
 */
const char *
lda_channel_title (LdaChannel channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return _(channel_titles[channel]);
}

static const char * const method_names[LDA_N_METHODS] = {
  "max-tile", "otsu", "otsu-tiles", "triangle",
};

static const char * const method_titles[LDA_N_METHODS] = {
  N_("Max-tile (article)"), N_("Otsu"), N_("Otsu of tile maxima"), N_("Triangle"),
};

static const char * const preset_names[LDA_N_PRESETS] = {
  "article", "robust",
};

static const char * const preset_titles[LDA_N_PRESETS] = {
  N_("Article"), N_("Robust"),
};

/**
 * lda_method_name:
 * @method: a threshold method
 *
 * Returns: its stable name, as used in parameter files and on the command
 *   line ("max-tile", "otsu", "otsu-tiles", "triangle")
 */
const char *
lda_method_name (LdaMethod method)
{
  g_return_val_if_fail (method < LDA_N_METHODS, NULL);

  return method_names[method];
}

/**
 * lda_method_title:
 * @method: a threshold method
 *
 * Returns: its name for people, translated
 */
const char *
lda_method_title (LdaMethod method)
{
  g_return_val_if_fail (method < LDA_N_METHODS, NULL);

  return _(method_titles[method]);
}

/**
 * lda_method_from_name:
 * @name: a stable method name
 * @method: (out): the method
 *
 * Returns: %TRUE if @name is one of lda_method_name()'s
 */
gboolean
lda_method_from_name (const char *name,
                      LdaMethod  *method)
{
  for (guint m = 0; m < LDA_N_METHODS; m++)
    if (g_str_equal (name, method_names[m]))
      {
        *method = m;
        return TRUE;
      }

  return FALSE;
}

/**
 * lda_preset_name:
 * @preset: a preset
 *
 * Returns: its stable name ("article", "robust")
 */
const char *
lda_preset_name (LdaPreset preset)
{
  g_return_val_if_fail (preset < LDA_N_PRESETS, NULL);

  return preset_names[preset];
}

/**
 * lda_preset_title:
 * @preset: a preset
 *
 * Returns: its name for people, translated
 */
const char *
lda_preset_title (LdaPreset preset)
{
  g_return_val_if_fail (preset < LDA_N_PRESETS, NULL);

  return _(preset_titles[preset]);
}

/**
 * lda_preset_from_name:
 * @name: a stable preset name
 * @preset: (out): the preset
 *
 * Returns: %TRUE if @name is one of lda_preset_name()'s
 */
gboolean
lda_preset_from_name (const char *name,
                      LdaPreset  *preset)
{
  for (guint p = 0; p < LDA_N_PRESETS; p++)
    if (g_str_equal (name, preset_names[p]))
      {
        *preset = p;
        return TRUE;
      }

  return FALSE;
}

/**
 * lda_channel_params_init:
 * @params: (out caller-allocates): parameters to fill
 *
 * The article's defaults: max-tile method, offset 1.2, coarseness 16,
 * kernel 5, automatic threshold, every tile votes, saturation detected.
 */
void
lda_channel_params_init (LdaChannelParams *params)
{
  params->offset = 1.2;
  params->use_offset = TRUE;
  params->coarseness = 16;
  params->kernel = 5;
  params->manual = FALSE;
  params->manual_threshold = 0;
  params->ignore_saturated = FALSE;
  params->method = LDA_METHOD_MAX_TILE;
  params->saturation = LDA_SATURATION_AUTO;
}

/**
 * lda_channel_params_init_preset:
 * @params: (out caller-allocates): parameters to fill
 * @preset: which preset
 * @channel: the channel they are for (presets differ by channel)
 *
 * The robust preset thresholds every channel by Otsu's method, computed
 * on each frame.  Its factors were chosen on real assays
 * (tests/quality/measure-quality.py): the nucleus edge of a blurred,
 * dim nucleus lies below the level half-way between the background and
 * the nucleus classes, so Hoechst takes 0.65 of the way from the dark
 * level to Otsu's threshold; Draq7, which also stains the haze around
 * dead cells, takes Otsu's own; the cell area on the Sobel gradient
 * takes Otsu's own.  A kernel of 3 closes the nucleus masks without
 * joining neighbours 4–8 pixels apart, as 5 does.
 */
void
lda_channel_params_init_preset (LdaChannelParams *params,
                                LdaPreset         preset,
                                LdaChannel        channel)
{
  g_return_if_fail (preset < LDA_N_PRESETS);
  g_return_if_fail (channel < LDA_N_CHANNELS);

  lda_channel_params_init (params);
  if (preset == LDA_PRESET_ARTICLE)
    return;

  params->method = LDA_METHOD_OTSU;
  switch (channel)
    {
    case LDA_CHANNEL_CELL_AREA:
      params->offset = 1.0;
      params->kernel = 5;
      break;
    case LDA_CHANNEL_HOECHST:
      params->offset = 0.65;
      params->kernel = 3;
      break;
    case LDA_CHANNEL_DRAQ7:
    case LDA_N_CHANNELS:
    default:
      params->offset = 1.0;
      params->kernel = 3;
      break;
    }
}

/**
 * lda_nucleus_params_init_preset:
 * @params: (out caller-allocates): parameters to fill
 * @preset: which preset
 *
 * The article paints nuclei pixel by pixel and splits nothing; the robust
 * preset makes objects and splits them at necks 2 pixels shallower than
 * the nuclei (two discs of radius r whose centres are more than about r
 * apart).
 */
void
lda_nucleus_params_init_preset (LdaNucleusParams *params,
                                LdaPreset         preset)
{
  g_return_if_fail (preset < LDA_N_PRESETS);

  params->objects = preset != LDA_PRESET_ARTICLE;
  params->split = preset != LDA_PRESET_ARTICLE;
  params->split_depth = 2.0;
  params->min_area = preset != LDA_PRESET_ARTICLE ? 20 : 0;
}

/**
 * lda_params_init_preset:
 * @params: (out caller-allocates): parameters to fill
 * @preset: which preset
 */
void
lda_params_init_preset (LdaParams *params,
                        LdaPreset  preset)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_params_init_preset (&params->channel[c], preset, c);
  lda_nucleus_params_init_preset (&params->nuclei, preset);
}

/**
 * lda_params_init:
 * @params: (out caller-allocates): parameters to fill
 *
 * The default parameters of a new project and of the command: those of
 * %LDA_PRESET_DEFAULT.
 */
void
lda_params_init (LdaParams *params)
{
  lda_params_init_preset (params, LDA_PRESET_DEFAULT);
}

gboolean
lda_channel_params_equal (const LdaChannelParams *a,
                          const LdaChannelParams *b)
{
  return a->offset == b->offset &&
         !a->use_offset == !b->use_offset &&
         a->coarseness == b->coarseness &&
         a->kernel == b->kernel &&
         !a->manual == !b->manual &&
         a->manual_threshold == b->manual_threshold &&
         !a->ignore_saturated == !b->ignore_saturated &&
         a->method == b->method &&
         a->saturation == b->saturation;
}

gboolean
lda_nucleus_params_equal (const LdaNucleusParams *a,
                          const LdaNucleusParams *b)
{
  return !a->objects == !b->objects &&
         !a->split == !b->split &&
         a->split_depth == b->split_depth &&
         a->min_area == b->min_area;
}

gboolean
lda_params_equal (const LdaParams *a,
                  const LdaParams *b)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!lda_channel_params_equal (&a->channel[c], &b->channel[c]))
      return FALSE;

  return lda_nucleus_params_equal (&a->nuclei, &b->nuclei);
}

/**
 * lda_params_get_preset:
 * @params: parameters
 * @preset: (out) (optional): the preset they are
 *
 * Returns: %TRUE if @params are exactly one of the presets
 */
gboolean
lda_params_get_preset (const LdaParams *params,
                       LdaPreset       *preset)
{
  for (guint p = 0; p < LDA_N_PRESETS; p++)
    {
      LdaParams candidate;

      lda_params_init_preset (&candidate, p);
      if (lda_params_equal (params, &candidate))
        {
          if (preset != NULL)
            *preset = p;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lda_params_nucleus_connectivity:
 * @params: parameters
 *
 * How the nuclei of a mask made with @params are told apart: 4 when each
 * nucleus is an object (a class-2 line one pixel wide between touching
 * nuclei separates them only for 4-connectivity), 8 for the article's
 * nucleus components (pipeline.md §5).  Counting a corrected mask and the
 * Live/Dead tool use the same.
 *
 * Returns: 4 or 8
 */
guint
lda_params_nucleus_connectivity (const LdaParams *params)
{
  return params->nuclei.objects ? 4 : 8;
}

/**
 * lda_channel_params_validate:
 * @params: parameters of one channel
 * @channel: which channel they are for (named in the message)
 * @error: return location for an error
 *
 * Returns: %TRUE if every value lies in its range; otherwise sets
 *   %LDA_ERROR_INVALID_PARAMS naming the channel, the value and the range
 */
gboolean
lda_channel_params_validate (const LdaChannelParams *params,
                             LdaChannel              channel,
                             GError                **error)
{
  return lda_channel_params_check (params, channel, NULL, error);
}

/**
 * lda_channel_params_check:
 * @params: parameters of one channel
 * @channel: which channel they are for (named in the message)
 * @key: (out) (optional): on failure, the key of a parameter file that
 *   holds the value out of range ("offset", "coarseness", …)
 * @error: return location for an error
 *
 * lda_channel_params_validate(), telling a reader of a parameter file
 * which of its keys is wrong, so that it can name the line.
 *
 * Returns: %TRUE if every value lies in its range
 */
gboolean
lda_channel_params_check (const LdaChannelParams  *params,
                          LdaChannel               channel,
                          const char             **key,
                          GError                 **error)
{
  const char *name = lda_channel_name (channel);

  if (!isfinite (params->offset) ||
      params->offset < LDA_OFFSET_MIN || params->offset > LDA_OFFSET_MAX)
    {
      if (key != NULL)
        *key = "offset";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s offset %g is out of range (%g to %g)"),
                   name, params->offset, LDA_OFFSET_MIN, LDA_OFFSET_MAX);
      return FALSE;
    }

  if (params->coarseness < LDA_COARSENESS_MIN || params->coarseness > LDA_COARSENESS_MAX)
    {
      if (key != NULL)
        *key = "coarseness";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s coarseness %u is out of range (%u to %u)"),
                   name, params->coarseness, LDA_COARSENESS_MIN, LDA_COARSENESS_MAX);
      return FALSE;
    }

  if (params->kernel < LDA_KERNEL_MIN || params->kernel > LDA_KERNEL_MAX)
    {
      if (key != NULL)
        *key = "kernel";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s kernel size %u is out of range (%u to %u)"),
                   name, params->kernel, LDA_KERNEL_MIN, LDA_KERNEL_MAX);
      return FALSE;
    }

  if (params->manual_threshold > LDA_MANUAL_MAX)
    {
      if (key != NULL)
        *key = "manual-threshold";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s threshold %u is out of range (0 to %u)"),
                   name, params->manual_threshold, LDA_MANUAL_MAX);
      return FALSE;
    }

  if ((guint) params->method >= LDA_N_METHODS)
    {
      if (key != NULL)
        *key = "method";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s threshold method %u is unknown"), name, (guint) params->method);
      return FALSE;
    }

  if (params->saturation > LDA_MANUAL_MAX)
    {
      if (key != NULL)
        *key = "saturation";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("%s saturation %u is out of range (1 to %u, or auto)"),
                   name, params->saturation, LDA_MANUAL_MAX);
      return FALSE;
    }

  return TRUE;
}

/**
 * lda_nucleus_params_validate:
 * @params: nucleus parameters
 * @error: return location for an error
 *
 * Returns: %TRUE if every value lies in its range; otherwise sets
 *   %LDA_ERROR_INVALID_PARAMS naming the value and the range
 */
gboolean
lda_nucleus_params_validate (const LdaNucleusParams *params,
                             GError                **error)
{
  return lda_nucleus_params_check (params, NULL, error);
}

/**
 * lda_nucleus_params_check:
 * @params: nucleus parameters
 * @key: (out) (optional): on failure, the key of a parameter file that
 *   holds the value out of range
 * @error: return location for an error
 *
 * lda_nucleus_params_validate(), naming the key as
 * lda_channel_params_check() does.
 *
 * Returns: %TRUE if every value lies in its range
 */
gboolean
lda_nucleus_params_check (const LdaNucleusParams  *params,
                          const char             **key,
                          GError                 **error)
{
  if (!isfinite (params->split_depth) ||
      params->split_depth < LDA_SPLIT_DEPTH_MIN || params->split_depth > LDA_SPLIT_DEPTH_MAX)
    {
      if (key != NULL)
        *key = "split-depth";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("split depth %g is out of range (%g to %g)"),
                   params->split_depth, LDA_SPLIT_DEPTH_MIN, LDA_SPLIT_DEPTH_MAX);
      return FALSE;
    }

  if (params->min_area > LDA_MIN_AREA_MAX)
    {
      if (key != NULL)
        *key = "min-area";
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   _("smallest nucleus %u is out of range (0 to %u pixels)"),
                   params->min_area, LDA_MIN_AREA_MAX);
      return FALSE;
    }

  return TRUE;
}

gboolean
lda_params_validate (const LdaParams  *params,
                     GError          **error)
{
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    if (!lda_channel_params_validate (&params->channel[c], c, error))
      return FALSE;

  return lda_nucleus_params_validate (&params->nuclei, error);
}

