/* main.c — livedead-annotator
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "lda-application.h"
#include "lda-memory.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(LdaApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");

  /* Under `ulimit -f` (or a quota), a write past the limit raises SIGXFSZ,
   * which kills the application without a word, the corrections since
   * the last save with it.  Ignored, the write fails with EFBIG, and the
   * save that failed keeps them and says so (lda-document-save.c). */
  signal (SIGXFSZ, SIG_IGN);

  lda_memory_tune_allocator ();

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
