/* test-export.c — lda_export_run(), lda_export_targets() and
 * lda_plot_write() on small synthetic series
 *
 * Every input is written here into a temporary folder: three time points
 * of a 96 × 64 field with three cells, more of them dead at each step, the
 * last time point in 8 bits.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "lda-edits.h"
#include "lda-error.h"
#include "lda-export.h"
#include "lda-export-manifest.h"
#include "lda-plot.h"
#include "lda-pipeline.h"
#include "lda-test-lib.h"
#include "lda-tiff.h"
#include "lda-triples.h"

#define WIDTH    96
#define HEIGHT   64
#define N_TIMES  3
#define CSV_HEADER "frame,time_index,time_h,cells,live,dead,dead_fraction," \
                   "mean_cell_area_px,mean_cell_area_um2,labels,params,field"

static const char classes_expected[] =
  "\"value\": 4, \"name\": \"draq7_nucleus_dead\", \"description\": \"Draq7 nucleus (dead)\"";

static const char * const tags[LDA_N_INPUTS] = { "bf", "hoechst", "draq7" };

/* ------------------------------------------------------------ fixtures */

/* Channel @input of time point @t: cell i is dead when i < t.  Brightfield
 * is flat with a strongly textured disc per cell, the nuclear channels
 * dark with a bright nucleus per live (Hoechst) or dead (Draq7) cell. */
static LdaImage *
render (guint    t,
        LdaInput input,
        gboolean eight_bit)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17 * t + input);
  g_autoptr(GError) error = NULL;
  LdaImage *image = lda_image_new (eight_bit ? LDA_PIXEL_U8 : LDA_PIXEL_U16,
                                   WIDTH, HEIGHT, &error);

  g_assert_no_error (error);

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        guint value = input == LDA_INPUT_BRIGHTFIELD ? 2000 + g_rand_int_range (rand, 0, 8)
                                                     : 100 + g_rand_int_range (rand, 0, 40);

        for (guint i = 0; i < 3; i++)
          {
            int dx = (int) x - (16 + 32 * (int) i);
            int dy = (int) y - 32;
            int d2 = dx * dx + dy * dy;
            gboolean dead = i < t;

            if (input == LDA_INPUT_BRIGHTFIELD && d2 <= 12 * 12)
              value = 2000 + g_rand_int_range (rand, 0, 1500);
            else if (d2 <= 5 * 5 &&
                     ((input == LDA_INPUT_HOECHST && !dead) || (input == LDA_INPUT_DRAQ7 && dead)))
              value = 3000 + g_rand_int_range (rand, 0, 500);
          }

        if (eight_bit)
          lda_image_u8 (image)[y * WIDTH + x] = (guint8) (value / 16);
        else
          lda_image_u16 (image)[y * WIDTH + x] = (guint16) value;
      }

  return image;
}

static void
write_triple (const char *folder,
              const char *name,
              guint       t,
              gboolean    eight_bit)
{
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, tags[i]);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autoptr(LdaImage) image = render (t, i, eight_bit);
      g_autoptr(GError) error = NULL;

      lda_tiff_write (path, image, &error);
      g_assert_no_error (error);
    }
}

/* A series of three time points, A1_t00 … A1_t02 (the last in 8 bits),
 * with edits on frames 0 and 2. */
typedef struct
{
  char      *root;
  char      *input;
  LdaSeries *series;
  GPtrArray *edits;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits;
  LdaRect dirty = { 0, };

  fixture->root = lda_test_tmp_dir ("lda-export");
  fixture->input = g_build_filename (fixture->root, "in", NULL);
  g_assert_cmpint (g_mkdir (fixture->input, 0777), ==, 0);

  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autofree char *name = g_strdup_printf ("A1_t%02u", t);

      write_triple (fixture->input, name, t, t == N_TIMES - 1);
    }

  fixture->series = lda_series_new_from_folder (fixture->input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (fixture->series), ==, N_TIMES);

  fixture->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_edits_free);

  /* Frame 0: a dead nucleus painted on background, and the middle cell's
   * nucleus erased. */
  edits = lda_edits_new (WIDTH, HEIGHT, &error);
  g_assert_no_error (error);
  lda_edits_dab (edits, 8, 8, 3, LDA_CLASS_DRAQ7, &dirty);
  lda_edits_dab (edits, 48, 32, 6, LDA_CLASS_CELL, &dirty);
  g_ptr_array_add (fixture->edits, edits);

  g_ptr_array_add (fixture->edits, NULL);

  /* Frame 2: a live nucleus in the corner. */
  edits = lda_edits_new (WIDTH, HEIGHT, &error);
  g_assert_no_error (error);
  lda_edits_dab (edits, 88, 56, 4, LDA_CLASS_HOECHST, &dirty);
  g_ptr_array_add (fixture->edits, edits);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lda_test_remove_tree (fixture->root);
  g_free (fixture->root);
  g_free (fixture->input);
  g_clear_pointer (&fixture->series, lda_series_free);
  g_clear_pointer (&fixture->edits, g_ptr_array_unref);
}

