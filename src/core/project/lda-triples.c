/* lda-triples.c — finding the triples of a folder by channel tags
 *
 * A file belongs to a channel when a part of its name, split at "_", "-",
 * "." and spaces, is one of the channel tags (lda-channels.c; case does
 * not matter).
 *
 * The rest of the name, with the tag taken out, names the triple:
 * well3_t04_bf.tif, well3_t04_hoechst.tif and well3_t04_draq7.tif are the
 * triple "well3_t04".  Only .tif and .tiff files are looked at.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-channels.h"
#include "lda-error.h"
#include "lda-layouts.h"
#include "lda-memory.h"
#include "lda-stack.h"
#include "lda-tiff.h"
#include "lda-triple-fields.h"
#include "lda-triples.h"

static const char * const input_titles[LDA_N_INPUTS] = {
  N_("brightfield (bf, phase, dic, …)"), N_("Hoechst (hoechst, dapi)"),
  N_("Draq7 (draq7, cy5, pi, sytox, …)"),
};

static gboolean
has_tiff_extension (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name &&
         (g_ascii_strcasecmp (dot, ".tif") == 0 || g_ascii_strcasecmp (dot, ".tiff") == 0);
}

/**
 * lda_channel_tag_parse:
 * @basename: a file name without folder, e.g. "well3_t04_bf.tif"
 * @input: (out): the channel its tag names
 * @name: (out) (transfer full): the triple's name, e.g. "well3_t04"
 *
 * When several parts are tags, the last one counts.
 *
 * Returns: %TRUE if @basename is a TIFF name with a channel tag
 */
gboolean
lda_channel_tag_parse (const char  *basename,
                       LdaInput    *input,
                       char       **name)
{
  g_autofree char *stem = NULL;
  const char *dot;
  gsize len, tag_start = 0, tag_end = 0;
  gboolean found = FALSE;
  GString *rest;

  if (!has_tiff_extension (basename))
    return FALSE;

  dot = strrchr (basename, '.');
  stem = g_strndup (basename, (gsize) (dot - basename));
  len = strlen (stem);

  for (gsize i = 0; i < len;)
    {
      gsize j = i;

      while (j < len && !lda_name_is_separator (stem[j]))
        j++;

      if (j > i && lda_channel_tag_lookup (stem + i, j - i, input))
        {
          found = TRUE;
          tag_start = i;
          tag_end = j;
        }

      i = j + 1;
    }

  if (!found)
    return FALSE;

  /* Take the tag out with one separator next to it. */
  rest = g_string_new_len (stem, (gssize) tag_start);
  if (rest->len > 0 && lda_name_is_separator (rest->str[rest->len - 1]))
    g_string_truncate (rest, rest->len - 1);
  else if (tag_end < len && lda_name_is_separator (stem[tag_end]))
    tag_end++;
  g_string_append (rest, stem + tag_end);

  *name = g_string_free (rest, FALSE);
  return TRUE;
}

/**
 * lda_natural_compare:
 * @a: a name
 * @b: another name
 *
 * Orders names with runs of digits compared by value, so that t2 comes
 * before t10.  Ties are broken byte by byte, so the order is total.
 * Other bytes compare as unsigned values (ASCII letters without case), so
 * the order is the same on every machine.
 *
 * Returns: negative, 0 or positive
 */
int
lda_natural_compare (const char *a,
                     const char *b)
{
  /* Unsigned: char is signed on x86-64 and unsigned on aarch64, and the
   * order of frames must not depend on the machine.  As unsigned bytes,
   * UTF-8 names sort by code point, after every ASCII character. */
  const guchar *pa = (const guchar *) a, *pb = (const guchar *) b;

  while (*pa && *pb)
    {
      if (g_ascii_isdigit (*pa) && g_ascii_isdigit (*pb))
        {
          const guchar *ea = pa, *eb = pb;
          gsize la, lb;

          while (*pa == '0' && g_ascii_isdigit (pa[1]))
            pa++;
          while (*pb == '0' && g_ascii_isdigit (pb[1]))
            pb++;
          for (ea = pa; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = pb; g_ascii_isdigit (*eb); eb++)
            ;
          la = (gsize) (ea - pa);
          lb = (gsize) (eb - pb);
          if (la != lb)
            return la < lb ? -1 : 1;
          for (gsize i = 0; i < la; i++)
            if (pa[i] != pb[i])
              return pa[i] < pb[i] ? -1 : 1;
          pa = ea;
          pb = eb;
        }
      else
        {
          int ca = (guchar) g_ascii_tolower ((char) *pa);
          int cb = (guchar) g_ascii_tolower ((char) *pb);

          if (ca != cb)
            return ca < cb ? -1 : 1;
          pa++;
          pb++;
        }
    }

  if (*pa || *pb)
    return *pa ? 1 : -1;

  return strcmp (a, b);
}

