/* lda-regions-carry.c — the last cells carried onto moved nuclei while a
 * slider is dragged
 *
 * Where cells cover the frame, the unknown pixels of the watershed make
 * one piece of millions of pixels, flooded on one thread; at 2048 × 2048
 * that is most of what a step of a nucleus slider costs, and a step moves
 * the edge of nearly every nucleus, so no piece is left as it was.  Yet
 * what a step changes is a rim of pixels round the nuclei, while the
 * outlines between cells, half-way between nuclei, stay where they were
 * (to within a pixel, at 2048 × 2048 on a confluent culture, for 99.5 %
 * of them after ten steps).  So while a slider is dragged the last cells
 * are kept: a new nucleus that lies in one old cell alone, and is the
 * only one in it, takes that cell over whole, outlines and all.  A cell
 * whose nucleus is gone, that two new nuclei share, or that a new
 * nucleus reaches out of, is flooded again with the outlines round it,
 * from the new nuclei in it and the cells kept round it; so is the
 * background inside the area next to it, and a part of the area that
 * had no nucleus and has one now.  (Flooding the cells next to it again
 * too, from their nuclei, placed its outlines as the exact flood does,
 * but made a fast drag's changes flood a tenth of the frame and more:
 * 30–90 ms at 2048 × 2048.)  The relief is made only in the tiles that
 * hold those pixels (lda-relief-tiles.c), and is the exact relief there.
 * When too much of the frame would have to be flooded again, the caller
 * floods it whole; and the exact cells follow when the slider rests
 * (lda_pipeline_set_dragging()).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-distance.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-regions-carry.h"
#include "lda-relief-tiles.h"
#include "lda-watershed-parts.h"

/* The relief is made in the tiles holding pixels to flood again
 * (lda-relief-tiles.c); the rows are made a row of tiles at a time, on
 * two threads. */
#define TILE LDA_RELIEF_TILE
/* A new nucleus's old cell: none yet, or more than one. */
#define NONE     (-1)
#define CONFLICT (-2)
/* In the table of what an old value becomes: flood again, or an outline
 * kept unless a cell flooded again is next to it. */
#define AGAIN          G_MININT32
#define OUTLINE_UNLESS (G_MININT32 + 1)
/* Per tile: it holds pixels to flood again, and which of its edges they
 * touch (the flood reads the relief of their neighbours beyond). */
#define TILE_USED   1
#define TILE_LEFT   2
#define TILE_RIGHT  4
#define TILE_TOP    8
#define TILE_BOTTOM 16

typedef struct
{
  const LdaRegions  *base;
  const LdaBitplane *area;    /* cell area ∪ nuclei */
  const LdaBitplane *mask;    /* the nucleus pixels, split lines included */
  const LdaRuns     *nuclei;  /* labelled: the new cells' seeds */
  gint32            *owner;   /* per new nucleus: its old cell, NONE or CONFLICT */
  gint32            *map;     /* per old cell: the new nucleus taking it, or NONE */
  gint32            *becomes; /* per old value + 1: the new one, AGAIN or OUTLINE_UNLESS */
  GArray            *crossed; /* nucleus pixels that were old outlines */
  GArray            *empty;   /* nucleus pixels that were background */
  gint32            *regions;
  guint8            *relief;
  LdaBitplane       *unknown; /* the pixels to flood again */
  guint8            *tiles;   /* per tile: TILE_USED and its edges */
  guint             *todo;    /* the tiles whose relief is needed */
  guint              n_todo;
  guint              tiles_across;
  guint              tiles_down;
  gint               next;    /* the next chunk of work to take */
  gint               n_unknown;
  GCancellable      *cancellable;
} Carry;

static void
carry_clear (Carry *c)
{
  g_free (c->owner);
  g_free (c->map);
  g_free (c->becomes);
  if (c->crossed != NULL)
    g_array_unref (c->crossed);
  if (c->empty != NULL)
    g_array_unref (c->empty);
  lda_buffer_free (c->regions);
  lda_buffer_free (c->relief);
  lda_bitplane_free (c->unknown);
  g_free (c->tiles);
  g_free (c->todo);
}

