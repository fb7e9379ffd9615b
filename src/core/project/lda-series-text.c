/* lda-series-text.c — what a person types about a series: which frames,
 * and the time between them
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-series.h"

static gboolean
parse_index (const char *text,
             guint      *value)
{
  guint64 v;
  char *end = NULL;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || errno != 0 || v >= G_MAXUINT)
    return FALSE;

  *value = (guint) v;
  return TRUE;
}

/**
 * lda_series_parse_frames:
 * @self: a series
 * @text: frames numbered in the series' order from @base, as "0,2,5-7"
 *   (or "1,3,6-8")
 * @base: the number of the first frame: 0 on the command line, 1 in the
 *   window, which counts time points from 1 as people do
 * @frames: (element-type guint): where the indices (from 0) go, each once,
 *   in the order given
 * @error: return location for an error
 *
 * Returns: %TRUE if @text names only frames of the series
 */
gboolean
lda_series_parse_frames (LdaSeries   *self,
                         const char  *text,
                         guint        base,
                         GArray      *frames,
                         GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint n_frames = lda_series_get_n_frames (self);

  g_return_val_if_fail (base <= 1, FALSE);

  if (parts[0] == NULL || g_strstrip (parts[0])[0] == '\0')
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                   base == 0 ? _("no frames given; write them as 0,2,5-7")
                             : _("no time points given; write them as 1,3,6-8"));
      return FALSE;
    }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) range = g_strsplit (g_strstrip (parts[i]), "-", 3);
      guint first = 0, last = 0;

      if (g_strv_length (range) == 0 || g_strv_length (range) > 2 ||
          !parse_index (g_strstrip (range[0]), &first) ||
          (range[1] != NULL && (!parse_index (g_strstrip (range[1]), &last) || last < first)) ||
          first < base)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       base == 0 ? _("“%s” is not a frame or a range of frames such as 5-7")
                                 : _("“%s” is not a time point or a range of them such as 6-8"),
                       parts[i]);
          return FALSE;
        }
      if (range[1] == NULL)
        last = first;

      if (last - base >= n_frames)
        {
          g_autofree char *said = NULL;
          guint named = n_frames;

          if (base == 0)
            said = g_strdup_printf (_("frame %u does not exist: the series has %u frames, "
                                      "numbered from 0"), last, n_frames);
          else
            said = g_strdup_printf (ngettext ("time point %u does not exist: the series has %u "
                                              "time point",
                                              "time point %u does not exist: the series has %u "
                                              "time points", n_frames),
                                    last, n_frames);
          /* The number a frame's name carries (t10), taken for its place. */
          for (guint k = 0; k < n_frames && named == n_frames; k++)
            if (lda_series_get_frame (self, k)->time_index == last)
              named = k;
          if (named < n_frames)
            /* Translators: after "time point 10 does not exist: …"; the
             * frame's title (t10) and where it is in the series */
            g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS, _("%s; %s is number %u"),
                         said, lda_series_get_frame (self, named)->title, named + base);
          else
            g_set_error_literal (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS, said);
          return FALSE;
        }
      first -= base;
      last -= base;

      for (guint f = first; f <= last; f++)
        {
          gboolean seen = FALSE;

          for (guint k = 0; k < frames->len && !seen; k++)
            seen = g_array_index (frames, guint, k) == f;
          if (!seen)
            g_array_append_val (frames, f);
        }
    }

  return TRUE;
}

/**
 * lda_interval_parse:
 * @text: a time between frames: "2h", "30min", "90s", "1.5 h"; the
 *   decimal separator may be a comma ("1,5 h"), as German writes it
 * @hours: (out): it in hours
 * @error: return location for an error
 *
 * Returns: %TRUE if @text is a positive time with a unit
 */
gboolean
lda_interval_parse (const char  *text,
                    double      *hours,
                    GError     **error)
{
  static const struct { const char *unit; double hours; } units[] = {
    { "h", 1.0 }, { "hr", 1.0 }, { "hour", 1.0 }, { "hours", 1.0 }, { "std", 1.0 },
    { "min", 1.0 / 60.0 }, { "mins", 1.0 / 60.0 }, { "minutes", 1.0 / 60.0 }, { "m", 1.0 / 60.0 },
    { "s", 1.0 / 3600.0 }, { "sec", 1.0 / 3600.0 }, { "seconds", 1.0 / 3600.0 },
    { "d", 24.0 }, { "day", 24.0 }, { "days", 24.0 },
  };
  g_autofree char *number = g_strstrip (g_strdup (text));
  char *end = NULL;
  double value;

  /* One comma and no point: a decimal comma. */
  if (strchr (number, '.') == NULL && strchr (number, ',') == strrchr (number, ','))
    g_strdelimit (number, ",", '.');
  value = g_ascii_strtod (number, &end);

  if (end != number && isfinite (value) && value > 0.0)
    {
      while (*end == ' ')
        end++;
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        if (g_ascii_strcasecmp (end, units[i].unit) == 0)
          {
            *hours = value * units[i].hours;
            return TRUE;
          }
    }

  g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
               _("“%s” is not a time between frames; write it as 2h, 30min or 90s"), text);
  return FALSE;
}
