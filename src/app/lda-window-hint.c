/* lda-window-hint.c — a short hint over a pane, which moves nothing
 *
 * The bar above the panes pushes them down as it opens: a hint shown
 * there in the middle of painting moved the picture under the pointer,
 * and the next stroke landed elsewhere.  A hint is shown over the pane
 * instead, at its top centre below the pane's caption (the legend is at
 * the bottom right), lets the pointer through, and goes after a few
 * seconds or when the next stroke begins.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-window-private.h"

#define HINT_SECONDS 8

/**
 * lda_window_hide_hint:
 * @self: a window
 *
 * Takes the hint away, if one is shown.
 */
void
lda_window_hide_hint (LdaWindow *self)
{
  g_clear_handle_id (&self->hint_timeout, g_source_remove);
  if (self->hint != NULL)
    {
      gtk_overlay_remove_overlay (GTK_OVERLAY (gtk_widget_get_parent (self->hint)), self->hint);
      self->hint = NULL;
    }
}

static gboolean
hint_timed_out (gpointer data)
{
  LdaWindow *self = data;

  self->hint_timeout = 0;
  lda_window_hide_hint (self);

  return G_SOURCE_REMOVE;
}

/**
 * lda_window_show_hint:
 * @self: a window
 * @pane: the pane it is about: the Composite or the Segmented one
 * @text: the hint
 *
 * Shows @text over @pane for a few seconds, in place of the hint shown,
 * if any.
 */
void
lda_window_show_hint (LdaWindow  *self,
                      LdaPane     pane,
                      const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  g_return_if_fail (pane == LDA_PANE_COMPOSITE || pane == LDA_PANE_SEGMENTED);

  lda_window_hide_hint (self);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  /* Below the pane's caption, which a narrow pane's hint would cover. */
  gtk_widget_set_margin_top (label, 28);
  gtk_widget_set_can_target (label, FALSE);
  gtk_widget_add_css_class (label, "lda-caption");
  gtk_widget_add_css_class (label, "lda-hint");
  gtk_overlay_add_overlay (GTK_OVERLAY (self->panes[pane]), label);
  self->hint = label;
  self->hint_timeout = g_timeout_add_seconds (HINT_SECONDS, hint_timed_out, self);
}

/**
 * lda_window_get_hint:
 * @self: a window
 *
 * Returns: (nullable): the hint shown over a pane, or %NULL
 */
const char *
lda_window_get_hint (LdaWindow *self)
{
  return self->hint != NULL ? gtk_label_get_text (GTK_LABEL (self->hint)) : NULL;
}

/* Shows @text over @pane away from the spot just painted, about image row
 * @image_y (−1 if unknown), which the person looks at: a stroke in the
 * upper half of the pane has the hint at its foot, over the legend's row
 * rather than over the stroke. */
static void
show_hint_away (LdaWindow  *self,
                LdaPane     pane,
                double      image_y,
                const char *text)
{
  LdaImageView *view = self->views[pane];
  double cx, cy, y;

  lda_window_show_hint (self, pane, text);
  lda_image_view_get_center (view, &cx, &cy);
  y = (image_y - cy) * lda_image_view_get_zoom (view) + gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  if (self->hint != NULL && image_y >= 0 && y < gtk_widget_get_height (GTK_WIDGET (view)) / 2.0)
    {
      gtk_widget_set_valign (self->hint, GTK_ALIGN_END);
      gtk_widget_set_margin_top (self->hint, 0);
      gtk_widget_set_margin_bottom (self->hint, 36);
    }
}

/**
 * lda_window_hint_kept_apart:
 * @self: a window
 * @pane: the pane the stroke was painted in
 * @image_y: the image row the stroke was painted about, −1 if unknown
 *
 * Says how to join nuclei, the first time a stroke of the brush kept
 * them apart in this window, away from the stroke.
 */
void
lda_window_hint_kept_apart (LdaWindow *self,
                            LdaPane    pane,
                            double     image_y)
{
  if (self->apart_told)
    return;

  self->apart_told = TRUE;
  show_hint_away (self, pane, image_y,
                  _("The brush keeps a line between the nucleus it paints and the "
                    "others. To join nuclei, hold Shift while you paint."));
}

/**
 * lda_window_hint_cut:
 * @self: a window
 * @pane: the pane the stroke was painted in
 * @image_y: the image row the stroke was painted about, −1 if unknown
 * @n_more: how many cells more the stroke made
 *
 * Says that a stroke of a class other than a nucleus's cut nuclei in
 * two, each part of which counts as a cell: the counts went up without
 * a word.
 */
void
lda_window_hint_cut (LdaWindow *self,
                     LdaPane    pane,
                     double     image_y,
                     guint      n_more)
{
  g_autofree char *text = NULL;

  /* Translators: a brush stroke of cell area, outline or background
   * across nuclei has made n more cells */
  text = g_strdup_printf (ngettext ("The stroke cut a nucleus in two: each part counts as a cell "
                                    "now (%u cell more). Ctrl+Z takes the stroke back.",
                                    "The stroke cut nuclei in two: each part counts as a cell "
                                    "now (%u cells more). Ctrl+Z takes the stroke back.",
                                    n_more),
                          n_more);
  show_hint_away (self, pane, image_y, text);
}
