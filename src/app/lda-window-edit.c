/* lda-window-edit.c — correcting the mask by hand
 *
 * Tools paint into the current frame's edit layer (lda-edits.h), never
 * into the automatic mask: a re-run of the segmentation replaces the
 * automatic mask and the edits stay on top.  Each stroke or click is one
 * step of the frame's own undo history.  Only the rectangle a tool changed
 * is merged, rendered and uploaded again.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-confirm.h"
#include "lda-error.h"
#include "lda-names.h"
#include "lda-window-preview.h"
#include "lda-window-private.h"

typedef struct
{
  const char *name;
  const char *label;   /* the history step */
} Tool;

static const Tool tools[] = {
  { "view", NULL },
  { "brush", N_("Paint") },
  { "eraser", N_("Erase") },
  { "fill", N_("Fill") },
  { "picker", NULL },
  { "toggle", N_("Live ↔ dead") },
  { "delete", N_("Delete cell") },
};

static gboolean
is_tool (LdaWindow  *self,
         const char *name)
{
  return g_strcmp0 (self->tool, name) == 0;
}

static gboolean
is_editing (LdaWindow *self)
{
  return !is_tool (self, "view");
}

/* The current frame's edit layer, if it fits the images shown. */
static LdaEdits *
frame_edits (LdaWindow *self)
{
  LdaEdits *edits;

  if (self->document == NULL || self->automatic == NULL)
    return NULL;

  edits = lda_document_get_edits (self->document, self->frame);
  if (edits != NULL &&
      (edits->width != self->automatic->width || edits->height != self->automatic->height))
    return NULL;

  return edits;
}

static void
update_class_label (LdaWindow *self)
{
  /* Translators: the class the tools paint, then the brush's diameter */
  g_autofree char *text = g_strdup_printf (_("%s · ⌀ %.0f px"),
                                           lda_class_short_label (self->paint_class),
                                           self->brush_size);

  gtk_label_set_text (self->class_label, text);
}

/**
 * lda_window_edit_update_undo:
 * @self: a window
 *
 * Enables Undo and Redo as the document allows them on the frame shown.
 */
void
lda_window_edit_update_undo (LdaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_undo = FALSE, can_redo = FALSE;

  if (self->document != NULL && self->frame < lda_document_get_n_frames (self->document))
    {
      can_undo = lda_document_can_undo (self->document, self->frame);
      can_redo = lda_document_can_redo (self->document, self->frame);
    }

  gtk_widget_action_set_enabled (widget, "win.undo", can_undo);
  gtk_widget_action_set_enabled (widget, "win.redo", can_redo);
  gtk_widget_action_set_enabled (widget, "win.reset-frame",
                                 frame_edits (self) != NULL && lda_edits_count (frame_edits (self)) > 0 &&
                                 !lda_document_is_read_only (self->document));
}

/* Shows the merged mask on the panes; the composite carries it too while
 * a tool is in hand. */
static void
show_overlays (LdaWindow *self)
{
  if (self->merged == NULL)
    return;

  lda_image_view_set_labels (self->views[LDA_PANE_SEGMENTED], self->merged);
  lda_image_view_set_labels (self->views[LDA_PANE_COMPOSITE], is_editing (self) ? self->merged : NULL);
}

/* Nuclei are told apart as the frame's parameters make them: nucleus
 * objects 4-connected, the article's 8-connected. */
static guint
nucleus_connectivity (LdaWindow *self)
{
  if (self->document == NULL || self->frame >= lda_document_get_n_frames (self->document))
    return 8;

  return lda_params_nucleus_connectivity (lda_document_get_params (self->document, self->frame));
}

static void
refresh_counts (LdaWindow *self)
{
  LdaEdits *edits = frame_edits (self);

  g_clear_pointer (&self->merged_counts, lda_counts_free);
  if (edits != NULL && lda_edits_count (edits) > 0 && self->merged != NULL)
    self->merged_counts = lda_counts_new_from_labels_full (self->merged,
                                                           nucleus_connectivity (self));
}