/* Run @run of new nucleus *@owner read in the old cells. */
static void
own_run (Carry        *c,
         const LdaRun *run,
         gint32       *owner)
{
  const gint32 *b = c->base->regions + (gsize) run->y * c->base->width;
  const gint32 first = b[run->x0];
  gboolean same = TRUE;

  /* Most runs lie in one old value: read them in one go. */
  for (guint x = run->x0 + 1; x < run->x1; x++)
    same &= b[x] == first;

  for (guint x = run->x0; x < (same ? run->x0 + 1 : run->x1); x++)
    {
      const gint32 v = b[x];

      if (v >= LDA_REGION_FIRST_CELL)
        *owner = *owner == NONE || *owner == v - LDA_REGION_FIRST_CELL ?
                 v - LDA_REGION_FIRST_CELL : CONFLICT;
      else if (v == LDA_REGION_OUTLINE || v == LDA_REGION_BACKGROUND)
        for (guint k = x; k < (same ? run->x1 : x + 1); k++)
          {
            gsize i = (gsize) run->y * c->base->width + k;

            g_array_append_val (v == LDA_REGION_OUTLINE ? c->crossed : c->empty, i);
          }
    }
}

/* Which old cell each new nucleus lies in, and which old cells are taken
 * over whole: those that exactly one new nucleus lies in alone. */
static void
find_owners (Carry *c)
{
  const LdaRuns *nu = c->nuclei;
  const gint32 *b = c->base->regions;
  const gsize w = c->base->width;
  const guint n_old = c->base->nuclei->n_components;
  g_autofree guint8 *claims = g_new0 (guint8, MAX (n_old, 1));

  for (guint j = 0; j < nu->n_components; j++)
    c->owner[j] = NONE;
  for (gsize r = 0; r < nu->n_runs; r++)
    own_run (c, &nu->runs[r], &c->owner[nu->labels[r]]);

  for (guint j = 0; j < nu->n_components; j++)
    if (c->owner[j] >= 0 && claims[c->owner[j]] < 2)
      claims[c->owner[j]]++;
  for (guint k = 0; k < n_old; k++)
    c->map[k] = NONE;
  for (guint j = 0; j < nu->n_components; j++)
    if (c->owner[j] >= 0 && claims[c->owner[j]] == 1)
      c->map[c->owner[j]] = (gint32) j;

  /* A nucleus that reaches over several old cells: all of them are
   * flooded again. */
  for (gsize r = 0; r < nu->n_runs; r++)
    {
      const LdaRun *run = &nu->runs[r];

      if (c->owner[nu->labels[r]] != CONFLICT)
        continue;
      for (gsize i = run->y * w + run->x0; i < run->y * w + run->x1; i++)
        if (b[i] >= LDA_REGION_FIRST_CELL)
          c->map[b[i] - LDA_REGION_FIRST_CELL] = NONE;
    }

  /* A nucleus in no old cell (on old outlines, background or pixels cut
   * off): the cells next to it are flooded again, so that it takes its
   * share of them, not only its own pixels. */
  for (gsize r = 0; r < nu->n_runs; r++)
    {
      const LdaRun *run = &nu->runs[r];
      const gsize line = run->y * w;

      if (c->owner[nu->labels[r]] != NONE)
        continue;
      for (guint x = MAX (run->x0, 1); x < MIN (run->x1, w - 1); x++)
        {
          const gsize i = line + x;
          const gint32 v[4] = {
            b[i - 1], b[i + 1], run->y > 0 ? b[i - w] : 0,
            run->y + 1 < c->base->height ? b[i + w] : 0,
          };

          for (guint k = 0; k < 4; k++)
            if (v[k] >= LDA_REGION_FIRST_CELL)
              c->map[v[k] - LDA_REGION_FIRST_CELL] = NONE;
        }
    }

  /* What each old value becomes, outside the new nuclei and inside the
   * area: a cell kept its new label, the background what it was.  A
   * pixel cut off from every seed is flooded again: the flood goes into
   * every unknown pixel next to one it fills, so each must be in a piece
   * (and it stays unknown unless an outline round it moved). */
  c->becomes[LDA_REGION_OUTLINE + 1] = OUTLINE_UNLESS;
  c->becomes[0 + 1] = AGAIN;
  c->becomes[LDA_REGION_BACKGROUND + 1] = LDA_REGION_BACKGROUND;
  for (guint k = 0; k < n_old; k++)
    c->becomes[k + LDA_REGION_FIRST_CELL + 1] = c->map[k] >= 0 ?
                                                c->map[k] + LDA_REGION_FIRST_CELL : AGAIN;
}

static inline gboolean
is_flooded_again (const Carry *c,
                  gint32       v)
{
  return v >= LDA_REGION_FIRST_CELL && c->becomes[v + 1] == AGAIN;
}

