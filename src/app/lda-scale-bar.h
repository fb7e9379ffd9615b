/* lda-scale-bar.h — a scale bar over an image pane
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-image-view.h"

G_BEGIN_DECLS

#define LDA_TYPE_SCALE_BAR (lda_scale_bar_get_type ())

G_DECLARE_FINAL_TYPE (LdaScaleBar, lda_scale_bar, LDA, SCALE_BAR, GtkWidget)

GtkWidget *lda_scale_bar_new            (LdaImageView *view);
void       lda_scale_bar_set_pixel_size (LdaScaleBar  *self,
                                         double        pixel_um);

G_END_DECLS
