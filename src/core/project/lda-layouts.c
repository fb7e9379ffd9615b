/* lda-layouts.c — the folder layouts of acquisition software
 *
 * Besides file names with channel tags (lda-triples.c), a folder may hold:
 *
 *   multi-channel files   ImageJ hyperstacks and OME-TIFF (also
 *                         Micro-Manager 2.0's NAME_MMStack_Pos0.ome.tif),
 *                         each a triple of its own (lda-stack.c);
 *   Incucyte              a subfolder per channel (phase/ green/ red/), each
 *                         holding VID<n>_<well>_<field>_<dd>d<hh>h<mm>m.tif;
 *                         a well and field is a series, the time is in the
 *                         name;
 *   Micro-Manager 1.4     img_<time, 9 digits>_<channel>_<z, 3 digits>.tif,
 *                         in the folder or in a subfolder per position
 *                         (Pos0/, Pos1/);
 *   Micro-Manager 2.0     img_channel<c>_position<p>_time<t>_z<z>.tif.
 *
 * Channel folders and Micro-Manager 1.4 channels are assigned by their
 * names' tags (phase is brightfield) or by the map; Micro-Manager 2.0
 * numbers its channels, so those need the map (--channels bf=1,…).  A
 * layout whose channels cannot be assigned becomes one triple with a
 * problem that says how to give the map, so that the folder is never
 * reported as having no triples.  Only slice z 0 is read.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-channel-store.h"
#include "lda-layouts.h"
#include "lda-mm-metadata.h"
#include "lda-stack.h"
#include "lda-tiff-io.h"
#include "lda-triples.h"

/* Triples being filled, by series and time. */
typedef struct
{
  GPtrArray  *triples;  /* the caller's */
  GHashTable *by_key;   /* "series\ttime" → LdaTriple (borrowed) */
} Assembly;

static gboolean
has_tiff_extension (const char *name)
{
  return g_str_has_suffix (name, ".tif") || g_str_has_suffix (name, ".tiff") ||
         g_str_has_suffix (name, ".TIF") || g_str_has_suffix (name, ".TIFF");
}

/* The input a channel named @name (a folder's or Micro-Manager's name, or
 * the number @number from 1) is, by @map, else by its tags. */
static gboolean
channel_input (const LdaChannelMap *map,
               const char          *name,
               guint                number,
               LdaInput            *input)
{
  if (map != NULL && lda_channel_map_is_set (map))
    {
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        if ((map->name[i] != NULL && name != NULL &&
             g_ascii_strcasecmp (map->name[i], name) == 0) ||
            (map->name[i] == NULL && number != 0 && map->index[i] == number))
          {
            *input = (LdaInput) i;
            return TRUE;
          }
      return FALSE;
    }

  return name != NULL && lda_channel_name_input (name, input);
}

static void
add_plane (Assembly   *a,
           const char *series,
           guint       time_index,
           gboolean    has_time,
           double      hours,
           const char *name,
           LdaInput    input,
           const char *path)
{
  g_autofree char *key = g_strdup_printf ("%s\t%u\t%.6f", series != NULL ? series : "",
                                          time_index, has_time ? hours : -1.0);
  LdaTriple *triple = g_hash_table_lookup (a->by_key, key);

  if (triple == NULL)
    {
      triple = g_new0 (LdaTriple, 1);
      triple->name = g_strdup (name);
      triple->series = g_strdup (series);
      triple->time_index = time_index;
      triple->has_time = has_time;
      triple->time_hours = hours;
      g_hash_table_insert (a->by_key, g_steal_pointer (&key), triple);
      g_ptr_array_add (a->triples, triple);
    }

  if (triple->paths[input] != NULL)
    {
      if (triple->problem == NULL)
        triple->problem = g_strdup_printf (_("two files for one channel, %s and %s"),
                                           triple->paths[input], path);
      return;
    }
  triple->paths[input] = g_strdup (path);
}

static void
add_problem (GPtrArray  *triples,
             const char *name,
             char       *problem)
{
  LdaTriple *triple = g_new0 (LdaTriple, 1);

  triple->name = g_strdup (name);
  triple->time_index = LDA_NO_TIME_INDEX;
  triple->problem = problem;
  g_ptr_array_add (triples, triple);
}