static char *
out_folder (Fixture    *fixture,
            const char *name)
{
  return g_build_filename (fixture->root, name, NULL);
}

/* ------------------------------------------------------------ helpers */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The targets, relative to @folder, sorted, as one string. */
static char *
targets_text (LdaSeries              *series,
              const char             *folder,
              const LdaExportOptions *options)
{
  g_autoptr(GPtrArray) targets = lda_export_targets (series, folder, options);
  g_autoptr(GPtrArray) relative = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < targets->len; i++)
    {
      const char *path = g_ptr_array_index (targets, i);

      g_assert_true (g_str_has_prefix (path, folder));
      g_ptr_array_add (relative, g_strdup (path + strlen (folder) + 1));
    }
  g_ptr_array_sort (relative, compare_strings);
  g_ptr_array_add (relative, NULL);

  return g_strjoinv (" ", (char **) relative->pdata);
}

static char *
read_text (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* What the export must write for frame @index: the pipeline's labels with
 * the frame's edits on top. */
static LdaImage *
expected_labels (Fixture *fixture,
                 guint    index,
                 gboolean with_edits)
{
  LdaFrame *frame = lda_series_get_frame (fixture->series, index);
  LdaImage *images[LDA_N_INPUTS] = { NULL, };
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  const LdaEdits *edits = g_ptr_array_index (fixture->edits, index);
  LdaImage *merged;

  lda_triple_load (frame->triple, frame->page, images, &error);
  g_assert_no_error (error);
  pipeline = lda_pipeline_new (images[0], images[1], images[2], &error);
  g_assert_no_error (error);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_image_unref (images[i]);
  lda_pipeline_set_params (pipeline, lda_series_get_frame_params (fixture->series, index), &error);
  g_assert_no_error (error);
  lda_pipeline_run (pipeline, NULL, &error);
  g_assert_no_error (error);

  if (!with_edits || edits == NULL)
    return lda_image_ref (lda_pipeline_get_labels (pipeline));

  merged = lda_edits_merge (edits, lda_pipeline_get_labels (pipeline), &error);
  g_assert_no_error (error);
  return merged;
}

/* @path is an 8-bit mask equal to @expected. */
static void
assert_labels_file (const char     *path,
                    const LdaImage *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = lda_tiff_read (path, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (labels);
  g_assert_cmpuint (labels->source_bits, ==, 8);
  g_assert_cmpuint (labels->width, ==, WIDTH);
  g_assert_cmpuint (labels->height, ==, HEIGHT);

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        guint v = lda_image_get (labels, x, y);

        g_assert_cmpuint (v, <, LDA_N_CLASSES);
        if (v != lda_image_get (expected, x, y))
          {
            g_assert_cmpuint (v, ==, lda_image_get (expected, x, y));
            return;
          }
      }
}

static void
assert_plot_files (const char *png_path,
                   const char *svg_path)
{
  g_autoptr(GBytes) png = lda_test_read_bytes (png_path);
  g_autoptr(GBytes) svg = lda_test_read_bytes (svg_path);
  gsize png_len, svg_len;
  const char *png_data = g_bytes_get_data (png, &png_len);
  const char *svg_data = g_bytes_get_data (svg, &svg_len);

  g_assert_cmpuint (png_len, >, 8);
  if (png_len > 8)
    g_assert_cmpmem (png_data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (svg_len, >, 5);
  if (svg_len > 5)
    g_assert_true (g_str_has_prefix (svg_data, "<?xml") || g_str_has_prefix (svg_data, "<svg"));
  g_assert_nonnull (g_strstr_len (svg_data, svg_len, "</svg>"));
}

static void
assert_magic (const char *folder)
{
  g_autofree char *png_path = g_build_filename (folder, "dead_fraction.png", NULL);
  g_autofree char *svg_path = g_build_filename (folder, "dead_fraction.svg", NULL);

  assert_plot_files (png_path, svg_path);
}

typedef struct
{
  GArray       *calls;
  GCancellable *cancellable;
  guint         cancel_after;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;
  guint call[2] = { done, total };

  g_array_append_vals (progress->calls, call, 2);
  if (progress->cancellable != NULL && done == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

static gboolean
export (Fixture                *fixture,
        const char             *folder,
        const LdaExportOptions *options,
        GError                **error)
{
  return lda_export_run (fixture->series, fixture->edits, folder, options,
                         NULL, NULL, NULL, error);
}

/* -------------------------------------------------------------- tests */

static void
test_all_frames (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "out");
  g_autofree char *files = NULL;
  g_autofree char *targets = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (guint));
  LdaExportOptions options = { NULL, };
  Progress progress = { calls, NULL, 0 };
  gboolean edits_changed_something = FALSE;

  /* Frame 1's time and pixel size are known (from the files' metadata):
   * its row has time_h and the area in µm²; the others leave them empty. */
  lda_series_get_frame (fixture->series, 1)->time_hours = 2.5;
  lda_series_get_frame (fixture->series, 1)->pixel_size_um = 0.3112;

  g_assert_true (lda_export_run (fixture->series, fixture->edits, out, &options,
                                 on_progress, &progress, NULL, &error));
  g_assert_no_error (error);

  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==,
                   ".livedead-export A1_t00_labels.tif A1_t01_labels.tif A1_t02_labels.tif counts.csv "
                   "dead_fraction.png dead_fraction.svg");
  targets = targets_text (fixture->series, out, &options);
  g_assert_cmpstr (targets, ==, files);

  /* Progress after each frame. */
  g_assert_cmpuint (calls->len, ==, 2 * N_TIMES);
  for (guint i = 0; i < N_TIMES && calls->len == 2 * N_TIMES; i++)
    {
      g_assert_cmpuint (g_array_index (calls, guint, 2 * i), ==, i + 1);
      g_assert_cmpuint (g_array_index (calls, guint, 2 * i + 1), ==, N_TIMES);
    }

  csv = read_text (out, "counts.csv");
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_TIMES + 2);
  g_assert_cmpstr (lines[0], ==, CSV_HEADER);
  g_assert_cmpstr (lines[N_TIMES + 1], ==, "");

  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autoptr(LdaImage) expected = expected_labels (fixture, t, TRUE);
      g_autoptr(LdaImage) automatic = expected_labels (fixture, t, FALSE);
      g_autoptr(LdaCounts) counts = lda_counts_new_from_labels (expected);
      g_autofree char *file = g_strdup_printf ("A1_t%02u_labels.tif", t);
      g_autofree char *path = g_build_filename (out, file, NULL);
      g_autofree char *row = NULL;
      char fraction[G_ASCII_DTOSTR_BUF_SIZE];
      char area[G_ASCII_DTOSTR_BUF_SIZE];
      char um2[G_ASCII_DTOSTR_BUF_SIZE];
      LdaFrame *frame = lda_series_get_frame (fixture->series, t);

      assert_labels_file (path, expected);
      if (memcmp (expected->data, automatic->data, lda_image_n_bytes (expected)) != 0)
        edits_changed_something = TRUE;

      g_ascii_formatd (fraction, sizeof fraction, "%.6f", counts->dead_fraction);
      g_ascii_formatd (area, sizeof area, "%.2f", counts->mean_cell_area);
      g_ascii_formatd (um2, sizeof um2, "%.3f", counts->mean_cell_area * 0.3112 * 0.3112);
      row = g_strdup_printf ("A1_t%02u,%u,%s,%u,%u,%u,%s,%s,%s,A1_t%02u_labels.tif,robust,A1",
                             t, t, t == 1 ? "2.5000" : "", counts->n_objects, counts->live,
                             counts->dead, fraction, area, t == 1 ? um2 : "", t);
      g_assert_cmpstr (lines[t + 1], ==, row);

      /* The scene has t dead cells of 3, and the edits of frame 0 add a
       * dead nucleus and erase a live one. */
      if (t == 0)
        {
          g_assert_cmpuint (counts->live, ==, 2);
          g_assert_cmpuint (counts->dead, ==, 1);
        }

      /* The series learns the counts of the corrected masks. */
      g_assert_true (frame->has_counts);
      g_assert_cmpuint (frame->live, ==, counts->live);
      g_assert_cmpuint (frame->dead, ==, counts->dead);
    }
  g_assert_true (edits_changed_something);

  assert_magic (out);
}

