/* lda-window-document.c — the window as a view of a document
 *
 * The window shows one LdaDocument (src/core/project/lda-document.h), which holds
 * the parameters, the corrections, their undo histories and the saving.
 * Here the window opens documents, follows their changes and shows the
 * project's state: saved or not, read-only, corrections set aside as
 * damaged.
 *
 * Opening never leaves the window half-switched: the new document waits
 * in self->opening until its first frame has been read and segmented,
 * and only then replaces the one shown.  A file that cannot be read
 * leaves the window exactly as it was, still editable.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-window-private.h"

/* --------------------------------------------------- following changes */

static void
on_params_changed (LdaDocument *document,
                   int          frame,
                   LdaWindow   *self)
{
  if (frame < 0)
    {
      /* Every frame that follows the series needs segmenting again. */
      lda_window_forget_counts (self);
      if (!lda_document_has_own_params (document, self->frame))
        lda_window_show_params (self);
    }
  else
    {
      lda_window_cancel_counts (self);
      if ((guint) frame != self->frame)
        lda_window_set_frame_counts (self, (guint) frame, NULL);
      else
        lda_window_show_params (self);
    }
  /* The frames to count again are counted when the runner is idle; on a
   * frame with parameters of its own nothing re-runs on screen to wake
   * the counting, so it is woken here. */
  lda_window_schedule_counts (self);
  lda_window_edit_update_undo (self);
}

static void
on_edits_changed (LdaDocument   *document,
                  guint          frame,
                  const LdaRect *dirty,
                  LdaWindow     *self)
{
  if (frame == self->frame)
    lda_window_edit_refresh (self, dirty);
  else
    lda_window_set_frame_counts (self, frame, NULL);
}

static void
on_frame_changed (LdaDocument *document,
                  guint        frame,
                  LdaWindow   *self)
{
  lda_window_update_frame_button (self, frame);
  if (frame == self->frame)
    lda_window_edit_update_undo (self);
}

static void
on_save_state (LdaDocument *document,
               GParamSpec  *pspec,
               LdaWindow   *self)
{
  lda_window_show_save_state (self);
}

/* The bar under the header tells what holds until it is dealt with: a
 * project that cannot be saved, corrections set aside as damaged. */
static void
show_project_bar (LdaWindow  *self,
                  const char *message,
                  gboolean    damage)
{
  gtk_label_set_text (self->project_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->damage_button), damage);
  gtk_widget_set_visible (self->project_bar, message != NULL);
}

/**
 * lda_window_show_save_state:
 * @self: a window
 *
 * Shows what the person must know about saving until it changes: a save
 * that failed (and when it is tried again), a read-only project, or
 * corrections set aside as damaged.
 */
void
lda_window_show_save_state (LdaWindow *self)
{
  g_autofree char *message = NULL;
  GPtrArray *damage;

  if (self->document == NULL)
    {
      show_project_bar (self, NULL, FALSE);
      return;
    }

  /* Nothing that would change a read-only project is offered. */
  lda_window_update_editable (self);

  switch (lda_document_get_save_state (self->document))
    {
    case LDA_SAVE_STATE_FAILED:
      {
        const GError *error = lda_document_get_save_error (self->document);
        guint seconds = lda_document_get_retry_seconds (self->document);

        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Your corrections are not saved yet: %s. Trying "
                                                "again in %u second; they are kept while the "
                                                "window is open.",
                                                "Your corrections are not saved yet: %s. Trying "
                                                "again in %u seconds; they are kept while the "
                                                "window is open.",
                                                seconds),
                                   error != NULL ? error->message : "", seconds);
        show_project_bar (self, message, FALSE);
        return;
      }

    case LDA_SAVE_STATE_READ_ONLY:
      show_project_bar (self, lda_document_get_read_only_reason (self->document), FALSE);
      return;

    case LDA_SAVE_STATE_SAVED:
    case LDA_SAVE_STATE_PENDING:
    case LDA_SAVE_STATE_SAVING:
    default:
      break;
    }

  damage = lda_document_get_damage (self->document);
  if (damage->len > 0)
    {
      g_autofree char *what = lda_project_describe_damage (self->series, damage);

      message = g_strdup_printf (_("%s. Exports refuse to run until you go on without them."),
                                 what);
      show_project_bar (self, message, TRUE);
      return;
    }

  show_project_bar (self, NULL, FALSE);
}

