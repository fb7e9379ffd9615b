/* lda-threshold-methods.c — automatic thresholds of a histogram
 *
 * The article's max-tile threshold takes the most voted tile maximum.  On
 * 16-bit data a thousand tiles vote for a thousand different values, so
 * the "peak" is a tie of a few votes and moves with every coarseness; the
 * methods here look at the whole shape of a histogram instead, and are
 * computed on each frame, so one setting follows a time series whose
 * brightness drifts.
 *
 * Value 0 never counts: registered crops have borders of 0 that hold no
 * measurement (pipeline.md §1 also starts the peak at 1).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-bitplane.h"
#include "lda-threshold.h"
#include "lda-threshold-methods.h"

/**
 * lda_histogram_max:
 * @histogram: (array fixed-size=65536): counts per value
 *
 * Returns: the largest value with a count, 0 if there is none
 */
guint
lda_histogram_max (const guint32 *histogram)
{
  for (guint v = LDA_HISTOGRAM_BINS - 1; v > 0; v--)
    if (histogram[v] != 0)
      return v;

  return 0;
}

/**
 * lda_saturation_detect:
 * @source_bits: the bit depth of the file (8 or 16)
 * @max_value: the brightest pixel
 *
 * Cameras with 12- or 14-bit converters store their data in 16 bits: an
 * image that never exceeds 4095 (16 383) is taken to be 12-bit (14-bit)
 * data, which saturates there.  A 16-bit image that happens to be dim is
 * taken for 12-bit too; that is harmless, as no pixel reaches 4095 then.
 *
 * Returns: 255 for 8-bit data, else 4095, 16 383 or 65 535
 */
guint
lda_saturation_detect (guint source_bits,
                       guint max_value)
{
  if (source_bits == 8)
    return 255;
  if (max_value <= 4095)
    return 4095;
  if (max_value <= 16383)
    return 16383;

  return 65535;
}

/**
 * lda_histogram_dark_level:
 * @histogram: (array fixed-size=65536): counts per value
 * @last: the largest value that counts
 *
 * Returns: the 1st percentile of the values 1 … @last: the camera's
 *   offset plus the darkest background, 0 if nothing counts
 */
guint
lda_histogram_dark_level (const guint32 *histogram,
                          guint          last)
{
  guint64 total = 0, seen = 0;

  for (guint v = 1; v <= last; v++)
    total += histogram[v];
  if (total == 0)
    return 0;

  for (guint v = 1; v <= last; v++)
    {
      seen += histogram[v];
      /* seen ≥ 1 % of total, in integers */
      if (seen * 100 >= total)
        return v;
    }

  return last;
}

/**
 * lda_threshold_otsu:
 * @histogram: (array fixed-size=65536): counts per value
 * @last: the largest value that counts
 *
 * Otsu's method over the values 1 … @last: the level T that maximises the
 * between-class variance w₀ w₁ (μ₀ − μ₁)² of the classes ≤ T and > T.
 * Every level of an empty stretch of the histogram splits it alike; T is
 * then the middle of the stretch, not its lowest level, which is the top
 * of the background: a clean image with a gap between background and
 * nuclei gets its threshold in the gap, where a factor below 1 still
 * leaves the background out.
 *
 * Returns: T (foreground is strictly above it); with fewer than two
 *   distinct values, the only value (or 0), so that nothing is foreground
 */
guint
lda_threshold_otsu (const guint32 *histogram,
                    guint          last)
{
  double total = 0.0, total_sum = 0.0;
  double w0 = 0.0, sum0 = 0.0, best = -1.0;
  guint level = 0, first = 0, top = 0;

  for (guint v = 1; v <= last; v++)
    if (histogram[v] != 0)
      {
        if (first == 0)
          first = v;
        top = v;
        total += histogram[v];
        total_sum += (double) histogram[v] * v;
      }
  if (first == top)
    return top;

  /* Sums of counts below 2³⁰ times values below 2¹⁶ are exact in a
   * double; the variance needs no more. */
  for (guint v = first; v < top; v++)
    {
      double w1, mu0, mu1, between;

      w0 += histogram[v];
      sum0 += (double) histogram[v] * v;
      /* An empty bin ties with the one before it: keep the lower. */
      if (histogram[v] == 0)
        continue;
      w1 = total - w0;
      mu0 = sum0 / w0;
      mu1 = (total_sum - sum0) / w1;
      between = w0 * w1 * (mu0 - mu1) * (mu0 - mu1);
      if (between > best)
        {
          best = between;
          level = v;
        }
    }

  /* The tie runs up to the next value with a count. */
  for (guint v = level + 1; v <= top; v++)
    if (histogram[v] != 0)
      return level + (v - 1 - level) / 2;

  return level;
}

