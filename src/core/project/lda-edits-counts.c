/* lda-edits-counts.c — the counts of a corrected mask, read off its classes
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-compare.h"
#include "lda-components.h"
#include "lda-edits.h"

/* The run of @runs in row @y that contains column @x (it must exist). */
static gsize
find_run (const LdaRuns *runs,
          guint          y,
          guint          x)
{
  gsize lo = runs->row_start[y], hi = runs->row_start[y + 1];

  /* Runs of a row are sorted and disjoint: the last one starting at or
   * before x. */
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (runs->runs[mid].x0 <= x)
        lo = mid;
      else
        hi = mid;
    }

  g_assert (runs->runs[lo].x0 <= x && x < runs->runs[lo].x1);
  return lo;
}

#define NUCLEUS_CLASSES ((1u << LDA_CLASS_HOECHST) | (1u << LDA_CLASS_DRAQ7))

/* A region that nuclei share, in its box. */
typedef struct
{
  guint x0, y0, x1, y1;
} Box;

/* Shares region @r of @cells among the nuclei in it: a flood from all
 * their pixels at once, one pixel a step through the region's cell
 * pixels, each taking the nucleus that reaches it first; every pixel of
 * the region a nucleus reaches adds to its cell area.  Returns %FALSE if
 * memory for the box cannot be had. */
static gboolean
share_region (LdaCounts     *self,
              const LdaRuns *cells,
              const LdaRuns *nuclei,
              const gsize   *nucleus_region,
              guint          r,
              const Box     *box)
{
  const guint bw = box->x1 - box->x0, bh = box->y1 - box->y0;
  const gsize n = (gsize) bw * bh;
  g_autofree gint32 *owner = g_try_new (gint32, n);
  g_autofree guint32 *queue = g_try_new (guint32, n);
  gsize head = 0, tail = 0;

  if (owner == NULL || queue == NULL)
    return FALSE;

  /* -2 outside the region, -1 a cell pixel nobody has reached yet. */
  for (gsize i = 0; i < n; i++)
    owner[i] = -2;
  for (guint y = box->y0; y < box->y1; y++)
    for (gsize i = cells->row_start[y]; i < cells->row_start[y + 1]; i++)
      if (cells->labels[i] == r)
        for (guint x = cells->runs[i].x0; x < cells->runs[i].x1; x++)
          owner[(gsize) (y - box->y0) * bw + (x - box->x0)] = -1;

  /* The nuclei's pixels, in raster order, start the flood. */
  for (guint y = box->y0; y < box->y1; y++)
    for (gsize i = nuclei->row_start[y]; i < nuclei->row_start[y + 1]; i++)
      if (nucleus_region[i] == r)
        for (guint x = nuclei->runs[i].x0; x < nuclei->runs[i].x1; x++)
          {
            guint32 k = (guint32) ((gsize) (y - box->y0) * bw + (x - box->x0));

            owner[k] = (gint32) nuclei->labels[i];
            queue[tail++] = k;
          }

  while (head < tail)
    {
      const guint32 k = queue[head++];
      const guint x = k % bw, y = k / bw;
      const gint32 o = owner[k];
      guint32 around[4];
      guint m = 0;

      self->objects[o].cell_area++;
      if (y > 0)
        around[m++] = k - bw;
      if (x > 0)
        around[m++] = k - 1;
      if (x + 1 < bw)
        around[m++] = k + 1;
      if (y + 1 < bh)
        around[m++] = k + bw;
      for (guint j = 0; j < m; j++)
        if (owner[around[j]] == -1)
          {
            owner[around[j]] = o;
            queue[tail++] = around[j];
          }
    }

  return TRUE;
}

/* Adds each region's area to its nuclei's cells (@pairs: the distinct
 * (nucleus, region) pairs, sorted): whole to a region's one nucleus,
 * shared among several (share_region()).  Returns %FALSE if memory for a
 * shared region's box cannot be had. */
