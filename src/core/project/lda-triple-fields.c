/* lda-triple-fields.c — the time and the field in a triple's name
 *
 * A triple's name says when it was taken by a part "t<digits>"
 * (well3_t04: time point 4); what is left once that part is taken out
 * says where (well3: the field).  A folder of several fields' time
 * points (apr303_t05, apr303_t73, lamp1_t74) is one series whose
 * dead-fraction plot draws a curve per field (lda-series-curves.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "lda-triple-fields.h"
#include "lda-triples.h"

/**
 * lda_triple_name_time:
 * @name: a triple's name, e.g. "well3_t04"
 * @start: (out) (optional): where its time part begins
 * @end: (out) (optional): where it ends
 *
 * The time index of @name: the number of its last part (split at "_",
 * "-", "." and spaces) made of "t" or "T" and digits.
 *
 * Returns: the index, or %LDA_NO_TIME_INDEX when no part says one
 */
guint
lda_triple_name_time (const char *name,
                      gsize      *start,
                      gsize      *end)
{
  const gsize len = strlen (name);
  guint index = LDA_NO_TIME_INDEX;
  gsize i = 0;

  while (i < len)
    {
      gsize j = i;

      while (j < len && !lda_name_is_separator (name[j]))
        j++;
      if (j - i >= 2 && (name[i] == 't' || name[i] == 'T') && g_ascii_isdigit (name[i + 1]))
        {
          g_autofree char *part = g_strndup (name + i + 1, j - i - 1);
          char *digits_end;
          guint64 v;

          errno = 0;
          v = g_ascii_strtoull (part, &digits_end, 10);
          if (*digits_end == '\0' && errno == 0 && v < G_MAXUINT)
            {
              index = (guint) v;
              if (start != NULL)
                *start = i;
              if (end != NULL)
                *end = j;
            }
        }
      i = j + 1;
    }

  return index;
}

/**
 * lda_triple_name_field:
 * @name: a triple's name
 *
 * @name without its time part and the separator beside it:
 * "apr303-tile0-3_t05" → "apr303-tile0-3", "A1_t01_f2" → "A1_f2",
 * "t04" → "".
 *
 * Returns: (transfer full) (nullable): the field, %NULL when @name has no
 *   time part
 */
char *
lda_triple_name_field (const char *name)
{
  gsize start, end, before, after;
  GString *field;

  if (lda_triple_name_time (name, &start, &end) == LDA_NO_TIME_INDEX)
    return NULL;

  before = start;
  while (before > 0 && lda_name_is_separator (name[before - 1]))
    before--;
  after = end;
  while (name[after] != '\0' && lda_name_is_separator (name[after]))
    after++;

  field = g_string_new_len (name, (gssize) before);
  if (before > 0 && name[after] != '\0')
    g_string_append_c (field, name[start - 1]);
  g_string_append (field, name + after);

  return g_string_free (field, FALSE);
}

/**
 * lda_triple_field:
 * @triple: a triple
 * @paged: whether the frame is a page of a triple of several (its pages
 *   are its time points)
 * @title: (out) (optional) (transfer full) (nullable): the field as a
 *   person reads it: the well or position, the triple's name when it is
 *   paged, the name without its time part; %NULL when that is empty
 *
 * Where a frame was taken: what the frames of one dead-fraction curve
 * (lda-series-curves.c), one field of a split by field
 * (lda-export-split.c) and one "field" of counts.csv share.  The key
 * tells fields apart: "series:" and the well, "pages:" and the triple's
 * name, or "field:" and the field folded to lower case.
 *
 * Returns: (transfer full) (nullable): the key, %NULL for a frame whose
 *   name says no time
 */
char *
lda_triple_field (const LdaTriple *triple,
                  gboolean         paged,
                  char           **title)
{
  g_autofree char *field = NULL;
  g_autofree char *folded = NULL;
  char *key;

  if (title != NULL)
    *title = NULL;
  /* Titled by the well, which tells it from the others of a joined
   * series (lda_series_join()). */
  if (triple->series != NULL)
    {
      if (title != NULL)
        *title = g_strdup (triple->series);
      return g_strconcat ("series:", triple->series, NULL);
    }
  if (paged)
    {
      if (title != NULL)
        *title = g_strdup (triple->name);
      return g_strconcat ("pages:", triple->name, NULL);
    }
  field = lda_triple_name_field (triple->name);
  if (field == NULL)
    return NULL;
  folded = g_ascii_strdown (field, -1);
  key = g_strconcat ("field:", folded, NULL);
  if (title != NULL && field[0] != '\0')
    *title = g_steal_pointer (&field);
  return key;
}
