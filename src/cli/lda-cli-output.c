/* lda-cli-output.c — a set of output files that appears all at once
 *
 * The files of one result (labels.tif, and with --stages the stage images
 * and thresholds.json) are written into a stage (lda-file-set.c) inside the
 * output folder, then renamed into place.  A failure while writing leaves
 * the output folder as it was: no partial result, no temporary file.  A
 * folder the command created for nothing is removed.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-cli-output.h"
#include "lda-error.h"
#include "lda-file-set.h"
#include "lda-tiff.h"

struct _LdaOutput
{
  char     *folder;
  LdaFileSet *stage;
  gboolean  created_folder;
  gboolean  committed;
};

/**
 * lda_output_begin:
 * @folder: the output folder; created with its parents if missing
 * @inputs: (array zero-terminated=1): the files the result is made from;
 *   none of them is ever replaced
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an empty output set
 */
LdaOutput *
lda_output_begin (const char         *folder,
                  const char * const *inputs,
                  GError            **error)
{
  g_autoptr(LdaOutput) self = g_new0 (LdaOutput, 1);

  self->folder = g_strdup (folder);

  self->created_folder = !g_file_test (folder, G_FILE_TEST_EXISTS);
  if (!lda_atomic_file_make_folder (folder, error))
    return NULL;

  self->stage = lda_file_set_new (folder, inputs);
  return g_steal_pointer (&self);
}

gboolean
lda_output_add_tiff (LdaOutput      *self,
                     const char     *name,
                     const LdaImage *image,
                     GError        **error)
{
  g_autofree char *target = g_build_filename (self->folder, name, NULL);
  const char *path = lda_file_set_add (self->stage, target, error);

  if (path == NULL)
    return FALSE;
  if (lda_tiff_write (path, image, error))
    return TRUE;
  lda_file_set_name_target (self->stage, error);
  return FALSE;
}

gboolean
lda_output_add_text (LdaOutput  *self,
                     const char *name,
                     const char *text,
                     GError    **error)
{
  g_autofree char *target = g_build_filename (self->folder, name, NULL);
  const char *path = lda_file_set_add (self->stage, target, error);

  if (path == NULL)
    return FALSE;
  if (lda_atomic_file_write (path, text, strlen (text), error))
    return TRUE;
  lda_file_set_name_target (self->stage, error);
  return FALSE;
}

/**
 * lda_output_commit:
 * @self: an output set
 * @error: return location for an error
 *
 * Moves every staged file into the output folder, replacing older files of
 * the same names.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_output_commit (LdaOutput *self,
                   GError   **error)
{
  if (!lda_file_set_commit (self->stage, error))
    return FALSE;

  self->committed = TRUE;
  return TRUE;
}

/**
 * lda_output_free:
 * @self: an output set
 *
 * Removes the staging folder and whatever was not committed; removes the
 * output folder too if this set created it and nothing was committed.
 */
void
lda_output_free (LdaOutput *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->stage, lda_file_set_free);
  if (self->created_folder && !self->committed)
    g_rmdir (self->folder);

  g_free (self->folder);
  g_free (self);
}
