/* test-renderer.c — cairo rather than a software OpenGL rasteriser, unless
 * the person chose a renderer
 *
 * GTK reads GSK_RENDERER once a process and each case sets up the
 * environment before GTK starts, so each runs in a process of its own.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

#include "lda-application.h"
#include "lda-renderer-choice.h"

static void
test_software_names (void)
{
  g_assert_true (lda_gl_renderer_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (lda_gl_renderer_is_software ("softpipe"));
  g_assert_true (lda_gl_renderer_is_software ("Software Rasterizer"));
  g_assert_false (lda_gl_renderer_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (lda_gl_renderer_is_software ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)"));
  g_assert_false (lda_gl_renderer_is_software ("NVIDIA GeForce GTX 1650/PCIe/SSE2"));
  g_assert_false (lda_gl_renderer_is_software (""));
  g_assert_false (lda_gl_renderer_is_software (NULL));
}

/* The renderer of a realised window, by its type's name. */
static char *
window_renderer (void)
{
  GtkWidget *window = gtk_window_new ();
  char *name;

  gtk_widget_realize (window);
  name = g_strdup (G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  gtk_window_destroy (GTK_WINDOW (window));

  return name;
}

/* The test running now, in a process of its own, with its environment
 * set up there.  The child never skips (a skipped child counts as
 * failed): without a display there is nothing to run. */
static void
run_in_subprocess (void)
{
  g_autofree char *path = g_strconcat (g_test_get_path (), "/subprocess", NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_skip ("no display");
      return;
    }
  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_software_gets_cairo (void)
{
  g_autofree char *gl = NULL;
  g_autofree char *renderer = NULL;
  gboolean chosen;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  g_unsetenv ("GSK_RENDERER");
  g_assert_true (gtk_init_check ());

  chosen = lda_renderer_choose (gdk_display_get_default (), &gl);
  renderer = window_renderer ();
#if GTK_CHECK_VERSION (4, 10, 0)
  g_assert_false (chosen);
  g_assert_null (gl);
#else
  if (gl == NULL)
    {
      /* No OpenGL here (no Mesa drivers, or GDK_DEBUG=gl-disable, as
       * in the sanitized builds): nothing to choose, and GTK falls back
       * to cairo by itself. */
      g_assert_false (chosen);
      g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
      return;
    }
  g_test_message ("OpenGL here: %s", gl);
  g_assert_cmpint (chosen, ==, lda_gl_renderer_is_software (gl));
  if (chosen)
    g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
  else
    g_assert_cmpstr (renderer, !=, "GskCairoRenderer");
#endif
}

static void
test_person_choice_kept (void)
{
  g_autofree char *gl = NULL;
  g_autofree char *renderer = NULL;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_assert_true (gtk_init_check ());

  g_assert_false (lda_renderer_choose (gdk_display_get_default (), &gl));
  g_assert_null (gl);
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
  renderer = window_renderer ();
  /* GTK itself falls back to cairo where OpenGL fails. */
  if (gdk_display_prepare_gl (gdk_display_get_default (), NULL))
    g_assert_cmpstr (renderer, ==, "GskGLRenderer");
}

static void
test_no_gl (void)
{
  g_autofree char *gl = NULL;
  g_autofree char *renderer = NULL;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  g_unsetenv ("GSK_RENDERER");
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  g_assert_true (gtk_init_check ());

  g_assert_false (lda_renderer_choose (gdk_display_get_default (), &gl));
  g_assert_null (gl);
  /* GTK's own fallback. */
  renderer = window_renderer ();
  g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
}

/* The application makes the choice itself, at start-up, before any
 * window. */
static void
test_application_startup (void)
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gl = NULL;
  g_autofree char *renderer = NULL;
  GdkDisplay *display;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  g_unsetenv ("GSK_RENDERER");
  app = G_APPLICATION (lda_application_new ());
  g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  display = gdk_display_get_default ();
  g_assert_nonnull (display);
  gl = lda_renderer_gl_name (display);
  renderer = window_renderer ();
  if (lda_gl_renderer_is_software (gl))
    {
      g_test_message ("OpenGL here: %s", gl);
      g_assert_cmpstr (g_object_get_data (G_OBJECT (display), "gsk-renderer"), ==, "cairo");
      g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
    }
  else
    g_assert_null (g_object_get_data (G_OBJECT (display), "gsk-renderer"));
}

/* GSK_RENDERER set but empty is no choice of the person's. */
static void
test_empty_is_unset (void)
{
  g_autofree char *gl = NULL;
  g_autofree char *renderer = NULL;
  gboolean chosen;

  if (!g_test_subprocess ())
    {
      run_in_subprocess ();
      return;
    }

  g_setenv ("GSK_RENDERER", "", TRUE);
  g_assert_true (gtk_init_check ());

  chosen = lda_renderer_choose (gdk_display_get_default (), &gl);
  g_assert_cmpint (chosen, ==, lda_gl_renderer_is_software (gl));
  /* Unless chosen, GTK would warn of a renderer named "". */
  if (chosen)
    {
      renderer = window_renderer ();
      g_assert_cmpstr (renderer, ==, "GskCairoRenderer");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/software-names", test_software_names);
  g_test_add_func ("/renderer/software-gets-cairo", test_software_gets_cairo);
  g_test_add_func ("/renderer/software-gets-cairo/subprocess", test_software_gets_cairo);
  g_test_add_func ("/renderer/person-choice-kept", test_person_choice_kept);
  g_test_add_func ("/renderer/person-choice-kept/subprocess", test_person_choice_kept);
  g_test_add_func ("/renderer/no-gl", test_no_gl);
  g_test_add_func ("/renderer/no-gl/subprocess", test_no_gl);
  g_test_add_func ("/renderer/application-startup", test_application_startup);
  g_test_add_func ("/renderer/application-startup/subprocess", test_application_startup);
  g_test_add_func ("/renderer/empty-is-unset", test_empty_is_unset);
  g_test_add_func ("/renderer/empty-is-unset/subprocess", test_empty_is_unset);

  return g_test_run ();
}
