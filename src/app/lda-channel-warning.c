/* lda-channel-warning.c — what is wrong with a channel's mask, and what to
 * change
 *
 * A mask that is empty, or that covers almost the whole image, is said
 * to be so in the channel's panel, with the cause where it is known (the
 * saturated tiles that won the vote, an image with no contrast) and the
 * control that mends it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-channel-warning.h"

/* Above this fraction of the image the mask is almost certainly wrong:
 * cells may fill a frame, nuclei never do. */
#define FULL_COVERAGE        0.95
#define FULL_NUCLEI_COVERAGE 0.90

/**
 * lda_channel_histogram_is_flat:
 * @histogram: (array fixed-size=65536): counts of the values
 * @max_value: the largest value
 * @value: (out): the one value, if there is one
 *
 * Returns: whether @histogram holds one value only: an image with no
 *   contrast
 */
gboolean
lda_channel_histogram_is_flat (const guint32 *histogram,
                               guint          max_value,
                               guint         *value)
{
  guint found = 0, n = 0;

  for (guint v = 0; v <= MIN (max_value, 65535u) && n < 2; v++)
    if (histogram[v] != 0)
      {
        found = v;
        n++;
      }
  *value = found;
  return n == 1;
}

/* The mask is empty.  Sets *@advice; returns the problem. */
static char *
empty_mask (const LdaChannelState  *state,
            const LdaChannelResult *r,
            const char            **advice,
            gboolean               *offer_ignore)
{
  /* Saturated tiles are the cause when their vote set the threshold
   * (the max-tile method), or when a histogram method's threshold is
   * above the pixels with no offset raising it; an offset above 1 that
   * pushed it there is the cause itself. */
  const gboolean by_offset = state->use_offset && state->method != LDA_METHOD_MAX_TILE &&
                             state->offset > 1.0;

  if (state->flat)
    {
      /* No threshold and no offset can help: say what is wrong with the
       * image instead (a blank or failed acquisition). */
      if (state->channel != LDA_CHANNEL_CELL_AREA)
        return g_strdup_printf (_("The image has no contrast: every pixel is %u, so no "
                                  "threshold finds anything in it. Is it the right file?"),
                                state->flat_value);
      return g_strdup (_("The brightfield image has no contrast: it has no edges, so no "
                         "threshold finds cells in it. Is it the right file?"));
    }
  if (!state->manual && !state->ignore_saturated && !by_offset && r->saturation > 0 &&
      r->peak == r->saturation && r->threshold >= (gint64) r->max_value)
    {
      *offer_ignore = TRUE;
      return g_strdup (_("The mask is empty: saturated tiles won the vote, so the threshold is above every pixel."));
    }

  if (state->manual)
    *advice = _("Lower the manual threshold.");
  else if (state->use_offset)
    *advice = _("Lower the offset or set a manual threshold.");
  else
    *advice = _("Set a manual threshold.");
  return g_strdup (_("The mask is empty: the threshold is above the channel’s pixels."));
}

/**
 * lda_channel_warning:
 * @state: the panel's controls
 * @result: what the last run computed for the channel
 * @offer_ignore: (out): whether ignoring saturated tiles would mend it
 *
 * Returns: (transfer full) (nullable): why the mask is empty or full and
 *   what to change; %NULL when it is neither
 */
char *
lda_channel_warning (const LdaChannelState  *state,
                     const LdaChannelResult *result,
                     gboolean               *offer_ignore)
{
  const gboolean nuclei = state->channel != LDA_CHANNEL_CELL_AREA;
  const char *advice = NULL;
  g_autofree char *problem = NULL;

  *offer_ignore = FALSE;
  if (result->coverage <= 0.0)
    problem = empty_mask (state, result, &advice, offer_ignore);
  else if (result->coverage > (nuclei ? FULL_NUCLEI_COVERAGE : FULL_COVERAGE))
    {
      problem = g_strdup (nuclei ? _("The mask covers almost the whole image: nuclei never do.")
                                 : _("The mask covers almost the whole image."));
      if (state->manual)
        advice = _("Raise the manual threshold.");
      else if (state->use_offset)
        advice = _("Raise the offset or set a manual threshold.");
      else
        advice = _("Use an offset or set a manual threshold.");
    }

  if (problem == NULL || advice == NULL)
    return g_steal_pointer (&problem);
  return g_strjoin (" ", problem, advice, NULL);
}
