/* lda-window-panes.c — the four panes, alone or together, their contrast, legend and
 * the read-out of the values under the pointer
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
#include "lda-tiled-layer.h"
#include "lda-nucleus-hover.h"
#include "lda-window-private.h"

static const char * const pane_names[LDA_N_PANES] = {
  "grid", "composite", "fluorescence", "sobel", "segmented",
};

static LdaPane
pane_from_name (const char *name)
{
  for (guint p = 0; p < LDA_N_PANES; p++)
    if (g_str_equal (name, pane_names[p]))
      return p;

  return LDA_PANE_ALL;
}

/* Contrast: the spin buttons show the windows in use; changing one
 * re-renders the panes, never the data the core sees. */
void
lda_window_show_contrasts (LdaWindow          *self,
                           const LdaContrast  *contrasts)
{
  self->updating_contrast = TRUE;
  for (guint i = 0; i <= LDA_N_INPUTS; i++)
    {
      gtk_spin_button_set_value (self->contrast_low[i], contrasts[i].low);
      gtk_spin_button_set_value (self->contrast_high[i], contrasts[i].high);
    }
  self->updating_contrast = FALSE;
}

void
lda_window_on_contrast_changed (GtkSpinButton *spin,
                                LdaWindow     *self)
{
  if (self->updating_contrast)
    return;

  for (guint i = 0; i <= LDA_N_INPUTS; i++)
    if (spin == self->contrast_low[i] || spin == self->contrast_high[i])
      {
        LdaContrast contrast = {
          (guint) gtk_spin_button_get_value (self->contrast_low[i]),
          (guint) gtk_spin_button_get_value (self->contrast_high[i]),
        };

        if (contrast.high <= contrast.low)
          contrast.high = contrast.low + 1;
        lda_pipeline_runner_set_contrast (self->runner, i, &contrast);
      }
}

/* How many of the pipeline's nuclei the corrected nucleus of @pixels
 * holds pixels of: more than one where a stroke joined them. */
static guint
count_found_nuclei (const LdaRunResult *result,
                    const GArray       *pixels)
{
  g_autoptr(GHashTable) seen = NULL;
  gint first = -1;

  if (result->nuclei == NULL || result->counts == NULL)
    return 0;

  for (guint i = 0; i < pixels->len; i++)
    {
      const guint32 p = g_array_index (pixels, guint32, i);
      const gint index = lda_runs_label_at (result->nuclei, p % result->width, p / result->width);

      if (index < 0 || (guint) index >= result->counts->n_objects || index == first)
        continue;
      if (first < 0)
        {
          first = index;
          continue;
        }
      if (seen == NULL)
        seen = g_hash_table_new (NULL, NULL);
      g_hash_table_add (seen, GINT_TO_POINTER (index + 1));
    }

  return first < 0 ? 0 : 1 + (seen != NULL ? g_hash_table_size (seen) : 0);
}

/* What the counts call the nucleus under (@x, @y) as corrected, where a
 * correction changed its pixel there, its call or its extent (a stroke
 * that joined it to another, or painted it from nothing): the call of its
 * pixels on the mask as corrected, more Draq7 than Hoechst for dead, as
 * the counts make it (lda_labels_nucleus_call()), so that a stroke over
 * part of a live nucleus does not say dead while it still counts live;
 * its pixels in @pixels.  Before the pipeline's @evidence, if it has
 * one: a narrow window cuts the end of the line, and this is what the
 * counts say.  %NULL where nothing of the nucleus was corrected, or no
 * nucleus is. */
