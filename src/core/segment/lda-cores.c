/* lda-cores.c — the cores of the nuclei of dense fields: where each is
 * brighter than its surroundings
 *
 * Where nuclei lie side by side, as in a confluent monolayer, the mask's
 * threshold takes in the narrow, slightly dimmer gaps between them too:
 * dozens of nuclei become one blob whose outline says nothing of the
 * nuclei inside, and the maxima of its distance map cannot split it.
 * What still separates them is their stain: each nucleus is brighter than
 * the gaps around it.  A core pixel is a pixel of the mask brighter than
 * the mean of its neighbourhood, about two nuclei across (a box of
 * 13 × 13 blocks of 4 × 4 pixels, twice, so that the nearer pixels weigh
 * more): in a
 * dense field that mean lies between the nuclei and the gaps, and the
 * cores come apart where the gaps are; where nuclei stand alone on the
 * background, the mean is near the background's and the whole nucleus is
 * core.  The split (lda-split.c) seeds from the distance map of the cores.
 *
 * Brightness is each channel's signal measured from its dark level in
 * units of its threshold, so that Hoechst and Draq7 weigh alike, and the
 * brighter of the two: a dead nucleus pressed against a live one is a core
 * of its own wherever it outshines the live one's edge.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-cores.h"
#include "lda-helper.h"

/* Half the side of the box of the neighbourhood, and its passes; the
 * mean is taken over blocks of BLOCK × BLOCK pixels, which is as smooth
 * at this scale and sixteen times less work. */
#define NEIGHBOURHOOD_RADIUS 24
#define NEIGHBOURHOOD_PASSES 2
#define BLOCK                4
/* Block rows a thread takes at a time. */
#define ROW_CHUNK            16

/* One box pass along a line of @n values, through @tmp. */
static void
box_line (float *line,
          guint  n,
          guint  r,
          float *tmp)
{
  const float scale = 1.0f / (2 * r + 1);
  float sum = 0.0f;

  memcpy (tmp, line, n * sizeof (float));

  /* Edges repeat their last value. */
  for (guint k = 0; k <= 2 * r; k++)
    sum += tmp[k < r ? 0 : MIN (k - r, n - 1)];
  for (guint i = 0; i < n; i++)
    {
      line[i] = sum * scale;
      sum += tmp[MIN (i + r + 1, n - 1)] - tmp[i < r ? 0 : i - r];
    }
}

/* One box pass down columns x0 … x1 of every row, a row at a time; @ring
 * keeps the rows' values from before the pass while they are needed. */
static void
box_columns (float *signal,
             guint  width,
             guint  height,
             guint  x0,
             guint  x1,
             int    r,
             float *sum,
             float *ring)
{
  const guint n_ring = 2 * r + 2;
  const float scale = 1.0f / (2 * r + 1);
  const guint cols = x1 - x0;

  memset (sum, 0, cols * sizeof (float));
  for (int k = -r; k <= r; k++)
    {
      const float *row = signal + (gsize) CLAMP (k, 0, (int) height - 1) * width + x0;

      for (guint x = 0; x < cols; x++)
        sum[x] += row[x];
    }

  for (guint y = 0; y < height; y++)
    {
      float *row = signal + (gsize) y * width + x0;
      /* The row coming in is below this one, not yet written; the one
       * going out is above it, in the ring. */
      const float *in = signal + (gsize) MIN (y + r + 1, height - 1) * width + x0;
      const float *out = ring + (gsize) ((guint) MAX ((int) y - r, 0) % n_ring) * cols;

      memcpy (ring + (gsize) (y % n_ring) * cols, row, cols * sizeof (float));
      for (guint x = 0; x < cols; x++)
        row[x] = sum[x] * scale;
      if (y + 1 < height)
        for (guint x = 0; x < cols; x++)
          sum[x] += in[x] - out[x];
    }
}

typedef struct
{
  float   *signal;
  guint    width;
  guint    height;
  gboolean columns;   /* down columns, else along rows */
  guint    radius;
  guint    passes;
  gint     next;      /* the next chunk of lines not taken, shared */
} SmoothJob;

/* Lines (rows, or columns) a thread takes at a time. */
#define LINE_CHUNK 64

