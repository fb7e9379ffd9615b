/* test-zoom-paint.c — correcting the mask while the panes are zoomed
 *
 * Every tool and undo, at zoom 0.5, 1, 2 and 8, in the four-pane grid and
 * with the segmented pane alone, on a 512² frame (the sample) and a 256²
 * one (a crop of it, smaller than its pane).  The window is drawn at each
 * zoom between the steps, as it is when a person paints: the drawing of
 * one frame must never hold on to pixels that the next stroke changes.
 * After each step the mask is checked, and so is what the segmented pane
 * shows at the point painted.  A layer on its own is drawn at fractional
 * zooms too, to see that its tiles meet without seams.
 *
 * Runs under Xvfb (tests/app/meson.build), once with each renderer.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-image-view.h"
#include "lda-tiff.h"
#include "lda-tiled-layer.h"
#include "lda-window.h"

#define SMALL 256

typedef struct
{
  gboolean small;
  LdaPane  layout;
} Setup;

static gboolean have_display;

static const double zooms[] = { 0.5, 1.0, 2.0, 8.0 };

/* --- fixtures ---------------------------------------------------------- */

/* The sample cut down to its central SMALL² pixels, under the same names. */
static void
crop_sample (const char *dir)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    {
      g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channels[c]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      LdaImage *full = lda_tiff_read (path, 0, &error);
      LdaImage *crop;
      guint x0, y0;

      g_assert_no_error (error);
      g_assert_cmpuint (full->type, ==, LDA_PIXEL_U16);
      g_assert_cmpuint (full->width, >=, SMALL);
      g_assert_cmpuint (full->height, >=, SMALL);
      x0 = (full->width - SMALL) / 2;
      y0 = (full->height - SMALL) / 2;

      crop = lda_image_new (LDA_PIXEL_U16, SMALL, SMALL, &error);
      g_assert_no_error (error);
      crop->source_bits = full->source_bits;
      for (guint y = 0; y < SMALL; y++)
        memcpy (lda_image_u16 (crop) + (gsize) y * SMALL,
                lda_image_u16 (full) + (gsize) (y0 + y) * full->width + x0,
                SMALL * sizeof (guint16));

      g_assert_true (lda_tiff_write (path, crop, &error));
      g_assert_no_error (error);
      lda_image_unref (crop);
      lda_image_unref (full);
    }
}

static void
wait_for_result (LdaWindow *window)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);
  gint64 deadline = lda_test_deadline (60);

  while (lda_pipeline_runner_is_busy (runner) || lda_pipeline_runner_get_result (runner) == NULL ||
         lda_pipeline_runner_get_result (runner)->generation != lda_pipeline_runner_get_generation (runner))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static LdaWindow *
open_window (const char *dir)
{
  LdaWindow *window = lda_window_new (NULL);
  GFile *files[3];
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_strdup_printf ("%s/" LDA_TEST_SAMPLE "_%s.tif", dir, channels[c]);

      files[c] = g_file_new_for_path (path);
    }

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (lda_window_open (window, files, 3, FALSE));
  for (guint c = 0; c < 3; c++)
    g_object_unref (files[c]);
  wait_for_result (window);

  return window;
}

/* --- drawing ----------------------------------------------------------- */

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

/* Redraws the window and returns once a frame has been painted: only
 * then has the renderer drawn the panes at their present zoom, and keeps
 * that drawing until the next frame. */
static void
draw_window (LdaWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gint64 deadline = lda_test_deadline (10);
  guint painted = 0;
  gulong handler;
  guint tick;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  /* The tick keeps frames coming, so that the loop below wakes up. */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, NULL, NULL);
  for (guint p = LDA_PANE_COMPOSITE; p < LDA_N_PANES; p++)
    gtk_widget_queue_draw (lda_window_get_view (window, p));

  /* Two frames: the first may have begun before the redraw was asked for. */
  while (painted < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_signal_handler_disconnect (clock, handler);
}

