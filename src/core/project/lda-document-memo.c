/* lda-document-memo.c — the undo histories of a series, carried from the
 * document that closes to the next one opened on it
 *
 * A window that moves from one well to another closes the first
 * document, and the next opening of that well makes a new one from what
 * was saved: its corrections and parameters, but not its undo.  A memo
 * takes the histories from the closing document (lda_document_take_memo())
 * with a fingerprint of what each was made on: the frame's corrections
 * (their size and a hash of their pixels) and its parameters, and the
 * series' parameters for the series' history.  The new document takes
 * back only the histories whose fingerprint matches what it loaded
 * (lda_document_restore_memo()): a history applied to corrections that
 * changed meanwhile (another program, a failed save) would undo the wrong
 * pixels.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lda-document-private.h"

/* What a frame's history was made on. */
typedef struct
{
  LdaHistory    *history;     /* or %NULL: nothing to carry */
  gboolean       has_edits;
  guint          width;
  guint          height;
  guint64        hash;
  LdaParamsState params;
} FrameMemo;

struct _LdaDocumentMemo
{
  char       *folder;
  char       *series;
  gboolean    is_sample;
  guint       n_frames;
  FrameMemo  *frames;
  LdaHistory *series_history;
  LdaParams   series_params;
  guint64     clock;
};

/* A hash of the corrections' pixels, eight at a time. */
static guint64
edits_hash (const LdaEdits *edits)
{
  const gsize n = (gsize) edits->width * edits->height;
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ n;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, edits->pixels + i, 8);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 29;
    }
  for (; i < n; i++)
    h = (h ^ edits->pixels[i]) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);

  return h;
}

static void
fingerprint (LdaDocument *self,
             guint        frame,
             FrameMemo   *out)
{
  LdaEdits *edits = g_ptr_array_index (self->edits, frame);

  out->has_edits = edits != NULL;
  out->width = edits != NULL ? edits->width : 0;
  out->height = edits != NULL ? edits->height : 0;
  out->hash = edits != NULL ? edits_hash (edits) : 0;
  out->params.own = lda_document_has_own_params (self, frame);
  out->params.params = *lda_document_get_params (self, frame);
}

static gboolean
same_fingerprint (const FrameMemo *a,
                  const FrameMemo *b)
{
  return a->has_edits == b->has_edits && a->width == b->width && a->height == b->height &&
         a->hash == b->hash && a->params.own == b->params.own &&
         lda_params_equal (&a->params.params, &b->params.params);
}

/**
 * lda_document_take_memo:
 * @self: a document about to be closed, saved
 *
 * Takes the document's undo histories, with what they were made on, for
 * the next document opened on the same series (lda_document_restore_memo()).
 * The document can no longer undo what it could.
 *
 * Returns: (transfer full) (nullable): the memo, or %NULL when there is
 *   nothing to undo
 */
LdaDocumentMemo *
lda_document_take_memo (LdaDocument *self)
{
  LdaDocumentMemo *memo;
  gboolean any = self->series_history != NULL && lda_history_can_undo (self->series_history);
  const guint n = self->histories->len;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < n && !any; i++)
    {
      LdaHistory *history = g_ptr_array_index (self->histories, i);

      any = history != NULL && (lda_history_can_undo (history) || lda_history_can_redo (history));
    }
  if (!any)
    return NULL;

  memo = g_new0 (LdaDocumentMemo, 1);
  memo->folder = g_strdup (lda_series_get_folder (self->series));
  memo->series = g_strdup (lda_series_get_name (self->series));
  memo->is_sample = self->is_sample;
  memo->n_frames = n;
  memo->frames = g_new0 (FrameMemo, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (g_ptr_array_index (self->histories, i) != NULL)
      {
        memo->frames[i].history = g_steal_pointer (&g_ptr_array_index (self->histories, i));
        fingerprint (self, i, &memo->frames[i]);
      }
  memo->series_history = g_steal_pointer (&self->series_history);
  self->series_history = lda_history_new (LDA_HISTORY_DEFAULT_STEPS);
  memo->series_params = *lda_series_get_params (self->series);
  memo->clock = self->clock;

  return memo;
}

/* Whether the series named @name in @folder is @series. */
static gboolean
same_series (const char *folder,
             const char *name,
             gboolean    sample,
             LdaSeries  *series,
             gboolean    is_sample)
{
  return sample == is_sample && g_strcmp0 (folder, lda_series_get_folder (series)) == 0 &&
         g_strcmp0 (name, lda_series_get_name (series)) == 0;
}

/**
 * lda_document_memo_is_for:
 * @memo: a memo
 * @series: a series
 * @is_sample: whether it is the bundled sample
 *
 * Returns: whether @memo was taken from a document of @series
 */
gboolean
lda_document_memo_is_for (const LdaDocumentMemo *memo,
                          LdaSeries             *series,
                          gboolean               is_sample)
{
  return same_series (memo->folder, memo->series, memo->is_sample, series, is_sample);
}

/**
 * lda_document_is_for:
 * @self: a document
 * @series: a series
 * @is_sample: whether it is the bundled sample
 *
 * Returns: whether @self is a document of @series: the same series of
 *   the same folder, though another #LdaSeries
 */
gboolean
lda_document_is_for (LdaDocument *self,
                     LdaSeries   *series,
                     gboolean     is_sample)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  return same_series (lda_series_get_folder (self->series), lda_series_get_name (self->series),
                      self->is_sample, series, is_sample);
}

/**
 * lda_document_restore_memo:
 * @self: a document just opened on the series @memo was taken from,
 *   nothing done in it yet
 * @memo: (transfer full): the memo
 *
 * Gives @self back the histories of @memo whose frame (or, for the
 * series' history, whose series parameters) is as it was when @memo was
 * taken; the others are dropped.
 *
 * Returns: how many frames' histories came back
 */
guint
lda_document_restore_memo (LdaDocument     *self,
                           LdaDocumentMemo *memo)
{
  guint restored = 0;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (memo != NULL, 0);

  if (memo->n_frames == self->histories->len && !lda_document_is_read_only (self))
    {
      for (guint i = 0; i < memo->n_frames; i++)
        {
          FrameMemo now;

          if (memo->frames[i].history == NULL || g_ptr_array_index (self->histories, i) != NULL)
            continue;
          fingerprint (self, i, &now);
          if (!same_fingerprint (&memo->frames[i], &now))
            continue;
          g_ptr_array_index (self->histories, i) = g_steal_pointer (&memo->frames[i].history);
          restored++;
        }
      if (lda_params_equal (&memo->series_params, lda_series_get_params (self->series)) &&
          !lda_history_can_undo (self->series_history) &&
          !lda_history_can_redo (self->series_history))
        {
          lda_history_free (self->series_history);
          self->series_history = g_steal_pointer (&memo->series_history);
        }
      self->clock = MAX (self->clock, memo->clock);
    }

  lda_document_memo_free (memo);

  return restored;
}

void
lda_document_memo_free (LdaDocumentMemo *memo)
{
  if (memo == NULL)
    return;

  for (guint i = 0; i < memo->n_frames; i++)
    lda_history_free (memo->frames[i].history);
  g_free (memo->frames);
  lda_history_free (memo->series_history);
  g_free (memo->folder);
  g_free (memo->series);
  g_free (memo);
}
