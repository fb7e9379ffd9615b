/* lda-series.c — the frames of what is open
 *
 * A folder becomes a series of its triples (found by channel tags, as
 * `livedead batch` finds them), each page of a multi-page triple a frame of
 * its own.  Three files become one triple.  Frames share the series'
 * parameters unless they have their own.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-channel-store.h"
#include "lda-inputs.h"
#include "lda-layouts.h"
#include "lda-series.h"
#include "lda-time-store.h"

struct _LdaSeries
{
  char      *name;
  char      *folder;
  GPtrArray *triples;   /* LdaTriple */
  GArray    *frames;    /* LdaFrame */
  GPtrArray *problems;  /* one line each */
  LdaParams  params;
  GStrv      all_series; /* the wells or positions of the folder, or NULL */
  double     interval_hours; /* lda_series_set_interval(), 0 when not set */
};

static void apply_kept_interval (LdaSeries *self);

static void
frame_clear (gpointer data)
{
  LdaFrame *frame = data;

  g_free (frame->title);
}

static LdaSeries *
series_new (const char *name,
            const char *folder)
{
  LdaSeries *self = g_new0 (LdaSeries, 1);

  self->name = g_strdup (name);
  self->folder = g_strdup (folder);
  self->triples = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_triple_free);
  self->frames = g_array_new (FALSE, TRUE, sizeof (LdaFrame));
  g_array_set_clear_func (self->frames, frame_clear);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  lda_params_init (&self->params);

  return self;
}

/* Adds a frame per page of @triple; the series takes the triple. */
static gboolean
add_triple (LdaSeries  *self,
            LdaTriple  *triple,
            GError    **error)
{
  guint n_pages = 0;

  if (!lda_triple_probe (triple, &n_pages, error))
    {
      lda_triple_free (triple);
      return FALSE;
    }

  g_ptr_array_add (self->triples, triple);

  for (guint page = 0; page < n_pages; page++)
    {
      LdaFrame frame = { 0, };

      frame.triple = triple;
      frame.time_hours = lda_triple_page_hours (triple, page, n_pages);
      frame.has_file_time = isfinite (frame.time_hours);
      frame.pixel_size_um = triple->pixel_size_um;
      frame.page = page;
      if (n_pages > 1)
        {
          frame.time_index = page;
          /* As livedead batch and export name its files. */
          frame.title = g_strdup_printf ("%s_t%03u", triple->name, page);
        }
      else
        {
          frame.time_index = triple->time_index != LDA_NO_TIME_INDEX
                             ? triple->time_index : self->frames->len;
          frame.title = g_strdup (triple->name);
        }
      g_array_append_val (self->frames, frame);
    }

  return TRUE;
}

/**
 * lda_series_new_from_folder:
 * @folder: a folder of triples
 * @error: return location for an error
 *
 * Triples that cannot be used are listed by lda_series_get_problems();
 * the series fails only when the folder cannot be read or holds no usable
 * triple.
 *
 * Returns: (transfer full) (nullable): the series
 */
LdaSeries *
lda_series_new_from_folder (const char  *folder,
                            GError     **error)
{
  return lda_series_new_from_folder_full (folder, NULL, NULL, error);
}

static gboolean
any_usable (GPtrArray *triples)
{
  for (guint i = 0; i < triples->len; i++)
    if (((const LdaTriple *) g_ptr_array_index (triples, i))->problem == NULL)
      return TRUE;

  return FALSE;
}

/* The distinct series (wells, positions) of @triples, in order, or NULL
 * when there are fewer than two. */
static GStrv
list_series (GPtrArray *triples)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *last = NULL;
  guint n = 0;

  for (guint i = 0; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      if (triple->series != NULL && g_strcmp0 (last, triple->series) != 0)
        {
          g_strv_builder_add (builder, triple->series);
          last = triple->series;
          n++;
        }
    }

  return n > 1 ? g_strv_builder_end (builder) : NULL;
}

