/* lda-params-text.h — the text of a parameter file, checked line by line
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LDA_PARAMS_SERIES_PREFIX "series/"
#define LDA_PARAMS_FRAME_PREFIX  "frame/"

typedef enum
{
  LDA_PARAMS_GROUP_UNKNOWN,
  LDA_PARAMS_GROUP_PLAIN,         /* [hoechst], [nuclei], … */
  LDA_PARAMS_GROUP_SERIES,        /* [series/hoechst], … */
  LDA_PARAMS_GROUP_FRAME,         /* [frame/<key>] */
  LDA_PARAMS_GROUP_FRAME_PARAMS,  /* [frame/<key>/hoechst], … */
  LDA_PARAMS_GROUP_OTHER,         /* [livedead], [project], [view], … */
} LdaParamsGroupKind;

LdaParamsGroupKind lda_params_text_group_kind (const char  *group);
gboolean           lda_params_text_load       (GKeyFile    *key_file,
                                               const char  *path,
                                               const char  *data,
                                               gsize        length,
                                               GError     **error);
guint              lda_params_key_line        (GKeyFile    *key_file,
                                               const char  *group,
                                               const char  *key);

G_END_DECLS