/* Takes chunks of lines until none is left. */
static gpointer
smooth_part (gpointer data)
{
  SmoothJob *job = data;
  const guint n = job->columns ? job->width : job->height;
  g_autofree float *sum = NULL;
  g_autofree float *ring = NULL;
  g_autofree float *tmp = NULL;

  if (job->columns)
    {
      sum = g_new (float, LINE_CHUNK);
      ring = g_new (float, (gsize) LINE_CHUNK * (2 * job->radius + 2));
    }
  else
    tmp = g_new (float, job->width);

  for (;;)
    {
      const guint from = (guint) g_atomic_int_add (&job->next, LINE_CHUNK);
      const guint to = MIN (from + LINE_CHUNK, n);

      if (from >= n)
        break;
      if (job->columns)
        for (guint pass = 0; pass < job->passes; pass++)
          box_columns (job->signal, job->width, job->height, from, to, (int) job->radius,
                       sum, ring);
      else
        for (guint y = from; y < to; y++)
          for (guint pass = 0; pass < job->passes; pass++)
            box_line (job->signal + (gsize) y * job->width, job->width, job->radius, tmp);
    }

  return NULL;
}

/* Along rows, then down columns, each shared between this thread and a
 * second one (lda-helper.c). */
static void
smooth (float *signal,
        guint  width,
        guint  height,
        guint  radius,
        guint  passes)
{
  for (guint columns = 0; columns < 2; columns++)
    {
      SmoothJob job = { signal, width, height, columns, radius, passes, 0 };
      LdaHelper *helper = (columns ? width : height) > LINE_CHUNK ?
                          lda_helper_start ("lda-cores", smooth_part, &job) : NULL;

      smooth_part (&job);
      lda_helper_finish (helper);
    }
}

/* One channel's signal along @n pixels from @start: (v − dark) × scale. */
static void
channel_row (const LdaImage *image,
             gsize           start,
             guint           n,
             float           dark,
             float           scale,
             float          *out)
{
  if (image->type == LDA_PIXEL_U8)
    {
      const guint8 *v = lda_image_u8 (image) + start;

      for (guint x = 0; x < n; x++)
        out[x] = ((float) v[x] - dark) * scale;
    }
  else
    {
      const guint16 *v = lda_image_u16 (image) + start;

      for (guint x = 0; x < n; x++)
        out[x] = ((float) v[x] - dark) * scale;
    }
}

typedef struct
{
  const LdaNucleusSignal *signal;
  const LdaBitplane      *mask;
  LdaBitplane            *cores;
  float                  *m;        /* block means, bw × bh */
  guint                   bw;
  guint                   bh;
  guint                   by0;      /* block rows by0 … by1 */
  guint                   by1;
  void                  (*func) (gpointer job);
  gint                   *next;     /* the next block row not taken */
  float                   dark[2];
  float                   scale[2];
  float                  *row;      /* a row's brightness, the thread's own */
  float                  *other;    /* and the second channel's */
} CoresJob;

/* The brightness of row @y: the brighter of the two channels' signals,
 * into job->row. */
static void
brightness_row (const CoresJob *job,
                guint           y)
{
  const guint w = job->mask->width;
  const gsize start = (gsize) y * w;

  channel_row (job->signal->image[0], start, w, job->dark[0], job->scale[0], job->row);
  channel_row (job->signal->image[1], start, w, job->dark[1], job->scale[1], job->other);
  for (guint x = 0; x < w; x++)
    job->row[x] = MAX (job->row[x], job->other[x]);
}

/* The mean of each block of BLOCK × BLOCK pixels in block rows by0 … by1
 * (fewer at the right and bottom edges). */
static void
block_means (gpointer data)
{
  CoresJob *job = data;
  const guint w = job->mask->width, h = job->mask->height;

  /* Each block's sum takes its pixels of a row in order, as one pixel at
   * a time would, so the same floats; the blocks side by side, which do
   * not wait for each other. */
  for (guint y = job->by0 * BLOCK; y < MIN (job->by1 * BLOCK, h); y++)
    {
      float *sums = job->m + (gsize) (y / BLOCK) * job->bw;

      brightness_row (job, y);
      for (guint j = 0; j < BLOCK; j++)
        for (guint bx = 0; bx * BLOCK + j < w; bx++)
          sums[bx] += job->row[bx * BLOCK + j];
    }
  for (guint by = job->by0; by < job->by1; by++)
    for (guint bx = 0; bx < job->bw; bx++)
      {
        guint n = (MIN ((bx + 1) * BLOCK, w) - bx * BLOCK) * (MIN ((by + 1) * BLOCK, h) - by * BLOCK);

        job->m[(gsize) by * job->bw + bx] /= (float) n;
      }
}

