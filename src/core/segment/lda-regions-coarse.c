/* lda-regions-coarse.c — the cells flooded at a coarser resolution: a
 * preview while a slider is dragged and the panes show the frame zoomed
 * out
 *
 * A pane that shows a 2048 × 2048 frame whole draws one screen pixel for
 * 2 × 2 to 4 × 4 of the frame's, from a mipmap level (lda-tiled-layer.c).
 * While a nucleus slider is dragged there, the cells are flooded on the
 * nuclei and cell area shrunk to that level, a quarter or a sixteenth of
 * the pixels, and the regions made full size again: every pixel outside
 * cell area ∪ nuclei is background and every nucleus pixel its own cell's,
 * exactly; only where inside the area one cell ends and the next begins
 * is as coarse as the level, the outlines thinned to one pixel.  Zoomed
 * in, what the panes show is flooded in full on its own pixels
 * (lda-regions-rect.c) and the rest, off screen, coarse.  The exact cells
 * follow when the slider rests (lda-pipeline-drag.c).
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

#include "lda-buffer.h"
#include "lda-error.h"
#include "lda-helper.h"
#include "lda-regions-coarse.h"
#include "lda-regions-coarse-private.h"
#include "lda-regions-rect.h"


/* How much the coarse relief is raised inside the area
 * (lda_regions_prep_set_lift()).  Within the area a step of the relief
 * is 0 or 1, at full size and coarse alike; from the background into it,
 * the relief of its edge, which is a nucleus's distance from the edge:
 * 2 or more at full size, where the cells fill the area before the
 * background moves in, but a quarter of that at 4 × 4, where the
 * background raced the cells and took whole parts of the area that the
 * exact flood gives them (2.8 % of the pixels of the cells frame changed
 * class, 1.7 % raised by 1 or more). */
#define COARSE_LIFT 1

/* @plane shrunk by 2^@shift. */
static LdaBitplane *
shrink (const LdaBitplane  *plane,
        guint               shift,
        GError            **error)
{
  g_autoptr(LdaBitplane) done = NULL;

  if (shift == 0)
    return lda_bitplane_copy (plane, error);
  if (!(done = lda_bitplane_new_halved (plane, error)))
    return NULL;
  for (guint s = 1; s < shift; s++)
    {
      LdaBitplane *next = lda_bitplane_new_halved (done, error);

      if (next == NULL)
        return NULL;
      lda_bitplane_free (done);
      done = next;
    }

  return g_steal_pointer (&done);
}

/* Bits @x0 to @x1 (included) of @bits set. */
static void
set_bits (guint64 *bits,
          guint    x0,
          guint    x1)
{
  for (guint word = x0 >> 6; word <= x1 >> 6; word++)
    {
      guint64 mask = G_MAXUINT64;

      if (word == x0 >> 6)
        mask &= G_MAXUINT64 << (x0 & 63);
      if (word == x1 >> 6 && (x1 & 63) != 63)
        mask &= (G_GUINT64_CONSTANT (1) << ((x1 & 63) + 1)) - 1;
      bits[word] |= mask;
    }
}

/* The first set bit of @bits from @x on, or @n if none. */
static guint
next_set (const guint64 *bits,
          guint          x,
          guint          n)
{
  guint word = x >> 6;
  guint64 w;

  if (x >= n)
    return n;
  w = bits[word] & (G_MAXUINT64 << (x & 63));
  while (w == 0)
    {
      if (++word >= (n + 63) >> 6)
        return n;
      w = bits[word];
    }

  return MIN (n, word * 64 + (guint) __builtin_ctzll (w));
}

/* The labelled runs @nuclei shrunk by 2^@shift: a coarse pixel takes the
 * label of the last run that covers any of its pixels.  A nucleus whose
 * every coarse pixel a later one took has no runs; it keeps its number.
 * A coarse row's labels are painted in @row, and which of its pixels were
 * in @painted, so that only those are read back: most of a row is no
 * nucleus's. */
