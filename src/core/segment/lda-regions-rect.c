/* lda-regions-rect.c — the cells of a rectangle of the frame flooded on
 * its own pixels, in two halves on two threads: the preview's flood
 * (lda-regions-coarse.c)
 *
 * A flood of a part of the frame sees none of the nuclei and cell area
 * beyond it: its cells are the whole flood's but where a cell reaches out
 * of it.  So a tall rectangle is cut in two, each half flooded with
 * SEAM_ROWS of the other and kept on its own side of the cut; where one
 * piece of the flood fills the frame (a confluent culture) a whole flood
 * is one thread's work, the halves two threads'.
 *
 * How far the cells reach from their nuclei is measured on the way (the
 * relief, the distance to the nearest nucleus pixel, over the area): the
 * preview at 1:1 floods what the panes show and as much round it as a
 * cell outside may reach into them (lda-pipeline-drag.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-distance.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-regions-rect.h"

/* Where a flood is cut in two halves flooded apart, the rows each floods
 * of the other's, in rows of the frame at full size: a cell's outlines
 * near the cut come out as the whole flood's where the cell lies within
 * them of it.  Planes shrunk by 2^s have SEAM_ROWS >> s such rows. */
#define SEAM_ROWS 48
/* A rectangle this tall or more is cut in two. */
#define HALVES_MIN_ROWS (8 * SEAM_ROWS)
/* The reach is measured on every this many rows. */
#define REACH_ROW_STEP 4
/* The share of the area's pixels that lie no farther from a nucleus
 * pixel than the reach. */
#define REACH_SHARE 0.99
/* Where the rectangle is cut, in 64ths of its rows from the top: in the
 * middle, or, with work beside the halves (its thread takes the second
 * half after it), two thirds of the way down. */
#define CUT_SHARES 64
#define CUT_MIDDLE 32
#define CUT_BESIDE 43

typedef struct
{
  const LdaBitplane *cell_area;
  const LdaBitplane *mask;
  const LdaRuns     *nuclei;
  LdaRect            rect;
  guint              n_parts;
  int                seam;        /* rows */
  guint              lift;
  gint32            *out;         /* the rectangle's corner */
  gsize              stride;
  GCancellable      *cancellable;
  gint               next;        /* the next part not taken: the side's first */
  gint               unknown[2];
  guint             *reach;       /* per relief level, or NULL */
  GError            *errors[2];
  guint              cut_share;   /* of CUT_SHARES */
  LdaRegionsSideFunc side;        /* nullable */
  gpointer           side_data;
  gboolean           side_failed;
  GError            *side_error;
} Halves;

/* Into @hist, per relief level, how many of the area's pixels of rows
 * @y0 to @y1 of @flooded (every REACH_ROW_STEP-th) lie at it. */
static void
add_reach (const LdaRegions  *flooded,
           const LdaBitplane *area,
           int                y0,
           int                y1,
           guint             *hist)
{
  const guint n_words = (area->width + 63) / 64;

  for (int y = y0; y < y1; y += REACH_ROW_STEP)
    {
      const guint64 *bits = lda_bitplane_row (area, (guint) y);
      const guint8 *relief = flooded->relief + (gsize) y * flooded->width;

      for (guint word = 0; word < n_words; word++)
        for (guint64 b = bits[word] & (word + 1 == n_words ? lda_bitplane_last_mask (area) : G_MAXUINT64);
             b != 0; b &= b - 1)
          hist[relief[word * 64 + (guint) __builtin_ctzll (b)]]++;
    }
}

/* Half @i of the job flooded on its own pixels and the seam's rows
 * round the cut, and put in place but on the rectangle's ring and past
 * the cut. */
static void
flood_half (Halves *job,
            guint   i)
{
  const LdaRect *r = &job->rect;
  const int cut = job->n_parts == 1 ? r->y + r->height :
                  r->y + (int) ((gint64) r->height * job->cut_share / CUT_SHARES);
  const int first = i == 0 ? r->y : cut - job->seam;
  const int last = i == 0 ? (job->n_parts == 1 ? cut : cut + job->seam) : r->y + r->height;
  const int keep0 = i == 0 ? r->y + 1 : cut, keep1 = i == 0 && job->n_parts > 1 ? cut : r->y + r->height - 1;
  const LdaRect part = { r->x, first, r->width, last - first };
  g_autoptr(LdaBitplane) area = NULL;
  g_autoptr(LdaRegions) flooded = NULL;
  LdaBitplane *part_mask;
  LdaRuns *part_nuclei;
  LdaRegionsPrep *prep;
  GError **error = &job->errors[i];

  if (!(area = lda_bitplane_new_crop (job->cell_area, (guint) part.x, (guint) part.y,
                                      (guint) part.width, (guint) part.height, error)) ||
      !(part_mask = lda_bitplane_new_crop (job->mask, (guint) part.x, (guint) part.y,
                                           (guint) part.width, (guint) part.height, error)))
    return;
  if (!(part_nuclei = lda_runs_new_crop (job->nuclei, (guint) part.x, (guint) part.y,
                                          (guint) part.width, (guint) part.height, error)))
    {
      lda_bitplane_free (part_mask);
      return;
    }
  if (!(prep = lda_regions_prep_new_for_runs (part_mask, part_nuclei, error)))
    return;
  lda_regions_prep_set_lift (prep, job->lift);
  if (job->reach != NULL)
    lda_regions_prep_keep_relief (prep);
  if (!(flooded = lda_regions_new_prepared (prep, area, job->cancellable, error)))
    return;
  if (job->reach != NULL)
    add_reach (flooded, area, keep0 - first, keep1 - first, job->reach + i * (LDA_RELIEF_MAX + 1));
  for (int y = keep0; y < keep1; y++)
    memcpy (job->out + (gsize) (y - r->y) * job->stride + 1,
            flooded->regions + (gsize) (y - first) * part.width + 1,
            (gsize) (part.width - 2) * sizeof (gint32));
  job->unknown[i] = (gint) MIN (flooded->unknown, G_MAXINT);
}

