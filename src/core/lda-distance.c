/* lda-distance.c — the watershed relief: distance to the nearest nucleus
 *
 * An exact Euclidean distance transform in linear time (Felzenszwalb and
 * Huttenlocher's lower envelope of parabolas, after a column pass).  The
 * relief is clipped to 255, so column distances are clipped to 256: a
 * column whose nearest nucleus pixel is 256 or more rows away can only
 * give distances that clip to 255, and is left out of the envelope.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-distance.h"
#include "lda-error.h"

#define FAR (LDA_RELIEF_MAX + 1)

static inline gboolean
row_bit (const guint64 *row,
         guint          x)
{
  return (row[x >> 6] >> (x & 63)) & 1;
}

static gboolean
row_any (const guint64 *a,
         const guint64 *not_b,
         gsize          n)
{
  for (gsize i = 0; i < n; i++)
    if (a[i] & ~not_b[i])
      return TRUE;
  return FALSE;
}

/* One row of the relief from the column distances g. */
static void
relief_row (const guint16 *g,
            const guint64 *area,
            guint8        *out,
            guint          w,
            guint         *v,
            double        *z)
{
  int k = -1;

  /* Lower envelope of the parabolas (x − q)² + g(q)² of the near columns. */
  for (guint q = 0; q < w; q++)
    {
      double fq;

      if (g[q] >= FAR)
        continue;

      fq = (double) q * q + (double) g[q] * g[q];
      while (k >= 0)
        {
          guint p = v[k];
          double fp = (double) p * p + (double) g[p] * g[p];
          double s = (fq - fp) / (2.0 * ((double) q - p));

          if (s <= z[k])
            k--;
          else
            {
              k++;
              v[k] = q;
              z[k] = s;
              break;
            }
        }
      if (k < 0)
        {
          k = 0;
          v[0] = q;
          z[0] = -HUGE_VAL;
        }
    }

  if (k < 0)
    {
      for (guint x = 0; x < w; x++)
        out[x] = row_bit (area, x) ? LDA_RELIEF_MAX : 0;
      return;
    }

  {
    int j = 0;

    for (guint x = 0; x < w; x++)
      {
        gint64 dx, d2;

        while (j < k && z[j + 1] <= (double) x)
          j++;

        if (!row_bit (area, x))
          {
            out[x] = 0;
            continue;
          }

        dx = (gint64) x - v[j];
        d2 = dx * dx + (gint64) g[v[j]] * g[v[j]];
        /* sqrtf is exact enough: floor(sqrt(n)) for n < 2^16 never rounds
         * up to the next integer in single precision. */
        out[x] = d2 >= (gint64) FAR * FAR ? LDA_RELIEF_MAX : (guint8) sqrtf ((float) d2);
      }
  }
}

typedef struct
{
  const LdaBitplane *nuclei;
  const LdaBitplane *area;
  const guint16     *g;
  guint8            *relief;
  guint              y_start;
  guint              y_end;
  GCancellable      *cancellable;
  guint             *v;
  double            *z;
  gboolean           cancelled;
} RowJob;

static void
row_pass (RowJob *job)
{
  const guint w = job->nuclei->width;

  for (guint y = job->y_start; y < job->y_end; y++)
    {
      const guint64 *area_row = lda_bitplane_row (job->area, y);
      guint8 *out = job->relief + (gsize) y * w;

      if ((y & 63) == 0 && g_cancellable_is_cancelled (job->cancellable))
        {
          job->cancelled = TRUE;
          return;
        }

      if (!row_any (area_row, lda_bitplane_row (job->nuclei, y), job->area->stride))
        {
          memset (out, 0, w);
          continue;
        }

      relief_row (job->g + (gsize) y * w, area_row, out, w, job->v, job->z);
    }
}

static gpointer
row_pass_thread (gpointer data)
{
  row_pass (data);
  return NULL;
}

/**
 * lda_relief:
 * @nuclei: the nucleus pixels
 * @area: where the relief is wanted (cell area ∪ nuclei)
 * @relief: (out caller-allocates): width × height bytes
 * @cancellable: (nullable): polled every 64 rows
 * @error: return location for an error
 *
 * SPEC 2.5 step 4: inside @area, floor of the exact Euclidean distance to
 * the nearest pixel of @nuclei, clipped to 255; 0 outside @area.  With no
 * nucleus at all the whole area is 255.
 *
 * Returns: %FALSE if cancelled or out of memory
 */
gboolean
lda_relief (const LdaBitplane *nuclei,
            const LdaBitplane *area,
            guint8            *relief,
            GCancellable      *cancellable,
            GError           **error)
{
  const guint w = nuclei->width;
  const guint h = nuclei->height;
  g_autofree guint16 *g = NULL;
  g_autofree guint *v = NULL;
  g_autofree double *z = NULL;

  g = g_try_malloc_n ((gsize) w * h, sizeof (guint16));
  v = g_try_malloc_n (w, sizeof (guint));
  z = g_try_malloc_n (w, sizeof (double));
  if (g == NULL || v == NULL || z == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the distance map of a %u × %u image"), w, h);
      return FALSE;
    }

  /* Column pass: vertical distance to the nearest nucleus, down then up. */
  for (guint y = 0; y < h; y++)
    {
      const guint64 *row = lda_bitplane_row (nuclei, y);
      guint16 *gy = g + (gsize) y * w;
      const guint16 *above = y > 0 ? gy - w : NULL;

      for (guint x = 0; x < w; x++)
        {
          if (row_bit (row, x))
            gy[x] = 0;
          else if (above != NULL)
            gy[x] = MIN (above[x] + 1, FAR);
          else
            gy[x] = FAR;
        }
    }
  for (guint y = h - 1; y-- > 0;)
    {
      guint16 *gy = g + (gsize) y * w;
      const guint16 *below = gy + w;

      for (guint x = 0; x < w; x++)
        gy[x] = MIN (gy[x], below[x] + 1);
    }

  /* Row pass, rows split between this thread and a second one: rows are
   * independent once the column distances are known. */
  {
    RowJob jobs[2] = {
      { nuclei, area, g, relief, 0, h / 2, cancellable, v, z },
      { nuclei, area, g, relief, h / 2, h, cancellable, NULL, NULL },
    };
    GThread *thread = NULL;

    if (h >= 64)
      {
        jobs[1].v = g_try_malloc_n (w, sizeof (guint));
        jobs[1].z = g_try_malloc_n (w, sizeof (double));
        if (jobs[1].v != NULL && jobs[1].z != NULL)
          thread = g_thread_try_new ("lda-relief", row_pass_thread, &jobs[1], NULL);
      }
    if (thread == NULL)
      jobs[0].y_end = h;

    row_pass (&jobs[0]);
    if (thread != NULL)
      {
        g_thread_join (thread);
        jobs[0].cancelled = jobs[0].cancelled || jobs[1].cancelled;
      }
    g_free (jobs[1].v);
    g_free (jobs[1].z);

    if (jobs[0].cancelled)
      return !g_cancellable_set_error_if_cancelled (cancellable, error);
  }

  return TRUE;
}
