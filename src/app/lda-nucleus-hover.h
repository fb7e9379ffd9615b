/* lda-nucleus-hover.h — the nucleus under the pointer: its outline and
 * the evidence of its live/dead call
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-pipeline-runner.h"

G_BEGIN_DECLS

GArray *lda_nucleus_outline  (const LdaRuns      *nuclei,
                              const LdaObject    *object,
                              gint                index);
GArray *lda_nucleus_outline_of_pixels (const GArray *pixels,
                                       guint         width);
char   *lda_nucleus_describe_widest (void);
char   *lda_nucleus_describe (const LdaRunResult *result,
                              gint                index);

G_END_DECLS
