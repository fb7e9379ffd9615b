/* lda-scale-range.h — a slider over the useful part of a value's range
 * (lda-scale-range.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lda_scale_range_limit (GtkRange      *range,
                            GtkAdjustment *value,
                            double         upper);

G_END_DECLS
