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
 * is as coarse as the level, the outlines thinned to one pixel
 * (lda-regions-grow.c).  Zoomed in, what the panes show is flooded on
 * its own pixels (lda-regions-rect.c), in full or, where it is large,
 * at 2 × 2 or 4 × 4 and grown back with its outlines drawn where the
 * cells meet; the rest, off screen, coarse.  The exact cells follow
 * when the slider rests (lda-pipeline-drag.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-error.h"
#include "lda-regions-coarse.h"
#include "lda-regions-coarse-private.h"
#include "lda-regions-rect.h"


/* How much the coarse relief is raised inside the area
 * (lda_regions_prep_set_lift()).  Within the area a step of the relief
 * is 0 or 1, at full size and coarse alike; from the background into it,
 * the relief of its edge, which is a nucleus's distance from the edge:
 * 2 or more at full size, where the cells fill the area before the
 * background moves in, but a quarter of that at 4 × 4, where the
 * background raced the cells and took whole parts of the area that the
 * exact flood gives them (2.8 % of the pixels of the cells frame changed
 * class, 1.7 % raised by 1 or more). */
#define COARSE_LIFT 1

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

/* Bits @x0 to @x1 (included) of @bits set. */
static void
set_bits (guint64 *bits,
          guint    x0,
          guint    x1)
{
  for (guint word = x0 >> 6; word <= x1 >> 6; word++)
    {
      guint64 mask = G_MAXUINT64;

      if (word == x0 >> 6)
        mask &= G_MAXUINT64 << (x0 & 63);
      if (word == x1 >> 6 && (x1 & 63) != 63)
        mask &= (G_GUINT64_CONSTANT (1) << ((x1 & 63) + 1)) - 1;
      bits[word] |= mask;
    }
}

/* The first set bit of @bits from @x on, or @n if none. */
static guint
next_set (const guint64 *bits,
          guint          x,
          guint          n)
{
  guint word = x >> 6;
  guint64 w;

  if (x >= n)
    return n;
  w = bits[word] & (G_MAXUINT64 << (x & 63));
  while (w == 0)
    {
      if (++word >= (n + 63) >> 6)
        return n;
      w = bits[word];
    }

  return MIN (n, word * 64 + (guint) __builtin_ctzll (w));
}

/* The labelled runs @nuclei shrunk by 2^@shift: a coarse pixel takes the
 * label of the last run that covers any of its pixels.  A nucleus whose
 * every coarse pixel a later one took has no runs; it keeps its number.
 * A coarse row's labels are painted in @row, and which of its pixels were
 * in @painted, so that only those are read back: most of a row is no
 * nucleus's. */
static LdaRuns *
shrink_runs (const LdaRuns  *nuclei,
             guint           cw,
             guint           ch,
             guint           shift,
             GError        **error)
{
  g_autoptr(LdaRuns) self = g_new0 (LdaRuns, 1);
  g_autofree gint32 *row = g_try_new0 (gint32, cw);
  g_autofree guint64 *painted = g_try_new0 (guint64, (cw + 63) / 64);
  gsize n = 0, capacity = MAX (nuclei->n_runs, 16);

  self->width = cw;
  self->height = ch;
  self->n_components = nuclei->n_components;
  self->row_start = g_try_new (gsize, (gsize) ch + 1);
  self->runs = g_try_new (LdaRun, capacity);
  self->labels = g_try_new (guint, capacity);
  if (row == NULL || painted == NULL || self->row_start == NULL || self->runs == NULL ||
      self->labels == NULL)
    goto oom;

  for (guint cy = 0; cy < ch; cy++)
    {
      guint y0 = cy << shift, y1 = MIN ((cy + 1) << shift, nuclei->height);
      guint x = 0;

      self->row_start[cy] = n;
      /* The runs of the rows this one stands for, later ones on top. */
      for (gsize r = nuclei->row_start[y0]; r < nuclei->row_start[y1]; r++)
        {
          const guint cx0 = nuclei->runs[r].x0 >> shift, cx1 = (nuclei->runs[r].x1 - 1) >> shift;
          const gint32 label = (gint32) nuclei->labels[r];

          for (guint cx = cx0; cx <= cx1; cx++)
            row[cx] = label;
          set_bits (painted, cx0, cx1);
        }
      /* The painted pixels, a run of one label at a time. */
      while ((x = next_set (painted, x, cw)) < cw)
        {
          const gint32 label = row[x];
          guint x0 = x;

          while (x < cw && row[x] == label && (painted[x >> 6] >> (x & 63)) & 1)
            x++;
          if (n == capacity)
            {
              capacity *= 2;
              if (!(self->runs = g_try_realloc_n (self->runs, capacity, sizeof (LdaRun))) ||
                  !(self->labels = g_try_realloc_n (self->labels, capacity, sizeof (guint))))
                goto oom;
            }
          self->runs[n] = (LdaRun) { cy, x0, x };
          self->labels[n] = (guint) label;
          n++;
        }
      memset (painted, 0, ((cw + 63) / 64) * sizeof (guint64));
    }
  self->row_start[ch] = n;
  self->n_runs = n;

  return g_steal_pointer (&self);

oom:
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("not enough memory for the runs of a %u × %u image"), cw, ch);
  return NULL;
}

