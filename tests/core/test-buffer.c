/* test-buffer.c — tests for lda-buffer: large buffers reused, zero-filled
 * when asked, aligned, the cache bounded and emptied, and safe to use from
 * several threads at once.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lda-buffer.h"
#include "lda-image.h"
#include "lda-memory.h"

#define MIB (1024 * 1024)

/* Under AddressSanitizer buffers are plain allocations, never kept. */
static gboolean
buffers_kept (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("buffers are not kept under AddressSanitizer");
  return FALSE;
#else
  return TRUE;
#endif
}

static gboolean
all_zero (const guint8 *p,
          gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

static void
test_small (void)
{
  guint8 *p;

  lda_buffer_trim ();
  p = lda_buffer_alloc (1000, TRUE);
  g_assert_nonnull (p);
  g_assert_true (all_zero (p, 1000));
  memset (p, 0xab, 1000);
  lda_buffer_free (p);
  /* Small buffers are not kept. */
  g_assert_cmpuint (lda_buffer_cached (), ==, 0);

  p = lda_buffer_alloc (0, FALSE);
  g_assert_nonnull (p);
  lda_buffer_free (p);
  lda_buffer_free (NULL);
}

static void
test_reused_and_zeroed (void)
{
  const gsize size = 9 * MIB + 123;
  guint8 *p, *q;

  if (!buffers_kept ())
    return;

  lda_buffer_trim ();
  p = lda_buffer_alloc (size, TRUE);
  g_assert_nonnull (p);
  g_assert_true (all_zero (p, size));
#ifdef G_OS_UNIX
  g_assert_cmpuint ((guintptr) p % (2 * MIB), ==, 0);
#endif
  memset (p, 0xab, size);
  lda_buffer_free (p);
  g_assert_cmpuint (lda_buffer_cached (), >=, size);

  /* The same block again, zero-filled as asked. */
  q = lda_buffer_alloc (size, TRUE);
  g_assert_true (q == p);
  g_assert_cmpuint (lda_buffer_cached (), ==, 0);
  g_assert_true (all_zero (q, size));
  memset (q, 0xcd, size);
  lda_buffer_free (q);

  /* Not zeroed when not asked: the old contents stay. */
  q = lda_buffer_alloc (size - 1000, FALSE);
  g_assert_true (q == p);
  g_assert_cmpuint (q[0], ==, 0xcd);
  g_assert_cmpuint (q[size - 1001], ==, 0xcd);
  lda_buffer_free (q);

  /* A block much larger than asked for is not taken. */
  q = lda_buffer_alloc (LDA_BUFFER_LARGE, FALSE);
  g_assert_nonnull (q);
  g_assert_true (q != p);
  lda_buffer_free (q);

  lda_buffer_trim ();
  g_assert_cmpuint (lda_buffer_cached (), ==, 0);
}

/* @n blocks of @size, mapped but never touched: address space only. */
static void
map_blocks (gpointer *blocks,
            guint     n,
            gsize     size)
{
  for (guint i = 0; i < n; i++)
    {
      blocks[i] = lda_buffer_alloc (size, FALSE);
      g_assert_nonnull (blocks[i]);
    }
}

static void
test_bounded (void)
{
  /* Two fit in the cache, the third does not. */
  const gsize size = LDA_BUFFER_CACHE_MAX / 5 * 2 / MIB * MIB;
  gpointer blocks[3];

  if (!buffers_kept ())
    return;

  lda_buffer_trim ();
  map_blocks (blocks, G_N_ELEMENTS (blocks), size);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      lda_buffer_free (blocks[i]);
      g_assert_cmpuint (lda_buffer_cached (), <=, LDA_BUFFER_CACHE_MAX);
    }
  g_assert_cmpuint (lda_buffer_cached (), ==, 2 * size);
  lda_buffer_trim ();
  g_assert_cmpuint (lda_buffer_cached (), ==, 0);
}

