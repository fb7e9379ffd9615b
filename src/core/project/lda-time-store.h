/* lda-time-store.h — the time between frames a person gave, kept with the
 * project
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean lda_time_store_load (const char  *folder,
                              const char  *series,
                              double      *hours,
                              GError     **error);
gboolean lda_time_store_save (const char  *folder,
                              const char  *series,
                              double       hours,
                              GError     **error);

G_END_DECLS
