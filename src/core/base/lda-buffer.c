/* lda-buffer.c — large pixel buffers, kept for reuse
 *
 * A run of the pipeline on a large frame allocates a few hundred MiB of
 * images, masks and distance maps and frees them at the end.  Fresh memory
 * from the system costs a page fault on first touch of every page, which
 * at 8192 × 8192 took more time than the computation itself.  Large
 * buffers here are mapped aligned to 2 MiB and marked for huge pages
 * (512 times fewer faults and TLB entries), and once freed they are kept,
 * up to %LDA_BUFFER_CACHE_MAX in all (or what lda_buffer_set_cache_max()
 * says), for the next buffer of their size:
 * the next run finds its memory already mapped.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-buffer.h"

#ifdef G_OS_UNIX
#include <pthread.h>
#include <sys/mman.h>
#endif

/* Under AddressSanitizer every buffer is an allocation of its own, so
 * that a read or write past an image's end is caught. */
#if defined(__SANITIZE_ADDRESS__)
#define KEEP_BUFFERS FALSE
#else
#define KEEP_BUFFERS TRUE
#endif

#define HUGE_PAGE (2 * 1024 * 1024)
/* A large block is granted only while this much more could be had too
 * (the block's quarter, at least 16 MiB): the small allocations that
 * follow it (object tables, runs, GLib's own) cannot fail, so under a
 * memory limit it is the large block that must fail first, with an
 * error the caller can report or retry on. */
#define HEADROOM_MIN (16 * 1024 * 1024)
/* Smaller buffers are not worth the check. */
#define HEADROOM_FROM (64 * 1024)
/* At most this many freed blocks are kept. */
#define CACHE_SLOTS 32

typedef struct
{
  gpointer data;
  gsize    size;
} Block;

/* A POSIX mutex where there is one: unlike GMutex (futexes inside GLib)
 * ThreadSanitizer sees it, so a race here would be reported. */
#ifdef G_OS_UNIX
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#define LOCK() pthread_mutex_lock (&lock)
#define UNLOCK() pthread_mutex_unlock (&lock)
#else
static GMutex lock;
#define LOCK() g_mutex_lock (&lock)
#define UNLOCK() g_mutex_unlock (&lock)
#endif
/* Live large blocks: data → mapped size. */
static GHashTable *live;
static Block cache[CACHE_SLOTS];
static guint n_cached;
static gsize cached_bytes;
static gsize cache_max = LDA_BUFFER_CACHE_MAX;

static gpointer
map_block (gsize size)
{
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS)
  gsize span = size + HUGE_PAGE;
  guint8 *p = mmap (NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  guint8 *start;
  gsize head;

  if (p == MAP_FAILED)
    return NULL;

  /* Keep the 2 MiB aligned part of the span. */
  start = (guint8 *) (((guintptr) p + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1));
  head = start - p;
  if (head > 0)
    munmap (p, head);
  if (span - head - size > 0)
    munmap (start + size, span - head - size);
#ifdef MADV_HUGEPAGE
  madvise (start, size, MADV_HUGEPAGE);
#endif

  return start;
#else
  return g_try_malloc0 (size);
#endif
}

/* Whether HEADROOM more bytes could be mapped besides a block of @size:
 * mapped and given back at once, never touched, so this costs two system
 * calls and no memory. */
static gboolean
have_headroom (gsize size)
{
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS)
  gsize headroom = MAX (HEADROOM_MIN, size / 4);
  gpointer p = mmap (NULL, headroom, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  if (p == MAP_FAILED)
    return FALSE;
  munmap (p, headroom);
#else
  (void) size;
#endif
  return TRUE;
}

static void
unmap_block (gpointer data,
             gsize    size)
{
#if defined(G_OS_UNIX) && defined(MAP_ANONYMOUS)
  munmap (data, size);
#else
  (void) size;
  g_free (data);
#endif
}

/* The cached block that fits @size best, no more than half as large
 * again, taken out of the cache; the lock is held. */
static gpointer
take_cached (gsize  size,
             gsize *block_size)
{
  guint best = CACHE_SLOTS;

  for (guint i = 0; i < n_cached; i++)
    if (cache[i].size >= size && cache[i].size <= size + size / 2 &&
        (best == CACHE_SLOTS || cache[i].size < cache[best].size))
      best = i;

  if (best == CACHE_SLOTS)
    return NULL;

  {
    gpointer data = cache[best].data;

    *block_size = cache[best].size;
    cached_bytes -= cache[best].size;
    cache[best] = cache[--n_cached];
    return data;
  }
}

