/* test-image.c — LdaImage allocation, sharing and limits
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-error.h"
#include "lda-image.h"

static void
test_new_is_zeroed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 7, 3, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (image->width, ==, 7);
  g_assert_cmpuint (image->height, ==, 3);
  g_assert_cmpuint (lda_image_n_pixels (image), ==, 21);
  g_assert_cmpuint (lda_image_n_bytes (image), ==, 42);
  for (guint i = 0; i < 21; i++)
    g_assert_cmpuint (lda_image_u16 (image)[i], ==, 0);
}

static void
test_saturation (void)
{
  g_autoptr(LdaImage) wide = lda_image_new (LDA_PIXEL_U16, 1, 1, NULL);
  g_autoptr(LdaImage) narrow = lda_image_new (LDA_PIXEL_U8, 1, 1, NULL);

  g_assert_cmpuint (lda_image_saturation (wide), ==, 65535);
  g_assert_cmpuint (lda_image_saturation (narrow), ==, 255);

  /* Widened 8-bit data keeps its 8-bit saturation. */
  wide->source_bits = 8;
  g_assert_cmpuint (lda_image_saturation (wide), ==, 255);
}

static void
test_get (void)
{
  const guint16 pixels[6] = { 1, 2, 3, 4, 5, 65535 };
  g_autoptr(LdaImage) image = lda_image_new_from_data (LDA_PIXEL_U16, 3, 2, pixels);

  g_assert_cmpuint (lda_image_get (image, 0, 0), ==, 1);
  g_assert_cmpuint (lda_image_get (image, 2, 0), ==, 3);
  g_assert_cmpuint (lda_image_get (image, 0, 1), ==, 4);
  g_assert_cmpuint (lda_image_get (image, 2, 1), ==, 65535);
}

static void
test_refcount (void)
{
  LdaImage *image = lda_image_new (LDA_PIXEL_U8, 4, 4, NULL);
  LdaImage *other = lda_image_ref (image);

  g_assert_true (image == other);
  lda_image_u8 (image)[5] = 9;
  lda_image_unref (image);
  /* Still alive through the second reference. */
  g_assert_cmpuint (lda_image_u8 (other)[5], ==, 9);
  lda_image_unref (other);
}

static void
test_size_limits (void)
{
  g_autoptr(GError) error = NULL;
  LdaImage *image;

  image = lda_image_new (LDA_PIXEL_U16, 0, 10, &error);
  g_assert_null (image);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);

  /* 65 536 × 65 536 is 4 G pixels, over the limit: refused up front with
   * a message about size, never an abort. */
  image = lda_image_new (LDA_PIXEL_U16, 65536, 65536, &error);
  g_assert_null (image);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
  g_assert_nonnull (g_strstr_len (error->message, -1, "too large"));
  g_clear_error (&error);

  g_assert_true (lda_check_size (32768, 32768, &error));
  g_assert_no_error (error);
  g_assert_false (lda_check_size (32768, 32769, &error));
  g_assert_error (error, LDA_ERROR, LDA_ERROR_TOO_LARGE);
}

/* A copy has the pixels and the depth of the source, in memory of its
 * own: whatever was in that memory before does not show. */
static void
test_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) source = lda_image_new (LDA_PIXEL_U16, 37, 5, &error);
  g_autoptr(LdaImage) copy = NULL;

  g_assert_no_error (error);
  source->source_bits = 12;
  for (gsize i = 0; i < lda_image_n_pixels (source); i++)
    lda_image_u16 (source)[i] = (guint16) (i * 977);

  copy = lda_image_copy (source, &error);
  g_assert_no_error (error);
  g_assert_true (copy != source);
  g_assert_true (copy->data != source->data);
  g_assert_cmpuint (copy->width, ==, 37);
  g_assert_cmpuint (copy->height, ==, 5);
  g_assert_cmpint (copy->type, ==, LDA_PIXEL_U16);
  g_assert_cmpuint (copy->source_bits, ==, 12);
  g_assert_cmpmem (copy->data, lda_image_n_bytes (copy), source->data, lda_image_n_bytes (source));

  /* Its own pixels: the source can change. */
  lda_image_u16 (source)[3] = 1;
  g_assert_cmpuint (lda_image_u16 (copy)[3], ==, 3 * 977);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image/new-is-zeroed", test_new_is_zeroed);
  g_test_add_func ("/image/saturation", test_saturation);
  g_test_add_func ("/image/get", test_get);
  g_test_add_func ("/image/refcount", test_refcount);
  g_test_add_func ("/image/size-limits", test_size_limits);
  g_test_add_func ("/image/copy", test_copy);

  return g_test_run ();
}