/* What the segmented pane shows at its centre, as its renderer draws it. */
static guint32
colour_at_centre (LdaWindow *window)
{
  GtkWidget *view = lda_window_get_view (window, LDA_PANE_SEGMENTED);
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (view));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint32 pixel = 0;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (width / 2, height / 2, 1, 1));
  gdk_texture_download (texture, (guchar *) &pixel, sizeof pixel);

  return pixel;
}

static gboolean
colours_close (guint32 a,
               guint32 b)
{
  for (guint shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;

  return TRUE;
}

/* Centres the panes on image pixel (x, y) at @zoom and draws them. */
static void
look_at (LdaWindow *window,
         double     zoom,
         guint      x,
         guint      y)
{
  GtkWidget *view = lda_window_get_view (window, LDA_PANE_SEGMENTED);
  int width, height;

  lda_image_view_set_zoom (LDA_IMAGE_VIEW (view), zoom);
  g_assert_cmpfloat (lda_image_view_get_zoom (LDA_IMAGE_VIEW (view)), ==, zoom);
  g_assert_false (lda_image_view_get_fit (LDA_IMAGE_VIEW (view)));

  /* The pane's centre pixel shows image pixel (x, y). */
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  g_object_set (view,
                "center-x", x + 0.5 - ((width / 2) + 0.5 - width / 2.0) / zoom,
                "center-y", y + 0.5 - ((height / 2) + 0.5 - height / 2.0) / zoom,
                NULL);
  draw_window (window);
}

/* --- the mask ---------------------------------------------------------- */

static guint
label_at (LdaWindow *window,
          guint      x,
          guint      y)
{
  return lda_image_get (lda_window_get_merged (window), x, y);
}

static gboolean
in_class (guint        label,
          const guint *classes)
{
  for (; *classes != G_MAXUINT; classes++)
    if (label == *classes)
      return TRUE;

  return FALSE;
}

/* The pixel nearest (cx, cy) whose 5 × 5 neighbourhood is all of one of
 * @classes (ended by G_MAXUINT), so that it stays inside what a tool
 * changes at any zoom. */
static void
find_pixel (LdaWindow   *window,
            guint        cx,
            guint        cy,
            const guint *classes,
            guint       *x,
            guint       *y)
{
  LdaImage *merged = lda_window_get_merged (window);
  guint best = G_MAXUINT;

  for (guint py = 2; py + 2 < merged->height; py++)
    for (guint px = 2; px + 2 < merged->width; px++)
      {
        guint label = lda_image_get (merged, px, py);
        guint distance = (guint) (ABS ((int) px - (int) cx) + ABS ((int) py - (int) cy));
        gboolean uniform = in_class (label, classes);

        if (distance >= best || !uniform)
          continue;
        for (int dy = -2; dy <= 2 && uniform; dy++)
          for (int dx = -2; dx <= 2 && uniform; dx++)
            uniform = lda_image_get (merged, px + dx, py + dy) == label;
        if (uniform)
          {
            best = distance;
            *x = px;
            *y = py;
          }
      }

  g_assert_cmpuint (best, <, G_MAXUINT);
}

static void
assert_mask_is (LdaWindow *window,
                LdaImage  *expected)
{
  LdaImage *merged = lda_window_get_merged (window);

  g_assert_true (lda_image_same_size (merged, expected));
  g_assert_cmpmem (merged->data, lda_image_n_bytes (merged),
                   expected->data, lda_image_n_bytes (expected));
}

static void
use_tool (LdaWindow  *window,
          const char *tool,
          int         klass)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", tool));
  if (klass >= 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paint-class", "i", klass));
}

static void
undo (LdaWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
}

/* A horizontal brush (or eraser) stroke through (x, y). */
static void
stroke_through (LdaWindow *window,
                guint      x,
                guint      y)
{
  lda_window_stroke_begin (window, x - 5.5, y + 0.5);
  for (int i = 1; i <= 11; i++)
    lda_window_stroke_move (window, x - 5.5 + i, y + 0.5);
  lda_window_stroke_end (window);
}

static void
click (LdaWindow *window,
       guint      x,
       guint      y)
{
  lda_window_stroke_begin (window, x + 0.5, y + 0.5);
  lda_window_stroke_end (window);
}

/* What the pane shows at the painted point changed, and is back after
 * undo: the stroke is drawn, and drawn away again. */
static void
assert_shown_changed (LdaWindow *window,
                      guint32    before)
{
  guint32 now;

  draw_window (window);
  now = colour_at_centre (window);
  if (colours_close (now, before))
    g_error ("the pane still shows %08x where it was painted", now);
}

static void
assert_shown_back (LdaWindow *window,
                   guint32    before)
{
  guint32 now;

  draw_window (window);
  now = colour_at_centre (window);
  if (!colours_close (now, before))
    g_error ("the pane shows %08x after undo, not %08x as before", now, before);
}

/* Each tool, then undo, at @zoom around (cx, cy).  @baseline is the mask
 * without corrections. */
static void
paint_each_tool (LdaWindow *window,
                 LdaImage  *baseline,
                 double     zoom,
                 guint      cx,
                 guint      cy)
{
  static const guint area[] = { 1, G_MAXUINT };
  static const guint cell[] = { 1, 3, 4, G_MAXUINT };
  static const guint nucleus[] = { 3, 4, G_MAXUINT };
  guint x, y, label, klass;
  guint32 before;

  /* Brush: a nucleus painted on the cell area (on a nucleus of the
   * other class, it would give all of it its class, which the eraser's
   * stroke along the same path does not undo). */
  find_pixel (window, cx, cy, area, &x, &y);
  look_at (window, zoom, x, y);
  before = colour_at_centre (window);
  klass = 4;
  use_tool (window, "brush", (int) klass);
  draw_window (window);
  stroke_through (window, x, y);
  g_assert_cmpuint (label_at (window, x, y), ==, klass);
  g_assert_cmpuint (label_at (window, x - 3, y), ==, klass);
  g_assert_cmpuint (label_at (window, x + 3, y), ==, klass);
  assert_shown_changed (window, before);
  undo (window);
  assert_mask_is (window, baseline);
  assert_shown_back (window, before);

  /* Eraser, over a brush stroke: the automatic mask comes back. */
  stroke_through (window, x, y);
  g_assert_cmpuint (label_at (window, x, y), ==, klass);
  draw_window (window);
  use_tool (window, "eraser", -1);
  draw_window (window);
  stroke_through (window, x, y);
  assert_mask_is (window, baseline);
  assert_shown_back (window, before);
  undo (window);
  g_assert_cmpuint (label_at (window, x, y), ==, klass);
  assert_shown_changed (window, before);
  undo (window);
  assert_mask_is (window, baseline);
  assert_shown_back (window, before);

  /* Fill: the region under the pointer takes the class. */
  find_pixel (window, cx, cy, cell, &x, &y);
  look_at (window, zoom, x, y);
  before = colour_at_centre (window);
  label = label_at (window, x, y);
  klass = label == 2 ? 0 : 2;
  use_tool (window, "fill", (int) klass);
  draw_window (window);
  click (window, x, y);
  g_assert_cmpuint (label_at (window, x, y), ==, klass);
  assert_shown_changed (window, before);
  undo (window);
  assert_mask_is (window, baseline);
  assert_shown_back (window, before);

  /* Live/Dead: a nucleus changes sides. */
  find_pixel (window, cx, cy, nucleus, &x, &y);
  look_at (window, zoom, x, y);
  before = colour_at_centre (window);
  label = label_at (window, x, y);
  use_tool (window, "toggle", -1);
  draw_window (window);
  click (window, x, y);
  g_assert_cmpuint (label_at (window, x, y), ==, label == 3 ? 4 : 3);
  assert_shown_changed (window, before);
  undo (window);
  assert_mask_is (window, baseline);
  assert_shown_back (window, before);

  /* Delete: the whole cell goes. */
  use_tool (window, "delete", -1);
  draw_window (window);
  click (window, x, y);
  g_assert_cmpuint (label_at (window, x, y), ==, 0);
  assert_shown_changed (window, before);
  undo (window);
  assert_mask_is (window, baseline);
  assert_shown_back (window, before);
}

static void
test_zoom_paint (gconstpointer data)
{
  const Setup *setup = data;
  g_autofree char *dir = NULL;
  LdaWindow *window;
  LdaImage *merged;
  LdaImage *baseline;
  const char *renderer;
  guint cx, cy;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-zoom-paint");
  if (setup->small)
    crop_sample (dir);
  window = open_window (dir);

  merged = lda_window_get_merged (window);
  g_assert_cmpuint (merged->width, ==, setup->small ? SMALL : 512);
  g_assert_cmpuint (merged->height, ==, setup->small ? SMALL : 512);
  renderer = G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window)));
  g_test_message ("renderer %s", renderer);
  /* GTK falls back to cairo without a word when GL cannot be had: then
   * the GL run would test nothing new. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "gl") == 0)
    g_assert_cmpstr (renderer, ==, "GskGLRenderer");
  baseline = lda_image_new_from_data (LDA_PIXEL_U8, merged->width, merged->height, merged->data);

  lda_window_show_pane (window, setup->layout);
  draw_window (window);

  /* Near the corner of four 256² tiles, where there is one, so that
   * strokes and fills cross tiles. */
  cx = MIN (merged->width / 2, 256);
  cy = MIN (merged->height / 2, 256);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_test_message ("zoom %g", zooms[z]);
      paint_each_tool (window, baseline, zooms[z], cx, cy);
    }

  lda_image_unref (baseline);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  lda_test_remove_tree (dir);
}

