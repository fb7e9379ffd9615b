/* test-document.c — the document a window shows, driven without one:
 * undo of parameters and corrections, saving and trying again, where the
 * project lives, its lock, and corrections set aside as damaged
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lda-document.h"
#include "lda-project.h"
#include "lda-project-lock.h"
#include "test-document-common.h"
#include "test-project-common.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif

static LdaDocument *
open_document (const char *dir)
{
  return lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
}

/* Iterates the main context until @document's save state is @state. */
static void
wait_for_state (LdaDocument  *document,
                LdaSaveState  state)
{
  while (lda_document_get_save_state (document) != state)
    g_main_context_iteration (NULL, TRUE);
}

/* Whether the frame has corrections (an empty layer stands for none). */
static gboolean
has_edits (LdaDocument *document,
           guint        frame)
{
  LdaEdits *edits = lda_document_get_edits (document, frame);

  return edits != NULL && lda_edits_count (edits) > 0;
}

static double
hoechst_offset (LdaDocument *document,
                guint        frame)
{
  return lda_document_get_params (document, frame)->channel[LDA_CHANNEL_HOECHST].offset;
}

static void
set_hoechst_offset (LdaDocument *document,
                    guint        frame,
                    double       offset)
{
  LdaParams params = *lda_document_get_params (document, frame);

  params.channel[LDA_CHANNEL_HOECHST].offset = offset;
  g_assert_true (lda_document_set_params (document, frame, &params));
}

static void
count_signal (LdaDocument *document,
              int          frame,
              int         *count)
{
  (*count)++;
}

/* A slider change is undone and redone as a stroke is; a drag of one
 * slider is one step; a frame's own parameters have their own history. */
static void
test_params_undo (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  double start;
  int changed = 0;

  write_triples (dir, three);
  document = open_document (dir);
  g_signal_connect (document, "params-changed", G_CALLBACK (count_signal), &changed);
  start = hoechst_offset (document, 0);
  g_assert_false (lda_document_can_undo (document, 0));

  /* A drag: many values within a moment, one step. */
  for (int i = 1; i <= 20; i++)
    set_hoechst_offset (document, 0, start + 0.05 * i);
  g_assert_cmpfloat (hoechst_offset (document, 2), ==, start + 1.0);
  g_assert_true (lda_document_can_undo (document, 0));
  g_assert_cmpstr (lda_document_get_undo_label (document, 0), ==, "Hoechst offset");
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  g_assert_cmpfloat (hoechst_offset (document, 2), ==, start);
  g_assert_false (lda_document_can_undo (document, 0));
  g_assert_true (lda_document_redo (document, 1));
  g_assert_cmpfloat (hoechst_offset (document, 1), ==, start + 1.0);
  /* Each change, undo and redo told the window. */
  g_assert_cmpint (changed, ==, 22);

  /* Changes apart in time are steps of their own. */
  lda_document_set_merge_window (document, 0);
  set_hoechst_offset (document, 0, 2.0);
  set_hoechst_offset (document, 0, 3.0);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.0);

  /* Frame 1 gets its own parameters; undo takes them away again. */
  g_assert_true (lda_document_set_own_params (document, 1, TRUE));
  set_hoechst_offset (document, 1, 4.5);
  g_assert_cmpfloat (hoechst_offset (document, 1), ==, 4.5);
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.0);
  g_assert_true (lda_document_undo (document, 1));
  g_assert_cmpfloat (hoechst_offset (document, 1), ==, 2.0);
  g_assert_true (lda_document_has_own_params (document, 1));
  g_assert_true (lda_document_undo (document, 1));
  g_assert_false (lda_document_has_own_params (document, 1));

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* Ctrl+Z on a frame takes back the person's last step, wherever it is:
 * a stroke in the frame's history, a slider in the series'. */
static void
test_undo_order (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  double start;

  write_triples (dir, three);
  document = open_document (dir);
  lda_document_set_merge_window (document, 0);
  start = hoechst_offset (document, 0);

  set_hoechst_offset (document, 0, 2.0);
  dab (document, 0, 4, 4, LDA_CLASS_DRAQ7);
  set_hoechst_offset (document, 0, 3.0);

  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.0);
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_NO_EDIT);
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.0);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  g_assert_false (lda_document_undo (document, 0));

  /* Redo in the order of the steps. */
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.0);
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_NO_EDIT);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 3.0);

  /* Another frame has no stroke to undo, only the series' steps. */
  g_assert_true (lda_document_undo (document, 1));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.0);
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* A step taken after an undo drops what could have been redone, in the
 * frame's history and the series' alike: Redo brings back the strokes
 * undone since, never a slider undone before them. */
