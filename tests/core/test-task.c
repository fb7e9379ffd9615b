/* test-task.c — tests for lda-task: the owner of work done on a thread
 * is let go on the main thread even when another thread finalizes the
 * task, as a plain GTask's source object is not; it is alive for the
 * work and handed to the callback; a cancelled task lets it go too.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "lda-task.h"

typedef struct
{
  GObject  *owner;        /* borrowed: to check what the work and callback see */
  GTask    *held;         /* the task, kept by the work past its callback */
  GThread  *finalized_in; /* where the owner was finalized */
  gboolean  worked;
  gboolean  called;
  gboolean  cancelled;    /* what the callback found */
} Run;

static Run run;

static void
on_owner_finalized (gpointer  data,
                    GObject  *where)
{
  g_atomic_pointer_set (&run.finalized_in, g_thread_self ());
}

static void
work (GTask        *task,
      gpointer      source_object,
      gpointer      task_data,
      GCancellable *cancellable)
{
  if (g_task_return_error_if_cancelled (task))
    return;
  run.worked = lda_task_get_owner (task) == (gpointer) run.owner &&
               G_IS_OBJECT (lda_task_get_owner (task));
  /* The task outlives its callback here: let go by another thread. */
  run.held = g_object_ref (task);
  g_task_return_boolean (task, TRUE);
}

static void
done (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (object == run.owner);
  g_assert_cmpint (object->ref_count, >, 0);
  run.cancelled = !g_task_propagate_boolean (G_TASK (result), &error) &&
                  g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run.called = TRUE;
}

static gpointer
let_go (gpointer data)
{
  g_object_unref (data);
  return NULL;
}

/* Starts @task on @owner, which only the task holds then, and waits for
 * its callback; then another thread lets go of what the work kept. */
static void
run_and_let_go (GTask   *task,
                GObject *owner)
{
  g_object_weak_ref (owner, on_owner_finalized, NULL);
  g_task_run_in_thread (task, work);
  g_object_unref (task);
  g_object_unref (owner);

  while (!run.called)
    g_main_context_iteration (NULL, TRUE);
  if (run.held != NULL)
    g_thread_join (g_thread_new ("let-go", let_go, g_steal_pointer (&run.held)));
  /* The worker's own reference, gone in its own time. */
  while (g_atomic_pointer_get (&run.finalized_in) == NULL)
    g_usleep (1000);
}

static void
test_owner_let_go_on_main_thread (void)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);

  run = (Run) { .owner = owner };
  run_and_let_go (lda_task_new (owner, NULL, done), owner);

  g_assert_true (run.worked);
  g_assert_false (run.cancelled);
  g_assert_true (run.finalized_in == g_thread_self ());
}

/* Why lda_task_new(): a GTask's source object goes with the task, in
 * whichever thread lets the task go last. */
static void
test_plain_task_lets_source_go_elsewhere (void)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);

  run = (Run) { .owner = owner };
  run_and_let_go (g_task_new (owner, NULL, done, NULL), owner);

  g_assert_nonnull (run.finalized_in);
  g_assert_true (run.finalized_in != g_thread_self ());
}

static void
test_cancelled_lets_owner_go (void)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  run = (Run) { .owner = owner };
  g_cancellable_cancel (cancellable);
  run_and_let_go (lda_task_new (owner, cancellable, done), owner);

  g_assert_false (run.worked);
  g_assert_true (run.cancelled);
  g_assert_true (run.finalized_in == g_thread_self ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/task/owner-let-go-on-main-thread", test_owner_let_go_on_main_thread);
  g_test_add_func ("/task/plain-task-lets-source-go-elsewhere",
                   test_plain_task_lets_source_go_elsewhere);
  g_test_add_func ("/task/cancelled-lets-owner-go", test_cancelled_lets_owner_go);

  return g_test_run ();
}
