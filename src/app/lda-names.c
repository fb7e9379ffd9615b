/* lda-names.c — the core's English names, translated for display
 *
 * The core is GLib only and stays English (the CLI, project files and
 * tests use its names as keys), so the window shows these copies instead
 * of lda_class_name(), lda_channel_title() and lda_frame_state_name().
 * Keep them in the core's order.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-names.h"

static const char * const class_labels[LDA_N_CLASSES] = {
  N_("background"),
  N_("cell area"),
  N_("cell outline"),
  N_("Hoechst nucleus"),
  N_("Draq7 nucleus"),
};

static const char * const channel_labels[LDA_N_CHANNELS] = {
  N_("cell area"),
  N_("Hoechst"),
  N_("Draq7"),
};

static const char * const frame_state_labels[] = {
  [LDA_FRAME_AUTOMATIC] = N_("automatic"),
  [LDA_FRAME_EDITED] = N_("edited"),
  [LDA_FRAME_EXPORTED] = N_("exported"),
};

/* Returns: (transfer none): the translated name of a mask class */
const char *
lda_class_label (LdaClass klass)
{
  g_return_val_if_fail (klass < LDA_N_CLASSES, NULL);

  return _(class_labels[klass]);
}

/* Returns: (transfer none): the translated short title of a channel */
const char *
lda_channel_label (LdaChannel channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return _(channel_labels[channel]);
}

/* Returns: (transfer none): the translated state of a frame */
const char *
lda_frame_state_label (LdaFrameState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (frame_state_labels), NULL);

  return _(frame_state_labels[state]);
}
