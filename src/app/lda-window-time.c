/* lda-window-time.c — the window's time axis: hours when the files say
 * when each frame was taken, frame indices otherwise (Time Between
 * Frames…, for files that do not say, is in lda-window-interval.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "lda-window-private.h"

/**
 * lda_window_series_has_hours:
 * @self: a window
 *
 * Returns: %TRUE if every frame of the open series has its time in hours
 */
gboolean
lda_window_series_has_hours (LdaWindow *self)
{
  guint n = self->series != NULL ? lda_series_get_n_frames (self->series) : 0;

  for (guint i = 0; i < n; i++)
    if (!isfinite (lda_series_get_frame (self->series, i)->time_hours))
      return FALSE;

  return n > 0;
}

/**
 * lda_window_frame_time:
 * @self: a window
 * @index: a frame of its series
 *
 * Returns: the frame's place on the time axis: hours when the whole
 *   series has them, else its time index
 */
double
lda_window_frame_time (LdaWindow *self,
                       guint      index)
{
  LdaFrame *frame = lda_series_get_frame (self->series, index);

  return lda_window_series_has_hours (self) ? frame->time_hours : (double) frame->time_index;
}

/**
 * lda_window_format_hours:
 * @hours: a time in hours
 *
 * Returns: (transfer none): "4" or "0.5" (in the locale's digits), valid
 *   until the next call; for the main thread only
 */
const char *
lda_window_format_hours (double hours)
{
  static char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (fabs (hours - round (hours)) < 1e-6)
    snprintf (text, sizeof text, "%.0f", round (hours));
  else
    snprintf (text, sizeof text, "%.3g", hours);

  return text;
}
