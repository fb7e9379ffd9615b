/* lda-regions-grow.c — cells flooded coarse made full size again
 *
 * A coarse flood's cells (lda-regions-coarse.c) are grown back to the
 * frame's pixels: each coarse pixel 2^shift times over, the background
 * and the nuclei exact from the planes at full size, and a coarse
 * outline pixel's block thinned to a line a pixel wide through its
 * middle, each side of it the cell next to it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lda-error.h"
#include "lda-helper.h"
#include "lda-regions-coarse-private.h"

/* A thinned block and its rows' regions, made once for its coarse row. */
typedef struct
{
  LdaCoarseThin block;
  gint32        regions[3][16];
} GrowThin;

typedef struct
{
  gint32            *regions;
  const LdaRegions  *coarse;
  const LdaBitplane *inside;
  const LdaRuns     *nuclei;
  guint              shift;
  gint               next;  /* the next coarse row not taken */
  /* Each thread's room for a row and a coarse row's outline blocks. */
  gint32            *expanded[2];
  GrowThin          *thins[2];
} Grow;


/* The coarse region at (@cx, @cy), or @fallback past the edge. */
static inline gint32
coarse_at (const LdaRegions *coarse,
           gint64            cx,
           gint64            cy,
           gint32            fallback)
{
  if (cx < 0 || cy < 0 || cx >= coarse->width || cy >= coarse->height)
    return fallback;

  return coarse->regions[(gsize) cy * coarse->width + (gsize) cx];
}

/* Where coarse outlines are thick, the cell of a pixel of the block of
 * coarse outline pixel (@x, @cy): the nearest not an outline among the
 * eight around, those on the pixel's side (@upper, @leftward) first. */
