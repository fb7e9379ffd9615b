/* lda-document-params.c — the document's parameters, each change an
 * undo step
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

const LdaParams *
lda_document_get_params (LdaDocument *self,
                         guint        frame)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), NULL);

  return lda_series_get_frame_params (self->series, frame);
}

gboolean
lda_document_has_own_params (LdaDocument *self,
                             guint        frame)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  return lda_series_get_frame (self->series, frame)->has_override;
}

LdaHistory *
lda_document_frame_history (LdaDocument *self,
               guint        frame)
{
  LdaHistory *history = g_ptr_array_index (self->histories, frame);

  if (history == NULL)
    {
      history = lda_history_new (LDA_HISTORY_DEFAULT_STEPS);
      g_ptr_array_index (self->histories, frame) = history;
    }

  return history;
}

static const char * const field_labels[] = {
  N_("offset"), N_("use of the offset"), N_("coarseness"), N_("kernel"),
  N_("threshold method"), N_("manual threshold"), N_("saturated tiles"),
  N_("automatic method"), N_("saturation"),
};

static const char * const nucleus_field_labels[] = {
  N_("Nucleus objects"), N_("Splitting of nuclei"), N_("Split depth"), N_("Smallest nucleus"),
};

#define FIELD_STRIDE 16
G_STATIC_ASSERT (G_N_ELEMENTS (field_labels) <= FIELD_STRIDE);

/* Which single field of which channel (or of the nuclei, as channel
 * LDA_N_CHANNELS) differs, as 1 + channel × FIELD_STRIDE + field, or 0
 * when none or several do. */
static guint
changed_field (const LdaParams *a,
               const LdaParams *b)
{
  guint key = 0, n = 0;

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      const LdaChannelParams *x = &a->channel[c];
      const LdaChannelParams *y = &b->channel[c];
      gboolean differs[G_N_ELEMENTS (field_labels)] = {
        x->offset != y->offset, x->use_offset != y->use_offset,
        x->coarseness != y->coarseness, x->kernel != y->kernel, x->manual != y->manual,
        x->manual_threshold != y->manual_threshold, x->ignore_saturated != y->ignore_saturated,
        x->method != y->method, x->saturation != y->saturation,
      };

      for (guint f = 0; f < G_N_ELEMENTS (differs); f++)
        if (differs[f])
          {
            key = 1 + c * FIELD_STRIDE + f;
            n++;
          }
    }

  {
    const LdaNucleusParams *x = &a->nuclei;
    const LdaNucleusParams *y = &b->nuclei;
    gboolean differs[G_N_ELEMENTS (nucleus_field_labels)] = {
      x->objects != y->objects, x->split != y->split, x->split_depth != y->split_depth,
      x->min_area != y->min_area,
    };

    for (guint f = 0; f < G_N_ELEMENTS (differs); f++)
      if (differs[f])
        {
          key = 1 + LDA_N_CHANNELS * FIELD_STRIDE + f;
          n++;
        }
  }

  return n == 1 ? key : 0;
}

static char *
field_label (guint key)
{
  guint channel, field;

  if (key == 0)
    return g_strdup (_("Parameters"));

  channel = (key - 1) / FIELD_STRIDE;
  field = (key - 1) % FIELD_STRIDE;
  if (channel == LDA_N_CHANNELS)
    return g_strdup (_(nucleus_field_labels[field]));

  /* TRANSLATORS: an undoable change, e.g. "Hoechst offset" */
  return g_strdup_printf (C_("undo step", "%s %s"), lda_channel_title (channel),
                          _(field_labels[field]));
}

/* Records a parameter change in @history, folding it into the previous
 * step when the same control moved a moment ago. */
static void
record_params (LdaDocument          *self,
               LdaHistory           *history,
               int                   owner,
               const LdaParamsState *before,
               const LdaParamsState *after,
               guint                 key)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *label = field_label (key);
  gboolean merge;

  merge = key != 0 && key == self->merge_key && owner == self->merge_frame &&
          now - self->merge_time < self->merge_window_us;
  lda_history_record_params (history, before, after, label, merge);
  lda_history_stamp (history, ++self->clock);
  lda_document_drop_redo_beside (self, owner);

  self->merge_key = key;
  self->merge_frame = owner;
  self->merge_time = now;
}

/**
 * lda_document_set_params:
 * @self: a document
 * @frame: the frame the person is on
 * @params: the parameters the person set there
 *
 * Applies @params where the person set them: to the frame if it has
 * parameters of its own, else to the series.  One undoable step; changes
 * of the same control within a moment of each other (a slider being
 * dragged) make one step.
 *
 * Returns: %FALSE if the document is read-only (nothing changed)
 */
