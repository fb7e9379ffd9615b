/* lda-labels-coarse.c — the label mask of cells kept coarse: a slider's
 * preview (lda-regions-coarse.c)
 *
 * The label mask of the regions lda_regions_expand() would make full
 * size, made without them: a pixel's class is its coarse pixel's (cell,
 * outline or background), its outline blocks thinned as the regions'
 * are, background outside cell area ∪ nuclei, then what lda_labels_new()
 * paints over any regions.  Eight pixels an instruction, one byte each,
 * where the full-size regions are written and read again at four bytes
 * a pixel.  In the fine rectangle the classes come from its regions
 * (lda_compose_span()), as they do from full-size ones.
 *
 * The cells' areas are counted by the coarse pixels, not pixel by pixel:
 * a run of one cell's coarse pixels counts the pixels of their blocks
 * inside the area and no nucleus's (a few bits an instruction,
 * add_block_counts()), an outline block its two sides row by row, and
 * each nucleus its own pixels.  The nucleus mask is the objects and the
 * lines that split them, which the regions' areas leave out, so the
 * areas are the regions' to the pixel.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-compose-private.h"
#include "lda-regions-coarse-private.h"

static inline guint8
class_of (gint32 region)
{
  return region >= LDA_REGION_FIRST_CELL ? LDA_CLASS_CELL :
         region == LDA_REGION_OUTLINE ? LDA_CLASS_OUTLINE : LDA_CLASS_BACKGROUND;
}

/* @w classes from the coarse ones at @classes, each 2^@s times over. */
static void
expand_classes (const guint8 *classes,
                guint         s,
                guint         w,
                guint8       *out)
{
  guint x = 0, cx = 0;

  switch (s)
    {
    case 1:
      for (; x + 2 <= w; x += 2, cx++)
        {
          guint16 v = (guint16) (classes[cx] * 0x0101u);

          memcpy (out + x, &v, sizeof v);
        }
      break;
    case 2:
      for (; x + 4 <= w; x += 4, cx++)
        {
          guint32 v = classes[cx] * 0x01010101u;

          memcpy (out + x, &v, sizeof v);
        }
      break;
    case 3:
      for (; x + 8 <= w; x += 8, cx++)
        {
          guint64 v = classes[cx] * G_GUINT64_CONSTANT (0x0101010101010101);

          memcpy (out + x, &v, sizeof v);
        }
      break;
    default:
      break;
    }
  for (; x < w; x++)
    out[x] = classes[x >> s];
}

/* Background (0) where @inside has no bit, eight pixels at a time. */
static void
keep_inside (guint8        *out,
             const guint64 *inside,
             guint          w,
             const guint64 *masks)
{
  G_STATIC_ASSERT (LDA_CLASS_BACKGROUND == 0);

  for (guint x0 = 0; x0 < w; x0 += 64)
    {
      const guint64 bits = inside[x0 >> 6];
      const guint n = MIN (64u, w - x0);

      if (bits == G_MAXUINT64)
        continue;
      if (bits == 0)
        {
          memset (out + x0, LDA_CLASS_BACKGROUND, n);
          continue;
        }
      if (n < 64)
        {
          for (guint i = 0; i < n; i++)
            if (!((bits >> i) & 1))
              out[x0 + i] = LDA_CLASS_BACKGROUND;
          continue;
        }
      for (guint i = 0; i < 8; i++)
        {
          guint64 eight;

          memcpy (&eight, out + x0 + 8 * i, 8);
          eight &= masks[(bits >> (8 * i)) & 0xff];
          memcpy (out + x0 + 8 * i, &eight, 8);
        }
    }
}

/* Row @y's pixels that count for a cell's area by its coarse pixel: in
 * cell area ∪ nuclei and no nucleus's (a nucleus counts its own pixels,
 * nucleus_areas()), off the frame's ring and out of the fine rectangle,
 * which counts its own (lda_compose_span()). */
