/* lda-cli.h — shared parts of the livedead command
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-params.h"
#include "lda-pipeline.h"
#include "lda-triples.h"

G_BEGIN_DECLS

/* Exit statuses: success, a failure of the work, a wrong command line. */
#define LDA_EXIT_OK      0
#define LDA_EXIT_FAILED  1
#define LDA_EXIT_USAGE   2

typedef struct _LdaParamOptions LdaParamOptions;

LdaParamOptions *lda_param_options_new    (void);
void             lda_param_options_free   (LdaParamOptions  *self);
void             lda_param_options_add    (LdaParamOptions  *self,
                                           GOptionContext   *context);
gboolean         lda_param_options_apply  (LdaParamOptions  *self,
                                           LdaParams        *params,
                                           GError          **error);
gboolean         lda_param_options_apply_frame (LdaParamOptions *self,
                                           const char       *key,
                                           LdaParams        *params,
                                           GError          **error);

void             lda_cli_error            (const char       *format,
                                           ...) G_GNUC_PRINTF (1, 2);
GPtrArray       *lda_cli_mask_warnings    (LdaPipeline      *pipeline,
                                           const LdaTriple  *triple,
                                           guint             page);
gboolean         lda_cli_make_folder      (const char       *path,
                                           GError          **error);
/* What every thresholds.json of livedead segment begins with. */
#define LDA_CLI_THRESHOLDS_SIGNATURE "{\"sobel\": "
char            *lda_cli_thresholds_json  (LdaPipeline      *pipeline);
void             lda_cli_print_summary_json (const char     *command,
                                           const char       *output_dir,
                                           const char       *counts_path,
                                           GPtrArray        *rows,
                                           const char       *failed_json);
gboolean         lda_cli_parse_uint       (const char       *option,
                                           const char       *text,
                                           guint             min,
                                           guint             max,
                                           guint            *value,
                                           GError          **error);

int lda_cli_segment (int argc, char **argv);
int lda_cli_batch   (int argc, char **argv);
int lda_cli_bench   (int argc, char **argv);
int lda_cli_export  (int argc, char **argv);
int lda_cli_import  (int argc, char **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaParamOptions, lda_param_options_free)

char *lda_cli_image_folder (const char *folder);

G_END_DECLS
