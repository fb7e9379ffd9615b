/* lda-image-view-input.c — zooming and panning a pane with the mouse and keys
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lda-image-view-private.h"

#define SCROLL_ZOOM_STEP 1.2         /* per wheel click */
#define KEY_ZOOM_STEP G_SQRT2
#define SURFACE_PIXELS_PER_STEP 25.0 /* touchpad scrolling in pixels */
#define KEY_PAN_FRACTION 0.1         /* of the widget per arrow key */
#define DRAG_THRESHOLD 3.0           /* pixels before a press becomes a pan */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LdaImageView             *self)
{
  GdkModifierType state;
  GdkScrollUnit unit;

  if (!lda_image_view_has_image (self))
    return FALSE;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  unit = gtk_event_controller_scroll_get_unit (controller);

  if (state & GDK_CONTROL_MASK)
    {
      double steps = unit == GDK_SCROLL_UNIT_SURFACE ? dy / SURFACE_PIXELS_PER_STEP : dy;
      double wx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double wy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      if (self->pointer_inside)
        {
          wx = self->pointer_x;
          wy = self->pointer_y;
        }

      lda_image_view_zoom_about (self, wx, wy, pow (SCROLL_ZOOM_STEP, -steps));
    }
  else
    {
      double px = dx;
      double py = dy;

      /* A wheel click moves as far as GtkScrolledWindow would. */
      if (unit == GDK_SCROLL_UNIT_WHEEL)
        {
          px *= pow (gtk_widget_get_width (GTK_WIDGET (self)), 2.0 / 3.0);
          py *= pow (gtk_widget_get_height (GTK_WIDGET (self)), 2.0 / 3.0);
        }

      /* Shift turns a plain wheel sideways. */
      if ((state & GDK_SHIFT_MASK) && px == 0.0)
        {
          px = py;
          py = 0.0;
        }

      lda_image_view_pan_by (self, px, py);
    }

  lda_image_view_update_pointer (self);
  return TRUE;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LdaImageView   *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  gboolean pans = button == GDK_BUTTON_MIDDLE
                  || (button == GDK_BUTTON_PRIMARY && self->pan_with_primary);

  if (!pans || !lda_image_view_has_image (self))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
  self->drag_moved = FALSE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                LdaImageView   *self)
{
  if (!self->drag_moved)
    {
      /* A click, or the first half of a double-click, must not stop the
       * panes fitting. */
      if (fabs (offset_x) < DRAG_THRESHOLD && fabs (offset_y) < DRAG_THRESHOLD)
        return;

      self->drag_moved = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      lda_image_view_set_fit_internal (self, FALSE);

      g_set_object (&self->saved_cursor, gtk_widget_get_cursor (GTK_WIDGET (self)));
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }

  lda_image_view_set_center_clamped (self,
                                     self->drag_center_x - offset_x / self->zoom,
                                     self->drag_center_y - offset_y / self->zoom);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             LdaImageView   *self)
{
  if (!self->drag_moved)
    return;

  self->drag_moved = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), self->saved_cursor);
  g_clear_object (&self->saved_cursor);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LdaImageView    *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Where the primary button paints, a double-click is two dabs, as in
   * any paint program: the pane stays as it is. */
  if (n_press == 2 && (self->pan_with_primary ||
                       gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) !=
                       GDK_BUTTON_PRIMARY))
    lda_image_view_toggle_solo (self);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LdaImageView             *self)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  lda_image_view_update_pointer (self);
  if (self->brush_radius > 0.0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *controller,
          LdaImageView             *self)
{
  self->pointer_inside = FALSE;
  lda_image_view_update_pointer (self);
  if (self->brush_radius > 0.0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef enum { KEY_ZOOM, KEY_PAN } KeyAction;

/* Bindings pass (action, x, y): a zoom factor, or a pan in widget sizes. */
static gboolean
on_key (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  LdaImageView *self = LDA_IMAGE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  guint action;
  double x, y;

  if (!lda_image_view_has_image (self))
    return FALSE;

  g_variant_get (args, "(udd)", &action, &x, &y);
  /* About the pointer when it is over the view, as the wheel zooms (and
   * ImageJ's keys): what is under it stays under it. */
  if (action == KEY_ZOOM && self->pointer_inside)
    lda_image_view_zoom_about (self, self->pointer_x, self->pointer_y, x);
  else if (action == KEY_ZOOM)
    lda_image_view_zoom_about (self, width / 2.0, height / 2.0, x);
  else
    lda_image_view_pan_by (self, x * width, y * height);

  lda_image_view_update_pointer (self);
  return TRUE;
}

void
lda_image_view_init_input (LdaImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;
  GtkGesture *click;

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  /* Any button; drag-begin keeps the ones that pan. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}

void
lda_image_view_class_init_input (GtkWidgetClass *widget_class)
{
  const double in = KEY_ZOOM_STEP, out = 1.0 / KEY_ZOOM_STEP, pan = KEY_PAN_FRACTION;
  const struct { guint keyval; KeyAction action; double x, y; } keys[] = {
    { GDK_KEY_plus, KEY_ZOOM, in, 0 },      { GDK_KEY_equal, KEY_ZOOM, in, 0 },
    { GDK_KEY_KP_Add, KEY_ZOOM, in, 0 },    { GDK_KEY_minus, KEY_ZOOM, out, 0 },
    { GDK_KEY_KP_Subtract, KEY_ZOOM, out, 0 },
    { GDK_KEY_Left, KEY_PAN, -pan, 0 },     { GDK_KEY_KP_Left, KEY_PAN, -pan, 0 },
    { GDK_KEY_Right, KEY_PAN, pan, 0 },     { GDK_KEY_KP_Right, KEY_PAN, pan, 0 },
    { GDK_KEY_Up, KEY_PAN, 0, -pan },       { GDK_KEY_KP_Up, KEY_PAN, 0, -pan },
    { GDK_KEY_Down, KEY_PAN, 0, pan },      { GDK_KEY_KP_Down, KEY_PAN, 0, pan },
  };

  /* The digits belong to the window: with a tool in hand they choose
   * the class to paint, 0 too; else 0 fits the panes. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding (widget_class, keys[i].keyval, 0, on_key, "(udd)",
                                  keys[i].action, keys[i].x, keys[i].y);
}
