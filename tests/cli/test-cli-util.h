/* test-cli-util.h — running livedead and making fixtures for its tests
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

/* One run of the command: exit status (-1 if it died of a signal) and its
 * whole output. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

void cli_run_clear (CliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* A synthetic field: live cells (a Hoechst nucleus) and dead cells (a Draq7
 * nucleus), each in a textured brightfield blob, on noisy backgrounds. */
typedef struct
{
  guint   width;
  guint   height;
  guint   n_live;
  guint   n_dead;
  guint32 seed;
} CliScene;

#define CLI_SCENE_MAX_CELLS 6

void       cli_init             (int             *argc,
                                 char          ***argv);
int        cli_run              (CliRun          *run,
                                 const char      *first_arg,
                                 ...) G_GNUC_NULL_TERMINATED;
int        cli_runv             (CliRun          *run,
                                 const char * const *args);

char      *cli_tmpdir           (void);
void       cli_rm_rf            (const char      *path);
GStrv      cli_list_dir         (const char      *path);
char      *cli_list_dir_text    (const char      *path);
GBytes    *cli_read_bytes       (const char      *path);

/* What a file is, to be found the same later: its inode and its bytes. */
typedef struct
{
  char   *path;
  guint64 ino;
  GBytes *bytes;
} CliKept;

CliKept   *cli_keep             (const char      *path);
void       cli_assert_kept      (const CliKept   *kept);
void       cli_kept_free        (CliKept         *kept);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliKept, cli_kept_free)
void       cli_write_bytes      (const char      *path,
                                 const void      *data,
                                 gsize            len);
void       cli_truncate_copy    (const char      *from,
                                 const char      *to);
gboolean   cli_files_equal      (const char      *a,
                                 const char      *b);

LdaImage  *cli_scene_render     (const CliScene  *scene,
                                 guint            input);
void       cli_write_image      (const char      *path,
                                 const LdaImage  *image);
void       cli_write_triple     (const char      *folder,
                                 const char      *name,
                                 const CliScene  *scene,
                                 char           **paths);
void       cli_write_multipage  (const char      *path,
                                 const CliScene  *scenes,
                                 guint            n_pages,
                                 guint            input);
void       cli_write_float_tiff (const char      *path);
void       cli_write_rgb_tiff   (const char      *path);

void       cli_assert_one_line_error (const CliRun *run,
                                      const char   *needle1,
                                      const char   *needle2);
void       cli_assert_labels    (const char      *path,
                                 guint            width,
                                 guint            height);
GPtrArray *cli_parse_csv        (const char      *text);
gboolean   cli_parse_counts     (const char      *out,
                                 guint           *live,
                                 guint           *dead);
gboolean   cli_parse_stdout_thresholds (const char *out,
                                        gint64     *values);
gboolean   cli_parse_json_thresholds   (const char *path,
                                        gint64     *values);

G_END_DECLS