/**
 * lda_threshold_triangle:
 * @histogram: (array fixed-size=65536): counts per value
 * @last: the largest value that counts
 *
 * Zack's triangle method over the values 1 … @last: a line from the
 * histogram's peak to the end of its longer tail (one past the last value
 * with a count, where the count is 0); the level is the value, between the
 * two, whose count lies farthest below the line.  Made for a narrow
 * background peak with a long tail of foreground, as on a gradient image.
 *
 * Returns: the level T (foreground is strictly above it when the tail is
 *   on the bright side)
 */
guint
lda_threshold_triangle (const guint32 *histogram,
                        guint          last)
{
  guint first = 0, top = 0, peak = 0;
  guint32 peak_count = 0;
  gboolean bright_tail;
  double best = -1.0;
  guint level;

  for (guint v = 1; v <= last; v++)
    if (histogram[v] != 0)
      {
        if (first == 0)
          first = v;
        top = v;
        if (histogram[v] > peak_count)
          {
            peak_count = histogram[v];
            peak = v;
          }
      }
  if (first == top)
    return top;

  bright_tail = top - peak >= peak - first;
  level = peak;
  if (bright_tail)
    {
      /* The line falls from (peak, count) to (top + 1, 0). */
      double span = (double) top + 1 - peak;

      for (guint v = peak + 1; v <= top; v++)
        {
          double line = peak_count * ((double) top + 1 - v) / span;
          double below = line - histogram[v];

          if (below > best)
            {
              best = below;
              level = v;
            }
        }
    }
  else
    {
      /* A bright background: the line rises from (first − 1, 0) to the
       * peak, and the threshold lies below the peak. */
      double span = (double) peak - (first - 1.0);

      for (guint v = peak - 1; v >= first; v--)
        {
          double line = peak_count * ((double) v - (first - 1.0)) / span;
          double below = line - histogram[v];

          if (below > best)
            {
              best = below;
              level = v;
            }
        }
    }

  return level;
}

/**
 * lda_threshold_scale:
 * @level: a method's level T
 * @dark: the image's dark level d
 * @params: the channel's parameters (offset and use of it)
 *
 * The offset of the histogram methods is a factor f on the method's
 * threshold measured from the dark level, floor(d + f · (T − d)).  Taken
 * from 0 instead, a factor below 1 would cross the background of a dim
 * image with a camera offset (background 110, T 173: 0.6 · T is below the
 * background and the mask floods), and the same factor would mean
 * something else at every camera offset.
 *
 * Returns: the threshold: T without offset, else floor(d + f · (T − d)),
 *   at least 0; a pixel is foreground when strictly greater
 */
gint64
lda_threshold_scale (guint                   level,
                     guint                   dark,
                     const LdaChannelParams *params)
{
  double t;

  if (!params->use_offset)
    return level;

  t = floor ((double) dark + params->offset * ((double) level - (double) dark));

  return t < 0.0 ? 0 : (gint64) t;
}

/**
 * lda_threshold_levels_measure:
 * @histogram: (nullable) (array fixed-size=65536): the channel's pixel
 *   histogram; without it only the max-tile level is computed
 * @votes: (array fixed-size=65536): the tile maxima, with saturated tiles
 *   already left out if the parameters say so
 * @saturation: the saturation value in use
 * @ignore_saturated: whether pixels at or above @saturation count for
 *   none of the histogram methods
 * @levels: (out caller-allocates): every method's level, the dark level,
 *   the brightest pixel and @saturation; the thresholds are left to
 *   lda_threshold_levels_place()
 *
 * The part of lda_threshold_levels() that reads the histograms, and that
 * no offset changes: a slider's drag over a channel's offset needs it
 * once.
 */
