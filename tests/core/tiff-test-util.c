/* tiff-test-util.c — what the TIFF tests share: a temporary folder,
 * images with a pattern every misread shows, and checks of messages and
 * folders
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "lda-test-lib.h"
#include "tiff-test-util.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  GError *error = NULL;

  f->dir = g_dir_make_tmp ("lda-test-tiff-XXXXXX", &error);
  g_assert_no_error (error);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lda_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A value pattern that differs in both bytes from pixel to pixel and page to
 * page, so that swapped bytes, shifted rows or a wrong page all show; it
 * includes the extremes 0 and the maximum. */
guint
pattern (guint x,
         guint y,
         guint page,
         guint bits)
{
  guint32 h = (x * 73856093u) ^ (y * 19349663u) ^ ((page + 1) * 83492791u);
  guint max = (1u << bits) - 1;

  if (x == 0 && y == 0)
    return page == 1 ? max : 0;
  if (x == 1 && y == 0)
    return page == 1 ? 0 : max;

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;

  return h & max;
}

/* Packed grayscale rows of @bits (8 or 16) in host byte order. */
guint8 *
make_gray (guint width,
           guint height,
           guint bits,
           guint page)
{
  guint8 *raw = g_malloc0_n ((gsize) width * height, bits / 8);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;

        if (bits == 16)
          ((guint16 *) raw)[i] = pattern (x, y, page, 16);
        else
          raw[i] = pattern (x, y, page, 8);
      }

  return raw;
}

char *
write_bytes (Fixture      *f,
             const char   *name,
             const guint8 *bytes,
             gsize         n)
{
  char *path = g_build_filename (f->dir, name, NULL);
  GError *error = NULL;

  g_file_set_contents (path, (const char *) bytes, n, &error);
  g_assert_no_error (error);

  return path;
}

/* The message must have the form "PATH: problem". */
void
assert_message_names (const GError *error,
                      const char   *path)
{
  g_autofree char *prefix = g_strconcat (path, ": ", NULL);

  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message \"%s\" does not start with \"%s\"", error->message, prefix);
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix));

  /* libtiff's own text often repeats the name: it must be said only once. */
  if (strstr (error->message + strlen (prefix), path) != NULL)
    g_error ("message \"%s\" names the file twice", error->message);
}

/* Whether the problem part of "PATH: problem" says @words. */
gboolean
problem_mentions (const GError *error,
                  const char   *path,
                  const char   *words)
{
  return strstr (error->message + strlen (path), words) != NULL;
}

/* No temporary ".*" file may be left beside the output. */
void
assert_no_hidden_files (const char *folder)
{
  GDir *dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      g_error ("%s was left in %s", name, folder);
  g_dir_close (dir);
}

LdaImage *
make_image (LdaPixelType type,
            guint        width,
            guint        height)
{
  g_autofree guint8 *raw = make_gray (width, height, type, 0);

  return lda_image_new_from_data (type, width, height, raw);
}

gboolean
images_equal (const LdaImage *a,
              const LdaImage *b)
{
  if (!lda_image_same_size (a, b))
    return FALSE;

  for (guint y = 0; y < a->height; y++)
    for (guint x = 0; x < a->width; x++)
      if (lda_image_get (a, x, y) != lda_image_get (b, x, y))
        return FALSE;

  return TRUE;
}
