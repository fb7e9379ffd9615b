/* lda-morph.c — closing and hole filling (pipeline.md §3)
 *
 * Binary morphology on bit planes.  A dilation by the elliptical element is
 * the union, over the element's rows, of a horizontal run dilation shifted
 * vertically; a run dilation of a row is a handful of word shifts.  Erosion
 * is the complement of the dilation of the complement, which gives exactly
 * the border rule of pipeline.md §3: outside pixels are background to a dilation
 * and foreground to an erosion.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lda-components.h"
#include "lda-error.h"
#include "lda-morph.h"
#include "lda-params.h"

/**
 * lda_ellipse:
 * @kernel: side of the element, 1 to %LDA_KERNEL_MAX
 * @element: (out caller-allocates): kernel × kernel bytes, 1 where set
 *
 * The elliptical structuring element exactly as OpenCV's
 * getStructuringElement(MORPH_ELLIPSE) builds it: with r = c = kernel / 2,
 * row i spans columns max(c − dx, 0) to min(c + dx + 1, kernel), where
 * dx = round(c · sqrt((r² − dy²) / r²)) and dy = i − r.  Rounding is to
 * nearest even, as OpenCV's saturate_cast does.
 */
void
lda_ellipse (guint   kernel,
             guint8 *element)
{
  int k = (int) kernel;
  int r = k / 2;
  int c = k / 2;
  double inv_r2 = r ? 1.0 / ((double) r * r) : 0.0;

  memset (element, 0, (gsize) k * k);

  if (k == 1)
    {
      element[0] = 1;
      return;
    }

  for (int i = 0; i < k; i++)
    {
      int dy = i - r;

      if (ABS (dy) <= r)
        {
          int dx = (int) lrint (c * sqrt ((r * r - dy * dy) * inv_r2));
          int j1 = MAX (c - dx, 0);
          int j2 = MIN (c + dx + 1, k);

          for (int j = j1; j < j2; j++)
            element[i * k + j] = 1;
        }
    }
}

/* dst bit x = OR of src bits x + a … x + b (a ≤ b, both within 63 of 0:
 * kernels are at most LDA_KERNEL_MAX), outside = 0, in one pass: each
 * shifted copy of the row is made from a word and its neighbour. */
static void
row_window_or (guint64       *dst,
               const guint64 *src,
               gsize          n,
               int            a,
               int            b,
               guint64        last_mask)
{
  memset (dst, 0, n * sizeof *dst);
  /* One shift at a time over the whole row: loops without a branch,
   * which the compiler makes vector code of. */
  for (int s = a; s <= b; s++)
    if (s == 0)
      for (gsize i = 0; i < n; i++)
        dst[i] |= src[i];
    else if (s > 0)
      {
        for (gsize i = 0; i + 1 < n; i++)
          dst[i] |= (src[i] >> s) | (src[i + 1] << (64 - s));
        dst[n - 1] |= src[n - 1] >> s;
      }
    else
      {
        dst[0] |= src[0] << -s;
        for (gsize i = 1; i < n; i++)
          dst[i] |= (src[i] << -s) | (src[i - 1] >> (64 + s));
      }

  dst[n - 1] &= last_mask;
}

typedef struct
{
  int dy;      /* row offset of this element row */
  int window;  /* index of its horizontal window */
} ElementRow;

/* OR over the element of src(x + dx, y + dy), outside = 0. */
static LdaBitplane *
dilate_once (const LdaBitplane *src,
             guint              kernel,
             GError           **error)
{
  const int k = (int) kernel;
  const int r = k / 2;
  const int c = k / 2;
  const gsize n = src->stride;
  const guint64 last_mask = lda_bitplane_last_mask (src);
  g_autofree guint8 *element = g_malloc ((gsize) k * k);
  g_autoptr(LdaBitplane) dst = NULL;
  ElementRow rows[LDA_KERNEL_MAX];
  int window_a[LDA_KERNEL_MAX];
  int window_b[LDA_KERNEL_MAX];
  LdaBitplane *planes[LDA_KERNEL_MAX] = { NULL, };
  int n_rows = 0;
  int n_windows = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (kernel >= 1 && kernel <= LDA_KERNEL_MAX, NULL);

  lda_ellipse (kernel, element);

  /* Each element row is one run of columns; equal runs share a window. */
  for (int i = 0; i < k; i++)
    {
      int j0 = -1, j1 = -1, w;

      for (int j = 0; j < k; j++)
        if (element[i * k + j])
          {
            if (j0 < 0)
              j0 = j;
            j1 = j;
          }
      if (j0 < 0)
        continue;

      for (w = 0; w < n_windows; w++)
        if (window_a[w] == j0 - c && window_b[w] == j1 - c)
          break;
      if (w == n_windows)
        {
          window_a[w] = j0 - c;
          window_b[w] = j1 - c;
          n_windows++;
        }
      rows[n_rows].dy = i - r;
      rows[n_rows].window = w;
      n_rows++;
    }

  dst = lda_bitplane_new (src->width, src->height, error);
  if (dst == NULL)
    return NULL;

  for (int w = 0; w < n_windows && ok; w++)
    {
      /* The anchor's column alone is the source itself. */
      if (window_a[w] == 0 && window_b[w] == 0)
        continue;
      planes[w] = lda_bitplane_new (src->width, src->height, error);
      if (planes[w] == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint y = 0; y < src->height; y++)
        row_window_or (lda_bitplane_row (planes[w], y), lda_bitplane_row (src, y), n,
                       window_a[w], window_b[w], last_mask);
    }

  if (ok)
    {
      for (guint y = 0; y < src->height; y++)
        {
          guint64 *out = lda_bitplane_row (dst, y);

          for (int i = 0; i < n_rows; i++)
            {
              gint64 sy = (gint64) y + rows[i].dy;
              const guint64 *in;

              if (sy < 0 || sy >= src->height)
                continue;
              in = lda_bitplane_row (planes[rows[i].window] != NULL ? planes[rows[i].window] : src,
                                     (guint) sy);
              for (gsize j = 0; j < n; j++)
                out[j] |= in[j];
            }
        }
    }

  for (int w = 0; w < n_windows; w++)
    lda_bitplane_free (planes[w]);

  return ok ? g_steal_pointer (&dst) : NULL;
}

