/* lda-export-split.c — which frames of an export go to validation
 *
 * By frame, each frame's side comes from a hash of the seed and its file
 * name: frames added later never move the others.  By field, the frames
 * of one field, well or position (what one curve of the dead-fraction
 * plot follows, lda-series-curves.c) go to the same side, so that no
 * field has time points on both sides: neighbouring time points of one
 * field are nearly the same picture, and a network validated on the
 * neighbours of its training frames looks better than it is.  Fields are
 * few, so a hash of each would miss the fraction by far (three fields at
 * 0.2 would give no validation half the time): the fields are ranked by
 * the hash and the first round(fraction × fields) go to validation, at
 * least one and never all.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-export-split.h"
#include "lda-series-curves.h"

/* A 64-bit FNV-1a hash of @seed (four bytes, little-endian) and @text,
 * mixed by SplitMix64's last step so that close names spread, as a
 * number in [0, 1). */
static double
split_hash (guint32     seed,
            const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const guint64 prime = G_GUINT64_CONSTANT (0x100000001b3);

  for (guint i = 0; i < 4; i++)
    h = (h ^ ((seed >> (8 * i)) & 0xff)) * prime;
  for (const char *p = text; *p != '\0'; p++)
    h = (h ^ (guint8) *p) * prime;

  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  h ^= h >> 31;

  return (double) (h >> 11) / 9007199254740992.0;
}

/**
 * lda_export_is_validation:
 * @stem: the frame's file name (without extension)
 * @seed: the split's seed
 * @val_fraction: 0 … 1
 *
 * Whether a frame goes to validation when frames are split one by one:
 * a 64-bit FNV-1a hash of the seed (four bytes, little-endian) and
 * @stem, mixed, read as a number in [0, 1), is below @val_fraction.  It
 * depends on nothing else, so frames added later never move the others,
 * and the same on every machine.
 *
 * Returns: %TRUE for validation
 */
gboolean
lda_export_is_validation (const char *stem,
                          guint32     seed,
                          double      val_fraction)
{
  if (!(val_fraction > 0))
    return FALSE;
  return split_hash (seed, stem) < val_fraction;
}

typedef struct
{
  char   *key;
  double  rank;
} Field;

static void
field_clear (gpointer data)
{
  g_free (((Field *) data)->key);
}

static gint
field_compare (gconstpointer a,
               gconstpointer b)
{
  const Field *fa = a, *fb = b;

  if (fa->rank != fb->rank)
    return fa->rank < fb->rank ? -1 : 1;
  return strcmp (fa->key, fb->key);
}

/* The field of each frame of @series by frame index: its curve, or its
 * own file name when its name says no time. */
static GPtrArray *
frame_fields (LdaSeries *series,
              GPtrArray *stems)
{
  const guint n = lda_series_get_n_frames (series);
  GPtrArray *fields = g_ptr_array_new_full (n, g_free);

  for (guint i = 0; i < n; i++)
    {
      char *key = lda_series_curve_key (series, i);

      g_ptr_array_add (fields, key != NULL ? key
                       : g_strconcat ("frame:", (const char *) g_ptr_array_index (stems, i), NULL));
    }
  return fields;
}

/* The fields of @fields, each once, ranked by their hash. */
static GArray *
ranked_fields (GPtrArray *fields,
               guint32    seed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Field));

  g_array_set_clear_func (ranked, field_clear);
  for (guint i = 0; i < fields->len; i++)
    {
      const char *key = g_ptr_array_index (fields, i);
      Field field;

      if (!g_hash_table_add (seen, (gpointer) key))
        continue;
      field = (Field) { g_strdup (key), split_hash (seed, key) };
      g_array_append_val (ranked, field);
    }
  g_array_sort (ranked, field_compare);

  return ranked;
}

/**
 * lda_export_split_n_fields:
 * @series: a series
 *
 * How many fields, wells or positions the frames of @series show: what
 * a split by field shares out.
 *
 * Returns: the number of fields
 */
guint
lda_export_split_n_fields (LdaSeries *series)
{
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint untimed = 0;

  /* A frame whose name says no time is a field of its own. */
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      char *key = lda_series_curve_key (series, i);

      if (key == NULL)
        untimed++;
      else
        g_hash_table_add (fields, key);
    }
  return g_hash_table_size (fields) + untimed;
}

