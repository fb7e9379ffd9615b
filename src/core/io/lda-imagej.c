/* lda-imagej.c — the ImageDescription ImageJ writes into its TIFF files
 *
 * ImageJ (and Fiji) describe a stack as "key=value" lines:
 *
 *   ImageJ=1.54f
 *   images=6
 *   channels=3
 *   frames=2
 *   hyperstack=true
 *   unit=micron
 *   finterval=7200
 *
 * Only the keys below are read; others are left alone.  A number that is
 * not one, or counts that do not multiply to "images", make the
 * description malformed: the caller names the file.
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

/* More than any microscope writes; keeps products far from overflow. */
#define MAX_COUNT 1000000u

typedef struct
{
  const char *name;
  double      um;
} LengthUnit;

static const LengthUnit length_units[] = {
  { "micron", 1.0 }, { "microns", 1.0 }, { "um", 1.0 }, { "µm", 1.0 },
  { "\\u00B5m", 1.0 }, { "micrometer", 1.0 }, { "micrometre", 1.0 },
  { "nm", 1e-3 }, { "nanometer", 1e-3 }, { "mm", 1e3 }, { "millimeter", 1e3 },
  { "cm", 1e4 }, { "m", 1e6 }, { "meter", 1e6 }, { "inch", 25400.0 },
};

/**
 * lda_length_unit_um:
 * @unit: the name of a length unit, as ImageJ or OME write it
 *
 * Returns: micrometres per @unit, or 0 when @unit is not a length
 */
double
lda_length_unit_um (const char *unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (length_units); i++)
    if (g_ascii_strcasecmp (unit, length_units[i].name) == 0)
      return length_units[i].um;

  return 0.0;
}

static double
time_unit_hours (const char *unit)
{
  if (g_ascii_strcasecmp (unit, "sec") == 0 || g_ascii_strcasecmp (unit, "s") == 0 ||
      g_ascii_strcasecmp (unit, "second") == 0 || g_ascii_strcasecmp (unit, "seconds") == 0)
    return 1.0 / 3600.0;
  if (g_ascii_strcasecmp (unit, "ms") == 0 || g_ascii_strcasecmp (unit, "msec") == 0)
    return 1.0 / 3600000.0;
  if (g_ascii_strcasecmp (unit, "min") == 0 || g_ascii_strcasecmp (unit, "minute") == 0 ||
      g_ascii_strcasecmp (unit, "minutes") == 0)
    return 1.0 / 60.0;
  if (g_ascii_strcasecmp (unit, "h") == 0 || g_ascii_strcasecmp (unit, "hr") == 0 ||
      g_ascii_strcasecmp (unit, "hour") == 0 || g_ascii_strcasecmp (unit, "hours") == 0)
    return 1.0;

  return 0.0;
}

static gboolean
parse_count (const char  *key,
             const char  *value,
             guint       *count,
             GError     **error)
{
  guint64 v;
  char *end = NULL;

  errno = 0;
  v = g_ascii_isdigit (value[0]) ? g_ascii_strtoull (value, &end, 10) : 0;
  if (end == NULL || *end != '\0' || errno != 0 || v == 0 || v > MAX_COUNT)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its ImageJ description says %s=%s, which is not a count from 1 to %u"),
                   key, value, MAX_COUNT);
      return FALSE;
    }

  *count = (guint) v;
  return TRUE;
}

/* Values are quoted from the file, which may hold any bytes. */
static gboolean
make_valid (GError **error)
{
  if (error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid ((*error)->message, -1);

      g_free ((*error)->message);
      (*error)->message = valid;
    }

  return FALSE;
}

static gboolean parse_description (const char    *text,
                                   gsize          len,
                                   LdaImageJInfo *info,
                                   GError       **error);

/**
 * lda_imagej_parse:
 * @text: the ImageDescription, not necessarily nul-terminated
 * @len: its length in bytes
 * @info: (out): what it says
 * @error: return location for an error
 *
 * A description that is not ImageJ's is no error: @info->is_imagej is
 * then %FALSE.  Messages do not name the file; the caller adds it.
 *
 * Returns: %FALSE if the description is ImageJ's but malformed
 */
gboolean
lda_imagej_parse (const char     *text,
                  gsize           len,
                  LdaImageJInfo  *info,
                  GError        **error)
{
  if (!parse_description (text, len, info, error))
    return make_valid (error);

  return TRUE;
}

static gboolean
parse_description (const char     *text,
                   gsize           len,
                   LdaImageJInfo  *info,
                   GError        **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *tunit = NULL;
  double finterval = 0.0;
  gboolean has_images = FALSE;
  guint64 product;

  memset (info, 0, sizeof *info);
  info->images = 1;
  info->channels = 1;
  info->slices = 1;
  info->frames = 1;

  if (len < 7 || memcmp (text, "ImageJ=", 7) != 0)
    return TRUE;
  info->is_imagej = TRUE;

  copy = g_strndup (text, len);
  lines = g_strsplit (copy, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      const char *key, *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      key = g_strstrip (lines[i]);
      value = g_strstrip (eq + 1);

      if (strcmp (key, "images") == 0)
        {
          if (!parse_count (key, value, &info->images, error))
            return FALSE;
          has_images = TRUE;
        }
      else if (strcmp (key, "channels") == 0)
        {
          if (!parse_count (key, value, &info->channels, error))
            return FALSE;
        }
      else if (strcmp (key, "slices") == 0)
        {
          if (!parse_count (key, value, &info->slices, error))
            return FALSE;
        }
      else if (strcmp (key, "frames") == 0)
        {
          if (!parse_count (key, value, &info->frames, error))
            return FALSE;
        }
      else if (strcmp (key, "hyperstack") == 0)
        info->hyperstack = g_ascii_strcasecmp (value, "true") == 0;
      else if (strcmp (key, "unit") == 0)
        info->unit_um = lda_length_unit_um (value);
      else if (strcmp (key, "tunit") == 0)
        {
          g_free (tunit);
          tunit = g_strdup (value);
        }
      else if (strcmp (key, "finterval") == 0)
        {
          char *end = NULL;

          finterval = g_ascii_strtod (value, &end);
          if (end == value || *end != '\0' || !isfinite (finterval) || finterval < 0.0)
            {
              g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                           _("its ImageJ description says finterval=%s, which is not a "
                           "time between frames"), value);
              return FALSE;
            }
        }
    }

  product = (guint64) info->channels * info->slices * info->frames;
  if (!has_images)
    info->images = (guint) MIN (product, (guint64) G_MAXUINT);
  else if (product > 1 && product != info->images)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   _("its ImageJ description says images=%u, but channels=%u × slices=%u "
                   "× frames=%u make %llu"),
                   info->images, info->channels, info->slices, info->frames,
                   (unsigned long long) product);
      return FALSE;
    }

  if (finterval > 0.0)
    {
      double unit = tunit != NULL ? time_unit_hours (tunit) : 1.0 / 3600.0;

      info->finterval_hours = unit > 0.0 ? finterval * unit : 0.0;
    }

  return TRUE;
}