/**
 * lda_morph_dilate:
 * @src: a binary image
 * @kernel: side of the elliptical element
 * @error: return location for an error
 *
 * One dilation: a pixel is set when any pixel under the element placed at
 * its anchor (c, r) is set; pixels outside the image count as background.
 *
 * Returns: (transfer full) (nullable): the dilated plane
 */
LdaBitplane *
lda_morph_dilate (const LdaBitplane *src,
                  guint              kernel,
                  GError           **error)
{
  return dilate_once (src, kernel, error);
}

/**
 * lda_morph_erode:
 * @src: a binary image
 * @kernel: side of the elliptical element
 * @error: return location for an error
 *
 * One erosion: a pixel stays set when every pixel under the element is
 * set; pixels outside the image count as foreground.
 *
 * Returns: (transfer full) (nullable): the eroded plane
 */
LdaBitplane *
lda_morph_erode (const LdaBitplane *src,
                 guint              kernel,
                 GError           **error)
{
  g_autoptr(LdaBitplane) complement = lda_bitplane_copy (src, error);
  LdaBitplane *out;

  if (complement == NULL)
    return NULL;

  lda_bitplane_invert (complement);
  out = dilate_once (complement, kernel, error);
  if (out != NULL)
    lda_bitplane_invert (out);

  return out;
}

/**
 * lda_fill_holes:
 * @src: a binary image
 * @error: return location for an error
 *
 * A background pixel stays background only if a 4-connected path of
 * background pixels joins it to the outside of the image; every other
 * background pixel becomes foreground.  Works on runs: the background runs
 * are labelled 4-connected, and the components that touch the image's
 * edge are the outside.
 *
 * Returns: (transfer full) (nullable): the filled plane
 */
LdaBitplane *
lda_fill_holes (const LdaBitplane *src,
                GError           **error)
{
  g_autoptr(LdaRuns) runs = NULL;
  g_autoptr(LdaBitplane) out = NULL;
  g_autofree gboolean *outside = NULL;
  const guint w = src->width;
  const guint h = src->height;

  runs = lda_runs_new_from_bitplane (src, FALSE, error);
  if (runs == NULL)
    return NULL;
  lda_runs_label (runs, 4);

  outside = g_new0 (gboolean, runs->n_components);
  for (gsize i = 0; i < runs->n_runs; i++)
    {
      const LdaRun *run = &runs->runs[i];

      if (run->y == 0 || run->y == h - 1 || run->x0 == 0 || run->x1 == w)
        outside[runs->labels[i]] = TRUE;
    }

  out = lda_bitplane_new (w, h, error);
  if (out == NULL)
    return NULL;
  memset (out->bits, 0xff, out->stride * h * sizeof (guint64));
  lda_bitplane_clear_padding (out);

  for (gsize i = 0; i < runs->n_runs; i++)
    if (outside[runs->labels[i]])
      lda_runs_paint (&runs->runs[i], out, FALSE);

  return g_steal_pointer (&out);
}

/**
 * lda_morph_close_fill:
 * @src: the binarised channel
 * @kernel: side of the elliptical element
 * @cancellable: (nullable): checked between the steps
 * @error: return location for an error
 *
 * pipeline.md §3: dilate twice, erode twice, fill holes.
 *
 * Returns: (transfer full) (nullable): the mask, or %NULL if cancelled or
 *   out of memory
 */
LdaBitplane *
lda_morph_close_fill (const LdaBitplane *src,
                      guint              kernel,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(LdaBitplane) a = NULL;
  g_autoptr(LdaBitplane) b = NULL;

  if (!(a = dilate_once (src, kernel, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !(b = dilate_once (a, kernel, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_clear_pointer (&a, lda_bitplane_free);
  if (!(a = lda_morph_erode (b, kernel, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_clear_pointer (&b, lda_bitplane_free);
  if (!(b = lda_morph_erode (a, kernel, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return lda_fill_holes (b, error);
}
