/* lda-project-wells.h — a series' saved project for an export, and every
 * well or position of a folder as one series
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-channels.h"
#include "lda-edits.h"
#include "lda-series.h"

G_BEGIN_DECLS

gboolean   lda_project_load_saved (LdaSeries            *series,
                                   gboolean              ignore_damaged,
                                   GPtrArray           **edits,
                                   char                **damaged,
                                   GError              **error);
LdaSeries *lda_project_join_wells (LdaSeries            *series,
                                   GPtrArray            *edits,
                                   const LdaChannelMap  *map,
                                   double                interval,
                                   gboolean              ignore_damaged,
                                   GPtrArray           **joined_edits,
                                   guint                *first_frame,
                                   GPtrArray           **warnings,
                                   GError              **error);

gboolean   lda_project_mark_wells_exported (LdaSeries  *series,
                                            GError    **error);

G_END_DECLS
