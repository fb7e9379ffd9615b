/* test-extremes.c — the core at the edges of what it accepts
 *
 * Images of one pixel, one row and one column; all-zero and all-saturated
 * images, 16- and 8-bit; every parameter at its limits (coarseness 1 and
 * larger than the image, kernel 1 and 31, offset 0 and 10); and a
 * 16 000 × 16 000 triple, which is segmented when the machine has the
 * memory and otherwise refused before anything is read — never an abort.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-error.h"
#include "lda-memory.h"
#include "lda-pipeline.h"
#include "lda-tiff.h"
#include "lda-triples.h"
#include "lda-test-lib.h"

#define HUGE_SIDE 16000

typedef enum
{
  FILL_ZERO,
  FILL_SATURATED,
  FILL_NOISE,
} Fill;

static const guint sizes[][2] = {
  { 1, 1 }, { 1, 37 }, { 37, 1 }, { 2, 2 }, { 3, 200 }, { 64, 48 },
};

static LdaImage *
make_image (guint width,
            guint height,
            Fill  fill,
            guint bits,
            guint seed)
{
  LdaImage *image = lda_image_new (LDA_PIXEL_U16, width, height, NULL);
  guint saturation = (1u << bits) - 1;
  GRand *rand = g_rand_new_with_seed (seed);

  image->source_bits = bits;
  for (gsize i = 0; i < lda_image_n_pixels (image); i++)
    switch (fill)
      {
      case FILL_ZERO:
        lda_image_u16 (image)[i] = 0;
        break;
      case FILL_SATURATED:
        lda_image_u16 (image)[i] = (guint16) saturation;
        break;
      case FILL_NOISE:
        lda_image_u16 (image)[i] = (guint16) g_rand_int_range (rand, 0, saturation + 1);
        break;
      }
  g_rand_free (rand);
  return image;
}

/* Every channel at once: each limit of each parameter, alone. */
static void
params_at_limit (LdaParams *params,
                 guint      which)
{
  lda_params_init (params);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      LdaChannelParams *p = &params->channel[c];

      switch (which)
        {
        case 0: break;
        case 1: p->coarseness = LDA_COARSENESS_MIN; break;
        case 2: p->coarseness = LDA_COARSENESS_MAX; break;
        case 3: p->kernel = LDA_KERNEL_MIN; break;
        case 4: p->kernel = LDA_KERNEL_MAX; break;
        case 5: p->offset = LDA_OFFSET_MIN; break;
        case 6: p->offset = LDA_OFFSET_MAX; break;
        case 7: p->use_offset = FALSE; p->ignore_saturated = TRUE; break;
        case 8: p->manual = TRUE; p->manual_threshold = 0; break;
        case 9: p->manual = TRUE; p->manual_threshold = LDA_MANUAL_MAX; break;
        default: g_assert_not_reached ();
        }
    }
}
#define N_LIMITS 10

static void
check_labels (LdaPipeline *pipeline,
              guint        width,
              guint        height,
              gboolean     must_be_empty)
{
  LdaImage *labels = lda_pipeline_get_labels (pipeline);
  const LdaCounts *counts = lda_pipeline_get_counts (pipeline);

  g_assert_nonnull (labels);
  g_assert_cmpuint (labels->width, ==, width);
  g_assert_cmpuint (labels->height, ==, height);
  for (gsize i = 0; i < lda_image_n_pixels (labels); i++)
    {
      g_assert_cmpuint (lda_image_u8 (labels)[i], <, LDA_N_CLASSES);
      if (must_be_empty)
        g_assert_cmpuint (lda_image_u8 (labels)[i], ==, LDA_CLASS_BACKGROUND);
    }
  g_assert_nonnull (counts);
  g_assert_cmpuint (counts->live + counts->dead, ==, counts->n_objects);
  g_assert_cmpfloat (counts->dead_fraction, >=, 0.0);
  g_assert_cmpfloat (counts->dead_fraction, <=, 1.0);
  if (must_be_empty)
    g_assert_cmpuint (counts->n_objects, ==, 0);
}

