/* lda-cli-output.c — a set of output files that appears all at once
 *
 * The files of one result (labels.tif, and with --stages the stage images
 * and thresholds.json) are written into a stage (lda-file-set.c) inside the
 * output folder, then renamed into place.  A failure while writing leaves
 * the output folder as it was: no partial result, no temporary file.  A
 * folder the command created for nothing is removed.
 *
 * A file already there under the name of an output is replaced only when
 * it is an automatic result of livedead segment or batch, or when
 * --overwrite says so: a person's own labels.tif or counts.csv in the
 * folder, or the corrected masks and counts of an export (TITLE_labels.tif,
 * as batch names its masks), are never lost to a run pointed at the wrong
 * folder.  A TIFF says it is one in its Software tag (LDA_TIFF_AUTOMATIC).
 * A text file (counts.csv, thresholds.json) cannot: it is one when it
 * begins as these commands write it and is still, byte for byte, the file
 * they wrote, as the record they leave beside it says (".livedead-result-counts.csv",
 * its size and a hash of its bytes).  A counts.csv opened in a spreadsheet
 * and saved, its header kept, is a person's file then, and stays.  Each
 * name is checked when its file is added and again just before the set
 * is renamed into place.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-cli-output.h"
#include "lda-error.h"
#include "lda-export-tiff.h"
#include "lda-file-read.h"
#include "lda-file-set.h"
#include "lda-tiff.h"
#include "lda-tiff-meta.h"

struct _LdaOutput
{
  char       *folder;
  LdaFileSet *stage;
  GPtrArray  *names;       /* the names added, checked again at the commit */
  GPtrArray  *signatures;  /* per name: its text files' signature, or %NULL */
  gboolean    overwrite;
  gboolean    created_folder;
  gboolean    committed;
};

/* Whether the text file @path begins with @signature. */
static gboolean
text_begins_with (const char *path,
                  const char *signature)
{
  const gsize n = strlen (signature);
  g_autofree char *head = g_malloc (n);
  FILE *file = g_fopen (path, "rb");
  gboolean same;

  if (file == NULL)
    return FALSE;
  same = fread (head, 1, n, file) == n && memcmp (head, signature, n) == 0;
  fclose (file);

  return same;
}

/* Where the record of text file @name of @folder is kept: beside it,
 * hidden. */
static char *
record_path (const char *folder,
             const char *name)
{
  g_autofree char *hidden = g_strconcat (LDA_OUTPUT_RECORD_PREFIX, name, NULL);

  return g_build_filename (folder, hidden, NULL);
}

/* Whether @target, file @name of @folder, is the file its record says
 * was written there. */
static gboolean
as_recorded (const char *folder,
             const char *name,
             const char *target)
{
  g_autofree char *record = record_path (folder, name);
  g_autoptr(GBytes) bytes = lda_file_read (record, 4096, LDA_READ_NO_FOLLOW, 0, NULL);
  g_autofree char *now = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gconstpointer data;
  gsize n;

  if (bytes == NULL || (now = lda_file_fingerprint (target)) == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &n);
  text = g_strndup (data, n);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strcmp (lines[i], now) == 0)
      return TRUE;

  return FALSE;
}

/* Leaves the record of text file @name of @folder, as it is now.  Without
 * it the file is taken for a person's at the next run, which asks for
 * --overwrite: a warning, not a failure. */
static void
write_record (const char *folder,
              const char *name)
{
  g_autofree char *target = g_build_filename (folder, name, NULL);
  g_autofree char *record = record_path (folder, name);
  g_autofree char *print = lda_file_fingerprint (target);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (print == NULL)
    return;
  text = g_strdup_printf ("# %s as livedead wrote it: its size and a hash of its bytes. "
                          "While it is unchanged, livedead segment and batch replace it.\n%s\n",
                          name, print);
  if (!lda_atomic_file_write (record, text, strlen (text), &error))
    g_printerr ("livedead: %s\n", error->message);
}

/**
 * lda_output_check:
 * @folder: an output folder
 * @name: the name of a file to write into it
 * @signature: (nullable): what each text file of that name that livedead
 *   segment or batch writes begins with; %NULL for a TIFF
 * @overwrite: whether any file may be replaced
 * @error: return location for an error
 *
 * Whether @name may be written into @folder: it is not there, or
 * @overwrite, or what is there is an automatic result of livedead segment
 * or batch.
 *
 * Returns: %FALSE with %LDA_ERROR_EXISTS if another file would be
 *   replaced, or with the reason if what is there cannot be looked at
 */
