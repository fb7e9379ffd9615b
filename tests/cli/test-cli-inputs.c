/* test-cli-inputs.c — no command ever replaces one of its inputs, nor
 * removes anything through a link
 *
 * segment, batch and export are pointed at output folders where a file
 * they write is one of their inputs: the same name in the inputs' own
 * folder, a hard link, a symbolic link.  Each must refuse with one line
 * naming the file, and every input must be left as it was, the same file
 * with the same bytes.  And a link planted in the output folder under the
 * name of a dead process's staging folder must not lead the clean-up of
 * such folders anywhere.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "test-cli-util.h"

static const CliScene scene = { 96, 64, 2, 1, 5 };

/* The inputs as they are now, for assert_kept(). */
static GPtrArray *
keep (const char * const *paths)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) cli_kept_free);

  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (kept, cli_keep (paths[i]));

  return kept;
}

static void
assert_kept (GPtrArray *kept)
{
  for (guint i = 0; i < kept->len; i++)
    cli_assert_kept (g_ptr_array_index (kept, i));
}

/* An uncompressed 16-bit TIFF, written with libtiff directly: a copy the
 * command re-encodes would not be the same bytes. */
static void
write_plain_tiff (const char     *path,
                  const LdaImage *image)
{
  TIFF *tif = TIFFOpen (path, "w");

  g_assert_nonnull (tif);
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) image->width));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) image->height));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 16));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK));
  g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 8));
  for (guint y = 0; y < image->height; y++)
    g_assert_cmpint (TIFFWriteScanline (tif, (guint16 *) lda_image_u16 (image) + (gsize) y * image->width,
                                        y, 0), ==, 1);
  TIFFClose (tif);
}

/* NAME_bf.tif, NAME_hoechst.tif, NAME_draq7.tif in @folder, uncompressed;
 * @paths gets them, NULL-terminated. */
static void
write_triple (const char *folder,
              const char *name,
              char      **paths)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, tags[i]);
      g_autoptr(LdaImage) image = cli_scene_render (&scene, i);

      paths[i] = g_build_filename (folder, file, NULL);
      write_plain_tiff (paths[i], image);
    }
  paths[3] = NULL;
}

/* segment -o the inputs' own folder with --stages: hoechst.tif and
 * draq7.tif are stage files and inputs at once. */
static void
test_segment_same_folder (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *bf = g_build_filename (dir, "bf.tif", NULL);
  g_autofree char *ho = g_build_filename (dir, "hoechst.tif", NULL);
  g_autofree char *dr = g_build_filename (dir, "draq7.tif", NULL);
  const char *inputs[] = { bf, ho, dr, NULL };
  g_autoptr(GPtrArray) kept = NULL;
  g_auto(CliRun) run = { 0, };
  g_autofree char *listing = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LdaImage) image = cli_scene_render (&scene, i);

      write_plain_tiff (inputs[i], image);
    }
  kept = keep (inputs);

  cli_run (&run, "segment", bf, ho, dr, "-o", dir, "--stages", NULL);
  cli_assert_one_line_error (&run, ho, "input");
  assert_kept (kept);

  /* All or nothing: not even labels.tif. */
  listing = cli_list_dir_text (dir);
  g_assert_cmpstr (listing, ==, "bf.tif draq7.tif hoechst.tif");
  cli_rm_rf (dir);
}

/* The output folder holds a hard link, or a symbolic link, to an input
 * under the name of an output. */
