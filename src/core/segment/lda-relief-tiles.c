/* lda-relief-tiles.c — the relief of some tiles of a frame, exact
 *
 * Where only a few parts of a frame are to be flooded again
 * (lda-regions-carry.c), the relief is made only in the tiles that hold
 * them.  A tile's relief comes from a crop round it, MARGIN pixels
 * wider: exact wherever no value exceeds the distance to the crop's
 * edge, beyond which a nucleus could be nearer.  The tiles where it is
 * not are made again from one crop round them all, as far out as the
 * relief reaches (LDA_RELIEF_MAX): exact everywhere.  The tiles are
 * shared between this thread and a second one.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-distance.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-relief-tiles.h"

#define MARGIN 32

/* Pixels x … x + width − 1 of rows y … y + height − 1. */
typedef struct
{
  guint x;
  guint y;
  guint width;
  guint height;
} Box;

typedef struct
{
  const LdaBitplane *nuclei;
  const LdaBitplane *area;
  guint              width;
  guint              height;
  guint              tiles_across;
  const guint       *todo;      /* the tiles */
  guint              n_todo;
  guint8            *todo_far;  /* per tile of @todo: its margin was not enough */
  guint8            *relief;
  GCancellable      *cancellable;
  gint               next;      /* the next tile to take */
  gint               failed;
} Tiles;


/* The relief of box @r of the frame into @crop; on this thread alone
 * unless @threaded. */
static gboolean
crop_relief (Tiles      *c,
             const Box  *r,
             guint8     *crop,
             gboolean    threaded,
             GError    **error)
{
  g_autoptr(LdaBitplane) mask = lda_bitplane_new_crop (c->nuclei, r->x, r->y, r->width, r->height, error);
  g_autoptr(LdaBitplane) area = lda_bitplane_new_crop (c->area, r->x, r->y, r->width, r->height, error);
  g_autoptr(LdaRelief) relief = NULL;

  if (mask == NULL || area == NULL)
    return FALSE;
  if (threaded)
    return lda_relief (mask, area, crop, c->cancellable, error);
  if (!(relief = lda_relief_new (mask, area, crop, c->cancellable, error)))
    return FALSE;
  lda_relief_columns (relief);
  lda_relief_rows (relief, 0);

  return lda_relief_finish (relief, error);
}

/* Tile @t's pixels, and the crop round it, @margin pixels wide within
 * the frame. */
static void
tile_rects (const Tiles *c,
            guint        t,
            guint        margin,
            Box     *tile,
            Box     *crop)
{
  const guint w = c->width, h = c->height;
  const guint x = (t % c->tiles_across) * LDA_RELIEF_TILE, y = (t / c->tiles_across) * LDA_RELIEF_TILE;

  *tile = (Box) { x, y, MIN (x + LDA_RELIEF_TILE, w) - x, MIN (y + LDA_RELIEF_TILE, h) - y };
  crop->x = x > margin ? x - margin : 0;
  crop->y = y > margin ? y - margin : 0;
  crop->width = MIN (tile->x + tile->width + margin, w) - crop->x;
  crop->height = MIN (tile->y + tile->height + margin, h) - crop->y;
}

/* Copies the relief of @tile from that of @crop; returns whether every
 * value is the frame's: no nearer than the crop's edge (where that is
 * not the frame's), beyond which a nucleus would be nearer. */
static gboolean
copy_tile (Tiles        *c,
           const Box    *tile,
           const Box    *crop,
           const guint8 *relief)
{
  const guint w = c->width, h = c->height;
  gboolean exact = TRUE;

  for (guint y = tile->y; y < tile->y + tile->height; y++)
    {
      const guint8 *from = relief + (gsize) (y - crop->y) * crop->width + (tile->x - crop->x);
      guint edge_y = G_MAXUINT;

      memcpy (c->relief + (gsize) y * w + tile->x, from, tile->width);
      if (crop->y > 0)
        edge_y = y - crop->y;
      if (crop->y + crop->height < h)
        edge_y = MIN (edge_y, crop->y + crop->height - 1 - y);
      for (guint x = tile->x; x < tile->x + tile->width && exact; x++)
        {
          guint edge = edge_y;

          if (crop->x > 0)
            edge = MIN (edge, x - crop->x);
          if (crop->x + crop->width < w)
            edge = MIN (edge, crop->x + crop->width - 1 - x);
          exact = from[x - tile->x] <= edge;
        }
    }

  return exact;
}

/* The relief of tile @t from the nuclei within MARGIN pixels of it;
 * returns whether it is exact (copy_tile()). */
static gboolean
tile_relief (Tiles    *c,
             guint     t,
             gboolean *exact,
             GError  **error)
{
  Box tile, crop;
  g_autofree guint8 *relief = NULL;

  tile_rects (c, t, MARGIN, &tile, &crop);
  if (!(relief = g_try_malloc ((gsize) crop.width * crop.height)))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the distance map of a %u × %u image"),
                   c->width, c->height);
      return FALSE;
    }
  if (!crop_relief (c, &crop, relief, FALSE, error))
    return FALSE;
  *exact = copy_tile (c, &tile, &crop, relief);

  return TRUE;
}

