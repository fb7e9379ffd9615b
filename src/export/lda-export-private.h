/* lda-export-private.h — what the export and the plot share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean lda_plot_check_support (GError **error);

G_END_DECLS
