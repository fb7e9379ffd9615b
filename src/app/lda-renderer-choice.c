/* lda-renderer-choice.c — cairo rather than a software OpenGL rasteriser
 *
 * Where OpenGL is Mesa's software rasteriser (a virtual machine, a
 * remote desktop, a computer without a graphics driver), GTK 4.8's GL
 * renderer has every frame's whole window rasterised by it: 34–44 ms of
 * the processors a frame for this window at 1600 × 1000, on the same
 * processors the segmentation runs on, against 4–5 ms for the cairo
 * renderer, which redraws only what changed (README, "In the window").
 * So unless the person chose a renderer (GSK_RENDERER), such a display
 * gets the cairo renderer, for which the panes already keep their tiles
 * as cairo surfaces (lda-tiled-layer.c).  The choice is the display's
 * "gsk-renderer", which GTK reads for each window it realises, before
 * GSK_RENDERER: setting the environment once threads run (GTK's, and
 * the rasteriser's own) is not safe.  It holds for GTK before 4.10 only,
 * the versions measured here; newer GTK draws textures differently under
 * cairo and keeps its own choice.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-renderer-choice.h"

#if !GTK_CHECK_VERSION (4, 10, 0)
#include <epoxy/gl.h>
#endif

/**
 * lda_gl_renderer_is_software:
 * @gl_renderer: (nullable): an OpenGL implementation's GL_RENDERER string
 *
 * Returns: whether it names one of Mesa's software rasterisers:
 *   llvmpipe, softpipe or the classic "Software Rasterizer"
 */
gboolean
lda_gl_renderer_is_software (const char *gl_renderer)
{
  static const char *const software[] = { "llvmpipe", "softpipe", "software rasterizer" };
  g_autofree char *lower = NULL;

  if (gl_renderer == NULL)
    return FALSE;

  lower = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (lower, software[i]) != NULL)
      return TRUE;

  return FALSE;
}

/**
 * lda_renderer_gl_name:
 * @display: a display
 *
 * Reads the display's OpenGL implementation (its GL_RENDERER), in a
 * context made for it.  With GTK 4.10 and later, which keep their own
 * choice, it does not look and gives %NULL.
 *
 * Returns: (transfer full) (nullable): its name, or %NULL where the
 *   display has no OpenGL
 */
char *
lda_renderer_gl_name (GdkDisplay *display)
{
#if !GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  char *name;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  if (!gdk_display_prepare_gl (display, &error)
      || !(context = gdk_display_create_gl_context (display, &error))
      || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL to look at: %s", error != NULL ? error->message : "no context");
      return NULL;
    }

  gdk_gl_context_make_current (context);
  if (gdk_gl_context_get_current () != context)
    return NULL;
  name = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  return name;
#else
  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  return NULL;
#endif
}

/**
 * lda_renderer_choose:
 * @display: the display the windows will be on
 * @gl_renderer: (out) (optional) (transfer full) (nullable): the OpenGL
 *   implementation found, when one was looked for
 *
 * Has @display's windows drawn with cairo when GSK_RENDERER is unset (or
 * empty) and the display's OpenGL is a software rasteriser.  Call it once, before
 * any window is realised.
 *
 * Returns: whether it chose cairo
 */
gboolean
lda_renderer_choose (GdkDisplay *display,
                     char      **gl_renderer)
{
  const char *person = g_getenv ("GSK_RENDERER");
  g_autofree char *name = NULL;
  gboolean chosen = FALSE;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  /* Set but empty is no choice: GTK ignores it too. */
  if (person == NULL || *person == '\0')
    {
#if !GTK_CHECK_VERSION (4, 10, 0)
      name = lda_renderer_gl_name (display);
      chosen = lda_gl_renderer_is_software (name);
      if (chosen)
        {
          g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
          g_debug ("OpenGL is %s, a software rasteriser: drawing with cairo", name);
        }
#endif
    }

  if (gl_renderer != NULL)
    *gl_renderer = g_steal_pointer (&name);

  return chosen;
}
