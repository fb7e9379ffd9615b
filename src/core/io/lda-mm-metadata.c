/* lda-mm-metadata.c — when Micro-Manager took each image
 *
 * Micro-Manager writes, beside its images, a JSON file of metadata:
 * "metadata.txt" in each position folder (1.4 and 2.0's image files) or
 * "NAME_MMStack_Pos0_metadata.txt".  Besides a "Summary", it holds one
 * object per image:
 *
 *   1.4   "FrameKey-<t>-<c>-<z>": { "FileName": "img_000000004_DAPI_000.tif",
 *                                    "ElapsedTime-ms": 14400012.5, … }
 *   2.0   "Metadata-Pos0/img_channel000_position000_time000000004_z000.tif":
 *             { "ElapsedTime-ms": { "type": "DOUBLE", "scalar": "14400012.5" }, … }
 *
 * Values may be plain numbers, numbers in strings, or 2.0's typed
 * { "scalar": … } objects.  Only the image's file name and its elapsed
 * time are read; the JSON is parsed by the small reader below, which
 * refuses anything that is not JSON.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lda-error.h"
#include "lda-file-read.h"
#include "lda-mm-metadata.h"

/* Metadata of a long acquisition are tens of megabytes; more is not ours. */
#define MAX_METADATA_BYTES (256u << 20)
#define MAX_DEPTH 64

typedef struct
{
  const char *p, *end;
  GHashTable *times;     /* file basename → gdouble* ms */
  const char *problem;   /* static, for the message */
} Reader;

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
    r->p++;
}

static gboolean
fail (Reader     *r,
      const char *problem)
{
  if (r->problem == NULL)
    r->problem = problem;
  return FALSE;
}

/* A JSON string; escapes are decoded as far as file names and numbers
 * need (\uXXXX outside ASCII becomes '?'). */
static gboolean
read_string (Reader  *r,
             GString *out)
{
  if (r->p >= r->end || *r->p != '"')
    return fail (r, N_("a string was expected"));
  r->p++;
  while (r->p < r->end && *r->p != '"')
    {
      char c = *r->p++;

      if (c == '\\')
        {
          if (r->p >= r->end)
            break;
          c = *r->p++;
          switch (c)
            {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u':
              {
                guint v = 0;

                if (r->end - r->p < 4)
                  return fail (r, N_("a \\u escape is cut short"));
                for (guint i = 0; i < 4; i++)
                  {
                    int d = g_ascii_xdigit_value (r->p[i]);

                    if (d < 0)
                      return fail (r, N_("a \\u escape is not hexadecimal"));
                    v = v * 16 + (guint) d;
                  }
                r->p += 4;
                c = v > 0 && v < 0x80 ? (char) v : '?';
              }
              break;
            default:
              break;
            }
        }
      if (out != NULL)
        g_string_append_c (out, c);
    }
  if (r->p >= r->end)
    return fail (r, N_("a string does not end"));
  r->p++;
  return TRUE;
}

static gboolean read_value (Reader *r, guint depth, GString *scalar, double *number,
                            gboolean *has_number);

static gboolean
read_number (Reader   *r,
             double   *number,
             gboolean *has_number)
{
  const char *start = r->p;
  g_autofree char *text = NULL;
  char *end = NULL;
  double v;

  while (r->p < r->end && (g_ascii_isdigit (*r->p) || strchr ("+-.eE", *r->p) != NULL))
    r->p++;
  if (r->p == start)
    return fail (r, N_("a value was expected"));
  text = g_strndup (start, (gsize) (r->p - start));
  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return fail (r, N_("a number is malformed"));
  if (number != NULL)
    {
      *number = v;
      *has_number = TRUE;
    }
  return TRUE;
}

static gboolean
parse_text_number (const char *text,
                   double     *number)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *number = v;
  return TRUE;
}

/* An image's object: its file name and elapsed time, if it has them.
 * @key is the member's name ("FrameKey-…", "Metadata-…"). */
static gboolean
read_image (Reader     *r,
            guint       depth,
            const char *key)
{
  g_autoptr(GString) file = NULL;
  double ms = 0.0;
  gboolean has_ms = FALSE;

  r->p++;  /* '{' */
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return TRUE;
    }
  for (;;)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      g_autoptr(GString) scalar = g_string_new (NULL);
      double number = 0.0;
      gboolean has_number = FALSE;

      skip_space (r);
      if (!read_string (r, name))
        return FALSE;
      skip_space (r);
      if (r->p >= r->end || *r->p++ != ':')
        return fail (r, N_("a “:” was expected"));
      if (!read_value (r, depth + 1, scalar, &number, &has_number))
        return FALSE;

      if (strcmp (name->str, "ElapsedTime-ms") == 0)
        {
          if (!has_number && !parse_text_number (scalar->str, &number))
            return fail (r, N_("an ElapsedTime-ms is not a number"));
          ms = number;
          has_ms = TRUE;
        }
      else if (strcmp (name->str, "FileName") == 0 && scalar->len > 0)
        {
          if (file != NULL)
            g_string_free (file, TRUE);
          file = g_string_new (scalar->str);
        }

      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          break;
        }
      return fail (r, N_("a “,” or “}” was expected"));
    }

  if (file == NULL && g_str_has_prefix (key, "Metadata-"))
    file = g_string_new (key + strlen ("Metadata-"));
  if (has_ms && file != NULL)
    {
      g_autofree char *base = g_path_get_basename (file->str);
      double *value = g_new (double, 1);

      *value = ms;
      g_hash_table_replace (r->times, g_steal_pointer (&base), value);
    }

  return TRUE;
}

