/* lda-export-layout.c — the files of each export layout
 *
 * Besides the plain files (<frame>_labels.tif, counts.csv, the plot),
 * which every layout writes, a layout adds the files a training tool
 * reads, paired by name:
 *
 *   pairs       images/<frame>.tif      bf, hoechst, draq7 as three pages
 *               masks/<frame>.tif       the 5-class mask
 *   nnunet      imagesTr/<frame>_0000.tif, _0001.tif, _0002.tif
 *               labelsTr/<frame>.tif    dataset.json  [splits_final.json]
 *   instances   instances/<frame>_nuclei.tif, <frame>_cells.tif (16 bits)
 *               cellpose/<frame>.tif, <frame>_masks.tif (the cells)
 *
 * and classes.json.  With a validation fraction, pairs and instances put
 * each frame under train/ or val/; nnunet keeps every case in imagesTr/
 * and says which are which in splits_final.json, as nnU-Net v2 reads it.
 * A frame goes to validation by a hash of the seed and its file name, so
 * adding frames never moves the others.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lda-atomic-file.h"
#include "lda-error.h"
#include "lda-export-instances.h"
#include "lda-export-layout.h"
#include "lda-export-split.h"

#define CLASSES_JSON  "classes.json"
#define DATASET_JSON  "dataset.json"
#define SPLITS_JSON   "splits_final.json"

static const char * const layout_names[LDA_N_EXPORT_LAYOUTS] = {
  "plain", "pairs", "nnunet", "instances",
};

/* Names as nnU-Net and classes.json give them, by class value. */
static const char * const class_ids[LDA_N_CLASSES] = {
  "background", "cell_area", "cell_outline", "hoechst_nucleus_live", "draq7_nucleus_dead",
};

static const char * const class_descriptions[LDA_N_CLASSES] = {
  "background", "cell area", "cell outline", "Hoechst nucleus (live)", "Draq7 nucleus (dead)",
};

static const char * const channel_names[LDA_N_INPUTS] = { "bf", "hoechst", "draq7" };

const char *
lda_export_layout_name (LdaExportLayout layout)
{
  g_return_val_if_fail (layout < LDA_N_EXPORT_LAYOUTS, NULL);
  return layout_names[layout];
}

/**
 * lda_export_layout_parse:
 * @name: "plain", "pairs", "nnunet" or "instances"
 * @layout: (out): the layout
 *
 * Returns: %FALSE for any other name
 */
gboolean
lda_export_layout_parse (const char      *name,
                         LdaExportLayout *layout)
{
  for (guint i = 0; i < LDA_N_EXPORT_LAYOUTS; i++)
    if (g_strcmp0 (name, layout_names[i]) == 0)
      {
        *layout = i;
        return TRUE;
      }
  return FALSE;
}

LdaExportLayout
lda_export_options_layout (const LdaExportOptions *options)
{
  if (options->layout == LDA_EXPORT_LAYOUT_PLAIN && options->training_layout)
    return LDA_EXPORT_LAYOUT_PAIRS;
  return options->layout;
}

static gboolean
has_split (const LdaExportOptions *options)
{
  return options->val_fraction > 0;
}

/* Where pairs and instances put a frame: folder, or its train/ or val/. */
static char *
frame_root (const char             *folder,
            const LdaExportOptions *options,
            const char             *stem)
{
  if (!has_split (options) || lda_export_options_layout (options) == LDA_EXPORT_LAYOUT_NNUNET)
    return g_strdup (folder);
  return g_build_filename (folder, lda_export_frame_is_validation (options, stem) ? "val" : "train",
                           NULL);
}

static char *
file_in (const char *root,
         const char *sub,
         const char *stem,
         const char *suffix)
{
  g_autofree char *name = g_strconcat (stem, suffix, NULL);

  return g_build_filename (root, sub, name, NULL);
}

