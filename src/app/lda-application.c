/* lda-application.c — the GtkApplication: single instance, app actions
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <signal.h>

#include <glib/gi18n.h>

#include "lda-application.h"
#include "lda-renderer-choice.h"
#include "lda-window.h"

struct _LdaApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LdaApplication, lda_application, GTK_TYPE_APPLICATION)

/**
 * lda_application_sample_dir:
 *
 * The bundled sample: $LDA_SAMPLE_DIR if set, else the installed copy, else
 * the build folder's copy (data/sample) when running from there.
 *
 * Returns: (transfer full) (nullable): the folder, or %NULL if none exists
 */
char *
lda_application_sample_dir (void)
{
  const char *env = g_getenv ("LDA_SAMPLE_DIR");
  g_autofree char *exe = NULL;

  if (env != NULL && *env)
    return g_strdup (env);

  if (g_file_test (PKGDATADIR "/sample", G_FILE_TEST_IS_DIR))
    return g_strdup (PKGDATADIR "/sample");

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *candidate = g_build_filename (dir, "..", "..", "data", "sample", NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

/**
 * lda_application_new_settings:
 *
 * The application's settings.  Run from the build folder, before
 * `meson install`, the schema is not installed: it is then taken from the
 * build folder, where meson compiles it.
 *
 * Returns: (transfer full): the settings
 */
GSettings *
lda_application_new_settings (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaSource) build = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APPLICATION_ID, TRUE);

  /* Run from the build folder: build/data, two levels up from the
   * executable (build/src/app). */
  if (schema == NULL)
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *dir = exe != NULL ? g_path_get_dirname (exe) : NULL;
      g_autofree char *data = dir != NULL ? g_build_filename (dir, "..", "..", "data", NULL) : NULL;

      if (data != NULL)
        build = g_settings_schema_source_new_from_directory (data, installed, FALSE, NULL);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, APPLICATION_ID, FALSE);
    }

  if (schema == NULL)
    g_error ("The settings schema %s is not installed; run “meson install”, or run the "
             "application from its build folder", APPLICATION_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

static void
lda_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *sample = lda_application_sample_dir ();
      LdaWindow *new_window = lda_window_new (LDA_APPLICATION (app));

      if (sample != NULL)
        {
          g_autoptr(GFile) folder = g_file_new_for_path (sample);

          lda_window_open (new_window, &folder, 1, TRUE);
        }
      window = GTK_WINDOW (new_window);
    }

  gtk_window_present (window);
}

static void
lda_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  LdaWindow *window = lda_window_new (LDA_APPLICATION (app));

  lda_window_open (window, files, (guint) n_files, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

/* Closes every window, so that each saves its state; @now when no one is
 * there to answer a question (lda_window_close_now()). */
static void
close_windows (GtkApplication *app,
               gboolean        now)
{
  GList *windows = gtk_application_get_windows (app);

  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (now && LDA_IS_WINDOW (window))
        lda_window_close_now (LDA_WINDOW (window));
      else
        gtk_window_close (window);
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  close_windows (GTK_APPLICATION (user_data), FALSE);
}

/* The session ends, or someone asks the application to stop: close the
 * windows as Ctrl+Q does, so that every correction is saved and every
 * project's lock let go, instead of dying with a second of strokes
 * unsaved and a lock the next start has to judge. */
static gboolean
on_stop_signal (gpointer user_data)
{
  close_windows (GTK_APPLICATION (user_data), TRUE);
  return G_SOURCE_CONTINUE;
}

/**
 * lda_application_load_style:
 * @display: where the windows are shown
 *
 * Loads the style sheet and the tools' icons from the resource, once per
 * display.  GtkApplication finds menus and the shortcuts window there by
 * itself, but not style sheets; and the tests, which make windows
 * without an application, need both to lay them out as the application
 * does.
 */
void
lda_application_load_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "lda-style") != NULL)
    return;
  g_object_set_data (G_OBJECT (display), "lda-style", GINT_TO_POINTER (TRUE));

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/livedead/Annotator/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    "/io/github/livedead/Annotator/icons");
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *authors[] = { _("The Live/Dead Annotator authors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Live/Dead Annotator"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Label masks for live/dead cell assays: tune the "
                                       "segmentation live, correct it by hand, export it "
                                       "to train a U-Net."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "copyright", _("© 2026 The Live/Dead Annotator authors"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
lda_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "window.close", { "<Primary>w", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.open-folder", { "<Primary><Shift>o", NULL } },
    { "win.previous-frame", { "Page_Up", "<Alt>Left", NULL } },
    { "win.next-frame", { "Page_Down", "<Alt>Right", NULL } },
    { "win.previous-series", { "<Primary>Page_Up", NULL } },
    { "win.next-series", { "<Primary>Page_Down", NULL } },
    { "win.zoom-fit", { "<Primary>0", NULL } },
    { "win.zoom-one", { "<Primary>1", NULL } },
    { "win.zoom-in", { "<Primary>plus", "<Primary>equal", NULL } },
    { "win.zoom-out", { "<Primary>minus", NULL } },
    { "win.auto-contrast", { "<Primary>r", NULL } },
    { "win.auto-frame", { "<Primary><Shift>a", NULL } },
    { "win.frame-parameters", { "<Primary>t", NULL } },
    { "win.undo", { "<Primary>z", NULL } },
    { "win.redo", { "<Primary><Shift>z", "<Primary>y", NULL } },
    { "win.reset-frame", { "<Primary><Shift>BackSpace", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    { "win.save-params", { "<Primary><Shift>s", NULL } },
    { "win.load-params", { "<Primary><Shift>l", NULL } },
    { "win.import-mask", { "<Primary>i", NULL } },
  };

  G_APPLICATION_CLASS (lda_application_parent_class)->startup (app);

  /* Before any window is realised. */
  lda_renderer_choose (gdk_display_get_default (), NULL);
  lda_application_load_style (gdk_display_get_default ());

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  g_unix_signal_add (SIGTERM, on_stop_signal, app);
  g_unix_signal_add (SIGINT, on_stop_signal, app);
  g_unix_signal_add (SIGHUP, on_stop_signal, app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
lda_application_class_init (LdaApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = lda_application_activate;
  app_class->open = lda_application_open;
  app_class->startup = lda_application_startup;
}

static void
lda_application_init (LdaApplication *self)
{
}

LdaApplication *
lda_application_new (void)
{
  return g_object_new (LDA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/livedead/Annotator",
                       NULL);
}
