/* view-demo.c — a look at LdaImageView and lda-render by eye
 *
 * Not part of the build.  Four bound panes show a synthetic field: the
 * brightfield in gray, the composite, the fluorescence alone and the
 * brightfield under the label overlay.  The top-left corner of the field is
 * a one-pixel checkerboard, to see that zoomed-in pixels stay square.  The
 * status line shows the image point under the pointer and every pane's
 * zoom and centre, which must stay equal.
 *
 * Build and run from the top of the source tree:
 *
 *   gcc -std=c11 -g -D_GNU_SOURCE -Isrc/core/base -Isrc/core/segment -Isrc/app $(pkg-config --cflags gtk4) \
 *     src/app/lda-render.c src/app/lda-image-view.c src/core/base/lda-image.c \
 *     src/core/base/lda-error.c tests/app/view-demo.c $(pkg-config --libs gtk4) -lm \
 *     -o /tmp/view-demo
 *   /tmp/view-demo [--zoom=Z] [--center=X,Y] [--opacity=O]
 *
 * Headless:
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" sh -c \
 *     '/tmp/view-demo & sleep 2; import -window root /tmp/view.png; kill $!'
 *
 * --zoom and --center start zoomed in (e.g. --zoom=8 --center=16,16 on the
 * checkerboard); GSK_RENDERER=cairo or gl picks the renderer.
 *
 * Ctrl+scroll zooms about the pointer, scroll and a primary or middle drag
 * pan, +/-/0 and the arrows work on the focused pane, a double-click shows
 * one pane alone.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gtk/gtk.h>

#include "lda-image.h"
#include "lda-image-view.h"
#include "lda-render.h"

#define WIDTH 640
#define HEIGHT 480
#define N_PANES 4
#define CHECKER 32

typedef struct
{
  double x, y, radius;
  gboolean dead;
} Cell;

typedef struct
{
  GtkWidget *window;
  GtkWidget *grid;
  GtkWidget *panes[N_PANES];
  GtkWidget *status;
  double     pointer_x;
  double     pointer_y;
  gboolean   done;
} Demo;

static const char * const titles[N_PANES] = {
  "Brightfield", "Composite", "Fluorescence", "Labels",
};

/* --- a synthetic field ------------------------------------------------- */

static void
make_cells (Cell  *cells,
            guint  n)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < n; i++)
    {
      cells[i].x = g_rand_double_range (rand, 60, WIDTH - 30);
      cells[i].y = g_rand_double_range (rand, 60, HEIGHT - 30);
      cells[i].radius = g_rand_double_range (rand, 12, 26);
      cells[i].dead = g_rand_int_range (rand, 0, 4) == 0;
    }

  g_rand_free (rand);
}

static void
make_field (LdaImage *brightfield,
            LdaImage *hoechst,
            LdaImage *draq7,
            LdaImage *labels)
{
  Cell cells[24];
  guint16 *bf = lda_image_u16 (brightfield);
  guint16 *ho = lda_image_u16 (hoechst);
  guint16 *dq = lda_image_u16 (draq7);
  guint8 *lab = lda_image_u8 (labels);

  make_cells (cells, G_N_ELEMENTS (cells));

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        gsize i = (gsize) y * WIDTH + x;
        /* A lit diagonal gradient, as uneven illumination gives. */
        double b = 18000 + 14000 * ((double) x / WIDTH) + 8000 * ((double) y / HEIGHT);
        double h = 600;
        double d = 500;
        guint8 klass = 0;

        for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
          {
            double r = hypot (x - cells[c].x, y - cells[c].y);
            double nucleus = cells[c].radius * 0.45;
            double spot = 9000 * exp (-(r * r) / (nucleus * nucleus));

            if (r < cells[c].radius)
              {
                b -= 7000 * (1 - r / cells[c].radius);
                klass = MAX (klass, 1);
              }
            if (fabs (r - cells[c].radius) < 1.5)
              {
                b += 9000;
                klass = MAX (klass, 2);
              }
            if (r < nucleus)
              klass = cells[c].dead ? 4 : 3;

            h += spot;
            if (cells[c].dead)
              d += 1.3 * spot;
          }

        /* Pixel-sized detail in the corner: a checkerboard. */
        if (x < CHECKER && y < CHECKER)
          {
            b = ((x + y) & 1) ? 52000 : 8000;
            klass = (x / 4 + y / 4) % 5;
          }

        bf[i] = (guint16) CLAMP (b, 0, 65535);
        ho[i] = (guint16) CLAMP (h, 0, 65535);
        dq[i] = (guint16) CLAMP (d, 0, 65535);
        lab[i] = klass;
      }
}

