/* lda-history.c — undo and redo of one frame's edits and parameters
 *
 * A step keeps the rectangle an operation changed, with the edit pixels
 * inside it before and after, run-length encoded (lda-history-pack.c).
 *
 * lda_history_begin() copies the whole edit layer, because a tool does not
 * know beforehand what it will touch; lda_history_end() encodes the dirty
 * part of that copy and of the layer now, then frees the copy.
 *
 * A parameter step keeps the parameters before and after.  A slider being
 * dragged makes many changes; the caller asks for each to be merged into
 * the step before it, so that one undo takes the whole drag back.
 *
 * Each step can carry a stamp, a number that grows with every step the
 * caller records anywhere: a frame's history and the series' history are
 * separate, and the stamps tell which of the two holds the person's last
 * step.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "lda-history.h"
#include "lda-history-private.h"

typedef struct
{
  LdaHistoryKind kind;
  char          *label;
  guint64        stamp;

  /* LDA_HISTORY_EDITS */
  LdaRect        rect;
  Packed         before;
  Packed         after;

  /* LDA_HISTORY_PARAMS */
  LdaParamsState params_before;
  LdaParamsState params_after;
} Step;

struct _LdaHistory
{
  guint      max_steps;
  GPtrArray *steps;       /* oldest first */
  guint      n_done;      /* steps[0 … n_done − 1] can be undone, the rest redone */

  /* Between begin and end: a copy of the edit layer as it was. */
  guint8    *snapshot;
  guint      snapshot_width;
  guint      snapshot_height;
};

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_free (step->before.data);
  g_free (step->after.data);
  g_free (step);
}

static gsize
step_memory (const Step *step)
{
  return sizeof *step + step->before.size + step->after.size
         + (step->label != NULL ? strlen (step->label) + 1 : 0);
}

/**
 * lda_history_drop_redo:
 * @self: a history
 *
 * Drops the steps that could be redone: a new step came after them,
 * here or in another history the same Ctrl+Z reaches.
 */
void
lda_history_drop_redo (LdaHistory *self)
{
  g_return_if_fail (self != NULL);

  if (self->n_done < self->steps->len)
    g_ptr_array_remove_range (self->steps, self->n_done, self->steps->len - self->n_done);
}

/* Adds @step as the newest done step. */
static void
push_step (LdaHistory *self,
           Step       *step)
{
  /* A new operation after undos drops what could have been redone. */
  lda_history_drop_redo (self);

  g_ptr_array_add (self->steps, step);
  self->n_done++;

  if (self->steps->len > self->max_steps)
    {
      guint excess = self->steps->len - self->max_steps;

      g_ptr_array_remove_range (self->steps, 0, excess);
      self->n_done -= excess;
    }
}

static Step *
undo_step (LdaHistory *self)
{
  return self->n_done > 0 ? g_ptr_array_index (self->steps, self->n_done - 1) : NULL;
}

static Step *
redo_step (LdaHistory *self)
{
  return self->n_done < self->steps->len ? g_ptr_array_index (self->steps, self->n_done) : NULL;
}

/**
 * lda_history_new:
 * @max_steps: how many steps to keep at least, older ones are dropped;
 *   0 for %LDA_HISTORY_DEFAULT_STEPS
 *
 * Creates the empty undo history of one frame's edits.
 *
 * Returns: (transfer full): the history
 */
LdaHistory *
lda_history_new (guint max_steps)
{
  LdaHistory *self = g_new0 (LdaHistory, 1);

  self->max_steps = max_steps > 0 ? max_steps : LDA_HISTORY_DEFAULT_STEPS;
  self->steps = g_ptr_array_new_with_free_func (step_free);

  return self;
}

/**
 * lda_history_free:
 * @self: (nullable): a history
 */
void
lda_history_free (LdaHistory *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->steps);
  g_free (self->snapshot);
  g_free (self);
}

static void
drop_snapshot (LdaHistory *self)
{
  g_clear_pointer (&self->snapshot, g_free);
  self->snapshot_width = self->snapshot_height = 0;
}

