/* test-import.c — Import Mask… in the window
 *
 * A 5-class mask imported on the current frame is what the window shows;
 * Undo brings the automatic mask back; a micrograph is refused with a
 * message naming it and nothing changes.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "app-test-util.h"
#include "lda-tiff.h"
#include "lda-window-private.h"

static gboolean have_display;

static void
test_import_undo (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *mask_path = NULL;
  g_autofree char *bf = NULL, *ho = NULL, *dr = NULL;
  g_autoptr(LdaImage) mask = lda_image_new (LDA_PIXEL_U8, 512, 512, NULL);
  g_autoptr(LdaImage) automatic = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[3];
  LdaWindow *window;
  const LdaImage *shown;
  guint differ = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }

  dir = lda_test_copy_sample ("lda-import");
  mask_path = g_build_filename (dir, "mask.tif", NULL);
  bf = lda_test_sample_path (dir, "bf");
  ho = lda_test_sample_path (dir, "hoechst");
  dr = lda_test_sample_path (dir, "draq7");
  paths[0] = bf;
  paths[1] = ho;
  paths[2] = dr;
  window = lda_test_window_new ();
  g_assert_true (lda_test_open (window, paths, 3));
  lda_test_wait (window);
  automatic = lda_image_ref ((LdaImage *) lda_window_get_merged (window));

  /* Bands of every class, no live one against a dead one (the import
   * parts those: /mask-import/classes-touching). */
  for (guint i = 0; i < 512 * 512; i++)
    lda_image_u8 (mask)[i] = (const guint8[]) { 0, 1, 3, 2, 4 }[(i / 512 / 100) % 5];
  g_assert_true (lda_tiff_write (mask_path, mask, &error));

  g_assert_true (lda_window_import_mask_from (window, mask_path, &error));
  g_assert_no_error (error);
  shown = lda_window_get_merged (window);
  for (guint i = 0; i < 512 * 512; i++)
    differ += lda_image_get (shown, i % 512, i / 512) != lda_image_u8 (mask)[i];
  g_assert_cmpuint (differ, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  shown = lda_window_get_merged (window);
  for (guint i = 0; i < 512 * 512; i++)
    differ += lda_image_get (shown, i % 512, i / 512) != lda_image_get (automatic, i % 512, i / 512);
  g_assert_cmpuint (differ, ==, 0);

  /* A micrograph is no mask. */
  g_assert_false (lda_window_import_mask_from (window, ho, &error));
  g_assert_nonnull (strstr (error->message, ho));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));

  lda_test_window_close (window);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  have_display = gtk_init_check ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/undo", test_import_undo);

  return g_test_run ();
}
