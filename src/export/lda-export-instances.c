/* lda-export-instances.c — instance labels of a corrected mask
 *
 * The objects of the 5-class mask as the person corrected it, one label
 * each, for Cellpose, StarDist and other instance segmentation tools:
 *
 * - a nucleus is a connected component of classes 3 and 4, with the
 *   connectivity the frame's parameters count with (4 for nucleus
 *   objects, 8 for the article's nuclei), numbered 1, 2, … in the raster
 *   order of its first pixel — the nuclei counts.csv counts;
 * - cell k is the part of the cell area (classes 1, 3 and 4) that the
 *   core's seeded watershed (lda-watershed.c) gives to nucleus k, so a
 *   cell and its nucleus share their label; cell area with no nucleus
 *   stays 0, and so do the outlines.  On the image's outermost ring,
 *   which the watershed leaves out, a cell pixel takes the label of its
 *   inner neighbour.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lda-compose.h"
#include "lda-error.h"
#include "lda-export-instances.h"
#include "lda-split.h"
#include "lda-watershed.h"

/**
 * lda_export_instances:
 * @labels: a #LDA_PIXEL_U8 5-class mask
 * @connectivity: 4 or 8, for the nuclei
 * @cancellable: (nullable): passed to the watershed
 * @nuclei: (out) (transfer full): #LDA_PIXEL_U16 nucleus labels
 * @cells: (out) (transfer full): #LDA_PIXEL_U16 cell labels
 * @n_objects: (out): the number of nuclei, the last label
 * @error: return location for an error
 *
 * Returns: %FALSE when cancelled, out of memory, or with more than
 *   65535 nuclei (they would not fit 16 bits)
 */
gboolean
lda_export_instances (const LdaImage *labels,
                      guint           connectivity,
                      GCancellable   *cancellable,
                      LdaImage      **nuclei,
                      LdaImage      **cells,
                      guint          *n_objects,
                      GError        **error)
{
  const guint w = labels->width;
  const guint h = labels->height;
  const guint8 *pixels = lda_image_u8 (labels);
  g_autoptr(LdaBitplane) nucleus_plane = NULL;
  g_autoptr(LdaBitplane) cell_plane = NULL;
  g_autoptr(LdaRuns) runs = NULL;
  g_autoptr(LdaRegions) regions = NULL;
  g_autoptr(LdaImage) nucleus_image = NULL;
  g_autoptr(LdaImage) cell_image = NULL;
  LdaNuclei objects = { 0, };
  guint16 *out;

  g_return_val_if_fail (labels->type == LDA_PIXEL_U8, FALSE);
  g_return_val_if_fail (connectivity == 4 || connectivity == 8, FALSE);

  nucleus_plane = lda_bitplane_new_from_values (pixels, w, h,
                                                (1u << LDA_CLASS_HOECHST) | (1u << LDA_CLASS_DRAQ7),
                                                error);
  /* The outlines are area the flood crosses, as in the pipeline, whose
   * cell area holds them: taken as background, they made the flood draw
   * its own outline again on the cell pixels beside them, a band of one
   * pixel left out of every cell. */
  cell_plane = nucleus_plane != NULL
               ? lda_bitplane_new_from_values (pixels, w, h,
                                               (1u << LDA_CLASS_CELL) | (1u << LDA_CLASS_OUTLINE),
                                               error)
               : NULL;
  if (cell_plane == NULL)
    return FALSE;

  runs = lda_runs_new_from_bitplane (nucleus_plane, TRUE, error);
  if (runs == NULL)
    return FALSE;
  lda_runs_label (runs, connectivity);
  if (runs->n_components > G_MAXUINT16)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("%u nuclei do not fit the 16 bits of an instance label image"),
                   runs->n_components);
      return FALSE;
    }

  nucleus_image = lda_image_new (LDA_PIXEL_U16, w, h, error);
  cell_image = nucleus_image != NULL ? lda_image_new (LDA_PIXEL_U16, w, h, error) : NULL;
  if (cell_image == NULL)
    return FALSE;

  out = lda_image_u16 (nucleus_image);
  for (gsize i = 0; i < runs->n_runs; i++)
    {
      const LdaRun *run = &runs->runs[i];

      for (guint x = run->x0; x < run->x1; x++)
        out[(gsize) run->y * w + x] = (guint16) (runs->labels[i] + 1);
    }

  /* The watershed the pipeline separates cells with, seeded by these
   * nuclei and confined to the corrected cell area. */
  objects.width = w;
  objects.height = h;
  objects.mask = nucleus_plane;
  objects.objects = runs;
  regions = lda_regions_new_from_nuclei (cell_plane, &objects, cancellable, error);
  if (regions == NULL)
    return FALSE;

  out = lda_image_u16 (cell_image);
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      gint32 region = regions->regions[i];
      guint8 v = pixels[i];

      if (region >= LDA_REGION_FIRST_CELL &&
          (v == LDA_CLASS_CELL || v == LDA_CLASS_HOECHST || v == LDA_CLASS_DRAQ7))
        out[i] = (guint16) (region - LDA_REGION_FIRST_CELL + 1);
    }

  /* The watershed leaves the image's outermost ring out; there a cell
   * takes its nucleus' label, or its inner neighbour's. */
  if (w >= 3 && h >= 3)
    for (guint y = 0; y < h; y++)
      for (guint x = 0; x < w; x += (y == 0 || y == h - 1) ? 1 : w - 1)
        {
          gsize i = (gsize) y * w + x;
          gsize inner = (gsize) CLAMP (y, 1, h - 2) * w + CLAMP (x, 1, w - 2);
          guint8 v = pixels[i];

          if (v == LDA_CLASS_HOECHST || v == LDA_CLASS_DRAQ7)
            out[i] = lda_image_u16 (nucleus_image)[i];
          else if (v == LDA_CLASS_CELL)
            out[i] = out[inner];
        }

  *n_objects = runs->n_components;
  *nuclei = g_steal_pointer (&nucleus_image);
  *cells = g_steal_pointer (&cell_image);
  return TRUE;
}
