/* lda-interval-dialog.c — asking the time between frames
 *
 * For a series whose files do not say when their frames were taken: an
 * entry for the interval ("2h", "30min", "90s", "1,5 h", as livedead
 * --interval takes it), Cancel and Set; Escape cancels.  Set is refused, with the reason, while the
 * text is not a time.  The widgets are in lda-interval-dialog.ui.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lda-interval-dialog.h"
#include "lda-series.h"

struct _LdaIntervalDialog
{
  GtkWindow          parent_instance;

  GtkEntry          *entry;
  GtkLabel          *problem;
  GtkButton         *cancel_button;
  GtkButton         *set_button;

  LdaIntervalChosen  chosen;
  GObject           *user_data;
};

G_DEFINE_FINAL_TYPE (LdaIntervalDialog, lda_interval_dialog, GTK_TYPE_WINDOW)

static gboolean
parse (LdaIntervalDialog  *self,
       double             *hours,
       GError            **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  return lda_interval_parse (text, hours, error);
}

static void
on_changed (LdaIntervalDialog *self)
{
  g_autoptr(GError) error = NULL;
  double hours;
  gboolean ok = parse (self, &hours, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->set_button), ok);
  gtk_label_set_text (self->problem,
                      ok || gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] == '\0'
                      ? "" : error->message);
}

static void
on_set (LdaIntervalDialog *self)
{
  lda_interval_dialog_set (self);
}

static void
on_cancel (LdaIntervalDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
lda_interval_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LDA_TYPE_INTERVAL_DIALOG);

  G_OBJECT_CLASS (lda_interval_dialog_parent_class)->dispose (object);
}

static void
lda_interval_dialog_finalize (GObject *object)
{
  LdaIntervalDialog *self = LDA_INTERVAL_DIALOG (object);

  g_clear_object (&self->user_data);

  G_OBJECT_CLASS (lda_interval_dialog_parent_class)->finalize (object);
}

static void
lda_interval_dialog_class_init (LdaIntervalDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lda_interval_dialog_dispose;
  object_class->finalize = lda_interval_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-interval-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaIntervalDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, LdaIntervalDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, LdaIntervalDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LdaIntervalDialog, set_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_set);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lda_interval_dialog_init (LdaIntervalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lda_interval_dialog_new:
 * @parent: (nullable): the window
 * @hours: the interval given before, 0 when none
 * @chosen: called with the interval if the person chooses Set
 * @user_data: (nullable): kept alive while asking
 *
 * Returns: (transfer none): the dialog, not yet shown; it destroys itself
 *   when answered
 */
LdaIntervalDialog *
lda_interval_dialog_new (GtkWindow         *parent,
                         double             hours,
                         LdaIntervalChosen  chosen,
                         GObject           *user_data)
{
  LdaIntervalDialog *self = g_object_new (LDA_TYPE_INTERVAL_DIALOG, NULL);

  self->chosen = chosen;
  self->user_data = user_data != NULL ? g_object_ref (user_data) : NULL;
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  if (hours > 0.0)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE + 4];

      if (hours < 1.0)
        g_snprintf (text, sizeof text, "%.4gmin", hours * 60.0);
      else
        g_snprintf (text, sizeof text, "%.4gh", hours);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
    }
  on_changed (self);

  return self;
}

/**
 * lda_interval_dialog_set_text:
 * @self: a dialog
 * @text: what the person types
 */
void
lda_interval_dialog_set_text (LdaIntervalDialog *self,
                              const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

/**
 * lda_interval_dialog_set:
 * @self: a dialog
 *
 * What Set does: hands the interval on and closes, if the text is one.
 *
 * Returns: %TRUE if it was
 */
gboolean
lda_interval_dialog_set (LdaIntervalDialog *self)
{
  double hours;

  if (!parse (self, &hours, NULL))
    return FALSE;

  if (self->chosen != NULL)
    self->chosen (hours, self->user_data);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}
