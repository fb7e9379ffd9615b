/* lda-project-damage.h — corrections set aside as damaged, until the
 * person says to go on without them
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-project-location.h"
#include "lda-series.h"

G_BEGIN_DECLS

/**
 * LdaDamage:
 * @path: the file a damaged file was set aside as
 * @frame: the frame whose edits it held, or -1 for the series' parameters
 *   and frame states
 * @in_place: the damaged file itself, left where it is by a program that
 *   only reads the project (lda_project_read_location())
 */
typedef struct
{
  char     *path;
  int       frame;
  gboolean  in_place;
} LdaDamage;

void       lda_damage_free                (LdaDamage                *damage);
GPtrArray *lda_project_find_damage        (LdaSeries                *series,
                                           const LdaProjectLocation *location,
                                           GKeyFile                 *extra);
void       lda_project_acknowledge_damage (GKeyFile                 *extra,
                                           GPtrArray                *damage);
char      *lda_project_describe_damage    (LdaSeries                *series,
                                           GPtrArray                *damage);

G_END_DECLS
