/* stack-fixtures.h — multi-channel TIFF files made from the bundled sample
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"
#include "lda-pipeline.h"
#include "lda-series.h"

G_BEGIN_DECLS

#define FX_SAMPLE "nov22-402-tile2-0_t41"

char     *fx_sample_path   (LdaInput          input);
LdaImage *fx_sample_image  (LdaInput          input);
void      fx_assert_sample_counts (LdaSeries *series);
void      fx_sample_counts (guint            *live,
                            guint            *dead);
void      fx_write_pages   (const char       *path,
                            LdaImage * const *pages,
                            guint             n_pages,
                            const char       *description,
                            double            x_resolution,
                            guint16           resolution_unit);
void      fx_write_imagej  (const char       *path,
                            const LdaInput   *order,
                            guint             n_frames,
                            const char       *extra);
void      fx_write_imagej_labelled (const char         *path,
                                    const LdaInput     *order,
                                    const char * const *names,
                                    guint               n_frames,
                                    gboolean            big_endian);
char     *fx_ome_xml       (const char       *order,
                            const char * const *names,
                            guint             n_frames,
                            const char       *pixels_extra,
                            const char * const *files);
void      fx_write_bytes   (const char       *path,
                            const void       *data,
                            gsize             len);

G_END_DECLS
