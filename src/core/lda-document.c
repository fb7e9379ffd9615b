/* lda-document.c — a series being corrected: its parameters, every
 * frame's corrections and undo history, and where and when they are saved
 *
 * The document is what the person works on, apart from any window: the
 * series with its parameters and frame states, each frame's edit layer
 * and undo history, the series' own history of parameter changes, the
 * project it is saved in and the lock that keeps a second writer out.  A
 * window shows one and sends it what the person does; tests drive it
 * without a display.  Saving is in lda-document-save.c.
 *
 * Undo: each frame has one history, for its corrections and for its own
 * parameters; changes of the series' parameters go into the series'
 * history.  Every step is stamped from one clock, so that Ctrl+Z on a
 * frame takes back whichever of the two holds the person's last step.
 *
 * Everything here runs on the thread that made the document (the main
 * thread in the application); the save worker reads only copies.
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

/* Changes of one control this close together are one undo step. */
#define MERGE_WINDOW_MS 1500

G_DEFINE_FINAL_TYPE (LdaDocument, lda_document, G_TYPE_OBJECT)

enum {
  PARAMS_CHANGED,
  EDITS_CHANGED,
  FRAME_CHANGED,
  DAMAGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SAVE_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- opening */

static void
add_notice (LdaDocument *self,
            char        *message)
{
  g_ptr_array_add (self->notices, message);
}

static void
make_read_only (LdaDocument *self,
                const char  *reason)
{
  if (self->read_only_reason == NULL)
    self->read_only_reason = g_strdup (reason);
  lda_document_set_save_state (self, LDA_SAVE_STATE_READ_ONLY);
}

/* Loads the project; damaged files are set aside by the first try, and
 * what is intact comes with the second. */
static void
load_project (LdaDocument *self)
{
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GKeyFile) extra = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = lda_project_load_location (self->series, self->location, &edits, &extra, &error);
  if (!ok && g_error_matches (error, LDA_ERROR, LDA_ERROR_CORRUPT))
    {
      g_clear_error (&error);
      g_clear_pointer (&edits, g_ptr_array_unref);
      g_clear_pointer (&extra, g_key_file_unref);
      ok = lda_project_load_location (self->series, self->location, &edits, &extra, &error);
    }

  if (!ok)
    {
      g_autofree char *reason = NULL;

      /* Never write over a project this version cannot read. */
      reason = g_strdup_printf (_("The saved corrections could not be read (%s); they are "
                                  "left as they are and nothing is saved"), error->message);
      make_read_only (self, reason);
      return;
    }

  if (extra != NULL)
    {
      g_key_file_unref (self->extra);
      self->extra = g_steal_pointer (&extra);
    }

  for (guint i = 0; i < edits->len && i < self->edits->len; i++)
    {
      LdaEdits *e = g_ptr_array_index (edits, i);

      g_ptr_array_index (edits, i) = NULL;
      lda_edits_free (g_ptr_array_index (self->edits, i));
      g_ptr_array_index (self->edits, i) = e;
    }
}

/**
 * lda_document_open:
 * @series: (transfer full): what to work on
 * @flags: whether it is the bundled sample
 *
 * Finds the series' project (lda_project_location_new()), takes its lock
 * and loads what was saved: parameters, frame states, corrections.
 * Nothing here fails: a project that is open elsewhere, or that this
 * version cannot read, gives a read-only document
 * (lda_document_get_read_only_reason()), damaged files are set aside and
 * reported by lda_document_get_damage(), and what the person should know
 * is in lda_document_get_notices().
 *
 * Returns: (transfer full): the document
 */
LdaDocument *
lda_document_open (LdaSeries        *series,
                   LdaDocumentFlags  flags)
{
  LdaDocument *self;
  g_autoptr(GError) error = NULL;
  guint n;

  g_return_val_if_fail (series != NULL, NULL);

  self = g_object_new (LDA_TYPE_DOCUMENT, NULL);
  self->series = series;
  self->is_sample = (flags & LDA_DOCUMENT_SAMPLE) != 0;
  n = lda_series_get_n_frames (series);
  g_ptr_array_set_size (self->edits, n);
  g_ptr_array_set_size (self->histories, n);
  g_byte_array_set_size (self->unsaved_edits, n);
  memset (self->unsaved_edits->data, 0, n);

  self->location = lda_project_location_new (series, self->is_sample);
  if (self->location->fallback && !self->is_sample)
    add_notice (self, g_strdup_printf (_("The image folder cannot be written to; your "
                                         "corrections are saved in %s"),
                                       self->location->folder));

  /* The lock first, so that nothing below competes with a writer. */
  self->lock = lda_project_lock_acquire (self->location->folder, &error);
  if (self->lock == NULL)
    {
      g_autofree char *reason = NULL;

      if (g_error_matches (error, LDA_ERROR, LDA_ERROR_LOCKED))
        reason = g_strdup_printf (_("%s: it is shown read-only, so that neither overwrites "
                                    "the other’s corrections"), error->message);
      else
        reason = g_strdup_printf (_("The project cannot be saved (%s): it is shown read-only"),
                                  error->message);
      make_read_only (self, reason);
    }

  load_project (self);
  g_ptr_array_unref (self->damage);
  self->damage = lda_project_find_damage (series, self->location, self->extra);

  lda_document_save_init (self);

  return self;
}

