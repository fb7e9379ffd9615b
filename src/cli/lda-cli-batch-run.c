/* lda-cli-batch-run.c — the triples of livedead batch, segmented on a
 * pool of threads
 *
 * Each job segments one triple (every page of a multi-page one) and
 * stages its masks, which appear together (lda-cli-output.c).  A job that
 * runs out of memory beside the others is run again once they are done,
 * alone, rather than failed: a data limit that fits one 2048 × 2048 frame
 * at a time failed them all at --jobs 4.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lda-cli.h"
#include "lda-cli-batch-private.h"
#include "lda-cli-jobs.h"
#include "lda-cli-output.h"
#include "lda-counts-table.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-series.h"
#include "lda-time-store.h"
#include "lda-triples.h"

static char *
format_duration (double seconds)
{
  if (seconds < 90)
    return g_strdup_printf ("%.0f s", seconds);
  if (seconds < 90 * 60)
    return g_strdup_printf ("%.0f min", seconds / 60);
  return g_strdup_printf ("%.1f h", seconds / 3600);
}

/* Called with the lock held. */
static void
print_progress (Batch *batch)
{
  double elapsed = (g_get_monotonic_time () - batch->start) / 1e6;
  double rate = elapsed > 0 ? batch->done / elapsed : 0;
  g_autofree char *left = NULL;

  if (!batch->progress)
    return;

  left = rate > 0 ? format_duration ((batch->total - batch->done) / rate) : g_strdup ("?");
  fputs ("\r\033[K", stderr);
  fprintf (stderr, _("%u/%u triples, %.2f triples/s, about %s left"),
           batch->done, batch->total, rate, left);
  if (batch->done == batch->total)
    fputc ('\n', stderr);
  fflush (stderr);
}

/* When a page was taken, as the window's series and export have it: the
 * files' time, else --interval times the time index. */
static double
page_hours (const Job       *job,
            const LdaTriple *triple,
            guint            page,
            guint            n_pages,
            guint            time_index)
{
  double hours = lda_triple_page_hours (triple, page, n_pages);

  if (!isfinite (hours) && job->interval_hours > 0.0)
    hours = time_index * job->interval_hours;

  return hours;
}

static gboolean
segment_page (Batch       *batch,
              Job         *job,
              LdaOutput   *output,
              GPtrArray   *rows,
              guint        page,
              guint        n_pages,
              GError     **error)
{
  const LdaTriple *triple = job->triple;
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *file = NULL;
  g_autofree char *frame = NULL;
  LdaCountsRow *row;
  guint time_index;
  g_autofree char *key = NULL;
  LdaParams params = batch->params;

  /* The key the window's project file knows the frame by. */
  key = n_pages > 1 ? g_strdup_printf ("%s/%u", triple->name, page) : g_strdup (triple->name);
  if (!lda_param_options_apply_frame (batch->param_options, key, &params, error))
    return FALSE;

  pipeline = lda_triple_open_pipeline (triple, page, error);
  if (pipeline == NULL)
    return FALSE;

  lda_pipeline_set_threaded (pipeline, batch->threaded_pipeline);
  if (!lda_pipeline_set_params (pipeline, &params, error) ||
      !lda_pipeline_run (pipeline, batch->cancellable, error))
    return FALSE;

  if (n_pages > 1)
    {
      file = g_strdup_printf ("%s_t%03u_labels.tif", triple->name, page);
      time_index = page;
    }
  else
    {
      file = g_strdup_printf ("%s_labels.tif", triple->name);
      time_index = triple->time_index == LDA_NO_TIME_INDEX ? 0 : triple->time_index;
    }

  if (!lda_output_add_mask (output, file, lda_pipeline_get_labels (pipeline),
                            triple->paths[LDA_INPUT_BRIGHTFIELD], page, error))
    return FALSE;

  warnings = lda_cli_mask_warnings (pipeline, triple, page);
  for (guint i = 0; i < warnings->len; i++)
    g_ptr_array_add (job->messages, g_strdup (g_ptr_array_index (warnings, i)));

  /* Time and pixel size as the window's series has them; each page is a
   * frame of its own, named as its mask. */
  frame = n_pages > 1 ? g_strndup (file, strlen (file) - strlen ("_labels.tif"))
                      : g_strdup (triple->name);
  row = lda_counts_row_new (frame, time_index,
                            page_hours (job, triple, page, n_pages, time_index),
                            triple->pixel_size_um,
                            lda_pipeline_get_counts (pipeline), file, &params);
  lda_counts_row_set_field (row, triple, n_pages > 1);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    row->thresholds[c] = lda_pipeline_get_threshold (pipeline, c);
  g_ptr_array_add (rows, row);

  return TRUE;
}

/* The label masks of every page of a triple appear together, or none. */
static gboolean
segment_triple (Batch   *batch,
                Job     *job,
                guint    n_pages,
                GError **error)
{
  g_autoptr(LdaOutput) output = lda_output_begin (job->output_dir, batch->inputs,
                                                  batch->overwrite, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_counts_row_free);

  if (output == NULL)
    return FALSE;

  for (guint page = 0; page < n_pages; page++)
    if (!segment_page (batch, job, output, rows, page, n_pages, error))
      return FALSE;

  if (!lda_output_commit (output, error))
    return FALSE;

  g_ptr_array_extend_and_steal (job->rows, g_steal_pointer (&rows));
  return TRUE;
}

