/* lda-relief.c — the watershed relief: the distance to the nearest
 * nucleus (pipeline.md §5)
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
 * column instead of building the envelope (lda-offsets.c).
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lda-buffer.h"
#include "lda-distance.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-offsets.h"

#define FAR (LDA_RELIEF_MAX + 1)
/* A column whose nearest nucleus pixel is this many rows away or more
 * gives distances whose floor is at least 255, which the relief clips to
 * anyway: it is left out of the envelope, and a column's distance fits in
 * a byte. */
#define COLUMN_FAR LDA_RELIEF_MAX
/* The column pass adds one with saturation, which stops at 255. */
G_STATIC_ASSERT (COLUMN_FAR == 255);

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
    if (g[q] < COLUMN_FAR)
      k = lda_envelope_add (v, f, k, q, (gint64) q * q + (gint64) g[q] * g[q]);

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

/* Spans whose area pixels all lie this near a nucleus pixel are done by
 * offsets; column distances are clipped at SPAN_CLIP there, whose square
 * is more than any such pixel's and keeps the sums within gint16
 * (128² + 127² < 2^15).  Trying every offset costs the span's length
 * times the reach, but eight pixels an instruction and no branch: up to
 * this reach it beats the envelope, whose loop of products and
 * comparisons takes most of the relief where cells are wide. */
#define SPAN_OFFSETS_MAX 127
/* Spans this long or longer are cut to their area's pixels. */
#define TRIM_SPAN        32
#define SPAN_CLIP        128
/* What a row of @w needs: its squares (row_squares()) and a span's
 * result (lda_offsets_min()). */
#define SCRATCH(w) (2 * ((gsize) (w) + SPAN_OFFSETS_MAX + LDA_OFFSETS_SPILL))

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
 * and right, for the pixels x0 … x1 − 1: exact for the area's pixels,
 * whose nearest column is no farther than that.  @g2 holds the row's
 * squared column distances (row_squares()), @best room for the span. */
static void
relief_span_offsets (const gint16 *g2,
                     guint         x0,
                     guint         x1,
                     guint         reach,
                     guint8       *out,
                     gint16       *best,
                     const guint8 *root)
{
  guint x = x0;

  lda_offsets_min (g2 + x0, x1 - x0, reach, best);
#ifdef __SSE2__
  /* The roots eight at a time, by the same single-precision square root
   * and truncation that fill root_table(). */
  for (; x + 8 <= x1; x += 8)
    {
      const __m128i zero = _mm_setzero_si128 ();
      const __m128i n = _mm_loadu_si128 ((const __m128i *) (best + x - x0));
      const __m128i lo = _mm_cvttps_epi32 (_mm_sqrt_ps (_mm_cvtepi32_ps (_mm_unpacklo_epi16 (n, zero))));
      const __m128i hi = _mm_cvttps_epi32 (_mm_sqrt_ps (_mm_cvtepi32_ps (_mm_unpackhi_epi16 (n, zero))));

      _mm_storel_epi64 ((__m128i *) (out + x), _mm_packus_epi16 (_mm_packs_epi32 (lo, hi), zero));
    }
#endif
  for (; x < x1; x++)
    out[x] = root[best[x - x0]];
}

/* The squared column distances of a row of @w, clipped at SPAN_CLIP, and
 * SPAN_OFFSETS_MAX values before and after it, for relief_span_offsets().
 * A span may read the row beyond the nucleus pixels that close it: those
 * columns are farther than the pixels are.  Beyond the row's ends, no
 * column. */