/* One image pixel's colour in the seams tests: a checkerboard, opaque. */
static guint32
checker (guint x,
         guint y)
{
  return (x + y) % 2 ? 0xffff0000 : 0xff0000ff;
}

#define UNIFORM 0xff336699

static guint32
uniform (guint x,
         guint y)
{
  return UNIFORM;
}

typedef struct
{
  GtkWidget       *window;
  GskRenderer     *renderer;
  LdaTiledLayer   *layer;
  guint            width;
  guint            height;
  /* Kept to the end: GTK 4.8's GL renderer finds what it drew for a
   * cairo node by the node's address, for a frame after the node is
   * gone, and a window always keeps its last frame's nodes that long. */
  GPtrArray       *nodes;
  /* Of the last render_layer(). */
  graphene_rect_t  image;
  int              vx, vy, vw, vh;
} SeamFixture;

/* A 600 × 300 layer (several tiles, the last ones partial) of @colour,
 * and the renderer the panes use. */
static void
seam_fixture_init (SeamFixture *fixture,
                   guint32    (*colour) (guint, guint))
{
  g_autoptr(GBytes) bytes = NULL;
  guint32 *pixels;

  fixture->width = 600;
  fixture->height = 300;
  pixels = g_new (guint32, (gsize) fixture->width * fixture->height);
  for (guint y = 0; y < fixture->height; y++)
    for (guint x = 0; x < fixture->width; x++)
      pixels[(gsize) y * fixture->width + x] = colour (x, y);
  bytes = g_bytes_new_take (pixels, (gsize) fixture->width * fixture->height * 4);
  fixture->layer = lda_tiled_layer_new_for_bytes (bytes, fixture->width, fixture->height);
  fixture->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);

  fixture->window = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (fixture->window));
  while (!gtk_widget_get_realized (fixture->window))
    g_main_context_iteration (NULL, TRUE);
  fixture->renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
}

