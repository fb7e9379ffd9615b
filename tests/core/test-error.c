/* test-error.c — the core's error domain
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>

#include "lda-error.h"

#define N_THREADS 8

static gint go;

static gpointer
ask_domain (gpointer data)
{
  while (!g_atomic_int_get (&go))
    ;
  return GUINT_TO_POINTER (LDA_ERROR);
}

/* The domain asked for first by several threads at once (the batch's
 * jobs, matching their errors): one quark for all, and under
 * ThreadSanitizer no race (G_DEFINE_QUARK's was one). */
static void
test_domain_from_threads (void)
{
  GThread *threads[N_THREADS];
  GQuark quarks[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("ask", ask_domain, NULL);
  g_atomic_int_set (&go, 1);
  for (guint i = 0; i < N_THREADS; i++)
    quarks[i] = GPOINTER_TO_UINT (g_thread_join (threads[i]));

  for (guint i = 0; i < N_THREADS; i++)
    {
      g_assert_cmpuint (quarks[i], !=, 0);
      g_assert_cmpuint (quarks[i], ==, quarks[0]);
    }
  g_assert_cmpstr (g_quark_to_string (quarks[0]), ==, "lda-error-quark");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/error/domain-from-threads", test_domain_from_threads);

  return g_test_run ();
}