static char *
corrected_call (LdaWindow          *self,
                const LdaRunResult *result,
                const char         *evidence,
                guint               x,
                guint               y,
                guint               klass,
                GArray            **pixels)
{
  g_autoptr(GArray) found = NULL;
  g_autofree char *near = NULL;
  LdaEdits *edits;
  guint connectivity;
  gsize counts[2], automatic[2];
  guint joined;
  gboolean dead;

  if (self->merged == NULL || self->document == NULL ||
      self->frame >= lda_document_get_n_frames (self->document) ||
      (klass != LDA_CLASS_HOECHST && klass != LDA_CLASS_DRAQ7))
    return NULL;
  /* Uncorrected, the mask shown is the automatic one: nothing to say,
   * and no search of the nucleus on every move of the pointer. */
  edits = lda_document_get_edits (self->document, self->frame);
  if (edits == NULL || lda_edits_count (edits) == 0)
    return NULL;

  connectivity = lda_params_nucleus_connectivity (lda_document_get_params (self->document,
                                                                           self->frame));
  if (!(found = lda_labels_nucleus_find (self->merged, x, y, connectivity)))
    return NULL;
  dead = lda_labels_nucleus_call_pixels (self->merged, found, &counts[0], &counts[1]);
  if (klass == lda_image_get (result->labels, x, y) &&
      dead == lda_labels_nucleus_call (result->labels, x, y, connectivity,
                                       &automatic[0], &automatic[1]) &&
      counts[0] + counts[1] == automatic[0] + automatic[1])
    return NULL;

  /* Grown by hand, a nucleus the pipeline found is still that one on
   * the pixels painted: its evidence, or the nearest one's it holds. */
  for (guint i = 0; evidence == NULL && i < found->len; i++)
    {
      const guint32 p = g_array_index (found, guint32, i);
      gint index;

      evidence = near = lda_window_hover (self, (LdaRunResult *) result, p % result->width,
                                          p / result->width, &index);
    }

  *pixels = g_array_ref (found);
  joined = count_found_nuclei (result, found);
  if (joined > 1)
    /* Translators: a nucleus joined by hand from several the pipeline
     * found; its call (live or dead); how many of its pixels are
     * painted Draq7, of all its pixels: more than half make it dead;
     * how many nuclei it was */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "By hand: %s, Draq7 on %lu of %lu pixels · joined from "
                                         "%u nucleus as found",
                                         "By hand: %s, Draq7 on %lu of %lu pixels · joined from "
                                         "%u nuclei as found", joined),
                            dead ? C_("nucleus", "dead") : C_("nucleus", "live"),
                            (gulong) counts[1], (gulong) (counts[0] + counts[1]), joined);
  if (evidence == NULL)
    /* Translators: a nucleus painted where the pipeline found none; its
     * call (live or dead); how many of its pixels are painted Draq7, of
     * all its pixels: more than half make it dead */
    return g_strdup_printf (_("Nucleus painted by hand: %s, Draq7 on %lu of %lu pixels"),
                            dead ? C_("nucleus", "dead") : C_("nucleus", "live"),
                            (gulong) counts[1], (gulong) (counts[0] + counts[1]));
  /* Translators: a nucleus's call as corrected by hand (live or dead);
   * how many of its pixels are painted Draq7, of all its pixels (more
   * than half make it dead); then the pipeline's evidence for it */
  return g_strdup_printf (_("By hand: %s, Draq7 on %lu of %lu pixels · as found: %s"),
                          dead ? C_("nucleus", "dead") : C_("nucleus", "live"),
                          (gulong) counts[1], (gulong) (counts[0] + counts[1]), evidence);
}

/* The read-out's values under the pointer. */
static char *
status_values (guint x,
               guint y,
               guint klass,
               guint brightfield,
               guint hoechst,
               guint draq7,
               guint sobel)
{
  return g_strdup_printf (_("x %u  y %u   class %u %s   brightfield %u   Hoechst %u   Draq7 %u   "
                            "Sobel %u"),
                          x, y, klass, lda_class_label (klass), brightfield, hoechst, draq7, sobel);
}

/* Whether the read-out under the panes is too narrow for a nucleus's
 * evidence and the values under the pointer on one line: measured once,
 * with the widest of each in the language in use (the pointer moves it
 * often). */
static gboolean
status_needs_two_lines (LdaWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->status_label));

  if (width <= 0)
    return FALSE;
  if (self->status_one_line_width == 0)
    {
      g_autofree char *evidence = lda_nucleus_describe_widest ();
      g_autofree char *values = status_values (9999, 9999, LDA_CLASS_DRAQ7, 65535, 65535, 65535,
                                               65535);
      g_autofree char *widest = g_strconcat (evidence, "   ", values, NULL);
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self->status_label), widest);

      pango_layout_get_pixel_size (layout, &self->status_one_line_width, NULL);
    }

  return width < self->status_one_line_width;
}

