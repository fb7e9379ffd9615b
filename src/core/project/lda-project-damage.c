/* lda-project-damage.c — corrections set aside as damaged, until the
 * person says to go on without them
 *
 * Loading never reads a damaged project file in part: it renames it to
 * "<file>.damaged-<time>" (lda-project.c) and goes on with what is intact.
 * That leaves a frame without its corrections, or a series with default
 * parameters, and an export made then would silently lack them.  So the
 * set-aside files themselves are the flags: each one found beside the
 * series' files means "this frame lost corrections" until the person
 * acknowledges it, which is recorded, by file name, in the project's
 * [damage] group.  Exports refuse to run while a flag stands, unless told
 * to ignore it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-project.h"
#include "lda-project-damage.h"
#include "lda-project-private.h"

#define DAMAGED_MARK     ".damaged-"
#define ACKNOWLEDGED_KEY "acknowledged"

void
lda_damage_free (LdaDamage *damage)
{
  if (damage == NULL)
    return;

  g_free (damage->path);
  g_free (damage);
}

static gboolean
acknowledged (GKeyFile   *extra,
              const char *name)
{
  g_auto(GStrv) names = NULL;

  if (extra == NULL)
    return FALSE;

  names = g_key_file_get_string_list (extra, LDA_PROJECT_DAMAGE_GROUP, ACKNOWLEDGED_KEY,
                                      NULL, NULL);
  return names != NULL && g_strv_contains ((const char * const *) names, name);
}

/* Adds the set-aside files in @dir whose original is a key of @owners. */
static void
scan (const char *dir,
      GHashTable *owners,
      GKeyFile   *extra,
      GPtrArray  *found)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      const char *mark = strstr (name, DAMAGED_MARK);
      g_autofree char *original = NULL;
      gpointer frame;
      LdaDamage *damage;

      if (mark == NULL || acknowledged (extra, name))
        continue;
      original = g_strndup (name, mark - name);
      if (!g_hash_table_lookup_extended (owners, original, NULL, &frame))
        continue;

      damage = g_new0 (LdaDamage, 1);
      damage->path = g_build_filename (dir, name, NULL);
      damage->frame = GPOINTER_TO_INT (frame) - 1;
      g_ptr_array_add (found, damage);
    }
}

static void
scan_folder (const char *folder,
             LdaSeries  *series,
             GKeyFile   *extra,
             GPtrArray  *found)
{
  g_autoptr(GHashTable) top = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = lda_project_all_keys (series);
  g_autofree char *ini = lda_project_ini_path (folder, series);
  g_autofree char *edits_dir = lda_project_edits_folder (folder);

  /* Frames are stored as index + 1, so that 0 stands for the ini.  A
   * frame's file may also be under its title, from before keys. */
  g_hash_table_insert (top, g_path_get_basename (ini), GINT_TO_POINTER (0));
  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      g_autofree char *key = lda_project_frame_key (series, i);
      g_autofree char *legacy = lda_project_legacy_key (series, i, keys);
      g_autofree char *path = lda_project_edits_path (folder, key);

      g_hash_table_insert (edits, g_path_get_basename (path), GINT_TO_POINTER (i + 1));
      if (legacy != NULL)
        {
          g_autofree char *old = lda_project_edits_path (folder, legacy);

          g_hash_table_insert (edits, g_path_get_basename (old), GINT_TO_POINTER (i + 1));
        }
    }

  scan (folder, top, extra, found);
  scan (edits_dir, edits, extra, found);
}

static int
compare_damage (gconstpointer a,
                gconstpointer b)
{
  const LdaDamage *da = *(const LdaDamage * const *) a;
  const LdaDamage *db = *(const LdaDamage * const *) b;

  if (da->frame != db->frame)
    return da->frame < db->frame ? -1 : 1;
  return strcmp (da->path, db->path);
}

/**
 * lda_project_find_damage:
 * @series: a series
 * @location: where its project is
 * @extra: (nullable): the project's extra groups
 *   (lda_project_load_location()), which hold what was acknowledged
 *
 * Finds the series' project files that were set aside as damaged and not
 * yet acknowledged, in both places of @location.
 *
 * Returns: (transfer full) (element-type LdaDamage): the damage, frames in
 *   order, the series' parameters (frame -1) first
 */
