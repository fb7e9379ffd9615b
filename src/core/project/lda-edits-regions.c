/* lda-edits-regions.c — the tools that act on a region of the merged mask:
 * fill, Live/Dead and delete
 *
 * Regions are found with a scanline flood over an explicit stack, never by
 * recursion: a fill of a uniform 2048 × 2048 frame is one region of four
 * million pixels.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-edits-private.h"
#include "lda-error.h"

typedef struct { guint x, y; } Seed;

static inline gboolean
visited_get (const guint64 *visited,
             gsize          p)
{
  return (visited[p >> 6] >> (p & 63)) & 1;
}

static inline void
visited_set (guint64 *visited,
             gsize    p)
{
  visited[p >> 6] |= G_GUINT64_CONSTANT (1) << (p & 63);
}

/* Pushes one seed per run of unvisited accepted pixels in columns
 * x0 … x1 of row y. */
static void
push_row (GArray        *stack,
          const guint8  *labels,
          const guint64 *visited,
          const gboolean accept[256],
          guint          width,
          guint          y,
          guint          x0,
          guint          x1)
{
  gsize base = (gsize) y * width;
  gboolean in_run = FALSE;

  for (guint x = x0; x <= x1; x++)
    {
      gboolean take = accept[labels[base + x]] && !visited_get (visited, base + x);

      if (take && !in_run)
        {
          Seed seed = { x, y };

          g_array_append_val (stack, seed);
        }
      in_run = take;
    }
}

/* The connected region of pixels whose class @accept takes, containing
 * (x, y), as runs (maximal in each row).  A scanline flood: each popped
 * seed grows to its whole run, which seeds the runs it touches in the rows
 * above and below — an explicit stack, no recursion.  Returns NULL when
 * memory runs out or (x, y) is not accepted. */
static GArray *
flood (const LdaImage *merged,
       guint           x,
       guint           y,
       const gboolean  accept[256],
       gboolean        eight)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *labels = lda_image_u8 (merged);
  gsize n = (gsize) w * h;
  g_autofree guint64 *visited = g_try_malloc0_n ((n + 63) / 64, sizeof (guint64));
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GArray) runs = NULL;
  Seed seed = { x, y };

  if (visited == NULL || !accept[labels[(gsize) y * w + x]])
    return NULL;

  stack = g_array_sized_new (FALSE, FALSE, sizeof (Seed), 256);
  runs = g_array_sized_new (FALSE, FALSE, sizeof (LdaRun), 256);
  g_array_append_val (stack, seed);

  while (stack->len > 0)
    {
      Seed s = g_array_index (stack, Seed, stack->len - 1);
      gsize base = (gsize) s.y * w;
      guint l = s.x, r = s.x;
      LdaRun run;

      g_array_set_size (stack, stack->len - 1);
      if (visited_get (visited, base + s.x))
        continue;

      /* Runs are maximal, so a neighbour in the row is never visited
       * while this pixel is not. */
      while (l > 0 && accept[labels[base + l - 1]])
        l--;
      while (r + 1 < w && accept[labels[base + r + 1]])
        r++;
      for (guint i = l; i <= r; i++)
        visited_set (visited, base + i);

      run = (LdaRun) { s.y, l, r + 1 };
      g_array_append_val (runs, run);

      if (eight)
        {
          l = l > 0 ? l - 1 : 0;
          r = r + 1 < w ? r + 1 : r;
        }
      if (s.y > 0)
        push_row (stack, labels, visited, accept, w, s.y - 1, l, r);
      if (s.y + 1 < h)
        push_row (stack, labels, visited, accept, w, s.y + 1, l, r);
    }

  return g_steal_pointer (&runs);
}

/* Sets the run's edit pixels to @value, noting those that change. */
static void
set_run (LdaEdits     *self,
         const LdaRun *run,
         guint8        value,
         LdaRect      *changed)
{
  guint8 *row = self->pixels + (gsize) run->y * self->width;
  guint first = G_MAXUINT, last = 0;

  for (guint x = run->x0; x < run->x1; x++)
    if (row[x] != value)
      {
        row[x] = value;
        first = MIN (first, x);
        last = x;
      }

  if (first != G_MAXUINT)
    lda_edits_changed_add (changed, first, last, run->y);
}

