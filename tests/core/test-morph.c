/* test-morph.c — tests for lda-morph: the elliptical element against
 * OpenCV's, dilation and erosion with their border rules (pipeline.md §3), hole
 * filling and closing.
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
#include "lda-test-planes.h"

/* --- pictures ---------------------------------------------------------- */

typedef enum
{
  DILATE,
  ERODE,
  FILL,
  CLOSE_FILL,
} Op;

static const char * const op_names[] = { "dilate", "erode", "fill holes", "close and fill" };

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
  g_autoptr(LdaBitplane) src = lda_test_plane_from_rows (rows, 0);
  g_autoptr(LdaBitplane) want = lda_test_plane_from_rows (rows, 1);
  g_autoptr(LdaBitplane) got = apply (op, kernel, src);
  g_autofree char *what = g_strdup_printf ("%s, kernel %u", op_names[op], kernel);

  return lda_test_planes_match (what, got, want);
}

#define assert_op(op, kernel, ...) \
  G_STMT_START { \
    gboolean matches = op_matches ((op), (kernel), PICTURE (__VA_ARGS__)); \
    g_assert_true (matches); \
  } G_STMT_END

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
  LdaBitplane *out = lda_test_plane_new (src->width, src->height);

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

/* Floods the background 4-connected from every border pixel; whatever
 * the flood does not reach becomes foreground. */
static LdaBitplane *
naive_fill_holes (const LdaBitplane *src)
{
  const guint w = src->width, h = src->height;
  g_autofree guint *stack = g_new (guint, (gsize) w * h);
  g_autofree guint *marks = g_new (guint, (gsize) w * h);
  LdaBitplane *out = lda_test_plane_new (w, h);

  memset (marks, 0xff, (gsize) w * h * sizeof *marks);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1)
        lda_test_flood (src, FALSE, 4, x, y, marks, 0, stack);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      lda_bitplane_set (out, x, y, marks[y * w + x] != 0);

  return out;
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
  g_autoptr(LdaBitplane) src = lda_test_plane_new (130, 3);
  g_autoptr(LdaBitplane) want = lda_test_plane_new (130, 3);
  g_autoptr(LdaBitplane) got = NULL;

  lda_bitplane_set (src, 63, 1, TRUE);
  lda_bitplane_set (src, 128, 1, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (set); i++)
    lda_bitplane_set (want, set[i][0], set[i][1], TRUE);

  got = apply (DILATE, 3, src);
  g_assert_true (lda_test_planes_match ("dilate", got, want));
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
              src = lda_test_plane_new (w, h);
              lda_bitplane_set (src, x, h / 2, TRUE);
              if (ci >= G_N_ELEMENTS (columns))
                lda_bitplane_invert (src);
            }
          else
            src = lda_test_plane_random (rand, w, h, g_rand_double_range (rand, 0.01, 0.9));

          for (Op op = DILATE; op <= ERODE; op++)
            {
              g_autoptr(LdaBitplane) got = apply (op, kernel, src);
              g_autoptr(LdaBitplane) want = naive_morph (src, kernel, op == DILATE);

              ok = lda_test_planes_match (op_names[op], got, want) && ok;
            }
          if (!ok)
            {
              g_autofree char *text = lda_test_plane_to_picture (src);

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
        g_autoptr(LdaBitplane) src = lda_test_plane_random (rand, w, h, 0.35 + 0.05 * round);
        g_autoptr(LdaBitplane) out = apply (FILL, 0, src);
        g_autoptr(LdaBitplane) want = naive_fill_holes (src);
        gboolean ok = lda_test_planes_match ("fill holes", out, want);

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
        g_autoptr(LdaBitplane) src = lda_test_plane_random (rand, w, h, 0.08);
        g_autoptr(LdaBitplane) out = apply (CLOSE_FILL, k, src);
        g_autoptr(LdaBitplane) d1 = naive_morph (src, k, TRUE);
        g_autoptr(LdaBitplane) d2 = naive_morph (d1, k, TRUE);
        g_autoptr(LdaBitplane) e1 = naive_morph (d2, k, FALSE);
        g_autoptr(LdaBitplane) e2 = naive_morph (e1, k, FALSE);
        g_autoptr(LdaBitplane) want = naive_fill_holes (e2);
        gboolean ok = lda_test_planes_match ("close and fill", out, want);

        if (!ok)
          g_test_message ("%u x %u, kernel %u", w, h, k);
        g_assert_true (ok);
      }
}

static void
test_close_fill_cancelled (void)
{
  g_autoptr(LdaBitplane) src = lda_test_plane_from_rows (PICTURE ("#..", ".#.", "..#"), 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaBitplane) out = NULL;

  g_cancellable_cancel (cancellable);
  out = lda_morph_close_fill (src, 3, cancellable, &error);
  g_assert_null (out);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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

  return g_test_run ();
}
