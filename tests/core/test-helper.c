/* test-helper.c — tests for lda-helper: a helper that runs is waited for,
 * one that has not begun never runs, work shared with one is done once
 * whichever way it goes, waiting for a count returns only once it is
 * reached, and a helper started on another processor is free to move once
 * it runs.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
#include <pthread.h>
#include <sched.h>
#endif

#include "lda-helper.h"

#define N_ITEMS 4096
#define CHUNK   64

typedef struct
{
  gint   calls;
  gint   started;
  gint   next;              /* the next chunk of items not taken */
  guint  items[N_ITEMS];
} Work;

/* Takes chunks of items until none is left; each item is counted. */
static gpointer
take_chunks (gpointer data)
{
  Work *work = data;

  for (;;)
    {
      const gint i0 = g_atomic_int_add (&work->next, CHUNK);

      if (i0 >= N_ITEMS)
        break;
      for (gint i = i0; i < MIN (i0 + CHUNK, N_ITEMS); i++)
        work->items[i]++;
    }

  return NULL;
}

static gpointer
helper_share (gpointer data)
{
  Work *work = data;

  g_atomic_int_inc (&work->calls);
  return take_chunks (work);
}

/* Says it began, then works for a while alone. */
static gpointer
helper_slow (gpointer data)
{
  Work *work = data;

  g_atomic_int_inc (&work->calls);
  g_atomic_int_set (&work->started, 1);
  g_usleep (20000);
  return take_chunks (work);
}

/* Starts a slow helper, lets it begin, and finishes it: its work is all
 * done once the caller is back, though the caller did none of it. */
static void
check_waited_for (void)
{
  Work *work = g_new0 (Work, 1);
  LdaHelper *helper = lda_helper_start ("test-helper", helper_slow, work);

  g_assert_nonnull (helper);
  /* Begun: it cannot be called off any more. */
  while (!g_atomic_int_get (&work->started))
    g_thread_yield ();

  g_assert_true (lda_helper_finish (helper));
  for (guint i = 0; i < N_ITEMS; i++)
    g_assert_cmpuint (work->items[i], ==, 1);
  g_assert_cmpint (g_atomic_int_get (&work->calls), ==, 1);

  g_free (work);
}

static void
test_helper_waited_for (void)
{
  check_waited_for ();
}

/* The caller does the work alongside a helper and finishes it: every
 * item done once, whether the helper began or not; one that did not
 * begin never runs, even later; what was reported matches. */
static void
test_helper_shared (void)
{
  guint ran = 0, abandoned = 0;

  for (guint trial = 0; trial < 200; trial++)
    {
      Work *work = g_new0 (Work, 1);
      LdaHelper *helper = lda_helper_start ("test-helper", helper_share, work);
      gboolean began;

      /* Now and then the helper has time to begin. */
      if (trial % 2 == 1)
        g_usleep (300);
      take_chunks (work);
      began = lda_helper_finish (helper);
      for (guint i = 0; i < N_ITEMS; i++)
        g_assert_cmpuint (work->items[i], ==, 1);
      g_assert_cmpint (g_atomic_int_get (&work->calls), ==, began ? 1 : 0);

      if (began)
        ran++;
      else
        {
          /* Time for the thread to come round: it must not call. */
          g_usleep (500);
          g_assert_cmpint (g_atomic_int_get (&work->calls), ==, 0);
          abandoned++;
        }
      g_free (work);
    }

  g_test_message ("helpers that ran: %u, called off: %u", ran, abandoned);
}

static void
test_helper_none (void)
{
  g_assert_false (lda_helper_finish (NULL));
}

typedef struct
{
  gint count;
  gint raised_last;
} Count;

static gpointer
raise_count (gpointer data)
{
  Count *count = data;

  for (gint i = 0; i < 5; i++)
    {
      g_usleep (2000);
      if (i == 4)
        g_atomic_int_set (&count->raised_last, 1);
      g_atomic_int_add (&count->count, 10);
    }

  return NULL;
}

static void
test_helper_wait_for (void)
{
  Count count = { 0, 0 };
  GThread *thread = g_thread_new ("test-count", raise_count, &count);

  lda_helper_wait_for (&count.count, 50);
  /* Only the last raise reaches 50. */
  g_assert_cmpint (g_atomic_int_get (&count.raised_last), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&count.count), ==, 50);
  g_thread_join (thread);

  /* Reached already: at once. */
  lda_helper_wait_for (&count.count, 20);
}

#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
typedef struct
{
  cpu_set_t seen;
  gint      calls;
} Where;

static gpointer
note_affinity (gpointer data)
{
  Where *where = data;

  sched_getaffinity (0, sizeof where->seen, &where->seen);
  g_atomic_int_inc (&where->calls);
  return NULL;
}

/* Started elsewhere, the helper is then free to run wherever its caller
 * may: not left on the processors it was started on. */
static void
test_helper_free_to_move (void)
{
  cpu_set_t allowed;
  Where where = { 0, };
  LdaHelper *helper;

  g_assert_cmpint (sched_getaffinity (0, sizeof allowed, &allowed), ==, 0);
  if (CPU_COUNT (&allowed) < 2)
    {
      g_test_skip ("one processor only");
      return;
    }
  CPU_ZERO (&where.seen);
  helper = lda_helper_start ("test-helper", note_affinity, &where);
  while (!g_atomic_int_get (&where.calls))
    g_thread_yield ();
  g_assert_true (lda_helper_finish (helper));
  g_assert_true (CPU_EQUAL (&where.seen, &allowed));
}

/* A caller held to one processor still gets its helper, which shares
 * that processor. */
static void
test_helper_one_processor (void)
{
  cpu_set_t allowed, one;
  int here = sched_getcpu ();

  g_assert_cmpint (sched_getaffinity (0, sizeof allowed, &allowed), ==, 0);
  g_assert_cmpint (here, >=, 0);
  CPU_ZERO (&one);
  CPU_SET (here, &one);
  g_assert_cmpint (sched_setaffinity (0, sizeof one, &one), ==, 0);

  check_waited_for ();

  g_assert_cmpint (sched_setaffinity (0, sizeof allowed, &allowed), ==, 0);
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/helper/waited-for", test_helper_waited_for);
  g_test_add_func ("/helper/shared", test_helper_shared);
  g_test_add_func ("/helper/none", test_helper_none);
  g_test_add_func ("/helper/wait-for", test_helper_wait_for);
#ifdef HAVE_PTHREAD_ATTR_SETAFFINITY_NP
  g_test_add_func ("/helper/free-to-move", test_helper_free_to_move);
  g_test_add_func ("/helper/one-processor", test_helper_one_processor);
#endif

  return g_test_run ();
}