static void
on_damage_changed (LdaDocument *document,
                   LdaWindow   *self)
{
  lda_window_show_save_state (self);
}

void
lda_window_document_connect (LdaWindow *self)
{
  g_signal_connect (self->document, "params-changed", G_CALLBACK (on_params_changed), self);
  g_signal_connect (self->document, "edits-changed", G_CALLBACK (on_edits_changed), self);
  g_signal_connect (self->document, "frame-changed", G_CALLBACK (on_frame_changed), self);
  g_signal_connect (self->document, "damage-changed", G_CALLBACK (on_damage_changed), self);
  g_signal_connect (self->document, "notify::save-state", G_CALLBACK (on_save_state), self);
}

void
lda_window_document_disconnect (LdaWindow *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
}

/* --------------------------------------------------------------- opening */

/**
 * lda_window_drop_opening:
 * @self: a window
 *
 * Forgets a document being opened: the person went on with the one shown
 * (another frame, a parameter) before its first frame was ready.
 */
void
lda_window_drop_opening (LdaWindow *self)
{
  /* It may be a document kept unsaved, taken back (lda-window-leave.c):
   * kept again unless it saves. */
  if (self->opening != NULL)
    lda_window_let_go (self, g_steal_pointer (&self->opening));
  g_clear_object (&self->opening_recent);
}

/**
 * lda_window_begin_open:
 * @self: a window
 * @series: (transfer full): what to open
 * @is_sample: whether it is the bundled sample
 * @recent: (nullable): the folder to add to the recent ones once open
 *
 * Opens @series' project and starts loading the frame the person left it
 * on; the window switches to it only when that frame is shown
 * (lda_window_open_loaded()).
 *
 * Returns: %TRUE
 */
gboolean
lda_window_begin_open (LdaWindow *self,
                       LdaSeries *series,
                       gboolean   is_sample,
                       GFile     *recent)
{
  LdaDocument *document;
  LdaFrame *frame;
  g_autofree char *pane = NULL;
  guint index = 0;
  double zoom = 0.0, center_x = -1.0, center_y = -1.0;

  lda_window_drop_opening (self);

  /* The series shown, chosen again (from the recent folders, say): it
   * stays as it is.  Opened a second time, its project would find its
   * own lock taken and show read-only, and letting the first go would
   * then remove the lock.  Shown read-only, it holds no lock: opened
   * again, it is editable once the other holder has let it go. */
  if (self->document != NULL && !lda_document_is_read_only (self->document) &&
      lda_document_is_for (self->document, series, is_sample))
    {
      lda_series_free (series);
      return TRUE;
    }

  /* A series left unsaved is shown again as it was kept. */
  document = lda_window_take_kept (self, series, is_sample);
  if (document != NULL)
    lda_series_free (series);
  else
    {
      document = lda_document_open (series, is_sample ? LDA_DOCUMENT_SAMPLE : LDA_DOCUMENT_NONE);
      lda_window_restore_undo (self, document);
    }
  series = lda_document_get_series (document);
  if (!lda_document_get_view (document, &index, &zoom, &center_x, &center_y, &pane))
    index = 0;

  self->opening = document;
  self->opening_recent = recent != NULL ? g_object_ref (recent) : NULL;
  self->opening_zoom = zoom;
  self->opening_center[0] = center_x;
  self->opening_center[1] = center_y;
  /* Another well or position of the folder shown: its first visit keeps
   * the zoom and place, to compare the wells of a plate. */
  self->opening_same_folder = self->document != NULL &&
                              g_strcmp0 (lda_series_get_folder (self->series),
                                         lda_series_get_folder (series)) == 0;
  g_object_set_data_full (G_OBJECT (document), "lda-pane", g_steal_pointer (&pane), g_free);

  /* The frame shown stays, and can still be corrected, until this one is
   * ready. */
  lda_window_stroke_end (self);
  lda_window_cancel_counts (self);
  frame = lda_series_get_frame (series, index);
  lda_pipeline_runner_load (self->runner, index, frame->triple, frame->page,
                            lda_document_get_params (document, index));
  self->opening_generation = lda_pipeline_runner_get_generation (self->runner);

  return TRUE;
}

