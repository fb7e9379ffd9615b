/* lda-image-view.c — one zoomable, pannable image pane
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lda-image-view.h"
#include "lda-tiled-layer.h"

/* The view maps image to widget coordinates with a zoom (screen pixels per
 * image pixel) and the image point shown at the widget centre:
 *
 *   widget = (image − center) · zoom + size / 2
 *
 * The window binds these properties between its four panes, so they are
 * plain values: setting one through GObject never turns "fit" off, or a
 * pane following another pane's fit would stop fitting.  Only what the
 * user does here (scroll, drag, keys, lda_image_view_set_zoom()) does. */

#define ZOOM_MIN (1.0 / 64.0)
#define ZOOM_MAX 64.0
#define SCROLL_ZOOM_STEP 1.2         /* per wheel click */
#define KEY_ZOOM_STEP G_SQRT2
#define SURFACE_PIXELS_PER_STEP 25.0 /* touchpad scrolling in pixels */
#define KEY_PAN_FRACTION 0.1         /* of the widget per arrow key */
#define DRAG_THRESHOLD 3.0           /* pixels before a press becomes a pan */
#define MIN_SIZE 64
#define NATURAL_SIZE 256

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

struct _LdaImageView
{
  GtkWidget        parent_instance;

  LdaTiledLayer   *image;
  LdaTiledLayer   *overlay;
  double           brush_radius;
  /* The hovered nucleus's outline: four floats per segment, in image
   * pixel corners (lda-nucleus-hover.c). */
  GArray          *outline;
  guint            image_width;
  guint            image_height;
  double           overlay_opacity;

  double           zoom;
  double           center_x;
  double           center_y;
  gboolean         fit;
  gboolean         pan_with_primary;

  /* The pointer in widget coordinates, and the image point last reported,
   * so that leaving twice does not report twice. */
  gboolean         pointer_inside;
  double           pointer_x;
  double           pointer_y;
  double           reported_x;
  double           reported_y;

  /* A pan in progress. */
  double           drag_center_x;
  double           drag_center_y;
  gboolean         drag_moved;
  GdkCursor       *saved_cursor;
};

G_DEFINE_FINAL_TYPE (LdaImageView, lda_image_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  PROP_FIT,
  PROP_PAN_WITH_PRIMARY,
  PROP_OVERLAY_OPACITY,
  N_PROPS
};

enum {
  POINTER_MOVED,
  TOGGLE_SOLO,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- geometry --------------------------------------------------------- */

static gboolean
has_image (LdaImageView *self)
{
  return self->image != NULL;
}

static void
image_rect (LdaImageView    *self,
            graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  graphene_rect_init (rect,
                      width / 2.0 - self->center_x * self->zoom,
                      height / 2.0 - self->center_y * self->zoom,
                      self->image_width * self->zoom,
                      self->image_height * self->zoom);
}

/* --- state changes ----------------------------------------------------- */

static void
set_zoom_internal (LdaImageView *self,
                   double        zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_center_internal (LdaImageView *self,
                     double        x,
                     double        y)
{
  if (x == self->center_x && y == self->center_y)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (x != self->center_x)
    {
      self->center_x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_X]);
    }
  if (y != self->center_y)
    {
      self->center_y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTER_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* For the user's pans: the widget centre stays over the image, so it
 * cannot be lost off-screen. */
static void
set_center_clamped (LdaImageView *self,
                    double        x,
                    double        y)
{
  set_center_internal (self,
                       CLAMP (x, 0.0, (double) self->image_width),
                       CLAMP (y, 0.0, (double) self->image_height));
}

static void
apply_fit (LdaImageView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  /* Before the first allocation; size_allocate will come back here. */
  if (!has_image (self) || width <= 0 || height <= 0)
    return;

  set_zoom_internal (self, MIN ((double) width / self->image_width,
                                (double) height / self->image_height));
  set_center_internal (self, self->image_width / 2.0, self->image_height / 2.0);
}

static void
set_fit_internal (LdaImageView *self,
                  gboolean      fit)
{
  fit = !!fit;
  if (fit == self->fit)
    return;

  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);

  if (fit)
    apply_fit (self);
}

/* Reports the image point under the pointer, or (-1, -1) off the image. */
static void
update_pointer (LdaImageView *self)
{
  double ix = -1.0;
  double iy = -1.0;

  if (self->pointer_inside && has_image (self))
    {
      lda_image_view_widget_to_image (self, self->pointer_x, self->pointer_y, &ix, &iy);
      if (ix < 0.0 || iy < 0.0 || ix >= self->image_width || iy >= self->image_height)
        ix = iy = -1.0;
    }

  if (ix == self->reported_x && iy == self->reported_y)
    return;

  self->reported_x = ix;
  self->reported_y = iy;
  g_signal_emit (self, signals[POINTER_MOVED], 0, ix, iy);
}

/* User zoom by @factor keeping the image point at widget (wx, wy) fixed. */
static void
zoom_about (LdaImageView *self,
            double        wx,
            double        wy,
            double        factor)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom = CLAMP (self->zoom * factor, ZOOM_MIN, ZOOM_MAX);
  double ix, iy;

