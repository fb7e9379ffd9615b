/* lda-window-panels.c — the parameter panels: what they show, whether for all
 * frames or for this one, and when the pointer holds one of their controls
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lda-window-private.h"

/* The controls show @params, without telling the document they moved. */
void
lda_window_set_panels_params (LdaWindow       *self,
                              const LdaParams *params)
{
  self->updating_panels = TRUE;
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_panel_set_params (self->channel_panels[c], &params->channel[c]);
  lda_nucleus_panel_set_params (self->nucleus_panel, params);
  self->updating_panels = FALSE;
}

/* "All Time Points" or "This Time Point", as the frame shown has it. */
void
lda_window_update_override_display (LdaWindow *self)
{
  LdaFrame *frame = lda_series_get_frame (self->series, self->frame);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_panel_set_overridden (self->channel_panels[c], frame->has_override);
  /* Its own parameters back (an undo): no longer dropped. */
  if (frame->has_override && self->frame == self->scope_frame)
    lda_window_withdraw_message (self, LDA_MESSAGE_TOPIC_SCOPE);

  self->updating_panels = TRUE;
  gtk_toggle_button_set_active (frame->has_override ? self->frame_toggle : self->series_toggle,
                                TRUE);
  self->updating_panels = FALSE;
}

/* "All frames" / "This frame": give the current frame parameters of its
 * own (starting from the series'), or drop them; one undoable step. */
void
lda_window_on_scope_toggled (GtkToggleButton *button,
                             LdaWindow       *self)
{
  gboolean own = gtk_toggle_button_get_active (self->frame_toggle);

  gboolean had_own;

  if (self->updating_panels || self->document == NULL || !gtk_toggle_button_get_active (button))
    return;

  had_own = lda_document_has_own_params (self->document, self->frame);
  if (!lda_document_set_own_params (self->document, self->frame, own))
    {
      lda_window_update_override_display (self);
      return;
    }

  /* One click drops a frame's own parameters: say how to get them back. */
  if (had_own && !own)
    {
      g_autofree char *message = g_strdup_printf (
        _("%s follows the parameters of all frames again; Undo (Ctrl+Z) brings back its own."),
        lda_series_get_frame (self->series, self->frame)->title);

      self->scope_frame = self->frame;
      lda_window_post_message (self, LDA_MESSAGE_TOPIC_SCOPE, LDA_MESSAGE_INFO, message);
    }
}

/**
 * lda_window_show_params:
 * @self: a window
 *
 * The parameters of the frame shown changed (the person, an undo):
 * shows them and segments the frame with them.
 */
void
lda_window_show_params (LdaWindow *self)
{
  const LdaParams *params = lda_document_get_params (self->document, self->frame);

  lda_window_set_panels_params (self, params);
  lda_window_update_override_display (self);
  lda_window_panes_tell_view (self);
  lda_pipeline_runner_set_params (self->runner, params);
}

/* The side bar's tooltips off while a control is held, back when it is
 * let go: held and dragged, a slider's tooltip came up over the controls
 * below it as soon as the pointer paused. */
static void
quiet_tooltips (GtkWidget *widget,
                GPtrArray *quieted)
{
  if (gtk_widget_get_has_tooltip (widget))
    {
      gtk_widget_set_has_tooltip (widget, FALSE);
      g_ptr_array_add (quieted, g_object_ref (widget));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    quiet_tooltips (child, quieted);
}

static void
set_tooltips_held (LdaWindow *self,
                   gboolean   held)
{
  if (held && self->quiet_tooltips == NULL)
    {
      self->quiet_tooltips = g_ptr_array_new_with_free_func (g_object_unref);
      quiet_tooltips (GTK_WIDGET (self->panels_box), self->quiet_tooltips);
    }
  else if (!held && self->quiet_tooltips != NULL)
    {
      for (guint i = 0; i < self->quiet_tooltips->len; i++)
        gtk_widget_set_has_tooltip (g_ptr_array_index (self->quiet_tooltips, i), TRUE);
      g_clear_pointer (&self->quiet_tooltips, g_ptr_array_unref);
    }
}

/* The pointer pressed on a panel's control (a slider, the histogram's
 * threshold, a spin button's arrows) and not let go yet: what it changes
 * is a drag, from the first change on, and its exact result is wanted as
 * soon as it is let go (lda_pipeline_runner_set_held()).  Only watched,
 * never taken: the controls handle the event as ever. */
static gboolean
on_panels_event (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 LdaWindow                *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      lda_pipeline_runner_set_held (self->runner, TRUE);
      set_tooltips_held (self, TRUE);
      break;
    case GDK_BUTTON_RELEASE:
    case GDK_TOUCH_END:
    case GDK_TOUCH_CANCEL:
    case GDK_GRAB_BROKEN:
      lda_pipeline_runner_set_held (self->runner, FALSE);
      set_tooltips_held (self, FALSE);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

void
lda_window_panels_init (LdaWindow *self)
{
  GtkEventController *watch = gtk_event_controller_legacy_new ();

  /* Before the controls' own handlers, which may take the event. */
  gtk_event_controller_set_propagation_phase (watch, GTK_PHASE_CAPTURE);
  g_signal_connect (watch, "event", G_CALLBACK (on_panels_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->panels_box), watch);
}
