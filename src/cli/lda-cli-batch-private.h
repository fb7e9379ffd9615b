/* lda-cli-batch-private.h — what the files of livedead batch share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "lda-cli.h"
#include "lda-cli-jobs.h"
#include "lda-file-set.h"
#include "lda-params.h"
#include "lda-triples.h"

G_BEGIN_DECLS

typedef struct
{
  const LdaTriple *triple;
  char            *output_dir; /* the batch's, or its series' subfolder */
  double           interval_hours; /* --interval, else the one kept, else 0 */
  GPtrArray       *rows;      /* LdaCountsRow, one per page */
  GPtrArray       *messages;  /* errors and warnings, one line each */
  gboolean         failed;
  gboolean         stopped;   /* not begun, or given up, on a signal */
  gboolean         again;     /* out of memory beside other jobs: run again alone */
} Job;

typedef struct
{
  const char *output_dir;
  const char * const *inputs;   /* every file of every triple */
  LdaParams   params;
  LdaParamOptions *param_options;  /* frames with their own parameters */
  gboolean    overwrite;  /* files livedead did not write may be replaced */
  gboolean    threaded_pipeline;
  gboolean    progress;
  gboolean    quiet;      /* -q: no progress, no summary on success */
  double      interval_hours;  /* --interval, 0 when not given */
  LdaPrefetch *prefetch;        /* reads the next triples' files ahead */
  GCancellable *cancellable;    /* cancelled by a signal (lda_jobs_run_stoppable()) */
  GThreadPool *pool;
  gboolean    alone;       /* one job at a time: out of memory is a failure */
  GMutex      lock;
  guint       done;
  guint       total;
  gint64      start;
} Batch;

/* lda-cli-batch.c */
gboolean   lda_batch_write_counts        (const char         *folder,
                                          const char * const *inputs,
                                          const char         *name,
                                          const char         *csv,
                                          gboolean            overwrite,
                                          GError            **error);
void       lda_batch_print_summary       (FILE               *out,
                                          GPtrArray          *rows,
                                          guint               done,
                                          const char         *output_dir,
                                          const char         *csv_name);

/* lda-cli-batch-targets.c */
gboolean   lda_batch_check_masks         (const char         *folder,
                                          LdaFileSet         *set,
                                          GPtrArray          *jobs,
                                          gboolean            overwrite,
                                          const char         *also,
                                          GError             *also_error,
                                          GError            **error);
void       lda_batch_remove_stale        (Job                *job,
                                          const char * const *inputs);

/* lda-cli-batch-run.c */
void       lda_batch_run_jobs            (Batch              *batch,
                                          guint               n_jobs,
                                          GPtrArray          *jobs);

/* lda-cli-batch-series.c */
gboolean   lda_batch_keep_series         (GPtrArray          *triples,
                                          const char         *series,
                                          GError            **error);
void       lda_batch_print_notes         (GPtrArray          *triples);
GPtrArray *lda_batch_list_series         (GPtrArray          *triples);
double     lda_batch_job_interval        (const Batch        *batch,
                                          const char         *folder,
                                          const LdaTriple    *triple,
                                          gboolean            several);
char      *lda_batch_series_output_dir   (const char         *output_dir,
                                          const LdaTriple    *triple,
                                          gboolean            per_series);
gboolean   lda_batch_write_series_counts (GPtrArray          *jobs,
                                          const char         *output_dir,
                                          GPtrArray          *series,
                                          const char * const *inputs,
                                          const char         *csv_name,
                                          gboolean            json,
                                          gboolean            overwrite,
                                          GError            **error);

G_END_DECLS