/* The read-out under the panes: the values under the pointer. */
void
lda_window_update_status (LdaWindow *self)
{
  LdaRunResult *result = lda_pipeline_runner_get_result (self->runner);
  g_autofree char *text = NULL;
  g_autofree char *nucleus = NULL;
  g_autofree char *corrected = NULL;
  g_autoptr(GArray) pixels = NULL;
  guint x, y, klass;
  gint index;

  if (result == NULL || self->pointer_x < 0 || self->pointer_y < 0 ||
      self->pointer_x >= result->width || self->pointer_y >= result->height)
    {
      g_autofree char *point = g_strconcat (status_needs_two_lines (self) ? "\n" : "",
                                            _("Point at the image to read its values"), NULL);

      gtk_label_set_text (self->status_label, point);
      lda_window_hover_clear (self);
      return;
    }

  x = (guint) self->pointer_x;
  y = (guint) self->pointer_y;
  /* The class as corrected: the automatic one only where nothing was painted. */
  klass = lda_image_get (self->merged != NULL ? self->merged : result->labels, x, y);
  /* The class beside the position, before the values: where a nucleus's
   * evidence comes first, a narrow read-out is cut at its end. */
  text = status_values (x, y, klass, lda_image_get (result->inputs[LDA_INPUT_BRIGHTFIELD], x, y),
                        lda_image_get (result->inputs[LDA_INPUT_HOECHST], x, y),
                        lda_image_get (result->inputs[LDA_INPUT_DRAQ7], x, y),
                        lda_image_get (result->sobel, x, y));
  /* Where the pointer is in µm, for calibrated data only. */
  if (self->series != NULL && self->frame < lda_series_get_n_frames (self->series) &&
      lda_series_get_frame (self->series, self->frame)->pixel_size_um > 0.0)
    {
      double um = lda_series_get_frame (self->series, self->frame)->pixel_size_um;
      char *with_um = g_strdup_printf (_("%s   (%.1f µm, %.1f µm)"), text, x * um, y * um);

      g_free (text);
      text = with_um;
    }
  nucleus = lda_window_hover (self, result, x, y, &index);
  /* The evidence is the automatic call's: a nucleus corrected since says
   * what it is now, one painted by hand what it is, one corrected away
   * is no nucleus to describe.  Outlined is the nucleus described. */
  corrected = corrected_call (self, result, nucleus, x, y, klass, &pixels);
  if (corrected != NULL)
    {
      g_free (nucleus);
      nucleus = g_steal_pointer (&corrected);
      lda_window_hover_corrected (self, pixels, result->width);
    }
  else if (nucleus != NULL && klass != lda_image_get (result->labels, x, y))
    {
      g_clear_pointer (&nucleus, g_free);
      lda_window_hover_clear (self);
    }
  else if (nucleus != NULL)
    lda_window_hover_object (self, result, index);
  else
    lda_window_hover_clear (self);
  /* Where the evidence and the values do not fit on one line beside each
   * other, each has a line of its own, the values always on the lower
   * one (so that they do not jump as the pointer enters a nucleus);
   * the choice hangs on the width only, so that the panes above do not
   * move as the pointer does.  On one line the evidence comes first. */
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_END);
  if (status_needs_two_lines (self))
    {
      char *both = g_strconcat (nucleus != NULL ? nucleus : "", "\n", text, NULL);

      g_free (text);
      text = both;
    }
  else if (nucleus != NULL)
    {
      char *both = g_strconcat (nucleus, "   ", text, NULL);

      g_free (text);
      text = both;
    }
  gtk_label_set_text (self->status_label, text);
}

static void
on_pointer_moved (LdaImageView *view,
                  double        x,
                  double        y,
                  LdaWindow    *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  lda_window_update_status (self);
}

/**
 * lda_window_show_pane:
 * @self: a window
 * @pane: a pane to show alone, or %LDA_PANE_ALL
 */
