/* lda-mm-metadata.h — when Micro-Manager took each image
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GHashTable *lda_mm_metadata_parse (const char  *text,
                                   gsize        len,
                                   GError     **error);
GHashTable *lda_mm_metadata_load  (const char  *folder,
                                   char       **path,
                                   GError     **error);

G_END_DECLS
