/* test-mask-import.c — a mask made elsewhere as a frame's corrections
 *
 * On a copy of the bundled sample: a 5-class mask becomes the frame's
 * mask as it is; an instance label image of the frame's own nuclei is
 * called live and dead as the segmentation calls them; both are one
 * undoable step and are saved like strokes; a wrong size, a micrograph
 * and values above 4 for a 5-class mask are refused, naming the file,
 * with nothing changed.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-document.h"
#include "lda-pipeline.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "test-project-common.h"

#define SAMPLE "nov22-402-tile2-0_t41"

/* A folder with a copy of the sample triple. */
static char *
copy_sample (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  static const char * const tags[] = { "bf", "hoechst", "draq7" };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *name = g_strdup_printf (SAMPLE "_%s.tif", tags[i]);
      g_autofree char *from = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data",
                                                "sample", name, NULL);
      g_autofree char *to = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (from, &data, &length, NULL));
      g_assert_true (g_file_set_contents (to, data, (gssize) length, NULL));
    }

  return g_steal_pointer (&dir);
}

/* The automatic mask of the document's frame 0. */
static LdaImage *
automatic_labels (LdaDocument *document)
{
  g_autoptr(GError) error = NULL;
  LdaFrame *frame = lda_series_get_frame (lda_document_get_series (document), 0);
  g_autoptr(LdaPipeline) pipeline = lda_triple_open_pipeline (frame->triple, frame->page, &error);

  g_assert_no_error (error);
  g_assert_true (lda_pipeline_set_params (pipeline, lda_document_get_params (document, 0), &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  return lda_image_ref (lda_pipeline_get_labels (pipeline));
}

static void
write_image (const char     *path,
             const LdaImage *image)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_tiff_write (path, image, &error));
  g_assert_no_error (error);
}

/* Labels the 4-connected components of @klass in @mask from @next on,
 * into @ids; returns the next free id. */
static guint
label_components (const LdaImage *mask,
                  guint           klass,
                  guint16        *ids,
                  guint           next)
{
  guint w = mask->width, h = mask->height;
  g_autofree guint *stack = g_new (guint, (gsize) w * h);

  for (guint start = 0; start < w * h; start++)
    {
      gsize top = 0;

      if (ids[start] != 0 || lda_image_get (mask, start % w, start / w) != klass)
        continue;
      ids[start] = (guint16) next;
      stack[top++] = start;
      while (top > 0)
        {
          guint p = stack[--top], x = p % w, y = p / w;
          guint nb[4] = { p - 1, p + 1, p - w, p + w };
          gboolean ok[4] = { x > 0, x + 1 < w, y > 0, y + 1 < h };

          for (guint k = 0; k < 4; k++)
            if (ok[k] && ids[nb[k]] == 0 && lda_image_get (mask, nb[k] % w, nb[k] / w) == klass)
              {
                ids[nb[k]] = (guint16) next;
                stack[top++] = nb[k];
              }
        }
      next++;
    }

  return next;
}