static void
row_squares (const guint8 *g,
             guint         w,
             gint16       *g2)
{
  for (guint k = 0; k < SPAN_OFFSETS_MAX; k++)
    g2[-1 - (gint) k] = SPAN_CLIP * SPAN_CLIP;
  for (guint k = 0; k < SPAN_OFFSETS_MAX + LDA_OFFSETS_SPILL; k++)
    g2[w + k] = SPAN_CLIP * SPAN_CLIP;
  for (guint x = 0; x < w; x++)
    {
      const guint16 c = MIN ((guint16) g[x], SPAN_CLIP);

      g2[x] = (gint16) (c * c);
    }
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
  gint16 *g2 = scratch + SPAN_OFFSETS_MAX;
  gint16 *best = g2 + w + SPAN_OFFSETS_MAX + LDA_OFFSETS_SPILL;
  gboolean squared = FALSE;
  guint x = 0;

  while (x < w)
    {
      /* Nucleus pixels up to the next run. */
      guint x0 = run_end (nuclei, x, w, TRUE), x1, a0, a1, reach;

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

      reach = span_reach (g, area, x0, x1, a0, a1, x0 > 0, x1 < w, SPAN_OFFSETS_MAX);
      /* By offsets, no column farther than @reach from a0 … a1 − 1 is
       * looked at. */
      if (reach <= SPAN_OFFSETS_MAX)
        {
          /* The row's squares once, for all its spans. */
          if (!squared)
            row_squares (g, w, g2);
          squared = TRUE;
          relief_span_offsets (g2, a0, a1, reach, out, best, root);
        }
      else
        relief_span (g, x0 > 0 ? x0 - 1 : 0, x1 < w ? x1 : w - 1, a0, a1, out, v, f, root);
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
  const guint64 *masks = lda_bitplane_byte_masks ();

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
#ifdef __SSE2__
          /* A whole word: one more than the row above, its nucleus
           * pixels zeroed, sixteen at a time and stored once.  (Zeroed
           * in memory after the row was stored, each read of eight bytes
           * waited for the sixteen just stored over them: half the
           * column pass; and the compiler made the sums a byte at a
           * time, as the two rows are in the same buffer.) */
          if (x1 - x0 == 64)
            {
              const __m128i one = _mm_set1_epi8 (1);

              for (guint i = 0; i < 64; i += 16)
                {
                  const __m128i zeroed = _mm_set_epi64x ((gint64) masks[(bits >> (i + 8)) & 0xff],
                                                         (gint64) masks[(bits >> i) & 0xff]);
                  /* COLUMN_FAR is 255: the sum saturates there. */
                  const __m128i next = above != NULL
                    ? _mm_adds_epu8 (_mm_loadu_si128 ((const __m128i *) (above + x0 + i)), one)
                    : _mm_set1_epi8 ((char) COLUMN_FAR);

                  _mm_storeu_si128 ((__m128i *) (gy + x0 + i), _mm_andnot_si128 (zeroed, next));
                }
              continue;
            }
#endif
          if (above == NULL)
            for (guint x = x0; x < x1; x++)
              gy[x] = COLUMN_FAR;
          else
            for (guint x = x0; x < x1; x++)
              gy[x] = (guint8) MIN (above[x] + 1, COLUMN_FAR);
          if (bits == 0)
            continue;
          /* A whole word's nucleus pixels zeroed eight at a time. */
          if (x1 - x0 == 64)
            for (guint i = 0; i < 8; i++)
              {
                guint64 eight;

                memcpy (&eight, gy + x0 + 8 * i, 8);
                eight &= ~masks[(bits >> (8 * i)) & 0xff];
                memcpy (gy + x0 + 8 * i, &eight, 8);
              }
          else
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

/* Rows, and columns, are taken this many at a time by whichever worker
 * is free: a chunk of columns is a strip of the column distances that
 * stays in the cache from its pass down to its pass up. */
#define ROW_CHUNK    16
#define COLUMN_CHUNK 512

struct _LdaRelief
{
  const LdaBitplane *nuclei;
  const LdaBitplane *area;
  guint8            *relief;
  GCancellable      *cancellable;
  guint8            *g;          /* the column distances (lda-buffer.c) */
  guint             *v;          /* scratch of the envelope, per worker */
  gint64            *f;
  gint16            *scratch;    /* scratch of the offsets, per worker */
  const guint8      *root;
  gint               next_column; /* the next chunk of columns not taken */
  gint               columns_done;
  gint               next_row;    /* the next chunk of rows not taken */
  gint               cancelled;
};

/**
 * lda_relief_new:
 * @nuclei: the nucleus pixels
 * @area: (nullable): where the relief is wanted (cell area ∪ nuclei); if
 *   %NULL, given later by lda_relief_set_area()
 * @relief: (out caller-allocates): width × height bytes, written by the
 *   row pass
 * @cancellable: (nullable): polled every chunk of rows
 * @error: return location for an error
 *
 * The relief of lda_relief(), in steps that callers can share between
 * threads: each of up to %LDA_RELIEF_WORKERS workers calls
 * lda_relief_columns() and then lda_relief_rows(), which begins once all
 * the columns are done.  A worker that comes late finds less to do, or
 * nothing.  The column pass needs only the nuclei: it may run before the
 * area is known.
 *
 * Returns: (transfer full) (nullable): the work, or %NULL if out of memory
 */
LdaRelief *
lda_relief_new (const LdaBitplane  *nuclei,
                const LdaBitplane  *area,
                guint8             *relief,
                GCancellable       *cancellable,
                GError            **error)
{
  const guint w = nuclei->width, h = nuclei->height;
  g_autoptr(LdaRelief) self = g_new0 (LdaRelief, 1);

  *self = (LdaRelief) { nuclei, area, relief, cancellable, NULL, };
  /* Large: mapped once, reused by the next run (lda-buffer.c). */
  self->g = lda_buffer_alloc ((gsize) w * h, FALSE);
  self->v = g_try_malloc_n (LDA_RELIEF_WORKERS * (gsize) w, sizeof (guint));
  self->f = g_try_malloc_n (LDA_RELIEF_WORKERS * (gsize) w, sizeof (gint64));
  self->scratch = g_try_malloc_n (LDA_RELIEF_WORKERS * SCRATCH (w), sizeof (gint16));
  if (self->g == NULL || self->v == NULL || self->f == NULL || self->scratch == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory for the distance map of a %u × %u image"), w, h);
      return NULL;
    }
  self->root = root_table ();

  return g_steal_pointer (&self);
}

/**
 * lda_relief_set_area:
 * @self: the relief, made without an area
 * @area: where the relief is wanted (cell area ∪ nuclei)
 * @cancellable: (nullable): polled every chunk of rows
 *
 * Gives the area before any worker calls lda_relief_rows().
 */
void
lda_relief_set_area (LdaRelief         *self,
                     const LdaBitplane *area,
                     GCancellable      *cancellable)
{
  self->area = area;
  self->cancellable = cancellable;
}

/**
 * lda_relief_columns:
 * @self: the relief
 *
 * The column pass: takes chunks of columns until none is left.  Columns
 * are independent.
 */
void
lda_relief_columns (LdaRelief *self)
{
  const guint w = self->nuclei->width;

  for (;;)
    {
      const guint x0 = (guint) g_atomic_int_add (&self->next_column, COLUMN_CHUNK);

      if (x0 >= w)
        break;
      relief_columns (self->nuclei, self->g, x0, MIN (x0 + COLUMN_CHUNK, w));
      g_atomic_int_add (&self->columns_done, (gint) (MIN (x0 + COLUMN_CHUNK, w) - x0));
    }
}

/**
 * lda_relief_rows:
 * @self: the relief
 * @worker: 0 … %LDA_RELIEF_WORKERS − 1, one per thread at work at once
 *
 * Waits for the columns that other workers are still on, awake (a chunk
 * is short), then takes chunks of rows until none is left, or the work is
 * cancelled.  Rows are independent once the column distances are known.
 */
void
lda_relief_rows (LdaRelief *self,
                 guint      worker)
{
  const guint w = self->nuclei->width, h = self->nuclei->height;
  guint *v;
  gint16 *scratch;
  gint64 *f;

  g_return_if_fail (worker < LDA_RELIEF_WORKERS);

  lda_helper_wait_for (&self->columns_done, (gint) w);
  v = self->v + (gsize) worker * w;
  f = self->f + (gsize) worker * w;
  scratch = self->scratch + (gsize) worker * SCRATCH (w);
  while (!g_atomic_int_get (&self->cancelled))
    {
      const guint y0 = (guint) g_atomic_int_add (&self->next_row, ROW_CHUNK);

      if (y0 >= h)
        break;
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          g_atomic_int_set (&self->cancelled, TRUE);
          break;
        }

      for (guint y = y0; y < MIN (y0 + ROW_CHUNK, h); y++)
        {
          const guint64 *area_row = lda_bitplane_row (self->area, y);
          const guint64 *nuclei_row = lda_bitplane_row (self->nuclei, y);
          guint8 *out = self->relief + (gsize) y * w;

          if (!row_any (area_row, nuclei_row, self->area->stride))
            memset (out, 0, w);
          else
            relief_row (self->g + (gsize) y * w, nuclei_row, area_row, out, w, v, f, scratch,
                        self->root);
        }
    }
}

/**
 * lda_relief_finish:
 * @self: the relief, its rows done
 * @error: return location for an error
 *
 * Returns: %FALSE if the work was cancelled, with @error set
 */
gboolean
lda_relief_finish (LdaRelief  *self,
                   GError    **error)
{
  if (g_atomic_int_get (&self->cancelled))
    return !g_cancellable_set_error_if_cancelled (self->cancellable, error);

  return TRUE;
}

void
lda_relief_free (LdaRelief *self)
{
  if (self == NULL)
    return;

  lda_buffer_free (self->g);
  g_free (self->v);
  g_free (self->f);
  g_free (self->scratch);
  g_free (self);
}

/**
 * lda_relief_second_worker:
 * @relief: (type LdaRelief): the relief
 *
 * The second worker's share of both passes, for lda_helper_start():
 * columns, then rows as worker 1.
 *
 * Returns: %NULL
 */
gpointer
lda_relief_second_worker (gpointer relief)
{
  lda_relief_columns (relief);
  lda_relief_rows (relief, 1);

  return NULL;
}

/**
 * lda_relief:
 * @nuclei: the nucleus pixels
 * @area: where the relief is wanted (cell area ∪ nuclei)
 * @relief: (out caller-allocates): width × height bytes
 * @cancellable: (nullable): polled every chunk of rows
 * @error: return location for an error
 *
 * pipeline.md §5: inside @area, floor of the exact Euclidean distance to
 * the nearest pixel of @nuclei, clipped to 255; 0 outside @area.  With no
 * nucleus at all the whole area is 255.  Both passes are shared between
 * this thread and a second one (lda-helper.c), a chunk at a time.
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
  g_autoptr(LdaRelief) self = lda_relief_new (nuclei, area, relief, cancellable, error);
  LdaHelper *helper;

  if (self == NULL)
    return FALSE;

  helper = w >= 128 && h >= 64 ?
           lda_helper_start ("lda-relief", lda_relief_second_worker, self) : NULL;
  lda_relief_columns (self);
  lda_relief_rows (self, 0);
  lda_helper_finish (helper);

  return lda_relief_finish (self, error);
}