/* The files of one frame under @root, in the order they are written. */
static void
frame_targets_in (GPtrArray              *targets,
                  const char             *root,
                  const LdaExportOptions *options,
                  const char             *stem)
{
  switch (lda_export_options_layout (options))
    {
    case LDA_EXPORT_LAYOUT_PAIRS:
      g_ptr_array_add (targets, file_in (root, "images", stem, ".tif"));
      g_ptr_array_add (targets, file_in (root, "masks", stem, ".tif"));
      break;
    case LDA_EXPORT_LAYOUT_NNUNET:
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        {
          g_autofree char *suffix = g_strdup_printf ("_%04u.tif", i);

          g_ptr_array_add (targets, file_in (root, "imagesTr", stem, suffix));
        }
      g_ptr_array_add (targets, file_in (root, "labelsTr", stem, ".tif"));
      break;
    case LDA_EXPORT_LAYOUT_INSTANCES:
      g_ptr_array_add (targets, file_in (root, "instances", stem, "_nuclei.tif"));
      g_ptr_array_add (targets, file_in (root, "instances", stem, "_cells.tif"));
      g_ptr_array_add (targets, file_in (root, "cellpose", stem, ".tif"));
      g_ptr_array_add (targets, file_in (root, "cellpose", stem, "_masks.tif"));
      break;
    case LDA_EXPORT_LAYOUT_PLAIN:
    case LDA_N_EXPORT_LAYOUTS:
    default:
      break;
    }
}

/* The files of one frame, in the order they are written. */
void
lda_export_layout_frame_targets (GPtrArray              *targets,
                                 const char             *folder,
                                 const LdaExportOptions *options,
                                 const char             *stem)
{
  g_autofree char *root = frame_root (folder, options, stem);

  frame_targets_in (targets, root, options, stem);
}

/**
 * lda_export_layout_check_other_side:
 * @folder: the export folder
 * @options: the export's options
 * @stem: a frame's file name
 * @leaving: (nullable) (element-type filename): files this export
 *   removes (an earlier export's, lda-export-manifest.c): no obstacle
 * @error: return location for an error
 *
 * With a split, refuses a frame whose files an earlier export (with
 * another seed or fraction) put on the other side: replacing the files
 * of this side would leave the frame in both train/ and val/.
 *
 * Returns: %FALSE, with %LDA_ERROR_FAILED naming the file (--overwrite
 *   would not help), when there is such a file
 */
gboolean
lda_export_layout_check_other_side (const char             *folder,
                                    const LdaExportOptions *options,
                                    const char             *stem,
                                    GHashTable             *leaving,
                                    GError                **error)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *other = NULL;

  if (!has_split (options) || lda_export_options_layout (options) == LDA_EXPORT_LAYOUT_NNUNET)
    return TRUE;

  /* The other side's files. */
  other = g_build_filename (folder, lda_export_frame_is_validation (options, stem) ? "train" : "val",
                            NULL);
  frame_targets_in (others, other, options, stem);

  for (guint i = 0; i < others->len; i++)
    {
      const char *path = g_ptr_array_index (others, i);

      if (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK) &&
          (leaving == NULL || !g_hash_table_contains (leaving, path)))
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_FAILED,
                       _("%s: an earlier export put frame “%s” on the other side of the "
                         "split; remove it or export into another folder"), path, stem);
          return FALSE;
        }
    }

  return TRUE;
}

/* The files of the whole export a layout adds, in the order written. */
void
lda_export_layout_summary_targets (GPtrArray              *targets,
                                   const char             *folder,
                                   const LdaExportOptions *options)
{
  LdaExportLayout layout = lda_export_options_layout (options);

  if (layout == LDA_EXPORT_LAYOUT_PLAIN)
    return;
  g_ptr_array_add (targets, g_build_filename (folder, CLASSES_JSON, NULL));
  if (layout == LDA_EXPORT_LAYOUT_NNUNET)
    {
      g_ptr_array_add (targets, g_build_filename (folder, DATASET_JSON, NULL));
      if (has_split (options))
        g_ptr_array_add (targets, g_build_filename (folder, SPLITS_JSON, NULL));
    }
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

/* An input channel as it came: 8-bit data back in 8 bits. */
static LdaImage *
input_as_read (LdaImage  *image,
               gboolean   narrow,
               GError   **error)
{
  LdaImage *out;
  const guint16 *src;
  guint8 *dst;
  gsize n;

  if (image->type != LDA_PIXEL_U16 || !narrow)
    return lda_image_ref (image);

  out = lda_image_new_uninitialized (LDA_PIXEL_U8, image->width, image->height, error);
  if (out == NULL)
    return NULL;

  src = lda_image_u16 (image);
  dst = lda_image_u8 (out);
  n = lda_image_n_pixels (image);
  for (gsize i = 0; i < n; i++)
    dst[i] = (guint8) MIN (src[i], 255);

  return out;
}

static gboolean
all_eight_bit (LdaPipeline *pipeline)
{
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    if (lda_pipeline_get_input (pipeline, i)->source_bits != 8)
      return FALSE;
  return TRUE;
}

/* The three channels as pages of one file: 8 bits when all three came in
 * 8 bits, else 16. */
static gboolean
write_channels (const LdaExportFrame *frame,
                LdaFileSet           *stage,
                const char           *target,
                GError              **error)
{
  LdaImage *pages[LDA_N_INPUTS] = { NULL, };
  gboolean narrow = all_eight_bit (frame->pipeline);
  const char *path = lda_file_set_add (stage, target, error);
  gboolean ok = path != NULL;

  for (guint i = 0; ok && i < LDA_N_INPUTS; i++)
    ok = (pages[i] = input_as_read (lda_pipeline_get_input (frame->pipeline, i), narrow,
                                    error)) != NULL;
  if (ok && !lda_export_tiff_write_pages (path, pages, LDA_N_INPUTS, frame->resolution, error))
    {
      lda_file_set_name_target (stage, error);
      ok = FALSE;
    }

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&pages[i], lda_image_unref);
  return ok;
}