/**
 * lda_window_edit_counts:
 * @self: a window
 * @result: the frame's latest result
 *
 * Returns: the counts of the mask as corrected, which are the automatic
 *   ones while the frame has no edits
 */
const LdaCounts *
lda_window_edit_counts (LdaWindow    *self,
                        LdaRunResult *result)
{
  return self->merged_counts != NULL ? self->merged_counts : result->counts;
}

/* The frame's images were replaced by others of another size since they
 * were corrected: the corrections stay as they are, saved and untouched,
 * but cannot be shown, painted on or exported.  Say so. */
static void
warn_if_edits_do_not_fit (LdaWindow *self)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits;

  if (self->document == NULL)
    return;
  edits = lda_document_get_edits (self->document, self->frame);
  if (edits == NULL ||
      (edits->width == self->automatic->width && edits->height == self->automatic->height))
    return;

  /* The document says it the way it refuses the edit. */
  if (lda_document_begin_edit (self->document, self->frame, self->automatic->width,
                               self->automatic->height, &error) == NULL &&
      g_error_matches (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH))
    lda_window_post_message (self, LDA_MESSAGE_TOPIC_FRAME, LDA_MESSAGE_WARNING, error->message);
}

/**
 * lda_window_edit_show:
 * @self: a window
 * @result: a new result for the current frame
 *
 * The automatic mask changed (a re-run, another frame): merge the frame's
 * edits over it again.  The edits themselves are untouched.
 */
void
lda_window_edit_show (LdaWindow    *self,
                      LdaRunResult *result)
{
  LdaEdits *edits;

  g_clear_pointer (&self->automatic, lda_image_unref);
  g_clear_pointer (&self->merged, lda_image_unref);
  self->automatic = lda_image_ref (result->labels);

  edits = frame_edits (self);
  if (edits == NULL)
    warn_if_edits_do_not_fit (self);
  /* Without edits the mask shown is the automatic one itself, never
   * written (results are not): the first edit copies it
   * (refresh_rect()), not every result of a drag. */
  if (edits != NULL)
    self->merged = lda_edits_merge (edits, self->automatic, NULL);
  else
    self->merged = lda_image_ref (self->automatic);

  refresh_counts (self);
  show_overlays (self);
  lda_window_edit_update_undo (self);
}

/* Brings the panes up to date with a changed rectangle of the edits. */
static void
refresh_rect (LdaWindow     *self,
              const LdaRect *dirty)
{
  LdaEdits *edits = frame_edits (self);

  if (edits == NULL || self->merged == NULL || lda_rect_is_empty (dirty))
    return;

  /* The automatic mask shown as it is (lda_window_edit_show()): the
   * edits go into a copy. */
  if (self->merged == self->automatic)
    {
      g_autoptr(GError) error = NULL;
      LdaImage *copy = lda_image_copy (self->automatic, &error);

      if (copy == NULL)
        {
          lda_window_post_message (self, LDA_MESSAGE_TOPIC_FRAME, LDA_MESSAGE_WARNING,
                                   error->message);
          return;
        }
      lda_image_unref (self->merged);
      self->merged = copy;
    }
  lda_edits_merge_rect (edits, self->automatic, self->merged, dirty);

  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      const LdaImage *shown = lda_image_view_get_labels (self->views[p]);

      /* A pane still showing a slider's preview (lda-window-preview.c)
       * goes back to the mask being corrected. */
      if (shown != NULL && shown != self->merged)
        lda_image_view_set_labels (self->views[p], self->merged);
      else
        lda_image_view_labels_changed (self->views[p], dirty);
    }
}

/* After a finished step: counts, frame state, strip, saving. */
static void
after_change (LdaWindow *self)
{
  LdaRunResult *result = lda_pipeline_runner_get_result (self->runner);

  refresh_counts (self);
  if (result != NULL && self->series != NULL)
    {
      lda_window_show_counts (self, lda_window_edit_counts (self, result));
      lda_window_set_frame_counts (self, self->frame, lda_window_edit_counts (self, result));
    }
  lda_window_edit_update_undo (self);
  /* A still pointer reads what the step changed beneath it. */
  lda_window_update_status (self);
}

