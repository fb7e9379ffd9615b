/* lda-distance.c — distance maps: the watershed relief (distance to the
 * nearest nucleus) and the depth of a pixel inside a mask (distance to
 * the nearest pixel outside it)
 *
 * An exact Euclidean distance transform in linear time (Felzenszwalb and
 * Huttenlocher's lower envelope of parabolas, after a column pass).  The
 * relief is clipped to 255, so column distances are clipped to 255, a
 * byte each: a column whose nearest nucleus pixel is 255 or more rows
 * away can only give distances that clip to 255, and is left out of the
 * envelope.  The
 * row pass looks only at the runs of a row between its nucleus pixels,
 * so where loose nuclei cover most of the frame it has little to do; a
 * run whose area pixels all lie near a nucleus pixel tries every near
 * column instead of building the envelope.
 *
 * The depths inside a mask are found one blob at a time, in the blob's
 * box; a row of the box whose columns all lie near the outside tries
 * every column near enough instead of building the envelope.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-distance.h"
#include "lda-error.h"

#define FAR (LDA_RELIEF_MAX + 1)
/* A column whose nearest nucleus pixel is this many rows away or more
 * gives distances whose floor is at least 255, which the relief clips to
 * anyway: it is left out of the envelope, and a column's distance fits in
 * a byte. */
#define COLUMN_FAR LDA_RELIEF_MAX

/* The end of the run of pixels from @x on whose bit is @set: the first
 * column from @x on that differs, or @w. */
static guint
run_end (const guint64 *row,
         guint          x,
         guint          w,
         gboolean       set)
{
  const guint64 flip = set ? G_MAXUINT64 : 0;

  while (x < w)
    {
      guint64 rest = (row[x >> 6] ^ flip) >> (x & 63);
      guint left = 64 - (x & 63);
      guint n = rest == 0 ? left : MIN (left, (guint) __builtin_ctzll (rest));

      x += n;
      if (n < left)
        break;
    }

  return MIN (x, w);
}

/* One past the last pixel of x0 … x1 − 1 whose bit is set, or @x0 if
 * none is. */
static guint
last_set_end (const guint64 *row,
              guint          x0,
              guint          x1)
{
  while (x1 > x0)
    {
      guint word = (x1 - 1) >> 6;
      guint64 bits = row[word];
      guint top = (x1 - 1) & 63;

      /* The word's bits up to x1 − 1 only. */
      if (top < 63)
        bits &= (G_GUINT64_CONSTANT (2) << top) - 1;
      if (bits != 0)
        return MAX (x0, word * 64 + 64 - (guint) __builtin_clzll (bits));
      x1 = word * 64;
    }

  return x0;
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

/* floor(sqrt(n)) for n < FAR², a table the relief looks up instead of
 * three conversions and a square root a pixel.  sqrtf is exact enough to
 * fill it: floor(sqrt(n)) for n < 2^16 never rounds up to the next integer
 * in single precision. */
static const guint8 *
root_table (void)
{
  static guint8 table[FAR * FAR];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint n = 0; n < FAR * FAR; n++)
        table[n] = (guint8) sqrtf ((float) n);
      g_once_init_leave (&done, 1);
    }

  return table;
}

/* The relief of the pixels x0 … x1 − 1 of a row from the column
 * distances g of columns q0 … q1.  The lower envelope of the parabolas
 * (x − q)² + g(q)² is kept in whole numbers: with f(q) = q² + g(q)²,
 * parabolas p and q > p cross at (f(q) − f(p)) / 2(q − p), and comparing
 * two such crossings, or a crossing with a column, is done by
 * cross-multiplying, exactly and without a division. */
