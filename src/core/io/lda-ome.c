/* lda-ome.c — the OME-XML an OME-TIFF carries in its first ImageDescription
 *
 * Read with GMarkup: of each Image, its Pixels' sizes, DimensionOrder,
 * PhysicalSizeX (and unit), TimeIncrement (and unit), the channels' names
 * and the TiffData that say which page (of which file) holds which plane.
 * Everything else (annotations, instrument, ROIs) is skipped.  Messages
 * do not name the file; the caller adds it.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-imagej.h"
#include "lda-ome.h"

/* Bounds that no real acquisition reaches; they keep every product and
 * every allocation small whatever the XML says. */
#define MAX_CHANNELS 64u
#define MAX_SIZE     1000000u
#define MAX_PLANES   100000000u
#define MAX_IMAGES   10000u

typedef struct
{
  GPtrArray   *images;   /* LdaOmeImage */
  LdaOmeImage *image;    /* the one being read, or NULL */
  GPtrArray   *channels; /* names of its Channel elements */
  gboolean     in_pixels;
  LdaOmeTiffData *tiff_data; /* the one being read */
  gboolean     in_uuid;
} ParseState;

void
lda_ome_image_free (LdaOmeImage *image)
{
  if (image == NULL)
    return;

  g_free (image->name);
  g_strfreev (image->channel_names);
  if (image->tiff_data != NULL)
    {
      for (guint i = 0; i < image->tiff_data->len; i++)
        g_free (g_array_index (image->tiff_data, LdaOmeTiffData, i).file);
      g_array_unref (image->tiff_data);
    }
  g_free (image);
}

/* Element names may carry a namespace prefix ("ome:Pixels"). */
static const char *
local_name (const char *element)
{
  const char *colon = strrchr (element, ':');

  return colon != NULL ? colon + 1 : element;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return values[i];

  return NULL;
}

static gboolean
parse_uint (const char  *element,
            const char  *name,
            const char  *value,
            guint        min,
            guint        max,
            guint       *out,
            GError     **error)
{
  guint64 v;
  char *end = NULL;

  errno = 0;
  v = g_ascii_isdigit (value[0]) ? g_ascii_strtoull (value, &end, 10) : 0;
  if (end == NULL || *end != '\0' || errno != 0 || v < min || v > max)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML says %s %s=\"%s\", which is not a number from %u to %u"),
                   element, name, value, min, max);
      return FALSE;
    }

  *out = (guint) v;
  return TRUE;
}

static gboolean
parse_positive (const char  *element,
                const char  *name,
                const char  *value,
                double      *out,
                GError     **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !isfinite (v) || v < 0.0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML says %s %s=\"%s\", which is not a positive number"),
                   element, name, value);
      return FALSE;
    }

  *out = v;
  return TRUE;
}

static double
time_unit_hours (const char *unit)
{
  if (unit == NULL || strcmp (unit, "s") == 0)
    return 1.0 / 3600.0;
  if (strcmp (unit, "ms") == 0)
    return 1.0 / 3600000.0;
  if (strcmp (unit, "min") == 0)
    return 1.0 / 60.0;
  if (strcmp (unit, "h") == 0)
    return 1.0;
  if (strcmp (unit, "d") == 0)
    return 24.0;

  return 0.0;
}

