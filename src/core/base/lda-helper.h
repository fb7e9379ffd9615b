/* lda-helper.h — a second thread that shares out a piece of work
 * (lda-helper.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdaHelper LdaHelper;

LdaHelper *lda_helper_start  (const char  *name,
                              GThreadFunc  func,
                              gpointer     data);
gboolean   lda_helper_finish (LdaHelper   *helper);

void       lda_helper_wait_for (gint      *count,
                                gint       target);
void       lda_helper_set_alone (gboolean  alone);
gboolean   lda_helper_is_alone  (void);

G_END_DECLS
