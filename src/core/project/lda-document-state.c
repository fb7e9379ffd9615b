/* lda-document-state.c — frame states, damaged corrections and where
 * the person left off
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-document-private.h"
#include "lda-error.h"
#include "lda-key-file.h"
#include "lda-project.h"
#include "lda-project-private.h"

/* A key of @edits' pixels: equal for equal layers, 0 for none. */
static guint64
edits_key (const LdaEdits *edits)
{
  const guint8 *p;
  gsize n, words;
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  if (edits == NULL || lda_edits_count (edits) == 0)
    return 0;

  p = edits->pixels;
  n = (gsize) edits->width * edits->height;
  words = n / 8;
  for (gsize i = 0; i < words; i++)
    {
      guint64 w;

      memcpy (&w, p + 8 * i, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0x100000001b3);
      h ^= h >> 29;
    }
  for (gsize i = 8 * words; i < n; i++)
    h = (h ^ p[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  h ^= ((guint64) edits->width << 32) | edits->height;

  return h | 1;
}

static void
remember_export (LdaDocument *self,
                 guint        frame)
{
  LdaExportedAs *as = &g_array_index (self->exported_as, LdaExportedAs, frame);

  as->set = TRUE;
  as->params = *lda_document_get_params (self, frame);
  as->edits = edits_key (g_ptr_array_index (self->edits, frame));
}

/**
 * lda_document_set_exported:
 * @self: a document
 * @frame: a frame whose corrected mask was exported
 *
 * The frame is exported as it is now: changed, it is edited (or
 * automatic), and changed back — undone — it is exported again.
 */
void
lda_document_set_exported (LdaDocument *self,
                           guint        frame)
{
  g_return_if_fail (LDA_IS_DOCUMENT (self));
  g_return_if_fail (frame < lda_document_get_n_frames (self));

  if (lda_document_is_read_only (self))
    return;

  remember_export (self, frame);
  lda_series_get_frame (self->series, frame)->state = LDA_FRAME_EXPORTED;
  lda_document_mark_unsaved (self, -1);
  lda_document_emit_frame_changed (self, frame);
}

/* Frames saved as exported were exported as they are loaded. */
void
lda_document_remember_exports (LdaDocument *self)
{
  guint n = lda_document_get_n_frames (self);

  g_array_set_size (self->exported_as, n);
  for (guint i = 0; i < n; i++)
    if (lda_series_get_frame (self->series, i)->state == LDA_FRAME_EXPORTED)
      remember_export (self, i);
}

/* The state of a frame whose mask just changed: exported if it is back
 * to what was exported, else edited with corrections, automatic
 * without. */
LdaFrameState
lda_document_state_after_change (LdaDocument *self,
                                 guint        frame)
{
  LdaEdits *edits = g_ptr_array_index (self->edits, frame);
  const LdaExportedAs *as = frame < self->exported_as->len
                            ? &g_array_index (self->exported_as, LdaExportedAs, frame) : NULL;

  if (as != NULL && as->set && lda_params_equal (&as->params, lda_document_get_params (self, frame)) &&
      as->edits == edits_key (edits))
    return LDA_FRAME_EXPORTED;

  return edits != NULL && lda_edits_count (edits) > 0 ? LDA_FRAME_EDITED : LDA_FRAME_AUTOMATIC;
}

/**
 * lda_document_outdate_exports:
 * @self: a document
 * @owner: the frame whose own parameters changed, or -1 for the series'
 *
 * A frame exported whose parameters changed since is exported no more:
 * its mask is not the one exported; and one whose parameters are back
 * to those of its export is exported again.  With the series'
 * parameters, that is every frame without parameters of its own.
 */
void
lda_document_outdate_exports (LdaDocument *self,
                              int          owner)
{
  for (guint i = 0; i < lda_series_get_n_frames (self->series); i++)
    {
      LdaFrame *f = lda_series_get_frame (self->series, i);
      LdaFrameState state;

      if ((owner >= 0 && i != (guint) owner) || (owner < 0 && f->has_override))
        continue;
      if (f->state != LDA_FRAME_EXPORTED &&
          (i >= self->exported_as->len || !g_array_index (self->exported_as, LdaExportedAs, i).set))
        continue;
      state = lda_document_state_after_change (self, i);
      if (state == f->state)
        continue;
      f->state = state;
      lda_document_mark_unsaved (self, -1);
      lda_document_emit_frame_changed (self, i);
    }
}

/**
 * lda_document_get_damage:
 * @self: a document
 *
 * Returns: (transfer none) (element-type LdaDamage): the project files
 *   that were set aside as damaged and that the person has not yet
 *   agreed to go on without
 */
GPtrArray *
lda_document_get_damage (LdaDocument *self)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), NULL);

  return self->damage;
}

/**
 * lda_document_frame_is_damaged:
 * @self: a document
 * @frame: a frame
 *
 * Returns: %TRUE if corrections of the frame were set aside as damaged,
 *   or the series' parameters were (which apply to every frame)
 */
gboolean
lda_document_frame_is_damaged (LdaDocument *self,
                               guint        frame)
{
  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  for (guint i = 0; i < self->damage->len; i++)
    {
      LdaDamage *d = g_ptr_array_index (self->damage, i);

      if (d->frame < 0 || (guint) d->frame == frame)
        return TRUE;
    }

  return FALSE;
}

/**
 * lda_document_acknowledge_damage:
 * @self: a document
 *
 * The person has seen what was set aside and goes on without it: the
 * flags are lifted (and stay lifted, saved with the project), the files
 * set aside stay where they are.
 */
