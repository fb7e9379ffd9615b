/* lda-plot.h — the dead-fraction plot of an export, as PNG and SVG
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-series.h"

G_BEGIN_DECLS

gboolean lda_plot_check_support (GError     **error);
gboolean lda_plot_write         (LdaSeries   *series,
                                 const guint *frames,
                                 guint        n_frames,
                                 const char  *png_path,
                                 const char  *svg_path,
                                 GError     **error);

G_END_DECLS