/* Every size × fill × depth × parameter limit runs to a valid mask. */
static void
test_matrix (void)
{
  static const guint depths[] = { 16, 8 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (Fill fill = FILL_ZERO; fill <= FILL_NOISE; fill++)
      for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
        {
          guint w = sizes[s][0], h = sizes[s][1];
          g_autoptr(LdaImage) bf = make_image (w, h, fill, depths[d], 1);
          g_autoptr(LdaImage) ho = make_image (w, h, fill, depths[d], 2);
          g_autoptr(LdaImage) dr = make_image (w, h, fill, depths[d], 3);
          g_autoptr(GError) error = NULL;
          g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (bf, ho, dr, &error);

          g_assert_no_error (error);
          for (guint which = 0; which < N_LIMITS; which++)
            {
              LdaParams params;

              params_at_limit (&params, which);
              g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
              g_assert_no_error (error);
              g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
              g_assert_no_error (error);
              /* A blank image has no edges and nothing above a threshold
               * of at least its peak (0): background only, unless a
               * manual threshold of 0 is asked for, which is not above 0
               * either. */
              check_labels (pipeline, w, h, fill == FILL_ZERO);
            }
        }
}

/* Past the limits, parameters are refused with a message, not clamped. */
static void
test_beyond_limits (void)
{
  g_autoptr(LdaImage) img = make_image (8, 8, FILL_NOISE, 16, 4);
  g_autoptr(LdaPipeline) pipeline = lda_pipeline_new (img, img, img, NULL);

  for (guint which = 0; which < 4; which++)
    {
      g_autoptr(GError) error = NULL;
      LdaParams params;

      lda_params_init (&params);
      switch (which)
        {
        case 0: params.channel[0].coarseness = 0; break;
        case 1: params.channel[1].kernel = LDA_KERNEL_MAX + 1; break;
        case 2: params.channel[2].kernel = 0; break;
        case 3: params.channel[0].offset = LDA_OFFSET_MAX + 0.001; break;
        default: g_assert_not_reached ();
        }
      g_assert_false (lda_pipeline_set_params (pipeline, &params, &error));
      g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
      g_assert_true (strstr (error->message, "range") != NULL);
    }
}

/* 8-bit files keep their depth: 255 is saturated, and saturated tiles
 * can be left out of the vote. */
static void
test_eight_bit_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lda-extremes-XXXXXX", &error);
  static const char *const names[] = { "e_bf.tif", "e_hoechst.tif", "e_draq7.tif" };
  char *paths[3] = { NULL, };
  g_autoptr(LdaTriple) triple = NULL;
  LdaImage *images[LDA_N_INPUTS];
  g_autoptr(LdaPipeline) pipeline = NULL;
  g_autoptr(LdaImage) saturated = make_image (33, 21, FILL_SATURATED, 8, 0);
  LdaParams params;

  for (guint c = 0; c < 3; c++)
    {
      g_autoptr(LdaImage) u8 = lda_image_new (LDA_PIXEL_U8, 33, 21, NULL);

      paths[c] = g_build_filename (dir, names[c], NULL);
      memset (u8->data, 255, lda_image_n_bytes (u8));
      g_assert_true (lda_tiff_write (paths[c], u8, &error));
      g_assert_no_error (error);
    }
  triple = lda_triple_new (paths[0], paths[1], paths[2]);
  g_assert_true (lda_triple_load (triple, 0, images, &error));
  g_assert_no_error (error);
  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpuint (images[c]->source_bits, ==, 8);
      g_assert_cmpuint (lda_image_saturation (images[c]), ==, 255);
      g_assert_cmpmem (images[c]->data, lda_image_n_bytes (images[c]),
                       saturated->data, lda_image_n_bytes (saturated));
    }

  pipeline = lda_pipeline_new (images[0], images[1], images[2], &error);
  g_assert_no_error (error);
  for (guint which = 0; which < N_LIMITS; which++)
    {
      params_at_limit (&params, which);
      g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
      g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
      g_assert_no_error (error);
      check_labels (pipeline, 33, 21, FALSE);
    }

  for (guint c = 0; c < 3; c++)
    {
      lda_image_unref (images[c]);
      g_unlink (paths[c]);
      g_free (paths[c]);
    }
  g_rmdir (dir);
}