static gboolean
add_cell_areas (LdaCounts     *self,
                const LdaRuns *cells,
                const LdaRuns *nuclei,
                GArray        *pairs,
                const gsize   *nucleus_region)
{
  g_autofree guint64 *region_area = g_new0 (guint64, MAX (cells->n_components, 1));
  g_autofree guint *region_nuclei = g_new0 (guint, MAX (cells->n_components, 1));
  g_autofree Box *boxes = g_new (Box, MAX (cells->n_components, 1));

  for (gsize i = 0; i < cells->n_runs; i++)
    region_area[cells->labels[i]] += cells->runs[i].x1 - cells->runs[i].x0;

  /* How many nuclei each region holds. */
  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);

      if (i > 0 && g_array_index (pairs, guint64, i - 1) == pair)
        continue;
      region_nuclei[pair & G_MAXUINT32]++;
    }

  /* A region of one nucleus is its cell, whole; one that nuclei share is
   * shared out in its box. */
  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);
      guint r = (guint) (pair & G_MAXUINT32);

      if ((i > 0 && g_array_index (pairs, guint64, i - 1) == pair) || region_nuclei[r] != 1)
        continue;
      self->objects[pair >> 32].cell_area += (guint) region_area[r];
    }
  for (guint r = 0; r < cells->n_components; r++)
    if (region_nuclei[r] > 1)
      boxes[r] = (Box) { G_MAXUINT, G_MAXUINT, 0, 0 };
  for (gsize i = 0; i < cells->n_runs; i++)
    {
      const LdaRun *run = &cells->runs[i];
      Box *box = &boxes[cells->labels[i]];

      if (region_nuclei[cells->labels[i]] < 2)
        continue;
      box->x0 = MIN (box->x0, run->x0);
      box->x1 = MAX (box->x1, run->x1);
      box->y0 = MIN (box->y0, run->y);
      box->y1 = MAX (box->y1, run->y + 1);
    }
  for (guint r = 0; r < cells->n_components; r++)
    if (region_nuclei[r] > 1 && !share_region (self, cells, nuclei, nucleus_region, r, &boxes[r]))
      return FALSE;

  return TRUE;
}

/**
 * lda_counts_new_from_labels:
 * @labels: a #LDA_PIXEL_U8 label mask, usually the merged one
 *
 * As lda_counts_new_from_labels_full() with the article's 8-connected
 * nuclei.
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL if memory for
 *   the labelling cannot be had
 */
LdaCounts *
lda_counts_new_from_labels (const LdaImage *labels)
{
  return lda_counts_new_from_labels_full (labels, 8);
}

/**
 * lda_counts_new_from_labels_full:
 * @labels: a #LDA_PIXEL_U8 label mask, usually the merged one
 * @connectivity: 4 for nucleus objects, 8 for the article's nuclei (see
 *   lda_params_nucleus_connectivity())
 *
 * Counts cells on a corrected mask, with the rule of pipeline.md §7 read off the
 * classes:
 *
 * - a nucleus is a @connectivity-connected component of pixels of class 3
 *   or 4 (objects are numbered in the raster order of their first pixel,
 *   as lda_counts_new() numbers them);
 * - its Draq7 pixels are those of class 4, its Hoechst-only pixels those of
 *   class 3; it is dead when it has more of the former, so a tie is live;
 * - its cell area is the pixel count of the 4-connected region of classes
 *   {1, 3, 4} that contains it.  Nuclei that share a region (two cells a
 *   correction joined, say) share its area: each gets its own pixels and
 *   the cell pixels nearest to it through the region, as a flood from all
 *   the region's nuclei at once reaches them (4-connected, one pixel a
 *   step, the nuclei's pixels starting in raster order), so that the cell
 *   areas add up to the region's and the mean cell area stays that of the
 *   mask.  A nucleus whose parts touch only diagonally may lie in several
 *   regions: it gets the sum of its shares.
 *
 * On an automatic mask the nuclei and their live/dead state are the
 * pipeline's, because composition paints nuclei last (and nucleus objects
 * whole, one class each), and so are the cell areas: the outlines the
 * watershed drew keep each cell's region its own
 * (/edits/counts/match-pipeline).
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL if memory for
 *   the labelling cannot be had
 */