/* Missing channels make a problem, as for tagged names. */
static void
finish (Assembly *a,
        guint     first)
{
  for (guint i = first; i < a->triples->len; i++)
    {
      LdaTriple *triple = g_ptr_array_index (a->triples, i);

      for (guint c = 0; c < LDA_N_INPUTS && triple->problem == NULL; c++)
        if (triple->paths[c] == NULL)
          triple->problem = g_strdup_printf (_("no %s image for this time point"),
                                             lda_input_key ((LdaInput) c));
    }
}

static gboolean
is_foreign (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".czi") == 0 ||
                         g_ascii_strcasecmp (dot, ".nd2") == 0 ||
                         g_ascii_strcasecmp (dot, ".lif") == 0);
}

/* A CZI, ND2 or LIF file is listed with what to do about it, so that a
 * folder of them is not reported as having badly named files. */
static void
add_foreign (GPtrArray  *triples,
             const char *path,
             const char *entry)
{
  g_autoptr(GError) error = NULL;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    return;
  if (!lda_file_check_foreign (path, fd, &error))
    add_problem (triples, entry, g_strdup (error->message));
  close (fd);
}

/* The triples of a multi-channel file, one per image (position) of an
 * OME-TIFF that describes several; an image another file of the set
 * already gave (several files carry the same OME-XML) is left out. */
static void
add_stack_images (GPtrArray           *triples,
                  const char          *path,
                  const char          *entry,
                  guint                n_images,
                  const LdaChannelMap *map,
                  GHashTable          *seen)
{
  for (guint image = 0; image < MAX (n_images, 1); image++)
    {
      g_autoptr(GError) error = NULL;
      LdaTriple *triple = lda_triple_new_from_file_image (path, n_images > 1 ? image : G_MAXUINT,
                                                          map, &error, NULL);
      g_autofree char *key = NULL;

      if (triple == NULL)
        {
          add_problem (triples, entry, g_strdup (error->message));
          continue;
        }
      key = g_strdup_printf ("%s\t%u", triple->paths[LDA_INPUT_BRIGHTFIELD],
                             triple->first_page[LDA_INPUT_BRIGHTFIELD]);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        {
          lda_triple_free (triple);
          continue;
        }
      g_ptr_array_add (triples, triple);
    }
}

/* Multi-channel files directly in @folder. */
static void
find_stacks (const char          *folder,
             const LdaChannelMap *map,
             GPtrArray           *names,
             GPtrArray           *triples)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *entry = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      g_autofree char *stem = NULL;
      g_autoptr(LdaStack) stack = NULL;
      g_auto(LdaChannelMap) kept = { { 0, }, { NULL, } };
      LdaInput input;

      if (is_foreign (entry))
        {
          add_foreign (triples, path, entry);
          continue;
        }
      if (!has_tiff_extension (entry) || lda_channel_tag_parse (entry, &input, &stem) ||
          g_str_has_prefix (entry, "img_"))
        continue;
      stack = lda_stack_open (path, NULL);
      if (stack == NULL || stack->n_channels < LDA_N_INPUTS)
        continue;

      if ((map == NULL || !lda_channel_map_is_set (map)) &&
          lda_channel_store_load (path, &kept, NULL))
        map = &kept;
      add_stack_images (triples, path, entry, stack->n_images, map, seen);
    }
}

/* VID193_A1_1_00d04h00m → series "A1_1", hours 4. */
static gboolean
parse_incucyte (const char  *entry,
                char       **series,
                double      *hours,
                char       **name)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *well = NULL, *field = NULL, *d = NULL, *h = NULL, *m = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
      g_regex_new ("^.*_([A-Za-z]{1,2}[0-9]{1,3})_([0-9]+)_([0-9]+)d([0-9]{1,2})h([0-9]{1,2})m"
                   "\\.tiff?$", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));

  if (!g_regex_match (regex, entry, 0, &match))
    return FALSE;

  well = g_match_info_fetch (match, 1);
  field = g_match_info_fetch (match, 2);
  d = g_match_info_fetch (match, 3);
  h = g_match_info_fetch (match, 4);
  m = g_match_info_fetch (match, 5);
  *series = g_strdup_printf ("%s_%s", well, field);
  *hours = g_ascii_strtod (d, NULL) * 24.0 + g_ascii_strtod (h, NULL) +
           g_ascii_strtod (m, NULL) / 60.0;
  *name = g_strdup_printf ("%s_%s_%sd%sh%sm", well, field, d, h, m);
  return TRUE;
}