  if (zoom == self->zoom)
    return;

  lda_image_view_widget_to_image (self, wx, wy, &ix, &iy);
  set_fit_internal (self, FALSE);
  set_zoom_internal (self, zoom);
  set_center_clamped (self,
                      ix - (wx - width / 2.0) / zoom,
                      iy - (wy - height / 2.0) / zoom);
}

/* User pan by (dx, dy) screen pixels: positive moves the view right/down. */
static void
pan_by (LdaImageView *self,
        double        dx,
        double        dy)
{
  if (dx == 0.0 && dy == 0.0)
    return;

  set_fit_internal (self, FALSE);
  set_center_clamped (self,
                      self->center_x + dx / self->zoom,
                      self->center_y + dy / self->zoom);
}

/* --- drawing ----------------------------------------------------------- */

static void
lda_image_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LdaImageView *self = LDA_IMAGE_VIEW (widget);
  static const GdkRGBA background = { 0.14f, 0.14f, 0.14f, 1.0f };
  static const GdkRGBA focus = { 0.21f, 0.52f, 0.89f, 0.7f };
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t area;
  graphene_rect_t image;
  graphene_rect_t visible;

  graphene_rect_init (&area, 0, 0, width, height);
  gtk_snapshot_append_color (snapshot, &background, &area);

  if (has_image (self))
    {
      image_rect (self, &image);

      /* The part inside the widget (empty if none), on whole pixels so
       * that a cairo node is not resampled when placed. */
      graphene_rect_intersection (&area, &image, &visible);
      graphene_rect_round_extents (&visible, &visible);
      graphene_rect_intersection (&area, &visible, &visible);

      if (visible.size.width > 0 && visible.size.height > 0)
        {
          lda_tiled_layer_snapshot (self->image, snapshot, &image, &visible, self->zoom);

          if (self->overlay != NULL && self->overlay_opacity > 0.0)
            {
              gtk_snapshot_push_opacity (snapshot, self->overlay_opacity);
              lda_tiled_layer_snapshot (self->overlay, snapshot, &image, &visible, self->zoom);
              gtk_snapshot_pop (snapshot);
            }
        }

      if (self->outline != NULL && self->outline->len > 0 &&
          visible.size.width > 0 && visible.size.height > 0)
        {
          const float *s = (const float *) self->outline->data;
          cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &visible);

          for (guint i = 0; i + 3 < self->outline->len; i += 4)
            {
              cairo_move_to (cr, image.origin.x + s[i] * self->zoom,
                             image.origin.y + s[i + 1] * self->zoom);
              cairo_line_to (cr, image.origin.x + s[i + 2] * self->zoom,
                             image.origin.y + s[i + 3] * self->zoom);
            }
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
          cairo_set_line_width (cr, 3.0);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          cairo_set_source_rgba (cr, 1, 0.92, 0.23, 1);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }

      /* The brush outline under the pointer, in image pixels. */
      if (self->brush_radius > 0.0 && self->pointer_inside)
        {
          graphene_rect_t bounds;
          cairo_t *cr;
          double r = MAX (self->brush_radius * self->zoom, 1.5);

          graphene_rect_init (&bounds, self->pointer_x - r - 2, self->pointer_y - r - 2,
                              2 * r + 4, 2 * r + 4);
          cr = gtk_snapshot_append_cairo (snapshot, &bounds);
          cairo_arc (cr, self->pointer_x, self->pointer_y, r, 0, 2 * G_PI);
          cairo_set_line_width (cr, 1.5);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, 0.75);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }
    }

  /* Four identical panes: show which one the keys act on. */
  if (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_VISIBLE)
    {
      GskRoundedRect outline;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { focus, focus, focus, focus };

      gsk_rounded_rect_init_from_rect (&outline, &area, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
lda_image_view_state_flags_changed (GtkWidget     *widget,
                                    GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);
  GtkWidgetClass *parent_class = GTK_WIDGET_CLASS (lda_image_view_parent_class);

  if (parent_class->state_flags_changed != NULL)
    parent_class->state_flags_changed (widget, previous);

  if ((now ^ previous) & GTK_STATE_FLAG_FOCUS_VISIBLE)
    gtk_widget_queue_draw (widget);
}

static void
lda_image_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* Four panes share the window; the image is zoomed to whatever they get. */
  *minimum = MIN_SIZE;
  *natural = NATURAL_SIZE;
}