/**
 * lda_series_new_from_folder_full:
 * @folder: a folder of triples, or of a layout lda_triples_find_mapped()
 *   reads
 * @series: (nullable): the well or position to open, when the folder holds
 *   several; %NULL for the first
 * @map: (nullable): which channel is which, when names do not say
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the series
 */
LdaSeries *
lda_series_new_from_folder_full (const char           *folder,
                                 const char           *series,
                                 const LdaChannelMap  *map,
                                 GError              **error)
{
  g_autoptr(GPtrArray) triples = NULL;
  g_autoptr(LdaSeries) self = NULL;
  g_autofree char *name = g_path_get_basename (folder);
  g_auto(GStrv) all_series = NULL;
  g_auto(LdaChannelMap) kept = { { 0, }, { NULL, } };

  if (map == NULL || !lda_channel_map_is_set (map))
    {
      g_autofree char *here = g_build_filename (folder, ".", NULL);

      /* A map the person gave before for this folder's layout. */
      if (lda_channel_store_load (here, &kept, NULL))
        map = &kept;
    }

  triples = lda_triples_find_mapped (folder, map, error);
  if (triples == NULL)
    return NULL;

  all_series = list_series (triples);
  if (series != NULL && any_usable (triples) && (all_series == NULL || !g_strv_contains ((const char * const *) all_series,
                                                                 series)))
    {
      g_autofree char *listed = all_series != NULL ? g_strjoinv (", ", all_series) : NULL;

      g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
                   listed != NULL ? _("%s: holds no series “%s”; it holds %s")
                                  : _("%s: holds no series “%s”; it holds one series"),
                   folder, series, listed);
      return NULL;
    }
  if (all_series != NULL)
    {
      const char *chosen = series != NULL ? series : all_series[0];
      g_autofree char *full = g_strdup_printf ("%s %s", name, chosen);

      /* Keep only the chosen well or position. */
      for (guint i = triples->len; i > 0; i--)
        {
          LdaTriple *triple = g_ptr_array_index (triples, i - 1);

          if (g_strcmp0 (triple->series, chosen) != 0)
            g_ptr_array_remove_index (triples, i - 1);
        }
      g_free (name);
      name = g_steal_pointer (&full);
    }

  self = series_new (name, folder);
  self->all_series = g_steal_pointer (&all_series);

  for (guint i = 0; i < triples->len; i++)
    {
      LdaTriple *triple = g_ptr_array_index (triples, i);
      g_autoptr(GError) local_error = NULL;

      if (triple->problem != NULL)
        {
          g_ptr_array_add (self->problems,
                           g_strdup_printf ("%s: %s", triple->name, triple->problem));
          continue;
        }

      g_ptr_array_index (triples, i) = NULL;
      if (!add_triple (self, triple, &local_error))
        g_ptr_array_add (self->problems, g_strdup (local_error->message));
    }

  if (self->frames->len == 0)
    {
      g_auto(GStrv) channels = lda_layouts_channel_names (folder);

      if (self->problems->len > 0)
        /* An Incucyte or Micro-Manager folder whose channels need a map. */
        g_set_error (error, LDA_ERROR,
                     channels != NULL && (map == NULL || !lda_channel_map_is_set (map))
                     ? LDA_ERROR_CHANNELS : LDA_ERROR_NO_TRIPLES,
                     _("%s: no usable triple (%s)"),
                     folder, (const char *) g_ptr_array_index (self->problems, 0));
      else if (!lda_layouts_has_tiffs (folder))
        g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
                     _("%s: no TIFF images in this folder (.tif or .tiff files)"), folder);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_NO_TRIPLES,
                     _("%s: no triples found; file names need a channel tag such as "
                     "_bf, _hoechst and _draq7"), folder);
      return NULL;
    }

  apply_kept_interval (self);
  return g_steal_pointer (&self);
}

/**
 * lda_series_new_from_files:
 * @paths: (array length=n_paths): three image files, or one
 * @n_paths: 3 or 1
 * @error: return location for an error
 *
 * lda_series_new_from_files_mapped() without a channel map.
 *
 * Returns: (transfer full) (nullable): the series
 */
