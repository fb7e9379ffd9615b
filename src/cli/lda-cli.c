/* lda-cli.c — the livedead command: segment, batch, bench, export
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lda-buffer.h"
#include "lda-cli.h"
#include "lda-memory.h"

static const char * const usage =
  /* Translators: keep the commands, BF HO DR, OUTDIR and the options as they
   * are; translate the descriptions on the right and the sentences. */
  N_("Usage:\n"
     "  livedead segment BF HO DR -o OUTDIR [OPTION…]   segment one triple\n"
     "  livedead batch INDIR -o OUTDIR [OPTION…]        segment every triple of a folder\n"
     "  livedead bench BF HO DR [--repeat N]            time the pipeline\n"
     "  livedead export PROJECT -o DIR [OPTION…]        export corrected label masks\n"
     "  livedead import FOLDER MASK [OPTION…]           start a frame's corrections from a mask\n"
     "\n"
     "BF, HO and DR are the brightfield, Hoechst (live nuclei) and Draq7 (dead\n"
     "nuclei) images of one field: unsigned 8- or 16-bit grayscale TIFF.\n"
     "\n"
     "Run “livedead COMMAND --help” for the options of a command.\n"
     "\n"
     "  -h, --help      show this help\n"
     "  -V, --version   show the version\n");

int
main (int    argc,
      char **argv)
{
  const char *command;
  const char *localedir;

  setlocale (LC_ALL, "");

  /* Under `ulimit -f` (or a quota), a write past the limit raises SIGXFSZ,
   * which kills the process without a word and leaves its staging folder
   * behind.  Ignored, the write fails with EFBIG instead: the command says
   * "File too large", naming the file, and removes what it staged. */
  signal (SIGXFSZ, SIG_IGN);

  /* LDA_LOCALEDIR is for running uninstalled or from a DESTDIR staging
   * folder, where the .mo files are not under LOCALEDIR yet. */
  localedir = g_getenv ("LDA_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  lda_memory_tune_allocator ();
  /* A job runs one pipeline, frame after frame: the large buffers a run
   * frees are kept for the next, up to what a run at 8192 × 8192 frees
   * (the window keeps less: lda-buffer.h). */
  lda_buffer_set_cache_max (LDA_BUFFER_CACHE_COMMAND);

  if (argc < 2)
    {
      fputs (_(usage), stderr);
      return LDA_EXIT_USAGE;
    }

  command = argv[1];

  if (g_str_equal (command, "--help") || g_str_equal (command, "-h") ||
      g_str_equal (command, "help"))
    {
      fputs (_(usage), stdout);
      return LDA_EXIT_OK;
    }

  if (g_str_equal (command, "--version") || g_str_equal (command, "-V"))
    {
      printf ("livedead %s\n", PACKAGE_VERSION);
      return LDA_EXIT_OK;
    }

  /* The subcommand parses its own options; argv[0] becomes "livedead CMD". */
  if (g_str_equal (command, "segment"))
    return lda_cli_segment (argc - 1, argv + 1);
  if (g_str_equal (command, "batch"))
    return lda_cli_batch (argc - 1, argv + 1);
  if (g_str_equal (command, "bench"))
    return lda_cli_bench (argc - 1, argv + 1);
  if (g_str_equal (command, "export"))
    return lda_cli_export (argc - 1, argv + 1);
  if (g_str_equal (command, "import"))
    return lda_cli_import (argc - 1, argv + 1);

  lda_cli_error (_("unknown command “%s”; try “livedead --help”"), command);
  return LDA_EXIT_USAGE;
}
