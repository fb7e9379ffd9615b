/* lda-edits-apart.c — a brush stroke of a nucleus class keeps nuclei apart
 *
 * On the corrected mask a nucleus is a connected piece of classes 3 and 4
 * (lda-edits-counts.c), so a stroke that paints a nucleus up to its
 * neighbour joins the two: the counts lose a cell, and a network learns
 * two nuclei as one.  A stroke therefore belongs to one nucleus: the one
 * it starts on, or a new one where it first finds room off the nuclei.
 * It paints the pixels of its dabs that join that nucleus, leaves every
 * other nucleus's pixels as they are, and gives the outline class to the
 * pixels it would paint next to another nucleus, so that a line of one
 * pixel stays between them, as the pipeline draws one between the nuclei
 * it splits.  A pixel of a dab that reaches the stroke's nucleus only
 * across another nucleus, or only by a corner where nuclei join by their
 * sides, is left: each stroke adds one nucleus at most, never a speck.
 * Joining two nuclei is a stroke of its own kind, which paints as
 * lda_edits_line() does (in the window, Shift held).
 *
 * A stroke that starts in a hole of a nucleus (pixels of other classes
 * that one nucleus encloses, lda-edits-holes.c) belongs to that nucleus
 * and fills the hole whole (before, it was a new nucleus, kept apart
 * from its ring by a line).
 *
 * A nucleus is live or dead as a whole, and a network should learn it
 * so: a stroke begun on a nucleus of the other class gives the whole
 * nucleus its class, not only the pixels it paints (before, a Draq7
 * stroke on a live nucleus left it half one class, half the other).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lda-bitplane.h"
#include "lda-edits-private.h"

/* What a pixel of a dab is to the stroke. */
enum
{
  PIXEL_OTHER,  /* another nucleus's, or outside the dab: left */
  PIXEL_OWN,    /* the stroke's nucleus already */
  PIXEL_FREE,   /* may join it */
  PIXEL_JOINED, /* a free one that joins it */
  PIXEL_LINE,   /* next to another nucleus: the outline, beside the stroke's nucleus */
};

struct _LdaNucleusStroke
{
  LdaBitplane    *own;       /* the stroke's nucleus: where it began, and what it painted */
  gsize           n_own;
  guint           connectivity;
  gboolean        kept_apart;
  GArray         *begun_on;  /* of guint32: the nucleus it began on, until given the class */
  GArray         *hole;      /* of guint32: the hole it began in, until filled */
  /* During a dab only */
  const LdaImage *merged;
  guint           x0, y0, x1, y1;  /* the dab's pixels */
  GByteArray     *kinds;           /* one a pixel of x0 … x1 × y0 … y1 */
  GArray         *queue;           /* of guint32, indices into @kinds */
};

/* A pixel's neighbours: the first four through its sides, the last four
 * through its corners. */
static const int dx[8] = { -1, 1, 0, 0, -1, 1, -1, 1 };
static const int dy[8] = { 0, 0, -1, 1, -1, -1, 1, 1 };

/**
 * lda_nucleus_stroke_new:
 * @merged: the corrected mask as the stroke begins
 * @x: where the stroke begins: column, in image coordinates
 * @y: row
 * @connectivity: how nucleus pixels join, 4 or 8
 *   (lda_params_nucleus_connectivity())
 * @error: return location for an error
 *
 * A stroke of a nucleus class that keeps to one nucleus: the one under
 * (@x, @y), or the one whose hole holds it, or a new one.
 *
 * Returns: (transfer full) (nullable): the stroke, or %NULL if out of
 *   memory
 */