void
lda_window_show_pane (LdaWindow *self,
                      LdaPane    pane)
{
  g_return_if_fail (pane < LDA_N_PANES);

  self->solo = pane;
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    gtk_widget_set_visible (self->panes[p], pane == LDA_PANE_ALL || pane == p);

  if (pane != LDA_PANE_ALL)
    gtk_widget_grab_focus (GTK_WIDGET (self->views[pane]));

  g_settings_set_string (self->settings, "pane-layout", pane_names[pane]);
  lda_window_update_actions (self);
}

LdaPane
lda_window_get_solo_pane (LdaWindow *self)
{
  return self->solo;
}

/**
 * lda_window_get_pane_layout:
 * @self: a window
 *
 * Returns: the pane layout's name, as lda_window_restore_pane() takes it
 */
const char *
lda_window_get_pane_layout (LdaWindow *self)
{
  return pane_names[self->solo];
}

/**
 * lda_window_restore_pane:
 * @self: a window
 * @layout: a pane layout's name ("grid", "segmented", …)
 * @zoom: the zoom, or 0 to fit
 * @center: the image column and row at the view's centre, or −1 for the
 *   image's middle
 *
 * Brings back the panes as the person left them.
 */
void
lda_window_restore_pane (LdaWindow    *self,
                         const char   *layout,
                         double        zoom,
                         const double  center[2])
{
  LdaImageView *view;

  lda_window_show_pane (self, pane_from_name (layout));
  view = self->views[self->solo == LDA_PANE_ALL ? LDA_PANE_COMPOSITE : self->solo];
  if (zoom > 0.0)
    lda_image_view_set_zoom (view, zoom);
  else
    lda_image_view_zoom_to_fit (view);
  if (zoom > 0.0 && center[0] >= 0.0 && center[1] >= 0.0)
    lda_image_view_set_center (view, center[0], center[1]);
}

static void
on_toggle_solo (LdaImageView *view,
                LdaWindow    *self)
{
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    if (self->views[p] == view)
      lda_window_show_pane (self, self->solo == p ? LDA_PANE_ALL : (LdaPane) p);
}

static void
on_opacity_changed (GtkAdjustment *adjustment,
                    LdaWindow     *self)
{
  lda_image_view_set_overlay_opacity (self->views[LDA_PANE_SEGMENTED],
                                      gtk_adjustment_get_value (adjustment));
}

/* How near the pointer may come to the legend before it fades, and how
 * faint it gets: the mask under it stays in view while it is corrected. */
#define LEGEND_NEAR         24.0
#define LEGEND_FADED_OPACITY 0.15
/* The legend with the classes' names takes at most this share of the
 * pane, its margins included; in a smaller pane (four panes in a small
 * window) a row of swatches with the classes' keys takes its place. */
#define LEGEND_MAX_SHARE 0.07

/* The legend shown: the full one where it fits, else the compact one. */
static GtkWidget *
shown_legend (LdaWindow *self)
{
  return self->legend_full_fits ? GTK_WIDGET (self->legend_box) : self->legend_compact;
}

static void
set_legend_opacity (LdaWindow *self,
                    double     opacity)
{
  gtk_widget_set_opacity (GTK_WIDGET (self->legend_box), self->legend_full_fits ? opacity : 0.0);
  gtk_widget_set_opacity (self->legend_compact, self->legend_full_fits ? 0.0 : opacity);
}

/* The legend gets out of the way of the pointer over it, or nearly. */
static void
on_segmented_motion (GtkEventControllerMotion *motion,
                     double                    x,
                     double                    y,
                     LdaWindow                *self)
{
  GtkWidget *pane = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  graphene_rect_t bounds;
  gboolean near = FALSE;

  if (gtk_widget_compute_bounds (shown_legend (self), pane, &bounds))
    near = x >= bounds.origin.x - LEGEND_NEAR &&
           x <= bounds.origin.x + bounds.size.width + LEGEND_NEAR &&
           y >= bounds.origin.y - LEGEND_NEAR &&
           y <= bounds.origin.y + bounds.size.height + LEGEND_NEAR;
  self->legend_near = near;
  set_legend_opacity (self, near ? LEGEND_FADED_OPACITY : 1.0);
}

static void
on_segmented_leave (GtkEventControllerMotion *motion,
                    LdaWindow                *self)
{
  self->legend_near = FALSE;
  set_legend_opacity (self, 1.0);
}

