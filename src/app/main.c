/* main.c — livedead-annotator
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>

#include "lda-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LdaApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");

  /* Every run allocates and frees tens of megabytes of scratch; keep it
   * in the heap instead of faulting fresh pages in for each slider move. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 512 * 1024 * 1024);

  /* LDA_LOCALEDIR is for running uninstalled or from a DESTDIR staging
   * folder, where the .mo files are not under LOCALEDIR yet. */
  localedir = g_getenv ("LDA_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Live/Dead Annotator"));

  app = lda_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
