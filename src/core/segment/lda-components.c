/* lda-components.c — runs of a binary image and their connected components
 *
 * Labelling works on runs, not pixels: runs of adjacent rows that touch are
 * joined in a union-find forest.  Masks of cells and nuclei have a few runs
 * per object row, so this touches far fewer items than a pixel flood.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-components.h"
#include "lda-error.h"

/* Room for the runs of one more row of @w: at most one in two pixels
 * starts one. */
static gboolean
reserve_row (LdaRuns *self,
             gsize   *capacity,
             guint    w)
{
  const gsize need = self->n_runs + w / 2 + 1;
  gsize grown_capacity = *capacity;
  LdaRun *grown;

  if (need <= *capacity)
    return TRUE;
  while (grown_capacity < need)
    grown_capacity *= 2;
  grown = g_try_realloc_n (self->runs, grown_capacity, sizeof (LdaRun));
  if (grown == NULL)
    return FALSE;
  self->runs = grown;
  *capacity = grown_capacity;

  return TRUE;
}

/**
 * lda_runs_new_from_bitplane:
 * @plane: a binary image
 * @value: %TRUE for runs of set pixels, %FALSE for runs of clear ones
 * @error: return location for an error
 *
 * A row's runs start and end where its bits change: the changes of a word
 * are its bits against themselves shifted by one, the bit before the word
 * carried in.  They alternate, a start and then an end, so they are
 * gathered without a test of which is which, and paired after.
 *
 * Returns: (transfer full) (nullable): the runs, unlabelled
 */
LdaRuns *
lda_runs_new_from_bitplane (const LdaBitplane *plane,
                            gboolean           value,
                            GError           **error)
{
  g_autoptr(LdaRuns) self = g_new0 (LdaRuns, 1);
  const guint w = plane->width;
  const guint64 last_mask = lda_bitplane_last_mask (plane);
  gsize capacity = 1024;
  g_autofree guint *ends = NULL;

  self->width = w;
  self->height = plane->height;
  self->row_start = g_try_new (gsize, (gsize) plane->height + 1);
  self->runs = g_try_new (LdaRun, capacity);
  /* A row's changes: at most one a pixel, and the row's end. */
  ends = g_try_new (guint, (gsize) w + 2);
  if (self->row_start == NULL || self->runs == NULL || ends == NULL)
    goto oom;

  for (guint y = 0; y < plane->height; y++)
    {
      const guint64 *row = lda_bitplane_row (plane, y);
      LdaRun *out;
      guint64 before = 0;
      gsize n_ends = 0;

      if (!reserve_row (self, &capacity, w))
        goto oom;
      self->row_start[y] = self->n_runs;

      for (gsize word = 0; word < plane->stride; word++)
        {
          guint64 bits = value ? row[word] : ~row[word];
          const guint base = (guint) (word * 64);

          if (word + 1 == plane->stride)
            bits &= last_mask;
          for (guint64 change = bits ^ ((bits << 1) | before); change != 0; change &= change - 1)
            ends[n_ends++] = base + (guint) __builtin_ctzll (change);
          before = bits >> 63;
        }
      /* A run to the row's end. */
      if (n_ends & 1)
        ends[n_ends++] = w;

      out = self->runs + self->n_runs;
      for (gsize i = 0; i < n_ends / 2; i++)
        out[i] = (LdaRun) { y, ends[2 * i], ends[2 * i + 1] };
      self->n_runs += n_ends / 2;
    }
  self->row_start[plane->height] = self->n_runs;

  return g_steal_pointer (&self);

oom:
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("not enough memory to label a %u × %u mask"), w, plane->height);
  return NULL;
}

static int
compare_size (gconstpointer a,
              gconstpointer b,
              gpointer      sizes)
{
  const gsize *size = sizes;
  gsize sa = size[*(const guint *) a], sb = size[*(const guint *) b];

  return sa > sb ? -1 : sa < sb;
}

/**
 * lda_runs_group:
 * @self: labelled runs
 * @large: how many pixels make a component large
 * @first_run: (out caller-allocates): n_components + 1 entries: where each
 *   component's runs start in @grouped
 * @grouped: (out caller-allocates): n_runs entries: the runs, component
 *   by component, in raster order within each
 * @order: (out caller-allocates): n_components entries: the large
 *   components, largest first, then the others by their numbers
 * @n_pixels: (out) (optional): the pixels of all the components
 *
 * Groups the runs by component and orders the components for work that
 * two threads share: taken from the front, the largest are begun at once,
 * one on each thread, and the small ones fill the time they take.  The
 * runs are copied rather than pointed to: a component's runs lie far
 * apart in raster order, and read through indices each cost a miss of
 * the cache.
 *
 * Returns: how many components are large
 */
