/* lda-channel-dialog.c — asking which channel of a file is which
 *
 * Shown when an ImageJ hyperstack or OME-TIFF is opened whose channel
 * names do not say which is brightfield, Hoechst and Draq7: a drop-down
 * per role listing the file's channels (number and name), Cancel and
 * Open.  Open is refused while two roles have the same channel.  The
 * widgets are in lda-channel-dialog.ui.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-channel-dialog.h"

struct _LdaChannelDialog
{
  GtkWindow          parent_instance;

  GtkLabel          *heading;
  GtkDropDown       *bf_role;
  GtkDropDown       *hoechst_role;
  GtkDropDown       *draq7_role;
  GtkLabel          *problem;
  GtkButton         *cancel_button;
  GtkButton         *open_button;

  char              *path;
  LdaChannelsChosen  chosen;
  GObject           *user_data;
};

G_DEFINE_FINAL_TYPE (LdaChannelDialog, lda_channel_dialog, GTK_TYPE_WINDOW)

static GtkDropDown *
role (LdaChannelDialog *self,
      LdaInput          input)
{
  GtkDropDown *roles[LDA_N_INPUTS] = { self->bf_role, self->hoechst_role, self->draq7_role };

  return roles[input];
}

static void
check_roles (LdaChannelDialog *self)
{
  gboolean distinct = TRUE;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    for (guint k = i + 1; k < LDA_N_INPUTS; k++)
      if (gtk_drop_down_get_selected (role (self, i)) ==
          gtk_drop_down_get_selected (role (self, k)))
        distinct = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), distinct);
  gtk_label_set_text (self->problem, distinct ? "" : _("Each role needs a channel of its own."));
}

static void
on_selected (LdaChannelDialog *self)
{
  check_roles (self);
}

static void
on_open (LdaChannelDialog *self)
{
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->open_button)))
    return;
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    map.index[i] = gtk_drop_down_get_selected (role (self, i)) + 1;

  if (self->chosen != NULL)
    self->chosen (self->path, &map, self->user_data);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_cancel (LdaChannelDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A first answer: the channel a name suggests for each role, the others
 * in order among the channels left. */
static void
guess (const LdaStack *stack,
       guint          *chosen)
{
  g_autofree gboolean *taken = g_new0 (gboolean, stack->n_channels);
  gboolean found[LDA_N_INPUTS] = { FALSE, };

  for (guint c = 0; c < stack->n_channels; c++)
    {
      LdaInput named;

      if (lda_channel_name_input (stack->channels[c].name, &named) && !found[named])
        {
          chosen[named] = c;
          found[named] = TRUE;
          taken[c] = TRUE;
        }
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    for (guint c = 0; !found[i] && c < stack->n_channels; c++)
      if (!taken[c])
        {
          chosen[i] = c;
          found[i] = TRUE;
          taken[c] = TRUE;
        }
}

static void
lda_channel_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LDA_TYPE_CHANNEL_DIALOG);

  G_OBJECT_CLASS (lda_channel_dialog_parent_class)->dispose (object);
}

static void
lda_channel_dialog_finalize (GObject *object)
{
  LdaChannelDialog *self = LDA_CHANNEL_DIALOG (object);

  g_clear_object (&self->user_data);
  g_free (self->path);

  G_OBJECT_CLASS (lda_channel_dialog_parent_class)->finalize (object);
}

static void
lda_channel_dialog_class_init (LdaChannelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lda_channel_dialog_dispose;
  object_class->finalize = lda_channel_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-channel-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, heading);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, bf_role);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, hoechst_role);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, draq7_role);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, problem);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LdaChannelDialog, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_open);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
}

static void
lda_channel_dialog_init (LdaChannelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lda_channel_dialog_new:
 * @parent: (nullable): the window opening the file
 * @stack: the file, with at least three channels
 * @chosen: (nullable): called with the map if the person chooses Open
 * @user_data: (nullable): kept alive while asking
 *
 * Returns: (transfer none): the dialog, not yet shown; it destroys itself
 *   when answered
 */
LdaChannelDialog *
lda_channel_dialog_new (GtkWindow         *parent,
                        const LdaStack    *stack,
                        LdaChannelsChosen  chosen,
                        GObject           *user_data)
{
  LdaChannelDialog *self = g_object_new (LDA_TYPE_CHANNEL_DIALOG, NULL);
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *base = g_path_get_basename (stack->path);
  g_autofree char *heading = NULL;
  guint first[LDA_N_INPUTS] = { 0, 1, 2 };

  self->path = g_strdup (stack->path);
  self->chosen = chosen;
  self->user_data = user_data != NULL ? g_object_ref (user_data) : NULL;
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  for (guint c = 0; c < stack->n_channels; c++)
    {
      g_autofree char *item = stack->channels[c].name[0] != '\0'
                              ? g_strdup_printf (_("Channel %u: %s"), c + 1,
                                                 stack->channels[c].name)
                              : g_strdup_printf (_("Channel %u"), c + 1);

      gtk_string_list_append (items, item);
    }
  guess (stack, first);

  heading = g_strdup_printf (_("The channel names of %s (%s, %u channels) do not say which is "
                               "brightfield, Hoechst and Draq7. Choose them; the choice is "
                               "kept with the project."),
                             base, lda_stack_kind_name (stack->kind), stack->n_channels);
  gtk_label_set_text (self->heading, heading);

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      gtk_drop_down_set_model (role (self, i), G_LIST_MODEL (items));
      gtk_drop_down_set_selected (role (self, i), first[i]);
    }
  check_roles (self);

  return self;
}

/**
 * lda_channel_dialog_ask:
 * @parent: the window opening the file
 * @stack: the file, with at least three channels
 * @chosen: called with the map if the person chooses Open
 * @user_data: kept alive while asking
 */
void
lda_channel_dialog_ask (GtkWindow         *parent,
                        const LdaStack    *stack,
                        LdaChannelsChosen  chosen,
                        GObject           *user_data)
{
  gtk_window_present (GTK_WINDOW (lda_channel_dialog_new (parent, stack, chosen, user_data)));
}

/**
 * lda_channel_dialog_set_role:
 * @self: a dialog
 * @input: a role
 * @channel: the channel for it, from 0
 *
 * Chooses as the person would (for tests).
 */
void
lda_channel_dialog_set_role (LdaChannelDialog *self,
                             LdaInput          input,
                             guint             channel)
{
  gtk_drop_down_set_selected (role (self, input), channel);
}

/**
 * lda_channel_dialog_get_role:
 * @self: a dialog
 * @input: a role
 *
 * Returns: the channel chosen for @input, from 0
 */
guint
lda_channel_dialog_get_role (LdaChannelDialog *self,
                             LdaInput          input)
{
  return gtk_drop_down_get_selected (role (self, input));
}
