/* lda-nucleus-hover.c — the nucleus under the pointer: its outline and
 * the evidence of its live/dead call
 *
 * Everything here works on what a run already computed (LdaRunResult's
 * nucleus runs and counts): finding the nucleus is a binary search in one
 * row's runs and its outline walks its bounding box only, so that the
 * pointer stays fast on the largest frames.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lda-nucleus-hover.h"

static void
add_segment (GArray *segments,
             float   x0,
             float   y0,
             float   x1,
             float   y1)
{
  float s[4] = { x0, y0, x1, y1 };

  g_array_append_vals (segments, s, 4);
}

/* The edges between the pixels set in @in and the others: @in is a box of
 * (@w + 2) × (@h + 2) flags whose corner pixel (1, 1) is image pixel
 * (@x0, @y0), with a one-pixel margin of "outside". */
static GArray *
outline_of_box (const guint8 *in,
                guint         x0,
                guint         y0,
                guint         w,
                guint         h)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (float));

#define IN(bx, by) (in[(gsize) (by) * (w + 2) + (bx)])
  for (guint by = 1; by <= h; by++)
    for (guint bx = 1; bx <= w; bx++)
      {
        float x = (float) (x0 + bx - 1), y = (float) (y0 + by - 1);

        if (!IN (bx, by))
          continue;
        if (!IN (bx, by - 1))
          add_segment (segments, x, y, x + 1, y);
        if (!IN (bx, by + 1))
          add_segment (segments, x, y + 1, x + 1, y + 1);
        if (!IN (bx - 1, by))
          add_segment (segments, x, y, x, y + 1);
        if (!IN (bx + 1, by))
          add_segment (segments, x + 1, y, x + 1, y + 1);
      }
#undef IN

  return segments;
}

/**
 * lda_nucleus_outline:
 * @nuclei: labelled nucleus runs
 * @object: the nucleus's counts, for its bounding box
 * @index: the nucleus's index
 *
 * The boundary of the nucleus's pixels, as the edges between its pixels
 * and the others, each a horizontal or vertical segment between pixel
 * corners in image coordinates; touching nuclei split by a line each get
 * their own outline.
 *
 * Returns: (transfer full): an array of floats, four per segment
 *   (x0, y0, x1, y1)
 */
GArray *
lda_nucleus_outline (const LdaRuns   *nuclei,
                     const LdaObject *object,
                     gint             index)
{
  guint x0 = object->x0, y0 = object->y0;
  guint w = object->x1 - object->x0, h = object->y1 - object->y0;
  g_autofree guint8 *in = NULL;

  g_return_val_if_fail (object->x1 > object->x0 && object->y1 > object->y0,
                        g_array_new (FALSE, FALSE, sizeof (float)));
  g_return_val_if_fail (object->y1 <= nuclei->height && object->x1 <= nuclei->width,
                        g_array_new (FALSE, FALSE, sizeof (float)));

  /* The nucleus in its box, with a one-pixel margin of "outside". */
  in = g_malloc0 ((gsize) (w + 2) * (h + 2));
  for (guint y = y0; y < object->y1; y++)
    for (gsize i = nuclei->row_start[y]; i < nuclei->row_start[y + 1]; i++)
      {
        const LdaRun *run = &nuclei->runs[i];

        if ((gint) nuclei->labels[i] != index || run->x1 <= x0 || run->x0 >= object->x1)
          continue;
        for (guint x = MAX (run->x0, x0); x < MIN (run->x1, object->x1); x++)
          in[(gsize) (y - y0 + 1) * (w + 2) + (x - x0 + 1)] = 1;
      }

  return outline_of_box (in, x0, y0, w, h);
}

/**
 * lda_nucleus_outline_of_pixels:
 * @pixels: (element-type guint32): indices y × @width + x of a nucleus's
 *   pixels, as lda_labels_nucleus_find() gives them
 * @width: the image's width
 *
 * As lda_nucleus_outline(), for a nucleus of the mask as corrected by
 * hand, which the pipeline's objects do not describe.
 *
 * Returns: (transfer full): an array of floats, four per segment
 */
