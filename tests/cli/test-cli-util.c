/* test-cli-util.c — running livedead and making fixtures for its tests
 *
 * Every fixture is made here, in a temporary folder of the test: the tests
 * never read the shared sample data.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <tiffio.h>

#include "lda-tiff.h"
#include "test-cli-util.h"

static const char *livedead_path;

/**
 * cli_init:
 *
 * g_test_init(), then finds the command under test in $LIVEDEAD.  Without
 * it there is nothing to test, which is an error of the test setup, not a
 * reason to skip.
 */
void
cli_init (int    *argc,
          char ***argv)
{
  /* The messages of the command are UTF-8 ("96 × 64"): log them as such. */
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);

  /* Report every failed check of a test, not only the first, and go on to
   * the next test: the tests guard what would crash after a failure. */
  g_test_set_nonfatal_assertions ();

  livedead_path = g_getenv ("LIVEDEAD");
  if (livedead_path == NULL || *livedead_path == '\0')
    {
      printf ("Bail out! LIVEDEAD is not set: it must name the livedead command "
              "to test (meson test sets it)\n");
      fprintf (stderr, "LIVEDEAD is not set: it must name the livedead command to test\n");
      exit (1);
    }
  if (!g_file_test (livedead_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      printf ("Bail out! LIVEDEAD=%s is not an executable file\n", livedead_path);
      fprintf (stderr, "LIVEDEAD=%s is not an executable file\n", livedead_path);
      exit (1);
    }
}

void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return g_strndup (data != NULL ? data : "", len);
}

/* In the child, before exec: a shell starts commands with SIGXFSZ at its
 * default disposition (death), whatever the test itself ignores. */
static void
reset_signals (gpointer user_data)
{
  signal (SIGXFSZ, SIG_DFL);
}

/**
 * cli_runv:
 * @run: (out caller-allocates): where the result goes; cleared first
 * @args: the arguments after the command's name, %NULL-terminated
 *
 * Runs livedead to completion with its output captured, its signals at
 * their default dispositions as a shell would start it.
 *
 * Returns: the exit status, or -1 if the command did not exit normally
 */
int
cli_runv (CliRun             *run,
          const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;

  cli_run_clear (run);
  run->status = -1;

  g_ptr_array_add (argv, (gpointer) livedead_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  joined = g_strjoinv (" ", (char **) argv->pdata);
  g_test_message ("$ %s", joined);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_INHERIT);
  g_subprocess_launcher_set_child_setup (launcher, reset_signals, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  if (process == NULL)
    {
      run->out = g_strdup ("");
      run->err = g_strdup ("");
      return -1;
    }

  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);

  if (g_subprocess_get_if_exited (process))
    run->status = g_subprocess_get_exit_status (process);
  else if (g_subprocess_get_if_signaled (process))
    g_test_message ("killed by signal %d", g_subprocess_get_term_sig (process));

  g_test_message ("exit status %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);

  return run->status;
}

/**
 * cli_run:
 * @run: (out caller-allocates): where the result goes
 * @first_arg: the first argument after the command's name
 * @...: more arguments, then %NULL
 *
 * Returns: the exit status, or -1 if the command did not exit normally
 */
int
cli_run (CliRun     *run,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return cli_runv (run, (const char * const *) args->pdata);
}

char *
cli_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("livedead-cli-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);

  return path;
}

/* Removes @path and everything below it, whatever its permissions. */
void
cli_rm_rf (const char *path)
{
  struct stat st;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          cli_rm_rf (child);
        }
      if (g_rmdir (path) != 0)
        g_test_message ("cannot remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    g_test_message ("cannot remove %s: %s", path, g_strerror (errno));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * cli_list_dir:
 * @path: a folder
 *
 * Returns: (transfer full) (nullable): the sorted names in @path, hidden
 *   ones included; %NULL if @path is not a readable folder
 */
GStrv
cli_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* The listing as one comparable string: "a.tif b.tif", "" for an empty
 * folder, "(none)" when there is no folder. */
char *
cli_list_dir_text (const char *path)
{
  g_auto(GStrv) names = cli_list_dir (path);

  if (names == NULL)
    return g_strdup ("(none)");

  return g_strjoinv (" ", names);
}

GBytes *
cli_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      g_test_message ("%s", error->message);
      return NULL;
    }

  return g_bytes_new_take (data, len);
}

/**
 * cli_keep:
 * @path: a file
 *
 * Returns: (transfer full): what @path is now, for cli_assert_kept()
 */
