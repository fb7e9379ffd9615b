/* test-cli-import.c — livedead import FOLDER MASK
 *
 * A 5-class mask imported by the command is what `livedead export`
 * writes afterwards; an instance image is called live and dead; a mask of
 * the wrong size is refused in one line naming it, and nothing is saved.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include <glib/gstdio.h>

#include "lda-tiff.h"
#include "test-cli-util.h"

static void
write_scene (const char *folder)
{
  CliScene scene = { 128, 96, 3, 2, 7 };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0777), ==, 0);
  cli_write_triple (folder, "w_t00", &scene, NULL);
}

static void
test_classes_then_export (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "images", NULL);
  g_autofree char *mask_path = g_build_filename (tmp, "mask.tif", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autofree char *labels_path = g_build_filename (out, "w_t00_labels.tif", NULL);
  g_autoptr(LdaImage) mask = lda_image_new (LDA_PIXEL_U8, 128, 96, NULL);
  g_autoptr(LdaImage) exported = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };

  write_scene (folder);
  /* Bands of every class, no live one against a dead one (the import
   * parts those: /mask-import/classes-touching). */
  for (guint i = 0; i < 128 * 96; i++)
    lda_image_u8 (mask)[i] = (const guint8[]) { 0, 1, 3, 2, 4 }[(i % 128) / 26];
  g_assert_true (lda_tiff_write (mask_path, mask, &error));

  cli_run (&run, "import", folder, mask_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "5-class"));

  cli_run (&run, "export", folder, "-o", out, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  exported = lda_tiff_read (labels_path, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 128 * 96; i++)
    g_assert_cmpuint (lda_image_get (exported, i % 128, i / 128), ==, lda_image_u8 (mask)[i]);

  cli_rm_rf (tmp);
}

/* Into a folder that cannot be written to, the corrections are saved in
 * the user's data folder: the command says where (it said nothing, and
 * the import seemed lost), and export finds them there. */
static void
test_read_only_folder (void)
{
  g_autofree char *tmp = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *mask_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *project = NULL;
  g_autofree char *labels_path = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *saved_data_home = NULL;
  g_autoptr(LdaImage) exported = NULL;
  g_autoptr(LdaImage) mask = lda_image_new (LDA_PIXEL_U8, 128, 96, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };

  if (geteuid () == 0)
    {
      g_test_skip ("root may write into any folder");
      return;
    }
  tmp = cli_tmpdir ();
  folder = g_build_filename (tmp, "images", NULL);
  mask_path = g_build_filename (tmp, "mask.tif", NULL);
  out = g_build_filename (tmp, "out", NULL);
  project = g_build_filename (folder, "livedead-project", NULL);
  write_scene (folder);
  for (guint i = 0; i < 128 * 96; i++)
    lda_image_u8 (mask)[i] = (i % 128) < 64 ? 1 : 0;
  g_assert_true (lda_tiff_write (mask_path, mask, &error));
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  /* The user's data folder, for the commands run: here, not $HOME. */
  data_home = g_build_filename (tmp, "data", NULL);
  saved_data_home = g_strdup (g_getenv ("XDG_DATA_HOME"));
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  cli_run (&run, "import", folder, mask_path, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "cannot be written to; your corrections are saved in "));
  g_assert_nonnull (strstr (run.err, data_home));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));

  cli_run_clear (&run);
  cli_run (&run, "export", folder, "-o", out, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  labels_path = g_build_filename (out, "w_t00_labels.tif", NULL);
  exported = lda_tiff_read (labels_path, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 128 * 96; i++)
    g_assert_cmpuint (lda_image_get (exported, i % 128, i / 128), ==, lda_image_u8 (mask)[i]);

  if (saved_data_home != NULL)
    g_setenv ("XDG_DATA_HOME", saved_data_home, TRUE);
  else
    g_unsetenv ("XDG_DATA_HOME");
  g_chmod (folder, 0755);
  cli_rm_rf (tmp);
}

/* Numbers the 4-connected components of class 3 or 4 of @labels (128
 * wide, 96 high) in @id from @first, as another program would label the
 * nuclei, the first @most of them only. */
static void
number_nuclei (const LdaImage *labels,
               guint16        *id,
               guint           first,
               guint           most)
{
  const guint w = labels->width, h = labels->height;
  guint next = first;

  for (guint start = 0; start < w * h && next - first < most; start++)
    {
      guint klass = lda_image_get (labels, start % w, start / w);
      g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));

      if ((klass != 3 && klass != 4) || id[start] != 0)
        continue;
      id[start] = (guint16) next;
      g_array_append_val (stack, start);
      while (stack->len > 0)
        {
          guint p = g_array_index (stack, guint, stack->len - 1), x = p % w, y = p / w;
          guint nb[4] = { p - 1, p + 1, p - w, p + w };
          gboolean ok[4] = { x > 0, x < w - 1, y > 0, y < h - 1 };

          g_array_set_size (stack, stack->len - 1);
          for (guint k = 0; k < 4; k++)
            if (ok[k] && id[nb[k]] == 0 && lda_image_get (labels, nb[k] % w, nb[k] / w) == klass)
              {
                id[nb[k]] = (guint16) next;
                g_array_append_val (stack, nb[k]);
              }
        }
      next++;
    }
}

