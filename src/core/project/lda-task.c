/* lda-task.c — work on a thread whose owner is let go on the main thread
 *
 * A GTask run in a thread keeps its source object until the task is
 * finalized, and the task is finalized by whichever thread lets it go
 * last: often the main thread, after the callback, but the worker when
 * it is slower to drop its own reference.  When the source object's last
 * other reference was already gone (a window closed, an export dialog
 * that closed itself in the callback), the object was then disposed and
 * finalized in the worker: GTK's objects must never be, and a widget
 * finalized there raced the main thread's use of what it shared.
 *
 * A task made here has no source object: its owner is held by the
 * callback's data, handed to the callback as its source object, on the
 * thread that made the task (its callback always runs there), and let go
 * there right after.  The work in the thread finds its owner with
 * lda_task_get_owner(); the owner lives until the callback has run, which
 * is after that work has returned.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-task.h"

typedef struct
{
  GObject             *owner;
  GAsyncReadyCallback  callback;
} Owned;

static G_DEFINE_QUARK (lda-task-owner, owner)

static void
owned_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Owned *owned = user_data;

  (void) object;
  owned->callback (owned->owner, result, NULL);
  g_object_unref (owned->owner);
  g_free (owned);
}

/**
 * lda_task_new:
 * @owner: (type GObject): the object the work is for, held until the
 *   callback has run
 * @cancellable: (nullable): the work's
 * @callback: called on this thread when the work is done, with @owner
 *   as its source object
 *
 * A task for g_task_run_in_thread() whose owner is let go on this thread
 * only, whichever thread finalizes the task.
 *
 * Returns: (transfer full): the task
 */
GTask *
lda_task_new (gpointer             owner,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback)
{
  Owned *owned;
  GTask *task;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (callback != NULL, NULL);

  owned = g_new (Owned, 1);
  owned->owner = g_object_ref (owner);
  owned->callback = callback;
  task = g_task_new (NULL, cancellable, owned_done, owned);
  g_object_set_qdata (G_OBJECT (task), owner_quark (), owner);

  return task;
}

/**
 * lda_task_get_owner:
 * @task: a task of lda_task_new()
 *
 * Returns: (transfer none) (type GObject): its owner, alive until the
 *   task's callback has run
 */
gpointer
lda_task_get_owner (GTask *task)
{
  return g_object_get_qdata (G_OBJECT (task), owner_quark ());
}