static void
seam_fixture_clear (SeamFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_ptr_array_unref (fixture->nodes);
  lda_tiled_layer_free (fixture->layer);
}

/* Draws the layer at @zoom in a 500 × 400 area with @renderer (the
 * panes' when NULL), as a pane does (tiles from their surfaces if
 * @software), with the corner of tile (1, 1) near the middle, at a
 * fractional offset; returns the visible part's pixels. */
static guint32 *
render_layer_with (SeamFixture *fixture,
                   GskRenderer *renderer,
                   gboolean     software,
                   double       zoom)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, 500, 400);
  graphene_rect_t visible;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  g_autoptr(GdkTexture) texture = NULL;
  guint32 *shown;

  graphene_rect_init (&fixture->image, 250.0 - 256.3 * zoom, 200.0 - 255.6 * zoom,
                      fixture->width * zoom, fixture->height * zoom);
  graphene_rect_intersection (&area, &fixture->image, &visible);
  graphene_rect_round_extents (&visible, &visible);
  graphene_rect_intersection (&area, &visible, &visible);
  fixture->vx = (int) visible.origin.x;
  fixture->vy = (int) visible.origin.y;
  fixture->vw = (int) visible.size.width;
  fixture->vh = (int) visible.size.height;

  lda_tiled_layer_snapshot (fixture->layer, snapshot, &fixture->image, &visible, zoom, software);
  node = gtk_snapshot_free_to_node (snapshot);
  g_ptr_array_add (fixture->nodes, node);
  texture = gsk_renderer_render_texture (renderer != NULL ? renderer : fixture->renderer, node,
                                         &visible);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, fixture->vw);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, fixture->vh);
  shown = g_new (guint32, (gsize) fixture->vw * fixture->vh);
  gdk_texture_download (texture, (guchar *) shown, (gsize) fixture->vw * 4);

  return shown;
}