static void
relief_span (const guint8  *g,
             guint          q0,
             guint          q1,
             guint          x0,
             guint          x1,
             guint8        *out,
             guint         *v,
             gint64        *f,
             const guint8  *root)
{
  int k = -1;
  guint x = x0;

  for (guint q = q0; q <= q1; q++)
    {
      gint64 fq;

      if (g[q] >= COLUMN_FAR)
        continue;

      fq = (gint64) q * q + (gint64) g[q] * g[q];
      /* Drop the last parabola while q's crossing with it comes no later
       * than its own crossing with the one before. */
      while (k >= 1 &&
             (fq - f[k]) * (gint64) (v[k] - v[k - 1]) <=
             (f[k] - f[k - 1]) * (gint64) (q - v[k]))
        k--;
      k++;
      v[k] = q;
      f[k] = fq;
    }

  if (k < 0)
    {
      memset (out + x0, LDA_RELIEF_MAX, x1 - x0);
      return;
    }

  /* Each parabola of the envelope over the columns where it is lowest:
   * the next one takes over from the first x where it crosses it. */
  for (int j = 0; j <= k && x < x1; j++)
    {
      const gint32 gv2 = (gint32) (f[j] - (gint64) v[j] * v[j]);
      const gint32 vj = (gint32) v[j];
      guint end = x1;

      if (j < k)
        {
          gint64 num = f[j + 1] - f[j];
          gint64 den = 2 * (gint64) (v[j + 1] - v[j]);
          /* ceil (num / den), num of either sign, den > 0 */
          gint64 first = num <= 0 ? -(-num / den) : (num + den - 1) / den;

          end = (guint) CLAMP (first, (gint64) x, (gint64) x1);
        }

      for (; x < end; x++)
        {
          gint32 dx = MIN (ABS ((gint32) x - vj), FAR);
          gint32 d2 = dx * dx + gv2;

          /* From FAR² on, the floor of the root is clipped to 255, as
           * the table's last entry is. */
          out[x] = root[MIN (d2, FAR * FAR - 1)];
        }
    }
}

/* best[i] = min over |k| ≤ @reach of k² + g2[i + k], for i in 0 … n − 1,
 * trying each offset for the whole line at once: no branch, and many
 * pixels an instruction.  An offset k cannot bring a pixel below k², so
 * the offsets stop once no pixel is above the next one's square.  @g2
 * has @reach values before its first and after its last; the sums must
 * stay within gint16. */
static void
offsets_min (const gint16 *g2,
             guint         n,
             guint         reach,
             gint16       *best)
{
  if (reach == 0)
    memcpy (best, g2, n * sizeof *best);
  for (guint k = 1; k <= reach; k++)
    {
      const gint16 kk = (gint16) (k * k);
      const gint16 *left = g2 - k, *right = g2 + k;
      /* The first offset starts from the line itself. */
      const gint16 *before = k == 1 ? g2 : best;
      gint16 top = 0;

      for (guint i = 0; i < n; i++)
        {
          gint16 d = (gint16) (MIN (left[i], right[i]) + kk);
          gint16 b = MIN (before[i], d);

          best[i] = b;
          top = MAX (top, b);
        }
      if ((guint) top <= (k + 1) * (k + 1))
        break;
    }
}

/* Spans whose area pixels all lie this near a nucleus pixel are done by
 * offsets; column distances are clipped at SPAN_CLIP there, whose square
 * is more than any such pixel's and keeps the sums within gint16
 * (128² + 127² < 2^15).  Trying every offset costs the span's length
 * times the reach, but sixteen pixels an instruction and no branch: up to
 * this reach it beats the envelope, whose loop of products and
 * comparisons takes most of the relief where cells are wide. */
#define SPAN_OFFSETS_MAX 127
/* Spans this long or longer are cut to their area's pixels. */
#define TRIM_SPAN        32
#define SPAN_CLIP        128
/* What relief_span_offsets() needs for a row of @w. */
#define SCRATCH(w) (2 * ((gsize) (w) + 2) + 2 * SPAN_OFFSETS_MAX)

/* How far pixel @x can lie from its nearest nucleus pixel: no farther
 * than its own column's (g) nor than those that close its span in the
 * row, at @left and @right. */
#define REACH_AT(x) ((guint) MIN ((gint) g[x], MIN ((gint) (x) - left, right - (gint) (x))))

/* The farthest of the area's pixels of the span x0 … x1 − 1, which lie
 * within a0 … a1 − 1 (REACH_AT()).  Stops counting past @limit. */
