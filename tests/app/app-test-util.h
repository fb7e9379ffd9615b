/* app-test-util.h — folders for the application tests
 *
 * Copyright 2026 The Live/Dead Annotator authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LDA_TEST_SAMPLE "nov22-402-tile2-0_t41"

char *lda_test_copy_sample (const char *prefix);
void  lda_test_remove_tree (const char *path);

G_END_DECLS