CliKept *
cli_keep (const char *path)
{
  CliKept *kept = g_new0 (CliKept, 1);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  kept->path = g_strdup (path);
  kept->ino = st.st_ino;
  kept->bytes = cli_read_bytes (path);
  g_assert_nonnull (kept->bytes);

  return kept;
}

/* The same file as when kept, with the same bytes: not replaced, not
 * changed. */
void
cli_assert_kept (const CliKept *kept)
{
  g_autoptr(GBytes) now = cli_read_bytes (kept->path);
  GStatBuf st;

  g_assert_cmpint (g_stat (kept->path, &st), ==, 0);
  if (st.st_ino != kept->ino)
    g_error ("%s was replaced by another file", kept->path);
  if (now == NULL || !g_bytes_equal (now, kept->bytes))
    g_error ("%s changed", kept->path);
}

void
cli_kept_free (CliKept *kept)
{
  if (kept == NULL)
    return;
  g_free (kept->path);
  g_bytes_unref (kept->bytes);
  g_free (kept);
}

void
cli_write_bytes (const char *path,
                 const void *data,
                 gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

/* Writes the first half of the file @from to @to. */
void
cli_truncate_copy (const char *from,
                   const char *to)
{
  g_autoptr(GBytes) bytes = cli_read_bytes (from);
  gsize len = 0;
  const guint8 *data;

  g_assert_nonnull (bytes);
  if (bytes == NULL)
    return;

  data = g_bytes_get_data (bytes, &len);
  g_assert_cmpuint (len, >, 16);
  cli_write_bytes (to, data, len / 2);
}

gboolean
cli_files_equal (const char *a,
                 const char *b)
{
  g_autoptr(GBytes) x = cli_read_bytes (a);
  g_autoptr(GBytes) y = cli_read_bytes (b);

  return x != NULL && y != NULL && g_bytes_equal (x, y);
}

/* The centre of cell slot @i on a 3 × 2 grid, and the radii used. */
static void
scene_slot (const CliScene *scene,
            guint           i,
            int            *cx,
            int            *cy)
{
  *cx = (int) (scene->width * (2 * (i % 3) + 1) / 6);
  *cy = (int) (scene->height * (2 * (i / 3) + 1) / 4);
}

static guint
scene_cell_radius (const CliScene *scene)
{
  return MIN (scene->width / 6, scene->height / 4) - 4;
}

/**
 * cli_scene_render:
 * @scene: the field
 * @input: 0 brightfield, 1 Hoechst, 2 Draq7
 *
 * Brightfield: a flat background with faint noise and a blob of strong
 * texture per cell, so that the Sobel magnitude has edges there.  Hoechst
 * and Draq7: a dark noisy background and a bright nucleus per live (resp.
 * dead) cell.  Hoechst nuclei have a notch 5 pixels wide, which the default
 * closing (kernel 5) fills and a kernel of 3 does not.
 *
 * Returns: (transfer full): a 16-bit image
 */
LdaImage *
cli_scene_render (const CliScene *scene,
                  guint           input)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (scene->seed * 3 + input);
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, scene->width, scene->height, &error);
  int cell_r = (int) scene_cell_radius (scene);
  int nucleus_r = 7;
  guint16 *pixels;

  g_assert_no_error (error);
  g_assert_cmpuint (scene->n_live + scene->n_dead, <=, CLI_SCENE_MAX_CELLS);
  pixels = lda_image_u16 (image);

  for (guint y = 0; y < scene->height; y++)
    for (guint x = 0; x < scene->width; x++)
      {
        guint value = input == 0 ? 2000 + g_rand_int_range (rand, 0, 8)
                                 : 100 + g_rand_int_range (rand, 0, 40);

        for (guint i = 0; i < scene->n_live + scene->n_dead; i++)
          {
            gboolean live = i < scene->n_live;
            int cx, cy, dx, dy;

            scene_slot (scene, i, &cx, &cy);
            dx = (int) x - cx;
            dy = (int) y - cy;

            if (input == 0 && dx * dx + dy * dy <= cell_r * cell_r)
              value = 2000 + g_rand_int_range (rand, 0, 1500);
            else if (((input == 1 && live) || (input == 2 && !live)) &&
                     dx * dx + dy * dy <= nucleus_r * nucleus_r &&
                     !(input == 1 && dx > 0 && ABS (dy) <= 2))
              value = 3000 + g_rand_int_range (rand, 0, 500);
          }

        pixels[(gsize) y * scene->width + x] = (guint16) value;
      }

  return g_steal_pointer (&image);
}

void
cli_write_image (const char     *path,
                 const LdaImage *image)
{
  g_autoptr(GError) error = NULL;

  lda_tiff_write (path, image, &error);
  g_assert_no_error (error);
}