/**
 * lda_history_begin:
 * @self: a history
 * @edits: the frame's edit layer, before the operation
 *
 * Call before an operation — a whole brush stroke of many dabs is one —
 * and lda_history_end() after it.  This keeps a copy of @edits until then
 * (a second begin without an end starts over).
 */
void
lda_history_begin (LdaHistory *self,
                   LdaEdits   *edits)
{
  gsize n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (edits != NULL);

  n = (gsize) edits->width * edits->height;
  if (self->snapshot == NULL
      || self->snapshot_width != edits->width || self->snapshot_height != edits->height)
    {
      drop_snapshot (self);
      self->snapshot = g_try_malloc (n);
      if (self->snapshot == NULL)
        {
          /* The operation still happens; it just cannot be undone. */
          g_warning ("not enough memory to record an undo step of a %u × %u frame",
                     edits->width, edits->height);
          return;
        }
      self->snapshot_width = edits->width;
      self->snapshot_height = edits->height;
    }
  memcpy (self->snapshot, edits->pixels, n);
}

/**
 * lda_history_get_before:
 * @self: a history
 *
 * Returns: (nullable): the edit layer's pixels as lda_history_begin()
 *   found them, while the operation is open; %NULL after
 *   lda_history_end(), or when there was no memory to keep them
 */
const guint8 *
lda_history_get_before (LdaHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->snapshot;
}

/**
 * lda_history_end:
 * @self: a history
 * @edits: the same edit layer, after the operation
 * @dirty: what the operation changed (the union of what its tools
 *   reported); clipped to the frame
 * @label: (nullable): what to call it in the menu, e.g. "Paint", "Fill",
 *   "Erase", "Delete cell", "Live ↔ dead", "Reset frame"
 *
 * Records the operation as one step: the pixels inside @dirty before and
 * after, run-length encoded.  Steps that had been undone can no longer be
 * redone.  Beyond the history's maximum the oldest step is dropped.  Nothing
 * is recorded when @dirty is empty, when nothing in it changed, or without
 * a matching lda_history_begin().
 */
void
lda_history_end (LdaHistory    *self,
                 LdaEdits      *edits,
                 const LdaRect *dirty,
                 const char    *label)
{
  Step *step;
  LdaRect rect;

  g_return_if_fail (self != NULL);
  g_return_if_fail (edits != NULL);
  g_return_if_fail (dirty != NULL);

  if (self->snapshot == NULL)
    return;
  if (self->snapshot_width != edits->width || self->snapshot_height != edits->height)
    {
      g_critical ("lda_history_end: the edits are not those given to lda_history_begin");
      drop_snapshot (self);
      return;
    }

  rect = *dirty;
  if (!lda_rect_clip (&rect, edits->width, edits->height))
    {
      drop_snapshot (self);
      return;
    }

  /* Nothing changed after all (a fill on the class already shown, a dab
   * repeating the same pixels): not worth a step. */
  {
    gboolean same = TRUE;

    for (int y = rect.y; same && y < rect.y + rect.height; y++)
      {
        gsize at = (gsize) y * edits->width + rect.x;

        same = memcmp (self->snapshot + at, edits->pixels + at, rect.width) == 0;
      }
    if (same)
      {
        drop_snapshot (self);
        return;
      }
  }

  step = g_new0 (Step, 1);
  step->kind = LDA_HISTORY_EDITS;
  step->label = g_strdup (label);
  step->rect = rect;
  lda_history_pack (&step->before, self->snapshot, edits->width, &rect);
  lda_history_pack (&step->after, edits->pixels, edits->width, &rect);
  drop_snapshot (self);
  push_step (self, step);
}

static gboolean
step_fits (const Step     *step,
           const LdaEdits *edits)
{
  return (gint64) step->rect.x + step->rect.width <= edits->width
         && (gint64) step->rect.y + step->rect.height <= edits->height;
}

/**
 * lda_history_undo:
 * @self: a history
 * @edits: the frame's edit layer
 * @dirty: (nullable): grown by the rectangle restored
 *
 * Restores the pixels the last done step changed to what they were before
 * it.  An operation begun and not ended is abandoned (its end records
 * nothing), since its copy no longer matches.
 *
 * Returns: %TRUE if there was a step of the edits to undo; %FALSE when
 *   there is none, or when the last step is a parameter step (see
 *   lda_history_undo_kind())
 */
