/* lda-export-instances.h — instance labels of a corrected mask
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-image.h"

G_BEGIN_DECLS

gboolean lda_export_instances (const LdaImage *labels,
                               guint           connectivity,
                               GCancellable   *cancellable,
                               LdaImage      **nuclei,
                               LdaImage      **cells,
                               guint          *n_objects,
                               GError        **error);

G_END_DECLS
