/* lda-triples.h — finding the triples of a folder by channel tags
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-channels.h"
#include "lda-pipeline.h"

G_BEGIN_DECLS

#define LDA_NO_TIME_INDEX G_MAXUINT

/**
 * LdaTriple:
 * @name: the file name with the channel tag and extension removed, e.g.
 *   "well3_t04" for well3_t04_bf.tif
 * @paths: the three files, indexed by #LdaInput
 * @time_index: the number of a "t<digits>" part of @name, or
 *   %LDA_NO_TIME_INDEX
 * @problem: (nullable): why the triple cannot be used (a channel missing,
 *   two files for one channel); %NULL for a complete triple
 * @first_page: per #LdaInput, the page of the first time point in its file
 *   (the channel's page in an ImageJ hyperstack or OME-TIFF; 0 otherwise)
 * @page_stride: per #LdaInput, pages from one time point to the next; 0
 *   counts as 1
 * @n_frames: the time points of a multi-channel file; 0 when each file
 *   is one channel and its pages are the time points
 * @interval_hours: hours between time points, 0 when not known
 * @pixel_size_um: the side of a pixel in micrometres, 0 when not known
 * @stack_kind: what the files are, when they are one multi-channel file
 * @series: (nullable): the well or position the triple belongs to, when a
 *   folder holds several (Incucyte wells, Micro-Manager positions)
 * @has_time: @time_hours holds when the triple was taken
 * @time_hours: hours from the start of the acquisition
 * @note: (nullable): a warning that does not stop the triple being read
 *   (e.g. Micro-Manager metadata too damaged to give its time); the same
 *   text for every triple it concerns
 *
 * lda_triple_page() gives the page of a time point.
 */
typedef struct
{
  char   *name;
  char   *paths[LDA_N_INPUTS];
  guint   time_index;
  char   *problem;
  guint   first_page[LDA_N_INPUTS];
  guint   page_stride[LDA_N_INPUTS];
  guint   n_frames;
  double  interval_hours;
  double  pixel_size_um;
  int     stack_kind;
  char   *series;
  gboolean has_time;
  double  time_hours;
  char   *note;
} LdaTriple;


gboolean   lda_channel_tag_parse (const char  *basename,
                                  LdaInput    *input,
                                  char       **name);
GPtrArray *lda_triples_find      (const char  *folder,
                                  GError     **error);
GPtrArray *lda_triples_find_mapped (const char *folder,
                                  const LdaChannelMap *map,
                                  GError     **error);
LdaTriple *lda_triple_new        (const char  *bf,
                                  const char  *hoechst,
                                  const char  *draq7);
LdaTriple *lda_triple_new_from_file (const char *path,
                                  const LdaChannelMap *map,
                                  GError     **error);
LdaTriple *lda_triple_new_from_file_image (const char *path,
                                  guint        image,
                                  const LdaChannelMap *map,
                                  GError     **error,
                                  guint       *n_images);
LdaTriple *lda_triple_copy       (const LdaTriple *self);
guint      lda_triple_page       (const LdaTriple *self,
                                  LdaInput     input,
                                  guint        frame);
double     lda_triple_page_hours (const LdaTriple *self,
                                  guint        page,
                                  guint        n_pages);
void       lda_triple_free       (LdaTriple   *self);
gboolean   lda_triple_count_pages (const LdaTriple *self,
                                  guint       *n_pages,
                                  GError     **error);
gboolean   lda_triple_probe      (LdaTriple   *self,
                                  guint       *n_pages,
                                  GError     **error);
gboolean   lda_triple_load       (const LdaTriple *self,
                                  guint        page,
                                  LdaImage   **images,
                                  GError     **error);
LdaPipeline *lda_triple_open_pipeline (const LdaTriple *self,
                                  guint        page,
                                  GError     **error);
LdaPipeline *lda_triple_open_pipeline_full (const LdaTriple *self,
                                  guint        page,
                                  guint64      bytes_per_pixel,
                                  GError     **error);
int        lda_natural_compare   (const char  *a,
                                  const char  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaTriple, lda_triple_free)

G_END_DECLS
