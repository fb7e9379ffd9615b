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
  const LdaBitplane *mask;  /* nullable: outlines where cells meet */
  gint               next;  /* the next coarse row not taken */
  /* Each thread's room for a row and a coarse row's outline blocks. */
  gint32            *expanded[2];
  GrowThin          *thins[2];
  /* Where cells meet (lines_where_cells_meet()), and its next row. */
  LdaBitplane       *lines;
  gint               next_line;
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

/* The cells each quarter of the block of coarse outline pixel (@x, @y)
 * joins, [lower half][right half]: the cell on its side of a line
 * across (above or below) or down (left or right), else the nearest. */
static void
block_quarters (const LdaRegions *c,
                gint64            x,
                gint64            y,
                gint32            quarter[2][2])
{
  const gint32 o = LDA_REGION_OUTLINE;
  const gint32 left = coarse_at (c, x - 1, y, o), right = coarse_at (c, x + 1, y, o);
  const gint32 up = coarse_at (c, x, y - 1, o), down = coarse_at (c, x, y + 1, o);
  const gboolean across = left == o || right == o;

  for (guint lower = 0; lower < 2; lower++)
    for (guint rightward = 0; rightward < 2; rightward++)
      {
        gint32 side = lower ? down : up, beside = rightward ? right : left;
        gint32 first = across ? side : beside, second = across ? beside : side;

        quarter[lower][rightward] = first != o ? first : second != o ? second :
                                    nearest_cell (c, x, y, !lower, !rightward);
      }
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
  const gboolean across = coarse_at (c, x - 1, y, o) == o || coarse_at (c, x + 1, y, o) == o;
  const gboolean along = coarse_at (c, x, y - 1, o) == o || coarse_at (c, x, y + 1, o) == o;
  const guint half = (1u << shift) / 2;
  gint32 quarter[2][2];  /* [lower half][right half] */

  block_quarters (c, x, y, quarter);
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

        if (job->mask != NULL)
          {
            /* No line: each quarter its cell's, the lines drawn where
             * the cells meet (lines_where_cells_meet()). */
            gint32 quarter[2][2];

            t->block.x = cx << s;
            t->block.span = MIN (1u << s, w - t->block.x);
            block_quarters (job->coarse, cx, cy, quarter);
            for (guint kind = 0; kind < 3; kind++)
              for (guint i = 0; i < t->block.span; i++)
                t->regions[kind][i] = quarter[kind > 0][i >= half];
            continue;
          }
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

/* Whether pixel @x of @row, with @up and @down the rows round it (or
 * @row itself at the frame's edge), is an outline where cells meet, as
 * the exact flood draws it: a cell's pixel, not a nucleus's, next to the
 * background or to a cell of a smaller number (one pixel of the two
 * along a border), four-connected; or one already. */
static inline gboolean
meets (const gint32  *row,
       const gint32  *up,
       const gint32  *down,
       const guint64 *nucleus,
       guint          x,
       guint          w)
{
  const gint32 c = row[x];
  const gint32 n[4] = { x > 0 ? row[x - 1] : c, x + 1 < w ? row[x + 1] : c, up[x], down[x] };

  if (c == LDA_REGION_OUTLINE)
    return TRUE;
  if (c < LDA_REGION_FIRST_CELL || ((nucleus[x >> 6] >> (x & 63)) & 1))
    return FALSE;
  for (guint k = 0; k < 4; k++)
    if (n[k] == LDA_REGION_BACKGROUND || (n[k] >= LDA_REGION_FIRST_CELL && n[k] < c))
      return TRUE;

  return FALSE;
}

#ifdef __SSE2__
/* meet() for the four pixels from @x on (a multiple of four, past the
 * row's first and before its last), as bits. */
static inline guint
meets_4 (const gint32  *row,
         const gint32  *up,
         const gint32  *down,
         const guint64 *nucleus,
         guint          x)
{
  const __m128i lanes = _mm_set_epi32 (8, 4, 2, 1);
  const __m128i below_cells = _mm_set1_epi32 (LDA_REGION_FIRST_CELL - 1);
  const __m128i bg = _mm_set1_epi32 (LDA_REGION_BACKGROUND);
  const __m128i c = _mm_loadu_si128 ((const __m128i *) (row + x));
  const __m128i n[4] = {
    _mm_loadu_si128 ((const __m128i *) (row + x - 1)),
    _mm_loadu_si128 ((const __m128i *) (row + x + 1)),
    _mm_loadu_si128 ((const __m128i *) (up + x)),
    _mm_loadu_si128 ((const __m128i *) (down + x)),
  };
  const __m128i in_nucleus =
    _mm_cmpeq_epi32 (_mm_and_si128 (_mm_set1_epi32 ((int) ((nucleus[x >> 6] >> (x & 63)) & 15)), lanes),
                     lanes);
  __m128i next_to = _mm_setzero_si128 (), line;

  for (guint k = 0; k < 4; k++)
    next_to = _mm_or_si128 (next_to,
                            _mm_or_si128 (_mm_cmpeq_epi32 (n[k], bg),
                                          _mm_and_si128 (_mm_cmpgt_epi32 (n[k], below_cells),
                                                         _mm_cmpgt_epi32 (c, n[k]))));
  line = _mm_andnot_si128 (in_nucleus, _mm_and_si128 (next_to, _mm_cmpgt_epi32 (c, below_cells)));
  line = _mm_or_si128 (line, _mm_cmpeq_epi32 (c, _mm_set1_epi32 (LDA_REGION_OUTLINE)));

  return (guint) _mm_movemask_ps (_mm_castsi128_ps (line));
}
#endif

/* Into @job's lines, the pixels of row @y that meet(), four at a time
 * where SSE2 is there. */
static void
line_row (Grow  *job,
          guint  y)
{
  const guint w = job->inside->width, h = job->inside->height;
  const gint32 *row = job->regions + (gsize) y * w;
  const gint32 *up = y > 0 ? row - w : row, *down = y + 1 < h ? row + w : row;
  const guint64 *nucleus = lda_bitplane_row (job->mask, y);
  guint64 *line = lda_bitplane_row (job->lines, y);
  guint x = 0;

#ifdef __SSE2__
  /* The first four pixels one at a time; then a word of the lines at a
   * time, kept in a register while its 64 pixels are looked at. */
  for (; x < MIN (w, 4u); x++)
    if (meets (row, up, down, nucleus, x, w))
      line[0] |= G_GUINT64_CONSTANT (1) << x;
  for (; x + 4 < w && (x & 63) != 0; x += 4)
    line[x >> 6] |= (guint64) meets_4 (row, up, down, nucleus, x) << (x & 63);
  for (; x + 64 < w; x += 64)
    {
      guint64 word = 0;

      for (guint i = 0; i < 64; i += 4)
        word |= (guint64) meets_4 (row, up, down, nucleus, x + i) << i;
      line[x >> 6] = word;
    }
  for (; x + 4 < w; x += 4)
    line[x >> 6] |= (guint64) meets_4 (row, up, down, nucleus, x) << (x & 63);
#endif
  for (; x < w; x++)
    if (meets (row, up, down, nucleus, x, w))
      line[x >> 6] |= G_GUINT64_CONSTANT (1) << (x & 63);
}

static gpointer
line_rows (gpointer data)
{
  Grow *job = data;
  const guint h = job->inside->height;
  guint y;

  while ((y = (guint) g_atomic_int_add (&job->next_line, 1)) < h)
    line_row (job, y);

  return NULL;
}

/* Bits @x and @x + 1 of @line set, for each @x of word @k. */
static inline guint64
pairs (const guint64 *line,
       gsize          k,
       gsize          stride)
{
  const guint64 next = k + 1 < stride ? line[k + 1] : 0;

  return line[k] & ((line[k] >> 1) | (next << 63));
}

/* Where rows @y and @y + 1 of the lines (outline pixels already drawn
 * among them, line_row()) hold a square of 2 × 2, one of its pixels
 * left to its cell, of the lower row first: a line drawn on both sides
 * of a corner, where the cells meet the background or three cells meet,
 * and the exact flood's lines are a pixel wide. */
static void
break_squares (Grow  *job,
               guint  y)
{
  const guint w = job->inside->width;
  const gsize stride = job->lines->stride;
  guint64 *a = lda_bitplane_row (job->lines, y), *b = lda_bitplane_row (job->lines, y + 1);

  for (gsize k = 0; k < stride; k++)
    {
      guint64 squares = pairs (a, k, stride) & pairs (b, k, stride);

      while (squares != 0)
        {
          const guint x = (guint) (k * 64) + (guint) __builtin_ctzll (squares);
          const guint corner[4][2] = { { x + 1, y + 1 }, { x, y + 1 }, { x + 1, y }, { x, y } };

          for (guint i = 0; i < 4; i++)
            if (job->regions[(gsize) corner[i][1] * w + corner[i][0]] != LDA_REGION_OUTLINE)
              {
                lda_bitplane_set (job->lines, corner[i][0], corner[i][1], FALSE);
                break;
              }
          /* What is left of them past @x. */
          squares = (x & 63) == 63 ? 0 : pairs (a, k, stride) & pairs (b, k, stride) &
                                          (G_MAXUINT64 << ((x & 63) + 1));
        }
    }
}

/* The outlines of regions grown with no line in their outline blocks,
 * where their cells meet: found on two threads from the rows as grown,
 * then drawn. */
static void
lines_where_cells_meet (Grow *job)
{
  const guint w = job->inside->width, h = job->inside->height;
  LdaHelper *helper = lda_helper_start ("lda-coarse-lines", line_rows, job);

  line_rows (job);
  lda_helper_finish (helper);
  for (guint y = 0; y < h; y++)
    {
      guint64 *line = lda_bitplane_row (job->lines, y);
      gint32 *row = job->regions + (gsize) y * w;

      if (y + 1 < h)
        break_squares (job, y);
      for (gsize k = 0; k < job->lines->stride; k++)
        for (guint64 b = line[k]; b != 0; b &= b - 1)
          row[k * 64 + (guint) __builtin_ctzll (b)] = LDA_REGION_OUTLINE;
    }
}

static void
grow_free (Grow *job)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (job->expanded[i]);
      g_free (job->thins[i]);
    }
  lda_bitplane_free (job->lines);
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
 * @mask: (nullable): the nucleus mask, at full size
 * @shift: how much smaller than @inside @cells are, as a power of two
 * @out: (out caller-allocates): @inside's width × height regions
 * @error: return location for an error
 *
 * @cells, flooded on @inside and @nuclei shrunk by 2^@shift, made full
 * size: the coarse regions inside @inside, background outside it, each
 * nucleus its cell's.  Without @mask, the coarse outlines are thinned to
 * one pixel through the middle of their blocks (lda_coarse_thin_block()),
 * as a mipmap level's samples see them zoomed out.  With it, for a view
 * at about a screen pixel for one of the frame's, their blocks go to
 * the cells round them and the outlines are drawn where the cells meet,
 * as the exact flood draws them, unbroken where they run diagonally
 * (a diagonal through the blocks' middle pixels is dotted).  Two
 * threads share the rows.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_coarse_grow (const LdaRegions  *cells,
                 const LdaBitplane *inside,
                 const LdaRuns     *nuclei,
                 const LdaBitplane *mask,
                 guint              shift,
                 gint32            *out,
                 GError           **error)
{
  LdaHelper *helper;
  Grow job = { out, cells, inside, nuclei, shift, mask, 0, };

  for (guint i = 0; i < 2; i++)
    {
      job.expanded[i] = g_try_new (gint32, inside->width);
      job.thins[i] = g_try_new (GrowThin, cells->width);
    }
  if (mask != NULL)
    job.lines = lda_bitplane_new (inside->width, inside->height, NULL);
  if (job.expanded[0] == NULL || job.expanded[1] == NULL ||
      job.thins[0] == NULL || job.thins[1] == NULL || (mask != NULL && job.lines == NULL))
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
  if (mask != NULL)
    lines_where_cells_meet (&job);
  grow_free (&job);

  return TRUE;
}