static int
compare_triples (gconstpointer a,
                 gconstpointer b)
{
  const LdaTriple *ta = *(const LdaTriple * const *) a;
  const LdaTriple *tb = *(const LdaTriple * const *) b;
  int by_series = lda_natural_compare (ta->series != NULL ? ta->series : "",
                                       tb->series != NULL ? tb->series : "");

  /* Frames in time order within a well or position, not by file name. */
  if (by_series != 0)
    return by_series;
  if (ta->has_time && tb->has_time && ta->time_hours != tb->time_hours)
    return ta->time_hours < tb->time_hours ? -1 : 1;
  return lda_natural_compare (ta->name, tb->name);
}

/* Files named by their channel only (bf.tif, hoechst.tif, draq7.tif)
 * leave the triple no name of its own: it takes its folder's, so that its
 * masks are not "_labels.tif" and its row of counts.csv says which. */
static void
named_by_folder (char       **name,
                 const char  *path)
{
  g_autofree char *folder = NULL;
  g_autofree char *real = NULL;

  if ((*name)[0] != '\0')
    return;
  folder = g_path_get_dirname (path);
  real = g_canonicalize_filename (folder, NULL);
  g_free (*name);
  *name = g_path_get_basename (real);
  /* The root has no name either. */
  if (strcmp (*name, G_DIR_SEPARATOR_S) == 0 || strcmp (*name, ".") == 0)
    {
      g_free (*name);
      *name = g_strdup ("frame");
    }
}

/**
 * lda_triple_new:
 * @bf: the brightfield file
 * @hoechst: the Hoechst file
 * @draq7: the Draq7 file
 *
 * A triple given file by file; its name is the brightfield file's name
 * without tag and extension.
 *
 * Returns: (transfer full): the triple
 */
LdaTriple *
lda_triple_new (const char *bf,
                const char *hoechst,
                const char *draq7)
{
  LdaTriple *self = g_new0 (LdaTriple, 1);
  g_autofree char *base = g_path_get_basename (bf);
  LdaInput input;

  if (!lda_channel_tag_parse (base, &input, &self->name))
    {
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      self->name = g_strdup (base);
    }
  named_by_folder (&self->name, bf);
  self->paths[LDA_INPUT_BRIGHTFIELD] = g_strdup (bf);
  self->paths[LDA_INPUT_HOECHST] = g_strdup (hoechst);
  self->paths[LDA_INPUT_DRAQ7] = g_strdup (draq7);
  self->time_index = lda_triple_name_time (self->name, NULL, NULL);

  return self;
}

/**
 * lda_triple_page:
 * @self: a triple
 * @input: one of its channels
 * @frame: a time point, from 0
 *
 * Returns: the page of @input's file that holds @frame
 */
guint
lda_triple_page (const LdaTriple *self,
                 LdaInput         input,
                 guint            frame)
{
  guint stride = MAX (self->page_stride[input], 1u);

  return self->first_page[input] + frame * stride;
}

/**
 * lda_triple_copy:
 * @self: a triple
 *
 * Returns: (transfer full): a copy, its name and time index included
 */
LdaTriple *
lda_triple_copy (const LdaTriple *self)
{
  LdaTriple *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LdaTriple, 1);
  copy->name = g_strdup (self->name);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    copy->paths[i] = g_strdup (self->paths[i]);
  copy->time_index = self->time_index;
  copy->problem = g_strdup (self->problem);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      copy->first_page[i] = self->first_page[i];
      copy->page_stride[i] = self->page_stride[i];
    }
  copy->n_frames = self->n_frames;
  copy->interval_hours = self->interval_hours;
  copy->pixel_size_um = self->pixel_size_um;
  copy->stack_kind = self->stack_kind;
  copy->series = g_strdup (self->series);
  copy->has_time = self->has_time;
  copy->time_hours = self->time_hours;
  copy->note = g_strdup (self->note);

  return copy;
}

