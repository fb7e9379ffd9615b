/* lda-project.h — what a person did to a series, saved beside the images
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"
#include "lda-project-location.h"
#include "lda-series.h"

G_BEGIN_DECLS

/* The project folder's name inside the image folder. */
#define LDA_PROJECT_FOLDER_NAME "livedead-project"

/* Groups of a project file that the core keeps for the window. */
#define LDA_PROJECT_VIEW_GROUP   "view"
#define LDA_PROJECT_DAMAGE_GROUP "damage"

char     *lda_project_default_folder  (LdaSeries    *series);
char     *lda_project_ini_path        (const char   *folder,
                                       LdaSeries    *series);
char     *lda_project_frame_edits_path (const char   *folder,
                                       LdaSeries    *series,
                                       guint         frame);
char     *lda_project_fallback_folder (LdaSeries    *series);
gboolean  lda_project_folder_writable (const char   *folder);

gboolean  lda_project_save_params     (LdaSeries    *series,
                                       const char   *folder,
                                       GError      **error);
gboolean  lda_project_save_params_full (LdaSeries   *series,
                                       const char   *folder,
                                       GKeyFile     *extra,
                                       GError      **error);
gboolean  lda_project_save_frame_edits (const LdaProjectLocation *location,
                                       LdaSeries    *series,
                                       guint         frame,
                                       const LdaEdits *edits,
                                       GError      **error);
gboolean  lda_project_save_edits      (const char   *folder,
                                       LdaSeries    *series,
                                       guint         frame,
                                       const LdaEdits *edits,
                                       GError      **error);
gboolean  lda_project_load            (LdaSeries    *series,
                                       const char   *folder,
                                       GPtrArray   **edits,
                                       GError      **error);

gboolean  lda_project_load_location   (LdaSeries    *series,
                                       const LdaProjectLocation *location,
                                       GPtrArray   **edits,
                                       GKeyFile    **extra,
                                       GError      **error);
gboolean  lda_project_read_location   (LdaSeries    *series,
                                       const LdaProjectLocation *location,
                                       GPtrArray   **edits,
                                       GKeyFile    **extra,
                                       GPtrArray   **damaged,
                                       GError      **error);

GBytes   *lda_edits_serialize         (const LdaEdits *edits);
LdaEdits *lda_edits_deserialize       (GBytes       *bytes,
                                       guint         width,
                                       guint         height,
                                       GError      **error);

G_END_DECLS