/* Any value; a string's text, a number, or a typed { "scalar": … }'s
 * scalar goes to @scalar and @number. */
static gboolean
read_value (Reader   *r,
            guint     depth,
            GString  *scalar,
            double   *number,
            gboolean *has_number)
{
  if (depth > MAX_DEPTH)
    return fail (r, N_("it is nested too deep"));
  skip_space (r);
  if (r->p >= r->end)
    return fail (r, N_("it ends in the middle"));

  switch (*r->p)
    {
    case '"':
      return read_string (r, scalar);
    case '{':
    case '[':
      {
        char close = *r->p == '{' ? '}' : ']';
        gboolean object = close == '}';

        r->p++;
        skip_space (r);
        if (r->p < r->end && *r->p == close)
          {
            r->p++;
            return TRUE;
          }
        for (;;)
          {
            g_autoptr(GString) name = object ? g_string_new (NULL) : NULL;
            gboolean is_scalar;

            skip_space (r);
            if (object)
              {
                if (!read_string (r, name))
                  return FALSE;
                skip_space (r);
                if (r->p >= r->end || *r->p++ != ':')
                  return fail (r, N_("a “:” was expected"));
                skip_space (r);
                /* An image's metadata, at the top level. */
                if (depth == 0 && r->p < r->end && *r->p == '{' &&
                    (g_str_has_prefix (name->str, "FrameKey-") ||
                     g_str_has_prefix (name->str, "Metadata-")))
                  {
                    if (!read_image (r, depth + 1, name->str))
                      return FALSE;
                    goto next;
                  }
              }
            is_scalar = object && strcmp (name->str, "scalar") == 0;
            if (!read_value (r, depth + 1, is_scalar ? scalar : NULL,
                             is_scalar ? number : NULL, has_number))
              return FALSE;
          next:
            skip_space (r);
            if (r->p < r->end && *r->p == ',')
              {
                r->p++;
                continue;
              }
            if (r->p < r->end && *r->p == close)
              {
                r->p++;
                return TRUE;
              }
            return fail (r, object ? "a “,” or “}” was expected" : "a “,” or “]” was expected");
          }
      }
    case 't':
    case 'f':
    case 'n':
      {
        static const char * const words[] = { "true", "false", "null" };

        for (guint i = 0; i < G_N_ELEMENTS (words); i++)
          {
            gsize n = strlen (words[i]);

            if ((gsize) (r->end - r->p) >= n && memcmp (r->p, words[i], n) == 0)
              {
                r->p += n;
                return TRUE;
              }
          }
        return fail (r, N_("a value was expected"));
      }
    default:
      return read_number (r, number, has_number);
    }
}

/**
 * lda_mm_metadata_parse:
 * @text: Micro-Manager's metadata, JSON
 * @len: its length in bytes
 * @error: return location for an error
 *
 * Messages do not name the file; the caller adds it.
 *
 * Returns: (transfer full) (nullable): per image file (its name without
 *   folder), the milliseconds from the start of the acquisition, as
 *   gdouble *; %NULL if the text is not JSON
 */
GHashTable *
lda_mm_metadata_parse (const char  *text,
                       gsize        len,
                       GError     **error)
{
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Reader r = { text, text + len, times, NULL };
  GString *none = NULL;

  skip_space (&r);
  if (r.p >= r.end || *r.p != '{')
    fail (&r, N_("it is not a JSON object"));
  else if (read_value (&r, 0, none, NULL, NULL))
    {
      skip_space (&r);
      if (r.p != r.end)
        fail (&r, N_("there is more after its end"));
    }

  if (r.problem != NULL)
    {
      g_set_error (error, LDA_ERROR, LDA_ERROR_CORRUPT,
                   /* Translators: the %s says what is wrong, e.g. "a string does not
                    * end" */
                   _("its Micro-Manager metadata are damaged near byte %lu (%s)"),
                   (unsigned long) (r.p - text), _(r.problem));
      return NULL;
    }

  return g_steal_pointer (&times);
}

/**
 * lda_mm_metadata_load:
 * @folder: a folder of Micro-Manager images
 * @path: (out) (optional) (nullable): the metadata file read
 * @error: return location for an error
 *
 * Reads "metadata.txt", else the first "*_metadata.txt", in @folder.
 *
 * Returns: (transfer full) (nullable): as lda_mm_metadata_parse(); %NULL
 *   without @error when @folder has no metadata file, with @error (naming
 *   the file) when it cannot be read or is damaged
 */
GHashTable *
lda_mm_metadata_load (const char  *folder,
                      char       **path,
                      GError     **error)
{
  g_autofree char *file = g_build_filename (folder, "metadata.txt", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTable *times;
  gsize len;
  const char *text;

  if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *entry;

      while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (entry, "_metadata.txt"))
          g_ptr_array_add (names, g_strdup (entry));
      if (names->len == 0)
        return NULL;
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      g_free (file);
      file = g_build_filename (folder, g_ptr_array_index (names, 0), NULL);
    }

  if (path != NULL)
    *path = g_strdup (file);
  bytes = lda_file_read (file, MAX_METADATA_BYTES, LDA_READ_FOLLOW_LINKS, LDA_ERROR_CORRUPT,
                         error);
  if (bytes == NULL)
    return NULL;

  text = g_bytes_get_data (bytes, &len);
  times = lda_mm_metadata_parse (text, len, &local_error);
  if (times == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", file);

  return times;
}
