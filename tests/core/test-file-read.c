/* test-file-read.c — what stands where a parameter, project or edits file
 * is expected: a FIFO, a link to /dev/zero, a huge file, a huge line.
 * Each is refused with a message naming it, at once, without reading it
 * without bound; a project's are set aside like damaged files.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lda-file-read.h"
#include "test-project-common.h"

/* What to put at a path. */
typedef enum
{
  KIND_FIFO,
  KIND_DEV_ZERO,
  KIND_HUGE,
} Kind;

static const char * const kind_names[] = { "fifo", "dev-zero", "huge" };

static void
make_thing (const char *path,
            Kind        kind)
{
  switch (kind)
    {
    case KIND_FIFO:
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      break;
    case KIND_DEV_ZERO:
      g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
      break;
    case KIND_HUGE:
      {
        /* Valid, but far more than such a file ever holds: comments. */
        gsize size = 2 * LDA_KEY_FILE_MAX_BYTES;
        g_autofree char *text = g_malloc (size);

        memset (text, '.', size);
        for (gsize i = 0; i < size; i += 64)
          {
            text[i] = '#';
            text[i + 63] = '\n';
          }
        g_assert_true (g_file_set_contents (path, text, size, NULL));
      }
      break;
    }
}

static void
assert_refused (const GError *error,
                int           code,
                const char   *path)
{
  g_assert_error (error, LDA_ERROR, code);
  if (error == NULL)
    return;
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (strlen (error->message), <, 400);
}

/* --params FILE, which the person names: links are followed, so
 * /dev/zero is reached and refused as not a regular file. */
static void
test_params (gconstpointer data)
{
  Kind kind = GPOINTER_TO_INT (data);
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *path = g_build_filename (dir, "params.ini", NULL);
  g_autoptr(GError) error = NULL;
  LdaParams params;

  make_thing (path, kind);
  lda_params_init (&params);
  g_assert_false (lda_params_load (&params, path, &error));
  assert_refused (error, LDA_ERROR_INVALID_PARAMS, path);
  lda_test_remove_tree (dir);
}

/* A bad line of 200 000 characters: the message quotes a short part. */
static void
test_params_long_line (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *path = g_build_filename (dir, "params.ini", NULL);
  g_autofree char *line = g_strnfill (200000, 'x');
  g_autofree char *text = g_strconcat ("[hoechst]\n", line, "\n", NULL);
  g_autoptr(GError) error = NULL;
  LdaParams params;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  lda_params_init (&params);
  g_assert_false (lda_params_load (&params, path, &error));
  assert_refused (error, LDA_ERROR_INVALID_PARAMS, path);
  g_assert_nonnull (strstr (error->message, "xxxxxxxxxx"));
  lda_test_remove_tree (dir);
}

/* The project's own files: the ini, or an edits file. */
static void
test_project (gconstpointer data)
{
  guint which = GPOINTER_TO_UINT (data);
  Kind kind = which % 3;
  gboolean edits_file = which >= 3;
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(LdaEdits) edits = edits_new (16, 8);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GStatBuf st;

  write_triples (dir, three);
  series = open_series (dir);
  edits->pixels[3] = 2;
  save_params (series, folder);
  save_edits (series, folder, 1, edits);
  if (edits_file)
    path = g_strdup_printf ("%s/edits/w_t1.edits", folder);
  else
    path = g_strdup_printf ("%s/%s.ini", folder, lda_series_get_name (series));
  g_unlink (path);
  make_thing (path, kind);

  g_assert_false (lda_project_load (series, folder, &loaded, &error));
  assert_refused (error, LDA_ERROR_CORRUPT, path);
  g_assert_null (loaded);

  /* Set aside, as a damaged file is: the next load has the rest. */
  g_assert_cmpint (g_lstat (path, &st), !=, 0);
  loaded = load (series, folder);
  assert_edits_equal (g_ptr_array_index (loaded, 1), edits);
  lda_test_remove_tree (dir);
}

/* lda_file_read() itself: the limit is exact, and a file that is not
 * there is NOT_FOUND. */
static void
test_limit (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *path = g_build_filename (dir, "f", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "0123456789", 10, NULL));
  bytes = lda_file_read (path, 10, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "0123456789", 10);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = lda_file_read (path, 9, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, &error);
  g_assert_null (bytes);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_cmpint (symlink (path, link), ==, 0);
  bytes = lda_file_read (link, 10, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_CORRUPT);
  g_clear_error (&error);
  bytes = lda_file_read (link, 10, LDA_READ_FOLLOW_LINKS, LDA_ERROR_CORRUPT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_cmpint (g_unlink (path), ==, 0);
  bytes = lda_file_read (path, 10, LDA_READ_NO_FOLLOW, LDA_ERROR_CORRUPT, &error);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_NOT_FOUND);
  lda_test_remove_tree (dir);
}