gboolean
lda_history_undo (LdaHistory *self,
                  LdaEdits   *edits,
                  LdaRect    *dirty)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);

  drop_snapshot (self);
  step = undo_step (self);
  if (step == NULL || step->kind != LDA_HISTORY_EDITS)
    return FALSE;
  g_return_val_if_fail (step_fits (step, edits), FALSE);

  lda_history_unpack (&step->before, edits->pixels, edits->width, &step->rect);
  self->n_done--;
  if (dirty != NULL)
    lda_rect_union (dirty, &step->rect);

  return TRUE;
}

/**
 * lda_history_redo:
 * @self: a history
 * @edits: the frame's edit layer
 * @dirty: (nullable): grown by the rectangle restored
 *
 * Applies again the last undone step.  Like undo, abandons an operation
 * begun and not ended.
 *
 * Returns: %TRUE if there was a step of the edits to redo
 */
gboolean
lda_history_redo (LdaHistory *self,
                  LdaEdits   *edits,
                  LdaRect    *dirty)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (edits != NULL, FALSE);

  drop_snapshot (self);
  step = redo_step (self);
  if (step == NULL || step->kind != LDA_HISTORY_EDITS)
    return FALSE;
  g_return_val_if_fail (step_fits (step, edits), FALSE);

  lda_history_unpack (&step->after, edits->pixels, edits->width, &step->rect);
  self->n_done++;
  if (dirty != NULL)
    lda_rect_union (dirty, &step->rect);

  return TRUE;
}

static gboolean
params_state_equal (const LdaParamsState *a,
                    const LdaParamsState *b)
{
  if (a->own != b->own)
    return FALSE;

  return lda_params_equal (&a->params, &b->params);
}

/**
 * lda_history_record_params:
 * @self: a history
 * @before: the parameters before the change
 * @after: the parameters after it
 * @label: (nullable): what to call it, e.g. "Hoechst offset"
 * @merge: fold the change into the newest step if that is a parameter
 *   step with nothing undone after it (the caller decides: the same
 *   control moved again within a moment, as a slider being dragged)
 *
 * Records a change of parameters as one step; like a new edit step, it
 * drops what could have been redone.  A merged step that ends where it
 * began is dropped.  Nothing is recorded when @before equals @after.
 */
void
lda_history_record_params (LdaHistory           *self,
                           const LdaParamsState *before,
                           const LdaParamsState *after,
                           const char           *label,
                           gboolean              merge)
{
  Step *top;
  Step *step;

  g_return_if_fail (self != NULL);
  g_return_if_fail (before != NULL && after != NULL);

  top = undo_step (self);
  if (merge && top != NULL && top->kind == LDA_HISTORY_PARAMS && redo_step (self) == NULL)
    {
      top->params_after = *after;
      if (params_state_equal (&top->params_before, &top->params_after))
        {
          g_ptr_array_remove_index (self->steps, self->n_done - 1);
          self->n_done--;
        }
      return;
    }

  if (params_state_equal (before, after))
    return;

  step = g_new0 (Step, 1);
  step->kind = LDA_HISTORY_PARAMS;
  step->label = g_strdup (label);
  step->params_before = *before;
  step->params_after = *after;
  push_step (self, step);
}

/**
 * lda_history_undo_params:
 * @self: a history
 * @state: (out): the parameters to go back to
 *
 * Undoes the last done step if it is a parameter step.
 *
 * Returns: %TRUE if it was one
 */
gboolean
lda_history_undo_params (LdaHistory     *self,
                         LdaParamsState *state)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  step = undo_step (self);
  if (step == NULL || step->kind != LDA_HISTORY_PARAMS)
    return FALSE;

  drop_snapshot (self);
  *state = step->params_before;
  self->n_done--;
  return TRUE;
}

/**
 * lda_history_redo_params:
 * @self: a history
 * @state: (out): the parameters to apply again
 *
 * Redoes the last undone step if it is a parameter step.
 *
 * Returns: %TRUE if it was one
 */
