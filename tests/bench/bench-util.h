/* bench-util.h — what the window benchmarks share
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bench_make_tiled_sample (const char *sample_dir,
                               const char *prefix,
                               guint       tiles,
                               char      **paths);
void  bench_remove_tree       (const char *path);

G_END_DECLS
