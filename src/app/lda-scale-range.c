/* lda-scale-range.c — a slider over the useful part of a value's range
 *
 * The offset may be anything from 0 to 10, and its spin button takes all
 * of that; but the values people use lie between 0.5 and 2 or so, and a
 * slider over 0 to 10 moved the threshold by a step of 0.04 a pixel
 * (1.00 to 2.23 in 40 pixels).  So the slider has an adjustment of its
 * own, over 0 to @upper, kept in step with the value's: a value above
 * @upper puts the slider at its end, and stays as it is until the slider
 * itself is moved.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-scale-range.h"

/* The value → the slider: clamped to the slider's range. */
static void
value_moved (GtkAdjustment *value,
             GtkAdjustment *slider)
{
  double v = gtk_adjustment_get_value (value);

  gtk_adjustment_set_value (slider, CLAMP (v, gtk_adjustment_get_lower (slider),
                                           gtk_adjustment_get_upper (slider)));
}

/* The slider → the value: only when the slider moved, not when it was
 * clamped to its end by a value beyond it. */
static void
slider_moved (GtkAdjustment *slider,
              GtkAdjustment *value)
{
  double s = gtk_adjustment_get_value (slider);
  double v = gtk_adjustment_get_value (value);

  if (s != CLAMP (v, gtk_adjustment_get_lower (slider), gtk_adjustment_get_upper (slider)))
    gtk_adjustment_set_value (value, s);
}

/**
 * lda_scale_range_limit:
 * @range: a slider showing @value
 * @value: the value's adjustment, over its whole range
 * @upper: the slider's end: values above it are set in the spin button
 *
 * Gives @range an adjustment of its own, from @value's lower bound to
 * @upper, with @value's steps, kept in step with @value both ways.  By
 * signal handlers that go with either adjustment (a GBinding between
 * them, torn down while the panel was, now and then touched one of them
 * being finalized).
 */
void
lda_scale_range_limit (GtkRange      *range,
                       GtkAdjustment *value,
                       double         upper)
{
  GtkAdjustment *slider = gtk_adjustment_new (MIN (gtk_adjustment_get_value (value), upper),
                                              gtk_adjustment_get_lower (value), upper,
                                              gtk_adjustment_get_step_increment (value),
                                              gtk_adjustment_get_page_increment (value), 0.0);

  gtk_range_set_adjustment (range, slider);
  g_signal_connect_object (value, "value-changed", G_CALLBACK (value_moved), slider, 0);
  g_signal_connect_object (slider, "value-changed", G_CALLBACK (slider_moved), value, 0);
}