/**
 * lda_window_edit_refresh:
 * @self: a window
 * @dirty: what an undo, a redo or a reset changed in the frame shown
 */
void
lda_window_edit_refresh (LdaWindow     *self,
                         const LdaRect *dirty)
{
  refresh_rect (self, dirty);
  after_change (self);
}

static const char *
tool_label (LdaWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (is_tool (self, tools[i].name))
      return tools[i].label != NULL ? _(tools[i].label) : NULL;

  return NULL;
}

/* Applies the tool in hand at image point (x, y); for a brush, a segment
 * from the previous point of the stroke.  Returns FALSE where the tool
 * does nothing (outside the image, picker). */
static gboolean
apply_tool (LdaWindow *self,
            double     x,
            double     y,
            gboolean   first)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits;
  LdaRect dirty = { 0, 0, 0, 0 };
  guint ix, iy;

  if (self->merged == NULL)
    return FALSE;

  if (is_tool (self, "picker"))
    {
      if (x < 0 || y < 0 || x >= self->merged->width || y >= self->merged->height)
        return FALSE;
      lda_window_edit_set_paint_class (self, lda_image_get (self->merged, (guint) x, (guint) y));
      return FALSE;
    }

  edits = self->stroke_edits;
  if (edits == NULL)
    return FALSE;

  if (is_tool (self, "brush") || is_tool (self, "eraser"))
    {
      guint8 value = is_tool (self, "brush") ? (guint8) self->paint_class : LDA_NO_EDIT;
      double radius = self->brush_size / 2.0;

      if (self->nucleus_stroke != NULL &&
          (value == LDA_CLASS_HOECHST || value == LDA_CLASS_DRAQ7))
        lda_nucleus_stroke_line (self->nucleus_stroke, edits, self->merged,
                                 first ? x : self->last_x, first ? y : self->last_y, x, y,
                                 radius, value, &dirty);
      else if (first)
        lda_edits_dab (edits, x, y, radius, value, &dirty);
      else
        lda_edits_line (edits, self->last_x, self->last_y, x, y, radius, value, &dirty);
      self->last_x = x;
      self->last_y = y;
    }
  else if (first)
    {
      if (x < 0 || y < 0 || x >= self->merged->width || y >= self->merged->height)
        return FALSE;
      ix = (guint) x;
      iy = (guint) y;

      /* A fill too large for a nucleus says so over the pane. */
      if (is_tool (self, "fill"))
        lda_edits_fill_full (edits, self->merged, ix, iy, (guint8) self->paint_class,
                             nucleus_connectivity (self), &dirty, &error);
      else if (is_tool (self, "toggle"))
        lda_edits_toggle_nucleus_full (edits, self->merged, ix, iy,
                                       nucleus_connectivity (self), &dirty);
      else if (is_tool (self, "delete"))
        lda_edits_delete_cell (edits, self->merged, ix, iy, &dirty);
      if (error != NULL)
        lda_window_show_hint (self, self->stroke_pane, error->message);
    }

  lda_rect_union (&self->stroke_dirty, &dirty);
  refresh_rect (self, &dirty);

  return TRUE;
}

/* Starts a stroke; with @join, a brush of a nucleus class joins the
 * nuclei it reaches, as Shift held does. */
