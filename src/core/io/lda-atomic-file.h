/* lda-atomic-file.h — replacing a file whole, through a temporary file of
 * our own
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every temporary file this program writes starts with this; nothing
 * else is ever removed as a temporary file. */
#define LDA_ATOMIC_TEMP_PREFIX ".livedead-tmp-"

/* A temporary file of ours older than this is left over from a crash:
 * younger ones may belong to a save still under way in another process. */
#define LDA_ATOMIC_STALE_SECONDS 60

gboolean lda_atomic_file_write        (const char     *path,
                                       gconstpointer   data,
                                       gsize           length,
                                       GError        **error);
int      lda_atomic_file_open_temp    (const char     *path,
                                       char          **temp_path,
                                       GError        **error);
gboolean lda_atomic_file_commit       (int             fd,
                                       const char     *temp_path,
                                       const char     *path,
                                       GError        **error);
void     lda_atomic_file_abandon      (int             fd,
                                       const char     *temp_path);
gboolean lda_atomic_file_is_temp_of   (const char     *name,
                                       const char     *path);
void     lda_atomic_file_remove_stale (const char     *path);
gboolean lda_atomic_file_make_folder  (const char     *path,
                                       GError        **error);
void     lda_atomic_file_sync_folder  (const char     *folder);

G_END_DECLS