static void
test_training_layout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "train");
  g_autofree char *files = NULL;
  g_autofree char *targets = NULL;
  g_autofree char *classes = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { .training_layout = TRUE };

  g_assert_true (export (fixture, out, &options, &error));
  g_assert_no_error (error);

  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==,
                   ".livedead-export A1_t00_labels.tif A1_t01_labels.tif A1_t02_labels.tif classes.json "
                   "counts.csv dead_fraction.png dead_fraction.svg "
                   "images/A1_t00.tif images/A1_t01.tif images/A1_t02.tif "
                   "masks/A1_t00.tif masks/A1_t01.tif masks/A1_t02.tif");
  targets = targets_text (fixture->series, out, &options);
  g_assert_cmpstr (targets, ==, files);

  classes = read_text (out, "classes.json");
  g_assert_nonnull (strstr (classes, classes_expected));

  for (guint t = 0; t < N_TIMES; t++)
    {
      g_autofree char *mask_file = g_strdup_printf ("masks/A1_t%02u.tif", t);
      g_autofree char *labels_file = g_strdup_printf ("A1_t%02u_labels.tif", t);
      g_autofree char *mask_path = g_build_filename (out, mask_file, NULL);
      g_autofree char *labels_path = g_build_filename (out, labels_file, NULL);
      g_autoptr(GBytes) mask = lda_test_read_bytes (mask_path);
      g_autoptr(GBytes) labels = lda_test_read_bytes (labels_path);
      g_autoptr(LdaImage) expected = expected_labels (fixture, t, TRUE);

      assert_labels_file (mask_path, expected);
      g_assert_true (g_bytes_equal (mask, labels));

      /* The inputs' pixels, one page each in the order bf, hoechst, draq7:
       * 16 bits, or 8 for the 8-bit time point. */
      for (guint i = 0; i < LDA_N_INPUTS; i++)
        {
          g_autofree char *file = g_strdup_printf ("images/A1_t%02u.tif", t);
          g_autofree char *path = g_build_filename (out, file, NULL);
          g_autoptr(LdaImage) written = lda_tiff_read (path, i, &error);
          g_autoptr(LdaImage) source = NULL;
          g_autofree char *source_file = g_strdup_printf ("A1_t%02u_%s.tif", t, tags[i]);
          g_autofree char *source_path = g_build_filename (fixture->input, source_file, NULL);

          g_assert_no_error (error);
          source = lda_tiff_read (source_path, 0, &error);
          g_assert_no_error (error);
          if (written == NULL || source == NULL)
            continue;

          g_assert_cmpuint (written->source_bits, ==, t == N_TIMES - 1 ? 8 : 16);
          g_assert_cmpuint (written->source_bits, ==, source->source_bits);
          g_assert_true (lda_image_same_size (written, source));
          g_assert_cmpmem (written->data, lda_image_n_bytes (written),
                           source->data, lda_image_n_bytes (source));
        }
    }
}