static void
test_classes (void)
{
  g_autofree char *dir = copy_sample ();
  g_autofree char *path = g_build_filename (dir, "mask.tif", NULL);
  g_autoptr(LdaDocument) document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  g_autoptr(LdaImage) mask = lda_image_new (LDA_PIXEL_U8, 512, 512, NULL);
  g_autoptr(GError) error = NULL;
  LdaMaskImportInfo info;
  LdaEdits *edits;
  guint8 *px = lda_image_u8 (mask);

  /* Diagonal bands of 64 × 64 blocks of every class; no live block
   * touches a dead one (the next test has them touch). */
  static const guint8 band[6] = { 0, 1, 3, 2, 4, 1 };

  for (guint i = 0; i < 512 * 512; i++)
    px[i] = band[(i / 512 / 64 + i % 512 / 64) % 6];
  write_image (path, mask);

  g_assert_true (lda_document_import_mask (document, 0, path, LDA_MASK_AUTO, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, LDA_MASK_CLASSES);
  g_assert_cmpuint (info.parted, ==, 0);
  edits = lda_document_get_edits (document, 0);
  g_assert_nonnull (edits);
  g_assert_cmpmem (edits->pixels, 512 * 512, px, 512 * 512);

  /* One step back and forth. */
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpuint (lda_edits_count (lda_document_get_edits (document, 0)), ==, 0);
  g_assert_true (lda_document_redo (document, 0));
  g_assert_cmpmem (lda_document_get_edits (document, 0)->pixels, 512 * 512, px, 512 * 512);

  /* Saved like strokes: a new document finds them. */
  g_assert_true (lda_document_save_now (document, &error));
  g_assert_no_error (error);
  lda_document_close (document);
  g_clear_object (&document);
  document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  edits = lda_document_get_edits (document, 0);
  g_assert_nonnull (edits);
  g_assert_cmpmem (edits->pixels, 512 * 512, px, 512 * 512);
  lda_document_close (document);

  lda_test_remove_tree (dir);
}

/* A 5-class mask in which a live nucleus touches a dead one, as a U-Net's
 * may: where nuclei are objects, the live one's pixels along the dead one
 * become the line between them, and the frame counts the two apart (one
 * live, two dead with a third nucleus alone), as the components of
 * classes 3 and 4 say; they were one nucleus, called by its majority.
 * Where nuclei are pixels (the article's preset), the mask stays as it
 * is. */
static void
test_classes_touching (gconstpointer data)
{
  const LdaPreset preset = GPOINTER_TO_UINT (data);
  g_autofree char *dir = copy_sample ();
  g_autofree char *path = g_build_filename (dir, "mask.tif", NULL);
  g_autoptr(LdaDocument) document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  g_autoptr(LdaImage) mask = lda_image_new (LDA_PIXEL_U8, 512, 512, NULL);
  g_autoptr(LdaImage) imported = lda_image_new (LDA_PIXEL_U8, 512, 512, NULL);
  g_autoptr(LdaCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  LdaParams params;
  LdaMaskImportInfo info;
  guint8 *px = lda_image_u8 (mask);
  guint line = 0;

  lda_params_init_preset (&params, preset);
  g_assert_true (lda_document_set_params (document, 0, &params));
  /* Cell area; a live nucleus (rows 100–129, columns 100–129) against a
   * dead one (columns 130–149); another dead one apart. */
  for (guint y = 80; y < 200; y++)
    for (guint x = 80; x < 250; x++)
      px[y * 512 + x] = LDA_CLASS_CELL;
  for (guint y = 100; y < 130; y++)
    for (guint x = 100; x < 150; x++)
      px[y * 512 + x] = x < 130 ? LDA_CLASS_HOECHST : LDA_CLASS_DRAQ7;
  for (guint y = 100; y < 130; y++)
    for (guint x = 200; x < 230; x++)
      px[y * 512 + x] = LDA_CLASS_DRAQ7;
  write_image (path, mask);

  g_assert_true (lda_document_import_mask (document, 0, path, LDA_MASK_CLASSES, &info, &error));
  g_assert_no_error (error);
  memcpy (lda_image_u8 (imported), lda_document_get_edits (document, 0)->pixels, 512 * 512);
  for (guint y = 0; y < 512; y++)
    for (guint x = 0; x < 512; x++)
      if (lda_image_u8 (imported)[y * 512 + x] != px[y * 512 + x])
        {
          /* Only the live nucleus's column along the dead one. */
          g_assert_cmpuint (x, ==, 129);
          g_assert_cmpuint (lda_image_u8 (imported)[y * 512 + x], ==, LDA_CLASS_OUTLINE);
          line++;
        }

  counts = lda_counts_new_from_labels_full (imported, lda_params_nucleus_connectivity (&params));
  if (preset == LDA_PRESET_ROBUST)
    {
      g_assert_cmpuint (line, ==, 30);
      g_assert_cmpuint (info.parted, ==, 30);
      g_assert_cmpuint (counts->live, ==, 1);
      g_assert_cmpuint (counts->dead, ==, 2);
    }
  else
    {
      g_assert_cmpuint (line, ==, 0);
      g_assert_cmpuint (info.parted, ==, 0);
      g_assert_cmpuint (counts->live + counts->dead, ==, 2);
    }

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

static void
test_instances (void)
{
  g_autofree char *dir = copy_sample ();
  g_autofree char *path = g_build_filename (dir, "nuclei.tif", NULL);
  g_autoptr(LdaDocument) document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  g_autoptr(LdaImage) automatic = automatic_labels (document);
  g_autoptr(LdaImage) ids = lda_image_new (LDA_PIXEL_U16, 512, 512, NULL);
  g_autoptr(GError) error = NULL;
  guint16 *id = lda_image_u16 (ids);
  guint n_live, n_dead, agree = 0, nucleus = 0, outline = 0;
  LdaMaskImportInfo info;
  LdaEdits *edits;

  /* The frame's own nuclei as an instance image, live ones first. */
  n_live = label_components (automatic, LDA_CLASS_HOECHST, id, 1) - 1;
  n_dead = label_components (automatic, LDA_CLASS_DRAQ7, id, n_live + 1) - 1 - n_live;
  g_assert_cmpuint (n_live, >, 10);
  g_assert_cmpuint (n_dead, >, 0);
  write_image (path, ids);

  g_assert_true (lda_document_import_mask (document, 0, path, LDA_MASK_AUTO, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, LDA_MASK_INSTANCES);
  g_assert_cmpuint (info.nuclei, ==, n_live + n_dead);

  /* The same rule on the same nuclei: the same calls, nearly everywhere
   * (an instance image has no split lines, so a pixel or two more). */
  edits = lda_document_get_edits (document, 0);
  for (guint i = 0; i < 512 * 512; i++)
    {
      guint shown = lda_image_get (automatic, i % 512, i / 512);

      if (id[i] == 0)
        {
          /* Cells and outlines stay automatic. */
          g_assert_true (edits->pixels[i] == LDA_NO_EDIT);
          continue;
        }
      nucleus++;
      outline += edits->pixels[i] == LDA_CLASS_OUTLINE;
      agree += edits->pixels[i] == shown;
    }
  g_assert_cmpuint (outline, ==, 0);
  g_assert_cmpuint (agree, >=, nucleus * 98 / 100);
  g_assert_cmpuint (info.dead, >=, n_dead * 9 / 10);
  g_assert_cmpuint (info.dead, <=, n_dead + n_dead / 10 + 1);

  /* Fewer nuclei: an automatic nucleus the image lacks becomes cell area. */
  for (guint i = 0; i < 512 * 512; i++)
    if (id[i] == 1)
      id[i] = 0;
  write_image (path, ids);
  g_assert_true (lda_document_import_mask (document, 0, path, LDA_MASK_INSTANCES, &info, &error));
  g_assert_no_error (error);
  edits = lda_document_get_edits (document, 0);
  for (guint i = 0; i < 512 * 512; i++)
    if (lda_image_get (automatic, i % 512, i / 512) == LDA_CLASS_HOECHST && id[i] == 0)
      g_assert_cmpuint (edits->pixels[i], ==, LDA_CLASS_CELL);

  /* Two imports, two steps. */
  g_assert_true (lda_document_undo (document, 0));
  g_assert_true (lda_document_undo (document, 0));
  g_assert_cmpuint (lda_edits_count (lda_document_get_edits (document, 0)), ==, 0);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

static void
fill_box (guint16 *id,
          guint    x0,
          guint    y0,
          guint    side,
          guint16  label)
{
  for (guint y = y0; y < y0 + side; y++)
    for (guint x = x0; x < x0 + side; x++)
      id[y * 512 + x] = label;
}

/* One nucleus per label, with either preset's connectivity: a label's
 * stray pixels far from it become cell area, and two labels touching
 * only at a corner stay two nuclei.  The frame then counts as many
 * nuclei as the import said (a stray pixel counted as a nucleus of its
 * own before: 154 nuclei for 151 labels). */
static void
test_instances_one_piece (gconstpointer data)
{
  g_autofree char *dir = copy_sample ();
  g_autofree char *path = g_build_filename (dir, "nuclei.tif", NULL);
  g_autoptr(LdaDocument) document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  g_autoptr(LdaImage) ids = lda_image_new (LDA_PIXEL_U16, 512, 512, NULL);
  g_autoptr(LdaImage) automatic = NULL;
  g_autoptr(LdaImage) merged = lda_image_new (LDA_PIXEL_U8, 512, 512, NULL);
  g_autoptr(LdaCounts) counts = NULL;
  g_autoptr(GError) error = NULL;
  guint16 *id = lda_image_u16 (ids);
  LdaMaskImportInfo info;
  LdaParams params;
  LdaEdits *edits;

  lda_params_init_preset (&params, GPOINTER_TO_UINT (data));
  g_assert_true (lda_document_set_params (document, 0, &params));
  automatic = automatic_labels (document);

  fill_box (id, 20, 20, 10, 1);
  id[100 * 512 + 100] = 1;                 /* a stray pixel of label 1 */
  fill_box (id, 30, 30, 10, 2);            /* touches 1 at a corner */
  fill_box (id, 200, 200, 6, 3);
  id[300 * 512 + 300] = id[300 * 512 + 301] = 3;
  write_image (path, ids);

  g_assert_true (lda_document_import_mask (document, 0, path, LDA_MASK_INSTANCES, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.nuclei, ==, 3);
  edits = lda_document_get_edits (document, 0);
  g_assert_cmpuint (edits->pixels[100 * 512 + 100], ==, LDA_CLASS_CELL);
  g_assert_cmpuint (edits->pixels[300 * 512 + 301], ==, LDA_CLASS_CELL);

  for (guint i = 0; i < 512 * 512; i++)
    lda_image_u8 (merged)[i] = edits->pixels[i] != LDA_NO_EDIT
                               ? edits->pixels[i] : (guint8) lda_image_get (automatic, i % 512, i / 512);
  counts = lda_counts_new_from_labels_full (merged, lda_params_nucleus_connectivity (&params));
  g_assert_cmpuint (counts->n_objects, ==, info.nuclei);
  g_assert_cmpuint (counts->live + counts->dead, ==, info.live + info.dead);

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

static void
assert_refused (LdaDocument *document,
                const char  *path,
                LdaMaskKind  kind,
                int          code,
                const char  *needle)
{
  g_autoptr(GError) error = NULL;
  LdaEdits *edits = lda_document_get_edits (document, 0);
  gsize before = edits != NULL ? lda_edits_count (edits) : 0;

  g_assert_false (lda_document_import_mask (document, 0, path, kind, NULL, &error));
  g_assert_error (error, LDA_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, needle));
  edits = lda_document_get_edits (document, 0);
  g_assert_cmpuint (edits != NULL ? lda_edits_count (edits) : 0, ==, before);
  g_assert_false (lda_document_can_undo (document, 0));
}

static void
test_refused (void)
{
  g_autofree char *dir = copy_sample ();
  g_autofree char *small = g_build_filename (dir, "small.tif", NULL);
  g_autofree char *many = g_build_filename (dir, "many.tif", NULL);
  g_autofree char *micrograph = g_build_filename (dir, SAMPLE "_hoechst.tif", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.tif", NULL);
  g_autoptr(LdaDocument) document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 256, 256, NULL);
  g_autoptr(LdaImage) labels = lda_image_new (LDA_PIXEL_U16, 512, 512, NULL);

  write_image (small, image);
  lda_image_u16 (labels)[1000] = 7;
  write_image (many, labels);

  assert_refused (document, small, LDA_MASK_AUTO, LDA_ERROR_SIZE_MISMATCH, "256 × 256");
  assert_refused (document, micrograph, LDA_MASK_AUTO, LDA_ERROR_CORRUPT, "not a label image");
  assert_refused (document, many, LDA_MASK_CLASSES, LDA_ERROR_CORRUPT, "0–4");
  assert_refused (document, missing, LDA_MASK_AUTO, LDA_ERROR_NOT_FOUND, "missing.tif");

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

/* Writes @ids as 32-bit signed integers, as tifffile writes StarDist's
 * labels, each label plus @add (0 stays 0); @negative puts a -1 at the
 * first pixel. */
static void
write_int32 (const char     *path,
             const LdaImage *ids,
             guint32         add,
             gboolean        negative)
{
  TIFF *tif = TIFFOpen (path, "w");
  g_autofree gint32 *row = g_new (gint32, ids->width);

  g_assert_nonnull (tif);
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) ids->width));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) ids->height));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 32));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLEFORMAT, (guint16) SAMPLEFORMAT_INT));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK));
  g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 16));
  for (guint y = 0; y < ids->height; y++)
    {
      for (guint x = 0; x < ids->width; x++)
        {
          guint v = lda_image_get (ids, x, y);

          row[x] = v == 0 ? 0 : (gint32) (v + add);
        }
      if (negative && y == 0)
        row[0] = -1;
      g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);
}

