/* lda-edits.h — the person's corrections over the automatic mask
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lda-compose.h"
#include "lda-image.h"
#include "lda-rect.h"

G_BEGIN_DECLS

/* An edit pixel holds a class 0–4, or this: no edit, the automatic mask
 * shows through. */
#define LDA_NO_EDIT 0xff

/**
 * LdaEdits:
 * @width: columns
 * @height: rows
 * @pixels: width × height bytes, %LDA_NO_EDIT or a class
 *
 * One frame's edit layer.  The mask shown and exported is the automatic
 * mask with these pixels on top; re-running the segmentation replaces the
 * automatic mask and never touches the edits.
 */
typedef struct
{
  guint   width;
  guint   height;
  guint8 *pixels;
} LdaEdits;

LdaEdits  *lda_edits_new         (guint            width,
                                  guint            height,
                                  GError         **error);
LdaEdits  *lda_edits_copy        (const LdaEdits  *self,
                                  GError         **error);
void       lda_edits_free        (LdaEdits        *self);
gsize      lda_edits_count       (const LdaEdits  *self);
void       lda_edits_clear       (LdaEdits        *self);
LdaImage  *lda_edits_merge       (const LdaEdits  *self,
                                  const LdaImage  *automatic,
                                  GError         **error);
void       lda_edits_merge_rect  (const LdaEdits  *self,
                                  const LdaImage  *automatic,
                                  LdaImage        *merged,
                                  const LdaRect   *rect);

/* Tools.  Each changes @self only, reads the merged mask where it needs
 * to know what is shown, and grows @dirty by what it changed. */
void       lda_edits_dab         (LdaEdits        *self,
                                  double           cx,
                                  double           cy,
                                  double           radius,
                                  guint8           value,
                                  LdaRect         *dirty);
void       lda_edits_line        (LdaEdits        *self,
                                  double           x0,
                                  double           y0,
                                  double           x1,
                                  double           y1,
                                  double           radius,
                                  guint8           value,
                                  LdaRect         *dirty);
gboolean   lda_edits_fill        (LdaEdits        *self,
                                  const LdaImage  *merged,
                                  guint            x,
                                  guint            y,
                                  guint8           klass,
                                  LdaRect         *dirty);
gboolean   lda_edits_fill_full   (LdaEdits        *self,
                                  const LdaImage  *merged,
                                  guint            x,
                                  guint            y,
                                  guint8           klass,
                                  guint            connectivity,
                                  LdaRect         *dirty,
                                  GError         **error);
gboolean   lda_edits_toggle_nucleus (LdaEdits     *self,
                                  const LdaImage  *merged,
                                  guint            x,
                                  guint            y,
                                  LdaRect         *dirty);
gboolean   lda_edits_toggle_nucleus_full (LdaEdits *self,
                                  const LdaImage  *merged,
                                  guint            x,
                                  guint            y,
                                  guint            connectivity,
                                  LdaRect         *dirty);
gboolean   lda_edits_delete_cell (LdaEdits        *self,
                                  const LdaImage  *merged,
                                  guint            x,
                                  guint            y,
                                  LdaRect         *dirty);
gsize      lda_edits_clear_crumbs (LdaEdits       *self,
                                  const LdaImage  *merged,
                                  const LdaRect   *stroke,
                                  guint8           klass,
                                  guint            min_area,
                                  guint            connectivity,
                                  LdaRect         *dirty);

/**
 * LdaStrokeEnd:
 * @value: the class a brush painted, or %LDA_NO_EDIT for the eraser
 * @joining: a brush stroke that painted every pixel (Shift held), not
 *   one that kept to one nucleus
 * @objects: the frame's parameters make nucleus objects
 * @min_area: their smallest nucleus
 * @connectivity: how nucleus pixels join, 4 or 8
 * @before: (nullable): the edit layer's pixels before the stroke
 *   (lda_document_get_edit_before()): the stroke mends only the nuclei
 *   it changed a pixel of; without them, every nucleus of its rectangle
 *
 * What lda_edits_end_stroke() needs to know of a stroke.
 */
typedef struct
{
  guint8        value;
  gboolean      joining;
  gboolean      objects;
  guint         min_area;
  guint         connectivity;
  const guint8 *before;
} LdaStrokeEnd;

gsize      lda_edits_end_stroke  (LdaEdits            *self,
                                  const LdaImage      *automatic,
                                  const LdaImage      *merged,
                                  const LdaRect       *stroke,
                                  const LdaStrokeEnd  *how,
                                  LdaRect             *dirty);
gsize      lda_edits_erase_classes (LdaEdits       *self,
                                    const LdaImage  *automatic,
                                    const LdaImage  *merged,
                                    const LdaRect   *stroke,
                                    const guint8    *before,
                                    guint            connectivity,
                                    LdaRect         *dirty);
gsize      lda_edits_erase_lines   (LdaEdits       *self,
                                    const LdaImage  *automatic,
                                    const LdaImage  *merged,
                                    const LdaRect   *stroke,
                                    const guint8    *before,
                                    guint            connectivity,
                                    LdaRect         *dirty);

/* A brush stroke of a nucleus class that keeps nuclei apart
 * (lda-edits-apart.c). */
typedef struct _LdaNucleusStroke LdaNucleusStroke;

LdaNucleusStroke *lda_nucleus_stroke_new (const LdaImage   *merged,
                                          double            x,
                                          double            y,
                                          guint             connectivity,
                                          GError          **error);
void       lda_nucleus_stroke_line (LdaNucleusStroke      *self,
                                    LdaEdits              *edits,
                                    const LdaImage        *merged,
                                    double                 x0,
                                    double                 y0,
                                    double                 x1,
                                    double                 y1,
                                    double                 radius,
                                    guint8                 klass,
                                    LdaRect               *dirty);
gboolean   lda_nucleus_stroke_kept_apart (const LdaNucleusStroke *self);
gsize      lda_edits_join_lines    (LdaEdits              *self,
                                    const LdaImage        *merged,
                                    const LdaRect         *stroke,
                                    const guint8          *before,
                                    guint8                 klass,
                                    guint                  connectivity,
                                    LdaRect               *dirty);
void       lda_nucleus_stroke_free (LdaNucleusStroke      *self);

LdaCounts *lda_counts_new_from_labels (const LdaImage *labels);
LdaCounts *lda_counts_new_from_labels_full (const LdaImage *labels,
                                  guint            connectivity);
GArray    *lda_labels_nucleus_find (const LdaImage *labels,
                                    guint           x,
                                    guint           y,
                                    guint           connectivity);
gsize      lda_labels_largest_nucleus (const LdaImage *labels,
                                       guint           connectivity);
gboolean   lda_labels_nucleus_call_pixels (const LdaImage *labels,
                                           const GArray   *pixels,
                                           gsize          *hoechst,
                                           gsize          *draq7);
gboolean   lda_labels_nucleus_call (const LdaImage *labels,
                                    guint           x,
                                    guint           y,
                                    guint           connectivity,
                                    gsize          *hoechst,
                                    gsize          *draq7);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaEdits, lda_edits_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdaNucleusStroke, lda_nucleus_stroke_free)

G_END_DECLS
