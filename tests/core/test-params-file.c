/* test-params-file.c — the parameter file in its two forms: comments,
 * names checked line by line, a project's series and frame groups.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-params-file.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lda-params-file-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "params.ini", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
write_text (Fixture    *f,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->path, text, -1, &error);
  g_assert_no_error (error);
}

/* The example of the README, inline comments and all, means what it says. */
static void
test_readme_example (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *readme_path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..",
                                                   "README.md", NULL);
  g_autofree char *readme = NULL;
  g_autofree char *example = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaParamsFile) file = NULL;
  const LdaParams *p;
  const char *start, *end;
  LdaParams base;

  g_file_get_contents (readme_path, &readme, NULL, &error);
  g_assert_no_error (error);
  start = strstr (readme, "A parameter\nfile is a key file");
  g_assert_nonnull (start);
  start = strstr (start, "```ini\n");
  g_assert_nonnull (start);
  start += strlen ("```ini\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  example = g_strndup (start, end - start);
  g_assert_nonnull (strstr (example, " # "));
  write_text (f, example);

  lda_params_init_preset (&base, LDA_PRESET_ARTICLE);
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_no_error (error);
  p = lda_params_file_get_params (file);
  g_assert_cmpint (p->channel[LDA_CHANNEL_HOECHST].method, ==, LDA_METHOD_OTSU);
  g_assert_cmpfloat (p->channel[LDA_CHANNEL_HOECHST].offset, ==, 0.65);
  g_assert_false (p->channel[LDA_CHANNEL_HOECHST].manual);
  g_assert_true (p->nuclei.split);
  g_assert_cmpuint (p->nuclei.min_area, ==, 20);
}

static void
test_comments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaParamsFile) file = NULL;
  LdaParams base;

  /* A "#" inside a value (no blank before it) is kept: it is refused as
   * a number, not silently cut. */
  write_text (f, "# a comment\n   # an indented one\n[draq7]  # the dead\n"
                 "\tkernel = 7\t# odd\n");
  lda_params_init (&base);
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_params_file_get_params (file)->channel[LDA_CHANNEL_DRAQ7].kernel, ==, 7);
  g_clear_pointer (&file, lda_params_file_free);

  /* A byte order mark and CRLF line ends, as some editors write. */
  write_text (f, "\xef\xbb\xbf[draq7]\r\nkernel=9 # odd\r\n");
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lda_params_file_get_params (file)->channel[LDA_CHANNEL_DRAQ7].kernel, ==, 9);
  g_clear_pointer (&file, lda_params_file_free);

  write_text (f, "[draq7]\nkernel=7#odd\n");
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_null (file);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "7#odd"));
}

typedef struct
{
  const char *name;
  const char *text;
  const char *needles[3];
} BadFile;

static const BadFile bad_files[] = {
  { "group-case", "[livedead]\nformat=2\n[Hoechst]\nkernel=3\n", { ", line 3:", "[Hoechst]" } },
  { "key", "[hoechst]\n\nofest=1\n", { ", line 3:", "ofest", "offset" } },
  { "series-key", "[project]\nformat=2\n[series/hoechst]\nkernal=3\n", { ", line 4:", "kernal" } },
  { "series-group", "[project]\nformat=2\n[series/dapi]\n", { ", line 3:", "series/dapi" } },
  { "frame-key", "[frame/a]\noverride=true\n[frame/a/nuclei]\nsplit_depth=2\n",
    { ", line 4:", "split_depth" } },
  { "frame-group", "[frame/a/hoechst/x]\n", { ", line 1:", "frame/a/hoechst/x" } },
  { "no-group", "kernel=3\n", { ", line 1:", "before any" } },
  { "not-key-value", "[nuclei]\nsplit\n", { ", line 2:", "key=value" } },
  { "both-forms", "[hoechst]\nkernel=3\n[series/draq7]\nkernel=3\n", { "series/" } },
  { "zero-byte", "[hoechst]\nkernel=3\n\0x", { "zero" } },
  /* A wrong value names its line too (it named the group and key only). */
  { "value", "[hoechst]\nmethod=otsu\noffset=abc\n", { "line 3: [hoechst] offset", "not a number" } },
  { "method", "[nuclei]\n\n[draq7]\nmethod=otsu2\n", { "line 4: [draq7] method", "max-tile" } },
  { "frame-value", "[frame/a]\noverride=true\n[frame/a/nuclei]\nsplit-depth=x\n",
    { "line 4: [", "split-depth" } },
  /* A value out of its range names its line too (it named none). */
  { "range", "[hoechst]\nmethod=otsu\n\noffset=42\n", { "line 4: hoechst offset 42", "out of range" } },
  { "range-nuclei", "[nuclei]\nsplit=true\nmin-area=999999999\n",
    { "line 3: smallest nucleus", "out of range" } },
  { "range-frame", "[frame/a]\noverride=true\n[frame/a/draq7]\nkernel=40\nmethod=otsu\n",
    { "line 4: draq7 kernel size 40", "out of range" } },
};

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  const BadFile *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaParamsFile) file = NULL;
  LdaParams base;
  gsize length = strlen (bad->text);

  if (g_str_equal (bad->name, "zero-byte"))
    length += 2;
  g_file_set_contents (f->path, bad->text, length, &error);
  g_assert_no_error (error);

  lda_params_init (&base);
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_null (file);
  g_assert_error (error, LDA_ERROR, LDA_ERROR_INVALID_PARAMS);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  for (guint i = 0; i < G_N_ELEMENTS (bad->needles) && bad->needles[i] != NULL; i++)
    if (strstr (error->message, bad->needles[i]) == NULL)
      g_error ("“%s” lacks “%s”", error->message, bad->needles[i]);
}

