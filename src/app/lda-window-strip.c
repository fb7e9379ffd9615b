/* lda-window-strip.c — the frames of the series: their buttons, titles, counts and
 * the dead-fraction plot
 *
 * Everything here only shows: choosing a frame goes through the window
 * action win.go-to-frame.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lda-names.h"
#include "lda-scale-bar.h"
#include "lda-series-curves.h"
#include "lda-window-private.h"

/* Gives @widget the class @name, or takes it away. */
static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    on)
{
  if (on && !gtk_widget_has_css_class (widget, name))
    gtk_widget_add_css_class (widget, name);
  else if (!on && gtk_widget_has_css_class (widget, name))
    gtk_widget_remove_css_class (widget, name);
}

void
lda_window_update_frame_button (LdaWindow *self,
                                guint      index)
{
  LdaFrame *frame = lda_series_get_frame (self->series, index);
  GtkWidget *button = g_ptr_array_index (self->frame_buttons, index);
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  if (isfinite (frame->time_hours))
    /* Translators: a frame's time in hours, on its button */
    label = g_strdup_printf (_("%s h%s"), lda_window_format_hours (frame->time_hours),
                             frame->has_override ? " *" : "");
  else
    label = g_strdup_printf ("t%u%s", frame->time_index, frame->has_override ? " *" : "");
  /* Each result of a dragged slider comes here: only what changed is
   * set, since a tooltip set asks the X server where the pointer is, and
   * a class changed restyles the button. */
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) != 0)
    gtk_button_set_label (GTK_BUTTON (button), label);

  tooltip = g_strdup_printf (_("%s — time %u, %s%s%s"), frame->title, frame->time_index,
                             lda_frame_state_label (frame->state),
                             frame->has_override ? _(", own parameters") : "",
                             frame->has_counts ? "" : _(", not segmented yet"));
  if (g_strcmp0 (gtk_widget_get_tooltip_text (button), tooltip) != 0)
    gtk_widget_set_tooltip_text (button, tooltip);

  set_class (button, "edited", frame->state == LDA_FRAME_EDITED);
  set_class (button, "exported", frame->state == LDA_FRAME_EXPORTED);
  set_class (button, "damaged", lda_document_frame_is_damaged (self->document, index));
}

/* A frame's button: go to it (win.go-to-frame). */
static void
on_frame_button_toggled (GtkToggleButton *button,
                         LdaWindow       *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "frame"));

  if (gtk_toggle_button_get_active (button) && index != self->frame)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-frame", "u", index);
}

/* Scrolls the strip so that the current frame's button shows whole, once
 * it has a place: a new strip has none before the next frame's layout. */
static gboolean
reveal_on_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  LdaWindow *self = LDA_WINDOW (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->frame_scroller);
  graphene_rect_t bounds;
  GtkWidget *button;
  double value, page;

  if (self->frame >= self->frame_buttons->len)
    {
      self->reveal_tick = 0;
      return G_SOURCE_REMOVE;
    }
  button = g_ptr_array_index (self->frame_buttons, self->frame);
  if (!gtk_widget_compute_bounds (button, GTK_WIDGET (self->frame_box), &bounds) ||
      bounds.size.width <= 0 || gtk_adjustment_get_page_size (adjustment) <= 0)
    return G_SOURCE_CONTINUE;

  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.x < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.x - 6);
  else if (bounds.origin.x + bounds.size.width > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.x + bounds.size.width - page + 6);
  self->reveal_tick = 0;
  return G_SOURCE_REMOVE;
}

/**
 * lda_window_reveal_frame:
 * @self: a window
 *
 * Brings the current frame's button into view in the strip (at the next
 * frame of the window, when it has its place).
 */
void
lda_window_reveal_frame (LdaWindow *self)
{
  if (self->reveal_tick == 0)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_on_tick,
                                                      NULL, NULL);
}

/* The wheel scrolls the strip, which only scrolls sideways. */
static gboolean
on_strip_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 LdaWindow                *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->frame_scroller);
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
                ? 48.0 : 1.0;

  if (dy == 0.0 || gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return FALSE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return TRUE;
}

