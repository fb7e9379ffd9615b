/* stack-fixtures.c — multi-channel TIFF files made from the bundled sample
 *
 * The sample's three channels written the way ImageJ and OME tools write
 * them, so that a test can check that each layout gives the counts of the
 * three-file triple.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <tiffio.h>

#include "lda-tiff.h"
#include "lda-triples.h"
#include "stack-fixtures.h"

static const char * const suffixes[LDA_N_INPUTS] = { "_bf.tif", "_hoechst.tif", "_draq7.tif" };

char *
fx_sample_path (LdaInput input)
{
  g_autofree char *name = g_strconcat (FX_SAMPLE, suffixes[input], NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
}

LdaImage *
fx_sample_image (LdaInput input)
{
  g_autofree char *path = fx_sample_path (input);
  g_autoptr(GError) error = NULL;
  LdaImage *image = lda_tiff_read (path, 0, &error);

  g_assert_no_error (error);
  return image;
}

/* The counts of the sample's triple with the default parameters. */
void
fx_sample_counts (guint *live,
                  guint *dead)
{
  g_autofree char *bf = fx_sample_path (LDA_INPUT_BRIGHTFIELD);
  g_autofree char *ho = fx_sample_path (LDA_INPUT_HOECHST);
  g_autofree char *dr = fx_sample_path (LDA_INPUT_DRAQ7);
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaPipeline) pipeline = lda_triple_open_pipeline (triple, 0, &error);

  g_assert_no_error (error);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  *live = lda_pipeline_get_counts (pipeline)->live;
  *dead = lda_pipeline_get_counts (pipeline)->dead;
}

void
fx_write_pages (const char       *path,
                LdaImage * const *pages,
                guint             n_pages,
                const char       *description,
                double            x_resolution,
                guint16           resolution_unit)
{
  TIFF *tif = TIFFOpen (path, "w");

  g_assert_nonnull (tif);
  for (guint p = 0; p < n_pages; p++)
    {
      const LdaImage *image = pages[p];

      TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) image->width);
      TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) image->height);
      TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 16);
      TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1);
      TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK);
      TIFFSetField (tif, TIFFTAG_PLANARCONFIG, (guint16) PLANARCONFIG_CONTIG);
      TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 64);
      if (p == 0 && description != NULL)
        TIFFSetField (tif, TIFFTAG_IMAGEDESCRIPTION, description);
      if (x_resolution > 0.0)
        {
          TIFFSetField (tif, TIFFTAG_XRESOLUTION, (float) x_resolution);
          TIFFSetField (tif, TIFFTAG_YRESOLUTION, (float) x_resolution);
          TIFFSetField (tif, TIFFTAG_RESOLUTIONUNIT, resolution_unit);
        }
      for (guint y = 0; y < image->height; y++)
        g_assert_cmpint (TIFFWriteScanline (tif, (void *) (lda_image_u16 (image) +
                                                           (gsize) y * image->width),
                                            y, 0), ==, 1);
      g_assert_true (TIFFWriteDirectory (tif));
    }
  TIFFClose (tif);
}

/* An ImageJ hyperstack of the sample's channels in @order, repeated for
 * @n_frames time points, calibrated 0.65 µm per pixel; @extra adds lines
 * to the description. */
void
fx_write_imagej (const char     *path,
                 const LdaInput *order,
                 guint           n_frames,
                 const char     *extra)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) lda_image_unref);
  g_autofree char *description = NULL;

  for (guint t = 0; t < n_frames; t++)
    for (guint c = 0; c < LDA_N_INPUTS; c++)
      g_ptr_array_add (pages, fx_sample_image (order[c]));

  description = g_strdup_printf ("ImageJ=1.54f\nimages=%u\nchannels=3\nframes=%u\n"
                                 "hyperstack=true\nmode=composite\nunit=micron\n%s",
                                 pages->len, n_frames, extra != NULL ? extra : "");
  fx_write_pages (path, (LdaImage * const *) pages->pdata, pages->len, description,
                  1.0 / 0.65, RESUNIT_NONE);
}

static void
put_u32 (GByteArray *bytes,
         guint32     v,
         gboolean    big_endian)
{
  guint8 b[4];

  for (guint i = 0; i < 4; i++)
    b[big_endian ? i : 3 - i] = (guint8) (v >> (24 - 8 * i));
  g_byte_array_append (bytes, b, 4);
}

/* ImageJ's IJMetadata and IJMetadataByteCounts for @labels, one per page,
 * as ImageJ writes them: a header "IJIJ" then "labl" and the count, then a
 * UTF-16 string per label, all in the file's byte order. */