static guint
span_reach (const guint8  *g,
            const guint64 *area,
            guint          x0,
            guint          x1,
            guint          a0,
            guint          a1,
            gboolean       closed_left,
            gboolean       closed_right,
            guint          limit)
{
  /* A side without a closing nucleus pixel bounds nothing. */
  const gint left = closed_left ? (gint) x0 - 1 : -(G_MAXINT / 2);
  const gint right = closed_right ? (gint) x1 : G_MAXINT / 2;
  guint reach = 0;

  /* A word at a time; where every pixel of it is in the area, as inside
   * cells, without a branch a pixel, many pixels an instruction. */
  for (guint w0 = a0 & ~63u; w0 < a1 && reach <= limit; w0 += 64)
    {
      const guint s = MAX (w0, a0), e = MIN (w0 + 64, a1);
      const guint64 want = (G_MAXUINT64 >> (64 - (e - s))) << (s - w0);
      const guint64 bits = area[w0 >> 6] & want;

      if (bits == want)
        for (guint x = s; x < e; x++)
          reach = MAX (reach, REACH_AT (x));
      else
        for (guint64 rest = bits; rest != 0; rest &= rest - 1)
          reach = MAX (reach, REACH_AT (w0 + (guint) __builtin_ctzll (rest)));
    }

  return reach;
}
#undef REACH_AT

/* relief_span() by trying every offset up to @reach (span_reach()) left
 * and right, over columns q0 … q1: exact for the area's pixels, whose
 * nearest column is no farther than that.  Branchless, many pixels an
 * instruction.  @scratch holds 2 × (q1 − q0 + 1) + 2 × @reach values. */
static void
relief_span_offsets (const guint8 *g,
                     guint         q0,
                     guint         q1,
                     guint         x0,
                     guint         x1,
                     guint         reach,
                     guint8       *out,
                     gint16       *scratch,
                     const guint8 *root)
{
  const guint n = q1 - q0 + 1;
  gint16 *g2 = scratch + reach;        /* from −reach to n + reach */
  gint16 *best = scratch + n + 2 * reach;

  for (guint k = 0; k < reach; k++)
    g2[-1 - (gint) k] = g2[n + k] = SPAN_CLIP * SPAN_CLIP;
  for (guint i = 0; i < n; i++)
    {
      gint16 c = (gint16) MIN (g[q0 + i], SPAN_CLIP);

      g2[i] = (gint16) (c * c);
    }
  offsets_min (g2, n, reach, best);
  for (guint x = x0; x < x1; x++)
    out[x] = root[best[x - q0]];
}

/* One row of the relief.  Nucleus pixels are 0.  Each run x0 … x1 − 1
 * of other pixels needs only the column distances of its own columns and
 * of the nucleus pixels around it: no column beyond a nucleus pixel of
 * the row can be nearer than that pixel is.  So the work is in proportion
 * to the pixels that are not nuclei. */
static void
relief_row (const guint8  *g,
            const guint64 *nuclei,
            const guint64 *area,
            guint8        *out,
            guint          w,
            guint         *v,
            gint64        *f,
            gint16        *scratch,
            const guint8  *root)
{
  const guint64 *masks = lda_bitplane_byte_masks ();
  guint x = 0;

  while (x < w)
    {
      /* Nucleus pixels up to the next run. */
      guint x0 = run_end (nuclei, x, w, TRUE), x1, a0, a1, q0, q1, reach;

      memset (out + x, 0, x0 - x);
      if (x0 == w)
        break;
      x1 = run_end (nuclei, x0, w, FALSE);
      x = x1;

      /* Only the span's pixels between its first and its last of the
       * area are wanted: the others are 0.  (A short span is done whole:
       * looking costs more than it saves.) */
      a0 = x0;
      a1 = x1;
      if (x1 - x0 >= TRIM_SPAN)
        {
          a0 = run_end (area, x0, x1, FALSE);
          a1 = last_set_end (area, a0, x1);
          memset (out + x0, 0, a0 - x0);
          memset (out + a1, 0, x1 - a1);
          if (a0 == a1)
            continue;
        }

      q0 = x0 > 0 ? x0 - 1 : 0;
      q1 = x1 < w ? x1 : w - 1;
      reach = span_reach (g, area, x0, x1, a0, a1, x0 > 0, x1 < w, SPAN_OFFSETS_MAX);
      /* By offsets, no column farther than @reach from a0 … a1 − 1 is
       * looked at. */
      if (reach <= SPAN_OFFSETS_MAX)
        relief_span_offsets (g, MAX (q0, a0 - MIN (a0, reach)), MIN (q1, a1 - 1 + reach), a0, a1,
                             reach, out, scratch, root);
      else
        relief_span (g, q0, q1, a0, a1, out, v, f, root);
    }

  /* 0 outside the area, eight pixels at a time. */
  for (guint x0 = 0; x0 < w; x0 += 64)
    {
      guint64 bits = area[x0 >> 6];
      guint n = MIN (64u, w - x0);

      if (bits == G_MAXUINT64)
        continue;
      if (n < 64)
        {
          for (guint i = 0; i < n; i++)
            if (!((bits >> i) & 1))
              out[x0 + i] = 0;
          continue;
        }
      for (guint i = 0; i < 8; i++, bits >>= 8)
        {
          guint64 eight;

          memcpy (&eight, out + x0 + 8 * i, 8);
          eight &= masks[bits & 0xff];
          memcpy (out + x0 + 8 * i, &eight, 8);
        }
    }
}