/* As the pane is laid out: the full legend where it fits.  Only the
 * opacities change here, which asks for no new layout. */
static gboolean
on_legend_position (GtkOverlay   *overlay,
                    GtkWidget    *child,
                    GdkRectangle *allocation,
                    LdaWindow    *self)
{
  int width, height;

  (void) allocation;
  if (child == GTK_WIDGET (self->legend_box))
    {
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      self->legend_full_fits =
        (double) width * height <= LEGEND_MAX_SHARE * gtk_widget_get_width (GTK_WIDGET (overlay)) *
                                   gtk_widget_get_height (GTK_WIDGET (overlay));
      set_legend_opacity (self, self->legend_near ? LEGEND_FADED_OPACITY : 1.0);
    }

  /* Placed where the template says: bottom right. */
  return FALSE;
}

static GtkWidget *
legend_swatch (LdaClass klass)
{
  GtkWidget *swatch = gtk_drawing_area_new ();
  g_autofree char *css_class = g_strdup_printf ("lda-class-%u", klass);

  gtk_widget_add_css_class (swatch, "lda-swatch");
  gtk_widget_add_css_class (swatch, css_class);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);

  return swatch;
}

static void
build_legend (LdaWindow *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkWidget *compact = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  g_signal_connect (motion, "motion", G_CALLBACK (on_segmented_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_segmented_leave), self);
  gtk_widget_add_controller (self->panes[LDA_PANE_SEGMENTED], motion);

  /* The compact legend: each class's swatch and its key (1–4). */
  gtk_widget_set_halign (compact, GTK_ALIGN_END);
  gtk_widget_set_valign (compact, GTK_ALIGN_END);
  gtk_widget_set_can_target (compact, FALSE);
  gtk_widget_add_css_class (compact, "lda-caption");
  self->legend_compact = compact;
  self->legend_full_fits = TRUE;

  for (guint k = LDA_CLASS_CELL; k < LDA_N_CLASSES; k++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *key = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
      g_autofree char *digit = g_strdup_printf ("%u", k);

      gtk_box_append (GTK_BOX (box), legend_swatch (k));
      gtk_box_append (GTK_BOX (box), gtk_label_new (lda_class_label (k)));
      gtk_box_append (self->legend_box, box);

      gtk_box_append (GTK_BOX (key), legend_swatch (k));
      gtk_box_append (GTK_BOX (key), gtk_label_new (digit));
      gtk_box_append (GTK_BOX (compact), key);
    }
  gtk_overlay_add_overlay (GTK_OVERLAY (self->panes[LDA_PANE_SEGMENTED]), compact);
  g_signal_connect (self->panes[LDA_PANE_SEGMENTED], "get-child-position",
                    G_CALLBACK (on_legend_position), self);
}

/**
 * lda_window_get_legend:
 * @self: a window
 *
 * Returns: (transfer none): the legend the Segmented pane shows now: the
 *   classes' names, or in a narrow pane their swatches and keys
 */
GtkWidget *
lda_window_get_legend (LdaWindow *self)
{
  g_return_val_if_fail (LDA_IS_WINDOW (self), NULL);

  return shown_legend (self);
}

/* The View menu's button shows the zoom the panes share, as a
 * percentage: whole numbers from 10 %, a decimal below. */
static gboolean
show_zoom (gpointer data)
{
  LdaWindow *self = data;
  double percent = 100.0 * lda_image_view_get_zoom (self->views[LDA_PANE_COMPOSITE]);
  g_autofree char *text = NULL;

  self->zoom_idle = 0;
  /* Translators: the zoom of the panes, in percent */
  text = g_strdup_printf (_("%.*f %%"), percent < 9.95 ? 1 : 0, percent);
  gtk_label_set_text (self->zoom_label, text);

  return G_SOURCE_REMOVE;
}

/**
 * lda_window_panes_tell_view:
 * @self: a window
 *
 * Tells the runner what the panes show, for a drag's cells to be flooded
 * no finer (lda_pipeline_set_preview()): the mipmap level of their zoom
 * in device pixels (one finer on a screen of scale 2), and the part of
 * the frame the panes on screen show.
 */