/**
 * cli_write_triple:
 * @folder: where to write
 * @name: the triple's name: files are NAME_bf.tif, NAME_hoechst.tif and
 *   NAME_draq7.tif
 * @scene: what they show
 * @paths: (out) (optional) (array fixed-size=3): the three paths, to free
 */
void
cli_write_triple (const char     *folder,
                  const char     *name,
                  const CliScene *scene,
                  char          **paths)
{
  static const char * const tags[] = { "bf", "hoechst", "draq7" };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strdup_printf ("%s_%s.tif", name, tags[i]);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autoptr(LdaImage) image = cli_scene_render (scene, i);

      cli_write_image (path, image);
      if (paths != NULL)
        paths[i] = g_steal_pointer (&path);
    }
}

static void
set_gray_tags (TIFF    *tif,
               guint    width,
               guint    height,
               guint16  bits,
               guint16  samples,
               guint16  format,
               guint16  photometric)
{
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGEWIDTH, (guint32) width));
  g_assert_true (TIFFSetField (tif, TIFFTAG_IMAGELENGTH, (guint32) height));
  g_assert_true (TIFFSetField (tif, TIFFTAG_BITSPERSAMPLE, bits));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLESPERPIXEL, samples));
  g_assert_true (TIFFSetField (tif, TIFFTAG_SAMPLEFORMAT, format));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PHOTOMETRIC, photometric));
  g_assert_true (TIFFSetField (tif, TIFFTAG_PLANARCONFIG, (guint16) PLANARCONFIG_CONTIG));
  g_assert_true (TIFFSetField (tif, TIFFTAG_COMPRESSION, (guint16) COMPRESSION_NONE));
  g_assert_true (TIFFSetField (tif, TIFFTAG_ROWSPERSTRIP, (guint32) 16));
}

/**
 * cli_write_multipage:
 * @path: the file to write
 * @scenes: (array length=n_pages): a field per page
 * @n_pages: pages
 * @input: which channel of the scenes to write
 *
 * A 16-bit time series, one page (directory) per time point, written with
 * libtiff directly since lda_tiff_write() writes one page only.
 */
void
cli_write_multipage (const char     *path,
                     const CliScene *scenes,
                     guint           n_pages,
                     guint           input)
{
  TIFF *tif = TIFFOpen (path, "w");

  g_assert_nonnull (tif);
  if (tif == NULL)
    return;

  for (guint p = 0; p < n_pages; p++)
    {
      g_autoptr(LdaImage) image = cli_scene_render (&scenes[p], input);

      set_gray_tags (tif, image->width, image->height, 16, 1, SAMPLEFORMAT_UINT,
                     PHOTOMETRIC_MINISBLACK);
      g_assert_true (TIFFSetField (tif, TIFFTAG_SUBFILETYPE, (guint32) FILETYPE_PAGE));
      g_assert_true (TIFFSetField (tif, TIFFTAG_PAGENUMBER, (guint16) p, (guint16) n_pages));
      for (guint y = 0; y < image->height; y++)
        g_assert_cmpint (TIFFWriteScanline (tif, lda_image_u16 (image) + (gsize) y * image->width,
                                            y, 0), ==, 1);
      g_assert_true (TIFFWriteDirectory (tif));
    }

  TIFFClose (tif);
}

/* A 128 × 128 grayscale image of 32-bit floats. */
void
cli_write_float_tiff (const char *path)
{
  TIFF *tif = TIFFOpen (path, "w");
  float row[128];

  g_assert_nonnull (tif);
  if (tif == NULL)
    return;

  set_gray_tags (tif, 128, 128, 32, 1, SAMPLEFORMAT_IEEEFP, PHOTOMETRIC_MINISBLACK);
  for (guint y = 0; y < 128; y++)
    {
      for (guint x = 0; x < 128; x++)
        row[x] = (float) (x + y) / 256.0f;
      g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);
}

/* A 128 × 128 8-bit RGB image. */
void
cli_write_rgb_tiff (const char *path)
{
  TIFF *tif = TIFFOpen (path, "w");
  guint8 row[128 * 3];

  g_assert_nonnull (tif);
  if (tif == NULL)
    return;

  set_gray_tags (tif, 128, 128, 8, 3, SAMPLEFORMAT_UINT, PHOTOMETRIC_RGB);
  for (guint y = 0; y < 128; y++)
    {
      for (guint x = 0; x < 128 * 3; x++)
        row[x] = (guint8) (x ^ y);
      g_assert_cmpint (TIFFWriteScanline (tif, row, y, 0), ==, 1);
    }
  TIFFClose (tif);
}

