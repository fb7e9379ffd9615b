/* lda-window-hover.c — the nucleus under the pointer, outlined in every
 * pane, and its evidence in the read-out line
 *
 * The read-out decides once per move of the pointer what is outlined: the
 * pipeline's object, the nucleus as corrected by hand, or nothing.  Each
 * outline is made and handed to the panes only when it changes, so that
 * moving within a nucleus redraws nothing.
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
 * @index: (out): the pipeline's nucleus at (@x, @y), or -1
 *
 * Returns: (transfer full) (nullable): the evidence of that nucleus's call,
 *   or %NULL where there is none
 */
char *
lda_window_hover (LdaWindow    *self,
                  LdaRunResult *result,
                  guint         x,
                  guint         y,
                  gint         *index)
{
  *index = -1;
  if (result->nuclei != NULL && result->counts != NULL)
    *index = lda_runs_label_at (result->nuclei, x, y);
  if (*index < 0 || (guint) *index >= result->counts->n_objects)
    {
      *index = -1;
      return NULL;
    }

  return lda_nucleus_describe (result, *index);
}

/**
 * lda_window_hover_object:
 * @self: a window
 * @result: the result shown
 * @index: one of its nuclei
 *
 * Outlines the pipeline's nucleus @index, unless it is outlined already.
 */
void
lda_window_hover_object (LdaWindow    *self,
                         LdaRunResult *result,
                         gint          index)
{
  g_autoptr(GArray) outline = NULL;

  if (index == self->hover_object && result->generation == self->hover_generation)
    return;

  outline = lda_nucleus_outline (result->nuclei, &result->counts->objects[index], index);
  self->hover_object = index;
  self->hover_generation = result->generation;
  set_outline (self, outline);
}

/* Tells one set of pixels from another, for the outline shown, whatever
 * their order (it depends on the pixel the search began from): a sum of
 * each pixel's index, mixed. */
static guint64
pixels_key (const GArray *pixels)
{
  guint64 key = pixels->len;

  for (guint i = 0; i < pixels->len; i++)
    {
      guint64 p = g_array_index (pixels, guint32, i) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

      key += p ^ (p >> 29);
    }

  return key;
}

/**
 * lda_window_hover_corrected:
 * @self: a window
 * @pixels: (element-type guint32): the pixels of the nucleus under the
 *   pointer as corrected by hand (lda_labels_nucleus_find())
 * @width: the frame's width
 *
 * Outlines that nucleus in place of the pipeline's, unless it is outlined
 * already: a stroke that joined two nuclei, or painted one, shows the
 * nucleus the counts count.
 */
void
lda_window_hover_corrected (LdaWindow    *self,
                            const GArray *pixels,
                            guint         width)
{
  g_autoptr(GArray) outline = NULL;
  guint64 key = pixels_key (pixels);

  if (self->hover_object == HOVER_CORRECTED && key == self->hover_key)
    return;

  outline = lda_nucleus_outline_of_pixels (pixels, width);
  self->hover_object = HOVER_CORRECTED;
  self->hover_key = key;
  set_outline (self, outline);
}
