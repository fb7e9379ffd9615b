/* lda-cli-output.c — a set of output files that appears all at once
 *
 * The files of one result (labels.tif, and with --stages the stage images
 * and thresholds.json) are written into a hidden staging folder inside
 * the output folder, then renamed into place one by one.  A failure while
 * writing leaves the output folder as it was: no partial result, no
 * temporary file.  A folder the command created for nothing is removed.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lda-cli-output.h"
#include "lda-error.h"
#include "lda-tiff.h"

struct _LdaOutput
{
  char      *folder;
  char      *staging;
  GPtrArray *names;
  gboolean   created_folder;
  gboolean   committed;
};

/**
 * lda_output_begin:
 * @folder: the output folder; created with its parents if missing
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an empty output set
 */
LdaOutput *
lda_output_begin (const char *folder,
                  GError    **error)
{
  g_autoptr(LdaOutput) self = g_new0 (LdaOutput, 1);
  g_autofree char *template = NULL;

  self->folder = g_strdup (folder);
  self->names = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (folder, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (folder, 0777) != 0)
        {
          int saved = errno;

          g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot create folder: %s"),
                       folder, g_strerror (saved));
          return NULL;
        }
      self->created_folder = TRUE;
    }
  else if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: exists and is not a folder"), folder);
      return NULL;
    }

  template = g_build_filename (folder, ".livedead-XXXXXX", NULL);
  if (g_mkdtemp_full (template, 0777) == NULL)
    {
      int saved = errno;

      g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write into folder: %s"),
                   folder, g_strerror (saved));
      return NULL;
    }
  self->staging = g_steal_pointer (&template);

  return g_steal_pointer (&self);
}

static void
report_with_target (LdaOutput  *self,
                    const char *name,
                    GError     *local_error,
                    GError    **error)
{
  g_autofree char *target = g_build_filename (self->folder, name, NULL);
  const char *reason = local_error->message;
  const char *colon = g_strrstr (reason, ": ");

  /* The writer names the staging file; name the real target instead. */
  g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
               target, colon != NULL ? colon + 2 : reason);
}

gboolean
lda_output_add_tiff (LdaOutput      *self,
                     const char     *name,
                     const LdaImage *image,
                     GError        **error)
{
  g_autofree char *path = g_build_filename (self->staging, name, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!lda_tiff_write (path, image, &local_error))
    {
      report_with_target (self, name, local_error, error);
      return FALSE;
    }

  g_ptr_array_add (self->names, g_strdup (name));
  return TRUE;
}

gboolean
lda_output_add_text (LdaOutput  *self,
                     const char *name,
                     const char *text,
                     GError    **error)
{
  g_autofree char *path = g_build_filename (self->staging, name, NULL);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0666, &local_error))
    {
      report_with_target (self, name, local_error, error);
      return FALSE;
    }

  g_ptr_array_add (self->names, g_strdup (name));
  return TRUE;
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
  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);
      g_autofree char *from = g_build_filename (self->staging, name, NULL);
      g_autofree char *to = g_build_filename (self->folder, name, NULL);

      if (g_rename (from, to) != 0)
        {
          int saved = errno;

          g_set_error (error, LDA_ERROR, LDA_ERROR_WRITE, _("%s: cannot write: %s"),
                       to, g_strerror (saved));
          return FALSE;
        }
    }

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

  if (self->staging != NULL)
    {
      for (guint i = 0; i < self->names->len; i++)
        {
          g_autofree char *path = g_build_filename (self->staging,
                                                    g_ptr_array_index (self->names, i), NULL);

          g_unlink (path);
        }
      g_rmdir (self->staging);
    }

  if (self->created_folder && !self->committed)
    g_rmdir (self->folder);

  g_free (self->folder);
  g_free (self->staging);
  g_ptr_array_unref (self->names);
  g_free (self);
}
