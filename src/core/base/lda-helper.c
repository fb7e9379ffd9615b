/* lda-helper.c — a second thread that shares out a piece of work
 *
 * The stages that run on two threads share their work out a chunk at a
 * time: each thread takes the next chunk not taken until none is left, so
 * the calling thread can do it all on its own.  What matters then is that
 * the second thread runs on the other processor, and soon, and that the
 * caller never waits for it for nothing.
 *
 * On the machines measured (virtual, two processors), a new thread was
 * put in the queue of its busy caller's processor rather than on the
 * other one, idle: the two took turns on one processor while the other
 * slept, whenever the process had paused for 10 ms or more (as between
 * slider changes).  A run of 17.8 ms took 25.4.  So the helper is started
 * on another processor than the caller's, where the system allows it, and
 * free to go anywhere once it runs.
 *
 * And the caller, its share done, either takes the helper's place — a
 * helper that has not begun never will, and exits as soon as it runs — or
 * waits for it awake, for the short time its last chunk takes: going to
 * sleep would cost another wake-up on the way back.  It blocks only if
 * the helper has been kept from running for longer than that.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
#include <pthread.h>
#include <sched.h>
#endif

#include "lda-helper.h"

/* Set on a thread whose work runs beside other such threads (lda_helper_set_alone()). */
static GPrivate no_helpers;

/* How long the caller waits awake for a running helper, in µs. */
#define SPIN_US 2000

/* In this order: a running helper's state only rises, to DONE. */
enum
{
  PENDING,
  RUNNING,
  DONE,
  ABANDONED,
};

struct _LdaHelper
{
  GThreadFunc  func;
  gpointer     data;
  gint         state;
  gint         ref_count;
  GMutex       lock;        /* for a caller that has to sleep */
  GCond        done;
  char         name[16];    /* as long as a thread's name can be */
#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
  cpu_set_t    allowed;     /* where the helper may run once it does */
  gboolean     placed;
#endif
};

static void
helper_unref (LdaHelper *self)
{
  if (g_atomic_int_dec_and_test (&self->ref_count))
    {
      g_mutex_clear (&self->lock);
      g_cond_clear (&self->done);
      g_free (self);
    }
}

static gpointer
helper_main (gpointer data)
{
  LdaHelper *self = data;

#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
  if (self->placed)
    {
      pthread_setname_np (pthread_self (), self->name);
      pthread_setaffinity_np (pthread_self (), sizeof self->allowed, &self->allowed);
    }
#endif

  if (g_atomic_int_compare_and_exchange (&self->state, PENDING, RUNNING))
    {
      self->func (self->data);
      g_mutex_lock (&self->lock);
      g_atomic_int_set (&self->state, DONE);
      g_cond_signal (&self->done);
      g_mutex_unlock (&self->lock);
    }
  helper_unref (self);

  return NULL;
}

#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
static void *
placed_main (void *data)
{
  return helper_main (data);
}

/* Starts the helper on a processor other than this thread's, when there
 * is one it may use.  Returns FALSE if it did not start it. */
static gboolean
start_elsewhere (LdaHelper *self)
{
  cpu_set_t elsewhere;
  pthread_attr_t attr;
  pthread_t thread;
  int here = sched_getcpu ();
  int ok;

  if (here < 0 || sched_getaffinity (0, sizeof self->allowed, &self->allowed) != 0 ||
      !CPU_ISSET (here, &self->allowed) || CPU_COUNT (&self->allowed) < 2)
    return FALSE;
  memcpy (&elsewhere, &self->allowed, sizeof elsewhere);
  CPU_CLR (here, &elsewhere);

  if (pthread_attr_init (&attr) != 0)
    return FALSE;
  self->placed = TRUE;
  ok = pthread_attr_setaffinity_np (&attr, sizeof elsewhere, &elsewhere) == 0 &&
       pthread_attr_setdetachstate (&attr, PTHREAD_CREATE_DETACHED) == 0 &&
       pthread_create (&thread, &attr, placed_main, self) == 0;
  pthread_attr_destroy (&attr);
  /* Read by the helper once it runs: written only when none does. */
  if (!ok)
    self->placed = FALSE;

  return ok;
}
#endif

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#elif defined(__aarch64__)
  __asm__ __volatile__ ("yield");
#endif
}

/* Waits awake until *@value reaches @target, for at most @budget_us µs
 * (or without limit, if negative).  The processor is offered to others
 * now and then: where more threads want the processors than there are
 * (two jobs of a batch), the one this waits for may be among them.
 * Returns whether @target was reached. */