/* A point of the plot clicked: its frame (win.go-to-frame). */
static void
on_point_activated (LdaFractionPlot *plot,
                    guint            index,
                    LdaWindow       *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.go-to-frame", "u", index);
}

/**
 * lda_window_strip_init:
 * @self: a window being made
 *
 * The wheel over the frame strip scrolls it sideways; a point of the
 * plot clicked goes to its frame.
 */
void
lda_window_strip_init (LdaWindow *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_strip_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->frame_box), scroll);
  g_signal_connect (self->fraction_plot, "point-activated", G_CALLBACK (on_point_activated), self);
}

/* The name of the field whose frames follow, in the strip. */
static void
add_curve_title (LdaWindow *self,
                 guint      frame)
{
  g_autofree char *title = lda_series_curve_title (self->series, frame);
  GtkWidget *label;

  if (title == NULL)
    return;
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "lda-curve-title");
  gtk_widget_set_margin_start (label, frame > 0 ? 8 : 0);
  gtk_box_append (self->frame_box, label);
}

/* A frame's dead fraction for the plot: none (NAN) without cells. */
static double
frame_fraction (const LdaFrame *frame)
{
  return frame->live + frame->dead > 0 ? frame->dead_fraction : NAN;
}

/**
 * lda_window_rebuild_frame_strip:
 * @self: a window
 *
 * One button per frame of the series shown, the series chooser when the
 * folder holds several, and the plot's points.
 */
void
lda_window_rebuild_frame_strip (LdaWindow *self)
{
  GtkWidget *child;
  GtkToggleButton *group = NULL;
  guint n = lda_series_get_n_frames (self->series);
  g_autofree guint *curves = NULL;
  guint n_curves;
  gboolean has_chooser;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->frame_box))) != NULL)
    gtk_box_remove (self->frame_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->series_slot))) != NULL)
    gtk_box_remove (self->series_slot, child);
  g_ptr_array_set_size (self->frame_buttons, 0);

  curves = lda_series_curves (self->series, &n_curves);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();

      /* Several fields in one series: each one's name before its frames,
       * whose buttons say only the time. */
      if (n_curves > 1 && (i == 0 || curves[i] != curves[i - 1]))
        add_curve_title (self, i);

      gtk_widget_add_css_class (button, "lda-frame-button");
      g_object_set_data (G_OBJECT (button), "frame", GUINT_TO_POINTER (i));
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == self->frame);
      g_signal_connect (button, "toggled", G_CALLBACK (on_frame_button_toggled), self);
      gtk_box_append (self->frame_box, button);
      g_ptr_array_add (self->frame_buttons, button);
      lda_window_update_frame_button (self, i);
    }
  has_chooser = lda_window_add_series_chooser (self);
  lda_window_reveal_frame (self);

  gtk_widget_set_visible (GTK_WIDGET (self->series_slot), has_chooser);
  gtk_widget_set_visible (self->strip_box, n > 1 || has_chooser);
  gtk_widget_set_visible (self->scope_box, n > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->fraction_plot), n > 1);
  lda_fraction_plot_set_n_points (self->fraction_plot, n);
  lda_fraction_plot_set_time_title (self->fraction_plot,
                                    lda_window_series_has_hours (self) ? _("time (h)") : NULL);
  for (guint i = 0; i < n; i++)
    {
      LdaFrame *frame = lda_series_get_frame (self->series, i);

      lda_fraction_plot_set_curve (self->fraction_plot, i, curves[i]);
      lda_fraction_plot_set_label (self->fraction_plot, i, frame->title);
      lda_fraction_plot_set_time (self->fraction_plot, i, lda_window_frame_time (self, i));
      if (frame->has_counts)
        lda_fraction_plot_set_point (self->fraction_plot, i, lda_window_frame_time (self, i),
                                     frame_fraction (frame));
    }
}

/* The window's title and subtitle: the frame, its place in the series and
 * its time. */