/**
 * lda_window_open_loaded:
 * @self: a window
 * @result: a result the runner just gave
 *
 * Returns: %TRUE if @result completes an open: the window now shows the
 *   new document
 */
gboolean
lda_window_open_loaded (LdaWindow    *self,
                        LdaRunResult *result)
{
  g_autoptr(LdaDocument) document = NULL;
  g_autoptr(GFile) recent = NULL;
  const char *pane;

  if (self->opening == NULL || result->generation < self->opening_generation)
    return FALSE;

  document = g_steal_pointer (&self->opening);
  recent = g_steal_pointer (&self->opening_recent);
  pane = g_object_get_data (G_OBJECT (document), "lda-pane");

  if (recent != NULL)
    lda_window_add_recent (self, recent);
  if (!lda_document_is_sample (document))
    g_settings_set_string (self->settings, "last-folder",
                           lda_series_get_folder (lda_document_get_series (document)));

  lda_window_set_document (self, document, result->frame);

  /* Once the frame's images are in the panes (a new image size fits them
   * anew), the panes go back to how the person left them; a folder never
   * opened before keeps the layout shown, fitted to the panes, not the
   * last folder's zoom and place (another well of the same folder keeps
   * them). */
  g_free (self->restore_pane);
  if (pane == NULL && self->opening_same_folder)
    self->restore_pane = NULL;
  else
    self->restore_pane = g_strdup (pane != NULL ? pane : lda_window_get_pane_layout (self));
  self->restore_zoom = pane != NULL ? self->opening_zoom : 0.0;
  self->restore_center[0] = self->opening_center[0];
  self->restore_center[1] = self->opening_center[1];

  return TRUE;
}

/**
 * lda_window_open_failed:
 * @self: a window
 * @error: why the runner could not load a frame
 *
 * Returns: %TRUE if the failure was that of an open: the new document is
 *   dropped and the window stays as it was, with a message
 */
gboolean
lda_window_open_failed (LdaWindow    *self,
                        const GError *error)
{
  g_autofree char *message = NULL;

  if (self->opening == NULL)
    return FALSE;

  message = g_strdup_printf (_("Cannot open %s: %s"),
                             lda_series_get_name (lda_document_get_series (self->opening)),
                             error->message);
  lda_window_drop_opening (self);
  lda_window_post_open_error (self, message);
  return TRUE;
}

/**
 * lda_window_remember_view:
 * @self: a window
 *
 * Tells the document where the person is — frame, zoom, the place the
 * view is centred on, pane layout — so
 * that opening it again brings them back there.
 */
void
lda_window_remember_view (LdaWindow *self)
{
  LdaImageView *view;
  double x, y;

  if (self->document == NULL)
    return;

  view = self->views[self->solo == LDA_PANE_ALL ? LDA_PANE_COMPOSITE : self->solo];
  lda_image_view_get_center (view, &x, &y);
  lda_document_set_view (self->document, self->frame,
                         lda_image_view_get_fit (view) ? 0.0 : lda_image_view_get_zoom (view),
                         x, y, lda_window_get_pane_layout (self));
}

/**
 * lda_window_restore_view:
 * @self: a window
 *
 * After the first frame of a document just opened is shown: brings back
 * the pane layout, zoom and place the person left it with.
 */
void
lda_window_restore_view (LdaWindow *self)
{
  g_autofree char *pane = g_steal_pointer (&self->restore_pane);

  if (pane != NULL)
    lda_window_restore_pane (self, pane, self->restore_zoom, self->restore_center);
}

void
lda_window_document_finalize (LdaWindow *self)
{
  lda_window_drop_opening (self);
  g_clear_pointer (&self->restore_pane, g_free);
}

