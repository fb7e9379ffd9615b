/* lda-window-mouse.c — strokes and clicks from the primary button on
 * the panes that are painted (composite and segmented), as image
 * coordinates for lda-window-edit.c
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-window-private.h"

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LdaWindow      *self)
{
  LdaImageView *view = LDA_IMAGE_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  double ix, iy;

  if (g_strcmp0 (lda_window_edit_get_tool (self), "view") == 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  lda_image_view_widget_to_image (view, x, y, &ix, &iy);
  self->stroke_pane = view == self->views[LDA_PANE_COMPOSITE] ? LDA_PANE_COMPOSITE : LDA_PANE_SEGMENTED;
  if (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) &
      GDK_SHIFT_MASK)
    lda_window_stroke_begin_joining (self, ix, iy);
  else
    lda_window_stroke_begin (self, ix, iy);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LdaWindow      *self)
{
  LdaImageView *view = LDA_IMAGE_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  double sx, sy, ix, iy;

  if (!gtk_gesture_drag_get_start_point (gesture, &sx, &sy))
    return;
  lda_image_view_widget_to_image (view, sx + dx, sy + dy, &ix, &iy);
  lda_window_stroke_move (self, ix, iy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LdaWindow      *self)
{
  lda_window_stroke_end (self);
}

/**
 * lda_window_mouse_init:
 * @self: a window
 *
 * Lets the primary button paint on the composite and segmented panes
 * while a tool other than the view's is chosen; with Shift held a
 * brush stroke joins nuclei.
 */
void
lda_window_mouse_init (LdaWindow *self)
{
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      GtkGesture *drag;

      if (p != LDA_PANE_SEGMENTED && p != LDA_PANE_COMPOSITE)
        continue;

      drag = gtk_gesture_drag_new ();
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
      g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
      g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
      gtk_widget_add_controller (GTK_WIDGET (self->views[p]), GTK_EVENT_CONTROLLER (drag));
    }
}