void
lda_threshold_levels_measure (const guint32      *histogram,
                              const guint32      *votes,
                              guint               saturation,
                              gboolean            ignore_saturated,
                              LdaThresholdLevels *levels)
{
  guint last = ignore_saturated && saturation > 0 ? saturation - 1 : LDA_HISTOGRAM_BINS - 1;

  levels->saturation = saturation;
  levels->level[LDA_METHOD_MAX_TILE] = lda_threshold_peak (votes);

  if (histogram == NULL)
    {
      levels->dark = 0;
      levels->max_value = lda_histogram_max (votes);
      for (guint m = LDA_METHOD_MAX_TILE + 1; m < LDA_N_METHODS; m++)
        levels->level[m] = 0;
      levels->measured_all = FALSE;
      return;
    }

  levels->max_value = lda_histogram_max (histogram);
  levels->dark = lda_histogram_dark_level (histogram, last);
  levels->level[LDA_METHOD_OTSU] = lda_threshold_otsu (histogram, last);
  levels->level[LDA_METHOD_OTSU_TILES] = lda_threshold_otsu (votes, LDA_HISTOGRAM_BINS - 1);
  levels->level[LDA_METHOD_TRIANGLE] = lda_threshold_triangle (histogram, last);
  levels->measured_all = TRUE;
}

/**
 * lda_threshold_levels_place:
 * @levels: (inout): levels of lda_threshold_levels_measure()
 * @params: the channel's parameters
 *
 * Each method's threshold from its level and the channel's offset, none
 * raised yet; -1 for the methods not measured.
 */
void
lda_threshold_levels_place (LdaThresholdLevels     *levels,
                            const LdaChannelParams *params)
{
  for (guint m = 0; m < LDA_N_METHODS; m++)
    levels->raised[m] = FALSE;
  levels->threshold[LDA_METHOD_MAX_TILE] =
    lda_threshold_apply_offset (levels->level[LDA_METHOD_MAX_TILE], params);
  for (guint m = LDA_METHOD_MAX_TILE + 1; m < LDA_N_METHODS; m++)
    levels->threshold[m] = levels->measured_all
                           ? lda_threshold_scale (levels->level[m], levels->dark, params)
                           : -1;
}

/**
 * lda_threshold_levels:
 * @histogram: (nullable) (array fixed-size=65536): the channel's pixel
 *   histogram; without it only the max-tile level is computed
 * @votes: (array fixed-size=65536): the tile maxima, with saturated tiles
 *   already left out if the parameters say so
 * @saturation: the saturation value in use
 * @params: the channel's parameters
 * @levels: (out caller-allocates): where every method puts the threshold
 *
 * With ignore-saturated, pixels at or above @saturation count for none of
 * the histogram methods.  Methods not computed get the threshold -1.
 */
void
lda_threshold_levels (const guint32          *histogram,
                      const guint32          *votes,
                      guint                   saturation,
                      const LdaChannelParams *params,
                      LdaThresholdLevels     *levels)
{
  lda_threshold_levels_measure (histogram, votes, saturation, params->ignore_saturated, levels);
  lda_threshold_levels_place (levels, params);
}

/**
 * lda_threshold_coherence:
 * @image: a #LDA_PIXEL_U16 image
 * @threshold: a threshold
 * @scratch: a bit plane of @image's size, overwritten
 *
 * The share of the pixels above @threshold whose four neighbours are above
 * it too (pixels beyond the edges are not).  Nuclei are blobs: most of
 * their pixels are inside them, and a threshold that finds nuclei gives
 * 0.8–0.95 on the labelled real frames.  Noise is not: half of the pixels
 * of a noise-only image, taken at random, have all four neighbours with
 * them one time in sixteen.
 *
 * Returns: the share, 0 to 1; 1 when no pixel is above @threshold
 */
