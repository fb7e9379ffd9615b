/* lda-image-view.c — one zoomable, pannable image pane
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "lda-image-view-private.h"

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
#define MIN_SIZE 64
#define NATURAL_SIZE 256

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)


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

gboolean
lda_image_view_has_image (LdaImageView *self)
{
  return self->image != NULL;
}

void
lda_image_view_image_rect (LdaImageView    *self,
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

/* One axis of a centre the user asked for: where the image, at the zoom
 * shown, fits in the widget's @extent, its middle (as a viewer shows a
 * small image: not against an edge, where a pan left it); else the
 * widget's centre stays over the image, so that it cannot be lost
 * off-screen. */
static double
settle_axis (double value,
             guint  image_extent,
             double zoom,
             int    extent)
{
  if (extent > 0 && image_extent * zoom <= extent)
    return image_extent / 2.0;
  return CLAMP (value, 0.0, (double) image_extent);
}

/* For the user's pans and zooms (settle_axis()). */
void
lda_image_view_set_center_clamped (LdaImageView *self,
                                   double        x,
                                   double        y)
{
  set_center_internal (self,
                       settle_axis (x, self->image_width, self->zoom,
                                    gtk_widget_get_width (GTK_WIDGET (self))),
                       settle_axis (y, self->image_height, self->zoom,
                                    gtk_widget_get_height (GTK_WIDGET (self))));
}

/**
 * lda_image_view_get_center:
 * @self: a view
 * @x: (out): the image column at the view's centre
 * @y: (out): the image row
 */
void
lda_image_view_get_center (LdaImageView *self,
                           double       *x,
                           double       *y)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  *x = self->center_x;
  *y = self->center_y;
}

/**
 * lda_image_view_set_center:
 * @self: a view
 * @x: an image column, for the view's centre
 * @y: an image row
 *
 * Shows the image around (@x, @y), kept within the image, at the zoom
 * set: not for a fitted view, which shows the whole image.
 */
void
lda_image_view_set_center (LdaImageView *self,
                           double        x,
                           double        y)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));

  if (!self->fit && isfinite (x) && isfinite (y))
    lda_image_view_set_center_clamped (self, x, y);
}

static void
apply_fit (LdaImageView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  /* Before the first allocation; size_allocate will come back here. */
  if (!lda_image_view_has_image (self) || width <= 0 || height <= 0)
    return;

  set_zoom_internal (self, MIN ((double) width / self->image_width,
                                (double) height / self->image_height));
  set_center_internal (self, self->image_width / 2.0, self->image_height / 2.0);
}