GPtrArray *
lda_project_find_damage (LdaSeries                *series,
                         const LdaProjectLocation *location,
                         GKeyFile                 *extra)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_damage_free);

  g_return_val_if_fail (series != NULL, found);
  g_return_val_if_fail (location != NULL, found);

  scan_folder (location->folder, series, extra, found);
  if (location->other != NULL)
    scan_folder (location->other, series, extra, found);
  g_ptr_array_sort (found, compare_damage);

  return found;
}

/**
 * lda_project_acknowledge_damage:
 * @extra: the project's extra groups, to save with it
 *   (lda_project_save_params_full())
 * @damage: (element-type LdaDamage): what the person has seen and agreed
 *   to go on without
 *
 * Records @damage as acknowledged: lda_project_find_damage() no longer
 * reports it.  The set-aside files stay where they are.
 */
void
lda_project_acknowledge_damage (GKeyFile  *extra,
                                GPtrArray *damage)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) old = NULL;

  g_return_if_fail (extra != NULL);
  g_return_if_fail (damage != NULL);

  old = g_key_file_get_string_list (extra, LDA_PROJECT_DAMAGE_GROUP, ACKNOWLEDGED_KEY,
                                    NULL, NULL);
  if (old != NULL)
    g_strv_builder_addv (builder, (const char **) old);
  for (guint i = 0; i < damage->len; i++)
    {
      LdaDamage *d = g_ptr_array_index (damage, i);
      g_autofree char *name = g_path_get_basename (d->path);

      if (old == NULL || !g_strv_contains ((const char * const *) old, name))
        g_strv_builder_add (builder, name);
    }

  names = g_strv_builder_end (builder);
  g_key_file_set_string_list (extra, LDA_PROJECT_DAMAGE_GROUP, ACKNOWLEDGED_KEY,
                              (const char * const *) names, g_strv_length (names));
}

/**
 * lda_project_describe_damage:
 * @series: a series
 * @damage: (element-type LdaDamage): its damage, not empty
 *
 * Returns: (transfer full): one sentence for people: what was lost and
 *   where the damaged files are
 */
char *
lda_project_describe_damage (LdaSeries *series,
                             GPtrArray *damage)
{
  g_autoptr(GString) frames = g_string_new (NULL);
  gboolean params = FALSE;
  guint n_frames = 0;
  LdaDamage *first;

  g_return_val_if_fail (series != NULL && damage != NULL && damage->len > 0, NULL);

  first = g_ptr_array_index (damage, 0);
  for (guint i = 0; i < damage->len; i++)
    {
      LdaDamage *d = g_ptr_array_index (damage, i);

      if (d->frame < 0)
        params = TRUE;
      else if ((guint) d->frame < lda_series_get_n_frames (series))
        {
          if (n_frames++ > 0)
            g_string_append (frames, ", ");
          g_string_append (frames, lda_series_get_frame (series, (guint) d->frame)->title);
        }
    }

  if (first->in_place && params && n_frames > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The saved parameters and the corrections of frame %s "
                                         "are damaged (%s)",
                                         "The saved parameters and the corrections of frames %s "
                                         "are damaged (%s)",
                                         n_frames),
                            frames->str, first->path);
  if (first->in_place && params)
    return g_strdup_printf (_("The saved parameters and frame states are damaged (%s)"),
                            first->path);
  if (first->in_place)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The corrections of frame %s are damaged (%s)",
                                         "The corrections of frames %s are damaged (%s)",
                                         n_frames),
                            frames->str, first->path);

  if (params && n_frames > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The saved parameters and the corrections of frame %s "
                                         "were damaged and set aside (%s)",
                                         "The saved parameters and the corrections of frames %s "
                                         "were damaged and set aside (%s)",
                                         n_frames),
                            frames->str, first->path);
  if (params)
    return g_strdup_printf (_("The saved parameters and frame states were damaged and set "
                              "aside (%s); the defaults are in use"), first->path);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The corrections of frame %s were damaged and set aside (%s)",
                                       "The corrections of frames %s were damaged and set aside (%s)",
                                       n_frames),
                          frames->str, first->path);
}