static void
find_incucyte (const char          *folder,
               const LdaChannelMap *map,
               GPtrArray           *dirs,
               GPtrArray           *triples)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Assembly a = { triples, by_key };
  g_autoptr(GString) unassigned = g_string_new (NULL);
  guint first = triples->len, n_channel_dirs = 0;

  for (guint i = 0; i < dirs->len; i++)
    {
      const char *sub = g_ptr_array_index (dirs, i);
      g_autofree char *subdir = g_build_filename (folder, sub, NULL);
      g_autoptr(GDir) dir = g_dir_open (subdir, 0, NULL);
      const char *entry;
      gboolean incucyte = FALSE, assigned;
      LdaInput input = LDA_INPUT_BRIGHTFIELD;

      if (dir == NULL)
        continue;
      assigned = channel_input (map, sub, i + 1, &input);

      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *series = NULL, *name = NULL;
          g_autofree char *path = NULL;
          double hours;

          if (!parse_incucyte (entry, &series, &hours, &name))
            continue;
          incucyte = TRUE;
          if (!assigned)
            break;
          path = g_build_filename (subdir, entry, NULL);
          add_plane (&a, series, LDA_NO_TIME_INDEX, TRUE, hours, name, input, path);
        }

      if (incucyte)
        n_channel_dirs++;
      if (incucyte && !assigned)
        g_string_append_printf (unassigned, "%s%s", unassigned->len > 0 ? ", " : "", sub);
    }

  if (n_channel_dirs == 0)
    return;
  if (unassigned->len > 0)
    {
      /* None of this layout's triples can be used until the map is given. */
      for (guint i = triples->len; i > first; i--)
        g_ptr_array_remove_index (triples, i - 1);
      add_problem (triples, folder,
                   g_strdup_printf (_("an Incucyte folder whose channel folders %s are not "
                                    "named by channel; give them as --channels "
                                    "bf=phase,hoechst=FOLDER,draq7=FOLDER"),
                                    unassigned->str));
      return;
    }
  finish (&a, first);
}

/* The time of each triple from @first on, found in @subdir, from
 * Micro-Manager's metadata: the earliest of its images' elapsed times.
 * Metadata that are damaged or lack an image leave every triple at its
 * time index, with a note that names the file. */
static void
time_micromanager (const char *subdir,
                   GPtrArray  *triples,
                   guint       first)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GHashTable) times = NULL;
  g_autofree char *note = NULL;

  if (triples->len == first)
    return;
  times = lda_mm_metadata_load (subdir, &file, &error);
  if (times == NULL && error == NULL)
    return;

  for (guint i = first; times != NULL && i < triples->len; i++)
    {
      LdaTriple *triple = g_ptr_array_index (triples, i);
      double earliest = INFINITY;

      for (guint k = 0; k < LDA_N_INPUTS; k++)
        {
          g_autofree char *base = NULL;
          const double *ms;

          if (triple->paths[k] == NULL)
            continue;
          base = g_path_get_basename (triple->paths[k]);
          ms = g_hash_table_lookup (times, base);
          if (ms == NULL)
            {
              note = g_strdup_printf (_("%s: has no ElapsedTime-ms for %s; frames are "
                                      "placed by their time index"), file, base);
              break;
            }
          earliest = MIN (earliest, *ms);
        }
      if (note != NULL)
        break;
      triple->time_hours = earliest / 3600000.0;
    }
  if (error != NULL)
    note = g_strdup_printf (_("%s; frames are placed by their time index"), error->message);

  for (guint i = first; i < triples->len; i++)
    {
      LdaTriple *triple = g_ptr_array_index (triples, i);

      if (note != NULL)
        {
          triple->time_hours = 0.0;
          g_free (triple->note);
          triple->note = g_strdup (note);
        }
      else
        triple->has_time = TRUE;
    }
}

/* img_000000004_DAPI_000.tif (1.4) or img_channel000_position001_time000000004_z000.tif
 * (2.0), in @subdir, whose position is @position when the names do not say. */
