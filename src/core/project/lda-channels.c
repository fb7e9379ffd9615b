/* lda-channels.c — which channel of a file is brightfield, Hoechst, Draq7
 *
 * A word names a channel when it is one of these tags (case does not
 * matter), or one added by the parameter file's [channels] group:
 *
 *   brightfield  bf, brightfield, bright, phase, trans, transmitted, dic,
 *                tl
 *   Hoechst      hoechst, dapi
 *   Draq7        draq7, cy5, pi, propidium, sytox, to-pro-3, topro3
 *
 * File names are split into words at "_", "-", "." and spaces; a
 * channel's name in a file's metadata ("DAPI", "TO-PRO-3") is matched
 * whole first, then word by word.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "lda-channels.h"
#include "lda-error.h"
#include "lda-key-file.h"

typedef struct
{
  const char *tag;
  LdaInput    input;
} ChannelTag;

static const ChannelTag builtin_tags[] = {
  { "bf", LDA_INPUT_BRIGHTFIELD },
  { "brightfield", LDA_INPUT_BRIGHTFIELD },
  { "bright", LDA_INPUT_BRIGHTFIELD },
  { "phase", LDA_INPUT_BRIGHTFIELD },
  { "trans", LDA_INPUT_BRIGHTFIELD },
  { "transmitted", LDA_INPUT_BRIGHTFIELD },
  { "dic", LDA_INPUT_BRIGHTFIELD },
  { "tl", LDA_INPUT_BRIGHTFIELD },
  { "hoechst", LDA_INPUT_HOECHST },
  { "dapi", LDA_INPUT_HOECHST },
  { "draq7", LDA_INPUT_DRAQ7 },
  { "cy5", LDA_INPUT_DRAQ7 },
  { "pi", LDA_INPUT_DRAQ7 },
  { "propidium", LDA_INPUT_DRAQ7 },
  { "sytox", LDA_INPUT_DRAQ7 },
  { "to-pro-3", LDA_INPUT_DRAQ7 },
  { "topro3", LDA_INPUT_DRAQ7 },
};

static const char * const input_keys[LDA_N_INPUTS] = { "bf", "hoechst", "draq7" };

/* Tags added by the parameter file, per input; guarded because the
 * window's worker threads look tags up. */
static GMutex extra_lock;
static GStrv extra_tags[LDA_N_INPUTS];

/**
 * lda_input_key:
 * @input: an input
 *
 * Returns: "bf", "hoechst" or "draq7", as --channels and the project write
 */
const char *
lda_input_key (LdaInput input)
{
  g_return_val_if_fail (input < LDA_N_INPUTS, "");

  return input_keys[input];
}

/**
 * lda_channel_tags_set_extra:
 * @input: an input
 * @tags: (nullable): more tags for it, besides the built-in ones
 */
void
lda_channel_tags_set_extra (LdaInput            input,
                            const char * const *tags)
{
  g_return_if_fail (input < LDA_N_INPUTS);

  g_mutex_lock (&extra_lock);
  g_strfreev (extra_tags[input]);
  extra_tags[input] = g_strdupv ((char **) tags);
  g_mutex_unlock (&extra_lock);
}

/**
 * lda_channel_tag_lookup:
 * @word: a word of a name, not necessarily nul-terminated
 * @len: its length
 * @input: (out): the channel it names
 *
 * Returns: %TRUE if @word is a channel tag
 */
gboolean
lda_channel_tag_lookup (const char *word,
                        gsize       len,
                        LdaInput   *input)
{
  gboolean found = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (builtin_tags); t++)
    if (len == strlen (builtin_tags[t].tag) &&
        g_ascii_strncasecmp (word, builtin_tags[t].tag, len) == 0)
      {
        *input = builtin_tags[t].input;
        return TRUE;
      }

  g_mutex_lock (&extra_lock);
  for (guint i = 0; i < LDA_N_INPUTS && !found; i++)
    for (guint k = 0; extra_tags[i] != NULL && extra_tags[i][k] != NULL && !found; k++)
      if (len == strlen (extra_tags[i][k]) &&
          g_ascii_strncasecmp (word, extra_tags[i][k], len) == 0)
        {
          *input = (LdaInput) i;
          found = TRUE;
        }
  g_mutex_unlock (&extra_lock);

  return found;
}

static gboolean
is_separator (char c)
{
  return c == '_' || c == '-' || c == '.' || c == ' ';
}

