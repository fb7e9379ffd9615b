/* lda-series.h — the frames of what is open: one triple, a multi-page
 * time series, or a folder of triples
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-compose.h"
#include "lda-params.h"
#include "lda-triples.h"

G_BEGIN_DECLS

/**
 * LdaFrameState:
 * @LDA_FRAME_AUTOMATIC: the mask is the automatic segmentation
 * @LDA_FRAME_EDITED: the person has corrected the mask
 * @LDA_FRAME_EXPORTED: the corrected mask has been exported
 */
typedef enum
{
  LDA_FRAME_AUTOMATIC,
  LDA_FRAME_EDITED,
  LDA_FRAME_EXPORTED,
} LdaFrameState;

/**
 * LdaFrame:
 * @triple: (transfer none): the files of this time point
 * @page: the page of those files
 * @time_index: the time point, for plots and tables
 * @title: a short name for people ("t04", "series p3")
 * @state: what has been done to its mask
 * @has_override: the frame has parameters of its own
 * @override: those parameters
 * @time_hours: when the frame was taken, in hours from the first, or NAN
 *   when the files do not say (then only @time_index orders frames)
 * @has_file_time: @time_hours comes from the files, not from an interval
 *   given for the series (lda_series_set_interval())
 * @pixel_size_um: the side of a pixel in micrometres, or 0 when the files
 *   carry no calibration (then sizes are in pixels, never in a wrong unit)
 * @has_counts: @live, @dead and @dead_fraction hold a result
 */
typedef struct
{
  LdaTriple     *triple;
  guint          page;
  guint          time_index;
  char          *title;
  LdaFrameState  state;
  gboolean       has_override;
  LdaParams      override;
  double         time_hours;
  gboolean       has_file_time;
  double         pixel_size_um;
  gboolean       has_counts;
  guint          live;
  guint          dead;
  double         dead_fraction;
} LdaFrame;

typedef struct _LdaSeries LdaSeries;

LdaSeries       *lda_series_new_from_folder (const char       *folder,
                                             GError          **error);
LdaSeries       *lda_series_new_from_folder_full (const char    *folder,
                                             const char       *series,
                                             const LdaChannelMap *map,
                                             GError          **error);
const char * const *lda_series_get_all_series (LdaSeries      *self);
LdaSeries       *lda_series_new_from_files  (const char * const *paths,
                                             guint             n_paths,
                                             GError          **error);
LdaSeries       *lda_series_new_from_files_mapped (const char * const *paths,
                                             guint             n_paths,
                                             const LdaChannelMap *map,
                                             GError          **error);
LdaSeries       *lda_series_copy            (LdaSeries        *self);
LdaSeries       *lda_series_join            (LdaSeries * const *parts,
                                             guint             n_parts,
                                             const char       *name);
void             lda_series_free            (LdaSeries        *self);
const char      *lda_series_get_name        (LdaSeries        *self);
const char      *lda_series_get_folder      (LdaSeries        *self);
guint            lda_series_get_n_frames    (LdaSeries        *self);
LdaFrame        *lda_series_get_frame       (LdaSeries        *self,
                                             guint             index);
gboolean         lda_series_frame_is_page   (LdaSeries        *self,
                                             guint             index);
GPtrArray       *lda_series_get_problems    (LdaSeries        *self);
GStrv            lda_series_get_notes       (LdaSeries        *self);
const LdaParams *lda_series_get_params      (LdaSeries        *self);
void             lda_series_set_params      (LdaSeries        *self,
                                             const LdaParams  *params);
const LdaParams *lda_series_get_frame_params (LdaSeries       *self,
                                             guint             index);
void             lda_series_set_frame_override (LdaSeries     *self,
                                             guint             index,
                                             const LdaParams  *params);
void             lda_series_set_frame_counts (LdaSeries       *self,
                                             guint             index,
                                             const LdaCounts  *counts);
const char      *lda_frame_state_name       (LdaFrameState     state);
gboolean         lda_series_parse_frames    (LdaSeries        *self,
                                             const char       *text,
                                             guint             base,
                                             GArray           *frames,
                                             GError          **error);

gboolean         lda_interval_parse         (const char       *text,
                                             double           *hours,
                                             GError          **error);
void             lda_series_set_interval    (LdaSeries        *self,
                                             double            hours);
double           lda_series_get_interval    (LdaSeries        *self);
gboolean         lda_series_has_untimed_frames (LdaSeries     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaSeries, lda_series_free)

G_END_DECLS
