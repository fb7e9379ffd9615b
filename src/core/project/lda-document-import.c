/* lda-document-import.c — Import Mask: a label image made elsewhere as a
 * frame's corrections, one undoable step saved like a stroke
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-document-private.h"
#include "lda-triples.h"

/**
 * lda_document_import_mask:
 * @self: a document
 * @frame: a frame
 * @path: a 5-class mask or an instance label image of nuclei
 *   (lda-mask-import.c)
 * @kind: which, or %LDA_MASK_AUTO
 * @info: (out) (optional): what was imported
 * @error: return location for an error
 *
 * Segments the frame with its parameters (instances are called live or
 * dead against its Draq7 image, and keep its cells), then replaces the
 * frame's corrections with the image's, as one undoable step that is
 * saved like any stroke.
 *
 * Returns: %TRUE on success; on failure nothing changed
 */
gboolean
lda_document_import_mask (LdaDocument        *self,
                          guint               frame,
                          const char         *path,
                          LdaMaskKind         kind,
                          LdaMaskImportInfo  *info,
                          GError            **error)
{
  LdaFrame *f;
  g_autoptr(LdaPipeline) pipeline = NULL;
  LdaEdits *edits;
  LdaRect all, none = { 0, };
  guint width, height;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  f = lda_series_get_frame (self->series, frame);
  pipeline = lda_triple_open_pipeline (f->triple, f->page, error);
  if (pipeline == NULL ||
      !lda_pipeline_set_params (pipeline, lda_document_get_params (self, frame), error) ||
      !lda_pipeline_run (pipeline, NULL, error))
    return FALSE;

  width = lda_pipeline_get_width (pipeline);
  height = lda_pipeline_get_height (pipeline);
  edits = lda_document_begin_edit (self, frame, width, height, error);
  if (edits == NULL)
    return FALSE;

  if (!lda_mask_import (path, kind, pipeline, edits, info, error))
    {
      lda_document_end_edit (self, frame, &none, NULL);
      return FALSE;
    }

  all = (LdaRect) { 0, 0, (int) width, (int) height };
  lda_document_end_edit (self, frame, &all, _("Import mask"));
  lda_document_emit_edits_changed (self, frame, &all);
  return TRUE;
}
