/* lda-cli-jobs.c — keeping the cores of livedead batch busy, and saying
 * how fast it went
 *
 * The batch's worker threads each read a triple, segment it and write its
 * masks.  So that a worker finds its next triple's files in memory rather
 * than waiting on the disk, a reader thread reads ahead: it stays `depth`
 * triples ahead of the workers (the thread pool hands triples out in
 * order), asking the kernel for each file (posix_fadvise) and reading it
 * through into the page cache.  Writing overlaps too: a worker's fsync
 * waits while the other workers compute.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#ifdef HAVE_SCHED_GETAFFINITY
#include <sched.h>
#endif
#include <signal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lda-cli-jobs.h"
#include "lda-triples.h"

struct _LdaPrefetch
{
  GPtrArray *files;     /* per triple, a GPtrArray of its distinct paths */
  GMutex     lock;
  GCond      cond;
  guint      wanted;    /* triples that may be read: those started + depth */
  guint      depth;
  gboolean   stop;
  GThread   *thread;
};

/* A time series can be gigabytes that a worker reads page by page over a
 * long time: only its start is read ahead. */
#define READ_AHEAD_MAX (G_GUINT64_CONSTANT (256) << 20)

/* Reads @path through once (its first READ_AHEAD_MAX bytes), so that its
 * pages are in memory when a worker opens it; a file that cannot be read
 * is left to the worker to report. */
static guint64
read_ahead (const char *path)
{
  g_autofree char *buffer = NULL;
  guint64 total = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return 0;
#ifdef POSIX_FADV_WILLNEED
  posix_fadvise (fd, 0, (off_t) READ_AHEAD_MAX, POSIX_FADV_WILLNEED);
#endif
  buffer = g_malloc (1 << 20);
  while (total < READ_AHEAD_MAX)
    {
      gssize n = read (fd, buffer, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      total += (guint64) n;
    }
  g_close (fd, NULL);

  return total;
}

static gpointer
prefetch_thread (gpointer data)
{
  LdaPrefetch *self = data;

  for (guint i = 0; i < self->files->len; i++)
    {
      GPtrArray *paths = g_ptr_array_index (self->files, i);
      gboolean stop;

      /* The flag is read under the lock too: lda_prefetch_free() sets
       * it from another thread. */
      g_mutex_lock (&self->lock);
      while (!self->stop && i >= self->wanted)
        g_cond_wait (&self->cond, &self->lock);
      stop = self->stop;
      g_mutex_unlock (&self->lock);
      if (stop)
        break;

      for (guint p = 0; p < paths->len; p++)
        read_ahead (g_ptr_array_index (paths, p));
    }

  return NULL;
}

/**
 * lda_prefetch_new:
 * @triples: (element-type LdaTriple): the triples, in the order the
 *   workers take them; kept by the caller while the prefetcher lives
 * @depth: how many triples to read ahead of the workers
 *
 * Starts the reader thread; it reads the first @depth triples at once.
 *
 * Returns: (transfer full): the prefetcher
 */
LdaPrefetch *
lda_prefetch_new (GPtrArray *triples,
                  guint      depth)
{
  LdaPrefetch *self = g_new0 (LdaPrefetch, 1);

  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);
      GPtrArray *paths = g_ptr_array_new ();

      /* A hyperstack holds every channel in one file: read it once. */
      for (guint c = 0; c < LDA_N_INPUTS; c++)
        if (triple->paths[c] != NULL &&
            !g_ptr_array_find_with_equal_func (paths, triple->paths[c], g_str_equal, NULL))
          g_ptr_array_add (paths, triple->paths[c]);
      g_ptr_array_add (self->files, paths);
    }

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->depth = depth;
  self->wanted = depth;
  self->thread = g_thread_try_new ("lda-prefetch", prefetch_thread, self, NULL);

  return self;
}

/**
 * lda_prefetch_next:
 * @self: a prefetcher
 *
 * A worker calls it as it starts a triple: the reader may go one triple
 * further.  Thread-safe.
 */
