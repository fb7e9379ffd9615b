/* lda-regions-coarse.c — the cells flooded at a coarser resolution: a
 * preview while a slider is dragged and the panes show the frame zoomed
 * out
 *
 * A pane that shows a 2048 × 2048 frame whole draws one screen pixel for
 * 2 × 2 to 4 × 4 of the frame's, from a mipmap level (lda-tiled-layer.c).
 * While a nucleus slider is dragged there, the cells are flooded on the
 * nuclei and cell area shrunk to that level, a quarter or a sixteenth of
 * the pixels, and the regions made full size again: every pixel outside
 * cell area ∪ nuclei is background and every nucleus pixel its own cell's,
 * exactly; only where inside the area one cell ends and the next begins
 * is as coarse as the level, the outlines as wide as one of its pixels.
 * The exact cells follow when the slider rests (lda-pipeline-drag.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-regions-coarse.h"

/* Rows of the full size regions a thread takes at a time. */
#define GROW_ROWS 32

/* The 32 bits of @word's pairs of bits, each set if either of the pair is. */
static inline guint32
pairs_or (guint64 word)
{
  guint64 x = (word | (word >> 1)) & G_GUINT64_CONSTANT (0x5555555555555555);

  x = (x | (x >> 1)) & G_GUINT64_CONSTANT (0x3333333333333333);
  x = (x | (x >> 2)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  x = (x | (x >> 4)) & G_GUINT64_CONSTANT (0x00ff00ff00ff00ff);
  x = (x | (x >> 8)) & G_GUINT64_CONSTANT (0x0000ffff0000ffff);
  x = (x | (x >> 16)) & G_GUINT64_CONSTANT (0x00000000ffffffff);

  return (guint32) x;
}

/**
 * lda_bitplane_new_halved:
 * @plane: a bit plane
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): @plane at half its width and
 *   height (rounded up), a bit set where any of its 2 × 2 is; %NULL if
 *   out of memory
 */
LdaBitplane *
lda_bitplane_new_halved (const LdaBitplane  *plane,
                         GError            **error)
{
  const guint cw = (plane->width + 1) / 2, ch = (plane->height + 1) / 2;
  LdaBitplane *half = lda_bitplane_new (cw, ch, error);

  if (half == NULL)
    return NULL;

  for (guint cy = 0; cy < ch; cy++)
    {
      const guint64 *a = lda_bitplane_row (plane, 2 * cy);
      const guint64 *b = 2 * cy + 1 < plane->height ? lda_bitplane_row (plane, 2 * cy + 1) : a;
      guint64 *out = lda_bitplane_row (half, cy);

      for (gsize k = 0; k < half->stride; k++)
        {
          gsize lo = 2 * k, hi = 2 * k + 1;
          guint64 word = pairs_or (a[lo] | b[lo]);

          if (hi < plane->stride)
            word |= (guint64) pairs_or (a[hi] | b[hi]) << 32;
          out[k] = word;
        }
    }
  /* The source's padding is zero, and so is every pair past its width. */
  return half;
}

/* @plane shrunk by 2^@shift. */
static LdaBitplane *
shrink (const LdaBitplane  *plane,
        guint               shift,
        GError            **error)
{
  g_autoptr(LdaBitplane) done = NULL;

  if (shift == 0)
    return lda_bitplane_copy (plane, error);
  if (!(done = lda_bitplane_new_halved (plane, error)))
    return NULL;
  for (guint s = 1; s < shift; s++)
    {
      LdaBitplane *next = lda_bitplane_new_halved (done, error);

      if (next == NULL)
        return NULL;
      lda_bitplane_free (done);
      done = next;
    }

  return g_steal_pointer (&done);
}

/* The labelled runs @nuclei shrunk by 2^@shift: a coarse pixel takes the
 * label of the last run that covers any of its pixels.  A nucleus whose
 * every coarse pixel a later one took has no runs; it keeps its number. */
static LdaRuns *
shrink_runs (const LdaRuns  *nuclei,
             guint           cw,
             guint           ch,
             guint           shift,
             GError        **error)
{
  g_autoptr(LdaRuns) self = g_new0 (LdaRuns, 1);
  g_autofree gint32 *row = g_try_new0 (gint32, cw);
  gsize n = 0, capacity = MAX (nuclei->n_runs, 16);

  self->width = cw;
  self->height = ch;
  self->n_components = nuclei->n_components;
  self->row_start = g_try_new (gsize, (gsize) ch + 1);
  self->runs = g_try_new (LdaRun, capacity);
  self->labels = g_try_new (guint, capacity);
  if (row == NULL || self->row_start == NULL || self->runs == NULL || self->labels == NULL)
    goto oom;

  for (guint cy = 0; cy < ch; cy++)
    {
      guint y0 = cy << shift, y1 = MIN ((cy + 1) << shift, nuclei->height);
      guint x = 0;

      self->row_start[cy] = n;
      /* The runs of the rows this one stands for, later ones on top. */
      for (gsize r = nuclei->row_start[y0]; r < nuclei->row_start[y1]; r++)
        {
          const LdaRun *run = &nuclei->runs[r];
          gint32 label = (gint32) nuclei->labels[r] + 1;

          for (guint cx = run->x0 >> shift; cx <= (run->x1 - 1) >> shift; cx++)
            row[cx] = label;
        }
      while (x < cw)
        {
          gint32 label = row[x];
          guint x0 = x;

          while (x < cw && row[x] == label)
            row[x++] = 0;
          if (label == 0)
            continue;
          if (n == capacity)
            {
              capacity *= 2;
              if (!(self->runs = g_try_realloc_n (self->runs, capacity, sizeof (LdaRun))) ||
                  !(self->labels = g_try_realloc_n (self->labels, capacity, sizeof (guint))))
                goto oom;
            }
          self->runs[n] = (LdaRun) { cy, x0, x };
          self->labels[n] = (guint) (label - 1);
          n++;
        }
    }
  self->row_start[ch] = n;
  self->n_runs = n;

  return g_steal_pointer (&self);

oom:
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("not enough memory for the runs of a %u × %u image"), cw, ch);
  return NULL;
}