/* The mask's pixels brighter than their neighbourhood's mean, in block
 * rows by0 … by1: whole words of the plane, so two threads never share
 * one. */
static void
brighter (gpointer data)
{
  CoresJob *job = data;
  const guint h = job->mask->height;

  for (guint y = job->by0 * BLOCK; y < MIN (job->by1 * BLOCK, h); y++)
    {
      const guint64 *row = lda_bitplane_row (job->mask, y);
      guint64 *out = (guint64 *) lda_bitplane_row (job->cores, y);
      const float *mean = job->m + (gsize) (y / BLOCK) * job->bw;
      gboolean any = FALSE;

      for (gsize k = 0; k < job->mask->stride && !any; k++)
        any = row[k] != 0;
      if (!any)
        continue;

      brightness_row (job, y);
      for (gsize k = 0; k < job->mask->stride; k++)
        for (guint64 bits = row[k]; bits != 0; bits &= bits - 1)
          {
            guint b = (guint) __builtin_ctzll (bits);
            guint x = (guint) (k * 64) + b;

            if (job->row[x] > mean[x / BLOCK])
              out[k] |= G_GUINT64_CONSTANT (1) << b;
          }
    }
}

/* Block rows ROW_CHUNK at a time from the shared counter, until none is
 * left: whichever thread is free takes them. */
static gpointer
take_rows (gpointer data)
{
  CoresJob job = *(const CoresJob *) data;
  g_autofree float *row = g_new (float, 2 * (gsize) job.mask->width);

  job.row = row;
  job.other = row + job.mask->width;
  for (;;)
    {
      guint by0 = (guint) g_atomic_int_add (job.next, ROW_CHUNK);

      if (by0 >= job.bh)
        break;
      job.by0 = by0;
      job.by1 = MIN (by0 + ROW_CHUNK, job.bh);
      job.func (&job);
    }

  return NULL;
}

/* Runs @func over all the block rows on this thread and a second one. */
static void
on_two_threads (const CoresJob *job,
                void          (*func) (gpointer job))
{
  gint next = 0;
  CoresJob shared = *job;
  LdaHelper *helper;

  shared.func = func;
  shared.next = &next;
  helper = job->bh > ROW_CHUNK ? lda_helper_start ("lda-cores", take_rows, &shared) : NULL;
  take_rows (&shared);
  lda_helper_finish (helper);
}

/**
 * lda_cores_new:
 * @signal: the nucleus channels, their dark levels and thresholds
 * @mask: the nuclei's mask (Hoechst ∪ Draq7)
 * @cores: (inout): a bit plane of the mask's size; the cores are set in it
 * @error: return location for an error
 *
 * Finds the pixels of @mask brighter than their neighbourhood, as
 * described at the top of this file.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_cores_new (const LdaNucleusSignal *signal,
               const LdaBitplane      *mask,
               LdaBitplane            *cores,
               GError                **error)
{
  const guint w = mask->width, h = mask->height;
  const guint bw = (w + BLOCK - 1) / BLOCK, bh = (h + BLOCK - 1) / BLOCK;
  g_autofree float *m = g_try_malloc0_n ((gsize) bw * bh, sizeof (float));
  float dark[2], scale[2];
  CoresJob job;

  g_return_val_if_fail (signal->image[0] != NULL && signal->image[1] != NULL, FALSE);
  g_return_val_if_fail (signal->image[0]->width == w && signal->image[0]->height == h, FALSE);
  g_return_val_if_fail (signal->image[1]->width == w && signal->image[1]->height == h, FALSE);

  if (m == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to split the nuclei of a %u × %u image"), w, h);
      return FALSE;
    }

  for (guint c = 0; c < 2; c++)
    {
      double range = (double) signal->threshold[c] - (double) signal->dark[c];

      dark[c] = (float) signal->dark[c];
      scale[c] = (float) (1.0 / MAX (range, 1.0));
    }

  /* The mean of each block, then the neighbourhood's mean over the
   * blocks; both passes over the pixels shared between two threads. */
  job = (CoresJob) { signal, mask, cores, m, bw, bh, 0, 0, NULL, NULL,
                     { dark[0], dark[1] }, { scale[0], scale[1] }, NULL, NULL };
  on_two_threads (&job, block_means);
  smooth (m, bw, bh, NEIGHBOURHOOD_RADIUS / BLOCK, NEIGHBOURHOOD_PASSES);
  on_two_threads (&job, brighter);

  return TRUE;
}
