/* ui-test-util.c — the window's widgets as a person meets them: finding
 * them, real pointer and key events, waiting for results
 *
 * Pointer and key events are real X events, sent with xdotool (XTEST) to
 * the Xvfb server the tests run on, so they go through GTK's event
 * handling exactly as a mouse and a keyboard would.  Nothing here waits
 * for a time: each wait is for something the application does.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "lda-channel-panel.h"
#include "lda-test-lib.h"
#include "ui-test-util.h"

LdaWindow *
lda_test_window_new_sized (int width,
                     int height)
{
  LdaWindow *window = lda_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  lda_test_settle (window);

  return window;
}

/* A folder of two time points of the sample, w_t00 and w_t01, named
 * without hours. */
char *
lda_test_two_time_points (const char *prefix)
{
  char *dir = lda_test_tmp_dir (prefix);
  static const char * const channels[] = { "bf", "hoechst", "draq7" };

  for (guint t = 0; t < 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *from = lda_test_sample_file (channels[c]);
        g_autofree char *name = g_strdup_printf ("w_t%02u_%s.tif", t, channels[c]);
        g_autofree char *to = g_build_filename (dir, name, NULL);

        lda_test_copy_file (from, to);
      }

  return dir;
}

void
lda_test_open_folder (LdaWindow  *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (lda_window_open (window, &file, 1, FALSE));
  lda_test_wait_for_result (window);
}

/* Until the runner has answered its newest request, or given up on it. */
void
lda_test_wait_for_result (LdaWindow *window)
{
  LdaPipelineRunner *runner = lda_window_get_runner (window);

  for (;;)
    {
      LdaRunResult *result = lda_pipeline_runner_get_result (runner);

      if (!lda_pipeline_runner_is_busy (runner) &&
          ((result != NULL && result->generation == lda_pipeline_runner_get_generation (runner)) ||
           lda_window_get_message (window) != NULL))
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  lda_test_settle (window);
}

static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return *ticks < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Until the window has been laid out and drawn with what was changed:
 * layout follows the update phase of a frame, so the third tick comes
 * after two complete frames. */
void
lda_test_settle (LdaWindow *window)
{
  guint ticks = 0;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_widget_add_tick_callback (GTK_WIDGET (window), count_tick, &ticks, NULL);
  while (ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_paint (GdkFrameClock *clock,
             guint         *paints)
{
  (*paints)++;
}

/* How many frames @window paints in the next @ms milliseconds, its main
 * loop running: 0 when nothing asked to be drawn again. */
guint
lda_test_count_paints (GtkWidget *window,
                       guint      ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  const gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint paints = 0;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &paints);
  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_signal_handler_disconnect (clock, handler);

  return paints;
}

static void
find_all (GtkWidget    *widget,
          LdaTestMatch  match,
          gpointer      data,
          GPtrArray    *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (match (child, data))
        g_ptr_array_add (found, child);
      find_all (child, match, data, found);
    }
}

/**
 * lda_test_find_all:
 * @root: where to look
 * @match: which widgets
 * @data: for @match
 *
 * Returns: (transfer container): the descendants of @root that match, in
 *   the order of the widget tree
 */
GPtrArray *
lda_test_find_all (GtkWidget    *root,
                   LdaTestMatch  match,
                   gpointer      data)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, match, data, found);
  return found;
}