/* --- the window -------------------------------------------------------- */

static void
update_status (Demo *demo)
{
  GString *text = g_string_new (NULL);

  if (demo->pointer_x >= 0)
    g_string_append_printf (text, "pixel (%d, %d)   ",
                            (int) floor (demo->pointer_x), (int) floor (demo->pointer_y));
  else
    g_string_append (text, "off the image   ");

  for (guint i = 0; i < N_PANES; i++)
    {
      double zoom, cx, cy;
      gboolean fit;

      g_object_get (demo->panes[i], "zoom", &zoom, "center-x", &cx, "center-y", &cy,
                    "fit", &fit, NULL);
      g_string_append_printf (text, "%s%.3f@%.1f,%.1f%s", i ? " | " : "", zoom, cx, cy,
                              fit ? " fit" : "");
    }

  gtk_label_set_text (GTK_LABEL (demo->status), text->str);
  g_string_free (text, TRUE);
}

static void
on_view_changed (GObject    *object,
                 GParamSpec *pspec,
                 Demo       *demo)
{
  update_status (demo);
}

static void
on_pointer_moved (LdaImageView *view,
                  double        x,
                  double        y,
                  Demo         *demo)
{
  demo->pointer_x = x;
  demo->pointer_y = y;
  update_status (demo);
}

static void
on_toggle_solo (LdaImageView *view,
                Demo         *demo)
{
  gboolean solo = FALSE;

  for (guint i = 0; i < N_PANES; i++)
    if (demo->panes[i] != GTK_WIDGET (view) && !gtk_widget_get_visible (demo->panes[i]))
      solo = TRUE;

  for (guint i = 0; i < N_PANES; i++)
    if (demo->panes[i] != GTK_WIDGET (view))
      gtk_widget_set_visible (demo->panes[i], solo);
}

