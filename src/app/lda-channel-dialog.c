/* lda-channel-dialog.c — asking which channel of a file is which
 *
 * Shown when an ImageJ hyperstack or OME-TIFF is opened whose channel
 * names do not say which is brightfield, Hoechst and Draq7: a drop-down
 * per role listing the file's channels (number and name), Cancel and
 * Open.  Open is refused while two roles have the same channel.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-channel-dialog.h"

typedef struct
{
  GtkWindow         *dialog;
  GtkDropDown       *roles[LDA_N_INPUTS];
  GtkWidget         *open_button;
  GtkLabel          *problem;
  char              *path;
  LdaChannelsChosen  chosen;
  GObject           *user_data;
} Asking;

static const char * const role_titles[LDA_N_INPUTS] = {
  N_("_Brightfield"), N_("_Hoechst (all nuclei)"), N_("_Draq7 (dead nuclei)"),
};

static void
asking_free (gpointer data)
{
  Asking *a = data;

  g_clear_object (&a->user_data);
  g_free (a->path);
  g_free (a);
}

static void
check_roles (Asking *a)
{
  gboolean distinct = TRUE;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    for (guint k = i + 1; k < LDA_N_INPUTS; k++)
      if (gtk_drop_down_get_selected (a->roles[i]) == gtk_drop_down_get_selected (a->roles[k]))
        distinct = FALSE;

  gtk_widget_set_sensitive (a->open_button, distinct);
  gtk_label_set_text (a->problem, distinct ? "" : _("Each role needs a channel of its own."));
}

static void
on_selected (GObject    *drop_down,
             GParamSpec *pspec,
             Asking     *a)
{
  (void) drop_down;
  (void) pspec;
  check_roles (a);
}

static void
on_open (GtkButton *button,
         Asking    *a)
{
  g_auto(LdaChannelMap) map = { { 0, }, { NULL, } };

  (void) button;
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    map.index[i] = gtk_drop_down_get_selected (a->roles[i]) + 1;

  a->chosen (a->path, &map, a->user_data);
  gtk_window_destroy (a->dialog);
}

static void
on_cancel (GtkButton *button,
           Asking    *a)
{
  (void) button;
  gtk_window_destroy (a->dialog);
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
  Asking *a = g_new0 (Asking, 1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = g_path_get_basename (stack->path);
  g_autofree char *heading = NULL;
  GtkWidget *box, *grid, *label, *buttons, *cancel;
  guint first[LDA_N_INPUTS] = { 0, 1, 2 };

  a->path = g_strdup (stack->path);
  a->chosen = chosen;
  a->user_data = g_object_ref (user_data);

  for (guint c = 0; c < stack->n_channels; c++)
    g_ptr_array_add (items, stack->channels[c].name[0] != '\0'
                            ? g_strdup_printf (_("Channel %u: %s"), c + 1, stack->channels[c].name)
                            : g_strdup_printf (_("Channel %u"), c + 1));
  g_ptr_array_add (items, NULL);
  guess (stack, first);

  a->dialog = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (a->dialog, _("Which Channel Is Which?"));
  gtk_window_set_transient_for (a->dialog, parent);
  gtk_window_set_modal (a->dialog, TRUE);
  gtk_window_set_destroy_with_parent (a->dialog, TRUE);
  gtk_window_set_resizable (a->dialog, FALSE);
  g_object_set_data_full (G_OBJECT (a->dialog), "lda-asking", a, asking_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_window_set_child (a->dialog, box);

  heading = g_strdup_printf (_("The channel names of %s (%s, %u channels) do not say which is "
                               "brightfield, Hoechst and Draq7. Choose them; the choice is "
                               "kept with the project."),
                             base, lda_stack_kind_name (stack->kind), stack->n_channels);
  label = gtk_label_new (heading);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_box_append (GTK_BOX (box), label);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (box), grid);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      label = gtk_label_new_with_mnemonic (_(role_titles[i]));
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      a->roles[i] = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *)
                                                                   items->pdata));
      gtk_drop_down_set_selected (a->roles[i], first[i]);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (a->roles[i]));
      gtk_widget_set_hexpand (GTK_WIDGET (a->roles[i]), TRUE);
      g_signal_connect (a->roles[i], "notify::selected", G_CALLBACK (on_selected), a);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (a->roles[i]), 1, (int) i, 1, 1);
    }

  a->problem = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (a->problem), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (a->problem));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  a->open_button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_add_css_class (a->open_button, "suggested-action");
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel), a);
  g_signal_connect (a->open_button, "clicked", G_CALLBACK (on_open), a);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), a->open_button);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_default_widget (a->dialog, a->open_button);

  check_roles (a);
  gtk_window_present (a->dialog);
}
