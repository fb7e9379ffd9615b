/* lda-export.c — label masks, training layout, counts and plot for
 * training a network
 *
 * One export writes, for each chosen frame, the corrected label mask
 * (the automatic segmentation with the person's edits on top), and for the
 * whole export counts.csv and the dead-fraction curve as PNG and SVG.  A
 * training layout (lda-export-layout.c) adds the files training tools
 * read: image and mask pairs, nnU-Net's dataset, instance labels.
 *
 * The window and `livedead export` call the same function, and the files
 * must be the same byte for byte whichever wrote them, on whatever
 * machine: nothing in them depends on the time, the locale or the fonts
 * installed (see lda-plot.c for the plot).
 *
 * Every file is written into a staging folder (lda-file-set.c) and put in
 * place only when all are written, so a cancel or a crash leaves the old
 * files or complete new ones.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-counts-table.h"
#include "lda-export.h"
#include "lda-plot.h"
#include "lda-export-layout.h"
#include "lda-export-manifest.h"
#include "lda-export-split.h"
#include "lda-export-tiff.h"
#include "lda-pipeline.h"
#include "lda-file-set.h"
#include "lda-frame-run.h"
#include "lda-tiff.h"
#include "lda-triples.h"

#define COUNTS_FILE    "counts.csv"
#define PLOT_PNG_FILE  "dead_fraction.png"
#define PLOT_SVG_FILE  "dead_fraction.svg"

/* Long enough for any title people give, short enough that
 * "<stem>_hoechst.tif" stays far below the 255 bytes of a file name. */
#define STEM_MAX 160

/* ------------------------------------------------------------------ */
/* File names                                                          */

/* A frame title as a file name: ASCII letters, digits, '-', '_' and '.'
 * are kept, every run of anything else becomes one '_', and a leading dot
 * (a hidden file) becomes '_'. */
static char *
sanitize_title (const char *title)
{
  GString *stem = g_string_new (NULL);

  for (const char *p = title; *p != '\0' && stem->len < STEM_MAX; p++)
    {
      char c = *p;
      gboolean keep = g_ascii_isalnum (c) || c == '-' || c == '_' ||
                      (c == '.' && stem->len > 0);

      if (keep)
        g_string_append_c (stem, c);
      else if (stem->len == 0 || stem->str[stem->len - 1] != '_')
        g_string_append_c (stem, '_');
    }

  if (stem->len == 0)
    g_string_append (stem, "frame");

  return g_string_free (stem, FALSE);
}

/* The file stem of every frame of @series, by frame index (a page of a
 * multi-page file: NAME_tPPP, as livedead batch names its mask).  Two titles
 * that sanitize to the same stem, or to stems that differ only in case
 * (one file on macOS and Windows), get "-2", "-3", … in frame order.
 * Computed over the whole series, so a frame's files have the same name
 * whichever frames are exported. */
static GPtrArray *
frame_stems (LdaSeries *series)
{
  guint n = lda_series_get_n_frames (series);
  GPtrArray *stems = g_ptr_array_new_full (n, g_free);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      const LdaFrame *frame = lda_series_get_frame (series, i);
      /* A page of a multi-page file is titled NAME_tPPP, as livedead
       * batch names its files. */
      g_autofree char *base = sanitize_title (frame->title);
      char *stem = g_strdup (base);
      char *key = g_ascii_strdown (stem, -1);

      for (guint k = 2; g_hash_table_contains (used, key); k++)
        {
          g_free (stem);
          g_free (key);
          stem = g_strdup_printf ("%s-%u", base, k);
          key = g_ascii_strdown (stem, -1);
        }
      g_hash_table_add (used, key);
      g_ptr_array_add (stems, stem);
    }

  return stems;
}

/* The frames to export in series order, each once. */
static GArray *
select_frames (LdaSeries              *series,
               const LdaExportOptions *options)
{
  guint n = lda_series_get_n_frames (series);
  GArray *selection = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *chosen = g_new0 (gboolean, MAX (n, 1));

  if (options->frames == NULL)
    {
      for (guint i = 0; i < n; i++)
        g_array_append_val (selection, i);
      return selection;
    }

  for (guint k = 0; k < options->n_frames; k++)
    if (options->frames[k] < n)
      chosen[options->frames[k]] = TRUE;

  for (guint i = 0; i < n; i++)
    if (chosen[i])
      g_array_append_val (selection, i);

  return selection;
}