/**
 * lda_triple_page_hours:
 * @self: a triple
 * @page: one of its pages (time points), from 0
 * @n_pages: how many it has
 *
 * When @page was taken, for the series, the counts and the plots alike:
 * the triple's own time, plus the interval between time points for each
 * page of a multi-page triple.
 *
 * Returns: the time in hours, or NAN when the files do not say it
 */
double
lda_triple_page_hours (const LdaTriple *self,
                       guint            page,
                       guint            n_pages)
{
  g_return_val_if_fail (self != NULL, NAN);

  if (n_pages > 1 && self->interval_hours > 0.0)
    return (self->has_time ? self->time_hours : 0.0) + self->interval_hours * page;
  return self->has_time ? self->time_hours : NAN;
}

void
lda_triple_free (LdaTriple *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->problem);
  g_free (self->note);
  g_free (self->series);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_free (self->paths[i]);
  g_free (self);
}

/* A triple whose name has no time index gets its place in its series (a
 * well, a position, or the folder), so that every reader of the folder
 * (batch, export, the window) gives it the same time index. */
static void
number_untimed (GPtrArray *triples)
{
  const char *series = NULL;
  guint place = 0;

  for (guint i = 0; i < triples->len; i++)
    {
      LdaTriple *triple = g_ptr_array_index (triples, i);

      if (i == 0 || g_strcmp0 (series, triple->series) != 0)
        place = 0;
      series = triple->series;
      if (triple->time_index == LDA_NO_TIME_INDEX && triple->problem == NULL)
        triple->time_index = place;
      place++;
    }
}

/**
 * lda_triples_find:
 * @folder: a folder
 * @error: return location for an error
 *
 * Finds the triples in @folder (not in its subfolders), in natural order of
 * their names.  Incomplete or ambiguous ones are listed too, with their
 * @problem set, so that a caller can report them in order.
 *
 * Returns: (transfer full) (element-type LdaTriple) (nullable): the
 *   triples, possibly none; %NULL if @folder cannot be read
 */
GPtrArray *
lda_triples_find (const char  *folder,
                  GError     **error)
{
  return lda_triples_find_mapped (folder, NULL, error);
}

/**
 * lda_triples_find_mapped:
 * @folder: a folder
 * @map: (nullable): which channel is which, for layouts whose names do not
 *   say it (Incucyte colour folders, Micro-Manager 2.0 channel numbers,
 *   multi-channel files without channel names)
 * @error: return location for an error
 *
 * lda_triples_find(), and the triples of the other layouts
 * (lda_layouts_find()): multi-channel files, Incucyte and Micro-Manager
 * folders.
 *
 * Returns: (transfer full) (element-type LdaTriple) (nullable): the
 *   triples, possibly none; %NULL if @folder cannot be read
 */
GPtrArray *
lda_triples_find_mapped (const char           *folder,
                         const LdaChannelMap  *map,
                         GError              **error)
{
  guint n_tagged;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) result = NULL;
  const char *entry;
  GHashTableIter iter;
  gpointer value;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      gboolean missing = g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      const char *reason = missing ? _("no such folder")
                         : g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR)
                         ? _("not a folder")
                         : g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
                         ? _("permission denied") : local_error->message;

      g_set_error (error, LDA_ERROR, missing ? LDA_ERROR_NOT_FOUND : LDA_ERROR_READ,
                   _("%s: cannot open folder: %s"), folder, reason);
      return NULL;
    }

  /* name (case-folded) → LdaTriple being filled */
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_triple_free);

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      g_autofree char *path = NULL;
      LdaTriple *triple;
      LdaInput input;

      if (!lda_channel_tag_parse (entry, &input, &name))
        continue;

      path = g_build_filename (folder, entry, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;

      named_by_folder (&name, path);
      key = g_ascii_strdown (name, -1);
      triple = g_hash_table_lookup (groups, key);
      if (triple == NULL)
        {
          triple = g_new0 (LdaTriple, 1);
          triple->name = g_strdup (name);
          triple->time_index = lda_triple_name_time (name, NULL, NULL);
          g_hash_table_insert (groups, g_strdup (key), triple);
          g_ptr_array_add (result, triple);
        }

      if (triple->paths[input] != NULL)
        {
          g_autofree char *other = g_path_get_basename (triple->paths[input]);
          const char *first = strcmp (other, entry) < 0 ? other : entry;
          const char *second = strcmp (other, entry) < 0 ? entry : other;

          if (triple->problem == NULL)
            triple->problem = g_strdup_printf (_("two %s images, %s and %s; rename or move one"),
                                               _(input_titles[input]), first, second);
          continue;
        }
      triple->paths[input] = g_steal_pointer (&path);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LdaTriple *triple = value;

      g_autoptr(GString) missing = NULL;

      if (triple->problem != NULL)
        continue;

      for (guint i = 0; i < LDA_N_INPUTS; i++)
        if (triple->paths[i] == NULL)
          {
            if (missing == NULL)
              missing = g_string_new (_(input_titles[i]));
            else
              g_string_append_printf (missing, _(" or %s"), _(input_titles[i]));
          }
      if (missing != NULL)
        triple->problem = g_strdup_printf (_("no %s image beside it"), missing->str);
    }

  n_tagged = result->len;
  lda_layouts_find (folder, map, result);
  lda_layouts_drop_tagged (result, n_tagged);
  g_ptr_array_sort (result, compare_triples);
  number_untimed (result);

  return g_steal_pointer (&result);
}