/* Pixel @x of row @y, with old value @v, to flood again. */
static inline void
again (Carry   *c,
       guint64 *unknown,
       gint32  *r,
       guint    x,
       guint    y,
       gint    *n_unknown)
{
  const guint w = c->base->width, h = c->base->height;
  guint8 *tile = &c->tiles[(y / TILE) * c->tiles_across + x / TILE];

  r[x] = 0;
  unknown[x >> 6] |= G_GUINT64_CONSTANT (1) << (x & 63);
  (*n_unknown)++;
  *tile |= TILE_USED;
  if (x % TILE == 0)
    *tile |= TILE_LEFT;
  if (x % TILE == TILE - 1 && x + 1 < w)
    *tile |= TILE_RIGHT;
  if (y % TILE == 0)
    *tile |= TILE_TOP;
  if (y % TILE == TILE - 1 && y + 1 < h)
    *tile |= TILE_BOTTOM;
}

/* Whether the old outline at @x of a row (@b) is flooded again: when a
 * cell next to it is, so that the cells kept round it grow into it, as
 * the exact flood would let them. */
static gboolean
outline_opens (const Carry  *c,
               const gint32 *b,
               guint         x)
{
  const gsize w = c->base->width;

  return is_flooded_again (c, b[x - 1]) || is_flooded_again (c, b[x + 1]) ||
         is_flooded_again (c, b[(gssize) x - (gssize) w]) || is_flooded_again (c, b[x + w]);
}

/* Row @y of the new regions: background outside the area, an outline on
 * the nuclei (painted over by their objects after; what stays is a split
 * line), a kept cell's new label, or unknown. */
static void
carry_row (Carry *c,
           guint  y,
           gint  *n_unknown)
{
  const gsize w = c->base->width;
  const gint32 *b = c->base->regions + y * w;
  const guint64 *area = lda_bitplane_row (c->area, y);
  const guint64 *mask = lda_bitplane_row (c->mask, y);
  guint64 *unknown = (guint64 *) lda_bitplane_row (c->unknown, y);
  gint32 *r = c->regions + y * w;

  for (gsize word = 0; word < c->area->stride; word++)
    {
      const guint64 a = area[word], m = mask[word];
      const guint x0 = MAX (word * 64, 1), x1 = MIN (word * 64 + 64, w - 1);

      /* Outside the area, or on the nuclei, all of it. */
      if ((a & ~m) == 0)
        {
          for (guint x = x0; x < x1; x++)
            r[x] = (a >> (x & 63)) & 1 ? LDA_REGION_OUTLINE : LDA_REGION_BACKGROUND;
          continue;
        }
      for (guint x = x0; x < x1; x++)
        {
          const gint32 t = c->becomes[b[x] + 1];

          if (!((a >> (x & 63)) & 1))
            r[x] = LDA_REGION_BACKGROUND;
          else if ((m >> (x & 63)) & 1)
            r[x] = LDA_REGION_OUTLINE;
          else if (t > OUTLINE_UNLESS)
            r[x] = t;
          else if (t == OUTLINE_UNLESS && !outline_opens (c, b, x))
            r[x] = LDA_REGION_OUTLINE;
          else
            again (c, unknown, r, x, y, n_unknown);
        }
    }
  r[0] = r[w - 1] = LDA_REGION_OUTLINE;
}

/* Rows of tiles, taken one at a time by this thread and a second one. */
static gpointer
carry_rows (gpointer data)
{
  Carry *c = data;
  const guint h = c->base->height;
  guint k;

  while ((k = (guint) g_atomic_int_add (&c->next, 1)) < c->tiles_down)
    {
      gint n_unknown = 0;

      for (guint y = MAX (k * TILE, 1); y < MIN ((k + 1) * TILE, h - 1); y++)
        carry_row (c, y, &n_unknown);
      g_atomic_int_add (&c->n_unknown, n_unknown);
    }

  return NULL;
}

/* Marks for flooding again the neighbours of pixel @i that the
 * background had flooded inside the area, and queues them. */
static void
spread (Carry  *c,
        GArray *queue,
        gsize   i,
        gint   *n_unknown)
{
  const guint w = c->base->width, h = c->base->height;
  const guint x = i % w, y = i / w;
  const gsize next[4] = { i - 1, i + 1, i - w, i + w };
  const gboolean inside[4] = { x > 1, x + 2 < w, y > 1, y + 2 < h };

  for (guint o = 0; o < 4; o++)
    {
      const gsize n = next[o];
      const guint nx = n % w, ny = n / w;

      if (!inside[o] || c->regions[n] != LDA_REGION_BACKGROUND ||
          !lda_bitplane_get (c->area, nx, ny) || lda_bitplane_get (c->mask, nx, ny))
        continue;
      again (c, (guint64 *) lda_bitplane_row (c->unknown, ny), c->regions + (gsize) ny * w,
             nx, ny, n_unknown);
      g_array_append_val (queue, n);
    }
}

