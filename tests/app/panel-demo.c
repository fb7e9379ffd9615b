/* panel-demo.c — look at the channel panels and the fraction plot by eye
 *
 * Not part of the build.  Three LdaChannelPanels on synthetic images (the
 * Draq7 one saturates, so its mask is empty and the panel offers to ignore
 * saturated tiles) and an LdaFractionPlot with some points missing.  Every
 * "changed" is printed and recomputes that channel's fake result, so the
 * sliders and the threshold drag can be tried live.
 *
 * Build by hand from the project root (the panel's template comes from a
 * GResource, so compile one holding just that file):
 *
 *   cat > /tmp/panel-demo.gresource.xml <<'EOF'
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <gresources>
 *     <gresource prefix="/io/github/livedead/Annotator">
 *       <file preprocess="xml-stripblanks">lda-channel-panel.ui</file>
 *     </gresource>
 *   </gresources>
 *   EOF
 *   glib-compile-resources --sourcedir=ui --c-name lda --generate-source \
 *     --target=/tmp/panel-demo-resources.c /tmp/panel-demo.gresource.xml
 *   glib-compile-resources --sourcedir=ui --c-name lda --generate-header \
 *     --target=/tmp/panel-demo-resources.h /tmp/panel-demo.gresource.xml
 *   gcc -std=c11 -g -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter \
 *     -Wshadow -Wdeclaration-after-statement -Wmissing-prototypes \
 *     -Isrc/core/base -Isrc/core/segment -Isrc/app -Ibuild $(pkg-config --cflags gtk4) \
 *     -o /tmp/panel-demo tests/app/panel-demo.c \
 *     src/app/lda-channel-panel.c src/app/lda-histogram-plot.c \
 *     src/app/lda-fraction-plot.c src/core/segment/lda-params.c src/core/base/lda-error.c \
 *     /tmp/panel-demo-resources.c $(pkg-config --libs gtk4) -lm
 *
 * (-Ibuild finds config.h; run "meson setup build" first if it is missing.)
 * Run /tmp/panel-demo, or headless:
 *
 *   xvfb-run -a -s "-screen 0 1280x900x24" sh -c \
 *     '/tmp/panel-demo & sleep 2; import -window root /tmp/panel.png; kill %1'
 *
 * On start it prints where the Hoechst offset slider and threshold line
 * are, in window coordinates, for xdotool.  "/tmp/panel-demo --sidebar"
 * stacks the panels in a 360 px scrolled column instead, as a window
 * sidebar would.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>

#include "lda-channel-panel.h"
#include "lda-fraction-plot.h"
#include "lda-histogram-plot.h"

#define SIDE  256
#define N_VALUES 65536

typedef struct
{
  guint16  pixels[SIDE * SIDE];
  guint    saturation;
  guint32 *intensities;
  guint32 *votes;
} FakeChannel;

static FakeChannel channels[LDA_N_CHANNELS];
static GtkWidget *panels[LDA_N_CHANNELS];
static guint n_changed[LDA_N_CHANNELS];
static gboolean sidebar;

/* Background noise around @level, with bright round blobs. */
static void
make_image (FakeChannel *fc,
            GRand       *rand,
            guint        level,
            guint        noise,
            guint        n_blobs,
            guint        blob_level,
            guint        saturated_blobs)
{
  for (guint i = 0; i < SIDE * SIDE; i++)
    fc->pixels[i] = (guint16) (level + g_rand_int_range (rand, 0, noise));

  for (guint b = 0; b < n_blobs + saturated_blobs; b++)
    {
      int cx = g_rand_int_range (rand, 0, SIDE);
      int cy = g_rand_int_range (rand, 0, SIDE);
      int r = g_rand_int_range (rand, 4, 12);
      gboolean saturated = b >= n_blobs;

      for (int y = MAX (cy - r, 0); y < MIN (cy + r, SIDE); y++)
        for (int x = MAX (cx - r, 0); x < MIN (cx + r, SIDE); x++)
          {
            double d = hypot (x - cx, y - cy);

            if (d <= r)
              fc->pixels[y * SIDE + x] =
                saturated ? (guint16) fc->saturation
                          : (guint16) MIN (blob_level * (1.2 - d / r) + g_rand_int_range (rand, 0, noise),
                                           fc->saturation);
          }
    }

  fc->intensities = g_new0 (guint32, N_VALUES);
  fc->votes = g_new0 (guint32, N_VALUES);
  for (guint i = 0; i < SIDE * SIDE; i++)
    fc->intensities[fc->pixels[i]]++;
}