/* The column pass of the relief over columns x_start … x_end − 1:
 * vertical distance to the nearest nucleus, clipped to COLUMN_FAR, down
 * then up, a byte a column. */
static void
relief_columns (const LdaBitplane *nuclei,
                guint8            *g,
                guint              x_start,
                guint              x_end)
{
  const gsize w = nuclei->width;
  const guint h = nuclei->height;

  for (guint y = 0; y < h; y++)
    {
      const guint64 *row = lda_bitplane_row (nuclei, y);
      guint8 *gy = g + (gsize) y * w;
      const guint8 *above = y > 0 ? gy - w : NULL;

      /* A word at a time: most words hold no nucleus pixel, and their
       * columns take one more than the row above, in a loop the compiler
       * makes into vector instructions. */
      for (guint x0 = x_start; x0 < x_end; x0 = (x0 | 63) + 1)
        {
          const guint64 bits = row[x0 >> 6];
          const guint x1 = MIN ((x0 | 63) + 1, x_end);

          /* A word all nucleus: zeros. */
          if (bits == G_MAXUINT64)
            {
              memset (gy + x0, 0, (x1 - x0) * sizeof *gy);
              continue;
            }
          if (above == NULL)
            for (guint x = x0; x < x1; x++)
              gy[x] = COLUMN_FAR;
          else
            for (guint x = x0; x < x1; x++)
              gy[x] = (guint8) MIN (above[x] + 1, COLUMN_FAR);
          for (guint64 b = bits >> (x0 & 63); b != 0; b &= b - 1)
            {
              guint x = x0 + (guint) __builtin_ctzll (b);

              if (x < x1)
                gy[x] = 0;
            }
        }
    }
  for (guint y = h - 1; y-- > 0;)
    {
      const guint64 *row = lda_bitplane_row (nuclei, y);
      guint8 *gy = g + (gsize) y * w;
      const guint8 *below = gy + w;

      for (guint x0 = x_start; x0 < x_end; x0 = (x0 | 63) + 1)
        {
          const guint x1 = MIN ((x0 | 63) + 1, x_end);

          /* A word all nucleus stays 0. */
          if (row[x0 >> 6] == G_MAXUINT64)
            continue;
          for (guint x = x0; x < x1; x++)
            gy[x] = (guint8) MIN (gy[x], below[x] + 1);
        }
    }
}

typedef struct
{
  const LdaBitplane *nuclei;
  const LdaBitplane *area;
  guint8            *g;
  guint8            *relief;
  guint              x_start;
  guint              x_end;
  guint              y_start;
  guint              y_end;
  GCancellable      *cancellable;
  guint             *v;
  gint64            *f;
  gint16            *scratch;
  const guint8      *root;
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

      relief_row (job->g + (gsize) y * w, lda_bitplane_row (job->nuclei, y), area_row, out, w,
                  job->v, job->f, job->scratch, job->root);
    }
}

static gpointer
row_pass_thread (gpointer data)
{
  row_pass (data);
  return NULL;
}

