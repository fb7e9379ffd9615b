/* lda-message-bar.c — messages above the panes, each of its kind
 *
 * Information, warnings and errors look different, so that "Exported to
 * …" does not read as a problem.  Each message has a topic: a message
 * replaces the one of its topic, and a topic's message can be withdrawn
 * once it is no longer true (the frame that could not be opened is no
 * longer the one asked for) while the others stay.  The newest message
 * is shown; dismissing it shows the one before, if any is still there.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-message-bar.h"

typedef struct
{
  char           *topic;
  LdaMessageKind  kind;
  char           *text;
  char           *button;   /* nullable: a button that does something about it */
  char           *action;
  GVariant       *target;   /* nullable */
} Message;

struct _LdaMessageBar
{
  GtkWidget    parent_instance;

  GPtrArray   *messages;   /* of Message, oldest first */

  /* Template children */
  GtkRevealer *revealer;
  GtkWidget   *box;
  GtkImage    *icon;
  GtkLabel    *label;
  GtkButton   *action_button;
};

G_DEFINE_FINAL_TYPE (LdaMessageBar, lda_message_bar, GTK_TYPE_WIDGET)

static const struct
{
  const char *icon_name;
  const char *css_class;
} kinds[] = {
  [LDA_MESSAGE_INFO] = { "dialog-information-symbolic", "lda-info" },
  [LDA_MESSAGE_WARNING] = { "dialog-warning-symbolic", "lda-warning" },
  [LDA_MESSAGE_ERROR] = { "dialog-error-symbolic", "lda-error" },
};

static void
message_free (Message *message)
{
  g_free (message->topic);
  g_free (message->text);
  g_free (message->button);
  g_free (message->action);
  g_clear_pointer (&message->target, g_variant_unref);
  g_free (message);
}

static Message *
newest (LdaMessageBar *self)
{
  if (self->messages->len == 0)
    return NULL;

  return g_ptr_array_index (self->messages, self->messages->len - 1);
}

static void
update (LdaMessageBar *self)
{
  Message *message = newest (self);

  /* Hidden, the text stays for the closing slide. */
  if (message == NULL)
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    gtk_widget_remove_css_class (self->box, kinds[k].css_class);
  gtk_widget_add_css_class (self->box, kinds[message->kind].css_class);
  gtk_image_set_from_icon_name (self->icon, kinds[message->kind].icon_name);
  gtk_label_set_text (self->label, message->text);
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), message->button != NULL);
  /* The target first: an action named with the last message's target
   * (or none) would not match its parameter. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), NULL);
  if (message->button != NULL)
    {
      gtk_button_set_label (self->action_button, message->button);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->action_button),
                                              message->target);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), message->action);
    }
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static gboolean
remove_topic (LdaMessageBar *self,
              const char    *topic)
{
  for (guint i = 0; i < self->messages->len; i++)
    {
      Message *message = g_ptr_array_index (self->messages, i);

      if (g_strcmp0 (message->topic, topic) == 0)
        {
          g_ptr_array_remove_index (self->messages, i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
dismiss_clicked_cb (LdaMessageBar *self)
{
  if (self->messages->len > 0)
    g_ptr_array_set_size (self->messages, self->messages->len - 1);
  update (self);
}

static void
lda_message_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LDA_TYPE_MESSAGE_BAR);

  G_OBJECT_CLASS (lda_message_bar_parent_class)->dispose (object);
}

static void
lda_message_bar_finalize (GObject *object)
{
  LdaMessageBar *self = LDA_MESSAGE_BAR (object);

  g_clear_pointer (&self->messages, g_ptr_array_unref);

  G_OBJECT_CLASS (lda_message_bar_parent_class)->finalize (object);
}

static void
lda_message_bar_class_init (LdaMessageBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lda_message_bar_dispose;
  object_class->finalize = lda_message_bar_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/livedead/Annotator/lda-message-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LdaMessageBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, LdaMessageBar, box);
  gtk_widget_class_bind_template_child (widget_class, LdaMessageBar, icon);
  gtk_widget_class_bind_template_child (widget_class, LdaMessageBar, label);
  gtk_widget_class_bind_template_child (widget_class, LdaMessageBar, action_button);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "messagebar");
}

static void
lda_message_bar_init (LdaMessageBar *self)
{
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lda_message_bar_new (void)
{
  return g_object_new (LDA_TYPE_MESSAGE_BAR, NULL);
}

/**
 * lda_message_bar_post:
 * @self: a message bar
 * @topic: what the message is about; it replaces the message of the
 *   same topic
 * @kind: information, warning or error
 * @text: what to tell the person
 *
 * Shows @text, on top of the messages still standing.
 */
