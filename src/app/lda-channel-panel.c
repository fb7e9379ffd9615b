/* lda-channel-panel.c — the parameters of one channel and what they give
 *
 * The controls come from lda-channel-panel.ui.  The panel emits "changed"
 * for every change the person makes, continuously while a slider is
 * dragged, and never for values set with lda_channel_panel_set_params().
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lda-channel-panel.h"
#include "lda-channel-warning.h"
#include "lda-histogram-plot.h"
#include "lda-scale-range.h"

/* The offset slider's end; the spin button goes on to LDA_OFFSET_MAX. */
#define OFFSET_SLIDER_MAX    4.0

struct _LdaChannelPanel
{
  GtkWidget         parent_instance;

  LdaChannel        channel;
  /* > 0 while the controls are set from code: no "changed" then. */
  guint             updating;

  /* The scalars of the last result; the plot keeps the histograms. */
  gboolean          has_result;
  LdaChannelResult  result;
  /* Whether every pixel of the last result's image had one value, and
   * which. */
  gboolean          flat;
  guint             flat_value;
  gboolean          has_levels;
  LdaThresholdLevels levels;
  /* What the last result's threshold was computed with, if given. */
  gboolean          has_result_params;
  LdaChannelParams  result_params;

  /* Template children */
  GtkLabel         *title_label;
  GtkWidget        *overridden_tag;
  GtkAdjustment    *offset_adjustment;
  GtkAdjustment    *coarseness_adjustment;
  GtkAdjustment    *kernel_adjustment;
  GtkAdjustment    *manual_adjustment;
  GtkAdjustment    *saturation_adjustment;
  GtkWidget        *auto_button;
  GtkWidget        *method_label;
  GtkDropDown      *method_dropdown;
  GtkWidget        *saturation_spin;
  GtkLabel         *saturation_label;
  GtkWidget        *offset_label;
  GtkWidget        *offset_scale;
  GtkWidget        *offset_spin;
  GtkWidget        *coarseness_spin;
  GtkWidget        *kernel_spin;
  GtkCheckButton   *manual_check;
  GtkWidget        *manual_spin;
  GtkCheckButton   *use_offset_check;
  GtkCheckButton   *ignore_saturated_check;
  GtkLabel         *threshold_label;
  LdaHistogramPlot *plot;
  GtkWidget        *warning_box;
  GtkLabel         *warning_label;
  GtkWidget        *warning_button;
  GtkWidget        *warning_auto_button;
};

enum { PROP_0, PROP_CHANNEL, N_PROPS };
enum { CHANGED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LdaChannelPanel, lda_channel_panel, GTK_TYPE_WIDGET)

static const struct
{
  const char *title;
  const char *short_name;
} channel_info[LDA_N_CHANNELS] = {
  { N_("Cell area — Sobel of brightfield"), N_("Cell area") },
  { N_("Hoechst — live nuclei"),            N_("Hoechst") },
  { N_("Draq7 — dead nuclei"),              N_("Draq7") },
};