static LdaRuns *
shrink_runs (const LdaRuns  *nuclei,
             guint           cw,
             guint           ch,
             guint           shift,
             GError        **error)
{
  g_autoptr(LdaRuns) self = g_new0 (LdaRuns, 1);
  g_autofree gint32 *row = g_try_new0 (gint32, cw);
  g_autofree guint64 *painted = g_try_new0 (guint64, (cw + 63) / 64);
  gsize n = 0, capacity = MAX (nuclei->n_runs, 16);

  self->width = cw;
  self->height = ch;
  self->n_components = nuclei->n_components;
  self->row_start = g_try_new (gsize, (gsize) ch + 1);
  self->runs = g_try_new (LdaRun, capacity);
  self->labels = g_try_new (guint, capacity);
  if (row == NULL || painted == NULL || self->row_start == NULL || self->runs == NULL ||
      self->labels == NULL)
    goto oom;

  for (guint cy = 0; cy < ch; cy++)
    {
      guint y0 = cy << shift, y1 = MIN ((cy + 1) << shift, nuclei->height);
      guint x = 0;

      self->row_start[cy] = n;
      /* The runs of the rows this one stands for, later ones on top. */
      for (gsize r = nuclei->row_start[y0]; r < nuclei->row_start[y1]; r++)
        {
          const guint cx0 = nuclei->runs[r].x0 >> shift, cx1 = (nuclei->runs[r].x1 - 1) >> shift;
          const gint32 label = (gint32) nuclei->labels[r];

          for (guint cx = cx0; cx <= cx1; cx++)
            row[cx] = label;
          set_bits (painted, cx0, cx1);
        }
      /* The painted pixels, a run of one label at a time. */
      while ((x = next_set (painted, x, cw)) < cw)
        {
          const gint32 label = row[x];
          guint x0 = x;

          while (x < cw && row[x] == label && (painted[x >> 6] >> (x & 63)) & 1)
            x++;
          if (n == capacity)
            {
              capacity *= 2;
              if (!(self->runs = g_try_realloc_n (self->runs, capacity, sizeof (LdaRun))) ||
                  !(self->labels = g_try_realloc_n (self->labels, capacity, sizeof (guint))))
                goto oom;
            }
          self->runs[n] = (LdaRun) { cy, x0, x };
          self->labels[n] = (guint) label;
          n++;
        }
      memset (painted, 0, ((cw + 63) / 64) * sizeof (guint64));
    }
  self->row_start[ch] = n;
  self->n_runs = n;

  return g_steal_pointer (&self);

oom:
  g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
               _("not enough memory for the runs of a %u × %u image"), cw, ch);
  return NULL;
}

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

void
lda_regions_coarse_free (LdaRegionsCoarse *self)
{
  if (self == NULL)
    return;

  lda_regions_free (self->cells);
  lda_bitplane_free (self->inside);
  lda_bitplane_free (self->mask);
  g_free (self->fine_regions);
  g_free (self);
}

/**
 * lda_regions_get_fine_reach:
 * @self: regions
 *
 * Returns: for cells kept coarse with a rectangle flooded at full size,
 *   how far that rectangle's cells reach from their nuclei
 *   (lda_regions_flood_rect()); 0 for others
 */
guint
lda_regions_get_fine_reach (const LdaRegions *self)
{
  return self->coarse != NULL && self->coarse->fine_regions != NULL ? self->coarse->fine_reach : 0;
}

/* The coarse cells of lda_regions_new_coarse_compact(): its planes
 * shrunk and flooded. */
typedef struct
{
  LdaRegions        *self;
  const LdaBitplane *cell_area;
  const LdaBitplane *mask;
  GCancellable      *cancellable;
} CoarseJob;

static gboolean
flood_coarse (gpointer   data,
              GError   **error)
{
  CoarseJob *job = data;
  LdaRegions *self = job->self;
  LdaRegionsCoarse *coarse = self->coarse;
  const guint shift = coarse->shift;
  g_autoptr(LdaBitplane) small_area = NULL;
  g_autoptr(LdaBitplane) small_mask = NULL;
  g_autoptr(LdaRuns) small_nuclei = NULL;
  LdaRegions *cells;

  if (!(small_area = shrink (job->cell_area, shift, error)) ||
      !(small_mask = shrink (job->mask, shift, error)) ||
      !(small_nuclei = shrink_runs (self->nuclei, small_area->width, small_area->height,
                                    shift, error)))
    return FALSE;
  /* The coarse cells, the frame's ring a wall, the relief raised inside
   * the area (COARSE_LIFT). */
  coarse->cells = cells = g_new0 (LdaRegions, 1);
  cells->width = small_area->width;
  cells->height = small_area->height;
  cells->regions = lda_buffer_alloc ((gsize) cells->width * cells->height * sizeof (gint32), FALSE);
  if (cells->regions == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"),
                   self->width, self->height);
      return FALSE;
    }
  lda_watershed_wall (cells->regions, cells->width, cells->height);
  if (!lda_regions_flood_rect (small_area, small_mask, small_nuclei,
                               &(LdaRect) { 0, 0, (int) cells->width, (int) cells->height },
                               shift, COARSE_LIFT, cells->regions, cells->width, &cells->unknown,
                               NULL, NULL, NULL, job->cancellable, error))
    return FALSE;
  self->unknown = cells->unknown << (2 * shift);

  return TRUE;
}