/* By frame: each frame's hash against the fraction, except that two
 * frames or more never all go to one side (a training set of none, or a
 * validation set of none that nnU-Net cannot use): then the frame whose
 * hash is nearest the other side goes there. */
static GHashTable *
frame_sides (GPtrArray              *stems,
             const LdaExportOptions *options)
{
  GHashTable *sides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *highest = NULL, *lowest = NULL;
  double high = -1, low = 2;

  for (guint i = 0; i < stems->len; i++)
    {
      const char *stem = g_ptr_array_index (stems, i);
      double h = split_hash (options->seed, stem);

      if (h < options->val_fraction)
        g_hash_table_add (sides, g_strdup (stem));
      if (h > high)
        high = h, highest = stem;
      if (h < low)
        low = h, lowest = stem;
    }
  if (stems->len >= 2 && options->val_fraction < 1 &&
      g_hash_table_size (sides) == stems->len)
    g_hash_table_remove (sides, highest);
  if (stems->len >= 2 && g_hash_table_size (sides) == 0)
    g_hash_table_add (sides, g_strdup (lowest));

  return sides;
}

/**
 * lda_export_split_sides:
 * @series: the series exported
 * @stems: the file name of each of its frames, by frame index
 * @options: the export's options
 *
 * The file names of the frames that go to validation.  By frame, those
 * whose hash is below the fraction (lda_export_is_validation()), except
 * that a series of two frames or more always has one on each side: the
 * frame whose hash is nearest the other side moves there.  With
 * @options->val_by_field, the frames of the first round(fraction ×
 * fields) fields ranked by a hash of the seed and the field (at least one
 * field, and all only with a fraction of 1; a series of one field then
 * trains on all, see lda_export_check_split()).  Computed over the whole
 * series, so that a frame's side does not depend on which frames are
 * exported.
 *
 * Returns: (transfer full) (nullable): the set, or %NULL without a split
 */
GHashTable *
lda_export_split_sides (LdaSeries              *series,
                        GPtrArray              *stems,
                        const LdaExportOptions *options)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GArray) ranked = NULL;
  g_autoptr(GHashTable) chosen = NULL;
  GHashTable *sides;
  guint n_val;

  if (!(options->val_fraction > 0))
    return NULL;
  if (!options->val_by_field)
    return frame_sides (stems, options);

  fields = frame_fields (series, stems);
  ranked = ranked_fields (fields, options->seed);
  n_val = (guint) lround (options->val_fraction * ranked->len);
  n_val = MAX (n_val, 1);
  if (options->val_fraction < 1 && n_val >= ranked->len)
    n_val = ranked->len - 1;

  chosen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < n_val; k++)
    g_hash_table_add (chosen, g_array_index (ranked, Field, k).key);

  sides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < fields->len; i++)
    if (g_hash_table_contains (chosen, g_ptr_array_index (fields, i)))
      g_hash_table_add (sides, g_strdup (g_ptr_array_index (stems, i)));

  return sides;
}

/**
 * lda_export_check_split:
 * @series: the series to export
 * @options: the export's options
 * @error: return location for an error
 *
 * A split by field needs two fields at least: the frames of one field
 * cannot be shared between training and validation whole.
 *
 * Returns: %FALSE, with %LDA_ERROR_FAILED, for a split by field of a
 *   series of one field
 */
gboolean
lda_export_check_split (LdaSeries              *series,
                        const LdaExportOptions *options,
                        GError                **error)
{
  if (!options->val_by_field || !(options->val_fraction > 0) || options->val_fraction >= 1)
    return TRUE;
  if (lda_export_split_n_fields (series) >= 2)
    return TRUE;

  g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED,
               _("%s: all time points are of one field, and a split by field needs two or "
                 "more; split by time point, or export several fields or wells together"),
               lda_series_get_name (series));
  return FALSE;
}

/**
 * lda_export_frame_is_validation:
 * @options: the export's options, with their sides
 *   (lda_export_split_sides())
 * @stem: a frame's file name
 *
 * Returns: %TRUE when the frame goes to validation
 */
gboolean
lda_export_frame_is_validation (const LdaExportOptions *options,
                                const char             *stem)
{
  if (options->validation != NULL)
    return g_hash_table_contains (options->validation, stem);
  return lda_export_is_validation (stem, options->seed, options->val_fraction);
}
