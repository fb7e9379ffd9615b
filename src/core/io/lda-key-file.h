/* lda-key-file.h — reading parameter and project key files safely
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-file-read.h"

G_BEGIN_DECLS

gboolean lda_key_file_load (GKeyFile     *key_file,
                            const char   *path,
                            LdaReadFlags  flags,
                            int           damaged_code,
                            GError      **error);
void     lda_key_file_copy_group (GKeyFile     *from,
                                  const char   *from_group,
                                  GKeyFile     *to,
                                  const char   *to_group);
char    *lda_ascii_dtostr_short  (char         *buffer,
                                  double        value);
void     lda_key_file_set_double (GKeyFile     *key_file,
                                  const char   *group,
                                  const char   *key,
                                  double        value);

G_END_DECLS
