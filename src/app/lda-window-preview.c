/* lda-window-preview.c — a moved threshold shown before the whole result
 *
 * While a slider is dragged, the runner makes the channels' masks first
 * and posts them (LdaPipelineRunner::preview) before it splits the nuclei
 * and floods the cells, the slow stages.  The mask panes show the preview
 * at once, with the frame's edits on top; the whole result replaces it
 * when it comes (lda_window_edit_show()), and the view renders again only
 * the tiles where the two differ.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-window-preview.h"
#include "lda-window-private.h"

static void
on_runner_preview (LdaPipelineRunner *runner,
                   LdaRunPreview     *preview,
                   LdaWindow         *self)
{
  const LdaImage *labels = preview->labels;
  g_autoptr(LdaImage) shown = NULL;
  LdaEdits *edits;

  /* Not for another frame, and not under a stroke: its dabs are drawn
   * into the mask shown. */
  if (self->merged == NULL || self->document == NULL || self->stroking ||
      preview->frame != self->frame ||
      labels->width != self->merged->width || labels->height != self->merged->height)
    return;

  edits = lda_document_get_edits (self->document, self->frame);
  if (edits != NULL && edits->width == labels->width && edits->height == labels->height &&
      lda_edits_count (edits) > 0)
    shown = lda_edits_merge (edits, labels, NULL);
  else
    shown = lda_image_ref (preview->labels);
  if (shown == NULL)
    return;

  lda_image_view_set_labels (self->views[LDA_PANE_SEGMENTED], shown);
  if (g_strcmp0 (self->tool, "view") != 0)
    lda_image_view_set_labels (self->views[LDA_PANE_COMPOSITE], shown);
}

/**
 * lda_window_preview_init:
 * @self: a window whose runner is made
 *
 * Shows the runner's previews on the mask panes.
 */
void
lda_window_preview_init (LdaWindow *self)
{
  g_signal_connect (self->runner, "preview", G_CALLBACK (on_runner_preview), self);
}
