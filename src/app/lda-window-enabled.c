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

/**
 * lda_window_update_editable:
 * @self: a window
 *
 * The parameters and the tools take changes only while a document is
 * open that may be changed: nothing open (a first open failed), or a
 * project another window holds, greys them.
 */
void
lda_window_update_editable (LdaWindow *self)
{
  gboolean editable = self->document != NULL && !lda_document_is_read_only (self->document);

  if (self->panels_box != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->panels_box), editable);
  if (self->tool_box != NULL)
    gtk_widget_set_sensitive (self->tool_box, editable);
}

void
lda_window_update_actions (LdaWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->series != NULL ? lda_series_get_n_frames (self->series) : 0;

  gtk_widget_action_set_enabled (widget, "win.previous-frame", n > 0 && self->frame > 0);
  gtk_widget_action_set_enabled (widget, "win.next-frame", n > 0 && self->frame + 1 < n);
  gtk_widget_action_set_enabled (widget, "win.frame-parameters", n > 1);
  /* Nothing open, nothing to export. */
  gtk_widget_action_set_enabled (widget, "win.export", n > 0);
  lda_window_update_editable (self);
  lda_window_series_update_actions (self);
  lda_window_params_update_actions (self);
  lda_window_import_update_actions (self);
  lda_window_time_update_actions (self);
}