static gpointer
columns_thread (gpointer data)
{
  RowJob *job = data;

  relief_columns (job->nuclei, job->g, job->x_start, job->x_end);
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
 * pipeline.md §5: inside @area, floor of the exact Euclidean distance to
 * the nearest pixel of @nuclei, clipped to 255; 0 outside @area.  With no
 * nucleus at all the whole area is 255.  Both passes are split between
 * this thread and a second one: the columns in two halves (cut at a
 * multiple of 64), then the rows.
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
  const guint x_half = MIN (w, (w / 2 + 63) & ~63u);
  g_auto(LdaBuffer) g_buffer = NULL;
  guint8 *g;
  g_autofree guint *v = NULL;
  g_autofree gint64 *f = NULL;
  g_autofree gint16 *scratch = NULL;
  RowJob jobs[2];
  GThread *thread = NULL;
  gboolean two = w >= 128 && h >= 64;

  /* Large: mapped once, reused by the next run (lda-buffer.c). */
  g = g_buffer = lda_buffer_alloc ((gsize) w * h, FALSE);
  v = g_try_malloc_n (2 * (gsize) w, sizeof (guint));
  f = g_try_malloc_n (2 * (gsize) w, sizeof (gint64));
  scratch = g_try_malloc_n (2 * SCRATCH (w), sizeof (gint16));
  if (g == NULL || v == NULL || f == NULL || scratch == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the distance map of a %u × %u image"), w, h);
      return FALSE;
    }

  jobs[0] = (RowJob) { nuclei, area, g, relief, 0, w, 0, h, cancellable, v, f, scratch,
                       root_table (), FALSE };
  jobs[1] = jobs[0];
  jobs[1].x_start = w;
  jobs[1].y_start = h;
  jobs[1].v = v + w;
  jobs[1].f = f + w;
  jobs[1].scratch = scratch + SCRATCH (w);

  /* Column pass: columns are independent. */
  if (two)
    {
      jobs[0].x_end = jobs[1].x_start = x_half;
      thread = g_thread_try_new ("lda-relief", columns_thread, &jobs[1], NULL);
      if (thread == NULL)
        jobs[0].x_end = w;
    }
  relief_columns (nuclei, g, jobs[0].x_start, jobs[0].x_end);
  if (thread != NULL)
    g_thread_join (thread);
  thread = NULL;

  /* Row pass: rows are independent once the column distances are known. */
  if (two)
    {
      jobs[0].y_end = jobs[1].y_start = h / 2;
      thread = g_thread_try_new ("lda-relief", row_pass_thread, &jobs[1], NULL);
      if (thread == NULL)
        jobs[0].y_end = h;
    }
  row_pass (&jobs[0]);
  if (thread != NULL)
    {
      g_thread_join (thread);
      jobs[0].cancelled = jobs[0].cancelled || jobs[1].cancelled;
    }

  if (jobs[0].cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  return TRUE;
}

/* Column distances are clipped here: from 256 rows away a pixel is
 * deeper than the clipped squared distance anyway. */
#define FAR_INSIDE 256

/* The squared distances of the pixels of one run x0 … x1 − 1 of a row,
 * from the column distances g (each column q a parabola
 * (x − q)² + g(q)²).  Only the run's columns and the two around it need
 * looking at: those are outside the mask (g = 0) or beyond the image's
 * edge, and no column farther away can be nearer than they are. */
static void
inside_run (const guint16 *g,
            guint          x0,
            guint          x1,
            guint          w,
            guint16       *out,
            guint         *v,
            gint64        *f)
{
  guint q0 = x0 > 0 ? x0 - 1 : 0;
  guint q1 = x1 < w ? x1 : w - 1;
  int k = 0;
  int j = 0;

  /* Lower envelope of the parabolas, in whole numbers as in relief_row(). */
  v[0] = q0;
  f[0] = (gint64) q0 * q0 + (gint64) g[q0] * g[q0];
  for (guint q = q0 + 1; q <= q1; q++)
    {
      gint64 fq = (gint64) q * q + (gint64) g[q] * g[q];

      while (k >= 1 &&
             (fq - f[k]) * (gint64) (v[k] - v[k - 1]) <=
             (f[k] - f[k - 1]) * (gint64) (q - v[k]))
        k--;
      k++;
      v[k] = q;
      f[k] = fq;
    }

  for (guint x = x0; x < x1; x++)
    {
      gint64 dx, d2, edge;

      while (j < k && f[j + 1] - f[j] <= 2 * (gint64) x * (v[j + 1] - v[j]))
        j++;

      dx = (gint64) x - v[j];
      d2 = dx * dx + (f[j] - (gint64) v[j] * v[j]);
      /* The background beyond the left and right edges. */
      edge = MIN ((gint64) x + 1, (gint64) w - x);
      d2 = MIN (d2, edge * edge);
      out[x] = (guint16) MIN (d2, (gint64) LDA_DISTANCE2_MAX);
    }
}

/* Rows whose column distances are all this or less are done by offsets:
 * their sums k² + g² stay below this side of gint16. */
#define OFFSETS_MAX 90
#define OFFSETS_FAR 16383

/* The row pass of one row of a box by trying every offset k up to
 * @k_max, left and right: a pixel whose own column is g from the outside
 * is at most g² deep, so a column farther away than the row's largest g
 * cannot be nearer.  Branchless, and the compiler does many pixels an
 * instruction.  @row holds 4 × @w values. */
static void
offsets_row (const guint16 *g,
             const guint8  *in,
             guint8         bit,
             guint          w,
             guint          k_max,
             gint16        *row,
             guint16       *out)
{
  gint16 *g2 = row + k_max;            /* from −k_max to w + k_max */
  gint16 *best = row + 2 * k_max + w;

  for (guint k = 0; k < k_max; k++)
    g2[-1 - (gint) k] = g2[w + k] = OFFSETS_FAR;
  for (guint x = 0; x < w; x++)
    g2[x] = (gint16) (g[x] * g[x]);
  offsets_min (g2, w, k_max, best);
  for (guint x = 0; x < w; x++)
    out[x] = (in[x] & bit) ? (guint16) best[x] : 0;
}

/**
 * lda_distance_squared_box:
 * @inside: @width × @height bytes; a pixel is inside where it has @bit
 *   set.  The first and last row and column must be outside: a margin
 *   that stands for everything around the box.
 * @bit: the bit of @inside that marks a pixel inside
 * @width: columns, the margin included
 * @height: rows, the margin included
 * @g: (out caller-allocates): @width × @height values of scratch
 * @distance2: (out caller-allocates): @width × @height values
 * @v: (out caller-allocates): @width + 2 values of scratch
 * @f: (out caller-allocates): @width + 2 values of scratch
 * @row: (out caller-allocates): 4 × @width values of scratch
 *
 * For each pixel inside, the squared Euclidean distance to the nearest
 * pixel outside, exactly, clipped to %LDA_DISTANCE2_MAX; 0 outside.
 * Squared distances are whole numbers, which the splitting stage sorts
 * into buckets.
 *
 * The box is one blob of a mask with the pixels around it: the nearest
 * pixel outside a blob always touches it (a pixel nearer to it on the
 * way would be in the blob), so it lies in the blob's bounding box grown
 * by one, and this is the blob's depth in the whole image, with the
 * image's surroundings outside.  A blob's few hundred pixels stay in the
 * cache, where a pass over the whole image did not.
 */
void
lda_distance_squared_box (const guint8 *inside,
                          guint8        bit,
                          guint         width,
                          guint         height,
                          guint16      *g,
                          guint16      *distance2,
                          guint        *v,
                          gint64       *f,
                          gint16       *row)
{
  const gsize w = width;

  g_return_if_fail (width >= 2 && height >= 2);

  /* Column pass: the vertical distance to the nearest pixel outside,
   * down and then up, a row at a time. */
  memset (g, 0, w * sizeof *g);
  for (guint y = 1; y < height; y++)
    {
      const guint8 *in = inside + y * w;
      const guint16 *above = g + (y - 1) * w;
      guint16 *gy = g + y * w;

      for (gsize x = 0; x < w; x++)
        gy[x] = (in[x] & bit) ? MIN (above[x] + 1, FAR_INSIDE) : 0;
    }
  for (guint y = height - 1; y-- > 0;)
    {
      guint16 *gy = g + y * w;
      const guint16 *below = gy + w;

      for (gsize x = 0; x < w; x++)
        gy[x] = MIN (gy[x], below[x] + 1);
    }

  /* Row pass, by offsets where the row is shallow; else over each run of
   * pixels inside, whose parabolas' envelope the margin closes. */
  for (guint y = 0; y < height; y++)
    {
      const guint8 *in = inside + y * w;
      const guint16 *gy = g + y * w;
      guint16 *out = distance2 + y * w;
      guint k_max = 0, x = 0;

      for (gsize i = 0; i < w; i++)
        k_max = MAX (k_max, gy[i]);
      if (k_max <= OFFSETS_MAX)
        {
          offsets_row (gy, in, bit, width, MIN (k_max, width - 1), row, out);
          continue;
        }

      memset (out, 0, w * sizeof *out);
      while (x < width)
        {
          guint x1;

          if (!(in[x] & bit))
            {
              x++;
              continue;
            }
          for (x1 = x + 1; in[x1] & bit; x1++)
            ;
          inside_run (gy, x, x1, width, out, v, f);
          x = x1;
        }
    }
}