LdaCounts *
lda_counts_new_from_labels_full (const LdaImage *labels,
                                 guint           connectivity)
{
  g_autoptr(LdaBitplane) nucleus_plane = NULL;
  g_autoptr(LdaBitplane) cell_plane = NULL;
  g_autoptr(LdaRuns) nuclei = NULL;
  g_autoptr(LdaRuns) cells = NULL;
  g_autofree gsize *nucleus_region = NULL;   /* per nucleus run, its region */
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(LdaCounts) self = NULL;
  const guint8 *pixels;
  guint w, h;

  g_return_val_if_fail (labels != NULL && labels->type == LDA_PIXEL_U8, NULL);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, NULL);

  w = labels->width;
  h = labels->height;
  pixels = lda_image_u8 (labels);
  nucleus_plane = lda_bitplane_new_from_values (pixels, w, h, NUCLEUS_CLASSES, NULL);
  cell_plane = lda_bitplane_new_from_values (pixels, w, h,
                                             NUCLEUS_CLASSES | (1u << LDA_CLASS_CELL), NULL);
  if (nucleus_plane == NULL || cell_plane == NULL)
    return NULL;

  nuclei = lda_runs_new_from_bitplane (nucleus_plane, TRUE, NULL);
  cells = lda_runs_new_from_bitplane (cell_plane, TRUE, NULL);
  if (nuclei == NULL || cells == NULL)
    return NULL;
  lda_runs_label (nuclei, connectivity);
  lda_runs_label (cells, 4);
  nucleus_region = g_new (gsize, MAX (nuclei->n_runs, 1));

  self = g_new0 (LdaCounts, 1);
  self->n_objects = nuclei->n_components;
  self->objects = g_new0 (LdaObject, MAX (self->n_objects, 1));
  for (guint i = 0; i < self->n_objects; i++)
    self->objects[i].x0 = self->objects[i].y0 = G_MAXUINT;

  /* Each nucleus run lies inside one cell run (nucleus pixels are cell
   * pixels too); collect the distinct (nucleus, region) pairs. */
  pairs = g_array_sized_new (FALSE, FALSE, sizeof (guint64), MAX (nuclei->n_runs, 1));
  for (gsize i = 0; i < nuclei->n_runs; i++)
    {
      const LdaRun *run = &nuclei->runs[i];
      const guint8 *row = pixels + (gsize) run->y * w;
      LdaObject *o = &self->objects[nuclei->labels[i]];
      guint64 pair;

      o->nucleus_pixels += run->x1 - run->x0;
      for (guint x = run->x0; x < run->x1; x++)
        o->draq7 += row[x] == LDA_CLASS_DRAQ7;
      o->hoechst_only = o->nucleus_pixels - o->draq7;
      o->x0 = MIN (o->x0, run->x0);
      o->x1 = MAX (o->x1, run->x1);
      o->y0 = MIN (o->y0, run->y);
      o->y1 = MAX (o->y1, run->y + 1);

      nucleus_region[i] = cells->labels[find_run (cells, run->y, run->x0)];
      pair = ((guint64) nuclei->labels[i] << 32) | nucleus_region[i];
      if (pairs->len == 0 || g_array_index (pairs, guint64, pairs->len - 1) != pair)
        g_array_append_val (pairs, pair);
    }

  g_array_sort (pairs, lda_compare_guint64);
  if (!add_cell_areas (self, cells, nuclei, pairs, nucleus_region))
    return NULL;

  lda_counts_finish (self);

  return g_steal_pointer (&self);
}

/**
 * lda_labels_nucleus_find:
 * @labels: a #LDA_PIXEL_U8 label mask, usually the merged one
 * @x: a column
 * @y: a row
 * @connectivity: 4 or 8, as lda_counts_new_from_labels_full() takes it
 *
 * The nucleus at (@x, @y) as the counts see it: the @connectivity-connected
 * component of classes 3 and 4 that holds the pixel.
 *
 * Returns: (transfer full) (nullable) (element-type guint32): the indices
 *   y × width + x of its pixels, or %NULL when the pixel is no nucleus's
 *   or when memory for the search cannot be had
 */
GArray *
lda_labels_nucleus_find (const LdaImage *labels,
                         guint           x,
                         guint           y,
                         guint           connectivity)
{
  static const int dx[8] = { -1, 1, 0, 0, -1, 1, -1, 1 };
  static const int dy[8] = { 0, 0, -1, 1, -1, -1, 1, 1 };
  const guint8 *pixels;
  g_autoptr(LdaBitplane) seen = NULL;
  g_autoptr(GArray) found = NULL;
  guint32 start;
  guint w, h;

  g_return_val_if_fail (labels != NULL && labels->type == LDA_PIXEL_U8, NULL);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, NULL);

  w = labels->width;
  h = labels->height;
  pixels = lda_image_u8 (labels);
  if (x >= w || y >= h || !(NUCLEUS_CLASSES & (1u << pixels[(gsize) y * w + x])))
    return NULL;
  if (!(seen = lda_bitplane_new (w, h, NULL)))
    return NULL;

  /* Depth first: the pixels found so far are the stack, and those from
   * @next on are still to be looked around. */
  found = g_array_new (FALSE, FALSE, sizeof (guint32));
  start = (guint32) ((gsize) y * w + x);
  lda_bitplane_set (seen, x, y, TRUE);
  g_array_append_val (found, start);
  for (guint next = 0; next < found->len; next++)
    {
      const guint32 p = g_array_index (found, guint32, next);
      const guint px = p % w, py = p / w;

      for (guint k = 0; k < connectivity; k++)
        {
          gint nx = (gint) px + dx[k], ny = (gint) py + dy[k];
          guint32 q;

          if (nx < 0 || ny < 0 || (guint) nx >= w || (guint) ny >= h ||
              lda_bitplane_get (seen, (guint) nx, (guint) ny))
            continue;
          q = (guint32) ((gsize) ny * w + (guint) nx);
          if (!(NUCLEUS_CLASSES & (1u << pixels[q])))
            continue;
          lda_bitplane_set (seen, (guint) nx, (guint) ny, TRUE);
          g_array_append_val (found, q);
        }
    }

  return g_steal_pointer (&found);
}

