/* lda-series-lock.h — one writer per series, one process per project
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdaSeriesLock LdaSeriesLock;

LdaSeriesLock *lda_series_lock_acquire (const char     *folder,
                                        const char     *series,
                                        GError        **error);
gboolean       lda_series_lock_refresh (LdaSeriesLock  *self,
                                        GError        **error);
void           lda_series_lock_release (LdaSeriesLock  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaSeriesLock, lda_series_lock_release)

G_END_DECLS
