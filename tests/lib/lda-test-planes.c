/* lda-test-planes.c — bit planes drawn as pictures, and direct
 * definitions to check the fast code against
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-test-planes.h"

LdaBitplane *
lda_test_plane_new (guint width,
                    guint height)
{
  g_autoptr(GError) error = NULL;
  LdaBitplane *plane = lda_bitplane_new (width, height, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plane);
  return plane;
}

/* Builds a plane from the first (@column 0) or the second (1) of
 * side-by-side pictures. */
LdaBitplane *
lda_test_plane_from_rows (const char * const *rows,
                          guint               column)
{
  LdaBitplane *plane = NULL;
  guint height = 0;

  while (rows[height] != NULL)
    height++;

  for (guint y = 0; y < height; y++)
    {
      const char *p = column == 0 ? rows[y] : strrchr (rows[y], ' ') + 1;
      gsize width = strcspn (p, " ");

      if (plane == NULL)
        plane = lda_test_plane_new ((guint) width, height);
      g_assert_cmpuint (width, ==, plane->width);

      for (guint x = 0; x < width; x++)
        {
          g_assert_true (p[x] == '#' || p[x] == '.');
          lda_bitplane_set (plane, x, y, p[x] == '#');
        }
    }

  return plane;
}

char *
lda_test_plane_to_picture (const LdaBitplane *plane)
{
  GString *text = g_string_new (NULL);

  for (guint y = 0; y < plane->height; y++)
    {
      g_string_append (text, "\n    ");
      for (guint x = 0; x < plane->width; x++)
        g_string_append_c (text, lda_bitplane_get (plane, x, y) ? '#' : '.');
    }

  return g_string_free (text, FALSE);
}

/* Compares two planes of the same size, padding included; on a
 * difference prints both so that a failure can be read. */
gboolean
lda_test_planes_match (const char        *what,
                       const LdaBitplane *got,
                       const LdaBitplane *want)
{
  const guint64 padding = ~lda_bitplane_last_mask (got);
  gboolean same = TRUE;

  g_assert_cmpuint (got->width, ==, want->width);
  g_assert_cmpuint (got->height, ==, want->height);

  for (guint y = 0; y < got->height; y++)
    {
      for (guint x = 0; x < got->width; x++)
        same = same && lda_bitplane_get (got, x, y) == lda_bitplane_get (want, x, y);
      if ((lda_bitplane_row (got, y)[got->stride - 1] & padding) != 0)
        {
          g_test_message ("%s: row %u has bits set past the width", what, y);
          same = FALSE;
        }
    }

  if (!same)
    {
      g_autofree char *a = lda_test_plane_to_picture (want);
      g_autofree char *b = lda_test_plane_to_picture (got);

      g_test_message ("%s: expected%s\n  got%s", what, a, b);
    }

  return same;
}

LdaBitplane *
lda_test_plane_random (GRand  *rand,
                       guint   width,
                       guint   height,
                       double  density)
{
  LdaBitplane *plane = lda_test_plane_new (width, height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      lda_bitplane_set (plane, x, y, g_rand_double (rand) < density);

  return plane;
}

/* Gives @mark to every unmarked pixel of @value joined to (x0, y0) by a
 * 4- or 8-connected path of such pixels.  @marks holds G_MAXUINT for
 * unmarked pixels; @stack has room for every pixel. */
void
lda_test_flood (const LdaBitplane *plane,
                gboolean           value,
                guint              connectivity,
                guint              x0,
                guint              y0,
                guint             *marks,
                guint              mark,
                guint             *stack)
{
  static const int dx[8] = { 1, -1, 0, 0, 1, 1, -1, -1 };
  static const int dy[8] = { 0, 0, 1, -1, 1, -1, 1, -1 };
  const guint w = plane->width, h = plane->height;
  gsize n = 0;

  if (lda_bitplane_get (plane, x0, y0) != value || marks[y0 * w + x0] != G_MAXUINT)
    return;
  marks[y0 * w + x0] = mark;
  stack[n++] = y0 * w + x0;

  while (n > 0)
    {
      guint i = stack[--n];

      for (guint d = 0; d < connectivity; d++)
        {
          gint64 x = (gint64) (i % w) + dx[d], y = (gint64) (i / w) + dy[d];

          if (x < 0 || y < 0 || x >= w || y >= h || marks[y * w + x] != G_MAXUINT ||
              lda_bitplane_get (plane, (guint) x, (guint) y) != value)
            continue;
          marks[y * w + x] = mark;
          stack[n++] = (guint) (y * w + x);
        }
    }
}

/* Labels set pixels by a flood from each unlabelled one in raster order,
 * so components are numbered by their first pixel; background stays
 * G_MAXUINT. */
guint *
lda_test_naive_label (const LdaBitplane *plane,
                      guint              connectivity,
                      guint             *n_components)
{
  const guint w = plane->width, h = plane->height;
  guint *labels = g_new (guint, (gsize) w * h);
  g_autofree guint *stack = g_new (guint, (gsize) w * h);
  guint next = 0;

  memset (labels, 0xff, (gsize) w * h * sizeof *labels);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (lda_bitplane_get (plane, x, y) && labels[y * w + x] == G_MAXUINT)
        lda_test_flood (plane, TRUE, connectivity, x, y, labels, next++, stack);

  *n_components = next;
  return labels;
}

/* Sets the pixels of the plane within @r of (@cx, @cy). */
void
lda_test_plane_disc (LdaBitplane *plane,
                     int          cx,
                     int          cy,
                     int          r)
{
  /* Only the disc's box, within the plane: a frame of many discs would
   * otherwise be read whole for each. */
  const int x0 = MAX (cx - r, 0), x1 = MIN (cx + r, (int) plane->width - 1);
  const int y0 = MAX (cy - r, 0), y1 = MIN (cy + r, (int) plane->height - 1);

  for (int y = y0; y <= y1; y++)
    for (int x = x0; x <= x1; x++)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r)
        lda_bitplane_set (plane, (guint) x, (guint) y, TRUE);
}

/* Sets the rectangle (x0, y0, width, height). */
void
lda_test_plane_fill (LdaBitplane *plane,
                     guint        x0,
                     guint        y0,
                     guint        width,
                     guint        height)
{
  for (guint y = y0; y < y0 + height; y++)
    for (guint x = x0; x < x0 + width; x++)
      lda_bitplane_set (plane, x, y, TRUE);
}