/* Returns: the first descendant of @root that matches, or %NULL */
GtkWidget *
lda_test_find (GtkWidget    *root,
               LdaTestMatch  match,
               gpointer      data)
{
  g_autoptr(GPtrArray) found = lda_test_find_all (root, match, data);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

gboolean
lda_test_is_type (GtkWidget *widget,
                  gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

gboolean
lda_test_has_css_class (GtkWidget *widget,
                        gpointer   css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

gboolean
lda_test_has_action (GtkWidget *widget,
                     gpointer   action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* The scrolled window that holds the parameters. */
GtkWidget *
lda_test_side_bar_scroller (LdaWindow *window)
{
  GtkWidget *panel = lda_window_get_channel_panel (window, LDA_CHANNEL_CELL_AREA);

  return gtk_widget_get_ancestor (panel, GTK_TYPE_SCROLLED_WINDOW);
}

/* Real input needs an X server and xdotool. */
gboolean
lda_test_can_send_input (LdaWindow *window)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    return TRUE;
#endif
  return FALSE;
}

void
lda_test_xdotool (const char *first_arg,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;
  va_list args;

  g_ptr_array_add (argv, (char *) "xdotool");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Moves the X pointer to @x, @y of @window's widget coordinates. */
static void
pointer_to_window_point (GtkWidget *window,
                         double     x,
                         double     y)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;
  double dx, dy;

  gtk_native_get_surface_transform (GTK_NATIVE (window), &dx, &dy);
  sx = g_strdup_printf ("%d", (int) (x + dx));
  sy = g_strdup_printf ("%d", (int) (y + dy));
  lda_test_xdotool ("mousemove", "--window", xid, sx, sy, NULL);
#else
  g_assert_not_reached ();
#endif
}

/* Moves the X pointer to the middle of @widget. */
void
lda_test_pointer_to (GtkWidget *widget)
{
  lda_test_pointer_to_point (widget, gtk_widget_get_width (widget) / 2.0,
                             gtk_widget_get_height (widget) / 2.0);
}

/* The pointer to (@x, @y) of @widget. */
void
lda_test_pointer_to_point (GtkWidget *widget,
                           double     x,
                           double     y)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_point_t at = GRAPHENE_POINT_INIT (x, y), point;

  g_assert_true (gtk_widget_compute_point (widget, window, &at, &point));
  pointer_to_window_point (window, point.x, point.y);
}

typedef struct
{
  double x;
  double y;
} Motion;

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           Motion                   *last)
{
  last->x = x;
  last->y = y;
}

/* X delivers events in the order they were sent: once a pointer motion
 * sent after them has arrived, so have the events sent before it. */
void
lda_test_sync_input (LdaWindow *window)
{
  Motion *last = g_object_get_data (G_OBJECT (window), "lda-test-motion");
  static guint round;
  double x, y;

  if (last == NULL)
    {
      GtkEventController *motion = gtk_event_controller_motion_new ();

      last = g_new0 (Motion, 1);
      g_object_set_data_full (G_OBJECT (window), "lda-test-motion", last, g_free);
      gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
      g_signal_connect (motion, "motion", G_CALLBACK (on_motion), last);
      gtk_widget_add_controller (GTK_WIDGET (window), motion);
    }

  /* Over the title, where a motion does nothing; never twice the same
   * point, which would send no motion at all. */
  x = gtk_widget_get_width (GTK_WIDGET (window)) / 2.0 + (round++ % 2 == 0 ? 0 : 3);
  y = 10;
  pointer_to_window_point (GTK_WIDGET (window), x, y);
  while (ABS (last->x - (int) x) > 1.0 || ABS (last->y - y) > 1.0)
    g_main_context_iteration (NULL, TRUE);

  lda_test_settle (window);
}

/**
 * lda_test_sample_window_open:
 * @fixture: where the folder and the window go
 * @prefix: start of the temporary folder's name
 * @width: the window's width
 * @height: its height
 *
 * Copies the bundled sample into a folder of its own and opens it in a
 * window of @width × @height, with the defaults of a new project.  Does
 * nothing without a display: the test is to skip then.
 */
void
lda_test_sample_window_open (LdaTestSampleWindow *fixture,
                             const char          *prefix,
                             int                  width,
                             int                  height)
{
  if (gdk_display_get_default () == NULL)
    return;

  fixture->dir = lda_test_copy_sample (prefix);
  fixture->window = lda_test_window_new_sized (width, height);
  lda_test_open_folder (fixture->window, fixture->dir);
}

/**
 * lda_test_sample_window_close:
 * @fixture: as opened by lda_test_sample_window_open()
 *
 * Closes the window, lets it go, and removes the folder.
 */
void
lda_test_sample_window_close (LdaTestSampleWindow *fixture)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      while (g_main_context_iteration (NULL, FALSE))
        ;
      fixture->window = NULL;
    }
  if (fixture->dir != NULL)
    lda_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}
