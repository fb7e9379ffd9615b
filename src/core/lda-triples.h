/* lda-triples.h — finding the triples of a folder by channel tags
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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
 */
typedef struct
{
  char  *name;
  char  *paths[LDA_N_INPUTS];
  guint  time_index;
  char  *problem;
} LdaTriple;

gboolean   lda_channel_tag_parse (const char  *basename,
                                  LdaInput    *input,
                                  char       **name);
GPtrArray *lda_triples_find      (const char  *folder,
                                  GError     **error);
LdaTriple *lda_triple_new        (const char  *bf,
                                  const char  *hoechst,
                                  const char  *draq7);
LdaTriple *lda_triple_copy       (const LdaTriple *self);
void       lda_triple_free       (LdaTriple   *self);
gboolean   lda_triple_count_pages (const LdaTriple *self,
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