LdaNucleusStroke *
lda_nucleus_stroke_new (const LdaImage  *merged,
                        double           x,
                        double           y,
                        guint            connectivity,
                        GError         **error)
{
  g_autoptr(LdaNucleusStroke) self = NULL;

  g_return_val_if_fail (merged != NULL && merged->type == LDA_PIXEL_U8, NULL);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, NULL);

  self = g_new0 (LdaNucleusStroke, 1);
  self->connectivity = connectivity;
  self->kinds = g_byte_array_new ();
  self->queue = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (!(self->own = lda_bitplane_new (merged->width, merged->height, error)))
    return NULL;

  if (x >= 0 && y >= 0 && x < merged->width && y < merged->height)
    {
      GArray *nucleus = lda_labels_nucleus_find (merged, (guint) x, (guint) y, connectivity);

      /* Begun in a hole, the stroke fills it whole at its first dab: the
       * hole is the nucleus's. */
      if (nucleus == NULL)
        nucleus = lda_edits_nucleus_hole (merged, (guint) x, (guint) y, connectivity,
                                          &self->hole);

      for (guint i = 0; nucleus != NULL && i < nucleus->len; i++)
        {
          const guint32 p = g_array_index (nucleus, guint32, i);

          lda_bitplane_set (self->own, p % merged->width, p / merged->width, TRUE);
        }
      for (guint i = 0; self->hole != NULL && i < self->hole->len; i++)
        {
          const guint32 p = g_array_index (self->hole, guint32, i);

          lda_bitplane_set (self->own, p % merged->width, p / merged->width, TRUE);
        }
      self->n_own = (nucleus != NULL ? nucleus->len : 0) +
                    (self->hole != NULL ? self->hole->len : 0);
      self->begun_on = nucleus;
    }

  return g_steal_pointer (&self);
}

void
lda_nucleus_stroke_free (LdaNucleusStroke *self)
{
  if (self == NULL)
    return;

  lda_bitplane_free (self->own);
  g_clear_pointer (&self->begun_on, g_array_unref);
  g_clear_pointer (&self->hole, g_array_unref);
  g_byte_array_unref (self->kinds);
  g_array_unref (self->queue);
  g_free (self);
}

/**
 * lda_edits_beside_another:
 * @shown: the merged mask's pixels
 * @mine: pixels that do not count (a nucleus's own, a region's), the
 *   size of the mask
 * @x: a column
 * @y: a row
 * @connectivity: 4 or 8, as nuclei join
 *
 * Returns: whether (@x, @y) has a neighbour that is a nucleus's in @shown
 *   and not in @mine: another nucleus's
 */
gboolean
lda_edits_beside_another (const guint8      *shown,
                          const LdaBitplane *mine,
                          gint               x,
                          gint               y,
                          guint              connectivity)
{
  for (guint k = 0; k < connectivity; k++)
    {
      const gint nx = x + dx[k], ny = y + dy[k];

      if (nx >= 0 && ny >= 0 && (guint) nx < mine->width && (guint) ny < mine->height &&
          lda_is_nucleus_class (shown[(gsize) ny * mine->width + (guint) nx]) &&
          !lda_bitplane_get (mine, (guint) nx, (guint) ny))
        return TRUE;
    }

  return FALSE;
}

/* lda_edits_disc()'s painter, which paints nothing: notes what each
 * pixel of the dab is, in the dab's box. */
static int
note_kind (guint    x,
           guint    y,
           gpointer data)
{
  LdaNucleusStroke *self = data;
  const guint8 *shown = lda_image_u8 (self->merged);
  guint8 *kind = &self->kinds->data[(gsize) (y - self->y0) * (self->x1 - self->x0 + 1) + (x - self->x0)];

  if (lda_bitplane_get (self->own, x, y))
    *kind = PIXEL_OWN;
  else if (lda_is_nucleus_class (shown[(gsize) y * self->merged->width + x]))
    self->kept_apart = TRUE;
  else
    *kind = lda_edits_beside_another (shown, self->own, (gint) x, (gint) y, self->connectivity) ?
            PIXEL_LINE : PIXEL_FREE;

  return -1;
}

/* Whether pixel (@x, @y) has a neighbour (4 or 8) in the stroke's nucleus. */
static gboolean
beside_own (const LdaNucleusStroke *self,
            guint                   x,
            guint                   y,
            guint                   connectivity)
{
  for (guint k = 0; k < connectivity; k++)
    {
      const gint nx = (gint) x + dx[k], ny = (gint) y + dy[k];

      if (nx >= 0 && ny >= 0 && (guint) nx < self->own->width && (guint) ny < self->own->height &&
          lda_bitplane_get (self->own, (guint) nx, (guint) ny))
        return TRUE;
    }

  return FALSE;
}

/* Marks the free pixel at @i of the dab's box joined, and queues it. */
static void
join (LdaNucleusStroke *self,
      guint32           i)
{
  const guint bw = self->x1 - self->x0 + 1;

  self->kinds->data[i] = PIXEL_JOINED;
  lda_bitplane_set (self->own, self->x0 + i % bw, self->y0 + i / bw, TRUE);
  self->n_own++;
  g_array_append_val (self->queue, i);
}