/* One channel in a file of its own: the input byte for byte where every
 * reader takes it as it is, else rewritten uncompressed. */
static gboolean
write_channel (const LdaExportFrame *frame,
               LdaFileSet           *stage,
               LdaInput              input,
               const char           *target,
               GError              **error)
{
  const char *source = frame->triple->paths[input];
  const char *path = lda_file_set_add (stage, target, error);
  g_autoptr(LdaImage) image = NULL;
  LdaImage *source_image;

  if (path == NULL)
    return FALSE;

  if (lda_export_tiff_can_copy (source, frame->page))
    {
      g_autofree char *bytes = NULL;
      g_autoptr(GError) read_error = NULL;
      gsize len = 0;

      if (!g_file_get_contents (source, &bytes, &len, &read_error))
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_READ, _("%s: cannot read: %s"),
                       source, read_error->message);
          return FALSE;
        }
      if (lda_atomic_file_write (path, bytes, len, error))
        return TRUE;
      lda_file_set_name_target (stage, error);
      return FALSE;
    }

  source_image = lda_pipeline_get_input (frame->pipeline, input);
  image = input_as_read (source_image, source_image->source_bits == 8, error);
  if (image == NULL)
    return FALSE;
  if (lda_export_tiff_write_pages (path, &image, 1, frame->resolution, error))
    return TRUE;
  lda_file_set_name_target (stage, error);
  return FALSE;
}

static gboolean
write_mask (const LdaExportFrame *frame,
            LdaFileSet           *stage,
            const char           *target,
            GError              **error)
{
  const char *path = lda_file_set_add (stage, target, error);

  if (path == NULL)
    return FALSE;
  if (lda_export_tiff_write_mask (path, frame->labels, frame->resolution, FALSE, error))
    return TRUE;
  lda_file_set_name_target (stage, error);
  return FALSE;
}

