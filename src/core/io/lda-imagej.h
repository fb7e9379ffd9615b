/* lda-imagej.h — the ImageDescription ImageJ writes into its TIFF files
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaImageJInfo:
 * @is_imagej: the description is ImageJ's (starts with "ImageJ=")
 * @images: the number of pages the description announces
 * @channels: channels (1 when not given)
 * @slices: z slices (1 when not given)
 * @frames: time points (1 when not given)
 * @hyperstack: "hyperstack=true"
 * @finterval_hours: the time between frames in hours, or 0 when not given
 * @unit_um: micrometres per calibration unit ("unit="), or 0 when the unit
 *   is not a length (pixels, none, unknown)
 *
 * A hyperstack's pages are in ImageJ's order: channel fastest, then slice,
 * then frame.  A plain stack (only "images=") leaves @channels and
 * @frames at 1 and @slices at 1.
 */
typedef struct
{
  gboolean is_imagej;
  guint    images;
  guint    channels;
  guint    slices;
  guint    frames;
  gboolean hyperstack;
  double   finterval_hours;
  double   unit_um;
} LdaImageJInfo;

gboolean lda_imagej_parse      (const char    *text,
                                gsize          len,
                                LdaImageJInfo *info,
                                GError       **error);
double   lda_length_unit_um    (const char    *unit);

G_END_DECLS