static void
test_redo_after_new_step (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  double start;

  write_triples (dir, three);
  document = open_document (dir);
  lda_document_set_merge_window (document, 0);
  start = hoechst_offset (document, 0);

  /* A slider undone, then strokes: the slider cannot come back. */
  set_hoechst_offset (document, 0, 5.79);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  dab (document, 0, 4, 4, LDA_CLASS_DRAQ7);
  dab (document, 0, 12, 4, LDA_CLASS_CELL);
  g_assert_false (lda_document_can_redo (document, 0));
  g_assert_true (lda_document_undo (document, 0));
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_NO_EDIT);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 12, 4), ==, LDA_CLASS_CELL);
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  g_assert_false (lda_document_redo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);

  /* A stroke undone, then a slider: the stroke cannot come back, on
   * this frame or, the slider being the series', on any. */
  g_assert_true (lda_document_undo (document, 0));
  dab (document, 1, 6, 6, LDA_CLASS_HOECHST);
  g_assert_true (lda_document_undo (document, 1));
  set_hoechst_offset (document, 2, 2.5);
  g_assert_false (lda_document_can_redo (document, 0));
  g_assert_false (lda_document_can_redo (document, 1));
  g_assert_false (lda_document_redo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 12, 4), ==, LDA_NO_EDIT);
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.5);

  /* Undos with nothing new in between still redo in their order. */
  g_assert_true (lda_document_undo (document, 0));
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_NO_EDIT);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpuint (edit_at (document, 0, 4, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, start);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpfloat (hoechst_offset (document, 0), ==, 2.5);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

static LdaFrameState
state_of (LdaDocument *document,
          guint        frame)
{
  return lda_series_get_frame (lda_document_get_series (document), frame)->state;
}

/* A frame exported is exported no more once its mask changes: a stroke,
 * its own parameters, or the series' when it has none of its own. */
static void
test_export_outdated (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;

  write_triples (dir, three);
  document = open_document (dir);
  lda_document_set_merge_window (document, 0);
  dab (document, 0, 4, 4, LDA_CLASS_DRAQ7);
  g_assert_true (lda_document_set_own_params (document, 2, TRUE));
  for (guint i = 0; i < 3; i++)
    lda_document_set_exported (document, i);

  /* A stroke: edited again. */
  dab (document, 0, 6, 4, LDA_CLASS_CELL);
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EDITED);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_EXPORTED);
  g_assert_cmpint (state_of (document, 2), ==, LDA_FRAME_EXPORTED);

  /* The series' parameters: not the frame with its own. */
  lda_document_set_exported (document, 0);
  set_hoechst_offset (document, 1, 2.5);
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EDITED);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_AUTOMATIC);
  g_assert_cmpint (state_of (document, 2), ==, LDA_FRAME_EXPORTED);

  /* Its own parameters: only that frame; undone, still not exported. */
  lda_document_set_exported (document, 0);
  lda_document_set_exported (document, 1);
  set_hoechst_offset (document, 2, 3.5);
  g_assert_cmpint (state_of (document, 2), ==, LDA_FRAME_AUTOMATIC);
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EXPORTED);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_EXPORTED);
  lda_document_set_exported (document, 2);
  g_assert_true (lda_document_undo (document, 2));
  g_assert_cmpint (state_of (document, 2), ==, LDA_FRAME_AUTOMATIC);
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EXPORTED);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* A change undone brings a frame back to what was exported: it is
 * exported again (it stayed edited), a slider's change or a stroke, and
 * after the project is opened again too. */