/**
 * cli_assert_one_line_error:
 * @run: a failed run
 * @needle1: (nullable): text the message must contain, e.g. a path
 * @needle2: (nullable): more such text
 *
 * The contract for failures: a non-zero status and exactly one line on
 * stderr, "livedead: …", naming what is wrong.
 */
void
cli_assert_one_line_error (const CliRun *run,
                           const char   *needle1,
                           const char   *needle2)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_cmpint (run->status, >, 0);
  g_assert_true (g_str_has_prefix (run->err, "livedead: "));
  g_assert_nonnull (newline);
  if (newline != NULL)
    g_assert_cmpstr (newline + 1, ==, "");
  if (needle1 != NULL)
    g_assert_nonnull (strstr (run->err, needle1));
  if (needle2 != NULL)
    g_assert_nonnull (strstr (run->err, needle2));
}

/**
 * cli_assert_labels:
 * @path: a label mask written by livedead
 * @width: expected width
 * @height: expected height
 *
 * An 8-bit image of the given size with values 0 to 4 only.
 */
void
cli_assert_labels (const char *path,
                   guint       width,
                   guint       height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaImage) labels = lda_tiff_read (path, 0, &error);
  guint max = 0;

  g_assert_no_error (error);
  if (labels == NULL)
    return;

  g_assert_cmpuint (labels->source_bits, ==, 8);
  g_assert_cmpuint (labels->width, ==, width);
  g_assert_cmpuint (labels->height, ==, height);
  for (gsize i = 0; i < lda_image_n_pixels (labels); i++)
    max = MAX (max, lda_image_u16 (labels)[i]);
  g_assert_cmpuint (max, <=, 4);
}

static gboolean
match_numbers (const char *pattern,
               const char *text,
               gint64     *values,
               guint       n)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_nonnull (regex);
  if (regex == NULL || !g_regex_match (regex, text, 0, &match))
    {
      g_test_message ("“%s” does not match /%s/", text, pattern);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_match_info_fetch (match, (int) i + 1);

      values[i] = g_ascii_strtoll (number, NULL, 10);
    }

  return TRUE;
}

/* Reads "L live, D dead" from the summary line of segment. */
gboolean
cli_parse_counts (const char *out,
                  guint      *live,
                  guint      *dead)
{
  gint64 v[3];

  if (!match_numbers ("(\\d+) cells, (\\d+) live, (\\d+) dead", out, v, 3))
    return FALSE;

  *live = (guint) v[1];
  *dead = (guint) v[2];
  return v[0] == v[1] + v[2];
}

/* Reads the three thresholds, in the order sobel, Hoechst, Draq7, from the
 * summary line of segment. */
gboolean
cli_parse_stdout_thresholds (const char *out,
                             gint64     *values)
{
  return match_numbers ("thresholds: cell area (\\d+), Hoechst (\\d+), Draq7 (\\d+)$",
                        out, values, 3);
}

/* Reads thresholds.json, which must be exactly in the reference's layout. */
gboolean
cli_parse_json_thresholds (const char *path,
                           gint64     *values)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      g_test_message ("cannot read %s", path);
      return FALSE;
    }

  return match_numbers ("\\A\\{\"sobel\": (\\d+), \"hoechst\": (\\d+), \"draq7\": (\\d+)\\}\\n?\\z",
                        text, values, 3);
}

/**
 * cli_parse_csv:
 * @text: a whole CSV file
 *
 * An RFC 4180 reader: fields separated by commas, records by LF or CRLF;
 * a field in quotes may hold commas, line breaks and doubled quotes.  A
 * quote elsewhere in a field, or text after a closing quote, fails the
 * test.
 *
 * Returns: (transfer full) (element-type GStrv): the records, the header
 *   first
 */
GPtrArray *
cli_parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          /* A quoted field: up to the quote not doubled. */
          g_assert_cmpuint (field->len, ==, 0);
          for (p++; ; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\n' || *p == '\r' || *p == '\0');
          continue;
        }
      if (*p == ',')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          p++;
          continue;
        }
      if (*p == '\r' || *p == '\n')
        {
          if (*p == '\r')
            {
              p++;
              g_assert_true (*p == '\n');
            }
          p++;
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (fields, NULL);
          /* The fields become the record; the array that held them goes. */
          g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
          fields = g_ptr_array_new_with_free_func (g_free);
          continue;
        }
      g_assert_true (*p != '"');
      g_string_append_c (field, *p++);
    }

  /* A last record without a line break. */
  if (field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strdup (field->str));
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_free (g_steal_pointer (&fields), FALSE));
    }

  return records;
}