LdaSeries *
lda_document_get_series (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->series;
}

guint
lda_document_get_n_frames (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), 0);

  return lda_series_get_n_frames (self->series);
}

gboolean
lda_document_is_sample (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  return self->is_sample;
}

const LdaProjectLocation *
lda_document_get_location (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->location;
}

/**
 * lda_document_get_notices:
 * @self: a document
 *
 * Returns: (transfer none) (element-type utf8): what the person should
 *   know about where the project is, found when it was opened
 */
GPtrArray *
lda_document_get_notices (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->notices;
}

/* ----------------------------------------------------------- parameters */

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

static LdaHistory *
frame_history (LdaDocument *self,
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
};

/* Which single field of which channel differs, as 1 + channel × 8 +
 * field, or 0 when none or several do. */
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
      };

      for (guint f = 0; f < G_N_ELEMENTS (differs); f++)
        if (differs[f])
          {
            key = 1 + c * 8 + f;
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

  channel = (key - 1) / 8;
  field = (key - 1) % 8;
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
  if (key == 0 && memcmp (&before.params, &after.params, sizeof (LdaParams)) == 0)
    return TRUE;

  if (own)
    {
      lda_series_set_frame_override (self->series, frame, params);
      record_params (self, frame_history (self, frame), (int) frame, &before, &after, key);
    }
  else
    {
      lda_series_set_params (self->series, params);
      record_params (self, self->series_history, -1, &before, &after, key);
    }

  lda_document_mark_unsaved (self, -1);
  g_signal_emit (self, signals[PARAMS_CHANGED], 0, own ? (int) frame : -1);
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
  lda_history_record_params (frame_history (self, frame), &before, &after,
                             own ? _("Parameters of this frame") : _("Parameters of all frames"),
                             FALSE);
  lda_history_stamp (frame_history (self, frame), ++self->clock);
  self->merge_key = 0;

  lda_document_mark_unsaved (self, -1);
  g_signal_emit (self, signals[PARAMS_CHANGED], 0, (int) frame);
  g_signal_emit (self, signals[FRAME_CHANGED], 0, frame);
  return TRUE;
}

/* ---------------------------------------------------------- corrections */

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
  LdaEdits *edits = g_ptr_array_index (self->edits, frame);
  LdaFrame *f = lda_series_get_frame (self->series, frame);
  LdaFrameState old = f->state;

  if (edits != NULL && lda_edits_count (edits) > 0)
    f->state = f->state == LDA_FRAME_AUTOMATIC ? LDA_FRAME_EDITED : f->state;
  else if (f->state == LDA_FRAME_EDITED)
    f->state = LDA_FRAME_AUTOMATIC;

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
  lda_history_begin (frame_history (self, frame), edits);
  return edits;
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
  history = frame_history (self, frame);

  /* Every recorded step is stamped at once: an unstamped top step is the
   * one just recorded (none is when nothing changed). */
  lda_history_end (history, edits, dirty, label);
  if (lda_history_n_undo (history) > 0 && lda_history_undo_stamp (history) == 0)
    lda_history_stamp (history, ++self->clock);
  self->merge_key = 0;

  if (lda_rect_is_empty (dirty))
    return;

  refresh_state (self, frame);
  lda_document_mark_unsaved (self, (int) frame);
  g_signal_emit (self, signals[FRAME_CHANGED], 0, frame);
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
  lda_history_begin (frame_history (self, frame), edits);
  lda_edits_clear (edits);
  lda_document_end_edit (self, frame, &all, _("Reset frame"));
  g_signal_emit (self, signals[EDITS_CHANGED], 0, frame, &all);
  return TRUE;
}

/* Applies a parameter state taken from a history. */
static void
apply_params_state (LdaDocument          *self,
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
  g_signal_emit (self, signals[PARAMS_CHANGED], 0, owner);
  if (owner >= 0)
    g_signal_emit (self, signals[FRAME_CHANGED], 0, (guint) owner);
}

