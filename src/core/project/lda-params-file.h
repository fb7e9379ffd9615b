/* lda-params-file.h — a parameter file as --params reads it
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-params.h"

G_BEGIN_DECLS

typedef struct _LdaParamsFile LdaParamsFile;

LdaParamsFile   *lda_params_file_load       (const char          *path,
                                             const LdaParams     *base,
                                             GError             **error);
void             lda_params_file_free       (LdaParamsFile       *self);
const LdaParams *lda_params_file_get_params (const LdaParamsFile *self);
const LdaParams *lda_params_file_get_frame  (const LdaParamsFile *self,
                                             const char          *key);
guint            lda_params_file_get_n_frames (const LdaParamsFile *self);
gboolean         lda_params_file_save       (const char          *path,
                                             const LdaParams     *params,
                                             const char * const  *frame_keys,
                                             const LdaParams     *frame_params,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaParamsFile, lda_params_file_free)

G_END_DECLS
