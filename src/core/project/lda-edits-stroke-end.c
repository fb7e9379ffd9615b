/* lda-edits-stroke-end.c — what the end of a brush or eraser stroke
 * mends, in the stroke's own undo step
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-edits-private.h"

/**
 * lda_edits_end_stroke:
 * @self: the edits a stroke has just been applied to
 * @automatic: the automatic mask
 * @merged: the corrected mask, the stroke included
 * @stroke: the rectangle the stroke changed
 * @how: the stroke and the parameters of the frame
 * @dirty: (inout): grown by what was changed
 *
 * With nucleus objects, the crumbs of nuclei a brush cut off take its
 * class (lda_edits_clear_crumbs()), a nucleus an eraser left with
 * both classes gets back the class found (lda_edits_erase_classes()) and
 * the outline it brought back inside one nucleus is that nucleus's again
 * (lda_edits_erase_lines());
 * the lines between the nuclei a joining brush stroke reached take its
 * class (lda_edits_join_lines()).  @merged is not changed: merge @dirty
 * again.
 *
 * Returns: how many pixels changed
 */
gsize
lda_edits_end_stroke (LdaEdits             *self,
                      const LdaImage       *automatic,
                      const LdaImage       *merged,
                      const LdaRect        *stroke,
                      const LdaStrokeEnd   *how,
                      LdaRect              *dirty)
{
  gsize n = 0;

  if (how->value == LDA_NO_EDIT && !how->objects)
    return 0;
  if (how->value == LDA_NO_EDIT)
    return lda_edits_erase_classes (self, automatic, merged, stroke, how->before,
                                    how->connectivity, dirty) +
           lda_edits_erase_lines (self, automatic, merged, stroke, how->before,
                                  how->connectivity, dirty);

  if (how->objects)
    n += lda_edits_clear_crumbs (self, merged, stroke, how->value, how->min_area,
                                 how->connectivity, dirty);
  if (how->joining)
    n += lda_edits_join_lines (self, merged, stroke, how->before, how->value, how->connectivity,
                               dirty);

  return n;
}