static void
set_accessible_label (GtkWidget  *widget,
                      const char *format,
                      const char *channel_name)
{
  g_autofree char *text = g_strdup_printf (format, channel_name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

/* Three panels share one window, so screen readers need the channel in
 * every control's name: "Hoechst offset", not "Offset". */
static void
apply_channel (LdaChannelPanel *self)
{
  const char *name = _(channel_info[self->channel].short_name);

  gtk_label_set_label (self->title_label, _(channel_info[self->channel].title));
  gtk_widget_add_css_class (GTK_WIDGET (self), lda_channel_name (self->channel));

  /* Translators: %s is a channel: Cell area, Hoechst or Draq7 */
  set_accessible_label (self->offset_scale, _("%s offset"), name);
  set_accessible_label (self->offset_spin, _("%s offset"), name);
  set_accessible_label (self->coarseness_spin, _("%s coarseness"), name);
  set_accessible_label (self->kernel_spin, _("%s kernel size"), name);
  set_accessible_label (GTK_WIDGET (self->manual_check), _("%s manual threshold"), name);
  set_accessible_label (self->manual_spin, _("%s manual threshold value"), name);
  set_accessible_label (GTK_WIDGET (self->use_offset_check), _("%s: use offset"), name);
  set_accessible_label (GTK_WIDGET (self->ignore_saturated_check),
                        _("%s: ignore saturated tiles"), name);
  set_accessible_label (GTK_WIDGET (self->plot), _("%s histogram"), name);
  set_accessible_label (GTK_WIDGET (self->method_dropdown), _("%s threshold method"), name);
  set_accessible_label (self->saturation_spin, _("%s saturation"), name);
  set_accessible_label (self->auto_button, _("%s: automatic parameters"), name);
}

/* The offset does nothing under a manual threshold, nor when it is off. */
static void
update_sensitivity (LdaChannelPanel *self)
{
  gboolean manual = gtk_check_button_get_active (self->manual_check);
  gboolean use_offset = gtk_check_button_get_active (self->use_offset_check);

  gtk_widget_set_sensitive (self->offset_label, use_offset && !manual);
  gtk_widget_set_sensitive (self->offset_scale, use_offset && !manual);
  gtk_widget_set_sensitive (self->offset_spin, use_offset && !manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_offset_check), !manual);
  gtk_widget_set_sensitive (self->method_label, !manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_dropdown), !manual);
}

static LdaMethod
selected_method (LdaChannelPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->method_dropdown);

  return selected < LDA_N_METHODS ? (LdaMethod) selected : LDA_METHOD_MAX_TILE;
}

/* The default preset's parameters for this channel; the saturation is
 * the data's, not the method's, and stays as the person set it. */
static void
get_auto_params (LdaChannelPanel  *self,
                 LdaChannelParams *params)
{
  guint saturation = (guint) round (gtk_adjustment_get_value (self->saturation_adjustment));

  lda_channel_params_init_preset (params, LDA_PRESET_DEFAULT, self->channel);
  params->saturation = saturation;
}

static gboolean
is_auto (LdaChannelPanel *self)
{
  LdaChannelParams current, automatic;

  lda_channel_panel_get_params (self, &current);
  get_auto_params (self, &automatic);

  return lda_channel_params_equal (&current, &automatic);
}

/* The bits of data a saturation value stands for. */
static guint
saturation_bits (guint saturation)
{
  switch (saturation)
    {
    case 255:   return 8;
    case 4095:  return 12;
    case 16383: return 14;
    case 65535: return 16;
    default:    return 0;
    }
}

static void
update_saturation_label (LdaChannelPanel *self)
{
  guint set = (guint) round (gtk_adjustment_get_value (self->saturation_adjustment));
  g_autofree char *text = NULL;

  if (!self->has_levels)
    text = g_strdup (set == LDA_SATURATION_AUTO ? _("0: from the data’s bit depth") : "");
  else if (set == LDA_SATURATION_AUTO && saturation_bits (self->levels.saturation) != 0)
    /* Translators: the data's bit depth, and the value at which it saturates */
    text = g_strdup_printf (_("0: from the data: %u-bit, saturated at %u"),
                            saturation_bits (self->levels.saturation), self->levels.saturation);
  else if (set == LDA_SATURATION_AUTO)
    text = g_strdup_printf (_("0: from the data: saturated at %u"), self->levels.saturation);
  else
    text = g_strdup_printf (_("Brightest pixel: %u"), self->levels.max_value);

  gtk_label_set_label (self->saturation_label, text);
}

/* @text with each space before a number within its brackets made a
 * no-break space: a narrow side bar wraps "(Otsu 7842, dark 512, factor
 * 1)" between its parts, never between a name and its value. */
static char *
keep_values_with_names (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);
  int depth = 0;

  for (const char *c = text; *c != '\0'; c++)
    {
      depth += (*c == '(') - (*c == ')');
      if (*c == ' ' && depth > 0 && g_ascii_isdigit (c[1]))
        g_string_append (out, "\u00a0");
      else
        g_string_append_c (out, *c);
    }

  return g_string_free (out, FALSE);
}

/* The threshold in use and how it was found: from the parameters of the
 * run that computed it, which a held slider may have left behind, or
 * else from the controls. */