/* One dab at (@cx, @cy): its pixels noted, the free ones that join the
 * stroke's nucleus found breadth first from it (or, while the stroke
 * has none, from the free pixel nearest the centre), then painted. */
static void
dab_apart (LdaNucleusStroke *self,
           LdaEdits         *edits,
           double            cx,
           double            cy,
           double            radius,
           guint8            klass,
           LdaRect          *dirty)
{
  const double reach = radius + 1;
  LdaRect changed = { 0, };
  guint bw, bh;
  gint64 nearest = -1;
  double nearest_d2 = G_MAXDOUBLE;

  /* The dab's box: its pixels' centres lie within the radius, and the
   * pixel under the centre is always one. */
  if (cx + reach < 0 || cy + reach < 0 || cx - reach >= edits->width || cy - reach >= edits->height)
    return;
  self->x0 = (guint) CLAMP (floor (cx - reach), 0, edits->width - 1);
  self->y0 = (guint) CLAMP (floor (cy - reach), 0, edits->height - 1);
  self->x1 = (guint) CLAMP (ceil (cx + reach), 0, edits->width - 1);
  self->y1 = (guint) CLAMP (ceil (cy + reach), 0, edits->height - 1);
  bw = self->x1 - self->x0 + 1;
  bh = self->y1 - self->y0 + 1;
  g_byte_array_set_size (self->kinds, bw * bh);
  memset (self->kinds->data, PIXEL_OTHER, bw * bh);
  lda_edits_disc (edits, cx, cy, radius, 0, note_kind, self, NULL);

  /* Where the stroke's nucleus is reached: free pixels beside it. */
  g_array_set_size (self->queue, 0);
  for (guint32 i = 0; i < bw * bh; i++)
    if (self->kinds->data[i] == PIXEL_FREE)
      {
        const guint x = self->x0 + i % bw, y = self->y0 + i / bw;
        const double ex = x + 0.5 - cx, ey = y + 0.5 - cy;

        if (self->n_own > 0 && beside_own (self, x, y, self->connectivity))
          join (self, i);
        else if (ex * ex + ey * ey < nearest_d2)
          {
            nearest_d2 = ex * ex + ey * ey;
            nearest = i;
          }
      }
  if (self->n_own == 0 && nearest >= 0)
    join (self, (guint32) nearest);

  for (guint k = 0; k < self->queue->len; k++)
    {
      const guint32 i = g_array_index (self->queue, guint32, k);
      const gint x = (gint) (i % bw), y = (gint) (i / bw);

      for (guint n = 0; n < self->connectivity; n++)
        {
          const gint nx = x + dx[n], ny = y + dy[n];

          if (nx >= 0 && ny >= 0 && (guint) nx < bw && (guint) ny < bh &&
              self->kinds->data[(guint) ny * bw + (guint) nx] == PIXEL_FREE)
            join (self, (guint32) ny * bw + (guint) nx);
        }
    }

  for (guint32 i = 0; i < bw * bh; i++)
    {
      const guint x = self->x0 + i % bw, y = self->y0 + i / bw;
      guint8 *pixel = &edits->pixels[(gsize) y * edits->width + x];
      guint8 v;

      switch (self->kinds->data[i])
        {
        case PIXEL_OWN:
        case PIXEL_JOINED:
          v = klass;
          break;
        case PIXEL_LINE:
          /* The line only where it keeps the stroke's nucleus apart. */
          if (!beside_own (self, x, y, 8))
            continue;
          self->kept_apart = TRUE;
          v = LDA_CLASS_OUTLINE;
          break;
        default:
          continue;
        }
      if (*pixel != v)
        {
          *pixel = v;
          lda_edits_changed_add (&changed, x, x, y);
        }
    }

  lda_edits_changed_to_dirty (&changed, dirty);
}

/* The nucleus the stroke began on takes the stroke's class, every pixel
 * of it, and so does the hole it began in, at its first dab. */