static gboolean
frames_valid (LdaSeries              *series,
              const LdaExportOptions *options)
{
  guint n = lda_series_get_n_frames (series);

  for (guint k = 0; options->frames != NULL && k < options->n_frames; k++)
    if (options->frames[k] >= n)
      return FALSE;

  return TRUE;
}

static char *
labels_path (const char *folder,
             const char *stem)
{
  g_autofree char *name = g_strconcat (stem, "_labels.tif", NULL);

  return g_build_filename (folder, name, NULL);
}

static GPtrArray *
collect_targets (const char             *folder,
                 const LdaExportOptions *options,
                 GPtrArray              *stems,
                 GArray                 *selection)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < selection->len; k++)
    {
      const char *stem = g_ptr_array_index (stems, g_array_index (selection, guint, k));

      g_ptr_array_add (targets, labels_path (folder, stem));
      lda_export_layout_frame_targets (targets, folder, options, stem);
    }

  lda_export_layout_summary_targets (targets, folder, options);
  g_ptr_array_add (targets, g_build_filename (folder, COUNTS_FILE, NULL));
  g_ptr_array_add (targets, g_build_filename (folder, PLOT_PNG_FILE, NULL));
  g_ptr_array_add (targets, g_build_filename (folder, PLOT_SVG_FILE, NULL));
  g_ptr_array_add (targets, lda_export_manifest_path (folder));

  return targets;
}

/**
 * lda_export_targets:
 * @series: the series to export
 * @folder: the folder the export would write into
 * @options: what to export
 *
 * Lists every file lda_export_run() would write with the same arguments,
 * in the order it checks them, so that a caller can ask before replacing
 * any.  Frame titles become file names with every run of characters
 * other than ASCII letters, digits, '-', '_' and '.' replaced by one '_'
 * (and "-2", "-3", … after titles that would share a name); the
 * "frame" column of counts.csv holds the same names; last, the hidden
 * list of them all, for the next export (lda-export-manifest.c).  Frames are
 * exported in the series' order, each once, whatever the order of
 * @options->frames, whose entries must be frames of @series.
 *
 * Returns: (transfer full) (element-type filename): the paths
 */