/**
 * lda_regions_new_coarse_compact:
 * @cell_area: the cell area mask
 * @mask: the nucleus mask
 * @nuclei: (nullable): the nucleus objects
 * @shift: how much coarser the flood is
 * @fine: (nullable): a rectangle flooded at full size
 * @cancellable: (nullable): checked within the flood
 * @error: return location for an error
 *
 * The cells of lda_regions_new_coarse(), whose arguments these are,
 * kept as they were flooded: the coarse cells and the fine rectangle's,
 * with the planes that make them full size.  Their @regions is %NULL;
 * lda_labels_new() makes the label mask straight from them
 * (lda-labels-coarse.c), without the 4 bytes a pixel of the regions at
 * full size written and read again, and lda_regions_expand() makes those
 * where they are needed.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new_coarse_compact (const LdaBitplane *cell_area,
                                const LdaBitplane *mask,
                                const LdaRuns     *nuclei,
                                guint              shift,
                                const LdaRect     *fine,
                                GCancellable      *cancellable,
                                GError           **error)
{
  const guint w = cell_area->width, h = cell_area->height;
  g_autoptr(LdaRegions) self = g_new0 (LdaRegions, 1);
  LdaRegionsCoarse *coarse;
  CoarseJob job;

  g_return_val_if_fail (shift >= 1 && shift <= 4, NULL);

  self->width = w;
  self->height = h;
  if (nuclei != NULL)
    self->nuclei = lda_runs_copy (nuclei, error);
  else if ((self->nuclei = lda_runs_new_from_bitplane (mask, TRUE, error)) != NULL)
    lda_runs_label (self->nuclei, 8);
  if (self->nuclei == NULL)
    return NULL;

  self->coarse = coarse = g_new0 (LdaRegionsCoarse, 1);
  coarse->shift = shift;
  if (!(coarse->inside = lda_bitplane_copy (cell_area, error)) ||
      !(coarse->mask = lda_bitplane_copy (mask, error)))
    return NULL;
  lda_bitplane_or (coarse->inside, mask);

  job = (CoarseJob) { self, cell_area, mask, cancellable };
  /* What the panes show, at full size (its ring is never read), and the
   * rest coarse beside it on the two threads. */
  if (fine != NULL && !lda_rect_is_empty (fine))
    {
      coarse->fine = *fine;
      coarse->fine_regions = g_try_new (gint32, (gsize) fine->width * fine->height);
      if (coarse->fine_regions == NULL)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                       _("not enough memory to separate the cells of a %u × %u image"), w, h);
          return NULL;
        }
      if (!lda_regions_flood_rect (cell_area, mask, self->nuclei, fine, 0, 0,
                                   coarse->fine_regions, (gsize) fine->width, NULL,
                                   &coarse->fine_reach, flood_coarse, &job, cancellable, error))
        return NULL;
    }
  else if (!flood_coarse (&job, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The full-size regions of cells kept coarse into @out, w × h. */
static gboolean
grow_into (const LdaRegions  *self,
           gint32            *out,
           GError           **error)
{
  const guint w = self->width, h = self->height;
  const LdaRegionsCoarse *coarse = self->coarse;
  LdaHelper *helper;
  Grow job = { out, coarse->cells, coarse->inside, self->nuclei, coarse->shift, 0, };

  for (guint i = 0; i < 2; i++)
    {
      job.expanded[i] = g_try_new (gint32, w);
      job.thins[i] = g_try_new (GrowThin, coarse->cells->width);
    }
  if (job.expanded[0] == NULL || job.expanded[1] == NULL ||
      job.thins[0] == NULL || job.thins[1] == NULL)
    {
      grow_free (&job);
      g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                   _("not enough memory to separate the cells of a %u × %u image"), w, h);
      return FALSE;
    }

  /* The rows shared out with a helper (lda-helper.c). */
  helper = lda_helper_start ("lda-coarse-cells", grow_rows_thread, &job);
  grow_rows (&job, 0);
  lda_helper_finish (helper);
  grow_free (&job);
  lda_watershed_wall (out, w, h);
  /* The fine rectangle's but on its ring, the wall of its flood. */
  for (int y = 1; coarse->fine_regions != NULL && y + 1 < coarse->fine.height; y++)
    memcpy (out + (gsize) (coarse->fine.y + y) * w + coarse->fine.x + 1,
            coarse->fine_regions + (gsize) y * coarse->fine.width + 1,
            (gsize) (coarse->fine.width - 2) * sizeof (gint32));

  return TRUE;
}

static gint32 *
alloc_regions (const LdaRegions  *self,
               GError           **error)
{
  /* Large: mapped and kept for the next run (lda-buffer.c). */
  gint32 *regions = lda_buffer_alloc ((gsize) self->width * self->height * sizeof (gint32), FALSE);

  if (regions == NULL)
    g_set_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE,
                 _("not enough memory to separate the cells of a %u × %u image"),
                 self->width, self->height);

  return regions;
}