static void
test_export_undone (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  double offset;

  write_triples (dir, three);
  document = open_document (dir);
  lda_document_set_merge_window (document, 0);
  dab (document, 0, 4, 4, LDA_CLASS_DRAQ7);
  lda_document_set_exported (document, 0);
  lda_document_set_exported (document, 1);
  offset = hoechst_offset (document, 0);

  set_hoechst_offset (document, 0, offset + 0.5);
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EDITED);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_AUTOMATIC);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EXPORTED);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_EXPORTED);

  dab (document, 0, 6, 4, LDA_CLASS_CELL);
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EDITED);
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EXPORTED);
  /* Redone, not exported; a new stroke over the same spot with the
   * same class is the same mask. */
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpint (state_of (document, 0), ==, LDA_FRAME_EDITED);

  lda_document_close (document);
  g_clear_object (&document);

  document = open_document (dir);
  lda_document_set_merge_window (document, 0);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_EXPORTED);
  set_hoechst_offset (document, 1, offset + 0.5);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_AUTOMATIC);
  set_hoechst_offset (document, 1, offset);
  g_assert_cmpint (state_of (document, 1), ==, LDA_FRAME_EXPORTED);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* What is changed is saved by itself, and opening again brings it back,
 * with the frame, zoom and panes the person left. */
