/* test-document-memo.c — undo carried from a closed document to the next
 * one opened on the series (lda-document-memo.c), without a display
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "lda-document.h"
#include "lda-project.h"
#include "test-document-common.h"
#include "test-project-common.h"

static LdaDocument *
open_document (const char *dir)
{
  LdaDocument *document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);

  lda_document_set_merge_window (document, 0);
  return document;
}

static void
set_hoechst_offset (LdaDocument *document,
                    int          frame,
                    double       offset)
{
  LdaParams params = *lda_document_get_params (document, MAX (frame, 0));

  params.channel[LDA_CHANNEL_HOECHST].offset = offset;
  g_assert_true (lda_document_set_params (document, MAX (frame, 0), &params));
}

/* Saved, its undo taken, closed: as a window leaves a series. */
static LdaDocumentMemo *
leave (LdaDocument *document)
{
  g_autoptr(GError) error = NULL;
  LdaDocumentMemo *memo;

  g_assert_true (lda_document_save_now (document, &error));
  g_assert_no_error (error);
  memo = lda_document_take_memo (document);
  lda_document_close (document);
  g_object_unref (document);

  return memo;
}

/* Strokes on two frames and a change of the series' parameters come back
 * undoable, in the order they were made, and redo works after. */
static void
test_carried (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-memo");
  g_autoptr(LdaSeries) other = NULL;
  LdaDocumentMemo *memo;
  LdaDocument *document;
  double start;

  write_triples (dir, three);
  document = open_document (dir);
  start = lda_document_get_params (document, 0)->channel[LDA_CHANNEL_HOECHST].offset;
  dab (document, 0, 4, 4, LDA_CLASS_DRAQ7);
  dab (document, 1, 8, 4, LDA_CLASS_HOECHST);
  set_hoechst_offset (document, 2, start + 0.5);
  memo = leave (document);
  g_assert_nonnull (memo);

  other = open_series (dir);
  g_assert_true (lda_document_memo_is_for (memo, other, FALSE));
  g_assert_false (lda_document_memo_is_for (memo, other, TRUE));

  document = open_document (dir);
  g_assert_true (lda_document_is_for (document, other, FALSE));
  g_assert_false (lda_document_is_for (document, other, TRUE));
  g_assert_false (lda_document_can_undo (document, 0));
  g_assert_cmpuint (lda_document_restore_memo (document, memo), ==, 2);
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);

  /* The latest first: the series' offset, then the frame's stroke. */
  g_assert_true (lda_document_can_undo (document, 0));
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (lda_document_get_params (document, 0)->channel[LDA_CHANNEL_HOECHST].offset,
                     ==, start);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), !=, LDA_CLASS_DRAQ7);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_true (lda_document_undo (document, 1));
  g_assert_cmpuint (edit_at (document, 1, 8, 4), !=, LDA_CLASS_HOECHST);

  lda_document_close (document);
  g_object_unref (document);

  lda_test_remove_tree (dir);
}

/* A frame whose corrections changed after the memo was taken (another
 * program, here a second document) does not get its history back, which
 * would undo pixels that are no longer there; the other frames do. */
static void
test_changed_meanwhile (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-memo");
  LdaDocumentMemo *memo;
  LdaDocument *document;

  write_triples (dir, three);
  document = open_document (dir);
  dab (document, 0, 4, 4, LDA_CLASS_DRAQ7);
  dab (document, 1, 8, 4, LDA_CLASS_HOECHST);
  memo = leave (document);

  document = open_document (dir);
  dab (document, 0, 12, 4, LDA_CLASS_CELL);
  lda_document_memo_free (leave (document));

  document = open_document (dir);
  g_assert_cmpuint (lda_document_restore_memo (document, memo), ==, 1);
  g_assert_cmpuint (edit_at (document, 0, 12, 4), ==, LDA_CLASS_CELL);
  g_assert_false (lda_document_can_undo (document, 0));
  g_assert_true (lda_document_undo (document, 1));
  g_assert_cmpuint (edit_at (document, 1, 8, 4), !=, LDA_CLASS_HOECHST);
  lda_document_close (document);
  g_object_unref (document);

  lda_test_remove_tree (dir);
}

/* A document with nothing to undo gives no memo. */
static void
test_nothing (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-memo");
  LdaDocument *document;

  write_triples (dir, three);
  document = open_document (dir);
  g_assert_null (leave (document));

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document-memo/carried", test_carried);
  g_test_add_func ("/document-memo/changed-meanwhile", test_changed_meanwhile);
  g_test_add_func ("/document-memo/nothing", test_nothing);

  return g_test_run ();
}