static void
stroke_begin (LdaWindow *self,
              double     x,
              double     y,
              gboolean   join)
{
  g_autoptr(GError) error = NULL;

  if (!is_editing (self) || self->merged == NULL || self->document == NULL || self->stroking)
    return;

  if (is_tool (self, "picker"))
    {
      apply_tool (self, x, y, TRUE);
      return;
    }

  self->stroke_edits = lda_document_begin_edit (self->document, self->frame,
                                                self->automatic->width,
                                                self->automatic->height, &error);
  if (self->stroke_edits == NULL)
    {
      /* A read-only project says so in the bar under the header already:
       * not a second time. */
      if (g_error_matches (error, LDA_ERROR, LDA_ERROR_LOCKED))
        gtk_widget_error_bell (GTK_WIDGET (self));
      else
        lda_window_post_message (self, LDA_MESSAGE_TOPIC_FRAME, LDA_MESSAGE_WARNING,
                                 error->message);
      return;
    }

  /* A nucleus painted keeps to one nucleus, and a line from the others
   * (lda-edits-apart.c); without memory for that, it paints as a join. */
  if (is_tool (self, "brush") && !join &&
      (self->paint_class == LDA_CLASS_HOECHST || self->paint_class == LDA_CLASS_DRAQ7))
    self->nucleus_stroke = lda_nucleus_stroke_new (self->merged, x, y,
                                                   nucleus_connectivity (self), NULL);

  lda_window_hide_hint (self);
  self->stroking = TRUE;
  self->stroke_frame = self->frame;
  self->stroke_dirty = (LdaRect) { 0, 0, 0, 0 };
  apply_tool (self, x, y, TRUE);
}

/**
 * lda_window_stroke_begin:
 * @self: a window
 * @x: image column
 * @y: image row
 *
 * Starts a stroke (or a click) of the tool in hand.  The mouse and the
 * tests go through the same three calls.  A brush of a nucleus class
 * keeps to the nucleus it starts on, or a new one, and keeps a line from
 * the others; lda_window_stroke_begin_joining(), as with Shift held,
 * joins the nuclei it reaches.
 */
void
lda_window_stroke_begin (LdaWindow *self,
                         double     x,
                         double     y)
{
  stroke_begin (self, x, y, FALSE);
}

void
lda_window_stroke_begin_joining (LdaWindow *self,
                                 double     x,
                                 double     y)
{
  stroke_begin (self, x, y, TRUE);
}

void
lda_window_stroke_move (LdaWindow *self,
                        double     x,
                        double     y)
{
  if (self->stroking && (is_tool (self, "brush") || is_tool (self, "eraser")))
    apply_tool (self, x, y, FALSE);
}

void
lda_window_stroke_end (LdaWindow *self)
{
  if (!self->stroking)
    return;

  self->stroking = FALSE;
  /* In the same step: what the stroke leaves of the nuclei it reached
   * mended (lda-edits-stroke-end.c). */
  if ((is_tool (self, "brush") || is_tool (self, "eraser")) && self->merged != NULL &&
      self->stroke_frame == self->frame && !lda_rect_is_empty (&self->stroke_dirty))
    {
      const LdaParams *params = lda_document_get_params (self->document, self->frame);
      const LdaStrokeEnd how = {
        is_tool (self, "brush") ? (guint8) self->paint_class : LDA_NO_EDIT,
        self->nucleus_stroke == NULL, params->nuclei.objects, params->nuclei.min_area,
        nucleus_connectivity (self), lda_document_get_edit_before (self->document, self->frame),
      };
      LdaRect mended = { 0, 0, 0, 0 };

      if (lda_edits_end_stroke (self->stroke_edits, self->automatic, self->merged,
                                &self->stroke_dirty, &how, &mended) > 0)
        {
          lda_rect_union (&self->stroke_dirty, &mended);
          refresh_rect (self, &mended);
        }
    }
  if (self->nucleus_stroke != NULL && lda_nucleus_stroke_kept_apart (self->nucleus_stroke))
    lda_window_hint_kept_apart (self, self->stroke_pane,
                                lda_rect_is_empty (&self->stroke_dirty)
                                ? -1.0 : self->stroke_dirty.y + self->stroke_dirty.height / 2.0);
  g_clear_pointer (&self->nucleus_stroke, lda_nucleus_stroke_free);
  self->stroke_edits = NULL;
  lda_document_end_edit (self->document, self->stroke_frame, &self->stroke_dirty,
                         tool_label (self));
  if (!lda_rect_is_empty (&self->stroke_dirty) && self->stroke_frame == self->frame)
    {
      LdaRunResult *result = lda_pipeline_runner_get_result (self->runner);
      const guint cells_before = result != NULL ? lda_window_edit_counts (self, result)->n_objects
                                                : 0;
      guint cells_after;

      after_change (self);
      /* A stroke that paints no nucleus makes cells only by cutting
       * nuclei in two: the counts would go up without a word. */
      cells_after = result != NULL ? lda_window_edit_counts (self, result)->n_objects : 0;
      if (result != NULL && is_tool (self, "brush") && self->paint_class != LDA_CLASS_HOECHST &&
          self->paint_class != LDA_CLASS_DRAQ7 &&
          cells_after > cells_before)
        lda_window_hint_cut (self, self->stroke_pane,
                             self->stroke_dirty.y + self->stroke_dirty.height / 2.0,
                             cells_after - cells_before);
    }
}