guint
lda_runs_group (const LdaRuns *self,
                gsize          large,
                gsize         *first_run,
                LdaRun        *grouped,
                guint         *order,
                gsize         *n_pixels)
{
  const guint n = self->n_components;
  g_autofree gsize *size = g_new0 (gsize, MAX (n, 1));
  g_autofree gsize *fill = g_new0 (gsize, MAX (n, 1));
  guint n_large = 0, k;
  gsize total = 0;

  memset (first_run, 0, ((gsize) n + 1) * sizeof *first_run);
  for (gsize r = 0; r < self->n_runs; r++)
    {
      first_run[self->labels[r] + 1]++;
      size[self->labels[r]] += self->runs[r].x1 - self->runs[r].x0;
    }
  for (guint c = 0; c < n; c++)
    first_run[c + 1] += first_run[c];
  for (gsize r = 0; r < self->n_runs; r++)
    {
      guint c = self->labels[r];

      grouped[first_run[c] + fill[c]++] = self->runs[r];
    }

  for (guint c = 0; c < n; c++)
    {
      total += size[c];
      if (size[c] >= large)
        order[n_large++] = c;
    }
  /* A stable sort: components as large keep the order of their numbers. */
  g_qsort_with_data (order, (gint) n_large, sizeof (guint), compare_size, size);
  k = n_large;
  for (guint c = 0; c < n; c++)
    if (size[c] < large)
      order[k++] = c;
  if (n_pixels != NULL)
    *n_pixels = total;

  return n_large;
}

/**
 * lda_runs_keep:
 * @self: labelled runs
 * @keep: per component, whether it stays
 *
 * Drops the runs of the components @keep says no to, and numbers the
 * others again in the raster order of their first pixel: the runs and
 * labels lda_runs_new_from_bitplane() and lda_runs_label() give for the
 * plane without the dropped components, without going over the plane.
 */
void
lda_runs_keep (LdaRuns        *self,
               const gboolean *keep)
{
  g_autofree guint *number = g_new (guint, MAX (self->n_components, 1));
  guint next = 0;
  gsize n = 0, r = 0;

  g_return_if_fail (self->labels != NULL);

  for (guint c = 0; c < self->n_components; c++)
    number[c] = G_MAXUINT;
  for (guint y = 0; y < self->height; y++)
    {
      const gsize end = self->row_start[y + 1];

      self->row_start[y] = n;
      for (; r < end; r++)
        {
          const guint c = self->labels[r];

          if (!keep[c])
            continue;
          if (number[c] == G_MAXUINT)
            number[c] = next++;
          self->runs[n] = self->runs[r];
          self->labels[n++] = number[c];
        }
    }
  self->row_start[self->height] = n;
  self->n_runs = n;
  self->n_components = next;
}

/**
 * lda_runs_copy:
 * @self: runs, labelled or not
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a copy, labels included
 */
LdaRuns *
lda_runs_copy (const LdaRuns *self,
               GError       **error)
{
  g_autoptr(LdaRuns) copy = g_new0 (LdaRuns, 1);

  *copy = *self;
  copy->runs = g_try_malloc_n (MAX (self->n_runs, 1), sizeof (LdaRun));
  copy->row_start = g_try_malloc_n ((gsize) self->height + 1, sizeof (gsize));
  copy->labels = self->labels != NULL ? g_try_malloc_n (MAX (self->n_runs, 1), sizeof (guint)) : NULL;
  if (copy->runs == NULL || copy->row_start == NULL || (self->labels != NULL && copy->labels == NULL))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the runs of a %u × %u image"),
                   self->width, self->height);
      return NULL;
    }

  memcpy (copy->runs, self->runs, self->n_runs * sizeof (LdaRun));
  memcpy (copy->row_start, self->row_start, ((gsize) self->height + 1) * sizeof (gsize));
  if (self->labels != NULL)
    memcpy (copy->labels, self->labels, self->n_runs * sizeof (guint));

  return g_steal_pointer (&copy);
}

/**
 * lda_runs_new_crop:
 * @runs: runs, labelled
 * @x: the first column of the part
 * @y: its first row, within @runs
 * @width: its columns
 * @height: its rows, within @runs
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the runs of @runs in the part,
 *   moved to its corner, with their labels
 */
LdaRuns *
lda_runs_new_crop (const LdaRuns  *runs,
                   guint           x,
                   guint           y,
                   guint           width,
                   guint           height,
                   GError        **error)
{
  g_autoptr(LdaRuns) self = g_new0 (LdaRuns, 1);
  const guint x1 = x + width;
  gsize n = 0, most;

  g_return_val_if_fail (y + height <= runs->height, NULL);

  most = runs->row_start[y + height] - runs->row_start[y];
  self->width = width;
  self->height = height;
  self->n_components = runs->n_components;
  self->row_start = g_try_new (gsize, (gsize) height + 1);
  self->runs = g_try_new (LdaRun, MAX (most, 1));
  self->labels = g_try_new (guint, MAX (most, 1));
  if (self->row_start == NULL || self->runs == NULL || self->labels == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the runs of a %u × %u image"), width, height);
      return NULL;
    }
  for (guint row = 0; row < height; row++)
    {
      self->row_start[row] = n;
      for (gsize i = runs->row_start[y + row]; i < runs->row_start[y + row + 1]; i++)
        {
          const LdaRun *run = &runs->runs[i];

          if (run->x1 <= x || run->x0 >= x1)
            continue;
          self->runs[n] = (LdaRun) { row, MAX (run->x0, x) - x, MIN (run->x1, x1) - x };
          self->labels[n] = runs->labels != NULL ? runs->labels[i] : 0;
          n++;
        }
    }
  self->row_start[height] = n;
  self->n_runs = n;

  return g_steal_pointer (&self);
}