void
lda_window_panes_tell_view (LdaWindow *self)
{
  LdaImageView *composite = self->views[LDA_PANE_COMPOSITE];
  LdaRect visible = { 0, 0, 0, 0 };
  guint level;

  if (self->runner == NULL || composite == NULL)
    return;
  level = lda_tiled_layer_level_for_zoom (lda_image_view_get_zoom (composite) *
                                          gtk_widget_get_scale_factor (GTK_WIDGET (composite)));
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      GtkWidget *view = GTK_WIDGET (self->views[p]);
      double x0, y0, x1, y1;
      LdaRect shown;

      if (!gtk_widget_get_mapped (view) || gtk_widget_get_width (view) <= 0)
        continue;
      lda_image_view_widget_to_image (self->views[p], 0, 0, &x0, &y0);
      lda_image_view_widget_to_image (self->views[p], gtk_widget_get_width (view),
                                      gtk_widget_get_height (view), &x1, &y1);
      x0 = CLAMP (floor (x0), -1.0, (double) G_MAXINT / 2);
      y0 = CLAMP (floor (y0), -1.0, (double) G_MAXINT / 2);
      x1 = CLAMP (ceil (x1), x0, (double) G_MAXINT / 2);
      y1 = CLAMP (ceil (y1), y0, (double) G_MAXINT / 2);
      shown = (LdaRect) { (int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0) };
      lda_rect_union (&visible, &shown);
    }
  lda_pipeline_runner_set_preview (self->runner, level, &visible);
}

/* A pane fitted to its size changes its zoom while the window lays itself
 * out, where the header bar's label cannot change its size: shown once
 * that is over. */
static void
on_zoom (LdaImageView *view,
         GParamSpec   *pspec,
         LdaWindow    *self)
{
  lda_window_panes_tell_view (self);
  /* The window kept until it has run (lda_window_dispose() removes it). */
  if (self->zoom_idle == 0)
    self->zoom_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_zoom, g_object_ref (self),
                                       g_object_unref);
}

/**
 * lda_window_panes_dispose:
 * @self: a window being disposed, its panes still there
 *
 * Stops the panes' zoom from reaching the window, and drops its update.
 */
void
lda_window_panes_dispose (LdaWindow *self)
{
  if (self->views[LDA_PANE_COMPOSITE] != NULL)
    g_signal_handlers_disconnect_by_func (self->views[LDA_PANE_COMPOSITE], on_zoom, self);
  g_clear_handle_id (&self->zoom_idle, g_source_remove);
}

/**
 * lda_window_panes_init:
 * @self: a window, its template built
 *
 * Ties the panes together and to the read-out, and brings back the layout
 * the person left.
 */
void
lda_window_panes_init (LdaWindow *self)
{
  g_autofree char *layout = NULL;

  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    {
      if (p != LDA_PANE_COMPOSITE)
        lda_image_view_bind (self->views[LDA_PANE_COMPOSITE], self->views[p]);
      g_signal_connect (self->views[p], "pointer-moved", G_CALLBACK (on_pointer_moved), self);
      g_signal_connect (self->views[p], "toggle-solo", G_CALLBACK (on_toggle_solo), self);
      self->scale_bars[p] = lda_scale_bar_new (self->views[p]);
      gtk_overlay_add_overlay (GTK_OVERLAY (self->panes[p]), self->scale_bars[p]);
    }
  self->scale_bar_visible = TRUE;
  build_legend (self);
  g_signal_connect (self->views[LDA_PANE_COMPOSITE], "notify::zoom", G_CALLBACK (on_zoom), self);
  show_zoom (self);

  /* Never set back by the settings (lda-export-dialog.c). */
  g_settings_bind (self->settings, "overlay-opacity", self->opacity_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_signal_connect (self->opacity_adjustment, "value-changed", G_CALLBACK (on_opacity_changed), self);
  on_opacity_changed (self->opacity_adjustment, self);

  layout = g_settings_get_string (self->settings, "pane-layout");
  self->solo = LDA_PANE_ALL;
  lda_window_show_pane (self, pane_from_name (layout));
}