/* Actions */

static void
set_tool (LdaWindow  *self,
          const char *name)
{
  char *tool = g_strdup (name);
  gboolean editing;

  /* @name may be self->tool itself (set_brush_size()): copy, then free. */
  g_free (self->tool);
  self->tool = tool;
  editing = is_editing (self);

  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      gboolean paints = p == LDA_PANE_SEGMENTED || p == LDA_PANE_COMPOSITE;

      g_object_set (self->views[p], "pan-with-primary", !(editing && paints), NULL);
      lda_image_view_set_brush_radius (self->views[p],
                                       paints && (is_tool (self, "brush") || is_tool (self, "eraser"))
                                       ? self->brush_size / 2.0 : 0.0);
    }

  show_overlays (self);
}

/**
 * lda_window_edit_set_tool:
 * @self: a window
 * @name: a tool's name ("view", "brush", …); other names are ignored
 *
 * The "tool" property, which the win.tool action sets.
 */
void
lda_window_edit_set_tool (LdaWindow  *self,
                          const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (g_strcmp0 (name, tools[i].name) == 0)
      {
        if (!is_tool (self, name))
          {
            set_tool (self, name);
            g_object_notify (G_OBJECT (self), "tool");
          }
        return;
      }
}

const char *
lda_window_edit_get_tool (LdaWindow *self)
{
  /* Asked for by the action before the window is set up. */
  return self->tool != NULL ? self->tool : "view";
}

/**
 * lda_window_edit_set_paint_class:
 * @self: a window
 * @klass: the class the tools paint, 0–4
 *
 * The "paint-class" property, which the win.paint-class action sets.
 */
void
lda_window_edit_set_paint_class (LdaWindow *self,
                                 int        klass)
{
  if (klass < 0 || klass >= LDA_N_CLASSES || klass == self->paint_class)
    return;

  self->paint_class = klass;
  update_class_label (self);
  g_object_notify (G_OBJECT (self), "paint-class");
}

/* Digit keys: a class while a tool is in hand, else a pane. */
static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);
  int digit = g_variant_get_int32 (parameter);

  if (is_editing (self))
    lda_window_edit_set_paint_class (self, digit);
  else if (digit >= 1 && digit <= 4)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-pane", "i", digit);
  else if (digit == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.zoom-fit", NULL);
}

static void
set_brush_size (LdaWindow *self,
                double     size)
{
  self->brush_size = CLAMP (size, 1.0, 200.0);
  set_tool (self, self->tool);
  update_class_label (self);
}

static void
brush_bigger_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  set_brush_size (self, self->brush_size < 10 ? self->brush_size + 1 : self->brush_size * 1.25);
}

static void
brush_smaller_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);

  set_brush_size (self, self->brush_size <= 10 ? self->brush_size - 1 : self->brush_size / 1.25);
}

static void
undo_redo (LdaWindow *self,
           gboolean   undo)
{
  if (self->document == NULL || self->stroking)
    return;

  /* The document says what changed (lda-window-document.c). */
  if (undo)
    lda_document_undo (self->document, self->frame);
  else
    lda_document_redo (self->document, self->frame);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (LDA_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (LDA_WINDOW (widget), FALSE);
}

/**
 * lda_window_reset_frame_edits:
 * @self: a window
 *
 * Drops every edit of the current frame, as one undoable step.
 */
void
lda_window_reset_frame_edits (LdaWindow *self)
{
  if (self->document != NULL && !self->stroking)
    lda_document_reset_frame (self->document, self->frame);
}

static void
reset_confirmed (gpointer user_data)
{
  lda_window_reset_frame_edits (user_data);
}

static void
reset_frame_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LdaWindow *self = LDA_WINDOW (widget);
  LdaEdits *edits = frame_edits (self);
  const char *message = _("Reset this frame’s corrections?");
  const char *detail = _("The mask goes back to the automatic segmentation. "
                         "Undo (Ctrl+Z) brings the corrections back.");

  if (edits == NULL || lda_edits_count (edits) == 0)
    return;

  lda_confirm (GTK_WINDOW (self), message, detail, _("_Reset"), reset_confirmed, G_OBJECT (self));
}