double
lda_threshold_coherence (const LdaImage *image,
                         gint64          threshold,
                         LdaBitplane    *scratch)
{
  const guint h = image->height;
  const gsize stride = scratch->stride;
  guint64 total = 0, inside = 0;

  lda_bitplane_threshold (scratch, image, threshold);

  for (guint y = 0; y < h; y++)
    {
      const guint64 *row = lda_bitplane_row (scratch, y);
      const guint64 *above = y > 0 ? row - stride : NULL;
      const guint64 *below = y + 1 < h ? row + stride : NULL;

      for (gsize i = 0; i < stride; i++)
        {
          guint64 word = row[i];
          guint64 left, right;

          if (word == 0)
            continue;
          total += (guint64) lda_popcount (word);
          if (above == NULL || below == NULL)
            continue;

          /* Bit x's left neighbour is bit x − 1, from the word before at
           * bit 0; the padding past the width is clear. */
          left = (word << 1) | (i > 0 ? row[i - 1] >> 63 : 0);
          right = (word >> 1) | (i + 1 < stride ? row[i + 1] << 63 : 0);
          inside += (guint64) lda_popcount (word & left & right & above[i] & below[i]);
        }
    }

  return total == 0 ? 1.0 : (double) inside / (double) total;
}

/* The share lda_threshold_coherence() gives for @threshold, by whatever
 * means @data holds. */
typedef double (*CoherenceFunc) (gpointer data,
                                 gint64   threshold);

/* lda_threshold_find_objects() with the coherence from @func. */
static gint64
find_objects (CoherenceFunc  func,
              gpointer       data,
              gint64         threshold,
              guint          max_value,
              GCancellable  *cancellable)
{
  gint64 lo, hi;

  if (func (data, threshold) >= 0.5)
    return threshold;

  /* lo finds noise, hi finds blobs (or nothing). */
  lo = threshold;
  hi = max_value;
  while (hi - lo > 1 && !g_cancellable_is_cancelled (cancellable))
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (func (data, mid) >= 0.5)
        hi = mid;
      else
        lo = mid;
    }

  return hi;
}

typedef struct
{
  const LdaImage *image;
  LdaBitplane    *scratch;
} PassData;

static double
coherence_by_pass (gpointer data,
                   gint64   threshold)
{
  PassData *pass = data;

  return lda_threshold_coherence (pass->image, threshold, pass->scratch);
}

/**
 * lda_threshold_find_objects:
 * @image: a #LDA_PIXEL_U16 image of a nuclear stain
 * @threshold: a histogram method's threshold
 * @max_value: the brightest pixel
 * @cancellable: (nullable): polled between the passes
 *
 * A histogram method splits a histogram in two even when it has one
 * class only: in a Draq7 image with no dead cell yet, Otsu's method
 * splits the camera noise, and the mask floods.  A threshold is kept when
 * what it finds is mostly blobs (lda_threshold_coherence() at least ½);
 * otherwise it is raised, by bisection, to the lowest threshold that
 * finds blobs — above the noise, or above the brightest pixel when there
 * is nothing but noise.  A real threshold is never lowered, and costs one
 * pass to check.
 *
 * Returns: the threshold to use
 */
gint64
lda_threshold_find_objects (const LdaImage *image,
                            gint64          threshold,
                            guint           max_value,
                            GCancellable   *cancellable)
{
  g_autoptr(LdaBitplane) scratch = NULL;
  PassData pass;

  if (threshold >= (gint64) max_value)
    return threshold;

  scratch = lda_bitplane_new (image->width, image->height, NULL);
  if (scratch == NULL)
    return threshold;

  pass = (PassData) { image, scratch };
  return find_objects (coherence_by_pass, &pass, threshold, max_value, cancellable);
}

/* Per value k, 0 … 65 536: how many pixels are k or more, and how many
 * of those not on the image's edge have their four neighbours k or more
 * too, so that the coherence at any threshold t (pixels above t, that is
 * t + 1 or more) is two look-ups. */