static void
test_save_and_reopen (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  g_autofree char *pane = NULL;
  guint frame;
  double zoom, center_x, center_y;

  write_triples (dir, three);
  document = open_document (dir);
  dab (document, 2, 8, 4, LDA_CLASS_HOECHST);
  set_hoechst_offset (document, 0, 2.5);
  g_assert_true (lda_document_is_saving (document));
  wait_for_state (document, LDA_SAVE_STATE_SAVED);
  g_assert_cmpint (lda_series_get_frame (lda_document_get_series (document), 2)->state, ==,
                   LDA_FRAME_EDITED);
  lda_document_set_view (document, 2, 4.0, 100.4, 150.0, "segmented");
  lda_document_close (document);
  g_clear_object (&document);

  document = open_document (dir);
  g_assert_cmpuint (edit_at (document, 2, 8, 4), ==, LDA_CLASS_HOECHST);
  g_assert_cmpfloat (hoechst_offset (document, 1), ==, 2.5);
  g_assert_true (lda_document_get_view (document, &frame, &zoom, &center_x, &center_y, &pane));
  g_assert_cmpuint (frame, ==, 2);
  g_assert_cmpfloat (zoom, ==, 4.0);
  /* Where the view was centred, to the pixel. */
  g_assert_cmpfloat (center_x, ==, 100.0);
  g_assert_cmpfloat (center_y, ==, 150.0);
  g_assert_cmpstr (pane, ==, "segmented");
  g_assert_cmpint (lda_document_get_save_state (document), ==, LDA_SAVE_STATE_SAVED);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* The project file of a series opened, looked at where it was left and
 * closed is not written again; a view that moved is. */
static void
test_same_view_not_written (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *before = NULL, *after = NULL;
  GStatBuf first, second;

  write_triples (dir, three);
  document = open_document (dir);
  folder = lda_project_default_folder (lda_document_get_series (document));
  ini = lda_project_ini_path (folder, lda_document_get_series (document));
  lda_document_set_view (document, 1, 0.65, 60.0, 40.0, "segmented");
  lda_document_close (document);
  g_clear_object (&document);
  g_assert_true (g_file_get_contents (ini, &before, NULL, NULL));
  g_assert_nonnull (strstr (before, "zoom=0.65\n"));
  g_assert_cmpint (g_stat (ini, &first), ==, 0);

  document = open_document (dir);
  g_assert_false (lda_document_is_read_only (document));
  lda_document_set_view (document, 1, 0.65, 60.0, 40.0, "segmented");
  lda_document_close (document);
  g_clear_object (&document);
  /* Written atomically, a file written again is a new one. */
  g_assert_cmpint (g_stat (ini, &second), ==, 0);
  g_assert_cmpuint (second.st_ino, ==, first.st_ino);

  document = open_document (dir);
  lda_document_set_view (document, 2, 0.65, 60.0, 40.0, "segmented");
  lda_document_close (document);
  g_clear_object (&document);
  g_assert_true (g_file_get_contents (ini, &after, NULL, NULL));
  g_assert_cmpstr (after, !=, before);
  g_assert_nonnull (strstr (after, "frame=w_t3\n"));

  lda_test_remove_tree (dir);
}

/* Corrected with its triple opened alone, a frame is edited in its
 * folder's series too, with the parameters it was tuned with alone. */
static void
test_alone_then_folder (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bf = NULL, *ho = NULL, *dr = NULL;
  const char *paths[3];
  LdaSeries *series;

  write_triples (dir, three);
  paths[0] = bf = g_build_filename (dir, "w_t2_bf.tif", NULL);
  paths[1] = ho = g_build_filename (dir, "w_t2_hoechst.tif", NULL);
  paths[2] = dr = g_build_filename (dir, "w_t2_draq7.tif", NULL);
  series = lda_series_new_from_files (paths, 3, &error);
  g_assert_no_error (error);
  document = lda_document_open (series, LDA_DOCUMENT_NONE);
  dab (document, 0, 8, 4, LDA_CLASS_HOECHST);
  set_hoechst_offset (document, 0, 2.5);
  wait_for_state (document, LDA_SAVE_STATE_SAVED);
  lda_document_close (document);
  g_clear_object (&document);

  document = open_document (dir);
  series = lda_document_get_series (document);
  g_assert_cmpstr (lda_series_get_frame (series, 1)->triple->name, ==, "w_t2");
  g_assert_cmpuint (edit_at (document, 1, 8, 4), ==, LDA_CLASS_HOECHST);
  g_assert_cmpint (lda_series_get_frame (series, 1)->state, ==, LDA_FRAME_EDITED);
  g_assert_cmpint (lda_series_get_frame (series, 0)->state, ==, LDA_FRAME_AUTOMATIC);
  g_assert_cmpfloat (hoechst_offset (document, 1), ==, 2.5);
  g_assert_cmpfloat (hoechst_offset (document, 0), !=, 2.5);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* A save that fails (the disk is full) keeps everything unsaved, says so,
 * and is tried again by itself: once there is room, the stroke reaches
 * the disk with no other change and without closing. */
static void
test_failed_save_retried (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  struct rlimit limit, full;

  write_triples (dir, three);
  document = open_document (dir);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  full = limit;
  full.rlim_cur = 16;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &full), ==, 0);

  dab (document, 0, 4, 4, LDA_CLASS_CELL);
  wait_for_state (document, LDA_SAVE_STATE_FAILED);
  g_assert_nonnull (lda_document_get_save_error (document));
  g_assert_nonnull (strstr (lda_document_get_save_error (document)->message,
                            g_strerror (EFBIG)));
  g_assert_cmpuint (lda_document_get_retry_seconds (document), ==, 1);
  g_assert_true (lda_document_is_saving (document));

  /* Tried again, and again failing, with longer waits. */
  while (lda_document_get_retry_seconds (document) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lda_document_get_save_state (document), ==, LDA_SAVE_STATE_FAILED);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  wait_for_state (document, LDA_SAVE_STATE_SAVED);
  g_assert_null (lda_document_get_save_error (document));

  series = open_series (dir);
  saved = load (series, lda_document_get_location (document)->folder);
  g_assert_nonnull (g_ptr_array_index (saved, 0));
  g_assert_cmpuint (((LdaEdits *) g_ptr_array_index (saved, 0))->pixels[4 * 16 + 4], ==,
                    LDA_CLASS_CELL);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

static gsize
address_space (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmSize:");
  g_assert_nonnull (line);
  return (gsize) g_ascii_strtoull (line + 7, NULL, 10) * 1024;
}

/* No memory to copy a frame's corrections for saving must never turn into
 * "this frame has no corrections": the saved file stays as it was (a
 * kill -9 then loses only the newest stroke), the state says so, and the
 * save succeeds once memory is there again. */
static void
test_no_memory_keeps_file (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LdaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit, tight;
  LdaEdits *edits;
  LdaRect dirty = { 0, };
  gsize n_before, n_after;

#ifdef UNDER_SANITIZER
  g_test_skip ("address space limits do not mix with sanitizers");
  return;
#endif
  if (g_getenv ("LDA_TEST_VALGRIND") != NULL)
    {
      g_test_skip ("address space limits do not mix with valgrind");
      return;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = lda_test_tmp_dir ("lda-project");
  write_triples (dir, three);
  document = open_document (dir);

  /* 64 MiB of corrections, saved. */
  edits = lda_document_begin_edit (document, 0, 8192, 8192, &error);
  g_assert_no_error (error);
  lda_edits_dab (edits, 100, 100, 20, LDA_CLASS_DRAQ7, &dirty);
  lda_document_end_edit (document, 0, &dirty, "Paint");
  g_assert_true (lda_document_save_now (document, &error));
  g_assert_no_error (error);
  path = lda_project_frame_edits_path (lda_document_get_location (document)->folder,
                                 lda_document_get_series (document), 0);
  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));

  /* Another stroke, and no room for a copy of the layer. */
  edits = lda_document_begin_edit (document, 0, 8192, 8192, &error);
  lda_edits_dab (edits, 300, 300, 20, LDA_CLASS_HOECHST, &dirty);
  lda_document_end_edit (document, 0, &dirty, "Paint");

  g_assert_cmpint (getrlimit (RLIMIT_AS, &limit), ==, 0);
  tight = limit;
  tight.rlim_cur = address_space () + 16 * 1024 * 1024;
  g_assert_cmpint (setrlimit (RLIMIT_AS, &tight), ==, 0);
  g_assert_false (lda_document_save_now (document, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);

  g_assert_cmpint (lda_document_get_save_state (document), ==, LDA_SAVE_STATE_FAILED);
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
  g_clear_pointer (&after, g_free);

  /* Memory again: saved. */
  g_assert_true (lda_document_save_now (document, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_false (n_after == n_before && memcmp (before, after, n_after) == 0);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* Makes the folders of @dir (the image folder and its project) read-only
 * or writable, as a share mounted one way or the other. */
static void
set_writable (const char *dir,
              gboolean    writable)
{
  g_autofree char *project = g_build_filename (dir, LDA_PROJECT_FOLDER_NAME, NULL);
  g_autofree char *edits = g_build_filename (project, "edits", NULL);
  const char *folders[] = { edits, project, dir };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    if (g_file_test (folders[i], G_FILE_TEST_IS_DIR))
      g_assert_cmpint (g_chmod (folders[i], writable ? 0755 : 0555), ==, 0);
}

/* The image folder is read-only one day and writable the next: the
 * project is found in both places, each file from where it is newest, and
 * a correction removed in one place does not come back from the other. */
static void
test_location_switch (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) document = NULL;
  g_autofree char *beside = NULL;

  write_triples (dir, three);

  /* Writable: frame 0 corrected beside the images. */
  document = open_document (dir);
  g_assert_false (lda_document_get_location (document)->fallback);
  beside = g_strdup (lda_document_get_location (document)->folder);
  dab (document, 0, 2, 2, LDA_CLASS_CELL);
  dab (document, 1, 2, 2, LDA_CLASS_CELL);
  lda_document_close (document);
  g_clear_object (&document);

  /* Read-only: the project goes to the user data folder, and what was
   * saved beside the images is there. */
  set_writable (dir, FALSE);
  document = open_document (dir);
  g_assert_true (lda_document_get_location (document)->fallback);
  g_assert_cmpstr (lda_document_get_location (document)->other, ==, beside);
  g_assert_cmpuint (lda_document_get_notices (document)->len, ==, 1);
  g_assert_cmpuint (edit_at (document, 0, 2, 2), ==, LDA_CLASS_CELL);
  dab (document, 0, 10, 4, LDA_CLASS_DRAQ7);
  g_assert_true (lda_document_reset_frame (document, 1));
  lda_document_close (document);
  g_clear_object (&document);

  /* Writable again: both the stroke and the reset of the read-only days. */
  set_writable (dir, TRUE);
  document = open_document (dir);
  g_assert_false (lda_document_get_location (document)->fallback);
  g_assert_nonnull (lda_document_get_location (document)->other);
  g_assert_cmpuint (edit_at (document, 0, 2, 2), ==, LDA_CLASS_CELL);
  g_assert_cmpuint (edit_at (document, 0, 10, 4), ==, LDA_CLASS_DRAQ7);
  g_assert_false (has_edits (document, 1));

  /* Resetting frame 0 here must hold against the older file over there. */
  g_assert_true (lda_document_reset_frame (document, 0));
  lda_document_close (document);
  g_clear_object (&document);
  set_writable (dir, FALSE);
  document = open_document (dir);
  g_assert_false (has_edits (document, 0));
  lda_document_close (document);

  set_writable (dir, TRUE);
  lda_test_remove_tree (dir);
}

static void
write_lock_full (const char *folder,
                 const char *host,
                 gint64      pid,
                 const char *start_time,
                 gint64      age_seconds);

static void
write_lock (const char *folder,
            const char *host,
            gint64      pid,
            gint64      age_seconds)
{
  write_lock_full (folder, host, pid, NULL, age_seconds);
}

static void
write_lock_full (const char *folder,
                 const char *host,
                 gint64      pid,
                 const char *start_time,
                 gint64      age_seconds)
{
  g_autofree char *path = g_build_filename (folder, LDA_PROJECT_LOCK_NAME, NULL);
  g_autofree char *ns = g_file_read_link ("/proc/self/ns/pid", NULL);
  g_autofree char *text = NULL;
  struct utimbuf when;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0777), ==, 0);
  text = g_strdup_printf ("[lock]\nhost=%s\npid-namespace=%s\npid=%" G_GINT64_FORMAT
                          "\nsince=2026-01-01T00:00:00Z\ntoken=0123456789abcdef\n%s%s\n",
                          host, ns != NULL ? ns : "", pid,
                          start_time != NULL ? "start-time=" : "",
                          start_time != NULL ? start_time : "");
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  when.actime = when.modtime = time (NULL) - age_seconds;
  g_assert_cmpint (g_utime (path, &when), ==, 0);
}

/* The lock written by write_lock_full() was taken at 2026-01-01T00:00Z:
 * @reason says when in local time to the minute, not as the file keeps
 * it. */
static void
assert_since_local (const char *reason)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *expected = g_date_time_format (local, "since %Y-%m-%d %H:%M");

  g_assert_nonnull (strstr (reason, expected));
  g_assert_null (strstr (reason, "T00:00:00Z"));
}