gboolean
lda_history_redo_params (LdaHistory     *self,
                         LdaParamsState *state)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  step = redo_step (self);
  if (step == NULL || step->kind != LDA_HISTORY_PARAMS)
    return FALSE;

  drop_snapshot (self);
  *state = step->params_after;
  self->n_done++;
  return TRUE;
}

/**
 * lda_history_undo_kind:
 * @self: a history
 *
 * Returns: the kind of the step undo would take back
 */
LdaHistoryKind
lda_history_undo_kind (LdaHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, LDA_HISTORY_NONE);

  step = undo_step (self);
  return step != NULL ? step->kind : LDA_HISTORY_NONE;
}

/**
 * lda_history_redo_kind:
 * @self: a history
 *
 * Returns: the kind of the step redo would apply
 */
LdaHistoryKind
lda_history_redo_kind (LdaHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, LDA_HISTORY_NONE);

  step = redo_step (self);
  return step != NULL ? step->kind : LDA_HISTORY_NONE;
}

/**
 * lda_history_stamp:
 * @self: a history
 * @stamp: a number greater than every stamp given before, in any history
 *   compared with this one
 *
 * Stamps the newest done step (just recorded or merged into), so that
 * lda_history_undo_stamp() can tell which of several histories holds the
 * person's last step.
 */
void
lda_history_stamp (LdaHistory *self,
                   guint64     stamp)
{
  Step *step;

  g_return_if_fail (self != NULL);

  step = undo_step (self);
  if (step != NULL)
    step->stamp = stamp;
}

/**
 * lda_history_undo_stamp:
 * @self: a history
 *
 * Returns: the stamp of the step undo would take back; 0 if none
 */
guint64
lda_history_undo_stamp (LdaHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, 0);

  step = undo_step (self);
  return step != NULL ? step->stamp : 0;
}

/**
 * lda_history_redo_stamp:
 * @self: a history
 *
 * Returns: the stamp of the step redo would apply; 0 if none
 */
guint64
lda_history_redo_stamp (LdaHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, 0);

  step = redo_step (self);
  return step != NULL ? step->stamp : 0;
}

/**
 * lda_history_can_undo:
 * @self: a history
 *
 * Returns: %TRUE if a step can be undone
 */
gboolean
lda_history_can_undo (LdaHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->n_done > 0;
}

/**
 * lda_history_can_redo:
 * @self: a history
 *
 * Returns: %TRUE if an undone step can be redone
 */
gboolean
lda_history_can_redo (LdaHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->n_done < self->steps->len;
}

/**
 * lda_history_undo_label:
 * @self: a history
 *
 * Returns: (nullable): the label of the step undo would undo, for an
 *   "Undo Paint" menu item; %NULL if there is none (or it had no label)
 */
const char *
lda_history_undo_label (LdaHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_done == 0)
    return NULL;

  return ((Step *) g_ptr_array_index (self->steps, self->n_done - 1))->label;
}

/**
 * lda_history_redo_label:
 * @self: a history
 *
 * Returns: (nullable): the label of the step redo would apply; %NULL if
 *   there is none
 */
const char *
lda_history_redo_label (LdaHistory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->n_done == self->steps->len)
    return NULL;

  return ((Step *) g_ptr_array_index (self->steps, self->n_done))->label;
}

/**
 * lda_history_n_undo:
 * @self: a history
 *
 * Returns: how many steps can be undone in a row
 */
guint
lda_history_n_undo (LdaHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_done;
}

/**
 * lda_history_memory:
 * @self: a history
 *
 * Returns: the bytes the history holds: its steps (undoable and redoable)
 *   and, between begin and end, the copy of the edit layer
 */
gsize
lda_history_memory (LdaHistory *self)
{
  gsize total;

  g_return_val_if_fail (self != NULL, 0);

  total = sizeof *self + self->steps->len * sizeof (gpointer);
  for (guint i = 0; i < self->steps->len; i++)
    total += step_memory (g_ptr_array_index (self->steps, i));
  if (self->snapshot != NULL)
    total += (gsize) self->snapshot_width * self->snapshot_height;

  return total;
}