struct _LdaCoherence
{
  guint32 *from;         /* LDA_HISTOGRAM_BINS + 1 */
  guint32 *inside_from;  /* LDA_HISTOGRAM_BINS + 1 */
};

/* @counts[k] += @counts[k + 1], from the top: counts per value made into
 * counts of that value or more. */
static void
accumulate_down (guint32 *counts)
{
  for (guint k = LDA_HISTOGRAM_BINS; k-- > 0;)
    counts[k] += counts[k + 1];
}

/**
 * lda_coherence_new:
 * @image: a #LDA_PIXEL_U16 image of a nuclear stain
 * @histogram: (nullable): @image's pixel histogram (lda_image_histogram()),
 *   if made already
 *
 * Counts, in one pass over @image, what lda_threshold_coherence() needs
 * for every threshold at once: for the window, which asks where every
 * method would put the threshold at each move of a slider.
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL for an image
 *   that is not 16-bit
 */
LdaCoherence *
lda_coherence_new (const LdaImage *image,
                   const guint32  *histogram)
{
  const guint w = image->width, h = image->height;
  const guint16 *v = lda_image_u16 (image);
  g_autofree guint16 *low = NULL;
  LdaCoherence *self;

  if (image->type != LDA_PIXEL_U16)
    return NULL;

  self = g_new0 (LdaCoherence, 1);
  self->from = g_new0 (guint32, LDA_HISTOGRAM_BINS + 1);
  self->inside_from = g_new0 (guint32, LDA_HISTOGRAM_BINS + 1);

  if (histogram != NULL)
    memcpy (self->from, histogram, LDA_HISTOGRAM_BINS * sizeof *histogram);
  else
    lda_image_histogram (image, self->from);
  /* A pixel and its four neighbours are all above a threshold when the
   * least of the five is: the least found for a row at once, in a loop
   * the compiler makes into vector instructions, then counted. */
  low = g_new (guint16, MAX (w, 1));
  for (guint y = 1; y + 1 < h; y++)
    {
      const guint16 *row = v + (gsize) y * w;
      const guint16 *above = row - w, *below = row + w;

      for (guint x = 1; x + 1 < w; x++)
        low[x] = MIN (MIN (MIN (row[x], row[x - 1]), MIN (row[x + 1], above[x])), below[x]);
      for (guint x = 1; x + 1 < w; x++)
        self->inside_from[low[x]]++;
    }
  accumulate_down (self->from);
  accumulate_down (self->inside_from);

  return self;
}

/**
 * lda_coherence_at:
 * @self: counts of lda_coherence_new()
 * @threshold: a threshold
 *
 * Returns: lda_threshold_coherence() of the image at @threshold, the same
 *   to the last bit
 */
double
lda_coherence_at (const LdaCoherence *self,
                  gint64              threshold)
{
  const guint k = (guint) CLAMP (threshold + 1, 0, (gint64) LDA_HISTOGRAM_BINS);
  const guint64 total = self->from[k], inside = self->inside_from[k];

  return total == 0 ? 1.0 : (double) inside / (double) total;
}

static double
coherence_by_counts (gpointer data,
                     gint64   threshold)
{
  return lda_coherence_at (data, threshold);
}

/**
 * lda_coherence_find_objects:
 * @self: counts of lda_coherence_new() for the image
 * @threshold: a histogram method's threshold
 * @max_value: the brightest pixel
 *
 * lda_threshold_find_objects() from the counts: the same threshold,
 * without a pass over the image.
 *
 * Returns: the threshold to use
 */
gint64
lda_coherence_find_objects (const LdaCoherence *self,
                            gint64              threshold,
                            guint               max_value)
{
  if (threshold >= (gint64) max_value)
    return threshold;

  return find_objects (coherence_by_counts, (gpointer) self, threshold, max_value, NULL);
}

void
lda_coherence_free (LdaCoherence *self)
{
  if (self == NULL)
    return;

  g_free (self->from);
  g_free (self->inside_from);
  g_free (self);
}
