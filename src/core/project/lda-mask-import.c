/* lda-mask-import.c — a mask made elsewhere as a frame's corrections
 *
 * Two kinds of label image can start a frame's corrections:
 *
 *  - a 5-class mask (values 0–4, as this program writes): every pixel
 *    becomes a correction, so the frame shows the imported mask as it is,
 *    but that where nuclei are objects, a live nucleus touching a dead one
 *    gives up its pixels along it to a line of class 2 (as a U-Net's mask
 *    may have them touch; the counts take each for its class);
 *  - an instance label image of nuclei (0 background, 1…65 535 one value
 *    per nucleus, as Cellpose, StarDist or a manual labelling write):
 *    each nucleus is called live or dead by the rule the segmentation
 *    uses for its own nuclei (more than half of its pixels above the
 *    Draq7 dead level, lda_pipeline_get_dead_level()) and painted 3 or 4;
 *    where two nuclei touch, a line of class 2 parts them; a label is one
 *    nucleus, its largest piece, the others becoming cell area; a nucleus
 *    of the automatic mask where the image has none becomes cell area
 *    (1); every other pixel keeps the automatic mask (cells and outlines).
 *
 * With LDA_MASK_AUTO, an image whose values are all 0–4 is a 5-class
 * mask, any other an instance image.  Told it is an instance image, an
 * image of values 0–4 whose values each make many nucleus-sized pieces
 * is refused as the 5-class mask it is (a nucleus is one piece).  An
 * image that is not a label image (most neighbouring non-zero pixels
 * differ, as in a micrograph) or not the frame's size is refused, naming
 * the file.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-components.h"
#include "lda-error.h"
#include "lda-mask-import.h"
#include "lda-tiff.h"

/**
 * lda_mask_kind_from_name:
 * @name: "auto", "classes" or "instances"
 * @kind: (out): the kind
 *
 * Returns: %TRUE if @name is one of them
 */