static void
cell_bits (const LdaRegionsCoarse *coarse,
           guint                   y,
           guint                   fine_x0,
           guint                   fine_x1,
           guint64                *bits)
{
  const guint w = coarse->inside->width;
  const guint64 *inside = lda_bitplane_row (coarse->inside, y);
  const guint64 *mask = lda_bitplane_row (coarse->mask, y);

  for (gsize k = 0; k < coarse->inside->stride; k++)
    bits[k] = inside[k] & ~mask[k];
  bits[0] &= ~G_GUINT64_CONSTANT (1);
  bits[(w - 1) >> 6] &= ~(G_GUINT64_CONSTANT (1) << ((w - 1) & 63));
  for (guint x = fine_x0; x < fine_x1;)
    {
      const guint n = MIN (64 - (x & 63), fine_x1 - x);

      bits[x >> 6] &= ~((n == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1) << (x & 63));
      x += n;
    }
}

/* How many of @bits each block of 2^@s pixels has, added to @sums, one
 * field a block: fields of 4 bits for s = 1, of 8 bits from 2 on (@sums
 * is two words a bit word: the blocks at even places and at odd ones). */
static inline void
add_block_counts (guint64  bits,
                  guint    s,
                  guint64 *sums)
{
  const guint64 m1 = G_GUINT64_CONSTANT (0x5555555555555555);
  const guint64 m2 = G_GUINT64_CONSTANT (0x3333333333333333);
  const guint64 m4 = G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  guint64 x = bits - ((bits >> 1) & m1);   /* 2-bit fields */

  if (s == 1)
    {
      sums[0] += x & m2;
      sums[1] += (x >> 2) & m2;
      return;
    }
  x = (x & m2) + ((x >> 2) & m2);          /* 4-bit fields */
  if (s == 2)
    {
      sums[0] += x & m4;
      sums[1] += (x >> 4) & m4;
      return;
    }
  x = (x + (x >> 4)) & m4;                 /* 8-bit fields */
  sums[0] += x;
}

/* The count of block @i of a word's @sums (add_block_counts()). */
static inline guint
block_count (const guint64 *sums,
             guint          s,
             guint          i)
{
  if (s == 1)
    return (guint) ((sums[i & 1] >> (2 * (i & ~1u))) & 0xf);
  if (s == 2)
    return (guint) ((sums[i & 1] >> (8 * (i >> 1))) & 0xff);
  return (guint) ((sums[0] >> (8 * i)) & 0xff);
}

/* Of the pixels from @x to @x + @n in @bits (within one word), how many
 * are set. */
static inline guint
bits_in (const guint64 *bits,
         guint          x,
         guint          n)
{
  if (n == 0)
    return 0;
  return (guint) lda_popcount ((bits[x >> 6] >> (x & 63)) &
                               (n >= 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << n) - 1));
}

/* A thinned block's rows as classes, made once for its coarse row from
 * its rows' regions (lda_coarse_thin_block()), with which of their pixels
 * count for which of the (at most two) cells in them. */
typedef struct
{
  guint   x;
  guint   span;
  guint8  classes[3][16];
  guint64 side_bits[3][2];  /* at the block's place in its word */
  gint32  side[3][2];       /* the cells, or 0 */
} ThinRows;

static void
thin_rows_new (const LdaCoarseThin *t,
               ThinRows            *rows)
{
  /* A block never straddles a word: 2^shift divides 64. */
  const guint at = t->x & 63, n_left = MIN (t->half, t->span);
  const guint64 left = ((G_GUINT64_CONSTANT (1) << n_left) - 1) << at;
  const guint64 all = ((G_GUINT64_CONSTANT (1) << t->span) - 1) << at;

  rows->x = t->x;
  rows->span = t->span;
  for (guint kind = 0; kind < 3; kind++)
    {
      const LdaCoarseThinRow *r = &t->rows[kind];
      const guint64 right = all & ~left & (r->mid ? ~(G_GUINT64_CONSTANT (1) << (at + t->half)) : G_MAXUINT64);
      gint32 *side = rows->side[kind];
      guint64 *bits = rows->side_bits[kind];

      memset (rows->classes[kind], class_of (r->left), n_left);
      memset (rows->classes[kind] + n_left, class_of (r->right), t->span - n_left);
      if (r->mid)
        rows->classes[kind][t->half] = LDA_CLASS_OUTLINE;

      /* The cells of the row's left part and of its right part: one side
       * if they are one cell, two if not. */
      side[0] = side[1] = 0;
      bits[0] = bits[1] = 0;
      if (r->left >= LDA_REGION_FIRST_CELL)
        {
          side[0] = r->left;
          bits[0] = left;
        }
      if (r->right >= LDA_REGION_FIRST_CELL && right != 0)
        {
          const guint k = side[0] == 0 || side[0] == r->right ? 0 : 1;

          side[k] = r->right;
          bits[k] |= right;
        }
    }
}

