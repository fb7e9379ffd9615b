/* lda-frame-run.c — one frame segmented, its corrections on top, counted
 *
 * The one place that turns a frame into what the person sees and what is
 * exported: the window's counts of the other frames, and every exported
 * frame, come from here, so that they cannot disagree.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-error.h"
#include "lda-frame-run.h"

/**
 * lda_frame_counts:
 * @automatic: the counts of the automatic mask (lda_pipeline_get_counts())
 * @labels: the automatic mask with @edits on top
 * @edits: (nullable): the frame's corrections
 * @params: the parameters the mask was made with
 *
 * The counts of a frame as its mask shows them.  Without corrections they
 * are the pipeline's own, with each nucleus's evidence; once the person
 * has corrected the mask, its objects are counted as they stand
 * (lda_counts_new_from_labels_full(), with the connectivity of the
 * parameters' nucleus objects).
 *
 * Returns: (transfer full) (nullable): the counts, or %NULL if memory for
 *   counting cannot be had
 */
LdaCounts *
lda_frame_counts (const LdaCounts *automatic,
                  const LdaImage  *labels,
                  const LdaEdits  *edits,
                  const LdaParams *params)
{
  g_return_val_if_fail (automatic != NULL, NULL);
  g_return_val_if_fail (labels != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (edits == NULL || lda_edits_count (edits) == 0)
    return lda_counts_copy (automatic);

  return lda_counts_new_from_labels_full (labels, lda_params_nucleus_connectivity (params));
}

/**
 * lda_frame_run_free:
 * @self: (nullable): a frame's run
 */
void
lda_frame_run_free (LdaFrameRun *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->pipeline, lda_pipeline_free);
  g_clear_pointer (&self->labels, lda_image_unref);
  g_clear_pointer (&self->counts, lda_counts_free);
  g_free (self);
}

/**
 * lda_frame_run:
 * @triple: the frame's files
 * @page: its page in them
 * @title: its title, named in messages
 * @params: its parameters
 * @edits: (nullable): its corrections
 * @flags: how to run
 * @cancellable: (nullable): cancels the run
 * @error: return location for an error
 *
 * Segments one frame with @params, puts @edits on top and counts what
 * results.  Every failure names the brightfield file and the frame.
 *
 * Returns: (transfer full) (nullable): the run, or %NULL on error
 */
LdaFrameRun *
lda_frame_run (const LdaTriple  *triple,
               guint             page,
               const char       *title,
               const LdaParams  *params,
               const LdaEdits   *edits,
               LdaFrameRunFlags  flags,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(LdaFrameRun) self = g_new0 (LdaFrameRun, 1);
  const char *file = triple->paths[LDA_INPUT_BRIGHTFIELD];
  LdaImage *automatic;

  g_return_val_if_fail (triple != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  self->pipeline = lda_triple_open_pipeline (triple, page, error);
  if (self->pipeline == NULL)
    return NULL;

  if ((flags & LDA_FRAME_RUN_ONE_THREAD) != 0)
    lda_pipeline_set_threaded (self->pipeline, FALSE);

  if (!lda_pipeline_set_params (self->pipeline, params, error))
    {
      g_prefix_error (error, _("%s: frame “%s”: "), file, title);
      return NULL;
    }
  if (!lda_pipeline_run (self->pipeline, cancellable, error))
    return NULL;

  /* Corrections made on images of another size are not put on these,
   * even when they are empty: the frame's images were replaced. */
  automatic = lda_pipeline_get_labels (self->pipeline);
  if (edits != NULL &&
      (edits->width != automatic->width || edits->height != automatic->height))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
                   _("%s: the edits of frame “%s” are %u × %u, the images %u × %u"),
                   file, title, edits->width, edits->height,
                   automatic->width, automatic->height);
      return NULL;
    }
  if (edits != NULL && lda_edits_count (edits) > 0)
    {
      self->labels = lda_edits_merge (edits, automatic, error);
      if (self->labels == NULL)
        return NULL;
    }
  else
    self->labels = lda_image_ref (automatic);

  self->counts = lda_frame_counts (lda_pipeline_get_counts (self->pipeline), self->labels,
                                   edits, lda_pipeline_get_params (self->pipeline));
  if (self->counts == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("%s: frame “%s”: not enough memory to count its nuclei"), file, title);
      return NULL;
    }

  return g_steal_pointer (&self);
}
