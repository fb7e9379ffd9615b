/* lda-run-result.c — what the runner hands the window: a result and a
 * preview, and how they are freed
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lda-pipeline-runner.h"

void
lda_run_result_free (LdaRunResult *result)
{
  if (result == NULL)
    return;

  for (guint i = 0; i < LDA_N_INPUTS; i++)
    g_clear_pointer (&result->inputs[i], lda_image_unref);
  g_clear_pointer (&result->sobel, lda_image_unref);
  g_clear_pointer (&result->labels, lda_image_unref);
  g_clear_pointer (&result->brightfield_pixels, g_bytes_unref);
  g_clear_pointer (&result->composite_pixels, g_bytes_unref);
  g_clear_pointer (&result->fluorescence_pixels, g_bytes_unref);
  g_clear_pointer (&result->sobel_pixels, g_bytes_unref);
  for (guint c = 0; c < LDA_N_CHANNELS; c++)
    {
      g_clear_pointer (&result->intensities[c], g_bytes_unref);
      g_clear_pointer (&result->votes[c], g_free);
    }
  g_clear_pointer (&result->counts, lda_counts_free);
  g_clear_pointer (&result->nuclei, lda_runs_free);
  g_free (result);
}

void
lda_run_preview_free (LdaRunPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->labels, lda_image_unref);
  g_free (preview);
}
