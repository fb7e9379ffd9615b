/* lda-stage-folder.h — the hidden folders file sets stage their files in
 * (private to lda-file-set.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LDA_STAGE_PREFIX ".livedead-stage-"
/* The file in each staging folder that says this program made it: a
 * folder without it is never removed by another process's clean-up,
 * whatever its name. */
#define LDA_STAGE_MARK   ".livedead-stage"

/* A staging folder whose process cannot be known dead (another machine,
 * another PID namespace) is surely abandoned after this long. */
#define LDA_STAGE_MAX_AGE_SECONDS (24 * 3600)

char *lda_stage_folder_make   (const char  *folder,
                               GError     **error);
void  lda_stage_folder_remove (const char  *stage);

G_END_DECLS