/**
 * lda_channel_name_input:
 * @name: a channel's name from a file's metadata, e.g. "DAPI" or "Cy5 647"
 * @input: (out): the channel it names
 *
 * Returns: %TRUE if @name, whole or one of its words, is a tag of exactly
 *   one input
 */
gboolean
lda_channel_name_input (const char *name,
                        LdaInput   *input)
{
  gsize len = strlen (name);
  gboolean found = FALSE;

  if (lda_channel_tag_lookup (name, len, input))
    return TRUE;

  for (gsize i = 0; i < len;)
    {
      gsize j = i;
      LdaInput word_input;

      while (j < len && !is_separator (name[j]))
        j++;
      if (j > i && lda_channel_tag_lookup (name + i, j - i, &word_input))
        {
          if (found && word_input != *input)
            return FALSE;
          found = TRUE;
          *input = word_input;
        }
      i = j + 1;
    }

  return found;
}

void
lda_channel_map_clear (LdaChannelMap *map)
{
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_clear_pointer (&map->name[i], g_free);
      map->index[i] = 0;
    }
}

gboolean
lda_channel_map_is_set (const LdaChannelMap *map)
{
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    if (map->index[i] != 0 || map->name[i] != NULL)
      return TRUE;

  return FALSE;
}

/**
 * lda_channel_map_parse:
 * @text: "bf=1,hoechst=2,draq7=3"; a value is a channel number from 1 or
 *   a channel name or tag
 * @map: (out caller-allocates): what it says; cleared first
 * @error: return location for an error
 *
 * Returns: %TRUE if @text gives each of bf, hoechst and draq7 once
 */
gboolean
lda_channel_map_parse (const char     *text,
                       LdaChannelMap  *map,
                       GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  gboolean seen[LDA_N_INPUTS] = { FALSE, };

  lda_channel_map_clear (map);

  for (guint p = 0; parts[p] != NULL; p++)
    {
      char *eq = strchr (parts[p], '=');
      const char *key, *value;
      guint i;

      if (eq == NULL)
        goto bad;
      *eq = '\0';
      key = g_strstrip (parts[p]);
      value = g_strstrip (eq + 1);
      for (i = 0; i < LDA_N_INPUTS; i++)
        if (g_ascii_strcasecmp (key, input_keys[i]) == 0)
          break;
      if (i == LDA_N_INPUTS || seen[i] || value[0] == '\0')
        goto bad;
      seen[i] = TRUE;

      if (g_ascii_isdigit (value[0]))
        {
          char *end = NULL;
          guint64 v;

          errno = 0;
          v = g_ascii_strtoull (value, &end, 10);
          if (*end != '\0' || errno != 0 || v == 0 || v > 1024)
            goto bad;
          map->index[i] = (guint) v;
        }
      else
        map->name[i] = g_strdup (value);
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    if (!seen[i])
      goto bad;

  return TRUE;

bad:
  lda_channel_map_clear (map);
  g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
               _("“%s” does not map the channels; write it as bf=1,hoechst=2,draq7=3 "
               "(channel numbers from 1, or channel names)"), text);
  return FALSE;
}

/**
 * lda_channel_map_to_string:
 * @map: a map
 *
 * Returns: (transfer full): the map as lda_channel_map_parse() reads it
 */
char *
lda_channel_map_to_string (const LdaChannelMap *map)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      if (map->name[i] != NULL)
        g_string_append_printf (text, "%s=%s", input_keys[i], map->name[i]);
      else
        g_string_append_printf (text, "%s=%u", input_keys[i], map->index[i]);
    }

  return g_string_free (text, FALSE);
}

static gboolean
find_named (const LdaStack *stack,
            const char     *name,
            guint          *channel)
{
  LdaInput want, got;
  gboolean tag = lda_channel_name_input (name, &want);

  for (guint c = 0; c < stack->n_channels; c++)
    if (g_ascii_strcasecmp (stack->channels[c].name, name) == 0)
      {
        *channel = c;
        return TRUE;
      }
  for (guint c = 0; tag && c < stack->n_channels; c++)
    if (lda_channel_name_input (stack->channels[c].name, &got) && got == want)
      {
        *channel = c;
        return TRUE;
      }

  return FALSE;
}

static char *
describe_channels (const LdaStack *stack)
{
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < stack->n_channels; c++)
    {
      if (c > 0)
        g_string_append (text, ", ");
      if (stack->channels[c].name[0] != '\0')
        g_string_append_printf (text, "%u “%s”", c + 1, stack->channels[c].name);
      else
        g_string_append_printf (text, "%u", c + 1);
    }

  return g_string_free (text, FALSE);
}