GPtrArray *
lda_export_targets (LdaSeries              *series,
                    const char             *folder,
                    const LdaExportOptions *options)
{
  g_autoptr(GPtrArray) stems = NULL;
  g_autoptr(GArray) selection = NULL;
  g_autoptr(GHashTable) validation = NULL;
  LdaExportOptions sided;

  g_return_val_if_fail (series != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (frames_valid (series, options), NULL);

  stems = frame_stems (series);
  selection = select_frames (series, options);
  validation = lda_export_split_sides (series, stems, options);
  sided = *options;
  sided.validation = validation;

  return collect_targets (folder, &sided, stems, selection);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

/* Writes the label mask @labels for @target into @stage. */
static gboolean
stage_mask (LdaFileSet              *stage,
            const char              *target,
            const LdaImage          *labels,
            const LdaTiffResolution *resolution,
            GError                 **error)
{
  const char *path = lda_file_set_add (stage, target, error);

  if (path == NULL)
    return FALSE;
  if (lda_export_tiff_write_mask (path, labels, resolution, FALSE, error))
    return TRUE;
  lda_file_set_name_target (stage, error);
  return FALSE;
}

static gboolean
stage_bytes (LdaFileSet     *stage,
             const char     *target,
             const char     *text,
             gsize           len,
             GError        **error)
{
  const char *path = lda_file_set_add (stage, target, error);

  if (path == NULL)
    return FALSE;
  if (lda_atomic_file_write (path, text, len, error))
    return TRUE;
  lda_file_set_name_target (stage, error);
  return FALSE;
}

/* Every file of every frame of @series, %NULL-terminated: no file of the
 * export may replace one of them. */
static GPtrArray *
series_inputs (LdaSeries *series)
{
  GPtrArray *inputs = g_ptr_array_new ();
  const LdaTriple *last = NULL;

  for (guint i = 0; i < lda_series_get_n_frames (series); i++)
    {
      const LdaTriple *triple = lda_series_get_frame (series, i)->triple;

      /* The pages of a triple are frames one after another. */
      if (triple == last)
        continue;
      last = triple;
      for (guint c = 0; c < LDA_N_INPUTS; c++)
        g_ptr_array_add (inputs, triple->paths[c]);
    }
  g_ptr_array_add (inputs, NULL);

  return inputs;
}

/* Segments frame @index, applies @edits and writes the frame's files.
 * On success *@counts holds the counts of the corrected mask. */
/* A blank image (a failed acquisition) gives a mask that says nothing of
 * it, exported all the same: named in @options->notices. */
static void
note_flat_images (const LdaExportOptions *options,
                  LdaPipeline            *pipeline,
                  const LdaTriple        *triple,
                  const char             *stem)
{
  guint value;

  for (guint i = 0; options->notices != NULL && i < LDA_N_INPUTS; i++)
    if (lda_image_is_flat (lda_pipeline_get_input (pipeline, i), &value))
      {
        g_autofree char *name = g_path_get_basename (triple->paths[i]);

        /* Translators: an image file, its one value, the exported frame */
        g_ptr_array_add (options->notices,
                         g_strdup_printf (_("%s has no contrast (every pixel is %u): the mask "
                                            "of %s finds nothing in it"),
                                          name, value, stem));
      }
}

static gboolean
export_frame (LdaSeries       *series,
              guint            index,
              const LdaEdits  *edits,
              const char      *folder,
              const char      *stem,
              const LdaExportOptions *options,
              LdaFileSet        *stage,
              GCancellable    *cancellable,
              LdaClassStats   *stats,
              LdaCounts      **counts,
              GError         **error)
{
  LdaTiffResolution resolution;
  LdaExportFrame layout_frame;
  guint connectivity;
  LdaFrame *frame = lda_series_get_frame (series, index);
  g_autoptr(LdaFrameRun) run = NULL;
  g_autofree char *path = NULL;
  LdaImage *labels;

  run = lda_frame_run (frame->triple, frame->page, frame->title,
                       lda_series_get_frame_params (series, index), edits,
                       LDA_FRAME_RUN_DEFAULT, cancellable, error);
  if (run == NULL)
    return FALSE;
  labels = run->labels;
  note_flat_images (options, run->pipeline, frame->triple, stem);

  /* The calibration of the brightfield image goes with every file. */
  lda_export_tiff_read_resolution (frame->triple->paths[LDA_INPUT_BRIGHTFIELD], frame->page,
                                   &resolution);
  connectivity = lda_params_nucleus_connectivity (lda_pipeline_get_params (run->pipeline));

  path = labels_path (folder, stem);
  if (!stage_mask (stage, path, labels, &resolution, error))
    return FALSE;

  layout_frame = (LdaExportFrame) {
    options, folder, stem, run->pipeline, frame->triple, frame->page, labels, connectivity,
    &resolution, cancellable,
  };
  if (!lda_export_layout_write_frame (&layout_frame, stage, error))
    return FALSE;

  /* classes.json describes what the network trains on. */
  if (!lda_export_frame_is_validation (options, stem))
    lda_class_stats_add (stats, labels);

  /* Counted as the mask shows them, as the window counts them. */
  *counts = g_steal_pointer (&run->counts);
  return TRUE;
}

/* A row of counts.csv (lda-counts-table.c), the same for every writer. */
static LdaCountsRow *
counts_row (LdaSeries       *series,
            guint            index,
            const char      *stem,
            const LdaCounts *counts)
{
  const LdaFrame *frame = lda_series_get_frame (series, index);
  g_autofree char *labels = g_strconcat (stem, "_labels.tif", NULL);
  LdaCountsRow *row = lda_counts_row_new (stem, frame->time_index, frame->time_hours,
                                          frame->pixel_size_um, counts, labels,
                                          lda_series_get_frame_params (series, index));

  lda_counts_row_set_field (row, frame->triple, lda_series_frame_is_page (series, index));
  return row;
}

/* Before any work: no file of the export may be one of its inputs, a
 * frame an earlier export put on the other side of the split would be in
 * both train/ and val/, and nothing is replaced without --overwrite. */
static gboolean
check_targets (LdaFileSet             *stage,
               const char             *folder,
               const LdaExportOptions *options,
               GPtrArray              *targets,
               GPtrArray              *stale,
               GPtrArray              *stems,
               GArray                 *selection,
               GError                **error)
{
  for (guint i = 0; i < targets->len; i++)
    if (!lda_file_set_check_target (stage, g_ptr_array_index (targets, i), error))
      return FALSE;

  /* The other side of an earlier split is no obstacle where its files
   * are those of an earlier export this one removes (lda-export-manifest.c). */
  {
    g_autoptr(GHashTable) leaving = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < stale->len; i++)
      g_hash_table_add (leaving, g_ptr_array_index (stale, i));
    for (guint k = 0; k < selection->len; k++)
      if (!lda_export_layout_check_other_side (folder, options,
                                               g_ptr_array_index (stems, g_array_index (selection, guint, k)),
                                               leaving, error))
        return FALSE;
  }

  if (options->overwrite)
    return TRUE;
  /* Files of an earlier export this one would remove: asked about as the
   * files it would replace are. */
  if (stale->len > 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_EXISTS,
                   _("%s: already holds an earlier export, which this one would replace"),
                   folder);
      return FALSE;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      const char *path = g_ptr_array_index (targets, i);
      GStatBuf st;

      /* lstat: a dangling symbolic link is replaced by the rename too. */
      if (g_lstat (path, &st) == 0)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_EXISTS, _("%s: already exists"), path);
          return FALSE;
        }
    }
  return TRUE;
}