void
lda_message_bar_post (LdaMessageBar  *self,
                      const char     *topic,
                      LdaMessageKind  kind,
                      const char     *text)
{
  lda_message_bar_post_with_button (self, topic, kind, text, NULL, NULL, NULL);
}

/**
 * lda_message_bar_post_with_button:
 * @self: a message bar
 * @topic: as lda_message_bar_post()
 * @kind: as lda_message_bar_post()
 * @text: as lda_message_bar_post()
 * @button: (nullable): the label of a button beside the text, with a
 *   mnemonic
 * @action: (nullable): the action it activates, "win.…"
 * @target: (nullable) (transfer floating): the action's parameter
 *
 * As lda_message_bar_post(), with a button that does something about
 * the message, such as opening the folder an export went to.
 */
void
lda_message_bar_post_with_button (LdaMessageBar  *self,
                                  const char     *topic,
                                  LdaMessageKind  kind,
                                  const char     *text,
                                  const char     *button,
                                  const char     *action,
                                  GVariant       *target)
{
  g_autoptr(GVariant) sunk = target != NULL ? g_variant_ref_sink (target) : NULL;
  Message *message;

  g_return_if_fail (LDA_IS_MESSAGE_BAR (self));
  g_return_if_fail (topic != NULL);
  g_return_if_fail ((guint) kind < G_N_ELEMENTS (kinds));
  g_return_if_fail (text != NULL);
  g_return_if_fail ((button == NULL) == (action == NULL));

  remove_topic (self, topic);
  message = g_new0 (Message, 1);
  message->topic = g_strdup (topic);
  message->kind = kind;
  message->text = g_strdup (text);
  message->button = g_strdup (button);
  message->action = g_strdup (action);
  message->target = g_steal_pointer (&sunk);
  g_ptr_array_add (self->messages, message);
  update (self);
}

/**
 * lda_message_bar_withdraw:
 * @self: a message bar
 * @topic: a topic
 *
 * Removes the message of @topic, if there is one: the one before it is
 * shown again.
 */
void
lda_message_bar_withdraw (LdaMessageBar *self,
                          const char    *topic)
{
  g_return_if_fail (LDA_IS_MESSAGE_BAR (self));

  if (remove_topic (self, topic))
    update (self);
}

/* Removes every message. */
void
lda_message_bar_clear (LdaMessageBar *self)
{
  g_return_if_fail (LDA_IS_MESSAGE_BAR (self));

  g_ptr_array_set_size (self->messages, 0);
  update (self);
}

/* Returns: (nullable): the message shown, or %NULL when there is none */
const char *
lda_message_bar_get_text (LdaMessageBar *self)
{
  g_return_val_if_fail (LDA_IS_MESSAGE_BAR (self), NULL);

  return newest (self) != NULL ? newest (self)->text : NULL;
}

/* Returns: the kind of the message shown; %LDA_MESSAGE_INFO when none */
LdaMessageKind
lda_message_bar_get_kind (LdaMessageBar *self)
{
  g_return_val_if_fail (LDA_IS_MESSAGE_BAR (self), LDA_MESSAGE_INFO);

  return newest (self) != NULL ? newest (self)->kind : LDA_MESSAGE_INFO;
}