void
lda_prefetch_next (LdaPrefetch *self)
{
  g_mutex_lock (&self->lock);
  self->wanted++;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * lda_prefetch_free:
 * @self: (nullable): a prefetcher
 *
 * Stops the reader thread (after the file it is reading) and frees it.
 */
void
lda_prefetch_free (LdaPrefetch *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  if (self->thread != NULL)
    g_thread_join (self->thread);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_ptr_array_unref (self->files);
  g_free (self);
}

/* User and system CPU time of the whole process, every thread, in µs. */
static gint64
process_cpu_us (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* VmHWM, the peak resident memory of this process, in MiB; 0 if unknown. */
static double
peak_resident_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0.0;

  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

void
lda_jobs_clock_start (LdaJobsClock *clock)
{
  clock->start = g_get_monotonic_time ();
  clock->cpu_start = process_cpu_us ();
}

/**
 * lda_jobs_print_stats:
 * @clock: started before the first triple
 * @out: where to print
 * @frames: frames segmented
 * @jobs: worker threads that ran
 *
 * Prints one line: frames, seconds, frames a second, the processors kept
 * busy on average (process CPU time over the time taken), and the peak
 * resident memory, in all and shared out per job.
 */
void
lda_jobs_print_stats (const LdaJobsClock *clock,
                      FILE               *out,
                      guint               frames,
                      guint               jobs)
{
  double seconds = MAX (g_get_monotonic_time () - clock->start, 1) / 1e6;
  double busy = (process_cpu_us () - clock->cpu_start) / 1e6 / seconds;
  double peak = peak_resident_mib ();

  jobs = MAX (jobs, 1);
  /* Translators: frames, seconds, frames per second, jobs, processors busy
   * on average, peak memory in MiB, and the same per job */
  fprintf (out, ngettext ("%u frames in %.2f s: %.2f frames/s with %u job, %.2f processors "
                          "busy; peak memory %.0f MiB, %.0f MiB a job",
                          "%u frames in %.2f s: %.2f frames/s with %u jobs, %.2f processors "
                          "busy; peak memory %.0f MiB, %.0f MiB a job", jobs),
           frames, seconds, frames / seconds, jobs, busy, peak, peak / jobs);
  fputc ('\n', out);
}

typedef struct
{
  GThreadFunc   work;
  gpointer      data;
  GMainLoop    *loop;
} Stoppable;

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gpointer
stoppable_thread (gpointer data)
{
  Stoppable *stoppable = data;
  GMainContext *context = g_main_loop_get_context (stoppable->loop);
  GSource *done;

  stoppable->work (stoppable->data);
  done = g_idle_source_new ();
  g_source_set_callback (done, quit_loop, g_main_loop_ref (stoppable->loop),
                         (GDestroyNotify) g_main_loop_unref);
  g_source_attach (done, context);
  g_source_unref (done);
  return NULL;
}

static gboolean
on_stop_signal (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_CONTINUE;
}

/**
 * lda_jobs_run_stoppable:
 * @work: the work, run on a thread of its own
 * @data: its argument
 * @cancellable: cancelled on Ctrl+C (SIGINT), SIGTERM or a hang-up
 *   (SIGHUP), which @work is to poll
 *
 * Runs @work while the calling thread waits for it and for those
 * signals, so that a stopped command still finishes what it does
 * between two steps (removes its staging folders, says what it did)
 * rather than die with its files half written.
 */
void
lda_jobs_run_stoppable (GThreadFunc   work,
                        gpointer      data,
                        GCancellable *cancellable)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Stoppable stoppable = { work, data, loop };
  guint signals[3];
  const int numbers[3] = { SIGINT, SIGTERM, SIGHUP };
  GThread *thread;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    signals[i] = g_unix_signal_add (numbers[i], on_stop_signal, cancellable);
  thread = g_thread_new ("lda-jobs", stoppable_thread, &stoppable);
  g_main_loop_run (loop);
  g_thread_join (thread);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_source_remove (signals[i]);
}

/**
 * lda_jobs_processors:
 *
 * The processors this process may run on: those its affinity allows
 * (taskset, a cluster's scheduler), not all the machine has.
 *
 * Returns: 1 or more
 */
guint
lda_jobs_processors (void)
{
#ifdef HAVE_SCHED_GETAFFINITY
  cpu_set_t set;

  CPU_ZERO (&set);
  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return (guint) CPU_COUNT (&set);
#endif
  return (guint) MAX (1, g_get_num_processors ());
}
