/* lda-test-lib.c — what every test suite needs
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include <execinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "lda-test-lib.h"
#include "lda-triples.h"

/* Present when built with AddressSanitizer: a stack with names. */
extern void __sanitizer_print_stack_trace (void) __attribute__ ((weak));

static void
write_text (const char *text)
{
  if (text != NULL && write (STDERR_FILENO, text, strlen (text)) < 0)
    return;
}

/* A critical or a warning made fatal (G_DEBUG=fatal-warnings) stops a
 * test with SIGTRAP, which prints neither the test nor where: both, on
 * the error output a failed test's log shows, then the signal as ever. */
static void
on_trap (int signum)
{
  void *frames[64];
  int n;

  write_text ("\nStopped by a fatal message in ");
  write_text (g_test_get_path ());
  write_text (", from:\n");
  if (__sanitizer_print_stack_trace != NULL)
    __sanitizer_print_stack_trace ();
  else
    {
      n = backtrace (frames, G_N_ELEMENTS (frames));
      backtrace_symbols_fd (frames, n, STDERR_FILENO);
    }
  signal (signum, SIG_DFL);
  raise (signum);
}

__attribute__ ((constructor)) static void
trace_traps (void)
{
  signal (SIGTRAP, on_trap);
}

/**
 * lda_test_tmp_dir:
 * @prefix: start of the folder's name
 *
 * Returns: (transfer full): a new empty folder under the temporary folder
 */
char *
lda_test_tmp_dir (const char *prefix)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * lda_test_remove_tree:
 * @path: a file or folder a test made
 *
 * Removes @path and, for a folder, everything in it.  A symbolic link is
 * removed, never followed, and folders a test made read-only are made
 * writable first.
 */
void
lda_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
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

          lda_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/**
 * lda_test_sample_file:
 * @channel: "bf", "hoechst" or "draq7"
 *
 * Returns: (transfer full): the bundled sample's image of @channel, in the
 *   source tree (read it, never write beside it)
 */
char *
lda_test_sample_file (const char *channel)
{
  g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channel);

  return g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);
}

/**
 * lda_test_copy_file:
 * @from: a file
 * @to: where its copy goes (not there yet)
 *
 * Copies @from to @to, or fails the test.
 */
void
lda_test_copy_file (const char *from,
                    const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/**
 * lda_test_copy_sample:
 * @prefix: start of the temporary folder's name
 *
 * A fresh folder holding a copy of the bundled sample triple, so that what
 * is saved beside the images stays out of the source tree.
 *
 * Returns: (transfer full): the folder
 */
char *
lda_test_copy_sample (const char *prefix)
{
  static const char * const channels[] = { "bf", "hoechst", "draq7" };
  char *dir = lda_test_tmp_dir (prefix);

  for (guint c = 0; c < G_N_ELEMENTS (channels); c++)
    {
      g_autofree char *from = lda_test_sample_file (channels[c]);
      g_autofree char *to = lda_test_sample_path (dir, channels[c]);

      lda_test_copy_file (from, to);
    }

  return dir;
}

/**
 * lda_test_sample_path:
 * @dir: a folder made by lda_test_copy_sample()
 * @channel: "bf", "hoechst" or "draq7"
 *
 * Returns: (transfer full): the sample's image of @channel in @dir
 */
char *
lda_test_sample_path (const char *dir,
                      const char *channel)
{
  g_autofree char *name = g_strdup_printf (LDA_TEST_SAMPLE "_%s.tif", channel);

  return g_build_filename (dir, name, NULL);
}

/**
 * lda_test_image_u16:
 * @width: columns
 * @height: rows
 * @data: (array): @width × @height pixels, row after row
 *
 * Returns: (transfer full): a 16-bit image holding a copy of @data
 */
LdaImage *
lda_test_image_u16 (guint          width,
                    guint          height,
                    const guint16 *data)
{
  LdaImage *image = lda_image_new_from_data (LDA_PIXEL_U16, width, height, data);

  g_assert_nonnull (image);
  return image;
}

/**
 * lda_test_image_u8:
 * @width: columns
 * @height: rows
 * @data: (array): @width × @height pixels, row after row
 *
 * Returns: (transfer full): an 8-bit image holding a copy of @data
 */
LdaImage *
lda_test_image_u8 (guint         width,
                   guint         height,
                   const guint8 *data)
{
  LdaImage *image = lda_image_new_from_data (LDA_PIXEL_U8, width, height, data);

  g_assert_nonnull (image);
  return image;
}

/**
 * lda_test_sample_pipeline:
 *
 * Returns: (transfer full): a pipeline of the bundled sample, not yet run
 */
LdaPipeline *
lda_test_sample_pipeline (void)
{
  g_autofree char *bf = lda_test_sample_file ("bf");
  g_autofree char *ho = lda_test_sample_file ("hoechst");
  g_autofree char *dr = lda_test_sample_file ("draq7");
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;
  LdaImage *images[LDA_N_INPUTS];
  LdaPipeline *pipeline;

  g_assert_true (lda_triple_load (triple, 0, images, &error));
  g_assert_no_error (error);
  pipeline = lda_pipeline_new (images[0], images[1], images[2], &error);
  g_assert_no_error (error);
  for (guint i = 0; i < LDA_N_INPUTS; i++)
    lda_image_unref (images[i]);

  return pipeline;
}

/**
 * lda_test_time_factor:
 *
 * How much slower than a plain build the tests run here: the value of
 * LDA_TEST_TIME_FACTOR (the sanitized builds set it), times 20 under
 * valgrind (LDA_TEST_VALGRIND, set by `meson test --setup valgrind`).
 *
 * Returns: a factor ≥ 1 for every deadline and every wait
 */
double
lda_test_time_factor (void)
{
  const char *text = g_getenv ("LDA_TEST_TIME_FACTOR");
  double factor = text != NULL ? g_ascii_strtod (text, NULL) : 1.0;

  if (!(factor >= 1.0))
    factor = 1.0;
  if (g_getenv ("LDA_TEST_VALGRIND") != NULL)
    factor *= 20.0;

  return factor;
}

/**
 * lda_test_deadline:
 * @seconds: how long the awaited thing may take in a plain build
 *
 * A deadline is a guard against a test that would hang, never a measure
 * of speed: it is generous and stretched by lda_test_time_factor().
 *
 * Returns: the monotonic time (g_get_monotonic_time()) of the deadline
 */
gint64
lda_test_deadline (double seconds)
{
  return g_get_monotonic_time () + (gint64) (seconds * lda_test_time_factor () * G_USEC_PER_SEC);
}

static void
snapshot_into (GHashTable *files,
               const char *dir,
               const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *relative = prefix ? g_build_filename (prefix, name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        snapshot_into (files, path, relative);
      else
        {
          g_autoptr(GError) error = NULL;
          char *contents = NULL;
          gsize length = 0;

          g_file_get_contents (path, &contents, &length, &error);
          g_assert_no_error (error);
          g_hash_table_insert (files, g_steal_pointer (&relative),
                               g_bytes_new_take (contents, length));
        }
    }
}

/**
 * lda_test_snapshot:
 * @dir: a folder
 *
 * Returns: (transfer full): every file below @dir, by its path relative
 *   to @dir, with its bytes
 */
GHashTable *
lda_test_snapshot (const char *dir)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);

  snapshot_into (files, dir, NULL);
  return files;
}