/* Nuclei labelled with 32-bit integers (StarDist's, through tifffile)
 * are taken as the same nuclei in 16 bits, numbered again when a label
 * is above 65 535; they were refused ("signed 32-bit integer samples are
 * not supported").  A negative value is refused, named. */
static void
test_instances_int32 (void)
{
  g_autofree char *dir = copy_sample ();
  g_autofree char *path = g_build_filename (dir, "stardist.tif", NULL);
  g_autoptr(LdaDocument) document = lda_document_open (open_series (dir), LDA_DOCUMENT_NONE);
  g_autoptr(LdaImage) automatic = automatic_labels (document);
  g_autoptr(LdaImage) ids = lda_image_new (LDA_PIXEL_U16, 512, 512, NULL);
  g_autoptr(GError) error = NULL;
  guint n;
  LdaMaskImportInfo info;

  n = label_components (automatic, LDA_CLASS_HOECHST, lda_image_u16 (ids), 1) - 1;
  n = label_components (automatic, LDA_CLASS_DRAQ7, lda_image_u16 (ids), n + 1) - 1;
  g_assert_cmpuint (n, >, 10);

  for (guint run = 0; run < 2; run++)
    {
      write_int32 (path, ids, run == 0 ? 0 : 100000, FALSE);
      g_assert_true (lda_document_import_mask (document, 0, path, LDA_MASK_AUTO, &info, &error));
      g_assert_no_error (error);
      g_assert_cmpint (info.kind, ==, LDA_MASK_INSTANCES);
      g_assert_cmpuint (info.nuclei, ==, n);
    }

  write_int32 (path, ids, 0, TRUE);
  g_assert_false (lda_document_import_mask (document, 0, path, LDA_MASK_AUTO, &info, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "value -1 at column 0, row 0"));

  lda_document_close (document);
  lda_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mask-import/classes", test_classes);
  g_test_add_data_func ("/mask-import/classes-touching/robust",
                        GUINT_TO_POINTER (LDA_PRESET_ROBUST), test_classes_touching);
  g_test_add_data_func ("/mask-import/classes-touching/article",
                        GUINT_TO_POINTER (LDA_PRESET_ARTICLE), test_classes_touching);
  g_test_add_func ("/mask-import/instances", test_instances);
  g_test_add_func ("/mask-import/instances-int32", test_instances_int32);
  g_test_add_data_func ("/mask-import/one-piece/robust", GUINT_TO_POINTER (LDA_PRESET_ROBUST),
                        test_instances_one_piece);
  g_test_add_data_func ("/mask-import/one-piece/article", GUINT_TO_POINTER (LDA_PRESET_ARTICLE),
                        test_instances_one_piece);
  g_test_add_func ("/mask-import/refused", test_refused);

  return g_test_run ();
}