static void
find_micromanager (const char          *subdir,
                   const char          *position,
                   const LdaChannelMap *map,
                   GPtrArray           *triples,
                   char               **unassigned)
{
  static GRegex *mm14, *mm20;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (subdir, 0, NULL);
  Assembly a = { triples, by_key };
  guint first = triples->len;
  const char *entry;

  if (g_once_init_enter (&mm14))
    g_once_init_leave (&mm14, g_regex_new ("^img_([0-9]{9})_(.+)_([0-9]{3})\\.tiff?$",
                                                   G_REGEX_OPTIMIZE, 0, NULL));
  if (g_once_init_enter (&mm20))
    g_once_init_leave (&mm20,
      g_regex_new ("^img_channel([0-9]+)_position([0-9]+)_time([0-9]+)_z([0-9]+)\\.tiff?$",
                   G_REGEX_OPTIMIZE, 0, NULL));

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *path = NULL, *series = NULL, *name = NULL, *channel = NULL;
      g_autofree char *time_text = NULL, *z = NULL;
      guint number = 0, time_index;
      LdaInput input;

      if (g_regex_match (mm14, entry, 0, &match))
        {
          time_text = g_match_info_fetch (match, 1);
          channel = g_match_info_fetch (match, 2);
          z = g_match_info_fetch (match, 3);
          series = g_strdup (position);
        }
      else
        {
          g_autofree char *pos = NULL, *c = NULL;

          g_clear_pointer (&match, g_match_info_free);
          if (!g_regex_match (mm20, entry, 0, &match))
            continue;
          c = g_match_info_fetch (match, 1);
          pos = g_match_info_fetch (match, 2);
          time_text = g_match_info_fetch (match, 3);
          z = g_match_info_fetch (match, 4);
          number = (guint) g_ascii_strtoull (c, NULL, 10) + 1;
          series = g_strdup_printf ("Pos%s", pos);
        }

      if (g_ascii_strtoull (z, NULL, 10) != 0)
        continue;
      if (!channel_input (map, channel, number, &input))
        {
          if (*unassigned == NULL)
            *unassigned = channel != NULL ? g_strdup (channel) : g_strdup_printf ("%u", number);
          continue;
        }

      time_index = (guint) MIN (g_ascii_strtoull (time_text, NULL, 10), G_MAXUINT - 1);
      name = g_strdup_printf ("%s%st%u", series != NULL ? series : "",
                              series != NULL ? "_" : "", time_index);
      path = g_build_filename (subdir, entry, NULL);
      add_plane (&a, series, time_index, FALSE, 0.0, name, input, path);
    }

  finish (&a, first);
  time_micromanager (subdir, triples, first);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return lda_natural_compare (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lda_layouts_find:
 * @folder: a folder
 * @map: (nullable): which channel is which
 * @triples: (element-type LdaTriple): where the triples found are added,
 *   complete or with their problem
 *
 * Adds the triples of @folder's layouts other than tagged file names.
 */
void
lda_layouts_find (const char          *folder,
                  const LdaChannelMap *map,
                  GPtrArray           *triples)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *unassigned = NULL;
  const char *entry;
  guint first_mm;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, entry, NULL);

      if (entry[0] == '.' || strcmp (entry, "livedead-project") == 0)
        continue;
      g_ptr_array_add (g_file_test (path, G_FILE_TEST_IS_DIR) ? dirs : files, g_strdup (entry));
    }
  g_ptr_array_sort (files, compare_names);
  g_ptr_array_sort (dirs, compare_names);

  find_stacks (folder, map, files, triples);
  find_incucyte (folder, map, dirs, triples);

  first_mm = triples->len;
  find_micromanager (folder, NULL, map, triples, &unassigned);
  for (guint i = 0; i < dirs->len; i++)
    {
      const char *sub = g_ptr_array_index (dirs, i);

      if (g_ascii_strncasecmp (sub, "Pos", 3) == 0)
        {
          g_autofree char *subdir = g_build_filename (folder, sub, NULL);

          find_micromanager (subdir, sub, map, triples, &unassigned);
        }
    }
  if (unassigned != NULL && triples->len == first_mm)
    add_problem (triples, folder,
                 g_strdup_printf (_("a Micro-Manager folder whose channel %s is not named by "
                                  "channel; give the channels as --channels "
                                  "bf=N,hoechst=N,draq7=N (N from 1)"), unassigned));
}

/**
 * lda_layouts_channel_names:
 * @folder: an Incucyte or Micro-Manager folder
 *
 * The names by which a channel map can name the channels of @folder's
 * layout: Incucyte's channel folders, Micro-Manager 1.4's channel names,
 * Micro-Manager 2.0's channel numbers (from 1).
 *
 * Returns: (transfer full) (nullable): the names, sorted; %NULL when
 *   @folder is none of these layouts
 */
