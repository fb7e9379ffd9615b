/* lda-task.h — work on a thread whose owner is let go on the main thread
 * (lda-task.c)
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTask    *lda_task_new       (gpointer             owner,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback);
gpointer  lda_task_get_owner (GTask               *task);

G_END_DECLS