static void
give_class (LdaNucleusStroke *self,
            LdaEdits         *edits,
            const LdaImage   *merged,
            guint8            klass,
            LdaRect          *dirty)
{
  LdaRect changed = { 0, };

  lda_edits_give_nucleus (edits, merged, self->begun_on, klass, &changed);
  if (self->hole != NULL)
    lda_edits_give_nucleus (edits, merged, self->hole, klass, &changed);
  g_clear_pointer (&self->begun_on, g_array_unref);
  g_clear_pointer (&self->hole, g_array_unref);
  lda_edits_changed_to_dirty (&changed, dirty);
}

/**
 * lda_nucleus_stroke_line:
 * @self: the stroke
 * @edits: the edit layer it paints
 * @merged: the corrected mask, up to date but for what this stroke has
 *   painted since it was last merged
 * @x0: start column (image coordinates, as for lda_edits_dab())
 * @y0: start row
 * @x1: end column
 * @y1: end row
 * @radius: the brush radius
 * @klass: %LDA_CLASS_HOECHST or %LDA_CLASS_DRAQ7
 * @dirty: (nullable): grown by the bounding box of the changed pixels
 *
 * lda_edits_line() with @klass, kept to the stroke's nucleus: of each
 * dab, the pixels that join it are painted; the pixels of other nuclei
 * are left as they are, and those that would join the stroke's nucleus
 * to one of them are given %LDA_CLASS_OUTLINE.  A dab is a line from a
 * point to itself.  The first line of a stroke begun on a nucleus gives
 * all of that nucleus @klass.
 */
void
lda_nucleus_stroke_line (LdaNucleusStroke *self,
                         LdaEdits         *edits,
                         const LdaImage   *merged,
                         double            x0,
                         double            y0,
                         double            x1,
                         double            y1,
                         double            radius,
                         guint8            klass,
                         LdaRect          *dirty)
{
  g_return_if_fail (self != NULL && edits != NULL && merged != NULL);
  g_return_if_fail (merged->width == edits->width && merged->height == edits->height);
  g_return_if_fail (merged->width == self->own->width && merged->height == self->own->height);
  g_return_if_fail (lda_is_nucleus_class (klass));

  if (self->begun_on != NULL)
    give_class (self, edits, merged, klass, dirty);
  self->merged = merged;
  for (LdaDabs d = lda_dabs_init (edits, x0, y0, x1, y1, radius); lda_dabs_next (&d);)
    dab_apart (self, edits, d.x, d.y, radius, klass, dirty);
  self->merged = NULL;
}

/**
 * lda_nucleus_stroke_kept_apart:
 * @self: the stroke
 *
 * Returns: whether the stroke has left a pixel of another nucleus, or
 *   given the outline to one, to keep the nuclei apart
 */
gboolean
lda_nucleus_stroke_kept_apart (const LdaNucleusStroke *self)
{
  return self->kept_apart;
}

/* Whether (@x, @y), in the image, is in @plane. */
static inline gboolean
plane_at (const LdaBitplane *plane,
          gint               x,
          gint               y)
{
  return x >= 0 && y >= 0 && (guint) x < plane->width && (guint) y < plane->height &&
         lda_bitplane_get (plane, (guint) x, (guint) y);
}

/**
 * lda_edits_join_lines:
 * @self: the edits a stroke of class @klass, Shift held, has just been
 *   painted into
 * @merged: the corrected mask, the stroke included
 * @stroke: the rectangle the stroke changed
 * @before: (nullable): @self's pixels before the stroke: the nuclei it
 *   painted are those with a pixel it gave @klass; without them, those
 *   with a pixel of @klass in @self within @stroke
 * @klass: the class the stroke painted
 * @connectivity: how nucleus pixels join, 4 or 8
 * @dirty: (inout): grown by what was changed
 *
 * A stroke that joins two nuclei across the line that split them paints
 * the line only where the brush went: the rest of it stayed outline
 * inside the nucleus they now are, and would teach a network an outline
 * there.  Gives @klass to the outline pixels that lie inside the nuclei
 * the stroke painted — between two of a nucleus's pixels, left and right
 * or above and below, or with two 4-neighbours of it and none but outline
 * besides — until there is none, in @self, so that it is undone with the
 * stroke.  An outline between a nucleus and anything else stays, and so
 * does a band of outline along a nucleus's edge; no pixel is given that
 * would join another nucleus.  The nuclei joined are one nucleus then,
 * live or dead as a whole: their pixels of the other nucleus class are
 * given @klass too.
 * @merged is not changed: merge @dirty again.
 *
 * Returns: how many pixels were given @klass; 0 unless @klass is a
 *   nucleus's
 */