static void
test_instances_and_refusals (void)
{
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "images", NULL);
  g_autofree char *nuclei_path = g_build_filename (tmp, "nuclei.tif", NULL);
  g_autofree char *small_path = g_build_filename (tmp, "small.tif", NULL);
  g_autofree char *edits = g_build_filename (folder, "livedead-project", "edits", NULL);
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(LdaImage) small = lda_image_new (LDA_PIXEL_U16, 64, 48, NULL);
  g_autoptr(GError) error = NULL;
  guint live = 0, dead = 0;
  g_auto(CliRun) run = { 0, };

  write_scene (folder);

  /* Refused: nothing saved. */
  g_assert_true (lda_tiff_write (small_path, small, &error));
  cli_run (&run, "import", folder, small_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  cli_assert_one_line_error (&run, small_path, "64 × 48");
  g_assert_false (g_file_test (edits, G_FILE_TEST_EXISTS));

  cli_run (&run, "import", folder, small_path, "--kind", "cells", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* The automatic nuclei, numbered from 10 up, as another program would
   * label them: the scene's 3 live and 2 dead come back. */
  {
    g_autofree char *bf = g_build_filename (folder, "w_t00_bf.tif", NULL);
    g_autofree char *ho = g_build_filename (folder, "w_t00_hoechst.tif", NULL);
    g_autofree char *dr = g_build_filename (folder, "w_t00_draq7.tif", NULL);
    g_autofree char *seg = g_build_filename (tmp, "seg", NULL);
    g_autofree char *seg_labels = g_build_filename (seg, "labels.tif", NULL);
    g_autoptr(LdaImage) nuclei = lda_image_new (LDA_PIXEL_U16, 128, 96, NULL);
    guint16 *id = lda_image_u16 (nuclei);

    cli_run (&run, "segment", bf, ho, dr, "-o", seg, "-q", NULL);
    g_assert_cmpint (run.status, ==, 0);
    labels = lda_tiff_read (seg_labels, 0, &error);
    g_assert_no_error (error);

    number_nuclei (labels, id, 10, G_MAXUINT);
    g_assert_true (lda_tiff_write (nuclei_path, nuclei, &error));
  }

  cli_run (&run, "import", folder, nuclei_path, "--kind", "instances", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "nuclei"));
  {
    const char *p = strstr (run.out, "nuclei, ");

    g_assert_nonnull (p);
    g_assert_cmpint (sscanf (p, "nuclei, %u live, %u dead", &live, &dead), ==, 2);
  }
  g_assert_cmpuint (live, ==, 3);
  g_assert_cmpuint (dead, ==, 2);
  g_assert_true (g_file_test (edits, G_FILE_TEST_IS_DIR));

  cli_rm_rf (tmp);
}

/* A 5-class mask given as instances is refused, naming it and the kind
 * to give; an instance image of four nuclei, values 1–4, is taken. */
static void
test_classes_as_instances (void)
{
  CliScene scene = { 128, 96, 5, 1, 13 };
  g_autofree char *tmp = cli_tmpdir ();
  g_autofree char *folder = g_build_filename (tmp, "images", NULL);
  g_autofree char *seg = g_build_filename (tmp, "seg", NULL);
  g_autofree char *seg_labels = g_build_filename (seg, "labels.tif", NULL);
  g_autofree char *four_path = g_build_filename (tmp, "four.tif", NULL);
  g_autofree char *edits = g_build_filename (folder, "livedead-project", "edits", NULL);
  g_autofree char *bf = g_build_filename (folder, "w_t00_bf.tif", NULL);
  g_autofree char *ho = g_build_filename (folder, "w_t00_hoechst.tif", NULL);
  g_autofree char *dr = g_build_filename (folder, "w_t00_draq7.tif", NULL);
  g_autoptr(LdaImage) labels = NULL;
  g_autoptr(LdaImage) four = lda_image_new (LDA_PIXEL_U16, 128, 96, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0, };
  guint live = 0, dead = 0;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0777), ==, 0);
  cli_write_triple (folder, "w_t00", &scene, NULL);
  cli_run (&run, "segment", bf, ho, dr, "-o", seg, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);

  cli_run (&run, "import", folder, seg_labels, "--kind", "instances", NULL);
  cli_assert_one_line_error (&run, seg_labels, "--kind classes");
  g_assert_false (g_file_test (edits, G_FILE_TEST_EXISTS));

  labels = lda_tiff_read (seg_labels, 0, &error);
  g_assert_no_error (error);
  number_nuclei (labels, lda_image_u16 (four), 1, 4);
  g_assert_true (lda_tiff_write (four_path, four, &error));
  cli_run (&run, "import", folder, four_path, "--kind", "instances", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    const char *p = strstr (run.out, "nuclei, ");

    g_assert_nonnull (p);
    g_assert_cmpint (sscanf (p, "nuclei, %u live, %u dead", &live, &dead), ==, 2);
  }
  g_assert_cmpuint (live + dead, ==, 4);

  cli_rm_rf (tmp);
}

int
main (int   argc,
      char *argv[])
{
  cli_init (&argc, &argv);

  g_test_add_func ("/cli/import/classes-then-export", test_classes_then_export);
  g_test_add_func ("/cli/import/instances-and-refusals", test_instances_and_refusals);
  g_test_add_func ("/cli/import/classes-as-instances", test_classes_as_instances);
  g_test_add_func ("/cli/import/read-only-folder", test_read_only_folder);

  return g_test_run ();
}
