/* lda-project-private.h — what lda-project*.c share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"

G_BEGIN_DECLS

/* Edits made for images of another size are kept (and shown as such) as
 * long as they are not far larger than the images now are: images
 * replaced by binned or cropped ones.  A file declaring more is taken for
 * damaged, so that a few bytes never cost gigabytes. */
#define LDA_EDITS_MAX_SIZE_FACTOR 16

gboolean lda_project_read_edits (const char  *path,
                                 guint        width,
                                 guint        height,
                                 LdaEdits   **edits,
                                 GError     **error);

G_END_DECLS
