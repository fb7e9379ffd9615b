/* test-morph.c — tests for lda-morph, lda-components and the threshold of
 * lda-bitplane: the elliptical element against OpenCV's, dilation and
 * erosion with their border rules (SPEC 2.3), hole filling, closing, runs
 * and their connected components.
 *
 * Small cases are pictures, '#' set and '.' clear, written side by side:
 * each row reads "input  expected".  Larger random planes are checked
 * against the direct pixel-by-pixel definitions below.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gio/gio.h>

#include "lda-bitplane.h"
#include "lda-components.h"
#include "lda-image.h"
#include "lda-morph.h"
#include "lda-params.h"

/* --- pictures ---------------------------------------------------------- */

/* A NULL-terminated list of rows. */
#define PICTURE(...) ((const char * const []) { __VA_ARGS__, NULL })

typedef enum
{
  DILATE,
  ERODE,
  FILL,
  CLOSE_FILL,
} Op;

static const char * const op_names[] = { "dilate", "erode", "fill holes", "close and fill" };

static LdaBitplane *
plane_new (guint width,
           guint height)
{
  g_autoptr(GError) error = NULL;
  LdaBitplane *plane = lda_bitplane_new (width, height, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plane);
  return plane;
}

/* Builds a plane from the first (@column 0) or the second (1) of
 * side-by-side pictures. */
static LdaBitplane *
plane_from_rows (const char * const *rows,
                 guint               column)
{
  LdaBitplane *plane = NULL;
  guint height = 0;

  while (rows[height] != NULL)
    height++;

  for (guint y = 0; y < height; y++)
    {
      const char *p = column == 0 ? rows[y] : strrchr (rows[y], ' ') + 1;
      gsize width = strcspn (p, " ");

      if (plane == NULL)
        plane = plane_new ((guint) width, height);
      g_assert_cmpuint (width, ==, plane->width);

      for (guint x = 0; x < width; x++)
        {
          g_assert_true (p[x] == '#' || p[x] == '.');
          lda_bitplane_set (plane, x, y, p[x] == '#');
        }
    }

  return plane;
}

static char *
plane_to_picture (const LdaBitplane *plane)
{
  GString *text = g_string_new (NULL);

  for (guint y = 0; y < plane->height; y++)
    {
      g_string_append (text, "\n    ");
      for (guint x = 0; x < plane->width; x++)
        g_string_append_c (text, lda_bitplane_get (plane, x, y) ? '#' : '.');
    }

  return g_string_free (text, FALSE);
}

/* Compares two planes of the same size, padding included; on a
 * difference prints both so that a failure can be read. */
static gboolean
planes_match (const char        *what,
              const LdaBitplane *got,
              const LdaBitplane *want)
{
  const guint64 padding = ~lda_bitplane_last_mask (got);
  gboolean same = TRUE;

  g_assert_cmpuint (got->width, ==, want->width);
  g_assert_cmpuint (got->height, ==, want->height);

  for (guint y = 0; y < got->height; y++)
    {
      for (guint x = 0; x < got->width; x++)
        same = same && lda_bitplane_get (got, x, y) == lda_bitplane_get (want, x, y);
      if ((lda_bitplane_row (got, y)[got->stride - 1] & padding) != 0)
        {
          g_test_message ("%s: row %u has bits set past the width", what, y);
          same = FALSE;
        }
    }

  if (!same)
    {
      g_autofree char *a = plane_to_picture (want);
      g_autofree char *b = plane_to_picture (got);

      g_test_message ("%s: expected%s\n  got%s", what, a, b);
    }

  return same;
}