LdaSeries *
lda_series_new_from_files (const char * const *paths,
                           guint               n_paths,
                           GError            **error)
{
  return lda_series_new_from_files_mapped (paths, n_paths, NULL, error);
}

/* The series (images, positions) of an OME-TIFF that describes several,
 * for the window's chooser, which opens each from the file's folder. */
static GStrv
file_series (const char          *path,
             const LdaChannelMap *map)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_images = 1;

  for (guint image = 0; image < n_images; image++)
    {
      g_autoptr(LdaTriple) triple = lda_triple_new_from_file_image (path, image, map, NULL,
                                                                    &n_images);

      if (triple != NULL && triple->series != NULL)
        g_strv_builder_add (builder, triple->series);
    }

  return g_strv_builder_end (builder);
}

/**
 * lda_series_new_from_files_mapped:
 * @paths: (array length=n_paths): three image files, or one
 * @n_paths: 3 or 1
 * @map: (nullable): which channel of a multi-channel file is which
 * @error: return location for an error
 *
 * Three files are a triple, their channels told by their names' tags as
 * lda_triple_from_paths() does.  One multi-channel file (an ImageJ
 * hyperstack, an OME-TIFF) is a series of its time points; one file of a
 * single channel whose name has a channel tag opens the series of its
 * folder, which has the files of the other channels beside it.
 *
 * Returns: (transfer full) (nullable): the series; %NULL with
 *   %LDA_ERROR_CHANNELS when a file's channels cannot be assigned
 */
LdaSeries *
lda_series_new_from_files_mapped (const char * const  *paths,
                                  guint                n_paths,
                                  const LdaChannelMap *map,
                                  GError             **error)
{
  g_autoptr(LdaSeries) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  LdaTriple *triple;

  triple = lda_triple_from_paths (paths, n_paths, map, &local_error);
  if (triple == NULL && n_paths == 1 &&
      g_error_matches (local_error, LDA_ERROR, LDA_ERROR_NO_TRIPLES))
    {
      g_autofree char *base = g_path_get_basename (paths[0]);
      g_autofree char *name = NULL;
      LdaInput input;

      if (lda_channel_tag_parse (base, &input, &name))
        {
          g_autofree char *dir = g_path_get_dirname (paths[0]);

          return lda_series_new_from_folder (dir, error);
        }
    }
  if (triple == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  folder = g_path_get_dirname (triple->paths[0]);
  self = series_new (triple->name, folder);
  if (n_paths == 1 && triple->series != NULL)
    self->all_series = file_series (paths[0], map);

  if (!add_triple (self, triple, error))
    return NULL;

  apply_kept_interval (self);
  return g_steal_pointer (&self);
}

/**
 * lda_series_copy:
 * @self: a series
 *
 * A copy shares nothing with @self: a worker thread may read it (to save
 * the project, to export) while the person goes on changing @self.
 *
 * Returns: (transfer full): a copy of the series, its parameters, frame
 *   states, overrides and counts
 */
/* Appends copies of @from's triples, frames and problems to @to; with
 * @own_params, each frame takes @from's parameters as its own, as the
 * frames of a joined series must. */
static void
append_copies (LdaSeries *to,
               LdaSeries *from,
               gboolean   own_params)
{
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);
  const guint first = to->triples->len;

  for (guint i = 0; i < from->triples->len; i++)
    {
      LdaTriple *triple = g_ptr_array_index (from->triples, i);

      g_ptr_array_add (to->triples, lda_triple_copy (triple));
      g_hash_table_insert (index, triple, GUINT_TO_POINTER (first + i));
    }
  for (guint i = 0; i < from->frames->len; i++)
    {
      LdaFrame frame = g_array_index (from->frames, LdaFrame, i);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (index, frame.triple));

      frame.triple = g_ptr_array_index (to->triples, t);
      frame.title = g_strdup (frame.title);
      if (own_params && !frame.has_override)
        {
          frame.has_override = TRUE;
          frame.override = from->params;
        }
      g_array_append_val (to->frames, frame);
    }
  for (guint i = 0; i < from->problems->len; i++)
    g_ptr_array_add (to->problems, g_strdup (g_ptr_array_index (from->problems, i)));
}

