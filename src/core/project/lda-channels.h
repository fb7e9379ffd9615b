/* lda-channels.h — which channel of a file is brightfield, Hoechst, Draq7
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-pipeline.h"
#include "lda-stack.h"

G_BEGIN_DECLS

/* The parameter file's group of extra channel tags. */
#define LDA_CHANNELS_GROUP "channels"

/**
 * LdaChannelMap:
 * @index: per #LdaInput, the channel's number from 1, or 0 when it is
 *   given by name or not given
 * @name: (nullable): per #LdaInput, a channel name or file-name tag
 *
 * What "--channels bf=1,hoechst=DAPI,draq7=3" says.  All zero: assign by
 * names.
 */
typedef struct
{
  guint  index[LDA_N_INPUTS];
  char  *name[LDA_N_INPUTS];
} LdaChannelMap;

gboolean lda_channel_tag_lookup  (const char          *word,
                                  gsize                len,
                                  LdaInput            *input);
gboolean lda_channel_name_input  (const char          *name,
                                  LdaInput            *input);
void     lda_channel_tags_set_extra (LdaInput          input,
                                  const char * const  *tags);
gboolean lda_channel_tags_load   (const char          *path,
                                  GError             **error);
const char *lda_input_key        (LdaInput             input);

gboolean lda_channel_map_parse   (const char          *text,
                                  LdaChannelMap       *map,
                                  GError             **error);
char    *lda_channel_map_to_string (const LdaChannelMap *map);
gboolean lda_channel_map_is_set  (const LdaChannelMap *map);
void     lda_channel_map_clear   (LdaChannelMap       *map);
gboolean lda_stack_assign        (const LdaStack      *stack,
                                  const LdaChannelMap *map,
                                  guint               *channels,
                                  GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LdaChannelMap, lda_channel_map_clear)

G_END_DECLS