/* pipeline.md §1, short and slow; good enough for a demo. */
static void
compute (LdaChannel c)
{
  FakeChannel *fc = &channels[c];
  LdaChannelParams p;
  LdaChannelResult r = { 0 };
  guint n = 0;
  guint best = 0;
  guint max_value = 0;
  guint64 above = 0;

  lda_channel_panel_get_params (LDA_CHANNEL_PANEL (panels[c]), &p);
  memset (fc->votes, 0, N_VALUES * sizeof (guint32));

  for (guint ty = 0; ty < SIDE; ty += p.coarseness)
    for (guint tx = 0; tx < SIDE; tx += p.coarseness)
      {
        guint m = 0;

        for (guint y = ty; y < MIN (ty + p.coarseness, SIDE); y++)
          for (guint x = tx; x < MIN (tx + p.coarseness, SIDE); x++)
            m = MAX (m, fc->pixels[y * SIDE + x]);

        if (!(p.ignore_saturated && m == fc->saturation))
          fc->votes[m]++;
      }

  r.peak = 1;
  for (guint v = 1; v < N_VALUES; v++)
    if (fc->votes[v] > best)
      {
        best = fc->votes[v];
        r.peak = v;
      }

  if (p.manual)
    r.threshold = p.manual_threshold;
  else if (p.use_offset)
    r.threshold = (gint64) floor (p.offset * r.peak + 1);
  else
    r.threshold = r.peak;

  for (guint i = 0; i < SIDE * SIDE; i++)
    {
      max_value = MAX (max_value, fc->pixels[i]);
      above += fc->pixels[i] > r.threshold;
      n++;
    }

  r.intensities = fc->intensities;
  r.votes = fc->votes;
  r.coverage = (double) above / n;
  r.max_value = max_value;
  r.saturation = fc->saturation;
  lda_channel_panel_set_result (LDA_CHANNEL_PANEL (panels[c]), &r);
}

static void
changed_cb (LdaChannelPanel *panel,
            gpointer         user_data)
{
  LdaChannel c = lda_channel_panel_get_channel (panel);
  LdaChannelParams p;

  lda_channel_panel_get_params (panel, &p);
  n_changed[c]++;
  printf ("changed #%u %s: offset %.2f use_offset %d coarseness %u kernel %u "
          "manual %d (%u) ignore_saturated %d\n",
          n_changed[c], lda_channel_name (c), p.offset, p.use_offset, p.coarseness,
          p.kernel, p.manual, p.manual_threshold, p.ignore_saturated);
  fflush (stdout);
  compute (c);
}

static void
print_bounds (const char *what,
              GtkWidget  *widget,
              GtkWidget  *root)
{
  graphene_rect_t b;

  if (gtk_widget_compute_bounds (widget, root, &b))
    printf ("%s: x %.0f y %.0f w %.0f h %.0f\n", what,
            b.origin.x, b.origin.y, b.size.width, b.size.height);
}

static void
print_geometry (gpointer user_data)
{
  GtkWidget *window = user_data;
  GtkWidget *panel = panels[LDA_CHANNEL_HOECHST];
  GtkWidget *child;
  LdaHistogramPlot *plot = NULL;
  GtkWidget *scale = NULL;
  GtkWidget *w;

  /* Find the scale and plot by walking the panel's tree. */
  for (child = gtk_widget_get_first_child (panel); child; child = gtk_widget_get_next_sibling (child))
    {
      if (LDA_IS_HISTOGRAM_PLOT (child))
        plot = LDA_HISTOGRAM_PLOT (child);
      if (GTK_IS_GRID (child))
        for (w = gtk_widget_get_first_child (child); w; w = gtk_widget_get_next_sibling (w))
          if (GTK_IS_SCALE (w))
            scale = w;
    }

  print_bounds ("hoechst-scale", scale, window);
  print_bounds ("hoechst-plot", GTK_WIDGET (plot), window);
  printf ("hoechst-threshold: %" G_GINT64_FORMAT "\n", lda_histogram_plot_get_threshold (plot));
  fflush (stdout);
}

