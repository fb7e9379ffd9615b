/* lda-tiff.h — reading and writing TIFF images with libtiff
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

gboolean  lda_tiff_count_pages (const char     *path,
                                guint          *n_pages,
                                GError        **error);
gboolean  lda_tiff_read_size   (const char     *path,
                                guint           page,
                                guint          *width,
                                guint          *height,
                                GError        **error);
gboolean  lda_tiff_read_page_sizes (const char *path,
                                    guint       n_pages,
                                    guint      *widths,
                                    guint      *heights,
                                    GError    **error);
LdaImage *lda_tiff_read        (const char     *path,
                                guint           page,
                                GError        **error);
LdaImage *lda_tiff_read_labels (const char     *path,
                                guint32        *largest,
                                GError        **error);
gboolean  lda_tiff_write       (const char     *path,
                                const LdaImage *image,
                                GError        **error);

G_END_DECLS