/* Makes @path and its missing parents, adding those it made to @made,
 * outermost first. */
static gboolean
make_folder (const char  *path,
             GPtrArray   *made,
             GError     **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  char *at = g_strdup (path);

  while (!g_file_test (at, G_FILE_TEST_EXISTS))
    {
      char *up = g_path_get_dirname (at);

      g_ptr_array_insert (missing, 0, at);
      if (strcmp (up, at) == 0)
        {
          g_free (up);
          at = NULL;
          break;
        }
      at = up;
    }
  g_free (at);

  if (!lda_atomic_file_make_folder (path, error))
    return FALSE;
  for (guint i = 0; i < missing->len; i++)
    g_ptr_array_add (made, g_steal_pointer (&missing->pdata[i]));
  return TRUE;
}

/* The export's folder and the layout's folders, each once; @made gets
 * those that were not there. */
static gboolean
make_folders (const char  *folder,
              GPtrArray   *targets,
              GPtrArray   *made,
              GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!make_folder (folder, made, error))
    return FALSE;
  for (guint i = 0; i < targets->len; i++)
    {
      char *parent = g_path_get_dirname (g_ptr_array_index (targets, i));

      if (!g_hash_table_add (seen, parent))
        continue;
      if (!make_folder (parent, made, error))
        return FALSE;
    }
  return TRUE;
}

/* After a failed or cancelled export: the folders it made, left empty
 * by the staging folder's removal, go too. */
static void
remove_made_folders (GPtrArray *made)
{
  for (guint i = made->len; i > 0; i--)
    g_rmdir (g_ptr_array_index (made, i - 1));
}

/* What the frames of an export add up to, for the files written last. */
typedef struct
{
  GPtrArray     *rows;   /* of LdaCountsRow */
  GPtrArray     *train;  /* stems, borrowed */
  GPtrArray     *val;
  LdaClassStats  stats;
} ExportTotals;