GArray *
lda_nucleus_outline_of_pixels (const GArray *pixels,
                               guint         width)
{
  guint x0 = G_MAXUINT, y0 = G_MAXUINT, x1 = 0, y1 = 0, w, h;
  g_autofree guint8 *in = NULL;

  g_return_val_if_fail (width > 0, g_array_new (FALSE, FALSE, sizeof (float)));

  if (pixels->len == 0)
    return g_array_new (FALSE, FALSE, sizeof (float));
  for (guint i = 0; i < pixels->len; i++)
    {
      guint32 p = g_array_index (pixels, guint32, i);

      x0 = MIN (x0, p % width);
      x1 = MAX (x1, p % width + 1);
      y0 = MIN (y0, p / width);
      y1 = MAX (y1, p / width + 1);
    }
  w = x1 - x0;
  h = y1 - y0;
  in = g_malloc0 ((gsize) (w + 2) * (h + 2));
  for (guint i = 0; i < pixels->len; i++)
    {
      guint32 p = g_array_index (pixels, guint32, i);

      in[(gsize) (p / width - y0 + 1) * (w + 2) + (p % width - x0 + 1)] = 1;
    }

  return outline_of_box (in, x0, y0, w, h);
}

/* The evidence for a nucleus object's call. */
static char *
describe_object (int         number,
                 const char *call,
                 gint64      dead_level,
                 double      draq7_share,
                 gboolean    dead,
                 double      mean_draq7,
                 guint       pixels)
{
  /* Translators: the nucleus's number, its call (live or dead), the
   * dead level, the share of its pixels above it, the sign saying
   * whether that share is above one half, its mean Draq7 value and its
   * area in pixels */
  return g_strdup_printf (_("Nucleus %d · %s · Draq7 > %lld in %.0f %% (%s ½) · "
                            "mean Draq7 %.0f · %u px"),
                          number, call, (long long) dead_level, 100.0 * draq7_share,
                          dead ? ">" : "≤", mean_draq7, pixels);
}

/**
 * lda_nucleus_describe_widest:
 *
 * The evidence lda_nucleus_describe() gives, with the widest values it
 * may hold in practice: for measuring where it fits.
 *
 * Returns: (transfer full): the text
 */
char *
lda_nucleus_describe_widest (void)
{
  return describe_object (9999, C_("nucleus", "dead"), 65535, 1.0, TRUE, 65535.0, 99999);
}

/**
 * lda_nucleus_describe:
 * @result: a run's result
 * @index: a nucleus's index in its counts
 *
 * The evidence of the nucleus's live/dead call, as the pipeline made it:
 * with nucleus objects, the share of its pixels whose Draq7 value is above
 * the dead level (dead when more than half); with the article's rule, its
 * Draq7 pixels against its Hoechst-only pixels (dead when more).
 *
 * Returns: (transfer full): one line for the read-out
 */
char *
lda_nucleus_describe (const LdaRunResult *result,
                      gint                index)
{
  const LdaObject *o;
  const char *call;

  g_return_val_if_fail (result->counts != NULL, NULL);
  g_return_val_if_fail (index >= 0 && (guint) index < result->counts->n_objects, NULL);

  o = &result->counts->objects[index];
  call = o->dead ? C_("nucleus", "dead") : C_("nucleus", "live");

  if (result->params.nuclei.objects)
    return describe_object (index + 1, call, result->dead_level, o->draq7_share, o->dead,
                            o->mean_draq7, o->nucleus_pixels);

  /* Translators: the nucleus's number, its call (live or dead), its
   * pixels in the Draq7 mask, the comparison, its pixels only in the
   * Hoechst mask and its area in pixels */
  return g_strdup_printf (_("Nucleus %d · %s · %u Draq7 px %s %u Hoechst-only px · %u px"),
                          index + 1, call, o->draq7, o->dead ? ">" : "≤", o->hoechst_only,
                          o->nucleus_pixels);
}
