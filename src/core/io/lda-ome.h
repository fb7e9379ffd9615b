/* lda-ome.h — the OME-XML an OME-TIFF carries in its first ImageDescription
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LdaOmeTiffData:
 * @file: (nullable): the file the planes are in (UUID FileName), relative
 *   to the folder of the file that holds the XML; %NULL for that file
 * @ifd: the page of the first plane
 * @first_c: the channel of the first plane
 * @first_z: its slice
 * @first_t: its time point
 * @plane_count: how many planes follow in dimension order, 0 when not said
 */
typedef struct
{
  char  *file;
  guint  ifd;
  guint  first_c;
  guint  first_z;
  guint  first_t;
  guint  plane_count;
} LdaOmeTiffData;

/**
 * LdaOmeImage:
 * @name: (nullable): the Image's Name
 * @size_c: channels
 * @size_z: slices
 * @size_t: time points
 * @dimension_order: "XYZCT", "XYCZT", …
 * @channel_names: (array length=size_c): each channel's Name or Fluor, ""
 *   when it has none
 * @pixel_size_um: PhysicalSizeX in micrometres, 0 when not given
 * @time_increment_hours: TimeIncrement in hours, 0 when not given
 * @tiff_data: (element-type LdaOmeTiffData): where the planes are
 */
typedef struct
{
  char    *name;
  guint    size_c;
  guint    size_z;
  guint    size_t;
  char     dimension_order[6];
  char   **channel_names;
  double   pixel_size_um;
  double   time_increment_hours;
  GArray  *tiff_data;
} LdaOmeImage;

GPtrArray *lda_ome_parse        (const char        *xml,
                                 gsize              len,
                                 GError           **error);
gboolean   lda_ome_image_locate (const LdaOmeImage *image,
                                 guint              c,
                                 guint              t,
                                 const char       **file,
                                 guint             *ifd,
                                 GError           **error);
void       lda_ome_image_free   (LdaOmeImage       *image);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaOmeImage, lda_ome_image_free)

G_END_DECLS