static void
update_threshold_label (LdaChannelPanel *self)
{
  const LdaChannelResult *r = &self->result;
  g_autofree char *text = NULL, *kept = NULL;
  LdaChannelParams p;

  if (self->has_result_params)
    p = self->result_params;
  else
    lda_channel_panel_get_params (self, &p);
  /* Rounded as get_params() rounds, so "1.2" and not "1.2000000001". */
  p.offset = round (p.offset * 100.0) / 100.0;

  if (!self->has_result)
    text = g_strdup (_("Threshold not computed yet"));
  else if (p.manual)
    text = g_strdup_printf (_("Threshold in use: %lld (manual)"),
                            (long long) r->threshold);
  else if (!p.use_offset && (p.method == LDA_METHOD_MAX_TILE || !self->has_levels))
    text = g_strdup_printf (_("Threshold in use: %lld (the peak)"),
                            (long long) r->threshold);
  else if (self->has_levels && self->levels.raised[p.method])
    /* Translators: %s is a threshold method */
    text = g_strdup_printf (_("Threshold in use: %lld (%s, raised above the noise)"),
                            (long long) r->threshold, lda_method_title (p.method));
  else if (p.method == LDA_METHOD_MAX_TILE || !self->has_levels)
    /* Translators: the threshold, the peak and the offset factor */
    text = g_strdup_printf (_("Threshold in use: %lld (peak %u × %g + 1)"),
                            (long long) r->threshold, r->peak, p.offset);
  else
    /* Translators: the threshold, a method, its level, the dark level
     * and the offset factor: threshold = dark + factor × (level − dark);
     * without the offset the threshold is the method's level itself */
    text = g_strdup_printf (_("Threshold in use: %lld (%s %u, dark %u, offset %g)"),
                            (long long) r->threshold, lda_method_title (p.method),
                            self->levels.level[p.method], self->levels.dark,
                            p.use_offset ? p.offset : 1.0);

  kept = keep_values_with_names (text);
  gtk_label_set_label (self->threshold_label, kept);
}

/* Says why the mask is empty or full and what to change; offers the
 * one-click fix when saturated tiles won the vote (pipeline.md §1). */
static void
update_warning (LdaChannelPanel *self)
{
  const LdaChannelState state = {
    self->channel,
    gtk_check_button_get_active (self->manual_check),
    gtk_check_button_get_active (self->use_offset_check),
    gtk_check_button_get_active (self->ignore_saturated_check),
    selected_method (self),
    gtk_adjustment_get_value (self->offset_adjustment),
    self->flat,
    self->flat_value,
  };
  gboolean offer_ignore = FALSE;
  g_autofree char *text = self->has_result
                          ? lda_channel_warning (&state, &self->result, &offer_ignore)
                          : NULL;

  if (text != NULL)
    gtk_label_set_label (self->warning_label, text);
  gtk_widget_set_visible (self->warning_button, offer_ignore);
  /* The one-click fix: the default preset's method, which finds the
   * threshold in each frame's own pixels. */
  gtk_widget_set_visible (self->warning_auto_button,
                          text != NULL && !self->flat && !is_auto (self));
  gtk_widget_set_visible (self->warning_box, text != NULL);
}