/**
 * lda_window_edit_reset:
 * @self: a window
 *
 * Forgets the masks of what was shown before.
 */
void
lda_window_edit_reset (LdaWindow *self)
{
  g_clear_pointer (&self->automatic, lda_image_unref);
  g_clear_pointer (&self->merged, lda_image_unref);
  g_clear_pointer (&self->merged_counts, lda_counts_free);
  self->stroking = FALSE;
  self->stroke_edits = NULL;
  g_clear_pointer (&self->nucleus_stroke, lda_nucleus_stroke_free);
}

void
lda_window_edit_init (LdaWindow *self)
{
  self->tool = g_strdup ("view");
  self->paint_class = 1;
  self->brush_size = 9;
  self->stroke_pane = LDA_PANE_SEGMENTED;
  /* The class buttons read the class when the template was made. */
  g_object_notify (G_OBJECT (self), "paint-class");

  lda_window_preview_init (self);
  lda_window_edit_reset (self);
  update_class_label (self);
  lda_window_edit_update_undo (self);
}

void
lda_window_edit_finalize (LdaWindow *self)
{
  g_clear_pointer (&self->automatic, lda_image_unref);
  g_clear_pointer (&self->merged, lda_image_unref);
  g_clear_pointer (&self->merged_counts, lda_counts_free);
  g_clear_pointer (&self->nucleus_stroke, lda_nucleus_stroke_free);
  g_clear_pointer (&self->tool, g_free);
}

void
lda_window_edit_class_init (GtkWidgetClass *widget_class)
{
  static const struct {
    guint       key;
    const char *tool;
  } tool_keys[] = {
    { GDK_KEY_v, "view" }, { GDK_KEY_Escape, "view" }, { GDK_KEY_b, "brush" },
    { GDK_KEY_e, "eraser" }, { GDK_KEY_f, "fill" }, { GDK_KEY_i, "picker" },
    { GDK_KEY_l, "toggle" }, { GDK_KEY_d, "delete" },
  };
  static const guint digit_keys[] = {
    GDK_KEY_0, GDK_KEY_1, GDK_KEY_2, GDK_KEY_3, GDK_KEY_4,
  };

  /* Installed on the class, as every win.* action: on GTK 4.8 only such
   * actions are really disabled by gtk_widget_action_set_enabled() —
   * Ctrl+Z does not run an Undo that is greyed.  The tool and the class
   * are the window's properties of those names. */
  gtk_widget_class_install_property_action (widget_class, "win.tool", "tool");
  gtk_widget_class_install_property_action (widget_class, "win.paint-class", "paint-class");
  gtk_widget_class_install_action (widget_class, "win.digit", "i", digit_action);
  gtk_widget_class_install_action (widget_class, "win.brush-bigger", NULL, brush_bigger_action);
  gtk_widget_class_install_action (widget_class, "win.brush-smaller", NULL, brush_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.reset-frame", NULL, reset_frame_action);

  /* Plain keys are bound in the bubble phase, so that a focused spin
   * button still gets them first. */
  for (guint i = 0; i < G_N_ELEMENTS (tool_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, tool_keys[i].key, 0,
                                         "win.tool", "s", tool_keys[i].tool);
  for (guint i = 0; i < G_N_ELEMENTS (digit_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, digit_keys[i], 0,
                                         "win.digit", "i", (int) i);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0,
                                       "win.brush-bigger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0,
                                       "win.brush-smaller", NULL);
}