/* The outline pixels in row y, columns x0 … x1 − 1, become background;
 * the range may reach past the image. */
static void
clear_outline (LdaEdits     *self,
               const guint8 *labels,
               gint64        y,
               gint64        x0,
               gint64        x1,
               LdaRect      *changed)
{
  if (y < 0 || y >= self->height)
    return;

  for (gint64 x = MAX (x0, 0); x < MIN (x1, (gint64) self->width); x++)
    if (labels[y * self->width + x] == LDA_CLASS_OUTLINE)
      {
        const LdaRun one = { (guint) y, (guint) x, (guint) x + 1 };

        set_run (self, &one, LDA_CLASS_BACKGROUND, changed);
      }
}

/* A fill makes a nucleus of its own of up to this many pixels (64 × 64)
 * whatever the frame's nuclei, and of up to twice its largest nucleus
 * beyond: the real frames' nuclei are 100–1 500 pixels at the median,
 * the background between their cells tens of thousands. */
#define FILL_NUCLEUS_ALWAYS 4096

static const int nx[8] = { -1, 1, 0, 0, -1, 1, -1, 1 };
static const int ny[8] = { 0, 0, -1, 1, -1, -1, 1, 1 };

/* Sets pixel @p of the edits to @v unless the mask shows it already. */
static inline void
set_shown (LdaEdits     *self,
           const guint8 *shown,
           gsize         p,
           guint8        v,
           LdaRect      *changed)
{
  if (shown[p] == v || self->pixels[p] == v)
    return;
  self->pixels[p] = v;
  lda_edits_changed_add (changed, (guint) (p % self->width), (guint) (p % self->width),
                         (guint) (p / self->width));
}

/* A fill of a nucleus class adds one nucleus at most, as a brush stroke
 * does (lda-edits-apart.c).  Clicked on a nucleus of the other class, it
 * gives all of it the class.  Clicked in a hole of a nucleus
 * (lda-edits-holes.c) that the region borders, it grows that nucleus and
 * gives all of it @klass.  Anywhere else it is a nucleus of its own: the
 * pixels of the region reached from the one clicked without passing
 * beside a nucleus, and the region's pixels between them and a nucleus
 * the outline, so that a line of one pixel keeps them apart; clicked
 * beside a nucleus, it has no room and does nothing.  Far larger than the
 * frame's nuclei (FILL_NUCLEUS_ALWAYS), it does nothing either and says
 * why: %FALSE and @error. */
