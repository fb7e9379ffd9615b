/* lda-union-find.h — the root of a union-find forest's element
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The root of @p in the forest @parent (a root is its own parent),
 * halving the path on the way: each element passed is hung on its
 * grandparent. */
static inline guint32
lda_union_find_root (guint32 *parent,
                     guint32  p)
{
  while (parent[p] != p)
    {
      parent[p] = parent[parent[p]];
      p = parent[p];
    }

  return p;
}

G_END_DECLS
