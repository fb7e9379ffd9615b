/* lda-inputs.h — the files a person names, made into a triple
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-channels.h"
#include "lda-triples.h"

G_BEGIN_DECLS

LdaTriple *lda_triple_from_paths (const char * const  *paths,
                                  guint                n_paths,
                                  const LdaChannelMap *map,
                                  GError             **error);

G_END_DECLS
