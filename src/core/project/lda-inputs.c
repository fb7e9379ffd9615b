/* lda-inputs.c — the files a person names, made into a triple
 *
 * The command (livedead segment) and the window's Open take the same
 * files the same way:
 *
 *   - one file: an ImageJ hyperstack or OME-TIFF of three channels or
 *     more, its channels assigned by a channel map, by the one kept for it
 *     in the project (lda-channel-store.c) or by their names;
 *   - three files: when each name carries a different channel tag, the
 *     tags say which is which, whatever the order (a shell glob sorts
 *     _bf, _draq7, _hoechst); otherwise they are brightfield, Hoechst and
 *     Draq7 in that order, and a tag that says otherwise is an error.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-channel-store.h"
#include "lda-error.h"
#include "lda-inputs.h"
#include "lda-stack.h"

static const char * const input_names[LDA_N_INPUTS] = {
  N_("brightfield"), N_("Hoechst"), N_("Draq7"),
};

/**
 * lda_triple_new_from_file:
 * @path: one TIFF file
 * @map: (nullable): which channel is which, when the channels' names do
 *   not say
 * @error: return location for an error
 *
 * A triple of the channels of one multi-channel file (an ImageJ hyperstack
 * or an OME-TIFF, lda_stack_open()).  A file of one channel fails with
 * %LDA_ERROR_NO_TRIPLES, one whose channels cannot be assigned with
 * %LDA_ERROR_CHANNELS (lda_stack_assign()).
 *
 * Returns: (transfer full) (nullable): the triple
 */
LdaTriple *
lda_triple_new_from_file (const char           *path,
                          const LdaChannelMap  *map,
                          GError              **error)
{
  return lda_triple_new_from_file_image (path, G_MAXUINT, map, error, NULL);
}

/**
 * lda_triple_new_from_file_image:
 * @path: one TIFF file
 * @image: the image (position) of an OME-TIFF that describes several,
 *   from 0; %G_MAXUINT for the one the file holds
 * @map: (nullable): which channel is which
 * @error: return location for an error
 * @n_images: (out) (optional): how many images the file describes (set
 *   when the file could be read, even if the triple fails)
 *
 * As lda_triple_new_from_file(); an image of several is a series of its
 * own, named by the image (#LdaTriple.series), and its triple's name
 * carries the series' name.
 *
 * Returns: (transfer full) (nullable): the triple
 */
LdaTriple *
lda_triple_new_from_file_image (const char           *path,
                                guint                 image,
                                const LdaChannelMap  *map,
                                GError              **error,
                                guint                *n_images)
{
  g_autoptr(LdaStack) stack = NULL;
  g_autofree char *base = NULL;
  guint channels[LDA_N_INPUTS];
  LdaTriple *self;
  char *dot;

  stack = lda_stack_open_image (path, image, error);
  if (stack == NULL)
    return NULL;
  if (n_images != NULL)
    *n_images = stack->n_images;

  if (stack->n_channels < LDA_N_INPUTS)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: holds %u channel; open it with the files of the other "
                                "channels (brightfield, Hoechst, Draq7)",
                                "%s: holds %u channels; open it with the files of the other "
                                "channels (brightfield, Hoechst, Draq7)",
                                stack->n_channels),
                   path, stack->n_channels);
      return NULL;
    }

  if (!lda_stack_assign (stack, map, channels, error))
    return NULL;

  self = g_new0 (LdaTriple, 1);
  base = g_path_get_basename (path);
  /* "A1.ome.tif" is the triple "A1". */
  if (g_str_has_suffix (base, ".ome.tif") || g_str_has_suffix (base, ".ome.tiff"))
    *strstr (base, ".ome.tif") = '\0';
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  if (stack->image_name != NULL)
    {
      self->name = g_strdup_printf ("%s_%s", base, stack->image_name);
      self->series = g_strdup (stack->image_name);
    }
  else
    self->name = g_strdup (base);
  self->time_index = LDA_NO_TIME_INDEX;
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      const LdaStackChannel *channel = &stack->channels[channels[i]];

      self->paths[i] = g_strdup (channel->path);
      self->first_page[i] = channel->first_page;
      self->page_stride[i] = channel->stride;
    }
  self->n_frames = stack->n_frames;
  self->interval_hours = stack->interval_hours;
  self->pixel_size_um = stack->pixel_size_um;
  self->stack_kind = (int) stack->kind;

  return self;
}

static LdaTriple *
from_three (const char * const  *paths,
            GError             **error)
{
  const char *ordered[LDA_N_INPUTS] = { NULL, };
  gboolean tagged[LDA_N_INPUTS] = { FALSE, };
  LdaInput inputs[LDA_N_INPUTS];
  gboolean all_tagged = TRUE;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *name = NULL;

      tagged[i] = lda_channel_tag_parse (base, &inputs[i], &name);
      if (!tagged[i] || ordered[inputs[i]] != NULL)
        all_tagged = FALSE;
      else
        ordered[inputs[i]] = paths[i];
    }

  if (all_tagged)
    return lda_triple_new (ordered[0], ordered[1], ordered[2]);

  /* By position; a tag must then agree with it. */
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    if (tagged[i] && inputs[i] != (LdaInput) i)
      {
        g_set_error (error, LDA_ERROR, LDA_ERROR_CHANNELS,
                     /* Translators: "%s: named as a Draq7 image, but given as the
                      * brightfield image (position 1)" */
                     _("%s: named as a %s image, but given as the %s image (position %u); "
                     "give three files with different channel tags, or name the roles "
                     "with --bf, --hoechst and --draq7"),
                     paths[i], _(input_names[inputs[i]]), _(input_names[i]), i + 1);
        return NULL;
      }

  return lda_triple_new (paths[0], paths[1], paths[2]);
}

/**
 * lda_triple_from_paths:
 * @paths: (array length=n_paths): one multi-channel file or three files
 * @n_paths: 1 or 3
 * @map: (nullable): which channel of a multi-channel file is which
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the triple; %NULL with
 *   %LDA_ERROR_CHANNELS when the roles cannot be told or contradict each
 *   other
 */
LdaTriple *
lda_triple_from_paths (const char * const  *paths,
                       guint                n_paths,
                       const LdaChannelMap *map,
                       GError             **error)
{
  if (n_paths == 1)
    {
      g_auto(LdaChannelMap) kept = { { 0, }, { NULL, } };

      /* A map the person gave before for this file, kept with the project. */
      if ((map == NULL || !lda_channel_map_is_set (map)) &&
          lda_channel_store_load (paths[0], &kept, NULL))
        return lda_triple_new_from_file (paths[0], &kept, error);

      return lda_triple_new_from_file (paths[0], map, error);
    }

  if (n_paths == LDA_N_INPUTS)
    return from_three (paths, error);

  g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
               g_dngettext (GETTEXT_PACKAGE,
                            "open three images (brightfield, Hoechst, Draq7), one "
                            "multi-channel file or a folder; got %u file",
                            "open three images (brightfield, Hoechst, Draq7), one "
                            "multi-channel file or a folder; got %u files",
                            n_paths),
               n_paths);
  return NULL;
}