static void
emit_changed (LdaChannelPanel *self)
{
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Every control's value-changed or toggled lands here. */
static void
control_changed_cb (GObject         *control,
                    LdaChannelPanel *self)
{
  update_sensitivity (self);
  update_saturation_label (self);
  emit_changed (self);
}

/* Ticking "Manual threshold" starts from the threshold in use, so that
 * the mask stays as it is until the person moves the value; from 0 it
 * would flood the whole image at once. */
static void
manual_toggled_cb (GtkCheckButton  *check,
                   LdaChannelPanel *self)
{
  if (self->updating == 0 && self->has_result && gtk_check_button_get_active (check))
    {
      self->updating++;
      gtk_adjustment_set_value (self->manual_adjustment,
                                (double) CLAMP (self->result.threshold, 0, LDA_MANUAL_MAX));
      self->updating--;
    }

  control_changed_cb (G_OBJECT (check), self);
}

static void
threshold_dragged_cb (LdaHistogramPlot *plot,
                      guint             value,
                      LdaChannelPanel  *self)
{
  /* Switch to a manual threshold with the dragged value, as one change. */
  self->updating++;
  gtk_check_button_set_active (self->manual_check, TRUE);
  gtk_adjustment_set_value (self->manual_adjustment, MIN (value, LDA_MANUAL_MAX));
  self->updating--;

  update_sensitivity (self);
  emit_changed (self);
}

static void
method_selected_cb (GtkDropDown     *dropdown,
                    GParamSpec      *pspec,
                    LdaChannelPanel *self)
{
  update_threshold_label (self);
  control_changed_cb (G_OBJECT (dropdown), self);
}

/* Auto: the default preset's parameters for this channel, as one change
 * (one undo step). */
static void
auto_clicked_cb (GtkButton       *button,
                 LdaChannelPanel *self)
{
  LdaChannelParams params;

  get_auto_params (self, &params);
  /* The warning's button hides with the warning: keep the focus near. */
  if (GTK_WIDGET (button) == self->warning_auto_button)
    gtk_widget_grab_focus (self->auto_button);
  lda_channel_panel_set_params (self, &params);
  emit_changed (self);
}

static void
ignore_saturated_clicked_cb (GtkButton       *button,
                             LdaChannelPanel *self)
{
  /* The button hides once the option is on: keep the focus nearby
   * rather than letting it fall to the window's first widget. */
  gtk_widget_grab_focus (GTK_WIDGET (self->ignore_saturated_check));
  /* Toggling the check emits "changed". */
  gtk_check_button_set_active (self->ignore_saturated_check, TRUE);
}

static void
lda_channel_panel_constructed (GObject *object)
{
  LdaChannelPanel *self = LDA_CHANNEL_PANEL (object);

  G_OBJECT_CLASS (lda_channel_panel_parent_class)->constructed (object);

  apply_channel (self);
}

static void
lda_channel_panel_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), LDA_TYPE_CHANNEL_PANEL);

  /* dispose_template only unparents the bound children; the containers
   * without a field are still ours. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lda_channel_panel_parent_class)->dispose (object);
}

static void
lda_channel_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LdaChannelPanel *self = LDA_CHANNEL_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      g_value_set_uint (value, self->channel);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_channel_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LdaChannelPanel *self = LDA_CHANNEL_PANEL (object);

  switch (prop_id)
    {
    case PROP_CHANNEL:
      self->channel = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lda_channel_panel_class_init (LdaChannelPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lda_channel_panel_constructed;
  object_class->dispose = lda_channel_panel_dispose;
  object_class->get_property = lda_channel_panel_get_property;
  object_class->set_property = lda_channel_panel_set_property;

  /**
   * LdaChannelPanel:channel:
   *
   * Which channel the panel is for, an #LdaChannel.  A plain unsigned
   * property so that a .ui file can set it (0, 1 or 2).
   */
  properties[PROP_CHANNEL] =
    g_param_spec_uint ("channel", NULL, NULL,
                       0, LDA_N_CHANNELS - 1, LDA_CHANNEL_CELL_AREA,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LdaChannelPanel::changed:
   * @self: the panel
   *
   * Emitted when the person changes a parameter; read them with
   * lda_channel_panel_get_params().
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (LDA_TYPE_HISTOGRAM_PLOT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-channel-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, overridden_tag);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, offset_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, coarseness_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, kernel_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, manual_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, saturation_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, auto_button);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, method_label);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, saturation_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, saturation_label);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, warning_auto_button);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, offset_label);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, offset_scale);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, offset_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, coarseness_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, kernel_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, manual_check);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, manual_spin);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, use_offset_check);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, ignore_saturated_check);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, plot);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, warning_box);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, warning_label);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelPanel, warning_button);
  gtk_widget_class_bind_template_callback (widget_class, control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, manual_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, threshold_dragged_cb);
  gtk_widget_class_bind_template_callback (widget_class, ignore_saturated_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, auto_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "channelpanel");
}