/* A file of several channels is never read as one channel of three files:
 * its pages would be taken for time points. */
static gboolean
check_one_channel (const LdaTriple *self,
                   const LdaStack  *stack,
                   GError         **error)
{
  if (self->n_frames > 0 || stack->n_channels == 1)
    return TRUE;

  g_set_error (error, LDA_ERROR, LDA_ERROR_UNSUPPORTED,
               _("%s: this %s holds %u channels, so it cannot be one channel of a triple; "
               "open it alone (livedead segment FILE, with --channels if its channel names "
               "do not say which is which)"),
               stack->path, lda_stack_kind_name (stack->kind), stack->n_channels);
  return FALSE;
}

/**
 * lda_triple_count_pages:
 * @self: a triple
 * @n_pages: (out): its number of time points
 * @error: return location for an error
 *
 * A multi-page file holds a time series, a page per time point; the three
 * files must have the same number of pages.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_triple_count_pages (const LdaTriple *self,
                        guint           *n_pages,
                        GError         **error)
{
  guint counts[LDA_N_INPUTS];

  if (self->n_frames > 0)
    {
      *n_pages = self->n_frames;
      return TRUE;
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_autoptr(LdaStack) stack = lda_stack_open (self->paths[i], error);

      if (stack == NULL)
        return FALSE;
      if (!check_one_channel (self, stack, error))
        return FALSE;
      counts[i] = stack->n_frames;
    }

  for (guint i = 1; i < LDA_N_INPUTS; i++)
    if (counts[i] != counts[0])
      {
        g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
                     _("%s: %u pages, but %s has %u; the three files of a time "
                     "series need one page per time point each"),
                     self->paths[i], counts[i], self->paths[0], counts[0]);
        return FALSE;
      }

  *n_pages = counts[0];
  return TRUE;
}

/**
 * lda_triple_probe:
 * @self: a triple
 * @n_pages: (out): its number of time points
 * @error: return location for an error
 *
 * lda_triple_count_pages(), and for a triple of single-channel files also
 * takes its pixel size from the brightfield file's calibration.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_triple_probe (LdaTriple  *self,
                  guint      *n_pages,
                  GError    **error)
{
  if (self->n_frames == 0)
    {
      g_autoptr(LdaStack) stack = lda_stack_open (self->paths[LDA_INPUT_BRIGHTFIELD], error);

      if (stack == NULL)
        return FALSE;
      self->pixel_size_um = stack->pixel_size_um;
      if (self->interval_hours <= 0.0)
        self->interval_hours = stack->interval_hours;
    }

  return lda_triple_count_pages (self, n_pages, error);
}

static void
set_size_mismatch (GError          **error,
                   const LdaTriple  *self,
                   guint             i,
                   guint             width,
                   guint             height,
                   guint             first_width,
                   guint             first_height)
{
  g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
               _("%s: %u × %u pixels, but %s is %u × %u; the three images "
               "of a triple must have the same size"),
               self->paths[i], width, height, self->paths[0], first_width, first_height);
}

/* Reads only the three images' headers: checks that they are images the
 * core takes, that their sizes agree and that a frame of that size fits in
 * the memory there is at @bytes_per_pixel (lda_memory_check()). */