/* The background floods the parts of the area that no nucleus reaches,
 * from outside the area, where the relief is 0: steeply.  Where a
 * nucleus now lies in such a part, or has grown into one, the part is
 * flooded again: it is that nucleus's cell now.  So is a part next to
 * pixels flooded again: kept, it would flood them from within, at the
 * gentle steps of the cells. */
static void
spread_into_background (Carry *c)
{
  const guint w = c->base->width;
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gsize));
  gint n_unknown = 0;

  for (guint k = 0; k < c->empty->len; k++)
    spread (c, queue, g_array_index (c->empty, gsize, k), &n_unknown);
  for (guint k = 0; k < c->crossed->len; k++)
    spread (c, queue, g_array_index (c->crossed, gsize, k), &n_unknown);
  for (guint y = 1; y + 1 < c->base->height && c->n_unknown > 0; y++)
    {
      const guint64 *row = lda_bitplane_row (c->unknown, y);

      for (gsize word = 0; word < c->unknown->stride; word++)
        for (guint64 bits = row[word]; bits != 0; bits &= bits - 1)
          spread (c, queue, (gsize) y * w + word * 64 + (guint) __builtin_ctzll (bits),
                  &n_unknown);
    }
  for (guint k = 0; k < queue->len; k++)
    spread (c, queue, g_array_index (queue, gsize, k), &n_unknown);
  c->n_unknown += n_unknown;
}

/* A nucleus that grew over an old outline, or out of the area, can touch
 * a cell beyond: the pixels between become an outline, as the flood
 * would make them. */
static void
mend_list (Carry  *c,
           GArray *pixels)
{
  const gssize w = c->base->width;
  const gssize offsets[4] = { -1, 1, -w, w };

  for (guint k = 0; k < pixels->len; k++)
    {
      const gsize i = g_array_index (pixels, gsize, k);
      const gint32 label = c->regions[i];

      if (label < LDA_REGION_FIRST_CELL)
        continue;
      for (guint o = 0; o < 4; o++)
        {
          const gsize n = i + offsets[o];

          if (c->regions[n] >= LDA_REGION_FIRST_CELL && c->regions[n] != label &&
              !lda_bitplane_get (c->mask, n % w, n / w))
            c->regions[n] = LDA_REGION_OUTLINE;
        }
    }
}


/* The tiles whose relief the flood reads: those with pixels to flood
 * again, and those beyond the edges such pixels touch. */
static void
list_tiles (Carry *c)
{
  const guint across = c->tiles_across;

  for (guint t = 0; t < across * c->tiles_down; t++)
    {
      const guint tx = t % across, ty = t / across;

      if ((c->tiles[t] & TILE_USED) ||
          (tx > 0 && (c->tiles[t - 1] & TILE_RIGHT)) ||
          (tx + 1 < across && (c->tiles[t + 1] & TILE_LEFT)) ||
          (ty > 0 && (c->tiles[t - across] & TILE_BOTTOM)) ||
          (ty + 1 < c->tiles_down && (c->tiles[t + across] & TILE_TOP)))
        c->todo[c->n_todo++] = t;
    }
}

/* Floods the unknown pixels again, on the relief of their tiles. */
static gboolean
flood_again (Carry         *c,
             GError       **error)
{
  const guint w = c->base->width, h = c->base->height;
  g_autoptr(LdaWatershedParts) parts = NULL;

  if (c->n_unknown == 0)
    return TRUE;
  /* Large: mapped once, reused by the next run (lda-buffer.c). */
  if (!(c->relief = lda_buffer_alloc ((gsize) w * h, FALSE)) ||
      !(c->todo = g_try_new (guint, (gsize) c->tiles_across * c->tiles_down)))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"), w, h);
      return FALSE;
    }
  list_tiles (c);

  return lda_relief_tiles (c->mask, c->area, c->todo, c->n_todo, c->relief, c->cancellable,
                           error) &&
         (parts = lda_watershed_parts_new_from_plane (c->unknown, error)) != NULL &&
         lda_watershed_parts_flood (parts, c->regions, c->relief, c->cancellable, error);
}

