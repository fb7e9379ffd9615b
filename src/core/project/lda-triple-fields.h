/* lda-triple-fields.h — the time and the field in a triple's name
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-triples.h"

G_BEGIN_DECLS

/* What parts of a file name are separated by. */
static inline gboolean
lda_name_is_separator (char c)
{
  return c == '_' || c == '-' || c == '.' || c == ' ';
}

guint  lda_triple_name_time   (const char *name,
                               gsize      *start,
                               gsize      *end);
char  *lda_triple_name_field  (const char *name);
char  *lda_triple_field       (const LdaTriple *triple,
                               gboolean         paged,
                               char           **title);

G_END_DECLS
