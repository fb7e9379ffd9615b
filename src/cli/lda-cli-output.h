/* lda-cli-output.h — a set of output files that appears all at once
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-image.h"

G_BEGIN_DECLS

typedef struct _LdaOutput LdaOutput;

/* Beside each text file it writes, the record that it is still as
 * written: this prefix and the file's name (lda-cli-output.c). */
#define LDA_OUTPUT_RECORD_PREFIX ".livedead-result-"

gboolean   lda_output_check    (const char     *folder,
                                const char     *name,
                                const char     *signature,
                                gboolean        overwrite,
                                GError        **error);
LdaOutput *lda_output_begin    (const char     *folder,
                                const char * const *inputs,
                                gboolean        overwrite,
                                GError        **error);
gboolean   lda_output_add_tiff (LdaOutput      *self,
                                const char     *name,
                                const LdaImage *image,
                                GError        **error);
gboolean   lda_output_add_mask (LdaOutput      *self,
                                const char     *name,
                                const LdaImage *labels,
                                const char     *source,
                                guint           page,
                                GError        **error);
gboolean   lda_output_add_text (LdaOutput      *self,
                                const char     *name,
                                const char     *text,
                                const char     *signature,
                                GError        **error);
gboolean   lda_output_commit   (LdaOutput      *self,
                                GError        **error);
void       lda_output_free     (LdaOutput      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaOutput, lda_output_free)

G_END_DECLS