static LdaBitplane *
apply (Op                 op,
       guint              kernel,
       const LdaBitplane *src)
{
  g_autoptr(GError) error = NULL;
  LdaBitplane *out = NULL;

  if (op == DILATE)
    out = lda_morph_dilate (src, kernel, &error);
  else if (op == ERODE)
    out = lda_morph_erode (src, kernel, &error);
  else if (op == FILL)
    out = lda_fill_holes (src, &error);
  else
    out = lda_morph_close_fill (src, kernel, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

/* Applies @op to the left pictures of @rows and compares with the right. */
static gboolean
op_matches (Op                  op,
            guint               kernel,
            const char * const *rows)
{
  g_autoptr(LdaBitplane) src = plane_from_rows (rows, 0);
  g_autoptr(LdaBitplane) want = plane_from_rows (rows, 1);
  g_autoptr(LdaBitplane) got = apply (op, kernel, src);
  g_autofree char *what = g_strdup_printf ("%s, kernel %u", op_names[op], kernel);

  return planes_match (what, got, want);
}

#define assert_op(op, kernel, ...) \
  G_STMT_START { \
    gboolean matches = op_matches ((op), (kernel), PICTURE (__VA_ARGS__)); \
    g_assert_true (matches); \
  } G_STMT_END

static LdaBitplane *
plane_random (GRand  *rand,
              guint   width,
              guint   height,
              double  density)
{
  LdaBitplane *plane = plane_new (width, height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      lda_bitplane_set (plane, x, y, g_rand_double (rand) < density);

  return plane;
}

/* --- direct definitions ------------------------------------------------ */

/* dst(x, y) = max (dilate) or min (erode) over the element's (i, j) of
 * src(x + j − c, y + i − r); outside is background for a dilation and
 * foreground for an erosion.  Uses lda_ellipse(), which
 * /morph/ellipse/golden checks against OpenCV. */
static LdaBitplane *
naive_morph (const LdaBitplane *src,
             guint              kernel,
             gboolean           dilation)
{
  const int k = (int) kernel, c = k / 2, r = k / 2;
  g_autofree guint8 *element = g_malloc ((gsize) k * k);
  LdaBitplane *out = plane_new (src->width, src->height);

  lda_ellipse (kernel, element);
  for (guint y = 0; y < src->height; y++)
    for (guint x = 0; x < src->width; x++)
      {
        /* A dilation looks for a set pixel, an erosion for a clear one. */
        gboolean found = FALSE;

        for (int i = 0; i < k; i++)
          for (int j = 0; j < k; j++)
            {
              gint64 sx = (gint64) x + j - c, sy = (gint64) y + i - r;

              if (element[i * k + j] && sx >= 0 && sy >= 0 && sx < src->width &&
                  sy < src->height && lda_bitplane_get (src, (guint) sx, (guint) sy) == dilation)
                found = TRUE;
            }
        lda_bitplane_set (out, x, y, dilation ? found : !found);
      }

  return out;
}

/* Gives @mark to every unmarked pixel of @value joined to (x0, y0) by a
 * 4- or 8-connected path of such pixels.  @marks holds G_MAXUINT for
 * unmarked pixels; @stack has room for every pixel. */
static void
flood (const LdaBitplane *plane,
       gboolean           value,
       guint              connectivity,
       guint              x0,
       guint              y0,
       guint             *marks,
       guint              mark,
       guint             *stack)
{
  static const int dx[8] = { 1, -1, 0, 0, 1, 1, -1, -1 };
  static const int dy[8] = { 0, 0, 1, -1, 1, -1, 1, -1 };
  const guint w = plane->width, h = plane->height;
  gsize n = 0;

  if (lda_bitplane_get (plane, x0, y0) != value || marks[y0 * w + x0] != G_MAXUINT)
    return;
  marks[y0 * w + x0] = mark;
  stack[n++] = y0 * w + x0;

  while (n > 0)
    {
      guint i = stack[--n];

      for (guint d = 0; d < connectivity; d++)
        {
          gint64 x = (gint64) (i % w) + dx[d], y = (gint64) (i / w) + dy[d];

          if (x < 0 || y < 0 || x >= w || y >= h || marks[y * w + x] != G_MAXUINT ||
              lda_bitplane_get (plane, (guint) x, (guint) y) != value)
            continue;
          marks[y * w + x] = mark;
          stack[n++] = (guint) (y * w + x);
        }
    }
}

/* Floods the background 4-connected from every border pixel; whatever
 * the flood does not reach becomes foreground. */
static LdaBitplane *
naive_fill_holes (const LdaBitplane *src)
{
  const guint w = src->width, h = src->height;
  g_autofree guint *stack = g_new (guint, (gsize) w * h);
  g_autofree guint *marks = g_new (guint, (gsize) w * h);
  LdaBitplane *out = plane_new (w, h);

  memset (marks, 0xff, (gsize) w * h * sizeof *marks);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1)
        flood (src, FALSE, 4, x, y, marks, 0, stack);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      lda_bitplane_set (out, x, y, marks[y * w + x] != 0);

  return out;
}

/* Labels set pixels by a flood from each unlabelled one in raster order,
 * so components are numbered by their first pixel; background stays
 * G_MAXUINT. */
static guint *
naive_label (const LdaBitplane *plane,
             guint              connectivity,
             guint             *n_components)
{
  const guint w = plane->width, h = plane->height;
  guint *labels = g_new (guint, (gsize) w * h);
  g_autofree guint *stack = g_new (guint, (gsize) w * h);
  guint next = 0;

  memset (labels, 0xff, (gsize) w * h * sizeof *labels);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (lda_bitplane_get (plane, x, y) && labels[y * w + x] == G_MAXUINT)
        flood (plane, TRUE, connectivity, x, y, labels, next++, stack);

  *n_components = next;
  return labels;
}

/* --- the structuring element ------------------------------------------- */

/* getStructuringElement (MORPH_ELLIPSE, (k, k)) of OpenCV 4.6, rows
 * separated by blanks. */
static const struct
{
  guint       kernel;
  const char *rows;
} golden_ellipses[] = {
  {  1, "#" },
  {  2, ".# ##" },
  {  3, ".#. ### .#." },
  {  4, "..#. #### #### ####" },
  {  5, "..#.. ##### ##### ##### ..#.." },
  {  6, "...#.. .##### ###### ###### ###### .#####" },
  {  7, "...#... .#####. ####### ####### ####### .#####. ...#..." },
  {  8, "....#... .####### .####### ######## ######## ######## .####### "
        ".#######" },
  {  9, "....#.... .#######. .#######. ######### ######### ######### "
        ".#######. .#######. ....#...." },
  { 10, ".....#.... ..#######. .######### ########## ########## ########## "
        "########## ########## .######### ..#######." },
  { 11, ".....#..... ..#######.. .#########. ########### ########### "
        "########### ########### ########### .#########. ..#######.. "
        ".....#....." },
  { 12, "......#..... ...#######.. ..#########. .########### ############ "
        "############ ############ ############ ############ .########### "
        "..#########. ...#######.." },
  { 13, "......#...... ...#######... ..#########.. .###########. "
        "############# ############# ############# ############# "
        "############# .###########. ..#########.. ...#######... "
        "......#......" },
  { 14, ".......#...... ...#########.. ..###########. .############# "
        ".############# ############## ############## ############## "
        "############## ############## .############# .############# "
        "..###########. ...#########.." },
  { 15, ".......#....... ...#########... ..###########.. .#############. "
        ".#############. ############### ############### ############### "
        "############### ############### .#############. .#############. "
        "..###########.. ...#########... .......#......." },
};

static void
test_ellipse_golden (void)
{
  for (guint n = 0; n < G_N_ELEMENTS (golden_ellipses); n++)
    {
      const guint k = golden_ellipses[n].kernel;
      g_autofree guint8 *element = g_malloc ((gsize) k * k);
      g_autoptr(GString) got = g_string_new (NULL);

      g_assert_cmpuint (k, ==, n + 1);
      memset (element, 0x55, (gsize) k * k);
      lda_ellipse (k, element);
      for (guint i = 0; i < k; i++)
        {
          if (i > 0)
            g_string_append_c (got, ' ');
          for (guint j = 0; j < k; j++)
            {
              g_assert_true (element[i * k + j] == 0 || element[i * k + j] == 1);
              g_string_append_c (got, element[i * k + j] ? '#' : '.');
            }
        }

      if (!g_str_equal (got->str, golden_ellipses[n].rows))
        g_test_message ("ellipse %u: expected %s\n  got %s", k, golden_ellipses[n].rows, got->str);
      g_assert_cmpstr (got->str, ==, golden_ellipses[n].rows);
    }
}

/* --- dilation and erosion ---------------------------------------------- */

static void
test_dilate_small (void)
{
  /* The cross; cut off at the border, where outside is background. */
  assert_op (DILATE, 3, ".....  .....",
                        ".....  ..#..",
                        "..#..  .###.",
                        ".....  ..#..",
                        ".....  .....");
  assert_op (DILATE, 3, "#....  ##...",
                        ".....  #...#",
                        "....#  ...##");
  /* The 5 × 5 ellipse: a 5 × 3 block with one-pixel tips. */
  assert_op (DILATE, 5, ".......  .......",
                        ".......  ...#...",
                        ".......  .#####.",
                        "...#...  .#####.",
                        ".......  ######.",
                        ".......  ####...",
                        "#......  ###....");
}

static void
test_dilate_across_words (void)
{
  /* Width 130: pixels at x = 63 and 128, the last bit of word 0 and the
   * first of word 2; their crosses reach into the neighbouring words. */
  static const guint set[][2] = {
    { 63, 0 }, { 62, 1 }, { 63, 1 }, { 64, 1 }, { 63, 2 },
    { 128, 0 }, { 127, 1 }, { 128, 1 }, { 129, 1 }, { 128, 2 },
  };
  g_autoptr(LdaBitplane) src = plane_new (130, 3);
  g_autoptr(LdaBitplane) want = plane_new (130, 3);
  g_autoptr(LdaBitplane) got = NULL;

  lda_bitplane_set (src, 63, 1, TRUE);
  lda_bitplane_set (src, 128, 1, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (set); i++)
    lda_bitplane_set (want, set[i][0], set[i][1], TRUE);

  got = apply (DILATE, 3, src);
  g_assert_true (planes_match ("dilate", got, want));
}

static void
test_dilate_even_kernel (void)
{
  /* The 4 × 4 element has anchor (2, 2) and is not symmetric:
   *   ..#.
   *   ####
   *   ####
   *   ####
   * dst(x, y) = max over (i, j) of src(x + j − 2, y + i − 2), so one pixel
   * at (px, py) sets (px − (j − 2), py − (i − 2)): rows py − 1 … py + 1
   * over columns px − 1 … px + 2, and the lone tip at (px, py + 2). */
  assert_op (DILATE, 4, "........  ........",
                        "........  ........",
                        "........  ..####..",
                        "...#....  ..####..",
                        "........  ..####..",
                        "........  ...#....",
                        "........  ........");
  assert_op (DILATE, 4, "#.....  ###...",
                        "......  ###...",
                        "......  #.....",
                        "......  ....##",
                        ".....#  ....##");
  /* One clear pixel clears the same footprint. */
  assert_op (ERODE, 4, "########  ########",
                       "########  ##....##",
                       "###.####  ##....##",
                       "########  ##....##",
                       "########  ###.####",
                       "########  ########");
}

static void
test_erode_small (void)
{
  static const guint kernels[] = { 2, 3, 4, 5, 15 };

  /* Outside counts as foreground: nothing is eaten from the border. */
  for (guint n = 0; n < G_N_ELEMENTS (kernels); n++)
    assert_op (ERODE, kernels[n], "######  ######",
                                  "######  ######",
                                  "######  ######");

  assert_op (ERODE, 3, ".......  .......",
                       ".#####.  .......",
                       ".#####.  ..###..",
                       ".#####.  ..###..",
                       ".#####.  ..###..",
                       ".#####.  .......",
                       ".......  .......");
  /* The 5 × 5 ellipse fits in the block only at its centre. */
  assert_op (ERODE, 5, ".......  .......",
                       ".#####.  .......",
                       ".#####.  .......",
                       ".#####.  ...#...",
                       ".#####.  .......",
                       ".#####.  .......",
                       ".......  .......");
  /* Only the hole's cross goes; the border and corners stay. */
  assert_op (ERODE, 3, "##.##  #...#",
                       "#####  ##.##",
                       "#####  #####");
}

static void
test_morph_brute_force (void)
{
  /* Single set and clear pixels on either side of each word boundary,
   * then a random plane, against the direct definition; every kernel
   * size the parameters allow. */
  static const guint widths[] = { 1, 2, 5, 63, 64, 65, 127, 128, 130, 200 };
  static const guint columns[] = { 0, 1, 62, 63, 64, 65, 126, 127, 128, 129, 191, 192, 199 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (guint kernel = 1; kernel <= LDA_KERNEL_MAX; kernel++)
      for (guint ci = 0; ci <= 2 * G_N_ELEMENTS (columns); ci++)
        {
          const guint w = widths[wi], x = columns[ci % G_N_ELEMENTS (columns)];
          const gboolean single = ci < 2 * G_N_ELEMENTS (columns);
          const guint h = single ? kernel : (guint) g_rand_int_range (rand, 1, 13);
          g_autoptr(LdaBitplane) src = NULL;
          gboolean ok = TRUE;

          if (single)
            {
              if (x >= w || kernel > 7)
                continue;
              src = plane_new (w, h);
              lda_bitplane_set (src, x, h / 2, TRUE);
              if (ci >= G_N_ELEMENTS (columns))
                lda_bitplane_invert (src);
            }
          else
            src = plane_random (rand, w, h, g_rand_double_range (rand, 0.01, 0.9));

          for (Op op = DILATE; op <= ERODE; op++)
            {
              g_autoptr(LdaBitplane) got = apply (op, kernel, src);
              g_autoptr(LdaBitplane) want = naive_morph (src, kernel, op == DILATE);

              ok = planes_match (op_names[op], got, want) && ok;
            }
          if (!ok)
            {
              g_autofree char *text = plane_to_picture (src);

              g_test_message ("%u x %u, kernel %u, source%s", w, h, kernel, text);
            }
          g_assert_true (ok);
        }
}

/* --- hole filling ------------------------------------------------------ */

static void
test_fill_enclosed (void)
{
  assert_op (FILL, 0, ".......  .......",
                      ".#####.  .#####.",
                      ".#...#.  .#####.",
                      ".#.#.#.  .#####.",
                      ".#####.  .#####.",
                      ".......  .......");
  /* A ring in the hole of a ring: lake, island and its lake all fill. */
  assert_op (FILL, 0, ".........  .........",
                      ".#######.  .#######.",
                      ".#.....#.  .#######.",
                      ".#.###.#.  .#######.",
                      ".#.#.#.#.  .#######.",
                      ".#.###.#.  .#######.",
                      ".#.....#.  .#######.",
                      ".#######.  .#######.",
                      ".........  .........");
}

static void
test_fill_touching_border (void)
{
  /* Each background region reaches the border by a 4-connected path. */
  assert_op (FILL, 0, "##.####  ##.####",
                      "#...#.#  #...#.#",
                      "#...#.#  #...#.#",
                      "#####..  #####..",
                      "#.###.#  #.###.#",
                      "#.#####  #.#####");
  /* Single background pixels on each side and in a corner. */
  assert_op (FILL, 0, "###.#  ###.#",
                      "#####  #####",
                      ".###.  .###.",
                      "#####  #####",
                      "####.  ####.");
  assert_op (FILL, 0, "###  ###", "###  ###");
  assert_op (FILL, 0, "...  ...", "...  ...");
}

static void
test_fill_diagonal (void)
{
  /* (2, 2) and (1, 1) meet the outside only diagonally: no 4-connected
   * path, so they are holes. */
  assert_op (FILL, 0, "......  ......",
                      ".###..  .###..",
                      ".#.#..  .###..",
                      ".##...  .##...",
                      "......  ......");
  assert_op (FILL, 0, ".#..  .#..",
                      "#.#.  ###.",
                      ".#..  .#..",
                      "....  ....");
}

static void
test_fill_brute_force (void)
{
  /* Dense enough for many holes, some across word boundaries. */
  static const guint widths[] = { 1, 3, 8, 63, 64, 65, 130 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);

  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (guint round = 0; round < 8; round++)
      {
        const guint w = widths[wi];
        const guint h = (guint) g_rand_int_range (rand, 1, 20);
        g_autoptr(LdaBitplane) src = plane_random (rand, w, h, 0.35 + 0.05 * round);
        g_autoptr(LdaBitplane) out = apply (FILL, 0, src);
        g_autoptr(LdaBitplane) want = naive_fill_holes (src);
        gboolean ok = planes_match ("fill holes", out, want);

        if (!ok)
          g_test_message ("%u x %u, round %u", w, h, round);
        g_assert_true (ok);
      }
}

/* --- closing and filling ----------------------------------------------- */

static void
test_close_fill_known (void)
{
  /* Left: two blocks a column apart.  Two crosses make a radius-2
   * diamond, which cannot reach into the gap except at its two ends.
   * Right: a thick ring; the closing fills the corners of its 5 × 5 hole
   * and the hole filling the rest. */
  assert_op (CLOSE_FILL, 3,
             "...........................  ...........................",
             "...........................  ...........................",
             "...........................  ...........................",
             "...###.###.....#########...  ...###.###.....#########...",
             "...###.###.....#########...  ...#######.....#########...",
             "...###.###.....##.....##...  ...#######.....#########...",
             "...###.###.....##.....##...  ...#######.....#########...",
             "...###.###.....##.....##...  ...#######.....#########...",
             "...###.###.....##.....##...  ...#######.....#########...",
             "...###.###.....##.....##...  ...###.###.....#########...",
             "...............#########...  ...............#########...",
             "...............#########...  ...............#########...",
             "...........................  ...........................",
             "...........................  ...........................",
             "...........................  ...........................");

  /* Two bars two pixels from the left and right borders.  Dilated twice
   * they reach the border; the erosions see the outside as foreground,
   * so a wedge stays there (as with OpenCV). */
  assert_op (CLOSE_FILL, 3, "...........  ...........",
                            "..#.....#..  ..#.....#..",
                            "..#.....#..  .##.....##.",
                            "..#.....#..  ###.....###",
                            "..#.....#..  .##.....##.",
                            "..#.....#..  ..#.....#..",
                            "...........  ...........");
}

static void
test_close_fill_brute_force (void)
{
  static const guint widths[] = { 1, 7, 64, 65, 130 };
  static const guint kernels[] = { 1, 2, 3, 4, 5, 7, 9 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);

  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (guint ki = 0; ki < G_N_ELEMENTS (kernels); ki++)
      {
        const guint w = widths[wi], k = kernels[ki];
        const guint h = (guint) g_rand_int_range (rand, 1, 24);
        g_autoptr(LdaBitplane) src = plane_random (rand, w, h, 0.08);
        g_autoptr(LdaBitplane) out = apply (CLOSE_FILL, k, src);
        g_autoptr(LdaBitplane) d1 = naive_morph (src, k, TRUE);
        g_autoptr(LdaBitplane) d2 = naive_morph (d1, k, TRUE);
        g_autoptr(LdaBitplane) e1 = naive_morph (d2, k, FALSE);
        g_autoptr(LdaBitplane) e2 = naive_morph (e1, k, FALSE);
        g_autoptr(LdaBitplane) want = naive_fill_holes (e2);
        gboolean ok = planes_match ("close and fill", out, want);

        if (!ok)
          g_test_message ("%u x %u, kernel %u", w, h, k);
        g_assert_true (ok);
      }
}

static void
test_close_fill_cancelled (void)
{
  g_autoptr(LdaBitplane) src = plane_from_rows (PICTURE ("#..", ".#.", "..#"), 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) out = NULL;

  g_cancellable_cancel (cancellable);
  out = lda_morph_close_fill (src, 3, cancellable, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* --- runs and components ----------------------------------------------- */

static LdaRuns *
runs_of (const LdaBitplane *plane,
         gboolean           value)
{
  g_autoptr(GError) error = NULL;
  LdaRuns *runs = lda_runs_new_from_bitplane (plane, value, &error);

  g_assert_no_error (error);
  g_assert_nonnull (runs);
  g_assert_cmpuint (runs->width, ==, plane->width);
  g_assert_cmpuint (runs->height, ==, plane->height);
  return runs;
}

/* @expected: (y, x0, x1) triples in raster order. */
static void
check_runs (const LdaRuns *runs,
            const guint   *expected,
            gsize          n_expected)
{
  gboolean same = runs->n_runs == n_expected;
  gsize n = 0;

  for (gsize i = 0; same && i < n_expected; i++)
    same = runs->runs[i].y == expected[3 * i] &&
           runs->runs[i].x0 == expected[3 * i + 1] &&
           runs->runs[i].x1 == expected[3 * i + 2];
  if (!same)
    for (gsize i = 0; i < runs->n_runs; i++)
      g_test_message ("run %" G_GSIZE_FORMAT ": row %u, [%u, %u)",
                      i, runs->runs[i].y, runs->runs[i].x0, runs->runs[i].x1);
  g_assert_true (same);

  /* row_start indexes each row's first run. */
  for (guint y = 0; y <= runs->height; y++)
    {
      while (n < runs->n_runs && runs->runs[n].y < y)
        n++;
      g_assert_cmpuint (runs->row_start[y], ==, n);
    }
}

static void
check_labels (LdaRuns     *runs,
              guint        connectivity,
              guint        n_components,
              const guint *labels)
{
  lda_runs_label (runs, connectivity);
  g_assert_cmpuint (runs->n_components, ==, n_components);
  for (gsize i = 0; i < runs->n_runs; i++)
    g_assert_cmpuint (runs->labels[i], ==, labels[i]);
}

static void
test_runs_word_boundaries (void)
{
  static const guint set[] = {
    0, 60, 70,
    1, 64, 128,
    2, 0, 1,   2, 127, 129,   2, 190, 200,
    3, 0, 200,
    5, 63, 64,   5, 191, 192,
    6, 64, 65,   6, 192, 193,
  };
  static const guint clear[] = {
    0, 0, 60,   0, 70, 200,
    1, 0, 64,   1, 128, 200,
    2, 1, 127,   2, 129, 190,
    4, 0, 200,
    5, 0, 63,   5, 64, 191,   5, 192, 200,
    6, 0, 64,   6, 65, 192,   6, 193, 200,
  };
  static const guint labels4[] = { 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 };
  static const guint labels8[] = { 0, 0, 0, 0, 0, 0, 1, 2, 1, 2 };
  g_autoptr(LdaBitplane) plane = plane_new (200, 7);
  g_autoptr(LdaRuns) runs = NULL;
  g_autoptr(LdaRuns) gaps = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (set); i += 3)
    for (guint x = set[i + 1]; x < set[i + 2]; x++)
      lda_bitplane_set (plane, x, set[i], TRUE);

  runs = runs_of (plane, TRUE);
  check_runs (runs, set, G_N_ELEMENTS (set) / 3);
  gaps = runs_of (plane, FALSE);
  check_runs (gaps, clear, G_N_ELEMENTS (clear) / 3);

  /* Rows 0–3 are one component; (63, 5)–(64, 6) and (191, 5)–(192, 6)
   * touch only diagonally, the first across a word boundary. */
  check_labels (runs, 4, 5, labels4);
  check_labels (runs, 8, 3, labels8);
}

static void
test_label_diagonal (void)
{
  static const guint expected[] = { 0, 0, 1,   1, 1, 2,   2, 2, 3,   3, 0, 1,   3, 3, 4 };
  static const guint labels4[] = { 0, 1, 2, 3, 4 };
  static const guint labels8[] = { 0, 0, 0, 1, 0 };
  g_autoptr(LdaBitplane) plane = plane_from_rows (PICTURE ("#...",
                                                           ".#..",
                                                           "..#.",
                                                           "#..#"), 0);
  g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);

  check_runs (runs, expected, G_N_ELEMENTS (expected) / 3);
  check_labels (runs, 4, 5, labels4);
  /* 8-connected the diagonal is one component, numbered first; (0, 3)
   * is alone. */
  check_labels (runs, 8, 2, labels8);

  /* No pixel, no run, no component. */
  memset (plane->bits, 0, plane->stride * plane->height * sizeof (guint64));
  g_clear_pointer (&runs, lda_runs_free);
  runs = runs_of (plane, TRUE);
  g_assert_cmpuint (runs->n_runs, ==, 0);
  check_labels (runs, 8, 0, NULL);
}

static void
test_label_raster_order (void)
{
  /* Left: the U's first pixel (2, 0) comes before the bar's (0, 1), so
   * the U is component 0 although its arms join only in row 2.  Right: a
   * U and a bar; the bar's first run comes after the U's second arm and is
   * still component 1.  The same with either connectivity. */
  g_autoptr(LdaBitplane) u_first = plane_from_rows (PICTURE ("..#.#  #.#.#",
                                                             "#.#.#  #.#.#",
                                                             "#.###  ###.#",
                                                             "#....  ....."), 0);
  g_autoptr(LdaBitplane) bar_last = plane_from_rows (PICTURE ("..#.#  #.#.#",
                                                              "#.#.#  #.#.#",
                                                              "#.###  ###.#",
                                                              "#....  ....."), 1);
  static const guint labels[] = { 0, 0, 1, 0, 0, 1, 0, 1 };
  g_autoptr(LdaRuns) a = runs_of (u_first, TRUE);
  g_autoptr(LdaRuns) b = runs_of (bar_last, TRUE);

  g_assert_cmpuint (a->n_runs, ==, G_N_ELEMENTS (labels));
  g_assert_cmpuint (b->n_runs, ==, G_N_ELEMENTS (labels));
  for (guint connectivity = 4; connectivity <= 8; connectivity += 4)
    {
      check_labels (a, connectivity, 2, labels);
      check_labels (b, connectivity, 2, labels);
    }
}

static void
test_label_brute_force (void)
{
  static const guint widths[] = { 1, 2, 9, 63, 64, 65, 129, 200 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
    for (guint round = 0; round < 6; round++)
      for (guint connectivity = 4; connectivity <= 8; connectivity += 4)
        {
          const guint w = widths[wi];
          const guint h = (guint) g_rand_int_range (rand, 1, 16);
          g_autoptr(LdaBitplane) plane = plane_random (rand, w, h, 0.2 + 0.1 * round);
          g_autoptr(LdaRuns) runs = runs_of (plane, TRUE);
          g_autofree guint *want = NULL;
          gsize covered = 0;
          guint n_want;

          want = naive_label (plane, connectivity, &n_want);
          lda_runs_label (runs, connectivity);
          if (runs->n_components != n_want)
            g_test_message ("%u x %u, %u-connected", w, h, connectivity);
          g_assert_cmpuint (runs->n_components, ==, n_want);

          /* The runs cover exactly the set pixels, with their labels. */
          for (gsize i = 0; i < runs->n_runs; i++)
            {
              const LdaRun *run = &runs->runs[i];

              g_assert_cmpuint (run->x0, <, run->x1);
              g_assert_cmpuint (run->x1, <=, w);
              for (guint x = run->x0; x < run->x1; x++)
                g_assert_cmpuint (runs->labels[i], ==, want[run->y * w + x]);
              covered += run->x1 - run->x0;
            }
          g_assert_cmpuint (covered, ==, lda_bitplane_count (plane));
        }
}

/* --- thresholding ------------------------------------------------------ */

static void
test_threshold_strict (void)
{
  static const guint16 data[6] = { 0, 1, 2, 3, 65534, 65535 };
  static const guint8 data8[4] = { 0, 1, 254, 255 };
  static const struct
  {
    gint64      threshold;
    const char *row;
    const char *row8;
  } cases[] = {
    { -1, "######", "####" },
    { 0, ".#####", ".###" },
    { 2, "...###", "..##" },
    { 254, "....##", "...#" },
    { 255, "....##", "...." },
    { 65533, "....##", "...." },
    { 65534, ".....#", "...." },
    { 65535, "......", "...." },
    { 78643, "......", "...." },
  };
  g_autoptr(LdaImage) image = lda_image_new_from_data (LDA_PIXEL_U16, 6, 1, data);
  g_autoptr(LdaImage) image8 = lda_image_new_from_data (LDA_PIXEL_U8, 4, 1, data8);
  g_autoptr(LdaBitplane) plane = plane_new (6, 1);
  g_autoptr(LdaBitplane) plane8 = plane_new (4, 1);
  g_autoptr(LdaImage) wide = NULL;
  g_autoptr(LdaBitplane) wide_plane = NULL;
  g_autoptr(LdaBitplane) wide_want = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LdaBitplane) want = plane_from_rows (PICTURE (cases[i].row), 0);
      g_autoptr(LdaBitplane) want8 = plane_from_rows (PICTURE (cases[i].row8), 0);
      gboolean ok;

      /* Start from full planes so that stale bits would show. */
      memset (plane->bits, 0xff, plane->stride * sizeof (guint64));
      memset (plane8->bits, 0xff, plane8->stride * sizeof (guint64));
      lda_bitplane_threshold (plane, image, cases[i].threshold);
      lda_bitplane_threshold (plane8, image8, cases[i].threshold);
      ok = planes_match ("16-bit", plane, want);
      ok = planes_match ("8-bit", plane8, want8) && ok;
      if (!ok)
        g_test_message ("threshold %" G_GINT64_FORMAT, cases[i].threshold);
      g_assert_true (ok);
    }

  /* 130 wide, row 0 holding 0 … 129 and row 1 65 400 … 65 529: above 63
   * is exactly words 1 and 2 of row 0, and all of row 1. */
  wide = lda_image_new (LDA_PIXEL_U16, 130, 2, NULL);
  g_assert_nonnull (wide);
  wide_plane = plane_new (130, 2);
  wide_want = plane_new (130, 2);
  for (guint x = 0; x < 2 * 130; x++)
    {
      lda_image_u16 (wide)[x] = (guint16) (x < 130 ? x : x - 130 + 65400);
      lda_bitplane_set (wide_want, x % 130, x / 130, x > 63);
    }
  lda_bitplane_threshold (wide_plane, wide, 63);
  g_assert_true (planes_match ("threshold 63", wide_plane, wide_want));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/morph/ellipse/golden", test_ellipse_golden);
  g_test_add_func ("/morph/dilate/small", test_dilate_small);
  g_test_add_func ("/morph/dilate/across-words", test_dilate_across_words);
  g_test_add_func ("/morph/dilate/even-kernel", test_dilate_even_kernel);
  g_test_add_func ("/morph/erode/small", test_erode_small);
  g_test_add_func ("/morph/brute-force", test_morph_brute_force);
  g_test_add_func ("/morph/fill-holes/enclosed", test_fill_enclosed);
  g_test_add_func ("/morph/fill-holes/touching-border", test_fill_touching_border);
  g_test_add_func ("/morph/fill-holes/diagonal", test_fill_diagonal);
  g_test_add_func ("/morph/fill-holes/brute-force", test_fill_brute_force);
  g_test_add_func ("/morph/close-fill/known", test_close_fill_known);
  g_test_add_func ("/morph/close-fill/brute-force", test_close_fill_brute_force);
  g_test_add_func ("/morph/close-fill/cancelled", test_close_fill_cancelled);
  g_test_add_func ("/components/runs/word-boundaries", test_runs_word_boundaries);
  g_test_add_func ("/components/label/diagonal", test_label_diagonal);
  g_test_add_func ("/components/label/raster-order", test_label_raster_order);
  g_test_add_func ("/components/label/brute-force", test_label_brute_force);
  g_test_add_func ("/bitplane/threshold/strict", test_threshold_strict);

  return g_test_run ();
}