static void
activate_cb (GtkApplication *app,
             gpointer        user_data)
{
  GtkWidget *window = gtk_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *fraction = lda_fraction_plot_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LdaChannelParams p;

  gtk_window_set_title (GTK_WINDOW (window), "Channel panels");
  gtk_window_set_default_size (GTK_WINDOW (window), 1260, 860);

  channels[LDA_CHANNEL_CELL_AREA].saturation = 65535;
  make_image (&channels[LDA_CHANNEL_CELL_AREA], rand, 20, 60, 120, 900, 0);
  channels[LDA_CHANNEL_HOECHST].saturation = 65535;
  make_image (&channels[LDA_CHANNEL_HOECHST], rand, 100, 30, 60, 2500, 0);
  channels[LDA_CHANNEL_DRAQ7].saturation = 65535;
  make_image (&channels[LDA_CHANNEL_DRAQ7], rand, 200, 40, 20, 9000, 250);

  if (sidebar)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (row), GTK_ORIENTATION_VERTICAL);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      panels[c] = lda_channel_panel_new (c);
      gtk_widget_set_hexpand (panels[c], TRUE);
      /* Separators are children too: equal widths by hand. */
      if (!sidebar)
        gtk_widget_set_size_request (panels[c], 390, -1);
      gtk_widget_set_margin_start (panels[c], 12);
      gtk_widget_set_margin_end (panels[c], 12);
      gtk_widget_set_margin_top (panels[c], 12);
      gtk_widget_set_margin_bottom (panels[c], 12);
      g_signal_connect (panels[c], "changed", G_CALLBACK (changed_cb), NULL);

      if (c > 0)
        gtk_box_append (GTK_BOX (row),
                        gtk_separator_new (sidebar ? GTK_ORIENTATION_HORIZONTAL
                                                   : GTK_ORIENTATION_VERTICAL));
      gtk_box_append (GTK_BOX (row), panels[c]);
    }

  /* set_params must not emit "changed". */
  lda_channel_params_init (&p);
  p.offset = 1.5;
  lda_channel_panel_set_params (LDA_CHANNEL_PANEL (panels[LDA_CHANNEL_CELL_AREA]), &p);
  lda_channel_params_init (&p);
  lda_channel_panel_set_params (LDA_CHANNEL_PANEL (panels[LDA_CHANNEL_CELL_AREA]), &p);
  g_assert_cmpuint (n_changed[LDA_CHANNEL_CELL_AREA], ==, 0);
  lda_channel_panel_set_overridden (LDA_CHANNEL_PANEL (panels[LDA_CHANNEL_HOECHST]), TRUE);

  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    compute (c);

  lda_fraction_plot_set_n_points (LDA_FRACTION_PLOT (fraction), 24);
  for (guint i = 0; i < 24; i++)
    if (i < 10 || (i > 12 && i < 16) || i == 20)
      lda_fraction_plot_set_point (LDA_FRACTION_PLOT (fraction), i, i * 2.0,
                                   0.05 + 0.8 / (1 + exp (-(i - 12.0) / 3.0)));
  lda_fraction_plot_set_current (LDA_FRACTION_PLOT (fraction), 7);
  gtk_widget_set_margin_start (fraction, 12);
  gtk_widget_set_margin_end (fraction, 12);
  gtk_widget_set_margin_bottom (fraction, 12);

  if (sidebar)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), row);
      gtk_widget_set_size_request (scrolled, 360, -1);
      gtk_widget_set_hexpand (scrolled, FALSE);
      gtk_widget_set_valign (fraction, GTK_ALIGN_START);
      gtk_widget_set_hexpand (fraction, TRUE);
      gtk_widget_set_margin_top (fraction, 12);
      gtk_box_append (GTK_BOX (paned), scrolled);
      gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
      gtk_box_append (GTK_BOX (paned), fraction);
      gtk_window_set_child (GTK_WINDOW (window), paned);
    }
  else
    {
      gtk_box_append (GTK_BOX (box), row);
      gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (box), fraction);
      gtk_window_set_child (GTK_WINDOW (window), box);
    }
  gtk_window_present (GTK_WINDOW (window));

  g_timeout_add_once (1000, print_geometry, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app =
    gtk_application_new ("io.github.livedead.PanelDemo", G_APPLICATION_NON_UNIQUE);

  if (argc > 1 && g_str_equal (argv[1], "--sidebar"))
    {
      sidebar = TRUE;
      argc = 1;
    }

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