/* How many parts a job has: its halves, and the work beside them. */
static guint
n_tasks (const Halves *job)
{
  return job->n_parts + (job->side != NULL ? 1 : 0);
}

/* The parts, one at a time until none is left, each on its own: the
 * work beside the halves first, then the halves. */
static void
flood_halves_run (Halves *job)
{
  gboolean alone = lda_helper_is_alone ();
  const guint first_half = job->side != NULL ? 1 : 0;
  guint i;

  /* Parts on two threads: none wants a helper of its own. */
  if (n_tasks (job) > 1)
    lda_helper_set_alone (TRUE);
  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < n_tasks (job))
    {
      if (i < first_half)
        {
          job->side_failed = !job->side (job->side_data, &job->side_error);
        }
      else
        flood_half (job, i - first_half);
    }
  lda_helper_set_alone (alone);
}

static gpointer
flood_halves_thread (gpointer data)
{
  flood_halves_run (data);
  return NULL;
}

/**
 * lda_regions_flood_rect:
 * @cell_area: the cell area mask
 * @mask: the nucleus mask
 * @nuclei: its objects, labelled
 * @r: the rectangle of them to flood
 * @shift: how much the planes are shrunk from the frame, as a power of
 *   two (0 at full size): the seam between the halves is as wide in the
 *   frame's pixels at any size
 * @lift: raises the relief inside the area (lda_regions_prep_set_lift())
 * @out: (inout): where @r's regions go: its top left pixel's
 * @stride: how far apart @out's rows are, in pixels
 * @unknown: (out) (optional): how many pixels the flood filled
 * @reach: (out) (optional): how far the cells reach from their nuclei:
 *   the distance to the nearest nucleus pixel that REACH_SHARE of the
 *   area's pixels in @r lie within
 * @side: (nullable): work that touches nothing the flood does, done as
 *   one more part of it, before its halves: by this thread or the
 *   second, whichever is free first
 * @side_data: for @side
 * @cancellable: (nullable): polled within the flood
 * @error: return location for an error
 *
 * The cells of @r, flooded on its own pixels, in two halves on two
 * threads when it is tall enough (a preview: where one piece of the
 * flood fills the frame, one thread would flood it all), and put in
 * @out but on @r's ring, the wall of that flood, which stays as it
 * was.  With @side, the two threads share it and the halves: where the
 * preview at 1:1 floods the rest of the frame coarse on one thread and
 * what the panes show in two halves, the two floods run side by side,
 * not one after the other.
 *
 * Returns: %FALSE if cancelled, out of memory, or @side failed
 */
gboolean
lda_regions_flood_rect (const LdaBitplane  *cell_area,
                        const LdaBitplane  *mask,
                        const LdaRuns      *nuclei,
                        const LdaRect      *r,
                        guint               shift,
                        guint               lift,
                        gint32             *out,
                        gsize               stride,
                        gsize              *unknown,
                        guint              *reach,
                        LdaRegionsSideFunc  side,
                        gpointer            side_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  guint hist[2 * (LDA_RELIEF_MAX + 1)] = { 0, };
  Halves job = { cell_area, mask, nuclei, *r, r->height >= HALVES_MIN_ROWS ? 2 : 1,
                 MAX (SEAM_ROWS >> MIN (shift, 8u), 8), lift, out, stride, cancellable, 0,
                 { 0, 0 }, reach != NULL ? hist : NULL, { NULL, NULL },
                 side != NULL ? CUT_BESIDE : CUT_MIDDLE, side, side_data, FALSE, NULL };
  LdaHelper *helper = n_tasks (&job) > 1 ? lda_helper_start ("lda-coarse-half", flood_halves_thread, &job) : NULL;

  flood_halves_run (&job);
  lda_helper_finish (helper);
  if (job.side_failed)
    {
      /* A side that fails says why (LdaRegionsSideFunc). */
      g_warn_if_fail (job.side_error != NULL);
      if (job.side_error != NULL)
        g_propagate_error (error, g_steal_pointer (&job.side_error));
      g_clear_error (&job.errors[0]);
      g_clear_error (&job.errors[1]);
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    if (job.errors[i] != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&job.errors[i]));
        g_clear_error (&job.errors[1 - i]);
        return FALSE;
      }
  if (unknown != NULL)
    *unknown = (gsize) job.unknown[0] + (gsize) job.unknown[1];
  if (reach != NULL)
    {
      guint64 n = 0, within = 0;

      for (guint level = 0; level <= LDA_RELIEF_MAX; level++)
        {
          hist[level] += hist[LDA_RELIEF_MAX + 1 + level];
          n += hist[level];
        }
      for (*reach = 0; *reach < LDA_RELIEF_MAX; (*reach)++)
        if ((within += hist[*reach]) >= REACH_SHARE * n)
          break;
    }

  return TRUE;
}