/* A higher bound keeps more; lowering it gives back what is over. */
static void
test_cache_max (void)
{
  const gsize size = LDA_BUFFER_CACHE_MAX / 5 * 2 / MIB * MIB;
  gpointer blocks[3];

  if (!buffers_kept ())
    return;

  lda_buffer_trim ();
  g_assert_cmpuint (lda_buffer_get_cache_max (), ==, LDA_BUFFER_CACHE_MAX);
  lda_buffer_set_cache_max (LDA_BUFFER_CACHE_COMMAND);
  map_blocks (blocks, G_N_ELEMENTS (blocks), size);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    lda_buffer_free (blocks[i]);
  /* All three kept, where the default bound keeps two. */
  g_assert_cmpuint (lda_buffer_cached (), ==, 3 * size);

  lda_buffer_set_cache_max (LDA_BUFFER_CACHE_MAX);
  g_assert_cmpuint (lda_buffer_cached (), <=, LDA_BUFFER_CACHE_MAX);
  lda_buffer_trim ();
}

static void
test_images (void)
{
  g_autoptr(GError) error = NULL;
  LdaImage *image;
  gpointer data;

  if (!buffers_kept ())
    return;

  image = lda_image_new (LDA_PIXEL_U16, 2048, 2048, &error);
  g_assert_no_error (error);
  lda_buffer_trim ();
  data = image->data;
  memset (data, 0xff, lda_image_n_bytes (image));
  lda_image_unref (image);

  /* A new image of the size reuses the pixels, zero-filled. */
  image = lda_image_new (LDA_PIXEL_U8, 4096, 2048, &error);
  g_assert_no_error (error);
  g_assert_true (image->data == data);
  g_assert_true (all_zero (image->data, lda_image_n_bytes (image)));
  lda_image_unref (image);
  lda_buffer_trim ();
}

static void
test_memory_check (void)
{
  gpointer p;
  gsize cached;

  if (!buffers_kept ())
    return;

  lda_buffer_trim ();
  p = lda_buffer_alloc (16 * MIB, FALSE);
  lda_buffer_free (p);
  cached = lda_buffer_cached ();
  g_assert_cmpuint (cached, >=, 16 * MIB);
  g_assert_cmpuint (lda_memory_available (), >=, cached);

  /* A frame that fits beside the kept buffers leaves them. */
  g_assert_true (lda_memory_check ("f.tif", 1024, 1024, 1, cached + 2 * MIB, NULL));
  g_assert_cmpuint (lda_buffer_cached (), ==, cached);

  /* One that needs them has them given back first. */
  g_assert_true (lda_memory_check ("f.tif", 1024, 1024, 4, cached + 2 * MIB, NULL));
  g_assert_cmpuint (lda_buffer_cached (), ==, 0);
}

static gpointer
churn (gpointer data)
{
  guint seed = GPOINTER_TO_UINT (data);

  for (guint i = 0; i < 200; i++)
    {
      gsize size = LDA_BUFFER_LARGE + (gsize) ((seed + i) % 3) * MIB;
      guint8 *p = lda_buffer_alloc (size, TRUE);

      g_assert_nonnull (p);
      g_assert_cmpuint (p[0], ==, 0);
      g_assert_cmpuint (p[size - 1], ==, 0);
      p[0] = p[size - 1] = (guint8) seed;
      if (i % 50 == 49 && seed == 1)
        lda_buffer_trim ();
      lda_buffer_free (p);
    }

  return NULL;
}

static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("churn", churn, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  lda_buffer_trim ();
  g_assert_cmpuint (lda_buffer_cached (), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/buffer/small", test_small);
  g_test_add_func ("/buffer/reused-and-zeroed", test_reused_and_zeroed);
  g_test_add_func ("/buffer/bounded", test_bounded);
  g_test_add_func ("/buffer/cache-max", test_cache_max);
  g_test_add_func ("/buffer/images", test_images);
  g_test_add_func ("/buffer/memory-check", test_memory_check);
  g_test_add_func ("/buffer/threads", test_threads);

  return g_test_run ();
}