/* As the panes draw it. */
static guint32 *
render_layer (SeamFixture *fixture,
              double       zoom)
{
  return render_layer_with (fixture, NULL, GSK_IS_CAIRO_RENDERER (fixture->renderer), zoom);
}

/* Zoomed in, each screen pixel shows the colour of one image pixel: no
 * seam between tiles, no blending, and (but for pixels whose centre falls
 * on an image pixel's edge) the image pixel under it. */
static void
test_no_seams_zoomed_in (void)
{
  const double zooms_in[] = { 1.0, 1.37, 2.0, 3.3, 8.0 };
  SeamFixture fixture = { 0, };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  seam_fixture_init (&fixture, checker);
  for (guint z = 0; z < G_N_ELEMENTS (zooms_in); z++)
    {
      double zoom = zooms_in[z];
      g_autofree guint32 *shown = render_layer (&fixture, zoom);
      guint matching = 0, total = 0;

      for (int sy = 0; sy < fixture.vh; sy++)
        for (int sx = 0; sx < fixture.vw; sx++)
          {
            guint32 colour = shown[(gsize) sy * fixture.vw + sx];
            double ix = (fixture.vx + sx + 0.5 - fixture.image.origin.x) / zoom;
            double iy = (fixture.vy + sy + 0.5 - fixture.image.origin.y) / zoom;

            /* The visible rectangle is rounded out to whole pixels. */
            if (ix < 0 || iy < 0 || ix >= fixture.width || iy >= fixture.height)
              continue;
            if (colour != checker (0, 0) && colour != checker (0, 1))
              g_error ("zoom %g: screen pixel (%d, %d), image (%.2f, %.2f), shows %08x",
                       zoom, fixture.vx + sx, fixture.vy + sy, ix, iy, colour);
            total++;
            if (colour == checker ((guint) ix, (guint) iy))
              matching++;
          }
      g_test_message ("zoom %g: %u of %u pixels where expected", zoom, matching, total);
      g_assert_cmpuint (matching, >=, total - total / 100);
    }
  seam_fixture_clear (&fixture);
}

/* Zoomed out, a layer of one colour shows that colour everywhere inside
 * it: where tiles meet, nothing behind them shows through. */
