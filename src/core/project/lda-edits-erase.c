/* lda-edits-erase.c — what an eraser stroke leaves of a nucleus's class
 *
 * The eraser takes away the corrections under it, and the automatic mask
 * shows there again.  Across part of a nucleus whose class was corrected
 * (a live nucleus made dead), it shows the automatic class where it went
 * and the corrected one beside: one nucleus, half live and half dead,
 * which the counts call by its majority and a network would learn as
 * two classes.  A nucleus is one class, as the brush and the fill keep
 * it: the correction of its class goes with the part erased.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-edits-private.h"

/**
 * lda_edits_erase_classes:
 * @self: the edits an eraser stroke has just been applied to
 * @automatic: the automatic mask
 * @merged: the corrected mask, the stroke included
 * @stroke: the rectangle the stroke changed
 * @before: (nullable): @self's pixels before the stroke: the nuclei it
 *   reached are those with a pixel it erased; without them, every
 *   nucleus with a pixel in @stroke
 * @connectivity: how nucleus pixels join, 4 or 8
 * @dirty: (inout): grown by what was changed
 *
 * Each nucleus of @merged that the stroke reached and that shows both
 * nucleus classes gets back the class the automatic mask gives most of
 * its pixels (the class it shows most, if the automatic mask has no
 * nucleus there): its pixels that the automatic mask shows with that
 * class lose their correction, the others (a part painted by hand) are
 * given the class.  In @self, so that it is undone with the stroke.
 * @merged is not changed: merge @dirty again.
 *
 * For nucleus objects, which the pipeline paints whole: the article's
 * nuclei are painted pixel by pixel, and may show both classes as found.
 *
 * Returns: how many pixels changed
 */
gsize
lda_edits_erase_classes (LdaEdits       *self,
                         const LdaImage *automatic,
                         const LdaImage *merged,
                         const LdaRect  *stroke,
                         const guint8   *before,
                         guint           connectivity,
                         LdaRect        *dirty)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *shown = lda_image_u8 (merged);
  const guint8 *found = lda_image_u8 (automatic);
  g_autoptr(LdaBitplane) seen = NULL;
  LdaRect changed = { 0, };
  gsize n_changed = 0;

  g_return_val_if_fail (lda_edits_fits (self, merged) && lda_edits_fits (self, automatic), 0);

  if (lda_rect_is_empty (stroke) || !(seen = lda_bitplane_new (w, h, NULL)))
    return 0;

  for (gint y = MAX (stroke->y, 0); y < MIN (stroke->y + stroke->height, (gint) h); y++)
    for (gint x = MAX (stroke->x, 0); x < MIN (stroke->x + stroke->width, (gint) w); x++)
      {
        g_autoptr(GArray) nucleus = NULL;
        guint n_shown[2] = { 0, 0 }, n_found[2] = { 0, 0 };
        guint8 klass;

        const gsize at = (gsize) y * w + (guint) x;

        if (!lda_is_nucleus_class (shown[at]) || (before != NULL && before[at] == self->pixels[at]) ||
            lda_bitplane_get (seen, (guint) x, (guint) y) ||
            !(nucleus = lda_labels_nucleus_find (merged, (guint) x, (guint) y, connectivity)))
          continue;

        for (guint k = 0; k < nucleus->len; k++)
          {
            const guint32 p = g_array_index (nucleus, guint32, k);

            lda_bitplane_set (seen, p % w, p / w, TRUE);
            n_shown[shown[p] == LDA_CLASS_DRAQ7]++;
            if (lda_is_nucleus_class (found[p]))
              n_found[found[p] == LDA_CLASS_DRAQ7]++;
          }
        if (n_shown[0] == 0 || n_shown[1] == 0)
          continue;

        if (n_found[0] + n_found[1] > 0)
          klass = n_found[1] > n_found[0] ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST;
        else
          klass = n_shown[1] > n_shown[0] ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST;

        for (guint k = 0; k < nucleus->len; k++)
          {
            const guint32 p = g_array_index (nucleus, guint32, k);

            if (shown[p] == klass)
              continue;
            self->pixels[p] = found[p] == klass ? LDA_NO_EDIT : klass;
            lda_edits_changed_add (&changed, p % w, p % w, p / w);
            n_changed++;
          }
      }

  lda_edits_changed_to_dirty (&changed, dirty);
  return n_changed;
}
