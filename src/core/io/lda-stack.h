/* lda-stack.h — what one TIFF file holds: channels × time points
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LDA_STACK_PLAIN,
  LDA_STACK_IMAGEJ,
  LDA_STACK_OME,
  LDA_STACK_FOLDER,
} LdaStackKind;

/**
 * LdaStackChannel:
 * @path: the file that holds the channel (another file of an OME-TIFF set)
 * @name: the channel's name, "" when the file does not say
 * @first_page: the page of its first time point
 * @stride: pages from one time point to the next
 */
typedef struct
{
  char  *path;
  char  *name;
  guint  first_page;
  guint  stride;
} LdaStackChannel;

/**
 * LdaStack:
 * @kind: how the file describes itself
 * @path: the file
 * @n_channels: its channels (1 for a plain TIFF)
 * @n_frames: its time points (a plain TIFF's pages)
 * @channels: (array length=n_channels): where each channel is
 * @interval_hours: hours between time points, 0 when not said
 * @pixel_size_um: the side of a pixel in micrometres, 0 when not said
 * @n_images: the images (positions) an OME-TIFF describes, 1 otherwise
 * @image: which of them this is, from 0
 * @image_name: (nullable): its name as a series (the Image's Name, else
 *   "Image<n>"), when there are several
 */
typedef struct
{
  LdaStackKind     kind;
  char            *path;
  guint            n_channels;
  guint            n_frames;
  LdaStackChannel *channels;
  double           interval_hours;
  double           pixel_size_um;
  guint            n_images;
  guint            image;
  char            *image_name;
} LdaStack;

LdaStack   *lda_stack_open      (const char   *path,
                                 GError      **error);
LdaStack   *lda_stack_open_image (const char   *path,
                                 guint         image,
                                 GError      **error);
LdaStack   *lda_stack_new_for_folder (const char         *folder,
                                      const char * const *names);
void        lda_stack_free      (LdaStack     *self);
const char *lda_stack_kind_name (LdaStackKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaStack, lda_stack_free)

G_END_DECLS
