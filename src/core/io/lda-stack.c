/* lda-stack.c — what one TIFF file holds: channels × time points
 *
 * A file is one of:
 *
 *   - an ImageJ hyperstack: its ImageDescription starts with "ImageJ=" and
 *     says channels=, frames=; pages are channel fastest, then slice, then
 *     frame;
 *   - an OME-TIFF: its ImageDescription is OME-XML, whose Pixels say the
 *     sizes and the dimension order and whose TiffData say which page (of
 *     which file of the set) holds which plane;
 *   - a plain TIFF: one channel, a time point per page.
 *
 * Z stacks with several channels are refused: which slice to count is
 * not ours to guess.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-error.h"
#include "lda-imagej.h"
#include "lda-imagej-labels.h"
#include "lda-ome.h"
#include "lda-stack.h"
#include "lda-tiff.h"
#include "lda-tiff-meta.h"

/* Inch-based resolutions of screens and printers (72, 96, 300 dpi) are
 * written by tools that know nothing of the sample: a pixel larger than
 * this is taken as no calibration. */
#define MAX_INCH_PIXEL_UM 50.0

void
lda_stack_free (LdaStack *self)
{
  if (self == NULL)
    return;

  for (guint c = 0; c < self->n_channels; c++)
    {
      g_free (self->channels[c].path);
      g_free (self->channels[c].name);
    }
  g_free (self->channels);
  g_free (self->path);
  g_free (self->image_name);
  g_free (self);
}

/**
 * lda_stack_kind_name:
 * @kind: a kind of file
 *
 * Returns: its name for people
 */
const char *
lda_stack_kind_name (LdaStackKind kind)
{
  switch (kind)
    {
    case LDA_STACK_IMAGEJ:
      return _("ImageJ hyperstack");
    case LDA_STACK_OME:
      return _("OME-TIFF");
    case LDA_STACK_FOLDER:
      return _("Incucyte or Micro-Manager folder");
    case LDA_STACK_PLAIN:
    default:
      return _("TIFF");
    }
}

/**
 * lda_stack_new_for_folder:
 * @folder: an Incucyte or Micro-Manager folder
 * @names: its channels' names (lda_layouts_channel_names())
 *
 * Returns: (transfer full): the folder's channels, for asking which is
 *   which; it holds no pages
 */
LdaStack *
lda_stack_new_for_folder (const char         *folder,
                          const char * const *names)
{
  guint n = g_strv_length ((char **) names);
  LdaStack *self = g_new0 (LdaStack, 1);

  self->kind = LDA_STACK_FOLDER;
  self->path = g_strdup (folder);
  self->n_channels = n;
  self->channels = g_new0 (LdaStackChannel, n);
  for (guint c = 0; c < n; c++)
    {
      self->channels[c].path = g_strdup (folder);
      self->channels[c].name = g_strdup (names[c]);
    }

  return self;
}

static LdaStack *
stack_new (const char   *path,
           LdaStackKind  kind,
           guint         n_channels,
           guint         n_frames)
{
  LdaStack *self = g_new0 (LdaStack, 1);

  self->kind = kind;
  self->path = g_strdup (path);
  self->n_channels = n_channels;
  self->n_frames = n_frames;
  self->channels = g_new0 (LdaStackChannel, n_channels);
  self->n_images = 1;

  return self;
}

static gboolean
check_pages (const char  *path,
             guint        needed,
             guint        n_pages,
             const char  *kind,
             GError     **error)
{
  if (n_pages >= needed)
    return TRUE;

  g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
               /* Translators: the second %s is "ImageJ hyperstack" or "OME-TIFF" */
               _("%s: its %s metadata announce %u pages, but the file has only %u; the "
               "file is truncated or its metadata are wrong"),
               path, kind, needed, n_pages);
  return FALSE;
}

static gboolean
refuse_z (const char  *path,
          guint        n_slices,
          GError     **error)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
               _("%s: holds %u z slices per channel; make one image per channel first "
               "(in Fiji: Image ▸ Stacks ▸ Z Project…)"), path, n_slices);
  return FALSE;
}

/* Names the channels of a hyperstack by ImageJ's slice labels, the label
 * of each channel's first page ("DAPI", "c:1/3 - Cy5"); a channel without
 * a label keeps no name. */
static gboolean
name_imagej_channels (LdaStack          *self,
                      const LdaTiffMeta *meta,
                      GError           **error)
{
  g_auto(GStrv) labels = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_labels;

  if (meta->ij_data == NULL)
    return TRUE;

  labels = lda_imagej_labels (meta->ij_data, meta->ij_data_len, meta->ij_counts,
                              meta->n_ij_counts, meta->big_endian, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", self->path);
      return FALSE;
    }

  n_labels = labels != NULL ? g_strv_length (labels) : 0;
  for (guint c = 0; c < self->n_channels; c++)
    if (self->channels[c].first_page < n_labels)
      {
        g_free (self->channels[c].name);
        self->channels[c].name = g_strdup (labels[self->channels[c].first_page]);
      }

  return TRUE;
}