LdaSeries *
lda_series_copy (LdaSeries *self)
{
  LdaSeries *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = series_new (self->name, self->folder);
  copy->params = self->params;
  copy->interval_hours = self->interval_hours;
  copy->all_series = g_strdupv (self->all_series);
  append_copies (copy, self, FALSE);

  return copy;
}

/**
 * lda_series_join:
 * @parts: (array length=n_parts): series, such as the wells or positions
 *   of one folder
 * @n_parts: how many, one at least
 * @name: the joined series' name
 *
 * One series of all the frames of @parts, in their order, for an export
 * of them all into one dataset: each frame keeps the parameters, times,
 * counts and states it has in its part (the part's parameters become the
 * frame's own), and the frames of a well or position stay one
 * dead-fraction curve (lda_series_curves()).  Shares nothing with @parts.
 *
 * Returns: (transfer full): the joined series
 */
LdaSeries *
lda_series_join (LdaSeries * const *parts,
                 guint              n_parts,
                 const char        *name)
{
  LdaSeries *joined;

  g_return_val_if_fail (n_parts > 0, NULL);

  joined = series_new (name, parts[0]->folder);
  joined->params = parts[0]->params;
  for (guint k = 0; k < n_parts; k++)
    append_copies (joined, parts[k], TRUE);

  return joined;
}

/**
 * lda_series_get_notes:
 * @self: a series
 *
 * Warnings about the series' triples that did not stop them being read
 * (#LdaTriple.note), each once.
 *
 * Returns: (transfer full): the warnings, maybe none
 */
GStrv
lda_series_get_notes (LdaSeries *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (self->triples, i);

      if (triple->note != NULL && g_hash_table_add (seen, triple->note))
        g_strv_builder_add (builder, triple->note);
    }

  return g_strv_builder_end (builder);
}

void
lda_series_free (LdaSeries *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->frames);
  g_ptr_array_unref (self->triples);
  g_ptr_array_unref (self->problems);
  g_strfreev (self->all_series);
  g_free (self->name);
  g_free (self->folder);
  g_free (self);
}

const char *
lda_series_get_name (LdaSeries *self)
{
  return self->name;
}

const char *
lda_series_get_folder (LdaSeries *self)
{
  return self->folder;
}

guint
lda_series_get_n_frames (LdaSeries *self)
{
  return self->frames->len;
}

/**
 * lda_series_get_frame:
 * @self: a series
 * @index: a frame index
 *
 * Returns: (transfer none): the frame
 */
LdaFrame *
lda_series_get_frame (LdaSeries *self,
                      guint      index)
{
  g_return_val_if_fail (index < self->frames->len, NULL);

  return &g_array_index (self->frames, LdaFrame, index);
}

/**
 * lda_series_frame_is_page:
 * @self: a series
 * @index: a frame index
 *
 * Whether the frame is a page of a multi-page triple: the pages of a
 * triple are frames one after another.
 *
 * Returns: %TRUE for a page of a triple of several
 */
gboolean
lda_series_frame_is_page (LdaSeries *self,
                          guint      index)
{
  const LdaFrame *f = lda_series_get_frame (self, index);

  return f->page > 0 ||
         (index + 1 < self->frames->len &&
          g_array_index (self->frames, LdaFrame, index + 1).triple == f->triple);
}

/**
 * lda_series_get_all_series:
 * @self: a series
 *
 * Returns: (transfer none) (nullable): the wells or positions of the folder
 *   the series was opened from, when it holds more than one
 */
const char * const *
lda_series_get_all_series (LdaSeries *self)
{
  return (const char * const *) self->all_series;
}