static void
export_totals_clear (ExportTotals *totals)
{
  g_clear_pointer (&totals->rows, g_ptr_array_unref);
  g_clear_pointer (&totals->train, g_ptr_array_unref);
  g_clear_pointer (&totals->val, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportTotals, export_totals_clear)

/* Segments, corrects and stages every selected frame. */
static gboolean
export_frames (LdaSeries              *series,
               GPtrArray              *edits,
               const char             *folder,
               const LdaExportOptions *options,
               LdaFileSet             *stage,
               GPtrArray              *stems,
               GArray                 *selection,
               ExportTotals           *totals,
               LdaExportProgress       progress,
               gpointer                user_data,
               GCancellable           *cancellable,
               GError                **error)
{
  for (guint k = 0; k < selection->len; k++)
    {
      guint index = g_array_index (selection, guint, k);
      const char *stem = g_ptr_array_index (stems, index);
      const LdaEdits *frame_edits = NULL;
      g_autoptr(LdaCounts) counts = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (edits != NULL && index < edits->len)
        frame_edits = g_ptr_array_index (edits, index);

      if (!export_frame (series, index, frame_edits, folder, stem, options,
                         stage, cancellable, &totals->stats, &counts, error))
        return FALSE;
      g_ptr_array_add (lda_export_frame_is_validation (options, stem) ? totals->val : totals->train,
                       (gpointer) stem);

      lda_series_set_frame_counts (series, index, counts);
      g_ptr_array_add (totals->rows, counts_row (series, index, stem, counts));

      if (progress != NULL)
        progress (k + 1, selection->len, user_data);
    }
  return TRUE;
}

/* Stages the files that sum the frames up: the layout's summary,
 * counts.csv and the dead-fraction plot. */
static gboolean
write_summaries (LdaSeries              *series,
                 const char             *folder,
                 const LdaExportOptions *options,
                 LdaFileSet             *stage,
                 GArray                 *selection,
                 ExportTotals           *totals,
                 GError                **error)
{
  g_autofree char *csv = NULL;
  g_autofree char *counts_path = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *svg_path = NULL;
  const char *staged_png;
  const char *staged_svg;

  if (!lda_export_layout_write_summary (stage, folder, options, &totals->stats, totals->train,
                                        totals->val, error))
    return FALSE;

  counts_path = g_build_filename (folder, COUNTS_FILE, NULL);
  csv = lda_counts_table_csv (totals->rows);
  if (!stage_bytes (stage, counts_path, csv, strlen (csv), error))
    return FALSE;
  if (options->counts_rows != NULL)
    for (guint i = 0; i < totals->rows->len; i++)
      g_ptr_array_add (options->counts_rows, g_steal_pointer (&totals->rows->pdata[i]));

  png_path = g_build_filename (folder, PLOT_PNG_FILE, NULL);
  svg_path = g_build_filename (folder, PLOT_SVG_FILE, NULL);
  staged_png = lda_file_set_add (stage, png_path, error);
  staged_svg = staged_png != NULL ? lda_file_set_add (stage, svg_path, error) : NULL;
  if (staged_svg == NULL)
    return FALSE;
  if (!lda_plot_write (series, (const guint *) (gpointer) selection->data, selection->len,
                       staged_png, staged_svg, error))
    {
      lda_file_set_name_target (stage, error);
      return FALSE;
    }
  return TRUE;
}

/* The earlier export's files this one would remove
 * (lda_export_manifest_stale()), never one of the inputs, whatever the
 * list says: an image may have been put where an export once wrote. */
static GPtrArray *
stale_files (LdaFileSet *set,
             const char *folder,
             GPtrArray  *targets)
{
  GPtrArray *stale = lda_export_manifest_stale (folder, targets);

  for (guint i = stale->len; i > 0; i--)
    if (!lda_file_set_check_target (set, g_ptr_array_index (stale, i - 1), NULL))
      g_ptr_array_remove_index (stale, i - 1);

  return stale;
}

/* An input, which is never removed (LdaExportManifestKeep). */
static gboolean
is_input (const char *path,
          gpointer    set)
{
  return !lda_file_set_check_target (set, path, NULL);
}

/* The list of the files written, and of those of an earlier export still
 * to be removed, for the next export into @folder. */
static gboolean
stage_manifest (LdaFileSet *stage,
                const char *folder,
                GPtrArray  *targets,
                GPtrArray  *stale,
                GError    **error)
{
  g_autofree char *path = lda_export_manifest_path (folder);
  g_autofree char *text = lda_export_manifest_text (folder, targets, stale, stage);

  return stage_bytes (stage, path, text, strlen (text), error);
}

/**
 * lda_export_stale_files:
 * @series: the series to export
 * @folder: the folder the export would write into
 * @options: what to export
 *
 * The files an earlier export wrote into @folder that this one would not
 * write again (lda-export-manifest.c): lda_export_run() removes them once
 * its own files are in place, when @options->overwrite, and fails with
 * %LDA_ERROR_EXISTS without it, so that a caller can ask first.
 *
 * Returns: (transfer full) (element-type filename): the paths
 */
GPtrArray *
lda_export_stale_files (LdaSeries              *series,
                        const char             *folder,
                        const LdaExportOptions *options)
{
  g_autoptr(GPtrArray) targets = lda_export_targets (series, folder, options);
  g_autoptr(GPtrArray) inputs = series_inputs (series);
  g_autoptr(LdaFileSet) set = lda_file_set_new (folder, (const char * const *) inputs->pdata);

  return stale_files (set, folder, targets);
}

/**
 * lda_export_run:
 * @series: the series to export
 * @edits: (nullable) (element-type LdaEdits): the edit layer of each frame
 *   by frame index, an element %NULL for a frame without edits; %NULL when
 *   no frame has any
 * @folder: where to write; created if missing
 * @options: what to export
 * @progress: (nullable) (scope call): called after each frame
 * @user_data: closure for @progress
 * @cancellable: (nullable): checked between frames (and within a frame's
 *   segmentation)
 * @error: return location for an error
 *
 * For each chosen frame: segments it with its parameters
 * (lda_series_get_frame_params()), puts its edits on top and writes the
 * corrected mask as "<title>_labels.tif", 8-bit, values 0–4, with the
 * class colours as its LUT (lda-export-tiff.c), and the files of
 * @options->layout (lda-export-layout.c).  Then counts.csv
 * (one row per exported frame, counted on the corrected mask) and the
 * dead-fraction plot dead_fraction.png and dead_fraction.svg.  The counts
 * are stored in the series' frames (lda_series_set_frame_counts()), so the
 * series must not be read from another thread meanwhile.
 *
 * A file of lda_export_targets() that is one of the series' images
 * (whatever its name: a hard or symbolic link counts) fails the export
 * with %LDA_ERROR_IS_INPUT before anything is written.  Without
 * @options->overwrite, if any of them exists the export fails with
 * %LDA_ERROR_EXISTS, naming the first one, before anything is written.
 *
 * The export is all or nothing: every file is written into a staging
 * folder and put in place only when all are written (lda-file-set.c).
 * On cancellation (%G_IO_ERROR_CANCELLED) or failure the folder is left
 * as it was.  The output depends on the inputs only: the same series,
 * edits and options give the same bytes.
 *
 * Returns: %TRUE on success
 */
gboolean
lda_export_run (LdaSeries              *series,
                GPtrArray              *edits,
                const char             *folder,
                const LdaExportOptions *options,
                LdaExportProgress       progress,
                gpointer                user_data,
                GCancellable           *cancellable,
                GError                **error)
{
  g_autoptr(GPtrArray) stems = NULL;
  g_autoptr(GArray) selection = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(LdaFileSet) stage = NULL;
  g_autoptr(GHashTable) validation = NULL;
  LdaExportOptions sided;
  g_auto(ExportTotals) totals = {
    g_ptr_array_new_with_free_func ((GDestroyNotify) lda_counts_row_free),
    g_ptr_array_new (), g_ptr_array_new (), { { 0, }, },
  };

  g_return_val_if_fail (series != NULL, FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (frames_valid (series, options), FALSE);
  g_return_val_if_fail (options->layout < LDA_N_EXPORT_LAYOUTS, FALSE);
  g_return_val_if_fail (options->val_fraction >= 0 && options->val_fraction <= 1, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Before any frame is written: the plot comes last. */
  if (!lda_plot_check_support (error) || !lda_export_check_split (series, options, error))
    return FALSE;

  stems = frame_stems (series);
  validation = lda_export_split_sides (series, stems, options);
  sided = *options;
  sided.validation = validation;
  options = &sided;
  selection = select_frames (series, options);
  targets = collect_targets (folder, options, stems, selection);
  inputs = series_inputs (series);
  stage = lda_file_set_new (folder, (const char * const *) inputs->pdata);
  stale = stale_files (stage, folder, targets);
  made = g_ptr_array_new_with_free_func (g_free);

  if (!check_targets (stage, folder, options, targets, stale, stems, selection, error))
    return FALSE;
  if (!make_folders (folder, targets, made, error) ||
      !export_frames (series, edits, folder, options, stage, stems, selection, &totals,
                      progress, user_data, cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !write_summaries (series, folder, options, stage, selection, &totals, error) ||
      !stage_manifest (stage, folder, targets, stale, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !lda_file_set_commit (stage, error))
    {
      g_clear_pointer (&stage, lda_file_set_free);
      remove_made_folders (made);
      return FALSE;
    }

  /* The earlier export's files this one did not replace: listed until
   * they are gone, so that a crash now leaves them to the next export;
   * then the list says what is left. */
  if (stale->len > 0)
    {
      g_autoptr(GPtrArray) left = lda_export_manifest_remove (folder, stale, is_input, stage);
      g_autofree char *path = lda_export_manifest_path (folder);
      g_autofree char *text = lda_export_manifest_text (folder, targets, left, NULL);

      lda_atomic_file_write (path, text, strlen (text), NULL);
    }
  return TRUE;
}