static gboolean
start_pixels (ParseState   *state,
              const char  **names,
              const char  **values,
              GError      **error)
{
  LdaOmeImage *image = state->image;
  const char *order = attribute (names, values, "DimensionOrder");
  const char *c = attribute (names, values, "SizeC");
  const char *z = attribute (names, values, "SizeZ");
  const char *t = attribute (names, values, "SizeT");
  const char *px = attribute (names, values, "PhysicalSizeX");
  const char *px_unit = attribute (names, values, "PhysicalSizeXUnit");
  const char *dt = attribute (names, values, "TimeIncrement");
  const char *dt_unit = attribute (names, values, "TimeIncrementUnit");
  static const char * const orders[] = {
    "XYZCT", "XYZTC", "XYCTZ", "XYCZT", "XYTCZ", "XYTZC",
  };
  gboolean known = FALSE;

  if (order == NULL || c == NULL || z == NULL || t == NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML has Pixels without DimensionOrder, SizeC, SizeZ or SizeT"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    known = known || strcmp (order, orders[i]) == 0;
  if (!known)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML says DimensionOrder=\"%s\", which is not an order of "
                   "X, Y, Z, C and T"), order);
      return FALSE;
    }
  memcpy (image->dimension_order, order, 6);

  if (!parse_uint ("Pixels", "SizeC", c, 1, MAX_CHANNELS, &image->size_c, error) ||
      !parse_uint ("Pixels", "SizeZ", z, 1, MAX_SIZE, &image->size_z, error) ||
      !parse_uint ("Pixels", "SizeT", t, 1, MAX_SIZE, &image->size_t, error))
    return FALSE;
  if ((guint64) image->size_c * image->size_z * image->size_t > MAX_PLANES)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML announces more than %u planes"), MAX_PLANES);
      return FALSE;
    }

  if (px != NULL)
    {
      double size, unit = lda_length_unit_um (px_unit != NULL ? px_unit : "µm");

      if (!parse_positive ("Pixels", "PhysicalSizeX", px, &size, error))
        return FALSE;
      image->pixel_size_um = size * unit;
    }
  if (dt != NULL)
    {
      double step;

      if (!parse_positive ("Pixels", "TimeIncrement", dt, &step, error))
        return FALSE;
      image->time_increment_hours = step * time_unit_hours (dt_unit);
    }

  state->in_pixels = TRUE;
  return TRUE;
}

static gboolean
start_tiff_data (ParseState   *state,
                 const char  **names,
                 const char  **values,
                 GError      **error)
{
  LdaOmeImage *image = state->image;
  LdaOmeTiffData data = { 0, };
  static const char * const keys[] = { "IFD", "FirstC", "FirstZ", "FirstT", "PlaneCount" };
  guint *fields[] = { &data.ifd, &data.first_c, &data.first_z, &data.first_t,
                      &data.plane_count };
  guint limits[] = { G_MAXINT, image->size_c - 1, image->size_z - 1, image->size_t - 1,
                     MAX_PLANES };

  if (image->tiff_data->len >= MAX_PLANES / 1000)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML has too many TiffData elements"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = attribute (names, values, keys[i]);

      if (value != NULL &&
          !parse_uint ("TiffData", keys[i], value, 0, limits[i], fields[i], error))
        return FALSE;
    }

  g_array_append_val (image->tiff_data, data);
  state->tiff_data = &g_array_index (image->tiff_data, LdaOmeTiffData,
                                     image->tiff_data->len - 1);
  return TRUE;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;
  const char *name = local_name (element_name);

  (void) context;

  if (strcmp (name, "Image") == 0)
    {
      if (state->image != NULL || state->images->len >= MAX_IMAGES)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("its OME-XML has an Image inside an Image, or too many Images"));
          return;
        }
      state->image = g_new0 (LdaOmeImage, 1);
      state->image->name = g_strdup (attribute (names, values, "Name"));
      state->image->tiff_data = g_array_new (FALSE, TRUE, sizeof (LdaOmeTiffData));
      state->channels = g_ptr_array_new_with_free_func (g_free);
    }
  else if (state->image == NULL)
    return;
  else if (strcmp (name, "Pixels") == 0)
    {
      if (state->image->size_c != 0)
        g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                     _("its OME-XML has two Pixels in one Image"));
      else
        start_pixels (state, names, values, error);
    }
  else if (!state->in_pixels)
    return;
  else if (strcmp (name, "Channel") == 0)
    {
      const char *label = attribute (names, values, "Name");

      if (label == NULL)
        label = attribute (names, values, "Fluor");
      if (state->channels->len >= state->image->size_c)
        g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                     _("its OME-XML says SizeC=%u but lists more channels"),
                     state->image->size_c);
      else
        g_ptr_array_add (state->channels, g_strdup (label != NULL ? label : ""));
    }
  else if (strcmp (name, "TiffData") == 0)
    start_tiff_data (state, names, values, error);
  else if (strcmp (name, "UUID") == 0 && state->tiff_data != NULL)
    {
      const char *file = attribute (names, values, "FileName");

      if (file != NULL && state->tiff_data->file == NULL)
        state->tiff_data->file = g_strdup (file);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  const char *name = local_name (element_name);

  (void) context;

  if (state->image == NULL)
    return;

  if (strcmp (name, "TiffData") == 0)
    state->tiff_data = NULL;
  else if (strcmp (name, "Pixels") == 0)
    state->in_pixels = FALSE;
  else if (strcmp (name, "Image") == 0)
    {
      LdaOmeImage *image = g_steal_pointer (&state->image);

      if (image->size_c == 0)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("its OME-XML has an Image without Pixels"));
          lda_ome_image_free (image);
          g_clear_pointer (&state->channels, g_ptr_array_unref);
          return;
        }
      if (state->channels->len != 0 && state->channels->len != image->size_c)
        {
          g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                       _("its OME-XML says SizeC=%u but lists %u channels"),
                       image->size_c, state->channels->len);
          lda_ome_image_free (image);
          g_clear_pointer (&state->channels, g_ptr_array_unref);
          return;
        }
      while (state->channels->len < image->size_c)
        g_ptr_array_add (state->channels, g_strdup (""));
      g_ptr_array_add (state->channels, NULL);
      image->channel_names = (char **) g_ptr_array_free (g_steal_pointer (&state->channels),
                                                         FALSE);
      g_ptr_array_add (state->images, image);
    }
}

