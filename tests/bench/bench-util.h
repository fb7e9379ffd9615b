/* bench-util.h — what the window benchmarks share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char  *bench_make_tiled_sample (const char *sample_dir,
                                const char *prefix,
                                guint       tiles,
                                char      **paths);
void   bench_remove_tree       (const char *path);

/* Sorts @values (microseconds) and gives the @p-th percentile in ms. */
double bench_percentile_ms     (gint64     *values,
                                guint       n,
                                double      p);
void   bench_print_row         (const char *label,
                                gint64     *values,
                                guint       n);

const char *bench_renderer_name   (GtkWidget *window);
void        bench_choose_renderer (void);
void        bench_print_renderer  (GtkWidget *window);
double      bench_peak_rss_mib  (void);

/**
 * BenchFrameTimer:
 *
 * Times the paint phase of each frame of a window's frame clock, which is
 * GTK asking the widgets for their render nodes (snapshot) and the
 * renderer drawing them.  @frames counts the frames painted so far.
 */
typedef struct
{
  gint64 paint_start;
  gint64 last_paint_us;
  guint  frames;
} BenchFrameTimer;

void   bench_frame_timer_attach (BenchFrameTimer *timer,
                                 GtkWidget       *window);

G_END_DECLS
