/* lda-compare.c — orderings of whole numbers for qsort() and g_array_sort()
 *
 * Each returns −1, 0 or 1 from comparisons, never a difference, which
 * would overflow.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-compare.h"

/**
 * lda_compare_guint32:
 * @a: a #guint32
 * @b: another
 *
 * Returns: −1, 0 or 1 as *@a is less than, equal to or greater than *@b
 */
int
lda_compare_guint32 (gconstpointer a,
                     gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/**
 * lda_compare_guint64:
 * @a: a #guint64
 * @b: another
 *
 * Returns: −1, 0 or 1 as *@a is less than, equal to or greater than *@b
 */
int
lda_compare_guint64 (gconstpointer a,
                     gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * lda_compare_gint64:
 * @a: a #gint64
 * @b: another
 *
 * Returns: −1, 0 or 1 as *@a is less than, equal to or greater than *@b
 */
int
lda_compare_gint64 (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}
