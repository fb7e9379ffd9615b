/* lda-compare.h — orderings of whole numbers for qsort() and g_array_sort()
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int lda_compare_guint32 (gconstpointer a,
                         gconstpointer b);
int lda_compare_guint64 (gconstpointer a,
                         gconstpointer b);
int lda_compare_gint64  (gconstpointer a,
                         gconstpointer b);

G_END_DECLS