/**
 * lda_labels_largest_nucleus:
 * @labels: a #LDA_PIXEL_U8 label mask
 * @connectivity: 4 or 8, as lda_counts_new_from_labels_full() takes it
 *
 * Returns: how many pixels the largest nucleus of @labels has, as the
 *   counts see nuclei; 0 when there is none, or when memory for the
 *   search cannot be had
 */
gsize
lda_labels_largest_nucleus (const LdaImage *labels,
                            guint           connectivity)
{
  g_autoptr(LdaBitplane) plane = NULL;
  g_autoptr(LdaRuns) runs = NULL;
  g_autofree gsize *sizes = NULL;
  gsize largest = 0;

  g_return_val_if_fail (labels != NULL && labels->type == LDA_PIXEL_U8, 0);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, 0);

  if (!(plane = lda_bitplane_new_from_values (lda_image_u8 (labels), labels->width,
                                              labels->height, NUCLEUS_CLASSES, NULL)) ||
      !(runs = lda_runs_new_from_bitplane (plane, TRUE, NULL)))
    return 0;
  lda_runs_label (runs, connectivity);
  if (!(sizes = g_try_new0 (gsize, MAX (runs->n_components, 1))))
    return 0;
  for (gsize i = 0; i < runs->n_runs; i++)
    {
      gsize *size = &sizes[runs->labels[i]];

      *size += runs->runs[i].x1 - runs->runs[i].x0;
      largest = MAX (largest, *size);
    }

  return largest;
}

/**
 * lda_labels_nucleus_call_pixels:
 * @labels: a #LDA_PIXEL_U8 label mask
 * @pixels: (element-type guint32) (nullable): a nucleus's pixels, as
 *   lda_labels_nucleus_find() gives them
 * @hoechst: (out) (optional): how many of them are of class 3
 * @draq7: (out) (optional): how many are of class 4
 *
 * The call lda_counts_new_from_labels_full() makes of a nucleus: dead when
 * more of its pixels are of class 4 than of class 3, so that a tie is
 * live.
 *
 * Returns: %TRUE when the nucleus is dead; %FALSE when it is live or
 *   @pixels is %NULL (then both counts are 0)
 */
gboolean
lda_labels_nucleus_call_pixels (const LdaImage *labels,
                                const GArray   *pixels,
                                gsize          *hoechst,
                                gsize          *draq7)
{
  gsize counts[2] = { 0, 0 };

  g_return_val_if_fail (labels != NULL && labels->type == LDA_PIXEL_U8, FALSE);

  if (pixels != NULL)
    {
      const guint8 *classes = lda_image_u8 (labels);

      for (guint i = 0; i < pixels->len; i++)
        counts[classes[g_array_index (pixels, guint32, i)] == LDA_CLASS_DRAQ7]++;
    }
  if (hoechst != NULL)
    *hoechst = counts[0];
  if (draq7 != NULL)
    *draq7 = counts[1];

  /* A tie is live, as in the counts. */
  return counts[1] > counts[0];
}

/**
 * lda_labels_nucleus_call:
 * @labels: a #LDA_PIXEL_U8 label mask, usually the merged one
 * @x: a column
 * @y: a row
 * @connectivity: 4 or 8, as lda_counts_new_from_labels_full() takes it
 * @hoechst: (out) (optional): the nucleus's pixels of class 3
 * @draq7: (out) (optional): its pixels of class 4
 *
 * The nucleus at (@x, @y) (lda_labels_nucleus_find()), called as
 * lda_counts_new_from_labels_full() calls it: dead when more of its
 * pixels are of class 4 than of class 3.  What the counts say of the
 * nucleus under the pointer, even where a correction painted only part
 * of it.
 *
 * Returns: %TRUE when the nucleus is dead; %FALSE when it is live, when
 *   the pixel is no nucleus's, or when memory for the search cannot be
 *   had (then both counts are 0)
 */
gboolean
lda_labels_nucleus_call (const LdaImage *labels,
                         guint           x,
                         guint           y,
                         guint           connectivity,
                         gsize          *hoechst,
                         gsize          *draq7)
{
  g_autoptr(GArray) found = lda_labels_nucleus_find (labels, x, y, connectivity);

  return lda_labels_nucleus_call_pixels (labels, found, hoechst, draq7);
}
