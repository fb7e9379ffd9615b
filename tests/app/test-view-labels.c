/* test-view-labels.c — the image view renders the label mask itself
 *
 * The view keeps the mask it was given and renders its tiles when drawn:
 * a change the caller reports with lda_image_view_labels_changed() shows
 * on screen exactly where it was made, a new mask renders again only the
 * tiles that differ, and a zoomed-out view draws from a mipmap level.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "lda-image-view-private.h"
#include "lda-render.h"
#include "ui-test-util.h"

#define WIDTH  600
#define HEIGHT 300

static gboolean have_display;

typedef struct
{
  GtkWidget    *window;
  LdaImageView *view;
  LdaImage     *labels;
  GBytes       *gray;
  GPtrArray    *nodes;
} Fixture;

static void
fixture_init (Fixture *fixture)
{
  guint32 *pixels = g_new (guint32, WIDTH * HEIGHT);

  for (guint i = 0; i < WIDTH * HEIGHT; i++)
    pixels[i] = 0xff404040u;
  fixture->gray = g_bytes_new_take (pixels, WIDTH * HEIGHT * 4);
  fixture->labels = lda_image_new (LDA_PIXEL_U8, WIDTH, HEIGHT, NULL);
  fixture->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);

  fixture->window = gtk_window_new ();
  fixture->view = LDA_IMAGE_VIEW (lda_image_view_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDTH + 40, HEIGHT + 40);
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (gtk_widget_get_width (GTK_WIDGET (fixture->view)) < WIDTH + 40)
    g_main_context_iteration (NULL, TRUE);

  lda_image_view_set_image (fixture->view, fixture->gray, WIDTH, HEIGHT);
  lda_image_view_set_overlay_opacity (fixture->view, 1.0);
  lda_image_view_set_labels (fixture->view, fixture->labels);
}

static void
fixture_clear (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (fixture->nodes);
  lda_image_unref (fixture->labels);
  g_bytes_unref (fixture->gray);
}

/* What the view shows now, widget pixel by widget pixel. */
static guint32 *
render_view (Fixture *fixture,
             int     *width,
             int     *height)
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  graphene_rect_t area;
  GskRenderNode *node;
  guint32 *shown;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  graphene_rect_init (&area, 0, 0, *width, *height);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Kept to the end, as the renderers may look at them again. */
  g_ptr_array_add (fixture->nodes, node);
  texture = gsk_renderer_render_texture (renderer, node, &area);
  shown = g_new (guint32, (gsize) *width * *height);
  gdk_texture_download (texture, (guchar *) shown, (gsize) *width * 4);

  return shown;
}

/* The widget pixels whose centre lies on the image inside @rect. */
static gboolean
inside (Fixture       *fixture,
        int            wx,
        int            wy,
        const LdaRect *rect)
{
  double ix, iy;

  lda_image_view_widget_to_image (fixture->view, wx + 0.5, wy + 0.5, &ix, &iy);
  return ix >= rect->x && iy >= rect->y &&
         ix < rect->x + rect->width && iy < rect->y + rect->height;
}

static void
paint (Fixture       *fixture,
       const LdaRect *rect,
       guint8         klass)
{
  for (int y = rect->y; y < rect->y + rect->height; y++)
    for (int x = rect->x; x < rect->x + rect->width; x++)
      lda_image_u8 (fixture->labels)[(gsize) y * WIDTH + x] = klass;
}

/* At 1:1, a changed rectangle the view is told of shows exactly there,
 * and nowhere else; a change it is not told of does not show, since the
 * tiles it did not touch are not rendered again. */
static void
test_labels_changed (void)
{
  const LdaRect rect = { 250, 100, 37, 21 };   /* across a tile edge */
  const LdaRect unreported = { 520, 270, 10, 10 };  /* another tile */
  Fixture fixture = { 0, };
  g_autofree guint32 *before = NULL;
  g_autofree guint32 *after = NULL;
  int w, h, w2, h2;
  guint changed = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  fixture_init (&fixture);
  lda_image_view_set_zoom (fixture.view, 1.0);
  before = render_view (&fixture, &w, &h);

  paint (&fixture, &unreported, 3);
  paint (&fixture, &rect, 4);
  lda_image_view_labels_changed (fixture.view, &rect);
  after = render_view (&fixture, &w2, &h2);
  g_assert_cmpint (w, ==, w2);
  g_assert_cmpint (h, ==, h2);

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        gboolean differs = before[y * w + x] != after[y * w + x];

        if (differs != inside (&fixture, x, y, &rect))
          g_error ("widget pixel (%d, %d): %08x before, %08x after", x, y,
                   before[y * w + x], after[y * w + x]);
        changed += differs;
      }
  g_assert_cmpuint (changed, ==, rect.width * rect.height);

  fixture_clear (&fixture);
}