/* Undoes or redoes the newest (undo) or oldest (redo) step of @history. */
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
      apply_params_state (self, owner, &state);
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
      g_signal_emit (self, signals[EDITS_CHANGED], 0, (guint) owner, &dirty);
      g_signal_emit (self, signals[FRAME_CHANGED], 0, (guint) owner);
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
  LdaHistory *history;
  int owner = -1;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  if (self->editing >= 0 || lda_document_is_read_only (self))
    return FALSE;

  history = history_for (self, frame, TRUE, &owner);
  return history != NULL && step_history (self, history, owner, TRUE);
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
  LdaHistory *history;
  int owner = -1;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (frame < lda_document_get_n_frames (self), FALSE);

  if (self->editing >= 0 || lda_document_is_read_only (self))
    return FALSE;

  history = history_for (self, frame, FALSE, &owner);
  return history != NULL && step_history (self, history, owner, FALSE);
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

/* --------------------------------------------------------- frame states */

/**
 * lda_document_set_exported:
 * @self: a document
 * @frame: a frame whose corrected mask was exported
 */
void
lda_document_set_exported (LdaDocument *self,
                           guint        frame)
{
  g_return_if_fail (LDA_IS_DOCUMENT (self));
  g_return_if_fail (frame < lda_document_get_n_frames (self));

  if (lda_document_is_read_only (self))
    return;

  lda_series_get_frame (self->series, frame)->state = LDA_FRAME_EXPORTED;
  lda_document_mark_unsaved (self, -1);
  g_signal_emit (self, signals[FRAME_CHANGED], 0, frame);
}

/**
 * lda_document_get_damage:
 * @self: a document
 *
 * Returns: (transfer none) (element-type LdaDamage): the project files
 *   that were set aside as damaged and that the person has not yet
 *   agreed to go on without
 */
GPtrArray *
lda_document_get_damage (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->damage;
}

/**
 * lda_document_frame_is_damaged:
 * @self: a document
 * @frame: a frame
 *
 * Returns: %TRUE if corrections of the frame were set aside as damaged,
 *   or the series' parameters were (which apply to every frame)
 */
gboolean
lda_document_frame_is_damaged (LdaDocument *self,
                               guint        frame)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  for (guint i = 0; i < self->damage->len; i++)
    {
      LdaDamage *d = g_ptr_array_index (self->damage, i);

      if (d->frame < 0 || (guint) d->frame == frame)
        return TRUE;
    }

  return FALSE;
}

/**
 * lda_document_acknowledge_damage:
 * @self: a document
 *
 * The person has seen what was set aside and goes on without it: the
 * flags are lifted (and stay lifted, saved with the project), the files
 * set aside stay where they are.
 */
void
lda_document_acknowledge_damage (LdaDocument *self)
{
  g_autoptr(GPtrArray) damage = NULL;

  g_return_if_fail (LDA_IS_DOCUMENT (self));

  if (self->damage->len == 0 || lda_document_is_read_only (self))
    return;

  lda_project_acknowledge_damage (self->extra, self->damage);
  damage = g_steal_pointer (&self->damage);
  self->damage = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_damage_free);
  lda_document_mark_unsaved (self, -1);

  g_signal_emit (self, signals[DAMAGE_CHANGED], 0);
  for (guint i = 0; i < damage->len; i++)
    {
      LdaDamage *d = g_ptr_array_index (damage, i);

      if (d->frame >= 0 && (guint) d->frame < lda_document_get_n_frames (self))
        g_signal_emit (self, signals[FRAME_CHANGED], 0, (guint) d->frame);
    }
}

/* ------------------------------------------------------------- the view */

/**
 * lda_document_get_view:
 * @self: a document
 * @frame: (out): the frame the person was on
 * @zoom: (out): the zoom, 0 for "fit"
 * @pane: (out) (transfer full): the pane layout, as the window names it
 *
 * Returns: %TRUE if the project remembers where the person left off
 */
gboolean
lda_document_get_view (LdaDocument  *self,
                       guint        *frame,
                       double       *zoom,
                       char        **pane)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  title = g_key_file_get_string (self->extra, LDA_PROJECT_VIEW_GROUP, "frame", NULL);
  if (title == NULL)
    return FALSE;

  *frame = 0;
  for (guint i = 0; i < lda_document_get_n_frames (self); i++)
    if (g_str_equal (lda_series_get_frame (self->series, i)->title, title))
      *frame = i;

  *zoom = g_key_file_get_double (self->extra, LDA_PROJECT_VIEW_GROUP, "zoom", NULL);
  if (!(*zoom > 0.0 && *zoom <= 64.0))
    *zoom = 0.0;
  *pane = g_key_file_get_string (self->extra, LDA_PROJECT_VIEW_GROUP, "pane", NULL);
  if (*pane == NULL)
    *pane = g_strdup ("grid");

  return TRUE;
}

