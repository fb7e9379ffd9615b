/* lda-document-edits.c — the document's corrections, and undo and redo
 * of them and of parameters
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-document-private.h"
#include "lda-error.h"
#include "lda-project.h"

/**
 * lda_document_get_edits:
 * @self: a document
 * @frame: a frame
 *
 * Returns: (transfer none) (nullable): the frame's edit layer, %NULL when
 *   the frame has never been corrected; it may be of another size than
 *   the frame's images when those were replaced since
 */
LdaEdits *
lda_document_get_edits (LdaDocument *self,
                        guint        frame)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), NULL);

  return g_ptr_array_index (self->edits, frame);
}

/* The frame's state follows its edits: automatic without, edited with. */
static void
refresh_state (LdaDocument *self,
               guint        frame)
{
  LdaFrame *f = lda_series_get_frame (self->series, frame);
  LdaFrameState old = f->state;

  f->state = lda_document_state_after_change (self, frame);
  if (f->state != old)
    lda_document_mark_unsaved (self, -1);
}

/**
 * lda_document_begin_edit:
 * @self: a document
 * @frame: a frame
 * @width: the columns of the frame's images
 * @height: their rows
 * @error: return location for an error
 *
 * Starts one undoable operation on the frame's edit layer — a whole brush
 * stroke, a fill, a click — making the layer if the frame has none.  The
 * caller changes the returned layer with the tools of lda-edits.h, then
 * calls lda_document_end_edit().
 *
 * Returns: (transfer none) (nullable): the layer, or %NULL with
 *   %LDA_ERROR_LOCKED when the document is read-only, or
 *   %LDA_ERROR_SIZE_MISMATCH when the frame's corrections were made on
 *   images of another size
 */
LdaEdits *
lda_document_begin_edit (LdaDocument  *self,
                         guint         frame,
                         guint         width,
                         guint         height,
                         GError      **error)
{
  LdaEdits *edits;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), NULL);
  g_return_val_if_fail (self->editing < 0, NULL);

  if (lda_document_is_read_only (self))
    {
      g_set_error_literal (error, LDA_ERROR, LDA_ERROR_LOCKED, self->read_only_reason);
      return NULL;
    }

  edits = g_ptr_array_index (self->edits, frame);
  if (edits != NULL && (edits->width != width || edits->height != height))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
                   _("The images of “%s” are now %u × %u pixels; their corrections were made "
                     "at %u × %u. The corrections are kept as they are but cannot be shown or "
                     "exported: put the original images back."),
                   lda_series_get_frame (self->series, frame)->title, width, height,
                   edits->width, edits->height);
      return NULL;
    }

  if (edits == NULL)
    {
      edits = lda_edits_new (width, height, error);
      if (edits == NULL)
        return NULL;
      g_ptr_array_index (self->edits, frame) = edits;
    }

  self->editing = (int) frame;
  lda_history_begin (lda_document_frame_history (self, frame), edits);
  return edits;
}

/**
 * lda_document_get_edit_before:
 * @self: a document
 * @frame: the frame being edited
 *
 * Returns: (nullable): the frame's edit layer as it was when
 *   lda_document_begin_edit() began the edit now open, a byte a pixel;
 *   %NULL when none is open or it could not be kept
 */
const guint8 *
lda_document_get_edit_before (LdaDocument *self,
                              guint        frame)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  if (self->editing != (int) frame)
    return NULL;

  return lda_history_get_before (lda_document_frame_history (self, frame));
}

/**
 * lda_document_end_edit:
 * @self: a document
 * @frame: the frame given to lda_document_begin_edit()
 * @dirty: what the operation changed
 * @label: (nullable): its name in the history, e.g. "Paint"
 *
 * Records the operation as one undo step and saves it soon.
 */
void
lda_document_end_edit (LdaDocument   *self,
                       guint          frame,
                       const LdaRect *dirty,
                       const char    *label)
{
  LdaEdits *edits;
  LdaHistory *history;

  g_return_if_fail (LDA_IS_DOCUMENT (self));
  g_return_if_fail (self->editing == (int) frame);
  g_return_if_fail (dirty != NULL);

  self->editing = -1;
  edits = g_ptr_array_index (self->edits, frame);
  history = lda_document_frame_history (self, frame);

  /* Every recorded step is stamped at once: an unstamped top step is the
   * one just recorded (none is when nothing changed). */
  lda_history_end (history, edits, dirty, label);
  if (lda_history_n_undo (history) > 0 && lda_history_undo_stamp (history) == 0)
    {
      lda_history_stamp (history, ++self->clock);
      lda_document_drop_redo_beside (self, (int) frame);
    }
  self->merge_key = 0;

  if (lda_rect_is_empty (dirty))
    return;

  refresh_state (self, frame);
  lda_document_mark_unsaved (self, (int) frame);
  lda_document_emit_frame_changed (self, frame);
}

/**
 * lda_document_reset_frame:
 * @self: a document
 * @frame: a frame
 *
 * Drops every correction of the frame, as one undoable step.
 *
 * Returns: %TRUE if there was something to drop
 */
gboolean
lda_document_reset_frame (LdaDocument *self,
                          guint        frame)
{
  LdaEdits *edits;
  LdaRect all;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  edits = g_ptr_array_index (self->edits, frame);
  if (edits == NULL || lda_edits_count (edits) == 0 || self->editing >= 0 ||
      lda_document_is_read_only (self))
    return FALSE;

  all = (LdaRect) { 0, 0, (int) edits->width, (int) edits->height };
  self->editing = (int) frame;
  lda_history_begin (lda_document_frame_history (self, frame), edits);
  lda_edits_clear (edits);
  lda_document_end_edit (self, frame, &all, _("Reset frame"));
  lda_document_emit_edits_changed (self, frame, &all);
  return TRUE;
}