static gboolean
fill_nucleus (LdaEdits       *self,
              const LdaImage *merged,
              GArray         *runs,
              guint           x,
              guint           y,
              guint8          klass,
              guint           connectivity,
              LdaRect        *changed,
              GError        **error)
{
  const guint w = self->width, h = self->height;
  const guint8 *shown = lda_image_u8 (merged);
  g_autoptr(LdaBitplane) region = NULL;
  g_autoptr(LdaBitplane) reached = NULL;
  g_autoptr(GArray) hole = NULL;
  g_autoptr(GArray) nucleus = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GArray) lines = NULL;
  gboolean touches = FALSE;
  gsize n_region = 0, largest = 0, limit = G_MAXSIZE;

  /* Clicked on a nucleus: it takes the class, all of it. */
  if (lda_is_nucleus_class (shown[(gsize) y * w + x]))
    {
      nucleus = lda_labels_nucleus_find (merged, x, y, connectivity);
      if (nucleus != NULL)
        lda_edits_give_nucleus (self, merged, nucleus, klass, changed);
      return TRUE;
    }

  if (!(region = lda_bitplane_new (w, h, NULL)) || !(reached = lda_bitplane_new (w, h, NULL)))
    return TRUE;
  for (guint i = 0; i < runs->len; i++)
    {
      const LdaRun *run = &g_array_index (runs, LdaRun, i);

      for (guint rx = run->x0; rx < run->x1; rx++)
        lda_bitplane_set (region, rx, run->y, TRUE);
    }

  /* The hole of a nucleus, which the region reaches: the nucleus's. */
  nucleus = lda_edits_nucleus_hole (merged, x, y, connectivity, &hole);
  for (guint i = 0; nucleus != NULL && i < runs->len && !touches; i++)
    {
      const LdaRun *run = &g_array_index (runs, LdaRun, i);

      for (guint rx = run->x0; rx < run->x1 && !touches; rx++)
        touches = lda_edits_beside_another (shown, region, (gint) rx, (gint) run->y, connectivity);
    }
  if (touches)
    {
      for (guint i = 0; i < runs->len; i++)
        {
          const LdaRun *run = &g_array_index (runs, LdaRun, i);

          for (guint rx = run->x0; rx < run->x1; rx++)
            set_shown (self, shown, (gsize) run->y * w + rx, klass, changed);
        }
      lda_edits_give_nucleus (self, merged, nucleus, klass, changed);
      return TRUE;
    }

  /* A nucleus of its own, breadth first from the pixel clicked.  A
   * nucleus far larger than any on the frame is a slip (a click on the
   * background between the cells): the largest is looked for only when
   * the region could make one, and the search stops at the limit. */
  if (lda_edits_beside_another (shown, region, (gint) x, (gint) y, connectivity))
    return TRUE;
  for (guint i = 0; i < runs->len; i++)
    n_region += g_array_index (runs, LdaRun, i).x1 - g_array_index (runs, LdaRun, i).x0;
  if (n_region > FILL_NUCLEUS_ALWAYS &&
      (largest = lda_labels_largest_nucleus (merged, connectivity)) > 0)
    limit = MAX (2 * largest, FILL_NUCLEUS_ALWAYS);
  queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  lines = g_array_new (FALSE, FALSE, sizeof (guint32));
  {
    const guint32 start = (guint32) ((gsize) y * w + x);

    g_array_append_val (queue, start);
    lda_bitplane_set (reached, x, y, TRUE);
  }
  for (guint k = 0; k < queue->len && queue->len <= limit; k++)
    {
      const guint32 p = g_array_index (queue, guint32, k);

      for (guint n = 0; n < connectivity; n++)
        {
          const gint qx = (gint) (p % w) + nx[n], qy = (gint) (p / w) + ny[n];

          if (qx < 0 || qy < 0 || (guint) qx >= w || (guint) qy >= h ||
              !lda_bitplane_get (region, (guint) qx, (guint) qy) ||
              lda_bitplane_get (reached, (guint) qx, (guint) qy))
            continue;
          {
            const guint32 q = (guint32) ((gsize) qy * w + (guint) qx);

            /* The line between the new nucleus and another. */
            if (lda_edits_beside_another (shown, region, qx, qy, connectivity))
              {
                g_array_append_val (lines, q);
                continue;
              }
            lda_bitplane_set (reached, (guint) qx, (guint) qy, TRUE);
            g_array_append_val (queue, q);
          }
        }
    }

  if (queue->len > limit)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("A nucleus filled here would have more than %lu pixels, far more than "
                     "the largest of this time point (%lu): paint it with the brush instead"),
                   (gulong) limit, (gulong) largest);
      return FALSE;
    }
  for (guint k = 0; k < queue->len; k++)
    set_shown (self, shown, g_array_index (queue, guint32, k), klass, changed);
  for (guint k = 0; k < lines->len; k++)
    set_shown (self, shown, g_array_index (lines, guint32, k), LDA_CLASS_OUTLINE, changed);

  return TRUE;
}

/**
 * lda_edits_give_nucleus:
 * @self: an edit layer
 * @merged: the merged mask
 * @nucleus: (element-type guint32): its pixels, as lda_labels_nucleus_find()
 *   gives them
 * @klass: %LDA_CLASS_HOECHST or %LDA_CLASS_DRAQ7
 * @changed: grown by the pixels changed
 *
 * Gives every pixel of @nucleus that does not show @klass that class: a
 * nucleus is live or dead as a whole.
 *
 * Returns: how many pixels were given @klass
 */
gsize
lda_edits_give_nucleus (LdaEdits       *self,
                        const LdaImage *merged,
                        const GArray   *nucleus,
                        guint8          klass,
                        LdaRect        *changed)
{
  const guint8 *shown = lda_image_u8 (merged);
  gsize n_given = 0;

  for (guint k = 0; k < nucleus->len; k++)
    {
      const guint32 p = g_array_index (nucleus, guint32, k);

      if (shown[p] != klass)
        {
          self->pixels[p] = klass;
          lda_edits_changed_add (changed, p % self->width, p % self->width, p / self->width);
          n_given++;
        }
    }

  return n_given;
}

