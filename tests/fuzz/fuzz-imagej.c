/* fuzz-imagej.c — the ImageJ description parser on any bytes
 *
 * The input is an ImageDescription.  Anything but a result whose counts
 * agree, or a GError with a message, is a finding.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <math.h>

#include "lda-imagej.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  LdaImageJInfo info;

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