static void
test_segment_links (gconstpointer data)
{
  gboolean hard = GPOINTER_TO_INT (data);
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *labels = g_build_filename (out, "labels.tif", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_auto(CliRun) run = { 0, };
  char *paths[4];

  g_assert_cmpint (g_mkdir (in, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  write_triple (in, "well", paths);
  kept = keep ((const char * const *) paths);
  if (hard)
    g_assert_cmpint (link (paths[1], labels), ==, 0);
  else
    g_assert_cmpint (symlink (paths[1], labels), ==, 0);

  cli_run (&run, "segment", paths[0], paths[1], paths[2], "-o", out, NULL);
  cli_assert_one_line_error (&run, labels, paths[1]);
  assert_kept (kept);
  listing = cli_list_dir_text (out);
  g_assert_cmpstr (listing, ==, "labels.tif");
  if (!hard)
    g_assert_true (g_file_test (labels, G_FILE_TEST_IS_SYMLINK));

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

/* batch: a triple's label mask would be a link to another triple's
 * input. */
static void
test_batch (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *labels = g_build_filename (dir, "b_labels.tif", NULL);
  g_autoptr(GPtrArray) kept = NULL;
  g_auto(CliRun) run = { 0, };
  char *a[4], *b[4];
  const char *all[7];

  write_triple (dir, "a", a);
  write_triple (dir, "b", b);
  for (guint i = 0; i < 3; i++)
    {
      all[i] = a[i];
      all[3 + i] = b[i];
    }
  all[6] = NULL;
  kept = keep (all);
  g_assert_cmpint (symlink (a[0], labels), ==, 0);

  cli_run (&run, "batch", dir, "-o", dir, "--jobs", "1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, labels));
  g_assert_nonnull (strstr (run.err, a[0]));
  assert_kept (kept);
  g_assert_true (g_file_test (labels, G_FILE_TEST_IS_SYMLINK));

  /* The other triple is done as usual. */
  {
    g_autofree char *a_labels = g_build_filename (dir, "a_labels.tif", NULL);

    cli_assert_labels (a_labels, scene.width, scene.height);
  }

  for (guint i = 0; i < 3; i++)
    {
      g_free (a[i]);
      g_free (b[i]);
    }
  cli_rm_rf (dir);
}

/* export --training-layout --overwrite into the parent of an image folder
 * called images/: images/<frame>.tif goes beside the inputs
 * images/<frame>_bf.tif …, which stay as they were. */
static void
test_export_training_layout (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *images = g_build_filename (dir, "images", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_auto(CliRun) run = { 0, };
  char *paths[4];

  g_assert_cmpint (g_mkdir (images, 0755), ==, 0);
  write_triple (images, "well", paths);
  kept = keep ((const char * const *) paths);

  g_assert_cmpint (cli_run (&run, "export", images, "-o", dir, "--training-layout",
                            "--overwrite", NULL), ==, 0);
  assert_kept (kept);

  listing = cli_list_dir_text (images);
  g_assert_cmpstr (listing, ==, "well.tif well_bf.tif well_draq7.tif well_hoechst.tif");

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

/* Links named like staging folders of dead processes, one of the older
 * name form and one of the current, pointing at the person's folder. */
static void
test_planted_stage_link (void)
{
  g_autofree char *dir = cli_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *victim = g_build_filename (dir, "victim", NULL);
  g_autofree char *precious = g_build_filename (victim, "precious.tif", NULL);
  g_autofree char *old_form = g_build_filename (out, ".livedead-stage-2147483646-Ab3dE9", NULL);
  g_autofree char *new_form = g_strdup_printf ("%s/.livedead-stage-2147483646-1-%s-Ab3dE9", out,
                                               g_get_host_name ());
  g_auto(CliRun) run = { 0, };
  char *paths[4];

  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (victim, 0755), ==, 0);
  g_assert_true (g_file_set_contents (precious, "one of a kind", -1, NULL));
  g_assert_cmpint (symlink (victim, old_form), ==, 0);
  g_assert_cmpint (symlink (victim, new_form), ==, 0);
  write_triple (dir, "well", paths);

  cli_run (&run, "segment", "-q", paths[0], paths[1], paths[2], "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run (&run, "export", "-q", dir, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (!g_file_test (precious, G_FILE_TEST_IS_REGULAR))
    g_error ("%s was removed through a link", precious);

  for (guint i = 0; i < 3; i++)
    g_free (paths[i]);
  cli_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/inputs/segment-same-folder", test_segment_same_folder);
  g_test_add_data_func ("/cli/inputs/segment-hard-link", GINT_TO_POINTER (TRUE),
                        test_segment_links);
  g_test_add_data_func ("/cli/inputs/segment-symbolic-link", GINT_TO_POINTER (FALSE),
                        test_segment_links);
  g_test_add_func ("/cli/inputs/batch", test_batch);
  g_test_add_func ("/cli/inputs/export-training-layout", test_export_training_layout);
  g_test_add_func ("/cli/inputs/planted-stage-link", test_planted_stage_link);

  return g_test_run ();
}
