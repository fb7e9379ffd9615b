/* lda-window-hover.c — the nucleus under the pointer, outlined in every
 * pane, and its evidence in the read-out line
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-nucleus-hover.h"
#include "lda-window-private.h"

/* hover_object: no nucleus outlined, or one of the mask as corrected. */
#define HOVER_NONE      (-1)
#define HOVER_CORRECTED (-2)

static void
set_outline (LdaWindow *self,
             GArray    *segments)
{
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    lda_image_view_set_outline (self->views[p], segments);
}

/**
 * lda_window_hover_clear:
 * @self: a window
 *
 * No nucleus is under the pointer any more.
 */
void
lda_window_hover_clear (LdaWindow *self)
{
  if (self->hover_object == HOVER_NONE)
    return;

  self->hover_object = HOVER_NONE;
  set_outline (self, NULL);
}

/**
 * lda_window_hover:
 * @self: a window
 * @result: the result shown
 * @x: column under the pointer
 * @y: row
 *
 * Outlines the nucleus at (@x, @y), if any; the outline is made only when
 * the pointer enters another nucleus or a new result comes.
 *
 * Returns: (transfer full) (nullable): the evidence of its call, or %NULL
 *   where there is no nucleus
 */
char *
lda_window_hover (LdaWindow    *self,
                  LdaRunResult *result,
                  guint         x,
                  guint         y)
{
  gint index = -1;

  if (result->nuclei != NULL && result->counts != NULL)
    index = lda_runs_label_at (result->nuclei, x, y);
  if (index < 0 || (guint) index >= result->counts->n_objects)
    {
      lda_window_hover_clear (self);
      return NULL;
    }

  if (index != self->hover_object || result->generation != self->hover_generation)
    {
      g_autoptr(GArray) outline = lda_nucleus_outline (result->nuclei,
                                                       &result->counts->objects[index], index);

      self->hover_object = index;
      self->hover_generation = result->generation;
      set_outline (self, outline);
    }

  return lda_nucleus_describe (result, index);
}

/**
 * lda_window_hover_corrected:
 * @self: a window
 * @pixels: (element-type guint32): the pixels of the nucleus under the
 *   pointer as corrected by hand (lda_labels_nucleus_find())
 * @width: the frame's width
 *
 * Outlines that nucleus in place of the pipeline's: a stroke that joined
 * two nuclei, or painted one, shows the nucleus the counts count.
 */
void
lda_window_hover_corrected (LdaWindow    *self,
                            const GArray *pixels,
                            guint         width)
{
  g_autoptr(GArray) outline = lda_nucleus_outline_of_pixels (pixels, width);

  self->hover_object = HOVER_CORRECTED;
  set_outline (self, outline);
}