gboolean
lda_output_check (const char  *folder,
                  const char  *name,
                  const char  *signature,
                  gboolean     overwrite,
                  GError     **error)
{
  g_autofree char *target = g_build_filename (folder, name, NULL);
  g_auto(LdaTiffMeta) meta = { 0, };
  GStatBuf st;
  gboolean ours;

  if (g_lstat (target, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        return TRUE;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", target,
                   g_strerror (saved));
      return FALSE;
    }
  if (overwrite)
    return TRUE;

  if (!S_ISREG (st.st_mode))
    ours = FALSE;
  else if (signature != NULL)
    ours = text_begins_with (target, signature) && as_recorded (folder, name, target);
  else
    ours = lda_tiff_read_meta (target, &meta, NULL) && meta.automatic;
  /* A result someone made read-only (or another user's that we may not
   * write) is kept as a person's file is. */
  if (ours && access (target, W_OK) != 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_EXISTS,
                   _("%s: already there, a result of livedead but read-only; write into "
                     "another folder, or add --overwrite to replace it"), target);
      return FALSE;
    }
  if (ours)
    return TRUE;

  g_set_error (error, LDA_ERROR, LDA_ERROR_EXISTS,
               _("%s: already there, and not written by livedead segment or batch; write into "
                 "another folder, or add --overwrite to replace it"), target);
  return FALSE;
}

/* Checks @name and stages it; returns the staged path. */
static const char *
add_name (LdaOutput   *self,
          const char  *name,
          const char  *signature,
          GError     **error)
{
  g_autofree char *target = g_build_filename (self->folder, name, NULL);
  const char *path;

  /* An input is refused first, as such. */
  if (!(path = lda_file_set_add (self->stage, target, error)) ||
      !lda_output_check (self->folder, name, signature, self->overwrite, error))
    return NULL;
  g_ptr_array_add (self->names, g_strdup (name));
  g_ptr_array_add (self->signatures, (gpointer) signature);

  return path;
}

/**
 * lda_output_begin:
 * @folder: the output folder; created with its parents if missing
 * @inputs: (array zero-terminated=1): the files the result is made from;
 *   none of them is ever replaced
 * @overwrite: whether files this program did not write may be replaced
 *   (lda_output_check())
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an empty output set
 */
LdaOutput *
lda_output_begin (const char         *folder,
                  const char * const *inputs,
                  gboolean            overwrite,
                  GError            **error)
{
  g_autoptr(LdaOutput) self = g_new0 (LdaOutput, 1);

  self->folder = g_strdup (folder);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->signatures = g_ptr_array_new ();
  self->overwrite = overwrite;

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
  const char *path = add_name (self, name, NULL, error);

  if (path == NULL)
    return FALSE;
  if (lda_tiff_write (path, image, error))
    return TRUE;
  lda_file_set_name_target (self->stage, error);
  return FALSE;
}

/**
 * lda_output_add_mask:
 * @self: an output set
 * @name: the file's name in the output folder
 * @labels: a 5-class label mask
 * @source: the image @labels was made from, whose calibration it takes
 * @page: the time point of @source
 * @error: return location for an error
 *
 * Adds @labels as the export writes masks (lda-export-tiff.c): with the
 * class colours as its palette, the display range 0–4 for ImageJ, and
 * @source's resolution.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_output_add_mask (LdaOutput      *self,
                     const char     *name,
                     const LdaImage *labels,
                     const char     *source,
                     guint           page,
                     GError        **error)
{
  LdaTiffResolution resolution = { FALSE, };
  const char *path = add_name (self, name, NULL, error);

  if (path == NULL)
    return FALSE;
  lda_export_tiff_read_resolution (source, page, &resolution);
  if (lda_export_tiff_write_mask (path, labels, &resolution, TRUE, error))
    return TRUE;
  lda_file_set_name_target (self->stage, error);
  return FALSE;
}

/**
 * lda_output_add_text:
 * @self: an output set
 * @name: the file's name in the output folder
 * @text: its contents
 * @signature: (not nullable): what every file of that name livedead
 *   segment or batch writes begins with, @text too: a file there already
 *   is replaced only if it does too (lda_output_check())
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lda_output_add_text (LdaOutput  *self,
                     const char *name,
                     const char *text,
                     const char *signature,
                     GError    **error)
{
  const char *path;

  g_assert (g_str_has_prefix (text, signature));

  if (!(path = add_name (self, name, signature, error)))
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
  /* What appeared since the files were added is not replaced either. */
  for (guint i = 0; i < self->names->len; i++)
    if (!lda_output_check (self->folder, g_ptr_array_index (self->names, i),
                           g_ptr_array_index (self->signatures, i), self->overwrite, error))
      return FALSE;
  if (!lda_file_set_commit (self->stage, error))
    return FALSE;
  for (guint i = 0; i < self->names->len; i++)
    if (g_ptr_array_index (self->signatures, i) != NULL)
      write_record (self->folder, g_ptr_array_index (self->names, i));

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
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->signatures, g_ptr_array_unref);
  if (self->created_folder && !self->committed)
    g_rmdir (self->folder);

  g_free (self->folder);
  g_free (self);
}