gboolean
lda_mask_kind_from_name (const char  *name,
                         LdaMaskKind *kind)
{
  static const char * const names[] = { "auto", "classes", "instances" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (name, names[i]))
      {
        *kind = (LdaMaskKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Whether @image looks like labels: of the horizontally neighbouring
 * pixel pairs that are both non-zero, at least half are equal.  In a
 * micrograph almost none are. */
static gboolean
looks_like_labels (const LdaImage *image)
{
  const guint16 *px = lda_image_u16 (image);
  guint64 equal = 0, pairs = 0;

  for (guint y = 0; y < image->height; y++)
    {
      const guint16 *row = px + (gsize) y * image->width;

      for (guint x = 0; x + 1 < image->width; x++)
        if (row[x] != 0 && row[x + 1] != 0)
          {
            pairs++;
            equal += row[x] == row[x + 1];
          }
    }

  return pairs == 0 || 2 * equal >= pairs;
}

/* Whether an image of values 0–4 only is a 5-class mask given as
 * instances: some value lies in CLASS_LIKE_PIECES separate pieces or
 * more of CLASS_LIKE_AREA pixels each, as the nuclei of a class do, while
 * a nucleus of an instance image is one piece (and at most a stray pixel
 * or two a labelling tool left).  Sets @value to that value and @pieces to
 * how many such pieces it has. */
#define CLASS_LIKE_PIECES 5
#define CLASS_LIKE_AREA   20

static gboolean
looks_like_classes (const LdaImage  *image,
                    guint           *value,
                    guint           *pieces,
                    GError         **error)
{
  const guint16 *px = lda_image_u16 (image);
  const guint w = image->width;
  guint counts[LDA_CLASS_DRAQ7 + 1] = { 0, };

  for (guint v = 1; v <= LDA_CLASS_DRAQ7; v++)
    {
      g_autoptr(LdaBitplane) plane = lda_bitplane_new (w, image->height, error);
      g_autoptr(LdaRuns) runs = NULL;
      g_autofree guint64 *size = NULL;

      if (plane == NULL)
        return FALSE;
      for (guint y = 0; y < image->height; y++)
        for (guint x = 0; x < w; x++)
          if (px[(gsize) y * w + x] == v)
            lda_bitplane_set (plane, x, y, TRUE);
      if (!(runs = lda_runs_new_from_bitplane (plane, TRUE, error)))
        return FALSE;
      lda_runs_label (runs, 8);
      size = g_new0 (guint64, MAX (runs->n_components, 1));
      for (gsize r = 0; r < runs->n_runs; r++)
        size[runs->labels[r]] += runs->runs[r].x1 - runs->runs[r].x0;
      for (gsize c = 0; c < runs->n_components; c++)
        counts[v] += size[c] >= CLASS_LIKE_AREA;
    }

  *value = 0;
  *pieces = 0;
  for (guint v = 1; v <= LDA_CLASS_DRAQ7; v++)
    if (counts[v] > *pieces)
      {
        *value = v;
        *pieces = counts[v];
      }

  return TRUE;
}

/* A 5-class mask as it is, but where nuclei are objects (4-connected, one
 * class each, as the segmentation paints them) and a live nucleus touches
 * a dead one: the live one's pixels along the dead one become the line
 * between them (class 2), so that the two count as two nuclei, each as
 * its class says, as the components of class 3 and of class 4 do.
 * Returns how many pixels became the line. */
static guint
import_classes (const LdaImage *image,
                guint           connectivity,
                LdaEdits       *edits)
{
  const guint16 *px = lda_image_u16 (image);
  const guint w = image->width, h = image->height;
  guint parted = 0;

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        const gsize i = (gsize) y * w + x;
        gboolean by_dead;

        edits->pixels[i] = (guint8) px[i];
        if (connectivity != 4 || px[i] != LDA_CLASS_HOECHST)
          continue;
        by_dead = (x > 0 && px[i - 1] == LDA_CLASS_DRAQ7) ||
                  (x + 1 < w && px[i + 1] == LDA_CLASS_DRAQ7) ||
                  (y > 0 && px[i - w] == LDA_CLASS_DRAQ7) ||
                  (y + 1 < h && px[i + w] == LDA_CLASS_DRAQ7);
        if (by_dead)
          {
            edits->pixels[i] = LDA_CLASS_OUTLINE;
            parted++;
          }
      }

  return parted;
}

/* Whether the pixel at (@x, @y), of label @l, touches another nucleus's
 * label below it or to its right — and, where nuclei are told apart
 * 8-connected, diagonally below: a line of class 2 goes there. */
static gboolean
touches_other (const guint16 *px,
               guint          width,
               guint          height,
               guint          x,
               guint          y,
               guint          connectivity)
{
  const gsize i = (gsize) y * width + x;
  const guint16 l = px[i];

  if (x + 1 < width && px[i + 1] != 0 && px[i + 1] != l)
    return TRUE;
  if (y + 1 >= height)
    return FALSE;
  if (px[i + width] != 0 && px[i + width] != l)
    return TRUE;
  if (connectivity == 8)
    return (x + 1 < width && px[i + width + 1] != 0 && px[i + width + 1] != l) ||
           (x > 0 && px[i + width - 1] != 0 && px[i + width - 1] != l);

  return FALSE;
}

/* One nucleus per label: where the lines, or the label itself, leave a
 * label in several pieces (a stray pixel a labelling tool left), the
 * largest piece is the nucleus and the others become cell area, so the
 * frame counts as many nuclei as the image has labels.  Counts the
 * labels kept into @info. */
static gboolean
keep_one_piece (const guint16     *px,
                LdaEdits          *edits,
                guint              connectivity,
                const guint32     *area,
                const guint32     *above,
                LdaMaskImportInfo *info,
                GError           **error)
{
  const guint width = edits->width;
  g_autoptr(LdaBitplane) plane = NULL;
  g_autoptr(LdaRuns) runs = NULL;
  g_autofree guint64 *size = NULL;
  g_autofree guint *best = NULL;    /* per label, its largest piece + 1 */

  plane = lda_bitplane_new_from_values (edits->pixels, width, edits->height,
                                        (1u << LDA_CLASS_HOECHST) | (1u << LDA_CLASS_DRAQ7),
                                        error);
  if (plane == NULL)
    return FALSE;
  if (!(runs = lda_runs_new_from_bitplane (plane, TRUE, error)))
    return FALSE;
  lda_runs_label (runs, connectivity);

  size = g_new0 (guint64, MAX (runs->n_components, 1));
  best = g_new0 (guint, 65536);
  for (gsize r = 0; r < runs->n_runs; r++)
    size[runs->labels[r]] += runs->runs[r].x1 - runs->runs[r].x0;
  /* The lines keep labels apart: a piece holds one label. */
  for (gsize r = 0; r < runs->n_runs; r++)
    {
      guint16 l = px[(gsize) runs->runs[r].y * width + runs->runs[r].x0];
      guint piece = runs->labels[r];

      if (best[l] == 0 || size[piece] > size[best[l] - 1])
        best[l] = piece + 1;
    }
  for (gsize r = 0; r < runs->n_runs; r++)
    {
      const LdaRun *run = &runs->runs[r];
      guint16 l = px[(gsize) run->y * width + run->x0];

      if (best[l] != runs->labels[r] + 1)
        memset (edits->pixels + (gsize) run->y * width + run->x0, LDA_CLASS_CELL,
                run->x1 - run->x0);
    }

  for (guint l = 1; l < 65536; l++)
    if (best[l] != 0)
      {
        if (2 * (guint64) above[l] > area[l])
          info->dead++;
        else
          info->live++;
      }

  return TRUE;
}

static gboolean
import_instances (const LdaImage  *image,
                  LdaPipeline     *pipeline,
                  LdaEdits        *edits,
                  LdaMaskImportInfo *info,
                  GError         **error)
{
  const guint16 *px = lda_image_u16 (image);
  const guint16 *draq7 = lda_image_u16 (lda_pipeline_get_input (pipeline, LDA_INPUT_DRAQ7));
  const LdaImage *automatic = lda_pipeline_get_labels (pipeline);
  gint64 level = lda_pipeline_get_dead_level (pipeline);
  guint width = image->width, height = image->height;
  gsize n = (gsize) width * height;
  g_autofree guint32 *area = g_new0 (guint32, 65536);
  g_autofree guint32 *above = g_new0 (guint32, 65536);

  const guint connectivity = lda_params_nucleus_connectivity (lda_pipeline_get_params (pipeline));

  for (gsize i = 0; i < n; i++)
    if (px[i] != 0)
      {
        area[px[i]]++;
        above[px[i]] += draq7[i] > level;
      }

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        gsize i = (gsize) y * width + x;
        guint16 l = px[i];

        if (l == 0)
          {
            guint shown = lda_image_get (automatic, x, y);

            edits->pixels[i] = shown == LDA_CLASS_HOECHST || shown == LDA_CLASS_DRAQ7
                               ? LDA_CLASS_CELL : LDA_NO_EDIT;
          }
        else if (touches_other (px, width, height, x, y, connectivity))
          edits->pixels[i] = LDA_CLASS_OUTLINE;
        else
          edits->pixels[i] = 2 * (guint64) above[l] > area[l] ? LDA_CLASS_DRAQ7 : LDA_CLASS_HOECHST;
      }

  return keep_one_piece (px, edits, connectivity, area, above, info, error);
}

/**
 * lda_mask_import:
 * @path: a label image (TIFF)
 * @kind: what it holds, or %LDA_MASK_AUTO to tell by its values
 * @pipeline: the frame's pipeline, run: its size, its Draq7 image and
 *   dead level, and its automatic mask
 * @edits: the frame's edit layer, of the pipeline's size; replaced
 *   wholly on success, left as it was on failure
 * @info: (out) (optional): what was imported
 * @error: return location for an error
 *
 * Returns: %TRUE on success; on failure the message names @path
 */
gboolean
lda_mask_import (const char         *path,
                 LdaMaskKind         kind,
                 LdaPipeline        *pipeline,
                 LdaEdits           *edits,
                 LdaMaskImportInfo  *info,
                 GError            **error)
{
  g_autoptr(LdaImage) image = NULL;
  g_autoptr(LdaEdits) result = NULL;
  LdaMaskImportInfo found = { LDA_MASK_CLASSES, 0, 0, 0, 0 };
  guint width = lda_pipeline_get_width (pipeline);
  guint height = lda_pipeline_get_height (pipeline);
  guint max = 0;
  guint32 largest = 0;
  gsize n;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (edits != NULL && edits->width == width && edits->height == height,
                        FALSE);

  image = lda_tiff_read_labels (path, &largest, error);
  if (image == NULL)
    return FALSE;

  if (image->width != width || image->height != height)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH,
                   _("%s: %u × %u pixels; the frame’s images are %u × %u"),
                   path, image->width, image->height, width, height);
      return FALSE;
    }

  /* The largest label as the file has it (32-bit labels may have been
   * numbered again, from 1). */
  n = (gsize) width * height;
  max = largest;

  if (!looks_like_labels (image))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: not a label image: most neighbouring pixels differ, as in a "
                     "micrograph; a 5-class mask (0–4) or nuclei labelled 1, 2, 3, … are needed"),
                   path);
      return FALSE;
    }

  if (kind == LDA_MASK_AUTO)
    kind = max <= LDA_CLASS_DRAQ7 ? LDA_MASK_CLASSES : LDA_MASK_INSTANCES;
  if (kind == LDA_MASK_CLASSES && max > LDA_CLASS_DRAQ7)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("%s: values up to %u; a 5-class mask holds 0–4"), path, max);
      return FALSE;
    }

  /* Told the image holds nuclei, but it holds the classes. */
  if (kind == LDA_MASK_INSTANCES && max <= LDA_CLASS_DRAQ7)
    {
      guint value, pieces;

      if (!looks_like_classes (image, &value, &pieces, error))
        return FALSE;
      if (pieces >= CLASS_LIKE_PIECES)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("%s: values 0–4 only, and value %u is %u separate pieces: a 5-class "
                         "mask, not nuclei labelled 1, 2, 3, …; import it as a 5-class mask "
                         "(--kind classes or auto)"),
                       path, value, pieces);
          return FALSE;
        }
    }

  result = lda_edits_new (width, height, error);
  if (result == NULL)
    return FALSE;

  found.kind = kind;
  if (kind == LDA_MASK_CLASSES)
    found.parted = import_classes (image, lda_params_nucleus_connectivity (
                                     lda_pipeline_get_params (pipeline)), result);
  else if (!import_instances (image, pipeline, result, &found, error))
    return FALSE;
  found.nuclei = found.live + found.dead;

  memcpy (edits->pixels, result->pixels, n);
  if (info != NULL)
    *info = found;
  return TRUE;
}
