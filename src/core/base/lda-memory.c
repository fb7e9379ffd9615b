/* lda-memory.c — will a frame fit in memory?
 *
 * A frame too large for the machine must be refused before anything is
 * allocated, with a message that says how much it needs: allocating and
 * failing half-way would abort the program (GLib aborts when memory runs
 * out) and take the person's other work with it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "lda-buffer.h"
#include "lda-error.h"
#include "lda-memory.h"

/* The number after @key in a "key: number kB" file such as
 * /proc/meminfo, in bytes; 0 when absent. */
static guint64
read_kb_field (const char *file,
               const char *key)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (file, &contents, NULL, NULL))
    return 0;
  line = strstr (contents, key);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (key), NULL, 10) * 1024;
}

/* One number in a file of its own (cgroup files); G_MAXUINT64 for "max"
 * or when absent. */
static guint64
read_number_file (const char *file)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (file, &contents, NULL, NULL) ||
      !g_ascii_isdigit (contents[0]))
    return G_MAXUINT64;
  return g_ascii_strtoull (contents, NULL, 10);
}

/* What a resource limit leaves, given what is already used. */
static guint64
limit_left (int         resource,
            const char *used_key)
{
  struct rlimit limit;
  guint64 used;

  if (getrlimit (resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return G_MAXUINT64;
  used = read_kb_field ("/proc/self/status", used_key);
  return limit.rlim_cur > used ? limit.rlim_cur - used : 0;
}

/**
 * lda_memory_available:
 *
 * How much more memory this process can use: the least of what the
 * system has available (MemAvailable), what its control group allows and
 * what its address-space and data limits leave, plus the freed buffers
 * this process keeps for reuse (lda-buffer.c), which it can give back.
 *
 * Returns: bytes; %G_MAXUINT64 when nothing is known
 */
guint64
lda_memory_available (void)
{
  guint64 available = G_MAXUINT64;
  guint64 system = read_kb_field ("/proc/meminfo", "MemAvailable:");
  guint64 group_max = read_number_file ("/sys/fs/cgroup/memory.max");

  if (system > 0)
    available = system;
  if (group_max != G_MAXUINT64)
    {
      guint64 group_used = read_number_file ("/sys/fs/cgroup/memory.current");

      if (group_used == G_MAXUINT64)
        group_used = 0;
      available = MIN (available, group_max > group_used ? group_max - group_used : 0);
    }
  available = MIN (available, limit_left (RLIMIT_AS, "VmSize:"));
  available = MIN (available, limit_left (RLIMIT_DATA, "VmData:"));

  return available > G_MAXUINT64 - lda_buffer_cached () ? G_MAXUINT64
                                                         : available + lda_buffer_cached ();
}

/**
 * lda_memory_check:
 * @path: the file the frame comes from, for the message
 * @width: the frame's columns
 * @height: the frame's rows
 * @bytes_per_pixel: what handling it takes per pixel
 * @available: what there is (lda_memory_available())
 * @error: return location for an error
 *
 * When the frame fits only with the freed buffers kept for reuse, they
 * are given back to the system first (lda_buffer_trim()).
 *
 * Returns: %TRUE if the frame fits; otherwise %FALSE with
 *   %LDA_ERROR_TOO_LARGE and a message that names @path and says how
 *   much memory it needs and how much there is
 */
gboolean
lda_memory_check (const char *path,
                  guint       width,
                  guint       height,
                  guint64     bytes_per_pixel,
                  guint64     available,
                  GError    **error)
{
  guint64 needed = (guint64) width * height * bytes_per_pixel;
  g_autofree char *needed_text = NULL;
  g_autofree char *available_text = NULL;

  if (needed <= available)
    {
      if (needed > available - MIN (available, lda_buffer_cached ()))
        lda_buffer_trim ();
      return TRUE;
    }

  needed_text = g_format_size (needed);
  available_text = g_format_size (available);
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("%s: a frame of %u × %u pixels needs about %s of memory, "
                 "but only %s is available; close other programs, or crop "
                 "or bin the images"),
               path, width, height, needed_text, available_text);
  return FALSE;
}

/**
 * lda_memory_tune_allocator:
 *
 * Sets up the C library's allocator for the pipeline, once, at the start
 * of a program.  Every run allocates and frees tens of megabytes of
 * scratch: it stays in the heap instead of being returned to the system
 * and faulted in afresh at the next slider move or frame.  The heaps are
 * at most two, shared by the threads: glibc's default of one per thread
 * kept each thread's freed scratch apart, 50 MiB more at the peak of an
 * 8192 × 8192 frame in the window.  Does nothing on other C libraries.
 */
void
lda_memory_tune_allocator (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);
  mallopt (M_ARENA_MAX, 2);
#endif
}