static void
test_no_seams_zoomed_out (void)
{
  const double zooms_out[] = { 0.37, 0.5, 0.73, 0.9 };
  SeamFixture fixture = { 0, };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  seam_fixture_init (&fixture, uniform);
  for (guint z = 0; z < G_N_ELEMENTS (zooms_out); z++)
    {
      double zoom = zooms_out[z];
      g_autofree guint32 *shown = render_layer (&fixture, zoom);
      double x0 = fixture.image.origin.x, y0 = fixture.image.origin.y;
      double x1 = x0 + fixture.image.size.width, y1 = y0 + fixture.image.size.height;

      for (int sy = 0; sy < fixture.vh; sy++)
        for (int sx = 0; sx < fixture.vw; sx++)
          {
            guint32 colour = shown[(gsize) sy * fixture.vw + sx];
            int x = fixture.vx + sx, y = fixture.vy + sy;

            /* Only pixels a whole pixel inside the layer's edges. */
            if (x < x0 + 1 || y < y0 + 1 || x + 1 > x1 - 1 || y + 1 > y1 - 1)
              continue;
            if (!colours_close (colour, UNIFORM))
              g_error ("zoom %g: screen pixel (%d, %d) shows %08x, not %08x",
                       zoom, x, y, colour, UNIFORM);
          }
    }
  seam_fixture_clear (&fixture);
}

static guint32
gradient (guint x,
          guint y)
{
  return 0xff000000u | ((x * 255 / 600) << 16) | ((y * 255 / 300) << 8) | ((x + y) % 7 * 30);
}

/* Under GTK's cairo renderer a pane draws its tiles from cairo surfaces
 * at every zoom, not as textures (which that renderer copies in every
 * frame): zoomed out, what shows is what the textures would show, in
 * the same place.  Byte for byte where a tile is drawn at three
 * quarters of its size or more, where cairo filters a texture
 * bilinearly; smaller, it filters one with a convolution (130 ms a
 * frame for a pane of a 2048 × 2048 frame at 60 %), and the surfaces
 * are filtered bilinearly all the same: the smooth channels within a
 * level or two, the finest detail (blue, a period of 7 pixels) kept
 * more than the convolution's blur keeps it. */
static void
test_software_as_textures (void)
{
  /* A level's tiles drawn at 0.74, 1, 0.73 and 0.9 of their size. */
  const double zooms_out[] = { 0.37, 0.5, 0.73, 0.9 };
  SeamFixture fixture = { 0, };
  g_autoptr(GskRenderer) cairo = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  seam_fixture_init (&fixture, gradient);
  cairo = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (cairo, gtk_native_get_surface (GTK_NATIVE (fixture.window)),
                                       &error));
  g_assert_no_error (error);
  for (guint z = 0; z < G_N_ELEMENTS (zooms_out); z++)
    {
      const double zoom = zooms_out[z];
      const double scale = zoom * (1u << lda_tiled_layer_level_for_zoom (zoom));
      g_autofree guint32 *textures = render_layer_with (&fixture, cairo, FALSE, zoom);
      g_autofree guint32 *surfaces = render_layer_with (&fixture, cairo, TRUE, zoom);
      guint differ = 0, apart = 0;
      double spread[2] = { 0, 0 };

      for (gsize i = 0; i < (gsize) fixture.vw * fixture.vh; i++)
        {
          const int dr = (int) ((textures[i] >> 16) & 0xff) - (int) ((surfaces[i] >> 16) & 0xff);
          const int dg = (int) ((textures[i] >> 8) & 0xff) - (int) ((surfaces[i] >> 8) & 0xff);

          differ += textures[i] != surfaces[i];
          apart += ABS (dr) > 2 || ABS (dg) > 2;
          if (i + 1 < (gsize) fixture.vw * fixture.vh)
            {
              spread[0] += ABS ((int) (textures[i] & 0xff) - (int) (textures[i + 1] & 0xff));
              spread[1] += ABS ((int) (surfaces[i] & 0xff) - (int) (surfaces[i + 1] & 0xff));
            }
        }
      g_test_message ("zoom %g (tiles at %.2f): %u of %d pixels differ, %u by more than 2 "
                      "in red or green; blue from pixel to pixel %.1f, %.1f",
                      zoom, scale, differ, fixture.vw * fixture.vh, apart,
                      spread[0] / (fixture.vw * fixture.vh), spread[1] / (fixture.vw * fixture.vh));
      g_assert_cmpuint (apart, ==, 0);
      if (scale >= 0.75)
        g_assert_cmpuint (differ, ==, 0);
      else
        {
          g_assert_cmpuint (differ, >, fixture.vw * fixture.vh / 2);
          g_assert_cmpfloat (spread[1], >, spread[0]);
        }
    }
  gsk_renderer_unrealize (cairo);
  seam_fixture_clear (&fixture);
}