static void
test_memory_check (void)
{
  g_autoptr(GError) error = NULL;
  guint64 gib = G_GUINT64_CONSTANT (1) << 30;

  g_assert_cmpuint (lda_memory_available (), >, 0);

  g_assert_true (lda_memory_check ("a.tif", 2048, 2048, LDA_PIPELINE_BYTES_PER_PIXEL,
                                   gib, &error));
  g_assert_no_error (error);

  g_assert_false (lda_memory_check ("big.tif", HUGE_SIDE, HUGE_SIDE,
                                    LDA_PIPELINE_BYTES_PER_PIXEL, 2 * gib, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "big.tif: "));
  g_assert_true (strstr (error->message, "16000 × 16000") != NULL);
  g_assert_true (strstr (error->message, "memory") != NULL);
  /* 16 000² × 20 bytes, and 2 GiB; GLib writes "5.1 GB" with a
   * no-break space. */
  g_assert_true (strstr (error->message, "5.1\u00a0GB") != NULL);
  g_assert_true (strstr (error->message, "2.1\u00a0GB") != NULL);
}

/* Writes a HUGE_SIDE² deflate-compressed 16-bit image: 512 MB of pixels
 * in a few megabytes of file, a faint regular background and one bright
 * 40 × 40 square in the middle. */
static void
write_huge (const char *path)
{
  TIFF *tif = TIFFOpen (path, "w");
  g_autofree guint16 *row = g_new0 (guint16, HUGE_SIDE);

  g_assert_nonnull (tif);
  TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, HUGE_SIDE);
  TIFFSetField (tif, TIFFTAG_IMAGELENGTH, HUGE_SIDE);
  TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, 16);
  TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField (tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField (tif, TIFFTAG_ZIPQUALITY, 1);
  TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, 64);
  for (guint y = 0; y < HUGE_SIDE; y++)
    {
      for (guint x = 0; x < HUGE_SIDE; x++)
        row[x] = (guint16) (100 + (x * 7 + y * 3) % 50);
      if (y >= 8000 && y < 8040)
        for (guint x = 8000; x < 8040; x++)
          row[x] = 4000;
      g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);
}

/* The huge triple is written once, by the first test that needs it, and
 * removed at the end; a test's subprocess finds it through the
 * environment. */
static char *huge_dir;
static gboolean huge_owned;
static LdaTriple *huge_triple;
static const char *const huge_names[] = { "huge_bf.tif", "huge_hoechst.tif", "huge_draq7.tif" };

static LdaTriple *
huge_get (void)
{
  char *paths[3];

  if (huge_triple != NULL)
    return huge_triple;

  huge_dir = g_strdup (g_getenv ("LDA_TEST_HUGE_DIR"));
  if (huge_dir == NULL)
    {
      huge_dir = g_dir_make_tmp ("lda-huge-XXXXXX", NULL);
      g_assert_nonnull (huge_dir);
      huge_owned = TRUE;
      g_setenv ("LDA_TEST_HUGE_DIR", huge_dir, TRUE);
    }
  for (guint c = 0; c < 3; c++)
    {
      paths[c] = g_build_filename (huge_dir, huge_names[c], NULL);
      if (huge_owned)
        write_huge (paths[c]);
    }
  huge_triple = lda_triple_new (paths[0], paths[1], paths[2]);
  for (guint c = 0; c < 3; c++)
    g_free (paths[c]);
  return huge_triple;
}

static void
huge_remove (void)
{
  if (!huge_owned)
    return;
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *path = g_build_filename (huge_dir, huge_names[c], NULL);

      g_unlink (path);
    }
  g_rmdir (huge_dir);
  g_clear_pointer (&huge_dir, g_free);
  g_clear_pointer (&huge_triple, lda_triple_free);
}