/**
 * lda_ome_parse:
 * @xml: the OME-XML, not necessarily nul-terminated
 * @len: its length in bytes
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type LdaOmeImage) (nullable): the
 *   images it describes, at least one; %NULL if the XML is malformed or
 *   describes none
 */
GPtrArray *
lda_ome_parse (const char  *xml,
               gsize        len,
               GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) images =
    g_ptr_array_new_with_free_func ((GDestroyNotify) lda_ome_image_free);
  g_autoptr(GError) local_error = NULL;
  ParseState state = { images, NULL, NULL, FALSE, NULL, FALSE };
  gboolean ok;

  if (len > G_MAXSSIZE)
    len = G_MAXSSIZE;
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &state, NULL);
  ok = g_markup_parse_context_parse (context, xml, (gssize) len, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);

  lda_ome_image_free (state.image);
  g_clear_pointer (&state.channels, g_ptr_array_unref);

  if (!ok)
    {
      /* Messages quote the file, which may hold any bytes. */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);

      if (local_error->domain == LDA_ERROR)
        g_set_error_literal (error, LDA_ERROR, local_error->code, valid);
      else
        g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                     _("its OME-XML is malformed: %s"), valid);
      return NULL;
    }
  if (images->len == 0)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its OME-XML describes no image"));
      return NULL;
    }

  return g_steal_pointer (&images);
}

/* The index of plane (c, z, t) in the image's dimension order. */
static guint64
plane_index (const LdaOmeImage *image,
             guint              c,
             guint              z,
             guint              t)
{
  guint64 index = 0, scale = 1;

  /* dimension_order[2..4] from fastest to slowest */
  for (guint i = 2; i < 5; i++)
    {
      char d = image->dimension_order[i];
      guint value = d == 'C' ? c : d == 'Z' ? z : t;
      guint size = d == 'C' ? image->size_c : d == 'Z' ? image->size_z : image->size_t;

      index += value * scale;
      scale *= size;
    }

  return index;
}

/**
 * lda_ome_image_locate:
 * @image: an image
 * @c: a channel
 * @t: a time point (of slice 0)
 * @file: (out) (transfer none) (nullable): the file that holds the plane,
 *   %NULL for the file of the XML
 * @ifd: (out): its page in that file
 * @error: return location for an error
 *
 * Returns: %TRUE if the XML says where the plane is (without TiffData,
 *   the planes are the pages in dimension order)
 */
gboolean
lda_ome_image_locate (const LdaOmeImage  *image,
                      guint               c,
                      guint               t,
                      const char        **file,
                      guint              *ifd,
                      GError            **error)
{
  guint64 want = plane_index (image, c, 0, t);
  guint64 total = (guint64) image->size_c * image->size_z * image->size_t;

  if (image->tiff_data->len == 0)
    {
      *file = NULL;
      *ifd = (guint) want;
      return TRUE;
    }

  for (guint i = 0; i < image->tiff_data->len; i++)
    {
      const LdaOmeTiffData *data = &g_array_index (image->tiff_data, LdaOmeTiffData, i);
      guint64 first = plane_index (image, data->first_c, data->first_z, data->first_t);
      guint64 count = data->plane_count != 0 ? data->plane_count
                      : image->tiff_data->len == 1 ? total - first : 1;

      if (want >= first && want - first < count && data->ifd + (want - first) <= G_MAXINT)
        {
          *file = data->file;
          *ifd = (guint) (data->ifd + (want - first));
          return TRUE;
        }
    }

  g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
               _("its OME-XML does not say where channel %u of time point %u is"),
               c + 1, t + 1);
  return FALSE;
}
