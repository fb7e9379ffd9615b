/* fuzz-imagej.c — the ImageJ description parser on any bytes
 *
 * The input is an ImageDescription, and also ImageJ's slice-label tags:
 * its first byte gives how many byte counts follow, then the counts, then
 * the tag's bytes.  Anything but a result whose counts agree (labels in
 * UTF-8), or a GError with a message, is a finding.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <math.h>
#include <string.h>

#include "lda-imagej.h"
#include "lda-imagej-labels.h"

static void
fuzz_labels (const uint8_t *data,
             size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *counts = NULL;
  g_auto(GStrv) labels = NULL;
  guint n_counts;

  if (size < 1)
    return;
  n_counts = data[0] % 16;
  if (size < 1 + 4 * (size_t) n_counts)
    return;
  counts = g_new (guint32, n_counts + 1);
  memcpy (counts, data + 1, 4 * (size_t) n_counts);
  data += 1 + 4 * (size_t) n_counts;
  size -= 1 + 4 * (size_t) n_counts;

  labels = lda_imagej_labels (data, size, counts, n_counts, n_counts % 2 == 0, &error);
  if (error != NULL)
    {
      g_assert_null (labels);
      fuzz_check_error (error);
      return;
    }
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    g_assert_true (g_utf8_validate (labels[i], -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  LdaImageJInfo info;

  fuzz_labels (data, size);
  if (!lda_imagej_parse ((const char *) data, size, &info, &error))
    {
      g_assert_nonnull (error);
      fuzz_check_error (error);
      return 0;
    }

  g_assert_null (error);
  if (!info.is_imagej)
    return 0;

  g_assert_cmpuint (info.channels, >=, 1);
  g_assert_cmpuint (info.slices, >=, 1);
  g_assert_cmpuint (info.frames, >=, 1);
  /* A hyperstack's counts multiply to its pages. */
  if ((guint64) info.channels * info.slices * info.frames > 1)
    g_assert_cmpuint ((guint64) info.channels * info.slices * info.frames, ==, info.images);
  g_assert_true (isfinite (info.finterval_hours) && info.finterval_hours >= 0.0);
  g_assert_true (isfinite (info.unit_um) && info.unit_um >= 0.0);

  return 0;
}