/* A new mask renders again only the tiles where it differs from the one
 * shown, and then shows it. */
static void
test_new_labels (void)
{
  Fixture fixture = { 0, };
  g_autoptr(LdaImage) copy = NULL;
  g_autofree guint32 *shown = NULL;
  const LdaRect rect = { 300, 40, 5, 5 };
  guint n;
  int w, h;
  double ix, iy;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  fixture_init (&fixture);
  lda_image_view_set_zoom (fixture.view, 1.0);
  g_free (render_view (&fixture, &w, &h));
  n = lda_tiled_layer_get_n_rendered (fixture.view->label_layer);
  /* 600 × 300 at 1:1: 3 × 2 tiles of 256. */
  g_assert_cmpuint (n, ==, 6);

  copy = lda_image_new_from_data (LDA_PIXEL_U8, WIDTH, HEIGHT, fixture.labels->data);
  for (int y = rect.y; y < rect.y + rect.height; y++)
    for (int x = rect.x; x < rect.x + rect.width; x++)
      lda_image_u8 (copy)[(gsize) y * WIDTH + x] = 2;
  lda_image_view_set_labels (fixture.view, copy);
  shown = render_view (&fixture, &w, &h);
  g_assert_cmpuint (lda_tiled_layer_get_n_rendered (fixture.view->label_layer), ==, n + 1);

  /* The middle of the rectangle shows the outline class, opaque. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        lda_image_view_widget_to_image (fixture.view, x + 0.5, y + 0.5, &ix, &iy);
        if ((int) ix == rect.x + 2 && (int) iy == rect.y + 2)
          {
            double r, g, b;

            lda_class_color (2, &r, &g, &b);
            g_assert_cmphex (shown[y * w + x] & 0xff0000, ==,
                             (guint32) (r * 255 + 0.5) << 16);
          }
      }

  /* The same mask again, unchanged: nothing rendered. */
  lda_image_view_set_labels (fixture.view, copy);
  lda_image_view_set_labels (fixture.view, NULL);
  g_assert_null (fixture.view->label_layer);
  fixture_clear (&fixture);
}

/* Zoomed out to a quarter, the view draws level 2 of the mipmap: its
 * tiles stand for 1024 × 1024 pixels, so one tile holds the whole mask,
 * and a checkerboard of two classes shows as their mean, not as an
 * alias of one of them. */
static void
test_zoomed_out (void)
{
  Fixture fixture = { 0, };
  g_autofree guint32 *shown = NULL;
  guint32 mean = 0;
  guint32 a[1], b[1], both[1];
  int w, h;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  fixture_init (&fixture);
  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      lda_image_u8 (fixture.labels)[y * WIDTH + x] = (x + y) % 2 ? 1 : 4;
  lda_image_view_labels_changed (fixture.view, &(LdaRect) { 0, 0, WIDTH, HEIGHT });
  lda_image_view_set_zoom (fixture.view, 0.25);
  shown = render_view (&fixture, &w, &h);
  g_assert_cmpuint (lda_tiled_layer_get_n_rendered (fixture.view->label_layer), ==, 1);

  {
    g_autoptr(LdaImage) pair = lda_image_new (LDA_PIXEL_U8, 2, 1, NULL);

    lda_image_u8 (pair)[0] = 1;
    lda_image_u8 (pair)[1] = 4;
    lda_render_labels_area (pair, 0, 0, 0, 1, 1, a, 1);
    lda_render_labels_area (pair, 0, 1, 0, 1, 1, b, 1);
    lda_render_downsample ((guint32[]) { a[0], b[0], b[0], a[0] }, 2, 2, 2, 1, 0, 0, 1, 1,
                           both, 1);
    mean = both[0];
  }

  /* The centre of the view is inside the mask, far from its edges. */
  {
    guint32 centre = shown[(h / 2) * w + w / 2];

    for (guint c = 0; c < 24; c += 8)
      g_assert_cmpint (ABS ((int) ((centre >> c) & 0xff) - (int) ((mean >> c) & 0xff)), <=, 2);
  }

  fixture_clear (&fixture);
}

