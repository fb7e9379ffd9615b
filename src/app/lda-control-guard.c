/* lda-control-guard.c — keeps the wheel and stray keys off the side
 * bar's numbers
 *
 * A side bar is read by scrolling it.  A wheel turned over a slider or a
 * spin button would otherwise change the value under the pointer, and a
 * change of parameters re-runs the segmentation and is saved at once: so
 * the wheel scrolls the side bar unless the person has moved the keyboard
 * focus to that control (Tab, the focus ring shown) to change it.  A
 * slider just dragged has the focus too, but not from the keyboard: the
 * wheel turned to scroll on afterwards must not move it.  A slider that
 * takes the wheel moves one step a click, as its arrow keys do, rather
 * than GTK's share of its whole range (half the offset's useful range in
 * a click or two).
 *
 * Letters typed into a number field — the tools' keys, say — must not end
 * up in the number either.  GtkSpinButton:numeric does not filter typed
 * text in GTK 4.8, so the field's text refuses them itself; the key is
 * still taken by the field, so it does not pick a tool behind the
 * person's back either.  Nor may an empty field count as 0: it keeps its
 * value, and Ctrl+Z there is the window's undo, never the text's own.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "lda-control-guard.h"

/* The control has the focus, and from the keyboard: the window shows
 * where the focus is only once keys have moved it. */
static gboolean
has_keyboard_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0 &&
         GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root));
}

/* A slider with the keyboard's focus: one step a wheel click. */
static gboolean
step_range (GtkEventControllerScroll *controller,
            GtkRange                 *range,
            double                    dy)
{
  GtkAdjustment *adjustment = gtk_range_get_adjustment (range);
  double step = gtk_adjustment_get_step_increment (adjustment);

  if (gtk_event_controller_scroll_get_unit (controller) != GDK_SCROLL_UNIT_WHEEL || dy == 0)
    return FALSE;

  /* The wheel turned away from the person raises the value, as over
   * GTK's own sliders. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) - dy * step);

  return TRUE;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  double page, value;

  if (has_keyboard_focus (widget))
    return GTK_IS_RANGE (widget) && step_range (controller, GTK_RANGE (widget), dy);

  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  page = gtk_adjustment_get_page_size (adjustment);

  /* A wheel click moves as far as GtkScrolledWindow's own would. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    dy *= pow (page, 2.0 / 3.0);

  value = gtk_adjustment_get_value (adjustment) + dy;
  gtk_adjustment_set_value (adjustment,
                            CLAMP (value, gtk_adjustment_get_lower (adjustment),
                                   gtk_adjustment_get_upper (adjustment) - page));

  /* Taken, even sideways: the value under the pointer never moves. */
  return TRUE;
}

static void
guard_scroll (GtkWidget *control)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  /* Before the control's own scroll handling, which is in the bubble
   * phase (and, for a spin button, on its text inside). */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), NULL);
  gtk_widget_add_controller (control, scroll);
}

/* Digits, signs and decimal marks: what a number the spin buttons show
 * or accept can hold, in any locale. */
static gboolean
is_number_text (const char *text,
                int         length)
{
  const char *decimal_point = localeconv ()->decimal_point;

  if (length < 0)
    length = (int) strlen (text);

  for (int i = 0; i < length; i++)
    {
      if (g_ascii_isdigit (text[i]) || strchr (".,+-", text[i]) != NULL)
        continue;
      if (decimal_point != NULL && decimal_point[0] != '\0' &&
          strncmp (text + i, decimal_point, strlen (decimal_point)) == 0)
        {
          i += (int) strlen (decimal_point) - 1;
          continue;
        }
      return FALSE;
    }

  return TRUE;
}

static void
on_insert_text (GtkEditable *text,
                const char  *new_text,
                int          length,
                int         *position,
                gpointer     user_data)
{
  if (is_number_text (new_text, length))
    return;

  g_signal_stop_emission_by_name (text, "insert-text");
  gtk_widget_error_bell (GTK_WIDGET (text));
}

/* The number typed, clamped to the field's range; a field left empty or
 * holding no number keeps the value it had (GTK_UPDATE_IF_VALID), where
 * GTK would have taken it for 0. */
static int
on_input (GtkSpinButton *spin,
          double        *value,
          gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  char *end = NULL;
  double number;

  if (*text == '\0')
    return GTK_INPUT_ERROR;
  /* A decimal comma or point, whatever the locale: these numbers are
   * small, never written with a thousands separator. */
  g_strdelimit (text, ",", '.');
  number = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (number))
    return GTK_INPUT_ERROR;

  *value = CLAMP (number, gtk_adjustment_get_lower (adjustment),
                  gtk_adjustment_get_upper (adjustment));
  return TRUE;
}

/* Ctrl+Z and Shift+Ctrl+Z in a number field are the window's undo and
 * redo, taken before the field's text sees them. */
static void
guard_undo_keys (GtkWidget *spin)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.undo")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("win.redo")));
  gtk_widget_add_controller (spin, keys);
}

static void
guard_number (GtkSpinButton *spin)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (spin));

  guard_undo_keys (GTK_WIDGET (spin));

  gtk_spin_button_set_numeric (spin, TRUE);
  gtk_spin_button_set_update_policy (spin, GTK_UPDATE_IF_VALID);
  g_signal_connect (spin, "input", G_CALLBACK (on_input), NULL);
  if (text != NULL)
    {
      g_signal_connect (text, "insert-text", G_CALLBACK (on_insert_text), NULL);
      /* Ctrl+Z is the window's undo of parameters and strokes: with none
       * left it must not fall through to the text's own history, which
       * empties the field. */
      gtk_editable_set_enable_undo (text, FALSE);
    }
}

/**
 * lda_control_guard_attach:
 * @root: a widget inside a #GtkScrolledWindow, such as a side bar's box
 *
 * Guards every slider and spin button under @root, once: the wheel over
 * one scrolls the enclosing scrolled window unless the control has the
 * keyboard focus, and a spin button's text takes only numbers.
 */
void
lda_control_guard_attach (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if ((GTK_IS_SCALE (child) || GTK_IS_SPIN_BUTTON (child)) &&
          g_object_get_data (G_OBJECT (child), "lda-guarded") == NULL)
        {
          g_object_set_data (G_OBJECT (child), "lda-guarded", GINT_TO_POINTER (TRUE));
          guard_scroll (child);
          if (GTK_IS_SPIN_BUTTON (child))
            guard_number (GTK_SPIN_BUTTON (child));
          continue;
        }

      lda_control_guard_attach (child);
    }
}
