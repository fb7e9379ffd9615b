/* lda-window-auto.c — the preset, the splitting of nuclei and Auto for
 * the whole frame
 *
 * Each is one change of the parameters of the frame shown (the series',
 * or the frame's own), so one undo step, saved with the project.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-window-private.h"

static void
set_params (LdaWindow       *self,
            const LdaParams *params)
{
  /* The person goes on with what is shown, not with what is opening. */
  lda_window_drop_opening (self);

  /* A read-only project keeps its parameters: put the controls back. */
  if (!lda_document_set_params (self->document, self->frame, params))
    lda_window_show_params (self);
}

static void
on_nucleus_changed (LdaNucleusPanel *panel,
                    LdaWindow       *self)
{
  LdaParams params;

  if (self->updating_panels || self->document == NULL)
    return;

  params = *lda_document_get_params (self->document, self->frame);
  lda_nucleus_panel_get_params (panel, &params.nuclei);
  set_params (self, &params);
}

/* A preset sets every parameter but the saturations, which belong to
 * the data rather than to a method. */
static void
on_preset_chosen (LdaNucleusPanel *panel,
                  guint            preset,
                  LdaWindow       *self)
{
  const LdaParams *current;
  LdaParams params;

  if (self->updating_panels || self->document == NULL || preset >= LDA_N_PRESETS)
    return;

  current = lda_document_get_params (self->document, self->frame);
  lda_params_init_preset (&params, preset);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    params.channel[c].saturation = current->channel[c].saturation;
  if (!lda_params_equal (&params, current))
    set_params (self, &params);
}

/**
 * lda_window_auto_frame:
 * @self: a window
 *
 * Auto for every channel at once, and the default preset's nucleus
 * objects: the parameters of %LDA_PRESET_DEFAULT but the saturations.
 */
void
lda_window_auto_frame (LdaWindow *self)
{
  LdaParams params;

  if (self->document == NULL)
    return;

  params = *lda_document_get_params (self->document, self->frame);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    lda_channel_panel_get_auto_params (self->channel_panels[c], &params.channel[c]);
  lda_nucleus_params_init_preset (&params.nuclei, LDA_PRESET_DEFAULT);
  if (!lda_params_equal (&params, lda_document_get_params (self->document, self->frame)))
    set_params (self, &params);
}

static void
auto_frame_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lda_window_auto_frame (LDA_WINDOW (widget));
}

/**
 * lda_window_auto_init:
 * @self: a window being built
 *
 * Puts the preset and splitting controls above the channels' panels.
 */
void
lda_window_auto_init (LdaWindow *self)
{
  GtkWidget *panel = lda_nucleus_panel_new ();

  self->nucleus_panel = LDA_NUCLEUS_PANEL (panel);
  g_signal_connect (panel, "changed", G_CALLBACK (on_nucleus_changed), self);
  g_signal_connect (panel, "preset-chosen", G_CALLBACK (on_preset_chosen), self);
  gtk_box_prepend (self->panels_box, panel);
}

void
lda_window_auto_install (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.auto-frame", NULL, auto_frame_action);
}
