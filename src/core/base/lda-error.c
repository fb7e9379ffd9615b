/* lda-error.c — error domain of the segmentation core
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "lda-error.h"

/* Not G_DEFINE_QUARK: its first call is not safe from two threads at
 * once, and the batch's jobs first ask for the domain side by side. */
GQuark
lda_error_quark (void)
{
  static gsize quark = 0;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("lda-error-quark"));

  return (GQuark) quark;
}