/* The tiles' relief, taken one at a time by this thread and a second
 * one; the tiles where it is not exact are marked in todo_far. */
static gpointer
tiles_relief (gpointer data)
{
  Tiles *c = data;
  guint k;

  while ((k = (guint) g_atomic_int_add (&c->next, 1)) < c->n_todo)
    {
      gboolean exact = TRUE;

      if (!g_atomic_int_get (&c->failed) && !tile_relief (c, c->todo[k], &exact, NULL))
        g_atomic_int_set (&c->failed, TRUE);
      c->todo_far[k] = !exact;
    }

  return NULL;
}

/* The relief of the tiles whose nearest nucleus may lie beyond their
 * margin, exact: from one crop round them all, as far out as the relief
 * reaches, on two threads. */
static gboolean
far_tiles_relief (Tiles   *c,
                  GError **error)
{
  Box bounds = { 0, }, tile, crop;
  g_autofree guint8 *relief = NULL;
  gboolean any = FALSE;

  for (guint k = 0; k < c->n_todo; k++)
    if (c->todo_far[k])
      {
        tile_rects (c, c->todo[k], LDA_RELIEF_MAX, &tile, &crop);
        if (any)
          {
            const guint x1 = MAX (bounds.x + bounds.width, crop.x + crop.width);
            const guint y1 = MAX (bounds.y + bounds.height, crop.y + crop.height);

            bounds.x = MIN (bounds.x, crop.x);
            bounds.y = MIN (bounds.y, crop.y);
            bounds.width = x1 - bounds.x;
            bounds.height = y1 - bounds.y;
          }
        else
          bounds = crop;
        any = TRUE;
      }
  if (!any)
    return TRUE;

  if (!(relief = g_try_malloc ((gsize) bounds.width * bounds.height)))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the distance map of a %u × %u image"),
                   c->width, c->height);
      return FALSE;
    }
  if (!crop_relief (c, &bounds, relief, TRUE, error))
    return FALSE;
  for (guint k = 0; k < c->n_todo; k++)
    if (c->todo_far[k])
      {
        tile_rects (c, c->todo[k], LDA_RELIEF_MAX, &tile, &crop);
        copy_tile (c, &tile, &bounds, relief);
      }

  return TRUE;
}

/**
 * lda_relief_tiles:
 * @nuclei: the nucleus pixels
 * @area: where the relief is wanted (cell area ∪ nuclei)
 * @tiles: (array length=n_tiles): the tiles, numbered row by row,
 *   %LDA_RELIEF_TILE pixels square (the last ones of a row or column
 *   cut by the frame's edge)
 * @n_tiles: how many
 * @relief: (inout): the frame's relief, width × height bytes, of which
 *   the tiles' are written
 * @cancellable: (nullable): polled while the relief is made
 * @error: return location for an error
 *
 * The relief lda_relief() gives, in @tiles only (or, when they are half
 * the frame's or more, everywhere).
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_relief_tiles (const LdaBitplane  *nuclei,
                  const LdaBitplane  *area,
                  const guint        *tiles,
                  guint               n_tiles,
                  guint8             *relief,
                  GCancellable       *cancellable,
                  GError            **error)
{
  Tiles c = {
    nuclei, area, nuclei->width, nuclei->height,
    (nuclei->width + LDA_RELIEF_TILE - 1) / LDA_RELIEF_TILE,
    tiles, n_tiles, NULL, relief, cancellable, 0, FALSE,
  };
  const guint tiles_down = (nuclei->height + LDA_RELIEF_TILE - 1) / LDA_RELIEF_TILE;
  g_autofree guint8 *todo_far = NULL;
  LdaHelper *helper;

  /* An eighth of the frame's tiles or more: their crops, MARGIN wider
   * and each made apart, would cost as much as the whole frame's relief
   * on two threads. */
  if ((gsize) n_tiles * 8 >= (gsize) c.tiles_across * tiles_down)
    return lda_relief (nuclei, area, relief, cancellable, error);

  todo_far = g_try_malloc0 (MAX (n_tiles, 1));
  if (todo_far == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the distance map of a %u × %u image"),
                   c.width, c.height);
      return FALSE;
    }
  c.todo_far = todo_far;

  helper = n_tiles > 1 ? lda_helper_start ("lda-relief-tiles", tiles_relief, &c) : NULL;
  tiles_relief (&c);
  lda_helper_finish (helper);
  if (c.failed)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                     _("not enough memory for the distance map of a %u × %u image"),
                     c.width, c.height);
      return FALSE;
    }

  return far_tiles_relief (&c, error);
}
