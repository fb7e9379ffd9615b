/* lda-file-set.h — a set of files, put in place all at once
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdaFileSet LdaFileSet;

LdaFileSet *lda_file_set_new          (const char          *folder,
                                       const char * const  *inputs);
gboolean    lda_file_set_check_target (LdaFileSet          *self,
                                       const char          *target,
                                       GError             **error);
const char *lda_file_set_add          (LdaFileSet          *self,
                                       const char          *target,
                                       GError             **error);
const char *lda_file_set_staged_path  (LdaFileSet          *self,
                                       const char          *target);
void        lda_file_set_name_target  (LdaFileSet          *self,
                                       GError             **error);
gboolean    lda_file_set_commit       (LdaFileSet          *self,
                                       GError             **error);
void        lda_file_set_free         (LdaFileSet          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaFileSet, lda_file_set_free)

G_END_DECLS