void
lda_regions_coarse_free (LdaRegionsCoarse *self)
{
  if (self == NULL)
    return;

  lda_regions_free (self->cells);
  lda_bitplane_free (self->inside);
  lda_bitplane_free (self->mask);
  g_free (self->fine_regions);
  g_free (self);
}

/**
 * lda_regions_get_fine_reach:
 * @self: regions
 *
 * Returns: for cells kept coarse with a rectangle flooded at full size,
 *   how far that rectangle's cells reach from their nuclei
 *   (lda_regions_flood_rect()); 0 for others
 */
guint
lda_regions_get_fine_reach (const LdaRegions *self)
{
  return self->coarse != NULL && self->coarse->fine_regions != NULL ? self->coarse->fine_reach : 0;
}

/* Room for coarse cells as large as @plane, their ring a wall, or %NULL
 * with @error set for a frame as large as @frame's. */
static LdaRegions *
walled_cells (const LdaBitplane  *plane,
              const LdaRegions   *frame,
              GError            **error)
{
  g_autoptr(LdaRegions) cells = g_new0 (LdaRegions, 1);

  cells->width = plane->width;
  cells->height = plane->height;
  cells->regions = lda_buffer_alloc ((gsize) cells->width * cells->height * sizeof (gint32), FALSE);
  if (cells->regions == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   frame->width, frame->height);
      return NULL;
    }
  lda_watershed_wall (cells->regions, cells->width, cells->height);

  return g_steal_pointer (&cells);
}

/* The coarse cells of lda_regions_new_coarse_compact(): its planes
 * shrunk and flooded. */
typedef struct
{
  LdaRegions        *self;
  const LdaBitplane *cell_area;
  const LdaBitplane *mask;
  GCancellable      *cancellable;
} CoarseJob;

static gboolean
flood_coarse (gpointer   data,
              GError   **error)
{
  CoarseJob *job = data;
  LdaRegions *self = job->self;
  LdaRegionsCoarse *coarse = self->coarse;
  const guint shift = coarse->shift;
  g_autoptr(LdaBitplane) small_area = NULL;
  g_autoptr(LdaBitplane) small_mask = NULL;
  g_autoptr(LdaRuns) small_nuclei = NULL;
  LdaRegions *cells;

  if (!(small_area = shrink (job->cell_area, shift, error)) ||
      !(small_mask = shrink (job->mask, shift, error)) ||
      !(small_nuclei = shrink_runs (self->nuclei, small_area->width, small_area->height,
                                    shift, error)))
    return FALSE;
  /* The coarse cells, the frame's ring a wall, the relief raised inside
   * the area (COARSE_LIFT). */
  if (!(coarse->cells = cells = walled_cells (small_area, self, error)))
    return FALSE;
  if (!lda_regions_flood_rect (small_area, small_mask, small_nuclei,
                               &(LdaRect) { 0, 0, (int) cells->width, (int) cells->height },
                               shift, COARSE_LIFT, cells->regions, cells->width, &cells->unknown,
                               NULL, NULL, NULL, job->cancellable, error))
    return FALSE;
  self->unknown = cells->unknown << (2 * shift);

  return TRUE;
}