/**
 * lda_stack_assign:
 * @stack: a file of several channels
 * @map: (nullable): what the person said; %NULL or empty to assign by the
 *   channels' names
 * @channels: (out caller-allocates) (array fixed-size=3): per #LdaInput,
 *   the channel, from 0
 * @error: return location for an error
 *
 * Without a map, each channel's name must name one input and each input
 * be named once; otherwise this fails with %LDA_ERROR_CHANNELS, and the
 * message says how to give the map.
 *
 * Returns: %TRUE if every input has a channel of its own
 */
gboolean
lda_stack_assign (const LdaStack      *stack,
                  const LdaChannelMap *map,
                  guint               *channels,
                  GError             **error)
{
  g_autofree char *listed = describe_channels (stack);

  if (map != NULL && lda_channel_map_is_set (map))
    {
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        {
          if (map->name[i] != NULL ? !find_named (stack, map->name[i], &channels[i])
                                   : map->index[i] > stack->n_channels)
            {
              g_autofree char *given = map->name[i] != NULL ? g_strdup (map->name[i])
                                       : g_strdup_printf ("%u", map->index[i]);

              g_set_error (error, LDA_ERROR, LDA_ERROR_CHANNELS,
                           _("%s: has no channel %s for %s; its channels are %s"),
                           stack->path, given, input_keys[i], listed);
              return FALSE;
            }
          if (map->name[i] == NULL)
            channels[i] = map->index[i] - 1;
        }
    }
  else
    {
      gboolean seen[LDA_N_INPUTS] = { FALSE, };

      for (guint c = 0; c < stack->n_channels; c++)
        {
          LdaInput input;

          if (!lda_channel_name_input (stack->channels[c].name, &input))
            continue;
          if (seen[input])
            {
              seen[input] = FALSE;
              break;
            }
          seen[input] = TRUE;
          channels[input] = c;
        }

      for (guint i = 0; i < LDA_N_INPUTS; i++)
        if (!seen[i])
          {
            g_set_error (error, LDA_ERROR, LDA_ERROR_CHANNELS,
                         _("%s: %s with channels %s; their names do not say which is "
                         "brightfield, Hoechst and Draq7; give them as "
                         "--channels bf=N,hoechst=N,draq7=N"),
                         stack->path, lda_stack_kind_name (stack->kind), listed);
            return FALSE;
          }
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    for (guint k = i + 1; k < LDA_N_INPUTS; k++)
      if (channels[i] == channels[k])
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CHANNELS,
                       _("%s: channel %u is given for both %s and %s"),
                       stack->path, channels[i] + 1, input_keys[i], input_keys[k]);
          return FALSE;
        }

  return TRUE;
}

/**
 * lda_channel_tags_load:
 * @path: a parameter file
 * @error: return location for an error
 *
 * Reads the parameter file's [channels] group, more tags per channel as
 * lists, e.g.
 *
 *   [channels]
 *   bf=ph2;
 *   hoechst=nuc;h33342
 *   draq7=dead;
 *
 * and adds them to the built-in ones (lda_channel_tags_set_extra()).  A
 * file without the group changes nothing.
 *
 * Returns: %FALSE if the file cannot be read or the group has a key other
 *   than bf, hoechst and draq7; the message names @path
 */
gboolean
lda_channel_tags_load (const char  *path,
                       GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_auto(GStrv) names = NULL;

  if (!lda_key_file_load (keys, path, LDA_READ_FOLLOW_LINKS, LDA_ERROR_INVALID_PARAMS, error))
    return FALSE;
  if (!g_key_file_has_group (keys, LDA_CHANNELS_GROUP))
    return TRUE;

  names = g_key_file_get_keys (keys, LDA_CHANNELS_GROUP, NULL, NULL);
  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    {
      guint i;

      for (i = 0; i < LDA_N_INPUTS; i++)
        if (strcmp (names[k], input_keys[i]) == 0)
          break;
      if (i == LDA_N_INPUTS)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("%s: [%s] has no key “%s”; the keys are bf, hoechst and draq7, "
                       "each a list of channel tags"), path, LDA_CHANNELS_GROUP, names[k]);
          return FALSE;
        }
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_auto(GStrv) tags = g_key_file_get_string_list (keys, LDA_CHANNELS_GROUP, input_keys[i],
                                                       NULL, NULL);

      for (guint t = 0; tags != NULL && tags[t] != NULL; t++)
        g_strstrip (tags[t]);
      lda_channel_tags_set_extra ((LdaInput) i, (const char * const *) tags);
    }

  return TRUE;
}