void
lda_runs_free (LdaRuns *self)
{
  if (self == NULL)
    return;

  g_free (self->runs);
  g_free (self->row_start);
  g_free (self->labels);
  g_free (self);
}

static guint
find_root (guint *parent,
           guint  i)
{
  guint root = i;

  while (parent[root] != root)
    root = parent[root];
  while (parent[i] != root)
    {
      guint next = parent[i];

      parent[i] = root;
      i = next;
    }

  return root;
}

static void
unite (guint *parent,
       guint  a,
       guint  b)
{
  a = find_root (parent, a);
  b = find_root (parent, b);

  /* The smaller index (earlier in raster order) stays the root. */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

/**
 * lda_runs_label:
 * @self: runs
 * @connectivity: 4 or 8
 *
 * Labels the connected components.  Components are numbered in the raster
 * order of their first pixel, as OpenCV's connectedComponents numbers them.
 */
void
lda_runs_label (LdaRuns *self,
                guint    connectivity)
{
  g_autofree guint *parent = NULL;
  const guint reach = connectivity == 8 ? 1 : 0;
  guint next_label = 0;

  g_return_if_fail (connectivity == 4 || connectivity == 8);
  g_return_if_fail (self->n_runs < G_MAXUINT);

  g_free (self->labels);
  self->labels = g_new (guint, MAX (self->n_runs, 1));
  parent = g_new (guint, MAX (self->n_runs, 1));

  for (gsize i = 0; i < self->n_runs; i++)
    parent[i] = (guint) i;

  for (guint y = 1; y < self->height; y++)
    {
      gsize a = self->row_start[y - 1], a_end = self->row_start[y];
      gsize b = self->row_start[y], b_end = self->row_start[y + 1];

      /* Merge-walk the two rows' runs; runs touch when their column
       * ranges, widened by one for 8-connectivity, overlap. */
      while (a < a_end && b < b_end)
        {
          const LdaRun *ra = &self->runs[a];
          const LdaRun *rb = &self->runs[b];

          if (ra->x0 < rb->x1 + reach && rb->x0 < ra->x1 + reach)
            unite (parent, (guint) a, (guint) b);

          if (ra->x1 < rb->x1)
            a++;
          else
            b++;
        }
    }

  /* Roots are the earliest run of each component, so numbering roots in
   * run order numbers components by their first pixel. */
  for (gsize i = 0; i < self->n_runs; i++)
    {
      guint root = find_root (parent, (guint) i);

      if (root == i)
        self->labels[i] = next_label++;
      else
        self->labels[i] = self->labels[root];
    }
  self->n_components = next_label;
}

/**
 * lda_runs_paint:
 * @run: a run
 * @plane: a plane of the runs' size
 * @value: what to set the run's pixels to
 */
void
lda_runs_paint (const LdaRun *run,
                LdaBitplane  *plane,
                gboolean      value)
{
  guint64 *row = lda_bitplane_row (plane, run->y);
  guint x = run->x0;

  while (x < run->x1)
    {
      guint bit = x & 63;
      guint n = MIN (64 - bit, run->x1 - x);
      guint64 mask = (n == 64 ? G_MAXUINT64 : ((G_GUINT64_CONSTANT (1) << n) - 1)) << bit;

      if (value)
        row[x >> 6] |= mask;
      else
        row[x >> 6] &= ~mask;
      x += n;
    }
}

/**
 * lda_runs_label_at:
 * @self: labelled runs (lda_runs_label())
 * @x: column
 * @y: row
 *
 * The component of the pixel (@x, @y), found by a binary search of its
 * row's runs.
 *
 * Returns: the component, or -1 where no run covers the pixel or it lies
 *   outside the image
 */
gint
lda_runs_label_at (const LdaRuns *self,
                   guint          x,
                   guint          y)
{
  gsize lo, hi;

  g_return_val_if_fail (self != NULL && self->labels != NULL, -1);

  if (x >= self->width || y >= self->height)
    return -1;

  lo = self->row_start[y];
  hi = self->row_start[y + 1];
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      const LdaRun *run = &self->runs[mid];

      if (x < run->x0)
        hi = mid;
      else if (x >= run->x1)
        lo = mid + 1;
      else
        return (gint) self->labels[mid];
    }

  return -1;
}