/**
 * lda_regions_expand:
 * @self: regions
 * @error: return location for an error
 *
 * Makes the regions of cells kept coarse (lda_regions_new_coarse_compact())
 * full size, as lda_regions_new_coarse() gives them; nothing for others.
 *
 * Returns: %FALSE if out of memory
 */
gboolean
lda_regions_expand (LdaRegions  *self,
                    GError     **error)
{
  if (self->regions != NULL || self->coarse == NULL)
    return TRUE;

  if (!(self->regions = alloc_regions (self, error)))
    return FALSE;
  if (!grow_into (self, self->regions, error))
    {
      g_clear_pointer (&self->regions, lda_buffer_free);
      return FALSE;
    }
  g_clear_pointer (&self->coarse, lda_regions_coarse_free);

  return TRUE;
}

/**
 * lda_regions_copy_full:
 * @self: regions
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a copy of @self, full size even
 *   when @self's cells are kept coarse (lda_regions_expand())
 */
LdaRegions *
lda_regions_copy_full (const LdaRegions  *self,
                       GError           **error)
{
  g_autoptr(LdaRegions) copy = NULL;

  if (self->regions != NULL)
    return lda_regions_copy (self, error);

  copy = g_new0 (LdaRegions, 1);
  copy->width = self->width;
  copy->height = self->height;
  copy->unknown = self->unknown;
  if (!(copy->nuclei = lda_runs_copy (self->nuclei, error)) ||
      !(copy->regions = alloc_regions (self, error)) ||
      !grow_into (self, copy->regions, error))
    return NULL;

  return g_steal_pointer (&copy);
}

/**
 * lda_regions_new_coarse:
 * @cell_area: the cell area mask
 * @mask: the nucleus mask (Hoechst ∪ Draq7, split lines included)
 * @nuclei: (nullable): the nucleus objects, labelled; %NULL for the
 *   8-connected components of @mask
 * @shift: how much coarser the flood is, as a power of two: 1 for 2 × 2
 *   pixels a pixel, 2 for 4 × 4
 * @fine: (nullable): a rectangle flooded at full size, on its own
 *   pixels: what the panes show at 1:1 or closer, with a margin
 * @cancellable: (nullable): checked within the flood
 * @error: return location for an error
 *
 * The cells of lda_regions_new() or lda_regions_new_from_nuclei(),
 * flooded on the nuclei and cell area shrunk by 2^@shift and made full
 * size again.  The background, the nuclei and the outermost ring are as
 * in the exact regions; the cells meet within a coarse pixel of where
 * they do there.  In @fine, the cells of a flood of its own pixels,
 * which are the exact ones but near its edge, where a cell reaches out
 * of it.  Never a base to carry from: @largest_piece is 0, and
 * there is no relief.
 *
 * Returns: (transfer full) (nullable): the regions
 */
LdaRegions *
lda_regions_new_coarse (const LdaBitplane *cell_area,
                        const LdaBitplane *mask,
                        const LdaRuns     *nuclei,
                        guint              shift,
                        const LdaRect     *fine,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(LdaRegions) self = lda_regions_new_coarse_compact (cell_area, mask, nuclei, shift,
                                                               fine, cancellable, error);

  if (self == NULL || !lda_regions_expand (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
