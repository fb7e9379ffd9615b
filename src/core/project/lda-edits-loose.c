/* lda-edits-loose.c — outline an eraser brings back inside one nucleus
 *
 * Two nuclei joined with Shift held are one nucleus: the line that split
 * them became nucleus too.  An eraser stroke across that nucleus takes
 * the correction away where it goes, and the automatic mask's line shows
 * there again: a piece of outline inside the nucleus, splitting nothing,
 * that the counts and a network would take for a cell's outline.  A
 * piece of outline the eraser brought back that touches one nucleus and
 * nothing else (no cell area, no background, no other nucleus, not the
 * frame's edge) is given that nucleus's class, in the stroke's undo
 * step.  Erased whole, the line splits the two nuclei again, and stays.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-edits-private.h"

/* A piece larger than this is a cell's outline, not a nucleus's line. */
#define PIECE_MAX 20000

/* The outline piece at @start in @shown (8-connected), in @piece, and
 * whether it touches nothing but nucleus pixels; @seed is one of those. */
static gboolean
gather_enclosed (const guint8 *shown,
                 guint         w,
                 guint         h,
                 guint32       start,
                 LdaBitplane  *seen,
                 GArray       *piece,
                 guint32      *seed)
{
  gboolean enclosed = TRUE;
  gboolean have_seed = FALSE;

  g_array_set_size (piece, 0);
  g_array_append_val (piece, start);
  lda_bitplane_set (seen, start % w, start / w, TRUE);
  for (guint i = 0; i < piece->len; i++)
    {
      const guint32 p = g_array_index (piece, guint32, i);
      const gint x = (gint) (p % w), y = (gint) (p / w);

      for (gint dy = -1; dy <= 1; dy++)
        for (gint dx = -1; dx <= 1; dx++)
          {
            const gint nx = x + dx, ny = y + dy;
            guint32 q;

            if (dx == 0 && dy == 0)
              continue;
            if (nx < 0 || ny < 0 || (guint) nx >= w || (guint) ny >= h)
              {
                enclosed = FALSE;
                continue;
              }
            q = (guint32) ny * w + (guint32) nx;
            if (lda_is_nucleus_class (shown[q]))
              {
                if (!have_seed)
                  *seed = q;
                have_seed = TRUE;
              }
            else if (shown[q] != LDA_CLASS_OUTLINE || piece->len >= PIECE_MAX)
              enclosed = FALSE;
            else if (!lda_bitplane_get (seen, (guint) nx, (guint) ny))
              {
                lda_bitplane_set (seen, (guint) nx, (guint) ny, TRUE);
                g_array_append_val (piece, q);
              }
          }
    }

  return enclosed && have_seed;
}

/* Whether every nucleus pixel beside @piece is one of @nucleus's. */
static gboolean
one_nucleus_beside (const guint8      *shown,
                    guint              w,
                    guint              h,
                    const GArray      *piece,
                    const LdaBitplane *nucleus)
{
  for (guint i = 0; i < piece->len; i++)
    {
      const guint32 p = g_array_index (piece, guint32, i);
      const gint x = (gint) (p % w), y = (gint) (p / w);

      for (gint dy = -1; dy <= 1; dy++)
        for (gint dx = -1; dx <= 1; dx++)
          {
            const gint nx = x + dx, ny = y + dy;

            if (nx < 0 || ny < 0 || (guint) nx >= w || (guint) ny >= h)
              continue;
            if (lda_is_nucleus_class (shown[(gsize) ny * w + (guint) nx]) &&
                !lda_bitplane_get (nucleus, (guint) nx, (guint) ny))
              return FALSE;
          }
    }
  return TRUE;
}

/**
 * lda_edits_erase_lines:
 * @self: the edits an eraser stroke has just been applied to (and
 *   lda_edits_erase_classes())
 * @automatic: the automatic mask
 * @merged: the corrected mask, the stroke included
 * @stroke: the rectangle the stroke changed
 * @before: @self's pixels before the stroke
 * @connectivity: how nucleus pixels join, 4 or 8
 * @dirty: (inout): grown by what was changed
 *
 * Each piece of outline of @merged with a pixel whose correction the
 * stroke erased, and that touches the pixels of one nucleus and nothing
 * else, is given that nucleus's class in @self.  @merged is not changed:
 * merge @dirty again.
 *
 * Returns: how many pixels changed
 */
gsize
lda_edits_erase_lines (LdaEdits       *self,
                       const LdaImage *automatic,
                       const LdaImage *merged,
                       const LdaRect  *stroke,
                       const guint8   *before,
                       guint           connectivity,
                       LdaRect        *dirty)
{
  const guint w = merged->width, h = merged->height;
  const guint8 *shown = lda_image_u8 (merged);
  const guint8 *found = lda_image_u8 (automatic);
  g_autoptr(LdaBitplane) seen = NULL;
  g_autoptr(GArray) piece = NULL;
  LdaRect changed = { 0, };
  gsize n_changed = 0;

  g_return_val_if_fail (lda_edits_fits (self, merged) && lda_edits_fits (self, automatic), 0);

  if (before == NULL || lda_rect_is_empty (stroke) || !(seen = lda_bitplane_new (w, h, NULL)))
    return 0;
  piece = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (gint y = MAX (stroke->y, 0); y < MIN (stroke->y + stroke->height, (gint) h); y++)
    for (gint x = MAX (stroke->x, 0); x < MIN (stroke->x + stroke->width, (gint) w); x++)
      {
        const guint32 at = (guint32) y * w + (guint32) x;
        g_autoptr(GArray) nucleus = NULL;
        g_autoptr(LdaBitplane) plane = NULL;
        guint32 seed = 0;
        guint8 klass;

        if (shown[at] != LDA_CLASS_OUTLINE || before[at] == LDA_NO_EDIT ||
            self->pixels[at] != LDA_NO_EDIT || lda_bitplane_get (seen, (guint) x, (guint) y) ||
            !gather_enclosed (shown, w, h, at, seen, piece, &seed) ||
            !(nucleus = lda_labels_nucleus_find (merged, seed % w, seed / w, connectivity)) ||
            !(plane = lda_edits_plane_of (nucleus, w, h)) ||
            !one_nucleus_beside (shown, w, h, piece, plane))
          continue;

        /* The class the nucleus ends with, its correction or as found. */
        klass = self->pixels[seed] != LDA_NO_EDIT ? self->pixels[seed] : found[seed];
        if (!lda_is_nucleus_class (klass))
          klass = shown[seed];
        for (guint i = 0; i < piece->len; i++)
          {
            const guint32 p = g_array_index (piece, guint32, i);

            self->pixels[p] = klass;
            lda_edits_changed_add (&changed, p % w, p % w, p / w);
            n_changed++;
          }
      }

  lda_edits_changed_to_dirty (&changed, dirty);
  return n_changed;
}