static gboolean
write_instances (const LdaExportFrame *frame,
                 LdaFileSet           *stage,
                 GPtrArray            *targets,
                 GError              **error)
{
  g_autoptr(LdaImage) nuclei = NULL;
  g_autoptr(LdaImage) cells = NULL;
  const LdaImage *which[] = { NULL, NULL, NULL, NULL };
  guint n = 0;

  if (!lda_export_instances (frame->labels, frame->connectivity, frame->cancellable,
                             &nuclei, &cells, &n, error))
    return FALSE;

  /* instances/<frame>_nuclei.tif, _cells.tif, cellpose/<frame>.tif,
   * <frame>_masks.tif: the image is written by write_channels(). */
  which[0] = nuclei;
  which[1] = cells;
  which[3] = cells;
  for (guint i = 0; i < targets->len; i++)
    {
      const char *target = g_ptr_array_index (targets, i);
      const char *path;

      if (i == 2)
        {
          if (!write_channels (frame, stage, target, error))
            return FALSE;
          continue;
        }
      path = lda_file_set_add (stage, target, error);
      if (path == NULL)
        return FALSE;
      if (!lda_export_tiff_write_instances (path, which[i], n, frame->resolution, error))
        {
          lda_file_set_name_target (stage, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Writes the layout's files of one frame (the plain ones are the
 * caller's). */
gboolean
lda_export_layout_write_frame (const LdaExportFrame *frame,
                               LdaFileSet           *stage,
                               GError              **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  lda_export_layout_frame_targets (targets, frame->folder, frame->options, frame->stem);

  switch (lda_export_options_layout (frame->options))
    {
    case LDA_EXPORT_LAYOUT_PAIRS:
      return write_channels (frame, stage, g_ptr_array_index (targets, 0), error) &&
             write_mask (frame, stage, g_ptr_array_index (targets, 1), error);
    case LDA_EXPORT_LAYOUT_NNUNET:
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        if (!write_channel (frame, stage, i, g_ptr_array_index (targets, i), error))
          return FALSE;
      return write_mask (frame, stage, g_ptr_array_index (targets, LDA_N_INPUTS), error);
    case LDA_EXPORT_LAYOUT_INSTANCES:
      return write_instances (frame, stage, targets, error);
    case LDA_EXPORT_LAYOUT_PLAIN:
    case LDA_N_EXPORT_LAYOUTS:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Summaries                                                           */

void
lda_class_stats_add (LdaClassStats  *stats,
                     const LdaImage *labels)
{
  guint64 counts[LDA_N_CLASSES] = { 0, };
  const guint8 *pixels = lda_image_u8 (labels);
  gsize n = lda_image_n_pixels (labels);

  for (gsize i = 0; i < n; i++)
    if (pixels[i] < LDA_N_CLASSES)
      counts[pixels[i]]++;

  for (guint c = 0; c < LDA_N_CLASSES; c++)
    {
      stats->pixels[c] += counts[c];
      if (counts[c] > 0)
        stats->present[c] += n;
    }
  stats->n_frames++;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
append_number (GString *json,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (json, g_ascii_formatd (buffer, sizeof buffer, "%.6f", value));
}

/**
 * lda_export_classes_json:
 * @stats: the pixels of each class over the training frames
 *
 * classes.json: per class its value, name, colour, pixel count, frequency
 * and median-frequency weight.  The frequency of a class is its pixels
 * over the pixels of the frames in which it occurs; its weight the median
 * of the frequencies of the classes that occur, divided by its own (0 for
 * a class that never occurs).
 *
 * Returns: (transfer full): the text, UTF-8, ending in a newline
 */
char *
lda_export_classes_json (const LdaClassStats *stats)
{
  GString *json = g_string_new ("{\n  \"frames\": ");
  double frequency[LDA_N_CLASSES] = { 0, };
  double sorted[LDA_N_CLASSES];
  double median = 0;
  guint n_present = 0;
  guint64 total = 0;

  for (guint c = 0; c < LDA_N_CLASSES; c++)
    {
      total += stats->pixels[c];
      if (stats->present[c] > 0 && stats->pixels[c] > 0)
        {
          frequency[c] = (double) stats->pixels[c] / (double) stats->present[c];
          sorted[n_present++] = frequency[c];
        }
    }
  if (n_present > 0)
    {
      qsort (sorted, n_present, sizeof (double), compare_doubles);
      median = n_present % 2 == 1 ? sorted[n_present / 2]
                                  : (sorted[n_present / 2 - 1] + sorted[n_present / 2]) / 2;
    }

  g_string_append_printf (json, "%u,\n  \"pixels\": %" G_GUINT64_FORMAT ",\n  \"classes\": [\n",
                          stats->n_frames, total);
  for (guint c = 0; c < LDA_N_CLASSES; c++)
    {
      const guint8 *rgb = lda_export_class_rgb[c];

      g_string_append_printf (json,
                              "    {\"value\": %u, \"name\": \"%s\", \"description\": \"%s\", "
                              "\"colour\": \"#%02x%02x%02x\", \"pixels\": %" G_GUINT64_FORMAT
                              ", \"frequency\": ",
                              c, class_ids[c], class_descriptions[c], rgb[0], rgb[1], rgb[2],
                              stats->pixels[c]);
      append_number (json, frequency[c]);
      g_string_append (json, ", \"weight\": ");
      append_number (json, frequency[c] > 0 ? median / frequency[c] : 0.0);
      g_string_append (json, c + 1 < LDA_N_CLASSES ? "},\n" : "}\n");
    }
  g_string_append (json, "  ]\n}\n");

  return g_string_free (json, FALSE);
}

/**
 * lda_export_dataset_json:
 * @n_cases: the cases in imagesTr/
 *
 * nnU-Net v2's dataset.json: channel names, labels by name, the number of
 * training cases and the file ending, with the reader of 2D images named
 * (nnU-Net would otherwise pick a reader of 3D TIFF files).
 *
 * Returns: (transfer full): the text
 */
char *
lda_export_dataset_json (guint n_cases)
{
  GString *json = g_string_new ("{\n  \"channel_names\": {\n");

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_string_append_printf (json, "    \"%u\": \"%s\"%s\n", i, channel_names[i],
                            i + 1 < LDA_N_INPUTS ? "," : "");
  g_string_append (json, "  },\n  \"labels\": {\n");
  for (guint c = 0; c < LDA_N_CLASSES; c++)
    g_string_append_printf (json, "    \"%s\": %u%s\n", class_ids[c], c,
                            c + 1 < LDA_N_CLASSES ? "," : "");
  g_string_append_printf (json,
                          "  },\n  \"numTraining\": %u,\n  \"file_ending\": \".tif\",\n"
                          "  \"overwrite_image_reader_writer\": \"NaturalImage2DIO\",\n"
                          "  \"name\": \"livedead\",\n"
                          "  \"description\": \"Live/dead cell assay: brightfield, Hoechst and "
                          "Draq7; 5-class label masks\"\n}\n",
                          n_cases);

  return g_string_free (json, FALSE);
}

static void
append_names (GString   *json,
              GPtrArray *names)
{
  g_string_append_c (json, '[');
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (json, "%s\"%s\"", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (names, i));
  g_string_append_c (json, ']');
}

/**
 * lda_export_splits_json:
 * @train: (element-type utf8): the training cases
 * @val: (element-type utf8): the validation cases
 *
 * nnU-Net v2's splits_final.json with one fold.  The names are file
 * stems: ASCII letters, digits, '-', '_' and '.', nothing to escape.
 *
 * Returns: (transfer full): the text
 */
char *
lda_export_splits_json (GPtrArray *train,
                        GPtrArray *val)
{
  GString *json = g_string_new ("[\n  {\n    \"train\": ");

  append_names (json, train);
  g_string_append (json, ",\n    \"val\": ");
  append_names (json, val);
  g_string_append (json, "\n  }\n]\n");

  return g_string_free (json, FALSE);
}

static gboolean
stage_text (LdaFileSet  *stage,
            const char  *folder,
            const char  *name,
            const char  *text,
            GError     **error)
{
  g_autofree char *target = g_build_filename (folder, name, NULL);
  const char *path = lda_file_set_add (stage, target, error);

  if (path == NULL)
    return FALSE;
  if (lda_atomic_file_write (path, text, strlen (text), error))
    return TRUE;
  lda_file_set_name_target (stage, error);
  return FALSE;
}

/* Writes lda_export_layout_summary_targets(). */
gboolean
lda_export_layout_write_summary (LdaFileSet             *stage,
                                 const char             *folder,
                                 const LdaExportOptions *options,
                                 const LdaClassStats    *stats,
                                 GPtrArray              *train,
                                 GPtrArray              *val,
                                 GError                **error)
{
  LdaExportLayout layout = lda_export_options_layout (options);
  g_autofree char *classes = NULL;

  if (layout == LDA_EXPORT_LAYOUT_PLAIN)
    return TRUE;

  classes = lda_export_classes_json (stats);
  if (!stage_text (stage, folder, CLASSES_JSON, classes, error))
    return FALSE;

  if (layout == LDA_EXPORT_LAYOUT_NNUNET)
    {
      g_autofree char *dataset = lda_export_dataset_json (train->len + val->len);

      if (!stage_text (stage, folder, DATASET_JSON, dataset, error))
        return FALSE;
      if (has_split (options))
        {
          g_autofree char *splits = lda_export_splits_json (train, val);

          if (!stage_text (stage, folder, SPLITS_JSON, splits, error))
            return FALSE;
        }
    }

  return TRUE;
}
