/* lda-project-siblings.c — a frame's parameters follow its images
 *
 * The same triple can be opened alone (its series is the triple, its ini
 * "<triple>.ini") and as a frame of its folder's series ("<folder>.ini"),
 * and both inis live in the same project folder.  Edits belong to the
 * images and are shared (lda_project_edits_folder()); parameters were
 * each series' own, so a triple tuned alone came back with the folder
 * series' parameters under its corrections when the folder was opened
 * or exported, and the other way round.  Now, of the two inis, the one
 * saved last says which parameters the triple's frames have: opened in
 * its folder, a frame takes those its triple was last tuned with alone
 * (as its own parameters, where they are not the series'); opened alone,
 * a triple takes those the folder's series last gave it (as the
 * series' when it is one frame).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-project.h"
#include "lda-project-private.h"

/* Reads the ini of the series @name (from whichever of @folder and
 * @other holds it newest) as if it were @series's, when it was written
 * after @since.  A sibling that cannot be read is left alone: its own
 * series reports it when it is opened. */
static gboolean
read_sibling (LdaSeries      *series,
              const char     *folder,
              const char     *other,
              const char     *name,
              gint64          since,
              LdaParams      *params,
              LdaSavedFrame  *frames)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean found = FALSE;

  path = lda_project_newest_of (lda_project_ini_path_for_name (folder, name),
                                other != NULL ? lda_project_ini_path_for_name (other, name)
                                              : NULL);
  if (lda_project_modified_at (path) <= since)
    return FALSE;
  if (!lda_project_read_ini (path, key_file, &found, &error) || !found ||
      !lda_project_parse_ini (series, key_file, path, params, frames, &error))
    {
      if (error != NULL)
        g_debug ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

/* Whether every frame of @series is a page of one triple, the series
 * being that triple opened alone. */
static gboolean
is_triple_alone (LdaSeries *series)
{
  LdaTriple *triple = lda_series_get_frame (series, 0)->triple;

  for (guint i = 1; i < lda_series_get_n_frames (series); i++)
    if (lda_series_get_frame (series, i)->triple != triple)
      return FALSE;

  return g_str_equal (lda_series_get_name (series), triple->name);
}

/* A series of one frame has no other frames for that frame's parameters
 * to be set apart from, and the window no switch between the two: its
 * own parameters, wherever they come from, are the series'. */
static void
one_frame_params_as_series (LdaSeries *series)
{
  LdaParams params;

  if (lda_series_get_n_frames (series) != 1 || !lda_series_get_frame (series, 0)->has_override)
    return;
  params = *lda_series_get_frame_params (series, 0);
  lda_series_set_frame_override (series, 0, NULL);
  lda_series_set_params (series, &params);
}

/* A triple opened alone: the folder's series, if saved last, says. */
static void
adopt_from_folder (LdaSeries  *series,
                   const char *folder,
                   const char *other,
                   gint64      since)
{
  const guint n = lda_series_get_n_frames (series);
  g_autofree char *name = g_path_get_basename (lda_series_get_folder (series));
  g_autofree LdaSavedFrame *frames = g_new0 (LdaSavedFrame, n);
  LdaParams params;

  if (!g_str_equal (name, lda_series_get_name (series)) &&
      read_sibling (series, folder, other, name, since, &params, frames))
    {
      lda_series_set_params (series, &params);
      for (guint i = 0; i < n; i++)
        lda_series_set_frame_override (series, i,
                                       frames[i].has_override ? &frames[i].override : NULL);
    }
}

/* A folder's series: each triple's own ini, if saved last, says for the
 * triple's frames. */
static void
adopt_from_triples (LdaSeries  *series,
                    const char *folder,
                    const char *other,
                    gint64      since)
{
  const guint n = lda_series_get_n_frames (series);
  g_autofree LdaSavedFrame *frames = g_new0 (LdaSavedFrame, n);
  LdaTriple *done = NULL;

  for (guint i = 0; i < n; i++)
    {
      LdaTriple *triple = lda_series_get_frame (series, i)->triple;
      LdaParams params;

      /* A triple's pages are frames one after another. */
      if (triple == done)
        continue;
      done = triple;
      if (g_str_equal (triple->name, lda_series_get_name (series)) ||
          !read_sibling (series, folder, other, triple->name, since, &params, frames))
        continue;

      for (guint j = i; j < n && lda_series_get_frame (series, j)->triple == triple; j++)
        {
          const LdaParams *alone = frames[j].has_override ? &frames[j].override : &params;

          if (lda_params_equal (alone, lda_series_get_frame_params (series, j)))
            continue;
          lda_series_set_frame_override (series, j,
                                         lda_params_equal (alone, lda_series_get_params (series))
                                         ? NULL : alone);
        }
    }
}

/**
 * lda_project_adopt_siblings:
 * @series: a series, its own ini applied
 * @folder: the project folder
 * @other: (nullable): the project's other place
 * @own: the path of @series's own ini (which may not exist)
 *
 * Gives @series's frames the parameters saved for their images by the
 * other series they belong to, wherever that ini was written after
 * @own, as described above.
 */
void
lda_project_adopt_siblings (LdaSeries  *series,
                            const char *folder,
                            const char *other,
                            const char *own)
{
  gint64 since = lda_project_modified_at (own);

  g_return_if_fail (series != NULL);

  if (lda_series_get_n_frames (series) == 0)
    return;
  if (is_triple_alone (series))
    adopt_from_folder (series, folder, other, since);
  else
    adopt_from_triples (series, folder, other, since);
  one_frame_params_as_series (series);
}