static void
lda_image_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LdaImageView *self = LDA_IMAGE_VIEW (widget);

  if (self->fit)
    apply_fit (self);
}

/* --- input ------------------------------------------------------------- */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LdaImageView             *self)
{
  GdkModifierType state;
  GdkScrollUnit unit;

  if (!has_image (self))
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

      zoom_about (self, wx, wy, pow (SCROLL_ZOOM_STEP, -steps));
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

      pan_by (self, px, py);
    }

  update_pointer (self);
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

  if (!pans || !has_image (self))
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
      set_fit_internal (self, FALSE);

      g_set_object (&self->saved_cursor, gtk_widget_get_cursor (GTK_WIDGET (self)));
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
    }

  set_center_clamped (self,
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

  if (n_press == 2)
    g_signal_emit (self, signals[TOGGLE_SOLO], 0);
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
  update_pointer (self);
  if (self->brush_radius > 0.0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *controller,
          LdaImageView             *self)
{
  self->pointer_inside = FALSE;
  update_pointer (self);
  if (self->brush_radius > 0.0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef enum { KEY_ZOOM, KEY_FIT, KEY_PAN } KeyAction;

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

  if (!has_image (self))
    return FALSE;

  g_variant_get (args, "(udd)", &action, &x, &y);
  if (action == KEY_ZOOM)
    zoom_about (self, width / 2.0, height / 2.0, x);
  else if (action == KEY_FIT)
    lda_image_view_zoom_to_fit (self);
  else
    pan_by (self, x * width, y * height);

  update_pointer (self);
  return TRUE;
}

/* --- GObject ----------------------------------------------------------- */

static void
lda_image_view_dispose (GObject *object)
{
  LdaImageView *self = LDA_IMAGE_VIEW (object);

  g_clear_pointer (&self->image, lda_tiled_layer_free);
  g_clear_pointer (&self->overlay, lda_tiled_layer_free);
  g_clear_pointer (&self->outline, g_array_unref);
  g_clear_object (&self->saved_cursor);

  G_OBJECT_CLASS (lda_image_view_parent_class)->dispose (object);
}

static void
lda_image_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LdaImageView *self = LDA_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_CENTER_X:
      g_value_set_double (value, self->center_x);
      break;
    case PROP_CENTER_Y:
      g_value_set_double (value, self->center_y);
      break;
    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;
    case PROP_PAN_WITH_PRIMARY:
      g_value_set_boolean (value, self->pan_with_primary);
      break;
    case PROP_OVERLAY_OPACITY:
      g_value_set_double (value, self->overlay_opacity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_image_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LdaImageView *self = LDA_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      set_zoom_internal (self, g_value_get_double (value));
      break;
    case PROP_CENTER_X:
      set_center_internal (self, g_value_get_double (value), self->center_y);
      break;
    case PROP_CENTER_Y:
      set_center_internal (self, self->center_x, g_value_get_double (value));
      break;
    case PROP_FIT:
      set_fit_internal (self, g_value_get_boolean (value));
      break;
    case PROP_PAN_WITH_PRIMARY:
      if (self->pan_with_primary != g_value_get_boolean (value))
        {
          self->pan_with_primary = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_OVERLAY_OPACITY:
      lda_image_view_set_overlay_opacity (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_image_view_class_init (LdaImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const double in = KEY_ZOOM_STEP, out = 1.0 / KEY_ZOOM_STEP, pan = KEY_PAN_FRACTION;
  const struct { guint keyval; KeyAction action; double x, y; } keys[] = {
    { GDK_KEY_plus, KEY_ZOOM, in, 0 },      { GDK_KEY_equal, KEY_ZOOM, in, 0 },
    { GDK_KEY_KP_Add, KEY_ZOOM, in, 0 },    { GDK_KEY_minus, KEY_ZOOM, out, 0 },
    { GDK_KEY_KP_Subtract, KEY_ZOOM, out, 0 },
    { GDK_KEY_0, KEY_FIT, 0, 0 },           { GDK_KEY_KP_0, KEY_FIT, 0, 0 },
    { GDK_KEY_Left, KEY_PAN, -pan, 0 },     { GDK_KEY_KP_Left, KEY_PAN, -pan, 0 },
    { GDK_KEY_Right, KEY_PAN, pan, 0 },     { GDK_KEY_KP_Right, KEY_PAN, pan, 0 },
    { GDK_KEY_Up, KEY_PAN, 0, -pan },       { GDK_KEY_KP_Up, KEY_PAN, 0, -pan },
    { GDK_KEY_Down, KEY_PAN, 0, pan },      { GDK_KEY_KP_Down, KEY_PAN, 0, pan },
  };

  object_class->dispose = lda_image_view_dispose;
  object_class->get_property = lda_image_view_get_property;
  object_class->set_property = lda_image_view_set_property;

  widget_class->snapshot = lda_image_view_snapshot;
  widget_class->measure = lda_image_view_measure;
  widget_class->size_allocate = lda_image_view_size_allocate;
  widget_class->state_flags_changed = lda_image_view_state_flags_changed;

  /* Screen pixels per image pixel. */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0, PARAM_FLAGS);
  /* The image point shown at the centre of the widget. */
  properties[PROP_CENTER_X] =
    g_param_spec_double ("center-x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, PARAM_FLAGS);
  properties[PROP_CENTER_Y] =
    g_param_spec_double ("center-y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, PARAM_FLAGS);
  /* The whole image is shown and stays so as the widget is resized; any
   * zoom or pan by the user clears it. */
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE, PARAM_FLAGS);
  /* The middle button always pans; turn this off when the primary paints. */
  properties[PROP_PAN_WITH_PRIMARY] =
    g_param_spec_boolean ("pan-with-primary", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[PROP_OVERLAY_OPACITY] =
    g_param_spec_double ("overlay-opacity", NULL, NULL, 0.0, 1.0, 0.6, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The image point under the pointer (floor it for the pixel), or (-1, -1)
   * when the pointer is off the image or has left; also sent when the view
   * moves under a still pointer. */
  signals[POINTER_MOVED] =
    g_signal_new ("pointer-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /* A double-click: show this pane alone, or all panes again. */
  signals[TOGGLE_SOLO] =
    g_signal_new ("toggle-solo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Digits other than 0 belong to the window. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding (widget_class, keys[i].keyval, 0, on_key, "(udd)",
                                  keys[i].action, keys[i].x, keys[i].y);

  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lda_image_view_init (LdaImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *scroll;
  GtkEventController *motion;
  GtkGesture *drag;
  GtkGesture *click;

  self->zoom = 1.0;
  self->fit = TRUE;
  self->pan_with_primary = TRUE;
  self->overlay_opacity = 0.6;
  self->reported_x = -1.0;
  self->reported_y = -1.0;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

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

/* --- public API -------------------------------------------------------- */

GtkWidget *
lda_image_view_new (void)
{
  return g_object_new (LDA_TYPE_IMAGE_VIEW, NULL);
}

/**
 * lda_image_view_set_image:
 * @self: a view
 * @pixels: (nullable): @width × @height premultiplied ARGB32 pixels in
 *   native byte order, rows packed, as lda_render_gray() makes; %NULL
 *   clears the view
 * @width: columns
 * @height: rows
 *
 * Shows @pixels, keeping a reference.  An image of the size already shown
 * keeps the zoom and pan (a new render of the same field); another size
 * zooms to fit and drops the overlay.  Passing the bytes already shown
 * again costs nothing: the texture is not uploaded again.
 */
void
lda_image_view_set_image (LdaImageView *self,
                          GBytes       *pixels,
                          guint         width,
                          guint         height)
{
  gboolean same_size;

  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (pixels == NULL || (width > 0 && height > 0));
  g_return_if_fail (pixels == NULL || width <= G_MAXINT / 4);
  g_return_if_fail (pixels == NULL || g_bytes_get_size (pixels) >= (gsize) width * height * 4);

  same_size = has_image (self) && pixels != NULL
              && width == self->image_width && height == self->image_height;

  if (same_size && pixels == lda_tiled_layer_get_source (self->image))
    return;

  g_clear_pointer (&self->image, lda_tiled_layer_free);
  if (!same_size)
    g_clear_pointer (&self->overlay, lda_tiled_layer_free);

  if (pixels == NULL)
    {
      self->image_width = 0;
      self->image_height = 0;
    }
  else
    {
      self->image = lda_tiled_layer_new (pixels, width, height);
      self->image_width = width;
      self->image_height = height;

      /* Centred, also before the first allocation (when fitting waits
       * for one): a zoom set before then, as when a project brings back
       * how it was left, looks at the middle of the image. */
      if (!same_size)
        {
          set_center_internal (self, width / 2.0, height / 2.0);
          lda_image_view_zoom_to_fit (self);
        }
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_pointer (self);
}

/**
 * lda_image_view_set_overlay:
 * @self: a view
 * @pixels: (nullable): premultiplied ARGB32 pixels of the image's size, as
 *   lda_render_labels() makes, or %NULL for none
 *
 * Draws @pixels over the image at #LdaImageView:overlay-opacity.
 */
void
lda_image_view_set_overlay (LdaImageView *self,
                            GBytes       *pixels)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (pixels == NULL || has_image (self));
  g_return_if_fail (pixels == NULL
                    || g_bytes_get_size (pixels) >= (gsize) self->image_width * self->image_height * 4);

  if (self->overlay != NULL && pixels == lda_tiled_layer_get_source (self->overlay))
    return;

  g_clear_pointer (&self->overlay, lda_tiled_layer_free);
  if (pixels != NULL)
    self->overlay = lda_tiled_layer_new (pixels, self->image_width, self->image_height);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_image_view_get_overlay_pixels:
 * @self: a view
 *
 * The overlay's own copy of its pixels, to change in place while painting;
 * call lda_image_view_overlay_changed() for what changed.
 *
 * Returns: (nullable): width × height premultiplied ARGB32 pixels
 */
guint32 *
lda_image_view_get_overlay_pixels (LdaImageView *self)
{
  g_return_val_if_fail (LDA_IS_IMAGE_VIEW (self), NULL);

  return self->overlay != NULL ? lda_tiled_layer_get_pixels (self->overlay) : NULL;
}

/**
 * lda_image_view_overlay_changed:
 * @self: a view
 * @x: first changed column
 * @y: first changed row
 * @width: changed columns
 * @height: changed rows
 *
 * Redraws only the part of the overlay that changed.
 */
void
lda_image_view_overlay_changed (LdaImageView *self,
                                int           x,
                                int           y,
                                int           width,
                                int           height)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  if (self->overlay == NULL)
    return;

  lda_tiled_layer_update (self->overlay, x, y, width, height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_image_view_set_outline:
 * @self: a view
 * @segments: (nullable): four floats per segment (x0, y0, x1, y1) in image
 *   coordinates, or %NULL for none; the view keeps a reference
 *
 * Outlines a region of the image, such as the nucleus under the pointer.
 */
void
lda_image_view_set_outline (LdaImageView *self,
                            GArray       *segments)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  if (segments == self->outline)
    return;
  g_clear_pointer (&self->outline, g_array_unref);
  if (segments != NULL)
    self->outline = g_array_ref (segments);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lda_image_view_set_brush_radius:
 * @self: a view
 * @radius: the brush radius in image pixels, 0 for no outline
 *
 * Draws the brush's outline under the pointer.
 */
void
lda_image_view_set_brush_radius (LdaImageView *self,
                                 double        radius)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  if (radius == self->brush_radius)
    return;

  self->brush_radius = radius;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Sets #LdaImageView:overlay-opacity, 0 (hidden) to 1 (opaque). */
void
lda_image_view_set_overlay_opacity (LdaImageView *self,
                                    double        opacity)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  opacity = CLAMP (opacity, 0.0, 1.0);
  if (opacity == self->overlay_opacity)
    return;

  self->overlay_opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERLAY_OPACITY]);
  if (self->overlay != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
lda_image_view_get_zoom (LdaImageView *self)
{
  g_return_val_if_fail (LDA_IS_IMAGE_VIEW (self), 1.0);

  return self->zoom;
}

/* Zooms about the centre (clamped to 1/64 … 64) as the user asked: this
 * turns #LdaImageView:fit off, where setting the "zoom" property does not. */
void
lda_image_view_set_zoom (LdaImageView *self,
                         double        zoom)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  set_fit_internal (self, FALSE);
  set_zoom_internal (self, zoom);
  update_pointer (self);
}

/**
 * lda_image_view_zoom_step:
 * @zoom: the zoom now
 * @direction: 1 to zoom in, -1 to zoom out
 *
 * Zooming in and out goes through fixed levels — 1:1, 2:1, 4:1, 8:1 among
 * them, so that pixels are whole screen pixels there — from wherever the
 * zoom is (a fit is rarely a level).
 *
 * Returns: the next level in @direction, or @zoom at the end
 */
double
lda_image_view_zoom_step (double zoom,
                          int    direction)
{
  static const double levels[] = {
    1.0 / 64, 1.0 / 48, 1.0 / 32, 1.0 / 24, 1.0 / 16, 1.0 / 12, 1.0 / 8, 1.0 / 6,
    1.0 / 4, 1.0 / 3, 1.0 / 2, 2.0 / 3, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64,
  };

  if (direction > 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        if (levels[i] > zoom * (1.0 + 1e-6))
          return levels[i];
    }
  else
    {
      for (guint i = G_N_ELEMENTS (levels); i-- > 0;)
        if (levels[i] < zoom * (1.0 - 1e-6))
          return levels[i];
    }

  return zoom;
}

/* Shows the whole image, centred, and keeps it so as the view is resized
 * until the user zooms or pans. */
void
lda_image_view_zoom_to_fit (LdaImageView *self)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  if (self->fit)
    apply_fit (self);
  else
    set_fit_internal (self, TRUE);
}

gboolean
lda_image_view_get_fit (LdaImageView *self)
{
  g_return_val_if_fail (LDA_IS_IMAGE_VIEW (self), FALSE);

  return self->fit;
}

/**
 * lda_image_view_bind:
 * @self: a view
 * @other: another view
 *
 * Makes the two views share zoom, pan and fit both ways, starting from
 * those of @self.  Binding each pane to the first one links them all.
 */
void
lda_image_view_bind (LdaImageView *self,
                     LdaImageView *other)
{
  /* "fit" last: when it arrives the target re-fits to its own size and
   * that zoom flows back, instead of being overwritten by a stale one. */
  static const char * const names[] = { "zoom", "center-x", "center-y", "fit" };

  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (LDA_IS_IMAGE_VIEW (other));
  g_return_if_fail (self != other);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_bind_property (self, names[i], other, names[i],
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* Maps a widget point to image coordinates, which may lie off the image;
 * the pixel is (floor (ix), floor (iy)).  Either output may be NULL. */
void
lda_image_view_widget_to_image (LdaImageView *self,
                                double        wx,
                                double        wy,
                                double       *ix,
                                double       *iy)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  if (ix != NULL)
    *ix = self->center_x + (wx - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0) / self->zoom;
  if (iy != NULL)
    *iy = self->center_y + (wy - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0) / self->zoom;
}