gsize
lda_edits_join_lines (LdaEdits       *self,
                      const LdaImage *merged,
                      const LdaRect  *stroke,
                      const guint8   *before,
                      guint8          klass,
                      guint           connectivity,
                      LdaRect        *dirty)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *shown = lda_image_u8 (merged);
  g_autoptr(LdaBitplane) joined = NULL;
  g_autoptr(GArray) pixels = g_array_new (FALSE, FALSE, sizeof (guint32));
  LdaRect changed = { 0, };
  gint bx0 = G_MAXINT, by0 = G_MAXINT, bx1 = -1, by1 = -1;
  gsize n_given = 0;
  gboolean more = TRUE;

  g_return_val_if_fail (self->width == w && self->height == h, 0);

  if (!lda_is_nucleus_class (klass) || lda_rect_is_empty (stroke) ||
      !(joined = lda_bitplane_new (w, h, NULL)))
    return 0;

  /* The nuclei the stroke painted, and the box round them. */
  for (gint y = MAX (stroke->y, 0); y < MIN (stroke->y + stroke->height, (gint) h); y++)
    for (gint x = MAX (stroke->x, 0); x < MIN (stroke->x + stroke->width, (gint) w); x++)
      {
        g_autoptr(GArray) nucleus = NULL;

        const gsize at = (gsize) y * w + (guint) x;

        if (self->pixels[at] != klass || (before != NULL && before[at] == klass) ||
            plane_at (joined, x, y) ||
            !(nucleus = lda_labels_nucleus_find (merged, (guint) x, (guint) y, connectivity)))
          continue;
        g_array_append_vals (pixels, nucleus->data, nucleus->len);
        for (guint i = 0; i < nucleus->len; i++)
          {
            const guint32 p = g_array_index (nucleus, guint32, i);
            const gint px = (gint) (p % w), py = (gint) (p / w);

            lda_bitplane_set (joined, (guint) px, (guint) py, TRUE);
            bx0 = MIN (bx0, px - 1);
            by0 = MIN (by0, py - 1);
            bx1 = MAX (bx1, px + 1);
            by1 = MAX (by1, py + 1);
          }
      }

  /* Their lines, from the nuclei inwards. */
  while (more)
    {
      more = FALSE;
      for (gint y = MAX (by0, 0); y <= MIN (by1, (gint) h - 1); y++)
        for (gint x = MAX (bx0, 0); x <= MIN (bx1, (gint) w - 1); x++)
          {
            guint beside = 0;
            gboolean inside = TRUE, across;

            if (shown[(gsize) y * w + (guint) x] != LDA_CLASS_OUTLINE || plane_at (joined, x, y))
              continue;
            for (guint k = 0; k < 4 && inside; k++)
              {
                const gint nx = x + dx[k], ny = y + dy[k];

                if (plane_at (joined, nx, ny))
                  beside++;
                else if (nx < 0 || ny < 0 || (guint) nx >= w || (guint) ny >= h ||
                         shown[(gsize) ny * w + (guint) nx] != LDA_CLASS_OUTLINE)
                  inside = FALSE;
              }
            /* Between two of its pixels, left and right or above and
             * below: the line crossed the nucleus, and its ends too. */
            across = (plane_at (joined, x - 1, y) && plane_at (joined, x + 1, y)) ||
                     (plane_at (joined, x, y - 1) && plane_at (joined, x, y + 1));
            /* Never where it would join another nucleus. */
            if ((!across && (beside < 2 || !inside)) ||
                lda_edits_beside_another (shown, joined, x, y, connectivity))
              continue;
            self->pixels[(gsize) y * w + (guint) x] = klass;
            lda_bitplane_set (joined, (guint) x, (guint) y, TRUE);
            lda_edits_changed_add (&changed, (guint) x, (guint) x, (guint) y);
            n_given++;
            more = TRUE;
          }
    }

  /* One nucleus now, live or dead as a whole: the stroke's class, as a
   * stroke without Shift gives the nucleus it begins on. */
  n_given += lda_edits_give_nucleus (self, merged, pixels, klass, &changed);

  lda_edits_changed_to_dirty (&changed, dirty);
  return n_given;
}
