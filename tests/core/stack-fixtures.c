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
