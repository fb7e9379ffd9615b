/* lda-helper.c — a second thread that shares out a piece of work
 *
 * The stages that run on two threads share their work out a chunk at a
 * time: each thread takes the next chunk not taken until none is left, so
 * the calling thread can do it all on its own.  What such a caller must
 * not do is wait for a helper that has not begun: a new thread starts on
 * a processor that may be asleep, and waking it took up to a scheduler
 * tick (4 ms) on the virtual machines this was measured on, against
 * stages of 2 to 8 ms.  Nor should it go to sleep while the helper
 * finishes its last chunk, and pay the same wake-up on the way back.
 *
 * So the caller, its share done, either takes the helper's place — a
 * helper that has not begun never will, and exits as soon as it runs — or
 * waits for it awake, for the short time a chunk takes, and blocks only
 * if the helper has been kept from running for longer than that.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-helper.h"

/* How long the caller waits awake for a running helper, in µs. */
#define SPIN_US 2000

enum
{
  PENDING,
  RUNNING,
  DONE,
  ABANDONED,
};

struct _LdaHelper
{
  GThread     *thread;
  GThreadFunc  func;
  gpointer     data;
  gint         state;
  gint         ref_count;
};

static void
helper_unref (LdaHelper *self)
{
  if (g_atomic_int_dec_and_test (&self->ref_count))
    g_free (self);
}

static gpointer
helper_main (gpointer data)
{
  LdaHelper *self = data;

  if (g_atomic_int_compare_and_exchange (&self->state, PENDING, RUNNING))
    {
      self->func (self->data);
      g_atomic_int_set (&self->state, DONE);
    }
  helper_unref (self);

  return NULL;
}

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#elif defined(__aarch64__)
  __asm__ __volatile__ ("yield");
#endif
}

/**
 * lda_helper_start:
 * @name: the thread's name
 * @func: the helper's share of the work: it takes chunks until none is
 *   left, as the caller does
 * @data: for @func
 *
 * Starts @func (@data) on a second thread, unless the caller has finished
 * the work by the time that thread runs (lda_helper_finish()).
 *
 * Returns: (transfer full) (nullable): the helper, for
 *   lda_helper_finish(); %NULL if no thread could be had, and then the
 *   caller does all the work
 */
LdaHelper *
lda_helper_start (const char  *name,
                  GThreadFunc  func,
                  gpointer     data)
{
  LdaHelper *self = g_new0 (LdaHelper, 1);

  self->func = func;
  self->data = data;
  self->state = PENDING;
  self->ref_count = 2;
  self->thread = g_thread_try_new (name, helper_main, self, NULL);
  if (self->thread == NULL)
    {
      g_free (self);
      return NULL;
    }

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
  gint64 deadline = 0;

  if (helper == NULL)
    return FALSE;

  if (g_atomic_int_compare_and_exchange (&helper->state, PENDING, ABANDONED))
    {
      /* It exits on its own, whenever it runs. */
      g_thread_unref (helper->thread);
      helper_unref (helper);
      return FALSE;
    }

  for (guint spins = 0; g_atomic_int_get (&helper->state) != DONE; spins++)
    {
      cpu_relax ();
      if ((spins & 255) != 0)
        continue;
      if (deadline == 0)
        deadline = g_get_monotonic_time () + SPIN_US;
      else if (g_get_monotonic_time () > deadline)
        break;
    }

  /* Done: it only has to exit, which it does on its own.  Kept from
   * running: wait for it asleep after all. */
  if (g_atomic_int_get (&helper->state) == DONE)
    g_thread_unref (helper->thread);
  else
    g_thread_join (helper->thread);
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
  for (guint spins = 1; g_atomic_int_get (count) < target; spins++)
    {
      cpu_relax ();
      if ((spins & 1023) == 0)
        g_thread_yield ();
    }
}
