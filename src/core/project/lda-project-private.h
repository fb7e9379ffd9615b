/* lda-project-private.h — what lda-project*.c share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-edits.h"
#include "lda-series.h"

G_BEGIN_DECLS

/* Edits made for images of another size are kept (and shown as such) as
 * long as they are not far larger than the images now are: images
 * replaced by binned or cropped ones.  A file declaring more is taken for
 * damaged, so that a few bytes never cost gigabytes. */
#define LDA_EDITS_MAX_SIZE_FACTOR 16

#define LDA_PROJECT_FRAME_PREFIX "frame/"
#define LDA_PROJECT_GROUP        "project"
#define LDA_PROJECT_SERIES_PREFIX "series/"

/* lda-project.c: the ini, read and written */

/* What a frame's group of the ini says. */
typedef struct
{
  LdaFrameState state;
  gboolean      has_override;
  LdaParams     override;
} LdaSavedFrame;

gboolean    lda_project_write_atomically (const char     *path,
                                          gconstpointer   data,
                                          gsize           length,
                                          GError        **error);
gboolean    lda_project_read_ini         (const char     *path,
                                          GKeyFile       *key_file,
                                          gboolean       *found,
                                          GError        **error);
gboolean    lda_project_parse_ini        (LdaSeries      *series,
                                          GKeyFile       *key_file,
                                          const char     *path,
                                          LdaParams      *params,
                                          LdaSavedFrame  *frames,
                                          GError        **error);
gboolean    lda_project_set_aside        (const char     *path,
                                          char          **aside,
                                          GError        **error);

/* lda-params-file.c: parameters as groups under a prefix */
gboolean    lda_params_load_prefixed     (GKeyFile        *key_file,
                                          const char      *prefix,
                                          LdaParams       *params,
                                          GError         **error);
void        lda_params_save_prefixed     (GKeyFile        *key_file,
                                          const char      *prefix,
                                          const LdaParams *params);

/* lda-project-load.c, lda-project-siblings.c */
gint64      lda_project_modified_at      (const char  *path);
char       *lda_project_newest_of        (char        *path,
                                          char        *other);
void        lda_project_adopt_siblings   (LdaSeries   *series,
                                          const char  *folder,
                                          const char  *other,
                                          const char  *own);

/* lda-project-names.c */
char       *lda_project_escape_name      (const char  *name);
char       *lda_project_edits_folder     (const char  *folder);
char       *lda_project_frame_key        (LdaSeries   *series,
                                          guint        frame);
GHashTable *lda_project_all_keys         (LdaSeries   *series);
char       *lda_project_legacy_key       (LdaSeries   *series,
                                          guint        frame,
                                          GHashTable  *keys);
char       *lda_project_frame_legacy_title (LdaSeries *series,
                                          guint        frame);
char       *lda_project_edits_path       (const char  *folder,
                                          const char  *key);
char       *lda_project_frame_group      (const char  *key);
char       *lda_project_ini_path_for_name (const char *folder,
                                          const char  *name);
char       *lda_project_frame_edits_file (const char  *folder,
                                          LdaSeries   *series,
                                          guint        frame,
                                          GHashTable  *keys);

/* lda-project-edits.c */

/* The size of a frame's images, learnt once, when it is first needed. */
typedef struct
{
  gboolean looked;
  gboolean known;
  guint    width;
  guint    height;
} LdaFrameSize;

gboolean    lda_project_scan_edits       (const LdaEdits  *edits,
                                          const char      *path,
                                          gboolean        *empty,
                                          GError         **error);
gboolean    lda_project_read_edits       (const char      *path,
                                          guint            width,
                                          guint            height,
                                          LdaEdits       **edits,
                                          GError         **error);
gboolean    lda_project_load_frame_edits (LdaSeries       *series,
                                          guint            frame,
                                          LdaFrameSize    *sizes,
                                          const char      *path,
                                          LdaEdits       **edits,
                                          GError         **error);

G_END_DECLS