/**
 * lda_series_get_problems:
 * @self: a series
 *
 * Returns: (transfer none) (element-type utf8): one line for each triple of
 *   the folder that could not be used
 */
GPtrArray *
lda_series_get_problems (LdaSeries *self)
{
  return self->problems;
}

const LdaParams *
lda_series_get_params (LdaSeries *self)
{
  return &self->params;
}

void
lda_series_set_params (LdaSeries       *self,
                       const LdaParams *params)
{
  self->params = *params;
}

/**
 * lda_series_get_frame_params:
 * @self: a series
 * @index: a frame index
 *
 * Returns: the parameters that apply to the frame: its own if it has an
 *   override, else the series'
 */
const LdaParams *
lda_series_get_frame_params (LdaSeries *self,
                             guint      index)
{
  LdaFrame *frame = lda_series_get_frame (self, index);

  return frame->has_override ? &frame->override : &self->params;
}

/**
 * lda_series_set_frame_override:
 * @self: a series
 * @index: a frame index
 * @params: (nullable): the frame's own parameters, or %NULL to go back to
 *   the series'
 */
void
lda_series_set_frame_override (LdaSeries       *self,
                               guint            index,
                               const LdaParams *params)
{
  LdaFrame *frame = lda_series_get_frame (self, index);

  frame->has_override = params != NULL;
  if (params != NULL)
    frame->override = *params;
}

void
lda_series_set_frame_counts (LdaSeries       *self,
                             guint            index,
                             const LdaCounts *counts)
{
  LdaFrame *frame = lda_series_get_frame (self, index);

  frame->has_counts = counts != NULL;
  if (counts != NULL)
    {
      frame->live = counts->live;
      frame->dead = counts->dead;
      frame->dead_fraction = counts->dead_fraction;
    }
}

/**
 * lda_frame_state_name:
 * @state: a frame state
 *
 * Returns: "automatic", "edited" or "exported"
 */
const char *
lda_frame_state_name (LdaFrameState state)
{
  switch (state)
    {
    case LDA_FRAME_AUTOMATIC:
      return "automatic";
    case LDA_FRAME_EDITED:
      return "edited";
    case LDA_FRAME_EXPORTED:
      return "exported";
    default:
      return "";
    }
}

/**
 * lda_series_set_interval:
 * @self: a series
 * @hours: the time between frames, in hours
 *
 * Frames whose files do not say when they were taken are placed at their
 * time index × @hours.
 */
void
lda_series_set_interval (LdaSeries *self,
                         double     hours)
{
  for (guint i = 0; i < self->frames->len; i++)
    {
      LdaFrame *frame = &g_array_index (self->frames, LdaFrame, i);

      if (!frame->has_file_time)
        frame->time_hours = hours > 0.0 ? frame->time_index * hours : NAN;
    }
  self->interval_hours = hours > 0.0 ? hours : 0.0;
}

/**
 * lda_series_get_interval:
 * @self: a series
 *
 * Returns: the time between frames set with lda_series_set_interval() (or
 *   kept with the project), 0 when none
 */
double
lda_series_get_interval (LdaSeries *self)
{
  return self->interval_hours;
}

/**
 * lda_series_has_untimed_frames:
 * @self: a series
 *
 * Returns: %TRUE if some frame's files do not say when it was taken
 */
gboolean
lda_series_has_untimed_frames (LdaSeries *self)
{
  for (guint i = 0; i < self->frames->len; i++)
    if (!g_array_index (self->frames, LdaFrame, i).has_file_time)
      return TRUE;

  return FALSE;
}

/* The interval the person gave for this series in the window, kept with
 * the project (lda-time-store.c); a damaged store is left alone. */
static void
apply_kept_interval (LdaSeries *self)
{
  double hours = 0.0;

  if (lda_series_has_untimed_frames (self) &&
      lda_time_store_load (self->folder, self->name, &hours, NULL))
    lda_series_set_interval (self, hours);
}
