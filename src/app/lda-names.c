/* lda-names.c — names of classes and frame states for display
 *
 * lda_frame_state_name() also names CSS classes, so it stays English; the
 * window shows these translated labels.  Class names come translated from
 * the core (lda_class_name()).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-names.h"

static const char * const frame_state_labels[] = {
  [LDA_FRAME_AUTOMATIC] = N_("automatic"),
  [LDA_FRAME_EDITED] = N_("edited"),
  [LDA_FRAME_EXPORTED] = N_("exported"),
};

/* Returns: (transfer none): the translated name of a mask class */
const char *
lda_class_label (LdaClass klass)
{
  return lda_class_name (klass);
}

/* Returns: (transfer none): a mask class as the tool bar names it: where a language's
 * full name is long, shorter (the legend and the class buttons give the
 * full names), so that the tool bar fits a small window. */
const char *
lda_class_short_label (LdaClass klass)
{
  static const char * const names[LDA_N_CLASSES] = {
    NC_("class in the tool bar", "background"),
    NC_("class in the tool bar", "cell area"),
    NC_("class in the tool bar", "cell outline"),
    NC_("class in the tool bar", "Hoechst nucleus"),
    NC_("class in the tool bar", "Draq7 nucleus"),
  };

  g_return_val_if_fail ((guint) klass < LDA_N_CLASSES, "");

  return g_dpgettext2 (NULL, "class in the tool bar", names[klass]);
}

/* Returns: (transfer none): the translated state of a frame */
const char *
lda_frame_state_label (LdaFrameState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (frame_state_labels), NULL);

  return _(frame_state_labels[state]);
}