/* A mask that shows what the view shows already is not drawn again: a
 * slider's result often changes nothing on screen, and a pane drawn
 * again costs a frame its painting.  One that differs is. */
static void
test_same_not_drawn_again (void)
{
  const LdaRect rect = { 40, 40, 20, 10 };
  Fixture fixture = { 0, };
  g_autoptr(LdaImage) same = NULL;
  g_autoptr(LdaImage) moved = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  fixture_init (&fixture);
  paint (&fixture, &rect, LDA_CLASS_HOECHST);
  lda_image_view_labels_changed (fixture.view, &rect);
  /* Shown, and nothing more to draw. */
  g_assert_cmpuint (lda_test_count_paints (fixture.window, 300), >=, 1);
  g_assert_cmpuint (lda_test_count_paints (fixture.window, 200), ==, 0);

  /* Another mask, the same pixels: nothing to draw. */
  same = lda_image_copy (fixture.labels, NULL);
  lda_image_view_set_labels (fixture.view, same);
  g_assert_true (lda_image_view_get_labels (fixture.view) == same);
  g_assert_cmpuint (lda_test_count_paints (fixture.window, 300), ==, 0);

  /* One pixel moved: drawn. */
  moved = lda_image_copy (same, NULL);
  lda_image_u8 (moved)[(gsize) 100 * WIDTH + 300] = LDA_CLASS_DRAQ7;
  lda_image_view_set_labels (fixture.view, moved);
  g_assert_cmpuint (lda_test_count_paints (fixture.window, 1000), >=, 1);

  fixture_clear (&fixture);
}

/* An image that fits the view at the zoom shown sits in its middle,
 * whatever pan or zoom the person made; one larger than the view follows
 * the pans. */
static void
test_small_image_centred (void)
{
  Fixture fixture;
  double x, y;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  fixture_init (&fixture);

  lda_image_view_set_zoom (fixture.view, 0.5);
  lda_image_view_pan_by (fixture.view, 120.0, 40.0);
  lda_image_view_get_center (fixture.view, &x, &y);
  g_assert_cmpfloat (x, ==, WIDTH / 2.0);
  g_assert_cmpfloat (y, ==, HEIGHT / 2.0);
  lda_image_view_zoom_about (fixture.view, 5.0, 5.0, 0.8);
  lda_image_view_get_center (fixture.view, &x, &y);
  g_assert_cmpfloat (x, ==, WIDTH / 2.0);
  g_assert_cmpfloat (y, ==, HEIGHT / 2.0);

  /* Wider than the view, as high as it fits: only across. */
  lda_image_view_set_zoom (fixture.view, 1.1);
  lda_image_view_pan_by (fixture.view, 55.0, 40.0);
  lda_image_view_get_center (fixture.view, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, WIDTH / 2.0 + 50.0, 1e-9);
  g_assert_cmpfloat (y, ==, HEIGHT / 2.0);

  /* Grown until it fits: in the middle too. */
  gtk_widget_set_size_request (GTK_WIDGET (fixture.view), (int) (WIDTH * 1.1) + 20, HEIGHT);
  while (gtk_widget_get_width (GTK_WIDGET (fixture.view)) < (int) (WIDTH * 1.1) + 20)
    g_main_context_iteration (NULL, TRUE);
  lda_image_view_get_center (fixture.view, &x, &y);
  g_assert_cmpfloat (x, ==, WIDTH / 2.0);

  fixture_clear (&fixture);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_func ("/view-labels/labels-changed", test_labels_changed);
  g_test_add_func ("/view-labels/new-labels", test_new_labels);
  g_test_add_func ("/view-labels/zoomed-out", test_zoomed_out);
  g_test_add_func ("/view-labels/same-not-drawn-again", test_same_not_drawn_again);
  g_test_add_func ("/view-labels/small-image-centred", test_small_image_centred);

  return g_test_run ();
}
