/* lda-nucleus-panel.c — the preset and the nucleus objects of a series
 *
 * The preset chooser shows which preset the parameters are, or "Custom"
 * once any of them differs; choosing a preset emits "preset-chosen".  The
 * splitting of touching nuclei emits "changed", continuously while its
 * depth is changed.  Neither is emitted for values set with
 * lda_nucleus_panel_set_params().
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "lda-nucleus-panel.h"

/* The chooser's last row: parameters that are no preset. */
#define PRESET_CUSTOM LDA_N_PRESETS

struct _LdaNucleusPanel
{
  GtkWidget      parent_instance;

  /* > 0 while the controls are set from code: no signals then. */
  guint          updating;
  /* Whether the parameters make nucleus objects, which can be split. */
  gboolean       objects;
  /* What the chooser shows for the parameters set. */
  guint          shown;

  GtkDropDown   *preset_dropdown;
  GtkCheckButton *split_check;
  GtkWidget     *split_depth_label;
  GtkWidget     *split_depth_spin;
  GtkAdjustment *split_depth_adjustment;
};

enum {
  CHANGED,
  PRESET_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LdaNucleusPanel, lda_nucleus_panel, GTK_TYPE_WIDGET)

static void
update_sensitivity (LdaNucleusPanel *self)
{
  gboolean split = gtk_check_button_get_active (self->split_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->split_check), self->objects);
  gtk_widget_set_sensitive (self->split_depth_label, self->objects && split);
  gtk_widget_set_sensitive (self->split_depth_spin, self->objects && split);
}

static void
control_changed_cb (GObject         *control,
                    LdaNucleusPanel *self)
{
  update_sensitivity (self);
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
preset_selected_cb (GtkDropDown     *dropdown,
                    GParamSpec      *pspec,
                    LdaNucleusPanel *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating > 0)
    return;

  /* "Custom" is what the parameters are, not something to choose. */
  if (selected < LDA_N_PRESETS)
    g_signal_emit (self, signals[PRESET_CHOSEN], 0, selected);
  else if (selected != self->shown)
    {
      self->updating++;
      gtk_drop_down_set_selected (dropdown, self->shown);
      self->updating--;
    }
}

static void
lda_nucleus_panel_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), LDA_TYPE_NUCLEUS_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lda_nucleus_panel_parent_class)->dispose (object);
}

static void
lda_nucleus_panel_class_init (LdaNucleusPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lda_nucleus_panel_dispose;

  /**
   * LdaNucleusPanel::changed:
   * @self: the panel
   *
   * The person changed the splitting; read it with
   * lda_nucleus_panel_get_params().
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * LdaNucleusPanel::preset-chosen:
   * @self: the panel
   * @preset: the #LdaPreset chosen
   *
   * The person chose a preset.
   */
  signals[PRESET_CHOSEN] =
    g_signal_new ("preset-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-nucleus-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaNucleusPanel, preset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdaNucleusPanel, split_check);
  gtk_widget_class_bind_template_child (widget_class, LdaNucleusPanel, split_depth_label);
  gtk_widget_class_bind_template_child (widget_class, LdaNucleusPanel, split_depth_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaNucleusPanel, split_depth_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, preset_selected_cb);

  gtk_widget_class_set_css_name (widget_class, "nucleuspanel");
}

static void
lda_nucleus_panel_init (LdaNucleusPanel *self)
{
  g_autoptr(GtkStringList) presets = gtk_string_list_new (NULL);
  LdaParams defaults;

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* In LdaPreset's order, then "Custom". */
  for (guint p = 0; p < LDA_N_PRESETS; p++)
    gtk_string_list_append (presets, lda_preset_title (p));
  gtk_string_list_append (presets, C_("preset", "Custom"));
  gtk_drop_down_set_model (self->preset_dropdown, G_LIST_MODEL (presets));
  self->updating--;

  lda_params_init (&defaults);
  lda_nucleus_panel_set_params (self, &defaults);
}

GtkWidget *
lda_nucleus_panel_new (void)
{
  return g_object_new (LDA_TYPE_NUCLEUS_PANEL, NULL);
}

/**
 * lda_nucleus_panel_set_params:
 * @self: a panel
 * @params: the parameters to show
 *
 * Shows which preset @params are and their splitting, without signals.
 */
void
lda_nucleus_panel_set_params (LdaNucleusPanel *self,
                              const LdaParams *params)
{
  LdaPreset preset;

  g_return_if_fail (LDA_IS_NUCLEUS_PANEL (self));
  g_return_if_fail (params != NULL);

  self->updating++;
  self->objects = params->nuclei.objects;
  self->shown = lda_params_get_preset (params, &preset) ? preset : PRESET_CUSTOM;
  gtk_drop_down_set_selected (self->preset_dropdown, self->shown);
  gtk_check_button_set_active (self->split_check, params->nuclei.split);
  gtk_adjustment_set_value (self->split_depth_adjustment, params->nuclei.split_depth);
  self->updating--;

  update_sensitivity (self);
}

/**
 * lda_nucleus_panel_get_params:
 * @self: a panel
 * @params: (inout): nucleus parameters whose splitting is set from the
 *   controls; the other fields are left as they are
 */
void
lda_nucleus_panel_get_params (LdaNucleusPanel  *self,
                              LdaNucleusParams *params)
{
  g_return_if_fail (LDA_IS_NUCLEUS_PANEL (self));
  g_return_if_fail (params != NULL);

  params->split = gtk_check_button_get_active (self->split_check);
  /* One decimal, as the spin shows and a parameter file holds. */
  params->split_depth = round (gtk_adjustment_get_value (self->split_depth_adjustment) * 10.0) / 10.0;
  params->split_depth = CLAMP (params->split_depth, LDA_SPLIT_DEPTH_MIN, LDA_SPLIT_DEPTH_MAX);
}
