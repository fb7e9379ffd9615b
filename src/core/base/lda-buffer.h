/* lda-buffer.h — large pixel buffers, kept for reuse
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* From this size on a buffer is large: mapped on its own, aligned to
 * 2 MiB for transparent huge pages, and kept for reuse once freed. */
#define LDA_BUFFER_LARGE (4 * 1024 * 1024)

/* At most this much freed memory is kept for reuse, unless set otherwise
 * (lda_buffer_set_cache_max()): all a 2048 × 2048 frame's large buffers,
 * and at 8192 × 8192 (a quarter of the window's 40 bytes a pixel went to
 * kept blocks at 1 GiB) a few. */
#define LDA_BUFFER_CACHE_MAX (G_GUINT64_CONSTANT (256) << 20)
/* What the command keeps: about all that one run frees at 8192 × 8192,
 * where the window cannot afford it but a command that runs frame after
 * frame spends less time mapping fresh memory than it did. */
#define LDA_BUFFER_CACHE_COMMAND (G_GUINT64_CONSTANT (1024) << 20)

gpointer lda_buffer_alloc  (gsize    size,
                            gboolean zero);
void     lda_buffer_free   (gpointer data);
void     lda_buffer_trim   (void);
gsize    lda_buffer_cached (void);
void     lda_buffer_set_cache_max (gsize bytes);
gsize    lda_buffer_get_cache_max (void);

/* g_auto(LdaBuffer) buf = lda_buffer_alloc (…): freed on leaving scope. */
typedef gpointer LdaBuffer;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LdaBuffer, lda_buffer_free, NULL)

G_END_DECLS