gboolean
lda_document_set_params (LdaDocument     *self,
                         guint            frame,
                         const LdaParams *params)
{
  LdaParamsState before, after;
  gboolean own;
  guint key;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (lda_document_is_read_only (self))
    return FALSE;

  own = lda_document_has_own_params (self, frame);
  before.own = own;
  before.params = *lda_document_get_params (self, frame);
  after.own = own;
  after.params = *params;
  key = changed_field (&before.params, &after.params);
  if (key == 0 && lda_params_equal (&before.params, &after.params))
    return TRUE;

  if (own)
    {
      lda_series_set_frame_override (self->series, frame, params);
      record_params (self, lda_document_frame_history (self, frame), (int) frame, &before, &after, key);
    }
  else
    {
      lda_series_set_params (self->series, params);
      record_params (self, self->series_history, -1, &before, &after, key);
    }

  lda_document_mark_unsaved (self, -1);
  lda_document_emit_params_changed (self, own ? (int) frame : -1);
  return TRUE;
}

/**
 * lda_document_set_merge_window:
 * @self: a document
 * @milliseconds: how close together changes of one control must be to
 *   make one undo step; 0 makes every change a step
 */
void
lda_document_set_merge_window (LdaDocument *self,
                               guint        milliseconds)
{
  g_return_if_fail (LDA_IS_DOCUMENT (self));

  self->merge_window_us = (gint64) milliseconds * 1000;
}

/**
 * lda_document_load_params:
 * @self: a document
 * @frame: the frame the person is on
 * @params: parameters read from a file
 *
 * As lda_document_set_params(), but always its own undoable step, never
 * folded into a slider change made a moment before.
 *
 * Returns: %FALSE if the document is read-only (nothing changed)
 */
gboolean
lda_document_load_params (LdaDocument     *self,
                          guint            frame,
                          const LdaParams *params)
{
  LdaParamsState before, after;
  LdaHistory *history;
  gboolean own;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (lda_document_is_read_only (self))
    return FALSE;

  own = lda_document_has_own_params (self, frame);
  before.own = own;
  before.params = *lda_document_get_params (self, frame);
  after.own = own;
  after.params = *params;
  if (lda_params_equal (&before.params, &after.params))
    return TRUE;

  if (own)
    lda_series_set_frame_override (self->series, frame, params);
  else
    lda_series_set_params (self->series, params);
  history = own ? lda_document_frame_history (self, frame) : self->series_history;
  lda_history_record_params (history, &before, &after, _("Load Parameters"), FALSE);
  lda_history_stamp (history, ++self->clock);
  lda_document_drop_redo_beside (self, own ? (int) frame : -1);
  self->merge_key = 0;

  lda_document_mark_unsaved (self, -1);
  lda_document_emit_params_changed (self, own ? (int) frame : -1);
  return TRUE;
}

/**
 * lda_document_set_own_params:
 * @self: a document
 * @frame: a frame
 * @own: give the frame parameters of its own, starting from the
 *   series', or go back to the series'
 *
 * One undoable step of the frame.
 *
 * Returns: %FALSE if the document is read-only
 */
gboolean
lda_document_set_own_params (LdaDocument *self,
                             guint        frame,
                             gboolean     own)
{
  LdaParamsState before, after;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  if (lda_document_is_read_only (self))
    return FALSE;
  if (own == lda_document_has_own_params (self, frame))
    return TRUE;

  before.own = !own;
  before.params = *lda_document_get_params (self, frame);
  after.own = own;
  after.params = *lda_series_get_params (self->series);

  lda_series_set_frame_override (self->series, frame, own ? &after.params : NULL);
  lda_history_record_params (lda_document_frame_history (self, frame), &before, &after,
                             own ? _("Parameters of this frame") : _("Parameters of all frames"),
                             FALSE);
  lda_history_stamp (lda_document_frame_history (self, frame), ++self->clock);
  lda_document_drop_redo_beside (self, (int) frame);
  self->merge_key = 0;

  lda_document_mark_unsaved (self, -1);
  lda_document_emit_params_changed (self, (int) frame);
  lda_document_emit_frame_changed (self, frame);
  return TRUE;
}

/* Applies a parameter state taken from a history (undo, redo). */
void
lda_document_apply_params_state (LdaDocument          *self,
                    int                   owner,
                    const LdaParamsState *state)
{
  if (owner < 0)
    lda_series_set_params (self->series, &state->params);
  else
    lda_series_set_frame_override (self->series, (guint) owner,
                                   state->own ? &state->params : NULL);

  self->merge_key = 0;
  lda_document_mark_unsaved (self, -1);
  lda_document_emit_params_changed (self, owner);
  if (owner >= 0)
    lda_document_emit_frame_changed (self, (guint) owner);
}

/* Undoes or redoes the newest (undo) or oldest (redo) step of @history. */
