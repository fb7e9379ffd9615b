/* lda-components.h — runs of a binary image and their connected components
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-bitplane.h"

G_BEGIN_DECLS

/**
 * LdaRun:
 * @y: row
 * @x0: first column
 * @x1: one past the last column
 */
typedef struct
{
  guint y;
  guint x0;
  guint x1;
} LdaRun;

/**
 * LdaRuns:
 * @runs: the runs in raster order
 * @n_runs: how many
 * @row_start: (array length=height+1): runs of row y are
 *   runs[row_start[y]] … runs[row_start[y + 1] − 1]
 * @labels: after lda_runs_label(), the component of each run, numbered
 *   0 … n_components − 1 in the raster order of their first pixel
 * @n_components: after lda_runs_label(), the number of components
 */
typedef struct
{
  guint   width;
  guint   height;
  LdaRun *runs;
  gsize   n_runs;
  gsize  *row_start;
  guint  *labels;
  guint   n_components;
} LdaRuns;

LdaRuns *lda_runs_new_from_bitplane (const LdaBitplane *plane,
                                     gboolean           value,
                                     GError           **error);
LdaRuns *lda_runs_copy              (const LdaRuns     *self,
                                     GError           **error);
LdaRuns *lda_runs_new_crop          (const LdaRuns     *runs,
                                     guint              x,
                                     guint              y,
                                     guint              width,
                                     guint              height,
                                     GError           **error);
void     lda_runs_keep              (LdaRuns           *self,
                                     const gboolean    *keep);
guint    lda_runs_group             (const LdaRuns     *self,
                                     gsize              large,
                                     gsize             *first_run,
                                     LdaRun            *grouped,
                                     guint             *order,
                                     gsize             *n_pixels);
void     lda_runs_free              (LdaRuns           *self);
void     lda_runs_label             (LdaRuns           *self,
                                     guint              connectivity);
gint     lda_runs_label_at          (const LdaRuns     *self,
                                     guint              x,
                                     guint              y);
void     lda_runs_paint             (const LdaRun      *run,
                                     LdaBitplane       *plane,
                                     gboolean           value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaRuns, lda_runs_free)

G_END_DECLS
