/* lda-file-read.h — reading a whole file that may be anything: regular
 * files only, and only up to a size
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaReadFlags:
 * @LDA_READ_FOLLOW_LINKS: a symbolic link is followed (a file the person
 *   names, such as --params)
 * @LDA_READ_NO_FOLLOW: the file is one of ours (in the project folder): a
 *   symbolic link in its place is refused, not followed
 */
typedef enum
{
  LDA_READ_FOLLOW_LINKS = 0,
  LDA_READ_NO_FOLLOW    = 1 << 0,
} LdaReadFlags;

/* A parameter or project file is a few kilobytes. */
#define LDA_KEY_FILE_MAX_BYTES (1024 * 1024)

GBytes *lda_file_read (const char    *path,
                       gsize          max_bytes,
                       LdaReadFlags   flags,
                       int            damaged_code,
                       GError       **error);
char   *lda_file_fingerprint (const char *path);

G_END_DECLS
