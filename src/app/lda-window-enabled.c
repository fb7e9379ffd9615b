/* lda-window-enabled.c — which of the window's actions can be used now
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lda-window-private.h"

void
lda_window_update_actions (LdaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->series != NULL ? lda_series_get_n_frames (self->series) : 0;

  gtk_widget_action_set_enabled (widget, "win.previous-frame", n > 0 && self->frame > 0);
  gtk_widget_action_set_enabled (widget, "win.next-frame", n > 0 && self->frame + 1 < n);
  gtk_widget_action_set_enabled (widget, "win.frame-parameters", n > 1);
  /* Nothing open, nothing to export, tune or paint. */
  gtk_widget_action_set_enabled (widget, "win.export", n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->panels_box), self->document != NULL);
  gtk_widget_set_sensitive (self->tool_box, self->document != NULL);
  lda_window_series_update_actions (self);
  lda_window_params_update_actions (self);
  lda_window_import_update_actions (self);
  lda_window_time_update_actions (self);
}