/* The wall round coarse cells, which their flood left, made their
 * neighbours' within it: made full size, the wall would be outlines
 * along the rectangle's ring, a pixel in from it, where only the ring
 * is the wall of a flood at full size. */
static void
unwall (LdaRegions *cells)
{
  const guint w = cells->width, h = cells->height;
  gint32 *r = cells->regions;

  if (w < 3 || h < 3)
    return;
  memcpy (r, r + w, w * sizeof (gint32));
  memcpy (r + (gsize) (h - 1) * w, r + (gsize) (h - 2) * w, w * sizeof (gint32));
  for (guint y = 0; y < h; y++)
    {
      r[(gsize) y * w] = r[(gsize) y * w + 1];
      r[(gsize) y * w + w - 1] = r[(gsize) y * w + w - 2];
    }
}

/* The fine rectangle's cells flooded at 2^@fine_shift pixels a pixel
 * and made full size into its fine_regions: what the panes show at
 * 1:1, where that is more than a preview floods in time.  @side is the
 * rest, coarse, flooded beside it. */
static gboolean
flood_fine_shrunk (CoarseJob  *side,
                   guint       fine_shift,
                   GError    **error)
{
  LdaRegions *self = side->self;
  LdaRegionsCoarse *coarse = self->coarse;
  const LdaRect *f = &coarse->fine;
  const guint fx = (guint) f->x, fy = (guint) f->y, fw = (guint) f->width, fh = (guint) f->height;
  g_autoptr(LdaBitplane) area = NULL;
  g_autoptr(LdaBitplane) mask = NULL;
  g_autoptr(LdaBitplane) inside = NULL;
  g_autoptr(LdaBitplane) small_area = NULL;
  g_autoptr(LdaBitplane) small_mask = NULL;
  g_autoptr(LdaRuns) nuclei = NULL;
  g_autoptr(LdaRuns) small_nuclei = NULL;
  g_autoptr(LdaRegions) cells = NULL;
  guint reach = 0;

  if (!(area = lda_bitplane_new_crop (side->cell_area, fx, fy, fw, fh, error)) ||
      !(mask = lda_bitplane_new_crop (side->mask, fx, fy, fw, fh, error)) ||
      !(inside = lda_bitplane_copy (area, error)) ||
      !(nuclei = lda_runs_new_crop (self->nuclei, fx, fy, fw, fh, error)) ||
      !(small_area = shrink (area, fine_shift, error)) ||
      !(small_mask = shrink (mask, fine_shift, error)) ||
      !(small_nuclei = shrink_runs (nuclei, small_area->width, small_area->height,
                                    fine_shift, error)))
    return FALSE;
  lda_bitplane_or (inside, mask);
  if (!(cells = walled_cells (small_area, self, error)))
    return FALSE;
  if (!lda_regions_flood_rect (small_area, small_mask, small_nuclei,
                               &(LdaRect) { 0, 0, (int) cells->width, (int) cells->height },
                               fine_shift, COARSE_LIFT, cells->regions, cells->width, NULL,
                               &reach, flood_coarse, side, side->cancellable, error))
    return FALSE;
  /* In the frame's pixels, as a flood at full size measures it. */
  coarse->fine_reach = reach << fine_shift;
  coarse->fine_shift = fine_shift;
  unwall (cells);

  return lda_coarse_grow (cells, inside, nuclei, mask, fine_shift, coarse->fine_regions, error);
}

