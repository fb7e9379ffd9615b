/* fuzz-project.c — the project and parameter file loaders on any bytes
 *
 * A series of two tiny triples is made once; each input becomes its
 * project file (`livedead-project/<series>.ini`) and is loaded the way
 * the application loads it, then read as a parameter file the way
 * `livedead --params` reads one.  Whatever loads must hold valid
 * parameters; whatever does not must say why.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lda-error.h"
#include "lda-params.h"
#include "lda-project.h"
#include "lda-series.h"
#include "lda-tiff.h"

static char *dir;
static char *project;
static char *ini;
static LdaSeries *series;

static void
clean_up (void)
{
  g_clear_pointer (&series, lda_series_free);
  fuzz_remove_tree (dir);
}

static void
set_up (void)
{
  static const char *const channels[] = { "bf", "hoechst", "draq7" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  dir = fuzz_make_dir ("lda-fuzz-project");
  for (guint t = 0; t < 2; t++)
    for (guint c = 0; c < 3; c++)
      {
        g_autofree char *file = g_strdup_printf ("well_t%u_%s.tif", t + 1, channels[c]);
        g_autofree char *path = g_build_filename (dir, file, NULL);
        g_autoptr(LdaImage) image = lda_image_new (LDA_PIXEL_U16, 8, 6, &error);

        g_assert_no_error (error);
        if (!lda_tiff_write (path, image, &error))
          g_error ("%s", error->message);
      }

  series = lda_series_new_from_folder (dir, &error);
  if (series == NULL)
    g_error ("%s", error->message);
  project = g_build_filename (dir, LDA_PROJECT_FOLDER_NAME, NULL);
  if (!lda_project_save_params (series, project, &error))
    g_error ("%s", error->message);

  listing = g_dir_open (project, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".ini"))
      ini = g_build_filename (project, name, NULL);
  g_assert_nonnull (ini);

  atexit (clean_up);
}

/* A damaged project file is set aside beside itself; remove those. */
static void
remove_set_aside (void)
{
  g_autoptr(GDir) listing = g_dir_open (project, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (strstr (name, ".damaged-") != NULL)
      {
        g_autofree char *path = g_build_filename (project, name, NULL);

        g_unlink (path);
      }
}

static void
check_params (const LdaParams *params)
{
  g_autoptr(GError) error = NULL;

  if (!lda_params_validate (params, &error))
    g_error ("a loaded file gave parameters that are not valid: %s", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  LdaParams params;

  if (series == NULL)
    set_up ();

  fuzz_write_file (ini, data, size);
  if (lda_project_load (series, project, &edits, &error))
    {
      g_assert_no_error (error);
      g_assert_nonnull (edits);
      g_assert_cmpuint (edits->len, ==, lda_series_get_n_frames (series));
      check_params (lda_series_get_params (series));
      for (guint i = 0; i < lda_series_get_n_frames (series); i++)
        check_params (lda_series_get_frame_params (series, i));
    }
  else
    {
      g_assert_nonnull (error);
      fuzz_check_error (error);
      g_clear_error (&error);
    }
  remove_set_aside ();

  fuzz_write_file (ini, data, size);
  lda_params_init (&params);
  if (lda_params_load (&params, ini, &error))
    check_params (&params);
  else
    fuzz_check_error (error);

  return 0;
}
