/* lda-threshold.c — the max-tile threshold of pipeline.md §1
 *
 * The method of the source article: most of a micrograph is background, so
 * the maximum of a small tile is usually a background value.  Every tile
 * votes its maximum; the most voted value is the background level.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-threshold.h"
#include "lda-threshold-methods.h"

/**
 * lda_threshold_votes_full:
 * @image: a #LDA_PIXEL_U16 image
 * @coarseness: tile side, at least 1; edge tiles are partial
 * @saturation: tiles whose maximum is at least this do not vote; 0 lets
 *   every tile vote
 * @votes: (out caller-allocates) (array fixed-size=65536): the histogram of
 *   tile maxima
 * @max_value: (out) (optional): the brightest pixel, saturated or not
 * @cancellable: (nullable): polled once per row of tiles
 *
 * One pass over the image keeps the running maximum of every tile of the
 * current tile row.  Counts are 32-bit: at most %LDA_IMAGE_MAX_PIXELS votes.
 *
 * Returns: %FALSE if cancelled (@votes is then incomplete)
 */
gboolean
lda_threshold_votes_full (const LdaImage *image,
                          guint           coarseness,
                          guint           saturation,
                          guint32        *votes,
                          guint          *max_value,
                          GCancellable   *cancellable)
{
  const guint w = image->width;
  const guint h = image->height;
  const guint16 *pixels = lda_image_u16 (image);
  g_autofree guint16 *column_max = NULL;

  g_return_val_if_fail (image->type == LDA_PIXEL_U16, FALSE);
  g_return_val_if_fail (coarseness >= 1, FALSE);

  memset (votes, 0, LDA_HISTOGRAM_BINS * sizeof *votes);

  if (coarseness == 1)
    {
      /* Every pixel is its own tile. */
      for (guint y = 0; y < h; y++)
        {
          const guint16 *row = pixels + (gsize) y * w;

          for (guint x = 0; x < w; x++)
            votes[row[x]]++;
          if ((y & 255) == 0 && g_cancellable_is_cancelled (cancellable))
            return FALSE;
        }
    }
  else
    {
      /* Each band of tile rows: the maximum of each column down the
       * band (many columns an instruction), then of each tile's columns. */
      column_max = g_new (guint16, w);

      for (guint ty = 0; ty < h; ty += coarseness)
        {
          guint y_end = MIN (h, ty + coarseness);

          if (g_cancellable_is_cancelled (cancellable))
            return FALSE;

          memcpy (column_max, pixels + (gsize) ty * w, w * sizeof *column_max);
          for (guint y = ty + 1; y < y_end; y++)
            {
              const guint16 *row = pixels + (gsize) y * w;

              for (guint x = 0; x < w; x++)
                column_max[x] = MAX (column_max[x], row[x]);
            }

          for (guint x0 = 0; x0 < w; x0 += coarseness)
            {
              guint x_end = MIN (w, x0 + coarseness);
              guint16 m = 0;

              for (guint x = x0; x < x_end; x++)
                m = MAX (m, column_max[x]);
              votes[m]++;
            }
        }
    }

  /* The largest tile maximum is the largest pixel. */
  if (max_value != NULL)
    *max_value = lda_histogram_max (votes);

  if (saturation > 0)
    for (guint v = saturation; v < LDA_HISTOGRAM_BINS; v++)
      votes[v] = 0;

  return TRUE;
}

/**
 * lda_threshold_votes:
 * @image: a #LDA_PIXEL_U16 image
 * @coarseness: tile side, at least 1; edge tiles are partial
 * @ignore_saturated: tiles whose maximum is lda_image_saturation() do not vote
 * @votes: (out caller-allocates) (array fixed-size=65536): the histogram of
 *   tile maxima
 * @cancellable: (nullable): polled once per row of tiles
 *
 * As lda_threshold_votes_full(), with the saturation of the image's file
 * type (255 or 65 535).
 *
 * Returns: %FALSE if cancelled (@votes is then incomplete)
 */
gboolean
lda_threshold_votes (const LdaImage *image,
                     guint           coarseness,
                     gboolean        ignore_saturated,
                     guint32        *votes,
                     GCancellable   *cancellable)
{
  return lda_threshold_votes_full (image, coarseness,
                                   ignore_saturated ? lda_image_saturation (image) : 0,
                                   votes, NULL, cancellable);
}

/**
 * lda_threshold_peak:
 * @votes: (array fixed-size=65536): a histogram of tile maxima
 *
 * Returns: the value ≥ 1 with the most votes, the lowest on ties, and 1 if
 *   no tile has a maximum ≥ 1 (pipeline.md §1)
 */
guint
lda_threshold_peak (const guint32 *votes)
{
  guint peak = 1;
  guint32 best = votes[1];

  for (guint v = 2; v < LDA_HISTOGRAM_BINS; v++)
    if (votes[v] > best)
      {
        best = votes[v];
        peak = v;
      }

  return peak;
}

/**
 * lda_threshold_apply_offset:
 * @peak: the peak k of the votes
 * @params: the channel's parameters
 *
 * Returns: k without offset, else floor(f · k + 1) computed in double
 *   precision; it may exceed 65 535, and then no pixel passes it
 */
gint64
lda_threshold_apply_offset (guint                   peak,
                            const LdaChannelParams *params)
{
  if (!params->use_offset)
    return peak;

  /* The article's offset · (|k − 1| + 1) + 1, with k ≥ 1. */
  return (gint64) floor (params->offset * (double) peak + 1.0);
}

/**
 * lda_threshold_compute:
 * @image: a #LDA_PIXEL_U16 input image (not the Sobel magnitude, whose
 *   saturation is always 65 535: the pipeline handles that one)
 * @params: the channel's parameters
 *
 * The threshold in use for @params: the manual value, or the threshold of
 * the channel's method, with the saturation detected from the image
 * unless @params set it.  Convenience for callers that do not keep the
 * votes.
 *
 * Returns: the threshold; a pixel is foreground when strictly greater
 */
gint64
lda_threshold_compute (const LdaImage         *image,
                       const LdaChannelParams *params)
{
  g_autofree guint32 *votes = NULL;
  g_autofree guint32 *histogram = NULL;
  LdaThresholdLevels levels;
  guint max_value = 0, saturation;

  if (params->manual)
    return params->manual_threshold;

  votes = g_new (guint32, LDA_HISTOGRAM_BINS);
  lda_threshold_votes_full (image, params->coarseness, 0, votes, &max_value, NULL);
  saturation = params->saturation != LDA_SATURATION_AUTO
               ? params->saturation : lda_saturation_detect (image->source_bits, max_value);
  if (params->ignore_saturated)
    for (guint v = saturation; v < LDA_HISTOGRAM_BINS; v++)
      votes[v] = 0;

  if (params->method != LDA_METHOD_MAX_TILE)
    {
      histogram = g_new (guint32, LDA_HISTOGRAM_BINS);
      lda_image_histogram (image, histogram);
    }

  lda_threshold_levels (histogram, votes, saturation, params, &levels);

  return levels.threshold[params->method];
}

/**
 * lda_image_histogram:
 * @image: a #LDA_PIXEL_U16 image
 * @histogram: (out caller-allocates) (array fixed-size=65536): pixel counts
 *   per value
 */
void
lda_image_histogram (const LdaImage *image,
                     guint32        *histogram)
{
  const guint16 *pixels = lda_image_u16 (image);
  gsize n = lda_image_n_pixels (image);

  memset (histogram, 0, LDA_HISTOGRAM_BINS * sizeof *histogram);
  for (gsize i = 0; i < n; i++)
    histogram[pixels[i]]++;
}
