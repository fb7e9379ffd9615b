/* test-document-common.h — strokes and reads of a document's corrections,
 * as the window makes them, for the tests of the document
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lda-document.h"

/* One brush dab of @klass at (@x, @y), as the window makes it. */
G_GNUC_UNUSED static void
dab (LdaDocument *document,
     guint        frame,
     double       x,
     double       y,
     guint8       klass)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_document_begin_edit (document, frame, 16, 8, &error);
  LdaRect dirty = { 0, };

  g_assert_no_error (error);
  g_assert_nonnull (edits);
  lda_edits_dab (edits, x, y, 1.5, klass, &dirty);
  lda_document_end_edit (document, frame, &dirty, "Paint");
}

/* The class corrected at (@x, @y), or LDA_NO_EDIT. */
G_GNUC_UNUSED static guint8
edit_at (LdaDocument *document,
         guint        frame,
         guint        x,
         guint        y)
{
  LdaEdits *edits = lda_document_get_edits (document, frame);

  return edits != NULL ? edits->pixels[y * edits->width + x] : LDA_NO_EDIT;
}