/**
 * lda_edits_fill:
 * @self: an edit layer
 * @merged: the merged mask (the automatic mask with @self on top)
 * @x: column of the clicked pixel
 * @y: row
 * @klass: the class to fill with
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * The 4-connected region of pixels that show the same class as (@x, @y) in
 * @merged gets @klass in the edits.  Diagonal contact does not join
 * regions, so a fill cannot leak through a diagonal gap.
 *
 * Returns: %TRUE if anything changed; %FALSE when (@x, @y) already shows
 *   @klass, or when a nucleus of its own would be far larger than the
 *   frame's (lda_edits_fill_full())
 */
gboolean
lda_edits_fill (LdaEdits       *self,
                const LdaImage *merged,
                guint           x,
                guint           y,
                guint8          klass,
                LdaRect        *dirty)
{
  return lda_edits_fill_full (self, merged, x, y, klass, 8, dirty, NULL);
}

/**
 * lda_edits_fill_full:
 * @self: an edit layer
 * @merged: the merged mask (the automatic mask with @self on top)
 * @x: column of the clicked pixel
 * @y: row
 * @klass: the class to fill with
 * @connectivity: how nucleus pixels join, 4 or 8
 *   (lda_params_nucleus_connectivity())
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 * @error: return location for an error
 *
 * As lda_edits_fill(); a fill of a nucleus class adds one nucleus at
 * most and keeps nuclei apart: clicked in a hole of a nucleus, it grows
 * that nucleus and gives all of it @klass; anywhere else it is a nucleus
 * of its own, the pixels of the region it cannot take without touching
 * another nucleus left as they are, but for a line of the outline class
 * between them.  A nucleus of its own of more than 4 096 pixels and more
 * than twice the largest nucleus on the frame is not made: a click on
 * the background between cells would make one of tens of thousands.
 *
 * Returns: %TRUE if anything changed; %FALSE when (@x, @y) already shows
 *   @klass, and with @error set when the nucleus would be too large
 */
gboolean
lda_edits_fill_full (LdaEdits       *self,
                     const LdaImage *merged,
                     guint           x,
                     guint           y,
                     guint8          klass,
                     guint           connectivity,
                     LdaRect        *dirty,
                     GError        **error)
{
  g_autoptr(GArray) runs = NULL;
  gboolean accept[256] = { FALSE, };
  guint8 shown;
  LdaRect changed = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lda_edits_fits (self, merged), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);
  g_return_val_if_fail (klass < LDA_N_CLASSES, FALSE);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, FALSE);

  shown = lda_image_u8 (merged)[(gsize) y * self->width + x];
  if (shown == klass)
    return FALSE;

  accept[shown] = TRUE;
  runs = flood (merged, x, y, accept, FALSE);
  if (runs == NULL)
    return FALSE;

  if (lda_is_nucleus_class (klass))
    {
      if (!fill_nucleus (self, merged, runs, x, y, klass, connectivity, &changed, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < runs->len; i++)
      set_run (self, &g_array_index (runs, LdaRun, i), klass, &changed);

  lda_edits_changed_to_dirty (&changed, dirty);
  return !lda_rect_is_empty (&changed);
}

/**
 * lda_edits_toggle_nucleus:
 * @self: an edit layer
 * @merged: the merged mask
 * @x: column of the clicked pixel
 * @y: row
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * As lda_edits_toggle_nucleus_full() with the article's 8-connected
 * nuclei.
 *
 * Returns: %TRUE if (@x, @y) is on a nucleus (which then changed)
 */
gboolean
lda_edits_toggle_nucleus (LdaEdits       *self,
                          const LdaImage *merged,
                          guint           x,
                          guint           y,
                          LdaRect        *dirty)
{
  return lda_edits_toggle_nucleus_full (self, merged, x, y, 8, dirty);
}

/**
 * lda_edits_toggle_nucleus_full:
 * @self: an edit layer
 * @merged: the merged mask
 * @x: column of the clicked pixel
 * @y: row
 * @connectivity: 4 for nucleus objects (which class-2 split lines
 *   separate only 4-wise), 8 for the article's nuclei; see
 *   lda_params_nucleus_connectivity()
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * The nucleus under (@x, @y) is the @connectivity-connected component of
 * pixels showing class 3 or 4 that contains it, as the counts define a
 * nucleus.  If it is dead by pipeline.md §7's rule (more Draq7 pixels than
 * Hoechst ones) all its pixels become Hoechst (3), else all become Draq7
 * (4) — a nucleus object, painted whole, simply changes sides.
 *
 * Returns: %TRUE if (@x, @y) is on a nucleus (which then changed)
 */
gboolean
lda_edits_toggle_nucleus_full (LdaEdits       *self,
                               const LdaImage *merged,
                               guint           x,
                               guint           y,
                               guint           connectivity,
                               LdaRect        *dirty)
{
  g_autoptr(GArray) runs = NULL;
  gboolean accept[256] = { FALSE, };
  const guint8 *labels;
  guint64 hoechst = 0, draq7 = 0;
  guint8 target;
  LdaRect changed = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lda_edits_fits (self, merged), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);

  g_return_val_if_fail (connectivity == 4 || connectivity == 8, FALSE);

  accept[LDA_CLASS_HOECHST] = accept[LDA_CLASS_DRAQ7] = TRUE;
  runs = flood (merged, x, y, accept, connectivity == 8);
  if (runs == NULL)
    return FALSE;

  labels = lda_image_u8 (merged);
  for (guint i = 0; i < runs->len; i++)
    {
      const LdaRun *run = &g_array_index (runs, LdaRun, i);
      const guint8 *row = labels + (gsize) run->y * self->width;

      for (guint px = run->x0; px < run->x1; px++)
        draq7 += row[px] == LDA_CLASS_DRAQ7;
      hoechst += run->x1 - run->x0;
    }

  hoechst -= draq7;
  target = draq7 > hoechst ? LDA_CLASS_HOECHST : LDA_CLASS_DRAQ7;
  for (guint i = 0; i < runs->len; i++)
    set_run (self, &g_array_index (runs, LdaRun, i), target, &changed);

  lda_edits_changed_to_dirty (&changed, dirty);
  return TRUE;
}