static gint32
nearest_cell (const LdaRegions *c,
              gint64            x,
              gint64            cy,
              gboolean          upper,
              gboolean          leftward)
{
  const gint64 dy = upper ? -1 : 1, dx = leftward ? -1 : 1;
  const gint64 around[8][2] = {
    { dx, dy }, { 0, -dy }, { -dx, 0 }, { dx, -dy },
    { -dx, dy }, { -dx, -dy }, { 0, dy }, { dx, 0 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (around); k++)
    {
      gint32 v = coarse_at (c, x + around[k][0], cy + around[k][1], LDA_REGION_OUTLINE);

      if (v != LDA_REGION_OUTLINE)
        return v;
    }

  return LDA_REGION_OUTLINE;
}

/* The line runs across the block's middle row where the coarse outline
 * runs across, down its middle column where it runs down, both where it
 * turns, through its middle pixel where it goes on diagonally; the
 * middle, so that a mipmap level's samples (lda_render_labels_area())
 * see it as they see an exact line.  Each side of the line joins the
 * cell next to it.  @t is the block of coarse pixel (@cx, @cy) of
 * @cells, the frame shrunk by 2^@shift from @width columns. */
void
lda_coarse_thin_block (const LdaRegions *c,
                       guint             cx,
                       guint             cy,
                       guint             shift,
                       guint             width,
                       LdaCoarseThin    *t)
{
  const gint64 x = cx, y = cy;
  const gint32 o = LDA_REGION_OUTLINE;
  const gint32 left = coarse_at (c, x - 1, y, o), right = coarse_at (c, x + 1, y, o);
  const gint32 up = coarse_at (c, x, y - 1, o), down = coarse_at (c, x, y + 1, o);
  const gboolean across = left == o || right == o;
  const gboolean along = up == o || down == o;
  const guint half = (1u << shift) / 2;
  gint32 quarter[2][2];  /* [lower half][right half] */

  for (guint lower = 0; lower < 2; lower++)
    for (guint rightward = 0; rightward < 2; rightward++)
      {
        gint32 side = lower ? down : up, beside = rightward ? right : left;
        gint32 first = across ? side : beside, second = across ? beside : side;

        quarter[lower][rightward] = first != o ? first : second != o ? second :
                                    nearest_cell (c, x, y, !lower, !rightward);
      }

  t->x = cx << shift;
  t->span = MIN (1u << shift, width - t->x);
  t->half = half;
  for (guint kind = 0; kind < 3; kind++)
    {
      const guint ry = kind == 0 ? 0 : kind == 1 ? half : half + 1;
      LdaCoarseThinRow *r = &t->rows[kind];

      /* The left half, the right half, then the line down the middle;
       * or the line across. */
      r->left = across && ry == half ? o : quarter[ry >= half][0];
      r->right = across && ry == half ? o : quarter[ry >= half][1];
      r->mid = (along || (!across && ry == half)) && half < t->span;
    }
}

/**
 * lda_coarse_thin_regions:
 * @t: a thinned block
 * @kind: a kind of its rows (lda_coarse_thin_kind())
 * @r: (out caller-allocates): @t's span of regions
 *
 * The regions of one kind of @t's rows.
 */
void
lda_coarse_thin_regions (const LdaCoarseThin *t,
                         guint                kind,
                         gint32              *r)
{
  const LdaCoarseThinRow *row = &t->rows[kind];

  for (guint i = 0; i < t->span; i++)
    r[i] = i < t->half ? row->left : row->right;
  if (row->mid)
    r[t->half] = LDA_REGION_OUTLINE;
}

/* 64 pixels from the coarse pixels at @c, each 2^@s times over (@s ≤ 6). */
static inline void
expand_64 (const gint32 *c,
           guint         s,
           gint32       *out)
{
  switch (s)
    {
    case 1:
      for (guint i = 0; i < 32; i++)
        out[2 * i] = out[2 * i + 1] = c[i];
      break;
    case 2:
      for (guint i = 0; i < 16; i++)
        for (guint j = 0; j < 4; j++)
          out[4 * i + j] = c[i];
      break;
    case 3:
      for (guint i = 0; i < 8; i++)
        for (guint j = 0; j < 8; j++)
          out[8 * i + j] = c[i];
      break;
    default:
      for (guint i = 0; i < 64; i++)
        out[i] = c[i >> s];
      break;
    }
}

/* The 64 pixels at @out outside @inside made background. */
static inline void
background_64 (guint64  inside,
               gint32  *out)
{
#ifdef __SSE2__
  const guint64 *bytes = lda_bitplane_byte_masks ();
  const __m128i bg = _mm_set1_epi32 (LDA_REGION_BACKGROUND);

  for (guint b = 0; b < 8; b++, inside >>= 8)
    {
      __m128i m8, m16, lo, hi;
      __m128i *o = (__m128i *) (out + 8 * b);

      if ((inside & 0xff) == 0xff)
        continue;
      m8 = _mm_loadl_epi64 ((const __m128i *) &bytes[inside & 0xff]);
      m16 = _mm_unpacklo_epi8 (m8, m8);
      lo = _mm_unpacklo_epi16 (m16, m16);
      hi = _mm_unpackhi_epi16 (m16, m16);
      _mm_storeu_si128 (o, _mm_or_si128 (_mm_and_si128 (lo, _mm_loadu_si128 (o)),
                                         _mm_andnot_si128 (lo, bg)));
      _mm_storeu_si128 (o + 1, _mm_or_si128 (_mm_and_si128 (hi, _mm_loadu_si128 (o + 1)),
                                             _mm_andnot_si128 (hi, bg)));
    }
#else
  for (guint i = 0; i < 64; i++)
    out[i] = (inside >> i) & 1 ? out[i] : LDA_REGION_BACKGROUND;
#endif
}

/* The rows of coarse row @cy at full size: the coarse regions inside the
 * area, outlines thinned, background outside the area, each nucleus its
 * cell's.  @expanded and @thins are a thread's room for a row and a
 * coarse row's outline blocks. */
static void
grow_block (const Grow    *job,
            guint          cy,
            gint32        *expanded,
            GrowThin      *thins)
{
  const guint w = job->inside->width, h = job->inside->height, s = job->shift;
  const guint cw = job->coarse->width, half = (1u << s) / 2;
  const gint32 *c = job->coarse->regions + (gsize) cy * cw;
  guint n_thins = 0;

  /* Each coarse pixel 2^s times over, once for all the block's rows. */
  for (guint x0 = 0; x0 < w; x0 += 64)
    {
      if (x0 + 64 <= w)
        expand_64 (c + (x0 >> s), s, expanded + x0);
      else
        for (guint x = x0; x < w; x++)
          expanded[x] = c[x >> s];
    }
  for (guint cx = 0; cx < cw; cx++)
    if (c[cx] == LDA_REGION_OUTLINE)
      {
        GrowThin *t = &thins[n_thins++];

        lda_coarse_thin_block (job->coarse, cx, cy, s, w, &t->block);
        for (guint kind = 0; kind < 3; kind++)
          lda_coarse_thin_regions (&t->block, kind, t->regions[kind]);
      }

  for (guint y = cy << s; y < MIN ((cy + 1) << s, h); y++)
    {
      const guint64 *bits = lda_bitplane_row (job->inside, y);
      gint32 *out = job->regions + (gsize) y * w;

      memcpy (out, expanded, (gsize) w * sizeof (gint32));
      for (guint i = 0; i < n_thins; i++)
        memcpy (out + thins[i].block.x, thins[i].regions[lda_coarse_thin_kind (y - (cy << s), half)],
                thins[i].block.span * sizeof (gint32));
      /* The background, 64 pixels at a time. */
      for (gsize k = 0; k < job->inside->stride; k++)
        {
          const guint x0 = (guint) (k * 64), n = MIN (64u, w - x0);
          const guint64 inside = bits[k];
          gint32 *o = out + x0;

          if (n < 64 || inside == 0)
            {
              for (guint i = 0; i < n; i++)
                o[i] = (inside >> i) & 1 ? o[i] : LDA_REGION_BACKGROUND;
            }
          else if (inside != ~G_GUINT64_CONSTANT (0))
            background_64 (inside, o);
        }
      for (gsize r = job->nuclei->row_start[y]; r < job->nuclei->row_start[y + 1]; r++)
        {
          /* In locals: a store to @out could, for the compiler, change
           * the run, which it then read again at every pixel. */
          const guint x0 = job->nuclei->runs[r].x0, x1 = job->nuclei->runs[r].x1;
          const gint32 label = LDA_REGION_FIRST_CELL + (gint32) job->nuclei->labels[r];

          for (guint x = x0; x < x1; x++)
            out[x] = label;
        }
    }
}

/* The rows at full size, a coarse row's at a time until none is left. */
static void
grow_rows (Grow *job,
           guint room)
{
  const guint ch = job->coarse->height;
  guint cy;

  while ((cy = (guint) g_atomic_int_add (&job->next, 1)) < ch)
    grow_block (job, cy, job->expanded[room], job->thins[room]);
}

static void
grow_free (Grow *job)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (job->expanded[i]);
      g_free (job->thins[i]);
    }
}