/**
 * lda_window_set_frame:
 * @self: a window
 * @frame: a frame of the open series
 *
 * Loads and segments a time point; the current one stays shown until the
 * new one is ready, and stays if it cannot be loaded.
 */
void
lda_window_set_frame (LdaWindow *self,
                      guint      frame)
{
  LdaFrame *f;

  g_return_if_fail (self->series != NULL);
  g_return_if_fail (frame < lda_series_get_n_frames (self->series));

  /* A stroke belongs to the frame it started on. */
  lda_window_stroke_end (self);
  lda_window_cancel_counts (self);
  lda_window_drop_opening (self);
  /* Left before the result of its parameters came (a change still
   * running, which the load cancels) or before the exact one (in a drag):
   * the frame's counts are not its own, and it is counted again in the
   * background. */
  {
    LdaRunResult *shown = lda_pipeline_runner_get_result (self->runner);

    if (shown != NULL && shown->frame != frame &&
        shown->frame < lda_series_get_n_frames (self->series) &&
        (!shown->exact ||
         !lda_params_equal (&shown->params, lda_document_get_params (self->document, shown->frame))))
      lda_window_set_frame_counts (self, shown->frame, NULL);
  }
  self->frame = frame;
  f = lda_series_get_frame (self->series, frame);

  if (frame < self->frame_buttons->len)
    gtk_toggle_button_set_active (g_ptr_array_index (self->frame_buttons, frame), TRUE);
  lda_window_reveal_frame (self);
  lda_fraction_plot_set_current (self->fraction_plot, frame);

  lda_window_set_panels_params (self, lda_document_get_params (self->document, frame));
  lda_window_update_override_display (self);
  lda_window_update_titles (self);
  lda_window_update_actions (self);
  lda_window_edit_update_undo (self);

  lda_pipeline_runner_load (self->runner, frame, f->triple, f->page,
                            lda_document_get_params (self->document, frame));
}

/**
 * lda_window_set_document:
 * @self: a window
 * @document: what to show, its frame @frame already loaded by the runner
 * @frame: that frame
 *
 * Switches the window to @document: the previous one is saved and closed,
 * or kept until it can be saved (lda-window-leave.c).
 */
void
lda_window_set_document (LdaWindow   *self,
                         LdaDocument *document,
                         guint        frame)
{
  LdaSeries *series = lda_document_get_series (document);
  GPtrArray *problems = lda_series_get_problems (series);
  GPtrArray *notices = lda_document_get_notices (document);

  lda_window_stroke_end (self);
  lda_window_cancel_counts (self);
  if (self->document != NULL)
    {
      lda_window_remember_view (self);
      lda_window_document_disconnect (self);
      /* Saved and closed, or kept until it can be saved. */
      lda_window_let_go (self, g_steal_pointer (&self->document));
    }
  g_set_object (&self->document, document);
  self->series = series;
  self->frame = frame;
  self->is_sample = lda_document_is_sample (document);
  lda_window_document_connect (self);
  lda_window_edit_reset (self);
  g_byte_array_set_size (self->count_failed, 0);
  g_byte_array_set_size (self->count_failed, lda_series_get_n_frames (series));
  memset (self->count_failed->data, 0, self->count_failed->len);

  lda_window_show_message (self, NULL);
  lda_window_show_kept (self);
  lda_window_rebuild_frame_strip (self);
  lda_fraction_plot_set_current (self->fraction_plot, frame);
  lda_window_set_panels_params (self, lda_document_get_params (document, frame));
  lda_window_update_override_display (self);
  lda_window_update_titles (self);
  lda_window_update_actions (self);
  lda_window_edit_update_undo (self);
  lda_window_show_save_state (self);

  for (guint i = 0; i < notices->len; i++)
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_LOCATION, LDA_MESSAGE_INFO,
                             g_ptr_array_index (notices, i));
  if (problems->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("%u triple of this folder was skipped: %s",
                                   "%u triples of this folder were skipped; the first: %s",
                                   problems->len),
                         problems->len, (const char *) g_ptr_array_index (problems, 0));

      lda_window_post_message (self, LDA_MESSAGE_TOPIC_SKIPPED, LDA_MESSAGE_WARNING, message);
    }
}