/**
 * lda_regions_carry:
 * @base: the last cells, flooded from their nuclei
 * @area: the cell area ∪ the nucleus pixels; the cell area must be the
 *   one @base was made with
 * @mask: the new nucleus pixels, split lines included
 * @nuclei: the new nuclei, labelled: component i seeds cell i
 * @max_fraction: the most of the frame, from 0 to 1, to flood again
 * @out: (out) (transfer full) (nullable): the cells, or %NULL when more
 *   than @max_fraction of the frame would have to be flooded again
 * @cancellable: (nullable): polled while flooding
 * @error: return location for an error
 *
 * The cells of @nuclei with the outlines of @base kept where its cells
 * are taken over whole, for a slider being dragged: see the top of this
 * file.  @nuclei's labels must fit the regions' (fewer than %G_MAXINT32
 * − %LDA_REGION_FIRST_CELL).
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_regions_carry (const LdaRegions   *base,
                   const LdaBitplane  *area,
                   const LdaBitplane  *mask,
                   const LdaRuns      *nuclei,
                   double              max_fraction,
                   LdaRegions        **out,
                   GCancellable       *cancellable,
                   GError            **error)
{
  const guint w = base->width, h = base->height;
  Carry c = { base, area, mask, nuclei, };
  g_autoptr(LdaRegions) self = NULL;
  gboolean ok = FALSE;
  LdaHelper *helper;

  g_return_val_if_fail (area->width == w && area->height == h, FALSE);
  g_return_val_if_fail (mask->width == w && mask->height == h, FALSE);
  g_return_val_if_fail (nuclei->n_components < G_MAXINT32 - LDA_REGION_FIRST_CELL, FALSE);

  *out = NULL;
  /* Too small for a wall round a pixel: nothing to carry. */
  if (w < 3 || h < 3)
    return TRUE;

  c.cancellable = cancellable;
  c.tiles_across = (w + TILE - 1) / TILE;
  c.tiles_down = (h + TILE - 1) / TILE;
  c.owner = g_try_new (gint32, MAX (nuclei->n_components, 1));
  c.map = g_try_new (gint32, MAX (base->nuclei->n_components, 1));
  c.becomes = g_try_new (gint32, (gsize) base->nuclei->n_components + LDA_REGION_FIRST_CELL + 1);
  c.crossed = g_array_new (FALSE, FALSE, sizeof (gsize));
  c.empty = g_array_new (FALSE, FALSE, sizeof (gsize));
  /* Large: mapped once, reused by the next run (lda-buffer.c). */
  c.regions = lda_buffer_alloc ((gsize) w * h * sizeof (gint32), FALSE);
  c.tiles = g_try_malloc0 ((gsize) c.tiles_across * c.tiles_down);
  if (c.owner == NULL || c.map == NULL || c.becomes == NULL || c.regions == NULL ||
      c.tiles == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"), w, h);
      goto out;
    }
  if (!(c.unknown = lda_bitplane_new (w, h, error)))
    goto out;

  find_owners (&c);
  for (gsize x = 0; x < w; x++)
    c.regions[x] = c.regions[(gsize) (h - 1) * w + x] = LDA_REGION_OUTLINE;
  c.next = 0;
  helper = lda_helper_start ("lda-carry-rows", carry_rows, &c);
  carry_rows (&c);
  lda_helper_finish (helper);
  spread_into_background (&c);
  if (c.n_unknown > max_fraction * w * h)
    {
      ok = TRUE;
      goto out;
    }

  for (gsize r = 0; r < nuclei->n_runs; r++)
    {
      const LdaRun *run = &nuclei->runs[r];

      for (gsize i = run->y * (gsize) w + run->x0; i < run->y * (gsize) w + run->x1; i++)
        c.regions[i] = (gint32) nuclei->labels[r] + LDA_REGION_FIRST_CELL;
    }
  lda_watershed_wall (c.regions, w, h);
  mend_list (&c, c.crossed);
  mend_list (&c, c.empty);

  if (!flood_again (&c, error))
    goto out;

  self = g_new0 (LdaRegions, 1);
  self->width = w;
  self->height = h;
  if (!(self->nuclei = lda_runs_copy (nuclei, error)))
    goto out;
  self->regions = g_steal_pointer (&c.regions);
  self->largest_piece = base->largest_piece;
  *out = g_steal_pointer (&self);
  ok = TRUE;

out:
  carry_clear (&c);
  return ok;
}