typedef struct
{
  gint32            *regions;
  const LdaRegions  *coarse;
  const LdaBitplane *cell_area;
  const LdaBitplane *mask;
  const LdaRuns     *nuclei;
  guint              shift;
  gint               next;  /* the next chunk of rows not taken */
} Grow;


/* The coarse region at (@cx, @cy), or @fallback past the edge. */
static inline gint32
coarse_at (const LdaRegions *coarse,
           gint64            cx,
           gint64            cy,
           gint32            fallback)
{
  if (cx < 0 || cy < 0 || cx >= coarse->width || cy >= coarse->height)
    return fallback;

  return coarse->regions[(gsize) cy * coarse->width + (gsize) cx];
}

/* Where coarse outlines are thick, the cell of a pixel of the block of
 * coarse outline pixel (@x, @cy): the nearest not an outline among the
 * eight around, those on the pixel's side (@upper, @leftward) first. */
static gint32
nearest_cell (const LdaRegions *c,
              gint64            x,
              gint64            cy,
              gboolean          upper,
              gboolean          leftward)
{
  const gint64 dy = upper ? -1 : 1, dx = leftward ? -1 : 1;
  const gint64 around[8][2] = {
    { dx, dy }, { 0, -dy }, { -dx, 0 }, { dx, -dy },
    { -dx, dy }, { -dx, -dy }, { 0, dy }, { dx, 0 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (around); k++)
    {
      gint32 v = coarse_at (c, x + around[k][0], cy + around[k][1], LDA_REGION_OUTLINE);

      if (v != LDA_REGION_OUTLINE)
        return v;
    }

  return LDA_REGION_OUTLINE;
}

/* Row @y's @span pixels of the block of coarse outline pixel @cx, as
 * one-pixel outlines: a line a coarse pixel wide would show two to four
 * times as strong as the exact cells' lines at the zoom shown.  The line
 * runs across the block's middle row where the coarse outline runs
 * across, down its middle column where it runs down, both where it
 * turns, through its middle pixel where it goes on diagonally; the
 * middle, so that a mipmap level's samples
 * (lda_render_labels_area()) see it as they see an exact line.  Each side
 * of the line joins the cell next to it. */
static void
thin_outline (const Grow *job,
              guint       cx,
              guint       y,
              gint32     *out,
              guint       span)
{
  const LdaRegions *c = job->coarse;
  const gint64 x = cx, cy = y >> job->shift;
  const guint half = (1u << job->shift) / 2;
  const guint ry = y & ((1u << job->shift) - 1);
  const gint32 o = LDA_REGION_OUTLINE;
  const gint32 left = coarse_at (c, x - 1, cy, o), right = coarse_at (c, x + 1, cy, o);
  const gint32 up = coarse_at (c, x, cy - 1, o), down = coarse_at (c, x, cy + 1, o);
  const gboolean across = left == o || right == o;
  const gboolean along = up == o || down == o;
  /* The line across the row, down the column; a coarse outline on its
   * own (where the line goes on diagonally) a pixel in the middle. */
  const gboolean alone = !across && !along;
  const gboolean row_line = across;
  const gboolean column_line = along;
  const gint32 side = ry < half ? up : down;

  if (row_line && ry == half)
    {
      for (guint i = 0; i < span; i++)
        out[i] = o;
      return;
    }
  for (guint i = 0; i < span; i++)
    {
      gint32 beside = i < half ? left : right;

      if ((column_line || (alone && ry == half)) && i == half)
        out[i] = o;
      else if (row_line)
        out[i] = side != o ? side : beside != o ? beside : nearest_cell (c, x, cy, ry < half, i < half);
      else
        out[i] = beside != o ? beside : side != o ? side : nearest_cell (c, x, cy, ry < half, i < half);
    }
}

/* Row @y at full size: the coarse regions inside the area, background
 * outside it, each nucleus its cell's. */
static void
grow_row (const Grow *job,
          guint       y)
{
  const guint w = job->cell_area->width, s = job->shift;
  const gint32 *c = job->coarse->regions + (gsize) (y >> s) * job->coarse->width;
  const guint64 *area = lda_bitplane_row (job->cell_area, y);
  const guint64 *mask = lda_bitplane_row (job->mask, y);
  gint32 *out = job->regions + (gsize) y * w;

  /* Each coarse pixel 2^s times over, an outline thinned to one pixel
   * (thin_outline()), then the background outside the area, 64 pixels at
   * a time. */
  for (guint x = 0, cx = 0; x < w; cx++)
    {
      const guint span = MIN (1u << s, w - x);
      gint32 v = c[cx];

      if (v == LDA_REGION_OUTLINE)
        thin_outline (job, cx, y, out + x, span);
      else
        for (guint i = 0; i < span; i++)
          out[x + i] = v;
      x += span;
    }
  for (gsize k = 0; k < job->cell_area->stride; k++)
    {
      guint x0 = (guint) (k * 64), n = MIN (64u, w - x0);
      guint64 outside = ~(area[k] | mask[k]);

      if (n < 64)
        outside &= (G_GUINT64_CONSTANT (1) << n) - 1;
      if (outside == ~G_GUINT64_CONSTANT (0))
        {
          for (guint i = 0; i < 64; i++)
            out[x0 + i] = LDA_REGION_BACKGROUND;
          continue;
        }
      while (outside != 0)
        {
          out[x0 + (guint) __builtin_ctzll (outside)] = LDA_REGION_BACKGROUND;
          outside &= outside - 1;
        }
    }
  for (gsize r = job->nuclei->row_start[y]; r < job->nuclei->row_start[y + 1]; r++)
    {
      const LdaRun *run = &job->nuclei->runs[r];
      gint32 label = LDA_REGION_FIRST_CELL + (gint32) job->nuclei->labels[r];

      for (guint x = run->x0; x < run->x1; x++)
        out[x] = label;
    }
}

/* The rows at full size, GROW_ROWS at a time until none is left. */
static void
grow_rows (Grow *job)
{
  const guint h = job->cell_area->height;
  guint chunk;

  while ((chunk = (guint) g_atomic_int_add (&job->next, 1)) < (h + GROW_ROWS - 1) / GROW_ROWS)
    for (guint y = chunk * GROW_ROWS; y < MIN (h, (chunk + 1) * GROW_ROWS); y++)
      grow_row (job, y);
}

static gpointer
grow_rows_thread (gpointer data)
{
  grow_rows (data);
  return NULL;
}

/**
 * lda_regions_new_coarse:
 * @cell_area: the cell area mask
 * @mask: the nucleus mask (Hoechst ∪ Draq7, split lines included)
 * @nuclei: (nullable): the nucleus objects, labelled; %NULL for the
 *   8-connected components of @mask
 * @shift: how much coarser the flood is, as a power of two: 1 for 2 × 2
 *   pixels a pixel, 2 for 4 × 4
 * @cancellable: (nullable): checked within the flood
 * @error: return location for an error
 *
 * The cells of lda_regions_new() or lda_regions_new_from_nuclei(),
 * flooded on the nuclei and cell area shrunk by 2^@shift and made full
 * size again.  The background, the nuclei and the outermost ring are as
 * in the exact regions; the cells meet within a coarse pixel of where
 * they do there.  Never a base to carry from: @largest_piece is 0, and
 * there is no relief.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new_coarse (const LdaBitplane *cell_area,
                        const LdaBitplane *mask,
                        const LdaRuns     *nuclei,
                        guint              shift,
                        GCancellable      *cancellable,
                        GError           **error)
{
  const guint w = cell_area->width, h = cell_area->height;
  g_autoptr(LdaRegions) self = g_new0 (LdaRegions, 1);
  g_autoptr(LdaRegions) coarse = NULL;
  g_autoptr(LdaBitplane) small_area = NULL;
  g_autoptr(LdaBitplane) small_mask = NULL;
  g_autoptr(LdaRuns) small_nuclei = NULL;
  LdaRegionsPrep *prep;
  LdaHelper *helper;
  Grow job;

  g_return_val_if_fail (shift >= 1 && shift <= 4, NULL);

  self->width = w;
  self->height = h;
  if (nuclei != NULL)
    self->nuclei = lda_runs_copy (nuclei, error);
  else if ((self->nuclei = lda_runs_new_from_bitplane (mask, TRUE, error)) != NULL)
    lda_runs_label (self->nuclei, 8);
  if (self->nuclei == NULL)
    return NULL;

  if (!(small_area = shrink (cell_area, shift, error)) ||
      !(small_mask = shrink (mask, shift, error)) ||
      !(small_nuclei = shrink_runs (self->nuclei, small_area->width, small_area->height,
                                    shift, error)))
    return NULL;
  if (!(prep = lda_regions_prep_new_for_runs (g_steal_pointer (&small_mask),
                                              g_steal_pointer (&small_nuclei), error)) ||
      !(coarse = lda_regions_new_prepared (prep, small_area, cancellable, error)))
    return NULL;

  /* Large: mapped and kept for the next run (lda-buffer.c). */
  self->regions = lda_buffer_alloc ((gsize) w * h * sizeof (gint32), FALSE);
  if (self->regions == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"), w, h);
      return NULL;
    }

  /* The rows shared out with a helper (lda-helper.c). */
  job = (Grow) { self->regions, coarse, cell_area, mask, self->nuclei, shift, 0 };
  helper = lda_helper_start ("lda-coarse-cells", grow_rows_thread, &job);
  grow_rows (&job);
  lda_helper_finish (helper);
  lda_watershed_wall (self->regions, w, h);
  self->unknown = coarse->unknown << (2 * shift);

  return g_steal_pointer (&self);
}
