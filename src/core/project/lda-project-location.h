/* lda-project-location.h — where a series' project is saved and found
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-series.h"

G_BEGIN_DECLS

/**
 * LdaProjectLocation:
 * @folder: where the project is written, and read first
 * @other: (nullable): the other place a project of the same images may
 *   have been saved in (the user data folder while the image folder is
 *   writable, the image folder while it is not); read too, file by file,
 *   where it holds a newer file
 * @fallback: @folder is in the user data folder: the image folder cannot
 *   be written to, or the series is the bundled sample
 *
 * The one rule for where a project lives, shared by the window and
 * `livedead export`.
 */
typedef struct
{
  char     *folder;
  char     *other;
  gboolean  fallback;
} LdaProjectLocation;

LdaProjectLocation *lda_project_location_new  (LdaSeries                *series,
                                               gboolean                  is_sample);
LdaProjectLocation *lda_project_location_copy (const LdaProjectLocation *self);
void                lda_project_location_free (LdaProjectLocation       *self);
gboolean            lda_project_can_write     (const char               *folder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaProjectLocation, lda_project_location_free)

G_END_DECLS
