/* lda-project-wells.c — every well or position of a folder, each with
 * its saved parameters and corrections, as one series
 *
 * An Incucyte or Micro-Manager folder holds several wells or positions,
 * each a series with a project of its own.  A training dataset wants them
 * all: lda_project_join_wells() opens the others beside the one given,
 * loads each one's project as the window keeps it, and joins them
 * (lda_series_join()), their edits one after another.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-error.h"
#include "lda-project.h"
#include "lda-project-damage.h"
#include "lda-project-wells.h"

/**
 * lda_project_load_saved:
 * @series: a series
 * @ignore_damaged: go on when corrections were set aside as damaged
 * @edits: (out) (transfer full) (nullable) (element-type LdaEdits): its
 *   saved edits by frame, %NULL when none
 * @damaged: (out) (transfer full) (nullable): what was set aside as
 *   damaged and is left out, said for a person; %NULL when nothing
 * @error: return location for an error
 *
 * Loads @series' saved parameters and edits from where the window keeps
 * them (lda-project-location.c): a series nobody has opened yet keeps the
 * default parameters.  It only reads (lda_project_read_location()): a
 * damaged file is left where it is, which the window, owner of the
 * project, sets aside when it opens the series.  Corrections damaged, or
 * set aside as damaged and not acknowledged, fail with
 * %LDA_ERROR_DAMAGED (its message says which), unless @ignore_damaged:
 * an export never lacks them silently.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_project_load_saved (LdaSeries  *series,
                        gboolean    ignore_damaged,
                        GPtrArray **edits,
                        char      **damaged,
                        GError    **error)
{
  g_autoptr(LdaProjectLocation) location = lda_project_location_new (series, FALSE);
  g_autoptr(GKeyFile) extra = NULL;
  g_autoptr(GPtrArray) damage = NULL;
  g_autoptr(GPtrArray) in_place = NULL;

  *damaged = NULL;
  if (!lda_project_read_location (series, location, edits, &extra, &in_place, error))
    return FALSE;

  /* The damaged files first: the sentence names the first. */
  damage = g_steal_pointer (&in_place);
  {
    g_autoptr(GPtrArray) aside = lda_project_find_damage (series, location, extra);

    for (guint i = 0; i < aside->len; i++)
      g_ptr_array_add (damage, g_steal_pointer (&aside->pdata[i]));
  }
  if (damage->len == 0)
    return TRUE;
  *damaged = lda_project_describe_damage (series, damage);
  if (ignore_damaged)
    return TRUE;

  g_set_error (error, LDA_ERROR, LDA_ERROR_DAMAGED, "%s", *damaged);
  g_clear_pointer (damaged, g_free);
  return FALSE;
}

/* @edits, or as many %NULL as @series has frames, appended to @all. */
static void
append_edits (GPtrArray *all,
              LdaSeries *series,
              GPtrArray *edits)
{
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      LdaEdits *frame_edits = edits != NULL && i < edits->len ? g_ptr_array_index (edits, i)
                                                               : NULL;

      g_ptr_array_add (all, frame_edits != NULL ? lda_edits_copy (frame_edits, NULL) : NULL);
    }
}

/* The well or position @series holds, or %NULL. */
static const char *
well_of (LdaSeries *series)
{
  return lda_series_get_n_frames (series) > 0 ? lda_series_get_frame (series, 0)->triple->series
                                               : NULL;
}

/**
 * lda_project_join_wells:
 * @series: one well or position of a folder of several
 *   (lda_series_get_all_series()), with its parameters
 * @edits: (nullable) (element-type LdaEdits): @series' edits by frame
 *   (those of the window, saved or not), copied
 * @map: (nullable): which file is which channel, as @series was opened
 * @interval: the time between frames whose files do not say it, in hours,
 *   for every well; 0 to keep what each one has
 * @ignore_damaged: join wells whose corrections were set aside as
 *   damaged all the same (@warnings says which)
 * @joined_edits: (out) (transfer full) (element-type LdaEdits): the
 *   joined series' edits by frame, %NULL elements where none
 * @first_frame: (out) (optional): where @series' frames begin in the
 *   joined series
 * @warnings: (out) (transfer full) (element-type utf8): what was joined
 *   without its damaged corrections, one line each
 * @error: return location for an error
 *
 * Opens the other wells of @series' folder, each with the project the
 * window keeps for it (its parameters and corrections; a well never
 * opened has the default parameters), and joins them all in the folder's
 * order.  A well whose corrections were set aside as damaged and not
 * acknowledged fails with %LDA_ERROR_DAMAGED, naming it, unless
 * @ignore_damaged.  A folder of one series gives a copy of @series.
 *
 * Returns: (transfer full) (nullable): the series of all wells
 */