static gboolean
check_headers (const LdaTriple *self,
               guint            page,
               guint64          bytes_per_pixel,
               GError         **error)
{
  guint widths[LDA_N_INPUTS];
  guint heights[LDA_N_INPUTS];

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      if (self->n_frames == 0)
        {
          g_autoptr(LdaStack) stack = lda_stack_open (self->paths[i], error);

          if (stack == NULL || !check_one_channel (self, stack, error))
            return FALSE;
        }
      else if (page >= self->n_frames)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS,
                       _("%s: there is no time point %u; the file has %u, counted from 0"),
                       self->paths[i], page, self->n_frames);
          return FALSE;
        }
      if (!lda_tiff_read_size (self->paths[i], lda_triple_page (self, i, page),
                               &widths[i], &heights[i], error))
        return FALSE;
    }

  for (guint i = 1; i < LDA_N_INPUTS; i++)
    if (widths[i] != widths[0] || heights[i] != heights[0])
      {
        set_size_mismatch (error, self, i, widths[i], heights[i], widths[0], heights[0]);
        return FALSE;
      }

  return lda_memory_check (self->paths[0], widths[0], heights[0], bytes_per_pixel,
                           lda_memory_available (), error);
}

static gboolean
load_checked (const LdaTriple *self,
              guint            page,
              guint64          bytes_per_pixel,
              LdaImage       **images,
              GError         **error)
{
  LdaImage *loaded[LDA_N_INPUTS] = { NULL, };

  if (!check_headers (self, page, bytes_per_pixel, error))
    return FALSE;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      loaded[i] = lda_tiff_read (self->paths[i], lda_triple_page (self, i, page), error);
      if (loaded[i] == NULL)
        goto fail;
    }

  /* The files may have changed since their headers were read. */
  for (guint i = 1; i < LDA_N_INPUTS; i++)
    if (!lda_image_same_size (loaded[0], loaded[i]))
      {
        set_size_mismatch (error, self, i, loaded[i]->width, loaded[i]->height,
                           loaded[0]->width, loaded[0]->height);
        goto fail;
      }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    images[i] = loaded[i];
  return TRUE;

fail:
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&loaded[i], lda_image_unref);
  return FALSE;
}

/**
 * lda_triple_load:
 * @self: a triple
 * @page: the time point
 * @images: (out caller-allocates) (array fixed-size=3) (transfer full):
 *   the three images, indexed by #LdaInput
 * @error: return location for an error
 *
 * Reads the three images of one time point.  Before any pixel is read it
 * checks their headers: that the sizes agree (the message of a mismatch
 * names both files) and that segmenting a frame of that size fits in the
 * memory there is (%LDA_PIPELINE_BYTES_PER_PIXEL, lda_memory_check()).  A
 * frame too large is refused up front with %LDA_ERROR_TOO_LARGE instead
 * of failing half-way.
 *
 * Returns: %TRUE on success; on failure @images holds nothing
 */
gboolean
lda_triple_load (const LdaTriple *self,
                 guint            page,
                 LdaImage       **images,
                 GError         **error)
{
  return load_checked (self, page, LDA_PIPELINE_BYTES_PER_PIXEL, images, error);
}

/**
 * lda_triple_open_pipeline_full:
 * @self: a triple
 * @page: the time point
 * @bytes_per_pixel: what the caller will hold per pixel of the frame, at
 *   least %LDA_PIPELINE_BYTES_PER_PIXEL
 * @error: return location for an error
 *
 * Loads one time point as lda_triple_load() does, refusing it up front if
 * @bytes_per_pixel do not fit, into a new pipeline with the default
 * parameters.
 *
 * Returns: (transfer full) (nullable): the pipeline
 */
LdaPipeline *
lda_triple_open_pipeline_full (const LdaTriple *self,
                               guint            page,
                               guint64          bytes_per_pixel,
                               GError         **error)
{
  LdaImage *images[LDA_N_INPUTS];
  LdaPipeline *pipeline;

  if (!load_checked (self, page, MAX (bytes_per_pixel, LDA_PIPELINE_BYTES_PER_PIXEL),
                     images, error))
    return NULL;

  pipeline = lda_pipeline_new (images[0], images[1], images[2], error);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_image_unref (images[i]);

  return pipeline;
}

/**
 * lda_triple_open_pipeline:
 * @self: a triple
 * @page: the time point
 * @error: return location for an error
 *
 * lda_triple_open_pipeline_full() for a caller that holds nothing more
 * than the pipeline.
 *
 * Returns: (transfer full) (nullable): the pipeline
 */
LdaPipeline *
lda_triple_open_pipeline (const LdaTriple *self,
                          guint            page,
                          GError         **error)
{
  return lda_triple_open_pipeline_full (self, page, LDA_PIPELINE_BYTES_PER_PIXEL, error);
}
