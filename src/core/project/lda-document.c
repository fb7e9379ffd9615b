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

void
lda_document_emit_params_changed (LdaDocument *self,
                                  int          frame)
{
  lda_document_outdate_exports (self, frame);
  g_signal_emit (self, signals[PARAMS_CHANGED], 0, frame);
}

void
lda_document_emit_edits_changed (LdaDocument   *self,
                                 guint          frame,
                                 const LdaRect *dirty)
{
  g_signal_emit (self, signals[EDITS_CHANGED], 0, frame, dirty);
}

void
lda_document_emit_frame_changed (LdaDocument *self,
                                 guint        frame)
{
  g_signal_emit (self, signals[FRAME_CHANGED], 0, frame);
}

void
lda_document_emit_damage_changed (LdaDocument *self)
{
  g_signal_emit (self, signals[DAMAGE_CHANGED], 0);
}

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
      /* Corrections made while the triple was opened another way (alone,
       * or in its folder's series) come without a state here. */
      if (e != NULL && lda_edits_count (e) > 0 &&
          lda_series_get_frame (self->series, i)->state == LDA_FRAME_AUTOMATIC)
        lda_series_get_frame (self->series, i)->state = LDA_FRAME_EDITED;
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
  self->lock = lda_series_lock_acquire (self->location->folder,
                                       lda_series_get_name (series), &error);
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
  lda_document_remember_exports (self);
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
  g_clear_pointer (&self->exported_as, g_array_unref);
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
  self->exported_as = g_array_new (FALSE, TRUE, sizeof (LdaExportedAs));
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