/**
 * lda_buffer_alloc:
 * @size: bytes
 * @zero: whether the buffer must be zero-filled
 *
 * Allocates a buffer for pixels.  Below %LDA_BUFFER_LARGE this is
 * g_try_malloc(); from it on, a block freed earlier of about the size is
 * reused, or a new one is mapped, aligned to 2 MiB (under
 * AddressSanitizer, always g_try_malloc()); and it is granted only while
 * a quarter as much again (16 MiB at least) could be had besides, so
 * that the small allocations after it do not fail.  Thread-safe.
 *
 * Returns: (transfer full) (nullable): the buffer, to be freed with
 *   lda_buffer_free(), or %NULL when the memory cannot be had
 */
gpointer
lda_buffer_alloc (gsize    size,
                  gboolean zero)
{
  gsize block_size = 0;
  gboolean fresh = FALSE;
  gpointer data;

  if (size < LDA_BUFFER_LARGE || !KEEP_BUFFERS)
    {
      data = zero ? g_try_malloc0 (MAX (size, 1)) : g_try_malloc (MAX (size, 1));
      if (data != NULL && size >= HEADROOM_FROM && !have_headroom (size))
        g_clear_pointer (&data, g_free);
      return data;
    }

  LOCK ();
  data = take_cached (size, &block_size);
  UNLOCK ();

  if (data == NULL)
    {
      if (size > G_MAXSIZE - HUGE_PAGE)
        return NULL;
      block_size = (size + HUGE_PAGE - 1) & ~(gsize) (HUGE_PAGE - 1);
      data = map_block (block_size);
      /* Out of memory: the kept blocks of other sizes go first. */
      if (data == NULL && lda_buffer_cached () > 0)
        {
          lda_buffer_trim ();
          data = map_block (block_size);
        }
      if (data == NULL)
        return NULL;
      fresh = TRUE;
    }
  if (!have_headroom (size))
    {
      lda_buffer_trim ();
      if (!have_headroom (size))
        {
          unmap_block (data, block_size);
          return NULL;
        }
    }

  /* A fresh mapping is zero already. */
  if (zero && !fresh)
    memset (data, 0, size);

  LOCK ();
  if (live == NULL)
    live = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (live, data, GSIZE_TO_POINTER (block_size));
  UNLOCK ();

  return data;
}

/**
 * lda_buffer_free:
 * @data: (nullable): a buffer from lda_buffer_alloc()
 *
 * Frees a buffer.  A large one is kept for reuse while the cache holds
 * less than lda_buffer_get_cache_max(), else given back to the system.
 * Thread-safe.
 */
void
lda_buffer_free (gpointer data)
{
  gpointer size_p = NULL;
  gsize size;

  if (data == NULL)
    return;

  LOCK ();
  if (live == NULL || !g_hash_table_steal_extended (live, data, NULL, &size_p))
    {
      UNLOCK ();
      g_free (data);
      return;
    }

  size = GPOINTER_TO_SIZE (size_p);
  if (n_cached < CACHE_SLOTS && cached_bytes + size <= cache_max)
    {
      cache[n_cached++] = (Block) { data, size };
      cached_bytes += size;
      UNLOCK ();
      return;
    }
  UNLOCK ();

  unmap_block (data, size);
}

/**
 * lda_buffer_trim:
 *
 * Gives the freed large buffers kept for reuse back to the system, for
 * when no large frame is expected soon.  Thread-safe.
 */
void
lda_buffer_trim (void)
{
  Block blocks[CACHE_SLOTS];
  guint n;

  LOCK ();
  n = n_cached;
  memcpy (blocks, cache, n * sizeof *blocks);
  n_cached = 0;
  cached_bytes = 0;
  UNLOCK ();

  for (guint i = 0; i < n; i++)
    unmap_block (blocks[i].data, blocks[i].size);
}

/**
 * lda_buffer_cached:
 *
 * Returns: the bytes of freed large buffers kept for reuse
 */
gsize
lda_buffer_cached (void)
{
  gsize bytes;

  LOCK ();
  bytes = cached_bytes;
  UNLOCK ();

  return bytes;
}

/**
 * lda_buffer_set_cache_max:
 * @bytes: how much freed memory may be kept for reuse
 *
 * Sets the bound of lda_buffer_free()'s cache; the blocks kept beyond a
 * lower bound are given back.  Thread-safe.
 */
void
lda_buffer_set_cache_max (gsize bytes)
{
  gboolean over;

  LOCK ();
  cache_max = bytes;
  over = cached_bytes > cache_max;
  UNLOCK ();

  if (over)
    lda_buffer_trim ();
}

/**
 * lda_buffer_get_cache_max:
 *
 * Returns: how much freed memory may be kept for reuse
 */
gsize
lda_buffer_get_cache_max (void)
{
  gsize bytes;

  LOCK ();
  bytes = cache_max;
  UNLOCK ();

  return bytes;
}