LdaSeries *
lda_project_join_wells (LdaSeries            *series,
                        GPtrArray            *edits,
                        const LdaChannelMap  *map,
                        double                interval,
                        gboolean              ignore_damaged,
                        GPtrArray           **joined_edits,
                        guint                *first_frame,
                        GPtrArray           **warnings,
                        GError              **error)
{
  const char * const *names = lda_series_get_all_series (series);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_series_free);
  g_autoptr(GPtrArray) all_edits = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (series != NULL, NULL);

  if (first_frame != NULL)
    *first_frame = 0;
  if (names == NULL)
    {
      append_edits (all_edits, series, edits);
      *joined_edits = g_steal_pointer (&all_edits);
      *warnings = g_steal_pointer (&notes);
      return lda_series_copy (series);
    }

  for (guint k = 0; names[k] != NULL; k++)
    {
      g_autoptr(LdaSeries) well = NULL;
      g_autoptr(GPtrArray) well_edits = NULL;
      g_autoptr(GError) local_error = NULL;
      char *damaged = NULL;

      if (g_strcmp0 (names[k], well_of (series)) == 0)
        {
          if (first_frame != NULL)
            *first_frame = all_edits->len;
          g_ptr_array_add (parts, lda_series_copy (series));
          append_edits (all_edits, series, edits);
          continue;
        }

      well = lda_series_new_from_folder_full (lda_series_get_folder (series), names[k], map,
                                              error);
      if (well == NULL)
        return NULL;
      if (interval > 0.0)
        lda_series_set_interval (well, interval);
      if (!lda_project_load_saved (well, ignore_damaged, &well_edits, &damaged, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", names[k]);
          return NULL;
        }
      if (damaged != NULL)
        g_ptr_array_add (notes, g_strdup_printf ("%s: %s", names[k], damaged));
      g_free (damaged);
      append_edits (all_edits, well, well_edits);
      g_ptr_array_add (parts, g_steal_pointer (&well));
    }

  base = g_path_get_basename (lda_series_get_folder (series));
  /* Translators: the series of all the wells or positions of a folder,
   * joined for an export: the folder's name */
  name = g_strdup_printf (_("%s, all wells"), base);
  *joined_edits = g_steal_pointer (&all_edits);
  *warnings = g_steal_pointer (&notes);
  return lda_series_join ((LdaSeries * const *) parts->pdata, parts->len, name);
}

/**
 * lda_project_mark_wells_exported:
 * @series: the well or position a window has open, one of a folder of
 *   several; its own frames are the window's to mark
 * @error: return location for an error
 *
 * After an export of all wells (lda_project_join_wells()), records in
 * each other well's project that every one of its frames was exported,
 * as the window records it for its own: its strip shows them exported
 * when it is opened.  Only for the window, which owns the projects of
 * the folder; parameters and other groups are kept as they were saved.
 *
 * Returns: %FALSE if a well's project could not be read or written
 */
gboolean
lda_project_mark_wells_exported (LdaSeries  *series,
                                 GError    **error)
{
  const char * const *names = lda_series_get_all_series (series);

  g_return_val_if_fail (series != NULL, FALSE);

  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    {
      g_autoptr(LdaSeries) well = NULL;
      g_autoptr(LdaProjectLocation) location = NULL;
      g_autoptr(GPtrArray) edits = NULL;
      g_autoptr(GKeyFile) extra = NULL;

      if (g_strcmp0 (names[k], well_of (series)) == 0)
        continue;
      well = lda_series_new_from_folder_full (lda_series_get_folder (series), names[k], NULL,
                                              error);
      location = well != NULL ? lda_project_location_new (well, FALSE) : NULL;
      if (well == NULL || !lda_project_load_location (well, location, &edits, &extra, error))
        return FALSE;
      for (guint i = 0; i < lda_series_get_n_frames (well); i++)
        lda_series_get_frame (well, i)->state = LDA_FRAME_EXPORTED;
      if (!lda_project_save_params_full (well, location->folder, extra, error))
        return FALSE;
    }
  return TRUE;
}