void
lda_window_update_titles (LdaWindow *self)
{
  LdaFrame *frame = lda_series_get_frame (self->series, self->frame);
  guint n = lda_series_get_n_frames (self->series);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->title_label, frame->title);
  if (n > 1 && isfinite (frame->time_hours))
    subtitle = g_strdup_printf (_("%s — time point %u of %u (%s h)"),
                                lda_series_get_name (self->series), self->frame + 1, n,
                                lda_window_format_hours (frame->time_hours));
  else if (n > 1)
    subtitle = g_strdup_printf (_("%s — time point %u of %u (t = %u)"),
                                lda_series_get_name (self->series), self->frame + 1, n,
                                frame->time_index);
  else
    subtitle = g_strdup (self->is_sample ? _("Bundled sample") : lda_series_get_folder (self->series));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

void
lda_window_show_counts (LdaWindow       *self,
                        const LdaCounts *counts)
{
  g_autofree char *markup = NULL;
  g_autofree char *cells = g_strdup_printf (ngettext ("%u cell, mean area %.0f px",
                                                      "%u cells, mean area %.0f px",
                                                      counts->n_objects),
                                            counts->n_objects, counts->mean_cell_area);
  double pixel_um = self->series != NULL && self->frame < lda_series_get_n_frames (self->series)
                    ? lda_series_get_frame (self->series, self->frame)->pixel_size_um : 0.0;

  for (guint p = 0; p < LDA_N_PANES; p++)
    if (self->scale_bars[p] != NULL)
      lda_scale_bar_set_pixel_size (LDA_SCALE_BAR (self->scale_bars[p]), pixel_um);

  /* Calibrated data: the area in µm² too; uncalibrated data say px only. */
  if (pixel_um > 0.0)
    {
      char *with_um = g_strdup_printf (_("%s (%.0f µm²)"), cells,
                                       counts->mean_cell_area * pixel_um * pixel_um);

      g_free (cells);
      cells = with_um;
    }

  /* Three short lines that never wrap: the side bar's controls stay
   * where they are under the pointer while the counts change in a drag.
   * Without cells there is no fraction, nor a mean (not 0). */
  if (counts->n_objects == 0)
    markup = g_markup_printf_escaped (_("<b>0</b> live · <b>0</b> dead\n"
                                        "no cells, no dead fraction\n"
                                        "<small>no mean cell area</small>"));
  else
    markup = g_markup_printf_escaped (_("<b>%u</b> live · <b>%u</b> dead\n"
                                        "dead fraction <b>%.3f</b>\n"
                                        "<small>%s</small>"),
                                      counts->live, counts->dead, counts->dead_fraction, cells);
  gtk_label_set_markup (self->counts_label, markup);
}

/**
 * lda_window_set_frame_counts:
 * @self: a window
 * @frame: a frame index
 * @counts: (nullable): its counts, or %NULL when they are out of date
 *
 * Records a frame's counts in the series, the plot and the frame strip.
 */
void
lda_window_set_frame_counts (LdaWindow       *self,
                             guint            frame,
                             const LdaCounts *counts)
{
  LdaFrame *f = lda_series_get_frame (self->series, frame);

  lda_series_set_frame_counts (self->series, frame, counts);
  if (counts != NULL)
    lda_fraction_plot_set_point (self->fraction_plot, frame, lda_window_frame_time (self, frame),
                                 frame_fraction (f));
  else
    lda_fraction_plot_clear_point (self->fraction_plot, frame);
  if (frame < self->frame_buttons->len)
    lda_window_update_frame_button (self, frame);
}

/**
 * lda_window_set_frame_state:
 * @self: a window
 * @frame: a frame index
 * @state: what has been done to its mask
 */
void
lda_window_set_frame_state (LdaWindow     *self,
                            guint          frame,
                            LdaFrameState  state)
{
  lda_series_get_frame (self->series, frame)->state = state;
  if (frame < self->frame_buttons->len)
    lda_window_update_frame_button (self, frame);
}