static void
lda_channel_panel_init (LdaChannelPanel *self)
{
  LdaChannelParams defaults;
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);

  self->updating++; /* The template's own signals fire while it is built. */
  gtk_widget_init_template (GTK_WIDGET (self));
  lda_scale_range_limit (GTK_RANGE (self->offset_scale), self->offset_adjustment, OFFSET_SLIDER_MAX);
  /* In LdaMethod's order: the position is the method. */
  for (guint m = 0; m < LDA_N_METHODS; m++)
    gtk_string_list_append (methods, lda_method_title (m));
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (methods));
  self->updating--;

  lda_channel_params_init (&defaults);
  lda_channel_panel_set_params (self, &defaults);
}

/**
 * lda_channel_panel_new:
 * @channel: the channel the panel is for
 *
 * Returns: a panel showing the defaults of lda_channel_params_init()
 */
GtkWidget *
lda_channel_panel_new (LdaChannel channel)
{
  g_return_val_if_fail (channel < LDA_N_CHANNELS, NULL);

  return g_object_new (LDA_TYPE_CHANNEL_PANEL, "channel", (guint) channel, NULL);
}

LdaChannel
lda_channel_panel_get_channel (LdaChannelPanel *self)
{
  g_return_val_if_fail (LDA_IS_CHANNEL_PANEL (self), LDA_CHANNEL_CELL_AREA);

  return self->channel;
}

/**
 * lda_channel_panel_set_params:
 * @self: a panel
 * @params: the values to show
 *
 * Sets every control without emitting #LdaChannelPanel::changed.
 */
void
lda_channel_panel_set_params (LdaChannelPanel        *self,
                              const LdaChannelParams *params)
{
  g_return_if_fail (LDA_IS_CHANNEL_PANEL (self));
  g_return_if_fail (params != NULL);

  self->updating++;
  gtk_adjustment_set_value (self->offset_adjustment, params->offset);
  gtk_check_button_set_active (self->use_offset_check, params->use_offset);
  gtk_adjustment_set_value (self->coarseness_adjustment, params->coarseness);
  gtk_adjustment_set_value (self->kernel_adjustment, params->kernel);
  gtk_check_button_set_active (self->manual_check, params->manual);
  gtk_adjustment_set_value (self->manual_adjustment, params->manual_threshold);
  gtk_check_button_set_active (self->ignore_saturated_check, params->ignore_saturated);
  gtk_drop_down_set_selected (self->method_dropdown, params->method);
  gtk_adjustment_set_value (self->saturation_adjustment, params->saturation);
  self->updating--;

  update_sensitivity (self);
  update_threshold_label (self);
  update_saturation_label (self);
  update_warning (self);
}

/**
 * lda_channel_panel_get_params:
 * @self: a panel
 * @params: (out caller-allocates): filled from the controls
 */
void
lda_channel_panel_get_params (LdaChannelPanel  *self,
                              LdaChannelParams *params)
{
  g_return_if_fail (LDA_IS_CHANNEL_PANEL (self));
  g_return_if_fail (params != NULL);

  /* A slider gives any double; keep the two decimals the spin shows, so
   * that 1.2 is exactly the 1.2 a parameter file would hold. */
  params->offset = round (gtk_adjustment_get_value (self->offset_adjustment) * 100.0) / 100.0;
  params->offset = CLAMP (params->offset, LDA_OFFSET_MIN, LDA_OFFSET_MAX);
  params->use_offset = gtk_check_button_get_active (self->use_offset_check);
  params->coarseness = (guint) CLAMP (round (gtk_adjustment_get_value (self->coarseness_adjustment)),
                                      LDA_COARSENESS_MIN, LDA_COARSENESS_MAX);
  params->kernel = (guint) CLAMP (round (gtk_adjustment_get_value (self->kernel_adjustment)),
                                  LDA_KERNEL_MIN, LDA_KERNEL_MAX);
  params->manual = gtk_check_button_get_active (self->manual_check);
  params->manual_threshold = (guint) CLAMP (round (gtk_adjustment_get_value (self->manual_adjustment)),
                                            0, LDA_MANUAL_MAX);
  params->ignore_saturated = gtk_check_button_get_active (self->ignore_saturated_check);
  params->method = selected_method (self);
  params->saturation = (guint) CLAMP (round (gtk_adjustment_get_value (self->saturation_adjustment)),
                                      0, LDA_MANUAL_MAX);
}

