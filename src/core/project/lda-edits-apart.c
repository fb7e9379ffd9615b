/* lda-edits-apart.c — a brush stroke of a nucleus class keeps nuclei apart
 *
 * On the corrected mask a nucleus is a connected piece of classes 3 and 4
 * (lda-edits-counts.c), so a stroke that paints a nucleus up to its
 * neighbour joins the two: the counts lose a cell, and a network learns
 * two nuclei as one.  A stroke therefore belongs to one nucleus: the one
 * it starts on, or a new one where it starts off the nuclei.  It paints
 * that nucleus and the pixels around it, leaves every other nucleus's
 * pixels as they are, and gives the outline class to the pixels it would
 * paint next to another nucleus, so that a line of one pixel stays
 * between them, as the pipeline draws one between the nuclei it splits.
 * Joining two nuclei is a stroke of its own kind, which paints as
 * lda_edits_line() does (in the window, Shift held).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-bitplane.h"
#include "lda-edits-private.h"

struct _LdaNucleusStroke
{
  LdaBitplane    *own;       /* the stroke's nucleus: where it began, and what it painted */
  const LdaImage *merged;    /* during a call only */
  guint           connectivity;
  guint8          klass;
  gboolean        kept_apart;
};

static inline gboolean
is_nucleus (guint8 v)
{
  return v == LDA_CLASS_HOECHST || v == LDA_CLASS_DRAQ7;
}

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
 * (@x, @y), or a new one if there is none there.
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
  if (!(self->own = lda_bitplane_new (merged->width, merged->height, error)))
    return NULL;

  if (x >= 0 && y >= 0 && x < merged->width && y < merged->height)
    {
      g_autoptr(GArray) nucleus = lda_labels_nucleus_find (merged, (guint) x, (guint) y,
                                                           connectivity);

      for (guint i = 0; nucleus != NULL && i < nucleus->len; i++)
        {
          const guint32 p = g_array_index (nucleus, guint32, i);

          lda_bitplane_set (self->own, p % merged->width, p / merged->width, TRUE);
        }
    }

  return g_steal_pointer (&self);
}

void
lda_nucleus_stroke_free (LdaNucleusStroke *self)
{
  if (self == NULL)
    return;

  lda_bitplane_free (self->own);
  g_free (self);
}

/* Whether pixel (@x, @y) has a neighbour that is another nucleus's. */
static gboolean
touches_another (const LdaNucleusStroke *self,
                 guint                   x,
                 guint                   y)
{
  static const int dx[8] = { -1, 1, 0, 0, -1, 1, -1, 1 };
  static const int dy[8] = { 0, 0, -1, 1, -1, -1, 1, 1 };
  const guint w = self->merged->width, h = self->merged->height;
  const guint8 *pixels = lda_image_u8 (self->merged);

  for (guint k = 0; k < self->connectivity; k++)
    {
      const gint nx = (gint) x + dx[k], ny = (gint) y + dy[k];

      if (nx < 0 || ny < 0 || (guint) nx >= w || (guint) ny >= h)
        continue;
      if (is_nucleus (pixels[(gsize) ny * w + (guint) nx]) &&
          !lda_bitplane_get (self->own, (guint) nx, (guint) ny))
        return TRUE;
    }

  return FALSE;
}

/* lda_edits_disc()'s painter: the stroke's nucleus and the pixels free
 * of any other take the class, pixels next to another nucleus the
 * outline, the other nuclei's own pixels stay. */
static int
paint_apart (guint    x,
             guint    y,
             gpointer data)
{
  LdaNucleusStroke *self = data;
  /* The merged mask is the one before the stroke's last call, at most:
   * a pixel this stroke has painted since is in @own already, or was
   * given the outline over a pixel of no nucleus. */
  const guint8 shown = lda_image_u8 (self->merged)[(gsize) y * self->merged->width + x];

  if (lda_bitplane_get (self->own, x, y))
    return self->klass;
  if (is_nucleus (shown))
    {
      self->kept_apart = TRUE;
      return -1;
    }
  if (touches_another (self, x, y))
    {
      self->kept_apart = TRUE;
      return LDA_CLASS_OUTLINE;
    }
  lda_bitplane_set (self->own, x, y, TRUE);

  return self->klass;
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
 * lda_edits_line() with @klass, kept to the stroke's nucleus: the pixels
 * of other nuclei are left as they are, and those that would join the
 * stroke's nucleus to one of them are given %LDA_CLASS_OUTLINE.  A dab is
 * a line from a point to itself.
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
  g_return_if_fail (is_nucleus (klass));

  self->merged = merged;
  self->klass = klass;
  lda_edits_segment (edits, x0, y0, x1, y1, radius, klass, paint_apart, self, dirty);
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