/* A gray pattern with detail at every scale. */
static guint8
gray_level (guint x,
            guint y)
{
  return (guint8) (x * 7 + y * 13 + (x * y) % 31);
}

static guint32
gray_colour (guint x,
             guint y)
{
  guint g = gray_level (x, y);

  return 0xff000000u | (g << 16) | (g << 8) | g;
}

/* The gray panes keep a byte a pixel and make their tiles from it: drawn
 * as a pane draws them, at every zoom, what shows is what a layer over
 * the same gray in ARGB32 shows, byte for byte. */
static void
test_gray_as_argb (void)
{
  const double scales[] = { 0.3, 0.73, 1.0, 3.0 };
  SeamFixture fixture = { 0, };
  g_autoptr(GBytes) gray = NULL;
  LdaTiledLayer *argb, *levels;
  guint8 *data;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  seam_fixture_init (&fixture, gray_colour);
  data = g_malloc ((gsize) fixture.width * fixture.height);
  for (guint y = 0; y < fixture.height; y++)
    for (guint x = 0; x < fixture.width; x++)
      data[(gsize) y * fixture.width + x] = gray_level (x, y);
  gray = g_bytes_new_take (data, (gsize) fixture.width * fixture.height);
  argb = fixture.layer;
  levels = lda_tiled_layer_new_for_gray (gray, fixture.width, fixture.height);
  for (guint z = 0; z < G_N_ELEMENTS (scales); z++)
    {
      g_autofree guint32 *expected = NULL;
      g_autofree guint32 *shown = NULL;
      guint differ = 0;

      fixture.layer = argb;
      expected = render_layer (&fixture, scales[z]);
      fixture.layer = levels;
      shown = render_layer (&fixture, scales[z]);
      for (gsize i = 0; i < (gsize) fixture.vw * fixture.vh; i++)
        if (expected[i] != shown[i])
          differ++;
      g_test_message ("zoom %g: %u of %d pixels differ", scales[z], differ,
                      fixture.vw * fixture.vh);
      g_assert_cmpuint (differ, ==, 0);
    }
  fixture.layer = argb;
  seam_fixture_clear (&fixture);
  lda_tiled_layer_free (levels);
}

int
main (int    argc,
      char **argv)
{
  static const Setup setups[] = {
    { FALSE, LDA_PANE_ALL },
    { FALSE, LDA_PANE_SEGMENTED },
    { TRUE, LDA_PANE_ALL },
    { TRUE, LDA_PANE_SEGMENTED },
  };

  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add_data_func ("/zoom-paint/512/grid", &setups[0], test_zoom_paint);
  g_test_add_data_func ("/zoom-paint/512/alone", &setups[1], test_zoom_paint);
  g_test_add_data_func ("/zoom-paint/256/grid", &setups[2], test_zoom_paint);
  g_test_add_data_func ("/zoom-paint/256/alone", &setups[3], test_zoom_paint);
  g_test_add_func ("/zoom-paint/no-seams/zoomed-in", test_no_seams_zoomed_in);
  g_test_add_func ("/zoom-paint/no-seams/zoomed-out", test_no_seams_zoomed_out);
  g_test_add_func ("/zoom-paint/software-as-textures", test_software_as_textures);
  g_test_add_func ("/zoom-paint/gray-as-argb", test_gray_as_argb);

  return g_test_run ();
}