void
lda_document_acknowledge_damage (LdaDocument *self)
{
  g_autoptr(GPtrArray) damage = NULL;

  g_return_if_fail (LDA_IS_DOCUMENT (self));

  if (self->damage->len == 0 || lda_document_is_read_only (self))
    return;

  lda_project_acknowledge_damage (self->extra, self->damage);
  damage = g_steal_pointer (&self->damage);
  self->damage = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_damage_free);
  lda_document_mark_unsaved (self, -1);

  lda_document_emit_damage_changed (self);
  for (guint i = 0; i < damage->len; i++)
    {
      LdaDamage *d = g_ptr_array_index (damage, i);

      if (d->frame >= 0 && (guint) d->frame < lda_document_get_n_frames (self))
        lda_document_emit_frame_changed (self, (guint) d->frame);
    }
}

/* ------------------------------------------------------------- the view */

/**
 * lda_document_get_view:
 * @self: a document
 * @frame: (out): the frame the person was on
 * @zoom: (out): the zoom, 0 for "fit"
 * @center_x: (out): the image column at the view's centre, −1 if not known
 * @center_y: (out): the image row there, −1 if not known
 * @pane: (out) (transfer full): the pane layout, as the window names it
 *
 * Returns: %TRUE if the project remembers where the person left off
 */
gboolean
lda_document_get_view (LdaDocument  *self,
                       guint        *frame,
                       double       *zoom,
                       double       *center_x,
                       double       *center_y,
                       char        **pane)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (LDA_IS_DOCUMENT (self), FALSE);

  title = g_key_file_get_string (self->extra, LDA_PROJECT_VIEW_GROUP, "frame", NULL);
  if (title == NULL)
    return FALSE;

  /* By its title, or by the title a page had in earlier versions. */
  *frame = 0;
  for (guint i = 0; i < lda_document_get_n_frames (self); i++)
    {
      g_autofree char *legacy = lda_project_frame_legacy_title (self->series, i);

      if (g_str_equal (lda_series_get_frame (self->series, i)->title, title))
        {
          *frame = i;
          break;
        }
      if (g_str_equal (legacy, title))
        *frame = i;
    }

  *zoom = g_key_file_get_double (self->extra, LDA_PROJECT_VIEW_GROUP, "zoom", NULL);
  if (!(*zoom > 0.0 && *zoom <= 64.0))
    *zoom = 0.0;
  /* Not known, or not a place in an image: the middle. */
  *center_x = g_key_file_get_double (self->extra, LDA_PROJECT_VIEW_GROUP, "center-x", NULL);
  *center_y = g_key_file_get_double (self->extra, LDA_PROJECT_VIEW_GROUP, "center-y", NULL);
  if (!(*center_x >= 0.0 && *center_x <= G_MAXINT32 && *center_y >= 0.0 &&
        *center_y <= G_MAXINT32) ||
      !g_key_file_has_key (self->extra, LDA_PROJECT_VIEW_GROUP, "center-x", NULL) ||
      !g_key_file_has_key (self->extra, LDA_PROJECT_VIEW_GROUP, "center-y", NULL))
    *center_x = *center_y = -1.0;
  *pane = g_key_file_get_string (self->extra, LDA_PROJECT_VIEW_GROUP, "pane", NULL);
  if (*pane == NULL)
    *pane = g_strdup ("grid");

  return TRUE;
}

/**
 * lda_document_set_view:
 * @self: a document
 * @frame: the frame the person is on
 * @zoom: the zoom, 0 for "fit"
 * @center_x: the image column at the view's centre (a pixel's fraction
 *   is not kept)
 * @center_y: the image row there
 * @pane: the pane layout, as the window names it
 *
 * Remembers where the person is, for the next time the series is opened.
 * Saved with the next save; on its own it does not start one.
 */
void
lda_document_set_view (LdaDocument *self,
                       guint        frame,
                       double       zoom,
                       double       center_x,
                       double       center_y,
                       const char  *pane)
{
  static const char * const keys[] = { "frame", "zoom", "pane", "center-x", "center-y" };
  const char *values[G_N_ELEMENTS (keys)];
  char zoom_text[G_ASCII_DTOSTR_BUF_SIZE];
  char x_text[G_ASCII_DTOSTR_BUF_SIZE], y_text[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean changed = FALSE;

  g_return_if_fail (LDA_IS_DOCUMENT (self));
  g_return_if_fail (frame < lda_document_get_n_frames (self));
  g_return_if_fail (pane != NULL);

  values[0] = lda_series_get_frame (self->series, frame)->title;
  values[1] = lda_ascii_dtostr_short (zoom_text, zoom);
  values[2] = pane;
  /* Whole pixels: a view panned by a fraction is where it was.  A fitted
   * view shows the whole image: its centre is not kept (nor written into
   * a project that has none). */
  values[3] = zoom > 0.0 ? lda_ascii_dtostr_short (x_text, round (MAX (center_x, 0.0))) : NULL;
  values[4] = zoom > 0.0 ? lda_ascii_dtostr_short (y_text, round (MAX (center_y, 0.0))) : NULL;

  /* Only a view that moved makes the project file be written again: a
   * series opened, looked at and closed is left as it was. */
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *old = NULL;

      if (values[k] == NULL)
        continue;
      old = g_key_file_get_value (self->extra, LDA_PROJECT_VIEW_GROUP, keys[k], NULL);

      if (g_strcmp0 (old, values[k]) == 0)
        continue;
      g_key_file_set_value (self->extra, LDA_PROJECT_VIEW_GROUP, keys[k], values[k]);
      changed = TRUE;
    }
  if (changed && !lda_document_is_read_only (self))
    self->unsaved_params = TRUE;
}