/* With less memory than it needs, the triple is refused before a pixel
 * is read, with a message about memory that names the file. */
static void
test_huge_refused (void)
{
#ifdef LDA_TEST_SANITIZED
  /* AddressSanitizer reserves terabytes of shadow memory, which no data
   * limit allows. */
  g_test_skip ("a data limit cannot be set under a sanitizer");
#else
  if (g_getenv ("LDA_TEST_VALGRIND") != NULL)
    {
      g_test_skip ("valgrind needs more memory than the limit allows");
      return;
    }
  if (g_test_subprocess ())
    {
      struct rlimit limit = { .rlim_cur = 1u << 30, .rlim_max = RLIM_INFINITY };
      g_autoptr(GError) error = NULL;
      g_autoptr(LdaPipeline) pipeline = NULL;

      g_assert_cmpint (setrlimit (RLIMIT_DATA, &limit), ==, 0);
      pipeline = lda_triple_open_pipeline (huge_get (), 0, &error);
      g_assert_null (pipeline);
      g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
      g_assert_true (strstr (error->message, "huge_bf.tif: a frame of 16000 × 16000 pixels") != NULL);
      g_assert_true (strstr (error->message, "memory") != NULL);
      g_print ("%s\n", error->message);
      return;
    }

  huge_get ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*a frame of 16000 * 16000 pixels needs about 5.1*GB of memory*");
#endif
}

/* With the memory, it is segmented; without, refused as above. */
static void
test_huge_works (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaPipeline) pipeline = NULL;
  LdaImage *labels;
  LdaParams params;
  guint n_nucleus = 0;

#ifdef LDA_TEST_SANITIZED
  g_test_skip ("16 000 × 16 000 takes minutes under a sanitizer");
  return;
#endif
  if (g_getenv ("LDA_TEST_VALGRIND") != NULL)
    {
      g_test_skip ("16 000 × 16 000 takes hours under valgrind");
      return;
    }
  pipeline = lda_triple_open_pipeline (huge_get (), 0, &error);
  if (pipeline == NULL)
    {
      g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
      g_test_message ("refused on this machine: %s", error->message);
      return;
    }
  /* The article's method: one nucleus in 256 million pixels of a uniform
   * background is beyond Otsu's method, which splits the background. */
  lda_params_init_preset (&params, LDA_PRESET_ARTICLE);
  g_assert_true (lda_pipeline_set_params (pipeline, &params, &error));
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  g_assert_no_error (error);
  labels = lda_pipeline_get_labels (pipeline);
  g_assert_cmpuint (labels->width, ==, HUGE_SIDE);
  g_assert_cmpuint (labels->height, ==, HUGE_SIDE);
  g_assert_cmpuint (lda_image_get (labels, 0, 0), ==, LDA_CLASS_BACKGROUND);
  g_assert_cmpuint (lda_image_get (labels, HUGE_SIDE - 1, HUGE_SIDE - 1), ==, LDA_CLASS_BACKGROUND);
  /* The bright square is a nucleus in both channels: one dead cell. */
  for (guint y = 8000; y < 8040; y++)
    for (guint x = 8000; x < 8040; x++)
      n_nucleus += lda_image_get (labels, x, y) == LDA_CLASS_DRAQ7;
  g_assert_cmpuint (n_nucleus, ==, 40 * 40);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->n_objects, ==, 1);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->dead, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/extremes/matrix", test_matrix);
  g_test_add_func ("/extremes/beyond-limits", test_beyond_limits);
  g_test_add_func ("/extremes/eight-bit-files", test_eight_bit_files);
  g_test_add_func ("/extremes/memory-check", test_memory_check);
  g_test_add_func ("/extremes/huge/refused-up-front", test_huge_refused);
  g_test_add_func ("/extremes/huge/works", test_huge_works);

  status = g_test_run ();
  huge_remove ();
  return status;
}
