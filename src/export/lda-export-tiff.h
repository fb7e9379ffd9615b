/* lda-export-tiff.h — TIFF files of an export that every reader takes
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

/**
 * LdaTiffResolution:
 * @set: the input had resolution tags
 * @x: XResolution, pixels per @unit
 * @y: YResolution
 * @unit: ResolutionUnit (1 none, 2 inch, 3 centimetre)
 *
 * The calibration of an input, copied into the files made from it.
 */
typedef struct
{
  gboolean set;
  float    x;
  float    y;
  guint16  unit;
} LdaTiffResolution;

void     lda_export_tiff_read_resolution (const char              *path,
                                          guint                    page,
                                          LdaTiffResolution       *resolution);
gboolean lda_export_tiff_can_copy        (const char              *path,
                                          guint                    page);
gboolean lda_export_tiff_write_pages     (const char              *path,
                                          LdaImage * const        *pages,
                                          guint                    n_pages,
                                          const LdaTiffResolution *resolution,
                                          GError                 **error);
gboolean lda_export_tiff_write_mask      (const char              *path,
                                          const LdaImage          *labels,
                                          const LdaTiffResolution *resolution,
                                          gboolean                 automatic,
                                          GError                 **error);
gboolean lda_export_tiff_write_instances (const char              *path,
                                          const LdaImage          *instances,
                                          guint                    n_instances,
                                          const LdaTiffResolution *resolution,
                                          GError                 **error);

/* The class colours of the label masks' palette, by class value. */
extern const guint8 lda_export_class_rgb[5][3];

G_END_DECLS
