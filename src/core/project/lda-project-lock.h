/* lda-project-lock.h — one writer per project
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A lock a holder has not refreshed for this long is stale, whoever holds it. */
#define LDA_PROJECT_LOCK_STALE_SECONDS   (15 * 60)
/* How often a holder refreshes its lock. */
#define LDA_PROJECT_LOCK_REFRESH_SECONDS 60

#define LDA_PROJECT_LOCK_NAME ".livedead-lock"

typedef struct _LdaProjectLock LdaProjectLock;

LdaProjectLock *lda_project_lock_acquire (const char      *folder,
                                          GError         **error);
gboolean        lda_project_lock_refresh (LdaProjectLock  *self,
                                          GError         **error);
void            lda_project_lock_release (LdaProjectLock  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaProjectLock, lda_project_lock_release)

G_END_DECLS
