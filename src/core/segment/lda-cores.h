/* lda-cores.h — the cores of the nuclei of dense fields (lda-cores.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-image.h"

G_BEGIN_DECLS

/**
 * LdaNucleusSignal:
 * @image: the Hoechst and the Draq7 image
 * @dark: each one's dark level (its 1st percentile)
 * @threshold: each one's threshold in use; a pixel above it is in the mask
 *
 * What the nuclei look like in the images, for splitting them by their
 * brightness.
 */
typedef struct
{
  const LdaImage *image[2];
  guint           dark[2];
  gint64          threshold[2];
} LdaNucleusSignal;

gboolean lda_cores_new (const LdaNucleusSignal *signal,
                        const LdaBitplane      *mask,
                        LdaBitplane            *cores,
                        GError                **error);

G_END_DECLS