GStrv
lda_layouts_channel_names (const char *folder)
{
  static GRegex *mm;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  if (g_once_init_enter (&mm))
    g_once_init_leave (&mm, g_regex_new ("^img_(?:[0-9]{9}_(.+)_[0-9]{3}|channel([0-9]+)_"
                                         "position[0-9]+_time[0-9]+_z[0-9]+)\\.tiff?$",
                                         G_REGEX_OPTIMIZE, 0, NULL));

  g_ptr_array_add (dirs, g_strdup (folder));
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, entry, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *file;

      if (!g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      if (g_ascii_strncasecmp (entry, "Pos", 3) == 0)
        g_ptr_array_add (dirs, g_strdup (path));
      sub = g_dir_open (path, 0, NULL);
      while (sub != NULL && (file = g_dir_read_name (sub)) != NULL)
        {
          g_autofree char *series = NULL, *name = NULL;
          double hours;

          if (parse_incucyte (file, &series, &hours, &name))
            {
              g_hash_table_add (seen, g_strdup (entry));
              break;
            }
        }
    }

  for (guint d = 0; d < dirs->len; d++)
    {
      g_autoptr(GDir) sub = g_dir_open (g_ptr_array_index (dirs, d), 0, NULL);

      while (sub != NULL && (entry = g_dir_read_name (sub)) != NULL)
        {
          g_autoptr(GMatchInfo) match = NULL;
          g_autofree char *name = NULL, *number = NULL;

          if (!g_regex_match (mm, entry, 0, &match))
            continue;
          name = g_match_info_fetch (match, 1);
          number = g_match_info_fetch (match, 2);
          if (number != NULL && number[0] != '\0')
            g_hash_table_add (seen, g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                     g_ascii_strtoull (number, NULL, 10) + 1));
          else if (name != NULL && name[0] != '\0')
            g_hash_table_add (seen, g_steal_pointer (&name));
        }
    }

  if (g_hash_table_size (seen) == 0)
    return NULL;

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (names, key);
  }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strdupv ((char **) names->pdata);
}

/**
 * lda_layouts_drop_tagged:
 * @triples: (element-type LdaTriple): the triples of a folder: those its
 *   files' channel tags made, then those of its layouts
 * @n_tagged: how many of the first are tagged
 *
 * A layout's files (a Micro-Manager position opened itself, whose
 * img_…_BF_000.tif also carry channel tags) are read as the layout
 * says, with its times: the triples their tags made are dropped, rather
 * than count every time point twice.
 */
void
lda_layouts_drop_tagged (GPtrArray *triples,
                         guint      n_tagged)
{
  g_autoptr(GHashTable) in_layouts = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = n_tagged; i < triples->len; i++)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);

      for (guint c = 0; c < LDA_N_INPUTS; c++)
        if (triple->paths[c] != NULL)
          g_hash_table_add (in_layouts, triple->paths[c]);
    }
  if (g_hash_table_size (in_layouts) == 0)
    return;

  for (guint i = n_tagged; i-- > 0;)
    {
      const LdaTriple *triple = g_ptr_array_index (triples, i);
      gboolean taken = FALSE;

      for (guint c = 0; c < LDA_N_INPUTS; c++)
        taken = taken || (triple->paths[c] != NULL &&
                          g_hash_table_contains (in_layouts, triple->paths[c]));
      if (taken)
        g_ptr_array_remove_index (triples, i);
    }
}

/**
 * lda_layouts_has_tiffs:
 * @folder: a folder
 *
 * Whether @folder, or a folder in it (Micro-Manager's positions), holds a
 * TIFF file: when no triple is found, whether the names lack their
 * channel tags or there are no images to name.
 *
 * Returns: %TRUE if a .tif or .tiff file is there
 */
gboolean
lda_layouts_has_tiffs (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GDir) inner = NULL;
      const char *inner_name;

      if (has_tiff_extension (name))
        return TRUE;
      path = g_build_filename (folder, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_DIR) || (inner = g_dir_open (path, 0, NULL)) == NULL)
        continue;
      while ((inner_name = g_dir_read_name (inner)) != NULL)
        if (has_tiff_extension (inner_name))
          return TRUE;
    }
  return FALSE;
}
