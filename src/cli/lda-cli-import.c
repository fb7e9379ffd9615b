/* lda-cli-import.c — livedead import FOLDER MASK [--frame N] [--kind K]
 *
 * Makes a label image from elsewhere the corrections of one frame of the
 * folder's series, as Import Mask… does in the window: through the same
 * document (lda_document_import_mask()), so the corrections are saved
 * where and as the window saves strokes, under the project's lock.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lda-cli.h"
#include "lda-document.h"
#include "lda-error.h"
#include "lda-project.h"

int
lda_cli_import (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaDocument) document = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *frame_text = NULL;
  g_autofree char *kind_text = NULL;
  LdaMaskKind kind = LDA_MASK_AUTO;
  LdaMaskImportInfo info;
  gboolean quiet = FALSE;
  guint frame = 0;
  const char *reason;
  GOptionEntry entries[] = {
    { "frame", 0, 0, G_OPTION_ARG_STRING, &frame_text,
      N_("The frame, numbered from 0 in the series' order (default 0)"), "N" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
      N_("classes (a 5-class mask), instances (nuclei labelled 1, 2, 3, …) or auto "
         "(classes when every value is 0–4; the default)"), "KIND" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing on success"), NULL },
    { NULL }
  };

  g_set_prgname ("livedead import");
  context = g_option_context_new (N_("FOLDER MASK - start a frame's corrections from a mask"));
  g_option_context_set_summary (context,
    N_("Makes the label image MASK (TIFF, the size of the frame) the corrections of a\n"
       "frame of the series in FOLDER, as Import Mask… does in the application.  A\n"
       "5-class mask (0–4) is taken as it is; an instance image of nuclei (0\n"
       "background, one value per nucleus, as Cellpose or StarDist write) has each\n"
       "nucleus called live or dead from the Draq7 image and keeps the automatic cells.\n"
       "The corrections are saved in the project beside the images; undo them in the\n"
       "application."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      lda_cli_error ("import: %s", error->message);
      return LDA_EXIT_USAGE;
    }
  if (argc != 3)
    {
      lda_cli_error (_("import: expected a folder and a mask, got %d; "
                       "try “livedead import --help”"), argc - 1);
      return LDA_EXIT_USAGE;
    }
  if (kind_text != NULL && !lda_mask_kind_from_name (kind_text, &kind))
    {
      lda_cli_error (_("--kind: “%s” is not classes, instances or auto"), kind_text);
      return LDA_EXIT_USAGE;
    }

  folder = lda_cli_image_folder (argv[1]);
  series = lda_series_new_from_folder (folder, &error);
  if (series == NULL)
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }
  if (frame_text != NULL &&
      !lda_cli_parse_uint ("--frame", frame_text, 0, MAX (lda_series_get_n_frames (series), 1) - 1,
                           &frame, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_USAGE;
    }

  document = lda_document_open (g_steal_pointer (&series), LDA_DOCUMENT_NONE);
  reason = lda_document_get_read_only_reason (document);
  if (reason != NULL)
    {
      lda_cli_error (_("%s: cannot import: %s"), folder, reason);
      return LDA_EXIT_FAILED;
    }

  if (!lda_document_import_mask (document, frame, argv[2], kind, &info, &error) ||
      !lda_document_save_now (document, &error))
    {
      lda_cli_error ("%s", error->message);
      return LDA_EXIT_FAILED;
    }
  lda_document_close (document);

  /* Where the corrections went when not beside the images (a folder
   * that cannot be written to): said even with -q, or they are lost to
   * the person who looks for them. */
  {
    GPtrArray *notices = lda_document_get_notices (document);

    for (guint i = 0; i < notices->len; i++)
      lda_cli_error ("%s: %s", folder, (const char *) g_ptr_array_index (notices, i));
  }

  if (!quiet)
    {
      const char *title = lda_series_get_frame (lda_document_get_series (document), frame)->title;

      if (info.kind == LDA_MASK_CLASSES && info.parted > 0)
        /* Translators: the mask, the frame's title, a number of pixels */
        printf (_("%s: imported as the 5-class mask of %s; where live and dead nuclei touched, "
                  "%u pixels of the live ones became the line between them"),
                argv[2], title, info.parted);
      else if (info.kind == LDA_MASK_CLASSES)
        /* Translators: the mask, the frame's title */
        printf (_("%s: imported as the 5-class mask of %s"), argv[2], title);
      else
        /* Translators: the mask, the frame's title, nuclei, live, dead */
        printf (_("%s: imported as the nuclei of %s: %u nuclei, %u live, %u dead"),
                argv[2], title, info.nuclei, info.live, info.dead);
      putchar ('\n');
    }

  return LDA_EXIT_OK;
}
