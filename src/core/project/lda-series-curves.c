/* lda-series-curves.c — which frames of a series one dead-fraction curve
 * joins
 *
 * A curve follows one field through time.  A folder of triples named by
 * field and time (apr303_t05, apr303_t73, lamp1_t74) opens as one series,
 * its frames in name order; joined in time order, its points would draw
 * one zigzag through unrelated fields.  So the frames of one field (the
 * name without its time part, lda-triple-fields.c) make a curve each;
 * the pages of one multi-page triple make one; a well or position
 * (Incucyte, Micro-Manager, OME) is one series and one curve, and stays
 * one curve among others in the series of all wells an export joins
 * (lda_series_join()); frames
 * whose names say no time make one curve between them, at their places.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-series-curves.h"
#include "lda-triple-fields.h"

#define UNTIMED "untimed"

/* The field of @frame's curve (lda_triple_field()); the frames whose
 * names say no time are one curve, without a title. */
static char *
curve_of (LdaSeries  *series,
          guint       frame,
          char      **title)
{
  const LdaTriple *triple = lda_series_get_frame (series, frame)->triple;
  char *key = lda_triple_field (triple, lda_series_frame_is_page (series, frame), title);

  return key != NULL ? key : g_strdup (UNTIMED);
}

/**
 * lda_series_curves:
 * @series: a series
 * @n_curves: (out) (optional): how many curves
 *
 * Gives each frame of @series its dead-fraction curve, as said above:
 * numbers from 0, in the order of the curves' first frames.
 *
 * Returns: (transfer full): a curve per frame
 */
guint *
lda_series_curves (LdaSeries *series,
                   guint     *n_curves)
{
  const guint n = lda_series_get_n_frames (series);
  g_autoptr(GHashTable) curves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint *curve = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = NULL;
      char *key = curve_of (series, i, &title);
      gpointer found;

      if (g_hash_table_lookup_extended (curves, key, NULL, &found))
        {
          curve[i] = GPOINTER_TO_UINT (found);
          g_free (key);
        }
      else
        {
          curve[i] = g_hash_table_size (curves);
          g_hash_table_insert (curves, key, GUINT_TO_POINTER (curve[i]));
        }
    }

  if (n_curves != NULL)
    *n_curves = g_hash_table_size (curves);
  return curve;
}

/**
 * lda_series_curve_key:
 * @series: a series
 * @frame: one of its frames
 *
 * What the frames of one curve share, as a string that tells the curves
 * apart: "series:" and the well, "pages:" and the triple's name, or
 * "field:" and the field folded to lower case.  Frames whose names say
 * no time share no field.
 *
 * Returns: (transfer full) (nullable): the key; %NULL for a frame whose
 *   name says no time
 */
char *
lda_series_curve_key (LdaSeries *series,
                      guint      frame)
{
  const LdaTriple *triple = lda_series_get_frame (series, frame)->triple;

  return lda_triple_field (triple, lda_series_frame_is_page (series, frame), NULL);
}

/**
 * lda_series_curve_title:
 * @series: a series
 * @frame: one of its frames
 *
 * What tells the curve of @frame from the others, for a person: its
 * field ("apr303-tile0-3" of apr303-tile0-3_t05), its triple's name
 * when it is a page of a multi-page triple, its well or position.
 *
 * Returns: (transfer full) (nullable): the title; %NULL for the curve of
 *   frames whose names say no time
 */
char *
lda_series_curve_title (LdaSeries *series,
                        guint      frame)
{
  char *title;
  g_autofree char *key = curve_of (series, frame, &title);

  return title;
}