/* Row @ry of the thinned blocks @rows into @out, and what their cells'
 * areas take of @bits (cell_bits(); %NULL for none). */
static void
thin_row (const LdaComposeJob *job,
          const ThinRows      *rows,
          guint                n_thins,
          guint                s,
          guint                ry,
          const guint64       *bits,
          guint8              *out)
{
  const guint kind = lda_coarse_thin_kind (ry, (1u << s) / 2);

  for (guint i = 0; i < n_thins; i++)
    {
      const ThinRows *t = &rows[i];
      guint8 *o = out + t->x;

      /* The block's bytes, in one store where it is whole. */
      if (t->span == (1u << s) && s == 1)
        memcpy (o, t->classes[kind], 2);
      else if (t->span == (1u << s) && s == 2)
        memcpy (o, t->classes[kind], 4);
      else if (t->span == (1u << s) && s == 3)
        memcpy (o, t->classes[kind], 8);
      else
        for (guint j = 0; j < t->span; j++)
          o[j] = t->classes[kind][j];
      if (bits == NULL)
        continue;
      for (guint side = 0; side < 2; side++)
        if (t->side[kind][side] >= LDA_REGION_FIRST_CELL)
          job->cell_area[t->side[kind][side] - LDA_REGION_FIRST_CELL] +=
            (guint) lda_popcount (bits[t->x >> 6] & t->side_bits[kind][side]);
    }
}

/* The areas of the coarse row's cells, but in outline blocks, from the
 * counts of its blocks (add_block_counts()): a run of one cell's coarse
 * pixels at a time. */
static void
block_areas (const LdaComposeJob *job,
             const gint32        *c,
             guint                cw,
             guint                s,
             const guint64       *sums)
{
  const guint per_word = 64u >> s;

  for (guint cx = 0; cx < cw;)
    {
      const gint32 v = c[cx];
      guint count = 0;

      for (; cx < cw && c[cx] == v; cx++)
        count += block_count (sums + 2 * (cx / per_word), s, cx % per_word);
      if (v >= LDA_REGION_FIRST_CELL)
        job->cell_area[v - LDA_REGION_FIRST_CELL] += count;
    }
}

/* The nuclei of row @y count their own pixels, but on the frame's ring
 * and in the fine rectangle's inside. */
static void
nucleus_areas (const LdaComposeJob *job,
               guint                y,
               guint                fine_x0,
               guint                fine_x1)
{
  const LdaRuns *nuclei = job->regions->nuclei;
  const guint w = job->regions->width;

  for (gsize r = nuclei->row_start[y]; r < nuclei->row_start[y + 1]; r++)
    {
      guint *area = &job->cell_area[nuclei->labels[r]];
      const guint x0 = MAX (nuclei->runs[r].x0, 1u), x1 = MIN (nuclei->runs[r].x1, w - 1);

      if (x0 < MIN (x1, fine_x0))
        *area += MIN (x1, fine_x0) - x0;
      if (MAX (x0, fine_x1) < x1)
        *area += x1 - MAX (x0, fine_x1);
    }
}

/* A thread's room: a coarse row's classes, the outline block being
 * made and the classes of all of them, its blocks' counts, and a row's
 * cell bits. */
typedef struct
{
  guint8        *classes;
  LdaCoarseThin  thin;
  ThinRows      *thin_rows;
  guint64       *sums;
  guint64       *bits;
} Room;