/**
 * lda_document_drop_redo_beside:
 * @self: a document
 * @owner: the frame whose history a step was just recorded in, or -1 for
 *   the series'
 *
 * A new step drops what could have been redone, in its own history
 * (lda_history_drop_redo()) and in the others that Ctrl+Z reaches with
 * it: a frame's step, the series'; the series' step, every frame's.
 * Otherwise Redo after undoing a slider and painting brought the slider
 * back, and not the strokes undone since.
 */
void
lda_document_drop_redo_beside (LdaDocument *self,
                               int          owner)
{
  if (owner >= 0)
    {
      lda_history_drop_redo (self->series_history);
      return;
    }

  for (guint i = 0; i < self->histories->len; i++)
    if (g_ptr_array_index (self->histories, i) != NULL)
      lda_history_drop_redo (g_ptr_array_index (self->histories, i));
}

/* Applies a parameter state taken from a history. */
static gboolean
step_history (LdaDocument *self,
              LdaHistory  *history,
              int          owner,
              gboolean     undo)
{
  LdaHistoryKind kind = undo ? lda_history_undo_kind (history) : lda_history_redo_kind (history);

  if (kind == LDA_HISTORY_PARAMS)
    {
      LdaParamsState state;

      if (!(undo ? lda_history_undo_params (history, &state)
                 : lda_history_redo_params (history, &state)))
        return FALSE;
      lda_document_apply_params_state (self, owner, &state);
      return TRUE;
    }

  if (kind == LDA_HISTORY_EDITS && owner >= 0)
    {
      LdaEdits *edits = g_ptr_array_index (self->edits, owner);
      LdaRect dirty = { 0, 0, 0, 0 };

      if (edits == NULL ||
          !(undo ? lda_history_undo (history, edits, &dirty)
                 : lda_history_redo (history, edits, &dirty)))
        return FALSE;

      self->merge_key = 0;
      refresh_state (self, (guint) owner);
      lda_document_mark_unsaved (self, owner);
      lda_document_emit_edits_changed (self, (guint) owner, &dirty);
      lda_document_emit_frame_changed (self, (guint) owner);
      return TRUE;
    }

  return FALSE;
}

/* The history Ctrl+Z (or Ctrl+Shift+Z) on @frame acts on: the frame's or
 * the series', whichever holds the person's last step (for redo: the
 * last step undone). */
static LdaHistory *
history_for (LdaDocument *self,
             guint        frame,
             gboolean     undo,
             int         *owner)
{
  LdaHistory *own = g_ptr_array_index (self->histories, frame);
  guint64 a = 0, b;

  if (own != NULL)
    a = undo ? lda_history_undo_stamp (own) : lda_history_redo_stamp (own);
  b = undo ? lda_history_undo_stamp (self->series_history)
           : lda_history_redo_stamp (self->series_history);

  if (a == 0 && b == 0)
    return NULL;

  /* Undo takes the newest step back; redo applies first the step undone
   * last, which is the older of the two waiting. */
  if (b == 0 || (a != 0 && (undo ? a > b : a < b)))
    {
      *owner = (int) frame;
      return own;
    }

  *owner = -1;
  return self->series_history;
}

/* Undo (@undo) or redo on @frame's history, or the series' one. */
static gboolean
undo_or_redo (LdaDocument *self,
              guint        frame,
              gboolean     undo)
{
  LdaHistory *history;
  int owner = -1;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  if (self->editing >= 0 || lda_document_is_read_only (self))
    return FALSE;

  history = history_for (self, frame, undo, &owner);
  return history != NULL && step_history (self, history, owner, undo);
}

/**
 * lda_document_undo:
 * @self: a document
 * @frame: the frame the person is on
 *
 * Takes back the person's last step there: a correction of the frame, a
 * change of its own parameters, or a change of the series' parameters.
 * ::edits-changed or ::params-changed tell what changed.
 *
 * Returns: %TRUE if there was a step to undo
 */
gboolean
lda_document_undo (LdaDocument *self,
                   guint        frame)
{
  return undo_or_redo (self, frame, TRUE);
}

/**
 * lda_document_redo:
 * @self: a document
 * @frame: the frame the person is on
 *
 * Applies again the last step undone there.
 *
 * Returns: %TRUE if there was a step to redo
 */
gboolean
lda_document_redo (LdaDocument *self,
                   guint        frame)
{
  return undo_or_redo (self, frame, FALSE);
}

gboolean
lda_document_can_undo (LdaDocument *self,
                       guint        frame)
{
  int owner;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  return !lda_document_is_read_only (self) && history_for (self, frame, TRUE, &owner) != NULL;
}

gboolean
lda_document_can_redo (LdaDocument *self,
                       guint        frame)
{
  int owner;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  return !lda_document_is_read_only (self) && history_for (self, frame, FALSE, &owner) != NULL;
}

/**
 * lda_document_get_undo_label:
 * @self: a document
 * @frame: the frame the person is on
 *
 * Returns: (nullable): the name of the step undo would take back
 */
const char *
lda_document_get_undo_label (LdaDocument *self,
                             guint        frame)
{
  LdaHistory *history;
  int owner;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), NULL);

  history = history_for (self, frame, TRUE, &owner);
  return history != NULL ? lda_history_undo_label (history) : NULL;
}

const char *
lda_document_get_redo_label (LdaDocument *self,
                             guint        frame)
{
  LdaHistory *history;
  int owner;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), NULL);

  history = history_for (self, frame, FALSE, &owner);
  return history != NULL ? lda_history_redo_label (history) : NULL;
}

