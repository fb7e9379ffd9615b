/* fuzz-mm-metadata.c — the Micro-Manager metadata reader on any bytes
 *
 * The input is a metadata.txt.  Anything but a table of finite times, or
 * a GError with a message, is a finding.
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include <math.h>

#include "lda-mm-metadata.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) times = lda_mm_metadata_parse ((const char *) data, size, &error);
  GHashTableIter iter;
  gpointer key, value;

  if (times == NULL)
    {
      g_assert_nonnull (error);
      fuzz_check_error (error);
      return 0;
    }

  g_assert_null (error);
  g_hash_table_iter_init (&iter, times);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_nonnull (key);
      g_assert_true (isfinite (*(const double *) value));
    }

  return 0;
}