static gboolean
on_close (GtkWindow *window,
          Demo      *demo)
{
  demo->done = TRUE;
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  Demo demo = { .pointer_x = -1, .pointer_y = -1 };
  g_autoptr(LdaImage) brightfield = lda_image_new (LDA_PIXEL_U16, WIDTH, HEIGHT, NULL);
  g_autoptr(LdaImage) hoechst = lda_image_new (LDA_PIXEL_U16, WIDTH, HEIGHT, NULL);
  g_autoptr(LdaImage) draq7 = lda_image_new (LDA_PIXEL_U16, WIDTH, HEIGHT, NULL);
  g_autoptr(LdaImage) labels = lda_image_new (LDA_PIXEL_U8, WIDTH, HEIGHT, NULL);
  g_autoptr(GBytes) gray = NULL;
  g_autoptr(GBytes) composite = NULL;
  g_autoptr(GBytes) fluorescence = NULL;
  LdaContrast contrasts[3];
  GtkWidget *box;
  double zoom = 0;
  double center_x = -1, center_y = -1;
  double opacity = 0.6;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--zoom="))
        zoom = g_ascii_strtod (argv[i] + 7, NULL);
      else if (g_str_has_prefix (argv[i], "--center="))
        sscanf (argv[i] + 9, "%lf,%lf", &center_x, &center_y);
      else if (g_str_has_prefix (argv[i], "--opacity="))
        opacity = g_ascii_strtod (argv[i] + 10, NULL);
    }

  gtk_init ();

  make_field (brightfield, hoechst, draq7, labels);
  lda_contrast_auto (brightfield, 0.5, 99.5, &contrasts[0]);
  lda_contrast_auto (hoechst, 0.5, 99.5, &contrasts[1]);
  lda_contrast_auto (draq7, 0.5, 99.5, &contrasts[2]);
  gray = lda_render_gray (brightfield, &contrasts[0]);
  composite = lda_render_composite (brightfield, hoechst, draq7, contrasts);
  fluorescence = lda_render_composite (NULL, hoechst, draq7, contrasts);

  demo.window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (demo.window), "LdaImageView demo");
  gtk_window_set_default_size (GTK_WINDOW (demo.window), 1100, 760);
  g_signal_connect (demo.window, "close-request", G_CALLBACK (on_close), &demo);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (GTK_WINDOW (demo.window), box);

  demo.grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (demo.grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (demo.grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (demo.grid), 2);
  gtk_grid_set_column_spacing (GTK_GRID (demo.grid), 2);
  gtk_widget_set_vexpand (demo.grid, TRUE);
  gtk_box_append (GTK_BOX (box), demo.grid);

  demo.status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (demo.status), 0);
  gtk_widget_set_margin_start (demo.status, 6);
  gtk_widget_set_margin_top (demo.status, 4);
  gtk_widget_set_margin_bottom (demo.status, 4);
  gtk_box_append (GTK_BOX (box), demo.status);

  for (guint i = 0; i < N_PANES; i++)
    {
      GtkWidget *pane = lda_image_view_new ();

      demo.panes[i] = pane;
      gtk_widget_set_hexpand (pane, TRUE);
      gtk_widget_set_vexpand (pane, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (pane),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, titles[i],
                                      -1);
      gtk_grid_attach (GTK_GRID (demo.grid), pane, i % 2, i / 2, 1, 1);

      g_signal_connect (pane, "pointer-moved", G_CALLBACK (on_pointer_moved), &demo);
      g_signal_connect (pane, "toggle-solo", G_CALLBACK (on_toggle_solo), &demo);
      g_signal_connect (pane, "notify::zoom", G_CALLBACK (on_view_changed), &demo);
      g_signal_connect (pane, "notify::center-x", G_CALLBACK (on_view_changed), &demo);
      g_signal_connect (pane, "notify::center-y", G_CALLBACK (on_view_changed), &demo);
      g_signal_connect (pane, "notify::fit", G_CALLBACK (on_view_changed), &demo);

      if (i > 0)
        lda_image_view_bind (LDA_IMAGE_VIEW (demo.panes[0]), LDA_IMAGE_VIEW (pane));
    }

  lda_image_view_set_image (LDA_IMAGE_VIEW (demo.panes[0]), gray, WIDTH, HEIGHT);
  lda_image_view_set_image (LDA_IMAGE_VIEW (demo.panes[1]), composite, WIDTH, HEIGHT);
  lda_image_view_set_image (LDA_IMAGE_VIEW (demo.panes[2]), fluorescence, WIDTH, HEIGHT);
  lda_image_view_set_image (LDA_IMAGE_VIEW (demo.panes[3]), gray, WIDTH, HEIGHT);
  lda_image_view_set_labels (LDA_IMAGE_VIEW (demo.panes[3]), labels);
  lda_image_view_set_overlay_opacity (LDA_IMAGE_VIEW (demo.panes[3]), opacity);

  if (zoom > 0)
    lda_image_view_set_zoom (LDA_IMAGE_VIEW (demo.panes[0]), zoom);
  if (center_x >= 0)
    g_object_set (demo.panes[0], "center-x", center_x, "center-y", center_y, NULL);

  update_status (&demo);
  gtk_window_present (GTK_WINDOW (demo.window));

  while (!demo.done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (demo.window));

  return EXIT_SUCCESS;
}