static LdaStack *
open_imagej (const char        *path,
             const LdaTiffMeta *meta,
             GError           **error)
{
  LdaImageJInfo info;
  LdaStack *self;

  if (!lda_imagej_parse (meta->description, meta->description_len, &info, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (!info.is_imagej)
    return NULL;

  if (info.channels == 1 && info.frames == 1)
    {
      /* A plain stack: a time point per page, as for any TIFF. */
      self = stack_new (path, LDA_STACK_IMAGEJ, 1, meta->n_pages);
      self->channels[0].path = g_strdup (path);
      self->channels[0].name = g_strdup ("");
      self->channels[0].stride = 1;
    }
  else
    {
      if (info.slices > 1 && info.channels > 1)
        {
          refuse_z (path, info.slices, error);
          return NULL;
        }
      if (!check_pages (path, info.images, meta->n_pages, lda_stack_kind_name (LDA_STACK_IMAGEJ),
                        error))
        return NULL;
      self = stack_new (path, LDA_STACK_IMAGEJ, info.channels,
                        info.frames * (info.channels == 1 ? info.slices : 1));
      for (guint c = 0; c < info.channels; c++)
        {
          self->channels[c].path = g_strdup (path);
          self->channels[c].name = g_strdup ("");
          self->channels[c].first_page = c;
          self->channels[c].stride = info.channels * (info.channels == 1 ? 1 : info.slices);
        }
      if (info.channels > 1 && !name_imagej_channels (self, meta, error))
        {
          lda_stack_free (self);
          return NULL;
        }
    }

  self->interval_hours = info.finterval_hours;
  /* ImageJ keeps "unit=inch" and the 72 dpi of files that were never
   * calibrated: no calibration either. */
  if (info.unit_um > 0.0 && meta->x_resolution > 0.0 &&
      (info.unit_um < 25400.0 || info.unit_um / meta->x_resolution <= MAX_INCH_PIXEL_UM))
    self->pixel_size_um = info.unit_um / meta->x_resolution;

  return self;
}

/* The image of an OME set that this file holds: the one whose TiffData
 * name it, else the first. */
static guint
choose_ome_image (GPtrArray  *images,
                  const char *basename)
{
  for (guint i = 0; i < images->len; i++)
    {
      const LdaOmeImage *image = g_ptr_array_index (images, i);

      for (guint k = 0; k < image->tiff_data->len; k++)
        {
          const char *file = g_array_index (image->tiff_data, LdaOmeTiffData, k).file;

          if (file != NULL && strcmp (file, basename) == 0)
            return i;
        }
    }

  return 0;
}

/* An image's name as a series: its Name when it has one that no other
 * image has, else "Image<n>". */
static char *
ome_series_name (GPtrArray *images,
                 guint      index)
{
  const LdaOmeImage *image = g_ptr_array_index (images, index);
  gboolean unique = image->name != NULL && image->name[0] != '\0' &&
                    strchr (image->name, '/') == NULL;

  for (guint i = 0; unique && i < images->len; i++)
    if (i != index &&
        g_strcmp0 (((const LdaOmeImage *) g_ptr_array_index (images, i))->name, image->name) == 0)
      unique = FALSE;

  return unique ? g_strdup (image->name) : g_strdup_printf ("Image%u", index);
}

/* The path of @file, a name in an OME set, beside @path; the name may not
 * leave that folder. */
static char *
ome_sibling (const char  *path,
             const char  *file,
             GError     **error)
{
  g_autofree char *dir = NULL;

  if (file == NULL)
    return g_strdup (path);
  if (file[0] == '\0' || strchr (file, '/') != NULL || strcmp (file, "..") == 0 ||
      strcmp (file, ".") == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: its OME-XML names the file “%s”, which is not a file beside it"),
                   path, file);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  return g_build_filename (dir, file, NULL);
}

static gboolean
locate_channel (const char        *path,
                const LdaOmeImage *image,
                guint              c,
                guint              n_pages,
                LdaStackChannel   *channel,
                GError           **error)
{
  const char *file = NULL, *last_file = NULL;
  guint first = 0, next = 0, last = 0, pages = n_pages;
  guint t_last = image->size_t - 1;

  if (!lda_ome_image_locate (image, c, 0, &file, &first, error) ||
      (image->size_t > 1 && !lda_ome_image_locate (image, c, 1, &last_file, &next, error)) ||
      !lda_ome_image_locate (image, c, t_last, &last_file, &last, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  channel->stride = image->size_t > 1 && next > first ? next - first : 1;
  if (g_strcmp0 (file, last_file) != 0 ||
      (guint64) first + (guint64) t_last * channel->stride != last)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
                   _("%s: the time points of channel %u are spread over the pages in a "
                   "way this program does not read; save the data again as one file "
                   "(in Fiji: Bio-Formats, then File ▸ Save As ▸ OME-TIFF)"), path, c + 1);
      return FALSE;
    }

  channel->path = ome_sibling (path, file, error);
  if (channel->path == NULL)
    return FALSE;
  channel->first_page = first;
  channel->name = g_strdup (image->channel_names[c]);

  if (strcmp (channel->path, path) != 0 &&
      !lda_tiff_count_pages (channel->path, &pages, error))
    return FALSE;

  return check_pages (channel->path, last + 1, pages, lda_stack_kind_name (LDA_STACK_OME),
                      error);
}

static LdaStack *
open_ome (const char        *path,
          const LdaTiffMeta *meta,
          guint              want,
          GError           **error)
{
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(LdaStack) self = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  const LdaOmeImage *image;
  guint index;

  images = lda_ome_parse (meta->description, meta->description_len, error);
  if (images == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (want == G_MAXUINT)
    index = choose_ome_image (images, basename);
  else if (want < images->len)
    index = want;
  else
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND,
                   _("%s: has no image %u; its OME-XML describes %u"),
                   path, want + 1, images->len);
      return NULL;
    }
  image = g_ptr_array_index (images, index);
  if (image->size_z > 1)
    {
      refuse_z (path, image->size_z, error);
      return NULL;
    }

  self = stack_new (path, LDA_STACK_OME, image->size_c, image->size_t);
  self->interval_hours = image->time_increment_hours;
  self->pixel_size_um = image->pixel_size_um;
  self->n_images = images->len;
  self->image = index;
  if (images->len > 1)
    self->image_name = ome_series_name (images, index);

  for (guint c = 0; c < image->size_c; c++)
    if (!locate_channel (path, image, c, meta->n_pages, &self->channels[c], error))
      return NULL;

  return g_steal_pointer (&self);
}

static gboolean
is_ome_xml (const LdaTiffMeta *meta)
{
  const char *text = meta->description;
  gsize len = meta->description_len;

  while (len > 0 && g_ascii_isspace (*text))
    text++, len--;

  return len > 5 && text[0] == '<' &&
         (g_strstr_len (text, MIN (len, 4096), "<OME") != NULL ||
          g_strstr_len (text, MIN (len, 4096), ":OME") != NULL);
}

/**
 * lda_stack_open:
 * @path: a TIFF file
 * @error: return location for an error
 *
 * Reads what @path holds from its metadata, decoding no pixels.
 * Malformed metadata (bad XML, counts that do not match, pages missing)
 * fail with %LDA_ERROR_CORRUPT, layouts that cannot be read (z stacks of
 * several channels) with %LDA_ERROR_UNSUPPORTED; every message starts with
 * the file's name.
 *
 * Returns: (transfer full) (nullable): what the file holds
 */
LdaStack *
lda_stack_open (const char  *path,
                GError     **error)
{
  return lda_stack_open_image (path, G_MAXUINT, error);
}

/**
 * lda_stack_open_image:
 * @path: a TIFF file
 * @image: for an OME-TIFF that describes several images (positions), the
 *   one to open, from 0; %G_MAXUINT for the one the file holds (or the
 *   first)
 * @error: return location for an error
 *
 * As lda_stack_open(); #LdaStack.n_images says how many images there are.
 *
 * Returns: (transfer full) (nullable): what the file holds
 */
LdaStack *
lda_stack_open_image (const char  *path,
                      guint        image,
                      GError     **error)
{
  g_auto(LdaTiffMeta) meta = { 0, };
  g_autoptr(GError) local_error = NULL;
  LdaStack *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!lda_tiff_read_meta (path, &meta, error))
    return NULL;

  if (meta.description != NULL)
    {
      self = is_ome_xml (&meta) ? open_ome (path, &meta, image, &local_error)
                                : open_imagej (path, &meta, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (self != NULL)
        return self;
    }

  self = stack_new (path, LDA_STACK_PLAIN, 1, meta.n_pages);
  self->channels[0].path = g_strdup (path);
  self->channels[0].name = g_strdup ("");
  self->channels[0].stride = 1;
  if (meta.x_resolution > 0.0 && meta.resolution_unit_um > 0.0)
    {
      double size = meta.resolution_unit_um / meta.x_resolution;

      if (meta.resolution_unit_um < 25400.0 || size <= MAX_INCH_PIXEL_UM)
        self->pixel_size_um = size;
    }

  return self;
}