/**
 * lda_test_assert_unchanged:
 * @before: lda_test_snapshot() of @dir, earlier
 * @dir: the folder
 *
 * Fails unless @dir holds exactly what it held: no file changed, none
 * added (a temporary file would be one), none removed.
 */
void
lda_test_assert_unchanged (GHashTable *before,
                           const char *dir)
{
  g_autoptr(GHashTable) after = lda_test_snapshot (dir);
  GHashTableIter iter;
  gpointer name, bytes;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      GBytes *old = g_hash_table_lookup (before, name);

      if (old == NULL)
        g_error ("%s: a file was left behind: %s", dir, (char *) name);
      if (!g_bytes_equal (old, bytes))
        g_error ("%s: %s changed", dir, (char *) name);
    }
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
}

/**
 * lda_test_read_bytes:
 * @path: a file that must be there
 *
 * Returns: (transfer full): its bytes
 */
GBytes *
lda_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
list_files_into (const char *root,
                 const char *folder,
                 GPtrArray  *paths)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files_into (root, path, paths);
      else
        g_ptr_array_add (paths, g_strdup (path + strlen (root) + 1));
    }
}

/**
 * lda_test_list_files:
 * @folder: a folder
 *
 * Returns: (transfer full): every file below @folder, hidden ones
 *   included, as paths relative to it, sorted and joined by spaces
 */
char *
lda_test_list_files (const char *folder)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  list_files_into (folder, folder, paths);
  g_ptr_array_sort (paths, compare_paths);
  g_ptr_array_add (paths, NULL);

  return g_strjoinv (" ", (char **) paths->pdata);
}

/**
 * lda_test_load_sample:
 * @images: (out caller-allocates) (array fixed-size=3): the bundled
 *   sample's brightfield, Hoechst and Draq7 images
 */
void
lda_test_load_sample (LdaImage **images)
{
  g_autofree char *bf = lda_test_sample_file ("bf");
  g_autofree char *ho = lda_test_sample_file ("hoechst");
  g_autofree char *dr = lda_test_sample_file ("draq7");
  g_autoptr(LdaTriple) triple = lda_triple_new (bf, ho, dr);
  g_autoptr(GError) error = NULL;

  g_assert_true (lda_triple_load (triple, 0, images, &error));
  g_assert_no_error (error);
}
