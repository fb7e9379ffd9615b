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
static gboolean
value_to_slider (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_autoptr(GObject) slider = g_binding_dup_target (binding);
  double v = g_value_get_double (from);

  /* Going: nothing to keep in step. */
  if (slider == NULL)
    return FALSE;
  g_value_set_double (to, CLAMP (v, gtk_adjustment_get_lower (GTK_ADJUSTMENT (slider)),
                                 gtk_adjustment_get_upper (GTK_ADJUSTMENT (slider))));
  return TRUE;
}

/* The slider → the value: only when the slider moved, not when it was
 * clamped to its end by a value beyond it. */
static gboolean
slider_to_value (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_autoptr(GObject) slider = g_binding_dup_target (binding);
  g_autoptr(GObject) value = g_binding_dup_source (binding);
  double s = g_value_get_double (from);
  double v;
  gboolean moved;

  if (slider == NULL || value == NULL)
    return FALSE;
  v = gtk_adjustment_get_value (GTK_ADJUSTMENT (value));
  moved = s != CLAMP (v, gtk_adjustment_get_lower (GTK_ADJUSTMENT (slider)),
                      gtk_adjustment_get_upper (GTK_ADJUSTMENT (slider)));
  if (moved)
    g_value_set_double (to, s);
  return moved;
}

/**
 * lda_scale_range_limit:
 * @range: a slider showing @value
 * @value: the value's adjustment, over its whole range
 * @upper: the slider's end: values above it are set in the spin button
 *
 * Gives @range an adjustment of its own, from @value's lower bound to
 * @upper, with @value's steps, kept in step with @value both ways.
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
  g_object_bind_property_full (value, "value", slider, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               value_to_slider, slider_to_value, NULL, NULL);
}