static void
test_exists (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "exists");
  g_autofree char *csv_path = g_build_filename (out, "counts.csv", NULL);
  g_autofree char *labels_path = g_build_filename (out, "A1_t01_labels.tif", NULL);
  g_autofree char *files = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { .training_layout = TRUE };

  g_assert_cmpint (g_mkdir (out, 0777), ==, 0);
  g_file_set_contents (csv_path, "old\n", -1, &error);
  g_assert_no_error (error);

  /* The file named is counts.csv, the only one there … */
  g_assert_false (export (fixture, out, &options, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_EXISTS);
  g_assert_nonnull (error != NULL ? strstr (error->message, csv_path) : NULL);
  g_clear_error (&error);

  /* … and the first target when several exist. */
  g_file_set_contents (labels_path, "old\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (export (fixture, out, &options, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_EXISTS);
  g_assert_nonnull (error != NULL ? strstr (error->message, labels_path) : NULL);
  g_clear_error (&error);

  /* Nothing was written, no folder made. */
  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==, "A1_t01_labels.tif counts.csv");
  g_assert_false (g_file_test (csv_path, G_FILE_TEST_IS_DIR));
  csv = read_text (out, "counts.csv");
  g_assert_cmpstr (csv, ==, "old\n");
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&files, g_free);

  /* A dangling symbolic link counts too: the rename would replace it. */
  {
    g_autofree char *link_dir = out_folder (fixture, "link");
    g_autofree char *link = g_build_filename (link_dir, "dead_fraction.svg", NULL);
    LdaExportOptions plain = { NULL, };

    g_assert_cmpint (g_mkdir (link_dir, 0777), ==, 0);
    g_assert_cmpint (symlink ("nowhere", link), ==, 0);
    g_assert_false (export (fixture, link_dir, &plain, &error));
    g_assert_error (error, LDA_ERROR, LDA_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* With overwrite the export replaces them. */
  options.overwrite = TRUE;
  g_assert_true (export (fixture, out, &options, &error));
  g_assert_no_error (error);
  csv = read_text (out, "counts.csv");
  g_assert_true (g_str_has_prefix (csv, CSV_HEADER "\n"));
  files = lda_test_list_files (out);
  g_assert_nonnull (strstr (files, "masks/A1_t02.tif"));
  {
    g_autoptr(LdaImage) expected = expected_labels (fixture, 1, TRUE);

    assert_labels_file (labels_path, expected);
  }

  /* And again, over a complete earlier export. */
  g_assert_true (export (fixture, out, &options, &error));
  g_assert_no_error (error);
}

static void
test_selected_frames (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "some");
  g_autofree char *files = NULL;
  g_autofree char *targets = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  static const guint frames[] = { 2, 0, 2 };
  LdaExportOptions options = { frames, G_N_ELEMENTS (frames), TRUE, FALSE };

  g_assert_true (export (fixture, out, &options, &error));
  g_assert_no_error (error);

  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==,
                   ".livedead-export A1_t00_labels.tif A1_t02_labels.tif classes.json counts.csv "
                   "dead_fraction.png dead_fraction.svg "
                   "images/A1_t00.tif images/A1_t02.tif "
                   "masks/A1_t00.tif masks/A1_t02.tif");
  targets = targets_text (fixture->series, out, &options);
  g_assert_cmpstr (targets, ==, files);

  /* One row per frame, in the series' order, each once. */
  csv = read_text (out, "counts.csv");
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_true (g_str_has_prefix (lines[1], "A1_t00,0,"));
  g_assert_true (g_str_has_prefix (lines[2], "A1_t02,2,"));
  assert_magic (out);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "cancel");
  g_autofree char *early = out_folder (fixture, "early");
  g_autofree char *files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (guint));
  Progress progress = { calls, cancellable, 1 };
  LdaExportOptions options = { .training_layout = TRUE };

  g_assert_false (lda_export_run (fixture->series, fixture->edits, out, &options,
                                  on_progress, &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* An export is all or nothing: the first frame was written, but into
   * the stage, which is gone with the cancel; no temporary file. */
  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==, "");
  g_assert_cmpuint (calls->len, >=, 1);
  g_clear_pointer (&files, g_free);
  /* Nor the folders it made for them (images/, masks/, the folder). */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Cancelled before it starts: no file at all. */
  g_assert_false (lda_export_run (fixture->series, fixture->edits, early, &options,
                                  NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  files = lda_test_list_files (early);
  g_assert_cmpstr (files, ==, "");
  g_assert_false (g_file_test (early, G_FILE_TEST_EXISTS));
}

static gboolean
keep_nothing (const char *path,
              gpointer    user_data)
{
  return FALSE;
}

/* An export into the folder of an earlier one replaces it whole: the
 * earlier files it does not write again go once its own are in place
 * (asked first: without overwrite it fails), the folders they leave
 * empty too; the person's own files stay, and so does anything outside
 * the folder, whatever the list of the earlier files says. */
static void
test_replaces_earlier (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "replaced");
  g_autofree char *notes = g_build_filename (out, "notes.txt", NULL);
  g_autofree char *mine = g_build_filename (out, "images", "mine.tif", NULL);
  g_autofree char *outside = out_folder (fixture, "outside.txt");
  g_autofree char *manifest = g_build_filename (out, ".livedead-export", NULL);
  g_autofree char *classes = g_build_filename (out, "classes.json", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *tampered = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) paths = g_string_new (NULL);
  g_autofree char *files = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GError) error = NULL;
  const guint second[] = { 1 };
  LdaExportOptions all = { .layout = LDA_EXPORT_LAYOUT_PAIRS };
  LdaExportOptions one = { .frames = second, .n_frames = 1 };

  g_assert_true (lda_export_run (fixture->series, fixture->edits, out, &all, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (notes, "mine", -1, NULL));
  g_assert_true (g_file_set_contents (mine, "mine", -1, NULL));
  g_assert_true (g_file_set_contents (outside, "not the export's", -1, NULL));
  /* A file of the export the person has put their own in place of is
   * theirs now. */
  g_assert_true (g_file_set_contents (classes, "{\"mine\": true}", -1, NULL));
  /* A list that points out of the folder is not followed. */
  g_assert_true (g_file_get_contents (manifest, &listed, NULL, NULL));
  tampered = g_strconcat (listed, "../outside.txt\nmasks/../../outside.txt\n", outside, "\n",
                          NULL);
  g_assert_true (g_file_set_contents (manifest, tampered, -1, NULL));

  stale = lda_export_stale_files (fixture->series, out, &one);
  g_assert_cmpuint (stale->len, ==, 8);
  g_assert_false (lda_export_run (fixture->series, fixture->edits, out, &one, NULL, NULL, NULL,
                                  &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_EXISTS);
  g_clear_error (&error);

  one.overwrite = TRUE;
  g_assert_true (lda_export_run (fixture->series, fixture->edits, out, &one, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==, ".livedead-export A1_t01_labels.tif classes.json counts.csv "
                              "dead_fraction.png dead_fraction.svg images/mine.tif notes.txt");
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&listed, g_free);
  g_assert_true (g_file_get_contents (manifest, &listed, NULL, NULL));
  /* Each file, with its size and the hash of its bytes. */
  lines = g_strsplit (listed, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autofree char *path = g_build_filename (out, fields[0], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (g_ascii_strtoull (fields[1], NULL, 10), ==, length);
      g_string_append_printf (paths, "%s\n", fields[0]);
    }
  g_assert_cmpstr (paths->str, ==, "A1_t01_labels.tif\ncounts.csv\ndead_fraction.png\n"
                                   "dead_fraction.svg\n");

  /* At the removal, each file is checked again against the list: one
   * changed since stays, one as listed goes. */
  {
    g_autoptr(GPtrArray) late = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) left = NULL;
    g_autofree char *labels = g_build_filename (out, "A1_t01_labels.tif", NULL);
    g_autofree char *csv = g_build_filename (out, "counts.csv", NULL);

    g_ptr_array_add (late, g_strdup (labels));
    g_ptr_array_add (late, g_strdup (csv));
    g_assert_true (g_file_set_contents (labels, "changed", -1, NULL));
    left = lda_export_manifest_remove (out, late, keep_nothing, NULL);
    g_assert_cmpuint (left->len, ==, 0);
    g_assert_true (g_file_test (labels, G_FILE_TEST_IS_REGULAR));
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  }
}

/* The folder named with a separator at its end is the same folder: an
 * export into "out/" over one into "out" removes nothing it writes; and
 * a subfolder replaced by a link to elsewhere is not followed. */
static void
test_replace_slash_and_links (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "slash");
  g_autofree char *slashed = g_strconcat (out, "/", NULL);
  g_autofree char *masks = g_build_filename (out, "masks", NULL);
  g_autofree char *shared = out_folder (fixture, "shared");
  g_autofree char *shared_mask = g_build_filename (shared, "A1_t00.tif", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions pairs = { .layout = LDA_EXPORT_LAYOUT_PAIRS, .overwrite = TRUE };
  LdaExportOptions plain = { .overwrite = TRUE };

  g_assert_true (lda_export_run (fixture->series, fixture->edits, out, &pairs, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  before = lda_test_list_files (out);
  g_assert_true (lda_export_run (fixture->series, fixture->edits, slashed, &pairs, NULL, NULL,
                                 NULL, &error));
  g_assert_no_error (error);
  after = lda_test_list_files (out);
  g_assert_cmpstr (after, ==, before);

  /* masks/ is now a link to a folder of someone else's files, named as
   * the earlier export's masks. */
  lda_test_remove_tree (masks);
  g_assert_cmpint (g_mkdir (shared, 0777), ==, 0);
  g_assert_true (g_file_set_contents (shared_mask, "not the export's", -1, NULL));
  g_assert_cmpint (symlink (shared, masks), ==, 0);
  g_assert_true (lda_export_run (fixture->series, fixture->edits, out, &plain, NULL, NULL, NULL,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (shared_mask, G_FILE_TEST_IS_REGULAR));
}

/* Exported beside its images, and a list that names one of them: the
 * image stays. */
static void
test_replace_keeps_inputs (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *manifest = g_build_filename (fixture->input, ".livedead-export", NULL);
  g_autofree char *image = g_build_filename (fixture->input, "A1_t00_bf.tif", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *tampered = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { .overwrite = TRUE };

  g_assert_true (lda_export_run (fixture->series, fixture->edits, fixture->input, &options, NULL,
                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (manifest, &listed, NULL, NULL));
  tampered = g_strconcat (listed, "A1_t00_bf.tif\n", NULL);
  g_assert_true (g_file_set_contents (manifest, tampered, -1, NULL));

  stale = lda_export_stale_files (fixture->series, fixture->input, &options);
  g_assert_cmpuint (stale->len, ==, 0);
  g_assert_true (lda_export_run (fixture->series, fixture->edits, fixture->input, &options, NULL,
                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
}

static void
assert_same_files (const char *a,
                   const char *b)
{
  g_autofree char *files_a = lda_test_list_files (a);
  g_autofree char *files_b = lda_test_list_files (b);
  g_auto(GStrv) names = NULL;

  g_assert_cmpstr (files_a, ==, files_b);
  names = g_strsplit (files_a, " ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path_a = g_build_filename (a, names[i], NULL);
      g_autofree char *path_b = g_build_filename (b, names[i], NULL);
      g_autoptr(GBytes) bytes_a = lda_test_read_bytes (path_a);
      g_autoptr(GBytes) bytes_b = lda_test_read_bytes (path_b);

      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", names[i], g_bytes_get_size (bytes_a));
      if (!g_bytes_equal (bytes_a, bytes_b))
        g_test_message ("%s differs between %s and %s", names[i], a, b);
      g_assert_true (g_bytes_equal (bytes_a, bytes_b));
    }
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *first = out_folder (fixture, "first");
  g_autofree char *second = out_folder (fixture, "second");
  g_autofree char *png_a = out_folder (fixture, "a.png");
  g_autofree char *svg_a = out_folder (fixture, "a.svg");
  g_autofree char *png_b = out_folder (fixture, "b.png");
  g_autofree char *svg_b = out_folder (fixture, "b.svg");
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { .training_layout = TRUE };

  g_assert_true (export (fixture, first, &options, &error));
  g_assert_no_error (error);

  /* Some time later, so that a time stamp would show. */
  g_usleep (1100 * 1000);
  g_assert_true (export (fixture, second, &options, &error));
  g_assert_no_error (error);
  assert_same_files (first, second);

  /* The plot writer alone, twice. */
  g_assert_true (lda_plot_write (fixture->series, NULL, 0, png_a, svg_a, &error));
  g_assert_no_error (error);
  g_assert_true (lda_plot_write (fixture->series, NULL, 0, png_b, svg_b, &error));
  g_assert_no_error (error);
  a = lda_test_read_bytes (png_a);
  b = lda_test_read_bytes (png_b);
  g_assert_true (g_bytes_equal (a, b));
  g_clear_pointer (&a, g_bytes_unref);
  g_clear_pointer (&b, g_bytes_unref);
  a = lda_test_read_bytes (svg_a);
  b = lda_test_read_bytes (svg_b);
  g_assert_true (g_bytes_equal (a, b));
}

/* Titles that are not file names: spaces, '#', a leading dot, and two that
 * sanitize to the same name. */
static void
test_names (void)
{
  g_autofree char *root = lda_test_tmp_dir ("lda-export");
  g_autofree char *input = g_build_filename (root, "in", NULL);
  g_autofree char *out = g_build_filename (root, "out", NULL);
  g_autofree char *files = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { NULL, };

  g_assert_cmpint (g_mkdir (input, 0777), ==, 0);
  write_triple (input, "well 3#a", 0, FALSE);
  write_triple (input, "well_3_a", 1, FALSE);
  write_triple (input, ".hidden", 2, FALSE);

  series = lda_series_new_from_folder (input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_series_get_n_frames (series), ==, 3);

  g_assert_true (lda_export_run (series, NULL, out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  files = lda_test_list_files (out);
  g_assert_cmpstr (files, ==,
                   ".livedead-export _hidden_labels.tif counts.csv dead_fraction.png dead_fraction.svg "
                   "well_3_a-2_labels.tif well_3_a_labels.tif");
  csv = read_text (out, "counts.csv");
  g_assert_nonnull (strstr (csv, "\nwell_3_a,"));
  g_assert_nonnull (strstr (csv, "\nwell_3_a-2,"));
  g_assert_nonnull (strstr (csv, "\n_hidden,"));

  lda_test_remove_tree (root);
}

static void
test_edits_size (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = out_folder (fixture, "size");
  g_autoptr(GError) error = NULL;
  LdaExportOptions options = { NULL, };
  LdaEdits *small = lda_edits_new (10, 10, &error);

  g_assert_no_error (error);
  g_ptr_array_index (fixture->edits, 1) = small;
  g_assert_false (export (fixture, out, &options, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_SIZE_MISMATCH);
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, "A1_t01_bf.tif"));
}

/* The plot of a series without counts, of one point, and of frames
 * some of which have counts. */
static void
test_plot_edges (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *png = out_folder (fixture, "p.png");
  g_autofree char *svg = out_folder (fixture, "p.svg");
  g_autofree char *bad = out_folder (fixture, "no/such/folder/p.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GBytes) one_point = NULL;
  g_autoptr(GBytes) selected = NULL;
  LdaCounts counts = { .live = 3, .dead = 1, .dead_fraction = 0.25 };
  static const guint frames[] = { 1, 2 };

  g_assert_true (lda_plot_write (fixture->series, NULL, 0, png, svg, &error));
  g_assert_no_error (error);
  assert_plot_files (png, svg);
  empty = lda_test_read_bytes (svg);

  lda_series_set_frame_counts (fixture->series, 1, &counts);
  g_assert_true (lda_plot_write (fixture->series, NULL, 0, png, svg, &error));
  g_assert_no_error (error);
  assert_plot_files (png, svg);
  one_point = lda_test_read_bytes (svg);
  g_assert_false (g_bytes_equal (empty, one_point));

  /* Frame 2 has no counts: the same plot as frame 1 alone. */
  g_assert_true (lda_plot_write (fixture->series, frames, G_N_ELEMENTS (frames), png, svg,
                                 &error));
  g_assert_no_error (error);
  selected = lda_test_read_bytes (svg);
  g_assert_true (g_bytes_equal (one_point, selected));

  /* A file that cannot be written is named. */
  g_assert_false (lda_plot_write (fixture->series, NULL, 0, bad, svg, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_WRITE);
  if (error != NULL)
    g_assert_nonnull (strstr (error->message, bad));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/export/all-frames", test_all_frames);
  ADD ("/export/training-layout", test_training_layout);
  ADD ("/export/exists", test_exists);
  ADD ("/export/selected-frames", test_selected_frames);
  ADD ("/export/cancel", test_cancel);
  ADD ("/export/replaces-earlier", test_replaces_earlier);
  ADD ("/export/replace-keeps-inputs", test_replace_keeps_inputs);
  ADD ("/export/replace-slash-and-links", test_replace_slash_and_links);
  ADD ("/export/deterministic", test_deterministic);
  ADD ("/export/edits-size", test_edits_size);
  ADD ("/export/plot-edges", test_plot_edges);
  g_test_add_func ("/export/names", test_names);

#undef ADD

  return g_test_run ();
}
