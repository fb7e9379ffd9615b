/* ui-test-util.h — the window's widgets as a person meets them: finding
 * them, real pointer and key events, waiting for results
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lda-window.h"

G_BEGIN_DECLS

typedef gboolean (*LdaTestMatch) (GtkWidget *widget,
                                  gpointer   data);

/**
 * LdaTestSampleWindow:
 * @dir: a copy of the bundled sample
 * @window: a window of a given size showing it, its first result in
 *
 * What the tests of the window start from, when there is a display
 * (both %NULL otherwise).
 */
typedef struct
{
  char      *dir;
  LdaWindow *window;
} LdaTestSampleWindow;

void       lda_test_sample_window_open  (LdaTestSampleWindow *fixture,
                                         const char          *prefix,
                                         int                  width,
                                         int                  height);
void       lda_test_sample_window_close (LdaTestSampleWindow *fixture);

LdaWindow *lda_test_window_new_sized    (int          width,
                                         int          height);
void       lda_test_open_folder         (LdaWindow   *window,
                                         const char  *path);
char      *lda_test_two_time_points     (const char  *prefix);
void       lda_test_wait_for_result     (LdaWindow   *window);
void       lda_test_settle              (LdaWindow   *window);
guint      lda_test_count_paints        (GtkWidget   *window,
                                         guint        ms);

GtkWidget *lda_test_find                (GtkWidget   *root,
                                         LdaTestMatch match,
                                         gpointer     data);
GPtrArray *lda_test_find_all            (GtkWidget   *root,
                                         LdaTestMatch match,
                                         gpointer     data);
gboolean   lda_test_is_type             (GtkWidget   *widget,
                                         gpointer     type);
gboolean   lda_test_has_css_class       (GtkWidget   *widget,
                                         gpointer     css_class);
gboolean   lda_test_has_action          (GtkWidget   *widget,
                                         gpointer     action_name);
GtkWidget *lda_test_side_bar_scroller   (LdaWindow   *window);

gboolean   lda_test_can_send_input      (LdaWindow   *window);
void       lda_test_pointer_to          (GtkWidget   *widget);
void       lda_test_pointer_to_point    (GtkWidget   *widget,
                                         double       x,
                                         double       y);
void       lda_test_xdotool             (const char  *first_arg,
                                         ...) G_GNUC_NULL_TERMINATED;
void       lda_test_sync_input          (LdaWindow   *window);

G_END_DECLS