void
lda_image_view_set_fit_internal (LdaImageView *self,
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
void
lda_image_view_update_pointer (LdaImageView *self)
{
  double ix = -1.0;
  double iy = -1.0;

  if (self->pointer_inside && lda_image_view_has_image (self))
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
void
lda_image_view_zoom_about (LdaImageView *self,
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
  lda_image_view_set_fit_internal (self, FALSE);
  set_zoom_internal (self, zoom);
  lda_image_view_set_center_clamped (self,
                                     ix - (wx - width / 2.0) / zoom,
                                     iy - (wy - height / 2.0) / zoom);
}

/* User pan by (dx, dy) screen pixels: positive moves the view right/down. */
void
lda_image_view_pan_by (LdaImageView *self,
                       double        dx,
                       double        dy)
{
  if (dx == 0.0 && dy == 0.0)
    return;

  lda_image_view_set_fit_internal (self, FALSE);
  lda_image_view_set_center_clamped (self,
                                     self->center_x + dx / self->zoom,
                                     self->center_y + dy / self->zoom);
}

/* A double-click: show this pane alone, or all panes again. */
void
lda_image_view_toggle_solo (LdaImageView *self)
{
  g_signal_emit (self, signals[TOGGLE_SOLO], 0);
}

/* --- size ------------------------------------------------------------- */

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
  /* Grown until the image fits (the window, one pane shown alone): in
   * the middle, as after a pan. */
  else if (lda_image_view_has_image (self))
    lda_image_view_set_center_clamped (self, self->center_x, self->center_y);
}

/* --- GObject ----------------------------------------------------------- */

static void
lda_image_view_dispose (GObject *object)
{
  LdaImageView *self = LDA_IMAGE_VIEW (object);

  g_clear_pointer (&self->image, lda_tiled_layer_free);
  lda_image_view_clear_labels (self);
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
      lda_image_view_set_fit_internal (self, g_value_get_boolean (value));
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

  lda_image_view_class_init_input (widget_class);

  gtk_widget_class_set_css_name (widget_class, "imageview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lda_image_view_init (LdaImageView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->zoom = 1.0;
  self->fit = TRUE;
  self->pan_with_primary = TRUE;
  self->overlay_opacity = 0.6;
  self->reported_x = -1.0;
  self->reported_y = -1.0;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  lda_image_view_init_input (self);
}
/* --- public API -------------------------------------------------------- */

GtkWidget *
lda_image_view_new (void)
{
  return g_object_new (LDA_TYPE_IMAGE_VIEW, NULL);
}

/* Shows @pixels, ARGB32 or (@gray) a byte a pixel: see
 * lda_image_view_set_image(). */
static void
set_pixels (LdaImageView *self,
            GBytes       *pixels,
            gboolean      gray,
            guint         width,
            guint         height)
{
  gboolean same_size;

  same_size = lda_image_view_has_image (self) && pixels != NULL
              && width == self->image_width && height == self->image_height;

  if (same_size && pixels == lda_tiled_layer_get_source (self->image))
    return;

  g_clear_pointer (&self->image, lda_tiled_layer_free);
  if (!same_size)
    lda_image_view_clear_labels (self);

  if (pixels == NULL)
    {
      self->image_width = 0;
      self->image_height = 0;
    }
  else
    {
      self->image = gray ? lda_tiled_layer_new_for_gray (pixels, width, height)
                         : lda_tiled_layer_new_for_bytes (pixels, width, height);
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
  lda_image_view_update_pointer (self);
}

/**
 * lda_image_view_set_image:
 * @self: a view
 * @pixels: (nullable): @width × @height premultiplied ARGB32 pixels in
 *   native byte order, rows packed, as lda_render_composite() makes;
 *   %NULL clears the view
 * @width: columns
 * @height: rows
 *
 * Shows @pixels, keeping a reference.  An image of the size already shown
 * keeps the zoom and pan (a new render of the same field); another size
 * zooms to fit and drops the labels.  Passing the bytes already shown
 * again costs nothing: the textures are not made again.  The view keeps
 * no copy of @pixels: its tiles are windows onto them, so they must never
 * be written again.
 */
void
lda_image_view_set_image (LdaImageView *self,
                          GBytes       *pixels,
                          guint         width,
                          guint         height)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (pixels == NULL || (width > 0 && height > 0));
  g_return_if_fail (pixels == NULL || width <= G_MAXINT / 4);
  g_return_if_fail (pixels == NULL || g_bytes_get_size (pixels) >= (gsize) width * height * 4);

  set_pixels (self, pixels, FALSE, width, height);
}

/**
 * lda_image_view_set_gray:
 * @self: a view
 * @gray: (nullable): @width × @height gray levels, a byte a pixel, rows
 *   packed, as lda_render_gray8() makes; %NULL clears the view
 * @width: columns
 * @height: rows
 *
 * Shows @gray as opaque gray, as lda_image_view_set_image() shows pixels,
 * from a quarter of the memory: the tiles on screen are made from the
 * levels when drawn.  They must never be written again either.
 */
void
lda_image_view_set_gray (LdaImageView *self,
                         GBytes       *gray,
                         guint         width,
                         guint         height)
{
  g_return_if_fail (LDA_IS_IMAGE_VIEW (self));
  g_return_if_fail (gray == NULL || (width > 0 && height > 0));
  g_return_if_fail (gray == NULL || width <= G_MAXINT / 4);
  g_return_if_fail (gray == NULL || g_bytes_get_size (gray) >= (gsize) width * height);

  set_pixels (self, gray, TRUE, width, height);
}

/**
 * lda_image_view_get_outline:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the segments outlined, four floats
 *   each, or %NULL for none
 */
GArray *
lda_image_view_get_outline (LdaImageView *self)
{
  g_return_val_if_fail (LDA_IS_IMAGE_VIEW (self), NULL);

  return self->outline;
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
  if (self->label_layer != NULL)
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

  lda_image_view_set_fit_internal (self, FALSE);
  set_zoom_internal (self, zoom);
  lda_image_view_set_center_clamped (self, self->center_x, self->center_y);
  lda_image_view_update_pointer (self);
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
    lda_image_view_set_fit_internal (self, TRUE);
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