/**
 * lda_document_set_view:
 * @self: a document
 * @frame: the frame the person is on
 * @zoom: the zoom, 0 for "fit"
 * @pane: the pane layout, as the window names it
 *
 * Remembers where the person is, for the next time the series is opened.
 * Saved with the next save; on its own it does not start one.
 */
void
lda_document_set_view (LdaDocument *self,
                       guint        frame,
                       double       zoom,
                       const char  *pane)
{
  g_return_if_fail (LDA_IS_DOCUMENT (self));
  g_return_if_fail (frame < lda_document_get_n_frames (self));
  g_return_if_fail (pane != NULL);

  g_key_file_set_string (self->extra, LDA_PROJECT_VIEW_GROUP, "frame",
                         lda_series_get_frame (self->series, frame)->title);
  g_key_file_set_double (self->extra, LDA_PROJECT_VIEW_GROUP, "zoom", zoom);
  g_key_file_set_string (self->extra, LDA_PROJECT_VIEW_GROUP, "pane", pane);
  if (!lda_document_is_read_only (self))
    self->unsaved_params = TRUE;
}

/* ------------------------------------------------------------ the object */

const char *
lda_document_get_read_only_reason (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->read_only_reason;
}

gboolean
lda_document_is_read_only (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), TRUE);

  return self->read_only_reason != NULL;
}

static void
lda_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LdaDocument *self = LDA_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_SAVE_STATE:
      g_value_set_int (value, self->save_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_document_dispose (GObject *object)
{
  LdaDocument *self = LDA_DOCUMENT (object);

  if (self->series != NULL)
    lda_document_close (self);

  G_OBJECT_CLASS (lda_document_parent_class)->dispose (object);
}

static void
lda_document_finalize (GObject *object)
{
  LdaDocument *self = LDA_DOCUMENT (object);

  lda_document_save_finalize (self);
  g_clear_pointer (&self->edits, g_ptr_array_unref);
  g_clear_pointer (&self->histories, g_ptr_array_unref);
  g_clear_pointer (&self->series_history, lda_history_free);
  g_clear_pointer (&self->damage, g_ptr_array_unref);
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  g_clear_pointer (&self->extra, g_key_file_unref);
  g_clear_pointer (&self->location, lda_project_location_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_pointer (&self->series, lda_series_free);

  G_OBJECT_CLASS (lda_document_parent_class)->finalize (object);
}

static void
lda_document_class_init (LdaDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lda_document_get_property;
  object_class->dispose = lda_document_dispose;
  object_class->finalize = lda_document_finalize;

  /**
   * LdaDocument:save-state:
   *
   * An #LdaSaveState: whether everything is saved.
   */
  properties[PROP_SAVE_STATE] =
    g_param_spec_int ("save-state", NULL, NULL, LDA_SAVE_STATE_SAVED, LDA_SAVE_STATE_READ_ONLY,
                      LDA_SAVE_STATE_SAVED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LdaDocument::params-changed:
   * @frame: the frame whose own parameters changed, or -1 for the
   *   series' (which apply to every frame without its own)
   */
  signals[PARAMS_CHANGED] = g_signal_new ("params-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * LdaDocument::edits-changed:
   * @frame: a frame
   * @dirty: (type gpointer): the #LdaRect of its edit layer that changed
   *
   * Emitted when an undo, a redo or a reset changed a frame's corrections
   * (not for the operations the caller makes itself).
   */
  signals[EDITS_CHANGED] = g_signal_new ("edits-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);

  /**
   * LdaDocument::frame-changed:
   * @frame: a frame whose state, own parameters or damage changed
   */
  signals[FRAME_CHANGED] = g_signal_new ("frame-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  /**
   * LdaDocument::damage-changed:
   *
   * The damage was acknowledged.
   */
  signals[DAMAGE_CHANGED] = g_signal_new ("damage-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
lda_document_init (LdaDocument *self)
{
  self->notices = g_ptr_array_new_with_free_func (g_free);
  self->extra = g_key_file_new ();
  self->damage = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_damage_free);
  self->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);
  self->histories = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_history_free);
  self->series_history = lda_history_new (LDA_HISTORY_DEFAULT_STEPS);
  self->unsaved_edits = g_byte_array_new ();
  self->editing = -1;
  self->merge_frame = -2;
  self->merge_window_us = (gint64) MERGE_WINDOW_MS * 1000;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

/* Used by lda-document-save.c. */
void
lda_document_set_save_state (LdaDocument  *self,
                             LdaSaveState  state)
{
  if (self->read_only_reason != NULL)
    state = LDA_SAVE_STATE_READ_ONLY;
  if (self->save_state == state)
    return;

  self->save_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_STATE]);
}