static gpointer
grow_rows_thread (gpointer data)
{
  grow_rows (data, 1);
  return NULL;
}

/**
 * lda_coarse_grow:
 * @cells: coarse cells
 * @inside: the cell area ∪ the nuclei, at full size
 * @nuclei: the nuclei, labelled, at full size
 * @shift: how much smaller than @inside @cells are, as a power of two
 * @out: (out caller-allocates): @inside's width × height regions
 * @error: return location for an error
 *
 * @cells, flooded on @inside and @nuclei shrunk by 2^@shift, made full
 * size: the coarse regions inside @inside, their outlines thinned to
 * one pixel (lda_coarse_thin_block()), background outside it, each
 * nucleus its cell's.  Two threads share the rows.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_coarse_grow (const LdaRegions  *cells,
                 const LdaBitplane *inside,
                 const LdaRuns     *nuclei,
                 guint              shift,
                 gint32            *out,
                 GError           **error)
{
  LdaHelper *helper;
  Grow job = { out, cells, inside, nuclei, shift, 0, };

  for (guint i = 0; i < 2; i++)
    {
      job.expanded[i] = g_try_new (gint32, inside->width);
      job.thins[i] = g_try_new (GrowThin, cells->width);
    }
  if (job.expanded[0] == NULL || job.expanded[1] == NULL ||
      job.thins[0] == NULL || job.thins[1] == NULL)
    {
      grow_free (&job);
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   inside->width, inside->height);
      return FALSE;
    }

  /* The rows shared out with a helper (lda-helper.c). */
  helper = lda_helper_start ("lda-coarse-cells", grow_rows_thread, &job);
  grow_rows (&job, 0);
  lda_helper_finish (helper);
  grow_free (&job);

  return TRUE;
}