/* Whether @message names one of @triple's files. */
static gboolean
names_triple (const char      *message,
              const LdaTriple *triple)
{
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_autofree char *base = triple->paths[i] != NULL ? g_path_get_basename (triple->paths[i])
                                                       : NULL;

      if (base != NULL && strstr (message, base) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  guint n_pages = 0;

  lda_prefetch_next (batch->prefetch);
  /* Jobs side by side keep a processor each: no helper threads. */
  lda_helper_set_alone (!batch->threaded_pipeline);
  /* Stopped: the triples not begun are left alone. */
  if (g_cancellable_is_cancelled (batch->cancellable))
    {
      job->stopped = TRUE;
      return;
    }
  if (job->triple->problem != NULL)
    {
      g_ptr_array_add (job->messages, g_strdup_printf ("%s: %s", job->triple->name,
                                                       job->triple->problem));
      job->failed = TRUE;
    }
  else if (!lda_triple_count_pages (job->triple, &n_pages, &error))
    job->failed = TRUE;
  else
    job->failed = !segment_triple (batch, job, n_pages, &error);

  /* Given up on a signal: no error of its own, and nothing of it left. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job->failed = FALSE;
      job->stopped = TRUE;
      return;
    }
  /* Out of memory beside the other jobs' images: run again once they are
   * done, alone (run_jobs()), rather than failed. */
  if (g_error_matches (error, LDA_ERROR, LDA_ERROR_TOO_LARGE) && !batch->alone)
    {
      job->failed = FALSE;
      job->again = TRUE;
      g_ptr_array_set_size (job->messages, 0);
      return;
    }
  job->again = FALSE;
  /* Each line names its triple. */
  if (error != NULL && !names_triple (error->message, job->triple))
    g_ptr_array_add (job->messages, g_strdup_printf ("%s: %s", job->triple->name,
                                                     error->message));
  else if (error != NULL)
    g_ptr_array_add (job->messages, g_strdup (error->message));

  g_mutex_lock (&batch->lock);
  batch->done++;
  if (job->messages->len > 0 && batch->progress)
    fputs ("\r\033[K", stderr);
  for (guint i = 0; i < job->messages->len; i++)
    lda_cli_error ("%s", (const char *) g_ptr_array_index (job->messages, i));
  print_progress (batch);
  g_mutex_unlock (&batch->lock);
}

/* Waits for every job of the pool: those a signal stopped end at once. */
static gpointer
wait_for_pool (gpointer data)
{
  Batch *batch = data;

  g_thread_pool_free (g_steal_pointer (&batch->pool), FALSE, TRUE);
  return NULL;
}

/**
 * lda_batch_run_jobs:
 * @batch: the batch
 * @n_jobs: how many triples at once, at most
 * @jobs: (element-type Job): its jobs
 *
 * Runs @jobs on a pool of threads, a reader keeping one triple ahead of
 * each worker; then, one at a time, those that ran out of memory beside
 * the others.
 */
void
lda_batch_run_jobs (Batch     *batch,
                    guint      n_jobs,
                    GPtrArray *jobs)
{
  g_autoptr(GPtrArray) job_triples = g_ptr_array_new ();
  guint n_threads = MIN (n_jobs, MAX (jobs->len, 1));
  guint n_again = 0;
  GThreadPool *pool;

  for (guint i = 0; i < jobs->len; i++)
    g_ptr_array_add (job_triples, (gpointer) ((Job *) g_ptr_array_index (jobs, i))->triple);

  /* One job at a time has both processors; several share them. */
  batch->threaded_pipeline = n_threads == 1;
  batch->alone = n_threads == 1;
  batch->progress = !batch->quiet && isatty (STDERR_FILENO);
  batch->total = jobs->len;
  batch->start = g_get_monotonic_time ();
  g_mutex_init (&batch->lock);

  /* The pool hands the triples out in order. */
  batch->prefetch = lda_prefetch_new (job_triples, n_jobs);
  pool = g_thread_pool_new (run_job, batch, (int) n_threads, TRUE, NULL);
  for (guint i = 0; i < jobs->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (jobs, i), NULL);
  batch->pool = pool;
  lda_jobs_run_stoppable (wait_for_pool, batch, batch->cancellable);

  /* Those that ran out of memory beside the others, again one at a time,
   * each with both threads. */
  batch->alone = TRUE;
  batch->threaded_pipeline = TRUE;
  for (guint i = 0; i < jobs->len; i++)
    n_again += ((Job *) g_ptr_array_index (jobs, i))->again;
  if (n_again > 0 && !g_cancellable_is_cancelled (batch->cancellable))
    {
      if (batch->progress)
        fputs ("\r\033[K", stderr);
      lda_cli_error (ngettext ("%u triple ran out of memory beside the others: run again alone",
                               "%u triples ran out of memory beside the others: run again "
                               "one at a time", n_again), n_again);
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (job->again)
        run_job (job, batch);
    }
  g_clear_pointer (&batch->prefetch, lda_prefetch_free);
  g_mutex_clear (&batch->lock);
}
