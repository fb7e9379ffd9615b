/* lda-series-curves.h — which frames of a series one dead-fraction curve
 * joins
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-series.h"

G_BEGIN_DECLS

guint *lda_series_curves      (LdaSeries *series,
                               guint     *n_curves);
char  *lda_series_curve_key   (LdaSeries *series,
                               guint      frame);
char  *lda_series_curve_title (LdaSeries *series,
                               guint      frame);

G_END_DECLS
