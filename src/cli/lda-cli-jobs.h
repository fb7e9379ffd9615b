/* lda-cli-jobs.h — keeping the cores of livedead batch busy, and saying
 * how fast it went
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LdaPrefetch LdaPrefetch;

LdaPrefetch *lda_prefetch_new      (GPtrArray   *triples,
                                    guint        depth);
void         lda_prefetch_next     (LdaPrefetch *self);
void         lda_prefetch_free     (LdaPrefetch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaPrefetch, lda_prefetch_free)

typedef struct
{
  gint64 start;        /* monotonic µs */
  gint64 cpu_start;    /* process CPU µs */
} LdaJobsClock;

void         lda_jobs_clock_start  (LdaJobsClock *clock);
void         lda_jobs_print_stats  (const LdaJobsClock *clock,
                                    FILE               *out,
                                    guint               frames,
                                    guint               jobs);

guint        lda_jobs_processors   (void);
void         lda_jobs_run_stoppable (GThreadFunc   work,
                                     gpointer      data,
                                     GCancellable *cancellable);

G_END_DECLS