/**
 * lda_edits_delete_cell:
 * @self: an edit layer
 * @merged: the merged mask
 * @x: column of the clicked pixel
 * @y: row
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * The cell under (@x, @y) is the 4-connected region of pixels showing cell
 * area, Hoechst or Draq7 (classes 1, 3, 4) that contains it.  It becomes
 * background, and so do the outline pixels (class 2) that are 4-neighbours
 * of it — including an outline it shares with a neighbouring cell, whose
 * own area and nuclei stay as they are.
 *
 * Returns: %TRUE if (@x, @y) is on a cell; %FALSE on background or outline
 */
gboolean
lda_edits_delete_cell (LdaEdits       *self,
                       const LdaImage *merged,
                       guint           x,
                       guint           y,
                       LdaRect        *dirty)
{
  g_autoptr(GArray) runs = NULL;
  gboolean accept[256] = { FALSE, };
  const guint8 *labels;
  LdaRect changed = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lda_edits_fits (self, merged), FALSE);
  g_return_val_if_fail (x < self->width && y < self->height, FALSE);

  accept[LDA_CLASS_CELL] = accept[LDA_CLASS_HOECHST] = accept[LDA_CLASS_DRAQ7] = TRUE;
  runs = flood (merged, x, y, accept, FALSE);
  if (runs == NULL)
    return FALSE;

  labels = lda_image_u8 (merged);
  for (guint i = 0; i < runs->len; i++)
    {
      const LdaRun *run = &g_array_index (runs, LdaRun, i);
      gint64 ry = run->y, rx0 = run->x0, rx1 = run->x1;

      set_run (self, run, LDA_CLASS_BACKGROUND, &changed);

      /* The outline touching the run: left, right, above and below. */
      clear_outline (self, labels, ry, rx0 - 1, rx0, &changed);
      clear_outline (self, labels, ry, rx1, rx1 + 1, &changed);
      clear_outline (self, labels, ry - 1, rx0, rx1, &changed);
      clear_outline (self, labels, ry + 1, rx0, rx1, &changed);
    }

  lda_edits_changed_to_dirty (&changed, dirty);
  return TRUE;
}