/**
 * lda_regions_new_coarse_compact:
 * @cell_area: the cell area mask
 * @mask: the nucleus mask
 * @nuclei: (nullable): the nucleus objects
 * @shift: how much coarser the flood is
 * @fine: (nullable): a rectangle flooded finer
 * @fine_shift: how much coarser than the frame @fine is flooded
 * @cancellable: (nullable): checked within the flood
 * @error: return location for an error
 *
 * The cells of lda_regions_new_coarse(), whose arguments these are,
 * kept as they were flooded: the coarse cells and the fine rectangle's,
 * with the planes that make them full size.  Their @regions is %NULL;
 * lda_labels_new() makes the label mask straight from them
 * (lda-labels-coarse.c), without the 4 bytes a pixel of the regions at
 * full size written and read again, and lda_regions_expand() makes those
 * where they are needed.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new_coarse_compact (const LdaBitplane *cell_area,
                                const LdaBitplane *mask,
                                const LdaRuns     *nuclei,
                                guint              shift,
                                const LdaRect     *fine,
                                guint              fine_shift,
                                GCancellable      *cancellable,
                                GError           **error)
{
  const guint w = cell_area->width, h = cell_area->height;
  g_autoptr(LdaRegions) self = g_new0 (LdaRegions, 1);
  LdaRegionsCoarse *coarse;
  CoarseJob job;

  g_return_val_if_fail (shift >= 1 && shift <= 4, NULL);
  g_return_val_if_fail (fine_shift < shift, NULL);

  self->width = w;
  self->height = h;
  if (nuclei != NULL)
    self->nuclei = lda_runs_copy (nuclei, error);
  else if ((self->nuclei = lda_runs_new_from_bitplane (mask, TRUE, error)) != NULL)
    lda_runs_label (self->nuclei, 8);
  if (self->nuclei == NULL)
    return NULL;

  self->coarse = coarse = g_new0 (LdaRegionsCoarse, 1);
  coarse->shift = shift;
  if (!(coarse->inside = lda_bitplane_copy (cell_area, error)) ||
      !(coarse->mask = lda_bitplane_copy (mask, error)))
    return NULL;
  lda_bitplane_or (coarse->inside, mask);

  job = (CoarseJob) { self, cell_area, mask, cancellable };
  /* What the panes show, at full size or at @fine_shift (its ring is
   * never read), and the rest coarse beside it on the two threads. */
  if (fine != NULL && !lda_rect_is_empty (fine))
    {
      coarse->fine = *fine;
      coarse->fine_regions = g_try_new (gint32, (gsize) fine->width * fine->height);
      if (coarse->fine_regions == NULL)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                       _("not enough memory to separate the cells of a %u × %u image"), w, h);
          return NULL;
        }
      if (fine_shift > 0 ? !flood_fine_shrunk (&job, fine_shift, error) :
          !lda_regions_flood_rect (cell_area, mask, self->nuclei, fine, 0, 0,
                                   coarse->fine_regions, (gsize) fine->width, NULL,
                                   &coarse->fine_reach, flood_coarse, &job, cancellable, error))
        return NULL;
    }
  else if (!flood_coarse (&job, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The full-size regions of cells kept coarse into @out, w × h. */
static gboolean
grow_into (const LdaRegions  *self,
           gint32            *out,
           GError           **error)
{
  const guint w = self->width, h = self->height;
  const LdaRegionsCoarse *coarse = self->coarse;

  if (!lda_coarse_grow (coarse->cells, coarse->inside, self->nuclei, NULL, coarse->shift, out, error))
    return FALSE;
  lda_watershed_wall (out, w, h);
  /* The fine rectangle's but on its ring, the wall of its flood. */
  for (int y = 1; coarse->fine_regions != NULL && y + 1 < coarse->fine.height; y++)
    memcpy (out + (gsize) (coarse->fine.y + y) * w + coarse->fine.x + 1,
            coarse->fine_regions + (gsize) y * coarse->fine.width + 1,
            (gsize) (coarse->fine.width - 2) * sizeof (gint32));

  return TRUE;
}

static gint32 *
alloc_regions (const LdaRegions  *self,
               GError           **error)
{
  /* Large: mapped and kept for the next run (lda-buffer.c). */
  gint32 *regions = lda_buffer_alloc ((gsize) self->width * self->height * sizeof (gint32), FALSE);

  if (regions == NULL)
    g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                 _("not enough memory to separate the cells of a %u × %u image"),
                 self->width, self->height);

  return regions;
}

/**
 * lda_regions_expand:
 * @self: regions
 * @error: return location for an error
 *
 * Makes the regions of cells kept coarse (lda_regions_new_coarse_compact())
 * full size, as lda_regions_new_coarse() gives them; nothing for others.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_regions_expand (LdaRegions  *self,
                    GError     **error)
{
  if (self->regions != NULL || self->coarse == NULL)
    return TRUE;

  if (!(self->regions = alloc_regions (self, error)))
    return FALSE;
  if (!grow_into (self, self->regions, error))
    {
      g_clear_pointer (&self->regions, lda_buffer_free);
      return FALSE;
    }
  g_clear_pointer (&self->coarse, lda_regions_coarse_free);

  return TRUE;
}

/**
 * lda_regions_copy_full:
 * @self: regions
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a copy of @self, full size even
 *   when @self's cells are kept coarse (lda_regions_expand())
 */
LdaRegions *
lda_regions_copy_full (const LdaRegions  *self,
                       GError           **error)
{
  g_autoptr(LdaRegions) copy = NULL;

  if (self->regions != NULL)
    return lda_regions_copy (self, error);

  copy = g_new0 (LdaRegions, 1);
  copy->width = self->width;
  copy->height = self->height;
  copy->unknown = self->unknown;
  if (!(copy->nuclei = lda_runs_copy (self->nuclei, error)) ||
      !(copy->regions = alloc_regions (self, error)) ||
      !grow_into (self, copy->regions, error))
    return NULL;

  return g_steal_pointer (&copy);
}

/**
 * lda_regions_new_coarse:
 * @cell_area: the cell area mask
 * @mask: the nucleus mask (Hoechst ∪ Draq7, split lines included)
 * @nuclei: (nullable): the nucleus objects, labelled; %NULL for the
 *   8-connected components of @mask
 * @shift: how much coarser the flood is, as a power of two: 1 for 2 × 2
 *   pixels a pixel, 2 for 4 × 4
 * @fine: (nullable): a rectangle flooded on its own pixels: what the
 *   panes show at 1:1 or closer, with a margin
 * @fine_shift: how much coarser than the frame @fine is flooded: 0 at
 *   full size, less than @shift
 * @cancellable: (nullable): checked within the flood
 * @error: return location for an error
 *
 * The cells of lda_regions_new() or lda_regions_new_from_nuclei(),
 * flooded on the nuclei and cell area shrunk by 2^@shift and made full
 * size again.  The background, the nuclei and the outermost ring are as
 * in the exact regions; the cells meet within a coarse pixel of where
 * they do there.  In @fine, the cells of a flood of its own pixels,
 * which are the exact ones but near its edge, where a cell reaches out
 * of it; or, shrunk by 2^@fine_shift, within a pixel of @fine's
 * coarse pixels of them.  Never a base to carry from: @largest_piece is 0, and
 * there is no relief.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new_coarse (const LdaBitplane *cell_area,
                        const LdaBitplane *mask,
                        const LdaRuns     *nuclei,
                        guint              shift,
                        const LdaRect     *fine,
                        guint              fine_shift,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(LdaRegions) self = lda_regions_new_coarse_compact (cell_area, mask, nuclei, shift,
                                                               fine, fine_shift, cancellable,
                                                               error);

  if (self == NULL || !lda_regions_expand (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