/* The window's project file: series groups are the parameters, a frame
 * with override=true has its own over them, one without has none. */
static void
test_project_form (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaParamsFile) file = NULL;
  const LdaParams *frame;
  LdaParams base;

  write_text (f,
              "[project]\nformat=2\nseries=images\n\n"
              "[series/cell-area]\nmethod=max-tile\noffset=3.95\n\n"
              "[view]\nframe=a\nzoom=2\n\n"
              "[frame/a]\nstate=edited\noverride=false\n\n"
              "[frame/b%2F3]\nstate=automatic\noverride=true\n\n"
              "[frame/b%2F3/draq7]\nmethod=max-tile\nthreshold=manual\nmanual-threshold=900\n");
  lda_params_init (&base);
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_no_error (error);

  g_assert_cmpfloat (lda_params_file_get_params (file)->channel[LDA_CHANNEL_CELL_AREA].offset,
                     ==, 3.95);
  g_assert_cmpuint (lda_params_file_get_n_frames (file), ==, 1);
  g_assert_null (lda_params_file_get_frame (file, "a"));
  frame = lda_params_file_get_frame (file, "b/3");
  g_assert_nonnull (frame);
  g_assert_true (frame->channel[LDA_CHANNEL_DRAQ7].manual);
  g_assert_cmpuint (frame->channel[LDA_CHANNEL_DRAQ7].manual_threshold, ==, 900);
  /* Over the series' parameters, not the defaults. */
  g_assert_cmpfloat (frame->channel[LDA_CHANNEL_CELL_AREA].offset, ==, 3.95);
}

/* What lda_params_file_save() writes reads back, frames included. */
static void
test_save_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdaParamsFile) file = NULL;
  const char *keys[] = { "x y/2", NULL };
  LdaParams params, own, base;

  lda_params_init (&params);
  params.channel[LDA_CHANNEL_HOECHST].kernel = 7;
  own = params;
  own.nuclei.min_area = 55;
  g_assert_true (lda_params_file_save (f->path, &params, keys, &own, &error));
  g_assert_no_error (error);

  lda_params_init_preset (&base, LDA_PRESET_ARTICLE);
  file = lda_params_file_load (f->path, &base, &error);
  g_assert_no_error (error);
  g_assert_true (lda_params_equal (lda_params_file_get_params (file), &params));
  g_assert_true (lda_params_equal (lda_params_file_get_frame (file, "x y/2"), &own));
  g_assert_null (lda_params_file_get_frame (file, "x y"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/params-file/readme-example", test_readme_example);
  ADD ("/params-file/comments", test_comments);
  ADD ("/params-file/project-form", test_project_form);
  ADD ("/params-file/save-round-trip", test_save_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strconcat ("/params-file/bad/", bad_files[i].name, NULL);

      g_test_add (name, Fixture, &bad_files[i], fixture_set_up, test_bad_file,
                  fixture_tear_down);
    }

  return g_test_run ();
}