/* A second window, another process or another machine never writes over
 * the project of the first: it is read-only, and says who has it. */
static void
test_lock (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autoptr(LdaDocument) first = NULL;
  g_autoptr(LdaDocument) second = NULL;
  g_autofree char *project = NULL;
  g_autoptr(GSubprocess) sleeper = NULL;
  g_autoptr(GError) error = NULL;
  GPid gone;
  int status;

  write_triples (dir, three);
  first = open_document (dir);
  g_assert_false (lda_document_is_read_only (first));
  project = g_strdup (lda_document_get_location (first)->folder);

  /* Another window of this process. */
  second = open_document (dir);
  g_assert_true (lda_document_is_read_only (second));
  g_assert_nonnull (strstr (lda_document_get_read_only_reason (second), "another window"));
  g_assert_cmpint (lda_document_get_save_state (second), ==, LDA_SAVE_STATE_READ_ONLY);
  g_assert_null (lda_document_begin_edit (second, 0, 16, 8, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (lda_document_set_own_params (second, 0, TRUE));
  lda_document_close (second);
  g_clear_object (&second);

  /* Free again once the first is closed. */
  lda_document_close (first);
  g_clear_object (&first);
  second = open_document (dir);
  g_assert_false (lda_document_is_read_only (second));
  lda_document_close (second);
  g_clear_object (&second);

  /* A live process of this machine. */
  sleeper = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sleep", "60", NULL);
  g_assert_no_error (error);
  write_lock (project, g_get_host_name (),
              g_ascii_strtoll (g_subprocess_get_identifier (sleeper), NULL, 10), 0);
  second = open_document (dir);
  g_assert_true (lda_document_is_read_only (second));
  g_assert_nonnull (strstr (lda_document_get_read_only_reason (second), g_get_host_name ()));
  lda_document_close (second);
  g_clear_object (&second);
  g_subprocess_force_exit (sleeper);
  g_subprocess_wait (sleeper, NULL, NULL);
  g_clear_object (&sleeper);

  /* A live process with the holder's number but another start time: the
   * holder is gone and its number was given again. */
  sleeper = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sleep", "60", NULL);
  g_assert_no_error (error);
  write_lock_full (project, g_get_host_name (),
                   g_ascii_strtoll (g_subprocess_get_identifier (sleeper), NULL, 10), "1", 0);
  second = open_document (dir);
  g_assert_false (lda_document_is_read_only (second));
  lda_document_close (second);
  g_clear_object (&second);
  g_subprocess_force_exit (sleeper);
  g_subprocess_wait (sleeper, NULL, NULL);
  g_clear_object (&sleeper);

  /* A holder that died and was not yet reaped by its parent (a zombie,
   * to which kill() still answers). */
  gone = fork ();
  if (gone == 0)
    _exit (0);
  while (TRUE)
    {
      g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) gone);
      g_autofree char *stat = NULL;

      g_assert_true (g_file_get_contents (stat_path, &stat, NULL, NULL));
      if (strstr (strrchr (stat, ')'), " Z ") != NULL)
        break;
      g_usleep (1000);
    }
  write_lock (project, g_get_host_name (), gone, 0);
  second = open_document (dir);
  g_assert_false (lda_document_is_read_only (second));
  lda_document_close (second);
  g_clear_object (&second);
  g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);

  /* A process of this machine that is gone: stale, taken over. */
  gone = fork ();
  if (gone == 0)
    _exit (0);
  g_assert_cmpint (waitpid (gone, &status, 0), ==, gone);
  write_lock (project, g_get_host_name (), gone, 0);
  second = open_document (dir);
  g_assert_false (lda_document_is_read_only (second));
  lda_document_close (second);
  g_clear_object (&second);

  /* Another machine, refreshing its lock: read-only; silent for longer
   * than a holder may be: stale. */
  write_lock (project, "elsewhere.example", 4242, 30);
  second = open_document (dir);
  g_assert_true (lda_document_is_read_only (second));
  g_assert_nonnull (strstr (lda_document_get_read_only_reason (second), "elsewhere.example"));
  assert_since_local (lda_document_get_read_only_reason (second));
  lda_document_close (second);
  g_clear_object (&second);

  write_lock (project, "elsewhere.example", 4242, LDA_PROJECT_LOCK_STALE_SECONDS + 60);
  second = open_document (dir);
  g_assert_false (lda_document_is_read_only (second));
  lda_document_close (second);

  lda_test_remove_tree (dir);
}