/**
 * lda_channel_panel_set_result:
 * @self: a panel
 * @result: (nullable): what the last run computed, or %NULL to forget it
 *
 * Copies what the panel shows: the histograms go to the plot, the rest
 * to the threshold line and the warning.
 */
void
lda_channel_panel_set_result (LdaChannelPanel        *self,
                              const LdaChannelResult *result)
{
  g_return_if_fail (LDA_IS_CHANNEL_PANEL (self));

  if (result != NULL)
    {
      self->has_result = TRUE;
      self->result = *result;
      /* Borrowed pointers: never keep them. */
      self->result.intensities = NULL;
      self->result.votes = NULL;

      self->result.levels = NULL;
      self->result.params = NULL;
      self->has_result_params = result->params != NULL;
      if (result->params != NULL)
        self->result_params = *result->params;
      self->has_levels = result->levels != NULL;
      if (result->levels != NULL)
        self->levels = *result->levels;

      self->flat = result->intensities != NULL &&
                   lda_channel_histogram_is_flat (result->intensities, result->max_value,
                                                  &self->flat_value);
      if (result->intensities != NULL)
        {
          lda_histogram_plot_set_data (self->plot, result->intensities, result->votes,
                                       result->peak, result->threshold);
          lda_histogram_plot_set_levels (self->plot, result->levels,
                                         gtk_check_button_get_active (self->manual_check)
                                         ? -1 : (int) selected_method (self));
        }
      else
        lda_histogram_plot_clear (self->plot);
    }
  else
    {
      self->has_result = FALSE;
      self->flat = FALSE;
      self->has_levels = FALSE;
      self->has_result_params = FALSE;
      lda_histogram_plot_clear (self->plot);
    }

  update_threshold_label (self);
  update_saturation_label (self);
  update_warning (self);
}

/**
 * lda_channel_panel_set_overridden:
 * @self: a panel
 * @overridden: whether the current frame has its own parameters
 *
 * Shows or hides the "this frame" tag next to the title.
 */
void
lda_channel_panel_set_overridden (LdaChannelPanel *self,
                                  gboolean         overridden)
{
  g_return_if_fail (LDA_IS_CHANNEL_PANEL (self));

  gtk_widget_set_visible (self->overridden_tag, overridden);
}

/**
 * lda_channel_panel_get_offset_adjustment:
 * @self: a channel panel
 *
 * Returns: (transfer none): the adjustment behind the offset slider
 */
GtkAdjustment *
lda_channel_panel_get_offset_adjustment (LdaChannelPanel *self)
{
  g_return_val_if_fail (LDA_IS_CHANNEL_PANEL (self), NULL);

  return self->offset_adjustment;
}

/**
 * lda_channel_panel_get_warning:
 * @self: a channel panel
 *
 * Returns: (nullable): the warning shown beside the channel, if any
 */
const char *
lda_channel_panel_get_warning (LdaChannelPanel *self)
{
  g_return_val_if_fail (LDA_IS_CHANNEL_PANEL (self), NULL);

  if (!gtk_widget_get_visible (self->warning_box))
    return NULL;

  return gtk_label_get_label (self->warning_label);
}

/**
 * lda_channel_panel_get_auto_params:
 * @self: a channel panel
 * @params: (out caller-allocates): what Auto sets
 *
 * The channel's parameters of the default preset (%LDA_PRESET_DEFAULT),
 * with the saturation the panel shows: what the Auto button and the
 * fix of an empty or flooded mask set.
 */
void
lda_channel_panel_get_auto_params (LdaChannelPanel  *self,
                                   LdaChannelParams *params)
{
  g_return_if_fail (LDA_IS_CHANNEL_PANEL (self));
  g_return_if_fail (params != NULL);

  get_auto_params (self, params);
}
