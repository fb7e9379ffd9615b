/* lda-series-curves.c — which frames of a series one dead-fraction curve
 * joins
 *
 * A curve follows one field through time.  A folder of triples named by
 * field and time (apr303_t05, apr303_t73, lamp1_t74) opens as one series,
 * its frames in name order; joined in time order, its points would draw
 * one zigzag through unrelated fields.  So the frames of one field (the
 * name without its time part, lda-triple-fields.c) make a curve each;
 * the pages of one multi-page triple make one; a well or position
 * (Incucyte, Micro-Manager, OME) is one series and one curve; frames
 * whose names say no time make one curve between them, at their places.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-series-curves.h"
#include "lda-triple-fields.h"

/* What tells @triple's curve from the others'. */
static char *
curve_key (const LdaTriple *triple,
           guint            n_pages)
{
  g_autofree char *field = NULL;
  g_autofree char *folded = NULL;

  if (triple->series != NULL)
    return g_strdup ("series");
  if (n_pages > 1)
    return g_strconcat ("pages:", triple->name, NULL);
  field = lda_triple_name_field (triple->name);
  if (field == NULL)
    return g_strdup ("untimed");
  folded = g_ascii_strdown (field, -1);
  return g_strconcat ("field:", folded, NULL);
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
  g_autoptr(GHashTable) pages = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) curves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint *curve = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      LdaTriple *triple = lda_series_get_frame (series, i)->triple;

      g_hash_table_insert (pages, triple,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (pages, triple)) + 1));
    }

  for (guint i = 0; i < n; i++)
    {
      LdaTriple *triple = lda_series_get_frame (series, i)->triple;
      char *key = curve_key (triple, GPOINTER_TO_UINT (g_hash_table_lookup (pages, triple)));
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
 * lda_series_curve_title:
 * @series: a series
 * @frame: one of its frames
 *
 * What tells the curve of @frame from the others, for a person: its
 * field ("apr303-tile0-3" of apr303-tile0-3_t05), or its triple's name
 * when it is a page of a multi-page triple.
 *
 * Returns: (transfer full) (nullable): the title; %NULL for the curve of
 *   a well or position, or of frames whose names say no time
 */
char *
lda_series_curve_title (LdaSeries *series,
                        guint      frame)
{
  const LdaFrame *f = lda_series_get_frame (series, frame);
  const guint n = lda_series_get_n_frames (series);
  char *field;

  if (f->triple->series != NULL)
    return NULL;
  if ((frame > 0 && lda_series_get_frame (series, frame - 1)->triple == f->triple) ||
      (frame + 1 < n && lda_series_get_frame (series, frame + 1)->triple == f->triple))
    return g_strdup (f->triple->name);
  field = lda_triple_name_field (f->triple->name);
  if (field != NULL && field[0] == '\0')
    g_clear_pointer (&field, g_free);
  return field;
}