/* A valid edits file of a frame of @width × @height with no edit: one run
 * of "no edit" covering the frame, a few dozen bytes for any size. */
static GBytes *
edits_declaring (guint width,
                 guint height)
{
  guint64 run = (guint64) width * height;
  guint8 rle[8];
  gsize rle_len = 0;

  rle[rle_len++] = LDA_NO_EDIT;
  do
    {
      rle[rle_len++] = (run & 0x7f) | (run > 0x7f ? 0x80 : 0);
      run >>= 7;
    }
  while (run > 0);

  return craft (width, height, rle, rle_len, rle_len, FALSE);
}

static glong
max_resident_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* An edits file of 44 bytes that declares a 32768 × 32768 frame, for a
 * frame of 16 × 8: refused as damaged before a gigabyte is allocated for
 * it.  Edits for somewhat other sizes (images replaced by cropped or
 * binned ones) are kept at their size; the frame's own size loads. */
static void
test_edits_size (void)
{
  g_autofree char *dir = lda_test_tmp_dir ("lda-project");
  g_autofree char *folder = g_build_filename (dir, "project", NULL);
  g_autofree char *huge = NULL;
  g_autofree char *other = NULL;
  g_autofree char *own = NULL;
  g_autofree char *edits_dir = g_build_filename (folder, "edits", NULL);
  g_autoptr(LdaSeries) series = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) huge_bytes = edits_declaring (32768, 32768);
  g_autoptr(GBytes) other_bytes = edits_declaring (64, 32);
  g_autoptr(GBytes) own_bytes = edits_declaring (16, 8);
  glong before;

  write_triples (dir, three);
  series = open_series (dir);
  save_params (series, folder);
  huge = g_build_filename (folder, "edits", "w_t1.edits", NULL);
  other = g_build_filename (folder, "edits", "w_t2.edits", NULL);
  own = g_build_filename (folder, "edits", "w_t3.edits", NULL);
  g_assert_cmpint (g_mkdir_with_parents (edits_dir, 0755), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (huge_bytes), ==, 44);
  g_assert_true (g_file_set_contents (huge, g_bytes_get_data (huge_bytes, NULL),
                                      g_bytes_get_size (huge_bytes), NULL));
  g_assert_true (g_file_set_contents (other, g_bytes_get_data (other_bytes, NULL),
                                      g_bytes_get_size (other_bytes), NULL));
  g_assert_true (g_file_set_contents (own, g_bytes_get_data (own_bytes, NULL),
                                      g_bytes_get_size (own_bytes), NULL));

  before = max_resident_kib ();
  g_assert_false (lda_project_load (series, folder, &loaded, &error));
  g_test_message ("peak resident memory grew by %ld KiB", max_resident_kib () - before);
  g_assert_cmpint (max_resident_kib () - before, <, 64 * 1024);
  assert_refused (error, LDA_ERROR_CORRUPT, huge);
  g_assert_nonnull (strstr (error->message, "32768 × 32768"));

  loaded = load (series, folder);
  g_assert_null (g_ptr_array_index (loaded, 0));
  g_assert_nonnull (g_ptr_array_index (loaded, 1));
  g_assert_cmpuint (((LdaEdits *) g_ptr_array_index (loaded, 1))->width, ==, 64);
  g_assert_nonnull (g_ptr_array_index (loaded, 2));
  g_assert_cmpuint (((LdaEdits *) g_ptr_array_index (loaded, 2))->width, ==, 16);
  lda_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    {
      g_autofree char *params = g_strdup_printf ("/file-read/params/%s", kind_names[k]);
      g_autofree char *ini = g_strdup_printf ("/file-read/project-ini/%s", kind_names[k]);
      g_autofree char *edits = g_strdup_printf ("/file-read/edits-file/%s", kind_names[k]);

      g_test_add_data_func (params, GINT_TO_POINTER (k), test_params);
      g_test_add_data_func (ini, GUINT_TO_POINTER (k), test_project);
      g_test_add_data_func (edits, GUINT_TO_POINTER (3 + k), test_project);
    }
  g_test_add_func ("/file-read/params/long-line", test_params_long_line);
  g_test_add_func ("/file-read/limit", test_limit);
  g_test_add_func ("/file-read/edits-size", test_edits_size);

  return g_test_run ();
}