/* The full-size rows of coarse row @cy. */
static void
compose_block (const LdaComposeJob *job,
               guint                cy,
               Room                *room,
               const guint64       *masks)
{
  const LdaRegionsCoarse *coarse = job->regions->coarse;
  const LdaRegions *cells = coarse->cells;
  const guint w = job->regions->width, h = job->regions->height, s = coarse->shift;
  const guint cw = cells->width, stride = coarse->inside->stride;
  const gint32 *c = cells->regions + (gsize) cy * cw;
  const LdaRect *fine = &coarse->fine;
  /* Blocks counted in fields (add_block_counts()), or pixel by pixel. */
  const gboolean fields = s >= 1 && s <= 3 && w % (1u << s) == 0;
  guint n_thins = 0;

  for (guint cx = 0; cx < cw; cx++)
    {
      room->classes[cx] = class_of (c[cx]);
      if (c[cx] == LDA_REGION_OUTLINE)
        {
          lda_coarse_thin_block (cells, cx, cy, s, w, &room->thin);
          thin_rows_new (&room->thin, &room->thin_rows[n_thins++]);
        }
    }
  memset (room->sums, 0, 2 * stride * sizeof (guint64));

  for (guint y = cy << s; y < MIN ((cy + 1) << s, h); y++)
    {
      guint8 *out = job->labels + (gsize) y * w;
      const gboolean ring = y == 0 || y == h - 1;
      const gboolean in_fine = coarse->fine_regions != NULL &&
                               (int) y > fine->y && (int) y < fine->y + fine->height - 1;
      const guint fine_x0 = in_fine ? (guint) fine->x + 1 : w;
      const guint fine_x1 = in_fine ? (guint) (fine->x + fine->width - 1) : w;

      if (!ring)
        {
          cell_bits (coarse, y, fine_x0, fine_x1, room->bits);
          for (guint k = 0; fields && k < stride; k++)
            add_block_counts (room->bits[k], s, room->sums + 2 * k);
          for (guint cx = 0; !fields && cx < cw; cx++)
            if (c[cx] >= LDA_REGION_FIRST_CELL)
              job->cell_area[c[cx] - LDA_REGION_FIRST_CELL] +=
                bits_in (room->bits, cx << s, MIN (1u << s, w - (cx << s)));
          nucleus_areas (job, y, fine_x0, fine_x1);
        }
      expand_classes (room->classes, s, w, out);
      thin_row (job, room->thin_rows, n_thins, s, y - (cy << s), ring ? NULL : room->bits, out);
      keep_inside (out, lda_bitplane_row (coarse->inside, y), w, masks);
      /* The frame's outermost ring is the flood's wall. */
      if (ring)
        memset (out, LDA_CLASS_BACKGROUND, w);
      else
        out[0] = out[w - 1] = LDA_CLASS_BACKGROUND;
      if (in_fine)
        lda_compose_span (job, coarse->fine_regions + (gsize) (y - fine->y) * fine->width + 1,
                          out + fine_x0, y, fine_x0, fine_x1 - fine_x0);
      lda_compose_finish_row (job, y, masks);
    }
  /* The cells' areas but in outline blocks, counted above. */
  if (fields)
    block_areas (job, c, cw, s, room->sums);
}

void
lda_regions_coarse_compose (LdaComposeJob *job)
{
  const LdaRegionsCoarse *coarse = job->regions->coarse;
  const guint64 *masks = lda_bitplane_byte_masks ();
  const gsize stride = coarse->inside->stride;
  g_autofree guint8 *classes = g_new (guint8, coarse->cells->width);
  g_autofree ThinRows *thin_rows = g_new (ThinRows, coarse->cells->width);
  g_autofree guint64 *sums = g_new (guint64, 2 * stride);
  g_autofree guint64 *bits = g_new (guint64, stride);
  Room room = { classes, { 0, }, thin_rows, sums, bits };
  guint cy;

  while ((cy = (guint) g_atomic_int_add (job->next_row, 1)) < coarse->cells->height)
    compose_block (job, cy, &room, masks);
}