static gboolean
spin_until (gint   *value,
            gint    target,
            gint64  budget_us)
{
  gint64 deadline = 0;

  for (guint spins = 1; g_atomic_int_get (value) < target; spins++)
    {
      cpu_relax ();
      if ((spins & 255) != 0)
        continue;
      if (budget_us >= 0)
        {
          if (deadline == 0)
            deadline = g_get_monotonic_time () + budget_us;
          else if (g_get_monotonic_time () > deadline)
            return FALSE;
        }
      g_thread_yield ();
    }

  return TRUE;
}

/**
 * lda_helper_start:
 * @name: the thread's name
 * @func: the helper's share of the work: it takes chunks until none is
 *   left, as the caller does
 * @data: for @func
 *
 * Starts @func (@data) on a second thread, on another processor than this
 * one where it can, unless the caller has finished the work by the time
 * that thread runs (lda_helper_finish()).
 *
 * Returns: (transfer full) (nullable): the helper, for
 *   lda_helper_finish(); %NULL if no thread could be had, or the calling
 *   thread wants none (lda_helper_set_alone()), and then the caller does
 *   all the work
 */
LdaHelper *
lda_helper_start (const char  *name,
                  GThreadFunc  func,
                  gpointer     data)
{
  LdaHelper *self;
  GThread *thread;

  if (g_private_get (&no_helpers) != NULL)
    return NULL;

  self = g_new0 (LdaHelper, 1);
  self->func = func;
  self->data = data;
  self->state = PENDING;
  self->ref_count = 2;
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
  g_strlcpy (self->name, name, sizeof self->name);

#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
  if (start_elsewhere (self))
    return self;
#endif

  thread = g_thread_try_new (name, helper_main, self, NULL);
  if (thread == NULL)
    {
      g_mutex_clear (&self->lock);
      g_cond_clear (&self->done);
      g_free (self);
      return NULL;
    }
  /* It ends on its own; lda_helper_finish() waits on @done. */
  g_thread_unref (thread);

  return self;
}

/**
 * lda_helper_finish:
 * @helper: (nullable) (transfer full): from lda_helper_start()
 *
 * Called once the caller has taken the last chunk of the work and done
 * it.  A helper that has not begun is told not to; one at work is waited
 * for.  Either way @func no longer runs, nor reads its data, once this
 * returns.
 *
 * Returns: whether @func ran
 */
gboolean
lda_helper_finish (LdaHelper *helper)
{
  if (helper == NULL)
    return FALSE;

  /* Not begun: it exits as soon as it runs. */
  if (g_atomic_int_compare_and_exchange (&helper->state, PENDING, ABANDONED))
    {
      helper_unref (helper);
      return FALSE;
    }

  /* Running or done (never called off now): wait awake a while, then,
   * kept from running, asleep after all. */
  if (!spin_until (&helper->state, DONE, SPIN_US))
    {
      g_mutex_lock (&helper->lock);
      while (g_atomic_int_get (&helper->state) != DONE)
        g_cond_wait (&helper->done, &helper->lock);
      g_mutex_unlock (&helper->lock);
    }
  helper_unref (helper);

  return TRUE;
}

/**
 * lda_helper_wait_for:
 * @count: a count that other threads raise atomically
 * @target: the value to wait for
 *
 * Waits awake until @count reaches @target: for the last chunk of a step
 * that another thread is finishing, before a step that needs all of it.
 * The processor is offered to others now and then, should the thread
 * finishing the chunk be waiting for this one.
 */
void
lda_helper_wait_for (gint *count,
                     gint  target)
{
  spin_until (count, target, -1);
}

/**
 * lda_helper_set_alone:
 * @alone: whether the calling thread's work is to have no helper
 *
 * For a thread whose work runs beside others' on every processor (the
 * batch's several jobs): a helper would only take turns with them, and
 * its thread's stack and memory pool count against a memory limit the
 * jobs share.  Then lda_helper_start() on this thread starts none.
 */
void
lda_helper_set_alone (gboolean alone)
{
  g_private_set (&no_helpers, alone ? GINT_TO_POINTER (1) : NULL);
}

/**
 * lda_helper_is_alone:
 *
 * Returns: whether lda_helper_set_alone() asked for no helper on the
 *   calling thread
 */
gboolean
lda_helper_is_alone (void)
{
  return g_private_get (&no_helpers) != NULL;
}