static void
set_imagej_labels (TIFF               *tif,
                   const char * const *labels,
                   gboolean            big_endian)
{
  static const TIFFFieldInfo fields[] = {
    { 50838, TIFF_VARIABLE2, TIFF_VARIABLE2, TIFF_LONG, FIELD_CUSTOM, 1, 1,
      (char *) "IJMetadataByteCounts" },
    { 50839, TIFF_VARIABLE2, TIFF_VARIABLE2, TIFF_BYTE, FIELD_CUSTOM, 1, 1,
      (char *) "IJMetadata" },
  };
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = g_strv_length ((char **) labels);
  guint32 header = 12;

  g_assert_cmpint (TIFFMergeFieldInfo (tif, fields, G_N_ELEMENTS (fields)), ==, 0);
  g_byte_array_append (data, (const guint8 *) (big_endian ? "IJIJlabl" : "JIJIlbal"), 8);
  put_u32 (data, n, big_endian);
  g_array_append_val (counts, header);
  for (guint i = 0; i < n; i++)
    {
      glong n_units = 0;
      g_autofree gunichar2 *units = g_utf8_to_utf16 (labels[i], -1, NULL, &n_units, NULL);
      guint32 n_bytes = (guint32) n_units * 2;

      for (glong u = 0; u < n_units; u++)
        {
          guint8 b[2] = { (guint8) (units[u] >> 8), (guint8) units[u] };

          if (!big_endian)
            {
              guint8 lo = b[1];

              b[1] = b[0];
              b[0] = lo;
            }
          g_byte_array_append (data, b, 2);
        }
      g_array_append_val (counts, n_bytes);
    }

  g_assert_true (TIFFSetField (tif, 50838, (guint32) counts->len, counts->data));
  g_assert_true (TIFFSetField (tif, 50839, (guint32) data->len, data->data));
}

/* An ImageJ hyperstack as fx_write_imagej() writes it, whose pages carry
 * ImageJ's slice labels @names[c] for channel c, in a big- or
 * little-endian file. */
void
fx_write_imagej_labelled (const char         *path,
                          const LdaInput     *order,
                          const char * const *names,
                          guint               n_frames,
                          gboolean            big_endian)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *description = NULL;
  TIFF *tif = TIFFOpen (path, big_endian ? "wb" : "wl");

  g_assert_nonnull (tif);
  for (guint t = 0; t < n_frames; t++)
    for (guint c = 0; c < LDA_N_INPUTS; c++)
      g_ptr_array_add (labels, (gpointer) names[c]);
  g_ptr_array_add (labels, NULL);
  description = g_strdup_printf ("ImageJ=1.54f\nimages=%u\nchannels=3\nframes=%u\n"
                                 "hyperstack=true\nmode=composite\n", 3 * n_frames, n_frames);

  for (guint p = 0; p < 3 * n_frames; p++)
    {
      g_autoptr(LdaImage) image = fx_sample_image (order[p % 3]);

      TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) image->width);
      TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) image->height);
      TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, (guint16) 16);
      TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, (guint16) 1);
      TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, (guint16) PHOTOMETRIC_MINISBLACK);
      TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 64);
      if (p == 0)
        {
          TIFFSetField (tif, TIFFTAG_IMAGEDESCRIPTION, description);
          set_imagej_labels (tif, (const char * const *) labels->pdata, big_endian);
        }
      for (guint y = 0; y < image->height; y++)
        g_assert_cmpint (TIFFWriteScanline (tif, (void *) (lda_image_u16 (image) +
                                                           (gsize) y * image->width),
                                            y, 0), ==, 1);
      g_assert_true (TIFFWriteDirectory (tif));
    }
  TIFFClose (tif);
}

/* OME-XML for one image of 3 channels named @names and @n_frames time
 * points; @files, when given, puts channel c in file @files[c]. */
char *
fx_ome_xml (const char         *order,
            const char * const *names,
            guint               n_frames,
            const char         *pixels_extra,
            const char * const *files)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\">"
                               "<Image ID=\"Image:0\" Name=\"A1\">");

  g_string_append_printf (xml, "<Pixels ID=\"Pixels:0\" DimensionOrder=\"%s\" Type=\"uint16\" "
                          "SizeX=\"512\" SizeY=\"512\" SizeC=\"3\" SizeZ=\"1\" SizeT=\"%u\" %s>",
                          order, n_frames, pixels_extra != NULL ? pixels_extra : "");
  for (guint c = 0; c < 3; c++)
    g_string_append_printf (xml, "<Channel ID=\"Channel:0:%u\" Name=\"%s\" SamplesPerPixel=\"1\"/>",
                            c, names[c]);
  if (files != NULL)
    for (guint c = 0; c < 3; c++)
      g_string_append_printf (xml, "<TiffData FirstC=\"%u\" FirstT=\"0\" FirstZ=\"0\" IFD=\"0\" "
                              "PlaneCount=\"%u\"><UUID FileName=\"%s\">urn:uuid:%u</UUID>"
                              "</TiffData>", c, n_frames, files[c], c);
  g_string_append (xml, "</Pixels></Image></OME>");

  return g_string_free (xml, FALSE);
}

void
fx_write_bytes (const char *path,
                const void *data,
                gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) len, &error));
  g_assert_no_error (error);
}

/* The first frame of @series counts as the bundled sample does: its
 * channels were found, in the right roles. */
void
fx_assert_sample_counts (LdaSeries *series)
{
  LdaFrame *frame = lda_series_get_frame (series, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaPipeline) pipeline = lda_triple_open_pipeline (frame->triple, frame->page, &error);
  guint live, dead;

  g_assert_no_error (error);
  g_assert_true (lda_pipeline_run (pipeline, NULL, &error));
  fx_sample_counts (&live, &dead);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->live, ==, live);
  g_assert_cmpuint (lda_pipeline_get_counts (pipeline)->dead, ==, dead);
}