/* Corrections set aside as damaged flag their frame until the person
 * goes on without them, across openings. */
static void
test_damage_stays_flagged (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *path = NULL;
  g_autoptr(LdaDocument) document = NULL;
  GPtrArray *damage;

  write_triples (dir, three);
  document = open_document (dir);
  dab (document, 1, 4, 4, LDA_CLASS_CELL);
  lda_document_close (document);
  path = lda_project_frame_edits_path (lda_document_get_location (document)->folder,
                                 lda_document_get_series (document), 1);
  g_clear_object (&document);
  g_assert_true (g_file_set_contents (path, "LDAE but not really", -1, NULL));

  for (int round = 0; round < 2; round++)
    {
      document = open_document (dir);
      damage = lda_document_get_damage (document);
      g_assert_cmpuint (damage->len, ==, 1);
      g_assert_cmpint (((LdaDamage *) g_ptr_array_index (damage, 0))->frame, ==, 1);
      g_assert_true (lda_document_frame_is_damaged (document, 1));
      g_assert_false (lda_document_frame_is_damaged (document, 0));
      g_assert_null (lda_document_get_edits (document, 1));
      lda_document_close (document);
      g_clear_object (&document);
    }

  document = open_document (dir);
  lda_document_acknowledge_damage (document);
  g_assert_cmpuint (lda_document_get_damage (document)->len, ==, 0);
  lda_document_close (document);
  g_clear_object (&document);

  document = open_document (dir);
  g_assert_cmpuint (lda_document_get_damage (document)->len, ==, 0);
  g_assert_false (lda_document_frame_is_damaged (document, 1));
  lda_document_close (document);

  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data = NULL;
  int status;

  /* The user data folder, where projects of read-only folders go. */
  data = g_dir_make_tmp ("lda-document-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/params-undo", test_params_undo);
  g_test_add_func ("/document/undo-order", test_undo_order);
  g_test_add_func ("/document/redo-after-new-step", test_redo_after_new_step);
  g_test_add_func ("/document/export-outdated", test_export_outdated);
  g_test_add_func ("/document/export-undone", test_export_undone);
  g_test_add_func ("/document/save-and-reopen", test_save_and_reopen);
  g_test_add_func ("/document/same-view-not-written", test_same_view_not_written);
  g_test_add_func ("/document/alone-then-folder", test_alone_then_folder);
  g_test_add_func ("/document/failed-save-retried", test_failed_save_retried);
  g_test_add_func ("/document/no-memory-keeps-file", test_no_memory_keeps_file);
  g_test_add_func ("/document/location-switch", test_location_switch);
  g_test_add_func ("/document/lock", test_lock);
  g_test_add_func ("/document/damage-stays-flagged", test_damage_stays_flagged);

  status = g_test_run ();
  lda_test_remove_tree (data);
  return status;
}
